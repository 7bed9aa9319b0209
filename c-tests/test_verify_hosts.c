/*
 * The host check of verification under the program's parameters: several acceptable names
 * (SSL_add1_host, X509_VERIFY_PARAM_add1_host), SSL_set_hostflags, SSL_get0_peername naming
 * the certificate's name that matched, a context's parameters reaching its connections, and
 * the verification time (X509_VERIFY_PARAM_set_time, X509_V_FLAG_NO_CHECK_TIME).
 */
#include "testutil.h"

#include <openssl/x509v3.h>
#include <string.h>

enum { NO_FLAGS = 0 };

/* Things a case does to the client before the handshake. */
struct setup {
    const char *set1_host;
    const char *add1_host[2];
    const char *param_add1_host; /* X509_VERIFY_PARAM_add1_host on SSL_get0_param */
    const char *ctx_host;        /* X509_VERIFY_PARAM_set1_host on SSL_CTX_get0_param */
    unsigned int hostflags;
    long long time;              /* X509_VERIFY_PARAM_set_time, when not 0 */
    unsigned long vflags;        /* X509_VERIFY_PARAM_set_flags */
};

/*
 * Handshake under SSL_VERIFY_NONE (so every result is seen) against a server using cert,
 * trusting ca-ec.pem; the client's verify result must be want, and SSL_get0_peername
 * want_peer (NULL: none).
 */
static int host_case(const char *cert, const char *key, const struct setup *st, long want,
                     const char *want_peer)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    const char *peer;
    int i, ret = 0;

    if (!create_ssl_ctx_pair(0, 0, cert, key, "ca-ec.pem", &sctx, &cctx))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_NONE, NULL);
    if (st->ctx_host != NULL
        && !TEST_int_eq(X509_VERIFY_PARAM_set1_host(SSL_CTX_get0_param(cctx), st->ctx_host, 0), 1))
        goto end;
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    if (st->set1_host != NULL && !TEST_int_eq(SSL_set1_host(c, st->set1_host), 1))
        goto end;
    for (i = 0; i < 2; i++)
        if (st->add1_host[i] != NULL && !TEST_int_eq(SSL_add1_host(c, st->add1_host[i]), 1))
            goto end;
    if (st->param_add1_host != NULL
        && !TEST_int_eq(X509_VERIFY_PARAM_add1_host(SSL_get0_param(c), st->param_add1_host, 0), 1))
        goto end;
    if (st->hostflags != 0)
        SSL_set_hostflags(c, st->hostflags);
    if (st->time != 0)
        X509_VERIFY_PARAM_set_time(SSL_get0_param(c), (time_t)st->time);
    if (st->vflags != 0 && !TEST_int_eq(X509_VERIFY_PARAM_set_flags(SSL_get0_param(c), st->vflags), 1))
        goto end;
    if (!TEST_true(pump_handshake(s, c, &hs, &hc, 30)) || !TEST_true(hc.done)
        || !TEST_int_eq(SSL_get_verify_result(c), want))
        goto end;
    peer = SSL_get0_peername(c);
    if (want_peer == NULL ? !TEST_ptr_null(peer) : !TEST_str_eq(peer, want_peer))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

#define LEAF "hosts/wild-leaf.pem", "hosts/key.pem"

static int test_wildcards_and_flags(void)
{
    struct setup a = {.set1_host = "www.example.com"};
    struct setup b = {.set1_host = "www.example.com", .hostflags = X509_CHECK_FLAG_NO_WILDCARDS};
    struct setup c = {.set1_host = "foo.part.test"};
    struct setup d = {.set1_host = "foo.part.test", .hostflags = X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS};
    struct setup e = {.set1_host = "a.b.example.com"};
    struct setup f = {.set1_host = "a.b.example.com", .hostflags = X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS};
    struct setup g = {.set1_host = "cn.ignored.test"};
    struct setup h = {.set1_host = "10.1.2.3"};

    return host_case(LEAF, &a, X509_V_OK, "*.example.com")
           && host_case(LEAF, &b, X509_V_ERR_HOSTNAME_MISMATCH, NULL)
           && host_case(LEAF, &c, X509_V_OK, "f*.part.test")
           && host_case(LEAF, &d, X509_V_ERR_HOSTNAME_MISMATCH, NULL)
           && host_case(LEAF, &e, X509_V_ERR_HOSTNAME_MISMATCH, NULL)
           && host_case(LEAF, &f, X509_V_OK, "*.example.com")
           && host_case(LEAF, &g, X509_V_ERR_HOSTNAME_MISMATCH, NULL)
           && host_case(LEAF, &h, X509_V_OK, NULL);
}

static int test_several_names(void)
{
    struct setup a = {.set1_host = "nomatch.test", .add1_host = {"www.exact.test"}};
    struct setup b = {.add1_host = {"nomatch.test", "www.exact.test"}};
    struct setup c = {.set1_host = "www.exact.test", .add1_host = {"nomatch.test"}};
    struct setup d = {.add1_host = {"nomatch.test", "other.test"}};
    struct setup e = {.set1_host = "nomatch.test", .param_add1_host = "x.example.com"};
    struct setup f = {.ctx_host = "www.exact.test"};
    struct setup g = {.ctx_host = "nomatch.test"};

    return host_case(LEAF, &a, X509_V_OK, "www.exact.test")
           && host_case(LEAF, &b, X509_V_OK, "www.exact.test")
           && host_case(LEAF, &c, X509_V_OK, "www.exact.test")
           && host_case(LEAF, &d, X509_V_ERR_HOSTNAME_MISMATCH, NULL)
           && host_case(LEAF, &e, X509_V_OK, "*.example.com")
           && host_case(LEAF, &f, X509_V_OK, "www.exact.test")
           && host_case(LEAF, &g, X509_V_ERR_HOSTNAME_MISMATCH, NULL);
}

static int test_check_time(void)
{
    /*
     * expired.pem is valid 2000-2001, notyet.pem 2200-2201, their CA ca-ec.pem and server-ec.pem
     * from 2026 for 100 years: OpenSSL checks the anchor's dates too, deepest first.
     */
    struct setup in2000 = {.time = 962409600LL};                /* 2000-07-01 */
    struct setup in2200 = {.time = 7258118400LL + 86400 * 180}; /* mid 2200 */
    struct setup in1990 = {.time = 631152000LL};                /* 1990-01-01 */
    struct setup in2100 = {.time = 4102444800LL};               /* 2100-01-01 */
    struct setup in2150 = {.time = 5680281600LL};               /* 2150-01-01 */
    struct setup now = {.time = 0};
    struct setup nocheck = {.vflags = X509_V_FLAG_NO_CHECK_TIME};
    struct setup use_flag_only = {.vflags = X509_V_FLAG_USE_CHECK_TIME};

    return host_case("expired.pem", "expired.key", &in2000, X509_V_ERR_CERT_NOT_YET_VALID, NULL)
           && host_case("expired.pem", "expired.key", &now, X509_V_ERR_CERT_HAS_EXPIRED, NULL)
           && host_case("notyet.pem", "notyet.key", &in2200, X509_V_ERR_CERT_HAS_EXPIRED, NULL)
           && host_case("server-ec.pem", "server-ec.key", &in1990, X509_V_ERR_CERT_NOT_YET_VALID, NULL)
           && host_case("server-ec.pem", "server-ec.key", &in2100, X509_V_OK, NULL)
           && host_case("server-ec.pem", "server-ec.key", &in2150, X509_V_ERR_CERT_HAS_EXPIRED, NULL)
           && host_case("expired.pem", "expired.key", &nocheck, X509_V_OK, NULL)
           && host_case("notyet.pem", "notyet.key", &nocheck, X509_V_OK, NULL)
           && host_case("server-ec.pem", "server-ec.key", &use_flag_only, X509_V_ERR_CERT_NOT_YET_VALID, NULL);
}

/* Under SSL_VERIFY_PEER a name mismatch despite a second name fails the handshake. */
static int test_peer_mode(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    int ret = 0;

    if (!create_ssl_ctx_pair(0, 0, LEAF, "ca-ec.pem", &sctx, &cctx))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
        || !TEST_int_eq(SSL_set1_host(c, "a.test"), 1) || !TEST_int_eq(SSL_add1_host(c, "b.test"), 1)
        || !TEST_false(create_ssl_connection(s, c))
        || !TEST_int_eq(SSL_get_verify_result(c), X509_V_ERR_HOSTNAME_MISMATCH))
        goto end;
    ERR_clear_error();
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

int main(void)
{
    RUN_TEST(test_wildcards_and_flags);
    RUN_TEST(test_several_names);
    RUN_TEST(test_check_time);
    RUN_TEST(test_peer_mode);
    return tu_finish();
}
