/* fuzz_common.h -- shared by the libFuzzer harnesses.  Nothing fixed is done
 * per input: the coding targets load the fixture dictionary (tests/dict) once,
 * in LLVMFuzzerInitialize; the dictionary-loader targets read its CAMEO table
 * once, copy it into each fresh dictionary with six fixed stanzas from memory,
 * and write each input to one reused memory file. */
#ifndef DYAD_FUZZ_COMMON_H
#define DYAD_FUZZ_COMMON_H
#include "dyad.h"
#include "internal.h" /* dyad__dict_add_cameo: the harnesses link the library sources */
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

/* The fixture CAMEO table, read once: rows are copied into each fresh
 * dictionary instead of parsing tests/dict/cameo.txt for every input. */
static dyad_dict *fuzz_cameo_dict;
static int fuzz_memfd = -1;
static char fuzz_mempath[64], fuzz_peerpath[64];

/* The fixed sentence's actors and verbs, loaded before the input so that a
 * fuzzed verb file has actors to code with and a fuzzed actor file verbs
 * (and duplicates conflict, for lint): six stanzas, not the fixture's files. */
static const char fuzz_peers[] =
    "@actor TUR Turkey\n  noun Turkey\n@actor SYR Syria\n  noun Syria\n@actor RUS Russia\n  noun Russia\n"
    "@actor IRN Iran\n  noun Iran\n@verb 190 attack\n  attack\n@verb 111 criticize\n  condemn\n";

static inline void fuzz_dict_file_init(void) {
    if (dyad_dict_new(&fuzz_cameo_dict) || dyad_dict_load_defaults(fuzz_cameo_dict, DYAD_FUZZ_DICT, 0) ||
        !fuzz_cameo_dict->ncameo || (fuzz_memfd = memfd_create("dyad-fuzz", 0)) < 0) {
        fprintf(stderr, "fuzz: cannot load %s/cameo.txt or make a memory file\n", DYAD_FUZZ_DICT);
        abort();
    }
    snprintf(fuzz_mempath, sizeof fuzz_mempath, "/proc/self/fd/%d", fuzz_memfd);
    int fd = memfd_create("dyad-fuzz-peers", 0);
    if (fd < 0 || write(fd, fuzz_peers, sizeof fuzz_peers - 1) != (ssize_t)(sizeof fuzz_peers - 1)) abort();
    snprintf(fuzz_peerpath, sizeof fuzz_peerpath, "/proc/self/fd/%d", fd);
}

/* The one memory file holds exactly the bytes; its path opens it afresh. */
static inline int fuzz_memfile(const unsigned char *data, size_t size) {
    if (ftruncate(fuzz_memfd, 0)) return -1;
    return size && pwrite(fuzz_memfd, data, size, 0) != (ssize_t)size ? -1 : 0;
}
static inline void fuzz_lint_nothing(void *u, const char *f, int l, const char *m) { (void)u; (void)f; (void)l; (void)m; }

/* One dictionary file in FORMAT: the first byte picks the file kind; a fresh
 * dictionary with the fixture CAMEO table must load it (with warnings),
 * finish, lint and code a sentence. */
static inline void fuzz_dict_file(dyad_dict_format format, const unsigned char *data, size_t size) {
    if (size < 1) return;
    static const dyad_file_kind kinds[] = {DYAD_FILE_ACTORS, DYAD_FILE_AGENTS, DYAD_FILE_VERBS,
                                           DYAD_FILE_DISCARDS, DYAD_FILE_OPTIONS, DYAD_FILE_AUTO};
    dyad_file_kind kind = kinds[data[0] % 6];
    if (fuzz_memfile(data + 1, size - 1)) abort();
    dyad_dict *d;
    int ok = dyad_dict_new(&d) == 0;
    for (size_t i = 0; ok && i < fuzz_cameo_dict->ncameo; i++) {
        const cameo_row *c = &fuzz_cameo_dict->cameo[i];
        ok = dyad__dict_add_cameo(d, c->code, c->goldstein, c->quad, c->name) == 0;
    }
    if (ok) ok = dyad_dict_load_file(d, DYAD_DICT_DYAD, DYAD_FILE_AUTO, fuzz_peerpath) == 0;
    if (ok) {
        dyad_dict_load_file(d, format, kind, fuzz_mempath);
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
