/* pipeline.c -- stage 8: many documents through a pool of coders, in order.
 *
 * The calling thread reads a batch (bounded in documents and bytes), N
 * threads code it (each takes the next document, each with its own
 * dyad_coder), then the batch's records go to the sink in input order: any
 * number of threads gives the same records, and memory is bounded by two
 * batches.  While the pool codes one batch the calling thread reads the next
 * (reading and JSON parsing are serial, so this is what lets N threads
 * scale), then helps code.  With one thread the calling thread codes each
 * batch itself.
 *
 * The library never prints: reader errors, duplicate ids and repairs are
 * fields of the records, and the caller words them. */
#include "dyad.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <pthread.h>
#include <stdatomic.h>

#define BATCH_DOCS 512
#define BATCH_BYTES (16u << 20)

typedef struct {
    dyad_record rec;
    dyad_doc doc;    /* the copied fields rec.doc points to */
    int rc;          /* coding or work callback error */
} job;

typedef struct {
    job *jobs;
    size_t njobs;
    atomic_size_t next;
} batch;

/* Duplicate ids: a set of 64-bit hashes of the ids seen, with the line where
 * each was first seen.  It holds the first DYAD_MAX_IDS ids (48 MiB of
 * slots); later ids are checked against those but not remembered (said once),
 * so memory stays flat on any input. */
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
        if (s->n >= DYAD_MAX_IDS) s->full = 1;
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
    if (s->full) return -1; /* the first DYAD_MAX_IDS ids are still checked */
    s->v[j] = (idslot){h, *line, *file};
    s->n++;
    return 0;
}

/* A pool of N coding threads that live for the whole run: pool_start hands
 * them a batch and returns at once; pool_wait returns when it is coded. */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    batch *cur;
    unsigned long gen;
    int active, quit, started;
    pthread_t tid[DYAD_MAX_THREADS];
    struct dyad_pipeline *pl;
} pool;

struct dyad_pipeline {
    const dyad_dict *d;
    dyad_pipeline_options opt;
    char *date;
    char **files, **names; /* as given; the reader's name for messages */
    int nfiles, fcap;
    void *user;
    int ran;
    /* reading */
    int f, eof_all, ids_said;
    dyad_reader *r;
    idset ids;
    unsigned long long closed_bytes;
    /* coding: coders[t] for pool thread t, coders[threads] for this thread */
    dyad_coder *coders[DYAD_MAX_THREADS + 1];
    atomic_int next_coder;
    char errmsg[700];
};

static char *dupn(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (p) { if (n) memcpy(p, s, n); p[n] = 0; }
    return p;
}
static char *dups(const char *s) { return s ? dupn(s, strlen(s)) : NULL; }

int dyad_pipeline_new(const dyad_dict *d, const dyad_pipeline_options *opt, dyad_pipeline **out) {
    *out = NULL;
    if (!d || !opt || opt->threads < 1 || opt->threads > DYAD_MAX_THREADS ||
        (opt->stride && opt->offset >= opt->stride))
        return DYAD_EINVAL;
    if (opt->default_date && dyad_date_parse(opt->default_date, NULL, NULL, NULL)) return DYAD_EINVAL;
    dyad_pipeline *p = calloc(1, sizeof *p);
    if (!p) return DYAD_ENOMEM;
    p->d = d;
    p->opt = *opt;
    if (opt->default_date && !(p->date = dups(opt->default_date))) { free(p); return DYAD_ENOMEM; }
    for (int t = 0; t <= opt->threads; t++) {
        int rc = dyad_coder_new(d, &opt->code, &p->coders[t]);
        if (rc) { dyad_pipeline_free(p); return rc; }
    }
    *out = p;
    return 0;
}

int dyad_pipeline_add_file(dyad_pipeline *p, const char *path) {
    if (!p) return DYAD_EINVAL;
    if (p->nfiles == p->fcap) {
        int cap = p->fcap ? p->fcap * 2 : 16;
        char **f = realloc(p->files, (size_t)cap * sizeof *f);
        if (!f) return DYAD_ENOMEM;
        p->files = f;
        char **n = realloc(p->names, (size_t)cap * sizeof *n);
        if (!n) return DYAD_ENOMEM;
        p->names = n;
        p->fcap = cap;
    }
    char *s = dups(path ? path : "-");
    if (!s) return DYAD_ENOMEM;
    p->files[p->nfiles] = s;
    p->names[p->nfiles] = NULL;
    p->nfiles++;
    return 0;
}

void dyad_pipeline_free(dyad_pipeline *p) {
    if (!p) return;
    for (int t = 0; t <= DYAD_MAX_THREADS; t++) dyad_coder_free(p->coders[t]);
    for (int i = 0; i < p->nfiles; i++) { free(p->files[i]); free(p->names[i]); }
    free(p->files);
    free(p->names);
    free(p->date);
    free(p->ids.v);
    dyad_reader_close(p->r);
    free(p);
}

unsigned long long dyad_pipeline_bytes_read(const dyad_pipeline *p) {
    return p ? p->closed_bytes + (p->r ? dyad_reader_offset(p->r) : 0) : 0;
}

const char *dyad_pipeline_errmsg(const dyad_pipeline *p) { return p ? p->errmsg : "out of memory"; }

static void job_free(job *j) {
    free((char *)j->doc.id); free((char *)j->doc.date); free((char *)j->doc.title);
    free((char *)j->doc.source); free((char *)j->doc.url); free((char *)j->doc.text);
    free((char *)j->rec.error);
    dyad_result_free(j->rec.result);
    free(j->rec.work);
    memset(j, 0, sizeof *j);
}

static job *error_job(batch *b, const char *msg) {
    job *j = &b->jobs[b->njobs++];
    j->rec.kind = DYAD_RECORD_ERROR;
    j->rec.error = dups(msg);
    return j;
}

/* Reads up to BATCH_DOCS documents or BATCH_BYTES of copied fields into B
 * (bad records become ERROR jobs, so they are reported in input order).
 * Returns 0 or DYAD_ENOMEM. */
static int fill_batch(dyad_pipeline *p, batch *b) {
    size_t batch_bytes = 0;
    b->njobs = 0;
    while (!p->eof_all && b->njobs < BATCH_DOCS && batch_bytes < BATCH_BYTES) {
        if (!p->r) {
            if (p->f >= p->nfiles) { p->eof_all = 1; break; }
            int rc = dyad_reader_open(p->files[p->f], p->opt.input_format, &p->r);
            int fi = p->f++;
            if (rc) {
                job *j = error_job(b, dyad_reader_errmsg(p->r));
                j->rec.file = p->files[fi];
                dyad_reader_close(p->r);
                p->r = NULL;
                if (!j->rec.error) return DYAD_ENOMEM;
                continue;
            }
            if (!(p->names[fi] = dups(dyad_reader_name(p->r)))) return DYAD_ENOMEM;
            if (p->date) dyad_reader_set_default_date(p->r, p->date);
        }
        dyad_reader *r = p->r;
        int fi = p->f - 1;
        dyad_doc doc;
        int rc = dyad_reader_next(r, &doc);
        if (rc == 0) { p->closed_bytes += dyad_reader_offset(r); dyad_reader_close(r); p->r = NULL; continue; }
        if (rc < 0) {
            if (rc == DYAD_ENOMEM) return DYAD_ENOMEM;
            job *j = error_job(b, dyad_reader_errmsg(r));
            j->rec.file = p->names[fi];
            j->rec.line = dyad_reader_line(r);
            if (!j->rec.error) return DYAD_ENOMEM;
            if (rc == DYAD_EIO) { dyad_reader_close(r); p->r = NULL; }
            continue;
        }
        job *j = &b->jobs[b->njobs++];
        j->rec.kind = DYAD_RECORD_DOC;
        j->rec.file = p->names[fi];
        j->rec.line = dyad_reader_line(r);
        j->rec.repairs = dyad_reader_repairs(r);
        long first_line = j->rec.line;
        int first_file = fi;
        int seen = p->opt.quiet ? 0 : idset_seen(&p->ids, doc.id, &first_line, &first_file);
        if (seen > 0) {
            j->rec.dup_file = p->files[first_file];
            j->rec.dup_line = first_line;
        } else if (seen < 0 && !p->ids_said) {
            p->ids_said = 1;
            j->rec.ids_full = 1;
        }
        j->doc.id = dups(doc.id);
        j->doc.date = dups(doc.date);
        j->doc.title = dups(doc.title);
        j->doc.source = dups(doc.source);
        j->doc.url = dups(doc.url);
        j->doc.text = dupn(doc.text, doc.text_len);
        j->doc.text_len = doc.text_len;
        j->rec.doc = &j->doc;
        if (!j->doc.id || !j->doc.text || (doc.date && !j->doc.date) || (doc.title && !j->doc.title) ||
            (doc.source && !j->doc.source) || (doc.url && !j->doc.url))
            return DYAD_ENOMEM;
        /* every copied field counts: a 1 MiB url is held here, in the
         * result and in what the work callback renders */
        batch_bytes += doc.text_len + strlen(doc.id) + (doc.title ? strlen(doc.title) : 0) +
                       (doc.source ? strlen(doc.source) : 0) + 3 * (doc.url ? strlen(doc.url) : 0);
    }
    return 0;
}

static void code_job(dyad_pipeline *p, dyad_coder *c, job *j) {
    if (j->rec.kind != DYAD_RECORD_DOC) return;
    j->rc = dyad_coder_code(c, &j->doc, &j->rec.result);
    if (j->rc) return;
    j->rec.events = dyad_result_count(j->rec.result);
    j->rec.sentences = dyad_result_sentences(j->rec.result);
    if (p->opt.work) j->rc = p->opt.work(p->user, &j->rec);
}

static void code_batch(dyad_pipeline *p, dyad_coder *c, batch *b) {
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->njobs) break;
        code_job(p, c, &b->jobs[i]);
    }
}

static void *pool_thread(void *arg) {
    pool *pl = arg;
    dyad_pipeline *p = pl->pl;
    dyad_coder *c = p->coders[atomic_fetch_add(&p->next_coder, 1)];
    unsigned long seen = 0;
    for (;;) {
        pthread_mutex_lock(&pl->mu);
        while (!pl->quit && pl->gen == seen) pthread_cond_wait(&pl->work, &pl->mu);
        if (pl->quit) { pthread_mutex_unlock(&pl->mu); break; }
        seen = pl->gen;
        batch *b = pl->cur;
        pthread_mutex_unlock(&pl->mu);
        code_batch(p, c, b);
        pthread_mutex_lock(&pl->mu);
        if (--pl->active == 0) pthread_cond_signal(&pl->done);
        pthread_mutex_unlock(&pl->mu);
    }
    return NULL;
}

static int pool_init(pool *pl, dyad_pipeline *p, int n) {
    memset(pl, 0, sizeof *pl);
    pl->pl = p;
    atomic_store(&p->next_coder, 0);
    pthread_mutex_init(&pl->mu, NULL);
    pthread_cond_init(&pl->work, NULL);
    pthread_cond_init(&pl->done, NULL);
    for (int t = 0; t < n; t++)
        if (pthread_create(&pl->tid[pl->started], NULL, pool_thread, pl) == 0) pl->started++;
    if (pl->started) return 0;
    pthread_mutex_destroy(&pl->mu);
    pthread_cond_destroy(&pl->work);
    pthread_cond_destroy(&pl->done);
    return -1;
}

static void pool_start(pool *pl, batch *b) {
    atomic_store(&b->next, 0);
    pthread_mutex_lock(&pl->mu);
    pl->cur = b;
    pl->active = pl->started;
    pl->gen++;
    pthread_cond_broadcast(&pl->work);
    pthread_mutex_unlock(&pl->mu);
}

static void pool_wait(pool *pl, dyad_coder *c) {
    /* the reader is done with the next batch: help code this one */
    if (pl->cur) code_batch(pl->pl, c, pl->cur);
    pthread_mutex_lock(&pl->mu);
    while (pl->active) pthread_cond_wait(&pl->done, &pl->mu);
    pthread_mutex_unlock(&pl->mu);
}

static void pool_free(pool *pl) {
    pthread_mutex_lock(&pl->mu);
    pl->quit = 1;
    pthread_cond_broadcast(&pl->work);
    pthread_mutex_unlock(&pl->mu);
    for (int t = 0; t < pl->started; t++) pthread_join(pl->tid[t], NULL);
    pthread_mutex_destroy(&pl->mu);
    pthread_cond_destroy(&pl->work);
    pthread_cond_destroy(&pl->done);
}

/* Hands batch NO's records to the sink in order; 0 or what stopped it. */
static int deliver(dyad_pipeline *p, batch *b, unsigned long long no, int coded, dyad_record_fn sink) {
    int rc = p->opt.batch_begin ? p->opt.batch_begin(p->user, no, coded) : 0;
    for (size_t k = 0; coded && !rc && k < b->njobs; k++) {
        job *j = &b->jobs[k];
        if (j->rc) {
            snprintf(p->errmsg, sizeof p->errmsg, "%.600s: %s", j->doc.id,
                     j->rc < 0 ? dyad_strerror(j->rc) : "stopped by the work callback");
            return j->rc;
        }
        rc = sink(p->user, &j->rec);
    }
    if (!rc && p->opt.batch_end) rc = p->opt.batch_end(p->user, no, coded);
    return rc;
}

int dyad_pipeline_run(dyad_pipeline *p, dyad_record_fn sink, void *user) {
    if (!p || !sink || p->ran) return DYAD_EINVAL;
    p->ran = 1;
    p->user = user;
    p->errmsg[0] = 0;
    batch bts[2];
    memset(bts, 0, sizeof bts);
    int rc = 0;
    for (int k = 0; k < 2; k++)
        if (!(bts[k].jobs = calloc(BATCH_DOCS, sizeof *bts[k].jobs))) rc = DYAD_ENOMEM;
    int threads = p->opt.threads;
    dyad_coder *mine_coder = p->coders[threads];
    pool pl;
    int use_pool = !rc && threads > 1 && pool_init(&pl, p, threads) == 0;
    unsigned long long nbatches = 0;
    int cur = 0;
    if (!rc) rc = fill_batch(p, &bts[cur]);
    while (!rc && bts[cur].njobs) {
        batch *b = &bts[cur];
        unsigned long long no = nbatches++;
        int coded = !p->opt.stride || no % p->opt.stride == p->opt.offset;
        if (coded && use_pool) pool_start(&pl, b);
        else if (coded) { atomic_store(&b->next, 0); code_batch(p, mine_coder, b); }
        rc = fill_batch(p, &bts[!cur]);
        if (coded && use_pool) pool_wait(&pl, mine_coder);
        if (!rc) rc = deliver(p, b, no, coded, sink);
        for (size_t k = 0; k < b->njobs; k++) job_free(&b->jobs[k]);
        b->njobs = 0;
        cur = !cur;
    }
    if (rc == DYAD_ENOMEM && !p->errmsg[0]) snprintf(p->errmsg, sizeof p->errmsg, "out of memory");
    if (use_pool) pool_free(&pl);
    for (int k = 0; k < 2; k++) {
        if (!bts[k].jobs) continue;
        for (size_t i = 0; i < BATCH_DOCS; i++) job_free(&bts[k].jobs[i]);
        free(bts[k].jobs);
    }
    dyad_reader_close(p->r);
    p->r = NULL;
    return rc;
}
