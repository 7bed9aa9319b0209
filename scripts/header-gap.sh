#!/usr/bin/env bash
# Which macros OpenSSL 3.0's own <openssl/NAME.h> defines that sslrs's include/openssl/NAME.h
# (with everything it includes) lacks. For every header sslrs ships, the names #defined in the
# system's file itself are compared with `cc -E -dM` of `#include <openssl/NAME.h>` against
# include/. Usage: scripts/header-gap.sh [-v] [NAME...]   (-v lists the missing names)
# Prints one line per header "NAME: N missing" and a total "header gap: N macros".
set -eu -o pipefail
cd "$(dirname "$0")/.."
verbose=0; [ "${1:-}" = -v ] && { verbose=1; shift; }
sysdir=/usr/include/openssl
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ $# -gt 0 ]; then names=("$@"); else
  names=(); for f in "${SSLRS_INCLUDE:-include}"/openssl/*.h; do n=$(basename "$f" .h); case $n in sslrs_*) continue;; esac
    [ -f "$sysdir/$n.h" ] && names+=("$n"); done; fi
total=0
for n in "${names[@]}"; do
  # Names defined by the system header file itself (any condition), minus include guards.
  grep -hoE '^[[:space:]]*#[[:space:]]*define[[:space:]]+[A-Za-z_][A-Za-z0-9_]*' "$sysdir/$n.h" \
    | awk '{print $NF}' | sed 's/^define//' | { grep -vE '^(OPENSSL_.*_H|HEADER_.*_H|OSSL_.*_H)$' || true; } \
    | sort -u > "$tmp/sys" || true
  # Names active with the system header, so conditional alternatives (#ifdef _WIN32 ...) do
  # not count: only names the system's own preprocessing defines here.
  echo "#include <openssl/$n.h>" > "$tmp/t.c"
  cc -std=c11 -E -dM "$tmp/t.c" | awk '{print $2}' | sed 's/(.*//' | sort -u > "$tmp/sysdef"
  cc -std=c11 -E -dM -DSSLRS_NO_SYSTEM_HEADERS -I"${SSLRS_INCLUDE:-include}" "$tmp/t.c" 2>/dev/null | awk '{print $2}' | sed 's/(.*//' | sort -u > "$tmp/ours"
  comm -12 "$tmp/sys" "$tmp/sysdef" | comm -23 - "$tmp/ours" > "$tmp/miss"
  m=$(wc -l < "$tmp/miss"); total=$((total + m))
  echo "$n: $m missing"
  [ $verbose = 1 ] && [ "$m" -gt 0 ] && sed 's/^/    /' "$tmp/miss"
done
echo "header gap: $total macros"
