/* store.c -- the event store: opening a database, its schema, and storing
 * documents with their events merged across reports (docs/store.md).
 *
 * Tables: dyad_meta (schema version, merge rule), documents (one row per
 * document id, with a hash of its title and text), actors, events (one row
 * per real-world event, with GDELT-style counts) and mentions (one row per
 * event a sentence reports, pointing at its event; a merge never deletes
 * one).  The back end (SQLite or PostgreSQL) is behind store_db.h.
 *
 * Storing one document: if its id is known with the same hash, nothing
 * happens; with another hash its mentions are deleted first.  Each event of
 * the result then finds the stored event it reports (same source, target,
 * code and mode, the date the merge rule accepts, places not too far apart)
 * or makes a new one, gets a mention row, and its counts grow by what the
 * mention adds (one more mention; one more article for the document's first
 * mention of it; one more source for an outlet not seen on it before).  An
 * event whose reports were replaced is counted again from its rows, and
 * deleted when none is left.  tests/store.py checks the counts against the
 * rows. */
#include "store_db.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SCHEMA[] = {
    "CREATE TABLE dyad_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE documents (id TEXT PRIMARY KEY, date TEXT, title TEXT, source TEXT, url TEXT, "
    "text_hash TEXT NOT NULL, text_bytes BIGINT NOT NULL, sentences BIGINT NOT NULL, "
    "events BIGINT NOT NULL)",
    "CREATE TABLE actors (code TEXT NOT NULL, name TEXT NOT NULL, country TEXT, PRIMARY KEY (code, name))",
    "CREATE TABLE events (id @ID, day BIGINT, date TEXT, source TEXT NOT NULL, source_country TEXT, "
    "source_name TEXT, target TEXT NOT NULL, target_country TEXT, target_name TEXT, "
    "code TEXT NOT NULL, root TEXT NOT NULL, quad_class BIGINT NOT NULL, goldstein @REAL NOT NULL, "
    "mode TEXT NOT NULL, num_mentions BIGINT NOT NULL DEFAULT 0, num_articles BIGINT NOT NULL DEFAULT 0, "
    "num_sources BIGINT NOT NULL DEFAULT 0, first_seen TEXT, last_seen TEXT, first_doc TEXT, source_url TEXT, "
    "place_name TEXT, place_country TEXT, place_adm1 TEXT, place_feature TEXT, lat @REAL, lon @REAL, "
    "geonames_id BIGINT, geo_type BIGINT, geo_precision BIGINT)",
    "CREATE INDEX events_merge ON events (source, target, code, mode, day)",
    "CREATE INDEX events_day ON events (day)",
    "CREATE INDEX events_target ON events (target, source, day)",
    "CREATE INDEX events_place ON events (place_country, day)",
    "CREATE TABLE mentions (id @ID, event_id BIGINT NOT NULL REFERENCES events (id), "
    "doc_id TEXT NOT NULL REFERENCES documents (id), key TEXT NOT NULL, sentence BIGINT NOT NULL, "
    "sent_start BIGINT NOT NULL, sent_end BIGINT NOT NULL, text TEXT NOT NULL, "
    "source TEXT NOT NULL, source_text TEXT, source_start BIGINT, source_end BIGINT, "
    "target TEXT NOT NULL, target_text TEXT, target_start BIGINT, target_end BIGINT, "
    "verb TEXT, verb_start BIGINT, verb_end BIGINT, code TEXT NOT NULL, mode TEXT NOT NULL, "
    "attribution TEXT, attribution_text TEXT, pattern TEXT, date TEXT, date_precision TEXT, day BIGINT, "
    "place_name TEXT, place_country TEXT, place_reason TEXT, geonames_id BIGINT, lat @REAL, lon @REAL, "
    "goldstein @REAL, UNIQUE (doc_id, key))",
    "CREATE INDEX mentions_event ON mentions (event_id)",
    /* the outlets that reported each event: NumSources without a scan */
    "CREATE TABLE event_sources (event_id BIGINT NOT NULL REFERENCES events (id), source TEXT NOT NULL, "
    "PRIMARY KEY (event_id, source))",
    NULL};

static void actors_forget(dyad_store *s);

/* ---- Messages ---------------------------------------------------------- */
int dyad__store_fail(dyad_store *s, int rc, const char *fmt, ...) {
    s->msg.n = 0;
    s->msg.oom = 0;
    dyad__buf_printf(&s->msg, "%s: ", s->uri ? s->uri : "database");
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    dyad__buf_puts(&s->msg, tmp);
    dyad__buf_putc(&s->msg, 0);
    return rc;
}

static int db_fail(dyad_store *s, int rc, const char *what) {
    return dyad__store_fail(s, rc, "%s: %s", what, s->be->errmsg(s->db));
}

int dyad__store_prepare(dyad_store *s, const char *sql, dyad__stmt **out) {
    int rc = s->be->prepare(s->db, sql, out);
    if (rc) return db_fail(s, rc, "cannot prepare a statement");
    return 0;
}

const char *dyad_store_errmsg(const dyad_store *s) {
    return s && s->msg.p && s->msg.n ? s->msg.p : "";
}
int dyad_store_schema_version(const dyad_store *s) { return s ? s->schema : 0; }
const char *dyad_store_backend(const dyad_store *s) { return s ? s->be->name : ""; }

/* ---- Merge rules ------------------------------------------------------- */
int dyad_merge_parse(const char *s, dyad_merge_rule *r) {
    if (!s || !r) return DYAD_EINVAL;
    dyad_merge_rule m = {DYAD_MERGE_DAY, 0, 0};
    const char *comma = strchr(s, ',');
    size_t n = comma ? (size_t)(comma - s) : strlen(s);
    char *end;
    if (n == 3 && strncmp(s, "day", 3) == 0) m.kind = DYAD_MERGE_DAY;
    else if (n == 4 && strncmp(s, "none", 4) == 0) m.kind = DYAD_MERGE_NONE;
    else if (n > 7 && strncmp(s, "window:", 7) == 0) {
        long w = strtol(s + 7, &end, 10);
        if (end != s + n || w < 1 || w > 365) return DYAD_EINVAL;
        m.kind = DYAD_MERGE_WINDOW;
        m.window_days = (int)w;
    } else return DYAD_EINVAL;
    if (comma) {
        if (strncmp(comma + 1, "km:", 3) != 0) return DYAD_EINVAL;
        double km = strtod(comma + 4, &end);
        if (end == comma + 4 || *end || !(km > 0 && km <= 20000)) return DYAD_EINVAL;
        m.place_km = km;
    }
    *r = m;
    return 0;
}

static void merge_format(const dyad_merge_rule *r, char *out, size_t cap) {
    double km = r->place_km > 0 ? r->place_km : 50;
    if (r->kind == DYAD_MERGE_NONE) snprintf(out, cap, "none");
    else if (r->kind == DYAD_MERGE_WINDOW) snprintf(out, cap, "window:%d,km:%g", r->window_days, km);
    else snprintf(out, cap, "day,km:%g", km);
}

static int meta_get(dyad_store *s, const char *key, char *out, size_t cap) {
    dyad__stmt *st;
    int rc = dyad__store_prepare(s, "SELECT value FROM dyad_meta WHERE key = ?", &st);
    if (rc) return rc;
    s->be->bind_text(st, 1, key);
    rc = s->be->step(st);
    if (rc == 1) {
        const char *v = s->be->col_text(st, 0);
        snprintf(out, cap, "%s", v ? v : "");
    } else if (rc < 0) {
        db_fail(s, rc, "cannot read dyad_meta");
    }
    s->be->finalize(st);
    return rc; /* 1 found, 0 not */
}

static int meta_put(dyad_store *s, const char *key, const char *value) {
    dyad__stmt *st;
    int rc = dyad__store_prepare(s, "INSERT INTO dyad_meta (key, value) VALUES (?, ?) "
                                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", &st);
    if (rc) return rc;
    s->be->bind_text(st, 1, key);
    s->be->bind_text(st, 2, value);
    rc = s->be->step(st);
    s->be->finalize(st);
    return rc < 0 ? db_fail(s, rc, "cannot write dyad_meta") : 0;
}

int dyad_store_set_merge(dyad_store *s, const dyad_merge_rule *rule) {
    if (!s) return DYAD_EINVAL;
    if (!rule) return 0;
    dyad_merge_rule r = *rule;
    if (r.place_km <= 0) r.place_km = 50;
    if (r.kind == DYAD_MERGE_WINDOW && (r.window_days < 1 || r.window_days > 365))
        return dyad__store_fail(s, DYAD_EINVAL, "a merge window is 1 to 365 days");
    char want[64], have[64];
    merge_format(&r, want, sizeof want);
    if (s->merge_set) {
        merge_format(&s->merge, have, sizeof have);
        if (strcmp(want, have) != 0)
            return dyad__store_fail(s, DYAD_EINVAL,
                                    "the database merges with --merge %s; it cannot be ingested with --merge %s "
                                    "(a new database can)", have, want);
        return 0;
    }
    s->merge = r;
    return 0;
}

void dyad_store_get_merge(const dyad_store *s, dyad_merge_rule *rule) {
    if (s && rule) *rule = s->merge;
}

/* ---- Opening, the schema ----------------------------------------------- */
static int create_schema(dyad_store *s) {
    for (int i = 0; SCHEMA[i]; i++) {
        char sql[2048];
        const char *p = SCHEMA[i];
        size_t o = 0;
        while (*p && o + 64 < sizeof sql) {
            if (strncmp(p, "@ID", 3) == 0) { o += (size_t)snprintf(sql + o, sizeof sql - o, "%s", s->be->id_type); p += 3; }
            else if (strncmp(p, "@REAL", 5) == 0) { o += (size_t)snprintf(sql + o, sizeof sql - o, "%s", s->be->real_type); p += 5; }
            else sql[o++] = *p++;
        }
        sql[o] = 0;
        int rc = s->be->exec(s->db, sql);
        if (rc) return db_fail(s, rc, "cannot create the schema");
    }
    char v[16];
    snprintf(v, sizeof v, "%d", DYAD_SCHEMA_VERSION);
    int rc = meta_put(s, "schema_version", v);
    if (!rc) rc = meta_put(s, "created_by", "dyad " DYAD_VERSION);
    return rc;
}

/* Finds the schema, or creates it in a database with no tables. */
static int check_schema(dyad_store *s, int flags) {
    int rc = s->be->has_table(s->db, "dyad_meta");
    if (rc < 0) return db_fail(s, rc, "cannot read the schema");
    if (rc == 0) {
        int any = 0;
        static const char *ours[] = {"documents", "events", "mentions", "actors", NULL};
        for (int i = 0; ours[i]; i++) {
            int t = s->be->has_table(s->db, ours[i]);
            if (t < 0) return db_fail(s, t, "cannot read the schema");
            any |= t;
        }
        if (any) return dyad__store_fail(s, DYAD_ESCHEMA, "not a dyad database (it has tables but no dyad_meta)");
        if (!s->write)
            return dyad__store_fail(s, DYAD_ESCHEMA, "an empty database (no events stored yet: run dyad ingest --db)");
        if ((rc = s->be->begin(s->db))) return db_fail(s, rc, "cannot begin");
        /* another writer may have created it meanwhile */
        int again = s->be->has_table(s->db, "dyad_meta");
        rc = again < 0 ? db_fail(s, again, "cannot read the schema") : again ? 0 : create_schema(s);
        if (rc) { s->be->exec(s->db, "ROLLBACK"); return rc; }
        if ((rc = s->be->exec(s->db, "COMMIT"))) return db_fail(s, rc, "cannot create the schema");
    }
    char v[64];
    rc = meta_get(s, "schema_version", v, sizeof v);
    if (rc < 0) return rc;
    if (rc == 0) return dyad__store_fail(s, DYAD_ESCHEMA, "not a dyad database (dyad_meta has no schema_version)");
    char *end;
    long ver = strtol(v, &end, 10);
    if (end == v || *end || ver < 1) return dyad__store_fail(s, DYAD_ESCHEMA, "not a dyad database (schema_version '%s')", v);
    s->schema = (int)ver;
    if (ver > DYAD_SCHEMA_VERSION)
        return dyad__store_fail(s, DYAD_ESCHEMA, "schema version %ld was made by a newer dyad; this dyad %s reads version %d",
                                ver, DYAD_VERSION, DYAD_SCHEMA_VERSION);
    if (ver < DYAD_SCHEMA_VERSION) {
        if (flags != DYAD_STORE_MIGRATE)
            return dyad__store_fail(s, DYAD_ESCHEMA, "schema version %ld is older than this dyad's %d: run dyad db migrate --db %s",
                                    ver, DYAD_SCHEMA_VERSION, s->uri);
        /* No older schema has been released: versions before 1 never existed. */
        return dyad__store_fail(s, DYAD_ESCHEMA, "schema version %ld: no migration is known to version %d", ver, DYAD_SCHEMA_VERSION);
    }
    rc = meta_get(s, "merge", v, sizeof v);
    if (rc < 0) return rc;
    if (rc == 1) {
        if (dyad_merge_parse(v, &s->merge)) return dyad__store_fail(s, DYAD_ESCHEMA, "dyad_meta: bad merge rule '%s'", v);
        if (s->merge.place_km <= 0) s->merge.place_km = 50;
        s->merge_set = 1;
    }
    return 0;
}

static int is_pg_uri(const char *u) {
    return strncmp(u, "postgresql://", 13) == 0 || strncmp(u, "postgres://", 11) == 0;
}

/* "postgresql://user:secret@host/db" becomes "postgresql://user:***@host/db"
 * in messages: a password is not repeated on a terminal or in a log. */
static char *hide_password(const char *u) {
    const char *p = strstr(u, "://");
    const char *at = p ? strchr(p + 3, '@') : NULL, *slash = p ? strchr(p + 3, '/') : NULL;
    const char *colon = at && (!slash || at < slash) ? memchr(p + 3, ':', (size_t)(at - p - 3)) : NULL;
    if (!colon) return strdup(u);
    size_t n = (size_t)(colon + 1 - u) + 3 + strlen(at) + 1;
    char *o = malloc(n);
    if (o) snprintf(o, n, "%.*s***%s", (int)(colon + 1 - u), u, at);
    return o;
}

int dyad_store_open(const char *uri, int flags, dyad_store **out) {
    if (!out) return DYAD_EINVAL;
    *out = NULL;
    if (!uri || !*uri || flags < DYAD_STORE_READ || flags > DYAD_STORE_MIGRATE) return DYAD_EINVAL;
    dyad_store *s = calloc(1, sizeof *s);
    if (!s) return DYAD_ENOMEM;
    s->write = flags != DYAD_STORE_READ;
    s->merge.kind = DYAD_MERGE_DAY;
    s->merge.place_km = 50;
    if (!(s->uri = is_pg_uri(uri) ? hide_password(uri) : strdup(uri))) { free(s); return DYAD_ENOMEM; }
    char *m = NULL;
    int rc = is_pg_uri(uri) ? dyad__pg_open(uri, s->write, &s->be, &s->db, &m)
                            : dyad__sqlite_open(uri, s->write, &s->be, &s->db, &m);
    *out = s;
    if (rc) {
        dyad__store_fail(s, rc, "%s", m ? m : dyad_strerror(rc));
        free(m);
        return rc;
    }
    if (s->be->lock_schema(s->db, 1)) return db_fail(s, DYAD_EDB, "cannot lock the schema");
    rc = check_schema(s, flags);
    s->be->lock_schema(s->db, 0);
    return rc;
}

static void finalize_all(dyad_store *s) {
    dyad__stmt **all[] = {&s->st_doc_get, &s->st_doc_put, &s->st_doc_update, &s->st_doc_mentions,
                          &s->st_del_mentions, &s->st_cand, &s->st_ev_put, &s->st_ev_place,
                          &s->st_men_put, &s->st_actor_put, &s->st_ev_refresh, &s->st_ev_count,
                          &s->st_ev_delete, &s->st_ev_bump, &s->st_src_put,
                          &s->st_src_clear, &s->st_src_fill};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (*all[i]) s->be->finalize(*all[i]);
        *all[i] = NULL;
    }
}

void dyad_store_close(dyad_store *s) {
    if (!s) return;
    if (s->db) {
        if (s->in_tx) s->be->exec(s->db, "ROLLBACK");
        finalize_all(s);
        s->be->close(s->db);
    }
    free(s->touched);
    free(s->stale);
    actors_forget(s);
    dyad__buf_free(&s->msg);
    free(s->uri);
    free(s);
}

/* ---- Transactions ------------------------------------------------------ */
int dyad_store_begin(dyad_store *s) {
    if (!s || !s->db || !s->write) return DYAD_EINVAL;
    if (s->in_tx) return dyad__store_fail(s, DYAD_EINVAL, "a transaction is already open");
    int rc = s->be->begin(s->db);
    if (rc) return db_fail(s, rc, "cannot begin a transaction");
    s->in_tx = 1;
    return 0;
}

int dyad_store_commit(dyad_store *s) {
    if (!s || !s->in_tx) return DYAD_EINVAL;
    int rc = s->be->exec(s->db, "COMMIT");
    if (rc) {
        db_fail(s, rc, "cannot commit");
        s->be->exec(s->db, "ROLLBACK");
        s->in_tx = 0;
        actors_forget(s);
        return rc;
    }
    s->in_tx = 0;
    return 0;
}

int dyad_store_rollback(dyad_store *s) {
    if (!s || !s->in_tx) return DYAD_EINVAL;
    s->in_tx = 0;
    actors_forget(s); /* what the transaction wrote is gone */
    int rc = s->be->exec(s->db, "ROLLBACK");
    return rc ? db_fail(s, rc, "cannot roll back") : 0;
}

/* ---- Storing a document ------------------------------------------------ */
static int prepare_writes(dyad_store *s) {
    if (s->st_doc_get) return 0;
    struct { dyad__stmt **st; const char *sql; } q[] = {
        {&s->st_doc_get, "SELECT text_hash FROM documents WHERE id = ?"},
        {&s->st_doc_put, "INSERT INTO documents (id, date, title, source, url, text_hash, text_bytes, sentences, events) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id"},
        {&s->st_doc_update, "UPDATE documents SET date = ?, title = ?, source = ?, url = ?, text_hash = ?, "
                            "text_bytes = ?, sentences = ?, events = ? WHERE id = ?"},
        {&s->st_doc_mentions, "SELECT DISTINCT event_id FROM mentions WHERE doc_id = ?"},
        {&s->st_del_mentions, "DELETE FROM mentions WHERE doc_id = ?"},
        {&s->st_cand, "SELECT id, day, lat, lon, place_name FROM events WHERE source = ? AND target = ? AND code = ? "
                      "AND mode = ? AND day >= ? AND day <= ? ORDER BY id"},
        {&s->st_ev_put, "INSERT INTO events (day, date, source, source_country, source_name, target, target_country, "
                        "target_name, code, root, quad_class, goldstein, mode, place_name, place_country, place_adm1, "
                        "place_feature, lat, lon, geonames_id, geo_type, geo_precision, num_mentions, num_articles, "
                        "num_sources, first_seen, last_seen, first_doc, source_url) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?, ?, ?, ?) "
                        "RETURNING id"},
        {&s->st_ev_bump, "UPDATE events SET num_mentions = num_mentions + 1, num_articles = num_articles + ?, "
                         "num_sources = num_sources + ?, "
                         "first_doc = CASE WHEN first_seen IS NULL OR ? < first_seen THEN ? ELSE first_doc END, "
                         "source_url = CASE WHEN first_seen IS NULL OR ? < first_seen THEN ? ELSE source_url END, "
                         "first_seen = CASE WHEN first_seen IS NULL OR ? < first_seen THEN ? ELSE first_seen END, "
                         "last_seen = CASE WHEN last_seen IS NULL OR ? > last_seen THEN ? ELSE last_seen END "
                         "WHERE id = ?"},
        {&s->st_src_put, "INSERT INTO event_sources (event_id, source) VALUES (?, ?) "
                         "ON CONFLICT (event_id, source) DO NOTHING RETURNING event_id"},
        {&s->st_src_clear, "DELETE FROM event_sources WHERE event_id = ?"},
        {&s->st_src_fill, "INSERT INTO event_sources (event_id, source) SELECT DISTINCT m.event_id, "
                          "coalesce(d.source, '') FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?"},
        {&s->st_ev_place, "UPDATE events SET place_name = ?, place_country = ?, place_adm1 = ?, place_feature = ?, "
                          "lat = ?, lon = ?, geonames_id = ?, geo_type = ?, geo_precision = ? "
                          "WHERE id = ? AND place_name IS NULL"},
        {&s->st_men_put, "INSERT INTO mentions (event_id, doc_id, key, sentence, sent_start, sent_end, text, source, "
                         "source_text, source_start, source_end, target, target_text, target_start, target_end, verb, "
                         "verb_start, verb_end, code, mode, attribution, attribution_text, pattern, date, date_precision, "
                         "day, place_name, place_country, place_reason, geonames_id, lat, lon, goldstein) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&s->st_actor_put, "INSERT INTO actors (code, country, name) VALUES (?, ?, ?) ON CONFLICT (code, name) DO NOTHING"},
        {&s->st_ev_refresh,
         "UPDATE events SET num_mentions = (SELECT count(*) FROM mentions WHERE event_id = ?), "
         "num_articles = (SELECT count(DISTINCT doc_id) FROM mentions WHERE event_id = ?), "
         "num_sources = (SELECT count(*) FROM event_sources WHERE event_id = ?), "
         "first_seen = (SELECT min(d.date) FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?), "
         "last_seen = (SELECT max(d.date) FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?), "
         "first_doc = (SELECT m.doc_id FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ? "
         "ORDER BY d.date IS NULL, d.date, m.id LIMIT 1), "
         "source_url = (SELECT d.url FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ? "
         "ORDER BY d.date IS NULL, d.date, m.id LIMIT 1) WHERE id = ?"},
        {&s->st_ev_count, "SELECT count(*) FROM mentions WHERE event_id = ?"},
        {&s->st_ev_delete, "DELETE FROM events WHERE id = ?"},
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        int rc = dyad__store_prepare(s, q[i].sql, q[i].st);
        if (rc) { finalize_all(s); return rc; }
    }
    return 0;
}

/* Adds ID to the set *V: 1 when it was not there, 0 when it was. */
static int add_id(long long **v, size_t *n, size_t *cap, long long id) {
    for (size_t i = 0; i < *n; i++)
        if ((*v)[i] == id) return 0;
    if (dyad__grow_array(v, cap, *n, sizeof **v, 16)) return DYAD_ENOMEM;
    (*v)[(*n)++] = id;
    return 1;
}

/* Runs ST to its end (no rows wanted), then resets it. */
static int run(dyad_store *s, dyad__stmt *st, const char *what) {
    int rc;
    while ((rc = s->be->step(st)) == 1) {}
    if (rc < 0) db_fail(s, rc, what);
    s->be->reset(st);
    return rc < 0 ? rc : 0;
}

static void hash_text(const dyad_doc *d, char out[48]) {
    uint64_t h1 = dyad__hash_bytes(d->text, d->text_len);
    uint64_t h2 = d->title ? dyad__hash_bytes(d->title, strlen(d->title)) : 0;
    snprintf(out, 48, "%016llx%016llx:%zu", (unsigned long long)h1, (unsigned long long)h2, d->text_len);
}

static double haversine_km(double la1, double lo1, double la2, double lo2) {
    const double R = 6371.0088, D = 3.14159265358979323846 / 180;
    double a = sin((la2 - la1) * D / 2), b = sin((lo2 - lo1) * D / 2);
    double h = a * a + cos(la1 * D) * cos(la2 * D) * b * b;
    return 2 * R * asin(sqrt(h < 1 ? h : 1));
}

static char *actor_text(const dyad_actor *a) {
    return a->text ? strndup(a->text, a->text_len) : NULL;
}

/* The counts of event ID grow by one mention of DOC: one more article when
 * it is DOC's first mention of the event, one more source when DOC's outlet
 * had not reported it; first and last seen move to DOC's date when earlier
 * or later. */
static int count_mention(dyad_store *s, const dyad_doc *doc, long long id, int created) {
    const dyad__backend *be = s->be;
    int first = add_id(&s->touched, &s->ntouched, &s->cap_touched, id);
    if (first < 0) return first;
    int new_source = 0, rc;
    if (first) {
        dyad__stmt *st = s->st_src_put;
        be->bind_int(st, 1, id);
        be->bind_text(st, 2, doc->source ? doc->source : "");
        rc = be->step(st);
        be->reset(st);
        if (rc < 0) return db_fail(s, rc, "cannot count an event's sources");
        new_source = rc == 1;
    }
    if (created) return 0; /* the insert counted its first mention, article and source */
    dyad__stmt *st = s->st_ev_bump;
    be->bind_int(st, 1, first);
    be->bind_int(st, 2, new_source);
    const char *date = doc->date;
    be->bind_text(st, 3, date);
    be->bind_text(st, 4, doc->id);
    be->bind_text(st, 5, date);
    be->bind_text(st, 6, doc->url);
    be->bind_text(st, 7, date);
    be->bind_text(st, 8, date);
    be->bind_text(st, 9, date);
    be->bind_text(st, 10, date);
    be->bind_int(st, 11, id);
    return run(s, st, "cannot count an event's reports");
}

/* Finds the event E reports, or 0. */
static int find_event(dyad_store *s, const dyad_event *e, long long day, long long *id) {
    *id = 0;
    if (s->merge.kind == DYAD_MERGE_NONE || day < 0) return 0;
    long long w = s->merge.kind == DYAD_MERGE_WINDOW ? s->merge.window_days : 0;
    dyad__stmt *st = s->st_cand;
    s->be->bind_text(st, 1, e->source.code);
    s->be->bind_text(st, 2, e->target.code);
    s->be->bind_text(st, 3, e->code);
    s->be->bind_text(st, 4, dyad_mode_name(e->mode));
    s->be->bind_int(st, 5, day - w);
    s->be->bind_int(st, 6, day + w);
    long long best = 0, bestd = 0;
    int rc;
    while ((rc = s->be->step(st)) == 1) {
        long long cid = s->be->col_int(st, 0), cday = s->be->col_int(st, 1);
        int cplace = !s->be->col_null(st, 4), ccoord = !s->be->col_null(st, 2);
        if (e->has_place && cplace) {
            if (ccoord && e->place.has_coords) {
                if (haversine_km(s->be->col_double(st, 2), s->be->col_double(st, 3), e->place.lat, e->place.lon) >
                    s->merge.place_km)
                    continue;
            } else {
                const char *cn = s->be->col_text(st, 4);
                if (!cn || !e->place.name || strcmp(cn, e->place.name) != 0) continue;
            }
        }
        long long d = cday > day ? cday - day : day - cday;
        if (!best || d < bestd) { best = cid; bestd = d; }
    }
    s->be->reset(st);
    if (rc < 0) return db_fail(s, rc, "cannot look up events");
    *id = best;
    return 0;
}

static void bind_place(dyad_store *s, dyad__stmt *st, int i, const dyad_event *e) {
    const dyad__backend *be = s->be;
    if (!e->has_place) {
        for (int k = 0; k < 9; k++) be->bind_text(st, i + k, NULL);
        return;
    }
    const dyad_place *p = &e->place;
    be->bind_text(st, i, p->name);
    be->bind_text(st, i + 1, p->country[0] ? p->country : NULL);
    be->bind_text(st, i + 2, p->adm1 && *p->adm1 ? p->adm1 : NULL);
    be->bind_text(st, i + 3, p->feature[0] ? p->feature : NULL);
    if (p->has_coords) { be->bind_double(st, i + 4, p->lat); be->bind_double(st, i + 5, p->lon); }
    else { be->bind_text(st, i + 4, NULL); be->bind_text(st, i + 5, NULL); }
    if (p->geonames_id) be->bind_int(st, i + 6, (long long)p->geonames_id);
    else be->bind_text(st, i + 6, NULL);
    be->bind_int(st, i + 7, p->geo_type);
    be->bind_int(st, i + 8, p->precision);
}

/* Actors already written by this handle (code and name), so that each is
 * written once a session: an open-addressing set of the full keys (compared,
 * so a hash collision never skips a row), cleared when a transaction is
 * rolled back. */
static int actor_seen(dyad_store *s, const dyad_actor *a) {
    char key[512];
    int n = snprintf(key, sizeof key, "%s%c%s", a->code, 0, a->name ? a->name : "");
    if (n < 0 || (size_t)n >= sizeof key) return 0;
    uint64_t h = dyad__hash_bytes(key, (size_t)n);
    if (!s->actors_seen) {
        if (!(s->actors_seen = calloc(DYAD_STORE_ACTOR_CACHE, sizeof *s->actors_seen))) return 0;
    }
    size_t mask = DYAD_STORE_ACTOR_CACHE - 1, i = (size_t)h & mask;
    for (size_t probe = 0; probe < 16; probe++, i = (i + 1) & mask) {
        char *k = s->actors_seen[i];
        if (!k) {
            if (s->nactors_seen * 2 >= DYAD_STORE_ACTOR_CACHE) return 0; /* full: write it */
            if ((k = malloc((size_t)n + 1))) {
                memcpy(k, key, (size_t)n + 1);
                s->actors_seen[i] = k;
                s->nactors_seen++;
            }
            return 0;
        }
        if (memcmp(k, key, (size_t)n + 1) == 0) return 1;
    }
    return 0;
}

static void actors_forget(dyad_store *s) {
    if (!s->actors_seen) return;
    for (size_t i = 0; i < DYAD_STORE_ACTOR_CACHE; i++) free(s->actors_seen[i]);
    free(s->actors_seen);
    s->actors_seen = NULL;
    s->nactors_seen = 0;
}

static int put_actor(dyad_store *s, const dyad_actor *a) {
    if (actor_seen(s, a)) return 0;
    s->be->bind_text(s->st_actor_put, 1, a->code);
    s->be->bind_text(s->st_actor_put, 2, a->country);
    s->be->bind_text(s->st_actor_put, 3, a->name ? a->name : "");
    return run(s, s->st_actor_put, "cannot store an actor");
}

static int put_event(dyad_store *s, const dyad_doc *doc, const dyad_event *e, const char *date,
                     long long day) {
    const dyad__backend *be = s->be;
    long long id = 0;
    int rc = find_event(s, e, day, &id);
    if (rc) return rc;
    int created = !id;
    if (created) {
        dyad__stmt *st = s->st_ev_put;
        if (day >= 0) be->bind_int(st, 1, day);
        else be->bind_text(st, 1, NULL);
        be->bind_text(st, 2, date[0] ? date : NULL);
        be->bind_text(st, 3, e->source.code);
        be->bind_text(st, 4, e->source.country);
        be->bind_text(st, 5, e->source.name);
        be->bind_text(st, 6, e->target.code);
        be->bind_text(st, 7, e->target.country);
        be->bind_text(st, 8, e->target.name);
        be->bind_text(st, 9, e->code);
        be->bind_text(st, 10, e->root);
        be->bind_int(st, 11, e->quad_class);
        be->bind_double(st, 12, e->goldstein);
        be->bind_text(st, 13, dyad_mode_name(e->mode));
        bind_place(s, st, 14, e);
        be->bind_text(st, 23, doc->date);
        be->bind_text(st, 24, doc->date);
        be->bind_text(st, 25, doc->id);
        be->bind_text(st, 26, doc->url);
        rc = be->step(st);
        if (rc == 1) id = be->col_int(st, 0);
        be->reset(st);
        if (rc != 1) return db_fail(s, rc < 0 ? rc : DYAD_EDB, "cannot store an event");
        if ((rc = put_actor(s, &e->source)) || (rc = put_actor(s, &e->target))) return rc;
    } else if (e->has_place) {
        bind_place(s, s->st_ev_place, 1, e);
        be->bind_int(s->st_ev_place, 10, id);
        if ((rc = run(s, s->st_ev_place, "cannot place an event"))) return rc;
    }
    /* the mention */
    dyad__stmt *st = s->st_men_put;
    char *text = strndup(e->text ? e->text : "", e->text ? e->text_len : 0);
    char *stext = actor_text(&e->source), *ttext = actor_text(&e->target);
    char *verb = e->verb ? strndup(e->verb, e->verb_len) : NULL;
    char *atext = e->has_attribution ? actor_text(&e->attribution) : NULL;
    char pat[512] = "";
    if (e->pattern_file) snprintf(pat, sizeof pat, "%s:%d", e->pattern_file, e->pattern_line);
    if (!text) { free(stext); free(ttext); free(verb); free(atext); return DYAD_ENOMEM; }
    be->bind_int(st, 1, id);
    be->bind_text(st, 2, doc->id);
    be->bind_text(st, 3, e->key);
    be->bind_int(st, 4, e->sentence);
    be->bind_int(st, 5, (long long)e->start);
    be->bind_int(st, 6, (long long)e->end);
    be->bind_text(st, 7, text);
    be->bind_text(st, 8, e->source.code);
    be->bind_text(st, 9, stext);
    be->bind_int(st, 10, (long long)e->source.start);
    be->bind_int(st, 11, (long long)e->source.end);
    be->bind_text(st, 12, e->target.code);
    be->bind_text(st, 13, ttext);
    be->bind_int(st, 14, (long long)e->target.start);
    be->bind_int(st, 15, (long long)e->target.end);
    be->bind_text(st, 16, verb);
    be->bind_int(st, 17, (long long)e->verb_start);
    be->bind_int(st, 18, (long long)(e->verb_start + e->verb_len));
    be->bind_text(st, 19, e->code);
    be->bind_text(st, 20, dyad_mode_name(e->mode));
    be->bind_text(st, 21, e->has_attribution ? e->attribution.code : NULL);
    be->bind_text(st, 22, atext);
    be->bind_text(st, 23, pat[0] ? pat : NULL);
    be->bind_text(st, 24, date[0] ? date : NULL);
    be->bind_text(st, 25, e->date_precision);
    if (day >= 0) be->bind_int(st, 26, day);
    else be->bind_text(st, 26, NULL);
    if (e->has_place) {
        be->bind_text(st, 27, e->place.name);
        be->bind_text(st, 28, e->place.country[0] ? e->place.country : NULL);
        if (e->place.geonames_id) be->bind_int(st, 30, (long long)e->place.geonames_id);
        if (e->place.has_coords) { be->bind_double(st, 31, e->place.lat); be->bind_double(st, 32, e->place.lon); }
    }
    be->bind_text(st, 29, e->place_reason);
    be->bind_double(st, 33, e->goldstein);
    rc = run(s, st, "cannot store a mention");
    free(text); free(stext); free(ttext); free(verb); free(atext);
    if (rc) return rc;
    return count_mention(s, doc, id, created);
}

/* Counts every stale event again from its rows (a replaced document's old
 * events); an event left without mentions is deleted. */
static int refresh(dyad_store *s) {
    const dyad__backend *be = s->be;
    for (size_t i = 0; i < s->nstale; i++) {
        long long id = s->stale[i];
        be->bind_int(s->st_ev_count, 1, id);
        int rc = be->step(s->st_ev_count);
        long long n = rc == 1 ? be->col_int(s->st_ev_count, 0) : 0;
        be->reset(s->st_ev_count);
        if (rc < 0) return db_fail(s, rc, "cannot count mentions");
        be->bind_int(s->st_src_clear, 1, id);
        if ((rc = run(s, s->st_src_clear, "cannot count an event's sources"))) return rc;
        if (n == 0) {
            be->bind_int(s->st_ev_delete, 1, id);
            if ((rc = run(s, s->st_ev_delete, "cannot delete an event"))) return rc;
            continue;
        }
        be->bind_int(s->st_src_fill, 1, id);
        if ((rc = run(s, s->st_src_fill, "cannot count an event's sources"))) return rc;
        for (int k = 1; k <= 8; k++) be->bind_int(s->st_ev_refresh, k, id);
        if ((rc = run(s, s->st_ev_refresh, "cannot count an event's reports"))) return rc;
    }
    s->nstale = 0;
    return 0;
}

static int add_document(dyad_store *s, const dyad_doc *doc, const dyad_result *r,
                        dyad_stored_status *status) {
    const dyad__backend *be = s->be;
    int rc = prepare_writes(s);
    if (rc) return rc;
    if (!s->merge_set) {
        char m[64];
        merge_format(&s->merge, m, sizeof m);
        if ((rc = meta_put(s, "merge", m))) return rc;
        s->merge_set = 1;
    }
    char hash[48];
    hash_text(doc, hash);
    s->ntouched = 0;
    s->nstale = 0;
    size_t nev = dyad_result_count(r);
    /* A new document is one statement: the insert says whether the id was
     * there (ON CONFLICT DO NOTHING returns no row) */
    dyad__stmt *st = s->st_doc_put;
    be->bind_text(st, 1, doc->id);
    be->bind_text(st, 2, doc->date);
    be->bind_text(st, 3, doc->title);
    be->bind_text(st, 4, doc->source);
    be->bind_text(st, 5, doc->url);
    be->bind_text(st, 6, hash);
    be->bind_int(st, 7, (long long)doc->text_len);
    be->bind_int(st, 8, (long long)dyad_result_sentences(r));
    be->bind_int(st, 9, (long long)nev);
    rc = be->step(st);
    be->reset(st);
    if (rc < 0) return db_fail(s, rc, "cannot store a document");
    int known = rc == 0;
    if (known) {
        be->bind_text(s->st_doc_get, 1, doc->id);
        rc = be->step(s->st_doc_get);
        int same = rc == 1 && be->col_text(s->st_doc_get, 0) && strcmp(be->col_text(s->st_doc_get, 0), hash) == 0;
        be->reset(s->st_doc_get);
        if (rc < 0) return db_fail(s, rc, "cannot look up a document");
        if (same) { if (status) *status = DYAD_STORED_SAME; return 0; }
        st = s->st_doc_mentions;
        be->bind_text(st, 1, doc->id);
        while ((rc = be->step(st)) == 1)
            if (add_id(&s->stale, &s->nstale, &s->cap_stale, be->col_int(st, 0)) < 0) { be->reset(st); return DYAD_ENOMEM; }
        be->reset(st);
        if (rc < 0) return db_fail(s, rc, "cannot read a document's mentions");
        be->bind_text(s->st_del_mentions, 1, doc->id);
        if ((rc = run(s, s->st_del_mentions, "cannot replace a document's mentions"))) return rc;
        st = s->st_doc_update;
        be->bind_text(st, 1, doc->date);
        be->bind_text(st, 2, doc->title);
        be->bind_text(st, 3, doc->source);
        be->bind_text(st, 4, doc->url);
        be->bind_text(st, 5, hash);
        be->bind_int(st, 6, (long long)doc->text_len);
        be->bind_int(st, 7, (long long)dyad_result_sentences(r));
        be->bind_int(st, 8, (long long)nev);
        be->bind_text(st, 9, doc->id);
        if ((rc = run(s, st, "cannot store a document"))) return rc;
    }
    for (size_t i = 0; i < nev; i++) {
        const dyad_event *e = dyad_result_event(r, i);
        if (!e->source.code || !e->target.code) continue;
        char date[11] = "";
        long long day = -1;
        int y, m, d;
        if (e->date[0] && dyad_date_parse(e->date, &y, &m, &d) == 0) memcpy(date, e->date, 11);
        else if (doc->date && dyad_date_parse(doc->date, &y, &m, &d) == 0) snprintf(date, sizeof date, "%s", doc->date);
        if (date[0]) day = dyad__date_days(y, m, d);
        if ((rc = put_event(s, doc, e, date, day))) return rc;
    }
    if ((rc = refresh(s))) return rc;
    if (status) *status = known ? DYAD_STORED_REPLACED : DYAD_STORED_NEW;
    return 0;
}

int dyad_store_add_document(dyad_store *s, const dyad_doc *doc, const dyad_result *r,
                            dyad_stored_status *status) {
    if (!s || !doc || !doc->id || !r) return DYAD_EINVAL;
    if (!s->write) return dyad__store_fail(s, DYAD_EINVAL, "opened read-only");
    int own = !s->in_tx;
    int rc;
    if (own && (rc = dyad_store_begin(s))) return rc;
    rc = add_document(s, doc, r, status);
    if (own) {
        if (rc) dyad_store_rollback(s);
        else rc = dyad_store_commit(s);
    }
    return rc;
}
