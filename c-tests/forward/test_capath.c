/*
 * A CA directory is looked up, not loaded: after SSL_CTX_load_verify_dir the context's
 * X509_STORE holds no certificate; a handshake whose verification used the directory's CA
 * leaves that one certificate in the store (what CPython's SSLContext.get_ca_certs and
 * cert_store_stats show) [measured]. The store is libcrypto's: built against sslrs with
 * libcrypto in the process (pass-through) and against OpenSSL.
 */
#include <dlfcn.h>

#include "testutil.h"

/* libcrypto's X509_STORE_get0_objects (not in sslrs's headers), count of the stack */
static int store_count(SSL_CTX *ctx)
{
    void *lc = dlopen("libcrypto.so.3", RTLD_LAZY | RTLD_NOLOAD);
    void *(*objs)(X509_STORE *) =
        lc != NULL ? (void *(*)(X509_STORE *))dlvsym(lc, "X509_STORE_get0_objects",
                                                     "OPENSSL_3.0.0")
                   : NULL;

    if (objs == NULL)
        return -1;
    return OPENSSL_sk_num((const OPENSSL_STACK *)objs(SSL_CTX_get_cert_store(ctx)));
}

static int test_capath_lookup(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    int ok = 0;

    if (!TEST_true(create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", NULL, &sctx,
                                       &cctx))
        || !TEST_int_eq(SSL_CTX_load_verify_dir(cctx, cert_path("hashdir")), 1)
        || !TEST_int_eq(store_count(cctx), 0))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        || !TEST_true(create_ssl_connection(s, c))
        || !TEST_int_eq(SSL_get_verify_result(c), X509_V_OK)
        || !TEST_int_eq(store_count(cctx), 1))
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
    tu_run("capath_lookup", test_capath_lookup);
    return tu_finish();
}
