//! Name checks against a certificate with OpenSSL 3.0's observable rules (`X509_check_host`,
//! `X509_check_email`, `X509_check_ip` and the host check of verification): which names of the
//! certificate count (subjectAltName entries of the asked type; the subject's commonName or
//! emailAddress only when there are none, subject to `X509_CHECK_FLAG_*_CHECK_SUBJECT`), and how a
//! DNS pattern matches (ASCII case folded; one wildcard, in the first label, at its start or end,
//! with at least two labels after it; `X509_CHECK_FLAG_NO_WILDCARDS`, `_NO_PARTIAL_WILDCARDS`,
//! `_MULTI_LABEL_WILDCARDS`, `_SINGLE_LABEL_SUBDOMAINS`; a name asked for with a leading `.`
//! matches that domain's subdomains).
//!
//! The certificate is read with `x509-cert`; path validation is not done here.

use der::{Decode, Tagged};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::SubjectAltName;

pub const ALWAYS_CHECK_SUBJECT: u32 = 0x1;
pub const NO_WILDCARDS: u32 = 0x2;
pub const NO_PARTIAL_WILDCARDS: u32 = 0x4;
pub const MULTI_LABEL_WILDCARDS: u32 = 0x8;
pub const SINGLE_LABEL_SUBDOMAINS: u32 = 0x10;
pub const NEVER_CHECK_SUBJECT: u32 = 0x20;
/// Internal: the name asked for began with `.` (match subdomains of it).
const DOT_SUBDOMAINS: u32 = 0x8000;

const OID_COMMON_NAME: &str = "2.5.4.3";
const OID_EMAIL_ADDRESS: &str = "1.2.840.113549.1.9.1";

/// The bytes of an IP address as a subjectAltName holds them (4 or 16).
pub fn ip_bytes(ip: std::net::IpAddr) -> Vec<u8> {
    match ip {
        std::net::IpAddr::V4(a) => a.octets().to_vec(),
        std::net::IpAddr::V6(a) => a.octets().to_vec(),
    }
}

/// What is being checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Dns,
    Email,
    Ip,
}

/// The outcome of a check: matched (with the certificate's name that matched), no match, or a
/// certificate that cannot be read (OpenSSL's -1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Match(Vec<u8>),
    NoMatch,
    Malformed,
}

/// Checks `want` (a DNS name, an email address, or a 4- or 16-byte address) against the
/// certificate `der` under `flags`.
pub fn check(der: &[u8], kind: Kind, want: &[u8], flags: u32) -> Outcome {
    let Ok(cert) = x509_cert::Certificate::from_der(der) else {
        return Outcome::Malformed;
    };
    let mut flags = flags;
    if kind == Kind::Dns && want.len() > 1 && want[0] == b'.' {
        flags |= DOT_SUBDOMAINS;
    }
    let tbs = &cert.tbs_certificate;
    let mut san_present = false;
    let sans = tbs
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id.to_string() == "2.5.29.17");
    for ext in sans {
        let Ok(san) = SubjectAltName::from_der(ext.extn_value.as_bytes()) else {
            return Outcome::Malformed;
        };
        for gn in &san.0 {
            let value: &[u8] = match (kind, gn) {
                (Kind::Dns, GeneralName::DnsName(s)) => s.as_bytes(),
                (Kind::Email, GeneralName::Rfc822Name(s)) => s.as_bytes(),
                (Kind::Ip, GeneralName::IpAddress(o)) => o.as_bytes(),
                _ => continue,
            };
            san_present = true;
            if value.is_empty() {
                continue;
            }
            let hit = match kind {
                Kind::Ip => value == want,
                Kind::Email => equal_email(value, want),
                Kind::Dns => matches_dns(value, want, flags),
            };
            if hit {
                return Outcome::Match(value.to_vec());
            }
        }
    }
    if san_present && flags & ALWAYS_CHECK_SUBJECT == 0 {
        return Outcome::NoMatch;
    }
    let subject_oid = match kind {
        Kind::Dns => OID_COMMON_NAME,
        Kind::Email => OID_EMAIL_ADDRESS,
        Kind::Ip => return Outcome::NoMatch,
    };
    if flags & NEVER_CHECK_SUBJECT != 0 {
        return Outcome::NoMatch;
    }
    // The subject's entries of that type, last first (OpenSSL walks the name backwards).
    let atvs: Vec<_> = tbs
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid.to_string() == subject_oid)
        .collect();
    for atv in atvs.iter().rev() {
        // ASN1_STRING_to_UTF8's conversion; a value it cannot convert makes OpenSSL's -1.
        let tag = i32::from(atv.value.tag().octet());
        let Ok(text) = crate::crypto::asn1_text::to_utf8(tag, atv.value.value()) else {
            return Outcome::Malformed;
        };
        if text.is_empty() {
            continue;
        }
        let hit = match kind {
            Kind::Email => equal_email(&text, want),
            _ => matches_dns(&text, want, flags),
        };
        if hit {
            return Outcome::Match(text);
        }
    }
    Outcome::NoMatch
}

/// Email addresses: the local part exactly, the domain (after the last `@`) case-folded.
fn equal_email(pattern: &[u8], subject: &[u8]) -> bool {
    if pattern.len() != subject.len() || pattern.contains(&0) {
        return false;
    }
    let at = subject.iter().rposition(|&b| b == b'@');
    match at {
        Some(i) => pattern[..i] == subject[..i] && pattern[i..].eq_ignore_ascii_case(&subject[i..]),
        None => pattern.eq_ignore_ascii_case(subject),
    }
}

/// A certificate's DNS name (`pattern`) against the name asked for (`subject`).
fn matches_dns(pattern: &[u8], subject: &[u8], flags: u32) -> bool {
    // A name asked for with a leading '.' can match only by suffix, never through a wildcard.
    let star = if subject.len() > 1 && subject[0] == b'.' || flags & NO_WILDCARDS != 0 {
        None
    } else {
        wildcard_position(pattern, flags)
    };
    match star {
        None => equal_nocase(pattern, subject, flags),
        Some(i) => wildcard_match(&pattern[..i], &pattern[i + 1..], subject, flags),
    }
}

/// Case-folded equality; under `DOT_SUBDOMAINS` a longer pattern may match `subject` (".d.tld")
/// by its suffix, its extra prefix being one label under `SINGLE_LABEL_SUBDOMAINS`.
fn equal_nocase(pattern: &[u8], subject: &[u8], flags: u32) -> bool {
    let mut pattern = pattern;
    if flags & DOT_SUBDOMAINS != 0
        && subject.len() > 1
        && subject[0] == b'.'
        && pattern.len() > subject.len()
    {
        let cut = pattern.len() - subject.len();
        let prefix = &pattern[..cut];
        if !prefix.contains(&0) && (flags & SINGLE_LABEL_SUBDOMAINS == 0 || !prefix.contains(&b'.'))
        {
            pattern = &pattern[cut..];
        }
    }
    pattern.len() == subject.len() && !pattern.contains(&0) && pattern.eq_ignore_ascii_case(subject)
}

/// Where the one usable wildcard of `p` is: in the first label, at its start or end (only a
/// whole-label one under `NO_PARTIAL_WILDCARDS`), not in an IDNA (`xn--`) label, with at least
/// two dots after it, in a pattern of letters, digits, hyphens (not starting or ending a label)
/// and dots. `None` when there is none or the pattern is not a valid wildcard pattern.
fn wildcard_position(p: &[u8], flags: u32) -> Option<usize> {
    let mut star = None;
    let mut label_start = true;
    let mut last_hyphen = false;
    let mut idna = false;
    let mut dots = 0;
    for (i, &c) in p.iter().enumerate() {
        match c {
            b'*' => {
                let at_end = i + 1 == p.len() || p[i + 1] == b'.';
                if star.is_some() || idna || dots > 0 {
                    return None;
                }
                if flags & NO_PARTIAL_WILDCARDS != 0 && !(label_start && at_end) {
                    return None;
                }
                if !label_start && !at_end {
                    return None;
                }
                star = Some(i);
                label_start = false;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => {
                if label_start && p.len() - i >= 4 && p[i..i + 4].eq_ignore_ascii_case(b"xn--") {
                    idna = true;
                }
                label_start = false;
                last_hyphen = false;
            }
            b'.' => {
                if label_start || last_hyphen {
                    return None;
                }
                label_start = true;
                idna = false;
                dots += 1;
            }
            b'-' => {
                if label_start {
                    return None;
                }
                last_hyphen = true;
            }
            _ => return None,
        }
    }
    if label_start || last_hyphen || dots < 2 {
        return None;
    }
    star
}

/// `prefix*suffix` against `subject`.
fn wildcard_match(prefix: &[u8], suffix: &[u8], subject: &[u8], flags: u32) -> bool {
    if subject.len() < prefix.len() + suffix.len() {
        return false;
    }
    if !equal_nocase(prefix, &subject[..prefix.len()], flags) {
        return false;
    }
    let end = subject.len() - suffix.len();
    if !equal_nocase(&subject[end..], suffix, flags) {
        return false;
    }
    let middle = &subject[prefix.len()..end];
    let mut allow_idna = false;
    let mut allow_multi = false;
    if prefix.is_empty() && suffix.first() == Some(&b'.') {
        // A whole-label wildcard matches at least one character.
        if middle.is_empty() {
            return false;
        }
        allow_idna = true;
        allow_multi = flags & MULTI_LABEL_WILDCARDS != 0;
    }
    if !allow_idna && subject.len() >= 4 && subject[..4].eq_ignore_ascii_case(b"xn--") {
        return false;
    }
    if middle == b"*" {
        return true;
    }
    middle
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || (allow_multi && c == b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_patterns() {
        assert!(matches_dns(b"*.example.com", b"www.example.com", 0));
        assert!(matches_dns(b"*.example.com", b"WWW.Example.COM", 0));
        assert!(!matches_dns(b"*.example.com", b"a.b.example.com", 0));
        assert!(matches_dns(
            b"*.example.com",
            b"a.b.example.com",
            MULTI_LABEL_WILDCARDS
        ));
        assert!(!matches_dns(b"*.example.com", b"example.com", 0));
        assert!(!matches_dns(b"*.com", b"example.com", 0));
        assert!(matches_dns(b"f*.example.com", b"foo.example.com", 0));
        assert!(!matches_dns(
            b"f*.example.com",
            b"foo.example.com",
            NO_PARTIAL_WILDCARDS
        ));
        assert!(!matches_dns(b"f*o.example.com", b"foo.example.com", 0));
        assert!(!matches_dns(
            b"*.example.com",
            b"www.example.com",
            NO_WILDCARDS
        ));
        assert!(matches_dns(
            b"*.example.com",
            b"*.example.com",
            NO_WILDCARDS
        ));
        assert!(matches_dns(
            b"www.example.com",
            b".example.com",
            DOT_SUBDOMAINS
        ));
        assert!(!matches_dns(
            b"a.www.example.com",
            b".example.com",
            DOT_SUBDOMAINS | SINGLE_LABEL_SUBDOMAINS
        ));
        assert!(!matches_dns(b"x*.example.com", b"xn--abc.example.com", 0));
    }

    #[test]
    fn emails() {
        assert!(equal_email(b"Joe@Example.com", b"Joe@example.COM"));
        assert!(!equal_email(b"joe@example.com", b"Joe@example.com"));
    }
}
