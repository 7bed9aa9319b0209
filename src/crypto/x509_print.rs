//! The text of `X509_print_ex` (`openssl x509 -text`) for the native backend, laid out as
//! OpenSSL 3.0.19 prints it (measured with `c-tests/test_x509_print.c` over the suite's
//! certificates): header, version, serial, signature algorithm, issuer, validity, subject,
//! SubjectPublicKeyInfo (RSA, EC on named curves, Ed25519/Ed448), the X509v3 extensions and
//! the signature dump, each part dropped by its `X509_FLAG_NO_*` bit.
//!
//! The names are not printed here: [`pieces`] leaves [`Piece::Issuer`] and [`Piece::Subject`]
//! where the caller writes the name with `X509_NAME_print_ex` and the name flags.

use super::objects;
use super::x509_fields::{
    integer_from_der, num_bits, Fields, OID_AKID, OID_BASIC_CONSTRAINTS, OID_EXT_KEY_USAGE,
    OID_KEY_USAGE, OID_SAN, OID_SKID,
};
use super::x509_name::long_name;

const OID_IAN: &str = "2.5.29.18";
const OID_CRLDP: &str = "2.5.29.31";
const OID_POLICIES: &str = "2.5.29.32";
const OID_AIA: &str = "1.3.6.1.5.5.7.1.1";
const OID_NS_COMMENT: &str = "2.16.840.1.113730.1.13";
const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
const OID_SCT_LIST: &str = "1.3.6.1.4.1.11129.2.4.2";
use core::ffi::c_ulong;
use der::Decode;
use std::fmt::Write as _;

/// `X509_FLAG_*` bits of the `cflag` argument.
pub const X509_FLAG_NO_HEADER: c_ulong = 1;
pub const X509_FLAG_NO_VERSION: c_ulong = 1 << 1;
pub const X509_FLAG_NO_SERIAL: c_ulong = 1 << 2;
pub const X509_FLAG_NO_SIGNAME: c_ulong = 1 << 3;
pub const X509_FLAG_NO_ISSUER: c_ulong = 1 << 4;
pub const X509_FLAG_NO_VALIDITY: c_ulong = 1 << 5;
pub const X509_FLAG_NO_SUBJECT: c_ulong = 1 << 6;
pub const X509_FLAG_NO_PUBKEY: c_ulong = 1 << 7;
pub const X509_FLAG_NO_EXTENSIONS: c_ulong = 1 << 8;
pub const X509_FLAG_NO_SIGDUMP: c_ulong = 1 << 9;
pub const X509_FLAG_EXTENSIONS_ONLY_KID: c_ulong = 1 << 13;

/// One part of the printed certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// The issuer name, printed with the name flags and this indent.
    Issuer(i32),
    /// The subject name, printed with the name flags and this indent.
    Subject(i32),
}

/// `i2a_ASN1_OBJECT`'s text of a dotted OID: the long name when the table knows it.
pub fn object_text(oid: &str) -> String {
    objects::by_oid(oid).map_or_else(|| oid.to_string(), |o| long_name(&o).to_string())
}

/// Bytes as `xx:xx:...` lines of `per_line` bytes, each line indented by `indent` and ended
/// by a newline (`ASN1_buf_print`).
fn hex_lines(out: &mut String, bytes: &[u8], per_line: usize, indent: usize) {
    for (i, b) in bytes.iter().enumerate() {
        if i % per_line == 0 {
            out.push_str(&" ".repeat(indent));
        }
        let _ = write!(out, "{b:02x}");
        if i + 1 != bytes.len() {
            out.push(':');
        }
        if i % per_line == per_line - 1 || i + 1 == bytes.len() {
            out.push('\n');
        }
    }
}

/// The `Serial Number:` line(s).
fn serial_text(neg: bool, mag: &[u8]) -> String {
    // OpenSSL reads it as a long when it has at most 8 bytes and fits; -1 means "did not".
    let fits = mag.len() <= 8 && {
        let v = mag.iter().fold(0u128, |a, &b| a << 8 | b as u128);
        let l = if neg { -(v as i128) } else { v as i128 };
        (i64::MIN as i128..=i64::MAX as i128).contains(&l) && l != -1
    };
    if fits {
        let v = mag.iter().fold(0u64, |a, &b| a << 8 | b as u64);
        let sign = if neg { "-" } else { "" };
        format!("        Serial Number: {sign}{v} ({sign}0x{v:x})\n")
    } else {
        let mut s = String::from("        Serial Number:\n            ");
        if neg {
            s.push_str(" (Negative)");
        }
        let hex: Vec<String> = mag.iter().map(|b| format!("{b:02x}")).collect();
        s.push_str(&hex.join(":"));
        s.push('\n');
        s
    }
}

/// The RSASSA-PSS parameters as OpenSSL prints them after a signature algorithm name:
/// eight spaces, a newline, then Hash/Mask/Salt/Trailer lines at indent 8 (the last without
/// its newline). None for parameters it cannot read.
fn pss_params(params: Option<&der::Any>) -> Option<String> {
    use super::x509::der::{Reader, INTEGER, SEQUENCE};
    use der::Encode;
    let der_bytes = params?.to_der().ok()?;
    let mut top = Reader::new(&der_bytes);
    let seq = top.expect(SEQUENCE).ok()?;
    let mut r = Reader::new(seq.value);
    let alg_name = |v: &[u8]| -> Option<(String, Vec<u8>)> {
        // AlgorithmIdentifier: SEQUENCE { OID, params }; returns the name and the params DER.
        let mut a = Reader::new(v);
        let alg = a.expect(SEQUENCE).ok()?;
        let mut b = Reader::new(alg.value);
        let oid = b.expect(0x06).ok()?;
        let rest = b.any().ok().map(|t| t.value.to_vec()).unwrap_or_default();
        let oid = super::asn1_text::oid_text(oid.value)?;
        Some((object_text(&oid), rest))
    };
    let hash = match r.optional(0xa0).ok()? {
        Some(t) => alg_name(t.value)?.0,
        None => "sha1 (default)".to_string(),
    };
    let mask = match r.optional(0xa1).ok()? {
        Some(t) => {
            let (name, p) = alg_name(t.value)?;
            // MGF1's parameter is the hash AlgorithmIdentifier (its contents here).
            let mut full = vec![SEQUENCE, p.len() as u8];
            if p.len() > 127 {
                return None;
            }
            full.extend_from_slice(&p);
            format!("{name} with {}", alg_name(&full)?.0)
        }
        None => "mgf1 with sha1 (default)".to_string(),
    };
    let int_hex = |v: &[u8]| -> Option<String> {
        let t = Reader::new(v).expect(INTEGER).ok()?;
        let (_, mag) = integer_from_der(t.value);
        Some(mag.iter().map(|b| format!("{b:02X}")).collect())
    };
    let salt = match r.optional(0xa2).ok()? {
        Some(t) => int_hex(t.value)?,
        None => "14 (default)".to_string(),
    };
    let trailer = match r.optional(0xa3).ok()? {
        Some(t) => int_hex(t.value)?,
        None => "01 (default)".to_string(),
    };
    let pad = " ".repeat(8);
    Some(format!(
        "{pad}\n{pad}Hash Algorithm: {hash}\n{pad}Mask Algorithm: {mask}\n{pad} Salt Length: \
         0x{salt}\n{pad}Trailer Field: 0x{trailer}"
    ))
}

/// The public key part at indent 16; None for a key this printer does not know.
fn pubkey_text(spki: &x509_cert::spki::SubjectPublicKeyInfoOwned) -> Option<String> {
    let alg = spki.algorithm.oid.to_string();
    let key = spki.subject_public_key.raw_bytes();
    let mut s = String::new();
    let pad = " ".repeat(16);
    match alg.as_str() {
        "1.2.840.113549.1.1.1" | OID_RSA_PSS => {
            if alg == OID_RSA_PSS && spki.algorithm.parameters.is_some() {
                return None; // PSS parameter restrictions: not printed natively
            }
            let mut top = super::x509::der::Reader::new(key);
            let seq = top.expect(super::x509::der::SEQUENCE).ok()?;
            let mut r = super::x509::der::Reader::new(seq.value);
            let n = r.expect(super::x509::der::INTEGER).ok()?;
            let e = r.expect(super::x509::der::INTEGER).ok()?;
            let (nneg, nmag) = integer_from_der(n.value);
            let (eneg, emag) = integer_from_der(e.value);
            if nneg || eneg || emag.len() > 8 {
                return None;
            }
            let _ = writeln!(s, "{pad}Public-Key: ({} bit)", num_bits(&nmag));
            let _ = writeln!(s, "{pad}Modulus:");
            let mut m = nmag;
            if m.first().is_some_and(|b| b & 0x80 != 0) {
                m.insert(0, 0);
            }
            hex_lines(&mut s, &m, 15, 20);
            let ev = emag.iter().fold(0u64, |a, &b| a << 8 | b as u64);
            let _ = writeln!(s, "{pad}Exponent: {ev} (0x{ev:x})");
            if alg == OID_RSA_PSS {
                let _ = writeln!(s, "{pad}No PSS parameter restrictions");
            }
        }
        "1.2.840.10045.2.1" => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())?
                .to_string();
            let (bits, name, nist) = match curve.as_str() {
                "1.2.840.10045.3.1.7" => (256, "prime256v1", "P-256"),
                "1.3.132.0.34" => (384, "secp384r1", "P-384"),
                "1.3.132.0.35" => (521, "secp521r1", "P-521"),
                _ => return None,
            };
            let _ = writeln!(s, "{pad}Public-Key: ({bits} bit)");
            let _ = writeln!(s, "{pad}pub:");
            hex_lines(&mut s, key, 15, 20);
            let _ = writeln!(s, "{pad}ASN1 OID: {name}");
            let _ = writeln!(s, "{pad}NIST CURVE: {nist}");
        }
        "1.3.101.112" | "1.3.101.113" => {
            let kind = if alg.ends_with("112") {
                "ED25519"
            } else {
                "ED448"
            };
            let _ = writeln!(s, "{pad}{kind} Public-Key:");
            let _ = writeln!(s, "{pad}pub:");
            hex_lines(&mut s, key, 15, 20);
        }
        _ => return None,
    }
    Some(s)
}

const KEY_USAGE_NAMES: [&str; 9] = [
    "Digital Signature",
    "Non Repudiation",
    "Key Encipherment",
    "Data Encipherment",
    "Key Agreement",
    "Certificate Sign",
    "CRL Sign",
    "Encipher Only",
    "Decipher Only",
];

/// Upper-case `XX:XX` (`OPENSSL_buf2hexstr`).
fn hex_upper(b: &[u8]) -> String {
    b.iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The text of a name as `i2v_GENERAL_NAME` (`i2v` true: SAN, IAN, AIA, AKID) or
/// `GENERAL_NAME_print` (CRL distribution points) write it; None for the kinds not printed
/// natively (X400, EDI party, othername values other than UTF8String, and for
/// `GENERAL_NAME_print` othername and DirName).
fn general_name(g: &x509_cert::ext::pkix::name::GeneralName, i2v: bool) -> Option<String> {
    use x509_cert::ext::pkix::name::GeneralName as G;
    Some(match g {
        G::Rfc822Name(s) => format!("email:{}", s.as_str()),
        G::DnsName(s) => format!("DNS:{}", s.as_str()),
        G::UniformResourceIdentifier(s) => format!("URI:{}", s.as_str()),
        G::IpAddress(o) => match o.as_bytes() {
            [a, b, c, d] => format!("IP Address:{a}.{b}.{c}.{d}"),
            b if b.len() == 16 => {
                let groups: Vec<String> = b
                    .chunks(2)
                    .map(|c| format!("{:X}", (c[0] as u16) << 8 | c[1] as u16))
                    .collect();
                format!("IP Address:{}", groups.join(":"))
            }
            _ => "IP Address:<invalid>".to_string(),
        },
        G::RegisteredId(o) => format!("Registered ID:{}", object_text(&o.to_string())),
        G::OtherName(o) if i2v => {
            let v = o.value.decode_as::<String>().ok()?;
            let oid = o.type_id.to_string();
            match oid.as_str() {
                "1.3.6.1.4.1.311.20.2.3" => format!("othername: UPN::{v}"),
                "1.3.6.1.5.5.7.8.9" => format!("othername: SmtpUTF8Mailbox::{v}"),
                "1.3.6.1.5.5.7.8.5" | "1.3.6.1.5.5.7.8.7" | "1.3.6.1.5.5.7.8.8" => return None,
                _ => format!("othername: {}::{v}", object_text(&oid)),
            }
        }
        G::DirectoryName(n) if i2v => {
            use der::Encode;
            let der = n.to_der().ok()?;
            let name = super::x509::Name::from_der(&der).ok()?;
            format!("DirName:{}", name.oneline())
        }
        _ => return None,
    })
}

/// The value text of an extension OpenSSL has a printer for and this module knows, without
/// the indent and final newline; None to fall back to the raw dump.
fn ext_value(oid: &str, value: &[u8]) -> Option<String> {
    match oid {
        OID_BASIC_CONSTRAINTS => {
            let (ca, pathlen) = Fields::basic_constraints(value)?;
            let mut s = format!("CA:{}", if ca { "TRUE" } else { "FALSE" });
            if let Some(p) = pathlen {
                let _ = write!(s, ", pathlen:{p}");
            }
            Some(s)
        }
        OID_KEY_USAGE => {
            let (_, bytes) = Fields::bit_string(value)?;
            let names: Vec<&str> = KEY_USAGE_NAMES
                .iter()
                .enumerate()
                .filter(|(i, _)| bytes.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0))
                .map(|(_, n)| *n)
                .collect();
            Some(names.join(", "))
        }
        OID_EXT_KEY_USAGE => {
            let eku = x509_cert::ext::pkix::ExtendedKeyUsage::from_der(value).ok()?;
            let names: Vec<String> = eku.0.iter().map(|o| object_text(&o.to_string())).collect();
            Some(names.join(", "))
        }
        OID_SAN | OID_IAN => {
            let san = x509_cert::ext::pkix::SubjectAltName::from_der(value).ok()?;
            let items: Option<Vec<String>> = san.0.iter().map(|g| general_name(g, true)).collect();
            Some(items?.join(", "))
        }
        OID_CRLDP => {
            let dps = x509_cert::ext::pkix::CrlDistributionPoints::from_der(value).ok()?;
            let mut lines = Vec::new();
            for dp in dps.0.iter() {
                if dp.reasons.is_some() || dp.crl_issuer.is_some() {
                    return None;
                }
                match &dp.distribution_point {
                    Some(x509_cert::ext::pkix::name::DistributionPointName::FullName(names)) => {
                        lines.push("Full Name:".to_string());
                        for n in names {
                            lines.push(format!("  {}", general_name(n, false)?));
                        }
                    }
                    _ => return None,
                }
            }
            Some(lines.join(&format!("\n{}", " ".repeat(16))))
        }
        OID_AIA => {
            let aia = x509_cert::ext::pkix::AuthorityInfoAccessSyntax::from_der(value).ok()?;
            let lines: Option<Vec<String>> = aia
                .0
                .iter()
                .map(|a| {
                    Some(format!(
                        "{} - {}",
                        object_text(&a.access_method.to_string()),
                        general_name(&a.access_location, true)?
                    ))
                })
                .collect();
            Some(lines?.join(&format!("\n{}", " ".repeat(16))))
        }
        OID_POLICIES => {
            use x509_cert::ext::pkix::CertificatePolicies;
            let pols = CertificatePolicies::from_der(value).ok()?;
            let mut lines = Vec::new();
            for p in pols.0.iter() {
                lines.push(format!(
                    "Policy: {}",
                    object_text(&p.policy_identifier.to_string())
                ));
                for q in p.policy_qualifiers.iter().flatten() {
                    if q.policy_qualifier_id.to_string() != "1.3.6.1.5.5.7.2.1" {
                        return None; // userNotice
                    }
                    let cps = q
                        .qualifier
                        .as_ref()?
                        .decode_as::<der::asn1::Ia5String>()
                        .ok()?;
                    lines.push(format!("  CPS: {}", cps.as_str()));
                }
            }
            Some(lines.join(&format!("\n{}", " ".repeat(16))))
        }
        OID_SCT_LIST => sct_list(value),
        OID_NS_COMMENT => {
            let c = der::asn1::Ia5String::from_der(value).ok()?;
            Some(c.as_str().to_string())
        }
        OID_SKID => Fields::octet_string(value).map(|b| hex_upper(&b)),
        OID_AKID => {
            let akid = x509_cert::ext::pkix::AuthorityKeyIdentifier::from_der(value).ok()?;
            let long =
                akid.authority_cert_issuer.is_some() || akid.authority_cert_serial_number.is_some();
            let mut lines = Vec::new();
            if let Some(k) = &akid.key_identifier {
                let prefix = if long { "keyid:" } else { "" };
                lines.push(format!("{prefix}{}", hex_upper(k.as_bytes())));
            }
            for n in akid.authority_cert_issuer.iter().flatten() {
                lines.push(general_name(n, true)?);
            }
            if let Some(sn) = &akid.authority_cert_serial_number {
                let (_, mag) = integer_from_der(sn.as_bytes());
                lines.push(format!("serial:{}", hex_upper(&mag)));
            }
            Some(lines.join(&format!("\n{}", " ".repeat(16))))
        }
        _ => None,
    }
}

/// Upper-case hex, 16 bytes a line, continuation lines indented by `indent`.
fn hex_block(b: &[u8], indent: usize) -> String {
    let mut s = String::new();
    for (i, x) in b.iter().enumerate() {
        let _ = write!(s, "{x:02X}");
        if i + 1 != b.len() {
            s.push(':');
            if i % 16 == 15 {
                s.push('\n');
                s.push_str(&" ".repeat(indent));
            }
        }
    }
    s
}

/// The CT precertificate SCT list (an OCTET STRING holding the TLS-encoded list) as
/// OpenSSL's `SCT_LIST_print` writes it at indent 16; None for what it is not printed natively
/// (versions other than v1, hash/signature pairs other than SHA-256 with RSA or ECDSA).
fn sct_list(value: &[u8]) -> Option<String> {
    fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        if b.len() < n {
            return None;
        }
        let (h, t) = b.split_at(n);
        *b = t;
        Some(h)
    }
    fn u16_of(b: &mut &[u8]) -> Option<usize> {
        take(b, 2).map(|v| (v[0] as usize) << 8 | v[1] as usize)
    }
    let outer = der::asn1::OctetString::from_der(value).ok()?;
    let mut b = outer.as_bytes();
    let n = u16_of(&mut b)?;
    let mut list = take(&mut b, n)?;
    if !b.is_empty() {
        return None;
    }
    let pad = " ".repeat(16);
    let mut out = Vec::new();
    while !list.is_empty() {
        let n = u16_of(&mut list)?;
        let mut sct = take(&mut list, n)?;
        if take(&mut sct, 1)? != [0] {
            return None;
        }
        let log_id = take(&mut sct, 32)?;
        let ts = take(&mut sct, 8)?
            .iter()
            .fold(0u64, |a, &x| a << 8 | x as u64);
        let n = u16_of(&mut sct)?;
        let ext = take(&mut sct, n)?;
        let alg = take(&mut sct, 2)?;
        let sig_name = match alg {
            [4, 1] => "sha256WithRSAEncryption",
            [4, 3] => "ecdsa-with-SHA256",
            _ => return None,
        };
        let n = u16_of(&mut sct)?;
        let sig = take(&mut sct, n)?;
        if !sct.is_empty() {
            return None;
        }
        let secs = i64::try_from(ts / 1000).ok()?;
        let c = crate::ffi::asn1_time::Civil::from_epoch(secs);
        let gen = format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}.{:03}Z",
            c.year,
            c.mon,
            c.day,
            c.hour,
            c.min,
            c.sec,
            ts % 1000
        );
        let time = crate::ffi::asn1_time::print_form(24, gen.as_bytes())?;
        let mut t = String::from("Signed Certificate Timestamp:\n");
        let _ = writeln!(t, "{pad}    Version   : v1 (0x0)");
        let _ = writeln!(t, "{pad}    Log ID    : {}", hex_block(log_id, 32));
        let _ = writeln!(t, "{pad}    Timestamp : {time}");
        if ext.is_empty() {
            let _ = writeln!(t, "{pad}    Extensions: none");
        } else {
            let _ = writeln!(t, "{pad}    Extensions: {}", hex_block(ext, 32));
        }
        let _ = writeln!(t, "{pad}    Signature : {sig_name}");
        let _ = write!(t, "{pad}                {}", hex_block(sig, 32));
        out.push(t);
    }
    Some(out.join(&format!("\n{pad}")))
}

/// `ASN1_STRING_print` of an extension value OpenSSL cannot print: the bytes, with `.` for
/// what is not printable ASCII (newlines and carriage returns kept).
fn raw_dump(value: &[u8]) -> String {
    value
        .iter()
        .map(|&b| {
            if b > b'~' || (b < b' ' && b != b'\n' && b != b'\r') {
                '.'
            } else {
                b as char
            }
        })
        .collect()
}

/// The printed certificate for `der` (None when `x509-cert` does not parse it or a time is
/// malformed). What this module cannot render as OpenSSL does is printed the nearest way: an
/// extension OpenSSL has a printer for but this module has not (certificate policies, CRL
/// distribution points, authority info access, an AKID with issuer and serial, a SAN with a
/// directory name or othername, ...) is dumped raw as OpenSSL dumps unknown ones; RSA-PSS
/// parameters are not printed; a key of another type prints `Unable to load Public Key`.
pub fn pieces(der: &[u8], f: &Fields, nmflag: c_ulong, cflag: c_ulong) -> Option<Vec<Piece>> {
    let cert = x509_cert::Certificate::from_der(der).ok()?;
    let mut out = Vec::new();
    let mut s = String::new();
    // XN_FLAG_SEP_MULTILINE puts the name on its own lines; XN_FLAG_COMPAT indents by 16.
    let multiline = nmflag & (0xf << 16) == 4 << 16;
    let mlch = if multiline { '\n' } else { ' ' };
    let nmindent = if multiline {
        12
    } else if nmflag == 0 {
        16
    } else {
        0
    };
    if cflag & X509_FLAG_NO_HEADER == 0 {
        s.push_str("Certificate:\n    Data:\n");
    }
    if cflag & X509_FLAG_NO_VERSION == 0 {
        let v = f.version;
        if (0..=2).contains(&v) {
            let _ = writeln!(s, "        Version: {} (0x{v:x})", v + 1);
        } else {
            let _ = writeln!(s, "        Version: Unknown ({v})");
        }
    }
    if cflag & X509_FLAG_NO_SERIAL == 0 {
        s.push_str(&serial_text(f.serial_neg, &f.serial_mag));
    }
    let tbs_sig = cert.tbs_certificate.signature.oid.to_string();
    if cflag & X509_FLAG_NO_SIGNAME == 0 {
        let _ = write!(s, "        Signature Algorithm: {}", object_text(&tbs_sig));
        if tbs_sig == OID_RSA_PSS {
            let p = pss_params(cert.tbs_certificate.signature.parameters.as_ref());
            s.push_str(&p.unwrap_or_default());
        }
        s.push('\n');
    }
    if cflag & X509_FLAG_NO_ISSUER == 0 {
        let _ = write!(s, "        Issuer:{mlch}");
        out.push(Piece::Text(std::mem::take(&mut s)));
        out.push(Piece::Issuer(nmindent));
        s.push('\n');
    }
    if cflag & X509_FLAG_NO_VALIDITY == 0 {
        let nb = crate::ffi::asn1_time::print_form(f.not_before.0, &f.not_before.1)?;
        let na = crate::ffi::asn1_time::print_form(f.not_after.0, &f.not_after.1)?;
        let _ = write!(
            s,
            "        Validity\n            Not Before: {nb}\n            Not After : {na}\n"
        );
    }
    if cflag & X509_FLAG_NO_SUBJECT == 0 {
        let _ = write!(s, "        Subject:{mlch}");
        out.push(Piece::Text(std::mem::take(&mut s)));
        out.push(Piece::Subject(nmindent));
        s.push('\n');
    }
    if cflag & X509_FLAG_NO_PUBKEY == 0 {
        let spki = &cert.tbs_certificate.subject_public_key_info;
        s.push_str("        Subject Public Key Info:\n");
        let _ = writeln!(
            s,
            "            Public Key Algorithm: {}",
            object_text(&spki.algorithm.oid.to_string())
        );
        match pubkey_text(spki) {
            Some(t) => s.push_str(&t),
            None => s.push_str("            Unable to load Public Key\n"),
        }
    }
    // issuerUID / subjectUID (X509_FLAG_NO_IDS) are not printed natively.
    if cflag & X509_FLAG_NO_EXTENSIONS == 0 && !f.extensions.is_empty() {
        s.push_str("        X509v3 extensions:\n");
        for e in &f.extensions {
            if cflag & X509_FLAG_EXTENSIONS_ONLY_KID != 0 && e.oid != OID_SKID && e.oid != OID_AKID
            {
                continue;
            }
            let _ = writeln!(
                s,
                "            {}: {}",
                object_text(&e.oid),
                if e.critical { "critical" } else { "" }
            );
            let text = ext_value(&e.oid, &e.value).unwrap_or_else(|| raw_dump(&e.value));
            let _ = writeln!(s, "                {text}");
        }
    }
    if cflag & X509_FLAG_NO_SIGDUMP == 0 {
        let alg = cert.signature_algorithm.oid.to_string();
        let _ = write!(
            s,
            "    Signature Algorithm: {}\n    Signature Value:",
            object_text(&alg)
        );
        if alg == OID_RSA_PSS {
            let p = pss_params(cert.signature_algorithm.parameters.as_ref());
            s.push_str(&p.unwrap_or_default());
        }
        let sig = cert.signature.raw_bytes();
        for (i, b) in sig.iter().enumerate() {
            if i % 18 == 0 {
                s.push_str("\n        ");
            }
            let _ = write!(s, "{b:02x}");
            if i + 1 != sig.len() {
                s.push(':');
            }
        }
        s.push('\n');
    }
    if !s.is_empty() {
        out.push(Piece::Text(s));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials() {
        assert_eq!(serial_text(false, &[1]), "        Serial Number: 1 (0x1)\n");
        assert_eq!(
            serial_text(true, &[5]),
            "        Serial Number: -5 (-0x5)\n"
        );
        assert_eq!(
            serial_text(true, &[1]),
            "        Serial Number:\n             (Negative)01\n"
        );
        assert_eq!(
            serial_text(false, &[1, 0, 0, 0, 0, 0, 0, 0, 0]),
            "        Serial Number:\n            01:00:00:00:00:00:00:00:00\n"
        );
    }

    /// Mutated DER of certificates with every printed extension through the printer and the
    /// extension printers: no panic. `SSLRS_FUZZ_ITERATIONS` sets the count (default 20,000).
    #[test]
    fn fuzz_printer() {
        use rustls_pki_types::pem::PemObject;
        const SEEDS: &[&str] = &[
            include_str!("../../c-tests/certs/print/ext.pem"),
            include_str!("../../c-tests/certs/print/ext2.pem"),
            include_str!("../../c-tests/certs/print/sct.pem"),
            include_str!("../../c-tests/certs/print/pss.pem"),
            include_str!("../../c-tests/certs/fields/rsa2048.pem"),
            include_str!("../../c-tests/certs/server-ed25519.pem"),
        ];
        let seeds: Vec<Vec<u8>> = SEEDS
            .iter()
            .map(|p| {
                rustls_pki_types::CertificateDer::from_pem_slice(p.as_bytes())
                    .unwrap()
                    .to_vec()
            })
            .collect();
        let n: u64 = std::env::var("SSLRS_FUZZ_ITERATIONS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20_000);
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut rnd = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for i in 0..n {
            let mut der = seeds[(i as usize) % seeds.len()].clone();
            for _ in 0..1 + rnd() % 4 {
                let pos = (rnd() as usize) % der.len();
                match rnd() % 3 {
                    0 => der[pos] = rnd() as u8,
                    1 => der[pos] ^= 1 << (rnd() % 8),
                    _ => {
                        der.truncate(pos.max(1));
                    }
                }
            }
            if let Some(f) = Fields::parse(&der) {
                let _ = pieces(&der, &f, 0, 0);
                for e in &f.extensions {
                    let _ = ext_value(&e.oid, &e.value);
                }
            }
            // The extension printers on raw mutated bytes too.
            for oid in [
                OID_SAN,
                OID_CRLDP,
                OID_AIA,
                OID_POLICIES,
                OID_AKID,
                OID_SCT_LIST,
            ] {
                let _ = ext_value(oid, &der[..der.len().min(200)]);
            }
            let _ = sct_list(&der);
        }
    }

    #[test]
    fn hex() {
        let mut s = String::new();
        hex_lines(&mut s, &[1, 2, 3], 2, 1);
        assert_eq!(s, " 01:02:\n 03\n");
    }
}
