/*
 * The verify callback: the sequence of calls OpenSSL's verification makes
 * (preverify_ok, depth, error, the certificate, the SSL under
 * SSL_get_ex_data_X509_STORE_CTX_idx, the chain), measured on OpenSSL 3.0,
 * for a good chain, an unknown CA, a self-signed server, a root sent by the
 * server but not trusted, a wrong host, an expired and a not-yet-valid
 * certificate; a callback that passes preverify_ok through, one that accepts
 * everything (the handshake succeeds, the result stays the last error), one
 * that rejects a good chain, and one that sets its own error.
 */
#include "testutil.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#define MAX_CALLS 8

/* Set before a verify_case: the client's verify depth (-1: not set) and whether its verify
 * parameters get X509_V_FLAG_PARTIAL_CHAIN (X509_VERIFY_PARAM_set_flags, looked up at run
 * time: the sslrs build's headers do not declare it). */
static int case_depth = -1, case_partial;

/* A server with a servername callback (the ClientHello is read first; nginx sets the verify
 * mode again from there, as here). */
static int case_sni_cb;

static int servername_cb(SSL *s, int *al, void *arg)
{
    (void)al;
    (void)arg;
    SSL_set_verify(s, SSL_CTX_get_verify_mode(SSL_get_SSL_CTX(s)),
                   SSL_CTX_get_verify_callback(SSL_get_SSL_CTX(s)));
    return SSL_TLSEXT_ERR_OK;
}

enum mode { PASS_THROUGH, ACCEPT_ALL, REJECT_ALL, SET_APP_ERROR };

static struct {
    enum mode mode;
    SSL *expect_ssl;
    int n;
    char seq[MAX_CALLS * 32];
    int ssl_ok, chain_len;
} rec;

static int cb(int ok, X509_STORE_CTX *x)
{
    X509 *cur = X509_STORE_CTX_get_current_cert(x);
    char name[256] = "-", one[48];
    STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(x);

    if (cur != NULL)
        X509_NAME_oneline(X509_get_subject_name(cur), name, sizeof(name));
    if (X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx()) == rec.expect_ssl)
        rec.ssl_ok++;
    rec.chain_len = chain == NULL ? -1 : sk_X509_num(chain);
    snprintf(one, sizeof(one), "%s%d/%d/%d/%s", rec.n ? " " : "", ok,
             X509_STORE_CTX_get_error_depth(x), X509_STORE_CTX_get_error(x),
             strstr(name, "CN=sslrs test CA") != NULL       ? "ca"
             : strstr(name, "intermediate CA") != NULL ? "int"
                                                        : "leaf");
    if (rec.n < MAX_CALLS)
        strcat(rec.seq, one);
    rec.n++;
    switch (rec.mode) {
    case PASS_THROUGH:
        return ok;
    case ACCEPT_ALL:
        return 1;
    case SET_APP_ERROR:
        X509_STORE_CTX_set_error(x, X509_V_ERR_APPLICATION_VERIFICATION);
        return 0;
    default:
        return 0;
    }
}

/*
 * A client (VERIFY_PEER, callback in `mode`, trusting `ca`, checking `host`)
 * against a server using cert/key; the calls seen, the handshake outcome, the
 * verify result and the chain length seen by the last call.
 */
static int verify_case(const char *cert, const char *key, const char *ca, const char *host,
                       enum mode mode, const char *want_seq, int want_ok, long want_result,
                       int want_chain_len)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    memset(&rec, 0, sizeof(rec));
    rec.mode = mode;
    if (!create_ssl_ctx_pair(0, 0, cert, key, ca, &sctx, &cctx))
        goto end;
    /* a chain file: the server sends all of it */
    if (strstr(cert, "chain") != NULL
        && !TEST_int_eq(SSL_CTX_use_certificate_chain_file(sctx, cert_path(cert)), 1))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, cb);
    if (case_depth >= 0)
        SSL_CTX_set_verify_depth(cctx, case_depth);
    if (case_partial) {
        int (*set_flags)(X509_VERIFY_PARAM *, unsigned long) =
            (int (*)(X509_VERIFY_PARAM *, unsigned long))dlsym(RTLD_DEFAULT,
                                                               "X509_VERIFY_PARAM_set_flags");

        if (!TEST_ptr(set_flags)
            || !TEST_int_eq(set_flags(SSL_CTX_get0_param(cctx), X509_V_FLAG_PARTIAL_CHAIN), 1))
            goto end;
    }
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    rec.expect_ssl = c;
    if (host != NULL && !TEST_int_eq(SSL_set1_host(c, host), 1))
        goto end;
    if (!TEST_true(pump_handshake(s, c, &hs, &hc, 30)))
        goto end;
    if (!TEST_str_eq(rec.seq, want_seq) || !TEST_int_eq(rec.ssl_ok, rec.n)
        || !TEST_int_eq(hc.done, want_ok) || !TEST_int_eq(SSL_get_verify_result(c), want_result)
        || !TEST_int_eq(rec.chain_len, want_chain_len))
        goto end;
    /* a rejected server certificate is not kept; the chain it sent is */
    if (!want_ok
        && (!TEST_ptr_null(SSL_get0_peer_certificate(c)) || !TEST_ptr(SSL_get_peer_cert_chain(c))))
        goto end;
    ret = 1;
end:
    if (!ret)
        tu_log("  case %s/%s host=%s mode=%d: calls \"%s\"\n", cert, ca ? ca : "-",
               host ? host : "-", (int)mode, rec.seq);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_good_chain(void)
{
    return verify_case("server-ec.pem", "server-ec.key", "ca-ec.pem", NULL, PASS_THROUGH,
                       "1/1/0/ca 1/0/0/leaf", 1, X509_V_OK, 2)
        && verify_case("server-ec-chain.pem", "server-ec.key", "ca-ec.pem", "localhost",
                       ACCEPT_ALL, "1/1/0/ca 1/0/0/leaf", 1, X509_V_OK, 2);
}

static int test_unknown_ca(void)
{
    return verify_case("server-ec.pem", "server-ec.key", NULL, NULL, PASS_THROUGH, "0/0/20/leaf",
                       0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 1)
        && verify_case("server-ec.pem", "server-ec.key", NULL, NULL, ACCEPT_ALL,
                       "0/0/20/leaf 0/0/21/leaf 1/0/21/leaf", 1,
                       X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, 1);
}

static int test_self_signed(void)
{
    return verify_case("selfsigned.pem", "selfsigned.key", NULL, NULL, ACCEPT_ALL,
                       "0/0/18/leaf 1/0/18/leaf", 1, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 1)
        && verify_case("selfsigned.pem", "selfsigned.key", "selfsigned.pem", NULL, PASS_THROUGH,
                       "1/0/0/leaf", 1, X509_V_OK, 1)
        /* the server sends its root, which the client does not trust */
        && verify_case("server-ec-chain.pem", "server-ec.key", NULL, NULL, ACCEPT_ALL,
                       "0/1/19/ca 1/1/19/ca 1/0/19/leaf", 1, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
                       2);
}

static int test_wrong_host(void)
{
    return verify_case("server-ec.pem", "server-ec.key", "ca-ec.pem", "other.example",
                       PASS_THROUGH, "0/0/62/leaf", 0, X509_V_ERR_HOSTNAME_MISMATCH, 2)
        && verify_case("server-ec.pem", "server-ec.key", "ca-ec.pem", "other.example", ACCEPT_ALL,
                       "0/0/62/leaf 1/1/62/ca 1/0/62/leaf", 1, X509_V_ERR_HOSTNAME_MISMATCH, 2)
        /* with an unknown CA too: the chain error first, then the host */
        && verify_case("server-ec.pem", "server-ec.key", NULL, "other.example", ACCEPT_ALL,
                       "0/0/20/leaf 0/0/62/leaf 0/0/21/leaf 1/0/21/leaf", 1,
                       X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, 1);
}

static int test_validity(void)
{
    return verify_case("expired.pem", "expired.key", "ca-ec.pem", NULL, PASS_THROUGH,
                       "1/1/0/ca 0/0/10/leaf", 0, X509_V_ERR_CERT_HAS_EXPIRED, 2)
        && verify_case("expired.pem", "expired.key", "ca-ec.pem", NULL, ACCEPT_ALL,
                       "1/1/0/ca 0/0/10/leaf 1/0/10/leaf", 1, X509_V_ERR_CERT_HAS_EXPIRED, 2)
        && verify_case("notyet.pem", "notyet.key", "ca-ec.pem", NULL, ACCEPT_ALL,
                       "1/1/0/ca 0/0/9/leaf 1/0/9/leaf", 1, X509_V_ERR_CERT_NOT_YET_VALID, 2)
        /* expired and the wrong host: the host first, then the dates */
        && verify_case("expired.pem", "expired.key", "ca-ec.pem", "other.example", ACCEPT_ALL,
                       "0/0/62/leaf 1/1/62/ca 0/0/10/leaf 1/0/10/leaf", 1,
                       X509_V_ERR_CERT_HAS_EXPIRED, 2);
}

static int test_callback_rejects(void)
{
    /* a good chain rejected at its first call: X509_V_ERR_UNSPECIFIED */
    return verify_case("server-ec.pem", "server-ec.key", "ca-ec.pem", NULL, REJECT_ALL, "1/1/0/ca",
                       0, X509_V_ERR_UNSPECIFIED, 2)
        /* the callback's own error is the result */
        && verify_case("server-ec.pem", "server-ec.key", "ca-ec.pem", NULL, SET_APP_ERROR,
                       "1/1/0/ca", 0, X509_V_ERR_APPLICATION_VERIFICATION, 2);
}

/* Chains of three: leaf, intermediate, root. */
static int test_intermediates(void)
{
    int ok;

    ok = verify_case("server-int-chain.pem", "server-int.key", "ca-ec.pem", NULL, PASS_THROUGH,
                     "1/2/0/ca 1/1/0/int 1/0/0/leaf", 1, X509_V_OK, 3)
        /* the server does not send its intermediate */
        && verify_case("server-int.pem", "server-int.key", "ca-ec.pem", NULL, ACCEPT_ALL,
                       "0/0/20/leaf 0/0/21/leaf 1/0/21/leaf", 1,
                       X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, 1)
        /* the intermediate as the only trust anchor: not a full chain without PARTIAL_CHAIN */
        && verify_case("server-int.pem", "server-int.key", "int-ca.pem", NULL, PASS_THROUGH,
                       "0/1/2/int", 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, 2)
        && verify_case("server-int-chain.pem", "server-int.key", "int-ca.pem", NULL, ACCEPT_ALL,
                       "0/1/2/int 1/0/2/leaf", 1, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, 2);
    /* the verify depth: 0 allows no intermediate, 1 one */
    case_depth = 0;
    ok = ok
        && verify_case("server-int-chain.pem", "server-int.key", "ca-ec.pem", NULL, PASS_THROUGH,
                       "0/1/22/int", 0, X509_V_ERR_CERT_CHAIN_TOO_LONG, 2)
        && verify_case("server-int-chain.pem", "server-int.key", "ca-ec.pem", NULL, ACCEPT_ALL,
                       "0/1/22/int 0/1/20/int 1/0/20/leaf", 1,
                       X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 2)
        /* a chain of two is within depth 0 */
        && verify_case("server-ec.pem", "server-ec.key", "ca-ec.pem", NULL, PASS_THROUGH,
                       "1/1/0/ca 1/0/0/leaf", 1, X509_V_OK, 2);
    case_depth = 1;
    ok = ok
        && verify_case("server-int-chain.pem", "server-int.key", "ca-ec.pem", NULL, PASS_THROUGH,
                       "1/2/0/ca 1/1/0/int 1/0/0/leaf", 1, X509_V_OK, 3);
    case_depth = -1;
    /* X509_V_FLAG_PARTIAL_CHAIN on the context's verify parameters */
    if (ok) {
        case_partial = 1;
        ok = verify_case("server-int.pem", "server-int.key", "int-ca.pem", NULL, PASS_THROUGH,
                         "1/1/0/int 1/0/0/leaf", 1, X509_V_OK, 2);
        case_partial = 0;
    }
    return ok;
}

/* SSL_CTX_set_cert_verify_callback: the application's function replaces verification. */
static int app_mode; /* 0: accept, 1: X509_verify_cert, 2: reject, 3: reject with an error */
static int app_calls, app_saw_ssl, app_saw_leaf;
static SSL *app_expect;

static int app_verify(X509_STORE_CTX *x, void *arg)
{
    char name[256] = "";
    X509 *leaf = X509_STORE_CTX_get0_cert(x);

    app_calls += arg == &app_mode;
    app_saw_ssl += X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx()) == app_expect;
    if (leaf != NULL)
        X509_NAME_oneline(X509_get_subject_name(leaf), name, sizeof(name));
    app_saw_leaf += strstr(name, "CN=localhost") != NULL;
    switch (app_mode) {
    case 0:
        return 1;
    case 1:
        return X509_verify_cert(x);
    case 3:
        X509_STORE_CTX_set_error(x, X509_V_ERR_APPLICATION_VERIFICATION);
        return 0;
    default:
        return 0;
    }
}

static int app_case(const char *ca, int mode, const char *want_seq, int want_ok, long want_result)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    memset(&rec, 0, sizeof(rec));
    rec.mode = PASS_THROUGH;
    app_mode = mode;
    app_calls = app_saw_ssl = app_saw_leaf = 0;
    if (!create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", ca, &sctx, &cctx))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, cb);
    SSL_CTX_set_cert_verify_callback(cctx, app_verify, &app_mode);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    app_expect = rec.expect_ssl = c;
    if (!TEST_true(pump_handshake(s, c, &hs, &hc, 30)))
        goto end;
    if (!TEST_int_eq(app_calls, 1) || !TEST_int_eq(app_saw_ssl, 1) || !TEST_int_eq(app_saw_leaf, 1)
        || !TEST_str_eq(rec.seq, want_seq) || !TEST_int_eq(hc.done, want_ok)
        || !TEST_int_eq(SSL_get_verify_result(c), want_result))
        goto end;
    ret = 1;
end:
    if (!ret)
        tu_log("  app case ca=%s mode=%d: calls \"%s\"\n", ca ? ca : "-", mode, rec.seq);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_cert_verify_callback(void)
{
    /* accepting without verifying: no verify-callback calls, result OK even for an unknown CA */
    return app_case(NULL, 0, "", 1, X509_V_OK)
        /* X509_verify_cert from inside: the default verification, verify callback included */
        && app_case("ca-ec.pem", 1, "1/1/0/ca 1/0/0/leaf", 1, X509_V_OK)
        && app_case(NULL, 1, "0/0/20/leaf", 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
        /* rejecting a good chain, without and with an error of its own */
        && app_case("ca-ec.pem", 2, "", 0, X509_V_OK)
        && app_case("ca-ec.pem", 3, "", 0, X509_V_ERR_APPLICATION_VERIFICATION);
}

/* The key file of a certificate file: "x.pem" -> "x.key". */
static const char *client_key(const char *cert)
{
    static char key[64];

    snprintf(key, sizeof(key), "%.*s.key", (int)(strlen(cert) - 4), cert);
    return key;
}

/*
 * A server (VERIFY_PEER | FAIL_IF_NO_PEER_CERT, callback in `mode`, trusting
 * `ca`) verifying the client's certificate; the calls the server's callback
 * sees, the handshake outcome on the server and its verify result.
 */
static int server_case(int version, const char *ca, const char *client_cert, enum mode mode,
                       const char *want_seq, int want_ok, long want_result)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    memset(&rec, 0, sizeof(rec));
    rec.mode = mode;
    /* (the client loads no CA: OpenSSL's client would add it to its chain, AUTO_CHAIN) */
    if (!create_ssl_ctx_pair(version, version, "server-ec.pem", "server-ec.key", NULL, &sctx,
                             &cctx)
        || (ca != NULL && !TEST_int_eq(SSL_CTX_load_verify_locations(sctx, cert_path(ca), NULL), 1))
        || !TEST_int_eq(SSL_CTX_use_certificate_file(cctx, cert_path(client_cert),
                                                     SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(cctx, cert_path(client_key(client_cert)),
                                                    SSL_FILETYPE_PEM), 1))
        goto end;
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, cb);
    if (case_sni_cb)
        SSL_CTX_set_tlsext_servername_callback(sctx, servername_cb);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    rec.expect_ssl = s;
    if (!TEST_true(pump_handshake(s, c, &hs, &hc, 30)))
        goto end;
    if (!TEST_str_eq(rec.seq, want_seq) || !TEST_int_eq(rec.ssl_ok, rec.n)
        || !TEST_int_eq(hs.done, want_ok) || !TEST_int_eq(SSL_get_verify_result(s), want_result))
        goto end;
    /* a server keeps neither the certificate nor the chain of a rejected client */
    if (!want_ok
        && (!TEST_ptr_null(SSL_get0_peer_certificate(s))
            || !TEST_ptr_null(SSL_get_peer_cert_chain(s))))
        goto end;
    ret = 1;
end:
    if (!ret)
        tu_log("  server case version=%x ca=%s mode=%d: calls \"%s\"\n", (unsigned)version,
               ca ? ca : "-", (int)mode, rec.seq);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_server_side(void)
{
    int v, ok = 1;

    for (v = TLS1_2_VERSION; v <= TLS1_3_VERSION; v++) {
        ok = ok
            && server_case(v, "ca-ec.pem", "client.pem", PASS_THROUGH, "1/1/0/ca 1/0/0/leaf", 1,
                           X509_V_OK)
            /* no CA loaded: the client's certificate cannot verify */
            && server_case(v, NULL, "client.pem", PASS_THROUGH, "0/0/20/leaf", 0,
                           X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
            && server_case(v, NULL, "client.pem", ACCEPT_ALL,
                           "0/0/20/leaf 0/0/21/leaf 1/0/21/leaf", 1,
                           X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE)
            && server_case(v, "ca-ec.pem", "client.pem", REJECT_ALL, "1/1/0/ca", 0,
                           X509_V_ERR_UNSPECIFIED)
            /* a server certificate offered as a client's: the wrong purpose (reported before the
             * chain walk), unless the chain does not build either */
            && server_case(v, "ca-ec.pem", "server-ec.pem", PASS_THROUGH, "0/0/26/leaf",
                           0, X509_V_ERR_INVALID_PURPOSE)
            && server_case(v, NULL, "server-ec.pem", PASS_THROUGH, "0/0/20/leaf", 0,
                           X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        /* the same behind a servername callback */
        case_sni_cb = 1;
        ok = ok
            && server_case(v, "ca-ec.pem", "client.pem", PASS_THROUGH, "1/1/0/ca 1/0/0/leaf", 1,
                           X509_V_OK)
            && server_case(v, NULL, "client.pem", PASS_THROUGH, "0/0/20/leaf", 0,
                           X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        case_sni_cb = 0;
    }
    return ok;
}

int main(void)
{
    RUN_TEST(test_good_chain);
    RUN_TEST(test_unknown_ca);
    RUN_TEST(test_self_signed);
    RUN_TEST(test_wrong_host);
    RUN_TEST(test_validity);
    RUN_TEST(test_callback_rejects);
    RUN_TEST(test_intermediates);
    RUN_TEST(test_cert_verify_callback);
    RUN_TEST(test_server_side);
    return tu_finish();
}
