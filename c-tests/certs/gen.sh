#!/usr/bin/env bash
# Regenerates the test PKI in this directory with the openssl CLI (3.0).
# The PEM files are committed; run this only to rebuild them from scratch.
#   ca-ec.pem/.key        ECDSA P-256 root CA (trusted by the tests)
#   ca-rsa.pem/.key       RSA-2048 root CA (trusted by the tests)
#   ca-bundle.pem         ca-ec.pem + ca-rsa.pem
#   server-ec.pem/.key    ECDSA leaf, CN=localhost, SAN DNS:localhost, IP:127.0.0.1, issued by ca-ec
#   server-rsa.pem/.key   RSA-2048 leaf, same names, issued by ca-rsa
#   server-ed25519.pem/.key  Ed25519 leaf, same names, issued by ca-ec
#   client.pem/.key       ECDSA client leaf (clientAuth), issued by ca-ec
#   expired.pem/.key      localhost leaf valid 2000-2001, issued by ca-ec
#   notyet.pem/.key       localhost leaf valid 2200-2201, issued by ca-ec
#   selfsigned.pem/.key   self-signed localhost leaf
#   other-ca.pem/.key     a CA nobody trusts
#   server-other.pem/.key ECDSA leaf CN=other.example (SAN DNS:other.example), issued by ca-ec
#   unknownca.pem/.key    localhost leaf issued by other-ca
#   int-ca.pem/.key       ECDSA intermediate CA issued by ca-ec
#   server-int.pem/.key   ECDSA leaf CN=localhost issued by int-ca; server-int-chain.pem = leaf + int-ca
#   revoked.pem/.key      localhost leaf issued by ca-ec and revoked in ca-ec.crl.pem (CRL of ca-ec)
#   ca-ec-with-crl.pem    ca-ec.pem + ca-ec.crl.pem
#   key forms: *.key = PKCS#8; server-rsa-pkcs1.key = PKCS#1 RSA; server-ec-sec1.key = SEC1 EC
#   server-ec-enc.key     server-ec.key as encrypted PKCS#8 (AES-256-CBC, PBKDF2), password "secret"
#   server-*-enc-*.key    more encrypted forms of the server keys: see gen-enc.sh
set -euo pipefail
cd "$(dirname "$0")"
DAYS=36500
SAN="subjectAltName=DNS:localhost,IP:127.0.0.1"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

eckey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
rsakey() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }

mkca() { # name keygen subject
    "$2" "$1.key"
    openssl req -new -x509 -key "$1.key" -out "$1.pem" -days $DAYS -sha256 -subj "$3" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign"
}

# leaf: name keygen-or-"ed25519" ca subject eku [startdate enddate]
leaf() {
    local name=$1 kg=$2 ca=$3 subj=$4 eku=$5 start=${6:-} end=${7:-}
    local ku=digitalSignature
    [ "$kg" = rsakey ] && ku=digitalSignature,keyEncipherment
    if [ "$kg" = ed25519 ]; then openssl genpkey -algorithm ED25519 -out "$name.key"; else "$kg" "$name.key"; fi
    openssl req -new -key "$name.key" -subj "$subj" -out "$WORK/$name.csr"
    cat > "$WORK/$name.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,$ku
extendedKeyUsage=$eku
$SAN
EXT
    if [ -z "$start" ]; then
        openssl x509 -req -in "$WORK/$name.csr" -CA "$ca.pem" -CAkey "$ca.key" -CAcreateserial \
            -CAserial "$WORK/serial" -days $DAYS -sha256 -extfile "$WORK/$name.ext" -out "$name.pem"
    else
        # openssl ca can set arbitrary validity windows (x509 -days cannot go backwards in 3.0)
        mkdir -p "$WORK/ca"; : > "$WORK/ca/index.txt"; [ -f "$WORK/ca/serial" ] || echo 1000 > "$WORK/ca/serial"
        cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = tca
[ tca ]
database = $WORK/ca/index.txt
serial = $WORK/ca/serial
new_certs_dir = $WORK/ca
default_md = sha256
policy = pol
unique_subject = no
copy_extensions = none
[ pol ]
organizationName = optional
commonName = supplied
CNF
        openssl ca -batch -config "$WORK/ca.cnf" -cert "$ca.pem" -keyfile "$ca.key" \
            -startdate "$start" -enddate "$end" -extfile "$WORK/$name.ext" \
            -in "$WORK/$name.csr" -out "$WORK/$name.full" -notext
        openssl x509 -in "$WORK/$name.full" -out "$name.pem"
    fi
}

mkca ca-ec eckey "/O=sslrs test/CN=sslrs test CA ECDSA"
mkca ca-rsa rsakey "/O=sslrs test/CN=sslrs test CA RSA"
mkca other-ca eckey "/O=sslrs test/CN=sslrs untrusted CA"
cat ca-ec.pem ca-rsa.pem > ca-bundle.pem

leaf server-ec eckey ca-ec "/O=sslrs test/CN=localhost" serverAuth
leaf server-rsa rsakey ca-rsa "/O=sslrs test/CN=localhost" serverAuth
leaf server-ed25519 ed25519 ca-ec "/O=sslrs test/CN=localhost" serverAuth
leaf client eckey ca-ec "/O=sslrs test/CN=sslrs test client" clientAuth
leaf unknownca eckey other-ca "/O=sslrs test/CN=localhost" serverAuth
leaf expired eckey ca-ec "/O=sslrs test/CN=localhost" serverAuth 20000101000000Z 20010101000000Z
leaf notyet eckey ca-ec "/O=sslrs test/CN=localhost" serverAuth 22000101000000Z 22010101000000Z

eckey selfsigned.key
openssl req -new -x509 -key selfsigned.key -out selfsigned.pem -days $DAYS -sha256 \
    -subj "/O=sslrs test/CN=localhost" -addext "$SAN" -addext "basicConstraints=critical,CA:FALSE"

# an intermediate CA and a leaf under it (chains of three)
eckey int-ca.key
openssl req -new -key int-ca.key -subj "/O=sslrs test/CN=sslrs test intermediate CA" -out "$WORK/int-ca.csr"
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' > "$WORK/int-ca.ext"
openssl x509 -req -in "$WORK/int-ca.csr" -CA ca-ec.pem -CAkey ca-ec.key -CAcreateserial \
    -CAserial "$WORK/serial" -days $DAYS -sha256 -extfile "$WORK/int-ca.ext" -out int-ca.pem
leaf server-int eckey int-ca "/O=sslrs test/CN=localhost" serverAuth
cat server-int.pem int-ca.pem > server-int-chain.pem

# a revoked leaf and ca-ec's CRL (openssl ca keeps the revocation database)
mkdir -p "$WORK/crl"; : > "$WORK/crl/index.txt"; echo 2000 > "$WORK/crl/serial"; echo 1000 > "$WORK/crl/crlnumber"
cat > "$WORK/crl.cnf" <<CNF
[ ca ]
default_ca = tca
[ tca ]
database = $WORK/crl/index.txt
serial = $WORK/crl/serial
crlnumber = $WORK/crl/crlnumber
new_certs_dir = $WORK/crl
default_md = sha256
default_days = $DAYS
default_crl_days = $DAYS
policy = pol
unique_subject = no
copy_extensions = none
[ pol ]
organizationName = optional
commonName = supplied
CNF
eckey revoked.key
openssl req -new -key revoked.key -subj "/O=sslrs test/CN=localhost" -out "$WORK/revoked.csr"
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n%s\n' "$SAN" > "$WORK/revoked.ext"
openssl ca -batch -config "$WORK/crl.cnf" -cert ca-ec.pem -keyfile ca-ec.key -extfile "$WORK/revoked.ext" \
    -in "$WORK/revoked.csr" -out "$WORK/revoked.full" -notext
openssl x509 -in "$WORK/revoked.full" -out revoked.pem
openssl ca -config "$WORK/crl.cnf" -cert ca-ec.pem -keyfile ca-ec.key -revoke revoked.pem
openssl ca -config "$WORK/crl.cnf" -cert ca-ec.pem -keyfile ca-ec.key -gencrl -out ca-ec.crl.pem
cat ca-ec.pem ca-ec.crl.pem > ca-ec-with-crl.pem

# other key encodings of the server keys
openssl rsa -in server-rsa.key -traditional -out server-rsa-pkcs1.key
openssl ec -in server-ec.key -out server-ec-sec1.key
openssl pkey -in server-ec.key -aes256 -passout pass:secret -out server-ec-enc.key
# cert + chain file for SSL_CTX_use_certificate_chain_file
cat server-ec.pem ca-ec.pem > server-ec-chain.pem
# a second server name, for SNI switching: ECDSA leaf CN=other.example, SAN DNS:other.example
SAN="subjectAltName=DNS:other.example" leaf server-other eckey ca-ec "/O=sslrs test/CN=other.example" serverAuth
# DER encodings for SSL_FILETYPE_ASN1: <pem name>.der (certificates), <key name>.der (keys,
# same encoding as the PEM key: PKCS#8, PKCS#1 RSA, SEC1 EC)
for c in server-ec server-rsa; do openssl x509 -in "$c.pem" -outform DER -out "$c.der"; done
for k in server-ec server-rsa server-ec-sec1 server-rsa-pkcs1; do
    openssl asn1parse -in "$k.key" -out "$k.key.der" -noout
done
# hashed CA directory for SSL_CTX_load_verify_dir (OpenSSL looks up <subject hash>.0)
rm -rf hashdir && mkdir hashdir
cp ca-ec.pem "hashdir/$(openssl x509 -hash -noout -in ca-ec.pem).0"
rm -f ./*.srl
./gen-enc.sh
echo "certificates regenerated in $(pwd)"
