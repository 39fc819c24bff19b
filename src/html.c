/* html.c -- stage 1b: HTML pages to text, with gumbo (the HTML5 parsing
 * algorithm, so unclosed tags and tag soup parse as browsers parse them).
 *
 * Kept: the text of the page body, with a paragraph break ("\n\n") at each
 * block element, and the <title>.  Dropped: scripts, styles, forms, navigation,
 * and the boilerplate of scraped news pages -- elements whose class or id
 * says comment, newsletter, subscribe, donate, share, social, related, promo,
 * advert, cookie, sidebar, footer or nav.  Depth is bounded
 * (DYAD_MAX_HTML_DEPTH): 10,000 nested divs are walked iteratively. */
#include "internal.h"
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const NOISE[] = {"comment", "newsletter", "subscri", "donat", "share",
                                    "social", "related", "promo", "advert", "cookie",
                                    "sidebar", "footer", "nav", "popup", "banner", NULL};

static int attr_noisy(const GumboElement *e) {
    const char *names[] = {"class", "id"};
    for (int k = 0; k < 2; k++) {
        GumboAttribute *a = gumbo_get_attribute(&e->attributes, names[k]);
        if (!a) continue;
        char low[256];
        size_t n = strlen(a->value);
        if (n >= sizeof low) n = sizeof low - 1;
        for (size_t i = 0; i < n; i++) low[i] = TO_LOWER(a->value[i]);
        low[n] = 0;
        for (int i = 0; NOISE[i]; i++)
            if (strstr(low, NOISE[i])) return 1;
    }
    return 0;
}

static int skipped_tag(GumboTag t) {
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT ||
           t == GUMBO_TAG_FORM || t == GUMBO_TAG_NAV || t == GUMBO_TAG_FOOTER ||
           t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_IFRAME || t == GUMBO_TAG_SVG ||
           t == GUMBO_TAG_BUTTON || t == GUMBO_TAG_SELECT || t == GUMBO_TAG_TEMPLATE ||
           t == GUMBO_TAG_HEAD || t == GUMBO_TAG_OBJECT;
}

static int block_tag(GumboTag t) {
    return t == GUMBO_TAG_P || t == GUMBO_TAG_DIV || t == GUMBO_TAG_BR || t == GUMBO_TAG_LI ||
           t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
           t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6 || t == GUMBO_TAG_TR || t == GUMBO_TAG_TABLE ||
           t == GUMBO_TAG_BLOCKQUOTE || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_ARTICLE ||
           t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_HR || t == GUMBO_TAG_HEADER ||
           t == GUMBO_TAG_FIGCAPTION || t == GUMBO_TAG_PRE || t == GUMBO_TAG_TD;
}

static void para(buf *b) {
    /* one blank line between blocks, none at the start */
    if (!b->n) return;
    while (b->n && (b->p[b->n - 1] == ' ')) b->n--;
    if (b->n >= 2 && b->p[b->n - 1] == '\n' && b->p[b->n - 2] == '\n') return;
    dyad__buf_puts(b, b->n && b->p[b->n - 1] == '\n' ? "\n" : "\n\n");
}

static void text(buf *b, const char *s) {
    /* collapse white space */
    for (const char *p = s; *p; p++) {
        if (IS_SPACE(*p)) {
            if (b->n && !IS_SPACE(b->p[b->n - 1])) dyad__buf_putc(b, ' ');
        } else {
            dyad__buf_putc(b, *p);
        }
    }
}

typedef struct { const GumboNode *node; unsigned child; } frame;

/* Iterative walk: an explicit stack, so nesting depth costs heap, not stack. */
static void walk_body(const GumboNode *root, buf *b) {
    size_t cap = 64, n = 0;
    frame *st = malloc(cap * sizeof *st);
    if (!st) { b->oom = 1; return; }
    st[n++] = (frame){root, 0};
    while (n) {
        frame *f = &st[n - 1];
        const GumboNode *node = f->node;
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
            text(b, node->v.text.text);
            n--;
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT &&
            node->type != GUMBO_NODE_TEMPLATE) { n--; continue; }
        const GumboVector *kids = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
                                                                     : &node->v.element.children;
        if (f->child == 0 && node->type == GUMBO_NODE_ELEMENT) {
            GumboTag t = node->v.element.tag;
            if (skipped_tag(t) || attr_noisy(&node->v.element)) { n--; continue; }
            if (block_tag(t)) para(b);
        }
        if (f->child >= kids->length) {
            if (node->type == GUMBO_NODE_ELEMENT && block_tag(node->v.element.tag)) para(b);
            n--;
            continue;
        }
        const GumboNode *child = kids->data[f->child++];
        if (n == cap) {
            cap *= 2;
            frame *ns = realloc(st, cap * sizeof *ns);
            if (!ns) { b->oom = 1; break; }
            st = ns;
        }
        st[n++] = (frame){child, 0};
    }
    free(st);
}

static const GumboNode *find_tag(const GumboNode *root, GumboTag tag) {
    /* breadth-first, bounded by the node count */
    const GumboNode *queue_small[256];
    const GumboNode **q = queue_small;
    size_t head = 0, tail = 0, cap = 256;
    q[tail++] = root;
    const GumboNode *found = NULL;
    while (head < tail && !found) {
        const GumboNode *nd = q[head++];
        if (nd->type == GUMBO_NODE_ELEMENT && nd->v.element.tag == tag) { found = nd; break; }
        const GumboVector *kids = nd->type == GUMBO_NODE_DOCUMENT ? &nd->v.document.children
                                : nd->type == GUMBO_NODE_ELEMENT ? &nd->v.element.children : NULL;
        if (!kids) continue;
        for (unsigned i = 0; i < kids->length; i++) {
            if (tail == cap) {
                /* compact, then grow */
                size_t live = tail - head;
                if (head > 0) { memmove(q, q + head, live * sizeof *q); head = 0; tail = live; }
                if (tail == cap) {
                    size_t nc = cap * 2;
                    const GumboNode **nq = malloc(nc * sizeof *nq);
                    if (!nq) goto done;
                    memcpy(nq, q, tail * sizeof *q);
                    if (q != queue_small) free(q);
                    q = nq;
                    cap = nc;
                }
            }
            q[tail++] = kids->data[i];
        }
    }
done:
    if (q != queue_small) free(q);
    return found;
}

/* Elements that do not nest: void ones, and those whose start tag closes an
 * open one of the same kind (<p>, <li>, <td>...), so they add no depth. */
static int is_void_tag(const char *p, size_t n) {
    static const char *const v[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                    "meta", "param", "source", "track", "wbr", "p", "li", "td", "th",
                                    "tr", "dt", "dd", "option", NULL};
    for (int i = 0; v[i]; i++)
        if (strlen(v[i]) == n && strncasecmp(v[i], p, n) == 0) return 1;
    return 0;
}

/* gumbo builds and frees its tree recursively, so a page of 100,000 nested
 * elements overflows the stack.  Before parsing, a linear scan estimates the
 * nesting (start tags minus end tags; void elements, self-closing tags,
 * comments and declarations do not count) and blanks out every start or end
 * tag deeper than DYAD_MAX_HTML_DEPTH: the text inside stays, only structure
 * past that depth is lost.  Returns a malloc'd copy when something was
 * blanked, else NULL (and NULL with *oom set when out of memory). */
static char *cap_depth(const char *h, size_t n, int *oom) {
    char *c = NULL;
    long depth = 0;
    *oom = 0;
    for (size_t i = 0; i < n; i++) {
        if (h[i] != '<' || i + 1 >= n) continue;
        if (h[i + 1] == '!' && i + 3 < n && h[i + 2] == '-' && h[i + 3] == '-') {
            const char *e = memmem(h + i + 4, n - i - 4, "-->", 3);
            if (!e) break;
            i = (size_t)(e - h) + 2;
            continue;
        }
        int end = h[i + 1] == '/';
        size_t ns = i + 1 + (size_t)end, ne = ns;
        if (ne >= n || !IS_ALPHA(h[ne])) continue;
        while (ne < n && (IS_ALNUM(h[ne]) || h[ne] == '-' || h[ne] == ':')) ne++;
        size_t close = ne;
        while (close < n && h[close] != '>') close++;
        if (close >= n) break;
        int nests = h[close - 1] != '/' && !is_void_tag(h + ns, ne - ns);
        if (end ? depth > DYAD_MAX_HTML_DEPTH : depth >= DYAD_MAX_HTML_DEPTH) {
            if (nests) {
                if (!c) {
                    c = malloc(n + 1);
                    if (!c) { *oom = 1; return NULL; }
                    memcpy(c, h, n);
                    c[n] = 0;
                }
                memset(c + i, ' ', close - i + 1);
            }
        }
        if (nests) depth += end ? (depth > 0 ? -1 : 0) : 1;
        i = close;
    }
    return c;
}

/* HTML (valid UTF-8, already repaired) to text and title, both malloc'd. */
HIDDEN int dyad__html_extract(const char *html, size_t n, char **text_out, size_t *text_len, char **title_out);
int dyad__html_extract(const char *html, size_t n, char **text_out, size_t *text_len, char **title_out) {
    *text_out = NULL;
    *title_out = NULL;
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 100;
    int oom;
    char *capped = cap_depth(html, n, &oom);
    if (oom) return DYAD_ENOMEM;
    GumboOutput *out = gumbo_parse_with_options(&opt, capped ? capped : html, n);
    if (!out) { free(capped); return DYAD_ENOMEM; }
    buf b = {0}, t = {0};
    const GumboNode *title = find_tag(out->root, GUMBO_TAG_TITLE);
    if (title && title->v.element.children.length) {
        const GumboNode *tn = title->v.element.children.data[0];
        if (tn->type == GUMBO_NODE_TEXT) text(&t, tn->v.text.text);
    }
    const GumboNode *body = find_tag(out->root, GUMBO_TAG_BODY);
    walk_body(body ? body : out->root, &b);
    gumbo_destroy_output(&opt, out);
    free(capped);
    while (b.n && IS_SPACE(b.p[b.n - 1])) b.n--;
    if (b.oom || t.oom) { dyad__buf_free(&b); dyad__buf_free(&t); return DYAD_ENOMEM; }
    if (!b.p) { b.p = malloc(1); if (!b.p) return DYAD_ENOMEM; }
    b.p[b.n] = 0;
    *text_out = b.p;
    *text_len = b.n;
    *title_out = t.p;
    return 0;
}
