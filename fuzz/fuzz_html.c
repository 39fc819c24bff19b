/* fuzz_html.c -- the HTML extractor (gumbo + depth cap + boilerplate filter), then coding. */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    (void)fuzz_dict();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    fuzz_read(DYAD_IN_HTML, "fuzz.html", data, size);
    return 0;
}
