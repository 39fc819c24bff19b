/* util.c -- arena, buffers, hash map, byte classes, error names.
 * Everything the pipeline stages share and nothing that knows about news. */
#include "internal.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <limits.h>

/* ---- Arena -------------------------------------------------------------- */
struct arena_block {
    arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

/* DYAD_NO_POOL=1 at build time gives one malloc per object so ASan sees each.
 * A failed allocation sets a->oom, which stays set until the arena is freed or
 * reset past it: stages that give up on a NULL leave the flag for the caller. */
void *dyad__arena_alloc(arena *a, size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
#ifdef DYAD_NO_POOL
    arena_block *b = malloc(sizeof *b + n);
    if (!b) { a->oom = 1; return NULL; }
    b->next = a->head; b->used = n; b->cap = n; a->head = b;
    a->used_bytes += n;
    memset(b->data, 0, n);
    return b->data;
#else
    arena_block *b = a->head;
    if ((!b || b->cap - b->used < n) && a->spare && a->spare->cap >= n) {
        /* a block kept by dyad__arena_reset */
        arena_block *sb = a->spare;
        a->spare = NULL;
        sb->next = b; sb->used = 0; a->head = sb;
        b = sb;
    }
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 65536 - sizeof *b ? n : 65536 - sizeof *b;
        if (b && b->cap * 2 > cap && b->cap < (1u << 24)) cap = b->cap * 2;
        arena_block *nb = malloc(sizeof *nb + cap);
        if (!nb) { a->oom = 1; return NULL; }
        nb->next = b; nb->used = 0; nb->cap = cap; a->head = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->used_bytes += n;
    memset(p, 0, n);
    return p;
#endif
}

char *dyad__arena_strndup(arena *a, const char *s, size_t n) {
    char *p = dyad__arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

arena_mark dyad__arena_mark(const arena *a) {
    arena_mark m = {a->head, a->head ? a->head->used : 0, a->used_bytes, a->oom};
    return m;
}

/* Frees what was allocated after M.  The largest block freed is kept as a
 * spare for the next allocations, so a coder that resets its scratch arena
 * for every sentence and document does not go back to malloc each time. */
void dyad__arena_reset(arena *a, arena_mark m) {
    arena_block *b = a->head;
    while (b && b != m.head) {
        arena_block *nx = b->next;
#ifdef DYAD_NO_POOL
        free(b);
#else
        if (!a->spare || a->spare->cap < b->cap) { free(a->spare); a->spare = b; }
        else free(b);
#endif
        b = nx;
    }
    a->head = m.head;
    if (m.head) m.head->used = m.used;
    a->used_bytes = m.used_bytes;
    a->oom = m.oom;
}

void dyad__arena_free(arena *a) {
    arena_block *b = a->head;
    while (b) {
        arena_block *nx = b->next;
        free(b);
        b = nx;
    }
    free(a->spare);
    a->head = NULL;
    a->spare = NULL;
    a->used_bytes = 0;
    a->oom = 0;
}

/* ---- Buffers ------------------------------------------------------------ */
void *dyad__xrealloc_array(void *p, size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    return realloc(p, (n && size) ? n * size : 1);
}

int dyad__grow_array(void *arrayp, size_t *cap, size_t n, size_t elem, size_t first) {
    if (n < *cap) return 0;
    size_t nc = *cap ? *cap * 2 : first;
    void *p;
    memcpy(&p, arrayp, sizeof p);
    void *np = dyad__xrealloc_array(p, nc, elem);
    if (!np) return DYAD_ENOMEM;
    memcpy(arrayp, &np, sizeof np);
    *cap = nc;
    return 0;
}

static int buf_grow(buf *b, size_t extra) {
    if (b->oom) return -1;
    if (b->cap - b->n > extra) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->n <= extra) {
        if (cap > SIZE_MAX / 2) { b->oom = 1; return -1; }
        cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p) { b->oom = 1; return -1; }
    b->p = p; b->cap = cap;
    return 0;
}

void dyad__buf_put(buf *b, const void *s, size_t n) {
    if (buf_grow(b, n + 1)) return;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}
void dyad__buf_puts(buf *b, const char *s) { dyad__buf_put(b, s, strlen(s)); }
void dyad__buf_putc(buf *b, char c) { dyad__buf_put(b, &c, 1); }

void dyad__buf_printf(buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0) return;
    if ((size_t)k < sizeof tmp) { dyad__buf_put(b, tmp, (size_t)k); return; }
    if (buf_grow(b, (size_t)k + 1)) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
}

void dyad__buf_json_str(buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    dyad__buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) continue;
        dyad__buf_put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': dyad__buf_puts(b, "\\\""); break;
        case '\\': dyad__buf_puts(b, "\\\\"); break;
        case '\n': dyad__buf_puts(b, "\\n"); break;
        case '\t': dyad__buf_puts(b, "\\t"); break;
        case '\r': dyad__buf_puts(b, "\\r"); break;
        default: {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            dyad__buf_put(b, e, 6);
        }
        }
    }
    dyad__buf_put(b, s + run, n - run);
    dyad__buf_putc(b, '"');
}

void dyad__buf_free(buf *b) {
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

/* ---- Hashing ------------------------------------------------------------ */
uint64_t dyad__hash_bytes(const void *p, size_t n) {
    /* FNV-1a, then a final mix: enough for word tables. */
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ull; }
    h ^= h >> 33; h *= 0xff51afd7ed558ccdull; h ^= h >> 33;
    return h;
}

static uint64_t mix64(uint64_t k) {
    k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53ull; k ^= k >> 33;
    return k;
}

int dyad__u64map_put(u64map *m, uint64_t key, uint32_t val) {
    if ((m->n + 1) * 4 >= m->cap * 3) {
        size_t ncap = m->cap ? m->cap * 2 : 1024;
        map_slot *ns = calloc(ncap, sizeof *ns);
        if (!ns) return DYAD_ENOMEM;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slots[i].key) continue;
            size_t j = mix64(m->slots[i].key) & (ncap - 1);
            while (ns[j].key) j = (j + 1) & (ncap - 1);
            ns[j] = m->slots[i];
        }
        free(m->slots);
        m->slots = ns;
        m->cap = ncap;
    }
    size_t j = mix64(key) & (m->cap - 1);
    while (m->slots[j].key && m->slots[j].key != key) j = (j + 1) & (m->cap - 1);
    if (!m->slots[j].key) { m->slots[j].key = key; m->n++; }
    m->slots[j].val = val;
    return 0;
}

uint32_t dyad__u64map_get(const u64map *m, uint64_t key) {
    if (!m->cap) return 0;
    size_t j = mix64(key) & (m->cap - 1);
    while (m->slots[j].key) {
        if (m->slots[j].key == key) return m->slots[j].val;
        j = (j + 1) & (m->cap - 1);
    }
    return 0;
}

void dyad__u64map_free(u64map *m) {
    free(m->slots);
    m->slots = NULL;
    m->cap = m->n = 0;
}

/* ---- Byte classes --------------------------------------------------------- */
#define S BC_SPACE
#define A BC_ALPHA
#define U (BC_ALPHA | BC_UPPER)
#define D BC_DIGIT
#define P BC_PUNCT
#define H BC_HIGH
const unsigned char dyad__byteclass[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, S, S, S, S, S, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
    P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P,
    P, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, P, P, P, P, 0,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef S
#undef A
#undef U
#undef D
#undef P
#undef H

char *dyad__read_file_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) dyad__buf_put(&b, tmp, k);
    int err = ferror(f);
    fclose(f);
    if (err || b.oom) { dyad__buf_free(&b); return NULL; }
    if (!b.p) { b.p = malloc(1); if (b.p) b.p[0] = 0; }
    *len = b.n;
    return b.p;
}

/* ---- Errors ----------------------------------------------------------- */
const char *dyad_strerror(int code) {
    switch (code) {
    case DYAD_OK: return "success";
    case DYAD_ENOMEM: return "out of memory";
    case DYAD_EIO: return "cannot read file";
    case DYAD_EPARSE: return "syntax error";
    case DYAD_EINVAL: return "invalid argument";
    case DYAD_ELIMIT: return "limit exceeded";
    case DYAD_EDATE: return "invalid date";
    case DYAD_EMISSING: return "missing field";
    case DYAD_EDB: return "database error";
    case DYAD_ESCHEMA: return "wrong database schema";
    default: return "unknown error";
    }
}

const char *dyad_version(void) { return DYAD_VERSION; }

const char *dyad_mode_name(dyad_mode m) {
    switch (m) {
    case DYAD_MODE_NEGATED: return "negated";
    case DYAD_MODE_HYPOTHETICAL: return "hypothetical";
    default: return "asserted";
    }
}
