/* patterns.c -- stage 5: match one verb occurrence against its patterns.
 *
 * Patterns are indexed by verb lemma and sorted most specific first, so the
 * first pattern that matches wins.  Each element is found greedily within a
 * bounded window (the pattern's gap) that never crosses a clause break, so a
 * verb costs O(patterns x elements x gap) and a sentence stays linear. */
#include "coder.h"
#include <string.h>

int dyad__token_is(const token *t, wid w) {
    if (!w) return 0;
    if (t->w == w) return 1;
    if (!t->info) return 0;
    return t->info->noun_lemma == w || t->info->verb_lemma == w || t->info->stem == w;
}

int dyad__is_clause_break(const token *t, const char *text) {
    if (t->type == T_CLAUSE) return 1;
    if (t->type == T_PUNCT) {
        char c = text[t->start];
        return c == '(' || c == ')' || c == '[' || c == ']';
    }
    return 0;
}

int dyad__patterns_has_verb(const dyad_dict *d, wid lemma) {
    return lemma && dyad__u64map_get(&d->verb_index, lemma) != 0;
}

static int el_matches(const pattern_el *e, const token *t) {
    for (size_t i = 0; i < e->nalts; i++)
        if (dyad__token_is(t, e->alts[i])) return 1;
    return 0;
}

/* Finds element E at or after POS (forward) within GAP tokens; returns the
 * index after it or -1.  For actor slots, *mention gets the mention. */
static long find_forward(const sentence_ctx *s, const pattern_el *e, size_t pos, size_t gap,
                         int *mention_out) {
    size_t lim = e->adjacent ? pos + 1 : pos + gap + 1;
    for (size_t j = pos; j < s->n && j < lim; j++) {
        const token *t = &s->t[j];
        if (dyad__is_clause_break(t, s->text)) return -1;
        if (e->kind == PE_WORD) {
            if (el_matches(e, t)) return (long)j + 1;
        } else if (e->kind == PE_SKIP) {
            return (long)j + 1;
        } else {
            int m = s->mention_at[j];
            if (m >= 0 && !s->m[m].is_null) { *mention_out = m; return (long)s->m[m].end; }
            /* inside a mention that started earlier: take it */
            if (j == pos && s->mention_of[j] >= 0 && !s->m[s->mention_of[j]].is_null) {
                *mention_out = s->mention_of[j];
                return (long)s->m[*mention_out].end;
            }
        }
    }
    return -1;
}

/* Backward: element before POS (exclusive); returns the index of its first token or -1. */
static long find_backward(const sentence_ctx *s, const pattern_el *e, size_t pos, size_t gap,
                          int *mention_out) {
    size_t steps = 0;
    for (size_t j = pos; j-- > 0;) {
        if (steps++ > (e->adjacent ? 0 : gap)) return -1;
        const token *t = &s->t[j];
        if (dyad__is_clause_break(t, s->text)) return -1;
        if (e->kind == PE_WORD) {
            if (el_matches(e, t)) return (long)j;
        } else if (e->kind == PE_SKIP) {
            return (long)j;
        } else {
            int m = s->mention_of[j];
            if (m >= 0 && !s->m[m].is_null) { *mention_out = m; return (long)s->m[m].start; }
        }
    }
    return -1;
}

int dyad__patterns_match(const sentence_ctx *s, size_t verb, size_t verb_end, pattern_match *out) {
    const dyad_dict *d = s->d;
    memset(out, 0, sizeof *out);
    out->target_mention = out->source_mention = -1;
    const token *vt = &s->t[verb];
    if (!vt->info || !vt->info->verb_lemma) return 0;
    uint32_t k = dyad__u64map_get(&d->verb_index, vt->info->verb_lemma);
    if (!k) return 0;
    const uint32_t *list = d->verb_lists[k - 1];
    uint32_t nlist = d->verb_nlist[k - 1];
    for (uint32_t i = 0; i < nlist; i++) {
        const pattern *p = &d->pats[list[i]];
        int tgt = -1, src = -1, ok = 1;
        size_t pos = verb_end, first = verb;
        for (size_t e = 0; e < p->npost && ok; e++) {
            int m = -1;
            const pattern_el *el = &p->post[e];
            long r = find_forward(s, el, pos, p->gap, &m);
            if (r < 0) { ok = 0; break; }
            if (el->kind == PE_TARGET || el->kind == PE_COMPOUND) tgt = m;
            else if (el->kind == PE_SOURCE) src = m;
            pos = (size_t)r;
        }
        size_t bpos = verb;
        for (size_t e = 0; e < p->npre && ok; e++) {
            int m = -1;
            const pattern_el *el = &p->pre[e];
            long r = find_backward(s, el, bpos, p->gap, &m);
            if (r < 0) { ok = 0; break; }
            if (el->kind == PE_TARGET || el->kind == PE_COMPOUND) tgt = m;
            else if (el->kind == PE_SOURCE) src = m;
            bpos = (size_t)r;
            first = bpos;
        }
        if (!ok) continue;
        out->p = p;
        out->target_mention = tgt;
        out->source_mention = src;
        out->last = pos;
        out->first = first;
        return 1;
    }
    return 0;
}
