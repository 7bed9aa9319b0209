//! `openssl/err.h` family exports.
