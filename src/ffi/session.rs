//! `SSL_SESSION` and the session cache: `SSL_SESSION_*`, `SSL_[get1_|set_]session`,
//! `SSL_CTX_sess_*` callbacks, the cache ctrls, `i2d`/`d2i`/PEM of sessions.
//!
//! Application callbacks (new-session, remove-session) never run inside the engine: the engine
//! queues the sessions and records an `Event::Sessions`, and [`dispatch`] calls the callbacks
//! when the callback layer delivers that event, with the connection unlocked.

// `c_long` is `i64` here but not on every target: keep the conversions explicit.
#![allow(clippy::useless_conversion)]

use super::pem::pem_password_cb;
use super::ptr::{in_buf, write_out};
use super::types::{self, borrow, clone_arc, into_c, release, up_ref};
use super::types::{BIO, SSL, SSL_CIPHER, SSL_CTX, SSL_SESSION, X509};
use super::{call, guard, null_on_error, one_or_zero, void};
use crate::engine::session::{self, cache_mode, Session};
use crate::engine::{Conn, Context};
use crate::error::{common, lib, ssl_r, Error, Result};
use crate::sync::MutexGuard;
use core::ffi::{c_char, c_int, c_long, c_uchar, c_uint, c_ulong, c_void};
use std::sync::Arc;

pub const SSL_CTRL_SESS_NUMBER: c_int = 20;
pub const SSL_CTRL_SESS_CONNECT: c_int = 21;
pub const SSL_CTRL_SESS_CONNECT_GOOD: c_int = 22;
pub const SSL_CTRL_SESS_CONNECT_RENEGOTIATE: c_int = 23;
pub const SSL_CTRL_SESS_ACCEPT: c_int = 24;
pub const SSL_CTRL_SESS_ACCEPT_GOOD: c_int = 25;
pub const SSL_CTRL_SESS_ACCEPT_RENEGOTIATE: c_int = 26;
pub const SSL_CTRL_SESS_HIT: c_int = 27;
pub const SSL_CTRL_SESS_CB_HIT: c_int = 28;
pub const SSL_CTRL_SESS_MISSES: c_int = 29;
pub const SSL_CTRL_SESS_TIMEOUTS: c_int = 30;
pub const SSL_CTRL_SESS_CACHE_FULL: c_int = 31;
pub const SSL_CTRL_SET_SESS_CACHE_SIZE: c_int = 42;
pub const SSL_CTRL_GET_SESS_CACHE_SIZE: c_int = 43;
pub const SSL_MAX_SSL_SESSION_ID_LENGTH: c_int = 32;
pub const SSL_MAX_SID_CTX_LENGTH: c_int = 32;
pub const SSL_MAX_MASTER_KEY_LENGTH: c_int = 48;
pub const SSL_SESSION_CACHE_MAX_SIZE_DEFAULT: c_int = 1024 * 20;
pub const SSL_SESS_CACHE_BOTH: c_int = 0x0003;
pub const SSL_SESS_CACHE_NO_INTERNAL: c_int = 0x0300;

/// `new_session_cb` of `SSL_CTX_sess_set_new_cb`.
pub type SSL_new_session_cb =
    Option<unsafe extern "C" fn(ssl: *mut SSL, sess: *mut SSL_SESSION) -> c_int>;
/// `remove_session_cb` of `SSL_CTX_sess_set_remove_cb`.
pub type SSL_remove_session_cb =
    Option<unsafe extern "C" fn(ctx: *mut SSL_CTX, sess: *mut SSL_SESSION)>;
/// `get_session_cb` of `SSL_CTX_sess_set_get_cb`.
pub type SSL_get_session_cb = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        data: *const c_uchar,
        len: c_int,
        copy: *mut c_int,
    ) -> *mut SSL_SESSION,
>;
/// The ticket key callback of `SSL_CTX_set_tlsext_ticket_key_evp_cb`.
pub type SSL_ticket_key_evp_cb = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        key_name: *mut c_uchar,
        iv: *mut c_uchar,
        ctx: *mut crate::ffi::types::EVP_CIPHER_CTX,
        hctx: *mut crate::ffi::types::EVP_MAC_CTX,
        enc: c_int,
    ) -> c_int,
>;

fn sess<'a>(s: *const SSL_SESSION) -> Result<&'a Session> {
    // SAFETY: a non-NULL SSL_SESSION* is one we handed out and the caller still holds.
    unsafe { borrow::<SSL_SESSION>(s) }.ok_or(Error::null_param(lib::SSL, "SSL_SESSION"))
}

fn ctx_ref<'a>(ctx: *const SSL_CTX) -> Result<&'a Context> {
    // SAFETY: a non-NULL SSL_CTX* is one we handed out and the caller still holds.
    unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))
}

fn conn<'a>(ssl: *const SSL) -> Result<MutexGuard<'a, Conn>> {
    super::callbacks::conn_of(super::callbacks::obj(ssl)?)
}

fn with_conn<T>(ssl: *const SSL, fail: T, f: impl FnOnce(&mut Conn) -> Result<T>) -> T {
    call(fail, || f(&mut *conn(ssl)?))
}

fn sess_ptr(s: &Arc<Session>) -> *mut SSL_SESSION {
    Arc::as_ptr(s) as *mut SSL_SESSION
}

fn ctx_ptr(c: &Arc<Context>) -> *mut SSL_CTX {
    Arc::as_ptr(c) as *mut SSL_CTX
}

// ---------------------------------------------------------------------------------------------
// Callback dispatch (the one place application session callbacks run)

/// Calls the new-session and remove-session callbacks for the sessions the connection queued,
/// with no lock held: the `Event::Sessions` the engine records is dispatched here by
/// `callbacks::dispatch`.
pub fn dispatch(s: *mut SSL) {
    let (ctx, new, removed, is_server) = {
        let Ok(mut c) = conn(s) else { return };
        if c.sess.new_sessions.is_empty() && c.sess.removed.is_empty() {
            return;
        }
        (
            c.ctx.clone(),
            std::mem::take(&mut c.sess.new_sessions),
            std::mem::take(&mut c.sess.removed),
            c.is_server(),
        )
    };
    let cache = ctx.sessions.clone();
    let cbs = cache.callbacks();
    let mode = cache.mode();
    for r in removed {
        remove_cb(&ctx, cbs.remove_cb, &r);
    }
    let wanted = if is_server {
        cache_mode::SERVER
    } else {
        cache_mode::CLIENT
    };
    if mode & wanted == 0 {
        return;
    }
    let last = new.last().cloned();
    for n in new {
        if !is_server && mode & cache_mode::NO_INTERNAL_STORE == 0 {
            let (_, gone) = cache.add(&n);
            for g in gone {
                remove_cb(&ctx, cbs.remove_cb, &g);
            }
        }
        if cbs.new_cb == 0 {
            continue;
        }
        if !is_server {
            // Inside the callback the connection's session is the one being reported, as when
            // OpenSSL calls it per ticket.
            if let Ok(mut c) = conn(s) {
                c.sess.current = Some(n.clone());
            }
        }
        // SAFETY: the value was stored from a non-NULL `SSL_new_session_cb`.
        let f: unsafe extern "C" fn(*mut SSL, *mut SSL_SESSION) -> c_int =
            unsafe { std::mem::transmute::<usize, _>(cbs.new_cb) };
        let p = into_c::<SSL_SESSION>(n);
        // SAFETY: the application's callback with live pointers; it receives one reference and
        // keeps it when it returns 1.
        if unsafe { f(s, p) } == 0 {
            // SAFETY: the reference handed to the callback, given back.
            unsafe { release::<SSL_SESSION>(p) };
        }
    }
    if let (false, Some(last)) = (is_server, last) {
        if let Ok(mut c) = conn(s) {
            c.sess.current = Some(last);
        }
    }
}

fn remove_cb(ctx: &Arc<Context>, cb: usize, s: &Arc<Session>) {
    if cb == 0 {
        return;
    }
    // SAFETY: the value was stored from a non-NULL `SSL_remove_session_cb`.
    let f: unsafe extern "C" fn(*mut SSL_CTX, *mut SSL_SESSION) =
        unsafe { std::mem::transmute::<usize, _>(cb) };
    // SAFETY: live pointers for the duration of the call.
    unsafe { f(ctx_ptr(ctx), sess_ptr(s)) };
}

/// `SSL_free`: drops one reference. The last one of an established connection that did not
/// send close_notify also retires its session, as OpenSSL does: the session is marked not
/// resumable, leaves the context's cache, and the remove callback runs (with no lock held).
pub fn free_ssl(ssl: *mut SSL) {
    // SAFETY: NULL or a live SSL pointer (the caller's reference is still held here).
    let last = unsafe { clone_arc::<SSL>(ssl) }.is_some_and(|a| Arc::strong_count(&a) == 2);
    let retired = if last { retire_session(ssl) } else { None };
    // SAFETY: NULL or an SSL pointer whose reference the caller gives up.
    unsafe { release::<SSL>(ssl) };
    if let Some((ctx, s)) = retired {
        remove_cb(&ctx, ctx.sessions.callbacks().remove_cb, &s);
    }
}

/// `SSL_CTX_free`: drops one reference. Before the last one goes, the cache is flushed and the
/// remove callback sees each session, as OpenSSL does.
pub fn free_ctx(ctx: *mut SSL_CTX) {
    // SAFETY: NULL or a live context pointer (the caller's reference is still held here).
    if let Some(c) = unsafe { clone_arc::<SSL_CTX>(ctx) } {
        if Arc::strong_count(&c) == 2 {
            let cb = c.sessions.callbacks().remove_cb;
            for g in c.sessions.flush(0) {
                remove_cb(&c, cb, &g);
            }
        }
    }
    // SAFETY: NULL or a context pointer whose reference the caller gives up.
    unsafe { release::<SSL_CTX>(ctx) };
}

/// The session of an established connection that sent no close_notify, taken out of service.
fn retire_session(ssl: *mut SSL) -> Option<(Arc<Context>, Arc<Session>)> {
    let mut c = conn(ssl).ok()?;
    let open = c.shutdown_flags() & crate::engine::conn::SSL_SENT_SHUTDOWN == 0
        && !c.in_init()
        && !c.in_before();
    if !open {
        return None;
    }
    let ctx = c.ctx.clone();
    let s = c.sess.retire(&ctx.sessions)?;
    Some((ctx, s))
}

/// The external session cache (`SSL_CTX_sess_set_get_cb`), consulted at the ClientHello stage
/// with no lock held: when the offered session id (TLS 1.2) or stateful ticket (TLS 1.3) is not
/// in the internal cache, the callback may return a session; it then resumes (`cb_hits`) and
/// joins the internal cache unless `SSL_SESS_CACHE_NO_INTERNAL_STORE`.
pub fn external_lookup(
    ssl: *mut SSL,
    o: &super::callbacks::SslObj,
    info: &crate::engine::HelloInfo,
) {
    const PSK_EXT: u16 = 41;
    const SUPPORTED_VERSIONS_EXT: u16 = 43;
    let Some(p) = info.parsed.as_ref() else {
        return;
    };
    let raw = &info.raw;
    let psk = p
        .extensions
        .iter()
        .find(|(t, _)| *t == PSK_EXT)
        .and_then(|(_, r)| {
            // identities<7..2^16-1>: identity<1..2^16-1>, obfuscated_ticket_age (u32)
            let b = raw.get(r.clone())?;
            let n = usize::from(u16::from_be_bytes([*b.get(2)?, *b.get(3)?]));
            b.get(4..4 + n)
        });
    // A client offering TLS 1.3 to a server that can do it resumes with a PSK only: its
    // legacy session id is random (middlebox compatibility).
    let offers_tls13 = p
        .extensions
        .iter()
        .find(|(t, _)| *t == SUPPORTED_VERSIONS_EXT)
        .and_then(|(_, r)| raw.get(r.clone()))
        .is_some_and(|b| {
            b.get(1..)
                .unwrap_or_default()
                .chunks(2)
                .any(|v| v == [3, 4])
        });
    let Ok(c) = super::callbacks::conn_of(o) else {
        return;
    };
    let tls13 = offers_tls13
        && c.settings.versions(true).is_ok_and(|v| {
            v.iter()
                .any(|x| x.version == rustls::ProtocolVersion::TLSv1_3)
        });
    let ctx = c.ctx.clone();
    let cb = ctx.sessions.callbacks().get_cb;
    let legacy = if tls13 {
        &[][..]
    } else {
        &raw[p.session_id.clone()]
    };
    let Some(id) = c.sess.wanted_id(legacy, psk) else {
        return;
    };
    drop(c);
    if cb == 0 || ctx.sessions.mode() & cache_mode::SERVER == 0 || ctx.sessions.has_internal(&id) {
        return;
    }
    // SAFETY: stored from a non-NULL `SSL_get_session_cb`.
    let f: unsafe extern "C" fn(*mut SSL, *const c_uchar, c_int, *mut c_int) -> *mut SSL_SESSION =
        unsafe { std::mem::transmute::<usize, _>(cb) };
    let mut copy: c_int = 1;
    // SAFETY: the application's callback with live arguments, no lock held.
    let p = unsafe { f(ssl, id.as_ptr(), id.len() as c_int, &mut copy) };
    // SAFETY: NULL or a session reference the callback hands over (copy 0) or lends (copy 1).
    let got = unsafe {
        if copy != 0 {
            clone_arc::<SSL_SESSION>(p)
        } else {
            types::take_arc::<SSL_SESSION>(p)
        }
    };
    let Some(s) = got else {
        return;
    };
    ctx.sessions.count(|n| n.cb_hits += 1);
    if ctx.sessions.mode() & cache_mode::NO_INTERNAL_STORE == 0 {
        ctx.sessions.add(&s);
    }
    if let Ok(mut c) = super::callbacks::conn_of(o) {
        c.sess.set_external(id, s);
    }
}

// ---------------------------------------------------------------------------------------------
// ctrl commands

/// The session-cache commands of `SSL_CTX_ctrl` (`SSL_CTX_sess_number` and the other counters,
/// `SSL_CTX_[get|set]_session_cache_mode`, `SSL_CTX_sess_[get|set]_cache_size`). `None`: not a
/// session command.
pub fn ctx_ctrl(ctx: &Context, cmd: c_int, larg: c_long) -> Option<c_long> {
    let c = &ctx.sessions;
    let n = c.counters();
    let v: i64 = match cmd {
        SSL_CTRL_SESS_NUMBER => c.number(),
        SSL_CTRL_SESS_CONNECT => n.connect,
        SSL_CTRL_SESS_CONNECT_GOOD => n.connect_good,
        SSL_CTRL_SESS_CONNECT_RENEGOTIATE | SSL_CTRL_SESS_ACCEPT_RENEGOTIATE => 0,
        SSL_CTRL_SESS_ACCEPT => n.accept,
        SSL_CTRL_SESS_ACCEPT_GOOD => n.accept_good,
        SSL_CTRL_SESS_HIT => n.hits,
        SSL_CTRL_SESS_CB_HIT => n.cb_hits,
        SSL_CTRL_SESS_MISSES => n.misses,
        SSL_CTRL_SESS_TIMEOUTS => n.timeouts,
        SSL_CTRL_SESS_CACHE_FULL => n.cache_full,
        SSL_CTRL_SET_SESS_CACHE_SIZE => {
            if larg < 0 {
                0
            } else {
                c.set_size(i64::from(larg))
            }
        }
        SSL_CTRL_GET_SESS_CACHE_SIZE => c.size(),
        super::ssl::SSL_CTRL_SET_SESS_CACHE_MODE => c.set_mode(i64::from(larg)),
        super::ssl::SSL_CTRL_GET_SESS_CACHE_MODE => c.mode(),
        _ => return None,
    };
    Some(v as c_long)
}

// ---------------------------------------------------------------------------------------------
// SSL <-> SSL_SESSION

/// `SSL_get_session(3)` (also `SSL_get0_session`): the connection's session, borrowed (valid
/// while the connection holds it); NULL before a handshake unless `SSL_set_session` gave one.
#[no_mangle]
pub extern "C" fn SSL_get_session(ssl: *const SSL) -> *mut SSL_SESSION {
    with_conn(ssl, core::ptr::null_mut(), |c| {
        Ok(c.sess
            .current
            .as_ref()
            .map_or(core::ptr::null_mut(), sess_ptr))
    })
}

/// `SSL_get1_session(3)`: as `SSL_get_session`, with a new reference for the caller.
#[no_mangle]
pub extern "C" fn SSL_get1_session(ssl: *mut SSL) -> *mut SSL_SESSION {
    with_conn(ssl, core::ptr::null_mut(), |c| {
        Ok(c.sess
            .current
            .clone()
            .map_or(core::ptr::null_mut(), into_c::<SSL_SESSION>))
    })
}

/// `SSL_set_session(3)`: the session to offer for resumption (NULL: none). Takes its own
/// reference. Returns 1.
#[no_mangle]
pub extern "C" fn SSL_set_session(to: *mut SSL, session: *mut SSL_SESSION) -> c_int {
    with_conn(to, 0, |c| {
        // SAFETY: NULL or a live SSL_SESSION.
        let s = unsafe { clone_arc::<SSL_SESSION>(session) };
        c.sess.offered = s.clone();
        c.sess.current = s;
        Ok(1)
    })
}

/// `SSL_session_reused(3)`: 1 after a resumed handshake.
#[no_mangle]
pub extern "C" fn SSL_session_reused(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c_int::from(c.sess.reused)))
}

/// `SSL_set_session_id_context(3)`: at most 32 bytes (`SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG`).
#[no_mangle]
pub extern "C" fn SSL_set_session_id_context(
    ssl: *mut SSL,
    sid_ctx: *const c_uchar,
    sid_ctx_len: c_uint,
) -> c_int {
    with_conn(ssl, 0, |c| {
        c.sess.sid_ctx = sid_ctx_arg(sid_ctx, sid_ctx_len, "SSL_set_session_id_context")?;
        Ok(1)
    })
}

fn sid_ctx_arg(p: *const c_uchar, len: c_uint, func: &'static str) -> Result<Vec<u8>> {
    if len as usize > session::MAX_ID_LEN {
        return Err(Error::ssl(ssl_r::SSL_SESSION_ID_CONTEXT_TOO_LONG, func));
    }
    // SAFETY: `p` has `len` readable bytes per the API.
    Ok(unsafe { in_buf(p.cast(), len as usize) }?.to_vec())
}

/// `SSL_set_num_tickets(3)`: TLS 1.3 tickets sent after a full handshake (server). Returns 1.
#[no_mangle]
pub extern "C" fn SSL_set_num_tickets(s: *mut SSL, num_tickets: usize) -> c_int {
    with_conn(s, 0, |c| {
        c.settings.num_tickets = num_tickets;
        Ok(1)
    })
}

/// `SSL_get_num_tickets(3)`.
#[no_mangle]
pub extern "C" fn SSL_get_num_tickets(s: *const SSL) -> usize {
    with_conn(s, 0, |c| Ok(c.settings.num_tickets))
}

// ---------------------------------------------------------------------------------------------
// SSL_CTX session settings

/// `SSL_CTX_set_session_id_context(3)`: copied into each `SSL` made afterwards.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_session_id_context(
    ctx: *mut SSL_CTX,
    sid_ctx: *const c_uchar,
    sid_ctx_len: c_uint,
) -> c_int {
    one_or_zero(|| {
        let c = ctx_ref(ctx)?;
        let v = sid_ctx_arg(sid_ctx, sid_ctx_len, "SSL_CTX_set_session_id_context")?;
        c.sessions.set_sid_ctx(&v);
        Ok(())
    })
}

/// `SSL_CTX_set_timeout(3)`: the lifetime of new sessions; returns the previous one (0 for
/// NULL).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_timeout(ctx: *mut SSL_CTX, t: c_long) -> c_long {
    guard(0, || match ctx_ref(ctx) {
        Ok(c) => c.sessions.set_timeout(i64::from(t)) as c_long,
        Err(_) => 0,
    })
}

/// `SSL_CTX_get_timeout(3)`: 7200 by default (0 for NULL).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_timeout(ctx: *const SSL_CTX) -> c_long {
    guard(0, || {
        ctx_ref(ctx).map_or(0, |c| c.sessions.timeout() as c_long)
    })
}

/// `SSL_CTX_set_num_tickets(3)`: returns 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_num_tickets(ctx: *mut SSL_CTX, num_tickets: usize) -> c_int {
    one_or_zero(|| {
        ctx_ref(ctx)?.update(|c| c.settings.num_tickets = num_tickets);
        Ok(())
    })
}

/// `SSL_CTX_get_num_tickets(3)`: 2 by default.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_num_tickets(ctx: *const SSL_CTX) -> usize {
    call(0, || Ok(ctx_ref(ctx)?.with(|c| c.settings.num_tickets)))
}

/// `SSL_CTX_sess_set_new_cb(3)`: called once per new session (client: per TLS 1.3 ticket, when
/// the cache mode includes `SSL_SESS_CACHE_CLIENT`); a callback returning 1 keeps the reference.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_set_new_cb(ctx: *mut SSL_CTX, new_session_cb: SSL_new_session_cb) {
    void(|| {
        let f = new_session_cb.map_or(0, |f| f as usize);
        ctx_ref(ctx)?.sessions.set_callbacks(|c| c.new_cb = f);
        Ok(())
    })
}

/// `SSL_CTX_sess_get_new_cb(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_get_new_cb(ctx: *mut SSL_CTX) -> SSL_new_session_cb {
    call(None, || {
        let f = ctx_ref(ctx)?.sessions.callbacks().new_cb;
        // SAFETY: stored from a value of this very type.
        Ok((f != 0).then(|| unsafe { std::mem::transmute::<usize, _>(f) }))
    })
}

/// `SSL_CTX_sess_set_remove_cb(3)`: called when a session leaves the context's cache.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_set_remove_cb(
    ctx: *mut SSL_CTX,
    remove_session_cb: SSL_remove_session_cb,
) {
    void(|| {
        let f = remove_session_cb.map_or(0, |f| f as usize);
        ctx_ref(ctx)?.sessions.set_callbacks(|c| c.remove_cb = f);
        Ok(())
    })
}

/// `SSL_CTX_sess_get_remove_cb(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_get_remove_cb(ctx: *mut SSL_CTX) -> SSL_remove_session_cb {
    call(None, || {
        let f = ctx_ref(ctx)?.sessions.callbacks().remove_cb;
        // SAFETY: stored from a value of this very type.
        Ok((f != 0).then(|| unsafe { std::mem::transmute::<usize, _>(f) }))
    })
}

/// `SSL_CTX_sess_set_get_cb(3)`: the external cache, asked (at the ClientHello stage, no lock
/// held) for a TLS 1.2 session id or TLS 1.3 stateful ticket the internal cache lacks.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_set_get_cb(ctx: *mut SSL_CTX, get_session_cb: SSL_get_session_cb) {
    void(|| {
        let f = get_session_cb.map_or(0, |f| f as usize);
        ctx_ref(ctx)?.sessions.set_callbacks(|c| c.get_cb = f);
        Ok(())
    })
}

/// `SSL_CTX_sess_get_get_cb(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_get_get_cb(ctx: *mut SSL_CTX) -> SSL_get_session_cb {
    call(None, || {
        let f = ctx_ref(ctx)?.sessions.callbacks().get_cb;
        // SAFETY: stored from a value of this very type.
        Ok((f != 0).then(|| unsafe { std::mem::transmute::<usize, _>(f) }))
    })
}

/// `SSL_CTX_add_session(3)`: 1 when added, 0 when that session was already cached (or NULL).
#[no_mangle]
pub extern "C" fn SSL_CTX_add_session(ctx: *mut SSL_CTX, session: *mut SSL_SESSION) -> c_int {
    call(0, || {
        // SAFETY: NULL or a live context pointer.
        let c =
            unsafe { clone_arc::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))?;
        // SAFETY: NULL or a live SSL_SESSION.
        let s = unsafe { clone_arc::<SSL_SESSION>(session) }
            .ok_or(Error::null_param(lib::SSL, "SSL_SESSION"))?;
        let (added, gone) = c.sessions.add(&s);
        let cb = c.sessions.callbacks().remove_cb;
        for g in gone {
            remove_cb(&c, cb, &g);
        }
        Ok(c_int::from(added))
    })
}

/// `SSL_CTX_remove_session(3)`: 1 when the session was cached, else 0; the session is marked
/// not resumable and the remove callback runs either way (as in OpenSSL).
#[no_mangle]
pub extern "C" fn SSL_CTX_remove_session(ctx: *mut SSL_CTX, session: *mut SSL_SESSION) -> c_int {
    call(0, || {
        // SAFETY: NULL or a live context pointer.
        let c =
            unsafe { clone_arc::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))?;
        // SAFETY: NULL or a live SSL_SESSION.
        let s = unsafe { clone_arc::<SSL_SESSION>(session) }
            .ok_or(Error::null_param(lib::SSL, "SSL_SESSION"))?;
        if s.with(|d| d.id.is_empty()) {
            return Ok(0);
        }
        let removed = c.sessions.remove(&s).is_some();
        // OpenSSL calls the remove callback whether or not the session was cached.
        remove_cb(&c, c.sessions.callbacks().remove_cb, &s);
        Ok(c_int::from(removed))
    })
}

/// `SSL_CTX_flush_sessions(3)`: removes the sessions expired at time `tm` (every one for 0).
#[no_mangle]
pub extern "C" fn SSL_CTX_flush_sessions(ctx: *mut SSL_CTX, tm: c_long) {
    void(|| {
        // SAFETY: NULL or a live context pointer.
        let Some(c) = (unsafe { clone_arc::<SSL_CTX>(ctx) }) else {
            return Ok(());
        };
        let gone = c.sessions.flush(i64::from(tm));
        let cb = c.sessions.callbacks().remove_cb;
        for g in gone {
            remove_cb(&c, cb, &g);
        }
        Ok(())
    })
}

/// `SSL_CTX_set_tlsext_ticket_key_evp_cb(3)`: not supported (rustls seals tickets with its own
/// rotating keys): 0 with an `ERR_R_UNSUPPORTED` entry.
///
/// Status: fails cleanly — ticket keys are sslrs's own (random per context, rotating)
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tlsext_ticket_key_evp_cb(
    ctx: *mut SSL_CTX,
    fp: SSL_ticket_key_evp_cb,
) -> c_int {
    call(0, || {
        ctx_ref(ctx)?;
        if fp.is_none() {
            return Ok(1);
        }
        Err(Error::unsupported(
            lib::SSL,
            "SSL_CTX_set_tlsext_ticket_key_evp_cb",
        ))
    })
}

// ---------------------------------------------------------------------------------------------
// SSL_SESSION

/// `SSL_SESSION_new(3)`: an empty, non-resumable session (timeout 304 s, as OpenSSL's).
#[no_mangle]
pub extern "C" fn SSL_SESSION_new() -> *mut SSL_SESSION {
    null_on_error(|| Ok(into_c::<SSL_SESSION>(Arc::new(Session::new()))))
}

/// `SSL_SESSION_free(3)`: drops one reference; NULL is a no-op.
#[no_mangle]
pub extern "C" fn SSL_SESSION_free(ses: *mut SSL_SESSION) {
    // SAFETY: NULL or a session pointer whose reference the caller gives up.
    guard((), || unsafe { release::<SSL_SESSION>(ses) })
}

/// `SSL_SESSION_up_ref(3)`: 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_up_ref(ses: *mut SSL_SESSION) -> c_int {
    // SAFETY: NULL or a live session pointer.
    guard(0, || unsafe { up_ref::<SSL_SESSION>(ses) })
}

/// `SSL_SESSION_is_resumable(3)`. A client session decoded in another process is not (its
/// rustls values exist only in the process that made it).
#[no_mangle]
pub extern "C" fn SSL_SESSION_is_resumable(s: *const SSL_SESSION) -> c_int {
    call(0, || Ok(c_int::from(sess(s)?.is_resumable())))
}

/// `SSL_SESSION_get_time(3)`: seconds since the epoch (0 for NULL).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_time(s: *const SSL_SESSION) -> c_long {
    call(0, || Ok(sess(s)?.with(|d| d.time) as c_long))
}

/// `SSL_SESSION_set_time(3)`: returns `t` (0 for NULL).
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_time(s: *mut SSL_SESSION, t: c_long) -> c_long {
    call(0, || {
        sess(s)?.update(|d| d.time = i64::from(t));
        Ok(t)
    })
}

/// `SSL_SESSION_get_timeout(3)`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_timeout(s: *const SSL_SESSION) -> c_long {
    call(0, || Ok(sess(s)?.with(|d| d.timeout) as c_long))
}

/// `SSL_SESSION_set_timeout(3)`: 1, or 0 for NULL or a negative timeout.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_timeout(s: *mut SSL_SESSION, t: c_long) -> c_long {
    guard(0, || match sess(s) {
        Ok(x) if t >= 0 => {
            x.update(|d| d.timeout = i64::from(t));
            1
        }
        _ => 0,
    })
}

/// Points into the session's data: valid until the field is changed or the session freed, as
/// OpenSSL's pointers are.
fn field_ptr(s: &Session, pick: impl FnOnce(&session::SessionData) -> &[u8]) -> (*const u8, usize) {
    s.with(|d| {
        let f = pick(d);
        (f.as_ptr(), f.len())
    })
}

/// `SSL_SESSION_get_id(3)`: the session id and its length (`len` may be NULL).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_id(s: *const SSL_SESSION, len: *mut c_uint) -> *const c_uchar {
    call(core::ptr::null(), || {
        let (p, n) = field_ptr(sess(s)?, |d| &d.id);
        // SAFETY: NULL or a valid out-parameter.
        unsafe { write_out(len, n as c_uint) };
        Ok(p)
    })
}

/// `SSL_SESSION_set1_id(3)`: at most 32 bytes (`SSL_R_SSL_SESSION_ID_TOO_LONG`).
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_id(
    s: *mut SSL_SESSION,
    sid: *const c_uchar,
    sid_len: c_uint,
) -> c_int {
    one_or_zero(|| {
        let x = sess(s)?;
        if sid_len as usize > session::MAX_ID_LEN {
            return Err(Error::ssl(
                ssl_r::SSL_SESSION_ID_TOO_LONG,
                "SSL_SESSION_set1_id",
            ));
        }
        // SAFETY: `sid` has `sid_len` readable bytes per the API.
        let v = unsafe { in_buf(sid.cast(), sid_len as usize) }?.to_vec();
        x.update(|d| d.id = v);
        Ok(())
    })
}

/// `SSL_SESSION_get0_id_context(3)`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_id_context(
    s: *const SSL_SESSION,
    len: *mut c_uint,
) -> *const c_uchar {
    call(core::ptr::null(), || {
        let (p, n) = field_ptr(sess(s)?, |d| &d.sid_ctx);
        // SAFETY: NULL or a valid out-parameter.
        unsafe { write_out(len, n as c_uint) };
        Ok(p)
    })
}

/// `SSL_SESSION_set1_id_context(3)`: at most 32 bytes.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_id_context(
    s: *mut SSL_SESSION,
    sid_ctx: *const c_uchar,
    sid_ctx_len: c_uint,
) -> c_int {
    one_or_zero(|| {
        let x = sess(s)?;
        let v = sid_ctx_arg(sid_ctx, sid_ctx_len, "SSL_SESSION_set1_id_context")?;
        x.update(|d| d.sid_ctx = v);
        Ok(())
    })
}

/// `SSL_SESSION_get_protocol_version(3)`: e.g. `TLS1_3_VERSION`; 0 for a new session.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_protocol_version(s: *const SSL_SESSION) -> c_int {
    call(0, || Ok(sess(s)?.with(|d| d.version)))
}

/// `SSL_SESSION_set_protocol_version(3)`: 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_protocol_version(s: *mut SSL_SESSION, version: c_int) -> c_int {
    one_or_zero(|| {
        sess(s)?.update(|d| d.version = version);
        Ok(())
    })
}

/// `SSL_SESSION_get0_cipher(3)`: NULL for a new session.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_cipher(s: *const SSL_SESSION) -> *const SSL_CIPHER {
    call(core::ptr::null(), || {
        let id = sess(s)?.with(|d| d.cipher);
        Ok(crate::engine::ciphers::by_iana(id)
            .map_or(core::ptr::null(), |c| c as *const _ as *const SSL_CIPHER))
    })
}

/// `SSL_SESSION_get0_hostname(3)`: on a server, the SNI name when ClientHello callbacks (a
/// servername callback) ran, as OpenSSL keeps it only when its callback accepted the name;
/// NULL on client sessions (OpenSSL fills them when the server acknowledged SNI, which rustls
/// does not report).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_hostname(s: *const SSL_SESSION) -> *const c_char {
    call(core::ptr::null(), || Ok(sess(s)?.hostname_ptr()))
}

/// `SSL_SESSION_get0_alpn_selected(3)`: the protocol, or NULL/0.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_alpn_selected(
    s: *const SSL_SESSION,
    alpn: *mut *const c_uchar,
    len: *mut usize,
) {
    void(|| {
        let (p, n) = match sess(s) {
            Ok(x) => field_ptr(x, |d| &d.alpn),
            Err(_) => (core::ptr::null(), 0),
        };
        let p = if n == 0 { core::ptr::null() } else { p };
        // SAFETY: NULL or valid out-parameters.
        unsafe {
            write_out(alpn, p);
            write_out(len, n);
        }
        Ok(())
    })
}

/// `SSL_SESSION_get_master_key(3)`: with `outlen` 0 the length of the master secret, else the
/// number of bytes copied (at most `outlen`). TLS 1.2 sessions have it (48 bytes); TLS 1.3
/// sessions have none here (0): rustls keeps the resumption secret to itself.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_master_key(
    sess: *const SSL_SESSION,
    out: *mut c_uchar,
    outlen: usize,
) -> usize {
    call(0, || {
        let k = self::sess(sess)?.with(|d| d.master_key.clone());
        if outlen == 0 {
            return Ok(k.len());
        }
        let n = k.len().min(outlen);
        // SAFETY: `out` has `outlen` writable bytes per the API.
        let dst = unsafe { super::ptr::out_buf(out.cast(), n) }?;
        dst.copy_from_slice(&k[..n]);
        Ok(n)
    })
}

/// `SSL_SESSION_get0_peer(3)`: the peer's certificate, borrowed from the session (NULL when the
/// peer sent none).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_peer(s: *mut SSL_SESSION) -> *mut X509 {
    call(core::ptr::null_mut(), || {
        let session = sess(s)?;
        if crate::ffi::backend::forwarding() {
            // The caller reads it with libcrypto's X509 functions.
            return match session.with(|d| d.peer.clone()) {
                Some(der) => crate::ffi::ex_data::session_peer_object(s, &der),
                None => Ok(core::ptr::null_mut()),
            };
        }
        Ok(session
            .peer_object()
            .map_or(core::ptr::null_mut(), |c| Arc::as_ptr(&c) as *mut X509))
    })
}

/// `SSL_SESSION_get_max_early_data(3)`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_max_early_data(s: *const SSL_SESSION) -> u32 {
    call(0, || Ok(sess(s)?.with(|d| d.max_early_data)))
}

/// `SSL_SESSION_has_ticket(3)`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_has_ticket(s: *const SSL_SESSION) -> c_int {
    call(0, || {
        Ok(c_int::from(sess(s)?.with(|d| !d.ticket.is_empty())))
    })
}

/// `SSL_SESSION_get_ticket_lifetime_hint(3)`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_ticket_lifetime_hint(s: *const SSL_SESSION) -> c_ulong {
    call(0, || Ok(sess(s)?.with(|d| d.ticket_lifetime) as c_ulong))
}

/// `SSL_SESSION_print(3)`: OpenSSL's layout; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_print(fp: *mut BIO, ses: *const SSL_SESSION) -> c_int {
    one_or_zero(|| {
        // SAFETY: NULL or a live BIO.
        let b =
            crate::ffi::compat::caller_bio(fp).ok_or(Error::null_param(lib::BIO, "BIO_puts"))?;
        let text = session::print(sess(ses)?);
        if b.write(text.as_bytes()) <= 0 {
            return Err(Error::new(lib::SSL, common::BUF_LIB, "SSL_SESSION_print"));
        }
        Ok(())
    })
}

/// `SSL_SESSION_print_fp(3)`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_print_fp(fp: *mut libc::FILE, ses: *const SSL_SESSION) -> c_int {
    one_or_zero(|| {
        if fp.is_null() {
            return Err(Error::null_param(lib::SSL, "SSL_SESSION_print_fp"));
        }
        let text = session::print(sess(ses)?);
        // SAFETY: `fp` is an open stream per the API; the buffer is valid for its length.
        let n = unsafe { libc::fwrite(text.as_ptr().cast(), 1, text.len(), fp) };
        if n != text.len() {
            return Err(Error::new(
                lib::SSL,
                common::BUF_LIB,
                "SSL_SESSION_print_fp",
            ));
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Encodings

/// `i2d_SSL_SESSION(3)`: the length of sslrs's encoding; with `pp`, writes it at `*pp` and
/// advances `*pp` (with `*pp == NULL`, stores a `malloc`'d copy). The encoding is sslrs's own
/// (not OpenSSL's DER); a client session's encoding resumes only in the process that made it.
#[no_mangle]
pub extern "C" fn i2d_SSL_SESSION(r#in: *const SSL_SESSION, pp: *mut *mut c_uchar) -> c_int {
    call(0, || {
        let x = sess(r#in)?;
        if x.with(|d| d.version) == 0 {
            // OpenSSL cannot encode a session without a protocol version either.
            return Ok(0);
        }
        let enc = session::encode(x);
        let n = c_int::try_from(enc.len())
            .map_err(|_| Error::new(lib::ASN1, common::PASSED_INVALID_ARGUMENT, "i2d"))?;
        if pp.is_null() {
            return Ok(n);
        }
        // SAFETY: `pp` is valid per the i2d contract; `*pp` is NULL or has room for `n` bytes.
        unsafe {
            if (*pp).is_null() {
                let p = libc::malloc(enc.len()) as *mut c_uchar;
                if p.is_null() {
                    return Err(Error::new(
                        lib::CRYPTO,
                        common::MALLOC_FAILURE,
                        "CRYPTO_malloc",
                    ));
                }
                core::ptr::copy_nonoverlapping(enc.as_ptr(), p, enc.len());
                *pp = p;
            } else {
                core::ptr::copy_nonoverlapping(enc.as_ptr(), *pp, enc.len());
                *pp = (*pp).add(enc.len());
            }
        }
        Ok(n)
    })
}

/// `ASN1_R_BAD_OBJECT_HEADER`, `ASN1_R_NESTED_ASN1_ERROR`: what OpenSSL queues for garbage.
const ASN1_R_BAD_OBJECT_HEADER: i32 = 102;
const ERR_R_NESTED_ASN1_ERROR: i32 = common::ERR_RFLAG_COMMON | 266;

fn decode_error() -> Error {
    crate::crypto::err::push(Error::new(
        lib::ASN1,
        ASN1_R_BAD_OBJECT_HEADER,
        "asn1_check_tlen",
    ));
    Error::new(
        lib::ASN1,
        ERR_R_NESTED_ASN1_ERROR,
        "asn1_template_noexp_d2i",
    )
    .with_data("Type=SSL_SESSION_ASN1")
}

/// Stores a decoded session: into `*a` when it holds one (its contents are replaced, as OpenSSL
/// reuses the object), else as a new object; returns the pointer.
///
/// # Safety
/// `a` must be NULL or point at NULL or a live SSL_SESSION reference owned by the caller.
unsafe fn store_decoded(a: *mut *mut SSL_SESSION, s: Session) -> *mut SSL_SESSION {
    // SAFETY: per the caller.
    let existing = unsafe { a.as_ref() }
        .copied()
        .unwrap_or(core::ptr::null_mut());
    // SAFETY: NULL or a live session.
    if let Some(old) = unsafe { borrow::<SSL_SESSION>(existing) } {
        old.replace_with(s);
        return existing;
    }
    let p = into_c::<SSL_SESSION>(Arc::new(s));
    // SAFETY: NULL or writable per the caller.
    unsafe { write_out(a, p) };
    p
}

/// `d2i_SSL_SESSION(3)`: decodes sslrs's encoding from `*pp` (at most `length` bytes) and
/// advances `*pp`; reuses `*a` when given. Anything else (OpenSSL's DER included) gives NULL
/// with ASN1 `bad object header` + `nested asn1 error`.
#[no_mangle]
pub extern "C" fn d2i_SSL_SESSION(
    a: *mut *mut SSL_SESSION,
    pp: *mut *const c_uchar,
    length: c_long,
) -> *mut SSL_SESSION {
    null_on_error(|| {
        // SAFETY: `pp` is NULL or valid per the d2i contract.
        let start = unsafe { pp.as_ref() }.copied().unwrap_or(core::ptr::null());
        if start.is_null() {
            return Err(Error::null_param(lib::ASN1, "d2i_SSL_SESSION"));
        }
        let len = usize::try_from(length).map_err(|_| decode_error())?;
        // SAFETY: `*pp` points at `length` readable bytes per the d2i contract.
        let bytes = unsafe { in_buf(start.cast(), len) }?;
        let (s, used) = session::decode(bytes).map_err(|_| decode_error())?;
        // SAFETY: `a` per the d2i contract; `pp` non-NULL (checked).
        unsafe {
            let p = store_decoded(a, s);
            *pp = start.add(used);
            Ok(p)
        }
    })
}

const PEM_LABEL: &str = "SSL SESSION PARAMETERS";

/// `PEM_write_bio_SSL_SESSION(3)`: `-----BEGIN SSL SESSION PARAMETERS-----` around the
/// `i2d_SSL_SESSION` encoding. 1, or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_SSL_SESSION(out: *mut BIO, x: *const SSL_SESSION) -> c_int {
    one_or_zero(|| {
        // SAFETY: NULL or a live BIO.
        let b = crate::ffi::compat::caller_bio(out)
            .ok_or(Error::null_param(lib::PEM, "PEM_ASN1_write_bio"))?;
        let text = crate::crypto::pem::encode_block(PEM_LABEL, &session::encode(sess(x)?));
        if b.write(text.as_bytes()) != text.len() as i32 {
            return Err(Error::new(lib::PEM, common::BUF_LIB, "PEM_write_bio"));
        }
        Ok(())
    })
}

/// `PEM_write_SSL_SESSION(3)`: as [`PEM_write_bio_SSL_SESSION`] on a `FILE*`.
#[no_mangle]
pub extern "C" fn PEM_write_SSL_SESSION(out: *mut libc::FILE, x: *const SSL_SESSION) -> c_int {
    one_or_zero(|| {
        if out.is_null() {
            return Err(Error::null_param(lib::PEM, "PEM_ASN1_write"));
        }
        let text = crate::crypto::pem::encode_block(PEM_LABEL, &session::encode(sess(x)?));
        // SAFETY: `out` is an open stream per the API; the buffer is valid for its length.
        let n = unsafe { libc::fwrite(text.as_ptr().cast(), 1, text.len(), out) };
        if n != text.len() {
            return Err(Error::new(lib::PEM, common::BUF_LIB, "PEM_write"));
        }
        Ok(())
    })
}

fn pem_decode(next: &mut dyn FnMut() -> Option<u8>) -> Result<Session> {
    let der = crate::crypto::pem::read_stream_labeled(next, PEM_LABEL)?;
    match session::decode(&der) {
        Ok((s, used)) if used == der.len() => Ok(s),
        _ => {
            crate::crypto::err::push(decode_error());
            Err(Error::new(lib::PEM, common::ASN1_LIB, "PEM_ASN1_read_bio"))
        }
    }
}

/// `PEM_read_bio_SSL_SESSION(3)`: the next `SSL SESSION PARAMETERS` block; reuses `*x` when
/// given. NULL with PEM `no start line` when there is none.
#[no_mangle]
pub extern "C" fn PEM_read_bio_SSL_SESSION(
    out: *mut BIO,
    x: *mut *mut SSL_SESSION,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut SSL_SESSION {
    let _ = (cb, u);
    null_on_error(|| {
        // SAFETY: NULL or a live BIO.
        let b =
            crate::ffi::compat::caller_bio(out).ok_or(Error::null_param(lib::BIO, "BIO_gets"))?;
        let s = pem_decode(&mut || {
            let mut c = [0u8; 1];
            (b.read(&mut c) == 1).then_some(c[0])
        })?;
        // SAFETY: `x` is NULL or the caller's out-parameter.
        Ok(unsafe { store_decoded(x, s) })
    })
}

/// `PEM_read_SSL_SESSION(3)`: as [`PEM_read_bio_SSL_SESSION`] on a `FILE*`.
#[no_mangle]
pub extern "C" fn PEM_read_SSL_SESSION(
    out: *mut libc::FILE,
    x: *mut *mut SSL_SESSION,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut SSL_SESSION {
    let _ = (cb, u);
    null_on_error(|| {
        if out.is_null() {
            return Err(Error::null_param(lib::PEM, "PEM_ASN1_read"));
        }
        let s = pem_decode(&mut || {
            // SAFETY: `out` is an open stream per the API.
            let c = unsafe { libc::fgetc(out) };
            (c != libc::EOF).then_some(c as u8)
        })?;
        // SAFETY: `x` is NULL or the caller's out-parameter.
        Ok(unsafe { store_decoded(x, s) })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn session_null_sweep() {
        assert!(SSL_get_session(null()).is_null());
        assert!(SSL_get1_session(null_mut()).is_null());
        assert_eq!(SSL_set_session(null_mut(), null_mut()), 0);
        assert_eq!(SSL_session_reused(null()), 0);
        assert_eq!(SSL_set_session_id_context(null_mut(), null(), 0), 0);
        assert_eq!(SSL_set_num_tickets(null_mut(), 1), 0);
        assert_eq!(SSL_get_num_tickets(null()), 0);
        assert_eq!(SSL_CTX_set_session_id_context(null_mut(), null(), 0), 0);
        assert_eq!(SSL_CTX_set_timeout(null_mut(), 5), 0);
        assert_eq!(SSL_CTX_get_timeout(null()), 0);
        assert_eq!(SSL_CTX_set_num_tickets(null_mut(), 1), 0);
        assert_eq!(SSL_CTX_get_num_tickets(null()), 0);
        SSL_CTX_sess_set_new_cb(null_mut(), None);
        assert!(SSL_CTX_sess_get_new_cb(null_mut()).is_none());
        SSL_CTX_sess_set_remove_cb(null_mut(), None);
        assert!(SSL_CTX_sess_get_remove_cb(null_mut()).is_none());
        SSL_CTX_sess_set_get_cb(null_mut(), None);
        assert!(SSL_CTX_sess_get_get_cb(null_mut()).is_none());
        assert_eq!(SSL_CTX_add_session(null_mut(), null_mut()), 0);
        assert_eq!(SSL_CTX_remove_session(null_mut(), null_mut()), 0);
        SSL_CTX_flush_sessions(null_mut(), 0);
        assert_eq!(SSL_CTX_set_tlsext_ticket_key_evp_cb(null_mut(), None), 0);
        SSL_SESSION_free(null_mut());
        assert_eq!(SSL_SESSION_up_ref(null_mut()), 0);
        assert_eq!(SSL_SESSION_is_resumable(null()), 0);
        assert_eq!(SSL_SESSION_get_time(null()), 0);
        assert_eq!(SSL_SESSION_set_time(null_mut(), 1), 0);
        assert_eq!(SSL_SESSION_get_timeout(null()), 0);
        assert_eq!(SSL_SESSION_set_timeout(null_mut(), 1), 0);
        assert!(SSL_SESSION_get_id(null(), null_mut()).is_null());
        assert_eq!(SSL_SESSION_set1_id(null_mut(), null(), 0), 0);
        assert!(SSL_SESSION_get0_id_context(null(), null_mut()).is_null());
        assert_eq!(SSL_SESSION_set1_id_context(null_mut(), null(), 0), 0);
        assert_eq!(SSL_SESSION_get_protocol_version(null()), 0);
        assert_eq!(SSL_SESSION_set_protocol_version(null_mut(), 0), 0);
        assert!(SSL_SESSION_get0_cipher(null()).is_null());
        assert!(SSL_SESSION_get0_hostname(null()).is_null());
        SSL_SESSION_get0_alpn_selected(null(), null_mut(), null_mut());
        assert_eq!(SSL_SESSION_get_master_key(null(), null_mut(), 0), 0);
        assert!(SSL_SESSION_get0_peer(null_mut()).is_null());
        assert_eq!(SSL_SESSION_get_max_early_data(null()), 0);
        assert_eq!(SSL_SESSION_has_ticket(null()), 0);
        assert_eq!(SSL_SESSION_get_ticket_lifetime_hint(null()), 0);
        assert_eq!(SSL_SESSION_print(null_mut(), null()), 0);
        assert_eq!(SSL_SESSION_print_fp(null_mut(), null()), 0);
        assert_eq!(i2d_SSL_SESSION(null(), null_mut()), 0);
        assert!(d2i_SSL_SESSION(null_mut(), null_mut(), 0).is_null());
        assert_eq!(PEM_write_bio_SSL_SESSION(null_mut(), null()), 0);
        assert_eq!(PEM_write_SSL_SESSION(null_mut(), null()), 0);
        assert!(PEM_read_bio_SSL_SESSION(null_mut(), null_mut(), None, null_mut()).is_null());
        assert!(PEM_read_SSL_SESSION(null_mut(), null_mut(), None, null_mut()).is_null());
        crate::crypto::err::clear();
    }

    #[test]
    fn session_i2d_d2i_conventions() {
        let s = SSL_SESSION_new();
        let id = [3u8; 32];
        assert_eq!(SSL_SESSION_set1_id(s, id.as_ptr(), 32), 1);
        assert_eq!(SSL_SESSION_set1_id(s, id.as_ptr(), 33), 0);
        crate::crypto::err::clear();
        assert_eq!(i2d_SSL_SESSION(s, null_mut()), 0);
        assert_eq!(SSL_SESSION_set_protocol_version(s, 0x0304), 1);
        let n = i2d_SSL_SESSION(s, null_mut());
        assert!(n > 0);
        let mut buf = vec![0u8; n as usize + 3];
        let mut p = buf.as_mut_ptr();
        assert_eq!(i2d_SSL_SESSION(s, &mut p), n);
        assert_eq!(p as usize - buf.as_ptr() as usize, n as usize);
        let mut q = buf.as_ptr();
        let mut reuse = SSL_SESSION_new();
        let back = d2i_SSL_SESSION(&mut reuse, &mut q, buf.len() as c_long);
        assert_eq!(back, reuse);
        assert_eq!(q as usize - buf.as_ptr() as usize, n as usize);
        let mut len = 0;
        let got = SSL_SESSION_get_id(back, &mut len);
        assert_eq!(len, 32);
        // SAFETY: 32 bytes at `got`.
        assert_eq!(unsafe { core::slice::from_raw_parts(got, 32) }, &id);
        // Garbage: NULL, `*pp` untouched.
        let junk = [0x30u8, 1, 2, 3];
        let mut j = junk.as_ptr();
        assert!(d2i_SSL_SESSION(null_mut(), &mut j, 4).is_null());
        assert_eq!(j, junk.as_ptr());
        assert_ne!(crate::crypto::err::peek_first(), 0);
        crate::crypto::err::clear();
        SSL_SESSION_free(back);
        SSL_SESSION_free(s);
    }
}
