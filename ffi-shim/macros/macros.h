/*
 * sslrs: <openssl/macros.h>. The API-level and deprecation machinery of OpenSSL 3.0 as
 * documented in openssl_user_macros(7): OPENSSL_API_COMPAT (0xMNNFFPPSL or MNNFF form) selects
 * OPENSSL_API_LEVEL (default OPENSSL_CONFIGURED_API, 30000); OPENSSL_NO_DEPRECATED hides what was
 * deprecated at or before that level (OPENSSL_NO_DEPRECATED_x_y); otherwise such declarations
 * carry a deprecation attribute unless OPENSSL_SUPPRESS_DEPRECATED is defined.
 * Function-like definitions are spelled as OpenSSL's (a test compares them token for token).
 */
#define OPENSSL_MSTR_HELPER(x) #x
#define OPENSSL_MSTR(x) OPENSSL_MSTR_HELPER(x)
#define NON_EMPTY_TRANSLATION_UNIT static void *dummy = &dummy;

#ifndef OSSL_DEPRECATED
#undef OSSL_DEPRECATED_FOR
#if !defined(OPENSSL_SUPPRESS_DEPRECATED) && defined(__GNUC__)
#define OSSL_DEPRECATED(since) \
    __attribute__((deprecated("Since OpenSSL " #since)))
#define OSSL_DEPRECATED_FOR(since, message) \
    __attribute__((deprecated("Since OpenSSL " #since ";" message)))
#else
#define OSSL_DEPRECATED(since) extern
#define OSSL_DEPRECATED_FOR(since, message) extern
#endif
#endif

#ifdef OPENSSL_API_LEVEL
#error "OPENSSL_API_LEVEL must not be defined by application"
#endif
#if defined(OPENSSL_API_COMPAT) && OPENSSL_API_COMPAT >= 0x900000L
#define OPENSSL_API_LEVEL                           \
    (((OPENSSL_API_COMPAT >> 28) & 0xF) * 10000     \
        + ((OPENSSL_API_COMPAT >> 20) & 0xFF) * 100 \
        + ((OPENSSL_API_COMPAT >> 12) & 0xFF))
#elif defined(OPENSSL_API_COMPAT)
#define OPENSSL_API_LEVEL (OPENSSL_API_COMPAT)
#else
#define OPENSSL_API_LEVEL (OPENSSL_CONFIGURED_API)
#endif
#if OPENSSL_API_LEVEL > OPENSSL_CONFIGURED_API
#error "The requested API level higher than the configured API compatibility level"
#endif
#if OPENSSL_API_LEVEL > 30000 || OPENSSL_API_LEVEL < 908 \
    || (OPENSSL_API_LEVEL < 30000 && OPENSSL_API_LEVEL >= 20000)
#error "OPENSSL_API_COMPAT expresses an impossible API compatibility level"
#endif

#undef OPENSSL_NO_DEPRECATED_3_0
#undef OPENSSL_NO_DEPRECATED_1_1_1
#undef OPENSSL_NO_DEPRECATED_1_1_0
#undef OPENSSL_NO_DEPRECATED_1_0_2
#undef OPENSSL_NO_DEPRECATED_1_0_1
#undef OPENSSL_NO_DEPRECATED_1_0_0
#undef OPENSSL_NO_DEPRECATED_0_9_8

/* One block per release: (level, name, text). */
#if OPENSSL_API_LEVEL < 30000
#define OSSL_DEPRECATEDIN_3_0
#define OSSL_DEPRECATEDIN_3_0_FOR(msg)
#elif defined(OPENSSL_NO_DEPRECATED)
#define OPENSSL_NO_DEPRECATED_3_0
#else
#define OSSL_DEPRECATEDIN_3_0 OSSL_DEPRECATED(3.0)
#define OSSL_DEPRECATEDIN_3_0_FOR(msg) OSSL_DEPRECATED_FOR(3.0, msg)
#endif
#if OPENSSL_API_LEVEL < 10101
#define OSSL_DEPRECATEDIN_1_1_1
#define OSSL_DEPRECATEDIN_1_1_1_FOR(msg)
#elif defined(OPENSSL_NO_DEPRECATED)
#define OPENSSL_NO_DEPRECATED_1_1_1
#else
#define OSSL_DEPRECATEDIN_1_1_1 OSSL_DEPRECATED(1.1.1)
#define OSSL_DEPRECATEDIN_1_1_1_FOR(msg) OSSL_DEPRECATED_FOR(1.1.1, msg)
#endif
#if OPENSSL_API_LEVEL < 10100
#define OSSL_DEPRECATEDIN_1_1_0
#define OSSL_DEPRECATEDIN_1_1_0_FOR(msg)
#elif defined(OPENSSL_NO_DEPRECATED)
#define OPENSSL_NO_DEPRECATED_1_1_0
#else
#define OSSL_DEPRECATEDIN_1_1_0 OSSL_DEPRECATED(1.1.0)
#define OSSL_DEPRECATEDIN_1_1_0_FOR(msg) OSSL_DEPRECATED_FOR(1.1.0, msg)
#endif
#if OPENSSL_API_LEVEL < 10002
#define OSSL_DEPRECATEDIN_1_0_2
#define OSSL_DEPRECATEDIN_1_0_2_FOR(msg)
#elif defined(OPENSSL_NO_DEPRECATED)
#define OPENSSL_NO_DEPRECATED_1_0_2
#else
#define OSSL_DEPRECATEDIN_1_0_2 OSSL_DEPRECATED(1.0.2)
#define OSSL_DEPRECATEDIN_1_0_2_FOR(msg) OSSL_DEPRECATED_FOR(1.0.2, msg)
#endif
#if OPENSSL_API_LEVEL < 10001
#define OSSL_DEPRECATEDIN_1_0_1
#define OSSL_DEPRECATEDIN_1_0_1_FOR(msg)
#elif defined(OPENSSL_NO_DEPRECATED)
#define OPENSSL_NO_DEPRECATED_1_0_1
#else
#define OSSL_DEPRECATEDIN_1_0_1 OSSL_DEPRECATED(1.0.1)
#define OSSL_DEPRECATEDIN_1_0_1_FOR(msg) OSSL_DEPRECATED_FOR(1.0.1, msg)
#endif
#if OPENSSL_API_LEVEL < 10000
#define OSSL_DEPRECATEDIN_1_0_0
#define OSSL_DEPRECATEDIN_1_0_0_FOR(msg)
#elif defined(OPENSSL_NO_DEPRECATED)
#define OPENSSL_NO_DEPRECATED_1_0_0
#else
#define OSSL_DEPRECATEDIN_1_0_0 OSSL_DEPRECATED(1.0.0)
#define OSSL_DEPRECATEDIN_1_0_0_FOR(msg) OSSL_DEPRECATED_FOR(1.0.0, msg)
#endif
#if OPENSSL_API_LEVEL < 908
#define OSSL_DEPRECATEDIN_0_9_8
#define OSSL_DEPRECATEDIN_0_9_8_FOR(msg)
#elif defined(OPENSSL_NO_DEPRECATED)
#define OPENSSL_NO_DEPRECATED_0_9_8
#else
#define OSSL_DEPRECATEDIN_0_9_8 OSSL_DEPRECATED(0.9.8)
#define OSSL_DEPRECATEDIN_0_9_8_FOR(msg) OSSL_DEPRECATED_FOR(0.9.8, msg)
#endif

#ifndef OPENSSL_FILE
#ifdef OPENSSL_NO_FILENAMES
#define OPENSSL_FILE ""
#define OPENSSL_LINE 0
#else
#define OPENSSL_FILE __FILE__
#define OPENSSL_LINE __LINE__
#endif
#endif
#ifndef OPENSSL_FUNC
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define OPENSSL_FUNC __func__
#elif defined(__GNUC__) && __GNUC__ >= 2
#define OPENSSL_FUNC __FUNCTION__
#else
#define OPENSSL_FUNC "(unknown function)"
#endif
#endif
