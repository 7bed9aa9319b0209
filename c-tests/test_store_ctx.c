/*
 * Verification a program runs itself: X509_STORE_CTX_new/init/cleanup/free, X509_verify_cert
 * with its result, error, depth and chain; untrusted intermediates, CRLs and flags from the
 * store, the verify callback's calls (X509_STORE_CTX_set_verify_cb), purpose, bad input.
 * Values as OpenSSL 3.0 gives them.
 */
#include "testutil.h"

#include <openssl/pem.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>

static X509 *read_cert(const char *name)
{
    BIO *b = BIO_new_file(cert_path(name), "r");
    X509 *x = b == NULL ? NULL : PEM_read_bio_X509(b, NULL, NULL, NULL);

    BIO_free(b);
    return x;
}

static X509_STORE *store_with(const char *cafile, unsigned long flags)
{
    X509_STORE *st = X509_STORE_new();

    if (st == NULL || X509_STORE_load_file(st, cert_path(cafile)) != 1
        || (flags != 0 && X509_STORE_set_flags(st, flags) != 1)) {
        X509_STORE_free(st);
        return NULL;
    }
    return st;
}

static char seq[256];
static int accept_all;

static int record(int ok, X509_STORE_CTX *x)
{
    char one[32];

    snprintf(one, sizeof(one), "%s%d/%d/%d", seq[0] ? " " : "", ok, X509_STORE_CTX_get_error_depth(x),
             X509_STORE_CTX_get_error(x));
    if (strlen(seq) + strlen(one) < sizeof(seq))
        strcat(seq, one);
    return accept_all ? 1 : ok;
}

/*
 * Verifies cert (with the untrusted certificate `inter`, if any) against cafile: the return
 * value, error, error depth and chain length must be the wanted ones; with `cb` the callback's
 * calls must be want_seq.
 */
static int verify_case(const char *cert, const char *inter, const char *cafile, unsigned long flags,
                       int purpose, int cb, int all, int want_ret, int want_err, int want_depth,
                       int want_chain, const char *want_seq)
{
    X509_STORE *st = store_with(cafile, flags);
    X509 *x = read_cert(cert), *i = inter != NULL ? read_cert(inter) : NULL;
    STACK_OF(X509) *un = sk_X509_new_null(), *chain = NULL;
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int ret = 0;

    seq[0] = '\0';
    accept_all = all;
    if (!TEST_ptr(st) || !TEST_ptr(x) || !TEST_ptr(un) || !TEST_ptr(ctx))
        goto end;
    if (i != NULL && !TEST_true(sk_X509_push(un, i)))
        goto end;
    if (!TEST_int_eq(X509_STORE_CTX_init(ctx, st, x, un), 1) || !TEST_true(X509_STORE_CTX_get0_store(ctx) == st))
        goto end;
    if (purpose != 0 && !TEST_int_eq(X509_STORE_CTX_set_purpose(ctx, purpose), 1))
        goto end;
    if (cb)
        X509_STORE_CTX_set_verify_cb(ctx, record);
    if (!TEST_int_eq(X509_verify_cert(ctx), want_ret) || !TEST_int_eq(X509_STORE_CTX_get_error(ctx), want_err)
        || !TEST_int_eq(X509_STORE_CTX_get_error_depth(ctx), want_depth))
        goto end;
    chain = X509_STORE_CTX_get1_chain(ctx);
    if (!TEST_int_eq(chain == NULL ? 0 : sk_X509_num(chain), want_chain))
        goto end;
    if (want_seq != NULL && !TEST_str_eq(seq, want_seq))
        goto end;
    ret = 1;
end:
    if (!ret)
        tu_log("  case %s (%s) / %s: calls \"%s\"\n", cert, inter ? inter : "-", cafile, seq);
    ERR_clear_error();
    sk_X509_pop_free(chain, X509_free);
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(un, X509_free);
    X509_free(x);
    X509_STORE_free(st);
    return ret;
}

#define V_OK X509_V_OK
#define LOCALLY X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY

static int test_results(void)
{
    return verify_case("server-ec.pem", NULL, "ca-ec.pem", 0, 0, 0, 0, 1, V_OK, 0, 2, NULL)
        && verify_case("server-rsa.pem", NULL, "ca-bundle.pem", 0, 0, 0, 0, 1, V_OK, 0, 2, NULL)
        && verify_case("unknownca.pem", NULL, "ca-ec.pem", 0, 0, 0, 0, 0, LOCALLY, 0, 1, NULL)
        && verify_case("expired.pem", NULL, "ca-ec.pem", 0, 0, 0, 0, 0, X509_V_ERR_CERT_HAS_EXPIRED, 0, 2, NULL)
        && verify_case("selfsigned.pem", NULL, "ca-ec.pem", 0, 0, 0, 0, 0,
                       X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 0, 1, NULL)
        && verify_case("server-int.pem", "int-ca.pem", "ca-ec.pem", 0, 0, 0, 0, 1, V_OK, 0, 3, NULL)
        && verify_case("server-int.pem", NULL, "ca-ec.pem", 0, 0, 0, 0, 0, LOCALLY, 0, 1, NULL)
        && verify_case("revoked.pem", NULL, "ca-ec-with-crl.pem", X509_V_FLAG_CRL_CHECK, 0, 0, 0, 0,
                       X509_V_ERR_CERT_REVOKED, 0, 2, NULL)
        && verify_case("server-ec.pem", NULL, "ca-ec.pem", X509_V_FLAG_CRL_CHECK, 0, 0, 0, 0,
                       X509_V_ERR_UNABLE_TO_GET_CRL, 0, 2, NULL)
        && verify_case("client.pem", NULL, "ca-ec.pem", 0, X509_PURPOSE_SSL_CLIENT, 0, 0, 1, V_OK, 0, 2, NULL);
}

static int test_callback(void)
{
    return verify_case("server-ec.pem", NULL, "ca-ec.pem", 0, 0, 1, 0, 1, V_OK, 0, 2, "1/1/0 1/0/0")
        && verify_case("unknownca.pem", NULL, "ca-ec.pem", 0, 0, 1, 0, 0, LOCALLY, 0, 1, "0/0/20")
        && verify_case("unknownca.pem", NULL, "ca-ec.pem", 0, 0, 1, 1, 1,
                       X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, 0, 1, "0/0/20 0/0/21 1/0/21")
        && verify_case("expired.pem", NULL, "ca-ec.pem", 0, 0, 1, 1, 1, X509_V_ERR_CERT_HAS_EXPIRED, 0, 2,
                       "1/1/0 0/0/10 1/0/10");
}

/* Re-initialising after cleanup; verification without a certificate; NULL. */
static int test_lifecycle(void)
{
    X509_STORE *st = store_with("ca-ec.pem", 0);
    X509 *x = read_cert("server-ec.pem");
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int ret = 0;

    if (!TEST_ptr(st) || !TEST_ptr(x) || !TEST_ptr(ctx))
        goto end;
    if (!TEST_int_eq(X509_STORE_CTX_init(ctx, st, NULL, NULL), 1) || !TEST_int_eq(X509_verify_cert(ctx), -1)
        || !TEST_ulong_eq(ERR_GET_REASON(ERR_get_error()), X509_R_NO_CERT_SET_FOR_US_TO_VERIFY))
        goto end;
    ERR_clear_error();
    X509_STORE_CTX_cleanup(ctx);
    if (!TEST_int_eq(X509_STORE_CTX_init(ctx, st, x, NULL), 1) || !TEST_int_eq(X509_verify_cert(ctx), 1)
        || !TEST_true(X509_STORE_CTX_get0_cert(ctx) == x))
        goto end;
    /* after cleanup the context still names its store */
    X509_STORE_CTX_cleanup(ctx);
    if (!TEST_true(X509_STORE_CTX_get0_store(ctx) == st))
        goto end;
    X509_STORE_CTX_free(NULL);
    ret = 1;
end:
    ERR_clear_error();
    X509_STORE_CTX_free(ctx);
    X509_free(x);
    X509_STORE_free(st);
    return ret;
}

int main(void)
{
    RUN_TEST(test_results);
    RUN_TEST(test_callback);
    RUN_TEST(test_lifecycle);
    return tu_finish();
}
