/* cmd_code.c -- `dyad code`: the library's pipeline (dyad_pipeline_*) with a
 * sink that writes events in input order.  The work callback renders each
 * document's events in the coding thread (so -j N renders in parallel); the
 * sink gathers a batch's events and messages; the batch's end writes them
 * (or, under --mpi, sends them to rank 0, which receives the batches coded
 * elsewhere). */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

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
    "  --no-title            do not code the title (coded as sentence 0 by default)\n"
    "  -j, --jobs N          coding threads, 1..64 (default: the number of cores)\n"
    "  --mpi                 under mpirun: split documents across ranks, rank 0 writes all in order\n"
    "  --mpi-split           under mpirun: each rank writes its share to FILE.rankN (-o FILE)\n"
    "\n";

typedef struct {
    dyad_output_format fmt;
    int quiet;
    mpi_state *mpi;
    FILE *out;
    dyad_pipeline *pl;
    progress prog;
    buf bo, be; /* this batch's events and stderr lines */
    unsigned long long cnt[4]; /* this batch's docs, sentences, events, status */
    unsigned long long ndocs, nsent, nev;
    int status;
} code_run;

/* In a coding thread: the document's events as JSON or TSV (WORK_LEN bytes),
 * then its warnings as one NUL-terminated string; the result is freed here,
 * so a batch holds only what will be written. */
static int render(void *user, dyad_record *rec) {
    static const char prefix[] = "dyad code: warning: ";
    code_run *c = user;
    dyad_result *res = rec->result;
    char *out;
    size_t len, wl = 0, nw = c->quiet ? 0 : dyad_result_warning_count(res);
    int rc = dyad_result_render(res, c->fmt, &out, &len);
    if (rc) return rc;
    for (size_t w = 0; w < nw; w++) wl += sizeof prefix - 1 + strlen(dyad_result_warning(res, w)) + 1;
    char *p = realloc(out, len + wl + 1);
    if (!p) { free(out); return DYAD_ENOMEM; }
    char *q = p + len;
    for (size_t w = 0; w < nw; w++) {
        const char *s = dyad_result_warning(res, w);
        size_t n = strlen(s);
        memcpy(q, prefix, sizeof prefix - 1);
        memcpy(q + sizeof prefix - 1, s, n);
        q += sizeof prefix - 1 + n;
        *q++ = '\n';
    }
    *q = 0;
    rec->work = p;
    rec->work_len = len;
    dyad_result_free(res);
    rec->result = NULL;
    return 0;
}

static int sink(void *user, dyad_record *rec) {
    code_run *c = user;
    if (rec->kind == DYAD_RECORD_ERROR) {
        dyad__cli_buf_printf(&c->be, "dyad code: %s\n", rec->error);
        c->cnt[3] = EXIT_SKIPPED;
        return 0;
    }
    const dyad_doc *doc = rec->doc;
    if (!c->quiet) {
        char w[2200];
        size_t wn = 0;
        char where[700];
        if (rec->line) snprintf(where, sizeof where, "%s:%ld", rec->file, rec->line);
        else snprintf(where, sizeof where, "%s", rec->file);
        if (rec->repairs)
            wn += (size_t)snprintf(w + wn, sizeof w - wn, "dyad code: warning: %s: document \"%.500s\": %zu invalid UTF-8 sequences replaced with U+FFFD\n",
                                   where, doc->id, rec->repairs);
        if (rec->dup_file && wn < sizeof w) {
            if (rec->dup_line)
                wn += (size_t)snprintf(w + wn, sizeof w - wn, "dyad code: warning: %s: duplicate id \"%.300s\" (first at %.300s:%ld); coded again\n",
                                       where, doc->id, rec->dup_file, rec->dup_line);
            else
                wn += (size_t)snprintf(w + wn, sizeof w - wn, "dyad code: warning: %s: duplicate id \"%.300s\" (first in %.300s); coded again\n",
                                       where, doc->id, rec->dup_file);
        } else if (rec->ids_full && wn < sizeof w) {
            wn += (size_t)snprintf(w + wn, sizeof w - wn, "dyad code: note: %s: more than %u ids (IDSET_MAX); later ids are checked against the first %u only\n", where, DYAD_MAX_IDS, DYAD_MAX_IDS);
        }
        dyad__cli_buf_put(&c->be, w, wn < sizeof w ? wn : sizeof w - 1);
        const char *warnings = (const char *)rec->work + rec->work_len;
        dyad__cli_buf_put(&c->be, warnings, strlen(warnings));
    }
    c->cnt[0]++;
    c->cnt[1] += rec->sentences;
    c->cnt[2] += rec->events;
    dyad__cli_buf_put(&c->bo, rec->work, rec->work_len);
    return 0;
}

/* The batch's events and messages go out (or to rank 0), in input order. */
static int batch_end(void *user, unsigned long long no, int coded) {
    code_run *c = user;
    mpi_state *mpi = c->mpi;
    int rc = 0;
    if (c->bo.oom || c->be.oom) { fprintf(stderr, "dyad code: out of memory\n"); return EXIT_NOMEM; }
    int owner = mpi->on ? (int)(no % (unsigned long long)mpi->size) : 0;
    if (coded && mpi->on && !mpi->split && mpi->rank != 0)
        dyad__cli_mpi_send_batch(&c->bo, &c->be, c->cnt, no);
    else if (mpi->on && !mpi->split && mpi->rank == 0 && owner != 0)
        dyad__cli_mpi_recv_batch(&c->bo, &c->be, c->cnt, owner, no);
    if (coded || (mpi->on && !mpi->split && mpi->rank == 0)) {
        if (c->be.n) fwrite(c->be.p, 1, c->be.n, stderr);
        if (c->bo.n && fwrite(c->bo.p, 1, c->bo.n, c->out) != c->bo.n) {
            fprintf(stderr, "dyad code: write error: %s\n", strerror(errno));
            rc = EXIT_OUTPUT;
        }
        c->ndocs += c->cnt[0];
        c->nsent += c->cnt[1];
        c->nev += c->cnt[2];
        if (c->cnt[3] > (unsigned long long)c->status) c->status = (int)c->cnt[3];
    }
    free(c->bo.p);
    free(c->be.p);
    memset(&c->bo, 0, sizeof c->bo);
    memset(&c->be, 0, sizeof c->be);
    memset(c->cnt, 0, sizeof c->cnt);
    if (!rc) dyad__cli_progress_show(&c->prog, c->ndocs, c->nsent, c->nev, dyad_pipeline_bytes_read(c->pl), 0);
    return rc;
}

int dyad__cli_code(int argc, char **argv) {
    dict_opts o = {0};
    o.defaults = DYAD_DEFAULT_ALL;
    int out_fmt = DYAD_OUT_JSON, in_fmt = DYAD_IN_JSONL, quiet = 0, stats = 0, no_title = 0;
    int threads = dyad__cli_default_threads();
    const char *date = NULL, *outpath = NULL;
    mpi_state mpi = {0, 0, 0, 1};
    const char *files[4096];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (dyad__cli_take_dict_opt(&o, argc, argv, &i)) continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(CODE_HELP, stdout); fputs(dyad__cli_dict_help, stdout); return 0; }
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
        if (strcmp(a, "--no-title") == 0) { no_title = 1; continue; }
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
            if (dyad__cli_jobs("code", argv[++i], &threads)) return EXIT_USAGE;
            continue;
        }
        if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad code: unknown option %s (see dyad code --help)\n", a); return EXIT_USAGE; }
        if (nfiles == 4096) { fprintf(stderr, "dyad code: too many files\n"); return EXIT_USAGE; }
        files[nfiles++] = a;
    }
    if (nfiles == 0) files[nfiles++] = "-";
#ifdef DYAD_MPI
    if (mpi.on) {
        dyad__cli_mpi_init(&mpi);
        if (mpi.split && !outpath) {
            if (mpi.rank == 0) fprintf(stderr, "dyad code: --mpi-split needs -o FILE (each rank writes FILE.rankN)\n");
            return dyad__cli_mpi_finish(EXIT_USAGE);
        }
        if (mpi.rank != 0) quiet = quiet || !mpi.split;
    }
#endif
    dyad_dict *d = dyad__cli_load_dicts(&o, quiet);
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
    dyad_pipeline_options po = {0};
    po.threads = threads;
    po.code.skip_title = no_title;
    po.input_format = (dyad_input_format)in_fmt;
    po.default_date = date;
    po.quiet = quiet;
    if (mpi.on) {
        po.stride = (unsigned long long)mpi.size;
        po.offset = (unsigned long long)mpi.rank;
    }
    po.work = render;
    po.batch_end = batch_end;
    code_run c;
    memset(&c, 0, sizeof c);
    c.fmt = (dyad_output_format)out_fmt;
    c.quiet = quiet;
    c.mpi = &mpi;
    c.out = out;
    int rc = dyad_pipeline_new(d, &po, &c.pl);
    for (int k = 0; !rc && k < nfiles; k++) rc = dyad_pipeline_add_file(c.pl, files[k]);
    if (rc) { fprintf(stderr, "dyad code: %s\n", dyad_strerror(rc)); return rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_USAGE; }
    dyad__cli_progress_init(&c.prog, !quiet && isatty(2) && mpi.rank == 0, files, nfiles);
    rc = dyad_pipeline_run(c.pl, sink, &c);
    if (rc < 0) { fprintf(stderr, "dyad code: %s\n", dyad_pipeline_errmsg(c.pl)); return EXIT_NOMEM; }
    if (rc > 0) return rc; /* batch_end said why */
    dyad_pipeline_free(c.pl);
    dyad__cli_progress_show(&c.prog, c.ndocs, c.nsent, c.nev, 0, 1);
    int status = c.status;
    if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
        fprintf(stderr, "dyad code: write error: %s\n", strerror(errno));
        status = EXIT_OUTPUT;
    }
    if (stats && (!mpi.on || mpi.rank == 0 || mpi.split))
        fprintf(stderr, "dyad code: %llu documents, %llu sentences, %llu events\n", c.ndocs, c.nsent, c.nev);
    dyad_dict_free(d);
    if (mpi.on) status = dyad__cli_mpi_finish(status);
    return status;
}
