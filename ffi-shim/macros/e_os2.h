/*
 * sslrs: <openssl/e_os2.h> (OpenSSL 3.0): platform macros for the only platform sslrs builds on
 * (Linux, LP64, GCC-compatible compilers), so OpenSSL's other headers compose with ours.
 */
#include <stdint.h>
#include <inttypes.h>
#include <sys/types.h>
#include <limits.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef OPENSSL_SYS_UNIX
#define OPENSSL_SYS_UNIX
#endif
#ifndef OPENSSL_SYS_LINUX
#define OPENSSL_SYS_LINUX
#endif
#ifndef OPENSSL_EXPORT
#define OPENSSL_EXPORT extern
#endif
#ifndef OPENSSL_EXTERN
#define OPENSSL_EXTERN extern
#endif
#ifndef ossl_ssize_t
#define ossl_ssize_t ssize_t
#endif
#ifndef OSSL_SSIZE_MAX
#if defined(SSIZE_MAX)
#define OSSL_SSIZE_MAX SSIZE_MAX
#elif defined(_POSIX_SSIZE_MAX)
#define OSSL_SSIZE_MAX _POSIX_SSIZE_MAX
#else
#define OSSL_SSIZE_MAX ((ssize_t)(SIZE_MAX >> 1))
#endif
#endif
#ifndef __owur
#if defined(UNUSEDRESULT_DEBUG)
#define __owur __attribute__((__warn_unused_result__))
#else
#define __owur
#endif
#endif
typedef intmax_t ossl_intmax_t;
typedef uintmax_t ossl_uintmax_t;
#ifndef ossl_inline
#if defined(__cplusplus) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L)
#define ossl_inline inline
#else
#define ossl_inline __inline__
#endif
#endif
#ifndef ossl_noreturn
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && !defined(__cplusplus)
#define ossl_noreturn _Noreturn
#else
#define ossl_noreturn __attribute__((noreturn))
#endif
#endif
#ifndef ossl_unused
#define ossl_unused __attribute__((unused))
#endif

#ifdef __cplusplus
}
#endif
