/*
 * Pass-through ("forward") backend: objects made by libcrypto itself meet sslrs.
 *
 * Built against sslrs linked `-lsslrs -lcrypto` (so libcrypto.so.3 is in the process and sslrs
 * forwards every libcrypto-family call to it), and against the system OpenSSL for reference:
 * both must pass. libcrypto's own functions are reached with dlvsym(libcrypto.so.3, name,
 * "OPENSSL_3.0.0"), bypassing sslrs's exports: BIOs made that way are handed to SSL_set_bio
 * (a BIO pair and a custom BIO_METHOD), sslrs's errors, peer certificates, cipher stacks,
 * digests and ex_data are read back with libcrypto's functions.
 */
#include <dlfcn.h>
#include <string.h>

#include "testutil.h"

/* sslrs only (absent under OpenSSL): 1 when sslrs passes libcrypto-family calls through. */
int sslrs_backend_is_libcrypto(void) __attribute__((weak));

static void *lc;

static void *lcsym(const char *name)
{
    void *p = lc != NULL ? dlvsym(lc, name, "OPENSSL_3.0.0") : NULL;

    if (p == NULL)
        tu_log("libcrypto has no %s\n", name);
    return p;
}

#define LC(type, name) ((type)lcsym(#name))

static int test_backend(void)
{
    lc = dlopen("libcrypto.so.3", RTLD_LAZY | RTLD_NOLOAD);
    if (!TEST_ptr(lc))
        return 0;
    if (sslrs_backend_is_libcrypto != NULL && !TEST_int_eq(sslrs_backend_is_libcrypto(), 1))
        return 0;
    return 1;
}

/* A handshake and data over a BIO pair made by libcrypto's BIO_new_bio_pair. */
static int test_libcrypto_bio_pair(void)
{
    int (*new_pair)(BIO **, size_t, BIO **, size_t) =
        LC(int (*)(BIO **, size_t, BIO **, size_t), BIO_new_bio_pair);
    size_t (*pending)(BIO *) = LC(size_t (*)(BIO *), BIO_ctrl_pending);
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    BIO *a = NULL, *b = NULL;
    char buf[64];
    int ok = 0;

    if (!TEST_ptr(new_pair) || !TEST_ptr(pending)
        || !TEST_true(create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", "ca-ec.pem",
                                          &sctx, &cctx))
        || !TEST_ptr(s = SSL_new(sctx)) || !TEST_ptr(c = SSL_new(cctx))
        || !TEST_int_eq(new_pair(&a, 0, &b, 0), 1))
        goto end;
    SSL_set_bio(c, a, a);
    SSL_set_bio(s, b, b);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    if (!TEST_true(SSL_get_rbio(c) == a) || !TEST_true(SSL_get_wbio(c) == a)
        || !TEST_true(SSL_get_rbio(s) == b)
        || !TEST_true(create_ssl_connection(s, c))
        || !TEST_int_eq(SSL_write(c, "hello", 5), 5)
        || !TEST_int_gt(pending(b), 0)
        || !TEST_int_eq(SSL_read(s, buf, sizeof(buf)), 5)
        || !TEST_mem_eq(buf, 5, "hello", 5))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

/* A custom BIO_METHOD (as haproxy or Python's memory BIOs use) made with libcrypto's
 * BIO_meth_*: it relays to a BIO pair half kept as its data, copying the retry flags. */
static BIO *(*lc_next)(BIO *);
static void *(*lc_get_data)(BIO *);
static int (*lc_read)(BIO *, void *, int);
static int (*lc_write)(BIO *, const void *, int);
static int (*lc_test_flags)(const BIO *, int);
static void (*lc_set_flags)(BIO *, int);
static void (*lc_clear_flags)(BIO *, int);
static int relay_calls;

static void copy_retry(BIO *to, BIO *from)
{
    lc_clear_flags(to, BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
    lc_set_flags(to, lc_test_flags(from, BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY));
}

static int relay_write(BIO *b, const char *data, int len)
{
    BIO *inner = lc_get_data(b);
    int n = lc_write(inner, data, len);

    relay_calls++;
    copy_retry(b, inner);
    return n;
}

static int relay_read(BIO *b, char *data, int len)
{
    BIO *inner = lc_get_data(b);
    int n = lc_read(inner, data, len);

    relay_calls++;
    copy_retry(b, inner);
    return n;
}

static long relay_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    (void)b, (void)larg, (void)parg;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int test_custom_method(void)
{
    int (*new_pair)(BIO **, size_t, BIO **, size_t) =
        LC(int (*)(BIO **, size_t, BIO **, size_t), BIO_new_bio_pair);
    BIO_METHOD *(*meth_new)(int, const char *) =
        LC(BIO_METHOD * (*)(int, const char *), BIO_meth_new);
    void (*meth_free)(BIO_METHOD *) = LC(void (*)(BIO_METHOD *), BIO_meth_free);
    int (*set_write)(BIO_METHOD *, int (*)(BIO *, const char *, int)) =
        LC(int (*)(BIO_METHOD *, int (*)(BIO *, const char *, int)), BIO_meth_set_write);
    int (*set_read)(BIO_METHOD *, int (*)(BIO *, char *, int)) =
        LC(int (*)(BIO_METHOD *, int (*)(BIO *, char *, int)), BIO_meth_set_read);
    int (*set_ctrl)(BIO_METHOD *, long (*)(BIO *, int, long, void *)) =
        LC(int (*)(BIO_METHOD *, long (*)(BIO *, int, long, void *)), BIO_meth_set_ctrl);
    BIO *(*bio_new)(const BIO_METHOD *) = LC(BIO *(*)(const BIO_METHOD *), BIO_new);
    void (*set_data)(BIO *, void *) = LC(void (*)(BIO *, void *), BIO_set_data);
    void (*set_init)(BIO *, int) = LC(void (*)(BIO *, int), BIO_set_init);
    int (*bio_free)(BIO *) = LC(int (*)(BIO *), BIO_free);
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    BIO_METHOD *m = NULL;
    BIO *a = NULL, *b = NULL, *ra = NULL;
    char buf[64];
    int ok = 0;

    lc_get_data = LC(void *(*)(BIO *), BIO_get_data);
    lc_read = LC(int (*)(BIO *, void *, int), BIO_read);
    lc_write = LC(int (*)(BIO *, const void *, int), BIO_write);
    lc_test_flags = LC(int (*)(const BIO *, int), BIO_test_flags);
    lc_set_flags = LC(void (*)(BIO *, int), BIO_set_flags);
    lc_clear_flags = LC(void (*)(BIO *, int), BIO_clear_flags);
    lc_next = LC(BIO * (*)(BIO *), BIO_next);
    if (!TEST_ptr(meth_new) || !TEST_ptr(lc_get_data) || !TEST_ptr(lc_clear_flags)
        || !TEST_ptr(m = meth_new(BIO_TYPE_SOURCE_SINK | 0x7f, "relay"))
        || !TEST_true(set_write(m, relay_write)) || !TEST_true(set_read(m, relay_read))
        || !TEST_true(set_ctrl(m, relay_ctrl)) || !TEST_int_eq(new_pair(&a, 0, &b, 0), 1)
        || !TEST_ptr(ra = bio_new(m)))
        goto end;
    set_data(ra, a);
    set_init(ra, 1);
    if (!TEST_true(create_ssl_ctx_pair(0, 0, "server-rsa.pem", "server-rsa.key", "ca-rsa.pem",
                                       &sctx, &cctx))
        || !TEST_ptr(s = SSL_new(sctx)) || !TEST_ptr(c = SSL_new(cctx)))
        goto end;
    SSL_set_bio(c, ra, ra);
    ra = NULL;
    SSL_set_bio(s, b, b);
    b = NULL;
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    if (!TEST_true(create_ssl_connection(s, c)) || !TEST_int_gt(relay_calls, 2)
        || !TEST_int_eq(SSL_write(s, "pong", 4), 4)
        || !TEST_int_eq(SSL_read(c, buf, sizeof(buf)), 4) || !TEST_mem_eq(buf, 4, "pong", 4))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    if (ra != NULL)
        bio_free(ra);
    if (b != NULL)
        bio_free(b);
    if (a != NULL)
        bio_free(a);
    if (m != NULL)
        meth_free(m);
    return ok;
}

/* sslrs's errors are in libcrypto's queue; libcrypto prints the SSL reason string. */
static int test_errors_in_libcrypto(void)
{
    unsigned long (*peek)(void) = LC(unsigned long (*)(void), ERR_peek_error);
    unsigned long (*get)(void) = LC(unsigned long (*)(void), ERR_get_error);
    void (*string_n)(unsigned long, char *, size_t) =
        LC(void (*)(unsigned long, char *, size_t), ERR_error_string_n);
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    struct hs_side ss, cs;
    char text[256];
    int ok = 0;

    if (!TEST_ptr(peek) || !TEST_ptr(string_n)
        || !TEST_true(create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key",
                                          "other-ca.pem", &sctx, &cctx)))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)))
        goto end;
    /* The client's failing SSL_do_handshake, then libcrypto's view of the queue. */
    for (int i = 0; i < 20; i++) {
        int r = SSL_do_handshake(c);

        if (r <= 0 && SSL_get_error(c, r) == SSL_ERROR_SSL)
            break;
        SSL_do_handshake(s);
    }
    if (!TEST_ulong_eq(peek(), 0x0A000086UL))
        goto end;
    string_n(get(), text, sizeof(text));
    if (!TEST_str_eq(text, "error:0A000086:SSL routines::certificate verify failed"))
        goto end;
    (void)cs, (void)ss;
    ok = 1;
end:
    ERR_clear_error();
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

static int ex_freed;
static void *ex_seen;

static void ex_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    (void)parent, (void)argl, (void)argp;
    ex_freed++;
    ex_seen = ptr;
    /* libcrypto's CRYPTO_get_ex_data must understand `ad`. */
    if (CRYPTO_get_ex_data(ad, idx) != ptr)
        ex_seen = NULL;
}

/* Peer certificate, cipher stack, handshake digest and ex_data, read with libcrypto. */
static int test_objects_are_libcrypto(void)
{
    X509_NAME *(*subject)(const X509 *) = LC(X509_NAME * (*)(const X509 *), X509_get_subject_name);
    char *(*oneline)(const X509_NAME *, char *, int) =
        LC(char *(*)(const X509_NAME *, char *, int), X509_NAME_oneline);
    void (*x509_free)(X509 *) = LC(void (*)(X509 *), X509_free);
    int (*sk_num)(const OPENSSL_STACK *) = LC(int (*)(const OPENSSL_STACK *), OPENSSL_sk_num);
    void *(*sk_value)(const OPENSSL_STACK *, int) =
        LC(void *(*)(const OPENSSL_STACK *, int), OPENSSL_sk_value);
    int (*md_size)(const EVP_MD *) = LC(int (*)(const EVP_MD *), EVP_MD_get_size);
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    X509 *peer = NULL;
    STACK_OF(SSL_CIPHER) *sk;
    const SSL_CIPHER *cur;
    char name[256];
    int idx, ok = 0;
    static int marker;

    if (!TEST_ptr(subject) || !TEST_ptr(oneline) || !TEST_ptr(sk_num) || !TEST_ptr(md_size)
        || !TEST_true(create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", "ca-ec.pem",
                                          &sctx, &cctx))
        || !TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        || !TEST_true(create_ssl_connection(s, c))
        || !TEST_ptr(peer = SSL_get1_peer_certificate(c))
        || !TEST_ptr(oneline(subject(peer), name, sizeof(name)))
        || !TEST_str_eq(name, "/O=sslrs test/CN=localhost"))
        goto end;
    /* the session's peer certificate too (held by the session) */
    if (!TEST_ptr(SSL_get_session(c))
        || !TEST_ptr(oneline(subject(SSL_SESSION_get0_peer(SSL_get_session(c))), name, sizeof(name)))
        || !TEST_str_eq(name, "/O=sslrs test/CN=localhost"))
        goto end;
    if (!TEST_ptr(sk = SSL_get_ciphers(c)) || !TEST_int_gt(sk_num((OPENSSL_STACK *)sk), 3)
        || !TEST_ptr(sk_value((OPENSSL_STACK *)sk, 0))
        || !TEST_str_eq(SSL_CIPHER_get_name(sk_value((OPENSSL_STACK *)sk, 0)),
                        "TLS_AES_256_GCM_SHA384")
        || !TEST_ptr(cur = SSL_get_current_cipher(c))
        || !TEST_int_eq(md_size(SSL_CIPHER_get_handshake_digest(cur)), 48))
        goto end;
    idx = SSL_get_ex_new_index(0, NULL, NULL, NULL, ex_free);
    if (!TEST_int_gt(idx, 0) || !TEST_true(SSL_set_ex_data(c, idx, &marker))
        || !TEST_true(SSL_get_ex_data(c, idx) == &marker))
        goto end;
    ex_freed = 0;
    SSL_free(c);
    c = NULL;
    if (!TEST_int_eq(ex_freed, 1) || !TEST_true(ex_seen == &marker))
        goto end;
    ok = 1;
end:
    if (peer != NULL)
        x509_free(peer);
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

/* Anchors the program's X509_STORE finds through a lookup method (a hashed directory added
 * with libcrypto's X509_STORE_load_locations) count in verification. */
static int test_store_hashed_dir(void)
{
    int (*load_locations)(X509_STORE *, const char *, const char *) =
        LC(int (*)(X509_STORE *, const char *, const char *), X509_STORE_load_locations);
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    int ok = 0, round;

    if (!TEST_ptr(load_locations))
        return 0;
    for (round = 0; round < 2; round++) {
        struct hs_side hs, hc;

        if (!TEST_true(create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", NULL, &sctx,
                                           &cctx)))
            goto end;
        SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
        /* round 0: nothing in the store, unknown CA; round 1: the hashed directory */
        if (round == 1
            && !TEST_int_eq(load_locations(SSL_CTX_get_cert_store(cctx), NULL,
                                           cert_path("hashdir")), 1))
            goto end;
        if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
            || !TEST_true(pump_handshake(s, c, &hs, &hc, 30))
            || !TEST_int_eq(hc.done, round)
            || !TEST_int_eq(SSL_get_verify_result(c),
                            round ? X509_V_OK : X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY))
            goto end;
        ERR_clear_error();
        SSL_free(s);
        SSL_free(c);
        SSL_CTX_free(sctx);
        SSL_CTX_free(cctx);
        s = c = NULL;
        sctx = cctx = NULL;
    }
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

int main(void)
{
    RUN_TEST(test_backend);
    RUN_TEST(test_libcrypto_bio_pair);
    RUN_TEST(test_custom_method);
    RUN_TEST(test_errors_in_libcrypto);
    RUN_TEST(test_objects_are_libcrypto);
    RUN_TEST(test_store_hashed_dir);
    return tu_finish();
}
