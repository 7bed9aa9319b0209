/*
 * Target 2: a client fed arbitrary server flights after a real ClientHello.
 *
 * The client writes its ClientHello into a memory BIO (discarded); the input is what the
 * "server" sends back. Input: one configuration byte, then deliveries (fz_chunk). Each delivery
 * is appended to the client's read BIO and the client is driven (handshake, then reads).
 * Configuration: bits 0-1 protocol (0 any, 1 TLS 1.2 only, 2 TLS 1.3 only, 3 up to TLS 1.2),
 * bit 2 verify the server (SSL_VERIFY_PEER, host "localhost"), bit 3 SNI, bit 4 ALPN offer,
 * bit 5 client certificate, bit 6 shut down at the end, bit 7 SSL_peek before each read.
 */
#include "fuzz.h"

static SSL_CTX *cctx;

static void setup(void)
{
    if (cctx != NULL)
        return;
    cctx = fz_client_ctx();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned char alpn[] = { 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1' };
    struct fz_in in = { data, size };
    unsigned cfg;
    const uint8_t *p;
    size_t n;
    SSL *s;
    BIO *rb, *wb;
    int done = 0, dead = 0, r;
    unsigned char buf[16384 + 1], pbuf[64];

    setup();
    cfg = fz_u8(&in);
    s = SSL_new(cctx);
    FZ_CHECK(s != NULL);
    fz_versions(s, cfg);
    if (cfg & 4) {
        SSL_set_verify(s, SSL_VERIFY_PEER, NULL);
        SSL_set1_host(s, "localhost");
    }
    if (cfg & 8)
        SSL_set_tlsext_host_name(s, "localhost");
    if (cfg & 16)
        SSL_set_alpn_protos(s, alpn, sizeof alpn);
    if (cfg & 32) {
        SSL_use_certificate_file(s, fz_cert("client.pem"), SSL_FILETYPE_PEM);
        SSL_use_PrivateKey_file(s, fz_cert("client.key"), SSL_FILETYPE_PEM);
    }
    rb = BIO_new(BIO_s_mem());
    wb = BIO_new(BIO_s_mem());
    FZ_CHECK(rb != NULL && wb != NULL);
    BIO_set_mem_eof_return(rb, -1);
    SSL_set_bio(s, rb, wb);
    SSL_set_connect_state(s);

    /* the real ClientHello */
    r = SSL_do_handshake(s);
    FZ_CHECK(r == -1);
    FZ_CHECK(fz_get_error(s, r, "SSL_do_handshake") == SSL_ERROR_WANT_READ);
    FZ_CHECK(fz_drain(wb) > 0);

    while (!dead && fz_chunk(&in, &p, &n)) {
        int rounds;
        if (n > 0)
            FZ_CHECK(BIO_write(rb, p, (int)n) == (int)n);
        for (rounds = 0; rounds < 64; rounds++) {
            int e;
            if (!done) {
                r = SSL_do_handshake(s);
                FZ_CHECK(r == 1 || r == 0 || r == -1);
                e = fz_get_error(s, r, "SSL_do_handshake");
                if (r == 1) {
                    const unsigned char *sel = NULL;
                    unsigned int sl = 0;
                    FZ_CHECK(SSL_is_init_finished(s));
                    FZ_CHECK(SSL_get_current_cipher(s) != NULL);
                    SSL_get0_alpn_selected(s, &sel, &sl);
                    FZ_CHECK((sel == NULL) == (sl == 0));
                    done = 1;
                    continue;
                }
            } else {
                if (cfg & 128) {
                    int pr = SSL_peek(s, pbuf, sizeof pbuf);
                    FZ_CHECK(pr <= (int)sizeof pbuf);
                    fz_get_error(s, pr, "SSL_peek");
                    if (pr > 0) {
                        r = SSL_read(s, buf, pr);
                        FZ_CHECK(r == pr);
                        FZ_CHECK(memcmp(buf, pbuf, (size_t)pr) == 0);
                        continue;
                    }
                }
                r = SSL_read(s, buf, sizeof buf - 1);
                FZ_CHECK(r <= (int)sizeof buf - 1);
                e = fz_get_error(s, r, "SSL_read");
                if (r > 0)
                    continue;
            }
            fz_drain(wb);
            if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
                dead = 1;
            break;
        }
        fz_drain(wb);
    }
    if (cfg & 64) {
        r = SSL_shutdown(s);
        FZ_CHECK(r == 1 || r == 0 || r < 0);
        fz_drain(wb);
    }
    SSL_free(s);
    fz_end();
    return 0;
}
