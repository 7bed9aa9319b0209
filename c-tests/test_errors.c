/*
 * Error reporting: calls with no role, SSL_get_error's decision order,
 * bad lengths, zero-length writes, SSL_get_fd without a BIO, and the ERR
 * queue API (formatting, metadata, printing).
 */
#include "testutil.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int test_no_role_handshake(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    BIO *b = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())) || !TEST_ptr(s = SSL_new(ctx))
        || !TEST_ptr(b = BIO_new(BIO_s_mem())))
        goto end;
    SSL_set_bio(s, b, b);
    /* an older entry stays in front: the queue is not cleared */
    ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
    if (!TEST_int_eq(SSL_do_handshake(s), -1) || !TEST_int_eq(SSL_get_error(s, -1), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A00010FUL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000090UL) || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;
    if (!TEST_int_eq(SSL_do_handshake(s), -1) || !TEST_ulong_eq(ERR_get_error(), 0x0A000090UL))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_no_role_io(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    BIO *b = NULL;
    char buf[8];
    size_t n = 77;
    int ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())) || !TEST_ptr(s = SSL_new(ctx))
        || !TEST_ptr(b = BIO_new(BIO_s_mem())))
        goto end;
    SSL_set_bio(s, b, b);
#define NO_ROLE(call, want)                                                           \
    if (!TEST_int_eq((call), (want)) || !TEST_int_eq(SSL_get_error(s, -1), SSL_ERROR_SSL) \
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000114UL) || !TEST_ulong_eq(ERR_get_error(), 0)) \
        goto end;
    NO_ROLE(SSL_read(s, buf, sizeof(buf)), -1);
    NO_ROLE(SSL_peek(s, buf, sizeof(buf)), -1);
    NO_ROLE(SSL_write(s, "x", 1), -1);
    NO_ROLE(SSL_shutdown(s), -1);
    NO_ROLE(SSL_read_ex(s, buf, sizeof(buf), &n), 0);
    NO_ROLE(SSL_peek_ex(s, buf, sizeof(buf), &n), 0);
    NO_ROLE(SSL_write_ex(s, "x", 1, &n), 0);
#undef NO_ROLE
    if (!TEST_size_t_eq(n, 77))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

/* Role set but no BIO at all: SYSCALL, queue empty, state TWCH. */
static int test_role_no_bio(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_client_method())) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_connect(s), -1) || !TEST_int_eq(SSL_get_error(s, -1), SSL_ERROR_SYSCALL)
        || !TEST_ulong_eq(ERR_peek_error(), 0) || !TEST_str_eq(SSL_state_string(s), "TWCH"))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

/* SSL_get_error: ret>0 wins, then the queue (stale entries too), then rwstate. */
static int test_get_error_order(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    int ret = 0;

    if (!create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", NULL, &sctx, &cctx)
        || !create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    /* fresh SSL, empty queue: SYSCALL for 0 and -1 */
    if (!TEST_int_eq(SSL_get_error(c, 0), SSL_ERROR_SYSCALL)
        || !TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_SYSCALL))
        goto end;
    if (!TEST_int_eq(SSL_connect(c), -1) || !TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_WANT_READ))
        goto end;
    /* a stale unrelated entry turns WANT_READ into SSL */
    ERR_raise(ERR_LIB_X509, 1);
    if (!TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_SSL)
        || !TEST_int_eq(SSL_get_error(c, 1), SSL_ERROR_NONE))
        goto end;
    ERR_clear_error();
    /* a system error entry gives SYSCALL */
    ERR_raise(ERR_LIB_SYS, ECONNRESET);
    if (!TEST_int_eq(ERR_GET_LIB(ERR_peek_error()), ERR_LIB_SYS)
        || !TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_SYSCALL))
        goto end;
    ERR_clear_error();
    if (!TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_WANT_READ))
        goto end;
    /* handshake entry clears the thread's queue (any SSL object) */
    ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
    if (!TEST_int_eq(SSL_accept(s), -1) || !TEST_ulong_eq(ERR_peek_error(), 0)
        || !TEST_int_eq(SSL_get_error(s, -1), SSL_ERROR_WANT_READ))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Negative lengths and zero-length writes on an established connection. */
static int test_lengths(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    char buf[8];
    size_t w = 99;
    int ret = 0;

    if (!create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", NULL, &sctx, &cctx)
        || !create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !create_ssl_connection(s, c))
        goto end;
    if (!TEST_int_eq(SSL_write(c, "abc", -1), -1)
        || !TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A00010FUL) || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;
    if (!TEST_int_eq(SSL_read(s, buf, -5), -1) || !TEST_int_eq(SSL_get_error(s, -1), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A00010FUL))
        goto end;
    if (!TEST_int_eq(SSL_peek(s, buf, -5), -1) || !TEST_ulong_eq(ERR_get_error(), 0x0A00010FUL))
        goto end;
    /* SSL_write 0: returns 0, SYSCALL, nothing queued; _ex: 1, written 0 */
    if (!TEST_int_eq(SSL_write(c, "abc", 0), 0)
        || !TEST_int_eq(SSL_get_error(c, 0), SSL_ERROR_SYSCALL)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    if (!TEST_int_eq(SSL_write_ex(c, "abc", 0, &w), 1) || !TEST_size_t_eq(w, 0))
        goto end;
    /* nothing went on the wire: the server has nothing to read */
    if (!TEST_int_eq(SSL_read(s, buf, sizeof(buf)), -1)
        || !TEST_int_eq(SSL_get_error(s, -1), SSL_ERROR_WANT_READ))
        goto end;
    /* SSL_read with num 0 and nothing available: WANT_READ */
    if (!TEST_int_eq(SSL_read(s, buf, 0), -1)
        || !TEST_int_eq(SSL_get_error(s, -1), SSL_ERROR_WANT_READ))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* SSL_get_fd with no BIO: -1 and a BIO "passed a null parameter" entry. */
static int test_get_fd_no_bio(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    BIO *m = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_client_method())) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_get_fd(s), -1) || !TEST_ulong_eq(ERR_get_error(), 0x100C0102UL)
        || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;
    if (!TEST_int_eq(SSL_get_rfd(s), -1) || !TEST_ulong_eq(ERR_get_error(), 0x100C0102UL))
        goto end;
    if (!TEST_int_eq(SSL_get_wfd(s), -1) || !TEST_ulong_eq(ERR_get_error(), 0x100C0102UL))
        goto end;
    /* a memory BIO is not a descriptor BIO: -1, nothing queued */
    if (!TEST_ptr(m = BIO_new(BIO_s_mem())))
        goto end;
    SSL_set_bio(s, m, m);
    if (!TEST_int_eq(SSL_get_fd(s), -1) || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

/* ERR queue: order, peek, formatting, metadata, printing. */
static int test_err_queue_api(void)
{
    char buf[256], small[30];
    const char *file = NULL, *func = NULL, *data = NULL;
    int line = -1, flags = -1, ret = 0;
    unsigned long e;
    BIO *mem = NULL;
    char *p = NULL;
    long plen;
    SSL_CTX *ctx = NULL;

    /* SSL_CTX_new registers the SSL reason strings */
    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())))
        goto end;
    ERR_clear_error();
    if (!TEST_ulong_eq(ERR_get_error(), 0) || !TEST_ulong_eq(ERR_peek_error(), 0)
        || !TEST_ulong_eq(ERR_peek_last_error(), 0))
        goto end;
    ERR_raise(ERR_LIB_SSL, SSL_R_CERTIFICATE_VERIFY_FAILED);
    ERR_raise(ERR_LIB_SSL, SSL_R_UNEXPECTED_EOF_WHILE_READING);
    if (!TEST_ulong_eq(ERR_peek_error(), 0x0A000086UL)
        || !TEST_ulong_eq(ERR_peek_last_error(), 0x0A000126UL))
        goto end;
    e = ERR_get_error_all(&file, &line, &func, &data, &flags);
    if (!TEST_ulong_eq(e, 0x0A000086UL) || !TEST_int_eq(ERR_GET_LIB(e), ERR_LIB_SSL)
        || !TEST_int_eq(ERR_GET_REASON(e), SSL_R_CERTIFICATE_VERIFY_FAILED)
        || !TEST_ptr(file) || !TEST_true(strstr(file, "test_errors.c") != NULL)
        || !TEST_int_gt(line, 0) || !TEST_ptr(func) || !TEST_str_eq(func, "test_err_queue_api")
        || !TEST_ptr(data) || !TEST_str_eq(data, "") || !TEST_int_eq(flags & ERR_TXT_STRING, 0))
        goto end;
    if (!TEST_ulong_eq(ERR_get_error(), 0x0A000126UL) || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;

    /* string formatting */
    ERR_error_string_n(0x0A000086UL, buf, sizeof(buf));
    if (!TEST_str_eq(buf, "error:0A000086:SSL routines::certificate verify failed"))
        goto end;
    if (!TEST_str_eq(ERR_error_string(0x0A000126UL, NULL),
                     "error:0A000126:SSL routines::unexpected eof while reading"))
        goto end;
    ERR_error_string_n(0x0A000086UL, small, sizeof(small));
    if (!TEST_str_eq(small, "err:a000086:14:0:86"))
        goto end;
    ERR_error_string_n(0x0A000086UL, buf, 10);
    if (!TEST_int_eq(strlen(buf), 9))
        goto end;
    ERR_error_string_n(0x80000068UL, buf, sizeof(buf));
    if (!TEST_str_eq(buf, "error:80000068:system library::Connection reset by peer"))
        goto end;
    ERR_error_string_n(0x0A7FFFF0UL, buf, sizeof(buf));
    if (!TEST_str_eq(buf, "error:0A7FFFF0:SSL routines::reason(8388592)"))
        goto end;
    ERR_error_string_n(0x7F000001UL, buf, sizeof(buf));
    if (!TEST_str_eq(buf, "error:7F000001:lib(254)::reason(1)"))
        goto end;
    if (!TEST_str_eq(ERR_lib_error_string(0x0A000086UL), "SSL routines")
        || !TEST_str_eq(ERR_reason_error_string(0x0A000086UL), "certificate verify failed")
        || !TEST_str_eq(ERR_reason_error_string(0x0A00042EUL), "tlsv1 alert protocol version")
        || !TEST_str_eq(ERR_reason_error_string(0x0A000418UL), "tlsv1 alert unknown ca")
        || !TEST_ptr_null(ERR_reason_error_string(0x0A7FFFF0UL))
        || !TEST_str_eq(ERR_lib_error_string(0x100C0102UL), "BIO routines")
        || !TEST_str_eq(ERR_reason_error_string(0x100C0102UL), "passed a null parameter"))
        goto end;

    /* ERR_func_error_string is deprecated in 3.0 and always NULL */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    if (!TEST_ptr_null(ERR_func_error_string(0x0A000086UL)))
        goto end;
#pragma GCC diagnostic pop

    /* ERR_print_errors: one line per entry, queue emptied */
    if (!TEST_ptr(mem = BIO_new(BIO_s_mem())))
        goto end;
    ERR_raise(ERR_LIB_SSL, SSL_R_WRONG_VERSION_NUMBER);
    ERR_raise(ERR_LIB_SSL, SSL_R_HTTP_REQUEST);
    ERR_print_errors(mem);
    if (!TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    plen = BIO_get_mem_data(mem, &p);
    if (!TEST_int_gt(plen, 0) || !TEST_int_eq(p[plen - 1], '\n'))
        goto end;
    {
        char text[1024];
        char *l1, *l2, *nl;
        size_t n = (size_t)plen < sizeof(text) - 1 ? (size_t)plen : sizeof(text) - 1;

        memcpy(text, p, n);
        text[n] = '\0';
        l1 = text;
        nl = strchr(l1, '\n');
        if (!TEST_ptr(nl))
            goto end;
        *nl = '\0';
        l2 = nl + 1;
        /* <thread-id>:error:<CODE>:<lib>:<func>:<reason>:<file>:<line>:<data> */
        if (!TEST_ptr(strstr(l1, ":error:0A00010B:SSL routines:test_err_queue_api:wrong version number:"))
            || !TEST_ptr(strstr(l1, "test_errors.c:"))
            || !TEST_ptr(strstr(l2, ":error:0A00009C:SSL routines:test_err_queue_api:http request:"))
            || !TEST_int_eq(l1[strlen(l1) - 1], ':'))
            goto end;
    }
    ret = 1;
end:
    BIO_free(mem);
    SSL_CTX_free(ctx);
    return ret;
}

int main(void)
{
    RUN_TEST(test_no_role_handshake);
    RUN_TEST(test_no_role_io);
    RUN_TEST(test_role_no_bio);
    RUN_TEST(test_get_error_order);
    RUN_TEST(test_lengths);
    RUN_TEST(test_get_fd_no_bio);
    RUN_TEST(test_err_queue_api);
    return tu_finish();
}
