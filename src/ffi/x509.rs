//! `openssl/x509.h` family exports.
