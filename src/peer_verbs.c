/* peer_verbs.c -- verbs files of the peers' dictionaries (PETRARCH blocks,
 * TABARI verbs): verb lines, their forms, and each pattern of a block for
 * each of its verbs, into dyad's patterns.  docs/peer-dictionaries.md, "Verbs". */
#include "peer.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

/* ---- Codes ------------------------------------------------------------------- */
/* A verb or pattern code: "A", "A:B", ":B". Returns 0 or -1 (empty). */
static int parse_code(peer *p, int line, const char *s, size_t n, char code[8], char code2[8]) {
    const char *colon = memchr(s, ':', n);
    size_t n1 = colon ? (size_t)(colon - s) : n;
    int cut1 = 0, cut2 = 0;
    dyad__peer_copy_code(code, 8, s, n1, &cut1);
    code2[0] = 0;
    if (colon) dyad__peer_copy_code(code2, 8, colon + 1, n - n1 - 1, &cut2);
    /* TABARI's "[031!]": the PETRARCH conversion of the same file and the
     * validation suite's gold have 031 */
    for (char *c = code; *c; c++)
        if (*c == '!' && !c[1] && c > code) *c = 0;
    if (!code[0] && !code2[0]) return -1;
    if (!code[0]) strcpy(code, "---");
    if (cut1 || cut2) dyad__peer_warn(p, line, "code [%.*s] longer than 7 characters: cut", (int)n, s);
    return 0;
}

/* ---- A verb, and the block being read ------------------------------------------- */
typedef struct {
    wid lemma;
    fvec pre, post; /* the verb's own extra words; pre nearest the verb first */
    char code[8], code2[8];
    int line;
    int multi;
} vverb;

typedef struct {
    peer *p;
    synsets syn;
    /* the block being read */
    int inblock;
    char code[8], code2[8];
    size_t *vl; long *vf; size_t nv, capv; /* verb lines, their "{ forms }" line or -1 */
    size_t *pl; size_t np, capp;           /* pattern lines */
    u64map defaults;                       /* lemma -> 1 + index of its default pattern */
    size_t ntransform;
} vctx;

/* ---- Verb lines ---- */
typedef struct {
    const char *s;
    size_t n;
    uint8_t adj, plus;
    int marks;
} vword;

static size_t split_words(const char *s, size_t n, vword *out, size_t cap) {
    size_t k = 0, i = 0;
    int first = 1;
    while (i < n) {
        int space = 0;
        while (i < n && (s[i] == ' ' || s[i] == '_')) {
            if (s[i] == ' ') space = 1;
            i++;
        }
        if (i >= n) break;
        size_t st = i;
        while (i < n && s[i] != ' ' && s[i] != '_') i++;
        vword w;
        memset(&w, 0, sizeof w);
        w.s = s + st;
        w.n = i - st;
        w.adj = (uint8_t)(!first && !space);
        if (w.n && w.s[0] == '+') {
            w.plus = 1;
            w.s++;
            w.n--;
        }
        w.n = dyad__peer_strip_marks(w.s, w.n, &w.marks);
        if (i < n && s[i] == '_') w.marks |= MK_EXACT;
        if (!w.n) continue;
        if (k < cap) out[k] = w;
        k++;
        first = 0;
    }
    return k;
}

/* Counts the words of a verb line's phrase (before '{' and '['). */
static size_t verb_words(const char *s) {
    vword w[DYAD_MAX_PHRASE_WORDS];
    return split_words(s, strcspn(s, "{["), w, DYAD_MAX_PHRASE_WORDS);
}

static uint32_t form_flags(const word_info *f, const word_info *l) {
    size_t fl = f->len, ll = l->len;
    const char *a = f->text, *b = l->text;
    if (fl > 3 && memcmp(a + fl - 3, "ing", 3) == 0) return W_ING;
    if (fl > ll && memcmp(a, b, ll) == 0 &&
        ((fl == ll + 1 && a[fl - 1] == 's') || (fl == ll + 2 && memcmp(a + ll, "es", 2) == 0)))
        return W_VERB3;
    if (ll > 1 && fl == ll + 2 && b[ll - 1] == 'y' && memcmp(a, b, ll - 1) == 0 &&
        memcmp(a + ll - 1, "ies", 3) == 0)
        return W_VERB3;
    return W_VERB3 | W_PARTICIPLE;
}

/* "{BROKE BROKEN +BREAKS_DOWN WIRE_+TAPPED}": each form's verb word becomes
 * an inflection of LEMMA, unless it is a dictionary verb itself. */
static void add_forms(vctx *v, int line, wid lemma, const char *s, size_t n) {
    peer *p = v->p;
    dyad_dict *d = p->d;
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ') i++;
        size_t st = i;
        while (i < n && s[i] != ' ') i++;
        if (i == st) break;
        vword w[DYAD_MAX_PHRASE_WORDS];
        size_t k = split_words(s + st, i - st, w, DYAD_MAX_PHRASE_WORDS);
        if (!k) continue;
        if (k > DYAD_MAX_PHRASE_WORDS) k = DYAD_MAX_PHRASE_WORDS;
        size_t h = 0;
        for (size_t j = 0; j < k; j++)
            if (w[j].plus) { h = j; break; }
        span sp[PEER_MAX_PIECES];
        size_t np = dyad__tokens_split_phrase(w[h].s, w[h].n, sp, PEER_MAX_PIECES);
        if (!np || np > PEER_MAX_PIECES) {
            dyad__peer_warn(p, line, "cannot read verb form \"%.*s\"", (int)(i - st), s + st);
            continue;
        }
        wid f = dyad__dict_intern(d, w[h].s + sp[0].start, sp[0].end - sp[0].start);
        if (!f || f == lemma || d->words[f].verb_lemma == f) continue;
        d->words[f].verb_lemma = lemma;
        d->words[f].flags |= form_flags(&d->words[f], &d->words[lemma]);
        if (p->tabari && !(w[h].marks & MK_EXACT)) dyad__peer_mark_stem(d, f);
    }
}

/* TABARI's regular verb endings, which also hold after '_' ("DEPART_"
 * codes departs, departes, departed, departen, departing): the ones our
 * morphology does not make. */
static void tabari_endings(dyad_dict *d, wid lemma) {
    static const char *const END[] = {"s", "es", "ed", "d", "en", "ing"};
    char t[DYAD_MAX_WORD_BYTES + 8];
    size_t n = d->words[lemma].len;
    if (n < 2 || n > DYAD_MAX_WORD_BYTES) return;
    for (size_t i = 0; i < sizeof END / sizeof *END; i++) {
        size_t k = strlen(END[i]);
        memcpy(t, d->words[lemma].text, n);
        memcpy(t + n, END[i], k);
        wid f = dyad__dict_intern(d, t, n + k);
        if (!f || f == lemma || d->words[f].verb_lemma) continue;
        d->words[f].verb_lemma = lemma;
        d->words[f].flags |= form_flags(&d->words[f], &d->words[lemma]);
    }
}

/* Word W of a verb line as pattern atoms appended to V (pieces in order, or
 * reversed for words before the verb); ADJ joins it to its neighbour. */
static int verb_word_atoms(peer *p, int line, const vword *w, uint8_t adj, int reverse, fvec *v) {
    wid ids[PEER_MAX_PIECES];
    int stem = 0;
    size_t k = dyad__peer_intern_word(p, w->s, w->n, w->marks, ids, &stem);
    if (!k) {
        dyad__peer_warn(p, line, "cannot read word \"%.*s\" of a verb", (int)w->n, w->s);
        return SKIP;
    }
    for (size_t j = 0; j < k; j++) {
        size_t x = reverse ? k - 1 - j : j;
        fatom *a = dyad__peer_fvec_push(v);
        if (!a) return DYAD_ENOMEM;
        uint8_t aj = (uint8_t)(reverse ? (j == 0 ? adj : 1) : (j == 0 ? adj : 1));
        if (dyad__peer_fatom_word(a, &ids[x], 1, aj, x == k - 1 && stem)) return DYAD_ENOMEM;
    }
    return 0;
}

/* Reads verb line LI (and its TABARI "{ forms }" line FI, or -1) into *V.
 * Returns 0, -1 (skipped, warned) or DYAD_ENOMEM. */
static int parse_verb(vctx *v, size_t li, long fi, vverb *V) {
    peer *p = v->p;
    dyad_dict *d = p->d;
    const char *s = LINE(p, li);
    int line = LNO(p, li);
    memset(V, 0, sizeof *V);
    V->line = line;
    memcpy(V->code, v->code, 8);
    memcpy(V->code2, v->code2, 8);
    const char *lb = strrchr(s, '[');
    if (lb) {
        const char *rb = strchr(lb, ']');
        size_t cn = rb ? (size_t)(rb - lb - 1) : strlen(lb + 1);
        if (!rb) dyad__peer_warn(p, line, "missing ']' after the verb's code");
        char c1[8], c2[8];
        if (parse_code(p, line, lb + 1, cn, c1, c2)) dyad__peer_warn(p, line, "empty verb code []");
        else {
            memcpy(V->code, c1, 8);
            memcpy(V->code2, c2, 8);
        }
    }
    size_t pn = strcspn(s, "{[");
    vword w[DYAD_MAX_PHRASE_WORDS];
    size_t k = split_words(s, pn, w, DYAD_MAX_PHRASE_WORDS);
    if (!k) {
        dyad__peer_warn(p, line, "verb line without a verb: skipped");
        return SKIP;
    }
    if (k > DYAD_MAX_PHRASE_WORDS) {
        dyad__peer_warn(p, line, "verb phrase longer than %d words: skipped", DYAD_MAX_PHRASE_WORDS);
        return SKIP;
    }
    size_t h = 0;
    for (size_t j = 0; j < k; j++)
        if (w[j].plus) { h = j; break; }
    span sp[PEER_MAX_PIECES];
    size_t nps = dyad__tokens_split_phrase(w[h].s, w[h].n, sp, PEER_MAX_PIECES);
    if (!nps || nps > PEER_MAX_PIECES) {
        dyad__peer_warn(p, line, "cannot read verb \"%.*s\": skipped", (int)w[h].n, w[h].s);
        return SKIP;
    }
    wid vw = dyad__dict_intern(d, w[h].s + sp[0].start, sp[0].end - sp[0].start);
    if (!vw) {
        dyad__peer_warn(p, line, "cannot read verb \"%.*s\": skipped", (int)w[h].n, w[h].s);
        return SKIP;
    }
    V->multi = k > 1 || nps > 1;
    wid lemma = vw;
    if (V->multi && d->words[vw].verb_lemma && d->words[vw].verb_lemma != vw) {
        lemma = d->words[vw].verb_lemma; /* "+ANGERED_BY": filed under ANGER */
    } else if (p->tabari && (w[h].marks & MK_BARE)) {
        d->words[vw].verb_lemma = vw; /* TABARI "BAN=": this form only */
    } else {
        dyad__dict_add_verb_forms(d, vw, d->words[vw].text, d->words[vw].len);
        d->words[vw].verb_lemma = vw;
        if (p->tabari) {
            tabari_endings(d, vw);
            if (!(w[h].marks & MK_EXACT) || (w[h].marks & MK_TILDE)) dyad__peer_mark_stem(d, vw);
        }
    }
    V->lemma = lemma;
    int r = 0;
    /* the verb word's own further pieces ("DON'T" -> do n't) follow it */
    for (size_t j = 1; j < nps && !r; j++) {
        wid x = dyad__dict_intern(d, w[h].s + sp[j].start, sp[j].end - sp[j].start);
        fatom *a = x ? dyad__peer_fvec_push(&V->post) : NULL;
        if (!x) r = SKIP;
        else if (!a || dyad__peer_fatom_word(a, &x, 1, 1, 0)) r = DYAD_ENOMEM;
    }
    for (size_t j = h; j-- > 0 && !r;) r = verb_word_atoms(p, line, &w[j], w[j + 1].adj, 1, &V->pre);
    for (size_t j = h + 1; j < k && !r; j++) r = verb_word_atoms(p, line, &w[j], w[j].adj, 0, &V->post);
    if (r) {
        dyad__peer_fvec_free(&V->pre);
        dyad__peer_fvec_free(&V->post);
        return r;
    }
    const char *lbr = strchr(s, '{');
    if (lbr && (!lb || lbr < lb)) {
        const char *rbr = strchr(lbr, '}');
        if (!rbr) {
            dyad__peer_warn(p, line, "missing '}' after the verb forms");
            rbr = lb ? lb : lbr + strlen(lbr);
        }
        add_forms(v, line, lemma, lbr + 1, (size_t)(rbr - lbr - 1));
    }
    if (fi >= 0) {
        const char *f = LINE(p, (size_t)fi);
        const char *rbr = strchr(f, '}');
        if (!rbr) dyad__peer_warn(p, LNO(p, (size_t)fi), "missing '}' after the verb forms");
        add_forms(v, LNO(p, (size_t)fi), lemma, f + 1, rbr ? (size_t)(rbr - f - 1) : strlen(f + 1));
    }
    return 0;
}

static uint8_t pe_kind(uint8_t fa) {
    switch (fa) {
    case FA_TARGET: return PE_TARGET;
    case FA_SOURCE: return PE_SOURCE;
    case FA_COMPOUND: return PE_COMPOUND;
    case FA_SKIP: return PE_SKIP;
    default: return PE_WORD;
    }
}

static void pattern_free(pattern *pt) {
    for (size_t j = 0; j < pt->npre; j++) free(pt->pre[j].alts);
    for (size_t j = 0; j < pt->npost; j++) free(pt->post[j].alts);
    free(pt->pre);
    free(pt->post);
}

static int set_el(pattern *pt, pattern_el *el, const fatom *a, uint8_t adj) {
    memset(el, 0, sizeof *el);
    el->kind = pe_kind(a->kind);
    el->adjacent = adj;
    el->is_stem = a->stem;
    if (el->kind == PE_WORD) {
        el->alts = malloc((a->nalts ? a->nalts : 1) * sizeof *el->alts);
        if (!el->alts) return DYAD_ENOMEM;
        memcpy(el->alts, a->alts, a->nalts * sizeof *a->alts);
        el->nalts = a->nalts;
        pt->nwords++;
    }
    return 0;
}

/* Adds the pattern of verb V with flat pattern F (NULL: the verb alone). */
static int emit(vctx *v, const vverb *V, const fpat *F, const char *code, const char *code2, int line) {
    peer *p = v->p;
    size_t fpre = F ? F->verb : 0, fpost = F ? F->v.n - F->verb - 1 : 0;
    size_t npre = V->pre.n + fpre, npost = V->post.n + fpost;
    if (npre > DYAD_MAX_PHRASE_WORDS || npost > DYAD_MAX_PHRASE_WORDS) {
        dyad__peer_warn(p, line, "pattern longer than %d elements on one side: skipped", DYAD_MAX_PHRASE_WORDS);
        return SKIP;
    }
    pattern pt;
    memset(&pt, 0, sizeof pt);
    pt.verb = V->lemma;
    snprintf(pt.code, sizeof pt.code, "%s", code);
    snprintf(pt.code2, sizeof pt.code2, "%s", code2);
    pt.pre = calloc(npre ? npre : 1, sizeof *pt.pre);
    pt.post = calloc(npost ? npost : 1, sizeof *pt.post);
    if (!pt.pre || !pt.post) {
        free(pt.pre);
        free(pt.post);
        return DYAD_ENOMEM;
    }
    int r = 0;
    for (size_t i = 0; i < V->pre.n && !r; i++, pt.npre++)
        r = set_el(&pt, &pt.pre[pt.npre], &V->pre.a[i], V->pre.a[i].adj);
    for (size_t j = fpre; j-- > 0 && !r; pt.npre++)
        r = set_el(&pt, &pt.pre[pt.npre], &F->v.a[j], F->v.a[j + 1].adj);
    for (size_t i = 0; i < V->post.n && !r; i++, pt.npost++)
        r = set_el(&pt, &pt.post[pt.npost], &V->post.a[i], V->post.a[i].adj);
    for (size_t j = 0; j < fpost && !r; j++, pt.npost++) {
        const fatom *a = &F->v.a[F->verb + 1 + j];
        r = set_el(&pt, &pt.post[pt.npost], a, a->adj);
    }
    pt.gap = p->d->peer_gap;
    pt.peer = 1;
    pt.file = p->file;
    pt.line = line;
    if (!r) r = dyad__dict_add_pattern(p->d, &pt);
    if (r) pattern_free(&pt);
    return r;
}

static int block_flush(vctx *v) {
    peer *p = v->p;
    dyad_dict *d = p->d;
    if (!v->inblock) return 0;
    v->inblock = 0;
    int rc = 0;
    vverb *verbs = calloc(v->nv ? v->nv : 1, sizeof *verbs);
    fplist *pats = calloc(v->np ? v->np : 1, sizeof *pats);
    char (*pcode)[2][8] = calloc(v->np ? v->np : 1, sizeof *pcode);
    int *pok = calloc(v->np ? v->np : 1, sizeof *pok);
    size_t nverbs = 0;
    if (!verbs || !pats || !pcode || !pok) rc = DYAD_ENOMEM;
    /* single-word verbs first: their inflections exist when a multi-word verb
     * built on one of them is read */
    for (int pass = 0; pass < 2 && !rc; pass++) {
        for (size_t i = 0; i < v->nv && !rc; i++) {
            int multi = verb_words(LINE(p, v->vl[i])) > 1;
            if (multi != pass) continue;
            vverb *V = &verbs[nverbs];
            int r = parse_verb(v, v->vl[i], v->vf[i], V);
            if (r == DYAD_ENOMEM) rc = r;
            if (r) continue;
            int dup = 0;
            for (size_t j = 0; j < nverbs && !dup; j++)
                dup = !V->multi && !verbs[j].multi && verbs[j].lemma == V->lemma;
            if (dup) {
                dyad__peer_fvec_free(&V->pre);
                dyad__peer_fvec_free(&V->post);
                continue;
            }
            nverbs++;
        }
    }
    for (size_t i = 0; i < v->np && !rc; i++) {
        const char *s = LINE(p, v->pl[i]);
        int line = LNO(p, v->pl[i]);
        const char *body = s[0] == '-' ? s + 1 : s;
        const char *lb = strrchr(body, '[');
        if (!lb) {
            dyad__peer_warn(p, line, "pattern without a [CODE]: skipped");
            continue;
        }
        const char *rb = strchr(lb, ']');
        if (!rb) dyad__peer_warn(p, line, "missing ']' after the pattern's code");
        size_t cn = rb ? (size_t)(rb - lb - 1) : strlen(lb + 1);
        if (parse_code(p, line, lb + 1, cn, pcode[i][0], pcode[i][1])) {
            dyad__peer_warn(p, line, "pattern with an empty code []: skipped");
            continue;
        }
        char *text = dyad__peer_dup(body, (size_t)(lb - body));
        if (!text) { rc = DYAD_ENOMEM; break; }
        int r = dyad__peer_expand(p, &v->syn, text, line, &pats[i]);
        free(text);
        if (r == DYAD_ENOMEM) rc = r;
        if (r) {
            dyad__peer_fplist_free(&pats[i]);
            continue;
        }
        if (pats[i].truncated)
            dyad__peer_warn(p, line, "pattern expands to more than %d patterns: the rest dropped", PEER_MAX_EXPANSIONS);
        pok[i] = 1;
    }
    for (size_t k = 0; k < nverbs && !rc; k++) {
        const vverb *V = &verbs[k];
        for (size_t i = 0; i < v->np && !rc; i++) {
            if (!pok[i]) continue;
            for (size_t j = 0; j < pats[i].n && !rc; j++) {
                int r = emit(v, V, &pats[i].v[j], pcode[i][0], pcode[i][1], LNO(p, v->pl[i]));
                if (r == DYAD_ENOMEM) rc = r;
                if (r) break; /* too long: warned once */
            }
        }
        /* the verb's own code last: among equally specific patterns the
         * block's patterns are tried first, the bare verb when none matches */
        if (strcmp(V->code, "---") != 0 && !rc) {
            uint32_t prev = V->multi ? 0 : dyad__u64map_get(&v->defaults, V->lemma);
            if (prev) {
                if (strcmp(d->pats[prev - 1].code, V->code) != 0)
                    dyad__peer_warn(p, V->line, "verb \"%s\" listed again with code %s: the first code, %s, is kept",
                          d->words[V->lemma].text, V->code, d->pats[prev - 1].code);
            } else {
                int r = emit(v, V, NULL, V->code, V->code2, V->line);
                if (r == DYAD_ENOMEM) rc = r;
                else if (!r && !V->multi && dyad__u64map_put(&v->defaults, V->lemma, (uint32_t)d->npats))
                    rc = DYAD_ENOMEM;
            }
        }
    }
    if (v->np && !nverbs && !rc) dyad__peer_warn(p, LNO(p, v->pl[0]), "patterns without a verb: skipped");
    for (size_t k = 0; k < nverbs; k++) {
        dyad__peer_fvec_free(&verbs[k].pre);
        dyad__peer_fvec_free(&verbs[k].post);
    }
    if (pats)
        for (size_t i = 0; i < v->np; i++) dyad__peer_fplist_free(&pats[i]);
    free(verbs);
    free(pats);
    free(pcode);
    free(pok);
    v->nv = v->np = 0;
    return rc;
}

static int block_start(vctx *v, const char *code, const char *code2) {
    int rc = block_flush(v);
    v->inblock = 1;
    snprintf(v->code, sizeof v->code, "%s", code);
    snprintf(v->code2, sizeof v->code2, "%s", code2);
    return rc;
}

static int push_index(size_t **a, size_t *n, size_t *cap, size_t x, long **b) {
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        size_t *na = dyad__xrealloc_array(*a, nc, sizeof *na);
        if (!na) return DYAD_ENOMEM;
        *a = na;
        if (b) {
            long *nb = dyad__xrealloc_array(*b, nc, sizeof *nb);
            if (!nb) return DYAD_ENOMEM;
            *b = nb;
        }
        *cap = nc;
    }
    if (b) (*b)[*n] = -1;
    (*a)[(*n)++] = x;
    return 0;
}

/* "--- NAME [CODE] ---" */
static int petrarch_header(vctx *v, size_t i) {
    peer *p = v->p;
    const char *s = LINE(p, i);
    int line = LNO(p, i);
    char code[8] = "---", code2[8] = "";
    const char *c;
    size_t cn;
    int rep;
    const char *after = dyad__peer_next_group(s, &c, &cn, &rep);
    if (after) {
        if (parse_code(p, line, c, cn, code, code2)) {
            strcpy(code, "---");
            code2[0] = 0;
        }
        if (strchr(after, '[')) dyad__peer_warn(p, line, "verb block with two codes: the first, [%s], is used", code);
    }
    return block_start(v, code, code2);
}

int dyad__peer_load_verbs(peer *p) {
    vctx v;
    memset(&v, 0, sizeof v);
    v.p = p;
    int rc = dyad__peer_synsets_collect(p, &v.syn);
    int skip = 0, in_syn = 0;
    size_t skipped = 0;
    for (size_t i = 0; i < p->nlines && !rc; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        int tag = dyad__peer_section_tag(s);
        if (tag) {
            if (tag == 1) skip = 1;
            else if (tag == 2 || tag == 3) skip = 0;
            else dyad__peer_warn(p, line, "unknown tag %s skipped", s);
            in_syn = 0;
            continue;
        }
        if (skip) { skipped++; continue; } /* <TIME>, <NOUN>, <ADJECTIVE> */
        if (s[0] == '&') { in_syn = 1; continue; }
        if (s[0] == '+' && in_syn) continue;
        in_syn = 0;
        if (s[0] == '~') {
            if (s[1] != '~') v.ntransform++;
            continue;
        }
        if (!p->tabari && strncmp(s, "---", 3) == 0) {
            rc = petrarch_header(&v, i);
            continue;
        }
        if (s[0] == '-' || s[0] == '*') {
            if (s[0] == '*') dyad__peer_warn(p, line, "pattern line without its leading '-': read as a pattern");
            if (!v.inblock) {
                dyad__peer_warn(p, line, "pattern before any verb: skipped");
                continue;
            }
            rc = push_index(&v.pl, &v.np, &v.capp, i, NULL);
            continue;
        }
        if (s[0] == '{') {
            if (!v.inblock || !v.nv) dyad__peer_warn(p, line, "verb forms before any verb: skipped");
            else if (v.vf[v.nv - 1] >= 0) dyad__peer_warn(p, line, "second forms line for one verb: skipped");
            else v.vf[v.nv - 1] = (long)i;
            continue;
        }
        /* a verb line */
        if (p->tabari || !v.inblock) {
            char code[8] = "---", code2[8] = "";
            if (p->tabari) {
                const char *c;
                size_t cn;
                int rep;
                if (dyad__peer_next_group(s, &c, &cn, &rep)) {
                    if (parse_code(p, line, c, cn, code, code2)) strcpy(code, "---");
                } else {
                    dyad__peer_warn(p, line, "verb without a [CODE]: read as [---]");
                }
            }
            if ((rc = block_start(&v, code, code2))) break;
        }
        rc = push_index(&v.vl, &v.nv, &v.capv, i, &v.vf);
    }
    if (!rc) rc = block_flush(&v);
    if (v.ntransform)
        dyad__peer_warn(p, 0, "%zu verb transformation lines (~) ignored: dyad does not support them", v.ntransform);
    (void)skipped;
    dyad__peer_synsets_free(&v.syn);
    free(v.vl);
    free(v.vf);
    free(v.pl);
    dyad__u64map_free(&v.defaults);
    return rc;
}
