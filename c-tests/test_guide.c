/*
 * Programs written the way OpenSSL's guide and demos teach: BIO_lookup_ex + BIO_socket +
 * BIO_connect + SSL_set_bio clients, BIO_new_ssl_connect + BIO_set_conn_hostname +
 * BIO_do_connect clients, BIO_new_accept + BIO_do_accept + BIO_new_ssl / BIO_set_accept_bios
 * servers; the SSL filter BIO over a BIO pair (retry flags), an application-defined
 * BIO_METHOD as the SSL transport, and the BIO helpers' failure values.
 *
 * Servers run in a thread on 127.0.0.1 with an ephemeral port; every socket has a receive
 * timeout and the whole program an alarm, so no wait is unbounded.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <openssl/crypto.h>
#include "testutil.h"

#define CHECK_ERR(lib_, reason_) \
    (TEST_int_eq(ERR_GET_LIB(ERR_peek_error()), lib_) \
     && TEST_int_eq(ERR_GET_REASON(ERR_get_error()), reason_))

static void set_timeouts(int fd)
{
    struct timeval tv = {20, 0};

    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static SSL_CTX *server_ctx(void)
{
    SSL_CTX *c = SSL_CTX_new(TLS_server_method());

    if (c == NULL
        || SSL_CTX_use_certificate_file(c, cert_path("server-rsa.pem"), SSL_FILETYPE_PEM) != 1
        || SSL_CTX_use_PrivateKey_file(c, cert_path("server-rsa.key"), SSL_FILETYPE_PEM) != 1) {
        SSL_CTX_free(c);
        return NULL;
    }
    return c;
}

static SSL_CTX *client_ctx(void)
{
    SSL_CTX *c = SSL_CTX_new(TLS_client_method());

    if (c == NULL || SSL_CTX_load_verify_locations(c, cert_path("ca-rsa.pem"), NULL) != 1) {
        SSL_CTX_free(c);
        return NULL;
    }
    SSL_CTX_set_verify(c, SSL_VERIFY_PEER, NULL);
    return c;
}

/* ---- the server: accept BIO, one connection ------------------------- */
struct server {
    BIO *abio;      /* bound accept BIO */
    SSL_CTX *ctx;
    int chained;    /* 1: BIO_set_accept_bios did the SSL filter; 0: BIO_new_ssl + BIO_push */
    char line[32];
    int ok;
    pthread_t th;
};

/* Binds an accept BIO on 127.0.0.1:0 (first BIO_do_accept) and reports the port. */
static BIO *bind_accept(char *port, size_t portlen)
{
    BIO *a = BIO_new_accept("127.0.0.1:0");
    int lfd = -1;

    if (!TEST_ptr(a) || !TEST_int_eq(BIO_set_bind_mode(a, BIO_BIND_REUSEADDR), 1)
        || !TEST_ptr_null(BIO_get_accept_port(a)) || !TEST_int_eq(BIO_do_accept(a), 1)
        || !TEST_ptr(BIO_get_accept_port(a)) || !TEST_str_eq(BIO_get_accept_name(a), "127.0.0.1")
        || !TEST_int_ge(BIO_get_fd(a, &lfd), 0)) {
        BIO_free(a);
        return NULL;
    }
    set_timeouts(lfd); /* bounds accept() */
    snprintf(port, portlen, "%s", BIO_get_accept_port(a));
    return a;
}

static void *server_main(void *p)
{
    struct server *s = p;
    BIO *conn = NULL, *sbio = NULL;
    size_t got = 0;
    int fd = -1, n;

    if (BIO_do_accept(s->abio) != 1 || (conn = BIO_pop(s->abio)) == NULL)
        goto end;
    if (s->chained) {
        if (BIO_method_type(conn) != BIO_TYPE_SSL)
            goto end;
        sbio = conn;
    } else {
        if (BIO_method_type(conn) != BIO_TYPE_SOCKET || (sbio = BIO_new_ssl(s->ctx, 0)) == NULL)
            goto end;
        sbio = BIO_push(sbio, conn);
    }
    conn = NULL;
    if (BIO_get_fd(sbio, &fd) < 0)
        goto end;
    set_timeouts(fd);
    if (BIO_do_handshake(sbio) != 1)
        goto end;
    while (got < sizeof(s->line) - 1 && memchr(s->line, '\n', got) == NULL) {
        n = BIO_read(sbio, s->line + got, (int)(sizeof(s->line) - 1 - got));
        if (n <= 0)
            goto end;
        got += (size_t)n;
    }
    if (BIO_puts(sbio, "pong\n") != 5 || BIO_flush(sbio) != 1)
        goto end;
    /* The client's close_notify: BIO_read gives 0. */
    if (BIO_read(sbio, s->line + got, 1) != 0)
        goto end;
    BIO_ssl_shutdown(sbio);
    s->ok = 1;
end:
    if (!s->ok)
        ERR_print_errors_fp(stderr);
    BIO_free_all(conn);
    BIO_free_all(sbio);
    ERR_clear_error();
    return NULL;
}

static int start_server(struct server *s, SSL_CTX *ctx, int chained, char *port, size_t plen)
{
    memset(s, 0, sizeof(*s));
    s->ctx = ctx;
    s->chained = chained;
    if ((s->abio = bind_accept(port, plen)) == NULL)
        return 0;
    if (chained) {
        BIO *tmpl = BIO_new_ssl(ctx, 0);

        if (!TEST_ptr(tmpl) || !TEST_int_eq(BIO_set_accept_bios(s->abio, tmpl), 1)) {
            BIO_free(tmpl);
            return 0;
        }
    }
    return TEST_int_eq(pthread_create(&s->th, NULL, server_main, s), 0);
}

static int finish_server(struct server *s)
{
    pthread_join(s->th, NULL);
    BIO_free_all(s->abio);
    return TEST_true(s->ok) && TEST_str_eq(s->line, "ping\n");
}

/* ---- the guide's blocking client: BIO_lookup_ex + BIO_socket + BIO_connect ---- */
static BIO *create_socket_bio(const char *host, const char *port, int family)
{
    int sock = -1;
    BIO_ADDRINFO *res = NULL;
    const BIO_ADDRINFO *ai;
    BIO *bio;

    if (!BIO_lookup_ex(host, port, BIO_LOOKUP_CLIENT, family, SOCK_STREAM, 0, &res))
        return NULL;
    for (ai = res; ai != NULL; ai = BIO_ADDRINFO_next(ai)) {
        sock = BIO_socket(BIO_ADDRINFO_family(ai), SOCK_STREAM, 0, 0);
        if (sock == -1)
            continue;
        if (!BIO_connect(sock, BIO_ADDRINFO_address(ai), BIO_SOCK_NODELAY)) {
            BIO_closesocket(sock);
            sock = -1;
            continue;
        }
        break;
    }
    BIO_ADDRINFO_free(res);
    if (sock == -1)
        return NULL;
    set_timeouts(sock);
    bio = BIO_new(BIO_s_socket());
    if (bio == NULL) {
        BIO_closesocket(sock);
        return NULL;
    }
    BIO_set_fd(bio, sock, BIO_CLOSE);
    return bio;
}

static int test_guide_blocking_client(void)
{
    SSL_CTX *sctx = server_ctx(), *cctx = client_ctx();
    SSL *ssl = NULL;
    BIO *bio = NULL;
    struct server srv;
    char port[16], buf[32];
    size_t n = 0, w = 0;
    int ret = 0, started = 0;

    if (!TEST_ptr(sctx) || !TEST_ptr(cctx) || !(started = start_server(&srv, sctx, 0, port, 16)))
        goto end;
    if (!TEST_ptr(ssl = SSL_new(cctx)) || !TEST_ptr(bio = create_socket_bio("127.0.0.1", port, AF_UNSPEC)))
        goto end;
    SSL_set_bio(ssl, bio, bio);
    if (!TEST_int_eq(SSL_set_tlsext_host_name(ssl, "localhost"), 1)
        || !TEST_int_eq(SSL_set1_host(ssl, "localhost"), 1) || !TEST_int_eq(SSL_connect(ssl), 1)
        || !TEST_int_eq(SSL_get_verify_result(ssl), X509_V_OK)
        || !TEST_int_eq(SSL_write_ex(ssl, "ping\n", 5, &w), 1) || !TEST_size_t_eq(w, 5))
        goto end;
    while (n < 5) {
        size_t r = 0;

        if (!TEST_int_eq(SSL_read_ex(ssl, buf + n, sizeof(buf) - n, &r), 1))
            goto end;
        n += r;
    }
    if (!TEST_mem_eq(buf, n, "pong\n", 5) || !TEST_int_eq(SSL_shutdown(ssl), 0)
        || !TEST_int_eq(SSL_read_ex(ssl, buf, sizeof(buf), &n), 0)
        || !TEST_int_eq(SSL_get_error(ssl, 0), SSL_ERROR_ZERO_RETURN)
        || !TEST_int_eq(SSL_shutdown(ssl), 1))
        goto end;
    ret = 1;
end:
    SSL_free(ssl); /* frees the socket BIO, which closes the socket */
    if (started)
        ret = finish_server(&srv) && ret;
    else if (srv.abio != NULL)
        BIO_free_all(srv.abio);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* ---- the guide's blocking server (tls-server-block): accept BIO + SSL_set_bio ---- */
static const char cache_id[] = "sslrs guide test";

static void *guide_server_main(void *p)
{
    struct server *s = p;
    BIO *client_bio;
    SSL *ssl = NULL;
    unsigned char buf[64];
    size_t nread, nwritten, got = 0;
    int fd = -1;

    if (BIO_do_accept(s->abio) <= 0 || (client_bio = BIO_pop(s->abio)) == NULL)
        goto end;
    if (BIO_get_fd(client_bio, &fd) >= 0)
        set_timeouts(fd);
    if ((ssl = SSL_new(s->ctx)) == NULL) {
        BIO_free(client_bio);
        goto end;
    }
    SSL_set_bio(ssl, client_bio, client_bio);
    if (SSL_accept(ssl) <= 0)
        goto end;
    while (SSL_read_ex(ssl, buf, sizeof(buf), &nread) > 0) {
        if (got + nread < sizeof(s->line)) {
            memcpy(s->line + got, buf, nread);
            got += nread;
        }
        if (SSL_write_ex(ssl, buf, nread, &nwritten) <= 0 || nwritten != nread)
            goto end;
    }
    s->ok = SSL_get_error(ssl, 0) == SSL_ERROR_ZERO_RETURN;
end:
    if (!s->ok)
        ERR_print_errors_fp(stderr);
    SSL_free(ssl);
    ERR_clear_error();
    return NULL;
}

static int test_guide_blocking_server(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method()), *cctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = NULL;
    BIO *bio = NULL;
    struct server srv;
    char port[16], buf[32];
    size_t n = 0, w = 0;
    int ret = 0, started = 0;

    memset(&srv, 0, sizeof(srv));
    if (!TEST_ptr(sctx) || !TEST_ptr(cctx)
        || !TEST_int_eq(SSL_CTX_set_min_proto_version(sctx, TLS1_2_VERSION), 1))
        goto end;
    SSL_CTX_set_options(sctx, SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_RENEGOTIATION
                                  | SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (!TEST_int_eq(SSL_CTX_use_certificate_chain_file(sctx, cert_path("server-ec-chain.pem")), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server-ec.key"),
                                                    SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_CTX_set_session_id_context(sctx, (const void *)cache_id,
                                                       sizeof(cache_id)), 1))
        goto end;
    SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_cache_size(sctx, 1024);
    SSL_CTX_set_timeout(sctx, 3600);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_NONE, NULL);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!TEST_int_eq(SSL_CTX_load_verify_locations(cctx, cert_path("ca-ec.pem"), NULL), 1)
        || !TEST_ptr(srv.abio = bind_accept(port, 16)))
        goto end;
    srv.ctx = sctx;
    if (!TEST_int_eq(pthread_create(&srv.th, NULL, guide_server_main, &srv), 0))
        goto end;
    started = 1;
    if (!TEST_ptr(ssl = SSL_new(cctx))
        || !TEST_ptr(bio = create_socket_bio("127.0.0.1", port, AF_INET)))
        goto end;
    SSL_set_bio(ssl, bio, bio);
    if (!TEST_int_eq(SSL_set_tlsext_host_name(ssl, "localhost"), 1)
        || !TEST_int_eq(SSL_set1_host(ssl, "localhost"), 1) || !TEST_int_eq(SSL_connect(ssl), 1)
        || !TEST_int_eq(SSL_write_ex(ssl, "ping\n", 5, &w), 1))
        goto end;
    while (n < 5) {
        size_t r = 0;

        if (!TEST_int_eq(SSL_read_ex(ssl, buf + n, sizeof(buf) - n, &r), 1))
            goto end;
        n += r;
    }
    if (!TEST_mem_eq(buf, n, "ping\n", 5) || !TEST_int_eq(SSL_shutdown(ssl), 0))
        goto end;
    ret = 1;
end:
    SSL_free(ssl);
    if (started) {
        pthread_join(srv.th, NULL);
        ret = TEST_true(srv.ok) && TEST_str_eq(srv.line, "ping\n") && ret;
    }
    BIO_free_all(srv.abio);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* ---- BIO_new_ssl_connect + BIO_set_conn_hostname + BIO_do_connect ----- */
static int test_ssl_connect_bio(void)
{
    SSL_CTX *sctx = server_ctx(), *cctx = client_ctx();
    SSL *ssl = NULL;
    BIO *b = NULL, *next;
    struct server srv;
    char port[16], hostport[40], buf[32];
    int ret = 0, started = 0, n = 0, r, fd = -1;

    if (!TEST_ptr(sctx) || !TEST_ptr(cctx) || !(started = start_server(&srv, sctx, 1, port, 16)))
        goto end;
    snprintf(hostport, sizeof(hostport), "127.0.0.1:%s", port);
    if (!TEST_ptr(b = BIO_new_ssl_connect(cctx)) || !TEST_int_eq(BIO_method_type(b), BIO_TYPE_SSL)
        || !TEST_ptr(next = BIO_next(b)) || !TEST_int_eq(BIO_method_type(next), BIO_TYPE_CONNECT)
        || !TEST_str_eq(BIO_method_name(next), "socket connect")
        || !TEST_int_eq(BIO_get_ssl(b, &ssl), 1) || !TEST_ptr(ssl)
        || !TEST_true(SSL_get_rbio(ssl) == next) || !TEST_int_eq(BIO_get_close(b), BIO_CLOSE))
        goto end;
    if (!TEST_int_eq(SSL_set_tlsext_host_name(ssl, "localhost"), 1)
        || !TEST_int_eq(SSL_set1_host(ssl, "localhost"), 1)
        || !TEST_int_eq(BIO_set_conn_hostname(b, hostport), 1)
        || !TEST_str_eq(BIO_get_conn_hostname(b), "127.0.0.1")
        || !TEST_str_eq(BIO_get_conn_port(b), port) || !TEST_int_eq(BIO_get_fd(b, NULL), -1))
        goto end;
    if (!TEST_int_eq(BIO_do_connect(b), 1) || !TEST_int_ge(BIO_get_fd(b, &fd), 0))
        goto end;
    set_timeouts(fd);
    if (!TEST_int_eq(BIO_do_handshake(b), 1) || !TEST_int_eq(SSL_get_verify_result(ssl), X509_V_OK)
        || !TEST_ptr(BIO_get_conn_address(b)) || !TEST_int_eq(BIO_write(b, "ping\n", 5), 5)
        || !TEST_int_eq(BIO_flush(b), 1))
        goto end;
    while (n < 5) {
        if (!TEST_int_gt(r = BIO_read(b, buf + n, (int)sizeof(buf) - n), 0))
            goto end;
        n += r;
    }
    if (!TEST_mem_eq(buf, n, "pong\n", 5))
        goto end;
    BIO_ssl_shutdown(b);
    if (!TEST_int_eq(BIO_read(b, buf, sizeof(buf)), 0)
        || !TEST_int_eq(SSL_get_error(ssl, 0), SSL_ERROR_ZERO_RETURN))
        goto end;
    ret = 1;
end:
    BIO_free_all(b);
    if (started)
        ret = finish_server(&srv) && ret;
    else if (srv.abio != NULL)
        BIO_free_all(srv.abio);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* ---- demos/bio/sconnect.c: BIO_set_ssl + non-blocking connect BIO ----- */
static int test_nbio_connect_demo(void)
{
    SSL_CTX *sctx = server_ctx(), *cctx = client_ctx();
    SSL *ssl = NULL;
    BIO *ssl_bio = NULL, *out = NULL;
    struct server srv;
    char port[16], hostport[40], buf[32];
    int ret = 0, started = 0, i, n = 0, r = 0, retries = 0;

    if (!TEST_ptr(sctx) || !TEST_ptr(cctx) || !(started = start_server(&srv, sctx, 0, port, 16)))
        goto end;
    snprintf(hostport, sizeof(hostport), "127.0.0.1:%s", port);
    if (!TEST_ptr(ssl = SSL_new(cctx)) || !TEST_int_eq(SSL_set1_host(ssl, "localhost"), 1))
        goto end;
    SSL_set_connect_state(ssl);
    if (!TEST_ptr(ssl_bio = BIO_new(BIO_f_ssl()))
        || !TEST_int_eq(BIO_set_ssl(ssl_bio, ssl, BIO_CLOSE), 1)
        || !TEST_int_eq(BIO_get_close(ssl_bio), BIO_CLOSE) || !TEST_int_eq(BIO_get_init(ssl_bio), 1)
        || !TEST_ptr(out = BIO_new(BIO_s_connect()))
        || !TEST_int_eq(BIO_set_conn_hostname(out, hostport), 1)
        || !TEST_int_eq(BIO_set_nbio(out, 1), 1))
        goto end;
    out = BIO_push(ssl_bio, out);
    ssl_bio = NULL;
    for (i = 0; i < 2000; i++) {
        r = BIO_write(out, "ping\n", 5);
        if (r > 0 || !BIO_should_retry(out))
            break;
        retries++;
        usleep(2000);
    }
    if (!TEST_int_eq(r, 5) || !TEST_int_gt(retries, 0)
        || !TEST_int_eq(SSL_get_verify_result(ssl), X509_V_OK))
        goto end;
    for (i = 0; i < 2000 && n < 5; i++) {
        r = BIO_read(out, buf + n, (int)sizeof(buf) - n);
        if (r > 0) {
            n += r;
            continue;
        }
        if (!TEST_true(BIO_should_retry(out)) || !TEST_true(BIO_should_read(out)))
            goto end;
        usleep(2000);
    }
    if (!TEST_mem_eq(buf, n, "pong\n", 5))
        goto end;
    BIO_ssl_shutdown(out);
    for (i = 0; i < 2000; i++) {
        r = BIO_read(out, buf, sizeof(buf));
        if (r >= 0 || !BIO_should_retry(out))
            break;
        usleep(2000);
    }
    if (!TEST_int_eq(r, 0))
        goto end;
    ret = 1;
end:
    BIO_free_all(out);
    BIO_free(ssl_bio);
    if (started)
        ret = finish_server(&srv) && ret;
    else if (srv.abio != NULL)
        BIO_free_all(srv.abio);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* ---- demos/bio/saccept.c: reading and writing through the accept BIO itself ---- */
static void *saccept_main(void *p)
{
    struct server *s = p;
    BIO *tmp;
    size_t got = 0;
    int n;

    /* The first read accepts (the chain appears behind the accept BIO) and handshakes. */
    while (got < sizeof(s->line) - 1 && memchr(s->line, '\n', got) == NULL) {
        n = BIO_read(s->abio, s->line + got, (int)(sizeof(s->line) - 1 - got));
        if (n <= 0)
            goto end;
        got += (size_t)n;
    }
    if (BIO_next(s->abio) == NULL || BIO_method_type(BIO_next(s->abio)) != BIO_TYPE_SSL
        || BIO_write(s->abio, "pong\n", 5) != 5 || BIO_flush(s->abio) != 1
        || BIO_read(s->abio, s->line + got, 1) != 0)
        goto end;
    BIO_ssl_shutdown(BIO_next(s->abio));
    tmp = BIO_pop(s->abio);
    BIO_free_all(tmp);
    s->ok = BIO_next(s->abio) == NULL;
end:
    if (!s->ok)
        ERR_print_errors_fp(stderr);
    ERR_clear_error();
    return NULL;
}

static int test_saccept_demo(void)
{
    SSL_CTX *sctx = server_ctx(), *cctx = client_ctx();
    SSL *ssl = NULL;
    BIO *b = NULL, *tmpl = NULL;
    struct server srv;
    char port[16], hostport[40], buf[32];
    int ret = 0, started = 0, n = 0, r;

    memset(&srv, 0, sizeof(srv));
    if (!TEST_ptr(sctx) || !TEST_ptr(cctx) || !TEST_ptr(srv.abio = bind_accept(port, 16))
        || !TEST_ptr(tmpl = BIO_new_ssl(sctx, 0))
        || !TEST_int_eq(BIO_set_accept_bios(srv.abio, tmpl), 1))
        goto end;
    tmpl = NULL;
    if (!TEST_int_eq(pthread_create(&srv.th, NULL, saccept_main, &srv), 0))
        goto end;
    started = 1;
    snprintf(hostport, sizeof(hostport), "127.0.0.1:%s", port);
    if (!TEST_ptr(b = BIO_new_ssl_connect(cctx)) || !TEST_int_eq(BIO_get_ssl(b, &ssl), 1)
        || !TEST_int_eq(SSL_set1_host(ssl, "localhost"), 1)
        || !TEST_int_eq(BIO_set_conn_hostname(b, hostport), 1)
        || !TEST_int_eq(BIO_puts(b, "ping\n"), 5))
        goto end;
    while (n < 5) {
        if (!TEST_int_gt(r = BIO_read(b, buf + n, (int)sizeof(buf) - n), 0))
            goto end;
        n += r;
    }
    if (!TEST_mem_eq(buf, n, "pong\n", 5))
        goto end;
    BIO_ssl_shutdown(b);
    if (!TEST_int_eq(BIO_read(b, buf, sizeof(buf)), 0))
        goto end;
    ret = 1;
end:
    BIO_free_all(b);
    BIO_free(tmpl);
    if (started)
        ret = finish_server(&srv) && ret;
    else
        BIO_free_all(srv.abio);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* ---- BIO_f_ssl(3)'s examples: a buffered accept chain and a buffered client ---- */
static void *buffered_server_main(void *p)
{
    struct server *s = p;
    BIO *sbio = NULL;
    int fd = -1;

    if (BIO_do_accept(s->abio) != 1 || (sbio = BIO_pop(s->abio)) == NULL
        || BIO_method_type(sbio) != BIO_TYPE_BUFFER || BIO_get_fd(sbio, &fd) < 0)
        goto end;
    set_timeouts(fd);
    if (BIO_do_handshake(sbio) != 1 || BIO_gets(sbio, s->line, sizeof(s->line)) != 5
        || BIO_puts(sbio, "pong\n") != 5 || BIO_wpending(sbio) != 5 || BIO_flush(sbio) != 1
        || BIO_read(sbio, s->line + 5, 1) != 0)
        goto end;
    BIO_ssl_shutdown(sbio);
    s->ok = 1;
end:
    if (!s->ok)
        ERR_print_errors_fp(stderr);
    BIO_free_all(sbio);
    ERR_clear_error();
    return NULL;
}

static int test_buffered_ssl_bios(void)
{
    SSL_CTX *sctx = server_ctx(), *cctx = client_ctx();
    SSL *ssl = NULL;
    BIO *b = NULL, *tmpl = NULL, *tail = NULL;
    struct server srv;
    char port[16], hostport[40], buf[32];
    int ret = 0, started = 0;

    memset(&srv, 0, sizeof(srv));
    if (!TEST_ptr(sctx) || !TEST_ptr(cctx) || !TEST_ptr(srv.abio = bind_accept(port, 16))
        || !TEST_ptr(tmpl = BIO_new_ssl(sctx, 0)) || !TEST_ptr(b = BIO_new(BIO_f_buffer()))
        || !TEST_int_eq(BIO_method_type(b), BIO_TYPE_BUFFER)
        || !TEST_str_eq(BIO_method_name(b), "buffer"))
        goto end;
    tail = tmpl;
    tmpl = BIO_push(b, tmpl);
    b = NULL;
    if (!TEST_int_eq(BIO_set_accept_bios(srv.abio, tmpl), 1))
        goto end;
    tmpl = NULL;
    if (!TEST_int_eq(pthread_create(&srv.th, NULL, buffered_server_main, &srv), 0))
        goto end;
    started = 1;
    snprintf(hostport, sizeof(hostport), "127.0.0.1:%s", port);
    if (!TEST_ptr(b = BIO_new_buffer_ssl_connect(cctx))
        || !TEST_int_eq(BIO_method_type(b), BIO_TYPE_BUFFER)
        || !TEST_int_eq(BIO_get_ssl(b, &ssl), 1) || !TEST_ptr(ssl)
        || !TEST_int_eq(SSL_set1_host(ssl, "localhost"), 1)
        || !TEST_int_eq(BIO_set_conn_hostname(b, hostport), 1) || !TEST_int_eq(BIO_do_connect(b), 1)
        || !TEST_int_eq(BIO_puts(b, "ping\n"), 5) || !TEST_int_eq(BIO_wpending(b), 5)
        || !TEST_int_eq(BIO_flush(b), 1) || !TEST_int_eq(BIO_wpending(b), 0)
        || !TEST_int_eq(BIO_gets(b, buf, sizeof(buf)), 5) || !TEST_str_eq(buf, "pong\n"))
        goto end;
    BIO_ssl_shutdown(b);
    if (!TEST_int_eq(BIO_read(b, buf, sizeof(buf)), 0))
        goto end;
    ret = 1;
end:
    BIO_free_all(b);
    if (tmpl != NULL) {
        BIO_free_all(tmpl);
        tail = NULL;
    }
    if (started)
        ret = finish_server(&srv) && ret;
    else
        BIO_free_all(srv.abio);
    /* The accept BIO frees only the first BIO of the BIO_set_accept_bios chain (OpenSSL). */
    BIO_free(tail);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Buffer semantics over a memory BIO. */
static int test_buffer_bio(void)
{
    BIO *f = BIO_new(BIO_f_buffer()), *m = BIO_new(BIO_s_mem());
    char buf[64], big[5000];
    int ret = 0, idx;

    memset(big, 'z', sizeof(big));
    if (!TEST_ptr(f) || !TEST_ptr(m) || !TEST_int_eq(BIO_get_init(f), 1)
        || !TEST_int_eq(BIO_read(f, buf, 5), 0) || !TEST_int_eq(BIO_write(f, "abc", 3), 0)
        || !TEST_int_eq(BIO_flush(f), 0) || !TEST_int_eq(BIO_get_close(f), 0))
        goto end;
    BIO_push(f, m);
    if (!TEST_int_eq(BIO_write(f, "0123456789", 10), 10) || !TEST_int_eq(BIO_pending(m), 0)
        || !TEST_int_eq(BIO_wpending(f), 10) || !TEST_int_eq(BIO_flush(f), 1)
        || !TEST_int_eq(BIO_pending(m), 10) || !TEST_int_eq(BIO_wpending(f), 0)
        || !TEST_int_eq(BIO_reset(m), 1) || !TEST_int_eq(BIO_write(m, "ab\ncd\nef", 8), 8))
        goto end;
    if (!TEST_int_eq(BIO_gets(f, buf, sizeof(buf)), 3) || !TEST_str_eq(buf, "ab\n")
        || !TEST_int_eq(BIO_pending(f), 5) || !TEST_int_eq(BIO_get_buffer_num_lines(f), 1)
        || !TEST_int_eq(BIO_read(f, buf, 2), 2) || !TEST_int_eq(BIO_pending(f), 3)
        || !TEST_int_eq(BIO_gets(f, buf, sizeof(buf)), 1)
        || !TEST_int_eq(BIO_gets(f, buf, sizeof(buf)), 2) || !TEST_str_eq(buf, "ef")
        || !TEST_int_eq(BIO_get_flags(f), BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY)
        || !TEST_int_eq(BIO_read(f, buf, sizeof(buf)), -1) || !TEST_true(BIO_should_read(f)))
        goto end;
    idx = BIO_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    if (!TEST_ptr_null(BIO_get_app_data(f)) || !TEST_int_eq(BIO_set_app_data(f, big), 1)
        || !TEST_true(BIO_get_app_data(f) == big) || !TEST_int_gt(idx, 0)
        || !TEST_ptr_null(BIO_get_ex_data(f, idx)) || !TEST_int_eq(BIO_set_ex_data(f, idx, buf), 1)
        || !TEST_true(BIO_get_ex_data(f, idx) == buf) || !TEST_ptr_null(BIO_get_ex_data(m, idx))
        || !TEST_int_eq(BIO_set_ex_data(f, -1, buf), 0)
        || !CHECK_ERR(ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT)
        || !CHECK_ERR(ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT))
        goto end;
    if (!TEST_int_eq(BIO_set_buffer_size(f, 1024), 1)
        || !TEST_int_eq(BIO_set_buffer_read_data(f, "x\ny\n", 4), 1)
        || !TEST_int_eq(BIO_pending(f), 4) || !TEST_int_eq(BIO_get_buffer_num_lines(f), 2)
        || !TEST_int_eq(BIO_puts(f, "hi"), 2)
        || !TEST_int_eq(BIO_write(f, big, sizeof(big)), (int)sizeof(big))
        || !TEST_int_eq(BIO_wpending(f), 906) || !TEST_int_eq(BIO_pending(m), 4096))
        goto end;
    ret = 1;
end:
    BIO_free_all(f);
    return ret;
}

/* ---- the SSL filter over a BIO pair: retry flags ----------------------- */
static int test_fssl_pair_retry(void)
{
    SSL_CTX *sctx = server_ctx(), *cctx = client_ctx();
    BIO *cnet = NULL, *snet = NULL, *c = NULL, *s = NULL, *e = NULL, *rb;
    SSL *cssl = NULL, *sssl = NULL, *tmp = (SSL *)&tmp;
    char buf[64];
    int ret = 0, i, reason = -1, cr = 0, sr = 0;
    long old;

    /* An empty filter: no SSL, not initialised. */
    if (!TEST_ptr(e = BIO_new(BIO_f_ssl())) || !TEST_int_eq(BIO_method_type(e), BIO_TYPE_SSL)
        || !TEST_str_eq(BIO_method_name(e), "ssl") || !TEST_int_eq(BIO_get_close(e), 0)
        || !TEST_int_eq(BIO_get_init(e), 0) || !TEST_int_eq(BIO_get_ssl(e, &tmp), 0)
        || !TEST_true(tmp == (SSL *)&tmp) || !TEST_int_eq(BIO_do_handshake(e), 0)
        || !TEST_int_eq(BIO_pending(e), 0) || !TEST_int_eq(BIO_read(e, buf, 4), -1)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_UNINITIALIZED) || !TEST_int_eq(BIO_write(e, "x", 1), -1)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_UNINITIALIZED))
        goto end;
    BIO_ssl_shutdown(e);
    if (!TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;

    if (!TEST_ptr(sctx) || !TEST_ptr(cctx)
        || !TEST_int_eq(BIO_new_bio_pair(&cnet, 0, &snet, 0), 1)
        || !TEST_ptr(c = BIO_new_ssl(cctx, 1)) || !TEST_ptr(s = BIO_new_ssl(sctx, 0))
        || !TEST_int_eq(BIO_get_close(c), BIO_CLOSE) || !TEST_ptr_null(BIO_next(c))
        || !TEST_int_eq(BIO_get_ssl(c, &cssl), 1) || !TEST_int_eq(BIO_get_ssl(s, &sssl), 1)
        || !TEST_ptr_null(SSL_get_rbio(cssl)))
        goto end;
    old = BIO_set_ssl_renegotiate_timeout(c, 5);
    if (!TEST_int_eq(old, 0) || !TEST_int_eq(BIO_set_ssl_renegotiate_timeout(c, 7), 5)
        || !TEST_int_eq(BIO_get_num_renegotiates(c), 0))
        goto end;
    if (!TEST_true(BIO_push(c, cnet) == c) || !TEST_true(BIO_next(c) == cnet)
        || !TEST_true(SSL_get_rbio(cssl) == cnet) || !TEST_true(SSL_get_wbio(cssl) == cnet)
        || !TEST_true(BIO_push(s, snet) == s) || !TEST_true(SSL_get_rbio(sssl) == snet))
        goto end;
    cnet = snet = NULL; /* the chains own them */

    /* The client's first flight goes out; it then wants to read. */
    if (!TEST_int_eq(BIO_do_handshake(c), -1) || !TEST_true(BIO_should_retry(c))
        || !TEST_true(BIO_should_read(c)) || !TEST_false(BIO_should_write(c))
        || !TEST_int_eq(BIO_retry_type(c), BIO_FLAGS_READ)
        || !TEST_int_eq(BIO_get_retry_reason(c), 0)
        || !TEST_int_gt(BIO_wpending(c), 0) || !TEST_int_eq(BIO_pending(s), BIO_wpending(c)))
        goto end;
    /* Nothing for the server to read yet as data: a retry, not an error. */
    if (!TEST_int_eq(BIO_read(s, buf, sizeof(buf)), -1) || !TEST_true(BIO_should_read(s))
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    rb = BIO_get_retry_BIO(s, &reason);
    if (!TEST_true(rb == BIO_next(s)) || !TEST_int_eq(reason, 0))
        goto end;
    for (i = 0; i < 20 && !(cr == 1 && sr == 1); i++) {
        cr = (int)BIO_do_handshake(c);
        sr = (int)BIO_do_handshake(s);
    }
    if (!TEST_int_eq(cr, 1) || !TEST_int_eq(sr, 1) || !TEST_int_eq(BIO_get_flags(c), 0)
        || !TEST_int_eq(SSL_get_verify_result(cssl), X509_V_OK))
        goto end;
    if (!TEST_int_eq(BIO_write(c, "hello", 5), 5) || !TEST_int_eq(BIO_puts(c, "abc"), 3)
        || !TEST_int_gt(BIO_pending(s), 0)
        || !TEST_int_eq(BIO_read(s, buf, sizeof(buf)), 5) || !TEST_mem_eq(buf, 5, "hello", 5)
        || !TEST_int_eq(BIO_read(s, buf, sizeof(buf)), 3) || !TEST_mem_eq(buf, 3, "abc", 3)
        || !TEST_int_eq(BIO_read(s, buf, sizeof(buf)), -1) || !TEST_true(BIO_should_read(s))
        || !TEST_int_eq(BIO_gets(s, buf, sizeof(buf)), -2)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD))
        goto end;
    if (!TEST_int_eq(BIO_ssl_copy_session_id(s, c), 1)
        || !TEST_int_eq(BIO_ssl_copy_session_id(s, NULL), 0))
        goto end;
    /* BIO_pop detaches the transport from the SSL. */
    rb = BIO_pop(s);
    if (!TEST_ptr(rb) || !TEST_ptr_null(BIO_next(s)) || !TEST_ptr_null(SSL_get_rbio(sssl)))
        goto end;
    BIO_free(rb);
    ret = 1;
end:
    BIO_free(e);
    BIO_free_all(c);
    BIO_free_all(s);
    BIO_free(cnet);
    BIO_free(snet);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* ---- an application-defined BIO_METHOD as the transport ---------------- */
struct pipe_buf {
    unsigned char data[1 << 16];
    size_t len;
};
struct end_data {
    struct pipe_buf *in, *out;
};
static int destroyed;

static int pipe_read(BIO *b, char *buf, int len)
{
    struct end_data *d = BIO_get_data(b);
    size_t n;

    BIO_clear_retry_flags(b);
    if (d->in->len == 0) {
        BIO_set_retry_read(b);
        return -1;
    }
    n = (size_t)len < d->in->len ? (size_t)len : d->in->len;
    memcpy(buf, d->in->data, n);
    memmove(d->in->data, d->in->data + n, d->in->len - n);
    d->in->len -= n;
    return (int)n;
}

static int pipe_write(BIO *b, const char *buf, size_t len, size_t *written)
{
    struct end_data *d = BIO_get_data(b);
    size_t room = sizeof(d->out->data) - d->out->len;

    BIO_clear_retry_flags(b);
    if (room == 0) {
        BIO_set_retry_write(b);
        return 0;
    }
    if (len > room)
        len = room;
    memcpy(d->out->data + d->out->len, buf, len);
    d->out->len += len;
    *written = len;
    return 1;
}

static long pipe_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b, (void)num, (void)ptr;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int pipe_create(BIO *b)
{
    BIO_set_init(b, 0);
    return 1;
}

static int pipe_destroy(BIO *b)
{
    free(BIO_get_data(b));
    BIO_set_data(b, NULL);
    destroyed++;
    return 1;
}

static BIO *pipe_end(BIO_METHOD *m, struct pipe_buf *in, struct pipe_buf *out)
{
    BIO *b = BIO_new(m);
    struct end_data *d = malloc(sizeof(*d));

    if (b == NULL || d == NULL) {
        BIO_free(b);
        free(d);
        return NULL;
    }
    d->in = in;
    d->out = out;
    BIO_set_data(b, d);
    BIO_set_init(b, 1);
    return b;
}

static int test_custom_method_transport(void)
{
    SSL_CTX *sctx = server_ctx(), *cctx = client_ctx();
    static struct pipe_buf c2s, s2c;
    BIO_METHOD *m = NULL;
    BIO *cb = NULL, *sb = NULL;
    SSL *c = NULL, *s = NULL;
    int type = BIO_get_new_index(), ret = 0, i, cr = -1, sr = -1;
    char buf[16];

    destroyed = 0;
    c2s.len = s2c.len = 0;
    if (!TEST_int_gt(type, BIO_TYPE_START) || !TEST_ptr(sctx) || !TEST_ptr(cctx)
        || !TEST_ptr(m = BIO_meth_new(type | BIO_TYPE_SOURCE_SINK, "test pipe"))
        || !TEST_int_eq(BIO_meth_set_read(m, pipe_read), 1)
        || !TEST_int_eq(BIO_meth_set_write_ex(m, pipe_write), 1)
        || !TEST_int_eq(BIO_meth_set_ctrl(m, pipe_ctrl), 1)
        || !TEST_int_eq(BIO_meth_set_create(m, pipe_create), 1)
        || !TEST_int_eq(BIO_meth_set_destroy(m, pipe_destroy), 1))
        goto end;
    if (!TEST_true(BIO_meth_get_read(m) == pipe_read)
        || !TEST_true(BIO_meth_get_write_ex(m) == pipe_write)
        || !TEST_true(BIO_meth_get_ctrl(m) == pipe_ctrl)
        || !TEST_true(BIO_meth_get_create(m) == pipe_create)
        || !TEST_true(BIO_meth_get_destroy(m) == pipe_destroy)
        || !TEST_true(BIO_meth_get_puts(m) == NULL) || !TEST_true(BIO_meth_get_gets(m) == NULL)
        || !TEST_true(BIO_meth_get_callback_ctrl(m) == NULL))
        goto end;
    /* create left it uninitialised: I/O is refused until BIO_set_init. */
    if (!TEST_ptr(cb = BIO_new(m)) || !TEST_int_eq(BIO_get_init(cb), 0)
        || !TEST_int_eq(BIO_read(cb, buf, 1), -1) || !CHECK_ERR(ERR_LIB_BIO, BIO_R_UNINITIALIZED)
        || !TEST_int_eq(BIO_puts(cb, "x"), -2) || !CHECK_ERR(ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD)
        || !TEST_str_eq(BIO_method_name(cb), "test pipe")
        || !TEST_int_eq(BIO_method_type(cb), type | BIO_TYPE_SOURCE_SINK))
        goto end;
    BIO_free(cb);
    if (!TEST_int_eq(destroyed, 1))
        goto end;
    destroyed = 0;
    if (!TEST_ptr(cb = pipe_end(m, &s2c, &c2s)) || !TEST_ptr(sb = pipe_end(m, &c2s, &s2c))
        || !TEST_ptr(c = SSL_new(cctx)) || !TEST_ptr(s = SSL_new(sctx))
        || !TEST_int_eq(SSL_set1_host(c, "localhost"), 1))
        goto end;
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    cb = sb = NULL;
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    for (i = 0; i < 20 && !(cr == 1 && sr == 1); i++) {
        if (cr != 1 && (cr = SSL_do_handshake(c)) != 1
            && !TEST_int_eq(SSL_get_error(c, cr), SSL_ERROR_WANT_READ))
            goto end;
        if (sr != 1 && (sr = SSL_do_handshake(s)) != 1
            && !TEST_int_eq(SSL_get_error(s, sr), SSL_ERROR_WANT_READ))
            goto end;
    }
    if (!TEST_int_eq(cr, 1) || !TEST_int_eq(sr, 1)
        || !TEST_int_eq(SSL_get_verify_result(c), X509_V_OK)
        || !TEST_int_eq(SSL_write(c, "over pipe", 9), 9)
        || !TEST_int_eq(SSL_read(s, buf, sizeof(buf)), 9) || !TEST_mem_eq(buf, 9, "over pipe", 9)
        || !TEST_int_eq(SSL_read(s, buf, sizeof(buf)), -1)
        || !TEST_int_eq(SSL_get_error(s, -1), SSL_ERROR_WANT_READ)
        || !TEST_true(BIO_should_read(SSL_get_rbio(s))))
        goto end;
    SSL_free(c);
    SSL_free(s);
    c = s = NULL;
    if (!TEST_int_eq(destroyed, 2))
        goto end;
    ret = 1;
end:
    BIO_free(cb);
    BIO_free(sb);
    SSL_free(c);
    SSL_free(s);
    BIO_meth_free(m);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* ---- the helpers' failure values ---------------------------------------- */
static int closed_port(char *port, size_t len)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    socklen_t al = sizeof(a);

    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0
        || getsockname(fd, (struct sockaddr *)&a, &al) != 0) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    snprintf(port, len, "%u", ntohs(a.sin_port));
    close(fd); /* bound, never listened: connecting is refused */
    return 1;
}

static int test_helper_failures(void)
{
    BIO_ADDRINFO *res = NULL;
    BIO *b = NULL;
    char port[16], hp[40];
    int ret = 0, sock = -1;

    if (!TEST_int_eq(BIO_lookup_ex("127.0.0.1", "443", BIO_LOOKUP_CLIENT, 12345, SOCK_STREAM, 0,
                                   &res), 0)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_UNSUPPORTED_PROTOCOL_FAMILY) || !TEST_ptr_null(res))
        goto end;
    if (!TEST_int_eq(BIO_lookup_ex("127.0.0.1", "443", BIO_LOOKUP_CLIENT, AF_INET, SOCK_STREAM, 0,
                                   &res), 1)
        || !TEST_int_eq(BIO_ADDRINFO_family(res), AF_INET)
        || !TEST_int_eq(BIO_ADDRINFO_socktype(res), SOCK_STREAM)
        || !TEST_int_eq(BIO_ADDRINFO_protocol(res), IPPROTO_TCP)
        || !TEST_ptr_null(BIO_ADDRINFO_next(res))
        || !TEST_int_eq(BIO_ADDR_family(BIO_ADDRINFO_address(res)), AF_INET)
        || !TEST_int_eq(ntohs(BIO_ADDR_rawport(BIO_ADDRINFO_address(res))), 443))
        goto end;
    if (!TEST_int_eq(BIO_connect(-1, BIO_ADDRINFO_address(res), 0), 0)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_INVALID_SOCKET)
        || !TEST_int_eq(BIO_socket(12345, SOCK_STREAM, 0, 0), -1)
        || !CHECK_ERR(ERR_LIB_SYS, EAFNOSUPPORT)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_UNABLE_TO_CREATE_SOCKET)
        || !TEST_int_eq(BIO_closesocket(-1), 0) || !TEST_int_eq(BIO_socket_nbio(-1, 1), 0)
        || !CHECK_ERR(ERR_LIB_SYS, EBADF))
        goto end;
    BIO_ADDRINFO_free(res);
    res = NULL;

    /* A refused connect: the helper's and the connect BIO's entries. */
    if (!TEST_true(closed_port(port, sizeof(port))))
        goto end;
    if (!TEST_int_eq(BIO_lookup_ex("127.0.0.1", port, BIO_LOOKUP_CLIENT, AF_INET, SOCK_STREAM, 0,
                                   &res), 1)
        || !TEST_int_ge(sock = BIO_socket(AF_INET, SOCK_STREAM, 0, 0), 0)
        || !TEST_int_eq(BIO_connect(sock, BIO_ADDRINFO_address(res), BIO_SOCK_NODELAY), 0)
        || !CHECK_ERR(ERR_LIB_SYS, ECONNREFUSED) || !CHECK_ERR(ERR_LIB_BIO, BIO_R_CONNECT_ERROR)
        || !TEST_int_eq(BIO_closesocket(sock), 1))
        goto end;
    snprintf(hp, sizeof(hp), "127.0.0.1:%s", port);
    if (!TEST_ptr(b = BIO_new_connect(hp)) || !TEST_int_eq(BIO_do_connect(b), 0)
        || !CHECK_ERR(ERR_LIB_SYS, ECONNREFUSED) || !CHECK_ERR(ERR_LIB_BIO, BIO_R_CONNECT_ERROR)
        || !CHECK_ERR(ERR_LIB_SYS, ECONNREFUSED) || !CHECK_ERR(ERR_LIB_BIO, BIO_R_CONNECT_ERROR)
        || !TEST_ulong_eq(ERR_peek_error(), 0) || !TEST_int_eq(BIO_get_flags(b), 0))
        goto end;
    BIO_free(b);
    if (!TEST_ptr(b = BIO_new(BIO_s_connect())) || !TEST_int_eq(BIO_do_connect(b), -1)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_NO_HOSTNAME_OR_SERVICE_SPECIFIED))
        goto end;
    BIO_free(b);
    if (!TEST_ptr(b = BIO_new(BIO_s_accept())) || !TEST_int_eq(BIO_do_accept(b), -1)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_NO_ACCEPT_ADDR_OR_SERVICE_SPECIFIED))
        goto end;
    BIO_free(b);
    b = NULL;
    ret = 1;
end:
    BIO_ADDRINFO_free(res);
    BIO_free(b);
    return ret;
}

/* ---- address helpers and host:service parsing ---------------------------- */
static int parse_case(const char *in, int prio, int want, const char *wh, const char *ws)
{
    char *h = NULL, *s = NULL;
    int ok = TEST_int_eq(BIO_parse_hostserv(in, &h, &s, prio), want)
             && (wh == NULL ? TEST_ptr_null(h) : TEST_str_eq(h, wh))
             && (ws == NULL ? TEST_ptr_null(s) : TEST_str_eq(s, ws));

    if (!ok)
        tu_log("BIO_parse_hostserv(\"%s\", %d)", in, prio);
    OPENSSL_free(h);
    OPENSSL_free(s);
    return ok;
}

static int test_addr_helpers(void)
{
    BIO_ADDRINFO *res = NULL;
    BIO_ADDR *a = NULL;
    const BIO_ADDR *ra;
    char *h = NULL, *s = NULL;
    unsigned char raw[16], ip[4] = {10, 0, 0, 1};
    size_t l = 0;
    int ret = 0;

    if (!TEST_int_eq(BIO_sock_init(), 1)
        || !TEST_int_eq(BIO_lookup_ex("127.0.0.1", "4433", BIO_LOOKUP_CLIENT, AF_INET, SOCK_STREAM,
                                      0, &res), 1)
        || !TEST_ptr(ra = BIO_ADDRINFO_address(res))
        || !TEST_ptr(h = BIO_ADDR_hostname_string(ra, 1)) || !TEST_str_eq(h, "127.0.0.1")
        || !TEST_ptr(s = BIO_ADDR_service_string(ra, 1)) || !TEST_str_eq(s, "4433")
        || !TEST_int_eq(BIO_ADDR_rawaddress(ra, NULL, &l), 1) || !TEST_size_t_eq(l, 4)
        || !TEST_int_eq(BIO_ADDR_rawaddress(ra, raw, &l), 1) || !TEST_int_eq(raw[0], 127)
        || !TEST_int_eq(raw[3], 1))
        goto end;
    if (!TEST_ptr(a = BIO_ADDR_new()) || !TEST_int_eq(BIO_ADDR_family(a), AF_UNSPEC)
        || !TEST_ptr_null(BIO_ADDR_hostname_string(a, 1)) || !CHECK_ERR(ERR_LIB_BIO, ERR_R_SYS_LIB)
        || !TEST_int_eq(BIO_ADDR_rawaddress(a, raw, &l), 0)
        || !TEST_int_eq(BIO_ADDR_rawmake(a, AF_INET, ip, 4, htons(80)), 1)
        || !TEST_int_eq(BIO_ADDR_family(a), AF_INET) || !TEST_int_eq(ntohs(BIO_ADDR_rawport(a)), 80)
        || !TEST_int_eq(BIO_ADDR_rawmake(a, AF_INET, ip, 3, htons(80)), 0))
        goto end;
    BIO_ADDR_clear(a);
    if (!TEST_int_eq(BIO_ADDR_family(a), AF_UNSPEC))
        goto end;
    if (!parse_case("host:443", BIO_PARSE_PRIO_HOST, 1, "host", "443")
        || !parse_case("443", BIO_PARSE_PRIO_SERV, 1, NULL, "443")
        || !parse_case("host", BIO_PARSE_PRIO_HOST, 1, "host", NULL)
        || !parse_case("[::1]:443", BIO_PARSE_PRIO_HOST, 1, "::1", "443")
        || !parse_case("*:443", BIO_PARSE_PRIO_HOST, 1, NULL, "443")
        || !parse_case("host:", BIO_PARSE_PRIO_HOST, 1, "host", NULL)
        || !parse_case("", BIO_PARSE_PRIO_HOST, 1, NULL, NULL)
        || !parse_case("a:b:c", BIO_PARSE_PRIO_HOST, 0, NULL, NULL)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_AMBIGUOUS_HOST_OR_SERVICE)
        || !parse_case("::1", BIO_PARSE_PRIO_HOST, 0, NULL, NULL)
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_AMBIGUOUS_HOST_OR_SERVICE))
        goto end;
    ret = 1;
end:
    OPENSSL_free(h);
    OPENSSL_free(s);
    BIO_ADDR_free(a);
    BIO_ADDRINFO_free(res);
    return ret;
}

/* BIO_new_connect parses host:service; the hostname ctrl keeps an earlier port. */
static int test_connect_names(void)
{
    BIO *b = NULL;
    int ret = 0;

    if (!TEST_ptr_null(BIO_new_connect("::1"))
        || !CHECK_ERR(ERR_LIB_BIO, BIO_R_AMBIGUOUS_HOST_OR_SERVICE)
        || !TEST_ptr(b = BIO_new_connect("[::1]:443"))
        || !TEST_str_eq(BIO_get_conn_hostname(b), "::1") || !TEST_str_eq(BIO_get_conn_port(b), "443")
        || !TEST_int_eq(BIO_set_conn_hostname(b, "other"), 1)
        || !TEST_str_eq(BIO_get_conn_hostname(b), "other") || !TEST_str_eq(BIO_get_conn_port(b), "443")
        || !TEST_int_eq(BIO_set_conn_port(b, "https"), 1) || !TEST_str_eq(BIO_get_conn_port(b), "https")
        || !TEST_int_eq(BIO_get_conn_ip_family(b), 0))
        goto end;
    BIO_free(b);
    if (!TEST_ptr(b = BIO_new_accept("4433")) || !TEST_int_eq(BIO_get_accept_ip_family(b), BIO_FAMILY_IPANY)
        || !TEST_int_eq(BIO_get_bind_mode(b), BIO_BIND_NORMAL)
        || !TEST_ptr_null(BIO_get_accept_name(b)) || !TEST_int_eq(BIO_get_fd(b, NULL), -1)
        || !TEST_str_eq(BIO_method_name(b), "socket accept"))
        goto end;
    ret = 1;
end:
    BIO_free(b);
    return ret;
}

/* ---- BIO_s_null / BIO_f_null --------------------------------------------- */
static int test_null_bios(void)
{
    BIO *n = BIO_new(BIO_s_null()), *f = BIO_new(BIO_f_null()), *m = BIO_new(BIO_s_mem());
    char buf[16];
    int ret = 0;

    if (!TEST_ptr(n) || !TEST_ptr(f) || !TEST_ptr(m)
        || !TEST_int_eq(BIO_method_type(n), BIO_TYPE_NULL) || !TEST_str_eq(BIO_method_name(n), "NULL")
        || !TEST_int_eq(BIO_write(n, "abc", 3), 3) || !TEST_int_eq(BIO_read(n, buf, 3), 0)
        || !TEST_int_eq(BIO_puts(n, "abcd"), 4) || !TEST_int_eq(BIO_gets(n, buf, 16), 0)
        || !TEST_int_eq(BIO_reset(n), 1) || !TEST_int_eq(BIO_eof(n), 1)
        || !TEST_int_eq(BIO_flush(n), 1) || !TEST_int_eq(BIO_pending(n), 0)
        || !TEST_int_eq(BIO_get_close(n), 0) || !TEST_int_eq(BIO_set_close(n, 1), 1)
        || !TEST_int_eq(BIO_get_close(n), 0))
        goto end;
    if (!TEST_int_eq(BIO_method_type(f), BIO_TYPE_NULL_FILTER)
        || !TEST_str_eq(BIO_method_name(f), "NULL filter") || !TEST_int_eq(BIO_write(f, "abc", 3), 0)
        || !TEST_int_eq(BIO_read(f, buf, 3), 0) || !TEST_int_eq(BIO_flush(f), 0))
        goto end;
    BIO_push(f, m);
    m = NULL;
    if (!TEST_int_eq(BIO_write(f, "ab\ncd", 5), 5) || !TEST_int_eq(BIO_pending(f), 5)
        || !TEST_int_eq(BIO_gets(f, buf, 16), 3) || !TEST_int_eq(BIO_read(f, buf, 16), 2)
        || !TEST_int_eq(BIO_read(f, buf, 16), -1)
        || !TEST_int_eq(BIO_get_flags(f), BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY)
        || !TEST_int_eq(BIO_puts(f, "xyz"), 3) || !TEST_int_eq(BIO_get_close(f), 1))
        goto end;
    ret = 1;
end:
    BIO_free(n);
    BIO_free_all(f);
    BIO_free(m);
    return ret;
}

/* ---- file BIOs ---------------------------------------------------------- */
static int test_file_bios(void)
{
    char path[] = "/tmp/sslrs-guide-XXXXXX", line[32];
    BIO *b = NULL;
    FILE *fp = NULL;
    int fd, ret = 0;

    if (!TEST_int_ge(fd = mkstemp(path), 0))
        return 0;
    close(fd);
    if (!TEST_ptr_null(BIO_new_file("/nonexistent/sslrs", "r"))
        || !CHECK_ERR(ERR_LIB_SYS, ENOENT) || !CHECK_ERR(ERR_LIB_BIO, BIO_R_NO_SUCH_FILE))
        goto end;
    if (!TEST_ptr(b = BIO_new_file(path, "w")) || !TEST_int_eq(BIO_method_type(b), BIO_TYPE_FILE)
        || !TEST_str_eq(BIO_method_name(b), "FILE pointer")
        || !TEST_int_eq(BIO_printf(b, "one %d\ntwo\n", 1), 10) || !TEST_int_eq(BIO_flush(b), 1))
        goto end;
    BIO_free(b);
    if (!TEST_ptr(b = BIO_new(BIO_s_file())) || !TEST_int_eq(BIO_get_close(b), 1)
        || !TEST_int_eq(BIO_read(b, line, 1), -1) || !CHECK_ERR(ERR_LIB_BIO, BIO_R_UNINITIALIZED)
        || !TEST_int_eq(BIO_read_filename(b, path), 1)
        || !TEST_int_eq(BIO_gets(b, line, sizeof(line)), 6) || !TEST_str_eq(line, "one 1\n")
        || !TEST_int_eq(BIO_tell(b), 6) || !TEST_int_eq(BIO_eof(b), 0)
        || !TEST_int_eq(BIO_read(b, line, sizeof(line)), 4) || !TEST_int_eq(BIO_read(b, line, 4), 0)
        || !TEST_int_eq(BIO_eof(b), 1) || !TEST_int_eq(BIO_reset(b), 0)
        || !TEST_int_eq(BIO_read(b, line, 3), 3))
        goto end;
    BIO_free(b);
    if (!TEST_ptr(fp = fopen(path, "r")) || !TEST_ptr(b = BIO_new_fp(fp, BIO_NOCLOSE))
        || !TEST_int_eq(BIO_get_close(b), 0) || !TEST_int_eq(BIO_read(b, line, 3), 3)
        || !TEST_mem_eq(line, 3, "one", 3))
        goto end;
    BIO_free(b);
    b = NULL;
    if (!TEST_int_eq(fgetc(fp), ' '))
        goto end;
    ret = 1;
end:
    BIO_free(b);
    if (fp != NULL)
        fclose(fp);
    unlink(path);
    return ret;
}

int main(void)
{
    alarm(600); /* hard bound for the whole program, valgrind included */
    RUN_TEST(test_guide_blocking_client);
    RUN_TEST(test_guide_blocking_server);
    RUN_TEST(test_ssl_connect_bio);
    RUN_TEST(test_nbio_connect_demo);
    RUN_TEST(test_buffered_ssl_bios);
    RUN_TEST(test_saccept_demo);
    RUN_TEST(test_buffer_bio);
    RUN_TEST(test_fssl_pair_retry);
    RUN_TEST(test_custom_method_transport);
    RUN_TEST(test_helper_failures);
    RUN_TEST(test_addr_helpers);
    RUN_TEST(test_connect_names);
    RUN_TEST(test_file_bios);
    RUN_TEST(test_null_bios);
    return tu_finish();
}
