/*
 * Interop client: interop_client HOST PORT CAFILE [tls1.2|tls1.3|any] [OPTION...]
 * Connects to 127.0.0.1:PORT (HOST must be "localhost", an IPv4 literal or, with
 * servername=, any name), verifies the server against CAFILE with
 * SSL_set1_host(HOST), sends an HTTP/1.0 GET and reads the reply until the
 * server closes. Prints the negotiated version, cipher, peer subject, ALPN
 * protocol, whether the session was reused and the first reply line to stdout.
 * How the reading of the reply ended is printed as "read-end: ret=R error=E";
 * a failing SSL call as "fail: CALL ret=R error=E verify=V" (SSL_get_error,
 * SSL_get_verify_result), each error-queue entry then as
 * "error: lib=L reason=R (reason string)" (c-tests/interop-peers.sh compares them).
 * Options:
 *   alpn=P1,P2      offer these protocols (SSL_CTX_set_alpn_protos)
 *   servername=NAME send this SNI name (default: HOST when it is not an IP)
 *   keylog=FILE     append NSS key-log lines from SSL_CTX_set_keylog_callback
 *   reconnect       connect a second time offering the first session
 *                   (SSL_get1_session / SSL_set_session), printing both
 *   cert=FILE       present this client certificate chain (SSL_CTX_use_certificate_chain_file)
 *   key=FILE        ... with this key (SSL_CTX_use_PrivateKey_file)
 *   pass=PW         the key's passphrase (SSL_CTX_set_default_passwd_cb_userdata)
 *   crlcheck        X509_V_FLAG_CRL_CHECK on the context's store (CRLs from CAFILE)
 *   readfirst       read before sending the request (for a server expected to refuse the
 *                   connection after the handshake: its alert is read, never a reset)
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
#include <openssl/x509.h>

static FILE *keylog;
static int read_first;

static void keylog_cb(const SSL *ssl, const char *line)
{
    (void)ssl;
    fprintf(keylog, "%s\n", line);
    fflush(keylog);
}

/* The error queue, one "error:" line per entry (oldest first). */
static void print_errors(void)
{
    unsigned long e;

    while ((e = ERR_get_error()) != 0) {
        const char *r = ERR_reason_error_string(e);
        printf("error: lib=%d reason=%d (%s)\n", ERR_GET_LIB(e), ERR_GET_REASON(e),
               r != NULL ? r : "");
    }
    fflush(stdout);
}

/* A failing SSL call: its return value, SSL_get_error, the verify result, the error queue. */
static void report_failure(const char *call, SSL *ssl, int ret)
{
    printf("fail: %s ret=%d error=%d verify=%ld\n", call, ret, SSL_get_error(ssl, ret),
           SSL_get_verify_result(ssl));
    print_errors();
}

/* Wire format of a comma-separated protocol list; returns its length. */
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

/* One connection: handshake (offering `offer` if not NULL), GET, reply. Returns the session
 * (a new reference) through *got when not NULL. */
static int one_connection(SSL_CTX *ctx, const char *host, const char *sni, int port,
                          SSL_SESSION *offer, SSL_SESSION **got)
{
    SSL *ssl = NULL;
    X509 *peer = NULL;
    struct sockaddr_in sa;
    int fd = -1, rc = 1, n = 0, ret;
    size_t total = 0;
    char resp[8192], subj[256];
    const unsigned char *alpn = NULL;
    unsigned int alpnlen = 0;
    static const char req[] = "GET / HTTP/1.0\r\n\r\n";

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0
        || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        perror("connect");
        goto end;
    }
    if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, fd) != 1
        || SSL_set1_host(ssl, host) != 1)
        goto end;
    if (sni != NULL && SSL_set_tlsext_host_name(ssl, sni) != 1)
        goto end;
    if (offer != NULL && SSL_set_session(ssl, offer) != 1)
        goto end;
    if ((ret = SSL_connect(ssl)) != 1) {
        report_failure("SSL_connect", ssl, ret);
        fprintf(stderr, "handshake failed, verify result %ld (%s)\n", SSL_get_verify_result(ssl),
                X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
        goto end;
    }
    if ((peer = SSL_get1_peer_certificate(ssl)) == NULL)
        goto end;
    X509_NAME_oneline(X509_get_subject_name(peer), subj, sizeof(subj));
    SSL_get0_alpn_selected(ssl, &alpn, &alpnlen);
    printf("version: %s\ncipher: %s\npeer: %s\nverify: %ld\nalpn: %.*s\nreused: %d\n",
           SSL_get_version(ssl), SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), subj,
           SSL_get_verify_result(ssl), (int)alpnlen, alpn != NULL ? (const char *)alpn : "",
           SSL_session_reused(ssl));
    if (read_first && (n = SSL_read(ssl, resp, (int)(sizeof(resp) - 1))) <= 0) {
        printf("read-end: ret=%d error=%d\n", n, SSL_get_error(ssl, n));
        print_errors();
        goto end;
    }
    if ((ret = SSL_write(ssl, req, (int)sizeof(req) - 1)) != (int)sizeof(req) - 1) {
        report_failure("SSL_write", ssl, ret);
        goto end;
    }
    /* TLS 1.3 tickets arrive with the reply: the session is taken after reading it. */
    while (total < sizeof(resp) - 1
           && (n = SSL_read(ssl, resp + total, (int)(sizeof(resp) - 1 - total))) > 0)
        total += (size_t)n;
    resp[total] = '\0';
    if (n <= 0) {
        printf("read-end: ret=%d error=%d\n", n, SSL_get_error(ssl, n));
        print_errors();
    }
    if (total == 0)
        goto end;
    resp[strcspn(resp, "\r\n")] = '\0';
    printf("reply: %s\n", resp);
    fflush(stdout);
    if (got != NULL && (*got = SSL_get1_session(ssl)) == NULL)
        goto end;
    SSL_shutdown(ssl);
    rc = 0;
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
    int rc = 1, version = 0, reconnect = 0, i;
    const char *host, *sni = NULL, *cert = NULL, *key = NULL, *pass = NULL;
    int crlcheck = 0;
    unsigned char wire[256];
    unsigned int wirelen = 0;

    if (argc < 4) {
        fprintf(stderr, "usage: %s HOST PORT CAFILE [tls1.2|tls1.3|any] [OPTION...]\n", argv[0]);
        return 2;
    }
    host = argv[1];
    if (argc > 4 && strcmp(argv[4], "any") != 0)
        version = strcmp(argv[4], "tls1.2") == 0 ? TLS1_2_VERSION : TLS1_3_VERSION;
    if (strcmp(host, "localhost") == 0)
        sni = host;
    for (i = 5; i < argc; i++) {
        if (strncmp(argv[i], "alpn=", 5) == 0) {
            if ((wirelen = alpn_wire(argv[i] + 5, wire, sizeof(wire))) == 0)
                return 2;
        } else if (strncmp(argv[i], "servername=", 11) == 0) {
            sni = argv[i] + 11;
        } else if (strncmp(argv[i], "keylog=", 7) == 0) {
            if ((keylog = fopen(argv[i] + 7, "a")) == NULL) {
                perror(argv[i] + 7);
                return 2;
            }
        } else if (strcmp(argv[i], "reconnect") == 0) {
            reconnect = 1;
        } else if (strncmp(argv[i], "cert=", 5) == 0) {
            cert = argv[i] + 5;
        } else if (strncmp(argv[i], "key=", 4) == 0) {
            key = argv[i] + 4;
        } else if (strncmp(argv[i], "pass=", 5) == 0) {
            pass = argv[i] + 5;
        } else if (strcmp(argv[i], "crlcheck") == 0) {
            crlcheck = 1;
        } else if (strcmp(argv[i], "readfirst") == 0) {
            read_first = 1;
        } else {
            fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN);

    if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL
        || SSL_CTX_load_verify_locations(ctx, argv[3], NULL) != 1)
        goto end;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (pass != NULL)
        SSL_CTX_set_default_passwd_cb_userdata(ctx, (void *)pass);
    if (cert != NULL && SSL_CTX_use_certificate_chain_file(ctx, cert) != 1)
        goto end;
    if (key != NULL && SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
        goto end;
    if (crlcheck && X509_STORE_set_flags(SSL_CTX_get_cert_store(ctx), X509_V_FLAG_CRL_CHECK) != 1)
        goto end;
    if (version != 0
        && (!SSL_CTX_set_min_proto_version(ctx, version)
            || !SSL_CTX_set_max_proto_version(ctx, version)))
        goto end;
    if (wirelen != 0 && SSL_CTX_set_alpn_protos(ctx, wire, wirelen) != 0)
        goto end;
    if (keylog != NULL)
        SSL_CTX_set_keylog_callback(ctx, keylog_cb);
    if (one_connection(ctx, host, sni, atoi(argv[2]), NULL, reconnect ? &sess : NULL) != 0)
        goto end;
    if (reconnect && one_connection(ctx, host, sni, atoi(argv[2]), sess, NULL) != 0)
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
