/*
 * Target 5: the cipher-string, TLS 1.3 ciphersuite, groups and signature-algorithm list parsers.
 *
 * Input: commands separated by NUL bytes; each command's first byte chooses the setter (mod 8),
 * the rest is its string: 0 SSL_CTX_set_cipher_list, 1 SSL_CTX_set_ciphersuites,
 * 2 SSL_CTX_set1_groups_list, 3 SSL_CTX_set1_sigalgs_list, 4 SSL_set_cipher_list,
 * 5 SSL_set_ciphersuites, 6 SSL_set1_groups_list, 7 SSL_CTX_set1_client_sigalgs_list.
 * Afterwards the resulting cipher lists are read back and, when something was accepted, a
 * client writes its ClientHello with that configuration.
 */
#include "fuzz.h"

static void check_ciphers(SSL *s)
{
    STACK_OF(SSL_CIPHER) *sk = SSL_get_ciphers(s);
    int i, n;
    char buf[256];
    const char *name;
    if (sk == NULL)
        return;
    n = sk_SSL_CIPHER_num(sk);
    FZ_CHECK(n >= 0);
    for (i = 0; i < n; i++) {
        const SSL_CIPHER *c = sk_SSL_CIPHER_value(sk, i);
        FZ_CHECK(c != NULL);
        FZ_CHECK(SSL_CIPHER_get_name(c) != NULL);
        FZ_CHECK(SSL_CIPHER_description(c, buf, sizeof buf) != NULL);
    }
    for (i = 0; (name = SSL_get_cipher_list(s, i)) != NULL; i++)
        FZ_CHECK(i < n);
    FZ_CHECK(i == n);
    {
        char *all = SSL_get_shared_ciphers(s, buf, sizeof buf);
        (void)all;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = SSL_new(ctx);
    size_t off = 0;
    int accepted = 0;
    char str[1024];

    FZ_CHECK(ctx != NULL && s != NULL);
    while (off < size) {
        unsigned sel = data[off++] & 7;
        size_t end = off, len;
        int r = 0;
        while (end < size && data[end] != 0)
            end++;
        len = end - off;
        if (len >= sizeof str)
            len = sizeof str - 1;
        memcpy(str, data + off, len);
        str[len] = 0;
        off = end + 1;
        switch (sel) {
        case 0: r = SSL_CTX_set_cipher_list(ctx, str); break;
        case 1: r = SSL_CTX_set_ciphersuites(ctx, str); break;
        case 2: r = (int)SSL_CTX_set1_groups_list(ctx, str); break;
        case 3: r = (int)SSL_CTX_set1_sigalgs_list(ctx, str); break;
        case 4: r = SSL_set_cipher_list(s, str); break;
        case 5: r = SSL_set_ciphersuites(s, str); break;
        case 6: r = (int)SSL_set1_groups_list(s, str); break;
        case 7: r = (int)SSL_CTX_set1_client_sigalgs_list(ctx, str); break;
        }
        FZ_CHECK(r == 0 || r == 1);
        accepted |= r;
        check_ciphers(s);
    }
    if (accepted) {
        SSL *c = SSL_new(ctx);
        BIO *rb = BIO_new(BIO_s_mem()), *wb = BIO_new(BIO_s_mem());
        int r;
        FZ_CHECK(c != NULL && rb != NULL && wb != NULL);
        SSL_set_bio(c, rb, wb);
        SSL_set_connect_state(c);
        check_ciphers(c);
        r = SSL_do_handshake(c);
        FZ_CHECK(r <= 0);
        fz_get_error(c, r, "SSL_do_handshake");
        fz_drain(wb);
        SSL_free(c);
    }
    SSL_free(s);
    SSL_CTX_free(ctx);
    fz_end();
    return 0;
}
