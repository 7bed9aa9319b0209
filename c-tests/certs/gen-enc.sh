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
#   server-ec-enc-scrypt-1g.key          server-ec-enc-scrypt.key with scrypt N=2^20 (1 GiB of
#                                        memory: over OpenSSL's 32 MiB limit; the openssl CLI
#                                        refuses to write it, so the DER is re-encoded here)
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
python3 - <<'PY'
import base64

def tlv(b, i):
    t, n, j = b[i], b[i + 1], i + 2
    if n & 0x80:
        k = n & 0x7F
        n, j = int.from_bytes(b[j:j + k], "big"), j + k
    return t, b[j:j + n], j + n

def enc(t, v):
    n = len(v)
    if n < 128:
        return bytes([t, n]) + v
    nb = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([t, 0x80 | len(nb)]) + nb + v

def walk(t, v, path):
    # EncryptedPrivateKeyInfo / PBES2 params / scrypt / scrypt params / N
    if t == 0x02 and path == [0, 1, 0, 1, 1]:
        n = 1 << 20
        return enc(t, n.to_bytes((n.bit_length() + 8) // 8, "big"))
    if t != 0x30:
        return enc(t, v)
    out, i, k = b"", 0, 0
    while i < len(v):
        ct, cv, i = tlv(v, i)
        out += walk(ct, cv, path + [k])
        k += 1
    return enc(t, out)

lines = open("server-ec-enc-scrypt.key").read().splitlines()
der = base64.b64decode("".join(l for l in lines if not l.startswith("-----")))
t, v, _ = tlv(der, 0)
b64 = base64.b64encode(walk(t, v, [])).decode()
with open("server-ec-enc-scrypt-1g.key", "w") as f:
    f.write("-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    for i in range(0, len(b64), 64):
        f.write(b64[i:i + 64] + "\n")
    f.write("-----END ENCRYPTED PRIVATE KEY-----\n")
PY
echo "encrypted keys regenerated in $(pwd)"
