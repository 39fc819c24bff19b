/* sentences.c -- stage 2: split a document's text into sentences.
 *
 * A sentence ends at . ! or ? followed by space (closing quotes and brackets
 * go with it) and then something that can start a sentence, and always at a
 * blank line.  It survives abbreviations (Mr. Gen. Jan. No.), initials
 * (George W. Bush), dotted acronyms (U.S. U.N.) and decimals (2.5), and a
 * wire dateline ("ANKARA, July 24 (Dyad Wire) - ") is left out of the first
 * sentence of a paragraph. */
#include "internal.h"
#include <string.h>

/* Words that end with a period without ending a sentence. */
static const char *const ABBREV[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "st", "sr", "jr", "messrs", "pres", "amb", "brig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vol", "art", "para", "fig", "vs", "v", "approx", "est", "dept", "univ",
    "corp", "inc", "ltd", "co", "bros", "mt", "ft", "gov't", "op", "ed", "e.g", "i.e",
    "cf", "al", "pp", NULL};

static int is_abbrev(const char *w, size_t n) {
    char low[16];
    if (n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = TO_LOWER(w[i]);
    for (int i = 0; ABBREV[i]; i++)
        if (strlen(ABBREV[i]) == n && memcmp(ABBREV[i], low, n) == 0) return 1;
    return 0;
}

/* Words that, capitalised after a dotted acronym, start a new sentence. */
static int is_starter(const char *w, size_t n) {
    static const char *const S[] = {"The", "He", "She", "It", "They", "We", "I", "This",
                                    "That", "But", "In", "On", "A", "An", "Its", "Their",
                                    "His", "Her", "There", "These", "Those", "After", "Earlier",
                                    "Meanwhile", "However", NULL};
    for (int i = 0; S[i]; i++)
        if (strlen(S[i]) == n && memcmp(S[i], w, n) == 0) return 1;
    return 0;
}

static int is_close(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

/* Length of a closing curly quote at p, or 0. */
static int curly_close(const char *p, size_t left) {
    if (left >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x9D || (unsigned char)p[2] == 0x99))
        return 3;
    return 0;
}

static size_t skip_caps_dateline(const char *t, size_t s, size_t e);

/* The dash after a dateline at J (" - ", " -- ", " — ", " – "): the text's
 * start after it, or 0. */
static size_t after_dash(const char *t, size_t s, size_t j, size_t e) {
    size_t dash = 0;
    if (t[j] == '-' && (j + 1 < e && t[j + 1] == '-')) dash = 2;
    else if (t[j] == '-') dash = 1;
    else if (j + 2 < e && (unsigned char)t[j] == 0xE2 && (unsigned char)t[j + 1] == 0x80 &&
             ((unsigned char)t[j + 2] == 0x94 || (unsigned char)t[j + 2] == 0x93))
        dash = 3;
    if (!dash || j <= s || t[j - 1] != ' ' || j + dash >= e || t[j + dash] != ' ') return 0;
    size_t k = j + dash;
    while (k < e && IS_SPACE(t[k])) k++;
    return k;
}

/* AFP's "Ankara (AFP) - ", "Abidjan, Nov 30 (AFP) - ": a place name in
 * capitalised words (at most four), an optional ", date", then the agency
 * in brackets (letters only) and a dash; without the brackets a capitalised
 * phrase and a dash is a sentence, not a dateline.  The new start, or S. */
static size_t skip_agency_dateline(const char *t, size_t s, size_t e) {
    size_t i = s;
    int words = 0;
    while (i < e && words < 4 && (IS_UPPER(t[i]) || IS_HIGH(t[i]))) {
        while (i < e && (IS_ALPHA(t[i]) || IS_HIGH(t[i]) || t[i] == '-' || t[i] == '\'')) i++;
        words++;
        if (i + 1 < e && t[i] == ' ' && IS_UPPER(t[i + 1])) i++;
        else break;
    }
    if (!words || i - s > 40) return s;
    size_t j = i;
    if (j < e && t[j] == ',')
        while (j < e && j < i + 30 && t[j] != '(' && t[j] != '\n') j++;
    while (j < e && t[j] == ' ') j++;
    if (j + 2 >= e || t[j] != '(' || !IS_UPPER(t[j + 1])) return s;
    size_t c = j + 1;
    while (c < e && c < j + 24 && t[c] != ')') {
        if (!IS_ALPHA(t[c]) && t[c] != ' ' && t[c] != '/') return s;
        c++;
    }
    if (c >= e || t[c] != ')') return s;
    c++;
    while (c < e && t[c] == ' ') c++;
    size_t k = c < e ? after_dash(t, s, c, e) : 0;
    return k ? k : s;
}

/* Skips a wire dateline at the start of a paragraph: an upper-case place
 * name, optional ", date" and "(agency)", then a dash (or AFP's capitalised
 * name with its agency). Returns the new start. */
static size_t skip_dateline(const char *t, size_t s, size_t e) {
    size_t k = skip_caps_dateline(t, s, e);
    return k != s ? k : skip_agency_dateline(t, s, e);
}

static size_t skip_caps_dateline(const char *t, size_t s, size_t e) {
    size_t i = s, caps = 0;
    while (i < e && (IS_UPPER(t[i]) || t[i] == ' ' || t[i] == '.' || t[i] == '\'' ||
                     t[i] == '-' || IS_HIGH(t[i]))) {
        if (IS_UPPER(t[i])) caps++;
        if (t[i] == '-' && i + 1 < e && t[i + 1] == ' ') break;
        i++;
    }
    if (caps < 3 || i - s > 60) return s;
    /* then up to 60 bytes of date and agency before " - " / " -- " / " — " */
    size_t lim = i + 60 < e ? i + 60 : e;
    for (size_t j = i; j < lim; j++) {
        if (t[j] == '.' || t[j] == '!' || t[j] == '?' || t[j] == '\n') return s;
        size_t dash = 0;
        if (t[j] == '-' && (j + 1 < e && t[j + 1] == '-')) dash = 2;
        else if (t[j] == '-') dash = 1;
        else if (j + 2 < e && (unsigned char)t[j] == 0xE2 && (unsigned char)t[j + 1] == 0x80 &&
                 ((unsigned char)t[j + 2] == 0x94 || (unsigned char)t[j + 2] == 0x93))
            dash = 3;
        if (dash && j > s && t[j - 1] == ' ' && j + dash < e && t[j + dash] == ' ') {
            size_t k = j + dash;
            while (k < e && IS_SPACE(t[k])) k++;
            return k;
        }
    }
    return s;
}

static void push(arena *a, span **v, size_t *n, size_t *cap, const char *t, size_t s, size_t e) {
    while (s < e && IS_SPACE(t[s])) s++;
    while (e > s && IS_SPACE(t[e - 1])) e--;
    if (e <= s) return;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        span *nv = dyad__arena_alloc(a, nc * sizeof *nv);
        if (!nv) return;
        if (*n) memcpy(nv, *v, *n * sizeof *nv);
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = (span){s, e};
}

span dyad__sentences_dateline(const char *t, size_t n) {
    size_t i = 0;
    while (i < n && IS_SPACE(t[i])) i++;
    size_t k = skip_dateline(t, i, n);
    if (k == i) return (span){0, 0};
    size_t e = k;
    /* the dateline without the dash and the spaces around it */
    while (e > i && (IS_SPACE(t[e - 1]) || t[e - 1] == '-' || (unsigned char)t[e - 1] >= 0x80)) {
        if ((unsigned char)t[e - 1] >= 0x80) {
            if (e >= i + 3 && (unsigned char)t[e - 3] == 0xE2) e -= 3; else break;
        } else e--;
    }
    return (span){i, e};
}

size_t dyad__sentences_split(arena *a, const char *t, size_t n, span **out) {
    span *v = NULL;
    size_t nv = 0, cap = 0;
    size_t start = 0;
    int para_start = 1;
    size_t i = 0;
    while (i < n) {
        if (para_start) {
            while (i < n && IS_SPACE(t[i])) i++;
            start = skip_dateline(t, i, n);
            i = start;
            para_start = 0;
            continue;
        }
        char c = t[i];
        if (c == '\n') {
            size_t j = i + 1;
            while (j < n && (t[j] == ' ' || t[j] == '\t')) j++;
            if (j < n && t[j] == '\n') { /* blank line: paragraph break */
                push(a, &v, &nv, &cap, t, start, i);
                i = j;
                para_start = 1;
                continue;
            }
            i++;
            continue;
        }
        if (c != '.' && c != '!' && c != '?') { i++; continue; }
        /* candidate end at i; include further .!? and closing quotes */
        size_t e = i + 1;
        while (e < n && (t[e] == '.' || t[e] == '!' || t[e] == '?')) e++;
        for (;;) {
            int k;
            if (e < n && is_close(t[e])) e++;
            else if ((k = curly_close(t + e, n - e))) e += (size_t)k;
            else break;
        }
        if (e < n && !IS_SPACE(t[e])) { i = e; continue; }
        /* the word before the period */
        size_t ws = i;
        while (ws > start && !IS_SPACE(t[ws - 1]) && t[ws - 1] != '(' && t[ws - 1] != '"') ws--;
        size_t wn = i - ws;
        /* next word */
        size_t ns = e;
        while (ns < n && IS_SPACE(t[ns])) ns++;
        if (ns >= n) { i = e; break; }
        size_t ne = ns;
        while (ne < n && !IS_SPACE(t[ne])) ne++;
        unsigned char nc = (unsigned char)t[ns];
        int next_can_start = IS_UPPER(nc) || IS_DIGIT(nc) || nc == '"' || nc == '\'' ||
                             nc == '(' || nc == 0xE2 || (nc >= 0xC0 && !IS_SPACE(nc));
        if (c == '.' && e == i + 1) {
            int single_initial = wn == 1 && IS_UPPER(t[ws]);
            int dotted = 0;
            for (size_t k = ws; k < i; k++)
                if (t[k] == '.') dotted = 1;
            if (single_initial) { i = e; continue; }
            if (is_abbrev(t + ws, wn)) {
                /* "No. 10", "Gen. Smith": not an end; "... in Jan. The" is */
                if (!(IS_UPPER(nc) && is_starter(t + ns, ne - ns))) { i = e; continue; }
            }
            if (dotted && !is_starter(t + ns, ne - ns)) { i = e; continue; }
        }
        if (!next_can_start) { i = e; continue; }
        push(a, &v, &nv, &cap, t, start, e);
        start = e;
        i = e;
    }
    if (start < n) push(a, &v, &nv, &cap, t, start, n);
    *out = v;
    return nv;
}
