/*
 * Target 3: the native PEM/DER/X509 parsers, then getters and printers on what parsed.
 *
 * Input: one selector byte, one flags byte, then the bytes to parse. Selector (mod 8):
 * 0 PEM_read_bio_X509, 1 d2i_X509, 2 d2i_PrivateKey (type from flags) / d2i_AutoPrivateKey,
 * 3 PEM_read_bio_PrivateKey, 4 d2i_X509_CRL, 5 PEM_read_bio_X509_CRL, 6 PEM_read_bio_X509_AUX,
 * 7 PEM_X509_INFO_read_bio. A parsed certificate goes through the name printers, X509_print_ex,
 * the SAN decoder, the host/email/IP matchers, DER round trip and chain verification.
 */
#include "fuzz.h"
#include <openssl/x509v3.h>
#include <openssl/evp.h>

static X509_STORE *store;
static BIO *sink;

static void setup(void)
{
    if (store != NULL)
        return;
    store = X509_STORE_new();
    FZ_CHECK(store != NULL);
    if (X509_STORE_load_locations(store, fz_cert("ca-bundle.pem"), NULL) != 1) {
        fprintf(stderr, "fuzz: cannot load ca-bundle.pem (run from the repository root)\n");
        exit(2);
    }
    sink = BIO_new(BIO_s_mem());
}

static void reset_sink(void)
{
    (void)BIO_reset(sink);
}

static void exercise_name(const X509_NAME *name, unsigned flags)
{
    static const unsigned long modes[4] = { XN_FLAG_RFC2253, XN_FLAG_ONELINE, XN_FLAG_MULTILINE,
                                            XN_FLAG_COMPAT };
    char line[256], txt[256];
    int i, cnt;
    if (name == NULL)
        return;
    FZ_CHECK(X509_NAME_print_ex(sink, name, (int)(flags & 7), modes[(flags >> 3) & 3]) >= -1);
    X509_NAME_oneline(name, line, sizeof line);
    FZ_CHECK(memchr(line, 0, sizeof line) != NULL);
    cnt = X509_NAME_entry_count(name);
    FZ_CHECK(cnt >= 0);
    for (i = 0; i < cnt && i < 64; i++) {
        X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
        FZ_CHECK(e != NULL);
        ASN1_STRING_print_ex(sink, X509_NAME_ENTRY_get_data(e), ASN1_STRFLGS_RFC2253);
    }
    if (X509_NAME_get_text_by_NID((X509_NAME *)name, NID_commonName, txt, sizeof txt) >= 0)
        FZ_CHECK(memchr(txt, 0, sizeof txt) != NULL);
    {
        unsigned char *der = NULL;
        int len = i2d_X509_NAME(name, &der);
        if (len > 0) {
            const unsigned char *q = der;
            X509_NAME *back = d2i_X509_NAME(NULL, &q, len);
            FZ_CHECK(back != NULL);
            FZ_CHECK(q == der + len);
            X509_NAME_free(back);
        }
        OPENSSL_free(der);
    }
}

static void exercise_cert(X509 *x, unsigned flags)
{
    GENERAL_NAMES *san;
    unsigned char *der = NULL;
    int len, crit = 0;
    char *peer = NULL;
    EVP_PKEY *pk;
    X509_STORE_CTX *sctx;

    reset_sink();
    exercise_name(X509_get_subject_name(x), flags);
    exercise_name(X509_get_issuer_name(x), flags >> 1);
    FZ_CHECK(X509_print_ex(sink, x, XN_FLAG_COMPAT, (flags & 1) ? X509_FLAG_NO_EXTENSIONS : 0) >= 0);
    reset_sink();
    san = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL);
    FZ_CHECK(crit >= -2 && crit <= 1);
    if (san != NULL)
        GENERAL_NAMES_free(san);
    FZ_CHECK(X509_check_host(x, "localhost", 0, (unsigned)(flags & 0x3f), &peer) >= -2);
    OPENSSL_free(peer);
    FZ_CHECK(X509_check_host(x, "www.example.com", 0, 0, NULL) >= -2);
    FZ_CHECK(X509_check_email(x, "a@example.com", 0, 0) >= -2);
    FZ_CHECK(X509_check_ip_asc(x, "127.0.0.1", 0) >= -2);
    (void)X509_get_version(x);
    (void)X509_get_serialNumber(x);
    (void)X509_get_signature_nid(x);
    (void)X509_get_extension_flags(x);
    (void)X509_get_key_usage(x);
    if (X509_get0_notBefore(x) != NULL)
        ASN1_TIME_print(sink, X509_get0_notBefore(x));
    (void)X509_cmp_current_time(X509_get0_notAfter(x));
    pk = X509_get_pubkey(x);
    if (pk != NULL) {
        (void)EVP_PKEY_get_bits(pk);
        (void)EVP_PKEY_get_base_id(pk);
        EVP_PKEY_free(pk);
    }
    len = i2d_X509(x, &der);
    if (len > 0) {
        const unsigned char *q = der;
        X509 *back = d2i_X509(NULL, &q, len);
        FZ_CHECK(back != NULL);
        FZ_CHECK(X509_cmp(x, back) == 0);
        X509_free(back);
    }
    OPENSSL_free(der);
    if (flags & 0x80) {
        sctx = X509_STORE_CTX_new();
        if (sctx != NULL && X509_STORE_CTX_init(sctx, store, x, NULL) == 1) {
            int r = X509_verify_cert(sctx);
            FZ_CHECK(r == 1 || r == 0 || r == -1);
            if (r == 1)
                FZ_CHECK(X509_STORE_CTX_get_error(sctx) == X509_V_OK);
        }
        X509_STORE_CTX_free(sctx);
    }
}

static void exercise_crl(X509_CRL *crl)
{
    unsigned char *der = NULL;
    int len = i2d_X509_CRL(crl, &der);
    if (len > 0) {
        const unsigned char *q = der;
        X509_CRL *back = d2i_X509_CRL(NULL, &q, len);
        FZ_CHECK(back != NULL);
        X509_CRL_free(back);
    }
    OPENSSL_free(der);
}

static void exercise_key(EVP_PKEY *pk)
{
    unsigned char *der = NULL;
    int len;
    (void)EVP_PKEY_get_bits(pk);
    (void)EVP_PKEY_get_id(pk);
    (void)EVP_PKEY_get_security_bits(pk);
    len = i2d_PrivateKey(pk, &der);
    if (len > 0) {
        const unsigned char *q = der;
        EVP_PKEY *back = d2i_AutoPrivateKey(NULL, &q, len);
        if (back != NULL)
            EVP_PKEY_free(back);
    }
    OPENSSL_free(der);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int key_types[4] = { EVP_PKEY_RSA, EVP_PKEY_EC, EVP_PKEY_ED25519, 0 };
    struct fz_in in = { data, size };
    unsigned sel, flags;
    const unsigned char *q;
    BIO *b;

    setup();
    sel = fz_u8(&in) & 7;
    flags = fz_u8(&in);
    q = in.p;
    b = BIO_new_mem_buf(in.p, (int)in.n);
    FZ_CHECK(b != NULL);
    switch (sel) {
    case 0:
    case 6: {
        X509 *x;
        while ((x = sel == 0 ? PEM_read_bio_X509(b, NULL, NULL, NULL)
                             : PEM_read_bio_X509_AUX(b, NULL, NULL, NULL)) != NULL) {
            exercise_cert(x, flags);
            X509_free(x);
        }
        break;
    }
    case 1: {
        X509 *x = d2i_X509(NULL, &q, (long)in.n);
        if (x != NULL) {
            FZ_CHECK(q > in.p && q <= in.p + in.n);
            exercise_cert(x, flags);
            X509_free(x);
        } else {
            FZ_CHECK(q == in.p);
        }
        break;
    }
    case 2: {
        int t = key_types[flags & 3];
        EVP_PKEY *pk = t ? d2i_PrivateKey(t, NULL, &q, (long)in.n)
                         : d2i_AutoPrivateKey(NULL, &q, (long)in.n);
        if (pk != NULL) {
            exercise_key(pk);
            EVP_PKEY_free(pk);
        }
        break;
    }
    case 3: {
        EVP_PKEY *pk = PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)"secret");
        if (pk != NULL) {
            exercise_key(pk);
            EVP_PKEY_free(pk);
        }
        break;
    }
    case 4: {
        X509_CRL *crl = d2i_X509_CRL(NULL, &q, (long)in.n);
        if (crl != NULL) {
            exercise_crl(crl);
            X509_CRL_free(crl);
        }
        break;
    }
    case 5: {
        X509_CRL *crl;
        while ((crl = PEM_read_bio_X509_CRL(b, NULL, NULL, NULL)) != NULL) {
            exercise_crl(crl);
            X509_CRL_free(crl);
        }
        break;
    }
    case 7: {
        STACK_OF(X509_INFO) *infos = PEM_X509_INFO_read_bio(b, NULL, NULL, NULL);
        if (infos != NULL) {
            int i;
            for (i = 0; i < sk_X509_INFO_num(infos); i++) {
                X509_INFO *xi = sk_X509_INFO_value(infos, i);
                if (xi->x509 != NULL)
                    exercise_cert(xi->x509, flags);
            }
            sk_X509_INFO_pop_free(infos, X509_INFO_free);
        }
        break;
    }
    }
    BIO_free(b);
    fz_end();
    return 0;
}
