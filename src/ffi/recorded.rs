//! Settings that sslrs records without acting on them (callbacks of features it does not have,
//! padding, PSK/SRP/async/ticket callbacks, ...): the setter stores its argument and the matching
//! getter returns it, as OpenSSL's do.
//!
//! The records live in side tables keyed by the object's address, so the objects themselves (and
//! the files that define them) need no new fields. Each entry holds a `Weak` reference to its
//! object: while the entry exists the allocation cannot be reused for another object, and an
//! entry whose object is gone is dropped (swept on every insertion). An `SSL` without a record of
//! its own starts from a copy of its context's record when it first needs one (OpenSSL copies
//! these settings in `SSL_new`).

use crate::error::{lib, Error, Result};
use crate::ffi::callbacks::SslObj;
use crate::ffi::types::{clone_arc, Handle, SSL, SSL_CTX, SSL_SESSION};
use crate::sync::{Mutex, MutexGuard};
use core::ffi::{c_int, c_ulong, c_void};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, Weak};

/// The security callback of `SSL_CTX_set_security_callback` (`SSL_CTX_get_security_callback`).
pub type SecurityCb = Option<
    unsafe extern "C" fn(
        s: *const SSL,
        ctx: *const SSL_CTX,
        op: c_int,
        bits: c_int,
        nid: c_int,
        other: *mut c_void,
        ex: *mut c_void,
    ) -> c_int,
>;

/// What an `SSL_CTX` or `SSL` has recorded. Callbacks without a getter are kept as addresses.
#[derive(Clone, Default)]
pub struct Rec {
    pub security_cb: Option<SecurityCb>,
    pub security_ex: usize,
    pub padding_cb: usize,
    pub padding_arg: usize,
    pub block_padding: usize,
    pub read_buffer_len: usize,
    pub psk_client_cb: usize,
    pub psk_server_cb: usize,
    pub psk_find_session_cb: usize,
    pub psk_use_session_cb: usize,
    pub psk_identity_hint: Option<std::ffi::CString>,
    pub srp_cb_arg: usize,
    pub srp_username_cb: usize,
    pub srp_verify_param_cb: usize,
    pub srp_client_pwd_cb: usize,
    pub not_resumable_cb: usize,
    pub allow_early_data_cb: (usize, usize),
    pub ticket_cb: (usize, usize, usize),
    pub generate_session_id: usize,
    pub cookie_cb: (usize, usize),
    pub stateless_cookie_cb: (usize, usize),
    pub tmp_dh_cb: usize,
    pub async_cb: usize,
    pub async_arg: usize,
    pub dane_flags: c_ulong,
    pub npn_cb: (usize, usize, usize, usize),
    pub timer_cb: usize,
    /// `SSL_set_ssl_method`: the method pointer (0: derived from the context).
    pub method: usize,
}

/// A side table: object address -> (weak reference to the object, value).
struct Table<T, V> {
    map: Mutex<HashMap<usize, (Weak<T>, V)>>,
}

impl<T, V: Default> Table<T, V> {
    fn new() -> Self {
        Table {
            map: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<usize, (Weak<T>, V)>> {
        self.map.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The live entry of `obj`, if any.
    fn get<R>(&self, obj: &Arc<T>, f: impl FnOnce(&V) -> R) -> Option<R> {
        let key = Arc::as_ptr(obj) as usize;
        let map = self.lock();
        match map.get(&key) {
            Some((w, v)) if w.strong_count() > 0 => Some(f(v)),
            _ => None,
        }
    }

    /// The entry of `obj`, made with `init` if there is none.
    fn with<R>(&self, obj: &Arc<T>, init: impl FnOnce() -> V, f: impl FnOnce(&mut V) -> R) -> R {
        let key = Arc::as_ptr(obj) as usize;
        let mut map = self.lock();
        let live = map.get(&key).is_some_and(|(w, _)| w.strong_count() > 0);
        if !live {
            map.retain(|_, (w, _)| w.strong_count() > 0);
            let v = init();
            map.insert(key, (Arc::downgrade(obj), v));
        }
        let (_, v) = map.get_mut(&key).expect("entry just made");
        f(v)
    }
}

type Context = <SSL_CTX as Handle>::Inner;
type Session = <SSL_SESSION as Handle>::Inner;

fn ctx_table() -> &'static Table<Context, Rec> {
    static T: OnceLock<Table<Context, Rec>> = OnceLock::new();
    T.get_or_init(Table::new)
}

fn ssl_table() -> &'static Table<SslObj, Rec> {
    static T: OnceLock<Table<SslObj, Rec>> = OnceLock::new();
    T.get_or_init(Table::new)
}

/// Per-session data: the ticket application data (`SSL_SESSION_set1_ticket_appdata`).
fn session_table() -> &'static Table<Session, Option<Vec<u8>>> {
    static T: OnceLock<Table<Session, Option<Vec<u8>>>> = OnceLock::new();
    T.get_or_init(Table::new)
}

fn ctx_arc(ctx: *const SSL_CTX) -> Result<Arc<Context>> {
    // SAFETY: NULL or a live SSL_CTX pointer the caller holds.
    unsafe { clone_arc::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))
}

fn ssl_arc(s: *const SSL) -> Result<Arc<SslObj>> {
    // SAFETY: NULL or a live SSL pointer the caller holds.
    unsafe { clone_arc::<SSL>(s) }.ok_or(Error::null_param(lib::SSL, "SSL"))
}

/// The context's record, for reading or changing.
pub fn ctx<R>(ctx: *const SSL_CTX, f: impl FnOnce(&mut Rec) -> R) -> Result<R> {
    let c = ctx_arc(ctx)?;
    Ok(ctx_table().with(&c, Rec::default, f))
}

/// A copy of the context's record (the default record if it has none).
pub fn ctx_copy(c: &Arc<Context>) -> Rec {
    ctx_table().get(c, Rec::clone).unwrap_or_default()
}

/// The connection's record, for reading or changing; made from its context's on first use.
pub fn ssl<R>(s: *const SSL, f: impl FnOnce(&mut Rec) -> R) -> Result<R> {
    let o = ssl_arc(s)?;
    let init = || {
        let c = crate::ffi::callbacks::conn_of(&o).map(|c| c.ctx.clone());
        c.map(|c| ctx_copy(&c)).unwrap_or_default()
    };
    // The initial value is computed before the table is locked (it reads the context's table).
    let v = init();
    Ok(ssl_table().with(&o, || v, f))
}

/// The ticket application data of a session.
pub fn session_appdata<R>(
    s: *const SSL_SESSION,
    f: impl FnOnce(&mut Option<Vec<u8>>) -> R,
) -> Result<R> {
    // SAFETY: NULL or a live SSL_SESSION pointer the caller holds.
    let a =
        unsafe { clone_arc::<SSL_SESSION>(s) }.ok_or(Error::null_param(lib::SSL, "SSL_SESSION"))?;
    Ok(session_table().with(&a, || None, f))
}

/// Queues `ERR_R_UNSUPPORTED` naming `func` and returns `fail`.
pub fn unsupported<T>(fail: T, func: &'static str) -> T {
    crate::ffi::call(fail, || Err(Error::unsupported(lib::SSL, func)))
}

/// A callback as an address (0 for NULL).
pub fn addr<F: Copy>(f: Option<F>) -> usize {
    match f {
        // SAFETY: `F` is an `extern "C" fn` pointer type (the size of an address).
        Some(f) => unsafe { core::mem::transmute_copy::<F, usize>(&f) },
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn records_follow_objects() {
        let c = crate::ffi::ssl::SSL_CTX_new(crate::ffi::ssl::TLS_method());
        ctx(c, |r| r.block_padding = 16).unwrap();
        let s = crate::ffi::ssl::SSL_new(c);
        assert_eq!(ssl(s, |r| r.block_padding).unwrap(), 16);
        ssl(s, |r| r.block_padding = 32).unwrap();
        assert_eq!(ctx(c, |r| r.block_padding).unwrap(), 16);
        crate::ffi::ssl::SSL_free(s);
        crate::ffi::ssl::SSL_CTX_free(c);
        // A new context never sees a freed one's record.
        let c2 = crate::ffi::ssl::SSL_CTX_new(crate::ffi::ssl::TLS_method());
        assert_eq!(ctx(c2, |r| r.block_padding).unwrap(), 0);
        crate::ffi::ssl::SSL_CTX_free(c2);
        assert!(ctx(null(), |_| ()).is_err());
        assert!(ssl(null_mut(), |_| ()).is_err());
        assert!(session_appdata(null(), |_| ()).is_err());
        crate::crypto::err::clear();
    }
}
