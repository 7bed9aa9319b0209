//! SRP (`SSL_CTX_set_srp_*`, `SSL_set_srp_server_param*`, `SSL_get_srp_*`; deprecated in
//! OpenSSL 3.0): sslrs has no SRP cipher suites. Callbacks and their argument are recorded (an
//! SRP callback is only ever called for an SRP suite, which is never negotiated); the calls that
//! would configure credentials fail as documented, so a program never believes SRP is set up.

use crate::error::{lib, Error};
use crate::ffi::recorded::{self, unsupported};
use crate::ffi::types::{SSL, SSL_CTX};
use crate::ffi::{call, one_or_zero};
use core::ffi::{c_char, c_int, c_void};

/// `BIGNUM` (`struct bignum_st`), only returned (NULL) here.
pub use crate::ffi::opaque::BIGNUM;

/// `SSL_CTX_SRP_CTX_init(3)`: 1 (there is no SRP state to set up); 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_SRP_CTX_init(ctx: *mut SSL_CTX) -> c_int {
    one_or_zero(|| recorded::ctx(ctx, |_| ()))
}

/// `SSL_CTX_SRP_CTX_free(3)`: 1 (there is no SRP state to free); 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_SRP_CTX_free(ctx: *mut SSL_CTX) -> c_int {
    one_or_zero(|| recorded::ctx(ctx, |_| ()))
}

/// `SSL_SRP_CTX_init(3)`: 1; 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_SRP_CTX_init(s: *mut SSL) -> c_int {
    one_or_zero(|| crate::ffi::callbacks::obj(s).map(|_| ()))
}

/// `SSL_SRP_CTX_free(3)`: 1; 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_SRP_CTX_free(s: *mut SSL) -> c_int {
    one_or_zero(|| crate::ffi::callbacks::obj(s).map(|_| ()))
}

/// `SSL_CTX_set_srp_username(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_username(ctx: *mut SSL_CTX, name: *mut c_char) -> c_int {
    let _ = (ctx, name);
    unsupported(0, "SSL_CTX_set_srp_username")
}

/// `SSL_CTX_set_srp_password(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_password(ctx: *mut SSL_CTX, password: *mut c_char) -> c_int {
    let _ = (ctx, password);
    unsupported(0, "SSL_CTX_set_srp_password")
}

/// `SSL_CTX_set_srp_strength(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_strength(ctx: *mut SSL_CTX, strength: c_int) -> c_int {
    let _ = (ctx, strength);
    unsupported(0, "SSL_CTX_set_srp_strength")
}

/// `SSL_CTX_set_srp_client_pwd_callback(3)`: recorded, 1.
///
/// Status: partial — recorded, never called: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_client_pwd_callback(
    ctx: *mut SSL_CTX,
    cb: Option<unsafe extern "C" fn(arg1: *mut SSL, arg2: *mut c_void) -> *mut c_char>,
) -> c_int {
    one_or_zero(|| recorded::ctx(ctx, |r| r.srp_client_pwd_cb = recorded::addr(cb)))
}

/// `SSL_CTX_set_srp_verify_param_callback(3)`: recorded, 1.
///
/// Status: partial — recorded, never called: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_verify_param_callback(
    ctx: *mut SSL_CTX,
    cb: Option<unsafe extern "C" fn(arg1: *mut SSL, arg2: *mut c_void) -> c_int>,
) -> c_int {
    one_or_zero(|| recorded::ctx(ctx, |r| r.srp_verify_param_cb = recorded::addr(cb)))
}

/// `SSL_CTX_set_srp_username_callback(3)`: recorded, 1.
///
/// Status: partial — recorded, never called: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_username_callback(
    ctx: *mut SSL_CTX,
    cb: Option<unsafe extern "C" fn(arg1: *mut SSL, arg2: *mut c_int, arg3: *mut c_void) -> c_int>,
) -> c_int {
    one_or_zero(|| recorded::ctx(ctx, |r| r.srp_username_cb = recorded::addr(cb)))
}

/// `SSL_CTX_set_srp_cb_arg(3)`: recorded, 1.
///
/// Status: partial — recorded, never passed to a callback: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_CTX_set_srp_cb_arg(ctx: *mut SSL_CTX, arg: *mut c_void) -> c_int {
    one_or_zero(|| recorded::ctx(ctx, |r| r.srp_cb_arg = arg as usize))
}

/// `SSL_set_srp_server_param(3)`: -1 (failure).
///
/// Status: fails cleanly — -1 with `ERR_R_UNSUPPORTED`: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_set_srp_server_param(
    s: *mut SSL,
    N: *const BIGNUM,
    g: *const BIGNUM,
    sa: *mut BIGNUM,
    v: *mut BIGNUM,
    info: *mut c_char,
) -> c_int {
    let _ = (s, N, g, sa, v, info);
    unsupported(-1, "SSL_set_srp_server_param")
}

/// `SSL_set_srp_server_param_pw(3)`: -1 (failure).
///
/// Status: fails cleanly — -1 with `ERR_R_UNSUPPORTED`: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_set_srp_server_param_pw(
    s: *mut SSL,
    user: *const c_char,
    pass: *const c_char,
    grp: *const c_char,
) -> c_int {
    let _ = (s, user, pass, grp);
    unsupported(-1, "SSL_set_srp_server_param_pw")
}

/// `SSL_srp_server_param_with_username(3)`: `SSL3_AL_FATAL` (2) with `*ad` set to
/// `SSL_AD_INTERNAL_ERROR`.
///
/// Status: fails cleanly — `SSL3_AL_FATAL` with `ERR_R_UNSUPPORTED`: no SRP suites
#[no_mangle]
pub extern "C" fn SSL_srp_server_param_with_username(s: *mut SSL, ad: *mut c_int) -> c_int {
    let _ = s;
    call(2, || {
        if !ad.is_null() {
            // SAFETY: a writable int per the API.
            unsafe { crate::ffi::ptr::write_out(ad, crate::ffi::tls1::SSL_AD_INTERNAL_ERROR) };
        }
        Err(Error::unsupported(
            lib::SSL,
            "SSL_srp_server_param_with_username",
        ))
    })
}

/// `SRP_Calc_A_param(3)`: 0 (failure).
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: no SRP suites
#[no_mangle]
pub extern "C" fn SRP_Calc_A_param(s: *mut SSL) -> c_int {
    let _ = s;
    unsupported(0, "SRP_Calc_A_param")
}

/// `SSL_get_srp_g(3)`: NULL (no SRP parameters).
#[no_mangle]
pub extern "C" fn SSL_get_srp_g(s: *mut SSL) -> *mut BIGNUM {
    let _ = s;
    core::ptr::null_mut()
}

/// `SSL_get_srp_N(3)`: NULL (no SRP parameters).
#[no_mangle]
pub extern "C" fn SSL_get_srp_N(s: *mut SSL) -> *mut BIGNUM {
    let _ = s;
    core::ptr::null_mut()
}

/// `SSL_get_srp_username(3)`: NULL (no SRP user).
#[no_mangle]
pub extern "C" fn SSL_get_srp_username(s: *mut SSL) -> *mut c_char {
    let _ = s;
    core::ptr::null_mut()
}

/// `SSL_get_srp_userinfo(3)`: NULL (no SRP user).
#[no_mangle]
pub extern "C" fn SSL_get_srp_userinfo(s: *mut SSL) -> *mut c_char {
    let _ = s;
    core::ptr::null_mut()
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        assert_eq!(SSL_CTX_SRP_CTX_init(null_mut()), 0);
        assert_eq!(SSL_CTX_SRP_CTX_free(null_mut()), 0);
        assert_eq!(SSL_SRP_CTX_init(null_mut()), 0);
        assert_eq!(SSL_SRP_CTX_free(null_mut()), 0);
        assert_eq!(SSL_CTX_set_srp_username(null_mut(), null_mut()), 0);
        assert_eq!(SSL_CTX_set_srp_password(null_mut(), null_mut()), 0);
        assert_eq!(SSL_CTX_set_srp_strength(null_mut(), -1), 0);
        assert_eq!(SSL_CTX_set_srp_client_pwd_callback(null_mut(), None), 0);
        assert_eq!(SSL_CTX_set_srp_verify_param_callback(null_mut(), None), 0);
        assert_eq!(SSL_CTX_set_srp_username_callback(null_mut(), None), 0);
        assert_eq!(SSL_CTX_set_srp_cb_arg(null_mut(), null_mut()), 0);
        assert_eq!(
            SSL_set_srp_server_param(
                null_mut(),
                null(),
                null(),
                null_mut(),
                null_mut(),
                null_mut()
            ),
            -1
        );
        assert_eq!(
            SSL_set_srp_server_param_pw(null_mut(), null(), null(), null()),
            -1
        );
        assert_eq!(
            SSL_srp_server_param_with_username(null_mut(), null_mut()),
            2
        );
        assert_eq!(SRP_Calc_A_param(null_mut()), 0);
        assert!(SSL_get_srp_g(null_mut()).is_null());
        assert!(SSL_get_srp_N(null_mut()).is_null());
        assert!(SSL_get_srp_username(null_mut()).is_null());
        assert!(SSL_get_srp_userinfo(null_mut()).is_null());
        crate::crypto::err::clear();
    }

    #[test]
    fn deliberate_differences() {
        // OpenSSL accepts SRP credentials (1); sslrs refuses them (it has no SRP suites).
        let ctx = crate::ffi::ssl::SSL_CTX_new(crate::ffi::ssl::TLS_method());
        let mut name = *b"user\0";
        assert_eq!(SSL_CTX_set_srp_username(ctx, name.as_mut_ptr().cast()), 0);
        assert_eq!(SSL_CTX_set_srp_strength(ctx, 1024), 0);
        // callbacks are recorded (1), as in OpenSSL
        assert_eq!(SSL_CTX_set_srp_cb_arg(ctx, null_mut()), 1);
        assert_eq!(SSL_CTX_SRP_CTX_init(ctx), 1);
        crate::ffi::ssl::SSL_CTX_free(ctx);
        crate::crypto::err::clear();
    }
}
