#!/usr/bin/env bash
# Regenerates the certificates in names/ (self-signed, P-256, keys thrown away) whose subjects
# exercise the X509_NAME printers (c-tests/test_x509_names.c). The PEM files are committed; run
# this only to rebuild them (then regenerate c-tests/certs/names/expected.txt with the OpenSSL
# build of the test: ./build/openssl/test_x509_names --write-expected).
#   basic.pem     C, ST, L, O, OU, CN, emailAddress (PrintableString, UTF8String, IA5String)
#   utf8.pem      UTF8String values with non-ASCII characters (Zoë, CJK, an emoji)
#   bmp.pem       string_mask pkix: non-ASCII values become BMPString
#   t61.pem       string_mask default: Latin-1 values become T61String
#   universal.pem string_mask MASK:0x100: every value a UniversalString
#   escapes.pem   , + " \ < > ; = / in values, leading '#', leading and trailing spaces
#   multi.pem     multi-valued RDNs (CN+UID, O+OU+L) and DC components
#   many.pem      many attribute types, a control character, a long OID without a name
#   empty.pem     an empty subject
set -euo pipefail
cd "$(dirname "$0")/names"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LONG_OID=1.3.6.1.4.1.99999.1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25.26.27.28.29.30.31.32.33.34.35
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/key" 2>/dev/null

mk() { # name mask subject [extra req options...]
    local name=$1 mask=$2 subj=$3
    shift 3
    # longOid: an OID this process names for the request; the certificate only has the OID.
    printf 'oid_section = oids\n[oids]\nlongOid = %s\n' "$LONG_OID" > "$WORK/req.cnf"
    printf '[req]\ndistinguished_name = dn\nstring_mask = %s\n[dn]\n' "$mask" >> "$WORK/req.cnf"
    openssl req -new -x509 -config "$WORK/req.cnf" -key "$WORK/key" -out "$name.pem" -days 36500 \
        -sha256 -utf8 -subj "$subj" -set_serial 1 "$@"
}

mk basic utf8only "/C=US/ST=California/L=San Francisco/O=Example Inc./OU=Engineering/CN=www.example.com/emailAddress=admin@example.com"
mk utf8 utf8only "/C=FR/O=Zoë Café/OU=日本語の部署/CN=名前.example/L=Zürich 🚀"
mk bmp pkix "/C=DE/O=Zoë Müller GmbH/CN=中文名字/OU=plain ascii"
mk t61 default "/C=FR/O=Zoë Café/CN=Ærø façade"
mk universal MASK:0x100 "/C=JP/CN=Zoë 日本 🚀"
mk escapes utf8only '/CN=a\,b\+c"d\\e<f>g;h=i\/j/O=#hash first/OU= lead and trail /L=  two  /ST=mid#hash'
mk multi utf8only "/DC=com/DC=example/O=Org+OU=Unit+L=Town/CN=user+UID=jdoe" -multivalue-rdn
mk many utf8only "/serialNumber=12345/title=Dr./GN=Jane/SN=Doe/initials=JD/pseudonym=jd/street=1 Main St/postalCode=94105/businessCategory=Private Organization/jurisdictionC=US/jurisdictionST=Delaware/longOid=long oid/2.5.4.45=uid/description=tab	here/CN=last"
mk empty utf8only "/"
