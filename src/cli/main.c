/* main.c -- the `dyad` command: a thin front over include/dyad.h.
 *
 *   dyad code [options] [FILE...]     code documents to events (JSONL/TSV)
 *   dyad actors [options] [FILE...]   list every actor mention (JSONL)
 *   dyad explain [options] "TEXT"     show why a sentence is coded as it is
 *   dyad dict lint|stats [options]    check or count the dictionaries
 *
 * This file dispatches; each command is in its cmd_*.c (cli.h).
 *
 * Exit statuses (also in dyad --help and the man page):
 *   0 everything was read and coded; 1 some records or files were skipped
 *   (each named on stderr); 2 usage error; 3 dictionaries could not be
 *   loaded; 4 output could not be written; 5 out of memory. */
#include "cli.h"
#include <stdio.h>
#include <string.h>

static const char *USAGE =
    "usage: dyad COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Political event coder: news text to CAMEO events.\n"
    "\n"
    "Commands:\n"
    "  code [FILE...]        code documents (JSON Lines; stdin when none or -)\n"
    "  actors [FILE...]      list every actor mention found, with its dictionary entry (JSON Lines)\n"
    "  explain \"SENTENCE\"    show tokens, actors, patterns and events for a text\n"
    "  dict lint             check the dictionaries (duplicates, conflicts, dead patterns)\n"
    "  dict stats            count the dictionaries and time their loading\n"
    "\n"
    "Options:\n"
    "  -h, --help            show help (also: dyad COMMAND --help)\n"
    "  --version             show the version\n"
    "\n"
    "Exit status: 0 all coded; 1 some records or files skipped (named on stderr);\n"
    "2 usage error; 3 dictionaries could not be loaded; 4 output error; 5 out of memory.\n"
    "See dyad(1) and docs/ for formats.\n";

int main(int argc, char **argv) {
    if (argc < 2) { fputs(USAGE, stderr); return EXIT_USAGE; }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) { fputs(USAGE, stdout); return 0; }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
#if defined(__SANITIZE_ADDRESS__)
        printf("dyad %s (built with sanitizers)\n", dyad_version());
#else
        printf("dyad %s\n", dyad_version());
#endif
        return 0;
    }
    if (strcmp(cmd, "code") == 0) return dyad__cli_code(argc - 1, argv + 1);
    if (strcmp(cmd, "actors") == 0) return dyad__cli_actors(argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0) return dyad__cli_explain(argc - 1, argv + 1);
    if (strcmp(cmd, "dict") == 0) return dyad__cli_dict(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command %s\n%s", cmd, USAGE);
    return EXIT_USAGE;
}
