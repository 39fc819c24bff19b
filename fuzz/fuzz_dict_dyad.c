/* fuzz_dict_dyad.c -- the dyad dictionary loader: the first byte picks the
 * file kind; the dictionary must load (with warnings), finish, lint and code. */
#include "fuzz_common.h"

static void lint_nothing(void *u, const char *f, int l, const char *m) { (void)u; (void)f; (void)l; (void)m; }

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    if (size < 1) return 0;
    static const dyad_file_kind kinds[] = {DYAD_FILE_ACTORS, DYAD_FILE_AGENTS, DYAD_FILE_VERBS,
                                           DYAD_FILE_DISCARDS, DYAD_FILE_OPTIONS, DYAD_FILE_AUTO};
    dyad_file_kind kind = kinds[data[0] % 6];
    char path[64];
    int fd = fuzz_memfile(data + 1, size - 1, path, sizeof path);
    if (fd < 0) return 0;
    dyad_dict *d;
    if (dyad_dict_new(&d) == 0 && dyad_dict_load_defaults(d, DYAD_FUZZ_DICT, DYAD_DEFAULT_ALL) == 0) {
        dyad_dict_load_file(d, DYAD_DICT_DYAD, kind, path);
        if (dyad_dict_finish(d) == 0) {
            dyad_dict_lint(d, lint_nothing, NULL);
            static const char text[] = "Turkey and Russia attacked Syria. Syria was condemned by Iran.";
            dyad_doc doc = {"fuzz", "2024-07-24", NULL, NULL, NULL, text, sizeof text - 1};
            dyad_result *r;
            dyad_code(d, &doc, NULL, &r);
            dyad_result_free(r);
        }
    }
    dyad_dict_free(d);
    close(fd);
    return 0;
}
