//! The handshake engine: OpenSSL's state model driving a rustls connection. SKELETON.
#![forbid(unsafe_code)]

/// Configuration shared by connections (`SSL_CTX`).
pub struct Context {}
/// One connection (`SSL`).
pub struct Conn {}
