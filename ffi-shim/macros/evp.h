/*
 * sslrs: macros of <openssl/evp.h> (OpenSSL 3.0): the pre-3.0 names of the EVP_MD getters
 * (src/ffi/digest.rs).
 */
#define EVP_MD_type EVP_MD_get_type
#define EVP_MD_nid EVP_MD_get_type
#define EVP_MD_name EVP_MD_get0_name
#define EVP_MD_size EVP_MD_get_size

/* Sizes and the PEM cipher-info record of OpenSSL 3.0's evp.h (<openssl/pem.h> uses it). */
#define EVP_MAX_MD_SIZE 64
#define EVP_MAX_KEY_LENGTH 64
#define EVP_MAX_IV_LENGTH 16
#define EVP_MAX_BLOCK_LENGTH 32
typedef struct evp_cipher_info_st {
    const EVP_CIPHER *cipher;
    unsigned char iv[EVP_MAX_IV_LENGTH];
} EVP_CIPHER_INFO;

/* The pre-3.0 names of the EVP_PKEY getters (src/ffi/evp_pkey_info.rs). */
#define EVP_PKEY_id EVP_PKEY_get_id
#define EVP_PKEY_base_id EVP_PKEY_get_base_id
#define EVP_PKEY_bits EVP_PKEY_get_bits
#define EVP_PKEY_security_bits EVP_PKEY_get_security_bits
