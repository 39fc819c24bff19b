/* peer_patterns.c -- the words of the peers' verb dictionaries (stems,
 * markers, pieces the tokenizer splits) and their pattern text: synsets and
 * {|} groups expanded into flat patterns for peer_verbs.c.
 * docs/peer-dictionaries.md, "Words" and "Patterns". */
#include "peer.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

/* ---- Words ----------------------------------------------------------------------- */
/* Function words (the, was, will, not, that ...) are never stems: TABARI
 * writes "SAID WOULD * NOW", and a stem "the" would turn every unknown word
 * starting with "the" into a determiner for the whole dictionary. */
#define CLOSED_CLASS (W_BE | W_NEG | W_MODAL | W_AUX | W_DET | W_CONJ | W_OF | W_BY | W_IF | \
                      W_PRON | W_REL | W_TO | W_CLAUSE | W_POSS)

int dyad__peer_mark_stem(dyad_dict *d, wid w) {
    word_info *wi = &d->words[w];
    if (wi->len < 3 || (wi->flags & CLOSED_CLASS)) return 0;
    wi->flags |= W_STEM;
    d->stem_matching = 1;
    if (!d->min_stem || wi->len < d->min_stem) d->min_stem = wi->len;
    return 1;
}

/* Interns one dictionary word as the tokenizer would split it ("DON'T" is
 * do + n't): the pieces' ids go to OUT.  TABARI: the last piece becomes a
 * stem unless MK_EXACT (and not MK_TILDE), and gets the regular noun
 * endings unless MK_BARE ("ESTONIA_" matches "Estonias", "MOUSE=" not
 * "Mouses"); PETRARCH: regular plurals unless MK_EXACT.  Returns the number
 * of pieces, 0 if none could be read. */
size_t dyad__peer_intern_word(peer *p, const char *s, size_t n, int marks, wid *out, int *stem) {
    span sp[PEER_MAX_PIECES];
    size_t k = dyad__tokens_split_phrase(s, n, sp, PEER_MAX_PIECES);
    *stem = 0;
    if (k == 0 || k > PEER_MAX_PIECES) return 0;
    for (size_t i = 0; i < k; i++) {
        out[i] = dyad__dict_intern(p->d, s + sp[i].start, sp[i].end - sp[i].start);
        if (!out[i]) return 0;
    }
    wid last = out[k - 1];
    if (p->tabari && ((marks & MK_TILDE) || !(marks & MK_EXACT))) *stem = dyad__peer_mark_stem(p->d, last);
    if (p->tabari ? !(marks & MK_BARE) : !(marks & MK_EXACT)) {
        const word_info *wi = &p->d->words[last];
        dyad__dict_add_noun_forms(p->d, last, wi->text, wi->len);
    }
    return k;
}

/* ---- Flat patterns (peer.h) ---- */
void dyad__peer_fvec_free(fvec *v) {
    for (size_t i = 0; i < v->n; i++) free(v->a[i].alts);
    free(v->a);
    memset(v, 0, sizeof *v);
}

fatom *dyad__peer_fvec_push(fvec *v) {
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 8;
        fatom *na = dyad__xrealloc_array(v->a, nc, sizeof *na);
        if (!na) return NULL;
        v->a = na;
        v->cap = nc;
    }
    fatom *a = &v->a[v->n++];
    memset(a, 0, sizeof *a);
    return a;
}

int dyad__peer_fatom_word(fatom *a, const wid *w, size_t n, uint8_t adj, int stem) {
    a->kind = FA_WORD;
    a->adj = adj;
    a->stem = (uint8_t)stem;
    a->alts = malloc(n * sizeof *a->alts);
    if (!a->alts) return DYAD_ENOMEM;
    memcpy(a->alts, w, n * sizeof *w);
    a->nalts = (uint16_t)n;
    return 0;
}

void dyad__peer_fplist_free(fplist *l) {
    for (size_t i = 0; i < l->n; i++) dyad__peer_fvec_free(&l->v[i].v);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* ---- Synsets ---- */
static void norm_name(const char *s, size_t n, char *out, size_t cap) {
    while (n && s[n - 1] == '_') n--;
    if (n >= cap) n = cap - 1;
    for (size_t i = 0; i < n; i++) out[i] = peer_upper(s[i]);
    out[n] = 0;
}

static long find_synset(const synsets *S, const char *s, size_t n) {
    char key[128];
    norm_name(s, n, key, sizeof key);
    for (size_t i = 0; i < S->n; i++)
        if (strcmp(S->v[i].name, key) == 0) return (long)i;
    return -1;
}

void dyad__peer_synsets_free(synsets *S) {
    for (size_t i = 0; i < S->n; i++) {
        free(S->v[i].name);
        for (size_t j = 0; j < S->v[i].nmem; j++) free(S->v[i].mem[j]);
        free(S->v[i].mem);
    }
    free(S->v);
}

/* First pass: every "&NAME" label and its "+member" lines. PETRARCH members
 * are consecutive words (spaces become '_'); a label ending in '_' means no
 * plurals for any member (each gets a trailing '_'). */
int dyad__peer_synsets_collect(peer *p, synsets *S) {
    long cur = -1;
    int noplural = 0;
    for (size_t i = 0; i < p->nlines; i++) {
        const char *s = LINE(p, i);
        if (s[0] == '&') {
            size_t n = strcspn(s + 1, " ");
            if (!n) {
                dyad__peer_warn(p, LNO(p, i), "synset label without a name");
                cur = -1;
                continue;
            }
            noplural = s[n] == '_';
            cur = find_synset(S, s + 1, n);
            if (cur < 0) {
                if (dyad__grow_array(&S->v, &S->cap, S->n, sizeof *S->v, 64)) return DYAD_ENOMEM;
                synset *sy = &S->v[S->n];
                memset(sy, 0, sizeof *sy);
                char key[128];
                norm_name(s + 1, n, key, sizeof key);
                sy->name = dyad__peer_dup(key, strlen(key));
                if (!sy->name) return DYAD_ENOMEM;
                cur = (long)S->n++;
            }
            continue;
        }
        if (s[0] != '+' || cur < 0) {
            cur = -1;
            continue;
        }
        const char *m = s + 1;
        while (*m == ' ') m++;
        size_t n = strlen(m);
        if (!n) continue;
        char *t = malloc(n + 2);
        if (!t) return DYAD_ENOMEM;
        size_t k = 0;
        for (size_t j = 0; j < n; j++) {
            char c = m[j];
            if (!p->tabari && c == ' ') {
                if (k && t[k - 1] == '_') continue;
                c = '_';
            }
            t[k++] = c;
        }
        if (!p->tabari && noplural && k && t[k - 1] != '_') t[k++] = '_';
        t[k] = 0;
        synset *sy = &S->v[cur];
        if (sy->nmem == sy->cap) {
            size_t nc = sy->cap ? sy->cap * 2 : 8;
            char **nm = dyad__xrealloc_array(sy->mem, nc, sizeof *nm);
            if (!nm) { free(t); return DYAD_ENOMEM; }
            sy->mem = nm;
            sy->cap = nc;
        }
        sy->mem[sy->nmem++] = t;
    }
    return 0;
}

/* ---- Pattern text: expansion of {|} groups and &synsets, then parsing ---- */
/* What the expansion of one pattern line reads. */
typedef struct {
    peer *p;
    const synsets *syn;
} xctx;

static int is_fsep(char c) {
    return c == ' ' || c == '_' || c == '(' || c == ')' || c == '{' || c == '}' || c == '|';
}
static int is_fspecial(char c) { return c == '*' || c == '+' || c == '$' || c == '%' || c == '^'; }

/* Strips trailing markers into *MARKS: '_' or '\2' (MK_EXACT), '='
 * (MK_EXACT | MK_BARE), '~' (MK_TILDE). */
size_t dyad__peer_strip_marks(const char *s, size_t n, int *marks) {
    while (n) {
        char c = s[n - 1];
        if (c == '_' || c == '\2') *marks |= MK_EXACT;
        else if (c == '=') *marks |= MK_EXACT | MK_BARE;
        else if (c == '~') *marks |= MK_TILDE;
        else break;
        n--;
    }
    return n;
}

/* Parses a pattern with no groups or synsets left: words (alternatives split
 * by '\1'), '*', '+', '$', '%', '^', joined by '_' or blanks. 0, -1 skip. */
static int parse_flat(xctx *v, const char *s, int line, fpat *out) {
    peer *p = v->p;
    fvec *fv = &out->v;
    out->verb = SIZE_MAX;
    size_t i = 0;
    int first = 1;
    while (s[i]) {
        int space = 0;
        while (s[i] && is_fsep(s[i])) {
            if (s[i] != '_') space = 1;
            i++;
        }
        if (!s[i]) break;
        uint8_t adj = (uint8_t)(!first && !space);
        first = 0;
        char c = s[i];
        if (is_fspecial(c)) {
            i++;
            if (c == '*') {
                if (out->verb != SIZE_MAX) {
                    dyad__peer_warn(p, line, "pattern has two '*': skipped");
                    return SKIP;
                }
                out->verb = fv->n;
            }
            fatom *a = dyad__peer_fvec_push(fv);
            if (!a) return DYAD_ENOMEM;
            a->kind = c == '*' ? FA_VERB : c == '+' ? FA_TARGET : c == '$' ? FA_SOURCE
                    : c == '%' ? FA_COMPOUND : FA_SKIP;
            a->adj = adj;
            continue;
        }
        size_t st = i;
        while (s[i] && !is_fsep(s[i]) && !is_fspecial(s[i])) i++;
        int after = s[i] == '_';
        wid w[PEER_MAX_PIECES], *alts = NULL;
        size_t nalts = 0, maxalts = 1;
        int anystem = 0, single = memchr(s + st, '\1', i - st) == NULL;
        if (!single) {
            for (size_t j = st; j < i; j++) maxalts += s[j] == '\1';
            if (maxalts > UINT16_MAX) maxalts = UINT16_MAX;
            alts = malloc(maxalts * sizeof *alts);
            if (!alts) return DYAD_ENOMEM;
        }
        for (size_t a0 = st; a0 < i;) {
            size_t a1 = a0;
            while (a1 < i && s[a1] != '\1') a1++;
            int marks = after ? MK_EXACT : 0, stem = 0;
            size_t an = dyad__peer_strip_marks(s + a0, a1 - a0, &marks);
            if (an) {
                size_t k = dyad__peer_intern_word(p, s + a0, an, marks, w, &stem);
                if (!k) {
                    dyad__peer_warn(p, line, "cannot read word \"%.*s\": pattern skipped", (int)an, s + a0);
                    free(alts);
                    return SKIP;
                }
                if (single) { /* one word, maybe several tokens: adjacent elements */
                    for (size_t j = 0; j < k; j++) {
                        fatom *fa = dyad__peer_fvec_push(fv);
                        if (!fa || dyad__peer_fatom_word(fa, &w[j], 1, j ? 1 : adj, j == k - 1 && stem))
                            return DYAD_ENOMEM;
                    }
                } else if (nalts < maxalts) {
                    int dup = 0;
                    for (size_t j = 0; j < nalts; j++) dup |= alts[j] == w[0];
                    if (!dup) alts[nalts++] = w[0];
                    anystem |= stem;
                }
            }
            a0 = a1 + (a1 < i);
        }
        if (!single && nalts) {
            fatom *fa = dyad__peer_fvec_push(fv);
            if (!fa || dyad__peer_fatom_word(fa, alts, nalts, adj, anystem)) {
                free(alts);
                return DYAD_ENOMEM;
            }
        }
        free(alts);
    }
    if (out->verb == SIZE_MAX) {
        dyad__peer_warn(p, line, "pattern has no '*' (the verb): skipped");
        return SKIP;
    }
    return 0;
}

static const char *find_expandable(const char *s) {
    for (const char *q = s; *q; q++) {
        if (*q == '{') return q;
        if (*q == '&' && IS_ALNUM(q[1]) && (q == s || is_fsep(q[-1]) || q[-1] == '\1')) return q;
    }
    return NULL;
}

static int expand(xctx *v, const char *s, int depth, int line, fplist *out);

/* S[0..pre) + MID + SUF, expanded further. */
static int subst(xctx *v, const char *s, size_t pre, const char *mid, size_t nmid, const char *suf,
                 int depth, int line, fplist *out) {
    size_t ns = strlen(suf);
    char *t = malloc(pre + nmid + ns + 1);
    if (!t) return DYAD_ENOMEM;
    memcpy(t, s, pre);
    memcpy(t + pre, mid, nmid);
    memcpy(t + pre + nmid, suf, ns + 1);
    int r = expand(v, t, depth + 1, line, out);
    free(t);
    return r;
}

/* A member that is one plain word (maybe with trailing '_', '~', '='). */
static int is_simple(const char *a, size_t n) {
    int marks = 0;
    size_t core = dyad__peer_strip_marks(a, n, &marks);
    if (!core) return 0;
    for (size_t i = 0; i < core; i++)
        if (is_fsep(a[i]) || is_fspecial(a[i]) || a[i] == '&' || a[i] == '\1' || a[i] == '\2')
            return 0;
    span sp[2];
    return dyad__tokens_split_phrase(a, core, sp, 2) == 1;
}

/* The shape of an alternative made of plain words: how many, and the
 * connectors between them ('_' adjacent, ' ' gap). */
#define SHAPE_MAX 12
typedef struct {
    const char *w[SHAPE_MAX];
    size_t n[SHAPE_MAX];
    char conn[SHAPE_MAX];
    size_t nw;
} shape;

/* Reads A as plain words joined by blanks or '_'; 0 if it holds anything
 * else (slots, synsets, groups) or too many words. */
static int read_shape(const char *a, size_t an, shape *sh) {
    sh->nw = 0;
    size_t i = 0;
    while (i < an) {
        size_t st = i;
        while (i < an && a[i] != ' ' && a[i] != '_') i++;
        size_t e = i; /* markers stay with the word: "NEAT~", a final "WORD_" */
        if (e == st) return 0;
        int us = 0, sp = 0;
        size_t j = i;
        while (j < an && (a[j] == ' ' || a[j] == '_')) {
            if (a[j] == '_') us = 1;
            else sp = 1;
            j++;
        }
        if (sh->nw == SHAPE_MAX) return 0;
        sh->w[sh->nw] = a + st;
        sh->n[sh->nw] = (j == an && us && !sp) ? j - st : e - st; /* keep a final '_' */
        sh->conn[sh->nw] = sp ? ' ' : '_';
        if (!is_simple(sh->w[sh->nw], sh->n[sh->nw])) return 0;
        sh->nw++;
        i = j;
    }
    return sh->nw > 0;
}

static int same_shape(const shape *x, const shape *y) {
    if (x->nw != y->nw) return 0;
    for (size_t i = 0; i + 1 < x->nw; i++)
        if (x->conn[i] != y->conn[i]) return 0;
    return 1;
}

/* Replaces S[pre..suf) by the alternatives.  Alternatives of plain words are
 * merged by shape: all one-word ones give one element listing them all; all
 * two-word ones with the same connector give two elements, each listing the
 * words found at that position; and so on (so "&WEAPON" with 115 members is
 * a handful of patterns, at the price of also matching mixed pairs).  Any
 * other alternative (slots, synsets, groups) is a pattern of its own. */
static int expand_alts(xctx *v, const char *s, size_t pre, const char *suf, char *const *alts,
                       size_t nalts, int depth, int line, fplist *out) {
    shape *sh = calloc(nalts ? nalts : 1, sizeof *sh);
    int *grp = calloc(nalts ? nalts : 1, sizeof *grp);
    if (!sh || !grp) {
        free(sh);
        free(grp);
        return DYAD_ENOMEM;
    }
    size_t nany = 0;
    for (size_t i = 0; i < nalts; i++) {
        const char *a = alts[i];
        while (*a == ' ') a++;
        size_t an = strlen(a);
        while (an && a[an - 1] == ' ') an--;
        grp[i] = -2; /* empty */
        if (!an) continue;
        nany++;
        grp[i] = -1; /* complex */
        if (!read_shape(a, an, &sh[i])) continue;
        grp[i] = (int)i;
        for (size_t j = 0; j < i; j++)
            if (grp[j] == (int)j && same_shape(&sh[j], &sh[i])) {
                grp[i] = (int)j;
                break;
            }
    }
    int rc = 0;
    buf b = {0};
    for (size_t g = 0; g < nalts && !rc && !out->truncated; g++) {
        if (grp[g] != (int)g) continue;
        b.n = 0;
        for (size_t pos = 0; pos < sh[g].nw; pos++) {
            size_t nput = 0;
            for (size_t i = g; i < nalts; i++) {
                if (grp[i] != (int)g) continue;
                const char *w = sh[i].w[pos];
                size_t wn = sh[i].n[pos];
                int dup = 0; /* the same word at this position already listed */
                for (size_t j = g; j < i && !dup; j++)
                    dup = grp[j] == (int)g && sh[j].n[pos] == wn && memcmp(sh[j].w[pos], w, wn) == 0;
                if (dup) continue;
                if (nput++) dyad__buf_putc(&b, '\1');
                for (size_t k = 0; k < wn; k++) dyad__buf_putc(&b, w[k] == '_' ? '\2' : w[k]);
            }
            if (pos + 1 < sh[g].nw) dyad__buf_putc(&b, sh[g].conn[pos]);
        }
        if (b.oom) rc = DYAD_ENOMEM;
        else rc = subst(v, s, pre, b.p, b.n, suf, depth, line, out);
    }
    dyad__buf_free(&b);
    for (size_t i = 0; i < nalts && !rc && !out->truncated; i++) {
        if (grp[i] != -1) continue;
        const char *a = alts[i];
        while (*a == ' ') a++;
        size_t an = strlen(a);
        while (an && a[an - 1] == ' ') an--;
        rc = subst(v, s, pre, a, an, suf, depth, line, out);
    }
    if (!nany && !rc) rc = subst(v, s, pre, "", 0, suf, depth, line, out);
    free(sh);
    free(grp);
    return rc;
}

static int expand(xctx *v, const char *s, int depth, int line, fplist *out) {
    peer *p = v->p;
    if (out->n >= PEER_MAX_EXPANSIONS || ++out->work > PEER_MAX_WORK) {
        out->truncated = 1;
        return 0;
    }
    const char *q = find_expandable(s);
    if (!q) {
        if (dyad__grow_array(&out->v, &out->cap, out->n, sizeof *out->v, 4)) return DYAD_ENOMEM;
        fpat *f = &out->v[out->n];
        memset(f, 0, sizeof *f);
        int r = parse_flat(v, s, line, f);
        if (r) {
            dyad__peer_fvec_free(&f->v);
            return r;
        }
        out->n++;
        return 0;
    }
    if (depth >= PEER_MAX_SYN_DEPTH) {
        dyad__peer_warn(p, line, "synsets or {} groups nested too deep: pattern skipped");
        return SKIP;
    }
    size_t pre = (size_t)(q - s);
    if (*q == '{') {
        const char *e = q;
        int lvl = 0;
        for (; *e; e++) {
            if (*e == '{') lvl++;
            else if (*e == '}' && --lvl == 0) break;
        }
        if (!*e) {
            const char *rb = strchr(q, ']'); /* "{ WAS | WERE ] *" */
            if (!rb) {
                dyad__peer_warn(p, line, "'{' without '}': read as a blank");
                return subst(v, s, pre, " ", 1, q + 1, depth, line, out);
            }
            dyad__peer_warn(p, line, "'{' closed by ']': read as '}'");
            e = rb;
        }
        size_t cn = (size_t)(e - q - 1);
        char *c = dyad__peer_dup(q + 1, cn);
        char **alts = malloc((cn + 1) * sizeof *alts);
        if (!c || !alts) {
            free(c);
            free(alts);
            return DYAD_ENOMEM;
        }
        size_t na = 0;
        alts[na++] = c;
        lvl = 0;
        for (char *x = c; *x; x++) {
            if (*x == '{') lvl++;
            else if (*x == '}' && lvl > 0) lvl--;
            else if (*x == '|' && lvl == 0) {
                *x = 0;
                alts[na++] = x + 1;
            }
        }
        int r = expand_alts(v, s, pre, e + 1, alts, na, depth, line, out);
        free(alts);
        free(c);
        return r;
    }
    /* &NAME: the longest defined name, the run being cut at '_' ("&A_WORD") */
    const char *nm = q + 1;
    size_t run = 0;
    while (IS_ALNUM(nm[run]) || nm[run] == '_' || nm[run] == '-') run++;
    long found = -1;
    size_t len = run;
    for (;;) {
        found = find_synset(v->syn, nm, len);
        if (found >= 0) break;
        while (len > 0 && nm[len - 1] != '_') len--;
        if (len == 0) break;
        len--; /* before that '_' */
        if (len == 0) break;
    }
    if (found < 0) {
        dyad__peer_warn(p, line, "synset &%.*s is not defined: pattern skipped", (int)run, nm);
        return SKIP;
    }
    const synset *sy = &v->syn->v[found];
    return expand_alts(v, s, pre, nm + len, sy->mem, sy->nmem, depth, line, out);
}

int dyad__peer_expand(peer *p, const synsets *syn, const char *s, int line, fplist *out) {
    xctx v = {p, syn};
    return expand(&v, s, 0, line, out);
}
