//! Compression (`SSL_COMP_*`, `SSL_get_current_compression`): sslrs never compresses, like an
//! OpenSSL 3.0 whose compression methods list is empty (the default build: no zlib method is
//! registered). The methods list is a real, empty stack a program may inspect or replace.

use crate::ffi::opaque::{stack_st_SSL_COMP, COMP_METHOD, SSL_COMP};
use crate::ffi::recorded::unsupported;
use crate::ffi::stack::OPENSSL_sk_new_null;
use crate::ffi::types::{SSL, SSL_SESSION};
use crate::sync::Mutex;
use core::ffi::{c_char, c_int, c_uint};

/// The process-wide compression methods stack (`None`: not made yet).
static METHODS: Mutex<Option<usize>> = Mutex::new(None);

fn methods() -> crate::sync::MutexGuard<'static, Option<usize>> {
    METHODS.lock().unwrap_or_else(|p| p.into_inner())
}

/// `SSL_COMP_get_compression_methods(3)`: the (empty) list of compression methods.
#[no_mangle]
pub extern "C" fn SSL_COMP_get_compression_methods() -> *mut stack_st_SSL_COMP {
    let mut m = methods();
    if m.is_none() {
        let st = OPENSSL_sk_new_null();
        if !st.is_null() {
            *m = Some(st as usize);
        }
    }
    m.unwrap_or(0) as *mut stack_st_SSL_COMP
}

/// `SSL_COMP_set0_compression_methods(3)`: installs `meths` as the list and returns the
/// previous one (the caller owns it).
#[no_mangle]
pub extern "C" fn SSL_COMP_set0_compression_methods(
    meths: *mut stack_st_SSL_COMP,
) -> *mut stack_st_SSL_COMP {
    let old = SSL_COMP_get_compression_methods();
    *methods() = (!meths.is_null()).then_some(meths as usize);
    old
}

/// `SSL_COMP_add_compression_method(3)`: 1 ("failed"; 0 would mean success). A NULL method is
/// ignored with 1 and no error, as in OpenSSL.
///
/// Status: fails cleanly — a method gives 1 with `ERR_R_UNSUPPORTED`: sslrs does not compress
#[no_mangle]
pub extern "C" fn SSL_COMP_add_compression_method(id: c_int, cm: *mut COMP_METHOD) -> c_int {
    let _ = id;
    if cm.is_null() {
        return 1;
    }
    unsupported(1, "SSL_COMP_add_compression_method")
}

/// `SSL_COMP_get_name(3)`: the name of a compression method; NULL for NULL.
///
/// Status: partial — NULL for every method: sslrs cannot read libcrypto's `COMP_METHOD`s
#[no_mangle]
pub extern "C" fn SSL_COMP_get_name(comp: *const COMP_METHOD) -> *const c_char {
    let _ = comp;
    core::ptr::null()
}

/// `SSL_COMP_get0_name(3)`: NULL (no `SSL_COMP` entries exist: the methods list is empty).
#[no_mangle]
pub extern "C" fn SSL_COMP_get0_name(comp: *const SSL_COMP) -> *const c_char {
    let _ = comp;
    core::ptr::null()
}

/// `SSL_COMP_get_id(3)`: -1 (no `SSL_COMP` entries exist: the methods list is empty).
#[no_mangle]
pub extern "C" fn SSL_COMP_get_id(comp: *const SSL_COMP) -> c_int {
    let _ = comp;
    -1
}

/// `SSL_get_current_compression(3)`: NULL, "no compression" (not an error).
#[no_mangle]
pub extern "C" fn SSL_get_current_compression(s: *const SSL) -> *const COMP_METHOD {
    let _ = s;
    core::ptr::null()
}

/// `SSL_get_current_expansion(3)`: NULL, "no compression" (not an error).
#[no_mangle]
pub extern "C" fn SSL_get_current_expansion(s: *const SSL) -> *const COMP_METHOD {
    let _ = s;
    core::ptr::null()
}

/// `SSL_SESSION_get_compress_id(3)`: 0, no compression.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_compress_id(s: *const SSL_SESSION) -> c_uint {
    let _ = s;
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        let st = SSL_COMP_get_compression_methods();
        assert!(!st.is_null());
        assert_eq!(
            crate::ffi::stack::OPENSSL_sk_num(st as *const crate::ffi::stack::OPENSSL_STACK),
            0
        );
        assert_eq!(SSL_COMP_add_compression_method(-1, null_mut()), 1);
        assert!(SSL_COMP_get_name(null()).is_null());
        assert!(SSL_COMP_get0_name(null()).is_null());
        assert_eq!(SSL_COMP_get_id(null()), -1);
        assert!(SSL_get_current_compression(null()).is_null());
        assert!(SSL_get_current_expansion(null()).is_null());
        assert_eq!(SSL_SESSION_get_compress_id(null()), 0);
        crate::crypto::err::clear();
    }
}
