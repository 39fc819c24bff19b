/* fuzz_text.c -- sentence splitter, tokenizer, actors, patterns, coder on
 * arbitrary bytes (invalid UTF-8 included: dyad_code repairs it). */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    (void)fuzz_dict();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    fuzz_code("fuzz", size && (data[0] & 1) ? "2024-07-24" : NULL, (const char *)data, size);
    return 0;
}
