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
} mention;

typedef struct {
    const dyad_dict *d;
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
} sentence_ctx;

HIDDEN void dyad__actors_find(sentence_ctx *s);
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
