//! What the engine tells the application, recorded as it happens and delivered later.
//!
//! The engine never calls the application: an `SSL_*` call runs with the connection locked,
//! and a callback that re-enters the library on the same `SSL` (as real programs' callbacks
//! do) must find it unlocked. So the engine appends [`Event`]s to `Conn::events` while it works
//! and the ffi layer delivers them once the lock is released, before the `SSL_*` call returns.
//! Recording is switched on per kind by [`Notify`], so connections without callbacks pay
//! nothing.

/// One notification for the application.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// An info-callback call: `where_` (`SSL_CB_*` | `SSL_ST_CONNECT`/`SSL_ST_ACCEPT`) and `ret`,
    /// with the handshake state (`SSL_get_state`) and error flag the callback must observe.
    Info {
        where_: i32,
        ret: i32,
        state: i32,
        error: bool,
    },
    /// A message-callback call: direction, version, content type (`SSL3_RT_*`) and bytes.
    Msg {
        write: bool,
        version: i32,
        content_type: i32,
        bytes: Vec<u8>,
    },
    /// New sessions (new-session callback) or retired ones (remove callback) are queued in
    /// `Conn::sess`; the ffi layer reports them all at this point.
    Sessions,
    /// A key-log callback call with one NSS key-log line (no newline).
    KeyLog(String),
}

/// Which kinds of [`Event`] to record (set by the ffi layer before each operation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Notify {
    /// An info callback is installed.
    pub info: bool,
    /// A message callback is installed.
    pub msg: bool,
    /// A ClientHello callback (client hello, servername or ALPN selection) is installed: a
    /// server reads the ClientHello first and stops with `Stop::Hello` to run them.
    pub hello: bool,
    /// A key-log callback is installed (decided when the handshake starts).
    pub keylog: bool,
}
