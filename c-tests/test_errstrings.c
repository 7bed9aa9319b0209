/*
 * SSL reason strings are registered only by SSL_CTX_new,
 * SSL_load_error_strings or OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS).
 * This must run first in its own process: nothing may create an SSL_CTX
 * before test_strings_before_load.
 */
#include "testutil.h"

#include <string.h>

static int test_strings_before_load(void)
{
    char buf[256];

    if (!TEST_int_eq(SSL_library_init(), 1))
        return 0;
    ERR_error_string_n(0x0A000086UL, buf, sizeof(buf));
    return TEST_str_eq(buf, "error:0A000086:SSL routines::reason(134)")
           && TEST_ptr_null(ERR_reason_error_string(0x0A000086UL))
           && TEST_str_eq(ERR_lib_error_string(0x0A000086UL), "SSL routines");
}

static int test_strings_after_load(void)
{
    char buf[256];

    SSL_load_error_strings();
    ERR_error_string_n(0x0A000086UL, buf, sizeof(buf));
    return TEST_str_eq(buf, "error:0A000086:SSL routines::certificate verify failed")
           && TEST_str_eq(ERR_reason_error_string(0x0A000126UL), "unexpected eof while reading");
}

static int test_version_api(void)
{
    return TEST_int_eq(OpenSSL_version_num() >> 28, 3)
           && TEST_ptr(OpenSSL_version(OPENSSL_VERSION))
           && TEST_int_eq(strncmp(OpenSSL_version(OPENSSL_VERSION), "OpenSSL 3.", 10), 0)
           && TEST_int_eq(OPENSSL_init_ssl(0, NULL), 1);
}

int main(void)
{
    RUN_TEST(test_strings_before_load);
    RUN_TEST(test_strings_after_load);
    RUN_TEST(test_version_api);
    return tu_finish();
}
