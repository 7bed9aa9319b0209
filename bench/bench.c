/*
 * sslrs benchmark: one source, built against the system OpenSSL 3 and against sslrs.
 *
 * Client and server run in one process, joined by a BIO pair (no sockets). Every mode does
 * its setup (contexts, certificates, one warm-up unit) outside the measured region and prints
 * exactly one number on stdout; diagnostics go to stderr.
 *
 *   bench version                      library version string (OpenSSL_version(OPENSSL_VERSION))
 *   bench hs-tls13-ecdsa SECS          full handshakes/s (see "one handshake unit" below)
 *   bench hs-tls13-rsa SECS
 *   bench hs-tls12-ecdsa SECS
 *   bench hs-resume-tls13 SECS         resumed TLS 1.3 ECDSA handshakes/s (tickets): each unit
 *                                      offers the session the previous one received
 *   bench hs-resume-tls12 SECS         resumed TLS 1.2 ECDSA handshakes/s (session tickets)
 *   bench hs-mt2 SECS                  TLS 1.3 ECDSA handshakes/s, total of 2 threads sharing
 *                                      one client and one server SSL_CTX
 *   bench bulk-{aes128,aes256,chacha}-{16k,1k} SECS
 *                                      MB/s (10^6 bytes) of plaintext through SSL_read, both
 *                                      directions: client writes N, server reads N, server
 *                                      writes N, client reads N (N = 16 KiB or 1 KiB)
 *   bench mem N                        bytes per established connection pair (client + server
 *                                      SSL, their BIO pair not counted), glibc mallinfo2()
 *   bench mem-total N                  the same including the BIO pair
 *   callgrind modes (one warm-up unit, then COUNT units inside bench_measured_*):
 *   bench one-handshake KIND [COUNT]   KIND = tls13-ecdsa | tls13-rsa | tls12-ecdsa: full
 *                                      handshake units in bench_measured_handshake;
 *                                      KIND = resume-tls13 | resume-tls12: resumed units (ECDSA)
 *                                      in bench_measured_resumed, after one full handshake
 *   bench transfer-1mib [MIB]          1 MiB client->server in 16 KiB SSL_writes, AES-128-GCM
 *
 * One handshake unit = SSL_new x2, BIO_new_bio_pair, SSL_set_tlsext_host_name +
 * SSL_set1_host("localhost") on the client, SSL_VERIFY_PEER against the CA, handshake driven to
 * completion on both sides, one byte each way (so the client processes the server's session
 * tickets), SSL_free x2. No session is ever offered for resumption; every handshake is checked
 * to be a full one (the server's first flight carries its certificate).
 *
 * One resumed unit (hs-resume-*, one-handshake resume-*) = the same, plus SSL_set_session with
 * the session the previous unit ended with, the handshake checked resumed (SSL_session_reused
 * on both sides, else exit 2), SSL_get1_session after the ping (the newest ticket),
 * SSL_shutdown on both sides (close_notify; the session stays resumable), SSL_free x2. Both
 * contexts keep their defaults (the server issues session tickets).
 *
 * Run from the repository root (certificates are read from c-tests/certs, or $SSLRS_CERTS).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#define NOINLINE __attribute__((noinline))

/* A full handshake's first server flight carries the certificate (>= ~450 bytes for the
 * test leaves); a resumed TLS 1.3 one is ServerHello + EncryptedExtensions + Finished. */
#define FULL_HS_MIN_SERVER_FLIGHT 400

static const char *certs_dir(void) {
    const char *d = getenv("SSLRS_CERTS");
    return d && *d ? d : "c-tests/certs";
}

static const char *cpath(char *buf, size_t n, const char *name) {
    snprintf(buf, n, "%s/%s", certs_dir(), name);
    return buf;
}

static void die(const char *what) {
    fprintf(stderr, "bench: %s failed\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- contexts -------------------------------------------------------------------------- */

enum kind { K_TLS13_ECDSA, K_TLS13_RSA, K_TLS12_ECDSA };

struct ctxs {
    SSL_CTX *s, *c;
};

/* suites: TLS 1.3 ciphersuite list, or NULL for the library's default. */
static struct ctxs make_ctxs(enum kind k, const char *suites) {
    char b1[512], b2[512], b3[512];
    const char *cert = k == K_TLS13_RSA ? "server-rsa.pem" : "server-ec.pem";
    const char *key = k == K_TLS13_RSA ? "server-rsa.key" : "server-ec.key";
    const char *ca = k == K_TLS13_RSA ? "ca-rsa.pem" : "ca-ec.pem";
    int ver = k == K_TLS12_ECDSA ? TLS1_2_VERSION : TLS1_3_VERSION;
    struct ctxs x;

    x.s = SSL_CTX_new(TLS_server_method());
    x.c = SSL_CTX_new(TLS_client_method());
    if (!x.s || !x.c) die("SSL_CTX_new");
    if (SSL_CTX_use_certificate_chain_file(x.s, cpath(b1, sizeof b1, cert)) != 1)
        die("SSL_CTX_use_certificate_chain_file");
    if (SSL_CTX_use_PrivateKey_file(x.s, cpath(b2, sizeof b2, key), SSL_FILETYPE_PEM) != 1)
        die("SSL_CTX_use_PrivateKey_file");
    if (SSL_CTX_load_verify_locations(x.c, cpath(b3, sizeof b3, ca), NULL) != 1)
        die("SSL_CTX_load_verify_locations");
    SSL_CTX_set_verify(x.c, SSL_VERIFY_PEER, NULL);
    if (!SSL_CTX_set_min_proto_version(x.s, ver) || !SSL_CTX_set_max_proto_version(x.s, ver) ||
        !SSL_CTX_set_min_proto_version(x.c, ver) || !SSL_CTX_set_max_proto_version(x.c, ver))
        die("SSL_CTX_set_min/max_proto_version");
    if (suites && (SSL_CTX_set_ciphersuites(x.s, suites) != 1 ||
                   SSL_CTX_set_ciphersuites(x.c, suites) != 1))
        die("SSL_CTX_set_ciphersuites");
    return x;
}

static void free_ctxs(struct ctxs *x) {
    SSL_CTX_free(x->s);
    SSL_CTX_free(x->c);
}

/* ---- connections ----------------------------------------------------------------------- */

struct pair {
    SSL *s, *c;
    BIO *sbio, *cbio; /* borrowed: owned by the SSLs */
};

static struct pair new_pair(struct ctxs *x, size_t bufsize) {
    struct pair p;
    p.s = SSL_new(x->s);
    p.c = SSL_new(x->c);
    if (!p.s || !p.c) die("SSL_new");
    if (BIO_new_bio_pair(&p.cbio, bufsize, &p.sbio, bufsize) != 1) die("BIO_new_bio_pair");
    SSL_set_bio(p.c, p.cbio, p.cbio);
    SSL_set_bio(p.s, p.sbio, p.sbio);
    SSL_set_connect_state(p.c);
    SSL_set_accept_state(p.s);
    if (SSL_set_tlsext_host_name(p.c, "localhost") != 1) die("SSL_set_tlsext_host_name");
    if (SSL_set1_host(p.c, "localhost") != 1) die("SSL_set1_host");
    return p;
}

static void free_pair(struct pair *p) {
    SSL_free(p->c);
    SSL_free(p->s);
}

static int want(SSL *ssl, int rc) {
    int e = SSL_get_error(ssl, rc);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
}

/* Drives both sides to completion; checks the handshake was a full one (`full`) or a
 * resumed one. */
static void handshake_ex(struct pair *p, int full) {
    int cdone = 0, sdone = 0;
    size_t flight = 0;
    for (int i = 0; i < 64 && !(cdone && sdone); i++) {
        if (!cdone) {
            int rc = SSL_do_handshake(p->c);
            if (rc == 1) cdone = 1;
            else if (!want(p->c, rc)) die("client SSL_do_handshake");
        }
        if (!sdone) {
            int rc = SSL_do_handshake(p->s);
            if (rc == 1) sdone = 1;
            else if (!want(p->s, rc)) die("server SSL_do_handshake");
            size_t pend = BIO_ctrl_pending(p->cbio);
            if (pend > flight) flight = pend;
        }
    }
    if (!(cdone && sdone)) die("handshake (no progress)");
    if (!full) {
        if (SSL_session_reused(p->c) != 1 || SSL_session_reused(p->s) != 1) {
            fprintf(stderr, "bench: the session was not resumed\n");
            exit(2);
        }
        return;
    }
    if (flight < FULL_HS_MIN_SERVER_FLIGHT) {
        fprintf(stderr,
                "bench: server's first flight was %zu bytes: the session was resumed, "
                "not a full handshake\n",
                flight);
        exit(2);
    }
}

static void handshake(struct pair *p) {
    handshake_ex(p, 1);
}

/* Writes len bytes on `from` and reads them all on `to` (the BIO pair holds them). */
static void xfer(SSL *from, SSL *to, const unsigned char *buf, unsigned char *rbuf, int len) {
    int rc = SSL_write(from, buf, len);
    if (rc != len) die("SSL_write");
    int got = 0;
    while (got < len) {
        rc = SSL_read(to, rbuf + got, len - got);
        if (rc <= 0) {
            if (want(to, rc)) die("SSL_read (peer data missing)");
            die("SSL_read");
        }
        got += rc;
    }
}

static void ping(struct pair *p) {
    unsigned char b = 'x', r = 0;
    xfer(p->c, p->s, &b, &r, 1);
    xfer(p->s, p->c, &b, &r, 1);
}

static void handshake_unit(struct ctxs *x) {
    struct pair p = new_pair(x, 0);
    handshake(&p);
    ping(&p);
    free_pair(&p);
}

/* One resumed unit: offers *sess, resumes, pings (the client reads the new ticket), closes
 * both sides with close_notify (an SSL_free without it retires the session, as in OpenSSL)
 * and replaces *sess with the client's newest session. */
static void resumed_unit(struct ctxs *x, SSL_SESSION **sess) {
    struct pair p = new_pair(x, 0);
    if (SSL_set_session(p.c, *sess) != 1) die("SSL_set_session");
    handshake_ex(&p, 0);
    ping(&p);
    SSL_SESSION *next = SSL_get1_session(p.c);
    if (!next) die("SSL_get1_session");
    SSL_SESSION_free(*sess);
    *sess = next;
    SSL_shutdown(p.c);
    SSL_shutdown(p.s);
    free_pair(&p);
}

/* ---- timed modes ----------------------------------------------------------------------- */

/* A full handshake (checked full), ping, close_notify both ways: the client's session. */
static SSL_SESSION *first_session(struct ctxs *x) {
    struct pair p = new_pair(x, 0);
    handshake(&p);
    ping(&p);
    SSL_SESSION *sess = SSL_get1_session(p.c);
    if (!sess) die("SSL_get1_session");
    SSL_shutdown(p.c);
    SSL_shutdown(p.s);
    free_pair(&p);
    return sess;
}

static double bench_resumed(enum kind k, double secs) {
    struct ctxs x = make_ctxs(k, NULL);
    SSL_SESSION *sess = first_session(&x);
    resumed_unit(&x, &sess); /* warm-up */
    long n = 0;
    double t0 = now(), t;
    do {
        resumed_unit(&x, &sess);
        n++;
        t = now();
    } while (t - t0 < secs);
    SSL_SESSION_free(sess);
    free_ctxs(&x);
    return (double)n / (t - t0);
}

static double bench_handshakes(enum kind k, double secs) {
    struct ctxs x = make_ctxs(k, NULL);
    handshake_unit(&x); /* warm-up: lazy initialisation in either library */
    long n = 0;
    double t0 = now(), t;
    do {
        handshake_unit(&x);
        n++;
        t = now();
    } while (t - t0 < secs);
    free_ctxs(&x);
    return (double)n / (t - t0);
}

struct mt_arg {
    struct ctxs *x;
    double secs;
    long n;
    double elapsed;
};

static void *mt_worker(void *v) {
    struct mt_arg *a = v;
    handshake_unit(a->x);
    double t0 = now(), t;
    do {
        handshake_unit(a->x);
        a->n++;
        t = now();
    } while (t - t0 < a->secs);
    a->elapsed = t - t0;
    ERR_clear_error();
    return NULL;
}

static double bench_mt(double secs) {
    enum { NT = 2 };
    struct ctxs x = make_ctxs(K_TLS13_ECDSA, NULL);
    pthread_t th[NT];
    struct mt_arg a[NT];
    for (int i = 0; i < NT; i++) {
        a[i] = (struct mt_arg){&x, secs, 0, 0};
        if (pthread_create(&th[i], NULL, mt_worker, &a[i]) != 0) die("pthread_create");
    }
    double rate = 0;
    for (int i = 0; i < NT; i++) {
        pthread_join(th[i], NULL);
        rate += (double)a[i].n / a[i].elapsed;
    }
    free_ctxs(&x);
    return rate;
}

static const char *suite_of(const char *name) {
    if (!strncmp(name, "aes128", 6)) return "TLS_AES_128_GCM_SHA256";
    if (!strncmp(name, "aes256", 6)) return "TLS_AES_256_GCM_SHA384";
    if (!strncmp(name, "chacha", 6)) return "TLS_CHACHA20_POLY1305_SHA256";
    return NULL;
}

/* Connected pair for bulk transfer; checks the negotiated suite. */
static struct pair bulk_pair(struct ctxs *x, const char *suite) {
    struct pair p = new_pair(x, 64 * 1024);
    handshake(&p);
    ping(&p);
    const char *got = SSL_CIPHER_get_name(SSL_get_current_cipher(p.c));
    if (!got || strcmp(got, suite) != 0) {
        fprintf(stderr, "bench: negotiated %s, wanted %s\n", got ? got : "(null)", suite);
        exit(1);
    }
    return p;
}

static double bench_bulk(const char *suite, int chunk, double secs) {
    struct ctxs x = make_ctxs(K_TLS13_ECDSA, suite);
    struct pair p = bulk_pair(&x, suite);
    unsigned char *buf = malloc((size_t)chunk), *rbuf = malloc((size_t)chunk);
    if (!buf || !rbuf) die("malloc");
    memset(buf, 0xa5, (size_t)chunk);
    for (int i = 0; i < 8; i++) { /* warm-up */
        xfer(p.c, p.s, buf, rbuf, chunk);
        xfer(p.s, p.c, buf, rbuf, chunk);
    }
    long n = 0;
    double t0 = now(), t;
    do {
        for (int i = 0; i < 16; i++) {
            xfer(p.c, p.s, buf, rbuf, chunk);
            xfer(p.s, p.c, buf, rbuf, chunk);
        }
        n += 32;
        t = now();
    } while (t - t0 < secs);
    free(buf);
    free(rbuf);
    free_pair(&p);
    free_ctxs(&x);
    return (double)n * chunk / (t - t0) / 1e6;
}

/* n established pairs: handshake done, one byte each way. */
static void establish(struct ctxs *x, struct pair *ps, int n) {
    for (int i = 0; i < n; i++) {
        ps[i] = new_pair(x, 0);
        handshake(&ps[i]);
        ping(&ps[i]);
    }
}

static size_t heap_in_use(void) {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

/* Bytes per established pair. with_bio: include the BIO pair; otherwise the BIO pairs' own
 * cost (N pairs with one byte through each direction, measured the same way) is subtracted. */
static double bench_mem(int n, int with_bio) {
    struct ctxs x = make_ctxs(K_TLS13_ECDSA, NULL);
    struct pair *ps = calloc((size_t)n, sizeof *ps);
    BIO **bios = calloc(2 * (size_t)n, sizeof *bios);
    if (!ps || !bios) die("calloc");
    handshake_unit(&x); /* warm-up */

    double bio_cost = 0;
    if (!with_bio) {
        size_t b0 = heap_in_use();
        for (int i = 0; i < n; i++) {
            char c = 'x';
            if (BIO_new_bio_pair(&bios[2 * i], 0, &bios[2 * i + 1], 0) != 1) die("BIO pair");
            if (BIO_write(bios[2 * i], &c, 1) != 1 || BIO_read(bios[2 * i + 1], &c, 1) != 1 ||
                BIO_write(bios[2 * i + 1], &c, 1) != 1 || BIO_read(bios[2 * i], &c, 1) != 1)
                die("BIO pair I/O");
        }
        bio_cost = ((double)heap_in_use() - (double)b0) / n;
        for (int i = 0; i < 2 * n; i++) BIO_free(bios[i]);
    }

    size_t m0 = heap_in_use();
    establish(&x, ps, n);
    size_t m1 = heap_in_use();
    for (int i = 0; i < n; i++) free_pair(&ps[i]);
    free(ps);
    free(bios);
    free_ctxs(&x);
    if (!with_bio)
        fprintf(stderr, "bench: mem: %.0f bytes/pair total, BIO pair %.0f\n",
                ((double)m1 - (double)m0) / n, bio_cost);
    return ((double)m1 - (double)m0) / n - bio_cost;
}

/* ---- callgrind modes: the measured regions ---------------------------------------------- */
/* `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=bench_measured_*` counts
 * only what runs inside these (they are never inlined). */

NOINLINE void bench_measured_handshake(struct ctxs *x, int count) {
    for (int i = 0; i < count; i++) handshake_unit(x);
    __asm__ volatile("" ::: "memory");
}

NOINLINE void bench_measured_resumed(struct ctxs *x, SSL_SESSION **sess, int count) {
    for (int i = 0; i < count; i++) resumed_unit(x, sess);
    __asm__ volatile("" ::: "memory");
}

NOINLINE void bench_measured_transfer(struct pair *p, const unsigned char *buf,
                                      unsigned char *rbuf, int chunk, long total) {
    for (long done = 0; done < total; done += chunk) xfer(p->c, p->s, buf, rbuf, chunk);
    __asm__ volatile("" ::: "memory");
}

/* KIND resume-tls13 | resume-tls12: a full handshake and one resumed warm-up unit outside
 * the region, then COUNT resumed units (each offering the previous one's session) inside
 * bench_measured_resumed. */
static int one_handshake(const char *kname, int count) {
    enum kind k;
    if (!strncmp(kname, "resume-", 7)) {
        if (!strcmp(kname + 7, "tls13")) k = K_TLS13_ECDSA;
        else if (!strcmp(kname + 7, "tls12")) k = K_TLS12_ECDSA;
        else return fprintf(stderr, "bench: unknown handshake kind %s\n", kname), 64;
        struct ctxs x = make_ctxs(k, NULL);
        SSL_SESSION *sess = first_session(&x);
        resumed_unit(&x, &sess);
        bench_measured_resumed(&x, &sess, count);
        SSL_SESSION_free(sess);
        free_ctxs(&x);
        printf("%d\n", count);
        return 0;
    }
    if (!strcmp(kname, "tls13-ecdsa")) k = K_TLS13_ECDSA;
    else if (!strcmp(kname, "tls13-rsa")) k = K_TLS13_RSA;
    else if (!strcmp(kname, "tls12-ecdsa")) k = K_TLS12_ECDSA;
    else return fprintf(stderr, "bench: unknown handshake kind %s\n", kname), 64;
    struct ctxs x = make_ctxs(k, NULL);
    handshake_unit(&x);
    bench_measured_handshake(&x, count);
    free_ctxs(&x);
    printf("%d\n", count);
    return 0;
}

static int transfer_mib(int mib) {
    const char *suite = "TLS_AES_128_GCM_SHA256";
    enum { CHUNK = 16384 };
    static unsigned char buf[CHUNK], rbuf[CHUNK];
    struct ctxs x = make_ctxs(K_TLS13_ECDSA, suite);
    struct pair p = bulk_pair(&x, suite);
    memset(buf, 0xa5, sizeof buf);
    xfer(p.c, p.s, buf, rbuf, CHUNK); /* warm-up */
    bench_measured_transfer(&p, buf, rbuf, CHUNK, (long)mib << 20);
    free_pair(&p);
    free_ctxs(&x);
    printf("%d\n", mib);
    return 0;
}

/* ---- main ------------------------------------------------------------------------------ */

/* Resident memory (RSS, from /proc/self/statm) per established pair, BIO pairs included:
 * pages the process really holds, allocator overhead and fragmentation counted. With
 * release_buffers, both contexts set SSL_MODE_RELEASE_BUFFERS (idle connections). */
static size_t rss_bytes(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, resident = 0;
    if (!f || fscanf(f, "%lu %lu", &size, &resident) != 2) die("/proc/self/statm");
    fclose(f);
    return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

static double bench_rss(int n, int release_buffers) {
    struct ctxs x = make_ctxs(K_TLS13_ECDSA, NULL);
    struct pair *ps = calloc((size_t)n, sizeof *ps);
    if (!ps) die("calloc");
    if (release_buffers) {
        SSL_CTX_set_mode(x.s, SSL_MODE_RELEASE_BUFFERS);
        SSL_CTX_set_mode(x.c, SSL_MODE_RELEASE_BUFFERS);
    }
    handshake_unit(&x); /* warm-up: configs, caches, first-use allocations */
    size_t r0 = rss_bytes();
    establish(&x, ps, n);
    size_t r1 = rss_bytes();
    for (int i = 0; i < n; i++) free_pair(&ps[i]);
    free(ps);
    free_ctxs(&x);
    return ((double)r1 - (double)r0) / n;
}

static int usage(void) {
    fprintf(stderr,
            "usage: bench version | hs-tls13-ecdsa|hs-tls13-rsa|hs-tls12-ecdsa|hs-mt2 SECS |\n"
            "       hs-resume-tls13|hs-resume-tls12 SECS |\n"
            "       bulk-{aes128,aes256,chacha}-{16k,1k} SECS | mem N | mem-total N |\n"
            "       rss N | rss-idle N |\n"
            "       one-handshake tls13-ecdsa|tls13-rsa|tls12-ecdsa|resume-tls13|resume-tls12 [COUNT] |\n"
            "       transfer-1mib [MIB]\n");
    return 64;
}

int main(int argc, char **argv) {
    if (argc < 2) return usage();
    const char *mode = argv[1];
    const char *arg = argc > 2 ? argv[2] : NULL;
    double secs = arg ? atof(arg) : 1.0;
    double r;

    if (!strcmp(mode, "version")) {
        printf("%s\n", OpenSSL_version(OPENSSL_VERSION));
        return 0;
    }
    if (!strcmp(mode, "one-handshake")) {
        if (!arg) return usage();
        return one_handshake(arg, argc > 3 ? atoi(argv[3]) : 1);
    }
    if (!strcmp(mode, "transfer-1mib")) return transfer_mib(arg ? atoi(arg) : 1);

    if (!strcmp(mode, "hs-tls13-ecdsa")) r = bench_handshakes(K_TLS13_ECDSA, secs);
    else if (!strcmp(mode, "hs-tls13-rsa")) r = bench_handshakes(K_TLS13_RSA, secs);
    else if (!strcmp(mode, "hs-tls12-ecdsa")) r = bench_handshakes(K_TLS12_ECDSA, secs);
    else if (!strcmp(mode, "hs-resume-tls13")) r = bench_resumed(K_TLS13_ECDSA, secs);
    else if (!strcmp(mode, "hs-resume-tls12")) r = bench_resumed(K_TLS12_ECDSA, secs);
    else if (!strcmp(mode, "hs-mt2")) r = bench_mt(secs);
    else if (!strncmp(mode, "bulk-", 5) && suite_of(mode + 5)) {
        const char *sz = strrchr(mode, '-') + 1;
        int chunk = !strcmp(sz, "16k") ? 16384 : !strcmp(sz, "1k") ? 1024 : 0;
        if (!chunk) return usage();
        r = bench_bulk(suite_of(mode + 5), chunk, secs);
    } else if (!strcmp(mode, "mem") || !strcmp(mode, "mem-total")) {
        int n = arg ? atoi(arg) : 300;
        if (n < 1) return usage();
        r = bench_mem(n, !strcmp(mode, "mem-total"));
    } else if (!strcmp(mode, "rss") || !strcmp(mode, "rss-idle")) {
        int n = arg ? atoi(arg) : 300;
        if (n < 1) return usage();
        r = bench_rss(n, !strcmp(mode, "rss-idle"));
    } else
        return usage();
    printf("%.1f\n", r);
    return 0;
}
