#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED          /* Debian's libxml2 includes ICU headers that clash with Foundation's: 'UErrorCode' has different definitions */
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
static inline void clibxml2_free(void *ptr) { xmlFree(ptr); }   /* xmlFree is a global var Swift 6 rejects */
#endif
