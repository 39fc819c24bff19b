/* internal.h -- what libdyad's stages share: limits, arena, buffers, the
 * interned word table, the dictionary, sentences and tokens.  Not installed. */
#ifndef DYAD_INTERNAL_H
#define DYAD_INTERNAL_H

#include "dyad.h"
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>

#define HIDDEN __attribute__((visibility("hidden")))

/* ---- Named limits (docs/limits.md; tests/limits.sh tests each) ---------- */
/* A JSON line longer than this is rejected: no news article is 64 MiB. */
#define DYAD_MAX_LINE_BYTES (64u * 1024u * 1024u)
/* Longer document texts are cut here (with a warning): keeps one document's
 * arena bounded. */
#define DYAD_MAX_DOC_BYTES (32u * 1024u * 1024u)
/* Longer "sentences" are tables or lists: they are cut into pieces of this
 * many tokens, each coded on its own. */
#define DYAD_MAX_SENTENCE_TOKENS 512
/* Words in one dictionary phrase or pattern. */
#define DYAD_MAX_PHRASE_WORDS 24
/* Bytes in one word. Longer runs are split into several tokens. */
#define DYAD_MAX_WORD_BYTES 256
/* Actors in one coordination ("A, B and C"): more is a list, not a compound. */
#define DYAD_MAX_COMPOUND 8
/* Events from one sentence (all its pieces). */
#define DYAD_MAX_SENTENCE_EVENTS 64
/* Events from one document (a list of thousands of compound actors). */
#define DYAD_MAX_DOC_EVENTS 10000
/* Bytes of a title coded as sentence 0; a longer title is cut (it is a
 * headline, or a page's whole <title> junk). */
#define DYAD_MAX_TITLE_BYTES 1024
/* Distinct countries a document's coreference keeps; past it the story has
 * "many" and a bare agent gets none. */
#define DYAD_COREF_COUNTRIES 8
/* HTML nesting kept; deeper tags are blanked before parsing (html.c), text kept */
#define DYAD_MAX_HTML_DEPTH 2048
/* Tokens a pattern word may skip over in dyad's own patterns. */
#define DYAD_PATTERN_GAP 3
/* Tokens a peer (TABARI/PETRARCH) pattern word may skip: whole clause. */
#define DYAD_PEER_PATTERN_GAP 40
/* Sides of a plot in pixels (dyad_plot_*): a smaller one cannot hold a title
 * and an axis; a larger PNG is a 400 MB image in memory. */
#define DYAD_PLOT_MIN_SIDE 100
#define DYAD_PLOT_MAX_SIDE 10000
/* Bytes of one plot label (a title, an actor code) kept; longer ones are cut
 * at a character and end in an ellipsis. */
#define DYAD_PLOT_LABEL_BYTES 200

/* ---- Arena: one per document, freed at once ----------------------------- */
typedef struct arena_block arena_block;
typedef struct {
    arena_block *head;
    arena_block *spare; /* one block kept by a reset, reused before malloc */
    size_t used_bytes;
    int oom;            /* an allocation failed (sticky until reset or free) */
} arena;
typedef struct {
    arena_block *head;
    size_t used, used_bytes;
    int oom;
} arena_mark;
HIDDEN void *dyad__arena_alloc(arena *a, size_t n); /* zeroed, 16-aligned; NULL (and a->oom) on OOM */
HIDDEN char *dyad__arena_strndup(arena *a, const char *s, size_t n);
HIDDEN arena_mark dyad__arena_mark(const arena *a);
HIDDEN void dyad__arena_reset(arena *a, arena_mark m); /* frees what came after M */
HIDDEN void dyad__arena_free(arena *a);

/* ---- Growable byte buffer --------------------------------------------- */
typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} buf;
HIDDEN void dyad__buf_put(buf *b, const void *s, size_t n);
HIDDEN void dyad__buf_puts(buf *b, const char *s);
HIDDEN void dyad__buf_putc(buf *b, char c);
HIDDEN void dyad__buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
HIDDEN void dyad__buf_json_str(buf *b, const char *s, size_t n); /* quoted, escaped */
HIDDEN void dyad__buf_free(buf *b);

HIDDEN void *dyad__xrealloc_array(void *p, size_t n, size_t size); /* NULL on overflow/OOM */
/* Makes room for one more element: when N == *CAP, the array at *(T **)ARRAYP
 * grows to twice *CAP (FIRST when empty).  0, or DYAD_ENOMEM (array unchanged). */
HIDDEN int dyad__grow_array(void *arrayp, size_t *cap, size_t n, size_t elem, size_t first);
HIDDEN uint64_t dyad__hash_bytes(const void *p, size_t n);

/* ---- Byte classes (no <ctype.h>: behaviour must not depend on locale) --- */
enum { BC_SPACE = 1, BC_ALPHA = 2, BC_DIGIT = 4, BC_UPPER = 8, BC_PUNCT = 16, BC_HIGH = 32 };
extern HIDDEN const unsigned char dyad__byteclass[256];
#define IS_SPACE(c) (dyad__byteclass[(unsigned char)(c)] & BC_SPACE)
#define IS_ALPHA(c) (dyad__byteclass[(unsigned char)(c)] & BC_ALPHA)
#define IS_DIGIT(c) (dyad__byteclass[(unsigned char)(c)] & BC_DIGIT)
#define IS_UPPER(c) (dyad__byteclass[(unsigned char)(c)] & BC_UPPER)
#define IS_ALNUM(c) (dyad__byteclass[(unsigned char)(c)] & (BC_ALPHA | BC_DIGIT))
#define IS_HIGH(c) (dyad__byteclass[(unsigned char)(c)] & BC_HIGH)
#define TO_LOWER(c) ((char)(IS_UPPER(c) ? (c) + 32 : (c)))

/* ---- UTF-8 (utf8.c) ---------------------------------------------------- */
/* Copies S into a new malloc'd buffer, replacing each invalid sequence (and
 * NUL) with U+FFFD and dropping a leading BOM; CRLF and lone CR become LF.
 * *repairs counts replaced sequences. */
HIDDEN char *dyad__utf8_repair(const char *s, size_t n, size_t *out_len, size_t *repairs);
/* 1 when S is well-formed UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF).  TEXT 1: also 0 when dyad__utf8_repair would change
 * it (a NUL, a CR, a leading BOM), so that valid text is used in place. */
HIDDEN int dyad__utf8_valid(const char *s, size_t n, int text);
/* Case-folds one token into OUT (cap bytes); returns length or 0 if it does
 * not fit.  ASCII fast path; utf8proc for the rest. */
HIDDEN size_t dyad__utf8_fold(const char *s, size_t n, char *out, size_t cap);
/* Decodes one code point at S (valid UTF-8 assumed); returns its length. */
HIDDEN int dyad__utf8_decode(const char *s, size_t n, int32_t *cp);
HIDDEN bool dyad__utf8_is_letter(int32_t cp);

/* ---- Gazetteer (gazetteer.c; built by tools/gen_gaz.c, docs/dictionary-format.md) -- */
/* The table dict/generated/gazetteer.bin, memory-mapped: a header, the places,
 * the names sorted by key (then rank), and their strings.  In the byte order
 * of the machine that built it (make builds it where dyad is built), 4-byte
 * aligned; the generator and the reader share these structs. */
#define DYAD_GAZ_MAGIC "DYADGAZ1"
#define DYAD_GAZ_NOCOORD INT32_MIN /* lat/lon unknown (an ISO subdivision GeoNames lacks) */
typedef struct {
    char magic[8];
    uint32_t nplaces, nnames, strings_bytes, flags;
    char source[240];   /* where it came from: packages and versions */
} gaz_header;
typedef struct {
    uint32_t name, adm1;    /* offsets into the strings ("" at 0) */
    uint32_t geonames_id;   /* 0 for iso-codes' and dict/places' own entries */
    uint32_t population;
    int32_t lat, lon;       /* degrees * 1e5, or DYAD_GAZ_NOCOORD */
    char country[4];        /* ISO 3166-1 alpha-3 */
    char feature[8];        /* GeoNames class.code: "P.PPLC", "A.PCLI", "H.STRT" */
} gaz_place;
typedef struct {
    uint32_t key;   /* offset of the folded name (dyad__gaz_key) */
    uint32_t place; /* index into the places */
} gaz_name;
typedef struct gazetteer gazetteer;

/* Folds a place name into the table's key: Unicode case folding, accents
 * stripped ("São" = "sao"), hyphens and runs of spaces one space, curly
 * apostrophes straight, a leading "the " dropped.  Length, or 0 when it does
 * not fit in CAP. */
HIDDEN size_t dyad__gaz_key(const char *s, size_t n, char *out, size_t cap);
/* Maps PATH: 0 and *out, DYAD_EIO (missing or unreadable), DYAD_EPARSE (not a
 * gazetteer table, message in ERR), DYAD_ENOMEM. */
HIDDEN int dyad__gaz_open(const char *path, gazetteer **out, char *err, size_t errcap);
HIDDEN void dyad__gaz_close(gazetteer *g); /* NULL is a no-op */
HIDDEN const gaz_header *dyad__gaz_header(const gazetteer *g);
/* The places named S (any case, accents, exonyms): up to CAP of them in OUT
 * (borrowed until dyad__gaz_close), best first (countries, then population);
 * returns how many there are in all. */
HIDDEN size_t dyad__gaz_lookup(const gazetteer *g, const char *s, size_t n,
                               const gaz_place **out, size_t cap);
HIDDEN const char *dyad__gaz_str(const gazetteer *g, uint32_t off);
/* The capital of a country (its P.PPLC) or of a first-level subdivision (its
 * P.PPLA: "Georgia's capital" is Tbilisi or Atlanta), or NULL. */
HIDDEN const gaz_place *dyad__gaz_capital(const gazetteer *g, const gaz_place *of);

/* ---- Words: interned, case-folded --------------------------------------- */
typedef uint32_t wid; /* 0 = unknown word */

/* Word flags. */
enum {
    W_BE = 1 << 0,        /* is, was, were, been, being, be, are, am, 's (after pronoun) */
    W_NEG = 1 << 1,       /* not, n't, never, no */
    W_MODAL = 1 << 2,     /* may, might, could, would, should, can */
    W_AUX = 1 << 3,       /* has, have, had, will, shall, do, does, did */
    W_DET = 1 << 4,       /* the, a, an, its, their, his, her ... (before a noun) */
    W_CONJ = 1 << 5,      /* and, or, as well as (compound joiners) */
    W_SPEECH = 1 << 6,    /* said, says, told, stated, announced: reported speech */
    W_OF = 1 << 7,        /* of, from, in (agent of COUNTRY) */
    W_BY = 1 << 8,        /* by (passive agent) */
    W_IF = 1 << 9,        /* if, unless, whether */
    W_PLAN = 1 << 10,     /* plan, intend, consider, propose, seek, want, expect (+to) */
    W_PARTICIPLE = 1 << 11, /* a past-participle form of a dictionary verb */
    W_PRON = 1 << 12,     /* he, she, it, they, we, i, you, who, which */
    W_REFUSE = 1 << 13,   /* refused, declined, failed (+to): negation */
    W_TITLE = 1 << 14,    /* mr, mrs, ms, dr, gen, col ... */
    W_REL = 1 << 15,      /* who, which, that (relative pronoun) */
    W_TO = 1 << 16,       /* to */
    W_CLAUSE = 1 << 17,   /* while, although, after, before, because, when */
    W_ING = 1 << 18,      /* an -ing form of a dictionary verb */
    W_POSS = 1 << 19,     /* 's, ' */
    W_VERB3 = 1 << 20,    /* a finite verb form (-s/-ed/irregular past) */
    W_SAY = 1 << 21,      /* say/tell/state ...: lemma of a speech verb */
    W_DATE = 1 << 22,     /* a word dates.c reads: months, weekdays, yesterday, next, will ... */
    W_STEM = 1 << 30      /* a TABARI stem: matches any word it prefixes */
};

/* Word classes (word_info.cls, token.cls): the words rules name, each class a
 * line of dict/grammar.txt.  Apart from W_*, so "has any flag" tests and the
 * words the dictionaries know are as without them (G_ONLY). */
enum {
    G_ADV = 1 << 0,       /* also, again, still, now ... inside a verb group */
    G_WH = 1 << 1,        /* which, who, whom: ", which ..." opens a relative clause */
    G_JOIN = 1 << 2,      /* and, but: ", and" opens a clause; a verb after one shares the subject */
    G_PLACE = 1 << 3,     /* in, at, near, inside: before a place */
    G_AT = 1 << 4,        /* in, at: before a determiner and a place */
    G_QUANT = 1 << 5,     /* two, several, many, dozens ...: a plural after one is a noun */
    G_ACCORDING = 1 << 6, /* according (to X): attribution after the speech word */
    G_RECIP = 1 << 7,     /* meet, talk, negotiate ...: reciprocal verb lemmas */
    G_OWN = 1 << 8,       /* its, their, his, her, our: an agent after one is owned */
    G_PREP = 1 << 9,      /* in, at, on, with, to ...: prepositions before a mention */
    G_FUTURE = 1 << 10,   /* will, shall, 'll, next, scheduled, tomorrow: dates resolve forward */
    G_WILL = 1 << 11,     /* will, shall, 'll, wo: a verb group after one is a future act */
    G_DUE = 1 << 12,      /* expected, due, set, poised, slated (BE _ to V): a future act */
    G_BETWEEN = 1 << 13,  /* between: "clashes between A and B", a nominal event of A and B */
    G_TOKEN = 0xffff,     /* the classes a token carries */
    G_ONLY = 1 << 30      /* interned only for a class: looked up as an unknown word */
};

typedef struct {
    const char *text; /* case-folded */
    uint32_t len;
    uint32_t flags;
    uint32_t cls;   /* G_* */
    wid verb_lemma; /* the dictionary verb this is a form of, or 0 */
    wid noun_lemma; /* the singular this is a plural of, or 0 */
    wid stem;       /* longest TABARI stem that prefixes it, or 0 */
} word_info;

/* ---- The dictionary ---------------------------------------------------- */

typedef struct {
    char code[16];
    int from, to; /* days since 0000-03-01 (date_days), inclusive; INT32_MIN/MAX open */
} dated_code;

enum { AE_ACTOR = 0, AE_ADJ, AE_PERSON, AE_AGENT, AE_DISCARD, AE_DOC_DISCARD };

typedef struct {
    uint8_t type;      /* AE_* */
    uint8_t is_prefix; /* agent code goes before the actor code (PETRARCH "GOV~") */
    uint8_t caps;      /* a `caps` phrase: matches only words written in capitals */
    uint16_t ncodes;
    const char *name;    /* display name */
    char country[4];     /* home country or "" */
    const char *fallback; /* person outside every role: this code (country) */
    dated_code *codes;   /* at least one for actors, agents: agent suffix in codes[0] */
    const char *file;
    int line;
} actor_entry;

/* One element of a verb pattern. */
enum { PE_WORD = 0, PE_TARGET, PE_SOURCE, PE_COMPOUND, PE_SKIP };
typedef struct {
    uint8_t kind;
    uint8_t adjacent;   /* must directly follow the previous element */
    uint8_t is_stem;    /* TABARI stem: compare token stems */
    uint16_t nalts;
    wid *alts;          /* PE_WORD: any of these */
} pattern_el;

typedef struct {
    wid verb;           /* lemma */
    char code[8];       /* "---" = no event */
    char code2[8];      /* PETRARCH "[a:b]": code for the reverse direction */
    uint16_t npre, npost;
    pattern_el *pre;    /* before the verb, nearest first */
    pattern_el *post;   /* after the verb, in order */
    uint16_t nwords;    /* specificity: literal words */
    uint16_t gap;       /* tokens a word may skip */
    uint8_t peer;       /* from a TABARI/PETRARCH file: their conventions (a
                           future act is coded as the act) */
    uint32_t order;     /* file order, for ties */
    const char *file;
    int line;
} pattern;

typedef struct {
    char code[8];
    double goldstein;
    int quad;
    const char *name;
} cameo_row;

typedef struct { uint64_t key; uint32_t val; } map_slot;
typedef struct {
    map_slot *slots;
    size_t cap, n; /* cap power of 2 */
} u64map; /* key 0 reserved */
HIDDEN int dyad__u64map_put(u64map *m, uint64_t key, uint32_t val);
HIDDEN uint32_t dyad__u64map_get(const u64map *m, uint64_t key); /* 0 = absent */
HIDDEN void dyad__u64map_free(u64map *m);

/* Phrase trie: node 0 is the root.  Edge (node, wid) -> child in a u64map. */
typedef struct {
    u64map edges;
    int32_t *payload;    /* per node: first payload cell + 1, 0 = none */
    size_t nnodes, cap;
    int32_t *cell_entry; /* per cell: entry index */
    int32_t *cell_next;  /* per cell: next cell + 1, 0 = end */
    size_t ncells, capcells;
} trie;
HIDDEN int dyad__trie_first(const trie *t, int node);
HIDDEN int dyad__trie_cell_entry(const trie *t, int cell);
HIDDEN int dyad__trie_cell_next(const trie *t, int cell);

/* Irregular forms (morph.c): pairs sorted by base, then form. */
typedef struct { const char *form, *base; } morph_pair;
typedef struct {
    morph_pair *v;
    size_t n, cap;
    char **bufs; size_t nbufs; /* the files' text the pairs point into */
} morph_table;

struct dyad_dict {
    /* words */
    word_info *words; /* index = wid; words[0] unused */
    size_t nwords, capwords;
    uint64_t *whash;  /* open addressing: (hash32 << 32) | wid */
    size_t whcap;
    char **textblocks; size_t ntextblocks; char *textcur; size_t textleft;
    size_t min_stem, nstems;
    /* actors, agents, discards */
    actor_entry *entries; size_t nentries, capentries;
    trie actors;  /* AE_ACTOR/ADJ/PERSON/DISCARD */
    trie agents;  /* AE_AGENT */
    size_t nphrases, nagent_phrases, npeople, nroles;
    /* verbs */
    pattern *pats; size_t npats, cappats;
    u64map verb_index; /* verb wid -> 1 + index into verb_lists */
    uint32_t **verb_lists; uint32_t *verb_nlist; size_t nverbs, capverbs;
    /* synsets (peer formats): name -> list of alternatives (phrases) */
    morph_table irregular[2]; /* 0 verbs, 1 nouns */
    /* cameo */
    cameo_row *cameo; size_t ncameo, capcameo;
    /* strings owned (file names, names) */
    char **strings; size_t nstrings, capstrings;
    /* messages */
    char errmsg[512];
    char **warnings; size_t nwarnings, capwarnings;
    int finished;
    double load_ms;
    int stem_matching; /* a TABARI dictionary is loaded */
    int in_grammar;    /* load_grammar is interning: G_ONLY stays */
    gazetteer *gaz;    /* generated/gazetteer.bin when there is one */
    uint16_t peer_gap;
};

HIDDEN wid dyad__dict_intern(dyad_dict *d, const char *s, size_t n); /* folds case */
HIDDEN wid dyad__dict_lookup(const dyad_dict *d, const char *folded, size_t n);
HIDDEN const char *dyad__dict_keep(dyad_dict *d, const char *s, size_t n); /* owned copy */
HIDDEN void dyad__dict_warn(dyad_dict *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
HIDDEN int dyad__dict_add_entry(dyad_dict *d, const actor_entry *e); /* returns index or <0 */
/* An entry of TYPE with one undated CODE (agents, adjectives, discards...):
 * returns its index, or <0 (nothing is kept). */
HIDDEN int dyad__dict_add_undated_entry(dyad_dict *d, int type, const char *code, const char *name,
                                  const char *country, int is_prefix, const char *file, int line);
/* Adds PHRASE (space/underscore separated words) to the trie of entry IDX.
 * plural: also its last word's plurals.  stems: words not ending in '_' are
 * TABARI stems. */
HIDDEN int dyad__dict_add_phrase(dyad_dict *d, trie *t, const char *phrase, size_t n,
                           int idx, int plural, int stems);
HIDDEN int dyad__dict_add_pattern(dyad_dict *d, const pattern *p);
HIDDEN void dyad__dict_add_verb_forms(dyad_dict *d, wid lemma, const char *base, size_t n);
HIDDEN void dyad__dict_add_noun_forms(dyad_dict *d, wid lemma, const char *base, size_t n);
HIDDEN int dyad__dict_add_cameo(dyad_dict *d, const char *code, double g, int quad, const char *name);
HIDDEN const cameo_row *dyad__dict_cameo(const dyad_dict *d, const char *code);
HIDDEN int dyad__load_peer(dyad_dict *d, dyad_dict_format f, dyad_file_kind k, const char *path);
HIDDEN int dyad__load_own(dyad_dict *d, const char *path);
HIDDEN int dyad__load_iso(dyad_dict *d, const char *path);
/* Irregular forms of BASE from table T (morph.c; the dictionary's
 * irregular[0] verbs, [1] nouns): up to CAP in FORMS (owned by T), *k of them. */
HIDDEN void dyad__morph_irregular(const morph_table *t, const char *base, size_t n, const char **forms,
                                  size_t cap, size_t *k);
/* Reads PATH's "verb|noun BASE FORM ..." lines into T.  0, DYAD_EIO, DYAD_EPARSE
 * or DYAD_ENOMEM (ERR says why). */
HIDDEN int dyad__morph_load(morph_table t[2], const char *path, char *err, size_t errcap);
HIDDEN void dyad__morph_free(morph_table t[2]);
HIDDEN int dyad__trie_child(const trie *t, int node, wid w);
HIDDEN int dyad__date_days(int y, int m, int d);
HIDDEN int dyad__days_in_month(int y, int m); /* M 1..12, Gregorian */
HIDDEN int dyad__parse_date_loose(const char *s, size_t n, int *days); /* YYYY-MM-DD, YYMMDD, YYYYMMDD */
HIDDEN char *dyad__read_file_all(const char *path, size_t *len);

/* ---- HTML (html.c) --------------------------------------------------------- */
HIDDEN int dyad__html_extract(const char *html, size_t n, char **text_out, size_t *text_len, char **title_out);

/* ---- Sentences and tokens ---------------------------------------------- */
typedef struct {
    size_t start, end; /* byte offsets in the document text */
} span;

/* Splits TEXT into sentences; returns count (spans in *out from arena). */
HIDDEN size_t dyad__sentences_split(arena *a, const char *text, size_t n, span **out);
/* The wire dateline opening TEXT ("ANKARA, July 24 (Dyad Wire)", without
 * its dash), which dyad__sentences_split leaves out; {0, 0} when none. */
HIDDEN span dyad__sentences_dateline(const char *text, size_t n);

enum { T_WORD = 0, T_NUM, T_PUNCT, T_CLAUSE, T_QUOTE, T_POSS };
typedef struct {
    uint32_t start, len; /* in the document text */
    uint8_t type;
    uint8_t cap;         /* starts with an upper-case letter */
    uint16_t cls;        /* G_* of the exact word (never a TABARI stem's) */
    wid w;               /* exact folded form, 0 unknown */
    const word_info *info; /* NULL when unknown */
} token;

/* Splits sentence S of TEXT into tokens (w = 0, info = NULL); returns count. */
HIDDEN size_t dyad__tokens_split(arena *a, const char *text, span s, token **out);
/* Looks the N tokens up in D (dict.c): sets w, info (TABARI stems too). */
HIDDEN void dyad__tokens_lookup(const dyad_dict *d, const char *text, token *v, size_t n);
/* Splits a dictionary phrase with the same rules; calls fn per word. */
HIDDEN size_t dyad__tokens_split_phrase(const char *s, size_t n, span *out, size_t cap);
/* Is token T (in TEXT) the word W, ignoring ASCII case?  W is lower case. */
HIDDEN int dyad__token_word_eq(const char *text, const token *t, const char *w);

/* ---- Places in a sentence (places.c) --------------------------------------- */
enum { PR_IN = 1, PR_BASED, PR_COAST, PR_OVER }; /* which rule found the name */
#define DYAD_MAX_PLACE_CANDIDATES 16
typedef struct {
    uint32_t from, to;      /* the name's tokens [from, to) ("London-based" is one) */
    uint32_t start, end;    /* the name's bytes in the text: "London" */
    uint32_t qualifier_to;  /* end of "Paris, Texas"'s qualifier, or TO when none */
    uint32_t qual_from;     /* start of "Lebanon's" in "Lebanon's Tripoli", or FROM */
    uint32_t adjective;     /* 1 + the token of "Lebanese" in "the Lebanese city of Tripoli", or 0 */
    uint8_t rule;           /* PR_* (dyad__place_rule_name) */
    uint8_t capital;        /* "Georgia's capital": the candidates are capitals */
    const char *qualifier;  /* what kept only some candidates: "comma", "in", "possessive", "adjective" */
    const char *direction;  /* "northern" in "in northern Syria", or NULL */
    uint16_t ncand;         /* candidates kept in cand, best first */
    uint32_t total;         /* places of that name in the gazetteer */
    const gaz_place *cand[DYAD_MAX_PLACE_CANDIDATES]; /* borrowed from the gazetteer */
} place_mention;
/* The place names in the N tokens V of TEXT (looked up: date words are not
 * names), up to CAP of them in OUT, in text order; returns how many. */
HIDDEN size_t dyad__places_find(const gazetteer *g, const char *text, const token *v, size_t n,
                                place_mention *out, size_t cap);
HIDDEN const char *dyad__place_rule_name(int rule); /* "in", "based", "coast", "over" */

/* ---- Dates ------------------------------------------------------------- */
typedef struct { int days; const char *precision; } event_date;
HIDDEN event_date dyad__dates_resolve(const char *doc_date, const char *text, const token *t,
                                size_t ntok, size_t from, size_t to);
HIDDEN void dyad__date_format(int days, char out[11]);

#endif
