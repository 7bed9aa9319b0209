/*
 * sslrs: <openssl/types.h> (OpenSSL 3.0): the non-struct typedefs (the opaque struct typedefs
 * come from ffi-shim/openssl-types.txt via sslrs_decls.h).
 */
typedef int ASN1_BOOLEAN;
typedef int ASN1_NULL;
