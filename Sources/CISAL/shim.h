#ifndef CHRONICLE_CISAL_SHIM_H
#define CHRONICLE_CISAL_SHIM_H

#include <isa-l/igzip_lib.h>
#include <isa-l/crc.h>

/* The level buffer ISA-L recommends for `level` (ISAL_DEF_LVLn_DEFAULT, a macro expression
   Swift does not import); 0 for level 0, which needs none. */
static inline uint32_t cisal_level_buffer_size(uint32_t level) {
    switch (level) {
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    case 3: return ISAL_DEF_LVL3_DEFAULT;
    default: return 0;
    }
}

/* Whether the stream has written everything, the end of the last block included. */
static inline int cisal_deflate_finished(const struct isal_zstream *stream) {
    return stream->internal_state.state == ZSTATE_END;
}

#endif
