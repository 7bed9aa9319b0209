/*
 * Names as programs inspect them: X509_NAME_print_ex (every separator, field-name, alignment
 * and ASN1_STRFLGS_* escaping mode), X509_NAME_print, the entry API (count, get_entry,
 * index by NID/OBJ, ENTRY get_data/get_object/set), X509_NAME_hash_ex, X509_NAME_get0_der,
 * OBJ_* (nid2sn/ln/obj, obj2nid, txt2nid, sn2nid, ln2nid, txt2obj, obj2txt, cmp),
 * ASN1_STRING_print_ex/print/to_UTF8.
 *
 * test_report prints all of it over the certificates of c-tests/certs/names/ (made by
 * c-tests/certs/gen-names.sh: UTF-8, BMPString, T61String, UniversalString, characters that
 * need escapes, multi-valued RDNs, many attribute types, a long OID without a name, an empty
 * name) and over hand-made strings and OIDs, and compares the bytes with
 * c-tests/certs/names/expected.txt, written by the OpenSSL 3.0 build of this test
 * (`./build/openssl/test_x509_names --write-expected`). The other tests assert the failure
 * values at NULL and bad inputs, measured on OpenSSL 3.0.19.
 */
#include "testutil.h"

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const certs[] = {"basic.pem", "utf8.pem",      "bmp.pem",   "t61.pem",
                                    "universal.pem", "escapes.pem", "multi.pem", "many.pem",
                                    "empty.pem"};

static const struct {
    const char *name;
    unsigned long flags;
    int indent;
} name_flags[] = {
    {"compat", 0, 3},
    {"oneline", XN_FLAG_ONELINE, 0},
    {"oneline+indent", XN_FLAG_ONELINE, 4},
    {"rfc2253", XN_FLAG_RFC2253, 0},
    {"multiline", XN_FLAG_MULTILINE, 2},
    {"multiline-indent-neg", XN_FLAG_MULTILINE, -3},
    {"cplus_spc", XN_FLAG_SEP_CPLUS_SPC, 0},
    {"splus_ln_msb", XN_FLAG_SEP_SPLUS_SPC | XN_FLAG_FN_LN | XN_FLAG_SPC_EQ | ASN1_STRFLGS_ESC_MSB, 1},
    {"comma_oid_rev_quote", XN_FLAG_SEP_COMMA_PLUS | XN_FLAG_FN_OID | XN_FLAG_DN_REV | ASN1_STRFLGS_ESC_2253
                                | ASN1_STRFLGS_ESC_QUOTE, 0},
    {"none_showtype_dump", XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_NONE | ASN1_STRFLGS_SHOW_TYPE | ASN1_STRFLGS_DUMP_ALL
                               | ASN1_STRFLGS_DUMP_DER, 0},
    {"dump_unknown_align", XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_DUMP_UNKNOWN_FIELDS | ASN1_STRFLGS_DUMP_UNKNOWN
                               | ASN1_STRFLGS_DUMP_DER | XN_FLAG_FN_ALIGN, 0},
    {"ml_sn_align_conv_type", XN_FLAG_SEP_MULTILINE | XN_FLAG_FN_SN | XN_FLAG_FN_ALIGN | ASN1_STRFLGS_ESC_CTRL
                                  | ASN1_STRFLGS_ESC_MSB | ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_SHOW_TYPE, 5},
    {"2254_ignoretype", XN_FLAG_SEP_CPLUS_SPC | ASN1_STRFLGS_ESC_2254 | ASN1_STRFLGS_IGNORE_TYPE, 0},
    {"oneline_utf8", XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB, 0},
    {"rfc2253_utf8", XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB, 0},
    {"ln_noconv", XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_LN | ASN1_STRFLGS_ESC_MSB | ASN1_STRFLGS_ESC_CTRL, 0},
    {"bad_sep", XN_FLAG_SEP_MASK, 2},
    {"bad_sep5", 5 << 16, 0},
};

static const unsigned long string_flags[] = {
    0,
    ASN1_STRFLGS_RFC2253,
    ASN1_STRFLGS_RFC2253 | ASN1_STRFLGS_ESC_QUOTE,
    ASN1_STRFLGS_ESC_MSB,
    ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_MSB | ASN1_STRFLGS_SHOW_TYPE,
    ASN1_STRFLGS_UTF8_CONVERT,
    ASN1_STRFLGS_DUMP_ALL | ASN1_STRFLGS_DUMP_DER,
    ASN1_STRFLGS_DUMP_ALL,
    ASN1_STRFLGS_IGNORE_TYPE | ASN1_STRFLGS_ESC_2254 | ASN1_STRFLGS_ESC_2253,
};

static X509 *read_name_cert(const char *name)
{
    char path[256];
    BIO *b;
    X509 *x;

    snprintf(path, sizeof(path), "names/%s", name);
    b = BIO_new_file(cert_path(path), "r");
    x = b == NULL ? NULL : PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    return x;
}

/* " err=LIB:REASON" for every queued error (and clears the queue). */
static void print_errors(BIO *out)
{
    unsigned long e;

    while ((e = ERR_get_error()) != 0)
        BIO_printf(out, " err=%d:%d", ERR_GET_LIB(e), ERR_GET_REASON(e));
}

static void report_string(BIO *out, const ASN1_STRING *s)
{
    unsigned char *u = NULL;
    size_t i;
    int r;

    r = ASN1_STRING_to_UTF8(&u, s);
    BIO_printf(out, "    utf8=%d", r);
    if (r >= 0) {
        BIO_puts(out, " [");
        BIO_write(out, u, r);
        BIO_puts(out, "]");
    }
    OPENSSL_free(u);
    print_errors(out);
    BIO_puts(out, "\n");
    for (i = 0; i < sizeof(string_flags) / sizeof(string_flags[0]); i++) {
        BIO_printf(out, "    print_ex[%lx]=", string_flags[i]);
        r = ASN1_STRING_print_ex(out, s, string_flags[i]);
        BIO_printf(out, " ret=%d null=%d", r, ASN1_STRING_print_ex(NULL, s, string_flags[i]));
        print_errors(out);
        BIO_puts(out, "\n");
    }
    BIO_puts(out, "    print=");
    r = ASN1_STRING_print(out, s);
    BIO_printf(out, " ret=%d\n", r);
}

static void report_object(BIO *out, const ASN1_OBJECT *o)
{
    char buf[128];
    int r0, r1;

    r0 = OBJ_obj2txt(buf, sizeof(buf), o, 0);
    BIO_printf(out, "nid=%d txt0=%d:%s", OBJ_obj2nid(o), r0, buf);
    r1 = OBJ_obj2txt(buf, sizeof(buf), o, 1);
    BIO_printf(out, " txt1=%d:%s len=%d", r1, buf, (int)OBJ_length(o));
    r1 = OBJ_obj2txt(buf, 6, o, 1);
    BIO_printf(out, " short=%d:%s", r1, buf);
}

static void report_name(BIO *out, const X509_NAME *n)
{
    char *line = X509_NAME_oneline(n, NULL, 0);
    const unsigned char *der = NULL;
    size_t derlen = 0, i;
    int ok = -1, count, j, r;
    unsigned long h;
    static const int nids[] = {NID_commonName, NID_domainComponent, NID_organizationalUnitName,
                               NID_pkcs9_emailAddress, NID_countryName, NID_businessCategory,
                               NID_jurisdictionStateOrProvinceName, NID_x500UniqueIdentifier,
                               NID_pseudonym, NID_rsaEncryption, 99999};
    char text[64];

    BIO_printf(out, "oneline: %s\n", line == NULL ? "(null)" : line);
    OPENSSL_free(line);
    for (i = 0; i < sizeof(name_flags) / sizeof(name_flags[0]); i++) {
        BIO_printf(out, "[%s]\n", name_flags[i].name);
        r = X509_NAME_print_ex(out, n, name_flags[i].indent, name_flags[i].flags);
        BIO_printf(out, "|ret=%d", r);
        if (name_flags[i].flags != 0)
            BIO_printf(out, " null=%d", X509_NAME_print_ex(NULL, n, name_flags[i].indent, name_flags[i].flags));
        print_errors(out);
        BIO_puts(out, "\n");
    }
    BIO_puts(out, "[print]\n");
    r = X509_NAME_print(out, n, 80);
    BIO_printf(out, "|ret=%d\n", r);
    h = X509_NAME_hash_ex(n, NULL, NULL, &ok);
    BIO_printf(out, "hash=%08lx ok=%d hash()=%08lx old=%08lx\n", h, ok, X509_NAME_hash(n), X509_NAME_hash_old(n));
    r = X509_NAME_get0_der(n, &der, &derlen);
    BIO_printf(out, "get0_der=%d len=%d first=%02x\n", r, (int)derlen, der == NULL ? 0 : der[0]);
    count = X509_NAME_entry_count(n);
    BIO_printf(out, "count=%d\n", count);
    for (i = 0; i < sizeof(nids) / sizeof(nids[0]); i++) {
        BIO_printf(out, "index_by_NID(%d):", nids[i]);
        for (j = -1; (j = X509_NAME_get_index_by_NID(n, nids[i], j)) >= 0;)
            BIO_printf(out, " %d", j);
        BIO_printf(out, " end=%d", j);
        r = X509_NAME_get_text_by_NID(n, nids[i], text, sizeof(text));
        BIO_printf(out, " text=%d:%s\n", r, r >= 0 ? text : "");
    }
    for (j = 0; j < count; j++) {
        X509_NAME_ENTRY *e = X509_NAME_get_entry(n, j);
        ASN1_OBJECT *o = X509_NAME_ENTRY_get_object(e);
        ASN1_STRING *s = X509_NAME_ENTRY_get_data(e);
        int nid = OBJ_obj2nid(o);

        BIO_printf(out, "  entry %d set=%d ", j, X509_NAME_ENTRY_set(e));
        report_object(out, o);
        BIO_printf(out, " sn=%s ln=%s by_obj=%d type=%d len=%d\n", nid ? OBJ_nid2sn(nid) : "-",
                   nid ? OBJ_nid2ln(nid) : "-", X509_NAME_get_index_by_OBJ(n, o, j - 1),
                   ASN1_STRING_type(s), ASN1_STRING_length(s));
        report_string(out, s);
    }
}

static void report_objects(BIO *out)
{
    static const int nids[] = {-1, 0, 1, 6, 12, 13, 14, 17, 18, 48, 98, 99, 100, 105, 173, 391, 460, 1000,
                               1200, 1300, 99999};
    static const char *const texts[] = {
        "CN", "commonName", "2.5.4.3", "bogus", "1.2.3.4", "rsaEncryption", "X509", "", "1.2.", "3.1",
        "1.40", "1.2.840.113549.1.9.1", " CN", "1", "1.", "1..2", "1.2..3", "1.2.a", "1 2 3", "12.3",
        "2.999", "1.2.3 ", "0.39", "0.40", "2.5.4.3.", "1.2.+3", "1,2",
        "1.2.99999999999999999999999999999999999999999999", "1.2.0003", "2.40",
        "2.99999999999999999999999.1", "1.2 .3", "1.2.3  4", "emailAddress", "UID", "userId", "DC",
        "domainComponent", "organizationIdentifier", "id-pda-dateOfBirth", "sha256WithRSAEncryption"};
    size_t i;

    for (i = 0; i < sizeof(nids) / sizeof(nids[0]); i++) {
        const char *sn = OBJ_nid2sn(nids[i]), *ln = OBJ_nid2ln(nids[i]);
        ASN1_OBJECT *o = OBJ_nid2obj(nids[i]);

        BIO_printf(out, "nid %d: sn=%s ln=%s obj=%s ", nids[i], sn == NULL ? "NULL" : sn,
                   ln == NULL ? "NULL" : ln, o == NULL ? "NULL" : "ok");
        if (o != NULL)
            report_object(out, o);
        print_errors(out);
        BIO_puts(out, "\n");
    }
    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        int no_name;

        BIO_printf(out, "txt [%s]: txt2nid=%d", texts[i], OBJ_txt2nid(texts[i]));
        print_errors(out);
        BIO_printf(out, " sn2nid=%d ln2nid=%d\n", OBJ_sn2nid(texts[i]), OBJ_ln2nid(texts[i]));
        for (no_name = 0; no_name < 2; no_name++) {
            ASN1_OBJECT *o = OBJ_txt2obj(texts[i], no_name);

            BIO_printf(out, "  txt2obj(%d): %s ", no_name, o == NULL ? "NULL" : "ok");
            if (o != NULL)
                report_object(out, o);
            print_errors(out);
            BIO_puts(out, "\n");
            ASN1_OBJECT_free(o);
        }
    }
}

static void report_strings(BIO *out)
{
    static const struct {
        int type;
        const char *data;
        int len;
    } strs[] = {
        {V_ASN1_UTF8STRING, "Zo\xc3\xab \xe6\x97\xa5 \xf0\x9f\x9a\x80", 13},
        {V_ASN1_UTF8STRING, "\x00\x7f\\ #x# ", 8},
        {V_ASN1_UTF8STRING, " ,+\"\\<>;#=/ ", 12},
        {V_ASN1_UTF8STRING, "#", 1},
        {V_ASN1_UTF8STRING, " ", 1},
        {V_ASN1_UTF8STRING, "", 0},
        {V_ASN1_UTF8STRING, "\xc3", 1},
        {V_ASN1_UTF8STRING, "\xed\xa0\x80", 3},
        {V_ASN1_UTF8STRING, "\xc0\x80", 2},
        {V_ASN1_UTF8STRING, "\xf4\x90\x80\x80", 4},
        {V_ASN1_PRINTABLESTRING, "Hello, World+", 13},
        {V_ASN1_T61STRING, "Zo\xeb\x01", 4},
        {V_ASN1_IA5STRING, "a@b.c\n\r\t", 8},
        {V_ASN1_VISIBLESTRING, "vis ible", 8},
        {V_ASN1_NUMERICSTRING, "0123", 4},
        {V_ASN1_UTCTIME, "250101000000Z", 13},
        {V_ASN1_GENERALIZEDTIME, "20500101000000Z", 15},
        {V_ASN1_BMPSTRING, "\x00Z\x00o\x00\xeb\x65\xe5", 8},
        {V_ASN1_BMPSTRING, "\x00a\x00", 3},
        {V_ASN1_BMPSTRING, "\xd8\x00", 2},
        {V_ASN1_UNIVERSALSTRING, "\x00\x00\x00Z\x00\x01\xf6\x80", 8},
        {V_ASN1_UNIVERSALSTRING, "\x00\x11\x00\x00", 4},
        {V_ASN1_UNIVERSALSTRING, "\x00\x00\x00", 3},
        {V_ASN1_OCTET_STRING, "ab\x80", 3},
        {V_ASN1_INTEGER, "\x85", 1},
        {V_ASN1_ENUMERATED, "\x05", 1},
        {V_ASN1_BIT_STRING, "\x04\x00", 2},
        {V_ASN1_NULL, "", 0},
        {V_ASN1_SEQUENCE, "\x30\x03\x02\x01\x05", 5},
        {V_ASN1_GENERALSTRING, "a\x80", 2},
        {V_ASN1_VIDEOTEXSTRING, "a\x80", 2},
        {V_ASN1_GRAPHICSTRING, "a\x80", 2},
        {29, "a\x80", 2},
        {V_ASN1_NEG_INTEGER, "\x05", 1},
        {99, "\x05", 1},
    };
    size_t i;

    for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
        ASN1_STRING *s = ASN1_STRING_type_new(strs[i].type);

        ASN1_STRING_set(s, strs[i].data, strs[i].len);
        BIO_printf(out, "string %d type=%d len=%d\n", (int)i, strs[i].type, strs[i].len);
        report_string(out, s);
        ASN1_STRING_free(s);
    }
}

/* Names made by hand (hex DER), decoded with d2i_X509_NAME: which attribute values OpenSSL
 * takes, with which ASN1_STRING type, and the first error of those it refuses. */
static void report_crafted(BIO *out)
{
    static const char *const values[] = {
        "13024142", "3003020105", "020105", "800141", "1B026180", "1E03004100", "1E02D800", "0C01FF",
        "1C0400110000", "1C03000041", "070141", "1D026180", "0E0141", "03020480", "03020900", "0300",
        "100141", "1A0141", "120141", "160180", "0A0105", "040161", "170D3235303130313030303030305A",
        "0C03E282AC", "1E0420AC0041", "1C080000002000000041",
    };
    static const char *const names[] = {"3000", "30023100", "300431003100", "300431023000",
                                        "300A3108300606035504030C"};
    unsigned char der[128];
    size_t i;

    for (i = 0; i < sizeof(values) / sizeof(values[0]) + sizeof(names) / sizeof(names[0]); i++) {
        const char *h = i < sizeof(values) / sizeof(values[0]) ? values[i]
                                                                : names[i - sizeof(values) / sizeof(values[0])];
        unsigned char v[64];
        const unsigned char *p = der;
        X509_NAME *n;
        unsigned long e;
        int vl = 0, len;

        for (; *h != '\0'; h++) {
            unsigned int x;

            if (*h == ' ')
                continue;
            sscanf(h, "%2x", &x);
            v[vl++] = (unsigned char)x;
            h++;
        }
        if (i < sizeof(values) / sizeof(values[0])) {
            /* SEQUENCE { SET { SEQUENCE { OID commonName, value } } } */
            unsigned char *q = der;

            *q++ = 0x30, *q++ = (unsigned char)(vl + 9), *q++ = 0x31, *q++ = (unsigned char)(vl + 7);
            *q++ = 0x30, *q++ = (unsigned char)(vl + 5), *q++ = 0x06, *q++ = 3, *q++ = 0x55, *q++ = 4, *q++ = 3;
            memcpy(q, v, vl);
            len = vl + 11;
        } else {
            memcpy(der, v, vl);
            len = vl;
        }
        BIO_printf(out, "-- crafted %d:", (int)i);
        n = d2i_X509_NAME(NULL, &p, len);
        if (n == NULL) {
            e = ERR_peek_error();
            BIO_printf(out, " NULL first_err=%d:%d\n", ERR_GET_LIB(e), ERR_GET_REASON(e));
            ERR_clear_error();
            continue;
        }
        BIO_printf(out, " ok consumed=%d\n", (int)(p - der));
        report_name(out, n);
        X509_NAME_free(n);
    }
}

/* Subject and issuer of the suite's other certificates in the three common forms. */
static void report_suite_certs(BIO *out)
{
    static const char *const files[] = {"ca-ec.pem", "ca-rsa.pem", "client.pem", "int-ca.pem", "other-ca.pem",
                                        "selfsigned.pem", "server-ec.pem", "server-ed25519.pem",
                                        "server-int.pem", "server-other.pem", "server-rsa.pem", "unknownca.pem"};
    static const unsigned long flags[] = {XN_FLAG_ONELINE, XN_FLAG_RFC2253, XN_FLAG_MULTILINE, 0};
    size_t i, j;

    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        BIO *b = BIO_new_file(cert_path(files[i]), "r");
        X509 *x = b == NULL ? NULL : PEM_read_bio_X509(b, NULL, NULL, NULL);

        BIO_free(b);
        BIO_printf(out, "-- %s%s\n", files[i], x == NULL ? " (unreadable)" : "");
        for (j = 0; x != NULL && j < sizeof(flags) / sizeof(flags[0]); j++) {
            int r1 = X509_NAME_print_ex(out, X509_get_subject_name(x), 1, flags[j]);
            int r2;

            BIO_puts(out, " / ");
            r2 = X509_NAME_print_ex(out, X509_get_issuer_name(x), 1, flags[j]);
            BIO_printf(out, " |%d %d hash=%08lx\n", r1, r2, X509_NAME_hash(X509_get_issuer_name(x)));
        }
        X509_free(x);
    }
}

/* ASN1_STRING_print_ex and ASN1_STRING_to_UTF8 over pseudo-random strings (a fixed LCG):
 * types, escaping-relevant bytes and flag combinations drawn at random. */
static void report_random_strings(BIO *out)
{
    static const int types[] = {2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                22, 23, 24, 25, 26, 27, 28, 28, 29, 30, 30, 30, 31, 99, 258};
    static const unsigned char bytes[] = {' ', '#', ',', '+', '"', '\\', '<', '>', ';', '=', '/', 'a', 'Z', '0',
                                          0x00, 0x01, 0x0a, 0x7f, 0x80, 0xa9, 0xc3, 0xe2, 0x82, 0xac, 0xf0,
                                          0x9f, 0xd8, 0xff, 0x01, 0x00};
    static const unsigned long bits[] = {ASN1_STRFLGS_ESC_2253, ASN1_STRFLGS_ESC_CTRL, ASN1_STRFLGS_ESC_MSB,
                                         ASN1_STRFLGS_ESC_QUOTE, ASN1_STRFLGS_UTF8_CONVERT,
                                         ASN1_STRFLGS_IGNORE_TYPE, ASN1_STRFLGS_SHOW_TYPE, ASN1_STRFLGS_DUMP_ALL,
                                         ASN1_STRFLGS_DUMP_UNKNOWN, ASN1_STRFLGS_DUMP_DER, ASN1_STRFLGS_ESC_2254};
    unsigned long seed = 12345;
    int i, j;

#define NEXT() (seed = seed * 6364136223846793005UL + 1442695040888963407UL, (unsigned)(seed >> 33))
    for (i = 0; i < 600; i++) {
        ASN1_STRING *s = ASN1_STRING_type_new(types[NEXT() % (sizeof(types) / sizeof(types[0]))]);
        unsigned char data[16], *u = NULL;
        int len = (int)(NEXT() % 13), r;
        unsigned long flags = 0;

        for (j = 0; j < len; j++)
            data[j] = bytes[NEXT() % sizeof(bytes)];
        for (j = 0; j < (int)(sizeof(bits) / sizeof(bits[0])); j++)
            if (NEXT() % 3 == 0)
                flags |= bits[j];
        ASN1_STRING_set(s, data, len);
        BIO_printf(out, "rand %d type=%d flags=%lx: ", i, ASN1_STRING_type(s), flags);
        r = ASN1_STRING_print_ex(out, s, flags);
        BIO_printf(out, " ret=%d", r);
        print_errors(out);
        r = ASN1_STRING_to_UTF8(&u, s);
        BIO_printf(out, " utf8=%d", r);
        if (r > 0)
            BIO_write(out, u, r);
        OPENSSL_free(u);
        print_errors(out);
        BIO_puts(out, "\n");
        ASN1_STRING_free(s);
    }
#undef NEXT
}

/* X509_NAME_print_ex over pseudo-random names (a fixed LCG): 1-4 RDNs of 1-2 attributes of
 * assorted types and values, printed with random separators, field names and flags. */
static void report_random_names(BIO *out)
{
    static const char *const oids[] = {"\x55\x04\x03", "\x55\x04\x0a", "\x55\x04\x0b", "\x55\x04\x06",
                                       "\x09\x92\x26\x89\x93\xf2\x2c\x64\x01\x19",
                                       "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01", "\x2a\x03\x04",
                                       "\x55\x04\x2a"};
    static const int oid_lens[] = {3, 3, 3, 3, 10, 9, 3, 3};
    static const struct {
        unsigned char tag;
        const char *v;
        int len;
    } values[] = {
        {0x13, "Example", 7},         {0x13, " lead", 5},           {0x0c, "a,b+c", 5},
        {0x0c, "Zo\xc3\xab", 4},      {0x0c, "#x\\y\"", 5},        {0x16, "a@b.c", 5},
        {0x1e, "\x00Z\x00\xeb", 4},   {0x14, "caf\xe9", 4},         {0x0c, "trail ", 6},
        {0x0c, "\xe6\x97\xa5;<>", 6}, {0x1c, "\x00\x00\x00A", 4}, {0x12, "123", 3},
    };
    static const unsigned long seps[] = {XN_FLAG_SEP_COMMA_PLUS, XN_FLAG_SEP_CPLUS_SPC, XN_FLAG_SEP_SPLUS_SPC,
                                         XN_FLAG_SEP_MULTILINE};
    static const unsigned long fns[] = {XN_FLAG_FN_SN, XN_FLAG_FN_LN, XN_FLAG_FN_OID, XN_FLAG_FN_NONE};
    static const unsigned long bits[] = {XN_FLAG_DN_REV, XN_FLAG_SPC_EQ, XN_FLAG_DUMP_UNKNOWN_FIELDS,
                                         XN_FLAG_FN_ALIGN, ASN1_STRFLGS_ESC_2253, ASN1_STRFLGS_ESC_CTRL,
                                         ASN1_STRFLGS_ESC_MSB, ASN1_STRFLGS_ESC_QUOTE, ASN1_STRFLGS_UTF8_CONVERT,
                                         ASN1_STRFLGS_SHOW_TYPE, ASN1_STRFLGS_DUMP_UNKNOWN, ASN1_STRFLGS_DUMP_DER,
                                         ASN1_STRFLGS_ESC_2254};
    unsigned long seed = 777;
    X509_NAME *prev = X509_NAME_new();
    int i, j, k;

#define NEXT() (seed = seed * 6364136223846793005UL + 1442695040888963407UL, (unsigned)(seed >> 33))
    for (i = 0; i < 200; i++) {
        unsigned char rdns[512], der[600];
        const unsigned char *p = der;
        int rl = 0, hl, nrdn = 1 + (int)(NEXT() % 4), indent = (int)(NEXT() % 4), r;
        unsigned long flags = seps[NEXT() % 4];
        X509_NAME *n;

        flags |= fns[NEXT() % 4];

        for (j = 0; j < nrdn; j++) {
            unsigned char set[256];
            int sl = 0, natv = 1 + (int)(NEXT() % 2);

            for (k = 0; k < natv; k++) {
                int o = (int)(NEXT() % 8), v = (int)(NEXT() % (sizeof(values) / sizeof(values[0])));
                int al = 2 + oid_lens[o] + 2 + values[v].len;

                set[sl++] = 0x30, set[sl++] = (unsigned char)al, set[sl++] = 0x06;
                set[sl++] = (unsigned char)oid_lens[o];
                memcpy(set + sl, oids[o], oid_lens[o]);
                sl += oid_lens[o];
                set[sl++] = values[v].tag, set[sl++] = (unsigned char)values[v].len;
                memcpy(set + sl, values[v].v, values[v].len);
                sl += values[v].len;
            }
            rdns[rl++] = 0x31, rdns[rl++] = (unsigned char)sl;
            memcpy(rdns + rl, set, sl);
            rl += sl;
        }
        /* DER lengths (OpenSSL also takes the non-minimal BER forms; sslrs's parser does not) */
        hl = rl < 128 ? 2 : 3;
        der[0] = 0x30, der[1] = 0x81, der[hl - 1] = (unsigned char)rl;
        memcpy(der + hl, rdns, rl);
        for (j = 0; j < (int)(sizeof(bits) / sizeof(bits[0])); j++)
            if (NEXT() % 3 == 0)
                flags |= bits[j];
        n = d2i_X509_NAME(NULL, &p, rl + hl);
        BIO_printf(out, "rname %d flags=%lx indent=%d: ", i, flags, indent);
        if (n == NULL) {
            BIO_puts(out, "NULL");
            print_errors(out);
        } else {
            r = X509_NAME_print_ex(out, n, indent, flags);
            BIO_printf(out, "|ret=%d hash=%08lx cmp_prev=%d", r, X509_NAME_hash(n), X509_NAME_cmp(n, prev));
            print_errors(out);
        }
        BIO_puts(out, "\n");
        if (n != NULL) {
            X509_NAME_free(prev);
            prev = n;
        }
    }
    X509_NAME_free(prev);
#undef NEXT
}

static int write_expected;

static int test_report(void)
{
    BIO *out = BIO_new(BIO_s_mem());
    FILE *f = NULL;
    char *got = NULL, *want = NULL;
    long gotlen, wantlen = 0;
    size_t i;
    int ret = 0;

    if (!TEST_ptr(out))
        goto end;
    for (i = 0; i < sizeof(certs) / sizeof(certs[0]); i++) {
        X509 *x = read_name_cert(certs[i]);

        BIO_printf(out, "== %s\n", certs[i]);
        if (!TEST_ptr(x))
            goto end;
        report_name(out, X509_get_subject_name(x));
        X509_free(x);
    }
    BIO_puts(out, "== objects\n");
    report_objects(out);
    BIO_puts(out, "== strings\n");
    report_strings(out);
    BIO_puts(out, "== crafted\n");
    report_crafted(out);
    BIO_puts(out, "== suite certificates\n");
    report_suite_certs(out);
    BIO_puts(out, "== random strings\n");
    report_random_strings(out);
    BIO_puts(out, "== random names\n");
    report_random_names(out);
    gotlen = BIO_get_mem_data(out, &got);
    if (write_expected) {
        if (!TEST_ptr(f = fopen(cert_path("names/expected.txt"), "wb"))
            || !TEST_int_eq(fwrite(got, 1, gotlen, f), gotlen))
            goto end;
        ret = 1;
        goto end;
    }
    if (!TEST_ptr(f = fopen(cert_path("names/expected.txt"), "rb")))
        goto end;
    fseek(f, 0, SEEK_END);
    wantlen = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (!TEST_ptr(want = malloc(wantlen + 1)) || !TEST_int_eq(fread(want, 1, wantlen, f), wantlen))
        goto end;
    if (gotlen != wantlen || memcmp(got, want, wantlen) != 0) {
        long k, line = 1, start = 0;

        for (k = 0; k < gotlen && k < wantlen && got[k] == want[k]; k++)
            if (got[k] == '\n') {
                line++;
                start = k + 1;
            }
        tu_log("report differs from names/expected.txt at line %ld:\n  got:  %.*s\n  want: %.*s\n", line,
               (int)(memchr(got + start, '\n', gotlen - start) ? (char *)memchr(got + start, '\n', gotlen - start) - (got + start) : gotlen - start),
               got + start,
               (int)(memchr(want + start, '\n', wantlen - start) ? (char *)memchr(want + start, '\n', wantlen - start) - (want + start) : wantlen - start),
               want + start);
        goto end;
    }
    ret = 1;
end:
    if (f != NULL)
        fclose(f);
    free(want);
    BIO_free(out);
    return ret;
}

/* NULL and out-of-range inputs: OpenSSL's failure values, never a crash. */
static int test_null_inputs(void)
{
    X509 *x = read_name_cert("basic.pem");
    X509_NAME *n = x == NULL ? NULL : X509_get_subject_name(x), *empty = NULL;
    BIO *b = BIO_new(BIO_s_mem());
    ASN1_STRING *s = ASN1_STRING_type_new(V_ASN1_UTF8STRING);
    unsigned char *u = (unsigned char *)"untouched";
    const unsigned char *der = NULL;
    char buf[16] = "xyz", *data = NULL;
    size_t derlen = 0;
    int ret = 0;

    if (!TEST_ptr(n) || !TEST_ptr(b) || !TEST_ptr(s) || !TEST_int_eq(ASN1_STRING_set(s, "a b", 3), 1))
        goto end;
    if (!TEST_int_eq(X509_NAME_entry_count(NULL), 0) || !TEST_ptr_null(X509_NAME_get_entry(NULL, 0))
        || !TEST_ptr_null(X509_NAME_get_entry(n, -1)) || !TEST_ptr_null(X509_NAME_get_entry(n, 7))
        || !TEST_ptr(X509_NAME_get_entry(n, 6)) || !TEST_int_eq(X509_NAME_get_index_by_NID(NULL, NID_commonName, -1), -1)
        || !TEST_int_eq(X509_NAME_get_index_by_NID(n, 99999, -1), -2)
        || !TEST_int_eq(X509_NAME_get_index_by_NID(NULL, 99999, -1), -2)
        || !TEST_int_eq(X509_NAME_get_index_by_NID(n, NID_undef, -1), -1)
        || !TEST_int_eq(X509_NAME_get_index_by_NID(n, NID_commonName, -7), 5)
        || !TEST_int_eq(X509_NAME_get_index_by_NID(n, NID_commonName, 5), -1)
        || !TEST_int_eq(X509_NAME_get_index_by_NID(n, NID_commonName, 100), -1)
        || !TEST_int_eq(X509_NAME_get_index_by_OBJ(NULL, OBJ_nid2obj(NID_commonName), -1), -1)
        || !TEST_ptr_null(X509_NAME_ENTRY_get_data(NULL)) || !TEST_ptr_null(X509_NAME_ENTRY_get_object(NULL))
        || !TEST_int_eq(X509_NAME_get0_der(NULL, &der, &derlen), 0) || !TEST_ptr_null(der)
        || !TEST_int_eq(X509_NAME_get0_der(n, NULL, NULL), 1))
        goto end;
    if (!TEST_int_eq(ERR_peek_error(), 0))
        goto end;
    if (!TEST_int_eq(OBJ_obj2nid(NULL), 0) || !TEST_int_eq(OBJ_obj2txt(buf, sizeof(buf), NULL, 0), 0)
        || !TEST_str_eq(buf, "") || !TEST_ptr_null(OBJ_nid2sn(-1)) || !TEST_ptr_null(OBJ_nid2ln(99999))
        || !TEST_ptr_null(OBJ_nid2obj(1300)) || !TEST_int_eq(OBJ_length(NULL), 0)
        || !TEST_ptr_null(OBJ_get0_data(NULL)) || !TEST_int_eq(OBJ_obj2txt(NULL, 0, OBJ_nid2obj(13), 0), 10)
        || !TEST_int_eq(OBJ_obj2txt(buf, 0, OBJ_nid2obj(13), 1), 7) || !TEST_str_eq(buf, "")
        || !TEST_int_eq(OBJ_sn2nid(""), 0) || !TEST_int_eq(OBJ_ln2nid(""), 0)
        || !TEST_int_lt(OBJ_cmp(OBJ_nid2obj(13), OBJ_nid2obj(14)), 0)
        || !TEST_int_gt(OBJ_cmp(OBJ_nid2obj(48), OBJ_nid2obj(14)), 0)
        || !TEST_int_eq(OBJ_cmp(OBJ_nid2obj(13), OBJ_nid2obj(13)), 0))
        goto end;
    ASN1_OBJECT_free(NULL);
    ASN1_OBJECT_free(OBJ_nid2obj(NID_commonName)); /* static: a no-op */
    if (!TEST_int_eq(OBJ_obj2nid(OBJ_nid2obj(NID_commonName)), NID_commonName))
        goto end;
    if (!TEST_int_eq(ASN1_STRING_to_UTF8(&u, NULL), -1) || !TEST_str_eq((char *)u, "untouched")
        || !TEST_int_eq(ASN1_STRING_print(b, NULL), 0) || !TEST_int_eq(ASN1_STRING_print_ex(NULL, s, 0), 3)
        || !TEST_int_eq(ASN1_STRING_print_ex(NULL, s, ASN1_STRFLGS_SHOW_TYPE), 14)
        || !TEST_int_eq(ASN1_STRING_print_ex_fp(NULL, s, ASN1_STRFLGS_RFC2253), 3))
        goto end;
    if (!TEST_int_eq(ERR_peek_error(), 0))
        goto end;
    /* A NULL name prints as an empty one (the indent only); X509_NAME_print as "NO X509_NAME". */
    if (!TEST_int_eq(X509_NAME_print_ex(b, NULL, 2, XN_FLAG_ONELINE), 2)
        || !TEST_int_eq(X509_NAME_print_ex(b, NULL, 2, 0), 1)
        || !TEST_int_eq(X509_NAME_print_ex_fp(NULL, n, 0, XN_FLAG_ONELINE), 134)
        || !TEST_int_eq(BIO_get_mem_data(b, &data), 13) || !TEST_mem_eq(data, 13, "  O X509_NAME", 13))
        goto end;
    /* X509_NAME_print to no BIO: 0 with X509/ERR_R_BUF_LIB. */
    if (!TEST_int_eq(X509_NAME_print_ex(NULL, n, 0, 0), 0)
        || !TEST_ulong_eq(ERR_get_error(), ERR_PACK(ERR_LIB_X509, 0, ERR_R_BUF_LIB))
        || !TEST_int_eq(X509_NAME_print(NULL, n, 0), 0)
        || !TEST_ulong_eq(ERR_get_error(), ERR_PACK(ERR_LIB_X509, 0, ERR_R_BUF_LIB))
        || !TEST_int_eq(ERR_peek_error(), 0))
        goto end;
    /* An empty name (X509_NAME_new): the indent only, compat prints nothing, SHA-1 of nothing. */
    if (!TEST_ptr(empty = X509_NAME_new()) || !TEST_int_eq(X509_NAME_entry_count(empty), 0)
        || !TEST_int_eq(X509_NAME_print_ex(NULL, empty, 3, XN_FLAG_MULTILINE), 3)
        || !TEST_int_eq(X509_NAME_print_ex(NULL, empty, 3, 0), 1)
        || !TEST_ulong_eq(X509_NAME_hash_ex(empty, NULL, NULL, NULL), 0xeea339daUL)
        || !TEST_int_eq(X509_NAME_get0_der(empty, &der, &derlen), 1) || !TEST_int_eq(derlen, 2)
        || !TEST_int_eq(X509_NAME_cmp(empty, n), -1) || !TEST_int_eq(ERR_peek_error(), 0))
        goto end;
    ret = 1;
end:
    X509_NAME_free(empty);
    ASN1_STRING_free(s);
    BIO_free(b);
    X509_free(x);
    return ret;
}

/* The _fp printers write what the BIO ones do. */
static int test_fp(void)
{
    X509 *x = read_name_cert("utf8.pem");
    X509_NAME *n = x == NULL ? NULL : X509_get_subject_name(x);
    BIO *b = BIO_new(BIO_s_mem());
    FILE *f = tmpfile();
    char filebuf[2048], *data = NULL;
    unsigned long flags[] = {0, XN_FLAG_ONELINE, XN_FLAG_MULTILINE, XN_FLAG_RFC2253};
    long blen;
    size_t flen, i;
    int ret = 0, r1, r2;

    if (!TEST_ptr(n) || !TEST_ptr(b) || !TEST_ptr(f))
        goto end;
    for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        r1 = X509_NAME_print_ex(b, n, 1, flags[i]);
        r2 = X509_NAME_print_ex_fp(f, n, 1, flags[i]);
        if (!TEST_int_eq(r1, r2))
            goto end;
    }
    r1 = ASN1_STRING_print_ex(b, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, 1)), ASN1_STRFLGS_RFC2253);
    r2 = ASN1_STRING_print_ex_fp(f, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, 1)), ASN1_STRFLGS_RFC2253);
    if (!TEST_int_eq(r1, 18) || !TEST_int_eq(r2, 18))
        goto end;
    fflush(f);
    rewind(f);
    flen = fread(filebuf, 1, sizeof(filebuf), f);
    blen = BIO_get_mem_data(b, &data);
    if (!TEST_mem_eq(filebuf, flen, data, (size_t)blen))
        goto end;
    ret = 1;
end:
    if (f != NULL)
        fclose(f);
    BIO_free(b);
    X509_free(x);
    return ret;
}

int main(int argc, char **argv)
{
    write_expected = argc > 1 && strcmp(argv[1], "--write-expected") == 0;
    RUN_TEST(test_report);
    if (write_expected)
        return tu_finish();
    RUN_TEST(test_null_inputs);
    RUN_TEST(test_fp);
    return tu_finish();
}
