/* tokens.c -- stage 3: split one sentence into tokens (no dictionary).
 *
 * Words keep inner hyphens and apostrophes (al-Shabaab, d'Ivoire) and dotted
 * abbreviations keep their periods (U.S., Gen.).  A possessive 's and a
 * contracted n't are tokens of their own, as in the Penn Treebank.  Every
 * token is a slice of the document text with its type and capitalisation;
 * dyad__tokens_lookup (dict.c) then looks each folded form up once in the
 * dictionary's word table, so later stages compare integers.  Dictionary
 * phrases are split by the same rules (dyad__tokens_split_phrase). */
#include "internal.h"
#include <string.h>

static const char *const TOK_ABBREV[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov",
    "sen", "rep", "rev", "st", "sr", "jr", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "no", "vs", "corp", "inc", "ltd", "co", "brig", "amb", NULL};

static int tok_is_abbrev(const char *w, size_t n) {
    char low[8];
    if (n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = TO_LOWER(w[i]);
    for (int i = 0; TOK_ABBREV[i]; i++)
        if (strlen(TOK_ABBREV[i]) == n && memcmp(TOK_ABBREV[i], low, n) == 0) return 1;
    return 0;
}

/* Is the code point at p (in [p, e)) a letter or digit? Sets *len. */
static int is_wordch(const char *p, const char *e, int *len) {
    *len = 0;
    if (p >= e) return 0; /* e.g. after a hyphen that ends the text (fuzz_dates) */
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) { *len = 1; return IS_ALNUM(c); }
    int32_t cp;
    *len = dyad__utf8_decode(p, (size_t)(e - p), &cp);
    return dyad__utf8_is_letter(cp);
}

static int is_apos(const char *p, const char *e, int *len) {
    if (*p == '\'') { *len = 1; return 1; }
    if (e - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        (unsigned char)p[2] == 0x99) { *len = 3; return 1; }
    return 0;
}

static int is_hyphen(const char *p, const char *e, int *len) {
    if (*p == '-') { *len = 1; return 1; }
    if (e - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x90 || (unsigned char)p[2] == 0x91)) { *len = 3; return 1; }
    return 0;
}

/* The core splitter: calls EMIT(start, len, type) for each token of [s, e). */
typedef void (*emit_fn)(void *ud, size_t start, size_t len, int type);

static void split(const char *base, size_t s, size_t e, emit_fn emit, void *ud) {
    const char *end = base + e;
    size_t i = s;
    while (i < e) {
        const char *p = base + i;
        unsigned char c = (unsigned char)*p;
        int l;
        if (IS_SPACE(c)) { i++; continue; }
        if (is_wordch(p, end, &l)) {
            size_t ws = i, we = i + (size_t)l;
            int digits = IS_DIGIT(c);
            for (;;) {
                const char *q = base + we;
                int l2, l3;
                if (we >= e) break;
                if (is_wordch(q, end, &l2)) { we += (size_t)l2; continue; }
                if (we + 1 < e && (is_hyphen(q, end, &l2)) && is_wordch(q + l2, end, &l3)) {
                    we += (size_t)(l2 + l3);
                    continue;
                }
                if (is_apos(q, end, &l2) && we + (size_t)l2 < e && is_wordch(q + l2, end, &l3)) {
                    /* 's + non-letter is a possessive; n't is split below */
                    const char *r = q + l2;
                    if ((*r == 's' || *r == 'S') &&
                        (r + 1 >= end || !is_wordch(r + 1, end, &l3)))
                        break;
                    we += (size_t)l2;
                    continue;
                }
                if ((*q == '.' || *q == ',') && digits && we + 1 < e && IS_DIGIT(q[1])) {
                    we += 1;
                    continue;
                }
                /* dotted acronym: U.S  U.N  a.m */
                if (*q == '.' && we + 1 < e && IS_ALPHA(q[1]) && (we - ws) <= 2 &&
                    (we + 2 >= e || !IS_ALPHA(q[2]) || q[2] == '.')) {
                    we += 1;
                    continue;
                }
                break;
            }
            /* trailing period of an acronym, initial or known abbreviation */
            if (we < e && base[we] == '.') {
                int dotted = memchr(base + ws, '.', we - ws) != NULL;
                if (dotted || (we - ws == 1 && IS_UPPER(base[ws])) || tok_is_abbrev(base + ws, we - ws))
                    we++;
            }
            /* n't: "didn't" -> "did" + "n't" (Treebank style) */
            if (we - ws >= 4 && (base[we - 1] == 't' || base[we - 1] == 'T')) {
                size_t al = 0;
                if (base[we - 2] == '\'') al = 1;
                else if (we - ws >= 6 && (unsigned char)base[we - 4] == 0xE2 &&
                         (unsigned char)base[we - 3] == 0x80 && (unsigned char)base[we - 2] == 0x99)
                    al = 3;
                if (al) {
                    size_t napos = we - 1 - al - 1;
                    if (napos > ws && (base[napos] == 'n' || base[napos] == 'N')) {
                        emit(ud, ws, napos - ws, T_WORD);
                        emit(ud, napos, we - napos, T_WORD);
                        i = we;
                        continue;
                    }
                }
            }
            emit(ud, ws, we - ws, digits ? T_NUM : T_WORD);
            i = we;
            continue;
        }
        if (is_apos(p, end, &l)) {
            /* possessive 's or bare ' after a plural */
            if (i > s && i + (size_t)l < e && (p[l] == 's' || p[l] == 'S') &&
                (i + (size_t)l + 1 >= e || !IS_ALNUM(p[l + 1]))) {
                emit(ud, i, (size_t)l + 1, T_POSS);
                i += (size_t)l + 1;
                continue;
            }
            if (i > s && (base[i - 1] == 's' || base[i - 1] == 'S')) {
                emit(ud, i, (size_t)l, T_POSS);
                i += (size_t)l;
                continue;
            }
            emit(ud, i, (size_t)l, T_QUOTE);
            i += (size_t)l;
            continue;
        }
        if (c == ';' || c == ':') { emit(ud, i, 1, T_CLAUSE); i++; continue; }
        if (c == '"') { emit(ud, i, 1, T_QUOTE); i++; continue; }
        if (c < 0x80) { emit(ud, i, 1, T_PUNCT); i++; continue; }
        /* non-letter Unicode: quotes, dashes, symbols */
        int32_t cp;
        int k = dyad__utf8_decode(p, e - i, &cp);
        int type = (cp == 0x201C || cp == 0x201D || cp == 0x00AB || cp == 0x00BB) ? T_QUOTE : T_PUNCT;
        emit(ud, i, (size_t)k, type);
        i += (size_t)k;
    }
}

/* ---- Sentence tokens ------------------------------------------------------ */
typedef struct {
    arena *a;
    const char *text;
    token *v;
    size_t n, cap;
    int oom;
} tok_ctx;

static void emit_token(void *ud, size_t start, size_t len, int type) {
    tok_ctx *c = ud;
    if (c->oom) return;
    /* very long words (URLs, base64 junk) are cut into pieces */
    while (len > 0) {
        size_t l = len > DYAD_MAX_WORD_BYTES ? DYAD_MAX_WORD_BYTES : len;
        if (l < len) /* do not cut inside a UTF-8 sequence */
            while (l > 1 && ((unsigned char)c->text[start + l] & 0xC0) == 0x80) l--;
        if (c->n == c->cap) {
            size_t nc = c->cap ? c->cap * 2 : 64;
            token *nv = dyad__arena_alloc(c->a, nc * sizeof *nv);
            if (!nv) { c->oom = 1; return; }
            if (c->n) memcpy(nv, c->v, c->n * sizeof *nv);
            c->v = nv;
            c->cap = nc;
        }
        token *t = &c->v[c->n++];
        t->start = (uint32_t)start;
        t->len = (uint32_t)l;
        t->type = (uint8_t)type;
        unsigned char f = (unsigned char)c->text[start];
        t->cap = IS_UPPER(f) || (f >= 0xC0); /* non-ASCII letters: treat as capitalisable */
        if (f >= 0xC0) {
            int32_t cp;
            dyad__utf8_decode(c->text + start, l, &cp);
            t->cap = dyad__utf8_is_letter(cp) && (cp != 0xFFFD);
        }
        t->w = 0;
        t->info = NULL;
        start += l;
        len -= l;
    }
}

size_t dyad__tokens_split(arena *a, const char *text, span s, token **out) {
    tok_ctx c = {a, text, NULL, 0, 0, 0};
    split(text, s.start, s.end, emit_token, &c);
    *out = c.v;
    return c.n;
}

/* ---- Dictionary phrases ----------------------------------------------------- */
typedef struct {
    span *out;
    size_t n, cap;
} phrase_ctx;

static void emit_span(void *ud, size_t start, size_t len, int type) {
    phrase_ctx *c = ud;
    (void)type;
    if (c->n < c->cap) c->out[c->n] = (span){start, start + len};
    c->n++;
}

size_t dyad__tokens_split_phrase(const char *s, size_t n, span *out, size_t cap) {
    phrase_ctx c = {out, 0, cap};
    split(s, 0, n, emit_span, &c);
    return c.n;
}

/* Hot (dates.c calls it for date words, coder.c for grammar words): the first
 * byte is compared before anything else. */
int dyad__token_word_eq(const char *text, const token *t, const char *w) {
    if (!t->len || TO_LOWER(text[t->start]) != w[0]) return 0;
    size_t i = 1;
    for (; w[i]; i++)
        if (i >= t->len || TO_LOWER(text[t->start + i]) != w[i]) return 0;
    return i == t->len;
}
