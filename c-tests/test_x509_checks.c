/*
 * Checks programs make on a peer certificate themselves: X509_digest (fingerprints),
 * X509_check_host (with its X509_CHECK_FLAG_*), X509_check_email, X509_check_ip and
 * X509_check_ip_asc, with the values OpenSSL 3.0 gives.
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

/* One name check and the value OpenSSL 3.0 gives for it (measured). */
struct name_case {
    const char *cert;
    char kind; /* 'h' X509_check_host, 'e' X509_check_email, 'i' X509_check_ip_asc */
    const char *name;
    size_t len;
    unsigned int flags;
    int want;
    const char *peer; /* the certificate's name X509_check_host reports, or NULL */
};

static const struct name_case name_cases[] = {
    {"hosts/wild.pem", 'h', "www.example.com", 0, 0, 1, "*.example.com"},
    {"hosts/wild.pem", 'h', "WWW.EXAMPLE.COM", 0, 0, 1, "*.example.com"},
    {"hosts/wild.pem", 'h', "a.b.example.com", 0, 0, 0, NULL},
    {"hosts/wild.pem", 'h', "a.b.example.com", 0, X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS, 1, "*.example.com"},
    {"hosts/wild.pem", 'h', "example.com", 0, 0, 0, NULL},
    {"hosts/wild.pem", 'h', "www.example.com", 0, X509_CHECK_FLAG_NO_WILDCARDS, 0, NULL},
    {"hosts/wild.pem", 'h', "*.example.com", 0, X509_CHECK_FLAG_NO_WILDCARDS, 1, "*.example.com"},
    {"hosts/wild.pem", 'h', "foo.part.test", 0, 0, 1, "f*.part.test"},
    {"hosts/wild.pem", 'h', "f.part.test", 0, 0, 1, "f*.part.test"},
    {"hosts/wild.pem", 'h', "foo.part.test", 0, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, 0, NULL},
    {"hosts/wild.pem", 'h', "abx.end.test", 0, 0, 1, "*x.end.test"},
    {"hosts/wild.pem", 'h', "a-b.end.test", 0, 0, 0, NULL},
    {"hosts/wild.pem", 'h', "a_x.end.test", 0, 0, 0, NULL},
    {"hosts/wild.pem", 'h', "www.exact.test", 0, 0, 1, "www.exact.test"},
    {"hosts/wild.pem", 'h', "WWW.Exact.Test", 0, 0, 1, "www.exact.test"},
    {"hosts/wild.pem", 'h', "a.xn--bcher-kva.test", 0, 0, 1, "*.xn--bcher-kva.test"},
    {"hosts/wild.pem", 'h', "xn--a.example.com", 0, 0, 1, "*.example.com"},
    {"hosts/wild.pem", 'h', "example.co", 0, 0, 0, NULL},
    {"hosts/wild.pem", 'h', "*.co", 0, 0, 1, "*.co"},
    {"hosts/wild.pem", 'h', "axb.mid.test", 0, 0, 0, NULL},
    {"hosts/wild.pem", 'h', ".example.com", 0, 0, 1, "*.example.com"},
    {"hosts/wild.pem", 'h', ".exact.test", 0, 0, 1, "www.exact.test"},
    {"hosts/wild.pem", 'h', ".exact.test", 0, X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS, 1, "www.exact.test"},
    {"hosts/wild.pem", 'h', ".test", 0, X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS, 0, NULL},
    {"hosts/wild.pem", 'h', ".test", 0, 0, 1, "f*.part.test"},
    {"hosts/wild.pem", 'h', "cn.ignored.test", 0, 0, 0, NULL},
    {"hosts/wild.pem", 'h', "cn.ignored.test", 0, X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT, 1, "cn.ignored.test"},
    {"hosts/wild.pem", 'h', "www.exact.test", 15, 0, 1, "www.exact.test"},
    {"hosts/wild.pem", 'h', "www.exact.test\0", 15, 0, 1, "www.exact.test"},
    {"hosts/wild.pem", 'h', "www.exact.test\0\0", 16, 0, -2, NULL},
    {"hosts/wild.pem", 'e', "Joe@example.com", 0, 0, 1, NULL},
    {"hosts/wild.pem", 'e', "Joe@EXAMPLE.COM", 0, 0, 1, NULL},
    {"hosts/wild.pem", 'e', "joe@Example.com", 0, 0, 0, NULL},
    {"hosts/wild.pem", 'e', "Jo\0e@Example.com", 16, 0, -2, NULL},
    {"hosts/wild.pem", 'i', "10.1.2.3", 0, 0, 1, NULL},
    {"hosts/wild.pem", 'i', "::1", 0, 0, 1, NULL},
    {"hosts/wild.pem", 'i', "0:0::1", 0, 0, 1, NULL},
    {"hosts/wild.pem", 'i', "10.1.2.4", 0, 0, 0, NULL},
    {"hosts/cn-only.pem", 'h', "cn.example.org", 0, 0, 1, "cn.example.org"},
    {"hosts/cn-only.pem", 'h', "CN.EXAMPLE.ORG", 0, 0, 1, "cn.example.org"},
    {"hosts/cn-only.pem", 'h', "cn.example.org", 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, 0, NULL},
    {"hosts/cn-only.pem", 'e', "Mail@example.org", 0, 0, 1, NULL},
    {"hosts/cn-only.pem", 'e', "mail@Example.org", 0, 0, 0, NULL},
    {"hosts/cn-only.pem", 'e', "Mail@example.org", 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, 0, NULL},
    {"hosts/ip-only.pem", 'h', "cn.iponly.test", 0, 0, 1, "cn.iponly.test"},
    {"hosts/ip-only.pem", 'i', "192.0.2.7", 0, 0, 1, NULL},
    {"hosts/ip-only.pem", 'i', "192.0.2.8", 0, 0, 0, NULL},
};

static int test_name_flags(void)
{
    size_t i;
    int ret = 1;

    for (i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
        const struct name_case *c = &name_cases[i];
        X509 *x = read_cert(c->cert);
        char *peer = NULL;
        int got;

        if (!TEST_ptr(x)) {
            ret = 0;
            continue;
        }
        if (c->kind == 'h')
            got = X509_check_host(x, c->name, c->len, c->flags, &peer);
        else if (c->kind == 'e')
            got = X509_check_email(x, c->name, c->len, c->flags);
        else
            got = X509_check_ip_asc(x, c->name, c->flags);
        if (!TEST_int_eq(got, c->want)) {
            fprintf(stderr, "  case %zu: %s %c \"%s\" flags %#x\n", i, c->cert, c->kind, c->name, c->flags);
            ret = 0;
        } else if (c->peer != NULL && !TEST_str_eq(peer, c->peer)) {
            fprintf(stderr, "  case %zu: peername\n", i);
            ret = 0;
        } else if (c->peer == NULL && c->kind == 'h' && !TEST_ptr_null(peer)) {
            ret = 0;
        }
        OPENSSL_free(peer);
        X509_free(x);
    }
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
    RUN_TEST(test_name_flags);
    RUN_TEST(test_text_by_nid);
    return tu_finish();
}
