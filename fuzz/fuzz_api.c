/*
 * Target 6: a client/server SSL pair driven through a sequence of API calls chosen by the
 * input, over a transport that misbehaves as the input says.
 *
 * Input: one configuration byte, then operations (one opcode byte, then its argument bytes).
 * The opcode's top bit picks the side (0 client, 1 server); the rest picks the call.
 *
 * Transport. Each side's SSL talks to either a pair of memory BIOs or one half of a BIO pair
 * with a small, odd buffer size; the harness carries bytes between the two sides through a
 * staging queue per direction, and the input decides when bytes are pulled, delivered (whole or
 * partly), dropped, duplicated, corrupted or truncated. A "direct" mode connects the two SSLs
 * by one BIO pair instead (no staging). BIO swaps give a side a fresh transport mid-connection.
 *
 * Invariants (FZ_FAIL aborts): return values in OpenSSL's documented sets; SSL_get_error
 * consistent with the return value and with SSL_want(); ZERO_RETURN only after a received
 * close_notify; what a side reads is exactly the next bytes of what its peer wrote (each side
 * writes a fixed byte pattern, so the check needs no copy): TLS integrity means this holds even
 * on a corrupting transport. Data a write has not yet reported is allowed while that write is
 * pending (it must then be retried with the same arguments, as OpenSSL requires).
 */
#include "fuzz.h"

#define QCAP 65536
#define WMAX 20000

static SSL_CTX *sctx, *cctx;

struct side {
    SSL *ssl;
    BIO *in, *out;    /* harness ends: where the harness writes / reads this side's bytes */
    BIO *net;         /* harness-owned half of a BIO pair (in == out == net), or NULL */
    size_t nsent;     /* bytes of this side's pattern committed by successful writes */
    size_t recvpos;   /* bytes of the peer's pattern read so far */
    int pending;      /* a write returned a retry: next write repeats it */
    int dead;         /* a call failed with SSL_ERROR_SSL or SSL_ERROR_SYSCALL */
    size_t pwlen;
};

struct wire {
    unsigned char q[QCAP];
    size_t len;
};

static struct side sides[2];
static struct wire wires[2]; /* wires[d]: bytes from side d on their way to side !d */
static int direct, unchecked, trace;
static unsigned char wbuf[WMAX], rbuf[WMAX];

static unsigned char pattern(int d, size_t i)
{
    return (unsigned char)(i * 31u + (size_t)d * 17u + (i >> 8) + (i >> 16));
}

static void fill(int d, size_t start, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        wbuf[i] = pattern(d, start + i);
}

static void setup(void)
{
    if (sctx != NULL)
        return;
    sctx = fz_server_ctx("server-ec.pem", "server-ec.key");
    cctx = fz_client_ctx();
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
}

/* Gives side d a new transport: kind 0 memory BIOs, 1 BIO pair half of `size` bytes. */
static void new_transport(int d, int kind, size_t size)
{
    struct side *s = &sides[d];
    BIO *oldnet = s->net;
    if (kind == 0) {
        BIO *rb = BIO_new(BIO_s_mem()), *wb = BIO_new(BIO_s_mem());
        FZ_CHECK(rb != NULL && wb != NULL);
        BIO_set_mem_eof_return(rb, -1);
        SSL_set_bio(s->ssl, rb, wb);
        s->in = rb;
        s->out = wb;
        s->net = NULL;
    } else {
        BIO *inner = NULL, *net = NULL;
        FZ_CHECK(BIO_new_bio_pair(&inner, size, &net, size) == 1);
        SSL_set_bio(s->ssl, inner, inner);
        s->in = s->out = s->net = net;
    }
    if (oldnet != NULL)
        BIO_free(oldnet);
}

static void set_direct(size_t size)
{
    BIO *a = NULL, *b = NULL;
    int d;
    FZ_CHECK(BIO_new_bio_pair(&a, size, &b, size) == 1);
    SSL_set_bio(sides[0].ssl, a, a);
    SSL_set_bio(sides[1].ssl, b, b);
    for (d = 0; d < 2; d++) {
        if (sides[d].net != NULL)
            BIO_free(sides[d].net);
        sides[d].in = sides[d].out = sides[d].net = NULL;
    }
    direct = 1;
}

static void pull(int d)
{
    struct wire *w = &wires[d];
    int r;
    if (direct || sides[d].out == NULL)
        return;
    while (w->len < QCAP && (r = BIO_read(sides[d].out, w->q + w->len, (int)(QCAP - w->len))) > 0)
        w->len += (size_t)r;
}

static void consume(struct wire *w, size_t n)
{
    if (n > w->len)
        n = w->len;
    memmove(w->q, w->q + n, w->len - n);
    w->len -= n;
}

static void deliver(int d, size_t n)
{
    struct wire *w = &wires[d];
    BIO *in = sides[!d].in;
    int r;
    if (direct || in == NULL)
        return;
    if (n > w->len)
        n = w->len;
    if (n == 0)
        return;
    r = BIO_write(in, w->q, (int)n);
    FZ_CHECK(r <= (int)n);
    if (r > 0)
        consume(w, (size_t)r);
}

static void pump_all(void)
{
    int d;
    for (d = 0; d < 2; d++) {
        pull(d);
        deliver(d, wires[d].len);
    }
}

/* SSL_get_error plus its consistency with SSL_want and the shutdown state. */
static int check_error(SSL *s, int ret, const char *what)
{
    int e = fz_get_error(s, ret, what);
    if (trace)
        fprintf(stderr, "  %s on %s -> %d, SSL_get_error %d\n", what, SSL_is_server(s) ? "server" : "client", ret, e);
    /* OpenSSL derives WANT_READ/WANT_WRITE from SSL_want() plus the BIO's retry flags */
    if ((e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) && !SSL_want_read(s)
        && !SSL_want_write(s))
        FZ_FAIL("%s: SSL_get_error %d but SSL_want is %d", what, e, SSL_want(s));
    if (e == SSL_ERROR_SSL || e == SSL_ERROR_SYSCALL)
        sides[SSL_is_server(s)].dead = 1;
    if (e == SSL_ERROR_ZERO_RETURN && !(SSL_get_shutdown(s) & SSL_RECEIVED_SHUTDOWN))
        FZ_FAIL("%s: SSL_ERROR_ZERO_RETURN without a received close_notify", what);
    return e;
}

/* Side d read n bytes into rbuf (peek: without consuming them). */
static void check_read(int d, size_t n, int peek)
{
    struct side *s = &sides[d], *p = &sides[!d];
    size_t limit = p->nsent + (p->pending ? p->pwlen : 0), i;
    if (unchecked)
        return;
    if (s->recvpos + n > limit)
        FZ_FAIL("side %d read %zu bytes at %zu but its peer wrote only %zu (+%zu pending)", d, n,
                s->recvpos, p->nsent, p->pending ? p->pwlen : 0);
    for (i = 0; i < n; i++)
        if (rbuf[i] != pattern(!d, s->recvpos + i))
            FZ_FAIL("side %d read a wrong byte at stream offset %zu", d, s->recvpos + i);
    if (!peek)
        s->recvpos += n;
}

static void do_write(int d, unsigned kind, size_t len)
{
    struct side *s = &sides[d];
    int r, e;
    if (s->pending)
        len = s->pwlen;
    if (len > WMAX)
        len = WMAX;
    fill(d, s->nsent, len);
    if ((kind & 1) && len > 0) {
        size_t written = 0;
        r = SSL_write_ex(s->ssl, wbuf, len, &written);
        FZ_CHECK(r == 0 || r == 1);
        e = check_error(s->ssl, r, "SSL_write_ex");
        if (r == 1) {
            FZ_CHECK(written > 0 && written <= len);
            if (written < len)
                FZ_CHECK(SSL_get_mode(s->ssl) & SSL_MODE_ENABLE_PARTIAL_WRITE);
            s->nsent += written;
            s->pending = 0;
            return;
        }
        FZ_CHECK(written == 0);
    } else {
        r = SSL_write(s->ssl, wbuf, (int)len);
        FZ_CHECK(r <= (int)len);
        e = check_error(s->ssl, r, "SSL_write");
        if (r > 0) {
            if ((size_t)r < len)
                FZ_CHECK(SSL_get_mode(s->ssl) & SSL_MODE_ENABLE_PARTIAL_WRITE);
            s->nsent += (size_t)r;
            s->pending = 0;
            return;
        }
        if (len == 0)
            return;
    }
    /* a retry (or a fatal error, after which we keep treating the bytes as possibly sent) */
    if (len > 0 && (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_SSL
                    || e == SSL_ERROR_SYSCALL)) {
        if (!s->pending) {
            s->pending = 1;
            s->pwlen = len;
        }
    }
}

static void do_read(int d, unsigned kind, size_t len)
{
    struct side *s = &sides[d];
    int r, peek = (kind & 2) != 0;
    if (len == 0)
        len = 1;
    if (len > WMAX)
        len = WMAX;
    if (kind & 1) {
        size_t got = 0;
        r = peek ? SSL_peek_ex(s->ssl, rbuf, len, &got) : SSL_read_ex(s->ssl, rbuf, len, &got);
        FZ_CHECK(r == 0 || r == 1);
        check_error(s->ssl, r, peek ? "SSL_peek_ex" : "SSL_read_ex");
        if (r == 1) {
            FZ_CHECK(got > 0 && got <= len);
            check_read(d, got, peek);
        } else {
            FZ_CHECK(got == 0);
        }
    } else {
        r = peek ? SSL_peek(s->ssl, rbuf, (int)len) : SSL_read(s->ssl, rbuf, (int)len);
        FZ_CHECK(r <= (int)len);
        check_error(s->ssl, r, peek ? "SSL_peek" : "SSL_read");
        if (r > 0)
            check_read(d, (size_t)r, peek);
    }
    FZ_CHECK(SSL_pending(s->ssl) >= 0);
}

/* The bytes SSL_pending announces are readable without any I/O. */
static void do_pending(int d)
{
    struct side *s = &sides[d];
    int p = SSL_pending(s->ssl), r;
    FZ_CHECK(p >= 0);
    /* not after a failure or a close_notify: OpenSSL's SSL_read then returns at once */
    if (p > 0 && !s->dead && !(SSL_get_shutdown(s->ssl) & SSL_RECEIVED_SHUTDOWN)) {
        FZ_CHECK(SSL_has_pending(s->ssl) == 1);
        if (p > WMAX)
            p = WMAX;
        r = SSL_read(s->ssl, rbuf, p);
        if (r != p)
            FZ_FAIL("SSL_pending said %d but SSL_read returned %d", p, r);
        check_read(d, (size_t)r, 0);
    }
}

static void run_op(struct fz_in *in)
{
    unsigned op = fz_u8(in);
    int d = op >> 7;
    struct side *s = &sides[d];
    int r;
    if (trace)
        fprintf(stderr, "op %u side %d (%zu input bytes left)\n", (op & 0x7f) % 22, d, in->n);
    switch ((op & 0x7f) % 22) {
    case 0: /* handshake step */
    case 1:
        r = SSL_do_handshake(s->ssl);
        FZ_CHECK(r >= -1 && r <= 1);
        check_error(s->ssl, r, "SSL_do_handshake");
        if (r == 1) {
            FZ_CHECK(SSL_is_init_finished(s->ssl));
            FZ_CHECK(SSL_get_current_cipher(s->ssl) != NULL);
        }
        break;
    case 2: /* write */
    case 3: {
        unsigned k = fz_u8(in);
        do_write(d, k, fz_u16(in) % (WMAX + 1));
        break;
    }
    case 4: /* read / peek */
    case 5: {
        unsigned k = fz_u8(in);
        do_read(d, k, fz_u16(in) % (WMAX + 1));
        break;
    }
    case 6:
        r = SSL_shutdown(s->ssl);
        FZ_CHECK(r >= -1 && r <= 1);
        if (r < 0)
            check_error(s->ssl, r, "SSL_shutdown");
        break;
    case 7: /* clean transfer both ways */
    case 8:
        pump_all();
        break;
    case 9: /* pull then deliver part */
        pull(d);
        deliver(d, fz_u16(in));
        break;
    case 10: { /* drop */
        size_t n = fz_u16(in);
        pull(d);
        consume(&wires[d], n);
        break;
    }
    case 11: { /* duplicate the first n bytes */
        struct wire *w = &wires[d];
        size_t n = fz_u8(in);
        pull(d);
        if (n > w->len)
            n = w->len;
        if (w->len + n <= QCAP) {
            memmove(w->q + n, w->q, w->len);
            w->len += n;
        }
        break;
    }
    case 12: { /* corrupt one byte */
        struct wire *w = &wires[d];
        size_t at = fz_u16(in);
        unsigned x = fz_u8(in) | 1;
        pull(d);
        if (w->len > 0)
            w->q[at % w->len] ^= (unsigned char)x;
        break;
    }
    case 13: { /* truncate the queue to n bytes */
        size_t n = fz_u16(in);
        pull(d);
        if (n < wires[d].len)
            wires[d].len = n;
        break;
    }
    case 14: { /* ctrl: mode / options / fragment / read-ahead */
        unsigned k = fz_u8(in), v = fz_u16(in);
        switch (k % 6) {
        case 0: {
            long m = (long)(v & (SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
                                 | SSL_MODE_AUTO_RETRY | SSL_MODE_RELEASE_BUFFERS));
            long now = SSL_set_mode(s->ssl, m);
            FZ_CHECK((now & m) == m);
            break;
        }
        case 1: {
            long m = (long)(v & (SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_AUTO_RETRY));
            FZ_CHECK((SSL_clear_mode(s->ssl, m) & m) == 0);
            break;
        }
        case 2:
            r = (int)SSL_set_max_send_fragment(s->ssl, (long)v);
            if (r != (v >= 512 && v <= 16384))
                FZ_FAIL("SSL_set_max_send_fragment(%u) returned %d", v, r);
            break;
        case 3: {
            uint64_t o = (v & 1) ? SSL_OP_NO_RENEGOTIATION : 0;
            o |= (v & 2) ? SSL_OP_IGNORE_UNEXPECTED_EOF : 0;
            o |= (v & 4) ? SSL_OP_NO_TICKET : 0;
            FZ_CHECK((SSL_set_options(s->ssl, o) & o) == o);
            break;
        }
        case 4:
            SSL_set_read_ahead(s->ssl, v & 1);
            FZ_CHECK(SSL_get_read_ahead(s->ssl) == (int)(v & 1));
            break;
        case 5:
            /* any command with NULL parg: OpenSSL itself crashes on several (build the harness
             * with -DFUZZ_OPENSSL_ORACLE to check its invariants against the real OpenSSL) */
#ifndef FUZZ_OPENSSL_ORACLE
            r = (int)SSL_ctrl(s->ssl, (int)(v % 140), (long)fz_u8(in), NULL);
            (void)r;
#endif
            break;
        }
        break;
    }
    case 15: { /* new transport for this side */
        unsigned k = fz_u8(in);
        size_t size = 1 + fz_u8(in) * 37u;
        if (direct) {
            new_transport(0, k & 1, size);
            new_transport(1, (k >> 1) & 1, size);
            direct = 0;
        } else {
            new_transport(d, k & 1, size);
        }
        break;
    }
    case 16:
        r = SSL_clear(s->ssl);
        FZ_CHECK(r == 0 || r == 1);
        unchecked = 1;
        break;
    case 17: {
        unsigned t = fz_u8(in) % 3;
        r = SSL_key_update(s->ssl, t == 2 ? 7 : (int)t);
        FZ_CHECK(r == 0 || r == 1);
        if (t == 2)
            FZ_CHECK(r == 0);
        (void)SSL_get_key_update_type(s->ssl);
        break;
    }
    case 18:
        r = SSL_renegotiate(s->ssl);
        FZ_CHECK(r == 0 || r == 1);
        (void)SSL_renegotiate_pending(s->ssl);
        break;
    case 19:
        do_pending(d);
        break;
    case 20: { /* state getters */
        int sh = SSL_get_shutdown(s->ssl);
        FZ_CHECK((sh & ~(SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN)) == 0);
        FZ_CHECK(SSL_is_init_finished(s->ssl) == 0 || SSL_is_init_finished(s->ssl) == 1);
        FZ_CHECK(SSL_in_init(s->ssl) == 0 || SSL_in_init(s->ssl) == 1);
        FZ_CHECK(SSL_get_state(s->ssl) >= 0);
        (void)SSL_state_string_long(s->ssl);
        (void)SSL_get_verify_result(s->ssl);
        if (SSL_is_init_finished(s->ssl))
            FZ_CHECK(SSL_version(s->ssl) == TLS1_2_VERSION || SSL_version(s->ssl) == TLS1_3_VERSION);
        break;
    }
    case 21: { /* the peer end of the transport hits EOF / a new direct pair */
        unsigned k = fz_u8(in);
        if (k & 1) {
            if (!direct)
                set_direct(1 + (k >> 1) * 61u);
        } else if (!direct && s->net != NULL) {
            (void)BIO_shutdown_wr(s->net);
        }
        break;
    }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_in in = { data, size };
    unsigned cfg;
    int d, ops;

    setup();
    trace = getenv("FUZZ_TRACE") != NULL;
    memset(sides, 0, sizeof sides);
    wires[0].len = wires[1].len = 0;
    direct = unchecked = 0;
    cfg = fz_u8(&in);
    sides[0].ssl = SSL_new(cctx);
    sides[1].ssl = SSL_new(sctx);
    FZ_CHECK(sides[0].ssl != NULL && sides[1].ssl != NULL);
    SSL_set_connect_state(sides[0].ssl);
    SSL_set_accept_state(sides[1].ssl);
    SSL_set1_host(sides[0].ssl, "localhost");
    switch ((cfg >> 2) & 3) {
    case 1:
        SSL_set_max_proto_version(sides[0].ssl, TLS1_2_VERSION);
        break;
    case 2:
        SSL_set_max_proto_version(sides[1].ssl, TLS1_2_VERSION);
        break;
    }
    if (cfg & 16) {
        SSL_set_mode(sides[0].ssl, SSL_MODE_ENABLE_PARTIAL_WRITE);
        SSL_set_mode(sides[1].ssl, SSL_MODE_ENABLE_PARTIAL_WRITE);
    }
    if (cfg & 32) {
        SSL_clear_mode(sides[0].ssl, SSL_MODE_AUTO_RETRY);
        SSL_clear_mode(sides[1].ssl, SSL_MODE_AUTO_RETRY);
    }
    switch (cfg & 3) {
    case 0:
        new_transport(0, 0, 0);
        new_transport(1, 0, 0);
        break;
    case 1:
    case 2:
        new_transport(0, 1, 17 + (cfg >> 6) * 300u);
        new_transport(1, 1, 1 + (cfg >> 6) * 500u);
        break;
    case 3:
        set_direct(1 + (cfg >> 6) * 4099u);
        break;
    }
    for (ops = 0; ops < 512 && in.n > 0; ops++)
        run_op(&in);
    for (d = 0; d < 2; d++) {
        SSL_free(sides[d].ssl);
        if (sides[d].net != NULL)
            BIO_free(sides[d].net);
    }
    memset(sides, 0, sizeof sides);
    fz_end();
    return 0;
}
