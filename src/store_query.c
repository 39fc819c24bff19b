/* store_query.c -- reading the event store: events with filters, one event's
 * mentions, the top dyads, a dyad's timeline, actors, counts.
 *
 * Every value a user gives is a bound parameter; the SQL text is built only
 * from fixed fragments.  A code filter "TUR" is a range on the indexed
 * column (TUR <= code < TUS) or the actor's country, so it matches TUR,
 * TURGOV and TURMIL.  Periods of a timeline are computed here from the
 * stored day numbers (days since 0000-03-01, dates.c), the same way for
 * both back ends. */
#include "store_db.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Parameters ---------------------------------------------------------- */
#define MAX_PARAMS 32
typedef struct {
    int type; /* 0 text, 1 int, 2 double */
    char text[64];
    long long i;
    double d;
} param;
typedef struct {
    buf sql;
    param p[MAX_PARAMS];
    int n, overflow;
} query;

static void q_text(query *q, const char *s) {
    if (q->n >= MAX_PARAMS) { q->overflow = 1; return; }
    param *p = &q->p[q->n++];
    p->type = 0;
    snprintf(p->text, sizeof p->text, "%s", s);
}
static void q_int(query *q, long long v) {
    if (q->n >= MAX_PARAMS) { q->overflow = 1; return; }
    q->p[q->n].type = 1;
    q->p[q->n++].i = v;
}
static void q_double(query *q, double v) {
    if (q->n >= MAX_PARAMS) { q->overflow = 1; return; }
    q->p[q->n].type = 2;
    q->p[q->n++].d = v;
}

static int q_prepare(dyad_store *s, query *q, dyad__stmt **st) {
    *st = NULL;
    if (q->sql.oom || q->overflow) { dyad__buf_free(&q->sql); return DYAD_ENOMEM; }
    dyad__buf_putc(&q->sql, 0);
    int rc = dyad__store_prepare(s, q->sql.p, st);
    dyad__buf_free(&q->sql);
    if (rc) return rc;
    for (int i = 0; i < q->n; i++) {
        param *p = &q->p[i];
        if (p->type == 0) s->be->bind_text(*st, i + 1, p->text);
        else if (p->type == 1) s->be->bind_int(*st, i + 1, p->i);
        else s->be->bind_double(*st, i + 1, p->d);
    }
    return 0;
}

/* Codes are upper-case letters and digits: a filter is folded to that. */
static int code_arg(dyad_store *s, const char *in, char *out, size_t cap) {
    size_t n = strlen(in);
    if (n == 0 || n >= cap) return dyad__store_fail(s, DYAD_EINVAL, "bad actor code '%s'", in);
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        if (c >= 'a' && c <= 'z') c = (char)(c - 32);
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return dyad__store_fail(s, DYAD_EINVAL, "bad actor code '%s' (letters and digits)", in);
        out[i] = c;
    }
    out[n] = 0;
    return 0;
}

/* COL >= code AND COL < code+1: the code and every code it begins (TUR:
 * TUR, TURGOV, TURMIL), a range on an indexed column. */
static int match_code(dyad_store *s, query *q, const char *col, const char *code) {
    char lo[64], hi[64];
    int rc = code_arg(s, code, lo, sizeof lo);
    if (rc) return rc;
    memcpy(hi, lo, sizeof lo);
    hi[strlen(hi) - 1]++; /* 'Z' + 1 = '[', '9' + 1 = ':': still above every code below */
    dyad__buf_printf(&q->sql, "(%s >= ? AND %s < ?)", col, col);
    q_text(q, lo);
    q_text(q, hi);
    return 0;
}

static int day_arg(dyad_store *s, const char *date, long long *day) {
    int y, m, d;
    if (dyad_date_parse(date, &y, &m, &d))
        return dyad__store_fail(s, DYAD_EINVAL, "bad date '%s' (YYYY-MM-DD)", date);
    *day = dyad__date_days(y, m, d);
    return 0;
}

static int since_until(dyad_store *s, query *q, const char *since, const char *until) {
    long long d;
    int rc;
    if (since && *since) {
        if ((rc = day_arg(s, since, &d))) return rc;
        dyad__buf_puts(&q->sql, " AND day >= ?");
        q_int(q, d);
    }
    if (until && *until) {
        if ((rc = day_arg(s, until, &d))) return rc;
        dyad__buf_puts(&q->sql, " AND day <= ?");
        q_int(q, d);
    }
    return 0;
}

/* ---- Events ---------------------------------------------------------- */
static const char *EVENT_COLS =
    "SELECT id, date, source, source_country, source_name, target, target_country, target_name, code, root, "
    "quad_class, goldstein, mode, num_mentions, num_articles, num_sources, first_seen, last_seen, first_doc, "
    "source_url, place_name, place_country, place_adm1, place_feature, lat, lon, geonames_id, geo_type, "
    "geo_precision FROM events";

static void copy10(char out[11], const char *s) {
    snprintf(out, 11, "%s", s ? s : "");
}

static void read_event(dyad_store *s, dyad__stmt *st, dyad_stored_event *e) {
    const dyad__backend *be = s->be;
    memset(e, 0, sizeof *e);
    e->id = be->col_int(st, 0);
    copy10(e->date, be->col_text(st, 1));
    e->source = be->col_text(st, 2);
    e->source_country = be->col_text(st, 3);
    e->source_name = be->col_text(st, 4);
    e->target = be->col_text(st, 5);
    e->target_country = be->col_text(st, 6);
    e->target_name = be->col_text(st, 7);
    snprintf(e->code, sizeof e->code, "%s", be->col_text(st, 8) ? be->col_text(st, 8) : "");
    snprintf(e->root, sizeof e->root, "%s", be->col_text(st, 9) ? be->col_text(st, 9) : "");
    e->quad_class = (int)be->col_int(st, 10);
    e->goldstein = be->col_double(st, 11);
    e->mode = be->col_text(st, 12);
    e->num_mentions = be->col_int(st, 13);
    e->num_articles = be->col_int(st, 14);
    e->num_sources = be->col_int(st, 15);
    copy10(e->first_seen, be->col_text(st, 16));
    copy10(e->last_seen, be->col_text(st, 17));
    e->first_doc = be->col_text(st, 18);
    e->source_url = be->col_text(st, 19);
    e->has_place = !be->col_null(st, 20);
    e->place_name = be->col_text(st, 20);
    e->place_country = be->col_text(st, 21);
    e->place_adm1 = be->col_text(st, 22);
    e->place_feature = be->col_text(st, 23);
    e->lat = be->col_null(st, 24) ? NAN : be->col_double(st, 24);
    e->lon = be->col_null(st, 25) ? NAN : be->col_double(st, 25);
    e->geonames_id = be->col_int(st, 26);
    e->geo_type = (int)be->col_int(st, 27);
    e->geo_precision = (int)be->col_int(st, 28);
}

static double dist_km(double la1, double lo1, double la2, double lo2) {
    const double R = 6371.0088, D = 3.14159265358979323846 / 180;
    double a = sin((la2 - la1) * D / 2), b = sin((lo2 - lo1) * D / 2);
    double h = a * a + cos(la1 * D) * cos(la2 * D) * b * b;
    return 2 * R * asin(sqrt(h < 1 ? h : 1));
}

int dyad_store_events(dyad_store *s, const dyad_event_query *qq, dyad_event_fn fn, void *user) {
    if (!s || !fn) return DYAD_EINVAL;
    dyad_event_query none = {0};
    if (!qq) qq = &none;
    query q = {0};
    int rc = 0;
    dyad__buf_puts(&q.sql, EVENT_COLS);
    dyad__buf_puts(&q.sql, " WHERE 1 = 1");
    if (qq->actor && *qq->actor && qq->target && *qq->target && qq->either) {
        dyad__buf_puts(&q.sql, " AND ((");
        if ((rc = match_code(s, &q, "source", qq->actor))) goto fail;
        dyad__buf_puts(&q.sql, " AND ");
        if ((rc = match_code(s, &q, "target", qq->target))) goto fail;
        dyad__buf_puts(&q.sql, ") OR (");
        if ((rc = match_code(s, &q, "source", qq->target))) goto fail;
        dyad__buf_puts(&q.sql, " AND ");
        if ((rc = match_code(s, &q, "target", qq->actor))) goto fail;
        dyad__buf_puts(&q.sql, "))");
    } else {
        if (qq->actor && *qq->actor) {
            dyad__buf_puts(&q.sql, " AND ");
            if ((rc = match_code(s, &q, "source", qq->actor))) goto fail;
        }
        if (qq->target && *qq->target) {
            dyad__buf_puts(&q.sql, " AND ");
            if ((rc = match_code(s, &q, "target", qq->target))) goto fail;
        }
    }
    if ((rc = since_until(s, &q, qq->since, qq->until))) goto fail;
    if (qq->code && *qq->code) {
        char c[8];
        size_t n = strlen(qq->code);
        if (n > 6 || strspn(qq->code, "0123456789") != n) {
            rc = dyad__store_fail(s, DYAD_EINVAL, "bad CAMEO code '%s' (digits: 04, 043)", qq->code);
            goto fail;
        }
        memcpy(c, qq->code, n + 1);
        char hi[8];
        memcpy(hi, c, n + 1);
        hi[n - 1]++;
        dyad__buf_puts(&q.sql, " AND code >= ? AND code < ?");
        q_text(&q, c);
        q_text(&q, hi);
    }
    if (qq->mode && *qq->mode) {
        if (strcmp(qq->mode, "asserted") && strcmp(qq->mode, "negated") && strcmp(qq->mode, "hypothetical")) {
            rc = dyad__store_fail(s, DYAD_EINVAL, "bad mode '%s' (asserted, negated, hypothetical)", qq->mode);
            goto fail;
        }
        dyad__buf_puts(&q.sql, " AND mode = ?");
        q_text(&q, qq->mode);
    }
    if (qq->country && *qq->country) {
        char c[8];
        if ((rc = code_arg(s, qq->country, c, sizeof c))) goto fail;
        dyad__buf_puts(&q.sql, " AND place_country = ?");
        q_text(&q, c);
    }
    if (qq->quad_class) {
        if (qq->quad_class < 1 || qq->quad_class > 4) { rc = dyad__store_fail(s, DYAD_EINVAL, "QuadClass is 1 to 4"); goto fail; }
        dyad__buf_puts(&q.sql, " AND quad_class = ?");
        q_int(&q, qq->quad_class);
    }
    if (qq->near) {
        if (!(qq->lat >= -90 && qq->lat <= 90 && qq->lon >= -180 && qq->lon <= 180 && qq->km > 0 && qq->km <= 20000)) {
            rc = dyad__store_fail(s, DYAD_EINVAL, "bad --near (LAT,LON in degrees, km above 0)");
            goto fail;
        }
        double dlat = qq->km / 111.0;
        dyad__buf_puts(&q.sql, " AND lat >= ? AND lat <= ?");
        q_double(&q, qq->lat - dlat);
        q_double(&q, qq->lat + dlat);
        double c = cos(qq->lat * 3.14159265358979323846 / 180);
        if (c > 0.05) {
            double dlon = qq->km / (111.0 * c);
            if (qq->lon - dlon > -180 && qq->lon + dlon < 180) {
                dyad__buf_puts(&q.sql, " AND lon >= ? AND lon <= ?");
                q_double(&q, qq->lon - dlon);
                q_double(&q, qq->lon + dlon);
            }
        }
    }
    if (qq->limit < 0 || qq->offset < 0) { rc = dyad__store_fail(s, DYAD_EINVAL, "negative limit or offset"); goto fail; }
    dyad__buf_puts(&q.sql, " ORDER BY day DESC NULLS LAST, id DESC");
    if (!qq->near && qq->limit > 0) {
        dyad__buf_puts(&q.sql, " LIMIT ? OFFSET ?");
        q_int(&q, qq->limit);
        q_int(&q, qq->offset);
    } else if (!qq->near && qq->offset > 0) {
        /* SQLite has no OFFSET without LIMIT; -1 there is "no limit" */
        dyad__buf_puts(&q.sql, strcmp(s->be->name, "sqlite") == 0 ? " LIMIT -1 OFFSET ?" : " OFFSET ?");
        q_int(&q, qq->offset);
    }
    dyad__stmt *st;
    if ((rc = q_prepare(s, &q, &st))) return rc;
    long long skipped = 0, given = 0;
    int cb = 0;
    while ((rc = s->be->step(st)) == 1) {
        dyad_stored_event e;
        read_event(s, st, &e);
        if (qq->near) {
            if (isnan(e.lat) || dist_km(qq->lat, qq->lon, e.lat, e.lon) > qq->km) continue;
            if (skipped < qq->offset) { skipped++; continue; }
            if (qq->limit > 0 && given >= qq->limit) { rc = 0; break; }
        }
        given++;
        if ((rc = fn(user, &e))) { cb = 1; break; }
    }
    if (rc < 0 && !cb) dyad__store_fail(s, rc, "query failed: %s", s->be->errmsg(s->db));
    s->be->finalize(st);
    return rc;
fail:
    dyad__buf_free(&q.sql);
    return rc;
}

int dyad_store_event(dyad_store *s, long long id, dyad_event_fn fn, void *user) {
    if (!s || !fn) return DYAD_EINVAL;
    query q = {0};
    dyad__buf_puts(&q.sql, EVENT_COLS);
    dyad__buf_puts(&q.sql, " WHERE id = ?");
    q_int(&q, id);
    dyad__stmt *st;
    int rc = q_prepare(s, &q, &st);
    if (rc) return rc;
    rc = s->be->step(st);
    int found = rc == 1;
    if (found) {
        dyad_stored_event e;
        read_event(s, st, &e);
        rc = fn(user, &e);
    } else if (rc < 0) {
        dyad__store_fail(s, rc, "query failed: %s", s->be->errmsg(s->db));
    }
    s->be->finalize(st);
    if (rc < 0 || (found && rc)) return rc;
    return found ? 0 : dyad__store_fail(s, DYAD_EINVAL, "no event %lld", id);
}

int dyad_store_mentions(dyad_store *s, long long event_id, dyad_mention_fn fn, void *user) {
    if (!s || !fn) return DYAD_EINVAL;
    query q = {0};
    dyad__buf_puts(&q.sql,
                   "SELECT m.id, m.event_id, m.doc_id, d.date, d.title, d.source, d.url, m.key, m.sentence, "
                   "m.sent_start, m.sent_end, m.text, m.source_text, m.target_text, m.verb, m.source_start, "
                   "m.source_end, m.target_start, m.target_end, m.verb_start, m.verb_end, m.mode, m.attribution, "
                   "m.pattern, m.date, m.date_precision, m.place_name, m.place_reason, m.geonames_id, m.lat, m.lon, "
                   "d.text_bytes "
                   "FROM mentions m JOIN documents d ON d.id = m.doc_id");
    if (event_id) {
        dyad__buf_puts(&q.sql, " WHERE m.event_id = ?");
        q_int(&q, event_id);
    }
    dyad__buf_puts(&q.sql, " ORDER BY m.id");
    dyad__stmt *st;
    int rc = q_prepare(s, &q, &st);
    if (rc) return rc;
    const dyad__backend *be = s->be;
    while ((rc = be->step(st)) == 1) {
        dyad_stored_mention m;
        memset(&m, 0, sizeof m);
        m.id = be->col_int(st, 0);
        m.event_id = be->col_int(st, 1);
        m.doc = be->col_text(st, 2);
        m.doc_date = be->col_text(st, 3);
        m.title = be->col_text(st, 4);
        m.outlet = be->col_text(st, 5);
        m.url = be->col_text(st, 6);
        m.key = be->col_text(st, 7);
        m.sentence = (int)be->col_int(st, 8);
        m.start = be->col_int(st, 9);
        m.end = be->col_int(st, 10);
        m.text = be->col_text(st, 11);
        m.source_text = be->col_text(st, 12);
        m.target_text = be->col_text(st, 13);
        m.verb = be->col_text(st, 14);
        m.source_start = be->col_int(st, 15);
        m.source_end = be->col_int(st, 16);
        m.target_start = be->col_int(st, 17);
        m.target_end = be->col_int(st, 18);
        m.verb_start = be->col_int(st, 19);
        m.verb_end = be->col_int(st, 20);
        m.mode = be->col_text(st, 21);
        m.attribution = be->col_text(st, 22);
        m.pattern = be->col_text(st, 23);
        copy10(m.date, be->col_text(st, 24));
        m.date_precision = be->col_text(st, 25);
        m.place_name = be->col_text(st, 26);
        m.place_reason = be->col_text(st, 27);
        m.place_geonames_id = be->col_int(st, 28);
        m.has_place = m.place_name != NULL;
        m.lat = be->col_null(st, 29) ? NAN : be->col_double(st, 29);
        m.lon = be->col_null(st, 30) ? NAN : be->col_double(st, 30);
        m.doc_bytes = be->col_int(st, 31);
        int r = fn(user, &m);
        if (r) { rc = r; break; }
    }
    if (rc < 0) dyad__store_fail(s, rc, "query failed: %s", be->errmsg(s->db));
    be->finalize(st);
    return rc;
}

/* ---- Dyads ----------------------------------------------------------- */
int dyad_store_dyads(dyad_store *s, int top, const char *since, const char *until, dyad_dyad_fn fn,
                     void *user) {
    if (!s || !fn || top < 0) return DYAD_EINVAL;
    query q = {0};
    dyad__buf_puts(&q.sql,
                   "SELECT source, target, count(*), sum(num_mentions), avg(goldstein), sum(goldstein), "
                   "sum(CASE WHEN quad_class = 1 THEN 1 ELSE 0 END), sum(CASE WHEN quad_class = 2 THEN 1 ELSE 0 END), "
                   "sum(CASE WHEN quad_class = 3 THEN 1 ELSE 0 END), sum(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END) "
                   "FROM events WHERE mode = 'asserted' AND source <> target");
    int rc = since_until(s, &q, since, until);
    if (rc) { dyad__buf_free(&q.sql); return rc; }
    dyad__buf_puts(&q.sql, " GROUP BY source, target ORDER BY count(*) DESC, source, target");
    if (top > 0) {
        dyad__buf_puts(&q.sql, " LIMIT ?");
        q_int(&q, top);
    }
    dyad__stmt *st;
    if ((rc = q_prepare(s, &q, &st))) return rc;
    const dyad__backend *be = s->be;
    while ((rc = be->step(st)) == 1) {
        dyad_dyad_row d;
        d.source = be->col_text(st, 0);
        d.target = be->col_text(st, 1);
        d.events = be->col_int(st, 2);
        d.mentions = be->col_int(st, 3);
        d.goldstein_mean = be->col_double(st, 4);
        d.goldstein_sum = be->col_double(st, 5);
        for (int k = 0; k < 4; k++) d.quad[k] = be->col_int(st, 6 + k);
        int r = fn(user, &d);
        if (r) { rc = r; break; }
    }
    if (rc < 0) dyad__store_fail(s, rc, "query failed: %s", be->errmsg(s->db));
    be->finalize(st);
    return rc;
}

/* ---- Timelines ------------------------------------------------------- */
int dyad_period_parse(const char *s, dyad_period *by) {
    if (!s || !by) return DYAD_EINVAL;
    if (!strcmp(s, "day")) *by = DYAD_BY_DAY;
    else if (!strcmp(s, "week")) *by = DYAD_BY_WEEK;
    else if (!strcmp(s, "month")) *by = DYAD_BY_MONTH;
    else if (!strcmp(s, "year")) *by = DYAD_BY_YEAR;
    else return DYAD_EINVAL;
    return 0;
}

/* The period DAY falls in: its label and first day. */
static long long period_of(long long day, dyad_period by, char label[11], char start[11]) {
    char d[11];
    dyad__date_format((int)day, d);
    int y = atoi(d), m = atoi(d + 5);
    long long first = day;
    switch (by) {
    case DYAD_BY_DAY: memcpy(label, d, 11); break;
    case DYAD_BY_MONTH:
        snprintf(label, 11, "%04d-%02d", y, m);
        first = dyad__date_days(y, m, 1);
        break;
    case DYAD_BY_YEAR:
        snprintf(label, 11, "%04d", y);
        first = dyad__date_days(y, 1, 1);
        break;
    case DYAD_BY_WEEK: {
        /* ISO 8601: weeks start on Monday; week 1 holds the year's first Thursday */
        long long thu1970 = dyad__date_days(1970, 1, 1); /* a Thursday */
        long long wd = ((day - thu1970 + 3) % 7 + 7) % 7; /* 0 Monday */
        first = day - wd;
        long long thu = first + 3;
        char t[11];
        dyad__date_format((int)thu, t);
        int ty = atoi(t);
        long long week = (thu - dyad__date_days(ty, 1, 1)) / 7 + 1;
        snprintf(label, 11, "%04d-W%02lld", ty % 10000, week % 100);
        break;
    }
    }
    dyad__date_format((int)first, start);
    return first;
}

typedef struct { char code[8]; long long n; } code_count;
typedef struct {
    dyad_timeline_row row;
    long long first;
    code_count codes[16];
    int ncodes;
} agg;

static int cmp_codes(const void *a, const void *b) {
    const code_count *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    return strcmp(x->code, y->code);
}

static void finish_agg(agg *a) {
    qsort(a->codes, (size_t)a->ncodes, sizeof a->codes[0], cmp_codes);
    size_t o = 0;
    a->row.top_codes[0] = 0;
    for (int k = 0; k < a->ncodes && k < 3; k++) {
        int w = snprintf(a->row.top_codes + o, sizeof a->row.top_codes - o, "%s%s:%lld", k ? " " : "",
                         a->codes[k].code, a->codes[k].n);
        if (w < 0 || o + (size_t)w >= sizeof a->row.top_codes) break;
        o += (size_t)w;
    }
    a->row.goldstein_mean = a->row.events ? a->row.goldstein_sum / (double)a->row.events : 0;
}

/* Reads one direction's events into period aggregates, in period order. */
static int timeline_dir(dyad_store *s, const char *src, const char *tgt, dyad_period by, const char *since,
                        const char *until, int dir, agg **out, size_t *nout) {
    query q = {0};
    dyad__buf_puts(&q.sql, "SELECT day, code, quad_class, goldstein FROM events WHERE mode = 'asserted' "
                           "AND day IS NOT NULL AND ");
    int rc = match_code(s, &q, "source", src);
    if (!rc) { dyad__buf_puts(&q.sql, " AND "); rc = match_code(s, &q, "target", tgt); }
    if (!rc) rc = since_until(s, &q, since, until);
    if (rc) { dyad__buf_free(&q.sql); return rc; }
    /* "+day": sort the few rows the actors select, rather than walk the
     * whole table in day order */
    dyad__buf_puts(&q.sql, " ORDER BY +day");
    dyad__stmt *st;
    if ((rc = q_prepare(s, &q, &st))) return rc;
    agg *v = NULL;
    size_t n = 0, cap = 0;
    const dyad__backend *be = s->be;
    while ((rc = be->step(st)) == 1) {
        long long day = be->col_int(st, 0);
        char label[11], start[11];
        long long first = period_of(day, by, label, start);
        if (!n || v[n - 1].first != first) {
            if (dyad__grow_array(&v, &cap, n, sizeof *v, 64)) { rc = DYAD_ENOMEM; break; }
            memset(&v[n], 0, sizeof v[n]);
            v[n].first = first;
            memcpy(v[n].row.period, label, 11);
            memcpy(v[n].row.start, start, 11);
            v[n].row.direction = dir;
            n++;
        }
        agg *a = &v[n - 1];
        a->row.events++;
        int qc = (int)be->col_int(st, 2);
        if (qc >= 1 && qc <= 4) a->row.quad[qc - 1]++;
        a->row.goldstein_sum += be->col_double(st, 3);
        const char *code = be->col_text(st, 1);
        if (!code) code = "";
        int k;
        for (k = 0; k < a->ncodes; k++)
            if (!strcmp(a->codes[k].code, code)) break;
        if (k < a->ncodes) a->codes[k].n++;
        else if (a->ncodes < 16) {
            snprintf(a->codes[k].code, sizeof a->codes[k].code, "%s", code);
            a->codes[k].n = 1;
            a->ncodes++;
        }
    }
    if (rc < 0 && rc != DYAD_ENOMEM) dyad__store_fail(s, rc, "query failed: %s", be->errmsg(s->db));
    be->finalize(st);
    if (rc < 0) { free(v); return rc; }
    for (size_t i = 0; i < n; i++) finish_agg(&v[i]);
    *out = v;
    *nout = n;
    return 0;
}

int dyad_store_timeline(dyad_store *s, const char *a, const char *b, dyad_period by, const char *since,
                        const char *until, dyad_timeline_fn fn, void *user) {
    if (!s || !a || !b || !fn || by < DYAD_BY_DAY || by > DYAD_BY_YEAR) return DYAD_EINVAL;
    agg *ab = NULL, *ba = NULL;
    size_t nab = 0, nba = 0;
    int rc = timeline_dir(s, a, b, by, since, until, 0, &ab, &nab);
    if (!rc) rc = timeline_dir(s, b, a, by, since, until, 1, &ba, &nba);
    size_t i = 0, j = 0;
    while (!rc && (i < nab || j < nba)) {
        if (j >= nba || (i < nab && ab[i].first <= ba[j].first)) rc = fn(user, &ab[i++].row);
        else rc = fn(user, &ba[j++].row);
    }
    free(ab);
    free(ba);
    return rc;
}

/* ---- Actors, counts ---------------------------------------------------- */
int dyad_store_actors(dyad_store *s, const char *qs, int top, dyad_actor_fn fn, void *user) {
    if (!s || !fn || top < 0) return DYAD_EINVAL;
    query q = {0};
    /* One row per code; a search lists each of a code's names that matches
     * ("Recep Tayyip Erdogan" and "Erdogan" both under TURGOV). */
    int search = qs && *qs;
    dyad__buf_printf(&q.sql,
                     "SELECT a.code, max(a.country), %s, max(coalesce(x.src, 0)), max(coalesce(x.tgt, 0)), "
                     "max(coalesce(x.men, 0)) FROM actors a LEFT JOIN (SELECT code, sum(src) AS src, sum(tgt) AS tgt, "
                     "sum(men) AS men FROM (SELECT source AS code, 1 AS src, 0 AS tgt, num_mentions AS men FROM events "
                     "WHERE mode = 'asserted' UNION ALL SELECT target, 0, 1, num_mentions FROM events "
                     "WHERE mode = 'asserted') u GROUP BY code) x ON x.code = a.code",
                     search ? "a.name" : "min(NULLIF(a.name, ''))");
    if (search) {
        char lo[64], hi[64], like[80];
        size_t n = strlen(qs);
        if (n > 60) { dyad__buf_free(&q.sql); return dyad__store_fail(s, DYAD_EINVAL, "search text too long"); }
        int is_code = code_arg(s, qs, lo, sizeof lo) == 0;
        s->msg.n = 0;
        size_t o = 0;
        like[o++] = '%';
        for (size_t i = 0; i < n && o < sizeof like - 3; i++) {
            char c = qs[i];
            if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
            if (c == '%' || c == '_' || c == '\\') like[o++] = '\\';
            like[o++] = c;
        }
        like[o++] = '%';
        like[o] = 0;
        dyad__buf_puts(&q.sql, " WHERE (lower(a.name) LIKE ? ESCAPE '\\'");
        q_text(&q, like);
        if (is_code) {
            memcpy(hi, lo, sizeof lo);
            hi[strlen(hi) - 1]++;
            dyad__buf_puts(&q.sql, " OR (a.code >= ? AND a.code < ?)");
            q_text(&q, lo);
            q_text(&q, hi);
        }
        dyad__buf_puts(&q.sql, ")");
    }
    dyad__buf_puts(&q.sql, search ? " GROUP BY a.code, a.name" : " GROUP BY a.code");
    dyad__buf_puts(&q.sql, " ORDER BY max(coalesce(x.src, 0)) + max(coalesce(x.tgt, 0)) DESC, a.code");
    if (top > 0) {
        dyad__buf_puts(&q.sql, " LIMIT ?");
        q_int(&q, top);
    }
    dyad__stmt *st;
    int rc = q_prepare(s, &q, &st);
    if (rc) return rc;
    const dyad__backend *be = s->be;
    while ((rc = be->step(st)) == 1) {
        dyad_actor_row r = {be->col_text(st, 0), be->col_text(st, 1), be->col_text(st, 2),
                            be->col_int(st, 3), be->col_int(st, 4), be->col_int(st, 5)};
        int x = fn(user, &r);
        if (x) { rc = x; break; }
    }
    if (rc < 0) dyad__store_fail(s, rc, "query failed: %s", be->errmsg(s->db));
    be->finalize(st);
    return rc;
}

static int count_of(dyad_store *s, const char *sql, long long *n) {
    dyad__stmt *st;
    int rc = dyad__store_prepare(s, sql, &st);
    if (rc) return rc;
    rc = s->be->step(st);
    *n = rc == 1 ? s->be->col_int(st, 0) : 0;
    if (rc < 0) dyad__store_fail(s, rc, "query failed: %s", s->be->errmsg(s->db));
    s->be->finalize(st);
    return rc < 0 ? rc : 0;
}

int dyad_store_get_stats(dyad_store *s, dyad_store_stats *out) {
    if (!s || !out) return DYAD_EINVAL;
    memset(out, 0, sizeof *out);
    int rc;
    if ((rc = count_of(s, "SELECT count(*) FROM documents", &out->documents)) ||
        (rc = count_of(s, "SELECT count(*) FROM events", &out->events)) ||
        (rc = count_of(s, "SELECT count(*) FROM mentions", &out->mentions)) ||
        (rc = count_of(s, "SELECT count(*) FROM actors", &out->actors)))
        return rc;
    dyad__stmt *st;
    if ((rc = dyad__store_prepare(s, "SELECT min(date), max(date) FROM events", &st))) return rc;
    rc = s->be->step(st);
    if (rc == 1) {
        copy10(out->first_date, s->be->col_text(st, 0));
        copy10(out->last_date, s->be->col_text(st, 1));
    }
    s->be->finalize(st);
    return rc < 0 ? rc : 0;
}
