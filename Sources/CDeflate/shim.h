#ifndef PRESSWORK_CDEFLATE_SHIM_H
#define PRESSWORK_CDEFLATE_SHIM_H
// libdeflate: one-shot DEFLATE/zlib compression, several times faster than zlib for whole buffers
// (PDF streams are always compressed whole). zlib (CZlib) stays for inflating and for PNG.
#include <libdeflate.h>
#endif
