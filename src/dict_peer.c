/* dict_peer.c -- reads the peers' dictionaries (PETRARCH-2, PETRARCH-1 and
 * TABARI) into the tables dyad's own format fills (dict.c): actor and agent
 * entries with phrases in the tries, discards, and verb patterns.
 *
 * Every file is first cleaned line by line, the same way for all kinds:
 *   - a line that is not valid UTF-8 is read as Latin-1 (bytes 0x80-0x9F as
 *     Windows-1252) and converted, with a warning; dyad__utf8_repair is the fallback
 *     for bytes Windows-1252 leaves undefined.  NBSP becomes a space, control
 *     characters become spaces;
 *   - comments go: `<!-- ... -->` (also over several lines; a line starting
 *     with "<!" that is not "<!--", like "<! -- x -->", is skipped whole), and
 *     `#` or `;` outside [...] to the end of the line (PETRARCH's `#`, TABARI's
 *     and PETRARCH-1's `;`; "[###]" keeps its hashes).  Options files only
 *     know `//` comments.  Blank lines carry no meaning and are dropped.
 * No bad line stops a load: it is repaired or skipped with a warning (at most
 * PEER_MAX_WARNINGS per file, then one line counting the rest).
 *
 * ACTORS (both formats).  `PHRASE [CODE]`, or `PHRASE` alone, starts an
 * entry; `+PHRASE` lines are synonyms of it; `[CODE]`, `[CODE <DATE]`,
 * `[CODE >DATE]` and `[CODE DATE-DATE]` groups, on the phrase's line (TABARI,
 * also Phoenix files) or on lines of their own (PETRARCH's tab-indented
 * restrictions), give its codes.  Dates are YYMMDD or YYYYMMDD, limits
 * inclusive; codes keep the file's order (the first restriction that covers
 * a date wins, dyad__actor_code_at) and their case.  An entry with no code at all
 * becomes the null actor "---" with a warning.  `[---]` is the null actor
 * (blocks a shorter match, codes nothing); `[###]` and `[+++]` are kept as
 * codes (actors.c treats them as null) -- except that a TABARI actor whose
 * only code is an undated `[###]` is a sentence discard, as TABARI reads it.
 * A synonym with a code of its own that differs from the entry's starts a
 * new entry (CAMEO.ECS has "+MONGOLIANS_ [mon]" under MONGO_ [lol]).
 * PETRARCH: words are exact (a trailing '_' is dropped); TABARI: the last
 * word is a stem unless it ends in '_' or '=' (dyad__dict_add_phrase, stems=1).
 * Spaces between words (PETRARCH: "other words may come between") are read
 * as consecutive words: the trie has no gaps.  "---STOP---" ends a PETRARCH
 * actors file.  <NOUN>, <ADJECTIVE>, <TIME> sections are skipped (TABARI's
 * noun/adjective lists only steer its own parser); "~~FINISH" lines too.
 *
 * AGENTS.  `PHRASE {PLURAL PLURAL} [~CODE]`: "~CODE" is appended to the actor
 * code, "CODE~" put before it (is_prefix); the code is stored without '~'.
 * PETRARCH: regular plurals are generated (dyad__dict_add_phrase plural=1) unless
 * braces are given: "{}" means none, "{X Y}" lists them (each whitespace-
 * separated item one phrase).  `!NAME! = A, B, C` defines a substitution
 * marker; a phrase with !NAME! is added once per value, with no plurals.
 * TABARI agents are stems instead (plural=0, stems=1).  "[~ENV}" is repaired.
 *
 * DISCARDS (PETRARCH).  `+PHRASE` discards the whole document
 * (AE_DOC_DISCARD), `PHRASE` the sentence (AE_DISCARD); one entry per line,
 * code "---".  PETRARCH matches discards as stems; dyad adds regular plurals
 * instead (turning stems on would change tokenization for the whole
 * dictionary).  A TABARI-format discards file is read the same way, as stems.
 *
 * VERBS, PETRARCH.  `--- NAME [CODE] ---` starts a block; its code (default
 * "---") is the code of each verb in the block that has none of its own.
 * The block's verb lines are `VERB`, `VERB {FORM FORM} [CODE]`, multi-word
 * verbs `+BREAK_DOWN {+BREAKS_DOWN ...}` and `WIRE_+TAP`: as PETRARCH's
 * documentation says, '+' marks the word the parser sees as the verb (not a
 * target slot); the words before it become pattern elements before the verb,
 * those after it elements after it, adjacent where joined by '_'.  Without a
 * '+' the first word is the verb (TABARI style: "BRUSH_ASIDE REPORTS").
 * Each verb gets dyad__dict_add_verb_forms (our morphology) plus its {...} forms
 * (flags W_VERB3, +W_PARTICIPLE unless an -s form, or W_ING).  A multi-word
 * verb whose verb word is already an inflection of another verb ("+ANGERED_BY"
 * next to ANGER) is filed under that verb; single-word verbs of a block are
 * read before multi-word ones for this.  Every pattern `- words * words
 * [CODE]` of the block is added for every verb of the block (dyad indexes
 * patterns by verb), with the verb's own extra words around '*'.  A verb's
 * code gives a pattern with no elements unless it is "---" (the first one
 * per verb wins when a verb is listed twice).  `&NAME` + `+MEMBER` lines
 * define synsets anywhere in the file (collected in a first pass, so order
 * does not matter); a trailing '_' on the label or a member means "no
 * plurals".  `~` lines (PETRARCH-2 transformations) are counted and ignored.
 * VERBS, TABARI.  `VERB [CODE]` lines each start a verb of their own, with a
 * `{ FORM FORM }` line and `- pattern [CODE]` lines after it; <SYNSETS>
 * holds `&NAME`/`+member` definitions, <TIME>, <NOUN>, <ADJECTIVE> are
 * skipped.  Words are stems (W_STEM: they match any word they prefix, at
 * least 3 bytes long, and not function words like THE or WILL) unless
 * followed by '_' or '='; "WORD~" is a stem even when joined by '_'
 * ("RECENT~_*").  An exact TABARI verb ("ACT_") gets no
 * generated forms.
 * PATTERNS (both).  '*' is the verb, '+' the target, '$' the source, '%' a
 * compound actor (PE_COMPOUND), '^' skips a token (PE_SKIP); words joined by
 * '_' must be adjacent, words separated by spaces may have gaps (the
 * dictionary's peer_gap).  Before '*' elements are stored nearest-the-verb
 * first.  `{ A | B_C }` (TABARI) lists alternatives; `(PREP ...)` and
 * `{A B}` without '|' (PETRARCH-2's prepositional and noun phrases) are read
 * as plain words.  `&SYN` and `{ | }` are expanded here: all one-word members
 * become ONE element with every member as an alternative; each multi-word
 * member (or one holding slots or other synsets) becomes a pattern of its own
 * with its words in sequence.  So "- * RESIST &TESTSYN3" gives three patterns,
 * "- * &CURRENCY" one.  At most PEER_MAX_EXPANSIONS patterns per line.  A
 * word the tokenizer splits ("DON'T" -> do n't) becomes adjacent elements.
 * PETRARCH pattern words get regular plurals (dyad__dict_add_noun_forms) unless
 * they end in '_'.  Codes: `[013:012]` is code 013, code2 012; `[:173]` is
 * code "---" (no event this way round), code2 173; odd codes ("075A", "102b",
 * "xxy", "+++", "###", "100!") are kept as written, cut to 7 characters with
 * a warning.  A pattern line without '-' ("* (TO QUESTION) [110]") is read
 * with a warning; one without '*' or a code, or with an undefined synset, is
 * skipped with a warning.
 *
 * OPTIONS (TABARI).  COMPLEX: and SET: lines are checked for syntax; nothing
 * is recorded (internal.h has no field for them), LABEL:, OUTPUT:, FORWARD:
 * and the rest are ignored without warnings.
 *
 * DYAD_FILE_AUTO with a peer format guesses the kind from the file name
 * (verb, actor, agent, discard, option). */
#include "internal.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <limits.h>

#define PEER_MAX_WARNINGS 200  /* per file; the rest are counted in one line */
#define PEER_MAX_EXPANSIONS 256 /* patterns one pattern line may expand into */
#define PEER_MAX_SYN_DEPTH 24   /* substitutions along one expansion path */
#define PEER_MAX_WORK 20000     /* expansion steps for one pattern line */
#define PEER_MAX_PIECES 8       /* tokens one dictionary word may split into */

/* Internal result: the line was skipped (and warned about); DYAD_* errors are < 0. */
enum { SKIP = 1 };

/* Word markers: '_' after a word (no stem), '=' (TABARI: this form only, no
 * endings either), '~' (TABARI: a stem even before '_'). */
enum { MK_EXACT = 1, MK_BARE = 2, MK_TILDE = 4 };

/* ---- A file's cleaned lines ------------------------------------------------- */
typedef struct {
    dyad_dict *d;
    const char *file; /* owned by the dictionary */
    int tabari;
    char *text;       /* the lines, each NUL-terminated */
    size_t *off;
    int *lno;
    size_t nlines;
    size_t nwarn, nquiet;
    size_t nclamped; /* dates with a day past the month's end */
    int clamp_line;
    size_t ncentury; /* YYMMDD ranges whose start was put a century earlier */
    int century_line;
    size_t ndup;     /* phrases listed again in the file: the first kept */
    int dup_line;
} peer;

#define LINE(p, i) ((p)->text + (p)->off[i])
#define LNO(p, i) ((p)->lno[i])

static void pwarn(peer *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void pwarn(peer *p, int line, const char *fmt, ...) {
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

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = 0;
    return s;
}

static char upper(char c) { return (char)(c >= 'a' && c <= 'z' ? c - 32 : c); }

static int starts_ci(const char *s, const char *pfx) {
    for (; *pfx; s++, pfx++)
        if (upper(*s) != upper(*pfx)) return 0;
    return 1;
}

static int valid_utf8(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t k;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { k = 1; cp = c & 0x1Fu; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 2; cp = c & 0x0Fu; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 3; cp = c & 0x07u; }
        else return 0;
        if (n - i <= k) return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + j] & 0x3Fu);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
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

static int peer_read(peer *p, const char *path, int options) {
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
        if (high && !valid_utf8((const unsigned char *)ls, n)) {
            conv.n = 0;
            if (latin1_put(&conv, ls, n) == 0) {
                pwarn(p, line, "not UTF-8: read as Latin-1 and converted");
            } else {
                size_t rl = 0, bad = 0;
                char *r = dyad__utf8_repair(ls, n, &rl, &bad);
                if (!r) { rc = DYAD_ENOMEM; break; }
                conv.n = 0;
                dyad__buf_put(&conv, r, rl);
                free(r);
                pwarn(p, line, "invalid UTF-8 replaced with U+FFFD");
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
        char *s = trim(w);
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
static int section_tag(const char *s) {
    if (s[0] != '<') return 0;
    const char *t = s + 1;
    int close = *t == '/';
    if (close) t++;
    if (starts_ci(t, "NOUN>") || starts_ci(t, "ADJECTIVE>") || starts_ci(t, "TIME>"))
        return close ? 2 : 1;
    if (starts_ci(t, "SYNSETS>")) return close ? 2 : 3;
    return -1;
}

/* ---- Codes ------------------------------------------------------------------- */
/* Finds the next [...] group from S: *c and *cn get its content; returns the position
 * after it, NULL if none.  A missing ']' is repaired with '}' or the end of
 * the line (*repaired set). */
static const char *next_group(const char *s, const char **c, size_t *cn, int *repaired) {
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
static int copy_code(char *out, size_t cap, const char *s, size_t n, int *cut) {
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

/* A verb or pattern code: "A", "A:B", ":B". Returns 0 or -1 (empty). */
static int parse_code(peer *p, int line, const char *s, size_t n, char code[8], char code2[8]) {
    const char *colon = memchr(s, ':', n);
    size_t n1 = colon ? (size_t)(colon - s) : n;
    int cut1 = 0, cut2 = 0;
    copy_code(code, 8, s, n1, &cut1);
    code2[0] = 0;
    if (colon) copy_code(code2, 8, colon + 1, n - n1 - 1, &cut2);
    /* TABARI's "[031!]": the PETRARCH conversion of the same file and the
     * validation suite's gold have 031 */
    for (char *c = code; *c; c++)
        if (*c == '!' && !c[1] && c > code) *c = 0;
    if (!code[0] && !code2[0]) return -1;
    if (!code[0]) strcpy(code, "---");
    if (cut1 || cut2) pwarn(p, line, "code [%.*s] longer than 7 characters: cut", (int)n, s);
    return 0;
}

/* ---- Words ----------------------------------------------------------------------- */
/* Function words (the, was, will, not, that ...) are never stems: TABARI
 * writes "SAID WOULD * NOW", and a stem "the" would turn every unknown word
 * starting with "the" into a determiner for the whole dictionary. */
#define CLOSED_CLASS (W_BE | W_NEG | W_MODAL | W_AUX | W_DET | W_CONJ | W_OF | W_BY | W_IF | \
                      W_PRON | W_REL | W_TO | W_CLAUSE | W_POSS)

static int mark_stem(dyad_dict *d, wid w) {
    word_info *wi = &d->words[w];
    if (wi->len < 3 || (wi->flags & CLOSED_CLASS)) return 0;
    wi->flags |= W_STEM;
    d->stem_matching = 1;
    if (!d->min_stem || wi->len < d->min_stem) d->min_stem = wi->len;
    return 1;
}

/* Interns one dictionary word as the tokenizer would split it ("DON'T" is
 * do + n't): the pieces' ids go to OUT.  TABARI: the last piece becomes a
 * stem unless MK_EXACT (and not MK_TILDE), and gets the regular noun
 * endings unless MK_BARE ("ESTONIA_" matches "Estonias", "MOUSE=" not
 * "Mouses"); PETRARCH: regular plurals unless MK_EXACT.  Returns the number
 * of pieces, 0 if none could be read. */
static size_t intern_word(peer *p, const char *s, size_t n, int marks, wid *out, int *stem) {
    span sp[PEER_MAX_PIECES];
    size_t k = dyad__tokens_split_phrase(s, n, sp, PEER_MAX_PIECES);
    *stem = 0;
    if (k == 0 || k > PEER_MAX_PIECES) return 0;
    for (size_t i = 0; i < k; i++) {
        out[i] = dyad__dict_intern(p->d, s + sp[i].start, sp[i].end - sp[i].start);
        if (!out[i]) return 0;
    }
    wid last = out[k - 1];
    if (p->tabari && ((marks & MK_TILDE) || !(marks & MK_EXACT))) *stem = mark_stem(p->d, last);
    if (p->tabari ? !(marks & MK_BARE) : !(marks & MK_EXACT)) {
        const word_info *wi = &p->d->words[last];
        dyad__dict_add_noun_forms(p->d, last, wi->text, wi->len);
    }
    return k;
}

/* ---- ACTORS ---------------------------------------------------------------------- */
typedef struct {
    peer *p;
    int idx; /* entry being read, -1 none */
    int line;
    dated_code *codes;
    size_t ncodes, cap;
} actx;

static int push_code(dated_code **v, size_t *n, size_t *cap, const dated_code *c) {
    if (dyad__grow_array(v, cap, *n, sizeof **v, 4)) return DYAD_ENOMEM;
    (*v)[(*n)++] = *c;
    return 0;
}

static int month_days(int y, int m) {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

/* YYMMDD (YY < 30: 20YY; BACK: a century earlier) or YYYYMMDD -> days.  A day the month does not have
 * (TABARI's CountryInfo writes 040631, 041131) is read as the month's last
 * day and counted (one warning per file). */
static int parse_day(peer *p, int line, const char *s, size_t n, int back, int *days, int *six) {
    int dig[8];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') continue;
        if (!IS_DIGIT(s[i]) || k == 8) return -1;
        dig[k++] = s[i] - '0';
    }
    int y, m, dd;
    if (k == 8) {
        y = dig[0] * 1000 + dig[1] * 100 + dig[2] * 10 + dig[3];
        m = dig[4] * 10 + dig[5];
        dd = dig[6] * 10 + dig[7];
    } else if (k == 6) {
        y = dig[0] * 10 + dig[1];
        y += y < 30 ? 2000 : 1900;
        if (back) y -= 100;
        m = dig[2] * 10 + dig[3];
        dd = dig[4] * 10 + dig[5];
    } else {
        return -1;
    }
    if (six) *six = k == 6;
    if (m < 1 || m > 12 || dd > 31) return -1;
    int last = month_days(y, m);
    if (dd < 1 || dd > last) {
        if (!p->nclamped++) p->clamp_line = line;
        dd = dd < 1 ? 1 : last;
    }
    *days = dyad__date_days(y, m, dd);
    return 0;
}

/* "CODE", "CODE <DATE", "CODE >DATE", "CODE DATE-DATE" -> *out; 0 or -1. */
static int parse_dated(peer *p, int line, const char *c, size_t n, dated_code *out) {
    char t[160];
    if (n >= sizeof t) {
        pwarn(p, line, "code group too long");
        return -1;
    }
    memcpy(t, c, n);
    t[n] = 0;
    char *s = trim(t);
    char *e = s;
    while (*e && *e != ' ' && *e != '<' && *e != '>') e++;
    size_t cl = (size_t)(e - s);
    int run = 0, maxrun = 0;
    for (size_t i = 0; i < cl; i++) {
        run = IS_DIGIT(s[i]) ? run + 1 : 0;
        if (run > maxrun) maxrun = run;
    }
    if (cl == 0 || maxrun >= 6) {
        pwarn(p, line, "code group [%s] has no code before its date", s);
        return -1;
    }
    memset(out, 0, sizeof *out);
    if (cl >= sizeof out->code) { /* "USA/RUS/IGOUNO/IGOEEC": keep whole codes */
        size_t k = sizeof out->code - 1;
        while (k && s[k] != '/') k--;
        pwarn(p, line, "actor code %.*s longer than %zu characters: cut to %.*s", (int)cl, s,
              sizeof out->code - 1, (int)(k ? k : sizeof out->code - 1), s);
        cl = k ? k : sizeof out->code - 1;
    }
    memcpy(out->code, s, cl);
    out->from = INT_MIN;
    out->to = INT_MAX;
    char *r = trim(e);
    if (!*r) return 0;
    if (*r == '<' || *r == '>') {
        int days;
        if (parse_day(p, line, r + 1, strlen(r + 1), 0, &days, NULL)) {
            pwarn(p, line, "bad date in [%s] (YYMMDD or YYYYMMDD)", s);
            return -1;
        }
        if (*r == '<') out->to = days;
        else out->from = days;
        return 0;
    }
    char *dash = strchr(r, '-');
    int d1, d2, six = 0;
    if (!dash || parse_day(p, line, r, (size_t)(dash - r), 0, &d1, &six) ||
        parse_day(p, line, dash + 1, strlen(dash + 1), 0, &d2, NULL)) {
        pwarn(p, line, "bad date restriction in [%s] (<DATE, >DATE or DATE-DATE)", s);
        return -1;
    }
    /* CountryInfo's birth years: "270101-730717" is 1927-1973, and
     * "950101-370722" 1895-1937: a YYMMDD start after the end is taken from
     * the century before (counted, one warning per file) */
    int early;
    if (d2 < d1 && six && !parse_day(p, line, r, (size_t)(dash - r), 1, &early, NULL) && early <= d2) {
        if (!p->ncentury++) p->century_line = line;
        d1 = early;
    }
    if (d2 < d1) {
        pwarn(p, line, "date restriction in [%s] ends before it starts", s);
        return -1;
    }
    out->from = d1;
    out->to = d2;
    return 0;
}

/* Reads every [...] group of S into V; returns DYAD_ENOMEM or 0. */
static int read_groups(peer *p, int line, const char *s, dated_code **v, size_t *n, size_t *cap) {
    const char *c;
    size_t cn;
    int rep;
    while ((s = next_group(s, &c, &cn, &rep)) != NULL) {
        if (rep) pwarn(p, line, "missing ']' after [%.*s", (int)cn, c);
        dated_code dc;
        if (parse_dated(p, line, c, cn, &dc)) continue;
        if (push_code(v, n, cap, &dc)) return DYAD_ENOMEM;
    }
    return 0;
}

/* The phrase part of an actor/agent line: before '[' and '{', trimmed, with
 * a leading '+' dropped and TABARI's trailing '=' read as '_' (*plural is
 * then 0: "MOUSE=" does not match "Mouses"; otherwise TABARI's regular noun
 * endings hold, also after '_'; PETRARCH actors get no plurals). */
static size_t phrase_part(peer *p, const char *s, char *out, size_t cap, int *plural) {
    if (*s == '+') s++;
    size_t n = strcspn(s, "[{");
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    while (*s == ' ' && n) { s++; n--; }
    if (n >= cap) n = cap - 1;
    memcpy(out, s, n);
    out[n] = 0;
    *plural = p->tabari;
    if (p->tabari && n && out[n - 1] == '=') {
        out[n - 1] = '_';
        *plural = 0;
    }
    return n;
}

static const char *display_name(dyad_dict *d, const char *ph, size_t n) {
    char t[512];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof t - 1; i++) {
        char c = ph[i] == '_' ? ' ' : ph[i];
        if (c == ' ' && (k == 0 || t[k - 1] == ' ')) continue;
        t[k++] = c;
    }
    while (k && t[k - 1] == ' ') k--;
    return dyad__dict_keep(d, t, k);
}

/* Does PH already lead, in trie T, to an entry read from this file?  Then
 * the first one listed is kept, as the peers read their lists in order
 * (TABARI's "AL_GORE [AGR]" before "AL GORE [TEN]": the trie has no gaps,
 * so both are the same phrase here). */
static int phrase_taken(peer *p, const trie *t, const char *ph, size_t n) {
    char tmp[1024];
    if (!t->nnodes || n >= sizeof tmp) return 0;
    for (size_t i = 0; i < n; i++) tmp[i] = ph[i] == '_' ? ' ' : ph[i];
    span sp[DYAD_MAX_PHRASE_WORDS + 1];
    size_t k = dyad__tokens_split_phrase(tmp, n, sp, DYAD_MAX_PHRASE_WORDS + 1);
    if (!k || k > DYAD_MAX_PHRASE_WORDS) return 0;
    int node = 0;
    for (size_t i = 0; i < k; i++) {
        char f[DYAD_MAX_WORD_BYTES * 2];
        size_t fl = dyad__utf8_fold(tmp + sp[i].start, sp[i].end - sp[i].start, f, sizeof f);
        wid w = fl ? dyad__dict_lookup(p->d, f, fl) : 0;
        if (!w || (node = dyad__trie_child(t, node, w)) < 0) return 0;
    }
    for (int c = dyad__trie_first(t, node); c; c = dyad__trie_cell_next(t, c))
        if (p->d->entries[dyad__trie_cell_entry(t, c)].file == p->file) return 1;
    return 0;
}

static void add_phrase(peer *p, int line, trie *t, const char *ph, size_t n, int idx, int plural) {
    if (!n) return;
    if (phrase_taken(p, t, ph, n)) {
        if (!p->ndup++) p->dup_line = line;
        return;
    }
    int r = dyad__dict_add_phrase(p->d, t, ph, n, idx, plural, p->tabari);
    if (r) pwarn(p, line, "phrase \"%s\": %s", ph, dyad_strerror(r));
}

static void actor_close(actx *a) {
    if (a->idx < 0) return;
    dyad_dict *d = a->p->d;
    if (!a->ncodes) {
        pwarn(a->p, a->line, "actor \"%s\" has no code: read as the null actor [---]",
              d->entries[a->idx].name ? d->entries[a->idx].name : "?");
        dated_code dc;
        memset(&dc, 0, sizeof dc);
        strcpy(dc.code, "---");
        dc.from = INT_MIN;
        dc.to = INT_MAX;
        if (push_code(&a->codes, &a->ncodes, &a->cap, &dc)) {
            a->idx = -1;
            return;
        }
    }
    actor_entry *e = &d->entries[a->idx];
    if (a->p->tabari && a->ncodes == 1 && strcmp(a->codes[0].code, "###") == 0 &&
        a->codes[0].from == INT_MIN && a->codes[0].to == INT_MAX)
        e->type = AE_DISCARD;
    if (a->ncodes > UINT16_MAX) a->ncodes = UINT16_MAX;
    e->codes = a->codes;
    e->ncodes = (uint16_t)a->ncodes;
    a->codes = NULL;
    a->ncodes = a->cap = 0;
    a->idx = -1;
}

static int actor_open(actx *a, int line, const char *ph, size_t n) {
    actor_close(a);
    actor_entry e;
    memset(&e, 0, sizeof e);
    e.type = AE_ACTOR;
    e.name = display_name(a->p->d, ph, n);
    e.file = a->p->file;
    e.line = line;
    int idx = dyad__dict_add_entry(a->p->d, &e);
    if (idx < 0) return idx;
    a->idx = idx;
    a->line = line;
    return 0;
}

/* Actor and agent files: a section tag line switches skipping on (<NOUN>,
 * <ADJECTIVE>, <TIME>: TABARI's parser lists) or off; returns 1 for a tag line. */
static int section_line(peer *p, int line, const char *s, int *skip) {
    int tag = section_tag(s);
    if (!tag) return 0;
    if (tag == 1) *skip = 1;
    else if (tag == 2) *skip = 0;
    else if (tag < 0) pwarn(p, line, "unknown tag %s skipped", s);
    return 1;
}

static int load_actors(peer *p) {
    actx a;
    memset(&a, 0, sizeof a);
    a.p = p;
    a.idx = -1;
    int skip = 0, rc = 0;
    size_t skipped = 0;
    char ph[1024];
    for (size_t i = 0; i < p->nlines && !rc; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        if (!p->tabari && strstr(s, "---STOP---")) break;
        if (s[0] == '~' && s[1] == '~') continue;
        if (section_line(p, line, s, &skip)) continue;
        if (skip) { skipped++; continue; }
        if (s[0] == '[') { /* codes and date restrictions of the current actor */
            if (a.idx < 0) {
                pwarn(p, line, "code line %s before any actor: skipped", s);
                continue;
            }
            rc = read_groups(p, line, s, &a.codes, &a.ncodes, &a.cap);
            continue;
        }
        int plural;
        size_t n = phrase_part(p, s, ph, sizeof ph, &plural);
        if (!n) {
            pwarn(p, line, "no phrase in \"%s\": skipped", s);
            continue;
        }
        if (s[0] == '+') { /* synonym */
            if (a.idx < 0) {
                pwarn(p, line, "synonym %s before any actor: skipped", s);
                continue;
            }
            if (strchr(s, '[')) {
                dated_code *v = NULL;
                size_t nv = 0, cv = 0;
                if (read_groups(p, line, s, &v, &nv, &cv)) { free(v); rc = DYAD_ENOMEM; break; }
                int same = nv == 0 || (a.ncodes && strcmp(v[0].code, a.codes[0].code) == 0);
                if (!same && a.ncodes) {
                    pwarn(p, line, "synonym %s has a code of its own: read as a new actor", s);
                    if ((rc = actor_open(&a, line, ph, n))) { free(v); break; }
                }
                if (!same || !a.ncodes)
                    for (size_t k = 0; k < nv && !rc; k++)
                        rc = push_code(&a.codes, &a.ncodes, &a.cap, &v[k]);
                free(v);
            }
            add_phrase(p, line, &p->d->actors, ph, n, a.idx, plural);
            continue;
        }
        if (strstr(ph, ": ") && !strchr(s, '[')) { /* "Source: IGO.MLH.actors" */
            pwarn(p, line, "not an actor line: %s", s);
            continue;
        }
        /* as in PETRARCH, an actor with no code yet shares the codes that
         * follow: "IVO_JOSIPOVIC_ / PRESIDENT_JOSIPOVIC_ / [HRVGOV ...]" */
        if (a.idx < 0 || a.ncodes) {
            if ((rc = actor_open(&a, line, ph, n))) break;
        }
        add_phrase(p, line, &p->d->actors, ph, n, a.idx, plural);
        rc = read_groups(p, line, s, &a.codes, &a.ncodes, &a.cap);
    }
    actor_close(&a);
    free(a.codes);
    (void)skipped; /* <NOUN>/<ADJECTIVE> lists: TABARI parser hints, not actors */
    return rc;
}

/* ---- AGENTS ----------------------------------------------------------------------- */
typedef struct {
    char *name;   /* without the '!' */
    char **vals;
    size_t nvals;
} marker;

static void markers_free(marker *m, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(m[i].name);
        for (size_t j = 0; j < m[i].nvals; j++) free(m[i].vals[j]);
        free(m[i].vals);
    }
    free(m);
}

static char *dup_n(const char *s, size_t n) {
    char *r = malloc(n + 1);
    if (!r) return NULL;
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

/* "!NAME! = A, B, C" */
static int define_marker(peer *p, int line, const char *s, marker **m, size_t *nm) {
    const char *a = strchr(s, '!'), *b = a ? strchr(a + 1, '!') : NULL;
    const char *eq = b ? strchr(b, '=') : NULL;
    if (!a || !b || !eq || b == a + 1) {
        pwarn(p, line, "substitution marker wrongly defined: %s", s);
        return 0;
    }
    marker nmk;
    memset(&nmk, 0, sizeof nmk);
    nmk.name = dup_n(a + 1, (size_t)(b - a - 1));
    if (!nmk.name) return DYAD_ENOMEM;
    const char *v = eq + 1;
    while (*v) {
        size_t k = strcspn(v, ",");
        const char *x = v;
        size_t xn = k;
        while (xn && (*x == ' ')) { x++; xn--; }
        while (xn && x[xn - 1] == ' ') xn--;
        if (xn) {
            char **nv = dyad__xrealloc_array(nmk.vals, nmk.nvals + 1, sizeof *nv);
            char *val = nv ? dup_n(x, xn) : NULL;
            if (nv) nmk.vals = nv;
            if (!val) {
                free(nmk.name);
                for (size_t i = 0; i < nmk.nvals; i++) free(nmk.vals[i]);
                free(nmk.vals);
                return DYAD_ENOMEM;
            }
            nmk.vals[nmk.nvals++] = val;
        }
        v += k;
        if (*v == ',') v++;
    }
    marker *nm2 = dyad__xrealloc_array(*m, *nm + 1, sizeof *nm2);
    if (!nm2) {
        free(nmk.name);
        for (size_t i = 0; i < nmk.nvals; i++) free(nmk.vals[i]);
        free(nmk.vals);
        return DYAD_ENOMEM;
    }
    *m = nm2;
    (*m)[(*nm)++] = nmk;
    return 0;
}

/* Adds PH with every !MARKER! substituted (recursively, for several markers). */
static void add_marked(peer *p, int line, const char *ph, const marker *m, size_t nm, int idx,
                       int depth, int *count) {
    const char *a = strchr(ph, '!'), *b = a ? strchr(a + 1, '!') : NULL;
    if (!a) {
        if (++*count <= 64) add_phrase(p, line, &p->d->agents, ph, strlen(ph), idx, 0);
        return;
    }
    if (!b || depth > 4) {
        pwarn(p, line, "substitution marker in \"%s\" not closed: skipped", ph);
        return;
    }
    const marker *mk = NULL;
    for (size_t i = 0; i < nm && !mk; i++)
        if (strlen(m[i].name) == (size_t)(b - a - 1) && memcmp(m[i].name, a + 1, (size_t)(b - a - 1)) == 0)
            mk = &m[i];
    if (!mk) {
        pwarn(p, line, "substitution marker %.*s not defined: skipped", (int)(b - a + 1), a);
        return;
    }
    char t[1024];
    for (size_t i = 0; i < mk->nvals; i++) {
        int k = snprintf(t, sizeof t, "%.*s%s%s", (int)(a - ph), ph, mk->vals[i], b + 1);
        if (k < 0 || (size_t)k >= sizeof t) continue;
        add_marked(p, line, t, m, nm, idx, depth + 1, count);
    }
}

static int load_agents(peer *p) {
    marker *m = NULL;
    size_t nm = 0;
    int rc = 0, skip = 0;
    char ph[1024];
    for (size_t i = 0; i < p->nlines && !rc; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        if (s[0] == '~' && s[1] == '~') continue;
        if (section_line(p, line, s, &skip)) continue;
        if (skip) continue;
        if (strchr(s, '!') && strchr(s, '=') && !strchr(s, '[')) {
            rc = define_marker(p, line, s, &m, &nm);
            continue;
        }
        const char *c;
        size_t cn;
        int rep;
        if (!next_group(s, &c, &cn, &rep)) {
            pwarn(p, line, "agent without [CODE]: skipped");
            continue;
        }
        if (rep) pwarn(p, line, "missing ']' after [%.*s: repaired", (int)cn, c);
        char code[16];
        int cut;
        copy_code(code, sizeof code, c, cn, &cut);
        int prefix = 0;
        size_t cl = strlen(code);
        if (cl && code[cl - 1] == '~') {
            prefix = 1;
            code[--cl] = 0;
        } else if (code[0] == '~') {
            memmove(code, code + 1, cl);
            cl--;
        }
        if (!cl || strchr(code, '~')) {
            pwarn(p, line, "bad agent code [%.*s]: skipped", (int)cn, c);
            continue;
        }
        if (cut) pwarn(p, line, "agent code [%.*s] too long: cut", (int)cn, c);
        int plural;
        size_t n = phrase_part(p, s, ph, sizeof ph, &plural);
        if (!n) {
            pwarn(p, line, "agent without a phrase: skipped");
            continue;
        }
        int idx = dyad__dict_add_undated_entry(p->d, AE_AGENT, code, display_name(p->d, ph, n), NULL, prefix,
                                         p->file, line);
        if (idx < 0) { rc = idx; break; }
        if (strchr(ph, '!')) { /* substitution markers: no plurals */
            int count = 0;
            add_marked(p, line, ph, m, nm, idx, 0, &count);
            if (count > 64) pwarn(p, line, "markers give %d phrases: first 64 kept", count);
            continue;
        }
        const char *lbr = strchr(s, '{');
        if (lbr && lbr < c) {
            const char *rbr = strchr(lbr, '}');
            if (!rbr || rbr > c) {
                pwarn(p, line, "missing '}' after plurals");
                rbr = c - 1;
            }
            add_phrase(p, line, &p->d->agents, ph, n, idx, 0);
            const char *q = lbr + 1;
            while (q < rbr) { /* each plural */
                while (q < rbr && *q == ' ') q++;
                const char *st = q;
                while (q < rbr && *q != ' ') q++;
                if (q > st) {
                    char pl[512];
                    size_t pn = (size_t)(q - st) < sizeof pl - 1 ? (size_t)(q - st) : sizeof pl - 1;
                    memcpy(pl, st, pn);
                    pl[pn] = 0;
                    add_phrase(p, line, &p->d->agents, pl, pn, idx, 0);
                }
            }
        } else {
            add_phrase(p, line, &p->d->agents, ph, n, idx, p->tabari ? plural : 1);
        }
    }
    markers_free(m, nm);
    return rc;
}

/* ---- DISCARDS ----------------------------------------------------------------------- */
static int load_discards(peer *p) {
    char ph[1024];
    for (size_t i = 0; i < p->nlines; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        int doc = s[0] == '+';
        int plural;
        size_t n = phrase_part(p, s, ph, sizeof ph, &plural);
        if (!n) {
            pwarn(p, line, "discard without a phrase: skipped");
            continue;
        }
        int idx = dyad__dict_add_undated_entry(p->d, doc ? AE_DOC_DISCARD : AE_DISCARD, "---",
                                         display_name(p->d, ph, n), NULL, 0, p->file, line);
        if (idx < 0) return idx;
        add_phrase(p, line, &p->d->actors, ph, n, idx, p->tabari ? plural : 1);
    }
    return 0;
}

/* ---- OPTIONS ------------------------------------------------------------------------- */
static int load_options(peer *p) {
    for (size_t i = 0; i < p->nlines; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        if (s[0] == '~' || s[0] == '<') continue;
        const char *colon = strchr(s, ':');
        if (!colon) {
            pwarn(p, line, "not an option line (KEYWORD: ...): ignored");
            continue;
        }
        if (starts_ci(s, "COMPLEX:")) {
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
                        pwarn(p, line, "COMPLEX: bad item %.*s (NAME[number])", (int)(q - st), st);
                }
            }
        } else if (starts_ci(s, "SET:")) {
            const char *v = colon + 1;
            while (*v == ' ') v++;
            if (!*v) pwarn(p, line, "SET: without a setting");
        }
        /* LABEL:, OUTPUT:, FORWARD:, DELETE: ... do not change what is coded */
    }
    return 0;
}

/* ---- VERBS -------------------------------------------------------------------------- */
enum { FA_WORD = 0, FA_TARGET, FA_SOURCE, FA_COMPOUND, FA_SKIP, FA_VERB };

typedef struct {
    uint8_t kind;
    uint8_t adj;  /* joined to the element on its left by '_' */
    uint8_t stem;
    uint16_t nalts;
    wid *alts;
} fatom;

typedef struct {
    fatom *a;
    size_t n, cap;
} fvec;

typedef struct {
    fvec v;
    size_t verb; /* index of the '*' atom */
} fpat;

typedef struct {
    fpat *v;
    size_t n, cap;
    size_t work; /* expansion steps so far (self-referring synsets) */
    int truncated;
} fplist;

typedef struct {
    char *name;  /* upper case, without '&' and a trailing '_' */
    char **mem;
    size_t nmem, cap;
} synset;

typedef struct {
    wid lemma;
    fvec pre, post; /* the verb's own extra words; pre nearest the verb first */
    char code[8], code2[8];
    int line;
    int multi;
} vverb;

typedef struct {
    peer *p;
    synset *syn;
    size_t nsyn, capsyn;
    /* the block being read */
    int inblock;
    char code[8], code2[8];
    size_t *vl; long *vf; size_t nv, capv; /* verb lines, their "{ forms }" line or -1 */
    size_t *pl; size_t np, capp;           /* pattern lines */
    u64map defaults;                       /* lemma -> 1 + index of its default pattern */
    size_t ntransform;
} vctx;

static void fvec_free(fvec *v) {
    for (size_t i = 0; i < v->n; i++) free(v->a[i].alts);
    free(v->a);
    memset(v, 0, sizeof *v);
}

static fatom *fvec_push(fvec *v) {
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 8;
        fatom *na = dyad__xrealloc_array(v->a, nc, sizeof *na);
        if (!na) return NULL;
        v->a = na;
        v->cap = nc;
    }
    fatom *a = &v->a[v->n++];
    memset(a, 0, sizeof *a);
    return a;
}

static int fatom_word(fatom *a, const wid *w, size_t n, uint8_t adj, int stem) {
    a->kind = FA_WORD;
    a->adj = adj;
    a->stem = (uint8_t)stem;
    a->alts = malloc(n * sizeof *a->alts);
    if (!a->alts) return DYAD_ENOMEM;
    memcpy(a->alts, w, n * sizeof *w);
    a->nalts = (uint16_t)n;
    return 0;
}

static void fplist_free(fplist *l) {
    for (size_t i = 0; i < l->n; i++) fvec_free(&l->v[i].v);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* ---- Synsets ---- */
static void norm_name(const char *s, size_t n, char *out, size_t cap) {
    while (n && s[n - 1] == '_') n--;
    if (n >= cap) n = cap - 1;
    for (size_t i = 0; i < n; i++) out[i] = upper(s[i]);
    out[n] = 0;
}

static long find_synset(const vctx *v, const char *s, size_t n) {
    char key[128];
    norm_name(s, n, key, sizeof key);
    for (size_t i = 0; i < v->nsyn; i++)
        if (strcmp(v->syn[i].name, key) == 0) return (long)i;
    return -1;
}

static void synsets_free(vctx *v) {
    for (size_t i = 0; i < v->nsyn; i++) {
        free(v->syn[i].name);
        for (size_t j = 0; j < v->syn[i].nmem; j++) free(v->syn[i].mem[j]);
        free(v->syn[i].mem);
    }
    free(v->syn);
}

/* First pass: every "&NAME" label and its "+member" lines. PETRARCH members
 * are consecutive words (spaces become '_'); a label ending in '_' means no
 * plurals for any member (each gets a trailing '_'). */
static int collect_synsets(vctx *v) {
    peer *p = v->p;
    long cur = -1;
    int noplural = 0;
    for (size_t i = 0; i < p->nlines; i++) {
        const char *s = LINE(p, i);
        if (s[0] == '&') {
            size_t n = strcspn(s + 1, " ");
            if (!n) {
                pwarn(p, LNO(p, i), "synset label without a name");
                cur = -1;
                continue;
            }
            noplural = s[n] == '_';
            cur = find_synset(v, s + 1, n);
            if (cur < 0) {
                if (dyad__grow_array(&v->syn, &v->capsyn, v->nsyn, sizeof *v->syn, 64)) return DYAD_ENOMEM;
                synset *sy = &v->syn[v->nsyn];
                memset(sy, 0, sizeof *sy);
                char key[128];
                norm_name(s + 1, n, key, sizeof key);
                sy->name = dup_n(key, strlen(key));
                if (!sy->name) return DYAD_ENOMEM;
                cur = (long)v->nsyn++;
            }
            continue;
        }
        if (s[0] != '+' || cur < 0) {
            cur = -1;
            continue;
        }
        const char *m = s + 1;
        while (*m == ' ') m++;
        size_t n = strlen(m);
        if (!n) continue;
        char *t = malloc(n + 2);
        if (!t) return DYAD_ENOMEM;
        size_t k = 0;
        for (size_t j = 0; j < n; j++) {
            char c = m[j];
            if (!p->tabari && c == ' ') {
                if (k && t[k - 1] == '_') continue;
                c = '_';
            }
            t[k++] = c;
        }
        if (!p->tabari && noplural && k && t[k - 1] != '_') t[k++] = '_';
        t[k] = 0;
        synset *sy = &v->syn[cur];
        if (sy->nmem == sy->cap) {
            size_t nc = sy->cap ? sy->cap * 2 : 8;
            char **nm = dyad__xrealloc_array(sy->mem, nc, sizeof *nm);
            if (!nm) { free(t); return DYAD_ENOMEM; }
            sy->mem = nm;
            sy->cap = nc;
        }
        sy->mem[sy->nmem++] = t;
    }
    return 0;
}

/* ---- Pattern text: expansion of {|} groups and &synsets, then parsing ---- */
static int is_fsep(char c) {
    return c == ' ' || c == '_' || c == '(' || c == ')' || c == '{' || c == '}' || c == '|';
}
static int is_fspecial(char c) { return c == '*' || c == '+' || c == '$' || c == '%' || c == '^'; }

/* Strips trailing markers into *MARKS: '_' or '\2' (MK_EXACT), '='
 * (MK_EXACT | MK_BARE), '~' (MK_TILDE). */
static size_t strip_marks(const char *s, size_t n, int *marks) {
    while (n) {
        char c = s[n - 1];
        if (c == '_' || c == '\2') *marks |= MK_EXACT;
        else if (c == '=') *marks |= MK_EXACT | MK_BARE;
        else if (c == '~') *marks |= MK_TILDE;
        else break;
        n--;
    }
    return n;
}

/* Parses a pattern with no groups or synsets left: words (alternatives split
 * by '\1'), '*', '+', '$', '%', '^', joined by '_' or blanks. 0, -1 skip. */
static int parse_flat(vctx *v, const char *s, int line, fpat *out) {
    peer *p = v->p;
    fvec *fv = &out->v;
    out->verb = SIZE_MAX;
    size_t i = 0;
    int first = 1;
    while (s[i]) {
        int space = 0;
        while (s[i] && is_fsep(s[i])) {
            if (s[i] != '_') space = 1;
            i++;
        }
        if (!s[i]) break;
        uint8_t adj = (uint8_t)(!first && !space);
        first = 0;
        char c = s[i];
        if (is_fspecial(c)) {
            i++;
            if (c == '*') {
                if (out->verb != SIZE_MAX) {
                    pwarn(p, line, "pattern has two '*': skipped");
                    return SKIP;
                }
                out->verb = fv->n;
            }
            fatom *a = fvec_push(fv);
            if (!a) return DYAD_ENOMEM;
            a->kind = c == '*' ? FA_VERB : c == '+' ? FA_TARGET : c == '$' ? FA_SOURCE
                    : c == '%' ? FA_COMPOUND : FA_SKIP;
            a->adj = adj;
            continue;
        }
        size_t st = i;
        while (s[i] && !is_fsep(s[i]) && !is_fspecial(s[i])) i++;
        int after = s[i] == '_';
        wid w[PEER_MAX_PIECES], *alts = NULL;
        size_t nalts = 0, maxalts = 1;
        int anystem = 0, single = memchr(s + st, '\1', i - st) == NULL;
        if (!single) {
            for (size_t j = st; j < i; j++) maxalts += s[j] == '\1';
            if (maxalts > UINT16_MAX) maxalts = UINT16_MAX;
            alts = malloc(maxalts * sizeof *alts);
            if (!alts) return DYAD_ENOMEM;
        }
        for (size_t a0 = st; a0 < i;) {
            size_t a1 = a0;
            while (a1 < i && s[a1] != '\1') a1++;
            int marks = after ? MK_EXACT : 0, stem = 0;
            size_t an = strip_marks(s + a0, a1 - a0, &marks);
            if (an) {
                size_t k = intern_word(p, s + a0, an, marks, w, &stem);
                if (!k) {
                    pwarn(p, line, "cannot read word \"%.*s\": pattern skipped", (int)an, s + a0);
                    free(alts);
                    return SKIP;
                }
                if (single) { /* one word, maybe several tokens: adjacent elements */
                    for (size_t j = 0; j < k; j++) {
                        fatom *fa = fvec_push(fv);
                        if (!fa || fatom_word(fa, &w[j], 1, j ? 1 : adj, j == k - 1 && stem))
                            return DYAD_ENOMEM;
                    }
                } else if (nalts < maxalts) {
                    int dup = 0;
                    for (size_t j = 0; j < nalts; j++) dup |= alts[j] == w[0];
                    if (!dup) alts[nalts++] = w[0];
                    anystem |= stem;
                }
            }
            a0 = a1 + (a1 < i);
        }
        if (!single && nalts) {
            fatom *fa = fvec_push(fv);
            if (!fa || fatom_word(fa, alts, nalts, adj, anystem)) {
                free(alts);
                return DYAD_ENOMEM;
            }
        }
        free(alts);
    }
    if (out->verb == SIZE_MAX) {
        pwarn(p, line, "pattern has no '*' (the verb): skipped");
        return SKIP;
    }
    return 0;
}

static const char *find_expandable(const char *s) {
    for (const char *q = s; *q; q++) {
        if (*q == '{') return q;
        if (*q == '&' && IS_ALNUM(q[1]) && (q == s || is_fsep(q[-1]) || q[-1] == '\1')) return q;
    }
    return NULL;
}

static int expand(vctx *v, const char *s, int depth, int line, fplist *out);

/* S[0..pre) + MID + SUF, expanded further. */
static int subst(vctx *v, const char *s, size_t pre, const char *mid, size_t nmid, const char *suf,
                 int depth, int line, fplist *out) {
    size_t ns = strlen(suf);
    char *t = malloc(pre + nmid + ns + 1);
    if (!t) return DYAD_ENOMEM;
    memcpy(t, s, pre);
    memcpy(t + pre, mid, nmid);
    memcpy(t + pre + nmid, suf, ns + 1);
    int r = expand(v, t, depth + 1, line, out);
    free(t);
    return r;
}

/* A member that is one plain word (maybe with trailing '_', '~', '='). */
static int is_simple(const char *a, size_t n) {
    int marks = 0;
    size_t core = strip_marks(a, n, &marks);
    if (!core) return 0;
    for (size_t i = 0; i < core; i++)
        if (is_fsep(a[i]) || is_fspecial(a[i]) || a[i] == '&' || a[i] == '\1' || a[i] == '\2')
            return 0;
    span sp[2];
    return dyad__tokens_split_phrase(a, core, sp, 2) == 1;
}

/* The shape of an alternative made of plain words: how many, and the
 * connectors between them ('_' adjacent, ' ' gap). */
#define SHAPE_MAX 12
typedef struct {
    const char *w[SHAPE_MAX];
    size_t n[SHAPE_MAX];
    char conn[SHAPE_MAX];
    size_t nw;
} shape;

/* Reads A as plain words joined by blanks or '_'; 0 if it holds anything
 * else (slots, synsets, groups) or too many words. */
static int read_shape(const char *a, size_t an, shape *sh) {
    sh->nw = 0;
    size_t i = 0;
    while (i < an) {
        size_t st = i;
        while (i < an && a[i] != ' ' && a[i] != '_') i++;
        size_t e = i; /* markers stay with the word: "NEAT~", a final "WORD_" */
        if (e == st) return 0;
        int us = 0, sp = 0;
        size_t j = i;
        while (j < an && (a[j] == ' ' || a[j] == '_')) {
            if (a[j] == '_') us = 1;
            else sp = 1;
            j++;
        }
        if (sh->nw == SHAPE_MAX) return 0;
        sh->w[sh->nw] = a + st;
        sh->n[sh->nw] = (j == an && us && !sp) ? j - st : e - st; /* keep a final '_' */
        sh->conn[sh->nw] = sp ? ' ' : '_';
        if (!is_simple(sh->w[sh->nw], sh->n[sh->nw])) return 0;
        sh->nw++;
        i = j;
    }
    return sh->nw > 0;
}

static int same_shape(const shape *x, const shape *y) {
    if (x->nw != y->nw) return 0;
    for (size_t i = 0; i + 1 < x->nw; i++)
        if (x->conn[i] != y->conn[i]) return 0;
    return 1;
}

/* Replaces S[pre..suf) by the alternatives.  Alternatives of plain words are
 * merged by shape: all one-word ones give one element listing them all; all
 * two-word ones with the same connector give two elements, each listing the
 * words found at that position; and so on (so "&WEAPON" with 115 members is
 * a handful of patterns, at the price of also matching mixed pairs).  Any
 * other alternative (slots, synsets, groups) is a pattern of its own. */
static int expand_alts(vctx *v, const char *s, size_t pre, const char *suf, char *const *alts,
                       size_t nalts, int depth, int line, fplist *out) {
    shape *sh = calloc(nalts ? nalts : 1, sizeof *sh);
    int *grp = calloc(nalts ? nalts : 1, sizeof *grp);
    if (!sh || !grp) {
        free(sh);
        free(grp);
        return DYAD_ENOMEM;
    }
    size_t nany = 0;
    for (size_t i = 0; i < nalts; i++) {
        const char *a = alts[i];
        while (*a == ' ') a++;
        size_t an = strlen(a);
        while (an && a[an - 1] == ' ') an--;
        grp[i] = -2; /* empty */
        if (!an) continue;
        nany++;
        grp[i] = -1; /* complex */
        if (!read_shape(a, an, &sh[i])) continue;
        grp[i] = (int)i;
        for (size_t j = 0; j < i; j++)
            if (grp[j] == (int)j && same_shape(&sh[j], &sh[i])) {
                grp[i] = (int)j;
                break;
            }
    }
    int rc = 0;
    buf b = {0};
    for (size_t g = 0; g < nalts && !rc && !out->truncated; g++) {
        if (grp[g] != (int)g) continue;
        b.n = 0;
        for (size_t pos = 0; pos < sh[g].nw; pos++) {
            size_t nput = 0;
            for (size_t i = g; i < nalts; i++) {
                if (grp[i] != (int)g) continue;
                const char *w = sh[i].w[pos];
                size_t wn = sh[i].n[pos];
                int dup = 0; /* the same word at this position already listed */
                for (size_t j = g; j < i && !dup; j++)
                    dup = grp[j] == (int)g && sh[j].n[pos] == wn && memcmp(sh[j].w[pos], w, wn) == 0;
                if (dup) continue;
                if (nput++) dyad__buf_putc(&b, '\1');
                for (size_t k = 0; k < wn; k++) dyad__buf_putc(&b, w[k] == '_' ? '\2' : w[k]);
            }
            if (pos + 1 < sh[g].nw) dyad__buf_putc(&b, sh[g].conn[pos]);
        }
        if (b.oom) rc = DYAD_ENOMEM;
        else rc = subst(v, s, pre, b.p, b.n, suf, depth, line, out);
    }
    dyad__buf_free(&b);
    for (size_t i = 0; i < nalts && !rc && !out->truncated; i++) {
        if (grp[i] != -1) continue;
        const char *a = alts[i];
        while (*a == ' ') a++;
        size_t an = strlen(a);
        while (an && a[an - 1] == ' ') an--;
        rc = subst(v, s, pre, a, an, suf, depth, line, out);
    }
    if (!nany && !rc) rc = subst(v, s, pre, "", 0, suf, depth, line, out);
    free(sh);
    free(grp);
    return rc;
}

static int expand(vctx *v, const char *s, int depth, int line, fplist *out) {
    peer *p = v->p;
    if (out->n >= PEER_MAX_EXPANSIONS || ++out->work > PEER_MAX_WORK) {
        out->truncated = 1;
        return 0;
    }
    const char *q = find_expandable(s);
    if (!q) {
        if (dyad__grow_array(&out->v, &out->cap, out->n, sizeof *out->v, 4)) return DYAD_ENOMEM;
        fpat *f = &out->v[out->n];
        memset(f, 0, sizeof *f);
        int r = parse_flat(v, s, line, f);
        if (r) {
            fvec_free(&f->v);
            return r;
        }
        out->n++;
        return 0;
    }
    if (depth >= PEER_MAX_SYN_DEPTH) {
        pwarn(p, line, "synsets or {} groups nested too deep: pattern skipped");
        return SKIP;
    }
    size_t pre = (size_t)(q - s);
    if (*q == '{') {
        const char *e = q;
        int lvl = 0;
        for (; *e; e++) {
            if (*e == '{') lvl++;
            else if (*e == '}' && --lvl == 0) break;
        }
        if (!*e) {
            const char *rb = strchr(q, ']'); /* "{ WAS | WERE ] *" */
            if (!rb) {
                pwarn(p, line, "'{' without '}': read as a blank");
                return subst(v, s, pre, " ", 1, q + 1, depth, line, out);
            }
            pwarn(p, line, "'{' closed by ']': read as '}'");
            e = rb;
        }
        size_t cn = (size_t)(e - q - 1);
        char *c = dup_n(q + 1, cn);
        char **alts = malloc((cn + 1) * sizeof *alts);
        if (!c || !alts) {
            free(c);
            free(alts);
            return DYAD_ENOMEM;
        }
        size_t na = 0;
        alts[na++] = c;
        lvl = 0;
        for (char *x = c; *x; x++) {
            if (*x == '{') lvl++;
            else if (*x == '}' && lvl > 0) lvl--;
            else if (*x == '|' && lvl == 0) {
                *x = 0;
                alts[na++] = x + 1;
            }
        }
        int r = expand_alts(v, s, pre, e + 1, alts, na, depth, line, out);
        free(alts);
        free(c);
        return r;
    }
    /* &NAME: the longest defined name, the run being cut at '_' ("&A_WORD") */
    const char *nm = q + 1;
    size_t run = 0;
    while (IS_ALNUM(nm[run]) || nm[run] == '_' || nm[run] == '-') run++;
    long found = -1;
    size_t len = run;
    for (;;) {
        found = find_synset(v, nm, len);
        if (found >= 0) break;
        while (len > 0 && nm[len - 1] != '_') len--;
        if (len == 0) break;
        len--; /* before that '_' */
        if (len == 0) break;
    }
    if (found < 0) {
        pwarn(p, line, "synset &%.*s is not defined: pattern skipped", (int)run, nm);
        return SKIP;
    }
    const synset *sy = &v->syn[found];
    return expand_alts(v, s, pre, nm + len, sy->mem, sy->nmem, depth, line, out);
}

/* ---- Verb lines ---- */
typedef struct {
    const char *s;
    size_t n;
    uint8_t adj, plus;
    int marks;
} vword;

static size_t split_words(const char *s, size_t n, vword *out, size_t cap) {
    size_t k = 0, i = 0;
    int first = 1;
    while (i < n) {
        int space = 0;
        while (i < n && (s[i] == ' ' || s[i] == '_')) {
            if (s[i] == ' ') space = 1;
            i++;
        }
        if (i >= n) break;
        size_t st = i;
        while (i < n && s[i] != ' ' && s[i] != '_') i++;
        vword w;
        memset(&w, 0, sizeof w);
        w.s = s + st;
        w.n = i - st;
        w.adj = (uint8_t)(!first && !space);
        if (w.n && w.s[0] == '+') {
            w.plus = 1;
            w.s++;
            w.n--;
        }
        w.n = strip_marks(w.s, w.n, &w.marks);
        if (i < n && s[i] == '_') w.marks |= MK_EXACT;
        if (!w.n) continue;
        if (k < cap) out[k] = w;
        k++;
        first = 0;
    }
    return k;
}

/* Counts the words of a verb line's phrase (before '{' and '['). */
static size_t verb_words(const char *s) {
    vword w[DYAD_MAX_PHRASE_WORDS];
    return split_words(s, strcspn(s, "{["), w, DYAD_MAX_PHRASE_WORDS);
}

static uint32_t form_flags(const word_info *f, const word_info *l) {
    size_t fl = f->len, ll = l->len;
    const char *a = f->text, *b = l->text;
    if (fl > 3 && memcmp(a + fl - 3, "ing", 3) == 0) return W_ING;
    if (fl > ll && memcmp(a, b, ll) == 0 &&
        ((fl == ll + 1 && a[fl - 1] == 's') || (fl == ll + 2 && memcmp(a + ll, "es", 2) == 0)))
        return W_VERB3;
    if (ll > 1 && fl == ll + 2 && b[ll - 1] == 'y' && memcmp(a, b, ll - 1) == 0 &&
        memcmp(a + ll - 1, "ies", 3) == 0)
        return W_VERB3;
    return W_VERB3 | W_PARTICIPLE;
}

/* "{BROKE BROKEN +BREAKS_DOWN WIRE_+TAPPED}": each form's verb word becomes
 * an inflection of LEMMA, unless it is a dictionary verb itself. */
static void add_forms(vctx *v, int line, wid lemma, const char *s, size_t n) {
    peer *p = v->p;
    dyad_dict *d = p->d;
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ') i++;
        size_t st = i;
        while (i < n && s[i] != ' ') i++;
        if (i == st) break;
        vword w[DYAD_MAX_PHRASE_WORDS];
        size_t k = split_words(s + st, i - st, w, DYAD_MAX_PHRASE_WORDS);
        if (!k) continue;
        if (k > DYAD_MAX_PHRASE_WORDS) k = DYAD_MAX_PHRASE_WORDS;
        size_t h = 0;
        for (size_t j = 0; j < k; j++)
            if (w[j].plus) { h = j; break; }
        span sp[PEER_MAX_PIECES];
        size_t np = dyad__tokens_split_phrase(w[h].s, w[h].n, sp, PEER_MAX_PIECES);
        if (!np || np > PEER_MAX_PIECES) {
            pwarn(p, line, "cannot read verb form \"%.*s\"", (int)(i - st), s + st);
            continue;
        }
        wid f = dyad__dict_intern(d, w[h].s + sp[0].start, sp[0].end - sp[0].start);
        if (!f || f == lemma || d->words[f].verb_lemma == f) continue;
        d->words[f].verb_lemma = lemma;
        d->words[f].flags |= form_flags(&d->words[f], &d->words[lemma]);
        if (p->tabari && !(w[h].marks & MK_EXACT)) mark_stem(d, f);
    }
}

/* TABARI's regular verb endings, which also hold after '_' ("DEPART_"
 * codes departs, departes, departed, departen, departing): the ones our
 * morphology does not make. */
static void tabari_endings(dyad_dict *d, wid lemma) {
    static const char *const END[] = {"s", "es", "ed", "d", "en", "ing"};
    char t[DYAD_MAX_WORD_BYTES + 8];
    size_t n = d->words[lemma].len;
    if (n < 2 || n > DYAD_MAX_WORD_BYTES) return;
    for (size_t i = 0; i < sizeof END / sizeof *END; i++) {
        size_t k = strlen(END[i]);
        memcpy(t, d->words[lemma].text, n);
        memcpy(t + n, END[i], k);
        wid f = dyad__dict_intern(d, t, n + k);
        if (!f || f == lemma || d->words[f].verb_lemma) continue;
        d->words[f].verb_lemma = lemma;
        d->words[f].flags |= form_flags(&d->words[f], &d->words[lemma]);
    }
}

/* Word W of a verb line as pattern atoms appended to V (pieces in order, or
 * reversed for words before the verb); ADJ joins it to its neighbour. */
static int verb_word_atoms(peer *p, int line, const vword *w, uint8_t adj, int reverse, fvec *v) {
    wid ids[PEER_MAX_PIECES];
    int stem = 0;
    size_t k = intern_word(p, w->s, w->n, w->marks, ids, &stem);
    if (!k) {
        pwarn(p, line, "cannot read word \"%.*s\" of a verb", (int)w->n, w->s);
        return SKIP;
    }
    for (size_t j = 0; j < k; j++) {
        size_t x = reverse ? k - 1 - j : j;
        fatom *a = fvec_push(v);
        if (!a) return DYAD_ENOMEM;
        uint8_t aj = (uint8_t)(reverse ? (j == 0 ? adj : 1) : (j == 0 ? adj : 1));
        if (fatom_word(a, &ids[x], 1, aj, x == k - 1 && stem)) return DYAD_ENOMEM;
    }
    return 0;
}

/* Reads verb line LI (and its TABARI "{ forms }" line FI, or -1) into *V.
 * Returns 0, -1 (skipped, warned) or DYAD_ENOMEM. */
static int parse_verb(vctx *v, size_t li, long fi, vverb *V) {
    peer *p = v->p;
    dyad_dict *d = p->d;
    const char *s = LINE(p, li);
    int line = LNO(p, li);
    memset(V, 0, sizeof *V);
    V->line = line;
    memcpy(V->code, v->code, 8);
    memcpy(V->code2, v->code2, 8);
    const char *lb = strrchr(s, '[');
    if (lb) {
        const char *rb = strchr(lb, ']');
        size_t cn = rb ? (size_t)(rb - lb - 1) : strlen(lb + 1);
        if (!rb) pwarn(p, line, "missing ']' after the verb's code");
        char c1[8], c2[8];
        if (parse_code(p, line, lb + 1, cn, c1, c2)) pwarn(p, line, "empty verb code []");
        else {
            memcpy(V->code, c1, 8);
            memcpy(V->code2, c2, 8);
        }
    }
    size_t pn = strcspn(s, "{[");
    vword w[DYAD_MAX_PHRASE_WORDS];
    size_t k = split_words(s, pn, w, DYAD_MAX_PHRASE_WORDS);
    if (!k) {
        pwarn(p, line, "verb line without a verb: skipped");
        return SKIP;
    }
    if (k > DYAD_MAX_PHRASE_WORDS) {
        pwarn(p, line, "verb phrase longer than %d words: skipped", DYAD_MAX_PHRASE_WORDS);
        return SKIP;
    }
    size_t h = 0;
    for (size_t j = 0; j < k; j++)
        if (w[j].plus) { h = j; break; }
    span sp[PEER_MAX_PIECES];
    size_t nps = dyad__tokens_split_phrase(w[h].s, w[h].n, sp, PEER_MAX_PIECES);
    if (!nps || nps > PEER_MAX_PIECES) {
        pwarn(p, line, "cannot read verb \"%.*s\": skipped", (int)w[h].n, w[h].s);
        return SKIP;
    }
    wid vw = dyad__dict_intern(d, w[h].s + sp[0].start, sp[0].end - sp[0].start);
    if (!vw) {
        pwarn(p, line, "cannot read verb \"%.*s\": skipped", (int)w[h].n, w[h].s);
        return SKIP;
    }
    V->multi = k > 1 || nps > 1;
    wid lemma = vw;
    if (V->multi && d->words[vw].verb_lemma && d->words[vw].verb_lemma != vw) {
        lemma = d->words[vw].verb_lemma; /* "+ANGERED_BY": filed under ANGER */
    } else if (p->tabari && (w[h].marks & MK_BARE)) {
        d->words[vw].verb_lemma = vw; /* TABARI "BAN=": this form only */
    } else {
        dyad__dict_add_verb_forms(d, vw, d->words[vw].text, d->words[vw].len);
        d->words[vw].verb_lemma = vw;
        if (p->tabari) {
            tabari_endings(d, vw);
            if (!(w[h].marks & MK_EXACT) || (w[h].marks & MK_TILDE)) mark_stem(d, vw);
        }
    }
    V->lemma = lemma;
    int r = 0;
    /* the verb word's own further pieces ("DON'T" -> do n't) follow it */
    for (size_t j = 1; j < nps && !r; j++) {
        wid x = dyad__dict_intern(d, w[h].s + sp[j].start, sp[j].end - sp[j].start);
        fatom *a = x ? fvec_push(&V->post) : NULL;
        if (!x) r = SKIP;
        else if (!a || fatom_word(a, &x, 1, 1, 0)) r = DYAD_ENOMEM;
    }
    for (size_t j = h; j-- > 0 && !r;) r = verb_word_atoms(p, line, &w[j], w[j + 1].adj, 1, &V->pre);
    for (size_t j = h + 1; j < k && !r; j++) r = verb_word_atoms(p, line, &w[j], w[j].adj, 0, &V->post);
    if (r) {
        fvec_free(&V->pre);
        fvec_free(&V->post);
        return r;
    }
    const char *lbr = strchr(s, '{');
    if (lbr && (!lb || lbr < lb)) {
        const char *rbr = strchr(lbr, '}');
        if (!rbr) {
            pwarn(p, line, "missing '}' after the verb forms");
            rbr = lb ? lb : lbr + strlen(lbr);
        }
        add_forms(v, line, lemma, lbr + 1, (size_t)(rbr - lbr - 1));
    }
    if (fi >= 0) {
        const char *f = LINE(p, (size_t)fi);
        const char *rbr = strchr(f, '}');
        if (!rbr) pwarn(p, LNO(p, (size_t)fi), "missing '}' after the verb forms");
        add_forms(v, LNO(p, (size_t)fi), lemma, f + 1, rbr ? (size_t)(rbr - f - 1) : strlen(f + 1));
    }
    return 0;
}

static uint8_t pe_kind(uint8_t fa) {
    switch (fa) {
    case FA_TARGET: return PE_TARGET;
    case FA_SOURCE: return PE_SOURCE;
    case FA_COMPOUND: return PE_COMPOUND;
    case FA_SKIP: return PE_SKIP;
    default: return PE_WORD;
    }
}

static void pattern_free(pattern *pt) {
    for (size_t j = 0; j < pt->npre; j++) free(pt->pre[j].alts);
    for (size_t j = 0; j < pt->npost; j++) free(pt->post[j].alts);
    free(pt->pre);
    free(pt->post);
}

static int set_el(pattern *pt, pattern_el *el, const fatom *a, uint8_t adj) {
    memset(el, 0, sizeof *el);
    el->kind = pe_kind(a->kind);
    el->adjacent = adj;
    el->is_stem = a->stem;
    if (el->kind == PE_WORD) {
        el->alts = malloc((a->nalts ? a->nalts : 1) * sizeof *el->alts);
        if (!el->alts) return DYAD_ENOMEM;
        memcpy(el->alts, a->alts, a->nalts * sizeof *a->alts);
        el->nalts = a->nalts;
        pt->nwords++;
    }
    return 0;
}

/* Adds the pattern of verb V with flat pattern F (NULL: the verb alone). */
static int emit(vctx *v, const vverb *V, const fpat *F, const char *code, const char *code2, int line) {
    peer *p = v->p;
    size_t fpre = F ? F->verb : 0, fpost = F ? F->v.n - F->verb - 1 : 0;
    size_t npre = V->pre.n + fpre, npost = V->post.n + fpost;
    if (npre > DYAD_MAX_PHRASE_WORDS || npost > DYAD_MAX_PHRASE_WORDS) {
        pwarn(p, line, "pattern longer than %d elements on one side: skipped", DYAD_MAX_PHRASE_WORDS);
        return SKIP;
    }
    pattern pt;
    memset(&pt, 0, sizeof pt);
    pt.verb = V->lemma;
    snprintf(pt.code, sizeof pt.code, "%s", code);
    snprintf(pt.code2, sizeof pt.code2, "%s", code2);
    pt.pre = calloc(npre ? npre : 1, sizeof *pt.pre);
    pt.post = calloc(npost ? npost : 1, sizeof *pt.post);
    if (!pt.pre || !pt.post) {
        free(pt.pre);
        free(pt.post);
        return DYAD_ENOMEM;
    }
    int r = 0;
    for (size_t i = 0; i < V->pre.n && !r; i++, pt.npre++)
        r = set_el(&pt, &pt.pre[pt.npre], &V->pre.a[i], V->pre.a[i].adj);
    for (size_t j = fpre; j-- > 0 && !r; pt.npre++)
        r = set_el(&pt, &pt.pre[pt.npre], &F->v.a[j], F->v.a[j + 1].adj);
    for (size_t i = 0; i < V->post.n && !r; i++, pt.npost++)
        r = set_el(&pt, &pt.post[pt.npost], &V->post.a[i], V->post.a[i].adj);
    for (size_t j = 0; j < fpost && !r; j++, pt.npost++) {
        const fatom *a = &F->v.a[F->verb + 1 + j];
        r = set_el(&pt, &pt.post[pt.npost], a, a->adj);
    }
    pt.gap = p->d->peer_gap;
    pt.file = p->file;
    pt.line = line;
    if (!r) r = dyad__dict_add_pattern(p->d, &pt);
    if (r) pattern_free(&pt);
    return r;
}

static int block_flush(vctx *v) {
    peer *p = v->p;
    dyad_dict *d = p->d;
    if (!v->inblock) return 0;
    v->inblock = 0;
    int rc = 0;
    vverb *verbs = calloc(v->nv ? v->nv : 1, sizeof *verbs);
    fplist *pats = calloc(v->np ? v->np : 1, sizeof *pats);
    char (*pcode)[2][8] = calloc(v->np ? v->np : 1, sizeof *pcode);
    int *pok = calloc(v->np ? v->np : 1, sizeof *pok);
    size_t nverbs = 0;
    if (!verbs || !pats || !pcode || !pok) rc = DYAD_ENOMEM;
    /* single-word verbs first: their inflections exist when a multi-word verb
     * built on one of them is read */
    for (int pass = 0; pass < 2 && !rc; pass++) {
        for (size_t i = 0; i < v->nv && !rc; i++) {
            int multi = verb_words(LINE(p, v->vl[i])) > 1;
            if (multi != pass) continue;
            vverb *V = &verbs[nverbs];
            int r = parse_verb(v, v->vl[i], v->vf[i], V);
            if (r == DYAD_ENOMEM) rc = r;
            if (r) continue;
            int dup = 0;
            for (size_t j = 0; j < nverbs && !dup; j++)
                dup = !V->multi && !verbs[j].multi && verbs[j].lemma == V->lemma;
            if (dup) {
                fvec_free(&V->pre);
                fvec_free(&V->post);
                continue;
            }
            nverbs++;
        }
    }
    for (size_t i = 0; i < v->np && !rc; i++) {
        const char *s = LINE(p, v->pl[i]);
        int line = LNO(p, v->pl[i]);
        const char *body = s[0] == '-' ? s + 1 : s;
        const char *lb = strrchr(body, '[');
        if (!lb) {
            pwarn(p, line, "pattern without a [CODE]: skipped");
            continue;
        }
        const char *rb = strchr(lb, ']');
        if (!rb) pwarn(p, line, "missing ']' after the pattern's code");
        size_t cn = rb ? (size_t)(rb - lb - 1) : strlen(lb + 1);
        if (parse_code(p, line, lb + 1, cn, pcode[i][0], pcode[i][1])) {
            pwarn(p, line, "pattern with an empty code []: skipped");
            continue;
        }
        char *text = dup_n(body, (size_t)(lb - body));
        if (!text) { rc = DYAD_ENOMEM; break; }
        int r = expand(v, text, 0, line, &pats[i]);
        free(text);
        if (r == DYAD_ENOMEM) rc = r;
        if (r) {
            fplist_free(&pats[i]);
            continue;
        }
        if (pats[i].truncated)
            pwarn(p, line, "pattern expands to more than %d patterns: the rest dropped", PEER_MAX_EXPANSIONS);
        pok[i] = 1;
    }
    for (size_t k = 0; k < nverbs && !rc; k++) {
        const vverb *V = &verbs[k];
        for (size_t i = 0; i < v->np && !rc; i++) {
            if (!pok[i]) continue;
            for (size_t j = 0; j < pats[i].n && !rc; j++) {
                int r = emit(v, V, &pats[i].v[j], pcode[i][0], pcode[i][1], LNO(p, v->pl[i]));
                if (r == DYAD_ENOMEM) rc = r;
                if (r) break; /* too long: warned once */
            }
        }
        /* the verb's own code last: among equally specific patterns the
         * block's patterns are tried first, the bare verb when none matches */
        if (strcmp(V->code, "---") != 0 && !rc) {
            uint32_t prev = V->multi ? 0 : dyad__u64map_get(&v->defaults, V->lemma);
            if (prev) {
                if (strcmp(d->pats[prev - 1].code, V->code) != 0)
                    pwarn(p, V->line, "verb \"%s\" listed again with code %s: the first code, %s, is kept",
                          d->words[V->lemma].text, V->code, d->pats[prev - 1].code);
            } else {
                int r = emit(v, V, NULL, V->code, V->code2, V->line);
                if (r == DYAD_ENOMEM) rc = r;
                else if (!r && !V->multi && dyad__u64map_put(&v->defaults, V->lemma, (uint32_t)d->npats))
                    rc = DYAD_ENOMEM;
            }
        }
    }
    if (v->np && !nverbs && !rc) pwarn(p, LNO(p, v->pl[0]), "patterns without a verb: skipped");
    for (size_t k = 0; k < nverbs; k++) {
        fvec_free(&verbs[k].pre);
        fvec_free(&verbs[k].post);
    }
    if (pats)
        for (size_t i = 0; i < v->np; i++) fplist_free(&pats[i]);
    free(verbs);
    free(pats);
    free(pcode);
    free(pok);
    v->nv = v->np = 0;
    return rc;
}

static int block_start(vctx *v, const char *code, const char *code2) {
    int rc = block_flush(v);
    v->inblock = 1;
    snprintf(v->code, sizeof v->code, "%s", code);
    snprintf(v->code2, sizeof v->code2, "%s", code2);
    return rc;
}

static int push_index(size_t **a, size_t *n, size_t *cap, size_t x, long **b) {
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        size_t *na = dyad__xrealloc_array(*a, nc, sizeof *na);
        if (!na) return DYAD_ENOMEM;
        *a = na;
        if (b) {
            long *nb = dyad__xrealloc_array(*b, nc, sizeof *nb);
            if (!nb) return DYAD_ENOMEM;
            *b = nb;
        }
        *cap = nc;
    }
    if (b) (*b)[*n] = -1;
    (*a)[(*n)++] = x;
    return 0;
}

/* "--- NAME [CODE] ---" */
static int petrarch_header(vctx *v, size_t i) {
    peer *p = v->p;
    const char *s = LINE(p, i);
    int line = LNO(p, i);
    char code[8] = "---", code2[8] = "";
    const char *c;
    size_t cn;
    int rep;
    const char *after = next_group(s, &c, &cn, &rep);
    if (after) {
        if (parse_code(p, line, c, cn, code, code2)) {
            strcpy(code, "---");
            code2[0] = 0;
        }
        if (strchr(after, '[')) pwarn(p, line, "verb block with two codes: the first, [%s], is used", code);
    }
    return block_start(v, code, code2);
}

static int load_verbs(peer *p) {
    vctx v;
    memset(&v, 0, sizeof v);
    v.p = p;
    int rc = collect_synsets(&v);
    int skip = 0, in_syn = 0;
    size_t skipped = 0;
    for (size_t i = 0; i < p->nlines && !rc; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        int tag = section_tag(s);
        if (tag) {
            if (tag == 1) skip = 1;
            else if (tag == 2 || tag == 3) skip = 0;
            else pwarn(p, line, "unknown tag %s skipped", s);
            in_syn = 0;
            continue;
        }
        if (skip) { skipped++; continue; } /* <TIME>, <NOUN>, <ADJECTIVE> */
        if (s[0] == '&') { in_syn = 1; continue; }
        if (s[0] == '+' && in_syn) continue;
        in_syn = 0;
        if (s[0] == '~') {
            if (s[1] != '~') v.ntransform++;
            continue;
        }
        if (!p->tabari && strncmp(s, "---", 3) == 0) {
            rc = petrarch_header(&v, i);
            continue;
        }
        if (s[0] == '-' || s[0] == '*') {
            if (s[0] == '*') pwarn(p, line, "pattern line without its leading '-': read as a pattern");
            if (!v.inblock) {
                pwarn(p, line, "pattern before any verb: skipped");
                continue;
            }
            rc = push_index(&v.pl, &v.np, &v.capp, i, NULL);
            continue;
        }
        if (s[0] == '{') {
            if (!v.inblock || !v.nv) pwarn(p, line, "verb forms before any verb: skipped");
            else if (v.vf[v.nv - 1] >= 0) pwarn(p, line, "second forms line for one verb: skipped");
            else v.vf[v.nv - 1] = (long)i;
            continue;
        }
        /* a verb line */
        if (p->tabari || !v.inblock) {
            char code[8] = "---", code2[8] = "";
            if (p->tabari) {
                const char *c;
                size_t cn;
                int rep;
                if (next_group(s, &c, &cn, &rep)) {
                    if (parse_code(p, line, c, cn, code, code2)) strcpy(code, "---");
                } else {
                    pwarn(p, line, "verb without a [CODE]: read as [---]");
                }
            }
            if ((rc = block_start(&v, code, code2))) break;
        }
        rc = push_index(&v.vl, &v.nv, &v.capv, i, &v.vf);
    }
    if (!rc) rc = block_flush(&v);
    if (v.ntransform)
        pwarn(p, 0, "%zu verb transformation lines (~) ignored: dyad does not support them", v.ntransform);
    (void)skipped;
    synsets_free(&v);
    free(v.vl);
    free(v.vf);
    free(v.pl);
    dyad__u64map_free(&v.defaults);
    return rc;
}

/* ---- Entry point ------------------------------------------------------------------ */
static int guess_kind(const char *path) {
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    static const struct { const char *w; int k; } K[] = {
        {"verb", DYAD_FILE_VERBS},      {"discard", DYAD_FILE_DISCARDS}, {"agent", DYAD_FILE_AGENTS},
        {"option", DYAD_FILE_OPTIONS}, {"actor", DYAD_FILE_ACTORS}};
    for (size_t i = 0; i < sizeof K / sizeof *K; i++)
        for (const char *q = b; *q; q++)
            if (starts_ci(q, K[i].w)) return K[i].k;
    return -1;
}

int dyad__load_peer(dyad_dict *d, dyad_dict_format f, dyad_file_kind k, const char *path) {
    if (f != DYAD_DICT_PETRARCH && f != DYAD_DICT_TABARI) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: not a peer dictionary format", path);
        return DYAD_EINVAL;
    }
    int kind = (int)k;
    if (k == DYAD_FILE_AUTO) kind = guess_kind(path);
    if (kind < DYAD_FILE_ACTORS || kind > DYAD_FILE_OPTIONS) {
        snprintf(d->errmsg, sizeof d->errmsg,
                 "%s: say which kind of dictionary this is (verbs, actors, agents, discards, options)", path);
        return DYAD_EINVAL;
    }
    peer p;
    memset(&p, 0, sizeof p);
    p.d = d;
    p.tabari = f == DYAD_DICT_TABARI;
    p.file = dyad__dict_keep(d, path, strlen(path));
    if (!p.file) return DYAD_ENOMEM;
    int rc = peer_read(&p, path, kind == DYAD_FILE_OPTIONS);
    if (rc) {
        free(p.off);
        free(p.lno);
        return rc;
    }
    switch (kind) {
    case DYAD_FILE_ACTORS: rc = load_actors(&p); break;
    case DYAD_FILE_AGENTS: rc = load_agents(&p); break;
    case DYAD_FILE_VERBS: rc = load_verbs(&p); break;
    case DYAD_FILE_DISCARDS: rc = load_discards(&p); break;
    default: rc = load_options(&p); break;
    }
    if (p.nclamped)
        dyad__dict_warn(d, p.file, p.clamp_line,
                  "%zu dates with a day their month does not have (like 040631) read as the month's last day",
                  p.nclamped);
    if (p.ncentury)
        dyad__dict_warn(d, p.file, p.century_line,
                  "%zu date ranges starting after they end read with the start a century earlier "
                  "(270101-730717 as 1927-1973)",
                  p.ncentury);
    if (p.ndup)
        dyad__dict_warn(d, p.file, p.dup_line,
                  "%zu phrases listed again in this file (here first): the first listing is used", p.ndup);
    if (p.nquiet) dyad__dict_warn(d, p.file, 0, "%zu more warnings in this file not shown", p.nquiet);
    if (rc == DYAD_ENOMEM) snprintf(d->errmsg, sizeof d->errmsg, "%s: out of memory", path);
    free(p.text);
    free(p.off);
    free(p.lno);
    return rc;
}
