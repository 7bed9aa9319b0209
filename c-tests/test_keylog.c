/* Key logging (SSL_CTX_set_keylog_callback) and the hello randoms, measured against
 * OpenSSL 3.0: NSS key-log labels in OpenSSL's order per role, line formats, secrets equal on
 * both sides, client random in every line equal to SSL_get_client_random. */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#define MAX_LINES 16

struct log {
    int n;
    char lines[MAX_LINES][256];
    int newline;        /* a line contained '\n' */
    int random_mismatch; /* the line's client random differs from SSL_get_client_random */
};

static struct log client_log, server_log;
static SSL *client_ssl, *server_ssl;

static void hex(const unsigned char *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

static void keylog_cb(const SSL *ssl, const char *line)
{
    struct log *l = ssl == client_ssl ? &client_log : &server_log;
    unsigned char cr[32];
    char crhex[65];
    const char *sp;

    if (strchr(line, '\n') != NULL)
        l->newline = 1;
    /* Re-enters the library on the same SSL: no lock may be held. */
    if (SSL_get_client_random(ssl, cr, sizeof(cr)) != 32)
        l->random_mismatch = 1;
    hex(cr, 32, crhex);
    sp = strchr(line, ' ');
    if (sp == NULL || strncmp(sp + 1, crhex, 64) != 0)
        l->random_mismatch = 1;
    if (l->n < MAX_LINES)
        snprintf(l->lines[l->n++], sizeof(l->lines[0]), "%s", line);
}

static int label_is(const char *line, const char *label)
{
    size_t n = strlen(label);
    return strncmp(line, label, n) == 0 && line[n] == ' ';
}

/* "LABEL <64 hex> <secret hex of secret_len bytes>" */
static int well_formed(const char *line, size_t secret_len)
{
    const char *sp = strchr(line, ' ');
    const char *sp2 = sp != NULL ? strchr(sp + 1, ' ') : NULL;

    if (sp2 == NULL || sp2 - sp - 1 != 64 || strlen(sp2 + 1) != 2 * secret_len)
        return 0;
    for (const char *p = sp + 1; *p != '\0'; p++)
        if (p != sp2 && strchr("0123456789abcdef", *p) == NULL)
            return 0;
    return 1;
}

/* The line with `label` in `l`, or NULL. */
static const char *find(struct log *l, const char *label)
{
    for (int i = 0; i < l->n; i++)
        if (label_is(l->lines[i], label))
            return l->lines[i];
    return NULL;
}

static int connect_logged(int version, SSL_CTX **sctx, SSL_CTX **cctx)
{
    memset(&client_log, 0, sizeof(client_log));
    memset(&server_log, 0, sizeof(server_log));
    if (!TEST_true(create_ssl_ctx_pair(version, version, "server-rsa.pem", "server-rsa.key",
                                       NULL, sctx, cctx)))
        return 0;
    SSL_CTX_set_keylog_callback(*sctx, keylog_cb);
    SSL_CTX_set_keylog_callback(*cctx, keylog_cb);
    if (!TEST_true(SSL_CTX_get_keylog_callback(*cctx) == keylog_cb)
        || !TEST_true(create_ssl_objects(*sctx, *cctx, &server_ssl, &client_ssl, NULL, NULL))
        || !TEST_true(create_ssl_connection(server_ssl, client_ssl)))
        return 0;
    return 1;
}

static void free_all(SSL_CTX *sctx, SSL_CTX *cctx)
{
    SSL_free(server_ssl);
    SSL_free(client_ssl);
    server_ssl = client_ssl = NULL;
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static int test_tls13_lines(void)
{
    static const char *client_order[] = {
        "SERVER_HANDSHAKE_TRAFFIC_SECRET", "EXPORTER_SECRET", "SERVER_TRAFFIC_SECRET_0",
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0",
    };
    static const char *server_order[] = {
        "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "EXPORTER_SECRET",
        "SERVER_TRAFFIC_SECRET_0", "CLIENT_TRAFFIC_SECRET_0",
    };
    SSL_CTX *sctx = NULL, *cctx = NULL;
    int ok = 0;
    size_t hash_len;

    if (!connect_logged(TLS1_3_VERSION, &sctx, &cctx))
        goto end;
    /* The default suite is TLS_AES_256_GCM_SHA384: 48-byte secrets. */
    if (!TEST_str_eq(SSL_CIPHER_get_name(SSL_get_current_cipher(client_ssl)),
                     "TLS_AES_256_GCM_SHA384"))
        goto end;
    hash_len = 48;
    if (!TEST_int_eq(client_log.n, 5) || !TEST_int_eq(server_log.n, 5)
        || !TEST_false(client_log.newline) || !TEST_false(server_log.newline)
        || !TEST_false(client_log.random_mismatch) || !TEST_false(server_log.random_mismatch))
        goto end;
    for (int i = 0; i < 5; i++) {
        const char *peer = find(&server_log, client_order[i]);

        if (!TEST_true(label_is(client_log.lines[i], client_order[i]))
            || !TEST_true(label_is(server_log.lines[i], server_order[i]))
            || !TEST_true(well_formed(client_log.lines[i], hash_len))
            || !TEST_true(well_formed(server_log.lines[i], hash_len))
            /* Both sides log the same secrets. */
            || !TEST_ptr(peer) || !TEST_str_eq(client_log.lines[i], peer))
            goto end;
    }
    ok = 1;
end:
    free_all(sctx, cctx);
    return ok;
}

static int test_tls12_lines(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    int ok = 0;

    if (!connect_logged(TLS1_2_VERSION, &sctx, &cctx))
        goto end;
    if (!TEST_int_eq(client_log.n, 1) || !TEST_int_eq(server_log.n, 1)
        || !TEST_true(label_is(client_log.lines[0], "CLIENT_RANDOM"))
        || !TEST_true(well_formed(client_log.lines[0], 48))
        || !TEST_str_eq(client_log.lines[0], server_log.lines[0])
        || !TEST_false(client_log.newline) || !TEST_false(client_log.random_mismatch)
        || !TEST_false(server_log.random_mismatch))
        goto end;
    ok = 1;
end:
    free_all(sctx, cctx);
    return ok;
}

static int test_no_callback(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    int ok = 0;

    memset(&client_log, 0, sizeof(client_log));
    memset(&server_log, 0, sizeof(server_log));
    if (!TEST_true(create_ssl_ctx_pair(0, 0, "server-rsa.pem", "server-rsa.key", NULL, &sctx,
                                       &cctx)))
        goto end;
    SSL_CTX_set_keylog_callback(cctx, keylog_cb);
    SSL_CTX_set_keylog_callback(cctx, NULL);
    if (!TEST_true(SSL_CTX_get_keylog_callback(cctx) == NULL)
        || !TEST_true(SSL_CTX_get_keylog_callback(sctx) == NULL)
        || !TEST_true(create_ssl_objects(sctx, cctx, &server_ssl, &client_ssl, NULL, NULL))
        || !TEST_true(create_ssl_connection(server_ssl, client_ssl))
        || !TEST_int_eq(client_log.n, 0) || !TEST_int_eq(server_log.n, 0))
        goto end;
    ok = 1;
end:
    free_all(sctx, cctx);
    return ok;
}

static int all_zero(const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

static int randoms(int version)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    unsigned char c1[40], c2[40], s1[40], s2[40];
    int ok = 0;

    if (!TEST_true(create_ssl_ctx_pair(version, version, "server-rsa.pem", "server-rsa.key",
                                       NULL, &sctx, &cctx))
        || !TEST_true(create_ssl_objects(sctx, cctx, &server_ssl, &client_ssl, NULL, NULL)))
        goto end;
    /* Before the handshake: the size for outlen 0, zeros otherwise. */
    memset(c1, 0xAA, sizeof(c1));
    if (!TEST_size_t_eq(SSL_get_client_random(client_ssl, NULL, 0), 32)
        || !TEST_size_t_eq(SSL_get_server_random(server_ssl, NULL, 0), 32)
        || !TEST_size_t_eq(SSL_get_client_random(client_ssl, c1, sizeof(c1)), 32)
        || !TEST_true(all_zero(c1, 32)) || !TEST_int_eq(c1[32], 0xAA))
        goto end;
    if (!TEST_true(create_ssl_connection(server_ssl, client_ssl)))
        goto end;
    if (!TEST_size_t_eq(SSL_get_client_random(client_ssl, c1, sizeof(c1)), 32)
        || !TEST_size_t_eq(SSL_get_client_random(server_ssl, c2, sizeof(c2)), 32)
        || !TEST_size_t_eq(SSL_get_server_random(client_ssl, s1, sizeof(s1)), 32)
        || !TEST_size_t_eq(SSL_get_server_random(server_ssl, s2, sizeof(s2)), 32)
        || !TEST_mem_eq(c1, 32, c2, 32) || !TEST_mem_eq(s1, 32, s2, 32)
        || !TEST_false(all_zero(c1, 32)) || !TEST_false(all_zero(s1, 32))
        || !TEST_false(memcmp(c1, s1, 32) == 0))
        goto end;
    /* A short buffer gets a prefix. */
    memset(c2, 0, sizeof(c2));
    if (!TEST_size_t_eq(SSL_get_client_random(client_ssl, c2, 5), 5)
        || !TEST_mem_eq(c2, 5, c1, 5) || !TEST_int_eq(c2[5], 0)
        || !TEST_size_t_eq(SSL_get_server_random(client_ssl, NULL, 0), 32))
        goto end;
    ok = 1;
end:
    free_all(sctx, cctx);
    return ok;
}

static int test_randoms_tls13(void)
{
    return randoms(TLS1_3_VERSION);
}

static int test_randoms_tls12(void)
{
    return randoms(TLS1_2_VERSION);
}

int main(void)
{
    RUN_TEST(test_tls13_lines);
    RUN_TEST(test_tls12_lines);
    RUN_TEST(test_no_callback);
    RUN_TEST(test_randoms_tls13);
    RUN_TEST(test_randoms_tls12);
    return tu_finish();
}
