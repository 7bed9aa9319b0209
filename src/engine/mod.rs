//! The handshake engine: OpenSSL's state model (roles, in_init, want-read/want-write, shutdown
//! flags, sticky fatal errors, error mapping) driving a rustls connection. No unsafe, no libc:
//! transport I/O goes through `crypto::bio::Bio`, errors through `crypto::err`.
#![forbid(unsafe_code)]

pub mod ciphers;
pub mod config;
pub mod conn;
pub mod context;
pub mod errmap;
pub mod events;
pub mod hostmatch;
pub mod keys;
pub mod session;
pub mod verify;

pub use conn::{AlpnChoice, Conn, HelloInfo, HelloOutcome, Role, Stop};
pub use context::{Context, Method};
