#!/usr/bin/env bash
# Regenerates the certificates of the name-check tests (test_x509_checks.c) in hosts/, all
# self-signed ECDSA P-256 with one key, hosts/key.pem (test_verify_hosts.c trusts a certificate
# as its own anchor and serves it). Committed; run only to rebuild.
#   hosts/wild.pem    SAN DNS:*.example.com, DNS:f*.part.test, DNS:*x.end.test, DNS:www.exact.test,
#                     DNS:*.xn--bcher-kva.test, DNS:*.co, DNS:a*b.mid.test, email:Joe@Example.com,
#                     IP:10.1.2.3, IP:::1; CN=cn.ignored.test
#   hosts/cn-only.pem no SAN; CN=cn.example.org, emailAddress=Mail@Example.org
#   hosts/ip-only.pem SAN IP:192.0.2.7 only; CN=cn.iponly.test
#   hosts/wild-leaf.pem (below) issued by ca-ec
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p hosts
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out hosts/key.pem
mk() { # name subject san-or-empty
    local ext=()
    [ -n "$3" ] && ext=(-addext "subjectAltName=$3")
    openssl req -new -x509 -key hosts/key.pem -subj "$2" -days 36500 -out "hosts/$1.pem" "${ext[@]}"
}
mk wild "/CN=cn.ignored.test" \
    "DNS:*.example.com,DNS:f*.part.test,DNS:*x.end.test,DNS:www.exact.test,DNS:*.xn--bcher-kva.test,DNS:*.co,DNS:a*b.mid.test,email:Joe@Example.com,IP:10.1.2.3,IP:::1"
mk cn-only "/CN=cn.example.org/emailAddress=Mail@Example.org" ""
mk ip-only "/CN=cn.iponly.test" "IP:192.0.2.7"
# hosts/wild-leaf.pem: the names of wild.pem on a leaf (CA:FALSE, serverAuth) issued by ca-ec,
# for handshakes whose host check uses them.
openssl req -new -key hosts/key.pem -subj "/CN=cn.ignored.test" -out hosts/wild-leaf.csr
printf '%s\n' "basicConstraints=critical,CA:FALSE" "extendedKeyUsage=serverAuth" \
    "subjectAltName=DNS:*.example.com,DNS:f*.part.test,DNS:www.exact.test,IP:10.1.2.3" \
    > hosts/wild-leaf.ext
openssl x509 -req -in hosts/wild-leaf.csr -CA ca-ec.pem -CAkey ca-ec.key -set_serial 0x5157 \
    -days 36500 -extfile hosts/wild-leaf.ext -out hosts/wild-leaf.pem
rm -f hosts/wild-leaf.csr hosts/wild-leaf.ext
