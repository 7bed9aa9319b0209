/*
 * Shared helpers of the sslrs fuzz harnesses (fuzz/fuzz_*.c).
 *
 * Each harness defines LLVMFuzzerTestOneInput and uses only the public OpenSSL 3 API, so the
 * same file links with clang's libFuzzer against the coverage-instrumented static libsslrs
 * (`make fuzz`), and with gcc + fuzz/replay.c against build/libsslrs.so, `-lsslrs -lcrypto`
 * (pass-through backend) or the system OpenSSL (`make test-fuzz-replay`).
 *
 * A violated invariant calls FZ_FAIL, which prints the condition and aborts: libFuzzer reports
 * it as a crash and saves the input.
 */
#ifndef SSLRS_FUZZ_H
#define SSLRS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#define FZ_FAIL(...)                                                  \
    do {                                                              \
        fprintf(stderr, "fuzz invariant violated at %s:%d: ", __FILE__, __LINE__); \
        fprintf(stderr, __VA_ARGS__);                                 \
        fputc('\n', stderr);                                          \
        abort();                                                      \
    } while (0)
#define FZ_CHECK(c)                                                   \
    do {                                                              \
        if (!(c))                                                     \
            FZ_FAIL("%s", #c);                                        \
    } while (0)

/* ---- input reader --------------------------------------------------- */
struct fz_in {
    const uint8_t *p;
    size_t n;
};

static inline unsigned fz_u8(struct fz_in *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

static inline unsigned fz_u16(struct fz_in *in)
{
    unsigned hi = fz_u8(in);
    return (hi << 8) | fz_u8(in);
}

/* Next delivery: a 2-byte big-endian length and that many bytes (shorter at the end).
 * Returns 0 when the input is exhausted. */
static inline int fz_chunk(struct fz_in *in, const uint8_t **p, size_t *n)
{
    size_t want;
    if (in->n == 0)
        return 0;
    want = fz_u16(in);
    if (want > in->n)
        want = in->n;
    *p = in->p;
    *n = want;
    in->p += want;
    in->n -= want;
    return 1;
}

/* ---- certificates --------------------------------------------------- */
/* Path of `name` in $SSLRS_CERTS (default c-tests/certs: harnesses run from the repo root). */
static inline const char *fz_cert(const char *name)
{
    static char buf[4][512];
    static int i;
    const char *dir = getenv("SSLRS_CERTS");
    char *b = buf[i++ & 3];
    snprintf(b, sizeof buf[0], "%s/%s", dir ? dir : "c-tests/certs", name);
    return b;
}

static inline SSL_CTX *fz_server_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL || SSL_CTX_use_certificate_chain_file(ctx, fz_cert(cert)) != 1
        || SSL_CTX_use_PrivateKey_file(ctx, fz_cert(key), SSL_FILETYPE_PEM) != 1) {
        fprintf(stderr, "fuzz: cannot load %s/%s (run from the repository root)\n", cert, key);
        ERR_print_errors_fp(stderr);
        exit(2);
    }
    return ctx;
}

static inline SSL_CTX *fz_client_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL || SSL_CTX_load_verify_locations(ctx, fz_cert("ca-bundle.pem"), NULL) != 1) {
        fprintf(stderr, "fuzz: cannot make a client context\n");
        exit(2);
    }
    return ctx;
}

/* ---- invariants ----------------------------------------------------- */
/* SSL_get_error's documented values (ssl.h: SSL_ERROR_NONE .. SSL_ERROR_WANT_RETRY_VERIFY). */
/* The protocol bounds chosen by the input's low two bits: any, TLS 1.2 only, TLS 1.3 only,
 * at most TLS 1.2. */
static inline void fz_versions(SSL *s, unsigned sel)
{
    switch (sel & 3) {
    case 1:
        SSL_set_min_proto_version(s, TLS1_2_VERSION);
        SSL_set_max_proto_version(s, TLS1_2_VERSION);
        break;
    case 2:
        SSL_set_min_proto_version(s, TLS1_3_VERSION);
        break;
    case 3:
        SSL_set_max_proto_version(s, TLS1_2_VERSION);
        break;
    }
}

static inline int fz_valid_ssl_error(int e)
{
    switch (e) {
    case SSL_ERROR_NONE:
    case SSL_ERROR_SSL:
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
    case SSL_ERROR_WANT_X509_LOOKUP:
    case SSL_ERROR_SYSCALL:
    case SSL_ERROR_ZERO_RETURN:
    case SSL_ERROR_WANT_CONNECT:
    case SSL_ERROR_WANT_ACCEPT:
    case SSL_ERROR_WANT_ASYNC:
    case SSL_ERROR_WANT_ASYNC_JOB:
    case SSL_ERROR_WANT_CLIENT_HELLO_CB:
    case SSL_ERROR_WANT_RETRY_VERIFY:
        return 1;
    default:
        return 0;
    }
}

/* Checks the SSL_get_error of a call that returned `ret`; returns the error code. A positive
 * return must give SSL_ERROR_NONE; a non-positive one never does (OpenSSL 3.0 maps ret <= 0
 * with an empty queue and no retry flag to SYSCALL or ZERO_RETURN, not NONE). */
static inline int fz_get_error(SSL *s, int ret, const char *what)
{
    int e = SSL_get_error(s, ret);
    if (!fz_valid_ssl_error(e))
        FZ_FAIL("%s returned %d, SSL_get_error %d is not a documented value", what, ret, e);
    if (ret > 0 && e != SSL_ERROR_NONE)
        FZ_FAIL("%s returned %d but SSL_get_error says %d", what, ret, e);
    if (ret <= 0 && e == SSL_ERROR_NONE)
        FZ_FAIL("%s returned %d but SSL_get_error says SSL_ERROR_NONE", what, ret);
    return e;
}

/* Ends an input. A panic inside sslrs is caught by its ABI boundary in normal builds and
 * becomes an ERR_R_INTERNAL_ERROR entry whose function is "sslrs_panic" (under `make fuzz`
 * panics abort instead): finding one fails the replay builds too. Clears the queue. */
static inline void fz_end(void)
{
    const char *func = NULL;
    unsigned long e;
    while ((e = ERR_get_error_all(NULL, NULL, &func, NULL, NULL)) != 0)
        if (func != NULL && strcmp(func, "sslrs_panic") == 0)
            FZ_FAIL("a panic was caught at sslrs's ABI boundary (error %lx)", e);
}

/* Drains a memory BIO (what the SSL wrote to its peer); returns the bytes read. */
static inline size_t fz_drain(BIO *b)
{
    unsigned char buf[4096];
    size_t total = 0;
    int r;
    while ((r = BIO_read(b, buf, sizeof buf)) > 0)
        total += (size_t)r;
    return total;
}

#endif
