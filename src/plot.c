/* plot.c -- pictures of the store's answers, drawn with cairo: a dyad's
 * timeline (events per QuadClass as stacked bars, A to B above the zero line
 * and B to A below it, mean Goldstein per direction as lines on an axis of
 * their own) and a network of dyads (the actors on a circle, a curved arrow
 * per direction whose width is the events and whose colour is the mean
 * Goldstein).  Above the store's queries in the pipeline: `dyad plot` hands
 * it the rows of dyad_store_timeline and dyad_store_dyads.
 *
 * The format is the path's extension (.svg or .png).  The picture is made in
 * memory and written in one go, so a failed render leaves no file and a
 * failed write is DYAD_EIO.  Nothing depends on time, the locale or chance:
 * the same rows give the same bytes (tests/plot.c compares two runs).  Text is
 * cairo's toy API with fontconfig's "sans-serif"; every label is made valid
 * UTF-8 without control characters first (cairo refuses invalid UTF-8). */
#include "internal.h"
#include <cairo.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_WIDTH 1000
#define DEFAULT_HEIGHT 600
/* A label buffer: the kept bytes, an ellipsis and the NUL. */
#define LABEL_CAP (DYAD_PLOT_LABEL_BYTES + 8)
/* Tick labels a date axis may have: a candidate spacing with more is too
 * dense for any width up to DYAD_PLOT_MAX_SIDE. */
#define MAX_TICKS 512
/* Actors labelled in a network; past it only the busiest are. */
#define MAX_NODE_LABELS 80

enum { FORMAT_SVG = 1, FORMAT_PNG = 2 };

typedef struct {
    double r, g, b;
} rgb;

/* QuadClass 1..4 (Okabe-Ito, safe for colour-blind readers: the two
 * cooperations blues, the two conflicts orange and vermillion), then events
 * of no QuadClass. */
static const rgb QUAD_COLOUR[5] = {
    {86 / 255.0, 180 / 255.0, 233 / 255.0}, /* 1 verbal cooperation: sky blue */
    {0 / 255.0, 114 / 255.0, 178 / 255.0},  /* 2 material cooperation: blue */
    {230 / 255.0, 159 / 255.0, 0 / 255.0},  /* 3 verbal conflict: orange */
    {213 / 255.0, 94 / 255.0, 0 / 255.0},   /* 4 material conflict: vermillion */
    {0.74, 0.74, 0.74}                      /* none */
};
static const char *const QUAD_NAME[5] = {"verbal cooperation", "material cooperation",
                                         "verbal conflict", "material conflict", "no QuadClass"};
static const rgb INK = {0.13, 0.13, 0.13};
static const rgb GREY = {0.40, 0.40, 0.40};
static const rgb GRID = {0.90, 0.90, 0.90};

/* The diverging scale of mean Goldstein, -10 red through grey to +10 blue
 * (ColorBrewer RdBu's ends, a grey that shows on white in the middle). */
static const rgb GOLD_STOP[5] = {
    {178 / 255.0, 24 / 255.0, 43 / 255.0},   /* -10 */
    {239 / 255.0, 138 / 255.0, 98 / 255.0},  /* -5 */
    {0.62, 0.62, 0.62},                      /* 0 */
    {103 / 255.0, 169 / 255.0, 207 / 255.0}, /* +5 */
    {33 / 255.0, 102 / 255.0, 172 / 255.0}   /* +10 */
};

static rgb gold_colour(double g) {
    if (!isfinite(g)) g = 0;
    double t = (fmin(fmax(g, -10), 10) + 10) / 5; /* 0..4 */
    int i = (int)t;
    if (i > 3) i = 3;
    double f = t - i;
    rgb a = GOLD_STOP[i], b = GOLD_STOP[i + 1];
    return (rgb){a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

/* ---- The canvas: a cairo surface whose file is made in memory ----------- */

typedef struct {
    int format;       /* FORMAT_SVG or FORMAT_PNG */
    int w, h;         /* pixels */
    int compact;      /* too small for a subtitle, legend and axis titles */
    double k;         /* fonts, lines and margins against a 1000 x 600 picture */
    cairo_surface_t *surface;
    cairo_t *cr;
    buf out;          /* the file's bytes */
} canvas;

static int from_cairo(cairo_status_t s) {
    switch (s) {
    case CAIRO_STATUS_SUCCESS: return 0;
    case CAIRO_STATUS_NO_MEMORY: return DYAD_ENOMEM;
    case CAIRO_STATUS_WRITE_ERROR: return DYAD_EIO;
    default: return DYAD_EINVAL;
    }
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len) {
    buf *b = closure;
    dyad__buf_put(b, data, len);
    return b->oom ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* ".svg" or ".png" (any case) at the end of a file name, else 0. */
static int path_format(const char *path) {
    size_t n = strlen(path);
    if (n < 5 || path[n - 4] != '.' || path[n - 5] == '/') return 0;
    char e[3];
    for (int i = 0; i < 3; i++) e[i] = TO_LOWER(path[n - 3 + i]);
    if (!memcmp(e, "svg", 3)) return FORMAT_SVG;
    if (!memcmp(e, "png", 3)) return FORMAT_PNG;
    return 0;
}

/* The size and format O and PATH ask for: 0, or DYAD_EINVAL. */
static int plot_size(const dyad_plot_options *o, const char *path, int *w, int *h, int *format) {
    *w = o && o->width ? o->width : DEFAULT_WIDTH;
    *h = o && o->height ? o->height : DEFAULT_HEIGHT;
    *format = path_format(path);
    if (!*format) return DYAD_EINVAL;
    if (*w < DYAD_PLOT_MIN_SIDE || *w > DYAD_PLOT_MAX_SIDE || *h < DYAD_PLOT_MIN_SIDE ||
        *h > DYAD_PLOT_MAX_SIDE)
        return DYAD_EINVAL;
    return 0;
}

static int canvas_open(canvas *c, int w, int h, int format) {
    memset(c, 0, sizeof *c);
    c->format = format;
    c->w = w;
    c->h = h;
    /* fonts grow more slowly than the picture; tiny pictures keep legible text */
    c->k = fmin(fmax(sqrt(fmin(w / 1000.0, h / 600.0)), 0.5), 4.0);
    c->compact = w < 400 || h < 260;
    if (format == FORMAT_SVG) {
        c->surface = cairo_svg_surface_create_for_stream(to_buf, &c->out, w, h);
        if (cairo_surface_status(c->surface) == CAIRO_STATUS_SUCCESS)
            cairo_svg_surface_set_document_unit(c->surface, CAIRO_SVG_UNIT_PX);
    } else {
        c->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    }
    int rc = from_cairo(cairo_surface_status(c->surface));
    c->cr = cairo_create(c->surface); /* an inert context when the surface failed */
    if (!rc) rc = from_cairo(cairo_status(c->cr));
    if (rc) {
        cairo_destroy(c->cr);
        cairo_surface_destroy(c->surface);
        dyad__buf_free(&c->out);
        return rc;
    }
    /* unhinted metrics: text measures the same in SVG and PNG */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(c->cr, fo);
    cairo_font_options_destroy(fo);
    cairo_set_source_rgb(c->cr, 1, 1, 1);
    cairo_paint(c->cr);
    return 0;
}

/* S with &, <, > and " escaped, for an SVG element's text. */
static void xml_text(buf *b, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&': dyad__buf_puts(b, "&amp;"); break;
        case '<': dyad__buf_puts(b, "&lt;"); break;
        case '>': dyad__buf_puts(b, "&gt;"); break;
        case '"': dyad__buf_puts(b, "&quot;"); break;
        default: dyad__buf_putc(b, *s);
        }
    }
}

/* cairo draws text as glyph outlines: a <title> and <desc> after the <svg>
 * tag give the picture its words (for screen readers, search and tests). */
static int svg_add_title(buf *svg, const char *title, const char *desc) {
    const char *p = svg->p ? strstr(svg->p, "<svg") : NULL;
    const char *e = p ? strchr(p, '>') : NULL;
    if (!e) return DYAD_EINVAL;
    size_t head = (size_t)(e + 1 - svg->p);
    buf b = {0};
    dyad__buf_put(&b, svg->p, head);
    dyad__buf_puts(&b, "\n<title>");
    xml_text(&b, title);
    dyad__buf_puts(&b, "</title>\n<desc>");
    xml_text(&b, desc);
    dyad__buf_puts(&b, "</desc>");
    /* cairo numbers surfaces with a counter of the process ("surface451"):
       renumbered in order of appearance, the same rows give the same bytes */
    unsigned long seen[64];
    size_t nseen = 0;
    const char *q = svg->p + head, *end = svg->p + svg->n;
    while (q < end) {
        const char *hit = strstr(q, "surface");
        if (!hit) { dyad__buf_put(&b, q, (size_t)(end - q)); break; }
        hit += 7;
        dyad__buf_put(&b, q, (size_t)(hit - q));
        if (hit < end && IS_DIGIT(*hit)) {
            unsigned long id = 0;
            const char *d = hit;
            while (d < end && IS_DIGIT(*d) && d - hit < 18) id = id * 10 + (unsigned long)(*d++ - '0');
            size_t i = 0;
            while (i < nseen && seen[i] != id) i++;
            if (i == nseen && nseen < sizeof seen / sizeof seen[0]) seen[nseen++] = id;
            if (i < nseen) dyad__buf_printf(&b, "%zu", i + 1);
            else dyad__buf_put(&b, hit, (size_t)(d - hit)); /* more surfaces than any plot makes */
            hit = d;
        }
        q = hit;
    }
    if (b.oom) {
        dyad__buf_free(&b);
        return DYAD_ENOMEM;
    }
    dyad__buf_free(svg);
    *svg = b;
    return 0;
}

static int write_file(const char *path, const buf *b) {
    FILE *f = fopen(path, "wb");
    if (!f) return DYAD_EIO;
    int bad = fwrite(b->p, 1, b->n, f) != b->n;
    bad |= fflush(f) != 0;
    bad |= ferror(f) != 0;
    bad |= fclose(f) != 0;
    if (bad) {
        /* no half-written picture is left (but /dev/full is not removed) */
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) remove(path);
        return DYAD_EIO;
    }
    return 0;
}

/* Ends the picture: RC is what drawing gave (0, or an error that is passed
 * on); the file is written only when everything went well. */
static int canvas_close(canvas *c, int rc, const char *title, const char *desc, const char *path) {
    if (!rc) rc = from_cairo(cairo_status(c->cr));
    cairo_destroy(c->cr);
    if (!rc && c->format == FORMAT_PNG)
        rc = from_cairo(cairo_surface_write_to_png_stream(c->surface, to_buf, &c->out));
    cairo_surface_finish(c->surface); /* the SVG surface writes its document here */
    if (!rc) rc = from_cairo(cairo_surface_status(c->surface));
    cairo_surface_destroy(c->surface);
    if (!rc && c->out.oom) rc = DYAD_ENOMEM;
    if (!rc && c->format == FORMAT_SVG) rc = svg_add_title(&c->out, title, desc);
    if (!rc) rc = write_file(path, &c->out);
    dyad__buf_free(&c->out);
    return rc;
}

/* ---- Text ----------------------------------------------------------------- */

static size_t utf8_put(int32_t cp, char *out) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* S (any bytes; NULL is "") as a label in OUT (LABEL_CAP bytes): invalid
 * UTF-8 as U+FFFD, control characters as spaces, at most
 * DYAD_PLOT_LABEL_BYTES bytes, cut at a character with "…" after it. */
static void clean_label(const char *s, char *out) {
    size_t o = 0, n = s ? strlen(s) : 0;
    int cut = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += (size_t)dyad__utf8_decode(s + i, n - i, &cp);
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) cp = ' ';
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || (cp & 0xFFFE) == 0xFFFE) cp = 0xFFFD;
        char e[4];
        size_t len = utf8_put(cp, e);
        if (o + len > DYAD_PLOT_LABEL_BYTES) { cut = 1; break; }
        memcpy(out + o, e, len);
        o += len;
    }
    if (cut) { memcpy(out + o, "\xE2\x80\xA6", 3); o += 3; }
    out[o] = 0;
}

static void set_font(cairo_t *cr, double size, int bold) {
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Shortens the label S (LABEL_CAP bytes) at a character, with "…", until it
 * is at most MAXW wide in the current font. */
static void fit_label(cairo_t *cr, char *s, double maxw) {
    if (text_width(cr, s) <= maxw) return;
    size_t n = strlen(s);
    if (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\xA6", 3)) n -= 3;
    char t[LABEL_CAP];
    while (n > 0) {
        do n--; while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80);
        memcpy(t, s, n);
        memcpy(t + n, "\xE2\x80\xA6", 4);
        if (text_width(cr, t) <= maxw) break;
    }
    if (n == 0 && text_width(cr, "\xE2\x80\xA6") > maxw) { s[0] = 0; return; }
    memcpy(s, t, strlen(t) + 1);
}

/* Draws S so that (X, Y) is at fraction AX of its width (0 left, 1 right)
 * and fraction AY of its height (0 top, 1 bottom). */
static void draw_text(cairo_t *cr, const char *s, double x, double y, double ax, double ay) {
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    double asc = fe.ascent * 0.82; /* most glyphs stand lower than the font's ascent */
    cairo_move_to(cr, x - ax * text_width(cr, s), y + asc - ay * (asc + fe.descent));
    cairo_show_text(cr, s);
}

/* The same, rotated a quarter turn anticlockwise (reading upwards), centred
 * on (X, Y). */
static void draw_text_up(cairo_t *cr, const char *s, double x, double y) {
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, -M_PI / 2);
    draw_text(cr, s, 0, 0, 0.5, 0.5);
    cairo_restore(cr);
}

static void set_rgb(cairo_t *cr, rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

/* V >= 0 with thousands separated: "1,234,567". */
static void fmt_thousands(double v, char out[40]) {
    char t[32];
    snprintf(t, sizeof t, "%.0f", fmax(v, 0));
    size_t n = strlen(t), o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) out[o++] = ',';
        out[o++] = t[i];
    }
    out[o] = 0;
}

/* An axis count: "250", "9500", "12k", "1.5M". */
static void fmt_count(double v, char out[40]) {
    static const char *const SUFFIX[] = {"", "k", "M", "G", "T", "P", "E"};
    int i = 0;
    if (v < 10000) { snprintf(out, 40, "%.0f", v); return; }
    while (v >= 1000 && i < 6) { v /= 1000; i++; }
    snprintf(out, 40, v >= 100 ? "%.0f%s" : v >= 10 ? "%.1f%s" : "%.2f%s", v, SUFFIX[i]);
    /* 1.50M -> 1.5M, 20.0k -> 20k */
    char *p = strchr(out, '.');
    if (p) {
        size_t s = strlen(SUFFIX[i]), e = strlen(out) - s;
        while (e > 0 && out[e - 1] == '0') e--;
        if (e > 0 && out[e - 1] == '.') e--;
        memmove(out + e, SUFFIX[i], s + 1);
    }
}

/* A round step (1, 2 or 5 times a power of ten, at least 1) near X. */
static double nice_step(double x) {
    if (!(x > 1)) return 1;
    double e = pow(10, floor(log10(x)));
    double f = x / e;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * e;
}

static void title_block(canvas *c, const char *title, const char *subtitle, double *y) {
    cairo_t *cr = c->cr;
    double k = c->k;
    char t[LABEL_CAP];
    memcpy(t, title, strlen(title) + 1);
    set_font(cr, 18 * k, 1);
    fit_label(cr, t, c->w - 24 * k);
    set_rgb(cr, INK);
    draw_text(cr, t, c->w / 2.0, 14 * k, 0.5, 0);
    *y = 14 * k + 22 * k;
    if (subtitle[0] && !c->compact) {
        char s[LABEL_CAP];
        clean_label(subtitle, s);
        set_font(cr, 12 * k, 0);
        fit_label(cr, s, c->w - 24 * k);
        set_rgb(cr, GREY);
        draw_text(cr, s, c->w / 2.0, *y + 2 * k, 0.5, 0);
        *y += 18 * k;
    }
}

static void no_events(canvas *c, double top) {
    cairo_t *cr = c->cr;
    set_font(cr, 16 * c->k, 0);
    set_rgb(cr, GREY);
    draw_text(cr, "no events", c->w / 2.0, (top + c->h) / 2.0, 0.5, 0.5);
}

/* ---- Legend: swatches and line samples, in centred rows ------------------- */

typedef struct {
    int kind;        /* 0 a swatch, 1 a line, 2 a dashed line */
    rgb colour;
    char text[LABEL_CAP];
} legend_item;

static double legend_item_width(cairo_t *cr, const legend_item *it, double k) {
    return (it->kind ? 26 * k : 12 * k) + 6 * k + text_width(cr, it->text);
}

/* The legend's height when laid out within WIDTH; draws it from TOP when
 * DRAW. */
static double legend(canvas *c, const legend_item *items, int n, double width, double top, int draw) {
    cairo_t *cr = c->cr;
    double k = c->k, gap = 18 * k, row_h = 18 * k;
    set_font(cr, 11 * k, 0);
    int rows = 0;
    for (int i = 0; i < n;) {
        /* the items of this row */
        double w = legend_item_width(cr, &items[i], k);
        int j = i + 1;
        while (j < n && w + gap + legend_item_width(cr, &items[j], k) <= width) {
            w += gap + legend_item_width(cr, &items[j], k);
            j++;
        }
        if (draw) {
            double x = (c->w - w) / 2, y = top + rows * row_h + row_h / 2;
            for (int m = i; m < j; m++) {
                const legend_item *it = &items[m];
                if (it->kind == 0) {
                    set_rgb(cr, it->colour);
                    cairo_rectangle(cr, x, y - 6 * k, 12 * k, 12 * k);
                    cairo_fill(cr);
                    x += 12 * k;
                } else {
                    double lw = 2 * k;
                    double dash[2] = {5 * k, 3.5 * k};
                    cairo_set_line_width(cr, lw);
                    set_rgb(cr, it->colour);
                    if (it->kind == 2) cairo_set_dash(cr, dash, 2, 0);
                    cairo_move_to(cr, x, y);
                    cairo_line_to(cr, x + 26 * k, y);
                    cairo_stroke(cr);
                    cairo_set_dash(cr, NULL, 0, 0);
                    x += 26 * k;
                }
                set_rgb(cr, INK);
                draw_text(cr, it->text, x + 6 * k, y, 0, 0.5);
                x += 6 * k + text_width(cr, it->text) + gap;
            }
        }
        rows++;
        i = j;
    }
    return rows * row_h;
}

/* ---- Timeline ------------------------------------------------------------- */

/* One period and direction of the timeline. */
typedef struct {
    long long slot;       /* the period as a number: consecutive periods differ by 1 */
    int dir;              /* 0: A to B, 1: B to A */
    double quad[5];       /* events per QuadClass 1..4, then of none */
    double gold_sum;      /* mean Goldstein times events, summed */
    double gold_n;        /* the events the mean is of */
} tl_cell;

static long long floor_div(long long a, long long b) {
    long long q = a / b;
    if (a % b && (a < 0) != (b < 0)) q--;
    return q;
}

static long long monday_zero(void) { return dyad__date_days(1970, 1, 5); /* a Monday */ }

static long long slot_of_day(long long day, dyad_period by) {
    char d[11];
    switch (by) {
    case DYAD_BY_DAY: return day;
    case DYAD_BY_WEEK: return floor_div(day - monday_zero(), 7);
    case DYAD_BY_MONTH:
        dyad__date_format((int)day, d);
        return atoi(d) * 12LL + atoi(d + 5) - 1;
    case DYAD_BY_YEAR:
        dyad__date_format((int)day, d);
        return atoi(d);
    }
    return day;
}

static long long month_first_day(long long month) {
    long long y = floor_div(month, 12);
    return dyad__date_days((int)y, (int)(month - y * 12 + 1), 1);
}

static long long slot_first_day(long long slot, dyad_period by) {
    switch (by) {
    case DYAD_BY_DAY: return slot;
    case DYAD_BY_WEEK: return monday_zero() + slot * 7;
    case DYAD_BY_MONTH: return month_first_day(slot);
    case DYAD_BY_YEAR: return dyad__date_days((int)slot, 1, 1);
    }
    return slot;
}

static const char *const MONTH_NAME[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

enum { UNIT_DAY, UNIT_WEEK, UNIT_MONTH, UNIT_YEAR };

/* The label of a tick of UNIT at day DAY: "2024-07-24", "2024-W30" (ISO
 * week), "Jul 2024", "2024". */
static void tick_label(int unit, long long day, char out[24]) {
    char d[11];
    dyad__date_format((int)day, d);
    int y = atoi(d), m = atoi(d + 5);
    switch (unit) {
    case UNIT_DAY: snprintf(out, 24, "%s", d); break;
    case UNIT_WEEK: {
        /* ISO 8601, as dyad_store_timeline labels weeks */
        long long thu = monday_zero() + floor_div(day - monday_zero(), 7) * 7 + 3;
        char t[11];
        dyad__date_format((int)thu, t);
        int ty = atoi(t);
        int week = (int)((thu - dyad__date_days(ty, 1, 1)) / 7 + 1);
        snprintf(out, 24, "%04d-W%02d", ty % 10000, week % 100);
        break;
    }
    case UNIT_MONTH: snprintf(out, 24, "%s %d", MONTH_NAME[(m >= 1 && m <= 12) ? m - 1 : 0], y); break;
    default: snprintf(out, 24, "%d", y);
    }
}

static void period_label(dyad_period by, long long slot, char out[24]) {
    static const int UNIT[] = {UNIT_DAY, UNIT_WEEK, UNIT_MONTH, UNIT_YEAR};
    tick_label(UNIT[by], slot_first_day(slot, by), out);
}

typedef struct {
    long long slot;
    char label[24];
} tick;

/* The ticks of every K-th UNIT whose first day lies in slots S0..S1, at most
 * MAX_TICKS (then -1). */
static int ticks_of(dyad_period by, int unit, int k, long long s0, long long s1, tick *t) {
    long long d0 = slot_first_day(s0, by), d1 = slot_first_day(s1 + 1, by) - 1;
    int n = 0;
    long long v, last, day;
    switch (unit) {
    case UNIT_DAY: v = d0 + ((monday_zero() - d0) % k + k) % k; last = d1; break;
    case UNIT_WEEK: v = s0 + ((-s0) % k + k) % k; last = s1; break;
    case UNIT_MONTH: {
        long long m = slot_of_day(d0, DYAD_BY_MONTH);
        if (month_first_day(m) < d0) m++;
        v = m + ((-m) % k + k) % k;
        last = slot_of_day(d1, DYAD_BY_MONTH);
        break;
    }
    default: {
        long long y = slot_of_day(d0, DYAD_BY_YEAR);
        if (dyad__date_days((int)y, 1, 1) < d0) y++;
        v = y + ((-y) % k + k) % k;
        last = slot_of_day(d1, DYAD_BY_YEAR);
    }
    }
    for (; v <= last; v += k) {
        if (n == MAX_TICKS) return -1;
        day = unit == UNIT_DAY ? v : unit == UNIT_WEEK ? slot_first_day(v, by)
            : unit == UNIT_MONTH ? month_first_day(v) : dyad__date_days((int)v, 1, 1);
        t[n].slot = slot_of_day(day, by);
        tick_label(unit, day, t[n].label);
        n++;
    }
    return n;
}

/* Chooses the finest spacing of date ticks whose labels do not touch when a
 * slot is SLOT_PX wide; fills T and returns their number (at least one). */
static int date_ticks(cairo_t *cr, double k, dyad_period by, long long s0, long long s1, double slot_px,
                      tick *t) {
    typedef struct { int unit, k; } step;
    static const step DAY[] = {{UNIT_DAY, 1}, {UNIT_DAY, 2}, {UNIT_DAY, 7}, {UNIT_DAY, 14}, {UNIT_MONTH, 1},
                               {UNIT_MONTH, 2}, {UNIT_MONTH, 3}, {UNIT_MONTH, 6}},
                      WEEK[] = {{UNIT_WEEK, 1}, {UNIT_WEEK, 2}, {UNIT_WEEK, 4}, {UNIT_MONTH, 3}, {UNIT_MONTH, 6}},
                      MONTH[] = {{UNIT_MONTH, 1}, {UNIT_MONTH, 2}, {UNIT_MONTH, 3}, {UNIT_MONTH, 6}};
    static const int YEARS[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
    step cand[40];
    int nc = 0;
    const step *fine = by == DYAD_BY_DAY ? DAY : by == DYAD_BY_WEEK ? WEEK : MONTH;
    int nfine = by == DYAD_BY_DAY ? 8 : by == DYAD_BY_WEEK ? 5 : by == DYAD_BY_MONTH ? 4 : 0;
    for (int i = 0; i < nfine; i++) cand[nc++] = fine[i];
    for (size_t i = 0; i < sizeof YEARS / sizeof YEARS[0]; i++) cand[nc++] = (step){UNIT_YEAR, YEARS[i]};
    double pad = 14 * k;
    for (int c = 0; c < nc; c++) {
        int n = ticks_of(by, cand[c].unit, cand[c].k, s0, s1, t);
        if (n <= 0) continue;
        int fits = 1;
        for (int i = 1; i < n && fits; i++) {
            double half = (text_width(cr, t[i - 1].label) + text_width(cr, t[i].label)) / 2;
            if ((double)(t[i].slot - t[i - 1].slot) * slot_px < half + pad) fits = 0;
        }
        if (fits) return n;
    }
    t[0].slot = s0;
    period_label(by, s0, t[0].label);
    return 1;
}

static int cmp_cell(const void *pa, const void *pb) {
    const tl_cell *a = pa, *b = pb;
    if (a->dir != b->dir) return a->dir - b->dir;
    return a->slot < b->slot ? -1 : a->slot > b->slot;
}

static double cell_total(const tl_cell *c) {
    return c->quad[0] + c->quad[1] + c->quad[2] + c->quad[3] + c->quad[4];
}

/* Rows to cells, sorted by direction then period, one per period and
 * direction (rows of the same are added). */
static int timeline_cells(const dyad_timeline_row *rows, size_t n, dyad_period by, tl_cell **out,
                          size_t *count) {
    *out = NULL;
    *count = 0;
    if (!n) return 0;
    tl_cell *c = dyad__xrealloc_array(NULL, n, sizeof *c);
    if (!c) return DYAD_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const dyad_timeline_row *r = &rows[i];
        int y, m, d;
        if (!memchr(r->start, 0, sizeof r->start) || dyad_date_parse(r->start, &y, &m, &d) ||
            (r->direction != 0 && r->direction != 1) || r->events < 0) {
            free(c);
            return DYAD_EINVAL;
        }
        memset(&c[i], 0, sizeof c[i]);
        c[i].slot = slot_of_day(dyad__date_days(y, m, d), by);
        c[i].dir = r->direction;
        double classified = 0;
        for (int q = 0; q < 4; q++) {
            if (r->quad[q] < 0) { free(c); return DYAD_EINVAL; }
            c[i].quad[q] = (double)r->quad[q];
            classified += (double)r->quad[q];
        }
        if ((double)r->events > classified) c[i].quad[4] = (double)r->events - classified;
        if (r->events > 0 && isfinite(r->goldstein_mean)) {
            c[i].gold_sum = fmin(fmax(r->goldstein_mean, -10), 10) * (double)r->events;
            c[i].gold_n = (double)r->events;
        }
    }
    qsort(c, n, sizeof *c, cmp_cell);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (o && c[o - 1].slot == c[i].slot && c[o - 1].dir == c[i].dir) {
            for (int q = 0; q < 5; q++) c[o - 1].quad[q] += c[i].quad[q];
            c[o - 1].gold_sum += c[i].gold_sum;
            c[o - 1].gold_n += c[i].gold_n;
        } else {
            c[o++] = c[i];
        }
    }
    *out = c;
    *count = o;
    return 0;
}

typedef struct {
    double left, slot_px;
    long long s0;
} xmap;

static double slot_x(const xmap *m, long long slot) {
    return m->left + ((double)(slot - m->s0) + 0.5) * m->slot_px;
}

/* The mean Goldstein line of direction DIR: solid for A to B, dashed for B
 * to A, white under it so that it shows on the bars; a gap where a period
 * has no events. */
static void goldstein_line(cairo_t *cr, const tl_cell *c, size_t n, int dir, double k, const xmap *xm,
                           double y0, double gscale, int pass) {
    double slot_px = xm->slot_px;
    double dash[2] = {6 * k, 4 * k};
    int open = 0;
    long long prev = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i].dir != dir || c[i].gold_n <= 0) { open = 0; continue; }
        double x = slot_x(xm, c[i].slot), y = y0 - c[i].gold_sum / c[i].gold_n * gscale;
        if (open && c[i].slot == prev + 1) cairo_line_to(cr, x, y);
        else cairo_move_to(cr, x, y);
        open = 1;
        prev = c[i].slot;
    }
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, pass == 0 ? 4.5 * k : 2 * k);
    if (pass == 0) cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    else set_rgb(cr, INK);
    if (dir) cairo_set_dash(cr, dash, 2, 0);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    /* markers where the periods are wide enough, and on every lone point */
    for (size_t i = 0; i < n; i++) {
        if (c[i].dir != dir || c[i].gold_n <= 0) continue;
        int lone = !(i > 0 && c[i - 1].dir == dir && c[i - 1].gold_n > 0 && c[i - 1].slot == c[i].slot - 1) &&
                   !(i + 1 < n && c[i + 1].dir == dir && c[i + 1].gold_n > 0 && c[i + 1].slot == c[i].slot + 1);
        if (!lone && slot_px < 12 * k) continue;
        double x = slot_x(xm, c[i].slot), y = y0 - c[i].gold_sum / c[i].gold_n * gscale;
        double r = (pass == 0 ? 4.2 : 3) * k;
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        if (pass == 0) {
            cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
            cairo_fill(cr);
        } else if (dir == 0) {
            set_rgb(cr, INK);
            cairo_fill(cr);
        } else {
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_fill_preserve(cr);
            set_rgb(cr, INK);
            cairo_set_line_width(cr, 1.5 * k);
            cairo_stroke(cr);
        }
    }
}

static const char *const PERIOD_NAME[] = {"day", "week", "month", "year"};

int dyad_plot_timeline(const char *a, const char *b, dyad_period by, const dyad_timeline_row *rows, size_t n,
                       const dyad_plot_options *o, const char *path) {
    if (!a || !b || !path || (n && !rows) || (int)by < DYAD_BY_DAY || (int)by > DYAD_BY_YEAR) return DYAD_EINVAL;
    int w, h, format;
    int rc = plot_size(o, path, &w, &h, &format);
    if (rc) return rc;
    tl_cell *cells;
    size_t nc;
    rc = timeline_cells(rows, n, by, &cells, &nc);
    if (rc) return rc;
    canvas cv;
    rc = canvas_open(&cv, w, h, format);
    if (rc) { free(cells); return rc; }
    cairo_t *cr = cv.cr;
    double k = cv.k;

    char ca[LABEL_CAP], cb[LABEL_CAP], title[LABEL_CAP], sub[LABEL_CAP * 4 + 200];
    clean_label(a, ca);
    clean_label(b, cb);
    if (o && o->title) clean_label(o->title, title);
    else {
        char t[LABEL_CAP * 3];
        snprintf(t, sizeof t, "%s and %s, events by %s", ca, cb, PERIOD_NAME[by]);
        clean_label(t, title);
    }
    /* the span and totals: "2011-03 to 2024-07: 1,234 events (TUR → SYR 1,000, SYR → TUR 234)" */
    long long s0 = 0, s1 = 0;
    double total[2] = {0, 0}, top_up = 0, top_down = 0;
    int has_none = 0;
    for (size_t i = 0; i < nc; i++) {
        if (!i || cells[i].slot < s0) s0 = cells[i].slot;
        if (!i || cells[i].slot > s1) s1 = cells[i].slot;
        double t = cell_total(&cells[i]);
        total[cells[i].dir] += t;
        if (cells[i].dir == 0) top_up = fmax(top_up, t);
        else top_down = fmax(top_down, t);
        if (cells[i].quad[4] > 0) has_none = 1;
    }
    sub[0] = 0;
    if (nc) {
        char p0[24], p1[24], all[40], t0[40], t1[40];
        period_label(by, s0, p0);
        period_label(by, s1, p1);
        fmt_thousands(total[0] + total[1], all);
        fmt_thousands(total[0], t0);
        fmt_thousands(total[1], t1);
        if (s0 == s1)
            snprintf(sub, sizeof sub, "%s: %s events (%s \xE2\x86\x92 %s %s, %s \xE2\x86\x92 %s %s)", p0, all, ca,
                     cb, t0, cb, ca, t1);
        else
            snprintf(sub, sizeof sub, "%s to %s: %s events (%s \xE2\x86\x92 %s %s, %s \xE2\x86\x92 %s %s)", p0, p1,
                     all, ca, cb, t0, cb, ca, t1);
    }
    double y;
    title_block(&cv, title, sub, &y);
    if (!nc) {
        no_events(&cv, y);
        rc = canvas_close(&cv, 0, title, "no events", path);
        free(cells);
        return rc;
    }

    /* the legend at the bottom */
    legend_item items[7];
    int ni = 0;
    for (int q = 0; q < 5; q++) {
        if (q == 4 && !has_none) break;
        items[ni].kind = 0;
        items[ni].colour = QUAD_COLOUR[q];
        snprintf(items[ni++].text, LABEL_CAP, "%s", QUAD_NAME[q]);
    }
    char la[LABEL_CAP], lb[LABEL_CAP];
    /* the codes at most 24 bytes here, so that the legend keeps its shape */
    memcpy(la, ca, LABEL_CAP);
    memcpy(lb, cb, LABEL_CAP);
    set_font(cr, 11 * k, 0);
    fit_label(cr, la, 120 * k);
    fit_label(cr, lb, 120 * k);
    items[ni].kind = 1;
    items[ni].colour = INK;
    snprintf(items[ni++].text, LABEL_CAP, "mean Goldstein, %.90s \xE2\x86\x92 %.90s", la, lb);
    items[ni].kind = 2;
    items[ni].colour = INK;
    snprintf(items[ni++].text, LABEL_CAP, "mean Goldstein, %.90s \xE2\x86\x92 %.90s", lb, la);
    double margin = 16 * k;
    double leg_h = cv.compact ? 0 : legend(&cv, items, ni, w - 2 * margin, 0, 0);
    double axis_title = cv.compact ? 0 : 22 * k; /* room for the rotated axis titles */
    double leg_top = h - 10 * k - leg_h;

    /* the count axis: symmetric about the zero line, A to B up, B to A down */
    double plot_top = y + 12 * k, plot_bottom = leg_top - 32 * k;
    double ph = fmax(plot_bottom - plot_top, 2);
    int per_half = (int)fmin(fmax(floor(ph / 2 / (34 * k)), 1), 5);
    double peak = fmax(fmax(top_up, top_down), 1);
    double step = nice_step(peak / per_half);
    double count_top = ceil(peak / step - 1e-9) * step;
    char lab[40];
    set_font(cr, 11 * k, 0);
    fmt_count(count_top, lab);
    double count_w = text_width(cr, lab);
    double gold_w = text_width(cr, "\xE2\x88\x92" "10");
    double left = margin + axis_title + count_w + 6 * k;
    double right = w - (margin + axis_title + gold_w + 6 * k);
    double pw = fmax(right - left, 2);
    right = left + pw;
    double y0 = plot_top + ph / 2, cscale = ph / 2 / count_top, gscale = ph / 2 / 10;
    long long nslots = s1 - s0 + 1;
    xmap xm = {left, pw / (double)nslots, s0};

    /* gridlines at the count ticks */
    cairo_set_line_width(cr, 1);
    set_rgb(cr, GRID);
    for (double v = step; v <= count_top * (1 + 1e-9); v += step) {
        double yy[2] = {y0 - v * cscale, y0 + v * cscale};
        for (int s = 0; s < 2; s++) {
            double py = floor(yy[s]) + 0.5;
            cairo_move_to(cr, left, py);
            cairo_line_to(cr, right, py);
        }
    }
    cairo_stroke(cr);

    /* the bars: one path per QuadClass, stacked outwards from the zero line */
    double bw = xm.slot_px >= 3 ? xm.slot_px * 0.78 : xm.slot_px;
    bw = fmax(fmin(bw, 64 * k), 1); /* a period of events shows, however many periods */
    int crisp = xm.slot_px >= 4;
    for (int q = 0; q < 5; q++) {
        int any = 0;
        for (size_t i = 0; i < nc; i++) {
            const tl_cell *c = &cells[i];
            if (c->quad[q] <= 0) continue;
            double below = 0;
            for (int p = 0; p < q; p++) below += c->quad[p];
            double xc = slot_x(&xm, c->slot), x0 = xc - bw / 2, x1 = xc + bw / 2;
            if (crisp) { x0 = round(x0); x1 = fmax(round(x1), x0 + 1); }
            double ya = below * cscale, yb = (below + c->quad[q]) * cscale;
            if (c->dir == 0) cairo_rectangle(cr, x0, y0 - yb, x1 - x0, yb - ya);
            else cairo_rectangle(cr, x0, y0 + ya, x1 - x0, yb - ya);
            any = 1;
        }
        if (any) {
            set_rgb(cr, QUAD_COLOUR[q]);
            cairo_fill(cr);
        }
    }

    /* axes: the zero line, the count axis on the left, Goldstein's on the right */
    set_rgb(cr, INK);
    cairo_set_line_width(cr, 1);
    double zy = floor(y0) + 0.5;
    cairo_move_to(cr, left, zy);
    cairo_line_to(cr, right, zy);
    cairo_move_to(cr, floor(left) + 0.5, plot_top);
    cairo_line_to(cr, floor(left) + 0.5, plot_top + ph);
    cairo_move_to(cr, floor(right) + 0.5, plot_top);
    cairo_line_to(cr, floor(right) + 0.5, plot_top + ph);
    cairo_move_to(cr, left, floor(plot_top + ph) + 0.5);
    cairo_line_to(cr, right, floor(plot_top + ph) + 0.5);
    cairo_stroke(cr);
    set_font(cr, 11 * k, 0);
    cairo_set_line_width(cr, 1);
    for (double v = 0; v <= count_top * (1 + 1e-9); v += step) {
        fmt_count(v, lab);
        for (int s = 0; s < (v > 0 ? 2 : 1); s++) {
            double py = s ? y0 + v * cscale : y0 - v * cscale;
            set_rgb(cr, INK);
            cairo_move_to(cr, floor(left) + 0.5, floor(py) + 0.5);
            cairo_line_to(cr, floor(left) + 0.5 - 4 * k, floor(py) + 0.5);
            cairo_stroke(cr);
            set_rgb(cr, GREY);
            draw_text(cr, lab, left - 6 * k, py, 1, 0.5);
        }
    }
    static const char *const GOLD_TICK[] = {"\xE2\x88\x92" "10", "\xE2\x88\x92" "5", "0", "+5", "+10"};
    for (int i = 0; i < 5; i++) {
        double py = y0 - (i * 5 - 10) * gscale;
        set_rgb(cr, INK);
        cairo_move_to(cr, floor(right) + 0.5, floor(py) + 0.5);
        cairo_line_to(cr, floor(right) + 0.5 + 4 * k, floor(py) + 0.5);
        cairo_stroke(cr);
        set_rgb(cr, GREY);
        draw_text(cr, GOLD_TICK[i], right + 6 * k, py, 0, 0.5);
    }
    /* axis titles, reading upwards: "events, A → B" over the zero line,
       "events, B → A" under it, "mean Goldstein" on the right */
    char at[LABEL_CAP * 2 + 16];
    set_font(cr, 12 * k, 0);
    set_rgb(cr, INK);
    for (int dir = 0; dir < 2; dir++) {
        char t[LABEL_CAP];
        snprintf(at, sizeof at, "events, %s \xE2\x86\x92 %s", dir ? cb : ca, dir ? ca : cb);
        clean_label(at, t);
        fit_label(cr, t, ph / 2 - 6 * k);
        if (!cv.compact) draw_text_up(cr, t, margin + 7 * k, dir ? y0 + ph / 4 : y0 - ph / 4);
    }
    if (!cv.compact) draw_text_up(cr, "mean Goldstein", w - margin - 7 * k, y0);

    /* the date axis */
    tick *ticks = dyad__xrealloc_array(NULL, MAX_TICKS, sizeof *ticks);
    if (!ticks) {
        free(cells);
        return canvas_close(&cv, DYAD_ENOMEM, title, sub, path);
    }
    set_font(cr, 11 * k, 0);
    int nt = date_ticks(cr, k, by, s0, s1, xm.slot_px, ticks);
    double last_right = -1e9;
    for (int i = 0; i < nt; i++) {
        double x = slot_x(&xm, ticks[i].slot), tw = text_width(cr, ticks[i].label);
        double lx = fmin(fmax(x - tw / 2, 2), w - 2 - tw);
        if (lx < last_right + 6 * k) continue; /* never overlap, whatever the spacing chosen */
        last_right = lx + tw;
        set_rgb(cr, INK);
        cairo_move_to(cr, floor(x) + 0.5, plot_top + ph);
        cairo_line_to(cr, floor(x) + 0.5, plot_top + ph + 4 * k);
        cairo_stroke(cr);
        set_rgb(cr, GREY);
        draw_text(cr, ticks[i].label, lx, plot_top + ph + 7 * k, 0, 0);
    }
    free(ticks);

    /* mean Goldstein: halos first, then the lines */
    for (int pass = 0; pass < 2; pass++)
        for (int dir = 1; dir >= 0; dir--)
            goldstein_line(cr, cells, nc, dir, k, &xm, y0, gscale, pass);

    if (!cv.compact) legend(&cv, items, ni, w - 2 * margin, leg_top, 1);
    rc = canvas_close(&cv, 0, title, sub, path);
    free(cells);
    return rc;
}

/* ---- Network -------------------------------------------------------------- */

typedef struct {
    const char *code;
    double weight;       /* events in and out */
    double x, y, r, angle;
} nw_node;

typedef struct {
    size_t s, t;
    double events, gold_sum, gold_n;
} nw_edge;

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_edge_pair(const void *pa, const void *pb) {
    const nw_edge *a = pa, *b = pb;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    return a->t < b->t ? -1 : a->t > b->t;
}

/* Heaviest first, so that thin edges are drawn over thick ones. */
static int cmp_edge_draw(const void *pa, const void *pb) {
    const nw_edge *a = pa, *b = pb;
    if (a->events != b->events) return a->events > b->events ? -1 : 1;
    return cmp_edge_pair(pa, pb);
}

static size_t node_index(const char *const *codes, size_t n, const char *code) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(codes[mid], code);
        if (c == 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return n;
}

/* A filled arrowhead with its tip at (X, Y) pointing along (UX, UY). */
static void arrowhead(cairo_t *cr, double x, double y, double ux, double uy, double len, double half) {
    double bx = x - ux * len, by = y - uy * len;
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, bx - uy * half, by + ux * half);
    cairo_line_to(cr, bx + uy * half, by - ux * half);
    cairo_close_path(cr);
    cairo_fill(cr);
}

/* An edge of EVENTS when the busiest has EMAX: WMAX wide for EMAX, by the
 * square root below it (the area of a long thin shape reads as its width),
 * never thinner than a pixel. */
static double edge_width(double events, double emax, double wmax, double k) {
    double wmin = fmin(fmax(1, 1.2 * k), wmax);
    return fmax(wmin, wmax * sqrt(events / emax));
}

/* Draws edge E: a curve bending to its right (so that A to B and B to A are
 * two arcs), ending in an arrowhead at the target; a loop for an actor to
 * itself.  Edges, and only edges, are stroked with round caps (tests/plot.c
 * counts them by that in the SVG). */
static void draw_edge(cairo_t *cr, const nw_edge *e, const nw_node *nodes, double cx, double cy, double emax,
                      double wmax, double k) {
    const nw_node *s = &nodes[e->s], *t = &nodes[e->t];
    double lw = edge_width(e->events, emax, wmax, k);
    rgb col = gold_colour(e->gold_n > 0 ? e->gold_sum / e->gold_n : 0);
    set_rgb(cr, col);
    cairo_set_line_width(cr, lw);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    if (e->s == e->t) {
        double ux = s->x - cx, uy = s->y - cy, d = hypot(ux, uy);
        if (d < 1e-9) { ux = 0; uy = -1; } else { ux /= d; uy /= d; }
        double lr = s->r * 0.8 + 6 * k;
        cairo_new_sub_path(cr);
        cairo_arc(cr, s->x + ux * (s->r + lr * 0.6), s->y + uy * (s->r + lr * 0.6), lr, 0, 2 * M_PI);
        cairo_stroke(cr);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        return;
    }
    double dx = t->x - s->x, dy = t->y - s->y, dist = hypot(dx, dy);
    if (dist < 1e-9) dist = 1e-9;
    /* the control point, off the midpoint to the right of the direction */
    double qx = (s->x + t->x) / 2 - dy / dist * 0.14 * dist, qy = (s->y + t->y) / 2 + dx / dist * 0.14 * dist;
    double u0x = qx - s->x, u0y = qy - s->y, u0 = hypot(u0x, u0y);
    double u1x = qx - t->x, u1y = qy - t->y, u1 = hypot(u1x, u1y);
    u0x /= u0; u0y /= u0; u1x /= u1; u1y /= u1;
    double gap = 2 * k;
    double len = fmax(8 * k, 1.1 * lw + 6 * k), half = fmax(3.5 * k, 0.75 * lw + 3 * k);
    double px = s->x + u0x * (s->r + gap), py = s->y + u0y * (s->r + gap);
    double tipx = t->x + u1x * (t->r + gap), tipy = t->y + u1y * (t->r + gap);
    double ex = tipx + u1x * len * 0.9, ey = tipy + u1y * len * 0.9;
    /* the quadratic P Q E as a cubic */
    cairo_move_to(cr, px, py);
    cairo_curve_to(cr, px + 2.0 / 3 * (qx - px), py + 2.0 / 3 * (qy - py), ex + 2.0 / 3 * (qx - ex),
                   ey + 2.0 / 3 * (qy - ey), ex, ey);
    cairo_stroke(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    arrowhead(cr, tipx, tipy, -u1x, -u1y, len, half);
}

/* The colour scale and the widths, in a column from (X, Y), WIDTH wide. */
static void network_legend(canvas *c, double x, double y, double width, double emax, double emin, double wmax) {
    cairo_t *cr = c->cr;
    double k = c->k;
    set_font(cr, 12 * k, 1);
    set_rgb(cr, INK);
    draw_text(cr, "mean Goldstein", x, y, 0, 0);
    y += 22 * k;
    cairo_pattern_t *g = cairo_pattern_create_linear(x, 0, x + width, 0);
    for (int i = 0; i < 5; i++) cairo_pattern_add_color_stop_rgb(g, i / 4.0, GOLD_STOP[i].r, GOLD_STOP[i].g, GOLD_STOP[i].b);
    cairo_rectangle(cr, x, y, width, 12 * k);
    cairo_set_source(cr, g);
    cairo_fill(cr);
    cairo_pattern_destroy(g);
    set_font(cr, 11 * k, 0);
    static const char *const TICK[] = {"\xE2\x88\x92" "10", "\xE2\x88\x92" "5", "0", "+5", "+10"};
    for (int i = 0; i < 5; i++) {
        double tx = x + width * i / 4.0;
        set_rgb(cr, INK);
        cairo_set_line_width(cr, 1);
        cairo_move_to(cr, floor(tx) + 0.5, y + 12 * k);
        cairo_line_to(cr, floor(tx) + 0.5, y + 16 * k);
        cairo_stroke(cr);
        set_rgb(cr, GREY);
        if (i % 2 == 0) draw_text(cr, TICK[i], tx, y + 18 * k, i == 0 ? 0.2 : i == 4 ? 0.8 : 0.5, 0);
    }
    y += 34 * k;
    set_font(cr, 10 * k, 0);
    set_rgb(cr, GREY);
    draw_text(cr, "conflict", x, y, 0, 0);
    draw_text(cr, "cooperation", x + width, y, 1, 0);
    y += 32 * k;
    set_font(cr, 12 * k, 1);
    set_rgb(cr, INK);
    draw_text(cr, "events", x, y, 0, 0);
    y += 24 * k;
    /* samples: the largest, a round value between, the smallest */
    double v[3] = {emax, nice_step(emax / 4), emin};
    if (v[1] >= emax || v[1] <= emin) v[1] = -1;
    set_font(cr, 11 * k, 0);
    for (int i = 0; i < 3; i++) {
        if (v[i] <= 0 || (i == 2 && v[2] >= emax)) continue;
        double lw = edge_width(v[i], emax, wmax, k), len = fmax(8 * k, 1.1 * lw + 6 * k);
        double half = fmax(3.5 * k, 0.75 * lw + 3 * k), row = fmax(2 * half, 14 * k) + 8 * k;
        double ly = y + row / 2, x1 = x + 44 * k;
        set_rgb(cr, GREY);
        cairo_set_line_width(cr, lw);
        cairo_move_to(cr, x, ly);
        cairo_line_to(cr, x1 - len * 0.9, ly);
        cairo_stroke(cr);
        arrowhead(cr, x1, ly, 1, 0, len, half);
        char lab[40];
        fmt_thousands(v[i], lab);
        set_rgb(cr, INK);
        draw_text(cr, lab, x1 + 8 * k, ly, 0, 0.5);
        y += row;
    }
}

int dyad_plot_network(const dyad_dyad_row *rows, size_t n, const dyad_plot_options *o, const char *path) {
    if (!path || (n && !rows)) return DYAD_EINVAL;
    int w, h, format;
    int rc = plot_size(o, path, &w, &h, &format);
    if (rc) return rc;
    for (size_t i = 0; i < n; i++)
        if (!rows[i].source || !rows[i].target || rows[i].events < 0) return DYAD_EINVAL;
    if (n > ((size_t)-1) / 2 / sizeof(nw_node)) return DYAD_ENOMEM;

    /* the actors, in code order; the edges with events, one per direction */
    const char **codes = dyad__xrealloc_array(NULL, 2 * n + 1, sizeof *codes);
    nw_edge *edges = dyad__xrealloc_array(NULL, n + 1, sizeof *edges);
    nw_node *nodes = dyad__xrealloc_array(NULL, 2 * n + 1, sizeof *nodes);
    if (!codes || !edges || !nodes) {
        free(codes); free(edges); free(nodes);
        return DYAD_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        codes[2 * i] = rows[i].source;
        codes[2 * i + 1] = rows[i].target;
    }
    qsort(codes, 2 * n, sizeof *codes, cmp_str);
    size_t nn = 0;
    for (size_t i = 0; i < 2 * n; i++)
        if (!nn || strcmp(codes[nn - 1], codes[i])) codes[nn++] = codes[i];
    size_t ne = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].events <= 0) continue;
        nw_edge *e = &edges[ne++];
        e->s = node_index(codes, nn, rows[i].source);
        e->t = node_index(codes, nn, rows[i].target);
        e->events = (double)rows[i].events;
        int known = isfinite(rows[i].goldstein_mean);
        e->gold_sum = known ? fmin(fmax(rows[i].goldstein_mean, -10), 10) * e->events : 0;
        e->gold_n = known ? e->events : 0;
    }
    qsort(edges, ne, sizeof *edges, cmp_edge_pair);
    size_t m = 0;
    for (size_t i = 0; i < ne; i++) {
        if (m && edges[m - 1].s == edges[i].s && edges[m - 1].t == edges[i].t) {
            edges[m - 1].events += edges[i].events;
            edges[m - 1].gold_sum += edges[i].gold_sum;
            edges[m - 1].gold_n += edges[i].gold_n;
        } else {
            edges[m++] = edges[i];
        }
    }
    ne = m;
    qsort(edges, ne, sizeof *edges, cmp_edge_draw);
    double total = 0, emax = 0, emin = 0;
    memset(nodes, 0, (nn + 1) * sizeof *nodes);
    for (size_t i = 0; i < nn; i++) nodes[i].code = codes[i];
    for (size_t i = 0; i < ne; i++) {
        total += edges[i].events;
        emax = fmax(emax, edges[i].events);
        emin = i ? fmin(emin, edges[i].events) : edges[i].events;
        nodes[edges[i].s].weight += edges[i].events;
        if (edges[i].t != edges[i].s) nodes[edges[i].t].weight += edges[i].events;
    }

    canvas cv;
    rc = canvas_open(&cv, w, h, format);
    if (rc) {
        free(codes); free(edges); free(nodes);
        return rc;
    }
    cairo_t *cr = cv.cr;
    double k = cv.k;
    char title[LABEL_CAP], sub[LABEL_CAP];
    char t[LABEL_CAP * 2];
    if (o && o->title) clean_label(o->title, title);
    else {
        snprintf(t, sizeof t, "Event network: %zu actor%s, %zu dyad%s", nn, nn == 1 ? "" : "s", ne,
                 ne == 1 ? "" : "s");
        clean_label(t, title);
    }
    sub[0] = 0;
    if (ne) {
        char all[40];
        fmt_thousands(total, all);
        snprintf(t, sizeof t, "%s events; arrows from source to target, width by events, colour by mean Goldstein",
                 all);
        clean_label(t, sub);
    }
    double y;
    title_block(&cv, title, sub, &y);
    if (!ne) {
        no_events(&cv, y);
        rc = canvas_close(&cv, 0, title, "no events", path);
        free(codes); free(edges); free(nodes);
        return rc;
    }

    /* the circle on the left, the legend in a column on the right */
    double margin = 16 * k, leg_w = 150 * k;
    int has_legend = !cv.compact && w - leg_w - 2 * margin >= w * 0.55;
    double area_l = margin, area_r = has_legend ? w - leg_w - 2 * margin : w - margin;
    double area_t = y + 8 * k, area_b = h - margin;
    double aw = fmax(area_r - area_l, 10), ah = fmax(area_b - area_t, 10);
    double cx = area_l + aw / 2, cy = area_t + ah / 2;

    /* labels: every actor while they fit round the circle, else the busiest */
    double font = 11 * k;
    double weight_max = 0;
    for (size_t i = 0; i < nn; i++) weight_max = fmax(weight_max, nodes[i].weight);
    size_t *order = dyad__xrealloc_array(NULL, nn + 1, sizeof *order);
    if (!order) {
        free(codes); free(edges); free(nodes);
        return canvas_close(&cv, DYAD_ENOMEM, title, sub, path);
    }
    for (size_t i = 0; i < nn; i++) order[i] = i;
    size_t nlab = nn;
    double rmax = 14 * k, rmin = 4 * k;
    double label_w_cap = fmin(aw, ah) * 0.22;
    double R = 0;
    for (int pass = 0; pass < 2; pass++) {
        set_font(cr, font, 0);
        double lw = 0;
        for (size_t i = 0; i < nn; i++) {
            char lab[LABEL_CAP];
            clean_label(nodes[i].code[0] ? nodes[i].code : "(none)", lab);
            lw = fmax(lw, fmin(text_width(cr, lab), label_w_cap));
        }
        R = fmin(aw / 2 - lw - 8 * k, ah / 2 - font * 1.4 - 6 * k) - rmax;
        if (R < 10 * k) R = 10 * k;
        double spacing = nn > 1 ? 2 * M_PI * R / (double)nn : 1e9;
        if (spacing / 1.25 >= font || pass) break;
        font = fmax(spacing / 1.25, 7 * k);
    }
    double spacing = nn > 1 ? 2 * M_PI * R / (double)nn : 1e9;
    rmax = fmin(rmax, fmax(spacing * 0.4, 1.5));
    rmin = fmin(rmin, rmax);
    if (nn > MAX_NODE_LABELS || spacing < font * 1.25)
        nlab = (size_t)fmax(fmin(MAX_NODE_LABELS, floor(2 * M_PI * R / (font * 1.25))), 1);
    /* the NLAB heaviest actors get labels, drawn heaviest first (ties by
       code): a selection sort of at most MAX_NODE_LABELS */
    for (size_t i = 0; i < nlab && i < nn; i++) {
        size_t best = i;
        for (size_t j = i + 1; j < nn; j++) {
            const nw_node *a = &nodes[order[j]], *b = &nodes[order[best]];
            if (a->weight > b->weight || (a->weight == b->weight && order[j] < order[best])) best = j;
        }
        size_t tmp = order[i];
        order[i] = order[best];
        order[best] = tmp;
    }
    double start = nn == 2 ? M_PI : -M_PI / 2;
    for (size_t i = 0; i < nn; i++) {
        nw_node *d = &nodes[i];
        d->angle = start + 2 * M_PI * (double)i / (double)nn;
        d->x = nn == 1 ? cx : cx + R * cos(d->angle);
        d->y = nn == 1 ? cy : cy + R * sin(d->angle);
        d->r = rmin + (rmax - rmin) * (weight_max > 0 ? sqrt(d->weight / weight_max) : 0);
    }

    /* edges no wider than the room between two actors */
    double wmax = fmin(14 * k, fmax(spacing * 0.45, 1.5));
    for (size_t i = 0; i < ne; i++) draw_edge(cr, &edges[i], nodes, cx, cy, emax, wmax, k);
    for (size_t i = 0; i < nn; i++) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, nodes[i].x, nodes[i].y, nodes[i].r, 0, 2 * M_PI);
    }
    cairo_set_source_rgb(cr, 0.30, 0.30, 0.30);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, fmin(1.5 * k, rmax * 0.3));
    cairo_stroke(cr);
    /* labels outside the circle, the busiest first; one that would touch a
       label already drawn is left out */
    set_font(cr, font, 0);
    double boxes[MAX_NODE_LABELS][4];
    size_t nbox = 0;
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    for (size_t i = 0; i < nlab && i < nn && nbox < MAX_NODE_LABELS; i++) {
        const nw_node *d = &nodes[order[i]];
        char lab[LABEL_CAP];
        clean_label(d->code[0] ? d->code : "(none)", lab);
        fit_label(cr, lab, label_w_cap);
        double ca = nn == 1 ? 0 : cos(d->angle), sa = nn == 1 ? -1 : sin(d->angle);
        double off = d->r + 5 * k, ax = (1 - ca) / 2, ay = (1 - sa) / 2;
        double lx = d->x + ca * off, ly = d->y + sa * off, tw = text_width(cr, lab);
        double th = (fe.ascent * 0.82 + fe.descent);
        double b[4] = {lx - ax * tw - 1, ly - ay * th - 1, lx - ax * tw + tw + 1, ly - ay * th + th + 1};
        int clash = 0;
        for (size_t j = 0; j < nbox && !clash; j++)
            clash = b[0] < boxes[j][2] && boxes[j][0] < b[2] && b[1] < boxes[j][3] && boxes[j][1] < b[3];
        if (clash) continue;
        memcpy(boxes[nbox++], b, sizeof b);
        set_rgb(cr, INK);
        draw_text(cr, lab, lx, ly, ax, ay);
    }
    free(order);
    if (has_legend) network_legend(&cv, w - margin - leg_w, area_t + 10 * k, leg_w, emax, emin, wmax);

    rc = canvas_close(&cv, 0, title, sub, path);
    free(codes); free(edges); free(nodes);
    return rc;
}
