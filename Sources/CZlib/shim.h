#ifndef CHRONICLE_CZLIB_SHIM_H
#define CHRONICLE_CZLIB_SHIM_H

#include <zlib.h>

/// Initialises `strm` for raw deflate (no zlib/gzip wrapper, windowBits -15),
/// memLevel 8, default strategy. `deflateInit2` is a macro Swift cannot import.
static inline int chronicle_deflate_init_raw(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

/// Initialises `strm` for raw inflate (windowBits -15).
/// `inflateInit2` is a macro Swift cannot import.
static inline int chronicle_inflate_init_raw(z_streamp strm) {
    return inflateInit2(strm, -15);
}

#endif
