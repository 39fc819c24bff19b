/* coref.c -- stage 5b: coreference on the document context.
 *
 * A bare agent -- "the government", "troops", "rebels", "the ministry", with
 * no state or person of its own in the noun group -- is whose the story says
 * it is: when the document so far (its dateline, the actors of earlier
 * sentences and of this one) names the actors of exactly one country, the
 * agent becomes that country's (GOV -> SLVGOV in a story about El Salvador).
 * With two countries or more, a story with a dateline gives the dateline's
 * country (wire copy datelined "SAN SALVADOR" means the Salvadoran army by
 * "the army"); without one the reference is ambiguous and the agent stays as
 * it was -- unless one country dominates the story so far (named at least
 * twice, and more than twice as often as any other: a story about Pakistan
 * that mentions Afghanistan once), whose the agent then is.  Rights groups
 * and aid agencies (NGO) keep no country.  An agent after a possessive pronoun ("its troops")
 * belongs to the subject (coder.c), not to the story.
 *
 * The document context keeps the distinct countries (doc_ctx.countries); this
 * stage runs after actors.c on each sentence and before its mentions are
 * recorded, and then adds the sentence's countries. */
#include "coder.h"
#include <string.h>

/* Adds COUNTRY to the set SET of *N, counting it in CNT; *N past
 * DYAD_COREF_COUNTRIES: "many". */
static void note(char (*set)[4], int *cnt, int *n, const char *country) {
    if (!country || !country[0] || *n > DYAD_COREF_COUNTRIES) return;
    for (int i = 0; i < *n; i++)
        if (memcmp(set[i], country, 3) == 0) { cnt[i]++; return; }
    if (*n == DYAD_COREF_COUNTRIES) { (*n)++; return; }
    memcpy(set[*n], country, 3);
    set[*n][3] = 0;
    cnt[*n] = 1;
    (*n)++;
}

void dyad__coref_note_country(doc_ctx *dc, const char *country) {
    note(dc->countries, dc->country_mentions, &dc->ncountries, country);
}

/* The story's main country: named at least twice and more often than twice
 * any other (a story about Pakistan that mentions Afghanistan once), or NULL. */
static const char *main_country(char (*set)[4], const int *cnt, int n) {
    if (n < 2 || n > DYAD_COREF_COUNTRIES) return NULL;
    int best = 0;
    for (int i = 1; i < n; i++)
        if (cnt[i] > cnt[best]) best = i;
    int second = 0;
    for (int i = 0; i < n; i++)
        if (i != best && cnt[i] > second) second = cnt[i];
    return cnt[best] >= 2 && cnt[best] > 2 * second ? set[best] : NULL;
}

/* A bare agent that belongs to a country: not "rights groups" or "aid
 * agencies" (NGO), which are international unless the text says whose. */
static int is_bare_agent(const sentence_ctx *s, const mention *m) {
    if (!(m->entry < 0 && m->agent >= 0 && !m->country[0] && !m->owned && !m->is_null &&
          s->d->entries[m->agent].type == AE_AGENT))
        return 0;
    const char *code = dyad__agent_code(s->d, m->agent);
    return !code || (strncmp(code, "NGO", 3) != 0 && strncmp(code, "IGO", 3) != 0);
}

void dyad__coref_resolve(sentence_ctx *s) {
    doc_ctx *dc = s->doc;
    /* the story's countries so far, with this sentence's */
    char seen[DYAD_COREF_COUNTRIES][4];
    int cnt[DYAD_COREF_COUNTRIES];
    int nseen = dc->ncountries;
    memcpy(seen, dc->countries, sizeof seen);
    memcpy(cnt, dc->country_mentions, sizeof cnt);
    for (size_t i = 0; i < s->nm; i++)
        if (!s->m[i].is_null || s->m[i].is_place) note(seen, cnt, &nseen, s->m[i].country);
    /* one country in the story; else the dateline's ("SAN SALVADOR, 3 JAN 90
     * --": wire copy's unqualified "the army" is the host country's) */
    const char *main = main_country(seen, cnt, nseen);
    const char *c = nseen == 1 ? seen[0] : dc->dateline_country[0] ? dc->dateline_country : main;
    const char *why = nseen == 1 ? "the story's only country so far"
                      : dc->dateline_country[0] ? "the dateline's country"
                                                : "the story's main country so far";
    if (c) {
        for (size_t i = 0; i < s->nm; i++) {
            mention *m = &s->m[i];
            if (!is_bare_agent(s, m)) continue;
            const actor_entry *ag = &s->d->entries[m->agent];
            char before[sizeof m->code];
            memcpy(before, m->code, sizeof before);
            dyad__actor_set_code(m, c, dyad__agent_code(s->d, m->agent), ag->is_prefix);
            memcpy(m->country, c, 4);
            if (s->trace) {
                char line[300];
                snprintf(line, sizeof line, "  coreference: \"%.*s\" %s -> %s (%s)",
                         (int)(s->t[m->end - 1].start + s->t[m->end - 1].len - s->t[m->start].start),
                         s->text + s->t[m->start].start, before, m->code, why);
                s->trace(s->trace_user, line);
            }
        }
    }
    for (size_t i = 0; i < s->nm; i++)
        if (!s->m[i].is_null || s->m[i].is_place) dyad__coref_note_country(dc, s->m[i].country);
}
