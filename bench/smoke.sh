#!/usr/bin/env bash
# `make test`'s guard against bench rot: runs every benchmark mode once, for a tiny duration,
# on the OpenSSL build, the sslrs build and bare rustls, and checks each printed one number.
# Asserts nothing about speed. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
modes=(hs-tls13-ecdsa hs-tls13-rsa hs-tls12-ecdsa hs-resume-tls13 hs-resume-tls12 hs-mt2
       bulk-aes128-16k bulk-aes256-16k bulk-chacha-16k bulk-aes128-1k bulk-aes256-1k
       bulk-chacha-1k)
kinds=(tls13-ecdsa tls13-rsa tls12-ecdsa resume-tls13 resume-tls12)
bare_modes=("${modes[@]/hs-mt2/}")
n=0
err=$(mktemp)
trap 'rm -f "$err"' EXIT
check() { # label binary args...
    local label=$1 v
    shift
    if ! v=$("$@" 2> "$err") || ! [[ $v =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
        echo "FAIL: bench smoke: $label: $* printed '${v:-}'"; tail -5 "$err"; exit 1
    fi
    n=$((n + 1))
}
for lib in openssl sslrs; do
    b=build/bench/$lib/bench
    [[ $("$b" version) ]] || { echo "FAIL: bench smoke: $b version"; exit 1; }
    for m in "${modes[@]}"; do check "$lib" "$b" "$m" 0.01; done
    check "$lib" "$b" mem 3
    check "$lib" "$b" mem-total 3
    check "$lib" "$b" rss 3
    check "$lib" "$b" rss-idle 3
    for k in "${kinds[@]}"; do check "$lib" "$b" one-handshake "$k" 1; done
    check "$lib" "$b" transfer-1mib 1
done
b=target/release/examples/bare_rustls
for m in "${bare_modes[@]}"; do [ -n "$m" ] || continue; check bare "$b" "$m" 0.01; done
for k in "${kinds[@]}"; do check bare "$b" one-handshake "$k" 1; done
check bare "$b" transfer-1mib 1
# the pass-through cost table: every function gets a number from both builds
fwd=$(BENCH_ROUNDS=1 BENCH_FWD_CALLS=1000 bash bench/forward.sh)
[ "$(echo "$fwd" | awk 'NF == 4 && $2 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/' | wc -l)" -ge 3 ] \
    || { echo "FAIL: bench smoke: bench/forward.sh"; echo "$fwd"; exit 1; }
n=$((n + 2))
echo "ok: bench smoke: $n benchmark runs (OpenSSL, sslrs, bare rustls) each printed a number"
