//! `SSL_CTX`: configuration shared by the connections made from it.
//!
//! The C side may change a context at any time; connections copy what they need in `SSL_new`
//! (as OpenSSL does) and build their rustls configuration from a snapshot. Built rustls configs
//! and trust stores are cached per configuration generation so that the handshake hot path does
//! not rebuild them.

use crate::engine::ciphers;
use crate::error::{ssl_r, Error, Result};
use crate::sync::{Mutex, MutexGuard};
use rustls::crypto::CryptoProvider;
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, RootCertStore, ServerConfig};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::sync::{Arc, OnceLock};

/// Which `*_method()` the context was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `TLS_method()`: either role.
    Generic,
    /// `TLS_client_method()`.
    Client,
    /// `TLS_server_method()`.
    Server,
}

/// Protocol versions as OpenSSL numbers them.
pub const TLS1_2_VERSION: i32 = 0x0303;
pub const TLS1_3_VERSION: i32 = 0x0304;

/// `SSL_OP_*` bits the engine acts on.
pub mod op {
    pub const IGNORE_UNEXPECTED_EOF: u64 = 1 << 7;
    pub const NO_TICKET: u64 = 1 << 14;
    pub const NO_COMPRESSION: u64 = 1 << 17;
    pub const ENABLE_MIDDLEBOX_COMPAT: u64 = 1 << 20;
    pub const CIPHER_SERVER_PREFERENCE: u64 = 1 << 22;
    pub const NO_TLSV1: u64 = 1 << 26;
    pub const NO_TLSV1_2: u64 = 1 << 27;
    pub const NO_TLSV1_1: u64 = 1 << 28;
    pub const NO_TLSV1_3: u64 = 1 << 29;
    /// `SSL_CTX_new`'s default options.
    pub const DEFAULT: u64 = NO_COMPRESSION | ENABLE_MIDDLEBOX_COMPAT;
}

/// `SSL_MODE_*` bits.
pub mod mode {
    pub const ENABLE_PARTIAL_WRITE: i64 = 0x1;
    pub const ACCEPT_MOVING_WRITE_BUFFER: i64 = 0x2;
    pub const AUTO_RETRY: i64 = 0x4;
    pub const NO_AUTO_CHAIN: i64 = 0x8;
    pub const RELEASE_BUFFERS: i64 = 0x10;
    /// `SSL_CTX_new`'s default mode.
    pub const DEFAULT: i64 = AUTO_RETRY;
}

/// `SSL_VERIFY_*` bits.
pub mod verify {
    pub const NONE: i32 = 0;
    pub const PEER: i32 = 1;
    pub const FAIL_IF_NO_PEER_CERT: i32 = 2;
}

/// The settings an `SSL` inherits and may override.
#[derive(Clone, Debug)]
pub struct Settings {
    pub options: u64,
    pub mode: i64,
    pub min_version: i32,
    pub max_version: i32,
    pub verify_mode: i32,
    pub verify_depth: i32,
    pub quiet_shutdown: bool,
    /// `SSL_CTX_set_max_early_data` / `SSL_CTX_set_recv_max_early_data` (recorded only: early
    /// data is not supported).
    pub max_early_data: u32,
    pub recv_max_early_data: u32,
    /// `SSL_CTX_set_ciphersuites`: TLS 1.3 suites in order (`None`: OpenSSL's default list).
    pub tls13_suites: Option<Vec<u16>>,
    /// `SSL_CTX_set_cipher_list`: TLS 1.2 suites in order (`None`: the default list).
    pub tls12_suites: Option<Vec<u16>>,
    /// `SSL_CTX_set_num_tickets`: TLS 1.3 tickets a server sends after a full handshake.
    pub num_tickets: usize,
    /// `SSL_CTX_set_alpn_protos`: the protocols a client offers, in wire format (empty: none).
    pub alpn: Vec<u8>,
    /// Set on a connection by `SSL_set_cipher_list`/`SSL_set_ciphersuites`. Until then an
    /// OpenSSL `SSL` uses its context's current cipher lists (see `Conn::sync_ciphers`).
    pub own_ciphers: bool,
    /// The protocol a version-specific method (`TLSv1_2_method`, `TLSv1_method`,
    /// `DTLS_method`, ...) fixes; `None` for the `TLS_*method`s.
    pub fixed_version: Option<i32>,
    /// `SSL_CTX_set_security_level` (also `@SECLEVEL=n`): enforced on certificate key sizes
    /// (loading our chain, verifying the server's); see [`crate::engine::config`].
    pub security_level: i32,
    /// `SSL_CTX_set1_groups*`: key-exchange groups (IANA numbers) in order (`None`: default).
    pub groups: Option<Vec<u16>>,
    /// `SSL_CTX_set1_sigalgs*`: signature schemes (IANA numbers) a client offers and a server
    /// may sign with.
    pub sigalgs: Option<Vec<u16>>,
    /// `SSL_CTX_set1_client_sigalgs*`: recorded only.
    pub client_sigalgs: Option<Vec<u16>>,
    /// `SSL_CTX_set_max_send_fragment`: the largest plaintext per record sent.
    pub max_send_fragment: usize,
    /// `SSL_CTX_set_read_ahead`: reported by the getters; reading stays record by record.
    pub read_ahead: bool,
    /// `SSL_CTX_set_post_handshake_auth`: recorded; rustls has no post-handshake auth.
    pub post_handshake_auth: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            options: op::DEFAULT,
            mode: mode::DEFAULT,
            min_version: 0,
            max_version: 0,
            verify_mode: verify::NONE,
            verify_depth: -1,
            quiet_shutdown: false,
            max_early_data: 0,
            recv_max_early_data: 16384,
            tls13_suites: None,
            tls12_suites: None,
            num_tickets: 2,
            alpn: Vec::new(),
            own_ciphers: false,
            fixed_version: None,
            security_level: crate::engine::config::DEFAULT_SECURITY_LEVEL,
            groups: None,
            sigalgs: None,
            client_sigalgs: None,
            max_send_fragment: crate::engine::config::MAX_FRAGMENT,
            read_ahead: false,
            post_handshake_auth: false,
        }
    }
}

impl Settings {
    /// The suites these settings enable, in preference order: TLS 1.3 first, as OpenSSL lists them.
    pub fn suites(&self) -> Vec<u16> {
        let defaults = |tls13: bool| -> Vec<u16> {
            ciphers::CIPHERS
                .iter()
                .map(|c| c.iana)
                .filter(|&i| ciphers::is_tls13(i) == tls13)
                .collect()
        };
        let mut out = self.tls13_suites.clone().unwrap_or_else(|| defaults(true));
        out.extend(self.tls12_suites.clone().unwrap_or_else(|| defaults(false)));
        out
    }

    /// Whether protocol `v` (TLS 1.0..1.3) is enabled on its own: by the min/max bounds, the
    /// `SSL_OP_NO_*` bits and a version-specific method. SSLv3 never is.
    fn version_enabled(&self, v: i32) -> bool {
        let off = match v {
            TLS1_3_VERSION => op::NO_TLSV1_3,
            TLS1_2_VERSION => op::NO_TLSV1_2,
            0x0302 => op::NO_TLSV1_1,
            0x0301 => op::NO_TLSV1,
            _ => return false,
        };
        self.fixed_version.is_none_or(|f| f == v)
            && self.options & off == 0
            && (self.min_version == 0 || self.min_version <= v)
            && (self.max_version == 0 || self.max_version >= v)
    }

    /// A client's effective protocol range `(min, max)`, or `None` when it is empty. As
    /// OpenSSL's `ssl_get_min_max_version` does, only the lowest contiguous block of enabled
    /// versions counts: with `SSL_OP_NO_TLSv1_2` alone the range is TLS 1.0..1.1, not 1.3. (A
    /// server accepts any version enabled on its own.)
    pub fn version_range(&self) -> Option<(i32, i32)> {
        let mut range = None;
        let mut hole = true;
        for v in [TLS1_3_VERSION, TLS1_2_VERSION, 0x0302, 0x0301] {
            if !self.version_enabled(v) {
                hole = true;
            } else if hole {
                range = Some((v, v));
                hole = false;
            } else if let Some((min, _)) = range.as_mut() {
                *min = v;
            }
        }
        range
    }

    /// The protocol versions these settings allow that rustls speaks, newest first: for a
    /// client OpenSSL's effective range ([`Settings::version_range`]), for a server each
    /// version enabled on its own; then restricted to TLS 1.2/1.3 with suites.
    pub fn versions(&self, server: bool) -> Result<Vec<&'static rustls::SupportedProtocolVersion>> {
        let suites = self.suites();
        let has_suites = |v: i32| {
            suites
                .iter()
                .any(|&i| ciphers::is_tls13(i) == (v == TLS1_3_VERSION))
        };
        let range = self.version_range();
        let allowed = |v: i32| {
            has_suites(v)
                && match server {
                    true => self.version_enabled(v),
                    false => range.is_some_and(|(min, max)| min <= v && v <= max),
                }
        };
        let mut out = Vec::with_capacity(2);
        if allowed(TLS1_3_VERSION) {
            out.push(&rustls::version::TLS13);
        }
        if allowed(TLS1_2_VERSION) {
            out.push(&rustls::version::TLS12);
        }
        if out.is_empty() {
            return Err(Error::ssl(
                ssl_r::NO_PROTOCOLS_AVAILABLE,
                "ssl_set_client_hello_version",
            ));
        }
        Ok(out)
    }
}

/// The certificate material of a context.
#[derive(Default)]
pub struct Credentials {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: Option<PrivateKeyDer<'static>>,
    pub certified: Option<Arc<CertifiedKey>>,
    /// OpenSSL keeps one certificate/key slot per key type, and the last certificate or key
    /// set selects the current one (the fields above): an EC key set after an RSA
    /// certificate loads fine and leaves a current slot without a certificate. The other
    /// slots, by public key algorithm OID.
    pub other_slots: Vec<Slot>,
}

/// A certificate/key slot that is not the current one: (key type, chain, key).
pub type Slot = (
    Vec<u8>,
    Vec<CertificateDer<'static>>,
    Option<PrivateKeyDer<'static>>,
);

impl Credentials {
    /// The key type of the current slot, from its certificate or else its key.
    fn slot_type(&self) -> Option<Vec<u8>> {
        match self.chain.first() {
            Some(leaf) => crate::crypto::pkey::cert_key_type(leaf),
            None => crate::crypto::pkey::key_type(self.key.as_ref()?),
        }
    }

    /// Makes the slot for key type `ty` current (parking the current one), as OpenSSL does
    /// when a certificate or key of another type than the current slot's is set.
    fn select_slot(&mut self, ty: Option<Vec<u8>>) {
        let (Some(ty), Some(cur)) = (ty, self.slot_type()) else {
            return;
        };
        if ty == cur {
            return;
        }
        let parked = (cur, std::mem::take(&mut self.chain), self.key.take());
        self.other_slots.push(parked);
        if let Some(i) = self.other_slots.iter().position(|s| s.0 == ty) {
            let (_, chain, key) = self.other_slots.swap_remove(i);
            self.chain = chain;
            self.key = key;
        }
    }

    /// Replaces the chain (leaf first) of the slot of its key type. Keys below `level` are
    /// refused as OpenSSL refuses them (`SSL_R_EE_KEY_TOO_SMALL` for the leaf,
    /// `SSL_R_CA_KEY_TOO_SMALL` for the rest); the chain is then unchanged.
    pub fn set_chain(&mut self, chain: Vec<CertificateDer<'static>>, level: i32) -> Result<()> {
        for (i, cert) in chain.iter().enumerate() {
            if !crate::engine::config::key_meets_level(cert, level) {
                return Err(match i {
                    0 => Error::ssl(ssl_r::EE_KEY_TOO_SMALL, "ssl_set_cert"),
                    _ => Error::ssl(ssl_r::CA_KEY_TOO_SMALL, "ssl_cert_add0_chain_cert"),
                });
            }
        }
        let ty = chain.first().and_then(crate::crypto::pkey::cert_key_type);
        self.select_slot(ty);
        self.chain = chain;
        rebuild_certified(self, false)
    }

    /// `SSL_CTX_use_certificate`: makes `leaf` the certificate of the slot of its key type,
    /// keeping that slot's chain certificates (as OpenSSL keeps them).
    pub fn set_leaf(&mut self, leaf: CertificateDer<'static>, level: i32) -> Result<()> {
        if !crate::engine::config::key_meets_level(&leaf, level) {
            return Err(Error::ssl(ssl_r::EE_KEY_TOO_SMALL, "ssl_set_cert"));
        }
        self.select_slot(crate::crypto::pkey::cert_key_type(&leaf));
        let tail: Vec<_> = self.chain.iter().skip(1).cloned().collect();
        self.chain = std::iter::once(leaf).chain(tail).collect();
        rebuild_certified(self, false)
    }

    /// True when the slot for key type `ty` (a public key algorithm OID) holds a certificate
    /// or a key.
    pub fn slot_in_use(&self, ty: &[u8]) -> bool {
        if self.slot_type().as_deref() == Some(ty) && (!self.chain.is_empty() || self.key.is_some())
        {
            return true;
        }
        self.other_slots
            .iter()
            .any(|(t, c, k)| t == ty && (!c.is_empty() || k.is_some()))
    }

    /// Sets the key of the slot of its type: it must match a certificate already set there
    /// (else nothing changes).
    pub fn set_key(&mut self, key: PrivateKeyDer<'static>) -> Result<()> {
        let saved = self.snapshot();
        self.select_slot(crate::crypto::pkey::key_type(&key));
        self.key = Some(key);
        let r = rebuild_certified(self, true);
        if r.is_err() {
            *self = saved;
        }
        r
    }

    /// `SSL_CTX_check_private_key` / `SSL_check_private_key` (`func` names the entry).
    pub fn check(&self, func: &'static str) -> Result<()> {
        if self.chain.is_empty() {
            return Err(Error::ssl(ssl_r::NO_CERTIFICATE_ASSIGNED, func));
        }
        if self.key.is_none() {
            return Err(Error::ssl(ssl_r::NO_PRIVATE_KEY_ASSIGNED, func));
        }
        match &self.certified {
            Some(_) => Ok(()),
            None => Err(key_mismatch()),
        }
    }

    /// A copy (the DER is cloned).
    pub fn snapshot(&self) -> Credentials {
        let copy = |(t, c, k): &Slot| (t.clone(), c.clone(), k.as_ref().map(|k| k.clone_key()));
        Credentials {
            chain: self.chain.clone(),
            key: self.key.as_ref().map(|k| k.clone_key()),
            certified: self.certified.clone(),
            other_slots: self.other_slots.iter().map(copy).collect(),
        }
    }
}

/// The `SubjectPublicKeyInfo`s (webpki's form) of the certificates in `ders` that are not
/// self-issued.
fn partial_of<'a>(ders: impl Iterator<Item = &'a CertificateDer<'static>>) -> Vec<Vec<u8>> {
    ders.filter(|d| {
        crate::crypto::x509::Certificate::from_der((*d).clone()).is_ok_and(|c| !c.is_self_issued())
    })
    .filter_map(|d| webpki::anchor_from_trusted_cert(d).ok())
    .map(|ta| ta.subject_public_key_info.as_ref().to_vec())
    .collect()
}

/// Refreshes a context's store anchors (installed by the C layer in pass-through mode).
pub static TRUST_HOOK: std::sync::OnceLock<fn(&Context)> = std::sync::OnceLock::new();

/// Asks the program's certificate store for the issuers of a peer chain (leaf first) that its
/// lookup methods find (a hashed directory, ...): more anchors (installed by the C layer in
/// pass-through mode).
pub type IssuerLookup = fn(&Context, &[CertificateDer<'_>]) -> Vec<CertificateDer<'static>>;
pub static ISSUER_HOOK: std::sync::OnceLock<IssuerLookup> = std::sync::OnceLock::new();

/// The mutable part of an `SSL_CTX`.
#[derive(Default)]
pub struct Config {
    pub settings: Settings,
    pub creds: Credentials,
    pub trust: Vec<CertificateDer<'static>>,
    /// Anchors found in the program's `X509_STORE` (pass-through mode), with the fingerprint
    /// of the store contents they were read from.
    pub store_trust: (u64, Vec<CertificateDer<'static>>),
    /// CRLs (DER) in the program's `X509_STORE`, read with the anchors, and the store's
    /// verification flags (`X509_STORE_set_flags`).
    pub store_crls: Vec<Vec<u8>>,
    pub store_flags: u64,
    /// The CA names a server sends in its CertificateRequest (each a DER `Name`): OpenSSL's
    /// client CA list, else its CA list, else none (rustls would send the trust anchors').
    pub client_ca_hints: Vec<Vec<u8>>,
    /// FFI-owned objects handed out by getters (the `STACK_OF(SSL_CIPHER)` of
    /// `SSL_CTX_get_ciphers`), kept alive as long as the context.
    pub ffi_owned: Option<Box<dyn std::any::Any + Send>>,
    /// Bumped on every change that affects the built rustls configs.
    pub generation: u64,
}

/// What a built rustls config depends on besides the context's generation.
#[derive(Clone, PartialEq, Eq)]
struct ConfigKey {
    versions: Vec<u16>,
    suites: Vec<u16>,
    verify_mode: i32,
    options: u64,
    num_tickets: usize,
    groups: Option<Vec<u16>>,
    max_send_fragment: usize,
    /// `SSL_MODE_NO_AUTO_CHAIN`.
    no_auto_chain: bool,
}

impl ConfigKey {
    fn of(
        settings: &Settings,
        versions: &[&'static rustls::SupportedProtocolVersion],
    ) -> ConfigKey {
        ConfigKey {
            versions: versions.iter().map(|v| u16::from(v.version)).collect(),
            suites: settings.suites(),
            verify_mode: settings.verify_mode & (verify::PEER | verify::FAIL_IF_NO_PEER_CERT),
            options: settings.options & (op::CIPHER_SERVER_PREFERENCE | op::NO_TICKET),
            num_tickets: settings.num_tickets,
            groups: settings.groups.clone(),
            max_send_fragment: settings.max_send_fragment,
            no_auto_chain: settings.mode & mode::NO_AUTO_CHAIN != 0,
        }
    }
}

/// Built configs stay valid until the context's configuration changes (`generation`); a few
/// per-connection variants (versions, suites, verify mode) are kept side by side.
#[derive(Default)]
struct Cache {
    generation: u64,
    roots: Option<Arc<RootCertStore>>,
    /// See [`Context::partial_anchors`].
    partial: Option<Arc<Vec<Vec<u8>>>>,
    client: Vec<(ConfigKey, Arc<ClientConfig>)>,
    server: Vec<(ConfigKey, Arc<ServerConfig>)>,
}

const CACHE_VARIANTS: usize = 8;

impl Cache {
    /// Drops everything built for an older generation.
    fn at(&mut self, generation: u64) -> &mut Cache {
        if self.generation != generation {
            *self = Cache {
                generation,
                ..Cache::default()
            };
        }
        self
    }
}

fn remember<T>(list: &mut Vec<(ConfigKey, Arc<T>)>, key: ConfigKey, v: &Arc<T>) {
    if list.len() == CACHE_VARIANTS {
        list.remove(0);
    }
    list.push((key, v.clone()));
}

/// `SSL_CTX`.
pub struct Context {
    pub method: Method,
    /// What the ffi layer keeps with the context (callbacks, ex_data); opaque here.
    pub app: Box<dyn std::any::Any + Send + Sync>,
    config: Mutex<Config>,
    cache: Mutex<Cache>,
    /// The session cache, shared by every server config built from this context.
    pub sessions: Arc<crate::engine::session::ServerCache>,
}

/// rustls+ring with OpenSSL 3.0's default preference order.
pub fn provider() -> Arc<CryptoProvider> {
    static P: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    P.get_or_init(|| {
        let mut p = rustls::crypto::ring::default_provider();
        let rank = |s: &rustls::SupportedCipherSuite| {
            let id = u16::from(s.suite());
            ciphers::CIPHERS
                .iter()
                .position(|c| c.iana == id)
                .unwrap_or(usize::MAX)
        };
        p.cipher_suites.sort_by_key(rank);
        p.signature_verification_algorithms =
            crate::engine::config::openssl_sigalg_order(p.signature_verification_algorithms);
        Arc::new(p)
    })
    .clone()
}

/// The base provider restricted to `suites` and `groups` (`None`: all), in that order.
fn provider_for(suites: &[u16], groups: Option<&[u16]>) -> Arc<CryptoProvider> {
    let base = provider();
    let cipher_suites = suites
        .iter()
        .filter_map(|&i| {
            base.cipher_suites
                .iter()
                .find(|s| u16::from(s.suite()) == i)
                .copied()
        })
        .collect();
    let kx_groups = match groups {
        None => base.kx_groups.clone(),
        Some(g) => g
            .iter()
            .filter_map(|&i| {
                base.kx_groups
                    .iter()
                    .find(|k| u16::from(k.name()) == i)
                    .copied()
            })
            .collect(),
    };
    Arc::new(CryptoProvider {
        cipher_suites,
        kx_groups,
        ..(*base).clone()
    })
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Context {
    /// `SSL_CTX_new`.
    pub fn new(method: Method) -> Context {
        Context::with_app(method, Box::new(()))
    }

    /// `SSL_CTX_new`, with the ffi layer's companion object.
    pub fn with_app(method: Method, app: Box<dyn std::any::Any + Send + Sync>) -> Context {
        Context {
            method,
            app,
            config: Mutex::new(Config::default()),
            cache: Mutex::new(Cache::default()),
            sessions: Arc::default(),
        }
    }

    /// Reads the configuration.
    pub fn with<R>(&self, f: impl FnOnce(&Config) -> R) -> R {
        f(&lock(&self.config))
    }

    /// Changes the configuration (and invalidates built configs).
    pub fn update<R>(&self, f: impl FnOnce(&mut Config) -> R) -> R {
        let mut c = lock(&self.config);
        c.generation += 1;
        f(&mut c)
    }

    /// Changes the configuration without invalidating built configs (for FFI-owned objects).
    pub fn config_mut<R>(&self, f: impl FnOnce(&mut Config) -> R) -> R {
        f(&mut lock(&self.config))
    }

    /// Changes only settings that connections copy (no rebuild needed).
    pub fn settings_mut<R>(&self, f: impl FnOnce(&mut Settings) -> R) -> R {
        f(&mut lock(&self.config).settings)
    }

    /// The trust anchors as a rustls store, built once per generation.
    pub fn roots(&self) -> Arc<RootCertStore> {
        let config = lock(&self.config);
        let mut cache = lock(&self.cache);
        let cache = cache.at(config.generation);
        if let Some(r) = &cache.roots {
            return r.clone();
        }
        let mut store = RootCertStore::empty();
        // Certificates webpki cannot use as anchors are skipped, as OpenSSL would never
        // chain to them either.
        let _ = store.add_parsable_certificates(config.trust.iter().cloned());
        let _ = store.add_parsable_certificates(config.store_trust.1.iter().cloned());
        let r = Arc::new(store);
        cache.roots = Some(r.clone());
        r
    }

    fn cached<T>(
        &self,
        key: &ConfigKey,
        pick: impl Fn(&Cache) -> &Vec<(ConfigKey, Arc<T>)>,
    ) -> (u64, Option<Arc<T>>) {
        let generation = self.with(|c| c.generation);
        let mut cache = lock(&self.cache);
        let cache = cache.at(generation);
        (
            generation,
            pick(cache)
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone()),
        )
    }

    /// A client config for these settings, shared by the connections that use the same ones.
    pub fn client_config(&self, settings: &Settings) -> Result<Arc<ClientConfig>> {
        let versions = settings.versions(false)?;
        let key = ConfigKey::of(settings, &versions);
        let (generation, hit) = self.cached(&key, |c| &c.client);
        if let Some(cfg) = hit {
            return Ok(cfg);
        }
        let builder =
            ClientConfig::builder_with_provider(provider_for(&key.suites, key.groups.as_deref()))
                .with_protocol_versions(&versions)
                .map_err(|_| Error::ssl(ssl_r::NO_CIPHERS_AVAILABLE, "SSL_connect"))?
                .with_root_certificates(self.roots());
        let certified = self.with(|c| c.creds.certified.clone());
        let mut cfg = match certified {
            Some(ck) => {
                let ck = self.auto_chain(ck, settings);
                builder.with_client_cert_resolver(Arc::new(SingleCert(ck)))
            }
            None => builder.with_no_client_auth(),
        };
        cfg.enable_sni = true;
        cfg.max_fragment_size = crate::engine::config::rustls_fragment(key.max_send_fragment);
        let cfg = Arc::new(cfg);
        let mut cache = lock(&self.cache);
        if cache.generation == generation {
            remember(&mut cache.client, key, &cfg);
        }
        Ok(cfg)
    }

    /// The server config for these settings, shared likewise. A connection with credentials
    /// of its own (`own`, `SSL_use_certificate` & co) still shares the context's config, and
    /// installs its own resolver ([`server_resolver`]); without them the context must have a
    /// certificate and key.
    pub fn server_config(
        &self,
        settings: &Settings,
        own: Option<&Arc<CertifiedKey>>,
    ) -> Result<Arc<ServerConfig>> {
        let versions = settings.versions(true)?;
        let key = ConfigKey::of(settings, &versions);
        let (generation, hit) = self.cached(&key, |c| &c.server);
        if let Some(cfg) = hit {
            return Ok(cfg);
        }
        let ctx_certified = self.with(|c| c.creds.certified.clone());
        let shared = ctx_certified.is_some();
        let certified = ctx_certified
            .or_else(|| own.cloned())
            .ok_or_else(|| Error::ssl(ssl_r::NO_SHARED_CIPHER, "tls_post_process_client_hello"))?;
        let provider = provider_for(&key.suites, key.groups.as_deref());
        let builder = ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&versions)
            .map_err(|_| Error::ssl(ssl_r::NO_CIPHERS_AVAILABLE, "SSL_accept"))?;
        let builder = if key.verify_mode & verify::PEER != 0 {
            // Asked as OpenSSL asks: with the context's CA names, also when no anchors are
            // loaded (then every client certificate fails verification).
            let hints = self.with(|c| c.client_ca_hints.clone());
            builder.with_client_cert_verifier(Arc::new(
                crate::engine::session::SharedClientVerifier {
                    hints: hints
                        .into_iter()
                        .map(rustls::DistinguishedName::from)
                        .collect(),
                    mandatory: key.verify_mode & verify::FAIL_IF_NO_PEER_CERT != 0,
                },
            ))
        } else {
            builder.with_no_client_auth()
        };
        let certified = self.auto_chain(certified, settings);
        let mut cfg = builder.with_cert_resolver(Arc::new(SingleCert(certified)));
        cfg.max_fragment_size = crate::engine::config::rustls_fragment(key.max_send_fragment);
        cfg.ignore_client_order = key.options & op::CIPHER_SERVER_PREFERENCE != 0;
        // Session ids and stateful TLS 1.3 tickets live in the context's cache; tickets are
        // sealed with the context's keys unless SSL_OP_NO_TICKET (then TLS 1.3 tickets are
        // stateful, as in OpenSSL).
        cfg.session_storage = self.sessions.clone();
        if key.options & op::NO_TICKET == 0 {
            if let Some(t) = self.sessions.ticketer() {
                cfg.ticketer = t;
            }
        }
        cfg.send_tls13_tickets = key.num_tickets;
        let cfg = Arc::new(cfg);
        let mut cache = lock(&self.cache);
        if cache.generation == generation && shared {
            remember(&mut cache.server, key, &cfg);
        }
        Ok(cfg)
    }
}

impl Context {
    /// `SSL_CTX_use_certificate*`: replaces the chain (leaf first); see [`Credentials::set_chain`].
    pub fn use_chain(&self, chain: Vec<CertificateDer<'static>>) -> Result<()> {
        let level = self.with(|c| c.settings.security_level);
        self.update(|c| c.creds.set_chain(chain, level))
    }

    /// `SSL_CTX_use_PrivateKey*`: see [`Credentials::set_key`].
    pub fn use_key(&self, key: PrivateKeyDer<'static>) -> Result<()> {
        self.update(|c| c.creds.set_key(key))
    }

    /// `SSL_CTX_check_private_key`.
    pub fn check_private_key(&self) -> Result<()> {
        self.with(|c| c.creds.check("SSL_CTX_check_private_key"))
    }

    /// The anchors as they are now, after asking the certificate-store hook (pass-through mode:
    /// the program's `X509_STORE` may have gained anchors since the last look).
    pub fn current_roots(&self) -> Arc<RootCertStore> {
        if let Some(hook) = TRUST_HOOK.get() {
            hook(self);
        }
        self.roots()
    }

    /// The anchors whose certificates are not self-issued (intermediates loaded as trust
    /// anchors, which OpenSSL accepts only under `X509_V_FLAG_PARTIAL_CHAIN`), by their
    /// `SubjectPublicKeyInfo` as webpki's `TrustAnchor` holds it. Usually empty.
    pub fn partial_anchors(&self) -> Arc<Vec<Vec<u8>>> {
        let config = lock(&self.config);
        let mut cache = lock(&self.cache);
        let cache = cache.at(config.generation);
        if let Some(p) = &cache.partial {
            return p.clone();
        }
        let p = Arc::new(partial_of(
            config.trust.iter().chain(config.store_trust.1.iter()),
        ));
        cache.partial = Some(p.clone());
        p
    }

    /// The anchors for verifying `chain` (leaf first): [`Context::current_roots`] plus the
    /// issuers the program's certificate store finds for it through its lookup methods; and
    /// the partial anchors among them ([`Context::partial_anchors`]).
    pub fn roots_and_partial(
        &self,
        chain: &[CertificateDer<'_>],
    ) -> (Arc<RootCertStore>, Arc<Vec<Vec<u8>>>) {
        let roots = self.current_roots();
        let partial = self.partial_anchors();
        let found = match ISSUER_HOOK.get() {
            Some(lookup) => lookup(self, chain),
            None => return (roots, partial),
        };
        if found.is_empty() {
            return (roots, partial);
        }
        let mut more = (*roots).clone();
        let _ = more.add_parsable_certificates(found.iter().cloned());
        let mut p = (*partial).clone();
        p.extend(partial_of(found.iter()));
        (Arc::new(more), Arc::new(p))
    }

    /// The trust anchors' certificates for `chain` (leaf first): those loaded, those read from
    /// the program's store and those its lookup methods find for the chain.
    pub fn anchor_ders(&self, chain: &[CertificateDer<'_>]) -> Vec<CertificateDer<'static>> {
        let mut v = self.with(|c| {
            c.trust
                .iter()
                .chain(c.store_trust.1.iter())
                .cloned()
                .collect::<Vec<_>>()
        });
        if let Some(lookup) = ISSUER_HOOK.get() {
            v.extend(lookup(self, chain));
        }
        v
    }

    /// Anchors read from the program's certificate store; a new `fingerprint` replaces them.
    pub fn set_store_trust(
        &self,
        fingerprint: u64,
        contents: impl FnOnce() -> (Vec<CertificateDer<'static>>, Vec<Vec<u8>>),
    ) {
        if self.with(|c| c.store_trust.0) == fingerprint {
            return;
        }
        let (certs, crls) = contents();
        self.update(|c| {
            c.store_trust = (fingerprint, certs);
            c.store_crls = crls;
        });
    }

    /// The verification flags of the program's store (pass-through mode), when they changed.
    pub fn set_store_flags(&self, flags: u64) {
        if self.with(|c| c.store_flags) != flags {
            self.update(|c| c.store_flags = flags);
        }
    }

    /// OpenSSL's automatic chain: a certificate configured without a chain is sent with the
    /// issuers its verify store holds (by names, up to a self-issued one or as far as they go),
    /// unless `SSL_MODE_NO_AUTO_CHAIN`.
    pub fn auto_chain(&self, ck: Arc<CertifiedKey>, settings: &Settings) -> Arc<CertifiedKey> {
        if ck.cert.len() != 1 || settings.mode & mode::NO_AUTO_CHAIN != 0 {
            return ck;
        }
        let pool = self.anchor_ders(&ck.cert);
        if pool.is_empty() {
            return ck;
        }
        let path = crate::engine::verify::path_by_names(&ck.cert[0], &pool);
        if path.len() < 2 {
            return ck;
        }
        let mut chained = (*ck).clone();
        chained.cert = path;
        Arc::new(chained)
    }

    /// `SSL_CTX_load_verify_*`: adds trust anchors.
    pub fn add_trust(&self, certs: Vec<CertificateDer<'static>>) {
        self.update(|c| c.trust.extend(certs));
    }
}

fn key_mismatch() -> Error {
    Error::new(
        crate::error::lib::X509,
        crate::crypto::x509::X509_R_KEY_VALUES_MISMATCH,
        "X509_check_private_key",
    )
}

/// Recomputes the signing identity after the chain or key changed. With `strict`, a key that
/// does not match the leaf is an error (as `SSL_CTX_use_PrivateKey` reports it).
fn rebuild_certified(creds: &mut Credentials, strict: bool) -> Result<()> {
    creds.certified = None;
    let (Some(key), false) = (creds.key.as_ref(), creds.chain.is_empty()) else {
        return Ok(());
    };
    let signer = provider()
        .key_provider
        .load_private_key(key.clone_key())
        .map_err(|_| {
            Error::new(
                crate::error::lib::EVP,
                0x80000 | 6,
                "SSL_CTX_use_PrivateKey",
            )
        })?;
    let ck = CertifiedKey::new(creds.chain.clone(), signer);
    match ck.keys_match() {
        Ok(()) => {
            creds.certified = Some(Arc::new(ck));
            Ok(())
        }
        Err(rustls::Error::InconsistentKeys(rustls::InconsistentKeys::Unknown)) => {
            creds.certified = Some(Arc::new(ck));
            Ok(())
        }
        // webpki cannot parse the leaf (e.g. an X.509 v1 certificate): compare the key with
        // the leaf's SubjectPublicKeyInfo as our own parser reads it
        Err(rustls::Error::InvalidCertificate(_))
            if ck.key.public_key().is_some_and(|k| {
                crate::crypto::x509::Certificate::from_der(creds.chain[0].clone())
                    .is_ok_and(|c| c.spki() == k.as_ref())
            }) =>
        {
            creds.certified = Some(Arc::new(ck));
            Ok(())
        }
        Err(_) if strict => Err(key_mismatch()),
        Err(_) => Ok(()),
    }
}

#[derive(Debug)]
struct SingleCert(Arc<CertifiedKey>);

/// A server certificate resolver that always answers `ck`.
pub fn server_resolver(ck: Arc<CertifiedKey>) -> Arc<dyn rustls::server::ResolvesServerCert> {
    Arc::new(SingleCert(ck))
}

/// A client certificate resolver that answers `ck`, or never offers a certificate.
pub fn client_resolver(
    ck: Option<Arc<CertifiedKey>>,
) -> Arc<dyn rustls::client::ResolvesClientCert> {
    match ck {
        Some(ck) => Arc::new(SingleCert(ck)),
        None => Arc::new(NoClientCert),
    }
}

/// Wraps a client resolver to record the CA names of the server's certificate request.
pub fn recording_client_resolver(
    inner: Arc<dyn rustls::client::ResolvesClientCert>,
    slot: Arc<Mutex<Option<Vec<Vec<u8>>>>>,
) -> Arc<dyn rustls::client::ResolvesClientCert> {
    Arc::new(RecordHints { inner, slot })
}

#[derive(Debug)]
struct RecordHints {
    inner: Arc<dyn rustls::client::ResolvesClientCert>,
    slot: Arc<Mutex<Option<Vec<Vec<u8>>>>>,
}

impl rustls::client::ResolvesClientCert for RecordHints {
    fn resolve(
        &self,
        hints: &[&[u8]],
        schemes: &[rustls::SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        *lock(&self.slot) = Some(hints.iter().map(|h| h.to_vec()).collect());
        self.inner.resolve(hints, schemes)
    }
    fn has_certs(&self) -> bool {
        self.inner.has_certs()
    }
}

/// A client resolver that asks the program's client certificate callback
/// (`SSL_CTX_set_client_cert_cb`) when the server requests a certificate.
pub fn callback_client_resolver(
    cb: Arc<dyn crate::engine::verify::ClientCertCallback>,
) -> Arc<dyn rustls::client::ResolvesClientCert> {
    Arc::new(AskClientCert(cb))
}

struct AskClientCert(Arc<dyn crate::engine::verify::ClientCertCallback>);

impl std::fmt::Debug for AskClientCert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AskClientCert")
    }
}

impl rustls::client::ResolvesClientCert for AskClientCert {
    fn resolve(
        &self,
        _hints: &[&[u8]],
        _schemes: &[rustls::SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        let (chain, key) = self.0.call()?;
        let mut creds = Credentials {
            chain,
            key: Some(key),
            ..Credentials::default()
        };
        rebuild_certified(&mut creds, true).ok()?;
        creds.certified
    }
    fn has_certs(&self) -> bool {
        true
    }
}

#[derive(Debug)]
struct NoClientCert;

impl rustls::client::ResolvesClientCert for NoClientCert {
    fn resolve(
        &self,
        _hints: &[&[u8]],
        _schemes: &[rustls::SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        None
    }
    fn has_certs(&self) -> bool {
        false
    }
}

impl rustls::server::ResolvesServerCert for SingleCert {
    fn resolve(&self, _hello: rustls::server::ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }
}

impl rustls::client::ResolvesClientCert for SingleCert {
    fn resolve(
        &self,
        _hints: &[&[u8]],
        _schemes: &[rustls::SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }
    fn has_certs(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(options: u64, min: i32, max: i32, fixed: Option<i32>) -> Option<(i32, i32)> {
        Settings {
            options,
            min_version: min,
            max_version: max,
            fixed_version: fixed,
            ..Settings::default()
        }
        .version_range()
    }

    #[test]
    fn version_ranges() {
        assert_eq!(range(0, 0, 0, None), Some((0x0301, 0x0304)));
        assert_eq!(range(op::NO_TLSV1_3, 0, 0, None), Some((0x0301, 0x0303)));
        // a hole: only the lowest block counts, as in OpenSSL
        assert_eq!(range(op::NO_TLSV1_2, 0, 0, None), Some((0x0301, 0x0302)));
        assert_eq!(
            range(op::NO_TLSV1 | op::NO_TLSV1_1 | op::NO_TLSV1_2, 0, 0, None),
            Some((0x0304, 0x0304))
        );
        assert_eq!(
            range(op::NO_TLSV1_2, TLS1_2_VERSION, 0, None),
            Some((0x0304, 0x0304))
        );
        assert_eq!(range(0, 0, 0x0302, None), Some((0x0301, 0x0302)));
        assert_eq!(range(0, 0, 0, Some(TLS1_2_VERSION)), Some((0x0303, 0x0303)));
        assert_eq!(range(op::NO_TLSV1_2, 0, 0, Some(TLS1_2_VERSION)), None);
        assert_eq!(range(0, TLS1_3_VERSION, TLS1_2_VERSION, None), None);
        let s = Settings {
            options: op::NO_TLSV1_2,
            ..Settings::default()
        };
        assert!(s.versions(false).is_err());
        assert_eq!(s.versions(true).map(|v| v.len()).ok(), Some(1));
    }
}
