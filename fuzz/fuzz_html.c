/* fuzz_html.c -- the HTML extractor (gumbo + boilerplate filter), then coding. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    if (!f) return 0;
    if (!size) { fclose(f); return 0; }
    dyad_reader *r;
    if (dyad_reader_open_stream(f, "fuzz.html", DYAD_IN_HTML, &r) == 0) {
        dyad_doc doc;
        if (dyad_reader_next(r, &doc) > 0) fuzz_code(doc.id, "2024-07-24", doc.text, doc.text_len);
    }
    dyad_reader_close(r);
    fclose(f);
    return 0;
}
