/*
 * Checks programs make on a peer certificate themselves: X509_digest (fingerprints),
 * X509_check_host and X509_check_ip_asc, with the values OpenSSL 3.0 gives.
 */
#include "testutil.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>

static X509 *read_cert(const char *name)
{
    BIO *b = BIO_new_file(cert_path(name), "r");
    X509 *x = b == NULL ? NULL : PEM_read_bio_X509(b, NULL, NULL, NULL);

    BIO_free(b);
    return x;
}

static int test_digest(void)
{
    /* openssl x509 -noout -fingerprint -sha256 / -sha1 -in c-tests/certs/server-ec.pem */
    static const unsigned char sha256[32] = {
        0x20, 0xA2, 0xFB, 0xB8, 0x8D, 0x5E, 0x3F, 0xFB, 0x16, 0x6B, 0x92, 0x88, 0x87, 0xBF, 0x30, 0x45,
        0xCE, 0xAF, 0x59, 0x55, 0x36, 0xF5, 0x15, 0x0E, 0x27, 0xE6, 0xB7, 0x01, 0xE6, 0x89, 0xD0, 0x31};
    static const unsigned char sha1[20] = {0x7B, 0x2D, 0xF3, 0x76, 0x09, 0x3A, 0x59, 0x80, 0x51, 0x32,
                                           0x8A, 0x7D, 0x94, 0xB9, 0x94, 0xC9, 0x57, 0x86, 0xDA, 0xAF};
    X509 *x = read_cert("server-ec.pem");
    unsigned char md[64];
    unsigned int len = 0;
    int ret = 0;

    if (!TEST_ptr(x) || !TEST_int_eq(X509_digest(x, EVP_sha256(), md, &len), 1)
        || !TEST_mem_eq(md, len, sha256, sizeof(sha256))
        || !TEST_int_eq(X509_digest(x, EVP_sha1(), md, &len), 1)
        || !TEST_mem_eq(md, len, sha1, sizeof(sha1))
        || !TEST_int_eq(X509_digest(x, EVP_sha384(), md, &len), 1) || !TEST_int_eq(len, 48)
        || !TEST_int_eq(X509_digest(x, EVP_sha512(), md, NULL), 1))
        goto end;
    ret = 1;
end:
    X509_free(x);
    return ret;
}

static int test_check_host(void)
{
    static const unsigned char loopback[16] = {127, 0, 0, 1};
    X509 *x = read_cert("server-ec.pem");
    char *peer = NULL;
    int ret = 0;

    if (!TEST_ptr(x) || !TEST_int_eq(X509_check_host(x, "localhost", 0, 0, &peer), 1)
        || !TEST_str_eq(peer, "localhost") || !TEST_int_eq(X509_check_host(x, "LOCALHOST", 0, 0, NULL), 1)
        || !TEST_int_eq(X509_check_host(x, "localhostXX", 9, 0, NULL), 1)
        || !TEST_int_eq(X509_check_host(x, "other.example", 0, 0, NULL), 0)
        || !TEST_int_eq(X509_check_host(x, "", 0, 0, NULL), 0)
        || !TEST_int_eq(X509_check_host(x, "127.0.0.1", 0, 0, NULL), 0)
        || !TEST_int_eq(X509_check_host(x, "local\0host", 10, 0, NULL), -2)
        || !TEST_int_eq(X509_check_host(x, NULL, 0, 0, NULL), -2))
        goto end;
    if (!TEST_int_eq(X509_check_ip(x, loopback, 4, 0), 1)
        || !TEST_int_eq(X509_check_ip(x, loopback, 3, 0), 0)
        || !TEST_int_eq(X509_check_ip(x, loopback, 16, 0), 0)
        || !TEST_int_eq(X509_check_ip(x, NULL, 4, 0), -2))
        goto end;
    if (!TEST_int_eq(X509_check_ip_asc(x, "127.0.0.1", 0), 1)
        || !TEST_int_eq(X509_check_ip_asc(x, "127.0.0.2", 0), 0)
        || !TEST_int_eq(X509_check_ip_asc(x, "not an address", 0), -2))
        goto end;
    ret = 1;
end:
    OPENSSL_free(peer);
    X509_free(x);
    return ret;
}

static int test_text_by_nid(void)
{
    X509 *x = read_cert("server-ec.pem");
    X509_NAME *subj, *iss;
    char buf[256];
    int ret = 0;

    if (!TEST_ptr(x) || !TEST_ptr(subj = X509_get_subject_name(x))
        || !TEST_ptr(iss = X509_get_issuer_name(x)))
        goto end;
    if (!TEST_int_eq(X509_NAME_get_text_by_NID(subj, NID_commonName, buf, sizeof(buf)), 9)
        || !TEST_str_eq(buf, "localhost")
        || !TEST_int_eq(X509_NAME_get_text_by_NID(subj, NID_commonName, NULL, 0), 9)
        || !TEST_int_eq(X509_NAME_get_text_by_NID(subj, NID_organizationName, buf, sizeof(buf)), 10)
        || !TEST_str_eq(buf, "sslrs test")
        || !TEST_int_eq(X509_NAME_get_text_by_NID(iss, NID_commonName, buf, sizeof(buf)), 19)
        || !TEST_str_eq(buf, "sslrs test CA ECDSA")
        || !TEST_int_eq(X509_NAME_get_text_by_NID(subj, NID_countryName, buf, sizeof(buf)), -1))
        goto end;
    /* a short buffer: what fits, NUL-terminated */
    if (!TEST_int_eq(X509_NAME_get_text_by_NID(subj, NID_commonName, buf, 4), 3)
        || !TEST_str_eq(buf, "loc"))
        goto end;
    ret = 1;
end:
    X509_free(x);
    return ret;
}

int main(void)
{
    RUN_TEST(test_digest);
    RUN_TEST(test_check_host);
    RUN_TEST(test_text_by_nid);
    return tu_finish();
}
