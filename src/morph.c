/* morph.c -- morphology.  dyad generates every inflection of a dictionary
 * verb or noun when the dictionary is loaded (dict.c: regular rules) and
 * takes irregular forms from Debian's WordNet exception lists
 * (/usr/share/wordnet/verb.exc, noun.exc), falling back to a built-in table
 * of common irregular verbs when WordNet is absent.  Pure functions of a
 * word: dict.c interns the forms (morph.c knows nothing of dyad_dict). */
#include "internal.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <pthread.h>

#ifndef DYAD_WORDNET_DIR
#define DYAD_WORDNET_DIR "/usr/share/wordnet"
#endif

/* Built-in irregular verbs: "base past participle [more]" */
static const char *const BUILTIN_VERBS[] = {
    "arise arose arisen", "be was were been", "bear bore borne born", "beat beat beaten",
    "become became become", "begin began begun", "bend bent", "bid bid", "bind bound",
    "bite bit bitten", "blow blew blown", "break broke broken", "bring brought",
    "broadcast broadcast", "build built", "burn burnt", "buy bought", "cast cast",
    "catch caught", "choose chose chosen", "come came come", "cost cost", "cut cut",
    "deal dealt", "dig dug", "do did done", "draw drew drawn", "drive drove driven",
    "eat ate eaten", "fall fell fallen", "feed fed", "feel felt", "fight fought",
    "find found", "flee fled", "fly flew flown", "forbid forbade forbidden",
    "forecast forecast", "foresee foresaw foreseen", "forget forgot forgotten",
    "forgive forgave forgiven", "freeze froze frozen", "get got gotten", "give gave given",
    "go went gone", "grow grew grown", "hang hung hanged", "have had", "hear heard",
    "hide hid hidden", "hit hit", "hold held", "hurt hurt", "keep kept", "know knew known",
    "lay laid", "lead led", "leave left", "lend lent", "let let", "lie lay lain",
    "lose lost", "make made", "mean meant", "meet met", "mislead misled", "overcome overcame",
    "overrun overran", "oversee oversaw overseen", "overthrow overthrew overthrown",
    "pay paid", "put put", "quit quit", "read read", "rebuild rebuilt", "repay repaid",
    "rid rid", "ride rode ridden", "ring rang rung", "rise rose risen", "run ran",
    "say said", "see saw seen", "seek sought", "sell sold", "send sent", "set set",
    "shake shook shaken", "shoot shot", "show showed shown", "shut shut", "sing sang sung",
    "sink sank sunk", "sit sat", "slay slew slain", "speak spoke spoken", "spend spent",
    "split split", "spread spread", "stand stood", "steal stole stolen", "stick stuck",
    "strike struck stricken", "strive strove striven", "swear swore sworn", "sweep swept",
    "take took taken", "teach taught", "tear tore torn", "tell told", "think thought",
    "throw threw thrown", "undergo underwent undergone", "understand understood",
    "undertake undertook undertaken", "uphold upheld", "upset upset", "wage waged",
    "wake woke woken", "wear wore worn", "weep wept", "win won", "withdraw withdrew withdrawn",
    "withhold withheld", "withstand withstood", "write wrote written", "shed shed",
    "forsake forsook forsaken", "override overrode overridden", "outlaw outlawed",
    "sling slung", "spit spat", "sow sowed sown", NULL};

/* Irregular nouns WordNet may lack in a minimal install. */
static const char *const BUILTIN_NOUNS[] = {
    "man men", "woman women", "child children", "person people", "crisis crises",
    "thesis theses", "analysis analyses", "chief chiefs", "wife wives", "life lives",
    "militia militias", "police police", "staff staff", "leaf leaves", "foot feet",
    "ally allies", "army armies", "party parties", "embassy embassies", NULL};

typedef struct { char *form, *base; } exc_pair;
typedef struct { exc_pair *v; size_t n, cap; } exc_table;
static exc_table g_exc[2]; /* 0 verbs, 1 nouns */
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void exc_add(exc_table *t, const char *form, size_t fl, const char *base, size_t bl) {
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 4096;
        exc_pair *nv = dyad__xrealloc_array(t->v, nc, sizeof *nv);
        if (!nv) return;
        t->v = nv;
        t->cap = nc;
    }
    char *f = malloc(fl + 1), *b = malloc(bl + 1);
    if (!f || !b) { free(f); free(b); return; }
    memcpy(f, form, fl); f[fl] = 0;
    memcpy(b, base, bl); b[bl] = 0;
    t->v[t->n++] = (exc_pair){f, b};
}

static int cmp_base(const void *a, const void *b) {
    const exc_pair *x = a, *y = b;
    int c = strcmp(x->base, y->base);
    return c ? c : strcmp(x->form, y->form);
}

static void load_exc(exc_table *t, const char *path) {
    size_t len;
    char *data = dyad__read_file_all(path, &len);
    if (!data) return;
    char *p = data, *end = data + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        char *sp = memchr(p, ' ', (size_t)(nl - p));
        if (sp) {
            char *base = sp + 1;
            char *sp2 = memchr(base, ' ', (size_t)(nl - base));
            char *be = sp2 ? sp2 : nl;
            /* skip multi-word WordNet entries (with '_') */
            if (!memchr(p, '_', (size_t)(sp - p)) && !memchr(base, '_', (size_t)(be - base)))
                exc_add(t, p, (size_t)(sp - p), base, (size_t)(be - base));
        }
        p = nl + 1;
    }
    free(data);
}

static void add_builtin(exc_table *t, const char *const *list) {
    for (int i = 0; list[i]; i++) {
        const char *s = list[i];
        const char *sp = strchr(s, ' ');
        size_t bl = (size_t)(sp - s);
        const char *f = sp + 1;
        while (*f) {
            const char *e = strchr(f, ' ');
            size_t fl = e ? (size_t)(e - f) : strlen(f);
            exc_add(t, f, fl, s, bl);
            f += fl;
            if (*f) f++;
        }
    }
}

static void init_tables(void) {
    char path[512];
    snprintf(path, sizeof path, "%s/verb.exc", DYAD_WORDNET_DIR);
    load_exc(&g_exc[0], path);
    snprintf(path, sizeof path, "%s/noun.exc", DYAD_WORDNET_DIR);
    load_exc(&g_exc[1], path);
    add_builtin(&g_exc[0], BUILTIN_VERBS);
    add_builtin(&g_exc[1], BUILTIN_NOUNS);
    for (int i = 0; i < 2; i++) qsort(g_exc[i].v, g_exc[i].n, sizeof *g_exc[i].v, cmp_base);
}

const char *dyad__morph_irregular(int noun, const char *base, size_t n, size_t *k, const char **forms) {
    pthread_once(&g_once, init_tables);
    exc_table *t = &g_exc[noun ? 1 : 0];
    char key[DYAD_MAX_WORD_BYTES + 1];
    *k = 0;
    if (n > DYAD_MAX_WORD_BYTES) return NULL;
    memcpy(key, base, n);
    key[n] = 0;
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(t->v[mid].base, key) < 0) lo = mid + 1;
        else hi = mid;
    }
    const char *last = NULL;
    for (size_t i = lo; i < t->n && strcmp(t->v[i].base, key) == 0 && *k < 16; i++) {
        if (last && strcmp(last, t->v[i].form) == 0) continue;
        forms[(*k)++] = last = t->v[i].form;
    }
    return NULL;
}
