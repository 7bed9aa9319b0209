//! X509 certificates (native backend). SKELETON: the X509 helper fills this in.

use rustls_pki_types::CertificateDer;

/// One certificate: its DER plus the parsed fields C callers ask for.
pub struct Certificate {
    pub der: CertificateDer<'static>,
}

impl Certificate {
    /// Parses enough of `der` to answer `X509_get_subject_name` and friends.
    pub fn from_der(der: CertificateDer<'static>) -> crate::error::Result<Certificate> {
        Ok(Certificate { der })
    }
}

impl Certificate {
    /// TEMP skeleton.
    pub fn is_self_issued(&self) -> bool {
        false
    }
}
/// TEMP skeleton.
pub fn load_trust_dir(path: &std::path::Path) -> crate::error::Result<Vec<CertificateDer<'static>>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(path).map_err(|e| crate::error::Error::system(e.raw_os_error().unwrap_or(0), "opendir"))?.flatten() {
        if let Ok(v) = crate::crypto::pem::read_certs_file(&e.path()) { out.extend(v) }
    }
    Ok(out)
}
/// TEMP skeleton.
pub fn default_cert_file() -> std::path::PathBuf { std::env::var_os("SSL_CERT_FILE").map(Into::into).unwrap_or_else(|| "/usr/lib/ssl/cert.pem".into()) }
/// TEMP skeleton.
pub fn default_cert_dir() -> std::path::PathBuf { std::env::var_os("SSL_CERT_DIR").map(Into::into).unwrap_or_else(|| "/usr/lib/ssl/certs".into()) }
