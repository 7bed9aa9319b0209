#!/usr/bin/env bash
# Regenerates client-revoked.pem/.key (an ECDSA clientAuth leaf issued by ca-ec) and
# ca-ec-client.crl.pem (a CRL of ca-ec that revokes it), for the servers' CRL checks of client
# certificates (programs/run.py: nginx ssl_crl). Committed; run only to rebuild.
set -euo pipefail
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/db"; : > "$WORK/db/index.txt"; echo 3000 > "$WORK/db/serial"; echo 2000 > "$WORK/db/crlnumber"
cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = tca
[ tca ]
database = $WORK/db/index.txt
serial = $WORK/db/serial
crlnumber = $WORK/db/crlnumber
new_certs_dir = $WORK/db
default_md = sha256
default_days = 36500
default_crl_days = 36500
policy = pol
unique_subject = no
copy_extensions = none
[ pol ]
organizationName = optional
commonName = supplied
CNF
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out client-revoked.key
openssl req -new -key client-revoked.key -subj "/O=sslrs test/CN=sslrs test revoked client" -out "$WORK/c.csr"
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n' \
    > "$WORK/c.ext"
openssl ca -batch -config "$WORK/ca.cnf" -cert ca-ec.pem -keyfile ca-ec.key -extfile "$WORK/c.ext" \
    -in "$WORK/c.csr" -out "$WORK/c.full" -notext
openssl x509 -in "$WORK/c.full" -out client-revoked.pem
openssl ca -config "$WORK/ca.cnf" -cert ca-ec.pem -keyfile ca-ec.key -revoke client-revoked.pem
openssl ca -config "$WORK/ca.cnf" -cert ca-ec.pem -keyfile ca-ec.key -gencrl -out ca-ec-client.crl.pem
