/* fault.c -- out-of-memory anywhere in coding is never swallowed.
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,
 * so every allocation libdyad makes goes through the hook below.  The way
 * SQLite tests its malloc failures: for every N from 1 until a run makes
 * fewer than N allocations, the Nth allocation fails (once: "transient"; and
 * it and all later ones: "persistent"), and each run must either return
 * DYAD_ENOMEM with no result or give exactly the result of a run without
 * failures.  After each failure the same coder codes the document again
 * without failures and must give the full result (no state left behind).
 * Run under ASan by `make check SAN=1`, which also catches leaks on the
 * failure paths.  Prints "fault: N passed, N failed". */
#include "dyad.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static long armed = -1;   /* allocations left before the one that fails; -1 off */
static int persistent;    /* keep failing after the first failure */
static long seen, failures;

static int fail_now(void) {
    if (armed < 0) return 0;
    seen++;
    if (armed > 0) { armed--; return 0; }
    failures++;
    if (!persistent) armed = -1;
    return 1;
}
void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return fail_now() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return fail_now() ? NULL : __real_strdup(s); }

static int passed, failed;
#define check(ok, ...)                                  \
    do {                                                \
        if (ok) passed++;                               \
        else {                                          \
            failed++;                                   \
            fprintf(stderr, "FAIL fault: ");            \
            fprintf(stderr, __VA_ARGS__);               \
            fputc('\n', stderr);                        \
        }                                               \
    } while (0)

/* The whole observable result as one string: events, mentions, warnings. */
static char *summary(const dyad_result *r) {
    char *ev = NULL;
    size_t len = 0;
    if (dyad_result_render(r, DYAD_OUT_JSON, &ev, &len)) return NULL;
    size_t cap = len + 4096;
    for (size_t i = 0; i < dyad_result_warning_count(r); i++) cap += strlen(dyad_result_warning(r, i)) + 2;
    cap += dyad_result_mention_count(r) * 64;
    char *s = __real_malloc(cap);
    if (!s) { free(ev); return NULL; }
    size_t o = (size_t)snprintf(s, cap, "%zu sentences\n%.*s", dyad_result_sentences(r), (int)len, ev ? ev : "");
    free(ev);
    for (size_t i = 0; i < dyad_result_warning_count(r); i++)
        o += (size_t)snprintf(s + o, cap - o, "warning %s\n", dyad_result_warning(r, i));
    for (size_t i = 0; i < dyad_result_mention_count(r); i++) {
        const dyad_mention *m = dyad_result_mention(r, i);
        o += (size_t)snprintf(s + o, cap - o, "mention %d %s %zu-%zu\n", m->sentence, m->actor.code,
                              m->actor.start, m->actor.end);
    }
    return s;
}

/* Codes DOC with C; the summary, or NULL with *rc set. */
static char *code_once(dyad_coder *c, const dyad_doc *doc, int *rc) {
    dyad_result *r = (dyad_result *)&armed; /* must be overwritten */
    *rc = dyad_coder_code(c, doc, &r);
    if (*rc) {
        check(r == NULL, "N=%ld: an error (%d) left a result", seen, *rc);
        return NULL;
    }
    char *s = summary(r);
    if (!s) *rc = DYAD_ENOMEM; /* rendering ran out: reported, not partial */
    dyad_result_free(r);
    return s;
}

static void run(dyad_coder *c, const dyad_doc *doc, const char *what) {
    int rc;
    char *want = code_once(c, doc, &rc);
    check(want != NULL && rc == 0, "%s: coding without failures failed (%d)", what, rc);
    if (!want) return;
    for (persistent = 0; persistent < 2; persistent++) {
        long n, clean = 0, ok_runs = 0, nomem_runs = 0;
        for (n = 0;; n++) {
            seen = failures = 0;
            armed = n;
            char *got = code_once(c, doc, &rc);
            armed = -1;
            if (failures == 0) { /* fewer than n+1 allocations: done */
                check(got && strcmp(got, want) == 0, "no failure injected (N=%ld) but the result differs", n);
                free(got);
                break;
            }
            if (got) {
                ok_runs++;
                if (strcmp(got, want) != 0) {
                    check(0, "N=%ld (persistent %d): success with a partial or different result", n, persistent);
                    fprintf(stderr, "  %s: want\n%s  got\n%s", what, want, got);
                }
            } else {
                nomem_runs++;
                if (rc != DYAD_ENOMEM) check(0, "N=%ld: failed with %d, not DYAD_ENOMEM", n, rc);
            }
            free(got);
            /* the coder recovers: the next document is coded whole */
            char *again = code_once(c, doc, &rc);
            if (!again || strcmp(again, want) != 0) clean++;
            free(again);
        }
        check(clean == 0, "after a failure the coder gave a different result %ld times (persistent %d)", clean,
              persistent);
        check(nomem_runs > 0, "no run failed: the hook is not reached (%ld allocations, persistent %d)", n,
              persistent);
        printf("fault: %s, %s: %ld allocations, %ld runs DYAD_ENOMEM, %ld whole\n", what,
               persistent ? "persistent" : "transient", n, nomem_runs, ok_runs);
    }
    free(want);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/dict";
    dyad_dict *d;
    if (dyad_dict_new(&d) || dyad_dict_load_defaults(d, dir, DYAD_DEFAULT_ALL) || dyad_dict_finish(d)) {
        fprintf(stderr, "fault: cannot load %s\n", dir);
        return 2;
    }
    dyad_coder *c;
    if (dyad_coder_new(d, NULL, &c)) return 2;
    /* several sentences, a compound, reported speech, a date, invalid UTF-8
     * (the repair path and its warning), a document-level warning */
    static const char text1[] =
        "ANKARA, July 24 (Dyad Wire) - Turkish troops attacked Syrian rebels on Monday.\n\n"
        "Turkish troops and Turkey attacked Syrian rebels, Turkish officials said. "
        "Syrian rebels did not attack Turkish troops. Iran met with Russia.";
    dyad_doc doc1 = {"one", "2024-07-24", "t", "Dyad Wire", "https://example.org/1", text1, sizeof text1 - 1};
    run(c, &doc1, "three sentences");
    static const char text2[] = "Syrian rebels \xff\xfe attacked Turkish troops.";
    dyad_doc doc2 = {"two", NULL, NULL, NULL, NULL, text2, sizeof text2 - 1};
    run(c, &doc2, "invalid UTF-8");
    /* a sentence of more than 512 tokens: pieces, and the event limit warning */
    size_t n3 = 0;
    char *text3 = __real_malloc(64 * 100 + 16);
    if (!text3) return 2;
    for (int k = 0; k < 100; k++) n3 += (size_t)sprintf(text3 + n3, "Turkish troops attacked Syrian rebels and ");
    n3 += (size_t)sprintf(text3 + n3, "Iran.");
    dyad_doc doc3 = {"three", "2024-07-24", NULL, NULL, NULL, text3, n3};
    run(c, &doc3, "a long sentence");
    free(text3);
    /* dyad_code makes its own coder: the same contract */
    armed = -1;
    for (long n = 0;; n++) {
        seen = failures = 0;
        armed = n;
        dyad_result *r = (dyad_result *)&armed;
        int rc = dyad_code(d, &doc1, NULL, &r);
        armed = -1;
        if (failures == 0) { check(rc == 0 && r, "dyad_code without failures: %d", rc); dyad_result_free(r); break; }
        if (rc) check(rc == DYAD_ENOMEM && r == NULL, "dyad_code N=%ld: error %d left a result or was not ENOMEM", n, rc);
        dyad_result_free(r);
    }
    dyad_coder_free(c);
    dyad_dict_free(d);
    printf("fault: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
