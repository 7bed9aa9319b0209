//! Encrypted PKCS#8 private keys (`-----BEGIN ENCRYPTED PRIVATE KEY-----`, native backend):
//! PBES2 (RFC 8018) with PBKDF2 (HMAC-SHA1/256/384/512, from ring) and AES-128/192/256-CBC,
//! which is what `openssl pkey -aes256` / `openssl genpkey -aes-256-cbc` and OpenSSL 3's
//! `PEM_write_PrivateKey` with a cipher produce.
//!
//! AES decryption is written here from FIPS-197 (ring exposes no raw block cipher). It runs once
//! per key load on data the local administrator supplies; the table lookups are not
//! constant-time.

use crate::crypto::x509::der;
use crate::error::{lib, Error};
use std::num::NonZeroU32;

/// `PROV_R_BAD_DECRYPT` (provider library): what OpenSSL queues for a wrong password.
const LIB_PROV: i32 = 57;
const PROV_R_BAD_DECRYPT: i32 = 100;
/// `PKCS12_R_PKCS12_CIPHERFINAL_ERROR`'s sibling OpenSSL 3 queues with "maybe wrong password".
const LIB_PKCS12: i32 = 35;
const PKCS12_R_PKCS12_PBE_CRYPT_ERROR: i32 = 116;

const OID_PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
const OID_PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
const OID_HMAC_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x07];
const OID_HMAC_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09];
const OID_HMAC_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0a];
const OID_HMAC_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0b];
/// aes-{128,192,256}-cbc: 2.16.840.1.101.3.4.1.{2,22,42}.
const OID_AES_CBC_PREFIX: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01];

fn unsupported() -> Error {
    Error::unsupported(lib::EVP, "PKCS5_v2_PBE_keyivgen")
}

/// The errors OpenSSL queues when decryption fails (a wrong password, usually).
pub fn bad_decrypt() -> Vec<Error> {
    vec![
        Error::new(LIB_PROV, PROV_R_BAD_DECRYPT, "ossl_cipher_unpadblock"),
        Error::new(
            LIB_PKCS12,
            PKCS12_R_PKCS12_PBE_CRYPT_ERROR,
            "PKCS12_pbe_crypt_ex",
        )
        .with_data("maybe wrong password"),
    ]
}

fn small_uint(t: &der::Tlv<'_>) -> Option<u32> {
    let v = t.value;
    if v.is_empty() || v.len() > 5 || (v.len() == 5 && v[0] != 0) {
        return None;
    }
    Some(v.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)))
}

/// Decrypts an `EncryptedPrivateKeyInfo` (DER) with `password`; the result is the PKCS#8
/// `PrivateKeyInfo` DER. `Err(None)`: the password is wrong (bad padding); `Err(Some(e))`: an
/// unsupported or malformed structure.
pub fn decrypt(epki: &[u8], password: &[u8]) -> core::result::Result<Vec<u8>, Option<Error>> {
    let malformed = || {
        Some(Error::new(
            lib::ASN1,
            crate::crypto::x509::ASN1_R_WRONG_TAG,
            "d2i_X509_SIG",
        ))
    };
    let mut top = der::Reader::new(epki);
    let outer = top.expect(der::SEQUENCE).map_err(|_| malformed())?;
    let mut r = der::Reader::new(outer.value);
    let alg = r.expect(der::SEQUENCE).map_err(|_| malformed())?;
    let data = r.expect(0x04).map_err(|_| malformed())?;
    let mut a = der::Reader::new(alg.value);
    let oid = a.expect(der::OID).map_err(|_| malformed())?;
    if oid.value != OID_PBES2 {
        return Err(Some(unsupported()));
    }
    let params = a.expect(der::SEQUENCE).map_err(|_| malformed())?;
    let mut p = der::Reader::new(params.value);
    let kdf = p.expect(der::SEQUENCE).map_err(|_| malformed())?;
    let enc = p.expect(der::SEQUENCE).map_err(|_| malformed())?;
    // PBKDF2 parameters.
    let mut k = der::Reader::new(kdf.value);
    if k.expect(der::OID).map_err(|_| malformed())?.value != OID_PBKDF2 {
        return Err(Some(unsupported()));
    }
    let kp = k.expect(der::SEQUENCE).map_err(|_| malformed())?;
    let mut kr = der::Reader::new(kp.value);
    let salt = kr.expect(0x04).map_err(|_| malformed())?;
    let iterations = small_uint(&kr.expect(der::INTEGER).map_err(|_| malformed())?)
        .and_then(NonZeroU32::new)
        .ok_or_else(malformed)?;
    let mut key_len = None;
    if kr.peek_tag() == Some(der::INTEGER) {
        key_len = small_uint(&kr.expect(der::INTEGER).map_err(|_| malformed())?);
    }
    let mut prf = ring::pbkdf2::PBKDF2_HMAC_SHA1;
    if kr.peek_tag() == Some(der::SEQUENCE) {
        let pa = kr.expect(der::SEQUENCE).map_err(|_| malformed())?;
        let prf_oid = der::Reader::new(pa.value)
            .expect(der::OID)
            .map_err(|_| malformed())?;
        prf = match prf_oid.value {
            OID_HMAC_SHA1 => ring::pbkdf2::PBKDF2_HMAC_SHA1,
            OID_HMAC_SHA256 => ring::pbkdf2::PBKDF2_HMAC_SHA256,
            OID_HMAC_SHA384 => ring::pbkdf2::PBKDF2_HMAC_SHA384,
            OID_HMAC_SHA512 => ring::pbkdf2::PBKDF2_HMAC_SHA512,
            _ => return Err(Some(unsupported())),
        };
    }
    // The cipher.
    let mut e = der::Reader::new(enc.value);
    let cipher = e.expect(der::OID).map_err(|_| malformed())?;
    let aes_len = match cipher.value.strip_prefix(OID_AES_CBC_PREFIX) {
        Some([2]) => 16,
        Some([22]) => 24,
        Some([42]) => 32,
        _ => return Err(Some(unsupported())),
    };
    let iv = e.expect(0x04).map_err(|_| malformed())?;
    if iv.value.len() != 16 || key_len.is_some_and(|l| l as usize != aes_len) {
        return Err(malformed());
    }
    let mut key = vec![0u8; aes_len];
    ring::pbkdf2::derive(prf, iterations, salt.value, password, &mut key);
    let iv: [u8; 16] = iv.value.try_into().map_err(|_| malformed())?;
    cbc_decrypt(&key, &iv, data.value).ok_or(None)
}

/// AES-CBC decryption with PKCS#7 padding removal; `None` for bad padding or length.
fn cbc_decrypt(key: &[u8], iv: &[u8; 16], data: &[u8]) -> Option<Vec<u8>> {
    if data.is_empty() || data.len() % 16 != 0 {
        return None;
    }
    let aes = Aes::new(key)?;
    let mut prev = *iv;
    let mut out = Vec::with_capacity(data.len());
    for block in data.chunks_exact(16) {
        let mut b: [u8; 16] = block.try_into().ok()?;
        let c = b;
        aes.decrypt_block(&mut b);
        for (x, p) in b.iter_mut().zip(prev.iter()) {
            *x ^= p;
        }
        out.extend_from_slice(&b);
        prev = c;
    }
    let pad = usize::from(*out.last()?);
    if pad == 0
        || pad > 16
        || out[out.len() - pad..]
            .iter()
            .any(|&x| usize::from(x) != pad)
    {
        return None;
    }
    out.truncate(out.len() - pad);
    Some(out)
}

/// Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
fn gmul(mut a: u8, mut b: u8) -> u8 {
    let mut p = 0u8;
    while b != 0 {
        if b & 1 != 0 {
            p ^= a;
        }
        let hi = a & 0x80;
        a <<= 1;
        if hi != 0 {
            a ^= 0x1b;
        }
        b >>= 1;
    }
    p
}

/// The S-box and its inverse, computed from their definition (multiplicative inverse, then the
/// affine transformation).
fn sboxes() -> &'static ([u8; 256], [u8; 256]) {
    static T: std::sync::OnceLock<([u8; 256], [u8; 256])> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut s = [0u8; 256];
        let mut inv = [0u8; 256];
        for x in 0..=255u8 {
            // x^254 is the inverse of x (0 for 0).
            let mut y = 1u8;
            for _ in 0..254 {
                y = gmul(y, x);
            }
            let b = if x == 0 { 0 } else { y };
            let v = b
                ^ b.rotate_left(1)
                ^ b.rotate_left(2)
                ^ b.rotate_left(3)
                ^ b.rotate_left(4)
                ^ 0x63;
            s[usize::from(x)] = v;
            inv[usize::from(v)] = x;
        }
        (s, inv)
    })
}

/// An expanded AES key (decryption only).
struct Aes {
    /// Round keys, 16 bytes per round, in the state's byte order.
    rk: Vec<[u8; 16]>,
}

impl Aes {
    fn new(key: &[u8]) -> Option<Aes> {
        let nk = key.len() / 4;
        if !matches!(nk, 4 | 6 | 8) || key.len() % 4 != 0 {
            return None;
        }
        let nr = nk + 6;
        let (sbox, _) = sboxes();
        let mut w: Vec<[u8; 4]> = key
            .chunks_exact(4)
            .map(|c| [c[0], c[1], c[2], c[3]])
            .collect();
        let mut rcon = 1u8;
        for i in nk..4 * (nr + 1) {
            let mut t = w[i - 1];
            if i % nk == 0 {
                t = [t[1], t[2], t[3], t[0]];
                t = t.map(|b| sbox[usize::from(b)]);
                t[0] ^= rcon;
                rcon = gmul(rcon, 2);
            } else if nk > 6 && i % nk == 4 {
                t = t.map(|b| sbox[usize::from(b)]);
            }
            let prev = w[i - nk];
            w.push([
                prev[0] ^ t[0],
                prev[1] ^ t[1],
                prev[2] ^ t[2],
                prev[3] ^ t[3],
            ]);
        }
        let rk = w
            .chunks_exact(4)
            .map(|c| {
                let mut k = [0u8; 16];
                for (j, word) in c.iter().enumerate() {
                    k[4 * j..4 * j + 4].copy_from_slice(word);
                }
                k
            })
            .collect();
        Some(Aes { rk })
    }

    /// The inverse cipher on one block (the state is column-major: byte `r + 4c`).
    fn decrypt_block(&self, b: &mut [u8; 16]) {
        let (_, inv) = sboxes();
        let nr = self.rk.len() - 1;
        let add = |b: &mut [u8; 16], k: &[u8; 16]| b.iter_mut().zip(k).for_each(|(x, y)| *x ^= y);
        let inv_shift_sub = |b: &mut [u8; 16]| {
            let s = *b;
            for r in 0..4 {
                for c in 0..4 {
                    b[r + 4 * ((c + r) % 4)] = inv[usize::from(s[r + 4 * c])];
                }
            }
        };
        add(b, &self.rk[nr]);
        for round in (1..nr).rev() {
            inv_shift_sub(b);
            add(b, &self.rk[round]);
            for c in 0..4 {
                let col = [b[4 * c], b[4 * c + 1], b[4 * c + 2], b[4 * c + 3]];
                for r in 0..4 {
                    b[4 * c + r] = gmul(col[r], 0x0e)
                        ^ gmul(col[(r + 1) % 4], 0x0b)
                        ^ gmul(col[(r + 2) % 4], 0x0d)
                        ^ gmul(col[(r + 3) % 4], 0x09);
                }
            }
        }
        inv_shift_sub(b);
        add(b, &self.rk[0]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    // FIPS-197 appendix C examples.
    #[test]
    fn fips197_vectors() {
        let pt = hex("00112233445566778899aabbccddeeff");
        for (key, ct) in [
            (
                "000102030405060708090a0b0c0d0e0f",
                "69c4e0d86a7b0430d8cdb78070b4c55a",
            ),
            (
                "000102030405060708090a0b0c0d0e0f1011121314151617",
                "dda97ca4864cdfe06eaf70a0ec0d7191",
            ),
            (
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "8ea2b7ca516745bfeafc49904b496089",
            ),
        ] {
            let aes = Aes::new(&hex(key)).unwrap();
            let mut b: [u8; 16] = hex(ct).try_into().unwrap();
            aes.decrypt_block(&mut b);
            assert_eq!(b.to_vec(), pt, "key {key}");
        }
    }

    #[test]
    fn test_key_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/c-tests/certs/");
        let enc = std::fs::read(format!("{dir}server-ec-enc.key")).unwrap();
        let plain = std::fs::read(format!("{dir}server-ec.key")).unwrap();
        let mut it = enc.into_iter();
        let epki =
            crate::crypto::pem::read_stream_labeled(&mut || it.next(), "ENCRYPTED PRIVATE KEY")
                .unwrap();
        let want = crate::crypto::pem::read_private_key(&plain).unwrap();
        assert_eq!(decrypt(&epki, b"secret").unwrap(), want.secret_der());
        assert!(matches!(decrypt(&epki, b"wrong"), Err(None)));
        assert!(matches!(decrypt(&epki[..20], b"secret"), Err(Some(_))));
    }
}
