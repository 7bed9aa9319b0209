/* The info callback's event sequence and the state strings it sees, TLS 1.3 and 1.2, client
 * and server: full handshakes, client certificates, resumption, a failed verification (the
 * alert written and read), then shutdown alerts. The expected traces were recorded from
 * OpenSSL 3.0.19's own callback; both builds must produce them line for line. Each line:
 * side (C/S), `where` in hex, `ret`, then SSL_state_string() or, for alerts,
 * SSL_alert_type_string()/SSL_alert_desc_string(). Also: the alert strings themselves. */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static char trace[16384];

static void info_cb(const SSL *s, int where, int ret)
{
    char line[160];

    if (where & SSL_CB_ALERT)
        snprintf(line, sizeof(line), "%s %04x %d %s/%s\n", SSL_is_server(s) ? "S" : "C", where,
                 ret, SSL_alert_type_string(ret), SSL_alert_desc_string(ret));
    else
        snprintf(line, sizeof(line), "%s %04x %d %s\n", SSL_is_server(s) ? "S" : "C", where, ret,
                 SSL_state_string(s));
    strncat(trace, line, sizeof(trace) - strlen(trace) - 1);
}

/* Drops the lines naming `state` (for a difference documented in KNOWN_DIFFERENCES.md). */
static void drop_lines(char *t, const char *state)
{
    char *out = t, *p = t;

    while (*p != '\0') {
        char *nl = strchr(p, '\n');
        size_t len = nl != NULL ? (size_t)(nl - p + 1) : strlen(p);
        char line[160];

        snprintf(line, sizeof(line), "%.*s", (int)len, p);
        if (strstr(line, state) == NULL) {
            memmove(out, p, len);
            out += len;
        }
        p += len;
    }
    *out = '\0';
}

/* One case: a handshake (twice with `resume`, recording the second), a byte each way, a
 * bidirectional shutdown. */
static int run(int version, int client_cert, int resume, int bad_ca, const char *drop,
               const char *expect)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    SSL_SESSION *sess = NULL;
    char b[10];
    int round, ok = 0;

    trace[0] = '\0';
    if (!TEST_true(create_ssl_ctx_pair(version, version, "server-ec-chain.pem", "server-ec.key",
                                       bad_ca ? "ca-rsa.pem" : "ca-bundle.pem", &sctx, &cctx)))
        goto end;
    if (bad_ca)
        SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (client_cert
        && (SSL_CTX_use_certificate_file(cctx, cert_path("client.pem"), SSL_FILETYPE_PEM) != 1
            || SSL_CTX_use_PrivateKey_file(cctx, cert_path("client.key"), SSL_FILETYPE_PEM) != 1
            || SSL_CTX_load_verify_locations(sctx, cert_path("ca-bundle.pem"), NULL) != 1
            || SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"x", 1) != 1))
        goto end;
    if (client_cert)
        SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_info_callback(sctx, info_cb);
    SSL_CTX_set_info_callback(cctx, info_cb);
    if (!TEST_true(SSL_CTX_get_info_callback(sctx) == info_cb))
        goto end;
    for (round = 0; round < (resume ? 2 : 1); round++) {
        if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)))
            goto end;
        if (round == 1 && !TEST_int_eq(SSL_set_session(c, sess), 1))
            goto end;
        trace[0] = '\0';
        if (create_ssl_connection(s, c)) {
            if (!TEST_int_eq(SSL_write(c, "x", 1), 1) || !TEST_int_eq(SSL_read(s, b, 10), 1)
                || !TEST_int_eq(SSL_write(s, "y", 1), 1) || !TEST_int_eq(SSL_read(c, b, 10), 1))
                goto end;
            if (round == 0 && resume && !TEST_ptr(sess = SSL_get1_session(c)))
                goto end;
            SSL_shutdown(c);
            SSL_shutdown(s);
            SSL_shutdown(c);
        } else if (!TEST_true(bad_ca)) {
            goto end;
        }
        if (round == 1 && !TEST_int_eq(SSL_session_reused(c), 1))
            goto end;
        SSL_free(s);
        SSL_free(c);
        s = c = NULL;
    }
    if (drop != NULL)
        drop_lines(trace, drop);
    if (!TEST_str_eq(trace, expect))
        goto end;
    ok = 1;
end:
    ERR_clear_error();
    SSL_SESSION_free(sess);
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}
static int test_tls13(void)
{
    return run(TLS1_3_VERSION, 0, 0, 0, NULL,
    "C 0010 1 PINIT\n"
    "C 1001 1 PINIT\n"
    "C 1001 1 TWCH\n"
    "C 1002 -1 TWCH\n"
    "S 0010 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 TRCH\n"
    "S 2001 1 TWSH\n"
    "S 2001 1 TWCCS\n"
    "S 2001 1 TWEE\n"
    "S 2001 1 TWSC\n"
    "S 2001 1 TWSCV\n"
    "S 2001 1 TWFIN\n"
    "S 2001 1 TED\n"
    "S 2002 -1 TED\n"
    "C 1001 1 TWCH\n"
    "C 1001 1 TRSH\n"
    "C 1001 1 TREE\n"
    "C 1001 1 TRSC\n"
    "C 1001 1 TRSCV\n"
    "C 1001 1 TRFIN\n"
    "C 1001 1 TWCCS\n"
    "C 1001 1 TWFIN\n"
    "C 0020 1 SSLOK\n"
    "C 1002 1 SSLOK\n"
    "S 2001 1 TED\n"
    "S 2001 1 TRFIN\n"
    "S 0020 1 TWST\n"
    "S 2001 1 TWST\n"
    "S 2001 1 TWST\n"
    "S 2002 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 TRST\n"
    "C 1002 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 TRST\n"
    "C 1002 1 SSLOK\n"
    "C 4008 256 W/CN\n"
    "S 4008 256 W/CN\n"
    "C 4004 256 W/CN\n");
}
static int test_tls12(void)
{
    return run(TLS1_2_VERSION, 0, 0, 0, NULL,
    "C 0010 1 PINIT\n"
    "C 1001 1 PINIT\n"
    "C 1001 1 TWCH\n"
    "C 1002 -1 TWCH\n"
    "S 0010 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 TRCH\n"
    "S 2001 1 TWSH\n"
    "S 2001 1 TWSC\n"
    "S 2001 1 TWSKE\n"
    "S 2001 1 TWSD\n"
    "S 2002 -1 TWSD\n"
    "C 1001 1 TWCH\n"
    "C 1001 1 TRSH\n"
    "C 1001 1 TRSC\n"
    "C 1001 1 TRSKE\n"
    "C 1001 1 TRSD\n"
    "C 1001 1 TWCKE\n"
    "C 1001 1 TWCCS\n"
    "C 1001 1 TWFIN\n"
    "C 1002 -1 TWFIN\n"
    "S 2001 1 TWSD\n"
    "S 2001 1 TRCKE\n"
    "S 2001 1 TRCCS\n"
    "S 2001 1 TRFIN\n"
    "S 2001 1 TWST\n"
    "S 2001 1 TWCCS\n"
    "S 2001 1 TWFIN\n"
    "S 0020 1 SSLOK\n"
    "S 2002 1 SSLOK\n"
    "C 1001 1 TWFIN\n"
    "C 1001 1 TRST\n"
    "C 1001 1 TRCCS\n"
    "C 1001 1 TRFIN\n"
    "C 0020 1 SSLOK\n"
    "C 1002 1 SSLOK\n"
    "C 4008 256 W/CN\n"
    "S 4008 256 W/CN\n"
    "C 4004 256 W/CN\n");
}
static int test_tls13_ccert(void)
{
    return run(TLS1_3_VERSION, 1, 0, 0, NULL,
    "C 0010 1 PINIT\n"
    "C 1001 1 PINIT\n"
    "C 1001 1 TWCH\n"
    "C 1002 -1 TWCH\n"
    "S 0010 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 TRCH\n"
    "S 2001 1 TWSH\n"
    "S 2001 1 TWCCS\n"
    "S 2001 1 TWEE\n"
    "S 2001 1 TWCR\n"
    "S 2001 1 TWSC\n"
    "S 2001 1 TWSCV\n"
    "S 2001 1 TWFIN\n"
    "S 2001 1 TED\n"
    "S 2002 -1 TED\n"
    "C 1001 1 TWCH\n"
    "C 1001 1 TRSH\n"
    "C 1001 1 TREE\n"
    "C 1001 1 TRCR\n"
    "C 1001 1 TRSC\n"
    "C 1001 1 TRSCV\n"
    "C 1001 1 TRFIN\n"
    "C 1001 1 TWCCS\n"
    "C 1001 1 TWCC\n"
    "C 1001 1 TWCV\n"
    "C 1001 1 TWFIN\n"
    "C 0020 1 SSLOK\n"
    "C 1002 1 SSLOK\n"
    "S 2001 1 TED\n"
    "S 2001 1 TRCC\n"
    "S 2001 1 TRCV\n"
    "S 2001 1 TRFIN\n"
    "S 0020 1 TWST\n"
    "S 2001 1 TWST\n"
    "S 2001 1 TWST\n"
    "S 2002 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 TRST\n"
    "C 1002 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 TRST\n"
    "C 1002 1 SSLOK\n"
    "C 4008 256 W/CN\n"
    "S 4008 256 W/CN\n"
    "C 4004 256 W/CN\n");
}
static int test_tls12_ccert(void)
{
    return run(TLS1_2_VERSION, 1, 0, 0, NULL,
    "C 0010 1 PINIT\n"
    "C 1001 1 PINIT\n"
    "C 1001 1 TWCH\n"
    "C 1002 -1 TWCH\n"
    "S 0010 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 TRCH\n"
    "S 2001 1 TWSH\n"
    "S 2001 1 TWSC\n"
    "S 2001 1 TWSKE\n"
    "S 2001 1 TWCR\n"
    "S 2001 1 TWSD\n"
    "S 2002 -1 TWSD\n"
    "C 1001 1 TWCH\n"
    "C 1001 1 TRSH\n"
    "C 1001 1 TRSC\n"
    "C 1001 1 TRSKE\n"
    "C 1001 1 TRCR\n"
    "C 1001 1 TRSD\n"
    "C 1001 1 TWCC\n"
    "C 1001 1 TWCKE\n"
    "C 1001 1 TWCV\n"
    "C 1001 1 TWCCS\n"
    "C 1001 1 TWFIN\n"
    "C 1002 -1 TWFIN\n"
    "S 2001 1 TWSD\n"
    "S 2001 1 TRCC\n"
    "S 2001 1 TRCKE\n"
    "S 2001 1 TRCV\n"
    "S 2001 1 TRCCS\n"
    "S 2001 1 TRFIN\n"
    "S 2001 1 TWST\n"
    "S 2001 1 TWCCS\n"
    "S 2001 1 TWFIN\n"
    "S 0020 1 SSLOK\n"
    "S 2002 1 SSLOK\n"
    "C 1001 1 TWFIN\n"
    "C 1001 1 TRST\n"
    "C 1001 1 TRCCS\n"
    "C 1001 1 TRFIN\n"
    "C 0020 1 SSLOK\n"
    "C 1002 1 SSLOK\n"
    "C 4008 256 W/CN\n"
    "S 4008 256 W/CN\n"
    "C 4004 256 W/CN\n");
}
static int test_tls13_resumed(void)
{
    return run(TLS1_3_VERSION, 0, 1, 0, NULL,
    "C 0010 1 PINIT\n"
    "C 1001 1 PINIT\n"
    "C 1001 1 TWCH\n"
    "C 1002 -1 TWCH\n"
    "S 0010 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 TRCH\n"
    "S 2001 1 TWSH\n"
    "S 2001 1 TWCCS\n"
    "S 2001 1 TWEE\n"
    "S 2001 1 TWFIN\n"
    "S 2001 1 TED\n"
    "S 2002 -1 TED\n"
    "C 1001 1 TWCH\n"
    "C 1001 1 TRSH\n"
    "C 1001 1 TREE\n"
    "C 1001 1 TRFIN\n"
    "C 1001 1 TWCCS\n"
    "C 1001 1 TWFIN\n"
    "C 0020 1 SSLOK\n"
    "C 1002 1 SSLOK\n"
    "S 2001 1 TED\n"
    "S 2001 1 TRFIN\n"
    "S 0020 1 TWST\n"
    "S 2001 1 TWST\n"
    "S 2002 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 SSLOK\n"
    "C 1001 1 TRST\n"
    "C 1002 1 SSLOK\n"
    "C 4008 256 W/CN\n"
    "S 4008 256 W/CN\n"
    "C 4004 256 W/CN\n");
}
/* A rustls server renews the ticket on resumption, OpenSSL's does not: the ticket lines
 * (TWST, TRST) are left out of the comparison (KNOWN_DIFFERENCES.md). */
static int test_tls12_resumed(void)
{
    return run(TLS1_2_VERSION, 0, 1, 0, "ST\n",
    "C 0010 1 PINIT\n"
    "C 1001 1 PINIT\n"
    "C 1001 1 TWCH\n"
    "C 1002 -1 TWCH\n"
    "S 0010 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 TRCH\n"
    "S 2001 1 TWSH\n"
    "S 2001 1 TWCCS\n"
    "S 2001 1 TWFIN\n"
    "S 2002 -1 TWFIN\n"
    "C 1001 1 TWCH\n"
    "C 1001 1 TRSH\n"
    "C 1001 1 TRCCS\n"
    "C 1001 1 TRFIN\n"
    "C 1001 1 TWCCS\n"
    "C 1001 1 TWFIN\n"
    "C 0020 1 SSLOK\n"
    "C 1002 1 SSLOK\n"
    "S 2001 1 TWFIN\n"
    "S 2001 1 TRCCS\n"
    "S 2001 1 TRFIN\n"
    "S 0020 1 SSLOK\n"
    "S 2002 1 SSLOK\n"
    "C 4008 256 W/CN\n"
    "S 4008 256 W/CN\n"
    "C 4004 256 W/CN\n");
}
static int test_tls13_badca(void)
{
    return run(TLS1_3_VERSION, 0, 0, 1, NULL,
    "C 0010 1 PINIT\n"
    "C 1001 1 PINIT\n"
    "C 1001 1 TWCH\n"
    "C 1002 -1 TWCH\n"
    "S 0010 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 TRCH\n"
    "S 2001 1 TWSH\n"
    "S 2001 1 TWCCS\n"
    "S 2001 1 TWEE\n"
    "S 2001 1 TWSC\n"
    "S 2001 1 TWSCV\n"
    "S 2001 1 TWFIN\n"
    "S 2001 1 TED\n"
    "S 2002 -1 TED\n"
    "C 1001 1 TWCH\n"
    "C 1001 1 TRSH\n"
    "C 1001 1 TREE\n"
    "C 4008 560 F/CA\n"
    "C 1002 -1 SSLERR\n"
    "S 4004 560 F/CA\n"
    "S 2002 -1 SSLERR\n");
}
static int test_tls12_badca(void)
{
    return run(TLS1_2_VERSION, 0, 0, 1, NULL,
    "C 0010 1 PINIT\n"
    "C 1001 1 PINIT\n"
    "C 1001 1 TWCH\n"
    "C 1002 -1 TWCH\n"
    "S 0010 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 PINIT\n"
    "S 2001 1 TRCH\n"
    "S 2001 1 TWSH\n"
    "S 2001 1 TWSC\n"
    "S 2001 1 TWSKE\n"
    "S 2001 1 TWSD\n"
    "S 2002 -1 TWSD\n"
    "C 1001 1 TWCH\n"
    "C 1001 1 TRSH\n"
    "C 4008 560 F/CA\n"
    "C 1002 -1 SSLERR\n"
    "S 4004 560 F/CA\n"
    "S 2002 -1 SSLERR\n");
}
/* Alert strings, as OpenSSL 3.0 names them. */
static int test_alert_strings(void)
{
    return TEST_str_eq(SSL_alert_type_string(0x100), "W")
        && TEST_str_eq(SSL_alert_type_string_long(0x100), "warning")
        && TEST_str_eq(SSL_alert_type_string(0x230), "F")
        && TEST_str_eq(SSL_alert_type_string_long(0x230), "fatal")
        && TEST_str_eq(SSL_alert_type_string(0x330), "U")
        && TEST_str_eq(SSL_alert_type_string_long(0), "unknown")
        && TEST_str_eq(SSL_alert_desc_string(0), "CN")
        && TEST_str_eq(SSL_alert_desc_string_long(0), "close notify")
        && TEST_str_eq(SSL_alert_desc_string_long(10), "unexpected_message")
        && TEST_str_eq(SSL_alert_desc_string(0x230), "CA")
        && TEST_str_eq(SSL_alert_desc_string_long(0x230), "unknown CA")
        && TEST_str_eq(SSL_alert_desc_string_long(90), "user canceled")
        && TEST_str_eq(SSL_alert_desc_string(120), "UK")
        && TEST_str_eq(SSL_alert_desc_string_long(120), "no application protocol")
        && TEST_str_eq(SSL_alert_desc_string(7), "UK")
        && TEST_str_eq(SSL_alert_desc_string_long(7), "unknown");
}

int main(void)
{
    RUN_TEST(test_tls13);
    RUN_TEST(test_tls12);
    RUN_TEST(test_tls13_ccert);
    RUN_TEST(test_tls12_ccert);
    RUN_TEST(test_tls13_resumed);
    RUN_TEST(test_tls12_resumed);
    RUN_TEST(test_tls13_badca);
    RUN_TEST(test_tls12_badca);
    RUN_TEST(test_alert_strings);
    return tu_finish();
}
