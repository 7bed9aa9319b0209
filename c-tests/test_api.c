/*
 * Object lifecycles and configuration getters/setters: up_ref/free,
 * options, modes, protocol bounds, verify locations, PEM/X509 helpers.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include <openssl/pem.h>

static int test_refcounts(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    BIO *b = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())) || !TEST_int_eq(SSL_CTX_up_ref(ctx), 1)
        || !TEST_ptr(s = SSL_new(ctx)) || !TEST_int_eq(SSL_up_ref(s), 1)
        || !TEST_ptr(b = BIO_new(BIO_s_mem())) || !TEST_int_eq(BIO_up_ref(b), 1))
        goto end;
    SSL_CTX_free(ctx); /* the SSL and our second reference keep it alive */
    SSL_free(s);
    BIO_free(b);
    if (!TEST_int_eq(SSL_CTX_get_options(ctx), SSL_CTX_get_options(ctx)) /* still usable */
        || !TEST_true(SSL_is_server(s)) || !TEST_int_eq(BIO_write(b, "x", 1), 1))
        goto end;
    /* free(NULL) is a no-op everywhere */
    SSL_free(NULL);
    SSL_CTX_free(NULL);
    BIO_free_all(NULL);
    X509_free(NULL);
    EVP_PKEY_free(NULL);
    OPENSSL_free(NULL);
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    BIO_free(b);
    return ret;
}

static int test_options_and_modes(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())))
        goto end;
    if (!TEST_ulong_eq(SSL_CTX_get_options(ctx), 0x120000UL)
        || !TEST_ulong_eq(SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET), 0x124000UL)
        || !TEST_ulong_eq(SSL_CTX_clear_options(ctx, SSL_OP_NO_COMPRESSION), 0x104000UL)
        || !TEST_ulong_eq(SSL_CTX_get_mode(ctx), SSL_MODE_AUTO_RETRY)
        || !TEST_ulong_eq(SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS), 0x14UL)
        || !TEST_ulong_eq(SSL_CTX_clear_mode(ctx, SSL_MODE_AUTO_RETRY), 0x10UL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_get_min_proto_version(ctx), 0)
        || !TEST_int_eq(SSL_CTX_get_max_proto_version(ctx), 0)
        || !TEST_true(SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION))
        || !TEST_int_eq(SSL_CTX_get_min_proto_version(ctx), TLS1_2_VERSION))
        goto end;
    /* an SSL copies the ctx settings at SSL_new */
    if (!TEST_ptr(s = SSL_new(ctx)) || !TEST_ulong_eq(SSL_get_options(s), 0x104000UL)
        || !TEST_ulong_eq(SSL_get_mode(s), 0x10UL)
        || !TEST_int_eq(SSL_get_min_proto_version(s), TLS1_2_VERSION))
        goto end;
    SSL_CTX_set_options(ctx, SSL_OP_NO_TLSv1_3);
    if (!TEST_ulong_eq(SSL_get_options(s), 0x104000UL)
        || !TEST_ulong_eq(SSL_set_options(s, SSL_OP_IGNORE_UNEXPECTED_EOF), 0x104080UL)
        || !TEST_ulong_eq(SSL_clear_options(s, SSL_OP_IGNORE_UNEXPECTED_EOF), 0x104000UL)
        || !TEST_true(SSL_set_max_proto_version(s, TLS1_3_VERSION))
        || !TEST_int_eq(SSL_get_max_proto_version(s), TLS1_3_VERSION)
        || !TEST_ulong_eq(SSL_set_mode(s, SSL_MODE_ENABLE_PARTIAL_WRITE), 0x11UL))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_verify_config(void)
{
    SSL_CTX *ctx = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_client_method()))
        || !TEST_int_eq(SSL_CTX_load_verify_file(ctx, cert_path("ca-ec.pem")), 1)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(ctx, cert_path("ca-bundle.pem"), NULL), 1)
        || !TEST_int_eq(SSL_CTX_set_default_verify_paths(ctx), 1))
        goto end;
    if (!TEST_int_eq(SSL_CTX_load_verify_locations(ctx, NULL, NULL), 0))
        goto end;
    ERR_clear_error();
    if (!TEST_int_eq(SSL_CTX_load_verify_file(ctx, cert_path("missing.pem")), 0)
        || !TEST_ulong_ne(ERR_peek_error(), 0))
        goto end;
    ERR_clear_error();
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    SSL_CTX_set_verify_depth(ctx, 5);
    ret = 1;
end:
    SSL_CTX_free(ctx);
    return ret;
}

static int test_pem_x509(void)
{
    FILE *f = NULL;
    X509 *x = NULL, *y = NULL;
    BIO *b = NULL;
    char *line = NULL, buf[8192];
    size_t n;
    int ret = 0;

    if (!TEST_ptr(f = fopen(cert_path("server-ec-chain.pem"), "r"))
        || !TEST_ptr(x = PEM_read_X509(f, NULL, NULL, NULL))
        || !TEST_ptr(y = PEM_read_X509(f, NULL, NULL, NULL)))
        goto end;
    if (!TEST_ptr(line = X509_NAME_oneline(X509_get_subject_name(x), NULL, 0))
        || !TEST_str_eq(line, "/O=sslrs test/CN=localhost"))
        goto end;
    OPENSSL_free(line);
    line = NULL;
    if (!TEST_ptr(line = X509_NAME_oneline(X509_get_subject_name(y), NULL, 0))
        || !TEST_str_eq(line, "/O=sslrs test/CN=sslrs test CA ECDSA"))
        goto end;
    if (!TEST_int_eq(X509_up_ref(x), 1))
        goto end;
    X509_free(x); /* one reference left */
    X509_free(y);
    y = NULL;
    rewind(f);
    n = fread(buf, 1, sizeof(buf), f);
    if (!TEST_int_gt(n, 0) || !TEST_ptr(b = BIO_new_mem_buf(buf, (int)n))
        || !TEST_ptr(y = PEM_read_bio_X509(b, NULL, NULL, NULL))
        || !TEST_ptr(X509_NAME_oneline(X509_get_issuer_name(y), buf, 64))
        || !TEST_str_eq(buf, "/O=sslrs test/CN=sslrs test CA ECDSA"))
        goto end;
    ret = 1;
end:
    OPENSSL_free(line);
    X509_free(x);
    X509_free(y);
    BIO_free(b);
    if (f != NULL)
        fclose(f);
    return ret;
}

int main(void)
{
    RUN_TEST(test_refcounts);
    RUN_TEST(test_options_and_modes);
    RUN_TEST(test_verify_config);
    RUN_TEST(test_pem_x509);
    return tu_finish();
}
