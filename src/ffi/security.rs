//! Security callbacks and ex_data (`SSL_CTX_set_security_callback`, `set0_security_ex_data`),
//! temporary DH parameters (`SSL_CTX_set0_tmp_dh_pkey`, `set_tmp_dh_callback`: sslrs negotiates
//! no finite-field DHE), `SSL_check_chain`, client-certificate engines.
//!
//! sslrs enforces its security level itself (certificate key sizes; see `SSL_CTX_set_security_level`)
//! and never calls a security callback. The callback and its ex_data are recorded so a program
//! can read them back; with none set, the getters return a default callback a program may chain
//! to, which judges strength (`bits`) against the security level.

use crate::error::{ssl_r, Error};
use crate::ffi::opaque::{stack_st_X509, DH, ENGINE};
use crate::ffi::recorded::{self, unsupported, SecurityCb};
use crate::ffi::types::{EVP_PKEY, SSL, SSL_CTX, X509};
use crate::ffi::{call, void};
use core::ffi::{c_int, c_void};

/// `SSL_SECOP_OTHER_MASK`: the kind of object an operation is about.
const SECOP_OTHER_MASK: c_int = 0xF << 16;

/// Minimum strength (bits) of each security level, as OpenSSL documents them.
fn min_bits(level: c_int) -> c_int {
    match level {
        i32::MIN..=0 => 0,
        1 => 80,
        2 => 112,
        3 => 128,
        4 => 192,
        _ => 256,
    }
}

/// The default security callback the getters return when none was set.
unsafe extern "C" fn default_security_cb(
    s: *const SSL,
    ctx: *const SSL_CTX,
    op: c_int,
    bits: c_int,
    nid: c_int,
    other: *mut c_void,
    ex: *mut c_void,
) -> c_int {
    let _ = (nid, other, ex);
    let level = if !s.is_null() {
        crate::ffi::config::SSL_get_security_level(s)
    } else if !ctx.is_null() {
        crate::ffi::config::SSL_CTX_get_security_level(ctx)
    } else {
        crate::engine::config::DEFAULT_SECURITY_LEVEL
    };
    // Operations about no object (version, tickets, compression) are not a matter of bits.
    if op & SECOP_OTHER_MASK == 0 {
        return 1;
    }
    c_int::from(bits >= min_bits(level))
}

fn effective(cb: Option<SecurityCb>) -> SecurityCb {
    cb.unwrap_or(Some(default_security_cb))
}

/// `SSL_CTX_set_security_callback(3)`: recorded (NULL goes back to the default).
///
/// Status: partial — recorded, never called: sslrs applies its security level itself
#[no_mangle]
pub extern "C" fn SSL_CTX_set_security_callback(
    ctx: *mut SSL_CTX,
    cb: Option<
        unsafe extern "C" fn(
            s: *const SSL,
            ctx: *const SSL_CTX,
            op: c_int,
            bits: c_int,
            nid: c_int,
            other: *mut c_void,
            ex: *mut c_void,
        ) -> c_int,
    >,
) {
    void(|| recorded::ctx(ctx, |r| r.security_cb = cb.map(Some)))
}

/// `SSL_set_security_callback(3)`: recorded for this connection.
///
/// Status: partial — recorded, never called: sslrs applies its security level itself
#[no_mangle]
pub extern "C" fn SSL_set_security_callback(
    s: *mut SSL,
    cb: Option<
        unsafe extern "C" fn(
            s: *const SSL,
            ctx: *const SSL_CTX,
            op: c_int,
            bits: c_int,
            nid: c_int,
            other: *mut c_void,
            ex: *mut c_void,
        ) -> c_int,
    >,
) {
    void(|| recorded::ssl(s, |r| r.security_cb = cb.map(Some)))
}

/// `SSL_CTX_get_security_callback(3)`: the callback set, or the default one (never NULL for a
/// context, as in OpenSSL).
///
/// Status: partial — the default callback judges only `bits` against the security level
#[no_mangle]
pub extern "C" fn SSL_CTX_get_security_callback(
    ctx: *const SSL_CTX,
) -> Option<
    unsafe extern "C" fn(
        s: *const SSL,
        ctx: *const SSL_CTX,
        op: c_int,
        bits: c_int,
        nid: c_int,
        other: *mut c_void,
        ex: *mut c_void,
    ) -> c_int,
> {
    call(None, || recorded::ctx(ctx, |r| effective(r.security_cb)))
}

/// `SSL_get_security_callback(3)`: as `SSL_CTX_get_security_callback`, for one connection.
///
/// Status: partial — the default callback judges only `bits` against the security level
#[no_mangle]
pub extern "C" fn SSL_get_security_callback(
    s: *const SSL,
) -> Option<
    unsafe extern "C" fn(
        s: *const SSL,
        ctx: *const SSL_CTX,
        op: c_int,
        bits: c_int,
        nid: c_int,
        other: *mut c_void,
        ex: *mut c_void,
    ) -> c_int,
> {
    call(None, || recorded::ssl(s, |r| effective(r.security_cb)))
}

/// `SSL_CTX_set0_security_ex_data(3)`: recorded.
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_security_ex_data(ctx: *mut SSL_CTX, ex: *mut c_void) {
    void(|| recorded::ctx(ctx, |r| r.security_ex = ex as usize))
}

/// `SSL_set0_security_ex_data(3)`: recorded.
#[no_mangle]
pub extern "C" fn SSL_set0_security_ex_data(s: *mut SSL, ex: *mut c_void) {
    void(|| recorded::ssl(s, |r| r.security_ex = ex as usize))
}

/// `SSL_CTX_get0_security_ex_data(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_security_ex_data(ctx: *const SSL_CTX) -> *mut c_void {
    call(core::ptr::null_mut(), || {
        recorded::ctx(ctx, |r| r.security_ex as *mut c_void)
    })
}

/// `SSL_get0_security_ex_data(3)`.
#[no_mangle]
pub extern "C" fn SSL_get0_security_ex_data(s: *const SSL) -> *mut c_void {
    call(core::ptr::null_mut(), || {
        recorded::ssl(s, |r| r.security_ex as *mut c_void)
    })
}

fn take_dh_pkey(
    check: crate::error::Result<()>,
    dhpkey: *mut EVP_PKEY,
    func: &'static str,
) -> c_int {
    call(0, || {
        check?;
        if dhpkey.is_null() {
            // OpenSSL's answer: a missing key is judged too small.
            return Err(Error::ssl(ssl_r::DH_KEY_TOO_SMALL, func));
        }
        // The key is ours now (set0); sslrs never uses it.
        crate::ffi::evp::EVP_PKEY_free(dhpkey);
        Ok(1)
    })
}

/// `SSL_CTX_set0_tmp_dh_pkey(3)`: takes `dhpkey` (1); NULL gives 0 with
/// `SSL_R_DH_KEY_TOO_SMALL`, as in OpenSSL.
///
/// Status: partial — the key is accepted and released: sslrs negotiates no DHE
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_tmp_dh_pkey(ctx: *mut SSL_CTX, dhpkey: *mut EVP_PKEY) -> c_int {
    take_dh_pkey(
        recorded::ctx(ctx, |_| ()),
        dhpkey,
        "SSL_CTX_set0_tmp_dh_pkey",
    )
}

/// `SSL_set0_tmp_dh_pkey(3)`: as `SSL_CTX_set0_tmp_dh_pkey`.
///
/// Status: partial — the key is accepted and released: sslrs negotiates no DHE
#[no_mangle]
pub extern "C" fn SSL_set0_tmp_dh_pkey(s: *mut SSL, dhpkey: *mut EVP_PKEY) -> c_int {
    take_dh_pkey(recorded::ssl(s, |_| ()), dhpkey, "SSL_set0_tmp_dh_pkey")
}

/// `SSL_CTX_set_tmp_dh_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no DHE
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tmp_dh_callback(
    ctx: *mut SSL_CTX,
    dh: Option<unsafe extern "C" fn(ssl: *mut SSL, is_export: c_int, keylength: c_int) -> *mut DH>,
) {
    void(|| recorded::ctx(ctx, |r| r.tmp_dh_cb = recorded::addr(dh)))
}

/// `SSL_set_tmp_dh_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs negotiates no DHE
#[no_mangle]
pub extern "C" fn SSL_set_tmp_dh_callback(
    ssl: *mut SSL,
    dh: Option<unsafe extern "C" fn(ssl: *mut SSL, is_export: c_int, keylength: c_int) -> *mut DH>,
) {
    void(|| recorded::ssl(ssl, |r| r.tmp_dh_cb = recorded::addr(dh)))
}

/// `SSL_check_chain(3)`: 0 ("not usable") for a NULL certificate, as OpenSSL.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED` for a certificate: the validity flags
/// are not computed
#[no_mangle]
pub extern "C" fn SSL_check_chain(
    s: *mut SSL,
    x: *mut X509,
    pk: *mut EVP_PKEY,
    chain: *mut stack_st_X509,
) -> c_int {
    let _ = (s, pk, chain);
    if x.is_null() {
        return 0;
    }
    unsupported(0, "SSL_check_chain")
}

/// `SSL_CTX_set_client_cert_engine(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: no ENGINE support
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_cert_engine(ctx: *mut SSL_CTX, e: *mut ENGINE) -> c_int {
    let _ = (ctx, e);
    unsupported(0, "SSL_CTX_set_client_cert_engine")
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        SSL_CTX_set_security_callback(null_mut(), None);
        SSL_set_security_callback(null_mut(), None);
        assert!(SSL_CTX_get_security_callback(null()).is_none());
        assert!(SSL_get_security_callback(null()).is_none());
        SSL_CTX_set0_security_ex_data(null_mut(), null_mut());
        SSL_set0_security_ex_data(null_mut(), null_mut());
        assert!(SSL_CTX_get0_security_ex_data(null()).is_null());
        assert!(SSL_get0_security_ex_data(null()).is_null());
        assert_eq!(SSL_CTX_set0_tmp_dh_pkey(null_mut(), null_mut()), 0);
        assert_eq!(SSL_set0_tmp_dh_pkey(null_mut(), null_mut()), 0);
        SSL_CTX_set_tmp_dh_callback(null_mut(), None);
        SSL_set_tmp_dh_callback(null_mut(), None);
        assert_eq!(
            SSL_check_chain(null_mut(), null_mut(), null_mut(), null_mut()),
            0
        );
        assert_eq!(SSL_CTX_set_client_cert_engine(null_mut(), null_mut()), 0);
        crate::crypto::err::clear();
    }

    unsafe extern "C" fn mine(
        _: *const SSL,
        _: *const SSL_CTX,
        _: c_int,
        _: c_int,
        _: c_int,
        _: *mut c_void,
        _: *mut c_void,
    ) -> c_int {
        7
    }

    #[test]
    fn callbacks_round_trip() {
        let ctx = crate::ffi::ssl::SSL_CTX_new(crate::ffi::ssl::TLS_method());
        let def = SSL_CTX_get_security_callback(ctx).expect("a default callback");
        // SAFETY: the default callback with a live context.
        unsafe {
            assert_eq!(def(null(), ctx, 1 << 16, 128, 0, null_mut(), null_mut()), 1);
            assert_eq!(def(null(), ctx, 1 << 16, 40, 0, null_mut(), null_mut()), 0);
            assert_eq!(def(null(), ctx, 9, 0, 0x0303, null_mut(), null_mut()), 1);
        }
        SSL_CTX_set_security_callback(ctx, Some(mine));
        SSL_CTX_set0_security_ex_data(ctx, 5 as *mut c_void);
        let s = crate::ffi::ssl::SSL_new(ctx);
        let got = SSL_get_security_callback(s).expect("inherited");
        // SAFETY: our own callback.
        assert_eq!(
            unsafe { got(null(), null(), 0, 0, 0, null_mut(), null_mut()) },
            7
        );
        assert_eq!(SSL_get0_security_ex_data(s), 5 as *mut c_void);
        SSL_set_security_callback(s, None);
        assert!(SSL_get_security_callback(s).is_some());
        assert_eq!(SSL_CTX_set0_tmp_dh_pkey(ctx, null_mut()), 0);
        crate::ffi::ssl::SSL_free(s);
        crate::ffi::ssl::SSL_CTX_free(ctx);
        crate::crypto::err::clear();
    }
}
