/*
 * sslrs demo client.
 *   client PORT CAFILE tls1.3|tls1.2 [LINE]
 * Connects to 127.0.0.1:PORT, verifies the server certificate against
 * CAFILE and the name "localhost", sends LINE (default "world") and prints
 * the reply, the negotiated version and cipher, the verified peer subject
 * and the verify result. Exit 0 on success.
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
    int fd = -1, rc = 1, n, version;
    char buf[256], subject[256], out[300];
    const char *msg = argc > 4 ? argv[4] : "world";

    if (argc < 4) {
        fprintf(stderr, "usage: %s PORT CAFILE tls1.3|tls1.2 [LINE]\n", argv[0]);
        return 2;
    }
    version = strcmp(argv[3], "tls1.2") == 0 ? TLS1_2_VERSION : TLS1_3_VERSION;
    signal(SIGPIPE, SIG_IGN);

    /* 1. context: trust the test CA, require a verified peer, pin the version */
    ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL || SSL_CTX_load_verify_locations(ctx, argv[2], NULL) != 1
        || !SSL_CTX_set_min_proto_version(ctx, version)
        || !SSL_CTX_set_max_proto_version(ctx, version))
        goto end;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);

    /* 2. TCP connection to 127.0.0.1 */
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)atoi(argv[1]));
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0
        || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        perror("client: connect");
        goto end;
    }

    /* 3. TLS on top: SNI and the name to verify are set separately */
    if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, fd) != 1
        || SSL_set_tlsext_host_name(ssl, "localhost") != 1
        || SSL_set1_host(ssl, "localhost") != 1)
        goto end;
    if (SSL_connect(ssl) != 1) {
        long v = SSL_get_verify_result(ssl);
        fprintf(stderr, "client: handshake failed (verify result %ld: %s)\n", v,
                X509_verify_cert_error_string(v));
        goto end;
    }

    /* 4. one line each way */
    n = snprintf(out, sizeof(out), "%s\n", msg);
    if (SSL_write(ssl, out, n) != n || (n = SSL_read(ssl, buf, sizeof(buf) - 1)) <= 0)
        goto end;
    buf[n] = '\0';

    /* 5. report what was negotiated and who we talked to */
    if ((peer = SSL_get1_peer_certificate(ssl)) == NULL)
        goto end;
    X509_NAME_oneline(X509_get_subject_name(peer), subject, sizeof(subject));
    printf("reply:   %s", buf);
    printf("version: %s\n", SSL_get_version(ssl));
    printf("cipher:  %s\n", SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)));
    printf("peer:    %s\n", subject);
    printf("verify:  %ld (%s)\n", SSL_get_verify_result(ssl),
           X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
    SSL_shutdown(ssl);
    rc = SSL_get_verify_result(ssl) == X509_V_OK ? 0 : 1;
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
