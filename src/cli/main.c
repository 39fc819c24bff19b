/* main.c -- the `dyad` command: a thin front over include/dyad.h.
 *
 *   dyad code [options] [FILE...]     code documents to events (JSONL/TSV)
 *   dyad actors [options] [FILE...]   list every actor mention (JSONL)
 *   dyad explain [options] "TEXT"     show why a sentence is coded as it is
 *   dyad dict lint|stats [options]    check or count the dictionaries
 *   dyad ingest --db DB [FILE...]     code documents into the event store
 *   dyad query WHAT --db DB           dyads, timelines, events, actors, mentions
 *   dyad export --db DB --format F    GDELT, PLOVER, CSV, JSON Lines
 *   dyad db migrate|stats --db DB     the store's schema and counts
 *   dyad plot --db DB A B -o F.svg    a dyad over time (or --network) with cairo
 *
 * This file dispatches; each command is in its cmd_*.c (cli.h).
 *
 * Exit statuses (also in dyad --help and the man page):
 *   0 everything was read and coded; 1 some records or files were skipped
 *   (each named on stderr; for query: nothing found); 2 usage error;
 *   3 dictionaries could not be loaded; 4 output could not be written;
 *   5 out of memory; 6 the database could not be opened, read or written
 *   (or is of another schema version). */
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
    "  ingest --db DB [FILE...]\n"
    "                        code documents and store them, merging reports of one event\n"
    "  query WHAT --db DB    dyads, timeline A B, events, actors, mentions ID\n"
    "  export --db DB --format F\n"
    "                        gdelt, gdelt-mentions, plover, csv or jsonl\n"
    "  plot --db DB A B -o FILE.svg|.png\n"
    "                        a dyad over time, or --network of the top dyads\n"
    "  db migrate|stats --db DB\n"
    "                        create or upgrade the schema; count what is stored\n"
    "\n"
    "Options:\n"
    "  -h, --help            show help (also: dyad COMMAND --help)\n"
    "  --version             show the version\n"
    "\n"
    "Exit status: 0 all coded; 1 some records or files skipped (named on stderr; query:\n"
    "nothing found); 2 usage error; 3 dictionaries could not be loaded; 4 output error;\n"
    "5 out of memory; 6 database error (cannot open, read or write; another schema version).\n"
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
    if (strcmp(cmd, "ingest") == 0) return dyad__cli_ingest(argc - 1, argv + 1);
    if (strcmp(cmd, "query") == 0) return dyad__cli_query(argc - 1, argv + 1);
    if (strcmp(cmd, "export") == 0) return dyad__cli_export(argc - 1, argv + 1);
    if (strcmp(cmd, "db") == 0) return dyad__cli_db(argc - 1, argv + 1);
    if (strcmp(cmd, "plot") == 0) return dyad__cli_plot(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command %s\n%s", cmd, USAGE);
    return EXIT_USAGE;
}
