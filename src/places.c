/* places.c -- the place-finding stage: the names of places in a sentence's
 * tokens, each with its gazetteer candidates (gazetteer.c), best first.
 * A name counts only where the sentence says it is a place: after a
 * preposition of location ("in/at/near/outside X", "in northern X", "near the
 * town of X", "off the coast of X", "over the Strait of X": waters only) or
 * before "-based" ("a London-based monitor").  "Ankara said" is an actor, not
 * a place, so a bare name is never taken.
 *
 * dyad__event_place gives each event its place: the sentence's place nearest
 * the verb (after it first), else the dateline's, else none (place_reason
 * says which); among same-named places the one in the country the story
 * names first.  An actor's country is never a place by default. */
#include "coder.h"
#include <string.h>

/* Tokens a place name may span ("Bosnia and Herzegovina", "Washington, D.C."). */
#define PLACE_MAX_TOKENS 6

static const char *const DIRECTIONS[] = {
    "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
    "south-western", "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "north-east", "north-west", "south-east", "south-west", "downtown", NULL};

/* "near the town of X": the noun before "of" */
static const char *const CONTAINERS[] = {
    "town", "city", "village", "province", "region", "district", "port", "capital", "state",
    "county", "governorate", "area", "outskirts", "suburbs", "suburb", NULL};

static int word_in(const char *text, const token *t, const char *const *list) {
    for (int i = 0; list[i]; i++)
        if (dyad__token_word_eq(text, t, list[i])) return i;
    return -1;
}

static int ends_based(const char *text, const token *t) {
    static const char b[] = "-based";
    if (t->len <= 6) return 0;
    for (size_t i = 0; i < 6; i++)
        if (TO_LOWER(text[t->start + t->len - 6 + i]) != b[i]) return 0;
    return 1;
}

static int is_word(const char *text, const token *v, size_t n, size_t i, const char *w) {
    return i < n && v[i].type != T_PUNCT && dyad__token_word_eq(text, &v[i], w);
}

/* A token that can start a place name: capitalised, not a date word ("in May"). */
static int name_start(const token *t) {
    return t->cap && (t->type == T_WORD || t->type == T_NUM) && !(t->info && (t->info->flags & W_DATE));
}

/* Capitalised words that news uses for other things than the small towns
 * GeoNames has by those names ("in Congress", "in Parliament"). */
static const char *const NOT_PLACES[] = {
    "congress", "parliament", "senate", "house", "court", "council", "government", "cabinet",
    "office", "power", "state", "union", "army", "police", "church", "university", "college",
    "hospital", "prison", "march", "may", "june", "august", "one", "same", "general", "most",
    "many", "progress", "hope", "liberty", "unity", "victory", "independence", "reform", "order",
    "time", "english", "charge", "front", NULL};

/* After "off Somalia" the clause ends or goes on with when or where: "ward
 * off U.S. competition" is no coast. */
static const char *const AFTER_OFF[] = {
    "on", "in", "near", "after", "late", "early", "since", "last", "this", "when", "while", "as",
    "where", "and", NULL};

/* A small town (not a seat, under 50,000 people) is taken only when its name
 * is written as a name and is not a word dyad knows: "in Rafah", but not "IN
 * SAME" in an all-caps wire, "in Canadian waters" or "in the White House".
 * Countries, subdivisions, capitals, seats, cities and dict/places' own
 * entries are always names, but never a word of NOT_PLACES ("in Congress"). */
static int plausible(const gazetteer *g, const char *text, const token *v, size_t n, size_t from, size_t to,
                     int the, const gaz_place *p) {
    if (to == from + 1 && word_in(text, &v[from], NOT_PLACES) >= 0 && p->feature[0] != 'A') return 0;
    /* "in the Washington Post", "in the New York Times": a city takes no article
     * (but The Hague does) */
    const char *name = dyad__gaz_str(g, p->name);
    if (the && p->feature[0] == 'P' && p->geonames_id && strncmp(name, "The ", 4) != 0) return 0;
    /* "IN MOST CASES" in an all-caps wire: a word dyad knows, in capitals, is no city */
    if (to == from + 1 && v[from].w && p->feature[0] == 'P' && strncmp(p->feature, "P.PPLC", 6) != 0) {
        int lower = 0;
        for (uint32_t i = 0; i < v[from].len; i++)
            if (text[v[from].start + i] >= 'a' && text[v[from].start + i] <= 'z') lower = 1;
        if (!lower) return 0;
    }
    if (p->feature[0] != 'P' || p->geonames_id == 0 || strncmp(p->feature, "P.PPLC", 6) == 0 ||
        strcmp(p->feature, "P.PPLA") == 0 || p->population >= 50000)
        return 1;
    int lower = 0, unknown = 0;
    /* "in Merrill Lynch", "at Chase Manhattan": the town begins a longer name */
    if (to < n && v[to].cap && v[to].type == T_WORD && !(v[to].info && (v[to].info->flags & W_DATE))) return 0;
    for (size_t k = from; k < to; k++) {
        const token *t = &v[k];
        if (t->type != T_WORD) continue;
        if (!t->w) unknown = 1;
        for (uint32_t i = 1; i < t->len; i++)
            if (text[t->start + i] >= 'a' && text[t->start + i] <= 'z') lower = 1;
    }
    return lower && unknown;
}

/* The longest name at v[j..] in the gazetteer: its end (exclusive), or J when
 * none; the candidates in m. */
static size_t longest(const gazetteer *g, const char *text, const token *v, size_t n, size_t j,
                      place_mention *m) {
    size_t best = j;
    for (size_t k = j + 1; k <= n && k <= j + PLACE_MAX_TOKENS; k++) {
        const token *last = &v[k - 1];
        if (last->type == T_CLAUSE || last->type == T_QUOTE || last->type == T_POSS) break;
        if (k > j + 1 && last->type == T_PUNCT && !dyad__token_word_eq(text, last, ",")) break;
        const gaz_place *c[DYAD_MAX_PLACE_CANDIDATES];
        size_t total = dyad__gaz_lookup(g, text + v[j].start, last->start + last->len - v[j].start, c,
                                        DYAD_MAX_PLACE_CANDIDATES);
        if (!total) continue;
        best = k;
        m->ncand = (uint16_t)(total < DYAD_MAX_PLACE_CANDIDATES ? total : DYAD_MAX_PLACE_CANDIDATES);
        m->total = (uint32_t)total;
        memcpy(m->cand, c, m->ncand * sizeof *c);
    }
    return best;
}

/* "Paris, Texas", "Tripoli, Lebanon": a state or country after a comma keeps
 * only the candidates inside it.  Returns the qualifier's end, or K. */
static size_t qualify(const gazetteer *g, const char *text, const token *v, size_t n, size_t k,
                      place_mention *m) {
    if (k + 1 >= n || !dyad__token_word_eq(text, &v[k], ",") || !name_start(&v[k + 1])) return k;
    /* all the name's places, not only the best few: Paris, Texas is not among Paris's first */
    const gaz_place *all[256];
    size_t nall = dyad__gaz_lookup(g, text + v[m->from].start, v[k - 1].start + v[k - 1].len - v[m->from].start,
                                   all, 256);
    if (nall > 256) nall = 256;
    place_mention q;
    memset(&q, 0, sizeof q);
    size_t e = longest(g, text, v, n, k + 1, &q);
    if (e == k + 1) return k;
    for (size_t a = 0; a < q.ncand; a++) {
        const gaz_place *in = q.cand[a];
        int country = strncmp(in->feature, "A.PCL", 5) == 0, adm1 = strcmp(in->feature, "A.ADM1") == 0;
        if (!country && !adm1) continue;
        size_t kept = 0;
        for (size_t b = 0; b < nall && kept < DYAD_MAX_PLACE_CANDIDATES; b++) {
            const gaz_place *c = all[b];
            if (c == in || strcmp(c->country, in->country) != 0) continue;
            if (adm1 && strcmp(dyad__gaz_str(g, c->adm1), dyad__gaz_str(g, in->adm1)) != 0) continue;
            m->cand[kept++] = c;
        }
        if (kept) {
            m->ncand = (uint16_t)kept;
            m->qualifier_to = (uint32_t)e;
            return e;
        }
    }
    return k;
}

static const char *const RULES[] = {"", "in", "based", "coast", "over"};

const char *dyad__place_rule_name(int rule) {
    return rule > 0 && rule < (int)(sizeof RULES / sizeof *RULES) ? RULES[rule] : "";
}

size_t dyad__places_find(const gazetteer *g, const char *text, const token *v, size_t n,
                         place_mention *out, size_t cap) {
    if (!g) return 0;
    size_t found = 0;
    for (size_t i = 0; i < n && found < cap; i++) {
        place_mention m;
        memset(&m, 0, sizeof m);
        const token *t = &v[i];
        /* "X-based": the name is the token's head, perhaps with words before it */
        if (t->type == T_WORD && ends_based(text, t)) {
            size_t end = t->start + t->len - 6;
            for (size_t back = i >= 3 ? i - 3 : 0; back <= i; back++) {
                if (!name_start(&v[back]) || (back < i && dyad__token_word_eq(text, &v[back], "the"))) continue;
                const gaz_place *c[DYAD_MAX_PLACE_CANDIDATES];
                size_t total = dyad__gaz_lookup(g, text + v[back].start, end - v[back].start, c,
                                                DYAD_MAX_PLACE_CANDIDATES);
                if (!total || (back == i && !plausible(g, text, v, n, i, i + 1, 0, c[0]) && c[0]->population < 50000)) continue;
                m.from = (uint32_t)back;
                m.to = m.qualifier_to = (uint32_t)i + 1;
                m.start = v[back].start;
                m.end = (uint32_t)end;
                m.rule = PR_BASED;
                m.total = (uint32_t)total;
                m.ncand = (uint16_t)(total < DYAD_MAX_PLACE_CANDIDATES ? total : DYAD_MAX_PLACE_CANDIDATES);
                memcpy(m.cand, c, m.ncand * sizeof *c);
                out[found++] = m;
                break;
            }
            continue;
        }
        int rule;
        if (t->type == T_PUNCT) continue;
        if (dyad__token_word_eq(text, t, "in") || dyad__token_word_eq(text, t, "at") ||
            dyad__token_word_eq(text, t, "near") || dyad__token_word_eq(text, t, "outside") ||
            dyad__token_word_eq(text, t, "inside") || dyad__token_word_eq(text, t, "around") ||
            dyad__token_word_eq(text, t, "across"))
            rule = PR_IN;
        else if (dyad__token_word_eq(text, t, "off")) rule = PR_COAST;
        else if (dyad__token_word_eq(text, t, "over")) rule = PR_OVER;
        else continue;
        size_t j = i + 1;
        if (is_word(text, v, n, j, "the")) j++;
        /* "in northern Syria", but "in the West Bank" is a name (and "in
         * the West" or "in Central" is neither: a direction alone is no place) */
        int d = j < n ? word_in(text, &v[j], DIRECTIONS) : -1;
        place_mention whole = m;
        if (d >= 0 && !(name_start(&v[j]) && longest(g, text, v, n, j, &whole) > j + 1)) {
            m.direction = DIRECTIONS[d];
            j++;
        }
        int coast = 0;
        if (rule == PR_COAST && !is_word(text, v, n, j, "coast")) {
            /* "off Somalia" stays a coast; "off the table" finds no place */
        } else if (is_word(text, v, n, j, "coast") && is_word(text, v, n, j + 1, "of")) {
            rule = PR_COAST;
            coast = 1;
            j += 2;
            if (is_word(text, v, n, j, "the")) j++;
        } else if (j < n && word_in(text, &v[j], CONTAINERS) >= 0 && is_word(text, v, n, j + 1, "of")) {
            j += 2;
        }
        if (is_word(text, v, n, j, "the")) j++;
        if (j >= n || !name_start(&v[j])) continue;
        size_t k = longest(g, text, v, n, j, &m);
        /* "the" right before the name */
        if (k == j || !plausible(g, text, v, n, j, k, is_word(text, v, n, j - 1, "the"), m.cand[0])) continue;
        /* "over" is a place only for waters: "talks over the weekend", "a row over Kashmir" */
        if (rule == PR_OVER && m.cand[0]->feature[0] != 'H') continue;
        /* "angry at Japan", "aimed at Iran": at a country is a target, not a place */
        if (dyad__token_word_eq(text, t, "at") && strncmp(m.cand[0]->feature, "A.PCL", 5) == 0) continue;
        if (rule == PR_COAST && !coast && k < n && v[k].type != T_PUNCT && word_in(text, &v[k], AFTER_OFF) < 0)
            continue;
        m.from = (uint32_t)j;
        m.to = (uint32_t)k;
        m.start = v[j].start;
        m.end = v[k - 1].start + v[k - 1].len;
        m.rule = (uint8_t)rule;
        m.qualifier_to = (uint32_t)qualify(g, text, v, n, k, &m);
        out[found++] = m;
        i = m.qualifier_to - 1;
    }
    return found;
}

/* ---- where an event happened ------------------------------------------------ */

/* The candidate to take: one in the country the story names first (the
 * dateline's, then its actors' in order: "Lebanese troops ... in Tripoli" is
 * Lebanon's Tripoli although "Tripoli" also names Libya's government), else
 * the gazetteer's best. */
static const gaz_place *choose(const doc_ctx *dc, const gaz_place *const *cand, size_t n) {
    for (int k = 0; k < dc->ncountries && k < DYAD_COREF_COUNTRIES; k++)
        for (size_t i = 0; i < n; i++)
            if (cand[i]->country[0] && memcmp(cand[i]->country, dc->countries[k], 3) == 0) return cand[i];
    return n ? cand[0] : NULL;
}

/* GDELT's Geo_Type and ACLED's geo_precision from the feature. */
static void fill_place(const gazetteer *g, const gaz_place *gp, const char *text, size_t start, size_t end,
                       int near, dyad_place *p) {
    memset(p, 0, sizeof *p);
    p->name = dyad__gaz_str(g, gp->name);
    p->text = text + start;
    p->text_len = end - start;
    p->start = start;
    p->end = end;
    memcpy(p->country, gp->country, 4);
    if (p->country[0] == '-') p->country[0] = 0;
    p->adm1 = dyad__gaz_str(g, gp->adm1);
    if (gp->lat != DYAD_GAZ_NOCOORD && gp->lon != DYAD_GAZ_NOCOORD) {
        p->lat = gp->lat / 1e5;
        p->lon = gp->lon / 1e5;
        p->has_coords = 1;
    }
    p->geonames_id = gp->geonames_id;
    memcpy(p->feature, gp->feature, sizeof p->feature);
    p->feature[sizeof p->feature - 1] = 0;
    char cls = gp->feature[0];
    int us = memcmp(gp->country, "USA", 3) == 0;
    int country = cls == 'A' && strncmp(gp->feature + 2, "PCL", 3) == 0;
    if (country) p->geo_type = 1;
    else if (cls == 'A') p->geo_type = us ? 2 : 5;
    else if (cls == 'P') p->geo_type = us ? 3 : 4;
    else if (cls == 'L' || !p->country[0]) p->geo_type = 5;
    else p->geo_type = 4;
    p->precision = cls == 'P' ? (near ? 2 : 1) : (cls == 'A' || cls == 'L') ? 3 : 2;
}

void dyad__event_place(sentence_ctx *s, size_t verb, dyad_event *e) {
    const gazetteer *g = s->d->gaz;
    const doc_ctx *dc = s->doc;
    if (!g) { e->place_reason = "none: no gazetteer"; return; }
    if (!s->places_found) {
        s->places_found = 1;
        s->places = dyad__arena_alloc(s->a, 16 * sizeof *s->places);
        if (s->places) s->nplaces = dyad__places_find(g, s->text, s->t, s->n, s->places, 16);
    }
    /* the sentence's place nearest the verb: after it first ("attacked
     * rebels in Afrin"), else before ("In Aleppo, troops shelled ...") */
    int best = -1;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < s->nplaces; i++) {
        const place_mention *pm = &s->places[i];
        if (!pm->ncand) continue;
        size_t d = pm->from > verb ? pm->from - verb : (verb - pm->from) + s->n;
        if (d < best_d) { best_d = d; best = (int)i; }
    }
    if (best >= 0) {
        const place_mention *pm = &s->places[best];
        const gaz_place *gp = choose(dc, pm->cand, pm->ncand);
        int near = pm->direction != NULL;
        if (pm->from > 0 && (dyad__token_word_eq(s->text, &s->t[pm->from - 1], "near") ||
                             dyad__token_word_eq(s->text, &s->t[pm->from - 1], "outside")))
            near = 1;
        fill_place(g, gp, s->text, pm->start, pm->end, near, &e->place);
        e->has_place = 1;
        static const char *const why[] = {"sentence", "sentence: in", "sentence: based", "sentence: coast",
                                          "sentence: over"};
        e->place_reason = pm->rule < sizeof why / sizeof *why ? why[pm->rule] : "sentence";
        return;
    }
    if (dc->dateline_place) {
        fill_place(g, dc->dateline_place, dc->text, dc->dateline_name.start, dc->dateline_name.end, 0, &e->place);
        e->has_place = 1;
        e->place_reason = "dateline";
        return;
    }
    e->place_reason = "none: no place named in the sentence or the dateline";
}

void dyad__dateline_place(const dyad_dict *d, doc_ctx *dc) {
    if (!d->gaz || dc->dateline.end <= dc->dateline.start) return;
    /* the name: the dateline's words before a comma, a bracket or a digit
     * ("SAN SALVADOR, 3 JAN 90", "ANKARA (Reuters)") */
    size_t a = dc->dateline.start, b = a;
    while (b < dc->dateline.end && dc->text[b] != ',' && dc->text[b] != '(' && !IS_DIGIT(dc->text[b])) b++;
    while (b > a && IS_SPACE(dc->text[b - 1])) b--;
    if (b == a || b - a > 60) return;
    const gaz_place *cand[DYAD_MAX_PLACE_CANDIDATES];
    size_t n = dyad__gaz_lookup(d->gaz, dc->text + a, b - a, cand, DYAD_MAX_PLACE_CANDIDATES);
    if (!n) return;
    const gaz_place *gp = cand[0];
    if (dc->dateline_country[0])
        for (size_t i = 0; i < n; i++)
            if (memcmp(cand[i]->country, dc->dateline_country, 3) == 0) { gp = cand[i]; break; }
    dc->dateline_place = gp;
    dc->dateline_name = (span){a, b};
}
