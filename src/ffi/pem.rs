//! `openssl/pem.h` family exports.
