/*
 * A context's X509_STORE as programs fill it (curl, nginx, Python do): SSL_CTX_get_cert_store,
 * X509_STORE_add_cert, X509_STORE_load_file / load_locations (a hashed directory),
 * SSL_CTX_set_cert_store / set1_cert_store (a store shared by two contexts), X509_STORE_set_flags
 * with X509_V_FLAG_PARTIAL_CHAIN; each store's anchors then verify (or not) a server.
 */
#include "testutil.h"

#include <openssl/pem.h>
#include <stdio.h>

static X509 *read_cert(const char *name)
{
    BIO *b = BIO_new_file(cert_path(name), "r");
    X509 *x = b == NULL ? NULL : PEM_read_bio_X509(b, NULL, NULL, NULL);

    BIO_free(b);
    return x;
}

/* A handshake against a server using cert/key (chain file) with `cctx` verifying (PEER). */
static int verify_with(SSL_CTX *cctx, const char *cert, const char *key, int want_ok,
                       long want_result)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    if (!TEST_ptr(sctx)
        || !TEST_int_eq(SSL_CTX_use_certificate_chain_file(sctx, cert_path(cert)), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(sctx, cert_path(key), SSL_FILETYPE_PEM), 1))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
        || !TEST_true(pump_handshake(s, c, &hs, &hc, 30)) || !TEST_int_eq(hc.done, want_ok)
        || !TEST_int_eq(SSL_get_verify_result(c), want_result))
        goto end;
    ret = 1;
end:
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    return ret;
}

static int test_add_cert(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    X509_STORE *st;
    X509 *ca = read_cert("ca-ec.pem");
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(ca) || !TEST_ptr(st = SSL_CTX_get_cert_store(ctx))
        || !TEST_true(SSL_CTX_get_cert_store(ctx) == st))
        goto end;
    /* empty store: unknown CA */
    if (!verify_with(ctx, "server-ec.pem", "server-ec.key", 0,
                     X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY))
        goto end;
    if (!TEST_int_eq(X509_STORE_add_cert(st, ca), 1) || !TEST_int_eq(X509_STORE_add_cert(st, ca), 1)
        || !verify_with(ctx, "server-ec.pem", "server-ec.key", 1, X509_V_OK))
        goto end;
    ret = 1;
end:
    X509_free(ca);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_load(void)
{
    SSL_CTX *a = SSL_CTX_new(TLS_client_method()), *b = SSL_CTX_new(TLS_client_method());
    int ret = 0;

    if (!TEST_ptr(a) || !TEST_ptr(b))
        goto end;
    if (!TEST_int_eq(X509_STORE_load_file(SSL_CTX_get_cert_store(a), cert_path("ca-ec.pem")), 1)
        || !verify_with(a, "server-ec.pem", "server-ec.key", 1, X509_V_OK))
        goto end;
    if (!TEST_int_eq(X509_STORE_load_file(SSL_CTX_get_cert_store(a), "/nonexistent/sslrs.pem"), 0))
        goto end;
    ERR_clear_error();
    if (!TEST_int_eq(X509_STORE_load_locations(SSL_CTX_get_cert_store(b), NULL, NULL), 0)
        || !TEST_int_eq(X509_STORE_load_locations(SSL_CTX_get_cert_store(b), NULL,
                                                  cert_path("hashdir")), 1)
        || !verify_with(b, "server-ec.pem", "server-ec.key", 1, X509_V_OK))
        goto end;
    ret = 1;
end:
    SSL_CTX_free(a);
    SSL_CTX_free(b);
    return ret;
}

static int test_set_store(void)
{
    SSL_CTX *a = SSL_CTX_new(TLS_client_method()), *b = SSL_CTX_new(TLS_client_method());
    X509_STORE *st = X509_STORE_new();
    X509 *ca = read_cert("ca-ec.pem");
    int ret = 0;

    if (!TEST_ptr(a) || !TEST_ptr(b) || !TEST_ptr(st) || !TEST_ptr(ca)
        || !TEST_int_eq(X509_STORE_add_cert(st, ca), 1))
        goto end;
    /* set1 takes a reference, set takes the caller's */
    SSL_CTX_set1_cert_store(a, st);
    SSL_CTX_set_cert_store(b, st);
    st = NULL;
    if (!TEST_true(SSL_CTX_get_cert_store(a) == SSL_CTX_get_cert_store(b))
        || !verify_with(a, "server-ec.pem", "server-ec.key", 1, X509_V_OK)
        || !verify_with(b, "server-ec.pem", "server-ec.key", 1, X509_V_OK))
        goto end;
    ret = 1;
end:
    X509_free(ca);
    X509_STORE_free(st);
    SSL_CTX_free(a);
    SSL_CTX_free(b);
    return ret;
}

static int test_partial_chain_flag(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    X509 *inter = read_cert("int-ca.pem");
    X509_STORE *st;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(inter) || !TEST_ptr(st = SSL_CTX_get_cert_store(ctx))
        || !TEST_int_eq(X509_STORE_add_cert(st, inter), 1))
        goto end;
    /* an intermediate as the only anchor: not a full chain... */
    if (!verify_with(ctx, "server-int.pem", "server-int.key", 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT))
        goto end;
    /* ...unless partial chains are allowed */
    if (!TEST_int_eq(X509_STORE_set_flags(st, X509_V_FLAG_PARTIAL_CHAIN), 1)
        || !verify_with(ctx, "server-int.pem", "server-int.key", 1, X509_V_OK))
        goto end;
    ret = 1;
end:
    X509_free(inter);
    SSL_CTX_free(ctx);
    return ret;
}

int main(void)
{
    RUN_TEST(test_add_cert);
    RUN_TEST(test_load);
    RUN_TEST(test_set_store);
    RUN_TEST(test_partial_chain_flag);
    return tu_finish();
}
