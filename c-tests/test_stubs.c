/* The libssl exports sslrs implements without the feature behind them, or cheaply: their
 * documented return values, measured against OpenSSL 3.0 (methods of existing objects, version
 * and state queries, cipher-name and cipher-list helpers, group names, compression "none",
 * padding and fragment-length settings, security callbacks, DANE/async/SRTP/PSK getters, session
 * setters, dup, ticket application data and print_keylog, SSL_copy_session_id). Where sslrs
 * deliberately differs (OpenSSL's SRP/PSK/CT/DANE setups succeed) the Rust tests cover it. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static SSL_CTX *sctx, *cctx;
static SSL *sssl, *cssl;

static int connect_pair(int version)
{
    sctx = cctx = NULL;
    sssl = cssl = NULL;
    return TEST_true(create_ssl_ctx_pair(version, version, "server-rsa.pem", "server-rsa.key",
                                         NULL, &sctx, &cctx))
           && TEST_true(create_ssl_objects(sctx, cctx, &sssl, &cssl, NULL, NULL))
           && TEST_true(create_ssl_connection(sssl, cssl));
}

static void teardown(void)
{
    SSL_free(sssl);
    SSL_free(cssl);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    sssl = cssl = NULL;
    sctx = cctx = NULL;
}

static int expect_err(int reason)
{
    unsigned long e = ERR_peek_error();
    int ok = TEST_int_eq(ERR_GET_LIB(e), ERR_LIB_SSL) && TEST_int_eq(ERR_GET_REASON(e), reason);

    ERR_clear_error();
    return ok;
}

static int expect_no_err(void)
{
    return TEST_ulong_eq(ERR_peek_error(), 0);
}

static int test_methods(void)
{
    int ok = 0;
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = SSL_new(ctx);

    if (!TEST_ptr(s) || !TEST_true(SSL_CTX_get_ssl_method(ctx) == TLS_method())
        || !TEST_true(SSL_get_ssl_method(s) == TLS_method())
        || !TEST_int_eq(SSL_set_ssl_method(s, TLS_server_method()), 1)
        || !TEST_true(SSL_get_ssl_method(s) == TLS_server_method())
        || !TEST_int_eq(SSL_set_ssl_method(s, TLSv1_2_method()), 1)
        || !TEST_true(SSL_get_ssl_method(s) == TLSv1_2_method())
        || !TEST_int_eq(SSL_CTX_set_ssl_version(ctx, TLSv1_2_method()), 1)
        || !TEST_true(SSL_CTX_get_ssl_method(ctx) == TLSv1_2_method())
        || !TEST_int_eq(SSL_is_dtls(s), 0) || !expect_no_err())
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int test_states(void)
{
    int ok = 0;
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = SSL_new(ctx);

    if (!TEST_ptr(s) || !TEST_int_eq(SSL_client_version(s), 0x10000)
        || !TEST_str_eq(SSL_rstate_string(s), "RH")
        || !TEST_str_eq(SSL_rstate_string_long(s), "read header")
        || !TEST_int_eq(SSL_get_default_timeout(s), 7200)
        || !TEST_ptr_null(SSL_get_pending_cipher(s)) || !TEST_int_eq(SSL_alloc_buffers(s), 1)
        || !TEST_int_eq(SSL_free_buffers(s), 1)
        || !TEST_ptr_null(SSL_get_current_compression(s))
        || !TEST_ptr_null(SSL_get_current_expansion(s)) || !TEST_int_eq(SSL_waiting_for_async(s), 0)
        || !TEST_ptr_null(SSL_get_srtp_profiles(s))
        || !TEST_ptr_null(SSL_get_selected_srtp_profile(s))
        || !TEST_ptr_null(SSL_get_psk_identity(s)) || !TEST_ptr_null(SSL_get_psk_identity_hint(s))
        || !TEST_int_eq(SSL_get0_dane_authority(s, NULL, NULL), -1)
        || !TEST_int_eq(SSL_get0_dane_tlsa(s, NULL, NULL, NULL, NULL, NULL), -1)
        || !TEST_int_eq(SSL_new_session_ticket(s), 0) || !expect_no_err())
        goto end;
    {
        const unsigned char *d = (const unsigned char *)"x";
        unsigned int l = 9;

        SSL_get0_next_proto_negotiated(s, &d, &l);
        if (!TEST_ptr_null(d) || !TEST_int_eq(l, 0))
            goto end;
    }
    {
        int fds[2], st = 7;
        size_t n = 2, a = 5, dl = 5;

        if (!TEST_int_eq(SSL_get_all_async_fds(s, fds, &n), 0) || !TEST_int_eq(n, 2)
            || !TEST_int_eq(SSL_get_async_status(s, &st), 0) || !TEST_int_eq(st, 7)
            || !TEST_int_eq(SSL_get_changed_async_fds(s, NULL, &a, NULL, &dl), 0)
            || !TEST_int_eq(a, 5) || !TEST_int_eq(dl, 5)
            || !TEST_int_eq(SSL_set_async_callback_arg(s, NULL), 1)
            || !TEST_int_eq(SSL_CTX_set_async_callback(ctx, NULL), 1))
            goto end;
    }
    ok = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int after_handshake(int version)
{
    int ok = 0;
    int grp;

    if (!connect_pair(version))
        goto end;
    grp = SSL_get_negotiated_group(cssl);
    if (!TEST_int_eq(SSL_client_version(cssl), TLS1_2_VERSION)
        || !TEST_int_eq(SSL_client_version(sssl), TLS1_2_VERSION)
        || !TEST_ptr(SSL_get_pending_cipher(cssl))
        || !TEST_true(SSL_get_pending_cipher(cssl) == SSL_get_current_cipher(cssl))
        || !TEST_true(SSL_get_pending_cipher(sssl) == SSL_get_current_cipher(sssl))
        || !TEST_str_eq(SSL_group_to_name(cssl, grp), "x25519")
        || !TEST_ptr_null(SSL_get_current_compression(cssl))
        || !TEST_ptr_null(SSL_get_psk_identity(sssl)) || !TEST_int_eq(SSL_new_session_ticket(cssl), 0)
        || !expect_no_err())
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_after_handshake_tls13(void)
{
    return after_handshake(TLS1_3_VERSION);
}

static int test_after_handshake_tls12(void)
{
    return after_handshake(TLS1_2_VERSION);
}

static int test_cipher_names(void)
{
    return TEST_str_eq(OPENSSL_cipher_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
                       "ECDHE-RSA-AES128-GCM-SHA256")
           && TEST_str_eq(OPENSSL_cipher_name("TLS_AES_256_GCM_SHA384"), "TLS_AES_256_GCM_SHA384")
           && TEST_str_eq(OPENSSL_cipher_name("bogus"), "(NONE)")
           && TEST_str_eq(OPENSSL_cipher_name(NULL), "(NONE)")
           && TEST_str_eq(OSSL_default_cipher_list(), "ALL:!COMPLEMENTOFDEFAULT:!eNULL")
           && TEST_str_eq(OSSL_default_ciphersuites(),
                          "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256");
}

/* Group names by NID (as SSL_get_negotiated_group reports groups), not by TLS group id. */
static int test_group_names(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = SSL_new(ctx);
    int ok = TEST_ptr(s) && TEST_str_eq(SSL_group_to_name(s, 1034), "x25519")
             && TEST_str_eq(SSL_group_to_name(s, 415), "secp256r1")
             && TEST_str_eq(SSL_group_to_name(s, 715), "secp384r1")
             && TEST_ptr_null(SSL_group_to_name(s, 0)) && TEST_ptr_null(SSL_group_to_name(s, 29));

    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int test_bytes_to_cipher_list(void)
{
    int ok = 0;
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = SSL_new(ctx);
    STACK_OF(SSL_CIPHER) *sk = NULL, *sc = NULL;
    static const unsigned char b[] = {0x13, 0x01, 0xc0, 0x2f, 0x00, 0xff, 0x56, 0x00, 0xaa, 0xaa};
    static const unsigned char v2[] = {0x00, 0x13, 0x01, 0x00, 0xc0, 0x2f, 0x01, 0x00, 0x80};

    if (!TEST_int_eq(SSL_bytes_to_cipher_list(s, b, sizeof(b), 0, &sk, &sc), 1)
        || !TEST_int_eq(sk_SSL_CIPHER_num(sk), 2) || !TEST_int_eq(sk_SSL_CIPHER_num(sc), 2)
        || !TEST_str_eq(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(sk, 0)), "TLS_AES_128_GCM_SHA256")
        || !TEST_str_eq(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(sk, 1)),
                        "ECDHE-RSA-AES128-GCM-SHA256")
        || !TEST_str_eq(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(sc, 0)),
                        "TLS_EMPTY_RENEGOTIATION_INFO_SCSV")
        || !TEST_str_eq(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(sc, 1)), "TLS_FALLBACK_SCSV"))
        goto end;
    sk_SSL_CIPHER_free(sk);
    sk_SSL_CIPHER_free(sc);
    sk = sc = NULL;
    if (!TEST_int_eq(SSL_bytes_to_cipher_list(s, v2, sizeof(v2), 1, &sk, NULL), 1)
        || !TEST_int_eq(sk_SSL_CIPHER_num(sk), 2))
        goto end;
    sk_SSL_CIPHER_free(sk);
    sk = NULL;
    if (!TEST_int_eq(SSL_bytes_to_cipher_list(s, b, 3, 0, &sk, NULL), 0)
        || !expect_err(SSL_R_ERROR_IN_RECEIVED_CIPHER_LIST)
        || !TEST_int_eq(SSL_bytes_to_cipher_list(s, b, 0, 0, &sk, NULL), 0)
        || !expect_err(SSL_R_NO_CIPHERS_SPECIFIED))
        goto end;
    ok = 1;
end:
    sk_SSL_CIPHER_free(sk);
    sk_SSL_CIPHER_free(sc);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int test_extension_supported(void)
{
    return TEST_int_eq(SSL_extension_supported(0), 1) && TEST_int_eq(SSL_extension_supported(16), 1)
           && TEST_int_eq(SSL_extension_supported(43), 1)
           && TEST_int_eq(SSL_extension_supported(13172), 1)
           && TEST_int_eq(SSL_extension_supported(65281), 1)
           && TEST_int_eq(SSL_extension_supported(50), 0)
           && TEST_int_eq(SSL_extension_supported(1000), 0);
}

static int test_compression(void)
{
    SSL_SESSION *ss = SSL_SESSION_new();
    int ok = TEST_ptr(SSL_COMP_get_compression_methods())
             && TEST_int_eq(OPENSSL_sk_num((const OPENSSL_STACK *)SSL_COMP_get_compression_methods()), 0)
             && TEST_int_eq(SSL_COMP_add_compression_method(200, NULL), 1)
             && TEST_ptr_null(SSL_COMP_get_name(NULL))
             && TEST_int_eq(SSL_SESSION_get_compress_id(ss), 0)
             && TEST_int_eq(SSL_SESSION_get_max_fragment_length(ss), 0) && expect_no_err();

    SSL_SESSION_free(ss);
    return ok;
}

static int test_padding_and_fragments(void)
{
    int ok = 0;
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int arg;

    if (!TEST_int_eq(SSL_CTX_set_block_padding(ctx, 16385), 0)
        || !TEST_int_eq(SSL_CTX_set_block_padding(ctx, 16), 1)
        || !TEST_int_eq(SSL_CTX_set_block_padding(ctx, 0), 1) || !expect_no_err())
        goto end;
    SSL_CTX_set_record_padding_callback_arg(ctx, &arg);
    SSL_CTX_set_default_read_buffer_len(ctx, 4096);
    s = SSL_new(ctx);
    if (!TEST_true(SSL_CTX_get_record_padding_callback_arg(ctx) == &arg)
        || !TEST_true(SSL_get_record_padding_callback_arg(s) == &arg)
        || !TEST_int_eq(SSL_set_block_padding(s, 16385), 0)
        || !TEST_int_eq(SSL_set_block_padding(s, 512), 1)
        || !TEST_int_eq(SSL_set_record_padding_callback(s, NULL), 1))
        goto end;
    SSL_set_record_padding_callback_arg(s, NULL);
    SSL_set_default_read_buffer_len(s, 0);
    if (!TEST_ptr_null(SSL_get_record_padding_callback_arg(s))
        || !TEST_int_eq(SSL_CTX_set_tlsext_max_fragment_length(ctx, 0), 1)
        || !TEST_int_eq(SSL_set_tlsext_max_fragment_length(s, 0), 1) || !expect_no_err()
        || !TEST_int_eq(SSL_CTX_set_tlsext_max_fragment_length(ctx, 5), 0)
        || !expect_err(SSL_R_SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH)
        || !TEST_int_eq(SSL_set_tlsext_max_fragment_length(s, 9), 0)
        || !expect_err(SSL_R_SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int my_security_cb(const SSL *s, const SSL_CTX *ctx, int op, int bits, int nid,
                          void *other, void *ex)
{
    (void)s, (void)ctx, (void)op, (void)bits, (void)nid, (void)other, (void)ex;
    return 1;
}

static int test_security_callback(void)
{
    int ok = 0;
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int ex;

    /* With the default security callback a missing DH key is "too small". */
    if (!TEST_ptr(SSL_CTX_get_security_callback(ctx))
        || !TEST_ptr_null(SSL_CTX_get0_security_ex_data(ctx))
        || !TEST_int_eq(SSL_CTX_set0_tmp_dh_pkey(ctx, NULL), 0)
        || !expect_err(SSL_R_DH_KEY_TOO_SMALL))
        goto end;
    SSL_CTX_set_security_callback(ctx, my_security_cb);
    SSL_CTX_set0_security_ex_data(ctx, &ex);
    s = SSL_new(ctx);
    if (!TEST_true(SSL_CTX_get_security_callback(ctx) == my_security_cb)
        || !TEST_true(SSL_get_security_callback(s) == my_security_cb)
        || !TEST_true(SSL_get0_security_ex_data(s) == &ex))
        goto end;
    SSL_set0_security_ex_data(s, NULL);
    if (!TEST_ptr_null(SSL_get0_security_ex_data(s))
        || !TEST_true(SSL_CTX_get0_security_ex_data(ctx) == &ex)
        || !TEST_int_eq(SSL_CTX_dane_set_flags(ctx, 1), 0)
        || !TEST_int_eq(SSL_CTX_dane_clear_flags(ctx, 1), 1)
        || !TEST_int_eq(SSL_dane_set_flags(s, 2), 0) || !TEST_int_eq(SSL_dane_clear_flags(s, 2), 2)
        || !TEST_int_eq(SSL_dane_tlsa_add(s, 3, 1, 1, (const unsigned char *)"x", 1), -1)
        || !expect_err(SSL_R_DANE_NOT_ENABLED)
        || !TEST_int_eq(SSL_CTX_set_generate_session_id(ctx, NULL), 1)
        || !TEST_int_eq(SSL_CTX_set_session_ticket_cb(ctx, NULL, NULL, NULL), 1)
        || !TEST_int_eq(SSL_CTX_ct_is_enabled(ctx), 0) || !TEST_int_eq(SSL_ct_is_enabled(s), 0)
        || !TEST_int_eq(SSL_CTX_set_ct_validation_callback(ctx, NULL, NULL), 1)
        || !TEST_int_eq(SSL_CTX_has_client_custom_ext(ctx, 1000), 0) || !expect_no_err())
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int test_session_setters(void)
{
    int ok = 0;
    SSL_SESSION *ss = SSL_SESSION_new(), *d = NULL;
    BIO *b = BIO_new(BIO_s_mem());
    unsigned char mk[48];
    const unsigned char *p = (const unsigned char *)"x";
    size_t n = 9;
    void *ad = NULL;
    size_t al = 0;
    char *text = NULL, want[160];
    long tl;
    int i;

    memset(mk, 0xAB, sizeof(mk));
    SSL_SESSION_get0_ticket(ss, &p, &n);
    if (!TEST_ptr_null(p) || !TEST_int_eq(n, 0)
        || !TEST_int_eq(SSL_SESSION_get0_ticket_appdata(ss, &ad, &al), 1) || !TEST_ptr_null(ad)
        || !TEST_int_eq(al, 0) || !TEST_int_eq(SSL_SESSION_set1_ticket_appdata(ss, "xy", 2), 1)
        || !TEST_int_eq(SSL_SESSION_get0_ticket_appdata(ss, &ad, &al), 1) || !TEST_int_eq(al, 2)
        || !TEST_mem_eq(ad, al, "xy", 2)
        || !TEST_int_eq(SSL_SESSION_set1_hostname(ss, "a.example"), 1)
        || !TEST_str_eq(SSL_SESSION_get0_hostname(ss), "a.example")
        || !TEST_int_eq(SSL_SESSION_set1_alpn_selected(ss, (const unsigned char *)"h2", 2), 1))
        goto end;
    SSL_SESSION_get0_alpn_selected(ss, &p, &n);
    if (!TEST_mem_eq(p, n, "h2", 2) || !TEST_int_eq(SSL_SESSION_set_max_early_data(ss, 100), 1)
        || !TEST_int_eq(SSL_SESSION_get_max_early_data(ss), 100)
        || !TEST_int_eq(SSL_SESSION_print_keylog(b, ss), 0)
        || !TEST_int_eq(SSL_SESSION_set1_master_key(ss, mk, sizeof(mk)), 1)
        || !TEST_int_eq(SSL_SESSION_get_master_key(ss, NULL, 0), 48)
        || !TEST_int_eq(SSL_SESSION_print_keylog(b, ss), 0)
        || !TEST_int_eq(SSL_SESSION_set1_id(ss, (const unsigned char *)"\x01\x02", 2), 1)
        || !TEST_int_eq(SSL_SESSION_print_keylog(b, ss), 1))
        goto end;
    tl = BIO_get_mem_data(b, &text);
    strcpy(want, "RSA Session-ID:0102 Master-Key:");
    for (i = 0; i < 48; i++)
        strcat(want, "AB");
    strcat(want, "\n");
    if (!TEST_mem_eq(text, (size_t)tl, want, strlen(want)))
        goto end;
    d = SSL_SESSION_dup(ss);
    if (!TEST_ptr(d) || !TEST_str_eq(SSL_SESSION_get0_hostname(d), "a.example")
        || !TEST_int_eq(SSL_SESSION_get_max_early_data(d), 100)
        || !TEST_int_eq(SSL_SESSION_get_master_key(d, NULL, 0), 48)
        || !TEST_int_eq(SSL_SESSION_get0_ticket_appdata(d, &ad, &al), 1) || !TEST_int_eq(al, 2)
        || !TEST_int_eq(SSL_SESSION_set1_hostname(ss, NULL), 1)
        || !TEST_ptr_null(SSL_SESSION_get0_hostname(ss))
        || !TEST_str_eq(SSL_SESSION_get0_hostname(d), "a.example")
        || !TEST_int_eq(SSL_SESSION_set1_ticket_appdata(ss, NULL, 0), 1)
        || !TEST_int_eq(SSL_SESSION_get0_ticket_appdata(ss, &ad, &al), 1) || !TEST_ptr_null(ad)
        || !TEST_int_eq(al, 0) || !expect_no_err())
        goto end;
    ok = 1;
end:
    SSL_SESSION_free(d);
    SSL_SESSION_free(ss);
    BIO_free(b);
    return ok;
}

static int test_session_cipher(void)
{
    int ok = 0;
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = SSL_new(ctx);
    SSL_SESSION *ss = SSL_SESSION_new();
    const SSL_CIPHER *c = SSL_CIPHER_find(s, (const unsigned char *)"\x13\x01");

    if (!TEST_ptr(c) || !TEST_int_eq(SSL_SESSION_set_cipher(ss, c), 1)
        || !TEST_true(SSL_SESSION_get0_cipher(ss) == c)
        || !TEST_int_eq(SSL_SESSION_set_cipher(ss, NULL), 1)
        || !TEST_ptr_null(SSL_SESSION_get0_cipher(ss)))
        goto end;
    ok = 1;
end:
    SSL_SESSION_free(ss);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* A second client takes the first one's session and resumes it. */
static int test_copy_session_id(void)
{
    int ok = 0;
    SSL *c2 = NULL, *s2 = NULL;
    unsigned int idlen = 0;
    const unsigned char *id;

    sctx = cctx = NULL;
    sssl = cssl = NULL;
    /* Without tickets the server keeps the session in its cache under its id. */
    if (!TEST_true(create_ssl_ctx_pair(TLS1_2_VERSION, TLS1_2_VERSION, "server-rsa.pem",
                                       "server-rsa.key", NULL, &sctx, &cctx)))
        goto end;
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    if (!TEST_true(create_ssl_objects(sctx, cctx, &sssl, &cssl, NULL, NULL))
        || !TEST_true(create_ssl_connection(sssl, cssl)))
        goto end;
    id = SSL_SESSION_get_id(SSL_get_session(sssl), &idlen);
    if (!TEST_int_gt(idlen, 0) || !TEST_int_eq(SSL_has_matching_session_id(sssl, id, idlen), 1)
        || !TEST_int_eq(SSL_has_matching_session_id(sssl, (const unsigned char *)"nope", 4), 0)
        || !TEST_int_eq(SSL_has_matching_session_id(sssl, id, 33), 0)
        || !TEST_true(create_ssl_objects(sctx, cctx, &s2, &c2, NULL, NULL))
        || !TEST_int_eq(SSL_copy_session_id(c2, cssl), 1)
        || !TEST_true(SSL_get_session(c2) == SSL_get_session(cssl))
        || !TEST_true(create_ssl_connection(s2, c2)) || !TEST_int_eq(SSL_session_reused(c2), 1))
        goto end;
    ok = 1;
end:
    SSL_free(s2);
    SSL_free(c2);
    teardown();
    return ok;
}

int main(void)
{
    RUN_TEST(test_methods);
    RUN_TEST(test_states);
    RUN_TEST(test_after_handshake_tls13);
    RUN_TEST(test_after_handshake_tls12);
    RUN_TEST(test_cipher_names);
    RUN_TEST(test_group_names);
    RUN_TEST(test_bytes_to_cipher_list);
    RUN_TEST(test_extension_supported);
    RUN_TEST(test_compression);
    RUN_TEST(test_padding_and_fragments);
    RUN_TEST(test_security_callback);
    RUN_TEST(test_session_setters);
    RUN_TEST(test_session_cipher);
    RUN_TEST(test_copy_session_id);
    return tu_finish();
}
