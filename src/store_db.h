/* store_db.h -- the two database back ends of the event store behind one
 * small interface: statements with '?' parameters, rows read by column.
 * store_sqlite.c and store_pg.c implement it; store.c, store_query.c and
 * export.c use only this.  Not installed. */
#ifndef DYAD_STORE_DB_H
#define DYAD_STORE_DB_H

#include "internal.h"

/* Actors (code and name) a writing store remembers having written, so that
 * each is written once per session; a power of two.  Past half of it, actors
 * are simply written again (the database ignores a duplicate). */
#define DYAD_STORE_ACTOR_CACHE 65536

typedef struct dyad__db dyad__db;
typedef struct dyad__stmt dyad__stmt;

/* Return codes of the operations: 0 (step: 1 a row, 0 done) or a negative
 * DYAD_E* code, with the database's message in errmsg. */
typedef struct {
    const char *name;   /* "sqlite", "postgresql" */
    /* Column types in the schema text: "@ID" (the row id), "@REAL". */
    const char *id_type, *real_type;
    /* One statement, no parameters, no rows wanted. */
    int (*exec)(dyad__db *db, const char *sql);
    /* SQL uses '?' for each parameter, in order. */
    int (*prepare)(dyad__db *db, const char *sql, dyad__stmt **out);
    /* Parameters count from 1; S NULL binds NULL. */
    int (*bind_text)(dyad__stmt *st, int i, const char *s);
    int (*bind_int)(dyad__stmt *st, int i, long long v);
    int (*bind_double)(dyad__stmt *st, int i, double v);
    int (*step)(dyad__stmt *st);
    /* Columns count from 0; text is NULL for SQL NULL and borrowed until the
     * next step or reset. */
    const char *(*col_text)(dyad__stmt *st, int i);
    long long (*col_int)(dyad__stmt *st, int i);
    double (*col_double)(dyad__stmt *st, int i);
    int (*col_null)(dyad__stmt *st, int i);
    void (*reset)(dyad__stmt *st); /* clears the bindings too */
    void (*finalize)(dyad__stmt *st);
    /* 1 when TABLE exists. */
    int (*has_table)(dyad__db *db, const char *table);
    /* Transactions: begin takes the writers' lock (SQLite: BEGIN IMMEDIATE;
     * PostgreSQL: an advisory lock held to the end of the transaction). */
    int (*begin)(dyad__db *db);
    /* Serialises schema creation between processes (PostgreSQL: a session
     * advisory lock; SQLite: nothing, begin is enough). */
    int (*lock_schema)(dyad__db *db, int on);
    const char *(*errmsg)(dyad__db *db);
    void (*close)(dyad__db *db);
} dyad__backend;

/* Opens the database: 0, or a negative code with *msg (malloc'd) saying why. */
HIDDEN int dyad__sqlite_open(const char *path, int write, const dyad__backend **be,
                             dyad__db **out, char **msg);
HIDDEN int dyad__pg_open(const char *uri, int write, const dyad__backend **be,
                         dyad__db **out, char **msg);

/* What store.c keeps for an open store; the query and export files read it. */
struct dyad_store {
    const dyad__backend *be;
    dyad__db *db;
    char *uri;              /* as given (a PostgreSQL password is not shown: see errmsg) */
    int write, schema, in_tx;
    dyad_merge_rule merge;
    int merge_set;          /* the database has a rule recorded */
    buf msg;                /* the last error */
    /* Prepared once, reused (store.c) */
    dyad__stmt *st_doc_get, *st_doc_put, *st_doc_update, *st_doc_mentions,
        *st_del_mentions, *st_cand, *st_ev_put, *st_ev_place, *st_men_put,
        *st_actor_put, *st_ev_refresh, *st_ev_count, *st_ev_delete, *st_ev_bump,
        *st_src_put, *st_src_clear, *st_src_fill;
    long long *touched;     /* events this document's new text reports */
    size_t ntouched, cap_touched;
    long long *stale;       /* events its old text reported: counted again from their rows */
    size_t nstale, cap_stale;
    char **actors_seen;     /* actors written by this handle (store.c actor_seen) */
    size_t nactors_seen;
};

/* Sets the store's message ("URI: what: the database's message") and returns RC. */
HIDDEN int dyad__store_fail(dyad_store *s, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prepares SQL on the store, or fails with a message naming WHAT. */
HIDDEN int dyad__store_prepare(dyad_store *s, const char *sql, dyad__stmt **out);

#endif
