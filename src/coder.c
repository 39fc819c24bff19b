/* coder.c -- stage 6: from one document to events.
 *
 * For each sentence: tokens, actors (actors.c), then each verb with patterns
 * (patterns.c).  Around the verb, a small grammar of English verb groups:
 *   - the auxiliary chain before it: "has been", "will", "did not", "could",
 *     "plans to", "refused to" -> passive voice, negation, hypothetical mode;
 *   - the subject: the nearest actor mention to the left in the same clause
 *     that does not follow a preposition ("in Moscow", "with Syria");
 *   - passive voice: the actor after "by" is the source, the subject the target;
 *   - the target: the pattern's '+' slot, else the first actor after the verb;
 *   - compound actors: every member of a coordination group, source x target;
 *   - reported speech: "X said (that) Y attacked Z" gives Y->Z with X as
 *     attribution, and no separate event for "said".
 * Events whose source and target are the same actor are not emitted. */
#include "coder.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <limits.h>

/* A warning about the document (its result owns it). */
void dyad__result_warn(dyad_result *r, const char *fmt, ...) {
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char **nw = dyad__xrealloc_array(r->warnings, r->nwarnings + 1, sizeof *nw);
    if (!nw) { r->oom = 1; return; }
    r->warnings = nw;
    char *c = strdup(msg);
    if (!c) { r->oom = 1; return; }
    r->warnings[r->nwarnings++] = c;
}

static void tracef(const sentence_ctx *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tracef(const sentence_ctx *s, const char *fmt, ...) {
    if (!s->trace) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    s->trace(s->trace_user, line);
}

static int has(const token *t, uint32_t f) { return t->info && (t->info->flags & f); }
static int is_comma(const sentence_ctx *s, size_t i) {
    return s->t[i].type == T_PUNCT && s->text[s->t[i].start] == ',';
}
/* -ly adverbs and the ADV words may sit inside a verb group */
static int is_adverb(const sentence_ctx *s, size_t i) {
    const token *t = &s->t[i];
    if (t->type != T_WORD || t->cap) return 0;
    if (t->len > 3 && s->text[t->start + t->len - 2] == 'l' && s->text[t->start + t->len - 1] == 'y')
        return 1;
    return (t->cls & G_ADV) != 0;
}

typedef struct {
    size_t start;  /* first token of the verb group */
    int passive, negated, hypothetical;
    int future;    /* "will", "is expected to", a headline's "X to V" */
} verb_group;

/* A future act is not yet an event (hypothetical), unless CAMEO codes the
 * announcement itself: an intent (03x) is asserted when stated.  Patterns
 * from TABARI's and PETRARCH's files keep their authors' convention: the
 * act is coded whatever its tense. */
static dyad_mode group_mode(const verb_group *g, const pattern *p, const char *code) {
    if (g->negated) return DYAD_MODE_NEGATED;
    if (g->hypothetical) return DYAD_MODE_HYPOTHETICAL;
    if (g->future && !p->peer && !(code[0] == '0' && code[1] == '3')) return DYAD_MODE_HYPOTHETICAL;
    return DYAD_MODE_ASSERTED;
}

/* Reads the auxiliary chain before the verb at V. */
static verb_group read_group(const sentence_ctx *s, size_t v) {
    verb_group g = {v, 0, 0, 0, 0};
    const token *vt = &s->t[v];
    int be = 0;
    size_t j = v;
    while (j > 0) {
        const token *t = &s->t[j - 1];
        if (has(t, W_BE)) { be = 1; j--; continue; }
        if (has(t, W_NEG)) { g.negated = 1; j--; continue; }
        if (has(t, W_MODAL)) { g.hypothetical = 1; j--; continue; }
        if (t->cls & G_WILL) { g.future = 1; j--; continue; }
        if (has(t, W_AUX)) { j--; continue; }
        if (has(t, W_TO)) {
            /* "plans to meet", "refused to meet", "agreed to meet" */
            if (j >= 2) {
                const token *p = &s->t[j - 2];
                if (has(p, W_PLAN)) { g.hypothetical = 1; j -= 2; continue; }
                if (has(p, W_REFUSE)) { g.negated = 1; j -= 2; continue; }
                /* "is expected to meet", "is due to visit" */
                if ((p->cls & G_DUE) && j >= 3 && has(&s->t[j - 3], W_BE)) { g.future = 1; j -= 3; continue; }
                /* a headline's "Turkey to impose sanctions": an actor right
                 * before "to" and no verb between */
                if (s->mention_of[j - 2] >= 0 && j - 2 == (size_t)s->m[s->mention_of[j - 2]].end - 1) {
                    g.future = 1;
                    j--;
                    break;
                }
            }
            j--;
            continue;
        }
        if (is_adverb(s, j - 1)) { j--; continue; }
        break;
    }
    g.start = j;
    if (be && vt->info && (vt->info->flags & W_PARTICIPLE) && !(vt->info->flags & W_ING)) g.passive = 1;
    return g;
}

/* "X, which fought alongside Y, called on Z": at the comma J that closes a
 * relative clause opened by ", which|who|whom" returns that opening comma,
 * else J. */
static size_t skip_relative(const sentence_ctx *s, size_t j) {
    if (!is_comma(s, j)) return j;
    for (size_t k = j; k-- > 1;) {
        if (dyad__is_clause_break(&s->t[k], s->text) || is_comma(s, k)) return j;
        if ((s->t[k].cls & G_WH) && is_comma(s, k - 1))
            return k - 1;
    }
    return j;
}

/* The subject: nearest mention left of POS in the clause, not after a
 * preposition, not inside a relative clause set off by commas. */
static int find_subject(const sentence_ctx *s, size_t pos) {
    size_t j = pos;
    while (j > 0) {
        j--;
        j = skip_relative(s, j);
        const token *t = &s->t[j];
        if (dyad__is_clause_break(t, s->text)) return -1;
        int m = s->mention_of[j];
        if (m >= 0) {
            if (!s->m[m].after_prep && !s->m[m].is_null) return m;
            j = s->m[m].start;
            continue;
        }
    }
    return -1;
}

/* The first mention at or after POS in the clause.  A new clause (", and",
 * ", but", a relative pronoun, a clause word) ends the search.  A place ("in
 * Moscow", "at the border") is the object only when no other actor follows in
 * the clause: "met in Moscow with Lavrov" is a meeting with Lavrov. */
static int find_object(const sentence_ctx *s, size_t pos, int skip_group) {
    int place = -1;
    for (size_t j = pos; j < s->n; j++) {
        const token *t = &s->t[j];
        if (dyad__is_clause_break(t, s->text)) return place;
        if (has(t, W_REL) && !has(t, W_DET)) return place;
        if (has(t, W_CLAUSE)) return place;
        if (is_comma(s, j) && j + 1 < s->n && (s->t[j + 1].cls & G_JOIN)) return place;
        int m = s->mention_at[j];
        if (m >= 0 && s->m[m].owned) { j = s->m[m].end - 1; continue; }
        if (m >= 0 && !s->m[m].is_null && s->m[m].group != skip_group) {
            size_t b = s->m[m].start;
            if ((b > pos && (s->t[b - 1].cls & G_PLACE)) ||
                (b > pos + 1 && has(&s->t[b - 1], W_DET) && (s->t[b - 2].cls & G_AT))) {
                if (place < 0) place = m;
                j = s->m[m].end - 1;
                continue;
            }
            return m;
        }
    }
    return place;
}

/* The source after "by" in a passive. */
static int find_by_agent(const sentence_ctx *s, size_t pos) {
    for (size_t j = pos; j < s->n && j < pos + 8; j++) {
        const token *t = &s->t[j];
        if (dyad__is_clause_break(t, s->text)) return -1;
        if (has(t, W_BY)) {
            for (size_t k = j + 1; k < s->n && k < j + 4; k++) {
                int m = s->mention_at[k];
                if (m >= 0 && !s->m[m].is_null) return m;
            }
            return -1;
        }
    }
    return -1;
}

typedef struct {
    int src_group, tgt_group;
    size_t verb, verb_end;
    const pattern *p;
    verb_group g;
    int is_speech;
    int attrib_mention; /* -1 none */
    int dropped;
} candidate;

/* A speech verb's addressee: its target is the mention right after the verb
 * group ("told Putin", not "said Iran attacked"). */
static int addressed(const sentence_ctx *s, const candidate *c) {
    size_t j = c->verb_end;
    if (c->tgt_group < 0 || j >= s->n) return 0;
    if (has(&s->t[j], W_DET) && !has(&s->t[j], W_REL) && j + 1 < s->n) j++; /* "told the United States" */
    int m = s->mention_at[j];
    /* an audience with no country ("told reporters") is no party to an event */
    return m >= 0 && s->m[m].group == c->tgt_group && (s->m[m].country[0] || strncmp(s->m[m].code, "IGO", 3) == 0);
}

/* Is token V likely a verb here (not "the attack", "Syria's attack")? */
static int looks_like_verb(const sentence_ctx *s, size_t v) {
    const token *t = &s->t[v];
    if (t->type != T_WORD) return 0;
    if (s->mention_of[v] >= 0) return 0;
    /* "Aid was delivered", "Attacks have risen": followed by an auxiliary, a
     * verb-looking word is the subject noun */
    if (v + 1 < s->n && s->t[v + 1].info && (s->t[v + 1].info->flags & (W_BE | W_MODAL | W_AUX)) &&
        !(t->info->flags & (W_BE | W_MODAL | W_AUX)) && !(v > 0 && has(&s->t[v - 1], W_TO)))
        return 0;
    if (v > 0) {
        const token *p = &s->t[v - 1];
        if (p->type == T_POSS) return 0;
        if (has(p, W_DET) && !has(p, W_REL)) return 0;
        /* "an attack on train stations", "talks with trade officials": right
         * after a preposition (not "to": an infinitive) and before another
         * plain word, a verb-looking word modifies that noun.  ("in protest of",
         * "during talks Tuesday with" stay: nominal events in their frames) */
        if ((p->cls & G_PREP) && !has(p, W_TO) && v + 1 < s->n) {
            const token *q = &s->t[v + 1];
            if (q->type == T_WORD && !q->cap && s->mention_of[v + 1] < 0 && !(q->cls & G_TOKEN) &&
                (!q->info || !(q->info->flags & ~(unsigned)(W_VERB3 | W_PARTICIPLE | W_ING | W_STEM))))
                return 0;
        }
        /* "two car bombs", "dozens of attacks", "impose sanctions", "says attacks":
         * a plural-looking word after a number word or after a verb is a noun */
        if (s->text[t->start + t->len - 1] == 's' && !(t->info->flags & (W_ING | W_PARTICIPLE))) {
            if (p->type == T_NUM) return 0; /* "500 prisoners", "2 bombs" */
            if (p->cls & G_QUANT) return 0;
            if (p->info && p->info->verb_lemma && !(p->info->flags & (W_BE | W_AUX | W_MODAL | W_TO | W_NEG)) &&
                s->mention_of[v - 1] < 0)
                return 0;
        }
        /* "a brief private visit": adjectives between a determiner and the word */
        for (size_t j = v - 1, k = 0; j > 0 && k < 3; j--, k++) {
            const token *q = &s->t[j];
            if (q->type != T_WORD || q->cap || s->mention_of[j] >= 0 || is_adverb(s, j)) break;
            if (q->info && (q->info->flags || q->info->verb_lemma)) break;
            const token *b = &s->t[j - 1];
            if (b->type == T_POSS || (has(b, W_DET) && !has(b, W_REL))) return 0;
        }
        if (t->info->flags & W_ING) {
            /* "is meeting", ", accusing", "after meeting" (noun-like) */
            if (has(p, W_BE) || is_comma(s, v - 1) || has(p, W_NEG) || is_adverb(s, v - 1)) return 1;
            return 0;
        }
    }
    return 1;
}

/* "clashes between A and B", "talks in Geneva between A and B": the
 * coordination group after a BETWEEN word up to four words after the event
 * word V (no clause break, no actor before it), when it has two members or
 * more; else -1. */
static int between_group(const sentence_ctx *s, size_t v) {
    for (size_t k = v + 1; k < s->n && k <= v + 4; k++) {
        if (dyad__is_clause_break(&s->t[k], s->text) || s->mention_of[k] >= 0) return -1;
        if (!(s->t[k].cls & G_BETWEEN)) continue;
        for (size_t j = k + 1; j < s->n && j <= k + 3; j++) {
            int m = s->mention_at[j];
            if (m < 0) {
                if (s->mention_of[j] >= 0) return -1;
                continue;
            }
            size_t members = 0;
            for (size_t a = 0; a < s->nm; a++) members += s->m[a].group == s->m[m].group && !s->m[a].is_null;
            return members >= 2 ? s->m[m].group : -1;
        }
        return -1;
    }
    return -1;
}

static void add_event(dyad_result *r, sentence_ctx *s, int sentence_no, span sent,
                      const event_date *date, const candidate *c, const mention *src,
                      const mention *tgt, const char *code, size_t emitted) {
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 16;
        dyad_event *ne = dyad__xrealloc_array(r->ev, nc, sizeof *ne);
        if (!ne) { r->oom = 1; return; }
        r->ev = ne;
        r->cap = nc;
    }
    dyad_event *e = &r->ev[r->n];
    memset(e, 0, sizeof *e);
    e->doc = r->doc_id;
    e->outlet = r->outlet;
    e->url = r->url;
    e->sentence = sentence_no;
    e->start = sent.start;
    e->end = sent.end;
    if (date->days != INT_MIN) dyad__date_format(date->days, e->date);
    e->date_precision = date->precision;
    const mention *ms[3] = {src, tgt, c->attrib_mention >= 0 ? &s->m[c->attrib_mention] : NULL};
    dyad_actor *as[3] = {&e->source, &e->target, &e->attribution};
    for (int k = 0; k < 3; k++) {
        const mention *m = ms[k];
        if (!m) continue;
        dyad_actor *a = as[k];
        if (m->doc_index >= 0) {
            *a = r->mentions[m->doc_index].actor; /* its strings live in r->a */
            continue;
        }
        a->code = dyad__arena_strndup(&r->a, m->code, strlen(m->code));
        a->country = m->country[0] ? dyad__arena_strndup(&r->a, m->country, 3) : NULL;
        a->name = m->name;
        a->start = s->t[m->start].start;
        a->end = s->t[m->end - 1].start + s->t[m->end - 1].len;
        a->text = s->text + a->start;
        a->text_len = a->end - a->start;
    }
    e->has_attribution = ms[2] != NULL;
    snprintf(e->code, sizeof e->code, "%s", code);
    memcpy(e->root, e->code, 2);
    e->root[2] = 0;
    const cameo_row *row = dyad__dict_cameo(s->d, e->code);
    if (row) {
        e->quad_class = row->quad;
        e->goldstein = row->goldstein;
        e->has_goldstein = 1;
    }
    e->mode = group_mode(&c->g, c->p, e->code);
    const token *vt = &s->t[c->verb];
    e->verb = s->text + vt->start;
    e->verb_start = vt->start;
    e->verb_len = s->t[c->verb_end - 1].start + s->t[c->verb_end - 1].len - vt->start;
    e->pattern_file = c->p->file;
    e->pattern_line = c->p->line;
    e->text = s->text + sent.start;
    e->text_len = sent.end - sent.start;
    /* the key: the n-th event of this verb in this sentence */
    int nth = 1;
    for (size_t q = r->n - emitted; q < r->n; q++) nth += r->ev[q].verb_start == e->verb_start;
    char key[64];
    int kl = snprintf(key, sizeof key, ":%d:%zu:%d", sentence_no, e->verb_start, nth);
    size_t il = strlen(r->doc_id);
    char *k = dyad__arena_alloc(&r->a, il + (size_t)kl + 1);
    if (!k) return; /* r->a.oom is set */
    memcpy(k, r->doc_id, il);
    memcpy(k + il, key, (size_t)kl + 1);
    e->key = k;
    dyad__event_place(s, c->verb, e);
    r->n++;
}

/* What kind of actor a mention is, for `dyad actors`: from its entry and
 * the code it got. */
static const char *mention_kind(const mention *m, const actor_entry *e) {
    if (m->entry < 0) return "agent";
    if (e->type == AE_PERSON) return "person";
    if (strncmp(m->code, "IGO", 3) == 0) return "igo";
    /* a state (or its adjective) with or without an agent: "Turkish troops" */
    if (e->country[0] && e->codes && e->ncodes && strcmp(e->codes[0].code, e->country) == 0) return "state";
    return "group";
}

/* Records the sentence's actor mentions in the document context. */
static void record_mentions(sentence_ctx *s) {
    dyad_result *r = s->doc->r;
    for (size_t i = 0; i < s->nm; i++) s->m[i].doc_index = -1;
    for (size_t i = 0; i < s->nm; i++) {
        mention *m = &s->m[i];
        if (m->is_null) continue;
        if (dyad__grow_array(&r->mentions, &r->capmentions, r->nmentions, sizeof *r->mentions, 16)) {
            r->oom = 1;
            return;
        }
        dyad_mention *dm = &r->mentions[r->nmentions];
        dyad_actor *a = &dm->actor;
        memset(dm, 0, sizeof *dm);
        dm->sentence = s->doc->sentence_no;
        a->code = dyad__arena_strndup(&r->a, m->code, strlen(m->code));
        a->country = m->country[0] ? dyad__arena_strndup(&r->a, m->country, 3) : NULL;
        a->name = m->name;
        const actor_entry *ent = m->entry >= 0 ? &s->d->entries[m->entry] : m->agent >= 0 ? &s->d->entries[m->agent] : NULL;
        dm->kind = mention_kind(m, ent);
        if (ent) { dm->entry_file = ent->file; dm->entry_line = ent->line; }
        a->start = s->t[m->start].start;
        a->end = s->t[m->end - 1].start + s->t[m->end - 1].len;
        a->text = s->text + a->start;
        a->text_len = a->end - a->start;
        if (!a->code) return; /* r->a.oom is set */
        m->doc_index = (int)r->nmentions++;
    }
}

/* Room for one more event in this sentence and document?  Past a limit,
 * says so once (per sentence, per document) and refuses. */
static int event_room(dyad_result *r, doc_ctx *dc) {
    const char *id = dc->doc->id ? dc->doc->id : "?";
    if (dc->sentence_events >= DYAD_MAX_SENTENCE_EVENTS) {
        if (!dc->sentence_capped)
            dyad__result_warn(r, "%s: sentence %d: more than %d events, rest dropped (DYAD_MAX_SENTENCE_EVENTS)",
                              id, dc->sentence_no, DYAD_MAX_SENTENCE_EVENTS);
        dc->sentence_capped = 1;
        return 0;
    }
    if (r->n >= DYAD_MAX_DOC_EVENTS) {
        if (!dc->doc_capped)
            dyad__result_warn(r, "%s: more than %d events, rest dropped (DYAD_MAX_DOC_EVENTS)", id, DYAD_MAX_DOC_EVENTS);
        dc->doc_capped = 1;
        return 0;
    }
    return 1;
}

/* Codes one sentence or piece of one (tokens already split and looked up). */
void dyad__code_sentence(sentence_ctx *s, span sent) {
    const dyad_dict *d = s->d;
    doc_ctx *dc = s->doc;
    dyad_result *r = dc->r;
    const dyad_doc *doc = dc->doc;
    const dyad_code_options *opt = dc->opt;
    int sentence_no = dc->sentence_no;
    event_date date = dyad__dates_resolve(doc->date, s->text, s->t, s->n, 0, s->n);
    s->date_days = date.days;
    dyad__actors_find(s);
    if (s->a->oom) return; /* dyad_coder_code reports DYAD_ENOMEM */
    if (s->m && !s->discard) {
        dyad__places_sentence(s);
        if (s->a->oom) return;
        dyad__coref_resolve(s);
        record_mentions(s);
    }
    if (!s->m || s->discard) {
        if (s->discard) tracef(s, "  sentence discarded by a discard phrase");
        return;
    }
    int question = s->n > 0 && s->t[s->n - 1].type == T_PUNCT && s->text[s->t[s->n - 1].start] == '?';
    candidate *cand = dyad__arena_alloc(s->a, (s->n + 1) * sizeof *cand);
    uint8_t *consumed = dyad__arena_alloc(s->a, s->n + 1);
    if (!cand || !consumed) return;
    size_t nc = 0;
    for (size_t v = 0; v < s->n; v++) {
        const token *t = &s->t[v];
        if (consumed[v] || !t->info || !t->info->verb_lemma) continue;
        if (!dyad__patterns_has_verb(d, t->info->verb_lemma)) continue;
        int between = between_group(s, v);
        if (between < 0 && !looks_like_verb(s, v)) continue;
        pattern_match pm;
        if (!dyad__patterns_match(s, v, v + 1, &pm)) continue;
        const pattern *p = pm.p;
        for (size_t k = v + 1; k < pm.last && k < s->n; k++) consumed[k] = 1;
        verb_group g = read_group(s, pm.first < v ? pm.first : v);
        if (question) g.hypothetical = 1;
        /* "if"/"unless" earlier in the clause */
        for (size_t j = g.start; j-- > 0;) {
            if (dyad__is_clause_break(&s->t[j], s->text)) break;
            if (has(&s->t[j], W_IF)) { g.hypothetical = 1; break; }
        }
        /* "abandoned efforts to stop ...": an infinitive after a coded verb
         * of the same clause is its complement, not another event */
        if (v > 0 && has(&s->t[v - 1], W_TO) && nc > 0) {
            int same_clause = 1;
            for (size_t j = cand[nc - 1].verb; j < v; j++)
                if (dyad__is_clause_break(&s->t[j], s->text) || has(&s->t[j], W_CLAUSE)) same_clause = 0;
            if (same_clause && !cand[nc - 1].is_speech) continue;
        }
        candidate c;
        memset(&c, 0, sizeof c);
        c.verb = v;
        c.verb_end = v + 1;
        c.p = p;
        c.g = g;
        c.attrib_mention = -1;
        /* a speech verb whose pattern has words of its own ("declared a
         * ceasefire", "claimed responsibility for") is an event, not speech */
        c.is_speech = has(t, W_SPEECH) && !(p->nwords > 0 && IS_DIGIT(p->code[0]));
        int src = pm.source_mention, tgt = pm.target_mention;
        /* "X suspended Y and approved Z": a verb right after "and"/"but"
         * shares the subject of the coded verb before it */
        int shared = -2;
        if (!g.passive && src < 0 && nc > 0 && g.start > 0 &&
            (s->t[g.start - 1].cls & G_JOIN) &&
            s->mention_of[g.start - 1] < 0 && !cand[nc - 1].g.passive && !cand[nc - 1].is_speech)
            shared = cand[nc - 1].src_group;
        if (g.passive) {
            int by = find_by_agent(s, v + 1);
            int subj = find_subject(s, g.start);
            src = by;
            /* "Aid was delivered to Gaza by Egypt": the subject is the thing
             * given, not an actor; the pattern's target slot names the receiver */
            tgt = subj >= 0 ? subj : pm.target_mention;
        } else {
            if (src < 0) src = find_subject(s, g.start);
            if (tgt < 0) tgt = find_object(s, pm.last > v ? pm.last : v + 1, src >= 0 ? s->m[src].group : -1);
        }
        tracef(s, "  verb \"%.*s\" (lemma %s%s%s%s): pattern %s:%d code %s",
               (int)t->len, s->text + t->start, d->words[t->info->verb_lemma].text,
               g.passive ? ", passive" : "", g.negated ? ", negated" : "",
               g.hypothetical ? ", hypothetical" : g.future ? ", future" : "", p->file, p->line, p->code);
        if (p->code[0] == '#') { tracef(s, "  sentence discarded by pattern code ###"); nc = 0; break; }
        if (p->code[0] == '-' || p->code[0] == '+' || !IS_DIGIT(p->code[0])) {
            if (!c.is_speech) continue;
        }
        c.src_group = shared != -2 ? shared : src >= 0 ? s->m[src].group : -1;
        c.tgt_group = tgt >= 0 ? s->m[tgt].group : -1;
        /* a nominal event ("fierce clashes broke out between A and B"), or a
         * verb with no subject of its own: each member towards the others */
        if (between >= 0 && (c.src_group < 0 || c.src_group == between || !looks_like_verb(s, v))) {
            c.src_group = c.tgt_group = between;
            tracef(s, "  \"%.*s\" between the members of a coordination: each towards the others",
                   (int)t->len, s->text + t->start);
        }
        cand[nc++] = c;
    }
    /* reported speech: "X said (that) ...", "..., X said", "according to X":
     * X is the attribution of the other events, and "said" is no event */
    for (size_t k = 0; k < s->n; k++) {
        if (!has(&s->t[k], W_SPEECH) || s->mention_of[k] >= 0) continue;
        int coded = 0;
        for (size_t j = 0; j < nc; j++)
            if (cand[j].verb == k && !cand[j].is_speech) coded = 1;
        if (coded) continue;
        int who = -1;
        int according = k + 1 < s->n && has(&s->t[k + 1], W_TO) &&
                        (s->t[k].cls & G_ACCORDING); /* "according to X" */
        if (according) who = k + 2 < s->n ? s->mention_at[k + 2] : -1;
        else {
            who = find_subject(s, k);
            if (who < 0 && k + 1 < s->n) who = s->mention_at[k + 1]; /* "said Erdogan" */
        }
        if (who < 0 || s->m[who].is_null) continue;
        for (size_t j = 0; j < nc; j++) {
            candidate *c = &cand[j];
            if (c->verb == k) {
                /* "X told Y (that) ...": a statement to its addressee, right
                 * after the verb, when the dictionary codes it ("tell +") */
                if (!(addressed(s, c) && IS_DIGIT(c->p->code[0]))) c->dropped = 1;
                continue;
            }
            if (c->src_group == s->m[who].group) continue;
            int inside = c->verb > k || (!according && s->m[who].start > c->verb) ||
                         (according && k > c->verb);
            if (inside && c->attrib_mention < 0) c->attrib_mention = who;
        }
    }
    for (size_t i = 0; i < nc; i++)
        if (cand[i].is_speech && (!IS_DIGIT(cand[i].p->code[0]) || (cand[i].p->nwords == 0 && !addressed(s, &cand[i]))))
            cand[i].dropped = 1;
    /* "Armenia and Azerbaijan met", "Russia and Ukraine exchanged prisoners":
     * a reciprocal verb with a compound subject and no object codes each
     * member towards each other member */
    for (size_t i = 0; i < nc; i++) {
        candidate *c = &cand[i];
        if (c->tgt_group >= 0 || c->src_group < 0 || c->g.passive) continue;
        const token *vt = &s->t[c->verb];
        if (!vt->info || !vt->info->verb_lemma) continue;
        int recip = (d->words[vt->info->verb_lemma].cls & G_RECIP) != 0;
        size_t members = 0;
        for (size_t a = 0; a < s->nm; a++) members += s->m[a].group == c->src_group && !s->m[a].is_null;
        if (recip && members >= 2) {
            c->tgt_group = c->src_group;
            tracef(s, "  \"%.*s\" is reciprocal: each subject towards the others", (int)vt->len, s->text + vt->start);
        }
    }
    size_t emitted = 0;
    for (size_t i = 0; i < nc; i++) {
        const candidate *c = &cand[i];
        if (c->dropped) continue;
        if (c->src_group < 0) { tracef(s, "  no source for \"%.*s\": no event", (int)s->t[c->verb].len, s->text + s->t[c->verb].start); continue; }
        if (c->tgt_group < 0 && (!opt || opt->require_dyad >= 0)) {
            tracef(s, "  no target for \"%.*s\": no event", (int)s->t[c->verb].len, s->text + s->t[c->verb].start);
            continue;
        }
        for (size_t a = 0; a < s->nm; a++) {
            if (s->m[a].group != c->src_group || s->m[a].is_null) continue;
            for (size_t b = 0; b < s->nm; b++) {
                if (s->m[b].group != c->tgt_group || s->m[b].is_null) continue;
                if (strcmp(s->m[a].code, s->m[b].code) == 0) continue;
                /* the same event twice in one sentence ("Iran, Iran and ...") is one */
                int dup = 0;
                for (size_t q = r->n - emitted; q < r->n && !dup; q++)
                    dup = r->ev[q].verb_start == s->t[c->verb].start && strcmp(r->ev[q].code, c->p->code) == 0 &&
                          strcmp(r->ev[q].source.code, s->m[a].code) == 0 && strcmp(r->ev[q].target.code, s->m[b].code) == 0;
                if (dup) continue;
                if (!event_room(r, dc)) return;
                add_event(r, s, sentence_no, sent, &date, c, &s->m[a], &s->m[b], c->p->code, emitted);
                emitted++;
                dc->sentence_events++;
                /* PETRARCH "[031:032]": the target's reciprocal event */
                if (IS_DIGIT(c->p->code2[0]) && event_room(r, dc)) {
                    add_event(r, s, sentence_no, sent, &date, c, &s->m[b], &s->m[a], c->p->code2, emitted);
                    emitted++;
                    dc->sentence_events++;
                }
                tracef(s, "  EVENT %s -> %s %s %s", s->m[a].code, s->m[b].code, c->p->code,
                       dyad_mode_name(group_mode(&c->g, c->p, c->p->code)));
            }
        }
    }
}
