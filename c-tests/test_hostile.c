/*
 * Hostile peers: what a failed handshake reports (return value, SSL_get_error,
 * the first queued error, the alert written back, the state, and the calls
 * after it) when the peer sends oversized records, alerts or handshake
 * messages out of turn, a truncated or corrupted flight, or a fatal alert
 * followed by a close. The peer is raw bytes: crafted, or a flight of a real
 * SSL object of the same build, replayed or altered. Also certificates and
 * keys in DER files, and keys of another type than the certificate.
 *
 * Alerts are checked as level + description; the record version bytes of a
 * plaintext alert are not compared (see KNOWN_DIFFERENCES.md).
 */
#include "testutil.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define R_SSL(r) (0x0A000000UL | (unsigned long)(r))

/* alert descriptions (RFC 8446 numbers) */
enum {
    AD_UNEXPECTED_MESSAGE = 10,
    AD_RECORD_OVERFLOW = 22,
    AD_DECODE_ERROR = 50,
    AD_DECRYPT_ERROR = 51
};

static const unsigned char ALERT_HS_FAILURE[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

/* ---- memory-BIO endpoints ------------------------------------------- */

struct end {
    SSL_CTX *ctx;
    SSL *s;
    BIO *in, *out; /* what it reads, what it wrote (owned by s) */
};

static SSL_CTX *server_ctx(int maxv)
{
    SSL_CTX *c = SSL_CTX_new(TLS_server_method());

    if (c == NULL
        || SSL_CTX_use_certificate_file(c, cert_path("server-ec.pem"), SSL_FILETYPE_PEM) != 1
        || SSL_CTX_use_PrivateKey_file(c, cert_path("server-ec.key"), SSL_FILETYPE_PEM) != 1
        || (maxv != 0 && SSL_CTX_set_max_proto_version(c, maxv) != 1)) {
        SSL_CTX_free(c);
        return NULL;
    }
    return c;
}

static SSL_CTX *client_ctx(int maxv)
{
    SSL_CTX *c = SSL_CTX_new(TLS_client_method());

    if (c != NULL && maxv != 0 && SSL_CTX_set_max_proto_version(c, maxv) != 1) {
        SSL_CTX_free(c);
        return NULL;
    }
    return c;
}

static int end_open(struct end *e, int server, int maxv)
{
    memset(e, 0, sizeof(*e));
    if (!TEST_ptr(e->ctx = server ? server_ctx(maxv) : client_ctx(maxv))
        || !TEST_ptr(e->s = SSL_new(e->ctx)) || !TEST_ptr(e->in = BIO_new(BIO_s_mem()))
        || !TEST_ptr(e->out = BIO_new(BIO_s_mem())))
        return 0;
    SSL_set_bio(e->s, e->in, e->out);
    if (server)
        SSL_set_accept_state(e->s);
    else
        SSL_set_connect_state(e->s);
    return 1;
}

static void end_close(struct end *e)
{
    if (e->s == NULL) {
        BIO_free(e->in);
        BIO_free(e->out);
    }
    SSL_free(e->s);
    SSL_CTX_free(e->ctx);
    memset(e, 0, sizeof(*e));
}

/* Takes everything `b` holds; *len gets its size. Free with free(). */
static unsigned char *take(BIO *b, size_t *len)
{
    long n = BIO_pending(b);
    unsigned char *p = malloc((size_t)n + 1);

    *len = 0;
    if (p != NULL && n > 0)
        *len = (size_t)BIO_read(b, p, (int)n);
    return p;
}

static int drop(BIO *b)
{
    size_t n;

    free(take(b, &n));
    return 1;
}

static int move(BIO *from, BIO *to)
{
    size_t n;
    unsigned char *p = take(from, &n);
    int ok = p != NULL && (n == 0 || BIO_write(to, p, (int)n) == (int)n);

    free(p);
    return ok;
}

static int feed(BIO *b, const void *p, size_t n)
{
    return TEST_int_eq(BIO_write(b, p, (int)n), (int)n);
}

/* A client that has written its ClientHello (into `ch`, if non-NULL). */
static int client_after_hello(struct end *c, int maxv, BIO *ch)
{
    int r;

    if (!end_open(c, 0, maxv))
        return 0;
    r = SSL_do_handshake(c->s);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c->s, r), SSL_ERROR_WANT_READ))
        return 0;
    return ch != NULL ? move(c->out, ch) : drop(c->out);
}

/* A server that has read a real ClientHello and written its flight (into `flight`). */
static int server_after_flight(struct end *s, int maxv, BIO *flight)
{
    struct end c;
    int ok = 0, r;

    memset(&c, 0, sizeof(c));
    if (!end_open(s, 1, maxv) || !client_after_hello(&c, maxv, s->in))
        goto end;
    r = SSL_do_handshake(s->s);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s->s, r), SSL_ERROR_WANT_READ))
        goto end;
    ok = flight != NULL ? move(s->out, flight) : drop(s->out);
end:
    end_close(&c);
    return ok;
}

/* The output is exactly one fatal alert record with description `desc`. */
static int wrote_alert(BIO *out, int desc)
{
    size_t n;
    unsigned char *p = take(out, &n);
    int ok = TEST_int_eq(n, 7) && TEST_int_eq(p[0], 21) && TEST_int_eq(p[1], 3)
             && TEST_int_eq(p[3], 0) && TEST_int_eq(p[4], 2) && TEST_int_eq(p[5], 2)
             && TEST_int_eq(p[6], desc);

    free(p);
    return ok;
}

static int wrote_nothing(BIO *out)
{
    return TEST_int_eq(BIO_pending(out), 0);
}

/* The failed call: return value, SSL_get_error, first queued entry; state "error". */
static int failed_with(SSL *s, int r, int want_ret, int want_err, unsigned long first)
{
    int ok = TEST_int_eq(r, want_ret) && TEST_int_eq(SSL_get_error(s, r), want_err)
             && TEST_ulong_eq(ERR_peek_error(), first)
             && TEST_str_eq(SSL_state_string_long(s), "error")
             && TEST_str_eq(SSL_state_string(s), "SSLERR") && TEST_true(SSL_in_init(s))
             && TEST_false(SSL_is_init_finished(s));

    ERR_clear_error();
    return ok;
}

/*
 * After a local fatal error: read, write and handshake fail with SYSCALL and
 * nothing queued. After the peer's fatal alert: read returns 0, write and
 * handshake -1, all ZERO_RETURN, nothing queued.
 */
static int later_calls(SSL *s, int peer_alert)
{
    char b[16];
    int r, want = peer_alert ? SSL_ERROR_ZERO_RETURN : SSL_ERROR_SYSCALL;

    r = SSL_read(s, b, sizeof(b));
    if (!TEST_int_eq(r, peer_alert ? 0 : -1) || !TEST_int_eq(SSL_get_error(s, r), want)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        return 0;
    r = SSL_write(s, "x", 1);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s, r), want)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        return 0;
    r = SSL_do_handshake(s);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s, r), want)
        || !TEST_ulong_eq(ERR_peek_error(), 0))
        return 0;
    return TEST_str_eq(SSL_state_string_long(s), "error");
}

/* ---- oversized records ------------------------------------------------ */

/* A handshake record of `len` body bytes (a ClientHello header, zeros). */
static int overflow_case(int server, size_t len, unsigned long want)
{
    struct end e;
    unsigned char *rec = calloc(1, len + 5);
    int ok = 0;

    if (!TEST_ptr(rec))
        return 0;
    if (server ? !end_open(&e, 1, 0) : !client_after_hello(&e, 0, NULL))
        goto end;
    rec[0] = 22;
    rec[1] = 3;
    rec[2] = server ? 1 : 3;
    rec[3] = (unsigned char)(len >> 8);
    rec[4] = (unsigned char)len;
    rec[5] = 1;
    if (!feed(e.in, rec, len + 5))
        goto end;
    if (!failed_with(e.s, SSL_do_handshake(e.s), -1, SSL_ERROR_SSL, want)
        || !wrote_alert(e.out, AD_RECORD_OVERFLOW) || !later_calls(e.s, 0)
        || !wrote_nothing(e.out))
        goto end;
    ok = 1;
end:
    if (!ok)
        tu_log("  (%s, record of %zu bytes)\n", server ? "server" : "client", len);
    end_close(&e);
    free(rec);
    return ok;
}

/*
 * OpenSSL's read buffer holds 16707 body bytes: a longer header fails at once
 * (PACKET_LENGTH_TOO_LONG). A whole record read in the clear fails with
 * ENCRYPTED_LENGTH_TOO_LONG above 16704 bytes, DATA_LENGTH_TOO_LONG above
 * 16384. All answer record_overflow.
 */
static int test_record_too_long_header(void)
{
    return overflow_case(0, 18433, R_SSL(SSL_R_PACKET_LENGTH_TOO_LONG))
           && overflow_case(0, 16708, R_SSL(SSL_R_PACKET_LENGTH_TOO_LONG))
           && overflow_case(1, 18432, R_SSL(SSL_R_PACKET_LENGTH_TOO_LONG))
           && overflow_case(1, 65535, R_SSL(SSL_R_PACKET_LENGTH_TOO_LONG));
}

static int test_record_too_long_plaintext(void)
{
    return overflow_case(0, 16385, R_SSL(SSL_R_DATA_LENGTH_TOO_LONG))
           && overflow_case(0, 16641, R_SSL(SSL_R_DATA_LENGTH_TOO_LONG))
           && overflow_case(1, 16641, R_SSL(SSL_R_DATA_LENGTH_TOO_LONG))
           && overflow_case(1, 16704, R_SSL(SSL_R_DATA_LENGTH_TOO_LONG))
           && overflow_case(0, 16705, R_SSL(SSL_R_ENCRYPTED_LENGTH_TOO_LONG))
           && overflow_case(1, 16707, R_SSL(SSL_R_ENCRYPTED_LENGTH_TOO_LONG));
}

/* ---- alerts and messages out of turn ---------------------------------- */

/* The client gets a fatal handshake_failure instead of a ServerHello. */
static int test_alert_instead_of_server_hello(void)
{
    struct end c;
    int ok = 0;

    if (!client_after_hello(&c, 0, NULL) || !feed(c.in, ALERT_HS_FAILURE, 7))
        goto end;
    if (!failed_with(c.s, SSL_do_handshake(c.s), -1, SSL_ERROR_SSL,
                     R_SSL(SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE))
        || !wrote_nothing(c.out) || !TEST_int_eq(SSL_get_shutdown(c.s), SSL_RECEIVED_SHUTDOWN)
        || !later_calls(c.s, 1) || !wrote_nothing(c.out))
        goto end;
    ok = 1;
end:
    end_close(&c);
    return ok;
}

/* The server gets the alert instead of the client's second flight. */
static int alert_after_flight(int maxv)
{
    struct end s;
    int ok = 0;

    if (!server_after_flight(&s, maxv, NULL) || !feed(s.in, ALERT_HS_FAILURE, 7))
        goto end;
    if (!failed_with(s.s, SSL_do_handshake(s.s), -1, SSL_ERROR_SSL,
                     R_SSL(SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE))
        || !wrote_nothing(s.out) || !later_calls(s.s, 1) || !wrote_nothing(s.out))
        goto end;
    ok = 1;
end:
    end_close(&s);
    return ok;
}

static int test_alert_instead_of_client_flight(void)
{
    return alert_after_flight(TLS1_2_VERSION) && alert_after_flight(0);
}

/* A server takes no alert at all before the ClientHello: unexpected_message. */
static int alert_first_to_server(const unsigned char *rec, size_t n)
{
    struct end s;
    int ok = 0;

    if (!end_open(&s, 1, 0) || !feed(s.in, rec, n))
        goto end;
    if (!failed_with(s.s, SSL_do_handshake(s.s), -1, SSL_ERROR_SSL,
                     R_SSL(SSL_R_UNEXPECTED_MESSAGE))
        || !wrote_alert(s.out, AD_UNEXPECTED_MESSAGE) || !later_calls(s.s, 0))
        goto end;
    ok = 1;
end:
    end_close(&s);
    return ok;
}

static int test_alert_before_client_hello(void)
{
    return alert_first_to_server((const unsigned char *)"\x15\x03\x01\x00\x02\x02\x28", 7)
           && alert_first_to_server((const unsigned char *)"\x15\x03\x01\x00\x02\x01\x28", 7)
           && alert_first_to_server((const unsigned char *)"\x15\x03\x01\x00\x02\x01\x00", 7)
           && alert_first_to_server((const unsigned char *)"\x17\x03\x01\x00\x01\x01", 6)
           && alert_first_to_server((const unsigned char *)"\x14\x03\x01\x00\x01\x01", 6);
}

/* `rec` (one record) makes the endpoint fail with unexpected_message. */
static int wrong_message(struct end *e, const unsigned char *rec, size_t n)
{
    return feed(e->in, rec, n)
           && failed_with(e->s, SSL_do_handshake(e->s), -1, SSL_ERROR_SSL,
                          R_SSL(SSL_R_UNEXPECTED_MESSAGE))
           && wrote_alert(e->out, AD_UNEXPECTED_MESSAGE) && later_calls(e->s, 0);
}

/* The first record of a real server flight: the ServerHello. */
static unsigned char *server_hello(int maxv, size_t *len)
{
    struct end s;
    BIO *flight = BIO_new(BIO_s_mem());
    unsigned char *p = NULL;
    size_t n;

    if (TEST_ptr(flight) && server_after_flight(&s, maxv, flight)) {
        p = take(flight, &n);
        if (p != NULL && n >= 5)
            *len = 5 + (((size_t)p[3] << 8) | p[4]);
        if (p != NULL && (n < 5 || *len > n || p[5] != 2)) {
            free(p);
            p = NULL;
        }
    }
    end_close(&s);
    BIO_free(flight);
    return p;
}

static int test_wrong_handshake_message(void)
{
    static const unsigned char finished[] = "\x16\x03\x03\x00\x10\x14\x00\x00\x0c"
                                            "abcdefghijkl";
    struct end e;
    BIO *ch = BIO_new(BIO_s_mem());
    unsigned char *sh13 = NULL, *sh12 = NULL, *hello = NULL;
    size_t n13 = 0, n12 = 0, nch = 0;
    int ok = 0;

    memset(&e, 0, sizeof(e));
    if (!TEST_ptr(ch) || !TEST_ptr(sh13 = server_hello(0, &n13))
        || !TEST_ptr(sh12 = server_hello(TLS1_2_VERSION, &n12)))
        goto end;
    /* a ServerHello sent to a server, before and after its own flight */
    if (!end_open(&e, 1, 0) || !wrong_message(&e, sh13, n13))
        goto end;
    end_close(&e);
    if (!server_after_flight(&e, TLS1_2_VERSION, NULL) || !wrong_message(&e, sh12, n12))
        goto end;
    end_close(&e);
    /* a Finished, and a ClientHello, where the client expects a ServerHello */
    if (!client_after_hello(&e, 0, NULL) || !wrong_message(&e, finished, sizeof(finished) - 1))
        goto end;
    end_close(&e);
    if (!client_after_hello(&e, 0, ch) || !TEST_ptr(hello = take(ch, &nch)))
        goto end;
    end_close(&e);
    if (!client_after_hello(&e, 0, NULL) || !wrong_message(&e, hello, nch))
        goto end;
    ok = 1;
end:
    end_close(&e);
    BIO_free(ch);
    free(sh13);
    free(sh12);
    free(hello);
    return ok;
}

/* ---- EOF inside the server's flight ------------------------------------- */

/*
 * The client gets the first `limit` bytes of the server's flight, then EOF
 * (memory BIO with eof-return 0): unexpected EOF, and a decode_error alert
 * goes back in the clear.
 */
static int eof_mem_case(int maxv, size_t limit)
{
    struct end s, c;
    unsigned char *p = NULL;
    size_t n;
    int ok = 0;

    memset(&c, 0, sizeof(c));
    if (!end_open(&s, 1, maxv) || !client_after_hello(&c, maxv, s.in)
        || !TEST_int_eq(SSL_do_handshake(s.s), -1) || !TEST_ptr(p = take(s.out, &n))
        || !TEST_int_gt(n, limit) || !feed(c.in, p, limit))
        goto end;
    BIO_set_mem_eof_return(c.in, 0);
    if (!failed_with(c.s, SSL_do_handshake(c.s), -1, SSL_ERROR_SSL,
                     R_SSL(SSL_R_UNEXPECTED_EOF_WHILE_READING))
        || !wrote_alert(c.out, AD_DECODE_ERROR) || !later_calls(c.s, 0)
        || !wrote_nothing(c.out))
        goto end;
    ok = 1;
end:
    if (!ok)
        tu_log("  (max version %x, flight cut at %zu bytes)\n", (unsigned)maxv, limit);
    free(p);
    end_close(&s);
    end_close(&c);
    return ok;
}

static int test_eof_in_flight_sends_alert(void)
{
    return eof_mem_case(0, 0) && eof_mem_case(0, 60) && eof_mem_case(0, 150)
           && eof_mem_case(TLS1_2_VERSION, 0) && eof_mem_case(TLS1_2_VERSION, 60)
           && eof_mem_case(TLS1_2_VERSION, 150);
}

/* ---- a corrupted TLS 1.2 flight ----------------------------------------- */

/* Offset of the first handshake message of type `t` in a flight, 0 if none. */
static size_t find_message(const unsigned char *p, size_t n, int t, size_t *mlen)
{
    size_t i = 0;

    while (i + 5 <= n) {
        size_t l = ((size_t)p[i + 3] << 8) | p[i + 4], j = i + 5;

        if (p[i] == 22)
            while (j + 4 <= i + 5 + l && j + 4 <= n) {
                size_t ml = ((size_t)p[j + 1] << 16) | ((size_t)p[j + 2] << 8) | p[j + 3];

                if (p[j] == t) {
                    *mlen = ml;
                    return j;
                }
                j += 4 + ml;
            }
        i += 5 + l;
    }
    return 0;
}

/*
 * TLS 1.2 client and server; the server's first flight (where = 0: the byte at
 * `off` of message `type`, negative from its end) or its final flight
 * (where = 1: the last byte, inside the encrypted Finished) gets one bit
 * flipped. Checks the client's failure (first entry `first`, unless 0) and
 * what the server reports on receiving the client's alert.
 */
static int corrupt_case(int where, int type, long off, unsigned long first, unsigned long second,
                        int alert, unsigned long peer_sees)
{
    struct end s, c;
    unsigned char *p = NULL;
    size_t n = 0, ml = 0, at;
    char b[8];
    int ok = 0, r;
    unsigned long e;

    memset(&c, 0, sizeof(c));
    if (!end_open(&s, 1, TLS1_2_VERSION) || !client_after_hello(&c, TLS1_2_VERSION, s.in))
        goto end;
    r = SSL_do_handshake(s.s);
    if (!TEST_int_eq(r, -1))
        goto end;
    if (where == 1) {
        if (!move(s.out, c.in) || !TEST_int_eq(SSL_do_handshake(c.s), -1)
            || !move(c.out, s.in) || !TEST_int_eq(SSL_do_handshake(s.s), 1))
            goto end;
        ERR_clear_error();
        if (!TEST_ptr(p = take(s.out, &n)) || !TEST_int_gt(n, 0))
            goto end;
        p[n - 1] ^= 0x01;
    } else {
        if (!TEST_ptr(p = take(s.out, &n)) || !TEST_int_gt(at = find_message(p, n, type, &ml), 0))
            goto end;
        p[off < 0 ? at + 4 + ml - (size_t)-off : at + 4 + (size_t)off] ^= 0x01;
    }
    if (!feed(c.in, p, n))
        goto end;
    r = SSL_do_handshake(c.s);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(c.s, r), SSL_ERROR_SSL))
        goto end;
    e = ERR_get_error();
    if (!TEST_int_eq(ERR_GET_LIB(e), first != 0 ? ERR_GET_LIB(first) : ERR_LIB_SSL)
        || (first != 0 && !TEST_ulong_eq(e, first))
        || (second != 0 && !TEST_ulong_eq(ERR_get_error(), second))
        || !TEST_str_eq(SSL_state_string_long(c.s), "error"))
        goto end;
    ERR_clear_error();
    free(p);
    if (!TEST_ptr(p = take(c.out, &n)))
        goto end;
    if (where == 0) {
        /* in the clear: the alert itself */
        if (!TEST_int_eq(n, 7) || !TEST_int_eq(p[0], 21) || !TEST_int_eq(p[5], 2)
            || !TEST_int_eq(p[6], alert))
            goto end;
    } else if (!TEST_int_gt(n, 7) || !TEST_int_eq(p[0], 21)) {
        goto end; /* an encrypted alert record */
    }
    /* what the server sees */
    if (!feed(s.in, p, n))
        goto end;
    r = where == 1 ? SSL_read(s.s, b, sizeof(b)) : SSL_do_handshake(s.s);
    if (!TEST_int_eq(r, where == 1 ? 0 : -1) || !TEST_int_eq(SSL_get_error(s.s, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_peek_error(), peer_sees))
        goto end;
    ERR_clear_error();
    if (!later_calls(c.s, 0))
        goto end;
    ok = 1;
end:
    free(p);
    end_close(&s);
    end_close(&c);
    return ok;
}

static int test_corrupt_key_exchange_signature(void)
{
    return corrupt_case(0, 12, -1, R_SSL(SSL_R_BAD_SIGNATURE), 0, AD_DECRYPT_ERROR,
                        R_SSL(SSL_R_TLSV1_ALERT_DECRYPT_ERROR));
}

/* First entry: OpenSSL LENGTH_MISMATCH, sslrs BAD_PACKET (KNOWN_DIFFERENCES.md). */
static int test_corrupt_certificate_length(void)
{
    return corrupt_case(0, 11, 0, 0, 0, AD_DECODE_ERROR,
                        R_SSL(SSL_R_TLSV1_ALERT_DECODE_ERROR));
}

/* AES-GCM in TLS 1.2: the provider's "cipher operation failed" comes first. */
static int test_corrupt_encrypted_finished(void)
{
    return corrupt_case(1, 0, 0, 0x1C800066UL, R_SSL(SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC),
                        0, R_SSL(SSL_R_SSLV3_ALERT_BAD_RECORD_MAC));
}

/* ---- over TCP: truncated flight, alert then close -------------------- */

struct tcp {
    int lfd, cfd, sfd;
};

static int tcp_open(struct tcp *t)
{
    int port = 0;

    t->lfd = t->cfd = t->sfd = -1;
    return TEST_int_ge(t->lfd = listen_local(&port), 0)
           && TEST_int_ge(t->cfd = connect_local(port), 0)
           && TEST_int_ge(t->sfd = accept(t->lfd, NULL, NULL), 0);
}

static void tcp_close(struct tcp *t)
{
    if (t->cfd >= 0)
        close(t->cfd);
    if (t->sfd >= 0)
        close(t->sfd);
    if (t->lfd >= 0)
        close(t->lfd);
}

/* Moves what arrives on fd (within `ms`) into `b`. */
static void sock_to_bio(int fd, BIO *b, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    unsigned char buf[4096];

    while (poll(&p, 1, ms) == 1) {
        ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

        if (n <= 0)
            break;
        BIO_write(b, buf, (int)n);
    }
}

static int bio_to_sock(BIO *b, int fd, size_t limit)
{
    size_t n;
    unsigned char *p = take(b, &n);
    int ok;

    if (n > limit)
        n = limit;
    ok = p != NULL && write(fd, p, n) == (ssize_t)n;
    free(p);
    return TEST_true(ok);
}

/*
 * A blocking client on TCP; the raw peer answers its ClientHello with the
 * flight of a memory-BIO server (the first `limit` bytes of it).
 */
static int tcp_client_gets_flight(struct tcp *t, struct end *s, SSL_CTX **cctx, SSL **c,
                                  int maxv, size_t limit)
{
    int r;

    if (!tcp_open(t) || !TEST_ptr(*cctx = client_ctx(maxv)) || !TEST_ptr(*c = SSL_new(*cctx))
        || !TEST_int_eq(SSL_set_fd(*c, t->cfd), 1) || !TEST_true(set_nonblock(t->cfd, 1)))
        return 0;
    r = SSL_connect(*c);
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(*c, r), SSL_ERROR_WANT_READ)
        || !TEST_true(set_nonblock(t->cfd, 0)))
        return 0;
    sock_to_bio(t->sfd, s->in, 1000);
    r = SSL_do_handshake(s->s);
    return TEST_int_eq(r, -1) && TEST_int_eq(SSL_get_error(s->s, r), SSL_ERROR_WANT_READ)
           && bio_to_sock(s->out, t->sfd, limit);
}

/* The TLS 1.3 server flight ends early (cut at `limit` bytes), then FIN. */
static int eof_case(size_t limit)
{
    struct tcp t;
    struct end s;
    SSL_CTX *cctx = NULL;
    SSL *c = NULL;
    int ok = 0;

    t.lfd = t.cfd = t.sfd = -1;
    if (!end_open(&s, 1, 0) || !tcp_client_gets_flight(&t, &s, &cctx, &c, 0, limit)
        || !TEST_int_eq(shutdown(t.sfd, SHUT_WR), 0))
        goto end;
    if (!failed_with(c, SSL_connect(c), -1, SSL_ERROR_SSL,
                     R_SSL(SSL_R_UNEXPECTED_EOF_WHILE_READING))
        || !later_calls(c, 0))
        goto end;
    ok = 1;
end:
    if (!ok)
        tu_log("  (flight cut at %zu bytes)\n", limit);
    SSL_free(c);
    SSL_CTX_free(cctx);
    end_close(&s);
    tcp_close(&t);
    return ok;
}

/* Cut after the ServerHello record (x25519: 127 bytes), inside the next header, inside its body. */
static int test_eof_in_server_flight(void)
{
    return eof_case(127) && eof_case(130) && eof_case(150) && eof_case(60) && eof_case(400);
}

/*
 * TLS 1.2: the peer sends its flight, then a fatal alert, and closes. The
 * client writes its second flight into the closed connection (the RST comes
 * back after the first write), then reads the alert: it reports the alert,
 * not the write failure.
 */
static int alert_close_case(int reqcert)
{
    struct tcp t;
    struct end s;
    SSL_CTX *cctx = NULL;
    SSL *c = NULL;
    int ok = 0;

    t.lfd = t.cfd = t.sfd = -1;
    if (!end_open(&s, 1, TLS1_2_VERSION))
        goto end;
    if (reqcert) {
        SSL_set_verify(s.s, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
        if (!TEST_int_eq(SSL_CTX_load_verify_locations(s.ctx, cert_path("ca-ec.pem"), NULL), 1))
            goto end;
    }
    if (!tcp_client_gets_flight(&t, &s, &cctx, &c, TLS1_2_VERSION, (size_t)-1)
        || !TEST_int_eq(write(t.sfd, ALERT_HS_FAILURE, 7), 7))
        goto end;
    close(t.sfd);
    t.sfd = -1;
    if (!failed_with(c, SSL_connect(c), -1, SSL_ERROR_SSL,
                     R_SSL(SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE))
        || !TEST_int_eq(SSL_get_shutdown(c), SSL_RECEIVED_SHUTDOWN) || !later_calls(c, 1))
        goto end;
    ok = 1;
end:
    SSL_free(c);
    SSL_CTX_free(cctx);
    end_close(&s);
    tcp_close(&t);
    return ok;
}

static int test_alert_then_close_tls12(void)
{
    return alert_close_case(0) && alert_close_case(1);
}

/*
 * TLS 1.3, a server that requires a client certificate (the client has none):
 * the client's handshake completes, the server answers its flight with
 * certificate_required (encrypted) and closes. The client's next write still
 * succeeds; its read reports the alert.
 */
static int test_alert_then_close_tls13(void)
{
    struct tcp t;
    struct end s;
    SSL_CTX *cctx = NULL;
    SSL *c = NULL;
    char b[100];
    int ok = 0, r, i;

    t.lfd = t.cfd = t.sfd = -1;
    memset(b, 'x', sizeof(b));
    if (!end_open(&s, 1, 0))
        goto end;
    SSL_set_verify(s.s, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    if (!TEST_int_eq(SSL_CTX_load_verify_locations(s.ctx, cert_path("ca-ec.pem"), NULL), 1)
        || !tcp_client_gets_flight(&t, &s, &cctx, &c, 0, (size_t)-1)
        || !TEST_int_eq(SSL_connect(c), 1))
        goto end;
    /* the server reads the client's flight (it may come in several segments) */
    for (i = 0, r = -1; i < 20; i++) {
        sock_to_bio(t.sfd, s.in, 100);
        r = SSL_do_handshake(s.s);
        if (r != -1 || SSL_get_error(s.s, r) != SSL_ERROR_WANT_READ)
            break;
    }
    if (!TEST_int_eq(r, -1) || !TEST_int_eq(SSL_get_error(s.s, r), SSL_ERROR_SSL)
        || !TEST_ulong_eq(ERR_peek_error(), R_SSL(SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE)))
        goto end;
    ERR_clear_error();
    if (!bio_to_sock(s.out, t.sfd, (size_t)-1))
        goto end;
    close(t.sfd);
    t.sfd = -1;
    if (!TEST_int_eq(SSL_write(c, b, sizeof(b)), (int)sizeof(b)))
        goto end;
    r = SSL_read(c, b, sizeof(b));
    if (!failed_with(c, r, 0, SSL_ERROR_SSL, R_SSL(SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED))
        || !later_calls(c, 1))
        goto end;
    ok = 1;
end:
    SSL_free(c);
    SSL_CTX_free(cctx);
    end_close(&s);
    tcp_close(&t);
    return ok;
}

/* ---- DER files, keys of another type ------------------------------------ */

static int load_pair(const char *cert, const char *key, int type, int want_key,
                     unsigned long key_err, int want_check, unsigned long check_err)
{
    SSL_CTX *ctx = NULL;
    int ok = 0;

    if (!TEST_ptr(ctx = SSL_CTX_new(TLS_server_method()))
        || !TEST_int_eq(SSL_CTX_use_certificate_file(ctx, cert_path(cert), type), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(ctx, cert_path(key), type), want_key)
        || !TEST_ulong_eq(ERR_get_error(), key_err) || !TEST_ulong_eq(ERR_get_error(), 0)
        || !TEST_int_eq(SSL_CTX_check_private_key(ctx), want_check)
        || !TEST_ulong_eq(ERR_get_error(), check_err) || !TEST_ulong_eq(ERR_get_error(), 0))
        goto end;
    ok = 1;
end:
    if (!ok)
        tu_log("  (%s + %s)\n", cert, key);
    SSL_CTX_free(ctx);
    return ok;
}

/* DER certificate with PKCS#8, PKCS#1 (RSA) and SEC1 (EC) DER keys. */
static int test_der_files(void)
{
    return load_pair("server-rsa.der", "server-rsa.key.der", SSL_FILETYPE_ASN1, 1, 0, 1, 0)
           && load_pair("server-rsa.der", "server-rsa-pkcs1.key.der", SSL_FILETYPE_ASN1, 1, 0, 1, 0)
           && load_pair("server-ec.der", "server-ec.key.der", SSL_FILETYPE_ASN1, 1, 0, 1, 0)
           && load_pair("server-ec.der", "server-ec-sec1.key.der", SSL_FILETYPE_ASN1, 1, 0, 1, 0);
}

/* A DER-loaded server completes a handshake. */
static int test_der_server_handshake(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    int ok = 0;

    if (!TEST_ptr(sctx = SSL_CTX_new(TLS_server_method()))
        || !TEST_ptr(cctx = SSL_CTX_new(TLS_client_method()))
        || !TEST_int_eq(SSL_CTX_use_certificate_file(sctx, cert_path("server-rsa.der"),
                                                     SSL_FILETYPE_ASN1), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server-rsa-pkcs1.key.der"),
                                                    SSL_FILETYPE_ASN1), 1)
        || !create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !create_ssl_connection(s, c))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

/*
 * A key of another type than the certificate loads (it goes to its own slot,
 * which becomes the current one and has no certificate); a key of the same
 * type that does not match fails to load.
 */
static int test_key_type_mismatch(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    int ok = 0;

    if (!load_pair("server-rsa.der", "server-ec.key.der", SSL_FILETYPE_ASN1, 1, 0, 0,
                   R_SSL(SSL_R_NO_CERTIFICATE_ASSIGNED))
        || !load_pair("server-rsa.pem", "server-ec.key", SSL_FILETYPE_PEM, 1, 0, 0,
                      R_SSL(SSL_R_NO_CERTIFICATE_ASSIGNED))
        || !load_pair("server-ec.pem", "server-rsa.key", SSL_FILETYPE_PEM, 1, 0, 0,
                      R_SSL(SSL_R_NO_CERTIFICATE_ASSIGNED))
        || !load_pair("server-ec.pem", "client.key", SSL_FILETYPE_PEM, 0, 0x05800074UL /* X509 KEY_VALUES_MISMATCH */, 0,
                      R_SSL(SSL_R_NO_PRIVATE_KEY_ASSIGNED)))
        goto end;
    /* RSA cert, EC key, then the RSA key: the RSA slot is complete and current again */
    if (!TEST_ptr(sctx = SSL_CTX_new(TLS_server_method()))
        || !TEST_ptr(cctx = SSL_CTX_new(TLS_client_method()))
        || !TEST_int_eq(SSL_CTX_use_certificate_file(sctx, cert_path("server-rsa.pem"),
                                                     SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server-ec.key"),
                                                    SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_CTX_check_private_key(sctx), 0)
        || !TEST_ulong_eq(ERR_get_error(), R_SSL(SSL_R_NO_CERTIFICATE_ASSIGNED))
        || !TEST_int_eq(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server-rsa.key"),
                                                    SSL_FILETYPE_PEM), 1)
        || !TEST_int_eq(SSL_CTX_check_private_key(sctx), 1)
        || !create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !create_ssl_connection(s, c))
        goto end;
    ok = 1;
end:
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    RUN_TEST(test_record_too_long_header);
    RUN_TEST(test_record_too_long_plaintext);
    RUN_TEST(test_alert_instead_of_server_hello);
    RUN_TEST(test_alert_instead_of_client_flight);
    RUN_TEST(test_alert_before_client_hello);
    RUN_TEST(test_wrong_handshake_message);
    RUN_TEST(test_corrupt_key_exchange_signature);
    RUN_TEST(test_corrupt_certificate_length);
    RUN_TEST(test_corrupt_encrypted_finished);
    RUN_TEST(test_eof_in_flight_sends_alert);
    RUN_TEST(test_eof_in_server_flight);
    RUN_TEST(test_alert_then_close_tls12);
    RUN_TEST(test_alert_then_close_tls13);
    RUN_TEST(test_der_files);
    RUN_TEST(test_der_server_handshake);
    RUN_TEST(test_key_type_mismatch);
    return tu_finish();
}
