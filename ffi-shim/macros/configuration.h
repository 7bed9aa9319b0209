/*
 * sslrs: <openssl/configuration.h>. The build settings OpenSSL 3.0 reports to programs (the
 * values of a default Linux x86_64 build of 3.0.19), so OpenSSL's own headers that sslrs does not
 * ship (<openssl/conf.h>, <openssl/bn.h>, ...) compose with ours: they test
 * OPENSSL_CONFIGURED_API, OPENSSL_NO_<feature> and the BN_ULONG word size.
 */
#ifdef __cplusplus
extern "C" {
#endif

#ifndef OPENSSL_CONFIGURED_API
#define OPENSSL_CONFIGURED_API 30000
#endif
#ifndef OPENSSL_RAND_SEED_OS
#define OPENSSL_RAND_SEED_OS
#endif
#ifndef OPENSSL_THREADS
#define OPENSSL_THREADS
#endif
#ifndef OPENSSL_NO_ACVP_TESTS
#define OPENSSL_NO_ACVP_TESTS
#endif
#ifndef OPENSSL_NO_ASAN
#define OPENSSL_NO_ASAN
#endif
#ifndef OPENSSL_NO_CAPIENG
#define OPENSSL_NO_CAPIENG
#endif
#ifndef OPENSSL_NO_CRYPTO_MDEBUG
#define OPENSSL_NO_CRYPTO_MDEBUG
#endif
#ifndef OPENSSL_NO_CRYPTO_MDEBUG_BACKTRACE
#define OPENSSL_NO_CRYPTO_MDEBUG_BACKTRACE
#endif
#ifndef OPENSSL_NO_DEVCRYPTOENG
#define OPENSSL_NO_DEVCRYPTOENG
#endif
#ifndef OPENSSL_NO_EGD
#define OPENSSL_NO_EGD
#endif
#ifndef OPENSSL_NO_EXTERNAL_TESTS
#define OPENSSL_NO_EXTERNAL_TESTS
#endif
#ifndef OPENSSL_NO_FIPS_SECURITYCHECKS
#define OPENSSL_NO_FIPS_SECURITYCHECKS
#endif
#ifndef OPENSSL_NO_FUZZ_AFL
#define OPENSSL_NO_FUZZ_AFL
#endif
#ifndef OPENSSL_NO_FUZZ_LIBFUZZER
#define OPENSSL_NO_FUZZ_LIBFUZZER
#endif
#ifndef OPENSSL_NO_HEARTBEATS
#define OPENSSL_NO_HEARTBEATS
#endif
#ifndef OPENSSL_NO_IDEA
#define OPENSSL_NO_IDEA
#endif
#ifndef OPENSSL_NO_MD2
#define OPENSSL_NO_MD2
#endif
#ifndef OPENSSL_NO_MDC2
#define OPENSSL_NO_MDC2
#endif
#ifndef OPENSSL_NO_MSAN
#define OPENSSL_NO_MSAN
#endif
#ifndef OPENSSL_NO_RC5
#define OPENSSL_NO_RC5
#endif
#ifndef OPENSSL_NO_RDRAND
#define OPENSSL_NO_RDRAND
#endif
#ifndef OPENSSL_NO_SCTP
#define OPENSSL_NO_SCTP
#endif
#ifndef OPENSSL_NO_SSL3
#define OPENSSL_NO_SSL3
#endif
#ifndef OPENSSL_NO_SSL3_METHOD
#define OPENSSL_NO_SSL3_METHOD
#endif
#ifndef OPENSSL_NO_TRACE
#define OPENSSL_NO_TRACE
#endif
#ifndef OPENSSL_NO_UBSAN
#define OPENSSL_NO_UBSAN
#endif
#ifndef OPENSSL_NO_UPLINK
#define OPENSSL_NO_UPLINK
#endif
#ifndef OPENSSL_NO_WEAK_SSL_CIPHERS
#define OPENSSL_NO_WEAK_SSL_CIPHERS
#endif
#ifndef OPENSSL_NO_STATIC_ENGINE
#define OPENSSL_NO_STATIC_ENGINE
#endif

/* Word sizes (LP64). */
#undef SIXTY_FOUR_BIT_LONG
#undef SIXTY_FOUR_BIT
#undef THIRTY_TWO_BIT
#define SIXTY_FOUR_BIT_LONG
#define RC4_INT unsigned int

#ifdef __cplusplus
}
#endif
