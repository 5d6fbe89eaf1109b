#ifndef PRESSWORK_CCRYPTO_SHIM_H
#define PRESSWORK_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for SHA-256 only: it uses the CPU's SHA extensions where present. */
#include <openssl/evp.h>
#endif
