/*
 * Built against the SYSTEM OpenSSL (-lssl -lcrypto) by scripts/test-install.sh, then run plain,
 * under build/with-sslrs and with LD_LIBRARY_PATH=build/compat: reports which library the
 * program's SSL_CTX_new / SSL_get_version calls bind to. Exit 0 and "libssl: sslrs" when sslrs
 * is the one bound (dladdr of the called function, an sslrs-only symbol, /proc/self/maps), "libssl:
 * openssl" otherwise. Creates an SSL_CTX and an SSL (no handshake).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>

static int maps_have(const char *needle)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096];
    int found = 0;
    if (f == NULL)
        return 0;
    while (fgets(line, sizeof(line), f) != NULL)
        if (strstr(line, needle) != NULL)
            found = 1;
    fclose(f);
    return found;
}

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = ctx != NULL ? SSL_new(ctx) : NULL;
    Dl_info info;
    const char *file = "?";
    char real[PATH_MAX];
    void *fn = (void *)&SSL_CTX_new;
    int sslrs_sym = dlsym(RTLD_DEFAULT, "sslrs_backend_is_libcrypto") != NULL;
    int sslrs_mapped = maps_have("libsslrs");
    int is_sslrs;

    /* The loaded file's real path: under LD_LIBRARY_PATH it was opened as compat/libssl.so.3. */
    if (dladdr(fn, &info) != 0 && info.dli_fname != NULL)
        file = realpath(info.dli_fname, real) != NULL ? real : info.dli_fname;
    is_sslrs = strstr(file, "libsslrs") != NULL && sslrs_sym && sslrs_mapped;
    printf("SSL_CTX_new from %s; sslrs symbol %s; libsslrs mapped %s; libssl.so.3 mapped %s; "
           "SSL_get_version %s\n",
           file, sslrs_sym ? "yes" : "no", sslrs_mapped ? "yes" : "no",
           maps_have("/libssl.so.3") ? "yes" : "no", ssl != NULL ? SSL_get_version(ssl) : "-");
    printf("libssl: %s\n", is_sslrs ? "sslrs" : "openssl");
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return ctx != NULL && ssl != NULL && is_sslrs ? 0 : 1;
}
