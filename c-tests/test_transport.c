/*
 * Transport failures over real loopback TCP (single-threaded: the "peer"
 * is a raw socket driven by the test): FIN and RST in the middle of a
 * handshake, non-TLS bytes instead of a ClientHello or ServerHello.
 */
#include "testutil.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct tcp {
    int lfd, cfd, sfd;
};

static int tcp_open(struct tcp *t)
{
    int port = 0;

    t->lfd = t->cfd = t->sfd = -1;
    return TEST_int_ge(t->lfd = listen_local(&port), 0)
           && TEST_int_ge(t->cfd = connect_local(port), 0)
           && TEST_int_ge(t->sfd = accept(t->lfd, NULL, NULL), 0);
}

static void tcp_close(struct tcp *t)
{
    if (t->cfd >= 0)
        close(t->cfd);
    if (t->sfd >= 0)
        close(t->sfd);
    if (t->lfd >= 0)
        close(t->lfd);
}

static SSL *client_on(SSL_CTX **ctx, int fd, unsigned long opts)
{
    SSL *s = NULL;

    if (!TEST_ptr(*ctx = SSL_CTX_new(TLS_client_method())))
        return NULL;
    if (opts != 0)
        SSL_CTX_set_options(*ctx, opts);
    if (!TEST_ptr(s = SSL_new(*ctx)) || !TEST_int_eq(SSL_set_fd(s, fd), 1)) {
        SSL_free(s);
        return NULL;
    }
    return s;
}

/* Reads one whole TLS record from a raw socket (so closing it sends FIN). */
static int read_record(int fd)
{
    unsigned char b[16384 + 5];
    size_t want = 5, have = 0;

    while (have < want) {
        ssize_t n = read(fd, b + have, want - have);
        if (n <= 0)
            return 0;
        have += (size_t)n;
        if (have == 5 && want == 5)
            want = 5 + (((size_t)b[3] << 8) | b[4]);
    }
    return (int)have;
}

/* Peer sends FIN (before and after reading the ClientHello). */
static int fin_case(int read_hello, unsigned long opts)
{
    struct tcp t;
    SSL_CTX *ctx = NULL;
    SSL *c = NULL;
    int ret = 0, r;

    if (!tcp_open(&t) || !(c = client_on(&ctx, t.cfd, opts)))
        goto end;
    if (read_hello) {
        if (!TEST_true(set_nonblock(t.cfd, 1)))
            goto end;
        r = SSL_connect(c);
        if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_WANT_READ)
            || !TEST_int_eq(errno, EAGAIN) || !TEST_int_gt(read_record(t.sfd), 5)
            || !TEST_true(set_nonblock(t.cfd, 0)))
            goto end;
    }
    if (!TEST_int_eq(shutdown(t.sfd, SHUT_WR), 0))
        goto end;
    r = SSL_connect(c);
    if (!TEST_int_eq(r, -1))
        goto end;
    if (opts & SSL_OP_IGNORE_UNEXPECTED_EOF) {
        if (!TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_ZERO_RETURN)
            || !TEST_ulong_eq(ERR_peek_error(), 0)
            || !TEST_int_eq(SSL_get_shutdown(c), SSL_RECEIVED_SHUTDOWN))
            goto end;
    } else if (!TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
               || !TEST_ulong_eq(ERR_get_error(), 0x0A000126UL)
               || !TEST_ulong_eq(ERR_get_error(), 0)) {
        goto end;
    }
    ret = 1;
end:
    SSL_free(c);
    SSL_CTX_free(ctx);
    tcp_close(&t);
    return ret;
}

static int test_fin_before_hello(void) { return fin_case(0, 0); }
static int test_fin_after_hello(void) { return fin_case(1, 0); }
static int test_fin_ignore_eof(void) { return fin_case(1, SSL_OP_IGNORE_UNEXPECTED_EOF); }

/* Peer reads the ClientHello, then resets the connection. */
static int test_rst_after_hello(void)
{
    struct tcp t;
    SSL_CTX *ctx = NULL;
    SSL *c = NULL;
    struct linger lg = {1, 0};
    int ret = 0, r;

    if (!tcp_open(&t) || !(c = client_on(&ctx, t.cfd, 0)) || !TEST_true(set_nonblock(t.cfd, 1)))
        goto end;
    r = SSL_connect(c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_WANT_READ)
        || !TEST_int_gt(read_record(t.sfd), 5) || !TEST_true(set_nonblock(t.cfd, 0)))
        goto end;
    if (!TEST_int_eq(setsockopt(t.sfd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0))
        goto end;
    close(t.sfd);
    t.sfd = -1;
    r = SSL_connect(c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SYSCALL)
        || !TEST_int_eq(errno, ECONNRESET) || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    /* not an error state: the next call reads EOF */
    r = SSL_connect(c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000126UL))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_CTX_free(ctx);
    tcp_close(&t);
    return ret;
}

/* Peer answers with 3 bytes of a record header, then FIN. */
static int test_partial_header_then_fin(void)
{
    struct tcp t;
    SSL_CTX *ctx = NULL;
    SSL *c = NULL;
    int ret = 0, r;

    if (!tcp_open(&t) || !(c = client_on(&ctx, t.cfd, 0)))
        goto end;
    if (!TEST_int_eq(write(t.sfd, "\x16\x03\x03", 3), 3) || !TEST_int_eq(shutdown(t.sfd, SHUT_WR), 0))
        goto end;
    r = SSL_connect(c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000126UL))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_CTX_free(ctx);
    tcp_close(&t);
    return ret;
}

/* Plain HTTP server instead of TLS. */
static int test_http_response_to_client(void)
{
    static const char resp[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    struct tcp t;
    SSL_CTX *ctx = NULL;
    SSL *c = NULL;
    int ret = 0, r;

    if (!tcp_open(&t) || !(c = client_on(&ctx, t.cfd, 0)))
        goto end;
    if (!TEST_int_eq(write(t.sfd, resp, sizeof(resp) - 1), (int)sizeof(resp) - 1))
        goto end;
    r = SSL_connect(c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A00010BUL) || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_CTX_free(ctx);
    tcp_close(&t);
    return ret;
}

/* Server receives non-TLS bytes (or nothing) instead of a ClientHello. */
static int server_case(const char *bytes, size_t len, int close_first, unsigned long want)
{
    struct tcp t;
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    char b[8];
    int ret = 0, r;

    if (!tcp_open(&t))
        goto end;
    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_server_method()))
        || !TEST_int_eq(SSL_CTX_use_certificate_file(ctx, cert_path("server-ec.pem"), SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server-ec.key"), SSL_FILETYPE_PEM), 1)
        || !TEST_ptr(s = SSL_new(ctx)) || !TEST_int_eq(SSL_set_fd(s, t.sfd), 1))
        goto end;
    if (len > 0 && !TEST_int_eq(write(t.cfd, bytes, len), (int)len))
        goto end;
    if (close_first) {
        close(t.cfd);
        t.cfd = -1;
    }
    r = SSL_accept(s);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(), want) || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;
    /* no alert was sent back */
    if (t.cfd >= 0
        && (!TEST_int_eq(recv(t.cfd, b, sizeof(b), MSG_DONTWAIT), -1)
            || !TEST_int_eq(errno, EAGAIN)))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    tcp_close(&t);
    return ret;
}

static int test_http_request_to_server(void)
{
    static const char req[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
    return server_case(req, sizeof(req) - 1, 0, 0x0A00009CUL)
           && server_case("POST /x HTTP/1.1\r\n\r\n", 20, 0, 0x0A00009CUL);
}

static int test_proxy_request_to_server(void)
{
    return server_case("CONNECT localhost:443 HTTP/1.1\r\n\r\n", 34, 0, 0x0A00009BUL);
}

static int test_garbage_to_server(void)
{
    return server_case("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a", 10, 0, 0x0A00010BUL)
           && server_case("hello there, not tls\n", 21, 0, 0x0A00010BUL);
}

static int test_client_connects_and_closes(void)
{
    return server_case(NULL, 0, 1, 0x0A000126UL);
}

int main(void)
{
    /* as every well-behaved TLS program does: EPIPE instead of death */
    signal(SIGPIPE, SIG_IGN);
    RUN_TEST(test_fin_before_hello);
    RUN_TEST(test_fin_after_hello);
    RUN_TEST(test_fin_ignore_eof);
    RUN_TEST(test_rst_after_hello);
    RUN_TEST(test_partial_header_then_fin);
    RUN_TEST(test_http_response_to_client);
    RUN_TEST(test_http_request_to_server);
    RUN_TEST(test_proxy_request_to_server);
    RUN_TEST(test_garbage_to_server);
    RUN_TEST(test_client_connects_and_closes);
    return tu_finish();
}
