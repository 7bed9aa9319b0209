//! `openssl/crypto.h` family exports.
