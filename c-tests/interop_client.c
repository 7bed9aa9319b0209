/*
 * Interop client: interop_client HOST PORT CAFILE [tls1.2|tls1.3]
 * Connects to 127.0.0.1:PORT (HOST must be "localhost" or an IPv4 literal),
 * verifies the server against CAFILE with SSL_set1_host(HOST), sends an
 * HTTP/1.0 GET and reads the reply until the server closes. Prints the
 * negotiated version, cipher, peer subject and the first reply line to
 * stdout. Exit 0 on success.
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
#include <openssl/x509.h>

int main(int argc, char **argv)
{
    SSL_CTX *ctx = NULL;
    SSL *ssl = NULL;
    X509 *peer = NULL;
    struct sockaddr_in sa;
    int fd = -1, rc = 1, n, version = 0;
    size_t total = 0;
    char resp[8192], subj[256];
    static const char req[] = "GET / HTTP/1.0\r\n\r\n";

    if (argc < 4) {
        fprintf(stderr, "usage: %s HOST PORT CAFILE [tls1.2|tls1.3]\n", argv[0]);
        return 2;
    }
    if (argc > 4)
        version = strcmp(argv[4], "tls1.2") == 0 ? TLS1_2_VERSION : TLS1_3_VERSION;
    signal(SIGPIPE, SIG_IGN);

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, strcmp(argv[1], "localhost") == 0 ? "127.0.0.1" : argv[1],
                  &sa.sin_addr) != 1) {
        fprintf(stderr, "bad host %s\n", argv[1]);
        return 2;
    }
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0
        || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        perror("connect");
        goto end;
    }
    if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL
        || SSL_CTX_load_verify_locations(ctx, argv[3], NULL) != 1)
        goto end;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (version != 0
        && (!SSL_CTX_set_min_proto_version(ctx, version)
            || !SSL_CTX_set_max_proto_version(ctx, version)))
        goto end;
    if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, fd) != 1
        || SSL_set1_host(ssl, argv[1]) != 1)
        goto end;
    if (strcmp(argv[1], "localhost") == 0 && SSL_set_tlsext_host_name(ssl, argv[1]) != 1)
        goto end;
    if (SSL_connect(ssl) != 1) {
        fprintf(stderr, "handshake failed, verify result %ld (%s)\n", SSL_get_verify_result(ssl),
                X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
        goto end;
    }
    if ((peer = SSL_get1_peer_certificate(ssl)) == NULL)
        goto end;
    X509_NAME_oneline(X509_get_subject_name(peer), subj, sizeof(subj));
    printf("version: %s\ncipher: %s\npeer: %s\nverify: %ld\n", SSL_get_version(ssl),
           SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), subj, SSL_get_verify_result(ssl));
    if (SSL_write(ssl, req, (int)sizeof(req) - 1) != (int)sizeof(req) - 1)
        goto end;
    while (total < sizeof(resp) - 1
           && (n = SSL_read(ssl, resp + total, (int)(sizeof(resp) - 1 - total))) > 0)
        total += (size_t)n;
    resp[total] = '\0';
    if (total == 0)
        goto end;
    resp[strcspn(resp, "\r\n")] = '\0';
    printf("reply: %s\n", resp);
    SSL_shutdown(ssl);
    rc = 0;
end:
    if (rc != 0)
        ERR_print_errors_fp(stderr);
    X509_free(peer);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    if (fd >= 0)
        close(fd);
    return rc;
}
