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
        let func = if reason == ASN1_R_TOO_LONG { "ASN1_get_object" } else { "asn1_check_tlen" };
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
                    let len = d[2..2 + k].iter().fold(0usize, |a, &b| (a << 8) | b as usize);
                    (len, 2 + k)
                }
            };
            let end = hdr.checked_add(len).ok_or_else(|| err(ASN1_R_TOO_LONG))?;
            if end > d.len() {
                return Err(err(ASN1_R_TOO_LONG));
            }
            self.data = &d[end..];
            Ok(Tlv { tag, value: &d[hdr..end], raw: &d[..end] })
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
        let (year, rest) = match t.tag {
            UTC_TIME if s.len() == 10 || s.len() == 12 => {
                let yy: i64 = s[..2].parse().ok()?;
                (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &s[2..])
            }
            GENERALIZED_TIME if s.len() == 12 || s.len() == 14 => (s[..4].parse().ok()?, &s[4..]),
            _ => return None,
        };
        if !rest.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
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

/// Short names OpenSSL prints for name attributes (measured with `OBJ_nid2sn` on OpenSSL 3.0).
/// Unknown attributes print as their dotted OID, as OpenSSL does.
const ATTRIBUTE_NAMES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "serialNumber"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "street"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "title"),
    ("2.5.4.13", "description"),
    ("2.5.4.14", "searchGuide"),
    ("2.5.4.15", "businessCategory"),
    ("2.5.4.16", "postalAddress"),
    ("2.5.4.17", "postalCode"),
    ("2.5.4.18", "postOfficeBox"),
    ("2.5.4.19", "physicalDeliveryOfficeName"),
    ("2.5.4.20", "telephoneNumber"),
    ("2.5.4.41", "name"),
    ("2.5.4.42", "GN"),
    ("2.5.4.43", "initials"),
    ("2.5.4.44", "generationQualifier"),
    ("2.5.4.45", "x500UniqueIdentifier"),
    ("2.5.4.46", "dnQualifier"),
    ("2.5.4.51", "houseIdentifier"),
    ("2.5.4.54", "dmdName"),
    ("2.5.4.65", "pseudonym"),
    ("2.5.4.72", "role"),
    ("2.5.4.97", "organizationIdentifier"),
    ("2.5.4.99", "n3"),
    ("1.2.840.113549.1.9.1", "emailAddress"),
    ("1.2.840.113549.1.9.2", "unstructuredName"),
    ("1.2.840.113549.1.9.7", "challengePassword"),
    ("1.2.840.113549.1.9.8", "unstructuredAddress"),
    ("0.9.2342.19200300.100.1.1", "UID"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"),
    ("1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"),
    ("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"),
    ("1.3.6.1.5.5.7.9.1", "id-pda-dateOfBirth"),
];

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
    pub fn short_name(&self) -> String {
        let dotted = der::oid_to_string(&self.oid);
        ATTRIBUTE_NAMES
            .iter()
            .find(|(o, _)| *o == dotted)
            .map_or(dotted, |(_, sn)| (*sn).to_string())
    }

    /// `/CN=value` (or `+CN=value` inside a multi-valued RDN), escaped as `X509_NAME_oneline`
    /// does: `/` and `+` get a backslash, bytes outside 0x20..=0x7E print as `\xHH`.
    fn oneline_piece(&self) -> String {
        let mut s = String::with_capacity(self.value.len() + 8);
        s.push(if self.same_set { '+' } else { '/' });
        s.push_str(&self.short_name());
        s.push('=');
        for &b in &self.value {
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
}

impl Name {
    /// Parses a Name from its full DER (the SEQUENCE element).
    pub fn from_der(raw: &[u8]) -> Result<Name> {
        let mut outer = der::Reader::new(raw);
        let seq = outer.expect(der::SEQUENCE)?;
        let mut rdns = der::Reader::new(seq.value);
        let mut entries = Vec::new();
        while !rdns.is_empty() {
            let set = rdns.expect(der::SET)?;
            let mut atvs = der::Reader::new(set.value);
            let mut first = true;
            while !atvs.is_empty() {
                let atv = atvs.expect(der::SEQUENCE)?;
                let mut f = der::Reader::new(atv.value);
                let oid = f.expect(der::OID)?;
                let value = f.any()?;
                entries.push(NameEntry {
                    oid: oid.value.to_vec(),
                    tag: value.tag,
                    value: value.value.to_vec(),
                    same_set: !first,
                });
                first = false;
            }
        }
        Ok(Name { der: seq.raw.to_vec(), entries })
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
        Ok(Certificate { der, subject, issuer, not_before, not_after, spki })
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
    s.split(':').filter(|p| !p.is_empty()).map(PathBuf::from).collect()
}

/// Every PEM certificate in the regular files (symlinks followed) of directory `path`, or of
/// each directory of a ':'-separated list. Unreadable and non-PEM files are skipped silently;
/// duplicates (same DER) are kept once, in first-seen order (files sorted by name).
pub fn load_trust_dir(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let text = path.to_string_lossy().into_owned();
    let dirs: Vec<PathBuf> = if text.contains(':') {
        text.split(':').filter(|p| !p.is_empty()).map(PathBuf::from).collect()
    } else {
        vec![path.to_path_buf()]
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut any_dir = false;
    for dir in dirs {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        any_dir = true;
        let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for f in files {
            // metadata() follows symlinks: dangling links and directories are skipped.
            if !std::fs::metadata(&f).map(|m| m.is_file()).unwrap_or(false) {
                continue;
            }
            let Ok(bytes) = std::fs::read(&f) else { continue };
            let Ok(certs) = crate::crypto::pem::read_certs(&bytes) else { continue };
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
