/*
 * The cost sslrs's pass-through backend adds to a libcrypto-family call: the same loop of
 * calls, built against OpenSSL (libcrypto's function called directly) and against sslrs linked
 * -lsslrs -lcrypto (sslrs's export, which forwards to libcrypto's). Prints one line per
 * function: "<name> <ns per call>". Run by `make bench` (bench/forward.sh compares the builds).
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static volatile long sink;

#define MEASURE(name, n, expr)                                                                    \
    do {                                                                                       \
        double t0 = now();                                                                     \
        for (long i = 0; i < (n); i++)                                                         \
            sink += (long)(expr);                                                              \
        printf("%-18s %.2f\n", name, (now() - t0) * 1e9 / (double)(n));                        \
    } while (0)

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 20000000L;
    SSL_CTX *ctx = SSL_CTX_new(TLS_method()); /* decides sslrs's backend */
    BIO *mem = BIO_new(BIO_s_mem());

    if (ctx == NULL || mem == NULL || BIO_write(mem, "x", 1) != 1)
        return 1;
    MEASURE("BIO_test_flags", n, BIO_test_flags(mem, BIO_FLAGS_SHOULD_RETRY));
    MEASURE("BIO_ctrl_pending", n, BIO_ctrl_pending(mem));
    MEASURE("ERR_peek_error", n, ERR_peek_error());
    BIO_free(mem);
    SSL_CTX_free(ctx);
    return 0;
}
