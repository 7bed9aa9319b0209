/*
 * sslrs demo server.
 *   server CERT KEY [PORTFILE [NAME2 CERT2 KEY2]]
 * Listens on 127.0.0.1 (free port, written to PORTFILE or stdout), then for
 * each client: TLS handshake, read one line, answer "hello <line>", close.
 * Selects ALPN "demo/1" when offered (else http/1.1); a client asking for
 * NAME2 by SNI gets CERT2 (servername callback + SSL_set_SSL_CTX). Sessions
 * are cached by the context, so clients can resume. Serves until killed or
 * until a client sends "quit".
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

static SSL_CTX *other_ctx;
static const char *other_name;

static int select_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    static const unsigned char ours[] = "\x06" "demo/1" "\x08" "http/1.1";

    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto((unsigned char **)out, outlen, ours, sizeof(ours) - 1, in, inlen)
        != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    return SSL_TLSEXT_ERR_OK;
}

static int pick_certificate(SSL *ssl, int *al, void *arg)
{
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);

    (void)al;
    (void)arg;
    if (name != NULL && other_name != NULL && strcmp(name, other_name) == 0)
        SSL_set_SSL_CTX(ssl, other_ctx);
    return SSL_TLSEXT_ERR_OK;
}

static SSL_CTX *make_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL || SSL_CTX_use_certificate_chain_file(ctx, cert) != 1
        || SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1
        || SSL_CTX_check_private_key(ctx) != 1) {
        ERR_print_errors_fp(stderr);
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_alpn_select_cb(ctx, select_alpn, NULL);
    return ctx;
}

static int serve_one(SSL_CTX *ctx, int fd)
{
    SSL *ssl = SSL_new(ctx);
    char line[256], reply[300];
    int n, quit = 0;

    if (ssl == NULL || SSL_set_fd(ssl, fd) != 1 || SSL_accept(ssl) != 1) {
        fprintf(stderr, "server: handshake failed\n");
        ERR_print_errors_fp(stderr);
        SSL_free(ssl);
        return 0;
    }
    {
        const unsigned char *alpn = NULL;
        unsigned int alpnlen = 0;
        const char *sni = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);

        SSL_get0_alpn_selected(ssl, &alpn, &alpnlen);
        printf("server: %s, %s, ALPN %.*s, SNI %s, %s\n", SSL_get_version(ssl),
               SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), (int)alpnlen,
               alpn != NULL ? (const char *)alpn : "(none)", sni != NULL ? sni : "(none)",
               SSL_session_reused(ssl) ? "resumed" : "full handshake");
    }
    n = SSL_read(ssl, line, sizeof(line) - 1);
    if (n > 0) {
        line[n] = '\0';
        line[strcspn(line, "\r\n")] = '\0';
        quit = strcmp(line, "quit") == 0;
        n = snprintf(reply, sizeof(reply), "hello %s\n", line);
        SSL_write(ssl, reply, n);
    }
    SSL_shutdown(ssl);
    SSL_free(ssl);
    ERR_clear_error();
    fflush(stdout);
    return quit;
}

int main(int argc, char **argv)
{
    SSL_CTX *ctx = NULL;
    struct sockaddr_in sa;
    socklen_t sl = sizeof(sa);
    int lfd = -1, one = 1, rc = 1;
    FILE *pf = stdout;

    if (argc < 3) {
        fprintf(stderr, "usage: %s CERT KEY [PORTFILE [NAME2 CERT2 KEY2]]\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    if ((ctx = make_ctx(argv[1], argv[2])) == NULL)
        goto end;
    if (argc > 6) {
        other_name = argv[4];
        if ((other_ctx = make_ctx(argv[5], argv[6])) == NULL)
            goto end;
        SSL_CTX_set_tlsext_servername_callback(ctx, pick_certificate);
    }
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0
        || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0
        || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(lfd, 8) != 0
        || getsockname(lfd, (struct sockaddr *)&sa, &sl) != 0) {
        perror("server: listen");
        goto end;
    }
    if (argc > 3 && (pf = fopen(argv[3], "w")) == NULL) {
        perror(argv[3]);
        goto end;
    }
    fprintf(pf, "%d\n", ntohs(sa.sin_port));
    if (pf != stdout)
        fclose(pf);
    fflush(stdout);
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        int quit;

        if (fd < 0) {
            perror("server: accept");
            goto end;
        }
        quit = serve_one(ctx, fd);
        close(fd);
        if (quit)
            break;
    }
    rc = 0;
end:
    SSL_CTX_free(ctx);
    SSL_CTX_free(other_ctx);
    if (lfd >= 0)
        close(lfd);
    return rc;
}
