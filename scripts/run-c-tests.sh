#!/usr/bin/env bash
# Runs C test binaries from the repository root and totals their "N passed, N failed" lines.
# usage: run-c-tests.sh LABEL "WRAPPER" RESULTS_FILE BINARY...
# A binary that exits non-zero without reporting a failure counts as one failure; one that
# prints no summary line counts as one failure too. Always exits 0: scripts/summary.sh decides.
set -uo pipefail
label=$1 wrapper=$2 results=$3
shift 3
cd "$(dirname "$0")/.."
mkdir -p "$(dirname "$results")"
echo "== C tests: $label build =="
if [ $# -eq 0 ]; then
    echo "$label: no C tests (c-tests/test_*.c) yet"
    echo "$label 0 0" > "$results"
    exit 0
fi
tp=0 tf=0
logdir="build/logs/$label"
mkdir -p "$logdir"
for bin in "$@"; do
    name=$(basename "$bin")
    # shellcheck disable=SC2086
    $wrapper "$bin" > "$logdir/$name.out" 2> "$logdir/$name.err" < /dev/null
    rc=$?
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logdir/$name.out" | tail -1 || true)
    if [ -n "$line" ]; then
        p=${line%% passed*}; f=${line#*, }; f=${f%% failed}
    else
        p=0 f=1; line="no 'N passed, N failed' line"
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; line="$line, but exit status $rc"; fi
    status=ok; [ "$f" -eq 0 ] || status=FAIL
    printf '%-5s %s: %-28s %s\n' "$status" "$label" "$name" "$line"
    if [ "$f" -ne 0 ]; then
        echo "      (stdout: $logdir/$name.out, stderr: $logdir/$name.err; last stderr lines:)"
        tail -n 15 "$logdir/$name.err" | sed 's/^/      | /'
    fi
    tp=$((tp + p)); tf=$((tf + f))
done
echo "$label total: $tp passed, $tf failed"
echo "$label $tp $tf" > "$results"
