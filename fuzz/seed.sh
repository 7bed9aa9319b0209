#!/usr/bin/env bash
# Regenerates the hand-made seeds of fuzz/corpus/ (run from anywhere; needs build/libsslrs.so,
# i.e. `make lib`, and the system OpenSSL). The corpora checked in are these seeds plus what
# `make fuzz` found, minimized with `make fuzz-merge`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus C=c-tests/certs
mkdir -p build/fuzz "$out"/{server,client,session,api,x509,config}
cc -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -g fuzz/record.c -o build/fuzz/record-openssl -lssl -lcrypto
cc -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -g fuzz/record.c -o build/fuzz/record-sslrs \
    -Iinclude -Lbuild -lsslrs -Wl,-rpath,"$PWD/build"
build/fuzz/record-openssl "$out" ossl
build/fuzz/record-sslrs "$out" sslrs

# x509: selector byte, flags byte, then the bytes to parse (fuzz/fuzz_x509.c)
x=$out/x509
i=0
for f in server-ec.pem server-rsa.pem client.pem ca-ec.pem int-ca.pem server-int-chain.pem \
         names/bmp.pem names/escapes.pem names/t61.pem names/multi.pem print/ext.pem \
         print/pss.pem print/sct.pem; do
    i=$((i + 1)); { printf '\x00\x85'; cat "$C/$f"; } > "$x/pem-$i"
done
openssl x509 -in "$C/server-ec.pem" -outform DER | { printf '\x01\x80'; cat; } > "$x/der-ec"
openssl x509 -in "$C/print/ext.pem" -outform DER | { printf '\x01\x02'; cat; } > "$x/der-ext"
{ printf '\x02\x01'; cat "$C/server-ec.key.der"; } > "$x/key-ec-der"
{ printf '\x02\x00'; cat "$C/server-rsa-pkcs1.key.der"; } > "$x/key-rsa-der"
{ printf '\x02\x03'; cat "$C/server-ec-sec1.key.der"; } > "$x/key-sec1-der"
for k in server-ec.key server-rsa.key server-ed25519.key server-ec-enc.key \
         server-rsa-enc-aes256.key server-ec-sec1.key server-rsa-pkcs1.key; do
    { printf '\x03\x00'; cat "$C/$k"; } > "$x/pemkey-$k"
done
{ printf '\x05\x00'; cat "$C/ca-ec.crl.pem"; } > "$x/crl-pem"
openssl crl -in "$C/ca-ec.crl.pem" -outform DER | { printf '\x04\x00'; cat; } > "$x/crl-der"
{ printf '\x07\x00'; cat "$C/server-int-chain.pem" "$C/server-ec.key"; } > "$x/info"
{ printf '\x06\x00'; cat "$C/ca-rsa.pem"; } > "$x/aux"

# config: commands separated by NUL, first byte of each picks the setter (fuzz/fuzz_config.c)
c=$out/config
printf '\x00HIGH:!aNULL:!MD5' > "$c/c1"
printf '\x00ECDHE+AESGCM:@STRENGTH\x00\x04DEFAULT:-kRSA' > "$c/c2"
printf '\x01TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256' > "$c/c3"
printf '\x02X25519:P-256:secp384r1\x00\x06P-521:x25519' > "$c/c4"
printf '\x03ECDSA+SHA256:RSA-PSS+SHA256:rsa_pss_rsae_sha384:ed25519' > "$c/c5"
printf '\x05TLS_AES_256_GCM_SHA384\x00\x07RSA+SHA256' > "$c/c6"
printf '\x00ALL:COMPLEMENTOFDEFAULT:+RC4:SUITEB128:kECDHE:aECDSA:TLSv1.2:SECLEVEL=2' > "$c/c7"
printf '\x04ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:!SHA1:-AES256' > "$c/c8"
echo "seeds written to $out/"
