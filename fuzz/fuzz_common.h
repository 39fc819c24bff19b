/* fuzz_common.h -- shared by the libFuzzer harnesses: the fixture dictionary
 * (tests/dict), loaded once. */
#ifndef DYAD_FUZZ_COMMON_H
#define DYAD_FUZZ_COMMON_H
#include "dyad.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>

#ifndef DYAD_FUZZ_DICT
#define DYAD_FUZZ_DICT "tests/dict"
#endif

static dyad_dict *fuzz_dict(void) {
    static dyad_dict *d;
    if (!d) {
        if (dyad_dict_new(&d) || dyad_dict_load_defaults(d, DYAD_FUZZ_DICT, DYAD_DEFAULT_ALL) ||
            dyad_dict_finish(d)) {
            fprintf(stderr, "fuzz: cannot load %s\n", DYAD_FUZZ_DICT);
            abort();
        }
    }
    return d;
}

/* Codes one document and renders it both ways: everything must hold. */
static void fuzz_code(const char *id, const char *date, const char *text, size_t n) {
    dyad_doc doc = {id, date, NULL, NULL, NULL, text, n};
    dyad_result *r;
    if (dyad_code(fuzz_dict(), &doc, NULL, &r) == 0) {
        size_t tn;
        (void)dyad_result_text(r, &tn); /* spans index the repaired text */
        for (size_t i = 0; i < dyad_result_count(r); i++) {
            const dyad_event *e = dyad_result_event(r, i);
            if (e->start > e->end || e->end > tn || e->source.end > tn || e->target.end > tn) abort();
        }
        char *out;
        size_t len;
        if (dyad_result_render(r, DYAD_OUT_JSON, &out, &len) == 0) free(out);
        if (dyad_result_render(r, DYAD_OUT_TSV, &out, &len) == 0) free(out);
    }
    dyad_result_free(r);
}

/* A path naming the bytes, for loaders that read files. */
static int fuzz_memfile(const unsigned char *data, size_t size, char *path, size_t cap) {
    int fd = memfd_create("dyad-fuzz", 0);
    if (fd < 0) return -1;
    if (size && write(fd, data, size) != (ssize_t)size) { close(fd); return -1; }
    snprintf(path, cap, "/proc/self/fd/%d", fd);
    return fd;
}
#endif
