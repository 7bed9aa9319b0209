#!/usr/bin/env bash
# Interop between our C programs and the openssl CLI, over 127.0.0.1 only.
#   c-tests/interop.sh [BINDIR]
# BINDIR holds interop_client and interop_server (default: $INTEROP_BINDIR,
# else build/c-tests-openssl); or set INTEROP_CLIENT / INTEROP_SERVER.
# OPENSSL: the CLI to talk to (default openssl). SSLRS_CERTS: cert dir.
# WRAP: optional prefix for our binaries (e.g. "valgrind -q --error-exitcode=1").
# Run from the repository root. Prints "N passed, N failed".
set -euo pipefail

BINDIR=${1:-${INTEROP_BINDIR:-build/c-tests-openssl}}
CLIENT=${INTEROP_CLIENT:-$BINDIR/interop_client}
SERVER=${INTEROP_SERVER:-$BINDIR/interop_server}
OPENSSL=${OPENSSL:-openssl}
CERTS=${SSLRS_CERTS:-c-tests/certs}
WRAP=${WRAP:-}
TMO=${INTEROP_TIMEOUT:-20}

TMP=${INTEROP_TMP:-$(mktemp -d)}
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    [ -n "${INTEROP_KEEP:-}" ] || rm -rf "$TMP"
}
trap cleanup EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1" >&2; }
bad() { failed=$((failed + 1)); echo "not ok - $1" >&2; [ -f "$2" ] && sed 's/^/    /' "$2" >&2; return 0; }

# wait_for FILE REGEX: bounded wait until a line matches; prints the match
wait_for() {
    local i
    for i in $(seq 1 100); do
        if grep -Eo "$2" "$1" 2>/dev/null | head -1 | grep -q .; then
            grep -Eo "$2" "$1" | head -1
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# Extra arguments for the next call of the functions below: to the server (openssl s_server
# or ours) and to the client (ours or openssl s_client).
SRV_EXTRA=()
CLI_EXTRA=()

# our client against openssl s_server -www
client_vs_s_server() { # name cert key cafile host version expect-success
    local name=$1 cert=$2 key=$3 ca=$4 host=$5 ver=$6 want=$7 port out="$TMP/$1.out" log="$TMP/$1.srv"
    local flag=-tls1_3
    [ "$ver" = tls1.2 ] && flag=-tls1_2
    "$OPENSSL" s_server -accept 127.0.0.1:0 -cert "$CERTS/$cert" -key "$CERTS/$key" -www \
        -naccept 1 "$flag" "${SRV_EXTRA[@]}" >"$log" 2>&1 </dev/null &
    PIDS+=($!)
    local spid=$!
    if ! port=$(wait_for "$log" 'ACCEPT 127\.0\.0\.1:[0-9]+' | sed 's/.*://'); then
        bad "$name (s_server did not start)" "$log"
        return
    fi
    if timeout "$TMO" $WRAP "$CLIENT" "$host" "$port" "$CERTS/$ca" "$ver" "${CLI_EXTRA[@]}" \
        >"$out" 2>&1; then
        if [ "$want" = ok ] && grep -q "^version: TLSv${ver#tls}$" "$out" \
            && grep -q '^reply: HTTP/1.0 200 ok' "$out" && grep -q '^verify: 0$' "$out"; then
            ok "$name"
        else
            bad "$name" "$out"
        fi
    else
        if [ "$want" = fail ]; then ok "$name"; else bad "$name" "$out"; fi
    fi
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
}

# openssl s_client against our server
s_client_vs_server() { # name cert key version [expect-success]
    local name=$1 cert=$2 key=$3 ver=$4 want=${5:-ok} port out="$TMP/$1.out" log="$TMP/$1.srv"
    local flag=-tls1_3
    [ "$ver" = tls1.2 ] && flag=-tls1_2
    timeout "$TMO" $WRAP "$SERVER" "$CERTS/$cert" "$CERTS/$key" "$ver" "${SRV_EXTRA[@]}" >"$log" 2>&1 &
    PIDS+=($!)
    local spid=$!
    if ! port=$(wait_for "$log" 'PORT [0-9]+' | sed 's/PORT //'); then
        bad "$name (server did not start)" "$log"
        return
    fi
    if printf 'hello interop\n' | timeout "$TMO" "$OPENSSL" s_client -connect "127.0.0.1:$port" \
        -CAfile "$CERTS/ca-bundle.pem" -verify_return_error -verify_hostname localhost \
        -servername localhost "$flag" -quiet "${CLI_EXTRA[@]}" >"$out" 2>&1 \
        && grep -q '^echo: hello interop$' "$out" && wait "$spid"; then
        if [ "$want" = ok ]; then ok "$name"; else bad "$name" "$out"; fi
    elif [ "$want" = fail ]; then
        ok "$name"
    else
        cat "$log" >>"$out"
        bad "$name" "$out"
    fi
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
}

# Protocol features against s_server: ALPN, SNI (a second certificate), resumption inside one
# client process (SSL_get1_session/SSL_set_session), key logging (both ends log the same lines).
client_features() { # name version
    local name=$1 ver=$2 flag=-tls1_3 port out="$TMP/$1.out" log="$TMP/$1.srv"
    [ "$ver" = tls1.2 ] && flag=-tls1_2
    rm -f "$TMP/$name.ours.keys" "$TMP/$name.theirs.keys"
    "$OPENSSL" s_server -accept 127.0.0.1:0 -cert "$CERTS/server-ec.pem" -key "$CERTS/server-ec.key" \
        -servername other.example -cert2 "$CERTS/server-other.pem" -key2 "$CERTS/server-other.key" \
        -alpn h2,http/1.1 -keylogfile "$TMP/$name.theirs.keys" -www -naccept 3 "$flag" \
        >"$log" 2>&1 </dev/null &
    PIDS+=($!)
    local spid=$!
    if ! port=$(wait_for "$log" 'ACCEPT 127\.0\.0\.1:[0-9]+' | sed 's/.*://'); then
        bad "$name (s_server did not start)" "$log"
        return
    fi
    # First connection asks for other.example (s_server switches to -cert2; its ALPN settings
    # stay with the first context, as OpenSSL's do), the second resumes with SNI localhost.
    if timeout "$TMO" $WRAP "$CLIENT" localhost "$port" "$CERTS/ca-ec.pem" "$ver" \
        alpn=http/1.1 keylog="$TMP/$name.ours.keys" reconnect >"$out" 2>&1 \
        && timeout "$TMO" $WRAP "$CLIENT" other.example "$port" "$CERTS/ca-ec.pem" "$ver" \
            servername=other.example >>"$out" 2>&1 \
        && [ "$(grep -c "^version: TLSv${ver#tls}$" "$out")" = 3 ] \
        && [ "$(grep -c '^peer: /O=sslrs test/CN=localhost$' "$out")" = 2 ] \
        && [ "$(grep -c '^peer: /O=sslrs test/CN=other.example$' "$out")" = 1 ] \
        && [ "$(grep -c '^alpn: http/1.1$' "$out")" = 2 ] \
        && grep -q '^reused: 0$' "$out" && grep -q '^reused: 1$' "$out" \
        && [ "$(grep -c '^reply: HTTP/1.0 200 ok' "$out")" = 3 ] \
        && wait "$spid" \
        && [ -s "$TMP/$name.ours.keys" ] \
        && diff <(sort "$TMP/$name.ours.keys") <(grep -v '^#' "$TMP/$name.theirs.keys" | sort) >>"$out"; then
        ok "$name"
    else
        bad "$name" "$out"
    fi
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
}

# s_client against our server: ALPN, SNI switching, resumption across two s_client processes
# (-sess_out / -sess_in), key logging (identical lines on both ends).
s_client_features() { # name version
    local name=$1 ver=$2 flag=-tls1_3 port out="$TMP/$1.out" log="$TMP/$1.srv"
    [ "$ver" = tls1.2 ] && flag=-tls1_2
    rm -f "$TMP/$name.ours.keys" "$TMP/$name.theirs.keys" "$TMP/$name.sess"
    timeout "$TMO" $WRAP "$SERVER" "$CERTS/server-ec-chain.pem" "$CERTS/server-ec.key" "$ver" \
        alpn=h2,http/1.1 "sni=other.example:$CERTS/server-other.pem:$CERTS/server-other.key" \
        keylog="$TMP/$name.ours.keys" naccept=2 >"$log" 2>&1 &
    PIDS+=($!)
    local spid=$!
    if ! port=$(wait_for "$log" 'PORT [0-9]+' | sed 's/PORT //'); then
        bad "$name (server did not start)" "$log"
        return
    fi
    local args=(-connect "127.0.0.1:$port" -CAfile "$CERTS/ca-bundle.pem" -verify_return_error
        -verify_hostname other.example -servername other.example -alpn h2 "$flag" -ign_eof)
    if printf 'one\n' | timeout "$TMO" "$OPENSSL" s_client "${args[@]}" -sess_out "$TMP/$name.sess" \
            -keylogfile "$TMP/$name.theirs.keys" >"$out" 2>&1 \
        && printf 'two\n' | timeout "$TMO" "$OPENSSL" s_client "${args[@]}" -sess_in "$TMP/$name.sess" \
            -keylogfile "$TMP/$name.theirs.keys" >>"$out" 2>&1 \
        && grep -q "^New, TLSv${ver#tls}," "$out" && grep -q "^Reused, TLSv${ver#tls}," "$out" \
        && [ "$(grep -c '^ALPN protocol: h2$' "$out")" = 2 ] \
        && [ "$(grep -c '^subject=O = sslrs test, CN = other.example$' "$out")" -ge 1 ] \
        && grep -q '^echo: one$' "$out" && grep -q '^echo: two$' "$out" && wait "$spid" \
        && grep -q 'reused=0 alpn=h2 sni=other.example' "$log" \
        && grep -q 'reused=1 alpn=h2 sni=other.example' "$log" \
        && [ -s "$TMP/$name.ours.keys" ] \
        && diff <(sort "$TMP/$name.ours.keys") <(grep -v '^#' "$TMP/$name.theirs.keys" | sort) >>"$out"; then
        ok "$name"
    else
        cat "$log" >>"$out"
        bad "$name" "$out"
    fi
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
}

for v in tls1.3 tls1.2; do
    client_vs_s_server "client-$v-ecdsa" server-ec.pem server-ec.key ca-ec.pem localhost "$v" ok
    client_vs_s_server "client-$v-rsa" server-rsa.pem server-rsa.key ca-rsa.pem localhost "$v" ok
    client_vs_s_server "client-$v-ip" server-ec.pem server-ec.key ca-ec.pem 127.0.0.1 "$v" ok
    client_vs_s_server "client-$v-untrusted" server-ec.pem server-ec.key ca-rsa.pem localhost "$v" fail
    s_client_vs_server "server-$v-ecdsa" server-ec-chain.pem server-ec.key "$v"
    s_client_vs_server "server-$v-rsa" server-rsa.pem server-rsa.key "$v"
    # encrypted keys, the password from the server's callback: PKCS#8 PBES2 and legacy PEM
    INTEROP_KEY_PASS=secret s_client_vs_server "server-$v-enc-key-pkcs8" server-ec-chain.pem \
        server-ec-enc-aes256.key "$v"
    INTEROP_KEY_PASS=secret s_client_vs_server "server-$v-enc-key-legacy" server-rsa.pem \
        server-rsa-enc-legacy.key "$v"
    client_features "client-$v-features" "$v"
    s_client_features "server-$v-features" "$v"
    # certificates: client authentication both ways, a chain with an intermediate, a CRL
    SRV_EXTRA=(-Verify 1 -CAfile "$CERTS/ca-ec.pem" -verify_return_error)
    CLI_EXTRA=("cert=$CERTS/client.pem" "key=$CERTS/client.key")
    client_vs_s_server "client-$v-client-cert" server-ec.pem server-ec.key ca-ec.pem localhost "$v" ok
    CLI_EXTRA=()
    client_vs_s_server "client-$v-no-client-cert" server-ec.pem server-ec.key ca-ec.pem localhost "$v" fail
    SRV_EXTRA=("verify=$CERTS/ca-ec.pem")
    CLI_EXTRA=(-cert "$CERTS/client.pem" -key "$CERTS/client.key")
    s_client_vs_server "server-$v-client-cert" server-ec-chain.pem server-ec.key "$v"
    CLI_EXTRA=()
    s_client_vs_server "server-$v-no-client-cert" server-ec-chain.pem server-ec.key "$v" fail
    SRV_EXTRA=(-cert_chain "$CERTS/int-ca.pem")
    client_vs_s_server "client-$v-intermediate" server-int.pem server-int.key ca-ec.pem localhost "$v" ok
    SRV_EXTRA=()
    s_client_vs_server "server-$v-intermediate" server-int-chain.pem server-int.key "$v"
    CLI_EXTRA=(crlcheck)
    client_vs_s_server "client-$v-revoked" revoked.pem revoked.key ca-ec-with-crl.pem localhost "$v" fail
    client_vs_s_server "client-$v-crl-good" server-ec.pem server-ec.key ca-ec-with-crl.pem localhost "$v" ok
    CLI_EXTRA=()
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
