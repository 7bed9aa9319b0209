/*
 * OpenSSL's automatic chain: a server configured with its leaf alone sends the chain it can
 * build from its verify store (SSL_CTX_load_verify_locations), unless SSL_MODE_NO_AUTO_CHAIN
 * is set or it was given a chain. What the client receives and whether it verifies, measured.
 */
#include "testutil.h"

#include <string.h>

/*
 * Server: cert (+ extra chain file if not NULL) and key, its verify store from store1/store2,
 * mode bits; client trusting ca-ec.pem. want_len: certificates the client received
 * (SSL_get_peer_cert_chain, leaf included), want_verify its verify result.
 */
static int chain_case(const char *cert, const char *chainfile, const char *store1, const char *store2,
                      long mode, int want_len, long want_verify)
{
    SSL_CTX *sctx = NULL, *cctx = NULL;
    SSL *c = NULL, *s = NULL;
    struct hs_side hs, hc;
    STACK_OF(X509) *chain;
    int ret = 0;

    if (!create_ssl_ctx_pair(0, 0, cert, "server-int.key", "ca-ec.pem", &sctx, &cctx))
        goto end;
    if (chainfile != NULL
        && !TEST_int_eq(SSL_CTX_use_certificate_chain_file(sctx, cert_path(chainfile)), 1))
        goto end;
    if (store1 != NULL && !TEST_int_eq(SSL_CTX_load_verify_locations(sctx, cert_path(store1), NULL), 1))
        goto end;
    if (store2 != NULL && !TEST_int_eq(SSL_CTX_load_verify_locations(sctx, cert_path(store2), NULL), 1))
        goto end;
    if (mode != 0)
        SSL_CTX_set_mode(sctx, mode);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_NONE, NULL);
    if (!create_ssl_objects(sctx, cctx, &s, &c, NULL, NULL) || !TEST_true(pump_handshake(s, c, &hs, &hc, 30))
        || !TEST_true(hc.done))
        goto end;
    chain = SSL_get_peer_cert_chain(c);
    if (!TEST_int_eq(chain == NULL ? 0 : sk_X509_num(chain), want_len)
        || !TEST_int_eq(SSL_get_verify_result(c), want_verify))
        goto end;
    ret = 1;
end:
    if (!ret)
        tu_log("  case %s + %s, store %s %s, mode %lx\n", cert, chainfile ? chainfile : "-",
               store1 ? store1 : "-", store2 ? store2 : "-", mode);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ret;
}

#define LOCALLY X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY

static int test_auto_chain(void)
{
    return chain_case("server-int.pem", NULL, "int-ca.pem", "ca-ec.pem", 0, 3, X509_V_OK)
        && chain_case("server-int.pem", NULL, "int-ca.pem", NULL, 0, 2, X509_V_OK)
        && chain_case("server-int.pem", NULL, NULL, NULL, 0, 1, LOCALLY)
        && chain_case("server-int.pem", NULL, "ca-ec.pem", NULL, 0, 1, LOCALLY)
        && chain_case("server-int.pem", NULL, "int-ca.pem", "ca-ec.pem", SSL_MODE_NO_AUTO_CHAIN, 1, LOCALLY)
        && chain_case("server-int.pem", "server-int-chain.pem", "int-ca.pem", "ca-ec.pem", 0, 2, X509_V_OK);
}

int main(void)
{
    RUN_TEST(test_auto_chain);
    return tu_finish();
}
