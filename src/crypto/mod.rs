//! The libcrypto-family objects behind one seam: BIO, ERR, X509, EVP_PKEY, PEM.
//!
//! Today only the native backend exists (Rust implementations, no OpenSSL in the process). The
//! forward backend (pass every call through to a libcrypto.so.3 already in the process) plugs in
//! here: the engine only ever sees `Bio` handles, `Error`s and DER.

pub mod asn1_text;
pub mod bio;
pub mod bio_foreign;
pub mod enckey;
pub mod err;
pub mod err_forward;
pub mod err_strings;
pub mod objects;
pub mod pem;
pub mod pkey;
pub mod x509;
pub mod x509_fields;
#[cfg(test)]
mod x509_fuzz;
pub mod x509_name;
pub mod x509_print;
