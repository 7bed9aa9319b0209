//! Encrypted private keys (native backend).
//!
//! - PKCS#8 `ENCRYPTED PRIVATE KEY`: PBES2 with PBKDF2 (HMAC-SHA1, HMAC-SHA224/256/384/512) or
//!   scrypt, and AES-128/192/256-CBC, as `openssl pkcs8 -topk8 -v2 ...`, `openssl genpkey
//!   -aes256` and `openssl pkey -aes256` write them: RustCrypto's `pkcs8` crate (its `pkcs5`
//!   implementation) does all of it. PBES1 and the PKCS#12 PBE schemes are not supported.
//! - The legacy PEM form (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: AES-256-CBC,<iv>`, as `openssl
//!   ec -aes256` and `openssl rsa -traditional -aes256` write it) with AES-128/192/256-CBC: the
//!   key is OpenSSL's `EVP_BytesToKey` with MD5, one round, the first 8 bytes of the IV as salt;
//!   [`bytes_to_key`] composes RustCrypto's `md-5`, and `aes` + `cbc` decrypt (PKCS#7 padding).
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

/// Decrypts a DER `EncryptedPrivateKeyInfo` into the DER `PrivateKeyInfo` it holds.
pub fn decrypt_pkcs8(der: &[u8], ask: Ask<'_>) -> Result<Password> {
    let info = pkcs8::EncryptedPrivateKeyInfo::try_from(der)
        .map_err(|_| crate::crypto::pem::no_key_decoded())?;
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

/// The cipher and IV of a `DEK-Info` value (`AES-256-CBC,<32 hex digits>`).
fn dek_info(value: &str) -> Result<(usize, [u8; 16])> {
    let (name, hex) = value
        .split_once(',')
        .ok_or_else(|| unsupported(format!("DEK-Info {value}")))?;
    let key_len = match name.trim() {
        "AES-128-CBC" => 16,
        "AES-192-CBC" => 24,
        "AES-256-CBC" => 32,
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
    if hex.len() != 32 {
        return Err(bad_iv());
    }
    let mut iv = [0u8; 16];
    for (i, pair) in hex.chunks(2).enumerate() {
        let s = std::str::from_utf8(pair).map_err(|_| bad_iv())?;
        iv[i] = u8::from_str_radix(s, 16).map_err(|_| bad_iv())?;
    }
    Ok((key_len, iv))
}

fn aes_cbc_decrypt(key: &[u8], iv: &[u8; 16], data: &mut [u8]) -> Option<usize> {
    fn run<C>(key: &[u8], iv: &[u8; 16], data: &mut [u8]) -> Option<usize>
    where
        cbc::Decryptor<C>: KeyIvInit + BlockDecryptMut,
        C: cbc::cipher::BlockDecryptMut + cbc::cipher::BlockCipher,
    {
        let d = cbc::Decryptor::<C>::new_from_slices(key, iv).ok()?;
        d.decrypt_padded_mut::<Pkcs7>(data).ok().map(|p| p.len())
    }
    match key.len() {
        16 => run::<aes::Aes128>(key, iv, data),
        24 => run::<aes::Aes192>(key, iv, data),
        32 => run::<aes::Aes256>(key, iv, data),
        _ => None,
    }
}

/// Decrypts the body of a legacy encrypted PEM block, given its `DEK-Info` header value.
pub fn decrypt_legacy(dek: &str, ciphertext: &[u8], ask: Ask<'_>) -> Result<Password> {
    let (key_len, iv) = dek_info(dek)?;
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
    let key = bytes_to_key(&pw, &iv[..8], key_len);
    let mut buf = Zeroizing::new(ciphertext.to_vec());
    match aes_cbc_decrypt(&key, &iv, &mut buf) {
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
        let (n, iv) = dek_info("AES-128-CBC,000102030405060708090A0B0C0D0E0F").unwrap();
        assert_eq!(n, 16);
        assert_eq!(iv[15], 15);
        assert_eq!(
            dek_info("DES-EDE3-CBC,0001020304050607")
                .unwrap_err()
                .reason,
            PEM_R_UNSUPPORTED_ENCRYPTION
        );
        assert_eq!(
            dek_info("AES-128-CBC,00zz").unwrap_err().reason,
            PEM_R_BAD_IV_CHARS
        );
    }
}
