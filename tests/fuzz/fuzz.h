/* Every fuzz target defines this; libFuzzer or replay.c calls it. */
#ifndef BEIAN_FUZZ_H
#define BEIAN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#endif
