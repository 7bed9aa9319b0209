/*
 * Linked into the ThreadSanitizer test binaries only (make test-tsan). rustc's TSan
 * instrumentation (LLVM 22) calls __tsan_memcpy/__tsan_memmove/__tsan_memset, which gcc 12's
 * libtsan does not export; gcc's runtime intercepts the plain functions, so forwarding to them
 * keeps the range checks.
 */
#include <string.h>

void *__tsan_memcpy(void *dst, const void *src, size_t n);
void *__tsan_memmove(void *dst, const void *src, size_t n);
void *__tsan_memset(void *dst, int c, size_t n);

void *__tsan_memcpy(void *dst, const void *src, size_t n)
{
    return memcpy(dst, src, n);
}

void *__tsan_memmove(void *dst, const void *src, size_t n)
{
    return memmove(dst, src, n);
}

void *__tsan_memset(void *dst, int c, size_t n)
{
    return memset(dst, c, n);
}
