/*
 * sslrs: the C-variadic functions of <openssl/err.h>.
 *
 * Stable Rust cannot define C-variadic functions, so these format (or concatenate) into a
 * bounded buffer and hand the text to one non-variadic Rust function each
 * (src/ffi/err.rs: sslrs_err_set_error, sslrs_err_add_error_data).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ERR_MAX_DATA_SIZE: OpenSSL formats ERR_set_error data into a buffer this big. */
#define SSLRS_ERR_MAX_DATA_SIZE 1024
/* Bound for ERR_add_error_data's concatenation (OpenSSL grows without bound). */
#define SSLRS_ERR_ADD_DATA_MAX 4096

/* Implemented in Rust (src/ffi/err.rs). */
void sslrs_err_set_error(int lib, int reason, const char *data);
void sslrs_err_add_error_data(const char *txt);

void ERR_vset_error(int lib, int reason, const char *fmt, va_list args);
void ERR_set_error(int lib, int reason, const char *fmt, ...);
void ERR_add_error_vdata(int num, va_list args);
void ERR_add_error_data(int num, ...);
void *sslrs_forward_sym(const char *name);

__attribute__((format(printf, 3, 0)))
void ERR_vset_error(int lib, int reason, const char *fmt, va_list args)
{
    char buf[SSLRS_ERR_MAX_DATA_SIZE];
    static void (*fwd)(int, int, const char *, va_list);

    if (fwd == NULL)
        fwd = (void (*)(int, int, const char *, va_list))sslrs_forward_sym("ERR_vset_error");
    if (fwd != NULL) {
        fwd(lib, reason, fmt, args);
        return;
    }
    if (fmt == NULL) {
        sslrs_err_set_error(lib, reason, NULL);
        return;
    }
    if (vsnprintf(buf, sizeof(buf), fmt, args) < 0)
        buf[0] = '\0';
    sslrs_err_set_error(lib, reason, buf);
}

__attribute__((format(printf, 3, 4)))
void ERR_set_error(int lib, int reason, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    ERR_vset_error(lib, reason, fmt, args);
    va_end(args);
}

void ERR_add_error_vdata(int num, va_list args)
{
    char buf[SSLRS_ERR_ADD_DATA_MAX];
    size_t used = 0;
    int i;
    static void (*fwd)(int, va_list);

    if (fwd == NULL)
        fwd = (void (*)(int, va_list))sslrs_forward_sym("ERR_add_error_vdata");
    if (fwd != NULL) {
        fwd(num, args);
        return;
    }

    buf[0] = '\0';
    for (i = 0; i < num; i++) {
        const char *a = va_arg(args, const char *);
        size_t n;

        if (a == NULL)
            a = "<NULL>";
        n = strlen(a);
        if (n > sizeof(buf) - 1 - used)
            n = sizeof(buf) - 1 - used;
        memcpy(buf + used, a, n);
        used += n;
        buf[used] = '\0';
    }
    sslrs_err_add_error_data(buf);
}

void ERR_add_error_data(int num, ...)
{
    va_list args;

    va_start(args, num);
    ERR_add_error_vdata(num, args);
    va_end(args);
}
