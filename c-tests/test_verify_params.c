/*
 * The verification settings programs make before a handshake: verify depth
 * (defaults, inheritance), SSL_set_verify_result, the X509_STORE_CTX ex_data
 * index, purpose and trust (valid and invalid values, their errors),
 * SSL_add1_host, SSL_get0_peername, SSL_CTX_set1_param / SSL_set1_param.
 */
#include "testutil.h"

#include <openssl/x509v3.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Exactly one queued error, `code`; the queue is left empty. */
static int only_error(unsigned long code)
{
    unsigned long e = ERR_get_error();
    int ok = TEST_ulong_eq(e, code) && TEST_ulong_eq(ERR_get_error(), 0);

    ERR_clear_error();
    return ok;
}

static int test_depth(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL, *s2 = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    /* nothing set: -1 on both */
    if (!TEST_int_eq(SSL_CTX_get_verify_depth(ctx), -1) || !TEST_int_eq(SSL_get_verify_depth(s), -1))
        goto end;
    /* the context's depth reaches connections made afterwards only */
    SSL_CTX_set_verify_depth(ctx, 5);
    if (!TEST_ptr(s2 = SSL_new(ctx)) || !TEST_int_eq(SSL_CTX_get_verify_depth(ctx), 5)
        || !TEST_int_eq(SSL_get_verify_depth(s), -1) || !TEST_int_eq(SSL_get_verify_depth(s2), 5))
        goto end;
    /* a connection's depth is its own; a negative one is kept as given */
    SSL_set_verify_depth(s, 7);
    if (!TEST_int_eq(SSL_get_verify_depth(s), 7) || !TEST_int_eq(SSL_CTX_get_verify_depth(ctx), 5))
        goto end;
    SSL_set_verify_depth(s, -5);
    if (!TEST_int_eq(SSL_get_verify_depth(s), -5) || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    ret = 1;
end:
    SSL_free(s2);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_verify_result_and_index(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int idx, ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_get_verify_result(s), X509_V_OK))
        goto end;
    SSL_set_verify_result(s, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
    if (!TEST_int_eq(SSL_get_verify_result(s), X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT))
        goto end;
    SSL_set_verify_result(s, X509_V_OK);
    if (!TEST_int_eq(SSL_get_verify_result(s), X509_V_OK))
        goto end;
    /* one index for the process, the same on every call */
    idx = SSL_get_ex_data_X509_STORE_CTX_idx();
    if (!TEST_int_ge(idx, 0) || !TEST_int_eq(SSL_get_ex_data_X509_STORE_CTX_idx(), idx))
        goto end;
    ret = TEST_ulong_eq(ERR_peek_error(), 0);
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_purpose_and_trust(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER), 1)
        || !TEST_int_eq(SSL_set_purpose(s, X509_PURPOSE_SSL_CLIENT), 1)
        || !TEST_int_eq(SSL_set_purpose(s, X509_PURPOSE_MAX), 1)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    /* unknown purposes: 0 and X509V3 "invalid purpose" */
    if (!TEST_int_eq(SSL_set_purpose(s, 0), 0) || !only_error(0x11000092UL)
        || !TEST_int_eq(SSL_CTX_set_purpose(ctx, X509_PURPOSE_MAX + 1), 0)
        || !only_error(0x11000092UL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_set_trust(ctx, X509_TRUST_COMPAT), 1)
        || !TEST_int_eq(SSL_set_trust(s, X509_TRUST_MAX), 1) || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    /* unknown trust settings: 0 and X509 "invalid trust" */
    if (!TEST_int_eq(SSL_set_trust(s, 0), 0) || !only_error(0x0580007BUL)
        || !TEST_int_eq(SSL_CTX_set_trust(ctx, X509_TRUST_MAX + 1), 0)
        || !only_error(0x0580007BUL))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

/* A handshake checking `host` (set with SSL_add1_host); the peer name afterwards. */
static int peername_case(const char *host, int want_ok, const char *want_peername)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    if (!create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", "ca-ec.pem", &sctx, &cctx))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    if (!TEST_int_eq(SSL_add1_host(c, NULL), 1) || !TEST_int_eq(SSL_add1_host(c, host), 1)
        || !TEST_ptr_null(SSL_get0_peername(c)))
        goto end;
    if (!TEST_true(pump_handshake(s, c, &hs, &hc, 30)) || !TEST_int_eq(hc.done, want_ok))
        goto end;
    if (want_peername == NULL ? !TEST_ptr_null(SSL_get0_peername(c))
                              : !TEST_str_eq(SSL_get0_peername(c), want_peername))
        goto end;
    /* the server checked no name */
    if (!TEST_ptr_null(SSL_get0_peername(s)))
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

static int test_peername(void)
{
    return peername_case("localhost", 1, "localhost")
        && peername_case("other.example", 0, NULL);
}

/*
 * SSL_CTX_load_verify_store: files and file: URIs are accepted; a (hashed)
 * directory's anchors then verify a server. (OpenSSL 3.0 accepts a file but
 * cannot search it when verifying: "search only supported for directories";
 * sslrs takes its certificates as anchors, which OpenSSL never gets to.)
 */
static int test_load_verify_store(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    char uri[PATH_MAX + 8], abs[PATH_MAX];
    int ret = 0;

    if (!create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", NULL, &sctx, &cctx)
        || !TEST_ptr(realpath(cert_path("ca-ec.pem"), abs)))
        goto end;
    /* OpenSSL's file: URIs take absolute paths */
    snprintf(uri, sizeof(uri), "file:%s", abs);
    if (!TEST_int_eq(SSL_CTX_load_verify_store(sctx, NULL), 0)
        || !TEST_int_eq(SSL_CTX_load_verify_store(sctx, "/nonexistent/sslrs"), 0))
        goto end;
    ERR_clear_error();
    /* (on the server's context: in OpenSSL a file store then fails every verification) */
    if (!TEST_int_eq(SSL_CTX_load_verify_store(sctx, cert_path("ca-rsa.pem")), 1)
        || !TEST_int_eq(SSL_CTX_load_verify_store(sctx, uri), 1)
        || !TEST_int_eq(SSL_CTX_load_verify_store(cctx, cert_path("hashdir")), 1))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_true(create_ssl_connection(s, c))
        || !TEST_int_eq(SSL_get_verify_result(c), X509_V_OK))
        goto end;
    ret = TEST_ulong_eq(ERR_peek_error(), 0);
end:
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/*
 * The X509_VERIFY_PARAM functions, looked up at run time (the sslrs build's headers
 * do not declare them): libcrypto's, or sslrs's native ones.
 */
struct vp_fns {
    X509_VERIFY_PARAM *(*new_)(void);
    void (*free_)(X509_VERIFY_PARAM *);
    int (*set1_host)(X509_VERIFY_PARAM *, const char *, size_t);
    const char *(*get0_host)(X509_VERIFY_PARAM *, int);
    void (*set_depth)(X509_VERIFY_PARAM *, int);
    unsigned int (*get_hostflags)(const X509_VERIFY_PARAM *);
};

static int vp_lookup(struct vp_fns *f)
{
    *(void **)&f->new_ = dlsym(RTLD_DEFAULT, "X509_VERIFY_PARAM_new");
    *(void **)&f->free_ = dlsym(RTLD_DEFAULT, "X509_VERIFY_PARAM_free");
    *(void **)&f->set1_host = dlsym(RTLD_DEFAULT, "X509_VERIFY_PARAM_set1_host");
    *(void **)&f->get0_host = dlsym(RTLD_DEFAULT, "X509_VERIFY_PARAM_get0_host");
    *(void **)&f->set_depth = dlsym(RTLD_DEFAULT, "X509_VERIFY_PARAM_set_depth");
    *(void **)&f->get_hostflags = dlsym(RTLD_DEFAULT, "X509_VERIFY_PARAM_get_hostflags");
    return f->new_ != NULL && f->free_ != NULL && f->set1_host != NULL && f->get0_host != NULL
        && f->set_depth != NULL && f->get_hostflags != NULL;
}

/*
 * SSL_CTX_set1_param: a host name and depth set on a parameter object reach
 * the context and the connections made from it; SSL_set1_param and
 * SSL_set_hostflags act on the connection's.
 */
static int test_set1_param(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    X509_VERIFY_PARAM *p = NULL;
    struct vp_fns f;
    int ret = 0;

    if (!TEST_ptr(ctx))
        goto end;
    if (!TEST_true(vp_lookup(&f)) || !TEST_int_eq(SSL_CTX_set1_param(ctx, NULL), 1)
        || !TEST_ptr(p = f.new_()) || !TEST_int_eq(f.set1_host(p, "c.example", 0), 1))
        goto end;
    f.set_depth(p, 3);
    if (!TEST_int_eq(SSL_CTX_set1_param(ctx, p), 1) || !TEST_int_eq(SSL_CTX_get_verify_depth(ctx), 3)
        || !TEST_ptr(s = SSL_new(ctx)) || !TEST_int_eq(SSL_get_verify_depth(s), 3)
        || !TEST_str_eq(f.get0_host(SSL_get0_param(s), 0), "c.example"))
        goto end;
    f.set_depth(p, 4);
    if (!TEST_int_eq(SSL_set1_param(s, p), 1) || !TEST_int_eq(SSL_get_verify_depth(s), 4)
        || !TEST_int_eq(SSL_CTX_get_verify_depth(ctx), 3))
        goto end;
    SSL_set_hostflags(s, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (!TEST_int_eq(f.get_hostflags(SSL_get0_param(s)), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        goto end;
    ret = TEST_ulong_eq(ERR_peek_error(), 0);
end:
    if (p != NULL)
        f.free_(p);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

int main(void)
{
    RUN_TEST(test_depth);
    RUN_TEST(test_verify_result_and_index);
    RUN_TEST(test_purpose_and_trust);
    RUN_TEST(test_peername);
    RUN_TEST(test_set1_param);
    RUN_TEST(test_load_verify_store);
    return tu_finish();
}
