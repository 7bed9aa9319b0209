/* ffi-shim/libssl_stubs.h: the three kinds of clean-failure stub (see libssl_stubs.c). */
#ifndef SSLRS_LIBSSL_STUBS_H
#define SSLRS_LIBSSL_STUBS_H

/* Pushes ERR_R_UNSUPPORTED (library SSL) naming `name` onto the active error queue. */
void sslrs_stub_unsupported(const char *name);

/* Not implemented: 0 / NULL with an error entry. */
#define SSLRS_STUB_FAIL(name)                                                                  \
    long name(void);                                                                           \
    long name(void)                                                                            \
    {                                                                                          \
        sslrs_stub_unsupported(#name);                                                         \
        return 0;                                                                              \
    }                                                                                          \
    extern int sslrs_stub_end_

/* A getter of a feature sslrs does not have: 0 / NULL ("nothing set"), no error. */
#define SSLRS_STUB_NONE(name)                                                                  \
    long name(void);                                                                           \
    long name(void)                                                                            \
    {                                                                                          \
        return 0;                                                                              \
    }                                                                                          \
    extern int sslrs_stub_end_

/* A void function of a feature sslrs does not have: no effect, no error. */
#define SSLRS_STUB_VOID(name)                                                                  \
    void name(void);                                                                           \
    void name(void)                                                                            \
    {                                                                                          \
    }                                                                                          \
    extern int sslrs_stub_end_

/* A getter whose "nothing" is a specific value (e.g. -1: DANE not in use). */
#define SSLRS_STUB_RET(name, value)                                                            \
    long name(void);                                                                           \
    long name(void)                                                                            \
    {                                                                                          \
        return (value);                                                                        \
    }                                                                                          \
    extern int sslrs_stub_end_

/* A getter of a constant string. */
#define SSLRS_STUB_STR(name, value)                                                            \
    const char *name(void);                                                                    \
    const char *name(void)                                                                     \
    {                                                                                          \
        return (value);                                                                        \
    }                                                                                          \
    extern int sslrs_stub_end_

#endif
