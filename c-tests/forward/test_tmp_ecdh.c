/*
 * SSL_CTX_set_tmp_ecdh with an EC_KEY made by libcrypto (what CPython's
 * SSLContext.set_ecdh_curve does): OpenSSL 3.0 makes the key's curve the only
 * group, so a client offering another curve fails the handshake and one
 * offering that curve succeeds (TLS 1.2 and 1.3) [measured].
 * Built against sslrs with libcrypto in the process (pass-through) and against OpenSSL.
 */
#include <dlfcn.h>

#include "testutil.h"

static void *ec_key(int nid)
{
    void *lc = dlopen("libcrypto.so.3", RTLD_LAZY | RTLD_NOLOAD);
    void *(*mk)(int) = lc != NULL ? (void *(*)(int))dlvsym(lc, "EC_KEY_new_by_curve_name",
                                                           "OPENSSL_3.0.0")
                                  : NULL;

    return mk != NULL ? mk(nid) : NULL;
}

static void ec_key_free(void *k)
{
    void *lc = dlopen("libcrypto.so.3", RTLD_LAZY | RTLD_NOLOAD);
    void (*fr)(void *) = lc != NULL ? (void (*)(void *))dlvsym(lc, "EC_KEY_free", "OPENSSL_3.0.0")
                                    : NULL;

    if (fr != NULL && k != NULL)
        fr(k);
}

/* server key curve P-384 (certificate P-256: a TLS 1.2 client must offer P-256 too for
 * ECDSA); client offers `groups`: handshake result */
static int one(int version, const char *groups, int want_ok)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    void *key = NULL;
    int ok = 0;

    if (!TEST_true(create_ssl_ctx_pair(version, version, "server-ec.pem", "server-ec.key",
                                       NULL, &sctx, &cctx))
        || !TEST_ptr(key = ec_key(NID_secp384r1))
        || !TEST_int_eq(SSL_CTX_ctrl(sctx, SSL_CTRL_SET_TMP_ECDH, 0, key), 1)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(cctx, groups), 1)
        || !TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        || !TEST_int_eq(create_ssl_connection(s, c), want_ok))
        goto end;
    ERR_clear_error();
    ok = 1;
end:
    ec_key_free(key);
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

static int test_tmp_ecdh_tls12(void)
{
    return one(TLS1_2_VERSION, "P-256", 0) && one(TLS1_2_VERSION, "P-256:P-384", 1);
}

static int test_tmp_ecdh_tls13(void)
{
    return one(TLS1_3_VERSION, "P-256", 0) && one(TLS1_3_VERSION, "P-256:P-384", 1);
}

int main(void)
{
    tu_run("tmp_ecdh_tls12", test_tmp_ecdh_tls12);
    tu_run("tmp_ecdh_tls13", test_tmp_ecdh_tls13);
    return tu_finish();
}
