/*
 * sslrs: <openssl/opensslv.h>. sslrs reproduces OpenSSL 3.0.19 and reports that release, so
 * version checks (`OPENSSL_VERSION_NUMBER >= 0x30000000L`, OPENSSL_VERSION_PREREQ(3, 0)) pass.
 * Deliberate difference: OPENSSL_VERSION_TEXT names sslrs, as OpenSSL_version(OPENSSL_VERSION)
 * does; it still starts with "OpenSSL 3.0.19".
 */
#define OPENSSL_VERSION_MAJOR  3
#define OPENSSL_VERSION_MINOR  0
#define OPENSSL_VERSION_PATCH  19
#define OPENSSL_VERSION_PRE_RELEASE ""
#define OPENSSL_VERSION_BUILD_METADATA ""
#define OPENSSL_SHLIB_VERSION 3

#define OPENSSL_VERSION_PREREQ(maj, min) \
    ((OPENSSL_VERSION_MAJOR << 16) + OPENSSL_VERSION_MINOR >= ((maj) << 16) + (min))

#define OPENSSL_VERSION_STR "3.0.19"
#define OPENSSL_FULL_VERSION_STR "3.0.19"
#define OPENSSL_RELEASE_DATE "27 Jan 2026"
#define OPENSSL_VERSION_TEXT "OpenSSL 3.0.19-compatible (sslrs 0.1.0)"

#define OPENSSL_VERSION_NUMBER          \
    ( (OPENSSL_VERSION_MAJOR<<28)        \
      |(OPENSSL_VERSION_MINOR<<20)       \
      |(OPENSSL_VERSION_PATCH<<4)        \
      |0x0L )

#define SSLRS_VERSION_TEXT "sslrs 0.1.0"
