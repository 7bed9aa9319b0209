/*
 * Differential check of the ERR API: build twice and diff stdout (run from this directory so
 * __FILE__ matches):
 *   cc -Wno-deprecated-declarations err_oracle_diff.c -o sys -lssl -lcrypto
 *   cc -Wno-deprecated-declarations err_oracle_diff.c ../err_shim.c -o rs -L../../target/debug -lsslrs \
 *      -Wl,-rpath,$PWD/../../target/debug
 *   ./sys > a; ./rs > b; diff a b     (identical on 3.0.19 when written)
 */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>
static int cb(const char *str, size_t len, void *u){ (void)u; printf("CB %zu %s", len, strchr(str, ':')); return 1; }
int main(void){
  char buf[300];
  const char *f,*fn,*d; int l, fl;
  unsigned long c;
  printf("pre: %s\n", ERR_error_string(0x0A000086UL, NULL));
  ERR_clear_error();
  printf("crypto: %s\n", ERR_error_string(0x0A000086UL, NULL));
  OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS, NULL);
  printf("ssl: %s\n", ERR_error_string(0x0A000086UL, NULL));
  for (int i=1;i<=20;i++) ERR_raise_data(ERR_LIB_SSL, 1000+i, "n=%d %s", i, "x");
  c = ERR_get_error_all(&f,&l,&fn,&d,&fl);
  printf("first %lx func=%s data=%s fl=%d\n", c, fn, d, fl);
  ERR_add_error_data(3, "a", NULL, "b");
  ERR_peek_last_error_data(&d, &fl); printf("last data=%s %d\n", d, fl);
  ERR_set_error(ERR_LIB_SYS, ECONNRESET, NULL);
  c = ERR_peek_last_error(); printf("sys set_error on top: %lx\n", c);
  ERR_clear_error();
  ERR_raise(ERR_LIB_SSL, SSL_R_WRONG_VERSION_NUMBER);
  ERR_raise(ERR_LIB_SYS, ECONNRESET);
  ERR_raise_data(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, "%s", "");
  SSLerr(0, SSL_R_HTTP_REQUEST);
  ERR_put_error(ERR_LIB_PEM, 0, 108, "pem.c", 9);
  printf("GET_LIB %d %d REASON %d %d FATAL %d COMMON %d\n", ERR_GET_LIB(0x80000068UL), ERR_GET_LIB(0x0A0C0103UL), ERR_GET_REASON(0x80000068UL), ERR_GET_REASON(0x0A0C0103UL), ERR_FATAL_ERROR(0x0A0C0103UL), ERR_COMMON_ERROR(0x0A0C0103UL));
  ERR_print_errors_cb(cb, NULL);
  for (size_t n = 10; n < 70; n += 7) { ERR_error_string_n(0x0A0C0103UL, buf, n); printf("n=%zu %s\n", n, buf); }
  printf("%s | %s\n", ERR_reason_error_string(ERR_PACK(ERR_LIB_PEM,0,108))?:"NULL", ERR_reason_error_string(ERR_PACK(ERR_LIB_X509,0,X509_R_CERT_ALREADY_IN_HASH_TABLE))?:"NULL");
  return 0;
}
