//! `openssl/ssl.h` family exports.
