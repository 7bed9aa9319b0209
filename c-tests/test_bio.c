/*
 * BIO behaviour libssl users rely on, and SSL's BIO ownership rules
 * (SSL_set_bio table, SSL_set0_rbio/wbio, SSL_set_fd/rfd/wfd). Ownership is
 * checked by identity plus valgrind: every test holds an extra reference on
 * each BIO, uses it after SSL_free (an over-free is an invalid read) and
 * drops it at the end (an under-free is a definite leak).
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static SSL_CTX *g_ctx;

/* Using a BIO after SSL_free proves the SSL did not drop our reference. */
static int still_alive(BIO *b)
{
    return TEST_int_eq(BIO_write(b, "z", 1), 1) && TEST_true(BIO_reset(b) >= 0);
}

static int test_set_bio_same_bio(void)
{
    SSL *s = NULL;
    BIO *b = NULL;
    int ret = 0;

    if (!TEST_ptr(s = SSL_new(g_ctx)) || !TEST_ptr(b = BIO_new(BIO_s_mem()))
        || !TEST_int_eq(BIO_up_ref(b), 1)) /* ours: 1, given to the SSL: 1 */
        goto end;
    SSL_set_bio(s, b, b); /* rule 2: one reference covers both slots */
    if (!TEST_ptr(SSL_get_rbio(s)) || !TEST_true(SSL_get_rbio(s) == b)
        || !TEST_true(SSL_get_wbio(s) == b))
        goto end;
    SSL_set_bio(s, b, b); /* rule 1: nothing changes, no reference taken */
    if (!TEST_true(SSL_get_rbio(s) == b))
        goto end;
    SSL_free(s);
    s = NULL;
    ret = still_alive(b);
end:
    SSL_free(s);
    BIO_free(b);
    return ret;
}

static int test_set_bio_rules_3_4_5(void)
{
    SSL *s = NULL;
    BIO *a = NULL, *w = NULL, *r = NULL, *x = NULL, *y = NULL;
    int ret = 0;

    if (!TEST_ptr(s = SSL_new(g_ctx)) || !TEST_ptr(a = BIO_new(BIO_s_mem()))
        || !TEST_ptr(w = BIO_new(BIO_s_mem())) || !TEST_ptr(r = BIO_new(BIO_s_mem()))
        || !TEST_ptr(x = BIO_new(BIO_s_mem())) || !TEST_ptr(y = BIO_new(BIO_s_mem())))
        goto end;
    /* keep one reference of our own on each */
    BIO_up_ref(a);
    BIO_up_ref(w);
    BIO_up_ref(r);
    BIO_up_ref(x);
    BIO_up_ref(y);
    SSL_set_bio(s, a, a);
    /* rule 3: r == cur_r -> only the write side changes (a loses its wbio ref) */
    SSL_set_bio(s, a, w);
    if (!TEST_true(SSL_get_rbio(s) == a) || !TEST_true(SSL_get_wbio(s) == w))
        goto end;
    /* rule 4: w == cur_w and cur_r != cur_w -> only the read side changes */
    SSL_set_bio(s, r, w);
    if (!TEST_true(SSL_get_rbio(s) == r) || !TEST_true(SSL_get_wbio(s) == w))
        goto end;
    /* rule 5: both new */
    SSL_set_bio(s, x, y);
    if (!TEST_true(SSL_get_rbio(s) == x) || !TEST_true(SSL_get_wbio(s) == y))
        goto end;
    /* the BIOs it let go of are back to our single reference */
    if (!still_alive(a) || !still_alive(w) || !still_alive(r))
        goto end;
    SSL_free(s);
    s = NULL;
    ret = still_alive(x) && still_alive(y);
end:
    SSL_free(s);
    BIO_free(a);
    BIO_free(w);
    BIO_free(r);
    BIO_free(x);
    BIO_free(y);
    return ret;
}

static int test_set0_rbio_wbio(void)
{
    SSL *s = NULL;
    BIO *r1 = NULL, *r2 = NULL, *w1 = NULL;
    int ret = 0;

    if (!TEST_ptr(s = SSL_new(g_ctx)) || !TEST_ptr(r1 = BIO_new(BIO_s_mem()))
        || !TEST_ptr(r2 = BIO_new(BIO_s_mem())) || !TEST_ptr(w1 = BIO_new(BIO_s_mem())))
        goto end;
    BIO_up_ref(r1);
    BIO_up_ref(r2);
    BIO_up_ref(w1);
    SSL_set0_rbio(s, r1);
    SSL_set0_wbio(s, w1);
    if (!TEST_true(SSL_get_rbio(s) == r1) || !TEST_true(SSL_get_wbio(s) == w1))
        goto end;
    SSL_set0_rbio(s, r2); /* frees the SSL's reference to r1 */
    if (!TEST_true(SSL_get_rbio(s) == r2) || !still_alive(r1))
        goto end;
    SSL_set0_rbio(s, NULL);
    if (!TEST_ptr_null(SSL_get_rbio(s)) || !still_alive(r2))
        goto end;
    SSL_free(s);
    s = NULL;
    ret = still_alive(w1);
end:
    SSL_free(s);
    BIO_free(r1);
    BIO_free(r2);
    BIO_free(w1);
    return ret;
}

static int test_set_fd_family(void)
{
    SSL *s = NULL;
    int sv[2] = {-1, -1}, ret = 0;

    if (!TEST_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0) || !TEST_ptr(s = SSL_new(g_ctx)))
        goto end;
    if (!TEST_int_eq(SSL_set_fd(s, sv[0]), 1) || !TEST_int_eq(SSL_get_fd(s), sv[0])
        || !TEST_ptr(SSL_get_rbio(s)) || !TEST_true(SSL_get_rbio(s) == SSL_get_wbio(s)))
        goto end;
    /* rfd + wfd on the same fd share one BIO, different fds give two */
    if (!TEST_int_eq(SSL_set_rfd(s, sv[1]), 1) || !TEST_int_eq(SSL_set_wfd(s, sv[1]), 1)
        || !TEST_true(SSL_get_rbio(s) == SSL_get_wbio(s)) || !TEST_int_eq(SSL_get_rfd(s), sv[1]))
        goto end;
    if (!TEST_int_eq(SSL_set_wfd(s, sv[0]), 1) || !TEST_true(SSL_get_rbio(s) != SSL_get_wbio(s))
        || !TEST_int_eq(SSL_get_rfd(s), sv[1]) || !TEST_int_eq(SSL_get_wfd(s), sv[0]))
        goto end;
    SSL_free(s);
    s = NULL;
    /* BIO_NOCLOSE: the descriptors are still open */
    if (!TEST_int_eq(write(sv[0], "k", 1), 1))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    if (sv[0] >= 0)
        close(sv[0]);
    if (sv[1] >= 0)
        close(sv[1]);
    return ret;
}

static int test_mem_bio(void)
{
    BIO *b = NULL, *ro = NULL;
    char buf[64];
    char *p = NULL;
    size_t n = 0;
    int ret = 0;

    if (!TEST_ptr(b = BIO_new(BIO_s_mem())))
        goto end;
    /* empty: -1 with retry-read (eof-return default -1) */
    if (!TEST_int_eq(BIO_read(b, buf, sizeof(buf)), -1) || !TEST_true(BIO_should_retry(b))
        || !TEST_true(BIO_should_read(b)) || !TEST_false(BIO_should_write(b))
        || !TEST_true(BIO_eof(b)))
        goto end;
    if (!TEST_int_eq(BIO_puts(b, "line one\n"), 9) || !TEST_int_eq(BIO_printf(b, "n=%d\n", 42), 5)
        || !TEST_int_eq(BIO_write(b, "tail", 4), 4) || !TEST_int_eq(BIO_pending(b), 18)
        || !TEST_int_eq(BIO_ctrl_pending(b), 18) || !TEST_int_eq(BIO_wpending(b), 0)
        || !TEST_false(BIO_eof(b)) || !TEST_int_eq(BIO_get_mem_data(b, &p), 18)
        || !TEST_mem_eq(p, 9, "line one\n", 9))
        goto end;
    if (!TEST_int_eq(BIO_gets(b, buf, sizeof(buf)), 9) || !TEST_str_eq(buf, "line one\n")
        || !TEST_int_eq(BIO_read_ex(b, buf, 5, &n), 1) || !TEST_size_t_eq(n, 5)
        || !TEST_mem_eq(buf, 5, "n=42\n", 5) || !TEST_int_eq(BIO_flush(b), 1))
        goto end;
    if (!TEST_int_eq(BIO_write_ex(b, "xy", 2, &n), 1) || !TEST_size_t_eq(n, 2))
        goto end;
    if (!TEST_int_eq(BIO_reset(b), 1) || !TEST_int_eq(BIO_pending(b), 0))
        goto end;
    BIO_set_mem_eof_return(b, 0);
    if (!TEST_int_eq(BIO_read(b, buf, sizeof(buf)), 0) || !TEST_false(BIO_should_retry(b)))
        goto end;
    /* read-only memory buffer */
    if (!TEST_ptr(ro = BIO_new_mem_buf("abcdef", 6)) || !TEST_int_eq(BIO_read(ro, buf, 4), 4)
        || !TEST_int_eq(BIO_pending(ro), 2) || !TEST_int_le(BIO_write(ro, "x", 1), 0))
        goto end;
    ERR_clear_error();
    ret = 1;
end:
    BIO_free(b);
    BIO_vfree(ro);
    return ret;
}

static int test_bio_pair(void)
{
    BIO *a = NULL, *b = NULL;
    char buf[32];
    int ret = 0;

    if (!TEST_int_eq(BIO_new_bio_pair(&a, 0, &b, 0), 1))
        goto end;
    if (!TEST_int_eq(BIO_ctrl_get_write_guarantee(a), 17408)
        || !TEST_int_eq(BIO_read(b, buf, 10), -1) || !TEST_true(BIO_should_read(b))
        || !TEST_int_eq(BIO_ctrl_get_read_request(a), 10))
        goto end;
    if (!TEST_int_eq(BIO_write(a, "0123456789", 10), 10) || !TEST_int_eq(BIO_ctrl_pending(b), 10)
        || !TEST_int_eq(BIO_ctrl_wpending(a), 10) || !TEST_int_eq(BIO_ctrl_get_read_request(a), 0)
        || !TEST_int_eq(BIO_ctrl_get_write_guarantee(a), 17398))
        goto end;
    if (!TEST_int_eq(BIO_read(b, buf, 4), 4) || !TEST_int_eq(BIO_ctrl_pending(b), 6)
        || !TEST_false(BIO_eof(b)))
        goto end;
    if (!TEST_int_eq(BIO_shutdown_wr(a), 1) || !TEST_int_eq(BIO_read(b, buf, sizeof(buf)), 6)
        || !TEST_int_eq(BIO_read(b, buf, sizeof(buf)), 0) || !TEST_true(BIO_eof(b)))
        goto end;
    ret = 1;
end:
    BIO_free(a);
    BIO_free(b);
    return ret;
}

static int test_socket_and_fd_bio(void)
{
    BIO *s = NULL, *f = NULL;
    int sv[2] = {-1, -1}, ret = 0;
    char buf[8];

    if (!TEST_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0))
        goto end;
    if (!TEST_ptr(s = BIO_new_socket(sv[0], BIO_NOCLOSE)) || !TEST_ptr(f = BIO_new_fd(sv[1], BIO_CLOSE)))
        goto end;
    sv[1] = -1; /* owned by f now */
    /* measured: a socket BIO ignores BIO_C_SET_NBIO (returns 0); use fcntl */
    if (!TEST_int_eq(BIO_set_nbio(s, 1), 0) || !TEST_true(set_nonblock(sv[0], 1)))
        goto end;
    if (!TEST_int_eq(BIO_read(s, buf, sizeof(buf)), -1) || !TEST_true(BIO_should_retry(s))
        || !TEST_true(BIO_should_read(s)))
        goto end;
    if (!TEST_int_eq(BIO_write(f, "ping", 4), 4) || !TEST_int_eq(BIO_read(s, buf, sizeof(buf)), 4)
        || !TEST_mem_eq(buf, 4, "ping", 4))
        goto end;
    BIO_set_close(s, BIO_NOCLOSE);
    ret = 1;
end:
    BIO_free(s);
    BIO_free_all(f);
    if (sv[0] >= 0)
        close(sv[0]);
    if (sv[1] >= 0)
        close(sv[1]);
    return ret;
}

int main(void)
{
    g_ctx = SSL_CTX_new(TLS_method());
    if (g_ctx == NULL)
        return 1;
    RUN_TEST(test_set_bio_same_bio);
    RUN_TEST(test_set_bio_rules_3_4_5);
    RUN_TEST(test_set0_rbio_wbio);
    RUN_TEST(test_set_fd_family);
    RUN_TEST(test_mem_bio);
    RUN_TEST(test_bio_pair);
    RUN_TEST(test_socket_and_fd_bio);
    SSL_CTX_free(g_ctx);
    return tu_finish();
}
