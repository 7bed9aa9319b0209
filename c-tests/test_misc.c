/* Connection-level odds and ends, measured against OpenSSL 3.0: SSL_export_keying_material
 * (values agree between the peers, argument checks per version), key updates, renegotiation
 * and post-handshake auth refusals, early-data limits and refusals, SSL_clear and SSL_dup. */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static SSL_CTX *sctx, *cctx;
static SSL *sssl, *cssl;

static int setup(int version)
{
    sctx = cctx = NULL;
    sssl = cssl = NULL;
    return TEST_true(create_ssl_ctx_pair(version, version, "server-rsa.pem", "server-rsa.key",
                                         NULL, &sctx, &cctx))
           && TEST_true(create_ssl_objects(sctx, cctx, &sssl, &cssl, NULL, NULL));
}

static int connect_pair(int version)
{
    return setup(version) && TEST_true(create_ssl_connection(sssl, cssl));
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

/* The oldest queued error is SSL library, `reason`; the queue is cleared. */
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

static int ekm(SSL *s, unsigned char *out, size_t olen, const char *label,
               const unsigned char *ctx, size_t ctxlen, int use)
{
    return SSL_export_keying_material(s, out, olen, label, label ? strlen(label) : 0, ctx,
                                      ctxlen, use);
}

static int exporter(int version)
{
    unsigned char a[64], b[64], c[64], d[64];
    int ok = 0;

    if (!setup(version))
        goto end;
    /* Before the handshake: -1, nothing queued. */
    if (!TEST_int_eq(ekm(cssl, a, 32, "EXPORTER-test", NULL, 0, 0), -1) || !expect_no_err()
        || !TEST_true(create_ssl_connection(sssl, cssl)))
        goto end;
    /* Both peers derive the same values; the context is used only with use_context. */
    if (!TEST_int_eq(ekm(cssl, a, 64, "EXPORTER-test", NULL, 0, 0), 1)
        || !TEST_int_eq(ekm(sssl, b, 64, "EXPORTER-test", NULL, 0, 0), 1)
        || !TEST_mem_eq(a, 64, b, 64)
        || !TEST_int_eq(ekm(cssl, c, 64, "EXPORTER-test", (const unsigned char *)"ctx", 3, 0), 1)
        || !TEST_mem_eq(a, 64, c, 64)
        || !TEST_int_eq(ekm(cssl, c, 64, "EXPORTER-test", (const unsigned char *)"ctx", 3, 1), 1)
        || !TEST_int_eq(ekm(sssl, d, 64, "EXPORTER-test", (const unsigned char *)"ctx", 3, 1), 1)
        || !TEST_mem_eq(c, 64, d, 64) || !TEST_false(memcmp(a, c, 64) == 0)
        /* A different label gives different bytes; a shorter output is not a prefix in
         * TLS 1.3 (the length is an input) but is in TLS 1.2's PRF. */
        || !TEST_int_eq(ekm(cssl, d, 64, "EXPORTER-other", NULL, 0, 0), 1)
        || !TEST_false(memcmp(a, d, 64) == 0)
        || !TEST_int_eq(ekm(cssl, d, 16, "EXPORTER-test", NULL, 0, 0), 1)
        || !TEST_int_eq(memcmp(a, d, 16) == 0, version == TLS1_2_VERSION))
        goto end;
    /* An empty context with use_context: the same as none in TLS 1.3, not in TLS 1.2. */
    if (!TEST_int_eq(ekm(cssl, c, 64, "EXPORTER-test", (const unsigned char *)"", 0, 1), 1)
        || !TEST_int_eq(memcmp(a, c, 64) == 0, version == TLS1_3_VERSION) || !expect_no_err())
        goto end;
    /* An empty (non-NULL) label works in both. */
    if (!TEST_int_eq(ekm(cssl, c, 32, "", NULL, 0, 0), 1)
        || !TEST_int_eq(ekm(sssl, d, 32, "", NULL, 0, 0), 1) || !TEST_mem_eq(c, 32, d, 32))
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_exporter_tls13(void)
{
    return exporter(TLS1_3_VERSION);
}

static int test_exporter_tls12(void)
{
    return exporter(TLS1_2_VERSION);
}

static int test_exporter_edges_tls13(void)
{
    unsigned char a[32];
    int ok = 0;

    if (!connect_pair(TLS1_3_VERSION))
        goto end;
    /* olen 0 succeeds; reserved TLS 1.2 labels are fine; a NULL label fails. */
    if (!TEST_int_eq(ekm(cssl, a, 0, "EXPORTER-test", NULL, 0, 0), 1) || !expect_no_err()
        || !TEST_int_eq(ekm(cssl, a, 32, "key expansion", NULL, 0, 0), 1)
        || !TEST_int_eq(ekm(cssl, a, 32, "client finished", NULL, 0, 0), 1) || !expect_no_err()
        || !TEST_int_eq(ekm(cssl, a, 32, NULL, NULL, 0, 0), 0)
        || !expect_err(ERR_R_INTERNAL_ERROR))
        goto end;
    /* HkdfLabel limits: a label of at most 249 bytes, at most 255 hash blocks of output. */
    {
        char label[251];
        unsigned char *big = OPENSSL_malloc(255 * 48 + 1);

        memset(label, 'a', sizeof(label) - 1);
        label[sizeof(label) - 1] = '\0';
        if (!TEST_ptr(big)
            || !TEST_int_eq(SSL_export_keying_material(cssl, a, 32, label, 249, NULL, 0, 0), 1)
            || !TEST_int_eq(SSL_export_keying_material(cssl, a, 32, label, 250, NULL, 0, 0), 0)
            || !expect_err(SSL_R_TLS_ILLEGAL_EXPORTER_LABEL)
            || !TEST_int_eq(ekm(cssl, big, 255 * 48, "x", NULL, 0, 0), 1)
            || !TEST_int_eq(ekm(cssl, big, 255 * 48 + 1, "x", NULL, 0, 0), 0)
            || !expect_err(ERR_R_INTERNAL_ERROR)) {
            OPENSSL_free(big);
            goto end;
        }
        OPENSSL_free(big);
    }
    /* No early exporter outside early data: 0, nothing queued. */
    if (!TEST_int_eq(SSL_export_keying_material_early(cssl, a, 32, "x", 1,
                                                      (const unsigned char *)"", 0), 0)
        || !expect_no_err())
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_exporter_edges_tls12(void)
{
    static const char *reserved[] = {
        "client finished", "server finished", "master secret", "extended master secret",
        "key expansion", "key expansion and more",
    };
    unsigned char a[32], b[32];
    unsigned long e;
    int ok = 0;

    if (!connect_pair(TLS1_2_VERSION))
        goto end;
    for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
        if (!TEST_int_eq(ekm(cssl, a, 32, reserved[i], NULL, 0, 0), 0)
            || !expect_err(SSL_R_TLS_ILLEGAL_EXPORTER_LABEL))
            goto end;
    /* olen 0: a provider error, then an SSL internal error. */
    if (!TEST_int_eq(ekm(cssl, a, 0, "EXPORTER-test", NULL, 0, 0), 0))
        goto end;
    e = ERR_get_error();
    if (!TEST_int_eq(ERR_GET_LIB(e), ERR_LIB_PROV) || !TEST_int_eq(ERR_GET_REASON(e), 105)
        || !expect_err(ERR_R_INTERNAL_ERROR))
        goto end;
    /* A NULL label is the empty label. */
    if (!TEST_int_eq(ekm(cssl, a, 32, NULL, NULL, 0, 0), 1)
        || !TEST_int_eq(ekm(cssl, b, 32, "", NULL, 0, 0), 1) || !TEST_mem_eq(a, 32, b, 32)
        || !expect_no_err())
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_finished_before_handshake(void)
{
    unsigned char buf[64];
    int ok = 0;

    /* After the handshake OpenSSL returns the verify_data length; sslrs returns 0
     * (KNOWN_DIFFERENCES), so only the state before it is compared. */
    if (!setup(0) || !TEST_size_t_eq(SSL_get_finished(cssl, buf, sizeof(buf)), 0)
        || !TEST_size_t_eq(SSL_get_peer_finished(cssl, buf, sizeof(buf)), 0)
        || !expect_no_err())
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_key_update(void)
{
    char buf[16];
    int ok = 0;

    if (!setup(TLS1_3_VERSION))
        goto end;
    if (!TEST_int_eq(SSL_key_update(cssl, SSL_KEY_UPDATE_REQUESTED), 0)
        || !expect_err(SSL_R_WRONG_SSL_VERSION)
        || !TEST_int_eq(SSL_get_key_update_type(cssl), SSL_KEY_UPDATE_NONE)
        || !TEST_true(create_ssl_connection(sssl, cssl)))
        goto end;
    if (!TEST_int_eq(SSL_key_update(cssl, 5), 0) || !expect_err(SSL_R_INVALID_KEY_UPDATE_TYPE)
        || !TEST_int_eq(SSL_key_update(cssl, SSL_KEY_UPDATE_REQUESTED), 1)
        || !TEST_int_eq(SSL_get_key_update_type(cssl), SSL_KEY_UPDATE_REQUESTED)
        || !TEST_int_eq(SSL_is_init_finished(cssl), 0) || !TEST_int_eq(SSL_in_init(cssl), 1)
        || !TEST_int_eq(SSL_key_update(cssl, SSL_KEY_UPDATE_NOT_REQUESTED), 0)
        || !expect_err(SSL_R_STILL_IN_INIT))
        goto end;
    /* Sent by SSL_do_handshake. */
    if (!TEST_int_eq(SSL_do_handshake(cssl), 1)
        || !TEST_int_eq(SSL_get_key_update_type(cssl), SSL_KEY_UPDATE_NONE)
        || !TEST_int_eq(SSL_is_init_finished(cssl), 1))
        goto end;
    /* Both directions still work with the new keys. */
    if (!TEST_int_eq(SSL_write(cssl, "ping", 4), 4) || !TEST_int_eq(SSL_read(sssl, buf, 16), 4)
        || !TEST_int_eq(SSL_write(sssl, "pong", 4), 4)
        || !TEST_int_eq(SSL_read(cssl, buf, 16), 4) || !TEST_mem_eq(buf, 4, "pong", 4))
        goto end;
    /* A server updates too; the update goes out with the next write. */
    if (!TEST_int_eq(SSL_key_update(sssl, SSL_KEY_UPDATE_NOT_REQUESTED), 1)
        || !TEST_int_eq(SSL_get_key_update_type(sssl), SSL_KEY_UPDATE_NOT_REQUESTED)
        || !TEST_int_eq(SSL_write(sssl, "again", 5), 5)
        || !TEST_int_eq(SSL_get_key_update_type(sssl), SSL_KEY_UPDATE_NONE)
        || !TEST_int_eq(SSL_read(cssl, buf, 16), 5) || !TEST_mem_eq(buf, 5, "again", 5))
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_key_update_tls12(void)
{
    int ok = 0;

    if (!connect_pair(TLS1_2_VERSION)
        || !TEST_int_eq(SSL_key_update(cssl, SSL_KEY_UPDATE_NOT_REQUESTED), 0)
        || !expect_err(SSL_R_WRONG_SSL_VERSION)
        || !TEST_int_eq(SSL_get_key_update_type(cssl), SSL_KEY_UPDATE_NONE))
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_renegotiate(void)
{
    SSL *s = NULL;
    int ok = 0;

    if (!setup(TLS1_3_VERSION))
        goto end;
    /* Before the handshake the request is only recorded. */
    if (!TEST_ptr(s = SSL_new(cctx)) || !TEST_int_eq(SSL_renegotiate(s), 1)
        || !TEST_int_eq(SSL_renegotiate_pending(s), 1) || !expect_no_err())
        goto end;
    SSL_free(s);
    s = NULL;
    if (!TEST_ptr(s = SSL_new(cctx)))
        goto end;
    SSL_set_options(s, SSL_OP_NO_RENEGOTIATION);
    if (!TEST_int_eq(SSL_renegotiate_abbreviated(s), 0) || !expect_err(SSL_R_NO_RENEGOTIATION)
        || !TEST_int_eq(SSL_renegotiate_pending(s), 0))
        goto end;
    /* TLS 1.3 has none. */
    if (!TEST_true(create_ssl_connection(sssl, cssl)) || !TEST_int_eq(SSL_renegotiate(cssl), 0)
        || !expect_err(SSL_R_WRONG_SSL_VERSION) || !TEST_int_eq(SSL_renegotiate_abbreviated(sssl), 0)
        || !expect_err(SSL_R_WRONG_SSL_VERSION) || !TEST_int_eq(SSL_renegotiate_pending(cssl), 0))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    teardown();
    return ok;
}

static int test_renegotiate_tls12_refused(void)
{
    int ok = 0;

    /* sslrs never renegotiates; OpenSSL refuses too with SSL_OP_NO_RENEGOTIATION. */
    if (!setup(TLS1_2_VERSION))
        goto end;
    SSL_set_options(cssl, SSL_OP_NO_RENEGOTIATION);
    SSL_set_options(sssl, SSL_OP_NO_RENEGOTIATION);
    if (!TEST_true(create_ssl_connection(sssl, cssl)) || !TEST_int_eq(SSL_renegotiate(cssl), 0)
        || !expect_err(SSL_R_NO_RENEGOTIATION) || !TEST_int_eq(SSL_renegotiate(sssl), 0)
        || !expect_err(SSL_R_NO_RENEGOTIATION) || !TEST_int_eq(SSL_renegotiate_pending(cssl), 0))
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_post_handshake_auth(void)
{
    int ok = 0;

    if (!setup(TLS1_3_VERSION) || !TEST_int_eq(SSL_verify_client_post_handshake(sssl), 0)
        || !expect_err(SSL_R_WRONG_SSL_VERSION) || !TEST_true(create_ssl_connection(sssl, cssl))
        || !TEST_int_eq(SSL_verify_client_post_handshake(sssl), 0)
        || !expect_err(SSL_R_EXTENSION_NOT_RECEIVED)
        || !TEST_int_eq(SSL_verify_client_post_handshake(cssl), 0)
        || !expect_err(SSL_R_NOT_SERVER))
        goto end;
    teardown();
    if (!connect_pair(TLS1_2_VERSION) || !TEST_int_eq(SSL_verify_client_post_handshake(sssl), 0)
        || !expect_err(SSL_R_WRONG_SSL_VERSION))
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_early_data_limits(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    int ok = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_method()))
        || !TEST_int_eq(SSL_CTX_get_max_early_data(ctx), 0)
        || !TEST_int_eq(SSL_CTX_get_recv_max_early_data(ctx), 16384)
        || !TEST_int_eq(SSL_CTX_set_max_early_data(ctx, 1000), 1)
        || !TEST_int_eq(SSL_CTX_set_recv_max_early_data(ctx, 2000), 1)
        || !TEST_int_eq(SSL_CTX_get_max_early_data(ctx), 1000)
        || !TEST_int_eq(SSL_CTX_get_recv_max_early_data(ctx), 2000)
        || !TEST_ptr(s = SSL_new(ctx)) || !TEST_int_eq(SSL_get_max_early_data(s), 1000)
        || !TEST_int_eq(SSL_get_recv_max_early_data(s), 2000)
        || !TEST_int_eq(SSL_set_max_early_data(s, 5), 1)
        || !TEST_int_eq(SSL_set_recv_max_early_data(s, 6), 1)
        || !TEST_int_eq(SSL_get_max_early_data(s), 5)
        || !TEST_int_eq(SSL_get_recv_max_early_data(s), 6)
        || !TEST_int_eq(SSL_CTX_get_max_early_data(ctx), 1000)
        || !TEST_int_eq(SSL_get_early_data_status(s), SSL_EARLY_DATA_NOT_SENT))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int test_early_data_refused(void)
{
    char buf[16];
    size_t n = 99;
    int ok = 0, r = 0, i;

    if (!setup(TLS1_3_VERSION))
        goto end;
    /* No session allowing early data: writing it is refused, and a client cannot read it. */
    if (!TEST_int_eq(SSL_write_early_data(cssl, "x", 1, &n), 0)
        || !expect_err(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED) || !TEST_size_t_eq(n, 99)
        || !TEST_int_eq(SSL_read_early_data(cssl, buf, sizeof(buf), &n), 0)
        || !expect_err(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED))
        goto end;
    /* A server's SSL_read_early_data runs the handshake until its flight is out, then
     * reports FINISH (nothing was sent early). */
    for (i = 0; i < 10; i++) {
        if (SSL_connect(cssl) == 1)
            break;
        r = SSL_read_early_data(sssl, buf, sizeof(buf), &n);
        if (r != SSL_READ_EARLY_DATA_ERROR)
            break;
        if (!TEST_int_eq(SSL_get_error(sssl, r), SSL_ERROR_WANT_READ))
            goto end;
    }
    if (!TEST_int_eq(r, SSL_READ_EARLY_DATA_FINISH) || !TEST_size_t_eq(n, 0)
        || !TEST_int_eq(SSL_get_early_data_status(sssl), SSL_EARLY_DATA_NOT_SENT)
        || !TEST_int_eq(SSL_get_early_data_status(cssl), SSL_EARLY_DATA_NOT_SENT))
        goto end;
    /* FINISH comes on the first call after the ClientHello arrived. */
    if (!TEST_int_eq(i, 0) || !TEST_true(create_ssl_connection(sssl, cssl))
        || !TEST_int_eq(SSL_read_early_data(sssl, buf, sizeof(buf), &n), 0)
        || !expect_err(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED))
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_clear(void)
{
    BIO *c = NULL, *s = NULL;
    BIO *old_rbio;
    long vr;
    char buf[8];
    int ok = 0;

    if (!setup(0))
        goto end;
    SSL_set_options(cssl, SSL_OP_NO_TICKET);
    if (!TEST_true(create_ssl_connection(sssl, cssl)))
        goto end;
    old_rbio = SSL_get_rbio(cssl);
    vr = SSL_get_verify_result(cssl);
    /* Back to "before"; role, BIOs, options and the verify result stay. */
    if (!TEST_int_eq(SSL_clear(cssl), 1) || !TEST_int_eq(SSL_clear(sssl), 1)
        || !TEST_int_eq(SSL_in_before(cssl), 1) || !TEST_int_eq(SSL_in_init(cssl), 1)
        || !TEST_int_eq(SSL_is_init_finished(cssl), 0) || !TEST_int_eq(SSL_is_server(cssl), 0)
        || !TEST_int_eq(SSL_is_server(sssl), 1)
        || !TEST_str_eq(SSL_state_string_long(cssl), "before SSL initialization")
        || !TEST_true(SSL_get_rbio(cssl) == old_rbio)
        || !TEST_true((SSL_get_options(cssl) & SSL_OP_NO_TICKET) != 0)
        || !TEST_int_eq(SSL_get_verify_result(cssl), vr) || !TEST_int_eq(vr, 20)
        || !TEST_ptr_null(SSL_get_current_cipher(cssl)) || !TEST_int_eq(SSL_get_shutdown(cssl), 0)
        || !expect_no_err())
        goto end;
    /* The same objects connect again over a fresh pair, roles kept. */
    if (!TEST_true(BIO_new_bio_pair(&c, 0, &s, 0)))
        goto end;
    SSL_set_bio(cssl, c, c);
    SSL_set_bio(sssl, s, s);
    if (!TEST_true(create_ssl_connection(sssl, cssl)) || !TEST_int_eq(SSL_write(cssl, "hey", 3), 3)
        || !TEST_int_eq(SSL_read(sssl, buf, sizeof(buf)), 3))
        goto end;
    ok = 1;
end:
    teardown();
    return ok;
}

static int test_clear_fresh(void)
{
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    int ok = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_client_method())) || !TEST_ptr(s = SSL_new(ctx))
        || !TEST_int_eq(SSL_clear(s), 1) || !TEST_int_eq(SSL_is_server(s), 0)
        || !TEST_int_eq(SSL_in_before(s), 1))
        goto end;
    SSL_set_accept_state(s);
    if (!TEST_int_eq(SSL_clear(s), 1) || !TEST_int_eq(SSL_is_server(s), 1))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int test_dup(void)
{
    SSL *x = NULL, *d = NULL;
    BIO *m = NULL;
    int ok = 0;

    if (!connect_pair(0))
        goto end;
    /* A connection in use: the same object, one more reference. */
    if (!TEST_true(SSL_dup(cssl) == cssl))
        goto end;
    SSL_free(cssl);
    /* A fresh one: a new object with the settings and role, without the BIOs, SNI or
     * quiet-shutdown flag. */
    if (!TEST_ptr(x = SSL_new(sctx)) || !TEST_ptr(m = BIO_new(BIO_s_mem())))
        goto end;
    SSL_set_bio(x, m, m);
    SSL_set_connect_state(x);
    SSL_set_options(x, SSL_OP_NO_TICKET);
    SSL_set_verify(x, SSL_VERIFY_PEER, NULL);
    SSL_set_quiet_shutdown(x, 1);
    if (!TEST_true(SSL_set_max_proto_version(x, TLS1_2_VERSION))
        || !TEST_true(SSL_set_tlsext_host_name(x, "sni.example")))
        goto end;
    if (!TEST_ptr(d = SSL_dup(x)) || !TEST_true(d != x) || !expect_no_err()
        || !TEST_int_eq(SSL_is_server(d), 0) || !TEST_int_eq(SSL_in_before(d), 1)
        || !TEST_true((SSL_get_options(d) & SSL_OP_NO_TICKET) != 0)
        || !TEST_int_eq(SSL_get_verify_mode(d), SSL_VERIFY_PEER)
        || !TEST_int_eq(SSL_get_max_proto_version(d), TLS1_2_VERSION)
        || !TEST_int_eq(SSL_get_quiet_shutdown(d), 0) || !TEST_ptr_null(SSL_get_rbio(d))
        || !TEST_ptr_null(SSL_get_wbio(d)) || !TEST_true(SSL_get_SSL_CTX(d) == sctx))
        goto end;
    ok = 1;
end:
    SSL_free(d);
    SSL_free(x);
    teardown();
    return ok;
}

int main(void)
{
    RUN_TEST(test_exporter_tls13);
    RUN_TEST(test_exporter_tls12);
    RUN_TEST(test_exporter_edges_tls13);
    RUN_TEST(test_exporter_edges_tls12);
    RUN_TEST(test_finished_before_handshake);
    RUN_TEST(test_key_update);
    RUN_TEST(test_key_update_tls12);
    RUN_TEST(test_renegotiate);
    RUN_TEST(test_renegotiate_tls12_refused);
    RUN_TEST(test_post_handshake_auth);
    RUN_TEST(test_early_data_limits);
    RUN_TEST(test_early_data_refused);
    RUN_TEST(test_clear);
    RUN_TEST(test_clear_fresh);
    RUN_TEST(test_dup);
    return tu_finish();
}
