/*
 * Target 1: a server SSL fed arbitrary client bytes through a memory BIO.
 *
 * Input: one configuration byte, then deliveries (fz_chunk: 2-byte length + bytes). Each
 * delivery is appended to the server's read BIO and the server is driven (handshake, then
 * reads) until it wants more; what it writes is discarded. A fatal error ends the input.
 * Configuration: bits 0-1 protocol (0 any, 1 TLS 1.2 only, 2 TLS 1.3 only, 3 up to TLS 1.2),
 * bit 2 RSA certificate (else ECDSA), bit 3 request a client certificate, bit 4 SSL_read_ex
 * (else SSL_read), bit 5 shut down at the end, bit 6 partial-write + auto-retry off.
 */
#include "fuzz.h"

static SSL_CTX *ctx_ec, *ctx_rsa;

static void setup(void)
{
    if (ctx_ec != NULL)
        return;
    ctx_ec = fz_server_ctx("server-ec.pem", "server-ec.key");
    ctx_rsa = fz_server_ctx("server-rsa.pem", "server-rsa.key");
    SSL_CTX_load_verify_locations(ctx_ec, fz_cert("ca-bundle.pem"), NULL);
    SSL_CTX_load_verify_locations(ctx_rsa, fz_cert("ca-bundle.pem"), NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_in in = { data, size };
    unsigned cfg;
    const uint8_t *p;
    size_t n;
    SSL *s;
    BIO *rb, *wb;
    int done = 0, dead = 0;
    unsigned char buf[16384 + 1];

    setup();
    cfg = fz_u8(&in);
    s = SSL_new((cfg & 4) ? ctx_rsa : ctx_ec);
    FZ_CHECK(s != NULL);
    fz_versions(s, cfg);
    if (cfg & 8)
        SSL_set_verify(s, SSL_VERIFY_PEER, NULL);
    if (cfg & 64) {
        SSL_set_mode(s, SSL_MODE_ENABLE_PARTIAL_WRITE);
        SSL_clear_mode(s, SSL_MODE_AUTO_RETRY);
    }
    rb = BIO_new(BIO_s_mem());
    wb = BIO_new(BIO_s_mem());
    FZ_CHECK(rb != NULL && wb != NULL);
    BIO_set_mem_eof_return(rb, -1);
    SSL_set_bio(s, rb, wb);
    SSL_set_accept_state(s);

    while (!dead && fz_chunk(&in, &p, &n)) {
        int rounds;
        if (n > 0)
            FZ_CHECK(BIO_write(rb, p, (int)n) == (int)n);
        for (rounds = 0; rounds < 64; rounds++) {
            int r, e;
            if (!done) {
                r = SSL_do_handshake(s);
                FZ_CHECK(r == 1 || r == 0 || r == -1);
                e = fz_get_error(s, r, "SSL_do_handshake");
                if (r == 1) {
                    FZ_CHECK(SSL_is_init_finished(s));
                    FZ_CHECK(SSL_version(s) == TLS1_2_VERSION || SSL_version(s) == TLS1_3_VERSION);
                    FZ_CHECK(SSL_get_current_cipher(s) != NULL);
                    done = 1;
                    continue;
                }
            } else if (cfg & 16) {
                size_t got = 0;
                r = SSL_read_ex(s, buf, sizeof buf - 1, &got);
                FZ_CHECK(r == 0 || r == 1);
                FZ_CHECK(r == 1 ? got > 0 && got <= sizeof buf - 1 : got == 0);
                e = fz_get_error(s, r, "SSL_read_ex");
                if (r == 1)
                    continue;
            } else {
                r = SSL_read(s, buf, sizeof buf - 1);
                FZ_CHECK(r <= (int)sizeof buf - 1);
                e = fz_get_error(s, r, "SSL_read");
                if (r > 0) {
                    FZ_CHECK(SSL_pending(s) >= 0);
                    continue;
                }
            }
            fz_drain(wb);
            if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
                dead = 1;
            break;
        }
        fz_drain(wb);
    }
    if (cfg & 32) {
        int r = SSL_shutdown(s);
        FZ_CHECK(r == 1 || r == 0 || r < 0);
        fz_drain(wb);
    }
    SSL_free(s);
    fz_end();
    return 0;
}
