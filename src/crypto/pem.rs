//! PEM reading (native backend).
//!
//! Whole buffers and files go through rustls-pki-types' PEM parser. Streams (`PEM_read_bio_*`,
//! `PEM_read_*` on a `FILE*`) are read line by line and stop right after the END line, so the
//! stream is left where OpenSSL leaves it (the next block can be read by the next call).

use crate::crypto::x509::Certificate;
use crate::error::{common, lib, Error, Result};
use rustls_pki_types::pem::{self, PemObject, SectionKind};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::Path;

/// `ERR_LIB_OSSL_DECODER` (err.h): OpenSSL 3's key decoders report here.
pub const LIB_OSSL_DECODER: i32 = 60;
/// `PEM_R_BAD_BASE64_DECODE` (pemerr.h).
pub const PEM_R_BAD_BASE64_DECODE: i32 = 100;
/// `PEM_R_BAD_END_LINE` (pemerr.h).
pub const PEM_R_BAD_END_LINE: i32 = 102;
/// `PEM_R_NO_START_LINE` (pemerr.h).
pub const PEM_R_NO_START_LINE: i32 = 108;

/// `0480006C` no start line, func `get_name`, data `Expecting: <label>` (as OpenSSL queues it).
pub fn no_start_line(expecting: &str) -> Error {
    Error::new(lib::PEM, PEM_R_NO_START_LINE, "get_name")
        .with_data(format!("Expecting: {expecting}"))
}

/// `1E08010C` DECODER unsupported: what OpenSSL 3 queues first when no private key is found.
pub fn no_key_decoded() -> Error {
    Error::new(
        LIB_OSSL_DECODER,
        common::UNSUPPORTED,
        "OSSL_DECODER_from_bio",
    )
    .with_data("No supported data to decode. Input type: PEM")
}

/// The first entry OpenSSL queues when a file cannot be opened (`80000002`, func `file_ctrl`,
/// data `calling fopen(<path>, r)`). OpenSSL then adds `BIO_R_SYS_LIB` and the caller's
/// `SSL_R_SYS_LIB`/`ERR_R_SYS_LIB` entry; the caller pushes those if it wants the full stack.
pub fn open_error(path: &Path, e: &std::io::Error) -> Error {
    Error::system(e.raw_os_error().unwrap_or(libc::ENOENT), "file_ctrl")
        .with_data(format!("calling fopen({}, r)", path.display()))
}

fn map_pem_error(e: pem::Error, expecting: &str) -> Error {
    match e {
        pem::Error::Base64Decode(_) => {
            Error::new(lib::PEM, PEM_R_BAD_BASE64_DECODE, "PEM_read_bio_ex")
        }
        _ => no_start_line(expecting),
    }
}

/// All CERTIFICATE blocks of `bytes`, in order. Each must parse as a certificate. No block at
/// all gives `PEM_R_NO_START_LINE`.
pub fn read_certs(bytes: &[u8]) -> Result<Vec<CertificateDer<'static>>> {
    let mut out = Vec::new();
    for item in CertificateDer::pem_slice_iter(bytes) {
        let der = item.map_err(|e| map_pem_error(e, "CERTIFICATE"))?;
        Certificate::from_der(der.clone())?;
        out.push(der);
    }
    if out.is_empty() {
        return Err(no_start_line("CERTIFICATE"));
    }
    Ok(out)
}

/// The contents of every `X509 CRL` block of `bytes`, in order (blocks that do not decode are
/// skipped: a CA file's certificates are what its loaders insist on).
pub fn read_crls(bytes: &[u8]) -> Vec<Vec<u8>> {
    rustls_pki_types::CertificateRevocationListDer::pem_slice_iter(bytes)
        .filter_map(|item| item.ok())
        .map(|d| d.as_ref().to_vec())
        .collect()
}

/// [`read_certs`] on a file; a file that cannot be read gives [`open_error`].
pub fn read_certs_file(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let bytes = std::fs::read(path).map_err(|e| open_error(path, &e))?;
    read_certs(&bytes)
}

/// The first private key of `bytes`: PKCS#8 `PRIVATE KEY`, PKCS#1 `RSA PRIVATE KEY` or SEC1
/// `EC PRIVATE KEY`; other blocks (e.g. `EC PARAMETERS`) are skipped. None gives the DECODER
/// error OpenSSL 3 queues first.
pub fn read_private_key(bytes: &[u8]) -> Result<PrivateKeyDer<'static>> {
    match PrivateKeyDer::from_pem_slice(bytes) {
        Ok(k) => Ok(k),
        Err(pem::Error::Base64Decode(_)) => Err(Error::new(
            lib::PEM,
            PEM_R_BAD_BASE64_DECODE,
            "PEM_read_bio_ex",
        )),
        Err(_) => Err(no_key_decoded()),
    }
}

/// [`read_private_key`] on a file; a file that cannot be read gives [`open_error`].
pub fn read_private_key_file(path: &Path) -> Result<PrivateKeyDer<'static>> {
    let bytes = std::fs::read(path).map_err(|e| open_error(path, &e))?;
    read_private_key(&bytes)
}

/// What a stream reader is looking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// `CERTIFICATE` or `X509 CERTIFICATE`.
    Certificate,
    /// `PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`.
    PrivateKey,
}

impl Want {
    /// The canonical label a found label maps to, or `None` to skip the block.
    fn canonical(self, label: &str) -> Option<&'static str> {
        match (self, label) {
            (Want::Certificate, "CERTIFICATE" | "X509 CERTIFICATE") => Some("CERTIFICATE"),
            (Want::PrivateKey, "PRIVATE KEY") => Some("PRIVATE KEY"),
            (Want::PrivateKey, "RSA PRIVATE KEY") => Some("RSA PRIVATE KEY"),
            (Want::PrivateKey, "EC PRIVATE KEY") => Some("EC PRIVATE KEY"),
            (Want::PrivateKey, "ENCRYPTED PRIVATE KEY") => Some("ENCRYPTED PRIVATE KEY"),
            _ => None,
        }
    }

    fn expecting(self) -> &'static str {
        match self {
            Want::Certificate => "CERTIFICATE",
            Want::PrivateKey => "ANY PRIVATE KEY",
        }
    }

    fn not_found(self) -> Error {
        match self {
            Want::Certificate => no_start_line("CERTIFICATE"),
            Want::PrivateKey => no_key_decoded(),
        }
    }
}

/// Reads one line (without its `\n` / `\r\n`) from a byte source; `None` at end of input.
fn read_line(next: &mut dyn FnMut() -> Option<u8>) -> Option<Vec<u8>> {
    let mut line = Vec::new();
    loop {
        match next() {
            Some(b'\n') => break,
            Some(b) => line.push(b),
            None if line.is_empty() => return None,
            None => break,
        }
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Some(line)
}

fn label_of<'a>(line: &'a [u8], prefix: &str) -> Option<&'a str> {
    let s = std::str::from_utf8(line).ok()?.trim_end();
    s.strip_prefix(prefix)?.strip_suffix("-----")
}

/// Reads from a stream up to and including the END line of the first block `want` accepts
/// (skipping other blocks), and returns its canonical label and its body (the lines between
/// BEGIN and END, each ended by `\n`, headers included). Bytes after that END line are left
/// unread.
fn read_stream_raw(
    next: &mut dyn FnMut() -> Option<u8>,
    want: Want,
) -> Result<(&'static str, Vec<u8>)> {
    loop {
        // Find a BEGIN line.
        let label = loop {
            let Some(line) = read_line(next) else {
                return Err(want.not_found());
            };
            if let Some(l) = label_of(&line, "-----BEGIN ") {
                break l.to_string();
            }
        };
        let canonical = want.canonical(&label);
        let mut body = Vec::new();
        let mut ended = false;
        while let Some(line) = read_line(next) {
            if let Some(end) = label_of(&line, "-----END ") {
                if end == label {
                    ended = true;
                    break;
                }
                return Err(
                    Error::new(lib::PEM, PEM_R_BAD_END_LINE, "get_header_and_data")
                        .with_data(format!("Expecting: {}", want.expecting())),
                );
            }
            body.extend_from_slice(&line);
            body.push(b'\n');
        }
        if !ended {
            return Err(
                Error::new(lib::PEM, PEM_R_BAD_END_LINE, "get_header_and_data")
                    .with_data(format!("Expecting: {}", want.expecting())),
            );
        }
        let Some(canonical) = canonical else { continue };
        return Ok((canonical, body));
    }
}

/// Decodes the body of an unencrypted block read by [`read_stream_raw`].
fn decode_block(canonical: &str, body: &[u8], want: Want) -> Result<(SectionKind, Vec<u8>)> {
    if body.contains(&b':') {
        // Proc-Type / DEK-Info headers on a block that cannot carry them.
        return Err(Error::unsupported(lib::PEM, "encrypted PEM"));
    }
    let mut text = format!("-----BEGIN {canonical}-----\n").into_bytes();
    text.extend_from_slice(body);
    text.extend_from_slice(format!("-----END {canonical}-----\n").as_bytes());
    <(SectionKind, Vec<u8>)>::from_pem_slice(&text).map_err(|e| map_pem_error(e, want.expecting()))
}

/// Reads from a stream up to and including the END line of the first block `want` accepts
/// (skipping other blocks), and returns its label and DER. Bytes after that END line are left
/// unread.
pub fn read_stream_block(
    next: &mut dyn FnMut() -> Option<u8>,
    want: Want,
) -> Result<(SectionKind, Vec<u8>)> {
    let (canonical, body) = read_stream_raw(next, want)?;
    decode_block(canonical, &body, want)
}

/// The `DEK-Info` value of a legacy encrypted PEM body (`Proc-Type: 4,ENCRYPTED` headers, a
/// blank line, base64), and the base64 part; `None` if the body has no such headers.
fn legacy_encrypted(body: &[u8]) -> Option<(String, &[u8])> {
    let text = std::str::from_utf8(body).ok()?;
    let mut proc_encrypted = false;
    let mut dek = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (name, value) = l.split_once(':')?;
        match name.trim() {
            "Proc-Type" => proc_encrypted = value.trim() == "4,ENCRYPTED",
            "DEK-Info" => dek = Some(value.trim().to_string()),
            _ => {}
        }
    }
    if !proc_encrypted {
        return None;
    }
    Some((dek?, &body[offset..]))
}

/// One private key from a stream (`PEM_read_bio_PrivateKey`): the first `PRIVATE KEY`,
/// `RSA PRIVATE KEY`, `EC PRIVATE KEY` or `ENCRYPTED PRIVATE KEY` block; encrypted keys
/// (PKCS#8, or legacy `Proc-Type: 4,ENCRYPTED`) are decrypted with the password `ask` gives.
pub fn read_stream_key_with(
    next: &mut dyn FnMut() -> Option<u8>,
    ask: crate::crypto::enckey::Ask<'_>,
) -> Result<PrivateKeyDer<'static>> {
    use crate::crypto::enckey;
    let bad_base64 = || Error::new(lib::PEM, PEM_R_BAD_BASE64_DECODE, "PEM_read_bio_ex");
    let (canonical, body) = read_stream_raw(next, Want::PrivateKey)?;
    if canonical == "ENCRYPTED PRIVATE KEY" {
        let der = base64_decode(&body).ok_or_else(bad_base64)?;
        let plain = enckey::decrypt_pkcs8(&der, ask)?;
        return Ok(PrivateKeyDer::Pkcs8(plain.to_vec().into()));
    }
    if let Some((dek, b64)) = legacy_encrypted(&body) {
        let der = base64_decode(b64).ok_or_else(bad_base64)?;
        let plain = enckey::decrypt_legacy(&dek, &der, ask)?.to_vec();
        return Ok(match canonical {
            "RSA PRIVATE KEY" => PrivateKeyDer::Pkcs1(plain.into()),
            "EC PRIVATE KEY" => PrivateKeyDer::Sec1(plain.into()),
            _ => PrivateKeyDer::Pkcs8(plain.into()),
        });
    }
    let (kind, der) = decode_block(canonical, &body, Want::PrivateKey)?;
    Ok(match kind {
        SectionKind::RsaPrivateKey => PrivateKeyDer::Pkcs1(der.into()),
        SectionKind::EcPrivateKey => PrivateKeyDer::Sec1(der.into()),
        _ => PrivateKeyDer::Pkcs8(der.into()),
    })
}

/// One certificate from a stream (`PEM_read_bio_X509`).
pub fn read_stream_cert(next: &mut dyn FnMut() -> Option<u8>) -> Result<Certificate> {
    let (_, der) = read_stream_block(next, Want::Certificate)?;
    Certificate::from_der(CertificateDer::from(der)).map_err(|e| {
        crate::crypto::err::push(e);
        Error::new(lib::PEM, common::ASN1_LIB, "PEM_ASN1_read_bio")
    })
}

/// One private key from a stream, with no password to give for an encrypted one.
pub fn read_stream_key(next: &mut dyn FnMut() -> Option<u8>) -> Result<PrivateKeyDer<'static>> {
    read_stream_key_with(next, &mut || None)
}

/// Standard base64 (RFC 4648, with padding).
pub fn base64_encode(b: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut o = String::with_capacity(b.len().div_ceil(3) * 4);
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                o.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                o.push('=');
            }
        }
    }
    o
}

/// Decodes standard base64, ignoring line breaks and spaces; `None` if malformed.
pub fn base64_decode(s: &[u8]) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    let chars: Vec<u8> = s
        .iter()
        .copied()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if chars.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(chars.len() / 4 * 3);
    for (i, q) in chars.chunks(4).enumerate() {
        let last = i + 1 == chars.len() / 4;
        let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &q[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// A PEM block with `label`, base64 in 64-column lines, as `PEM_write_bio` writes it.
pub fn encode_block(label: &str, der: &[u8]) -> String {
    let b64 = base64_encode(der);
    let mut o = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        o.push_str(std::str::from_utf8(line).unwrap_or_default());
        o.push('\n');
    }
    o.push_str(&format!("-----END {label}-----\n"));
    o
}

/// Reads from a stream up to and including the END line of the first block labelled `label`
/// (other blocks are skipped) and returns its decoded contents; bytes after it stay unread.
pub fn read_stream_labeled(next: &mut dyn FnMut() -> Option<u8>, label: &str) -> Result<Vec<u8>> {
    loop {
        let found = loop {
            let Some(line) = read_line(next) else {
                return Err(no_start_line(label));
            };
            if let Some(l) = label_of(&line, "-----BEGIN ") {
                break l.to_string();
            }
        };
        let mut body = Vec::new();
        let mut ended = false;
        while let Some(line) = read_line(next) {
            if let Some(end) = label_of(&line, "-----END ") {
                if end != found {
                    break;
                }
                ended = true;
                break;
            }
            body.extend_from_slice(&line);
        }
        if !ended {
            return Err(
                Error::new(lib::PEM, PEM_R_BAD_END_LINE, "get_header_and_data")
                    .with_data(format!("Expecting: {label}")),
            );
        }
        if found != label {
            continue;
        }
        if body.contains(&b':') {
            return Err(Error::unsupported(lib::PEM, "encrypted PEM"));
        }
        return base64_decode(&body)
            .ok_or_else(|| Error::new(lib::PEM, PEM_R_BAD_BASE64_DECODE, "PEM_read_bio_ex"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::x509::fixtures::*;

    fn stream(
        data: &[u8],
    ) -> (
        impl FnMut() -> Option<u8> + '_,
        std::rc::Rc<std::cell::Cell<usize>>,
    ) {
        let pos = std::rc::Rc::new(std::cell::Cell::new(0));
        let p = pos.clone();
        (
            move || {
                let i = p.get();
                let b = data.get(i).copied();
                if b.is_some() {
                    p.set(i + 1);
                }
                b
            },
            pos,
        )
    }

    #[test]
    fn base64_round_trip_and_labeled_block() {
        for n in 0..40 {
            let b: Vec<u8> = (0..n).map(|i| (i * 37 + 5) as u8).collect();
            assert_eq!(base64_decode(base64_encode(&b).as_bytes()), Some(b.clone()));
            let pem = encode_block("SSL SESSION PARAMETERS", &b);
            let mut it = pem.bytes();
            assert_eq!(
                read_stream_labeled(&mut || it.next(), "SSL SESSION PARAMETERS").unwrap(),
                b
            );
        }
        assert_eq!(base64_decode(b"QQ=="), Some(b"A".to_vec()));
        assert_eq!(base64_decode(b"Q==="), None);
        assert_eq!(base64_decode(b"QQ==QQ=="), None);
        let mut it = b"nothing here\n".iter().copied();
        assert!(read_stream_labeled(&mut || it.next(), "X").is_err());
    }

    #[test]
    fn chain_in_order() {
        let chain = format!("junk before\n{EC_CERT}\n{RSA_KEY_PKCS8}{UTF8_CERT}{P384_CERT}");
        let certs = read_certs(chain.as_bytes()).unwrap();
        assert_eq!(certs.len(), 3);
        let names: Vec<String> = certs
            .into_iter()
            .map(|d| Certificate::from_der(d).unwrap().subject_oneline())
            .collect();
        assert_eq!(names[2], "/CN=p384.test");
        assert!(names[0].ends_with("/emailAddress=a@b.c"));
    }

    #[test]
    fn no_certs_is_no_start_line() {
        for input in [&b""[..], b"hello\n", RSA_KEY_PKCS8.as_bytes()] {
            let e = read_certs(input).unwrap_err();
            assert_eq!(e.code(), 0x0480006C);
            assert_eq!(e.data.as_deref(), Some("Expecting: CERTIFICATE"));
        }
        let e = read_certs(b"-----BEGIN CERTIFICATE-----\nAA!A\n-----END CERTIFICATE-----\n")
            .unwrap_err();
        assert_eq!((e.lib, e.reason), (lib::PEM, PEM_R_BAD_BASE64_DECODE));
        let e = read_certs(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
            .unwrap_err();
        assert_eq!(e.lib, lib::ASN1);
    }

    #[test]
    fn missing_file_is_system_error() {
        let p = Path::new("/nonexistent/x.pem");
        for e in [
            read_certs_file(p).unwrap_err(),
            read_private_key_file(p).unwrap_err(),
        ] {
            assert_eq!(e.code(), 0x80000002);
            assert_eq!(e.func, "file_ctrl");
            assert_eq!(
                e.data.as_deref(),
                Some("calling fopen(/nonexistent/x.pem, r)")
            );
        }
    }

    #[test]
    fn files_roundtrip() {
        let dir = std::env::temp_dir().join(format!("sslrs-pem-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let c = dir.join("c.pem");
        let k = dir.join("k.pem");
        std::fs::write(&c, format!("{EC_CERT}{RSA_CERT}")).unwrap();
        std::fs::write(&k, EC_KEY_SEC1_WITH_PARAMS).unwrap();
        assert_eq!(read_certs_file(&c).unwrap().len(), 2);
        assert!(matches!(
            read_private_key_file(&k).unwrap(),
            PrivateKeyDer::Sec1(_)
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn key_kinds() {
        assert!(matches!(
            read_private_key(RSA_KEY_PKCS8.as_bytes()).unwrap(),
            PrivateKeyDer::Pkcs8(_)
        ));
        assert!(matches!(
            read_private_key(RSA_KEY_PKCS1.as_bytes()).unwrap(),
            PrivateKeyDer::Pkcs1(_)
        ));
        assert!(matches!(
            read_private_key(EC_KEY_SEC1.as_bytes()).unwrap(),
            PrivateKeyDer::Sec1(_)
        ));
        assert!(matches!(
            read_private_key(EC_KEY_SEC1_WITH_PARAMS.as_bytes()).unwrap(),
            PrivateKeyDer::Sec1(_)
        ));
        assert!(matches!(
            read_private_key(ED25519_KEY.as_bytes()).unwrap(),
            PrivateKeyDer::Pkcs8(_)
        ));
        // A key after a certificate is found too.
        let both = format!("{EC_CERT}{EC_KEY_PKCS8}");
        assert!(read_private_key(both.as_bytes()).is_ok());
        let e = read_private_key(EC_CERT.as_bytes()).unwrap_err();
        assert_eq!(e.code(), 0x1E08010C);
        assert_eq!(
            e.data.as_deref(),
            Some("No supported data to decode. Input type: PEM")
        );
    }

    #[test]
    fn stream_stops_after_each_block() {
        let chain = format!("{EC_CERT}{UTF8_CERT}");
        let (mut next, pos) = stream(chain.as_bytes());
        let first = read_stream_cert(&mut next).unwrap();
        assert_eq!(
            pos.get(),
            EC_CERT.len(),
            "left right after the first END line"
        );
        assert!(first.is_self_issued());
        let second = read_stream_cert(&mut next).unwrap();
        assert!(second.subject_oneline().starts_with("/CN=J"));
        let e = read_stream_cert(&mut next).unwrap_err();
        assert_eq!(e.code(), 0x0480006C);
    }

    #[test]
    fn stream_skips_other_blocks_and_crlf() {
        let (mut next, _) = stream(EC_KEY_SEC1_WITH_PARAMS.as_bytes());
        assert!(matches!(
            read_stream_key(&mut next).unwrap(),
            PrivateKeyDer::Sec1(_)
        ));
        let crlf = format!("{RSA_KEY_PKCS1}{ECP_CERT}").replace('\n', "\r\n");
        let (mut next, _) = stream(crlf.as_bytes());
        assert_eq!(
            read_stream_cert(&mut next).unwrap().subject_oneline(),
            "/CN=ecp.test"
        );
        let (mut next, _) = stream(EC_CERT.as_bytes());
        assert_eq!(read_stream_key(&mut next).unwrap_err().code(), 0x1E08010C);
        let x509 = EC_CERT.replace("CERTIFICATE", "X509 CERTIFICATE");
        let (mut next, _) = stream(x509.as_bytes());
        assert!(read_stream_cert(&mut next).is_ok());
    }

    #[test]
    fn stream_errors() {
        let truncated = &EC_CERT[..200];
        let (mut next, _) = stream(truncated.as_bytes());
        assert_eq!(
            read_stream_cert(&mut next).unwrap_err().reason,
            PEM_R_BAD_END_LINE
        );
        let bad = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let (mut next, _) = stream(bad.as_bytes());
        crate::crypto::err::clear();
        let e = read_stream_cert(&mut next).unwrap_err();
        assert_eq!(e.code(), 0x0488000D, "PEM ASN1 lib last");
        assert_eq!(
            crate::crypto::err::pop_first().unwrap().error.lib,
            lib::ASN1
        );
    }
}
