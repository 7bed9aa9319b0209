//! The C objects behind `SSL*` and `SSL_CTX*` as the ffi layer sees them, and the one place
//! where application callbacks are invoked.
//!
//! Re-entrancy rule (DESIGN "Callbacks re-enter"): no application callback ever runs while the
//! connection's mutex is held. The engine records what happened as [`Event`]s in the
//! connection; the I/O entry points ([`with_conn_io`]) release the lock and then [`dispatch`]
//! the events, so a callback may call any `SSL_*` function on the same `SSL` (state strings,
//! ex_data, `SSL_get_current_cipher`, even `SSL_set_SSL_CTX`). While an event is dispatched,
//! `SSL_get_state` and the state strings report the state the event was recorded in
//! ([`SslObj::cb_state`]). Application data (`ex_data`) and the callbacks themselves live
//! outside the connection's mutex.

use crate::engine::events::Event;
use crate::engine::Conn;
use crate::error::{lib, Error, Result};
use crate::ffi::call;
use crate::ffi::ex_data::ExData;
use crate::ffi::types::{borrow, SSL, SSL_CTX};
use crate::sync::{Mutex, MutexGuard};
use core::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

/// `SSL_CTX_set_info_callback` / `SSL_set_info_callback`.
pub type InfoCb = Option<unsafe extern "C" fn(ssl: *const SSL, r#type: c_int, val: c_int)>;

/// The message callback of `SSL_CTX_set_msg_callback` / `SSL_set_msg_callback`.
pub type MsgCb = Option<
    unsafe extern "C" fn(
        write_p: c_int,
        version: c_int,
        content_type: c_int,
        buf: *const c_void,
        len: usize,
        ssl: *mut SSL,
        arg: *mut c_void,
    ),
>;
/// `SSL_CTRL_SET_MSG_CALLBACK` (the `callback_ctrl` form of `SSL_CTX_set_msg_callback`).
pub const SSL_CTRL_SET_MSG_CALLBACK: c_int = 15;
/// `SSL_CTRL_SET_MSG_CALLBACK_ARG`.
pub const SSL_CTRL_SET_MSG_CALLBACK_ARG: c_int = 16;
/// `SSL_CTX_set_keylog_callback`.
pub type SSL_CTX_keylog_cb_func =
    Option<unsafe extern "C" fn(ssl: *const SSL, line: *const core::ffi::c_char)>;
/// `SSL_CTX_set_tlsext_servername_callback`.
pub type ServernameCb =
    Option<unsafe extern "C" fn(s: *mut SSL, al: *mut c_int, arg: *mut c_void) -> c_int>;
/// `SSL_CTX_alpn_select_cb_func`.
pub type SSL_CTX_alpn_select_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        out: *mut *const u8,
        outlen: *mut u8,
        r#in: *const u8,
        inlen: core::ffi::c_uint,
        arg: *mut c_void,
    ) -> c_int,
>;
/// `SSL_client_hello_cb_fn`.
pub type SSL_client_hello_cb_fn =
    Option<unsafe extern "C" fn(s: *mut SSL, al: *mut c_int, arg: *mut c_void) -> c_int>;

/// Callbacks an `SSL_CTX` carries (each with its argument where OpenSSL has one; arguments are
/// kept as addresses).
#[derive(Clone, Copy, Default)]
pub struct CtxHooks {
    pub info: InfoCb,
    pub servername: ServernameCb,
    pub servername_arg: usize,
    pub alpn_select: SSL_CTX_alpn_select_cb_func,
    pub alpn_select_arg: usize,
    pub client_hello: SSL_client_hello_cb_fn,
    pub client_hello_arg: usize,
    pub keylog: SSL_CTX_keylog_cb_func,
    pub msg: MsgCb,
    pub msg_arg: usize,
}

/// Callbacks an `SSL` may override.
#[derive(Clone, Copy, Default)]
pub struct SslHooks {
    pub info: InfoCb,
    /// Copied from the context by `SSL_new`, as OpenSSL does.
    pub msg: MsgCb,
    pub msg_arg: usize,
}

/// What `SSL_CTX*` carries besides the engine's `Context`: ex_data and callbacks.
pub struct CtxApp {
    pub ex: ExData,
    /// Store, verify parameters and recorded callbacks (`compat.rs`).
    pub extra: crate::ffi::compat::Extra,
    pub hooks: Mutex<CtxHooks>,
    /// Certificate objects, password and certificate callbacks, CA lists (`certs.rs`).
    pub certs: crate::ffi::certs::CtxCerts,
    /// The `SSL_CTX*` value, for the ex_data free callbacks.
    parent: AtomicUsize,
}

impl CtxApp {
    pub fn new() -> CtxApp {
        CtxApp {
            ex: ExData::new(crate::ffi::crypto::CRYPTO_EX_INDEX_SSL_CTX),
            extra: Default::default(),
            hooks: Mutex::default(),
            certs: crate::ffi::certs::CtxCerts::default(),
            parent: AtomicUsize::new(0),
        }
    }

    /// Records the context's C pointer and runs the ex_data new-callbacks.
    pub fn created(&self, ctx: *mut SSL_CTX) {
        self.parent.store(ctx as usize, Ordering::Relaxed);
        self.ex.created(ctx.cast());
    }

    pub fn hooks(&self) -> CtxHooks {
        *lock(&self.hooks)
    }
}

impl Default for CtxApp {
    fn default() -> Self {
        CtxApp::new()
    }
}

impl Drop for CtxApp {
    fn drop(&mut self) {
        let parent = self.parent.load(Ordering::Relaxed);
        if parent != 0 {
            self.ex.freed(parent as *mut c_void);
        }
    }
}

/// The object behind `SSL*`.
pub struct SslObj {
    pub conn: Mutex<Conn>,
    pub ex: ExData,
    pub hooks: Mutex<SslHooks>,
    /// While an event is dispatched: the `SSL_get_state` value it was recorded in (-1: none).
    cb_state: AtomicI32,
    /// While an event is dispatched: whether it was recorded after a fatal error.
    cb_error: AtomicI32,
    /// The ClientHello while its callbacks run (`SSL_client_hello_get0_*` point into it).
    pub hello: Mutex<Option<std::sync::Arc<crate::engine::HelloInfo>>>,
    /// The last `SSL_get_servername` result, NUL-terminated (the pointer handed out).
    pub servername: Mutex<Option<std::ffi::CString>>,
    /// The context the connection was made from (`SSL_set_SSL_CTX(s, NULL)` returns to it).
    pub initial_ctx: std::sync::Arc<crate::engine::Context>,
    /// Verify parameters and recorded callbacks (`compat.rs`).
    pub extra: crate::ffi::compat::Extra,
    /// The verify callback as the engine calls it (`verify_cb.rs`).
    pub verify_installed: crate::ffi::verify_cb::Installed,
    /// Certificate objects (own and the peer's), callbacks, CA lists (`certs.rs`).
    pub certs: crate::ffi::certs::SslCerts,
}

impl SslObj {
    pub fn new(conn: Conn) -> SslObj {
        let ctx_hooks = ctx_app(&conn.ctx).map(CtxApp::hooks).unwrap_or_default();
        let hooks = SslHooks {
            msg: ctx_hooks.msg,
            msg_arg: ctx_hooks.msg_arg,
            ..SslHooks::default()
        };
        let extra = crate::ffi::compat::Extra::default();
        crate::ffi::compat::inherit(&conn.ctx, &extra);
        SslObj {
            extra,
            verify_installed: Default::default(),
            certs: crate::ffi::certs::SslCerts::inherit(ctx_app(&conn.ctx)),
            initial_ctx: conn.ctx.clone(),
            hello: Mutex::new(None),
            servername: Mutex::new(None),
            conn: Mutex::new(conn),
            ex: ExData::new(crate::ffi::crypto::CRYPTO_EX_INDEX_SSL),
            hooks: Mutex::new(hooks),
            cb_state: AtomicI32::new(-1),
            cb_error: AtomicI32::new(0),
        }
    }

    /// The state an event being dispatched reports: `(state, in_error)`.
    pub fn cb_state(&self) -> Option<(i32, bool)> {
        match self.cb_state.load(Ordering::Relaxed) {
            -1 => None,
            s => Some((s, self.cb_error.load(Ordering::Relaxed) != 0)),
        }
    }
}

impl Drop for SslObj {
    fn drop(&mut self) {
        let me = self as *mut SslObj as *mut c_void;
        self.ex.freed(me);
    }
}

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The object behind `ssl`.
pub fn obj<'a>(ssl: *const SSL) -> Result<&'a SslObj> {
    // SAFETY: a non-NULL SSL* is one we handed out and the caller still holds.
    unsafe { borrow::<SSL>(ssl) }.ok_or(Error::null_param(lib::SSL, "SSL"))
}

/// The ffi side of a context.
pub fn ctx_app(ctx: &crate::engine::Context) -> Option<&CtxApp> {
    ctx.app.downcast_ref::<CtxApp>()
}

/// Locks the connection. A re-entrant call (from a callback that runs under the lock, which
/// [`dispatch`] never does) finds it busy.
pub fn conn_of(obj: &SslObj) -> Result<MutexGuard<'_, Conn>> {
    match obj.conn.try_lock() {
        Ok(g) => Ok(g),
        Err(std::sync::TryLockError::Poisoned(p)) => Ok(p.into_inner()),
        Err(std::sync::TryLockError::WouldBlock) => {
            Err(Error::internal("SSL busy (re-entrant call)"))
        }
    }
}

/// Which notifications the engine should record for this connection.
fn notify_flags(obj: &SslObj, conn: &Conn) -> crate::engine::events::Notify {
    let ctx_hooks = ctx_app(&conn.ctx).map(CtxApp::hooks).unwrap_or_default();
    let ssl_hooks = *lock(&obj.hooks);
    crate::engine::events::Notify {
        info: ssl_hooks.info.or(ctx_hooks.info).is_some(),
        msg: ssl_hooks.msg.is_some(),
        hello: ctx_hooks.servername.is_some()
            || ctx_hooks.alpn_select.is_some()
            || ctx_hooks.client_hello.is_some()
            || conn.ctx.sessions.callbacks().get_cb != 0
            || (conn.is_server() && crate::ffi::certs::has_cert_cb(obj))
            // post-handshake auth only: whether to ask depends on the ClientHello's versions
            || (conn.is_server()
                && conn.settings.verify_mode & crate::ffi::ssl::SSL_VERIFY_POST_HANDSHAKE != 0),
        keylog: ctx_hooks.keylog.is_some(),
    }
}

/// Runs an engine operation that may record events: the lock is taken for `f` only, then the
/// events are dispatched with no lock held.
///
/// A server that stopped for its ClientHello callbacks runs them here (unlocked), hands the
/// outcome to the engine and repeats the operation.
pub fn with_conn_io<T>(ssl: *const SSL, fail: T, mut f: impl FnMut(&mut Conn) -> Result<T>) -> T {
    call(fail, || {
        let o = obj(ssl)?;
        loop {
            let (r, events, hello, done) = {
                let mut c = conn_of(o)?;
                c.notify = notify_flags(o, &c);
                if !c.is_init_finished() {
                    crate::ffi::compat::sync_store(&c.ctx);
                }
                crate::ffi::compat::apply_param(&o.extra, &mut c);
                crate::ffi::verify_cb::install(ssl, o, &mut c);
                crate::ffi::certs::install_client_cert_cb(ssl, &mut c);
                let was_done = c.is_init_finished();
                let r = f(&mut c);
                c.collect_keylog();
                let done = !was_done && c.is_init_finished();
                (r, std::mem::take(&mut c.events), c.hello_info(), done)
            };
            if done {
                crate::ffi::certs::note_dir_lookups(o);
            }
            deliver(ssl, o, events);
            let Some(info) = hello else {
                return r;
            };
            let outcome = crate::ffi::hello::run_hello_callbacks(ssl, o, info);
            // On failure the error is queued and the next round of `f` reports it the way the
            // operation reports failures (the engine holds it as a pending stop).
            // The callbacks may have switched the context: its callbacks count from here on.
            let mut c = conn_of(o)?;
            c.notify = notify_flags(o, &c);
            // (a servername callback may have switched the context and the verify settings)
            crate::ffi::compat::apply_param(&o.extra, &mut c);
            crate::ffi::verify_cb::install(ssl, o, &mut c);
            let _ = c.finish_hello(outcome);
        }
    })
}

/// Dispatches `events` keeping errno as the engine left it.
fn deliver(ssl: *const SSL, o: &SslObj, events: Vec<Event>) {
    if !events.is_empty() {
        // errno is part of SSL_ERROR_SYSCALL's report: callbacks must not change it.
        // SAFETY: errno is thread-local.
        let errno = unsafe { *libc::__errno_location() };
        dispatch(ssl, o, events);
        // SAFETY: as above.
        unsafe { *libc::__errno_location() = errno };
    }
}

/// Invokes the application's callbacks for `events`, in order, with no lock held.
pub fn dispatch(ssl: *const SSL, o: &SslObj, events: Vec<Event>) {
    if events.is_empty() {
        return;
    }
    for ev in events {
        match ev {
            Event::Sessions => crate::ffi::session::dispatch(ssl as *mut SSL),
            Event::Info {
                where_,
                ret,
                state,
                error,
            } => {
                let cb = {
                    let own = lock(&o.hooks).info;
                    own.or_else(|| {
                        let ctx = conn_of(o).ok()?.ctx.clone();
                        ctx_app(&ctx)?.hooks().info
                    })
                };
                if let Some(f) = cb {
                    let saved = (
                        o.cb_state.load(Ordering::Relaxed),
                        o.cb_error.load(Ordering::Relaxed),
                    );
                    o.cb_state.store(state, Ordering::Relaxed);
                    o.cb_error.store(i32::from(error), Ordering::Relaxed);
                    // SAFETY: the application's info callback with OpenSSL's arguments.
                    unsafe { f(ssl, where_, ret) };
                    o.cb_state.store(saved.0, Ordering::Relaxed);
                    o.cb_error.store(saved.1, Ordering::Relaxed);
                }
            }
            Event::Msg {
                write,
                version,
                content_type,
                bytes,
            } => {
                let h = *lock(&o.hooks);
                if let Some(f) = h.msg {
                    // SAFETY: the application's message callback; `bytes` outlives the call.
                    unsafe {
                        f(
                            c_int::from(write),
                            version,
                            content_type,
                            bytes.as_ptr().cast(),
                            bytes.len(),
                            ssl as *mut SSL,
                            h.msg_arg as *mut c_void,
                        )
                    };
                }
            }
            Event::KeyLog(line) => {
                let cb = conn_of(o)
                    .ok()
                    .and_then(|c| ctx_app(&c.ctx).map(CtxApp::hooks))
                    .and_then(|h| h.keylog);
                let Ok(line) = std::ffi::CString::new(line) else {
                    continue;
                };
                if let Some(f) = cb {
                    // SAFETY: the application's key-log callback with a NUL-terminated line
                    // that outlives the call.
                    unsafe { f(ssl, line.as_ptr()) };
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Exports: info callbacks and ex_data of SSL and SSL_CTX

fn app_of<'a>(ctx: *const SSL_CTX) -> Result<&'a CtxApp> {
    // SAFETY: a non-NULL SSL_CTX* is one we handed out and the caller still holds.
    let c = unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))?;
    ctx_app(c).ok_or(Error::internal("SSL_CTX without companion"))
}

/// `SSL_CTX_set_info_callback(3)`: called for every connection of the context that has none of
/// its own, with OpenSSL's `where`/`ret` sequence.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_info_callback(ctx: *mut SSL_CTX, cb: InfoCb) {
    crate::ffi::void(|| {
        lock(&app_of(ctx)?.hooks).info = cb;
        Ok(())
    })
}

/// `SSL_CTX_get_info_callback(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_info_callback(ctx: *mut SSL_CTX) -> InfoCb {
    call(None, || Ok(app_of(ctx)?.hooks().info))
}

/// `SSL_set_info_callback(3)`: overrides the context's for this connection.
#[no_mangle]
pub extern "C" fn SSL_set_info_callback(ssl: *mut SSL, cb: InfoCb) {
    crate::ffi::void(|| {
        lock(&obj(ssl)?.hooks).info = cb;
        Ok(())
    })
}

/// `SSL_get_info_callback(3)`: the connection's own callback (NULL if it uses the context's).
#[no_mangle]
pub extern "C" fn SSL_get_info_callback(ssl: *const SSL) -> InfoCb {
    call(None, || Ok(lock(&obj(ssl)?.hooks).info))
}

/// `SSL_CTX_set_msg_callback(3)`: shown the records and messages sslrs sees in the clear
/// (record headers, plaintext handshake messages, ChangeCipherSpec, plaintext alerts, the
/// close_notify it sends); connections made afterwards get it, as in OpenSSL.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_msg_callback(ctx: *mut SSL_CTX, cb: MsgCb) {
    crate::ffi::void(|| {
        lock(&app_of(ctx)?.hooks).msg = cb;
        Ok(())
    })
}

/// `SSL_set_msg_callback(3)`: as `SSL_CTX_set_msg_callback`, for one connection.
#[no_mangle]
pub extern "C" fn SSL_set_msg_callback(ssl: *mut SSL, cb: MsgCb) {
    crate::ffi::void(|| {
        lock(&obj(ssl)?.hooks).msg = cb;
        Ok(())
    })
}

/// `SSL_ctrl(SSL_CTRL_SET_MSG_CALLBACK_ARG)` (the `SSL_set_msg_callback_arg` macro).
pub fn set_ssl_msg_arg(ssl: *mut SSL, arg: *mut c_void) -> Result<core::ffi::c_long> {
    lock(&obj(ssl)?.hooks).msg_arg = arg as usize;
    Ok(1)
}

/// `SSL_CTX_ctrl(SSL_CTRL_SET_MSG_CALLBACK_ARG)` (the `SSL_CTX_set_msg_callback_arg` macro).
pub fn set_ctx_msg_arg(ctx: *mut SSL_CTX, arg: *mut c_void) -> Result<core::ffi::c_long> {
    lock(&app_of(ctx)?.hooks).msg_arg = arg as usize;
    Ok(1)
}

/// `SSL_set_ex_data(3)`: 1, or 0 for a negative index. Index 0 is `SSL_set_app_data`.
#[no_mangle]
pub extern "C" fn SSL_set_ex_data(ssl: *mut SSL, idx: c_int, data: *mut c_void) -> c_int {
    call(0, || Ok(c_int::from(obj(ssl)?.ex.set(idx, data as usize))))
}

/// `SSL_get_ex_data(3)`: the value, or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_ex_data(ssl: *const SSL, idx: c_int) -> *mut c_void {
    call(core::ptr::null_mut(), || {
        Ok(obj(ssl)?.ex.get(idx) as *mut c_void)
    })
}

/// `SSL_CTX_set_ex_data(3)`: 1, or 0 for a negative index.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ex_data(ssl: *mut SSL_CTX, idx: c_int, data: *mut c_void) -> c_int {
    call(0, || {
        Ok(c_int::from(app_of(ssl)?.ex.set(idx, data as usize)))
    })
}

/// `SSL_CTX_get_ex_data(3)`: the value, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ex_data(ssl: *const SSL_CTX, idx: c_int) -> *mut c_void {
    call(core::ptr::null_mut(), || {
        Ok(app_of(ssl)?.ex.get(idx) as *mut c_void)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_handling() {
        SSL_CTX_set_info_callback(null_mut(), None);
        assert!(SSL_CTX_get_info_callback(null_mut()).is_none());
        SSL_set_info_callback(null_mut(), None);
        assert!(SSL_get_info_callback(null()).is_none());
        SSL_CTX_set_msg_callback(null_mut(), None);
        SSL_set_msg_callback(null_mut(), None);
        assert!(set_ssl_msg_arg(null_mut(), null_mut()).is_err());
        assert!(set_ctx_msg_arg(null_mut(), null_mut()).is_err());
        assert_eq!(SSL_set_ex_data(null_mut(), 0, null_mut()), 0);
        assert!(SSL_get_ex_data(null(), 0).is_null());
        assert_eq!(SSL_CTX_set_ex_data(null_mut(), 0, null_mut()), 0);
        assert!(SSL_CTX_get_ex_data(null(), 0).is_null());
        assert_eq!(
            crate::ffi::ex_data::CRYPTO_set_ex_data(null_mut(), 1, null_mut()),
            0
        );
        assert!(crate::ffi::ex_data::CRYPTO_get_ex_data(null(), 1).is_null());
        assert_eq!(crate::ffi::ex_data::CRYPTO_free_ex_index(-1, 0), 0);
        assert_eq!(
            crate::ffi::ex_data::SSL_SESSION_set_ex_data(null_mut(), 0, null_mut()),
            0
        );
        assert!(crate::ffi::ex_data::SSL_SESSION_get_ex_data(null(), 0).is_null());
        crate::crypto::err::clear();
    }
}
