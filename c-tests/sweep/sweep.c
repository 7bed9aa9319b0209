/*
 * c-tests/sweep/sweep.c: the ABI sweep. Every export of libsslrs.so (scripts/gen-sweep.py writes
 * the call table from the prototypes) is called with NULL for each pointer, with every pointer
 * NULL, with negative and huge lengths, and with an SSL in each wrong state (no role yet, after a
 * fatal error, after a completed shutdown, with its BIOs removed, with its BIOs replaced), each
 * call in its own forked child with a timeout. Recorded per call: the signal that killed it, a
 * hang, or the return value (pointers: NULL or not) and the first queued error.
 *
 * Built three times from the same source: against OpenSSL (the oracle: `sweep --write FILE`
 * writes its table), against sslrs and against sslrs's pass-through backend (`sweep --expect
 * FILE --allow ALLOWLIST`: every call must neither crash nor hang, and must return what OpenSSL
 * returned wherever OpenSSL itself survived, unless the allowlist names it with a reason).
 * Prints "N passed, N failed" (one check per call).
 */
#include <dlfcn.h>
#include <errno.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/pem.h>

#include "testutil.h"
#include "sweep.h"

#define NBUF 16
#define BUFSZ ((size_t)INT_MAX + 1 + (1 << 20))

static void *bufs[NBUF];
static unsigned char slots[NBUF][4096];
static long sw_cb_fn(void) { return 0; }
void *const SW_CB = (void *)sw_cb_fn;

void *sw_buf(int i) { return bufs[i % NBUF]; }
void *sw_slot(int i) { return slots[i % NBUF]; }
void *sw_heap(void) { return malloc(64); }

struct obj { const char *type; void *p; };
static struct obj objs[64];
static int nobjs;
static SSL *states[6]; /* 0: the connected client; then norole fatal shutdown nobio newbio */
static int cur_state;

static void add(const char *type, void *p)
{
    if (p == NULL) {
        fprintf(stderr, "sweep: setup: no valid %s\n", type);
        exit(2);
    }
    objs[nobjs].type = type;
    objs[nobjs++].p = p;
}

void *sw_obj(const char *type)
{
    if (strcmp(type, "SSL") == 0)
        return states[cur_state];
    for (int i = 0; i < nobjs; i++)
        if (strcmp(objs[i].type, type) == 0)
            return objs[i].p;
    return NULL;
}

static SSL_CTX *sctx, *cctx;

/* A connected client (the server half kept alive, and returned through *server). */
static SSL *connected(SSL **server)
{
    SSL *s = NULL, *c = NULL;
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !create_ssl_connection(s, c)) {
        fprintf(stderr, "sweep: setup: handshake failed\n");
        ERR_print_errors_fp(stderr);
        exit(2);
    }
    if (server)
        *server = s;
    return c;
}

static X509 *read_cert(const char *name)
{
    BIO *b = BIO_new_file(cert_path(name), "r");
    X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return x;
}

static void setup(void)
{
    OPENSSL_init_ssl(0, NULL);
    if (!create_ssl_ctx_pair(0, 0, "server-ec.pem", "server-ec.key", NULL, &sctx, &cctx)) {
        fprintf(stderr, "sweep: setup: contexts\n");
        exit(2);
    }
    SSL *server = NULL;
    states[0] = connected(&server);

    /* no role, no BIO */
    states[1] = SSL_new(cctx);
    /* a fatal error: the handshake read garbage */
    {
        SSL *f = SSL_new(cctx);
        BIO *rb = BIO_new(BIO_s_mem()), *wb = BIO_new(BIO_s_mem());
        static const char junk[] = "HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
        BIO_write(rb, junk, (int)sizeof(junk) - 1);
        SSL_set_bio(f, rb, wb);
        SSL_set_connect_state(f);
        if (SSL_connect(f) != -1 || SSL_get_error(f, -1) != SSL_ERROR_SSL) {
            fprintf(stderr, "sweep: setup: garbage did not fail the handshake\n");
            exit(2);
        }
        ERR_clear_error();
        states[2] = f;
    }
    /* a completed (bidirectional) shutdown */
    {
        SSL *s2 = NULL, *c2 = connected(&s2);
        int rc = SSL_shutdown(c2), rs = SSL_shutdown(s2), rc2 = SSL_shutdown(c2);
        if (rc != 0 || rc2 != 1) {
            fprintf(stderr, "sweep: setup: shutdown %d %d %d\n", rc, rs, rc2);
            exit(2);
        }
        states[3] = c2;
    }
    /* the BIOs removed (SSL_set_bio(s, NULL, NULL) frees them) */
    {
        SSL *c3 = connected(NULL);
        SSL_set_bio(c3, NULL, NULL);
        states[4] = c3;
    }
    /* the BIOs replaced by fresh ones (the old ones freed by SSL_set_bio) */
    {
        SSL *c4 = connected(NULL);
        SSL_set_bio(c4, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
        states[5] = c4;
    }
    ERR_clear_error();

    X509 *cert = read_cert("server-ec.pem");
    add("SSL_CTX", cctx);
    add("X509", cert);
    {
        BIO *b = BIO_new_file(cert_path("server-ec.key"), "r");
        add("EVP_PKEY", PEM_read_bio_PrivateKey(b, NULL, NULL, NULL));
        BIO_free(b);
    }
    {
        BIO *b = BIO_new(BIO_s_mem());
        BIO_write(b, "sweep", 5);
        add("BIO", b);
    }
    add("SSL_SESSION", SSL_get1_session(states[0]));
    X509_STORE *store = X509_STORE_new();
    X509_STORE_add_cert(store, read_cert("ca-ec.pem"));
    add("X509_STORE", store);
    {
        X509_STORE_CTX *sc = X509_STORE_CTX_new();
        X509_STORE_CTX_init(sc, store, cert, NULL);
        add("X509_STORE_CTX", sc);
    }
    X509_NAME *name = X509_NAME_dup(X509_get_subject_name(cert));
    add("X509_NAME", name);
    add("X509_NAME_ENTRY", X509_NAME_get_entry(X509_NAME_dup(name), 0));
    add("X509_VERIFY_PARAM", X509_VERIFY_PARAM_new());
    add("SSL_CIPHER", (void *)SSL_get_current_cipher(states[0]));
    add("SSL_METHOD", (void *)TLS_method());
    {
        STACK_OF(X509) *sk = sk_X509_new_null();
        sk_X509_push(sk, X509_dup(cert));
        add("stack_st_X509", sk);
        STACK_OF(X509_NAME) *nk = sk_X509_NAME_new_null();
        sk_X509_NAME_push(nk, X509_NAME_dup(name));
        add("stack_st_X509_NAME", nk);
        OPENSSL_STACK *g = OPENSSL_sk_new_null();
        OPENSSL_sk_push(g, X509_dup(cert));
        add("OPENSSL_STACK", g);
    }
    add("stack_st_SSL_CIPHER", SSL_get_ciphers(states[0]));
    add("EVP_MD", (void *)EVP_sha256());
    {
        BIO *b = BIO_new_file(cert_path("ca-ec.crl.pem"), "r");
        add("X509_CRL", PEM_read_bio_X509_CRL(b, NULL, NULL, NULL));
        BIO_free(b);
    }
    add("ASN1_INTEGER", ASN1_INTEGER_new());
    {
        static const struct { const char *type; int v; } strs[] = {
            {"ASN1_STRING", V_ASN1_UTF8STRING}, {"ASN1_UTF8STRING", V_ASN1_UTF8STRING},
            {"ASN1_OCTET_STRING", V_ASN1_OCTET_STRING}, {"ASN1_IA5STRING", V_ASN1_IA5STRING},
            {"ASN1_BIT_STRING", V_ASN1_BIT_STRING},
        };
        for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
            ASN1_STRING *a = ASN1_STRING_type_new(strs[i].v);
            ASN1_STRING_set(a, "sweep", 5);
            add(strs[i].type, a);
        }
    }
    add("ASN1_TIME", ASN1_TIME_set(NULL, 1700000000));
    add("ASN1_OBJECT", (void *)OBJ_nid2obj(NID_commonName));
    add("BIO_METHOD", BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "sweep"));
    add("BIGNUM", BN_new());
    add("BIO_ADDR", BIO_ADDR_new());
    {
        SSL_CONF_CTX *cc = SSL_CONF_CTX_new();
        SSL_CONF_CTX_set_ssl_ctx(cc, cctx);
        add("SSL_CONF_CTX", cc);
    }
    add("FILE", fopen("/dev/null", "r+"));
    ERR_clear_error();
}

/* ---- running the calls ------------------------------------------------------------------- */

struct outcome {
    char what; /* R(eturned) C(rashed) H(ung) A(bsent) X (exited) */
    int sig;
    struct sw_res r;
    unsigned long err;
    int done;
};

static void fmt_outcome(const struct outcome *o, char *ret, size_t rn, char *err, size_t en)
{
    switch (o->what) {
    case 'C': snprintf(ret, rn, "CRASH:%s", strsignal(o->sig)); break;
    case 'H': snprintf(ret, rn, "HANG"); break;
    case 'A': snprintf(ret, rn, "ABSENT"); break;
    case 'X': snprintf(ret, rn, "EXIT:%d", o->sig); break;
    default:
        switch (o->r.kind) {
        case 'V': snprintf(ret, rn, "void"); break;
        case 'P': snprintf(ret, rn, "%s", o->r.p ? "ptr" : "NULL"); break;
        case 'U': snprintf(ret, rn, "%llu", o->r.u); break;
        case 'D': snprintf(ret, rn, "%g", o->r.d); break;
        default: snprintf(ret, rn, "%lld", o->r.i); break;
        }
    }
    if (o->what == 'R' && o->err)
        snprintf(err, en, "%d:%d", ERR_GET_LIB(o->err), ERR_GET_REASON(o->err));
    else
        snprintf(err, en, "-");
}

static rlim_t as_limit;
static unsigned timeout_s = 10; /* --timeout: a call still running then counts as hung */
/* --forward: the pass-through backend, where libcrypto-family calls run libcrypto's own code
 * and may crash or hang exactly as under OpenSSL (those get OpenSSL's short timeout) */
static int forward_mode;
static unsigned short_timeout_s = 3;
static unsigned char *oracle_hung; /* per call: OpenSSL hung on it (expect mode) */
static const char *only; /* --only GLOB: run only the matching functions (debugging) */

static void run_child(int k, struct outcome *slot, int devnull)
{
    const struct sw_call *c = &sw_calls[k];
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(devnull, 2);
    alarm(forward_mode && !c->libssl && oracle_hung && oracle_hung[k] ? short_timeout_s
                                                                     : timeout_s);
    struct rlimit rl = {as_limit, as_limit}, core = {0, 0};
    setrlimit(RLIMIT_AS, &rl);
    setrlimit(RLIMIT_CORE, &core);
    cur_state = c->state;
    void *f = dlsym(RTLD_DEFAULT, c->fn);
    if (f == NULL) {
        slot->what = 'A';
        slot->done = 1;
        _exit(0);
    }
    ERR_clear_error();
    c->run(f, &slot->r);
    slot->err = ERR_peek_error();
    slot->what = 'R';
    slot->done = 1;
    _exit(0);
}

static long vm_size(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0;
    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "VmSize: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb * 1024;
}

/* Runs every call (up to `par` children at once); outcomes[k] filled. */
static void run_all(struct outcome *out, int par)
{
    int devnull = open("/dev/null", O_RDWR);
    pid_t *pids = calloc((size_t)sw_ncalls, sizeof(pid_t));
    int next = 0, running = 0, finished = 0;
    while (finished < sw_ncalls) {
        while (running < par && next < sw_ncalls) {
            if (only && fnmatch(only, sw_calls[next].fn, 0) != 0) {
                out[next].what = 'S';
                next++;
                finished++;
                continue;
            }
            pid_t p = fork();
            if (p < 0) {
                perror("fork");
                exit(2);
            }
            if (p == 0)
                run_child(next, &out[next], devnull);
            pids[next++] = p;
            running++;
        }
        if (running == 0)
            continue;
        int st;
        pid_t p = waitpid(-1, &st, 0);
        if (p < 0) {
            if (errno == EINTR)
                continue;
            perror("waitpid");
            exit(2);
        }
        int k = -1;
        for (int j = 0; j < next; j++)
            if (pids[j] == p) {
                k = j;
                break;
            }
        if (k < 0)
            continue;
        running--;
        finished++;
        if (WIFSIGNALED(st)) {
            out[k].what = WTERMSIG(st) == SIGALRM ? 'H' : 'C';
            out[k].sig = WTERMSIG(st);
        } else if (!out[k].done) {
            out[k].what = 'X';
            out[k].sig = WEXITSTATUS(st);
        }
    }
    free(pids);
    close(devnull);
}

/* ---- expected table and allowlist --------------------------------------------------------- */

struct exp { char *fn, *cas, *ret, *err; };
static struct exp *exps;
static int nexps;

static int exp_cmp(const void *a, const void *b)
{
    const struct exp *x = a, *y = b;
    int r = strcmp(x->fn, y->fn);
    return r ? r : strcmp(x->cas, y->cas);
}

static void read_expected(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char line[1024];
    int cap = 0;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = 0;
        char *fn = strtok(line, "\t"), *cas = strtok(NULL, "\t"), *ret = strtok(NULL, "\t"),
             *err = strtok(NULL, "\t");
        if (!fn || !cas || !ret || !err)
            continue;
        if (nexps == cap) {
            cap = cap ? cap * 2 : 4096;
            exps = realloc(exps, (size_t)cap * sizeof(*exps));
        }
        exps[nexps++] = (struct exp){strdup(fn), strdup(cas), strdup(ret), strdup(err)};
    }
    fclose(f);
    qsort(exps, (size_t)nexps, sizeof(*exps), exp_cmp);
}

static const struct exp *find_expected(const char *fn, const char *cas)
{
    struct exp key = {(char *)fn, (char *)cas, NULL, NULL};
    return bsearch(&key, exps, (size_t)nexps, sizeof(*exps), exp_cmp);
}

struct allow { char fn[128], cas[64]; int used; };
static struct allow allows[1024];
static int nallows;

static void read_allowlist(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char line[1024];
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char fn[128], cas[64], reason[512];
        if (sscanf(line, "%127s %63s %511[^\n]", fn, cas, reason) != 3) {
            fprintf(stderr, "sweep: allowlist line without a reason: %s", line);
            exit(2);
        }
        if (nallows == (int)(sizeof(allows) / sizeof(allows[0])))
            break;
        snprintf(allows[nallows].fn, sizeof(allows[nallows].fn), "%s", fn);
        snprintf(allows[nallows].cas, sizeof(allows[nallows].cas), "%s", cas);
        nallows++;
    }
    fclose(f);
}

static int allowed(const char *fn, const char *cas)
{
    for (int i = 0; i < nallows; i++)
        if (fnmatch(allows[i].fn, fn, 0) == 0 && fnmatch(allows[i].cas, cas, 0) == 0) {
            allows[i].used = 1;
            return 1;
        }
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: sweep [-j N] [--timeout S] [--only GLOB] --write TABLE | --expect "
                    "TABLE --allow ALLOWLIST [--label L] [--forward [--short-timeout S]]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *write_path = NULL, *expect_path = NULL, *allow_path = NULL, *label = "sweep";
    int par = 2;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--write") == 0 && i + 1 < argc)
            write_path = argv[++i];
        else if (strcmp(argv[i], "--expect") == 0 && i + 1 < argc)
            expect_path = argv[++i];
        else if (strcmp(argv[i], "--allow") == 0 && i + 1 < argc)
            allow_path = argv[++i];
        else if (strcmp(argv[i], "--label") == 0 && i + 1 < argc)
            label = argv[++i];
        else if (strcmp(argv[i], "--forward") == 0)
            forward_mode = 1;
        else if (strcmp(argv[i], "--short-timeout") == 0 && i + 1 < argc)
            short_timeout_s = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            timeout_s = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "-j") == 0 && i + 1 < argc)
            par = atoi(argv[++i]);
        else
            usage();
    }
    if (!write_path == !expect_path || (expect_path && !allow_path) || par < 1)
        usage();

    for (int i = 0; i < NBUF; i++) {
        bufs[i] = mmap(NULL, BUFSZ, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (bufs[i] == MAP_FAILED) {
            perror("mmap");
            return 2;
        }
        memcpy(bufs[i], "sweep", 6);
    }
    setup();
    as_limit = (rlim_t)vm_size() + ((rlim_t)6 << 30);

    struct outcome *out = mmap(NULL, (size_t)sw_ncalls * sizeof(*out), PROT_READ | PROT_WRITE,
                               MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (out == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    if (expect_path) {
        read_expected(expect_path);
        read_allowlist(allow_path);
        oracle_hung = calloc((size_t)sw_ncalls, 1);
        for (int k = 0; k < sw_ncalls; k++) {
            const struct exp *e = find_expected(sw_calls[k].fn, sw_calls[k].cas);
            oracle_hung[k] = e && strcmp(e->ret, "HANG") == 0;
        }
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_all(out, par);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

    int nskip = 0;
    while (sw_skipped[nskip])
        nskip++;
    printf("%s: %d exports called (%d skipped), %d calls in %.1f s\n", label, sw_nfuncs, nskip,
           sw_ncalls, secs);
    for (int i = 0; i < nskip; i++)
        printf("  skipped %s\n", sw_skipped[i]);

    char ret[64], err[32];
    if (write_path) {
        FILE *f = fopen(write_path, "w");
        if (!f) {
            perror(write_path);
            return 2;
        }
        int crashes = 0, hangs = 0, absent = 0;
        for (int k = 0; k < sw_ncalls; k++) {
            if (out[k].what == 'S')
                continue;
            fmt_outcome(&out[k], ret, sizeof(ret), err, sizeof(err));
            fprintf(f, "%s\t%s\t%s\t%s\n", sw_calls[k].fn, sw_calls[k].cas, ret, err);
            crashes += out[k].what == 'C' || out[k].what == 'X';
            hangs += out[k].what == 'H';
            absent += out[k].what == 'A';
        }
        fclose(f);
        printf("%s: OpenSSL crashed on %d calls, hung on %d, lacks %d of the functions' "
               "symbols; table in %s\n", label, crashes, hangs, absent, write_path);
        return 0;
    }

    int pass = 0, fail = 0, o_crash = 0, o_hang = 0, o_absent = 0, same_crash = 0,
        allowed_n = 0, err_diff = 0, matched = 0;
    for (int k = 0; k < sw_ncalls; k++) {
        const struct sw_call *c = &sw_calls[k];
        fmt_outcome(&out[k], ret, sizeof(ret), err, sizeof(err));
        if (out[k].what == 'S')
            continue;
        const struct exp *e = find_expected(c->fn, c->cas);
        int oc = e && (strncmp(e->ret, "CRASH", 5) == 0 || strncmp(e->ret, "EXIT", 4) == 0);
        int oh = e && strcmp(e->ret, "HANG") == 0;
        o_crash += oc;
        o_hang += oh;
        o_absent += e == NULL || strcmp(e->ret, "ABSENT") == 0;
        if (out[k].what != 'R') {
            /* the pass-through backend runs libcrypto's own code for libcrypto-family
             * functions: there it may fail exactly as OpenSSL does */
            if (forward_mode && !c->libssl && e && strcmp(e->ret, ret) == 0) {
                same_crash++;
                pass++;
                continue;
            }
            printf("FAIL %s %s: %s (OpenSSL: %s)\n", c->fn, c->cas, ret, e ? e->ret : "?");
            fail++;
            continue;
        }
        if (e == NULL || oc || oh || strcmp(e->ret, "ABSENT") == 0) {
            pass++;
            continue;
        }
        if (strcmp(e->ret, ret) != 0) {
            if (allowed(c->fn, c->cas)) {
                allowed_n++;
                pass++;
            } else {
                printf("FAIL %s %s: returned %s, OpenSSL %s (errors: %s, OpenSSL %s)\n", c->fn,
                       c->cas, ret, e->ret, err, e->err);
                fail++;
            }
            continue;
        }
        /* OpenSSL reported the failure on its queue: so must sslrs (SSL_get_error and every
         * caller printing the queue depend on it); the entry itself may differ */
        if (strcmp(e->err, "-") != 0 && strcmp(err, "-") == 0) {
            if (allowed(c->fn, c->cas)) {
                allowed_n++;
                pass++;
            } else {
                printf("FAIL %s %s: returned %s as OpenSSL, but queued no error (OpenSSL %s)\n",
                       c->fn, c->cas, ret, e->err);
                fail++;
            }
            continue;
        }
        matched++;
        err_diff += strcmp(e->err, "-") == 0 && strcmp(err, "-") != 0;
        pass++;
    }
    for (int i = 0; i < nallows && !only; i++)
        if (!allows[i].used)
            printf("note: allowlist entry %s %s matched nothing\n", allows[i].fn, allows[i].cas);
    printf("%s: %d calls; OpenSSL crashed on %d and hung on %d of them (%d not in OpenSSL); "
           "%d same return value, %d allowlisted differences (%d entries)%s; "
           "%d with an error queued by sslrs only (not counted)\n",
           label, sw_ncalls, o_crash, o_hang, o_absent, matched, allowed_n, nallows,
           same_crash ? "" : "", err_diff);
    if (same_crash)
        printf("%s: %d libcrypto-family calls fail in libcrypto itself exactly as under "
               "OpenSSL\n", label, same_crash);
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
