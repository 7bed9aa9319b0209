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
