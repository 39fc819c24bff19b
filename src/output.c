/* output.c -- stage 7: events as JSON Lines or TSV, and actor mentions as
 * JSON Lines (`dyad actors`).  Field order is fixed
 * (docs/output.md) so output is byte-for-byte deterministic. */
#include "coder.h"
#include <stdlib.h>
#include <string.h>

static void json_actor(buf *b, const char *key, const dyad_actor *a) {
    dyad__buf_printf(b, ",\"%s\":{\"code\":", key);
    dyad__buf_json_str(b, a->code, strlen(a->code));
    dyad__buf_puts(b, ",\"country\":");
    if (a->country) dyad__buf_json_str(b, a->country, strlen(a->country));
    else dyad__buf_puts(b, "null");
    dyad__buf_puts(b, ",\"name\":");
    if (a->name) dyad__buf_json_str(b, a->name, strlen(a->name));
    else dyad__buf_puts(b, "null");
    dyad__buf_puts(b, ",\"text\":");
    dyad__buf_json_str(b, a->text, a->text_len);
    dyad__buf_printf(b, ",\"span\":[%zu,%zu]}", a->start, a->end);
}

static void json_str_or_null(buf *b, const char *s) {
    if (s) dyad__buf_json_str(b, s, strlen(s));
    else dyad__buf_puts(b, "null");
}

static void json_place(buf *b, const dyad_event *e) {
    const dyad_place *p = &e->place;
    if (!e->has_place) {
        dyad__buf_puts(b, ",\"place\":null");
    } else {
        dyad__buf_puts(b, ",\"place\":{\"name\":");
        json_str_or_null(b, p->name);
        dyad__buf_puts(b, ",\"text\":");
        dyad__buf_json_str(b, p->text, p->text_len);
        dyad__buf_printf(b, ",\"span\":[%zu,%zu],\"country\":", p->start, p->end);
        json_str_or_null(b, p->country[0] ? p->country : NULL);
        dyad__buf_puts(b, ",\"adm1\":");
        json_str_or_null(b, p->adm1 && p->adm1[0] ? p->adm1 : NULL);
        if (p->has_coords) dyad__buf_printf(b, ",\"lat\":%.4f,\"lon\":%.4f", p->lat, p->lon);
        else dyad__buf_puts(b, ",\"lat\":null,\"lon\":null");
        if (p->geonames_id) dyad__buf_printf(b, ",\"geonames_id\":%lu", p->geonames_id);
        else dyad__buf_puts(b, ",\"geonames_id\":null");
        dyad__buf_puts(b, ",\"feature\":");
        dyad__buf_json_str(b, p->feature, strlen(p->feature));
        dyad__buf_printf(b, ",\"geo_type\":%d,\"precision\":%d}", p->geo_type, p->precision);
    }
    dyad__buf_puts(b, ",\"place_reason\":");
    json_str_or_null(b, e->place_reason);
}

static void json_event(buf *b, const dyad_event *e) {
    dyad__buf_puts(b, "{\"doc\":");
    dyad__buf_json_str(b, e->doc, strlen(e->doc));
    dyad__buf_printf(b, ",\"sentence\":%d,\"span\":[%zu,%zu],\"date\":", e->sentence, e->start, e->end);
    if (e->date[0]) dyad__buf_json_str(b, e->date, strlen(e->date));
    else dyad__buf_puts(b, "null");
    dyad__buf_printf(b, ",\"date_precision\":\"%s\"", e->date_precision ? e->date_precision : "none");
    json_actor(b, "source", &e->source);
    json_actor(b, "target", &e->target);
    dyad__buf_puts(b, ",\"code\":");
    dyad__buf_json_str(b, e->code, strlen(e->code));
    dyad__buf_puts(b, ",\"root\":");
    dyad__buf_json_str(b, e->root, strlen(e->root));
    if (e->has_goldstein) dyad__buf_printf(b, ",\"quad_class\":%d,\"goldstein\":%.1f", e->quad_class, e->goldstein);
    else dyad__buf_puts(b, ",\"quad_class\":null,\"goldstein\":null");
    dyad__buf_printf(b, ",\"mode\":\"%s\"", dyad_mode_name(e->mode));
    if (e->has_attribution) json_actor(b, "attribution", &e->attribution);
    json_place(b, e);
    dyad__buf_puts(b, ",\"verb\":");
    dyad__buf_json_str(b, e->verb, e->verb_len);
    dyad__buf_puts(b, ",\"pattern\":");
    char where[600];
    snprintf(where, sizeof where, "%s:%d", e->pattern_file ? e->pattern_file : "?", e->pattern_line);
    dyad__buf_json_str(b, where, strlen(where));
    dyad__buf_puts(b, ",\"key\":");
    json_str_or_null(b, e->key);
    dyad__buf_puts(b, ",\"outlet\":");
    json_str_or_null(b, e->outlet);
    dyad__buf_puts(b, ",\"url\":");
    json_str_or_null(b, e->url);
    dyad__buf_puts(b, ",\"text\":");
    dyad__buf_json_str(b, e->text, e->text_len);
    dyad__buf_puts(b, "}\n");
}

/* TSV: tabs and newlines inside fields become spaces. */
static void tsv_field(buf *b, const char *s, size_t n, int first) {
    if (!first) dyad__buf_putc(b, '\t');
    if (!s) return;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            dyad__buf_put(b, s + run, i - run);
            dyad__buf_putc(b, ' ');
            run = i + 1;
        }
    }
    dyad__buf_put(b, s + run, n - run);
}
static void tsv_str(buf *b, const char *s) { tsv_field(b, s, s ? strlen(s) : 0, 0); }

const char *dyad_tsv_header(void) {
    return "doc\tsentence\tstart\tend\tdate\tdate_precision\tsource_code\tsource_country\tsource_name\t"
           "source_text\ttarget_code\ttarget_country\ttarget_name\ttarget_text\tcode\troot\t"
           "quad_class\tgoldstein\tmode\tattribution_code\ttext\tkey\toutlet\turl\t"
           "place_name\tplace_country\tplace_adm1\tplace_lat\tplace_lon\tplace_geonames_id\t"
           "place_geo_type\tplace_precision\tplace_reason\n";
}

static void tsv_event(buf *b, const dyad_event *e) {
    tsv_field(b, e->doc, strlen(e->doc), 1);
    dyad__buf_printf(b, "\t%d\t%zu\t%zu", e->sentence, e->start, e->end);
    tsv_str(b, e->date);
    tsv_str(b, e->date_precision);
    const dyad_actor *as[2] = {&e->source, &e->target};
    for (int k = 0; k < 2; k++) {
        tsv_str(b, as[k]->code);
        tsv_str(b, as[k]->country);
        tsv_str(b, as[k]->name);
        tsv_field(b, as[k]->text, as[k]->text_len, 0);
    }
    tsv_str(b, e->code);
    tsv_str(b, e->root);
    if (e->has_goldstein) dyad__buf_printf(b, "\t%d\t%.1f", e->quad_class, e->goldstein);
    else dyad__buf_puts(b, "\t\t");
    tsv_str(b, dyad_mode_name(e->mode));
    tsv_str(b, e->has_attribution ? e->attribution.code : NULL);
    tsv_field(b, e->text, e->text_len, 0);
    tsv_str(b, e->key);
    tsv_str(b, e->outlet);
    tsv_str(b, e->url);
    const dyad_place *p = &e->place;
    if (e->has_place) {
        tsv_str(b, p->name);
        tsv_str(b, p->country);
        tsv_str(b, p->adm1);
        if (p->has_coords) dyad__buf_printf(b, "\t%.4f\t%.4f", p->lat, p->lon);
        else dyad__buf_puts(b, "\t\t");
        if (p->geonames_id) dyad__buf_printf(b, "\t%lu", p->geonames_id);
        else dyad__buf_puts(b, "\t");
        dyad__buf_printf(b, "\t%d\t%d", p->geo_type, p->precision);
    } else {
        dyad__buf_puts(b, "\t\t\t\t\t\t\t\t");
    }
    tsv_str(b, e->place_reason);
    dyad__buf_putc(b, '\n');
}

int dyad_result_render(const dyad_result *r, dyad_output_format f, char **out, size_t *len) {
    buf b = {0};
    size_t n = dyad_result_count(r);
    for (size_t i = 0; i < n; i++) {
        const dyad_event *e = dyad_result_event(r, i);
        if (f == DYAD_OUT_TSV) tsv_event(&b, e);
        else json_event(&b, e);
    }
    if (b.oom) { dyad__buf_free(&b); *out = NULL; *len = 0; return DYAD_ENOMEM; }
    *out = b.p;
    *len = b.n;
    return 0;
}

int dyad_result_render_mentions(const dyad_result *r, char **out, size_t *len) {
    buf b = {0};
    const char *doc = r->doc_id ? r->doc_id : "";
    for (size_t i = 0; i < dyad_result_mention_count(r); i++) {
        const dyad_mention *m = dyad_result_mention(r, i);
        const dyad_actor *a = &m->actor;
        dyad__buf_puts(&b, "{\"doc\":");
        dyad__buf_json_str(&b, doc, strlen(doc));
        dyad__buf_printf(&b, ",\"sentence\":%d,\"span\":[%zu,%zu],\"text\":", m->sentence, a->start, a->end);
        dyad__buf_json_str(&b, a->text, a->text_len);
        dyad__buf_puts(&b, ",\"code\":");
        dyad__buf_json_str(&b, a->code, strlen(a->code));
        dyad__buf_puts(&b, ",\"country\":");
        json_str_or_null(&b, a->country);
        dyad__buf_puts(&b, ",\"name\":");
        json_str_or_null(&b, a->name);
        dyad__buf_puts(&b, ",\"kind\":");
        json_str_or_null(&b, m->kind);
        dyad__buf_puts(&b, ",\"entry\":");
        if (m->entry_file) {
            dyad__buf_putc(&b, '"');
            size_t at = b.n;
            dyad__buf_json_str(&b, m->entry_file, strlen(m->entry_file));
            /* the escaped path without its quotes, then ":line" */
            if (!b.oom) {
                memmove(b.p + at, b.p + at + 1, b.n - at - 2);
                b.n -= 2;
            }
            dyad__buf_printf(&b, ":%d\"", m->entry_line);
        } else
            dyad__buf_puts(&b, "null");
        dyad__buf_puts(&b, "}\n");
    }
    if (b.oom) { dyad__buf_free(&b); *out = NULL; *len = 0; return DYAD_ENOMEM; }
    *out = b.p;
    *len = b.n;
    return 0;
}
