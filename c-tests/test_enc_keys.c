/*
 * Encrypted private keys (c-tests/certs/gen-enc.sh, password "secret"): PKCS#8 PBES2 with
 * PBKDF2 (hmacWithSHA256 + AES-256-CBC, hmacWithSHA1 + AES-128-CBC) or scrypt, and the legacy
 * `Proc-Type: 4,ENCRYPTED` PEM form (AES-256-CBC EC, AES-128-CBC RSA, DES-EDE3-CBC RSA), and
 * PBES2 with DES-EDE3-CBC, RSA and EC.
 * The right password through every path (SSL_CTX_/SSL_use_PrivateKey_file with the context's or
 * the connection's callback or userdata, PEM_read_bio_PrivateKey and PEM_read_PrivateKey with a
 * callback or a NULL callback and the password as `u`) gives a key the handshake works with; a
 * wrong password, a failing callback (-1, longer than its buffer), an empty one, and no callback
 * at all (no terminal: OpenSSL's PEM_def_callback fails) give OpenSSL's error queue, measured on
 * OpenSSL 3.0. scrypt parameters over OpenSSL's memory limit are refused as OpenSSL refuses them.
 */
#include "testutil.h"

#include <openssl/pem.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct key {
    const char *file, *cert;
    int legacy;
};

static const struct key keys[] = {
    {"server-ec-enc-aes256.key", "server-ec.pem", 0},
    {"server-rsa-enc-aes256.key", "server-rsa.pem", 0},
    {"server-ec-enc-aes128-sha1.key", "server-ec.pem", 0},
    {"server-rsa-enc-aes128-sha1.key", "server-rsa.pem", 0},
    {"server-ec-enc-scrypt.key", "server-ec.pem", 0},
    {"server-ec-enc.key", "server-ec.pem", 0},
    {"server-ec-enc-legacy.key", "server-ec.pem", 1},
    {"server-rsa-enc-legacy.key", "server-rsa.pem", 1},
    {"server-rsa-enc-des3-legacy.key", "server-rsa.pem", 1},
    {"server-ec-enc-des3.key", "server-ec.pem", 0},
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* What the callback does: copy `password`, or return `ret` (after filling `fill` bytes). */
struct pw {
    const char *password;
    int ret, fill;
    int calls, size, rwflag;
    void *u;
};

static int pw_cb(char *buf, int size, int rwflag, void *u)
{
    struct pw *p = u;

    p->calls++;
    p->size = size;
    p->rwflag = rwflag;
    p->u = u;
    if (p->password == NULL) {
        memset(buf, 'a', (size_t)p->fill);
        return p->ret;
    }
    memcpy(buf, p->password, strlen(p->password));
    return (int)strlen(p->password);
}

/* The queue is exactly `want` (oldest first); clears it. */
static int queue_is(const unsigned long *want, int n)
{
    unsigned long errs[16];
    int got = drain_errors(errs, 16), i;

    if (!TEST_int_eq(got, n))
        return 0;
    for (i = 0; i < n; i++)
        if (!TEST_ulong_eq(errs[i], want[i]))
            return 0;
    return 1;
}

/* The data of the newest entry is `want`; the queue is left alone. */
static int last_data_is(const char *want)
{
    const char *data = NULL;
    int flags = 0;

    ERR_peek_last_error_data(&data, &flags);
    return TEST_true((flags & ERR_TXT_STRING) != 0) && TEST_str_eq(data, want);
}

/* Measured on OpenSSL 3.0: a wrong password. PKCS#8: the provider's bad decrypt under PKCS12
 * cipherfinal error (data "maybe wrong password" / "empty password"), twice; legacy: bad
 * decrypt under PEM bad decrypt. */
static const unsigned long wrong_pkcs8[] = {0x1C800064UL, 0x11800074UL, 0x1C800064UL,
                                            0x11800074UL};
static const unsigned long wrong_legacy[] = {0x1C800064UL, 0x04800065UL};
/* The callback failed (asked twice): CRYPTO interrupted or cancelled (do_ui_passphrase), PROV
 * unable to get passphrase, PEM bad password read. */
static const unsigned long cbfail_pkcs8[] = {0x07880109UL, 0x07880109UL, 0x1C80009FUL,
                                             0x07880109UL, 0x04800068UL};
static const unsigned long cbfail_legacy[] = {0x07880109UL, 0x07880109UL, 0x04800068UL};
/* No callback, no userdata, no terminal: UI processing error and PEM problems getting
 * password (PEM_def_callback) before each failed ask. */
static const unsigned long noui_pkcs8[] = {0x1400006BUL, 0x0480006DUL, 0x07880109UL,
                                           0x07880109UL, 0x1C80009FUL, 0x1400006BUL,
                                           0x0480006DUL, 0x07880109UL, 0x04800068UL,
                                           0x0A080009UL};
static const unsigned long noui_legacy[] = {0x1400006BUL, 0x0480006DUL, 0x07880109UL,
                                            0x07880109UL, 0x04800068UL, 0x0A080009UL};

static int wrong_queue(const struct key *k, int ssl_entry)
{
    unsigned long want[5];
    int n = k->legacy ? 2 : 4;

    memcpy(want, k->legacy ? wrong_legacy : wrong_pkcs8, sizeof(want[0]) * (size_t)n);
    if (ssl_entry)
        want[n++] = 0x0A080009UL;
    return queue_is(want, n);
}

static int cbfail_queue(const struct key *k)
{
    return k->legacy ? queue_is(cbfail_legacy, 3) : queue_is(cbfail_pkcs8, 5);
}

/* A server context with `k`'s certificate and a client context trusting the test CAs. */
static int ctx_pair(const struct key *k, SSL_CTX **sctx, SSL_CTX **cctx)
{
    return create_ssl_ctx_pair(0, 0, NULL, NULL, "ca-bundle.pem", sctx, cctx)
           && TEST_int_eq(SSL_CTX_use_certificate_file(*sctx, cert_path(k->cert),
                                                       SSL_FILETYPE_PEM), 1);
}

/* One handshake over a new pair; the server SSL may be prepared by `prep`. */
static int handshake(SSL_CTX *sctx, SSL_CTX *cctx, int (*prep)(SSL *, const struct key *),
                     const struct key *k)
{
    SSL *s = NULL, *c = NULL;
    int ret = 0;

    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    if (prep != NULL && !prep(s, k))
        goto end;
    if (!TEST_int_eq(SSL_check_private_key(s), 1) || !TEST_true(create_ssl_connection(s, c)))
        goto end;
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    return ret;
}

static EVP_PKEY *read_bio_key(const char *name, pem_password_cb *cb, void *u)
{
    BIO *b = BIO_new_file(cert_path(name), "r");
    EVP_PKEY *k = b == NULL ? NULL : PEM_read_bio_PrivateKey(b, NULL, cb, u);

    BIO_free(b);
    return k;
}

static EVP_PKEY *read_fp_key(const char *name, pem_password_cb *cb, void *u)
{
    FILE *f = fopen(cert_path(name), "r");
    EVP_PKEY *k = f == NULL ? NULL : PEM_read_PrivateKey(f, NULL, cb, u);

    if (f != NULL)
        fclose(f);
    return k;
}

/* SSL_CTX_use_PrivateKey_file with the context's callback, then with a NULL callback and the
 * password as userdata; a handshake with each. */
static int test_ctx_file(int i)
{
    const struct key *k = &keys[i];
    SSL_CTX *sctx = NULL, *cctx = NULL;
    struct pw right = {"secret", 0, 0, 0, 0, 0, NULL};
    int ret = 0;

    if (!ctx_pair(k, &sctx, &cctx))
        goto end;
    SSL_CTX_set_default_passwd_cb(sctx, pw_cb);
    SSL_CTX_set_default_passwd_cb_userdata(sctx, &right);
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_file(sctx, cert_path(k->file), SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(right.calls, 1) || !TEST_int_eq(right.size, 1024)
        || !TEST_int_eq(right.rwflag, 0) || !TEST_true(right.u == &right)
        || !TEST_int_eq(SSL_CTX_check_private_key(sctx), 1)
        || !handshake(sctx, cctx, NULL, k))
        goto end;
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    sctx = cctx = NULL;
    if (!ctx_pair(k, &sctx, &cctx))
        goto end;
    SSL_CTX_set_default_passwd_cb_userdata(sctx, "secret");
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_file(sctx, cert_path(k->file), SSL_FILETYPE_PEM), 1)
        || !handshake(sctx, cctx, NULL, k))
        goto end;
    ret = 1;
end:
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static struct pw ssl_right = {"secret", 0, 0, 0, 0, 0, NULL};

/* The connection's own callback (the context has none). */
static int prep_ssl_cb(SSL *s, const struct key *k)
{
    ssl_right.calls = 0;
    SSL_set_default_passwd_cb(s, pw_cb);
    SSL_set_default_passwd_cb_userdata(s, &ssl_right);
    return TEST_int_eq(SSL_use_PrivateKey_file(s, cert_path(k->file), SSL_FILETYPE_PEM), 1)
           && TEST_int_eq(ssl_right.calls, 1) && TEST_int_eq(ssl_right.size, 1024);
}

/* The connection's userdata as the password, no callback. */
static int prep_ssl_u(SSL *s, const struct key *k)
{
    SSL_set_default_passwd_cb_userdata(s, "secret");
    return TEST_int_eq(SSL_use_PrivateKey_file(s, cert_path(k->file), SSL_FILETYPE_PEM), 1);
}

/* PEM_read_PrivateKey with a NULL callback and the password as `u`, then SSL_use_PrivateKey. */
static int prep_fp(SSL *s, const struct key *k)
{
    EVP_PKEY *key = read_fp_key(k->file, NULL, "secret");
    int ok = TEST_ptr(key) && TEST_int_eq(SSL_use_PrivateKey(s, key), 1);

    EVP_PKEY_free(key);
    return ok;
}

static int test_ssl_file(int i)
{
    const struct key *k = &keys[i];
    SSL_CTX *sctx = NULL, *cctx = NULL;
    int ret = 0;

    if (!ctx_pair(k, &sctx, &cctx) || !handshake(sctx, cctx, prep_ssl_cb, k)
        || !handshake(sctx, cctx, prep_ssl_u, k) || !handshake(sctx, cctx, prep_fp, k))
        goto end;
    /* the context never got a key */
    if (!TEST_ptr_null(SSL_CTX_get0_privatekey(sctx)))
        goto end;
    ret = 1;
end:
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* PEM_read_bio_PrivateKey with a callback, then SSL_CTX_use_PrivateKey. */
static int test_bio(int i)
{
    const struct key *k = &keys[i];
    SSL_CTX *sctx = NULL, *cctx = NULL;
    struct pw right = {"secret", 0, 0, 0, 0, 0, NULL};
    EVP_PKEY *key = NULL;
    int ret = 0;

    if (!ctx_pair(k, &sctx, &cctx)
        || !TEST_ptr(key = read_bio_key(k->file, pw_cb, &right))
        || !TEST_int_eq(right.calls, 1) || !TEST_int_eq(right.size, 1024)
        || !TEST_int_eq(right.rwflag, 0)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey(sctx, key), 1)
        || !handshake(sctx, cctx, NULL, k))
        goto end;
    ret = 1;
end:
    EVP_PKEY_free(key);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

#define PER_KEY(name, fn)                                  \
    static int name(void)                                  \
    {                                                      \
        size_t i;                                          \
        for (i = 0; i < NKEYS; i++)                        \
            if (!fn((int)i)) {                             \
                tu_log("key %s\n", keys[i].file);          \
                return 0;                                  \
            }                                              \
        return 1;                                          \
    }

PER_KEY(test_right_password_ctx_file, test_ctx_file)
PER_KEY(test_right_password_ssl_file, test_ssl_file)
PER_KEY(test_right_password_bio, test_bio)

/* Wrong passwords: by callback and by userdata, through the context, the connection, a BIO
 * and a FILE*. */
static int wrong_one(int i)
{
    const struct key *k = &keys[i];
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL *s = NULL;
    struct pw wrong = {"wrong", 0, 0, 0, 0, 0, NULL};
    EVP_PKEY *key = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx) || !TEST_ptr(s = SSL_new(ctx)))
        goto end;
    SSL_CTX_set_default_passwd_cb(ctx, pw_cb);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, &wrong);
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_file(ctx, cert_path(k->file), SSL_FILETYPE_PEM), 0)
        || !TEST_int_eq(wrong.calls, 1) || !wrong_queue(k, 1)
        || !TEST_ptr_null(SSL_CTX_get0_privatekey(ctx)))
        goto end;
    SSL_set_default_passwd_cb_userdata(s, "wrong");
    if (!TEST_int_eq(SSL_use_PrivateKey_file(s, cert_path(k->file), SSL_FILETYPE_PEM), 0)
        || !wrong_queue(k, 1) || !TEST_ptr_null(SSL_get_privatekey(s)))
        goto end;
    wrong.calls = 0;
    if (!TEST_ptr_null(key = read_bio_key(k->file, pw_cb, &wrong))
        || !TEST_int_eq(wrong.calls, 1))
        goto end;
    if (!k->legacy && !last_data_is("maybe wrong password"))
        goto end;
    if (!wrong_queue(k, 0) || !TEST_ptr_null(key = read_fp_key(k->file, NULL, "wrong"))
        || !wrong_queue(k, 0))
        goto end;
    ret = 1;
end:
    EVP_PKEY_free(key);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret;
}

PER_KEY(test_wrong_password, wrong_one)

/* The callback fails: -1, or a length longer than its buffer (asked twice); 0 is an empty
 * password; exactly the buffer's size is a password of 1024 bytes. */
static int cbfail_one(int i)
{
    const struct key *k = &keys[i];
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    struct pw fail = {NULL, -1, 0, 0, 0, 0, NULL};
    EVP_PKEY *key = NULL;
    char longpw[2001];
    int ret = 0;

    if (!TEST_ptr(ctx))
        goto end;
    if (!TEST_ptr_null(key = read_bio_key(k->file, pw_cb, &fail)) || !TEST_int_eq(fail.calls, 2)
        || !cbfail_queue(k))
        goto end;
    fail.calls = 0;
    fail.ret = 1025;
    fail.fill = 1024;
    if (!TEST_ptr_null(key = read_bio_key(k->file, pw_cb, &fail)) || !TEST_int_eq(fail.calls, 2)
        || !cbfail_queue(k))
        goto end;
    fail.calls = 0;
    fail.ret = 0;
    fail.fill = 0;
    if (!TEST_ptr_null(key = read_bio_key(k->file, pw_cb, &fail)) || !TEST_int_eq(fail.calls, 1))
        goto end;
    if (!k->legacy && !last_data_is("empty password"))
        goto end;
    if (!wrong_queue(k, 0))
        goto end;
    fail.calls = 0;
    fail.ret = 1024;
    fail.fill = 1024;
    if (!TEST_ptr_null(key = read_bio_key(k->file, pw_cb, &fail)) || !TEST_int_eq(fail.calls, 1))
        goto end;
    if (!k->legacy && !last_data_is("maybe wrong password"))
        goto end;
    if (!wrong_queue(k, 0))
        goto end;
    /* a userdata password longer than the buffer is cut to 1024 bytes: just wrong */
    memset(longpw, 'a', sizeof(longpw) - 1);
    longpw[sizeof(longpw) - 1] = '\0';
    if (!TEST_ptr_null(key = read_bio_key(k->file, NULL, longpw)) || !wrong_queue(k, 0))
        goto end;
    /* through the context: the same entries, then SSL's PEM lib */
    fail.calls = 0;
    fail.ret = -1;
    SSL_CTX_set_default_passwd_cb(ctx, pw_cb);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, &fail);
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_file(ctx, cert_path(k->file), SSL_FILETYPE_PEM), 0)
        || !TEST_int_eq(fail.calls, 2))
        goto end;
    if (k->legacy ? !queue_is((const unsigned long[]){0x07880109UL, 0x07880109UL, 0x04800068UL,
                                                      0x0A080009UL},
                              4)
                  : !queue_is((const unsigned long[]){0x07880109UL, 0x07880109UL, 0x1C80009FUL,
                                                      0x07880109UL, 0x04800068UL, 0x0A080009UL},
                              6))
        goto end;
    ret = 1;
end:
    EVP_PKEY_free(key);
    SSL_CTX_free(ctx);
    return ret;
}

PER_KEY(test_callback_failures, cbfail_one)

/*
 * No callback and no userdata: OpenSSL prompts on the terminal (PEM_def_callback). In a child
 * with no controlling terminal and /dev/null as stdin it fails; sslrs never prompts and queues
 * the same. The child sends the queue of SSL_CTX_use_PrivateKey_file and PEM_read_bio_PrivateKey
 * back through a pipe.
 */
static int test_no_callback(void)
{
    const struct key *pk = &keys[0], *lk = &keys[6];
    unsigned long got[64];
    int fds[2], status = 0, ret = 0;
    size_t n = 0;
    ssize_t r;
    pid_t pid;

    if (!TEST_int_eq(pipe(fds), 0))
        return 0;
    fflush(NULL);
    pid = fork();
    if (!TEST_int_ge(pid, 0))
        goto end;
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDWR);
        unsigned long buf[64];
        int m = 0, j;
        const struct key *ks[2] = {pk, lk};

        close(fds[0]);
        setsid();
        dup2(devnull, 0);
        dup2(devnull, 2);
        for (j = 0; j < 2; j++) {
            SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
            EVP_PKEY *key;

            ERR_clear_error();
            buf[m++] = (unsigned long)SSL_CTX_use_PrivateKey_file(ctx, cert_path(ks[j]->file),
                                                                  SSL_FILETYPE_PEM);
            m += drain_errors(buf + m, 16);
            SSL_CTX_free(ctx);
            key = read_bio_key(ks[j]->file, NULL, NULL);
            buf[m++] = key == NULL ? 0xFFFFFFFFUL : 1;
            EVP_PKEY_free(key);
            m += drain_errors(buf + m, 16);
            buf[m++] = 0xEEEEEEEEUL;
        }
        if (write(fds[1], buf, sizeof(buf[0]) * (size_t)m) < 0)
            _exit(2);
        _exit(0);
    }
    close(fds[1]);
    while (n < sizeof(got) && (r = read(fds[0], (char *)got + n, sizeof(got) - n)) > 0)
        n += (size_t)r;
    if (!TEST_int_eq(waitpid(pid, &status, 0), pid) || !TEST_true(WIFEXITED(status))
        || !TEST_int_eq(WEXITSTATUS(status), 0))
        goto end;
    {
        /* expected stream: for each key, ret 0, its queue with SSL's entry, NULL (all ones),
         * its queue without SSL's entry, a separator */
        unsigned long want[64];
        size_t m = 0, j;

        want[m++] = 0;
        for (j = 0; j < 10; j++)
            want[m++] = noui_pkcs8[j];
        want[m++] = 0xFFFFFFFFUL;
        for (j = 0; j < 9; j++)
            want[m++] = noui_pkcs8[j];
        want[m++] = 0xEEEEEEEEUL;
        want[m++] = 0;
        for (j = 0; j < 6; j++)
            want[m++] = noui_legacy[j];
        want[m++] = 0xFFFFFFFFUL;
        for (j = 0; j < 5; j++)
            want[m++] = noui_legacy[j];
        want[m++] = 0xEEEEEEEEUL;
        if (!TEST_int_eq(n, m * sizeof(want[0])))
            goto end;
        for (j = 0; j < m; j++)
            if (!TEST_ulong_eq(got[j], want[j]))
                goto end;
    }
    ret = 1;
end:
    close(fds[0]);
    return ret;
}

/* scrypt parameters needing more than OpenSSL's 32 MiB (N=2^20, r=8: 1 GiB) are refused
 * before any work: EVP memory limit exceeded under illegal scrypt parameters, twice. */
static int test_scrypt_memory_limit(void)
{
    static const unsigned long want[] = {0x030000ACUL, 0x030000ABUL, 0x030000ACUL, 0x030000ABUL,
                                         0x0A080009UL};
    struct pw right = {"secret", 0, 0, 0, 0, 0, NULL};
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    EVP_PKEY *key = NULL;
    int ret = 0;

    if (!TEST_ptr(ctx)
        || !TEST_ptr_null(key = read_bio_key("server-ec-enc-scrypt-1g.key", pw_cb, &right))
        || !TEST_int_eq(right.calls, 1) || !queue_is(want, 4))
        goto end;
    SSL_CTX_set_default_passwd_cb_userdata(ctx, "secret");
    if (!TEST_int_eq(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server-ec-enc-scrypt-1g.key"),
                                                 SSL_FILETYPE_PEM), 0)
        || !queue_is(want, 5))
        goto end;
    ret = 1;
end:
    EVP_PKEY_free(key);
    SSL_CTX_free(ctx);
    return ret;
}

/* Unencrypted keys never ask; an encrypted key after other blocks is found. */
static int test_never_asked(void)
{
    struct pw p = {"secret", 0, 0, 0, 0, 0, NULL};
    SSL_CTX *ctx = NULL;
    EVP_PKEY *key = NULL;
    BIO *b = BIO_new(BIO_s_mem());
    FILE *f = fopen(cert_path("server-ec.pem"), "r");
    char line[256];
    int ret = 0;

    if (!TEST_ptr(b) || !TEST_ptr(f))
        goto end;
    if (!TEST_ptr(key = read_bio_key("server-ec.key", pw_cb, &p)) || !TEST_int_eq(p.calls, 0))
        goto end;
    EVP_PKEY_free(key);
    key = NULL;
    while (fgets(line, sizeof(line), f) != NULL)
        BIO_puts(b, line);
    fclose(f);
    f = fopen(cert_path("server-rsa-enc-aes128-sha1.key"), "r");
    if (!TEST_ptr(f))
        goto end;
    while (fgets(line, sizeof(line), f) != NULL)
        BIO_puts(b, line);
    if (!TEST_ptr(key = PEM_read_bio_PrivateKey(b, NULL, pw_cb, &p)) || !TEST_int_eq(p.calls, 1)
        || !TEST_ptr(ctx = SSL_CTX_new(TLS_server_method()))
        || !TEST_int_eq(SSL_CTX_use_certificate_file(ctx, cert_path("server-rsa.pem"),
                                                     SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey(ctx, key), 1)
        || !TEST_int_eq(SSL_CTX_check_private_key(ctx), 1))
        goto end;
    ret = 1;
end:
    if (f != NULL)
        fclose(f);
    EVP_PKEY_free(key);
    SSL_CTX_free(ctx);
    BIO_free(b);
    return ret;
}

int main(void)
{
    RUN_TEST(test_right_password_ctx_file);
    RUN_TEST(test_right_password_ssl_file);
    RUN_TEST(test_right_password_bio);
    RUN_TEST(test_wrong_password);
    RUN_TEST(test_callback_failures);
    RUN_TEST(test_no_callback);
    RUN_TEST(test_scrypt_memory_limit);
    RUN_TEST(test_never_asked);
    return tu_finish();
}
