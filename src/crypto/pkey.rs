//! Private keys (native backend). SKELETON: the X509 helper fills this in.

use rustls_pki_types::PrivateKeyDer;

/// One private key, as DER.
pub struct PrivateKey {
    pub der: PrivateKeyDer<'static>,
}
