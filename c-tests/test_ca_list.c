/*
 * CA name lists: the client CA list and the CA list of contexts and connections (defaults,
 * ownership, fallback to the context), SSL_load_client_CA_file and the add_*_subjects
 * functions, SSL_dup_CA_list, and the names a server sends in its CertificateRequest as the
 * client sees them (SSL_get0_peer_CA_list).
 */
#include "testutil.h"

#include <openssl/pem.h>
#include <stdio.h>
#include <string.h>

static const char *CA_EC = "/O=sslrs test/CN=sslrs test CA ECDSA";
static const char *CA_RSA = "/O=sslrs test/CN=sslrs test CA RSA";

static X509 *read_cert(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    X509 *x = f == NULL ? NULL : PEM_read_X509(f, NULL, NULL, NULL);

    if (f != NULL)
        fclose(f);
    return x;
}

/* The list holds exactly `n` names, the first `first` and the last `last` (NULL: any). */
static int names_are(const STACK_OF(X509_NAME) *sk, int n, const char *first, const char *last)
{
    char buf[256];

    if (!TEST_ptr(sk) || !TEST_int_eq(sk_X509_NAME_num(sk), n))
        return 0;
    if (first != NULL) {
        X509_NAME_oneline(sk_X509_NAME_value(sk, 0), buf, sizeof(buf));
        if (!TEST_str_eq(buf, first))
            return 0;
    }
    if (last != NULL) {
        X509_NAME_oneline(sk_X509_NAME_value(sk, n - 1), buf, sizeof(buf));
        if (!TEST_str_eq(buf, last))
            return 0;
    }
    return 1;
}

static int test_defaults_and_ownership(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method()), *cctx = SSL_CTX_new(TLS_client_method());
    X509 *ca = read_cert("ca-ec.pem"), *ca2 = read_cert("ca-rsa.pem");
    SSL *s = NULL, *c = NULL, *s2 = NULL;
    STACK_OF(X509_NAME) *own = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(cctx) || !TEST_ptr(ca) || !TEST_ptr(ca2))
        goto end;
    /* a new context has empty lists */
    if (!names_are(SSL_CTX_get_client_CA_list(ctx), 0, NULL, NULL)
        || !names_are(SSL_CTX_get0_CA_list(ctx), 0, NULL, NULL))
        goto end;
    /* duplicates are kept; NULL is refused quietly */
    if (!TEST_int_eq(SSL_CTX_add_client_CA(ctx, ca), 1)
        || !TEST_int_eq(SSL_CTX_add_client_CA(ctx, ca), 1)
        || !names_are(SSL_CTX_get_client_CA_list(ctx), 2, CA_EC, CA_EC))
        goto end;
    if (!TEST_int_eq(SSL_CTX_add_client_CA(ctx, NULL), 0) || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    if (!TEST_int_eq(SSL_CTX_add1_to_CA_list(ctx, ca2), 1)
        || !names_are(SSL_CTX_get0_CA_list(ctx), 1, CA_RSA, CA_RSA))
        goto end;
    /* a connection uses its context's lists */
    if (!TEST_ptr(s = SSL_new(ctx))
        || !TEST_true(SSL_get_client_CA_list(s) == SSL_CTX_get_client_CA_list(ctx))
        || !TEST_true(SSL_get0_CA_list(s) == SSL_CTX_get0_CA_list(ctx))
        || !TEST_ptr_null(SSL_get0_peer_CA_list(s)))
        goto end;
    /* a client's "client CA list" is what the server sent: nothing yet */
    SSL_set_connect_state(s);
    if (!TEST_ptr_null(SSL_get_client_CA_list(s)))
        goto end;
    SSL_set_accept_state(s);
    /* its own list starts empty, not from the context's */
    if (!TEST_int_eq(SSL_add_client_CA(s, ca2), 1)
        || !names_are(SSL_get_client_CA_list(s), 1, CA_RSA, CA_RSA)
        || !names_are(SSL_CTX_get_client_CA_list(ctx), 2, CA_EC, CA_EC))
        goto end;
    if (!TEST_int_eq(SSL_add1_to_CA_list(s, ca), 1)
        || !names_are(SSL_get0_CA_list(s), 1, CA_EC, CA_EC)
        || !names_are(SSL_CTX_get0_CA_list(ctx), 1, CA_RSA, CA_RSA))
        goto end;
    /* set: ownership taken; NULL on a connection returns to the context's */
    if (!TEST_ptr(own = SSL_load_client_CA_file(cert_path("ca-bundle.pem"))))
        goto end;
    SSL_CTX_set_client_CA_list(ctx, own);
    if (!TEST_true(SSL_CTX_get_client_CA_list(ctx) == own)
        || !names_are(SSL_get_client_CA_list(s), 1, CA_RSA, CA_RSA))
        goto end;
    SSL_set_client_CA_list(s, NULL);
    if (!TEST_true(SSL_get_client_CA_list(s) == own))
        goto end;
    /* NULL on a context: no list; adding makes a new one */
    SSL_CTX_set_client_CA_list(ctx, NULL);
    if (!TEST_ptr_null(SSL_CTX_get_client_CA_list(ctx))
        || !TEST_int_eq(SSL_CTX_add_client_CA(ctx, ca), 1)
        || !names_are(SSL_CTX_get_client_CA_list(ctx), 1, CA_EC, CA_EC))
        goto end;
    SSL_CTX_set0_CA_list(ctx, NULL);
    if (!TEST_ptr_null(SSL_CTX_get0_CA_list(ctx)) || !TEST_ptr(s2 = SSL_new(ctx))
        || !TEST_ptr_null(SSL_get0_CA_list(s2)))
        goto end;
    SSL_set0_CA_list(s, NULL);
    if (!TEST_ptr_null(SSL_get0_CA_list(s)))
        goto end;
    /* a client-method connection: its own list is recorded but the getter shows the peer's */
    if (!TEST_ptr(c = SSL_new(cctx)) || !TEST_ptr_null(SSL_get_client_CA_list(c))
        || !TEST_int_eq(SSL_add_client_CA(c, ca), 1) || !TEST_ptr_null(SSL_get_client_CA_list(c)))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s2);
    SSL_free(s);
    SSL_CTX_free(ctx);
    SSL_CTX_free(cctx);
    X509_free(ca);
    X509_free(ca2);
    return ret;
}

static int test_load_and_dup(void)
{
    STACK_OF(X509_NAME) *l = NULL, *d = NULL;
    unsigned long errs[4];
    int ret = 0;

    if (!names_are(l = SSL_load_client_CA_file(cert_path("ca-bundle.pem")), 2, CA_EC, CA_RSA)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    /* a deep copy */
    if (!names_are(d = SSL_dup_CA_list(l), 2, CA_EC, CA_RSA)
        || !TEST_true(sk_X509_NAME_value(d, 0) != sk_X509_NAME_value(l, 0))
        || !TEST_int_eq(X509_NAME_cmp(sk_X509_NAME_value(d, 0), sk_X509_NAME_value(l, 0)), 0)
        || !TEST_int_ne(X509_NAME_cmp(sk_X509_NAME_value(d, 0), sk_X509_NAME_value(l, 1)), 0))
        goto end;
    /* a missing file: the BIO's errors */
    if (!TEST_ptr_null(SSL_load_client_CA_file(cert_path("nonexistent.pem")))
        || !TEST_int_eq(drain_errors(errs, 4), 2) || !TEST_ulong_eq(errs[0], 0x80000002UL)
        || !TEST_ulong_eq(errs[1], 0x10080002UL))
        goto end;
    /* no certificate in the file */
    if (!TEST_ptr_null(SSL_load_client_CA_file(cert_path("server-ec.key")))
        || !TEST_int_eq(drain_errors(errs, 4), 1) || !TEST_ulong_eq(errs[0], 0x0480006CUL))
        goto end;
    /* duplicates in the file are dropped */
    sk_X509_NAME_pop_free(d, X509_NAME_free);
    if (!names_are(d = SSL_load_client_CA_file(cert_path("server-ec-chain.pem")), 2,
                   "/O=sslrs test/CN=localhost", CA_EC))
        goto end;
    ret = 1;
end:
    sk_X509_NAME_pop_free(l, X509_NAME_free);
    sk_X509_NAME_pop_free(d, X509_NAME_free);
    return ret;
}

static int test_add_subjects(void)
{
    STACK_OF(X509_NAME) *st = sk_X509_NAME_new_null();
    int ret = 0;

    if (!TEST_ptr(st))
        goto end;
    /* names are added once; the stack ends up in X509_NAME_cmp order (shorter first) */
    if (!TEST_int_eq(SSL_add_file_cert_subjects_to_stack(st, cert_path("ca-bundle.pem")), 1)
        || !TEST_int_eq(SSL_add_file_cert_subjects_to_stack(st, cert_path("ca-ec.pem")), 1)
        || !names_are(st, 2, CA_RSA, CA_EC) || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    if (!TEST_int_eq(SSL_add_file_cert_subjects_to_stack(st, cert_path("missing.pem")), 0)
        || !TEST_ulong_eq(ERR_peek_error(), 0x80000002UL)
        || !TEST_ulong_eq(ERR_peek_last_error(), 0x10080002UL))
        goto end;
    ERR_clear_error();
    if (!TEST_int_eq(SSL_add_dir_cert_subjects_to_stack(st, cert_path("hashdir")), 1)
        || !names_are(st, 2, CA_RSA, CA_EC) || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    if (!TEST_int_eq(SSL_add_dir_cert_subjects_to_stack(st, cert_path("nodir")), 0)
        || !TEST_ulong_eq(ERR_peek_error(), 0x80000002UL)
        || !TEST_ulong_eq(ERR_peek_last_error(), 0x0A080002UL))
        goto end;
    ERR_clear_error();
    ret = 1;
end:
    sk_X509_NAME_pop_free(st, X509_NAME_free);
    return ret;
}

/*
 * What the client sees of the server's CertificateRequest: the client CA list, else the CA
 * list; none at all in TLS 1.3 (no extension), an empty list in TLS 1.2.
 */
static int sent_case(int version, int which)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    X509 *ca = read_cert("ca-rsa.pem");
    int ret = 0;

    if (!TEST_ptr(ca))
        goto end;
    if (!create_ssl_ctx_pair(version, version, "server-ec.pem", "server-ec.key", "ca-bundle.pem",
                             &sctx, &cctx))
        goto end;
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    if (!TEST_int_eq(SSL_CTX_load_verify_locations(sctx, cert_path("ca-ec.pem"), NULL), 1))
        goto end;
    if (which == 1)
        SSL_CTX_set_client_CA_list(sctx, SSL_load_client_CA_file(cert_path("ca-bundle.pem")));
    if (which == 2 && !TEST_int_eq(SSL_CTX_add1_to_CA_list(sctx, ca), 1))
        goto end;
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
        || !TEST_true(create_ssl_connection(s, c)))
        goto end;
    switch (which) {
    case 1:
        if (!names_are(SSL_get0_peer_CA_list(c), 2, CA_EC, CA_RSA)
            || !TEST_true(SSL_get_client_CA_list(c) == SSL_get0_peer_CA_list(c)))
            goto end;
        break;
    case 2:
        if (!names_are(SSL_get0_peer_CA_list(c), 1, CA_RSA, CA_RSA))
            goto end;
        break;
    default:
        if (version == TLS1_3_VERSION && !TEST_ptr_null(SSL_get0_peer_CA_list(c)))
            goto end;
        if (version == TLS1_2_VERSION && !names_are(SSL_get0_peer_CA_list(c), 0, NULL, NULL))
            goto end;
    }
    /* the server received none */
    if (!TEST_ptr_null(SSL_get0_peer_CA_list(s)))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    X509_free(ca);
    return ret;
}

static int test_names_sent(void)
{
    int v[2] = {TLS1_3_VERSION, TLS1_2_VERSION}, i, w;

    for (i = 0; i < 2; i++)
        for (w = 0; w < 3; w++)
            if (!sent_case(v[i], w)) {
                tu_log("version %04x case %d\n", v[i], w);
                return 0;
            }
    return 1;
}

int main(void)
{
    RUN_TEST(test_defaults_and_ownership);
    RUN_TEST(test_load_and_dup);
    RUN_TEST(test_add_subjects);
    RUN_TEST(test_names_sent);
    return tu_finish();
}
