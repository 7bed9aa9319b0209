#!/usr/bin/env bash
# Interop with independent TLS implementations: GnuTLS (gnutls-cli, gnutls-serv) and tlslite-ng
# (c-tests/tlslite_peer.py), for one build of our interop_client and interop_server.
#   c-tests/interop-peers.sh BINDIR OUTCOMES [REFERENCE]
# Matrix, for each peer: TLS 1.3 and 1.2 x ECDSA and RSA server certificates x without and with
# a client certificate, our client against their server and their client against our server;
# then their refusals, in both directions: wrong CA (the client trusts another CA than the one
# that issued the server's certificate) and no client certificate where the server requires one.
# Each case writes one outcome line to OUTCOMES: our program's exit status and what it printed
# (version, cipher, verify result, how reading ended; for a failure the failing call, its return
# value, SSL_get_error, the verify result and every error-queue entry as library + reason), then
# what the peer reported (its result, the alert it received). With REFERENCE (the OUTCOMES of the
# build against the system OpenSSL) each line must be identical to the reference's line, except
# the accepted differences listed in c-tests/peers-expected-differences.txt (see
# c-tests/KNOWN_DIFFERENCES.md): "LABEL NAME: LINE" expects exactly LINE (and fails when the
# line is OpenSSL's again); "LABEL NAME peer-one-of: R1 || R2" compares our side exactly and
# accepts any of the listed peer reports. LABEL is the build directory's name (sslrs, forward).
# Environment: PEERS_PYTHON (a python with tlslite-ng; default build/peers-venv/bin/python),
# SSLRS_CERTS (cert dir), INTEROP_TIMEOUT (seconds, default 15), INTEROP_KEEP (keep temp files).
# Run from the repository root. Prints "N passed, N failed".
#
# Network: gnutls-serv 3.7.9 cannot bind one address (it listens on 0.0.0.0 and ::), so the
# whole script runs in a private network namespace (unshare -n, needs root) whose only
# interface is loopback: nothing is reachable from outside, and gnutls-serv can use a fixed port.
#
# GnuTLS notes (3.7.9):
#  - a version is forced with a priority string: NORMAL:-VERS-ALL:+VERS-TLS1.3 (or 1.2);
#  - gnutls-cli verifies against --x509cafile only (never the system store then) and checks the
#    name given by --verify-hostname; we connect to 127.0.0.1 and name localhost (--sni-hostname);
#  - gnutls-cli ends the connection when its stdin ends: its stdin stays open until the echo
#    (or a failure) is in its output, else our server's answer can be lost to a reset;
#  - gnutls-serv -r (--require-client-cert) with --verify-client-cert and --x509cafile requires
#    and verifies the client certificate; --http answers a GET with a page and closes with
#    close_notify; it reports a connection (its parameters, or "Error in handshake") a moment
#    after our client has gone: we wait for that line, then kill it;
#  - gnutls-serv refuses a missing client certificate in TLS 1.2 with a decode_error alert
#    (OpenSSL's client sees "tlsv1 alert decode error"), in TLS 1.3 with certificate_required.
set -uo pipefail

BINDIR=${1:?usage: interop-peers.sh BINDIR OUTCOMES [REFERENCE]}
OUTCOMES=${2:?usage: interop-peers.sh BINDIR OUTCOMES [REFERENCE]}
REFERENCE=${3:-}
CLIENT=$BINDIR/interop_client
SERVER=$BINDIR/interop_server
CERTS=${SSLRS_CERTS:-c-tests/certs}
PY=${PEERS_PYTHON:-build/peers-venv/bin/python}
TMO=${INTEROP_TIMEOUT:-15}
EXPECTED=c-tests/peers-expected-differences.txt
LABEL=$(basename "$BINDIR")

if [ -z "${PEERS_IN_NETNS:-}" ]; then
    if ! unshare -n true 2>/dev/null; then
        echo "interop-peers: cannot create a network namespace (unshare -n needs root)" >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
    exec unshare -n env PEERS_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up || { echo "interop-peers: ip link set lo up failed" >&2; echo "0 passed, 1 failed"; exit 1; }

TMP=$(mktemp -d)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    [ -n "${INTEROP_KEEP:-}" ] && echo "temp files: $TMP" >&2 || rm -rf "$TMP"
}
trap cleanup EXIT

passed=0
failed=0
: >"$OUTCOMES"
ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "not ok - $1"; shift; local f; for f in "$@"; do [ -f "$f" ] && sed 's/^/    /' "$f"; done; return 0; }

# wait_for FILE REGEX [SECONDS]: bounded wait (default TMO) until a line matches; prints the
# first match
wait_for() {
    local i
    for ((i = 0; i < ${3:-$TMO} * 20; i++)); do
        if grep -Eq "$2" "$1" 2>/dev/null; then grep -Eo "$2" "$1" | head -1; return 0; fi
        sleep 0.05
    done
    return 1
}

# stop PID: kill it (if still running) and reap it
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# the lines of FILE matching REGEX, joined with " | "
pick() { grep -E "$2" "$1" 2>/dev/null | tr -d '\r' | paste -sd'|' | sed 's/|/ | /g'; }

# the first line of FILE that starts with PREFIX (taken literally)
line_of() { [ -f "$1" ] && awk -v p="$2" 'index($0, p) == 1 { print; exit }' "$1"; }

OURS='^(version|cipher|verify|reply|read-end|fail|error|server): '

# record NAME WANT OURS_RC OURS_FILE PEER_OK PEER_FILE PEER_REGEX: the outcome line and the verdict
record() {
    local name=$1 want=$2 rc=$3 ours=$4 peer_ok=$5 peer=$6 re=$7 line got
    line="$name: rc=$rc | $(pick "$ours" "$OURS") || peer: $(pick "$peer" "$re")"
    echo "$line" >>"$OUTCOMES"
    if [ "$want" = ok ]; then
        [ "$rc" = 0 ] && [ "$peer_ok" = 1 ] || { bad "$name (expected success)" "$ours" "$peer"; return; }
    else
        [ "$rc" != 0 ] && [ "$peer_ok" = 0 ] || { bad "$name (expected a refusal)" "$ours" "$peer"; return; }
    fi
    if [ -n "$REFERENCE" ]; then
        local ref exp
        ref=$(line_of "$REFERENCE" "$name: ")
        exp=$(line_of "$EXPECTED" "$LABEL $name peer-one-of: ")
        if [ -n "$exp" ]; then
            # our side exactly; the peer's report depends on timing here (KNOWN_DIFFERENCES.md):
            # it must be one of the listed reports (separated by " || ")
            [ "${line%% || peer: *}" = "${ref%% || peer: *}" ] || { bad "$name (differs from OpenSSL's outcome on our side)"; printf '    openssl: %s\n    %-7s  %s\n' "$ref" "$LABEL:" "$line"; return; }
            local alts=" || ${exp#"$LABEL $name peer-one-of: "} || "
            [[ "$alts" == *" || ${line#* || peer: } || "* ]] || { bad "$name (the peer's report is not one of those listed in $EXPECTED)"; printf '    got: %s\n' "$line"; return; }
            ok "$name (our side identical; the peer reported one of the listed)"
            return
        fi
        exp=$(line_of "$EXPECTED" "$LABEL $name: ")
        exp=${exp#"$LABEL "}
        if [ -n "$exp" ]; then
            got="accepted difference"
            [ "$line" = "$exp" ] || { bad "$name (listed difference in $EXPECTED)"; printf '    expected: %s\n    got:      %s\n    openssl:  %s\n' "$exp" "$line" "$ref"; return; }
            [ "$line" != "$ref" ] || { bad "$name (listed in $EXPECTED but now identical to OpenSSL's: remove the entry)"; return; }
            ok "$name ($got)"
            return
        fi
        [ "$line" = "$ref" ] || { bad "$name (differs from OpenSSL's outcome)"; printf '    openssl: %s\n    %-7s  %s\n' "$ref" "$LABEL:" "$line"; return; }
    fi
    ok "$name"
}

prio() { echo "NORMAL:-VERS-ALL:+VERS-TLS${1#tls}"; }
GNUTLS_PORT=5556 # private namespace: nothing else listens here

# --- GnuTLS ---------------------------------------------------------------------------------
# our client against gnutls-serv --http
gnutls_serv_case() { # name want version cert key cafile [client-auth: none|require] [client option...]
    local name=$1 want=$2 ver=$3 cert=$4 key=$5 ca=$6 auth=${7:-none} out="$TMP/$1.out" log="$TMP/$1.peer" rc
    shift 7
    local extra=()
    [ "$auth" = require ] && extra=(--require-client-cert --verify-client-cert --x509cafile "$CERTS/ca-ec.pem")
    gnutls-serv --http --port "$GNUTLS_PORT" --priority "$(prio "$ver")" --x509certfile "$CERTS/$cert" \
        --x509keyfile "$CERTS/$key" "${extra[@]}" >"$log" 2>&1 </dev/null &
    local spid=$!
    PIDS+=("$spid")
    if ! wait_for "$log" 'listening on IPv4' >/dev/null; then
        stop "$spid"
        bad "$name (gnutls-serv did not start)" "$log"
        return
    fi
    timeout "$TMO" "$CLIENT" localhost "$GNUTLS_PORT" "$CERTS/$ca" "$ver" "$@" >"$out" 2>"$out.err"
    rc=$?
    # gnutls-serv reports the connection's end after our client has gone: wait for it
    wait_for "$log" '^(- Description|Error in handshake)' 5 >/dev/null
    stop "$spid"
    local peer_ok=0
    grep -q '^- Description' "$log" && ! grep -q '^Error in handshake' "$log" && peer_ok=1
    record "$name" "$want" "$rc" "$out" "$peer_ok" "$log" '^(- Description|Error in handshake)'
}

# gnutls-cli against our server
gnutls_cli_case() { # name want version cert key cafile [server option...] -- [gnutls-cli option...]
    local name=$1 want=$2 ver=$3 cert=$4 key=$5 ca=$6 out="$TMP/$1.peer" log="$TMP/$1.out" rc port
    shift 6
    local sopts=() copts=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do sopts+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    copts=("$@")
    timeout "$TMO" "$SERVER" "$CERTS/$cert" "$CERTS/$key" "$ver" "${sopts[@]}" >"$log" 2>"$log.err" &
    local spid=$!
    PIDS+=("$spid")
    if ! port=$(wait_for "$log" '^PORT [0-9]+' | sed 's/PORT //'); then
        stop "$spid"
        bad "$name (our server did not start)" "$log" "$log.err"
        return
    fi
    : >"$out"
    # (a refusal is expected: nothing is sent, else the server's close can be a reset that
    # hides its alert from gnutls-cli)
    local line='hello interop\n'
    [ "$want" = fail ] && line=
    { printf "$line"; wait_for "$out" '^(echo: |\*\*\* )' >/dev/null; } |
        timeout "$TMO" gnutls-cli --x509cafile "$CERTS/$ca" --verify-hostname localhost --sni-hostname localhost \
            --priority "$(prio "$ver")" -p "$port" "${copts[@]}" 127.0.0.1 >"$out" 2>&1
    local crc=$?
    wait "$spid"
    rc=$?
    cat "$log.err" >>"$log"
    local peer_ok=0
    [ "$crc" = 0 ] && grep -q '^echo: hello interop' "$out" && peer_ok=1
    record "$name" "$want" "$rc" "$log" "$peer_ok" "$out" '^(- Description|echo: |\*\*\* (Received alert|PKI verification))'
}

# --- tlslite-ng -----------------------------------------------------------------------------
# our client against tlslite_peer.py server
tlslite_serv_case() { # name want version cert key cafile [client-ca-for-server|-] [client option...]
    local name=$1 want=$2 ver=$3 cert=$4 key=$5 ca=$6 req=${7:--} out="$TMP/$1.out" log="$TMP/$1.peer" rc port
    shift 7
    local sargs=("$CERTS/$cert" "$CERTS/$key" "$ver")
    [ "$req" != - ] && sargs+=("$CERTS/$req")
    timeout "$TMO" "$PY" c-tests/tlslite_peer.py server "${sargs[@]}" >"$log" 2>&1 &
    local spid=$!
    PIDS+=("$spid")
    if ! port=$(wait_for "$log" '^PORT [0-9]+' | sed 's/PORT //'); then
        stop "$spid"
        bad "$name (tlslite-ng server did not start)" "$log"
        return
    fi
    timeout "$TMO" "$CLIENT" localhost "$port" "$CERTS/$ca" "$ver" "$@" >"$out" 2>"$out.err"
    rc=$?
    wait "$spid"
    local peer_ok=0
    grep -q '^peer: ok' "$log" && peer_ok=1
    record "$name" "$want" "$rc" "$out" "$peer_ok" "$log" '^peer: '
}

# tlslite_peer.py client against our server
tlslite_cli_case() { # name want version cert key cafile [server option...] -- [client cert key]
    local name=$1 want=$2 ver=$3 cert=$4 key=$5 ca=$6 out="$TMP/$1.peer" log="$TMP/$1.out" rc port
    shift 6
    local sopts=() copts=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do sopts+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    copts=("$@")
    timeout "$TMO" "$SERVER" "$CERTS/$cert" "$CERTS/$key" "$ver" "${sopts[@]}" >"$log" 2>"$log.err" &
    local spid=$!
    PIDS+=("$spid")
    if ! port=$(wait_for "$log" '^PORT [0-9]+' | sed 's/PORT //'); then
        stop "$spid"
        bad "$name (our server did not start)" "$log" "$log.err"
        return
    fi
    timeout "$TMO" "$PY" c-tests/tlslite_peer.py client "$port" "$CERTS/$ca" "$ver" "${copts[@]}" >"$out" 2>&1
    wait "$spid"
    rc=$?
    cat "$log.err" >>"$log"
    local peer_ok=0
    grep -q '^peer: ok' "$out" && grep -q '^echo: hello interop' "$out" && peer_ok=1
    record "$name" "$want" "$rc" "$log" "$peer_ok" "$out" '^(peer|echo): '
}

CLIENT_CERT=("cert=$CERTS/client.pem" "key=$CERTS/client.key")
for v in tls1.3 tls1.2; do
    for k in ecdsa rsa; do
        kk=ec
        [ "$k" = rsa ] && kk=rsa
        s=server-$kk.pem sk=server-$kk.key ca=ca-$kk.pem
        # our client against their servers, without and with a client certificate
        gnutls_serv_case "gnutls-serv-$v-$k" ok "$v" "$s" "$sk" "$ca" none
        gnutls_serv_case "gnutls-serv-$v-$k-client-cert" ok "$v" "$s" "$sk" "$ca" require "${CLIENT_CERT[@]}"
        tlslite_serv_case "tlslite-serv-$v-$k" ok "$v" "$s" "$sk" "$ca" -
        tlslite_serv_case "tlslite-serv-$v-$k-client-cert" ok "$v" "$s" "$sk" "$ca" ca-ec.pem "${CLIENT_CERT[@]}"
        # their clients against our server, without and with a client certificate
        gnutls_cli_case "gnutls-cli-$v-$k" ok "$v" "$s" "$sk" "$ca"
        gnutls_cli_case "gnutls-cli-$v-$k-client-cert" ok "$v" "$s" "$sk" "$ca" "verify=$CERTS/ca-ec.pem" -- \
            --x509certfile "$CERTS/client.pem" --x509keyfile "$CERTS/client.key"
        tlslite_cli_case "tlslite-cli-$v-$k" ok "$v" "$s" "$sk" "$ca"
        tlslite_cli_case "tlslite-cli-$v-$k-client-cert" ok "$v" "$s" "$sk" "$ca" "verify=$CERTS/ca-ec.pem" -- \
            "$CERTS/client.pem" "$CERTS/client.key"
    done
    # refusals: wrong CA (server-ec.pem is issued by ca-ec; the client trusts ca-rsa only)
    gnutls_serv_case "gnutls-serv-$v-wrong-ca" fail "$v" server-ec.pem server-ec.key ca-rsa.pem none
    tlslite_serv_case "tlslite-serv-$v-wrong-ca" fail "$v" server-ec.pem server-ec.key ca-rsa.pem -
    gnutls_cli_case "gnutls-cli-$v-wrong-ca" fail "$v" server-ec.pem server-ec.key ca-rsa.pem
    tlslite_cli_case "tlslite-cli-$v-wrong-ca" fail "$v" server-ec.pem server-ec.key ca-rsa.pem
    # refusals: the server requires a client certificate, the client has none
    # (our client reads first: in TLS 1.3 the refusal comes after its handshake, and a request
    # sent meanwhile can make the server's close a reset that hides the alert, on either build)
    gnutls_serv_case "gnutls-serv-$v-no-client-cert" fail "$v" server-ec.pem server-ec.key ca-ec.pem require readfirst
    tlslite_serv_case "tlslite-serv-$v-no-client-cert" fail "$v" server-ec.pem server-ec.key ca-ec.pem ca-ec.pem readfirst
    gnutls_cli_case "gnutls-cli-$v-no-client-cert" fail "$v" server-ec.pem server-ec.key ca-ec.pem "verify=$CERTS/ca-ec.pem"
    tlslite_cli_case "tlslite-cli-$v-no-client-cert" fail "$v" server-ec.pem server-ec.key ca-ec.pem "verify=$CERTS/ca-ec.pem" \
        -- - - readfirst
done

# every listed difference for this build must have been seen
if [ -n "$REFERENCE" ] && [ -f "$EXPECTED" ]; then
    while IFS= read -r entry; do
        case "$entry" in "$LABEL "*) ;; *) continue ;; esac
        n=${entry#"$LABEL "}; n=${n%%: *}; n=${n% peer-one-of}
        [ -n "$(line_of "$OUTCOMES" "$n: ")" ] || bad "$n (listed in $EXPECTED but not run)"
    done <"$EXPECTED"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
