#!/usr/bin/env bash
# Runs the benchmark binaries built by `make bench` alternately (OpenSSL, sslrs, bare rustls,
# then the next metric; several rounds), and prints per metric the medians and the ratios.
# Builds nothing. Run from the repository root. The table is also written to $BENCH_OUT.
#
#   BENCH_ROUNDS  rounds (default 5)       BENCH_SECS  seconds per timed run (default 0.7)
#   BENCH_MEM_N   pairs for memory (300)   BENCH_OUT   build/bench/results.txt
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${BENCH_ROUNDS:-5}
secs=${BENCH_SECS:-0.7}
mem_n=${BENCH_MEM_N:-300}
out=${BENCH_OUT:-build/bench/results.txt}
ossl=build/bench/openssl/bench
sslrs=build/bench/sslrs/bench
bare=target/release/examples/bare_rustls
for b in "$ossl" "$sslrs" "$bare"; do
    [ -x "$b" ] || { echo "run.sh: $b not built (use make bench)" >&2; exit 1; }
done

# metric | argument | unit | target for sslrs/OpenSSL | also run on bare rustls
metrics=(
    "hs-tls13-ecdsa|$secs|handshakes/s|>= 2.0|y"
    "hs-tls13-rsa|$secs|handshakes/s|>= 1.0|y"
    "hs-tls12-ecdsa|$secs|handshakes/s|>= 2.0|y"
    "hs-resume-tls13|$secs|handshakes/s|>= 1.8|y"
    "hs-resume-tls12|$secs|handshakes/s|>= 2.2|y"
    "hs-mt2|$secs|handshakes/s|-|n"
    "bulk-aes128-16k|$secs|MB/s|>= 1.2|y"
    "bulk-aes256-16k|$secs|MB/s|>= 1.2|n"
    "bulk-chacha-16k|$secs|MB/s|>= 0.65|n"
    "bulk-aes128-1k|$secs|MB/s|>= 1.0|n"
    "bulk-aes256-1k|$secs|MB/s|>= 1.0|n"
    "bulk-chacha-1k|$secs|MB/s|>= 0.65|n"
    "mem|$mem_n|bytes/pair|<= 0.35|n"
    "mem-total|$mem_n|bytes/pair|-|n"
    "rss|$mem_n|bytes/pair|<= 0.35|n"
    "rss-idle|$mem_n|bytes/pair|-|n"
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # lib binary mode arg
    local v
    if ! v=$("$2" "$3" "$4" 2> "$tmp/err"); then
        echo "run.sh: $1 $3 failed:" >&2; cat "$tmp/err" >&2; exit 1
    fi
    echo "$v" >> "$tmp/$1.$3"
}

median() { # file -> median (or empty)
    [ -s "$1" ] || return 0
    sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
                                            else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-";
                                           else printf "%.2f\n", a / b }'; }

start=$SECONDS
echo "running $rounds rounds x ${#metrics[@]} metrics (OpenSSL, sslrs, bare rustls alternately)..." >&2
for ((r = 1; r <= rounds; r++)); do
    for m in "${metrics[@]}"; do
        IFS='|' read -r mode arg _ _ onbare <<< "$m"
        run openssl "$ossl" "$mode" "$arg"
        run sslrs "$sslrs" "$mode" "$arg"
        if [ "$onbare" = y ]; then run bare "$bare" "$mode" "$arg"; fi
    done
    echo "  round $r/$rounds done ($((SECONDS - start)) s)" >&2
done

lockver() { awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock; }
{
    echo "sslrs benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine:  $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores" \
         "(load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo "OpenSSL:  $("$ossl" version)  [openssl CLI: $(openssl version)]"
    echo "sslrs:    $("$sslrs" version)"
    echo "engine:   rustls $(lockver rustls), ring $(lockver ring); $(rustc --version)"
    echo "method:   in-process client+server over a BIO pair; $rounds rounds, ${secs} s per timed run," \
         "medians; memory over $mem_n pairs"
    echo
    printf '%-16s %-13s %10s %10s %8s %8s %10s %8s\n' \
        metric unit OpenSSL sslrs ratio target "bare" "vs bare"
    printf '%-16s %-13s %10s %10s %8s %8s %10s %8s\n' \
        "" "" median median "ss/OSSL" "" rustls "ss/bare"
    for m in "${metrics[@]}"; do
        IFS='|' read -r mode _ unit target _ <<< "$m"
        a=$(median "$tmp/openssl.$mode"); b=$(median "$tmp/sslrs.$mode"); c=$(median "$tmp/bare.$mode")
        printf '%-16s %-13s %10s %10s %8s %8s %10s %8s\n' "$mode" "$unit" "$a" "$b" \
            "$(ratio "$b" "$a")" "$target" "${c:--}" "$(ratio "$b" "$c")"
    done
    echo
    echo "ratios > 1 are better for sslrs except memory (bytes: lower is better);"
    echo "'vs bare' = sslrs / bare rustls (1.00 = no compatibility-layer cost; target >= 0.90)"
    echo "all runs (rounds in order):"
    for m in "${metrics[@]}"; do
        IFS='|' read -r mode _ _ _ _ <<< "$m"
        for lib in openssl sslrs bare; do
            if [ -s "$tmp/$lib.$mode" ]; then
                printf '  %-16s %-8s %s\n' "$mode" "$lib" "$(tr '\n' ' ' < "$tmp/$lib.$mode")"
            fi
        done
    done
    echo "total time: $((SECONDS - start)) s"
} | tee "$out"
