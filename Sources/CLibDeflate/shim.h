#ifndef CHRONICLE_CLIBDEFLATE_SHIM_H
#define CHRONICLE_CLIBDEFLATE_SHIM_H

#include <libdeflate.h>

#endif
