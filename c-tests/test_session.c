/*
 * Sessions and resumption: SSL_SESSION getters and setters, the SSL_CTX
 * session cache (mode, size, timeout, counters, add/remove/flush), TLS 1.3
 * tickets read after the handshake, TLS 1.2 tickets and session ids,
 * SSL_OP_NO_TICKET, the VERIFY_PEER-without-session-id-context rule,
 * sessions offered to another context or another version, new-session
 * callbacks (count, order, re-entrant getters), i2d/d2i and PEM in one
 * process and across two processes, SSL_SESSION_print's layout.
 */
#include "testutil.h"

#include <openssl/pem.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int n_client_new, n_server_new, n_server_remove, reenter_ok;
static SSL_SESSION *kept[8];
static int n_kept;

static int client_new_cb(SSL *ssl, SSL_SESSION *sess)
{
    unsigned int idlen = 0;

    n_client_new++;
    /* re-entrant calls on the same connection must work inside the callback */
    if (SSL_get_session(ssl) == sess && SSL_SESSION_get_id(sess, &idlen) != NULL
        && idlen > 0 && SSL_get_current_cipher(ssl) != NULL && SSL_version(ssl) != 0)
        reenter_ok++;
    if (n_kept < 8) {
        kept[n_kept++] = sess;
        return 1; /* keeps the reference */
    }
    return 0;
}

static int server_new_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    (void)sess;
    n_server_new++;
    return 0;
}

static void server_remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    (void)sess;
    n_server_remove++;
}

static void reset_counts(void)
{
    int i;

    for (i = 0; i < n_kept; i++)
        SSL_SESSION_free(kept[i]);
    n_kept = 0;
    n_client_new = n_server_new = n_server_remove = reenter_ok = 0;
}

static int make_pair(int version, SSL_CTX **sctx, SSL_CTX **cctx)
{
    return create_ssl_ctx_pair(version, version, "server-ec.pem", "server-ec.key", "ca-ec.pem",
                               sctx, cctx);
}

/* One connection: handshake, a client read that consumes TLS 1.3 tickets
 * (WANT_READ), shutdown both ways. Returns the client's session (new ref) in
 * *sess_out when non-NULL; *reused gets SSL_session_reused(client). */
static int connect_once(SSL_CTX *sctx, SSL_CTX *cctx, SSL_SESSION *offer, SSL_SESSION **sess_out,
                        int *reused)
{
    SSL *s = NULL, *c = NULL;
    char buf[8];
    int ok = 0;

    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    if (offer != NULL && !TEST_int_eq(SSL_set_session(c, offer), 1))
        goto end;
    if (!TEST_true(create_ssl_connection(s, c)))
        goto end;
    if (!TEST_int_eq(SSL_read(c, buf, sizeof(buf)), -1)
        || !TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_WANT_READ))
        goto end;
    if (!TEST_int_eq(SSL_session_reused(c), SSL_session_reused(s)))
        goto end;
    if (reused != NULL)
        *reused = SSL_session_reused(c);
    if (sess_out != NULL && !TEST_ptr(*sess_out = SSL_get1_session(c)))
        goto end;
    SSL_shutdown(c);
    SSL_shutdown(s);
    ok = 1;
end:
    SSL_free(c);
    SSL_free(s);
    return ok;
}

static int test_session_object(void)
{
    SSL_SESSION *x = NULL;
    unsigned char id[40];
    unsigned int len = 99;
    const unsigned char *alpn = (const unsigned char *)"x";
    size_t alen = 9;
    int ret = 0;

    memset(id, 7, sizeof(id));
    if (!TEST_ptr(x = SSL_SESSION_new()))
        goto end;
    if (!TEST_int_eq(SSL_SESSION_is_resumable(x), 0) || !TEST_int_eq(SSL_SESSION_get_timeout(x), 304)
        || !TEST_int_gt(SSL_SESSION_get_time(x), 0)
        || !TEST_int_eq(SSL_SESSION_get_protocol_version(x), 0)
        || !TEST_ptr_null(SSL_SESSION_get0_cipher(x)) || !TEST_int_eq(SSL_SESSION_has_ticket(x), 0)
        || !TEST_int_eq(SSL_SESSION_get_ticket_lifetime_hint(x), 0)
        || !TEST_int_eq(SSL_SESSION_get_max_early_data(x), 0)
        || !TEST_ptr_null(SSL_SESSION_get0_hostname(x)) || !TEST_ptr_null(SSL_SESSION_get0_peer(x))
        || !TEST_int_eq(i2d_SSL_SESSION(x, NULL), 0))
        goto end;
    SSL_SESSION_get0_alpn_selected(x, &alpn, &alen);
    if (!TEST_ptr_null(alpn) || !TEST_int_eq(alen, 0))
        goto end;
    if (!TEST_ptr(SSL_SESSION_get_id(x, &len)) || !TEST_int_eq(len, 0))
        goto end;
    /* ids: at most 32 bytes */
    if (!TEST_int_eq(SSL_SESSION_set1_id(x, id, 33), 0)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000198) /* SSL_SESSION_ID_TOO_LONG */
        || !TEST_int_eq(SSL_SESSION_set1_id(x, id, 32), 1)
        || !TEST_ptr(SSL_SESSION_get_id(x, &len)) || !TEST_int_eq(len, 32)
        || !TEST_int_eq(SSL_SESSION_is_resumable(x), 1))
        goto end;
    if (!TEST_int_eq(SSL_SESSION_set1_id_context(x, id, 33), 0)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000111) /* SSL_SESSION_ID_CONTEXT_TOO_LONG */
        || !TEST_int_eq(SSL_SESSION_set1_id_context(x, id, 5), 1)
        || !TEST_ptr(SSL_SESSION_get0_id_context(x, &len)) || !TEST_int_eq(len, 5))
        goto end;
    if (!TEST_int_eq(SSL_SESSION_set_timeout(x, -1), 0)
        || !TEST_int_eq(SSL_SESSION_set_timeout(x, 100), 1)
        || !TEST_int_eq(SSL_SESSION_get_timeout(x), 100)
        || !TEST_int_eq(SSL_SESSION_set_time(x, 5), 5) || !TEST_int_eq(SSL_SESSION_get_time(x), 5))
        goto end;
    if (!TEST_int_eq(SSL_SESSION_up_ref(x), 1))
        goto end;
    SSL_SESSION_free(x);
    ret = 1;
end:
    SSL_SESSION_free(x);
    return ret;
}

static int test_ctx_cache_settings(void)
{
    SSL_CTX *c = NULL;
    SSL *s = NULL;
    SSL_SESSION *x = NULL, *y;
    unsigned char id[40];
    int ret = 0, i;

    memset(id, 1, sizeof(id));
    if (!TEST_ptr(c = SSL_CTX_new(TLS_method())))
        goto end;
    if (!TEST_int_eq(SSL_CTX_get_timeout(c), 7200) || !TEST_int_eq(SSL_CTX_set_timeout(c, 50), 7200)
        || !TEST_int_eq(SSL_CTX_get_timeout(c), 50)
        || !TEST_int_eq(SSL_CTX_sess_get_cache_size(c), 20480)
        || !TEST_int_eq(SSL_CTX_sess_set_cache_size(c, 3), 20480)
        || !TEST_int_eq(SSL_CTX_sess_set_cache_size(c, -1), 0)
        || !TEST_int_eq(SSL_CTX_sess_get_cache_size(c), 3)
        || !TEST_int_eq(SSL_CTX_get_session_cache_mode(c), SSL_SESS_CACHE_SERVER)
        || !TEST_int_eq(SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_BOTH), SSL_SESS_CACHE_SERVER)
        || !TEST_int_eq(SSL_CTX_get_session_cache_mode(c), SSL_SESS_CACHE_BOTH)
        || !TEST_int_eq(SSL_CTX_get_num_tickets(c), 2) || !TEST_int_eq(SSL_CTX_set_num_tickets(c, 5), 1)
        || !TEST_int_eq(SSL_CTX_get_num_tickets(c), 5))
        goto end;
    if (!TEST_int_eq(SSL_CTX_set_session_id_context(c, id, 33), 0)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000111)
        || !TEST_int_eq(SSL_CTX_set_session_id_context(c, id, 32), 1))
        goto end;
    if (!TEST_int_eq(SSL_CTX_set_tlsext_ticket_key_evp_cb(c, NULL), 1))
        goto end;
    /* add / remove */
    if (!TEST_ptr(x = SSL_SESSION_new()) || !TEST_int_eq(SSL_SESSION_set1_id(x, id, 8), 1))
        goto end;
    SSL_CTX_sess_set_remove_cb(c, server_remove_cb);
    if (!TEST_true(SSL_CTX_sess_get_remove_cb(c) == server_remove_cb)
        || !TEST_true(SSL_CTX_sess_get_new_cb(c) == NULL)
        || !TEST_true(SSL_CTX_sess_get_get_cb(c) == NULL))
        goto end;
    reset_counts();
    if (!TEST_int_eq(SSL_CTX_add_session(c, x), 1) || !TEST_int_eq(SSL_CTX_add_session(c, x), 0)
        || !TEST_int_eq(SSL_CTX_sess_number(c), 1) || !TEST_int_eq(SSL_CTX_remove_session(c, x), 1)
        || !TEST_int_eq(SSL_CTX_remove_session(c, x), 0) || !TEST_int_eq(SSL_CTX_sess_number(c), 0)
        /* the remove callback runs even when the session was not cached */
        || !TEST_int_eq(n_server_remove, 2))
        goto end;
    /* the oldest session goes once the cache reaches its size */
    for (i = 0; i < 5; i++) {
        if (!TEST_ptr(y = SSL_SESSION_new()))
            goto end;
        id[0] = (unsigned char)(i + 10);
        SSL_SESSION_set1_id(y, id, 8);
        (void)SSL_SESSION_set_time(y, 1000);
        (void)SSL_SESSION_set_timeout(y, 10);
        if (!TEST_int_eq(SSL_CTX_add_session(c, y), 1))
            goto end;
        SSL_SESSION_free(y);
    }
    if (!TEST_int_eq(SSL_CTX_sess_number(c), 2) || !TEST_int_eq(SSL_CTX_sess_cache_full(c), 3)
        || !TEST_int_eq(n_server_remove, 5))
        goto end;
    SSL_CTX_flush_sessions(c, 2000);
    if (!TEST_int_eq(SSL_CTX_sess_number(c), 0) || !TEST_int_eq(n_server_remove, 7))
        goto end;
    /* SSL_CTX_free reports what is still cached */
    {
        SSL_CTX *c2 = SSL_CTX_new(TLS_method());
        SSL_SESSION *z = SSL_SESSION_new();

        if (!TEST_ptr(c2) || !TEST_ptr(z) || !TEST_int_eq(SSL_SESSION_set1_id(z, id, 4), 1)) {
            SSL_CTX_free(c2);
            SSL_SESSION_free(z);
            goto end;
        }
        SSL_CTX_sess_set_remove_cb(c2, server_remove_cb);
        i = SSL_CTX_add_session(c2, z);
        SSL_SESSION_free(z);
        SSL_CTX_free(c2);
        if (!TEST_int_eq(i, 1) || !TEST_int_eq(n_server_remove, 8))
            goto end;
    }
    /* an SSL inherits the ticket count; no session before a handshake */
    if (!TEST_ptr(s = SSL_new(c)) || !TEST_ptr_null(SSL_get_session(s))
        || !TEST_int_eq(SSL_session_reused(s), 0) || !TEST_int_eq(SSL_get_num_tickets(s), 5)
        || !TEST_int_eq(SSL_set_num_tickets(s, 1), 1) || !TEST_int_eq(SSL_get_num_tickets(s), 1))
        goto end;
    if (!TEST_int_eq(SSL_set_session(s, x), 1) || !TEST_true(SSL_get_session(s) == x)
        || !TEST_true(SSL_get0_session(s) == x))
        goto end;
    if (!TEST_int_eq(SSL_set_session_id_context(s, id, 33), 0)
        || !TEST_ulong_eq(ERR_get_error(), 0x0A000111)
        || !TEST_int_eq(SSL_set_session_id_context(s, id, 3), 1))
        goto end;
    ret = 1;
end:
    reset_counts();
    SSL_free(s);
    SSL_SESSION_free(x);
    SSL_CTX_free(c);
    return ret;
}

/* TLS 1.3: tickets arrive after the handshake; each one is a new session. */
static int test_tls13_tickets(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    SSL_SESSION *sess = NULL, *before = NULL;
    char buf[8];
    int ret = 0, reused = -1;

    reset_counts();
    if (!make_pair(TLS1_3_VERSION, &sctx, &cctx))
        goto end;
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_new_cb(cctx, client_new_cb);
    SSL_CTX_sess_set_new_cb(sctx, server_new_cb);
    if (!TEST_true(SSL_CTX_sess_get_new_cb(cctx) == client_new_cb))
        goto end;
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_ptr_null(SSL_get_session(c))
        || !TEST_true(create_ssl_connection(s, c)))
        goto end;
    /* server: one new session per ticket it sent; client: none read yet */
    if (!TEST_int_eq(n_server_new, 2) || !TEST_int_eq(n_client_new, 0))
        goto end;
    if (!TEST_ptr(before = SSL_get1_session(c)) || !TEST_int_eq(SSL_SESSION_is_resumable(before), 0)
        || !TEST_int_eq(SSL_SESSION_get_protocol_version(before), TLS1_3_VERSION)
        || !TEST_ptr(SSL_SESSION_get0_cipher(before)))
        goto end;
    if (!TEST_int_eq(SSL_read(c, buf, sizeof(buf)), -1)
        || !TEST_int_eq(SSL_get_error(c, -1), SSL_ERROR_WANT_READ))
        goto end;
    if (!TEST_int_eq(n_client_new, 2) || !TEST_int_eq(reenter_ok, 2))
        goto end;
    if (!TEST_ptr(sess = SSL_get1_session(c)) || !TEST_int_eq(SSL_SESSION_is_resumable(sess), 1)
        || !TEST_int_eq(SSL_SESSION_has_ticket(sess), 1)
        || !TEST_int_gt(SSL_SESSION_get_ticket_lifetime_hint(sess), 0)
        || !TEST_true(sess == kept[1]) || !TEST_true(kept[0] != kept[1])
        || !TEST_int_eq(SSL_SESSION_get_protocol_version(sess), TLS1_3_VERSION)
        || !TEST_ptr(SSL_SESSION_get0_peer(sess))
        || !TEST_ptr(X509_get_subject_name(SSL_SESSION_get0_peer(sess)))
        || !TEST_ptr_null(SSL_SESSION_get0_peer(SSL_get_session(s)))
        || !TEST_int_eq(SSL_CTX_sess_connect(cctx), 1) || !TEST_int_eq(SSL_CTX_sess_connect_good(cctx), 1)
        || !TEST_int_eq(SSL_CTX_sess_accept(sctx), 1) || !TEST_int_eq(SSL_CTX_sess_accept_good(sctx), 1)
        || !TEST_int_eq(SSL_CTX_sess_hits(sctx), 0))
        goto end;
    SSL_shutdown(c);
    SSL_shutdown(s);
    /* resumption: one more ticket each side */
    if (!connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 1))
        goto end;
    if (!TEST_int_eq(n_client_new, 3) || !TEST_int_eq(n_server_new, 3)
        || !TEST_int_eq(SSL_CTX_sess_hits(sctx), 1) || !TEST_int_eq(SSL_CTX_sess_accept(sctx), 2)
        || !TEST_int_eq(SSL_CTX_sess_accept_good(sctx), 2) || !TEST_int_eq(SSL_CTX_sess_misses(sctx), 0))
        goto end;
    /* without SSL_SESS_CACHE_CLIENT the client callback is not called */
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_OFF);
    if (!connect_once(sctx, cctx, NULL, NULL, NULL) || !TEST_int_eq(n_client_new, 3))
        goto end;
    ret = 1;
end:
    reset_counts();
    SSL_SESSION_free(before);
    SSL_SESSION_free(sess);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* TLS 1.2 with tickets (default) and with session ids (SSL_OP_NO_TICKET). */
static int tls12_case(int no_ticket)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    SSL_SESSION *sess = NULL;
    unsigned char mk[64], smk[64];
    unsigned int len = 0;
    int ret = 0, reused = -1;

    reset_counts();
    if (!make_pair(TLS1_2_VERSION, &sctx, &cctx))
        goto end;
    if (no_ticket)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_new_cb(cctx, client_new_cb);
    SSL_CTX_sess_set_new_cb(sctx, server_new_cb);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_true(create_ssl_connection(s, c)))
        goto end;
    /* the session is complete when the handshake is */
    if (!TEST_ptr(sess = SSL_get1_session(c)) || !TEST_int_eq(SSL_SESSION_is_resumable(sess), 1)
        || !TEST_int_eq(SSL_SESSION_has_ticket(sess), !no_ticket)
        || !TEST_ptr(SSL_SESSION_get_id(sess, &len)) || !TEST_int_eq(len, 32)
        || !TEST_int_eq(SSL_SESSION_get_protocol_version(sess), TLS1_2_VERSION)
        || !TEST_int_eq(n_client_new, 1) || !TEST_int_eq(reenter_ok, 1)
        || !TEST_int_eq(n_server_new, no_ticket ? 1 : 0)
        || !TEST_int_eq(SSL_CTX_sess_number(sctx), no_ticket ? 1 : 0))
        goto end;
    /* both sides hold the same 48-byte master secret */
    if (!TEST_int_eq(SSL_SESSION_get_master_key(sess, NULL, 0), 48)
        || !TEST_int_eq(SSL_SESSION_get_master_key(sess, mk, 10), 10)
        || !TEST_int_eq(SSL_SESSION_get_master_key(sess, mk, sizeof(mk)), 48)
        || !TEST_int_eq(SSL_SESSION_get_master_key(SSL_get_session(s), smk, sizeof(smk)), 48)
        || !TEST_mem_eq(mk, 48, smk, 48))
        goto end;
    SSL_shutdown(c);
    SSL_shutdown(s);
    /* resumed twice with the same session; no new session on a TLS 1.2 resumption */
    if (!connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 1)
        || !connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 1))
        goto end;
    if (!TEST_int_eq(n_client_new, 1) || !TEST_int_eq(n_server_new, no_ticket ? 1 : 0)
        || !TEST_int_eq(SSL_CTX_sess_hits(sctx), 2) || !TEST_int_eq(SSL_CTX_sess_misses(sctx), 0))
        goto end;
    ret = 1;
end:
    reset_counts();
    SSL_SESSION_free(sess);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int test_tls12_tickets(void)
{
    return tls12_case(0);
}

static int test_tls12_session_ids(void)
{
    return tls12_case(1);
}

/* TLS 1.3 with SSL_OP_NO_TICKET: stateful tickets kept in the server cache. */
static int test_tls13_stateful_tickets(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL_SESSION *sess = NULL;
    int ret = 0, reused = -1;

    reset_counts();
    if (!make_pair(TLS1_3_VERSION, &sctx, &cctx))
        goto end;
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_sess_set_new_cb(sctx, server_new_cb);
    if (!connect_once(sctx, cctx, NULL, &sess, &reused) || !TEST_int_eq(reused, 0)
        || !TEST_int_eq(SSL_CTX_sess_number(sctx), 2) || !TEST_int_eq(n_server_new, 2))
        goto end;
    if (!connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 1)
        || !TEST_int_eq(SSL_CTX_sess_hits(sctx), 1) || !TEST_int_eq(n_server_new, 3)
        || !TEST_int_eq(SSL_CTX_sess_number(sctx), 3))
        goto end;
    ret = 1;
end:
    reset_counts();
    SSL_SESSION_free(sess);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* A chain of resumptions: each connection resumes the previous one's session. */
static int test_resumption_chain(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL_SESSION *sess = NULL, *next = NULL;
    int ret = 0, reused = -1, i;

    if (!make_pair(TLS1_3_VERSION, &sctx, &cctx))
        goto end;
    if (!connect_once(sctx, cctx, NULL, &sess, &reused) || !TEST_int_eq(reused, 0))
        goto end;
    for (i = 0; i < 4; i++) {
        if (!connect_once(sctx, cctx, sess, &next, &reused) || !TEST_int_eq(reused, 1))
            goto end;
        SSL_SESSION_free(sess);
        sess = next;
        next = NULL;
    }
    /* the same session used twice */
    if (!connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 1)
        || !connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 1))
        goto end;
    if (!TEST_int_eq(SSL_CTX_sess_hits(sctx), 6))
        goto end;
    ret = 1;
end:
    SSL_SESSION_free(sess);
    SSL_SESSION_free(next);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Sessions a server cannot resume give a full handshake, never an error. */
static int test_unresumable_offers(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL, *sctx2 = NULL, *cctx2 = NULL;
    SSL_CTX *sctx12 = NULL, *cctx12 = NULL;
    SSL_SESSION *sess = NULL, *sess12 = NULL;
    int ret = 0, reused = -1;

    if (!make_pair(TLS1_3_VERSION, &sctx, &cctx) || !make_pair(TLS1_3_VERSION, &sctx2, &cctx2)
        || !make_pair(0, &sctx12, &cctx12))
        goto end;
    if (!connect_once(sctx, cctx, NULL, &sess, NULL))
        goto end;
    /* another server context: its ticket keys differ */
    if (!connect_once(sctx2, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 0))
        goto end;
    /* a TLS 1.2 session offered by a TLS 1.3-capable client to a TLS 1.3 server */
    SSL_CTX_set_max_proto_version(sctx12, TLS1_2_VERSION);
    if (!connect_once(sctx12, cctx12, NULL, &sess12, &reused)
        || !TEST_int_eq(SSL_SESSION_get_protocol_version(sess12), TLS1_2_VERSION))
        goto end;
    SSL_CTX_set_max_proto_version(sctx12, 0);
    if (!connect_once(sctx12, cctx12, sess12, NULL, &reused) || !TEST_int_eq(reused, 0))
        goto end;
    /* a TLS 1.3 resumption with another suite of the same hash: OpenSSL resumes, a rustls
     * server makes a full handshake (KNOWN_DIFFERENCES.md); both succeed */
    SSL_CTX_set_ciphersuites(cctx, "TLS_AES_128_GCM_SHA256");
    SSL_SESSION_free(sess);
    sess = NULL;
    if (!connect_once(sctx, cctx, NULL, &sess, NULL))
        goto end;
    SSL_CTX_set_ciphersuites(cctx, "TLS_CHACHA20_POLY1305_SHA256");
    if (!connect_once(sctx, cctx, sess, NULL, &reused))
        goto end;
    /* ... and of another hash: not resumed */
    SSL_CTX_set_ciphersuites(cctx, "TLS_AES_256_GCM_SHA384");
    if (!connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 0))
        goto end;
    ret = 1;
end:
    SSL_SESSION_free(sess);
    SSL_SESSION_free(sess12);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx2);
    SSL_CTX_free(cctx2);
    SSL_CTX_free(sctx12);
    SSL_CTX_free(cctx12);
    return ret;
}

/* A server verifying clients without a session id context refuses to resume:
 * fatal in TLS 1.3 (ticket found), a cache miss in TLS 1.2 (never cached). */
static int test_verify_peer_without_sid_ctx(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    SSL_SESSION *sess = NULL;
    struct hs_side hs, hc;
    int ret = 0, reused = -1;

    reset_counts();
    if (!make_pair(TLS1_3_VERSION, &sctx, &cctx))
        goto end;
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_sess_set_new_cb(sctx, server_new_cb);
    SSL_CTX_sess_set_remove_cb(sctx, server_remove_cb);
    if (!connect_once(sctx, cctx, NULL, &sess, NULL) || !TEST_int_eq(n_server_new, 0)
        || !TEST_int_eq(SSL_SESSION_is_resumable(sess), 1))
        goto end;
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_int_eq(SSL_set_session(c, sess), 1))
        goto end;
    memset(&hs, 0, sizeof(hs));
    memset(&hc, 0, sizeof(hc));
    pump_handshake(s, c, &hs, &hc, 20);
    if (!TEST_true(hs.failed) || !TEST_true(hc.failed) || !TEST_int_ge(hs.nerrs, 1)
        || !TEST_ulong_eq(hs.errs[0], 0x0A000115) /* SESSION_ID_CONTEXT_UNINITIALIZED */
        || !TEST_int_ge(hc.nerrs, 1) || !TEST_ulong_eq(hc.errs[0], 0x0A000438) /* alert internal error */
        || !TEST_int_eq(n_server_remove, 1))
        goto end;
    SSL_free(c);
    SSL_free(s);
    c = s = NULL;
    SSL_SESSION_free(sess);
    sess = NULL;
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    sctx = cctx = NULL;

    reset_counts();
    if (!make_pair(TLS1_2_VERSION, &sctx, &cctx))
        goto end;
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_sess_set_new_cb(sctx, server_new_cb);
    if (!connect_once(sctx, cctx, NULL, &sess, NULL) || !TEST_int_eq(n_server_new, 0)
        || !TEST_int_eq(SSL_CTX_sess_number(sctx), 0))
        goto end;
    if (!connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 0)
        || !TEST_int_eq(SSL_CTX_sess_misses(sctx), 1))
        goto end;
    /* with a session id context it resumes */
    SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"app", 3);
    SSL_SESSION_free(sess);
    sess = NULL;
    if (!connect_once(sctx, cctx, NULL, &sess, NULL) || !TEST_int_eq(n_server_new, 1)
        || !connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 1))
        goto end;
    ret = 1;
end:
    reset_counts();
    SSL_SESSION_free(sess);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* A session id context mismatch is a miss, not an error. */
static int test_sid_ctx_mismatch(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL_SESSION *sess = NULL;
    int ret = 0, reused = -1;

    if (!make_pair(TLS1_3_VERSION, &sctx, &cctx))
        goto end;
    SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"one", 3);
    if (!connect_once(sctx, cctx, NULL, &sess, NULL))
        goto end;
    SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"two", 3);
    if (!connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 0))
        goto end;
    ret = 1;
end:
    SSL_SESSION_free(sess);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* SSL_free of an established connection that sent no close_notify retires
 * its session on both sides (not resumable, out of the cache, remove
 * callback); after SSL_shutdown it stays. */
static int test_free_without_shutdown(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    SSL_SESSION *cs = NULL, *ss = NULL;
    int ret = 0;

    reset_counts();
    if (!make_pair(TLS1_2_VERSION, &sctx, &cctx))
        goto end;
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_sess_set_remove_cb(sctx, server_remove_cb);
    SSL_CTX_sess_set_remove_cb(cctx, server_remove_cb);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_true(create_ssl_connection(s, c))
        || !TEST_ptr(cs = SSL_get1_session(c)) || !TEST_ptr(ss = SSL_get1_session(s))
        || !TEST_int_eq(SSL_CTX_sess_number(sctx), 1))
        goto end;
    SSL_free(c);
    SSL_free(s);
    c = s = NULL;
    if (!TEST_int_eq(SSL_SESSION_is_resumable(cs), 0) || !TEST_int_eq(SSL_SESSION_is_resumable(ss), 0)
        || !TEST_int_eq(SSL_CTX_sess_number(sctx), 0) || !TEST_int_eq(n_server_remove, 2))
        goto end;
    /* a client session freed that way is not offered again: a full handshake */
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_int_eq(SSL_set_session(c, cs), 1)
        || !TEST_true(create_ssl_connection(s, c)) || !TEST_int_eq(SSL_session_reused(c), 0))
        goto end;
    SSL_shutdown(c);
    SSL_shutdown(s);
    SSL_free(c);
    SSL_free(s);
    c = s = NULL;
    SSL_SESSION_free(cs);
    SSL_SESSION_free(ss);
    cs = ss = NULL;
    /* with shutdown: kept (the full handshake above left one session too) */
    if (!connect_once(sctx, cctx, NULL, &cs, NULL) || !TEST_int_eq(SSL_SESSION_is_resumable(cs), 1)
        || !TEST_int_eq(SSL_CTX_sess_number(sctx), 2) || !TEST_int_eq(n_server_remove, 2))
        goto end;
    ret = 1;
end:
    reset_counts();
    SSL_SESSION_free(cs);
    SSL_SESSION_free(ss);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

static int servername_ok(SSL *s, int *al, void *arg)
{
    (void)s;
    (void)al;
    (void)arg;
    return SSL_TLSEXT_ERR_OK;
}

/* Resumption on a server that runs ClientHello callbacks (servername). */
static int test_resume_with_hello_callback(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL_SESSION *sess = NULL;
    int ret = 0, reused = -1, v;

    for (v = 0; v < 2; v++) {
        if (!make_pair(v ? TLS1_2_VERSION : TLS1_3_VERSION, &sctx, &cctx))
            goto end;
        SSL_CTX_set_tlsext_servername_callback(sctx, servername_ok);
        SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"app", 3);
        if (v)
            SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
        if (!connect_once(sctx, cctx, NULL, &sess, &reused) || !TEST_int_eq(reused, 0)
            || !connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 1)
            || !TEST_int_eq(SSL_CTX_sess_hits(sctx), 1))
            goto end;
        SSL_SESSION_free(sess);
        SSL_CTX_free(sctx);
        SSL_CTX_free(cctx);
        sess = NULL;
        sctx = cctx = NULL;
    }
    ret = 1;
end:
    SSL_SESSION_free(sess);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* SSL_clear keeps the session for the next handshake after SSL_shutdown (it is offered and
 * resumed); without close_notify the session is dropped. */
static int test_clear_reuses_session(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL, *s2 = NULL;
    SSL_SESSION *before;
    BIO *cb = NULL, *sb = NULL;
    char buf[4];
    int ret = 0, sd;

    for (sd = 0; sd < 2; sd++) {
        if (!make_pair(TLS1_3_VERSION, &sctx, &cctx)
            || !create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL)
            || !TEST_true(create_ssl_connection(s, c))
            || !TEST_int_eq(SSL_read(c, buf, sizeof(buf)), -1))
            goto end;
        before = SSL_get_session(c);
        if (sd) {
            SSL_shutdown(c);
            SSL_shutdown(s);
        }
        if (!TEST_int_eq(SSL_clear(c), 1))
            goto end;
        if (sd ? !TEST_true(SSL_get_session(c) == before) : !TEST_ptr_null(SSL_get_session(c)))
            goto end;
        if (!TEST_ptr(s2 = SSL_new(sctx)) || !TEST_int_eq(BIO_new_bio_pair(&cb, 0, &sb, 0), 1))
            goto end;
        SSL_set_bio(c, cb, cb);
        SSL_set_bio(s2, sb, sb);
        SSL_set_accept_state(s2);
        if (!TEST_true(create_ssl_connection(s2, c)) || !TEST_int_eq(SSL_session_reused(c), sd))
            goto end;
        SSL_free(c);
        SSL_free(s);
        SSL_free(s2);
        c = s = s2 = NULL;
        SSL_CTX_free(sctx);
        SSL_CTX_free(cctx);
        sctx = cctx = NULL;
    }
    ret = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_free(s2);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* An external server cache: new-session callback stores the encoding by id, get-session
 * callback decodes it; the internal cache is off. */
static unsigned char ext_der[4][2048];
static int ext_len[4], ext_idlen[4], n_ext, n_get;
static unsigned char ext_id[4][32];

static int ext_new_cb(SSL *ssl, SSL_SESSION *sess)
{
    unsigned int idlen = 0;
    const unsigned char *id = SSL_SESSION_get_id(sess, &idlen);
    unsigned char *p;
    int n = i2d_SSL_SESSION(sess, NULL);

    (void)ssl;
    if (n_ext < 4 && n > 0 && n <= 2048 && idlen <= 32) {
        p = ext_der[n_ext];
        ext_len[n_ext] = i2d_SSL_SESSION(sess, &p);
        memcpy(ext_id[n_ext], id, idlen);
        ext_idlen[n_ext] = (int)idlen;
        n_ext++;
    }
    return 0;
}

static SSL_SESSION *ext_get_cb(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    int i;

    (void)ssl;
    n_get++;
    for (i = 0; i < n_ext; i++) {
        if (ext_idlen[i] == len && memcmp(ext_id[i], id, (size_t)len) == 0) {
            const unsigned char *q = ext_der[i];
            *copy = 0;
            return d2i_SSL_SESSION(NULL, &q, ext_len[i]);
        }
    }
    return NULL;
}

static int test_external_cache(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL_SESSION *sess = NULL;
    int ret = 0, reused = -1, v;

    for (v = 0; v < 2; v++) {
        n_ext = n_get = 0;
        if (!make_pair(v ? TLS1_2_VERSION : TLS1_3_VERSION, &sctx, &cctx))
            goto end;
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
        SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
        SSL_CTX_sess_set_new_cb(sctx, ext_new_cb);
        SSL_CTX_sess_set_get_cb(sctx, ext_get_cb);
        if (!TEST_true(SSL_CTX_sess_get_get_cb(sctx) == ext_get_cb))
            goto end;
        if (!connect_once(sctx, cctx, NULL, &sess, &reused) || !TEST_int_eq(reused, 0)
            || !TEST_int_eq(n_ext, v ? 1 : 2) || !TEST_int_eq(n_get, 0)
            || !TEST_int_eq(SSL_CTX_sess_number(sctx), 0))
            goto end;
        if (!connect_once(sctx, cctx, sess, NULL, &reused) || !TEST_int_eq(reused, 1)
            || !TEST_int_eq(n_get, 1) || !TEST_int_eq(SSL_CTX_sess_cb_hits(sctx), 1)
            || !TEST_int_eq(SSL_CTX_sess_hits(sctx), 1) || !TEST_int_eq(SSL_CTX_sess_number(sctx), 0))
            goto end;
        SSL_SESSION_free(sess);
        SSL_CTX_free(sctx);
        SSL_CTX_free(cctx);
        sess = NULL;
        sctx = cctx = NULL;
    }
    ret = 1;
end:
    SSL_SESSION_free(sess);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* i2d/d2i and PEM in one process: the decoded session resumes. */
static int test_encodings_in_process(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL_SESSION *sess = NULL, *back = NULL, *pem = NULL, *reuse = NULL;
    unsigned char *der = NULL, *p;
    const unsigned char *q;
    static const unsigned char junk[] = "garbage!";
    BIO *b = NULL;
    int ret = 0, reused = -1, n;

    if (!make_pair(TLS1_3_VERSION, &sctx, &cctx) || !connect_once(sctx, cctx, NULL, &sess, NULL))
        goto end;
    if (!TEST_int_gt(n = i2d_SSL_SESSION(sess, NULL), 0) || !TEST_ptr(der = OPENSSL_malloc(n + 4)))
        goto end;
    p = der;
    if (!TEST_int_eq(i2d_SSL_SESSION(sess, &p), n) || !TEST_true(p == der + n))
        goto end;
    q = der;
    if (!TEST_ptr(back = d2i_SSL_SESSION(NULL, &q, n)) || !TEST_true(q == der + n)
        || !TEST_int_eq(SSL_SESSION_is_resumable(back), 1) || !TEST_ptr(SSL_SESSION_get0_peer(back)))
        goto end;
    /* d2i into an existing object reuses it */
    q = der;
    if (!TEST_ptr(reuse = SSL_SESSION_new()) || !TEST_true(d2i_SSL_SESSION(&reuse, &q, n) == reuse)
        || !TEST_int_eq(SSL_SESSION_get_protocol_version(reuse), TLS1_3_VERSION))
        goto end;
    if (!connect_once(sctx, cctx, back, NULL, &reused) || !TEST_int_eq(reused, 1))
        goto end;
    /* PEM */
    if (!TEST_ptr(b = BIO_new(BIO_s_mem())) || !TEST_int_eq(PEM_write_bio_SSL_SESSION(b, sess), 1)
        || !TEST_ptr(pem = PEM_read_bio_SSL_SESSION(b, NULL, NULL, NULL))
        || !TEST_int_eq(SSL_SESSION_is_resumable(pem), 1))
        goto end;
    if (!connect_once(sctx, cctx, pem, NULL, &reused) || !TEST_int_eq(reused, 1))
        goto end;
    /* nothing left: no start line */
    if (!TEST_ptr_null(PEM_read_bio_SSL_SESSION(b, NULL, NULL, NULL))
        || !TEST_int_eq(ERR_GET_LIB(ERR_peek_last_error()), ERR_LIB_PEM)
        || !TEST_int_eq(ERR_GET_REASON(ERR_peek_last_error()), 108 /* PEM_R_NO_START_LINE */))
        goto end;
    ERR_clear_error();
    /* garbage: NULL with ASN1 errors, *pp unchanged */
    q = junk;
    if (!TEST_ptr_null(d2i_SSL_SESSION(NULL, &q, sizeof(junk) - 1)) || !TEST_true(q == junk)
        || !TEST_int_eq(ERR_GET_LIB(ERR_peek_last_error()), ERR_LIB_ASN1))
        goto end;
    ERR_clear_error();
    ret = 1;
end:
    OPENSSL_free(der);
    BIO_free(b);
    SSL_SESSION_free(sess);
    SSL_SESSION_free(back);
    SSL_SESSION_free(pem);
    SSL_SESSION_free(reuse);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* Another process made the sessions and wrote them as PEM:
 *  - the server session, added to a new context here, resumes a client
 *    session made in this process (server-side persistence);
 *  - the client session read here gives a successful handshake (OpenSSL
 *    resumes it; sslrs cannot resume a client session across processes and
 *    makes a full handshake: both are accepted). */
static int test_encodings_two_processes(void)
{
    char path[] = "/tmp/sslrs-sess-XXXXXX";
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *s = NULL, *c = NULL;
    SSL_SESSION *ssess = NULL, *csess = NULL, *mine = NULL;
    FILE *f = NULL;
    int fd, ret = 0, status = 0, reused = -1, sv[2] = {-1, -1};
    pid_t pid;
    BIO *cb = NULL;

    if (!TEST_int_ge(fd = mkstemp(path), 0))
        goto end;
    close(fd);
    if (!TEST_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0))
        goto end;
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        /* child: a TLS 1.2 server (session ids) talking to the parent's client
         * over the socket, and a local client; writes the server session and
         * the local client session */
        SSL_CTX *cs = NULL, *cc = NULL;
        SSL *srv = NULL;
        SSL_SESSION *x = NULL, *y = NULL;
        FILE *o = NULL;
        int ok = 0;

        close(sv[0]);
        if (make_pair(TLS1_2_VERSION, &cs, &cc)) {
            SSL_CTX_set_options(cs, SSL_OP_NO_TICKET);
            SSL_CTX_set_session_id_context(cs, (const unsigned char *)"app", 3);
            if ((srv = SSL_new(cs)) != NULL && SSL_set_fd(srv, sv[1]) == 1 && SSL_accept(srv) == 1
                && (x = SSL_get1_session(srv)) != NULL && connect_once(cs, cc, NULL, &y, NULL)
                && (o = fopen(path, "w")) != NULL && PEM_write_SSL_SESSION(o, x) == 1
                && PEM_write_SSL_SESSION(o, y) == 1)
                ok = 1;
            if (srv != NULL)
                SSL_shutdown(srv);
            ERR_clear_error();
        }
        if (o != NULL)
            fclose(o);
        SSL_free(srv);
        SSL_SESSION_free(x);
        SSL_SESSION_free(y);
        SSL_CTX_free(cs);
        SSL_CTX_free(cc);
        close(sv[1]);
        exit(ok ? 0 : 1);
    }
    close(sv[1]);
    sv[1] = -1;
    if (!make_pair(TLS1_2_VERSION, &sctx, &cctx))
        goto end;
    /* our client against the child's server */
    if (!TEST_ptr(c = SSL_new(cctx)) || !TEST_int_eq(SSL_set_fd(c, sv[0]), 1)
        || !TEST_int_eq(SSL_connect(c), 1) || !TEST_ptr(mine = SSL_get1_session(c)))
        goto end;
    /* the child may be gone already: EPIPE, not SIGPIPE */
    SSL_shutdown(c);
    ERR_clear_error();
    SSL_free(c);
    c = NULL;
    if (!TEST_int_eq(waitpid(pid, &status, 0), pid) || !TEST_true(WIFEXITED(status))
        || !TEST_int_eq(WEXITSTATUS(status), 0))
        goto end;
    if (!TEST_ptr(f = fopen(path, "r")) || !TEST_ptr(ssess = PEM_read_SSL_SESSION(f, NULL, NULL, NULL))
        || !TEST_ptr(csess = PEM_read_SSL_SESSION(f, NULL, NULL, NULL)))
        goto end;
    /* server-side persistence: the child's server session resumes here */
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"app", 3);
    if (!TEST_int_eq(SSL_CTX_add_session(sctx, ssess), 1)
        || !connect_once(sctx, cctx, mine, NULL, &reused) || !TEST_int_eq(reused, 1))
        goto end;
    /* the child's client session: a successful handshake either way */
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_int_eq(SSL_set_session(c, csess), 1)
        || !TEST_true(create_ssl_connection(s, c)))
        goto end;
    (void)cb;
    ret = 1;
end:
    if (f != NULL)
        fclose(f);
    unlink(path);
    if (sv[0] >= 0)
        close(sv[0]);
    SSL_free(c);
    SSL_free(s);
    SSL_SESSION_free(ssess);
    SSL_SESSION_free(csess);
    SSL_SESSION_free(mine);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

/* SSL_SESSION_print: OpenSSL's labels in OpenSSL's order. */
static int print_labels(SSL_SESSION *x, char *out, size_t outlen)
{
    BIO *b = BIO_new(BIO_s_mem());
    char line[512];
    size_t used = 0;

    if (b == NULL || SSL_SESSION_print(b, x) != 1) {
        BIO_free(b);
        return 0;
    }
    out[0] = '\0';
    while (BIO_gets(b, line, sizeof(line)) > 0) {
        char *colon = strchr(line, ':');
        /* ticket dump lines ("    0000 - ..") and blank lines vary in number */
        if (strstr(line, " - ") != NULL || colon == NULL)
            continue;
        *colon = '\0';
        if (used + strlen(line) + 2 >= outlen)
            break;
        used += (size_t)sprintf(out + used, "%s|", line);
    }
    BIO_free(b);
    return 1;
}

static int test_session_print(void)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL_SESSION *sess = NULL, *fresh = NULL;
    char labels[1024];
    int ret = 0;

    if (!TEST_ptr(fresh = SSL_SESSION_new()) || !TEST_true(print_labels(fresh, labels, sizeof(labels))))
        goto end;
    if (!TEST_str_eq(labels, "SSL-Session|    Protocol  |    Cipher    |    Session-ID|    Session-ID-ctx|"
                             "    Master-Key|    PSK identity|    PSK identity hint|    SRP username|"
                             "    Start Time|    Timeout   |    Verify return code|"
                             "    Extended master secret|"))
        goto end;
    if (!make_pair(TLS1_3_VERSION, &sctx, &cctx) || !connect_once(sctx, cctx, NULL, &sess, NULL)
        || !TEST_true(print_labels(sess, labels, sizeof(labels))))
        goto end;
    if (!TEST_str_eq(labels, "SSL-Session|    Protocol  |    Cipher    |    Session-ID|    Session-ID-ctx|"
                             "    Resumption PSK|    PSK identity|    PSK identity hint|    SRP username|"
                             "    TLS session ticket lifetime hint|    TLS session ticket|"
                             "    Start Time|    Timeout   |    Verify return code|"
                             "    Extended master secret|    Max Early Data|"))
        goto end;
    ret = 1;
end:
    SSL_SESSION_free(fresh);
    SSL_SESSION_free(sess);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    RUN_TEST(test_session_object);
    RUN_TEST(test_ctx_cache_settings);
    RUN_TEST(test_tls13_tickets);
    RUN_TEST(test_tls12_tickets);
    RUN_TEST(test_tls12_session_ids);
    RUN_TEST(test_tls13_stateful_tickets);
    RUN_TEST(test_resumption_chain);
    RUN_TEST(test_unresumable_offers);
    RUN_TEST(test_verify_peer_without_sid_ctx);
    RUN_TEST(test_sid_ctx_mismatch);
    RUN_TEST(test_free_without_shutdown);
    RUN_TEST(test_resume_with_hello_callback);
    RUN_TEST(test_clear_reuses_session);
    RUN_TEST(test_external_cache);
    RUN_TEST(test_encodings_in_process);
    RUN_TEST(test_encodings_two_processes);
    RUN_TEST(test_session_print);
    return tu_finish();
}
