#!/usr/bin/env bash
# Instruction counts under callgrind (deterministic, independent of machine noise) for the
# binaries built by `make bench`: instructions per full handshake, per resumed handshake and per
# MiB transferred, for OpenSSL, sslrs and bare rustls. Only the code inside
# bench_measured_handshake / bench_measured_resumed / bench_measured_transfer is counted (--collect-atstart=no --toggle-collect), so certificate
# loading, context setup and one warm-up unit are excluded. Builds nothing; run from the
# repository root. The table is also written to $BENCH_OUT.
#
#   BENCH_HS_COUNT  handshakes per measured region (default 5)
#   BENCH_MIB       MiB per measured transfer (default 1)
#   BENCH_OUT       build/bench/instructions.txt
set -euo pipefail
cd "$(dirname "$0")/.."

count=${BENCH_HS_COUNT:-5}
mib=${BENCH_MIB:-1}
out=${BENCH_OUT:-build/bench/instructions.txt}
ossl=build/bench/openssl/bench
sslrs=build/bench/sslrs/bench
bare=target/release/examples/bare_rustls
for b in "$ossl" "$sslrs" "$bare"; do
    [ -x "$b" ] || { echo "instructions.sh: $b not built (use make bench-instructions)" >&2; exit 1; }
done
command -v valgrind > /dev/null || { echo "instructions.sh: valgrind not installed" >&2; exit 1; }

dir=build/bench/callgrind
mkdir -p "$dir"

# lib binary function divisor args... -> instructions per unit
measure() {
    local lib=$1 bin=$2 fn=$3 div=$4 name
    shift 4
    name="$lib.$1.${2:-}"
    if ! valgrind --tool=callgrind --collect-atstart=no --toggle-collect="$fn" \
        --callgrind-out-file="$dir/$name.out" "$bin" "$@" > "$dir/$name.stdout" 2> "$dir/$name.log"; then
        echo "instructions.sh: $lib $* failed under callgrind:" >&2; tail -20 "$dir/$name.log" >&2; exit 1
    fi
    local ir
    ir=$(sed -n 's/^==[0-9]*== Collected : *\([0-9]*\).*/\1/p' "$dir/$name.log" | tail -1)
    [ -n "$ir" ] && [ "$ir" -gt 0 ] || { echo "instructions.sh: no events collected for $lib $*" >&2; exit 1; }
    awk -v a="$ir" -v d="$div" 'BEGIN { printf "%.0f\n", a / d }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'; }

rows=()
for kind in tls13-ecdsa tls13-rsa tls12-ecdsa; do
    fn=bench_measured_handshake
    a=$(measure openssl "$ossl" $fn "$count" one-handshake $kind "$count")
    b=$(measure sslrs "$sslrs" $fn "$count" one-handshake $kind "$count")
    c=$(measure bare "$bare" $fn "$count" one-handshake $kind "$count")
    rows+=("handshake $kind|instr/handshake|$a|$b|$c")
done
fn=bench_measured_resumed
for v in tls13 tls12; do
    a=$(measure openssl "$ossl" $fn "$count" one-handshake resume-$v "$count")
    b=$(measure sslrs "$sslrs" $fn "$count" one-handshake resume-$v "$count")
    c=$(measure bare "$bare" $fn "$count" one-handshake resume-$v "$count")
    rows+=("resumed $v-ecdsa|instr/handshake|$a|$b|$c")
done
fn=bench_measured_transfer
a=$(measure openssl "$ossl" $fn "$mib" transfer-1mib "$mib")
b=$(measure sslrs "$sslrs" $fn "$mib" transfer-1mib "$mib")
c=$(measure bare "$bare" $fn "$mib" transfer-1mib "$mib")
rows+=("AES-128-GCM 16 KiB writes|instr/MiB|$a|$b|$c")

{
    echo "sslrs instruction counts (valgrind $(valgrind --version | sed 's/valgrind-//'), callgrind Ir)"
    echo "OpenSSL: $("$ossl" version); sslrs: $("$sslrs" version)"
    echo "handshake = SSL pair + BIO pair, full handshake with verification, 1 byte each way, free;"
    echo "mean over $count handshakes after one warm-up. Resumed: the same offering the previous"
    echo "connection's ticket (checked resumed), close_notify both ways; after one full and one"
    echo "resumed warm-up. Transfer: $mib MiB client -> server."
    echo
    printf '%-26s %-16s %14s %14s %8s %14s %8s\n' what unit OpenSSL sslrs "ss/OSSL" "bare rustls" "ss/bare"
    for r in "${rows[@]}"; do
        IFS='|' read -r what unit a b c <<< "$r"
        printf '%-26s %-16s %14s %14s %8s %14s %8s\n' "$what" "$unit" "$a" "$b" \
            "$(ratio "$b" "$a")" "$c" "$(ratio "$b" "$c")"
    done
    echo
    echo "fewer instructions is better: ss/OSSL < 1 means sslrs executes fewer than OpenSSL;"
    echo "ss/bare - 1 is the compatibility layer's cost over bare rustls (target <= 0.10)."
    echo "callgrind profiles: $dir/*.out (callgrind_annotate)"
} | tee "$out"
