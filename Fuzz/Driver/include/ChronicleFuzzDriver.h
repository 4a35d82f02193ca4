#ifndef CHRONICLE_FUZZ_DRIVER_H
#define CHRONICLE_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver (LLVMFuzzerRunDriver, from libclang_rt.fuzzer, linked by
/// -sanitize=fuzzer) with the command line and `test_one_input` as the target.
///
/// SwiftPM links every executable with main defined as `<module>_main`, the module's top-level
/// code, so libFuzzer's own main is never used; each fuzz target's main.swift calls this.
int chronicle_fuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
