#!/usr/bin/env bash
# Every OpenSSL 3.0 public header (/usr/include/openssl/*.h) must compile when included with
# sslrs's include/ first on the path (the system's include path stays behind it): either sslrs
# ships the header or the system's composes with ours. Each header alone, then realistic
# combinations (ours first, then a system one), as C11 and C++17 with -Wall -Wextra -Werror.
# Prints the offenders with their first error and fails if there is any.
# Usage: scripts/check-headers.sh [INCLUDE_DIR]   (default: include)
set -u -o pipefail
cd "$(dirname "$0")/.."
inc=$(realpath "${1:-include}")
sysdir=/usr/include/openssl
CC=${CC:-cc}; CXX=${CXX:-c++}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cases=()
for f in "$sysdir"/*.h; do cases+=("$(basename "$f" .h)"); done
# Combinations real programs use: ours first, then a header sslrs does not ship.
combos=(
  "ssl x509v3" "ssl evp" "ssl rand" "ssl conf" "ssl ocsp" "ssl engine" "ssl err"
  "ssl bn" "ssl rsa" "ssl dh" "ssl ec" "ssl pkcs12" "ssl hmac" "ssl md5" "ssl sha"
  "ssl asn1" "ssl objects" "ssl buffer" "ssl dsa" "ssl crypto x509 pem err"
  "bio err ssl x509v3 rand conf" "err ssl" "x509 ssl" "evp ssl" "rand ssl" "conf ssl"
  "opensslv ssl" "crypto ssl" "pem ssl tls1" "engine ssl ocsp" "ocsp ssl"
  "ssl x509_vfy x509v3 pkcs7 cms" "ssl dtls1 srtp" "ssl core_names provider kdf"
)
for c in "${combos[@]}"; do cases+=("$c"); done
fail=0; n=0; skipped=()
for c in "${cases[@]}"; do
  : > "$tmp/t.c"
  for h in $c; do echo "#include <openssl/$h.h>" >> "$tmp/t.c"; done
  echo "int main(void) { return 0; }" >> "$tmp/t.c"
  cp "$tmp/t.c" "$tmp/t.cpp"
  for lang in c cpp; do
    if [ $lang = c ]; then cmd=("$CC" -std=c11); else cmd=("$CXX" -std=c++17); fi
    # A case that fails with OpenSSL's headers alone (asn1_mac.h is an #error stub) is skipped.
    if ! "${cmd[@]}" -Wall -Wextra -Werror -fsyntax-only "$tmp/t.$lang" 2>/dev/null; then
      skipped+=("$lang: ${c// /+}"); continue
    fi
    n=$((n + 1))
    if ! "${cmd[@]}" -Wall -Wextra -Werror -fsyntax-only -I"$inc" "$tmp/t.$lang" 2> "$tmp/err"; then
      fail=$((fail + 1))
      echo "FAIL ($lang): <openssl/${c// /.h> + <openssl/}.h>"
      grep -m1 -E 'error' "$tmp/err" | sed "s|$tmp/||; s/^/    /"
    fi
  done
done
# sslrs's headers on their own (as on a machine without OpenSSL's headers): each alone and all
# together, with SSLRS_NO_SYSTEM_HEADERS.
own=0
for f in "$inc"/openssl/*.h; do
  h=$(basename "$f")
  printf '#include <openssl/%s>\nint main(void) { return 0; }\n' "$h" > "$tmp/o.c"
  cp "$tmp/o.c" "$tmp/o.cpp"
  for lang in c cpp; do
    if [ $lang = c ]; then cmd=("$CC" -std=c11); else cmd=("$CXX" -std=c++17); fi
    n=$((n + 1)); own=$((own + 1))
    if ! "${cmd[@]}" -Wall -Wextra -Werror -fsyntax-only -DSSLRS_NO_SYSTEM_HEADERS -I"$inc" "$tmp/o.$lang" 2> "$tmp/err"; then
      fail=$((fail + 1)); echo "FAIL ($lang, SSLRS_NO_SYSTEM_HEADERS): <openssl/$h>"
      grep -m1 -E 'error' "$tmp/err" | sed "s|$tmp/||; s/^/    /"
    fi
  done
done
# A program's typical uses of the macros and typed stacks, both modes, C and C++.
cat > "$tmp/u.c" <<'C'
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
int use(SSL_CTX *ctx, SSL *ssl);
int use(SSL_CTX *ctx, SSL *ssl)
{
    STACK_OF(X509_NAME) *names = sk_X509_NAME_new_null();
    STACK_OF(SSL_CIPHER) *ciphers = SSL_get_ciphers(ssl);
    STACK_OF(X509) *chain = sk_X509_new_null();
    long opts = (long)SSL_CTX_set_options(ctx, SSL_OP_ALL | SSL_OP_NO_SSLv2 | SSL_OP_SINGLE_DH_USE);
    int n = sk_X509_NAME_num(names) + sk_SSL_CIPHER_num(ciphers) + sk_X509_num(chain);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
    SSL_CTX_set_tlsext_servername_callback(ctx, NULL);
    if (SSL_in_connect_init(ssl) || SSL_want_read(ssl))
        n++;
    sk_X509_NAME_free(names);
    sk_X509_pop_free(chain, X509_free);
    return n + (int)opts + (SSL_get_error(ssl, 0) == SSL_ERROR_WANT_READ) + SSL_AD_HANDSHAKE_FAILURE
           + SSL_TLSEXT_ERR_NOACK + OPENSSL_NPN_NEGOTIATED + (int)ERR_GET_REASON(ERR_peek_error());
}
C
cp "$tmp/u.c" "$tmp/u.cpp"
for mode in "" -DSSLRS_NO_SYSTEM_HEADERS; do
  for lang in c cpp; do
    if [ $lang = c ]; then cmd=("$CC" -std=c11); else cmd=("$CXX" -std=c++17); fi
    n=$((n + 1))
    if ! "${cmd[@]}" -Wall -Wextra -Werror -fsyntax-only $mode -I"$inc" "$tmp/u.$lang" 2> "$tmp/err"; then
      fail=$((fail + 1)); echo "FAIL ($lang ${mode:-with system headers}): typical uses of ssl.h macros and stacks"
      grep -m3 -E 'error' "$tmp/err" | sed "s|$tmp/||; s/^/    /"
    fi
  done
done
[ ${#skipped[@]} -eq 0 ] || echo "skipped (fail with OpenSSL's own headers too): ${skipped[*]}"
echo "headers: $((n - fail)) of $n compilations pass (${#cases[@]} cases: every system header alone and ${#combos[@]} combinations, C11 and C++17; $own of sslrs's headers alone with SSLRS_NO_SYSTEM_HEADERS; a program using ssl.h's macros and typed stacks in both modes)"
[ $fail -eq 0 ]
