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

static inline dyad_dict *fuzz_dict(void) {
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
static inline void fuzz_code(const char *id, const char *date, const char *text, size_t n) {
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
static inline int fuzz_memfile(const unsigned char *data, size_t size, char *path, size_t cap) {
    int fd = memfd_create("dyad-fuzz", 0);
    if (fd < 0) return -1;
    if (size && write(fd, data, size) != (ssize_t)size) { close(fd); return -1; }
    snprintf(path, cap, "/proc/self/fd/%d", fd);
    return fd;
}
static inline void fuzz_lint_nothing(void *u, const char *f, int l, const char *m) { (void)u; (void)f; (void)l; (void)m; }

/* One dictionary file in FORMAT: the first byte picks the file kind; the
 * dictionary must load (with warnings), finish, lint and code. */
static inline void fuzz_dict_file(dyad_dict_format format, const unsigned char *data, size_t size) {
    if (size < 1) return;
    static const dyad_file_kind kinds[] = {DYAD_FILE_ACTORS, DYAD_FILE_AGENTS, DYAD_FILE_VERBS,
                                           DYAD_FILE_DISCARDS, DYAD_FILE_OPTIONS, DYAD_FILE_AUTO};
    dyad_file_kind kind = kinds[data[0] % 6];
    char path[64];
    int fd = fuzz_memfile(data + 1, size - 1, path, sizeof path);
    if (fd < 0) return;
    dyad_dict *d;
    if (dyad_dict_new(&d) == 0 && dyad_dict_load_defaults(d, DYAD_FUZZ_DICT, DYAD_DEFAULT_ALL) == 0) {
        dyad_dict_load_file(d, format, kind, path);
        if (dyad_dict_finish(d) == 0) {
            dyad_dict_lint(d, fuzz_lint_nothing, NULL);
            static const char text[] = "Turkey and Russia attacked Syria. Syria was condemned by Iran.";
            dyad_doc doc = {"fuzz", "2024-07-24", NULL, NULL, NULL, text, sizeof text - 1};
            dyad_result *r;
            dyad_code(d, &doc, NULL, &r);
            dyad_result_free(r);
        }
    }
    dyad_dict_free(d);
    close(fd);
}

/* A reader over the input bytes in FORMAT, coding every document it accepts. */
static inline void fuzz_read(dyad_input_format format, const char *name, const unsigned char *data, size_t size) {
    if (!size) return;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f) return;
    dyad_reader *r;
    if (dyad_reader_open_stream(f, name, format, &r) == 0) {
        dyad_doc doc;
        int rc, guard = 0;
        while ((rc = dyad_reader_next(r, &doc)) != 0 && guard++ < 10000) {
            if (rc > 0) fuzz_code(doc.id, doc.date ? doc.date : "2024-07-24", doc.text, doc.text_len);
            else if (rc == DYAD_EIO) break;
        }
    }
    dyad_reader_close(r);
    fclose(f);
}
#endif
