/* morph.c -- irregular forms.  dyad generates every inflection of a dictionary
 * verb or noun when the dictionary is loaded (dict.c: regular rules) and
 * takes irregular forms from tables read here: dict/generated/irregular.exc
 * (made at build time from WordNet's exception lists) and dict/irregular.exc
 * (forms WordNet lacks).  Pure functions of a table: dict.c owns the tables
 * and interns the forms (morph.c knows nothing of dyad_dict). */
#include "internal.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

static int add_pair(morph_table *t, char *form, char *base) {
    if (dyad__grow_array(&t->v, &t->cap, t->n, sizeof *t->v, 4096)) return DYAD_ENOMEM;
    t->v[t->n++] = (morph_pair){form, base};
    return 0;
}

static int cmp_base(const void *a, const void *b) {
    const morph_pair *x = a, *y = b;
    int c = strcmp(x->base, y->base);
    return c ? c : strcmp(x->form, y->form);
}

/* Lines "verb|noun BASE FORM [FORM ...]"; '#' starts a comment.  The file's
 * text is kept (the pairs point into it); the tables are sorted again. */
int dyad__morph_load(morph_table t[2], const char *path, char *err, size_t errcap) {
    size_t len;
    char *data = dyad__read_file_all(path, &len);
    if (!data) {
        snprintf(err, errcap, "%.300s: cannot read the irregular forms (make builds dict/generated/ from WordNet: install wordnet-base, sh scripts/install-deps.sh)", path);
        return DYAD_EIO;
    }
    char **nb = dyad__xrealloc_array(t[0].bufs, t[0].nbufs + 1, sizeof *nb);
    if (!nb) { free(data); return DYAD_ENOMEM; }
    t[0].bufs = nb;
    t[0].bufs[t[0].nbufs++] = data;
    int rc = 0, line = 0;
    char *p = data, *end = data + len;
    while (!rc && p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        *nl = 0;
        line++;
        char *hash = strchr(p, '#');
        if (hash) *hash = 0;
        char *save = NULL;
        char *kind = strtok_r(p, " \t\r", &save);
        if (kind) {
            int noun = strcmp(kind, "noun") == 0;
            char *base = strtok_r(NULL, " \t\r", &save);
            if ((!noun && strcmp(kind, "verb") != 0) || !base) {
                snprintf(err, errcap, "%.300s:%d: want \"verb|noun BASE FORM ...\"", path, line);
                rc = DYAD_EPARSE;
                break;
            }
            for (char *f = strtok_r(NULL, " \t\r", &save); f && !rc; f = strtok_r(NULL, " \t\r", &save))
                rc = add_pair(&t[noun], f, base);
        }
        p = nl + 1;
    }
    for (int i = 0; i < 2; i++) qsort(t[i].v, t[i].n, sizeof *t[i].v, cmp_base);
    return rc;
}

void dyad__morph_free(morph_table t[2]) {
    for (int i = 0; i < 2; i++) {
        for (size_t j = 0; j < t[i].nbufs; j++) free(t[i].bufs[j]);
        free(t[i].bufs);
        free(t[i].v);
        memset(&t[i], 0, sizeof t[i]);
    }
}

void dyad__morph_irregular(const morph_table *t, const char *base, size_t n, const char **forms,
                           size_t cap, size_t *k) {
    char key[DYAD_MAX_WORD_BYTES + 1];
    *k = 0;
    if (n > DYAD_MAX_WORD_BYTES) return;
    memcpy(key, base, n);
    key[n] = 0;
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(t->v[mid].base, key) < 0) lo = mid + 1;
        else hi = mid;
    }
    const char *last = NULL;
    for (size_t i = lo; i < t->n && strcmp(t->v[i].base, key) == 0 && *k < cap; i++) {
        if (last && strcmp(last, t->v[i].form) == 0) continue;
        forms[(*k)++] = last = t->v[i].form;
    }
}
