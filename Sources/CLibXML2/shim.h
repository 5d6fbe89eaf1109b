#ifndef PRESSWORK_CLIBXML2_SHIM_H
#define PRESSWORK_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its ICU types clash with Foundation's own ICU
   on a clean build ('UErrorCode' has different definitions). We never touch the ICU parts. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>

/// xmlFree is a global variable: not concurrency-safe to reference from Swift 6.
static inline void clibxml2_free(void *p) { xmlFree(p); }
#endif
