//! X509 certificates (native backend): the parsed view C callers ask for, the trust-store loader
//! and OpenSSL's verify-error texts.
//!
//! Parsing is a small DER walker ([`der`]) over the fields OpenSSL's accessors expose (names,
//! validity, public key); signature and path checks stay with rustls-webpki.

use crate::error::{lib, Error, Result};
use rustls_pki_types::CertificateDer;
use std::collections::HashSet;
use std::ffi::CStr;
use std::path::{Path, PathBuf};

/// `ASN1_R_WRONG_TAG` (asn1err.h).
/// `X509_R_KEY_VALUES_MISMATCH`: a private key that does not belong to the certificate.
pub const X509_R_KEY_VALUES_MISMATCH: i32 = 116;
/// `X509_R_NO_CERTIFICATE_OR_CRL_FOUND`: a trust file without a certificate.
pub const X509_R_NO_CERTIFICATE_OR_CRL_FOUND: i32 = 136;
pub const ASN1_R_WRONG_TAG: i32 = 168;
/// `ASN1_R_TOO_LONG` (asn1err.h).
pub const ASN1_R_TOO_LONG: i32 = 155;
/// `ASN1_R_HEADER_TOO_LONG` (asn1err.h).
pub const ASN1_R_HEADER_TOO_LONG: i32 = 123;

/// A minimal DER reader: tag-length-value walking, no crypto.
pub mod der {
    use super::{Error, Result, ASN1_R_HEADER_TOO_LONG, ASN1_R_TOO_LONG, ASN1_R_WRONG_TAG};
    use crate::error::lib;

    pub const SEQUENCE: u8 = 0x30;
    pub const SET: u8 = 0x31;
    pub const OID: u8 = 0x06;
    pub const INTEGER: u8 = 0x02;
    pub const BIT_STRING: u8 = 0x03;
    pub const UTC_TIME: u8 = 0x17;
    pub const GENERALIZED_TIME: u8 = 0x18;
    pub const CONTEXT_0: u8 = 0xA0;

    fn err(reason: i32) -> Error {
        let func = if reason == ASN1_R_TOO_LONG {
            "ASN1_get_object"
        } else {
            "asn1_check_tlen"
        };
        Error::new(lib::ASN1, reason, func)
    }

    /// One element: its tag, its contents and its whole encoding.
    #[derive(Debug, Clone, Copy)]
    pub struct Tlv<'a> {
        pub tag: u8,
        pub value: &'a [u8],
        pub raw: &'a [u8],
    }

    /// Walks a run of DER elements.
    #[derive(Debug, Clone, Copy)]
    pub struct Reader<'a> {
        data: &'a [u8],
    }

    impl<'a> Reader<'a> {
        pub fn new(data: &'a [u8]) -> Self {
            Reader { data }
        }
        pub fn is_empty(&self) -> bool {
            self.data.is_empty()
        }
        /// The next element without consuming it.
        pub fn peek_tag(&self) -> Option<u8> {
            self.data.first().copied()
        }
        /// Reads the next element, whatever its tag.
        pub fn any(&mut self) -> Result<Tlv<'a>> {
            let d = self.data;
            if d.len() < 2 {
                return Err(err(ASN1_R_HEADER_TOO_LONG));
            }
            let tag = d[0];
            if tag & 0x1F == 0x1F {
                // High tag numbers never occur in the structures read here.
                return Err(err(ASN1_R_WRONG_TAG));
            }
            let (len, hdr) = match d[1] {
                n if n < 0x80 => (n as usize, 2),
                0x80 => return Err(err(ASN1_R_WRONG_TAG)), // indefinite length is not DER
                n => {
                    let k = (n & 0x7F) as usize;
                    if k > 4 || d.len() < 2 + k {
                        return Err(err(ASN1_R_HEADER_TOO_LONG));
                    }
                    let len = d[2..2 + k]
                        .iter()
                        .fold(0usize, |a, &b| (a << 8) | b as usize);
                    (len, 2 + k)
                }
            };
            let end = hdr.checked_add(len).ok_or_else(|| err(ASN1_R_TOO_LONG))?;
            if end > d.len() {
                return Err(err(ASN1_R_TOO_LONG));
            }
            self.data = &d[end..];
            Ok(Tlv {
                tag,
                value: &d[hdr..end],
                raw: &d[..end],
            })
        }
        /// Reads the next element, which must have tag `tag`.
        pub fn expect(&mut self, tag: u8) -> Result<Tlv<'a>> {
            let t = self.any()?;
            if t.tag != tag {
                return Err(err(ASN1_R_WRONG_TAG));
            }
            Ok(t)
        }
        /// Reads the next element if it has tag `tag`.
        pub fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>> {
            if self.peek_tag() == Some(tag) {
                self.expect(tag).map(Some)
            } else {
                Ok(None)
            }
        }
    }

    /// Dotted text of an OID's contents (`2.5.4.3`).
    pub fn oid_to_string(oid: &[u8]) -> String {
        let mut out = String::new();
        let mut acc: u128 = 0;
        let mut first = true;
        for &b in oid {
            acc = (acc << 7) | (b & 0x7F) as u128;
            if b & 0x80 != 0 {
                continue;
            }
            if first {
                let (a, b) = if acc < 40 {
                    (0, acc)
                } else if acc < 80 {
                    (1, acc - 40)
                } else {
                    (2, acc - 80)
                };
                out.push_str(&format!("{a}.{b}"));
                first = false;
            } else {
                out.push_str(&format!(".{acc}"));
            }
            acc = 0;
        }
        out
    }

    /// Seconds since the Unix epoch of a UTCTime / GeneralizedTime (`Z` form, as RFC 5280 requires).
    pub fn parse_time(t: &Tlv<'_>) -> Option<i64> {
        let s = std::str::from_utf8(t.value).ok()?;
        let s = s.strip_suffix('Z')?;
        // Digits only before any slicing: a multi-byte character would put the fixed
        // offsets below inside a char (a panic found by fuzz/fuzz_x509.c).
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, rest) = match t.tag {
            UTC_TIME if s.len() == 10 || s.len() == 12 => {
                let yy: i64 = s[..2].parse().ok()?;
                (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &s[2..])
            }
            GENERALIZED_TIME if s.len() == 12 || s.len() == 14 => (s[..4].parse().ok()?, &s[4..]),
            _ => return None,
        };
        let num = |i: usize| -> i64 { rest[i..i + 2].parse().unwrap_or(0) };
        let (mon, day, h, m) = (num(0), num(2), num(4), num(6));
        let sec = if rest.len() >= 10 { num(8) } else { 0 };
        if !(1..=12).contains(&mon) || !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
            return None;
        }
        Some(days_from_civil(year, mon, day) * 86_400 + h * 3600 + m * 60 + sec)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// One attribute of a distinguished name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameEntry {
    /// The attribute type, as OID contents (no tag/length).
    pub oid: Vec<u8>,
    /// The string type tag (PrintableString 0x13, UTF8String 0x0C, ...).
    pub tag: u8,
    /// The raw string bytes.
    pub value: Vec<u8>,
    /// True when this entry shares its RDN (SET) with the previous one (`+` in oneline form).
    pub same_set: bool,
}

impl NameEntry {
    /// OpenSSL's short name for the attribute, or the dotted OID.
    /// (`OBJ_nid2sn`; an unknown OID as `OBJ_obj2txt` writes it into OpenSSL's 80-byte buffer).
    pub fn short_name(&self) -> String {
        match super::x509_name::object_of(&self.oid) {
            Some(o) => super::x509_name::short_name(&o).to_string(),
            None => super::asn1_text::oid_text(&self.oid)
                .unwrap_or_else(|| der::oid_to_string(&self.oid))
                .chars()
                .take(79)
                .collect(),
        }
    }

    /// `/CN=value` (or `+CN=value` inside a multi-valued RDN), escaped as `X509_NAME_oneline`
    /// does: `/` and `+` get a backslash, bytes outside 0x20..=0x7E print as `\xHH`.
    fn oneline_piece(&self) -> String {
        let mut s = String::with_capacity(self.value.len() + 8);
        s.push(if self.same_set { '+' } else { '/' });
        s.push_str(&self.short_name());
        s.push('=');
        for &b in &super::x509_name::value_string(self).1 {
            match b {
                b'/' | b'+' => {
                    s.push('\\');
                    s.push(b as char);
                }
                0x20..=0x7E => s.push(b as char),
                _ => s.push_str(&format!("\\x{b:02X}")),
            }
        }
        s
    }
}

/// A distinguished name (`X509_NAME`), owned by its certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Name {
    /// The DER of the whole Name (SEQUENCE), empty for an empty certificate.
    pub der: Vec<u8>,
    /// The attributes in encoding order.
    pub entries: Vec<NameEntry>,
    /// The C-side entry objects, made on first use (`src/ffi/x509_name_entry.rs`).
    pub ffi: super::x509_name::Attachment,
}

impl Name {
    /// Parses a Name from its full DER (the SEQUENCE element; see [`super::x509_name::parse`]).
    pub fn from_der(raw: &[u8]) -> Result<Name> {
        let (der, entries) = super::x509_name::parse(raw)?;
        Ok(Name {
            der,
            entries,
            ffi: Default::default(),
        })
    }

    /// `X509_NAME_oneline(name, NULL, 0)`: `/C=US/O=Org/CN=name`.
    pub fn oneline(&self) -> String {
        self.entries.iter().map(NameEntry::oneline_piece).collect()
    }

    /// `X509_NAME_oneline(name, buf, size)` with `size > 0`: whole entries are appended while they
    /// fit with the terminating NUL in `size` bytes; the first that does not fit ends the string.
    pub fn oneline_bounded(&self, size: usize) -> String {
        let mut out = String::new();
        for e in &self.entries {
            let piece = e.oneline_piece();
            if out.len() + piece.len() + 1 > size {
                break;
            }
            out.push_str(&piece);
        }
        out
    }

    /// Name equality as used for "self-issued": same DER, or the same attributes with values
    /// equal after ASCII case folding (string types may differ).
    pub fn matches(&self, other: &Name) -> bool {
        if self.der == other.der {
            return true;
        }
        self.entries.len() == other.entries.len()
            && self.entries.iter().zip(&other.entries).all(|(a, b)| {
                a.oid == b.oid && a.same_set == b.same_set && a.value.eq_ignore_ascii_case(&b.value)
            })
    }
}

/// One certificate: its DER plus the parsed fields C callers ask for.
///
/// The [`Name`]s live inside the certificate, so the `X509_NAME*` handed to C stays valid for as
/// long as the `X509` does.
#[derive(Debug)]
pub struct Certificate {
    pub der: CertificateDer<'static>,
    subject: Name,
    issuer: Name,
    not_before: i64,
    not_after: i64,
    spki: Vec<u8>,
    /// Serial, times, extensions and key, parsed on first use (`x509_fields`).
    pub(crate) fields_cache: std::sync::OnceLock<Option<super::x509_fields::Fields>>,
}

impl Certificate {
    /// Parses enough of `der` to answer `X509_get_subject_name` and friends. Errors carry
    /// OpenSSL's ASN1 reasons (`wrong tag`, `too long`, ...).
    pub fn from_der(der: CertificateDer<'static>) -> Result<Certificate> {
        let (subject, issuer, not_before, not_after, spki) = {
            let mut top = der::Reader::new(der.as_ref());
            let cert = top.expect(der::SEQUENCE)?;
            if !top.is_empty() {
                return Err(Error::new(lib::ASN1, ASN1_R_WRONG_TAG, "asn1_check_tlen"));
            }
            let mut c = der::Reader::new(cert.value);
            let tbs = c.expect(der::SEQUENCE)?;
            c.expect(der::SEQUENCE)?; // signatureAlgorithm
            c.expect(der::BIT_STRING)?; // signatureValue
            let mut t = der::Reader::new(tbs.value);
            t.optional(der::CONTEXT_0)?; // version
            t.expect(der::INTEGER)?; // serialNumber
            t.expect(der::SEQUENCE)?; // signature
            let issuer = Name::from_der(t.expect(der::SEQUENCE)?.raw)?;
            let validity = t.expect(der::SEQUENCE)?;
            let mut v = der::Reader::new(validity.value);
            let bad_time = |r| Error::new(lib::ASN1, r, "asn1_check_tlen");
            let nb = v.any()?;
            let na = v.any()?;
            let not_before = der::parse_time(&nb).ok_or_else(|| bad_time(ASN1_R_WRONG_TAG))?;
            let not_after = der::parse_time(&na).ok_or_else(|| bad_time(ASN1_R_WRONG_TAG))?;
            let subject = Name::from_der(t.expect(der::SEQUENCE)?.raw)?;
            let spki = t.expect(der::SEQUENCE)?.raw.to_vec();
            (subject, issuer, not_before, not_after, spki)
        };
        Ok(Certificate {
            der,
            subject,
            issuer,
            not_before,
            not_after,
            spki,
            fields_cache: Default::default(),
        })
    }

    /// What `X509_new()` returns: no DER, empty names. The engine must refuse to use it
    /// ([`Certificate::is_empty`]).
    pub fn empty() -> Certificate {
        Certificate {
            der: CertificateDer::from(Vec::new()),
            subject: Name::default(),
            issuer: Name::default(),
            not_before: 0,
            not_after: 0,
            spki: Vec::new(),
            fields_cache: Default::default(),
        }
    }

    /// True for an `X509_new()` object that never got contents.
    pub fn is_empty(&self) -> bool {
        self.der.as_ref().is_empty()
    }

    /// The subject name (`X509_get_subject_name`).
    pub fn subject(&self) -> &Name {
        &self.subject
    }

    /// The issuer name (`X509_get_issuer_name`).
    pub fn issuer(&self) -> &Name {
        &self.issuer
    }

    /// `X509_NAME_oneline(X509_get_subject_name(x), NULL, 0)`.
    pub fn subject_oneline(&self) -> String {
        self.subject.oneline()
    }

    /// `X509_NAME_oneline(X509_get_issuer_name(x), NULL, 0)`.
    pub fn issuer_oneline(&self) -> String {
        self.issuer.oneline()
    }

    /// Subject equals issuer (the certificate may be self-signed).
    pub fn is_self_issued(&self) -> bool {
        !self.is_empty() && self.subject.matches(&self.issuer)
    }

    /// notBefore, seconds since the Unix epoch.
    pub fn not_before(&self) -> i64 {
        self.not_before
    }

    /// notAfter, seconds since the Unix epoch.
    pub fn not_after(&self) -> i64 {
        self.not_after
    }

    /// True when `now` (Unix seconds) lies within notBefore..=notAfter.
    pub fn valid_at(&self, now: i64) -> bool {
        self.not_before <= now && now <= self.not_after
    }

    /// The SubjectPublicKeyInfo DER.
    pub fn spki(&self) -> &[u8] {
        &self.spki
    }
}

/// `X509_verify_cert_error_string` texts for codes 0..=94, measured on OpenSSL 3.0.19.
const VERIFY_ERROR_TEXTS: [&CStr; 95] = [
    c"ok",
    c"unspecified certificate verification error",
    c"unable to get issuer certificate",
    c"unable to get certificate CRL",
    c"unable to decrypt certificate's signature",
    c"unable to decrypt CRL's signature",
    c"unable to decode issuer public key",
    c"certificate signature failure",
    c"CRL signature failure",
    c"certificate is not yet valid",
    c"certificate has expired",
    c"CRL is not yet valid",
    c"CRL has expired",
    c"format error in certificate's notBefore field",
    c"format error in certificate's notAfter field",
    c"format error in CRL's lastUpdate field",
    c"format error in CRL's nextUpdate field",
    c"out of memory",
    c"self-signed certificate",
    c"self-signed certificate in certificate chain",
    c"unable to get local issuer certificate",
    c"unable to verify the first certificate",
    c"certificate chain too long",
    c"certificate revoked",
    c"issuer certificate doesn't have a public key",
    c"path length constraint exceeded",
    c"unsuitable certificate purpose",
    c"certificate not trusted",
    c"certificate rejected",
    c"subject issuer mismatch",
    c"authority and subject key identifier mismatch",
    c"authority and issuer serial number mismatch",
    c"key usage does not include certificate signing",
    c"unable to get CRL issuer certificate",
    c"unhandled critical extension",
    c"key usage does not include CRL signing",
    c"unhandled critical CRL extension",
    c"invalid non-CA certificate (has CA markings)",
    c"proxy path length constraint exceeded",
    c"key usage does not include digital signature",
    c"proxy certificates not allowed, please set the appropriate flag",
    c"invalid or inconsistent certificate extension",
    c"invalid or inconsistent certificate policy extension",
    c"no explicit policy",
    c"different CRL scope",
    c"unsupported extension feature",
    c"RFC 3779 resource not subset of parent's resources",
    c"permitted subtree violation",
    c"excluded subtree violation",
    c"name constraints minimum and maximum not supported",
    c"application verification failure",
    c"unsupported name constraint type",
    c"unsupported or invalid name constraint syntax",
    c"unsupported or invalid name syntax",
    c"CRL path validation error",
    c"path loop",
    c"Suite B: certificate version invalid",
    c"Suite B: invalid public key algorithm",
    c"Suite B: invalid ECC curve",
    c"Suite B: invalid signature algorithm",
    c"Suite B: curve not allowed for this LOS",
    c"Suite B: cannot sign P-384 with P-256",
    c"hostname mismatch",
    c"email address mismatch",
    c"IP address mismatch",
    c"no matching DANE TLSA records",
    c"EE certificate key too weak",
    c"CA certificate key too weak",
    c"CA signature digest algorithm too weak",
    c"invalid certificate verification context",
    c"issuer certificate lookup error",
    c"Certificate Transparency required, but no valid SCTs found",
    c"proxy subject name violation",
    c"OCSP verification needed",
    c"OCSP verification failed",
    c"OCSP unknown cert",
    c"Cannot find certificate signature algorithm",
    c"subject signature algorithm and issuer public key algorithm mismatch",
    c"cert info signature and signature algorithm mismatch",
    c"invalid CA certificate",
    c"Path length invalid for non-CA cert",
    c"Path length given without key usage keyCertSign",
    c"Key usage keyCertSign invalid for non-CA cert",
    c"Issuer name empty",
    c"Subject name empty",
    c"Missing Authority Key Identifier",
    c"Missing Subject Key Identifier",
    c"Empty Subject Alternative Name extension",
    c"Subject empty and Subject Alt Name extension not critical",
    c"Basic Constraints of CA cert not marked critical",
    c"Authority Key Identifier marked critical",
    c"Subject Key Identifier marked critical",
    c"CA cert does not include key usage extension",
    c"Using cert extension requires at least X509v3",
    c"Certificate public key has explicit ECC parameters",
];

/// `X509_verify_cert_error_string(code)`: OpenSSL's exact text; unknown codes give
/// "unknown certificate verification error" as OpenSSL 3.0 does.
pub fn verify_error_string(code: i64) -> &'static CStr {
    usize::try_from(code)
        .ok()
        .and_then(|i| VERIFY_ERROR_TEXTS.get(i).copied())
        .unwrap_or(c"unknown certificate verification error")
}

/// OpenSSL's OPENSSLDIR on Debian (`openssl version -d`).
pub const OPENSSLDIR: &str = "/usr/lib/ssl";

/// `X509_get_default_cert_file()` with `SSL_CERT_FILE` honoured.
pub fn default_cert_file() -> PathBuf {
    match std::env::var_os("SSL_CERT_FILE") {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => PathBuf::from(format!("{OPENSSLDIR}/cert.pem")),
    }
}

/// `X509_get_default_cert_dir()` with `SSL_CERT_DIR` honoured (the whole value, which may be a
/// ':'-separated list; see [`default_cert_dirs`]).
pub fn default_cert_dir() -> PathBuf {
    match std::env::var_os("SSL_CERT_DIR") {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => PathBuf::from(format!("{OPENSSLDIR}/certs")),
    }
}

/// Every directory of [`default_cert_dir`], split on ':'.
pub fn default_cert_dirs() -> Vec<PathBuf> {
    let all = default_cert_dir();
    let s = all.to_string_lossy().into_owned();
    s.split(':')
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Every PEM certificate in the regular files (symlinks followed) of directory `path`, or of
/// each directory of a ':'-separated list. Unreadable and non-PEM files are skipped silently;
/// duplicates (same DER) are kept once, in first-seen order (files sorted by name).
pub fn load_trust_dir(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let text = path.to_string_lossy().into_owned();
    let dirs: Vec<PathBuf> = if text.contains(':') {
        text.split(':')
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut any_dir = false;
    for dir in dirs {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        any_dir = true;
        let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for f in files {
            // metadata() follows symlinks: dangling links and directories are skipped.
            if !std::fs::metadata(&f).map(|m| m.is_file()).unwrap_or(false) {
                continue;
            }
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            let Ok(certs) = crate::crypto::pem::read_certs(&bytes) else {
                continue;
            };
            for c in certs {
                if seen.insert(c.as_ref().to_vec()) {
                    out.push(c);
                }
            }
        }
    }
    if !any_dir {
        return Err(Error::system(libc::ENOENT, "opendir")
            .with_data(format!("calling opendir({})", path.display())));
    }
    Ok(out)
}
/// Test fixtures generated with the `openssl` CLI (OpenSSL 3.0.19); expected values in the
/// tests were measured with the system libcrypto.
#[cfg(test)]
pub(crate) mod fixtures {
    pub const EC_CERT: &str = r"-----BEGIN CERTIFICATE-----
MIICXjCCAgWgAwIBAgIUbO5wAWM3/vuOoJ5hJExmVvMWlBAwCgYIKoZIzj0EAwIw
gYQxCzAJBgNVBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9ybmlhMRIwEAYDVQQKDAlP
cmcsIEluYy4xGzALBgNVBAsMBFVuaXQwDAYDVQQDDAVtdWx0aTEZMBcGA1UEAwwQ
dGVzdC5leGFtcGxlLmNvbTEUMBIGCSqGSIb3DQEJARYFYUBiLmMwHhcNMjYxMTI1
MjA1OTMyWhcNMjYxMjI1MjA1OTMyWjCBhDELMAkGA1UEBhMCVVMxEzARBgNVBAgM
CkNhbGlmb3JuaWExEjAQBgNVBAoMCU9yZywgSW5jLjEbMAsGA1UECwwEVW5pdDAM
BgNVBAMMBW11bHRpMRkwFwYDVQQDDBB0ZXN0LmV4YW1wbGUuY29tMRQwEgYJKoZI
hvcNAQkBFgVhQGIuYzBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABK4HGk1UCyw1
1tRB/P/8ABk/KDypK/KMTL64pnlV78oIgJU1bnmI1NkQA9r4rNIzKdCyiB8U5fYN
kKCX4r9ukGyjUzBRMB0GA1UdDgQWBBRp7kSw/SVSawqt8/cIsT73lRrrWjAfBgNV
HSMEGDAWgBRp7kSw/SVSawqt8/cIsT73lRrrWjAPBgNVHRMBAf8EBTADAQH/MAoG
CCqGSM49BAMCA0cAMEQCIDlyyCRVi4mM6i3cR5NiIzw8xS7bShFJEHycOnqfGZ7n
AiBop7lw40oxGeb3sIx09qLuxbwhoynxGpLUAYvK+O4cJg==
-----END CERTIFICATE-----
";
    pub const EC_KEY_PKCS8: &str = r"-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQguhPly7O9wPsm1wZA
zXz5Fg848v3I+pnpG3bDP1bnVpahRANCAASuBxpNVAssNdbUQfz//AAZPyg8qSvy
jEy+uKZ5Ve/KCICVNW55iNTZEAPa+KzSMynQsogfFOX2DZCgl+K/bpBs
-----END PRIVATE KEY-----
";
    pub const UTF8_CERT: &str = r"-----BEGIN CERTIFICATE-----
MIIBwTCCAXOgAwIBAgIUanT6g80QakA+YprGNGtxBk1/EbYwBQYDK2VwMFYxEzAR
BgNVBAMMCkrDvHJnZW4gw7YxDjAMBgNVBAoMBWEvYj1jMQwwCgYDVQQFEwMxMjMx
EzARBgoJkiaJk/IsZAEZFgNjb20xDDAKBgNVBAcMA1rDvDAeFw0yNjExMjUyMDU5
MzdaFw0yNjEyMjUyMDU5MzdaMFYxEzARBgNVBAMMCkrDvHJnZW4gw7YxDjAMBgNV
BAoMBWEvYj1jMQwwCgYDVQQFEwMxMjMxEzARBgoJkiaJk/IsZAEZFgNjb20xDDAK
BgNVBAcMA1rDvDAqMAUGAytlcAMhAAEMi1y9qED/1hmrHMGABt+hfkRPMxjOjalv
9PJlB1Ebo1MwUTAdBgNVHQ4EFgQUvSLZPh/U8HyQm1YwUFbGrq2Rml0wHwYDVR0j
BBgwFoAUvSLZPh/U8HyQm1YwUFbGrq2Rml0wDwYDVR0TAQH/BAUwAwEB/zAFBgMr
ZXADQQCAEhSbKsYO4rzEPGQtVVatd1RE9HPF96FJheT6KHcWARzx4Y3dJqY0ap/E
gmkwQTytFMABdbKUZAPPykXgi/MB
-----END CERTIFICATE-----
";
    pub const ED25519_KEY: &str = r"-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIOkPjQYfrWldYIE3r98HKreJ3yUSq7xRZNWKRNRxxK/u
-----END PRIVATE KEY-----
";
    pub const SPECIAL_CERT: &str = r"-----BEGIN CERTIFICATE-----
MIIBkTCCAUOgAwIBAgIUJvvpKPCVT+SF/YNAfB9uZExvCpowBQYDK2VwMD4xLDAq
BgNVBAMMI3greVx6Ijw+IzssJ35gIUAkJV4mKigpXz18e31bXT86LiAtMQ4wDAYD
VQQKDAVhYi9jZDAeFw0yNjExMjUyMDU5NTFaFw0yNjEyMjUyMDU5NTFaMD4xLDAq
BgNVBAMMI3greVx6Ijw+IzssJ35gIUAkJV4mKigpXz18e31bXT86LiAtMQ4wDAYD
VQQKDAVhYi9jZDAqMAUGAytlcAMhAJLuB3mzh5uyP41/D0k0bWakxe62a792PveS
IjFlrs2So1MwUTAdBgNVHQ4EFgQUnthLug3RVP+hpKdymq0gxWO8xSkwHwYDVR0j
BBgwFoAUnthLug3RVP+hpKdymq0gxWO8xSkwDwYDVR0TAQH/BAUwAwEB/zAFBgMr
ZXADQQBcDhkvKwwYjkF2OWUGVSgZTXkIuS7QbnGqwOB0+joKZ5HlV4OOh1AXzE+3
1Kfc9uwjz4JuRkFUzv9A7g6wNGAH
-----END CERTIFICATE-----
";
    pub const UNKNOWN_OID_CERT: &str = r"-----BEGIN CERTIFICATE-----
MIIBkTCCAUOgAwIBAgIUJvvpKPCVT+SF/YNAfB9uZExvCpowBQYDK2VwMD4xLDAq
BgNVBAMMI3greVx6Ijw+IzssJ35gIUAkJV4mKigpXz18e31bXT86LiAtMQ4wDAYD
VQQKDAVhYi9jZDAeFw0yNjExMjUyMDU5NTFaFw0yNjEyMjUyMDU5NTFaMD4xLDAq
BgMqAwQMI3greVx6Ijw+IzssJ35gIUAkJV4mKigpXz18e31bXT86LiAtMQ4wDAYD
VQQKDAVhYi9jZDAqMAUGAytlcAMhAJLuB3mzh5uyP41/D0k0bWakxe62a792PveS
IjFlrs2So1MwUTAdBgNVHQ4EFgQUnthLug3RVP+hpKdymq0gxWO8xSkwHwYDVR0j
BBgwFoAUnthLug3RVP+hpKdymq0gxWO8xSkwDwYDVR0TAQH/BAUwAwEB/zAFBgMr
ZXADQQBcDhkvKwwYjkF2OWUGVSgZTXkIuS7QbnGqwOB0+joKZ5HlV4OOh1AXzE+3
1Kfc9uwjz4JuRkFUzv9A7g6wNGAH
-----END CERTIFICATE-----
";
    pub const BMP_CERT: &str = r"-----BEGIN CERTIFICATE-----
MIIBEDCBwwIULqWHg8STDgzB4jkDkQBnVw5W+s4wBQYDK2VwMCsxGTAXBgNVBAMe
EABKAPwAcgBnAGUAbgAgAPYxDjAMBgNVBAoTBXBsYWluMB4XDTI2MTEyNTIwNTk1
MVoXDTI2MTEyODIwNTk1MVowKzEZMBcGA1UEAx4QAEoA/AByAGcAZQBuACAA9jEO
MAwGA1UEChMFcGxhaW4wKjAFBgMrZXADIQAUSS9b/w+tKgxtZyrmK7cbVtc9Ucso
rCTWWZHS0FfXEjAFBgMrZXADQQDjO4LWyDYvLCVOZk5TxcMTbw0oDxf4TbchKAye
SwakkIPIOrGhHEuutpelfoEYg7GrHuKOQKEoLgZrRQaBRHwC
-----END CERTIFICATE-----
";
    pub const EMPTY_NAME_CERT: &str = r"-----BEGIN CERTIFICATE-----
MIIBFDCBx6ADAgECAhQ5WUrHvV1fId1d6NtIQeSHHSOdizAFBgMrZXAwADAeFw0y
NjExMjUyMDU5MzdaFw0yNjEyMjUyMDU5MzdaMAAwKjAFBgMrZXADIQAm9b/Xcoc9
uHcbWQ8raHyVbaSTyShIG4GNHlNaKQg6kKNTMFEwHQYDVR0OBBYEFA+34VE9pb0t
VR/9ncsfjXIPHqkIMB8GA1UdIwQYMBaAFA+34VE9pb0tVR/9ncsfjXIPHqkIMA8G
A1UdEwEB/wQFMAMBAf8wBQYDK2VwA0EA9Km1d2gYl95sNQz9fFJJHsbRjR4pIghn
Ui9HemdV3TfTLqMf8ayAXJrQryqooX6Rx0ZP3JIpIcRJZEHEcndwBg==
-----END CERTIFICATE-----
";
    pub const RSA_CERT: &str = r"-----BEGIN CERTIFICATE-----
MIIDBzCCAe+gAwIBAgIUAU92Qp7jm3uqiZAbedJiIg3FNOUwDQYJKoZIhvcNAQEL
BQAwEzERMA8GA1UEAwwIcnNhLnRlc3QwHhcNMjYxMTI1MjEwMzMyWhcNMzYxMTIy
MjEwMzMyWjATMREwDwYDVQQDDAhyc2EudGVzdDCCASIwDQYJKoZIhvcNAQEBBQAD
ggEPADCCAQoCggEBAMgobKJUiz5WiZbhDsYIeBxHOEdQYACY0XYOqxARNDdWg9c1
T+UZ12i+dDMhj7yNGoz0K5bnwGDvR8bBo4WmfJANTjEbV74zsOXKB0/SnegmnFxb
GCAwefLp7TU2vbglROSiXv0uR6lsU7oAt3lD4UiuABxAwDW7emkSpGC4LRQ4igHl
pcdm/6mxprbKfAmA6go4kRkWIslpnOp32dldiLjgLi1Y58L5x6Ow8zNLQLNaOsix
k9a9+rB3iMUTrY5OconVG8Rzf+xHZq3UeoPrGnj0n7kWoYOTeIXj36qFa8OLE4cR
Us8kLslYgp2uSW6JV4C3XU97szHrr07wS+fXQysCAwEAAaNTMFEwHQYDVR0OBBYE
FIw7A3R2fvY9yaKOSoLRzIGgZoxYMB8GA1UdIwQYMBaAFIw7A3R2fvY9yaKOSoLR
zIGgZoxYMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAJcmNX/L
WcJxr4tTtEhn9Xg6Sgu/mUQr46NnECE78EriKbN9gHycuOl3YvrbMSJWHvyYJ5Wa
P2e8Xd80a61lhp3q5+rioX+EPXoRvQ/zFpWBKaSK6gqzVh3PfIZ2UsqFgssnXDkS
R4eZPOM27IQ85tTjFMOcYiKYHuebkOx2T26patxLcnD7k+VKWYADLcc9az2Ut87R
m1lVRAI/u5ZOqvo9D2OhW/eX0gtH7mFnkVia4e0GT1rLvkleKLbV606FXJEA6MrG
Gm7rb7fWT1WXIVrxDqLAMUN5iCy7TbIkvIuS3FyB5DQPib9Zy/6LIFkQIQuoy0Tr
FRPr9inAbmPeVfg=
-----END CERTIFICATE-----
";
    pub const RSA_KEY_PKCS8: &str = r"-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDIKGyiVIs+VomW
4Q7GCHgcRzhHUGAAmNF2DqsQETQ3VoPXNU/lGddovnQzIY+8jRqM9CuW58Bg70fG
waOFpnyQDU4xG1e+M7DlygdP0p3oJpxcWxggMHny6e01Nr24JUTkol79LkepbFO6
ALd5Q+FIrgAcQMA1u3ppEqRguC0UOIoB5aXHZv+psaa2ynwJgOoKOJEZFiLJaZzq
d9nZXYi44C4tWOfC+cejsPMzS0CzWjrIsZPWvfqwd4jFE62OTnKJ1RvEc3/sR2at
1HqD6xp49J+5FqGDk3iF49+qhWvDixOHEVLPJC7JWIKdrkluiVeAt11Pe7Mx669O
8Evn10MrAgMBAAECggEAKekA+ip+r3JaQ+vi9odOcwlcmN4VA/r7nN8sZWRczRuB
5p2EmaGED6wVU6F64c2f2hTETcg/6Wwg2Nax4Sm/mkAW98RUZoCXUT4wsr+UjcgL
5HC0iATue/UMVKCeMAEpwD/ZaOT4X1rN2zwMLsmOUfQRFNlgBcA4POkI3zGhSsK+
3MbTTyT670AOZXrc6Y3/JeWHYBE8yAi7EVDBU7SXj0IvoQ+laWoqObbm77VMVOPw
MD3PhuVw1fiKt/qY9QKf9VktSY3JQ+cNKVFAlVVjVZ/qcQ7kNuK9jreN82dMafDv
H4MP8+msP7qktMGx4nte0i9N9RzAYaDdilQFAaNXdQKBgQD0RnzeVrSj8M204iaK
4CCXK9mycvv3n9GXCrWZBU6SkWbvF7gfPm90iiommVl3KNUkHURLBD29feWpIZQR
bOg931YS7ytcp6Qsr/nRko516689SJ49b2ueuoH3udrvrhwqLQ4acvMSB8b7g5Lz
hoKC1X9MgAs9sGn8hFTILL2sNwKBgQDRw9jvLU7DtCIocaPjWUkHTno7dUdYf+TY
KGzdSIt7ZP6ukw2Z7KyCGFuzxNHbjwxSHKzR77AkXAGF7u91yDcSvdIfoDcBjdrA
348purrUy3HzhgoFG5c5oObcTybAmdMlc4ejM1pFzM93Fo4Ef/PHH7hgIC0mbXAj
87ka8wgurQKBgQCBSs3M4Re7rjkzBIBiAT8+xHb1fObgqjbFO2XjGGv+J/fTlTpf
TyyvAnJM+93etD4cX2FGU3haU8i7PIqiroI+PXfRjcXlxNWg0YPo6Sl+QMEALu+S
lObhnNYtyLGZKw69RBuy5CTD5lnrxjiBrTBnD5nRY/SPMlDm1yQIz6WVAQKBgQDL
u0/jXTn20emrJlRq57kKI6qMPSgCSJVXbEvv0BnIyxqhK6o2KayS3l2SiELa4GCz
D666Z/XIGqRQFPT2jHMQ/NQsa0uBculYEsnVWctECiSuxSzOMTH7gs82gpm8zqpI
4aCHXcT7riSCIaHltPBsId7NXfL8M6aLBJhwGEOGMQKBgAW9z95FDBu3wNdq6e9R
rlIrdNVE5VEkE8E6Iqz19VbZQkjJh3OGwGWEH0LaBKHXOBB3qxta4vUmeKeU90Fv
2k6WsIqu2FatuZb9mPRX6Sbn7qkW6ygG+PiujYlEptAJ9TYOEkJ6A8DxyhAZvkH1
QTRs2jPNMvY6G6f6DwB0f6VK
-----END PRIVATE KEY-----
";
    pub const RSA_KEY_PKCS1: &str = r"-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAyChsolSLPlaJluEOxgh4HEc4R1BgAJjRdg6rEBE0N1aD1zVP
5RnXaL50MyGPvI0ajPQrlufAYO9HxsGjhaZ8kA1OMRtXvjOw5coHT9Kd6CacXFsY
IDB58untNTa9uCVE5KJe/S5HqWxTugC3eUPhSK4AHEDANbt6aRKkYLgtFDiKAeWl
x2b/qbGmtsp8CYDqCjiRGRYiyWmc6nfZ2V2IuOAuLVjnwvnHo7DzM0tAs1o6yLGT
1r36sHeIxROtjk5yidUbxHN/7EdmrdR6g+saePSfuRahg5N4hePfqoVrw4sThxFS
zyQuyViCna5JbolXgLddT3uzMeuvTvBL59dDKwIDAQABAoIBACnpAPoqfq9yWkPr
4vaHTnMJXJjeFQP6+5zfLGVkXM0bgeadhJmhhA+sFVOheuHNn9oUxE3IP+lsINjW
seEpv5pAFvfEVGaAl1E+MLK/lI3IC+RwtIgE7nv1DFSgnjABKcA/2Wjk+F9azds8
DC7JjlH0ERTZYAXAODzpCN8xoUrCvtzG008k+u9ADmV63OmN/yXlh2ARPMgIuxFQ
wVO0l49CL6EPpWlqKjm25u+1TFTj8DA9z4blcNX4irf6mPUCn/VZLUmNyUPnDSlR
QJVVY1Wf6nEO5DbivY63jfNnTGnw7x+DD/PprD+6pLTBseJ7XtIvTfUcwGGg3YpU
BQGjV3UCgYEA9EZ83la0o/DNtOImiuAglyvZsnL795/Rlwq1mQVOkpFm7xe4Hz5v
dIoqJplZdyjVJB1ESwQ9vX3lqSGUEWzoPd9WEu8rXKekLK/50ZKOdeuvPUiePW9r
nrqB97na764cKi0OGnLzEgfG+4OS84aCgtV/TIALPbBp/IRUyCy9rDcCgYEA0cPY
7y1Ow7QiKHGj41lJB056O3VHWH/k2Chs3UiLe2T+rpMNmeysghhbs8TR248MUhys
0e+wJFwBhe7vdcg3Er3SH6A3AY3awN+PKbq61Mtx84YKBRuXOaDm3E8mwJnTJXOH
ozNaRczPdxaOBH/zxx+4YCAtJm1wI/O5GvMILq0CgYEAgUrNzOEXu645MwSAYgE/
PsR29Xzm4Ko2xTtl4xhr/if305U6X08srwJyTPvd3rQ+HF9hRlN4WlPIuzyKoq6C
Pj130Y3F5cTVoNGD6OkpfkDBAC7vkpTm4ZzWLcixmSsOvUQbsuQkw+ZZ68Y4ga0w
Zw+Z0WP0jzJQ5tckCM+llQECgYEAy7tP41059tHpqyZUaue5CiOqjD0oAkiVV2xL
79AZyMsaoSuqNimskt5dkohC2uBgsw+uumf1yBqkUBT09oxzEPzULGtLgXLpWBLJ
1VnLRAokrsUszjEx+4LPNoKZvM6qSOGgh13E+64kgiGh5bTwbCHezV3y/DOmiwSY
cBhDhjECgYAFvc/eRQwbt8DXaunvUa5SK3TVROVRJBPBOiKs9fVW2UJIyYdzhsBl
hB9C2gSh1zgQd6sbWuL1JninlPdBb9pOlrCKrthWrbmW/Zj0V+km5+6pFusoBvj4
ro2JRKbQCfU2DhJCegPA8coQGb5B9UE0bNozzTL2Ohun+g8AdH+lSg==
-----END RSA PRIVATE KEY-----
";
    pub const ECP_CERT: &str = r"-----BEGIN CERTIFICATE-----
MIIBezCCASGgAwIBAgIUZ4pgKcouNZhS94nU6EB9JI4xUiEwCgYIKoZIzj0EAwIw
EzERMA8GA1UEAwwIZWNwLnRlc3QwHhcNMjYxMTI1MjEwMzMyWhcNMzYxMTIyMjEw
MzMyWjATMREwDwYDVQQDDAhlY3AudGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABCriltD+JyiS/ShUsiCjeBhWcOWE1VL1azmr1dGOU7w+tf3tTNuAPAVxdtBU
Vo8Ji7+aqvMZTx0ytVhwOpmNQfOjUzBRMB0GA1UdDgQWBBSNCn8mrtq2MP12zovb
+qGHRPL1BTAfBgNVHSMEGDAWgBSNCn8mrtq2MP12zovb+qGHRPL1BTAPBgNVHRMB
Af8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIDGbFG1feSJ9Novqd2Y6QSavtHfe
F7IxCQhYznOrNxxQAiEA2UkaQQYMpB+j+/Ke+vVcri30PtT9x4sFCDmodcJ917k=
-----END CERTIFICATE-----
";
    pub const EC_KEY_SEC1_WITH_PARAMS: &str = r"-----BEGIN EC PARAMETERS-----
BggqhkjOPQMBBw==
-----END EC PARAMETERS-----
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIBcDfRYvMhTX+DUxEetnamAdoMdwKR11vdFKlptmHuUNoAoGCCqGSM49
AwEHoUQDQgAEKuKW0P4nKJL9KFSyIKN4GFZw5YTVUvVrOavV0Y5TvD61/e1M24A8
BXF20FRWjwmLv5qq8xlPHTK1WHA6mY1B8w==
-----END EC PRIVATE KEY-----
";
    pub const EC_KEY_SEC1: &str = r"-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIHal+R6CJTPSKnh5dfIdnN10UngJk9WfDZkklBUU8jh1oAoGCCqGSM49
AwEHoUQDQgAEKDiZcz2gE5rawEiux2xsZIbAkWXpg69wmrbMWbMeoL5qEtGyAAvt
vh7qp+YrfMSAAEDfJ696r+pLYkgje2qMCg==
-----END EC PRIVATE KEY-----
";
    pub const P384_CERT: &str = r"-----BEGIN CERTIFICATE-----
MIIBvDCCAUKgAwIBAgIUQZkKcsbSeXHy4Xe7o4gktVpu44AwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJcDM4NC50ZXN0MCAXDTI2MTEyNTIxMDMzNloYDzIwNTQwNDEy
MjEwMzM2WjAUMRIwEAYDVQQDDAlwMzg0LnRlc3QwdjAQBgcqhkjOPQIBBgUrgQQA
IgNiAATiL7oGAITQIGdfqaQIql8q+Y+jR0YDJgF/3FJKg+AR5THj6C7VM5j6YokM
UhoGC45bRBB6XT65vasKAwNw/Xqzx8Ue3tKiXahM7BdvbCUNG5/qxVNcgum4jROp
xmQr7KWjUzBRMB0GA1UdDgQWBBSZYlXOnlK9QnysHs+oPys04e9rYjAfBgNVHSME
GDAWgBSZYlXOnlK9QnysHs+oPys04e9rYjAPBgNVHRMBAf8EBTADAQH/MAoGCCqG
SM49BAMCA2gAMGUCMFlEVN6nXhC0Mr/OGZXHHqmGKPQglJzp2sWUQEkC5KalDzGF
FS8SdiPbFZr6CeM3TQIxAK1VclRamd151gT147SDybEon0ZQCwv7uuyAcavybokt
s4Cvyz0WB8wdF+u/N8zr6w==
-----END CERTIFICATE-----
";
    pub const P384_KEY: &str = r"-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDCl8LEWM2jtiW3KxDq3
FzhSH186jQrdqfGpla7617UylbUE6jk7/3OEmxfsLJa6LtqhZANiAATiL7oGAITQ
IGdfqaQIql8q+Y+jR0YDJgF/3FJKg+AR5THj6C7VM5j6YokMUhoGC45bRBB6XT65
vasKAwNw/Xqzx8Ue3tKiXahM7BdvbCUNG5/qxVNcgum4jROpxmQr7KU=
-----END PRIVATE KEY-----
";
    pub const ED25519_KEY2: &str = r"-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIPkmzaLtQFfTeI1vPe5tiVf7G0t5UCnF0j4VRYeUc23h
-----END PRIVATE KEY-----
";
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    fn cert(pem: &str) -> Certificate {
        let der = crate::crypto::pem::read_certs(pem.as_bytes())
            .unwrap()
            .remove(0);
        Certificate::from_der(der).unwrap()
    }

    // fuzz/corpus/x509/regress-time-multibyte: a UTCTime whose value holds a two-byte UTF-8
    // character at offset 1 panicked (str slice inside a char); now the time is refused.
    #[test]
    fn parse_time_refuses_non_digits_without_panicking() {
        for value in [
            "%\u{4e2}g*  5925Z",
            "2\u{e9}01010000Z",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}0Z",
        ] {
            for tag in [der::UTC_TIME, der::GENERALIZED_TIME] {
                let tlv = der::Tlv {
                    tag,
                    value: value.as_bytes(),
                    raw: value.as_bytes(),
                };
                assert_eq!(der::parse_time(&tlv), None, "{value:?}");
            }
        }
        let ok = der::Tlv {
            tag: der::UTC_TIME,
            value: b"261125205932Z",
            raw: b"",
        };
        assert!(der::parse_time(&ok).is_some());
    }

    // Expected strings: X509_NAME_oneline(..., NULL, 0) from the system libcrypto.
    #[test]
    fn oneline_matches_openssl() {
        let cases = [
            (EC_CERT, "/C=US/ST=California/O=Org, Inc./OU=Unit+CN=multi/CN=test.example.com/emailAddress=a@b.c"),
            (UTF8_CERT, r"/CN=J\xC3\xBCrgen \xC3\xB6/O=a\/b=c/serialNumber=123/DC=com/L=Z\xC3\xBC"),
            (SPECIAL_CERT, r#"/CN=x\+y\z"<>#;,'~`!@$%^&*()_=|{}[]?:. -/O=ab\/cd"#),
            (UNKNOWN_OID_CERT, r#"/1.2.3.4=x\+y\z"<>#;,'~`!@$%^&*()_=|{}[]?:. -/O=ab\/cd"#),
            (BMP_CERT, r"/CN=\x00J\x00\xFC\x00r\x00g\x00e\x00n\x00 \x00\xF6/O=plain"),
            (EMPTY_NAME_CERT, ""),
            (ECP_CERT, "/CN=ecp.test"),
        ];
        for (pem, want) in cases {
            assert_eq!(cert(pem).subject_oneline(), want);
        }
        // The unknown-OID fixture was made by patching the subject only.
        assert_eq!(
            cert(UNKNOWN_OID_CERT).issuer_oneline(),
            cert(SPECIAL_CERT).issuer_oneline()
        );
    }

    #[test]
    fn oneline_bounded_matches_openssl() {
        let ec = cert(EC_CERT);
        let n = ec.subject();
        for (size, want) in [
            (1, ""),
            (5, ""),
            (6, "/C=US"),
            (19, "/C=US"),
            (20, "/C=US/ST=California"),
            (40, "/C=US/ST=California/O=Org, Inc./OU=Unit"),
            (1000, "/C=US/ST=California/O=Org, Inc./OU=Unit+CN=multi/CN=test.example.com/emailAddress=a@b.c"),
        ] {
            assert_eq!(n.oneline_bounded(size), want, "size {size}");
        }
        // The first entry that does not fit ends the string (later short ones are not tried).
        assert_eq!(cert(SPECIAL_CERT).subject().oneline_bounded(20), "");
        assert_eq!(
            cert(UTF8_CERT).subject().oneline_bounded(30),
            r"/CN=J\xC3\xBCrgen \xC3\xB6"
        );
    }

    #[test]
    fn self_issued_and_validity() {
        let ec = cert(EC_CERT);
        assert!(ec.is_self_issued());
        assert!(!cert(UNKNOWN_OID_CERT).is_self_issued());
        assert!(!Certificate::empty().is_self_issued());
        // notBefore=Nov 25 20:59:32 2026 GMT, notAfter=Dec 25 20:59:32 2026 GMT (UTCTime).
        assert_eq!(ec.not_before(), 1_795_640_372);
        assert_eq!(ec.not_after(), 1_795_640_372 + 30 * 86_400);
        assert!(ec.valid_at(1_795_640_372) && !ec.valid_at(1_795_640_371));
        // GeneralizedTime notAfter (2054): date -u -d "Apr 12 21:03:36 2054" +%s.
        let p = cert(P384_CERT);
        assert_eq!(p.not_before(), 1_795_640_616);
        assert_eq!(p.not_after(), 2_659_640_616);
    }

    #[test]
    fn bad_der_gives_asn1_errors() {
        let e = Certificate::from_der(CertificateDer::from(vec![0x30, 0x03, 1, 2])).unwrap_err();
        assert_eq!((e.lib, e.reason), (lib::ASN1, ASN1_R_TOO_LONG));
        let e = Certificate::from_der(CertificateDer::from(vec![0x02, 0x01, 0])).unwrap_err();
        assert_eq!((e.lib, e.reason), (lib::ASN1, ASN1_R_WRONG_TAG));
        assert!(Certificate::from_der(CertificateDer::from(Vec::new())).is_err());
        let mut der = cert(EC_CERT).der.to_vec();
        der.push(0);
        assert!(Certificate::from_der(CertificateDer::from(der)).is_err());
    }

    #[test]
    fn oid_text() {
        assert_eq!(der::oid_to_string(&[0x55, 0x04, 0x03]), "2.5.4.3");
        assert_eq!(
            der::oid_to_string(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01]),
            "1.2.840.113549.1.9.1"
        );
        assert_eq!(der::oid_to_string(&[0x09, 0x92, 0x26]), "0.9.2342");
    }

    // Texts measured with X509_verify_cert_error_string on the system libcrypto.
    #[test]
    fn verify_error_texts() {
        assert_eq!(verify_error_string(0), c"ok");
        assert_eq!(verify_error_string(18), c"self-signed certificate");
        assert_eq!(
            verify_error_string(20),
            c"unable to get local issuer certificate"
        );
        assert_eq!(verify_error_string(62), c"hostname mismatch");
        assert_eq!(
            verify_error_string(94),
            c"Certificate public key has explicit ECC parameters"
        );
        for n in [-1, 95, 1000, i64::MAX, i64::MIN] {
            assert_eq!(
                verify_error_string(n),
                c"unknown certificate verification error"
            );
        }
    }

    #[test]
    fn trust_dir_and_defaults() {
        let certs = load_trust_dir(Path::new("/etc/ssl/certs")).unwrap();
        assert!(certs.len() > 50, "{}", certs.len());
        let unique: HashSet<_> = certs.iter().map(|c| c.as_ref().to_vec()).collect();
        assert_eq!(unique.len(), certs.len());
        assert!(load_trust_dir(Path::new("/nonexistent-sslrs")).is_err());
        let both = load_trust_dir(Path::new("/nonexistent-sslrs:/etc/ssl/certs")).unwrap();
        assert_eq!(both.len(), certs.len());
        if std::env::var_os("SSL_CERT_FILE").is_none() {
            assert_eq!(default_cert_file(), Path::new("/usr/lib/ssl/cert.pem"));
        }
        if std::env::var_os("SSL_CERT_DIR").is_none() {
            assert_eq!(default_cert_dir(), Path::new("/usr/lib/ssl/certs"));
            assert_eq!(
                default_cert_dirs(),
                vec![PathBuf::from("/usr/lib/ssl/certs")]
            );
        }
    }
}
