/* input.c -- stage 1: documents in.
 *
 * Reads JSON Lines (one document per line) or plain text (one document per
 * file) from a file or standard input, as a stream: zstd and gzip are
 * recognised by their magic bytes and decompressed on the fly, so memory is
 * bounded by the longest line (DYAD_MAX_LINE_BYTES), never the file.  JSON is
 * parsed by jansson.  Invalid UTF-8 is repaired (U+FFFD) before parsing, so a
 * document with a few bad bytes is still coded; a bad record is reported as
 * "file:line: reason" and skipped. */
#include "internal.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <errno.h>
#include <jansson.h>
#include <zlib.h>
#include <zstd.h>
#include <sys/stat.h>

enum { COMP_NONE, COMP_GZIP, COMP_ZSTD };

struct dyad_reader {
    FILE *f;
    int own_file;
    char *name;
    dyad_input_format format;
    int comp;
    unsigned char *in;  /* compressed input */
    size_t in_len, in_pos, in_cap;
    unsigned char *out; /* decompressed bytes */
    size_t out_len, out_pos, out_cap;
    int eof, in_eof, error;
    z_stream z;
    int z_init;
    ZSTD_DCtx *zs;
    unsigned long long consumed;
    long line;
    buf linebuf;
    json_t *cur;
    char *fixed;       /* repaired line */
    char idbuf[600];
    char *text_copy;
    char *title;       /* HTML <title> */
    size_t repairs;
    char default_date[11];
    int text_done;
    char errmsg[700];
};

static int fill_raw(dyad_reader *r) {
    if (r->in_eof) return 0;
    if (r->in_pos < r->in_len) return 1;
    size_t k = fread(r->in, 1, r->in_cap, r->f);
    r->consumed += k;
    r->in_len = k;
    r->in_pos = 0;
    if (k == 0) {
        if (ferror(r->f)) r->error = errno ? errno : EIO;
        r->in_eof = 1;
        return 0;
    }
    return 1;
}

/* Produces more decompressed bytes in r->out; 0 at the end. */
static int fill(dyad_reader *r) {
    r->out_pos = r->out_len = 0;
    while (r->out_len == 0) {
        if (!fill_raw(r) && (r->comp == COMP_NONE || r->in_pos >= r->in_len)) return 0;
        if (r->comp == COMP_NONE) {
            size_t k = r->in_len - r->in_pos;
            if (k > r->out_cap) k = r->out_cap;
            memcpy(r->out, r->in + r->in_pos, k);
            r->in_pos += k;
            r->out_len = k;
        } else if (r->comp == COMP_GZIP) {
            r->z.next_in = r->in + r->in_pos;
            r->z.avail_in = (uInt)(r->in_len - r->in_pos);
            r->z.next_out = r->out;
            r->z.avail_out = (uInt)r->out_cap;
            int rc = inflate(&r->z, Z_NO_FLUSH);
            r->in_pos = r->in_len - r->z.avail_in;
            r->out_len = r->out_cap - r->z.avail_out;
            if (rc == Z_STREAM_END) {
                inflateReset(&r->z); /* concatenated members */
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                snprintf(r->errmsg, sizeof r->errmsg, "%s: corrupt gzip data", r->name);
                r->error = EIO;
                return 0;
            }
            if (rc == Z_BUF_ERROR && r->out_len == 0 && r->in_eof) return 0;
        } else {
            ZSTD_inBuffer ib = {r->in, r->in_len, r->in_pos};
            ZSTD_outBuffer ob = {r->out, r->out_cap, 0};
            size_t rc = ZSTD_decompressStream(r->zs, &ob, &ib);
            r->in_pos = ib.pos;
            r->out_len = ob.pos;
            if (ZSTD_isError(rc)) {
                snprintf(r->errmsg, sizeof r->errmsg, "%s: corrupt zstd data: %s", r->name, ZSTD_getErrorName(rc));
                r->error = EIO;
                return 0;
            }
            if (r->out_len == 0 && r->in_eof) return 0;
        }
    }
    return 1;
}

static int reader_start(dyad_reader *r) {
    r->in_cap = 1 << 17;
    r->out_cap = 1 << 18;
    r->in = malloc(r->in_cap);
    r->out = malloc(r->out_cap);
    if (!r->in || !r->out) return DYAD_ENOMEM;
    fill_raw(r);
    if (r->in_len >= 2 && r->in[0] == 0x1f && r->in[1] == 0x8b) {
        r->comp = COMP_GZIP;
        if (inflateInit2(&r->z, 15 + 32) != Z_OK) return DYAD_ENOMEM;
        r->z_init = 1;
    } else if (r->in_len >= 4 && r->in[0] == 0x28 && r->in[1] == 0xb5 && r->in[2] == 0x2f && r->in[3] == 0xfd) {
        r->comp = COMP_ZSTD;
        r->zs = ZSTD_createDCtx();
        if (!r->zs) return DYAD_ENOMEM;
    }
    return 0;
}

int dyad_reader_open_stream(FILE *f, const char *name, dyad_input_format fmt, dyad_reader **out) {
    dyad_reader *r = calloc(1, sizeof *r);
    *out = r;
    if (!r) return DYAD_ENOMEM;
    r->format = fmt;
    r->name = strdup(name ? name : "<stream>");
    if (!r->name) return DYAD_ENOMEM;
    r->f = f;
    return reader_start(r);
}

int dyad_reader_open(const char *path, dyad_input_format f, dyad_reader **out) {
    dyad_reader *r = calloc(1, sizeof *r);
    *out = r;
    if (!r) return DYAD_ENOMEM;
    r->format = f;
    int is_stdin = !path || strcmp(path, "-") == 0;
    r->name = strdup(is_stdin ? "<stdin>" : path);
    if (!r->name) return DYAD_ENOMEM;
    if (is_stdin) {
        r->f = stdin;
    } else {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            snprintf(r->errmsg, sizeof r->errmsg, "%s: is a directory", path);
            return DYAD_EIO;
        }
        r->f = fopen(path, "rb");
        if (!r->f) {
            snprintf(r->errmsg, sizeof r->errmsg, "%s: %s", path, strerror(errno));
            return DYAD_EIO;
        }
        r->own_file = 1;
    }
    return reader_start(r);
}

void dyad_reader_set_default_date(dyad_reader *r, const char *date) {
    snprintf(r->default_date, sizeof r->default_date, "%s", date ? date : "");
}

const char *dyad_reader_errmsg(const dyad_reader *r) { return r ? r->errmsg : "out of memory"; }
size_t dyad_reader_repairs(const dyad_reader *r) { return r->repairs; }
unsigned long long dyad_reader_offset(const dyad_reader *r) { return r->consumed; }
const char *dyad_reader_name(const dyad_reader *r) { return r->name; }
long dyad_reader_line(const dyad_reader *r) { return r->format == DYAD_IN_JSONL ? r->line : 0; }

void dyad_reader_close(dyad_reader *r) {
    if (!r) return;
    if (r->own_file && r->f) fclose(r->f);
    if (r->z_init) inflateEnd(&r->z);
    ZSTD_freeDCtx(r->zs);
    free(r->in);
    free(r->out);
    dyad__buf_free(&r->linebuf);
    if (r->cur) json_decref(r->cur);
    free(r->fixed);
    free(r->text_copy);
    free(r->title);
    free(r->name);
    free(r);
}

/* Reads the next line into r->linebuf.  1: a line, 0: end, -1: too long (skipped). */
static int next_line(dyad_reader *r) {
    r->linebuf.n = 0;
    int too_long = 0, any = 0;
    for (;;) {
        if (r->out_pos >= r->out_len && !fill(r)) break;
        any = 1;
        unsigned char *p = r->out + r->out_pos;
        size_t avail = r->out_len - r->out_pos;
        unsigned char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        if (!too_long) {
            if (r->linebuf.n + take > DYAD_MAX_LINE_BYTES) { too_long = 1; r->linebuf.n = 0; }
            else dyad__buf_put(&r->linebuf, p, take);
        }
        r->out_pos += take + (nl ? 1 : 0);
        if (nl) { r->line++; return too_long ? -1 : 1; }
    }
    if (!any || (r->linebuf.n == 0 && !too_long)) return 0;
    r->line++;
    return too_long ? -1 : 1;
}

static int bad(dyad_reader *r, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(dyad_reader *r, int code, const char *fmt, ...) {
    char reason[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    snprintf(r->errmsg, sizeof r->errmsg, "%s:%ld: %s", r->name, r->line, reason);
    return code;
}

static const char *opt_string(json_t *o, const char *key, int *wrong) {
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) return NULL;
    if (!json_is_string(v)) { *wrong = 1; return NULL; }
    return json_string_value(v);
}

/* What a text or HTML reader keeps of a document; the rest is read past, so
 * memory stays bounded: plain text a character more than DYAD_MAX_DOC_BYTES
 * (the coder cuts there and says so), HTML twice that (markup goes). */
#define TEXT_KEEP(r) ((r)->format == DYAD_IN_HTML ? DYAD_MAX_DOC_BYTES * 2u : DYAD_MAX_DOC_BYTES + 4u)

static int next_text(dyad_reader *r, dyad_doc *doc) {
    if (r->text_done) return 0;
    r->text_done = 1;
    buf all = {0};
    for (;;) {
        if (r->out_pos >= r->out_len && !fill(r)) break;
        size_t keep = TEXT_KEEP(r);
        size_t avail = r->out_len - r->out_pos;
        if (all.n < keep) dyad__buf_put(&all, r->out + r->out_pos, avail < keep - all.n ? avail : keep - all.n);
        r->out_pos = r->out_len;
    }
    if (r->error) { dyad__buf_free(&all); return bad(r, DYAD_EIO, "read error"); }
    if (all.n >= TEXT_KEEP(r)) {
        /* cut here: no half character left to be "repaired"; plain text stays
         * longer than DYAD_MAX_DOC_BYTES, so the coder cuts it and says so */
        size_t k = all.n, back = 0;
        while (k > 0 && back < 3 && ((unsigned char)all.p[k - 1] & 0xC0) == 0x80) { k--; back++; }
        if (k > 0) {
            unsigned char lead = (unsigned char)all.p[k - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (back + 1 < need) all.n = k - 1;
        }
    }
    size_t len, nbad = 0;
    free(r->text_copy);
    r->text_copy = dyad__utf8_repair(all.p ? all.p : "", all.n, &len, &nbad);
    dyad__buf_free(&all);
    if (!r->text_copy) return DYAD_ENOMEM;
    r->repairs = nbad;
    memset(doc, 0, sizeof *doc);
    if (r->format == DYAD_IN_HTML) {
        char *txt, *title;
        size_t tl;
        if (dyad__html_extract(r->text_copy, len, &txt, &tl, &title)) return DYAD_ENOMEM;
        free(r->text_copy);
        r->text_copy = txt;
        len = tl;
        free(r->title);
        r->title = title;
        doc->title = title;
    }
    snprintf(r->idbuf, sizeof r->idbuf, "%s", r->name);
    doc->id = r->idbuf;
    doc->date = r->default_date[0] ? r->default_date : NULL;
    doc->text = r->text_copy;
    doc->text_len = len;
    return 1;
}

int dyad_reader_next(dyad_reader *r, dyad_doc *doc) {
    if (r->format == DYAD_IN_TEXT || r->format == DYAD_IN_HTML) return next_text(r, doc);
    for (;;) {
        if (r->cur) { json_decref(r->cur); r->cur = NULL; }
        int k = next_line(r);
        if (r->error) {
            if (!r->errmsg[0]) snprintf(r->errmsg, sizeof r->errmsg, "%s: read error", r->name);
            r->error = 0;
            r->eof = 1;
            return DYAD_EIO;
        }
        if (k == 0) return 0;
        if (k < 0) return bad(r, DYAD_ELIMIT, "line longer than %u bytes (DYAD_MAX_LINE_BYTES); skipped", DYAD_MAX_LINE_BYTES);
        const char *line = r->linebuf.p;
        size_t n = r->linebuf.n;
        /* blank lines are not records */
        size_t i = 0;
        while (i < n && IS_SPACE(line[i])) i++;
        if (i == n) continue;
        size_t fixed_len, nbad = 0;
        free(r->fixed);
        r->fixed = dyad__utf8_repair(line, n, &fixed_len, &nbad);
        if (!r->fixed) return DYAD_ENOMEM;
        r->repairs = nbad;
        json_error_t err;
        r->cur = json_loadb(r->fixed, fixed_len, JSON_ALLOW_NUL, &err);
        if (!r->cur) return bad(r, DYAD_EPARSE, "invalid JSON: %s", err.text);
        if (!json_is_object(r->cur)) return bad(r, DYAD_EPARSE, "not a JSON object");
        json_t *tv = json_object_get(r->cur, "text");
        if (!tv || json_is_null(tv)) return bad(r, DYAD_EMISSING, "missing \"text\"");
        if (!json_is_string(tv)) return bad(r, DYAD_EPARSE, "\"text\" is not a string");
        int wrong = 0;
        memset(doc, 0, sizeof *doc);
        json_t *idv = json_object_get(r->cur, "id");
        if (json_is_string(idv)) doc->id = json_string_value(idv);
        else if (json_is_integer(idv)) {
            snprintf(r->idbuf, sizeof r->idbuf, "%lld", (long long)json_integer_value(idv));
            doc->id = r->idbuf;
        } else if (idv && !json_is_null(idv)) return bad(r, DYAD_EPARSE, "\"id\" is not a string");
        else {
            snprintf(r->idbuf, sizeof r->idbuf, "%s:%ld", r->name, r->line);
            doc->id = r->idbuf;
        }
        doc->date = opt_string(r->cur, "date", &wrong);
        if (wrong) return bad(r, DYAD_EDATE, "\"date\" is not a string");
        if (doc->date && !*doc->date) doc->date = NULL;
        if (doc->date && dyad_date_parse(doc->date, NULL, NULL, NULL))
            return bad(r, DYAD_EDATE, "bad date \"%s\" (want a real YYYY-MM-DD day)", doc->date);
        if (!doc->date && r->default_date[0]) doc->date = r->default_date;
        doc->title = opt_string(r->cur, "title", &wrong);
        doc->source = opt_string(r->cur, "source", &wrong);
        doc->url = opt_string(r->cur, "url", &wrong);
        doc->text = json_string_value(tv);
        doc->text_len = json_string_length(tv);
        /* NUL inside the text (\u0000) and CRs: repair once more */
        if (memchr(doc->text, 0, doc->text_len) || memchr(doc->text, '\r', doc->text_len)) {
            size_t len, nb = 0;
            free(r->text_copy);
            r->text_copy = dyad__utf8_repair(doc->text, doc->text_len, &len, &nb);
            if (!r->text_copy) return DYAD_ENOMEM;
            r->repairs += nb;
            doc->text = r->text_copy;
            doc->text_len = len;
        }
        return 1;
    }
}
