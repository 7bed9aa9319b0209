#!/usr/bin/env bash
# make test-install: `make install` into a staging DESTDIR and check what a packager and a user
# rely on. Ends with "install N passed, N failed" (collected by make test).
set -u -o pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-build}
stage=$ROOT/$BUILD/install-test
prefix=/usr/local
libdir=$prefix/lib
pass=0; fail=0
ok()  { pass=$((pass + 1)); echo "ok    $1"; }
bad() { fail=$((fail + 1)); echo "FAIL  $1"; }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }

echo "== install into DESTDIR=$stage (PREFIX=$prefix) =="
rm -rf "$stage" "$stage.ldconfig"
if ! make --no-print-directory install DESTDIR="$stage" PREFIX=$prefix LDCONFIG="touch $stage.ldconfig" > "$stage.log" 2>&1; then
    cat "$stage.log"; bad "make install DESTDIR=..."; echo "install $pass passed, $fail failed"; exit 1
fi
ok "make install DESTDIR=..."
check "ldconfig is not run for a DESTDIR install" test ! -e "$stage.ldconfig"
L=$stage$libdir
check "real file $libdir/libsslrs.so.3.0.0" test -f "$L/libsslrs.so.3.0.0" -a ! -L "$L/libsslrs.so.3.0.0"
check "libsslrs.so.3 -> libsslrs.so.3.0.0" test "$(readlink "$L/libsslrs.so.3")" = libsslrs.so.3.0.0
check "libsslrs.so -> libsslrs.so.3" test "$(readlink "$L/libsslrs.so")" = libsslrs.so.3
check "SONAME of the installed file is libsslrs.so.3" \
    grep -q 'Library soname: \[libsslrs.so.3\]' <(readelf -d "$L/libsslrs.so.3.0.0")
check "headers in include/sslrs/openssl" test -f "$stage$prefix/include/sslrs/openssl/ssl.h" \
    -a -f "$stage$prefix/include/sslrs/openssl/opensslv.h"
check "sslrs.pc Cflags point at include/sslrs" \
    grep -qx 'Cflags: -I${includedir}/sslrs' "$L/pkgconfig/sslrs.pc"
check "bin/with-sslrs preloads $libdir/libsslrs.so.3" \
    grep -q "SSLRS_LIB:-$libdir/libsslrs.so.3}" "$stage$prefix/bin/with-sslrs"
check "with-sslrs is executable" test -x "$stage$prefix/bin/with-sslrs"
check "compat/libssl.so.3 -> ../../libsslrs.so.3 (resolves in the staging tree)" \
    test "$(readlink "$L/sslrs/compat/libssl.so.3")" = ../../libsslrs.so.3 -a -e "$L/sslrs/compat/libssl.so.3"
for p in libssl libcrypto openssl; do
    check "compat-pkgconfig/$p.pc" test -f "$L/sslrs/compat-pkgconfig/$p.pc"
done

# A program built through pkg-config on the staging tree, as a packager's build would.
t=$BUILD/install-test-prog; mkdir -p "$t"
cat > "$t/prog.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/opensslv.h>
int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    int ok = ctx != NULL && strstr(OpenSSL_version(OPENSSL_VERSION), "sslrs") != NULL
             && strstr(OPENSSL_VERSION_TEXT, "sslrs") != NULL;
    printf("%s\n", OpenSSL_version(OPENSSL_VERSION));
    SSL_CTX_free(ctx);
    return ok ? 0 : 1;
}
C
export PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_LIBDIR=$L/pkgconfig
cflags=$(echo $(pkg-config --cflags sslrs)); libs=$(echo $(pkg-config --libs sslrs))
unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
check "pkg-config on the staging tree: --cflags sslrs = -I$stage$prefix/include/sslrs" \
    test "$cflags" = "-I$stage$prefix/include/sslrs"
check "pkg-config on the staging tree: --libs sslrs = -L$L -lsslrs" test "$libs" = "-L$L -lsslrs"
if cc -std=c11 -Wall -Wextra -Werror $cflags "$t/prog.c" -o "$t/prog" $libs 2> "$t/cc.log"; then
    ok "C program compiles and links with those flags"
    check "it records NEEDED libsslrs.so.3 and no libssl/libcrypto" \
        bash -c "readelf -d '$t/prog' | grep -q 'NEEDED.*\[libsslrs.so.3\]' && ! readelf -d '$t/prog' | grep -Eq 'NEEDED.*lib(ssl|crypto)\.so'"
    check "it runs against the staged library (LD_LIBRARY_PATH=$libdir in the stage)" \
        env LD_LIBRARY_PATH="$L" "$t/prog"
else
    cat "$t/cc.log"; bad "C program compiles and links with those flags"
fi

# The compat pkg-config files: configure scripts asking for libssl/openssl get sslrs.
for where in "$stage:$L/sslrs/compat-pkgconfig" ":$ROOT/$BUILD/compat-pkgconfig"; do
    sysroot=${where%%:*} dir=${where#*:}
    libs=$(echo $(PKG_CONFIG_SYSROOT_DIR=$sysroot PKG_CONFIG_PATH=$dir pkg-config --libs libssl openssl 2>&1))
    check "PKG_CONFIG_PATH=${dir#"$ROOT/"} pkg-config --libs libssl openssl has -lsslrs, not -lssl ($libs)" \
        bash -c "grep -qw -- -lsslrs <<< '$libs' && ! grep -qw -- -lssl <<< '$libs'"
done
libs=$(PKG_CONFIG_PATH=$ROOT/$BUILD/compat-pkgconfig pkg-config --libs --cflags openssl)
if cc -std=c11 -Wall -Wextra -Werror "$t/prog.c" -o "$t/prog-compat" $libs -Wl,-rpath,"$ROOT/$BUILD" 2> "$t/cc.log"; then
    ok "build/compat-pkgconfig: a program built with pkg-config openssl links sslrs"
    check "  and runs on sslrs" "$t/prog-compat"
else
    cat "$t/cc.log"; bad "build/compat-pkgconfig: a program built with pkg-config openssl links sslrs"
fi

# An unmodified program linked against the system libssl, put on sslrs two ways.
if cc -std=c11 -Wall -Wextra -Werror c-tests/install/which_libssl.c -o "$t/which" -lssl -lcrypto -ldl 2> "$t/cc.log"; then
    check "plain run binds the system libssl (control)" bash -c "! '$t/which'"
    check "build/with-sslrs PROGRAM binds sslrs (LD_PRELOAD)" "$BUILD/with-sslrs" "$t/which"
    check "LD_LIBRARY_PATH=build/compat PROGRAM binds sslrs (system libssl not loaded)" \
        bash -c "LD_LIBRARY_PATH='$ROOT/$BUILD/compat' '$t/which' | grep -q 'libssl.so.3 mapped no'"
    check "staged with-sslrs with SSLRS_LIB=<staged lib> binds sslrs" \
        env SSLRS_LIB="$L/libsslrs.so.3" "$stage$prefix/bin/with-sslrs" "$t/which"
    check "staged lib/sslrs/compat on LD_LIBRARY_PATH binds sslrs" \
        env LD_LIBRARY_PATH="$L/sslrs/compat" "$t/which"
else
    cat "$t/cc.log"; bad "which_libssl.c builds against the system OpenSSL"
fi

echo "== uninstall from the same DESTDIR =="
if make --no-print-directory uninstall DESTDIR="$stage" PREFIX=$prefix LDCONFIG="touch $stage.ldconfig" > "$stage.log" 2>&1; then
    left=$(find "$stage" ! -type d | sed "s|^$stage||")
    check "make uninstall removes every installed file${left:+ (left: $left)}" test -z "$left"
    check "ldconfig is not run for a DESTDIR uninstall" test ! -e "$stage.ldconfig"
else
    cat "$stage.log"; bad "make uninstall DESTDIR=..."
fi
# A live install (no DESTDIR) into a writable prefix runs ldconfig; LDCONFIG is replaced by a
# marker so the test does not touch the system's cache.
live=$ROOT/$BUILD/install-test-live
rm -rf "$live"; mkdir -p "$live"
if make --no-print-directory install PREFIX="$live" LDCONFIG="touch $live/ldconfig-ran" > "$stage.log" 2>&1; then
    check "live install (no DESTDIR, writable LIBDIR) runs ldconfig" test -f "$live/ldconfig-ran"
    rm -f "$live/ldconfig-ran"
    make --no-print-directory uninstall PREFIX="$live" LDCONFIG="touch $live/ldconfig-ran" > "$stage.log" 2>&1
    left=$(find "$live" ! -type d ! -name ldconfig-ran | sed "s|^$live||")
    check "live uninstall runs ldconfig and removes every installed file${left:+ (left: $left)}" \
        test -f "$live/ldconfig-ran" -a -z "$left"
else
    cat "$stage.log"; bad "make install PREFIX=<writable dir> (live)"
fi
rm -rf "$stage" "$stage.log" "$stage.ldconfig" "$live"
echo "install $pass passed, $fail failed"
[ -z "${RESULTS:-}" ] || echo "install $pass $fail" > "$RESULTS"
[ $fail -eq 0 ]
