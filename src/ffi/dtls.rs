//! DTLS (`openssl/ssl.h`, `openssl/dtls1.h`): sslrs speaks TLS only. `DTLS_method()` and
//! friends exist (see `method.rs`) but no connection ever runs DTLS, so the DTLS-only calls
//! fail the way they document failure, and the cookie callbacks are recorded only.

use crate::ffi::recorded::{self, unsupported};
use crate::ffi::types::{SSL, SSL_CTX};
use crate::ffi::void;
use core::ffi::{c_int, c_uchar, c_uint};

/// `BIO_ADDR` (`union bio_addr_st`): only passed through here; build.rs declares it in
/// the headers (`typedef union bio_addr_st BIO_ADDR;`).
pub struct BIO_ADDR {
    _private: [u8; 0],
}

/// `DTLS_timer_cb`.
pub type DTLS_timer_cb = Option<unsafe extern "C" fn(s: *mut SSL, timer_us: c_uint) -> c_uint>;

/// `DTLS_get_data_mtu(3)`: 0, the documented value when it does not apply.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: no connection is DTLS
#[no_mangle]
pub extern "C" fn DTLS_get_data_mtu(s: *const SSL) -> usize {
    let _ = s;
    unsupported(0, "DTLS_get_data_mtu")
}

/// `DTLS_set_timer_cb(3)`: recorded (void: cannot report failure).
///
/// Status: partial — recorded, never called: no connection is DTLS
#[no_mangle]
pub extern "C" fn DTLS_set_timer_cb(s: *mut SSL, cb: DTLS_timer_cb) {
    void(|| recorded::ssl(s, |r| r.timer_cb = recorded::addr(cb)))
}

/// `DTLSv1_listen(3)`: -1 (fatal error).
///
/// Status: fails cleanly — -1 with `ERR_R_UNSUPPORTED`: no connection is DTLS
#[no_mangle]
pub extern "C" fn DTLSv1_listen(s: *mut SSL, client: *mut BIO_ADDR) -> c_int {
    let _ = (s, client);
    unsupported(-1, "DTLSv1_listen")
}

/// `SSL_stateless(3)`: -1 (fatal error).
///
/// Status: fails cleanly — -1 with `ERR_R_UNSUPPORTED`: stateless (HelloRetryRequest cookie)
/// accepts are not implemented
#[no_mangle]
pub extern "C" fn SSL_stateless(s: *mut SSL) -> c_int {
    let _ = s;
    unsupported(-1, "SSL_stateless")
}

/// `SSL_CTX_set_cookie_generate_cb(3)`: recorded.
///
/// Status: partial — recorded, never called: no connection is DTLS
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cookie_generate_cb(
    ctx: *mut SSL_CTX,
    app_gen_cookie_cb: Option<
        unsafe extern "C" fn(ssl: *mut SSL, cookie: *mut c_uchar, cookie_len: *mut c_uint) -> c_int,
    >,
) {
    void(|| recorded::ctx(ctx, |r| r.cookie_cb.0 = recorded::addr(app_gen_cookie_cb)))
}

/// `SSL_CTX_set_cookie_verify_cb(3)`: recorded.
///
/// Status: partial — recorded, never called: no connection is DTLS
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cookie_verify_cb(
    ctx: *mut SSL_CTX,
    app_verify_cookie_cb: Option<
        unsafe extern "C" fn(ssl: *mut SSL, cookie: *const c_uchar, cookie_len: c_uint) -> c_int,
    >,
) {
    void(|| {
        recorded::ctx(ctx, |r| {
            r.cookie_cb.1 = recorded::addr(app_verify_cookie_cb)
        })
    })
}

/// `SSL_CTX_set_stateless_cookie_generate_cb(3)`: recorded.
///
/// Status: partial — recorded, never called: `SSL_stateless` is not implemented
#[no_mangle]
pub extern "C" fn SSL_CTX_set_stateless_cookie_generate_cb(
    ctx: *mut SSL_CTX,
    gen_stateless_cookie_cb: Option<
        unsafe extern "C" fn(ssl: *mut SSL, cookie: *mut c_uchar, cookie_len: *mut usize) -> c_int,
    >,
) {
    void(|| {
        recorded::ctx(ctx, |r| {
            r.stateless_cookie_cb.0 = recorded::addr(gen_stateless_cookie_cb)
        })
    })
}

/// `SSL_CTX_set_stateless_cookie_verify_cb(3)`: recorded.
///
/// Status: partial — recorded, never called: `SSL_stateless` is not implemented
#[no_mangle]
pub extern "C" fn SSL_CTX_set_stateless_cookie_verify_cb(
    ctx: *mut SSL_CTX,
    verify_stateless_cookie_cb: Option<
        unsafe extern "C" fn(ssl: *mut SSL, cookie: *const c_uchar, cookie_len: usize) -> c_int,
    >,
) {
    void(|| {
        recorded::ctx(ctx, |r| {
            r.stateless_cookie_cb.1 = recorded::addr(verify_stateless_cookie_cb)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        assert_eq!(DTLS_get_data_mtu(null()), 0);
        DTLS_set_timer_cb(null_mut(), None);
        assert_eq!(DTLSv1_listen(null_mut(), null_mut()), -1);
        assert_eq!(SSL_stateless(null_mut()), -1);
        SSL_CTX_set_cookie_generate_cb(null_mut(), None);
        SSL_CTX_set_cookie_verify_cb(null_mut(), None);
        SSL_CTX_set_stateless_cookie_generate_cb(null_mut(), None);
        SSL_CTX_set_stateless_cookie_verify_cb(null_mut(), None);
        crate::crypto::err::clear();
    }
}
