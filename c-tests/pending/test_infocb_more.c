/* Info callback (where/ret sequence, SSL_get_state and the state strings inside the callback),
 * message callback and alert strings, measured against OpenSSL 3.0: a BIO-pair handshake with
 * alternating SSL_connect/SSL_accept calls, one write/read each way, then shutdown. */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static char tbuf[16384];

static void add(const char *fmt, ...)
{
    size_t n = strlen(tbuf);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(tbuf + n, sizeof(tbuf) - n, fmt, ap);
    va_end(ap);
}

static void info_cb(const SSL *s, int where, int ret)
{
    add("%c %04x %d %d %s|%s", SSL_is_server((SSL *)s) ? 'S' : 'C', where, ret,
        (int)SSL_get_state(s), SSL_state_string(s), SSL_state_string_long(s));
    if (where & SSL_CB_ALERT)
        add(" [%s %s|%s %s]", SSL_alert_type_string(ret), SSL_alert_type_string_long(ret),
            SSL_alert_desc_string(ret), SSL_alert_desc_string_long(ret));
    add("\n");
}

/* Handshake messages inside encrypted records are not reported by sslrs (documented): only
 * the plaintext ones, ChangeCipherSpec and alerts are compared; record headers are counted. */
static int msg_tls13, n_headers, n_bad_headers;

static void msg_cb(int write_p, int version, int ct, const void *buf, size_t len, SSL *s,
                   void *arg)
{
    const unsigned char *b = buf;

    if (arg != (void *)&n_headers)
        add("BADARG\n");
    if (ct == SSL3_RT_HEADER) {
        n_headers++;
        if (len != 5 || (b[0] < 20 || b[0] > 23) || b[1] != 3)
            n_bad_headers++;
        return;
    }
    if (ct == SSL3_RT_INNER_CONTENT_TYPE)
        return;
    if (ct == SSL3_RT_HANDSHAKE && (len < 1 || (msg_tls13 ? b[0] > 2 : b[0] == 20)))
        return;
    add("%c w=%d v=%04x ct=%d t=%d\n", SSL_is_server(s) ? 'S' : 'C', write_p, version, ct,
        len > 0 ? b[0] : -1);
    if (ct == SSL3_RT_ALERT && len == 2)
        add("  alert %d %d\n", b[0], b[1]);
}

enum { CERT_NONE, CERT_SENT, CERT_ASKED_NONE, CERT_REQUIRED_NONE };

/* Runs the scenario and leaves its trace in tbuf. */
static int run(int version, int ccert, int untrusted, int use_msg)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    char buf[64];
    int ok = 0, i;

    tbuf[0] = '\0';
    if (!TEST_true(create_ssl_ctx_pair(0, version, "server-rsa.pem", "server-rsa.key",
                                       untrusted ? NULL : "ca-rsa.pem", &sctx, &cctx)))
        goto end;
    /* sslrs sends no TLS 1.2 session tickets yet: compare without them. */
    if (version == TLS1_2_VERSION)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (ccert != CERT_NONE) {
        SSL_CTX_set_verify(sctx,
                           SSL_VERIFY_PEER
                               | (ccert == CERT_REQUIRED_NONE ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0),
                           NULL);
        if (!TEST_int_eq(SSL_CTX_load_verify_locations(sctx, cert_path("ca-ec.pem"), NULL), 1))
            goto end;
        if (ccert == CERT_SENT
            && (!TEST_int_eq(SSL_CTX_use_certificate_file(cctx, cert_path("client.pem"),
                                                          SSL_FILETYPE_PEM), 1)
                || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(cctx, cert_path("client.key"),
                                                            SSL_FILETYPE_PEM), 1)))
            goto end;
    }
    if (use_msg) {
        msg_tls13 = version != TLS1_2_VERSION;
        SSL_CTX_set_msg_callback(sctx, msg_cb);
        SSL_CTX_set_msg_callback_arg(sctx, &n_headers);
        SSL_CTX_set_msg_callback(cctx, msg_cb);
        SSL_CTX_set_msg_callback_arg(cctx, &n_headers);
    } else {
        SSL_CTX_set_info_callback(sctx, info_cb);
        SSL_CTX_set_info_callback(cctx, info_cb);
    }
    if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)))
        goto end;
    for (i = 0; i < 3; i++) {
        add("-- connect %d\n", SSL_connect(c));
        add("-- accept %d\n", SSL_accept(s));
    }
    ERR_clear_error();
    add("-- c write %d\n", SSL_write(c, "hello", 5));
    add("-- s read %d\n", SSL_read(s, buf, sizeof(buf)));
    add("-- s write %d\n", SSL_write(s, "world", 5));
    add("-- c read %d\n", SSL_read(c, buf, sizeof(buf)));
    ERR_clear_error();
    add("-- c shutdown %d\n", SSL_shutdown(c));
    add("-- s shutdown %d\n", SSL_shutdown(s));
    ERR_clear_error();
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    ERR_clear_error();
    return ok;
}

static int check(const char *want)
{
    if (strcmp(tbuf, want) == 0)
        return 1;
    tu_log("trace differs; got:\n%s", tbuf);
    return TEST_str_eq(tbuf, want);
}

/* Measured with OpenSSL 3.0.19. */
static const char want_tls13[] =
    "C 0010 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1002 -1 12 TWCH|SSLv3/TLS write client hello\n"
    "-- connect -1\n"
    "S 0010 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 20 TRCH|SSLv3/TLS read client hello\n"
    "S 2001 1 22 TWSH|SSLv3/TLS write server hello\n"
    "S 2001 1 35 TWCCS|SSLv3/TLS write change cipher spec\n"
    "S 2001 1 37 TWEE|TLSv1.3 write encrypted extensions\n"
    "S 2001 1 23 TWSC|SSLv3/TLS write certificate\n"
    "S 2001 1 40 TWSCV|TLSv1.3 write server certificate verify\n"
    "S 2001 1 36 TWFIN|SSLv3/TLS write finished\n"
    "S 2001 1 46 TED|TLSv1.3 early data\n"
    "S 2002 -1 46 TED|TLSv1.3 early data\n"
    "-- accept -1\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1001 1 3 TRSH|SSLv3/TLS read server hello\n"
    "C 1001 1 38 TREE|TLSv1.3 read encrypted extensions\n"
    "C 1001 1 4 TRSC|SSLv3/TLS read server certificate\n"
    "C 1001 1 39 TRSCV|TLSv1.3 read server certificate verify\n"
    "C 1001 1 11 TRFIN|SSLv3/TLS read finished\n"
    "C 1001 1 16 TWCCS|SSLv3/TLS write change cipher spec\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 0020 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- connect 1\n"
    "S 2001 1 46 TED|TLSv1.3 early data\n"
    "S 2001 1 32 TRFIN|SSLv3/TLS read finished\n"
    "S 0020 1 33 TWST|SSLv3/TLS write session ticket\n"
    "S 2001 1 33 TWST|SSLv3/TLS write session ticket\n"
    "S 2001 1 33 TWST|SSLv3/TLS write session ticket\n"
    "S 2002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- accept 1\n"
    "-- connect 1\n"
    "-- accept 1\n"
    "-- c write 5\n"
    "-- s read 5\n"
    "-- s write 5\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 9 TRST|SSLv3/TLS read server session ticket\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 9 TRST|SSLv3/TLS read server session ticket\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- c read 5\n"
    "C 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- c shutdown 0\n"
    "S 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- s shutdown 0\n";

static const char want_tls12[] =
    "C 0010 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1002 -1 12 TWCH|SSLv3/TLS write client hello\n"
    "-- connect -1\n"
    "S 0010 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 20 TRCH|SSLv3/TLS read client hello\n"
    "S 2001 1 22 TWSH|SSLv3/TLS write server hello\n"
    "S 2001 1 23 TWSC|SSLv3/TLS write certificate\n"
    "S 2001 1 24 TWSKE|SSLv3/TLS write key exchange\n"
    "S 2001 1 26 TWSD|SSLv3/TLS write server done\n"
    "S 2002 -1 26 TWSD|SSLv3/TLS write server done\n"
    "-- accept -1\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1001 1 3 TRSH|SSLv3/TLS read server hello\n"
    "C 1001 1 4 TRSC|SSLv3/TLS read server certificate\n"
    "C 1001 1 6 TRSKE|SSLv3/TLS read server key exchange\n"
    "C 1001 1 8 TRSD|SSLv3/TLS read server done\n"
    "C 1001 1 14 TWCKE|SSLv3/TLS write client key exchange\n"
    "C 1001 1 16 TWCCS|SSLv3/TLS write change cipher spec\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 1002 -1 18 TWFIN|SSLv3/TLS write finished\n"
    "-- connect -1\n"
    "S 2001 1 26 TWSD|SSLv3/TLS write server done\n"
    "S 2001 1 28 TRCKE|SSLv3/TLS read client key exchange\n"
    "S 2001 1 31 TRCCS|SSLv3/TLS read change cipher spec\n"
    "S 2001 1 32 TRFIN|SSLv3/TLS read finished\n"
    "S 2001 1 35 TWCCS|SSLv3/TLS write change cipher spec\n"
    "S 2001 1 36 TWFIN|SSLv3/TLS write finished\n"
    "S 0020 1 1 SSLOK|SSL negotiation finished successfully\n"
    "S 2002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- accept 1\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 1001 1 10 TRCCS|SSLv3/TLS read change cipher spec\n"
    "C 1001 1 11 TRFIN|SSLv3/TLS read finished\n"
    "C 0020 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- connect 1\n"
    "-- accept 1\n"
    "-- c write 5\n"
    "-- s read 5\n"
    "-- s write 5\n"
    "-- c read 5\n"
    "C 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- c shutdown 0\n"
    "S 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- s shutdown 0\n";

static const char want_tls13_cc[] =
    "C 0010 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1002 -1 12 TWCH|SSLv3/TLS write client hello\n"
    "-- connect -1\n"
    "S 0010 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 20 TRCH|SSLv3/TLS read client hello\n"
    "S 2001 1 22 TWSH|SSLv3/TLS write server hello\n"
    "S 2001 1 35 TWCCS|SSLv3/TLS write change cipher spec\n"
    "S 2001 1 37 TWEE|TLSv1.3 write encrypted extensions\n"
    "S 2001 1 25 TWCR|SSLv3/TLS write certificate request\n"
    "S 2001 1 23 TWSC|SSLv3/TLS write certificate\n"
    "S 2001 1 40 TWSCV|TLSv1.3 write server certificate verify\n"
    "S 2001 1 36 TWFIN|SSLv3/TLS write finished\n"
    "S 2001 1 46 TED|TLSv1.3 early data\n"
    "S 2002 -1 46 TED|TLSv1.3 early data\n"
    "-- accept -1\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1001 1 3 TRSH|SSLv3/TLS read server hello\n"
    "C 1001 1 38 TREE|TLSv1.3 read encrypted extensions\n"
    "C 1001 1 7 TRCR|SSLv3/TLS read server certificate request\n"
    "C 1001 1 4 TRSC|SSLv3/TLS read server certificate\n"
    "C 1001 1 39 TRSCV|TLSv1.3 read server certificate verify\n"
    "C 1001 1 11 TRFIN|SSLv3/TLS read finished\n"
    "C 1001 1 16 TWCCS|SSLv3/TLS write change cipher spec\n"
    "C 1001 1 13 TWCC|SSLv3/TLS write client certificate\n"
    "C 1001 1 15 TWCV|SSLv3/TLS write certificate verify\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 0020 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- connect 1\n"
    "S 2001 1 46 TED|TLSv1.3 early data\n"
    "S 2001 1 27 TRCC|SSLv3/TLS read client certificate\n"
    "S 2001 1 29 TRCV|SSLv3/TLS read certificate verify\n"
    "S 2001 1 32 TRFIN|SSLv3/TLS read finished\n"
    "S 0020 1 33 TWST|SSLv3/TLS write session ticket\n"
    "S 2001 1 33 TWST|SSLv3/TLS write session ticket\n"
    "S 2001 1 33 TWST|SSLv3/TLS write session ticket\n"
    "S 2002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- accept 1\n"
    "-- connect 1\n"
    "-- accept 1\n"
    "-- c write 5\n"
    "-- s read 5\n"
    "-- s write 5\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 9 TRST|SSLv3/TLS read server session ticket\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 9 TRST|SSLv3/TLS read server session ticket\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- c read 5\n"
    "C 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- c shutdown 0\n"
    "S 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- s shutdown 0\n";

static const char want_tls12_cc[] =
    "C 0010 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1002 -1 12 TWCH|SSLv3/TLS write client hello\n"
    "-- connect -1\n"
    "S 0010 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 20 TRCH|SSLv3/TLS read client hello\n"
    "S 2001 1 22 TWSH|SSLv3/TLS write server hello\n"
    "S 2001 1 23 TWSC|SSLv3/TLS write certificate\n"
    "S 2001 1 24 TWSKE|SSLv3/TLS write key exchange\n"
    "S 2001 1 25 TWCR|SSLv3/TLS write certificate request\n"
    "S 2001 1 26 TWSD|SSLv3/TLS write server done\n"
    "S 2002 -1 26 TWSD|SSLv3/TLS write server done\n"
    "-- accept -1\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1001 1 3 TRSH|SSLv3/TLS read server hello\n"
    "C 1001 1 4 TRSC|SSLv3/TLS read server certificate\n"
    "C 1001 1 6 TRSKE|SSLv3/TLS read server key exchange\n"
    "C 1001 1 7 TRCR|SSLv3/TLS read server certificate request\n"
    "C 1001 1 8 TRSD|SSLv3/TLS read server done\n"
    "C 1001 1 13 TWCC|SSLv3/TLS write client certificate\n"
    "C 1001 1 14 TWCKE|SSLv3/TLS write client key exchange\n"
    "C 1001 1 15 TWCV|SSLv3/TLS write certificate verify\n"
    "C 1001 1 16 TWCCS|SSLv3/TLS write change cipher spec\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 1002 -1 18 TWFIN|SSLv3/TLS write finished\n"
    "-- connect -1\n"
    "S 2001 1 26 TWSD|SSLv3/TLS write server done\n"
    "S 2001 1 27 TRCC|SSLv3/TLS read client certificate\n"
    "S 2001 1 28 TRCKE|SSLv3/TLS read client key exchange\n"
    "S 2001 1 29 TRCV|SSLv3/TLS read certificate verify\n"
    "S 2001 1 31 TRCCS|SSLv3/TLS read change cipher spec\n"
    "S 2001 1 32 TRFIN|SSLv3/TLS read finished\n"
    "S 2001 1 35 TWCCS|SSLv3/TLS write change cipher spec\n"
    "S 2001 1 36 TWFIN|SSLv3/TLS write finished\n"
    "S 0020 1 1 SSLOK|SSL negotiation finished successfully\n"
    "S 2002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- accept 1\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 1001 1 10 TRCCS|SSLv3/TLS read change cipher spec\n"
    "C 1001 1 11 TRFIN|SSLv3/TLS read finished\n"
    "C 0020 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- connect 1\n"
    "-- accept 1\n"
    "-- c write 5\n"
    "-- s read 5\n"
    "-- s write 5\n"
    "-- c read 5\n"
    "C 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- c shutdown 0\n"
    "S 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- s shutdown 0\n";

static const char want_tls13_asked[] =
    "C 0010 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1002 -1 12 TWCH|SSLv3/TLS write client hello\n"
    "-- connect -1\n"
    "S 0010 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 20 TRCH|SSLv3/TLS read client hello\n"
    "S 2001 1 22 TWSH|SSLv3/TLS write server hello\n"
    "S 2001 1 35 TWCCS|SSLv3/TLS write change cipher spec\n"
    "S 2001 1 37 TWEE|TLSv1.3 write encrypted extensions\n"
    "S 2001 1 25 TWCR|SSLv3/TLS write certificate request\n"
    "S 2001 1 23 TWSC|SSLv3/TLS write certificate\n"
    "S 2001 1 40 TWSCV|TLSv1.3 write server certificate verify\n"
    "S 2001 1 36 TWFIN|SSLv3/TLS write finished\n"
    "S 2001 1 46 TED|TLSv1.3 early data\n"
    "S 2002 -1 46 TED|TLSv1.3 early data\n"
    "-- accept -1\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1001 1 3 TRSH|SSLv3/TLS read server hello\n"
    "C 1001 1 38 TREE|TLSv1.3 read encrypted extensions\n"
    "C 1001 1 7 TRCR|SSLv3/TLS read server certificate request\n"
    "C 1001 1 4 TRSC|SSLv3/TLS read server certificate\n"
    "C 1001 1 39 TRSCV|TLSv1.3 read server certificate verify\n"
    "C 1001 1 11 TRFIN|SSLv3/TLS read finished\n"
    "C 1001 1 16 TWCCS|SSLv3/TLS write change cipher spec\n"
    "C 1001 1 13 TWCC|SSLv3/TLS write client certificate\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 0020 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- connect 1\n"
    "S 2001 1 46 TED|TLSv1.3 early data\n"
    "S 2001 1 27 TRCC|SSLv3/TLS read client certificate\n"
    "S 2001 1 32 TRFIN|SSLv3/TLS read finished\n"
    "S 0020 1 33 TWST|SSLv3/TLS write session ticket\n"
    "S 2001 1 33 TWST|SSLv3/TLS write session ticket\n"
    "S 2001 1 33 TWST|SSLv3/TLS write session ticket\n"
    "S 2002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- accept 1\n"
    "-- connect 1\n"
    "-- accept 1\n"
    "-- c write 5\n"
    "-- s read 5\n"
    "-- s write 5\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 9 TRST|SSLv3/TLS read server session ticket\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1001 1 9 TRST|SSLv3/TLS read server session ticket\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- c read 5\n"
    "C 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- c shutdown 0\n"
    "S 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- s shutdown 0\n";

static const char want_tls12_asked[] =
    "C 0010 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1002 -1 12 TWCH|SSLv3/TLS write client hello\n"
    "-- connect -1\n"
    "S 0010 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 20 TRCH|SSLv3/TLS read client hello\n"
    "S 2001 1 22 TWSH|SSLv3/TLS write server hello\n"
    "S 2001 1 23 TWSC|SSLv3/TLS write certificate\n"
    "S 2001 1 24 TWSKE|SSLv3/TLS write key exchange\n"
    "S 2001 1 25 TWCR|SSLv3/TLS write certificate request\n"
    "S 2001 1 26 TWSD|SSLv3/TLS write server done\n"
    "S 2002 -1 26 TWSD|SSLv3/TLS write server done\n"
    "-- accept -1\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1001 1 3 TRSH|SSLv3/TLS read server hello\n"
    "C 1001 1 4 TRSC|SSLv3/TLS read server certificate\n"
    "C 1001 1 6 TRSKE|SSLv3/TLS read server key exchange\n"
    "C 1001 1 7 TRCR|SSLv3/TLS read server certificate request\n"
    "C 1001 1 8 TRSD|SSLv3/TLS read server done\n"
    "C 1001 1 13 TWCC|SSLv3/TLS write client certificate\n"
    "C 1001 1 14 TWCKE|SSLv3/TLS write client key exchange\n"
    "C 1001 1 16 TWCCS|SSLv3/TLS write change cipher spec\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 1002 -1 18 TWFIN|SSLv3/TLS write finished\n"
    "-- connect -1\n"
    "S 2001 1 26 TWSD|SSLv3/TLS write server done\n"
    "S 2001 1 27 TRCC|SSLv3/TLS read client certificate\n"
    "S 2001 1 28 TRCKE|SSLv3/TLS read client key exchange\n"
    "S 2001 1 31 TRCCS|SSLv3/TLS read change cipher spec\n"
    "S 2001 1 32 TRFIN|SSLv3/TLS read finished\n"
    "S 2001 1 35 TWCCS|SSLv3/TLS write change cipher spec\n"
    "S 2001 1 36 TWFIN|SSLv3/TLS write finished\n"
    "S 0020 1 1 SSLOK|SSL negotiation finished successfully\n"
    "S 2002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- accept 1\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 1001 1 10 TRCCS|SSLv3/TLS read change cipher spec\n"
    "C 1001 1 11 TRFIN|SSLv3/TLS read finished\n"
    "C 0020 1 1 SSLOK|SSL negotiation finished successfully\n"
    "C 1002 1 1 SSLOK|SSL negotiation finished successfully\n"
    "-- connect 1\n"
    "-- accept 1\n"
    "-- c write 5\n"
    "-- s read 5\n"
    "-- s write 5\n"
    "-- c read 5\n"
    "C 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- c shutdown 0\n"
    "S 4008 256 1 SSLOK|SSL negotiation finished successfully [W warning|CN close notify]\n"
    "-- s shutdown 0\n";

static const char want_tls12_required[] =
    "C 0010 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1002 -1 12 TWCH|SSLv3/TLS write client hello\n"
    "-- connect -1\n"
    "S 0010 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 20 TRCH|SSLv3/TLS read client hello\n"
    "S 2001 1 22 TWSH|SSLv3/TLS write server hello\n"
    "S 2001 1 23 TWSC|SSLv3/TLS write certificate\n"
    "S 2001 1 24 TWSKE|SSLv3/TLS write key exchange\n"
    "S 2001 1 25 TWCR|SSLv3/TLS write certificate request\n"
    "S 2001 1 26 TWSD|SSLv3/TLS write server done\n"
    "S 2002 -1 26 TWSD|SSLv3/TLS write server done\n"
    "-- accept -1\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1001 1 3 TRSH|SSLv3/TLS read server hello\n"
    "C 1001 1 4 TRSC|SSLv3/TLS read server certificate\n"
    "C 1001 1 6 TRSKE|SSLv3/TLS read server key exchange\n"
    "C 1001 1 7 TRCR|SSLv3/TLS read server certificate request\n"
    "C 1001 1 8 TRSD|SSLv3/TLS read server done\n"
    "C 1001 1 13 TWCC|SSLv3/TLS write client certificate\n"
    "C 1001 1 14 TWCKE|SSLv3/TLS write client key exchange\n"
    "C 1001 1 16 TWCCS|SSLv3/TLS write change cipher spec\n"
    "C 1001 1 18 TWFIN|SSLv3/TLS write finished\n"
    "C 1002 -1 18 TWFIN|SSLv3/TLS write finished\n"
    "-- connect -1\n"
    "S 2001 1 26 TWSD|SSLv3/TLS write server done\n"
    "S 4008 552 27 SSLERR|error [F fatal|HF handshake failure]\n"
    "S 2002 -1 27 SSLERR|error\n"
    "-- accept -1\n"
    "C 4004 552 18 TWFIN|SSLv3/TLS write finished [F fatal|HF handshake failure]\n"
    "C 1002 -1 18 SSLERR|error\n"
    "-- connect -1\n"
    "-- accept -1\n"
    "-- c write -1\n"
    "-- s read -1\n"
    "-- s write -1\n"
    "-- c read 0\n"
    "-- c shutdown -1\n"
    "-- s shutdown -1\n";

static const char want_tls13_vfail[] =
    "C 0010 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1002 -1 12 TWCH|SSLv3/TLS write client hello\n"
    "-- connect -1\n"
    "S 0010 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 20 TRCH|SSLv3/TLS read client hello\n"
    "S 2001 1 22 TWSH|SSLv3/TLS write server hello\n"
    "S 2001 1 35 TWCCS|SSLv3/TLS write change cipher spec\n"
    "S 2001 1 37 TWEE|TLSv1.3 write encrypted extensions\n"
    "S 2001 1 23 TWSC|SSLv3/TLS write certificate\n"
    "S 2001 1 40 TWSCV|TLSv1.3 write server certificate verify\n"
    "S 2001 1 36 TWFIN|SSLv3/TLS write finished\n"
    "S 2001 1 46 TED|TLSv1.3 early data\n"
    "S 2002 -1 46 TED|TLSv1.3 early data\n"
    "-- accept -1\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1001 1 3 TRSH|SSLv3/TLS read server hello\n"
    "C 1001 1 38 TREE|TLSv1.3 read encrypted extensions\n"
    "C 4008 560 4 SSLERR|error [F fatal|CA unknown CA]\n"
    "C 1002 -1 4 SSLERR|error\n"
    "-- connect -1\n"
    "S 4004 560 46 TED|TLSv1.3 early data [F fatal|CA unknown CA]\n"
    "S 2002 -1 46 SSLERR|error\n"
    "-- accept -1\n"
    "-- connect -1\n"
    "-- accept -1\n"
    "-- c write -1\n"
    "-- s read 0\n"
    "-- s write -1\n"
    "-- c read -1\n"
    "-- c shutdown -1\n"
    "-- s shutdown -1\n";

static const char want_tls12_vfail[] =
    "C 0010 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 0 PINIT|before SSL initialization\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1002 -1 12 TWCH|SSLv3/TLS write client hello\n"
    "-- connect -1\n"
    "S 0010 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 0 PINIT|before SSL initialization\n"
    "S 2001 1 20 TRCH|SSLv3/TLS read client hello\n"
    "S 2001 1 22 TWSH|SSLv3/TLS write server hello\n"
    "S 2001 1 23 TWSC|SSLv3/TLS write certificate\n"
    "S 2001 1 24 TWSKE|SSLv3/TLS write key exchange\n"
    "S 2001 1 26 TWSD|SSLv3/TLS write server done\n"
    "S 2002 -1 26 TWSD|SSLv3/TLS write server done\n"
    "-- accept -1\n"
    "C 1001 1 12 TWCH|SSLv3/TLS write client hello\n"
    "C 1001 1 3 TRSH|SSLv3/TLS read server hello\n"
    "C 4008 560 4 SSLERR|error [F fatal|CA unknown CA]\n"
    "C 1002 -1 4 SSLERR|error\n"
    "-- connect -1\n"
    "S 4004 560 26 TWSD|SSLv3/TLS write server done [F fatal|CA unknown CA]\n"
    "S 2002 -1 26 SSLERR|error\n"
    "-- accept -1\n"
    "-- connect -1\n"
    "-- accept -1\n"
    "-- c write -1\n"
    "-- s read 0\n"
    "-- s write -1\n"
    "-- c read -1\n"
    "-- c shutdown -1\n"
    "-- s shutdown -1\n";

static const char want_msg_tls12[] =
    "C w=1 v=0303 ct=22 t=1\n"
    "-- connect -1\n"
    "S w=0 v=0304 ct=22 t=1\n"
    "S w=1 v=0303 ct=22 t=2\n"
    "S w=1 v=0303 ct=22 t=11\n"
    "S w=1 v=0303 ct=22 t=12\n"
    "S w=1 v=0303 ct=22 t=14\n"
    "-- accept -1\n"
    "C w=0 v=0303 ct=22 t=2\n"
    "C w=0 v=0303 ct=22 t=11\n"
    "C w=0 v=0303 ct=22 t=12\n"
    "C w=0 v=0303 ct=22 t=14\n"
    "C w=1 v=0303 ct=22 t=16\n"
    "C w=1 v=0303 ct=20 t=1\n"
    "-- connect -1\n"
    "S w=0 v=0303 ct=22 t=16\n"
    "S w=1 v=0303 ct=20 t=1\n"
    "-- accept 1\n"
    "-- connect 1\n"
    "-- accept 1\n"
    "-- c write 5\n"
    "-- s read 5\n"
    "-- s write 5\n"
    "-- c read 5\n"
    "C w=1 v=0303 ct=21 t=1\n"
    "  alert 1 0\n"
    "-- c shutdown 0\n"
    "S w=1 v=0303 ct=21 t=1\n"
    "  alert 1 0\n"
    "-- s shutdown 0\n";

static const char want_msg_tls13[] =
    "C w=1 v=0304 ct=22 t=1\n"
    "-- connect -1\n"
    "S w=0 v=0304 ct=22 t=1\n"
    "S w=1 v=0304 ct=22 t=2\n"
    "S w=1 v=0304 ct=20 t=1\n"
    "-- accept -1\n"
    "C w=0 v=0304 ct=22 t=2\n"
    "C w=1 v=0304 ct=20 t=1\n"
    "-- connect 1\n"
    "-- accept 1\n"
    "-- connect 1\n"
    "-- accept 1\n"
    "-- c write 5\n"
    "-- s read 5\n"
    "-- s write 5\n"
    "-- c read 5\n"
    "C w=1 v=0304 ct=21 t=1\n"
    "  alert 1 0\n"
    "-- c shutdown 0\n"
    "S w=1 v=0304 ct=21 t=1\n"
    "  alert 1 0\n"
    "-- s shutdown 0\n";

static int test_tls13(void)
{
    return run(TLS1_3_VERSION, CERT_NONE, 0, 0) && check(want_tls13);
}

static int test_tls12(void)
{
    return run(TLS1_2_VERSION, CERT_NONE, 0, 0) && check(want_tls12);
}

static int test_tls13_client_cert(void)
{
    return run(TLS1_3_VERSION, CERT_SENT, 0, 0) && check(want_tls13_cc);
}

static int test_tls12_client_cert(void)
{
    return run(TLS1_2_VERSION, CERT_SENT, 0, 0) && check(want_tls12_cc);
}

static int test_tls13_cert_asked_none(void)
{
    return run(TLS1_3_VERSION, CERT_ASKED_NONE, 0, 0) && check(want_tls13_asked);
}

static int test_tls12_cert_asked_none(void)
{
    return run(TLS1_2_VERSION, CERT_ASKED_NONE, 0, 0) && check(want_tls12_asked);
}

static int test_tls12_cert_required_none(void)
{
    return run(TLS1_2_VERSION, CERT_REQUIRED_NONE, 0, 0) && check(want_tls12_required);
}

static int test_tls13_verify_fail(void)
{
    return run(TLS1_3_VERSION, CERT_NONE, 1, 0) && check(want_tls13_vfail);
}

static int test_tls12_verify_fail(void)
{
    return run(TLS1_2_VERSION, CERT_NONE, 1, 0) && check(want_tls12_vfail);
}

/* A server that receives an HTTP request instead of a ClientHello. */
static int test_garbage(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    BIO *cbio = NULL;
    int ok = 0;

    tbuf[0] = '\0';
    if (!TEST_true(create_ssl_ctx_pair(0, 0, "server-rsa.pem", "server-rsa.key", NULL, &sctx,
                                       &cctx)))
        goto end;
    SSL_CTX_set_info_callback(sctx, info_cb);
    if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, &cbio, NULL))
        || !TEST_int_eq(BIO_write(cbio, "GET / HTTP/1.0\r\n\r\n", 18), 18))
        goto end;
    add("-- accept %d\n", SSL_accept(s));
    ok = check("S 0010 1 0 PINIT|before SSL initialization\n"
               "S 2001 1 0 PINIT|before SSL initialization\n"
               "S 2002 -1 0 SSLERR|error\n"
               "-- accept -1\n");
    /* Outside the callback the strings say error too. */
    ok = ok && TEST_str_eq(SSL_state_string(s), "SSLERR")
         && TEST_str_eq(SSL_state_string_long(s), "error");
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    ERR_clear_error();
    return ok;
}

static int test_msg_tls12(void)
{
    n_headers = n_bad_headers = 0;
    return run(TLS1_2_VERSION, CERT_NONE, 0, 1) && check(want_msg_tls12)
           && TEST_int_gt(n_headers, 10) && TEST_int_eq(n_bad_headers, 0);
}

static int test_msg_tls13(void)
{
    n_headers = n_bad_headers = 0;
    return run(TLS1_3_VERSION, CERT_NONE, 0, 1) && check(want_msg_tls13)
           && TEST_int_gt(n_headers, 8) && TEST_int_eq(n_bad_headers, 0);
}

/* Callbacks and the message-callback argument set on an SSL, and read back. */
static int test_msg_ssl_level(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    int ok = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())))
        goto end;
    SSL_CTX_set_msg_callback(ctx, msg_cb);
    if (!TEST_ptr(s = SSL_new(ctx)))
        goto end;
    SSL_set_msg_callback(s, NULL);
    if (!TEST_int_eq(SSL_set_msg_callback_arg(s, &n_headers), 1)
        || !TEST_int_eq(SSL_CTX_set_msg_callback_arg(ctx, NULL), 1)
        || !TEST_int_eq(SSL_callback_ctrl(s, SSL_CTRL_SET_MSG_CALLBACK, NULL), 1)
        || !TEST_int_eq(SSL_CTX_callback_ctrl(ctx, SSL_CTRL_SET_MSG_CALLBACK, NULL), 1))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* OpenSSL 3.0's strings for every value that has one, and the fallbacks. */
static int test_alert_strings(void)
{
    static const struct {
        int v;
        const char *s, *l;
    } t[] = {
        {0, "CN", "close notify"}, {10, "UM", "unexpected_message"},
        {20, "BM", "bad record mac"}, {21, "DC", "decryption failed"},
        {22, "RO", "record overflow"}, {30, "DF", "decompression failure"},
        {40, "HF", "handshake failure"}, {41, "NC", "no certificate"},
        {42, "BC", "bad certificate"}, {43, "UC", "unsupported certificate"},
        {44, "CR", "certificate revoked"}, {45, "CE", "certificate expired"},
        {46, "CU", "certificate unknown"}, {47, "IP", "illegal parameter"},
        {48, "CA", "unknown CA"}, {49, "AD", "access denied"},
        {50, "DE", "decode error"}, {51, "CY", "decrypt error"},
        {60, "ER", "export restriction"}, {70, "PV", "protocol version"},
        {71, "IS", "insufficient security"}, {80, "IE", "internal error"},
        {90, "US", "user canceled"}, {100, "NR", "no renegotiation"},
        {110, "UE", "unsupported extension"}, {111, "CO", "certificate unobtainable"},
        {112, "UN", "unrecognized name"}, {113, "BR", "bad certificate status response"},
        {114, "BH", "bad certificate hash value"}, {115, "UP", "unknown PSK identity"},
        {120, "UK", "no application protocol"},
    };
    size_t i, k;
    int v;

    for (v = 0; v < 256; v++) {
        const char *s = "UK", *l = "unknown";

        for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
            if (t[k].v == v) {
                s = t[k].s;
                l = t[k].l;
            }
        if (!TEST_str_eq(SSL_alert_desc_string(v), s)
            || !TEST_str_eq(SSL_alert_desc_string_long(v), l)
            || !TEST_str_eq(SSL_alert_desc_string(v | 0x200), s)
            || !TEST_str_eq(SSL_alert_desc_string_long(v | 0x100), l))
            return 0;
    }
    for (i = 0; i < 8; i++) {
        int val = ((int)i - 1) * 256 + 7;
        const char *s = i == 2 ? "W" : i == 3 ? "F" : "U";
        const char *l = i == 2 ? "warning" : i == 3 ? "fatal" : "unknown";

        if (!TEST_str_eq(SSL_alert_type_string(val), s)
            || !TEST_str_eq(SSL_alert_type_string_long(val), l))
            return 0;
    }
    return TEST_str_eq(SSL_alert_desc_string(-1), "UK")
           && TEST_str_eq(SSL_alert_desc_string_long(-1), "unknown");
}

int main(void)
{
    RUN_TEST(test_tls13);
    RUN_TEST(test_tls12);
    RUN_TEST(test_tls13_client_cert);
    RUN_TEST(test_tls12_client_cert);
    RUN_TEST(test_tls13_cert_asked_none);
    RUN_TEST(test_tls12_cert_asked_none);
    RUN_TEST(test_tls12_cert_required_none);
    RUN_TEST(test_tls13_verify_fail);
    RUN_TEST(test_tls12_verify_fail);
    RUN_TEST(test_garbage);
    RUN_TEST(test_msg_tls12);
    RUN_TEST(test_msg_tls13);
    RUN_TEST(test_msg_ssl_level);
    RUN_TEST(test_alert_strings);
    return tu_finish();
}
