#!/usr/bin/env bash
# Regenerates c-tests/certs/fields/: certificates with varied serials, validity dates,
# extensions and key types for c-tests/test_x509_fields.c (run with the openssl CLI 3.0).
# The outputs are committed; the test hard-codes what OpenSSL prints for them (serials, dates,
# names and the public-key digests), so rerunning this script means re-measuring those values.
#   ca.pem/.key     EC P-256 root, serial 01, basicConstraints critical CA:TRUE pathlen:2,
#                   keyUsage critical keyCertSign+cRLSign, 2025-01-01 .. 2049-12-31 23:59:59 (UTCTime)
#   rsa2048.pem     RSA-2048 leaf, 20-byte serial 80 01 02 .. 19 (DER needs a 00 byte in front),
#                   SAN DNS, wildcard DNS, IPv4, IPv6, email, URI; CA:FALSE; keyUsage critical
#                   digitalSignature+keyEncipherment; EKU serverAuth+clientAuth;
#                   2026-01-01 .. 2050-01-01 00:00:00 (GeneralizedTime)
#   rsa3072.pem     RSA-3072 intermediate, serial 7F, CA:TRUE pathlen:0 (not critical),
#                   keyUsage keyCertSign, no SAN, until 2049-12-31 23:59:59 (UTCTime)
#   ec384.pem       EC P-384 leaf, serial 7FFFFFFFFFFFFFFF (LONG_MAX), SAN IPv4 only, no basic
#                   constraints, until 2099-06-30 12:30:45 (GeneralizedTime)
#   ed25519.pem     Ed25519 leaf, 9-byte serial 01 00 .. 00 (above LONG_MAX), SAN email+URI,
#                   notBefore 1999-12-31 23:59:59 (UTCTime, 19xx) .. 2030-02-28 00:00:00
#   negserial.pem   EC P-256 leaf, serial -5 (DER FB), v3 without extensions
#   zeroserial.pem  EC P-256 leaf, serial 0, version 1 (no extensions)
#   (negserial and zeroserial have run-time dates)
#   *.key           the leaves' private keys (PKCS#8)
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p fields
cd fields
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ec() { openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$2" -out "$1"; }
rsa() { openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$1"; }

ec ca.key P-256
mkdir -p "$WORK/db"; : > "$WORK/db/index.txt"
cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = d
[ d ]
database = $WORK/db/index.txt
new_certs_dir = $WORK/db
serial = $WORK/db/serial
default_md = sha256
policy = p
unique_subject = no
copy_extensions = none
[ p ]
commonName = supplied
organizationName = optional
countryName = optional
CNF

# issue NAME SERIAL(hex) START END EXTFILE-CONTENT [selfsign]
issue() {
    local name=$1 serial=$2 start=$3 end=$4 ext=$5 self=${6:-}
    echo "$serial" > "$WORK/db/serial"
    printf '%s\n' "$ext" > "$WORK/$name.ext"
    local signer=(-cert ca.pem -keyfile ca.key)
    [ -n "$self" ] && signer=(-selfsign -keyfile ca.key)
    openssl ca -batch -config "$WORK/ca.cnf" -notext -startdate "$start" -enddate "$end" \
        "${signer[@]}" -in "$WORK/$name.csr" -out "$name.pem" -extfile "$WORK/$name.ext"
}

openssl req -new -key ca.key -subj "/C=US/O=sslrs fields/CN=Fields Root" -out "$WORK/ca.csr"
issue ca 01 250101000000Z 491231235959Z "basicConstraints=critical,CA:TRUE,pathlen:2
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash" self

rsa rsa2048.key 2048
openssl req -new -key rsa2048.key -subj "/CN=www.example.com/O=Example" -out "$WORK/rsa2048.csr"
issue rsa2048 8001020304050607080910111213141516171819 260101000000Z 20500101000000Z \
"subjectAltName=DNS:www.example.com,DNS:*.example.org,IP:192.0.2.1,IP:2001:db8::1,email:admin@example.com,URI:https://example.com/path?q=1
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid"

rsa rsa3072.key 3072
openssl req -new -key rsa3072.key -subj "/CN=Fields Intermediate" -out "$WORK/rsa3072.csr"
issue rsa3072 7F 260101000000Z 491231235959Z "basicConstraints=CA:TRUE,pathlen:0
keyUsage=keyCertSign"

ec ec384.key P-384
openssl req -new -key ec384.key -subj "/CN=ec384.example" -out "$WORK/ec384.csr"
issue ec384 7FFFFFFFFFFFFFFF 260101000000Z 20990630123045Z "subjectAltName=IP:10.1.2.3"

openssl genpkey -algorithm ED25519 -out ed25519.key
openssl req -new -key ed25519.key -subj "/CN=ed25519.example" -out "$WORK/ed25519.csr"
issue ed25519 010000000000000000 991231235959Z 300228000000Z \
"subjectAltName=email:user@example.net,URI:urn:example:1"

# Serials openssl ca will not write: negative and zero, via x509 -req -set_serial (these two
# have run-time dates; the test does not print them).
ec negserial.key P-256
openssl req -new -key negserial.key -subj "/CN=negative.example" -out "$WORK/negserial.csr"
printf 'subjectKeyIdentifier=hash\n' > "$WORK/negserial.ext"
openssl x509 -req -in "$WORK/negserial.csr" -CA ca.pem -CAkey ca.key -set_serial -5 -days 3650 \
    -sha256 -extfile "$WORK/negserial.ext" -out negserial.pem

ec zeroserial.key P-256
openssl req -new -key zeroserial.key -subj "/CN=zero.example" -out "$WORK/zeroserial.csr"
openssl x509 -req -in "$WORK/zeroserial.csr" -CA ca.pem -CAkey ca.key -set_serial 0 -days 3650 \
    -sha256 -out zeroserial.pem
rm -f ca.csr
