/*
 * Certificates and keys of contexts and connections: SSL_CTX_use_certificate /
 * SSL_CTX_use_PrivateKey from objects, the ASN1 and RSA variants, SSL_CTX_use_cert_and_key,
 * SSL_use_*, the getters (object identity as OpenSSL: the object given is the one returned,
 * shared by SSL_new), check_private_key errors, SSL_certs_clear, the peer chain and verified
 * chain on both sides, password callbacks for encrypted keys, the certificate callback.
 */
#include "testutil.h"

#include <openssl/pem.h>
#include <stdio.h>
#include <string.h>

/* The RSA variants are deprecated in OpenSSL 3.0. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static X509 *read_cert(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    X509 *x = f == NULL ? NULL : PEM_read_X509(f, NULL, NULL, NULL);

    if (f != NULL)
        fclose(f);
    return x;
}

static EVP_PKEY *read_key(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    EVP_PKEY *k = f == NULL ? NULL : PEM_read_PrivateKey(f, NULL, NULL, NULL);

    if (f != NULL)
        fclose(f);
    return k;
}

/* The queue holds exactly one entry, `code`. */
static int only_error(unsigned long code)
{
    unsigned long errs[4];
    int n = drain_errors(errs, 4);

    return TEST_int_eq(n, 1) && TEST_ulong_eq(errs[0], code);
}

/* The last entry of the queue is `code` (earlier ones come from libcrypto); clears. */
static int last_error(unsigned long code)
{
    unsigned long e = ERR_peek_last_error();

    ERR_clear_error();
    return TEST_ulong_eq(e, code);
}

static int subject_is(X509 *x, const char *want)
{
    char buf[256];

    if (!TEST_ptr(x))
        return 0;
    X509_NAME_oneline(X509_get_subject_name(x), buf, sizeof(buf));
    return TEST_str_eq(buf, want);
}

static int same_der(X509 *a, X509 *b)
{
    unsigned char *da = NULL, *db = NULL;
    int la = i2d_X509(a, &da), lb = i2d_X509(b, &db);
    int ok = TEST_int_gt(la, 0) && TEST_mem_eq(da, la, db, lb);

    OPENSSL_free(da);
    OPENSSL_free(db);
    return ok;
}

static int test_objects_and_getters(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    X509 *x = read_cert("server-ec.pem");
    EVP_PKEY *k = read_key("server-ec.key"), *other = read_key("server-other.key");
    EVP_PKEY *rsa = read_key("server-rsa.key");
    SSL *s = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(x) || !TEST_ptr(k) || !TEST_ptr(other) || !TEST_ptr(rsa))
        goto end;
    if (!TEST_ptr_null(SSL_CTX_get0_certificate(ctx)) || !TEST_ptr_null(SSL_CTX_get0_privatekey(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_CTX_check_private_key(ctx), 0) || !only_error(0x0A0000B1UL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_certificate(ctx, x), 1)
        || !TEST_true(SSL_CTX_get0_certificate(ctx) == x))
        goto end;
    /* a key that does not match the certificate: X509 key values mismatch, nothing set */
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey(ctx, other), 0) || !only_error(0x05800074UL)
        || !TEST_ptr_null(SSL_CTX_get0_privatekey(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_CTX_check_private_key(ctx), 0) || !only_error(0x0A0000BEUL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey(ctx, k), 1)
        || !TEST_true(SSL_CTX_get0_privatekey(ctx) == k)
        || !TEST_true(SSL_CTX_get0_certificate(ctx) == x)
        || !TEST_int_eq(SSL_CTX_check_private_key(ctx), 1))
        goto end;
    /* the context holds its own references */
    X509_free(x);
    x = NULL;
    EVP_PKEY_free(k);
    k = NULL;
    if (!subject_is(SSL_CTX_get0_certificate(ctx), "/O=sslrs test/CN=localhost"))
        goto end;
    /* SSL_new shares the context's objects */
    if (!TEST_ptr(s = SSL_new(ctx))
        || !TEST_true(SSL_get_certificate(s) == SSL_CTX_get0_certificate(ctx))
        || !TEST_true(SSL_get_privatekey(s) == SSL_CTX_get0_privatekey(ctx))
        || !TEST_int_eq(SSL_check_private_key(s), 1))
        goto end;
    /* a key of another type selects another slot: no certificate there */
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey(ctx, rsa), 1)
        || !TEST_ptr_null(SSL_CTX_get0_certificate(ctx))
        || !TEST_true(SSL_CTX_get0_privatekey(ctx) == rsa))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    X509_free(x);
    EVP_PKEY_free(k);
    EVP_PKEY_free(other);
    EVP_PKEY_free(rsa);
    return ret;
}

static int test_null_arguments(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_certificate(ctx, NULL), 0) || !only_error(0x0A0C0102UL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey(ctx, NULL), 0) || !only_error(0x0A0C0102UL))
        goto end;
    if (!TEST_int_eq(SSL_use_certificate(s, NULL), 0) || !only_error(0x0A0C0102UL))
        goto end;
    if (!TEST_int_eq(SSL_use_PrivateKey(s, NULL), 0) || !only_error(0x0A0C0102UL))
        goto end;
    if (!TEST_ptr_null(SSL_get_certificate(s)) || !TEST_ptr_null(SSL_get_privatekey(s))
        || !TEST_ptr_null(SSL_get0_peer_certificate(s))
        || !TEST_ptr_null(SSL_get_peer_cert_chain(s))
        || !TEST_ptr_null(SSL_get0_verified_chain(s)))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_asn1(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    X509 *x = read_cert("server-ec.pem");
    EVP_PKEY *k = read_key("server-ec.key");
    unsigned char *der = NULL, *kder = NULL;
    int len, klen, ret = 0;
    SSL *s = NULL;

    if (!TEST_ptr(ctx) || !TEST_ptr(x) || !TEST_ptr(k))
        goto end;
    len = i2d_X509(x, &der);
    klen = i2d_PrivateKey(k, &kder);
    if (!TEST_int_gt(len, 0) || !TEST_int_gt(klen, 0))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_certificate_ASN1(ctx, len, der), 1))
        goto end;
    /* a new object, made by the library */
    if (!TEST_true(SSL_CTX_get0_certificate(ctx) != x)
        || !same_der(SSL_CTX_get0_certificate(ctx), x))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_certificate_ASN1(ctx, 5, der + 1), 0)
        || !last_error(0x0A08000DUL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_RSA, ctx, kder, klen), 0)
        || !last_error(0x0A08000DUL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_EC, ctx, kder + 2, klen - 2), 0)
        || !last_error(0x0A08000DUL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_EC, ctx, kder, klen), 1)
        || !TEST_int_eq(SSL_CTX_check_private_key(ctx), 1))
        goto end;
    /* the same on a connection, into a fresh state */
    if (!TEST_ptr(s = SSL_new(ctx)))
        goto end;
    SSL_certs_clear(s);
    if (!TEST_int_eq(SSL_use_certificate_ASN1(s, der, len), 1)
        || !TEST_int_eq(SSL_use_PrivateKey_ASN1(EVP_PKEY_NONE, s, kder, klen), 1)
        || !TEST_int_eq(SSL_check_private_key(s), 1) || !same_der(SSL_get_certificate(s), x))
        goto end;
    ret = 1;
end:
    OPENSSL_free(der);
    OPENSSL_free(kder);
    SSL_free(s);
    SSL_CTX_free(ctx);
    X509_free(x);
    EVP_PKEY_free(k);
    return ret;
}

static int test_cert_and_key(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    X509 *x = read_cert("server-ec.pem"), *ca = read_cert("ca-ec.pem");
    EVP_PKEY *k = read_key("server-ec.key"), *other = read_key("server-other.key");
    STACK_OF(X509) *chain = sk_X509_new_null();
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(x) || !TEST_ptr(ca) || !TEST_ptr(k) || !TEST_ptr(other)
        || !TEST_ptr(chain) || !TEST_int_eq(sk_X509_push(chain, ca), 1))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_cert_and_key(ctx, x, other, NULL, 1), 0)
        || !only_error(0x0A000120UL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_cert_and_key(ctx, x, k, chain, 0), 1)
        || !TEST_true(SSL_CTX_get0_certificate(ctx) == x)
        || !TEST_true(SSL_CTX_get0_privatekey(ctx) == k)
        || !TEST_int_eq(SSL_CTX_check_private_key(ctx), 1))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_cert_and_key(ctx, x, k, NULL, 0), 0)
        || !only_error(0x0A000121UL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_cert_and_key(ctx, x, k, chain, 1), 1))
        goto end;
    ret = 1;
end:
    sk_X509_pop_free(chain, X509_free);
    SSL_CTX_free(ctx);
    X509_free(x);
    EVP_PKEY_free(k);
    EVP_PKEY_free(other);
    return ret;
}

/*
 * Connection-level certificates: SSL_certs_clear empties the connection's slots only,
 * SSL_use_* fill them, and a server whose context has no certificate handshakes with them.
 */
static int test_connection_certificates(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    X509 *x = read_cert("server-ec.pem");
    EVP_PKEY *k = read_key("server-ec.key"), *other = read_key("server-other.key");
    int ret = 0;

    if (!TEST_ptr(x) || !TEST_ptr(k) || !TEST_ptr(other))
        goto end;
    if (!create_ssl_ctx_pair(0, 0, "server-rsa.pem", "server-rsa.key", "ca-bundle.pem", &sctx,
                             &cctx))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    SSL_certs_clear(s);
    if (!TEST_ptr_null(SSL_get_certificate(s)) || !TEST_ptr_null(SSL_get_privatekey(s))
        || !TEST_ptr(SSL_CTX_get0_certificate(sctx)))
        goto end;
    if (!TEST_int_eq(SSL_check_private_key(s), 0) || !only_error(0x0A0000B1UL))
        goto end;
    if (!TEST_int_eq(SSL_use_certificate(s, x), 1) || !TEST_true(SSL_get_certificate(s) == x))
        goto end;
    if (!TEST_int_eq(SSL_check_private_key(s), 0) || !only_error(0x0A0000BEUL))
        goto end;
    if (!TEST_int_eq(SSL_use_PrivateKey(s, other), 0) || !only_error(0x05800074UL))
        goto end;
    if (!TEST_int_eq(SSL_use_PrivateKey(s, k), 1) || !TEST_true(SSL_get_privatekey(s) == k)
        || !TEST_int_eq(SSL_check_private_key(s), 1))
        goto end;
    /* the context keeps its RSA certificate */
    if (!subject_is(SSL_CTX_get0_certificate(sctx), "/O=sslrs test/CN=localhost")
        || !TEST_int_eq(SSL_CTX_check_private_key(sctx), 1))
        goto end;
    if (!TEST_true(create_ssl_connection(s, c)))
        goto end;
    /* the client saw the connection's EC certificate */
    if (!TEST_ptr(SSL_get0_peer_certificate(c)) || !same_der(SSL_get0_peer_certificate(c), x))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    X509_free(x);
    EVP_PKEY_free(k);
    EVP_PKEY_free(other);
    return ret;
}

static int chain_is(STACK_OF(X509) *sk, int n, const char *first, const char *last)
{
    if (!TEST_ptr(sk) || !TEST_int_eq(sk_X509_num(sk), n))
        return 0;
    if (n == 0)
        return 1;
    return subject_is(sk_X509_value(sk, 0), first) && subject_is(sk_X509_value(sk, n - 1), last);
}

/*
 * The peer chain: on a client the server's chain with its leaf, on a server without the
 * client's leaf (empty when the client sent none after being asked). The verified chain ends
 * with the trust anchor. The peer certificate is the chain's first element on a client.
 */
static int peer_chain_case(int version, int client_cert)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    X509 *p1 = NULL, *cx = NULL, *cca = NULL;
    EVP_PKEY *ck = NULL;
    STACK_OF(X509) *cchain = NULL;
    const char *leaf = "/O=sslrs test/CN=localhost", *ca = "/O=sslrs test/CN=sslrs test CA ECDSA";
    int ret = 0;

    if (!create_ssl_ctx_pair(version, version, NULL, NULL, "ca-bundle.pem", &sctx, &cctx))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_certificate_chain_file(sctx, cert_path("server-ec-chain.pem")), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server-ec.key"),
                                                    SSL_FILETYPE_PEM), 1))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    if (!TEST_int_eq(SSL_CTX_load_verify_locations(sctx, cert_path("ca-ec.pem"), NULL), 1))
        goto end;
    if (client_cert) {
        /* the client sends its leaf and the CA (an explicit chain: OpenSSL would otherwise
         * build one from its trust store) */
        if (!TEST_ptr(cx = read_cert("client.pem")) || !TEST_ptr(ck = read_key("client.key"))
            || !TEST_ptr(cca = read_cert("ca-ec.pem")) || !TEST_ptr(cchain = sk_X509_new_null())
            || !TEST_int_eq(sk_X509_push(cchain, cca), 1))
            goto end;
        cca = NULL;
        if (!TEST_int_eq(SSL_CTX_use_cert_and_key(cctx, cx, ck, cchain, 1), 1))
            goto end;
    }
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    if (!TEST_ptr_null(SSL_get_peer_cert_chain(c)) || !TEST_ptr_null(SSL_get0_peer_certificate(c)))
        goto end;
    if (!TEST_true(create_ssl_connection(s, c)))
        goto end;
    if (!chain_is(SSL_get_peer_cert_chain(c), 2, leaf, ca)
        || !chain_is(SSL_get0_verified_chain(c), 2, leaf, ca))
        goto end;
    if (!TEST_true(SSL_get_peer_cert_chain(c) == SSL_get_peer_cert_chain(c))
        || !TEST_true(sk_X509_value(SSL_get_peer_cert_chain(c), 0) == SSL_get0_peer_certificate(c)))
        goto end;
    if (!TEST_ptr(p1 = SSL_get1_peer_certificate(c))
        || !TEST_true(p1 == SSL_get0_peer_certificate(c)))
        goto end;
    if (client_cert) {
        if (!chain_is(SSL_get_peer_cert_chain(s), 1, ca, ca)
            || !chain_is(SSL_get0_verified_chain(s), 2, "/O=sslrs test/CN=sslrs test client", ca)
            || !subject_is(SSL_get0_peer_certificate(s), "/O=sslrs test/CN=sslrs test client"))
            goto end;
    } else {
        if (!chain_is(SSL_get_peer_cert_chain(s), 0, NULL, NULL)
            || !TEST_ptr_null(SSL_get0_verified_chain(s))
            || !TEST_ptr_null(SSL_get0_peer_certificate(s)))
            goto end;
    }
    ret = 1;
end:
    X509_free(p1);
    X509_free(cx);
    X509_free(cca);
    EVP_PKEY_free(ck);
    sk_X509_pop_free(cchain, X509_free);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_peer_chain(void)
{
    return peer_chain_case(TLS1_3_VERSION, 0) && peer_chain_case(TLS1_2_VERSION, 0)
        && peer_chain_case(TLS1_3_VERSION, 1) && peer_chain_case(TLS1_2_VERSION, 1);
}

/* Replacing the certificate keeps the slot's chain certificates (SSL_MODE_NO_AUTO_CHAIN: OpenSSL
 * would otherwise complete the chain from its trust store). */
static int test_leaf_keeps_chain(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    int ret = 0;

    if (!create_ssl_ctx_pair(0, 0, NULL, NULL, "ca-bundle.pem", &sctx, &cctx))
        goto end;
    SSL_CTX_set_mode(sctx, SSL_MODE_NO_AUTO_CHAIN);
    if (!TEST_int_eq(SSL_CTX_use_certificate_chain_file(sctx, cert_path("server-ec-chain.pem")), 1)
        || !TEST_int_eq(SSL_CTX_use_certificate_file(sctx, cert_path("server-other.pem"),
                                                     SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server-other.key"),
                                                    SSL_FILETYPE_PEM), 1))
        goto end;
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
        || !TEST_true(create_ssl_connection(s, c))
        || !chain_is(SSL_get_peer_cert_chain(c), 2, "/O=sslrs test/CN=other.example",
                     "/O=sslrs test/CN=sslrs test CA ECDSA"))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

struct pw {
    const char *password;
    int calls, size, rwflag;
    void *u;
};

static int pw_cb(char *buf, int size, int rwflag, void *u)
{
    struct pw *p = u;
    int n = (int)strlen(p->password);

    p->calls++;
    p->size = size;
    p->rwflag = rwflag;
    p->u = u;
    if (n > size)
        return -1;
    memcpy(buf, p->password, (size_t)n);
    return n;
}

static int test_passwd_callbacks(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s0 = NULL, *s = NULL;
    struct pw wrong = {"wrong", 0, 0, 0, NULL}, other = {"x", 0, 0, 0, NULL};
    struct pw right = {"secret", 0, 0, 0, NULL};
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(s0 = SSL_new(ctx)))
        goto end;
    if (!TEST_ptr_null(SSL_CTX_get_default_passwd_cb(ctx))
        || !TEST_ptr_null(SSL_CTX_get_default_passwd_cb_userdata(ctx)))
        goto end;
    SSL_CTX_set_default_passwd_cb(ctx, pw_cb);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, &wrong);
    if (!TEST_true(SSL_CTX_get_default_passwd_cb(ctx) == pw_cb)
        || !TEST_true(SSL_CTX_get_default_passwd_cb_userdata(ctx) == &wrong))
        goto end;
    /* SSL_new copies them; an older connection keeps what it had */
    if (!TEST_ptr_null(SSL_get_default_passwd_cb(s0)) || !TEST_ptr(s = SSL_new(ctx))
        || !TEST_true(SSL_get_default_passwd_cb(s) == pw_cb)
        || !TEST_true(SSL_get_default_passwd_cb_userdata(s) == &wrong))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_certificate_file(ctx, cert_path("server-ec.pem"),
                                                  SSL_FILETYPE_PEM), 1))
        goto end;
    /* a wrong password: the callback runs once (1024 bytes, rwflag 0), PEM lib */
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server-ec-enc.key"),
                                                 SSL_FILETYPE_PEM), 0)
        || !last_error(0x0A080009UL) || !TEST_int_eq(wrong.calls, 1)
        || !TEST_int_eq(wrong.size, 1024) || !TEST_int_eq(wrong.rwflag, 0)
        || !TEST_true(wrong.u == &wrong) || !TEST_ptr_null(SSL_CTX_get0_privatekey(ctx)))
        goto end;
    /* the connection's own callback is used for its own loads; the context's is unchanged */
    SSL_set_default_passwd_cb_userdata(s, &other);
    if (!TEST_int_eq(SSL_use_PrivateKey_file(s, cert_path("server-ec-enc.key"), SSL_FILETYPE_PEM),
                     0)
        || !last_error(0x0A080009UL) || !TEST_int_eq(other.calls, 1)
        || !TEST_int_eq(wrong.calls, 1)
        || !TEST_true(SSL_CTX_get_default_passwd_cb_userdata(ctx) == &wrong))
        goto end;
    /* without a callback, the userdata is the password itself */
    SSL_set_default_passwd_cb(s, NULL);
    SSL_set_default_passwd_cb_userdata(s, "secret");
    if (!TEST_ptr_null(SSL_get_default_passwd_cb(s))
        || !TEST_true(SSL_CTX_get_default_passwd_cb(ctx) == pw_cb))
        goto end;
    if (!TEST_int_eq(SSL_use_certificate_file(s, cert_path("server-ec.pem"), SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_use_PrivateKey_file(s, cert_path("server-ec-enc.key"), SSL_FILETYPE_PEM),
                        1)
        || !TEST_int_eq(SSL_check_private_key(s), 1))
        goto end;
    /* the right password (more in test_enc_keys) */
    SSL_CTX_set_default_passwd_cb_userdata(ctx, &right);
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server-ec-enc.key"),
                                                 SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(right.calls, 1)
        || !TEST_int_eq(SSL_CTX_check_private_key(ctx), 1))
        goto end;
    ERR_clear_error();
    SSL_CTX_set_default_passwd_cb_userdata(ctx, &wrong);
    /* unencrypted keys never ask */
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server-ec.key"), SSL_FILETYPE_PEM),
                     1)
        || !TEST_int_eq(wrong.calls, 1))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_free(s0);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_rsa_and_files(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_certificate_file(ctx, cert_path("server-rsa.pem"),
                                                  SSL_FILETYPE_PEM), 1))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_RSAPrivateKey_file(ctx, cert_path("server-ec.key"),
                                                    SSL_FILETYPE_PEM), 0))
        goto end;
    if (!TEST_ulong_eq(ERR_peek_error(), 0x0300007FUL) || !last_error(0x0A080009UL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_RSAPrivateKey_file(ctx, cert_path("server-rsa.key"), 7), 0)
        || !only_error(0x0A00007CUL))
        goto end;
    if (!TEST_int_eq(SSL_CTX_use_RSAPrivateKey_file(ctx, cert_path("server-rsa-pkcs1.key.der"),
                                                    SSL_FILETYPE_ASN1), 1)
        || !TEST_int_eq(SSL_CTX_check_private_key(ctx), 1))
        goto end;
    /* the connection was made before the context got its certificate: it has none */
    if (!TEST_int_eq(SSL_use_RSAPrivateKey_file(s, cert_path("server-rsa.key"), SSL_FILETYPE_PEM),
                     1)
        || !TEST_int_eq(SSL_check_private_key(s), 0) || !only_error(0x0A0000B1UL))
        goto end;
    /* connection-level files */
    if (!TEST_int_eq(SSL_use_certificate_file(s, cert_path("nope.pem"), SSL_FILETYPE_PEM), 0)
        || !TEST_ulong_eq(ERR_peek_error(), 0x80000002UL) || !last_error(0x0A080002UL))
        goto end;
    if (!TEST_int_eq(SSL_use_PrivateKey_file(s, cert_path("nope.pem"), SSL_FILETYPE_PEM), 0)
        || !last_error(0x0A080002UL))
        goto end;
    if (!TEST_int_eq(SSL_use_certificate_chain_file(s, cert_path("server-ec-chain.pem")), 1)
        || !TEST_int_eq(SSL_use_PrivateKey_file(s, cert_path("server-ec.key"), SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_check_private_key(s), 1)
        || !subject_is(SSL_get_certificate(s), "/O=sslrs test/CN=localhost")
        || !TEST_ptr(SSL_get_privatekey(s)))
        goto end;
    if (!TEST_int_eq(SSL_use_certificate_file(s, cert_path("server-rsa.der"), SSL_FILETYPE_ASN1), 1))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

/* The certificate callback: a server without certificates gets them from it. */
static int cb_calls, cb_order[4], cb_n, cb_result = 1;

static int sni_cb(SSL *s, int *al, void *arg)
{
    (void)s;
    (void)al;
    (void)arg;
    if (cb_n < 4)
        cb_order[cb_n++] = 1;
    return SSL_TLSEXT_ERR_NOACK;
}

static int cert_cb(SSL *s, void *arg)
{
    cb_calls++;
    if (cb_n < 4)
        cb_order[cb_n++] = 2;
    if (!SSL_is_server(s) || arg != (void *)&cb_calls)
        return 0;
    if (cb_result != 1)
        return cb_result;
    if (SSL_use_certificate_file(s, cert_path("server-ec.pem"), SSL_FILETYPE_PEM) != 1
        || SSL_use_PrivateKey_file(s, cert_path("server-ec.key"), SSL_FILETYPE_PEM) != 1)
        return 0;
    return 1;
}

static int cert_cb_case(int version, int result)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    struct hs_side hs, hc;
    int ret = 0;

    cb_calls = cb_n = 0;
    cb_result = result;
    if (!create_ssl_ctx_pair(version, version, NULL, NULL, "ca-bundle.pem", &sctx, &cctx))
        goto end;
    SSL_CTX_set_cert_cb(sctx, cert_cb, &cb_calls);
    SSL_CTX_set_tlsext_servername_callback(sctx, sni_cb);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    if (!TEST_int_eq(SSL_set_tlsext_host_name(c, "localhost"), 1))
        goto end;
    if (!TEST_true(pump_handshake(s, c, &hs, &hc, 30)) || !TEST_int_eq(cb_calls, 1)
        || !TEST_int_eq(cb_n, 2) || !TEST_int_eq(cb_order[0], 1) || !TEST_int_eq(cb_order[1], 2))
        goto end;
    if (result == 1) {
        if (!TEST_true(hs.done) || !TEST_true(hc.done)
            || !subject_is(SSL_get0_peer_certificate(c), "/O=sslrs test/CN=localhost"))
            goto end;
    } else {
        /* SSL_R_CERT_CB_ERROR on the server, internal_error alert at the client */
        if (!TEST_true(hs.failed) || !TEST_int_eq(hs.err, SSL_ERROR_SSL)
            || !TEST_int_eq(hs.nerrs, 1) || !TEST_ulong_eq(hs.errs[0], 0x0A000179UL)
            || !TEST_true(hc.failed) || !TEST_int_eq(hc.nerrs, 1)
            || !TEST_ulong_eq(hc.errs[0], 0x0A000438UL))
            goto end;
    }
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_cert_cb(void)
{
    return cert_cb_case(TLS1_3_VERSION, 1) && cert_cb_case(TLS1_2_VERSION, 1)
        && cert_cb_case(TLS1_3_VERSION, 0) && cert_cb_case(TLS1_2_VERSION, 0);
}

static int client_cert_cb(SSL *s, X509 **x, EVP_PKEY **k)
{
    (void)s;
    (void)x;
    (void)k;
    return 0;
}

static int test_client_cert_cb_recorded(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_true(SSL_CTX_get_client_cert_cb(ctx) == NULL))
        goto end;
    SSL_CTX_set_client_cert_cb(ctx, client_cert_cb);
    if (!TEST_true(SSL_CTX_get_client_cert_cb(ctx) == client_cert_cb))
        goto end;
    ret = 1;
end:
    SSL_CTX_free(ctx);
    return ret;
}

int main(void)
{
    RUN_TEST(test_objects_and_getters);
    RUN_TEST(test_null_arguments);
    RUN_TEST(test_asn1);
    RUN_TEST(test_cert_and_key);
    RUN_TEST(test_connection_certificates);
    RUN_TEST(test_peer_chain);
    RUN_TEST(test_leaf_keeps_chain);
    RUN_TEST(test_passwd_callbacks);
    RUN_TEST(test_rsa_and_files);
    RUN_TEST(test_cert_cb);
    RUN_TEST(test_client_cert_cb_recorded);
    return tu_finish();
}
