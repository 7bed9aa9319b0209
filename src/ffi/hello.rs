//! The ClientHello stage as programs see it (`ssl.h`, `tls1.h`): ALPN (`SSL_CTX_set_alpn_protos`,
//! the select callback, `SSL_select_next_proto`, `SSL_get0_alpn_selected`), SNI on the server
//! (the servername callback, `SSL_get_servername`, `SSL_set_SSL_CTX`) and the client hello
//! callback with its `SSL_client_hello_get0_*` accessors.
//!
//! The callbacks run from [`run_hello_callbacks`], called by `with_conn_io` with the connection
//! unlocked, in OpenSSL's order: client hello, servername, then ALPN selection with the
//! context that is current after the servername callback.

use crate::engine::{AlpnChoice, HelloInfo, HelloOutcome};
use crate::error::{lib, ssl_r, Error, Result};
use crate::ffi::callbacks::{
    self, conn_of, ctx_app, lock, obj, CtxApp, SSL_CTX_alpn_select_cb_func, SSL_client_hello_cb_fn,
    ServernameCb, SslObj,
};
use crate::ffi::ptr::{in_buf, write_out};
use crate::ffi::ssl::TLSEXT_NAMETYPE_host_name;
use crate::ffi::types::{borrow, clone_arc, SSL, SSL_CTX};
use crate::ffi::{call, guard, void};
use core::ffi::{c_char, c_int, c_long, c_uint, c_void};
use std::sync::Arc;

pub const SSL_TLSEXT_ERR_OK: c_int = 0;
pub const SSL_TLSEXT_ERR_ALERT_WARNING: c_int = 1;
pub const SSL_TLSEXT_ERR_ALERT_FATAL: c_int = 2;
pub const SSL_TLSEXT_ERR_NOACK: c_int = 3;
pub const OPENSSL_NPN_UNSUPPORTED: c_int = 0;
pub const OPENSSL_NPN_NEGOTIATED: c_int = 1;
pub const OPENSSL_NPN_NO_OVERLAP: c_int = 2;
pub const SSL_CLIENT_HELLO_SUCCESS: c_int = 1;
pub const SSL_CLIENT_HELLO_ERROR: c_int = 0;
pub const SSL_CLIENT_HELLO_RETRY: c_int = -1;
pub const SSL_CTRL_SET_TLSEXT_SERVERNAME_CB: c_int = 53;
pub const SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG: c_int = 54;

/// TLS alert descriptions used here.
const AD_INTERNAL_ERROR: c_int = 80;
const AD_UNRECOGNIZED_NAME: c_int = 112;

fn ctx_hooks_app<'a>(ctx: *const SSL_CTX) -> Result<&'a CtxApp> {
    // SAFETY: a non-NULL SSL_CTX* is one we handed out and the caller still holds.
    let c = unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))?;
    ctx_app(c).ok_or(Error::internal("SSL_CTX without companion"))
}

fn alert_of(al: c_int) -> u8 {
    u8::try_from(al).unwrap_or(AD_INTERNAL_ERROR as u8)
}

/// Runs the application's ClientHello callbacks for `info`, unlocked, and says what they
/// decided.
pub fn run_hello_callbacks(ssl: *const SSL, o: &SslObj, info: HelloInfo) -> HelloOutcome {
    let info = Arc::new(info);
    *lock(&o.hello) = Some(info.clone());
    let outcome = decide(ssl as *mut SSL, o, &info);
    *lock(&o.hello) = None;
    outcome
}

fn current_hooks(o: &SslObj) -> callbacks::CtxHooks {
    conn_of(o)
        .ok()
        .map(|c| c.ctx.clone())
        .and_then(|ctx| ctx_app(&ctx).map(CtxApp::hooks))
        .unwrap_or_default()
}

fn decide(ssl: *mut SSL, o: &SslObj, info: &HelloInfo) -> HelloOutcome {
    let refuse = |al: c_int, func: &'static str| HelloOutcome {
        alpn: AlpnChoice::None,
        abort: Some((Error::ssl(ssl_r::CALLBACK_FAILED, func), alert_of(al))),
    };
    let hooks = current_hooks(o);
    if let Some(cb) = hooks.client_hello {
        let mut al = AD_INTERNAL_ERROR;
        // SAFETY: the application's callback with OpenSSL's arguments.
        let r = unsafe { cb(ssl, &mut al, hooks.client_hello_arg as *mut c_void) };
        if r != SSL_CLIENT_HELLO_SUCCESS {
            return refuse(al, "tls_early_post_process_client_hello");
        }
    }
    crate::ffi::session::external_lookup(ssl, o, info);
    let hooks = current_hooks(o);
    if let Some(cb) = hooks.servername {
        let mut al = AD_UNRECOGNIZED_NAME;
        // SAFETY: as above.
        let r = unsafe { cb(ssl, &mut al, hooks.servername_arg as *mut c_void) };
        if r == SSL_TLSEXT_ERR_ALERT_FATAL {
            return refuse(al, "final_server_name");
        }
    }
    // The certificate callback (OpenSSL calls it next in TLS 1.2, after ALPN in TLS 1.3).
    if let Some((e, alert)) = crate::ffi::certs::run_cert_cb(ssl, o) {
        return HelloOutcome {
            alpn: AlpnChoice::None,
            abort: Some((e, alert)),
        };
    }
    // ALPN selection uses the context the servername callback may have switched to.
    let hooks = current_hooks(o);
    let mut alpn = AlpnChoice::None;
    if let (Some(cb), false) = (hooks.alpn_select, info.alpn.is_empty()) {
        let mut out: *const u8 = core::ptr::null();
        let mut outlen: u8 = 0;
        // SAFETY: as above; `info.alpn` outlives the call.
        let r = unsafe {
            cb(
                ssl,
                &mut out,
                &mut outlen,
                info.alpn.as_ptr(),
                info.alpn.len() as c_uint,
                hooks.alpn_select_arg as *mut c_void,
            )
        };
        alpn = match r {
            SSL_TLSEXT_ERR_OK => {
                // SAFETY: the callback points `out` at `outlen` bytes that live at least until
                // it returns (usually into `in` or static data).
                match unsafe { in_buf(out.cast(), usize::from(outlen)) } {
                    Ok(p) if !p.is_empty() => AlpnChoice::Select(p.to_vec()),
                    _ => AlpnChoice::None,
                }
            }
            SSL_TLSEXT_ERR_ALERT_FATAL | SSL_TLSEXT_ERR_ALERT_WARNING => AlpnChoice::Fatal,
            _ => AlpnChoice::None,
        };
    }
    HelloOutcome { alpn, abort: None }
}

// ---------------------------------------------------------------------------------------------
// ALPN

fn protos_arg<'a>(protos: *const u8, len: c_uint) -> Option<&'a [u8]> {
    if protos.is_null() || len == 0 {
        return Some(&[]);
    }
    // SAFETY: `protos` has `len` readable bytes per the API.
    let p = unsafe { in_buf(protos.cast(), len as usize) }.ok()?;
    crate::engine::conn::alpn_wire_valid(p).then_some(p)
}

/// `SSL_CTX_set_alpn_protos(3)`: the protocols a client offers, in wire format. Returns 0 on
/// success and 1 on failure (OpenSSL's inverted convention); NULL or an empty list clears.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_alpn_protos(
    ctx: *mut SSL_CTX,
    protos: *const u8,
    protos_len: c_uint,
) -> c_int {
    call(1, || {
        // SAFETY: a non-NULL SSL_CTX* is one we handed out.
        let c = unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))?;
        let Some(p) = protos_arg(protos, protos_len) else {
            return Ok(1);
        };
        c.settings_mut(|s| s.alpn = p.to_vec());
        Ok(0)
    })
}

/// `SSL_set_alpn_protos(3)`: as `SSL_CTX_set_alpn_protos`, for one connection.
#[no_mangle]
pub extern "C" fn SSL_set_alpn_protos(
    ssl: *mut SSL,
    protos: *const u8,
    protos_len: c_uint,
) -> c_int {
    call(1, || {
        let o = obj(ssl)?;
        let Some(p) = protos_arg(protos, protos_len) else {
            return Ok(1);
        };
        conn_of(o)?.settings.alpn = p.to_vec();
        Ok(0)
    })
}

/// `SSL_CTX_set_alpn_select_cb(3)`: the server's choice among the client's protocols. Its
/// result: `SSL_TLSEXT_ERR_OK` (selected), `NOACK` (no ALPN), `ALERT_FATAL` or `ALERT_WARNING`
/// (the handshake fails with no_application_protocol, as in OpenSSL 3.0).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_alpn_select_cb(
    ctx: *mut SSL_CTX,
    cb: SSL_CTX_alpn_select_cb_func,
    arg: *mut c_void,
) {
    void(|| {
        let mut h = lock(&ctx_hooks_app(ctx)?.hooks);
        h.alpn_select = cb;
        h.alpn_select_arg = arg as usize;
        Ok(())
    })
}

/// `SSL_get0_alpn_selected(3)`: the negotiated protocol (owned by the connection), or NULL/0.
#[no_mangle]
pub extern "C" fn SSL_get0_alpn_selected(ssl: *const SSL, data: *mut *const u8, len: *mut c_uint) {
    let (p, l) = call((core::ptr::null(), 0), || {
        let o = obj(ssl)?;
        let c = conn_of(o)?;
        Ok(match c.alpn_selected() {
            // The bytes live in the connection until it is freed or cleared.
            Some(a) => (a.as_ptr(), a.len() as c_uint),
            None => (core::ptr::null(), 0),
        })
    });
    // SAFETY: NULL or valid out-parameters.
    unsafe {
        write_out(data, p);
        write_out(len, l);
    }
}

/// `SSL_select_next_proto(3)`: the first of the server's protocols that the client also lists
/// (`OPENSSL_NPN_NEGOTIATED`); otherwise the client's first (`OPENSSL_NPN_NO_OVERLAP`).
/// `*out` points into `server` or `client`.
#[no_mangle]
pub extern "C" fn SSL_select_next_proto(
    out: *mut *mut u8,
    outlen: *mut u8,
    server: *const u8,
    server_len: c_uint,
    client: *const u8,
    client_len: c_uint,
) -> c_int {
    guard(OPENSSL_NPN_NO_OVERLAP, || {
        // SAFETY: the buffers have the given lengths per the API.
        let (Ok(srv), Ok(cli)) = (
            unsafe { in_buf(server.cast(), server_len as usize) },
            unsafe { in_buf(client.cast(), client_len as usize) },
        ) else {
            return OPENSSL_NPN_NO_OVERLAP;
        };
        let entries = |b: &[u8]| -> Vec<(usize, usize)> {
            let mut v = Vec::new();
            let mut i = 0;
            while i < b.len() {
                let n = usize::from(b[i]);
                if n == 0 || i + 1 + n > b.len() {
                    break;
                }
                v.push((i + 1, n));
                i += 1 + n;
            }
            v
        };
        let (se, ce) = (entries(srv), entries(cli));
        for &(so, sn) in &se {
            if let Some(&(co, cn)) = ce
                .iter()
                .find(|&&(co, cn)| cli[co..co + cn] == srv[so..so + sn])
            {
                let _ = co;
                // SAFETY: NULL or valid out-parameters; the pointer is into `server`.
                unsafe {
                    write_out(out, server.add(so) as *mut u8);
                    write_out(outlen, cn as u8);
                }
                return OPENSSL_NPN_NEGOTIATED;
            }
        }
        match ce.first() {
            Some(&(co, cn)) => {
                // SAFETY: as above, into `client`.
                unsafe {
                    write_out(out, client.add(co) as *mut u8);
                    write_out(outlen, cn as u8);
                }
            }
            None => {
                // SAFETY: as above.
                unsafe {
                    write_out(out, core::ptr::null_mut());
                    write_out(outlen, 0);
                }
            }
        }
        OPENSSL_NPN_NO_OVERLAP
    })
}

// ---------------------------------------------------------------------------------------------
// SNI on the server

/// The `SSL_CTX_ctrl` commands of this family; `None` for others.
pub fn ctx_ctrl(ctx: *mut SSL_CTX, cmd: c_int, parg: *mut c_void) -> Option<Result<c_long>> {
    match cmd {
        crate::ffi::callbacks::SSL_CTRL_SET_MSG_CALLBACK_ARG => {
            Some(crate::ffi::callbacks::set_ctx_msg_arg(ctx, parg))
        }
        SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG => Some(ctx_hooks_app(ctx).map(|a| {
            lock(&a.hooks).servername_arg = parg as usize;
            1
        })),
        _ => None,
    }
}

/// `SSL_CTX_callback_ctrl(3)`: `SSL_CTRL_SET_TLSEXT_SERVERNAME_CB` (the servername callback).
/// Other commands return 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_callback_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    fp: Option<unsafe extern "C" fn()>,
) -> c_long {
    call(0, || {
        let app = ctx_hooks_app(ctx)?;
        match cmd {
            crate::ffi::callbacks::SSL_CTRL_SET_MSG_CALLBACK => {
                // SAFETY: a message callback cast to `void (*)(void)`; both are plain function
                // pointers.
                lock(&app.hooks).msg = unsafe {
                    core::mem::transmute::<
                        Option<unsafe extern "C" fn()>,
                        crate::ffi::callbacks::MsgCb,
                    >(fp)
                };
                Ok(1)
            }
            SSL_CTRL_SET_TLSEXT_SERVERNAME_CB => {
                // SAFETY: the caller passed a servername callback cast to `void (*)(void)`, as
                // the macro does; both are plain function pointers.
                lock(&app.hooks).servername = unsafe {
                    core::mem::transmute::<Option<unsafe extern "C" fn()>, ServernameCb>(fp)
                };
                Ok(1)
            }
            _ => Ok(0),
        }
    })
}

/// `SSL_callback_ctrl(3)`: `SSL_CTRL_SET_MSG_CALLBACK` (the message callback); other commands
/// return 0.
#[no_mangle]
pub extern "C" fn SSL_callback_ctrl(
    s: *mut SSL,
    cmd: c_int,
    fp: Option<unsafe extern "C" fn()>,
) -> c_long {
    call(0, || {
        let o = obj(s)?;
        if cmd != crate::ffi::callbacks::SSL_CTRL_SET_MSG_CALLBACK {
            return Ok(0);
        }
        // SAFETY: a message callback cast to `void (*)(void)`; both are plain function pointers.
        lock(&o.hooks).msg = unsafe {
            core::mem::transmute::<Option<unsafe extern "C" fn()>, crate::ffi::callbacks::MsgCb>(fp)
        };
        Ok(1)
    })
}

/// `SSL_get_servername(3)`: a server's name from the client's SNI (during the ClientHello
/// callbacks and after), a client's name set by `SSL_set_tlsext_host_name`; NULL otherwise.
/// The string belongs to the connection.
#[no_mangle]
pub extern "C" fn SSL_get_servername(s: *const SSL, r#type: c_int) -> *const c_char {
    call(core::ptr::null(), || {
        if r#type != TLSEXT_NAMETYPE_host_name {
            return Ok(core::ptr::null());
        }
        let o = obj(s)?;
        let name = {
            let c = conn_of(o)?;
            if c.is_server() {
                c.peer_server_name()
            } else {
                c.sni.clone()
            }
        };
        let mut slot = lock(&o.servername);
        Ok(match name {
            None => core::ptr::null(),
            Some(n) => {
                if slot.as_ref().map(|c| c.as_bytes()) != Some(n.as_bytes()) {
                    *slot = std::ffi::CString::new(n).ok();
                }
                slot.as_ref().map_or(core::ptr::null(), |c| c.as_ptr())
            }
        })
    })
}

/// `SSL_get_servername_type(3)`: `TLSEXT_NAMETYPE_host_name` when a name is known, else -1.
#[no_mangle]
pub extern "C" fn SSL_get_servername_type(s: *const SSL) -> c_int {
    if SSL_get_servername(s, TLSEXT_NAMETYPE_host_name).is_null() {
        -1
    } else {
        TLSEXT_NAMETYPE_host_name
    }
}

/// `SSL_set_SSL_CTX(3)`: switches the context whose certificate and key the connection uses
/// (typically from the servername callback); NULL returns to the one it was made from. The
/// connection's own settings (verify mode, options) stay, as in OpenSSL. Returns the context in
/// use (borrowed), or NULL.
///
/// Status: partial — also switches the session cache to the new context's
#[no_mangle]
pub extern "C" fn SSL_set_SSL_CTX(ssl: *mut SSL, ctx: *mut SSL_CTX) -> *mut SSL_CTX {
    call(core::ptr::null_mut(), || {
        let o = obj(ssl)?;
        // SAFETY: NULL or a live context pointer; we take our own reference.
        let new = match unsafe { clone_arc::<SSL_CTX>(ctx) } {
            Some(c) => c,
            None => o.initial_ctx.clone(),
        };
        let mut c = conn_of(o)?;
        if !Arc::ptr_eq(&c.ctx, &new) {
            // The connection takes the new context's certificates, as OpenSSL does.
            crate::ffi::certs::ctx_switched(o, &new);
            c.own_creds = None;
        }
        c.ctx = new;
        Ok(Arc::as_ptr(&c.ctx) as *mut SSL_CTX)
    })
}

// ---------------------------------------------------------------------------------------------
// Client hello callback

/// `SSL_CTX_set_client_hello_cb(3)`: called first on a server, with the raw ClientHello
/// available through `SSL_client_hello_get0_*`. `SSL_CLIENT_HELLO_SUCCESS` continues; an error
/// (or `SSL_CLIENT_HELLO_RETRY`, which sslrs does not support) fails the handshake with the
/// alert in `*al`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_hello_cb(
    c: *mut SSL_CTX,
    cb: SSL_client_hello_cb_fn,
    arg: *mut c_void,
) {
    void(|| {
        let mut h = lock(&ctx_hooks_app(c)?.hooks);
        h.client_hello = cb;
        h.client_hello_arg = arg as usize;
        Ok(())
    })
}

/// Runs `f` on the current ClientHello; `fail` when there is none.
fn hello_get<T: Copy>(
    s: *mut SSL,
    fail: T,
    f: impl FnOnce(&HelloInfo, &crate::engine::conn::ParsedHello) -> T,
) -> T {
    guard(fail, || {
        let Ok(o) = obj(s) else { return fail };
        let Some(h) = lock(&o.hello).clone() else {
            return fail;
        };
        match h.parsed.as_ref() {
            Some(p) => f(&h, p),
            None => fail,
        }
    })
}

/// Points `*out` at `range` of the kept ClientHello; returns its length.
fn point(h: &HelloInfo, range: &std::ops::Range<usize>, out: *mut *const u8) -> usize {
    // SAFETY: NULL or a valid out-parameter; the bytes stay in the SslObj's HelloInfo while the
    // callback runs.
    unsafe { write_out(out, h.raw[range.clone()].as_ptr()) };
    range.len()
}

/// `SSL_client_hello_isv2(3)`: 0 (SSLv2-format hellos are not accepted).
#[no_mangle]
pub extern "C" fn SSL_client_hello_isv2(s: *mut SSL) -> c_int {
    hello_get(s, 0, |_, _| 0)
}

/// `SSL_client_hello_get0_legacy_version(3)`.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_legacy_version(s: *mut SSL) -> c_uint {
    hello_get(s, 0, |_, p| c_uint::from(p.legacy_version))
}

/// `SSL_client_hello_get0_random(3)`.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_random(s: *mut SSL, out: *mut *const u8) -> usize {
    hello_get(s, 0, |h, p| point(h, &p.random, out))
}

/// `SSL_client_hello_get0_session_id(3)`.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_session_id(s: *mut SSL, out: *mut *const u8) -> usize {
    hello_get(s, 0, |h, p| point(h, &p.session_id, out))
}

/// `SSL_client_hello_get0_ciphers(3)`: the cipher suite list (2 bytes each).
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_ciphers(s: *mut SSL, out: *mut *const u8) -> usize {
    hello_get(s, 0, |h, p| point(h, &p.ciphers, out))
}

/// `SSL_client_hello_get0_compression_methods(3)`.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_compression_methods(
    s: *mut SSL,
    out: *mut *const u8,
) -> usize {
    hello_get(s, 0, |h, p| point(h, &p.compression, out))
}

/// `SSL_client_hello_get1_extensions_present(3)`: the extension types in the order sent, in an
/// array the caller frees with `OPENSSL_free`. 1, or 0.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get1_extensions_present(
    s: *mut SSL,
    out: *mut *mut c_int,
    outlen: *mut usize,
) -> c_int {
    if out.is_null() || outlen.is_null() {
        return 0;
    }
    hello_get(s, 0, |_, p| {
        let n = p.extensions.len();
        // SAFETY: malloc'd array the caller frees with OPENSSL_free (= free here).
        let arr = unsafe { libc::malloc(n.max(1) * core::mem::size_of::<c_int>()) } as *mut c_int;
        if arr.is_null() {
            return 0;
        }
        for (i, (ty, _)) in p.extensions.iter().enumerate() {
            // SAFETY: `arr` has room for `n` ints.
            unsafe { arr.add(i).write(c_int::from(*ty)) };
        }
        // SAFETY: non-NULL out-parameters checked above.
        unsafe {
            out.write(arr);
            outlen.write(n);
        }
        1
    })
}

/// `SSL_client_hello_get0_ext(3)`: the body of extension `type`; 1 if present, else 0.
#[no_mangle]
pub extern "C" fn SSL_client_hello_get0_ext(
    s: *mut SSL,
    r#type: c_uint,
    out: *mut *const u8,
    outlen: *mut usize,
) -> c_int {
    hello_get(s, 0, |h, p| {
        match p
            .extensions
            .iter()
            .find(|(t, _)| c_uint::from(*t) == r#type)
        {
            Some((_, r)) => {
                let n = point(h, r, out);
                // SAFETY: NULL or a valid out-parameter.
                unsafe { write_out(outlen, n) };
                1
            }
            None => 0,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_handling() {
        assert_eq!(SSL_CTX_set_alpn_protos(null_mut(), null(), 0), 1);
        assert_eq!(SSL_set_alpn_protos(null_mut(), b"\x02h2".as_ptr(), 3), 1);
        SSL_CTX_set_alpn_select_cb(null_mut(), None, null_mut());
        let (mut p, mut l) = (b"x".as_ptr(), 7u32);
        SSL_get0_alpn_selected(null(), &mut p, &mut l);
        assert!(p.is_null() && l == 0);
        SSL_get0_alpn_selected(null(), null_mut(), null_mut());
        assert_eq!(
            SSL_select_next_proto(null_mut(), null_mut(), null(), 3, null(), 3),
            OPENSSL_NPN_NO_OVERLAP
        );
        assert_eq!(
            SSL_CTX_callback_ctrl(null_mut(), SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, None),
            0
        );
        assert_eq!(SSL_callback_ctrl(null_mut(), 0, None), 0);
        assert!(SSL_get_servername(null(), 0).is_null());
        assert_eq!(SSL_get_servername_type(null()), -1);
        assert!(SSL_set_SSL_CTX(null_mut(), null_mut()).is_null());
        SSL_CTX_set_client_hello_cb(null_mut(), None, null_mut());
        assert_eq!(SSL_client_hello_isv2(null_mut()), 0);
        assert_eq!(SSL_client_hello_get0_legacy_version(null_mut()), 0);
        assert_eq!(SSL_client_hello_get0_random(null_mut(), null_mut()), 0);
        assert_eq!(SSL_client_hello_get0_session_id(null_mut(), null_mut()), 0);
        assert_eq!(SSL_client_hello_get0_ciphers(null_mut(), null_mut()), 0);
        assert_eq!(
            SSL_client_hello_get0_compression_methods(null_mut(), null_mut()),
            0
        );
        assert_eq!(
            SSL_client_hello_get1_extensions_present(null_mut(), null_mut(), null_mut()),
            0
        );
        assert_eq!(
            SSL_client_hello_get0_ext(null_mut(), 0, null_mut(), null_mut()),
            0
        );
        crate::crypto::err::clear();
    }
}
