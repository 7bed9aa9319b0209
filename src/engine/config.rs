//! Configuration languages besides cipher strings: group lists (`SSL_CTX_set1_groups_list`),
//! signature-algorithm lists (`SSL_CTX_set1_sigalgs_list`), group NIDs, and the numeric limits
//! of the security level and record size settings. Behaviour measured against OpenSSL 3.0.19.

/// The security level `SSL_CTX_new` starts with: the installed OpenSSL's (its system
/// configuration raises the compiled-in 1 to 2).
pub const DEFAULT_SECURITY_LEVEL: i32 = 2;

/// `SSL3_RT_MAX_PLAIN_LENGTH`: the default and largest `max_send_fragment`.
pub const MAX_FRAGMENT: usize = 16384;
/// The smallest `max_send_fragment` OpenSSL accepts.
pub const MIN_FRAGMENT: usize = 512;

/// rustls's `max_fragment_size` counts the 5-byte record header; OpenSSL's `max_send_fragment`
/// counts plaintext. `None` for the default (rustls then uses the full 16 KiB).
pub fn rustls_fragment(max_send_fragment: usize) -> Option<usize> {
    (max_send_fragment < MAX_FRAGMENT).then_some(max_send_fragment + 5)
}

/// A named group: IANA number, NID, and whether rustls+ring implements it.
#[derive(Clone, Copy, Debug)]
pub struct Group {
    pub iana: u16,
    pub nid: i32,
    pub supported: bool,
}

const fn g(iana: u16, nid: i32, supported: bool) -> Group {
    Group {
        iana,
        nid,
        supported,
    }
}

/// Group names as OpenSSL 3.0 accepts them: the TLS names compare case-insensitively; NIST
/// (`P-256`) and object (`prime256v1`) names exactly.
const GROUPS: &[(&str, bool, Group)] = &[
    ("x25519", false, g(29, 1034, true)),
    ("secp256r1", false, g(23, 415, true)),
    ("P-256", true, g(23, 415, true)),
    ("prime256v1", true, g(23, 415, true)),
    ("secp384r1", false, g(24, 715, true)),
    ("P-384", true, g(24, 715, true)),
    ("secp521r1", false, g(25, 716, false)),
    ("P-521", true, g(25, 716, false)),
    ("x448", false, g(30, 1035, false)),
    ("secp224r1", false, g(21, 713, false)),
    ("P-224", true, g(21, 713, false)),
    ("secp192r1", false, g(19, 409, false)),
    ("P-192", true, g(19, 409, false)),
    ("prime192v1", true, g(19, 409, false)),
    ("brainpoolP256r1", false, g(26, 927, false)),
    ("brainpoolP384r1", false, g(27, 931, false)),
    ("brainpoolP512r1", false, g(28, 933, false)),
    ("ffdhe2048", false, g(256, 1126, false)),
    ("ffdhe3072", false, g(257, 1127, false)),
    ("ffdhe4096", false, g(258, 1128, false)),
    ("ffdhe6144", false, g(259, 1129, false)),
    ("ffdhe8192", false, g(260, 1130, false)),
];

/// The group called `name`, if OpenSSL knows it.
pub fn group_by_name(name: &str) -> Option<Group> {
    GROUPS
        .iter()
        .find(|(n, exact, _)| {
            if *exact {
                *n == name
            } else {
                n.eq_ignore_ascii_case(name)
            }
        })
        .map(|&(_, _, grp)| grp)
}

/// The group with NID `nid`.
pub fn group_by_nid(nid: i32) -> Option<Group> {
    GROUPS
        .iter()
        .map(|&(_, _, grp)| grp)
        .find(|grp| grp.nid == nid)
}

/// The NID of IANA group `iana` (0 if unknown).
pub fn group_nid(iana: u16) -> i32 {
    GROUPS
        .iter()
        .map(|&(_, _, grp)| grp)
        .find(|grp| grp.iana == iana)
        .map_or(0, |grp| grp.nid)
}

/// Why a group list was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum ListError {
    /// OpenSSL fails without an error entry (empty element, duplicate).
    Quiet,
    /// OpenSSL raises `ERR_R_PASSED_INVALID_ARGUMENT` (an unknown name).
    Invalid,
    /// sslrs only: every group named is one rustls lacks (OpenSSL would accept the list).
    Unsupported,
}

/// Keeps the groups rustls implements; a list of only unsupported ones is refused.
fn supported(list: Vec<Group>) -> Result<Vec<u16>, ListError> {
    let out: Vec<u16> = list
        .iter()
        .filter(|grp| grp.supported)
        .map(|grp| grp.iana)
        .collect();
    if out.is_empty() {
        return Err(ListError::Unsupported);
    }
    Ok(out)
}

/// `SSL_CTX_set1_groups_list`: `:`-separated names, in preference order. Groups OpenSSL knows
/// and rustls lacks (P-521, X448, FFDHE, brainpool) are skipped; a list naming only those fails.
pub fn parse_groups(s: &str) -> Result<Vec<u16>, ListError> {
    let mut list: Vec<Group> = Vec::new();
    for name in s.split(':') {
        if name.is_empty() {
            return Err(ListError::Quiet);
        }
        let grp = group_by_name(name).ok_or(ListError::Invalid)?;
        if list.iter().any(|x| x.iana == grp.iana) {
            return Err(ListError::Quiet);
        }
        list.push(grp);
    }
    supported(list)
}

/// `SSL_CTX_set1_groups`: NIDs; unknown or duplicate NIDs fail quietly, as OpenSSL's.
pub fn groups_from_nids(nids: &[i32]) -> Result<Vec<u16>, ListError> {
    let mut list: Vec<Group> = Vec::new();
    for &nid in nids {
        let grp = group_by_nid(nid).ok_or(ListError::Quiet)?;
        if list.iter().any(|x| x.iana == grp.iana) {
            return Err(ListError::Quiet);
        }
        list.push(grp);
    }
    supported(list)
}

/// TLS 1.3 signature scheme names (case-insensitive) and their IANA numbers.
const SIGALG_NAMES: &[(&str, u16)] = &[
    ("rsa_pkcs1_sha1", 0x0201),
    ("ecdsa_sha1", 0x0203),
    ("rsa_pkcs1_sha224", 0x0301),
    ("ecdsa_sha224", 0x0303),
    ("rsa_pkcs1_sha256", 0x0401),
    ("ecdsa_secp256r1_sha256", 0x0403),
    ("rsa_pkcs1_sha384", 0x0501),
    ("ecdsa_secp384r1_sha384", 0x0503),
    ("rsa_pkcs1_sha512", 0x0601),
    ("ecdsa_secp521r1_sha512", 0x0603),
    ("rsa_pss_rsae_sha256", 0x0804),
    ("rsa_pss_rsae_sha384", 0x0805),
    ("rsa_pss_rsae_sha512", 0x0806),
    ("ed25519", 0x0807),
    ("ed448", 0x0808),
    ("rsa_pss_pss_sha256", 0x0809),
    ("rsa_pss_pss_sha384", 0x080a),
    ("rsa_pss_pss_sha512", 0x080b),
];

/// `KEYTYPE+HASH`: key type exactly as OpenSSL spells it, hash case-insensitively.
fn sigalg_pair(key: &str, hash: &str) -> Option<u16> {
    let h: u16 = match hash.to_ascii_uppercase().as_str() {
        "SHA1" => 0x02,
        "SHA224" => 0x03,
        "SHA256" => 0x04,
        "SHA384" => 0x05,
        "SHA512" => 0x06,
        _ => return None,
    };
    match key {
        "RSA" => Some(h << 8 | 0x01),
        "DSA" => Some(h << 8 | 0x02),
        "ECDSA" => Some(h << 8 | 0x03),
        "RSA-PSS" | "PSS" if h >= 0x04 => Some(0x0800 | h),
        _ => None,
    }
}

/// `SSL_CTX_set1_sigalgs_list`: `:`-separated `KEY+HASH` pairs or TLS 1.3 scheme names. `None`
/// for an empty, unknown or repeated element (OpenSSL fails quietly).
pub fn parse_sigalgs(s: &str) -> Option<Vec<u16>> {
    let mut out = Vec::new();
    for elem in s.split(':') {
        let v = match elem.split_once('+') {
            Some((k, h)) => sigalg_pair(k, h)?,
            None => {
                SIGALG_NAMES
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(elem))?
                    .1
            }
        };
        if out.contains(&v) {
            return None;
        }
        out.push(v);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_lists() {
        use ListError::*;
        assert_eq!(parse_groups("X25519:P-256"), Ok(vec![29, 23]));
        assert_eq!(parse_groups("prime256v1:secp384r1"), Ok(vec![23, 24]));
        assert_eq!(parse_groups("x25519"), Ok(vec![29]));
        assert_eq!(parse_groups("ffdhe2048:X448:P-384"), Ok(vec![24]));
        assert_eq!(parse_groups("ffdhe2048:X448:P-521"), Err(Unsupported));
        assert_eq!(parse_groups("BOGUS"), Err(Invalid));
        assert_eq!(parse_groups("X25519:BOGUS"), Err(Invalid));
        assert_eq!(parse_groups("p-256"), Err(Invalid));
        assert_eq!(parse_groups("X25519 P-256"), Err(Invalid));
        for s in [
            "",
            "X25519:",
            ":X25519",
            "X25519::P-256",
            "X25519:X25519",
            "P-256:prime256v1",
        ] {
            assert_eq!(parse_groups(s), Err(Quiet), "{s:?}");
        }
        assert_eq!(groups_from_nids(&[415, 1034]), Ok(vec![23, 29]));
        assert_eq!(groups_from_nids(&[672]), Err(Quiet));
        assert_eq!(groups_from_nids(&[1034, 1034]), Err(Quiet));
        assert_eq!(groups_from_nids(&[716]), Err(Unsupported));
        assert_eq!(group_nid(29), 1034);
    }

    #[test]
    fn sigalg_lists() {
        assert_eq!(
            parse_sigalgs("RSA+SHA256:ECDSA+SHA256"),
            Some(vec![0x0401, 0x0403])
        );
        assert_eq!(
            parse_sigalgs("rsa_pss_rsae_sha256:ecdsa_secp256r1_sha256"),
            Some(vec![0x0804, 0x0403])
        );
        assert_eq!(parse_sigalgs("RSA-PSS+SHA256"), Some(vec![0x0804]));
        assert_eq!(parse_sigalgs("RSA+sha256"), Some(vec![0x0401]));
        for s in [
            "",
            "BOGUS",
            "rsa+SHA256",
            "ECDSA+MD5",
            "RSA+SHA256:RSA+SHA256",
        ] {
            assert_eq!(parse_sigalgs(s), None, "{s:?}");
        }
        assert_eq!(sigalgs_from_nids(&[672, 6]), Some(vec![0x0401]));
        assert_eq!(
            sigalgs_from_nids(&[672, 912, 673, 408]),
            Some(vec![0x0804, 0x0503])
        );
        assert_eq!(sigalgs_from_nids(&[0, 1087]), Some(vec![0x0807]));
        assert_eq!(
            sigalgs_from_nids(&[672, 6, 672, 6]),
            Some(vec![0x0401, 0x0401])
        );
        for bad in [&[4, 6][..], &[672, 6, 672][..], &[674, 1087][..]] {
            assert_eq!(sigalgs_from_nids(bad), None, "{bad:?}");
        }
        assert_eq!(rustls_fragment(512), Some(517));
        assert_eq!(scheme_nids(0x0804), (672, 912));
        assert_eq!(scheme_nids(0x0403), (672, 408));
        assert_eq!(scheme_nids(0x0601), (674, 6));
        assert_eq!(scheme_nids(0x0807), (0, 1087));
        let names = ["TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"];
        assert_eq!(shared_cipher_text(&names, 19), None);
        assert_eq!(shared_cipher_text(&names, 23).as_deref(), Some(names[0]));
        assert_eq!(shared_cipher_text(&names, 50).as_deref(), Some(names[0]));
        assert_eq!(
            shared_cipher_text(&names, 51).as_deref(),
            Some("TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256")
        );
        assert_eq!(shared_cipher_text(&[], 51), None);
    }

    fn cert(name: &str) -> rustls_pki_types::CertificateDer<'static> {
        let path = format!("{}/c-tests/certs/{name}", env!("CARGO_MANIFEST_DIR"));
        crate::crypto::pem::read_certs_file(std::path::Path::new(&path)).unwrap()[0].clone()
    }

    #[test]
    fn key_levels() {
        assert_eq!(key_security_bits(&cert("server-rsa.pem")), Some(112));
        assert_eq!(key_security_bits(&cert("server-ec.pem")), Some(128));
        assert_eq!(key_security_bits(&cert("server-ed25519.pem")), Some(128));
        assert!(key_meets_level(&cert("server-rsa.pem"), 2));
        assert!(!key_meets_level(&cert("server-rsa.pem"), 3));
        assert!(key_meets_level(&cert("server-ec.pem"), 3));
        assert!(!key_meets_level(&cert("server-ec.pem"), 4));
        assert!(!key_meets_level(&cert("server-ed25519.pem"), 9));
        assert!(key_meets_level(&cert("server-rsa.pem"), -1));
        assert_eq!(rustls_fragment(MAX_FRAGMENT), None);
    }
}

/// What a handshake revealed that rustls has no accessor for, filled in by [`Recording`]
/// (server) and the certificate verifier (client).
#[derive(Default, Debug)]
pub struct Observed {
    /// Server: the client's offered cipher suites (IANA), in its order.
    pub client_suites: Option<Vec<u16>>,
    /// Server: the client's supported groups (IANA), in its order.
    pub client_groups: Vec<u16>,
    /// The signature scheme this side signed the handshake with.
    pub own_scheme: Option<u16>,
}

/// A server certificate resolver that records the ClientHello's offer, then defers to the
/// context's resolver. Its key picks the signature scheme as OpenSSL's server does: the first
/// the client offers (in the client's order) that the key can make and that
/// `SSL_CTX_set1_sigalgs_list` allows (`allowed`), and records it.
#[derive(Debug)]
pub struct Recording {
    pub inner: std::sync::Arc<dyn rustls::server::ResolvesServerCert>,
    pub slot: std::sync::Arc<crate::sync::Mutex<Observed>>,
    pub allowed: Option<Vec<u16>>,
}

impl rustls::server::ResolvesServerCert for Recording {
    fn resolve(
        &self,
        hello: rustls::server::ClientHello<'_>,
    ) -> Option<std::sync::Arc<rustls::sign::CertifiedKey>> {
        if let Ok(mut o) = self.slot.lock() {
            o.client_suites = Some(
                hello
                    .cipher_suites()
                    .iter()
                    .map(|&s| u16::from(s))
                    .collect(),
            );
            o.client_groups = hello
                .named_groups()
                .map(|g| g.iter().map(|&n| u16::from(n)).collect())
                .unwrap_or_default();
        }
        let client_order = hello.signature_schemes().to_vec();
        let ck = self.inner.resolve(hello)?;
        Some(std::sync::Arc::new(rustls::sign::CertifiedKey {
            cert: ck.cert.clone(),
            key: std::sync::Arc::new(RecordingKey {
                client_order: client_order.clone(),
                inner: ck.key.clone(),
                slot: self.slot.clone(),
                allowed: self.allowed.clone(),
            }),
            ocsp: ck.ocsp.clone(),
        }))
    }
}

/// A signing key that records the scheme rustls picks.
#[derive(Debug)]
struct RecordingKey {
    /// The ClientHello's signature_algorithms, in the client's order: in TLS 1.2 rustls hands
    /// `choose_scheme` the offer re-sorted by its own preference (RSA-PSS SHA-512 first).
    client_order: Vec<rustls::SignatureScheme>,
    inner: std::sync::Arc<dyn rustls::sign::SigningKey>,
    slot: std::sync::Arc<crate::sync::Mutex<Observed>>,
    allowed: Option<Vec<u16>>,
}

impl rustls::sign::SigningKey for RecordingKey {
    fn choose_scheme(
        &self,
        offered: &[rustls::SignatureScheme],
    ) -> Option<Box<dyn rustls::sign::Signer>> {
        let in_client_order = self
            .client_order
            .iter()
            .filter(|s| offered.contains(s))
            .chain(offered.iter().filter(|s| !self.client_order.contains(s)));
        let signer = in_client_order
            .filter(|&&s| {
                self.allowed
                    .as_ref()
                    .is_none_or(|a| a.contains(&u16::from(s)))
            })
            .find_map(|&s| self.inner.choose_scheme(&[s]))?;
        if let Ok(mut o) = self.slot.lock() {
            o.own_scheme = Some(u16::from(signer.scheme()));
        }
        Some(signer)
    }
    fn public_key(&self) -> Option<rustls_pki_types::SubjectPublicKeyInfoDer<'_>> {
        self.inner.public_key()
    }
    fn algorithm(&self) -> rustls::SignatureAlgorithm {
        self.inner.algorithm()
    }
}

/// The (digest NID, signature type NID) OpenSSL reports for a signature scheme:
/// `SSL_get_*signature_nid` and `SSL_get_*signature_type_nid`.
pub fn scheme_nids(scheme: u16) -> (i32, i32) {
    let hash = match scheme {
        0x0201 | 0x0203 => 64,
        0x0401 | 0x0403 | 0x0804 | 0x0809 => 672,
        0x0501 | 0x0503 | 0x0805 | 0x080a => 673,
        0x0601 | 0x0603 | 0x0806 | 0x080b => 674,
        _ => 0,
    };
    let kind = match scheme {
        0x0804..=0x0806 | 0x0809..=0x080b => 912,
        0x0807 => 1087,
        0x0808 => 1088,
        s if s & 0xff == 0x03 => 408,
        s if s & 0xff == 0x01 => 6,
        _ => 0,
    };
    (hash, kind)
}

/// `SSL_get_shared_ciphers`'s text: `names` joined by `:` in at most `size` bytes with the NUL;
/// a name that does not fit ends the list. `None` when not even the first fits.
pub fn shared_cipher_text(names: &[&str], size: usize) -> Option<String> {
    let mut out = String::new();
    let mut room = size;
    for n in names {
        if n.len() >= room {
            break;
        }
        out.push_str(n);
        out.push(':');
        room -= n.len() + 1;
    }
    out.pop()?;
    Some(out)
}

/// OpenSSL 3.0's default `signature_algorithms` order (the schemes rustls+ring can verify).
const OPENSSL_SIGALG_ORDER: &[u16] = &[
    0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401,
    0x0501, 0x0601,
];

/// `algs` with its scheme mapping in OpenSSL's preference order, so that the
/// `signature_algorithms` a client or a certificate request offers read as OpenSSL's (a server
/// picks the first one it can use: the choice then matches OpenSSL's). Built once per process.
pub fn openssl_sigalg_order(
    algs: rustls::crypto::WebPkiSupportedAlgorithms,
) -> rustls::crypto::WebPkiSupportedAlgorithms {
    let rank = |s: &rustls::SignatureScheme| {
        OPENSSL_SIGALG_ORDER
            .iter()
            .position(|&x| x == u16::from(*s))
            .unwrap_or(usize::MAX)
    };
    let mut mapping = algs.mapping.to_vec();
    mapping.sort_by_key(|(s, _)| rank(s));
    rustls::crypto::WebPkiSupportedAlgorithms {
        all: algs.all,
        mapping: Box::leak(mapping.into_boxed_slice()),
    }
}

/// The minimum security bits of OpenSSL's security levels 1..5 (level 0: no minimum; above
/// 5 counts as 5).
fn level_bits(level: i32) -> u32 {
    match level {
        i32::MIN..=0 => 0,
        1 => 80,
        2 => 112,
        3 => 128,
        4 => 192,
        _ => 256,
    }
}

/// The security bits of a certificate's public key, as OpenSSL rates them (RSA by modulus
/// size, EC by curve, EdDSA fixed); `None` if the key cannot be read.
pub fn key_security_bits(cert: &rustls_pki_types::CertificateDer<'_>) -> Option<u32> {
    use crate::crypto::x509::der::{Reader, BIT_STRING, INTEGER, OID, SEQUENCE};
    let parsed = crate::crypto::x509::Certificate::from_der(cert.clone().into_owned()).ok()?;
    let mut spki = Reader::new(parsed.spki());
    let mut spki = Reader::new(spki.expect(SEQUENCE).ok()?.value);
    let mut alg = Reader::new(spki.expect(SEQUENCE).ok()?.value);
    let oid = alg.expect(OID).ok()?.value;
    match oid {
        // rsaEncryption, RSASSA-PSS
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
        | [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A] => {
            let key = spki.expect(BIT_STRING).ok()?.value.get(1..)?;
            let mut rsa = Reader::new(Reader::new(key).expect(SEQUENCE).ok()?.value);
            let n = rsa.expect(INTEGER).ok()?.value;
            let n = &n[n.iter().position(|&b| b != 0)?..];
            let bits = (n.len() as u32 - 1) * 8 + (8 - n[0].leading_zeros());
            Some(match bits {
                15360.. => 256,
                7680.. => 192,
                3072.. => 128,
                2048.. => 112,
                1024.. => 80,
                _ => 0,
            })
        }
        // id-ecPublicKey: by named curve
        [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01] => match alg.expect(OID).ok()?.value {
            [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07] => Some(128),
            [0x2B, 0x81, 0x04, 0x00, 0x22] => Some(192),
            [0x2B, 0x81, 0x04, 0x00, 0x23] => Some(256),
            _ => None,
        },
        [0x2B, 0x65, 0x70] => Some(128), // Ed25519
        [0x2B, 0x65, 0x71] => Some(224), // Ed448
        _ => None,
    }
}

/// Whether a certificate's key meets security `level` (unreadable keys pass: webpki judges
/// them).
pub fn key_meets_level(cert: &rustls_pki_types::CertificateDer<'_>, level: i32) -> bool {
    key_security_bits(cert).is_none_or(|bits| bits >= level_bits(level))
}

/// `SSL_CTX_set1_sigalgs`: (digest NID, key type NID) pairs, as OpenSSL maps them (RSA-PSS is
/// the rsae form; EdDSA takes `NID_undef`). `None` for an odd length or an unknown pair
/// (OpenSSL fails quietly); repeats are kept, as OpenSSL keeps them.
pub fn sigalgs_from_nids(pairs: &[i32]) -> Option<Vec<u16>> {
    if pairs.len() % 2 != 0 {
        return None;
    }
    pairs
        .chunks(2)
        .map(|p| {
            let h: u16 = match p[0] {
                64 => 0x02,
                675 => 0x03,
                672 => 0x04,
                673 => 0x05,
                674 => 0x06,
                0 => 0,
                _ => return None,
            };
            match (p[1], h) {
                (1087, 0) => Some(0x0807),
                (1088, 0) => Some(0x0808),
                (_, 0) => None,
                (6, h) => Some(h << 8 | 0x01),
                (116, h) => Some(h << 8 | 0x02),
                (408, h) => Some(h << 8 | 0x03),
                (912, h) if h >= 0x04 => Some(0x0800 | h),
                _ => None,
            }
        })
        .collect()
}
