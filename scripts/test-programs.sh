#!/usr/bin/env bash
# Real programs under LD_PRELOAD=build/libsslrs.so against a plain `openssl s_server` on
# 127.0.0.1 (the peer is never preloaded). Before each check: the program's libssl imports are
# all defined by sslrs. Prints one line per check and "N passed, N failed, N expected-to-fail".
# Expected failures are listed (with what they wait for) in programs/expected-failures.txt.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$ROOT/build/libsslrs.so
CERTS=$ROOT/c-tests/certs
OUT=${1:-$ROOT/build/results/programs.txt}
LOGS=$ROOT/build/programs; mkdir -p "$LOGS" "$(dirname "$OUT")"
XFAIL=$ROOT/programs/expected-failures.txt
# SSLRS_PROGRAMS_BASELINE=1: the same checks on plain OpenSSL (proves the checks are right).
PRELOAD=$LIB; [ "${SSLRS_PROGRAMS_BASELINE:-0}" = 1 ] && PRELOAD=
pass=0; fail=0; xfail=0; xpass=0; pids=()
tmpdirs=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    for d in "${tmpdirs[@]}"; do rm -rf "$d"; done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { # port: bounded wait until something listens
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }
expected() { [ -f "$XFAIL" ] && grep -q "^$1 " "$XFAIL"; }
imports_ok() { # binary-or-library...: every libssl function it imports is defined by sslrs
    local miss
    miss=$(for b in "$@"; do nm -D --undefined-only "$b" 2>/dev/null; done | awk '{print $2}' | sed 's/@.*//' |
        sort -u | comm -12 - <(grep -v '^#' "$ROOT/ffi-shim/libssl-3.0-exports.txt" | sort) |
        comm -23 - <(nm -D --defined-only "$LIB" | awk '{print $3}' | sed 's/@.*//' | sort -u))
    [ -z "$miss" ] || { echo "missing: $miss"; return 1; }
}
check() { # name, expected exit code, command...: runs the command preloaded (bounded)
    local name=$1 want=$2; shift 2
    local log=$LOGS/$name.log rc
    timeout 20 env LD_PRELOAD="$PRELOAD" "$@" >"$log" 2>&1 </dev/null; rc=$?
    # The preload took: sslrs announced itself in the process (its symbol resolved).
    if [ "$rc" = "$want" ] && grep -q "${MUST:-}" "$log"; then
        if expected "$name"; then echo "XPASS $name"; xpass=$((xpass+1)); else echo "PASS  $name"; pass=$((pass+1)); fi
    elif expected "$name"; then echo "XFAIL $name — $(grep "^$name " "$XFAIL" | cut -d' ' -f2-)"; xfail=$((xfail+1))
    else echo "FAIL  $name (exit $rc, want $want; log $log)"; tail -3 "$log" | sed 's/^/      /'; fail=$((fail+1)); fi
}

# The preload must reach the program: a dynamically linked binary maps libsslrs.
if ! LD_PRELOAD=$LIB grep -q libsslrs /proc/self/maps; then echo "FAIL preload does not take"; exit 1; fi

PORT=$(free_port)
openssl s_server -accept 127.0.0.1:"$PORT" -cert "$CERTS/server-ec.pem" -key "$CERTS/server-ec.key" \
    -www -quiet >"$LOGS/s_server.log" 2>&1 & pids+=($!)
RPORT=$(free_port)
openssl s_server -accept 127.0.0.1:"$RPORT" -cert "$CERTS/server-rsa.pem" -key "$CERTS/server-rsa.key" \
    -www -quiet >"$LOGS/s_server-rsa.log" 2>&1 & pids+=($!)
wait_port "$PORT" && wait_port "$RPORT" || { echo "FAIL s_server did not start"; exit 1; }

CURL_LIBS=(/usr/bin/curl "$(ldd /usr/bin/curl | awk '/libcurl/ {print $3}')")
if imports_ok "${CURL_LIBS[@]}"; then
    MUST="s_server" check curl-tls13-ecdsa 0 curl -sS --tlsv1.3 --cacert "$CERTS/ca-ec.pem" "https://localhost:$PORT/"
    MUST="s_server" check curl-tls12-ecdsa 0 curl -sS --tlsv1.2 --tls-max 1.2 --cacert "$CERTS/ca-ec.pem" "https://localhost:$PORT/"
    MUST="s_server" check curl-tls13-rsa 0 curl -sS --cacert "$CERTS/ca-rsa.pem" "https://localhost:$RPORT/"
    MUST="certificate problem" check curl-wrong-ca 60 curl -sS --cacert "$CERTS/ca-rsa.pem" "https://localhost:$PORT/"
    MUST="subject name" check curl-wrong-host 60 curl -sS --cacert "$CERTS/ca-ec.pem" \
        --resolve "wrong.example:$PORT:127.0.0.1" "https://wrong.example:$PORT/"
    # The two ways the README gives: the with-sslrs wrapper, and libssl.so.3 -> libsslrs on
    # LD_LIBRARY_PATH (the system libssl is then not loaded at all).
    if [ -z "$PRELOAD" ]; then :; else
        PRELOAD= MUST="s_server" check curl-with-sslrs 0 "$ROOT/build/with-sslrs" curl -sS \
            --cacert "$CERTS/ca-ec.pem" "https://127.0.0.1:$PORT/"
        PRELOAD= MUST="s_server" check curl-ld-library-path 0 env LD_LIBRARY_PATH="$ROOT/build/compat" \
            curl -sS --cacert "$CERTS/ca-ec.pem" "https://127.0.0.1:$PORT/"
    fi
else
    echo "FAIL  curl (imports)"; fail=$((fail+1))
fi
if imports_ok /usr/bin/openssl; then
    MUST="Verify return code: 0" check s_client-verify-ok 0 openssl s_client -connect "127.0.0.1:$PORT" \
        -CAfile "$CERTS/ca-ec.pem" -verify_return_error -servername localhost
    MUST="Verify return code: 20" check s_client-verify-unknown-ca 1 openssl s_client -connect "127.0.0.1:$PORT" \
        -CAfile "$CERTS/ca-rsa.pem" -verify_return_error -servername localhost
else
    echo "FAIL  openssl (imports)"; fail=$((fail+1))
fi
PY=/usr/bin/python3
PYSSL=$($PY -c 'import _ssl; print(_ssl.__file__)' 2>/dev/null)
if [ -n "$PYSSL" ] && imports_ok "$PYSSL"; then
    MUST="200 TLSv1.3" check python-urllib 0 $PY -c "
import ssl, urllib.request
ctx = ssl.create_default_context(cafile='$CERTS/ca-ec.pem')
r = urllib.request.urlopen('https://localhost:$PORT/', context=ctx, timeout=10)
print(r.status, 'TLSv1.3' if b's_server' in r.read() else '?')"
    MUST="Hostname mismatch" check python-wrong-host 0 $PY -c "
import ssl, socket
ctx = ssl.create_default_context(cafile='$CERTS/ca-ec.pem')
s = socket.create_connection(('127.0.0.1', $PORT))
try:
    ctx.wrap_socket(s, server_hostname='wrong.example')
except ssl.SSLCertVerificationError as e:
    print(e)"
else
    echo "FAIL  python3 (imports)"; fail=$((fail+1))
fi

# nginx as the TLS server under sslrs (the clients are plain curl / openssl).
if command -v nginx >/dev/null && imports_ok "$(command -v nginx)"; then
    NG=$(mktemp -d); tmpdirs+=("$NG"); NPORT=$(free_port)
    cat >"$NG/nginx.conf" <<NGX
daemon off; master_process off; worker_processes 1; pid $NG/nginx.pid; error_log $NG/error.log info;
events { worker_connections 64; }
http { access_log off; client_body_temp_path $NG; proxy_temp_path $NG; fastcgi_temp_path $NG;
  uwsgi_temp_path $NG; scgi_temp_path $NG;
  server { listen 127.0.0.1:$NPORT ssl http2; server_name localhost;
    ssl_certificate $CERTS/server-ec.pem; ssl_certificate_key $CERTS/server-ec.key;
    location / { return 200 "hello from nginx\n"; } }
  server { listen 127.0.0.1:$NPORT ssl; server_name other.example;
    ssl_certificate $CERTS/server-other.pem; ssl_certificate_key $CERTS/server-other.key;
    location / { return 200 "other server\n"; } }
}
NGX
    LD_PRELOAD=$PRELOAD timeout 60 nginx -p "$NG" -c "$NG/nginx.conf" >"$LOGS/nginx.log" 2>&1 & pids+=($!)
    NGPID=$!
    if wait_port "$NPORT"; then
        if [ -n "$PRELOAD" ] && ! grep -q libsslrs "/proc/$NGPID/maps"; then echo "FAIL  nginx: preload did not take"; fail=$((fail+1)); fi
        # The server is the program under test: the clients run plain (no preload).
        PRELOAD= MUST="hello from nginx" check nginx-http11 0 curl -sS --http1.1 --cacert "$CERTS/ca-ec.pem" "https://localhost:$NPORT/"
        PRELOAD= MUST="^2" check nginx-http2-alpn 0 curl -sS --http2 -o /dev/null -w "%{http_version}\n" \
            --cacert "$CERTS/ca-ec.pem" "https://localhost:$NPORT/"
        PRELOAD= MUST="other server" check nginx-sni-second-server 0 curl -sS --cacert "$CERTS/ca-ec.pem" \
            --resolve "other.example:$NPORT:127.0.0.1" "https://other.example:$NPORT/"
    else
        echo "FAIL  nginx did not start (log $LOGS/nginx.log)"; tail -3 "$LOGS/nginx.log"; fail=$((fail+1))
    fi
else
    echo "FAIL  nginx (not installed or imports)"; fail=$((fail+1))
fi

# socat as a TLS client (OPENSSL: address), verifying against our CA.
if command -v socat >/dev/null && imports_ok "$(command -v socat)"; then
    SOCAT_GET=$(printf 'GET / HTTP/1.0\r\n\r\n')
    MUST="200 ok" check socat-client 0 sh -c "printf '%s' '$SOCAT_GET' | socat - \
        OPENSSL:127.0.0.1:$PORT,cafile=$CERTS/ca-ec.pem,commonname=localhost"
    MUST="certificate verify failed" check socat-client-wrong-ca 1 sh -c "printf '%s' '$SOCAT_GET' | socat - \
        OPENSSL:127.0.0.1:$PORT,cafile=$CERTS/ca-rsa.pem,commonname=localhost"
else
    echo "FAIL  socat (not installed or imports)"; fail=$((fail+1))
fi

# haproxy terminating TLS (HTTP/1.1 and h2 by ALPN) in front of a plain Python HTTP backend.
if command -v haproxy >/dev/null && imports_ok "$(command -v haproxy)"; then
    HA=$(mktemp -d); tmpdirs+=("$HA"); BPORT=$(free_port); HPORT=$(free_port)
    mkdir -p "$HA/www"; echo "haproxy backend page" >"$HA/www/index.html"
    cat "$CERTS/server-ec.pem" "$CERTS/server-ec.key" >"$HA/crt.pem"
    (cd "$HA/www" && exec /usr/bin/python3 -m http.server "$BPORT" --bind 127.0.0.1) >"$LOGS/backend.log" 2>&1 &
    pids+=($!)
    cat >"$HA/haproxy.cfg" <<HAP
defaults
  mode http
  timeout connect 5s
  timeout client 10s
  timeout server 10s
frontend fe
  bind 127.0.0.1:$HPORT ssl crt $HA/crt.pem alpn h2,http/1.1
  default_backend be
backend be
  server s1 127.0.0.1:$BPORT
HAP
    LD_PRELOAD=$PRELOAD timeout 60 haproxy -db -f "$HA/haproxy.cfg" >"$LOGS/haproxy.log" 2>&1 & pids+=($!)
    HAPID=$!
    if wait_port "$HPORT" && wait_port "$BPORT"; then
        if [ -n "$PRELOAD" ] && ! grep -q libsslrs "/proc/$HAPID/maps"; then echo "FAIL  haproxy: preload did not take"; fail=$((fail+1)); fi
        PRELOAD= MUST="haproxy backend page" check haproxy-http11 0 curl -sS --http1.1 --cacert "$CERTS/ca-ec.pem" \
            "https://localhost:$HPORT/"
        PRELOAD= MUST="^2" check haproxy-h2-alpn 0 curl -sS --http2 -o /dev/null -w "%{http_version}\n" \
            --cacert "$CERTS/ca-ec.pem" "https://localhost:$HPORT/"
    else
        echo "FAIL  haproxy did not start (log $LOGS/haproxy.log)"; fail=$((fail+1))
    fi
else
    echo "FAIL  haproxy (not installed or imports)"; fail=$((fail+1))
fi

line="$pass passed, $fail failed, $xfail expected-to-fail"
[ "$xpass" -gt 0 ] && line="$line, $xpass unexpectedly passed (promote them)"
echo "$line"
echo "programs $pass $fail" >"$OUT"
[ "$fail" -eq 0 ]
