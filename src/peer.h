/* peer.h -- what the readers of the peers' dictionaries (TABARI, PETRARCH-1
 * and PETRARCH-2) share; private to src/peer_*.c and dict_peer.c.  The
 * formats and how dyad reads each construct: docs/peer-dictionaries.md.
 *
 * The files, lowest first (each calls only the ones above it, and dict.c):
 *   peer_lines.c     a file's cleaned lines, warnings, section tags, [...]
 *                    groups, options files
 *   peer_actors.c    actors, agents, discards
 *   peer_patterns.c  dictionary words, synsets, pattern text expanded into
 *                    flat patterns
 *   peer_verbs.c     verb lines and blocks into dyad's patterns
 *   dict_peer.c      the entry point, dyad__load_peer (internal.h) */
#ifndef DYAD_PEER_H
#define DYAD_PEER_H

#include "internal.h"

#define PEER_MAX_WARNINGS 200  /* per file; the rest are counted in one line */
#define PEER_MAX_EXPANSIONS 256 /* patterns one pattern line may expand into */
#define PEER_MAX_SYN_DEPTH 24   /* substitutions along one expansion path */
#define PEER_MAX_WORK 20000     /* expansion steps for one pattern line */
#define PEER_MAX_PIECES 8       /* tokens one dictionary word may split into */

/* Internal result: the line was skipped (and warned about); DYAD_* errors are < 0. */
enum { SKIP = 1 };

/* Word markers: '_' after a word (no stem), '=' (TABARI: this form only, no
 * endings either), '~' (TABARI: a stem even before '_'). */
enum { MK_EXACT = 1, MK_BARE = 2, MK_TILDE = 4 };

/* ---- A file's cleaned lines (peer_lines.c) ------------------------------------ */
typedef struct {
    dyad_dict *d;
    const char *file; /* owned by the dictionary */
    int tabari;
    char *text;       /* the lines, each NUL-terminated */
    size_t *off;
    int *lno;
    size_t nlines;
    size_t nwarn, nquiet;
    size_t nclamped; /* dates with a day past the month's end */
    int clamp_line;
    size_t ncentury; /* YYMMDD ranges whose start was put a century earlier */
    int century_line;
    size_t ndup;     /* phrases listed again in the file: the first kept */
    int dup_line;
} peer;

#define LINE(p, i) ((p)->text + (p)->off[i])
#define LNO(p, i) ((p)->lno[i])

static inline char peer_upper(char c) { return (char)(c >= 'a' && c <= 'z' ? c - 32 : c); }

/* Reads PATH into P's cleaned lines (OPTIONS: an options file, `//` comments). */
HIDDEN int dyad__peer_read(peer *p, const char *path, int options);
/* A warning about LINE of P's file; past PEER_MAX_WARNINGS only counted. */
HIDDEN void dyad__peer_warn(peer *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
HIDDEN char *dyad__peer_trim(char *s);
HIDDEN int dyad__peer_starts_ci(const char *s, const char *pfx);
HIDDEN char *dyad__peer_dup(const char *s, size_t n); /* NUL-terminated copy; NULL on OOM */
HIDDEN int dyad__peer_section_tag(const char *s);
HIDDEN const char *dyad__peer_next_group(const char *s, const char **c, size_t *cn, int *repaired);
HIDDEN int dyad__peer_copy_code(char *out, size_t cap, const char *s, size_t n, int *cut);
HIDDEN int dyad__peer_load_options(peer *p);

/* ---- Actors, agents, discards (peer_actors.c) -------------------------------- */
HIDDEN int dyad__peer_load_actors(peer *p);
HIDDEN int dyad__peer_load_agents(peer *p);
HIDDEN int dyad__peer_load_discards(peer *p);

/* ---- Words and flat patterns (peer_patterns.c) ------------------------------- */
enum { FA_WORD = 0, FA_TARGET, FA_SOURCE, FA_COMPOUND, FA_SKIP, FA_VERB };

typedef struct {
    uint8_t kind;
    uint8_t adj;  /* joined to the element on its left by '_' */
    uint8_t stem;
    uint16_t nalts;
    wid *alts;
} fatom;

typedef struct {
    fatom *a;
    size_t n, cap;
} fvec;

typedef struct {
    fvec v;
    size_t verb; /* index of the '*' atom */
} fpat;

typedef struct {
    fpat *v;
    size_t n, cap;
    size_t work; /* expansion steps so far (self-referring synsets) */
    int truncated;
} fplist;

typedef struct {
    char *name;  /* upper case, without '&' and a trailing '_' */
    char **mem;
    size_t nmem, cap;
} synset;

typedef struct {
    synset *v;
    size_t n, cap;
} synsets;

HIDDEN int dyad__peer_mark_stem(dyad_dict *d, wid w);
HIDDEN size_t dyad__peer_intern_word(peer *p, const char *s, size_t n, int marks, wid *out, int *stem);
HIDDEN size_t dyad__peer_strip_marks(const char *s, size_t n, int *marks);
HIDDEN void dyad__peer_fvec_free(fvec *v);
HIDDEN fatom *dyad__peer_fvec_push(fvec *v);
HIDDEN int dyad__peer_fatom_word(fatom *a, const wid *w, size_t n, uint8_t adj, int stem);
HIDDEN void dyad__peer_fplist_free(fplist *l);
/* Every "&NAME" of P's file and its "+member" lines, into S. */
HIDDEN int dyad__peer_synsets_collect(peer *p, synsets *S);
HIDDEN void dyad__peer_synsets_free(synsets *S);
/* Pattern text S (of LINE) with its {|} groups and &synsets expanded: flat
 * patterns appended to OUT.  0, SKIP (warned) or DYAD_ENOMEM. */
HIDDEN int dyad__peer_expand(peer *p, const synsets *syn, const char *s, int line, fplist *out);

/* ---- Verbs (peer_verbs.c) ---------------------------------------------------- */
HIDDEN int dyad__peer_load_verbs(peer *p);

#endif
