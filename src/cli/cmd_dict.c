/* cmd_dict.c -- `dyad dict lint|stats`, and the dictionary options and
 * loading every command shares. */
#include "cli.h"
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const dyad__cli_dict_help =
    "Dictionary options:\n"
    "  --dict-dir DIR        dyad's own dictionaries (default: $DYAD_DICT_DIR or the built-in path)\n"
    "  --dict-format F       format of the files below: dyad, petrarch or tabari (default dyad)\n"
    "  --verbs FILE          verb patterns\n"
    "  --actors FILE         actors (repeatable)\n"
    "  --agents FILE         agents\n"
    "  --discards FILE       discards (PETRARCH)\n"
    "  --options FILE        options (TABARI)\n"
    "  --no-default-dicts    do not load dyad's own actors, agents and verbs\n"
    "  --no-default-actors   ... only its actors\n"
    "  --no-default-agents   ... only its agents\n"
    "  --no-default-verbs    ... only its verbs\n"
    "Files given are added to dyad's own unless the matching --no-default-... is given.\n";

/* The default number of coding threads: the cores, within 1..DYAD_MAX_THREADS. */
int dyad__cli_default_threads(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > DYAD_MAX_THREADS ? DYAD_MAX_THREADS : (int)n;
}

int dyad__cli_jobs(const char *cmd, const char *arg, int *threads) {
    char *end;
    long v = strtol(arg, &end, 10);
    if (*end || v < 1 || v > DYAD_MAX_THREADS) {
        fprintf(stderr, "dyad %s: -j %s: the number of coding threads is 1..%d\n", cmd, arg, DYAD_MAX_THREADS);
        return EXIT_USAGE;
    }
    *threads = (int)v;
    return 0;
}

int dyad__cli_take_dict_opt(dict_opts *o, int argc, char **argv, int *i) {
    const char *a = argv[*i];
#define NEEDARG()                                                      \
    do {                                                               \
        if (*i + 1 >= argc) {                                          \
            fprintf(stderr, "dyad: %s needs an argument\n", a);        \
            exit(EXIT_USAGE);                                          \
        }                                                              \
    } while (0)
    if (strcmp(a, "--dict-dir") == 0) { NEEDARG(); o->dict_dir = argv[++*i]; return 1; }
    if (strcmp(a, "--dict-format") == 0) {
        NEEDARG();
        const char *f = argv[++*i];
        if (strcmp(f, "petrarch") == 0) o->format = DYAD_DICT_PETRARCH;
        else if (strcmp(f, "tabari") == 0) o->format = DYAD_DICT_TABARI;
        else if (strcmp(f, "dyad") == 0) o->format = DYAD_DICT_DYAD;
        else { fprintf(stderr, "dyad: unknown --dict-format %s (dyad, petrarch, tabari)\n", f); exit(EXIT_USAGE); }
        return 1;
    }
    if (strcmp(a, "--verbs") == 0) { NEEDARG(); o->verbs = argv[++*i]; return 1; }
    if (strcmp(a, "--agents") == 0) { NEEDARG(); o->agents = argv[++*i]; return 1; }
    if (strcmp(a, "--discards") == 0) { NEEDARG(); o->discards = argv[++*i]; return 1; }
    if (strcmp(a, "--options") == 0) { NEEDARG(); o->options = argv[++*i]; return 1; }
    if (strcmp(a, "--actors") == 0) {
        NEEDARG();
        if (o->nactors == 64) { fprintf(stderr, "dyad: too many --actors (64)\n"); exit(EXIT_USAGE); }
        o->actors[o->nactors++] = argv[++*i];
        return 1;
    }
    if (strcmp(a, "--no-default-dicts") == 0) { o->defaults = 0; return 1; }
    if (strcmp(a, "--no-default-actors") == 0) { o->defaults &= ~(unsigned)DYAD_DEFAULT_ACTORS; return 1; }
    if (strcmp(a, "--no-default-agents") == 0) { o->defaults &= ~(unsigned)DYAD_DEFAULT_AGENTS; return 1; }
    if (strcmp(a, "--no-default-verbs") == 0) { o->defaults &= ~(unsigned)DYAD_DEFAULT_VERBS; return 1; }
#undef NEEDARG
    return 0;
}

struct dict_file { const char *path; dyad_file_kind kind; };

#define DICT_WARNINGS_SHOWN 10

dyad_dict *dyad__cli_load_dicts(const dict_opts *o, int quiet) {
    dyad_dict *d;
    if (dyad_dict_new(&d)) { fprintf(stderr, "dyad: out of memory\n"); exit(EXIT_NOMEM); }
    int rc = dyad_dict_load_defaults(d, o->dict_dir, o->defaults);
    if (rc) {
        fprintf(stderr, "dyad: %s\n", dyad_dict_errmsg(d));
        exit(EXIT_DICT);
    }
    struct dict_file files[70];
    int nf = 0;
    if (o->verbs) files[nf++] = (struct dict_file){o->verbs, DYAD_FILE_VERBS};
    for (int i = 0; i < o->nactors; i++) files[nf++] = (struct dict_file){o->actors[i], DYAD_FILE_ACTORS};
    if (o->agents) files[nf++] = (struct dict_file){o->agents, DYAD_FILE_AGENTS};
    if (o->discards) files[nf++] = (struct dict_file){o->discards, DYAD_FILE_DISCARDS};
    if (o->options) files[nf++] = (struct dict_file){o->options, DYAD_FILE_OPTIONS};
    for (int i = 0; i < nf; i++) {
        rc = dyad_dict_load_file(d, (dyad_dict_format)o->format,
                                 o->format == DYAD_DICT_DYAD ? DYAD_FILE_AUTO : files[i].kind, files[i].path);
        if (rc) {
            fprintf(stderr, "dyad: %s\n", dyad_dict_errmsg(d));
            exit(EXIT_DICT);
        }
    }
    if ((rc = dyad_dict_finish(d))) {
        fprintf(stderr, "dyad: %s\n", dyad_strerror(rc));
        exit(EXIT_DICT);
    }
    /* Dictionary warnings (lines skipped or repaired while loading): the first
     * DICT_WARNINGS_SHOWN in full, then a count; `dyad dict lint` lists all. */
    size_t nw = dyad_dict_warning_count(d);
    if (!quiet && nw) {
        size_t show = getenv("DYAD_DICT_WARNINGS") ? nw : nw < DICT_WARNINGS_SHOWN ? nw : DICT_WARNINGS_SHOWN;
        for (size_t i = 0; i < show; i++)
            fprintf(stderr, "dyad: warning: %s\n", dyad_dict_warning(d, i));
        if (show < nw)
            fprintf(stderr, "dyad: warning: %zu more dictionary warnings; `dyad dict lint` with the same dictionary options lists them all\n", nw - show);
    }
    return d;
}

static void lint_line(void *user, const char *file, int line, const char *msg) {
    (void)user;
    if (file) printf("%s:%d: %s\n", file, line, msg);
    else printf("%s\n", msg);
}

int dyad__cli_dict(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs("usage: dyad dict lint|stats [dictionary options]\n\n"
              "lint: duplicates, conflicts, unknown codes, patterns that can never match, bad lines,\n"
              "      overlapping terms in office; exit 1 when there are problems.\n"
              "stats: entries, phrases, patterns, CAMEO roots covered, load time.\n\n", stdout);
        fputs(dyad__cli_dict_help, stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *sub = argv[1];
    dict_opts o = {0};
    o.defaults = DYAD_DEFAULT_ALL;
    for (int i = 2; i < argc; i++) {
        if (dyad__cli_take_dict_opt(&o, argc, argv, &i)) continue;
        fprintf(stderr, "dyad dict: unknown option %s\n", argv[i]);
        return EXIT_USAGE;
    }
    if (strcmp(sub, "lint") == 0) {
        dyad_dict *d = dyad__cli_load_dicts(&o, 1);
        size_t n = dyad_dict_lint(d, lint_line, NULL);
        printf("%zu problem%s\n", n, n == 1 ? "" : "s");
        dyad_dict_free(d);
        return n ? 1 : 0;
    }
    if (strcmp(sub, "stats") == 0) {
        dyad_dict *d = dyad__cli_load_dicts(&o, 1);
        dyad_dict_stats s;
        dyad_dict_get_stats(d, &s);
        printf("actors          %zu\n", s.actors);
        printf("actor phrases   %zu\n", s.actor_phrases);
        printf("people          %zu\n", s.people);
        printf("dated roles     %zu\n", s.roles);
        printf("agent phrases   %zu\n", s.agents);
        printf("verbs           %zu\n", s.verbs);
        printf("patterns        %zu\n", s.patterns);
        printf("cameo codes     %zu\n", s.codes);
        printf("roots covered   %zu/20\n", s.roots_covered);
        printf("words           %zu\n", s.words);
        printf("warnings        %zu\n", dyad_dict_warning_count(d));
        printf("load ms         %.1f\n", s.load_ms);
        printf("places          %zu\n", s.places);
        printf("place names     %zu\n", s.place_names);
        if (s.places_source) printf("places from     %s\n", s.places_source);
        dyad_dict_free(d);
        return 0;
    }
    fprintf(stderr, "dyad dict: unknown subcommand %s (lint, stats)\n", sub);
    return EXIT_USAGE;
}
