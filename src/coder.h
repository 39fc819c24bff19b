/* coder.h -- what actors.c, patterns.c and coder.c share about one sentence. */
#ifndef DYAD_CODER_H
#define DYAD_CODER_H

#include "internal.h"

/* An actor mention after composition ("Turkish Foreign Minister Mevlut
 * Cavusoglu" is one mention, TURGOV). */
typedef struct {
    uint16_t start, end; /* token range [start, end) */
    int entry;           /* the actor/person entry, or -1 */
    int agent;           /* the agent entry, or -1 */
    char code[24];
    char country[4];
    const char *name;
    int group;           /* coordination group ("A, B and C") */
    uint8_t after_prep;  /* a preposition stands right before it */
    uint8_t is_null;     /* a peer "[---]" actor: blocks, never codes */
    uint8_t owned;       /* "its/their ambassador": an agent of the subject, not an object */
    uint8_t is_place;    /* a place name ("in Mexico City", "Atlanta, Georgia"): is_null too, but
                            its country (the place's) is the story's context for coreference */
    int doc_index;       /* its record in the result's mentions, -1 none */
} mention;

/* A result: what dyad_coder_code gives the caller.  Everything it points to
 * lives in A, in the dictionary or in TEXT. */
struct dyad_result {
    arena a;
    dyad_event *ev;
    size_t n, cap;
    dyad_mention *mentions; /* every actor mention, in document order */
    size_t nmentions, capmentions;
    size_t nsentences;
    char **warnings;
    size_t nwarnings;
    char *owned_text; /* repaired copy when the caller's text was not UTF-8 */
    const char *text;  /* the text the spans refer to */
    size_t text_len;
    const char *doc_id, *outlet, *url; /* copies of the document's */
    int oom;           /* a malloc outside the arena failed */
};

/* The document context: what every stage may know of the document being
 * coded, kept for all its sentences (document.c).  Coreference and places
 * extend it. */
typedef struct doc_ctx {
    const dyad_doc *doc;
    const dyad_code_options *opt;
    dyad_result *r;       /* the result being built: its events and mentions so far */
    const char *text;     /* the text spans refer to (r->text) */
    size_t text_len;
    int date_days;        /* the article date as a day number, INT_MIN unknown */
    span dateline;        /* "ANKARA, July 24 (Dyad Wire)", {0,0} when none */
    int sentence_no;      /* 1-based number of the sentence being coded */
    span sentence;        /* its span */
    size_t sentence_events; /* events from it so far (all its pieces) */
    int sentence_capped;  /* DYAD_MAX_SENTENCE_EVENTS was reported for it */
    int doc_capped;       /* DYAD_MAX_DOC_EVENTS was reported */
    /* coreference (coref.c): the countries of the actors mentioned so far
     * and of the dateline, each once; past DYAD_COREF_COUNTRIES, many */
    char countries[DYAD_COREF_COUNTRIES][4];
    int country_mentions[DYAD_COREF_COUNTRIES]; /* how often each was named */
    int ncountries;       /* DYAD_COREF_COUNTRIES + 1: more than it holds */
    char dateline_country[4]; /* "" when the dateline names no known place */
    /* places (places.c): the dateline's place ("ANKARA, July 24 -"), or NULL */
    const gaz_place *dateline_place;
    span dateline_name;   /* its words in the text */
    char place_countries[DYAD_COREF_COUNTRIES][4]; /* of the events' places so far, each once */
    int nplace_countries;
} doc_ctx;

HIDDEN void dyad__result_warn(dyad_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct {
    const dyad_dict *d;
    doc_ctx *doc;         /* the document it belongs to */
    const char *text;     /* document text */
    token *t;
    size_t n;             /* tokens */
    mention *m;
    size_t nm;
    int ngroups;
    int date_days;        /* the sentence's date, for dated codes; INT_MIN unknown */
    int discard;          /* 1 sentence discard, 2 document discard */
    int *mention_at;      /* per token: mention index starting here, or -1 */
    int *mention_of;      /* per token: mention index covering it, or -1 */
    dyad_trace_fn trace;
    void *trace_user;
    arena *a;
    /* the sentence's place names, found when its first event needs a place */
    place_mention *places;
    size_t nplaces;
    int places_found;
} sentence_ctx;

/* Codes one sentence, or one piece of DYAD_MAX_SENTENCE_TOKENS tokens of it
 * (S's tokens); events carry PIECE as their span (the sentence's own span
 * unless it was cut).  coder.c. */
HIDDEN void dyad__code_sentence(sentence_ctx *s, span piece);
HIDDEN void dyad__actors_find(sentence_ctx *s);
HIDDEN void dyad__actor_set_code(mention *m, const char *actor, const char *agent, int prefix);
HIDDEN const char *dyad__agent_code(const dyad_dict *d, int agent);
/* coref.c: a bare agent ("the government", "troops") takes the story's
 * country when the document so far names exactly one; then the sentence's
 * countries join the document's. */
HIDDEN void dyad__coref_resolve(sentence_ctx *s);
HIDDEN void dyad__coref_note_country(doc_ctx *dc, const char *country);
/* places.c: where event E of the verb at token VERB happened: the sentence's
 * place nearest the verb (after it first), else the dateline's, else none;
 * candidates in a country the story names come first.  Sets e->has_place,
 * e->place, e->place_reason. */
HIDDEN void dyad__event_place(sentence_ctx *s, size_t verb, dyad_event *e);
/* places.c, after actors.c and before coreference: finds the sentence's
 * places; a capital named as a place ("in Mexico City") or a place's
 * qualifier (", Georgia") becomes a place mention (is_place), not an actor;
 * a capital before a noun ("the Minsk agreements") is neither. */
HIDDEN void dyad__places_sentence(sentence_ctx *s);
/* places.c: the place the dateline names, noted in DC.  QUALIFIED_ONLY: only
 * when a state or country after the comma says which ("PARIS, Texas (AP)"),
 * and then it sets the dateline's country too; else (called after the
 * dateline's actors are known) the one in the dateline's actor country, or
 * the gazetteer's best.  Nothing when the place is already known. */
HIDDEN void dyad__dateline_place(const dyad_dict *d, doc_ctx *dc, int qualified_only);
HIDDEN const char *dyad__actor_code_at(const dyad_dict *d, const actor_entry *e, int days);

/* Result of matching one verb occurrence against its patterns. */
typedef struct {
    const pattern *p;    /* NULL: nothing matched */
    int target_mention;  /* from a '+' slot, or -1 */
    int source_mention;  /* from a '$' slot, or -1 */
    size_t last;         /* last token consumed (for the default target search) */
    size_t first;        /* first token consumed before the verb */
} pattern_match;

/* The verb lemma at token i has patterns? */
HIDDEN int dyad__patterns_has_verb(const dyad_dict *d, wid lemma);
HIDDEN int dyad__patterns_match(const sentence_ctx *s, size_t verb, size_t verb_end, pattern_match *out);
HIDDEN int dyad__token_is(const token *t, wid w);
HIDDEN int dyad__is_clause_break(const token *t, const char *text);

#endif
