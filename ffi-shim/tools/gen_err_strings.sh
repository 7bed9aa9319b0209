#!/bin/sh
# Regenerates sslrs's error-string tables and SSL_R_* constants from the SYSTEM OpenSSL 3.0.
#
#   sh ffi-shim/tools/gen_err_strings.sh        (from the repository root)
#
# Needs cc, the OpenSSL 3.0 development headers and libssl/libcrypto. Writes:
#   src/crypto/err_strings.rs   tables dumped by gen_err_strings.c (library names, reasons)
#   src/ffi/err.rs              the block between the "BEGIN/END GENERATED SSL_R" markers:
#                               every SSL_R_* of /usr/include/openssl/sslerr.h as a pub const
#   src/error.rs                the block between the same markers inside `mod ssl_r`: the
#                               SSL_R_* names (prefix dropped) not already written by hand
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
inc=${OPENSSL_INCLUDE:-/usr/include/openssl}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cc -O2 -Wall -Wextra -Werror "$root/ffi-shim/tools/gen_err_strings.c" -o "$tmp/gen" -lssl -lcrypto
"$tmp/gen" > "$tmp/err_strings.rs"
mv "$tmp/err_strings.rs" "$root/src/crypto/err_strings.rs"

# Replaces the lines between the markers in file $1 with the contents of file $2.
splice() {
    awk -v blk="$2" '
        /BEGIN GENERATED SSL_R/ { print; while ((getline l < blk) > 0) print l; skip = 1; next }
        /END GENERATED SSL_R/ { skip = 0 }
        !skip { print }' "$1" > "$tmp/spliced"
    cat "$tmp/spliced" > "$1"
}

grep -E '^# *define SSL_R_[A-Z0-9_]+ +[0-9]+' "$inc/sslerr.h" \
    | sed -E 's/^# *define +//' | sort > "$tmp/ssl_r"

awk '{ printf "pub const %s: c_int = %s;\n", $1, $2 }' "$tmp/ssl_r" > "$tmp/ffi_blk"
splice "$root/src/ffi/err.rs" "$tmp/ffi_blk"

# Names already in src/error.rs outside the generated block stay hand-written.
awk '/BEGIN GENERATED SSL_R/ { skip = 1 } /END GENERATED SSL_R/ { skip = 0; next } !skip' \
    "$root/src/error.rs" | grep -oE 'pub const [A-Z0-9_]+' | sed 's/pub const //' | sort -u > "$tmp/have"
sed 's/^SSL_R_//' "$tmp/ssl_r" | sort -k1,1 | join -v1 - "$tmp/have" \
    | awk '{ printf "    pub const %s: i32 = %s;\n", $1, $2 }' > "$tmp/err_blk"
splice "$root/src/error.rs" "$tmp/err_blk"
echo "regenerated: src/crypto/err_strings.rs, SSL_R_* blocks in src/ffi/err.rs and src/error.rs"
