/* dates.c -- the date of an event, not only of the article.
 *
 * From the article date and the sentence's words: "yesterday", "today",
 * "on Tuesday" (the latest such day on or before the article date; the
 * article's own weekday means the article date), "last week", "last month",
 * "on July 24" / "24 July" (this year, or last year when that would be after
 * the article), "in March" (month precision).  Without an article date only
 * explicit full dates ("July 24, 2019") resolve; otherwise precision "none".
 * A sentence about the future ("will", "shall", "next", "scheduled",
 * "tomorrow") resolves forward instead: "will meet on Saturday" is the first
 * Saturday after the article date, "on July 30" stays in the article's year,
 * "next week" is seven days on.  Also the calendar the rest of the library
 * uses: day numbers (dyad__date_days, dyad__date_format), dyad_date_parse and
 * the dictionaries' loose dates, with one days_in_month. */
#include "internal.h"
#include <stdio.h>
#include <string.h>
#include <limits.h>

/* ---- Dates: days since a fixed epoch, proleptic Gregorian ---------------- */
int dyad__date_days(int y, int m, int d) {
    /* days from civil (Howard Hinnant's algorithm), shifted to be positive */
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe;
}

void dyad__date_format(int days, char out[11]) {
    int z = days;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) { out[0] = 0; return; }
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 11);
}

int dyad__days_in_month(int y, int m) {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

int dyad_date_parse(const char *s, int *year, int *month, int *day) {
    if (!s) return DYAD_EDATE;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return DYAD_EDATE; }
        else if (!IS_DIGIT(s[i])) return DYAD_EDATE;
    }
    if (s[10]) return DYAD_EDATE;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > dyad__days_in_month(y, m)) return DYAD_EDATE;
    if (year) *year = y;
    if (month) *month = m;
    if (day) *day = d;
    return 0;
}

/* Dictionary dates: YYYY-MM-DD, YYYYMMDD, or TABARI's YYMMDD (20th century
 * below 30, as TABARI did). */
int dyad__parse_date_loose(const char *s, size_t n, int *days) {
    int dig[8], k = 0;
    for (size_t i = 0; i < n; i++) {
        if (IS_DIGIT(s[i])) { if (k == 8) return -1; dig[k++] = s[i] - '0'; }
        else if (s[i] != '-' && s[i] != '/') return -1;
    }
    int y, m, d;
    if (k == 8) { y = dig[0] * 1000 + dig[1] * 100 + dig[2] * 10 + dig[3]; m = dig[4] * 10 + dig[5]; d = dig[6] * 10 + dig[7]; }
    else if (k == 6) { y = dig[0] * 10 + dig[1]; y += y < 30 ? 2000 : 1900; m = dig[2] * 10 + dig[3]; d = dig[4] * 10 + dig[5]; }
    else return -1;
    if (m < 1 || m > 12 || d < 1 || d > dyad__days_in_month(y, m)) return -1;
    *days = dyad__date_days(y, m, d);
    return 0;
}

static const char *const WEEKDAYS[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday"};
static const char *const MONTHS[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december"};
static const char *const MONTHS3[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};

static int month_of(const char *text, const token *t) {
    for (int m = 0; m < 12; m++) {
        if (dyad__token_word_eq(text, t, MONTHS[m])) return m + 1;
        if (m != 4 && t->len >= 3 && t->len <= 5) {
            /* Jan / Jan. / Sept. */
            size_t l = t->len;
            if (text[t->start + l - 1] == '.') l--;
            if (l == 3 || (m == 8 && l == 4)) {
                int ok = 1;
                for (size_t i = 0; i < 3; i++)
                    if (TO_LOWER(text[t->start + i]) != MONTHS3[m][i]) ok = 0;
                if (ok && t->cap) return m + 1;
            }
        }
    }
    return 0;
}

static int num_of(const char *text, const token *t, int max) {
    if (t->type != T_NUM || t->len > 4) return -1;
    int v = 0;
    for (uint32_t i = 0; i < t->len; i++) {
        char c = text[t->start + i];
        if (!IS_DIGIT(c)) return -1;
        v = v * 10 + (c - '0');
    }
    return v <= max ? v : -1;
}

event_date dyad__dates_resolve(const char *doc_date, const char *text, const token *t, size_t n,
                         size_t from, size_t to) {
    event_date r = {INT_MIN, "none"};
    int y = 0, m = 0, dd = 0, base = INT_MIN;
    if (doc_date && dyad_date_parse(doc_date, &y, &m, &dd) == 0) {
        base = dyad__date_days(y, m, dd);
        r.days = base;
        r.precision = "day";
    }
    int future = 0;
    for (size_t i = from; i < to && i < n && !future; i++)
        future = (t[i].cls & G_FUTURE) != 0;
    for (size_t i = from; i < to && i < n; i++) {
        const token *k = &t[i];
        /* only words marked W_DATE (dict.c) start a date expression */
        if (k->type != T_WORD || !k->info || !(k->info->flags & W_DATE)) continue;
        /* explicit "July 24, 2019" / "24 July 2019" / "July 24" */
        int mo = month_of(text, k);
        if (mo) {
            int day = -1, year = -1;
            if (i + 1 < n) day = num_of(text, &t[i + 1], 31);
            if (day < 1 && i > 0) day = num_of(text, &t[i - 1], 31);
            size_t yi = i + 2;
            if (yi < n && t[yi].type == T_PUNCT && text[t[yi].start] == ',') yi++;
            if (yi < n) year = num_of(text, &t[yi], 9999);
            if (year < 1000) { year = -1; if (i + 1 < n) { int yy = num_of(text, &t[i + 1], 9999); if (yy >= 1000) year = yy; } }
            if (year < 1000 && base == INT_MIN) continue;
            if (year < 1000) {
                year = y;
                if (!future && (mo > m || (mo == m && day > dd))) year = y - 1;
            }
            if (day >= 1 && day <= dyad__days_in_month(year, mo)) {
                r.days = dyad__date_days(year, mo, day);
                r.precision = "day";
                return r;
            }
            if (mo && (i == 0 || dyad__token_word_eq(text, &t[i - 1], "in"))) {
                r.days = dyad__date_days(year, mo, 1);
                r.precision = "month";
                return r;
            }
            continue;
        }
        if (base == INT_MIN) continue;
        if (dyad__token_word_eq(text, k, "yesterday")) { r.days = base - 1; r.precision = "day"; return r; }
        if (dyad__token_word_eq(text, k, "today") || dyad__token_word_eq(text, k, "tonight")) { r.days = base; r.precision = "day"; return r; }
        if (dyad__token_word_eq(text, k, "tomorrow")) { r.days = base + 1; r.precision = "day"; return r; }
        if (dyad__token_word_eq(text, k, "next") && i + 1 < n) {
            if (dyad__token_word_eq(text, &t[i + 1], "week")) { r.days = base + 7; r.precision = "week"; return r; }
            if (dyad__token_word_eq(text, &t[i + 1], "month")) { r.days = base + 30; r.precision = "month"; return r; }
            if (dyad__token_word_eq(text, &t[i + 1], "year")) { r.days = base + 365; r.precision = "year"; return r; }
        }
        if (dyad__token_word_eq(text, k, "last") && i + 1 < n) {
            if (dyad__token_word_eq(text, &t[i + 1], "week")) { r.days = base - 7; r.precision = "week"; return r; }
            if (dyad__token_word_eq(text, &t[i + 1], "month")) { r.days = base - 30; r.precision = "month"; return r; }
            if (dyad__token_word_eq(text, &t[i + 1], "year")) { r.days = base - 365; r.precision = "year"; return r; }
        }
        for (int w = 0; w < 7; w++) {
            if (!dyad__token_word_eq(text, k, WEEKDAYS[w])) continue;
            /* days since 0000-03-01 (a Wednesday): weekday index Monday=0 */
            int base_wd = ((base % 7) + 7 + 2) % 7;
            if (future) {
                int ahead = (w - base_wd + 7) % 7;
                r.days = base + (ahead ? ahead : 7);
            } else {
                int back = (base_wd - w + 7) % 7;
                r.days = base - back;
            }
            r.precision = "day";
            return r;
        }
    }
    return r;
}
