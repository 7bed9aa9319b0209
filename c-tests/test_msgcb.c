/* The message callback (SSL_CTX_set_msg_callback / SSL_set_msg_callback and their _arg
 * macros): what it is shown of a TLS 1.3 and a TLS 1.2 handshake and shutdown. Compared on
 * both builds: every record header (SSL3_RT_HEADER, 5 bytes, both directions), the plaintext
 * handshake messages per side and direction in order, the ChangeCipherSpec written, and the
 * close_notify written. Record boundaries, message sizes and what OpenSSL shows after
 * encryption starts differ between the libraries (KNOWN_DIFFERENCES.md) and are not compared. */
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

struct seen {
    char flow[4][256]; /* [server][write]: message types and markers, in order */
    int after_ccs[2][2];
    int headers[2][2];
    int bad_header;
    int client_read_version[256]; /* the version shown with each handshake type the client read */
};
static struct seen seen;

static void add(char *flow, const char *what)
{
    strncat(flow, what, 255 - strlen(flow));
}

static void msg_cb(int write_p, int version, int content_type, const void *buf, size_t len,
                   SSL *ssl, void *arg)
{
    const unsigned char *b = buf;
    int side = SSL_is_server(ssl);
    char *flow = seen.flow[side * 2 + write_p];
    char item[16];

    if (arg != (void *)&seen)
        return;
    switch (content_type) {
    case SSL3_RT_HEADER:
        if (len != 5)
            seen.bad_header = 1;
        seen.headers[side][write_p]++;
        if (b[0] == SSL3_RT_CHANGE_CIPHER_SPEC)
            seen.after_ccs[side][write_p] = 1;
        break;
    case SSL3_RT_HANDSHAKE:
        if (!side && !write_p && len > 0)
            seen.client_read_version[b[0]] = version;
        if (!seen.after_ccs[side][write_p]) {
            snprintf(item, sizeof(item), "%02x ", b[0]);
            add(flow, item);
        }
        break;
    case SSL3_RT_CHANGE_CIPHER_SPEC:
        if (write_p)
            add(flow, "ccs ");
        break;
    case SSL3_RT_ALERT:
        if (write_p && len == 2) {
            snprintf(item, sizeof(item), "alert%d/%d ", b[0], b[1]);
            add(flow, item);
        }
        break;
    default:
        break;
    }
}

static int run(int version, const char *cw, const char *cr, const char *sw, const char *sr)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    char b[4];
    int ok = 0;

    memset(&seen, 0, sizeof(seen));
    if (!TEST_true(create_ssl_ctx_pair(version, version, "server-ec-chain.pem", "server-ec.key",
                                       "ca-bundle.pem", &sctx, &cctx)))
        goto end;
    /* The client's callback comes from its context (copied by SSL_new), the server's is set on
     * the connection. */
    SSL_CTX_set_msg_callback(cctx, msg_cb);
    SSL_CTX_set_msg_callback_arg(cctx, &seen);
    if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)))
        goto end;
    SSL_set_msg_callback(s, msg_cb);
    SSL_set_msg_callback_arg(s, &seen);
    if (!TEST_true(create_ssl_connection(s, c)) || !TEST_int_eq(SSL_write(s, "y", 1), 1)
        || !TEST_int_eq(SSL_read(c, b, sizeof(b)), 1) || !TEST_int_eq(SSL_shutdown(c), 0))
        goto end;
    if (!TEST_str_eq(seen.flow[1], cw) || !TEST_str_eq(seen.flow[0], cr)
        || !TEST_str_eq(seen.flow[3], sw) || !TEST_str_eq(seen.flow[2], sr)
        || !TEST_false(seen.bad_header) || !TEST_int_ge(seen.headers[0][0], 2)
        || !TEST_int_ge(seen.headers[0][1], 2) || !TEST_int_ge(seen.headers[1][0], 2)
        || !TEST_int_ge(seen.headers[1][1], 2))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

static int test_msg_tls13(void)
{
    return run(TLS1_3_VERSION, "01 ccs alert1/0 ", "02 ", "02 ccs ", "01 ");
}

static int test_msg_tls12(void)
{
    /* the server's flight after its ServerHello is shown with the version it chose */
    return run(TLS1_2_VERSION, "01 10 ccs alert1/0 ", "02 0b 0c 0e 04 ", "02 0b 0c 0e 04 ccs ",
               "01 10 ")
           && TEST_int_eq(seen.client_read_version[SSL3_MT_CERTIFICATE], TLS1_2_VERSION)
           && TEST_int_eq(seen.client_read_version[SSL3_MT_SERVER_KEY_EXCHANGE], TLS1_2_VERSION)
           && TEST_int_eq(seen.client_read_version[SSL3_MT_SERVER_DONE], TLS1_2_VERSION);
}

int main(void)
{
    RUN_TEST(test_msg_tls13);
    RUN_TEST(test_msg_tls12);
    return tu_finish();
}
