//! `SSL`: one connection, OpenSSL's state model around a rustls connection.
//!
//! Transport bytes move only through the application's BIOs, one TLS record at a time (5 header
//! bytes, then exactly the body, as OpenSSL does without read-ahead), so bytes of later records
//! stay in the kernel or the BIO where `select()`/`poll()` and `BIO_ctrl_pending` can see them,
//! and one `SSL_read` returns at most one record's plaintext.

use crate::crypto::bio::{
    Bio, BIO_FLAGS_IO_SPECIAL, BIO_FLAGS_READ, BIO_FLAGS_SHOULD_RETRY, BIO_FLAGS_WRITE,
};
use crate::crypto::err;
use crate::engine::context::{mode, op, verify, Context, Settings, TLS1_2_VERSION, TLS1_3_VERSION};
use crate::engine::errmap;
use crate::engine::events::{Event, Notify};
use crate::engine::keys::Keys;
use crate::engine::session::{self, ConnSessions};
use crate::engine::verify::{Checks, HostCheck, Verifier, VerifySlot};
use crate::error::{lib, ssl_r, Error};
use crate::sync::Mutex;
use rustls::{Connection, ProtocolVersion};
use rustls_pki_types::{CertificateDer, ServerName};
use std::io::{self, Read, Write};
use std::sync::Arc;

mod hello;
mod msgs;
mod trace;
pub use hello::{alpn_wire_valid, AlpnChoice, HelloInfo, HelloOutcome, ParsedHello};

/// `SSL_want()` values (`rwstate`).
pub const SSL_NOTHING: i32 = 1;
pub const SSL_WRITING: i32 = 2;
pub const SSL_READING: i32 = 3;

/// `SSL_get_shutdown()` bits.
pub const SSL_SENT_SHUTDOWN: i32 = 1;
pub const SSL_RECEIVED_SHUTDOWN: i32 = 2;

/// `SSL_get_error()` values.
pub mod ssl_error {
    pub const NONE: i32 = 0;
    pub const SSL: i32 = 1;
    pub const WANT_READ: i32 = 2;
    pub const WANT_WRITE: i32 = 3;
    pub const SYSCALL: i32 = 5;
    pub const ZERO_RETURN: i32 = 6;
    pub const WANT_CONNECT: i32 = 7;
    pub const WANT_ACCEPT: i32 = 8;
}

/// `OSSL_HANDSHAKE_STATE` values the engine reports.
pub mod hs {
    pub const BEFORE: i32 = 0;
    pub const OK: i32 = 1;
    pub const CW_CLNT_HELLO: i32 = 12;
    pub const CW_FINISHED: i32 = 18;
    pub const SW_SRVR_DONE: i32 = 26;
    pub const EARLY_DATA: i32 = 46;
}

const SSL3_RT_HEADER_LENGTH: usize = 5;
/// The ChangeCipherSpec record a TLS 1.3 client sends for middlebox compatibility.
const FAKE_CCS: [u8; 6] = [20, 3, 3, 0, 1, 1];
/// The largest record body OpenSSL's default read buffer holds (16384 + 320 overhead + 3
/// alignment bytes): a longer header is PACKET_LENGTH_TOO_LONG before the body is read.
const MAX_RECORD_BODY: usize = 16384 + 320 + 3;
/// `SSL3_RT_MAX_ENCRYPTED_LENGTH`: a whole record longer than this is ENCRYPTED_LENGTH_TOO_LONG.
const MAX_ENCRYPTED_BODY: usize = 16384 + 320;
/// Alert descriptions the engine sends itself.
const AD_UNEXPECTED_MESSAGE: u8 = 10;
const AD_RECORD_OVERFLOW: u8 = 22;
const AD_DECODE_ERROR: u8 = 50;
/// `SSL3_RT_MAX_PLAIN_LENGTH`: the largest plaintext one record carries.
const MAX_PLAIN: usize = 16384;
const BIO_RR_CONNECT: i32 = 2;
const BIO_RR_ACCEPT: i32 = 3;

/// The role set by `SSL_set_connect_state`/`SSL_set_accept_state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Client,
    Server,
}

/// Why an operation stopped. The caller turns it into OpenSSL's return value; errors were
/// already queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Retry later: `rwstate` and the BIO's retry flags say which way.
    Retry,
    /// A transport failure (errno tells) or a call after a local fatal error: nothing queued.
    Syscall,
    /// A protocol or usage error, queued.
    Failed,
    /// The peer closed: close_notify, a fatal alert (queued), or EOF (queued unless ignored).
    Closed,
    /// A server read the whole ClientHello and waits for the application's ClientHello
    /// callbacks (client hello, servername, ALPN): the ffi layer runs them with the connection
    /// unlocked, calls [`Conn::finish_hello`] and repeats the operation. Never reaches C.
    Hello,
}

type Io<T> = Result<T, Stop>;

enum Record {
    Got,
    Eof,
}

/// The last write that returned a retry: OpenSSL's retry rules apply to the next one.
#[derive(Clone, Copy, Debug)]
pub(super) struct PendingWrite {
    buf: usize,
    committed: usize,
}

/// One connection (`SSL`).
pub struct Conn {
    pub ctx: Arc<Context>,
    pub settings: Settings,
    pub rbio: Option<Arc<Bio>>,
    pub wbio: Option<Arc<Bio>>,
    /// `SSL_set1_host`: the name or address verification checks.
    pub host: Option<HostCheck>,
    /// More host names, host flags, the verification time (the program's parameters).
    pub checks: Checks,
    /// The application's verify callback (set by the ffi layer before each operation).
    pub verify_callback: Option<Arc<dyn crate::engine::verify::VerifyCallback>>,
    /// `X509_V_FLAG_PARTIAL_CHAIN` in the connection's verify parameters (set likewise).
    pub partial_chain: bool,
    /// The `X509_V_FLAG_*` of the store and the connection's parameters (set likewise).
    pub verify_flags: u64,
    /// `SSL_CTX_set_cert_verify_callback` (set likewise).
    pub cert_verify_callback: Option<Arc<dyn crate::engine::verify::CertVerifyCallback>>,
    /// `SSL_CTX_set_client_cert_cb`, if set.
    pub client_cert_callback: Option<Arc<dyn crate::engine::verify::ClientCertCallback>>,
    /// `SSL_set_tlsext_host_name`: the SNI to send.
    pub sni: Option<String>,
    /// FFI-owned objects handed out by getters (`SSL_get_ciphers`'s stack), kept alive as long
    /// as the connection.
    pub ffi_owned: Option<Box<dyn std::any::Any + Send>>,
    /// Certificates and keys of this connection: `SSL_new`'s copy of its context's, changed by
    /// `SSL_use_certificate` & co; `None` after `SSL_set_SSL_CTX` (the new context's are used).
    pub own_creds: Option<crate::engine::context::Credentials>,
    /// The CA names of the server's CertificateRequest (client side; `None`: none received).
    peer_ca: Arc<Mutex<Option<Vec<Vec<u8>>>>>,
    /// What this handshake revealed beyond rustls's accessors (client offer, schemes).
    observed: Arc<Mutex<crate::engine::config::Observed>>,
    role: Option<Role>,
    pub(super) tls: Option<Connection>,
    pub(super) in_init: bool,
    before: bool,
    failed: bool,
    /// The peer's fatal alert arrived: the state reads "error" as after a local fatal error,
    /// but later calls report the closed connection (ZERO_RETURN), not SYSCALL.
    peer_fatal: bool,
    hand_state: i32,
    rwstate: i32,
    shutdown: i32,
    verify: Arc<Mutex<VerifySlot>>,
    /// The current record's header, as far as it has arrived.
    hdr: [u8; SSL3_RT_HEADER_LENGTH],
    hdr_have: usize,
    /// Output taken from rustls and not yet written (see [`Conn::flush_out`]).
    held: Vec<u8>,
    /// Body bytes of the current record not yet passed to rustls.
    body_left: usize,
    seen_record: bool,
    plain_avail: usize,
    pub(super) wpend: Option<PendingWrite>,
    /// Secrets, hello randoms and key-update/early-data state (`keys`).
    pub(super) keys: Keys,
    /// Sessions: the offered one, the current one, what callbacks are due.
    pub sess: ConnSessions,
    /// Notifications recorded for the application, delivered by the ffi layer once the
    /// connection is unlocked (see `events`).
    pub events: Vec<Event>,
    /// Which notifications to record.
    pub notify: Notify,
    /// Server with ClientHello callbacks: the ClientHello is read by an acceptor first.
    /// (Boxed: both hold a whole rustls connection state, only needed by such servers.)
    acceptor: Option<Box<rustls::server::Acceptor>>,
    accepted: Option<Box<rustls::server::Accepted>>,
    /// The ClientHello's handshake message bytes, kept while the acceptor reads them.
    hello_raw: Vec<u8>,
    /// The outcome the next handshake step reports without doing anything (a failure found
    /// between two calls, e.g. by the ClientHello callbacks; its error is already queued).
    pending_stop: Option<Stop>,
    /// The SNI name a server received through the acceptor.
    hello_sni: Option<String>,
    /// OpenSSL's state sequence for `SSL_get_state` and the info callback.
    trace: trace::Trace,
    /// What the message callback is shown, per direction.
    msg_rx: msgs::Stream,
    msg_tx: msgs::Stream,
}

/// Calls `f` on the first `n` bytes of `bufs`, slice by slice (what a vectored write took).
pub fn for_each_written(bufs: &[io::IoSlice<'_>], mut n: usize, mut f: impl FnMut(&[u8])) {
    for b in bufs {
        if n == 0 {
            break;
        }
        let k = n.min(b.len());
        f(&b[..k]);
        n -= k;
    }
}

/// `io::Write` over a BIO, mapping its retry flags to `WouldBlock`.
struct BioWriter<'a>(&'a Bio);

impl Write for BioWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let len = buf.len().min(i32::MAX as usize);
        let n = self.0.write(&buf[..len]);
        if n > 0 {
            Ok(n as usize)
        } else if self.0.test_flags(BIO_FLAGS_SHOULD_RETRY) != 0 {
            Err(io::ErrorKind::WouldBlock.into())
        } else {
            Err(io::ErrorKind::Other.into())
        }
    }
    /// Everything rustls has queued goes out in ONE BIO write, as OpenSSL sends a handshake
    /// flight through its buffering BIO with one write. This is observable: when the peer has
    /// sent a fatal alert and closed, the first write to the socket still succeeds (the RST
    /// comes back after it), a second one fails with EPIPE/ECONNRESET. With one write the
    /// next step reads the peer's alert and reports it, as OpenSSL does, instead of the
    /// write failure. A partial write is fine: rustls keeps what was not taken.
    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        let mut parts = bufs.iter().filter(|b| !b.is_empty());
        match (parts.next(), parts.next()) {
            (None, _) => Ok(0),
            (Some(only), None) => self.write(only),
            _ => {
                let mut all = Vec::with_capacity(bufs.iter().map(|b| b.len()).sum());
                bufs.iter().for_each(|b| all.extend_from_slice(b));
                self.write(&all)
            }
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `io::Read` over a BIO for at most `limit` bytes. End of stream is reported as an error, not
/// as `Ok(0)`: EOF is the engine's to interpret (close_notify, unexpected EOF), not rustls's.
struct BioReader<'a> {
    bio: &'a Bio,
    limit: usize,
}

impl Read for BioReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf.len().min(self.limit).min(i32::MAX as usize);
        match self.bio.read(&mut buf[..want]) {
            n if n > 0 => Ok(n as usize),
            _ => Err(io::ErrorKind::WouldBlock.into()),
        }
    }
}

impl Conn {
    /// `SSL_new`: a connection with `ctx`'s current settings.
    pub fn new(ctx: Arc<Context>) -> Conn {
        // The connection's copy of the context's certificates and keys, as `SSL_new` makes it.
        let (settings, creds) = ctx.with(|c| (c.settings.clone(), c.creds.snapshot()));
        let mut conn = Conn::fresh(ctx, settings, None);
        conn.own_creds = Some(creds);
        conn
    }

    /// A connection in the "before" state: configuration and BIOs are set by the caller, every
    /// piece of handshake state starts from its initial value (the one place that lists them).
    fn fresh(ctx: Arc<Context>, settings: Settings, role: Option<Role>) -> Conn {
        Conn {
            settings,
            rbio: None,
            wbio: None,
            host: None,
            checks: Checks::default(),
            verify_callback: None,
            partial_chain: false,
            verify_flags: 0,
            cert_verify_callback: None,
            client_cert_callback: None,
            sni: None,
            ffi_owned: None,
            own_creds: None,
            peer_ca: Arc::default(),
            observed: Arc::default(),
            role,
            tls: None,
            in_init: true,
            before: true,
            failed: false,
            peer_fatal: false,
            hand_state: hs::BEFORE,
            rwstate: SSL_NOTHING,
            shutdown: 0,
            verify: Arc::default(),
            hdr: [0; SSL3_RT_HEADER_LENGTH],
            hdr_have: 0,
            held: Vec::new(),
            body_left: 0,
            seen_record: false,
            plain_avail: 0,
            wpend: None,
            keys: Keys::default(),
            events: Vec::new(),
            notify: Notify::default(),
            acceptor: None,
            accepted: None,
            hello_raw: Vec::new(),
            pending_stop: None,
            hello_sni: None,
            trace: trace::Trace::default(),
            msg_rx: msgs::Stream::default(),
            msg_tx: msgs::Stream::default(),
            sess: ConnSessions::new(&ctx.sessions),
            ctx,
        }
    }

    /// `SSL_set_connect_state` / `SSL_set_accept_state`: sets the role and restarts the state
    /// machine; the connection's settings, BIOs, host and SNI stay.
    pub fn set_role(&mut self, role: Role) {
        self.restart(Some(role));
    }

    /// `SSL_clear`: back to the "before" state for a new connection; the role, settings, BIOs,
    /// host, SNI and the verify result stay (OpenSSL keeps `verify_result` too).
    pub fn clear(&mut self) {
        if self.shutdown & SSL_SENT_SHUTDOWN == 0 && !self.in_init && !self.before {
            if let Some(s) = self.sess.retire(&self.ctx.sessions) {
                self.sess.removed.push(s);
                self.note_sessions();
            }
        }
        let result = self.verify_result();
        self.restart(self.role);
        if let Ok(mut v) = self.verify.lock() {
            v.result = result;
        }
    }

    fn restart(&mut self, role: Option<Role>) {
        let settings = std::mem::take(&mut self.settings);
        let mut fresh = Conn::fresh(self.ctx.clone(), settings, role);
        fresh.rbio = self.rbio.take();
        fresh.wbio = self.wbio.take();
        fresh.host = self.host.take();
        fresh.checks = std::mem::take(&mut self.checks);
        fresh.sni = self.sni.take();
        fresh.sess = self.sess.restarted();
        fresh.events = std::mem::take(&mut self.events);
        // What the application installed still counts for the operation under way: the
        // callbacks and verification settings the ffi layer put in before it.
        fresh.notify = self.notify;
        fresh.verify_flags = self.verify_flags;
        fresh.partial_chain = self.partial_chain;
        fresh.verify_callback = self.verify_callback.take();
        fresh.cert_verify_callback = self.cert_verify_callback.take();
        fresh.client_cert_callback = self.client_cert_callback.take();
        fresh.ffi_owned = self.ffi_owned.take();
        fresh.own_creds = self.own_creds.take();
        *self = fresh;
    }

    /// The role, if one was set.
    pub fn role(&self) -> Option<Role> {
        self.role
    }

    /// Whether the context's method cannot play the role that is set (`TLS_client_method`
    /// accepting, `TLS_server_method` connecting): OpenSSL's handshake function is then
    /// `ssl_undefined_function`.
    pub fn method_refuses_role(&self) -> bool {
        use crate::engine::context::Method;
        matches!(
            (self.role, self.ctx.method),
            (Some(Role::Server), Method::Client) | (Some(Role::Client), Method::Server)
        )
    }

    /// `SSL_is_server`.
    pub fn is_server(&self) -> bool {
        match self.role {
            Some(r) => r == Role::Server,
            None => self.ctx.method != crate::engine::context::Method::Client,
        }
    }

    /// `SSL_in_init`.
    pub fn in_init(&self) -> bool {
        self.in_init
    }
    /// `SSL_in_before`.
    pub fn in_before(&self) -> bool {
        self.before
    }
    /// `SSL_is_init_finished`.
    pub fn is_init_finished(&self) -> bool {
        !self.in_init && self.hand_state == hs::OK
    }
    /// `SSL_get_state`.
    pub fn state(&self) -> i32 {
        self.hand_state
    }
    /// True after a locally detected fatal error (state strings read "error").
    pub fn in_error(&self) -> bool {
        self.failed || self.peer_fatal
    }
    /// `SSL_want`.
    pub fn want(&self) -> i32 {
        self.rwstate
    }
    /// `SSL_get_shutdown`.
    pub fn shutdown_flags(&self) -> i32 {
        self.shutdown
    }
    /// `SSL_set_shutdown`: overwrites the flags, no I/O.
    pub fn set_shutdown_flags(&mut self, m: i32) {
        self.shutdown = m & (SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    }
    /// `SSL_set_verify_result`: what `SSL_get_verify_result` reports from now on.
    pub fn set_verify_result(&mut self, v: i64) {
        if let Ok(mut s) = self.verify.lock() {
            s.result = v;
        }
    }
    /// `SSL_get_verify_result`.
    pub fn verify_result(&self) -> i64 {
        self.verify.lock().map_or(0, |v| v.result)
    }
    /// The certificate's name that passed the host check of the last verification.
    pub fn verify_peername(&self) -> Option<String> {
        self.verify.lock().ok()?.peername.clone()
    }
    /// The peer's leaf certificate, if it sent one.
    pub fn peer_certificate(&self) -> Option<CertificateDer<'static>> {
        let slot = self.verify.lock().ok()?;
        // A chain that failed verification under SSL_VERIFY_PEER is not kept (as in OpenSSL).
        if slot.aborted {
            return None;
        }
        let from_slot = slot.chain.first().cloned();
        drop(slot);
        from_slot.or_else(|| {
            self.tls
                .as_ref()?
                .peer_certificates()?
                .first()
                .map(|c| c.clone().into_owned())
        })
    }
    /// The credentials in effect: the connection's own, else its context's.
    pub fn with_creds<R>(&self, f: impl FnOnce(&crate::engine::context::Credentials) -> R) -> R {
        match &self.own_creds {
            Some(c) => f(c),
            None => self.ctx.with(|c| f(&c.creds)),
        }
    }
    /// The connection's own credentials, made from its context's on first use (as OpenSSL's
    /// `SSL` holds a copy of its context's from `SSL_new`).
    pub fn own_creds_mut(&mut self) -> &mut crate::engine::context::Credentials {
        let ctx = &self.ctx;
        self.own_creds
            .get_or_insert_with(|| ctx.with(|c| c.creds.snapshot()))
    }
    /// The signing identity in effect.
    pub fn certified(&self) -> Option<Arc<rustls::sign::CertifiedKey>> {
        self.with_creds(|c| c.certified.clone())
    }
    /// The certificates the peer sent, leaf first (`None`: none received).
    pub fn peer_chain(&self) -> Option<Vec<CertificateDer<'static>>> {
        let slot = self.verify.lock().ok()?;
        // A server keeps no chain from a client whose certificate failed verification; a
        // client keeps the server's (OpenSSL stores it before verifying).
        if slot.aborted && self.role == Some(Role::Server) {
            return None;
        }
        let from_slot = Some(slot.chain.clone());
        drop(slot);
        if let Some(c) = from_slot.filter(|c| !c.is_empty()) {
            return Some(c);
        }
        let certs = self.tls.as_ref()?.peer_certificates()?;
        Some(certs.iter().map(|c| c.clone().into_owned()).collect())
    }
    /// The CA names the server sent with its certificate request (a TLS 1.3 request without
    /// the certificate_authorities extension gives `None`, as in OpenSSL).
    pub fn peer_ca_names(&self) -> Option<Vec<Vec<u8>>> {
        let names = self.peer_ca.lock().ok()?.clone()?;
        if names.is_empty() && self.version() == TLS1_3_VERSION {
            return None;
        }
        Some(names)
    }
    /// `SSL_version`: the negotiated version, or the method's before a handshake.
    pub fn version(&self) -> i32 {
        match self.tls.as_ref().and_then(|t| t.protocol_version()) {
            Some(ProtocolVersion::TLSv1_3) => TLS1_3_VERSION,
            Some(ProtocolVersion::TLSv1_2) => TLS1_2_VERSION,
            Some(v) => i32::from(u16::from(v)),
            // Before a handshake OpenSSL reports its method's version: TLS 1.3 for the
            // TLS_*method()s whatever the configured range, the fixed one for
            // TLSv1_2_method() and friends, DTLS 1.2 for DTLS_method() [measured].
            None => match self.settings.fixed_version {
                Some(0x1FFFF) => 0xFEFD,
                Some(v) => v,
                None => TLS1_3_VERSION,
            },
        }
    }
    /// The negotiated suite's IANA number, once the handshake is done.
    pub fn cipher_iana(&self) -> Option<u16> {
        if self.in_init {
            return None;
        }
        Some(u16::from(
            self.tls.as_ref()?.negotiated_cipher_suite()?.suite(),
        ))
    }
    /// An `SSL` without cipher lists of its own uses its context's current ones (OpenSSL keeps
    /// no copy until `SSL_set_cipher_list`/`SSL_set_ciphersuites`): refreshes them.
    pub fn sync_ciphers(&mut self) {
        if !self.settings.own_ciphers {
            let (t13, t12) = self.ctx.with(|c| {
                (
                    c.settings.tls13_suites.clone(),
                    c.settings.tls12_suites.clone(),
                )
            });
            self.settings.tls13_suites = t13;
            self.settings.tls12_suites = t12;
        }
    }

    /// The client's offer as the server saw it: (suites, groups); `None` on a client or before
    /// a ClientHello.
    pub fn client_offer(&self) -> Option<(Vec<u16>, Vec<u16>)> {
        let o = self.observed.lock().ok()?;
        Some((o.client_suites.clone()?, o.client_groups.clone()))
    }

    /// The signature schemes of this side's and the peer's handshake signatures, once made.
    pub fn signature_schemes(&self) -> (Option<u16>, Option<u16>) {
        let own = self.observed.lock().ok().and_then(|o| o.own_scheme);
        let peer = self.verify.lock().ok().and_then(|v| v.peer_scheme);
        (own, peer)
    }

    /// The negotiated key-exchange group's IANA number, once known.
    pub fn negotiated_group(&self) -> Option<u16> {
        Some(u16::from(
            self.tls.as_ref()?.negotiated_key_exchange_group()?.name(),
        ))
    }
    /// `SSL_pending`: decrypted, unread bytes of the current record.
    pub fn pending(&self) -> usize {
        self.plain_avail
    }
    /// `SSL_has_pending`: decrypted or undecrypted bytes held here.
    pub fn has_pending(&self) -> bool {
        self.plain_avail > 0 || self.hdr_have > 0
    }

    /// `SSL_get_error(ssl, ret)`, in OpenSSL's decision order.
    pub fn get_error(&self, ret: i32) -> i32 {
        if ret > 0 {
            return ssl_error::NONE;
        }
        let e = err::peek_first();
        if e != 0 {
            let is_sys = e & 0x8000_0000 != 0 || (e >> 23) & 0xFF == lib::SYS as u64;
            return if is_sys {
                ssl_error::SYSCALL
            } else {
                ssl_error::SSL
            };
        }
        let from_bio = |b: Option<&Arc<Bio>>, write_first: bool| -> Option<i32> {
            let b = b?;
            let (r, w) = (
                b.test_flags(BIO_FLAGS_READ) != 0,
                b.test_flags(BIO_FLAGS_WRITE) != 0,
            );
            if b.test_flags(BIO_FLAGS_SHOULD_RETRY) == 0 {
                return None;
            }
            if w && (write_first || !r) {
                Some(ssl_error::WANT_WRITE)
            } else if r {
                Some(ssl_error::WANT_READ)
            } else if b.test_flags(BIO_FLAGS_IO_SPECIAL) != 0 {
                Some(match b.retry_reason() {
                    BIO_RR_CONNECT => ssl_error::WANT_CONNECT,
                    BIO_RR_ACCEPT => ssl_error::WANT_ACCEPT,
                    _ => ssl_error::SYSCALL,
                })
            } else {
                None
            }
        };
        if self.rwstate == SSL_READING {
            if let Some(v) = from_bio(self.rbio.as_ref(), false) {
                return v;
            }
        }
        if self.rwstate == SSL_WRITING {
            if let Some(v) = from_bio(self.wbio.as_ref(), true) {
                return v;
            }
        }
        if self.shutdown & SSL_RECEIVED_SHUTDOWN != 0 {
            return ssl_error::ZERO_RETURN;
        }
        ssl_error::SYSCALL
    }

    fn fatal(&mut self, e: Error) -> Stop {
        self.fatal_with_alert(e, None)
    }

    /// Records a local fatal error and sends the alert rustls queued, best effort. `alert_as`
    /// replaces the description of a plaintext fatal alert (`(from, to)`), for the one case
    /// where OpenSSL's choice differs from rustls's: a TLS 1.2 server that requires a client
    /// certificate and got none sends handshake_failure, not certificate_required.
    fn fatal_with_alert(&mut self, e: Error, alert_as: Option<(u8, u8)>) -> Stop {
        // OpenSSL's TLS 1.3 client sends its alert in the clear until its last flight (a
        // rejected server certificate: measured against GnuTLS and OpenSSL peers); rustls
        // encrypts it with the handshake key, which an OpenSSL server cannot read yet. When
        // the alert is known (a certificate error), it goes out as OpenSSL's, alone.
        let tls13_client = self.role == Some(Role::Client)
            && self.tls.as_ref().and_then(|t| t.protocol_version())
                == Some(ProtocolVersion::TLSv1_3);
        let plain = self
            .trace
            .alert_hint
            .filter(|_| tls13_client && self.writes_in_clear());
        err::push(e);
        self.failed = true;
        self.in_init = true;
        let (Some(tls), Some(w)) = (self.tls.as_mut(), self.wbio.clone()) else {
            return Stop::Failed;
        };
        let mut out = Vec::new();
        while tls.wants_write() {
            if tls.write_tls(&mut out).is_err() {
                break;
            }
        }
        if let Some(desc) = plain {
            out = vec![0x15, 0x03, 0x03, 0x00, 0x02, 0x02, desc];
        }
        if let Some((from, to)) = alert_as {
            let alert = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, from];
            if let Some(at) = out.windows(alert.len()).position(|win| win == alert) {
                out[at + 6] = to;
            }
        }
        self.trace_sent_alert(&out);
        if self.notify.msg {
            self.msg_tx.written(&out);
            self.collect_msgs();
        }
        let _ = BioWriter(&w).write_all(&out);
        Stop::Failed
    }

    /// A fatal error the engine finds itself while the connection is still unencrypted (so
    /// rustls has no alert queued): queues `e` and sends the fatal alert `desc` in the clear, as
    /// OpenSSL does. The one place such an alert record is written.
    pub(super) fn fatal_plain_alert(&mut self, e: Error, desc: u8) -> Stop {
        let stop = self.fatal(e);
        let out = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, desc];
        // Reported like every other alert sent: info callback, then message callback.
        self.trace_sent_alert(&out);
        if self.notify.msg {
            self.msg_tx.written(&out);
            self.collect_msgs();
        }
        if let Some(w) = self.wbio.as_ref() {
            let _ = BioWriter(w).write_all(&out);
        }
        stop
    }

    fn ensure_tls(&mut self) -> Io<()> {
        if self.tls.is_some() || self.acceptor.is_some() || self.accepted.is_some() {
            return Ok(());
        }
        let role = self.role.ok_or(Stop::Failed)?;
        if role == Role::Server && self.notify.hello {
            self.acceptor = Some(Box::default());
            return Ok(());
        }
        let built = match role {
            Role::Client => self.new_client(),
            Role::Server => self.new_server(),
        };
        match built {
            Ok(c) => {
                self.tls = Some(c);
                Ok(())
            }
            Err(e) => {
                // With no protocol to speak, OpenSSL sends a fatal protocol_version alert on
                // either side before reading anything [measured]; the peer then fails too.
                if e.lib == lib::SSL && e.reason == ssl_r::NO_PROTOCOLS_AVAILABLE {
                    return Err(self.fatal_plain_alert(e, 0x46));
                }
                Err(self.fatal(e))
            }
        }
    }

    fn new_client(&mut self) -> Result<Connection, Error> {
        self.sync_ciphers();
        let base = self.ctx.client_config(&self.settings)?;
        let mut cfg = (*base).clone();
        cfg.alpn_protocols = hello::alpn_list(&self.settings.alpn);
        let verifier = Verifier {
            ctx: self.ctx.clone(),
            host: self.host.clone(),
            checks: self.checks.clone(),
            abort_on_failure: self.settings.verify_mode & verify::PEER != 0,
            slot: self.verify.clone(),
            algs: crate::engine::context::provider().signature_verification_algorithms,
            schemes: self.settings.sigalgs.clone(),
            security_level: self.settings.security_level,
            callback: self.verify_callback.clone(),
            max_depth: self.settings.verify_depth,
            partial_chain: self.partial_chain,
            flags: self.verify_flags,
            cert_callback: self.cert_verify_callback.clone(),
        };
        let creds = self.certified();
        if self.own_creds.is_some() {
            let chained = creds
                .clone()
                .map(|ck| self.ctx.auto_chain(ck, &self.settings));
            cfg.client_auth_cert_resolver = crate::engine::context::client_resolver(chained);
        }
        if creds.is_none() {
            if let Some(cb) = &self.client_cert_callback {
                cfg.client_auth_cert_resolver =
                    crate::engine::context::callback_client_resolver(cb.clone());
            }
        }
        cfg.client_auth_cert_resolver = crate::engine::context::recording_client_resolver(
            cfg.client_auth_cert_resolver.clone(),
            self.peer_ca.clone(),
        );
        if self.notify.info {
            // The info callback reports a TLS 1.3 CertificateRequest, which only the
            // certificate resolver sees. (Set before the session code, which keeps a resumed
            // session's resolver: rustls resumes only with the same resolver object, and a
            // resumed handshake has no CertificateRequest.)
            cfg.client_auth_cert_resolver = Arc::new(trace::NoteRequest {
                inner: cfg.client_auth_cert_resolver.clone(),
                asked: self.trace.cert_requested.clone(),
            });
        }
        self.sess.client_config(&mut cfg, verifier, creds);
        self.keys.install(&mut cfg.key_log, self.notify.keylog);
        // No SNI unless asked for: an IP server name makes rustls send none.
        let name = match self.sni.as_deref().map(ServerName::try_from) {
            Some(Ok(n)) => n.to_owned(),
            _ => ServerName::IpAddress(std::net::Ipv4Addr::UNSPECIFIED.into()),
        };
        let frame = self.session_frame();
        session::enter(frame, || rustls::ClientConnection::new(Arc::new(cfg), name))
            .0
            .map(Connection::Client)
            .map_err(|e| errmap::from_rustls(&e, false))
    }

    fn new_server(&mut self) -> Result<Connection, Error> {
        let cfg = self.per_connection_server_config()?;
        rustls::ServerConnection::new(Arc::new(cfg))
            .map(Connection::Server)
            .map_err(|e| errmap::from_rustls(&e, true))
    }

    /// The context's server config for this connection's settings, with what is per connection:
    /// the key logger and the recorder of the client's offer.
    fn per_connection_server_config(&mut self) -> Result<rustls::ServerConfig, Error> {
        self.sync_ciphers();
        // The client's certificate goes to this connection's verifier (SharedClientVerifier).
        if self.settings.verify_mode & verify::PEER != 0 {
            self.sess.set_verifier(Verifier {
                ctx: self.ctx.clone(),
                host: None,
                checks: self.checks.clone(),
                abort_on_failure: true,
                slot: self.verify.clone(),
                algs: crate::engine::context::provider().signature_verification_algorithms,
                schemes: self.settings.sigalgs.clone(),
                security_level: self.settings.security_level,
                callback: self.verify_callback.clone(),
                max_depth: self.settings.verify_depth,
                partial_chain: self.partial_chain,
                flags: self.verify_flags,
                cert_callback: self.cert_verify_callback.clone(),
            });
        }
        let own = match &self.own_creds {
            Some(c) => Some(c.certified.clone().ok_or_else(|| {
                Error::ssl(ssl_r::NO_SHARED_CIPHER, "tls_post_process_client_hello")
            })?),
            None => None,
        };
        let base = self.ctx.server_config(&self.settings, own.as_ref())?;
        let mut cfg = (*base).clone();
        if let Some(ck) = own {
            let ck = self.ctx.auto_chain(ck, &self.settings);
            cfg.cert_resolver = crate::engine::context::server_resolver(ck);
        }
        self.keys.install(&mut cfg.key_log, self.notify.keylog);
        cfg.cert_resolver = Arc::new(crate::engine::config::Recording {
            inner: cfg.cert_resolver.clone(),
            slot: self.observed.clone(),
            allowed: self.settings.sigalgs.clone(),
        });
        Ok(cfg)
    }

    /// Writes everything rustls has queued to the wbio.
    ///
    /// A TLS 1.3 client's middlebox-compatibility ChangeCipherSpec is held back until its
    /// Finished: rustls queues it as soon as the ServerHello is processed, OpenSSL sends it
    /// with the client's second flight, in one write. Observable when the connection breaks
    /// during the server's flight: an OpenSSL client has written nothing and reports the
    /// unexpected EOF, not a failed write.
    fn flush_out(&mut self) -> Io<()> {
        let watch = self.notify.msg;
        let Some(tls) = self.tls.as_mut() else {
            return Ok(());
        };
        let tls13_client = self.role == Some(Role::Client)
            && tls.protocol_version() == Some(ProtocolVersion::TLSv1_3);
        if tls13_client && (tls.is_handshaking() || !self.held.is_empty()) {
            while tls.wants_write() {
                if tls.write_tls(&mut self.held).is_err() {
                    break;
                }
            }
            if self.held == FAKE_CCS && tls.is_handshaking() {
                self.rwstate = SSL_NOTHING;
                return Ok(());
            }
        }
        loop {
            let Some(tls) = self.tls.as_mut() else {
                return Ok(());
            };
            let held = !self.held.is_empty();
            if !held && !tls.wants_write() {
                break;
            }
            let Some(w) = self.wbio.as_ref() else {
                if self.in_init {
                    // OpenSSL's handshake writes nothing without a wbio: -1, nothing queued
                    return Err(Stop::Syscall);
                }
                // after the handshake (SSL_write, SSL_shutdown): fatal, SSL_R_BIO_NOT_SET
                let e = Error::ssl(ssl_r::BIO_NOT_SET, "ssl3_write_pending");
                return Err(self.fatal(e));
            };
            self.rwstate = SSL_WRITING;
            let mut out = msgs::Watched {
                inner: self.keys.tx.writer(BioWriter(w)),
                stream: watch.then_some(&mut self.msg_tx),
            };
            let r = if held {
                out.write(&self.held)
            } else {
                tls.write_tls(&mut out)
            };
            if watch {
                self.collect_msgs();
            }
            match r {
                Ok(n) if held => {
                    self.held.drain(..n);
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Err(Stop::Retry),
                Err(_) => return Err(Stop::Syscall),
            }
        }
        self.rwstate = SSL_NOTHING;
        Ok(())
    }

    /// A TLS 1.3 server whose NewSessionTickets could not be written because the peer has
    /// closed (EPIPE, ECONNRESET): OpenSSL ignores the failure and completes the handshake, so
    /// that the application can still read what a client sent before it closed.
    fn tickets_lost_to_closed_peer(&self) -> bool {
        let closed = matches!(
            io::Error::last_os_error().kind(),
            io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset
        );
        closed
            && self.role == Some(Role::Server)
            && self.tls.as_ref().is_some_and(|t| {
                !t.is_handshaking() && t.protocol_version() == Some(ProtocolVersion::TLSv1_3)
            })
    }

    /// Reads exactly one record from the rbio into rustls: the 5 header bytes (checked here, as
    /// OpenSSL's record layer does), then exactly the body, straight into rustls's buffer.
    fn read_record(&mut self) -> Io<Record> {
        let Some(r) = self.rbio.clone() else {
            // OpenSSL's record layer: a fatal error (no alert), SSL_R_READ_BIO_NOT_SET
            let e = Error::ssl(ssl_r::READ_BIO_NOT_SET, "ssl3_read_n");
            return Err(self.fatal(e));
        };
        self.rwstate = SSL_READING;
        loop {
            if self.hdr_have < SSL3_RT_HEADER_LENGTH {
                let n = r.read(&mut self.hdr[self.hdr_have..]);
                if n <= 0 {
                    return Self::read_stopped(&r);
                }
                self.hdr_have += n as usize;
                if self.hdr_have == SSL3_RT_HEADER_LENGTH {
                    self.check_header()?;
                    self.trace.record(self.hdr[0]);
                    if self.notify.msg {
                        self.msg_rx.header(&self.hdr);
                    }
                    self.body_left = usize::from(u16::from_be_bytes([self.hdr[3], self.hdr[4]]));
                    let hdr = self.hdr;
                    self.feed(&mut &hdr[..], false).map_err(|_| Stop::Syscall)?;
                }
                continue;
            }
            if self.body_left == 0 {
                self.hdr_have = 0;
                self.collect_msgs();
                self.check_record_length()?;
                return Ok(Record::Got);
            }
            let mut body = BioReader {
                bio: &r,
                limit: self.body_left,
            };
            match self.feed(&mut body, true) {
                Ok(n) if n > 0 => self.body_left -= n,
                _ => return Self::read_stopped(&r),
            }
        }
    }

    /// Why a BIO read returned nothing: retry, end of stream, or a transport error.
    fn read_stopped(r: &Bio) -> Io<Record> {
        if r.test_flags(BIO_FLAGS_SHOULD_RETRY) != 0 {
            Err(Stop::Retry)
        } else if r.eof() {
            Ok(Record::Eof)
        } else {
            Err(Stop::Syscall)
        }
    }

    fn check_header(&mut self) -> Io<()> {
        let h = self.hdr;
        let first = !self.seen_record;
        self.seen_record = true;
        let valid_type = (20..=23).contains(&h[0]);
        if !valid_type || h[1] != 3 {
            let e = errmap::non_tls_start(&h, first && self.role == Some(Role::Server));
            // No alert for a peer that does not speak TLS.
            self.tls = None;
            return Err(self.fatal(e));
        }
        if first && self.role == Some(Role::Server) && h[0] == 21 {
            // OpenSSL's server takes no alert (fatal, warning or close_notify) before a
            // ClientHello: unexpected_message. rustls would act on the alert.
            let e = Error::ssl(ssl_r::UNEXPECTED_MESSAGE, "ssl3_read_bytes");
            return Err(self.fatal_plain_alert(e, AD_UNEXPECTED_MESSAGE));
        }
        if usize::from(u16::from_be_bytes([h[3], h[4]])) > MAX_RECORD_BODY {
            // OpenSSL answers record_overflow. Once records are encrypted rustls cannot be
            // asked for a given alert (its own for such a header is decode_error): none then.
            let e = Error::ssl(ssl_r::PACKET_LENGTH_TOO_LONG, "ssl3_get_record");
            return Err(if self.reading_in_clear() {
                self.fatal_plain_alert(e, AD_RECORD_OVERFLOW)
            } else {
                self.fatal(e)
            });
        }
        Ok(())
    }

    /// True when the current record (header in `hdr`) is read in the clear: anything before
    /// the version is known; in TLS 1.3 every record but application_data during the
    /// handshake (encrypted records carry that outer type); in TLS 1.2 the peer's handshake
    /// flights (only its short Finished follows its ChangeCipherSpec, taken as clear here).
    fn reading_in_clear(&self) -> bool {
        let version = self.tls.as_ref().and_then(|t| t.protocol_version());
        self.in_init && !(version == Some(ProtocolVersion::TLSv1_3) && self.hdr[0] == 23)
    }

    /// OpenSSL's checks on a whole record read in the clear (before the peer's keys are on):
    /// more than 16704 body bytes is ENCRYPTED_LENGTH_TOO_LONG, more than 16384 plaintext
    /// bytes DATA_LENGTH_TOO_LONG, both with record_overflow. rustls takes up to 18432 bytes in
    /// the clear; for encrypted records it checks the decrypted length itself.
    fn check_record_length(&mut self) -> Io<()> {
        let len = usize::from(u16::from_be_bytes([self.hdr[3], self.hdr[4]]));
        if len <= MAX_PLAIN || !self.reading_in_clear() {
            return Ok(());
        }
        let reason = if len > MAX_ENCRYPTED_BODY {
            ssl_r::ENCRYPTED_LENGTH_TOO_LONG
        } else {
            ssl_r::DATA_LENGTH_TOO_LONG
        };
        let e = Error::ssl(reason, "ssl3_get_record");
        Err(self.fatal_plain_alert(e, AD_RECORD_OVERFLOW))
    }

    /// Hands the buffered record to rustls and processes it.
    fn process_record(&mut self) -> Io<()> {
        if self.acceptor.is_some() {
            return self.process_hello_record();
        }
        let is_server = self.role == Some(Role::Server);
        let frame = self.session_frame();
        let Some(tls) = self.tls.as_mut() else {
            return Err(Stop::Syscall);
        };
        let (processed, frame) = session::enter(frame, || tls.process_new_packets());
        if self.sessions_after(frame) {
            return Err(self.refuse_resumption());
        }
        let Some(tls) = self.tls.as_mut() else {
            return Err(Stop::Syscall);
        };
        match processed {
            Ok(st) => {
                self.plain_avail = st.plaintext_bytes_to_read();
                if st.peer_has_closed()
                    && self.plain_avail == 0
                    && self.shutdown & SSL_RECEIVED_SHUTDOWN == 0
                {
                    self.shutdown |= SSL_RECEIVED_SHUTDOWN;
                    self.trace_alert(false, 1, 0);
                }
                Ok(())
            }
            Err(rustls::Error::AlertReceived(desc)) => {
                self.trace_alert(false, 2, u8::from(desc));
                err::push(errmap::alert_received(u8::from(desc)));
                self.shutdown |= SSL_RECEIVED_SHUTDOWN;
                // OpenSSL puts the state machine in its error state: in init again, also
                // after a completed handshake.
                self.peer_fatal = true;
                self.in_init = true;
                Err(Stop::Closed)
            }
            Err(e) => {
                let mut mapped = errmap::from_rustls(&e, is_server);
                let tls12 = tls.protocol_version() == Some(ProtocolVersion::TLSv1_2);
                let suite = tls.negotiated_cipher_suite().map(|s| s.suite());
                if e == rustls::Error::DecryptError
                    && tls12
                    && suite.is_some_and(errmap::is_aes_gcm)
                {
                    // OpenSSL's AES-GCM provider queues its own entry first (TLS 1.2 only).
                    err::push(errmap::gcm_tag_failure());
                }
                let sig = self.verify.lock().is_ok_and(|v| v.signature_failed);
                if sig && matches!(e, rustls::Error::InvalidCertificate(_)) {
                    // The peer's handshake signature (ServerKeyExchange, CertificateVerify)
                    // did not verify, as opposed to its certificate chain.
                    mapped = errmap::bad_signature(tls12);
                }
                let fix =
                    (tls12 && e == rustls::Error::NoCertificatesPresented).then_some((116, 40));
                let verify_failed = matches!(e, rustls::Error::InvalidCertificate(_));
                if let rustls::Error::InvalidCertificate(ce) = &e {
                    let desc = rustls::AlertDescription::from(ce.clone());
                    self.trace.alert_hint = Some(u8::from(desc));
                }
                self.trace_failed_record(verify_failed);
                Err(self.fatal_with_alert(mapped, fix))
            }
        }
    }

    /// The peer's transport ended without close_notify.
    fn eof(&mut self) -> Stop {
        if self.settings.options & op::IGNORE_UNEXPECTED_EOF != 0 {
            self.shutdown = SSL_RECEIVED_SHUTDOWN;
            return Stop::Closed;
        }
        let e = Error::ssl(ssl_r::UNEXPECTED_EOF_WHILE_READING, "ssl3_read_n");
        if self.writes_in_clear() {
            // OpenSSL also sends decode_error (best effort: the peer may be gone). Once our
            // records are encrypted rustls cannot be asked for a given alert: none then.
            self.fatal_plain_alert(e, AD_DECODE_ERROR);
        } else {
            err::push(e);
        }
        self.failed = true;
        self.in_init = true;
        Stop::Closed
    }

    /// True while our records still go out in the clear: during the handshake, before the
    /// version is known; a TLS 1.3 client until its last flight (which ends its handshake); a
    /// TLS 1.2 client until its second flight; a TLS 1.2 server until its final flight (which
    /// ends its handshake); a TLS 1.3 server only before its first flight.
    fn writes_in_clear(&self) -> bool {
        let version = self.tls.as_ref().and_then(|t| t.protocol_version());
        self.in_init
            && match (self.role, version) {
                (_, None) => true,
                (Some(Role::Client), Some(ProtocolVersion::TLSv1_2)) => {
                    self.hand_state != hs::CW_FINISHED
                }
                (Some(Role::Client), _) => true,
                (_, Some(ProtocolVersion::TLSv1_3)) => false,
                (_, _) => true,
            }
    }

    /// `SSL_do_handshake`. `Ok(())` is 1.
    pub fn do_handshake(&mut self) -> Io<()> {
        if self.role.is_none() {
            err::push(Error::ssl(
                ssl_r::CONNECTION_TYPE_NOT_SET,
                "SSL_do_handshake",
            ));
            return Err(Stop::Failed);
        }
        if let Some(stop) = self.pending_stop.take() {
            return Err(stop);
        }
        if !self.in_init {
            return Ok(());
        }
        err::clear();
        if self.failed {
            return Err(Stop::Syscall);
        }
        if self.shutdown & SSL_RECEIVED_SHUTDOWN != 0 {
            return Err(Stop::Closed);
        }
        self.ensure_tls()?;
        self.trace_enter();
        if self.before {
            self.before = false;
            let server = self.role == Some(Role::Server);
            self.ctx.sessions.count(|n| {
                if server {
                    n.accept += 1
                } else {
                    n.connect += 1
                }
            });
        }
        let r = self.handshake_loop();
        self.trace_exit(&r);
        r
    }

    /// The records of the handshake, until it completes or must stop.
    fn handshake_loop(&mut self) -> Io<()> {
        loop {
            if self.accepted.is_some() {
                return Err(Stop::Hello);
            }
            match self.flush_out() {
                Err(Stop::Syscall) if self.tickets_lost_to_closed_peer() => {
                    self.rwstate = SSL_NOTHING;
                }
                r => r?,
            }
            if self.acceptor.is_some() {
                match self.read_record()? {
                    Record::Eof => return Err(self.eof()),
                    Record::Got => self.process_record()?,
                }
                continue;
            }
            let tls = self.tls.as_ref().ok_or(Stop::Syscall)?;
            if !tls.is_handshaking() {
                self.trace_progress();
                self.in_init = false;
                self.hand_state = hs::OK;
                self.handshake_finished();
                return Ok(());
            }
            match self.read_record()? {
                Record::Eof => return Err(self.eof()),
                Record::Got => self.process_record()?,
            }
            self.trace_progress();
        }
    }

    /// The thread-local frame for calls into rustls on this connection.
    fn session_frame(&self) -> session::Frame {
        let verify_peer =
            self.role == Some(Role::Server) && self.settings.verify_mode & verify::PEER != 0;
        self.sess.frame(&self.ctx.sessions, verify_peer)
    }

    /// Records the connection's session and the context's counters.
    fn handshake_finished(&mut self) {
        let Some(tls) = self.tls.as_ref() else { return };
        let is_server = self.role == Some(Role::Server);
        let resumed = tls.handshake_kind() == Some(rustls::HandshakeKind::Resumed);
        // OpenSSL keeps the name in the session only when a servername callback accepted it;
        // sslrs runs ClientHello callbacks only when one is installed.
        let sni = self.hello_sni.clone().filter(|_| is_server);
        let info = session::Finished {
            is_server,
            version: self.version(),
            cipher: tls
                .negotiated_cipher_suite()
                .map_or(0, |s| u16::from(s.suite())),
            resumed,
            alpn: tls.alpn_protocol().map(<[u8]>::to_vec).unwrap_or_default(),
            sni,
            peer: self.peer_certificate().map(|c| c.to_vec()),
            verify_result: self.verify_result(),
            verify_peer: is_server && self.settings.verify_mode & verify::PEER != 0,
            master_key: self.keys.master_secret().unwrap_or_default(),
        };
        self.ctx.sessions.count(|n| match (is_server, resumed) {
            (true, true) => {
                n.accept_good += 1;
                n.hits += 1
            }
            (true, false) => n.accept_good += 1,
            (false, _) => n.connect_good += 1,
        });
        self.sess.finished(info, &self.ctx.sessions);
        self.note_sessions();
    }

    /// Takes what the session stores reported during a call into rustls; true when the server
    /// found a session it must refuse.
    fn sessions_after(&mut self, frame: session::Frame) -> bool {
        let refused = self.sess.after_packets(frame, &self.ctx.sessions);
        self.note_sessions();
        refused
    }

    /// A server that verifies clients found a session but has no session id context: OpenSSL
    /// fails the handshake (internal_error) rather than resume out of context.
    fn refuse_resumption(&mut self) -> Stop {
        self.tls = None;
        let e = Error::ssl(
            ssl_r::SESSION_ID_CONTEXT_UNINITIALIZED,
            "ssl_get_prev_session",
        );
        self.fatal_plain_alert(e, 80)
    }

    /// Asks the ffi layer to report queued sessions (new-session / remove callbacks).
    fn note_sessions(&mut self) {
        if self.sess.has_pending() && self.events.last() != Some(&Event::Sessions) {
            self.events.push(Event::Sessions);
        }
    }

    /// Common entry of `SSL_read`/`SSL_write`: role check and implicit handshake.
    fn enter_io(&mut self, func: &'static str) -> Io<()> {
        if self.role.is_none() {
            err::push(Error::ssl(ssl_r::UNINITIALIZED, func));
            return Err(Stop::Failed);
        }
        self.rwstate = SSL_NOTHING;
        if self.in_init {
            self.do_handshake()?;
        }
        if self.failed {
            return Err(Stop::Syscall);
        }
        Ok(())
    }

    /// `SSL_read` / `SSL_peek`: at most one record's plaintext. `Ok(0)` never happens for a
    /// non-empty `buf`: a closed connection is `Err(Stop::Closed)`.
    pub fn read(&mut self, buf: &mut [u8], peek: bool) -> Io<usize> {
        self.enter_io(if peek { "SSL_peek" } else { "SSL_read" })?;
        loop {
            if self.plain_avail > 0 {
                let tls = self.tls.as_mut().ok_or(Stop::Syscall)?;
                let n = if peek {
                    let chunk = tls.reader().into_first_chunk().map_err(|_| Stop::Syscall)?;
                    let n = chunk.len().min(buf.len());
                    buf[..n].copy_from_slice(&chunk[..n]);
                    n
                } else {
                    tls.reader().read(buf).map_err(|_| Stop::Syscall)?
                };
                if !peek {
                    self.plain_avail -= n;
                }
                return Ok(n);
            }
            if self.shutdown & SSL_RECEIVED_SHUTDOWN != 0 {
                return Err(Stop::Closed);
            }
            // Output the peer has not taken yet (an SSL_write that returned WANT_WRITE, tickets
            // a closed peer did not take) does not hold up reading, as in OpenSSL, whose
            // SSL_read does not write it: with both directions full each side must still be
            // able to read what the other wrote, and a server can read what a client sent
            // before it closed.
            let _ = self.flush_out();
            match self.read_record()? {
                Record::Eof => return Err(self.eof()),
                Record::Got => self.process_record()?,
            }
            self.trace_tickets();
            if self.plain_avail == 0
                && self.shutdown & SSL_RECEIVED_SHUTDOWN == 0
                && self.settings.mode & mode::AUTO_RETRY == 0
            {
                // A non-application record was handled: OpenSSL reports a retry even on a
                // blocking BIO when AUTO_RETRY is off.
                if let Some(r) = &self.rbio {
                    r.set_retry_read();
                }
                self.rwstate = SSL_READING;
                return Err(Stop::Retry);
            }
        }
    }

    /// `SSL_write`: `buf_id` identifies the caller's buffer for the retry rules.
    pub fn write(&mut self, data: &[u8], buf_id: usize) -> Io<usize> {
        if self.role.is_none() {
            err::push(Error::ssl(ssl_r::UNINITIALIZED, "SSL_write"));
            return Err(Stop::Failed);
        }
        if self.shutdown & SSL_SENT_SHUTDOWN != 0 {
            self.rwstate = SSL_NOTHING;
            err::push(Error::ssl(
                ssl_r::PROTOCOL_IS_SHUTDOWN,
                "ssl_write_internal",
            ));
            return Err(Stop::Failed);
        }
        self.enter_io("SSL_write")?;
        let mut committed = 0;
        if let Some(p) = self.wpend {
            if data.len() < p.committed {
                return Err(self.fatal(Error::ssl(ssl_r::BAD_LENGTH, "ssl3_write_bytes")));
            }
            if p.buf != buf_id && self.settings.mode & mode::ACCEPT_MOVING_WRITE_BUFFER == 0 {
                return Err(self.fatal(Error::ssl(ssl_r::BAD_WRITE_RETRY, "ssl3_write_pending")));
            }
            committed = p.committed;
        }
        // With ENABLE_PARTIAL_WRITE a call returns after its first complete record, but a call
        // that resumes a write interrupted by a retry finishes the whole write, as OpenSSL does.
        let partial = self.settings.mode & mode::ENABLE_PARTIAL_WRITE != 0 && self.wpend.is_none();
        loop {
            if let Err(stop) = self.flush_out() {
                self.wpend = Some(PendingWrite {
                    buf: buf_id,
                    committed,
                });
                return Err(stop);
            }
            if committed == data.len() || (partial && committed > 0) {
                self.wpend = None;
                return Ok(committed);
            }
            let end = data.len().min(committed + MAX_PLAIN);
            let tls = self.tls.as_mut().ok_or(Stop::Syscall)?;
            let n = tls
                .writer()
                .write(&data[committed..end])
                .map_err(|_| Stop::Syscall)?;
            if n == 0 {
                return Err(self.fatal(Error::internal("ssl3_write_bytes")));
            }
            committed += n;
        }
    }

    /// `SSL_shutdown`: 1 both ways closed, 0 ours sent.
    pub fn shutdown(&mut self) -> Io<i32> {
        if self.role.is_none() {
            err::push(Error::ssl(ssl_r::UNINITIALIZED, "SSL_shutdown"));
            return Err(Stop::Failed);
        }
        if self.in_init {
            err::push(Error::ssl(ssl_r::SHUTDOWN_WHILE_IN_INIT, "SSL_shutdown"));
            return Err(Stop::Failed);
        }
        if self.settings.quiet_shutdown {
            self.shutdown = SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN;
            return Ok(1);
        }
        self.rwstate = SSL_NOTHING;
        if self.shutdown & SSL_SENT_SHUTDOWN == 0 {
            self.shutdown |= SSL_SENT_SHUTDOWN;
            if let Some(tls) = self.tls.as_mut() {
                tls.send_close_notify();
                self.trace_alert(true, 1, 0);
            }
            self.flush_out()?;
            // The close_notify went out encrypted: its content as the message callback sees it.
            self.msg_alert_sent(1, 0);
            self.collect_msgs();
        } else if self.tls.as_ref().is_some_and(|t| t.wants_write()) {
            self.flush_out()?;
        } else {
            // Read records until the peer's close_notify: post-handshake messages (tickets) are
            // processed on the way, application data is fatal.
            while self.shutdown & SSL_RECEIVED_SHUTDOWN == 0 {
                match self.read_record()? {
                    Record::Eof => {
                        self.eof();
                        return if self.failed {
                            Err(Stop::Failed)
                        } else {
                            Ok(0)
                        };
                    }
                    Record::Got => self.process_record()?,
                }
                if self.plain_avail > 0 {
                    let e = Error::ssl(
                        ssl_r::APPLICATION_DATA_AFTER_CLOSE_NOTIFY,
                        "ssl3_read_bytes",
                    );
                    return Err(self.fatal(e));
                }
            }
            // the close_notify was read: nothing is wanted any more (OpenSSL's successful read)
            self.rwstate = SSL_NOTHING;
        }
        let both = SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN;
        let flushed = !self.tls.as_ref().is_some_and(|t| t.wants_write());
        Ok(i32::from(self.shutdown == both && flushed))
    }
}
