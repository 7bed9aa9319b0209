/*
 * Writes seed inputs for the fuzz targets from real handshakes (fuzz/seed.sh runs it, built
 * once against the system OpenSSL and once against sslrs, so both libraries' flights are seeds).
 *
 *   record OUTDIR TAG
 *
 * For a few configurations a client and a server SSL handshake over memory BIOs, exchange a
 * little data and shut down; every flight is recorded. Written (file names start with TAG):
 *   OUTDIR/server/TAG-*   input of fuzz_server: its config byte + the client's flights
 *   OUTDIR/client/TAG-*   input of fuzz_client: its config byte + the server's flights (answering
 *                         another ClientHello than the one the fuzzed client sends, so they get
 *                         the client as far as the first check that depends on its own random)
 *   OUTDIR/session/TAG-*  input of fuzz_session: flags byte + i2d_SSL_SESSION of the client's
 *                         session (TLS 1.3 with ticket, TLS 1.2)
 *   OUTDIR/api/TAG-*      input of fuzz_api: op sequences (handshake, transfer, shutdown)
 * Uses only the public API. Certificates come from $SSLRS_CERTS (default c-tests/certs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

static char outdir[512], tag[64];

struct rec {
    unsigned char buf[65536];
    size_t len;
};

static const char *cert(const char *name)
{
    static char b[4][512];
    static int i;
    const char *dir = getenv("SSLRS_CERTS");
    char *p = b[i++ & 3];
    snprintf(p, sizeof b[0], "%s/%s", dir ? dir : "c-tests/certs", name);
    return p;
}

static void put(const char *sub, const char *name, const unsigned char *p, size_t n)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s/%s-%s", outdir, sub, tag, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(p, 1, n, f) != n) {
        perror(path);
        exit(1);
    }
    fclose(f);
}

/* Moves what `from` wrote into `to`'s read BIO, appending it to `r` as one delivery. */
static void flight(BIO *from, BIO *to, struct rec *r)
{
    unsigned char tmp[16384];
    size_t start = r->len + 2;
    int n;
    size_t total = 0;
    while ((n = BIO_read(from, tmp, sizeof tmp)) > 0) {
        if (start + total + (size_t)n > sizeof r->buf)
            break;
        memcpy(r->buf + start + total, tmp, (size_t)n);
        BIO_write(to, tmp, n);
        total += (size_t)n;
    }
    if (total == 0)
        return;
    r->buf[r->len] = (unsigned char)(total >> 8);
    r->buf[r->len + 1] = (unsigned char)total;
    r->len = start + total;
}

static void die(const char *what)
{
    fprintf(stderr, "record: %s failed\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

/* One recorded connection. version: 0 any, TLS1_2_VERSION or TLS1_3_VERSION. */
static void session_run(const char *name, int version, const char *crt, const char *key,
                        int client_cert, unsigned server_cfg, unsigned client_cfg)
{
    static const unsigned char alpn[] = { 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1' };
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method()), *cctx = SSL_CTX_new(TLS_client_method());
    SSL *s, *c;
    BIO *s_in = BIO_new(BIO_s_mem()), *s_out = BIO_new(BIO_s_mem());
    BIO *c_in = BIO_new(BIO_s_mem()), *c_out = BIO_new(BIO_s_mem());
    struct rec *to_server = calloc(1, sizeof *to_server), *to_client = calloc(1, sizeof *to_client);
    int i, cdone = 0, sdone = 0;
    unsigned char data[64];
    SSL_SESSION *sess;

    if (sctx == NULL || cctx == NULL || to_server == NULL || to_client == NULL)
        die("setup");
    if (SSL_CTX_use_certificate_chain_file(sctx, cert(crt)) != 1
        || SSL_CTX_use_PrivateKey_file(sctx, cert(key), SSL_FILETYPE_PEM) != 1)
        die("server certificate");
    SSL_CTX_load_verify_locations(cctx, cert("ca-bundle.pem"), NULL);
    SSL_CTX_load_verify_locations(sctx, cert("ca-bundle.pem"), NULL);
    if (version) {
        SSL_CTX_set_min_proto_version(sctx, version);
        SSL_CTX_set_max_proto_version(sctx, version);
    }
    if (client_cert) {
        SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
        SSL_CTX_use_certificate_file(cctx, cert("client.pem"), SSL_FILETYPE_PEM);
        SSL_CTX_use_PrivateKey_file(cctx, cert("client.key"), SSL_FILETYPE_PEM);
    }
    s = SSL_new(sctx);
    c = SSL_new(cctx);
    BIO_set_mem_eof_return(s_in, -1);
    BIO_set_mem_eof_return(c_in, -1);
    SSL_set_bio(s, s_in, s_out);
    SSL_set_bio(c, c_in, c_out);
    SSL_set_accept_state(s);
    SSL_set_connect_state(c);
    SSL_set_tlsext_host_name(c, "localhost");
    SSL_set_alpn_protos(c, alpn, sizeof alpn);
    to_server->buf[0] = (unsigned char)server_cfg;
    to_server->len = 1;
    to_client->buf[0] = (unsigned char)client_cfg;
    to_client->len = 1;

    for (i = 0; i < 20 && !(cdone && sdone); i++) {
        if (!cdone)
            cdone = SSL_do_handshake(c) == 1;
        flight(c_out, s_in, to_server);
        if (!sdone)
            sdone = SSL_do_handshake(s) == 1;
        flight(s_out, c_in, to_client);
    }
    if (!(cdone && sdone))
        die(name);
    memset(data, 'x', sizeof data);
    SSL_write(c, data, sizeof data);
    flight(c_out, s_in, to_server);
    SSL_read(s, data, sizeof data);
    SSL_write(s, data, sizeof data);
    flight(s_out, c_in, to_client);
    SSL_read(c, data, sizeof data); /* also takes the TLS 1.3 tickets */
    sess = SSL_get1_session(c);
    SSL_shutdown(c);
    flight(c_out, s_in, to_server);
    SSL_shutdown(s);
    flight(s_out, c_in, to_client);

    put("server", name, to_server->buf, to_server->len);
    put("client", name, to_client->buf, to_client->len);
    if (sess != NULL) {
        unsigned char *der = NULL;
        int len = i2d_SSL_SESSION(sess, &der);
        if (len > 0) {
            unsigned char *buf = malloc((size_t)len + 1);
            buf[0] = 1; /* offer it in a ClientHello */
            memcpy(buf + 1, der, (size_t)len);
            put("session", name, buf, (size_t)len + 1);
            free(buf);
        }
        OPENSSL_free(der);
        SSL_SESSION_free(sess);
    }
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    free(to_server);
    free(to_client);
}

/* fuzz_api op sequences (see fuzz/fuzz_api.c: opcode byte, top bit = server side). */
static void api_seeds(void)
{
    enum { HS = 0, WR = 2, RD = 4, SHUT = 6, PUMP = 7, CTRL = 14, SWAP = 15, KU = 17, PEND = 19,
           GET = 20, S = 0x80 };
    /* handshake, both directions of data, shutdown, over memory BIOs */
    static const unsigned char a[] = {
        0x00, HS, PUMP, HS | S, PUMP, HS, PUMP, HS | S, PUMP, HS, PUMP, GET, GET | S,
        WR, 0, 0x01, 0x00, PUMP, RD | S, 0, 0x01, 0x00, WR | S, 1, 0x40, 0x00, PUMP,
        RD, 2, 0x00, 0x10, RD, 0, 0x40, 0x00, PEND, SHUT, PUMP, SHUT | S, PUMP, SHUT, GET };
    /* small BIO pairs, partial writes, a big write, key update */
    static const unsigned char b[] = {
        0x51, HS, PUMP, HS | S, PUMP, HS, PUMP, HS | S, PUMP, HS, PUMP, HS | S, PUMP, HS, PUMP,
        WR, 1, 0x4e, 0x20, PUMP, RD | S, 1, 0x4e, 0x20, PUMP, WR, 1, 0x4e, 0x20, PUMP,
        RD | S, 0, 0x4e, 0x20, KU, 1, PUMP, RD | S, 0, 0x00, 0x10, PUMP, WR | S, 0, 0x00, 0x20,
        PUMP, RD, 0, 0x00, 0x20, SHUT, PUMP, SHUT | S };
    /* direct BIO pair, TLS 1.2 client, ctrl, transport swap, corruption */
    static const unsigned char c[] = {
        0x87, HS, HS | S, HS, HS | S, HS, HS | S, HS, HS | S, HS, GET,
        CTRL, 2, 0x02, 0x00, WR, 0, 0x10, 0x00, RD | S, 0, 0x10, 0x00,
        SWAP, 0, 3, WR | S, 0, 0x00, 0x40, 9 | S, 0x00, 0x10, 12 | S, 0x00, 0x05, 0x21, PUMP,
        RD, 0, 0x00, 0x40, GET, SHUT };
    put("api", "transfer-mem", a, sizeof a);
    put("api", "transfer-pair", b, sizeof b);
    put("api", "direct-tls12", c, sizeof c);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: record OUTDIR TAG\n");
        return 2;
    }
    snprintf(outdir, sizeof outdir, "%s", argv[1]);
    snprintf(tag, sizeof tag, "%s", argv[2]);
    /* server config bits (fuzz_server.c): 1/2 version, 4 RSA, 8 client cert, 16 read_ex, 32 shutdown
     * client config bits (fuzz_client.c): 1/2 version, 4 verify, 8 SNI, 16 ALPN, 32 client cert */
    session_run("tls13-ec", TLS1_3_VERSION, "server-ec.pem", "server-ec.key", 0, 0x22, 0x1c);
    session_run("tls12-ec", TLS1_2_VERSION, "server-ec.pem", "server-ec.key", 0, 0x31, 0x1d);
    session_run("tls13-rsa", TLS1_3_VERSION, "server-rsa.pem", "server-rsa.key", 0, 0x26, 0x18);
    session_run("tls12-rsa-mtls", TLS1_2_VERSION, "server-rsa.pem", "server-rsa.key", 1, 0x2d,
                0x39);
    session_run("tls13-ec-mtls", TLS1_3_VERSION, "server-ec.pem", "server-ec.key", 1, 0x2a, 0x3c);
    api_seeds();
    return 0;
}
