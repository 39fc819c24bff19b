/* cmd_plot.c -- `dyad plot`: a dyad's timeline or the network of the top
 * dyads, from the store's queries (dyad_store_timeline, dyad_store_dyads)
 * drawn by the library's plots (dyad_plot_timeline, dyad_plot_network) to
 * SVG or PNG. */
#include "cli.h"
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *PLOT_HELP =
    "usage: dyad plot --db DB A B [--by day|week|month|year] [OPTIONS] -o FILE.svg|FILE.png\n"
    "       dyad plot --db DB --network [--top N] [OPTIONS] -o FILE.svg|FILE.png\n"
    "\n"
    "Draws A and B over time (mean Goldstein per period as lines, events per QuadClass as\n"
    "stacked bars, A to B above the axis and B to A below), or the network of the top dyads\n"
    "(edge width: events; colour: mean Goldstein).  The format is the file's extension.\n"
    "\n"
    "  --db DB               a SQLite file or postgresql://... URI (read-only)\n"
    "  --by P                the timeline's period (default month)\n"
    "  --since D, --until D  event dates, YYYY-MM-DD\n"
    "  --network             the network of the top dyads instead of a timeline\n"
    "  --top N               dyads in the network (default 20)\n"
    "  --title TEXT          the title (default: made from the actors)\n"
    "  --size WxH            pixels (default 1000x600)\n"
    "  -o, --output FILE     the picture (required)\n"
    "\n";

typedef struct {
    dyad_timeline_row *t;
    dyad_dyad_row *d;
    size_t n, cap;
    int oom;
} rows;

static int grow(rows *r, size_t elem) {
    if (r->n < r->cap) return 0;
    size_t cap = r->cap ? r->cap * 2 : 64;
    void *p = realloc(r->t ? (void *)r->t : (void *)r->d, cap * elem);
    if (!p) { r->oom = 1; return 1; }
    if (elem == sizeof *r->t) r->t = p;
    else r->d = p;
    r->cap = cap;
    return 0;
}

static int take_period(void *user, const dyad_timeline_row *t) {
    rows *r = user;
    if (grow(r, sizeof *r->t)) return DYAD_ENOMEM;
    r->t[r->n++] = *t;
    return 0;
}

static int take_dyad(void *user, const dyad_dyad_row *d) {
    rows *r = user;
    if (grow(r, sizeof *r->d)) return DYAD_ENOMEM;
    dyad_dyad_row c = *d;
    c.source = strdup(d->source ? d->source : "");
    c.target = strdup(d->target ? d->target : "");
    if (!c.source || !c.target) { free((char *)c.source); free((char *)c.target); r->oom = 1; return DYAD_ENOMEM; }
    r->d[r->n++] = c;
    return 0;
}

int dyad__cli_plot(int argc, char **argv) {
    const char *db = NULL, *out = NULL, *by = "month", *since = NULL, *until = NULL, *title = NULL;
    const char *pos[2] = {NULL, NULL};
    int npos = 0, network = 0, top = 20;
    dyad_plot_options po = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(PLOT_HELP, stdout); return 0; }
        if (!strcmp(a, "--db") && i + 1 < argc) { db = argv[++i]; continue; }
        if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) { out = argv[++i]; continue; }
        if (!strcmp(a, "--by") && i + 1 < argc) { by = argv[++i]; continue; }
        if (!strcmp(a, "--since") && i + 1 < argc) { since = argv[++i]; continue; }
        if (!strcmp(a, "--until") && i + 1 < argc) { until = argv[++i]; continue; }
        if (!strcmp(a, "--title") && i + 1 < argc) { title = argv[++i]; continue; }
        if (!strcmp(a, "--network")) { network = 1; continue; }
        if (!strcmp(a, "--top") && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (end == argv[i] || *end || n < 1 || n > 500) { fprintf(stderr, "dyad plot: --top %s: 1..500\n", argv[i]); return EXIT_USAGE; }
            top = (int)n;
            continue;
        }
        if (!strcmp(a, "--size") && i + 1 < argc) {
            int w, h;
            char x;
            if (sscanf(argv[++i], "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w < 100 || h < 100 || w > 10000 || h > 10000) {
                fprintf(stderr, "dyad plot: --size %s: WIDTHxHEIGHT, 100..10000 pixels each\n", argv[i]);
                return EXIT_USAGE;
            }
            po.width = w;
            po.height = h;
            continue;
        }
        if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad plot: unknown option %s (see dyad plot --help)\n", a); return EXIT_USAGE; }
        if (npos == 2) { fprintf(stderr, "dyad plot: too many arguments\n"); return EXIT_USAGE; }
        pos[npos++] = a;
    }
    if (!out) { fprintf(stderr, "dyad plot: -o FILE.svg or FILE.png is required\n"); return EXIT_USAGE; }
    const char *dot = strrchr(out, '.');
    if (!dot || (strcmp(dot, ".svg") && strcmp(dot, ".png"))) {
        fprintf(stderr, "dyad plot: %s: the file must end in .svg or .png\n", out);
        return EXIT_USAGE;
    }
    if (network ? npos != 0 : npos != 2) {
        fprintf(stderr, "dyad plot: %s\n", network ? "--network takes no actors" : "needs two actors: dyad plot --db DB A B -o FILE");
        return EXIT_USAGE;
    }
    dyad_period period;
    if (dyad_period_parse(by, &period)) { fprintf(stderr, "dyad plot: --by %s: day, week, month or year\n", by); return EXIT_USAGE; }
    for (int k = 0; k < 2; k++) {
        const char *d = k ? until : since;
        if (d && dyad_date_parse(d, NULL, NULL, NULL)) { fprintf(stderr, "dyad plot: %s is not a real YYYY-MM-DD day\n", d); return EXIT_USAGE; }
    }
    int status = 0;
    dyad_store *s = dyad__cli_open_store("plot", db, &status);
    if (!s) return status;
    rows r = {0};
    int rc = network ? dyad_store_dyads(s, top, since, until, take_dyad, &r)
                     : dyad_store_timeline(s, pos[0], pos[1], period, since, until, take_period, &r);
    if (rc) {
        fprintf(stderr, "dyad plot: %s\n", r.oom ? "out of memory" : dyad_store_errmsg(s));
        status = r.oom || rc == DYAD_ENOMEM ? EXIT_NOMEM : rc == DYAD_EINVAL ? EXIT_USAGE : EXIT_DB;
    } else {
        po.title = title;
        rc = network ? dyad_plot_network(r.d, r.n, &po, out) : dyad_plot_timeline(pos[0], pos[1], period, r.t, r.n, &po, out);
        if (rc) {
            fprintf(stderr, "dyad plot: %s: %s\n", out, rc == DYAD_EIO ? "cannot write the picture" : dyad_strerror(rc));
            status = rc == DYAD_EIO ? EXIT_OUTPUT : rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_USAGE;
        } else if (r.n == 0) {
            if (network) fprintf(stderr, "dyad plot: no dyads stored: %s says so\n", out);
            else fprintf(stderr, "dyad plot: no events between %s and %s: %s says so\n", pos[0], pos[1], out);
        }
    }
    for (size_t i = 0; network && i < r.n; i++) { free((char *)r.d[i].source); free((char *)r.d[i].target); }
    free(r.t);
    free(r.d);
    dyad_store_close(s);
    /* The process is done drawing: cairo's and fontconfig's caches go now,
     * not at exit (a leak checker would report them).  The library cannot do
     * this for a program that draws again. */
    cairo_debug_reset_static_data();
    FcFini();
    return status;
}
