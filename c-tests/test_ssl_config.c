/*
 * The ssl_conf module of the configuration file (OPENSSL_CONF): SSL_CTX_config
 * and SSL_config with a known name, an unknown one, a section whose last
 * command fails, and the system_default section applied by SSL_CTX_new.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char conf_text[] =
    "# sslrs test configuration\n"
    "openssl_conf = init\n"
    "\n"
    "[init]\n"
    "ssl_conf = ssl_sect\n"
    "\n"
    "[ssl_sect]\n"
    "system_default = sd_sect\n"
    "myapp = app_sect\n"
    "broken = broken_sect\n"
    "\n"
    "[sd_sect]\n"
    "MinProtocol = TLSv1.2\n"
    "\n"
    "[app_sect]\n"
    "MinProtocol = TLSv1.3   # comment\n"
    "CipherString = HIGH\n"
    "\n"
    "[broken_sect]\n"
    "MaxProtocol = TLSv1.2\n"
    "NoSuchCommand = 1\n";

static char conf_path[] = "/tmp/sslrs-test-conf-XXXXXX";

static int test_system_default(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int ret = TEST_ptr(ctx) && TEST_int_eq(SSL_CTX_get_min_proto_version(ctx), TLS1_2_VERSION)
        && TEST_int_eq(SSL_CTX_get_max_proto_version(ctx), 0);

    SSL_CTX_free(ctx);
    return ret;
}

static int test_named(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    if (!TEST_int_eq(SSL_CTX_config(ctx, "myapp"), 1)
        || !TEST_int_eq(SSL_CTX_get_min_proto_version(ctx), TLS1_3_VERSION)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        goto end;
    /* the connection made before keeps the context's earlier setting until configured */
    if (!TEST_int_eq(SSL_get_min_proto_version(s), TLS1_2_VERSION)
        || !TEST_int_eq(SSL_config(s, "myapp"), 1)
        || !TEST_int_eq(SSL_get_min_proto_version(s), TLS1_3_VERSION))
        goto end;
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

static int test_unknown_and_broken(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    unsigned long e;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    /* unknown names and NULL: SSL "invalid configuration name" */
    if (!TEST_int_eq(SSL_CTX_config(ctx, "nonexistent"), 0)
        || !TEST_ulong_eq(e = ERR_get_error(), 0x0A000071UL) || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;
    if (!TEST_int_eq(SSL_CTX_config(ctx, NULL), 0) || !TEST_ulong_eq(ERR_get_error(), 0x0A000071UL)
        || !TEST_int_eq(SSL_config(s, "nonexistent"), 0)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000071UL))
        goto end;
    /* a failing command: 0, the commands before it applied */
    ERR_clear_error();
    if (!TEST_int_eq(SSL_CTX_config(ctx, "broken"), 0)
        || !TEST_int_eq(SSL_CTX_get_max_proto_version(ctx), TLS1_2_VERSION))
        goto end;
    ERR_clear_error();
    ret = 1;
end:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

int main(void)
{
    int fd = mkstemp(conf_path);
    int rc;

    if (fd < 0 || write(fd, conf_text, sizeof(conf_text) - 1) != (ssize_t)(sizeof(conf_text) - 1)) {
        perror("config file");
        return 1;
    }
    close(fd);
    /* before the library reads its configuration (at its first initialisation) */
    setenv("OPENSSL_CONF", conf_path, 1);
    RUN_TEST(test_system_default);
    RUN_TEST(test_named);
    RUN_TEST(test_unknown_and_broken);
    rc = tu_finish();
    unlink(conf_path);
    return rc;
}
