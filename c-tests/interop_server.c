/*
 * Interop server: interop_server CERT KEY [tls1.2|tls1.3|any] [OPTION...]
 * Listens on 127.0.0.1 on a free port, prints "PORT <n>" on stdout, accepts
 * connections (one by default), completes each handshake, reads one line and
 * answers "echo: <line>", then closes with close_notify. For each connection
 * it prints "server: VERSION CIPHER reused=N alpn=P sni=NAME" to stderr.
 * Options:
 *   alpn=P1,P2          select the first of these the client offers (ALPN select
 *                       callback + SSL_select_next_proto); none: NOACK
 *   sni=NAME:CERT:KEY   a second SSL_CTX, switched to by the servername callback
 *                       when the client asks for NAME (SSL_set_SSL_CTX)
 *   keylog=FILE         append NSS key-log lines (SSL_CTX_set_keylog_callback)
 *   naccept=N           serve N connections (same SSL_CTX: sessions resume)
 *   verify=CAFILE       require a client certificate issued by a CA of CAFILE
 *                       (SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, CA list sent)
 * A failing SSL_accept/SSL_read/SSL_write is printed to stdout as "fail: CALL ret=R error=E
 * verify=V" (SSL_get_error, SSL_get_verify_result), each error-queue entry then as
 * "error: lib=L reason=R (reason string)" (c-tests/interop-peers.sh compares them).
 * An encrypted KEY is decrypted with the password in $INTEROP_KEY_PASS (a passwd callback).
 * Exit 0 on success.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

static FILE *keylog;
static unsigned char alpn_pref[256];
static unsigned int alpn_preflen;
static const char *sni_name;
static SSL_CTX *sni_ctx;

static void keylog_cb(const SSL *ssl, const char *line)
{
    (void)ssl;
    fprintf(keylog, "%s\n", line);
    fflush(keylog);
}

static int alpn_cb(SSL *s, const unsigned char **out, unsigned char *outlen,
                   const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)s;
    (void)arg;
    if (SSL_select_next_proto((unsigned char **)out, outlen, alpn_pref, alpn_preflen, in, inlen)
        != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    return SSL_TLSEXT_ERR_OK;
}

static int sni_cb(SSL *s, int *al, void *arg)
{
    const char *name = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);

    (void)al;
    (void)arg;
    if (name != NULL && sni_name != NULL && strcmp(name, sni_name) == 0
        && SSL_set_SSL_CTX(s, sni_ctx) != sni_ctx)
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    return SSL_TLSEXT_ERR_OK;
}

/* The password of an encrypted key file: $INTEROP_KEY_PASS (as a callback, as servers do). */
static int key_pass_cb(char *buf, int size, int rwflag, void *u)
{
    const char *pass = getenv("INTEROP_KEY_PASS");
    size_t n = pass == NULL ? 0 : strlen(pass);

    (void)rwflag;
    (void)u;
    if (pass == NULL || n > (size_t)size)
        return -1;
    memcpy(buf, pass, n);
    return (int)n;
}

static SSL_CTX *server_ctx(const char *cert, const char *key, int version)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx != NULL)
        SSL_CTX_set_default_passwd_cb(ctx, key_pass_cb);
    if (ctx == NULL || SSL_CTX_use_certificate_chain_file(ctx, cert) != 1
        || SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1
        || SSL_CTX_check_private_key(ctx) != 1
        || (version != 0
            && (!SSL_CTX_set_min_proto_version(ctx, version)
                || !SSL_CTX_set_max_proto_version(ctx, version)))) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

static unsigned int alpn_wire(const char *list, unsigned char *out, size_t outsz)
{
    size_t n = 0;

    while (*list != '\0') {
        size_t len = strcspn(list, ",");
        if (len == 0 || len > 255 || n + 1 + len > outsz)
            return 0;
        out[n++] = (unsigned char)len;
        memcpy(out + n, list, len);
        n += len;
        list += len;
        if (*list == ',')
            list++;
    }
    return (unsigned int)n;
}

/* A failing SSL call: its return value, SSL_get_error, the verify result, the error queue. */
static void report_failure(const char *call, SSL *ssl, int ret)
{
    unsigned long e;

    printf("fail: %s ret=%d error=%d verify=%ld\n", call, ret, SSL_get_error(ssl, ret),
           SSL_get_verify_result(ssl));
    while ((e = ERR_get_error()) != 0) {
        const char *r = ERR_reason_error_string(e);
        printf("error: lib=%d reason=%d (%s)\n", ERR_GET_LIB(e), ERR_GET_REASON(e),
               r != NULL ? r : "");
    }
    fflush(stdout);
}

static int serve(SSL_CTX *ctx, int fd)
{
    SSL *ssl = NULL;
    int rc = 1, n, w;
    char line[1024], out[1100];
    const unsigned char *alpn = NULL;
    unsigned int alpnlen = 0;
    const char *name;

    if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, fd) != 1)
        goto end;
    if ((n = SSL_accept(ssl)) != 1) {
        report_failure("SSL_accept", ssl, n);
        goto end;
    }
    SSL_get0_alpn_selected(ssl, &alpn, &alpnlen);
    name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    fprintf(stderr, "server: %s %s reused=%d alpn=%.*s sni=%s\n", SSL_get_version(ssl),
            SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), SSL_session_reused(ssl),
            (int)alpnlen, alpn != NULL ? (const char *)alpn : "", name != NULL ? name : "");
    n = SSL_read(ssl, line, sizeof(line) - 1);
    if (n <= 0) {
        report_failure("SSL_read", ssl, n);
        goto end;
    }
    line[n] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    n = snprintf(out, sizeof(out), "echo: %s\n", line);
    if ((w = SSL_write(ssl, out, n)) != n) {
        report_failure("SSL_write", ssl, w);
        goto end;
    }
    SSL_shutdown(ssl);
    rc = 0;
end:
    SSL_free(ssl);
    return rc;
}

int main(int argc, char **argv)
{
    SSL_CTX *ctx = NULL;
    struct sockaddr_in sa;
    socklen_t sl = sizeof(sa);
    int lfd = -1, fd = -1, rc = 1, version = 0, one = 1, naccept = 1, i;

    if (argc < 3) {
        fprintf(stderr, "usage: %s CERT KEY [tls1.2|tls1.3|any] [OPTION...]\n", argv[0]);
        return 2;
    }
    if (argc > 3 && strcmp(argv[3], "any") != 0)
        version = strcmp(argv[3], "tls1.2") == 0 ? TLS1_2_VERSION : TLS1_3_VERSION;
    signal(SIGPIPE, SIG_IGN);
    if ((ctx = server_ctx(argv[1], argv[2], version)) == NULL)
        goto end;
    for (i = 4; i < argc; i++) {
        if (strncmp(argv[i], "alpn=", 5) == 0) {
            if ((alpn_preflen = alpn_wire(argv[i] + 5, alpn_pref, sizeof(alpn_pref))) == 0)
                goto end;
        } else if (strncmp(argv[i], "sni=", 4) == 0) {
            static char spec[1024];
            char *cert, *key;
            snprintf(spec, sizeof(spec), "%s", argv[i] + 4);
            if ((cert = strchr(spec, ':')) == NULL || (key = strchr(cert + 1, ':')) == NULL)
                goto end;
            *cert++ = '\0';
            *key++ = '\0';
            sni_name = spec;
            if ((sni_ctx = server_ctx(cert, key, version)) == NULL)
                goto end;
            SSL_CTX_set_tlsext_servername_callback(ctx, sni_cb);
        } else if (strncmp(argv[i], "keylog=", 7) == 0) {
            if ((keylog = fopen(argv[i] + 7, "a")) == NULL)
                goto end;
        } else if (strncmp(argv[i], "naccept=", 8) == 0) {
            naccept = atoi(argv[i] + 8);
        } else if (strncmp(argv[i], "verify=", 7) == 0) {
            STACK_OF(X509_NAME) *cas = SSL_load_client_CA_file(argv[i] + 7);
            if (cas == NULL || SSL_CTX_load_verify_locations(ctx, argv[i] + 7, NULL) != 1)
                goto end;
            SSL_CTX_set_client_CA_list(ctx, cas);
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
        } else {
            fprintf(stderr, "unknown option %s\n", argv[i]);
            goto end;
        }
    }
    /* ALPN and key logging use the context in use after SNI switching: both get them. */
    if (alpn_preflen != 0) {
        SSL_CTX_set_alpn_select_cb(ctx, alpn_cb, NULL);
        if (sni_ctx != NULL)
            SSL_CTX_set_alpn_select_cb(sni_ctx, alpn_cb, NULL);
    }
    if (keylog != NULL) {
        SSL_CTX_set_keylog_callback(ctx, keylog_cb);
        if (sni_ctx != NULL)
            SSL_CTX_set_keylog_callback(sni_ctx, keylog_cb);
    }
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0
        || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0
        || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(lfd, 4) != 0
        || getsockname(lfd, (struct sockaddr *)&sa, &sl) != 0) {
        perror("listen");
        goto end;
    }
    printf("PORT %d\n", ntohs(sa.sin_port));
    fflush(stdout);
    for (i = 0; i < naccept; i++) {
        if ((fd = accept(lfd, NULL, NULL)) < 0) {
            perror("accept");
            goto end;
        }
        if (serve(ctx, fd) != 0)
            goto end;
        close(fd);
        fd = -1;
    }
    rc = 0;
end:
    if (rc != 0)
        ERR_print_errors_fp(stderr);
    SSL_CTX_free(ctx);
    SSL_CTX_free(sni_ctx);
    if (keylog != NULL)
        fclose(keylog);
    if (fd >= 0)
        close(fd);
    if (lfd >= 0)
        close(lfd);
    return rc;
}
