/* fuzz_dict_tabari.c -- the tabari dictionary loader (fuzz_dict_file in fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    fuzz_dict_file(DYAD_DICT_TABARI, data, size);
    return 0;
}
