/* ALPN (client offer, server select callback, OK / NOACK / ALERT_FATAL / ALERT_WARNING),
 * SNI on the server (servername callback, SSL_get_servername on both sides, SSL_set_SSL_CTX
 * switching certificates) and the client hello callback, TLS 1.3 and 1.2. Measured against
 * OpenSSL 3.0. */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static int alpn_mode;
static char seen[512];
static SSL_CTX *switch_to;

static void note(const char *s)
{
    strncat(seen, s, sizeof(seen) - strlen(seen) - 1);
}

static int alpn_cb(SSL *s, const unsigned char **out, unsigned char *outlen,
                   const unsigned char *in, unsigned int inlen, void *arg)
{
    const char *name = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);

    note(arg == (void *)&alpn_mode ? "alpn(arg) " : "alpn(?) ");
    note(name != NULL && strcmp(name, "example.com") == 0 ? "name " : "noname ");
    if (alpn_mode != SSL_TLSEXT_ERR_OK)
        return alpn_mode;
    if (SSL_select_next_proto((unsigned char **)out, outlen,
                              (const unsigned char *)"\x02h2\x08http/1.1", 12, in, inlen)
        != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    return SSL_TLSEXT_ERR_OK;
}

static int sni_cb(SSL *s, int *al, void *arg)
{
    const char *name = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);

    note(arg == (void *)&switch_to ? "sni(arg) " : "sni(?) ");
    if (*al != SSL_AD_UNRECOGNIZED_NAME)
        note("al? ");
    if (name == NULL || strcmp(name, "example.com") != 0 || SSL_get_servername_type(s) != 0)
        note("badname ");
    if (switch_to != NULL && SSL_set_SSL_CTX(s, switch_to) != switch_to)
        note("switchfail ");
    return SSL_TLSEXT_ERR_OK;
}

static int ch_cb(SSL *s, int *al, void *arg)
{
    const unsigned char *p = NULL;
    size_t n = 0;
    int *exts = NULL;
    size_t nexts = 0, i;
    int has_sni = 0;

    (void)arg;
    note("ch ");
    if (*al != SSL_AD_INTERNAL_ERROR || SSL_client_hello_isv2(s) != 0
        || SSL_client_hello_get0_legacy_version(s) != TLS1_2_VERSION
        || SSL_client_hello_get0_random(s, &p) != 32 || p == NULL
        || SSL_client_hello_get0_ciphers(s, &p) < 2
        || SSL_client_hello_get0_compression_methods(s, &p) != 1 || p[0] != 0)
        note("badhello ");
    if (!SSL_client_hello_get0_ext(s, TLSEXT_TYPE_server_name, &p, &n) || n < 14)
        note("nosni ");
    if (SSL_client_hello_get0_ext(s, 0xfefe, &p, &n))
        note("bogusext ");
    if (SSL_client_hello_get1_extensions_present(s, &exts, &nexts) != 1)
        note("noexts ");
    for (i = 0; i < nexts; i++)
        has_sni |= exts[i] == TLSEXT_TYPE_server_name;
    if (!has_sni)
        note("nosni2 ");
    OPENSSL_free(exts);
    return SSL_CLIENT_HELLO_SUCCESS;
}

/* One handshake; returns 1 when the outcome matches. */
static int run(int version, int mode, const char *offer, int expect_ok, const char *expect_alpn,
               const char *expect_seen, unsigned long expect_serr, unsigned long expect_cerr)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    struct hs_side hs, hc;
    const unsigned char *p = NULL;
    unsigned int l = 0;
    int ok = 0;

    alpn_mode = mode;
    seen[0] = '\0';
    memset(&hs, 0, sizeof(hs));
    memset(&hc, 0, sizeof(hc));
    if (!TEST_true(create_ssl_ctx_pair(version, version, "server-ec-chain.pem", "server-ec.key",
                                       "ca-bundle.pem", &sctx, &cctx)))
        goto end;
    SSL_CTX_set_alpn_select_cb(sctx, alpn_cb, &alpn_mode);
    SSL_CTX_set_tlsext_servername_callback(sctx, sni_cb);
    SSL_CTX_set_tlsext_servername_arg(sctx, &switch_to);
    SSL_CTX_set_client_hello_cb(sctx, ch_cb, NULL);
    if (offer != NULL
        && !TEST_int_eq(SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)offer,
                                                (unsigned int)strlen(offer)),
                        0))
        goto end;
    if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        || !TEST_int_eq(SSL_set_tlsext_host_name(c, "example.com"), 1))
        goto end;
    if (!TEST_true(pump_handshake(s, c, &hs, &hc, 60)))
        goto end;
    if (!TEST_str_eq(seen, expect_seen) || !TEST_int_eq(hs.done, expect_ok)
        || !TEST_int_eq(hc.done, expect_ok) || !TEST_ulong_eq(hs.errs[0], expect_serr)
        || !TEST_ulong_eq(hc.errs[0], expect_cerr))
        goto end;
    SSL_get0_alpn_selected(c, &p, &l);
    if (!TEST_mem_eq(p, l, expect_alpn, strlen(expect_alpn)))
        goto end;
    SSL_get0_alpn_selected(s, &p, &l);
    if (!TEST_mem_eq(p, l, expect_alpn, strlen(expect_alpn)))
        goto end;
    if (!TEST_str_eq(SSL_get_servername(c, TLSEXT_NAMETYPE_host_name), "example.com")
        || !TEST_str_eq(SSL_get_servername(s, TLSEXT_NAMETYPE_host_name), "example.com"))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

#define SEEN_ALPN "ch sni(arg) alpn(arg) name "
static int test_alpn_tls13(void)
{
    return run(TLS1_3_VERSION, SSL_TLSEXT_ERR_OK, "\x08http/1.1\x02h2", 1, "h2", SEEN_ALPN, 0, 0)
        && run(TLS1_3_VERSION, SSL_TLSEXT_ERR_OK, "\x03""foo", 1, "", SEEN_ALPN, 0, 0)
        && run(TLS1_3_VERSION, SSL_TLSEXT_ERR_OK, NULL, 1, "", "ch sni(arg) ", 0, 0)
        && run(TLS1_3_VERSION, SSL_TLSEXT_ERR_NOACK, "\x02h2", 1, "", SEEN_ALPN, 0, 0)
        && run(TLS1_3_VERSION, SSL_TLSEXT_ERR_ALERT_FATAL, "\x02h2", 0, "", SEEN_ALPN,
               0x0A0000EBUL, 0x0A000460UL)
        && run(TLS1_3_VERSION, SSL_TLSEXT_ERR_ALERT_WARNING, "\x02h2", 0, "", SEEN_ALPN,
               0x0A0000EBUL, 0x0A000460UL);
}

static int test_alpn_tls12(void)
{
    return run(TLS1_2_VERSION, SSL_TLSEXT_ERR_OK, "\x08http/1.1\x02h2", 1, "h2", SEEN_ALPN, 0, 0)
        && run(TLS1_2_VERSION, SSL_TLSEXT_ERR_NOACK, "\x02h2", 1, "", SEEN_ALPN, 0, 0)
        && run(TLS1_2_VERSION, SSL_TLSEXT_ERR_ALERT_FATAL, "\x02h2", 0, "", SEEN_ALPN,
               0x0A0000EBUL, 0x0A000460UL);
}

static int test_alpn_protos_checks(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    int ok = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    /* 0 on success, 1 on failure; malformed lists fail without an error entry. */
    if (!TEST_int_eq(SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)"\x00", 1), 1)
        || !TEST_int_eq(SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)"\x05h2", 3), 1)
        || !TEST_int_eq(SSL_CTX_set_alpn_protos(ctx, NULL, 0), 0)
        || !TEST_int_eq(SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)"\x02h2", 0), 0)
        || !TEST_int_eq(SSL_CTX_set_alpn_protos(ctx, NULL, 5), 0)
        || !TEST_int_eq(SSL_set_alpn_protos(s, (const unsigned char *)"\x02h2", 3), 0)
        || !TEST_int_eq(SSL_set_alpn_protos(s, (const unsigned char *)"\x03h2", 3), 1)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int test_select_next_proto(void)
{
    unsigned char *out = NULL;
    unsigned char outlen = 0;
    const unsigned char srv[] = "\x02h2\x08http/1.1";
    const unsigned char cli[] = "\x03""foo\x08http/1.1";

    if (!TEST_int_eq(SSL_select_next_proto(&out, &outlen, srv, 12, cli, 13), OPENSSL_NPN_NEGOTIATED)
        || !TEST_mem_eq(out, outlen, "http/1.1", 8))
        return 0;
    if (!TEST_int_eq(SSL_select_next_proto(&out, &outlen, srv, 3, cli, 4), OPENSSL_NPN_NO_OVERLAP)
        || !TEST_mem_eq(out, outlen, "foo", 3))
        return 0;
    return 1;
}

/* SNI switching: the servername callback moves the connection to a context with an RSA
 * certificate; the client sees that certificate. */
static int test_sni_switch(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL, *rsa = NULL;
    SSL *s = NULL, *c = NULL;
    X509 *peer = NULL, *want = NULL;
    FILE *f = NULL;
    unsigned char *d1 = NULL, *d2 = NULL;
    int n1, n2, ok = 0;

    seen[0] = '\0';
    if (!TEST_true(create_ssl_ctx_pair(0, 0, "server-ec-chain.pem", "server-ec.key",
                                       "ca-bundle.pem", &sctx, &cctx))
        || !TEST_ptr(rsa = SSL_CTX_new(TLS_server_method()))
        || !TEST_int_eq(SSL_CTX_use_certificate_chain_file(rsa, cert_path("server-rsa.pem")), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(rsa, cert_path("server-rsa.key"),
                                                    SSL_FILETYPE_PEM),
                        1))
        goto end;
    switch_to = rsa;
    SSL_CTX_set_tlsext_servername_callback(sctx, sni_cb);
    SSL_CTX_set_tlsext_servername_arg(sctx, &switch_to);
    if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        || !TEST_int_eq(SSL_set_tlsext_host_name(c, "example.com"), 1)
        || !TEST_true(create_ssl_connection(s, c)) || !TEST_str_eq(seen, "sni(arg) ")
        || !TEST_ptr(peer = SSL_get1_peer_certificate(c))
        || !TEST_true(SSL_get_SSL_CTX(s) == rsa))
        goto end;
    /* The certificate the client got is the RSA context's. */
    if (!TEST_ptr(f = fopen(cert_path("server-rsa.pem"), "r"))
        || !TEST_ptr(want = PEM_read_X509(f, NULL, NULL, NULL)))
        goto end;
    n1 = i2d_X509(peer, &d1);
    n2 = i2d_X509(want, &d2);
    if (!TEST_int_gt(n1, 0) || !TEST_mem_eq(d1, n1, d2, n2))
        goto end;
    ok = 1;
end:
    switch_to = NULL;
    if (f != NULL)
        fclose(f);
    OPENSSL_free(d1);
    OPENSSL_free(d2);
    X509_free(want);
    X509_free(peer);
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    SSL_CTX_free(rsa);
    return ok;
}

static int refuse_mode; /* 1: servername callback fails, 2: client hello callback fails */

static int refusing_sni_cb(SSL *s, int *al, void *arg)
{
    (void)s;
    (void)al;
    (void)arg;
    return refuse_mode == 1 ? SSL_TLSEXT_ERR_ALERT_FATAL : SSL_TLSEXT_ERR_OK;
}

static int refusing_ch_cb(SSL *s, int *al, void *arg)
{
    (void)s;
    (void)arg;
    if (refuse_mode != 2)
        return SSL_CLIENT_HELLO_SUCCESS;
    *al = SSL_AD_HANDSHAKE_FAILURE;
    return SSL_CLIENT_HELLO_ERROR;
}

/* A callback that refuses the hello: the server queues SSL_R_CALLBACK_FAILED and sends the
 * alert from *al (the servername callback's default: unrecognized_name). */
static int refused(int version, int mode, unsigned long cerr)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    struct hs_side hs, hc;
    int ok = 0;

    refuse_mode = mode;
    memset(&hs, 0, sizeof(hs));
    memset(&hc, 0, sizeof(hc));
    if (!TEST_true(create_ssl_ctx_pair(version, version, "server-ec-chain.pem", "server-ec.key",
                                       "ca-bundle.pem", &sctx, &cctx)))
        goto end;
    SSL_CTX_set_tlsext_servername_callback(sctx, refusing_sni_cb);
    SSL_CTX_set_client_hello_cb(sctx, refusing_ch_cb, NULL);
    if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        || !TEST_int_eq(SSL_set_tlsext_host_name(c, "example.com"), 1)
        || !TEST_true(pump_handshake(s, c, &hs, &hc, 60)))
        goto end;
    if (!TEST_int_eq(hs.done, 0) || !TEST_int_eq(hs.err, SSL_ERROR_SSL)
        || !TEST_int_eq(ERR_GET_REASON(hs.errs[0]), SSL_R_CALLBACK_FAILED)
        || !TEST_int_eq(hc.done, 0) || !TEST_int_eq(hc.err, SSL_ERROR_SSL)
        || !TEST_ulong_eq(hc.errs[0], cerr))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

static int test_callbacks_refuse(void)
{
    return refused(TLS1_3_VERSION, 1, 0x0A000458UL) && refused(TLS1_2_VERSION, 1, 0x0A000458UL)
        && refused(TLS1_3_VERSION, 2, 0x0A000410UL) && refused(TLS1_2_VERSION, 2, 0x0A000410UL);
}

/* SSL_accept / SSL_connect set the roles themselves: the callbacks still run. */
static int test_callbacks_with_ssl_accept(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    BIO *cb = NULL, *sb = NULL;
    int i, rs = -1, rc = -1, ok = 0;

    seen[0] = '\0';
    alpn_mode = SSL_TLSEXT_ERR_OK;
    if (!TEST_true(create_ssl_ctx_pair(0, 0, "server-ec-chain.pem", "server-ec.key",
                                       "ca-bundle.pem", &sctx, &cctx))
        || !TEST_int_eq(SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)"\x02h2", 3), 0))
        goto end;
    SSL_CTX_set_alpn_select_cb(sctx, alpn_cb, &alpn_mode);
    SSL_CTX_set_tlsext_servername_callback(sctx, sni_cb);
    SSL_CTX_set_tlsext_servername_arg(sctx, &switch_to);
    if (!TEST_ptr(s = SSL_new(sctx)) || !TEST_ptr(c = SSL_new(cctx))
        || !TEST_int_eq(BIO_new_bio_pair(&cb, 0, &sb, 0), 1))
        goto end;
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    if (!TEST_int_eq(SSL_set_tlsext_host_name(c, "example.com"), 1))
        goto end;
    for (i = 0; i < 20 && (rs != 1 || rc != 1); i++) {
        if (rc != 1)
            rc = SSL_connect(c);
        if (rs != 1)
            rs = SSL_accept(s);
    }
    if (!TEST_int_eq(rc, 1) || !TEST_int_eq(rs, 1)
        || !TEST_str_eq(seen, "sni(arg) alpn(arg) name "))
        goto end;
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
    RUN_TEST(test_alpn_tls13);
    RUN_TEST(test_alpn_tls12);
    RUN_TEST(test_alpn_protos_checks);
    RUN_TEST(test_select_next_proto);
    RUN_TEST(test_sni_switch);
    RUN_TEST(test_callbacks_refuse);
    RUN_TEST(test_callbacks_with_ssl_accept);
    return tu_finish();
}
