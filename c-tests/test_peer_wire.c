/*
 * What a peer sees on the wire, for choices that interop with independent peers
 * (c-tests/interop-peers.sh, GnuTLS and tlslite-ng) showed to matter:
 *  - a TLS 1.3 client rejecting the server's certificate sends its alert as a
 *    plaintext record (OpenSSL's client still writes in the clear there), which an
 *    OpenSSL server reads;
 *  - a TLS 1.2 server signs its key exchange with the first signature scheme of the
 *    client's list that its key can make (the client's order, not the server's).
 */
#include <string.h>

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/objects.h>

#include "testutil.h"

/* One end over two memory BIOs: in (read by the SSL) and out (written by it). */
struct end {
    SSL *s;
    BIO *in, *out;
};

static int end_init(struct end *e, SSL_CTX *ctx, int server)
{
    memset(e, 0, sizeof(*e));
    if (!TEST_ptr(e->s = SSL_new(ctx)) || !TEST_ptr(e->in = BIO_new(BIO_s_mem()))
        || !TEST_ptr(e->out = BIO_new(BIO_s_mem())))
        return 0;
    SSL_set_bio(e->s, e->in, e->out);
    if (server)
        SSL_set_accept_state(e->s);
    else
        SSL_set_connect_state(e->s);
    return 1;
}

/* Moves everything written by `from` to the input of `to`. */
static int move(struct end *from, struct end *to)
{
    char buf[4096];
    int n;

    while ((n = BIO_read(from->out, buf, sizeof(buf))) > 0)
        if (!TEST_int_eq(BIO_write(to->in, buf, n), n))
            return 0;
    return 1;
}

static int rejected_server_case(int version, const unsigned char *alert, size_t alert_len)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    struct end c, s;
    const unsigned char *p;
    long n;
    unsigned long e;
    int ok = 0, r, i;

    memset(&c, 0, sizeof(c));
    memset(&s, 0, sizeof(s));
    /* the server's certificate is issued by ca-ec; the client trusts ca-rsa only */
    if (!TEST_true(create_ssl_ctx_pair(version, version, "server-ec.pem", "server-ec.key",
                                       "ca-rsa.pem", &sctx, &cctx)))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!end_init(&c, cctx, 0) || !end_init(&s, sctx, 1))
        goto end;
    /* ClientHello, the server's flight, then the client fails */
    for (i = 0; i < 4; i++) {
        if ((r = SSL_do_handshake(c.s)) != -1 || SSL_get_error(c.s, r) != SSL_ERROR_WANT_READ)
            break;
        if (!move(&c, &s))
            goto end;
        r = SSL_do_handshake(s.s);
        if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s.s, r), SSL_ERROR_WANT_READ)
            || !move(&s, &c))
            goto end;
    }
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c.s, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(e = ERR_get_error(), ERR_PACK(ERR_LIB_SSL, 0,
                                                         SSL_R_CERTIFICATE_VERIFY_FAILED))
        || !TEST_int_eq(SSL_get_verify_result(c.s), X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY))
        goto end;
    ERR_clear_error();
    n = BIO_get_mem_data(c.out, (char **)&p);
    /* sslrs's TLS 1.3 client has sent its compatibility ChangeCipherSpec already
     * (KNOWN_DIFFERENCES.md: "Timing of the TLS 1.3 compatibility ChangeCipherSpec") */
    if (version == TLS1_3_VERSION && n >= 6 && memcmp(p, "\x14\x03\x03\x00\x01\x01", 6) == 0) {
        p += 6;
        n -= 6;
    }
    if (!TEST_mem_eq(p, (size_t)n, alert, alert_len))
        goto end;
    /* the server reads it */
    if (!move(&c, &s))
        goto end;
    r = SSL_do_handshake(s.s);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s.s, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_get_error(),
                          ERR_PACK(ERR_LIB_SSL, 0, SSL_R_TLSV1_ALERT_UNKNOWN_CA)))
        goto end;
    ok = 1;
end:
    ERR_clear_error();
    SSL_free(c.s);
    SSL_free(s.s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

/* fatal unknown_ca, in the clear */
static const unsigned char unknown_ca_alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x30 };

static int test_tls13_client_alert_in_clear(void)
{
    return rejected_server_case(TLS1_3_VERSION, unknown_ca_alert, sizeof(unknown_ca_alert));
}

static int test_tls12_client_alert_in_clear(void)
{
    return rejected_server_case(TLS1_2_VERSION, unknown_ca_alert, sizeof(unknown_ca_alert));
}

/* TLS 1.2 with the RSA server certificate; the client offers `sigalgs` in that order.
 * Checks the scheme of the ServerKeyExchange on both ends. */
static int tls12_sigalg_case(const char *sigalgs, int want_hash, int want_type)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *ss = NULL, *cs = NULL;
    int ok = 0, nid = 0;

    if (!TEST_true(create_ssl_ctx_pair(TLS1_2_VERSION, TLS1_2_VERSION, "server-rsa.pem",
                                       "server-rsa.key", "ca-rsa.pem", &sctx, &cctx))
        || (sigalgs != NULL && !TEST_int_eq(SSL_CTX_set1_sigalgs_list(cctx, sigalgs), 1))
        || !TEST_true(create_ssl_objects(sctx, cctx, &ss, &cs, NULL, NULL))
        || !TEST_true(create_ssl_connection(ss, cs)))
        goto end;
    if (!TEST_int_eq(SSL_get_peer_signature_nid(cs, &nid), 1) || !TEST_int_eq(nid, want_hash)
        || !TEST_int_eq(SSL_get_peer_signature_type_nid(cs, &nid), 1)
        || !TEST_int_eq(nid, want_type)
        || !TEST_int_eq(SSL_get_signature_nid(ss, &nid), 1) || !TEST_int_eq(nid, want_hash)
        || !TEST_int_eq(SSL_get_signature_type_nid(ss, &nid), 1)
        || !TEST_int_eq(nid, want_type))
        goto end;
    ok = 1;
end:
    SSL_free(cs);
    SSL_free(ss);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

static int test_tls12_server_sigalg_client_order(void)
{
    /* gnutls-cli's order starts with PKCS#1 SHA-256; rustls alone would pick PSS SHA-512 */
    return tls12_sigalg_case("RSA+SHA256:rsa_pss_rsae_sha512:rsa_pss_rsae_sha256", NID_sha256,
                             NID_rsaEncryption)
           && tls12_sigalg_case("rsa_pss_rsae_sha256:RSA+SHA256:rsa_pss_rsae_sha512",
                                NID_sha256, NID_rsassaPss)
           && tls12_sigalg_case("RSA+SHA384:rsa_pss_rsae_sha512", NID_sha384, NID_rsaEncryption);
}

/* The client's default list: OpenSSL's order puts RSA-PSS with SHA-256 first of the RSA
 * schemes (a server picking in the client's order signs with it). */
static int test_tls12_default_client_order(void)
{
    return tls12_sigalg_case(NULL, NID_sha256, NID_rsassaPss);
}

int main(void)
{
    RUN_TEST(test_tls13_client_alert_in_clear);
    RUN_TEST(test_tls12_client_alert_in_clear);
    RUN_TEST(test_tls12_server_sigalg_client_order);
    RUN_TEST(test_tls12_default_client_order);
    return tu_finish();
}
