#!/usr/bin/env bash
# Encrypted forms of the server keys, for test_enc_keys (password "secret" for all).
# Run by gen.sh after the keys exist; it can also be run alone (the files are committed).
#   server-{ec,rsa}-enc-aes256.key       PKCS#8 PBES2, PBKDF2 hmacWithSHA256, AES-256-CBC
#                                        (what `openssl genpkey -aes256` / `pkey -aes256` write)
#   server-{ec,rsa}-enc-aes128-sha1.key  PKCS#8 PBES2, PBKDF2 hmacWithSHA1, AES-128-CBC
#   server-ec-enc-scrypt.key             PKCS#8 PBES2, scrypt (N=1024, r=8, p=1), AES-256-CBC
#   server-ec-enc-legacy.key             traditional SEC1 PEM, Proc-Type: 4,ENCRYPTED,
#                                        DEK-Info: AES-256-CBC (`openssl ec -aes256`)
#   server-rsa-enc-legacy.key            traditional PKCS#1 PEM, DEK-Info: AES-128-CBC
#                                        (`openssl rsa -traditional -aes128`)
#   server-rsa-enc-des3-legacy.key       traditional PKCS#1 PEM, DEK-Info: DES-EDE3-CBC
#                                        (`openssl rsa -traditional -des3`, as 1.x's genrsa -des3)
#   server-ec-enc-des3.key               PKCS#8 PBES2, PBKDF2 hmacWithSHA256, DES-EDE3-CBC
set -euo pipefail
cd "$(dirname "$0")"
P=pass:secret
for k in ec rsa; do
    openssl pkcs8 -topk8 -in "server-$k.key" -v2 aes256 -v2prf hmacWithSHA256 -passout $P \
        -out "server-$k-enc-aes256.key"
    openssl pkcs8 -topk8 -in "server-$k.key" -v2 aes128 -v2prf hmacWithSHA1 -passout $P \
        -out "server-$k-enc-aes128-sha1.key"
done
openssl pkcs8 -topk8 -in server-ec.key -scrypt -scrypt_N 1024 -scrypt_r 8 -scrypt_p 1 \
    -passout $P -out server-ec-enc-scrypt.key
openssl ec -in server-ec.key -aes256 -passout $P -out server-ec-enc-legacy.key 2>/dev/null
openssl rsa -in server-rsa.key -traditional -aes128 -passout $P -out server-rsa-enc-legacy.key \
    2>/dev/null
openssl rsa -in server-rsa.key -traditional -des3 -passout $P -out server-rsa-enc-des3-legacy.key \
    2>/dev/null
openssl pkcs8 -topk8 -in server-ec.key -v2 des3 -v2prf hmacWithSHA256 -passout $P \
    -out server-ec-enc-des3.key
echo "encrypted keys regenerated in $(pwd)"
