/* fuzz_dict_petrarch.c -- the petrarch dictionary loader (fuzz_dict_file in fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    fuzz_dict_file(DYAD_DICT_PETRARCH, data, size);
    return 0;
}
