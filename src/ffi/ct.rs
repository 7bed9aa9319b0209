//! Certificate Transparency (`SSL_CTX_enable_ct`, CT log stores, SCTs): sslrs does not validate
//! SCTs. Enabling CT fails (a program must not believe certificates are checked for SCTs);
//! disabling it (a NULL validation callback) succeeds, since that is the state sslrs is in.

use crate::error::{lib, Error};
use crate::ffi::opaque::{stack_st_SCT, CTLOG_STORE, CT_POLICY_EVAL_CTX};
use crate::ffi::recorded::unsupported;
use crate::ffi::types::{SSL, SSL_CTX};
use crate::ffi::{call, void};
use core::ffi::{c_char, c_int, c_void};

/// `ssl_ct_validation_cb`.
pub type ssl_ct_validation_cb = Option<
    unsafe extern "C" fn(
        ctx: *const CT_POLICY_EVAL_CTX,
        scts: *const stack_st_SCT,
        arg: *mut c_void,
    ) -> c_int,
>;

fn check_ctx(ctx: *const SSL_CTX) -> crate::error::Result<()> {
    crate::ffi::recorded::ctx(ctx, |_| ())
}

fn check_ssl(s: *const SSL) -> crate::error::Result<()> {
    crate::ffi::callbacks::obj(s).map(|_| ())
}

/// `SSL_CTX_enable_ct(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: SCTs are not validated
#[no_mangle]
pub extern "C" fn SSL_CTX_enable_ct(ctx: *mut SSL_CTX, validation_mode: c_int) -> c_int {
    let _ = (ctx, validation_mode);
    unsupported(0, "SSL_CTX_enable_ct")
}

/// `SSL_enable_ct(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: SCTs are not validated
#[no_mangle]
pub extern "C" fn SSL_enable_ct(s: *mut SSL, validation_mode: c_int) -> c_int {
    let _ = (s, validation_mode);
    unsupported(0, "SSL_enable_ct")
}

/// `SSL_CTX_ct_is_enabled(3)`: 0, CT validation is off.
#[no_mangle]
pub extern "C" fn SSL_CTX_ct_is_enabled(ctx: *const SSL_CTX) -> c_int {
    let _ = ctx;
    0
}

/// `SSL_ct_is_enabled(3)`: 0, CT validation is off.
#[no_mangle]
pub extern "C" fn SSL_ct_is_enabled(s: *const SSL) -> c_int {
    let _ = s;
    0
}

fn set_validation(present: bool, check: crate::error::Result<()>, func: &'static str) -> c_int {
    call(0, || {
        check?;
        if present {
            return Err(Error::unsupported(lib::SSL, func));
        }
        Ok(1)
    })
}

/// `SSL_CTX_set_ct_validation_callback(3)`: a NULL callback disables CT validation (1: that is
/// sslrs's state).
///
/// Status: fails cleanly — a callback gives 0 with `ERR_R_UNSUPPORTED`: SCTs are not validated
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ct_validation_callback(
    ctx: *mut SSL_CTX,
    callback: ssl_ct_validation_cb,
    arg: *mut c_void,
) -> c_int {
    let _ = arg;
    set_validation(
        callback.is_some(),
        check_ctx(ctx),
        "SSL_CTX_set_ct_validation_callback",
    )
}

/// `SSL_set_ct_validation_callback(3)`: as `SSL_CTX_set_ct_validation_callback`.
///
/// Status: fails cleanly — a callback gives 0 with `ERR_R_UNSUPPORTED`: SCTs are not validated
#[no_mangle]
pub extern "C" fn SSL_set_ct_validation_callback(
    s: *mut SSL,
    callback: ssl_ct_validation_cb,
    arg: *mut c_void,
) -> c_int {
    let _ = arg;
    set_validation(
        callback.is_some(),
        check_ssl(s),
        "SSL_set_ct_validation_callback",
    )
}

/// `SSL_CTX_set_default_ctlog_list_file(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: no CT log store
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_ctlog_list_file(ctx: *mut SSL_CTX) -> c_int {
    let _ = ctx;
    unsupported(0, "SSL_CTX_set_default_ctlog_list_file")
}

/// `SSL_CTX_set_ctlog_list_file(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: no CT log store
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ctlog_list_file(ctx: *mut SSL_CTX, path: *const c_char) -> c_int {
    let _ = (ctx, path);
    unsupported(0, "SSL_CTX_set_ctlog_list_file")
}

/// `SSL_CTX_set0_ctlog_store(3)`: void.
///
/// Status: fails cleanly — the store is not taken (not freed either: it stays the caller's);
/// no CT log store
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_ctlog_store(ctx: *mut SSL_CTX, logs: *mut CTLOG_STORE) {
    let _ = logs;
    void(|| check_ctx(ctx))
}

/// `SSL_CTX_get0_ctlog_store(3)`: NULL.
///
/// Status: partial — NULL where OpenSSL returns its (empty) store: no CT log store
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_ctlog_store(ctx: *const SSL_CTX) -> *const CTLOG_STORE {
    let _ = ctx;
    core::ptr::null()
}

/// `SSL_get0_peer_scts(3)`: NULL.
///
/// Status: partial — NULL: the SCTs a peer sends are not collected
#[no_mangle]
pub extern "C" fn SSL_get0_peer_scts(s: *mut SSL) -> *const stack_st_SCT {
    let _ = s;
    core::ptr::null()
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        assert_eq!(SSL_CTX_enable_ct(null_mut(), -1), 0);
        assert_eq!(SSL_enable_ct(null_mut(), -1), 0);
        assert_eq!(SSL_CTX_ct_is_enabled(null()), 0);
        assert_eq!(SSL_ct_is_enabled(null()), 0);
        assert_eq!(
            SSL_CTX_set_ct_validation_callback(null_mut(), None, null_mut()),
            0
        );
        assert_eq!(
            SSL_set_ct_validation_callback(null_mut(), None, null_mut()),
            0
        );
        assert_eq!(SSL_CTX_set_default_ctlog_list_file(null_mut()), 0);
        assert_eq!(SSL_CTX_set_ctlog_list_file(null_mut(), null()), 0);
        SSL_CTX_set0_ctlog_store(null_mut(), null_mut());
        assert!(SSL_CTX_get0_ctlog_store(null()).is_null());
        assert!(SSL_get0_peer_scts(null_mut()).is_null());
        crate::crypto::err::clear();
    }

    #[test]
    fn deliberate_differences() {
        // OpenSSL enables CT (1); sslrs refuses. Disabling succeeds on both.
        let ctx = crate::ffi::ssl::SSL_CTX_new(crate::ffi::ssl::TLS_method());
        assert_eq!(SSL_CTX_enable_ct(ctx, 0), 0);
        assert_eq!(SSL_CTX_set_ct_validation_callback(ctx, None, null_mut()), 1);
        crate::ffi::ssl::SSL_CTX_free(ctx);
        crate::crypto::err::clear();
    }
}
