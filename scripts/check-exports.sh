#!/usr/bin/env bash
# Every one of libssl.so.3's 518 exports (ffi-shim/libssl-3.0-exports.txt) is defined by
# build/libsslrs.so at version OPENSSL_3.0.0, and the clean-failure stubs are current.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/build/results/exports.txt}
want=$(grep -v '^#' "$ROOT/ffi-shim/libssl-3.0-exports.txt" | sort -u)
have=$(nm -D --defined-only "$ROOT/build/libsslrs.so" | awk '$3 ~ /@@OPENSSL_3.0.0$/ {sub(/@.*/, "", $3); print $3}' | sort -u)
missing=$(comm -23 <(echo "$want") <(echo "$have"))
n=$(echo "$want" | wc -l); m=$(echo -n "$missing" | grep -c . || true)
fail=0
if [ "$m" -gt 0 ]; then echo "FAIL exports: $m of $n libssl functions missing: $missing"; fail=1
else echo "ok    exports: all $n libssl.so.3 functions defined @@OPENSSL_3.0.0"; fi
if ! python3 "$ROOT/scripts/gen-stubs.py" --check; then fail=$((fail + 1)); fi
if ! python3 "$ROOT/scripts/gen-matrix.py" --check; then fail=$((fail + 1)); fi
echo "exports $((3 - fail)) $fail" > "$OUT"
[ "$fail" -eq 0 ]
