/*
 * Shared helpers for the sslrs differential C tests.
 *
 * Every test_*.c is a standalone program built twice: against the system
 * OpenSSL 3 and against sslrs. Only the public OpenSSL 3 API is used.
 * Assertions print file:line:expression to stderr and return 0 on failure,
 * so tests read `if (!TEST_int_eq(x, 1)) goto end;`.
 */
#ifndef SSLRS_TESTUTIL_H
#define SSLRS_TESTUTIL_H

#include <stddef.h>
#include <openssl/ssl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/x509.h>

/* ---- assertions ---------------------------------------------------- */
int tu_check(int ok, const char *file, int line, const char *expr);
int tu_int(long long a, long long b, int op, const char *file, int line, const char *ea,
           const char *eb);
int tu_ulong(unsigned long a, unsigned long b, int op, const char *file, int line,
             const char *ea, const char *eb);
int tu_str(const char *a, const char *b, int eq, const char *file, int line, const char *ea,
           const char *eb);
int tu_ptr(int nonnull, int want_nonnull, const char *file, int line, const char *e);
int tu_mem(const void *a, size_t al, const void *b, size_t bl, const char *file, int line,
           const char *ea, const char *eb);

enum { TU_EQ, TU_NE, TU_LT, TU_LE, TU_GT, TU_GE };

#define TEST_true(e) tu_check((e) != 0, __FILE__, __LINE__, #e)
#define TEST_false(e) tu_check((e) == 0, __FILE__, __LINE__, "!(" #e ")")
#define TEST_int_eq(a, b) tu_int((long long)(a), (long long)(b), TU_EQ, __FILE__, __LINE__, #a, #b)
#define TEST_int_ne(a, b) tu_int((long long)(a), (long long)(b), TU_NE, __FILE__, __LINE__, #a, #b)
#define TEST_int_lt(a, b) tu_int((long long)(a), (long long)(b), TU_LT, __FILE__, __LINE__, #a, #b)
#define TEST_int_le(a, b) tu_int((long long)(a), (long long)(b), TU_LE, __FILE__, __LINE__, #a, #b)
#define TEST_int_gt(a, b) tu_int((long long)(a), (long long)(b), TU_GT, __FILE__, __LINE__, #a, #b)
#define TEST_int_ge(a, b) tu_int((long long)(a), (long long)(b), TU_GE, __FILE__, __LINE__, #a, #b)
#define TEST_size_t_eq(a, b) TEST_int_eq(a, b)
/* error codes and masks: printed in hex */
#define TEST_ulong_eq(a, b) \
    tu_ulong((unsigned long)(a), (unsigned long)(b), TU_EQ, __FILE__, __LINE__, #a, #b)
#define TEST_ulong_ne(a, b) \
    tu_ulong((unsigned long)(a), (unsigned long)(b), TU_NE, __FILE__, __LINE__, #a, #b)
#define TEST_str_eq(a, b) tu_str((a), (b), 1, __FILE__, __LINE__, #a, #b)
#define TEST_str_ne(a, b) tu_str((a), (b), 0, __FILE__, __LINE__, #a, #b)
#define TEST_ptr(p) tu_ptr((p) != NULL, 1, __FILE__, __LINE__, #p)
#define TEST_ptr_null(p) tu_ptr((p) != NULL, 0, __FILE__, __LINE__, #p)
#define TEST_mem_eq(a, al, b, bl) tu_mem((a), (al), (b), (bl), __FILE__, __LINE__, #a, #b)

/* ---- runner --------------------------------------------------------- */
/* Runs one test: clears the ERR queue first, counts pass/fail, on failure
 * dumps the remaining queue to stderr. */
void tu_run(const char *name, int (*fn)(void));
#define RUN_TEST(fn) tu_run(#fn, fn)
/* Prints "N passed, N failed" and returns the exit status. */
int tu_finish(void);
/* Logs to stderr (never stdout). */
void tu_log(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* ---- certificates --------------------------------------------------- */
/* 1 when sslrs runs natively (no libcrypto in the process), 0 under OpenSSL or sslrs's
 * pass-through backend: for the few accepted differences of the native backend that
 * KNOWN_DIFFERENCES.md lists. */
int sslrs_native(void);

/* Path of file `name` inside $SSLRS_CERTS (default "c-tests/certs").
 * Returns one of 8 rotating static buffers. */
const char *cert_path(const char *name);

/* ---- SSL object helpers (modelled on OpenSSL's ssltestlib) ---------- */
/* Server ctx (TLS_server_method) with cert/key files from the certs dir
 * (NULL: none), client ctx (TLS_client_method) trusting `client_ca`
 * (NULL: nothing loaded). min/max: protocol bounds for both (0 = none).
 * Verify mode is left at the default (SSL_VERIFY_NONE). */
int create_ssl_ctx_pair(int min_version, int max_version, const char *server_cert,
                        const char *server_key, const char *client_ca, SSL_CTX **sctx,
                        SSL_CTX **cctx);

/* Client and server SSL joined by one BIO pair (client half, server half);
 * roles set. If cnet/snet are non-NULL they receive borrowed pointers to the
 * client's and the server's half (owned by the SSLs). */
int create_ssl_objects(SSL_CTX *sctx, SSL_CTX *cctx, SSL **sssl, SSL **cssl, BIO **cbio,
                       BIO **sbio);

/* Bounded handshake pump tolerating WANT_READ/WANT_WRITE. Returns 1 when both
 * sides completed. */
int create_ssl_connection(SSL *serverssl, SSL *clientssl);

/* Per-side outcome of a handshake that may fail. */
#define HS_MAX_ERRS 4
struct hs_side {
    int ret;                         /* last handshake return value */
    int err;                         /* SSL_get_error for it */
    int done;                        /* returned 1 */
    int failed;                      /* returned <=0 with a non-WANT error */
    unsigned long errs[HS_MAX_ERRS]; /* queue (oldest first) right after the failing call */
    int nerrs;
};
/* Pump both sides for up to `rounds` rounds; each side stops at done/failed.
 * The queue is captured (and cleared) after each side's call. Returns 1 when
 * both sides reached done or failed, 0 if the bound was hit. */
int pump_handshake(SSL *serverssl, SSL *clientssl, struct hs_side *s, struct hs_side *c,
                   int rounds);

/* Copy the whole ERR queue (oldest first) into out[], clearing it. */
int drain_errors(unsigned long *out, int max);

/* Bounded write/read of everything over a connected in-memory pair:
 * writes `len` bytes from `from` in chunks of `chunk`, reading them on `to`. */
int transfer(SSL *from, SSL *to, const unsigned char *buf, size_t len, size_t chunk);

/* TCP helpers (127.0.0.1 only). listen_local returns a listening fd bound to
 * an ephemeral port, written to *port. */
int listen_local(int *port);
int connect_local(int port);
int set_nonblock(int fd, int on);

#endif
