//! `openssl/crypto.h` family exports: library init, version reporting, the allocator.
//!
//! Also `OPENSSL_init_ssl` (declared in OpenSSL's ssl.h), because it is the init entry point that
//! registers the SSL error strings. Macros (`OPENSSL_malloc`, `OPENSSL_INIT_*` with their `L`
//! suffix, `SSLeay`, ...) are in `ffi-shim/macros/crypto.h`; the version macros in
//! `ffi-shim/macros/opensslv.h`.
//!
//! Version: sslrs reports OpenSSL 3.0.19, the release whose behaviour it reproduces:
//! `OpenSSL_version_num()` = `0x30000130` (= `OPENSSL_VERSION_NUMBER` of 3.0.19), and
//! `OpenSSL_version(OPENSSL_VERSION)` = `"OpenSSL 3.0.19-compatible (sslrs 0.1.0)"`, which still
//! starts with `"OpenSSL 3."` and parses with `sscanf("OpenSSL %d.%d.%d")`.

use crate::crypto::err as q;
use crate::error::{lib, Error};
use crate::ffi::ptr::c_str;
use crate::ffi::types::OPENSSL_INIT_SETTINGS;
use crate::ffi::{call, guard};
use core::ffi::{c_char, c_int, c_uint, c_ulong, c_void};
use libc::size_t;

// --- constants (plain integers; the `L`-suffixed OPENSSL_INIT_* are in macros/crypto.h) ------

pub const OPENSSL_VERSION: c_int = 0;
pub const OPENSSL_CFLAGS: c_int = 1;
pub const OPENSSL_BUILT_ON: c_int = 2;
pub const OPENSSL_PLATFORM: c_int = 3;
pub const OPENSSL_DIR: c_int = 4;
pub const OPENSSL_ENGINES_DIR: c_int = 5;
pub const OPENSSL_VERSION_STRING: c_int = 6;
pub const OPENSSL_FULL_VERSION_STRING: c_int = 7;
pub const OPENSSL_MODULES_DIR: c_int = 8;
pub const OPENSSL_CPU_INFO: c_int = 9;

pub const OPENSSL_INFO_CONFIG_DIR: c_int = 1001;
pub const OPENSSL_INFO_ENGINES_DIR: c_int = 1002;
pub const OPENSSL_INFO_MODULES_DIR: c_int = 1003;
pub const OPENSSL_INFO_DSO_EXTENSION: c_int = 1004;
pub const OPENSSL_INFO_DIR_FILENAME_SEPARATOR: c_int = 1005;
pub const OPENSSL_INFO_LIST_SEPARATOR: c_int = 1006;
pub const OPENSSL_INFO_SEED_SOURCE: c_int = 1007;
pub const OPENSSL_INFO_CPU_SETTINGS: c_int = 1008;

pub const CRYPTO_EX_INDEX_SSL: c_int = 0;
pub const CRYPTO_EX_INDEX_SSL_CTX: c_int = 1;
pub const CRYPTO_EX_INDEX_SSL_SESSION: c_int = 2;
pub const CRYPTO_EX_INDEX_X509: c_int = 3;
pub const CRYPTO_EX_INDEX_X509_STORE: c_int = 4;
pub const CRYPTO_EX_INDEX_X509_STORE_CTX: c_int = 5;
pub const CRYPTO_EX_INDEX_DH: c_int = 6;
pub const CRYPTO_EX_INDEX_DSA: c_int = 7;
pub const CRYPTO_EX_INDEX_EC_KEY: c_int = 8;
pub const CRYPTO_EX_INDEX_RSA: c_int = 9;
pub const CRYPTO_EX_INDEX_ENGINE: c_int = 10;
pub const CRYPTO_EX_INDEX_UI: c_int = 11;
pub const CRYPTO_EX_INDEX_BIO: c_int = 12;
pub const CRYPTO_EX_INDEX_APP: c_int = 13;
pub const CRYPTO_EX_INDEX_UI_METHOD: c_int = 14;
pub const CRYPTO_EX_INDEX_RAND_DRBG: c_int = 15;
pub const CRYPTO_EX_INDEX_OSSL_LIB_CTX: c_int = 16;
pub const CRYPTO_EX_INDEX_EVP_PKEY: c_int = 17;
pub const CRYPTO_EX_INDEX__COUNT: c_int = 18;

/// `OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS` (as a Rust value; the header spells it `0x00000001L`).
const INIT_NO_LOAD_CRYPTO_STRINGS: u64 = 0x0000_0001;
/// `OPENSSL_INIT_LOAD_CRYPTO_STRINGS`.
const INIT_LOAD_CRYPTO_STRINGS: u64 = 0x0000_0002;
/// `OPENSSL_INIT_NO_LOAD_SSL_STRINGS`.
const INIT_NO_LOAD_SSL_STRINGS: u64 = 0x0010_0000;
/// `OPENSSL_INIT_LOAD_SSL_STRINGS`.
const INIT_LOAD_SSL_STRINGS: u64 = 0x0020_0000;

/// The reported release: 3.0.19.
const VERSION_MAJOR: c_uint = 3;
const VERSION_MINOR: c_uint = 0;
const VERSION_PATCH: c_uint = 19;
/// `OPENSSL_VERSION_NUMBER` of 3.0.19: `(3<<28)|(0<<20)|(19<<4)`.
const VERSION_NUMBER: c_ulong = 0x3000_0130;

/// The text of `OpenSSL_version(type)`; `None` for unknown types ("not available").
pub fn version_text(t: c_int) -> &'static core::ffi::CStr {
    match t {
        OPENSSL_VERSION => c"OpenSSL 3.0.19-compatible (sslrs 0.1.0)",
        OPENSSL_CFLAGS => c"compiler: rustc (sslrs 0.1.0, rustls 0.23, ring)",
        OPENSSL_BUILT_ON => c"built on: reproducible build, date unspecified",
        OPENSSL_PLATFORM => PLATFORM,
        OPENSSL_DIR => c"OPENSSLDIR: \"/usr/lib/ssl\"",
        OPENSSL_ENGINES_DIR => c"ENGINESDIR: \"/usr/lib/x86_64-linux-gnu/engines-3\"",
        OPENSSL_VERSION_STRING | OPENSSL_FULL_VERSION_STRING => c"3.0.19",
        OPENSSL_MODULES_DIR => c"MODULESDIR: \"/usr/lib/x86_64-linux-gnu/ossl-modules\"",
        OPENSSL_CPU_INFO => c"CPUINFO: runtime detection by ring",
        _ => c"not available",
    }
}

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
const PLATFORM: &core::ffi::CStr = c"platform: linux-x86_64 (sslrs)";
#[cfg(all(target_os = "linux", target_arch = "aarch64"))]
const PLATFORM: &core::ffi::CStr = c"platform: linux-aarch64 (sslrs)";
#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
const PLATFORM: &core::ffi::CStr = c"platform: sslrs";

/// The text of `OPENSSL_info(type)`, `None` for unknown types.
pub fn info_text(t: c_int) -> Option<&'static core::ffi::CStr> {
    Some(match t {
        OPENSSL_INFO_CONFIG_DIR => c"/usr/lib/ssl",
        OPENSSL_INFO_ENGINES_DIR => c"/usr/lib/x86_64-linux-gnu/engines-3",
        OPENSSL_INFO_MODULES_DIR => c"/usr/lib/x86_64-linux-gnu/ossl-modules",
        OPENSSL_INFO_DSO_EXTENSION => c".so",
        OPENSSL_INFO_DIR_FILENAME_SEPARATOR => c"/",
        OPENSSL_INFO_LIST_SEPARATOR => c":",
        OPENSSL_INFO_SEED_SOURCE => c"os-specific",
        OPENSSL_INFO_CPU_SETTINGS => c"runtime detection by ring",
        _ => return None,
    })
}

// --- init ------------------------------------------------------------------------------------

/// `OPENSSL_init_crypto(3)`: nothing to initialise; `OPENSSL_INIT_LOAD_CRYPTO_STRINGS` makes the
/// library names and libcrypto reasons resolve. `settings` is ignored. Returns 1.
#[no_mangle]
pub extern "C" fn OPENSSL_init_crypto(opts: u64, settings: *const OPENSSL_INIT_SETTINGS) -> c_int {
    crate::forward!(OPENSSL_init_crypto(opts, settings));
    let _ = settings;
    guard(0, || {
        if opts & INIT_LOAD_CRYPTO_STRINGS != 0 {
            q::load_crypto_strings();
        }
        1
    })
}

/// `OPENSSL_init_ssl(3)`: loads the libcrypto strings unless `OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS`,
/// and registers the SSL reason strings when `opts` has `OPENSSL_INIT_LOAD_SSL_STRINGS` (as
/// `SSL_load_error_strings()` does; `SSL_library_init()` = `OPENSSL_init_ssl(0, NULL)` does not).
/// `settings` is ignored. Returns 1.
#[no_mangle]
pub extern "C" fn OPENSSL_init_ssl(opts: u64, settings: *const OPENSSL_INIT_SETTINGS) -> c_int {
    let _ = settings;
    guard(0, || {
        if opts & INIT_NO_LOAD_CRYPTO_STRINGS == 0 {
            q::load_crypto_strings();
        }
        if opts & INIT_LOAD_SSL_STRINGS != 0 && opts & INIT_NO_LOAD_SSL_STRINGS == 0 {
            q::load_ssl_strings();
        }
        1
    })
}

/// `OPENSSL_init(3)`: no-op.
#[no_mangle]
pub extern "C" fn OPENSSL_init() {
    crate::forward!(OPENSSL_init());
}

/// `OPENSSL_cleanup(3)`: no-op (sslrs holds nothing that needs an explicit teardown).
#[no_mangle]
pub extern "C" fn OPENSSL_cleanup() {
    crate::forward!(OPENSSL_cleanup());
}

/// `OPENSSL_thread_stop(3)`: no-op; the thread's error queue is freed when the thread exits.
#[no_mangle]
pub extern "C" fn OPENSSL_thread_stop() {
    crate::forward!(OPENSSL_thread_stop());
}

// --- version ---------------------------------------------------------------------------------

/// `OpenSSL_version_num(3)`: `0x30000130`, OpenSSL 3.0.19's `OPENSSL_VERSION_NUMBER`.
#[no_mangle]
pub extern "C" fn OpenSSL_version_num() -> c_ulong {
    crate::forward!(OpenSSL_version_num());
    VERSION_NUMBER
}

/// `OpenSSL_version(3)`: static text for `type` (`OPENSSL_VERSION`: `"OpenSSL 3.0.19-compatible
/// (sslrs 0.1.0)"`; `OPENSSL_DIR`: `OPENSSLDIR: "/usr/lib/ssl"`; ...); `"not available"` for
/// unknown types.
#[no_mangle]
pub extern "C" fn OpenSSL_version(r#type: c_int) -> *const c_char {
    crate::forward!(OpenSSL_version(r#type));
    version_text(r#type).as_ptr()
}

/// `OPENSSL_info(3)`: static text for an `OPENSSL_INFO_*` type, NULL for unknown types.
#[no_mangle]
pub extern "C" fn OPENSSL_info(r#type: c_int) -> *const c_char {
    crate::forward!(OPENSSL_info(r#type));
    info_text(r#type).map_or(core::ptr::null(), |s| s.as_ptr())
}

/// `OPENSSL_version_major(3)`: 3.
#[no_mangle]
pub extern "C" fn OPENSSL_version_major() -> c_uint {
    crate::forward!(OPENSSL_version_major());
    VERSION_MAJOR
}

/// `OPENSSL_version_minor(3)`: 0.
#[no_mangle]
pub extern "C" fn OPENSSL_version_minor() -> c_uint {
    crate::forward!(OPENSSL_version_minor());
    VERSION_MINOR
}

/// `OPENSSL_version_patch(3)`: 19.
#[no_mangle]
pub extern "C" fn OPENSSL_version_patch() -> c_uint {
    crate::forward!(OPENSSL_version_patch());
    VERSION_PATCH
}

/// `OPENSSL_version_pre_release(3)`: `""`.
#[no_mangle]
pub extern "C" fn OPENSSL_version_pre_release() -> *const c_char {
    crate::forward!(OPENSSL_version_pre_release());
    c"".as_ptr()
}

/// `OPENSSL_version_build_metadata(3)`: `""`.
#[no_mangle]
pub extern "C" fn OPENSSL_version_build_metadata() -> *const c_char {
    crate::forward!(OPENSSL_version_build_metadata());
    c"".as_ptr()
}

// --- allocator (the C allocator: memory is interchangeable with malloc/free) -----------------

/// `ERR_R_MALLOC_FAILURE` in CRYPTO, as OpenSSL raises when an allocation fails.
fn malloc_failure() -> Error {
    Error::new(
        lib::CRYPTO,
        crate::error::common::MALLOC_FAILURE,
        "CRYPTO_malloc",
    )
}

fn alloc(num: size_t, zero: bool) -> crate::error::Result<*mut c_void> {
    if num == 0 {
        return Ok(core::ptr::null_mut());
    }
    // SAFETY: plain libc allocation of a non-zero size.
    let p = unsafe {
        if zero {
            libc::calloc(1, num)
        } else {
            libc::malloc(num)
        }
    };
    if p.is_null() {
        Err(malloc_failure())
    } else {
        Ok(p)
    }
}

/// `CRYPTO_malloc(3)` (behind `OPENSSL_malloc`): `malloc(num)`; NULL for 0 (as OpenSSL) and on
/// failure (with `ERR_R_MALLOC_FAILURE` queued). Free with `OPENSSL_free` or `free`.
#[no_mangle]
pub extern "C" fn CRYPTO_malloc(num: size_t, file: *const c_char, line: c_int) -> *mut c_void {
    crate::forward!(CRYPTO_malloc(num, file, line));
    let _ = (file, line);
    call(core::ptr::null_mut(), || alloc(num, false))
}

/// `CRYPTO_zalloc(3)` (behind `OPENSSL_zalloc`): zeroed `CRYPTO_malloc`.
#[no_mangle]
pub extern "C" fn CRYPTO_zalloc(num: size_t, file: *const c_char, line: c_int) -> *mut c_void {
    crate::forward!(CRYPTO_zalloc(num, file, line));
    let _ = (file, line);
    call(core::ptr::null_mut(), || alloc(num, true))
}

/// `CRYPTO_realloc(3)` (behind `OPENSSL_realloc`): NULL `addr` is `CRYPTO_malloc`; `num == 0`
/// frees `addr` and returns NULL (as OpenSSL); else `realloc`.
#[no_mangle]
pub extern "C" fn CRYPTO_realloc(
    addr: *mut c_void,
    num: size_t,
    file: *const c_char,
    line: c_int,
) -> *mut c_void {
    crate::forward!(CRYPTO_realloc(addr, num, file, line));
    let _ = (file, line);
    call(core::ptr::null_mut(), || {
        if addr.is_null() {
            return alloc(num, false);
        }
        if num == 0 {
            // SAFETY: `addr` came from this allocator (the C heap).
            unsafe { libc::free(addr) };
            return Ok(core::ptr::null_mut());
        }
        // SAFETY: `addr` came from the C heap; non-zero size.
        let p = unsafe { libc::realloc(addr, num) };
        if p.is_null() {
            Err(malloc_failure())
        } else {
            Ok(p)
        }
    })
}

/// `CRYPTO_free(3)` (behind `OPENSSL_free`): `free(ptr)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn CRYPTO_free(ptr: *mut c_void, file: *const c_char, line: c_int) {
    crate::forward!(CRYPTO_free(ptr, file, line));
    let _ = (file, line);
    // SAFETY: `ptr` is NULL or came from the C heap.
    guard((), || unsafe { libc::free(ptr) })
}

/// `CRYPTO_clear_free(3)`: zeroes `num` bytes then frees; NULL is a no-op.
#[no_mangle]
pub extern "C" fn CRYPTO_clear_free(
    ptr: *mut c_void,
    num: size_t,
    file: *const c_char,
    line: c_int,
) {
    crate::forward!(CRYPTO_clear_free(ptr, num, file, line));
    let _ = (file, line);
    guard((), || {
        if ptr.is_null() {
            return;
        }
        // SAFETY: `ptr` holds at least `num` bytes from the C heap, per the caller.
        unsafe {
            core::ptr::write_bytes(ptr as *mut u8, 0, num);
            libc::free(ptr);
        }
    })
}

/// `CRYPTO_strdup(3)` (behind `OPENSSL_strdup`): a `malloc`ed copy; NULL for NULL.
#[no_mangle]
pub extern "C" fn CRYPTO_strdup(
    str: *const c_char,
    file: *const c_char,
    line: c_int,
) -> *mut c_char {
    crate::forward!(CRYPTO_strdup(str, file, line));
    let _ = (file, line);
    call(core::ptr::null_mut(), || {
        // SAFETY: NULL or a NUL-terminated string.
        let Some(s) = (unsafe { c_str(str) }) else {
            return Ok(core::ptr::null_mut());
        };
        copy_bytes(s.to_bytes())
    })
}

/// `CRYPTO_strndup(3)` (behind `OPENSSL_strndup`): copy of at most `s` bytes, NUL-terminated;
/// NULL for NULL.
#[no_mangle]
pub extern "C" fn CRYPTO_strndup(
    str: *const c_char,
    s: size_t,
    file: *const c_char,
    line: c_int,
) -> *mut c_char {
    crate::forward!(CRYPTO_strndup(str, s, file, line));
    let _ = (file, line);
    call(core::ptr::null_mut(), || {
        if str.is_null() {
            return Ok(core::ptr::null_mut());
        }
        // SAFETY: `str` is readable up to its NUL or `s` bytes, whichever comes first.
        let n = unsafe { libc::strnlen(str, s) };
        // SAFETY: `n` bytes are readable at `str` (just measured).
        copy_bytes(unsafe { core::slice::from_raw_parts(str as *const u8, n) })
    })
}

/// `CRYPTO_memdup(3)` (behind `OPENSSL_memdup`): a `malloc`ed copy of `siz` bytes; NULL for NULL,
/// 0 bytes or `INT_MAX` bytes and more.
#[no_mangle]
pub extern "C" fn CRYPTO_memdup(
    str: *const c_void,
    siz: size_t,
    file: *const c_char,
    line: c_int,
) -> *mut c_void {
    crate::forward!(CRYPTO_memdup(str, siz, file, line));
    let _ = (file, line);
    call(core::ptr::null_mut(), || {
        // OpenSSL refuses sizes from INT_MAX up, without an error entry.
        if str.is_null() || siz == 0 || siz >= c_int::MAX as size_t {
            return Ok(core::ptr::null_mut());
        }
        let p = alloc(siz, false)?;
        // SAFETY: `siz` readable bytes at `str` per the caller; `p` has `siz` bytes.
        unsafe { core::ptr::copy_nonoverlapping(str as *const u8, p as *mut u8, siz) };
        Ok(p)
    })
}

/// A `malloc`ed NUL-terminated copy of `bytes`.
fn copy_bytes(bytes: &[u8]) -> crate::error::Result<*mut c_char> {
    let p = alloc(bytes.len() + 1, false)? as *mut u8;
    // SAFETY: `p` has `bytes.len() + 1` bytes.
    unsafe {
        core::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
        *p.add(bytes.len()) = 0;
    }
    Ok(p as *mut c_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ffi::CStr;
    use std::ptr::{null, null_mut};

    #[test]
    fn version() {
        assert_eq!(OpenSSL_version_num(), 0x3000_0130);
        assert_eq!(
            (
                OPENSSL_version_major(),
                OPENSSL_version_minor(),
                OPENSSL_version_patch()
            ),
            (3, 0, 19)
        );
        let v = unsafe { CStr::from_ptr(OpenSSL_version(OPENSSL_VERSION)) }
            .to_str()
            .unwrap();
        assert!(v.starts_with("OpenSSL 3.0.19") && v.contains("sslrs"));
        let t = |n| {
            unsafe { CStr::from_ptr(OpenSSL_version(n)) }
                .to_str()
                .unwrap()
        };
        assert_eq!(t(OPENSSL_VERSION_STRING), "3.0.19");
        assert_eq!(t(OPENSSL_DIR), "OPENSSLDIR: \"/usr/lib/ssl\"");
        assert_eq!(t(-1), "not available");
        assert_eq!(t(10), "not available");
        assert!(t(OPENSSL_PLATFORM).starts_with("platform: "));
        assert!(t(OPENSSL_BUILT_ON).starts_with("built on: "));
        assert!(t(OPENSSL_CFLAGS).starts_with("compiler: "));
        assert_eq!(
            unsafe { CStr::from_ptr(OPENSSL_version_pre_release()) }.to_bytes(),
            b""
        );
        assert_eq!(
            unsafe { CStr::from_ptr(OPENSSL_version_build_metadata()) }.to_bytes(),
            b""
        );
        assert!(OPENSSL_info(1000).is_null());
        assert_eq!(
            unsafe { CStr::from_ptr(OPENSSL_info(OPENSSL_INFO_DSO_EXTENSION)) }.to_bytes(),
            b".so"
        );
    }

    #[test]
    fn init() {
        assert_eq!(OPENSSL_init_crypto(0, null()), 1);
        assert_eq!(OPENSSL_init_ssl(0, null()), 1);
        assert!(q::Loaded::now().crypto);
        assert_eq!(
            OPENSSL_init_ssl(INIT_LOAD_SSL_STRINGS | INIT_LOAD_CRYPTO_STRINGS, null()),
            1
        );
        assert!(q::Loaded::now().ssl);
        OPENSSL_init();
        OPENSSL_thread_stop();
        OPENSSL_cleanup();
    }

    #[test]
    fn allocator() {
        let f = c"t.c".as_ptr();
        // Measured on 3.0.19: zero sizes and NULL strings give NULL.
        assert!(CRYPTO_malloc(0, f, 1).is_null());
        assert!(CRYPTO_zalloc(0, f, 1).is_null());
        assert!(CRYPTO_realloc(null_mut(), 0, f, 1).is_null());
        assert!(CRYPTO_strdup(null(), f, 1).is_null());
        assert!(CRYPTO_strndup(null(), 3, f, 1).is_null());
        assert!(CRYPTO_memdup(null(), 3, f, 1).is_null());
        let p = CRYPTO_zalloc(16, f, 1) as *mut u8;
        assert!(!p.is_null());
        assert_eq!(unsafe { core::slice::from_raw_parts(p, 16) }, &[0u8; 16]);
        let p = CRYPTO_realloc(p as *mut c_void, 64, f, 1);
        assert!(!p.is_null());
        assert!(CRYPTO_realloc(p, 0, f, 1).is_null());
        let s = CRYPTO_strdup(c"hello".as_ptr(), f, 1);
        assert_eq!(unsafe { CStr::from_ptr(s) }.to_bytes(), b"hello");
        CRYPTO_free(s as *mut c_void, f, 1);
        let s = CRYPTO_strndup(c"hello".as_ptr(), 3, null(), 0);
        assert_eq!(unsafe { CStr::from_ptr(s) }.to_bytes(), b"hel");
        CRYPTO_clear_free(s as *mut c_void, 4, null(), 0);
        let m = CRYPTO_memdup(c"abc".as_ptr() as *const c_void, 3, null(), 0);
        assert_eq!(
            unsafe { core::slice::from_raw_parts(m as *const u8, 3) },
            b"abc"
        );
        CRYPTO_free(m, null(), 0);
        CRYPTO_free(null_mut(), null(), 0);
        CRYPTO_clear_free(null_mut(), 10, null(), 0);
    }
}
