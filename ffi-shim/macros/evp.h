/*
 * sslrs: macros of <openssl/evp.h> (OpenSSL 3.0): the pre-3.0 names of the EVP_MD getters
 * (src/ffi/digest.rs).
 */
#define EVP_MD_type EVP_MD_get_type
#define EVP_MD_nid EVP_MD_get_type
#define EVP_MD_name EVP_MD_get0_name
#define EVP_MD_size EVP_MD_get_size
