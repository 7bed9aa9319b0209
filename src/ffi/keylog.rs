//! Key material of a connection: the key-log callback, the hello randoms, exporters and the
//! Finished messages (`ssl.h`, `tls1.h`).
//!
//! Key-log lines are the NSS format OpenSSL writes, handed to the callback without a newline
//! and with no lock held (see `callbacks`). `SSLKEYLOGFILE` is honoured by the engine for every
//! program, whatever its callbacks.

use crate::error::{lib, Error, Result};
use crate::ffi::call;
use crate::ffi::callbacks::{lock, obj, SSL_CTX_keylog_cb_func};
use crate::ffi::ptr::{in_buf, out_buf};
use crate::ffi::types::{borrow, SSL, SSL_CTX};
use core::ffi::{c_char, c_int, c_void};

fn app<'a>(ctx: *const SSL_CTX) -> Result<&'a crate::ffi::callbacks::CtxApp> {
    // SAFETY: a non-NULL SSL_CTX* is one we handed out and the caller still holds.
    let c = unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))?;
    crate::ffi::callbacks::ctx_app(c).ok_or(Error::internal("SSL_CTX without companion"))
}

fn with_conn<T>(
    ssl: *const SSL,
    fail: T,
    f: impl FnOnce(&mut crate::engine::Conn) -> Result<T>,
) -> T {
    call(fail, || {
        let o = obj(ssl)?;
        let mut c = crate::ffi::callbacks::conn_of(o)?;
        f(&mut c)
    })
}

/// `SSL_CTX_set_keylog_callback(3)`: called with each NSS key-log line (no newline) of the
/// context's connections whose handshake starts afterwards.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_keylog_callback(ctx: *mut SSL_CTX, cb: SSL_CTX_keylog_cb_func) {
    crate::ffi::void(|| {
        lock(&app(ctx)?.hooks).keylog = cb;
        Ok(())
    })
}

/// `SSL_CTX_get_keylog_callback(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_keylog_callback(ctx: *const SSL_CTX) -> SSL_CTX_keylog_cb_func {
    call(None, || Ok(app(ctx)?.hooks().keylog))
}

fn copy_random(ssl: *const SSL, out: *mut u8, outlen: usize, client: bool) -> usize {
    with_conn(ssl, 0, |c| {
        let r = if client {
            c.client_random()
        } else {
            c.server_random()
        };
        if outlen == 0 {
            return Ok(r.len());
        }
        let n = outlen.min(r.len());
        // SAFETY: `out` has `outlen` (>= n) writable bytes per the API.
        let dst = unsafe { out_buf(out.cast(), n) }?;
        dst.copy_from_slice(&r[..n]);
        Ok(n)
    })
}

/// `SSL_get_client_random(3)`: copies up to `outlen` bytes of the ClientHello random (zeros
/// before the handshake) and returns how many; `outlen == 0` returns its size, 32.
#[no_mangle]
pub extern "C" fn SSL_get_client_random(ssl: *const SSL, out: *mut u8, outlen: usize) -> usize {
    copy_random(ssl, out, outlen, true)
}

/// `SSL_get_server_random(3)`: as `SSL_get_client_random`, for the ServerHello random.
#[no_mangle]
pub extern "C" fn SSL_get_server_random(ssl: *const SSL, out: *mut u8, outlen: usize) -> usize {
    copy_random(ssl, out, outlen, false)
}

/// `SSL_export_keying_material(3)`: RFC 5705 / RFC 8446 exporter. 1 on success; -1 before the
/// handshake is complete (nothing queued); 0 on OpenSSL's failures (TLS 1.2: a reserved label
/// or `olen == 0`; TLS 1.3: a NULL label).
#[no_mangle]
pub extern "C" fn SSL_export_keying_material(
    s: *mut SSL,
    out: *mut u8,
    olen: usize,
    label: *const c_char,
    llen: usize,
    context: *const u8,
    contextlen: usize,
    use_context: c_int,
) -> c_int {
    with_conn(s, 0, |c| {
        let label = if label.is_null() && llen == 0 {
            None
        } else {
            // SAFETY: `label` has `llen` readable bytes per the API.
            Some(unsafe { in_buf(label.cast(), llen) }?)
        };
        let context = if use_context != 0 {
            // SAFETY: `context` has `contextlen` readable bytes per the API.
            Some(unsafe { in_buf(context.cast(), contextlen) }?)
        } else {
            None
        };
        // SAFETY: `out` has `olen` writable bytes per the API.
        let out = unsafe { out_buf(out.cast(), olen) }?;
        c.export_keying_material(out, label, context)
    })
}

/// `SSL_export_keying_material_early(3)`: 0 — early data (and its exporter) is not supported;
/// OpenSSL returns 0 without an error outside early data too.
#[no_mangle]
pub extern "C" fn SSL_export_keying_material_early(
    s: *mut SSL,
    out: *mut u8,
    olen: usize,
    label: *const c_char,
    llen: usize,
    context: *const u8,
    contextlen: usize,
) -> c_int {
    let _ = (out, olen, label, llen, context, contextlen);
    with_conn(s, 0, |_| Ok(0))
}

/// `SSL_get_finished(3)`: 0. rustls does not expose the Finished messages' verify_data
/// (OpenSSL returns its length, 12 or the hash size, after a handshake).
///
/// Status: partial — returns 0 (rustls does not expose the Finished messages)
#[no_mangle]
pub extern "C" fn SSL_get_finished(s: *const SSL, buf: *mut c_void, count: usize) -> usize {
    let _ = (buf, count);
    with_conn(s, 0, |_| Ok(0))
}

/// `SSL_get_peer_finished(3)`: 0, as `SSL_get_finished`.
///
/// Status: partial — returns 0 (rustls does not expose the Finished messages)
#[no_mangle]
pub extern "C" fn SSL_get_peer_finished(s: *const SSL, buf: *mut c_void, count: usize) -> usize {
    let _ = (buf, count);
    with_conn(s, 0, |_| Ok(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_handling() {
        SSL_CTX_set_keylog_callback(null_mut(), None);
        assert!(SSL_CTX_get_keylog_callback(null()).is_none());
        assert_eq!(SSL_get_client_random(null(), null_mut(), 0), 0);
        assert_eq!(SSL_get_server_random(null(), null_mut(), 32), 0);
        assert_eq!(
            SSL_export_keying_material(null_mut(), null_mut(), 0, null(), 0, null(), 0, 0),
            0
        );
        assert_eq!(
            SSL_export_keying_material_early(null_mut(), null_mut(), 0, null(), 0, null(), 0),
            0
        );
        assert_eq!(SSL_get_finished(null(), null_mut(), 0), 0);
        assert_eq!(SSL_get_peer_finished(null(), null_mut(), 0), 0);
        crate::crypto::err::clear();
    }
}
