#!/usr/bin/env bash
# Demo: start the server on 127.0.0.1, run the client forced to TLS 1.3 and
# then TLS 1.2 (each a full handshake then a resumed one, with ALPN and SNI;
# the TLS 1.3 run asks for a second name and logs its keys), resume across two
# `openssl s_client` processes with -sess_out/-sess_in if the CLI is present,
# stop the server. Exit non-zero on any failure.
#   demo/run.sh [BINDIR]     (BINDIR holds client and server; default build/demo)
# SSLRS_CERTS: certificate dir (default c-tests/certs). Run from the repo root.
set -euo pipefail
BINDIR=${1:-${DEMO_BINDIR:-build/demo}}
CERTS=${SSLRS_CERTS:-c-tests/certs}
TMP=$(mktemp -d)
SPID=
cleanup() {
    if [ -n "$SPID" ]; then kill "$SPID" 2>/dev/null || true; wait "$SPID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT

"$BINDIR/server" "$CERTS/server-ec-chain.pem" "$CERTS/server-ec.key" "$TMP/port" \
    other.example "$CERTS/server-other.pem" "$CERTS/server-other.key" >"$TMP/server.log" 2>&1 &
SPID=$!
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port")

echo "--- client, tls1.3, SNI other.example, keys logged to $TMP/keys.log"
timeout 20 "$BINDIR/client" "$PORT" "$CERTS/ca-ec.pem" tls1.3 "sslrs (tls1.3)" other.example "$TMP/keys.log"
echo "key log: $(wc -l <"$TMP/keys.log") lines, labels: $(cut -d' ' -f1 "$TMP/keys.log" | sort -u | tr '\n' ' ')"
echo "--- client, tls1.2"
timeout 20 "$BINDIR/client" "$PORT" "$CERTS/ca-ec.pem" tls1.2 "sslrs (tls1.2)"
if command -v openssl >/dev/null 2>&1; then
    echo "--- resumption across processes: openssl s_client -sess_out, then -sess_in"
    for step in "-sess_out $TMP/sess.pem" "-sess_in $TMP/sess.pem"; do
        # shellcheck disable=SC2086
        echo "s_client" | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -CAfile "$CERTS/ca-ec.pem" \
            -verify_return_error -verify_hostname localhost -servername localhost -alpn demo/1 \
            -ign_eof $step 2>/dev/null | grep -E '^(New|Reused),|^ALPN protocol' || exit 1
    done
fi
# "quit" stops the server after its first connection: the client's second one is refused.
timeout 20 "$BINDIR/client" "$PORT" "$CERTS/ca-ec.pem" tls1.3 quit >/dev/null 2>&1 || true
wait "$SPID"
SPID=
echo "--- server log"
cat "$TMP/server.log"
