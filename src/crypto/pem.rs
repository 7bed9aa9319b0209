//! PEM reading (native backend). TEMP skeleton until the x509 branch lands.
use crate::error::{Error, Result};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::Path;

pub fn read_certs(bytes: &[u8]) -> Result<Vec<CertificateDer<'static>>> {
    let v: Vec<_> = CertificateDer::pem_slice_iter(bytes).filter_map(|c| c.ok()).collect();
    if v.is_empty() { Err(Error::new(9, 108, "get_name")) } else { Ok(v) }
}
pub fn read_certs_file(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    read_certs(&std::fs::read(path).map_err(|e| Error::system(e.raw_os_error().unwrap_or(0), "fopen"))?)
}
pub fn read_private_key(bytes: &[u8]) -> Result<PrivateKeyDer<'static>> {
    PrivateKeyDer::from_pem_slice(bytes).map_err(|_| Error::new(9, 108, "get_name"))
}
pub fn read_private_key_file(path: &Path) -> Result<PrivateKeyDer<'static>> {
    read_private_key(&std::fs::read(path).map_err(|e| Error::system(e.raw_os_error().unwrap_or(0), "fopen"))?)
}
