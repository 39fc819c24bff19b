/* fuzz_dict_petrarch.c -- the petrarch dictionary loader (fuzz_dict_file in fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    fuzz_dict_file_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    fuzz_dict_file(DYAD_DICT_PETRARCH, data, size);
    return 0;
}
