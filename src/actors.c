/* actors.c -- stage 4: actor recognition in one sentence.
 *
 * Longest match at each token over the actor trie (states, organisations,
 * groups, people, demonyms) and the agent trie (roles), walking on the exact
 * word, its singular and its TABARI stem.  Then composition: a state or its
 * adjective with an agent ("Turkish foreign minister", "Turkey's foreign
 * minister", "the foreign minister of Turkey") gives STATE+AGENT (TURGOV); a
 * person right after a title or role ("Foreign Minister Mevlut Cavusoglu")
 * joins it and the person's role on the sentence's date decides the code.
 * Last, mentions joined by "and", "or" and commas form coordination groups
 * (compound actors).  Linear in the sentence length: each start position
 * walks the trie at most DYAD_MAX_PHRASE_WORDS deep. */
#include "coder.h"
#include <string.h>
#include <limits.h>
#include <stdio.h>

/* Longest phrase of trie TR starting at token I.  A token may match as its
 * own word, as its noun lemma (a plural) or as its TABARI stem; when more than
 * one has a child ("workers' union" and "worker" in one trie) every branch is
 * followed, depth first, within a fixed budget of steps so the walk stays
 * bounded per token. */
#define WALK_BUDGET (4 * DYAD_MAX_PHRASE_WORDS)
static int walk(const trie *tr, const token *t, size_t n, size_t i,
                size_t *len_out) {
    *len_out = 0;
    if (!tr->nnodes) return 0;
    struct { int node; size_t j; } stack[WALK_BUDGET];
    size_t sp = 0, steps = 0, best_len = 0;
    int best_cell = 0;
    stack[sp].node = 0;
    stack[sp++].j = i;
    while (sp && steps < WALK_BUDGET) {
        steps++;
        int node = stack[--sp].node;
        size_t j = stack[sp].j;
        if (j >= n || j - i >= DYAD_MAX_PHRASE_WORDS) continue;
        const token *tk = &t[j];
        if (!tk->w) continue;
        wid alts[3] = {tk->w, tk->info ? tk->info->noun_lemma : 0, tk->info ? tk->info->stem : 0};
        for (int a = 0; a < 3; a++) {
            if (!alts[a] || (a > 0 && alts[a] == alts[0]) || (a == 2 && alts[2] == alts[1])) continue;
            int child = dyad__trie_child(tr, node, alts[a]);
            if (child < 0) continue;
            if (dyad__trie_first(tr, child) && j - i + 1 > best_len) { best_cell = dyad__trie_first(tr, child); best_len = j - i + 1; }
            if (sp < WALK_BUDGET) { stack[sp].node = child; stack[sp++].j = j + 1; }
        }
    }
    *len_out = best_len;
    return best_cell;
}

/* The best entry among those sharing a phrase: person, actor, adjective. */
static int pick_entry(const dyad_dict *d, const trie *tr, int cell) {
    static const int rank[] = {[AE_ACTOR] = 3, [AE_ADJ] = 2, [AE_PERSON] = 4, [AE_AGENT] = 1,
                               [AE_DISCARD] = 5, [AE_DOC_DISCARD] = 6};
    int best = -1, best_rank = -1;
    for (; cell; cell = dyad__trie_cell_next(tr, cell)) {
        int e = dyad__trie_cell_entry(tr, cell);
        int r = rank[d->entries[e].type];
        if (r > best_rank) { best = e; best_rank = r; }
    }
    return best;
}

const char *dyad__actor_code_at(const dyad_dict *d, const actor_entry *e, int days) {
    (void)d;
    const char *undated = NULL;
    for (size_t i = 0; i < e->ncodes; i++) {
        const dated_code *c = &e->codes[i];
        if (c->from == INT_MIN && c->to == INT_MAX) { if (!undated) undated = c->code; continue; }
        if (days == INT_MIN) continue;
        if (days >= c->from && days <= c->to) return c->code;
    }
    if (undated) return undated;
    if (e->fallback) return e->fallback;
    /* a dated peer actor outside its dates with no default: the last code */
    if (e->type != AE_PERSON && e->ncodes) return e->codes[e->ncodes - 1].code;
    return NULL;
}

static int is_prep(const token *t) {
    return t->type == T_WORD && (t->cls & G_PREP);
}

typedef struct {
    uint16_t start, end;
    int entry; /* entries index */
    int type;
} raw_item;

void dyad__actor_set_code(mention *m, const char *actor, const char *agent, int prefix) {
    const char *a = actor ? actor : "", *g = agent ? agent : "";
    size_t la = strlen(a), lg = strlen(g);
    /* RUSGOV + GOV stays RUSGOV */
    if (la >= lg && lg && strcmp(a + la - lg, g) == 0) g = "", lg = 0;
    if (prefix) { const char *x = a; a = g; g = x; size_t y = la; la = lg; lg = y; }
    if (la >= sizeof m->code) la = sizeof m->code - 1;
    if (la + lg >= sizeof m->code) lg = sizeof m->code - 1 - la;
    memcpy(m->code, a, la);
    memcpy(m->code + la, g, lg);
    m->code[la + lg] = 0;
}

const char *dyad__agent_code(const dyad_dict *d, int agent) {
    const actor_entry *e = &d->entries[agent];
    const char *c = e->ncodes ? e->codes[0].code : "";
    while (*c == '~') c++;
    return c;
}

/* The country an actor code belongs to: the entry's, else none. */
static void fill_country(mention *m, const actor_entry *e) {
    if (e && e->country[0]) memcpy(m->country, e->country, 4);
}

/* Are the LEN tokens at I written in capitals ("US", not "us")?  In a
 * sentence written all in capitals that says nothing, so there the words
 * count only after "the" or before an agent ("THE US EMBASSY", "US TROOPS"). */
static int caps_ok(const sentence_ctx *s, size_t i, size_t len, int *shouting) {
    for (size_t k = i; k < i + len; k++) {
        const token *t = &s->t[k];
        for (uint32_t b = 0; b < t->len; b++)
            if (s->text[t->start + b] >= 'a' && s->text[t->start + b] <= 'z') return 0;
    }
    if (*shouting < 0) {
        size_t upper = 0, lower = 0;
        for (size_t k = 0; k < s->n; k++)
            for (uint32_t b = 0; b < s->t[k].len; b++) {
                char c = s->text[s->t[k].start + b];
                upper += c >= 'A' && c <= 'Z';
                lower += c >= 'a' && c <= 'z';
            }
        *shouting = upper > 4 * lower;
    }
    if (!*shouting) return 1;
    if (i > 0 && dyad__token_word_eq(s->text, &s->t[i - 1], "the")) return 1;
    size_t lg = 0;
    return i + len < s->n && walk(&s->d->agents, s->t, s->n, i + len, &lg) != 0;
}

void dyad__actors_find(sentence_ctx *s) {
    const dyad_dict *d = s->d;
    size_t n = s->n;
    raw_item *raw = dyad__arena_alloc(s->a, (n + 1) * sizeof *raw);
    s->m = dyad__arena_alloc(s->a, (n + 1) * sizeof *s->m);
    s->mention_at = dyad__arena_alloc(s->a, (n + 1) * sizeof(int));
    s->mention_of = dyad__arena_alloc(s->a, (n + 1) * sizeof(int));
    s->nm = 0;
    if (!raw || !s->m || !s->mention_at || !s->mention_of) {
        s->m = NULL; /* the arena's oom flag is set: the caller gives up */
        return;
    }
    size_t nraw = 0;
    int shouting = -1; /* the sentence is in capitals (MUC, wires): computed when needed */
    for (size_t i = 0; i < n;) {
        size_t la = 0, lg = 0;
        int ca = walk(&d->actors, s->t, n, i, &la);
        int cg = walk(&d->agents, s->t, n, i, &lg);
        if (ca && la >= lg && d->entries[pick_entry(d, &d->actors, ca)].caps &&
            !caps_ok(s, i, la, &shouting))
            ca = 0;
        /* a person (or a dated group: "Labour", "Conservative") is a proper
         * name: written all in lower case it is a common word ("labour costs";
         * "bin Laden" keeps its capital) */
        if (ca && la >= lg && d->entries[pick_entry(d, &d->actors, ca)].type == AE_PERSON) {
            int cap = 0;
            for (size_t k = i; k < i + la && !cap; k++) cap = s->t[k].cap;
            if (!cap) ca = 0;
        }
        if (!ca && !cg) { i++; continue; }
        raw_item r;
        if (ca && la >= lg) {
            r.entry = pick_entry(d, &d->actors, ca);
            r.start = (uint16_t)i;
            r.end = (uint16_t)(i + la);
        } else {
            r.entry = dyad__trie_cell_entry(&d->agents, cg);
            r.start = (uint16_t)i;
            r.end = (uint16_t)(i + lg);
        }
        r.type = d->entries[r.entry].type;
        if (r.type == AE_DISCARD) { if (!s->discard) s->discard = 1; }
        else if (r.type == AE_DOC_DISCARD) s->discard = 2;
        else raw[nraw++] = r;
        if (s->trace) {
            const actor_entry *e = &d->entries[r.entry];
            char line[600];
            snprintf(line, sizeof line, "  %s \"%.*s\" -> %s %s (%s:%d)",
                     r.type == AE_AGENT ? "agent" : r.type == AE_PERSON ? "person" :
                     r.type == AE_ADJ ? "adjective" : r.type >= AE_DISCARD ? "discard" : "actor",
                     (int)(s->t[r.end - 1].start + s->t[r.end - 1].len - s->t[r.start].start),
                     s->text + s->t[r.start].start, e->ncodes ? e->codes[0].code : (e->fallback ? e->fallback : "-"),
                     e->name ? e->name : "", e->file, e->line);
            s->trace(s->trace_user, line);
        }
        i += (la >= lg && ca) ? la : lg;
    }
    /* composition */
    for (size_t k = 0; k < nraw; k++) {
        raw_item *r = &raw[k];
        mention m;
        memset(&m, 0, sizeof m);
        m.start = r->start;
        m.end = r->end;
        m.entry = -1;
        m.agent = -1;
        const actor_entry *e = &d->entries[r->entry];
        const char *actor_code = NULL;
        int agent = -1;
        if (r->type == AE_AGENT) {
            agent = r->entry;
            /* "its ambassador from Lithuania": an agent after a possessive
             * pronoun belongs to someone named before, not to what follows */
            if (r->start > 0) {
                if (s->t[r->start - 1].cls & G_OWN) m.owned = 1;
            }
            /* AGENT of|from|in [the] ACTOR */
            if (!m.owned && k + 1 < nraw && raw[k + 1].type != AE_AGENT && raw[k + 1].type != AE_PERSON) {
                size_t j = r->end;
                if (j < n && s->t[j].info && (s->t[j].info->flags & W_OF)) {
                    j++;
                    if (j < n && s->t[j].info && (s->t[j].info->flags & W_DET)) j++;
                    if (raw[k + 1].start == j) {
                        const actor_entry *ae = &d->entries[raw[k + 1].entry];
                        m.entry = raw[k + 1].entry;
                        actor_code = dyad__actor_code_at(d, ae, s->date_days);
                        m.end = raw[k + 1].end;
                        fill_country(&m, ae);
                        k++;
                    }
                }
            }
        } else {
            m.entry = r->entry;
            actor_code = dyad__actor_code_at(d, e, s->date_days);
            fill_country(&m, e);
            /* ACTOR ['s] [one unknown modifier] AGENT+ */
            size_t j = r->end;
            if (j < n && s->t[j].type == T_POSS) j++;
            size_t kk = k + 1;
            /* one modifier may stand between: a word that is no function word
             * and no verb form ("Sudan's new prime minister") */
#define MODIFIER(j) ((j) < n && s->t[j].type == T_WORD && !s->t[j].cap && !is_prep(&s->t[j]) && \
                     (!s->t[j].info || (!s->t[j].info->flags && !s->t[j].info->verb_lemma)))
            if (kk < nraw && raw[kk].type == AE_AGENT &&
                (raw[kk].start == j || (raw[kk].start == j + 1 && MODIFIER(j)))) {
                while (kk < nraw && raw[kk].type == AE_AGENT &&
                       (raw[kk].start == j || (raw[kk].start == j + 1 && MODIFIER(j)))) {
                    agent = raw[kk].entry; /* the head noun: last agent */
                    m.end = raw[kk].end;
                    j = raw[kk].end;
                    kk++;
                }
                k = kk - 1;
            }
        }
        /* a person right after this mention (title or role): the person decides */
        if (k + 1 < nraw && raw[k + 1].start == m.end &&
            (raw[k + 1].type == AE_PERSON || (raw[k + 1].type == AE_ACTOR && agent >= 0 && m.entry < 0) ||
             (raw[k + 1].type == AE_ACTOR && agent >= 0 && r->type != AE_AGENT))) {
            const actor_entry *pe = &d->entries[raw[k + 1].entry];
            const char *pc = dyad__actor_code_at(d, pe, s->date_days);
            if (pc) {
                m.entry = raw[k + 1].entry;
                actor_code = pc;
                /* "Prime Minister Romendacil" with Romendacil a bare state code
                 * (a peer actor, or a person out of office): the title's agent
                 * still applies (BRE + GOV); a person in office keeps the role */
                if (strlen(pc) > 3) agent = -1;
                memset(m.country, 0, 4);
                fill_country(&m, pe);
            }
            m.end = raw[k + 1].end;
            k++;
        }
        m.agent = agent;
        const char *ag = agent >= 0 ? dyad__agent_code(d, agent) : NULL;
        dyad__actor_set_code(&m, actor_code, ag, agent >= 0 && d->entries[agent].is_prefix);
        if (!m.code[0] || strcmp(m.code, "---") == 0 || strncmp(m.code, "---", 3) == 0) m.is_null = 1;
        if (m.code[0] == '#' || m.code[0] == '+') m.is_null = 1;
        if (!m.country[0] && strlen(m.code) >= 3 && m.entry >= 0 &&
            d->entries[m.entry].type == AE_ADJ)
            memcpy(m.country, m.code, 3);
        m.name = m.entry >= 0 ? d->entries[m.entry].name : (agent >= 0 ? d->entries[agent].name : NULL);
        m.after_prep = m.start > 0 && is_prep(&s->t[m.start - 1]);
        if (!m.after_prep && m.start > 1 && s->t[m.start - 1].info &&
            (s->t[m.start - 1].info->flags & W_DET) && is_prep(&s->t[m.start - 2]))
            m.after_prep = 1;
        s->m[s->nm++] = m;
    }
    for (size_t i = 0; i < n; i++) s->mention_at[i] = s->mention_of[i] = -1;
    for (size_t k = 0; k < s->nm; k++) {
        s->mention_at[s->m[k].start] = (int)k;
        for (size_t j = s->m[k].start; j < s->m[k].end; j++) s->mention_of[j] = (int)k;
    }
    /* coordination groups: A , B and C / A or B / A as well as B */
    int g = 0;
    for (size_t k = 0; k < s->nm; k++) {
        if (k > 0) {
            size_t j = s->m[k - 1].end, end = s->m[k].start;
            int joined = j < end, conj = 0, commas = 0;
            for (size_t x = j; x < end && joined; x++) {
                const token *t = &s->t[x];
                if (t->type == T_PUNCT && s->text[t->start] == ',') { commas++; continue; }
                if (t->info && (t->info->flags & (W_CONJ | W_DET))) { if (t->info->flags & W_CONJ) conj++; continue; }
                joined = 0;
            }
            if (joined && (conj || commas) && g > 0 &&
                (s->m[k].group == 0)) {
                /* "A, B": a comma alone joins only if a conjunction follows
                 * later in the list; appositions ("Mekdad, Syria's minister")
                 * are left alone */
                int ok = conj > 0;
                if (!ok && commas) {
                    for (size_t kk = k + 1; kk < s->nm && !ok; kk++) {
                        size_t a0 = s->m[kk - 1].end, a1 = s->m[kk].start;
                        int sep = 0, c2 = 0;
                        for (size_t x = a0; x < a1; x++) {
                            const token *t = &s->t[x];
                            if (t->type == T_PUNCT && s->text[t->start] == ',') continue;
                            if (t->info && (t->info->flags & W_CONJ)) { c2 = 1; continue; }
                            if (t->info && (t->info->flags & W_DET)) continue;
                            sep = 1;
                        }
                        if (sep) break;
                        if (c2) ok = 1;
                    }
                }
                size_t members = 1;
                for (size_t q = 0; q < k; q++) if (s->m[q].group == g) members++;
                /* "A, and B" with A alone so far is two clauses ("Iraq attacked
                 * IS fighters, and Turkey condemned ..."), not a list: a serial
                 * comma needs at least two members before it */
                if (ok && conj && commas && members < 3) ok = 0; /* members counts B too */
                if (ok && members <= DYAD_MAX_COMPOUND) { s->m[k].group = g; continue; }
            }
        }
        s->m[k].group = ++g;
    }
    s->ngroups = g;
}
