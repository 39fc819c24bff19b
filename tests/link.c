/* link.c -- a program that uses libdyad the way an outside program does:
 * only <dyad.h>, linked against libdyad.a or libdyad.so (tests/linking.sh,
 * tests/install.sh).  It defines global functions with the names libdyad's
 * internals had before they were dyad__-prefixed: a static link fails with
 * "multiple definition" if the library still defines one, and a dynamic
 * library that exported one would be bound to these, which abort.
 *
 * link [DICT_DIR] -- loads the default dictionaries (from DICT_DIR, or the
 * library's own lookup when absent), codes one sentence, checks its event and
 * prints "CODE SOURCE TARGET PATTERN_FILE" (PATTERN_FILE tells which
 * dictionaries were read).  Exit 0 when the event is the expected one. */
#include <dyad.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void clash(const char *name) {
    fprintf(stderr, "link: the program's %s was called by libdyad\n", name);
    abort();
}
void buf_put(void *b, const char *s, size_t n);
void *arena_alloc(void *a, size_t n);
char *trim(char *s);
void *map_get(void *m, const char *key);
void *xmalloc(size_t n);
void buf_put(void *b, const char *s, size_t n) { (void)b; (void)s; (void)n; clash("buf_put"); }
void *arena_alloc(void *a, size_t n) { (void)a; (void)n; clash("arena_alloc"); return NULL; }
char *trim(char *s) { (void)s; clash("trim"); return NULL; }
void *map_get(void *m, const char *key) { (void)m; (void)key; clash("map_get"); return NULL; }
void *xmalloc(size_t n) { (void)n; clash("xmalloc"); return NULL; }

int main(int argc, char **argv) {
    const char *text = "Turkish troops shelled Syrian rebels on Tuesday.";
    dyad_dict *d;
    int rc = dyad_dict_new(&d);
    if (rc) { fprintf(stderr, "link: %s\n", dyad_strerror(rc)); return 1; }
    rc = dyad_dict_load_defaults(d, argc > 1 ? argv[1] : NULL, DYAD_DEFAULT_ALL);
    if (!rc) rc = dyad_dict_finish(d);
    if (rc) {
        fprintf(stderr, "link: dictionaries: %s: %s\n", dyad_strerror(rc), dyad_dict_errmsg(d));
        dyad_dict_free(d);
        return 1;
    }
    dyad_doc doc = {"link", "2024-07-24", NULL, NULL, NULL, text, strlen(text)};
    dyad_result *res;
    rc = dyad_code(d, &doc, NULL, &res);
    if (rc) { fprintf(stderr, "link: %s\n", dyad_strerror(rc)); dyad_dict_free(d); return 1; }
    int good = 0;
    if (dyad_result_count(res) == 1) {
        const dyad_event *e = dyad_result_event(res, 0);
        printf("%s %s %s %s\n", e->code, e->source.code, e->target.code, e->pattern_file);
        good = strcmp(e->source.code, "TURMIL") == 0 && strcmp(e->target.code, "SYRREB") == 0
            && strcmp(e->root, "19") == 0 && strcmp(e->date, "2024-07-23") == 0;
    } else {
        fprintf(stderr, "link: %zu events, expected 1\n", dyad_result_count(res));
    }
    dyad_result_free(res);
    dyad_dict_free(d);
    printf("dyad %s: %s\n", dyad_version(), good ? "ok" : "wrong event");
    return good ? 0 : 1;
}
