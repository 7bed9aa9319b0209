//! PSK (`SSL_CTX_set_psk_*_callback`, `SSL_CTX_use_psk_identity_hint`, `SSL_get_psk_identity*`):
//! sslrs negotiates no PSK key exchange (TLS 1.2 PSK suites, TLS 1.3 external PSKs). The
//! callbacks and the hint are recorded, as OpenSSL's setters would store them (a PSK callback
//! is only ever called for a PSK handshake, and the hint only sent in one); the getters report
//! "no PSK" as OpenSSL does for a handshake that used none.

use crate::error::{ssl_r, Error, Result};
use crate::ffi::digest::EVP_MD;
use crate::ffi::ptr::c_str;
use crate::ffi::recorded::{self, Rec};
use crate::ffi::types::{SSL, SSL_CTX, SSL_SESSION};
use crate::ffi::{one_or_zero, void};
use core::ffi::{c_char, c_int, c_uchar, c_uint};

/// `PSK_MAX_IDENTITY_LEN`.
const MAX_IDENTITY_LEN: usize = 256;

/// `SSL_psk_client_cb_func`.
pub type SSL_psk_client_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        hint: *const c_char,
        identity: *mut c_char,
        max_identity_len: c_uint,
        psk: *mut c_uchar,
        max_psk_len: c_uint,
    ) -> c_uint,
>;
/// `SSL_psk_server_cb_func`.
pub type SSL_psk_server_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        identity: *const c_char,
        psk: *mut c_uchar,
        max_psk_len: c_uint,
    ) -> c_uint,
>;
/// `SSL_psk_find_session_cb_func`.
pub type SSL_psk_find_session_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        identity: *const c_uchar,
        identity_len: usize,
        sess: *mut *mut SSL_SESSION,
    ) -> c_int,
>;
/// `SSL_psk_use_session_cb_func`.
pub type SSL_psk_use_session_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        md: *const EVP_MD,
        id: *mut *const c_uchar,
        idlen: *mut usize,
        sess: *mut *mut SSL_SESSION,
    ) -> c_int,
>;

/// `SSL_CTX_set_psk_client_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no PSK
#[no_mangle]
pub extern "C" fn SSL_CTX_set_psk_client_callback(ctx: *mut SSL_CTX, cb: SSL_psk_client_cb_func) {
    void(|| recorded::ctx(ctx, |r| r.psk_client_cb = recorded::addr(cb)))
}

/// `SSL_set_psk_client_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no PSK
#[no_mangle]
pub extern "C" fn SSL_set_psk_client_callback(ssl: *mut SSL, cb: SSL_psk_client_cb_func) {
    void(|| recorded::ssl(ssl, |r| r.psk_client_cb = recorded::addr(cb)))
}

/// `SSL_CTX_set_psk_server_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no PSK
#[no_mangle]
pub extern "C" fn SSL_CTX_set_psk_server_callback(ctx: *mut SSL_CTX, cb: SSL_psk_server_cb_func) {
    void(|| recorded::ctx(ctx, |r| r.psk_server_cb = recorded::addr(cb)))
}

/// `SSL_set_psk_server_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no PSK
#[no_mangle]
pub extern "C" fn SSL_set_psk_server_callback(ssl: *mut SSL, cb: SSL_psk_server_cb_func) {
    void(|| recorded::ssl(ssl, |r| r.psk_server_cb = recorded::addr(cb)))
}

/// `SSL_CTX_set_psk_find_session_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no external PSK
#[no_mangle]
pub extern "C" fn SSL_CTX_set_psk_find_session_callback(
    ctx: *mut SSL_CTX,
    cb: SSL_psk_find_session_cb_func,
) {
    void(|| recorded::ctx(ctx, |r| r.psk_find_session_cb = recorded::addr(cb)))
}

/// `SSL_set_psk_find_session_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no external PSK
#[no_mangle]
pub extern "C" fn SSL_set_psk_find_session_callback(s: *mut SSL, cb: SSL_psk_find_session_cb_func) {
    void(|| recorded::ssl(s, |r| r.psk_find_session_cb = recorded::addr(cb)))
}

/// `SSL_CTX_set_psk_use_session_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no external PSK
#[no_mangle]
pub extern "C" fn SSL_CTX_set_psk_use_session_callback(
    ctx: *mut SSL_CTX,
    cb: SSL_psk_use_session_cb_func,
) {
    void(|| recorded::ctx(ctx, |r| r.psk_use_session_cb = recorded::addr(cb)))
}

/// `SSL_set_psk_use_session_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no external PSK
#[no_mangle]
pub extern "C" fn SSL_set_psk_use_session_callback(s: *mut SSL, cb: SSL_psk_use_session_cb_func) {
    void(|| recorded::ssl(s, |r| r.psk_use_session_cb = recorded::addr(cb)))
}

fn set_hint(r: &mut Rec, hint: *const c_char, func: &'static str) -> Result<()> {
    // SAFETY: NULL or a NUL-terminated string per the API.
    match unsafe { c_str(hint) } {
        None => r.psk_identity_hint = None,
        Some(h) if h.to_bytes().len() > MAX_IDENTITY_LEN => {
            return Err(Error::ssl(ssl_r::DATA_LENGTH_TOO_LONG, func))
        }
        Some(h) => r.psk_identity_hint = Some(h.to_owned()),
    }
    Ok(())
}

/// `SSL_CTX_use_psk_identity_hint(3)`: 1, or 0 (`SSL_R_DATA_LENGTH_TOO_LONG`) for a hint
/// longer than 256 bytes; NULL clears it.
///
/// Status: partial — recorded; a hint is only sent with PSK suites, which sslrs lacks
#[no_mangle]
pub extern "C" fn SSL_CTX_use_psk_identity_hint(
    ctx: *mut SSL_CTX,
    identity_hint: *const c_char,
) -> c_int {
    one_or_zero(|| {
        recorded::ctx(ctx, |r| {
            set_hint(r, identity_hint, "SSL_CTX_use_psk_identity_hint")
        })?
    })
}

/// `SSL_use_psk_identity_hint(3)`: as `SSL_CTX_use_psk_identity_hint`, for one connection.
///
/// Status: partial — recorded; a hint is only sent with PSK suites, which sslrs lacks
#[no_mangle]
pub extern "C" fn SSL_use_psk_identity_hint(s: *mut SSL, identity_hint: *const c_char) -> c_int {
    one_or_zero(|| {
        recorded::ssl(s, |r| {
            set_hint(r, identity_hint, "SSL_use_psk_identity_hint")
        })?
    })
}

/// `SSL_get_psk_identity_hint(3)`: the hint the server sent in a PSK handshake: NULL (none is
/// ever negotiated).
#[no_mangle]
pub extern "C" fn SSL_get_psk_identity_hint(s: *const SSL) -> *const c_char {
    let _ = s;
    core::ptr::null()
}

/// `SSL_get_psk_identity(3)`: the identity of a PSK handshake: NULL (none is ever negotiated).
#[no_mangle]
pub extern "C" fn SSL_get_psk_identity(s: *const SSL) -> *const c_char {
    let _ = s;
    core::ptr::null()
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        SSL_CTX_set_psk_client_callback(null_mut(), None);
        SSL_set_psk_client_callback(null_mut(), None);
        SSL_CTX_set_psk_server_callback(null_mut(), None);
        SSL_set_psk_server_callback(null_mut(), None);
        SSL_CTX_set_psk_find_session_callback(null_mut(), None);
        SSL_set_psk_find_session_callback(null_mut(), None);
        SSL_CTX_set_psk_use_session_callback(null_mut(), None);
        SSL_set_psk_use_session_callback(null_mut(), None);
        assert_eq!(SSL_CTX_use_psk_identity_hint(null_mut(), null()), 0);
        assert_eq!(SSL_use_psk_identity_hint(null_mut(), null()), 0);
        assert!(SSL_get_psk_identity_hint(null()).is_null());
        assert!(SSL_get_psk_identity(null()).is_null());
        crate::crypto::err::clear();
    }

    #[test]
    fn hint_limits() {
        let ctx = crate::ffi::ssl::SSL_CTX_new(crate::ffi::ssl::TLS_method());
        assert_eq!(SSL_CTX_use_psk_identity_hint(ctx, c"hint".as_ptr()), 1);
        let long = std::ffi::CString::new(vec![b'a'; 257]).unwrap();
        assert_eq!(SSL_CTX_use_psk_identity_hint(ctx, long.as_ptr()), 0);
        assert_eq!(SSL_CTX_use_psk_identity_hint(ctx, null()), 1);
        let s = crate::ffi::ssl::SSL_new(ctx);
        assert_eq!(SSL_use_psk_identity_hint(s, c"h2".as_ptr()), 1);
        // As in OpenSSL before (or without) a PSK handshake.
        assert!(SSL_get_psk_identity_hint(s).is_null());
        crate::ffi::ssl::SSL_free(s);
        crate::ffi::ssl::SSL_CTX_free(ctx);
        crate::crypto::err::clear();
    }
}
