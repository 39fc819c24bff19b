/* utf8.c -- the UTF-8 boundary.  Input text is repaired once here (policy:
 * each invalid sequence and each NUL becomes U+FFFD, a leading BOM is dropped,
 * CRLF/CR become LF); later stages assume valid UTF-8.  Case folding for
 * dictionary keys and tokens uses utf8proc, never the C locale. */
#include "internal.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char REPL[3] = {(char)0xEF, (char)0xBF, (char)0xBD};

char *dyad__utf8_repair(const char *s, size_t n, size_t *out_len, size_t *repairs) {
    /* worst case: every byte becomes 3 bytes */
    if (n > (SIZE_MAX - 1) / 3) return NULL;
    char *out = malloc(n * 3 + 1);
    if (!out) return NULL;
    size_t o = 0, i = 0, bad = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == 0) { memcpy(out + o, REPL, 3); o += 3; bad++; i++; continue; }
            if (c == '\r') {
                out[o++] = '\n';
                i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
                continue;
            }
            out[o++] = (char)c;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            memcpy(out + o, REPL, 3);
            o += 3;
            bad++;
            i++;
            continue;
        }
        memcpy(out + o, s + i, (size_t)k);
        o += (size_t)k;
        i += (size_t)k;
    }
    out[o] = 0;
    *out_len = o;
    if (repairs) *repairs = bad;
    return out;
}

int dyad__utf8_decode(const char *s, size_t n, int32_t *cp) {
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    if (k <= 0) { *cp = 0xFFFD; return 1; }
    *cp = c;
    return (int)k;
}

bool dyad__utf8_is_letter(int32_t cp) {
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
           c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LM ||
           c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_MN ||
           c == UTF8PROC_CATEGORY_MC;
}

size_t dyad__utf8_fold(const char *s, size_t n, char *out, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o + 1 > cap) return 0;
            /* typographic apostrophes are folded below; ASCII here */
            out[o++] = TO_LOWER((char)c);
            i++;
            continue;
        }
        int32_t cp;
        int k = dyad__utf8_decode(s + i, n - i, &cp);
        i += (size_t)k;
        if (cp == 0x2019 || cp == 0x2018) { /* ’ ‘ -> ' */
            if (o + 1 > cap) return 0;
            out[o++] = '\'';
            continue;
        }
        if (cp == 0x2010 || cp == 0x2011) { /* Unicode hyphens -> - */
            if (o + 1 > cap) return 0;
            out[o++] = '-';
            continue;
        }
        utf8proc_int32_t lower = utf8proc_tolower(cp);
        utf8proc_uint8_t tmp[4];
        utf8proc_ssize_t m = utf8proc_encode_char(lower, tmp);
        if (m <= 0 || o + (size_t)m > cap) return 0;
        memcpy(out + o, tmp, (size_t)m);
        o += (size_t)m;
    }
    return o;
}

int dyad__utf8_valid(const char *s, size_t n, int text) {
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    if (text && n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return 0; /* a BOM: dropped */
    while (p < e) {
        unsigned c = *p;
        if (c < 0x80) {
            if (text && (c == 0 || c == '\r')) return 0;
            p++;
            continue;
        }
        size_t len;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000;
        else return 0;
        if ((size_t)(e - p) < len) return 0;
        unsigned cp = c & (0x7Fu >> len);
        for (size_t k = 1; k < len; k++) {
            if ((p[k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (p[k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        p += len;
    }
    return 1;
}
