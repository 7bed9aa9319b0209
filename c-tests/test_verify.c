/*
 * Certificate verification as seen by the client (SSL_get_verify_result,
 * 0A000086) and by the server (the alert it receives), SSL_VERIFY_NONE,
 * host and IP checks with SSL_set1_host, client certificates.
 */
#include "testutil.h"

#include <openssl/pem.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Handshake client (VERIFY `mode`, trusting `ca`, checking `host` if not
 * NULL) against a server using cert/key. want_ok: client handshake result.
 * On failure expects exactly 0A000086 on the client and `server_err` as the
 * only entry on the server.
 */
static int verify_case(int version, const char *cert, const char *key, const char *ca,
                       const char *host, int mode, long want_verify, int want_ok,
                       unsigned long server_err)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    if (!create_ssl_ctx_pair(version, version, cert, key, ca, &sctx, &cctx))
        goto end;
    SSL_CTX_set_verify(cctx, mode, NULL);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    if (host != NULL && !TEST_int_eq(SSL_set1_host(c, host), 1))
        goto end;
    if (!TEST_int_eq(SSL_get_verify_result(c), X509_V_OK))
        goto end;
    if (!TEST_true(pump_handshake(s, c, &hs, &hc, 30)))
        goto end;
    if (!TEST_int_eq(SSL_get_verify_result(c), want_verify))
        goto end;
    if (want_ok) {
        if (!TEST_true(hc.done) || !TEST_true(hs.done))
            goto end;
    } else {
        if (!TEST_true(hc.failed) || !TEST_int_eq(hc.ret, -1)
            || !TEST_int_eq(hc.err, SSL_ERROR_SSL) || !TEST_int_eq(hc.nerrs, 1)
            || !TEST_ulong_eq(hc.errs[0], 0x0A000086UL))
            goto end;
        if (!TEST_true(hs.failed) || !TEST_int_eq(hs.ret, -1)
            || !TEST_int_eq(hs.err, SSL_ERROR_SSL) || !TEST_int_eq(hs.nerrs, 1)
            || !TEST_ulong_eq(hs.errs[0], server_err)
            || !TEST_int_eq(SSL_get_shutdown(s), SSL_RECEIVED_SHUTDOWN))
            goto end;
        /* the sender of the alert does not mark anything as received */
        if (!TEST_int_eq(SSL_get_shutdown(c) & SSL_RECEIVED_SHUTDOWN, 0))
            goto end;
    }
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Handshake with VERIFY_PEER against server-ec.pem, the client's trust loaded by `how`:
 * 0 load_verify_dir(hashdir), 1 load_verify_locations(NULL, hashdir),
 * 2 set_default_verify_paths with SSL_CERT_FILE, 3 load_verify_dir(/etc/ssl/certs). */
static int trust_case(int how, long want_verify)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    char dir[512];
    int ret = 0;

    snprintf(dir, sizeof(dir), "%s", cert_path("hashdir"));
    if (!create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", NULL, &sctx, &cctx))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    switch (how) {
    case 0:
        if (!TEST_int_eq(SSL_CTX_load_verify_dir(cctx, dir), 1))
            goto end;
        break;
    case 1:
        if (!TEST_int_eq(SSL_CTX_load_verify_locations(cctx, NULL, dir), 1))
            goto end;
        break;
    case 2:
        if (!TEST_int_eq(setenv("SSL_CERT_FILE", cert_path("ca-ec.pem"), 1), 0)
            || !TEST_int_eq(setenv("SSL_CERT_DIR", "/nonexistent-sslrs-dir", 1), 0)
            || !TEST_int_eq(SSL_CTX_set_default_verify_paths(cctx), 1))
            goto end;
        break;
    default:
        if (!TEST_int_eq(SSL_CTX_load_verify_dir(cctx, "/etc/ssl/certs"), 1))
            goto end;
        break;
    }
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
        || !TEST_true(pump_handshake(s, c, &hs, &hc, 30))
        || !TEST_int_eq(SSL_get_verify_result(c), want_verify)
        || !TEST_int_eq(hc.done, want_verify == X509_V_OK))
        goto end;
    ret = 1;
end:
    unsetenv("SSL_CERT_FILE");
    unsetenv("SSL_CERT_DIR");
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Trust from a hashed directory, from SSL_CERT_FILE, and from the system store (which does not
 * know our test CA); missing locations as OpenSSL reports them. */
static int test_trust_locations(void)
{
    SSL_CTX *ctx = NULL;
    int ret = 0;

    if (!trust_case(0, X509_V_OK) || !trust_case(1, X509_V_OK) || !trust_case(2, X509_V_OK)
        || !trust_case(3, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY))
        goto end;
    ERR_clear_error();
    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_client_method()))
        /* a directory is searched lazily: a missing one is not an error */
        || !TEST_int_eq(SSL_CTX_load_verify_dir(ctx, "/nonexistent-sslrs-dir"), 1)
        || !TEST_ulong_eq(ERR_peek_error(), 0)
        /* a missing file is: the system error first, X509's "system lib" last */
        || !TEST_int_eq(SSL_CTX_load_verify_file(ctx, "/nonexistent-sslrs-file"), 0)
        || !TEST_ulong_eq(ERR_peek_error(), 0x80000002UL)
        || !TEST_ulong_eq(ERR_peek_last_error(), 0x05880002UL)
        /* neither location given: 0, nothing queued */
        || (ERR_clear_error(), 0)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(ctx, NULL, NULL), 0)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    ret = 1;
end:
    ERR_clear_error();
    SSL_CTX_free(ctx);
    return ret;
}

static int test_good_chain(void)
{
    return verify_case(0, "server-ec.pem", "server-ec.key", "ca-ec.pem", "localhost",
                       SSL_VERIFY_PEER, X509_V_OK, 1, 0)
           && verify_case(0, "server-rsa.pem", "server-rsa.key", "ca-bundle.pem", "LOCALHOST",
                          SSL_VERIFY_PEER, X509_V_OK, 1, 0);
}

static int test_unknown_ca(void)
{
    return verify_case(0, "unknownca.pem", "unknownca.key", "ca-ec.pem", NULL, SSL_VERIFY_PEER,
                       X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 0, 0x0A000418UL)
           && verify_case(TLS1_2_VERSION, "unknownca.pem", "unknownca.key", "ca-ec.pem", NULL,
                          SSL_VERIFY_PEER, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 0,
                          0x0A000418UL);
}

static int test_no_ca_loaded(void)
{
    return verify_case(0, "server-ec.pem", "server-ec.key", NULL, NULL, SSL_VERIFY_PEER,
                       X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 0, 0x0A000418UL);
}

static int test_expired(void)
{
    return verify_case(0, "expired.pem", "expired.key", "ca-ec.pem", NULL, SSL_VERIFY_PEER,
                       X509_V_ERR_CERT_HAS_EXPIRED, 0, 0x0A000415UL);
}

static int test_not_yet_valid(void)
{
    return verify_case(0, "notyet.pem", "notyet.key", "ca-ec.pem", NULL, SSL_VERIFY_PEER,
                       X509_V_ERR_CERT_NOT_YET_VALID, 0, 0x0A000412UL);
}

static int test_self_signed(void)
{
    return verify_case(0, "selfsigned.pem", "selfsigned.key", "ca-ec.pem", NULL, SSL_VERIFY_PEER,
                       X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 0, 0x0A000418UL);
}

static int test_wrong_host(void)
{
    return verify_case(0, "server-ec.pem", "server-ec.key", "ca-ec.pem", "example.com",
                       SSL_VERIFY_PEER, X509_V_ERR_HOSTNAME_MISMATCH, 0, 0x0A000412UL)
           && verify_case(TLS1_2_VERSION, "server-ec.pem", "server-ec.key", "ca-ec.pem",
                          "www.localhost", SSL_VERIFY_PEER, X509_V_ERR_HOSTNAME_MISMATCH, 0,
                          0x0A000412UL);
}

static int test_ip_host(void)
{
    return verify_case(0, "server-ec.pem", "server-ec.key", "ca-ec.pem", "127.0.0.1",
                       SSL_VERIFY_PEER, X509_V_OK, 1, 0)
           && verify_case(0, "server-ec.pem", "server-ec.key", "ca-ec.pem", "127.0.0.2",
                          SSL_VERIFY_PEER, X509_V_ERR_IP_ADDRESS_MISMATCH, 0, 0x0A000412UL);
}

/* SSL_VERIFY_NONE: the handshake goes on, the result is still recorded. */
static int test_verify_none_records(void)
{
    return verify_case(0, "unknownca.pem", "unknownca.key", "ca-ec.pem", NULL, SSL_VERIFY_NONE,
                       X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 1, 0)
           && verify_case(0, "selfsigned.pem", "selfsigned.key", NULL, NULL, SSL_VERIFY_NONE,
                          X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 1, 0)
           && verify_case(0, "server-ec.pem", "server-ec.key", "ca-ec.pem", "example.com",
                          SSL_VERIFY_NONE, X509_V_ERR_HOSTNAME_MISMATCH, 1, 0)
           && verify_case(TLS1_2_VERSION, "expired.pem", "expired.key", "ca-ec.pem", NULL,
                          SSL_VERIFY_NONE, X509_V_ERR_CERT_HAS_EXPIRED, 1, 0);
}

/* SSL_set1_host(NULL) clears the check; SNI is independent. */
static int test_host_clear_and_sni(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    int ret = 0;

    if (!create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", "ca-ec.pem", &sctx, &cctx))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
        || !TEST_int_eq(SSL_set1_host(c, "example.com"), 1)
        || !TEST_int_eq(SSL_set1_host(c, NULL), 1)
        || !TEST_int_eq(SSL_set_tlsext_host_name(c, "example.com"), 1)
        || !create_ssl_connection(s, c) || !TEST_int_eq(SSL_get_verify_result(c), X509_V_OK))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_verify_error_strings(void)
{
    return TEST_str_eq(X509_verify_cert_error_string(0), "ok")
           && TEST_str_eq(X509_verify_cert_error_string(9), "certificate is not yet valid")
           && TEST_str_eq(X509_verify_cert_error_string(10), "certificate has expired")
           && TEST_str_eq(X509_verify_cert_error_string(18), "self-signed certificate")
           && TEST_str_eq(X509_verify_cert_error_string(20),
                          "unable to get local issuer certificate")
           && TEST_str_eq(X509_verify_cert_error_string(62), "hostname mismatch")
           && TEST_str_eq(X509_verify_cert_error_string(64), "IP address mismatch");
}

/* Server requests a client certificate (PEER | FAIL_IF_NO_PEER_CERT). */
static int client_cert_case(int version, int send_cert)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    X509 *peer = NULL;
    struct hs_side hs, hc;
    char name[256], buf[16];
    int ret = 0, r;

    if (!create_ssl_ctx_pair(version, version, "server-ec.pem", "server-ec.key", "ca-ec.pem",
                             &sctx, &cctx))
        goto end;
    if (!TEST_int_eq(SSL_CTX_load_verify_locations(sctx, cert_path("ca-ec.pem"), NULL), 1))
        goto end;
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    if (send_cert
        && (!TEST_int_eq(SSL_CTX_use_certificate_file(cctx, cert_path("client.pem"), SSL_FILETYPE_PEM), 1)
            || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(cctx, cert_path("client.key"), SSL_FILETYPE_PEM), 1)))
        goto end;
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
        || !TEST_true(pump_handshake(s, c, &hs, &hc, 30)))
        goto end;
    if (send_cert) {
        if (!TEST_true(hs.done) || !TEST_true(hc.done)
            || !TEST_int_eq(SSL_get_verify_result(s), X509_V_OK)
            || !TEST_ptr(peer = SSL_get1_peer_certificate(s))
            || !TEST_ptr(X509_NAME_oneline(X509_get_subject_name(peer), name, sizeof(name)))
            || !TEST_str_eq(name, "/O=sslrs test/CN=sslrs test client"))
            goto end;
    } else if (version == TLS1_2_VERSION) {
        if (!TEST_true(hs.failed) || !TEST_int_eq(hs.nerrs, 1)
            || !TEST_ulong_eq(hs.errs[0], 0x0A0000C7UL) || !TEST_true(hc.failed)
            || !TEST_int_eq(hc.nerrs, 1) || !TEST_ulong_eq(hc.errs[0], 0x0A000410UL))
            goto end;
    } else {
        /* TLS 1.3: the client finishes first and learns on its first read */
        if (!TEST_true(hs.failed) || !TEST_int_eq(hs.nerrs, 1)
            || !TEST_ulong_eq(hs.errs[0], 0x0A0000C7UL) || !TEST_true(hc.done))
            goto end;
        r = SSL_read(c, buf, sizeof(buf));
        if (!TEST_int_eq(r, 0) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
            || !TEST_ulong_eq(ERR_get_error(), 0x0A00045CUL))
            goto end;
    }
    ret = 1;
end:
    X509_free(peer);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_client_cert(void)
{
    return client_cert_case(TLS1_3_VERSION, 1) && client_cert_case(TLS1_2_VERSION, 1);
}

static int test_client_cert_missing_tls12(void)
{
    return client_cert_case(TLS1_2_VERSION, 0);
}

static int test_client_cert_missing_tls13(void)
{
    return client_cert_case(TLS1_3_VERSION, 0);
}

/*
 * Server verify modes beyond PEER: with SSL_VERIFY_POST_HANDSHAKE a TLS 1.3 server asks for no
 * certificate during the handshake (so none arrives, and FAIL_IF_NO_PEER_CERT does not fail
 * it); TLS 1.2 has no post-handshake authentication and asks as usual. SSL_VERIFY_CLIENT_ONCE
 * changes nothing in a first handshake.
 */
static int mode_case(int version, int mode, int send_cert, int want_ok, int want_peer)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    X509 *peer = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    if (!create_ssl_ctx_pair(version, version, "server-ec.pem", "server-ec.key", "ca-ec.pem",
                             &sctx, &cctx)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(sctx, cert_path("ca-ec.pem"), NULL), 1))
        goto end;
    SSL_CTX_set_verify(sctx, mode, NULL);
    if (send_cert
        && (!TEST_int_eq(SSL_CTX_use_certificate_file(cctx, cert_path("client.pem"), SSL_FILETYPE_PEM), 1)
            || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(cctx, cert_path("client.key"), SSL_FILETYPE_PEM), 1)))
        goto end;
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
        || !TEST_true(pump_handshake(s, c, &hs, &hc, 30))
        || !TEST_int_eq(hs.done && hc.done, want_ok))
        goto end;
    peer = SSL_get1_peer_certificate(s);
    if (!TEST_int_eq(peer != NULL, want_peer) || !TEST_int_eq(SSL_get_verify_mode(s), mode))
        goto end;
    ret = 1;
end:
    if (!ret)
        tu_log("  case version %x mode %x cert %d\n", version, mode, send_cert);
    ERR_clear_error();
    X509_free(peer);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_verify_modes(void)
{
    const int peer = SSL_VERIFY_PEER, fail = SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    const int pha = SSL_VERIFY_POST_HANDSHAKE, once = SSL_VERIFY_CLIENT_ONCE;

    return mode_case(TLS1_3_VERSION, peer | pha, 1, 1, 0)
           && mode_case(TLS1_3_VERSION, peer | fail | pha, 0, 1, 0)
           && mode_case(TLS1_2_VERSION, peer | pha, 1, 1, 1)
           && mode_case(TLS1_2_VERSION, peer | fail | pha, 0, 0, 0)
           && mode_case(TLS1_3_VERSION, peer | once, 1, 1, 1)
           && mode_case(TLS1_3_VERSION, peer | fail | once, 0, 0, 0)
           && mode_case(TLS1_2_VERSION, peer | once, 1, 1, 1);
}

/* SSL_CTX_set_client_cert_cb: asked only when the server requests a certificate and the client
 * has none; 1 with a certificate and key sends them (the library frees both), 0 sends none. */
static int ccb_calls, ccb_give;

static int client_cert_cb(SSL *ssl, X509 **x509, EVP_PKEY **pkey)
{
    BIO *b;

    (void)ssl;
    ccb_calls++;
    if (!ccb_give)
        return 0;
    b = BIO_new_file(cert_path("client.pem"), "r");
    *x509 = b == NULL ? NULL : PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    b = BIO_new_file(cert_path("client.key"), "r");
    *pkey = b == NULL ? NULL : PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    BIO_free(b);
    return 1;
}

static int ccb_case(int version, int server_mode, int configured, int give, int want_calls, int want_ok,
                    int want_peer)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    X509 *peer = NULL;
    struct hs_side hs, hc;
    char buf[8];
    int ret = 0;

    ccb_calls = 0;
    ccb_give = give;
    if (!create_ssl_ctx_pair(version, version, "server-ec.pem", "server-ec.key", "ca-ec.pem",
                             &sctx, &cctx)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(sctx, cert_path("ca-ec.pem"), NULL), 1))
        goto end;
    SSL_CTX_set_verify(sctx, server_mode, NULL);
    SSL_CTX_set_client_cert_cb(cctx, client_cert_cb);
    if (!TEST_true(SSL_CTX_get_client_cert_cb(cctx) == client_cert_cb))
        goto end;
    if (configured
        && (!TEST_int_eq(SSL_CTX_use_certificate_file(cctx, cert_path("client.pem"), SSL_FILETYPE_PEM), 1)
            || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(cctx, cert_path("client.key"), SSL_FILETYPE_PEM), 1)))
        goto end;
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_true(pump_handshake(s, c, &hs, &hc, 30)))
        goto end;
    /* TLS 1.3: a refused client learns it on its first read */
    if (hs.done && hc.done && SSL_read(s, buf, sizeof(buf)) <= 0 && SSL_read(c, buf, sizeof(buf)) <= 0) {
        /* nothing to read either way: fine */
    }
    peer = SSL_get1_peer_certificate(s);
    if (!TEST_int_eq(ccb_calls, want_calls) || !TEST_int_eq(hs.done, want_ok)
        || !TEST_int_eq(peer != NULL, want_peer))
        goto end;
    ret = 1;
end:
    if (!ret)
        tu_log("  case version %x mode %x configured %d give %d\n", version, server_mode, configured, give);
    ERR_clear_error();
    X509_free(peer);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_client_cert_cb(void)
{
    const int req = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;

    return ccb_case(TLS1_3_VERSION, req, 0, 1, 1, 1, 1)
           && ccb_case(TLS1_2_VERSION, req, 0, 1, 1, 1, 1)
           && ccb_case(TLS1_2_VERSION, req, 0, 0, 1, 0, 0)
           && ccb_case(TLS1_3_VERSION, SSL_VERIFY_PEER, 0, 0, 1, 1, 0)
           && ccb_case(TLS1_3_VERSION, SSL_VERIFY_NONE, 0, 1, 0, 1, 0)
           && ccb_case(TLS1_2_VERSION, req, 1, 1, 0, 1, 1);
}

int main(void)
{
    RUN_TEST(test_good_chain);
    RUN_TEST(test_verify_modes);
    RUN_TEST(test_client_cert_cb);
    RUN_TEST(test_trust_locations);
    RUN_TEST(test_unknown_ca);
    RUN_TEST(test_no_ca_loaded);
    RUN_TEST(test_expired);
    RUN_TEST(test_not_yet_valid);
    RUN_TEST(test_self_signed);
    RUN_TEST(test_wrong_host);
    RUN_TEST(test_ip_host);
    RUN_TEST(test_verify_none_records);
    RUN_TEST(test_host_clear_and_sni);
    RUN_TEST(test_verify_error_strings);
    RUN_TEST(test_client_cert);
    RUN_TEST(test_client_cert_missing_tls12);
    RUN_TEST(test_client_cert_missing_tls13);
    return tu_finish();
}
