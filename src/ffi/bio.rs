//! `openssl/bio.h` family exports.
