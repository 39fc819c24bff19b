/* dict.c -- the dictionary: interned words, actor/agent phrase tries, verb
 * patterns indexed by verb lemma, the CAMEO table; loading of dyad's own
 * format (docs/dictionary-format.md), stats and lint.  Peer formats are read
 * by dict_peer.c (peer_*.c, docs/peer-dictionaries.md) into the same tables;
 * load.c picks the reader of a file.  After dyad_dict_finish() everything
 * here is read-only and shared by all coding threads. */
#include "internal.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <dirent.h>
#include <time.h>
#include <limits.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- Messages ------------------------------------------------------------ */
void dyad__dict_warn(dyad_dict *d, const char *file, int line, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0) snprintf(d->errmsg, sizeof d->errmsg, "%s:%d: %s", file ? file : "?", line, msg);
    else snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", file ? file : "?", msg);
    if (d->nwarnings == d->capwarnings) {
        size_t nc = d->capwarnings ? d->capwarnings * 2 : 16;
        char **nw = dyad__xrealloc_array(d->warnings, nc, sizeof *nw);
        if (!nw) return;
        d->warnings = nw;
        d->capwarnings = nc;
    }
    char *copy = strdup(d->errmsg);
    if (copy) d->warnings[d->nwarnings++] = copy;
}

/* ---- Owned strings --------------------------------------------------------- */
static char *text_alloc(dyad_dict *d, size_t n) {
    if (n + 1 > d->textleft) {
        size_t sz = n + 1 > 65536 ? n + 1 : 65536;
        char **nb = dyad__xrealloc_array(d->textblocks, d->ntextblocks + 1, sizeof *nb);
        if (!nb) return NULL;
        d->textblocks = nb;
        char *blk = malloc(sz);
        if (!blk) return NULL;
        d->textblocks[d->ntextblocks++] = blk;
        d->textcur = blk;
        d->textleft = sz;
    }
    char *p = d->textcur;
    d->textcur += n + 1;
    d->textleft -= n + 1;
    return p;
}

const char *dyad__dict_keep(dyad_dict *d, const char *s, size_t n) {
    char *p = text_alloc(d, n);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* ---- Words ------------------------------------------------------------------ */
wid dyad__dict_lookup(const dyad_dict *d, const char *s, size_t n) {
    if (!d->whcap) return 0;
    uint64_t h = dyad__hash_bytes(s, n);
    uint32_t h32 = (uint32_t)(h >> 32) | 1u;
    size_t j = h & (d->whcap - 1);
    for (;;) {
        uint64_t e = d->whash[j];
        if (!e) return 0;
        if ((uint32_t)(e >> 32) == h32) {
            wid w = (wid)(e & 0xffffffffu);
            const word_info *wi = &d->words[w];
            if (wi->len == n && memcmp(wi->text, s, n) == 0) return w;
        }
        j = (j + 1) & (d->whcap - 1);
    }
}

/* The lookup pass after dyad__tokens_split: each token's folded form gets its
 * word (w, info), or for TABARI dictionaries the longest stem prefixing it. */
void dyad__tokens_lookup(const dyad_dict *d, const char *text, token *v, size_t n) {
    for (size_t i = 0; i < n; i++) {
        token *t = &v[i];
        char folded[DYAD_MAX_WORD_BYTES * 2];
        size_t fl = dyad__utf8_fold(text + t->start, t->len, folded, sizeof folded);
        t->w = fl ? dyad__dict_lookup(d, folded, fl) : 0;
        t->info = t->w ? &d->words[t->w] : NULL;
        t->cls = 0;
        if (t->info && t->info->cls) {
            t->cls = (uint16_t)(t->info->cls & G_TOKEN);
            /* a word known only for its class is unknown to the dictionaries */
            if (t->info->cls & G_ONLY) { t->w = 0; t->info = NULL; }
        }
        if (!t->w && d->stem_matching && fl > d->min_stem) {
            /* TABARI stems: the longest known prefix marked as a stem */
            for (size_t k = fl - 1; k >= d->min_stem; k--) {
                wid sw = dyad__dict_lookup(d, folded, k);
                if (sw && (d->words[sw].flags & W_STEM)) {
                    t->w = sw;
                    t->info = &d->words[sw];
                    t->type = T_WORD;
                    break;
                }
            }
        }
    }
}

static int whash_insert(dyad_dict *d, uint32_t h32, size_t slot_hint, wid w) {
    (void)slot_hint;
    size_t j = (size_t)dyad__hash_bytes(d->words[w].text, d->words[w].len) & (d->whcap - 1);
    while (d->whash[j]) j = (j + 1) & (d->whcap - 1);
    d->whash[j] = ((uint64_t)h32 << 32) | w;
    return 0;
}

static wid intern_folded(dyad_dict *d, const char *s, size_t n) {
    wid w = dyad__dict_lookup(d, s, n);
    if (w) {
        if (!d->in_grammar) d->words[w].cls &= ~(uint32_t)G_ONLY;
        return w;
    }
    if ((d->nwords + 1) * 2 >= d->whcap) {
        size_t ncap = d->whcap ? d->whcap * 2 : 1 << 14;
        uint64_t *nh = calloc(ncap, sizeof *nh);
        if (!nh) return 0;
        free(d->whash);
        d->whash = nh;
        d->whcap = ncap;
        for (size_t i = 1; i < d->nwords; i++) {
            uint64_t h = dyad__hash_bytes(d->words[i].text, d->words[i].len);
            whash_insert(d, (uint32_t)(h >> 32) | 1u, 0, (wid)i);
        }
    }
    if (d->nwords == 0) d->nwords = 1; /* id 0 is "unknown" */
    if (d->nwords >= d->capwords) {
        size_t nc = d->capwords ? d->capwords * 2 : 1 << 13;
        word_info *nw = dyad__xrealloc_array(d->words, nc, sizeof *nw);
        if (!nw) return 0;
        d->words = nw;
        d->capwords = nc;
    }
    const char *t = dyad__dict_keep(d, s, n);
    if (!t) return 0;
    w = (wid)d->nwords++;
    d->words[w] = (word_info){.text = t, .len = (uint32_t)n};
    uint64_t h = dyad__hash_bytes(s, n);
    whash_insert(d, (uint32_t)(h >> 32) | 1u, 0, w);
    return w;
}

wid dyad__dict_intern(dyad_dict *d, const char *s, size_t n) {
    char tmp[DYAD_MAX_WORD_BYTES * 2];
    if (n > DYAD_MAX_WORD_BYTES) return 0;
    size_t fl = dyad__utf8_fold(s, n, tmp, sizeof tmp);
    if (!fl) return 0;
    return intern_folded(d, tmp, fl);
}

/* ---- Entries and tries ------------------------------------------------------- */
int dyad__dict_add_entry(dyad_dict *d, const actor_entry *e) {
    if (dyad__grow_array(&d->entries, &d->capentries, d->nentries, sizeof *d->entries, 1024)) return DYAD_ENOMEM;
    d->entries[d->nentries] = *e;
    return (int)d->nentries++;
}

int dyad__dict_add_undated_entry(dyad_dict *d, int type, const char *code, const char *name,
                           const char *country, int is_prefix, const char *file, int line) {
    actor_entry e;
    memset(&e, 0, sizeof e);
    e.type = (uint8_t)type;
    e.is_prefix = (uint8_t)is_prefix;
    e.name = name;
    if (country) memcpy(e.country, country, 4);
    e.file = file;
    e.line = line;
    e.codes = calloc(1, sizeof *e.codes);
    if (!e.codes) return DYAD_ENOMEM;
    snprintf(e.codes[0].code, sizeof e.codes[0].code, "%s", code);
    e.codes[0].from = INT_MIN;
    e.codes[0].to = INT_MAX;
    e.ncodes = 1;
    int idx = dyad__dict_add_entry(d, &e);
    if (idx < 0) free(e.codes);
    return idx;
}

int dyad__trie_child(const trie *t, int node, wid w) {
    if (!w) return -1;
    uint32_t v = dyad__u64map_get(&t->edges, ((uint64_t)(uint32_t)(node + 1) << 32) | w);
    return v ? (int)v : -1;
}

static int trie_add_node(trie *t) {
    if (t->nnodes == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 4096;
        int32_t *np = dyad__xrealloc_array(t->payload, nc, sizeof *np);
        if (!np) return -1;
        t->payload = np;
        t->cap = nc;
    }
    t->payload[t->nnodes] = 0;
    return (int)t->nnodes++;
}

static int trie_add_payload(trie *t, int node, int entry) {
    for (int c = t->payload[node]; c; c = t->cell_next[c - 1])
        if (t->cell_entry[c - 1] == entry) return 0;
    if (t->ncells == t->capcells) {
        size_t nc = t->capcells ? t->capcells * 2 : 4096;
        int32_t *ne = dyad__xrealloc_array(t->cell_entry, nc, sizeof *ne);
        if (!ne) return -1;
        t->cell_entry = ne;
        int32_t *nn = dyad__xrealloc_array(t->cell_next, nc, sizeof *nn);
        if (!nn) return -1;
        t->cell_next = nn;
        t->capcells = nc;
    }
    t->cell_entry[t->ncells] = entry;
    t->cell_next[t->ncells] = t->payload[node];
    t->payload[node] = (int32_t)++t->ncells;
    return 0;
}

int dyad__trie_first(const trie *t, int node) { return t->payload[node]; }
int dyad__trie_cell_entry(const trie *t, int cell) { return t->cell_entry[cell - 1]; }
int dyad__trie_cell_next(const trie *t, int cell) { return t->cell_next[cell - 1]; }

static void add_plurals(dyad_dict *d, const char *w, size_t n, wid lemma);

int dyad__dict_add_phrase(dyad_dict *d, trie *t, const char *phrase, size_t n, int idx, int plural,
                    int stems) {
    char tmp[1024];
    if (n >= sizeof tmp) return DYAD_ELIMIT;
    /* '_' joins words in peer formats: read it as a space */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) tmp[m++] = phrase[i] == '_' ? ' ' : phrase[i];
    /* TABARI: a trailing '_' (now a space) marks an exact word, no stem */
    int exact_last = n > 0 && phrase[n - 1] == '_';
    span sp[DYAD_MAX_PHRASE_WORDS + 1];
    size_t k = dyad__tokens_split_phrase(tmp, m, sp, DYAD_MAX_PHRASE_WORDS + 1);
    if (k == 0) return DYAD_EPARSE;
    if (k > DYAD_MAX_PHRASE_WORDS) return DYAD_ELIMIT;
    if (t->nnodes == 0 && trie_add_node(t) < 0) return DYAD_ENOMEM;
    int node = 0;
    for (size_t i = 0; i < k; i++) {
        const char *ws = tmp + sp[i].start;
        size_t wl = sp[i].end - sp[i].start;
        /* TABARI stems: a word followed by a space in the source that was not
         * an underscore is a stem; we treat every last word without '_' as a stem */
        wid w = dyad__dict_intern(d, ws, wl);
        if (!w) return DYAD_ELIMIT;
        if (stems && i == k - 1 && !exact_last && wl >= 3) {
            d->words[w].flags |= W_STEM;
            d->stem_matching = 1;
            if (!d->min_stem || wl < d->min_stem) d->min_stem = wl;
        }
        if (plural && i == k - 1) add_plurals(d, d->words[w].text, d->words[w].len, w);
        int child = dyad__trie_child(t, node, w);
        if (child < 0) {
            child = trie_add_node(t);
            if (child < 0) return DYAD_ENOMEM;
            if (dyad__u64map_put(&t->edges, ((uint64_t)(uint32_t)(node + 1) << 32) | w, (uint32_t)child))
                return DYAD_ENOMEM;
        }
        node = child;
    }
    if (trie_add_payload(t, node, idx)) return DYAD_ENOMEM;
    if (t == &d->agents) d->nagent_phrases++;
    else d->nphrases++;
    return 0;
}

/* ---- Morphology helpers (forms are generated when a word enters a pattern or
 * a noun phrase, so the hot path needs one hash lookup per token) ---------- */
static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static void set_noun(dyad_dict *d, const char *s, size_t n, wid lemma) {
    wid f = intern_folded(d, s, n);
    if (f && f != lemma && !d->words[f].noun_lemma) d->words[f].noun_lemma = lemma;
}


static void add_plurals(dyad_dict *d, const char *w, size_t n, wid lemma) {
    char t[DYAD_MAX_WORD_BYTES + 4];
    if (n < 2 || n > DYAD_MAX_WORD_BYTES) return;
    if (!IS_ALPHA(w[n - 1])) return;
    memcpy(t, w, n);
    char last = w[n - 1], prev = w[n - 2];
    if (last == 'y' && !is_vowel(prev)) {
        memcpy(t + n - 1, "ies", 3);
        set_noun(d, t, n + 2, lemma);
    } else if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's'))) {
        memcpy(t + n, "es", 2);
        set_noun(d, t, n + 2, lemma);
    } else {
        t[n] = 's';
        set_noun(d, t, n + 1, lemma);
        if (last == 'o') { memcpy(t + n, "es", 2); set_noun(d, t, n + 2, lemma); }
    }
    /* irregular: man -> men, crisis -> crises ... */
    const char *forms[8];
    size_t k = 0;
    dyad__morph_irregular(&d->irregular[1], w, n, forms, 8, &k);
    for (size_t i = 0; i < k; i++) set_noun(d, forms[i], strlen(forms[i]), lemma);
    /* compounds ending in man: chairman -> chairmen */
    if (n > 3 && memcmp(w + n - 3, "man", 3) == 0) {
        memcpy(t, w, n);
        t[n - 2] = 'e';
        set_noun(d, t, n, lemma);
    }
}

void dyad__dict_add_noun_forms(dyad_dict *d, wid lemma, const char *base, size_t n) {
    add_plurals(d, base, n, lemma);
}

static void set_verb(dyad_dict *d, const char *s, size_t n, wid lemma, uint32_t flags) {
    wid f = intern_folded(d, s, n);
    if (!f) return;
    if (!d->words[f].verb_lemma) d->words[f].verb_lemma = lemma;
    if (d->words[f].verb_lemma == lemma) d->words[f].flags |= flags;
}

void dyad__dict_add_verb_forms(dyad_dict *d, wid lemma, const char *w, size_t n) {
    char t[DYAD_MAX_WORD_BYTES + 8];
    if (n < 2 || n > DYAD_MAX_WORD_BYTES) return;
    d->words[lemma].verb_lemma = lemma;
    if (!IS_ALPHA(w[n - 1])) return;
    memcpy(t, w, n);
    char last = w[n - 1], prev = w[n - 2];
    /* 3rd person -s */
    if (last == 'y' && !is_vowel(prev)) { memcpy(t + n - 1, "ies", 3); set_verb(d, t, n + 2, lemma, W_VERB3); }
    else if (last == 's' || last == 'x' || last == 'z' || last == 'o' ||
             (last == 'h' && (prev == 'c' || prev == 's'))) { memcpy(t + n, "es", 2); set_verb(d, t, n + 2, lemma, W_VERB3); }
    else { t[n] = 's'; set_verb(d, t, n + 1, lemma, W_VERB3); }
    /* past -ed */
    memcpy(t, w, n);
    if (last == 'e') { t[n] = 'd'; set_verb(d, t, n + 1, lemma, W_VERB3 | W_PARTICIPLE); }
    else if (last == 'y' && !is_vowel(prev)) { memcpy(t + n - 1, "ied", 3); set_verb(d, t, n + 2, lemma, W_VERB3 | W_PARTICIPLE); }
    else { memcpy(t + n, "ed", 2); set_verb(d, t, n + 2, lemma, W_VERB3 | W_PARTICIPLE); }
    int cvc = n >= 3 && !is_vowel(last) && last != 'w' && last != 'x' && last != 'y' &&
              is_vowel(prev) && !is_vowel(w[n - 3]);
    if (cvc) {
        memcpy(t, w, n); t[n] = last; memcpy(t + n + 1, "ed", 2);
        set_verb(d, t, n + 3, lemma, W_VERB3 | W_PARTICIPLE);
        memcpy(t + n + 1, "ing", 3);
        set_verb(d, t, n + 4, lemma, W_ING);
    }
    /* -ing */
    memcpy(t, w, n);
    if (n >= 3 && last == 'e' && prev == 'i') { memcpy(t + n - 2, "ying", 4); set_verb(d, t, n + 2, lemma, W_ING); }
    else if (last == 'e' && prev != 'e' && prev != 'y' && prev != 'o') { memcpy(t + n - 1, "ing", 3); set_verb(d, t, n + 2, lemma, W_ING); }
    else { memcpy(t + n, "ing", 3); set_verb(d, t, n + 3, lemma, W_ING); }
    if (last == 'c') { memcpy(t + n, "ked", 3); set_verb(d, t, n + 3, lemma, W_VERB3 | W_PARTICIPLE); }
    /* irregular forms (dict/generated/irregular.exc from WordNet, dict/irregular.exc) */
    const char *forms[16];
    size_t k = 0;
    dyad__morph_irregular(&d->irregular[0], w, n, forms, 16, &k);
    for (size_t i = 0; i < k; i++) {
        size_t fl = strlen(forms[i]);
        uint32_t fl_flags = W_VERB3 | W_PARTICIPLE;
        if (fl > 3 && memcmp(forms[i] + fl - 3, "ing", 3) == 0) fl_flags = W_ING;
        set_verb(d, forms[i], fl, lemma, fl_flags);
    }
}

/* ---- Patterns ---------------------------------------------------------------- */
int dyad__dict_add_pattern(dyad_dict *d, const pattern *p) {
    if (dyad__grow_array(&d->pats, &d->cappats, d->npats, sizeof *d->pats, 1024)) return DYAD_ENOMEM;
    d->pats[d->npats] = *p;
    d->pats[d->npats].order = (uint32_t)d->npats;
    d->npats++;
    return 0;
}

/* ---- CAMEO table --------------------------------------------------------------- */
int dyad__dict_add_cameo(dyad_dict *d, const char *code, double g, int quad, const char *name) {
    if (strlen(code) >= sizeof d->cameo[0].code) return DYAD_EPARSE;
    if (dyad__grow_array(&d->cameo, &d->capcameo, d->ncameo, sizeof *d->cameo, 512)) return DYAD_ENOMEM;
    cameo_row *r = &d->cameo[d->ncameo++];
    memset(r, 0, sizeof *r);
    strcpy(r->code, code);
    r->goldstein = g;
    r->quad = quad;
    r->name = dyad__dict_keep(d, name, strlen(name));
    return 0;
}

const cameo_row *dyad__dict_cameo(const dyad_dict *d, const char *code) {
    size_t lo = 0, hi = d->ncameo;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(d->cameo[mid].code, code);
        if (c == 0) return &d->cameo[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

int dyad_dict_code_info(const dyad_dict *d, const char *code, const char **name,
                        double *goldstein, int *quad) {
    const cameo_row *r = dyad__dict_cameo(d, code);
    if (!r) return DYAD_EINVAL;
    if (name) *name = r->name;
    if (goldstein) *goldstein = r->goldstein;
    if (quad) *quad = r->quad;
    return 0;
}

/* ---- The grammar's function words (dict/grammar.txt) ------------------------- */
static const struct { const char *name; uint32_t flag, cls; } GRAMMAR_FLAGS[] = {
    {"BE", W_BE, 0}, {"NEG", W_NEG, 0}, {"MODAL", W_MODAL, 0}, {"AUX", W_AUX, 0},
    {"DET", W_DET, 0}, {"CONJ", W_CONJ, 0}, {"SPEECH", W_SPEECH, 0}, {"OF", W_OF, 0},
    {"BY", W_BY, 0}, {"IF", W_IF, 0}, {"PLAN", W_PLAN, 0}, {"PRON", W_PRON, 0},
    {"REFUSE", W_REFUSE, 0}, {"TITLE", W_TITLE, 0}, {"REL", W_REL, 0}, {"TO", W_TO, 0},
    {"CLAUSE", W_CLAUSE, 0}, {"POSS", W_POSS, 0}, {"DATE", W_DATE, 0},
    {"ADV", 0, G_ADV}, {"WH", 0, G_WH}, {"JOIN", 0, G_JOIN}, {"PLACE", 0, G_PLACE},
    {"AT", 0, G_AT}, {"QUANT", 0, G_QUANT}, {"ACCORDING", 0, G_ACCORDING},
    {"RECIP", 0, G_RECIP}, {"OWN", 0, G_OWN}, {"PREP", 0, G_PREP}, {"FUTURE", 0, G_FUTURE},
    {"WILL", 0, G_WILL}, {"DUE", 0, G_DUE}, {"BETWEEN", 0, G_BETWEEN},
    {NULL, 0, 0}};

/* Each line "FLAG word word ...": the words are interned, in file order, and
 * get the flag (W_*) or class (G_*).  A word named only on class lines is
 * G_ONLY until something else interns it: the classes add no known words.
 * 0, DYAD_EIO, DYAD_EPARSE (unknown flag) or DYAD_ENOMEM. */
static int load_grammar(dyad_dict *d, const char *path) {
    size_t len;
    char *data = dyad__read_file_all(path, &len);
    if (!data) {
        snprintf(d->errmsg, sizeof d->errmsg, "%.400s: cannot read the grammar's words", path);
        return DYAD_EIO;
    }
    int rc = 0, line = 0;
    char *p = data, *end = data + len;
    d->in_grammar = 1;
    while (!rc && p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        *nl = 0;
        line++;
        char *hash = strchr(p, '#');
        if (hash) *hash = 0;
        uint32_t flag = 0, cls = 0;
        int first = 1;
        for (char *w = strtok(p, " \t\r"); w; w = strtok(NULL, " \t\r")) {
            if (first) {
                for (int i = 0; GRAMMAR_FLAGS[i].name; i++)
                    if (strcmp(GRAMMAR_FLAGS[i].name, w) == 0) {
                        flag = GRAMMAR_FLAGS[i].flag;
                        cls = GRAMMAR_FLAGS[i].cls;
                    }
                if (!flag && !cls) {
                    snprintf(d->errmsg, sizeof d->errmsg, "%.300s:%d: unknown grammar flag '%.64s'", path, line, w);
                    rc = DYAD_EPARSE;
                    break;
                }
                first = 0;
                continue;
            }
            size_t known = d->nwords;
            wid id = dyad__dict_intern(d, w, strlen(w));
            if (!id) { rc = DYAD_ENOMEM; break; }
            d->words[id].flags |= flag;
            d->words[id].cls |= cls;
            if (flag) d->words[id].cls &= ~(uint32_t)G_ONLY;
            else if (id >= known) d->words[id].cls |= G_ONLY;
        }
        p = nl + 1;
    }
    d->in_grammar = 0;
    free(data);
    return rc;
}

/* ---- Life cycle ------------------------------------------------------------------ */
int dyad_dict_new(dyad_dict **out) {
    dyad_dict *d = calloc(1, sizeof *d);
    *out = d;
    if (!d) return DYAD_ENOMEM;
    d->nwords = 1;
    d->peer_gap = DYAD_PEER_PATTERN_GAP;
    return 0;
}

void dyad_dict_free(dyad_dict *d) {
    if (!d) return;
    free(d->words);
    free(d->whash);
    dyad__morph_free(d->irregular);
    for (size_t i = 0; i < d->ntextblocks; i++) free(d->textblocks[i]);
    free(d->textblocks);
    for (size_t i = 0; i < d->nentries; i++) free(d->entries[i].codes);
    free(d->entries);
    dyad__u64map_free(&d->actors.edges);
    free(d->actors.payload);
    free(d->actors.cell_entry);
    free(d->actors.cell_next);
    dyad__u64map_free(&d->agents.edges);
    free(d->agents.payload);
    free(d->agents.cell_entry);
    free(d->agents.cell_next);
    for (size_t i = 0; i < d->npats; i++) {
        for (size_t j = 0; j < d->pats[i].npre; j++) free(d->pats[i].pre[j].alts);
        for (size_t j = 0; j < d->pats[i].npost; j++) free(d->pats[i].post[j].alts);
        free(d->pats[i].pre);
        free(d->pats[i].post);
    }
    free(d->pats);
    dyad__u64map_free(&d->verb_index);
    for (size_t i = 0; i < d->nverbs; i++) free(d->verb_lists[i]);
    free(d->verb_lists);
    free(d->verb_nlist);
    free(d->cameo);
    for (size_t i = 0; i < d->nwarnings; i++) free(d->warnings[i]);
    free(d->warnings);
    dyad__gaz_close(d->gaz);
    free(d);
}

const char *dyad_dict_errmsg(const dyad_dict *d) { return d ? d->errmsg : "out of memory"; }
size_t dyad_dict_warning_count(const dyad_dict *d) { return d->nwarnings; }
const char *dyad_dict_warning(const dyad_dict *d, size_t i) {
    return i < d->nwarnings ? d->warnings[i] : NULL;
}

static int cmp_cameo(const void *a, const void *b) {
    return strcmp(((const cameo_row *)a)->code, ((const cameo_row *)b)->code);
}

/* Pattern order within a verb: most specific first, then file order.  The
 * dictionary comes as qsort_r's context (no global: two dictionaries may be
 * finished at once, in two threads). */
static int cmp_pat(const void *a, const void *b, void *ctx) {
    const dyad_dict *d = ctx;
    const pattern *x = &d->pats[*(const uint32_t *)a];
    const pattern *y = &d->pats[*(const uint32_t *)b];
    if (x->nwords != y->nwords) return x->nwords > y->nwords ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

int dyad_dict_finish(dyad_dict *d) {
    double t0 = now_ms();
    if (d->finished) return 0;
    if (d->ncameo) qsort(d->cameo, d->ncameo, sizeof *d->cameo, cmp_cameo);
    /* index patterns by verb */
    for (size_t i = 0; i < d->npats; i++) {
        wid v = d->pats[i].verb;
        uint32_t k = dyad__u64map_get(&d->verb_index, v);
        if (!k) {
            if (d->nverbs == d->capverbs) {
                size_t nc = d->capverbs ? d->capverbs * 2 : 512;
                uint32_t **nl = dyad__xrealloc_array(d->verb_lists, nc, sizeof *nl);
                uint32_t *nn = nl ? dyad__xrealloc_array(d->verb_nlist, nc, sizeof *nn) : NULL;
                if (nl) d->verb_lists = nl;
                if (!nl || !nn) return DYAD_ENOMEM;
                d->verb_nlist = nn;
                d->capverbs = nc;
            }
            d->verb_lists[d->nverbs] = NULL;
            d->verb_nlist[d->nverbs] = 0;
            k = (uint32_t)++d->nverbs;
            if (dyad__u64map_put(&d->verb_index, v, k)) return DYAD_ENOMEM;
        }
        uint32_t n = d->verb_nlist[k - 1];
        uint32_t *l = dyad__xrealloc_array(d->verb_lists[k - 1], n + 1, sizeof *l);
        if (!l) return DYAD_ENOMEM;
        l[n] = (uint32_t)i;
        d->verb_lists[k - 1] = l;
        d->verb_nlist[k - 1] = n + 1;
    }
    for (size_t i = 0; i < d->nverbs; i++)
        qsort_r(d->verb_lists[i], d->verb_nlist[i], sizeof(uint32_t), cmp_pat, d);
    /* stems: each known word gets the longest stem that prefixes it */
    if (d->stem_matching) {
        for (size_t i = 1; i < d->nwords; i++) {
            word_info *wi = &d->words[i];
            for (size_t k = wi->len; k >= d->min_stem && k > 0; k--) {
                wid s = dyad__dict_lookup(d, wi->text, k);
                if (s && (d->words[s].flags & W_STEM)) { wi->stem = s; break; }
            }
        }
    }
    d->finished = 1;
    d->load_ms += now_ms() - t0;
    return 0;
}

/* ---- dyad's own format ---------------------------------------------------------- */
static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) s[--n] = 0;
    return s;
}

static void strip_comment(char *s) {
    for (char *p = s; *p; p++)
        if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) { *p = 0; return; }
}

static int valid_code(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 15) return 0;
    for (size_t i = 0; i < n; i++)
        if (!(IS_UPPER(s[i]) || IS_DIGIT(s[i]))) return 0;
    return 1;
}

/* Parses "YYYY-MM-DD" or "-" into days; open = INT_MIN/INT_MAX */
static int parse_bound(const char *s, int open, int *days) {
    if (strcmp(s, "-") == 0) { *days = open; return 0; }
    int y, m, dd;
    if (dyad_date_parse(s, &y, &m, &dd)) return -1;
    *days = dyad__date_days(y, m, dd);
    return 0;
}

typedef struct {
    dyad_dict *d;
    const char *file;
    int line;
    int kind; /* 0 none, 1 actor, 2 agent, 3 person, 4 verb, 5 discard */
    char code[16];
    const char *name;
    char country[4];
    int noun_idx, adj_idx, caps_idx; /* entries created lazily */
    int person_idx;
    dated_code *roles; size_t nroles;
    int discard_doc;
} own_ctx;

static int own_entry(own_ctx *c, int type, const char *code) {
    return dyad__dict_add_undated_entry(c->d, type, code, c->name, c->country, 0, c->file, c->line);
}

static void own_phrases(own_ctx *c, trie *t, char *list, int idx, int plural) {
    char *save = NULL;
    for (char *p = strtok_r(list, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
        char *ph = trim(p);
        if (!*ph) continue;
        int r = dyad__dict_add_phrase(c->d, t, ph, strlen(ph), idx, plural, 0);
        if (r) dyad__dict_warn(c->d, c->file, c->line, "phrase \"%s\": %s", ph, dyad_strerror(r));
    }
}

/* Finishes a person stanza: its roles become dated codes. */
static void own_close(own_ctx *c) {
    if (c->kind == 3 && c->person_idx >= 0) {
        actor_entry *e = &c->d->entries[c->person_idx];
        free(e->codes);
        e->codes = c->roles;
        e->ncodes = (uint16_t)c->nroles;
        memcpy(e->country, c->country, 4);
        e->fallback = c->country[0] ? dyad__dict_keep(c->d, c->country, strlen(c->country)) : NULL;
        c->d->nroles += c->nroles;
        c->roles = NULL;
        c->nroles = 0;
        if (!e->ncodes && !e->fallback)
            dyad__dict_warn(c->d, e->file, e->line, "person \"%s\" has no role and no country", e->name);
    }
    free(c->roles);
    c->roles = NULL;
    c->nroles = 0;
    c->kind = 0;
}

static int parse_own_pattern(own_ctx *c, char *text);

int dyad__load_own(dyad_dict *d, const char *path) {
    size_t len;
    char *data = dyad__read_file_all(path, &len);
    if (!data) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: cannot read file", path);
        return DYAD_EIO;
    }
    own_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.file = dyad__dict_keep(d, path, strlen(path));
    c.noun_idx = c.adj_idx = c.caps_idx = c.person_idx = -1;
    char *p = data, *end = data + len;
    int line = 0;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        *nl = 0;
        line++;
        c.line = line;
        char *s = p;
        p = nl + 1;
        strip_comment(s);
        /* repair invalid UTF-8 in dictionary lines: warn and skip the line */
        size_t sl = strlen(s), fixed_len, bad = 0;
        char *fixed = dyad__utf8_repair(s, sl, &fixed_len, &bad);
        if (!fixed) return DYAD_ENOMEM;
        free(fixed);
        if (bad) { dyad__dict_warn(d, c.file, line, "invalid UTF-8; line skipped"); continue; }
        s = trim(s);
        if (!*s) continue;
        if (*s == '@') {
            own_close(&c);
            char *kw = s + 1, *rest = kw;
            while (*rest && *rest != ' ' && *rest != '\t') rest++;
            if (*rest) *rest++ = 0;
            rest = trim(rest);
            char *key = rest;
            while (*rest && *rest != ' ' && *rest != '\t') rest++;
            if (*rest) *rest++ = 0;
            rest = trim(rest);
            c.noun_idx = c.adj_idx = c.caps_idx = c.person_idx = -1;
            c.country[0] = 0;
            if (strcmp(kw, "actor") == 0 || strcmp(kw, "agent") == 0 || strcmp(kw, "verb") == 0) {
                if (!valid_code(key)) {
                    dyad__dict_warn(d, c.file, line, "bad code \"%s\" (upper-case letters and digits)", key);
                    c.kind = -1;
                    continue;
                }
                snprintf(c.code, sizeof c.code, "%s", key);
                c.name = dyad__dict_keep(d, *rest ? rest : key, strlen(*rest ? rest : key));
                c.kind = kw[1] == 'c' ? 1 : kw[1] == 'g' ? 2 : 4;
                if (c.kind == 1 && strlen(key) >= 3) {
                    /* home country defaults to the first three letters for
                     * state codes (TUR, TURGOV); IGO/IMG codes set it explicitly */
                    if (strlen(key) == 3) memcpy(c.country, key, 4);
                }
                if (c.kind == 4 && !dyad__dict_cameo(d, key) && d->ncameo) {
                    /* cameo is sorted only at finish; linear check here */
                    int found = 0;
                    for (size_t i = 0; i < d->ncameo; i++)
                        if (strcmp(d->cameo[i].code, key) == 0) { found = 1; break; }
                    if (!found) dyad__dict_warn(d, c.file, line, "verb code %s is not in the CAMEO table", key);
                }
            } else if (strcmp(kw, "person") == 0) {
                char full[512];
                snprintf(full, sizeof full, "%s%s%s", key, *rest ? " " : "", rest);
                c.name = dyad__dict_keep(d, full, strlen(full));
                c.kind = 3;
                actor_entry e;
                memset(&e, 0, sizeof e);
                e.type = AE_PERSON;
                e.name = c.name;
                e.file = c.file;
                e.line = line;
                c.person_idx = dyad__dict_add_entry(d, &e);
                d->npeople++;
            } else if (strcmp(kw, "discard") == 0) {
                c.kind = 5;
                c.discard_doc = strcmp(key, "document") == 0;
                c.name = NULL;
                c.noun_idx = own_entry(&c, c.discard_doc ? AE_DOC_DISCARD : AE_DISCARD, "---");
            } else {
                dyad__dict_warn(d, c.file, line, "unknown stanza @%s", kw);
                c.kind = -1;
            }
            continue;
        }
        /* body or table line */
        if (c.kind == 0 && IS_DIGIT(*s)) {
            /* CAMEO table: CODE TAB GOLDSTEIN TAB QUAD TAB NAME */
            char *f[4] = {0};
            int nf = 0;
            char *q = s;
            while (nf < 4) {
                f[nf++] = q;
                if (nf == 4) break;
                char *tab = strchr(q, '\t');
                if (!tab) break;
                *tab = 0;
                q = tab + 1;
            }
            char *ep;
            double g = nf >= 2 ? strtod(f[1], &ep) : 0;
            int quad = nf >= 3 ? atoi(f[2]) : 0;
            if (nf < 4 || ep == f[1] || quad < 1 || quad > 4)
                dyad__dict_warn(d, c.file, line, "CAMEO row needs CODE, GOLDSTEIN, QUADCLASS, NAME separated by tabs");
            else if (g < -10 || g > 10)
                dyad__dict_warn(d, c.file, line, "Goldstein value %g outside -10..10", g);
            else
                dyad__dict_add_cameo(d, trim(f[0]), g, quad, trim(f[3]));
            continue;
        }
        if (c.kind < 0) continue;
        if (c.kind == 0) { dyad__dict_warn(d, c.file, line, "line outside a stanza"); continue; }
        if (c.kind == 4) {
            parse_own_pattern(&c, s);
            continue;
        }
        if (c.kind == 5) {
            own_phrases(&c, &d->actors, s, c.noun_idx, 0);
            continue;
        }
        char *field = s, *val = s;
        while (*val && *val != ' ' && *val != '\t') val++;
        if (*val) *val++ = 0;
        val = trim(val);
        if (strcmp(field, "country") == 0) {
            if (strlen(val) != 3 || !valid_code(val)) dyad__dict_warn(d, c.file, line, "country must be an alpha-3 code");
            else memcpy(c.country, val, 4);
            if (c.noun_idx >= 0) memcpy(d->entries[c.noun_idx].country, c.country, 4);
            if (c.adj_idx >= 0) memcpy(d->entries[c.adj_idx].country, c.country, 4);
            if (c.caps_idx >= 0) memcpy(d->entries[c.caps_idx].country, c.country, 4);
        } else if (strcmp(field, "kind") == 0 || strcmp(field, "name") == 0) {
            /* informational */
        } else if (strcmp(field, "noun") == 0) {
            if (c.kind == 1) {
                if (c.noun_idx < 0) c.noun_idx = own_entry(&c, AE_ACTOR, c.code);
                own_phrases(&c, &d->actors, val, c.noun_idx, 1);
            } else if (c.kind == 2) {
                if (c.noun_idx < 0) c.noun_idx = own_entry(&c, AE_AGENT, c.code);
                own_phrases(&c, &d->agents, val, c.noun_idx, 1);
            } else if (c.kind == 3) {
                own_phrases(&c, &d->actors, val, c.person_idx, 0);
            }
        } else if (strcmp(field, "caps") == 0 && c.kind == 1) {
            /* abbreviations that are words in lower case ("US", "us"): they
             * count only when written in capitals (actors.c) */
            if (c.caps_idx < 0) {
                c.caps_idx = own_entry(&c, AE_ACTOR, c.code);
                if (c.caps_idx >= 0) d->entries[c.caps_idx].caps = 1;
            }
            own_phrases(&c, &d->actors, val, c.caps_idx, 0);
        } else if (strcmp(field, "adj") == 0 && c.kind == 1) {
            if (c.adj_idx < 0) c.adj_idx = own_entry(&c, AE_ADJ, c.code);
            /* plurals too: "Palestinians", "Israelis" are the people */
            own_phrases(&c, &d->actors, val, c.adj_idx, 1);
        } else if (strcmp(field, "metonym") == 0 && c.kind == 1) {
            char *colon = strchr(val, ':');
            if (!colon) { dyad__dict_warn(d, c.file, line, "metonym needs AGENT: phrases"); continue; }
            *colon = 0;
            char *agt = trim(val);
            char code[32];
            snprintf(code, sizeof code, "%s%s", c.code, agt);
            if (!valid_code(agt) || strlen(code) > 15) { dyad__dict_warn(d, c.file, line, "bad metonym agent \"%s\"", agt); continue; }
            int idx = own_entry(&c, AE_ACTOR, code);
            if (idx >= 0) own_phrases(&c, &d->actors, colon + 1, idx, 0);
        } else if (strcmp(field, "role") == 0 && c.kind == 3) {
            char *save = NULL;
            char *code = strtok_r(val, " \t", &save);
            char *from = strtok_r(NULL, " \t", &save);
            char *to = strtok_r(NULL, " \t", &save);
            dated_code dc;
            memset(&dc, 0, sizeof dc);
            if (!code || !from || !to || !valid_code(code)) { dyad__dict_warn(d, c.file, line, "role needs CODE FROM TO"); continue; }
            if (parse_bound(from, INT_MIN, &dc.from) || parse_bound(to, INT_MAX, &dc.to)) {
                dyad__dict_warn(d, c.file, line, "bad date in role (YYYY-MM-DD or -)");
                continue;
            }
            if (dc.from > dc.to) { dyad__dict_warn(d, c.file, line, "role ends before it starts"); continue; }
            snprintf(dc.code, sizeof dc.code, "%s", code);
            dated_code *nr = dyad__xrealloc_array(c.roles, c.nroles + 1, sizeof *nr);
            if (!nr) return DYAD_ENOMEM;
            c.roles = nr;
            c.roles[c.nroles++] = dc;
        } else {
            dyad__dict_warn(d, c.file, line, "unknown field \"%s\"", field);
        }
    }
    own_close(&c);
    free(data);
    return 0;
}

/* dyad pattern: "verb word word_word a|b + $" */
static int parse_own_pattern(own_ctx *c, char *text) {
    dyad_dict *d = c->d;
    pattern p;
    memset(&p, 0, sizeof p);
    snprintf(p.code, sizeof p.code, "%.7s", c->code);
    p.file = c->file;
    p.line = c->line;
    p.gap = DYAD_PATTERN_GAP;
    pattern_el els[DYAD_MAX_PHRASE_WORDS];
    size_t nel = 0;
    int first = 1;
    char *q = text;
    {
        size_t vn = strcspn(text, " \t_");
        if (memchr(text, '|', vn)) {
            dyad__dict_warn(d, c->file, c->line, "the verb (first word) cannot have alternatives: write one line per verb");
            return -1;
        }
    }
    while (*q) {
        while (*q == ' ' || *q == '\t') q++;
        if (!*q) break;
        char *w = q;
        while (*q && *q != ' ' && *q != '\t') q++;
        char save = *q;
        *q = 0;
        /* split on '_' : adjacency */
        char *part = w;
        int adjacent = 0;
        while (part) {
            char *us = strchr(part, '_');
            if (us) *us = 0;
            if (*part) {
                if (nel >= DYAD_MAX_PHRASE_WORDS) { dyad__dict_warn(d, c->file, c->line, "pattern too long"); return -1; }
                pattern_el *e = &els[nel];
                memset(e, 0, sizeof *e);
                e->adjacent = (uint8_t)adjacent;
                if (strcmp(part, "+") == 0) e->kind = PE_TARGET;
                else if (strcmp(part, "$") == 0) e->kind = PE_SOURCE;
                else if (first) {
                    wid v = dyad__dict_intern(d, part, strlen(part));
                    if (!v) { dyad__dict_warn(d, c->file, c->line, "bad verb \"%s\"", part); return -1; }
                    dyad__dict_add_verb_forms(d, v, d->words[v].text, d->words[v].len);
                    p.verb = v;
                    first = 0;
                    adjacent = 1;
                    part = us ? us + 1 : NULL;
                    continue;
                } else {
                    e->kind = PE_WORD;
                    size_t na = 1;
                    for (char *x = part; *x; x++) if (*x == '|') na++;
                    e->alts = calloc(na, sizeof *e->alts);
                    if (!e->alts) return DYAD_ENOMEM;
                    char *s2 = NULL;
                    for (char *a = strtok_r(part, "|", &s2); a; a = strtok_r(NULL, "|", &s2)) {
                        wid aw = dyad__dict_intern(d, a, strlen(a));
                        if (!aw) continue;
                        dyad__dict_add_noun_forms(d, aw, d->words[aw].text, d->words[aw].len);
                        e->alts[e->nalts++] = aw;
                    }
                    p.nwords++;
                }
                nel++;
            }
            adjacent = 1;
            part = us ? us + 1 : NULL;
        }
        *q = save;
    }
    if (!p.verb) { dyad__dict_warn(d, c->file, c->line, "pattern has no verb"); return -1; }
    p.npost = (uint16_t)nel;
    p.post = calloc(nel ? nel : 1, sizeof *p.post);
    if (!p.post) return DYAD_ENOMEM;
    memcpy(p.post, els, nel * sizeof *els);
    return dyad__dict_add_pattern(d, &p);
}

/* ---- Defaults --------------------------------------------------------------------- */
static int has_suffix(const char *s, const char *suf) {
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

static int load_dir(dyad_dict *d, const char *dir) {
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    if (n < 0) return 0; /* a missing optional folder */
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (!rc && list[i]->d_name[0] != '.' && has_suffix(list[i]->d_name, ".txt")) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
            rc = dyad__load_own(d, path);
        }
        free(list[i]);
    }
    free(list);
    return rc;
}

#ifndef DYAD_DICT_DIR
#define DYAD_DICT_DIR "dict"
#endif

int dyad_dict_load_defaults(dyad_dict *d, const char *dir, unsigned what) {
    double t0 = now_ms();
    if (!dir) dir = getenv("DYAD_DICT_DIR");
    if (!dir || !*dir) dir = DYAD_DICT_DIR;
    char path[4096];
    /* the grammar's words: DIR's own, else the installed ones (the coder needs
     * them whatever dictionaries are loaded) */
    snprintf(path, sizeof path, "%s/grammar.txt", dir);
    if (access(path, R_OK) != 0) snprintf(path, sizeof path, "%s/grammar.txt", DYAD_DICT_DIR);
    int rc = load_grammar(d, path);
    if (rc) return rc;
    /* the irregular forms, the same way, before any word is inflected */
    static const char *const IRREGULAR[] = {"generated/irregular.exc", "irregular.exc"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, IRREGULAR[i]);
        if (access(path, R_OK) != 0) snprintf(path, sizeof path, "%s/%s", DYAD_DICT_DIR, IRREGULAR[i]);
        if ((rc = dyad__morph_load(d->irregular, path, d->errmsg, sizeof d->errmsg))) return rc;
    }
    snprintf(path, sizeof path, "%s/cameo.txt", dir);
    rc = dyad__load_own(d, path);
    if (rc) return rc;
    if (what & DYAD_DEFAULT_ACTORS) {
        snprintf(path, sizeof path, "%s/generated", dir);
        if ((rc = load_dir(d, path))) return rc;
        /* the gazetteer, mapped (optional: a test dictionary has none) */
        snprintf(path, sizeof path, "%s/generated/gazetteer.bin", dir);
        if (!d->gaz && access(path, F_OK) == 0 &&
            (rc = dyad__gaz_open(path, &d->gaz, d->errmsg, sizeof d->errmsg)))
            return rc;
        snprintf(path, sizeof path, "%s/actors", dir);
        if ((rc = load_dir(d, path))) return rc;
        snprintf(path, sizeof path, "%s/people", dir);
        if ((rc = load_dir(d, path))) return rc;
    }
    if (what & DYAD_DEFAULT_AGENTS) {
        snprintf(path, sizeof path, "%s/agents.txt", dir);
        FILE *f = fopen(path, "r"); /* optional: a dictionary may have no agents */
        if (f) { fclose(f); if ((rc = dyad__load_own(d, path))) return rc; }
    }
    if (what & DYAD_DEFAULT_VERBS) {
        snprintf(path, sizeof path, "%s/verbs", dir);
        if ((rc = load_dir(d, path))) return rc;
        snprintf(path, sizeof path, "%s/discards.txt", dir);
        FILE *f = fopen(path, "r");
        if (f) { fclose(f); if ((rc = dyad__load_own(d, path))) return rc; }
    }
    d->load_ms += now_ms() - t0;
    return 0;
}

/* ---- Stats and lint ------------------------------------------------------------------ */
void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *s) {
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < d->nentries; i++)
        if (d->entries[i].type == AE_ACTOR || d->entries[i].type == AE_PERSON) s->actors++;
    s->actor_phrases = d->nphrases;
    s->people = d->npeople;
    s->roles = d->nroles;
    s->agents = d->nagent_phrases;
    s->verbs = d->nverbs;
    s->patterns = d->npats;
    s->codes = d->ncameo;
    int roots[21] = {0};
    for (size_t i = 0; i < d->npats; i++) {
        const char *c = d->pats[i].code;
        if (IS_DIGIT(c[0]) && IS_DIGIT(c[1])) {
            int r = (c[0] - '0') * 10 + (c[1] - '0');
            if (r >= 1 && r <= 20) roots[r] = 1;
        }
    }
    for (int r = 1; r <= 20; r++) s->roots_covered += (size_t)roots[r];
    /* the words the dictionaries know: not those named only by a grammar class */
    for (size_t i = 1; i < d->nwords; i++) s->words += !(d->words[i].cls & G_ONLY);
    s->load_ms = d->load_ms;
    if (d->gaz) {
        const gaz_header *h = dyad__gaz_header(d->gaz);
        s->places = h->nplaces;
        s->place_names = h->nnames;
        s->places_source = h->source;
    }
}

static int pat_equal(const pattern *a, const pattern *b) {
    if (a->verb != b->verb || a->npre != b->npre || a->npost != b->npost) return 0;
    for (size_t i = 0; i < a->npost; i++) {
        const pattern_el *x = &a->post[i], *y = &b->post[i];
        if (x->kind != y->kind || x->nalts != y->nalts || x->adjacent != y->adjacent) return 0;
        for (size_t j = 0; j < x->nalts; j++) if (x->alts[j] != y->alts[j]) return 0;
    }
    for (size_t i = 0; i < a->npre; i++) {
        const pattern_el *x = &a->pre[i], *y = &b->pre[i];
        if (x->kind != y->kind || x->nalts != y->nalts) return 0;
        for (size_t j = 0; j < x->nalts; j++) if (x->alts[j] != y->alts[j]) return 0;
    }
    return 1;
}

size_t dyad_dict_lint(const dyad_dict *d, dyad_lint_fn report, void *user) {
    size_t problems = 0;
    char msg[512];
    /* warnings gathered while loading */
    for (size_t i = 0; i < d->nwarnings; i++) {
        report(user, NULL, 0, d->warnings[i]);
        problems++;
    }
    /* patterns: unknown codes, duplicates, can never match */
    for (size_t v = 0; v < d->nverbs; v++) {
        for (uint32_t i = 0; i < d->verb_nlist[v]; i++) {
            const pattern *p = &d->pats[d->verb_lists[v][i]];
            if (p->code[0] != '-' && p->code[0] != '+' && p->code[0] != '#' && d->ncameo &&
                !dyad__dict_cameo(d, p->code)) {
                snprintf(msg, sizeof msg, "pattern code %s is not in the CAMEO table", p->code);
                report(user, p->file, p->line, msg);
                problems++;
            }
            for (size_t e = 0; e < p->npost; e++)
                if (p->post[e].kind == PE_WORD && p->post[e].nalts == 0) {
                    report(user, p->file, p->line, "pattern word can never match (empty alternatives)");
                    problems++;
                }
            for (uint32_t j = 0; j < i; j++) {
                const pattern *q = &d->pats[d->verb_lists[v][j]];
                if (pat_equal(p, q)) {
                    snprintf(msg, sizeof msg, "%s pattern duplicates %s:%d%s%s",
                             strcmp(p->code, q->code) ? "conflicting" : "duplicate", q->file,
                             q->line, strcmp(p->code, q->code) ? " with code " : "",
                             strcmp(p->code, q->code) ? q->code : "");
                    report(user, p->file, p->line, msg);
                    problems++;
                    break;
                }
            }
        }
    }
#define OPEN_ROLE(c) ((c)->from == INT_MIN && (c)->to == INT_MAX)
    /* people: overlapping terms with different codes */
    for (size_t i = 0; i < d->nentries; i++) {
        const actor_entry *e = &d->entries[i];
        if (e->type != AE_PERSON) continue;
        for (size_t a = 0; a < e->ncodes; a++)
            for (size_t b = a + 1; b < e->ncodes; b++)
                /* a role open at both ends ("- -") is the stanza's default for
                 * dates outside its other roles and for undated documents */
                if (!OPEN_ROLE(&e->codes[a]) && !OPEN_ROLE(&e->codes[b]) &&
                    e->codes[a].from < e->codes[b].to && e->codes[b].from < e->codes[a].to &&
                    strcmp(e->codes[a].code, e->codes[b].code) != 0) {
                    snprintf(msg, sizeof msg, "%s: roles %s and %s overlap", e->name,
                             e->codes[a].code, e->codes[b].code);
                    report(user, e->file, e->line, msg);
                    problems++;
                }
    }
    /* phrases bound to two entries of different codes (duplicates/conflicts) */
    const trie *t = &d->actors;
    for (size_t node = 0; node < t->nnodes; node++) {
        int first = t->payload[node];
        if (!first) continue;
        int ecount = 0;
        const actor_entry *prev = NULL;
        for (int cell = first; cell; cell = dyad__trie_cell_next(t, cell)) {
            const actor_entry *e = &d->entries[dyad__trie_cell_entry(t, cell)];
            if (prev && e->type == prev->type && e->ncodes && prev->ncodes &&
                e->type != AE_PERSON && strcmp(e->codes[0].code, prev->codes[0].code) != 0 &&
                strcmp(e->file, prev->file) == 0) {
                snprintf(msg, sizeof msg, "a phrase of %s (%s) is also %s at %s:%d", e->name ? e->name : "?",
                         e->codes[0].code, prev->codes[0].code, prev->file, prev->line);
                report(user, e->file, e->line, msg);
                problems++;
            }
            prev = e;
            ecount++;
        }
    }
    return problems;
}
