/*
 * CRL checks: a CRL in the program's X509_STORE (from a CA file loaded with
 * SSL_CTX_load_verify_locations, as OpenSSL's loader reads CRLs too, or read with
 * PEM_read_bio_X509_CRL / d2i_X509_CRL and added with X509_STORE_add_crl) and the store's
 * X509_V_FLAG_CRL_CHECK(_ALL) flags: a revoked server certificate (X509_V_ERR_CERT_REVOKED), a
 * good one, a missing CRL (X509_V_ERR_UNABLE_TO_GET_CRL), no flag; the verify callback's calls,
 * measured on OpenSSL 3.0.
 */
#include <openssl/pem.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#define F_CRL 0x4UL      /* X509_V_FLAG_CRL_CHECK */
#define F_CRL_ALL 0xcUL  /* X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL */

static int accept_all;
static char seq[256];

static int cb_record(int ok, X509_STORE_CTX *x)
{
    X509 *cur = X509_STORE_CTX_get_current_cert(x);
    char name[256] = "-", one[48];

    if (cur != NULL)
        X509_NAME_oneline(X509_get_subject_name(cur), name, sizeof(name));
    snprintf(one, sizeof(one), "%s%d/%d/%d/%s", seq[0] ? " " : "", ok,
             X509_STORE_CTX_get_error_depth(x), X509_STORE_CTX_get_error(x),
             strstr(name, "CN=sslrs test CA") != NULL       ? "ca"
             : strstr(name, "intermediate CA") != NULL ? "int"
                                                        : "leaf");
    if (strlen(seq) + strlen(one) < sizeof(seq))
        strcat(seq, one);
    return accept_all ? 1 : ok;
}

/* How the CRL reaches the store: with the CA file, or added from ca-ec.crl.pem by hand. */
static enum { IN_CAFILE, PEM_ADD, DER_ADD } crl_how;

/* Adds ca-ec.crl.pem to the store with X509_STORE_add_crl (read as PEM or, re-encoded, DER). */
static int add_crl(X509_STORE *st)
{
    BIO *b = BIO_new_file(cert_path("ca-ec.crl.pem"), "r");
    X509_CRL *crl = b == NULL ? NULL : PEM_read_bio_X509_CRL(b, NULL, NULL, NULL);
    unsigned char *der = NULL;
    const unsigned char *p;
    int n, ok = 0;

    if (!TEST_ptr(crl))
        goto end;
    if (crl_how == DER_ADD) {
        if (!TEST_int_gt(n = i2d_X509_CRL(crl, &der), 0))
            goto end;
        X509_CRL_free(crl);
        p = der;
        if (!TEST_ptr(crl = d2i_X509_CRL(NULL, &p, n)) || !TEST_true(p == der + n))
            goto end;
    }
    ok = TEST_int_eq(X509_STORE_add_crl(st, crl), 1);
end:
    OPENSSL_free(der);
    X509_CRL_free(crl);
    BIO_free(b);
    return ok;
}

static int crl_case(const char *cert, const char *key, const char *cafile, unsigned long flags,
                    int all, const char *want_seq, int want_ok, long want_result)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    seq[0] = '\0';
    accept_all = all;
    if (!create_ssl_ctx_pair(0, 0, cert, key, NULL, &sctx, &cctx)
        || !TEST_int_eq(SSL_CTX_use_certificate_chain_file(sctx, cert_path(cert)), 1)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(cctx, cert_path(cafile), NULL), 1))
        goto end;
    if (crl_how != IN_CAFILE && !add_crl(SSL_CTX_get_cert_store(cctx)))
        goto end;
    if (flags != 0 && !TEST_int_eq(X509_STORE_set_flags(SSL_CTX_get_cert_store(cctx), flags), 1))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, cb_record);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
        || !TEST_true(pump_handshake(s, c, &hs, &hc, 30)))
        goto end;
    if (!TEST_str_eq(seq, want_seq) || !TEST_int_eq(hc.done, want_ok)
        || !TEST_int_eq(SSL_get_verify_result(c), want_result))
        goto end;
    ret = 1;
end:
    if (!ret)
        tu_log("  case %s/%s flags=%lx: calls \"%s\"\n", cert, cafile, flags, seq);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_crl(void)
{
    crl_how = IN_CAFILE;
    return crl_case("revoked.pem", "revoked.key", "ca-ec-with-crl.pem", F_CRL, 0, "0/0/23/leaf", 0,
                    X509_V_ERR_CERT_REVOKED)
        && crl_case("revoked.pem", "revoked.key", "ca-ec-with-crl.pem", F_CRL, 1,
                    "0/0/23/leaf 1/1/23/ca 1/0/23/leaf", 1, X509_V_ERR_CERT_REVOKED)
        && crl_case("server-ec.pem", "server-ec.key", "ca-ec-with-crl.pem", F_CRL, 0,
                    "1/1/0/ca 1/0/0/leaf", 1, X509_V_OK)
        && crl_case("server-ec.pem", "server-ec.key", "ca-ec-with-crl.pem", F_CRL_ALL, 0,
                    "1/1/0/ca 1/0/0/leaf", 1, X509_V_OK)
        /* the flag without a CRL */
        && crl_case("server-ec.pem", "server-ec.key", "ca-ec.pem", F_CRL, 0, "0/0/3/leaf", 0,
                    X509_V_ERR_UNABLE_TO_GET_CRL)
        && crl_case("server-ec.pem", "server-ec.key", "ca-ec.pem", F_CRL, 1,
                    "0/0/3/leaf 1/1/3/ca 1/0/3/leaf", 1, X509_V_ERR_UNABLE_TO_GET_CRL)
        /* a CRL without the flag is not consulted */
        && crl_case("revoked.pem", "revoked.key", "ca-ec-with-crl.pem", 0, 0, "1/1/0/ca 1/0/0/leaf",
                    1, X509_V_OK)
        /* CHECK_ALL with an intermediate whose CRL is missing */
        && crl_case("server-int-chain.pem", "server-int.key", "ca-ec-with-crl.pem", F_CRL_ALL, 1,
                    "0/0/3/leaf 1/2/3/ca 1/1/3/int 1/0/3/leaf", 1, X509_V_ERR_UNABLE_TO_GET_CRL);
}

/* The CRL added with X509_STORE_add_crl, from PEM and from DER. */
static int test_add_crl(void)
{
    int ok;

    crl_how = PEM_ADD;
    ok = crl_case("revoked.pem", "revoked.key", "ca-ec.pem", F_CRL, 0, "0/0/23/leaf", 0,
                  X509_V_ERR_CERT_REVOKED)
         && crl_case("server-ec.pem", "server-ec.key", "ca-ec.pem", F_CRL, 0,
                     "1/1/0/ca 1/0/0/leaf", 1, X509_V_OK);
    crl_how = DER_ADD;
    ok = ok && crl_case("revoked.pem", "revoked.key", "ca-ec.pem", F_CRL, 0, "0/0/23/leaf", 0,
                        X509_V_ERR_CERT_REVOKED);
    crl_how = IN_CAFILE;
    return ok;
}

/*
 * A client whose role is set by SSL_connect itself (no SSL_set_connect_state before): the
 * store's flags and the verify callback still apply to that first handshake.
 */
static int test_role_from_connect(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    BIO *cb = NULL, *sb = NULL;
    int i, rc = -1, rs = -1, ret = 0;

    seq[0] = '\0';
    accept_all = 0;
    if (!create_ssl_ctx_pair(0, 0, "revoked.pem", "revoked.key", NULL, &sctx, &cctx)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(cctx, cert_path("ca-ec-with-crl.pem"), NULL), 1)
        || !TEST_int_eq(X509_STORE_set_flags(SSL_CTX_get_cert_store(cctx), F_CRL), 1))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, cb_record);
    if (!TEST_ptr(c = SSL_new(cctx)) || !TEST_ptr(s = SSL_new(sctx))
        || !TEST_int_eq(BIO_new_bio_pair(&cb, 0, &sb, 0), 1))
        goto end;
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    for (i = 0; i < 50 && (rc != 1 || rs != 1); i++) {
        rc = SSL_connect(c);
        if (rc <= 0 && SSL_get_error(c, rc) != SSL_ERROR_WANT_READ)
            break;
        rs = SSL_accept(s);
        if (rs <= 0 && SSL_get_error(s, rs) != SSL_ERROR_WANT_READ)
            break;
    }
    if (!TEST_int_eq(rc, -1) || !TEST_int_eq(SSL_get_verify_result(c), X509_V_ERR_CERT_REVOKED)
        || !TEST_str_eq(seq, "0/0/23/leaf"))
        goto end;
    ret = 1;
end:
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/*
 * A CA file and a CRL-only file loaded separately (SSL_CTX_load_verify_locations takes a file
 * of CRLs alone), and the store's CRL flag set after the client's first handshake step: the
 * flags are read when the server's chain arrives.
 */
static int test_crl_file_and_late_flags(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    seq[0] = '\0';
    accept_all = 0;
    if (!create_ssl_ctx_pair(0, 0, "revoked.pem", "revoked.key", NULL, &sctx, &cctx)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(cctx, cert_path("ca-ec.pem"), NULL), 1)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(cctx, cert_path("ca-ec.crl.pem"), NULL), 1))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, cb_record);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_int_eq(SSL_do_handshake(c), -1)
        || !TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_WANT_READ)
        || !TEST_int_eq(X509_STORE_set_flags(SSL_CTX_get_cert_store(cctx), F_CRL), 1)
        || !TEST_true(pump_handshake(s, c, &hs, &hc, 30)))
        goto end;
    if (!TEST_true(hc.failed) || !TEST_int_eq(SSL_get_verify_result(c), X509_V_ERR_CERT_REVOKED)
        || !TEST_str_eq(seq, "0/0/23/leaf"))
        goto end;
    ret = 1;
end:
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Garbage at the CRL functions: NULL, no PEM block, DER that is no CRL. */
static int test_crl_bad_input(void)
{
    static const unsigned char junk[] = {0x30, 0x03, 0x02, 0x01, 0x05};
    const unsigned char *p = junk;
    BIO *b = BIO_new_mem_buf("no pem here\n", -1);
    int ret = 0;

    if (!TEST_ptr(b) || !TEST_ptr_null(PEM_read_bio_X509_CRL(b, NULL, NULL, NULL))
        || !TEST_ulong_ne(ERR_get_error(), 0))
        goto end;
    ERR_clear_error();
    if (!TEST_ptr_null(d2i_X509_CRL(NULL, &p, sizeof(junk))) || !TEST_ulong_ne(ERR_get_error(), 0))
        goto end;
    ERR_clear_error();
    X509_CRL_free(NULL);
    if (!TEST_int_eq(i2d_X509_CRL(NULL, NULL), 0) || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    ret = 1;
end:
    BIO_free(b);
    return ret;
}

int main(void)
{
    RUN_TEST(test_crl);
    RUN_TEST(test_add_crl);
    RUN_TEST(test_role_from_connect);
    RUN_TEST(test_crl_file_and_late_flags);
    RUN_TEST(test_crl_bad_input);
    return tu_finish();
}
