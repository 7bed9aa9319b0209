/* Shared helpers for the sslrs differential C tests (see testutil.h). */
#include "testutil.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int n_passed, n_failed, cur_failed;

int tu_check(int ok, const char *file, int line, const char *expr)
{
    if (!ok) {
        fprintf(stderr, "  FAIL %s:%d: %s\n", file, line, expr);
        cur_failed = 1;
    }
    return ok;
}

static const char *opname[] = {"==", "!=", "<", "<=", ">", ">="};

static int cmp(long long a, long long b, int op)
{
    switch (op) {
    case TU_EQ: return a == b;
    case TU_NE: return a != b;
    case TU_LT: return a < b;
    case TU_LE: return a <= b;
    case TU_GT: return a > b;
    default: return a >= b;
    }
}

int tu_int(long long a, long long b, int op, const char *file, int line, const char *ea,
           const char *eb)
{
    if (cmp(a, b, op))
        return 1;
    fprintf(stderr, "  FAIL %s:%d: %s %s %s [%lld vs %lld]\n", file, line, ea, opname[op], eb, a,
            b);
    cur_failed = 1;
    return 0;
}

int tu_ulong(unsigned long a, unsigned long b, int op, const char *file, int line,
             const char *ea, const char *eb)
{
    int ok = op == TU_EQ ? a == b : a != b;
    if (ok)
        return 1;
    fprintf(stderr, "  FAIL %s:%d: %s %s %s [0x%08lX vs 0x%08lX]\n", file, line, ea, opname[op],
            eb, a, b);
    cur_failed = 1;
    return 0;
}

int tu_str(const char *a, const char *b, int eq, const char *file, int line, const char *ea,
           const char *eb)
{
    int same = (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
    if (same == eq)
        return 1;
    fprintf(stderr, "  FAIL %s:%d: %s %s %s [\"%s\" vs \"%s\"]\n", file, line, ea,
            eq ? "==" : "!=", eb, a ? a : "(null)", b ? b : "(null)");
    cur_failed = 1;
    return 0;
}

int tu_ptr(int nonnull, int want_nonnull, const char *file, int line, const char *e)
{
    if ((nonnull != 0) == (want_nonnull != 0))
        return 1;
    fprintf(stderr, "  FAIL %s:%d: %s %s\n", file, line, e,
            want_nonnull ? "is NULL" : "is not NULL");
    cur_failed = 1;
    return 0;
}

int tu_mem(const void *a, size_t al, const void *b, size_t bl, const char *file, int line,
           const char *ea, const char *eb)
{
    if (al == bl && (al == 0 || memcmp(a, b, al) == 0))
        return 1;
    fprintf(stderr, "  FAIL %s:%d: %s == %s [len %zu vs %zu]\n", file, line, ea, eb, al, bl);
    cur_failed = 1;
    return 0;
}

void tu_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void tu_run(const char *name, int (*fn)(void))
{
    int ok;

    ERR_clear_error();
    cur_failed = 0;
    ok = fn();
    if (!ok || cur_failed) {
        n_failed++;
        fprintf(stderr, "not ok - %s\n", name);
        if (ERR_peek_error() != 0) {
            fprintf(stderr, "  remaining error queue:\n");
            ERR_print_errors_fp(stderr);
        }
    } else {
        n_passed++;
        fprintf(stderr, "ok - %s\n", name);
    }
    ERR_clear_error();
}

int tu_finish(void)
{
    printf("%d passed, %d failed\n", n_passed, n_failed);
    fflush(stdout);
    return n_failed == 0 ? 0 : 1;
}

const char *cert_path(const char *name)
{
    static char bufs[8][512];
    static int next;
    const char *dir = getenv("SSLRS_CERTS");
    char *b = bufs[next++ & 7];

    if (dir == NULL || *dir == '\0')
        dir = "c-tests/certs";
    snprintf(b, sizeof(bufs[0]), "%s/%s", dir, name);
    return b;
}

int create_ssl_ctx_pair(int min_version, int max_version, const char *server_cert,
                        const char *server_key, const char *client_ca, SSL_CTX **sctx,
                        SSL_CTX **cctx)
{
    SSL_CTX *s = NULL, *c = NULL;

    if (!TEST_ptr(s = SSL_CTX_new(TLS_server_method()))
        || !TEST_ptr(c = SSL_CTX_new(TLS_client_method())))
        goto err;
    if (min_version != 0
        && (!TEST_true(SSL_CTX_set_min_proto_version(s, min_version))
            || !TEST_true(SSL_CTX_set_min_proto_version(c, min_version))))
        goto err;
    if (max_version != 0
        && (!TEST_true(SSL_CTX_set_max_proto_version(s, max_version))
            || !TEST_true(SSL_CTX_set_max_proto_version(c, max_version))))
        goto err;
    if (server_cert != NULL
        && !TEST_int_eq(SSL_CTX_use_certificate_file(s, cert_path(server_cert), SSL_FILETYPE_PEM),
                        1))
        goto err;
    if (server_key != NULL
        && (!TEST_int_eq(SSL_CTX_use_PrivateKey_file(s, cert_path(server_key), SSL_FILETYPE_PEM),
                         1)
            || !TEST_int_eq(SSL_CTX_check_private_key(s), 1)))
        goto err;
    if (client_ca != NULL
        && !TEST_int_eq(SSL_CTX_load_verify_locations(c, cert_path(client_ca), NULL), 1))
        goto err;
    *sctx = s;
    *cctx = c;
    return 1;
err:
    SSL_CTX_free(s);
    SSL_CTX_free(c);
    return 0;
}

int create_ssl_objects(SSL_CTX *sctx, SSL_CTX *cctx, SSL **sssl, SSL **cssl, BIO **cbio,
                       BIO **sbio)
{
    SSL *s = NULL, *c = NULL;
    BIO *cb = NULL, *sb = NULL;

    if (!TEST_ptr(s = SSL_new(sctx)) || !TEST_ptr(c = SSL_new(cctx)))
        goto err;
    if (!TEST_int_eq(BIO_new_bio_pair(&cb, 0, &sb, 0), 1))
        goto err;
    /* one reference for both slots each */
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    if (cbio != NULL)
        *cbio = cb;
    if (sbio != NULL)
        *sbio = sb;
    *sssl = s;
    *cssl = c;
    return 1;
err:
    SSL_free(s);
    SSL_free(c);
    return 0;
}

int drain_errors(unsigned long *out, int max)
{
    int n = 0;
    unsigned long e;

    while ((e = ERR_get_error()) != 0) {
        if (n < max)
            out[n] = e;
        n++;
    }
    return n < max ? n : max;
}

static void step(SSL *ssl, struct hs_side *side)
{
    if (side->done || side->failed)
        return;
    side->ret = SSL_do_handshake(ssl);
    if (side->ret == 1) {
        side->done = 1;
        side->err = SSL_ERROR_NONE;
        return;
    }
    side->err = SSL_get_error(ssl, side->ret);
    if (side->err != SSL_ERROR_WANT_READ && side->err != SSL_ERROR_WANT_WRITE) {
        side->failed = 1;
        side->nerrs = drain_errors(side->errs, HS_MAX_ERRS);
    }
}

int pump_handshake(SSL *serverssl, SSL *clientssl, struct hs_side *s, struct hs_side *c,
                   int rounds)
{
    int i;

    memset(s, 0, sizeof(*s));
    memset(c, 0, sizeof(*c));
    for (i = 0; i < rounds; i++) {
        step(clientssl, c);
        step(serverssl, s);
        if ((c->done || c->failed) && (s->done || s->failed))
            return 1;
    }
    return 0;
}

int create_ssl_connection(SSL *serverssl, SSL *clientssl)
{
    struct hs_side s, c;

    if (!pump_handshake(serverssl, clientssl, &s, &c, 50)) {
        tu_log("  handshake did not finish: client ret %d err %d, server ret %d err %d", c.ret,
               c.err, s.ret, s.err);
        return 0;
    }
    if (!c.done || !s.done) {
        tu_log("  handshake failed: client err %d (0x%08lX), server err %d (0x%08lX)", c.err,
               c.nerrs ? c.errs[0] : 0UL, s.err, s.nerrs ? s.errs[0] : 0UL);
        return 0;
    }
    return 1;
}

int transfer(SSL *from, SSL *to, const unsigned char *buf, size_t len, size_t chunk)
{
    size_t sent = 0, got = 0;
    unsigned char *rbuf = NULL;
    int ok = 0, guard = 0;

    if (!TEST_ptr(rbuf = malloc(len + 1)))
        return 0;
    while (got < len) {
        if (++guard > 10000000) {
            TEST_true(!"transfer loop bound");
            goto end;
        }
        if (sent < len) {
            size_t n = len - sent < chunk ? len - sent : chunk;
            int r = SSL_write(from, buf + sent, (int)n);
            if (r > 0) {
                sent += (size_t)r;
            } else if (!TEST_int_eq(SSL_get_error(from, r), SSL_ERROR_WANT_WRITE)) {
                goto end;
            }
        }
        for (;;) {
            int r = SSL_read(to, rbuf + got, (int)(len - got));
            if (r > 0) {
                got += (size_t)r;
                continue;
            }
            if (!TEST_int_eq(SSL_get_error(to, r), SSL_ERROR_WANT_READ))
                goto end;
            break;
        }
    }
    ok = TEST_mem_eq(rbuf, got, buf, len);
end:
    free(rbuf);
    return ok;
}

int listen_local(int *port)
{
    struct sockaddr_in a;
    socklen_t al = sizeof(a);
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 8) != 0
        || getsockname(fd, (struct sockaddr *)&a, &al) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

int connect_local(int port)
{
    struct sockaddr_in a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((unsigned short)port);
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int set_nonblock(int fd, int on)
{
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0)
        return 0;
    fl = on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
    return fcntl(fd, F_SETFL, fl) == 0;
}

/* sslrs's own export, absent from OpenSSL's libraries. */
extern int sslrs_backend_is_libcrypto(void) __attribute__((weak));

int sslrs_native(void)
{
    return sslrs_backend_is_libcrypto != NULL && !sslrs_backend_is_libcrypto();
}
