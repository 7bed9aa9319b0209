//! `openssl/evp.h` family exports.
