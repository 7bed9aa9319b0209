#!/usr/bin/env bash
# Demo: start the server on 127.0.0.1, run the client forced to TLS 1.3 and
# then TLS 1.2, stop the server. Exit non-zero on any failure.
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

"$BINDIR/server" "$CERTS/server-ec-chain.pem" "$CERTS/server-ec.key" "$TMP/port" >"$TMP/server.log" 2>&1 &
SPID=$!
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port")

for v in tls1.3 tls1.2; do
    echo "--- client, $v"
    timeout 20 "$BINDIR/client" "$PORT" "$CERTS/ca-ec.pem" "$v" "sslrs ($v)"
done
timeout 20 "$BINDIR/client" "$PORT" "$CERTS/ca-ec.pem" tls1.3 quit >/dev/null
wait "$SPID"
SPID=
echo "--- server log"
cat "$TMP/server.log"
