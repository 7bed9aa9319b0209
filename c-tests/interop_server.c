/*
 * Interop server: interop_server CERT KEY [tls1.2|tls1.3]
 * Listens on 127.0.0.1 on a free port, prints "PORT <n>" on stdout, accepts
 * one connection, completes the handshake, reads one line and answers
 * "echo: <line>", then closes with a bidirectional-or-not close_notify.
 * Prints the negotiated version and cipher to stderr. Exit 0 on success.
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

int main(int argc, char **argv)
{
    SSL_CTX *ctx = NULL;
    SSL *ssl = NULL;
    struct sockaddr_in sa;
    socklen_t sl = sizeof(sa);
    int lfd = -1, fd = -1, rc = 1, n, version = 0, one = 1;
    char line[1024], out[1100];

    if (argc < 3) {
        fprintf(stderr, "usage: %s CERT KEY [tls1.2|tls1.3]\n", argv[0]);
        return 2;
    }
    if (argc > 3)
        version = strcmp(argv[3], "tls1.2") == 0 ? TLS1_2_VERSION : TLS1_3_VERSION;
    signal(SIGPIPE, SIG_IGN);

    if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL
        || SSL_CTX_use_certificate_chain_file(ctx, argv[1]) != 1
        || SSL_CTX_use_PrivateKey_file(ctx, argv[2], SSL_FILETYPE_PEM) != 1
        || SSL_CTX_check_private_key(ctx) != 1)
        goto end;
    if (version != 0
        && (!SSL_CTX_set_min_proto_version(ctx, version)
            || !SSL_CTX_set_max_proto_version(ctx, version)))
        goto end;

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0
        || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0
        || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(lfd, 1) != 0
        || getsockname(lfd, (struct sockaddr *)&sa, &sl) != 0) {
        perror("listen");
        goto end;
    }
    printf("PORT %d\n", ntohs(sa.sin_port));
    fflush(stdout);
    if ((fd = accept(lfd, NULL, NULL)) < 0) {
        perror("accept");
        goto end;
    }
    if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, fd) != 1)
        goto end;
    if (SSL_accept(ssl) != 1)
        goto end;
    fprintf(stderr, "server: %s %s\n", SSL_get_version(ssl),
            SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)));
    n = SSL_read(ssl, line, sizeof(line) - 1);
    if (n <= 0)
        goto end;
    line[n] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    n = snprintf(out, sizeof(out), "echo: %s\n", line);
    if (SSL_write(ssl, out, n) != n)
        goto end;
    SSL_shutdown(ssl);
    rc = 0;
end:
    if (rc != 0)
        ERR_print_errors_fp(stderr);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    if (fd >= 0)
        close(fd);
    if (lfd >= 0)
        close(lfd);
    return rc;
}
