#!/usr/bin/env bash
# Regenerates c-tests/certs/print/: self-signed EC P-256 certificates whose extensions OpenSSL
# prints with printers of their own, for c-tests/test_x509_print.c (run with the openssl CLI
# 3.0). The outputs are committed; rerunning this script means rewriting
# c-tests/certs/print-expected.txt with the OpenSSL build of the test (--write-expected).
#   ext.pem    SAN with DNS, dirName, RID, otherName and IPv6; CRL distribution points (two
#              URIs); authority info access (OCSP, caIssuers); certificate policies; AKID with
#              key id, issuer and serial; Netscape comment; two unknown extensions (one
#              critical); issuerAltName
#   ext2.pem   certificate policies with a CPS qualifier and anyPolicy; one distribution
#              point with two URIs; a SAN with a UPN otherName
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p print
cd print
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cat > "$WORK/ext.cnf" <<'CNF'
[req]
distinguished_name = dn_req
[dn_req]
[ext]
basicConstraints=critical,CA:FALSE
subjectAltName=DNS:a.test,dirName:dn,RID:1.2.3.4,otherName:1.2.3.5;UTF8:hello,IP:::1
crlDistributionPoints=URI:http://crl.example/ca.crl,URI:ldap://crl.example/x
authorityInfoAccess=OCSP;URI:http://ocsp.example/,caIssuers;URI:http://ca.example/ca.cer
certificatePolicies=2.23.140.1.2.1,1.3.6.1.4.1.44947.1.1.1
authorityKeyIdentifier=keyid:always,issuer:always
subjectKeyIdentifier=hash
nsComment=A comment
1.2.3.4.5=ASN1:UTF8String:custom value
1.2.3.4.6=critical,DER:01:02:41:42:ff
issuerAltName=email:ca@example.com
[dn]
CN=Dir Name
O=Org
[ext2]
certificatePolicies=ia5org,@pol,2.5.29.32.0
crlDistributionPoints=dp
subjectAltName=otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@upn,email:x@y
[pol]
policyIdentifier=1.2.3.9
CPS.1=http://cps.example/
[dp]
fullname=@urls
[urls]
URI.1=http://a/
URI.2=http://b/
CNF

for n in ext ext2; do
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/$n.key" \
        -subj "/CN=$n test" -days 36500 -config "$WORK/ext.cnf" -extensions "$n" -out "$n.pem"
done
