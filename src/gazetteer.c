/* gazetteer.c -- the places table (dict/generated/gazetteer.bin, built by
 * tools/gen_gaz.c from GeoNames' cities, iso-codes and dict/places/):
 * memory-mapped read-only, so loading costs a page fault or two, not 140k
 * records; a name is found by binary search on its folded key. */
#include "internal.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

struct gazetteer {
    const char *map;
    size_t len;
    const gaz_header *h;
    const gaz_place *places;
    const gaz_name *names;
    const char *strings;
};

static int put(char *out, size_t cap, size_t *o, int32_t cp) {
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t m = utf8proc_encode_char(cp, tmp);
    if (m <= 0 || *o + (size_t)m > cap) return -1;
    memcpy(out + *o, tmp, (size_t)m);
    *o += (size_t)m;
    return 0;
}

size_t dyad__gaz_key(const char *s, size_t n, char *out, size_t cap) {
    size_t o = 0;
    int space = 1; /* drops leading spaces and collapses runs */
    for (size_t i = 0; i < n;) {
        int32_t cp;
        if ((unsigned char)s[i] < 0x80) cp = (unsigned char)s[i++];
        else i += (size_t)dyad__utf8_decode(s + i, n - i, &cp);
        if (cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0xA0 ||
            (cp < 0x80 && IS_SPACE(cp))) {
            if (!space) {
                if (o + 1 > cap) return 0;
                out[o++] = ' ';
            }
            space = 1;
            continue;
        }
        space = 0;
        if (cp < 0x80) {
            if (o + 1 > cap) return 0;
            out[o++] = TO_LOWER((char)cp);
            continue;
        }
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) cp = '\'';
        /* decomposed, case-folded, marks stripped: "São" -> "sao", "ß" -> "ss" */
        utf8proc_int32_t d[8];
        int last = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(cp, d, 8,
            UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
        if (k < 0 || k > 8) { d[0] = cp; k = 1; }
        for (utf8proc_ssize_t j = 0; j < k; j++)
            if (put(out, cap, &o, d[j])) return 0;
    }
    while (o && out[o - 1] == ' ') o--;
    if (o > 4 && memcmp(out, "the ", 4) == 0) {
        memmove(out, out + 4, o - 4);
        o -= 4;
    }
    return o;
}

int dyad__gaz_open(const char *path, gazetteer **out, char *err, size_t errcap) {
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errcap, "%s: %s", path, strerror(errno));
        return DYAD_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(err, errcap, "%s: %s", path, strerror(errno));
        close(fd);
        return DYAD_EIO;
    }
    size_t len = (size_t)st.st_size;
    if (len < sizeof(gaz_header)) {
        close(fd);
        snprintf(err, errcap, "%s: not a gazetteer table (too short)", path);
        return DYAD_EPARSE;
    }
    void *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        snprintf(err, errcap, "%s: %s", path, strerror(errno));
        return DYAD_EIO;
    }
    const gaz_header *h = m;
    /* the sizes are checked once here, so lookups trust the offsets */
    uint64_t need = sizeof *h + (uint64_t)h->nplaces * sizeof(gaz_place) +
                    (uint64_t)h->nnames * sizeof(gaz_name) + h->strings_bytes;
    if (memcmp(h->magic, DYAD_GAZ_MAGIC, 8) != 0 || need != len || !h->strings_bytes ||
        h->source[sizeof h->source - 1]) {
        munmap(m, len);
        snprintf(err, errcap, "%s: not a gazetteer table of this dyad (rebuild it: make)", path);
        return DYAD_EPARSE;
    }
    gazetteer *g = calloc(1, sizeof *g);
    if (!g) { munmap(m, len); return DYAD_ENOMEM; }
    g->map = m;
    g->len = len;
    g->h = h;
    g->places = (const gaz_place *)(g->map + sizeof *h);
    g->names = (const gaz_name *)(g->places + h->nplaces);
    g->strings = (const char *)(g->names + h->nnames);
    if (g->strings[h->strings_bytes - 1]) {
        dyad__gaz_close(g);
        snprintf(err, errcap, "%s: not a gazetteer table (strings unterminated)", path);
        return DYAD_EPARSE;
    }
    *out = g;
    return 0;
}

void dyad__gaz_close(gazetteer *g) {
    if (!g) return;
    munmap((void *)g->map, g->len);
    free(g);
}

const gaz_header *dyad__gaz_header(const gazetteer *g) { return g->h; }

const char *dyad__gaz_str(const gazetteer *g, uint32_t off) {
    return off < g->h->strings_bytes ? g->strings + off : "";
}

static int key_cmp(const gazetteer *g, const gaz_name *e, const char *k, size_t n) {
    const char *s = dyad__gaz_str(g, e->key);
    size_t m = strlen(s);
    int c = memcmp(s, k, m < n ? m : n);
    if (c) return c;
    return m < n ? -1 : m > n;
}

size_t dyad__gaz_lookup(const gazetteer *g, const char *s, size_t n, const gaz_place **out, size_t cap) {
    char k[1024];
    size_t kn = dyad__gaz_key(s, n, k, sizeof k);
    if (!g || !kn) return 0;
    /* first name whose key is >= k; the generator sorted each key's places best first */
    size_t lo = 0, hi = g->h->nnames;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_cmp(g, &g->names[mid], k, kn) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t count = 0;
    for (size_t i = lo; i < g->h->nnames && key_cmp(g, &g->names[i], k, kn) == 0; i++) {
        if (g->names[i].place >= g->h->nplaces) continue;
        if (count < cap) out[count] = &g->places[g->names[i].place];
        count++;
    }
    return count;
}

const gaz_place *dyad__gaz_capital(const gazetteer *g, const gaz_place *of) {
    if (!g || !of) return NULL;
    int country = strncmp(of->feature, "A.PCL", 5) == 0, adm1 = strcmp(of->feature, "A.ADM1") == 0;
    if (!country && !adm1) return NULL;
    /* a scan of the table: "Georgia's capital" is rare enough that an index
     * by country would cost more (in the table's size) than it saves */
    const char *code = dyad__gaz_str(g, of->adm1);
    const gaz_place *best = NULL;
    for (uint32_t i = 0; i < g->h->nplaces; i++) {
        const gaz_place *p = &g->places[i];
        if (memcmp(p->country, of->country, 4) != 0 || p->feature[0] != 'P') continue;
        if (country ? strcmp(p->feature, "P.PPLC") != 0
                    : strcmp(p->feature, "P.PPLA") != 0 || strcmp(dyad__gaz_str(g, p->adm1), code) != 0)
            continue;
        if (!best || p->population > best->population) best = p;
    }
    return best;
}
