#!/usr/bin/env bash
# The pass-through backend's added cost per libcrypto-family call: bench/forward_cost.c built
# against OpenSSL and against sslrs -lsslrs -lcrypto, run alternately (BENCH_ROUNDS rounds),
# medians in ns per call and the difference. Builds nothing; run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${BENCH_ROUNDS:-5}
calls=${BENCH_FWD_CALLS:-20000000}
ossl=build/bench/openssl/forward_cost
fwd=build/bench/forward/forward_cost
for b in "$ossl" "$fwd"; do
    [ -x "$b" ] || { echo "forward.sh: $b not built (use make bench)" >&2; exit 1; }
done
grep -q libsslrs <<< "$(ldd "$fwd")" || { echo "forward.sh: $fwd does not load libsslrs" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for r in $(seq "$rounds"); do
    "$ossl" "$calls" >> "$tmp/ossl"
    "$fwd" "$calls" >> "$tmp/fwd"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "== pass-through cost per call (ns, medians of $rounds runs x $calls calls) =="
printf '%-18s %10s %10s %8s\n' function libcrypto via-sslrs added
for f in $(awk '{print $1}' "$tmp/ossl" | sort -u); do
    a=$(awk -v f="$f" '$1==f {print $2}' "$tmp/ossl" | median)
    b=$(awk -v f="$f" '$1==f {print $2}' "$tmp/fwd" | median)
    awk -v f="$f" -v a="$a" -v b="$b" 'BEGIN {printf "%-18s %10.2f %10.2f %+8.2f\n", f, a, b, b - a}'
done
