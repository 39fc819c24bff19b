/* fuzz_dates.c -- date parsing: the first bytes as a document date, the rest
 * as a sentence full of date expressions. */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    (void)fuzz_dict();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    char date[16] = {0};
    size_t k = size < 10 ? size : 10;
    memcpy(date, data, k);
    int y, m, d;
    int ok = dyad_date_parse(date, &y, &m, &d) == 0;
    if (ok && (m < 1 || m > 12 || d < 1 || d > 31)) abort();
    fuzz_code("fuzz", ok ? date : NULL, (const char *)data + k, size - k);
    return 0;
}
