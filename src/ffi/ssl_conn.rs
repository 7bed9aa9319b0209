//! Connection-level odds and ends of `ssl.h`: key updates, renegotiation, post-handshake
//! authentication, early data, `SSL_clear` and `SSL_dup`.
//!
//! Not supported, failing as OpenSSL does when the feature is unavailable: renegotiation (a
//! TLS 1.2 connection behaves as with `SSL_OP_NO_RENEGOTIATION`), post-handshake client
//! authentication (the client never offered it), early data (never sent nor accepted; the
//! limits are recorded).

use crate::engine::context::Settings;
use crate::engine::Conn;
use crate::error::{common, lib, Error, Result};
use crate::ffi::call;
use crate::ffi::callbacks::{self, lock, obj, with_conn_io, SslObj};
use crate::ffi::ptr::write_out;
use crate::ffi::types::{borrow, into_c, up_ref, SSL, SSL_CTX};
use core::ffi::{c_int, c_void};
use std::sync::Arc;

pub const SSL_KEY_UPDATE_NONE: c_int = -1;
pub const SSL_KEY_UPDATE_NOT_REQUESTED: c_int = 0;
pub const SSL_KEY_UPDATE_REQUESTED: c_int = 1;
pub const SSL_READ_EARLY_DATA_ERROR: c_int = 0;
pub const SSL_READ_EARLY_DATA_SUCCESS: c_int = 1;
pub const SSL_READ_EARLY_DATA_FINISH: c_int = 2;
pub const SSL_EARLY_DATA_NOT_SENT: c_int = 0;
pub const SSL_EARLY_DATA_REJECTED: c_int = 1;
pub const SSL_EARLY_DATA_ACCEPTED: c_int = 2;

fn with_conn<T>(ssl: *const SSL, fail: T, f: impl FnOnce(&mut Conn) -> Result<T>) -> T {
    call(fail, || f(&mut *callbacks::conn_of(obj(ssl)?)?))
}

fn ctx_settings<R>(ctx: *const SSL_CTX, f: impl FnOnce(&mut Settings) -> R) -> Result<R> {
    // SAFETY: a non-NULL SSL_CTX* is one we handed out and the caller still holds.
    let c = unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))?;
    Ok(c.settings_mut(f))
}

/// `SSL_key_update(3)`: schedules a TLS 1.3 KeyUpdate for the next `SSL_do_handshake`,
/// `SSL_write` or `SSL_read`. 1, or 0 (wrong version, bad type, in init, pending write).
#[no_mangle]
pub extern "C" fn SSL_key_update(s: *mut SSL, updatetype: c_int) -> c_int {
    with_conn(s, 0, |c| c.key_update(updatetype).map(|()| 1))
}

/// `SSL_get_key_update_type(3)`: the pending update's type, or `SSL_KEY_UPDATE_NONE`.
#[no_mangle]
pub extern "C" fn SSL_get_key_update_type(s: *const SSL) -> c_int {
    with_conn(s, SSL_KEY_UPDATE_NONE, |c| Ok(c.key_update_type()))
}

/// `SSL_renegotiate(3)`: 1 before the handshake (recorded, as OpenSSL); 0 with an error after
/// it (TLS 1.3: wrong version; TLS 1.2: no renegotiation).
///
/// Status: fails cleanly — renegotiation is a deliberate limit
#[no_mangle]
pub extern "C" fn SSL_renegotiate(s: *mut SSL) -> c_int {
    with_conn(s, 0, |c| c.renegotiate().map(|()| 1))
}

/// `SSL_renegotiate_abbreviated(3)`: as `SSL_renegotiate`.
///
/// Status: fails cleanly — renegotiation is a deliberate limit
#[no_mangle]
pub extern "C" fn SSL_renegotiate_abbreviated(s: *mut SSL) -> c_int {
    with_conn(s, 0, |c| c.renegotiate().map(|()| 1))
}

/// `SSL_renegotiate_pending(3)`: 1 while a requested renegotiation has not completed.
#[no_mangle]
pub extern "C" fn SSL_renegotiate_pending(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c_int::from(c.renegotiate_pending())))
}

/// `SSL_verify_client_post_handshake(3)`: 0 with OpenSSL's reason (the client never offers
/// post-handshake authentication to a rustls server).
#[no_mangle]
pub extern "C" fn SSL_verify_client_post_handshake(s: *mut SSL) -> c_int {
    with_conn(s, 0, |c| c.verify_client_post_handshake().map(|()| 1))
}

/// `SSL_CTX_set_max_early_data(3)`: recorded; 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_max_early_data(ctx: *mut SSL_CTX, max_early_data: u32) -> c_int {
    call(0, || {
        ctx_settings(ctx, |s| s.max_early_data = max_early_data).map(|()| 1)
    })
}

/// `SSL_CTX_get_max_early_data(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_max_early_data(ctx: *const SSL_CTX) -> u32 {
    call(0, || ctx_settings(ctx, |s| s.max_early_data))
}

/// `SSL_set_max_early_data(3)`: recorded; 1.
#[no_mangle]
pub extern "C" fn SSL_set_max_early_data(s: *mut SSL, max_early_data: u32) -> c_int {
    with_conn(s, 0, |c| {
        c.settings.max_early_data = max_early_data;
        Ok(1)
    })
}

/// `SSL_get_max_early_data(3)`.
#[no_mangle]
pub extern "C" fn SSL_get_max_early_data(s: *const SSL) -> u32 {
    with_conn(s, 0, |c| Ok(c.settings.max_early_data))
}

/// `SSL_CTX_set_recv_max_early_data(3)`: recorded; 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_recv_max_early_data(
    ctx: *mut SSL_CTX,
    recv_max_early_data: u32,
) -> c_int {
    call(0, || {
        ctx_settings(ctx, |s| s.recv_max_early_data = recv_max_early_data).map(|()| 1)
    })
}

/// `SSL_CTX_get_recv_max_early_data(3)`: 16384 by default.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_recv_max_early_data(ctx: *const SSL_CTX) -> u32 {
    call(0, || ctx_settings(ctx, |s| s.recv_max_early_data))
}

/// `SSL_set_recv_max_early_data(3)`: recorded; 1.
#[no_mangle]
pub extern "C" fn SSL_set_recv_max_early_data(s: *mut SSL, recv_max_early_data: u32) -> c_int {
    with_conn(s, 0, |c| {
        c.settings.recv_max_early_data = recv_max_early_data;
        Ok(1)
    })
}

/// `SSL_get_recv_max_early_data(3)`.
#[no_mangle]
pub extern "C" fn SSL_get_recv_max_early_data(s: *const SSL) -> u32 {
    with_conn(s, 0, |c| Ok(c.settings.recv_max_early_data))
}

/// `SSL_get_early_data_status(3)`: always `SSL_EARLY_DATA_NOT_SENT`.
#[no_mangle]
pub extern "C" fn SSL_get_early_data_status(s: *const SSL) -> c_int {
    with_conn(s, SSL_EARLY_DATA_NOT_SENT, |_| Ok(SSL_EARLY_DATA_NOT_SENT))
}

/// `SSL_write_early_data(3)`: 0 with `ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED`, as OpenSSL for a
/// connection without a session that allows early data (sslrs never has one).
///
/// Status: partial — early data is never sent
#[no_mangle]
pub extern "C" fn SSL_write_early_data(
    s: *mut SSL,
    buf: *const c_void,
    num: usize,
    written: *mut usize,
) -> c_int {
    let _ = (buf, num, written);
    with_conn(s, 0, |_| {
        Err(Error::new(
            lib::SSL,
            common::SHOULD_NOT_HAVE_BEEN_CALLED,
            "SSL_write_early_data",
        ))
    })
}

/// `SSL_read_early_data(3)`: on a server in the "before" state, runs the handshake until the
/// server's flight is out and returns `SSL_READ_EARLY_DATA_FINISH` (no early data is ever
/// accepted), or `SSL_READ_EARLY_DATA_ERROR` with `SSL_get_error` telling why (call again);
/// `ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED` on a client or after that.
///
/// Status: partial — early data is never accepted: reports SSL_READ_EARLY_DATA_FINISH
#[no_mangle]
pub extern "C" fn SSL_read_early_data(
    s: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    let _ = (buf, num);
    with_conn_io(s, SSL_READ_EARLY_DATA_ERROR, |c| {
        // SAFETY: errno is thread-local.
        unsafe { *libc::__errno_location() = 0 };
        let r = c.read_early_data()?;
        if r == SSL_READ_EARLY_DATA_FINISH {
            // SAFETY: NULL or a valid out-parameter.
            unsafe { write_out(readbytes, 0) };
        }
        Ok(r)
    })
}

/// `SSL_clear(3)`: resets the connection for a new handshake; the role, settings, BIOs and
/// verify result stay. 1.
#[no_mangle]
pub extern "C" fn SSL_clear(s: *mut SSL) -> c_int {
    with_conn(s, 0, |c| {
        c.clear();
        Ok(1)
    })
}

/// `SSL_dup(3)`: for a connection that has not started its handshake, a new `SSL` with its
/// context, role, settings, verify host and info callback (not its BIOs, SNI or quiet-shutdown
/// flag, as OpenSSL 3.0); otherwise the same `SSL` with one more reference, as OpenSSL does.
#[no_mangle]
pub extern "C" fn SSL_dup(ssl: *mut SSL) -> *mut SSL {
    crate::ffi::null_on_error(|| {
        let o = obj(ssl)?;
        let conn = {
            let c = callbacks::conn_of(o)?;
            if !(c.in_init() && c.in_before()) {
                None
            } else {
                let mut n = Conn::new(c.ctx.clone());
                let quiet = n.settings.quiet_shutdown;
                n.settings = c.settings.clone();
                n.settings.quiet_shutdown = quiet;
                n.host = c.host.clone();
                n.checks = c.checks.clone();
                n.sess = c.sess.duplicate();
                if let Some(role) = c.role() {
                    n.set_role(role);
                }
                Some(n)
            }
        };
        let Some(conn) = conn else {
            // SAFETY: a live SSL pointer; the caller receives the new reference.
            unsafe { up_ref::<SSL>(ssl) };
            return Ok(ssl);
        };
        let new = SslObj::new(conn);
        *lock(&new.hooks) = *lock(&o.hooks);
        let p = into_c::<SSL>(Arc::new(new));
        // SAFETY: `p` was just made by `into_c` and holds our reference.
        if let Some(n) = unsafe { borrow::<SSL>(p) } {
            n.ex.created(p.cast());
        }
        Ok(p)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_handling() {
        assert_eq!(SSL_key_update(null_mut(), 0), 0);
        assert_eq!(SSL_get_key_update_type(null()), SSL_KEY_UPDATE_NONE);
        assert_eq!(SSL_renegotiate(null_mut()), 0);
        assert_eq!(SSL_renegotiate_abbreviated(null_mut()), 0);
        assert_eq!(SSL_renegotiate_pending(null()), 0);
        assert_eq!(SSL_verify_client_post_handshake(null_mut()), 0);
        assert_eq!(SSL_CTX_set_max_early_data(null_mut(), 1), 0);
        assert_eq!(SSL_CTX_get_max_early_data(null()), 0);
        assert_eq!(SSL_set_max_early_data(null_mut(), 1), 0);
        assert_eq!(SSL_get_max_early_data(null()), 0);
        assert_eq!(SSL_CTX_set_recv_max_early_data(null_mut(), 1), 0);
        assert_eq!(SSL_CTX_get_recv_max_early_data(null()), 0);
        assert_eq!(SSL_set_recv_max_early_data(null_mut(), 1), 0);
        assert_eq!(SSL_get_recv_max_early_data(null()), 0);
        assert_eq!(SSL_get_early_data_status(null()), 0);
        assert_eq!(SSL_write_early_data(null_mut(), null(), 0, null_mut()), 0);
        assert_eq!(
            SSL_read_early_data(null_mut(), null_mut(), 0, null_mut()),
            0
        );
        assert_eq!(SSL_clear(null_mut()), 0);
        assert!(SSL_dup(null_mut()).is_null());
        crate::crypto::err::clear();
    }
}
