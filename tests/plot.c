/* plot.c -- tests of dyad_plot_timeline and dyad_plot_network (src/plot.c)
 * on synthetic rows: return codes, PNG signature and size (the IHDR), SVG
 * titles and byte-identical output across runs, one round-capped path per
 * network edge, the edge colours in the pixels, and every error (bad
 * extension, missing directory, a write that fails, bad sizes, NULL).
 *
 * test_plot [DIR] -- pictures go to a temporary directory, removed after, or
 * to DIR, kept (to look at).  Ends with "plot: N passed, N failed". */
#include <dyad.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int passed, failed;

#define CHECK(cond, ...)                                        \
    do {                                                        \
        if (cond) passed++;                                     \
        else {                                                  \
            failed++;                                           \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                       \
            fputc('\n', stderr);                                \
        }                                                       \
    } while (0)

static char outdir[4096];

static const char *out(const char *name) {
    static char p[4][4200];
    static int i;
    i = (i + 1) % 4;
    snprintf(p[i], sizeof p[i], "%s/%s", outdir, name);
    return p[i];
}

static char *slurp(const char *path, size_t *n) {
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *b = malloc(cap + 1);
    size_t k;
    while (b && (k = fread(b + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            char *nb = realloc(b, 2 * cap + 1);
            if (!nb) { free(b); b = NULL; break; }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (b) b[len] = 0;
    *n = len;
    return b;
}

/* The PNG's signature and its IHDR's width and height: 1 when they are W, H. */
static int png_is(const char *path, unsigned w, unsigned h) {
    size_t n;
    unsigned char *b = (unsigned char *)slurp(path, &n);
    int ok = b && n > 24 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8) && !memcmp(b + 12, "IHDR", 4);
    if (ok) {
        unsigned pw = (unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19];
        unsigned ph = (unsigned)b[20] << 24 | (unsigned)b[21] << 16 | (unsigned)b[22] << 8 | b[23];
        if (pw != w || ph != h) {
            fprintf(stderr, "  %s is %ux%u, want %ux%u\n", path, pw, ph, w, h);
            ok = 0;
        }
    }
    free(b);
    return ok;
}

static int same_file(const char *p, const char *q) {
    size_t n, m;
    char *a = slurp(p, &n), *b = slurp(q, &m);
    int same = a && b && n == m && n > 0 && !memcmp(a, b, n);
    free(a);
    free(b);
    return same;
}

static int file_has(const char *path, const char *needle) {
    size_t n;
    char *b = slurp(path, &n);
    int has = b && strstr(b, needle) != NULL;
    free(b);
    return has;
}

static size_t count_in(const char *path, const char *needle) {
    size_t n, c = 0;
    char *b = slurp(path, &n);
    for (const char *p = b; p && (p = strstr(p, needle)); p += strlen(needle)) c++;
    free(b);
    return c;
}

static int exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

/* ---- Synthetic timelines -------------------------------------------------- */

static dyad_timeline_row row(const char *period, const char *start, int direction, long long q1, long long q2,
                             long long q3, long long q4, double mean) {
    dyad_timeline_row r;
    memset(&r, 0, sizeof r);
    snprintf(r.period, sizeof r.period, "%.10s", period);
    snprintf(r.start, sizeof r.start, "%.10s", start);
    r.direction = direction;
    r.quad[0] = q1;
    r.quad[1] = q2;
    r.quad[2] = q3;
    r.quad[3] = q4;
    r.events = q1 + q2 + q3 + q4;
    r.goldstein_mean = mean;
    r.goldstein_sum = mean * (double)r.events;
    return r;
}

/* Turkey and Syria by month, 2011-03 to 2024-06: conflict in the middle
 * years, talks at the end, months with nothing left out (the gaps). */
static size_t months(dyad_timeline_row *rows) {
    size_t n = 0;
    unsigned seed = 7;
    for (int y = 2011; y <= 2024; y++) {
        for (int m = 1; m <= 12; m++) {
            if ((y == 2011 && m < 3) || (y == 2024 && m > 6)) continue;
            seed = seed * 1103515245u + 12345u;
            if (seed % 7 == 0 || (y == 2013 && m >= 4 && m <= 8)) continue; /* gaps */
            char p[32], s[32];
            snprintf(p, sizeof p, "%04d-%02d", y, m);
            snprintf(s, sizeof s, "%04d-%02d-01", y, m);
            int t = (y - 2011) * 12 + m;
            double conflict = t > 20 && t < 140 ? 1 : 0.2;
            long long q1 = 2 + (long long)(seed % 9), q2 = (long long)(seed / 7 % 4);
            long long q3 = (long long)(conflict * (5 + seed / 13 % 20)), q4 = (long long)(conflict * (3 + seed / 17 % 40));
            double mean = (q1 * 1.5 + q2 * 6.0 - q3 * 2.5 - q4 * 8.0) / (double)(q1 + q2 + q3 + q4);
            rows[n++] = row(p, s, 0, q1, q2, q3, q4, mean);
            if (seed % 3) {
                long long r1 = 1 + q1 / 2, r3 = q3 / 2, r4 = q4 / 3;
                double mb = (r1 * 1.5 - r3 * 2.5 - r4 * 9.0) / (double)(r1 + r3 + r4);
                rows[n++] = row(p, s, 1, r1, 0, r3, r4, mb);
            }
        }
    }
    return n;
}

/* 300 consecutive days from 2023-01-01, both directions. */
static size_t days(dyad_timeline_row *rows, long long scale) {
    size_t n = 0;
    int y = 2023, m = 1, d = 1;
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < 300; i++) {
        char s[32];
        snprintf(s, sizeof s, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
        long long a = (long long)(5 + 4 * sin(i / 9.0)) * scale, b = (long long)(3 + 3 * cos(i / 5.0)) * scale;
        rows[n++] = row(s, s, 0, a, a / 3, b, i % 5 * scale, 3 * sin(i / 20.0));
        rows[n++] = row(s, s, 1, b, 0, a / 2, b / 2, -2 + 3 * cos(i / 15.0));
        if (++d > dm[m - 1]) { d = 1; m++; }
    }
    return n;
}

static void test_timeline(void) {
    dyad_timeline_row *rows = calloc(1000, sizeof *rows);
    size_t n = months(rows);
    int rc;

    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("timeline.png"));
    CHECK(rc == 0, "month timeline png: %s", dyad_strerror(rc));
    CHECK(png_is(out("timeline.png"), 1000, 600), "timeline.png: PNG of 1000x600 (the default)");
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("timeline2.png"));
    CHECK(rc == 0 && same_file(out("timeline.png"), out("timeline2.png")), "two runs give the same PNG bytes");
    dyad_plot_options big = {NULL, 1600, 500};
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, &big, out("timeline-wide.png"));
    CHECK(rc == 0 && png_is(out("timeline-wide.png"), 1600, 500), "1600x500 png: %s", dyad_strerror(rc));
    dyad_plot_options only_w = {NULL, 800, 0};
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, &only_w, out("timeline-800.png"));
    CHECK(rc == 0 && png_is(out("timeline-800.png"), 800, 600), "height 0 is 600: %s", dyad_strerror(rc));

    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("timeline.svg"));
    CHECK(rc == 0, "month timeline svg: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("timeline2.svg"));
    CHECK(rc == 0 && same_file(out("timeline.svg"), out("timeline2.svg")), "two runs give the same SVG bytes");
    CHECK(file_has(out("timeline.svg"), "<svg") && file_has(out("timeline.svg"), "</svg>"), "an SVG document");
    CHECK(file_has(out("timeline.svg"), "<title>TUR and SYR, events by month</title>"), "SVG title from the codes");
    CHECK(file_has(out("timeline.svg"), "<desc>Apr 2011 to Jun 2024: 6,886 events (TUR \xe2\x86\x92 SYR 5,351, SYR \xe2\x86\x92 TUR 1,535)</desc>"), "SVG desc gives the span");
    CHECK(file_has(out("timeline.svg"), "width=\"1000px\""), "SVG in pixels");

    /* the title given, with bytes that are not text */
    dyad_plot_options t = {"Turkey & <Syria> \"2011\xff\x01\" caf\xc3\xa9", 0, 0};
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, &t, out("title.svg"));
    CHECK(rc == 0, "odd title: %s", dyad_strerror(rc));
    CHECK(file_has(out("title.svg"), "<title>Turkey &amp; &lt;Syria&gt; &quot;2011\xef\xbf\xbd &quot; caf\xc3\xa9</title>"),
          "title escaped, bad byte as U+FFFD, control as space");
    char longcode[3000];
    memset(longcode, 'A', sizeof longcode - 1);
    longcode[sizeof longcode - 1] = 0;
    longcode[5] = '\xc3'; /* a cut sequence */
    rc = dyad_plot_timeline(longcode, "\xe2\x82", DYAD_BY_MONTH, rows, n, NULL, out("codes.png"));
    CHECK(rc == 0, "long and broken codes: %s", dyad_strerror(rc));

    /* no rows, one row */
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, NULL, 0, NULL, out("empty.svg"));
    CHECK(rc == 0 && file_has(out("empty.svg"), "<desc>no events</desc>"), "n == 0: a picture of no events (%s)",
          dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, 0, NULL, out("empty.png"));
    CHECK(rc == 0 && png_is(out("empty.png"), 1000, 600), "n == 0 png: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_YEAR, rows, 1, NULL, out("one.png"));
    CHECK(rc == 0 && png_is(out("one.png"), 1000, 600), "one period: %s", dyad_strerror(rc));

    /* 300 days, by day, week (rows of one week add up) and year; huge counts */
    size_t nd = days(rows, 1);
    static const dyad_period BY[] = {DYAD_BY_DAY, DYAD_BY_WEEK, DYAD_BY_MONTH, DYAD_BY_YEAR};
    static const char *const NAME[] = {"by-day.png", "by-week.png", "by-month.png", "by-year.png"};
    for (int i = 0; i < 4; i++) {
        rc = dyad_plot_timeline("ISR", "PSE", BY[i], rows, nd, NULL, out(NAME[i]));
        CHECK(rc == 0 && png_is(out(NAME[i]), 1000, 600), "300 days %s: %s", NAME[i], dyad_strerror(rc));
    }
    rc = dyad_plot_timeline("ISR", "PSE", DYAD_BY_DAY, rows, nd, NULL, out("by-day.svg"));
    CHECK(rc == 0 && file_has(out("by-day.svg"), "<title>ISR and PSE, events by day</title>"), "by day svg");
    nd = days(rows, 1000000000000LL);
    rc = dyad_plot_timeline("ISR", "PSE", DYAD_BY_DAY, rows, nd, NULL, out("huge.png"));
    CHECK(rc == 0 && png_is(out("huge.png"), 1000, 600), "huge counts: %s", dyad_strerror(rc));
    /* centuries by day: the axis thins to years, nothing per day is allocated */
    dyad_timeline_row far[2] = {row("0001-01-01", "0001-01-01", 0, 1, 0, 0, 0, 1),
                                row("9999-12-31", "9999-12-31", 1, 0, 0, 0, 1, -10)};
    rc = dyad_plot_timeline("A", "B", DYAD_BY_DAY, far, 2, NULL, out("far.png"));
    CHECK(rc == 0, "years 1 to 9999 by day: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("A", "B", DYAD_BY_WEEK, far, 2, NULL, out("far-week.png"));
    CHECK(rc == 0, "years 1 to 9999 by week: %s", dyad_strerror(rc));

    /* sizes */
    int sizes[][3] = {{99, 600, DYAD_EINVAL}, {100, 100, 0}, {10001, 600, DYAD_EINVAL}, {600, 10001, DYAD_EINVAL},
                      {1000, 99, DYAD_EINVAL}, {-5, 600, DYAD_EINVAL}, {10000, 100, 0}, {400, 300, 0}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        dyad_plot_options so = {NULL, sizes[i][0], sizes[i][1]};
        char name[64];
        snprintf(name, sizeof name, "size-%dx%d.png", sizes[i][0], sizes[i][1]);
        remove(out(name));
        rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, 20, &so, out(name));
        CHECK(rc == sizes[i][2], "size %dx%d: %s, want %s", sizes[i][0], sizes[i][1], dyad_strerror(rc),
              dyad_strerror(sizes[i][2]));
        if (!sizes[i][2])
            CHECK(png_is(out(name), (unsigned)sizes[i][0], (unsigned)sizes[i][1]), "size %dx%d png",
                  sizes[i][0], sizes[i][1]);
        else
            CHECK(!exists(out(name)), "no file for a refused size");
    }

    /* formats, paths, arguments */
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("t.jpg"));
    CHECK(rc == DYAD_EINVAL && !exists(out("t.jpg")), ".jpg: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("svg"));
    CHECK(rc == DYAD_EINVAL, "no extension: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("T.SVG"));
    CHECK(rc == 0, ".SVG: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("no/such/outdir/t.png"));
    CHECK(rc == DYAD_EIO, "missing directory: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("no/such/outdir/t.svg"));
    CHECK(rc == DYAD_EIO, "missing directory svg: %s", dyad_strerror(rc));
    /* a write that fails after the open: /dev/full */
    remove(out("full.svg"));
    if (symlink("/dev/full", out("full.svg")) == 0) {
        rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("full.svg"));
        CHECK(rc == DYAD_EIO, "/dev/full: %s", dyad_strerror(rc));
        remove(out("full.svg"));
    }
    /* a read-only directory (root writes there anyway) */
    if (geteuid() != 0) {
        mkdir(out("ro"), 0555);
        rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, out("ro/t.png"));
        CHECK(rc == DYAD_EIO, "read-only directory: %s", dyad_strerror(rc));
        rmdir(out("ro"));
    }
    rc = dyad_plot_timeline(NULL, "SYR", DYAD_BY_MONTH, rows, n, NULL, out("t.png"));
    CHECK(rc == DYAD_EINVAL, "NULL a: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", NULL, DYAD_BY_MONTH, rows, n, NULL, out("t.png"));
    CHECK(rc == DYAD_EINVAL, "NULL b: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, rows, n, NULL, NULL);
    CHECK(rc == DYAD_EINVAL, "NULL path: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, NULL, 3, NULL, out("t.png"));
    CHECK(rc == DYAD_EINVAL, "NULL rows: %s", dyad_strerror(rc));
    rc = dyad_plot_timeline("TUR", "SYR", (dyad_period)9, rows, n, NULL, out("t.png"));
    CHECK(rc == DYAD_EINVAL, "bad period: %s", dyad_strerror(rc));
    dyad_timeline_row bad = rows[0];
    bad.direction = 2;
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, &bad, 1, NULL, out("t.png"));
    CHECK(rc == DYAD_EINVAL, "direction 2: %s", dyad_strerror(rc));
    bad = rows[0];
    memcpy(bad.start, "2024-02-30", 11);
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, &bad, 1, NULL, out("t.png"));
    CHECK(rc == DYAD_EINVAL, "start 2024-02-30: %s", dyad_strerror(rc));
    bad = rows[0];
    bad.quad[2] = -1;
    rc = dyad_plot_timeline("TUR", "SYR", DYAD_BY_MONTH, &bad, 1, NULL, out("t.png"));
    CHECK(rc == DYAD_EINVAL, "negative count: %s", dyad_strerror(rc));
    CHECK(!exists(out("t.png")), "no file written by a refused call");
    free(rows);
}

/* ---- Networks ------------------------------------------------------------- */

static dyad_dyad_row dyad(const char *s, const char *t, long long events, double mean) {
    dyad_dyad_row d;
    memset(&d, 0, sizeof d);
    d.source = s;
    d.target = t;
    d.events = events;
    d.mentions = events * 2;
    d.goldstein_mean = mean;
    d.goldstein_sum = mean * (double)events;
    return d;
}

/* Pixels of the picture's left part (the network, not its legend) that are
 * clearly blue and clearly red. */
static void colours(const char *png, long *blue, long *red) {
    *blue = *red = 0;
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        int stride = cairo_image_surface_get_stride(s);
        const unsigned char *p = cairo_image_surface_get_data(s);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w * 3 / 4; x++) {
                unsigned v;
                memcpy(&v, p + (size_t)y * (size_t)stride + (size_t)x * 4, 4);
                int r = (int)(v >> 16 & 255), g = (int)(v >> 8 & 255), b = (int)(v & 255);
                if (b > r + 80 && b > g + 20) ++*blue;
                if (r > b + 80 && r > g + 40) ++*red;
            }
    }
    cairo_surface_destroy(s);
}

static void test_network(void) {
    dyad_dyad_row rows[] = {
        dyad("TUR", "SYR", 1200, -6.5), dyad("SYR", "TUR", 300, -3.0), dyad("RUS", "SYR", 800, 4.2),
        dyad("SYR", "RUS", 650, 5.0), dyad("TURGOV", "RUS", 90, 3.4), dyad("RUS", "TURGOV", 70, 2.0),
        dyad("USA", "TUR", 240, 0.5), dyad("IRN", "SYR", 410, 6.1), dyad("SYRREB", "SYR", 520, -9.2),
        dyad("TURMIL", "SYRREB", 330, -10), dyad("USA", "SYRREB", 60, 7.0), dyad("IRN", "USA", 25, -4.0),
    };
    size_t n = sizeof rows / sizeof rows[0];
    int rc = dyad_plot_network(rows, n, NULL, out("network.png"));
    CHECK(rc == 0 && png_is(out("network.png"), 1000, 600), "network png: %s", dyad_strerror(rc));
    rc = dyad_plot_network(rows, n, NULL, out("network.svg"));
    CHECK(rc == 0, "network svg: %s", dyad_strerror(rc));
    rc = dyad_plot_network(rows, n, NULL, out("network2.svg"));
    CHECK(rc == 0 && same_file(out("network.svg"), out("network2.svg")), "two runs give the same SVG bytes");
    CHECK(file_has(out("network.svg"), "<title>Event network: 8 actors, 12 dyads</title>"), "network title");
    size_t edges = count_in(out("network.svg"), "stroke-linecap:round");
    CHECK(edges == n, "one round-capped path per edge: %zu, want %zu", edges, n);

    /* a repeated dyad is one edge; no events, no edge; a loop is an edge */
    dyad_dyad_row more[] = {dyad("A", "B", 5, 1), dyad("A", "B", 5, 3), dyad("B", "A", 0, 0), dyad("C", "C", 4, 2)};
    rc = dyad_plot_network(more, 4, NULL, out("more.svg"));
    edges = count_in(out("more.svg"), "stroke-linecap:round");
    CHECK(rc == 0 && edges == 2, "merged, empty and loop edges: %zu, want 2", edges);
    CHECK(file_has(out("more.svg"), "<title>Event network: 3 actors, 2 dyads</title>"), "actors of empty dyads");

    /* the colour: cooperation blue, conflict red */
    long blue, red;
    dyad_dyad_row coop = dyad("TUR", "SYR", 100, 9.5), conf = dyad("TUR", "SYR", 100, -9.5);
    rc = dyad_plot_network(&coop, 1, NULL, out("coop.png"));
    colours(out("coop.png"), &blue, &red);
    CHECK(rc == 0 && blue > 500 && red < 50, "a cooperative edge is blue: %ld blue, %ld red pixels", blue, red);
    rc = dyad_plot_network(&conf, 1, NULL, out("conflict.png"));
    colours(out("conflict.png"), &blue, &red);
    CHECK(rc == 0 && red > 500 && blue < 50, "a hostile edge is red: %ld blue, %ld red pixels", blue, red);

    /* labels of any bytes, many actors, none */
    char longcode[2000];
    memset(longcode, 'X', sizeof longcode - 1);
    longcode[sizeof longcode - 1] = 0;
    dyad_dyad_row odd[] = {dyad("\xff\xfe\x01\x1b[31m", "SYR", 3, 1), dyad(longcode, "", 2, -2),
                           dyad("\xed\xa0\x80", "\xf4\x90\x80\x80", 1, NAN)};
    rc = dyad_plot_network(odd, 3, NULL, out("odd.svg"));
    CHECK(rc == 0, "labels of any bytes: %s", dyad_strerror(rc));
    static char codes[600][16];
    static dyad_dyad_row many[600];
    for (int i = 0; i < 600; i++) {
        snprintf(codes[i], sizeof codes[i], "A%03d", i);
        many[i] = dyad(codes[i], codes[(i * 7 + 3) % 600], 1 + i % 50, (i % 21) - 10);
    }
    rc = dyad_plot_network(many, 600, NULL, out("many.png"));
    CHECK(rc == 0 && png_is(out("many.png"), 1000, 600), "600 actors: %s", dyad_strerror(rc));
    rc = dyad_plot_network(many, 30, NULL, out("thirty.png"));
    CHECK(rc == 0, "30 dyads: %s", dyad_strerror(rc));
    rc = dyad_plot_network(NULL, 0, NULL, out("network-empty.svg"));
    CHECK(rc == 0 && file_has(out("network-empty.svg"), "<desc>no events</desc>"), "no dyads: %s",
          dyad_strerror(rc));
    rc = dyad_plot_network(rows, 1, NULL, out("network-one.png"));
    CHECK(rc == 0, "one dyad: %s", dyad_strerror(rc));

    /* errors */
    rc = dyad_plot_network(rows, n, NULL, out("n.gif"));
    CHECK(rc == DYAD_EINVAL, ".gif: %s", dyad_strerror(rc));
    rc = dyad_plot_network(rows, n, NULL, out("no/such/n.svg"));
    CHECK(rc == DYAD_EIO, "missing directory: %s", dyad_strerror(rc));
    rc = dyad_plot_network(rows, n, NULL, outdir);
    CHECK(rc == DYAD_EINVAL, "a directory without extension: %s", dyad_strerror(rc));
    rc = dyad_plot_network(rows, n, NULL, NULL);
    CHECK(rc == DYAD_EINVAL, "NULL path: %s", dyad_strerror(rc));
    rc = dyad_plot_network(NULL, 2, NULL, out("n.png"));
    CHECK(rc == DYAD_EINVAL, "NULL rows: %s", dyad_strerror(rc));
    dyad_plot_options small = {NULL, 50, 50};
    rc = dyad_plot_network(rows, n, &small, out("n.png"));
    CHECK(rc == DYAD_EINVAL, "50x50: %s", dyad_strerror(rc));
    dyad_dyad_row bad = dyad(NULL, "SYR", 3, 0);
    rc = dyad_plot_network(&bad, 1, NULL, out("n.png"));
    CHECK(rc == DYAD_EINVAL, "NULL source: %s", dyad_strerror(rc));
    bad = dyad("TUR", "SYR", -3, 0);
    rc = dyad_plot_network(&bad, 1, NULL, out("n.png"));
    CHECK(rc == DYAD_EINVAL, "negative events: %s", dyad_strerror(rc));
    CHECK(!exists(out("n.png")), "no file written by a refused call");
}

int main(int argc, char **argv) {
    int keep = argc > 1;
    if (keep) {
        snprintf(outdir, sizeof outdir, "%s", argv[1]);
        mkdir(outdir, 0755);
    } else {
        snprintf(outdir, sizeof outdir, "/tmp/dyad-plot-XXXXXX");
        if (!mkdtemp(outdir)) { perror("mkdtemp"); return 1; }
    }
    test_timeline();
    test_network();
    if (!keep) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", outdir);
        if (system(cmd) != 0) fprintf(stderr, "plot: could not remove %s\n", outdir);
    }
    /* cairo's and fontconfig's caches, so that LeakSanitizer sees nothing */
    cairo_debug_reset_static_data();
    FcFini();
    printf("plot: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
