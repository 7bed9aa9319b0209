//! Private keys (native backend).

use crate::crypto::x509::der;
use crate::error::{lib, Error, Result};
use rustls::sign::SigningKey;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::sync::Arc;

/// `EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM` (evperr.h).
pub const EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM: i32 = 118;

/// One private key, as DER (`EVP_PKEY`).
pub struct PrivateKey {
    pub der: PrivateKeyDer<'static>,
    /// For a public key (`X509_get_pubkey`): its SubjectPublicKeyInfo DER; `der` is then an
    /// empty PKCS#8 that no signer accepts.
    pub spki: Option<Vec<u8>>,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateKey").finish_non_exhaustive()
    }
}

impl PrivateKey {
    /// Wraps a key.
    pub fn new(der: PrivateKeyDer<'static>) -> PrivateKey {
        PrivateKey { der, spki: None }
    }

    /// A public key (no private half) from its SubjectPublicKeyInfo DER.
    pub fn public(spki: Vec<u8>) -> PrivateKey {
        PrivateKey {
            der: PrivateKeyDer::Pkcs8(Vec::new().into()),
            spki: Some(spki),
        }
    }

    /// The SubjectPublicKeyInfo of the key (of its public half for a private key).
    pub fn public_spki(&self) -> Option<Vec<u8>> {
        match &self.spki {
            Some(s) => Some(s.clone()),
            None => Some(
                self.load_signing_key()
                    .ok()?
                    .public_key()?
                    .as_ref()
                    .to_vec(),
            ),
        }
    }

    /// A rustls signing key (ring): ECDSA P-256/P-384, RSA, Ed25519, from PKCS#8, PKCS#1 or SEC1.
    pub fn load_signing_key(&self) -> Result<Arc<dyn SigningKey>> {
        rustls::crypto::ring::sign::any_supported_type(&self.der).map_err(|e| {
            Error::new(
                lib::EVP,
                EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM,
                "load_signing_key",
            )
            .with_data(e.to_string())
        })
    }
}

/// (algorithm OID, subjectPublicKey bits) of a SubjectPublicKeyInfo; parameters are ignored
/// except for EC, where the curve OID is part of the identity.
fn spki_identity(spki: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut top = der::Reader::new(spki);
    let seq = top.expect(der::SEQUENCE).ok()?;
    let mut r = der::Reader::new(seq.value);
    let alg = r.expect(der::SEQUENCE).ok()?;
    let key = r.expect(der::BIT_STRING).ok()?;
    let mut a = der::Reader::new(alg.value);
    let oid = a.expect(der::OID).ok()?;
    let mut id = oid.value.to_vec();
    if let Ok(Some(curve)) = a.optional(der::OID) {
        id.extend_from_slice(curve.raw);
    }
    Some((id, key.value.to_vec()))
}

/// The public key algorithm OID of a certificate (OpenSSL's certificate/key slot type: RSA,
/// EC of any curve, Ed25519, ...).
pub fn cert_key_type(cert: &CertificateDer<'_>) -> Option<Vec<u8>> {
    let parsed =
        crate::crypto::x509::Certificate::from_der(CertificateDer::from(cert.to_vec())).ok()?;
    spki_algorithm(parsed.spki())
}

/// The public key algorithm OID of a private key, if rustls can load it.
pub fn key_type(key: &PrivateKeyDer<'_>) -> Option<Vec<u8>> {
    let signer = rustls::crypto::ring::sign::any_supported_type(&key.clone_key()).ok()?;
    spki_algorithm(signer.public_key()?.as_ref())
}

fn spki_algorithm(spki: &[u8]) -> Option<Vec<u8>> {
    let mut top = der::Reader::new(spki);
    let seq = top.expect(der::SEQUENCE).ok()?;
    let alg = der::Reader::new(seq.value).expect(der::SEQUENCE).ok()?;
    let oid = der::Reader::new(alg.value).expect(der::OID).ok()?;
    Some(oid.value.to_vec())
}

/// True when `key`'s public half is the certificate's public key (`X509_check_private_key`).
pub fn keys_match(cert: &CertificateDer<'_>, key: &dyn SigningKey) -> bool {
    let Ok(parsed) =
        crate::crypto::x509::Certificate::from_der(CertificateDer::from(cert.to_vec()))
    else {
        return false;
    };
    let Some(kpub) = key.public_key() else {
        return false;
    };
    match (spki_identity(parsed.spki()), spki_identity(kpub.as_ref())) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::pem::{read_certs, read_private_key};
    use crate::crypto::x509::fixtures::*;

    fn key(pem: &str) -> Arc<dyn SigningKey> {
        PrivateKey::new(read_private_key(pem.as_bytes()).unwrap())
            .load_signing_key()
            .unwrap()
    }
    fn cert(pem: &str) -> CertificateDer<'static> {
        read_certs(pem.as_bytes()).unwrap().remove(0)
    }

    #[test]
    fn every_key_kind_loads_and_matches_its_cert() {
        let pairs = [
            (EC_CERT, EC_KEY_PKCS8),
            (UTF8_CERT, ED25519_KEY),
            (RSA_CERT, RSA_KEY_PKCS8),
            (RSA_CERT, RSA_KEY_PKCS1),
            (ECP_CERT, EC_KEY_SEC1_WITH_PARAMS),
            (P384_CERT, P384_KEY),
        ];
        for (c, k) in pairs {
            assert!(keys_match(&cert(c), key(k).as_ref()), "{c:.40}");
        }
        // SEC1 without the EC PARAMETERS block and a standalone Ed25519 key load too.
        key(EC_KEY_SEC1);
        key(ED25519_KEY2);
    }

    #[test]
    fn key_types_group_by_algorithm_not_curve() {
        let kt = |pem: &str| key_type(&read_private_key(pem.as_bytes()).unwrap()).unwrap();
        let ct = |pem: &str| cert_key_type(&cert(pem)).unwrap();
        // EC on P-256 and P-384 share a slot; RSA (PKCS#8 or PKCS#1) and Ed25519 have theirs.
        assert_eq!(ct(EC_CERT), ct(P384_CERT));
        assert_eq!(kt(EC_KEY_PKCS8), kt(P384_KEY));
        assert_eq!(kt(EC_KEY_PKCS8), ct(EC_CERT));
        assert_eq!(kt(RSA_KEY_PKCS1), ct(RSA_CERT));
        assert_eq!(kt(RSA_KEY_PKCS8), kt(RSA_KEY_PKCS1));
        assert_eq!(kt(ED25519_KEY), ct(UTF8_CERT));
        assert_ne!(ct(RSA_CERT), ct(EC_CERT));
        assert_ne!(ct(UTF8_CERT), ct(EC_CERT));
        assert_eq!(cert_key_type(&CertificateDer::from(vec![1, 2, 3])), None);
        assert_eq!(key_type(&PrivateKeyDer::Pkcs8(vec![0x30, 0].into())), None);
    }

    #[test]
    fn mismatches() {
        assert!(!keys_match(&cert(EC_CERT), key(ED25519_KEY).as_ref()));
        assert!(!keys_match(&cert(EC_CERT), key(EC_KEY_SEC1).as_ref()));
        assert!(!keys_match(&cert(RSA_CERT), key(P384_KEY).as_ref()));
        assert!(!keys_match(&cert(UTF8_CERT), key(ED25519_KEY2).as_ref()));
        assert!(!keys_match(
            &CertificateDer::from(vec![1, 2, 3]),
            key(EC_KEY_SEC1).as_ref()
        ));
    }

    #[test]
    fn garbage_key_fails_cleanly() {
        let k = PrivateKey::new(PrivateKeyDer::Pkcs8(vec![0x30, 0x00].into()));
        let e = k.load_signing_key().err().unwrap();
        assert_eq!(e.lib, lib::EVP);
    }
}
