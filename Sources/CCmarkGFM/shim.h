#ifndef CCMARKGFM_SHIM_H
#define CCMARKGFM_SHIM_H
#include <stdlib.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
/* The HTML cmark_render_html returns is malloc'd with the default allocator. */
static inline void ccmarkgfm_free(void *ptr) { free(ptr); }
#endif
