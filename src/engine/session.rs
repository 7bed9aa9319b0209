//! `SSL_SESSION`, the client's per-connection session store, the per-`SSL_CTX` server session
//! cache, and sslrs's session encoding.
//!
//! Client side: rustls keeps a client session as `Tls12ClientSessionValue` /
//! `Tls13ClientSessionValue`, which have no public encoding (and the TLS 1.3 one cannot even be
//! copied). An `SSL_SESSION` made on the client therefore holds those values in memory
//! ([`ClientValues`]); all TLS 1.3 tickets received on one connection form one pool shared by
//! the `SSL_SESSION`s made from them, and each resumption uses one ticket of the pool. Its
//! encoding (`i2d_SSL_SESSION`) carries our metadata plus a random handle into a process-wide
//! registry of live values: decoded in the same process the session resumes, decoded in another
//! process it is well formed but not resumable.
//!
//! Server side: rustls hands the server cache opaque bytes (`StoresServerSessions`), so server
//! sessions encode completely.
//!
//! rustls decides whether a stored client session fits a connection by the identity of the
//! configured certificate verifier. All client connections therefore share one verifier object,
//! [`SharedVerifier`], which hands each call to the connection that is being processed on this
//! thread (set by [`enter`] around every call into rustls that may verify). The server cache and
//! ticketer learn the connection's session id context the same way.

use crate::engine::verify::Verifier;
use crate::sync::{Mutex, MutexGuard};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{
    ClientSessionStore, ResolvesClientCert, Tls12ClientSessionValue, Tls13ClientSessionValue,
};
use rustls::server::{ProducesTickets, StoresServerSessions};
use rustls::sign::CertifiedKey;
use rustls::{DigitallySignedStruct, NamedGroup, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, OnceLock, Weak};

/// `SSL_SESSION_new`'s timeout (OpenSSL: 5 minutes + 4 seconds).
pub const NEW_SESSION_TIMEOUT: i64 = 304;
/// `SSL_CTX_get_timeout`'s default.
pub const DEFAULT_TIMEOUT: i64 = 7200;
/// `SSL_SESSION_CACHE_MAX_SIZE_DEFAULT`.
pub const DEFAULT_CACHE_SIZE: i64 = 1024 * 20;
/// `SSL_MAX_SSL_SESSION_ID_LENGTH` / `SSL_MAX_SID_CTX_LENGTH`.
pub const MAX_ID_LEN: usize = 32;
/// `SSL_MAX_MASTER_KEY_LENGTH`.
pub const MAX_MASTER_KEY_LEN: usize = 48;

/// `SSL_SESS_CACHE_*` bits.
pub mod cache_mode {
    pub const CLIENT: i64 = 0x1;
    pub const SERVER: i64 = 0x2;
    pub const NO_AUTO_CLEAR: i64 = 0x80;
    pub const NO_INTERNAL_LOOKUP: i64 = 0x100;
    pub const NO_INTERNAL_STORE: i64 = 0x200;
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn random_bytes<const N: usize>() -> [u8; N] {
    use ring::rand::SecureRandom;
    let mut out = [0u8; N];
    let _ = ring::rand::SystemRandom::new().fill(&mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// The session object

/// The rustls half of a client session.
pub struct ClientValues {
    tls12: Option<Tls12ClientSessionValue>,
    /// TLS 1.3 tickets not used yet; shared by the sessions made on one connection.
    tls13: Mutex<Vec<Tls13ClientSessionValue>>,
    /// The client-certificate resolver the values were made with (rustls checks its identity).
    resolver: Arc<dyn ResolvesClientCert>,
    /// The context's certificate at that time: the resolver is reused only while it is the same.
    creds: Option<Arc<CertifiedKey>>,
    kx_hint: Option<NamedGroup>,
}

impl std::fmt::Debug for ClientValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientValues")
            .field("tls12", &self.tls12.is_some())
            .field("tls13", &lock(&self.tls13).len())
            .finish()
    }
}

impl ClientValues {
    fn usable(&self) -> bool {
        self.tls12.is_some() || !lock(&self.tls13).is_empty()
    }
}

/// Everything an `SSL_SESSION` reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionData {
    /// `SSL_SESSION_get_protocol_version` (0: none).
    pub version: i32,
    /// IANA number of the suite (0: none).
    pub cipher: u16,
    pub id: Vec<u8>,
    pub sid_ctx: Vec<u8>,
    /// The TLS 1.2 master secret (empty for TLS 1.3: rustls keeps the resumption secret).
    pub master_key: Vec<u8>,
    pub time: i64,
    pub timeout: i64,
    pub hostname: Option<String>,
    pub alpn: Vec<u8>,
    pub max_early_data: u32,
    pub ticket_lifetime: u64,
    pub ticket: Vec<u8>,
    pub ems: bool,
    pub verify_result: i64,
    /// The peer's leaf certificate (DER).
    pub peer: Option<Vec<u8>>,
    /// Made on a client: resumable only through its in-memory values.
    pub is_client: bool,
    /// The rustls server-side session value (server sessions).
    pub server_value: Option<Vec<u8>>,
    /// A handle into the registry of client values (client sessions that had values).
    pub handle: Option<[u8; 16]>,
    /// Removed from a cache (`SSL_CTX_remove_session`): never resumed again.
    pub not_resumable: bool,
}

/// `SSL_SESSION`.
#[derive(Debug, Default)]
pub struct Session {
    pub data: Mutex<SessionData>,
    client: Mutex<Option<Arc<ClientValues>>>,
    /// The peer certificate as an object (`SSL_SESSION_get0_peer`), made on first use.
    peer_obj: Mutex<Option<Arc<crate::crypto::x509::Certificate>>>,
    /// The host name as a C string (`SSL_SESSION_get0_hostname`), made on first use.
    hostname_c: Mutex<Option<std::ffi::CString>>,
    /// What the ffi layer keeps with the session (its ex_data), made on first use; opaque here.
    pub app: std::sync::OnceLock<Box<dyn std::any::Any + Send + Sync>>,
}

impl Session {
    /// `SSL_SESSION_new`.
    pub fn new() -> Session {
        Session::from_data(SessionData {
            time: now(),
            timeout: NEW_SESSION_TIMEOUT,
            verify_result: 1,
            ..SessionData::default()
        })
    }

    fn from_data(d: SessionData) -> Session {
        Session {
            data: Mutex::new(d),
            client: Mutex::new(None),
            peer_obj: Mutex::new(None),
            hostname_c: Mutex::new(None),
            app: std::sync::OnceLock::new(),
        }
    }

    /// Reads the data.
    pub fn with<R>(&self, f: impl FnOnce(&SessionData) -> R) -> R {
        f(&lock(&self.data))
    }

    /// Changes the data.
    pub fn update<R>(&self, f: impl FnOnce(&mut SessionData) -> R) -> R {
        f(&mut lock(&self.data))
    }

    /// Replaces this session's contents with `other`'s (`d2i_SSL_SESSION` into an existing
    /// object).
    pub fn replace_with(&self, other: Session) {
        let data = other.with(|d| d.clone());
        let client = other.client_values();
        *lock(&self.data) = data;
        *lock(&self.client) = client;
        *lock(&self.peer_obj) = None;
        *lock(&self.hostname_c) = None;
    }

    /// The host name as a NUL-terminated string owned by the session (stable until the session
    /// changes or is freed), or NULL.
    pub fn hostname_ptr(&self) -> *const core::ffi::c_char {
        let mut slot = lock(&self.hostname_c);
        if slot.is_none() {
            *slot = self
                .with(|d| d.hostname.clone())
                .and_then(|h| std::ffi::CString::new(h).ok());
        }
        slot.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())
    }

    /// The peer's certificate as an object held by the session (`None` without one).
    pub fn peer_object(&self) -> Option<Arc<crate::crypto::x509::Certificate>> {
        let mut slot = lock(&self.peer_obj);
        if slot.is_none() {
            let der = self.with(|d| d.peer.clone())?;
            let cert = crate::crypto::x509::Certificate::from_der(der.into()).ok()?;
            *slot = Some(Arc::new(cert));
        }
        slot.clone()
    }

    fn client_values(&self) -> Option<Arc<ClientValues>> {
        lock(&self.client).clone()
    }

    /// `SSL_SESSION_dup`: a new session with the same data and the same resumption values.
    pub fn duplicate(&self) -> Session {
        let s = Session::from_data(self.with(|d| d.clone()));
        *lock(&s.client) = self.client_values();
        s
    }

    /// `SSL_SESSION_is_resumable`.
    pub fn is_resumable(&self) -> bool {
        let d = lock(&self.data);
        if d.not_resumable {
            return false;
        }
        if d.is_client {
            return self.client_values().is_some_and(|v| v.usable());
        }
        !d.id.is_empty() || !d.ticket.is_empty() || d.server_value.is_some()
    }

    /// True when the session's lifetime has passed.
    pub fn expired(&self, at: i64) -> bool {
        self.with(|d| d.time.saturating_add(d.timeout) < at)
    }

    /// A copy with new client values (used when a ticket arrives).
    fn client_session(meta: SessionData, values: Arc<ClientValues>) -> Arc<Session> {
        let handle = registry_add(&values);
        let s = Session::from_data(SessionData {
            handle: Some(handle),
            is_client: true,
            ..meta
        });
        *lock(&s.client) = Some(values);
        Arc::new(s)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let client = self
            .client
            .get_mut()
            .map_or_else(|p| p.into_inner().take(), Option::take);
        if let Some(v) = client {
            let last = Arc::strong_count(&v) == 1;
            drop(v);
            if last {
                // The values are gone: so are the registry entries that pointed at them.
                lock(registry()).retain(|_, w| w.strong_count() > 0);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Process-wide registry of client values (what an encoded client session points at)

const REGISTRY_MAX: usize = 4096;

fn registry() -> &'static Mutex<HashMap<[u8; 16], Weak<ClientValues>>> {
    static R: OnceLock<Mutex<HashMap<[u8; 16], Weak<ClientValues>>>> = OnceLock::new();
    R.get_or_init(Mutex::default)
}

fn registry_add(v: &Arc<ClientValues>) -> [u8; 16] {
    let mut r = lock(registry());
    if r.len() >= REGISTRY_MAX {
        r.retain(|_, w| w.strong_count() > 0);
    }
    let key = random_bytes::<16>();
    if r.len() < REGISTRY_MAX {
        r.insert(key, Arc::downgrade(v));
    }
    key
}

fn registry_get(key: &[u8; 16]) -> Option<Arc<ClientValues>> {
    lock(registry()).get(key).and_then(Weak::upgrade)
}

// ---------------------------------------------------------------------------------------------
// Thread-local "connection being processed"

/// What the shared verifier, the server cache and the ticketer need to know about the connection
/// rustls is processing on this thread, and what they report back.
#[derive(Default)]
pub struct Frame {
    pub verifier: Option<Arc<Verifier>>,
    pub sid_ctx: Vec<u8>,
    /// `SSL_VERIFY_PEER` without a session id context: finding a session is fatal.
    pub refuse: bool,
    /// The server's context cache (for counters).
    pub cache: Option<Arc<ServerCache>>,
    /// Sessions stored by the server cache: (key, value).
    pub stored: Vec<(Vec<u8>, Vec<u8>)>,
    /// Plaintexts of tickets issued.
    pub tickets: Vec<Vec<u8>>,
    pub hit: bool,
    pub refused: bool,
    /// Tickets this call may still issue (OpenSSL sends one after a resumption).
    pub ticket_budget: usize,
    /// A session the application's get-session callback returned: (id, session).
    pub external: Option<(Vec<u8>, Arc<Session>)>,
    /// A server under `SSL_VERIFY_POST_HANDSHAKE` answering a TLS 1.3 client: no
    /// CertificateRequest in the handshake (OpenSSL leaves it to post-handshake auth).
    pub skip_client_auth: bool,
}

thread_local! {
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` (a call into rustls) with `frame` as this thread's current connection; returns what
/// `f` returned and the frame with what was reported into it.
pub fn enter<R>(frame: Frame, f: impl FnOnce() -> R) -> (R, Frame) {
    FRAMES.with(|s| s.borrow_mut().push(frame));
    struct Pop(Option<Frame>);
    impl Drop for Pop {
        fn drop(&mut self) {
            if self.0.is_none() {
                // Unwinding: still pop.
                FRAMES.with(|s| s.borrow_mut().pop());
            }
        }
    }
    let mut guard = Pop(None);
    let r = f();
    let frame = FRAMES.with(|s| s.borrow_mut().pop()).unwrap_or_default();
    guard.0 = Some(Frame::default());
    (r, frame)
}

fn with_frame<R>(f: impl FnOnce(Option<&mut Frame>) -> R) -> R {
    FRAMES.with(|s| f(s.borrow_mut().last_mut()))
}

/// The one certificate verifier of every client config: hands each call to the verifier of the
/// connection being processed on this thread.
#[derive(Debug)]
pub struct SharedVerifier;

/// The process's shared verifier.
pub fn shared_verifier() -> Arc<dyn ServerCertVerifier> {
    static V: OnceLock<Arc<dyn ServerCertVerifier>> = OnceLock::new();
    V.get_or_init(|| Arc::new(SharedVerifier)).clone()
}

fn current_verifier() -> Result<Arc<Verifier>, rustls::Error> {
    with_frame(|f| f.and_then(|f| f.verifier.clone()))
        .ok_or_else(|| rustls::Error::General("no connection verifier".into()))
}

impl ServerCertVerifier for SharedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        current_verifier()?.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        current_verifier()?.verify_tls12_signature(message, cert, dss)
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        current_verifier()?.verify_tls13_signature(message, cert, dss)
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        // The connection's own list (`SSL_set1_sigalgs*`) when rustls asks while building the
        // ClientHello inside the connection's frame.
        match current_verifier() {
            Ok(v) => v.supported_verify_schemes(),
            Err(_) => crate::engine::context::provider()
                .signature_verification_algorithms
                .supported_schemes(),
        }
    }
}

/// The client-certificate verifier of a server config that asks for certificates
/// (`SSL_VERIFY_PEER`): the CA names to send and whether a certificate is mandatory are the
/// context's; verification goes to the verifier of the connection being processed.
#[derive(Debug)]
pub struct SharedClientVerifier {
    pub hints: Vec<rustls::DistinguishedName>,
    pub mandatory: bool,
}

impl rustls::server::danger::ClientCertVerifier for SharedClientVerifier {
    fn offer_client_auth(&self) -> bool {
        with_frame(|f| f.is_none_or(|f| !f.skip_client_auth))
    }
    fn root_hint_subjects(&self) -> &[rustls::DistinguishedName] {
        &self.hints
    }
    fn client_auth_mandatory(&self) -> bool {
        self.mandatory
    }
    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<rustls::server::danger::ClientCertVerified, rustls::Error> {
        current_verifier()?.verify_client(end_entity, intermediates, now)?;
        Ok(rustls::server::danger::ClientCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        current_verifier()?.check_tls12_signature(message, cert, dss)
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        current_verifier()?.check_tls13_signature(message, cert, dss)
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        match current_verifier() {
            Ok(v) => v.schemes(),
            Err(_) => crate::engine::context::provider()
                .signature_verification_algorithms
                .supported_schemes(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Client: the per-connection store rustls reads the offered session from and reports new
// sessions to.

#[derive(Default)]
struct ClientStoreState {
    offer: Option<Arc<ClientValues>>,
    kx_hint: Option<NamedGroup>,
    new12: Option<Tls12ClientSessionValue>,
    new13: Vec<Tls13ClientSessionValue>,
    /// TLS 1.3 tickets received so far (the info callback reports each).
    tickets13: usize,
}

/// `ClientConfig.resumption`'s store for one connection.
#[derive(Default)]
pub struct ClientStore {
    state: Mutex<ClientStoreState>,
}

impl std::fmt::Debug for ClientStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientStore")
    }
}

impl ClientSessionStore for ClientStore {
    fn set_kx_hint(&self, _server_name: ServerName<'static>, group: NamedGroup) {
        lock(&self.state).kx_hint = Some(group);
    }
    fn kx_hint(&self, _server_name: &ServerName<'_>) -> Option<NamedGroup> {
        let st = lock(&self.state);
        st.kx_hint
            .or_else(|| st.offer.as_ref().and_then(|o| o.kx_hint))
    }
    fn set_tls12_session(&self, _server_name: ServerName<'static>, value: Tls12ClientSessionValue) {
        lock(&self.state).new12 = Some(value);
    }
    fn tls12_session(&self, _server_name: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        lock(&self.state).offer.as_ref()?.tls12.clone()
    }
    fn remove_tls12_session(&self, _server_name: &ServerName<'static>) {}
    fn insert_tls13_ticket(
        &self,
        _server_name: ServerName<'static>,
        value: Tls13ClientSessionValue,
    ) {
        let mut st = lock(&self.state);
        st.new13.push(value);
        st.tickets13 += 1;
    }
    fn take_tls13_ticket(
        &self,
        _server_name: &ServerName<'static>,
    ) -> Option<Tls13ClientSessionValue> {
        let offer = lock(&self.state).offer.clone()?;
        let mut pool = lock(&offer.tls13);
        // The newest ticket first, as OpenSSL offers the most recent session.
        pool.pop()
    }
}

/// The start of a rustls client session value's `Debug` rendering, up to its server certificate
/// chain: the fields read from it (session id, ticket, lifetime) come first, and rendering the
/// chain as well cost more than the rest of the handshake's session bookkeeping.
fn debug_prefix(v: &dyn std::fmt::Debug) -> String {
    struct UpToChain(String);
    impl std::fmt::Write for UpToChain {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            if s.contains("server_cert_chain") {
                return Err(std::fmt::Error);
            }
            self.0.push_str(s);
            Ok(())
        }
    }
    let mut w = UpToChain(String::new());
    // Stopping early is the point: the error only ends the rendering.
    let _ = std::fmt::write(&mut w, format_args!("{v:?}"));
    w.0
}

/// The hex field `name: <hex>` of a rustls `Debug` rendering (rustls exposes no getters for the
/// ticket and session id; its `Debug` output prints them as plain hex).
fn debug_hex(dbg: &str, name: &str) -> Option<Vec<u8>> {
    let start = dbg.find(&format!("{name}: "))? + name.len() + 2;
    let hex: String = dbg[start..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .collect()
}

fn debug_num(dbg: &str, name: &str) -> Option<u64> {
    let start = dbg.find(&format!("{name}: "))? + name.len() + 2;
    let digits: String = dbg[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

fn sha256(b: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA256, b)
        .as_ref()
        .to_vec()
}

// ---------------------------------------------------------------------------------------------
// Server: the per-context cache

/// `SSL_CTX_sess_*` counters.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counters {
    pub connect: i64,
    pub connect_good: i64,
    pub accept: i64,
    pub accept_good: i64,
    pub hits: i64,
    pub cb_hits: i64,
    pub misses: i64,
    pub timeouts: i64,
    pub cache_full: i64,
}

/// The callbacks an application set (opaque to the engine: the ffi layer calls them).
#[derive(Clone, Copy, Debug, Default)]
pub struct Callbacks {
    pub new_cb: usize,
    pub remove_cb: usize,
    pub get_cb: usize,
}

#[derive(Default)]
struct CacheState {
    mode: i64,
    timeout: i64,
    size: i64,
    sid_ctx: Vec<u8>,
    counters: Counters,
    callbacks: Callbacks,
    /// Sessions by id, oldest first in `order`.
    map: HashMap<Vec<u8>, Arc<Session>>,
    order: VecDeque<Vec<u8>>,
    /// Sessions that left the cache inside a handshake; the ffi layer reports them to the
    /// remove callback once no lock is held.
    removed: Vec<Arc<Session>>,
}

/// The session cache of an `SSL_CTX` (server sessions, and client sessions when the mode says
/// so), and the `StoresServerSessions` of every server config built from it.
pub struct ServerCache {
    state: Mutex<CacheState>,
    ticketer: OnceLock<Arc<CtxTicketer>>,
}

impl std::fmt::Debug for ServerCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerCache")
    }
}

impl Default for ServerCache {
    fn default() -> Self {
        ServerCache {
            state: Mutex::new(CacheState {
                mode: cache_mode::SERVER,
                timeout: DEFAULT_TIMEOUT,
                size: DEFAULT_CACHE_SIZE,
                ..CacheState::default()
            }),
            ticketer: OnceLock::new(),
        }
    }
}

impl ServerCache {
    pub fn mode(&self) -> i64 {
        lock(&self.state).mode
    }
    pub fn set_mode(&self, m: i64) -> i64 {
        std::mem::replace(&mut lock(&self.state).mode, m)
    }
    pub fn timeout(&self) -> i64 {
        lock(&self.state).timeout
    }
    pub fn set_timeout(&self, t: i64) -> i64 {
        std::mem::replace(&mut lock(&self.state).timeout, t)
    }
    pub fn size(&self) -> i64 {
        lock(&self.state).size
    }
    pub fn set_size(&self, n: i64) -> i64 {
        std::mem::replace(&mut lock(&self.state).size, n)
    }
    pub fn sid_ctx(&self) -> Vec<u8> {
        lock(&self.state).sid_ctx.clone()
    }
    pub fn set_sid_ctx(&self, v: &[u8]) {
        lock(&self.state).sid_ctx = v.to_vec();
    }
    pub fn number(&self) -> i64 {
        lock(&self.state).map.len() as i64
    }
    pub fn counters(&self) -> Counters {
        lock(&self.state).counters
    }
    pub fn count(&self, f: impl FnOnce(&mut Counters)) {
        f(&mut lock(&self.state).counters)
    }
    pub fn callbacks(&self) -> Callbacks {
        lock(&self.state).callbacks
    }
    pub fn set_callbacks(&self, f: impl FnOnce(&mut Callbacks)) {
        f(&mut lock(&self.state).callbacks)
    }
    /// Sessions removed inside handshakes, not yet reported.
    pub fn take_removed(&self) -> Vec<Arc<Session>> {
        std::mem::take(&mut lock(&self.state).removed)
    }

    /// `SSL_CTX_add_session`: 1 if added, 0 if that very session was already there. A session
    /// with the same id is replaced silently; evicted sessions are returned for the remove
    /// callback.
    pub fn add(&self, s: &Arc<Session>) -> (bool, Vec<Arc<Session>>) {
        let id = s.with(|d| d.id.clone());
        let mut st = lock(&self.state);
        let mut gone = Vec::new();
        if let Some(old) = st.map.get(&id) {
            if Arc::ptr_eq(old, s) {
                return (false, gone);
            }
        }
        if st.map.remove(&id).is_some() {
            st.order.retain(|k| k != &id);
        }
        st.map.insert(id.clone(), s.clone());
        st.order.push_back(id);
        // OpenSSL evicts the oldest session once the cache has reached its size.
        if st.size > 0 && st.map.len() as i64 >= st.size {
            if let Some(k) = st.order.pop_front() {
                if let Some(old) = st.map.remove(&k) {
                    gone.push(old);
                }
                st.counters.cache_full += 1;
            }
        }
        (true, gone)
    }

    /// `SSL_CTX_remove_session`: the removed session, if it was cached. Either way the session
    /// is no longer resumable (as in OpenSSL).
    pub fn remove(&self, s: &Session) -> Option<Arc<Session>> {
        let id = s.update(|d| {
            d.not_resumable = true;
            d.id.clone()
        });
        let mut st = lock(&self.state);
        let same = st.map.get(&id).is_some_and(|x| std::ptr::eq(&**x, s));
        if !same {
            return None;
        }
        st.order.retain(|k| k != &id);
        st.map.remove(&id)
    }

    /// `SSL_CTX_flush_sessions(ctx, tm)`: removes the sessions expired at `tm` (all for 0).
    pub fn flush(&self, tm: i64) -> Vec<Arc<Session>> {
        let mut st = lock(&self.state);
        let keys: Vec<Vec<u8>> = st
            .map
            .iter()
            .filter(|(_, s)| tm == 0 || s.expired(tm))
            .map(|(k, _)| k.clone())
            .collect();
        let mut out = Vec::new();
        for k in keys {
            st.order.retain(|x| x != &k);
            if let Some(s) = st.map.remove(&k) {
                out.push(s);
            }
        }
        out
    }

    /// The context's ticketer (made on first use: random keys per context).
    pub fn ticketer(self: &Arc<Self>) -> Option<Arc<dyn ProducesTickets>> {
        if self.ticketer.get().is_none() {
            let inner = rustls::crypto::ring::Ticketer::new().ok()?;
            let _ = self.ticketer.set(Arc::new(CtxTicketer {
                inner,
                cache: Arc::downgrade(self),
            }));
        }
        self.ticketer
            .get()
            .map(|t| t.clone() as Arc<dyn ProducesTickets>)
    }

    fn lookup(&self, key: &[u8]) -> Option<Vec<u8>> {
        let refuse = with_frame(|f| f.is_some_and(|f| f.refuse));
        let sid_ctx = with_frame(|f| f.map(|f| f.sid_ctx.clone()).unwrap_or_default());
        let external = with_frame(|f| {
            f.and_then(|f| f.external.clone())
                .filter(|(id, _)| id.as_slice() == key)
                .map(|(_, s)| s)
        });
        let mut st = lock(&self.state);
        let internal = if st.mode & cache_mode::NO_INTERNAL_LOOKUP != 0 {
            None
        } else {
            st.map.get(key).cloned()
        };
        let Some(s) = external.or(internal) else {
            st.counters.misses += 1;
            return None;
        };
        if s.expired(now()) {
            st.map.remove(key);
            st.order.retain(|k| k != key);
            st.counters.timeouts += 1;
            st.counters.misses += 1;
            st.removed.push(s);
            return None;
        }
        let (value, ctx) = s.with(|d| (d.server_value.clone(), d.sid_ctx.clone()));
        if refuse {
            st.map.remove(key);
            st.order.retain(|k| k != key);
            st.removed.push(s);
            drop(st);
            with_frame(|f| {
                if let Some(f) = f {
                    f.refused = true;
                }
            });
            return None;
        }
        if ctx != sid_ctx || value.is_none() {
            st.counters.misses += 1;
            return None;
        }
        drop(st);
        with_frame(|f| {
            if let Some(f) = f {
                f.hit = true;
            }
        });
        value
    }
}

impl ServerCache {
    /// Whether `id` is in the internal cache (and internal lookups are on).
    pub fn has_internal(&self, id: &[u8]) -> bool {
        let st = lock(&self.state);
        st.mode & cache_mode::NO_INTERNAL_LOOKUP == 0 && st.map.contains_key(id)
    }
}

impl StoresServerSessions for ServerCache {
    fn put(&self, key: Vec<u8>, value: Vec<u8>) -> bool {
        let on = self.mode() & cache_mode::SERVER != 0;
        with_frame(|f| {
            let f = f?;
            if f.ticket_budget == 0 {
                return None;
            }
            f.ticket_budget -= 1;
            f.stored.push((key, value));
            Some(())
        })
        .is_some()
            && on
    }
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.lookup(key)
    }
    fn take(&self, key: &[u8]) -> Option<Vec<u8>> {
        // OpenSSL keeps a stateful TLS 1.3 session cached after resuming it.
        self.lookup(key)
    }
    fn can_cache(&self) -> bool {
        self.mode() & cache_mode::SERVER != 0
    }
}

/// The context's ticket keys, with the session id context sealed into each ticket.
pub struct CtxTicketer {
    inner: Arc<dyn ProducesTickets>,
    cache: Weak<ServerCache>,
}

impl std::fmt::Debug for CtxTicketer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CtxTicketer")
    }
}

impl ProducesTickets for CtxTicketer {
    fn enabled(&self) -> bool {
        true
    }
    fn lifetime(&self) -> u32 {
        let t = self
            .cache
            .upgrade()
            .map_or(DEFAULT_TIMEOUT, |c| c.timeout());
        u32::try_from(t.clamp(0, i64::from(self.inner.lifetime()))).unwrap_or(0)
    }
    fn encrypt(&self, plain: &[u8]) -> Option<Vec<u8>> {
        let sid_ctx = with_frame(|f| {
            let f = f?;
            if f.ticket_budget == 0 {
                return None;
            }
            f.ticket_budget -= 1;
            f.tickets.push(plain.to_vec());
            Some(f.sid_ctx.clone())
        })?;
        let mut sealed = Vec::with_capacity(1 + sid_ctx.len() + plain.len());
        sealed.push(sid_ctx.len() as u8);
        sealed.extend_from_slice(&sid_ctx);
        sealed.extend_from_slice(plain);
        self.inner.encrypt(&sealed)
    }
    fn decrypt(&self, cipher: &[u8]) -> Option<Vec<u8>> {
        let cache = self.cache.upgrade();
        let miss = || {
            if let Some(c) = &cache {
                c.count(|n| n.misses += 1);
            }
        };
        let Some(sealed) = self.inner.decrypt(cipher) else {
            miss();
            return None;
        };
        let n = usize::from(*sealed.first()?);
        let (ctx, plain) = (sealed.get(1..1 + n)?, sealed.get(1 + n..)?);
        let (want, refuse) =
            with_frame(|f| f.map(|f| (f.sid_ctx.clone(), f.refuse)).unwrap_or_default());
        if refuse {
            with_frame(|f| {
                if let Some(f) = f {
                    f.refused = true;
                }
            });
            if let Some(c) = &cache {
                let gone = Arc::new(Session::from_data(SessionData {
                    server_value: Some(plain.to_vec()),
                    sid_ctx: ctx.to_vec(),
                    time: now(),
                    timeout: c.timeout(),
                    ..SessionData::default()
                }));
                lock(&c.state).removed.push(gone);
            }
            return None;
        }
        if ctx != want.as_slice() {
            miss();
            return None;
        }
        with_frame(|f| {
            if let Some(f) = f {
                f.hit = true;
            }
        });
        Some(plain.to_vec())
    }
}

// ---------------------------------------------------------------------------------------------
// Per-connection session state

/// A client-certificate resolver and the context certificate it serves.
type ResolverOf = (Arc<dyn ResolvesClientCert>, Option<Arc<CertifiedKey>>);

/// What a connection knows about sessions.
#[derive(Default)]
pub struct ConnSessions {
    /// `SSL_set_session`.
    pub offered: Option<Arc<Session>>,
    /// `SSL_get_session`.
    pub current: Option<Arc<Session>>,
    /// `SSL_set_session_id_context` (copied from the context in `SSL_new`).
    pub sid_ctx: Vec<u8>,
    /// `SSL_session_reused`.
    pub reused: bool,
    /// New sessions for the new-session callback, in order.
    pub new_sessions: Vec<Arc<Session>>,
    /// Sessions for the remove callback.
    pub removed: Vec<Arc<Session>>,
    store: Option<Arc<ClientStore>>,
    verifier: Option<Arc<Verifier>>,
    /// Metadata of this connection's session (filled at the end of the handshake).
    meta: Option<SessionData>,
    /// The client values made from this connection's TLS 1.3 tickets.
    pool: Option<Arc<ClientValues>>,
    resolver: Option<ResolverOf>,
    refused: bool,
    verify_peer_flag: bool,
    server_hit: bool,
    external: Option<(Vec<u8>, Arc<Session>)>,
    /// Server sessions stored before the handshake finished.
    pending_server: Vec<(Vec<u8>, Option<Vec<u8>>, bool)>,
}

/// What the engine knows about the connection when it finishes a handshake.
pub struct Finished {
    pub is_server: bool,
    pub version: i32,
    pub cipher: u16,
    pub resumed: bool,
    pub alpn: Vec<u8>,
    pub sni: Option<String>,
    pub peer: Option<Vec<u8>>,
    pub verify_result: i64,
    pub verify_peer: bool,
    pub master_key: Vec<u8>,
}

impl ConnSessions {
    /// `SSL_new`: the context's session id context.
    pub fn new(cache: &ServerCache) -> ConnSessions {
        ConnSessions {
            sid_ctx: cache.sid_ctx(),
            ..ConnSessions::default()
        }
    }

    /// The session state a restarted connection (`SSL_clear`, a new role) keeps: its current
    /// session becomes the one it offers, with its session id context and pending callbacks.
    /// TLS 1.3 tickets this client connection has received.
    pub fn tickets_received(&self) -> usize {
        self.store.as_ref().map_or(0, |s| lock(&s.state).tickets13)
    }

    pub fn restarted(&mut self) -> ConnSessions {
        ConnSessions {
            offered: self.current.clone(),
            current: self.current.take(),
            sid_ctx: std::mem::take(&mut self.sid_ctx),
            new_sessions: std::mem::take(&mut self.new_sessions),
            removed: std::mem::take(&mut self.removed),
            ..ConnSessions::default()
        }
    }

    /// `SSL_dup` of a connection before its handshake: the same session and id context.
    pub fn duplicate(&self) -> ConnSessions {
        ConnSessions {
            offered: self.offered.clone(),
            current: self.current.clone(),
            sid_ctx: self.sid_ctx.clone(),
            ..ConnSessions::default()
        }
    }

    /// OpenSSL's `ssl_clear_bad_session`: the session of an established connection that sent
    /// no close_notify is taken out of service (not resumable, out of the context's cache) and
    /// dropped from the connection; it is returned for the remove callback.
    pub fn retire(&mut self, cache: &ServerCache) -> Option<Arc<Session>> {
        let s = self.current.take()?;
        if self.offered.as_ref().is_some_and(|o| Arc::ptr_eq(o, &s)) {
            self.offered = None;
        }
        if s.with(|d| d.id.is_empty()) {
            return None;
        }
        cache.remove(&s);
        Some(s)
    }

    /// The session id (TLS 1.2) or stateful ticket (TLS 1.3) a ClientHello offers, if the
    /// server's cache might hold it and the session id context allows a lookup.
    pub fn wanted_id(
        &self,
        hello_session_id: &[u8],
        psk_identity: Option<&[u8]>,
    ) -> Option<Vec<u8>> {
        let id = psk_identity
            .filter(|i| i.len() <= MAX_ID_LEN)
            .or(Some(hello_session_id).filter(|i| !i.is_empty() && i.len() <= MAX_ID_LEN))?;
        Some(id.to_vec())
    }

    /// Keeps the session the application's get-session callback returned for `id`.
    pub fn set_external(&mut self, id: Vec<u8>, s: Arc<Session>) {
        self.external = Some((id, s));
    }

    /// True when sessions wait for the application's callbacks.
    pub fn has_pending(&self) -> bool {
        !self.new_sessions.is_empty() || !self.removed.is_empty()
    }

    /// Prepares a client config clone: the store that offers `offered`, the shared verifier,
    /// and the resolver the offered values were made with when the credentials are unchanged.
    pub fn client_config(
        &mut self,
        cfg: &mut rustls::ClientConfig,
        verifier: Verifier,
        creds: Option<Arc<CertifiedKey>>,
    ) {
        // A session marked not resumable (its connection was freed without a shutdown, or it
        // was removed from a cache) is not offered, as in OpenSSL.
        let offer = self
            .offered
            .as_ref()
            .filter(|s| !s.with(|d| d.not_resumable))
            .and_then(|s| s.client_values());
        let store = Arc::new(ClientStore::default());
        if let Some(v) = &offer {
            let same = match (&v.creds, &creds) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            };
            if same {
                cfg.client_auth_cert_resolver = v.resolver.clone();
            }
        }
        lock(&store.state).offer = offer;
        self.resolver = Some((cfg.client_auth_cert_resolver.clone(), creds));
        cfg.resumption = rustls::client::Resumption::store(store.clone());
        cfg.dangerous().set_certificate_verifier(shared_verifier());
        self.store = Some(store);
        self.verifier = Some(Arc::new(verifier));
    }

    /// A server's verifier of the client's certificate (see [`SharedClientVerifier`]).
    pub fn set_verifier(&mut self, v: Verifier) {
        self.verifier = Some(Arc::new(v));
    }

    /// The frame for calls into rustls on this connection.
    pub fn frame(&self, cache: &Arc<ServerCache>, verify_peer: bool) -> Frame {
        Frame {
            verifier: self.verifier.clone(),
            sid_ctx: self.sid_ctx.clone(),
            refuse: verify_peer && self.sid_ctx.is_empty(),
            cache: Some(cache.clone()),
            ticket_budget: if self.server_hit { 1 } else { usize::MAX },
            external: self.external.clone(),
            ..Frame::default()
        }
    }

    /// After rustls processed input: true when the server found a session it must refuse
    /// (`SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED`).
    pub fn after_packets(&mut self, frame: Frame, cache: &Arc<ServerCache>) -> bool {
        self.refused |= frame.refused;
        self.server_hit |= frame.hit;
        for (key, value) in frame.stored {
            self.server_stored(cache, key, Some(value), false);
        }
        for plain in frame.tickets {
            self.server_stored(cache, random_bytes::<32>().to_vec(), Some(plain), true);
        }
        self.collect_client();
        let removed = cache.take_removed();
        self.removed.extend(removed);
        frame.refused
    }

    /// A server session was stored in the cache or sealed in a ticket.
    fn server_stored(
        &mut self,
        cache: &Arc<ServerCache>,
        id: Vec<u8>,
        value: Option<Vec<u8>>,
        stateless: bool,
    ) {
        let Some(meta) = self.meta.clone() else {
            // Stored before the handshake finished (TLS 1.2 session ids): keep for later.
            self.pending_server.push((id, value, stateless));
            return;
        };
        let tls13 = meta.version == crate::engine::context::TLS1_3_VERSION;
        if !tls13 && stateless {
            // TLS 1.2 tickets: OpenSSL neither caches nor reports them.
            if let Some(c) = &self.current {
                c.update(|d| d.server_value = value);
            }
            return;
        }
        let s = Arc::new(Session::from_data(SessionData {
            id,
            server_value: value,
            ..meta
        }));
        if self.refused_cache() {
            self.current = Some(s);
            return;
        }
        let mode = cache.mode();
        let cbs = cache.callbacks();
        let store = mode & cache_mode::SERVER != 0
            && mode & cache_mode::NO_INTERNAL_STORE == 0
            && (!stateless || cbs.remove_cb != 0);
        if store {
            let (_, gone) = cache.add(&s);
            self.removed.extend(gone);
        }
        if mode & cache_mode::SERVER != 0 {
            self.new_sessions.push(s.clone());
        }
        self.current = Some(s);
    }

    fn refused_cache(&self) -> bool {
        self.meta
            .as_ref()
            .is_some_and(|m| m.sid_ctx.is_empty() && self.verify_peer_flag)
    }

    /// Turns tickets and TLS 1.2 sessions rustls reported into `SSL_SESSION`s.
    fn collect_client(&mut self) {
        let Some(store) = self.store.clone() else {
            return;
        };
        let (new12, new13) = {
            let mut st = lock(&store.state);
            (st.new12.take(), std::mem::take(&mut st.new13))
        };
        let Some(meta) = self.meta.clone() else {
            if new12.is_some() || !new13.is_empty() {
                let mut st = lock(&store.state);
                st.new12 = new12;
                st.new13 = new13;
            }
            return;
        };
        let (resolver, creds) = match &self.resolver {
            Some((r, c)) => (r.clone(), c.clone()),
            None => return,
        };
        let kx_hint = lock(&store.state).kx_hint;
        if let Some(v) = new12 {
            if self.reused {
                return;
            }
            let dbg = debug_prefix(&v);
            let id = debug_hex(&dbg, "session_id").unwrap_or_default();
            let ticket = debug_hex(&dbg, "ticket").unwrap_or_default();
            let lifetime = debug_num(&dbg, "lifetime_secs").unwrap_or(0);
            let id = if id.is_empty() && !ticket.is_empty() {
                sha256(&ticket)
            } else {
                id
            };
            let values = Arc::new(ClientValues {
                tls12: Some(v),
                tls13: Mutex::default(),
                resolver,
                creds,
                kx_hint,
            });
            let s = Session::client_session(
                SessionData {
                    id,
                    ticket_lifetime: if ticket.is_empty() { 0 } else { lifetime },
                    ticket,
                    ..meta
                },
                values,
            );
            self.current = Some(s.clone());
            self.new_sessions.push(s);
            return;
        }
        for v in new13 {
            let dbg = debug_prefix(&v);
            let ticket = debug_hex(&dbg, "ticket").unwrap_or_default();
            let lifetime = debug_num(&dbg, "lifetime_secs").unwrap_or(0);
            let max_early = v.max_early_data_size();
            // A TLS 1.3 resumption refills the pool it drew its ticket from: the sessions of
            // one lineage share their tickets, so a session can be offered again and again.
            let inherited = self
                .offered
                .as_ref()
                .filter(|_| self.reused)
                .and_then(|o| o.client_values())
                .filter(|v| v.tls12.is_none());
            let pool = self
                .pool
                .get_or_insert_with(|| {
                    if let Some(v) = inherited {
                        return v;
                    }
                    Arc::new(ClientValues {
                        tls12: None,
                        tls13: Mutex::default(),
                        resolver: resolver.clone(),
                        creds: creds.clone(),
                        kx_hint,
                    })
                })
                .clone();
            lock(&pool.tls13).push(v);
            let s = Session::client_session(
                SessionData {
                    id: sha256(&ticket),
                    ticket_lifetime: lifetime,
                    ticket,
                    max_early_data: max_early,
                    ..meta.clone()
                },
                pool,
            );
            self.current = Some(s.clone());
            self.new_sessions.push(s);
        }
    }

    /// The handshake finished: the connection's session exists from now on.
    pub fn finished(&mut self, f: Finished, cache: &Arc<ServerCache>) {
        let tls13 = f.version == crate::engine::context::TLS1_3_VERSION;
        let meta = SessionData {
            version: f.version,
            cipher: f.cipher,
            sid_ctx: self.sid_ctx.clone(),
            master_key: f.master_key,
            time: now(),
            timeout: cache.timeout(),
            hostname: if f.is_server { f.sni.clone() } else { None },
            alpn: f.alpn,
            verify_result: f.verify_result,
            ems: !tls13,
            peer: f.peer,
            is_client: !f.is_server,
            ..SessionData::default()
        };
        self.verify_peer_flag = f.verify_peer;
        self.reused = f.resumed;
        self.meta = Some(meta.clone());
        if f.resumed && !tls13 {
            // TLS 1.2 resumption: the resumed session stays the connection's session.
            if !f.is_server {
                self.current = self.offered.clone();
                return;
            }
        }
        if self.current.is_none() || f.is_server || !f.resumed {
            self.current = Some(Arc::new(Session::from_data(meta)));
        }
        let mut pending = std::mem::take(&mut self.pending_server);
        if !tls13 && pending.iter().any(|p| p.2) {
            // A TLS 1.2 ticket was issued: OpenSSL then caches no session id.
            pending.retain(|p| p.2);
        }
        for (id, value, stateless) in pending {
            self.server_stored(cache, id, value, stateless);
        }
        self.collect_client();
    }
}

// ---------------------------------------------------------------------------------------------
// Encoding (`i2d_SSL_SESSION` / `d2i_SSL_SESSION`)

/// First bytes of an encoded session. OpenSSL's encoding is a DER SEQUENCE (0x30), so neither
/// library mistakes the other's blobs for its own.
pub const MAGIC: [u8; 4] = *b"SRSS";
/// The encoding's version.
pub const FORMAT_VERSION: u8 = 1;
const HEADER_LEN: usize = MAGIC.len() + 1 + 4;

const F_EMS: u8 = 1;
const F_CLIENT: u8 = 2;
const F_HOSTNAME: u8 = 4;
const F_PEER: u8 = 8;
const F_SERVER_VALUE: u8 = 16;
const F_HANDLE: u8 = 32;
const F_NOT_RESUMABLE: u8 = 64;

/// Why a blob was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Not our magic (e.g. OpenSSL's DER).
    NotOurs,
    /// Another version of our format.
    Version,
    /// Shorter than its lengths say, or inconsistent.
    Malformed,
}

fn put_vec(out: &mut Vec<u8>, b: &[u8], width: usize) {
    let n = b.len() as u64;
    out.extend_from_slice(&n.to_be_bytes()[8 - width..]);
    out.extend_from_slice(b);
}

/// The encoding of a session.
pub fn encode(s: &Session) -> Vec<u8> {
    let d = s.with(|d| d.clone());
    let mut b = Vec::with_capacity(128 + d.ticket.len());
    b.extend_from_slice(&(d.version as u16).to_be_bytes());
    b.extend_from_slice(&d.cipher.to_be_bytes());
    b.extend_from_slice(&d.time.to_be_bytes());
    b.extend_from_slice(&d.timeout.to_be_bytes());
    b.extend_from_slice(&d.max_early_data.to_be_bytes());
    b.extend_from_slice(&d.ticket_lifetime.to_be_bytes());
    b.extend_from_slice(&d.verify_result.to_be_bytes());
    let mut flags = 0;
    for (on, bit) in [
        (d.ems, F_EMS),
        (d.is_client, F_CLIENT),
        (d.hostname.is_some(), F_HOSTNAME),
        (d.peer.is_some(), F_PEER),
        (d.server_value.is_some(), F_SERVER_VALUE),
        (d.handle.is_some(), F_HANDLE),
        (d.not_resumable, F_NOT_RESUMABLE),
    ] {
        if on {
            flags |= bit;
        }
    }
    b.push(flags);
    put_vec(&mut b, &d.id, 1);
    put_vec(&mut b, &d.sid_ctx, 1);
    put_vec(&mut b, &d.master_key, 1);
    if let Some(h) = &d.hostname {
        put_vec(&mut b, h.as_bytes(), 2);
    }
    put_vec(&mut b, &d.alpn, 2);
    put_vec(&mut b, &d.ticket, 4);
    if let Some(p) = &d.peer {
        put_vec(&mut b, p, 4);
    }
    if let Some(v) = &d.server_value {
        put_vec(&mut b, v, 4);
    }
    if let Some(h) = &d.handle {
        b.extend_from_slice(h);
    }
    let mut out = Vec::with_capacity(HEADER_LEN + b.len());
    out.extend_from_slice(&MAGIC);
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&(b.len() as u32).to_be_bytes());
    out.extend_from_slice(&b);
    out
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if self.0.len() < n {
            return Err(DecodeError::Malformed);
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn vec(&mut self, width: usize) -> Result<Vec<u8>, DecodeError> {
        let mut n = [0u8; 8];
        n[8 - width..].copy_from_slice(self.take(width)?);
        let n = usize::try_from(u64::from_be_bytes(n)).map_err(|_| DecodeError::Malformed)?;
        Ok(self.take(n)?.to_vec())
    }
}

/// Decodes one session from the start of `blob`; returns it and the bytes it used. A client
/// session is resumable only if its values are still alive in this process.
pub fn decode(blob: &[u8]) -> Result<(Session, usize), DecodeError> {
    if blob.len() < MAGIC.len() || blob[..MAGIC.len()] != MAGIC {
        return Err(DecodeError::NotOurs);
    }
    if blob.len() < HEADER_LEN {
        return Err(DecodeError::Malformed);
    }
    if blob[MAGIC.len()] != FORMAT_VERSION {
        return Err(DecodeError::Version);
    }
    let mut len = [0u8; 4];
    len.copy_from_slice(&blob[MAGIC.len() + 1..HEADER_LEN]);
    let len = u32::from_be_bytes(len) as usize;
    let body = blob
        .get(HEADER_LEN..HEADER_LEN + len)
        .ok_or(DecodeError::Malformed)?;
    let mut r = Reader(body);
    let version = i32::from(u16::from_be_bytes(r.arr()?));
    let cipher = u16::from_be_bytes(r.arr()?);
    let time = i64::from_be_bytes(r.arr()?);
    let timeout = i64::from_be_bytes(r.arr()?);
    let max_early_data = u32::from_be_bytes(r.arr()?);
    let ticket_lifetime = u64::from_be_bytes(r.arr()?);
    let verify_result = i64::from_be_bytes(r.arr()?);
    let [flags] = r.arr()?;
    let known =
        F_EMS | F_CLIENT | F_HOSTNAME | F_PEER | F_SERVER_VALUE | F_HANDLE | F_NOT_RESUMABLE;
    if flags & !known != 0 {
        return Err(DecodeError::Malformed);
    }
    let id = r.vec(1)?;
    let sid_ctx = r.vec(1)?;
    let master_key = r.vec(1)?;
    if id.len() > MAX_ID_LEN || sid_ctx.len() > MAX_ID_LEN || master_key.len() > MAX_MASTER_KEY_LEN
    {
        return Err(DecodeError::Malformed);
    }
    let hostname = if flags & F_HOSTNAME != 0 {
        Some(String::from_utf8(r.vec(2)?).map_err(|_| DecodeError::Malformed)?)
    } else {
        None
    };
    let alpn = r.vec(2)?;
    let ticket = r.vec(4)?;
    let peer = if flags & F_PEER != 0 {
        Some(r.vec(4)?)
    } else {
        None
    };
    let server_value = if flags & F_SERVER_VALUE != 0 {
        Some(r.vec(4)?)
    } else {
        None
    };
    let handle = if flags & F_HANDLE != 0 {
        Some(r.arr::<16>()?)
    } else {
        None
    };
    if !r.0.is_empty() {
        return Err(DecodeError::Malformed);
    }
    let s = Session::from_data(SessionData {
        version,
        cipher,
        id,
        sid_ctx,
        master_key,
        time,
        timeout,
        hostname,
        alpn,
        max_early_data,
        ticket_lifetime,
        ticket,
        ems: flags & F_EMS != 0,
        verify_result,
        peer,
        is_client: flags & F_CLIENT != 0,
        server_value,
        handle,
        not_resumable: flags & F_NOT_RESUMABLE != 0,
    });
    if let Some(h) = &handle {
        *lock(&s.client) = registry_get(h);
    }
    Ok((s, HEADER_LEN + len))
}

// ---------------------------------------------------------------------------------------------
// `SSL_SESSION_print`

fn hex_upper(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// `BIO_dump_indent(bp, b, len, 4)`.
fn dump_indent4(out: &mut String, b: &[u8]) {
    for (i, line) in b.chunks(16).enumerate() {
        out.push_str(&format!("    {:04x} - ", i * 16));
        for j in 0..16 {
            match line.get(j) {
                Some(c) => out.push_str(&format!("{c:02x}{}", if j == 7 { '-' } else { ' ' })),
                None => out.push_str("   "),
            }
        }
        out.push_str("  ");
        for &c in line {
            out.push(if (b' '..=b'~').contains(&c) {
                c as char
            } else {
                '.'
            });
        }
        out.push('\n');
    }
}

/// `SSL_SESSION_print`'s text, in OpenSSL's layout. TLS 1.3 sessions hold no resumption
/// secret here (rustls keeps it): their `Resumption PSK` line is empty.
pub fn print(s: &Session) -> String {
    use crate::engine::context::{TLS1_2_VERSION, TLS1_3_VERSION};
    let d = s.with(|d| d.clone());
    let proto = match d.version {
        TLS1_3_VERSION => "TLSv1.3",
        TLS1_2_VERSION => "TLSv1.2",
        0x0301 => "TLSv1",
        0x0302 => "TLSv1.1",
        0x0300 => "SSLv3",
        _ => "unknown",
    };
    let cipher = match crate::engine::ciphers::by_iana(d.cipher) {
        Some(c) => c.name.to_string_lossy().into_owned(),
        None => format!("{:04X}", d.cipher),
    };
    let mut o = String::from("SSL-Session:\n");
    o.push_str(&format!("    Protocol  : {proto}\n"));
    o.push_str(&format!("    Cipher    : {cipher}\n"));
    o.push_str(&format!("    Session-ID: {}\n", hex_upper(&d.id)));
    o.push_str(&format!("    Session-ID-ctx: {}\n", hex_upper(&d.sid_ctx)));
    let label = if d.version == TLS1_3_VERSION {
        "Resumption PSK"
    } else {
        "Master-Key"
    };
    o.push_str(&format!("    {label}: {}\n", hex_upper(&d.master_key)));
    o.push_str("    PSK identity: None\n");
    o.push_str("    PSK identity hint: None\n");
    o.push_str("    SRP username: None\n");
    if d.ticket_lifetime != 0 {
        o.push_str(&format!(
            "    TLS session ticket lifetime hint: {} (seconds)\n",
            d.ticket_lifetime
        ));
    }
    if !d.ticket.is_empty() {
        o.push_str("    TLS session ticket:\n");
        dump_indent4(&mut o, &d.ticket);
        o.push('\n');
    }
    if d.time != 0 {
        o.push_str(&format!("    Start Time: {}\n", d.time));
    }
    if d.timeout != 0 {
        o.push_str(&format!("    Timeout   : {} (sec)\n", d.timeout));
    }
    o.push_str(&format!(
        "    Verify return code: {} ({})\n",
        d.verify_result,
        crate::crypto::x509::verify_error_string(d.verify_result).to_string_lossy()
    ));
    o.push_str(&format!(
        "    Extended master secret: {}\n",
        if d.ems { "yes" } else { "no" }
    ));
    if d.version >= TLS1_3_VERSION {
        o.push_str(&format!("    Max Early Data: {}\n", d.max_early_data));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Session {
        Session::from_data(SessionData {
            version: 0x0304,
            cipher: 0x1302,
            id: vec![7; 32],
            sid_ctx: b"ctx".to_vec(),
            master_key: vec![0x11; 48],
            time: 1_700_000_000,
            timeout: 7200,
            hostname: Some("example.com".into()),
            alpn: b"h2".to_vec(),
            max_early_data: 16384,
            ticket_lifetime: 7200,
            ticket: vec![1, 2, 3, 4, 5],
            ems: true,
            verify_result: 0,
            peer: Some(vec![0x30, 0x03, 1, 2, 3]),
            is_client: false,
            server_value: Some(vec![9; 40]),
            handle: Some([5; 16]),
            not_resumable: true,
        })
    }

    #[test]
    fn session_round_trip() {
        let s = sample();
        let enc = encode(&s);
        let (back, used) = decode(&enc).expect("decodes");
        assert_eq!(used, enc.len());
        assert_eq!(back.with(|d| d.clone()), s.with(|d| d.clone()));
        // Trailing bytes are left for the caller.
        let mut more = enc.clone();
        more.extend_from_slice(b"tail");
        assert_eq!(decode(&more).map(|(_, n)| n), Ok(enc.len()));
        // An empty session round-trips too.
        let e = Session::new();
        let (back, _) = decode(&encode(&e)).unwrap();
        assert_eq!(back.with(|d| d.clone()), e.with(|d| d.clone()));
    }

    #[test]
    fn session_truncation_fails_cleanly() {
        let enc = encode(&sample());
        for n in 0..enc.len() {
            assert!(decode(&enc[..n]).is_err(), "prefix of {n} bytes accepted");
        }
    }

    #[test]
    fn session_foreign_and_corrupt_blobs() {
        // OpenSSL's DER encoding starts with a SEQUENCE.
        assert_eq!(
            decode(&[0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x01]).err(),
            Some(DecodeError::NotOurs)
        );
        let mut enc = encode(&sample());
        enc[4] = 99;
        assert_eq!(decode(&enc).err(), Some(DecodeError::Version));
        let mut enc = encode(&sample());
        let last = enc.len() - 1;
        enc.truncate(last);
        enc[5..9].copy_from_slice(&((last - 9) as u32).to_be_bytes());
        assert!(decode(&enc).is_err());
        // Every single-byte corruption either fails or decodes to something (never panics).
        let enc = encode(&sample());
        for i in 0..enc.len() {
            let mut c = enc.clone();
            c[i] ^= 0xff;
            let _ = decode(&c);
        }
    }

    #[test]
    fn session_decoded_client_without_values_is_not_resumable() {
        let s = sample();
        s.update(|d| d.is_client = true);
        let (back, _) = decode(&encode(&s)).unwrap();
        assert!(!back.is_resumable());
    }

    #[test]
    fn session_print_layout() {
        let t = print(&sample());
        assert!(t.starts_with("SSL-Session:\n    Protocol  : TLSv1.3\n"));
        assert!(t.contains("    Cipher    : TLS_AES_256_GCM_SHA384\n"));
        assert!(t.contains("    TLS session ticket:\n    0000 - 01 02 03 04 05"));
        assert!(t.ends_with("    Max Early Data: 16384\n"));
    }
}
