/* cmd_query.c -- `dyad query` (dyads, timeline, events, actors, mentions),
 * `dyad export` and `dyad db` (migrate, stats): the store's queries as
 * tables, CSV, TSV or JSON Lines.  Every filter is handed to the library,
 * which binds it as a parameter. */
#include "cli.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const dyad__cli_filter_help =
    "Event filters (query events, export):\n"
    "  --actor CODE          source actor: a code or its prefix (TUR: TUR, TURGOV, TURMIL...)\n"
    "  --target CODE         target actor, likewise\n"
    "  --either              --actor and --target in either direction\n"
    "  --since D, --until D  event dates, YYYY-MM-DD, inclusive\n"
    "  --code C              CAMEO code or prefix (04, 043)\n"
    "  --quad N              QuadClass 1..4\n"
    "  --mode M              asserted, negated or hypothetical\n"
    "  --country ISO3        where the event happened\n"
    "  --near LAT,LON        within --km KM (default 50) of a point\n"
    "  --limit N, --offset N rows to give and to skip (query events: --limit 100 by default; 0: all)\n";

static int bad(const char *cmd, const char *opt, const char *v, const char *what) {
    fprintf(stderr, "dyad %s: %s %s: %s\n", cmd, opt, v, what);
    return -1;
}

static int date_ok(const char *s) { return dyad_date_parse(s, NULL, NULL, NULL) == 0; }

int dyad__cli_take_filter(const char *cmd, dyad_event_query *q, int argc, char **argv, int *i) {
    const char *a = argv[*i];
    if (strcmp(a, "--either") == 0) { q->either = 1; return 1; }
    static const char *const with_arg[] = {"--actor", "--target", "--since", "--until", "--code", "--mode",
                                           "--country", "--near", "--km", "--quad", "--limit", "--offset", NULL};
    int k;
    for (k = 0; with_arg[k]; k++)
        if (strcmp(a, with_arg[k]) == 0) break;
    if (!with_arg[k]) return 0;
    if (*i + 1 >= argc) return bad(cmd, a, "", "needs a value");
    const char *v = argv[++*i];
    char *end;
    switch (k) {
    case 0: q->actor = v; break;
    case 1: q->target = v; break;
    case 2: if (!date_ok(v)) return bad(cmd, a, v, "not a real YYYY-MM-DD day"); q->since = v; break;
    case 3: if (!date_ok(v)) return bad(cmd, a, v, "not a real YYYY-MM-DD day"); q->until = v; break;
    case 4:
        if (!*v || strlen(v) > 4 || strspn(v, "0123456789") != strlen(v)) return bad(cmd, a, v, "a CAMEO code is digits (04, 043)");
        q->code = v;
        break;
    case 5:
        if (strcmp(v, "asserted") && strcmp(v, "negated") && strcmp(v, "hypothetical"))
            return bad(cmd, a, v, "asserted, negated or hypothetical");
        q->mode = v;
        break;
    case 6: q->country = v; break;
    case 7: {
        double lat = strtod(v, &end), lon;
        if (end == v || *end != ',') return bad(cmd, a, v, "LAT,LON in degrees");
        const char *p = end + 1;
        lon = strtod(p, &end);
        if (end == p || *end || !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
            return bad(cmd, a, v, "LAT,LON in degrees");
        q->near = 1;
        q->lat = lat;
        q->lon = lon;
        if (q->km <= 0) q->km = 50;
        break;
    }
    case 8: {
        double km = strtod(v, &end);
        if (end == v || *end || !(km > 0 && km <= 20000)) return bad(cmd, a, v, "kilometres above 0");
        q->km = km;
        break;
    }
    case 9: {
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < 1 || n > 4) return bad(cmd, a, v, "QuadClass is 1..4");
        q->quad_class = (int)n;
        break;
    }
    default: {
        long long n = strtoll(v, &end, 10);
        if (end == v || *end || n < 0) return bad(cmd, a, v, "a number, 0 or more");
        if (k == 10) q->limit = n;
        else q->offset = n;
    }
    }
    return 1;
}

dyad_store *dyad__cli_open_store(const char *cmd, const char *db, int *status) {
    dyad_store *s = NULL;
    if (!db) {
        fprintf(stderr, "dyad %s: --db DB is required (a SQLite file or postgresql://...)\n", cmd);
        *status = EXIT_USAGE;
        return NULL;
    }
    int rc = dyad_store_open(db, DYAD_STORE_READ, &s);
    if (rc) {
        fprintf(stderr, "dyad %s: %s\n", cmd, s ? dyad_store_errmsg(s) : dyad_strerror(rc));
        dyad_store_close(s);
        *status = rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_DB;
        return NULL;
    }
    return s;
}

static const char *QUERY_HELP =
    "usage: dyad query WHAT --db DB [OPTIONS]\n"
    "\n"
    "  dyads [--top N] [--since D] [--until D]\n"
    "                        the dyads with most events (asserted; source to target)\n"
    "  timeline A B [--by day|week|month|year] [--since D] [--until D]\n"
    "                        A and B over time, both directions: events per QuadClass,\n"
    "                        mean and summed Goldstein, top codes\n"
    "  events [FILTERS]      events, newest first\n"
    "  actors [--top N] [--search TEXT]\n"
    "                        actors by events they are source or target of\n"
    "  mentions EVENT_ID     the sentences behind an event, with their documents\n"
    "\n"
    "  --db DB               a SQLite file or postgresql://... URI (read-only)\n"
    "  --format F            table (default on a terminal), csv, tsv or json (JSON Lines;\n"
    "                        the default when stdout is not a terminal is tsv)\n"
    "  -o, --output FILE     write to FILE\n"
    "\n";

typedef struct {
    table t;
    long long n;
} qrun;

static void fmt_d(char *b, size_t n, double v) { snprintf(b, n, "%.2f", v); }

static int dyad_row(void *user, const dyad_dyad_row *d) {
    qrun *q = user;
    char ev[24], men[24], mean[32], sum[32], qc[4][24];
    snprintf(ev, sizeof ev, "%lld", d->events);
    snprintf(men, sizeof men, "%lld", d->mentions);
    fmt_d(mean, sizeof mean, d->goldstein_mean);
    fmt_d(sum, sizeof sum, d->goldstein_sum);
    for (int k = 0; k < 4; k++) snprintf(qc[k], sizeof qc[k], "%lld", d->quad[k]);
    const char *v[] = {d->source, d->target, ev, men, mean, sum, qc[0], qc[1], qc[2], qc[3]};
    dyad__cli_table_row(&q->t, v);
    q->n++;
    return 0;
}

static int timeline_row(void *user, const dyad_timeline_row *r) {
    qrun *q = user;
    char ev[24], mean[32], sum[32], qc[4][24];
    snprintf(ev, sizeof ev, "%lld", r->events);
    fmt_d(mean, sizeof mean, r->goldstein_mean);
    fmt_d(sum, sizeof sum, r->goldstein_sum);
    for (int k = 0; k < 4; k++) snprintf(qc[k], sizeof qc[k], "%lld", r->quad[k]);
    const char *v[] = {r->period, r->start, r->direction ? "B->A" : "A->B", ev, qc[0], qc[1], qc[2], qc[3],
                       mean, sum, r->top_codes};
    dyad__cli_table_row(&q->t, v);
    q->n++;
    return 0;
}

static int event_row(void *user, const dyad_stored_event *e) {
    qrun *q = user;
    char id[24], qc[8], g[16], nm[24], na[24], ns[24], lat[24] = "", lon[24] = "";
    snprintf(id, sizeof id, "%lld", e->id);
    snprintf(qc, sizeof qc, "%d", e->quad_class);
    snprintf(g, sizeof g, "%.1f", e->goldstein);
    snprintf(nm, sizeof nm, "%lld", e->num_mentions);
    snprintf(na, sizeof na, "%lld", e->num_articles);
    snprintf(ns, sizeof ns, "%lld", e->num_sources);
    if (e->has_place && !isnan(e->lat)) {
        snprintf(lat, sizeof lat, "%.4f", e->lat);
        snprintf(lon, sizeof lon, "%.4f", e->lon);
    }
    const char *v[] = {id, e->date, e->source, e->target, e->code, qc, g, e->mode, nm, na, ns,
                       e->place_name, e->place_country, lat[0] ? lat : NULL, lon[0] ? lon : NULL,
                       e->first_doc, e->source_url};
    dyad__cli_table_row(&q->t, v);
    q->n++;
    return 0;
}

static int actor_row(void *user, const dyad_actor_row *a) {
    qrun *q = user;
    char s[24], t[24], m[24];
    snprintf(s, sizeof s, "%lld", a->as_source);
    snprintf(t, sizeof t, "%lld", a->as_target);
    snprintf(m, sizeof m, "%lld", a->mentions);
    const char *v[] = {a->code, a->country, a->name, s, t, m};
    dyad__cli_table_row(&q->t, v);
    q->n++;
    return 0;
}

static int mention_row(void *user, const dyad_stored_mention *m) {
    qrun *q = user;
    char id[24], ev[24], sent[16], span[48];
    snprintf(id, sizeof id, "%lld", m->id);
    snprintf(ev, sizeof ev, "%lld", m->event_id);
    snprintf(sent, sizeof sent, "%d", m->sentence);
    snprintf(span, sizeof span, "%lld-%lld", m->start, m->end);
    const char *v[] = {id, ev, m->doc, m->doc_date, m->outlet, sent, span, m->mode, m->attribution,
                       m->pattern, m->source_text, m->verb, m->target_text, m->text, m->title, m->url};
    dyad__cli_table_row(&q->t, v);
    q->n++;
    return 0;
}

int dyad__cli_query(int argc, char **argv) {
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs(QUERY_HELP, argc < 2 ? stderr : stdout);
        fputs(dyad__cli_filter_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *what = argv[1], *db = NULL, *outpath = NULL, *search = NULL, *by = "month";
    const char *pos[2] = {NULL, NULL};
    int npos = 0, top = -1, fmt_set = 0;
    table_format tf = isatty(1) ? TABLE_ALIGNED : TABLE_TSV;
    dyad_event_query q = {0};
    static const char *const whats[] = {"dyads", "timeline", "events", "actors", "mentions", NULL};
    int w;
    for (w = 0; whats[w]; w++)
        if (!strcmp(what, whats[w])) break;
    if (!whats[w]) { fprintf(stderr, "dyad query: unknown query %s (dyads, timeline, events, actors, mentions)\n", what); return EXIT_USAGE; }
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(QUERY_HELP, stdout); fputs(dyad__cli_filter_help, stdout); return 0; }
        if (!strcmp(a, "--db") && i + 1 < argc) { db = argv[++i]; continue; }
        if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) { outpath = argv[++i]; continue; }
        if (!strcmp(a, "--format") && i + 1 < argc) {
            if (dyad__cli_table_format(argv[++i], &tf)) { fprintf(stderr, "dyad query: --format %s: table, csv, tsv or json\n", argv[i]); return EXIT_USAGE; }
            fmt_set = 1;
            continue;
        }
        if (!strcmp(a, "--top") && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (end == argv[i] || *end || n < 0 || n > 1000000) { fprintf(stderr, "dyad query: --top %s: 0..1000000 (0: all)\n", argv[i]); return EXIT_USAGE; }
            top = (int)n;
            continue;
        }
        if (!strcmp(a, "--search") && i + 1 < argc) { search = argv[++i]; continue; }
        if (!strcmp(a, "--by") && i + 1 < argc) { by = argv[++i]; continue; }
        int f = dyad__cli_take_filter("query", &q, argc, argv, &i);
        if (f < 0) return EXIT_USAGE;
        if (f) continue;
        if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad query: unknown option %s (see dyad query --help)\n", a); return EXIT_USAGE; }
        if (npos == 2) { fprintf(stderr, "dyad query %s: too many arguments\n", what); return EXIT_USAGE; }
        pos[npos++] = a;
    }
    int need = w == 1 ? 2 : w == 4 ? 1 : 0;
    if (npos != need) {
        fprintf(stderr, "dyad query %s: %s\n", what, w == 1 ? "needs two actors: timeline A B" : w == 4 ? "needs an event id" : "takes no arguments");
        return EXIT_USAGE;
    }
    dyad_period period = DYAD_BY_MONTH;
    if (dyad_period_parse(by, &period)) { fprintf(stderr, "dyad query: --by %s: day, week, month or year\n", by); return EXIT_USAGE; }
    long long event_id = 0;
    if (w == 4) {
        char *end;
        event_id = strtoll(pos[0], &end, 10);
        if (end == pos[0] || *end || event_id <= 0) { fprintf(stderr, "dyad query mentions: %s is not an event id\n", pos[0]); return EXIT_USAGE; }
    }
    int status = 0;
    dyad_store *s = dyad__cli_open_store("query", db, &status);
    if (!s) return status;
    FILE *out = stdout;
    if (outpath && !(out = fopen(outpath, "w"))) {
        fprintf(stderr, "dyad query: %s: %s\n", outpath, strerror(errno));
        dyad_store_close(s);
        return EXIT_OUTPUT;
    }
    if (outpath && !fmt_set) tf = TABLE_TSV;
    qrun r;
    memset(&r, 0, sizeof r);
    int rc = 0;
    switch (w) {
    case 0: {
        static const char *const c[] = {"source", "target", "events", "mentions", "goldstein_mean", "goldstein_sum",
                                        "quad1", "quad2", "quad3", "quad4"};
        dyad__cli_table_init(&r.t, tf, out, c, 10, "__nnnnnnnn");
        rc = dyad_store_dyads(s, top < 0 ? 20 : top, q.since, q.until, dyad_row, &r);
        break;
    }
    case 1: {
        static const char *const c[] = {"period", "start", "direction", "events", "quad1", "quad2", "quad3",
                                        "quad4", "goldstein_mean", "goldstein_sum", "top_codes"};
        dyad__cli_table_init(&r.t, tf, out, c, 11, "___nnnnnnn_");
        if (tf == TABLE_ALIGNED) fprintf(out, "A = %s, B = %s (asserted events, by %s)\n", pos[0], pos[1], by);
        rc = dyad_store_timeline(s, pos[0], pos[1], period, q.since, q.until, timeline_row, &r);
        break;
    }
    case 2: {
        static const char *const c[] = {"id", "date", "source", "target", "code", "quad_class", "goldstein", "mode",
                                        "mentions", "articles", "sources", "place", "place_country", "lat", "lon",
                                        "first_doc", "source_url"};
        dyad__cli_table_init(&r.t, tf, out, c, 17, "n____nn_nnn__nn__");
        if (!q.limit && !q.near) {
            int limit_given = 0;
            for (int i = 2; i < argc; i++) if (!strcmp(argv[i], "--limit")) limit_given = 1;
            if (!limit_given) q.limit = 100;
        }
        rc = dyad_store_events(s, &q, event_row, &r);
        break;
    }
    case 3: {
        static const char *const c[] = {"code", "country", "name", "as_source", "as_target", "mentions"};
        dyad__cli_table_init(&r.t, tf, out, c, 6, "___nnn");
        rc = dyad_store_actors(s, search, top < 0 ? 50 : top, actor_row, &r);
        break;
    }
    case 4: {
        static const char *const c[] = {"id", "event", "doc", "doc_date", "outlet", "sentence", "span", "mode",
                                        "attribution", "pattern", "source_text", "verb", "target_text", "text",
                                        "title", "url"};
        dyad__cli_table_init(&r.t, tf, out, c, 16, "nn___n__________");
        rc = dyad_store_mentions(s, event_id, mention_row, &r);
        if (!rc && r.n == 0) {
            fprintf(stderr, "dyad query mentions: no event %lld in %s\n", event_id, db);
            rc = 1;
        }
        break;
    }
    }
    if (rc < 0) {
        fprintf(stderr, "dyad query: %s\n", dyad_store_errmsg(s));
        status = rc == DYAD_EINVAL ? EXIT_USAGE : rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_DB;
    } else if (rc > 0) {
        status = EXIT_SKIPPED; /* nothing found */
    }
    int ts = dyad__cli_table_end(&r.t);
    if (ts && !status) status = ts;
    if (out != stdout && fclose(out) != 0 && !status) {
        fprintf(stderr, "dyad query: %s: %s\n", outpath, strerror(errno));
        status = EXIT_OUTPUT;
    }
    dyad_store_close(s);
    return status;
}

/* ---- dyad export ---------------------------------------------------------- */
static const char *EXPORT_HELP =
    "usage: dyad export --db DB --format F [-o FILE] [FILTERS]\n"
    "\n"
    "Writes the stored events (newest first) for other tools (docs/export.md):\n"
    "  --format gdelt            GDELT 2.0 event table: 61 tab-separated columns, no header\n"
    "  --format gdelt-mentions   GDELT 2.0 mentions table: 16 columns, one row per mention\n"
    "  --format plover           PLOVER/POLECAT-style JSON Lines\n"
    "  --format csv              one header line, one event a row\n"
    "  --format jsonl            one event a line, with its mentions\n"
    "  -o, --output FILE         write to FILE (default stdout)\n"
    "\n";

int dyad__cli_export(int argc, char **argv) {
    const char *db = NULL, *outpath = NULL, *fmt = NULL;
    dyad_event_query q = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(EXPORT_HELP, stdout); fputs(dyad__cli_filter_help, stdout); return 0; }
        if (!strcmp(a, "--db") && i + 1 < argc) { db = argv[++i]; continue; }
        if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) { outpath = argv[++i]; continue; }
        if (!strcmp(a, "--format") && i + 1 < argc) { fmt = argv[++i]; continue; }
        int f = dyad__cli_take_filter("export", &q, argc, argv, &i);
        if (f < 0) return EXIT_USAGE;
        if (f) continue;
        fprintf(stderr, "dyad export: unknown argument %s (see dyad export --help)\n", a);
        return EXIT_USAGE;
    }
    dyad_export_format ef;
    if (!fmt || dyad_export_parse(fmt, &ef)) {
        fprintf(stderr, "dyad export: --format gdelt, gdelt-mentions, plover, csv or jsonl is required\n");
        return EXIT_USAGE;
    }
    int status = 0;
    dyad_store *s = dyad__cli_open_store("export", db, &status);
    if (!s) return status;
    FILE *out = stdout;
    if (outpath && !(out = fopen(outpath, "w"))) {
        fprintf(stderr, "dyad export: %s: %s\n", outpath, strerror(errno));
        dyad_store_close(s);
        return EXIT_OUTPUT;
    }
    int rc = dyad_store_export(s, &q, ef, out);
    if (rc) {
        fprintf(stderr, "dyad export: %s\n", dyad_store_errmsg(s));
        status = rc == DYAD_EIO ? EXIT_OUTPUT : rc == DYAD_EINVAL ? EXIT_USAGE : rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_DB;
    }
    if (out != stdout && fclose(out) != 0 && !status) {
        fprintf(stderr, "dyad export: %s: %s\n", outpath, strerror(errno));
        status = EXIT_OUTPUT;
    }
    dyad_store_close(s);
    return status;
}

/* ---- dyad db -------------------------------------------------------------- */
static const char *DB_HELP =
    "usage: dyad db migrate|stats --db DB\n"
    "\n"
    "  migrate               create the schema in a new database, or bring an older one to\n"
    "                        this dyad's version (schema versions: docs/store.md)\n"
    "  stats                 schema version, merge rule, documents, events, mentions, actors\n"
    "\n";

int dyad__cli_db(int argc, char **argv) {
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs(DB_HELP, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *what = argv[1], *db = NULL;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc) { db = argv[++i]; continue; }
        fprintf(stderr, "dyad db: unknown argument %s\n", argv[i]);
        return EXIT_USAGE;
    }
    int mig = !strcmp(what, "migrate");
    if (!mig && strcmp(what, "stats")) { fprintf(stderr, "dyad db: unknown command %s (migrate, stats)\n", what); return EXIT_USAGE; }
    if (!db) { fprintf(stderr, "dyad db %s: --db DB is required\n", what); return EXIT_USAGE; }
    dyad_store *s = NULL;
    int rc = dyad_store_open(db, mig ? DYAD_STORE_MIGRATE : DYAD_STORE_READ, &s);
    if (rc) {
        fprintf(stderr, "dyad db %s: %s\n", what, s ? dyad_store_errmsg(s) : dyad_strerror(rc));
        dyad_store_close(s);
        return rc == DYAD_ENOMEM ? EXIT_NOMEM : EXIT_DB;
    }
    if (mig) {
        printf("%s: schema version %d (%s)\n", db, dyad_store_schema_version(s), dyad_store_backend(s));
    } else {
        dyad_store_stats st;
        if ((rc = dyad_store_get_stats(s, &st))) {
            fprintf(stderr, "dyad db stats: %s\n", dyad_store_errmsg(s));
            dyad_store_close(s);
            return EXIT_DB;
        }
        dyad_merge_rule m;
        dyad_store_get_merge(s, &m);
        char rule[64];
        if (m.kind == DYAD_MERGE_NONE) snprintf(rule, sizeof rule, "none");
        else if (m.kind == DYAD_MERGE_WINDOW) snprintf(rule, sizeof rule, "window:%d,km:%g", m.window_days, m.place_km);
        else snprintf(rule, sizeof rule, "day,km:%g", m.place_km);
        printf("backend\t%s\nschema_version\t%d\nmerge\t%s\ndocuments\t%lld\nevents\t%lld\nmentions\t%lld\n"
               "actors\t%lld\nfirst_date\t%s\nlast_date\t%s\n",
               dyad_store_backend(s), dyad_store_schema_version(s), rule, st.documents, st.events, st.mentions,
               st.actors, st.first_date, st.last_date);
    }
    dyad_store_close(s);
    return fflush(stdout) ? EXIT_OUTPUT : 0;
}
