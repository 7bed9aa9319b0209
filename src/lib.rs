//! sslrs: OpenSSL 3's libssl ABI on rustls.
//!
//! Layers, outermost first (see `../shared/DESIGN.md`):
//! - [`ffi`]: the `extern "C"` entry points, one file per OpenSSL header family. The only place raw
//!   pointers exist.
//! - [`engine`]: the handshake engine. OpenSSL's state model driving a rustls connection. No unsafe.
//! - [`crypto`]: the libcrypto-family objects (BIO, ERR, X509, EVP_PKEY, PEM) behind one seam;
//!   today only the native backend exists.
//! - [`error`]: the one error type, with OpenSSL's library and reason numbers.

pub mod crypto;
pub mod engine;
pub mod error;
pub mod ffi;
pub mod sync;
