/* fuzz_jsonl.c -- the JSON Lines reader (plain, gzip, zstd by magic bytes),
 * then coding each document it accepts. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    if (!f) return 0;
    if (!size) { fclose(f); return 0; }
    dyad_reader *r;
    if (dyad_reader_open_stream(f, "fuzz", DYAD_IN_JSONL, &r) == 0) {
        dyad_doc doc;
        int rc, guard = 0;
        while ((rc = dyad_reader_next(r, &doc)) != 0 && guard++ < 10000) {
            if (rc > 0) fuzz_code(doc.id, doc.date, doc.text, doc.text_len);
            else if (rc == DYAD_EIO) break;
        }
    }
    dyad_reader_close(r);
    fclose(f);
    return 0;
}
