/* export.c -- the stored events in the formats analysts' tools read: GDELT
 * 2.0's event and mentions tables, PLOVER/POLECAT-style JSON, CSV and JSON
 * Lines (docs/export.md says what each column holds and which dyad leaves
 * empty).  Reads through the store's queries (store_query.c) only. */
#include "store_db.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dyad_export_parse(const char *s, dyad_export_format *f) {
    if (!s || !f) return DYAD_EINVAL;
    if (!strcmp(s, "gdelt")) *f = DYAD_EXPORT_GDELT;
    else if (!strcmp(s, "gdelt-mentions")) *f = DYAD_EXPORT_GDELT_MENTIONS;
    else if (!strcmp(s, "plover")) *f = DYAD_EXPORT_PLOVER;
    else if (!strcmp(s, "csv")) *f = DYAD_EXPORT_CSV;
    else if (!strcmp(s, "jsonl")) *f = DYAD_EXPORT_JSONL;
    else return DYAD_EINVAL;
    return 0;
}

typedef struct {
    dyad_store *s;
    FILE *out;
    buf b;
    dyad_export_format f;
    dyad__stmt *root;   /* GDELT IsRootEvent: the event's first sentence */
    int first;
} exporter;

static int flush(exporter *x) {
    if (x->b.oom) return DYAD_ENOMEM;
    if (x->b.n && fwrite(x->b.p, 1, x->b.n, x->out) != x->b.n) return DYAD_EIO;
    x->b.n = 0;
    return 0;
}

/* A TSV field: GDELT's tables have no quoting, so tabs and newlines in a
 * name or url become spaces. */
static void tsv(buf *b, const char *s) {
    for (; s && *s; s++) dyad__buf_putc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

static void csv(buf *b, const char *s) {
    if (!s) return;
    if (strpbrk(s, ",\"\n\r") == NULL) { dyad__buf_puts(b, s); return; }
    dyad__buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"') dyad__buf_putc(b, '"');
        dyad__buf_putc(b, *s);
    }
    dyad__buf_putc(b, '"');
}

static void json_str(buf *b, const char *s) {
    if (!s) dyad__buf_puts(b, "null");
    else dyad__buf_json_str(b, s, strlen(s));
}

/* The agent part of a code: TURGOV -> GOV (after the actor's country). */
static const char *agent_of(const char *code, const char *country) {
    if (!code) return "";
    size_t n = strlen(code);
    if (country && *country && strncmp(code, country, 3) == 0 && n >= 6) return code + 3;
    return "";
}

/* GDELT's actor fields 5-14 of one actor: Code, Name, CountryCode,
 * KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1-3Code. */
static void gdelt_actor(buf *b, const char *code, const char *name, const char *country) {
    tsv(b, code);
    dyad__buf_putc(b, '\t');
    tsv(b, name);
    dyad__buf_putc(b, '\t');
    tsv(b, country);
    dyad__buf_puts(b, "\t\t\t\t\t");
    const char *ag = agent_of(code, country);
    for (int k = 0; k < 3; k++) {
        if (strlen(ag) >= 3) { dyad__buf_put(b, ag, 3); ag += 3; }
        dyad__buf_putc(b, '\t');
    }
}

static void ymd(const char *date, char *out) { /* YYYY-MM-DD -> YYYYMMDD or "" */
    if (date && strlen(date) == 10) {
        memcpy(out, date, 4);
        memcpy(out + 4, date + 5, 2);
        memcpy(out + 6, date + 8, 2);
        out[8] = 0;
    } else {
        out[0] = 0;
    }
}

static void gdelt_event(exporter *x, const dyad_stored_event *e) {
    buf *b = &x->b;
    char d[9];
    ymd(e->date, d);
    long long first_sentence = -1;
    if (x->root) {
        x->s->be->bind_int(x->root, 1, e->id);
        if (x->s->be->step(x->root) == 1 && !x->s->be->col_null(x->root, 0))
            first_sentence = x->s->be->col_int(x->root, 0);
        x->s->be->reset(x->root);
    }
    dyad__buf_printf(b, "%lld\t%s\t", e->id, d);
    if (d[0]) {
        int y = atoi(e->date), m = atoi(e->date + 5), dd = atoi(e->date + 8);
        dyad__buf_printf(b, "%.6s\t%.4s\t%.4f\t", d, d, y + (m * 30 + dd) / 365.0);
    } else {
        dyad__buf_puts(b, "\t\t\t");
    }
    gdelt_actor(b, e->source, e->source_name, e->source_country);
    gdelt_actor(b, e->target, e->target_name, e->target_country);
    char base[4];
    snprintf(base, sizeof base, "%.3s", e->code);
    dyad__buf_printf(b, "%d\t%s\t%s\t%s\t%d\t%.1f\t%lld\t%lld\t%lld\t\t",
                     first_sentence >= 0 && first_sentence <= 1, e->code, base, e->root, e->quad_class,
                     e->goldstein, e->num_mentions, e->num_sources, e->num_articles);
    /* Actor1Geo and Actor2Geo: dyad does not place actors (8 empty fields each,
     * Geo_Type 0) */
    dyad__buf_puts(b, "0\t\t\t\t\t\t\t\t0\t\t\t\t\t\t\t\t");
    if (e->has_place) {
        dyad__buf_printf(b, "%d\t", e->geo_type);
        tsv(b, e->place_name);
        dyad__buf_putc(b, '\t');
        tsv(b, e->place_country);
        dyad__buf_putc(b, '\t');
        tsv(b, e->place_adm1);
        dyad__buf_puts(b, "\t\t");
        if (!isnan(e->lat)) dyad__buf_printf(b, "%.4f\t%.4f\t", e->lat, e->lon);
        else dyad__buf_puts(b, "\t\t");
        if (e->geonames_id) dyad__buf_printf(b, "%lld", e->geonames_id);
        dyad__buf_putc(b, '\t');
    } else {
        dyad__buf_puts(b, "0\t\t\t\t\t\t\t\t");
    }
    char fs[9];
    ymd(e->first_seen, fs);
    if (fs[0]) dyad__buf_printf(b, "%s000000", fs);
    dyad__buf_putc(b, '\t');
    tsv(b, e->source_url);
    dyad__buf_putc(b, '\n');
}

/* CAMEO roots to PLOVER event types (PLOVER 2.0's own crosswalk, at root
 * level; 01 statements have no PLOVER type). */
static const char *plover_type(const char *code) {
    static const char *ROOT[21] = {"", "", "REQUEST", "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID",
                                   "CONCEDE", "ACCUSE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
                                   "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "ASSAULT", "ASSAULT"};
    int r = atoi(code) / (strlen(code) >= 4 ? 100 : strlen(code) == 3 ? 10 : 1);
    if (strncmp(code, "087", 3) == 0) return "RETREAT"; /* de-escalate militarily */
    return r >= 1 && r <= 20 ? ROOT[r] : "";
}

static const char *sector_of(const char *agent) {
    static const struct { const char *a, *s; } S[] = {
        {"GOV", "Government"}, {"MIL", "Military"}, {"REB", "Rebel"}, {"OPP", "Opposition"},
        {"POL", "Police"}, {"JUD", "Judiciary"}, {"LEG", "Legislature"}, {"BUS", "Business"},
        {"CVL", "Civilian"}, {"MED", "Media"}, {"EDU", "Education"}, {"LAB", "Labor"},
        {"REF", "Refugees"}, {"SPY", "Intelligence"}, {"INS", "Insurgent"}, {"HLH", "Health"},
        {"CRM", "Criminal"}, {"PTY", "Party"}, {"NGO", "NGO"}, {"IGO", "IGO"}, {"ELI", "Elite"}};
    for (size_t i = 0; i < sizeof S / sizeof S[0]; i++)
        if (strncmp(agent, S[i].a, 3) == 0) return S[i].s;
    return NULL;
}

static void plover_actor(buf *b, const char *code, const char *name, const char *country) {
    dyad__buf_puts(b, "{\"code\":");
    json_str(b, code);
    dyad__buf_puts(b, ",\"name\":");
    json_str(b, name);
    dyad__buf_puts(b, ",\"country\":");
    json_str(b, country);
    const char *ag = agent_of(code, country);
    if (!*ag && code && strlen(code) >= 3 && (!country || !*country)) ag = code;
    dyad__buf_puts(b, ",\"sector\":");
    json_str(b, sector_of(ag));
    dyad__buf_putc(b, '}');
}

static void place_json(buf *b, const dyad_stored_event *e) {
    if (!e->has_place) { dyad__buf_puts(b, "null"); return; }
    dyad__buf_puts(b, "{\"name\":");
    json_str(b, e->place_name);
    dyad__buf_puts(b, ",\"country\":");
    json_str(b, e->place_country);
    dyad__buf_puts(b, ",\"adm1\":");
    json_str(b, e->place_adm1);
    if (!isnan(e->lat)) dyad__buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f", e->lat, e->lon);
    else dyad__buf_puts(b, ",\"lat\":null,\"lon\":null");
    if (e->geonames_id) dyad__buf_printf(b, ",\"geonames_id\":%lld", e->geonames_id);
    else dyad__buf_puts(b, ",\"geonames_id\":null");
    dyad__buf_puts(b, ",\"feature\":");
    json_str(b, e->place_feature);
    dyad__buf_printf(b, ",\"geo_type\":%d,\"precision\":%d}", e->geo_type, e->geo_precision);
}

static void plover_event(exporter *x, const dyad_stored_event *e) {
    buf *b = &x->b;
    dyad__buf_printf(b, "{\"id\":\"dyad-%lld\",\"event_date\":", e->id);
    json_str(b, e->date[0] ? e->date : NULL);
    dyad__buf_puts(b, ",\"event_type\":");
    const char *t = plover_type(e->code);
    json_str(b, *t ? t : NULL);
    dyad__buf_puts(b, ",\"mode\":null,\"context\":[],\"modality\":");
    json_str(b, e->mode);
    dyad__buf_puts(b, ",\"actor\":");
    plover_actor(b, e->source, e->source_name, e->source_country);
    dyad__buf_puts(b, ",\"recipient\":");
    plover_actor(b, e->target, e->target_name, e->target_country);
    dyad__buf_puts(b, ",\"location\":");
    place_json(b, e);
    dyad__buf_puts(b, ",\"cameo\":");
    json_str(b, e->code);
    dyad__buf_printf(b, ",\"quad_class\":%d,\"goldstein\":%.1f,\"num_mentions\":%lld,\"num_sources\":%lld,"
                        "\"num_articles\":%lld,\"source_url\":",
                     e->quad_class, e->goldstein, e->num_mentions, e->num_sources, e->num_articles);
    json_str(b, e->source_url);
    dyad__buf_puts(b, "}\n");
}

static const char *CSV_HEADER =
    "id,date,source,source_country,source_name,target,target_country,target_name,code,root,quad_class,"
    "goldstein,mode,num_mentions,num_sources,num_articles,first_seen,last_seen,first_doc,source_url,"
    "place_name,place_country,place_adm1,lat,lon,geonames_id,geo_type,geo_precision\n";

static void csv_event(exporter *x, const dyad_stored_event *e) {
    buf *b = &x->b;
    dyad__buf_printf(b, "%lld,%s,", e->id, e->date);
    const char *f[] = {e->source, e->source_country, e->source_name, e->target, e->target_country, e->target_name};
    for (int i = 0; i < 6; i++) { csv(b, f[i]); dyad__buf_putc(b, ','); }
    dyad__buf_printf(b, "%s,%s,%d,%.1f,%s,%lld,%lld,%lld,%s,%s,", e->code, e->root, e->quad_class, e->goldstein,
                     e->mode, e->num_mentions, e->num_sources, e->num_articles, e->first_seen, e->last_seen);
    csv(b, e->first_doc);
    dyad__buf_putc(b, ',');
    csv(b, e->source_url);
    dyad__buf_putc(b, ',');
    csv(b, e->place_name);
    dyad__buf_putc(b, ',');
    csv(b, e->place_country);
    dyad__buf_putc(b, ',');
    csv(b, e->place_adm1);
    dyad__buf_putc(b, ',');
    if (e->has_place && !isnan(e->lat)) dyad__buf_printf(b, "%.5f,%.5f,", e->lat, e->lon);
    else dyad__buf_puts(b, ",,");
    if (e->geonames_id) dyad__buf_printf(b, "%lld", e->geonames_id);
    if (e->has_place) dyad__buf_printf(b, ",%d,%d\n", e->geo_type, e->geo_precision);
    else dyad__buf_puts(b, ",,\n");
}

static int mention_json(void *user, const dyad_stored_mention *m) {
    exporter *x = user;
    buf *b = &x->b;
    dyad__buf_puts(b, x->first ? "{" : ",{");
    x->first = 0;
    dyad__buf_puts(b, "\"doc\":");
    json_str(b, m->doc);
    dyad__buf_printf(b, ",\"sentence\":%d,\"span\":[%lld,%lld],\"key\":", m->sentence, m->start, m->end);
    json_str(b, m->key);
    dyad__buf_puts(b, ",\"outlet\":");
    json_str(b, m->outlet);
    dyad__buf_puts(b, ",\"url\":");
    json_str(b, m->url);
    dyad__buf_puts(b, ",\"title\":");
    json_str(b, m->title);
    dyad__buf_puts(b, ",\"mode\":");
    json_str(b, m->mode);
    dyad__buf_puts(b, ",\"attribution\":");
    json_str(b, m->attribution);
    dyad__buf_puts(b, ",\"pattern\":");
    json_str(b, m->pattern);
    dyad__buf_puts(b, ",\"source_text\":");
    json_str(b, m->source_text);
    dyad__buf_printf(b, ",\"source_span\":[%lld,%lld],\"target_text\":", m->source_start, m->source_end);
    json_str(b, m->target_text);
    dyad__buf_printf(b, ",\"target_span\":[%lld,%lld],\"verb\":", m->target_start, m->target_end);
    json_str(b, m->verb);
    dyad__buf_printf(b, ",\"verb_span\":[%lld,%lld],\"text\":", m->verb_start, m->verb_end);
    json_str(b, m->text);
    dyad__buf_putc(b, '}');
    return 0;
}

static int jsonl_event(exporter *x, const dyad_stored_event *e) {
    buf *b = &x->b;
    dyad__buf_printf(b, "{\"id\":%lld,\"date\":", e->id);
    json_str(b, e->date[0] ? e->date : NULL);
    dyad__buf_puts(b, ",\"source\":");
    plover_actor(b, e->source, e->source_name, e->source_country);
    dyad__buf_puts(b, ",\"target\":");
    plover_actor(b, e->target, e->target_name, e->target_country);
    dyad__buf_printf(b, ",\"code\":\"%s\",\"root\":\"%s\",\"quad_class\":%d,\"goldstein\":%.1f,\"mode\":",
                     e->code, e->root, e->quad_class, e->goldstein);
    json_str(b, e->mode);
    dyad__buf_printf(b, ",\"num_mentions\":%lld,\"num_sources\":%lld,\"num_articles\":%lld,\"first_seen\":",
                     e->num_mentions, e->num_sources, e->num_articles);
    json_str(b, e->first_seen[0] ? e->first_seen : NULL);
    dyad__buf_puts(b, ",\"last_seen\":");
    json_str(b, e->last_seen[0] ? e->last_seen : NULL);
    dyad__buf_puts(b, ",\"source_url\":");
    json_str(b, e->source_url);
    dyad__buf_puts(b, ",\"place\":");
    place_json(b, e);
    dyad__buf_puts(b, ",\"mentions\":[");
    x->first = 1;
    int rc = dyad_store_mentions(x->s, e->id, mention_json, x);
    dyad__buf_puts(b, "]}\n");
    return rc;
}

static int gdelt_mention(void *user, const dyad_stored_mention *m) {
    exporter *x = user;
    buf *b = &x->b;
    char ed[9], md[9];
    ymd(m->date, ed);
    ymd(m->doc_date, md);
    dyad__buf_printf(b, "%lld\t%s%s\t%s%s\t1\t", m->event_id, ed, ed[0] ? "000000" : "", md, md[0] ? "000000" : "");
    tsv(b, m->outlet);
    dyad__buf_putc(b, '\t');
    tsv(b, m->url ? m->url : m->doc);
    int conf = m->mode && !strcmp(m->mode, "asserted") ? 100 : 50;
    dyad__buf_printf(b, "\t%d\t%lld\t%lld\t%lld\t1\t%d\t%lld\t\t\t", m->sentence, m->source_start, m->target_start,
                     m->verb_start, conf, m->doc_bytes);
    dyad__buf_puts(b, "<DOC>");
    tsv(b, m->doc);
    dyad__buf_puts(b, "</DOC><KEY>");
    tsv(b, m->key);
    dyad__buf_puts(b, "</KEY><MODE>");
    tsv(b, m->mode);
    dyad__buf_puts(b, "</MODE>");
    if (m->pattern) {
        dyad__buf_puts(b, "<PATTERN>");
        tsv(b, m->pattern);
        dyad__buf_puts(b, "</PATTERN>");
    }
    dyad__buf_putc(b, '\n');
    return flush(x);
}

static int each_event(void *user, const dyad_stored_event *e) {
    exporter *x = user;
    int rc = 0;
    switch (x->f) {
    case DYAD_EXPORT_GDELT: gdelt_event(x, e); break;
    case DYAD_EXPORT_PLOVER: plover_event(x, e); break;
    case DYAD_EXPORT_CSV: csv_event(x, e); break;
    case DYAD_EXPORT_JSONL: rc = jsonl_event(x, e); break;
    case DYAD_EXPORT_GDELT_MENTIONS: rc = dyad_store_mentions(x->s, e->id, gdelt_mention, x); break;
    }
    if (rc) return rc;
    return flush(x);
}

int dyad_store_export(dyad_store *s, const dyad_event_query *q, dyad_export_format f, FILE *out) {
    if (!s || !out || f < DYAD_EXPORT_GDELT || f > DYAD_EXPORT_JSONL) return DYAD_EINVAL;
    exporter x = {0};
    x.s = s;
    x.out = out;
    x.f = f;
    int rc = 0;
    if (f == DYAD_EXPORT_GDELT &&
        (rc = dyad__store_prepare(s, "SELECT min(sentence) FROM mentions WHERE event_id = ?", &x.root)))
        return rc;
    if (f == DYAD_EXPORT_CSV) {
        dyad__buf_puts(&x.b, CSV_HEADER);
        rc = flush(&x);
    }
    /* the whole table in id order unless the caller filters */
    dyad_event_query all = {0};
    if (!rc) rc = dyad_store_events(s, q ? q : &all, each_event, &x);
    if (x.root) s->be->finalize(x.root);
    if (!rc && fflush(out) != 0) rc = DYAD_EIO;
    if (rc == DYAD_EIO) dyad__store_fail(s, rc, "cannot write the export");
    else if (rc == DYAD_ENOMEM) dyad__store_fail(s, rc, "out of memory");
    dyad__buf_free(&x.b);
    return rc;
}
