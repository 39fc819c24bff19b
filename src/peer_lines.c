/* peer_lines.c -- the peers' dictionary files (TABARI, PETRARCH) as cleaned
 * lines, the same way for every kind: Latin-1 lines converted, comments
 * (<!-- -->, '#', ';', options' '//') and blank lines dropped; warnings with
 * a cap; what the formats share (section tags, [...] groups, codes); and
 * TABARI options files.  docs/peer-dictionaries.md, "Lines and comments". */
#include "peer.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>

/* ---- A file's cleaned lines ------------------------------------------------- */
void dyad__peer_warn(peer *p, int line, const char *fmt, ...) {
    if (p->nwarn >= PEER_MAX_WARNINGS) {
        p->nquiet++;
        return;
    }
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    p->nwarn++;
    dyad__dict_warn(p->d, p->file, line, "%s", msg);
}

char *dyad__peer_trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = 0;
    return s;
}

int dyad__peer_starts_ci(const char *s, const char *pfx) {
    for (; *pfx; s++, pfx++)
        if (peer_upper(*s) != peer_upper(*pfx)) return 0;
    return 1;
}

/* Windows-1252 for 0x80-0x9F (0 = undefined); 0xA0-0xFF are Latin-1. */
static const uint16_t CP1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* Appends S (Latin-1/Windows-1252) to OUT as UTF-8; -1 on an undefined byte. */
static int latin1_put(buf *out, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        if (c >= 0x80 && c < 0xA0) cp = CP1252[c - 0x80];
        if (!cp) return -1;
        if (cp == 0xA0) cp = ' ';
        if (cp < 0x80) dyad__buf_putc(out, (char)cp);
        else if (cp < 0x800) {
            dyad__buf_putc(out, (char)(0xC0 | (cp >> 6)));
            dyad__buf_putc(out, (char)(0x80 | (cp & 0x3F)));
        } else {
            dyad__buf_putc(out, (char)(0xE0 | (cp >> 12)));
            dyad__buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
            dyad__buf_putc(out, (char)(0x80 | (cp & 0x3F)));
        }
    }
    return 0;
}

/* Removes <!-- --> comments; returns 0 when the whole line is to be skipped. */
static int strip_html(char *w, int *in_comment) {
    if (*in_comment) {
        char *e = strstr(w, "-->");
        if (!e) return 0;
        memmove(w, e + 3, strlen(e + 3) + 1);
        *in_comment = 0;
    }
    const char *t = w;
    while (*t == ' ') t++;
    if (t[0] == '<' && t[1] == '!' && strncmp(t, "<!--", 4) != 0) return 0; /* "<! -- x -->" */
    for (;;) {
        char *b = strstr(w, "<!--");
        if (!b) break;
        char *e = strstr(b + 4, "-->");
        if (!e) {
            *b = 0;
            *in_comment = 1;
            break;
        }
        memmove(b, e + 3, strlen(e + 3) + 1);
    }
    return 1;
}

/* Cuts a '#' or ';' comment that is not inside [...]. */
static void strip_comment(char *s) {
    int depth = 0;
    for (char *q = s; *q; q++) {
        if (*q == '[') depth++;
        else if ((*q == ']' || *q == '}') && depth > 0) depth--;
        else if ((*q == '#' || *q == ';') && depth == 0) {
            *q = 0;
            return;
        }
    }
}

int dyad__peer_read(peer *p, const char *path, int options) {
    size_t len = 0;
    char *data = dyad__read_file_all(path, &len);
    if (!data) {
        snprintf(p->d->errmsg, sizeof p->d->errmsg, "%s: cannot read file", path);
        return DYAD_EIO;
    }
    buf out = {0}, conv = {0};
    char *w = NULL;
    size_t wcap = 0, capl = 0;
    int rc = 0, line = 0, in_comment = 0;
    const char *q = data, *end = data + len;
    if (len >= 3 && memcmp(q, "\xEF\xBB\xBF", 3) == 0) q += 3;
    while (q < end) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        const char *ls = q;
        size_t n = (size_t)((nl ? nl : end) - q);
        q = nl ? nl + 1 : end;
        line++;
        while (n && ls[n - 1] == '\r') n--;
        int high = 0;
        for (size_t i = 0; i < n && !high; i++) high = (unsigned char)ls[i] >= 0x80;
        if (high && !dyad__utf8_valid(ls, n, 0)) {
            conv.n = 0;
            if (latin1_put(&conv, ls, n) == 0) {
                dyad__peer_warn(p, line, "not UTF-8: read as Latin-1 and converted");
            } else {
                size_t rl = 0, bad = 0;
                char *r = dyad__utf8_repair(ls, n, &rl, &bad);
                if (!r) { rc = DYAD_ENOMEM; break; }
                conv.n = 0;
                dyad__buf_put(&conv, r, rl);
                free(r);
                dyad__peer_warn(p, line, "invalid UTF-8 replaced with U+FFFD");
            }
            if (conv.oom) { rc = DYAD_ENOMEM; break; }
            ls = conv.p;
            n = conv.n;
        }
        if (n + 1 > wcap) {
            char *nw = realloc(w, n + 1);
            if (!nw) { rc = DYAD_ENOMEM; break; }
            w = nw;
            wcap = n + 1;
        }
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)ls[i];
            w[i] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
        }
        w[n] = 0;
        if (!strip_html(w, &in_comment)) continue;
        if (options) {
            const char *t = w;
            while (*t == ' ') t++;
            if (t[0] == '/' && t[1] == '/') continue;
        } else {
            strip_comment(w);
        }
        char *s = dyad__peer_trim(w);
        if (!*s) continue;
        if (p->nlines == capl) {
            size_t nc = capl ? capl * 2 : 1024;
            size_t *no = dyad__xrealloc_array(p->off, nc, sizeof *no);
            if (!no) { rc = DYAD_ENOMEM; break; }
            p->off = no;
            int *nn = dyad__xrealloc_array(p->lno, nc, sizeof *nn);
            if (!nn) { rc = DYAD_ENOMEM; break; }
            p->lno = nn;
            capl = nc;
        }
        p->off[p->nlines] = out.n;
        p->lno[p->nlines] = line;
        p->nlines++;
        dyad__buf_put(&out, s, strlen(s) + 1);
        if (out.oom) { rc = DYAD_ENOMEM; break; }
    }
    free(data);
    free(w);
    dyad__buf_free(&conv);
    if (rc) {
        dyad__buf_free(&out);
        return rc;
    }
    p->text = out.p;
    return 0;
}

/* <NOUN> <ADJECTIVE> <TIME> <SYNSETS> and their ends: 1 opens a section to
 * skip, 2 closes one, 3 is <SYNSETS> (read), 0 is no tag, -1 an unknown tag. */
int dyad__peer_section_tag(const char *s) {
    if (s[0] != '<') return 0;
    const char *t = s + 1;
    int close = *t == '/';
    if (close) t++;
    if (dyad__peer_starts_ci(t, "NOUN>") || dyad__peer_starts_ci(t, "ADJECTIVE>") || dyad__peer_starts_ci(t, "TIME>"))
        return close ? 2 : 1;
    if (dyad__peer_starts_ci(t, "SYNSETS>")) return close ? 2 : 3;
    return -1;
}

/* ---- Codes ------------------------------------------------------------------- */
/* Finds the next [...] group from S: *c and *cn get its content; returns the position
 * after it, NULL if none.  A missing ']' is repaired with '}' or the end of
 * the line (*repaired set). */
const char *dyad__peer_next_group(const char *s, const char **c, size_t *cn, int *repaired) {
    const char *lb = strchr(s, '[');
    if (!lb) return NULL;
    const char *rb = strchr(lb + 1, ']');
    *repaired = 0;
    if (!rb) {
        *repaired = 1;
        rb = strchr(lb + 1, '}');
        if (!rb) rb = lb + 1 + strlen(lb + 1);
    }
    *c = lb + 1;
    *cn = (size_t)(rb - lb - 1);
    return *rb ? rb + 1 : rb;
}

/* Copies S (n bytes) into OUT without blanks; 0, or -1 when it does not fit. */
int dyad__peer_copy_code(char *out, size_t cap, const char *s, size_t n, int *cut) {
    size_t k = 0;
    *cut = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t') continue;
        if (k + 1 >= cap) { *cut = 1; break; }
        out[k++] = s[i];
    }
    out[k] = 0;
    return 0;
}

char *dyad__peer_dup(const char *s, size_t n) {
    char *r = malloc(n + 1);
    if (!r) return NULL;
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

/* ---- OPTIONS ------------------------------------------------------------------------- */
int dyad__peer_load_options(peer *p) {
    for (size_t i = 0; i < p->nlines; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        if (s[0] == '~' || s[0] == '<') continue;
        const char *colon = strchr(s, ':');
        if (!colon) {
            dyad__peer_warn(p, line, "not an option line (KEYWORD: ...): ignored");
            continue;
        }
        if (dyad__peer_starts_ci(s, "COMPLEX:")) {
            /* VERBS[n] ACTORS[n] CONJ[n] NOACTPRIOR EXPLAIN ... */
            for (const char *q = colon + 1; *q;) {
                while (*q == ' ') q++;
                if (!*q) break;
                const char *st = q;
                while (*q && *q != ' ') q++;
                const char *lb = memchr(st, '[', (size_t)(q - st));
                if (lb) {
                    const char *x = lb + 1;
                    while (x < q && IS_DIGIT(*x)) x++;
                    if (x == lb + 1 || x >= q || *x != ']')
                        dyad__peer_warn(p, line, "COMPLEX: bad item %.*s (NAME[number])", (int)(q - st), st);
                }
            }
        } else if (dyad__peer_starts_ci(s, "SET:")) {
            const char *v = colon + 1;
            while (*v == ' ') v++;
            if (!*v) dyad__peer_warn(p, line, "SET: without a setting");
        }
        /* LABEL:, OUTPUT:, FORWARD:, DELETE: ... do not change what is coded */
    }
    return 0;
}
