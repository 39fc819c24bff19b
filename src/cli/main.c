/* main.c -- the `dyad` command: a thin front over include/dyad.h.
 *
 *   dyad code [options] [FILE...]     code documents to events (JSONL/TSV)
 *   dyad explain [options] "TEXT"     show why a sentence is coded as it is
 *   dyad dict lint|stats [options]    check or count the dictionaries
 *
 * Exit statuses (also in dyad --help and the man page):
 *   0 everything was read and coded; 1 some records or files were skipped
 *   (each named on stderr); 2 usage error; 3 dictionaries could not be
 *   loaded; 4 output could not be written; 5 out of memory. */
#include "dyad.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>
#include <time.h>
#include <sys/stat.h>

enum { EXIT_SKIPPED = 1, EXIT_USAGE = 2, EXIT_DICT = 3, EXIT_OUTPUT = 4, EXIT_NOMEM = 5 };

static const char *USAGE =
    "usage: dyad COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Political event coder: news text to CAMEO events.\n"
    "\n"
    "Commands:\n"
    "  code [FILE...]        code documents (JSON Lines; stdin when none or -)\n"
    "  explain \"SENTENCE\"    show tokens, actors, patterns and events for a text\n"
    "  dict lint             check the dictionaries (duplicates, conflicts, dead patterns)\n"
    "  dict stats            count the dictionaries and time their loading\n"
    "\n"
    "Options:\n"
    "  -h, --help            show help (also: dyad COMMAND --help)\n"
    "  --version             show the version\n"
    "\n"
    "Exit status: 0 all coded; 1 some records or files skipped (named on stderr);\n"
    "2 usage error; 3 dictionaries could not be loaded; 4 output error; 5 out of memory.\n"
    "See dyad(1) and docs/ for formats.\n";

static const char *DICT_HELP =
    "Dictionary options:\n"
    "  --dict-dir DIR        dyad's own dictionaries (default: $DYAD_DICT_DIR or the built-in path)\n"
    "  --dict-format F       format of the files below: dyad, petrarch or tabari (default dyad)\n"
    "  --verbs FILE          verb patterns\n"
    "  --actors FILE         actors (repeatable)\n"
    "  --agents FILE         agents\n"
    "  --discards FILE       discards (PETRARCH)\n"
    "  --options FILE        options (TABARI)\n"
    "  --no-default-dicts    do not load dyad's own actors, agents and verbs\n"
    "  --no-default-actors   ... only its actors\n"
    "  --no-default-agents   ... only its agents\n"
    "  --no-default-verbs    ... only its verbs\n"
    "Files given are added to dyad's own unless the matching --no-default-... is given.\n";

static const char *CODE_HELP =
    "usage: dyad code [OPTIONS] [FILE...]\n"
    "\n"
    "Codes documents into events, one JSON object (or TSV row) per event, in input order.\n"
    "Input: JSON Lines {\"id\",\"date\",\"title\",\"text\",\"source\",\"url\"} (only text is required;\n"
    "id defaults to FILE:LINE); zstd or gzip compressed files are read transparently.\n"
    "\n"
    "  --format F            json (default) or tsv output; jsonl (default), text or html input\n"
    "                        (text, html: each FILE is one document); may be repeated\n"
    "  --output-format F     json or tsv\n"
    "  --input-format F      jsonl, text or html\n"
    "  --date YYYY-MM-DD     date for documents without one (text input)\n"
    "  -o, --output FILE     write events to FILE (default stdout)\n"
    "  -q, --quiet           no warnings (repaired text, duplicate ids, limits)\n"
    "  --stats               print documents, sentences, events and time to stderr at the end\n"
    "  -j, --jobs N          coding threads (default: the number of cores)\n"
    "  --mpi                 under mpirun: split documents across ranks, rank 0 writes all in order\n"
    "  --mpi-split           under mpirun: each rank writes its share to FILE.rankN (-o FILE)\n"
    "\n";

typedef struct {
    const char *dict_dir;
    int format; /* 0 dyad 1 petrarch 2 tabari */
    const char *verbs, *agents, *discards, *options;
    const char *actors[64];
    int nactors;
    unsigned defaults;
} dict_opts;

static int take_dict_opt(dict_opts *o, int argc, char **argv, int *i) {
    const char *a = argv[*i];
#define NEEDARG()                                                      \
    do {                                                               \
        if (*i + 1 >= argc) {                                          \
            fprintf(stderr, "dyad: %s needs an argument\n", a);        \
            exit(EXIT_USAGE);                                          \
        }                                                              \
    } while (0)
    if (strcmp(a, "--dict-dir") == 0) { NEEDARG(); o->dict_dir = argv[++*i]; return 1; }
    if (strcmp(a, "--dict-format") == 0) {
        NEEDARG();
        const char *f = argv[++*i];
        if (strcmp(f, "petrarch") == 0) o->format = DYAD_DICT_PETRARCH;
        else if (strcmp(f, "tabari") == 0) o->format = DYAD_DICT_TABARI;
        else if (strcmp(f, "dyad") == 0) o->format = DYAD_DICT_DYAD;
        else { fprintf(stderr, "dyad: unknown --dict-format %s (dyad, petrarch, tabari)\n", f); exit(EXIT_USAGE); }
        return 1;
    }
    if (strcmp(a, "--verbs") == 0) { NEEDARG(); o->verbs = argv[++*i]; return 1; }
    if (strcmp(a, "--agents") == 0) { NEEDARG(); o->agents = argv[++*i]; return 1; }
    if (strcmp(a, "--discards") == 0) { NEEDARG(); o->discards = argv[++*i]; return 1; }
    if (strcmp(a, "--options") == 0) { NEEDARG(); o->options = argv[++*i]; return 1; }
    if (strcmp(a, "--actors") == 0) {
        NEEDARG();
        if (o->nactors == 64) { fprintf(stderr, "dyad: too many --actors (64)\n"); exit(EXIT_USAGE); }
        o->actors[o->nactors++] = argv[++*i];
        return 1;
    }
    if (strcmp(a, "--no-default-dicts") == 0) { o->defaults = 0; return 1; }
    if (strcmp(a, "--no-default-actors") == 0) { o->defaults &= ~(unsigned)DYAD_DEFAULT_ACTORS; return 1; }
    if (strcmp(a, "--no-default-agents") == 0) { o->defaults &= ~(unsigned)DYAD_DEFAULT_AGENTS; return 1; }
    if (strcmp(a, "--no-default-verbs") == 0) { o->defaults &= ~(unsigned)DYAD_DEFAULT_VERBS; return 1; }
#undef NEEDARG
    return 0;
}

struct dict_file { const char *path; dyad_file_kind kind; };

#define DICT_WARNINGS_SHOWN 10

static dyad_dict *load_dicts(const dict_opts *o, int quiet) {
    dyad_dict *d;
    if (dyad_dict_new(&d)) { fprintf(stderr, "dyad: out of memory\n"); exit(EXIT_NOMEM); }
    int rc = dyad_dict_load_defaults(d, o->dict_dir, o->defaults);
    if (rc) {
        fprintf(stderr, "dyad: %s\n", dyad_dict_errmsg(d));
        exit(EXIT_DICT);
    }
    struct dict_file files[70];
    int nf = 0;
    if (o->verbs) files[nf++] = (struct dict_file){o->verbs, DYAD_FILE_VERBS};
    for (int i = 0; i < o->nactors; i++) files[nf++] = (struct dict_file){o->actors[i], DYAD_FILE_ACTORS};
    if (o->agents) files[nf++] = (struct dict_file){o->agents, DYAD_FILE_AGENTS};
    if (o->discards) files[nf++] = (struct dict_file){o->discards, DYAD_FILE_DISCARDS};
    if (o->options) files[nf++] = (struct dict_file){o->options, DYAD_FILE_OPTIONS};
    for (int i = 0; i < nf; i++) {
        rc = dyad_dict_load_file(d, (dyad_dict_format)o->format,
                                 o->format == DYAD_DICT_DYAD ? DYAD_FILE_AUTO : files[i].kind, files[i].path);
        if (rc) {
            fprintf(stderr, "dyad: %s\n", dyad_dict_errmsg(d));
            exit(EXIT_DICT);
        }
    }
    if ((rc = dyad_dict_finish(d))) {
        fprintf(stderr, "dyad: %s\n", dyad_strerror(rc));
        exit(EXIT_DICT);
    }
    /* Dictionary warnings (lines skipped or repaired while loading): the first
     * DICT_WARNINGS_SHOWN in full, then a count; `dyad dict lint` lists all. */
    size_t nw = dyad_dict_warning_count(d);
    if (!quiet && nw) {
        size_t show = getenv("DYAD_DICT_WARNINGS") ? nw : nw < DICT_WARNINGS_SHOWN ? nw : DICT_WARNINGS_SHOWN;
        for (size_t i = 0; i < show; i++)
            fprintf(stderr, "dyad: warning: %s\n", dyad_dict_warning(d, i));
        if (show < nw)
            fprintf(stderr, "dyad: warning: %zu more dictionary warnings; `dyad dict lint` with the same dictionary options lists them all\n", nw - show);
    }
    return d;
}

/* ---- code: a batch of documents coded by a pool of threads ------------------
 * The reader fills a batch (bounded in documents and bytes), N workers code it
 * (each takes the next document), then the batch's output is written in input
 * order: -j 1 and -j N give byte-identical output, and memory is bounded by
 * the batch.  A database writer can later sit where the batch is written. */
#define BATCH_DOCS 512
#define BATCH_BYTES (16u << 20)

typedef struct {
    char *id, *date, *title, *source, *url, *text;
    size_t text_len;
    char *error;   /* a reader error to report in order, or NULL */
    char *out;     /* rendered events */
    size_t out_len;
    char *warnings; /* lines for stderr from coding */
    char *reader_warning; /* a line for stderr from reading */
    size_t sentences, events;
    int nomem;
} job;

typedef struct {
    const dyad_dict *d;
    dyad_output_format fmt;
    int quiet;
    job *jobs;
    size_t njobs;
    atomic_size_t next;
} batch;

/* Duplicate ids: a set of 64-bit hashes of the ids seen, with the line where
 * each was first seen.  It holds the first IDSET_MAX ids (48 MiB of slots); later ids
 * are checked against those but not remembered (said once), so memory stays
 * flat on any input. */
#define IDSET_MAX (1u << 20)
typedef struct { unsigned long long key; long line; int file; } idslot; /* key 0: empty */
typedef struct { idslot *v; size_t cap, n; int full; } idset;

static unsigned long long id_hash(const char *s) {
    unsigned long long h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ? h : 1;
}

/* Returns 1 and sets *LINE, *FILE to where ID was seen before, 0 if it is
 * new, -1 if it is new but the set is full (it is not remembered). */
static int idset_seen(idset *s, const char *id, long *line, int *file) {
    if (!s->full && s->n * 2 >= s->cap) {
        if (s->n >= IDSET_MAX) s->full = 1;
    }
    if (!s->full && s->n * 2 >= s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        idslot *v = calloc(cap, sizeof *v);
        if (!v) s->full = 1;
        else {
            for (size_t i = 0; i < s->cap; i++) {
                if (!s->v[i].key) continue;
                size_t j = (size_t)(s->v[i].key & (cap - 1));
                while (v[j].key) j = (j + 1) & (cap - 1);
                v[j] = s->v[i];
            }
            free(s->v);
            s->v = v;
            s->cap = cap;
        }
    }
    if (!s->cap) return -1;
    unsigned long long h = id_hash(id);
    size_t j = (size_t)(h & (s->cap - 1));
    while (s->v[j].key) {
        if (s->v[j].key == h) { *line = s->v[j].line; *file = s->v[j].file; return 1; }
        j = (j + 1) & (s->cap - 1);
    }
    if (s->full) return -1; /* the first IDSET_MAX ids are still checked */
    s->v[j] = (idslot){h, *line, *file};
    s->n++;
    return 0;
}

static char *dupn(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (p) { if (n) memcpy(p, s, n); p[n] = 0; }
    return p;
}

static void code_job(batch *b, job *j) {
    if (j->error) return;
    dyad_doc doc = {j->id, j->date, j->title, j->source, j->url, j->text, j->text_len};
    dyad_code_options copt = {0};
    dyad_result *res;
    if (dyad_code(b->d, &doc, &copt, &res) == DYAD_ENOMEM) { j->nomem = 1; dyad_result_free(res); return; }
    if (!b->quiet && dyad_result_warning_count(res)) {
        size_t total = 1;
        for (size_t w = 0; w < dyad_result_warning_count(res); w++) total += strlen(dyad_result_warning(res, w)) + 32;
        j->warnings = malloc(total);
        if (j->warnings) {
            j->warnings[0] = 0;
            for (size_t w = 0; w < dyad_result_warning_count(res); w++) {
                strcat(j->warnings, "dyad code: warning: ");
                strcat(j->warnings, dyad_result_warning(res, w));
                strcat(j->warnings, "\n");
            }
        }
    }
    j->sentences = dyad_result_sentences(res);
    j->events = dyad_result_count(res);
    if (dyad_result_render(res, b->fmt, &j->out, &j->out_len)) j->nomem = 1;
    dyad_result_free(res);
}

static void *worker(void *arg) {
    batch *b = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->njobs) break;
        code_job(b, &b->jobs[i]);
    }
    return NULL;
}

static void job_free(job *j) {
    free(j->id); free(j->date); free(j->title); free(j->source); free(j->url); free(j->text);
    free(j->error); free(j->out); free(j->warnings); free(j->reader_warning);
    memset(j, 0, sizeof *j);
}

/* The reading side of `dyad code`: files in order, one reader open at a time. */
typedef struct {
    const char **files;
    int nfiles, in_fmt, quiet;
    const char *date;
    int f, eof_all, ids_said;
    dyad_reader *r;
    idset ids;
    unsigned long long closed_bytes;
} feed;

/* Reads up to BATCH_DOCS documents or BATCH_BYTES of text into B (bad records
 * become jobs with an error, so they are reported in input order).  Returns 0,
 * or EXIT_NOMEM. */
static int fill_batch(feed *fd, batch *b) {
    size_t batch_bytes = 0;
    b->njobs = 0;
    while (!fd->eof_all && b->njobs < BATCH_DOCS && batch_bytes < BATCH_BYTES) {
        if (!fd->r) {
            if (fd->f >= fd->nfiles) { fd->eof_all = 1; break; }
            int rc = dyad_reader_open(fd->files[fd->f], (dyad_input_format)fd->in_fmt, &fd->r);
            fd->f++;
            if (rc) {
                job *j = &b->jobs[b->njobs++];
                j->error = dupn(dyad_reader_errmsg(fd->r), strlen(dyad_reader_errmsg(fd->r)));
                dyad_reader_close(fd->r);
                fd->r = NULL;
                continue;
            }
            if (fd->date) dyad_reader_set_default_date(fd->r, fd->date);
        }
        dyad_reader *r = fd->r;
        dyad_doc doc;
        int rc = dyad_reader_next(r, &doc);
        if (rc == 0) { fd->closed_bytes += dyad_reader_offset(r); dyad_reader_close(r); fd->r = NULL; continue; }
        job *j = &b->jobs[b->njobs++];
        if (rc < 0) {
            if (rc == DYAD_ENOMEM) { fprintf(stderr, "dyad code: out of memory\n"); return EXIT_NOMEM; }
            j->error = dupn(dyad_reader_errmsg(r), strlen(dyad_reader_errmsg(r)));
            if (rc == DYAD_EIO) { dyad_reader_close(r); fd->r = NULL; }
            continue;
        }
        char w[2200];
        size_t wn = 0;
        char where[700];
        long ln = dyad_reader_line(r);
        if (ln) snprintf(where, sizeof where, "%s:%ld", dyad_reader_name(r), ln);
        else snprintf(where, sizeof where, "%s", dyad_reader_name(r));
        if (!fd->quiet && dyad_reader_repairs(r))
            wn += (size_t)snprintf(w + wn, sizeof w - wn, "dyad code: warning: %s: document \"%.500s\": %zu invalid UTF-8 sequences replaced with U+FFFD\n",
                                   where, doc.id, dyad_reader_repairs(r));
        long first_line = ln;
        int first_file = fd->f - 1;
        int seen = fd->quiet ? 0 : idset_seen(&fd->ids, doc.id, &first_line, &first_file);
        if (seen > 0 && wn < sizeof w) {
            if (first_line)
                wn += (size_t)snprintf(w + wn, sizeof w - wn, "dyad code: warning: %s: duplicate id \"%.300s\" (first at %.300s:%ld); coded again\n",
                                       where, doc.id, fd->files[first_file], first_line);
            else
                wn += (size_t)snprintf(w + wn, sizeof w - wn, "dyad code: warning: %s: duplicate id \"%.300s\" (first in %.300s); coded again\n",
                                       where, doc.id, fd->files[first_file]);
        } else if (seen < 0 && !fd->ids_said && wn < sizeof w) {
            fd->ids_said = 1;
            wn += (size_t)snprintf(w + wn, sizeof w - wn, "dyad code: note: %s: more than %u ids (IDSET_MAX); later ids are checked against the first %u only\n", where, IDSET_MAX, IDSET_MAX);
        }
        if (wn) j->reader_warning = dupn(w, wn < sizeof w ? wn : sizeof w - 1);
        j->id = dupn(doc.id, strlen(doc.id));
        j->date = doc.date ? dupn(doc.date, strlen(doc.date)) : NULL;
        j->title = doc.title ? dupn(doc.title, strlen(doc.title)) : NULL;
        j->source = doc.source ? dupn(doc.source, strlen(doc.source)) : NULL;
        j->url = doc.url ? dupn(doc.url, strlen(doc.url)) : NULL;
        j->text = dupn(doc.text, doc.text_len);
        j->text_len = doc.text_len;
        if (!j->id || !j->text) { fprintf(stderr, "dyad code: out of memory\n"); return EXIT_NOMEM; }
        /* every copied field counts: a 1 MiB url is held here, in the
         * result and in the rendered events */
        batch_bytes += doc.text_len + strlen(doc.id) + (doc.title ? strlen(doc.title) : 0) +
                       (doc.source ? strlen(doc.source) : 0) + 3 * (doc.url ? strlen(doc.url) : 0);
    }
    return 0;
}

/* A pool of N coding threads that live for the whole run: pool_start hands
 * them a batch and returns at once; pool_wait returns when it is coded.  (A
 * database writer can sit behind pool_wait the way the output writer does.) */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    batch *cur;
    unsigned long gen;
    int active, quit, started;
    pthread_t tid[64];
} pool;

static void *pool_thread(void *arg) {
    pool *p = arg;
    unsigned long seen = 0;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->quit && p->gen == seen) pthread_cond_wait(&p->work, &p->mu);
        if (p->quit) { pthread_mutex_unlock(&p->mu); break; }
        seen = p->gen;
        batch *b = p->cur;
        pthread_mutex_unlock(&p->mu);
        worker(b);
        pthread_mutex_lock(&p->mu);
        if (--p->active == 0) pthread_cond_signal(&p->done);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

static int pool_init(pool *p, int n) {
    memset(p, 0, sizeof *p);
    if (n > 64) n = 64;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    for (int t = 0; t < n; t++)
        if (pthread_create(&p->tid[p->started], NULL, pool_thread, p) == 0) p->started++;
    if (p->started) return 0;
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    return -1;
}

static void pool_start(pool *p, batch *b) {
    atomic_store(&b->next, 0);
    pthread_mutex_lock(&p->mu);
    p->cur = b;
    p->active = p->started;
    p->gen++;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
}

static void pool_wait(pool *p) {
    /* the reader is done with the next batch: help code this one */
    if (p->cur) worker(p->cur);
    pthread_mutex_lock(&p->mu);
    while (p->active) pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

static void pool_free(pool *p) {
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int t = 0; t < p->started; t++) pthread_join(p->tid[t], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
}

static int default_threads(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* ---- output buffers and MPI ---------------------------------------------------- */
typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} buf;

static void buf_put_(buf *b, const char *s, size_t n) {
    if (b->oom || !n) return;
    if (b->cap - b->n < n) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->n < n) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->oom = 1; return; }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void buf_printf_(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf_(buf *b, const char *fmt, ...) {
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k > 0) buf_put_(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

/* MPI (dyad code --mpi): every rank reads the same input and cuts it into the
 * same batches; batch k is coded by rank k mod N; rank 0 receives and writes
 * them in input order (or each rank writes its own file with --mpi-split). */
typedef struct { int on, split, rank, size; } mpi_state;
static mpi_state mpi;

#ifdef DYAD_MPI
#include <mpi.h>
#define MPI_CHUNK (1 << 30)
static void mpi_send_bytes(const char *p, size_t n, int tag) {
    for (size_t off = 0; off < n; off += MPI_CHUNK) {
        size_t k = n - off < MPI_CHUNK ? n - off : MPI_CHUNK;
        MPI_Send(p + off, (int)k, MPI_CHAR, 0, tag, MPI_COMM_WORLD);
    }
}
static void mpi_recv_bytes(buf *b, size_t n, int from, int tag) {
    b->p = malloc(n ? n : 1);
    b->cap = n ? n : 1;
    if (!b->p) { fprintf(stderr, "dyad code: out of memory\n"); MPI_Abort(MPI_COMM_WORLD, EXIT_NOMEM); }
    for (size_t off = 0; off < n; off += MPI_CHUNK) {
        size_t k = n - off < MPI_CHUNK ? n - off : MPI_CHUNK;
        MPI_Recv(b->p + off, (int)k, MPI_CHAR, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    b->n = n;
}
static void mpi_send_batch(buf *bo, buf *be, unsigned long long cnt[4], unsigned long long no) {
    int tag = (int)(no % 32000);
    unsigned long long hdr[6] = {bo->n, be->n, cnt[0], cnt[1], cnt[2], cnt[3]};
    MPI_Send(hdr, 6, MPI_UNSIGNED_LONG_LONG, 0, tag, MPI_COMM_WORLD);
    mpi_send_bytes(bo->p, bo->n, tag);
    mpi_send_bytes(be->p, be->n, tag);
}
static void mpi_recv_batch(buf *bo, buf *be, unsigned long long cnt[4], int from, unsigned long long no) {
    int tag = (int)(no % 32000);
    unsigned long long hdr[6];
    MPI_Recv(hdr, 6, MPI_UNSIGNED_LONG_LONG, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    mpi_recv_bytes(bo, (size_t)hdr[0], from, tag);
    mpi_recv_bytes(be, (size_t)hdr[1], from, tag);
    for (int i = 0; i < 4; i++) cnt[i] = hdr[2 + i];
}
#else
static void mpi_send_batch(buf *bo, buf *be, unsigned long long cnt[4], unsigned long long no) {
    (void)bo; (void)be; (void)cnt; (void)no;
    abort(); /* unreachable: --mpi is refused without MPI */
}
static void mpi_recv_batch(buf *bo, buf *be, unsigned long long cnt[4], int from, unsigned long long no) {
    (void)bo; (void)be; (void)cnt; (void)from; (void)no;
    abort();
}
#endif

/* ---- progress on a terminal ------------------------------------------------ */
typedef struct {
    int on;
    double start, last;
    unsigned long long total_bytes, done_bytes; /* 0 total: unknown (stdin) */
} progress;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fmt_secs(double s, char *out, size_t cap) {
    unsigned long t = (unsigned long)(s + 0.5);
    if (t >= 3600) snprintf(out, cap, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else snprintf(out, cap, "%lu:%02lu", t / 60, t % 60);
}

/* At most 4 updates a second, on stderr, only on a terminal. */
static void progress_show(progress *p, unsigned long long docs, unsigned long long sentences,
                          unsigned long long events, unsigned long long bytes_now, int final) {
    if (!p->on) return;
    double t = now_s();
    if (!final && t - p->last < 0.25) return;
    p->last = t;
    double el = t - p->start;
    char e[32], eta[48] = "";
    fmt_secs(el, e, sizeof e);
    if (p->total_bytes && bytes_now && bytes_now < p->total_bytes && el > 0.5) {
        char r[32];
        fmt_secs(el * (double)(p->total_bytes - bytes_now) / (double)bytes_now, r, sizeof r);
        snprintf(eta, sizeof eta, ", ETA %s", r);
    }
    fprintf(stderr, "\rdyad: %llu documents, %.0f sentences/s, %llu events, %s elapsed%s\033[K",
            docs, el > 0 ? (double)sentences / el : 0.0, events, e, eta);
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

/* ---- code ---------------------------------------------------------------- */
static int cmd_code(int argc, char **argv) {
    dict_opts o = {0};
    o.defaults = DYAD_DEFAULT_ALL;
    int out_fmt = DYAD_OUT_JSON, in_fmt = DYAD_IN_JSONL, quiet = 0, stats = 0;
    unsigned long long ndocs = 0, nsent = 0, nev = 0;
    int threads = default_threads();
    const char *date = NULL, *outpath = NULL;
    const char *files[4096];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (take_dict_opt(&o, argc, argv, &i)) continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(CODE_HELP, stdout); fputs(DICT_HELP, stdout); return 0; }
        if ((strcmp(a, "--format") == 0 || strcmp(a, "--output-format") == 0 || strcmp(a, "--input-format") == 0) && i + 1 < argc) {
            const char *f = argv[++i];
            if (strcmp(f, "json") == 0 || strcmp(f, "jsonl") == 0) {
                if (strcmp(a, "--input-format") == 0 || (strcmp(f, "jsonl") == 0 && strcmp(a, "--output-format") != 0)) in_fmt = DYAD_IN_JSONL;
                else out_fmt = DYAD_OUT_JSON;
            } else if (strcmp(f, "tsv") == 0 && strcmp(a, "--input-format") != 0) out_fmt = DYAD_OUT_TSV;
            else if (strcmp(f, "text") == 0 && strcmp(a, "--output-format") != 0) in_fmt = DYAD_IN_TEXT;
            else if (strcmp(f, "html") == 0 && strcmp(a, "--output-format") != 0) in_fmt = DYAD_IN_HTML;
            else { fprintf(stderr, "dyad code: unknown %s %s\n", a, f); return EXIT_USAGE; }
            continue;
        }
        if (strcmp(a, "--date") == 0 && i + 1 < argc) {
            date = argv[++i];
            if (dyad_date_parse(date, NULL, NULL, NULL)) { fprintf(stderr, "dyad code: --date %s is not a real YYYY-MM-DD day\n", date); return EXIT_USAGE; }
            continue;
        }
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) { outpath = argv[++i]; continue; }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) { quiet = 1; continue; }
        if (strcmp(a, "--stats") == 0) { stats = 1; continue; }
        if (strcmp(a, "--mpi") == 0 || strcmp(a, "--mpi-split") == 0) {
#ifdef DYAD_MPI
            mpi.on = 1;
            if (a[5]) mpi.split = 1;
            continue;
#else
            fprintf(stderr, "dyad code: %s: this dyad was built without Open MPI (install libopenmpi-dev and rebuild)\n", a);
            return EXIT_USAGE;
#endif
        }
        if ((strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1 || v > 256) { fprintf(stderr, "dyad code: -j wants 1..256\n"); return EXIT_USAGE; }
            threads = (int)v;
            continue;
        }
        if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad code: unknown option %s (see dyad code --help)\n", a); return EXIT_USAGE; }
        if (nfiles == 4096) { fprintf(stderr, "dyad code: too many files\n"); return EXIT_USAGE; }
        files[nfiles++] = a;
    }
    if (nfiles == 0) files[nfiles++] = "-";
#ifdef DYAD_MPI
    if (mpi.on) {
        MPI_Init(NULL, NULL);
        MPI_Comm_rank(MPI_COMM_WORLD, &mpi.rank);
        MPI_Comm_size(MPI_COMM_WORLD, &mpi.size);
        if (mpi.split && !outpath) {
            if (mpi.rank == 0) fprintf(stderr, "dyad code: --mpi-split needs -o FILE (each rank writes FILE.rankN)\n");
            MPI_Finalize();
            return EXIT_USAGE;
        }
        if (mpi.rank != 0) quiet = quiet || !mpi.split;
    }
#endif
    dyad_dict *d = load_dicts(&o, quiet);
    FILE *out = stdout;
    char rankpath[4200];
    if (mpi.on && mpi.split) {
        snprintf(rankpath, sizeof rankpath, "%s.rank%d", outpath, mpi.rank);
        outpath = rankpath;
    } else if (mpi.on && mpi.rank != 0) {
        outpath = "/dev/null";
    }
    if (outpath && !(out = fopen(outpath, "wb"))) {
        fprintf(stderr, "dyad code: %s: %s\n", outpath, strerror(errno));
        dyad_dict_free(d);
        return EXIT_OUTPUT;
    }
    if (out_fmt == DYAD_OUT_TSV) fputs(dyad_tsv_header(), out);
    int status = 0;
    batch bts[2];
    memset(bts, 0, sizeof bts);
    for (int k = 0; k < 2; k++) {
        bts[k].d = d;
        bts[k].fmt = (dyad_output_format)out_fmt;
        bts[k].quiet = quiet;
        bts[k].jobs = calloc(BATCH_DOCS, sizeof *bts[k].jobs);
        if (!bts[k].jobs) { fprintf(stderr, "dyad code: out of memory\n"); return EXIT_NOMEM; }
    }
    feed fd = {0};
    fd.files = files;
    fd.nfiles = nfiles;
    fd.in_fmt = in_fmt;
    fd.date = date;
    fd.quiet = quiet;
    progress prog = {0};
    prog.on = !quiet && isatty(2) && mpi.rank == 0;
    prog.start = prog.last = now_s();
    for (int k = 0; k < nfiles; k++) {
        struct stat st;
        if (strcmp(files[k], "-") == 0 || stat(files[k], &st) || !S_ISREG(st.st_mode)) { prog.total_bytes = 0; break; }
        prog.total_bytes += (unsigned long long)st.st_size;
    }
    /* Two batches in flight: while the pool codes one, this thread reads the
     * next (reading and JSON parsing are serial, so this is what lets -j N
     * scale).  With -j 1 this thread codes each batch itself. */
    pool pl;
    int use_pool = threads > 1 && pool_init(&pl, threads) == 0;
    unsigned long long nbatches = 0;
    int cur = 0;
    if (fill_batch(&fd, &bts[cur])) return EXIT_NOMEM;
    while (bts[cur].njobs) {
        batch *b = &bts[cur];
        unsigned long long batch_no = nbatches++;
        int owner = mpi.on ? (int)(batch_no % (unsigned long long)mpi.size) : 0;
        int mine = !mpi.on || owner == mpi.rank;
        if (mine && use_pool) pool_start(&pl, b);
        else if (mine) { atomic_store(&b->next, 0); worker(b); }
        batch *nb = &bts[!cur];
        if (fill_batch(&fd, nb)) return EXIT_NOMEM;
        if (mine && use_pool) pool_wait(&pl);
        buf bo = {0}, be = {0};
        unsigned long long cnt[4] = {0, 0, 0, 0}; /* docs, sentences, events, status */
        if (mine) {
            for (size_t k = 0; k < b->njobs; k++) {
                job *j = &b->jobs[k];
                if (j->error) { buf_printf_(&be, "dyad code: %s\n", j->error); cnt[3] = EXIT_SKIPPED; continue; }
                if (j->nomem) { fprintf(stderr, "dyad code: %s: out of memory\n", j->id); return EXIT_NOMEM; }
                if (j->reader_warning) buf_put_(&be, j->reader_warning, strlen(j->reader_warning));
                if (j->warnings) buf_put_(&be, j->warnings, strlen(j->warnings));
                cnt[0]++;
                cnt[1] += j->sentences;
                cnt[2] += j->events;
                buf_put_(&bo, j->out, j->out_len);
            }
        }
        for (size_t k = 0; k < b->njobs; k++) job_free(&b->jobs[k]);
        b->njobs = 0;
        if (bo.oom || be.oom) { fprintf(stderr, "dyad code: out of memory\n"); return EXIT_NOMEM; }
        if (mine && mpi.on && !mpi.split && mpi.rank != 0) {
            mpi_send_batch(&bo, &be, cnt, batch_no);
        } else if (mpi.on && !mpi.split && mpi.rank == 0 && owner != 0) {
            mpi_recv_batch(&bo, &be, cnt, owner, batch_no);
        }
        if (mine || (mpi.on && !mpi.split && mpi.rank == 0)) {
            if (be.n) fwrite(be.p, 1, be.n, stderr);
            if (bo.n && fwrite(bo.p, 1, bo.n, out) != bo.n) {
                fprintf(stderr, "dyad code: write error: %s\n", strerror(errno));
                return EXIT_OUTPUT;
            }
            ndocs += cnt[0];
            nsent += cnt[1];
            nev += cnt[2];
            if (cnt[3] > (unsigned long long)status) status = (int)cnt[3];
        }
        free(bo.p);
        free(be.p);
        progress_show(&prog, ndocs, nsent, nev, fd.closed_bytes + (fd.r ? dyad_reader_offset(fd.r) : 0), 0);
        cur = !cur;
    }
    if (use_pool) pool_free(&pl);
    free(fd.ids.v);
    progress_show(&prog, ndocs, nsent, nev, 0, 1);
    free(bts[0].jobs);
    free(bts[1].jobs);
    if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
        fprintf(stderr, "dyad code: write error: %s\n", strerror(errno));
        status = EXIT_OUTPUT;
    }
    if (stats && (!mpi.on || mpi.rank == 0 || mpi.split))
        fprintf(stderr, "dyad code: %llu documents, %llu sentences, %llu events\n", ndocs, nsent, nev);
    dyad_dict_free(d);
#ifdef DYAD_MPI
    if (mpi.on) {
        int all = status;
        MPI_Allreduce(&status, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        MPI_Finalize();
        status = all;
    }
#endif
    return status;
}

/* ---- explain --------------------------------------------------------------- */
static void print_line(void *user, const char *line) { fprintf((FILE *)user, "%s\n", line); }

static int cmd_explain(int argc, char **argv) {
    dict_opts o = {0};
    o.defaults = DYAD_DEFAULT_ALL;
    const char *date = NULL;
    const char *text = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (take_dict_opt(&o, argc, argv, &i)) continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs("usage: dyad explain [--date YYYY-MM-DD] [dictionary options] \"TEXT\"\n\n"
                  "Prints the sentences, tokens (with lemmas), every actor and agent found (with its\n"
                  "dictionary file and line), the pattern each verb matched (file and line), and the\n"
                  "events produced.\n\n", stdout);
            fputs(DICT_HELP, stdout);
            return 0;
        }
        if (strcmp(a, "--date") == 0 && i + 1 < argc) { date = argv[++i]; continue; }
        if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad explain: unknown option %s\n", a); return EXIT_USAGE; }
        text = a;
    }
    if (!text) { fprintf(stderr, "dyad explain: give the text to explain\n"); return EXIT_USAGE; }
    if (date && dyad_date_parse(date, NULL, NULL, NULL)) { fprintf(stderr, "dyad explain: bad --date %s\n", date); return EXIT_USAGE; }
    dyad_dict *d = load_dicts(&o, 0);
    dyad_doc doc = {"explain", date, NULL, NULL, NULL, text, strlen(text)};
    dyad_code_options copt = {print_line, stdout, 0};
    dyad_result *res;
    int rc = dyad_code(d, &doc, &copt, &res);
    if (rc) { fprintf(stderr, "dyad explain: %s\n", dyad_strerror(rc)); dyad_result_free(res); dyad_dict_free(d); return EXIT_NOMEM; }
    printf("events: %zu\n", dyad_result_count(res));
    char *out;
    size_t len;
    if (dyad_result_render(res, DYAD_OUT_JSON, &out, &len) == 0 && len) fwrite(out, 1, len, stdout);
    free(out);
    dyad_result_free(res);
    dyad_dict_free(d);
    return 0;
}

/* ---- dict -------------------------------------------------------------------- */
static void lint_line(void *user, const char *file, int line, const char *msg) {
    (void)user;
    if (file) printf("%s:%d: %s\n", file, line, msg);
    else printf("%s\n", msg);
}

static int cmd_dict(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs("usage: dyad dict lint|stats [dictionary options]\n\n"
              "lint: duplicates, conflicts, unknown codes, patterns that can never match, bad lines,\n"
              "      overlapping terms in office; exit 1 when there are problems.\n"
              "stats: entries, phrases, patterns, CAMEO roots covered, load time.\n\n", stdout);
        fputs(DICT_HELP, stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *sub = argv[1];
    dict_opts o = {0};
    o.defaults = DYAD_DEFAULT_ALL;
    for (int i = 2; i < argc; i++) {
        if (take_dict_opt(&o, argc, argv, &i)) continue;
        fprintf(stderr, "dyad dict: unknown option %s\n", argv[i]);
        return EXIT_USAGE;
    }
    if (strcmp(sub, "lint") == 0) {
        dyad_dict *d = load_dicts(&o, 1);
        size_t n = dyad_dict_lint(d, lint_line, NULL);
        printf("%zu problem%s\n", n, n == 1 ? "" : "s");
        dyad_dict_free(d);
        return n ? 1 : 0;
    }
    if (strcmp(sub, "stats") == 0) {
        dyad_dict *d = load_dicts(&o, 1);
        dyad_dict_stats s;
        dyad_dict_get_stats(d, &s);
        printf("actors          %zu\n", s.actors);
        printf("actor phrases   %zu\n", s.actor_phrases);
        printf("people          %zu\n", s.people);
        printf("dated roles     %zu\n", s.roles);
        printf("agent phrases   %zu\n", s.agents);
        printf("verbs           %zu\n", s.verbs);
        printf("patterns        %zu\n", s.patterns);
        printf("cameo codes     %zu\n", s.codes);
        printf("roots covered   %zu/20\n", s.roots_covered);
        printf("words           %zu\n", s.words);
        printf("warnings        %zu\n", dyad_dict_warning_count(d));
        printf("load ms         %.1f\n", s.load_ms);
        printf("places          %zu\n", s.places);
        printf("place names     %zu\n", s.place_names);
        if (s.places_source) printf("places from     %s\n", s.places_source);
        dyad_dict_free(d);
        return 0;
    }
    fprintf(stderr, "dyad dict: unknown subcommand %s (lint, stats)\n", sub);
    return EXIT_USAGE;
}

int main(int argc, char **argv) {
    if (argc < 2) { fputs(USAGE, stderr); return EXIT_USAGE; }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) { fputs(USAGE, stdout); return 0; }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
#if defined(__SANITIZE_ADDRESS__)
        printf("dyad %s (built with sanitizers)\n", dyad_version());
#else
        printf("dyad %s\n", dyad_version());
#endif
        return 0;
    }
    if (strcmp(cmd, "code") == 0) return cmd_code(argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0) return cmd_explain(argc - 1, argv + 1);
    if (strcmp(cmd, "dict") == 0) return cmd_dict(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command %s\n%s", cmd, USAGE);
    return EXIT_USAGE;
}
