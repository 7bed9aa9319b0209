//! The certificate fields behind the native `X509_get_serialNumber`, `X509_get0_notBefore`,
//! `X509_get_ext_d2i`, `X509_get0_pubkey`, ... family, parsed with RustCrypto's `x509-cert`
//! (the hand DER walker in [`super::x509`] reads only what the TLS engine needs).
//!
//! The parse runs once per certificate, on first use ([`Certificate::fields`]); the C objects
//! OpenSSL keeps inside its `X509` (the serial and time strings, the public key) live in the
//! [`Fields`] and so as long as the certificate.

use super::pkey::PrivateKey;
use super::x509::Certificate;
use crate::ffi::asn1::Asn1String;
use der::{Decode, Encode};
use std::sync::Arc;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, SubjectAltName,
    SubjectKeyIdentifier,
};

/// `V_ASN1_INTEGER`.
pub const V_ASN1_INTEGER: i32 = 2;
/// `V_ASN1_NEG_INTEGER`.
pub const V_ASN1_NEG_INTEGER: i32 = 0x102;
/// `V_ASN1_BIT_STRING`.
pub const V_ASN1_BIT_STRING: i32 = 3;
/// `V_ASN1_OCTET_STRING`.
pub const V_ASN1_OCTET_STRING: i32 = 4;
/// `V_ASN1_IA5STRING`.
pub const V_ASN1_IA5STRING: i32 = 22;
/// `V_ASN1_UTCTIME`.
pub const V_ASN1_UTCTIME: i32 = 23;
/// `V_ASN1_GENERALIZEDTIME`.
pub const V_ASN1_GENERALIZEDTIME: i32 = 24;

/// OIDs of the extensions read here (dotted).
pub const OID_SAN: &str = "2.5.29.17";
pub const OID_BASIC_CONSTRAINTS: &str = "2.5.29.19";
pub const OID_KEY_USAGE: &str = "2.5.29.15";
pub const OID_EXT_KEY_USAGE: &str = "2.5.29.37";
pub const OID_SKID: &str = "2.5.29.14";
pub const OID_AKID: &str = "2.5.29.35";
const OID_EMAIL_ADDRESS: &str = "1.2.840.113549.1.9.1";

/// One extension as it is in the certificate.
#[derive(Debug, Clone)]
pub struct Extension {
    /// Dotted OID.
    pub oid: String,
    pub critical: bool,
    /// The extnValue contents (the extension's own DER).
    pub value: Vec<u8>,
}

/// A GeneralName of a subjectAltName that has a string form (`GEN_*` type, string bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AltName {
    /// `GEN_EMAIL` 1, `GEN_DNS` 2, `GEN_URI` 6, `GEN_IPADD` 7.
    pub kind: i32,
    pub bytes: Vec<u8>,
}
pub const GEN_EMAIL: i32 = 1;
pub const GEN_DNS: i32 = 2;
pub const GEN_URI: i32 = 6;
pub const GEN_IPADD: i32 = 7;

/// The C strings a certificate owns, handed out as `ASN1_INTEGER*`/`ASN1_TIME*`.
pub struct Owned {
    pub serial: Box<Asn1String>,
    pub not_before: Box<Asn1String>,
    pub not_after: Box<Asn1String>,
}

// SAFETY: the strings are plain owned allocations; like OpenSSL's, they are only changed by C
// code through the `getm` pointers, which is the caller's business to synchronise.
unsafe impl Send for Owned {}
// SAFETY: as above; Rust code only reads them.
unsafe impl Sync for Owned {}

/// The parsed fields of one certificate.
pub struct Fields {
    /// 0 for v1, 2 for v3.
    pub version: i64,
    /// True for a negative serial; `serial_mag` is its magnitude (big-endian, no leading zero
    /// bytes; a single 0 for zero), as OpenSSL stores it.
    pub serial_neg: bool,
    pub serial_mag: Vec<u8>,
    /// notBefore / notAfter: (`V_ASN1_UTCTIME` or `V_ASN1_GENERALIZEDTIME`, the string).
    pub not_before: (i32, Vec<u8>),
    pub not_after: (i32, Vec<u8>),
    /// The signature algorithm (outer), dotted.
    pub sig_oid: String,
    /// SubjectPublicKeyInfo DER.
    pub spki: Vec<u8>,
    pub extensions: Vec<Extension>,
    /// emailAddress attributes of the subject.
    pub subject_emails: Vec<Vec<u8>>,
    pub owned: Owned,
    /// The public key as an `EVP_PKEY` (`X509_get0_pubkey`); None when it is not one sslrs
    /// knows.
    pub pubkey: Option<Arc<PrivateKey>>,
}

impl std::fmt::Debug for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fields")
            .field("version", &self.version)
            .field("extensions", &self.extensions.len())
            .finish_non_exhaustive()
    }
}

fn string(kind: i32, bytes: &[u8]) -> Option<Box<Asn1String>> {
    let mut s = Box::new(Asn1String {
        length: 0,
        type_: kind,
        data: core::ptr::null_mut(),
        flags: 0,
    });
    s.set(bytes).ok()?;
    Some(s)
}

/// Two's-complement INTEGER contents to (negative, magnitude) as OpenSSL keeps them.
pub fn integer_from_der(content: &[u8]) -> (bool, Vec<u8>) {
    let neg = content.first().is_some_and(|b| b & 0x80 != 0);
    let mut mag: Vec<u8> = if neg {
        // Magnitude = two's complement negation.
        let mut v: Vec<u8> = content.iter().map(|b| !b).collect();
        for b in v.iter_mut().rev() {
            let (r, carry) = b.overflowing_add(1);
            *b = r;
            if !carry {
                break;
            }
        }
        v
    } else {
        content.to_vec()
    };
    let nz = mag.iter().position(|&b| b != 0).unwrap_or(mag.len());
    mag.drain(..nz);
    if mag.is_empty() {
        mag.push(0);
    }
    (neg, mag)
}

fn time_of(t: &x509_cert::time::Time) -> Option<(i32, Vec<u8>)> {
    let kind = match t {
        x509_cert::time::Time::UtcTime(_) => V_ASN1_UTCTIME,
        x509_cert::time::Time::GeneralTime(_) => V_ASN1_GENERALIZEDTIME,
    };
    let der = t.to_der().ok()?;
    // Short form length: the times are at most 17 bytes.
    Some((kind, der.get(2..)?.to_vec()))
}

impl Fields {
    /// Parses a certificate's DER.
    pub fn parse(der: &[u8]) -> Option<Fields> {
        let cert = x509_cert::Certificate::from_der(der).ok()?;
        let tbs = &cert.tbs_certificate;
        let (serial_neg, serial_mag) = integer_from_der(tbs.serial_number.as_bytes());
        let not_before = time_of(&tbs.validity.not_before)?;
        let not_after = time_of(&tbs.validity.not_after)?;
        let spki = tbs.subject_public_key_info.to_der().ok()?;
        let extensions = tbs
            .extensions
            .iter()
            .flatten()
            .map(|e| Extension {
                oid: e.extn_id.to_string(),
                critical: e.critical,
                value: e.extn_value.as_bytes().to_vec(),
            })
            .collect();
        let mut subject_emails = Vec::new();
        for rdn in tbs.subject.0.iter() {
            for atv in rdn.0.iter() {
                if atv.oid.to_string() == OID_EMAIL_ADDRESS {
                    subject_emails.push(atv.value.value().to_vec());
                }
            }
        }
        let mut serial_bytes = serial_mag.clone();
        if serial_bytes == [0] {
            serial_bytes = vec![0];
        }
        let owned = Owned {
            serial: string(
                if serial_neg {
                    V_ASN1_NEG_INTEGER
                } else {
                    V_ASN1_INTEGER
                },
                &serial_bytes,
            )?,
            not_before: string(not_before.0, &not_before.1)?,
            not_after: string(not_after.0, &not_after.1)?,
        };
        let pubkey = key_info(&spki).map(|_| Arc::new(PrivateKey::public(spki.clone())));
        Some(Fields {
            version: tbs.version as i64,
            serial_neg,
            serial_mag,
            not_before,
            not_after,
            sig_oid: cert.signature_algorithm.oid.to_string(),
            spki,
            extensions,
            subject_emails,
            owned,
            pubkey,
        })
    }

    /// The extensions with OID `oid`, with their positions.
    pub fn find(&self, oid: &str) -> impl Iterator<Item = (usize, &Extension)> {
        let oid = oid.to_string();
        self.extensions
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.oid == oid)
    }

    fn first(&self, oid: &str) -> Option<&Extension> {
        self.find(oid).next().map(|(_, e)| e)
    }

    /// The subjectAltName entries with a string form, in order (others are left out).
    pub fn alt_names(value: &[u8]) -> Option<Vec<AltName>> {
        use x509_cert::ext::pkix::name::GeneralName as G;
        let san = SubjectAltName::from_der(value).ok()?;
        Some(
            san.0
                .iter()
                .filter_map(|g| match g {
                    G::Rfc822Name(s) => Some(AltName {
                        kind: GEN_EMAIL,
                        bytes: s.as_bytes().to_vec(),
                    }),
                    G::DnsName(s) => Some(AltName {
                        kind: GEN_DNS,
                        bytes: s.as_bytes().to_vec(),
                    }),
                    G::UniformResourceIdentifier(s) => Some(AltName {
                        kind: GEN_URI,
                        bytes: s.as_bytes().to_vec(),
                    }),
                    G::IpAddress(o) => Some(AltName {
                        kind: GEN_IPADD,
                        bytes: o.as_bytes().to_vec(),
                    }),
                    _ => None,
                })
                .collect(),
        )
    }

    /// basicConstraints: (cA, pathLenConstraint).
    pub fn basic_constraints(value: &[u8]) -> Option<(bool, Option<i64>)> {
        let bc = BasicConstraints::from_der(value).ok()?;
        Some((bc.ca, bc.path_len_constraint.map(i64::from)))
    }

    /// A BIT STRING's (unused bits, bytes).
    pub fn bit_string(value: &[u8]) -> Option<(u8, Vec<u8>)> {
        let b = der::asn1::BitString::from_der(value).ok()?;
        Some((b.unused_bits(), b.raw_bytes().to_vec()))
    }

    /// An OCTET STRING's contents (subjectKeyIdentifier).
    pub fn octet_string(value: &[u8]) -> Option<Vec<u8>> {
        SubjectKeyIdentifier::from_der(value)
            .ok()
            .map(|s| s.0.as_bytes().to_vec())
    }

    /// `X509_get_key_usage`: the keyUsage bits (first byte, then the second shifted by 8), or
    /// `UINT32_MAX` without the extension.
    pub fn key_usage(&self) -> u32 {
        match self
            .first(OID_KEY_USAGE)
            .and_then(|e| Self::bit_string(&e.value))
        {
            Some((_, b)) => {
                b.first().copied().unwrap_or(0) as u32
                    | (b.get(1).copied().unwrap_or(0) as u32) << 8
            }
            None => u32::MAX,
        }
    }

    /// `X509_get_extended_key_usage`: the `XKU_*` bits, or `UINT32_MAX` without the extension.
    pub fn extended_key_usage(&self) -> u32 {
        let Some(e) = self.first(OID_EXT_KEY_USAGE) else {
            return u32::MAX;
        };
        let Ok(eku) = ExtendedKeyUsage::from_der(&e.value) else {
            return 0;
        };
        eku.0.iter().fold(0, |acc, oid| {
            acc | match oid.to_string().as_str() {
                "1.3.6.1.5.5.7.3.1" => 0x1,
                "1.3.6.1.5.5.7.3.2" => 0x2,
                "1.3.6.1.5.5.7.3.4" => 0x4,
                "1.3.6.1.5.5.7.3.3" => 0x8,
                "2.16.840.1.113730.4.1" | "1.3.6.1.4.1.311.10.3.3" => 0x10,
                "1.3.6.1.5.5.7.3.9" => 0x20,
                "1.3.6.1.5.5.7.3.8" => 0x40,
                "1.3.6.1.5.5.7.3.10" => 0x80,
                "2.5.29.37.0" => 0x100,
                _ => 0,
            }
        })
    }

    /// `X509_get_pathlen`: the basicConstraints path length, or -1.
    pub fn pathlen(&self) -> i64 {
        self.first(OID_BASIC_CONSTRAINTS)
            .and_then(|e| Self::basic_constraints(&e.value))
            .and_then(|(_, p)| p)
            .unwrap_or(-1)
    }

    /// `X509_get_extension_flags`: OpenSSL's `EXFLAG_*` summary (the common bits: BCONS, KUSAGE,
    /// XKUSAGE, CA, SI, SS, V1, SET, CRITICAL, BCONS_CRITICAL, SAN_CRITICAL, SKID/AKID_CRITICAL).
    pub fn extension_flags(&self, self_issued: bool) -> u32 {
        let mut f = 0x100; // EXFLAG_SET
        if self.version == 0 {
            f |= 0x40; // EXFLAG_V1
        }
        if let Some(e) = self.first(OID_BASIC_CONSTRAINTS) {
            f |= 0x1;
            if e.critical {
                f |= 0x10000;
            }
            match Self::basic_constraints(&e.value) {
                Some((true, _)) => f |= 0x10,
                Some((false, Some(_))) | None => f |= 0x80, // EXFLAG_INVALID
                _ => {}
            }
        } else if self.version == 0 && self_issued {
            f |= 0x10;
        }
        let ku = self.key_usage();
        if ku != u32::MAX {
            f |= 0x2;
        }
        if self.first(OID_EXT_KEY_USAGE).is_some() {
            f |= 0x4;
        }
        let mut skid = None;
        let mut akid = None;
        for e in &self.extensions {
            match e.oid.as_str() {
                OID_SAN if e.critical => f |= 0x80000,
                OID_SKID => {
                    if e.critical {
                        f |= 0x40000;
                    }
                    skid = Self::octet_string(&e.value);
                }
                OID_AKID => {
                    if e.critical {
                        f |= 0x20000;
                    }
                    akid = AuthorityKeyIdentifier::from_der(&e.value)
                        .ok()
                        .and_then(|a| a.key_identifier)
                        .map(|k| k.as_bytes().to_vec());
                }
                _ => {}
            }
            if e.critical && !KNOWN_CRITICAL.contains(&e.oid.as_str()) {
                f |= 0x200; // EXFLAG_CRITICAL: an unhandled critical extension
            }
        }
        if self_issued {
            f |= 0x20;
            let akid_ok = match (&akid, &skid) {
                (Some(a), Some(s)) => a == s,
                _ => true,
            };
            let ku_ok = ku == u32::MAX || ku & 0x4 != 0;
            if akid_ok && ku_ok {
                f |= 0x2000;
            }
        }
        f
    }
}

/// Extensions OpenSSL 3.0 handles when critical (`X509_supported_extension`).
const KNOWN_CRITICAL: &[&str] = &[
    "2.16.840.1.113730.1.1",
    OID_KEY_USAGE,
    OID_SAN,
    OID_BASIC_CONSTRAINTS,
    "2.5.29.32",
    "2.5.29.30",
    OID_EXT_KEY_USAGE,
    "2.5.29.36",
    "2.5.29.54",
    "1.3.6.1.5.5.7.1.14",
    "1.3.6.1.5.5.7.1.7",
    "1.3.6.1.5.5.7.1.8",
];

/// What `EVP_PKEY_get_id`/`get_bits`/`get_security_bits` report for a public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyInfo {
    pub id: i32,
    pub bits: i32,
    pub security_bits: i32,
}

/// OpenSSL's security bits of an RSA modulus size (its table for the common sizes; between
/// them, the lower entry).
fn rsa_security_bits(bits: i32) -> i32 {
    const TABLE: &[(i32, i32)] = &[
        (15360, 256),
        (8192, 200),
        (7680, 192),
        (6144, 176),
        (4096, 152),
        (3072, 128),
        (2048, 112),
        (1024, 80),
        (512, 56),
    ];
    TABLE
        .iter()
        .find(|(n, _)| bits >= *n)
        .map_or(0, |&(_, s)| s)
}

/// Bit length of a big-endian unsigned integer.
pub fn num_bits(mag: &[u8]) -> i32 {
    let nz = mag.iter().position(|&b| b != 0);
    match nz {
        None => 0,
        Some(i) => ((mag.len() - i - 1) * 8) as i32 + (8 - mag[i].leading_zeros() as i32),
    }
}

/// Key type, size and strength from a SubjectPublicKeyInfo.
pub fn key_info(spki: &[u8]) -> Option<KeyInfo> {
    let info = x509_cert::spki::SubjectPublicKeyInfoRef::from_der(spki).ok()?;
    let alg = info.algorithm.oid.to_string();
    let key = info.subject_public_key.raw_bytes();
    match alg.as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => {
            // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
            let mut top = super::x509::der::Reader::new(key);
            let seq = top.expect(super::x509::der::SEQUENCE).ok()?;
            let n = super::x509::der::Reader::new(seq.value)
                .expect(super::x509::der::INTEGER)
                .ok()?;
            let bits = num_bits(n.value);
            Some(KeyInfo {
                id: if alg.ends_with(".10") { 912 } else { 6 },
                bits,
                security_bits: rsa_security_bits(bits),
            })
        }
        "1.2.840.10045.2.1" => {
            let curve = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())?
                .to_string();
            let (bits, sec) = match curve.as_str() {
                "1.2.840.10045.3.1.7" => (256, 128),
                "1.3.132.0.34" => (384, 192),
                "1.3.132.0.35" => (521, 256),
                _ => return None,
            };
            Some(KeyInfo {
                id: 408,
                bits,
                security_bits: sec,
            })
        }
        "1.3.101.112" => Some(KeyInfo {
            id: 1087,
            bits: 256,
            security_bits: 128,
        }),
        "1.3.101.113" => Some(KeyInfo {
            id: 1088,
            bits: 456,
            security_bits: 224,
        }),
        _ => None,
    }
}

/// The subjectPublicKey bits of a SubjectPublicKeyInfo (what `X509_pubkey_digest` hashes).
pub fn spki_key_bits(spki: &[u8]) -> Option<Vec<u8>> {
    let info = x509_cert::spki::SubjectPublicKeyInfoRef::from_der(spki).ok()?;
    Some(info.subject_public_key.raw_bytes().to_vec())
}

impl Certificate {
    /// The parsed fields (first use parses); None for an empty (`X509_new`) certificate or one
    /// `x509-cert` does not accept.
    pub fn fields(&self) -> Option<&Fields> {
        self.fields_cache
            .get_or_init(|| {
                if self.is_empty() {
                    None
                } else {
                    Fields::parse(self.der.as_ref())
                }
            })
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(integer_from_der(&[0x00]), (false, vec![0]));
        assert_eq!(integer_from_der(&[0x00, 0x80, 1]), (false, vec![0x80, 1]));
        assert_eq!(integer_from_der(&[0xFB]), (true, vec![5]));
        assert_eq!(integer_from_der(&[0xFF, 0x00]), (true, vec![1, 0]));
        assert_eq!(integer_from_der(&[0x80]), (true, vec![0x80]));
        assert_eq!(num_bits(&[0, 1, 0]), 9);
        assert_eq!(num_bits(&[0]), 0);
    }

    #[test]
    fn security_bits() {
        assert_eq!(rsa_security_bits(2048), 112);
        assert_eq!(rsa_security_bits(3072), 128);
        assert_eq!(rsa_security_bits(4096), 152);
    }
}
