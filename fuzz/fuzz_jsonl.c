/* fuzz_jsonl.c -- the JSON Lines reader (plain, gzip, zstd by magic bytes),
 * then coding each document it accepts. */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    (void)fuzz_dict();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    fuzz_read(DYAD_IN_JSONL, "fuzz", data, size);
    return 0;
}
