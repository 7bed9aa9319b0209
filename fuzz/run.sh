#!/usr/bin/env bash
# Runs the libFuzzer binaries of `make fuzz` one after the other (never in parallel), each for
# $FUZZ_SECONDS, under nice; or, with --merge, minimizes the corpora into fuzz/corpus/<t>.
#   fuzz/run.sh [--merge] TARGET...
# Inputs: fuzz/corpus/<t> (checked-in seeds, read-only here) + build/fuzz/corpus/<t> (the working
# corpus, new inputs land there). Crashes: fuzz/artifacts/<t>-crash-*. Logs: build/fuzz/logs/.
# Prints one line per target: executions, cov, ft, corpus size, crashes.
set -uo pipefail
cd "$(dirname "$0")/.."
merge=0
if [ "${1:-}" = --merge ]; then merge=1; shift; fi
secs=${FUZZ_SECONDS:-60}
mkdir -p build/fuzz/logs fuzz/artifacts
max_len() {
    case $1 in
        config) echo 512 ;;
        session) echo 4096 ;;
        api) echo 2048 ;;
        *) echo 16384 ;;
    esac
}
status=0
for t in "$@"; do
    bin=build/fuzz/fuzz_$t
    mkdir -p "build/fuzz/corpus/$t" "fuzz/corpus/$t"
    opts=(-max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1)
    # operation sequences need length sooner than libFuzzer's default ramp gives it
    [ "$t" = api ] && opts+=(-len_control=10)
    if [ $merge -eq 1 ]; then
        fresh=build/fuzz/merged-$t
        rm -rf "$fresh"; mkdir -p "$fresh"
        nice -n 10 "$bin" "${opts[@]}" -merge=1 "$fresh" "fuzz/corpus/$t" "build/fuzz/corpus/$t" \
            > "build/fuzz/logs/$t-merge.log" 2>&1 || { echo "$t: merge failed (build/fuzz/logs/$t-merge.log)"; status=1; continue; }
        rm -rf "fuzz/corpus/$t"; mv "$fresh" "fuzz/corpus/$t"
        echo "$t: $(ls "fuzz/corpus/$t" | wc -l) inputs, $(du -sk "fuzz/corpus/$t" | cut -f1) KiB in fuzz/corpus/$t"
        continue
    fi
    log=build/fuzz/logs/$t.log
    echo "== fuzz $t for ${secs}s (log: $log)"
    nice -n 10 "$bin" "${opts[@]}" -max_total_time="$secs" -artifact_prefix="fuzz/artifacts/$t-" \
        "build/fuzz/corpus/$t" "fuzz/corpus/$t" > "$log" 2>&1
    rc=$?
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<< "$last")
    printf '%-8s execs %-10s cov %-6s ft %-6s corpus %-12s exit %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$rc"
    if [ $rc -ne 0 ]; then
        status=1
        grep -E 'invariant violated|panicked at|ERROR: libFuzzer|SUMMARY' "$log" | head -5 | sed 's/^/    /'
    fi
done
exit $status
