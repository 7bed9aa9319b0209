#!/usr/bin/env bash
# Prints the per-build totals written by run-c-tests.sh, then the grand total as the last line
# ("N passed, N failed"). Exits 1 when anything failed or a build's results are missing.
set -euo pipefail
dir=$1
tp=0 tf=0 missing=0
echo "== summary =="
for b in openssl sslrs interop-openssl interop-sslrs peers-openssl peers-sslrs peers-forward valgrind asan install exports forward valgrind-forward passthrough-asan preload sweep sweep-forward fuzz-replay fuzz-replay-forward fuzz-replay-asan programs python tsan; do
    if [ -f "$dir/$b.txt" ]; then
        read -r label p f < "$dir/$b.txt"
        printf '%-16s %s passed, %s failed\n' "$label:" "$p" "$f"
        tp=$((tp + p)); tf=$((tf + f))
    else
        echo "$b: no results"; missing=1
    fi
done
echo "$tp passed, $tf failed"
[ "$tf" -eq 0 ] && [ "$missing" -eq 0 ]
