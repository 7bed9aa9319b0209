/* Edge cases the ABI sweep (c-tests/sweep/) found sslrs answering differently from OpenSSL 3.0,
 * pinned one by one: the role a context's method cannot play, SSL_want after a completed
 * shutdown, reading and writing without BIOs, the order of the file loaders' checks, host
 * names with NULs, NULL orders of the X509 setters, and the size limits OpenSSL
 * checks before it reads a buffer. */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "testutil.h"

/* SSL_accept on an SSL of a TLS_client_method context: 0 with ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED
 * (OpenSSL's handshake function is ssl_undefined_function), and likewise SSL_connect on a
 * server-method one. */
static int test_method_refuses_role(void)
{
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method()), *sctx = SSL_CTX_new(TLS_server_method());
    SSL *c = NULL, *s = NULL;
    int ok = 0;
    unsigned long e;

    if (!TEST_ptr(cctx) || !TEST_ptr(sctx) || !TEST_ptr(c = SSL_new(cctx))
        || !TEST_ptr(s = SSL_new(sctx)))
        goto end;
    ERR_clear_error();
    if (!TEST_int_eq(SSL_accept(c), 0))
        goto end;
    e = ERR_peek_error();
    if (!TEST_int_eq(ERR_GET_LIB(e), ERR_LIB_SSL)
        || !TEST_int_eq(ERR_GET_REASON(e), ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED))
        goto end;
    ERR_clear_error();
    if (!TEST_int_eq(SSL_connect(s), 0))
        goto end;
    e = ERR_peek_error();
    if (!TEST_int_eq(ERR_GET_LIB(e), ERR_LIB_SSL)
        || !TEST_int_eq(ERR_GET_REASON(e), ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED))
        goto end;
    ok = 1;
end:
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

/* After SSL_shutdown returned 1 (the peer's close_notify read), SSL_want is SSL_NOTHING. */
static int test_want_after_shutdown(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    int ok = 0;

    if (!TEST_true(create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", NULL, &sctx,
                                       &cctx))
        || !TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        || !TEST_true(create_ssl_connection(s, c)))
        goto end;
    /* the server's first call sends its close_notify (0 or 1: not asserted here) */
    if (!TEST_int_eq(SSL_shutdown(c), 0) || !TEST_int_ge(SSL_shutdown(s), 0)
        || !TEST_int_eq(SSL_shutdown(c), 1))
        goto end;
    if (!TEST_int_eq(SSL_want(c), SSL_NOTHING))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

/* The SSL's BIOs gone (SSL_set_bio(s, NULL, NULL)) after the handshake: SSL_write is fatal with
 * SSL_R_BIO_NOT_SET, SSL_read with SSL_R_READ_BIO_NOT_SET; fresh BIOs do not revive it (-1,
 * SSL_ERROR_SYSCALL). A handshake that must read without an rbio fails the same way. */
static int expect_ssl_err(SSL *s, int ret, int reason)
{
    unsigned long e = ERR_peek_error();
    int ok = TEST_int_eq(ret, -1) && TEST_int_eq(SSL_get_error(s, ret), SSL_ERROR_SSL)
             && TEST_int_eq(ERR_GET_LIB(e), ERR_LIB_SSL) && TEST_int_eq(ERR_GET_REASON(e), reason);

    ERR_clear_error();
    return ok;
}

static int test_no_bio(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL, *lone = NULL;
    char buf[10] = {0};
    int ok = 0, i;

    if (!TEST_true(create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", NULL, &sctx,
                                       &cctx)))
        goto end;
    for (i = 0; i < 2; i++) {
        if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
            || !TEST_true(create_ssl_connection(s, c)))
            goto end;
        SSL_set_bio(c, NULL, NULL);
        ERR_clear_error();
        if (i == 0 ? !expect_ssl_err(c, SSL_write(c, buf, 10), SSL_R_BIO_NOT_SET)
                   : !expect_ssl_err(c, SSL_read(c, buf, 10), SSL_R_READ_BIO_NOT_SET))
            goto end;
        SSL_set_bio(c, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
        if (!TEST_int_eq(SSL_write(c, buf, 10), -1)
            || !TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_SYSCALL))
            goto end;
        SSL_free(s);
        SSL_free(c);
        s = c = NULL;
    }
    /* a client with only a wbio: the ClientHello goes out, reading the answer fails */
    if (!TEST_ptr(lone = SSL_new(cctx)))
        goto end;
    SSL_set0_wbio(lone, BIO_new(BIO_s_mem()));
    if (!expect_ssl_err(lone, SSL_connect(lone), SSL_R_READ_BIO_NOT_SET))
        goto end;
    ok = 1;
end:
    ERR_clear_error();
    SSL_free(lone);
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

/* The *_file loaders open the file first: a missing file or a NULL name (fopen's EFAULT) is
 * reported as such even with a bad file type or a NULL object. */
static int expect_sys(int ret, int errnum)
{
    unsigned long e = ERR_peek_error();
    int ok = TEST_int_eq(ret, 0) && TEST_int_eq(ERR_GET_LIB(e), ERR_LIB_SYS)
             && TEST_int_eq(ERR_GET_REASON(e), errnum);

    ERR_clear_error();
    return ok;
}

static int test_file_first(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int ok = 0;

    if (!TEST_ptr(ctx))
        goto end;
    ERR_clear_error();
    if (!expect_sys(SSL_CTX_use_certificate_file(ctx, "c-tests/no-such-file", 0), ENOENT)
        || !expect_sys(SSL_CTX_use_PrivateKey_file(ctx, "c-tests/no-such-file", 0), ENOENT)
        || !expect_sys(SSL_CTX_use_certificate_file(NULL, "c-tests/no-such-file", SSL_FILETYPE_PEM),
                       ENOENT)
        || !expect_sys(SSL_CTX_use_certificate_file(ctx, NULL, SSL_FILETYPE_PEM), EFAULT)
        || !expect_sys(SSL_CTX_use_certificate_chain_file(ctx, NULL), EFAULT))
        goto end;
    /* an existing file and a bad type: SSL_R_BAD_SSL_FILETYPE */
    if (!TEST_int_eq(SSL_CTX_use_certificate_file(ctx, cert_path("server-ec.pem"), 7), 0)
        || !TEST_int_eq(ERR_GET_REASON(ERR_peek_error()), SSL_R_BAD_SSL_FILETYPE))
        goto end;
    ok = 1;
end:
    ERR_clear_error();
    SSL_CTX_free(ctx);
    return ok;
}

/* A NUL inside a host name (other than as its last byte) refuses it: 0, no error entry, before
 * anything is copied; a trailing NUL is dropped. NULL orders: add1_host with no name and
 * inherit from NULL succeed without looking at the parameters. */
static int test_host_names(void)
{
    X509_VERIFY_PARAM *p = X509_VERIFY_PARAM_new();
    X509 *x = NULL;
    BIO *b = NULL;
    int ok = 0;

    if (!TEST_ptr(p))
        goto end;
    ERR_clear_error();
    if (!TEST_int_eq(X509_VERIFY_PARAM_set1_host(p, "a\0b", 3), 0)
        || !TEST_ulong_eq(ERR_peek_error(), 0)
        || !TEST_int_eq(X509_VERIFY_PARAM_set1_host(p, "ab\0", 3), 1)
        || !TEST_str_eq(X509_VERIFY_PARAM_get0_host(p, 0), "ab")
        || !TEST_int_eq(X509_VERIFY_PARAM_add1_host(p, "c\0d", 3), 0)
        || !TEST_ptr_null(X509_VERIFY_PARAM_get0_host(p, 1))
        /* "sweep" and then zeros: the length reaches past the string's NUL */
        || !TEST_int_eq(X509_VERIFY_PARAM_set1_host(p, "sweep\0\0\0", 8), 0)
        || !TEST_int_eq(X509_VERIFY_PARAM_add1_host(NULL, NULL, 0), 1)
        || !TEST_int_eq(X509_VERIFY_PARAM_inherit(NULL, NULL), 1)
        || !TEST_int_eq(X509_VERIFY_PARAM_inherit(p, NULL), 1))
        goto end;
    if (!TEST_ptr(b = BIO_new_file(cert_path("server-ec.pem"), "r"))
        || !TEST_ptr(x = PEM_read_bio_X509(b, NULL, NULL, NULL)))
        goto end;
    if (!TEST_int_eq(X509_check_host(x, "localhost\0junk", 14, 0, NULL), -2)
        || !TEST_int_eq(X509_check_email(x, "a@b\0c", 5, 0), -2))
        goto end;
    ok = 1;
end:
    ERR_clear_error();
    X509_free(x);
    BIO_free(b);
    X509_VERIFY_PARAM_free(p);
    return ok;
}

/* NULL objects: i2d gives 0 without an error entry, SSL_dup_CA_list an empty stack,
 * X509_STORE_CTX_set_purpose(ctx, 0) changes nothing and succeeds, ASN1_TIME_to_tm with a
 * NULL tm only checks the time. */
static int test_null_objects(void)
{
    STACK_OF(X509_NAME) *names = NULL;
    ASN1_TIME *t = NULL;
    int ok = 0;

    ERR_clear_error();
    if (!TEST_int_eq(i2d_X509(NULL, NULL), 0) || !TEST_int_eq(i2d_X509_NAME(NULL, NULL), 0)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    if (!TEST_ptr(names = SSL_dup_CA_list(NULL)) || !TEST_int_eq(sk_X509_NAME_num(names), 0))
        goto end;
    if (!TEST_int_eq(X509_STORE_CTX_set_purpose(NULL, 0), 1))
        goto end;
    if (!TEST_ptr(t = ASN1_TIME_set(NULL, 1700000000)) || !TEST_int_eq(ASN1_TIME_to_tm(t, NULL), 1))
        goto end;
    ok = 1;
end:
    ERR_clear_error();
    sk_X509_NAME_free(names);
    ASN1_TIME_free(t);
    return ok;
}

/* Size limits OpenSSL checks before reading the buffer: ASN1_STRING_set with INT_MAX
 * (ASN1_R_TOO_LARGE), OPENSSL_memdup from INT_MAX, a master key over 512 bytes, a stack past
 * INT_MAX elements. */
static int test_size_limits(void)
{
    static const unsigned char buf[64], big[513];
    ASN1_STRING *s = ASN1_STRING_new();
    SSL_SESSION *sess = SSL_SESSION_new();
    STACK_OF(X509_NAME) *sk = sk_X509_NAME_new_null();
    X509_NAME *n = X509_NAME_new();
    unsigned long e;
    int ok = 0;

    if (!TEST_ptr(s) || !TEST_ptr(sess) || !TEST_ptr(sk) || !TEST_ptr(n))
        goto end;
    ERR_clear_error();
    if (!TEST_int_eq(ASN1_STRING_set(s, buf, INT_MAX), 0))
        goto end;
    e = ERR_peek_error();
    if (!TEST_int_eq(ERR_GET_LIB(e), ERR_LIB_ASN1)
        || !TEST_int_eq(ERR_GET_REASON(e), ASN1_R_TOO_LARGE))
        goto end;
    ERR_clear_error();
    if (!TEST_ptr_null(OPENSSL_memdup(buf, (size_t)INT_MAX))
        || !TEST_int_eq(SSL_SESSION_set1_master_key(sess, big, 513), 0)
        || !TEST_int_eq(SSL_SESSION_set1_master_key(sess, big, 512), 1))
        goto end;
    if (!TEST_int_eq(sk_X509_NAME_push(sk, n), 1))
        goto end;
    n = NULL;
    if (!TEST_int_eq(sk_X509_NAME_reserve(sk, INT_MAX), 0) || !TEST_int_eq(sk_X509_NAME_reserve(sk, 8), 1))
        goto end;
    ok = 1;
end:
    ERR_clear_error();
    ASN1_STRING_free(s);
    SSL_SESSION_free(sess);
    sk_X509_NAME_pop_free(sk, X509_NAME_free);
    X509_NAME_free(n);
    return ok;
}

int main(void)
{
    RUN_TEST(test_method_refuses_role);
    RUN_TEST(test_want_after_shutdown);
    RUN_TEST(test_no_bio);
    RUN_TEST(test_file_first);
    RUN_TEST(test_host_names);
    RUN_TEST(test_null_objects);
    RUN_TEST(test_size_limits);
    return tu_finish();
}
