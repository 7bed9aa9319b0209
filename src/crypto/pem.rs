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
    Error::new(lib::PEM, PEM_R_NO_START_LINE, "get_name").with_data(format!("Expecting: {expecting}"))
}

/// `1E08010C` DECODER unsupported: what OpenSSL 3 queues first when no private key is found.
pub fn no_key_decoded() -> Error {
    Error::new(LIB_OSSL_DECODER, common::UNSUPPORTED, "OSSL_DECODER_from_bio")
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
        pem::Error::Base64Decode(_) => Error::new(lib::PEM, PEM_R_BAD_BASE64_DECODE, "PEM_read_bio_ex"),
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
        Err(pem::Error::Base64Decode(_)) => {
            Err(Error::new(lib::PEM, PEM_R_BAD_BASE64_DECODE, "PEM_read_bio_ex"))
        }
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
    /// `PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`.
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
/// (skipping other blocks), and returns its label and DER. Bytes after that END line are left
/// unread.
pub fn read_stream_block(
    next: &mut dyn FnMut() -> Option<u8>,
    want: Want,
) -> Result<(SectionKind, Vec<u8>)> {
    loop {
        // Find a BEGIN line.
        let label = loop {
            let Some(line) = read_line(next) else { return Err(want.not_found()) };
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
                return Err(Error::new(lib::PEM, PEM_R_BAD_END_LINE, "get_header_and_data")
                    .with_data(format!("Expecting: {}", want.expecting())));
            }
            body.extend_from_slice(&line);
            body.push(b'\n');
        }
        if !ended {
            return Err(Error::new(lib::PEM, PEM_R_BAD_END_LINE, "get_header_and_data")
                .with_data(format!("Expecting: {}", want.expecting())));
        }
        let Some(canonical) = canonical else { continue };
        if body.windows(1).any(|w| w[0] == b':') {
            // Proc-Type / DEK-Info headers: encrypted legacy PEM, not supported natively.
            return Err(Error::unsupported(lib::PEM, "encrypted PEM"));
        }
        let mut text = format!("-----BEGIN {canonical}-----\n").into_bytes();
        text.extend_from_slice(&body);
        text.extend_from_slice(format!("-----END {canonical}-----\n").as_bytes());
        return match <(SectionKind, Vec<u8>)>::from_pem_slice(&text) {
            Ok(item) => Ok(item),
            Err(e) => Err(map_pem_error(e, want.expecting())),
        };
    }
}

/// One certificate from a stream (`PEM_read_bio_X509`).
pub fn read_stream_cert(next: &mut dyn FnMut() -> Option<u8>) -> Result<Certificate> {
    let (_, der) = read_stream_block(next, Want::Certificate)?;
    Certificate::from_der(CertificateDer::from(der)).map_err(|e| {
        crate::crypto::err::push(e);
        Error::new(lib::PEM, common::ASN1_LIB, "PEM_ASN1_read_bio")
    })
}

/// One private key from a stream (`PEM_read_bio_PrivateKey`).
pub fn read_stream_key(next: &mut dyn FnMut() -> Option<u8>) -> Result<PrivateKeyDer<'static>> {
    let (kind, der) = read_stream_block(next, Want::PrivateKey)?;
    Ok(match kind {
        SectionKind::RsaPrivateKey => PrivateKeyDer::Pkcs1(der.into()),
        SectionKind::EcPrivateKey => PrivateKeyDer::Sec1(der.into()),
        _ => PrivateKeyDer::Pkcs8(der.into()),
    })
}
