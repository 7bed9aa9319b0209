/*
 * Configuration: cipher strings and the resulting lists (SSL_get_cipher_list, STACK_OF(SSL_CIPHER)
 * through the sk_SSL_CIPHER_* inline functions), SSL_CIPHER descriptions and NIDs, the
 * OPENSSL_sk_* stack, groups and signature-algorithm lists, protocol versions and the
 * version-specific methods, security level, max_send_fragment, read-ahead and options.
 *
 * Cipher lists are compared restricted to the suites sslrs has (TLS 1.3 AES-GCM/ChaCha20 and
 * TLS 1.2 ECDHE with AES-GCM/ChaCha20); OpenSSL's full list is longer. Expected orders were
 * measured against OpenSSL 3.0.19.
 */
#include "testutil.h"

/* The version-specific methods are deprecated since OpenSSL 1.1.0; their behaviour is tested. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

static const char *const ours[] = {
    "TLS_AES_256_GCM_SHA384",        "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_AES_128_GCM_SHA256",        "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",   "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-CHACHA20-POLY1305",   "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
};
#define N_OURS (sizeof(ours) / sizeof(ours[0]))

static int is_ours(const char *n)
{
    size_t i;

    for (i = 0; i < N_OURS; i++)
        if (strcmp(ours[i], n) == 0)
            return 1;
    return 0;
}

/* The TLS 1.2 suites of `s`'s list that sslrs has, "ECDHE-" dropped, ':'-joined. */
static void our_tls12_list(SSL *s, char *out, size_t outlen)
{
    const char *n;
    int i;

    out[0] = '\0';
    for (i = 0; (n = SSL_get_cipher_list(s, i)) != NULL; i++) {
        if (!is_ours(n) || strncmp(n, "TLS_", 4) == 0)
            continue;
        if (out[0] != '\0')
            strncat(out, ":", outlen - strlen(out) - 1);
        strncat(out, n + 6, outlen - strlen(out) - 1);
    }
}

/* The same through SSL_get_ciphers and the typed-stack inline functions. */
static void our_tls12_stack(SSL *s, char *out, size_t outlen)
{
    STACK_OF(SSL_CIPHER) *sk = SSL_get_ciphers(s);
    int i;

    out[0] = '\0';
    for (i = 0; i < sk_SSL_CIPHER_num(sk); i++) {
        const char *n = SSL_CIPHER_get_name(sk_SSL_CIPHER_value(sk, i));

        if (!is_ours(n) || strncmp(n, "TLS_", 4) == 0)
            continue;
        if (out[0] != '\0')
            strncat(out, ":", outlen - strlen(out) - 1);
        strncat(out, n + 6, outlen - strlen(out) - 1);
    }
}

#define ALL6                                                                              \
    "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:"              \
    "RSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256:RSA-AES128-GCM-SHA256"

static const struct {
    const char *str;
    int reason; /* 0: success */
    const char *list;
} strings[] = {
    {"HIGH", 0, ALL6},
    {"DEFAULT", 0, ALL6},
    {"ALL", 0, ALL6},
    {"HIGH:!aNULL:!MD5", 0, ALL6},
    {"kECDHE", 0, ALL6},
    {"ECDHE", 0, ALL6},
    {"EECDH", 0, ALL6},
    {"TLSv1.2", 0, ALL6},
    {"BOGUS:HIGH", 0, ALL6},
    {"ALL:@STRENGTH", 0, ALL6},
    {"AESGCM:CHACHA20:@STRENGTH", 0, ALL6},
    {"ALL@STRENGTH", 0, ALL6},
    {"ALL:@SECLEVEL=5", 0, ALL6},
    {"ECDHE+AESGCM", 0,
     "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384:ECDSA-AES128-GCM-SHA256:"
     "RSA-AES128-GCM-SHA256"},
    {"EECDH+AESGCM:EDH+AESGCM", 0,
     "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384:ECDSA-AES128-GCM-SHA256:"
     "RSA-AES128-GCM-SHA256"},
    {"@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM",
     0,
     "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384:ECDSA-AES128-GCM-SHA256:"
     "RSA-AES128-GCM-SHA256:ECDSA-CHACHA20-POLY1305:RSA-CHACHA20-POLY1305"},
    /* defaults of curl (old), Apache, Mozilla "intermediate", cipherli.st, hardened guides */
    {"ALL:!EXPORT:!EXPORT40:!EXPORT56:!aNULL:!LOW:!RC4:@STRENGTH", 0, ALL6},
    {"HIGH:MEDIUM:!MD5:!RC4:!3DES", 0, ALL6},
    {"HIGH:!aNULL:!kRSA:!PSK:!SRP:!MD5:!RC4", 0, ALL6},
    {"DEFAULT:!DH", 0, ALL6},
    {"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
     "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
     "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
     0,
     "ECDSA-AES128-GCM-SHA256:RSA-AES128-GCM-SHA256:ECDSA-AES256-GCM-SHA384:"
     "RSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:RSA-CHACHA20-POLY1305"},
    {"EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH", 0,
     "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384:ECDSA-AES128-GCM-SHA256:"
     "RSA-AES128-GCM-SHA256"},
    {"ECDHE+CHACHA20:ECDHE+AES256:!SHA1:!SHA256:!SHA384", 0,
     "ECDSA-CHACHA20-POLY1305:RSA-CHACHA20-POLY1305:ECDSA-AES256-GCM-SHA384:"
     "RSA-AES256-GCM-SHA384"},
    {"CHACHA20:AESGCM", 0,
     "ECDSA-CHACHA20-POLY1305:RSA-CHACHA20-POLY1305:ECDSA-AES256-GCM-SHA384:"
     "RSA-AES256-GCM-SHA384:ECDSA-AES128-GCM-SHA256:RSA-AES128-GCM-SHA256"},
    {"aECDSA", 0,
     "ECDSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256"},
    {"ECDSA", 0,
     "ECDSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256"},
    {"aRSA", 0, "RSA-AES256-GCM-SHA384:RSA-CHACHA20-POLY1305:RSA-AES128-GCM-SHA256"},
    {"kEECDH+aRSA", 0, "RSA-AES256-GCM-SHA384:RSA-CHACHA20-POLY1305:RSA-AES128-GCM-SHA256"},
    {"ECDHE:-ECDSA", 0, "RSA-AES256-GCM-SHA384:RSA-CHACHA20-POLY1305:RSA-AES128-GCM-SHA256"},
    {"DEFAULT:!ECDSA:@STRENGTH", 0,
     "RSA-AES256-GCM-SHA384:RSA-CHACHA20-POLY1305:RSA-AES128-GCM-SHA256"},
    {"AES128", 0, "ECDSA-AES128-GCM-SHA256:RSA-AES128-GCM-SHA256"},
    {"AES256", 0, "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384"},
    {"AES", 0,
     "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384:ECDSA-AES128-GCM-SHA256:"
     "RSA-AES128-GCM-SHA256"},
    {"FIPS", 0,
     "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384:ECDSA-AES128-GCM-SHA256:"
     "RSA-AES128-GCM-SHA256"},
    {"CHACHA20", 0, "ECDSA-CHACHA20-POLY1305:RSA-CHACHA20-POLY1305"},
    {"ECDHE-ECDSA-AES128-GCM-SHA256", 0, "ECDSA-AES128-GCM-SHA256"},
    {"-ALL:ECDHE-RSA-AES128-GCM-SHA256", 0, "RSA-AES128-GCM-SHA256"},
    {"ECDHE-RSA-AES128-GCM-SHA256+AES", 0, "RSA-AES128-GCM-SHA256"},
    {"ECDHE+AES128:ECDHE+AES256", 0,
     "ECDSA-AES128-GCM-SHA256:RSA-AES128-GCM-SHA256:ECDSA-AES256-GCM-SHA384:"
     "RSA-AES256-GCM-SHA384"},
    {"ALL:+CHACHA20", 0,
     "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384:ECDSA-AES128-GCM-SHA256:"
     "RSA-AES128-GCM-SHA256:ECDSA-CHACHA20-POLY1305:RSA-CHACHA20-POLY1305"},
    {"ALL:-AESGCM:AESGCM", 0,
     "ECDSA-CHACHA20-POLY1305:RSA-CHACHA20-POLY1305:ECDSA-AES256-GCM-SHA384:"
     "RSA-AES256-GCM-SHA384:ECDSA-AES128-GCM-SHA256:RSA-AES128-GCM-SHA256"},
    {"ALL:!AESGCM:AESGCM", 0, "ECDSA-CHACHA20-POLY1305:RSA-CHACHA20-POLY1305"},
    {"ALL:!aRSA:aRSA", 0,
     "ECDSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256"},
    {"ALL:-aRSA:+aRSA", 0,
     "ECDSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256"},
    {"ALL:+aRSA", 0,
     "ECDSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256:"
     "RSA-AES256-GCM-SHA384:RSA-CHACHA20-POLY1305:RSA-AES128-GCM-SHA256"},
    {"aRSA:ALL", 0,
     "RSA-AES256-GCM-SHA384:RSA-CHACHA20-POLY1305:RSA-AES128-GCM-SHA256:"
     "ECDSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256"},
    {"aRSA;aECDSA", 0,
     "RSA-AES256-GCM-SHA384:RSA-CHACHA20-POLY1305:RSA-AES128-GCM-SHA256:"
     "ECDSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256"},
    {"ALL aRSA", 0, ALL6},
    {"aRSA+BOGUS:aECDSA", 0,
     "ECDSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256"},
    {"ALL:!ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256", 0,
     "ECDSA-AES256-GCM-SHA384:RSA-AES256-GCM-SHA384:ECDSA-CHACHA20-POLY1305:"
     "RSA-CHACHA20-POLY1305:ECDSA-AES128-GCM-SHA256"},
    {"SUITEB128", 0, "ECDSA-AES128-GCM-SHA256:ECDSA-AES256-GCM-SHA384"},
    {"SUITEB128:aRSA", 0, "ECDSA-AES128-GCM-SHA256:ECDSA-AES256-GCM-SHA384"},
    {"SUITEB128ONLY", 0, "ECDSA-AES128-GCM-SHA256"},
    {"SUITEB192", 0, "ECDSA-AES256-GCM-SHA384"},
    /* nothing selected: NO_CIPHER_MATCH, and the TLS 1.2 list is left empty */
    {"", SSL_R_NO_CIPHER_MATCH, NULL},
    {"BOGUS", SSL_R_NO_CIPHER_MATCH, NULL},
    {"!aNULL", SSL_R_NO_CIPHER_MATCH, NULL},
    {"+aRSA", SSL_R_NO_CIPHER_MATCH, NULL},
    {"all", SSL_R_NO_CIPHER_MATCH, NULL},
    {"MEDIUM", SSL_R_NO_CIPHER_MATCH, NULL},
    {"RC4", SSL_R_NO_CIPHER_MATCH, NULL},
    {"TLS_AES_128_GCM_SHA256", SSL_R_NO_CIPHER_MATCH, NULL},
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", SSL_R_NO_CIPHER_MATCH, NULL},
    {"ECDHE-RSA-AES128-GCM-SHA256:!AES128", SSL_R_NO_CIPHER_MATCH, NULL},
    {"@SECLEVEL=5", SSL_R_NO_CIPHER_MATCH, NULL},
    {"PROFILE=SYSTEM", SSL_R_NO_CIPHER_MATCH, NULL},
    /* malformed: INVALID_COMMAND */
    {"@FOO", SSL_R_INVALID_COMMAND, NULL},
    {"ALL:@FOO", SSL_R_INVALID_COMMAND, NULL},
    {"@SECLEVEL=a", SSL_R_INVALID_COMMAND, NULL},
    {"ALL:@SECLEVEL=", SSL_R_INVALID_COMMAND, NULL},
    {"ALL:@SECLEVEL=10", SSL_R_INVALID_COMMAND, NULL},
    {"@SECLEVEL=6", SSL_R_INVALID_COMMAND, NULL},
    {"ALL:@STRENGTHX", SSL_R_INVALID_COMMAND, NULL},
    {"ALL:#FOO", SSL_R_INVALID_COMMAND, NULL},
    {"ALL:!", SSL_R_INVALID_COMMAND, NULL},
    {"ALL:+", SSL_R_INVALID_COMMAND, NULL},
    {"-", SSL_R_INVALID_COMMAND, NULL},
    {"aRSA+", SSL_R_INVALID_COMMAND, NULL},
    {"aRSA:!:aECDSA", SSL_R_INVALID_COMMAND, NULL},
};

static int test_cipher_strings(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    char got[1024], via_stack[1024];
    size_t i;
    int ret = 0, r;

    for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        SSL_CTX_free(ctx);
        SSL_free(s);
        s = NULL;
        if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())))
            goto end;
        /* start from a list that differs from every expected one */
        if (!TEST_int_eq(SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES256-GCM-SHA384"), 1))
            goto end;
        ERR_clear_error();
        r = SSL_CTX_set_cipher_list(ctx, strings[i].str);
        if (!TEST_int_eq(r, strings[i].reason == 0)) {
            tu_log("  cipher string \"%s\"", strings[i].str);
            goto end;
        }
        if (strings[i].reason != 0
            && (!TEST_int_eq(ERR_GET_LIB(ERR_peek_error()), ERR_LIB_SSL)
                || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), strings[i].reason)
                || !TEST_ulong_eq(ERR_get_error(), 0))) {
            tu_log("  cipher string \"%s\"", strings[i].str);
            goto end;
        }
        if (!TEST_ptr(s = SSL_new(ctx)))
            goto end;
        our_tls12_list(s, got, sizeof(got));
        our_tls12_stack(s, via_stack, sizeof(via_stack));
        printf("  %-45s -> %s\n", strings[i].str, got);
        /* NO_CIPHER_MATCH empties the TLS 1.2 list; INVALID_COMMAND leaves it */
        if (!TEST_str_eq(got, strings[i].list != NULL                       ? strings[i].list
                              : strings[i].reason == SSL_R_NO_CIPHER_MATCH ? ""
                                                                           : "ECDSA-AES256-GCM-SHA384")
            || !TEST_str_eq(via_stack, got)) {
            tu_log("  cipher string \"%s\"", strings[i].str);
            goto end;
        }
        /* TLS 1.3 suites lead the list, in OpenSSL's default order */
        if (!TEST_str_eq(SSL_get_cipher_list(s, 0), "TLS_AES_256_GCM_SHA384")
            || !TEST_str_eq(SSL_get_cipher_list(s, 1), "TLS_CHACHA20_POLY1305_SHA256")
            || !TEST_str_eq(SSL_get_cipher_list(s, 2), "TLS_AES_128_GCM_SHA256"))
            goto end;
    }
    /* SSL_set_cipher_list: per connection; SSL_get_cipher_list bounds */
    if (!TEST_int_eq(SSL_set_cipher_list(s, "aRSA:@SECLEVEL=1"), 1)
        || !TEST_int_eq(SSL_get_security_level(s), 1)
        || !TEST_int_eq(SSL_CTX_get_security_level(ctx), 2))
        goto end;
    our_tls12_list(s, got, sizeof(got));
    if (!TEST_str_eq(got, "RSA-AES256-GCM-SHA384:RSA-CHACHA20-POLY1305:RSA-AES128-GCM-SHA256")
        || !TEST_int_eq(SSL_set_cipher_list(s, "BOGUS"), 0)
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), SSL_R_NO_CIPHER_MATCH)
        || !TEST_ptr_null(SSL_get_cipher_list(s, -1))
        || !TEST_ptr_null(SSL_get_cipher_list(s, 10000))
        || !TEST_ptr_null(SSL_get_cipher_list(NULL, 0)))
        goto end;
    /* @SECLEVEL sets the context's level */
    if (!TEST_int_eq(SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0"), 1)
        || !TEST_int_eq(SSL_CTX_get_security_level(ctx), 0))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

static const struct {
    const char *name;
    const char *desc;
    unsigned id;
    int kx, auth, cipher, md;
} infos[] = {
    {"TLS_AES_256_GCM_SHA384",
     "TLS_AES_256_GCM_SHA384         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(256)            Mac=AEAD\n",
     0x03001302, NID_kx_any, NID_auth_any, NID_aes_256_gcm, NID_sha384},
    {"TLS_CHACHA20_POLY1305_SHA256",
     "TLS_CHACHA20_POLY1305_SHA256   TLSv1.3 Kx=any      Au=any   Enc=CHACHA20/POLY1305(256) Mac=AEAD\n",
     0x03001303, NID_kx_any, NID_auth_any, NID_chacha20_poly1305, NID_sha256},
    {"TLS_AES_128_GCM_SHA256",
     "TLS_AES_128_GCM_SHA256         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(128)            Mac=AEAD\n",
     0x03001301, NID_kx_any, NID_auth_any, NID_aes_128_gcm, NID_sha256},
    {"ECDHE-ECDSA-AES256-GCM-SHA384",
     "ECDHE-ECDSA-AES256-GCM-SHA384  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=AESGCM(256)            Mac=AEAD\n",
     0x0300C02C, NID_kx_ecdhe, NID_auth_ecdsa, NID_aes_256_gcm, NID_sha384},
    {"ECDHE-RSA-AES256-GCM-SHA384",
     "ECDHE-RSA-AES256-GCM-SHA384    TLSv1.2 Kx=ECDH     Au=RSA   Enc=AESGCM(256)            Mac=AEAD\n",
     0x0300C030, NID_kx_ecdhe, NID_auth_rsa, NID_aes_256_gcm, NID_sha384},
    {"ECDHE-ECDSA-CHACHA20-POLY1305",
     "ECDHE-ECDSA-CHACHA20-POLY1305  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=CHACHA20/POLY1305(256) Mac=AEAD\n",
     0x0300CCA9, NID_kx_ecdhe, NID_auth_ecdsa, NID_chacha20_poly1305, NID_sha256},
    {"ECDHE-RSA-CHACHA20-POLY1305",
     "ECDHE-RSA-CHACHA20-POLY1305    TLSv1.2 Kx=ECDH     Au=RSA   Enc=CHACHA20/POLY1305(256) Mac=AEAD\n",
     0x0300CCA8, NID_kx_ecdhe, NID_auth_rsa, NID_chacha20_poly1305, NID_sha256},
    {"ECDHE-ECDSA-AES128-GCM-SHA256",
     "ECDHE-ECDSA-AES128-GCM-SHA256  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=AESGCM(128)            Mac=AEAD\n",
     0x0300C02B, NID_kx_ecdhe, NID_auth_ecdsa, NID_aes_128_gcm, NID_sha256},
    {"ECDHE-RSA-AES128-GCM-SHA256",
     "ECDHE-RSA-AES128-GCM-SHA256    TLSv1.2 Kx=ECDH     Au=RSA   Enc=AESGCM(128)            Mac=AEAD\n",
     0x0300C02F, NID_kx_ecdhe, NID_auth_rsa, NID_aes_128_gcm, NID_sha256},
};

static int test_cipher_info(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    STACK_OF(SSL_CIPHER) *sk;
    const SSL_CIPHER *c;
    char buf[128], small[127], *alloc = NULL;
    unsigned char id[2];
    size_t i;
    int j, found, ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())) || !TEST_ptr(s = SSL_new(ctx))
        || !TEST_ptr(sk = SSL_CTX_get_ciphers(ctx))
        || !TEST_true(SSL_CTX_get_ciphers(ctx) == sk) /* owned by the context */
        || !TEST_ptr(SSL_get_ciphers(s)) || !TEST_ptr_null(SSL_get_ciphers(NULL))
        || !TEST_ptr_null(SSL_CTX_get_ciphers(NULL)))
        goto end;
    for (i = 0; i < sizeof(infos) / sizeof(infos[0]); i++) {
        found = 0;
        for (j = 0; j < sk_SSL_CIPHER_num(sk); j++) {
            c = sk_SSL_CIPHER_value(sk, j);
            if (strcmp(SSL_CIPHER_get_name(c), infos[i].name) != 0)
                continue;
            found = 1;
            id[0] = (unsigned char)(infos[i].id >> 8);
            id[1] = (unsigned char)infos[i].id;
            if (!TEST_str_eq(SSL_CIPHER_description(c, buf, sizeof(buf)), infos[i].desc)
                || !TEST_ulong_eq(SSL_CIPHER_get_id(c), infos[i].id)
                || !TEST_int_eq(SSL_CIPHER_get_protocol_id(c), infos[i].id & 0xFFFF)
                || !TEST_int_eq(SSL_CIPHER_get_kx_nid(c), infos[i].kx)
                || !TEST_int_eq(SSL_CIPHER_get_auth_nid(c), infos[i].auth)
                || !TEST_int_eq(SSL_CIPHER_get_cipher_nid(c), infos[i].cipher)
                || !TEST_int_eq(SSL_CIPHER_get_digest_nid(c), NID_undef)
                || !TEST_int_eq(EVP_MD_get_type(SSL_CIPHER_get_handshake_digest(c)), infos[i].md)
                || !TEST_int_eq(SSL_CIPHER_is_aead(c), 1)
                || !TEST_true(SSL_CIPHER_find(s, id) == c))
                goto end;
        }
        if (!TEST_true(found)) {
            tu_log("  %s not in SSL_CTX_get_ciphers", infos[i].name);
            goto end;
        }
    }
    c = sk_SSL_CIPHER_value(sk, 0);
    id[0] = 0x12;
    id[1] = 0x34;
    if (!TEST_ptr_null(SSL_CIPHER_description(c, small, sizeof(small)))
        || !TEST_ptr(alloc = SSL_CIPHER_description(c, NULL, 0))
        || !TEST_str_eq(alloc, infos[0].desc) || !TEST_ptr_null(SSL_CIPHER_find(s, id))
        || !TEST_int_eq(EVP_MD_get_size(EVP_sha256()), 32)
        || !TEST_int_eq(EVP_MD_get_size(EVP_sha384()), 48)
        || !TEST_str_eq(EVP_MD_get0_name(EVP_sha256()), "SHA256")
        || !TEST_int_eq(EVP_MD_type(EVP_sha1()), NID_sha1))
        goto end;
    /* a connection uses its context's current lists until it sets its own */
    j = sk_SSL_CIPHER_num(SSL_get_ciphers(s));
    if (!TEST_int_eq(SSL_CTX_set_cipher_list(ctx, "aECDSA"), 1)
        || !TEST_int_lt(sk_SSL_CIPHER_num(SSL_CTX_get_ciphers(ctx)), j)
        || !TEST_int_eq(sk_SSL_CIPHER_num(SSL_get_ciphers(s)),
                        sk_SSL_CIPHER_num(SSL_CTX_get_ciphers(ctx)))
        || !TEST_int_eq(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256"), 1)
        || !TEST_str_eq(SSL_get_cipher_list(s, 0), "TLS_AES_128_GCM_SHA256")
        || !TEST_int_eq(SSL_set_ciphersuites(s, "TLS_CHACHA20_POLY1305_SHA256"), 1)
        || !TEST_str_eq(SSL_get_cipher_list(s, 1), "ECDHE-ECDSA-AES256-GCM-SHA384")
        || !TEST_int_eq(SSL_CTX_set_cipher_list(ctx, "aRSA"), 1)
        || !TEST_str_eq(SSL_get_cipher_list(s, 0), "TLS_CHACHA20_POLY1305_SHA256")
        || !TEST_str_eq(SSL_get_cipher_list(s, 1), "ECDHE-ECDSA-AES256-GCM-SHA384"))
        goto end;
    /* client side: no shared ciphers */
    if (!TEST_ptr_null(SSL_get_shared_ciphers(s, buf, sizeof(buf))))
        goto end;
    ret = 1;
end:
    OPENSSL_free(alloc);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

static int by_name(const SSL_CIPHER *const *a, const SSL_CIPHER *const *b)
{
    return strcmp(SSL_CIPHER_get_name(*a), SSL_CIPHER_get_name(*b));
}

static int test_stack(void)
{
    SSL_CTX *ctx = NULL;
    STACK_OF(SSL_CIPHER) *all, *sk = NULL, *dup = NULL;
    const SSL_CIPHER *a, *b, *c;
    int pnum = -1, ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method()))
        || !TEST_ptr(all = SSL_CTX_get_ciphers(ctx)))
        goto end;
    a = sk_SSL_CIPHER_value(all, 0);
    b = sk_SSL_CIPHER_value(all, 1);
    c = sk_SSL_CIPHER_value(all, 2);
    if (!TEST_ptr(sk = sk_SSL_CIPHER_new_null()) || !TEST_int_eq(sk_SSL_CIPHER_num(sk), 0)
        || !TEST_int_eq(sk_SSL_CIPHER_push(sk, a), 1) || !TEST_int_eq(sk_SSL_CIPHER_push(sk, b), 2)
        || !TEST_int_eq(sk_SSL_CIPHER_unshift(sk, c), 3)
        || !TEST_true(sk_SSL_CIPHER_value(sk, 0) == c)
        || !TEST_ptr_null(sk_SSL_CIPHER_value(sk, 3))
        || !TEST_ptr_null(sk_SSL_CIPHER_value(sk, -1))
        || !TEST_int_eq(sk_SSL_CIPHER_find(sk, b), 2) /* no comparison: pointer identity */
        || !TEST_int_eq(sk_SSL_CIPHER_is_sorted(sk), 0))
        goto end;
    /* with a comparison function, find sorts first */
    sk_SSL_CIPHER_set_cmp_func(sk, by_name);
    if (!TEST_int_eq(sk_SSL_CIPHER_find(sk, a), 1) || !TEST_int_eq(sk_SSL_CIPHER_is_sorted(sk), 1)
        || !TEST_str_eq(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(sk, 0)),
                        "TLS_AES_128_GCM_SHA256")
        || !TEST_int_eq(sk_SSL_CIPHER_find_all(sk, a, &pnum), 1) || !TEST_int_eq(pnum, 1)
        || !TEST_int_eq(sk_SSL_CIPHER_insert(sk, a, 99), 4)
        || !TEST_int_eq(sk_SSL_CIPHER_is_sorted(sk), 0)
        || !TEST_true(sk_SSL_CIPHER_delete(sk, 3) == a)
        || !TEST_ptr_null(sk_SSL_CIPHER_delete(sk, 3))
        || !TEST_true(sk_SSL_CIPHER_delete_ptr(sk, b) == b)
        || !TEST_int_eq(sk_SSL_CIPHER_num(sk), 2)
        || !TEST_ptr(dup = sk_SSL_CIPHER_dup(sk)) || !TEST_int_eq(sk_SSL_CIPHER_num(dup), 2)
        || !TEST_true(sk_SSL_CIPHER_pop(sk) == sk_SSL_CIPHER_value(dup, 1))
        || !TEST_true(sk_SSL_CIPHER_shift(sk) == sk_SSL_CIPHER_value(dup, 0))
        || !TEST_ptr_null(sk_SSL_CIPHER_pop(sk)) || !TEST_ptr_null(sk_SSL_CIPHER_shift(sk)))
        goto end;
    sk_SSL_CIPHER_push(dup, b);
    sk_SSL_CIPHER_sort(dup);
    if (!TEST_int_eq(sk_SSL_CIPHER_is_sorted(dup), 1)
        || !TEST_str_eq(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(dup, 2)),
                        "TLS_CHACHA20_POLY1305_SHA256")
        || !TEST_true(sk_SSL_CIPHER_set(dup, 0, c) == c)
        || !TEST_ptr_null(sk_SSL_CIPHER_set(dup, 5, c)))
        goto end;
    ERR_clear_error();
    sk_SSL_CIPHER_zero(dup);
    if (!TEST_int_eq(sk_SSL_CIPHER_num(dup), 0))
        goto end;
    /* NULL stacks (the cases OpenSSL survives) */
    if (!TEST_int_eq(OPENSSL_sk_num(NULL), -1) || !TEST_ptr_null(OPENSSL_sk_value(NULL, 0))
        || !TEST_int_eq(OPENSSL_sk_push(NULL, a), -1) || !TEST_ptr_null(OPENSSL_sk_pop(NULL))
        || !TEST_ptr_null(OPENSSL_sk_shift(NULL)) || !TEST_ptr_null(OPENSSL_sk_delete(NULL, 0))
        || !TEST_int_eq(OPENSSL_sk_find(NULL, a), -1) || !TEST_int_eq(OPENSSL_sk_is_sorted(NULL), 1)
        || !TEST_ulong_eq(ERR_peek_error(), 0)
        || !TEST_int_eq(OPENSSL_sk_insert(NULL, a, 0), 0)
        || !TEST_int_eq(ERR_GET_LIB(ERR_peek_error()), ERR_LIB_CRYPTO)
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), ERR_R_PASSED_NULL_PARAMETER))
        goto end;
    OPENSSL_sk_free(NULL);
    OPENSSL_sk_zero(NULL);
    OPENSSL_sk_sort(NULL);
    OPENSSL_sk_pop_free(NULL, NULL);
    ret = 1;
end:
    sk_SSL_CIPHER_free(sk);
    sk_SSL_CIPHER_free(dup);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_group_and_sigalg_lists(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    int nids[2] = {NID_X9_62_prime256v1, NID_X25519};
    int bad[1] = {NID_sha256};
    int ret = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "X25519:P-256"), 1)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "prime256v1:secp384r1"), 1)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "x25519"), 1)
        || !TEST_int_eq(SSL_CTX_set1_curves_list(ctx, "secp256r1:P-384"), 1)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "X25519:P-384:P-521:ffdhe2048"), 1)
        || !TEST_int_eq(SSL_set1_groups_list(s, "X25519"), 1)
        || !TEST_int_eq(SSL_set1_curves_list(s, "P-256"), 1)
        || !TEST_int_eq(SSL_CTX_set1_groups(ctx, nids, 2), 1)
        || !TEST_int_eq(SSL_set1_groups(s, nids, 1), 1)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    /* quiet failures: empty element, duplicate, unknown NID */
    if (!TEST_int_eq(SSL_CTX_set1_groups_list(ctx, ""), 0)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "X25519:"), 0)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "X25519::P-256"), 0)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "X25519:X25519"), 0)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "P-256:prime256v1"), 0)
        || !TEST_int_eq(SSL_CTX_set1_groups(ctx, bad, 1), 0)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    /* unknown names: ERR_R_PASSED_INVALID_ARGUMENT */
    if (!TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "BOGUS"), 0)
        || !TEST_int_eq(ERR_GET_LIB(ERR_peek_error()), ERR_LIB_SSL)
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), ERR_R_PASSED_INVALID_ARGUMENT)
        || !TEST_int_eq(SSL_set1_groups_list(s, "X25519:BOGUS"), 0)
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), ERR_R_PASSED_INVALID_ARGUMENT)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "p-256"), 0)
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), ERR_R_PASSED_INVALID_ARGUMENT)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(ctx, "X25519 P-256"), 0)
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), ERR_R_PASSED_INVALID_ARGUMENT))
        goto end;
    /* NULL list: CONF's "list cannot be null"; zero-length NID list: SSL_R_BAD_LENGTH */
    if (!TEST_int_eq(SSL_CTX_set1_groups_list(ctx, NULL), 0)
        || !TEST_int_eq(ERR_GET_LIB(ERR_peek_error()), ERR_LIB_CONF)
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), 115)
        || !TEST_int_eq(SSL_CTX_set1_groups(ctx, nids, 0), 0)
        || !TEST_int_eq(ERR_GET_REASON(ERR_get_error()), SSL_R_BAD_LENGTH))
        goto end;
    /* signature algorithms */
    if (!TEST_int_eq(SSL_CTX_set1_sigalgs_list(ctx, "RSA+SHA256:ECDSA+SHA256"), 1)
        || !TEST_int_eq(
            SSL_CTX_set1_sigalgs_list(ctx, "rsa_pss_rsae_sha256:ecdsa_secp256r1_sha256:ed25519"),
            1)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(ctx, "RSA-PSS+SHA256:PSS+SHA384"), 1)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(ctx, "RSA+sha256"), 1)
        || !TEST_int_eq(SSL_CTX_set1_client_sigalgs_list(ctx, "RSA+SHA256"), 1)
        || !TEST_int_eq(SSL_set1_sigalgs_list(s, "ECDSA+SHA384"), 1)
        || !TEST_int_eq(SSL_set1_client_sigalgs_list(s, "ed25519"), 1)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(ctx, "BOGUS"), 0)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(ctx, "rsa+SHA256"), 0)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(ctx, "ECDSA+MD5"), 0)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(ctx, ""), 0)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(ctx, "RSA+SHA256:RSA+SHA256"), 0)
        || !TEST_ulong_eq(ERR_peek_error(), 0)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(ctx, NULL), 0)
        || !TEST_int_eq(ERR_GET_LIB(ERR_get_error()), ERR_LIB_CONF))
        goto end;
    /* (digest, key type) NID pairs */
    {
        int rsa[] = {NID_sha256, EVP_PKEY_RSA};
        int pss_ec[] = {NID_sha256, EVP_PKEY_RSA_PSS, NID_sha384, EVP_PKEY_EC};
        int ed[] = {NID_undef, EVP_PKEY_ED25519};
        int dup[] = {NID_sha256, EVP_PKEY_RSA, NID_sha256, EVP_PKEY_RSA};
        int md5[] = {NID_md5, EVP_PKEY_RSA};
        int odd[] = {NID_sha256, EVP_PKEY_RSA, NID_sha256};
        int ed_sha[] = {NID_sha512, EVP_PKEY_ED25519};

        if (!TEST_int_eq(SSL_CTX_set1_sigalgs(ctx, rsa, 2), 1)
            || !TEST_int_eq(SSL_CTX_set1_sigalgs(ctx, pss_ec, 4), 1)
            || !TEST_int_eq(SSL_CTX_set1_sigalgs(ctx, ed, 2), 1)
            || !TEST_int_eq(SSL_CTX_set1_sigalgs(ctx, dup, 4), 1)
            || !TEST_int_eq(SSL_CTX_set1_client_sigalgs(ctx, rsa, 2), 1)
            || !TEST_int_eq(SSL_set1_sigalgs(s, rsa, 2), 1)
            || !TEST_int_eq(SSL_CTX_set1_sigalgs(ctx, md5, 2), 0)
            || !TEST_int_eq(SSL_CTX_set1_sigalgs(ctx, odd, 3), 0)
            || !TEST_int_eq(SSL_CTX_set1_sigalgs(ctx, ed_sha, 2), 0)
            || !TEST_ulong_eq(ERR_peek_error(), 0)
            /* an empty list fails as OpenSSL's zero-size allocation does */
            || !TEST_int_eq(SSL_CTX_set1_sigalgs(ctx, rsa, 0), 0)
            || !TEST_ulong_eq(ERR_get_error(), ERR_PACK(ERR_LIB_SSL, 0, ERR_R_MALLOC_FAILURE)))
            goto end;
    }
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

/* A handshake between fresh contexts configured by `cfg`; fills the outcome. */
struct pair {
    SSL_CTX *sctx, *cctx;
    SSL *s, *c;
    struct hs_side ss, cs;
};

static int pair_new(struct pair *p, const SSL_METHOD *sm, const SSL_METHOD *cm)
{
    memset(p, 0, sizeof(*p));
    if (!TEST_ptr(p->sctx = SSL_CTX_new(sm != NULL ? sm : TLS_server_method()))
        || !TEST_ptr(p->cctx = SSL_CTX_new(cm != NULL ? cm : TLS_client_method()))
        || !TEST_int_eq(SSL_CTX_use_certificate_file(p->sctx, cert_path("server-rsa.pem"),
                                                     SSL_FILETYPE_PEM),
                        1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(p->sctx, cert_path("server-rsa.key"),
                                                    SSL_FILETYPE_PEM),
                        1))
        return 0;
    return 1;
}

static int pair_run(struct pair *p)
{
    if (!create_ssl_objects(p->sctx, p->cctx, &p->s, &p->c, NULL, NULL))
        return 0;
    return TEST_true(pump_handshake(p->s, p->c, &p->ss, &p->cs, 50)
                     || p->cs.failed || p->ss.failed);
}

static void pair_free(struct pair *p)
{
    SSL_free(p->s);
    SSL_free(p->c);
    SSL_CTX_free(p->sctx);
    SSL_CTX_free(p->cctx);
}

static int test_groups_negotiated(void)
{
    struct pair p;
    int ret = 0;

    /* the client's only group is used */
    if (!pair_new(&p, NULL, NULL) || !TEST_int_eq(SSL_CTX_set1_groups_list(p.cctx, "P-384"), 1)
        || !pair_run(&p) || !TEST_true(p.cs.done && p.ss.done)
        || !TEST_int_eq(SSL_get_negotiated_group(p.c), NID_secp384r1)
        || !TEST_int_eq(SSL_get_negotiated_group(p.s), NID_secp384r1))
        goto end;
    pair_free(&p);
    /* the server's choice among the client's (TLS 1.3: a HelloRetryRequest) */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(p.cctx, "X25519:P-256"), 1)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(p.sctx, "P-256"), 1) || !pair_run(&p)
        || !TEST_true(p.cs.done && p.ss.done)
        || !TEST_int_eq(SSL_get_negotiated_group(p.c), NID_X9_62_prime256v1)
        || !TEST_int_eq(SSL_get_negotiated_group(p.s), NID_X9_62_prime256v1))
        goto end;
    pair_free(&p);
    /* TLS 1.2 */
    if (!pair_new(&p, NULL, NULL) || !TEST_int_eq(SSL_CTX_set1_groups_list(p.sctx, "X25519"), 1)
        || !TEST_int_eq(SSL_CTX_set_max_proto_version(p.cctx, TLS1_2_VERSION), 1)
        || !pair_run(&p) || !TEST_true(p.cs.done && p.ss.done)
        || !TEST_int_eq(SSL_version(p.c), TLS1_2_VERSION)
        || !TEST_int_eq(SSL_get_negotiated_group(p.c), NID_X25519)
        || !TEST_int_eq(SSL_get_negotiated_group(p.s), NID_X25519))
        goto end;
    pair_free(&p);
    /* no group in common: both sides fail */
    if (!pair_new(&p, NULL, NULL) || !TEST_int_eq(SSL_CTX_set1_groups_list(p.cctx, "X25519"), 1)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(p.sctx, "P-384"), 1) || !pair_run(&p)
        || !TEST_true(p.cs.failed && p.ss.failed)
        || !TEST_int_eq(ERR_GET_REASON(p.ss.errs[0]), SSL_R_NO_SUITABLE_KEY_SHARE))
        goto end;
    ret = 1;
end:
    pair_free(&p);
    return ret;
}

static int test_versions(void)
{
    struct pair p;
    SSL_CTX *ctx = NULL;
    int ret = 0;

    memset(&p, 0, sizeof(p));
    /* version-fixed methods: TLS 1.2 negotiated, getters stay 0 */
    if (!pair_new(&p, NULL, TLSv1_2_client_method()) || !pair_run(&p)
        || !TEST_true(p.cs.done && p.ss.done) || !TEST_int_eq(SSL_version(p.s), TLS1_2_VERSION)
        || !TEST_int_eq(SSL_CTX_get_min_proto_version(p.cctx), 0)
        || !TEST_int_eq(SSL_CTX_get_max_proto_version(p.cctx), 0))
        goto end;
    pair_free(&p);
    if (!pair_new(&p, TLSv1_2_server_method(), NULL) || !pair_run(&p)
        || !TEST_true(p.cs.done && p.ss.done) || !TEST_int_eq(SSL_version(p.c), TLS1_2_VERSION))
        goto end;
    pair_free(&p);
    if (!pair_new(&p, TLSv1_2_method(), TLSv1_2_method()) || !pair_run(&p)
        || !TEST_true(p.cs.done && p.ss.done) || !TEST_int_eq(SSL_version(p.c), TLS1_2_VERSION))
        goto end;
    pair_free(&p);
    /* SSL_OP_NO_TLSv1_3 on the server: TLS 1.2 */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_true(SSL_CTX_set_options(p.sctx, SSL_OP_NO_TLSv1_3) & SSL_OP_NO_TLSv1_3)
        || !pair_run(&p) || !TEST_true(p.cs.done && p.ss.done)
        || !TEST_int_eq(SSL_version(p.c), TLS1_2_VERSION))
        goto end;
    pair_free(&p);
    /* SSL_OP_NO_TLSv1_2 makes a hole: OpenSSL keeps the lowest block (TLS 1.0-1.1), not 1.3 */
    if (!pair_new(&p, NULL, NULL) || !TEST_true(SSL_CTX_set_options(p.cctx, SSL_OP_NO_TLSv1_2))
        || !pair_run(&p) || !TEST_true(p.cs.failed) || !TEST_true(p.ss.failed))
        goto end;
    pair_free(&p);
    /* a server accepts any version enabled on its own: TLS 1.3 here */
    if (!pair_new(&p, NULL, NULL) || !TEST_true(SSL_CTX_set_options(p.sctx, SSL_OP_NO_TLSv1_2))
        || !pair_run(&p) || !TEST_true(p.cs.done && p.ss.done)
        || !TEST_int_eq(SSL_version(p.s), TLS1_3_VERSION))
        goto end;
    pair_free(&p);
    /* ... and a TLS 1.2 client then finds nothing usable: both fail */
    if (!pair_new(&p, NULL, NULL) || !TEST_true(SSL_CTX_set_options(p.sctx, SSL_OP_NO_TLSv1_2))
        || !TEST_true(SSL_CTX_set_options(p.cctx, SSL_OP_NO_TLSv1_3)) || !pair_run(&p)
        || !TEST_true(p.cs.failed && p.ss.failed))
        goto end;
    pair_free(&p);
    if (!pair_new(&p, NULL, NULL)
        || !TEST_true(SSL_CTX_set_options(p.cctx, SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1
                                                      | SSL_OP_NO_TLSv1_2))
        || !pair_run(&p) || !TEST_true(p.cs.done && p.ss.done)
        || !TEST_int_eq(SSL_version(p.c), TLS1_3_VERSION))
        goto end;
    pair_free(&p);
    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_set_min_proto_version(p.cctx, TLS1_2_VERSION), 1)
        || !TEST_true(SSL_CTX_set_options(p.cctx, SSL_OP_NO_TLSv1_2)) || !pair_run(&p)
        || !TEST_true(p.cs.done && p.ss.done) || !TEST_int_eq(SSL_version(p.c), TLS1_3_VERSION))
        goto end;
    pair_free(&p);
    /* a client whose range holds only TLS 1.1: both fail */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_set_max_proto_version(p.cctx, TLS1_1_VERSION), 1)
        || !TEST_int_eq(SSL_CTX_get_max_proto_version(p.cctx), TLS1_1_VERSION)
        || !pair_run(&p) || !TEST_true(p.cs.failed) || !TEST_true(p.ss.failed))
        goto end;
    pair_free(&p);
    /* no protocol at all: a fatal protocol_version alert, sent before reading anything */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_true(SSL_CTX_set_options(p.sctx, SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1
                                                      | SSL_OP_NO_TLSv1_2 | SSL_OP_NO_TLSv1_3))
        || !pair_run(&p) || !TEST_true(p.cs.failed && p.ss.failed)
        || !TEST_ulong_eq(p.ss.errs[0], ERR_PACK(ERR_LIB_SSL, 0, SSL_R_NO_PROTOCOLS_AVAILABLE))
        || !TEST_int_eq(ERR_GET_REASON(p.cs.errs[0]), SSL_R_TLSV1_ALERT_PROTOCOL_VERSION))
        goto end;
    pair_free(&p);
    if (!pair_new(&p, NULL, NULL)
        || !TEST_true(SSL_CTX_set_options(p.cctx, SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1
                                                      | SSL_OP_NO_TLSv1_2 | SSL_OP_NO_TLSv1_3))
        || !pair_run(&p) || !TEST_true(p.cs.failed && p.ss.failed)
        || !TEST_int_eq(ERR_GET_REASON(p.cs.errs[0]), SSL_R_NO_PROTOCOLS_AVAILABLE))
        goto end;
    pair_free(&p);
    /* TLS 1.0/1.1 methods: SSL_CTX_new succeeds, handshakes fail */
    if (!pair_new(&p, NULL, TLSv1_client_method()) || !pair_run(&p) || !TEST_true(p.cs.failed)
        || !TEST_true(p.ss.failed))
        goto end;
    pair_free(&p);
    if (!pair_new(&p, NULL, TLSv1_1_client_method()) || !pair_run(&p)
        || !TEST_true(p.cs.failed) || !TEST_true(p.ss.failed))
        goto end;
    pair_free(&p);
    if (!pair_new(&p, TLSv1_server_method(), NULL) || !pair_run(&p) || !TEST_true(p.ss.failed)
        || !TEST_true(p.cs.failed))
        goto end;
    pair_free(&p);
    memset(&p, 0, sizeof(p));
    /* the other methods exist */
    if (!TEST_ptr(ctx = SSL_CTX_new(TLSv1_method())))
        goto end;
    SSL_CTX_free(ctx);
    if (!TEST_ptr(ctx = SSL_CTX_new(TLSv1_1_method())))
        goto end;
    SSL_CTX_free(ctx);
    if (!TEST_ptr(ctx = SSL_CTX_new(TLSv1_1_server_method())))
        goto end;
    SSL_CTX_free(ctx);
    if (!TEST_ptr(ctx = SSL_CTX_new(DTLS_method())))
        goto end;
    SSL_CTX_free(ctx);
    if (!TEST_ptr(ctx = SSL_CTX_new(DTLS_client_method())))
        goto end;
    SSL_CTX_free(ctx);
    if (!TEST_ptr(ctx = SSL_CTX_new(DTLS_server_method())))
        goto end;
    SSL_CTX_free(ctx);
    if (!TEST_ptr(ctx = SSL_CTX_new(DTLSv1_2_method())))
        goto end;
    SSL_CTX_free(ctx);
    if (!TEST_ptr(ctx = SSL_CTX_new(DTLSv1_2_client_method())))
        goto end;
    SSL_CTX_free(ctx);
    if (!TEST_ptr(ctx = SSL_CTX_new(DTLSv1_2_server_method())))
        goto end;
    SSL_CTX_free(ctx);
    ctx = NULL;
    ret = 1;
end:
    SSL_CTX_free(ctx);
    pair_free(&p);
    return ret;
}

/* SSL_version/SSL_get_version before a handshake: the method's version, not the range's */
static int test_method_versions(void)
{
    static const struct {
        const SSL_METHOD *(*method)(void);
        int version;
        const char *name;
        int server;
    } methods[] = {
        {TLS_method, TLS1_3_VERSION, "TLSv1.3", 1},
        {TLS_client_method, TLS1_3_VERSION, "TLSv1.3", 0},
        {TLSv1_2_method, TLS1_2_VERSION, "TLSv1.2", 1},
        {TLSv1_2_server_method, TLS1_2_VERSION, "TLSv1.2", 1},
        {TLSv1_2_client_method, TLS1_2_VERSION, "TLSv1.2", 0},
        {TLSv1_1_client_method, TLS1_1_VERSION, "TLSv1.1", 0},
        {TLSv1_method, TLS1_VERSION, "TLSv1", 1},
        {DTLS_method, DTLS1_2_VERSION, "DTLSv1.2", 1},
        {DTLS_client_method, DTLS1_2_VERSION, "DTLSv1.2", 0},
        {DTLSv1_2_method, DTLS1_2_VERSION, "DTLSv1.2", 1},
        {DTLSv1_server_method, DTLS1_VERSION, "DTLSv1", 1},
    };
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    size_t i;
    int ret = 0;

    for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
        if (!TEST_ptr(ctx = SSL_CTX_new(methods[i].method())) || !TEST_ptr(s = SSL_new(ctx))
            || !TEST_int_eq(SSL_version(s), methods[i].version)
            || !TEST_str_eq(SSL_get_version(s), methods[i].name)
            || !TEST_int_eq(SSL_is_server(s), methods[i].server))
            goto end;
        SSL_free(s);
        SSL_CTX_free(ctx);
        s = NULL;
        ctx = NULL;
    }
    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method()))
        || !TEST_int_eq(SSL_CTX_set_max_proto_version(ctx, TLS1_1_VERSION), 1)
        || !TEST_ptr(s = SSL_new(ctx)) || !TEST_int_eq(SSL_version(s), TLS1_3_VERSION))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_settings(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    struct pair p;
    unsigned char out[2000], in[4096];
    int ret = 0, bit;

    memset(&p, 0, sizeof(p));
    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method())) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    /* security level: the installed OpenSSL's default is 2; any value is stored */
    if (!TEST_int_eq(SSL_CTX_get_security_level(ctx), 2)
        || !TEST_int_eq(SSL_get_security_level(s), 2))
        goto end;
    SSL_CTX_set_security_level(ctx, 3);
    SSL_free(s);
    if (!TEST_ptr(s = SSL_new(ctx)) || !TEST_int_eq(SSL_get_security_level(s), 3))
        goto end;
    SSL_set_security_level(s, -1);
    if (!TEST_int_eq(SSL_get_security_level(s), -1))
        goto end;
    SSL_set_security_level(s, 9);
    if (!TEST_int_eq(SSL_get_security_level(s), 9))
        goto end;
    /* max_send_fragment: 512..16384 */
    if (!TEST_int_eq(SSL_CTX_set_max_send_fragment(ctx, 1000), 1)
        || !TEST_int_eq(SSL_CTX_set_max_send_fragment(ctx, 511), 0)
        || !TEST_int_eq(SSL_CTX_set_max_send_fragment(ctx, 16385), 0)
        || !TEST_int_eq(SSL_CTX_set_max_send_fragment(ctx, 16384), 1)
        || !TEST_int_eq(SSL_set_max_send_fragment(s, 512), 1)
        || !TEST_int_eq(SSL_set_max_send_fragment(s, 100), 0))
        goto end;
    /* read-ahead: the setter returns the previous value */
    if (!TEST_int_eq(SSL_CTX_get_read_ahead(ctx), 0)
        || !TEST_int_eq(SSL_CTX_set_read_ahead(ctx, 1), 0)
        || !TEST_int_eq(SSL_CTX_get_read_ahead(ctx), 1)
        || !TEST_int_eq(SSL_get_read_ahead(s), 0))
        goto end;
    SSL_set_read_ahead(s, 1);
    if (!TEST_int_eq(SSL_get_read_ahead(s), 1))
        goto end;
    SSL_CTX_set_post_handshake_auth(ctx, 1);
    SSL_set_post_handshake_auth(s, 1);
    /* every option bit is stored and reported */
    SSL_CTX_clear_options(ctx, SSL_CTX_get_options(ctx));
    for (bit = 0; bit < 32; bit++) {
        uint64_t op = (uint64_t)1 << bit;

        if (!TEST_true((SSL_CTX_set_options(ctx, op) & op) == op)
            || !TEST_true((SSL_set_options(s, op) & op) == op))
            goto end;
    }
    if (!TEST_ulong_eq(SSL_CTX_get_options(ctx), 0xFFFFFFFFUL)
        || !TEST_ulong_eq(SSL_CTX_clear_options(ctx, 0xFFFFFFFFUL), 0))
        goto end;
    /* max_send_fragment honoured: records of at most 512 plaintext bytes */
    memset(out, 'x', sizeof(out));
    if (!pair_new(&p, NULL, NULL) || !TEST_int_eq(SSL_CTX_set_max_send_fragment(p.cctx, 512), 1)
        || !pair_run(&p) || !TEST_true(p.cs.done && p.ss.done)
        || !TEST_int_eq(SSL_write(p.c, out, sizeof(out)), (int)sizeof(out))
        || !TEST_int_eq(SSL_read(p.s, in, sizeof(in)), 512)
        || !TEST_int_eq(SSL_read(p.s, in, sizeof(in)), 512)
        || !TEST_int_eq(SSL_write(p.s, out, sizeof(out)), (int)sizeof(out))
        || !TEST_int_eq(SSL_read(p.c, in, sizeof(in)), (int)sizeof(out)))
        goto end;
    ret = 1;
end:
    pair_free(&p);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

/* The security level is enforced on certificate keys: RSA-2048 is 112 bits, P-256 and Ed25519
 * 128; levels 1..5 ask for 80, 112, 128, 192, 256. */
static int test_security_level_keys(void)
{
    static const struct {
        const char *cert;
        int max_level;
    } certs[] = {{"server-rsa.pem", 2}, {"server-ec.pem", 3}, {"server-ed25519.pem", 3}};
    SSL_CTX *ctx = NULL;
    struct pair p;
    size_t i;
    int level, ret = 0;

    memset(&p, 0, sizeof(p));
    for (level = 0; level <= 5; level++) {
        for (i = 0; i < sizeof(certs) / sizeof(certs[0]); i++) {
            int want = level <= certs[i].max_level;

            if (!TEST_ptr(ctx = SSL_CTX_new(TLS_server_method())))
                goto end;
            SSL_CTX_set_security_level(ctx, level);
            ERR_clear_error();
            if (!TEST_int_eq(SSL_CTX_use_certificate_file(ctx, cert_path(certs[i].cert),
                                                          SSL_FILETYPE_PEM),
                             want)
                || (!want
                    && !TEST_ulong_eq(ERR_get_error(),
                                      ERR_PACK(ERR_LIB_SSL, 0, SSL_R_EE_KEY_TOO_SMALL)))) {
                tu_log("  level %d, %s", level, certs[i].cert);
                goto end;
            }
            SSL_CTX_free(ctx);
            ctx = NULL;
        }
    }
    /* a client at level 3 verifying an RSA-2048 server */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(p.cctx, cert_path("ca-bundle.pem"), NULL), 1))
        goto end;
    SSL_CTX_set_security_level(p.cctx, 3);
    SSL_CTX_set_verify(p.cctx, SSL_VERIFY_PEER, NULL);
    if (!pair_run(&p) || !TEST_true(p.cs.failed && p.ss.failed)
        || !TEST_int_eq(ERR_GET_REASON(p.cs.errs[0]), SSL_R_CERTIFICATE_VERIFY_FAILED)
        || !TEST_int_eq(ERR_GET_REASON(p.ss.errs[0]), SSL_R_SSLV3_ALERT_BAD_CERTIFICATE)
        || !TEST_int_eq(SSL_get_verify_result(p.c), X509_V_ERR_EE_KEY_TOO_SMALL))
        goto end;
    pair_free(&p);
    /* without SSL_VERIFY_PEER the result is recorded and the handshake goes on */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(p.cctx, cert_path("ca-bundle.pem"), NULL), 1))
        goto end;
    SSL_CTX_set_security_level(p.cctx, 3);
    if (!pair_run(&p) || !TEST_true(p.cs.done && p.ss.done)
        || !TEST_int_eq(SSL_get_verify_result(p.c), X509_V_ERR_EE_KEY_TOO_SMALL))
        goto end;
    pair_free(&p);
    /* at level 2 it verifies */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_load_verify_locations(p.cctx, cert_path("ca-bundle.pem"), NULL), 1))
        goto end;
    SSL_CTX_set_verify(p.cctx, SSL_VERIFY_PEER, NULL);
    if (!pair_run(&p) || !TEST_true(p.cs.done && p.ss.done)
        || !TEST_int_eq(SSL_get_verify_result(p.c), X509_V_OK))
        goto end;
    ret = 1;
end:
    SSL_CTX_free(ctx);
    pair_free(&p);
    return ret;
}

static void stack_names(STACK_OF(SSL_CIPHER) *sk, char *out, size_t outlen)
{
    int i;

    out[0] = '\0';
    for (i = 0; i < sk_SSL_CIPHER_num(sk); i++) {
        if (i > 0)
            strncat(out, ":", outlen - strlen(out) - 1);
        strncat(out, SSL_CIPHER_get_name(sk_SSL_CIPHER_value(sk, i)), outlen - strlen(out) - 1);
    }
}

/* SSL_get_client_ciphers (server, after the ClientHello) and SSL_get1_supported_ciphers */
static int test_client_and_supported_ciphers(void)
{
    struct pair p;
    STACK_OF(SSL_CIPHER) *sup = NULL;
    char names[512];
    int ret = 0;

    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_set_cipher_list(p.cctx, "ECDHE-RSA-CHACHA20-POLY1305:"
                                                        "ECDHE-RSA-AES128-GCM-SHA256"),
                        1)
        || !TEST_int_eq(SSL_CTX_set_ciphersuites(p.cctx, "TLS_AES_128_GCM_SHA256:"
                                                         "TLS_CHACHA20_POLY1305_SHA256"),
                        1)
        || !create_ssl_objects(p.sctx, p.cctx, &p.s, &p.c, NULL, NULL)
        || !TEST_ptr_null(SSL_get_client_ciphers(p.s))
        || !TEST_ptr_null(SSL_get1_supported_ciphers(NULL)))
        goto end;
    if (!TEST_ptr(sup = SSL_get1_supported_ciphers(p.c)))
        goto end;
    stack_names(sup, names, sizeof(names));
    sk_SSL_CIPHER_free(sup);
    sup = NULL;
    if (!TEST_str_eq(names, "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256:"
                            "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256")
        || !TEST_int_eq(SSL_set_max_proto_version(p.c, TLS1_2_VERSION), 1)
        || !TEST_ptr(sup = SSL_get1_supported_ciphers(p.c)))
        goto end;
    stack_names(sup, names, sizeof(names));
    sk_SSL_CIPHER_free(sup);
    sup = NULL;
    if (!TEST_str_eq(names, "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256")
        || !TEST_int_eq(SSL_set_max_proto_version(p.c, 0), 1)
        || !TEST_int_eq(SSL_set_min_proto_version(p.c, TLS1_3_VERSION), 1)
        || !TEST_ptr(sup = SSL_get1_supported_ciphers(p.c)))
        goto end;
    stack_names(sup, names, sizeof(names));
    sk_SSL_CIPHER_free(sup);
    sup = NULL;
    if (!TEST_str_eq(names, "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256")
        || !TEST_int_eq(SSL_set_min_proto_version(p.c, 0), 1)
        || !TEST_true(create_ssl_connection(p.s, p.c)))
        goto end;
    stack_names(SSL_get_client_ciphers(p.s), names, sizeof(names));
    if (!TEST_str_eq(names, "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256:"
                            "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256")
        || !TEST_true(SSL_get_client_ciphers(p.s) == SSL_get_client_ciphers(p.s))
        || !TEST_ptr_null(SSL_get_client_ciphers(p.c)))
        goto end;
    /* after a TLS 1.3 handshake the server supports the TLS 1.3 suites */
    if (!TEST_ptr(sup = SSL_get1_supported_ciphers(p.s)) || !TEST_int_eq(sk_SSL_CIPHER_num(sup), 3))
        goto end;
    ret = 1;
end:
    sk_SSL_CIPHER_free(sup);
    pair_free(&p);
    return ret;
}

static int test_negotiated_getters(void)
{
    struct pair p;
    EVP_PKEY *pk = NULL;
    char buf[512];
    int nid, ret = 0;

    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_set_cipher_list(p.cctx, "ECDHE-RSA-AES128-GCM-SHA256:"
                                                        "ECDHE-RSA-CHACHA20-POLY1305"),
                        1)
        || !TEST_int_eq(SSL_CTX_set_ciphersuites(p.cctx, "TLS_AES_128_GCM_SHA256"), 1)
        || !TEST_int_eq(SSL_CTX_set1_groups_list(p.cctx, "P-256:X25519"), 1)
        || !create_ssl_objects(p.sctx, p.cctx, &p.s, &p.c, NULL, NULL))
        goto end;
    /* before the handshake (OpenSSL crashes in SSL_get_negotiated_group here: not called) */
    nid = -5;
    if (!TEST_ptr_null(SSL_get_shared_ciphers(p.s, buf, sizeof(buf)))
        || !TEST_int_eq(SSL_get_shared_group(p.s, -1), 0)
        || !TEST_int_eq(SSL_get_peer_signature_type_nid(p.c, &nid), 0)
        || !TEST_int_eq(SSL_get_signature_type_nid(p.s, &nid), 0)
        || !TEST_int_eq(SSL_get_peer_signature_nid(p.c, &nid), 0) || !TEST_int_eq(nid, -5))
        goto end;
    if (!TEST_true(create_ssl_connection(p.s, p.c)))
        goto end;
    /* the client's offer that the server also has, in the client's order */
    if (!TEST_str_eq(SSL_get_shared_ciphers(p.s, buf, sizeof(buf)),
                     "TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                     "ECDHE-RSA-CHACHA20-POLY1305")
        || !TEST_ptr_null(SSL_get_shared_ciphers(p.s, buf, 19))
        || !TEST_str_eq(SSL_get_shared_ciphers(p.s, buf, 23), "TLS_AES_128_GCM_SHA256")
        || !TEST_str_eq(SSL_get_shared_ciphers(p.s, buf, 50), "TLS_AES_128_GCM_SHA256")
        || !TEST_str_eq(SSL_get_shared_ciphers(p.s, buf, 51),
                        "TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256")
        || !TEST_ptr_null(SSL_get_shared_ciphers(p.s, buf, 1))
        || !TEST_ptr_null(SSL_get_shared_ciphers(p.c, buf, sizeof(buf))))
        goto end;
    /* the client's groups and the shared ones: the server's view, in the client's order */
    {
        int groups[4] = {0, 0, 0, 0};

        if (!TEST_int_eq(SSL_get1_groups(p.s, NULL), 2)
            || !TEST_int_eq(SSL_get1_groups(p.s, groups), 2)
            || !TEST_int_eq(groups[0], NID_X9_62_prime256v1)
            || !TEST_int_eq(groups[1], NID_X25519) || !TEST_int_eq(groups[2], 0))
            goto end;
    }
    if (!TEST_int_eq(SSL_get_shared_group(p.s, -1), 2)
        || !TEST_int_eq(SSL_get_shared_group(p.s, 0), NID_X9_62_prime256v1)
        || !TEST_int_eq(SSL_get_shared_group(p.s, 1), NID_X25519)
        || !TEST_int_eq(SSL_get_shared_group(p.s, 2), 0)
        || !TEST_int_eq(SSL_get_shared_group(p.c, -1), 0)
        || !TEST_int_eq(SSL_get_negotiated_group(p.c), NID_X9_62_prime256v1))
        goto end;
    /* the server's RSA-PSS/SHA-256 handshake signature, from both sides */
    nid = 0;
    if (!TEST_int_eq(SSL_get_peer_signature_type_nid(p.c, &nid), 1)
        || !TEST_int_eq(nid, EVP_PKEY_RSA_PSS))
        goto end;
    nid = 0;
    if (!TEST_int_eq(SSL_get_peer_signature_nid(p.c, &nid), 1) || !TEST_int_eq(nid, NID_sha256))
        goto end;
    nid = 0;
    if (!TEST_int_eq(SSL_get_signature_type_nid(p.s, &nid), 1)
        || !TEST_int_eq(nid, EVP_PKEY_RSA_PSS))
        goto end;
    nid = 0;
    if (!TEST_int_eq(SSL_get_signature_nid(p.s, &nid), 1) || !TEST_int_eq(nid, NID_sha256))
        goto end;
    /* no client certificate: nothing signed by the client */
    nid = -5;
    if (!TEST_int_eq(SSL_get_peer_signature_type_nid(p.s, &nid), 0) || !TEST_int_eq(nid, -5))
        goto end;
    pair_free(&p);
    /* SSL_CTX_set1_sigalgs_list restricts what the server signs with */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(p.sctx, "rsa_pss_rsae_sha384"), 1)
        || !pair_run(&p) || !TEST_true(p.cs.done && p.ss.done))
        goto end;
    nid = 0;
    if (!TEST_int_eq(SSL_get_peer_signature_nid(p.c, &nid), 1) || !TEST_int_eq(nid, NID_sha384))
        goto end;
    pair_free(&p);
    {
        int pss512[] = {NID_sha512, EVP_PKEY_RSA_PSS};

        if (!pair_new(&p, NULL, NULL) || !TEST_int_eq(SSL_CTX_set1_sigalgs(p.sctx, pss512, 2), 1)
            || !pair_run(&p) || !TEST_true(p.cs.done && p.ss.done))
            goto end;
    }
    nid = 0;
    if (!TEST_int_eq(SSL_get_peer_signature_nid(p.c, &nid), 1) || !TEST_int_eq(nid, NID_sha512))
        goto end;
    pair_free(&p);
    /* ... and what a client offers */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(p.cctx, "RSA-PSS+SHA512:ECDSA+SHA256"), 1)
        || !pair_run(&p) || !TEST_true(p.cs.done && p.ss.done))
        goto end;
    nid = 0;
    if (!TEST_int_eq(SSL_get_peer_signature_nid(p.c, &nid), 1) || !TEST_int_eq(nid, NID_sha512))
        goto end;
    pair_free(&p);
    /* nothing the RSA key can sign: the server fails */
    if (!pair_new(&p, NULL, NULL)
        || !TEST_int_eq(SSL_CTX_set1_sigalgs_list(p.cctx, "ECDSA+SHA256"), 1) || !pair_run(&p)
        || !TEST_true(p.cs.failed && p.ss.failed)
        || !TEST_int_eq(ERR_GET_REASON(p.ss.errs[0]), SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM))
        goto end;
    ret = 1;
end:
    EVP_PKEY_free(pk);
    pair_free(&p);
    return ret;
}

int main(void)
{
    RUN_TEST(test_cipher_strings);
    RUN_TEST(test_cipher_info);
    RUN_TEST(test_stack);
    RUN_TEST(test_group_and_sigalg_lists);
    RUN_TEST(test_groups_negotiated);
    RUN_TEST(test_versions);
    RUN_TEST(test_method_versions);
    RUN_TEST(test_settings);
    RUN_TEST(test_security_level_keys);
    RUN_TEST(test_client_and_supported_ciphers);
    RUN_TEST(test_negotiated_getters);
    return tu_finish();
}
