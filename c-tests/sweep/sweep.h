/* c-tests/sweep/sweep.h: the interface between the generated call table (scripts/gen-sweep.py,
 * build/sweep/calls.c) and the sweep runner (c-tests/sweep/sweep.c). The generated file includes
 * no OpenSSL header: it calls every export through a pointer from dlsym(RTLD_DEFAULT), with every
 * object pointer as void *. */
#ifndef SSLRS_SWEEP_H
#define SSLRS_SWEEP_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

struct sw_res {
    char kind; /* I(nt) U(nsigned) P(ointer) D(ouble) V(oid) */
    long long i;
    unsigned long long u;
    void *p;
    double d;
};

struct sw_call {
    const char *fn;   /* the export */
    const char *cas;  /* valid | null:I | allnull | len:I:V | state:S */
    int libssl;       /* one of libssl.so.3's 518 exports (else libcrypto family) */
    void (*run)(void *f, struct sw_res *r);
    int state;        /* 0: the connected SSL; 1..: the wrong-state SSLs, in sweep.c's order */
};

extern const struct sw_call sw_calls[];
extern const int sw_ncalls;
extern const int sw_nfuncs;
extern const char *const sw_skipped[];

/* A valid object of OpenSSL type `type` ("SSL", "X509", "stack_st_X509", ...), or NULL. */
void *sw_obj(const char *type);
/* Data buffer for parameter i: 2 GiB + 1 MiB of zeros starting with "sweep" (lengths up to
 * INT_MAX are true); out-slot for parameter i (`T **`): zeroed. */
void *sw_buf(int i);
void *sw_slot(int i);
/* A fresh malloc()ed block, for the allocator's own functions (CRYPTO_free, ...). */
void *sw_heap(void);
/* A callback for every function-pointer parameter: returns 0. */
extern void *const SW_CB;

#endif
