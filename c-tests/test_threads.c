/*
 * Threads: 8 threads making handshakes at once with one shared client SSL_CTX and one shared
 * server SSL_CTX, half of them offering one shared SSL_SESSION (TLS 1.2, so that every offer
 * can resume), while another thread keeps changing settings of both contexts that do not
 * change the outcome (options, timeouts, cache size, verify depth). Every handshake must
 * succeed, verify, carry data both ways and shut down cleanly; resumptions must happen.
 * (Under valgrind, SSLRS_TEST_TRANSFER is set and the counts are smaller.)
 */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8

static SSL_CTX *sctx, *cctx;
static SSL_SESSION *shared;
static int per_thread = 40;
static atomic_int stop_changes;

struct result {
    int ok, resumed, failed;
};

static int one_connection(int offer, int *resumed)
{
    SSL *c = NULL, *s = NULL;
    char buf[32];
    int ok = 0;

    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        goto end;
    if (offer && SSL_set_session(c, shared) != 1)
        goto end;
    if (SSL_set1_host(c, "localhost") != 1 || !create_ssl_connection(s, c))
        goto end;
    if (SSL_get_verify_result(c) != X509_V_OK || SSL_write(c, "ping", 4) != 4
        || SSL_read(s, buf, sizeof(buf)) != 4 || memcmp(buf, "ping", 4) != 0
        || SSL_write(s, "pong", 4) != 4 || SSL_read(c, buf, sizeof(buf)) != 4
        || memcmp(buf, "pong", 4) != 0)
        goto end;
    *resumed = SSL_session_reused(c);
    /* bidirectional shutdown over the pair */
    if (SSL_shutdown(c) != 0 || SSL_shutdown(s) != 0 || SSL_shutdown(c) != 1)
        goto end;
    ok = 1;
end:
    if (!ok)
        ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    return ok;
}

static void *worker(void *arg)
{
    struct result *r = arg;
    int i;

    for (i = 0; i < per_thread; i++) {
        int resumed = 0;

        if (one_connection(i % 2, &resumed)) {
            r->ok++;
            r->resumed += resumed;
        } else {
            r->failed++;
        }
    }
    ERR_clear_error();
    return NULL;
}

static void *changer(void *arg)
{
    long n = 0;

    (void)arg;
    while (!stop_changes) {
        SSL_CTX_set_options(cctx, SSL_OP_NO_COMPRESSION);
        SSL_CTX_clear_options(sctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
        SSL_CTX_set_timeout(sctx, 300 + (n % 2));
        SSL_CTX_sess_set_cache_size(sctx, 1000 + (n % 2));
        SSL_CTX_set_verify_depth(cctx, 10 + (int)(n % 2));
        (void)SSL_CTX_get_options(sctx);
        (void)SSL_CTX_sess_number(sctx);
        n++;
    }
    return (void *)n;
}

static int test_shared_contexts(void)
{
    pthread_t t[THREADS], ch;
    struct result r[THREADS];
    SSL *c = NULL, *s = NULL;
    void *changes = NULL;
    int i, ok = 0, total = 0, resumed = 0, failed = 0;

    memset(r, 0, sizeof(r));
    if (getenv("SSLRS_TEST_TRANSFER") != NULL)
        per_thread = 4;
    if (!TEST_true(create_ssl_ctx_pair(TLS1_2_VERSION, TLS1_2_VERSION, "server-ec.pem",
                                       "server-ec.key", "ca-ec.pem", &sctx, &cctx)))
        goto end;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    /* the shared session */
    if (!TEST_true(create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL))
        || !TEST_true(create_ssl_connection(s, c)) || !TEST_ptr(shared = SSL_get1_session(c))
        /* shut down, or the session is not resumable */
        || !TEST_int_eq(SSL_shutdown(c), 0) || !TEST_int_eq(SSL_shutdown(s), 0))
        goto end;
    SSL_free(c);
    SSL_free(s);
    c = s = NULL;
    stop_changes = 0;
    if (!TEST_int_eq(pthread_create(&ch, NULL, changer, NULL), 0))
        goto end;
    for (i = 0; i < THREADS; i++)
        if (!TEST_int_eq(pthread_create(&t[i], NULL, worker, &r[i]), 0))
            break;
    while (i-- > 0)
        pthread_join(t[i], NULL);
    stop_changes = 1;
    pthread_join(ch, &changes);
    for (i = 0; i < THREADS; i++) {
        total += r[i].ok;
        resumed += r[i].resumed;
        failed += r[i].failed;
    }
    tu_log("  %d handshakes, %d resumed, %d failed; %ld setting changes meanwhile\n", total,
           resumed, failed, (long)changes);
    if (!TEST_int_eq(failed, 0) || !TEST_int_eq(total, THREADS * per_thread)
        || !TEST_int_gt(resumed, 0) || !TEST_int_le(resumed, THREADS * per_thread / 2))
        goto end;
    ok = 1;
end:
    SSL_free(c);
    SSL_free(s);
    SSL_SESSION_free(shared);
    shared = NULL;
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok;
}

int main(void)
{
    RUN_TEST(test_shared_contexts);
    return tu_finish();
}
