/* cmd_actors.c -- `dyad actors`: every actor mention of the documents, one
 * JSON line each, in input order (the pipeline with a sink that writes
 * dyad_result_render_mentions), so that a dictionary writer sees who is known
 * and who is not. */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static const char *ACTORS_HELP =
    "usage: dyad actors [OPTIONS] [FILE...]\n"
    "\n"
    "Lists every actor mention the dictionaries find, one JSON object per line, in input order:\n"
    "{\"doc\",\"sentence\",\"span\",\"text\",\"code\",\"country\",\"name\",\"kind\",\"entry\"}\n"
    "kind: state, person, group, igo or agent (an agent word with no actor); entry: the\n"
    "dictionary file and line.  Input as for dyad code.\n"
    "\n"
    "  --input-format F      jsonl (default), text or html\n"
    "  --date YYYY-MM-DD     date for documents without one (text input)\n"
    "  -o, --output FILE     write to FILE (default stdout)\n"
    "  -q, --quiet           no warnings\n"
    "  -j, --jobs N          coding threads, 1..64 (default: the number of cores)\n"
    "\n";

typedef struct {
    FILE *out;
    int status;
} actors_run;

/* In a coding thread: the mentions as JSON Lines; the result is freed here. */
static int render(void *user, dyad_record *rec) {
    (void)user;
    char *out;
    size_t len;
    int rc = dyad_result_render_mentions(rec->result, &out, &len);
    if (rc) return rc;
    rec->work = out;
    rec->work_len = len;
    dyad_result_free(rec->result);
    rec->result = NULL;
    return 0;
}

static int sink(void *user, dyad_record *rec) {
    actors_run *c = user;
    if (rec->kind == DYAD_RECORD_ERROR) {
        fprintf(stderr, "dyad actors: %s\n", rec->error);
        c->status = EXIT_SKIPPED;
        return 0;
    }
    if (rec->work_len && fwrite(rec->work, 1, rec->work_len, c->out) != rec->work_len) {
        fprintf(stderr, "dyad actors: write error: %s\n", strerror(errno));
        return EXIT_OUTPUT;
    }
    return 0;
}

int dyad__cli_actors(int argc, char **argv) {
    dict_opts o = {0};
    o.defaults = DYAD_DEFAULT_ALL;
    int in_fmt = DYAD_IN_JSONL, quiet = 0;
    int threads = dyad__cli_default_threads();
    const char *date = NULL, *outpath = NULL;
    const char *files[4096];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (dyad__cli_take_dict_opt(&o, argc, argv, &i)) continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(ACTORS_HELP, stdout); fputs(dyad__cli_dict_help, stdout); return 0; }
        if (strcmp(a, "--input-format") == 0 && i + 1 < argc) {
            const char *f = argv[++i];
            if (strcmp(f, "jsonl") == 0) in_fmt = DYAD_IN_JSONL;
            else if (strcmp(f, "text") == 0) in_fmt = DYAD_IN_TEXT;
            else if (strcmp(f, "html") == 0) in_fmt = DYAD_IN_HTML;
            else { fprintf(stderr, "dyad actors: unknown --input-format %s (jsonl, text, html)\n", f); return EXIT_USAGE; }
            continue;
        }
        if (strcmp(a, "--date") == 0 && i + 1 < argc) {
            date = argv[++i];
            if (dyad_date_parse(date, NULL, NULL, NULL)) { fprintf(stderr, "dyad actors: --date %s is not a real YYYY-MM-DD day\n", date); return EXIT_USAGE; }
            continue;
        }
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) { outpath = argv[++i]; continue; }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) { quiet = 1; continue; }
        if ((strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) && i + 1 < argc) {
            if (dyad__cli_jobs("actors", argv[++i], &threads)) return EXIT_USAGE;
            continue;
        }
        if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad actors: unknown option %s (see dyad actors --help)\n", a); return EXIT_USAGE; }
        if (nfiles == 4096) { fprintf(stderr, "dyad actors: too many files\n"); return EXIT_USAGE; }
        files[nfiles++] = a;
    }
    if (nfiles == 0) files[nfiles++] = "-";
    dyad_dict *d = dyad__cli_load_dicts(&o, quiet);
    actors_run c = {stdout, 0};
    if (outpath && !(c.out = fopen(outpath, "wb"))) {
        fprintf(stderr, "dyad actors: %s: %s\n", outpath, strerror(errno));
        dyad_dict_free(d);
        return EXIT_OUTPUT;
    }
    dyad_pipeline_options po = {0};
    po.threads = threads;
    po.input_format = (dyad_input_format)in_fmt;
    po.default_date = date;
    po.quiet = 1; /* duplicate ids do not matter to a list of mentions */
    po.work = render;
    dyad_pipeline *pl;
    int rc = dyad_pipeline_new(d, &po, &pl);
    for (int k = 0; !rc && k < nfiles; k++) rc = dyad_pipeline_add_file(pl, files[k]);
    if (rc) { fprintf(stderr, "dyad actors: %s\n", dyad_strerror(rc)); return rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_USAGE; }
    rc = dyad_pipeline_run(pl, sink, &c);
    if (rc < 0) { fprintf(stderr, "dyad actors: %s\n", dyad_pipeline_errmsg(pl)); return EXIT_NOMEM; }
    dyad_pipeline_free(pl);
    int status = rc > 0 ? rc : c.status;
    if (fflush(c.out) != 0 || (c.out != stdout && fclose(c.out) != 0)) {
        fprintf(stderr, "dyad actors: write error: %s\n", strerror(errno));
        status = EXIT_OUTPUT;
    }
    dyad_dict_free(d);
    return status;
}
