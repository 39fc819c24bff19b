/* cli.h -- what the `dyad` command's files share: exit statuses, dictionary
 * options, progress, output buffers and MPI.  Every name here is dyad__cli_*
 * (the symbol rule: dyad_* is the library's API). */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include "dyad.h"
#include <stddef.h>
#include <stdio.h>

/* Exit statuses (also in dyad --help and the man page). */
enum { EXIT_SKIPPED = 1, EXIT_USAGE = 2, EXIT_DICT = 3, EXIT_OUTPUT = 4, EXIT_NOMEM = 5, EXIT_DB = 6 };

/* ---- cmd_*.c: the commands (argv[0] is the command's name) ---- */
int dyad__cli_code(int argc, char **argv);
int dyad__cli_actors(int argc, char **argv);
int dyad__cli_explain(int argc, char **argv);
int dyad__cli_dict(int argc, char **argv);
int dyad__cli_ingest(int argc, char **argv);
int dyad__cli_query(int argc, char **argv);
int dyad__cli_export(int argc, char **argv);
int dyad__cli_db(int argc, char **argv);
int dyad__cli_plot(int argc, char **argv);

/* ---- cmd_query.c: what query, export and plot share ---- */
/* Opens DB read-only, or prints why (naming CMD) and returns NULL. */
dyad_store *dyad__cli_open_store(const char *cmd, const char *db, int *status);
/* 1 when argv[*i] was an event filter (--actor, --target, --since, --until,
 * --code, --mode, --country, --near, --km, --quad, --limit, --offset);
 * -1 after printing a usage error. */
int dyad__cli_take_filter(const char *cmd, dyad_event_query *q, int argc, char **argv, int *i);
extern const char *const dyad__cli_filter_help;

/* ---- table.c: query results on a terminal or for pipes ---- */
typedef enum { TABLE_ALIGNED = 0, TABLE_CSV, TABLE_TSV, TABLE_JSON } table_format;
typedef struct {
    table_format f;
    FILE *out;
    const char *const *cols;
    int ncols;
    const char *numeric; /* 'n' for each numeric column (right-aligned, JSON numbers) */
    char **cells;
    size_t nrows, cap;
    int oom;
} table;
int dyad__cli_table_format(const char *s, table_format *f);
void dyad__cli_table_init(table *t, table_format f, FILE *out, const char *const *cols, int ncols,
                          const char *numeric);
void dyad__cli_table_row(table *t, const char *const *vals);
/* Prints an aligned table; 0, or an exit status after a message. */
int dyad__cli_table_end(table *t);

/* ---- cmd_dict.c: the dictionary options every command takes ---- */
extern const char *const dyad__cli_dict_help;
typedef struct {
    const char *dict_dir;
    int format; /* 0 dyad 1 petrarch 2 tabari */
    const char *verbs, *agents, *discards, *options;
    const char *actors[64];
    int nactors;
    unsigned defaults;
} dict_opts;
/* 1 when argv[*i] was a dictionary option (*i moves past its argument). */
int dyad__cli_take_dict_opt(dict_opts *o, int argc, char **argv, int *i);
/* -j: the default (the cores, 1..DYAD_MAX_THREADS), and ARG read into
 * *THREADS: 0, or EXIT_USAGE with a message naming CMD. */
int dyad__cli_default_threads(void);
int dyad__cli_jobs(const char *cmd, const char *arg, int *threads);
/* Loads and finishes the dictionaries, or exits with EXIT_DICT / EXIT_NOMEM. */
dyad_dict *dyad__cli_load_dicts(const dict_opts *o, int quiet);

/* ---- progress.c: progress on a terminal ---- */
typedef struct {
    int on;
    double start, last;
    unsigned long long total_bytes; /* 0: unknown (stdin) */
} progress;
/* ON: show at all; the total is the files' sizes when all are regular files. */
void dyad__cli_progress_init(progress *p, int on, const char *const *files, int nfiles);
void dyad__cli_progress_show(progress *p, unsigned long long docs, unsigned long long sentences,
                             unsigned long long events, unsigned long long bytes_now, int final);

/* ---- mpi.c: output buffers and MPI ---- */
typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} buf;
void dyad__cli_buf_put(buf *b, const char *s, size_t n);
void dyad__cli_buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct { int on, split, rank, size; } mpi_state;
/* MPI_Init and this rank's place (only with --mpi, in an MPI build). */
void dyad__cli_mpi_init(mpi_state *m);
/* The worst status over every rank, then MPI_Finalize. */
int dyad__cli_mpi_finish(int status);
void dyad__cli_mpi_send_batch(buf *bo, buf *be, unsigned long long cnt[4], unsigned long long no);
void dyad__cli_mpi_recv_batch(buf *bo, buf *be, unsigned long long cnt[4], int from, unsigned long long no);

#endif
