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

/* Keeps only the candidates of M inside a place of Q (a country or a
 * first-level subdivision: "Paris, Texas", "Tripoli in northern Lebanon",
 * "Lebanon's Tripoli"), trying Q's candidates in order; all of M's places
 * are looked at, not only the best few (Paris, Texas is not among Paris's
 * first).  1 when some were kept. */
static int restrict_to(const gazetteer *g, const char *text, const token *v, place_mention *m,
                       const place_mention *q, const char *why) {
    const gaz_place *all[256];
    size_t nall = dyad__gaz_lookup(g, text + v[m->from].start, v[m->to - 1].start + v[m->to - 1].len - v[m->from].start,
                                   all, 256);
    if (nall > 256) nall = 256;
    for (size_t a = 0; a < q->ncand; a++) {
        const gaz_place *in = q->cand[a];
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
            m->qualifier = why;
            return 1;
        }
    }
    return 0;
}

/* "Paris, Texas", "Tripoli, Lebanon", "Tripoli in northern Lebanon": a
 * state or country after the name keeps only the candidates inside it.
 * Returns the qualifier's end, or K. */
static size_t qualify(const gazetteer *g, const char *text, const token *v, size_t n, size_t k,
                      place_mention *m) {
    size_t y;
    const char *why;
    if (k + 1 < n && dyad__token_word_eq(text, &v[k], ",")) {
        y = k + 1;
        why = "comma";
    } else if (k + 1 < n && dyad__token_word_eq(text, &v[k], "in")) {
        y = k + 1;
        if (is_word(text, v, n, y, "the")) y++;
        if (y < n && word_in(text, &v[y], DIRECTIONS) >= 0) y++;
        why = "in";
    } else {
        return k;
    }
    if (y >= n || !name_start(&v[y])) return k;
    place_mention q;
    memset(&q, 0, sizeof q);
    size_t e = longest(g, text, v, n, y, &q);
    if (e == y) return k;
    return restrict_to(g, text, v, m, &q, why) ? e : k;
}

/* "in Georgia's capital", "Lebanon's northern city of Tripoli", "Syria's
 * Idlib province": after the possessive of the place Y in M (tokens up to K,
 * the "'s"), the place it qualifies.  Returns the end of what was read (M
 * then holds X, or Y's capitals), or K when nothing follows. */
static size_t possessive(const gazetteer *g, const char *text, const token *v, size_t n, size_t k,
                         place_mention *m) {
    size_t x = k + 1;
    if (x < n && word_in(text, &v[x], DIRECTIONS) >= 0) x++;
    int capital = x < n && dyad__token_word_eq(text, &v[x], "capital");
    if (capital || (x < n && word_in(text, &v[x], CONTAINERS) >= 0)) {
        x++;
        if (x < n && (dyad__token_word_eq(text, &v[x], "of") || dyad__token_word_eq(text, &v[x], ","))) x++;
    }
    if (x < n && name_start(&v[x])) {
        place_mention xm;
        memset(&xm, 0, sizeof xm);
        size_t e = longest(g, text, v, n, x, &xm);
        if (e > x) {
            xm.from = (uint32_t)x;
            xm.to = (uint32_t)e;
            if (restrict_to(g, text, v, &xm, m, "possessive")) {
                xm.rule = m->rule;
                xm.qual_from = m->from;
                xm.start = v[x].start;
                xm.end = v[e - 1].start + v[e - 1].len;
                *m = xm;
                return e;
            }
        }
    }
    if (!capital) return k;
    /* "Georgia's capital": the capital of each reading of Georgia */
    size_t kept = 0;
    const gaz_place *caps[DYAD_MAX_PLACE_CANDIDATES];
    for (size_t a = 0; a < m->ncand; a++) {
        const gaz_place *c = dyad__gaz_capital(g, m->cand[a]);
        if (c) caps[kept++] = c;
    }
    if (!kept) return k;
    memcpy(m->cand, caps, kept * sizeof *caps);
    m->ncand = (uint16_t)kept;
    m->capital = 1;
    m->qualifier = "possessive";
    size_t end = k + 1;
    while (!dyad__token_word_eq(text, &v[end], "capital")) end++;
    m->to = (uint32_t)end + 1;
    m->end = v[end].start + v[end].len;
    return end + 1;
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
                m.from = m.qual_from = (uint32_t)back;
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
        /* "in the Lebanese (port) city of Tripoli", "in the Libyan capital
         * (Tripoli)": the adjective's country qualifies the name (or names
         * the capital), which dyad__places_sentence reads from the actors */
        if (k == j && j + 1 < n && is_word(text, v, n, j - 1, "the")) {
            size_t x = j + 1;
            if (x + 1 < n && !v[x].cap && word_in(text, &v[x + 1], CONTAINERS) >= 0) x++;
            int capital = dyad__token_word_eq(text, &v[x], "capital");
            if (capital || word_in(text, &v[x], CONTAINERS) >= 0) {
                x++;
                if (x < n && (dyad__token_word_eq(text, &v[x], "of") || dyad__token_word_eq(text, &v[x], ","))) x++;
                size_t e = x < n && name_start(&v[x]) ? longest(g, text, v, n, x, &m) : x;
                if (e > x || capital) {
                    m.adjective = (uint32_t)j + 1;
                    m.qual_from = (uint32_t)j;
                    m.capital = (uint8_t)(e == x);
                    if (e == x) m.ncand = 0;
                    m.from = (uint32_t)(e > x ? x : j);
                    m.to = (uint32_t)(e > x ? e : x);
                    m.qualifier_to = m.to;
                    m.start = v[m.from].start;
                    m.end = v[m.to - 1].start + v[m.to - 1].len;
                    m.rule = (uint8_t)rule;
                    out[found++] = m;
                    i = m.to - 1;
                    continue;
                }
            }
        }
        /* "the" right before the name */
        if (k == j || !plausible(g, text, v, n, j, k, is_word(text, v, n, j - 1, "the"), m.cand[0])) continue;
        /* "over" is a place only for waters: "talks over the weekend", "a row over Kashmir" */
        if (rule == PR_OVER && m.cand[0]->feature[0] != 'H') continue;
        /* "angry at Japan", "aimed at Iran": at a country is a target, not a place */
        if (dyad__token_word_eq(text, t, "at") && strncmp(m.cand[0]->feature, "A.PCL", 5) == 0) continue;
        if (rule == PR_COAST && !coast && k < n && v[k].type != T_PUNCT && word_in(text, &v[k], AFTER_OFF) < 0)
            continue;
        m.from = m.qual_from = (uint32_t)j;
        m.to = (uint32_t)k;
        m.start = v[j].start;
        m.end = v[k - 1].start + v[k - 1].len;
        m.rule = (uint8_t)rule;
        if (k < n && v[k].type == T_POSS && rule != PR_OVER) {
            size_t e = possessive(g, text, v, n, k, &m);
            m.qualifier_to = (uint32_t)e;
            if (e == k) m.qualifier_to = (uint32_t)qualify(g, text, v, n, k, &m);
        } else {
            m.qualifier_to = (uint32_t)qualify(g, text, v, n, k, &m);
        }
        out[found++] = m;
        i = m.qualifier_to - 1;
    }
    return found;
}

/* ---- where an event happened ------------------------------------------------ */


/* Ranking same-named places, the way CLIFF and Mordecai do: first what
 * the document says -- the dateline's country, the countries its actors
 * belong to (the most named most), the countries of its other places --
 * then what the gazetteer says: population (a log, so that ten times the
 * people is one point) and the kind of place (a country, a capital, a
 * state).  "Tripoli" with Lebanese actors is Lebanon's, with none Libya's
 * capital; "Paris" with American actors is still France's, a world capital
 * ten times Paris, Texas's digit count ahead.  A qualifier ("Paris, Texas",
 * "Tripoli in northern Lebanon") has already dropped the others. */
static double prior(const gaz_place *p) {
    double digits = 0;
    for (uint32_t pop = p->population; pop >= 10; pop /= 10) digits += 1;
    /* the leading digit's share of a decade, near enough for a rank */
    uint32_t lead = p->population;
    while (lead >= 10) lead /= 10;
    static const double frac[10] = {0, 0, .30, .48, .60, .70, .78, .85, .90, .95};
    double score = p->population ? digits + frac[lead] : 0;
    const char *f = p->feature;
    if (strncmp(f, "A.PCL", 5) == 0) score += 3;
    else if (strcmp(f, "A.ADM1") == 0) score += 1.5;
    else if (strncmp(f, "P.PPLC", 6) == 0) score += 2;
    else if (strcmp(f, "P.PPLA") == 0) score += 1;
    /* dict/places' own entries (waters, regions, exonyms' places) were put
     * there for the news: they come first among same-named places */
    if (p->geonames_id == 0 && f[0] != 'A') score += 10;
    return score;
}

/* What the document says for a candidate in COUNTRY: points, and the words
 * for the trace in WHY.  OWN: mentions of that country that are the place
 * name itself ("in Georgia" is an actor mention of Georgia too), not
 * counted. */
static double context(const sentence_ctx *s, const char *country, int own, char *why, size_t cap) {
    const doc_ctx *dc = s->doc;
    double score = 0;
    size_t o = 0;
    why[0] = 0;
    if (!country[0] || country[0] == '-') return 0;
    const char *dl = dc->dateline_country[0] ? dc->dateline_country
                     : dc->dateline_place ? dc->dateline_place->country : "";
    if (dl[0] && memcmp(dl, country, 3) == 0) {
        score += 3;
        o += (size_t)snprintf(why + o, cap - o, " dateline +3");
    }
    int most = 0, count = 0;
    for (int k = 0; k < dc->ncountries && k < DYAD_COREF_COUNTRIES; k++) {
        int c = dc->country_mentions[k];
        if (memcmp(dc->countries[k], country, 3) == 0) count = c - own;
        if (c > most) most = c;
    }
    if (count > 0 && o < cap) {
        double w = 1.5 + 1.5 * count / (most > 0 ? most : 1);
        score += w;
        o += (size_t)snprintf(why + o, cap - o, " actors %d +%.1f", count, w);
    }
    for (int k = 0; k < dc->nplace_countries; k++)
        if (memcmp(dc->place_countries[k], country, 3) == 0) {
            score += 2;
            if (o < cap) o += (size_t)snprintf(why + o, cap - o, " places +2");
            break;
        }
    return score;
}

/* Mentions of COUNTRY that are the place name PM itself. */
static int own_mentions(const sentence_ctx *s, const place_mention *pm, const char *country) {
    int own = 0;
    for (size_t i = 0; i < s->nm; i++) {
        const mention *m = &s->m[i];
        if (m->start >= pm->qual_from && m->end <= pm->qualifier_to && memcmp(m->country, country, 3) == 0)
            own++;
    }
    return own;
}

/* The gazetteer sorts a key's places with dict/places' own names first,
 * then countries, then by population: a first candidate out of that order
 * was put first by hand ("Washington" the capital, not the state; "New
 * York" the city), and keeps a lead that only another country's context
 * overturns. */
static int curated_first(const place_mention *pm) {
    if (pm->ncand < 2) return 0;
    const gaz_place *a = pm->cand[0];
    int a_country = strncmp(a->feature, "A.PCL", 5) == 0;
    for (size_t i = 1; i < pm->ncand; i++) {
        const gaz_place *b = pm->cand[i];
        int b_country = strncmp(b->feature, "A.PCL", 5) == 0;
        if ((b_country && !a_country) || (b_country == a_country && b->population > a->population)) return 1;
    }
    return 0;
}

/* The best candidate of PM; its trace when TRACE. */
static const gaz_place *choose(const sentence_ctx *s, const place_mention *pm, int trace) {
    const gazetteer *g = s->d->gaz;
    const gaz_place *best = NULL;
    double best_score = -1;
    buf b = {0};
    if (trace)
        dyad__buf_printf(&b, "  place \"%.*s\" (%s%s%s): %zu candidate%s", (int)(pm->end - pm->start),
                         s->text + pm->start, dyad__place_rule_name(pm->rule), pm->qualifier ? ", qualified by " : "",
                         pm->qualifier ? pm->qualifier : "", (size_t)pm->ncand, pm->ncand == 1 ? "" : "s");
    int curated = !pm->qualifier && curated_first(pm);
    for (size_t i = 0; i < pm->ncand; i++) {
        const gaz_place *c = pm->cand[i];
        char why[128];
        double ctx = context(s, c->country, own_mentions(s, pm, c->country), why, sizeof why);
        double score = prior(c) + ctx + (i == 0 && curated ? 4 : 0);
        if (score > best_score) { best_score = score; best = c; }
        if (trace)
            dyad__buf_printf(&b, "\n    %s %s %s %s pop %u: %.2f (prior %.2f%s%s)", dyad__gaz_str(g, c->name),
                             c->country[0] == '-' ? "-" : c->country, dyad__gaz_str(g, c->adm1)[0] ? dyad__gaz_str(g, c->adm1) : "-",
                             c->feature, c->population, score, prior(c), i == 0 && curated ? " news name +4" : "", why);
    }
    if (trace) {
        if (best) dyad__buf_printf(&b, "\n    -> %s %s", dyad__gaz_str(g, best->name), best->country);
        if (b.p) s->trace(s->trace_user, b.p);
        dyad__buf_free(&b);
    }
    return best;
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

/* Finds the sentence's places once (its actors known). */
static void find_places(sentence_ctx *s) {
    if (s->places_found) return;
    s->places_found = 1;
    s->places = dyad__arena_alloc(s->a, 16 * sizeof *s->places);
    if (s->places) s->nplaces = dyad__places_find(s->d->gaz, s->text, s->t, s->n, s->places, 16);
}

/* The mention covering token K that is an adjective of a country ("Lebanese"), or NULL. */
static const mention *adjective_at(const sentence_ctx *s, size_t k) {
    int mi = k < s->n ? s->mention_of[k] : -1;
    if (mi < 0) return NULL;
    const mention *m = &s->m[mi];
    if (m->entry < 0 || s->d->entries[m->entry].type != AE_ADJ || !m->country[0]) return NULL;
    return m;
}

/* A capital's entry in the actors ("Mexico City" under Mexico's "metonym
 * GOV:"): an actor entry of a country whose code is the country's with an
 * agent. */
static int entry_is_metonym(const sentence_ctx *s, const mention *m) {
    if (m->entry < 0 || !m->country[0]) return 0;
    const actor_entry *e = &s->d->entries[m->entry];
    return e->type == AE_ACTOR && e->ncodes && strlen(e->codes[0].code) > 3 &&
           memcmp(e->codes[0].code, m->country, 3) == 0;
}
/* ... and names a town or city of that country (not "Pakistani military"). */
static int is_metonym(const sentence_ctx *s, const mention *m) {
    if (m->agent >= 0 || !entry_is_metonym(s, m)) return 0;
    const gaz_place *c[DYAD_MAX_PLACE_CANDIDATES];
    size_t a = s->t[m->start].start, b = s->t[m->end - 1].start + s->t[m->end - 1].len;
    size_t n = dyad__gaz_lookup(s->d->gaz, s->text + a, b - a, c, DYAD_MAX_PLACE_CANDIDATES);
    for (size_t i = 0; i < n && i < DYAD_MAX_PLACE_CANDIDATES; i++)
        if (c[i]->feature[0] == 'P' && memcmp(c[i]->country, m->country, 3) == 0) return 1;
    return 0;
}

/* A state's own name ("Georgia", "Congo"), no agent. */
static int is_state(const sentence_ctx *s, const mention *m) {
    if (m->entry < 0 || m->agent >= 0 || !m->country[0]) return 0;
    const actor_entry *e = &s->d->entries[m->entry];
    return e->type == AE_ACTOR && e->ncodes && strcmp(e->codes[0].code, m->country) == 0;
}

static void trace_place_mention(const sentence_ctx *s, const mention *m, const char *why) {
    if (!s->trace) return;
    char line[240];
    snprintf(line, sizeof line, "  \"%.*s\" is a place, not an actor (%s)",
             (int)(s->t[m->end - 1].start + s->t[m->end - 1].len - s->t[m->start].start),
             s->text + s->t[m->start].start, why);
    s->trace(s->trace_user, line);
}

void dyad__places_sentence(sentence_ctx *s) {
    const gazetteer *g = s->d->gaz;
    if (!g || !s->m || !s->nm) return;
    find_places(s);
    for (size_t i = 0; i < s->nplaces; i++) {
        place_mention *pm = &s->places[i];
        if (!pm->adjective) continue;
        const mention *adj = adjective_at(s, pm->adjective - 1);
        if (!adj) { pm->ncand = 0; continue; }
        if (pm->capital) {
            /* "in the Libyan capital": the capital of the adjective's country */
            const char *name = s->d->entries[adj->entry].name;
            const gaz_place *c[DYAD_MAX_PLACE_CANDIDATES];
            size_t k = name ? dyad__gaz_lookup(g, name, strlen(name), c, DYAD_MAX_PLACE_CANDIDATES) : 0;
            pm->ncand = 0;
            for (size_t a = 0; a < k && a < DYAD_MAX_PLACE_CANDIDATES; a++)
                if (memcmp(c[a]->country, adj->country, 3) == 0 && strncmp(c[a]->feature, "A.PCL", 5) == 0) {
                    const gaz_place *cap = dyad__gaz_capital(g, c[a]);
                    if (cap) { pm->cand[0] = cap; pm->ncand = 1; pm->qualifier = "adjective"; }
                    break;
                }
            continue;
        }
        size_t kept = 0;
        for (size_t a = 0; a < pm->ncand; a++)
            if (memcmp(pm->cand[a]->country, adj->country, 3) == 0) pm->cand[kept++] = pm->cand[a];
        /* "the Lebanese city of Tripoli" keeps Lebanon's; a name with none
         * there is not qualified (the best few may miss it: looked up again) */
        if (kept) { pm->ncand = (uint16_t)kept; pm->qualifier = "adjective"; }
        else {
            const gaz_place *all[256];
            size_t nall = dyad__gaz_lookup(g, s->text + pm->start, pm->end - pm->start, all, 256);
            for (size_t b = 0; b < nall && b < 256 && kept < DYAD_MAX_PLACE_CANDIDATES; b++)
                if (memcmp(all[b]->country, adj->country, 3) == 0) pm->cand[kept++] = all[b];
            if (kept) { pm->ncand = (uint16_t)kept; pm->qualifier = "adjective"; }
        }
    }
    /* Places are not actors: a capital named as a place ("a car bomb in
     * Mexico City", "talks in Ankara") and a qualifier ("Atlanta, Georgia",
     * "in Lebanon's Tripoli") code no government; they stay the story's
     * context for coreference, in the country of the place they name. */
    for (size_t i = 0; i < s->nm; i++) {
        mention *m = &s->m[i];
        if (m->is_null) continue;
        for (size_t k = 0; k < s->nplaces; k++) {
            const place_mention *pm = &s->places[k];
            if (!pm->ncand || m->end <= pm->qual_from || m->start >= pm->qualifier_to) continue;
            int inside = m->start >= pm->qual_from && m->end <= pm->qualifier_to;
            inside = inside && m->start >= pm->from && m->end <= pm->to;
            if (m->start < pm->qual_from || m->end > pm->qualifier_to || (!inside && m->end > pm->from && m->start < pm->to)) {
                /* "police in Mexico City": the agent of the place's country */
                if (entry_is_metonym(s, m) && m->agent >= 0 && m->start < pm->from && m->end == pm->to) {
                    char before[sizeof m->code];
                    memcpy(before, m->code, sizeof before);
                    dyad__actor_set_code(m, m->country, dyad__agent_code(s->d, m->agent),
                                         s->d->entries[m->agent].is_prefix);
                    if (s->trace) {
                        char line[240];
                        snprintf(line, sizeof line, "  \"%.*s\" %s -> %s (the capital is a place, not the government)",
                                 (int)(s->t[m->end - 1].start + s->t[m->end - 1].len - s->t[m->start].start),
                                 s->text + s->t[m->start].start, before, m->code);
                        s->trace(s->trace_user, line);
                    }
                }
                break;
            }
            const gaz_place *c = choose(s, pm, 0);
            const char *why = NULL;
            if (!inside) why = "a qualifier of the place";
            else if (is_metonym(s, m) || (pm->adjective && pm->capital)) why = "named as a place";
            /* "in eastern Congo" taken for the DR Congo, "in Georgia" for the
             * US state: not the state the actors' dictionary names */
            else if (is_state(s, m) && c && pm->to == m->end && pm->from == m->start && c->country[0] &&
                     c->country[0] != '-' && memcmp(c->country, m->country, 3) != 0)
                why = "a place of another country";
            if (!why) break;
            m->is_null = m->is_place = 1;
            if (c && c->country[0] && c->country[0] != '-') memcpy(m->country, c->country, 4);
            trace_place_mention(s, m, why);
            break;
        }
        /* "the Minsk agreements", "Oslo accords", "a Kremlin critic": a capital
         * before a noun names the thing, not the government */
        if (!m->is_null && is_metonym(s, m) && m->end < s->n) {
            const token *t = &s->t[m->end];
            if (t->type == T_WORD && (!t->cap || t->info) && s->mention_at[m->end] < 0 &&
                (!t->info || (!t->info->flags && !t->info->verb_lemma && !t->info->cls))) {
                m->is_null = 1;
                m->is_place = 0;
                if (s->trace) {
                    char line[200];
                    snprintf(line, sizeof line, "  \"%.*s\" names the %.*s, not an actor",
                             (int)(s->t[m->end - 1].start + s->t[m->end - 1].len - s->t[m->start].start),
                             s->text + s->t[m->start].start, (int)t->len, s->text + t->start);
                    s->trace(s->trace_user, line);
                }
            }
        }
    }
}

/* A word of speech ("said", "told", "according") between tokens A and B
 * (exclusive): "officials in Cairo said Israeli jets bombed Gaza" -- the
 * speaker's place is not the reported event's. */
static int speech_between(const sentence_ctx *s, size_t a, size_t b) {
    for (size_t k = a + 1; k < b; k++) {
        const token *t = &s->t[k];
        if ((t->info && (t->info->flags & W_SPEECH)) || (t->cls & G_ACCORDING)) return 1;
    }
    return 0;
}

/* "Israeli jets bombed Gaza, officials in Cairo said": a place after the
 * verb and a comma, in a clause that ends with a word of speech. */
static int speech_after(const sentence_ctx *s, size_t verb, const place_mention *pm) {
    int comma = 0;
    for (size_t k = verb + 1; k < pm->qual_from; k++) comma |= dyad__token_word_eq(s->text, &s->t[k], ",");
    if (!comma) return 0;
    for (size_t k = pm->qualifier_to; k < s->n; k++) {
        const token *t = &s->t[k];
        if (t->type == T_PUNCT || t->type == T_CLAUSE) return 0;
        if (t->info && (t->info->flags & W_SPEECH)) return 1;
    }
    return 0;
}

void dyad__event_place(sentence_ctx *s, size_t verb, dyad_event *e) {
    const gazetteer *g = s->d->gaz;
    doc_ctx *dc = s->doc;
    if (!g) { e->place_reason = "none: no gazetteer"; return; }
    find_places(s);
    /* the sentence's place nearest the verb: after it first ("attacked
     * rebels in Afrin"), else before ("In Aleppo, troops shelled ...");
     * none across a word of speech */
    int best = -1, speaker = 0;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < s->nplaces; i++) {
        const place_mention *pm = &s->places[i];
        if (!pm->ncand) continue;
        if (pm->from > verb ? speech_between(s, verb, pm->qual_from) || speech_after(s, verb, pm)
                            : speech_between(s, pm->to - 1, verb)) {
            speaker = 1;
            if (s->trace) {
                char line[200];
                snprintf(line, sizeof line, "  place \"%.*s\": the speaker's, not the event's", (int)(pm->end - pm->start),
                         s->text + pm->start);
                s->trace(s->trace_user, line);
            }
            continue;
        }
        size_t d = pm->from > verb ? pm->from - verb : (verb - pm->from) + s->n;
        if (d < best_d) { best_d = d; best = (int)i; }
    }
    if (best >= 0) {
        const place_mention *pm = &s->places[best];
        const gaz_place *gp = choose(s, pm, s->trace != NULL);
        int near = pm->direction != NULL;
        if (pm->from > 0 && (dyad__token_word_eq(s->text, &s->t[pm->from - 1], "near") ||
                             dyad__token_word_eq(s->text, &s->t[pm->from - 1], "outside")))
            near = 1;
        fill_place(g, gp, s->text, pm->start, pm->end, near, &e->place);
        e->has_place = 1;
        static const char *const why[] = {"sentence", "sentence: in", "sentence: based", "sentence: coast",
                                          "sentence: over"};
        e->place_reason = pm->rule < sizeof why / sizeof *why ? why[pm->rule] : "sentence";
        /* the story's places rank the next ones ("Tripoli" after "Beirut") */
        if (gp->country[0] && gp->country[0] != '-') {
            int seen = 0;
            for (int k = 0; k < dc->nplace_countries; k++) seen |= memcmp(dc->place_countries[k], gp->country, 3) == 0;
            if (!seen && dc->nplace_countries < DYAD_COREF_COUNTRIES) memcpy(dc->place_countries[dc->nplace_countries++], gp->country, 4);
        }
        return;
    }
    if (dc->dateline_place) {
        fill_place(g, dc->dateline_place, dc->text, dc->dateline_name.start, dc->dateline_name.end, 0, &e->place);
        e->has_place = 1;
        e->place_reason = speaker ? "dateline (the sentence's place is the speaker's)" : "dateline";
        return;
    }
    e->place_reason = speaker ? "none: the sentence's place is the speaker's, and no dateline"
                              : "none: no place named in the sentence or the dateline";
}

void dyad__dateline_place(const dyad_dict *d, doc_ctx *dc, int qualified_only) {
    if (!d->gaz || dc->dateline.end <= dc->dateline.start || dc->dateline_place) return;
    /* the name: the dateline's words before a comma, a bracket or a digit
     * ("SAN SALVADOR, 3 JAN 90", "ANKARA (Reuters)") */
    size_t a = dc->dateline.start, b = a;
    while (b < dc->dateline.end && dc->text[b] != ',' && dc->text[b] != '(' && !IS_DIGIT(dc->text[b])) b++;
    size_t comma = b;
    while (b > a && IS_SPACE(dc->text[b - 1])) b--;
    if (b == a || b - a > 60) return;
    const gaz_place *cand[DYAD_MAX_PLACE_CANDIDATES];
    size_t n = dyad__gaz_lookup(d->gaz, dc->text + a, b - a, cand, DYAD_MAX_PLACE_CANDIDATES);
    if (!n) return;
    if (qualified_only) {
        /* AP's "PARIS, Texas (AP)", "TRIPOLI, Lebanon (AP)": the state or
         * country after the comma says which, and is the dateline's country
         * (not the one whose capital the name also is) */
        if (comma >= dc->dateline.end || dc->text[comma] != ',') return;
        size_t qa = comma + 1, qb = qa;
        while (qa < dc->dateline.end && IS_SPACE(dc->text[qa])) qa++;
        qb = qa;
        while (qb < dc->dateline.end && dc->text[qb] != '(' && dc->text[qb] != ',' && !IS_DIGIT(dc->text[qb])) qb++;
        while (qb > qa && IS_SPACE(dc->text[qb - 1])) qb--;
        if (qb == qa) return;
        const gaz_place *q[DYAD_MAX_PLACE_CANDIDATES];
        size_t nq = dyad__gaz_lookup(d->gaz, dc->text + qa, qb - qa, q, DYAD_MAX_PLACE_CANDIDATES);
        const gaz_place *all[256];
        size_t nall = dyad__gaz_lookup(d->gaz, dc->text + a, b - a, all, 256);
        if (nall > 256) nall = 256;
        for (size_t i = 0; i < nq && i < DYAD_MAX_PLACE_CANDIDATES; i++) {
            int country = strncmp(q[i]->feature, "A.PCL", 5) == 0, adm1 = strcmp(q[i]->feature, "A.ADM1") == 0;
            if (!country && !adm1) continue;
            for (size_t k = 0; k < nall; k++) {
                const gaz_place *c = all[k];
                if (c == q[i] || memcmp(c->country, q[i]->country, 3) != 0) continue;
                if (adm1 && strcmp(dyad__gaz_str(d->gaz, c->adm1), dyad__gaz_str(d->gaz, q[i]->adm1)) != 0) continue;
                dc->dateline_place = c;
                dc->dateline_name = (span){a, b};
                memcpy(dc->dateline_country, c->country, 4);
                dyad__coref_note_country(dc, dc->dateline_country);
                return;
            }
        }
        return;
    }
    const gaz_place *gp = cand[0];
    if (dc->dateline_country[0])
        for (size_t i = 0; i < n; i++)
            if (memcmp(cand[i]->country, dc->dateline_country, 3) == 0) { gp = cand[i]; break; }
    dc->dateline_place = gp;
    dc->dateline_name = (span){a, b};
}
