#ifndef LOCKTOP_COPENSSL_SHIM_H
#define LOCKTOP_COPENSSL_SHIM_H
/* OpenSSL 3 from Debian's libssl-dev. Only RedisClient imports this module. */
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <string.h>

/* Macros Swift cannot call: one static inline function each. */
static inline long copenssl_set_sni(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}
static inline long copenssl_ctx_set_min_tls12(SSL_CTX *ctx) {
    return SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}

/* The key file's passphrase, handed over as the callback's user data (a C string). */
static inline int copenssl_passphrase_callback(char *buffer, int size, int rwflag, void *userdata) {
    (void)rwflag;
    if (userdata == NULL || size <= 0) return 0;
    size_t length = strlen((const char *)userdata);
    if (length > (size_t)size) length = (size_t)size;
    memcpy(buffer, userdata, length);
    return (int)length;
}
static inline void copenssl_use_passphrase(SSL_CTX *ctx, const char *passphrase) {
    SSL_CTX_set_default_passwd_cb(ctx, copenssl_passphrase_callback);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, (void *)passphrase);
}
#endif
