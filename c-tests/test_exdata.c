/* ex_data and app_data of SSL and SSL_CTX: index numbering, set/get, new/free callbacks
 * (order, arguments), measured against OpenSSL 3.0. */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static char trace[1024];

static void note(const char *fmt, int a, int b, long c, const char *d)
{
    char line[128];
    snprintf(line, sizeof(line), fmt, a, b, c, d);
    strncat(trace, line, sizeof(trace) - strlen(trace) - 1);
}

static void new_cb(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    (void)argp;
    (void)ad;
    note("new(%d,%d,%ld%s) ", parent != NULL, idx, argl, ptr == NULL ? "" : ",ptr");
}

static void free_cb(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    (void)argp;
    /* The data pointer handed to the callback reads the same value back. */
    if (ad != NULL && CRYPTO_get_ex_data(ad, idx) != ptr)
        note("BAD(%d,%d,%ld%s) ", 0, idx, argl, "");
    note("free(%d,%d,%ld,%s) ", parent != NULL, idx, argl, ptr == NULL ? "-" : (char *)ptr);
}

static int test_exdata(void)
{
    int ok = 0;
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    static int ssl_a = -2, ssl_b = -2, ctx_a = -2, sess_a = -2, bad = -2;

    if (ssl_a == -2) {
        /* Indexes count per class from 1; 0 is the app_data slot. */
        ssl_a = SSL_get_ex_new_index(7, NULL, new_cb, NULL, free_cb);
        ssl_b = SSL_get_ex_new_index(8, NULL, NULL, NULL, free_cb);
        ctx_a = SSL_CTX_get_ex_new_index(9, NULL, new_cb, NULL, free_cb);
        sess_a = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_SESSION, 0, NULL, NULL, NULL, NULL);
        ERR_clear_error();
        bad = CRYPTO_get_ex_new_index(99, 0, NULL, NULL, NULL, NULL);
    }
    if (!TEST_int_eq(ssl_a, 1) || !TEST_int_eq(ssl_b, 2) || !TEST_int_eq(ctx_a, 1)
        || !TEST_int_eq(sess_a, 1) || !TEST_int_eq(bad, -1)
        || !TEST_int_eq(ERR_GET_REASON(ERR_peek_error()), ERR_R_PASSED_INVALID_ARGUMENT))
        goto end;
    ERR_clear_error();
    trace[0] = '\0';
    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    if (!TEST_str_eq(trace, "new(1,1,9) new(1,1,7) "))
        goto end;
    if (!TEST_ptr_null(SSL_get_ex_data(s, ssl_a)) || !TEST_int_eq(SSL_set_ex_data(s, ssl_a, "A"), 1)
        || !TEST_str_eq(SSL_get_ex_data(s, ssl_a), "A")
        || !TEST_int_eq(SSL_set_ex_data(s, ssl_b, "B"), 1)
        || !TEST_int_eq(SSL_set_ex_data(s, 50, "X"), 1) || !TEST_str_eq(SSL_get_ex_data(s, 50), "X")
        || !TEST_ptr_null(SSL_get_app_data(s)))
        goto end;
    /* A negative index fails with two ERR_R_PASSED_INVALID_ARGUMENT entries. */
    if (!TEST_ulong_eq(ERR_peek_error(), 0) || !TEST_int_eq(SSL_set_ex_data(s, -1, "Y"), 0)
        || !TEST_ptr_null(SSL_get_ex_data(s, -1))
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), ERR_R_PASSED_INVALID_ARGUMENT)
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), ERR_R_PASSED_INVALID_ARGUMENT)
        || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;
    SSL_set_app_data(s, "APP");
    if (!TEST_str_eq(SSL_get_app_data(s), "APP") || !TEST_str_eq(SSL_get_ex_data(s, 0), "APP"))
        goto end;
    if (!TEST_int_eq(SSL_CTX_set_app_data(ctx, "CAPP"), 1)
        || !TEST_str_eq(SSL_CTX_get_app_data(ctx), "CAPP")
        || !TEST_int_eq(SSL_CTX_set_ex_data(ctx, ctx_a, "C"), 1)
        || !TEST_str_eq(SSL_CTX_get_ex_data(ctx, ctx_a), "C")
        || !TEST_ptr_null(SSL_CTX_get_ex_data(ctx, 5)))
        goto end;
    /* No error entries from any of the rest. */
    if (!TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    trace[0] = '\0';
    SSL_free(s);
    s = NULL;
    if (!TEST_str_eq(trace, "free(1,1,7,A) free(1,2,8,B) "))
        goto end;
    trace[0] = '\0';
    SSL_CTX_free(ctx);
    ctx = NULL;
    if (!TEST_str_eq(trace, "free(1,1,9,C) "))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* SSL_SESSION ex_data: set/get, app data, the free callback when the last reference goes. */
static int test_session_exdata(void)
{
    static int idx = -2;
    SSL_SESSION *sess = NULL;
    int ok = 0;

    if (idx == -2)
        idx = SSL_SESSION_get_ex_new_index(5, NULL, NULL, NULL, free_cb);
    if (!TEST_int_ge(idx, 1) || !TEST_ptr(sess = SSL_SESSION_new()))
        goto end;
    trace[0] = '\0';
    if (!TEST_ptr_null(SSL_SESSION_get_ex_data(sess, idx))
        || !TEST_int_eq(SSL_SESSION_set_ex_data(sess, idx, "S"), 1)
        || !TEST_str_eq(SSL_SESSION_get_ex_data(sess, idx), "S")
        || !TEST_int_eq(SSL_SESSION_set_app_data(sess, "SAPP"), 1)
        || !TEST_str_eq(SSL_SESSION_get_app_data(sess), "SAPP")
        || !TEST_int_eq(SSL_SESSION_up_ref(sess), 1))
        goto end;
    SSL_SESSION_free(sess);
    if (!TEST_str_eq(trace, ""))
        goto end;
    SSL_SESSION_free(sess);
    sess = NULL;
    /* index 2: test_exdata registered index 1 of the session class before */
    if (!TEST_int_eq(idx, 2) || !TEST_str_eq(trace, "free(1,2,5,S) "))
        goto end;
    ok = 1;
end:
    SSL_SESSION_free(sess);
    return ok;
}

int main(void)
{
    RUN_TEST(test_exdata);
    RUN_TEST(test_session_exdata);
    return tu_finish();
}
