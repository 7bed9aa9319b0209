/*
 * sslrs: BIO_printf / BIO_vprintf (C-variadic, so written in C). The text is formatted with the
 * C library's vsnprintf into a stack buffer (heap for long output) and handed to the exported
 * Rust BIO_write, whose result is returned, as OpenSSL does.
 * Deviation: formatting is glibc's printf, not OpenSSL's own formatter (identical for the
 * ordinary conversions; OpenSSL rejects %n, which glibc honours).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct bio_st BIO;

int BIO_write(BIO *b, const void *data, int dlen);
int BIO_vprintf(BIO *bio, const char *format, va_list args);
int BIO_printf(BIO *bio, const char *format, ...);
void *sslrs_forward_sym(const char *name);

int BIO_vprintf(BIO *bio, const char *format, va_list args)
{
    char small[1024];
    char *buf = small;
    va_list again;
    int n, ret;

    {
        /* Pass-through backend: libcrypto's own BIO_vprintf on libcrypto's BIO. */
        static int (*fwd)(BIO *, const char *, va_list);
        if (fwd == NULL)
            fwd = (int (*)(BIO *, const char *, va_list))sslrs_forward_sym("BIO_vprintf");
        if (fwd != NULL)
            return fwd(bio, format, args);
    }
    if (format == NULL)
        return -1;
    va_copy(again, args);
    n = vsnprintf(small, sizeof(small), format, args);
    if (n < 0) {
        va_end(again);
        return -1;
    }
    if ((size_t)n >= sizeof(small)) {
        if (n == INT_MAX || (buf = malloc((size_t)n + 1)) == NULL) {
            va_end(again);
            return -1;
        }
        n = vsnprintf(buf, (size_t)n + 1, format, again);
    }
    va_end(again);
    ret = n < 0 ? -1 : BIO_write(bio, buf, n);
    if (buf != small)
        free(buf);
    return ret;
}

int BIO_printf(BIO *bio, const char *format, ...)
{
    va_list args;
    int ret;

    va_start(args, format);
    ret = BIO_vprintf(bio, format, args);
    va_end(args);
    return ret;
}
