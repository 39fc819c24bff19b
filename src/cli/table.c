/* table.c -- query results as an aligned table on a terminal, or CSV, TSV or
 * JSON Lines for pipes (dyad query, dyad db stats).  Rows are strings; a
 * table is gathered and printed at the end (its columns' widths need every
 * row), the other formats go out row by row. */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dyad__cli_table_format(const char *s, table_format *f) {
    if (!strcmp(s, "table")) *f = TABLE_ALIGNED;
    else if (!strcmp(s, "csv")) *f = TABLE_CSV;
    else if (!strcmp(s, "tsv")) *f = TABLE_TSV;
    else if (!strcmp(s, "json") || !strcmp(s, "jsonl")) *f = TABLE_JSON;
    else return -1;
    return 0;
}

void dyad__cli_table_init(table *t, table_format f, FILE *out, const char *const *cols, int ncols,
                          const char *numeric) {
    memset(t, 0, sizeof *t);
    t->f = f;
    t->out = out;
    t->cols = cols;
    t->ncols = ncols;
    t->numeric = numeric;
    if (f == TABLE_CSV || f == TABLE_TSV) {
        for (int i = 0; i < ncols; i++) {
            fputs(i ? (f == TABLE_CSV ? "," : "\t") : "", out);
            fputs(cols[i], out);
        }
        fputc('\n', out);
    }
}

static void put_csv(FILE *o, const char *s) {
    if (!strpbrk(s, ",\"\n\r")) { fputs(s, o); return; }
    fputc('"', o);
    for (; *s; s++) {
        if (*s == '"') fputc('"', o);
        fputc(*s, o);
    }
    fputc('"', o);
}

static void put_tsv(FILE *o, const char *s) {
    for (; *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, o);
}

static void put_json(FILE *o, const char *s) {
    fputc('"', o);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(o, "\\%c", *p);
        else if (*p == '\n') fputs("\\n", o);
        else if (*p == '\t') fputs("\\t", o);
        else if (*p < 0x20) fprintf(o, "\\u%04x", *p);
        else fputc(*p, o);
    }
    fputc('"', o);
}

/* VALS[i] NULL is an empty cell (JSON null). */
void dyad__cli_table_row(table *t, const char *const *vals) {
    if (t->f == TABLE_ALIGNED) {
        if (t->nrows == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 64;
            char **cells = realloc(t->cells, cap * (size_t)t->ncols * sizeof *cells);
            if (!cells) { t->oom = 1; return; }
            t->cells = cells;
            t->cap = cap;
        }
        for (int i = 0; i < t->ncols; i++) {
            char *c = strdup(vals[i] ? vals[i] : "");
            if (!c) t->oom = 1;
            t->cells[t->nrows * (size_t)t->ncols + (size_t)i] = c;
        }
        t->nrows++;
        return;
    }
    for (int i = 0; i < t->ncols; i++) {
        const char *v = vals[i];
        if (t->f == TABLE_JSON) {
            fputs(i ? "," : "{", t->out);
            put_json(t->out, t->cols[i]);
            fputc(':', t->out);
            if (!v) fputs("null", t->out);
            else if (t->numeric && t->numeric[i] == 'n' && *v) fputs(v, t->out);
            else put_json(t->out, v);
        } else {
            if (i) fputc(t->f == TABLE_CSV ? ',' : '\t', t->out);
            if (v) (t->f == TABLE_CSV ? put_csv : put_tsv)(t->out, v);
        }
    }
    fputs(t->f == TABLE_JSON ? "}\n" : "\n", t->out);
    t->nrows++;
}

/* Display width: UTF-8 continuation bytes take no column. */
static size_t width(const char *s) {
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) w++;
    return w;
}

int dyad__cli_table_end(table *t) {
    if (t->oom) { fprintf(stderr, "dyad: out of memory\n"); return EXIT_NOMEM; }
    if (t->f == TABLE_ALIGNED) {
        size_t w[64] = {0};
        int nc = t->ncols < 64 ? t->ncols : 64;
        for (int i = 0; i < nc; i++) w[i] = width(t->cols[i]);
        for (size_t r = 0; r < t->nrows; r++)
            for (int i = 0; i < nc; i++) {
                size_t x = width(t->cells[r * (size_t)t->ncols + (size_t)i]);
                if (x > w[i]) w[i] = x;
            }
        for (int pass = -1; pass < (int)t->nrows; pass++) {
            for (int i = 0; i < nc; i++) {
                const char *c = pass < 0 ? t->cols[i] : t->cells[(size_t)pass * (size_t)t->ncols + (size_t)i];
                size_t pad = w[i] - width(c);
                int right = t->numeric && t->numeric[i] == 'n' && pass >= 0;
                if (right) fprintf(t->out, "%*s", (int)pad, "");
                fputs(c, t->out);
                if (!right && i + 1 < nc) fprintf(t->out, "%*s", (int)pad, "");
                if (i + 1 < nc) fputs("  ", t->out);
            }
            fputc('\n', t->out);
        }
        for (size_t k = 0; k < t->nrows * (size_t)t->ncols; k++) free(t->cells[k]);
        free(t->cells);
        t->cells = NULL;
    }
    if (fflush(t->out) != 0 || ferror(t->out)) { fprintf(stderr, "dyad: write error\n"); return EXIT_OUTPUT; }
    return 0;
}
