//! Server-certificate verification with OpenSSL's semantics on top of webpki.
//!
//! OpenSSL always verifies the peer chain, records the `X509_V_*` result, and aborts only under
//! `SSL_VERIFY_PEER`; it checks a host name or IP only when `SSL_set1_host` asked for one. rustls's
//! own verifier checks the SNI name unconditionally, so we run webpki ourselves and decide.

use crate::sync::Mutex;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, WebPkiSupportedAlgorithms};
use rustls::{CertificateError, DigitallySignedStruct, Error as TlsError, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use std::sync::Arc;

/// `X509_V_*` codes that verification can produce here.
pub mod x509_v {
    pub const OK: i64 = 0;
    pub const UNABLE_TO_GET_ISSUER_CERT: i64 = 2;
    pub const CERT_SIGNATURE_FAILURE: i64 = 7;
    pub const CERT_NOT_YET_VALID: i64 = 9;
    pub const CERT_HAS_EXPIRED: i64 = 10;
    pub const DEPTH_ZERO_SELF_SIGNED_CERT: i64 = 18;
    pub const SELF_SIGNED_CERT_IN_CHAIN: i64 = 19;
    pub const UNABLE_TO_GET_ISSUER_CERT_LOCALLY: i64 = 20;
    pub const UNABLE_TO_VERIFY_LEAF_SIGNATURE: i64 = 21;
    pub const CERT_CHAIN_TOO_LONG: i64 = 22;
    pub const CERT_REVOKED: i64 = 23;
    pub const INVALID_PURPOSE: i64 = 26;
    pub const CERT_REJECTED: i64 = 28;
    pub const APPLICATION_VERIFICATION: i64 = 50;
    pub const HOSTNAME_MISMATCH: i64 = 62;
    pub const IP_ADDRESS_MISMATCH: i64 = 64;
    pub const EE_KEY_TOO_SMALL: i64 = 66;
    pub const CA_KEY_TOO_SMALL: i64 = 67;
    pub const UNSPECIFIED: i64 = 1;
    pub const UNABLE_TO_GET_CRL: i64 = 3;
}

/// What `SSL_set1_host` asked us to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostCheck {
    Dns(String),
    Ip(std::net::IpAddr),
}

impl HostCheck {
    /// `SSL_set1_host` semantics: an address literal is an IP check, anything else a DNS name.
    pub fn parse(name: &str) -> Option<HostCheck> {
        if name.is_empty() {
            return None;
        }
        match name.parse::<std::net::IpAddr>() {
            Ok(ip) => Some(HostCheck::Ip(ip)),
            Err(_) => Some(HostCheck::Dns(name.to_owned())),
        }
    }
}

/// The program's verification parameters beyond the first host name (`X509_VERIFY_PARAM`):
/// more acceptable names (`SSL_add1_host`: any may match), the `X509_CHECK_FLAG_*` of the
/// name check (`SSL_set_hostflags`), and the time to verify at (`X509_VERIFY_PARAM_set_time`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checks {
    pub more_hosts: Vec<HostCheck>,
    pub hostflags: u32,
    /// Seconds since the epoch (`X509_V_FLAG_USE_CHECK_TIME`).
    pub time: Option<i64>,
}

/// Where the verifier leaves its findings for the connection.
#[derive(Default, Debug)]
pub struct VerifySlot {
    /// `SSL_get_verify_result`.
    pub result: i64,
    /// True when verification failed and aborted the handshake (`SSL_VERIFY_PEER`).
    pub aborted: bool,
    /// The peer chain as sent, leaf first.
    pub chain: Vec<CertificateDer<'static>>,
    /// The signature scheme of the peer's handshake signature (`SSL_get_peer_signature_nid`).
    pub peer_scheme: Option<u16>,
    /// The peer's handshake signature (ServerKeyExchange / CertificateVerify) did not verify:
    /// rustls reports it as a certificate error, OpenSSL as SSL_R_BAD_SIGNATURE.
    pub signature_failed: bool,
    /// The certificate's name that matched the host check (`SSL_get0_peername`).
    pub peername: Option<String>,
}

/// The application's verify callback (`SSL_CTX_set_verify`/`SSL_set_verify`), as the ffi layer
/// provides it: one [`VerifyRun`] per verification of a peer chain.
pub trait VerifyCallback: Send + Sync {
    /// Starts the calls for the certification path `path` (leaf first, ending with the trust
    /// anchor when one was found).
    fn begin<'a>(&'a self, path: &[CertificateDer<'static>]) -> Box<dyn VerifyRun + 'a>;
}

/// The calls of one verification.
pub trait VerifyRun {
    /// One call of the callback: `preverify_ok`, the depth of the certificate concerned and the
    /// error at that point. Returns the callback's verdict and the error afterwards (a callback
    /// may change it with `X509_STORE_CTX_set_error`).
    fn call(&mut self, ok: bool, depth: usize, error: i64) -> (bool, i64);
}

/// `SSL_CTX_set_cert_verify_callback`: the application's function replaces verification. It gets
/// the chain as sent; `default` runs sslrs's own verification (what `X509_verify_cert` does from
/// inside it) and gives its result and verdict. Returns the `X509_V_*` result and whether the
/// chain is accepted.
pub trait CertVerifyCallback: Send + Sync {
    fn run(
        &self,
        chain: &[CertificateDer<'static>],
        default: &dyn Fn() -> (i64, bool),
    ) -> (i64, bool);
}

/// `SSL_CTX_set_client_cert_cb`: asked, when a server requests a certificate and the client
/// has none configured, for a certificate and key (`None`: go on without one).
pub trait ClientCertCallback: Send + Sync {
    fn call(
        &self,
    ) -> Option<(
        Vec<CertificateDer<'static>>,
        rustls_pki_types::PrivateKeyDer<'static>,
    )>;
}

/// A per-connection verifier.
pub struct Verifier {
    /// The context whose anchors apply, read when the peer's chain arrives (as OpenSSL reads
    /// its store then): anchors added after the handshake started still count.
    pub ctx: Arc<crate::engine::Context>,
    pub host: Option<HostCheck>,
    /// More names, host-check flags, the verification time.
    pub checks: Checks,
    pub abort_on_failure: bool,
    pub slot: Arc<Mutex<VerifySlot>>,
    pub algs: WebPkiSupportedAlgorithms,
    /// `SSL_CTX_set1_sigalgs_list`: the schemes to offer (`None`: all of `algs`).
    pub schemes: Option<Vec<u16>>,
    /// `SSL_CTX_set_security_level`: keys below it fail verification (`X509_V_ERR_*_KEY_TOO_SMALL`).
    pub security_level: i32,
    /// The application's verify callback, if it installed one.
    pub callback: Option<Arc<dyn VerifyCallback>>,
    /// `SSL_set_verify_depth` (-1: not set): the most intermediate certificates allowed.
    pub max_depth: i32,
    /// `X509_V_FLAG_PARTIAL_CHAIN`: a trust anchor need not be self-signed.
    pub partial_chain: bool,
    /// `X509_V_FLAG_*` of the store and the parameters (CRL checks).
    pub flags: u64,
    /// `SSL_CTX_set_cert_verify_callback`, if set.
    pub cert_callback: Option<Arc<dyn CertVerifyCallback>>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("host", &self.host)
            .field("abort_on_failure", &self.abort_on_failure)
            .finish_non_exhaustive()
    }
}

impl Verifier {
    fn note_scheme(&self, dss: &DigitallySignedStruct) {
        if let Ok(mut s) = self.slot.lock() {
            s.peer_scheme = Some(u16::from(dss.scheme));
        }
    }
}

/// Maps a webpki/rustls certificate failure to OpenSSL's `X509_V_*` code.
pub fn x509_code(
    err: &TlsError,
    leaf: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
) -> i64 {
    use x509_v::*;
    let TlsError::InvalidCertificate(ce) = err else {
        return UNSPECIFIED;
    };
    match ce {
        CertificateError::UnknownIssuer => {
            if intermediates.is_empty() && is_self_issued(leaf) {
                DEPTH_ZERO_SELF_SIGNED_CERT
            } else if intermediates.iter().any(|c| is_self_issued(c)) {
                SELF_SIGNED_CERT_IN_CHAIN
            } else {
                UNABLE_TO_GET_ISSUER_CERT_LOCALLY
            }
        }
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => CERT_HAS_EXPIRED,
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            CERT_NOT_YET_VALID
        }
        CertificateError::Revoked => CERT_REVOKED,
        CertificateError::BadSignature => CERT_SIGNATURE_FAILURE,
        CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
            INVALID_PURPOSE
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            HOSTNAME_MISMATCH
        }
        CertificateError::ApplicationVerificationFailure => APPLICATION_VERIFICATION,
        _ => CERT_REJECTED,
    }
}

/// The rustls error whose alert matches what OpenSSL sends for `code` (`ssl_x509err2alert`).
pub fn failure_for_code(code: i64) -> TlsError {
    use x509_v::*;
    let ce = match code {
        2 | 3 | 18 | 19 | 20 | 21 | 22 | 25 | 79 => CertificateError::UnknownIssuer,
        10 | 12 => CertificateError::Expired,
        23 => CertificateError::Revoked,
        7 | 8 => CertificateError::BadSignature,
        26 => CertificateError::InvalidPurpose,
        62 | 63 | 64 | 9 | 27 | 28 | 66 | 67 | 68 => CertificateError::NotValidForName,
        APPLICATION_VERIFICATION => CertificateError::ApplicationVerificationFailure,
        _ => CertificateError::Other(rustls::OtherError(Arc::new(VerifyCode(code)))),
    };
    TlsError::InvalidCertificate(ce)
}

#[derive(Debug)]
struct VerifyCode(i64);
impl std::fmt::Display for VerifyCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "X509_V error {}", self.0)
    }
}
impl std::error::Error for VerifyCode {}

impl Verifier {
    fn note_signature<T>(&self, r: &Result<T, TlsError>) {
        if r.is_err() {
            if let Ok(mut slot) = self.slot.lock() {
                slot.signature_failed = true;
            }
        }
    }

    /// What verification finds, in the places OpenSSL's `X509_verify_cert` reports them:
    /// building the chain (`build`: issuer missing, self-signed), the chain checks (`check`:
    /// purpose, key sizes), the host check (`host`, when one was asked for), revocation
    /// (`crl`), and the per-certificate checks of the chain walk (`late`: validity period,
    /// signature). 0 where nothing was found. `peer` is the side whose chain this is.
    fn findings(
        &self,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
        peer: Peer,
    ) -> Findings {
        use x509_v::*;
        let mut f = Findings::default();
        let chain: Vec<CertificateDer<'_>> = core::iter::once(leaf)
            .chain(intermediates)
            .map(|c| CertificateDer::from(c.as_ref()))
            .collect();
        // One look at the anchors (and the program's store) per verification.
        let (roots, partial) = self.ctx.roots_and_partial(&chain);
        let code = self.chain_code(leaf, intermediates, now, peer.usage(), &roots, &partial);
        match code {
            UNABLE_TO_GET_ISSUER_CERT
            | UNABLE_TO_GET_ISSUER_CERT_LOCALLY
            | SELF_SIGNED_CERT_IN_CHAIN
            | DEPTH_ZERO_SELF_SIGNED_CERT => f.build = code,
            OK => {
                // Key sizes against the security level, after the chain and before the name,
                // as OpenSSL's check_chain orders them.
                if !crate::engine::config::key_meets_level(leaf, self.security_level) {
                    f.check = (EE_KEY_TOO_SMALL, 0);
                } else if let Some(i) = intermediates
                    .iter()
                    .position(|c| !crate::engine::config::key_meets_level(c, self.security_level))
                    .filter(|_| peer == Peer::Server)
                {
                    f.check = (CA_KEY_TOO_SMALL, i + 1);
                }
                f.crl = self.revocation_code(leaf, intermediates, now, peer.usage(), &roots);
            }
            INVALID_PURPOSE => f.check = (INVALID_PURPOSE, 0),
            other => f.late = other,
        }
        if matches!(code, OK | CERT_HAS_EXPIRED | CERT_NOT_YET_VALID) {
            // webpki does not look at a trust anchor's validity; OpenSSL does, and its walk
            // (deepest first) meets it before the leaf's.
            if let Some((err, depth)) = self.anchor_date(leaf, intermediates, now) {
                f.late = err;
                f.late_depth = depth;
            }
        }
        let (code, matched) = self.host_code(leaf);
        f.host = code;
        f.peername = matched;
        f
    }

    /// The host check: OK when no name was asked for or one of them matches (DNS names by
    /// OpenSSL's rules under the host flags, then the IP address), with the certificate's name
    /// that matched; else `HOSTNAME_MISMATCH` (or `IP_ADDRESS_MISMATCH`).
    fn host_code(&self, leaf: &CertificateDer<'_>) -> (i64, Option<String>) {
        use crate::engine::hostmatch::{check, Kind, Outcome};
        use x509_v::*;
        let names: Vec<&HostCheck> = self.host.iter().chain(&self.checks.more_hosts).collect();
        let dns: Vec<&str> = names
            .iter()
            .filter_map(|h| match h {
                HostCheck::Dns(n) => Some(n.as_str()),
                HostCheck::Ip(_) => None,
            })
            .collect();
        if !dns.is_empty() {
            let hit = dns.iter().find_map(|n| {
                match check(
                    leaf.as_ref(),
                    Kind::Dns,
                    n.as_bytes(),
                    self.checks.hostflags,
                ) {
                    Outcome::Match(m) => Some(String::from_utf8_lossy(&m).into_owned()),
                    _ => None,
                }
            });
            match hit {
                Some(m) => return (OK, Some(m)),
                None => return (HOSTNAME_MISMATCH, None),
            }
        }
        let ip = names.iter().find_map(|h| match h {
            HostCheck::Ip(ip) => Some(*ip),
            HostCheck::Dns(_) => None,
        });
        let Some(ip) = ip else {
            return (OK, None);
        };
        match check(
            leaf.as_ref(),
            Kind::Ip,
            &crate::engine::hostmatch::ip_bytes(ip),
            0,
        ) {
            Outcome::Match(_) => (OK, None),
            _ => (IP_ADDRESS_MISMATCH, None),
        }
    }

    /// The date error of the chain's trust anchor at `now`, with its depth; none under
    /// `X509_V_FLAG_NO_CHECK_TIME`.
    fn anchor_date(
        &self,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Option<(i64, usize)> {
        if self.flags() & FLAG_NO_CHECK_TIME != 0 {
            return None;
        }
        let path = self.path(leaf, intermediates);
        if path.len() < 2 {
            return None;
        }
        let top = crate::crypto::x509::Certificate::from_der(path[path.len() - 1].clone()).ok()?;
        let t = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
        if t < top.not_before() {
            Some((x509_v::CERT_NOT_YET_VALID, path.len() - 1))
        } else if t > top.not_after() {
            Some((x509_v::CERT_HAS_EXPIRED, path.len() - 1))
        } else {
            None
        }
    }

    /// The verification flags in effect: the connection's as set up, and the program's store's
    /// as they are now (read when the chain arrives, as OpenSSL reads its store then: a program
    /// may set them after the connection's first step).
    fn flags(&self) -> u64 {
        self.flags | self.ctx.with(|c| c.store_flags)
    }

    /// The time to verify at: the parameters' (`X509_V_FLAG_USE_CHECK_TIME`), or under
    /// `X509_V_FLAG_NO_CHECK_TIME` a moment inside the validity of every certificate sent (so
    /// no date is found wrong), else `now`.
    fn check_time(
        &self,
        now: UnixTime,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
    ) -> UnixTime {
        if self.flags() & FLAG_NO_CHECK_TIME != 0 {
            use crate::crypto::x509::Certificate;
            let certs: Vec<Certificate> = core::iter::once(leaf)
                .chain(intermediates)
                .filter_map(|c| Certificate::from_der(c.clone().into_owned()).ok())
                .collect();
            let start = certs.iter().map(|c| c.not_before()).max();
            return match start {
                Some(t) => UnixTime::since_unix_epoch(core::time::Duration::from_secs(
                    u64::try_from(t).unwrap_or(0),
                )),
                None => now,
            };
        }
        match self.checks.time {
            Some(t) if self.flags() & FLAG_USE_CHECK_TIME != 0 => UnixTime::since_unix_epoch(
                core::time::Duration::from_secs(u64::try_from(t).unwrap_or(0)),
            ),
            _ => now,
        }
    }

    /// Verifies the peer's chain: the result and chain go into the slot, and an unaccepted
    /// chain fails the handshake under `SSL_VERIFY_PEER`.
    fn conclude(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
        peer: Peer,
    ) -> Result<(), TlsError> {
        let now = self.check_time(now, end_entity, intermediates);
        let findings = self.findings(end_entity, intermediates, now, peer);
        let peername = findings.peername.clone();
        let (code, accepted) = self.outcome(findings, end_entity, intermediates);
        let mut slot = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        slot.result = code;
        slot.peername = peername.filter(|_| code == x509_v::OK);
        slot.chain = std::iter::once(end_entity)
            .chain(intermediates)
            .map(|c| c.clone().into_owned())
            .collect();
        if !accepted && self.abort_on_failure {
            slot.aborted = true;
            return Err(failure_for_code(code));
        }
        Ok(())
    }

    /// The certification path by names, leaf first: each certificate's issuer among the peer's
    /// certificates, else the trust anchors; up to a self-issued one (at most 16).
    fn path(
        &self,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
    ) -> Vec<CertificateDer<'static>> {
        let chain: Vec<CertificateDer<'_>> = core::iter::once(leaf)
            .chain(intermediates)
            .map(|c| CertificateDer::from(c.as_ref()))
            .collect();
        let pool: Vec<CertificateDer<'static>> = intermediates
            .iter()
            .map(|c| c.clone().into_owned())
            .chain(self.ctx.anchor_ders(&chain))
            .collect();
        path_by_names(leaf, &pool)
    }

    /// OpenSSL's verification outcome for `f`: the calls its verify callback sees (the
    /// application's, or the default one that returns `preverify_ok`), in `X509_verify_cert`'s
    /// order; the `X509_V_*` result and whether the chain was accepted.
    fn decide(
        &self,
        f: Findings,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
    ) -> (i64, bool) {
        use x509_v::*;
        let need_path = self.callback.is_some() || self.max_depth >= 0;
        let mut path = match (need_path, f.build) {
            (false, _) => Vec::new(),
            (true, DEPTH_ZERO_SELF_SIGNED_CERT) => vec![leaf.clone().into_owned()],
            (true, _) => self.path(leaf, intermediates),
        };
        // A verify depth: OpenSSL stops building the chain after that many intermediates
        // (CERT_CHAIN_TOO_LONG), and the shortened chain then lacks its trusted issuer.
        let mut build = f.build;
        let mut too_long = None;
        if let Ok(d) = usize::try_from(self.max_depth) {
            if path.len() > d + 2 {
                path.truncate(d + 2);
                too_long = Some(d + 1);
                build = UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
            }
        }
        let Some(cb) = &self.callback else {
            // The default callback stops at the first failure.
            let first = [
                too_long.map_or(OK, |_| CERT_CHAIN_TOO_LONG),
                build,
                f.check.0,
                f.host,
                f.crl,
                f.late,
            ]
            .into_iter()
            .find(|&c| c != OK);
            return (first.unwrap_or(OK), first.is_none());
        };
        let n = path.len();
        let mut run = cb.begin(&path);
        let mut err = OK;
        let mut step = |ok: bool, depth: usize, code: i64, err: &mut i64| -> bool {
            let (verdict, after) = run.call(ok, depth, code);
            *err = after;
            verdict
        };
        let fail = |err: i64| (if err == OK { UNSPECIFIED } else { err }, false);
        if let Some(d) = too_long {
            if !step(false, d, CERT_CHAIN_TOO_LONG, &mut err) {
                return fail(err);
            }
        }
        if build != OK && !step(false, n - 1, build, &mut err) {
            return fail(err);
        }
        if f.check.0 != OK && !step(false, f.check.1.min(n - 1), f.check.0, &mut err) {
            return fail(err);
        }
        if f.host != OK && !step(false, 0, f.host, &mut err) {
            return fail(err);
        }
        if f.crl != OK && !step(false, 0, f.crl, &mut err) {
            return fail(err);
        }
        // A chain whose top has no issuer: a lone leaf cannot have its signature checked; a
        // longer chain's walk starts below its top.
        let no_issuer = matches!(
            build,
            UNABLE_TO_GET_ISSUER_CERT | UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        );
        if no_issuer && n == 1 && !step(false, 0, UNABLE_TO_VERIFY_LEAF_SIGNATURE, &mut err) {
            return fail(err);
        }
        let top = if no_issuer && n > 1 { n - 2 } else { n - 1 };
        for depth in (0..=top).rev() {
            if depth == f.late_depth && f.late != OK && !step(false, depth, f.late, &mut err) {
                return fail(err);
            }
            let current = err;
            if !step(true, depth, current, &mut err) {
                return fail(err);
            }
        }
        (err, true)
    }
}

impl Verifier {
    /// A server verifying the client's certificate: OpenSSL's result and callback calls, the
    /// handshake fails when the chain is not accepted (the server asked under
    /// `SSL_VERIFY_PEER`).
    pub fn verify_client(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<(), TlsError> {
        self.conclude(end_entity, intermediates, now, Peer::Client)
    }

    /// Signature checks of the peer's handshake signature (either side).
    pub fn check_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        self.note_scheme(dss);
        let r = verify_tls12_signature(message, cert, dss, &self.algs);
        self.note_signature(&r);
        r
    }

    /// As [`Verifier::check_tls12_signature`], TLS 1.3.
    pub fn check_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        self.note_scheme(dss);
        let r = verify_tls13_signature(message, cert, dss, &self.algs);
        self.note_signature(&r);
        r
    }

    /// The schemes the peer may sign with.
    pub fn schemes(&self) -> Vec<SignatureScheme> {
        let v = self.algs.supported_schemes();
        match &self.schemes {
            // the configured list's order, as OpenSSL offers it (a server may pick by it)
            Some(only) => only
                .iter()
                .filter_map(|&o| v.iter().copied().find(|s| u16::from(*s) == o))
                .collect(),
            None => v,
        }
    }
}

impl Verifier {
    /// webpki's verification of `leaf` for `usage`, as an `X509_V_*` code: an anchor that is not
    /// self-signed ends a chain only under `X509_V_FLAG_PARTIAL_CHAIN` (else OpenSSL looks on
    /// for its issuer: `UNABLE_TO_GET_ISSUER_CERT`); a wrong purpose yields to a chain that does
    /// not build either.
    fn chain_code(
        &self,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
        usage: webpki::KeyUsage,
        roots: &rustls::RootCertStore,
        partial: &[Vec<u8>],
    ) -> i64 {
        use x509_v::*;
        let Ok(ee) = webpki::EndEntityCert::try_from(leaf) else {
            return CERT_REJECTED;
        };
        let is_partial = |ta: &rustls_pki_types::TrustAnchor<'_>| {
            partial
                .iter()
                .any(|p| p.as_slice() == ta.subject_public_key_info.as_ref())
        };
        let run = |anchors: &[rustls_pki_types::TrustAnchor<'_>]| -> Result<bool, webpki::Error> {
            ee.verify_for_usage(
                self.algs.all,
                anchors,
                intermediates,
                now,
                usage,
                None,
                None,
            )
            .map(|path| is_partial(path.anchor()))
        };
        let code = match run(&roots.roots) {
            Ok(false) => OK,
            Ok(true) if self.partial_chain || self.flags() & FLAG_PARTIAL_CHAIN != 0 => OK,
            Ok(true) => {
                // Is there a path to a self-signed anchor too?
                let full: Vec<_> = roots
                    .roots
                    .iter()
                    .filter(|ta| !is_partial(ta))
                    .cloned()
                    .collect();
                match run(&full) {
                    Ok(_) => OK,
                    Err(_) => UNABLE_TO_GET_ISSUER_CERT,
                }
            }
            Err(e) => x509_code(&pki_error(e), leaf, intermediates),
        };
        match code {
            INVALID_PURPOSE => self.purpose_or_build_error(leaf, intermediates, roots, now),
            c => c,
        }
    }
}

impl Verifier {
    /// Under `X509_V_FLAG_CRL_CHECK` (the leaf) or `_CRL_CHECK_ALL` (every certificate below
    /// the anchor), the revocation finding for a chain that verified: `CERT_REVOKED`, or
    /// `UNABLE_TO_GET_CRL` when no CRL from the store covers a certificate.
    fn revocation_code(
        &self,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
        usage: webpki::KeyUsage,
        roots: &rustls::RootCertStore,
    ) -> i64 {
        use x509_v::*;
        if self.flags() & FLAG_CRL_CHECK == 0 {
            return OK;
        }
        let ders = self.ctx.with(|c| c.store_crls.clone());
        let owned: Vec<webpki::CertRevocationList<'static>> = ders
            .iter()
            .filter_map(|d| webpki::OwnedCertRevocationList::from_der(d).ok())
            .map(webpki::CertRevocationList::from)
            .collect();
        let refs: Vec<&webpki::CertRevocationList<'_>> = owned.iter().collect();
        let Ok(builder) = webpki::RevocationOptionsBuilder::new(&refs) else {
            return UNABLE_TO_GET_CRL;
        };
        let depth = if self.flags() & FLAG_CRL_CHECK_ALL != 0 {
            webpki::RevocationCheckDepth::Chain
        } else {
            webpki::RevocationCheckDepth::EndEntity
        };
        let options = builder
            .with_depth(depth)
            .with_status_policy(webpki::UnknownStatusPolicy::Deny)
            .build();
        let Ok(ee) = webpki::EndEntityCert::try_from(leaf) else {
            return OK;
        };
        match ee.verify_for_usage(
            self.algs.all,
            &roots.roots,
            intermediates,
            now,
            usage,
            Some(options),
            None,
        ) {
            Err(webpki::Error::CertRevoked) => CERT_REVOKED,
            Err(webpki::Error::UnknownRevocationStatus) => UNABLE_TO_GET_CRL,
            _ => OK,
        }
    }
}

/// Accepts any extended key usage: to learn whether a chain whose leaf has the wrong purpose
/// would otherwise build (OpenSSL reports a chain-building failure before the purpose).
struct AnyEku;

impl webpki::ExtendedKeyUsageValidator for AnyEku {
    fn validate(&self, _: webpki::KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        Ok(())
    }
}

impl Verifier {
    /// For a chain that failed on its leaf's purpose: the chain-building error OpenSSL would
    /// report first, if the chain does not build either; else `INVALID_PURPOSE`.
    fn purpose_or_build_error(
        &self,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        roots: &rustls::RootCertStore,
        now: UnixTime,
    ) -> i64 {
        let Ok(ee) = webpki::EndEntityCert::try_from(leaf) else {
            return x509_v::INVALID_PURPOSE;
        };
        match ee.verify_for_usage(
            self.algs.all,
            &roots.roots,
            intermediates,
            now,
            AnyEku,
            None,
            None,
        ) {
            Err(e @ webpki::Error::UnknownIssuer) => x509_code(&pki_error(e), leaf, intermediates),
            _ => x509_v::INVALID_PURPOSE,
        }
    }
}

/// A webpki error as the rustls certificate error it stands for.
fn pki_error(e: webpki::Error) -> TlsError {
    use webpki::Error as E;
    TlsError::InvalidCertificate(match e {
        E::UnknownIssuer => CertificateError::UnknownIssuer,
        E::CertExpired { .. } => CertificateError::Expired,
        E::CertNotValidYet { .. } => CertificateError::NotValidYet,
        E::CertRevoked => CertificateError::Revoked,
        E::InvalidSignatureForPublicKey
        | E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => CertificateError::BadSignature,
        E::RequiredEkuNotFoundContext(_) => CertificateError::InvalidPurpose,
        _ => CertificateError::BadEncoding,
    })
}

impl Verifier {
    /// The outcome for `f`: the application's certificate verification callback if it set one
    /// (which may run the default through `X509_verify_cert`), else the default.
    fn outcome(
        &self,
        f: Findings,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
    ) -> (i64, bool) {
        let default = || self.decide(f.clone(), leaf, intermediates);
        match &self.cert_callback {
            None => default(),
            Some(cc) => {
                let chain: Vec<CertificateDer<'static>> = core::iter::once(leaf)
                    .chain(intermediates)
                    .map(|c| c.clone().into_owned())
                    .collect();
                cc.run(&chain, &default)
            }
        }
    }
}

/// See [`Verifier::findings`].
#[derive(Clone, Default, Debug)]
struct Findings {
    build: i64,
    /// The chain checks after building (purpose, key sizes: `check_chain`), with their depth.
    check: (i64, usize),
    host: i64,
    /// The certificate's name that passed the host check.
    peername: Option<String>,
    /// Revocation (`X509_V_FLAG_CRL_CHECK`): revoked, or no CRL for a certificate.
    crl: i64,
    late: i64,
    /// Where the walk meets `late` (0: the leaf; the anchor's depth for its dates).
    late_depth: usize,
}

/// Whose chain is verified: a server's (by a client) or a client's (by a server).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Peer {
    Server,
    Client,
}

impl Peer {
    /// The extended key usage the peer's leaf must allow.
    fn usage(self) -> webpki::KeyUsage {
        match self {
            Peer::Server => webpki::KeyUsage::server_auth(),
            Peer::Client => webpki::KeyUsage::client_auth(),
        }
    }
}

/// `X509_V_FLAG_CRL_CHECK` / `X509_V_FLAG_CRL_CHECK_ALL` (x509_vfy.h).
const FLAG_CRL_CHECK: u64 = 0x4;
const FLAG_CRL_CHECK_ALL: u64 = 0x8;
/// `X509_V_FLAG_PARTIAL_CHAIN` (x509_vfy.h).
const FLAG_PARTIAL_CHAIN: u64 = 0x80000;
/// `X509_V_FLAG_USE_CHECK_TIME` / `X509_V_FLAG_NO_CHECK_TIME` (x509_vfy.h).
const FLAG_USE_CHECK_TIME: u64 = 0x2;
const FLAG_NO_CHECK_TIME: u64 = 0x200000;

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, TlsError> {
        self.conclude(end_entity, intermediates, now, Peer::Server)?;
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        self.check_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        self.check_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.schemes()
    }
}

/// The path by names from `leaf` through `pool`, leaf first: each certificate's issuer (the
/// first in `pool` whose subject is its issuer name), up to a self-issued one (at most 16).
pub fn path_by_names(
    leaf: &CertificateDer<'_>,
    pool: &[CertificateDer<'static>],
) -> Vec<CertificateDer<'static>> {
    use crate::crypto::x509::Certificate;
    let parse = |d: &CertificateDer<'_>| Certificate::from_der(d.clone().into_owned()).ok();
    let mut out = vec![leaf.clone().into_owned()];
    let Some(mut cur) = parse(leaf) else {
        return out;
    };
    while !cur.is_self_issued() && out.len() < 16 {
        let next = pool.iter().find(|d| {
            !out.contains(d) && parse(d).is_some_and(|c| c.subject().matches(cur.issuer()))
        });
        let Some(d) = next else { break };
        let Some(c) = parse(d) else { break };
        out.push(d.clone());
        cur = c;
    }
    out
}

fn is_self_issued(der: &CertificateDer<'_>) -> bool {
    crate::crypto::x509::Certificate::from_der(der.clone().into_owned())
        .is_ok_and(|c| c.is_self_issued())
}

/// `X509_verify_cert` outside a handshake: what a program's `X509_STORE_CTX` holds.
pub struct Standalone {
    pub anchors: Vec<CertificateDer<'static>>,
    pub crls: Vec<Vec<u8>>,
    /// `X509_V_FLAG_*` of the store and the context.
    pub flags: u64,
    /// The verify depth (-1: none).
    pub depth: i32,
    /// `X509_V_FLAG_USE_CHECK_TIME`'s time.
    pub time: Option<i64>,
    /// The chain is a client's (`X509_PURPOSE_SSL_CLIENT`): clientAuth is the usage checked.
    pub client: bool,
    /// The host names to check (`X509_VERIFY_PARAM_set1_host` on the context), with the flags.
    pub hosts: Vec<HostCheck>,
    pub hostflags: u32,
    /// Receives OpenSSL's callback calls (the program's `X509_STORE_CTX_set_verify_cb`, or the
    /// default that returns `preverify_ok`).
    pub callback: Arc<dyn VerifyCallback>,
}

/// Verifies `leaf` with the untrusted certificates `untrusted` as `X509_verify_cert` does:
/// the `X509_V_*` result, whether it passed, and the certification path (leaf first).
pub fn verify_standalone(
    s: Standalone,
    leaf: &CertificateDer<'_>,
    untrusted: &[CertificateDer<'_>],
) -> (i64, bool, Vec<CertificateDer<'static>>) {
    const PARTIAL_CHAIN: u64 = 0x80000;
    let ctx = Arc::new(crate::engine::Context::new(
        crate::engine::context::Method::Generic,
    ));
    ctx.set_store_trust(u64::MAX, || (s.anchors, s.crls));
    let mut hosts = s.hosts.into_iter();
    let v = Verifier {
        ctx,
        host: hosts.next(),
        checks: Checks {
            more_hosts: hosts.collect(),
            hostflags: s.hostflags,
            time: s.time,
        },
        abort_on_failure: false,
        slot: Arc::new(Mutex::new(VerifySlot::default())),
        algs: crate::engine::context::provider().signature_verification_algorithms,
        schemes: None,
        // OpenSSL's X509_verify_cert has no security level of its own (auth level -1).
        security_level: 0,
        callback: Some(s.callback),
        max_depth: s.depth,
        partial_chain: s.flags & PARTIAL_CHAIN != 0,
        flags: s.flags,
        cert_callback: None,
    };
    let peer = if s.client { Peer::Client } else { Peer::Server };
    let now = v.check_time(UnixTime::now(), leaf, untrusted);
    let findings = v.findings(leaf, untrusted, now, peer);
    let (code, ok) = v.decide(findings, leaf, untrusted);
    (code, ok, v.path(leaf, untrusted))
}
