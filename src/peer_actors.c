/* peer_actors.c -- actors, agents and discards files of the peers'
 * dictionaries (TABARI, PETRARCH) into dyad's entries and phrase tries.
 * docs/peer-dictionaries.md, "Actors", "Agents", "Discards". */
#include "peer.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <limits.h>

/* ---- ACTORS ---------------------------------------------------------------------- */
typedef struct {
    peer *p;
    int idx; /* entry being read, -1 none */
    int line;
    dated_code *codes;
    size_t ncodes, cap;
} actx;

static int push_code(dated_code **v, size_t *n, size_t *cap, const dated_code *c) {
    if (dyad__grow_array(v, cap, *n, sizeof **v, 4)) return DYAD_ENOMEM;
    (*v)[(*n)++] = *c;
    return 0;
}

/* YYMMDD (YY < 30: 20YY; BACK: a century earlier) or YYYYMMDD -> days.  A day the month does not have
 * (TABARI's CountryInfo writes 040631, 041131) is read as the month's last
 * day and counted (one warning per file). */
static int parse_day(peer *p, int line, const char *s, size_t n, int back, int *days, int *six) {
    int dig[8];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') continue;
        if (!IS_DIGIT(s[i]) || k == 8) return -1;
        dig[k++] = s[i] - '0';
    }
    int y, m, dd;
    if (k == 8) {
        y = dig[0] * 1000 + dig[1] * 100 + dig[2] * 10 + dig[3];
        m = dig[4] * 10 + dig[5];
        dd = dig[6] * 10 + dig[7];
    } else if (k == 6) {
        y = dig[0] * 10 + dig[1];
        y += y < 30 ? 2000 : 1900;
        if (back) y -= 100;
        m = dig[2] * 10 + dig[3];
        dd = dig[4] * 10 + dig[5];
    } else {
        return -1;
    }
    if (six) *six = k == 6;
    if (m < 1 || m > 12 || dd > 31) return -1;
    int last = dyad__days_in_month(y, m);
    if (dd < 1 || dd > last) {
        if (!p->nclamped++) p->clamp_line = line;
        dd = dd < 1 ? 1 : last;
    }
    *days = dyad__date_days(y, m, dd);
    return 0;
}

/* "CODE", "CODE <DATE", "CODE >DATE", "CODE DATE-DATE" -> *out; 0 or -1. */
static int parse_dated(peer *p, int line, const char *c, size_t n, dated_code *out) {
    char t[160];
    if (n >= sizeof t) {
        dyad__peer_warn(p, line, "code group too long");
        return -1;
    }
    memcpy(t, c, n);
    t[n] = 0;
    char *s = dyad__peer_trim(t);
    char *e = s;
    while (*e && *e != ' ' && *e != '<' && *e != '>') e++;
    size_t cl = (size_t)(e - s);
    int run = 0, maxrun = 0;
    for (size_t i = 0; i < cl; i++) {
        run = IS_DIGIT(s[i]) ? run + 1 : 0;
        if (run > maxrun) maxrun = run;
    }
    if (cl == 0 || maxrun >= 6) {
        dyad__peer_warn(p, line, "code group [%s] has no code before its date", s);
        return -1;
    }
    memset(out, 0, sizeof *out);
    if (cl >= sizeof out->code) { /* "USA/RUS/IGOUNO/IGOEEC": keep whole codes */
        size_t k = sizeof out->code - 1;
        while (k && s[k] != '/') k--;
        dyad__peer_warn(p, line, "actor code %.*s longer than %zu characters: cut to %.*s", (int)cl, s,
              sizeof out->code - 1, (int)(k ? k : sizeof out->code - 1), s);
        cl = k ? k : sizeof out->code - 1;
    }
    memcpy(out->code, s, cl);
    out->from = INT_MIN;
    out->to = INT_MAX;
    char *r = dyad__peer_trim(e);
    if (!*r) return 0;
    if (*r == '<' || *r == '>') {
        int days;
        if (parse_day(p, line, r + 1, strlen(r + 1), 0, &days, NULL)) {
            dyad__peer_warn(p, line, "bad date in [%s] (YYMMDD or YYYYMMDD)", s);
            return -1;
        }
        if (*r == '<') out->to = days;
        else out->from = days;
        return 0;
    }
    char *dash = strchr(r, '-');
    int d1, d2, six = 0;
    if (!dash || parse_day(p, line, r, (size_t)(dash - r), 0, &d1, &six) ||
        parse_day(p, line, dash + 1, strlen(dash + 1), 0, &d2, NULL)) {
        dyad__peer_warn(p, line, "bad date restriction in [%s] (<DATE, >DATE or DATE-DATE)", s);
        return -1;
    }
    /* CountryInfo's birth years: "270101-730717" is 1927-1973, and
     * "950101-370722" 1895-1937: a YYMMDD start after the end is taken from
     * the century before (counted, one warning per file) */
    int early;
    if (d2 < d1 && six && !parse_day(p, line, r, (size_t)(dash - r), 1, &early, NULL) && early <= d2) {
        if (!p->ncentury++) p->century_line = line;
        d1 = early;
    }
    if (d2 < d1) {
        dyad__peer_warn(p, line, "date restriction in [%s] ends before it starts", s);
        return -1;
    }
    out->from = d1;
    out->to = d2;
    return 0;
}

/* Reads every [...] group of S into V; returns DYAD_ENOMEM or 0. */
static int read_groups(peer *p, int line, const char *s, dated_code **v, size_t *n, size_t *cap) {
    const char *c;
    size_t cn;
    int rep;
    while ((s = dyad__peer_next_group(s, &c, &cn, &rep)) != NULL) {
        if (rep) dyad__peer_warn(p, line, "missing ']' after [%.*s", (int)cn, c);
        dated_code dc;
        if (parse_dated(p, line, c, cn, &dc)) continue;
        if (push_code(v, n, cap, &dc)) return DYAD_ENOMEM;
    }
    return 0;
}

/* The phrase part of an actor/agent line: before '[' and '{', trimmed, with
 * a leading '+' dropped and TABARI's trailing '=' read as '_' (*plural is
 * then 0: "MOUSE=" does not match "Mouses"; otherwise TABARI's regular noun
 * endings hold, also after '_'; PETRARCH actors get no plurals). */
static size_t phrase_part(peer *p, const char *s, char *out, size_t cap, int *plural) {
    if (*s == '+') s++;
    size_t n = strcspn(s, "[{");
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    while (*s == ' ' && n) { s++; n--; }
    if (n >= cap) n = cap - 1;
    memcpy(out, s, n);
    out[n] = 0;
    *plural = p->tabari;
    if (p->tabari && n && out[n - 1] == '=') {
        out[n - 1] = '_';
        *plural = 0;
    }
    return n;
}

static const char *display_name(dyad_dict *d, const char *ph, size_t n) {
    char t[512];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof t - 1; i++) {
        char c = ph[i] == '_' ? ' ' : ph[i];
        if (c == ' ' && (k == 0 || t[k - 1] == ' ')) continue;
        t[k++] = c;
    }
    while (k && t[k - 1] == ' ') k--;
    return dyad__dict_keep(d, t, k);
}

/* Does PH already lead, in trie T, to an entry read from this file?  Then
 * the first one listed is kept, as the peers read their lists in order
 * (TABARI's "AL_GORE [AGR]" before "AL GORE [TEN]": the trie has no gaps,
 * so both are the same phrase here). */
static int phrase_taken(peer *p, const trie *t, const char *ph, size_t n) {
    char tmp[1024];
    if (!t->nnodes || n >= sizeof tmp) return 0;
    for (size_t i = 0; i < n; i++) tmp[i] = ph[i] == '_' ? ' ' : ph[i];
    span sp[DYAD_MAX_PHRASE_WORDS + 1];
    size_t k = dyad__tokens_split_phrase(tmp, n, sp, DYAD_MAX_PHRASE_WORDS + 1);
    if (!k || k > DYAD_MAX_PHRASE_WORDS) return 0;
    int node = 0;
    for (size_t i = 0; i < k; i++) {
        char f[DYAD_MAX_WORD_BYTES * 2];
        size_t fl = dyad__utf8_fold(tmp + sp[i].start, sp[i].end - sp[i].start, f, sizeof f);
        wid w = fl ? dyad__dict_lookup(p->d, f, fl) : 0;
        if (!w || (node = dyad__trie_child(t, node, w)) < 0) return 0;
    }
    for (int c = dyad__trie_first(t, node); c; c = dyad__trie_cell_next(t, c))
        if (p->d->entries[dyad__trie_cell_entry(t, c)].file == p->file) return 1;
    return 0;
}

static void add_phrase(peer *p, int line, trie *t, const char *ph, size_t n, int idx, int plural) {
    if (!n) return;
    if (phrase_taken(p, t, ph, n)) {
        if (!p->ndup++) p->dup_line = line;
        return;
    }
    int r = dyad__dict_add_phrase(p->d, t, ph, n, idx, plural, p->tabari);
    if (r) dyad__peer_warn(p, line, "phrase \"%s\": %s", ph, dyad_strerror(r));
}

static void actor_close(actx *a) {
    if (a->idx < 0) return;
    dyad_dict *d = a->p->d;
    if (!a->ncodes) {
        dyad__peer_warn(a->p, a->line, "actor \"%s\" has no code: read as the null actor [---]",
              d->entries[a->idx].name ? d->entries[a->idx].name : "?");
        dated_code dc;
        memset(&dc, 0, sizeof dc);
        strcpy(dc.code, "---");
        dc.from = INT_MIN;
        dc.to = INT_MAX;
        if (push_code(&a->codes, &a->ncodes, &a->cap, &dc)) {
            a->idx = -1;
            return;
        }
    }
    actor_entry *e = &d->entries[a->idx];
    if (a->p->tabari && a->ncodes == 1 && strcmp(a->codes[0].code, "###") == 0 &&
        a->codes[0].from == INT_MIN && a->codes[0].to == INT_MAX)
        e->type = AE_DISCARD;
    if (a->ncodes > UINT16_MAX) a->ncodes = UINT16_MAX;
    e->codes = a->codes;
    e->ncodes = (uint16_t)a->ncodes;
    a->codes = NULL;
    a->ncodes = a->cap = 0;
    a->idx = -1;
}

static int actor_open(actx *a, int line, const char *ph, size_t n) {
    actor_close(a);
    actor_entry e;
    memset(&e, 0, sizeof e);
    e.type = AE_ACTOR;
    e.name = display_name(a->p->d, ph, n);
    e.file = a->p->file;
    e.line = line;
    int idx = dyad__dict_add_entry(a->p->d, &e);
    if (idx < 0) return idx;
    a->idx = idx;
    a->line = line;
    return 0;
}

/* Actor and agent files: a section tag line switches skipping on (<NOUN>,
 * <ADJECTIVE>, <TIME>: TABARI's parser lists) or off; returns 1 for a tag line. */
static int section_line(peer *p, int line, const char *s, int *skip) {
    int tag = dyad__peer_section_tag(s);
    if (!tag) return 0;
    if (tag == 1) *skip = 1;
    else if (tag == 2) *skip = 0;
    else if (tag < 0) dyad__peer_warn(p, line, "unknown tag %s skipped", s);
    return 1;
}

int dyad__peer_load_actors(peer *p) {
    actx a;
    memset(&a, 0, sizeof a);
    a.p = p;
    a.idx = -1;
    int skip = 0, rc = 0;
    size_t skipped = 0;
    char ph[1024];
    for (size_t i = 0; i < p->nlines && !rc; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        if (!p->tabari && strstr(s, "---STOP---")) break;
        if (s[0] == '~' && s[1] == '~') continue;
        if (section_line(p, line, s, &skip)) continue;
        if (skip) { skipped++; continue; }
        if (s[0] == '[') { /* codes and date restrictions of the current actor */
            if (a.idx < 0) {
                dyad__peer_warn(p, line, "code line %s before any actor: skipped", s);
                continue;
            }
            rc = read_groups(p, line, s, &a.codes, &a.ncodes, &a.cap);
            continue;
        }
        int plural;
        size_t n = phrase_part(p, s, ph, sizeof ph, &plural);
        if (!n) {
            dyad__peer_warn(p, line, "no phrase in \"%s\": skipped", s);
            continue;
        }
        if (s[0] == '+') { /* synonym */
            if (a.idx < 0) {
                dyad__peer_warn(p, line, "synonym %s before any actor: skipped", s);
                continue;
            }
            if (strchr(s, '[')) {
                dated_code *v = NULL;
                size_t nv = 0, cv = 0;
                if (read_groups(p, line, s, &v, &nv, &cv)) { free(v); rc = DYAD_ENOMEM; break; }
                int same = nv == 0 || (a.ncodes && strcmp(v[0].code, a.codes[0].code) == 0);
                if (!same && a.ncodes) {
                    dyad__peer_warn(p, line, "synonym %s has a code of its own: read as a new actor", s);
                    if ((rc = actor_open(&a, line, ph, n))) { free(v); break; }
                }
                if (!same || !a.ncodes)
                    for (size_t k = 0; k < nv && !rc; k++)
                        rc = push_code(&a.codes, &a.ncodes, &a.cap, &v[k]);
                free(v);
            }
            add_phrase(p, line, &p->d->actors, ph, n, a.idx, plural);
            continue;
        }
        if (strstr(ph, ": ") && !strchr(s, '[')) { /* "Source: IGO.MLH.actors" */
            dyad__peer_warn(p, line, "not an actor line: %s", s);
            continue;
        }
        /* as in PETRARCH, an actor with no code yet shares the codes that
         * follow: "IVO_JOSIPOVIC_ / PRESIDENT_JOSIPOVIC_ / [HRVGOV ...]" */
        if (a.idx < 0 || a.ncodes) {
            if ((rc = actor_open(&a, line, ph, n))) break;
        }
        add_phrase(p, line, &p->d->actors, ph, n, a.idx, plural);
        rc = read_groups(p, line, s, &a.codes, &a.ncodes, &a.cap);
    }
    actor_close(&a);
    free(a.codes);
    (void)skipped; /* <NOUN>/<ADJECTIVE> lists: TABARI parser hints, not actors */
    return rc;
}

/* ---- AGENTS ----------------------------------------------------------------------- */
typedef struct {
    char *name;   /* without the '!' */
    char **vals;
    size_t nvals;
} marker;

static void markers_free(marker *m, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(m[i].name);
        for (size_t j = 0; j < m[i].nvals; j++) free(m[i].vals[j]);
        free(m[i].vals);
    }
    free(m);
}

/* "!NAME! = A, B, C" */
static int define_marker(peer *p, int line, const char *s, marker **m, size_t *nm) {
    const char *a = strchr(s, '!'), *b = a ? strchr(a + 1, '!') : NULL;
    const char *eq = b ? strchr(b, '=') : NULL;
    if (!a || !b || !eq || b == a + 1) {
        dyad__peer_warn(p, line, "substitution marker wrongly defined: %s", s);
        return 0;
    }
    marker nmk;
    memset(&nmk, 0, sizeof nmk);
    nmk.name = dyad__peer_dup(a + 1, (size_t)(b - a - 1));
    if (!nmk.name) return DYAD_ENOMEM;
    const char *v = eq + 1;
    while (*v) {
        size_t k = strcspn(v, ",");
        const char *x = v;
        size_t xn = k;
        while (xn && (*x == ' ')) { x++; xn--; }
        while (xn && x[xn - 1] == ' ') xn--;
        if (xn) {
            char **nv = dyad__xrealloc_array(nmk.vals, nmk.nvals + 1, sizeof *nv);
            char *val = nv ? dyad__peer_dup(x, xn) : NULL;
            if (nv) nmk.vals = nv;
            if (!val) {
                free(nmk.name);
                for (size_t i = 0; i < nmk.nvals; i++) free(nmk.vals[i]);
                free(nmk.vals);
                return DYAD_ENOMEM;
            }
            nmk.vals[nmk.nvals++] = val;
        }
        v += k;
        if (*v == ',') v++;
    }
    marker *nm2 = dyad__xrealloc_array(*m, *nm + 1, sizeof *nm2);
    if (!nm2) {
        free(nmk.name);
        for (size_t i = 0; i < nmk.nvals; i++) free(nmk.vals[i]);
        free(nmk.vals);
        return DYAD_ENOMEM;
    }
    *m = nm2;
    (*m)[(*nm)++] = nmk;
    return 0;
}

/* Adds PH with every !MARKER! substituted (recursively, for several markers). */
static void add_marked(peer *p, int line, const char *ph, const marker *m, size_t nm, int idx,
                       int depth, int *count) {
    const char *a = strchr(ph, '!'), *b = a ? strchr(a + 1, '!') : NULL;
    if (!a) {
        if (++*count <= 64) add_phrase(p, line, &p->d->agents, ph, strlen(ph), idx, 0);
        return;
    }
    if (!b || depth > 4) {
        dyad__peer_warn(p, line, "substitution marker in \"%s\" not closed: skipped", ph);
        return;
    }
    const marker *mk = NULL;
    for (size_t i = 0; i < nm && !mk; i++)
        if (strlen(m[i].name) == (size_t)(b - a - 1) && memcmp(m[i].name, a + 1, (size_t)(b - a - 1)) == 0)
            mk = &m[i];
    if (!mk) {
        dyad__peer_warn(p, line, "substitution marker %.*s not defined: skipped", (int)(b - a + 1), a);
        return;
    }
    char t[1024];
    for (size_t i = 0; i < mk->nvals; i++) {
        int k = snprintf(t, sizeof t, "%.*s%s%s", (int)(a - ph), ph, mk->vals[i], b + 1);
        if (k < 0 || (size_t)k >= sizeof t) continue;
        add_marked(p, line, t, m, nm, idx, depth + 1, count);
    }
}

int dyad__peer_load_agents(peer *p) {
    marker *m = NULL;
    size_t nm = 0;
    int rc = 0, skip = 0;
    char ph[1024];
    for (size_t i = 0; i < p->nlines && !rc; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        if (s[0] == '~' && s[1] == '~') continue;
        if (section_line(p, line, s, &skip)) continue;
        if (skip) continue;
        if (strchr(s, '!') && strchr(s, '=') && !strchr(s, '[')) {
            rc = define_marker(p, line, s, &m, &nm);
            continue;
        }
        const char *c;
        size_t cn;
        int rep;
        if (!dyad__peer_next_group(s, &c, &cn, &rep)) {
            dyad__peer_warn(p, line, "agent without [CODE]: skipped");
            continue;
        }
        if (rep) dyad__peer_warn(p, line, "missing ']' after [%.*s: repaired", (int)cn, c);
        char code[16];
        int cut;
        dyad__peer_copy_code(code, sizeof code, c, cn, &cut);
        int prefix = 0;
        size_t cl = strlen(code);
        if (cl && code[cl - 1] == '~') {
            prefix = 1;
            code[--cl] = 0;
        } else if (code[0] == '~') {
            memmove(code, code + 1, cl);
            cl--;
        }
        if (!cl || strchr(code, '~')) {
            dyad__peer_warn(p, line, "bad agent code [%.*s]: skipped", (int)cn, c);
            continue;
        }
        if (cut) dyad__peer_warn(p, line, "agent code [%.*s] too long: cut", (int)cn, c);
        int plural;
        size_t n = phrase_part(p, s, ph, sizeof ph, &plural);
        if (!n) {
            dyad__peer_warn(p, line, "agent without a phrase: skipped");
            continue;
        }
        int idx = dyad__dict_add_undated_entry(p->d, AE_AGENT, code, display_name(p->d, ph, n), NULL, prefix,
                                         p->file, line);
        if (idx < 0) { rc = idx; break; }
        if (strchr(ph, '!')) { /* substitution markers: no plurals */
            int count = 0;
            add_marked(p, line, ph, m, nm, idx, 0, &count);
            if (count > 64) dyad__peer_warn(p, line, "markers give %d phrases: first 64 kept", count);
            continue;
        }
        const char *lbr = strchr(s, '{');
        if (lbr && lbr < c) {
            const char *rbr = strchr(lbr, '}');
            if (!rbr || rbr > c) {
                dyad__peer_warn(p, line, "missing '}' after plurals");
                rbr = c - 1;
            }
            add_phrase(p, line, &p->d->agents, ph, n, idx, 0);
            const char *q = lbr + 1;
            while (q < rbr) { /* each plural */
                while (q < rbr && *q == ' ') q++;
                const char *st = q;
                while (q < rbr && *q != ' ') q++;
                if (q > st) {
                    char pl[512];
                    size_t pn = (size_t)(q - st) < sizeof pl - 1 ? (size_t)(q - st) : sizeof pl - 1;
                    memcpy(pl, st, pn);
                    pl[pn] = 0;
                    add_phrase(p, line, &p->d->agents, pl, pn, idx, 0);
                }
            }
        } else {
            add_phrase(p, line, &p->d->agents, ph, n, idx, p->tabari ? plural : 1);
        }
    }
    markers_free(m, nm);
    return rc;
}

/* ---- DISCARDS ----------------------------------------------------------------------- */
int dyad__peer_load_discards(peer *p) {
    char ph[1024];
    for (size_t i = 0; i < p->nlines; i++) {
        const char *s = LINE(p, i);
        int line = LNO(p, i);
        int doc = s[0] == '+';
        int plural;
        size_t n = phrase_part(p, s, ph, sizeof ph, &plural);
        if (!n) {
            dyad__peer_warn(p, line, "discard without a phrase: skipped");
            continue;
        }
        int idx = dyad__dict_add_undated_entry(p->d, doc ? AE_DOC_DISCARD : AE_DISCARD, "---",
                                         display_name(p->d, ph, n), NULL, 0, p->file, line);
        if (idx < 0) return idx;
        add_phrase(p, line, &p->d->actors, ph, n, idx, p->tabari ? plural : 1);
    }
    return 0;
}
