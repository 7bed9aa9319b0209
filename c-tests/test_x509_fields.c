/*
 * The certificate-field API over the varied certificates of c-tests/certs/fields/ (made by
 * c-tests/certs/gen-fields.sh): serials (ASN1_INTEGER, BIGNUM, i2s/i2a forms), validity
 * (ASN1_TIME forms, print, to_tm, diff, cmp_time), version, signature NID, extensions
 * (subjectAltName GENERAL_NAMEs, basicConstraints, keyUsage, flags), public keys (type, bits,
 * security bits, key digest), X509_cmp/X509_dup, X509_check_email, PEM writing and
 * PEM_X509_INFO_read_bio, EVP_get_digestbyname; NULL and malformed inputs. Every expected
 * value is what OpenSSL 3.0.19 gives (measured).
 */
#include "testutil.h"

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define TEST_ptr_eq_void(a, b) TEST_true((const void *)(a) == (const void *)(b))

static X509 *read_cert(const char *name)
{
    char path[128];
    BIO *b;
    X509 *x;

    snprintf(path, sizeof(path), "fields/%s", name);
    b = BIO_new_file(cert_path(path), "r");
    x = b == NULL ? NULL : PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    return x;
}

static EVP_PKEY *read_key(const char *name)
{
    char path[128];
    BIO *b;
    EVP_PKEY *k;

    snprintf(path, sizeof(path), "fields/%s", name);
    b = BIO_new_file(cert_path(path), "r");
    k = b == NULL ? NULL : PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    BIO_free(b);
    return k;
}

static void to_hex(const unsigned char *d, int n, char *out)
{
    for (int i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02X", d[i]);
    out[2 * (n > 0 ? n : 0)] = '\0';
}

/* What a BIO function wrote to a fresh memory BIO, NUL-terminated (static buffer). */
static char bio_text[512];
static BIO *mem_bio(void)
{
    return BIO_new(BIO_s_mem());
}
static const char *mem_text(BIO *b)
{
    char *p = NULL;
    long n = BIO_get_mem_data(b, &p);

    if (n < 0 || n >= (long)sizeof(bio_text))
        n = 0;
    memcpy(bio_text, p, (size_t)n);
    bio_text[n] = '\0';
    return bio_text;
}

struct serial_case {
    const char *file;
    int type, len;
    const char *data_hex;
    long get;
    const char *i2s, *bnhex, *bndec, *i2a;
    int bits;
};

static const struct serial_case serials[] = {
    {"ca.pem", V_ASN1_INTEGER, 1, "01", 1, "1", "01", "1", "01", 1},
    {"ec384.pem", V_ASN1_INTEGER, 8, "7FFFFFFFFFFFFFFF", 9223372036854775807L, "9223372036854775807",
     "7FFFFFFFFFFFFFFF", "9223372036854775807", "7FFFFFFFFFFFFFFF", 63},
    {"ed25519.pem", V_ASN1_INTEGER, 9, "010000000000000000", -1, "18446744073709551616",
     "010000000000000000", "18446744073709551616", "010000000000000000", 65},
    {"negserial.pem", V_ASN1_NEG_INTEGER, 1, "05", -5, "-5", "-05", "-5", "-05", 3},
    {"rsa2048.pem", V_ASN1_INTEGER, 20, "8001020304050607080910111213141516171819", -1,
     "0x8001020304050607080910111213141516171819", "8001020304050607080910111213141516171819",
     "730773294661411949727266569137675847288978085913", "8001020304050607080910111213141516171819",
     160},
    {"rsa3072.pem", V_ASN1_INTEGER, 1, "7F", 127, "127", "7F", "127", "7F", 7},
    {"zeroserial.pem", V_ASN1_INTEGER, 1, "00", 0, "0", "0", "0", "00", 0},
};

static int test_serials(void)
{
    int ret = 0;

    for (size_t i = 0; i < sizeof(serials) / sizeof(serials[0]); i++) {
        const struct serial_case *c = &serials[i];
        X509 *x = read_cert(c->file);
        const ASN1_INTEGER *s;
        char hex[128], *t = NULL, *h = NULL, *d = NULL;
        BIGNUM *bn = NULL;
        BIO *b = mem_bio();
        int ok;

        tu_log("serial of %s", c->file);
        ok = TEST_ptr(x) && TEST_ptr(s = X509_get0_serialNumber(x))
             && TEST_ptr_eq_void(s, X509_get_serialNumber(x));
        if (ok) {
            to_hex(s->data, s->length, hex);
            ok = TEST_int_eq(s->type, c->type) && TEST_int_eq(s->length, c->len)
                 && TEST_int_eq(ASN1_STRING_length(s), c->len) && TEST_str_eq(hex, c->data_hex)
                 && TEST_int_eq(ASN1_INTEGER_get(s), c->get)
                 && TEST_ptr(t = i2s_ASN1_INTEGER(NULL, s)) && TEST_str_eq(t, c->i2s)
                 && TEST_ptr(bn = ASN1_INTEGER_to_BN(s, NULL)) && TEST_ptr(h = BN_bn2hex(bn))
                 && TEST_str_eq(h, c->bnhex) && TEST_ptr(d = BN_bn2dec(bn))
                 && TEST_str_eq(d, c->bndec) && TEST_int_eq(BN_num_bits(bn), c->bits)
                 && TEST_int_eq(i2a_ASN1_INTEGER(b, s), (int)strlen(c->i2a))
                 && TEST_str_eq(mem_text(b), c->i2a);
        }
        ERR_clear_error(); /* ASN1_INTEGER_get's "too large" */
        OPENSSL_free(t);
        OPENSSL_free(h);
        OPENSSL_free(d);
        BN_free(bn);
        BIO_free(b);
        X509_free(x);
        if (!ok)
            goto end;
    }
    ret = 1;
end:
    return ret;
}

/* Integers made by hand: OpenSSL's decimal/hex switch at 128 bits, ASN1_INTEGER_get's range
 * errors, a BIGNUM reused by ASN1_INTEGER_to_BN. */
static int test_integer_edges(void)
{
    unsigned char ff[17];
    ASN1_INTEGER *a = ASN1_INTEGER_new();
    ASN1_STRING *os = ASN1_STRING_type_new(V_ASN1_OCTET_STRING);
    BIGNUM *bn = BN_new();
    char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *h = NULL;
    int ret = 0;

    memset(ff, 0xFF, sizeof(ff));
    if (!TEST_ptr(a) || !TEST_ptr(bn) || !TEST_int_eq(a->type, V_ASN1_INTEGER)
        || !TEST_int_eq(a->length, 0) || !TEST_int_eq(ASN1_INTEGER_get(a), -1)
        || !TEST_ulong_eq(ERR_peek_error(), 0) || !TEST_ptr(h = i2s_ASN1_INTEGER(NULL, a)) || !TEST_str_eq(h, "0"))
        goto end;
    OPENSSL_free(h);
    h = NULL;
    if (!TEST_true(1)
        || !TEST_int_eq(BN_num_bits(bn), 0) || !TEST_ptr(h = BN_bn2hex(bn)) || !TEST_str_eq(h, "0"))
        goto end;
    ff[0] = 0x7F; /* 127 bits: decimal */
    if (!TEST_int_eq(ASN1_STRING_set(a, ff, 16), 1) || !TEST_ptr(s1 = i2s_ASN1_INTEGER(NULL, a))
        || !TEST_str_eq(s1, "170141183460469231731687303715884105727"))
        goto end;
    ff[0] = 0xFF; /* 128 bits: hex */
    if (!TEST_int_eq(ASN1_STRING_set(a, ff, 16), 1) || !TEST_ptr(s2 = i2s_ASN1_INTEGER(NULL, a))
        || !TEST_str_eq(s2, "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"))
        goto end;
    a->type = V_ASN1_NEG_INTEGER;
    if (!TEST_ptr(s3 = i2s_ASN1_INTEGER(NULL, a)) || !TEST_str_eq(s3, "-0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")
        || !TEST_int_eq(ASN1_INTEGER_get(a), -1)
        || !TEST_ulong_eq(ERR_get_error(), 0x068000DF) /* too large */)
        goto end;
    ERR_clear_error();
    memset(ff, 0, sizeof(ff));
    ff[0] = 0x80; /* 2^63 */
    if (!TEST_int_eq(ASN1_STRING_set(a, ff, 8), 1) || !TEST_int_eq(ASN1_INTEGER_get(a), LONG_MIN)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    a->type = V_ASN1_INTEGER;
    if (!TEST_int_eq(ASN1_INTEGER_get(a), -1) || !TEST_ulong_eq(ERR_get_error(), 0x068000DF))
        goto end;
    ff[7] = 1; /* -(2^63 + 1) */
    a->type = V_ASN1_NEG_INTEGER;
    if (!TEST_int_eq(ASN1_STRING_set(a, ff, 8), 1) || !TEST_int_eq(ASN1_INTEGER_get(a), -1)
        || !TEST_ulong_eq(ERR_get_error(), 0x068000E0) /* too small */
        || !TEST_ptr_eq_void(ASN1_INTEGER_to_BN(a, bn), bn) || !TEST_ptr(s4 = BN_bn2dec(bn))
        || !TEST_str_eq(s4, "-9223372036854775809") || !TEST_int_eq(BN_num_bits(bn), 64))
        goto end;
    /* Another string type: -1 / NULL with "wrong integer type". */
    ERR_clear_error();
    if (!TEST_int_eq(ASN1_STRING_set(os, "\1", 1), 1) || !TEST_int_eq(ASN1_INTEGER_get(os), -1)
        || !TEST_ulong_eq(ERR_get_error(), 0x068000E1) || !TEST_ptr_null(ASN1_INTEGER_to_BN(os, NULL))
        || !TEST_ulong_eq(ERR_get_error(), 0x068000E1))
        goto end;
    /* NULLs. */
    if (!TEST_int_eq(ASN1_INTEGER_get(NULL), 0) || !TEST_ptr_null(i2s_ASN1_INTEGER(NULL, NULL)))
        goto end;
    ASN1_INTEGER_free(NULL);
    BN_free(NULL);
    ret = 1;
end:
    ERR_clear_error();
    OPENSSL_free(s1);
    OPENSSL_free(s2);
    OPENSSL_free(s3);
    OPENSSL_free(s4);
    OPENSSL_free(h);
    ASN1_INTEGER_free(a);
    ASN1_STRING_free(os);
    BN_free(bn);
    return ret;
}

struct time_case {
    const char *file;
    int nb_type;
    const char *nb, *nb_print;
    int na_type;
    const char *na, *na_print;
    int year, mon, mday, hour, min, sec, wday, yday; /* of notAfter, struct tm conventions */
    int diff_day, diff_sec;
};

static const struct time_case times[] = {
    {"ca.pem", V_ASN1_UTCTIME, "250101000000Z", "Jan  1 00:00:00 2025 GMT", V_ASN1_UTCTIME,
     "491231235959Z", "Dec 31 23:59:59 2049 GMT", 149, 11, 31, 23, 59, 59, 5, 364, 9130, 86399},
    {"rsa2048.pem", V_ASN1_UTCTIME, "260101000000Z", "Jan  1 00:00:00 2026 GMT",
     V_ASN1_GENERALIZEDTIME, "20500101000000Z", "Jan  1 00:00:00 2050 GMT", 150, 0, 1, 0, 0, 0, 6,
     0, 8766, 0},
    {"rsa3072.pem", V_ASN1_UTCTIME, "260101000000Z", "Jan  1 00:00:00 2026 GMT", V_ASN1_UTCTIME,
     "491231235959Z", "Dec 31 23:59:59 2049 GMT", 149, 11, 31, 23, 59, 59, 5, 364, 8765, 86399},
    {"ec384.pem", V_ASN1_UTCTIME, "260101000000Z", "Jan  1 00:00:00 2026 GMT",
     V_ASN1_GENERALIZEDTIME, "20990630123045Z", "Jun 30 12:30:45 2099 GMT", 199, 5, 30, 12, 30,
     45, 2, 180, 26843, 45045},
    {"ed25519.pem", V_ASN1_UTCTIME, "991231235959Z", "Dec 31 23:59:59 1999 GMT", V_ASN1_UTCTIME,
     "300228000000Z", "Feb 28 00:00:00 2030 GMT", 130, 1, 28, 0, 0, 0, 4, 58, 11016, 1},
};

static int test_times(void)
{
    int ret = 0;

    for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
        const struct time_case *c = &times[i];
        X509 *x = read_cert(c->file);
        const ASN1_TIME *nb, *na;
        BIO *b1 = mem_bio(), *b2 = mem_bio();
        struct tm tm;
        int day = 0, sec = 0, ok;
        time_t t2030 = 1893456000; /* 2030-01-01 */

        tu_log("times of %s", c->file);
        memset(&tm, 0x55, sizeof(tm));
        ok = TEST_ptr(x) && TEST_ptr(nb = X509_get0_notBefore(x)) && TEST_ptr(na = X509_get0_notAfter(x))
             && TEST_ptr_eq_void(nb, X509_getm_notBefore(x)) && TEST_ptr_eq_void(na, X509_get_notAfter(x))
             && TEST_int_eq(nb->type, c->nb_type) && TEST_int_eq(na->type, c->na_type)
             && TEST_mem_eq(nb->data, (size_t)nb->length, c->nb, strlen(c->nb))
             && TEST_mem_eq(na->data, (size_t)na->length, c->na, strlen(c->na))
             && TEST_int_eq(ASN1_TIME_print(b1, nb), 1) && TEST_str_eq(mem_text(b1), c->nb_print)
             && TEST_int_eq(ASN1_TIME_print(b2, na), 1) && TEST_str_eq(mem_text(b2), c->na_print)
             && TEST_int_eq(ASN1_TIME_to_tm(na, &tm), 1) && TEST_int_eq(tm.tm_year, c->year)
             && TEST_int_eq(tm.tm_mon, c->mon) && TEST_int_eq(tm.tm_mday, c->mday)
             && TEST_int_eq(tm.tm_hour, c->hour) && TEST_int_eq(tm.tm_min, c->min)
             && TEST_int_eq(tm.tm_sec, c->sec) && TEST_int_eq(tm.tm_wday, c->wday)
             && TEST_int_eq(tm.tm_yday, c->yday) && TEST_int_eq(tm.tm_isdst, 0)
             && TEST_int_eq(ASN1_TIME_diff(&day, &sec, nb, na), 1) && TEST_int_eq(day, c->diff_day)
             && TEST_int_eq(sec, c->diff_sec) && TEST_int_eq(ASN1_TIME_diff(&day, &sec, na, nb), 1)
             && TEST_int_eq(day, -c->diff_day) && TEST_int_eq(sec, -c->diff_sec)
             && TEST_int_eq(X509_cmp_time(nb, &t2030), -1)
             && TEST_int_eq(X509_cmp_time(na, &t2030), strcmp(c->file, "ed25519.pem") == 0 ? 1 : 1)
             && TEST_int_eq(X509_cmp_current_time(nb), -1) && TEST_int_eq(X509_cmp_current_time(na), 1);
        BIO_free(b1);
        BIO_free(b2);
        X509_free(x);
        if (!ok)
            goto end;
    }
    ret = 1;
end:
    return ret;
}

/* ASN1_TIME_set / _new and malformed times. */
static int test_time_edges(void)
{
    ASN1_TIME *t = ASN1_TIME_new(), *u = NULL;
    BIO *b = mem_bio();
    struct tm tm;
    time_t at = 1767225600; /* 2026-01-01 00:00:00 */
    int d = 7, s = 7, ret = 0;

    if (!TEST_ptr(t) || !TEST_int_eq(t->type, -1) || !TEST_int_eq(t->length, 0)
        || !TEST_int_eq(ASN1_TIME_print(b, t), 0) || !TEST_str_eq(mem_text(b), "Bad time value"))
        goto end;
    if (!TEST_ptr_eq_void(ASN1_TIME_set(t, 2524608000), t) || !TEST_int_eq(t->type, V_ASN1_GENERALIZEDTIME)
        || !TEST_mem_eq(t->data, (size_t)t->length, "20500101000000Z", 15)
        || !TEST_ptr(ASN1_TIME_set(t, 2524607999)) || !TEST_int_eq(t->type, V_ASN1_UTCTIME)
        || !TEST_mem_eq(t->data, (size_t)t->length, "491231235959Z", 13)
        || !TEST_ptr(ASN1_TIME_set(t, -631152001)) || !TEST_int_eq(t->type, V_ASN1_GENERALIZEDTIME)
        || !TEST_mem_eq(t->data, (size_t)t->length, "19491231235959Z", 15)
        || !TEST_ptr(u = ASN1_TIME_set(NULL, 0)) || !TEST_int_eq(u->type, V_ASN1_UTCTIME)
        || !TEST_mem_eq(u->data, (size_t)u->length, "700101000000Z", 13))
        goto end;
    /* A fraction and an offset print; X509_cmp_time wants the strict forms only. */
    BIO_reset(b);
    if (!TEST_int_eq(ASN1_STRING_set(t, "20500101000000.123Z", -1), 1)
        || !TEST_int_eq(ASN1_TIME_print(b, t), 1) || !TEST_str_eq(mem_text(b), "Jan  1 00:00:00.123 2050 GMT")
        || !TEST_int_eq(X509_cmp_current_time(t), 0))
        goto end;
    BIO_reset(b);
    t->type = V_ASN1_UTCTIME;
    if (!TEST_int_eq(ASN1_STRING_set(t, "500101000000+0100", -1), 1)
        || !TEST_int_eq(ASN1_TIME_print(b, t), 1) || !TEST_str_eq(mem_text(b), "Dec 31 23:00:00 1949 GMT")
        || !TEST_int_eq(X509_cmp_current_time(t), 0))
        goto end;
    BIO_reset(b);
    if (!TEST_int_eq(ASN1_STRING_set(t, "5001010000Z", -1), 1) || !TEST_int_eq(ASN1_TIME_print(b, t), 1)
        || !TEST_str_eq(mem_text(b), "Jan  1 00:00:00 1950 GMT"))
        goto end;
    BIO_reset(b);
    if (!TEST_int_eq(ASN1_STRING_set(t, "garbage", -1), 1) || !TEST_int_eq(ASN1_TIME_print(b, t), 0)
        || !TEST_str_eq(mem_text(b), "Bad time value") || !TEST_int_eq(ASN1_TIME_to_tm(t, &tm), 0)
        || !TEST_int_eq(ASN1_TIME_diff(&d, &s, t, NULL), 0) || !TEST_int_eq(d, 7)
        || !TEST_int_eq(X509_cmp_time(t, &at), 0))
        goto end;
    /* Equal counts as earlier; a non-time type is an error (0). */
    if (!TEST_int_eq(ASN1_STRING_set(t, "260101000000Z", -1), 1) || !TEST_int_eq(X509_cmp_time(t, &at), -1))
        goto end;
    at--;
    if (!TEST_int_eq(X509_cmp_time(t, &at), 1))
        goto end;
    t->type = V_ASN1_OCTET_STRING;
    BIO_reset(b);
    if (!TEST_int_eq(X509_cmp_time(t, &at), 0) || !TEST_int_eq(ASN1_TIME_print(b, t), 0))
        goto end;
    /* NULL `s` in to_tm and diff means now. */
    if (!TEST_int_eq(ASN1_TIME_to_tm(NULL, &tm), 1) || !TEST_int_ge(tm.tm_year, 126)
        || !TEST_int_eq(ASN1_TIME_diff(&d, &s, NULL, NULL), 1) || !TEST_int_eq(d, 0))
        goto end;
    ASN1_TIME_free(NULL);
    ret = 1;
end:
    ERR_clear_error();
    ASN1_TIME_free(t);
    ASN1_TIME_free(u);
    BIO_free(b);
    return ret;
}

struct san_entry {
    int type, strtype;
    const char *hex;
};

static int check_sans(X509 *x, const struct san_entry *want, int n)
{
    int crit = 5, idx = -1, ret = 0;
    GENERAL_NAMES *g = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, &idx);
    char hex[128];

    if (n == 0) {
        ret = TEST_ptr_null(g) && TEST_int_eq(crit, -1) && TEST_int_eq(idx, -1);
        GENERAL_NAMES_free(g);
        return ret;
    }
    if (!TEST_ptr(g) || !TEST_int_eq(crit, 0) || !TEST_int_eq(idx, 0)
        || !TEST_int_eq(sk_GENERAL_NAME_num(g), n))
        goto end;
    for (int i = 0; i < n; i++) {
        const GENERAL_NAME *gn = sk_GENERAL_NAME_value(g, i);
        const ASN1_STRING *v = gn->d.ia5;

        to_hex(v->data, v->length, hex);
        if (!TEST_int_eq(gn->type, want[i].type) || !TEST_int_eq(v->type, want[i].strtype)
            || !TEST_str_eq(hex, want[i].hex))
            goto end;
        if (gn->type == GEN_DNS && !TEST_ptr_eq_void(gn->d.dNSName, v))
            goto end;
        if (gn->type == GEN_IPADD && !TEST_ptr_eq_void(gn->d.iPAddress, v))
            goto end;
    }
    /* Searching after the one found finds nothing. */
    if (!TEST_ptr_null(X509_get_ext_d2i(x, NID_subject_alt_name, &crit, &idx))
        || !TEST_int_eq(crit, -1) || !TEST_int_eq(idx, -1))
        goto end;
    ret = 1;
end:
    sk_GENERAL_NAME_pop_free(g, GENERAL_NAME_free);
    return ret;
}

static int test_sans(void)
{
    static const struct san_entry rsa[] = {
        {GEN_DNS, V_ASN1_IA5STRING, "7777772E6578616D706C652E636F6D"},
        {GEN_DNS, V_ASN1_IA5STRING, "2A2E6578616D706C652E6F7267"},
        {GEN_IPADD, V_ASN1_OCTET_STRING, "C0000201"},
        {GEN_IPADD, V_ASN1_OCTET_STRING, "20010DB8000000000000000000000001"},
        {GEN_EMAIL, V_ASN1_IA5STRING, "61646D696E406578616D706C652E636F6D"},
        {GEN_URI, V_ASN1_IA5STRING, "68747470733A2F2F6578616D706C652E636F6D2F706174683F713D31"},
    };
    static const struct san_entry ec[] = {{GEN_IPADD, V_ASN1_OCTET_STRING, "0A010203"}};
    static const struct san_entry ed[] = {
        {GEN_EMAIL, V_ASN1_IA5STRING, "75736572406578616D706C652E6E6574"},
        {GEN_URI, V_ASN1_IA5STRING, "75726E3A6578616D706C653A31"},
    };
    X509 *r = read_cert("rsa2048.pem"), *e = read_cert("ec384.pem"), *d = read_cert("ed25519.pem"),
         *c = read_cert("ca.pem");
    GENERAL_NAMES *g = NULL;
    int crit = 7, ret = 0;

    if (!TEST_ptr(r) || !TEST_ptr(e) || !TEST_ptr(d) || !TEST_ptr(c) || !check_sans(r, rsa, 6)
        || !check_sans(e, ec, 1) || !check_sans(d, ed, 2) || !check_sans(c, NULL, 0))
        goto end;
    /* idx NULL: the only occurrence, crit set. */
    if (!TEST_ptr(g = X509_get_ext_d2i(r, NID_subject_alt_name, &crit, NULL)) || !TEST_int_eq(crit, 0))
        goto end;
    ret = 1;
end:
    GENERAL_NAMES_free(g);
    X509_free(r);
    X509_free(e);
    X509_free(d);
    X509_free(c);
    return ret;
}

struct ext_case {
    const char *file;
    long version;
    int extcount;
    int bc, bc_crit, bc_idx, ca;
    long pathlen; /* -1: no pathlen */
    int ku, ku_crit, ku_idx;
    const char *ku_hex;
    long ku_flags;
    unsigned int exflags, kuflags, ekuflags;
};

static const struct ext_case exts[] = {
    {"ca.pem", 2, 3, 1, 1, 0, 255, 2, 1, 1, 1, "06", 0x9, 0x12133, 0x6, 0xffffffff},
    {"rsa2048.pem", 2, 6, 1, 0, 1, 0, -1, 1, 1, 2, "A0", 0xd, 0x107, 0xa0, 0x3},
    {"rsa3072.pem", 2, 4, 1, 0, 0, 255, 0, 1, 0, 1, "04", 0xa, 0x113, 0x4, 0xffffffff},
    {"ec384.pem", 2, 3, 0, -1, -1, 0, -1, 0, -1, -1, "", 0, 0x100, 0xffffffff, 0xffffffff},
    {"negserial.pem", 2, 2, 0, -1, -1, 0, -1, 0, -1, -1, "", 0, 0x100, 0xffffffff, 0xffffffff},
    {"zeroserial.pem", 0, 0, 0, -1, -1, 0, -1, 0, -1, -1, "", 0, 0x140, 0xffffffff, 0xffffffff},
};

static int test_extensions(void)
{
    int ret = 0;

    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        const struct ext_case *c = &exts[i];
        X509 *x = read_cert(c->file);
        BASIC_CONSTRAINTS *bc = NULL;
        ASN1_BIT_STRING *ku = NULL;
        int crit = 9, idx = -1, ok;
        char hex[16];

        tu_log("extensions of %s", c->file);
        ok = TEST_ptr(x) && TEST_int_eq(X509_get_version(x), c->version)
             && TEST_int_eq(X509_get_signature_nid(x), NID_ecdsa_with_SHA256)
             && TEST_int_eq(X509_get_ext_count(x), c->extcount);
        bc = ok ? X509_get_ext_d2i(x, NID_basic_constraints, &crit, &idx) : NULL;
        ok = ok && TEST_int_eq(bc != NULL, c->bc) && TEST_int_eq(crit, c->bc_crit) && TEST_int_eq(idx, c->bc_idx);
        if (ok && bc != NULL) {
            ok = TEST_int_eq(bc->ca, c->ca) && TEST_int_eq(bc->pathlen != NULL, c->pathlen >= 0);
            if (ok && bc->pathlen != NULL)
                ok = TEST_int_eq(bc->pathlen->type, V_ASN1_INTEGER)
                     && TEST_int_eq(ASN1_INTEGER_get(bc->pathlen), c->pathlen);
        }
        crit = 9;
        idx = -1;
        ku = ok ? X509_get_ext_d2i(x, NID_key_usage, &crit, &idx) : NULL;
        ok = ok && TEST_int_eq(ku != NULL, c->ku) && TEST_int_eq(crit, c->ku_crit) && TEST_int_eq(idx, c->ku_idx);
        if (ok && ku != NULL) {
            to_hex(ku->data, ku->length, hex);
            ok = TEST_int_eq(ku->type, V_ASN1_BIT_STRING) && TEST_str_eq(hex, c->ku_hex)
                 && TEST_int_eq(ku->flags, c->ku_flags)
                 && TEST_int_eq(ASN1_BIT_STRING_get_bit(ku, 0), (ku->data[0] & 0x80) != 0)
                 && TEST_int_eq(ASN1_BIT_STRING_get_bit(ku, 5), (ku->data[0] & 0x04) != 0)
                 && TEST_int_eq(ASN1_BIT_STRING_get_bit(ku, 100), 0);
        }
        ok = ok && TEST_ulong_eq(X509_get_extension_flags(x), c->exflags)
             && TEST_ulong_eq(X509_get_key_usage(x), c->kuflags)
             && TEST_ulong_eq(X509_get_extended_key_usage(x), c->ekuflags)
             && TEST_int_eq(X509_get_pathlen(x), c->pathlen);
        BASIC_CONSTRAINTS_free(bc);
        ASN1_BIT_STRING_free(ku);
        X509_free(x);
        if (!ok)
            goto end;
    }
    ret = 1;
end:
    return ret;
}

struct key_case {
    const char *file, *key;
    int id, bits, sec;
    const char *digest; /* SHA-1 of the subjectPublicKey bits */
};

/* The digests: openssl x509 -pubkey | openssl asn1parse -strparse ... | sha1, i.e. what
 * X509_pubkey_digest(x, EVP_sha1()) gave on OpenSSL for these committed certificates. */
static const struct key_case keys[] = {
    {"ca.pem", "ca.key", EVP_PKEY_EC, 256, 128, "0C964857F12C1A133B5C9B42DEEC02B1B3609CFC"},
    {"ec384.pem", "ec384.key", EVP_PKEY_EC, 384, 192, "F4CCE5BE0AE66C33A32518DBE54AA45803051D02"},
    {"ed25519.pem", "ed25519.key", EVP_PKEY_ED25519, 256, 128, "E96AC092DF2EA5C7195550E16EFCF1B264725D94"},
    {"rsa2048.pem", "rsa2048.key", EVP_PKEY_RSA, 2048, 112, "818FF7715CAD2BA68F14BB35BDA064AF3400E049"},
    {"rsa3072.pem", "rsa3072.key", EVP_PKEY_RSA, 3072, 128, "4CFF9A46DC1BAA9EC0C69A44BFEBF0F4506871B9"},
};

static int test_keys(void)
{
    int ret = 0;

    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const struct key_case *c = &keys[i];
        X509 *x = read_cert(c->file);
        EVP_PKEY *k = read_key(c->key), *pub = NULL, *pub0;
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        char hex[2 * EVP_MAX_MD_SIZE + 1];
        int ok;

        tu_log("keys of %s", c->file);
        ok = TEST_ptr(x) && TEST_ptr(k) && TEST_ptr(pub0 = X509_get0_pubkey(x))
             && TEST_ptr(pub = X509_get_pubkey(x)) && TEST_ptr_eq_void(pub, pub0)
             && TEST_int_eq(EVP_PKEY_get_id(pub), c->id) && TEST_int_eq(EVP_PKEY_id(pub), c->id)
             && TEST_int_eq(EVP_PKEY_get_base_id(pub), c->id) && TEST_int_eq(EVP_PKEY_get_bits(pub), c->bits)
             && TEST_int_eq(EVP_PKEY_get_security_bits(pub), c->sec)
             && TEST_int_eq(EVP_PKEY_get_id(k), c->id) && TEST_int_eq(EVP_PKEY_get_bits(k), c->bits)
             && TEST_int_eq(EVP_PKEY_get_security_bits(k), c->sec)
             && TEST_int_eq(X509_pubkey_digest(x, EVP_sha1(), md, &len), 1) && TEST_int_eq(len, 20);
        if (ok) {
            to_hex(md, (int)len, hex);
            ok = TEST_str_eq(hex, c->digest)
                 && TEST_int_eq(X509_pubkey_digest(x, EVP_get_digestbyname("sha256"), md, &len), 1)
                 && TEST_int_eq(len, 32);
        }
        EVP_PKEY_free(pub);
        EVP_PKEY_free(k);
        X509_free(x);
        if (!ok)
            goto end;
    }
    ret = 1;
end:
    return ret;
}

static int test_cmp_dup_email(void)
{
    X509 *a = read_cert("ca.pem"), *b = read_cert("rsa2048.pem"), *c = NULL, *d = read_cert("ed25519.pem");
    int ret = 0;

    if (!TEST_ptr(a) || !TEST_ptr(b) || !TEST_ptr(d) || !TEST_ptr(c = X509_dup(a))
        || !TEST_true(c != a) || !TEST_int_eq(X509_cmp(a, c), 0) || !TEST_int_eq(X509_cmp(a, b), 1)
        || !TEST_int_eq(X509_cmp(b, a), -1) || !TEST_ptr_null(X509_dup(NULL)))
        goto end;
    /* The copy is complete: its fields read as the original's. */
    if (!TEST_int_eq(ASN1_STRING_cmp(X509_get0_serialNumber(a), X509_get0_serialNumber(c)), 0)
        || !TEST_int_eq(ASN1_STRING_cmp(X509_get0_notAfter(a), X509_get0_notAfter(c)), 0))
        goto end;
    /* Domain without case, local part exact; NULL and embedded NUL are -2. */
    if (!TEST_int_eq(X509_check_email(b, "admin@example.com", 0, 0), 1)
        || !TEST_int_eq(X509_check_email(b, "admin@EXAMPLE.com", 0, 0), 1)
        || !TEST_int_eq(X509_check_email(b, "Admin@example.com", 0, 0), 0)
        || !TEST_int_eq(X509_check_email(b, "x@example.com", 0, 0), 0)
        || !TEST_int_eq(X509_check_email(b, "admin@example.com", 17, 0), 1)
        || !TEST_int_eq(X509_check_email(b, NULL, 0, 0), -2)
        || !TEST_int_eq(X509_check_email(b, "admin@example.com\0z", 19, 0), -2)
        || !TEST_int_eq(X509_check_email(d, "user@example.net", 0, 0), 1)
        || !TEST_int_eq(X509_check_email(a, "user@example.net", 0, 0), 0))
        goto end;
    ret = 1;
end:
    X509_free(a);
    X509_free(b);
    X509_free(c);
    X509_free(d);
    return ret;
}

static int test_pem(void)
{
    X509 *a = read_cert("rsa2048.pem"), *y = NULL;
    BIO *out = mem_bio(), *file = NULL, *in = NULL;
    STACK_OF(X509_INFO) *infos = NULL;
    char want[4096], *got = NULL;
    long n;
    int ret = 0;
    size_t wn;
    FILE *fp = fopen(cert_path("fields/rsa2048.pem"), "r");

    if (!TEST_ptr(a) || !TEST_ptr(fp))
        goto end;
    wn = fread(want, 1, sizeof(want), fp);
    /* PEM_write_bio_X509 writes the file openssl ca wrote (64-column base64). */
    if (!TEST_int_eq(PEM_write_bio_X509(out, a), 1) || !TEST_int_gt(n = BIO_get_mem_data(out, &got), 0)
        || !TEST_mem_eq(got, (size_t)n, want, wn))
        goto end;
    if (!TEST_ptr(y = PEM_read_bio_X509_AUX(out, NULL, NULL, NULL)) || !TEST_int_eq(X509_cmp(a, y), 0))
        goto end;
    if (!TEST_int_eq(PEM_write_bio_X509(out, NULL), 0) || !TEST_ulong_eq(ERR_get_error(), 0x0488000D))
        goto end;
    /* Three certificates and a private key: three X509_INFOs with certificates first. */
    if (!TEST_ptr(file = BIO_new_file(cert_path("fields/ca.pem"), "r")))
        goto end;
    BIO_free(in);
    in = mem_bio();
    {
        char buf[8192];
        int r;
        const char *names[] = {"fields/ca.pem", "fields/rsa2048.pem", "fields/ec384.pem"};

        for (size_t i = 0; i < 3; i++) {
            BIO *f = BIO_new_file(cert_path(names[i]), "r");

            while (f != NULL && (r = BIO_read(f, buf, sizeof(buf))) > 0)
                BIO_write(in, buf, r);
            BIO_free(f);
        }
    }
    if (!TEST_ptr(infos = PEM_X509_INFO_read_bio(in, NULL, NULL, NULL))
        || !TEST_int_eq(sk_X509_INFO_num(infos), 3))
        goto end;
    for (int i = 0; i < 3; i++) {
        X509_INFO *info = sk_X509_INFO_value(infos, i);

        if (!TEST_ptr(info->x509) || !TEST_ptr_null(info->crl) || !TEST_ptr_null(info->x_pkey))
            goto end;
    }
    if (!TEST_int_eq(X509_cmp(sk_X509_INFO_value(infos, 1)->x509, a), 0))
        goto end;
    ret = 1;
end:
    ERR_clear_error();
    if (fp != NULL)
        fclose(fp);
    sk_X509_INFO_pop_free(infos, X509_INFO_free);
    X509_INFO_free(NULL);
    BIO_free(out);
    BIO_free(in);
    BIO_free(file);
    X509_free(a);
    X509_free(y);
    return ret;
}

static int test_digest_names(void)
{
    static const struct {
        const char *name;
        int nid;
    } names[] = {{"SHA256", NID_sha256}, {"sha256", NID_sha256}, {"Sha256", NID_sha256},
                 {"SHA2-256", NID_sha256}, {"RSA-SHA256", NID_sha256}, {"sha1", NID_sha1},
                 {"SHA-1", NID_sha1}, {"sha384", NID_sha384}, {"SHA512", NID_sha512},
                 {"nope", 0}, {"", 0}};
    int ret = 0;

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const EVP_MD *md = EVP_get_digestbyname(names[i].name);

        if (!TEST_int_eq(md == NULL ? 0 : EVP_MD_get_type(md), names[i].nid))
            goto end;
    }
    if (!TEST_ptr_null(EVP_get_digestbyname(NULL)) || !TEST_true(EVP_get_digestbyname("SHA256") == EVP_sha256()))
        goto end;
    ret = 1;
end:
    return ret;
}

/* NULL at every new export that OpenSSL survives: its failure value, never a crash. */
static int test_nulls(void)
{
    int crit = 3, idx = 3, d = 0, s = 0, ret = 0;
    unsigned char md[64];

    /* (X509_get0_serialNumber/notBefore/notAfter(NULL) are not tested: OpenSSL returns an
     * address inside the NULL object there.) */
    if (!TEST_ptr_null(X509_get0_pubkey(NULL))
        || !TEST_ptr_null(X509_get_pubkey(NULL)) || !TEST_ptr_null(X509_dup(NULL))
        || !TEST_int_eq(X509_pubkey_digest(NULL, EVP_sha1(), md, NULL), 0)
        || !TEST_int_eq(ASN1_TIME_diff(&d, &s, NULL, NULL), 1))
        goto end;
    (void)crit;
    (void)idx;
    GENERAL_NAMES_free(NULL);
    GENERAL_NAME_free(NULL);
    BASIC_CONSTRAINTS_free(NULL);
    ASN1_BIT_STRING_free(NULL);
    ret = 1;
end:
    ERR_clear_error();
    return ret;
}

int main(void)
{
    RUN_TEST(test_serials);
    RUN_TEST(test_integer_edges);
    RUN_TEST(test_times);
    RUN_TEST(test_time_edges);
    RUN_TEST(test_sans);
    RUN_TEST(test_extensions);
    RUN_TEST(test_keys);
    RUN_TEST(test_cmp_dup_email);
    RUN_TEST(test_pem);
    RUN_TEST(test_digest_names);
    RUN_TEST(test_nulls);
    return tu_finish();
}
