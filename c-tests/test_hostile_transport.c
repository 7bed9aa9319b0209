/*
 * Hostile transports: a client SSL and a server SSL joined by an application-defined
 * BIO_METHOD (BIO_meth_new with read/write/ctrl/create/destroy) that misbehaves.
 *
 * 1. Transfer: in each transport mode (one byte per call; random splits; every other read and
 *    every other write of each side refused with -1 and the retry flags; every third one the
 *    same with errno EINTR; a 1500-byte buffer per direction that fills up, taking partial
 *    writes; all of them mixed, with a quarter of the calls refused; random choices from a
 *    seeded PRNG, so every run is the same), a TLS 1.3 and a TLS 1.2
 *    handshake, then 4 MiB each way at once, every byte checked, then a bidirectional
 *    shutdown. Once with SSL_MODE_ENABLE_PARTIAL_WRITE, once without it and with
 *    SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER (a write retried after WANT_WRITE passes another
 *    copy of the same bytes). The pump is non-blocking, driven by SSL_get_error, and bounded.
 *
 * 2. Cuts: the connection cut at every byte offset k of a full TLS 1.3 and TLS 1.2 handshake
 *    (k counts the bytes both sides write, in time order; a last cut past the end is the
 *    uncut handshake). Ed25519 server key (deterministic signatures: every run of a library
 *    has the same byte layout, but for OpenSSL's TLS 1.3 tickets, sometimes 16 bytes shorter).
 *    Three models of the cut:
 *    - "fail": the first k bytes are delivered; every later write (either side) returns -1
 *      without retry flags, errno EPIPE (a write straddling k first accepts the part before
 *      k, as send() does). Reads return what was delivered, then EOF (0, no retry, BIO_eof 1).
 *    - "vanish": the first k bytes are delivered; every later write reports success and its
 *      bytes are dropped. Reads return what was delivered, then retry, until neither side can
 *      progress (both wait for bytes that will never come): then the connection closes and
 *      reads return EOF (0, BIO_eof 1).
 *    - "reset": as "fail", but writes fail with ECONNRESET and reads, once what was delivered
 *      is read, return -1 without retry flags, errno ECONNRESET (BIO_eof 0).
 *    For each k, each side's final handshake result: return value, SSL_get_error, the first
 *    queued error (library:reason), errno for SSL_ERROR_SYSCALL.
 *
 * 3. The outcomes are compared per phase, since byte offsets differ between libraries: the
 *    phase of k is where byte k (the first byte cut) lies: the writing side and its flight
 *    number (C1 = the client's first flight), the record (a plaintext handshake record names
 *    the handshake message byte k belongs to, "ccs", "alert", or "enc" once a CCS went that
 *    way or for application-data records), and the part of the record (start, hdr, body; for
 *    a plaintext handshake message relative to the message, see phase_of). Each distinct
 *    outcome of a phase is one line of the report; the report must equal
 *    c-tests/certs/hostile-transport-expected.txt, written by the OpenSSL 3.0 build
 *    (`./build/openssl/test_hostile_transport --write-expected`), line for line (a readable
 *    diff otherwise). The same cuts with a client certificate (the server requires one), and
 *    through the mixed hostile transport instead of the plain one (whole writes and reads),
 *    at the first, middle and last offset of each phase only (OpenSSL's certificate
 *    processing made every offset take 20 s); they must give the expected report too.
 *    Byte layouts differ between the libraries (KNOWN_DIFFERENCES.md); outcomes must not.
 *
 * Also: a TLS 1.3 server whose tickets cannot be written to a client that closed (EPIPE and
 * ECONNRESET are ignored, as OpenSSL does; EIO is not), and a zero read without BIO_eof.
 *
 * SSLRS_TEST_TRANSFER=<bytes> (valgrind runs) shrinks the transfers to that many bytes and
 * cuts at a sample of the offsets, each of whose outcomes must be one the expected file lists
 * for its phase.
 */
#include "testutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIB (1024 * 1024)

static int reduced;           /* SSLRS_TEST_TRANSFER set */
static size_t transfer_total; /* bytes each way */
static int write_expected;

/* ---- deterministic PRNG (xorshift64*) --------------------------------- */

static unsigned long long rnd_next(unsigned long long *s)
{
    unsigned long long x = *s;

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* 1..n */
static size_t rnd_upto(unsigned long long *s, size_t n)
{
    return n <= 1 ? 1 : 1 + (size_t)((rnd_next(s) >> 16) % n);
}

/* ---- the transport ---------------------------------------------------- */

enum mode { M_PLAIN, M_ONEBYTE, M_RANDOM, M_REFUSE, M_EINTR, M_FULL, M_MIXED };
static const char *const mode_names[] = {"plain", "one-byte", "random-split", "refuse-every-other",
                                         "eintr",  "fill-up",  "mixed"};

enum cut { CUT_NONE, CUT_FAIL, CUT_VANISH, CUT_RESET };
static const char *const cut_names[] = {"none", "fail", "vanish", "reset"};

struct queue {
    unsigned char *buf;
    size_t start, len, size;
};

/* A write as the transport saw it (logged until the cut). */
struct wev {
    int side;
    size_t gstart; /* global offset of its first byte */
    size_t dstart; /* offset in its direction's stream */
    size_t len;    /* bytes passed to write */
    int flight;    /* the side's flight number, from 1 */
};

#define MAX_WEV 512
#define DLOG_MAX 65536

struct link {
    enum mode mode;
    unsigned long long rng;
    size_t cap;               /* bound of each queue (fill-up, mixed), 0 = none */
    struct queue q[2];        /* q[i]: written by side i, read by side 1 - i */
    unsigned long calls[2][2]; /* [side][0 read, 1 write] calls (refuse, eintr) */
    int eof[2];               /* side i reads EOF once q[1 - i] is empty */
    int wfail[2];             /* nonzero: side i's writes fail with this errno */
    int no_bio_eof;           /* BIO_eof says 0 even at EOF */
    unsigned long long moved; /* bytes read + written, to detect progress */
    /* cuts */
    enum cut cut;
    size_t cut_at;  /* global offset of the first byte cut */
    size_t written; /* global bytes accepted so far (delivered or vanished) */
    int cut_hit;
    /* write log, for the counting pass and the phase of a cut */
    int logging;
    struct wev ev[MAX_WEV];
    int nev;
    int flights[2];
    unsigned char dlog[2][DLOG_MAX];
    size_t dlen[2];
};

struct end {
    struct link *l;
    int side;
};

static int q_reserve(struct queue *q, size_t more)
{
    unsigned char *nb;
    size_t need = q->len + more, nsize;

    if (q->start > 0 && q->start + need > q->size) {
        memmove(q->buf, q->buf + q->start, q->len);
        q->start = 0;
    }
    if (q->start + need <= q->size)
        return 1;
    nsize = q->size ? q->size : 4096;
    while (nsize < need)
        nsize *= 2;
    if ((nb = realloc(q->buf, nsize)) == NULL)
        return 0;
    q->buf = nb;
    q->size = nsize;
    return 1;
}

static void log_write(struct link *l, int side, const char *data, size_t len)
{
    struct wev *e;
    size_t n;

    if (!l->logging)
        return;
    e = l->nev > 0 ? &l->ev[l->nev - 1] : NULL;
    if (e != NULL && e->side == side && e->gstart + e->len == l->written
        && e->dstart + e->len == l->dlen[side]) {
        e->len += len; /* the same flight, written in pieces */
    } else {
        if (l->nev >= MAX_WEV)
            return;
        if (e == NULL || e->side != side)
            l->flights[side]++;
        e = &l->ev[l->nev++];
        e->side = side;
        e->gstart = l->written;
        e->dstart = l->dlen[side];
        e->len = len;
        e->flight = l->flights[side];
    }
    n = len < DLOG_MAX - l->dlen[side] ? len : DLOG_MAX - l->dlen[side];
    memcpy(l->dlog[side] + l->dlen[side], data, n);
    l->dlen[side] += n;
}

/* Counts a read (dir 0) or write (dir 1) call of one side and says whether the mode refuses it
 * with a retry; errno is set for a refusal (EINTR in M_EINTR, EAGAIN otherwise). */
static int refuse_call(struct link *l, int side, int dir)
{
    unsigned long k = ++l->calls[side][dir];
    int refuse;

    switch (l->mode) {
    case M_REFUSE:
        refuse = k % 2 == 1;
        break;
    case M_EINTR:
        refuse = k % 3 == 0;
        break;
    case M_MIXED:
        refuse = (rnd_next(&l->rng) >> 40) % 4 == 0;
        break;
    default:
        refuse = 0;
        break;
    }
    if (refuse)
        errno = l->mode == M_EINTR ? EINTR : EAGAIN;
    return refuse;
}

static int t_write(BIO *b, const char *data, int dlen)
{
    struct end *e = BIO_get_data(b);
    struct link *l;
    struct queue *q;
    size_t len, n;

    BIO_clear_retry_flags(b);
    if (e == NULL || data == NULL || dlen <= 0)
        return dlen == 0 ? 0 : -1;
    l = e->l;
    q = &l->q[e->side];
    len = (size_t)dlen;
    if (refuse_call(l, e->side, 1)) {
        BIO_set_retry_write(b);
        return -1;
    }
    if (l->wfail[e->side] != 0) {
        errno = l->wfail[e->side];
        return -1;
    }
    if (l->cut != CUT_NONE && l->written >= l->cut_at) {
        if (!l->cut_hit)
            log_write(l, e->side, data, len);
        l->cut_hit = 1;
        if (l->cut != CUT_VANISH) {
            errno = l->cut == CUT_RESET ? ECONNRESET : EPIPE;
            return -1;
        }
        return dlen; /* vanished */
    }
    n = len;
    if (l->mode == M_ONEBYTE)
        n = 1;
    else if (l->mode == M_RANDOM || l->mode == M_MIXED)
        n = rnd_upto(&l->rng, len);
    if (l->cap > 0) {
        size_t space = q->len < l->cap ? l->cap - q->len : 0;
        if (space == 0) {
            errno = EAGAIN;
            BIO_set_retry_write(b);
            return -1;
        }
        if (n > space)
            n = space;
    }
    if (l->cut != CUT_NONE && l->written + n > l->cut_at) {
        n = l->cut_at - l->written; /* > 0: the part before the cut goes through */
        log_write(l, e->side, data, len);
        l->cut_hit = 1;
    } else {
        log_write(l, e->side, data, n);
    }
    if (!q_reserve(q, n))
        return -1;
    memcpy(q->buf + q->start + q->len, data, n);
    q->len += n;
    l->written += n;
    l->moved += n;
    return (int)n;
}

static int t_read(BIO *b, char *out, int olen)
{
    struct end *e = BIO_get_data(b);
    struct link *l;
    struct queue *q;
    size_t n;

    BIO_clear_retry_flags(b);
    if (e == NULL || out == NULL || olen <= 0)
        return 0;
    l = e->l;
    q = &l->q[1 - e->side];
    if (refuse_call(l, e->side, 0)) {
        BIO_set_retry_read(b);
        return -1;
    }
    if (q->len == 0) {
        if (l->eof[e->side] && l->cut == CUT_RESET) {
            errno = ECONNRESET;
            return -1;
        }
        if (l->eof[e->side])
            return 0;
        errno = EAGAIN;
        BIO_set_retry_read(b);
        return -1;
    }
    n = (size_t)olen < q->len ? (size_t)olen : q->len;
    if (l->mode == M_ONEBYTE)
        n = 1;
    else if (l->mode == M_RANDOM || l->mode == M_MIXED)
        n = rnd_upto(&l->rng, n);
    memcpy(out, q->buf + q->start, n);
    q->start += n;
    q->len -= n;
    if (q->len == 0)
        q->start = 0;
    l->moved += n;
    return (int)n;
}

static long t_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    struct end *e = BIO_get_data(b);

    (void)num;
    (void)ptr;
    switch (cmd) {
    case BIO_CTRL_FLUSH:
        return 1;
    case BIO_CTRL_EOF:
        return e != NULL && !e->l->no_bio_eof && e->l->cut != CUT_RESET && e->l->eof[e->side]
               && e->l->q[1 - e->side].len == 0;
    default:
        return 0;
    }
}

static int t_create(BIO *b)
{
    BIO_set_data(b, NULL);
    BIO_set_init(b, 1);
    return 1;
}

static int t_destroy(BIO *b)
{
    free(BIO_get_data(b));
    BIO_set_data(b, NULL);
    BIO_set_init(b, 0);
    return 1;
}

static BIO_METHOD *meth;

static int make_method(void)
{
    int type = BIO_get_new_index();

    return TEST_int_gt(type, 0)
           && TEST_ptr(meth = BIO_meth_new(type | BIO_TYPE_SOURCE_SINK, "hostile transport"))
           && TEST_int_eq(BIO_meth_set_write(meth, t_write), 1)
           && TEST_int_eq(BIO_meth_set_read(meth, t_read), 1)
           && TEST_int_eq(BIO_meth_set_ctrl(meth, t_ctrl), 1)
           && TEST_int_eq(BIO_meth_set_create(meth, t_create), 1)
           && TEST_int_eq(BIO_meth_set_destroy(meth, t_destroy), 1);
}

static BIO *end_bio(struct link *l, int side)
{
    BIO *b = BIO_new(meth);
    struct end *e = malloc(sizeof(*e));

    if (b == NULL || e == NULL) {
        BIO_free(b);
        free(e);
        return NULL;
    }
    e->l = l;
    e->side = side;
    BIO_set_data(b, e);
    return b;
}

static void link_free(struct link *l)
{
    if (l != NULL) {
        free(l->q[0].buf);
        free(l->q[1].buf);
        free(l);
    }
}

/* ---- a connection over the transport ---------------------------------- */

struct pair {
    SSL_CTX *sctx, *cctx;
    SSL *c, *s;
    struct link *l;
};

/* [0] TLS 1.3, [1] TLS 1.2, [2] and [3] the same with a client certificate */
static SSL_CTX *shared_sctx[4], *shared_cctx[4];

static int accept_any(int ok, X509_STORE_CTX *ctx)
{
    (void)ok;
    (void)ctx;
    return 1;
}

static const char *vname(int v)
{
    static const char *const n[] = {"tls1.3", "tls1.2", "tls1.3+cc", "tls1.2+cc"};
    return n[v & 3];
}

static int contexts(void)
{
    int v;

    /*
     * Ed25519: deterministic signatures of one length, so every run has the same byte layout.
     * The client certificate is the same one (the server accepts any certificate).
     */
    for (v = 0; v < 4; v++) {
        int ver = v & 1 ? TLS1_2_VERSION : TLS1_3_VERSION;

        if (!create_ssl_ctx_pair(ver, ver, "server-ed25519.pem", "server-ed25519.key",
                                 "ca-ec.pem", &shared_sctx[v], &shared_cctx[v]))
            return 0;
        if (v & 2) {
            SSL_CTX_set_verify(shared_sctx[v], SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                               accept_any);
            if (!TEST_int_eq(SSL_CTX_use_certificate_file(shared_cctx[v],
                                                          cert_path("server-ed25519.pem"),
                                                          SSL_FILETYPE_PEM),
                             1)
                || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(shared_cctx[v],
                                                            cert_path("server-ed25519.key"),
                                                            SSL_FILETYPE_PEM),
                                1))
                return 0;
        }
    }
    return 1;
}

static void pair_free(struct pair *p)
{
    SSL_free(p->c);
    SSL_free(p->s);
    link_free(p->l);
    memset(p, 0, sizeof(*p));
}

static int pair_new(struct pair *p, int v12, enum mode mode, unsigned long long seed)
{
    BIO *cb = NULL, *sb = NULL;

    memset(p, 0, sizeof(*p));
    if (!TEST_ptr(p->l = calloc(1, sizeof(*p->l))))
        return 0;
    p->l->mode = mode;
    p->l->rng = seed | 1;
    p->l->cap = mode == M_FULL ? 1500 : mode == M_MIXED ? 3000 : 0;
    if (!TEST_ptr(p->c = SSL_new(shared_cctx[v12])) || !TEST_ptr(p->s = SSL_new(shared_sctx[v12]))
        || !TEST_ptr(cb = end_bio(p->l, 0)) || !TEST_ptr(sb = end_bio(p->l, 1))) {
        BIO_free(cb);
        pair_free(p);
        return 0;
    }
    SSL_set_bio(p->c, cb, cb);
    SSL_set_bio(p->s, sb, sb);
    SSL_set_connect_state(p->c);
    SSL_set_accept_state(p->s);
    SSL_set_verify(p->c, SSL_VERIFY_PEER, NULL);
    return 1;
}

/* One side's handshake result. */
struct outcome {
    int ret, err, sys_errno, done, failed;
    unsigned long first; /* first queued error */
};

static void hs_step(SSL *ssl, struct outcome *o)
{
    int saved;

    if (o->done || o->failed)
        return;
    errno = 0;
    o->ret = SSL_do_handshake(ssl);
    saved = errno;
    if (o->ret == 1) {
        o->done = 1;
        o->err = SSL_ERROR_NONE;
        return;
    }
    o->err = SSL_get_error(ssl, o->ret);
    if (o->err != SSL_ERROR_WANT_READ && o->err != SSL_ERROR_WANT_WRITE) {
        o->failed = 1;
        o->sys_errno = o->err == SSL_ERROR_SYSCALL ? saved : 0;
        o->first = ERR_peek_error();
        ERR_clear_error();
    }
}

/*
 * Pumps both handshakes until each side is done or failed. When neither side can progress,
 * a cut connection closes (reads return EOF); anything else stuck is a failure.
 */
static int pump(struct pair *p, struct outcome *c, struct outcome *s)
{
    int i, idle = 0;

    memset(c, 0, sizeof(*c));
    memset(s, 0, sizeof(*s));
    for (i = 0; i < 200000; i++) {
        unsigned long long before = p->l->moved;

        hs_step(p->c, c);
        hs_step(p->s, s);
        if ((c->done || c->failed) && (s->done || s->failed))
            return 1;
        if (p->l->cut_hit && p->l->cut != CUT_VANISH)
            p->l->eof[0] = p->l->eof[1] = 1;
        if (p->l->moved != before) {
            idle = 0;
        } else if (++idle > 32) { /* mixed mode refuses a quarter of the calls at random */
            if (!p->l->cut_hit || (p->l->eof[0] && p->l->eof[1]))
                break;
            p->l->eof[0] = p->l->eof[1] = 1;
            idle = 0;
        }
    }
    tu_log("  handshake pump stuck (mode %s, cut %d at %zu): client ret %d err %d, server ret %d "
           "err %d",
           mode_names[p->l->mode], (int)p->l->cut, p->l->cut_at, c->ret, c->err, s->ret, s->err);
    return 0;
}

/* ---- 1. transfers ------------------------------------------------------ */

static unsigned char pattern_byte(size_t i, int dir)
{
    return (unsigned char)(i * 7 + (i >> 8) + (size_t)dir * 101 + (i >> 16) * 3);
}

struct flow {
    SSL *w, *r; /* writer, reader */
    unsigned char *src, *alt, *rbuf;
    size_t sent, got, pend; /* pend: length of the write to retry (0: none) */
    int retries, dir;
};

static int flow_init(struct flow *f, SSL *w, SSL *r, int dir)
{
    size_t i;

    memset(f, 0, sizeof(*f));
    f->w = w;
    f->r = r;
    f->dir = dir;
    if (!TEST_ptr(f->src = malloc(transfer_total)) || !TEST_ptr(f->alt = malloc(transfer_total))
        || !TEST_ptr(f->rbuf = malloc(65536)))
        return 0;
    for (i = 0; i < transfer_total; i++)
        f->src[i] = f->alt[i] = pattern_byte(i, dir);
    return 1;
}

static void flow_free(struct flow *f)
{
    free(f->src);
    free(f->alt);
    free(f->rbuf);
}

/* One SSL_write. Returns 0 on a failure. */
static int flow_write(struct flow *f, int partial, unsigned long long *rng)
{
    size_t n;
    const unsigned char *p;
    int r, e;

    if (f->sent >= transfer_total)
        return 1;
    if (f->pend > 0) {
        n = f->pend;
        /* without partial writes: another copy of the same bytes (moving buffer) */
        p = (!partial && (f->retries & 1) ? f->alt : f->src) + f->sent;
    } else {
        n = rnd_upto(rng, 40000);
        if (n > transfer_total - f->sent)
            n = transfer_total - f->sent;
        p = f->src + f->sent;
    }
    r = SSL_write(f->w, p, (int)n);
    if (r > 0) {
        if (!partial && !TEST_int_eq(r, n))
            return 0;
        if (!TEST_int_le(r, n))
            return 0;
        f->sent += (size_t)r;
        f->pend = 0;
        f->retries = 0;
        return 1;
    }
    e = SSL_get_error(f->w, r);
    if (e != SSL_ERROR_WANT_WRITE && e != SSL_ERROR_WANT_READ) {
        tu_log("  SSL_write(%zu) dir %d at %zu: ret %d, SSL_get_error %d, errno %d", n, f->dir,
               f->sent, r, e, errno);
        return 0;
    }
    f->pend = n;
    f->retries++;
    return 1;
}

/* SSL_read until it wants more. */
static int flow_read(struct flow *f)
{
    int k;

    for (k = 0; k < 64 && f->got < transfer_total; k++) {
        size_t want = transfer_total - f->got < 65536 ? transfer_total - f->got : 65536;
        int r = SSL_read(f->r, f->rbuf, (int)want), e;

        if (r > 0) {
            if (!TEST_int_le(r, want)
                || !TEST_mem_eq(f->rbuf, (size_t)r, f->src + f->got, (size_t)r)) {
                tu_log("  dir %d: bytes %zu..%zu differ", f->dir, f->got, f->got + (size_t)r);
                return 0;
            }
            f->got += (size_t)r;
            continue;
        }
        e = SSL_get_error(f->r, r);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
            return 1;
        tu_log("  SSL_read dir %d at %zu: ret %d, SSL_get_error %d, errno %d", f->dir, f->got, r,
               e, errno);
        return 0;
    }
    return 1;
}

static int shutdown_both(struct pair *p)
{
    int i, cd = 0, sd = 0;

    for (i = 0; i < 100000 && !(cd && sd); i++) {
        SSL *ssl[2] = {p->c, p->s};
        int *done[2] = {&cd, &sd}, k;

        for (k = 0; k < 2; k++) {
            int r, e;

            if (*done[k])
                continue;
            r = SSL_shutdown(ssl[k]);
            if (r == 1) {
                *done[k] = 1;
                continue;
            }
            if (r == 0)
                continue;
            e = SSL_get_error(ssl[k], r);
            if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                tu_log("  SSL_shutdown (%s): ret %d, SSL_get_error %d", k ? "server" : "client",
                       r, e);
                return 0;
            }
        }
    }
    return TEST_true(cd && sd)
           && TEST_int_eq(SSL_get_shutdown(p->c), SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN)
           && TEST_int_eq(SSL_get_shutdown(p->s), SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
}

static int transfer_case(enum mode mode, int v12, int partial)
{
    struct pair p;
    struct outcome c, s;
    struct flow f[2];
    unsigned long long rng = 0x9E3779B97F4A7C15ULL ^ ((unsigned long long)mode << 8)
                             ^ (unsigned)v12;
    long modes = partial ? SSL_MODE_ENABLE_PARTIAL_WRITE : SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER;
    int ret = 0, i, idle = 0;

    memset(f, 0, sizeof(f));
    if (!pair_new(&p, v12, mode, rng * 3))
        return 0;
    SSL_set_mode(p.c, modes);
    SSL_set_mode(p.s, modes);
    if (!pump(&p, &c, &s))
        goto end;
    if (!TEST_true(c.done) || !TEST_true(s.done)) {
        tu_log("  handshake (%s, %s): client ret %d err %d 0x%08lX, server ret %d err %d 0x%08lX",
               mode_names[mode], v12 ? "TLS 1.2" : "TLS 1.3", c.ret, c.err, c.first, s.ret, s.err,
               s.first);
        goto end;
    }
    if (!TEST_int_eq(SSL_version(p.c), v12 ? TLS1_2_VERSION : TLS1_3_VERSION)
        || !flow_init(&f[0], p.c, p.s, 0) || !flow_init(&f[1], p.s, p.c, 1))
        goto end;
    for (i = 0; f[0].got < transfer_total || f[1].got < transfer_total; i++) {
        unsigned long long before = p.l->moved;

        if (!TEST_int_lt(i, 20000000) || !flow_write(&f[0], partial, &rng)
            || !flow_write(&f[1], partial, &rng) || !flow_read(&f[0]) || !flow_read(&f[1]))
            goto end;
        if (p.l->moved != before)
            idle = 0;
        else if (!TEST_int_lt(++idle, 1000))
            goto end;
    }
    if (!TEST_int_eq(f[0].sent, transfer_total) || !TEST_int_eq(f[1].sent, transfer_total)
        || !shutdown_both(&p))
        goto end;
    ret = 1;
end:
    if (!ret)
        tu_log("  transfer failed: mode %s, %s, %s", mode_names[mode], v12 ? "TLS 1.2" : "TLS 1.3",
               partial ? "partial writes" : "moving write buffer");
    flow_free(&f[0]);
    flow_free(&f[1]);
    pair_free(&p);
    return ret;
}

static int transfer_mode(enum mode mode)
{
    int v12, partial, ok = 1;

    for (v12 = 0; v12 < 2; v12++)
        for (partial = 1; partial >= 0; partial--)
            ok &= transfer_case(mode, v12, partial);
    return ok;
}

static int test_one_byte(void) { return transfer_mode(M_ONEBYTE); }
static int test_random_split(void) { return transfer_mode(M_RANDOM); }
static int test_refuse_every_other(void) { return transfer_mode(M_REFUSE); }
static int test_eintr(void) { return transfer_mode(M_EINTR); }
static int test_fill_up(void) { return transfer_mode(M_FULL); }
static int test_mixed(void) { return transfer_mode(M_MIXED); }

/* ---- 2. cuts ------------------------------------------------------------ */

static const char *hs_name(int t)
{
    switch (t) {
    case 1: return "ClientHello";
    case 2: return "ServerHello";
    case 4: return "NewSessionTicket";
    case 8: return "EncryptedExtensions";
    case 11: return "Certificate";
    case 12: return "ServerKeyExchange";
    case 13: return "CertificateRequest";
    case 14: return "ServerHelloDone";
    case 15: return "CertificateVerify";
    case 16: return "ClientKeyExchange";
    case 20: return "Finished";
    default: return "hs?";
    }
}

/*
 * The phase of the global offset k in the log of a run: writer, flight, record, part.
 * "end" when nothing was cut.
 */
static void phase_of(const struct link *l, size_t k, char *out, size_t outlen)
{
    const struct wev *e = NULL;
    const unsigned char *d;
    size_t o, pos = 0, dl, left = 0, mstart = 0; /* left: bytes of the current message */
    const char *hspart = NULL;
    int i, enc = 0, cur = 0, hdr_have = 0;
    unsigned char mh[4];

    for (i = 0; i < l->nev; i++)
        if (l->ev[i].gstart <= k && k < l->ev[i].gstart + l->ev[i].len) {
            e = &l->ev[i];
            break;
        }
    if (e == NULL) {
        snprintf(out, outlen, "end");
        return;
    }
    d = l->dlog[e->side];
    dl = l->dlen[e->side];
    o = e->dstart + (k - e->gstart);
    while (pos + 5 <= dl) {
        size_t rlen = 5 + ((size_t)d[pos + 3] << 8 | d[pos + 4]), p;
        int type = d[pos], target = o < pos + rlen, label = -1;
        const char *rec;

        if (type == 22 && !enc) {
            /*
             * The handshake message of each body byte (messages may span records, and a
             * record may hold several). For a plaintext handshake message the part is relative
             * to the message, so that one record per message (OpenSSL) and several messages per
             * record (rustls) give the same phases: "start" is the first byte of its framing
             * (the record header if the message begins the record, else its own first byte),
             * "hdr" the rest of the record header and its 4-byte message header, "body" the rest.
             */
            for (p = pos + 5; p < pos + rlen && p < dl; p++) {
                if (left == 0) {
                    mh[hdr_have++] = d[p];
                    if (hdr_have == 1) {
                        cur = d[p];
                        mstart = p;
                    }
                    if (hdr_have == 4) {
                        left = (size_t)mh[1] << 16 | (size_t)mh[2] << 8 | mh[3];
                        hdr_have = 0;
                    }
                } else {
                    left--;
                }
                if (target && (p == o || (o < pos + 5 && p == pos + 5))) {
                    label = cur;
                    if (o < pos + 5)
                        hspart = o == pos && mstart == pos + 5 ? "start" : "hdr";
                    else
                        hspart = o == mstart && mstart != pos + 5 ? "start"
                                 : o < mstart + 4                 ? "hdr"
                                                                  : "body";
                }
            }
        }
        if (target) {
            const char *part = o == pos ? "start" : o < pos + 5 ? "hdr" : "body";

            if (enc || type == 23)
                rec = "enc";
            else if (type == 20)
                rec = "ccs";
            else if (type == 21)
                rec = "alert";
            else if (type == 22) {
                rec = hs_name(label);
                if (hspart != NULL)
                    part = hspart;
            } else
                rec = "rec?";
            snprintf(out, outlen, "%c%d %s %s", e->side ? 'S' : 'C', e->flight, rec, part);
            return;
        }
        if (type == 20)
            enc = 1;
        pos += rlen;
    }
    snprintf(out, outlen, "%c%d ?", e->side ? 'S' : 'C', e->flight);
}

static const char *err_name(int e)
{
    switch (e) {
    case SSL_ERROR_NONE: return "NONE";
    case SSL_ERROR_SSL: return "SSL";
    case SSL_ERROR_WANT_READ: return "WANT_READ";
    case SSL_ERROR_WANT_WRITE: return "WANT_WRITE";
    case SSL_ERROR_SYSCALL: return "SYSCALL";
    case SSL_ERROR_ZERO_RETURN: return "ZERO_RETURN";
    default: return "?";
    }
}

static void outcome_text(const struct outcome *o, char *out, size_t outlen)
{
    char q[48] = "", en[32] = "";

    if (o->done) {
        snprintf(out, outlen, "ok");
        return;
    }
    if (o->first != 0)
        snprintf(q, sizeof(q), " %d:%d", ERR_GET_LIB(o->first), ERR_GET_REASON(o->first));
    else
        snprintf(q, sizeof(q), " -");
    if (o->err == SSL_ERROR_SYSCALL)
        snprintf(en, sizeof(en), " errno=%s",
                 o->sys_errno == EPIPE        ? "EPIPE"
                 : o->sys_errno == ECONNRESET ? "ECONNRESET"
                 : o->sys_errno == 0          ? "0"
                                              : "other");
    snprintf(out, outlen, "%d %s%s%s", o->ret, err_name(o->err), q, en);
}

/* Collected lines: "phase: client=... server=..." with the set of outcomes per phase. */
#define MAX_PHASES 128
#define MAX_OUTS 4
struct phase {
    char name[64];
    char outs[MAX_OUTS][128];
    int nouts;
};

struct report {
    struct phase ph[MAX_PHASES];
    int n;
    int overflow;
};

static void report_add(struct report *r, const char *phase, const char *out)
{
    struct phase *p = NULL;
    int i;

    for (i = 0; i < r->n; i++)
        if (strcmp(r->ph[i].name, phase) == 0)
            p = &r->ph[i];
    if (p == NULL) {
        if (r->n >= MAX_PHASES) {
            r->overflow = 1;
            return;
        }
        p = &r->ph[r->n++];
        snprintf(p->name, sizeof(p->name), "%s", phase);
    }
    for (i = 0; i < p->nouts; i++)
        if (strcmp(p->outs[i], out) == 0)
            return;
    if (p->nouts >= MAX_OUTS) {
        r->overflow = 1;
        return;
    }
    snprintf(p->outs[p->nouts++], sizeof(p->outs[0]), "%s", out);
}

static int cmp_str(const void *a, const void *b) { return strcmp(a, b); }

static struct report reports[2][4][3]; /* [plain 0, mixed 1][context][cut - 1] */
static size_t hs_total[4];
static int cuts_run;

/* One handshake over a plain transport, counting bytes: the cut range. */
/*
 * Offsets to cut at when not all are: the first, middle and last offset of each phase of the
 * counted handshake (its byte layout is the same in every run: see contexts()). 2 marks a
 * phase's first offset.
 */
#define MAX_HS 8192
#define NEVER ((size_t)1 << 40) /* a cut offset no handshake reaches */
static unsigned char sample[MAX_HS + 2];

static int count_handshake(int v12)
{
    struct pair p;
    struct outcome c, s;
    int ret = 0, i;
    size_t k, first = 0;
    char prev[64] = "", ph[64];

    if (!pair_new(&p, v12, M_PLAIN, 1))
        return 0;
    p.l->logging = 1;
    if (!pump(&p, &c, &s) || !TEST_true(c.done) || !TEST_true(s.done))
        goto end;
    hs_total[v12] = p.l->written;
    tu_log("  %s handshake: %zu bytes (client %zu, server %zu) in %d writes", vname(v12),
           p.l->written, p.l->dlen[0], p.l->dlen[1], p.l->nev);
    if (!TEST_int_le(p.l->written, MAX_HS))
        goto end;
    memset(sample, 0, sizeof(sample));
    for (k = 0; k <= p.l->written + 1; k++) {
        if (k <= p.l->written)
            phase_of(p.l, k, ph, sizeof(ph));
        if (k > p.l->written || strcmp(ph, prev) != 0) {
            if (k > 0) {
                sample[k - 1] |= 1;                       /* last of the previous phase */
                sample[first + (k - 1 - first) / 2] |= 1; /* its middle */
            }
            if (k <= p.l->written)
                sample[k] = 2;
            first = k;
            snprintf(prev, sizeof(prev), "%s", ph);
        }
    }
    sample[p.l->written + 1] = 2;
    for (i = 0; i < p.l->nev; i++) {
        phase_of(p.l, p.l->ev[i].gstart, ph, sizeof(ph));
        tu_log("    write %2d: %s %5zu bytes at %5zu  %s", i, p.l->ev[i].side ? "S" : "C",
               p.l->ev[i].len, p.l->ev[i].gstart, ph);
    }
    ret = 1;
end:
    pair_free(&p);
    return ret;
}

static int cut_once(int v12, enum mode mode, enum cut cut, size_t k, char *phase, size_t phlen,
                    char *out, size_t outlen)
{
    struct pair p;
    struct outcome c, s;
    char co[128], so[128];
    int ret = 0;

    if (!pair_new(&p, v12, mode, 0x5DEECE66DULL + k * 2 + (size_t)cut))
        return 0;
    p.l->logging = 1;
    p.l->cut = cut;
    p.l->cut_at = k;
    if (!pump(&p, &c, &s))
        goto end;
    phase_of(p.l, k, phase, phlen);
    outcome_text(&c, co, sizeof(co));
    outcome_text(&s, so, sizeof(so));
    snprintf(out, outlen, "client=%s server=%s", co, so);
    cuts_run++;
    ret = 1;
end:
    if (!ret)
        tu_log("  cut %s at %zu (%s, %s transport) failed", cut_names[cut], k, vname(v12),
               mode_names[mode]);
    ERR_clear_error();
    pair_free(&p);
    return ret;
}

/*
 * Cuts at every offset (plain transport, no client certificate) or at the first, middle and
 * last offset of each phase (the others; under SSLRS_TEST_TRANSFER every 29th offset, or
 * the first offset of each phase).
 */
static int cut_all(int v12, enum mode mode)
{
    int cut, ok = 1, sampled = v12 >= 2 || mode == M_MIXED;
    size_t i, k, stride = reduced && !sampled ? 29 : 1;

    if (!count_handshake(v12))
        return 0;
    for (cut = CUT_FAIL; cut <= CUT_RESET; cut++) {
        struct report *r = &reports[mode == M_MIXED][v12][cut - 1];

        for (i = 0; i <= hs_total[v12] + stride; i += stride) {
            char phase[64], out[300];

            /*
             * The last cut is past any handshake: OpenSSL's TLS 1.3 tickets are sometimes 16
             * bytes shorter (a padding block), so the counted total is not always the end.
             */
            k = i <= hs_total[v12] ? i : NEVER;
            if (sampled && k != NEVER && (reduced ? sample[k] < 2 : sample[k] == 0))
                continue;
            if (!cut_once(v12, mode, (enum cut)cut, k, phase, sizeof(phase), out, sizeof(out))) {
                ok = 0;
                continue;
            }
            report_add(r, phase, out);
        }
        if (!TEST_false(r->overflow))
            ok = 0;
    }
    return ok;
}

static int test_cuts_tls13(void) { return cut_all(0, M_PLAIN); }
static int test_cuts_tls12(void) { return cut_all(1, M_PLAIN); }
/* the same cuts through the mixed hostile transport: the same outcomes per phase */
/* with a client certificate (plain transport only) */
static int test_cuts_client_cert_tls13(void) { return cut_all(2, M_PLAIN); }
static int test_cuts_client_cert_tls12(void) { return cut_all(3, M_PLAIN); }
static int test_cuts_mixed_tls13(void) { return cut_all(0, M_MIXED); }
static int test_cuts_mixed_tls12(void) { return cut_all(1, M_MIXED); }

/*
 * A TLS 1.3 client finishes, sends data and closes before the server's NewSessionTickets:
 * the server's ticket write fails with `err`. OpenSSL ignores EPIPE and ECONNRESET there (the
 * handshake succeeds and the data can be read, then the EOF), not other errors.
 */
static int tickets_case(int err)
{
    struct pair p;
    struct outcome c, s;
    char buf[16];
    int ret = 0, i, r, saved;

    memset(&c, 0, sizeof(c));
    memset(&s, 0, sizeof(s));
    if (!pair_new(&p, 0, M_PLAIN, 1))
        return 0;
    for (i = 0; i < 100 && !c.done && !c.failed && !s.failed; i++) {
        hs_step(p.c, &c);
        if (!c.done)
            hs_step(p.s, &s);
    }
    if (!TEST_true(c.done) || !TEST_false(s.done || s.failed)
        || !TEST_int_eq(SSL_write(p.c, "hello", 5), 5))
        goto end;
    p.l->wfail[1] = err;
    p.l->eof[1] = 1;
    errno = 0;
    r = SSL_do_handshake(p.s);
    saved = errno;
    if (err == EPIPE || err == ECONNRESET) {
        if (!TEST_int_eq(r, 1) || !TEST_int_eq(SSL_read(p.s, buf, sizeof(buf)), 5)
            || !TEST_mem_eq(buf, 5, "hello", 5))
            goto end;
        r = SSL_read(p.s, buf, sizeof(buf));
        if (!TEST_int_le(r, 0) || !TEST_int_eq(SSL_get_error(p.s, r), SSL_ERROR_SSL)
            || !TEST_int_eq(ERR_GET_REASON(ERR_peek_error()), SSL_R_UNEXPECTED_EOF_WHILE_READING))
            goto end;
    } else if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(p.s, r), SSL_ERROR_SYSCALL)
               || !TEST_int_eq(saved, err) || !TEST_ulong_eq(ERR_peek_error(), 0)) {
        goto end;
    }
    ret = 1;
end:
    ERR_clear_error();
    pair_free(&p);
    return ret;
}

static int test_tickets_to_closed_client(void)
{
    return tickets_case(EPIPE) && tickets_case(ECONNRESET) && tickets_case(EIO);
}

/*
 * A read returning 0 without retry while BIO_eof says 0: not an EOF for OpenSSL, but
 * SSL_ERROR_SYSCALL with nothing queued (both sides, mid-handshake).
 */
static int test_zero_read_without_bio_eof(void)
{
    struct pair p;
    struct outcome c, s;
    int ret = 0, v12;

    for (v12 = 0; v12 < 2; v12++) {
        if (!pair_new(&p, v12, M_PLAIN, 1))
            return 0;
        p.l->cut = CUT_VANISH;
        p.l->cut_at = 150; /* inside the ClientHello */
        p.l->no_bio_eof = 1;
        if (!pump(&p, &c, &s) || !TEST_int_eq(c.ret, -1) || !TEST_int_eq(s.ret, -1)
            || !TEST_int_eq(c.err, SSL_ERROR_SYSCALL) || !TEST_int_eq(s.err, SSL_ERROR_SYSCALL)
            || !TEST_ulong_eq(c.first, 0) || !TEST_ulong_eq(s.first, 0)) {
            pair_free(&p);
            goto end;
        }
        pair_free(&p);
    }
    ret = 1;
end:
    return ret;
}

/*
 * An SSL_write stuck on a full transport (WANT_WRITE) does not keep SSL_read from returning
 * what the peer sent; then the write completes once the peer reads.
 */
static int test_read_while_write_pending(void)
{
    struct pair p;
    struct outcome c, s;
    unsigned char *big = NULL, *got = NULL, buf[16];
    size_t n = 100000, have = 0;
    int ret = 0, r, v12, i, done;

    for (v12 = 0; v12 < 2; v12++) {
        if (!pair_new(&p, v12, M_FULL, 7))
            return 0;
        if (!pump(&p, &c, &s) || !TEST_true(c.done && s.done) || !TEST_ptr(big = malloc(n))
            || !TEST_ptr(got = malloc(n)))
            goto end;
        memset(big, 'x', n);
        have = 0;
        if (!TEST_int_eq(SSL_write(p.s, "ping", 4), 4))
            goto end;
        r = SSL_write(p.c, big, (int)n);
        if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(p.c, r), SSL_ERROR_WANT_WRITE))
            goto end;
        r = SSL_read(p.c, buf, sizeof(buf));
        if (!TEST_int_eq(r, 4) || !TEST_mem_eq(buf, 4, "ping", 4))
            goto end;
        for (i = 0, done = 0; i < 100000 && (!done || have < n); i++) {
            if (!done) {
                r = SSL_write(p.c, big, (int)n);
                if (r == (int)n)
                    done = 1;
                else if (!TEST_int_eq(SSL_get_error(p.c, r), SSL_ERROR_WANT_WRITE))
                    goto end;
            }
            if (have == n)
                continue;
            r = SSL_read(p.s, got + have, (int)(n - have));
            if (r > 0)
                have += (size_t)r;
            else if (!TEST_int_eq(SSL_get_error(p.s, r), SSL_ERROR_WANT_READ))
                goto end;
        }
        if (!TEST_true(done) || !TEST_mem_eq(got, have, big, n))
            goto end;
        free(big);
        free(got);
        big = got = NULL;
        pair_free(&p);
    }
    return 1;
end:
    free(big);
    free(got);
    pair_free(&p);
    return ret;
}

/* The report text; lines sorted within a phase. Caller frees. */
static char *report_text(int mixed, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *t = malloc(cap);
    int v, c, i, j;

    if (t == NULL)
        return NULL;
    n += (size_t)snprintf(t + n, cap - n,
                          "# hostile transport cuts: the outcomes of each phase (see "
                          "c-tests/test_hostile_transport.c)\n");
    for (v = 0; v < 4; v++)
        for (c = 0; c < 3; c++) {
            struct report *r = &reports[mixed][v][c];

            for (i = 0; i < r->n; i++) {
                struct phase *p = &r->ph[i];

                qsort(p->outs, (size_t)p->nouts, sizeof(p->outs[0]), cmp_str);
                for (j = 0; j < p->nouts; j++)
                    n += (size_t)snprintf(t + n, cap - n, "%-9s %-6s %-30s %s\n", vname(v),
                                          cut_names[c + 1], p->name, p->outs[j]);
                if (n >= cap - 512) {
                    free(t);
                    return NULL;
                }
            }
        }
    *len = n;
    return t;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0
        && (b = malloc((size_t)n + 1)) != NULL) {
        *len = fread(b, 1, (size_t)n, f);
        b[*len] = '\0';
    }
    fclose(f);
    return b;
}

/* 1 if `line` (without newline) is a line of `text`. */
static int has_line(const char *text, const char *line, size_t len)
{
    const char *p = text;

    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t l = nl != NULL ? (size_t)(nl - p) : strlen(p);

        if (l == len && memcmp(p, line, len) == 0)
            return 1;
        p += l + (nl != NULL);
    }
    return 0;
}

/*
 * Every line of `a` that is not in `b`, prefixed. Returns how many. `plain_only`: lines of
 * the client-certificate contexts ("tls1.x+cc") are skipped.
 */
static int lines_missing(const char *a, const char *b, const char *prefix, int plain_only)
{
    const char *p = a;
    int n = 0;

    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t l = nl != NULL ? (size_t)(nl - p) : strlen(p);
        const char *sp = memchr(p, ' ', l);

        if (plain_only && sp != NULL && memchr(p, '+', (size_t)(sp - p)) != NULL) {
            /* skipped */
        } else if (!has_line(b, p, l)) {
            tu_log("%s%.*s", prefix, (int)l, p);
            n++;
        }
        p += l + (nl != NULL);
    }
    return n;
}

static int cut_report(int mixed)
{
    const char *path = cert_path("hostile-transport-expected.txt");
    size_t glen = 0, wlen = 0;
    char *got = report_text(mixed, &glen), *want = NULL;
    int ret = 0, extra, missing;

    if (!TEST_ptr(got))
        goto end;
    if (write_expected && !mixed) {
        FILE *f = fopen(path, "wb");

        ret = TEST_ptr(f) && TEST_int_eq(fwrite(got, 1, glen, f), glen);
        if (f != NULL)
            fclose(f);
        goto end;
    }
    if (!TEST_ptr(want = read_file(path, &wlen)))
        goto end;
    /* each outcome seen must be expected for its phase; all of them, unless sampling */
    extra = lines_missing(got, want, "  unexpected (not in the expected file): ", 0);
    /* the mixed transport runs the contexts without a client certificate only */
    missing = reduced ? 0 : lines_missing(want, got, "  expected, not seen:                  ", mixed);
    if (extra != 0 || missing != 0) {
        tu_log("  cut outcomes (%s transport) differ from %s: %d unexpected, %d not seen",
               mode_names[mixed ? M_MIXED : M_PLAIN], path, extra, missing);
        goto end;
    }
    ret = 1;
end:
    free(got);
    free(want);
    return ret;
}

static int test_cut_report(void) { return cut_report(0); }
static int test_cut_report_mixed(void) { return cut_report(1); }

int main(int argc, char **argv)
{
    const char *e = getenv("SSLRS_TEST_TRANSFER");
    long v = e != NULL ? atol(e) : 0;
    int i;

    write_expected = argc > 1 && strcmp(argv[1], "--write-expected") == 0;
    reduced = v > 0 && !write_expected;
    transfer_total = reduced && (size_t)v < 4 * MIB ? (size_t)v : 4 * MIB;
    if (!make_method() || !contexts()) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    if (!write_expected) {
        RUN_TEST(test_one_byte);
        RUN_TEST(test_random_split);
        RUN_TEST(test_refuse_every_other);
        RUN_TEST(test_eintr);
        RUN_TEST(test_fill_up);
        RUN_TEST(test_mixed);
    }
    if (!write_expected) {
        RUN_TEST(test_read_while_write_pending);
        RUN_TEST(test_tickets_to_closed_client);
        RUN_TEST(test_zero_read_without_bio_eof);
    }
    RUN_TEST(test_cuts_tls13);
    RUN_TEST(test_cuts_tls12);
    RUN_TEST(test_cuts_client_cert_tls13);
    RUN_TEST(test_cuts_client_cert_tls12);
    RUN_TEST(test_cut_report);
    RUN_TEST(test_cuts_mixed_tls13);
    RUN_TEST(test_cuts_mixed_tls12);
    RUN_TEST(test_cut_report_mixed);
    tu_log("cut offsets run: %d (handshake bytes: TLS 1.3 %zu, TLS 1.2 %zu; with a client "
           "certificate %zu, %zu)",
           cuts_run, hs_total[0], hs_total[1], hs_total[2], hs_total[3]);
    for (i = 0; i < 4; i++) {
        SSL_CTX_free(shared_sctx[i]);
        SSL_CTX_free(shared_cctx[i]);
    }
    BIO_meth_free(meth);
    return tu_finish();
}
