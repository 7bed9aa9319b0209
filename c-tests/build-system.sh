#!/usr/bin/env bash
# Local convenience: build every c-tests program against the system OpenSSL
# into ${OUT:-build/c-tests-openssl}. The project Makefile does the real
# two-way build; this is for working on the tests alone.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-build/c-tests-openssl}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--g -O1 -Wall -Wextra -Werror}
mkdir -p "$OUT"
for src in c-tests/test_*.c; do
    $CC $CFLAGS -o "$OUT/$(basename "$src" .c)" "$src" c-tests/testutil.c -lssl -lcrypto -lpthread
done
for p in interop_client interop_server; do
    [ -f c-tests/$p.c ] && $CC $CFLAGS -o "$OUT/$p" c-tests/$p.c -lssl -lcrypto
done
echo "built into $OUT"
