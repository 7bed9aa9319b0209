//! Encrypted private keys (native backend).
//!
//! - PKCS#8 `ENCRYPTED PRIVATE KEY`: PBES2 with PBKDF2 (HMAC-SHA1, HMAC-SHA224/256/384/512) or
//!   scrypt, and AES-128/192/256-CBC, as `openssl pkcs8 -topk8 -v2 ...`, `openssl genpkey
//!   -aes256` and `openssl pkey -aes256` write them: RustCrypto's `pkcs8` crate (its `pkcs5`
//!   implementation) does all of it, also for DES-EDE3-CBC (`-v2 des3`). PBES1 and the
//!   PKCS#12 PBE schemes (OpenSSL 1.x's `-topk8` default) are not supported. scrypt parameters
//!   needing more than OpenSSL's 32 MiB are refused as OpenSSL refuses them, before any work.
//! - The legacy PEM form (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: AES-256-CBC,<iv>`, as `openssl
//!   ec -aes256`, `openssl rsa -traditional -aes256` and 1.x's `genrsa -des3` write it) with
//!   AES-128/192/256-CBC or DES-EDE3-CBC: the key is OpenSSL's `EVP_BytesToKey` with MD5, one
//!   round, the first 8 bytes of the IV as salt; [`bytes_to_key`] composes RustCrypto's `md-5`,
//!   and `aes`/`des` + `cbc` decrypt (PKCS#7 padding).
//!
//! The password comes from an [`Ask`] (the application's `pem_password_cb`). The error queue gets
//! what OpenSSL 3.0 queues, measured: a wrong password is the provider's `bad decrypt` under
//! PKCS12 `pkcs12 cipherfinal error` (PKCS#8, twice: OpenSSL's decoder tries two key types) or
//! PEM `bad decrypt` (legacy); a failed callback is asked twice and gives `bad password read`.

use crate::error::{lib, Error, Result};
use cbc::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyIvInit};
use md5::{Digest, Md5};
use zeroize::Zeroizing;

/// A password, wiped when dropped.
pub type Password = Zeroizing<Vec<u8>>;

/// Asks the application for the password: `None` when that failed (the callback returned a
/// negative length or more than its buffer; or there is no callback and nothing to prompt on).
/// The asker queues the entries of its own failure (`PEM_def_callback`'s) itself.
pub type Ask<'a> = &'a mut dyn FnMut() -> Option<Password>;

/// `ERR_R_INTERRUPTED_OR_CANCELLED` (err.h).
const INTERRUPTED_OR_CANCELLED: i32 = 0x80000 | 265;
/// `PROV_R_BAD_DECRYPT` (proverr.h).
const PROV_R_BAD_DECRYPT: i32 = 100;
/// `PROV_R_UNABLE_TO_GET_PASSPHRASE` (proverr.h).
const PROV_R_UNABLE_TO_GET_PASSPHRASE: i32 = 159;
/// `PKCS12_R_PKCS12_CIPHERFINAL_ERROR` (pkcs12err.h).
const PKCS12_R_PKCS12_CIPHERFINAL_ERROR: i32 = 116;
/// `PEM_R_BAD_DECRYPT` (pemerr.h).
const PEM_R_BAD_DECRYPT: i32 = 101;
/// `PEM_R_BAD_PASSWORD_READ` (pemerr.h).
const PEM_R_BAD_PASSWORD_READ: i32 = 104;
/// `PEM_R_BAD_IV_CHARS` (pemerr.h).
const PEM_R_BAD_IV_CHARS: i32 = 103;
/// `PEM_R_UNSUPPORTED_ENCRYPTION` (pemerr.h).
const PEM_R_UNSUPPORTED_ENCRYPTION: i32 = 114;

fn do_ui_passphrase() -> Error {
    Error::new(lib::CRYPTO, INTERRUPTED_OR_CANCELLED, "do_ui_passphrase")
}

fn bad_decrypt() -> Error {
    Error::new(lib::PROV, PROV_R_BAD_DECRYPT, "ossl_cipher_unpadblock")
}

/// What a wrong PKCS#8 password queues: OpenSSL's decoder tries twice (the last entry is the
/// one returned, for the caller to queue).
fn pkcs8_wrong_password(pw: &[u8]) -> Error {
    let data = if pw.is_empty() {
        "empty password"
    } else {
        "maybe wrong password"
    };
    let cipherfinal = || {
        Error::new(
            lib::PKCS12,
            PKCS12_R_PKCS12_CIPHERFINAL_ERROR,
            "PKCS12_pbe_crypt_ex",
        )
        .with_data(data)
    };
    crate::crypto::err::push(bad_decrypt());
    crate::crypto::err::push(cipherfinal());
    crate::crypto::err::push(bad_decrypt());
    cipherfinal()
}

/// An encryption this build cannot undo (the password was asked for first, as OpenSSL asks).
fn unsupported(what: String) -> Error {
    Error::unsupported(lib::EVP, "EVP_PBE_CipherInit_ex")
        .with_data(format!("sslrs: unsupported key encryption: {what}"))
}

/// OpenSSL's limit on the memory scrypt may use when decrypting a key (32 MiB: its
/// `SCRYPT_MAX_MEM`, measured: N=16384, r=8 — what `openssl pkcs8 -scrypt` writes — loads,
/// N=32768, r=8 fails).
const SCRYPT_MAX_MEM: u128 = 32 * 1024 * 1024;
/// `EVP_R_ILLEGAL_SCRYPT_PARAMETERS` (evperr.h).
const EVP_R_ILLEGAL_SCRYPT_PARAMETERS: i32 = 171;
/// `EVP_R_MEMORY_LIMIT_EXCEEDED` (evperr.h).
const EVP_R_MEMORY_LIMIT_EXCEEDED: i32 = 172;

/// Refuses scrypt parameters that need more memory than OpenSSL allows (`128 * r * (N + 2)`
/// bytes for the work area plus `128 * r * p` for the blocks), with OpenSSL's entries (twice,
/// as its decoder tries twice): a key file must not make us allocate gigabytes.
fn scrypt_memory_ok(scheme: &pkcs8::pkcs5::EncryptionScheme<'_>) -> Result<()> {
    let pkcs8::pkcs5::EncryptionScheme::Pbes2(params) = scheme else {
        return Ok(());
    };
    let pkcs8::pkcs5::pbes2::Kdf::Scrypt(s) = &params.kdf else {
        return Ok(());
    };
    let (n, r, p) = (
        u128::from(s.cost_parameter),
        u128::from(s.block_size),
        u128::from(s.parallelization),
    );
    if 128 * r * (n + 2) + 128 * r * p <= SCRYPT_MAX_MEM {
        return Ok(());
    }
    let limit = || Error::new(lib::EVP, EVP_R_MEMORY_LIMIT_EXCEEDED, "scrypt_alg");
    let illegal = || {
        Error::new(
            lib::EVP,
            EVP_R_ILLEGAL_SCRYPT_PARAMETERS,
            "PKCS5_v2_scrypt_keyivgen_ex",
        )
    };
    crate::crypto::err::push(limit());
    crate::crypto::err::push(illegal());
    crate::crypto::err::push(limit());
    Err(illegal())
}

/// The encryption algorithm OID (dotted) of an `EncryptedPrivateKeyInfo`-shaped DER value.
fn scheme_oid(der: &[u8]) -> Option<String> {
    use crate::crypto::x509::der as d;
    let top = d::Reader::new(der).expect(d::SEQUENCE).ok()?;
    let mut r = d::Reader::new(top.value);
    let alg = r.expect(d::SEQUENCE).ok()?;
    r.expect(0x04).ok()?;
    let oid = d::Reader::new(alg.value).expect(d::OID).ok()?;
    Some(d::oid_to_string(oid.value))
}

/// Decrypts a DER `EncryptedPrivateKeyInfo` into the DER `PrivateKeyInfo` it holds.
pub fn decrypt_pkcs8(der: &[u8], ask: Ask<'_>) -> Result<Password> {
    let info = match pkcs8::EncryptedPrivateKeyInfo::try_from(der) {
        Ok(info) => info,
        Err(_) => {
            // An EncryptedPrivateKeyInfo with a scheme the crate does not know (PBES1, the
            // PKCS#12 PBE schemes): OpenSSL would ask and decrypt; we ask, then fail cleanly.
            let oid = scheme_oid(der).ok_or_else(crate::crypto::pem::no_key_decoded)?;
            let _ = ask();
            return Err(unsupported(format!("scheme {oid}")));
        }
    };
    let pw = match ask() {
        Some(pw) => pw,
        None => {
            // OpenSSL's decoder gives up, then its legacy reader asks once more.
            crate::crypto::err::push(do_ui_passphrase());
            crate::crypto::err::push(do_ui_passphrase());
            crate::crypto::err::push(Error::new(
                lib::PROV,
                PROV_R_UNABLE_TO_GET_PASSPHRASE,
                "epki2pki_decode",
            ));
            match ask() {
                Some(pw) => pw,
                None => {
                    crate::crypto::err::push(do_ui_passphrase());
                    return Err(Error::new(
                        lib::PEM,
                        PEM_R_BAD_PASSWORD_READ,
                        "pem_read_bio_key_legacy",
                    ));
                }
            }
        }
    };
    scrypt_memory_ok(&info.encryption_algorithm)?;
    match info.decrypt(pw.as_slice()) {
        Ok(doc) => Ok(Zeroizing::new(doc.as_bytes().to_vec())),
        Err(pkcs8::Error::EncryptedPrivateKey(
            e @ (pkcs8::pkcs5::Error::UnsupportedAlgorithm { .. }
            | pkcs8::pkcs5::Error::AlgorithmParametersInvalid { .. }
            | pkcs8::pkcs5::Error::NoPbes1CryptSupport),
        )) => Err(unsupported(e.to_string())),
        // Bad padding, or (rarely, for a wrong password) a decryption that is not DER.
        Err(_) => Err(pkcs8_wrong_password(&pw)),
    }
}

/// OpenSSL's `EVP_BytesToKey` with MD5 and one iteration: `D_1 = MD5(pw || salt)`,
/// `D_i = MD5(D_{i-1} || pw || salt)`, concatenated and cut to `len` bytes.
pub fn bytes_to_key(pw: &[u8], salt: &[u8], len: usize) -> Password {
    let mut out = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut prev: Option<Zeroizing<[u8; 16]>> = None;
    while out.len() < len {
        let mut h = Md5::new();
        if let Some(p) = &prev {
            h.update(p.as_slice());
        }
        h.update(pw);
        h.update(salt);
        let d: Zeroizing<[u8; 16]> = Zeroizing::new(h.finalize().into());
        out.extend_from_slice(d.as_slice());
        prev = Some(d);
    }
    out.truncate(len);
    out
}

/// The ciphers (all in CBC mode) of legacy encrypted PEM that sslrs decrypts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LegacyCipher {
    Aes128,
    Aes192,
    Aes256,
    DesEde3,
}

impl LegacyCipher {
    fn key_len(self) -> usize {
        match self {
            LegacyCipher::Aes128 => 16,
            LegacyCipher::Aes192 | LegacyCipher::DesEde3 => 24,
            LegacyCipher::Aes256 => 32,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            LegacyCipher::DesEde3 => 8,
            _ => 16,
        }
    }

    /// Decrypts `data` in place and strips the PKCS#7 padding: the plaintext's length, or
    /// `None` (bad padding).
    fn decrypt(self, key: &[u8], iv: &[u8], data: &mut [u8]) -> Option<usize> {
        fn run<C>(key: &[u8], iv: &[u8], data: &mut [u8]) -> Option<usize>
        where
            C: cbc::cipher::BlockDecryptMut + cbc::cipher::BlockCipher,
            cbc::Decryptor<C>: KeyIvInit + BlockDecryptMut,
        {
            let d = cbc::Decryptor::<C>::new_from_slices(key, iv).ok()?;
            d.decrypt_padded_mut::<Pkcs7>(data).ok().map(|p| p.len())
        }
        match self {
            LegacyCipher::Aes128 => run::<aes::Aes128>(key, iv, data),
            LegacyCipher::Aes192 => run::<aes::Aes192>(key, iv, data),
            LegacyCipher::Aes256 => run::<aes::Aes256>(key, iv, data),
            LegacyCipher::DesEde3 => run::<des::TdesEde3>(key, iv, data),
        }
    }
}

/// The cipher and IV of a `DEK-Info` value (`AES-256-CBC,<32 hex digits>`).
fn dek_info(value: &str) -> Result<(LegacyCipher, Vec<u8>)> {
    let (name, hex) = value
        .split_once(',')
        .ok_or_else(|| unsupported(format!("DEK-Info {value}")))?;
    let cipher = match name.trim() {
        "AES-128-CBC" => LegacyCipher::Aes128,
        "AES-192-CBC" => LegacyCipher::Aes192,
        "AES-256-CBC" => LegacyCipher::Aes256,
        "DES-EDE3-CBC" => LegacyCipher::DesEde3,
        other => {
            return Err(Error::new(
                lib::PEM,
                PEM_R_UNSUPPORTED_ENCRYPTION,
                "PEM_get_EVP_CIPHER_INFO",
            )
            .with_data(format!(
                "sslrs: legacy PEM encryption {other} is not supported"
            )))
        }
    };
    let hex = hex.trim().as_bytes();
    let bad_iv = || Error::new(lib::PEM, PEM_R_BAD_IV_CHARS, "load_iv");
    if hex.len() != 2 * cipher.iv_len() {
        return Err(bad_iv());
    }
    let mut iv = vec![0u8; cipher.iv_len()];
    for (i, pair) in hex.chunks(2).enumerate() {
        let s = std::str::from_utf8(pair).map_err(|_| bad_iv())?;
        iv[i] = u8::from_str_radix(s, 16).map_err(|_| bad_iv())?;
    }
    Ok((cipher, iv))
}

/// Decrypts the body of a legacy encrypted PEM block, given its `DEK-Info` header value.
pub fn decrypt_legacy(dek: &str, ciphertext: &[u8], ask: Ask<'_>) -> Result<Password> {
    let (cipher, iv) = match dek_info(dek) {
        Ok(c) => c,
        Err(e) if e.reason == PEM_R_UNSUPPORTED_ENCRYPTION => {
            // A cipher OpenSSL has and we do not: asked for first, as OpenSSL asks.
            let _ = ask();
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    // OpenSSL's decoder asks first and its errors are dropped; its legacy reader asks again.
    let marked = crate::crypto::err::set_mark();
    let pw = match ask() {
        Some(pw) => {
            if marked {
                crate::crypto::err::clear_last_mark();
            }
            pw
        }
        None => {
            crate::crypto::err::pop_to_mark();
            match ask() {
                Some(pw) => pw,
                None => {
                    crate::crypto::err::push(do_ui_passphrase());
                    crate::crypto::err::push(do_ui_passphrase());
                    return Err(Error::new(
                        lib::PEM,
                        PEM_R_BAD_PASSWORD_READ,
                        "PEM_do_header",
                    ));
                }
            }
        }
    };
    let key = bytes_to_key(&pw, &iv[..8], cipher.key_len());
    let mut buf = Zeroizing::new(ciphertext.to_vec());
    match cipher.decrypt(&key, &iv, &mut buf) {
        Some(n) => {
            buf.truncate(n);
            Ok(buf)
        }
        None => {
            crate::crypto::err::push(bad_decrypt());
            Err(Error::new(lib::PEM, PEM_R_BAD_DECRYPT, "PEM_do_header"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::crypto::pem::read_stream_key_with;
    use rustls_pki_types::PrivateKeyDer;

    const PBES1_KEY: &str = "-----BEGIN ENCRYPTED PRIVATE KEY-----
MIGxMBwGCiqGSIb3DQEMAQMwDgQIp9h9bRUF1o4CAggABIGQW0mlXQC0NIOuJI6K
8q+e/MIhkYiL5N11BRp2I6UYWxkdW5OMGtRv+odXOovXX00iItyaoq6Zej9UIGGf
OMCLvAg1ptPq5/q3eikCnHHENktrUVLdMUT9R4Ycu9gn/mWVPS1GLPwUmeDihroJ
Zqg/PIF0vzgWzmeBgsqrRxc7tHfeNAI497g1LviG9B1ywNQj
-----END ENCRYPTED PRIVATE KEY-----
";
    const ARIA_KEY: &str = "-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: ARIA-128-CBC,CD6D1D4A1BC938DFAB52A8BB86B93AE9

zGa5P8ikg1egrZDl5870rdqwO2NGyRag6YYrPxe6ZleW2IluXDX6C3sCghRMZmME
NyJrb0/GraKS5W57zzEApIc4gNwrZpL6+PbONevMacynL0Dcsy4moU0BknqFmx0N
hwKgN9vGyI/wxUEQDonsF9aeDWHb9vqIxs5kkCAh+SI=
-----END EC PRIVATE KEY-----
";

    /// Reads `pem` with the password `pw` (None: the ask fails); the key, how often it asked,
    /// and the queue's codes (the returned error last).
    fn read(pem: &str, pw: Option<&str>) -> (Option<PrivateKeyDer<'static>>, usize, Vec<u64>) {
        crate::crypto::err::clear();
        let mut calls = 0;
        let mut it = pem.bytes();
        let r = read_stream_key_with(&mut || it.next(), &mut || {
            calls += 1;
            pw.map(|p| Zeroizing::new(p.as_bytes().to_vec()))
        });
        let key = match r {
            Ok(k) => Some(k),
            Err(e) => {
                crate::crypto::err::push(e);
                None
            }
        };
        let mut codes = Vec::new();
        while let Some(e) = crate::crypto::err::pop_first() {
            codes.push(e.code);
        }
        (key, calls, codes)
    }

    fn cert_file(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/c-tests/certs/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn every_kind_decrypts_and_loads() {
        for (name, legacy) in [
            ("server-ec-enc-aes256.key", false),
            ("server-rsa-enc-aes128-sha1.key", false),
            ("server-ec-enc-scrypt.key", false),
            ("server-ec-enc-des3.key", false),
            ("server-ec-enc-legacy.key", true),
            ("server-rsa-enc-legacy.key", true),
            ("server-rsa-enc-des3-legacy.key", true),
        ] {
            let pem = cert_file(name);
            let (key, calls, codes) = read(&pem, Some("secret"));
            let key = key.unwrap_or_else(|| panic!("{name}: {codes:x?}"));
            assert_eq!((calls, codes.len()), (1, 0), "{name}");
            let k = crate::crypto::pkey::PrivateKey::new(key);
            assert!(k.load_signing_key().is_ok(), "{name}");
            let (key, calls, codes) = read(&pem, Some("wrong"));
            assert!(key.is_none());
            assert_eq!(calls, 1);
            let want: &[u64] = if legacy {
                &[0x1C800064, 0x04800065]
            } else {
                &[0x1C800064, 0x11800074, 0x1C800064, 0x11800074]
            };
            assert_eq!(codes, want, "{name}");
            let (_, calls, codes) = read(&pem, None);
            assert_eq!(calls, 2);
            let want: &[u64] = if legacy {
                &[0x07880109, 0x07880109, 0x04800068]
            } else {
                &[0x07880109, 0x07880109, 0x1C80009F, 0x07880109, 0x04800068]
            };
            assert_eq!(codes, want, "{name}");
        }
    }

    /// Mutated encrypted keys (byte flips, truncations, in the PEM text and in the DER) through
    /// the reader with a password: never a panic. Run by hand (`--ignored`): each mutant that
    /// still parses runs its key derivation.
    #[test]
    #[ignore]
    fn fuzz_mutated_keys() {
        let files = [
            "server-ec-enc-aes128-sha1.key",
            "server-ec-enc-legacy.key",
            "server-rsa-enc-des3-legacy.key",
            "server-ec-enc-scrypt.key",
        ];
        let iterations: usize = std::env::var("SSLRS_FUZZ_ITERATIONS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20_000);
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut rnd = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for i in 0..iterations {
            let mut pem = cert_file(files[i % files.len()]).into_bytes();
            let len = pem.len() as u64;
            match rnd() % 4 {
                0 => pem.truncate((rnd() % len) as usize),
                _ => {
                    for _ in 0..1 + rnd() % 4 {
                        let at = (rnd() % len) as usize;
                        pem[at] = if rnd() % 2 == 0 {
                            rnd() as u8
                        } else {
                            b"ABCabc019+/=:,-\n"[(rnd() % 16) as usize]
                        };
                    }
                }
            }
            let pw = if rnd() % 8 == 0 { None } else { Some("secret") };
            let text = String::from_utf8_lossy(&pem).into_owned();
            let _ = read(&text, pw);
        }
        crate::crypto::err::clear();
    }

    #[test]
    fn unsupported_schemes_ask_then_fail_cleanly() {
        let (key, calls, codes) = read(PBES1_KEY, Some("secret"));
        assert!(key.is_none());
        assert_eq!((calls, codes.as_slice()), (1, &[0x0308010C_u64][..]));
        let (key, calls, codes) = read(ARIA_KEY, Some("secret"));
        assert!(key.is_none());
        assert_eq!((calls, codes.as_slice()), (1, &[0x04800072_u64][..]));
        // scrypt over OpenSSL's memory limit: refused before deriving anything
        let (key, calls, codes) = read(&cert_file("server-ec-enc-scrypt-1g.key"), Some("secret"));
        assert!(key.is_none());
        assert_eq!(calls, 1);
        assert_eq!(codes, [0x030000AC, 0x030000AB, 0x030000AC, 0x030000AB]);
        // a bad IV is refused before asking; so is a block that is not an EncryptedPrivateKeyInfo
        let bad_iv = ARIA_KEY.replace("ARIA-128-CBC,CD6D", "AES-128-CBC,ZZ6D");
        let (_, calls, codes) = read(&bad_iv, Some("secret"));
        assert_eq!((calls, codes.as_slice()), (0, &[0x04800067_u64][..]));
        let junk =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let (_, calls, codes) = read(junk, Some("secret"));
        assert_eq!((calls, codes.as_slice()), (0, &[0x1E08010C_u64][..]));
    }

    #[test]
    fn bytes_to_key_matches_openssl() {
        // `openssl enc -aes-256-cbc -P -md md5 -pass pass:secret -S 0102030405060708`
        let k = bytes_to_key(b"secret", &[1, 2, 3, 4, 5, 6, 7, 8], 32);
        let hex: String = k.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(
            hex,
            "C9E5A1BD216DBE1317E230CEF48F38EE7F0E17AD64022144BCCEC4A1AA2879AB"
        );
        let k16 = bytes_to_key(b"secret", &[1, 2, 3, 4, 5, 6, 7, 8], 16);
        assert_eq!(&k[..16], k16.as_slice());
    }

    #[test]
    fn dek_info_parsing() {
        let (c, iv) = dek_info("AES-128-CBC,000102030405060708090A0B0C0D0E0F").unwrap();
        assert_eq!((c.key_len(), iv.len(), iv[15]), (16, 16, 15));
        let (c, iv) = dek_info("DES-EDE3-CBC,0001020304050607").unwrap();
        assert_eq!((c.key_len(), iv.len()), (24, 8));
        assert_eq!(
            dek_info("DES-CBC,0001020304050607").unwrap_err().reason,
            PEM_R_UNSUPPORTED_ENCRYPTION
        );
        assert_eq!(
            dek_info("AES-128-CBC,00zz").unwrap_err().reason,
            PEM_R_BAD_IV_CHARS
        );
    }
}
