/*
 * Application data over an in-memory BIO pair: large transfers, partial
 * writes and the write-retry rules, SSL_pending/SSL_has_pending, the
 * SSL_shutdown sequence, close_notify vs unexpected EOF.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#define MIB (1024 * 1024)

static int connected_pair(int version, SSL_CTX **sctx, SSL_CTX **cctx, SSL **s, SSL **c,
                          BIO **cbio, BIO **sbio)
{
    return create_ssl_ctx_pair(version, version, "server-ec.pem", "server-ec.key", NULL, sctx,
                               cctx)
           && create_ssl_objects(*sctx, *cctx, s, c, cbio, sbio) && create_ssl_connection(*s, *c);
}

static unsigned char *pattern(size_t len)
{
    unsigned char *b = malloc(len);
    size_t i;

    if (b != NULL)
        for (i = 0; i < len; i++)
            b[i] = (unsigned char)(i * 7 + (i >> 8));
    return b;
}

/*
 * 1 MiB by default. SSLRS_TEST_TRANSFER=<bytes> shrinks the 1-byte-write
 * cases (a million SSL_write calls take minutes under valgrind).
 */
static size_t small_write_total(void)
{
    const char *e = getenv("SSLRS_TEST_TRANSFER");
    long v = e != NULL ? atol(e) : 0;

    return v > 0 && v <= MIB ? (size_t)v : MIB;
}

static int transfer_case(size_t chunk, int partial)
{
    size_t total = chunk == 1 ? small_write_total() : MIB;
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    unsigned char *buf = NULL;
    int ret = 0;

    if (!connected_pair(0, &sctx, &cctx, &s, &c, NULL, NULL) || !TEST_ptr(buf = pattern(MIB)))
        goto end;
    if (partial) {
        if (!TEST_true(SSL_set_mode(c, SSL_MODE_ENABLE_PARTIAL_WRITE) & SSL_MODE_ENABLE_PARTIAL_WRITE))
            goto end;
    }
    /* both directions for the big writes; client to server for 1-byte writes */
    if (!transfer(c, s, buf, total, chunk) || (chunk > 1 && !transfer(s, c, buf, total, chunk)))
        goto end;
    ret = 1;
end:
    free(buf);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_transfer_1byte(void) { return transfer_case(1, 0); }
static int test_transfer_1byte_partial(void) { return transfer_case(1, 1); }
static int test_transfer_16k(void) { return transfer_case(16384, 0); }
static int test_transfer_16k_partial(void) { return transfer_case(16384, 1); }
static int test_transfer_100k(void) { return transfer_case(100000, 0); }

/* Reads every complete record waiting for `s`; returns bytes read. */
static int drain(SSL *s)
{
    static unsigned char sink[16384];
    int total = 0, r;

    while ((r = SSL_read(s, sink, sizeof(sink))) > 0)
        total += r;
    if (SSL_get_error(s, r) != SSL_ERROR_WANT_READ)
        return -1;
    return total;
}

/* Partial writes and the WANT_WRITE retry rules on a full BIO pair. */
static int test_partial_write(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    BIO *cbio = NULL;
    unsigned char *buf = NULL;
    int ret = 0, r, got = 0, i;

    if (!connected_pair(0, &sctx, &cctx, &s, &c, &cbio, NULL) || !TEST_ptr(buf = pattern(100000)))
        goto end;
    /* default mode is AUTO_RETRY only */
    if (!TEST_ulong_eq(SSL_get_mode(c), SSL_MODE_AUTO_RETRY))
        goto end;
    if (!TEST_ulong_eq(SSL_set_mode(c, SSL_MODE_ENABLE_PARTIAL_WRITE),
                       SSL_MODE_AUTO_RETRY | SSL_MODE_ENABLE_PARTIAL_WRITE))
        goto end;
    if (!TEST_int_eq(SSL_write(c, buf, 100000), 16384))
        goto end;
    /* the pair now holds one full record: the next write blocks */
    r = SSL_write(c, buf + 16384, 100000 - 16384);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_WANT_WRITE)
        || !TEST_true(SSL_want_write(c)) || !TEST_true(BIO_should_write(cbio))
        || !TEST_true(BIO_should_retry(cbio)) || !TEST_int_eq(BIO_ctrl_get_write_guarantee(cbio), 0))
        goto end;
    if (!TEST_int_eq(drain(s), 16384))
        goto end;
    /*
     * Measured: once a partial-write call has hit WANT_WRITE, each retry
     * flushes the pending record and starts the next one, so on a pair that
     * holds one record it keeps returning WANT_WRITE and finally returns the
     * whole remainder (83616), not 16384.
     */
    got = 16384;
    for (i = 0; i < 20; i++) {
        r = SSL_write(c, buf + 16384, 100000 - 16384);
        if (r > 0)
            break;
        if (!TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_WANT_WRITE))
            goto end;
        got += drain(s);
    }
    if (!TEST_int_eq(r, 100000 - 16384) || !TEST_int_eq(i, 4))
        goto end;
    got += drain(s);
    if (!TEST_int_eq(got, 100000))
        goto end;
    /* with room in the pair again, each call returns one record */
    if (!TEST_int_eq(SSL_write(c, buf, 100000), 16384) || !TEST_int_eq(drain(s), 16384))
        goto end;
    if (!TEST_ulong_eq(SSL_clear_mode(c, SSL_MODE_ENABLE_PARTIAL_WRITE), SSL_MODE_AUTO_RETRY))
        goto end;
    /* without partial write: WANT_WRITE until all 100000 went out */
    for (i = 0; i < 20; i++) {
        r = SSL_write(c, buf, 100000);
        if (r > 0)
            break;
        if (!TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_WANT_WRITE) || !TEST_int_gt(drain(s), 0))
            goto end;
    }
    if (!TEST_int_eq(r, 100000) || !TEST_int_gt(i, 0))
        goto end;
    ret = 1;
end:
    free(buf);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* After WANT_WRITE: shorter retry -> 0A00010F, moved buffer -> 0A00007F (fatal). */
static int retry_case(int shorter, int moving_mode)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    unsigned char *buf = NULL, *copy = NULL;
    int ret = 0, r;

    if (!connected_pair(0, &sctx, &cctx, &s, &c, NULL, NULL) || !TEST_ptr(buf = pattern(100000))
        || !TEST_ptr(copy = pattern(100000)))
        goto end;
    if (moving_mode)
        SSL_set_mode(c, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    r = SSL_write(c, buf, 100000);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_WANT_WRITE)
        || !TEST_int_gt(drain(s), 0))
        goto end;
    if (shorter) {
        r = SSL_write(c, buf, 10);
        if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
            || !TEST_ulong_eq(ERR_get_error(), 0x0A00010FUL))
            goto end;
    } else if (!moving_mode) {
        r = SSL_write(c, copy, 100000);
        if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
            || !TEST_ulong_eq(ERR_get_error(), 0x0A00007FUL))
            goto end;
    } else {
        int i;
        for (i = 0; i < 20; i++) {
            r = SSL_write(c, copy, 100000);
            if (r > 0 || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_WANT_WRITE)
                || !TEST_int_gt(drain(s), 0))
                break;
        }
        if (!TEST_int_eq(r, 100000))
            goto end;
    }
    ret = 1;
end:
    free(buf);
    free(copy);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_retry_shorter(void) { return retry_case(1, 0); }
static int test_retry_moved_buffer(void) { return retry_case(0, 0); }
static int test_retry_moving_mode(void) { return retry_case(0, 1); }

/* SSL_pending / SSL_has_pending / SSL_peek (contract 4.4). */
static int test_pending(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    char buf[100];
    size_t n = 0;
    int ret = 0;

    if (!connected_pair(0, &sctx, &cctx, &s, &c, NULL, NULL))
        goto end;
    if (!TEST_int_eq(SSL_pending(s), 0) || !TEST_int_eq(SSL_has_pending(s), 0)
        || !TEST_int_eq(SSL_write(c, "hello world", 11), 11))
        goto end;
    /* record still in the BIO: not counted */
    if (!TEST_int_eq(SSL_pending(s), 0) || !TEST_int_eq(SSL_has_pending(s), 0))
        goto end;
    if (!TEST_int_eq(SSL_peek(s, buf, 5), 5) || !TEST_mem_eq(buf, 5, "hello", 5)
        || !TEST_int_eq(SSL_pending(s), 11) || !TEST_int_eq(SSL_has_pending(s), 1))
        goto end;
    if (!TEST_int_eq(SSL_read(s, buf, 5), 5) || !TEST_mem_eq(buf, 5, "hello", 5)
        || !TEST_int_eq(SSL_pending(s), 6) || !TEST_int_eq(SSL_has_pending(s), 1))
        goto end;
    if (!TEST_int_eq(SSL_peek_ex(s, buf, sizeof(buf), &n), 1) || !TEST_size_t_eq(n, 6)
        || !TEST_int_eq(SSL_read_ex(s, buf, sizeof(buf), &n), 1) || !TEST_size_t_eq(n, 6)
        || !TEST_mem_eq(buf, 6, " world", 6) || !TEST_int_eq(SSL_pending(s), 0)
        || !TEST_int_eq(SSL_has_pending(s), 0))
        goto end;
    /* two records: one SSL_read returns only the first */
    if (!TEST_int_eq(SSL_write(c, "abcd", 4), 4) || !TEST_int_eq(SSL_write(c, "efgh", 4), 4)
        || !TEST_int_eq(SSL_read(s, buf, sizeof(buf)), 4) || !TEST_mem_eq(buf, 4, "abcd", 4)
        || !TEST_int_eq(SSL_pending(s), 0) || !TEST_int_eq(SSL_has_pending(s), 0)
        || !TEST_int_eq(SSL_read(s, buf, sizeof(buf)), 4) || !TEST_mem_eq(buf, 4, "efgh", 4))
        goto end;
    /* nothing left: WANT_READ, _ex leaves readbytes alone */
    n = 1234;
    if (!TEST_int_eq(SSL_read_ex(s, buf, sizeof(buf), &n), 0)
        || !TEST_int_eq(SSL_get_error(s, 0), SSL_ERROR_WANT_READ) || !TEST_size_t_eq(n, 1234))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Contract 5.3: client shuts down first, all 8 steps. */
static int test_shutdown_sequence(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    char buf[16];
    int ret = 0, r;

    if (!connected_pair(TLS1_3_VERSION, &sctx, &cctx, &s, &c, NULL, NULL))
        goto end;
    /* 1 */
    if (!TEST_int_eq(SSL_shutdown(c), 0) || !TEST_int_eq(SSL_get_error(c, 0), SSL_ERROR_SYSCALL)
        || !TEST_int_eq(SSL_get_shutdown(c), SSL_SENT_SHUTDOWN))
        goto end;
    /* 2 */
    r = SSL_shutdown(c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_WANT_READ)
        || !TEST_int_eq(SSL_get_shutdown(c), SSL_SENT_SHUTDOWN))
        goto end;
    /* 3 */
    r = SSL_write(c, "x", 1);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A0000CFUL) || !TEST_int_eq(SSL_get_shutdown(c), 1))
        goto end;
    /* 4, 5 */
    r = SSL_read(s, buf, sizeof(buf));
    if (!TEST_int_eq(r, 0) || !TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_ZERO_RETURN)
        || !TEST_int_eq(SSL_get_shutdown(s), SSL_RECEIVED_SHUTDOWN))
        goto end;
    r = SSL_read(s, buf, sizeof(buf));
    if (!TEST_int_eq(r, 0) || !TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_ZERO_RETURN)
        || !TEST_int_eq(SSL_get_shutdown(s), SSL_RECEIVED_SHUTDOWN))
        goto end;
    /* 6: half-close, the server may still write */
    r = SSL_write(s, "late", 4);
    if (!TEST_int_eq(r, 4) || !TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_NONE))
        goto end;
    /* 7 */
    r = SSL_shutdown(s);
    if (!TEST_int_eq(r, 1) || !TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_NONE)
        || !TEST_int_eq(SSL_get_shutdown(s), SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN))
        goto end;
    /* 8: data after our close_notify is fatal */
    r = SSL_shutdown(c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000123UL) || !TEST_int_eq(SSL_get_shutdown(c), 1))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Clean bidirectional shutdown; quiet shutdown; shutdown flags setter. */
static int test_shutdown_clean(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    char buf[16];
    int ret = 0, r;

    if (!connected_pair(TLS1_2_VERSION, &sctx, &cctx, &s, &c, NULL, NULL))
        goto end;
    if (!TEST_int_eq(SSL_write(s, "data", 4), 4) || !TEST_int_eq(SSL_shutdown(s), 0))
        goto end;
    if (!TEST_int_eq(SSL_read(c, buf, sizeof(buf)), 4))
        goto end;
    r = SSL_read(c, buf, sizeof(buf));
    if (!TEST_int_eq(r, 0) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_ZERO_RETURN)
        || !TEST_int_eq(SSL_shutdown(c), 1) || !TEST_int_eq(SSL_shutdown(s), 1)
        || !TEST_int_eq(SSL_get_shutdown(s), 3))
        goto end;
    SSL_set_shutdown(s, SSL_SENT_SHUTDOWN);
    if (!TEST_int_eq(SSL_get_shutdown(s), SSL_SENT_SHUTDOWN))
        goto end;
    SSL_free(c);
    SSL_free(s);
    c = s = NULL;
    /* quiet shutdown: both flags, nothing sent, returns 1 */
    SSL_CTX_set_quiet_shutdown(cctx, 1);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !create_ssl_connection(s, c))
        goto end;
    if (!TEST_int_eq(SSL_shutdown(c), 1) || !TEST_int_eq(SSL_get_shutdown(c), 3))
        goto end;
    r = SSL_read(s, buf, sizeof(buf));
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_WANT_READ))
        goto end;
    SSL_set_quiet_shutdown(s, 1);
    if (!TEST_int_eq(SSL_shutdown(s), 1))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Peer shuts its pair half for writing without close_notify. */
static int eof_case(int ignore)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    BIO *cbio = NULL;
    char buf[16];
    int ret = 0, r;

    if (!connected_pair(0, &sctx, &cctx, &s, &c, &cbio, NULL))
        goto end;
    if (ignore
        && !TEST_true(SSL_CTX_set_options(sctx, SSL_OP_IGNORE_UNEXPECTED_EOF)
                      & SSL_OP_IGNORE_UNEXPECTED_EOF))
        goto end;
    if (ignore)
        SSL_set_options(s, SSL_OP_IGNORE_UNEXPECTED_EOF);
    if (!TEST_int_eq(SSL_write(c, "bye", 3), 3) || !TEST_int_eq(BIO_shutdown_wr(cbio), 1))
        goto end;
    if (!TEST_int_eq(SSL_read(s, buf, sizeof(buf)), 3))
        goto end;
    r = SSL_read(s, buf, sizeof(buf));
    if (!TEST_int_eq(r, 0))
        goto end;
    if (ignore) {
        if (!TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_ZERO_RETURN)
            || !TEST_ulong_eq(ERR_peek_error(), 0)
            || !TEST_int_eq(SSL_get_shutdown(s), SSL_RECEIVED_SHUTDOWN)
            || !TEST_int_eq(SSL_shutdown(s), 1))
            goto end;
    } else {
        if (!TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_SSL)
            || !TEST_ulong_eq(ERR_get_error(), 0x0A000126UL) || !TEST_ulong_eq(ERR_get_error(), 0))
            goto end;
        /* fatal and local: SYSCALL with an empty queue from now on */
        r = SSL_read(s, buf, sizeof(buf));
        if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_SYSCALL)
            || !TEST_ulong_eq(ERR_peek_error(), 0))
            goto end;
        r = SSL_write(s, "x", 1);
        if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_SYSCALL))
            goto end;
        if (!TEST_int_eq(SSL_shutdown(s), -1) || !TEST_ulong_eq(ERR_get_error(), 0x0A000197UL))
            goto end;
    }
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_unexpected_eof(void) { return eof_case(0); }
static int test_unexpected_eof_ignored(void) { return eof_case(1); }

/* Memory BIOs: empty rbio is WANT_READ; with eof-return 0 it is EOF. */
static int test_mem_bio_eof(void)
{
    SSL_CTX *ctx = NULL;
    SSL *c = NULL;
    BIO *rb = NULL, *wb = NULL;
    int ret = 0, r;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_client_method())) || !TEST_ptr(c = SSL_new(ctx))
        || !TEST_ptr(rb = BIO_new(BIO_s_mem())) || !TEST_ptr(wb = BIO_new(BIO_s_mem())))
        goto end;
    SSL_set_bio(c, rb, wb);
    r = SSL_connect(c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_WANT_READ)
        || !TEST_int_gt(BIO_ctrl_pending(wb), 0) || !TEST_int_eq(BIO_ctrl_wpending(wb), 0))
        goto end;
    BIO_set_mem_eof_return(rb, 0);
    r = SSL_connect(c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000126UL))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_CTX_free(ctx);
    return ret;
}

int main(void)
{
    RUN_TEST(test_transfer_1byte);
    RUN_TEST(test_transfer_1byte_partial);
    RUN_TEST(test_transfer_16k);
    RUN_TEST(test_transfer_16k_partial);
    RUN_TEST(test_transfer_100k);
    RUN_TEST(test_partial_write);
    RUN_TEST(test_retry_shorter);
    RUN_TEST(test_retry_moved_buffer);
    RUN_TEST(test_retry_moving_mode);
    RUN_TEST(test_pending);
    RUN_TEST(test_shutdown_sequence);
    RUN_TEST(test_shutdown_clean);
    RUN_TEST(test_unexpected_eof);
    RUN_TEST(test_unexpected_eof_ignored);
    RUN_TEST(test_mem_bio_eof);
    return tu_finish();
}
