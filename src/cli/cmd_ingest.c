/* cmd_ingest.c -- `dyad ingest`: the pipeline's documents into the event
 * store.  Each pipeline batch (up to 512 documents) is one transaction:
 * begun at the batch's start, committed at its end, so a process killed at
 * any moment leaves every earlier batch stored and nothing of its own; the
 * same command run again skips the documents already stored (same id and
 * text) and finishes the job. */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *INGEST_HELP =
    "usage: dyad ingest --db DB [OPTIONS] [FILE...]\n"
    "\n"
    "Codes documents (as dyad code does) and stores them, their events and mentions in DB:\n"
    "a SQLite file (created when missing) or a postgresql://... URI.  Reports of one event\n"
    "are merged into one event row with mention, article and source counts (docs/store.md).\n"
    "A document already stored with the same id and text is skipped; with a new text its\n"
    "mentions are replaced.  Each batch of up to 512 documents is one transaction.\n"
    "\n"
    "  --db DB               the database (required)\n"
    "  --merge RULE          day (default), window:N (dates within N days), none; an optional\n"
    "                        ,km:K (places further apart are two events; default 50).  A database\n"
    "                        keeps the rule it was first written with\n"
    "  --input-format F      jsonl (default), text or html\n"
    "  --date YYYY-MM-DD     date for documents without one\n"
    "  --no-title            do not code titles\n"
    "  -j, --jobs N          coding threads, 1..64 (default: the number of cores)\n"
    "  -q, --quiet           no summary, no warnings\n"
    "\n";

typedef struct {
    dyad_store *st;
    const char *db;
    int quiet, status;
    unsigned long long docs, added, same, replaced, events, batches;
} ingest_run;

static int batch_begin(void *user, unsigned long long no, int coded) {
    ingest_run *r = user;
    (void)no;
    if (!coded) return 0;
    if (dyad_store_begin(r->st)) {
        fprintf(stderr, "dyad ingest: %s\n", dyad_store_errmsg(r->st));
        return EXIT_DB;
    }
    return 0;
}

static int batch_end(void *user, unsigned long long no, int coded) {
    ingest_run *r = user;
    (void)no;
    if (!coded) return 0;
    if (dyad_store_commit(r->st)) {
        fprintf(stderr, "dyad ingest: %s\n", dyad_store_errmsg(r->st));
        return EXIT_DB;
    }
    r->batches++;
    return 0;
}

static int sink(void *user, dyad_record *rec) {
    ingest_run *r = user;
    if (rec->kind == DYAD_RECORD_ERROR) {
        if (!r->quiet) fprintf(stderr, "dyad ingest: %s (skipped)\n", rec->error);
        r->status = EXIT_SKIPPED;
        return 0;
    }
    dyad_stored_status how;
    int rc = dyad_store_add_document(r->st, rec->doc, rec->result, &how);
    if (rc) {
        fprintf(stderr, "dyad ingest: document \"%.300s\" (%s:%ld): %s\n", rec->doc->id, rec->file, rec->line,
                dyad_store_errmsg(r->st));
        dyad_store_rollback(r->st);
        return rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_DB;
    }
    r->docs++;
    if (how == DYAD_STORED_NEW) r->added++, r->events += rec->events;
    else if (how == DYAD_STORED_SAME) r->same++;
    else r->replaced++, r->events += rec->events;
    return 0;
}

int dyad__cli_ingest(int argc, char **argv) {
    dict_opts o = {0};
    o.defaults = DYAD_DEFAULT_ALL;
    int in_fmt = DYAD_IN_JSONL, quiet = 0, no_title = 0;
    int threads = dyad__cli_default_threads();
    const char *date = NULL, *db = NULL, *merge = NULL;
    const char *files[4096];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (dyad__cli_take_dict_opt(&o, argc, argv, &i)) continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(INGEST_HELP, stdout); fputs(dyad__cli_dict_help, stdout); return 0; }
        if (strcmp(a, "--db") == 0 && i + 1 < argc) { db = argv[++i]; continue; }
        if (strcmp(a, "--merge") == 0 && i + 1 < argc) { merge = argv[++i]; continue; }
        if ((strcmp(a, "--input-format") == 0 || strcmp(a, "--format") == 0) && i + 1 < argc) {
            const char *f = argv[++i];
            if (strcmp(f, "jsonl") == 0 || strcmp(f, "json") == 0) in_fmt = DYAD_IN_JSONL;
            else if (strcmp(f, "text") == 0) in_fmt = DYAD_IN_TEXT;
            else if (strcmp(f, "html") == 0) in_fmt = DYAD_IN_HTML;
            else { fprintf(stderr, "dyad ingest: unknown %s %s (jsonl, text, html)\n", a, f); return EXIT_USAGE; }
            continue;
        }
        if (strcmp(a, "--date") == 0 && i + 1 < argc) {
            date = argv[++i];
            if (dyad_date_parse(date, NULL, NULL, NULL)) { fprintf(stderr, "dyad ingest: --date %s is not a real YYYY-MM-DD day\n", date); return EXIT_USAGE; }
            continue;
        }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) { quiet = 1; continue; }
        if (strcmp(a, "--no-title") == 0) { no_title = 1; continue; }
        if ((strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) && i + 1 < argc) {
            if (dyad__cli_jobs("ingest", argv[++i], &threads)) return EXIT_USAGE;
            continue;
        }
        if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad ingest: unknown option %s (see dyad ingest --help)\n", a); return EXIT_USAGE; }
        if (nfiles == 4096) { fprintf(stderr, "dyad ingest: too many files\n"); return EXIT_USAGE; }
        files[nfiles++] = a;
    }
    if (!db) { fprintf(stderr, "dyad ingest: --db DB is required (a SQLite file or postgresql://...)\n"); return EXIT_USAGE; }
    dyad_merge_rule rule;
    if (merge && dyad_merge_parse(merge, &rule)) {
        fprintf(stderr, "dyad ingest: --merge %s: day, window:N (1..365) or none, optionally ,km:K\n", merge);
        return EXIT_USAGE;
    }
    if (nfiles == 0) files[nfiles++] = "-";
    ingest_run r;
    memset(&r, 0, sizeof r);
    r.db = db;
    r.quiet = quiet;
    int rc = dyad_store_open(db, DYAD_STORE_WRITE, &r.st);
    if (rc) {
        fprintf(stderr, "dyad ingest: %s\n", r.st ? dyad_store_errmsg(r.st) : dyad_strerror(rc));
        dyad_store_close(r.st);
        return rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_DB;
    }
    if (merge && dyad_store_set_merge(r.st, &rule)) {
        fprintf(stderr, "dyad ingest: %s\n", dyad_store_errmsg(r.st));
        dyad_store_close(r.st);
        return EXIT_USAGE;
    }
    dyad_dict *d = dyad__cli_load_dicts(&o, quiet);
    dyad_pipeline_options po = {0};
    po.threads = threads;
    po.code.skip_title = no_title;
    po.input_format = (dyad_input_format)in_fmt;
    po.default_date = date;
    po.quiet = 1; /* a duplicate id is the store's business: same text skipped, new text replaced */
    po.batch_begin = batch_begin;
    po.batch_end = batch_end;
    dyad_pipeline *pl;
    rc = dyad_pipeline_new(d, &po, &pl);
    for (int k = 0; !rc && k < nfiles; k++) rc = dyad_pipeline_add_file(pl, files[k]);
    if (rc) { fprintf(stderr, "dyad ingest: %s\n", dyad_strerror(rc)); return rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_USAGE; }
    rc = dyad_pipeline_run(pl, sink, &r);
    int status = r.status;
    if (rc < 0) { fprintf(stderr, "dyad ingest: %s\n", dyad_pipeline_errmsg(pl)); status = EXIT_NOMEM; }
    else if (rc > 0) status = rc;
    dyad_pipeline_free(pl);
    if (!quiet && rc == 0) {
        dyad_store_stats s;
        if (dyad_store_get_stats(r.st, &s) == 0)
            fprintf(stderr, "dyad ingest: %llu documents (%llu new, %llu unchanged, %llu replaced), %llu events coded; "
                            "the store now holds %lld documents, %lld events, %lld mentions\n",
                    r.docs, r.added, r.same, r.replaced, r.events, s.documents, s.events, s.mentions);
    }
    dyad_store_close(r.st);
    dyad_dict_free(d);
    return status;
}
