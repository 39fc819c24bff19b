/* cmd_explain.c -- `dyad explain`: the coder's trace for one text. */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_line(void *user, const char *line) { fprintf((FILE *)user, "%s\n", line); }

int dyad__cli_explain(int argc, char **argv) {
    dict_opts o = {0};
    o.defaults = DYAD_DEFAULT_ALL;
    const char *date = NULL;
    const char *text = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (dyad__cli_take_dict_opt(&o, argc, argv, &i)) continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs("usage: dyad explain [--date YYYY-MM-DD] [dictionary options] \"TEXT\"\n\n"
                  "Prints the sentences, tokens (with lemmas), every actor and agent found (with its\n"
                  "dictionary file and line), the pattern each verb matched (file and line), each\n"
                  "place named with its gazetteer candidates, their scores and the one taken, and\n"
                  "the events produced.\n\n", stdout);
            fputs(dyad__cli_dict_help, stdout);
            return 0;
        }
        if (strcmp(a, "--date") == 0 && i + 1 < argc) { date = argv[++i]; continue; }
        if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad explain: unknown option %s\n", a); return EXIT_USAGE; }
        text = a;
    }
    if (!text) { fprintf(stderr, "dyad explain: give the text to explain\n"); return EXIT_USAGE; }
    if (date && dyad_date_parse(date, NULL, NULL, NULL)) { fprintf(stderr, "dyad explain: bad --date %s\n", date); return EXIT_USAGE; }
    dyad_dict *d = dyad__cli_load_dicts(&o, 0);
    dyad_doc doc = {"explain", date, NULL, NULL, NULL, text, strlen(text)};
    dyad_code_options copt = {print_line, stdout, 0, 0};
    dyad_result *res;
    int rc = dyad_code(d, &doc, &copt, &res);
    if (rc) { fprintf(stderr, "dyad explain: %s\n", dyad_strerror(rc)); dyad_result_free(res); dyad_dict_free(d); return EXIT_NOMEM; }
    printf("events: %zu\n", dyad_result_count(res));
    char *out;
    size_t len;
    if (dyad_result_render(res, DYAD_OUT_JSON, &out, &len) == 0 && len) fwrite(out, 1, len, stdout);
    free(out);
    dyad_result_free(res);
    dyad_dict_free(d);
    return 0;
}
