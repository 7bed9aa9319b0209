/*
 * sslrs demo client.
 *   client PORT CAFILE tls1.3|tls1.2 [LINE [NAME [KEYLOG]]]
 * Connects to 127.0.0.1:PORT twice. Each time it offers ALPN "demo/1" and
 * "http/1.1", sends SNI NAME (default "localhost") and verifies the server
 * certificate against CAFILE and NAME, sends LINE (default "world") and
 * prints the reply, the negotiated version, cipher and ALPN protocol, the
 * verified peer subject, the verify result and whether the session was
 * resumed: the second connection offers the session of the first
 * (SSL_get1_session / SSL_set_session). With KEYLOG, the TLS secrets go to
 * that file in NSS key-log format (SSL_CTX_set_keylog_callback), for
 * Wireshark. Exit 0 on success.
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

static FILE *keylog;

static void keylog_line(const SSL *ssl, const char *line)
{
    (void)ssl;
    fprintf(keylog, "%s\n", line);
}

/* One connection; `*sess` is offered if set, and replaced by this connection's session. */
static int connect_once(SSL_CTX *ctx, int port, const char *name, const char *msg,
                        SSL_SESSION **sess)
{
    SSL *ssl = NULL;
    X509 *peer = NULL;
    struct sockaddr_in sa;
    int fd = -1, rc = 1, n;
    char buf[256], subject[256], out[300];
    const unsigned char *alpn = NULL;
    unsigned int alpnlen = 0;

    /* TCP connection to 127.0.0.1 */
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0
        || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        perror("client: connect");
        goto end;
    }

    /* TLS on top: SNI and the name to verify are set separately; offer the saved session */
    if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, fd) != 1
        || SSL_set_tlsext_host_name(ssl, name) != 1 || SSL_set1_host(ssl, name) != 1
        || (*sess != NULL && SSL_set_session(ssl, *sess) != 1))
        goto end;
    if (SSL_connect(ssl) != 1) {
        long v = SSL_get_verify_result(ssl);
        fprintf(stderr, "client: handshake failed (verify result %ld: %s)\n", v,
                X509_verify_cert_error_string(v));
        goto end;
    }

    /* one line each way (a TLS 1.3 session ticket arrives with the reply) */
    n = snprintf(out, sizeof(out), "%s\n", msg);
    if (SSL_write(ssl, out, n) != n || (n = SSL_read(ssl, buf, sizeof(buf) - 1)) <= 0)
        goto end;
    buf[n] = '\0';

    /* report what was negotiated and who we talked to */
    if ((peer = SSL_get1_peer_certificate(ssl)) == NULL)
        goto end;
    X509_NAME_oneline(X509_get_subject_name(peer), subject, sizeof(subject));
    SSL_get0_alpn_selected(ssl, &alpn, &alpnlen);
    printf("reply:   %s", buf);
    printf("version: %s\n", SSL_get_version(ssl));
    printf("cipher:  %s\n", SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)));
    printf("alpn:    %.*s\n", (int)alpnlen, alpn != NULL ? (const char *)alpn : "(none)");
    printf("peer:    %s\n", subject);
    printf("verify:  %ld (%s)\n", SSL_get_verify_result(ssl),
           X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
    printf("resumed: %s\n", SSL_session_reused(ssl) ? "yes" : "no");
    SSL_SESSION_free(*sess);
    *sess = SSL_get1_session(ssl);
    SSL_shutdown(ssl);
    rc = SSL_get_verify_result(ssl) == X509_V_OK ? 0 : 1;
end:
    X509_free(peer);
    SSL_free(ssl);
    if (fd >= 0)
        close(fd);
    return rc;
}

int main(int argc, char **argv)
{
    SSL_CTX *ctx = NULL;
    SSL_SESSION *sess = NULL;
    int rc = 1, version;
    const char *msg = argc > 4 ? argv[4] : "world";
    const char *name = argc > 5 ? argv[5] : "localhost";
    static const unsigned char protos[] = "\x06" "demo/1" "\x08" "http/1.1";

    if (argc < 4) {
        fprintf(stderr, "usage: %s PORT CAFILE tls1.3|tls1.2 [LINE [NAME [KEYLOG]]]\n", argv[0]);
        return 2;
    }
    version = strcmp(argv[3], "tls1.2") == 0 ? TLS1_2_VERSION : TLS1_3_VERSION;
    signal(SIGPIPE, SIG_IGN);

    /* context: trust the test CA, require a verified peer, pin the version, offer ALPN */
    ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL || SSL_CTX_load_verify_locations(ctx, argv[2], NULL) != 1
        || !SSL_CTX_set_min_proto_version(ctx, version)
        || !SSL_CTX_set_max_proto_version(ctx, version)
        || SSL_CTX_set_alpn_protos(ctx, protos, sizeof(protos) - 1) != 0)
        goto end;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (argc > 6) {
        if ((keylog = fopen(argv[6], "a")) == NULL) {
            perror(argv[6]);
            goto end;
        }
        SSL_CTX_set_keylog_callback(ctx, keylog_line);
    }

    /* a full handshake, then a resumed one with the session it left */
    if (connect_once(ctx, atoi(argv[1]), name, msg, &sess) != 0)
        goto end;
    printf("-- again, offering the saved session\n");
    if (connect_once(ctx, atoi(argv[1]), name, msg, &sess) != 0)
        goto end;
    rc = 0;
end:
    if (rc != 0)
        ERR_print_errors_fp(stderr);
    SSL_SESSION_free(sess);
    SSL_CTX_free(ctx);
    if (keylog != NULL)
        fclose(keylog);
    return rc;
}
