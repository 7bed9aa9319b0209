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
#   pss.pem    RSA-PSS key (no parameter restrictions) signing itself with RSASSA-PSS
#              (SHA-256, MGF1 SHA-256, salt length 222)
#   sct.pem    a CT precertificate SCT list (two made-up SCTs: no extensions / with extensions)
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
[sct]
1.3.6.1.4.1.11129.2.4.2=DER:04:81:b6:00:b4:00:75:00:40:41:42:43:44:45:46:47:48:49:4a:4b:4c:4d:4e:4f:50:51:52:53:54:55:56:57:58:59:5a:5b:5c:5d:5e:5f:00:00:01:8e:5c:a2:ab:66:00:00:04:03:00:46:30:44:02:20:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13:14:15:16:17:18:19:1a:1b:1c:1d:1e:1f:20:02:20:64:65:66:67:68:69:6a:6b:6c:6d:6e:6f:70:71:72:73:74:75:76:77:78:79:7a:7b:7c:7d:7e:7f:80:81:82:83:00:3b:00:a0:a1:a2:a3:a4:a5:a6:a7:a8:a9:aa:ab:ac:ad:ae:af:b0:b1:b2:b3:b4:b5:b6:b7:b8:b9:ba:bb:bc:bd:be:bf:00:00:01:8e:5c:a2:ab:67:00:02:01:02:04:03:00:0a:30:44:02:20:01:02:03:04:05:06
CNF

for n in ext ext2 sct; do
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/$n.key" \
        -subj "/CN=$n test" -days 36500 -config "$WORK/ext.cnf" -extensions "$n" -out "$n.pem"
done
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$WORK/pss.key"
openssl req -x509 -key "$WORK/pss.key" -subj "/CN=pss test" -days 36500 -config "$WORK/ext.cnf" \
    -extensions ext2 -sigopt rsa_padding_mode:pss -out pss.pem
