/*
 * Target 4: d2i_SSL_SESSION, then on success the i2d round trip, the getters, the printers,
 * and the session offered for resumption in a real ClientHello.
 *
 * Input: one flags byte, then the DER. Flags: bit 0 offer the session in a ClientHello,
 * bit 1 PEM_read_bio_SSL_SESSION instead of d2i, bit 2 SSL_SESSION_dup first.
 */
#include "fuzz.h"

static SSL_CTX *cctx;
static BIO *sink;

static void setup(void)
{
    if (cctx != NULL)
        return;
    cctx = fz_client_ctx();
    sink = BIO_new(BIO_s_mem());
}

static void getters(SSL_SESSION *s)
{
    unsigned int len = 0;
    const unsigned char *p;
    unsigned char mk[256];
    size_t alen = 0, mlen;
    const SSL_CIPHER *c;
    int v;

    v = SSL_SESSION_get_protocol_version(s);
    FZ_CHECK(v >= 0);
    c = SSL_SESSION_get0_cipher(s);
    if (c != NULL) {
        char desc[256];
        FZ_CHECK(SSL_CIPHER_get_name(c) != NULL);
        FZ_CHECK(SSL_CIPHER_description(c, desc, sizeof desc) != NULL);
    }
    p = SSL_SESSION_get_id(s, &len);
    FZ_CHECK(len <= SSL_MAX_SSL_SESSION_ID_LENGTH);
    FZ_CHECK(len == 0 || p != NULL);
    p = SSL_SESSION_get0_id_context(s, &len);
    FZ_CHECK(len <= SSL_MAX_SID_CTX_LENGTH);
    mlen = SSL_SESSION_get_master_key(s, NULL, 0);
    FZ_CHECK(mlen <= SSL_MAX_MASTER_KEY_LENGTH);
    FZ_CHECK(SSL_SESSION_get_master_key(s, mk, sizeof mk) == mlen);
    SSL_SESSION_get0_alpn_selected(s, &p, &alen);
    FZ_CHECK(alen == 0 || p != NULL);
    (void)SSL_SESSION_get0_hostname(s);
    (void)SSL_SESSION_get_time(s);
    (void)SSL_SESSION_get_timeout(s);
    (void)SSL_SESSION_get_max_early_data(s);
    (void)SSL_SESSION_get_ticket_lifetime_hint(s);
    (void)SSL_SESSION_get_max_fragment_length(s);
    (void)SSL_SESSION_get_compress_id(s);
    FZ_CHECK(SSL_SESSION_has_ticket(s) == 0 || SSL_SESSION_has_ticket(s) == 1);
    FZ_CHECK(SSL_SESSION_is_resumable(s) == 0 || SSL_SESSION_is_resumable(s) == 1);
    if (SSL_SESSION_has_ticket(s)) {
        size_t tl = 0;
        SSL_SESSION_get0_ticket(s, &p, &tl);
        FZ_CHECK(tl == 0 || p != NULL);
    }
    {
        X509 *peer = SSL_SESSION_get0_peer(s);
        (void)peer;
    }
    (void)BIO_reset(sink);
    FZ_CHECK(SSL_SESSION_print(sink, s) >= 0);
    (void)SSL_SESSION_print_keylog(sink, s);
    (void)BIO_reset(sink);
}

static void round_trip(SSL_SESSION *s)
{
    unsigned char *d1 = NULL, *d2 = NULL;
    int l1, l2;
    const unsigned char *q;
    SSL_SESSION *back;

    l1 = i2d_SSL_SESSION(s, NULL);
    if (l1 <= 0)
        return;
    d1 = malloc((size_t)l1);
    FZ_CHECK(d1 != NULL);
    {
        unsigned char *w = d1;
        FZ_CHECK(i2d_SSL_SESSION(s, &w) == l1);
        FZ_CHECK(w == d1 + l1);
    }
    q = d1;
    back = d2i_SSL_SESSION(NULL, &q, l1);
    if (back == NULL)
        FZ_FAIL("i2d_SSL_SESSION output (%d bytes) does not parse back", l1);
    FZ_CHECK(q == d1 + l1);
    l2 = i2d_SSL_SESSION(back, &d2);
    if (l2 != l1 || memcmp(d1, d2, (size_t)l1) != 0)
        FZ_FAIL("i2d(d2i(i2d(s))) differs from i2d(s) (%d vs %d bytes)", l2, l1);
    getters(back);
    SSL_SESSION_free(back);
    OPENSSL_free(d2);
    free(d1);
}

static void offer(SSL_SESSION *sess)
{
    SSL *s = SSL_new(cctx);
    BIO *rb = BIO_new(BIO_s_mem()), *wb = BIO_new(BIO_s_mem());
    int r;
    FZ_CHECK(s != NULL && rb != NULL && wb != NULL);
    SSL_set_bio(s, rb, wb);
    SSL_set_connect_state(s);
    SSL_set_tlsext_host_name(s, "localhost");
    r = SSL_set_session(s, sess);
    FZ_CHECK(r == 0 || r == 1);
    r = SSL_do_handshake(s);
    FZ_CHECK(r <= 0);
    fz_get_error(s, r, "SSL_do_handshake");
    fz_drain(wb);
    SSL_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_in in = { data, size };
    unsigned flags;
    SSL_SESSION *s;
    const unsigned char *q;

    setup();
    flags = fz_u8(&in);
    q = in.p;
    if (flags & 2) {
        BIO *b = BIO_new_mem_buf(in.p, (int)in.n);
        s = PEM_read_bio_SSL_SESSION(b, NULL, NULL, NULL);
        BIO_free(b);
    } else {
        s = d2i_SSL_SESSION(NULL, &q, (long)in.n);
        if (s != NULL)
            FZ_CHECK(q > in.p && q <= in.p + in.n);
    }
    if (s != NULL) {
        if (flags & 4) {
            SSL_SESSION *d = SSL_SESSION_dup(s);
            if (d != NULL) {
                SSL_SESSION_free(s);
                s = d;
            }
        }
        getters(s);
        round_trip(s);
        if (flags & 1)
            offer(s);
        SSL_SESSION_free(s);
    }
    fz_end();
    return 0;
}
