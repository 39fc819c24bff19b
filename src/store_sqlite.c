/* store_sqlite.c -- the event store's SQLite back end (the embedded default).
 *
 * One connection, statements prepared with sqlite3_prepare_v3.  Writers take
 * the database's write lock at BEGIN IMMEDIATE and wait for each other up to
 * a minute (busy timeout); SQLite's rollback journal makes each commit all or
 * nothing, so a process killed at any moment leaves every committed batch and
 * nothing of the one it was writing. */
#include "store_db.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dyad__db {
    sqlite3 *h;
};
struct dyad__stmt {
    sqlite3_stmt *s;
    sqlite3 *h;
};

static int rc_of(int src) {
    switch (src & 0xff) {
    case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return 0;
    case SQLITE_NOMEM: return DYAD_ENOMEM;
    case SQLITE_CANTOPEN: case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_READONLY:
    case SQLITE_PERM: return DYAD_EIO;
    case SQLITE_NOTADB: case SQLITE_CORRUPT: return DYAD_ESCHEMA;
    default: return DYAD_EDB;
    }
}

static int sq_exec(dyad__db *db, const char *sql) {
    return rc_of(sqlite3_exec(db->h, sql, NULL, NULL, NULL));
}

static int sq_prepare(dyad__db *db, const char *sql, dyad__stmt **out) {
    *out = NULL;
    dyad__stmt *st = calloc(1, sizeof *st);
    if (!st) return DYAD_ENOMEM;
    int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->s, NULL);
    if (rc != SQLITE_OK) { free(st); return rc_of(rc) ? rc_of(rc) : DYAD_EDB; }
    st->h = db->h;
    *out = st;
    return 0;
}

static int sq_bind_text(dyad__stmt *st, int i, const char *s) {
    return rc_of(s ? sqlite3_bind_text(st->s, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st->s, i));
}
static int sq_bind_int(dyad__stmt *st, int i, long long v) { return rc_of(sqlite3_bind_int64(st->s, i, v)); }
static int sq_bind_double(dyad__stmt *st, int i, double v) { return rc_of(sqlite3_bind_double(st->s, i, v)); }

static int sq_step(dyad__stmt *st) {
    int rc = sqlite3_step(st->s);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    int r = rc_of(rc);
    return r ? r : DYAD_EDB;
}

static const char *sq_col_text(dyad__stmt *st, int i) { return (const char *)sqlite3_column_text(st->s, i); }
static long long sq_col_int(dyad__stmt *st, int i) { return sqlite3_column_int64(st->s, i); }
static double sq_col_double(dyad__stmt *st, int i) { return sqlite3_column_double(st->s, i); }
static int sq_col_null(dyad__stmt *st, int i) { return sqlite3_column_type(st->s, i) == SQLITE_NULL; }
static void sq_reset(dyad__stmt *st) {
    sqlite3_reset(st->s);
    sqlite3_clear_bindings(st->s);
}
static void sq_finalize(dyad__stmt *st) {
    if (!st) return;
    sqlite3_finalize(st->s);
    free(st);
}

static int sq_has_table(dyad__db *db, const char *table) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1, &s, NULL) != SQLITE_OK)
        return rc_of(sqlite3_errcode(db->h)) ? rc_of(sqlite3_errcode(db->h)) : DYAD_EDB;
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    return rc_of(rc) ? rc_of(rc) : DYAD_EDB;
}

static int sq_begin(dyad__db *db) { return sq_exec(db, "BEGIN IMMEDIATE"); }
static int sq_lock_schema(dyad__db *db, int on) { (void)db; (void)on; return 0; }
static const char *sq_errmsg(dyad__db *db) { return sqlite3_errmsg(db->h); }
static void sq_close(dyad__db *db) {
    if (!db) return;
    sqlite3_close_v2(db->h);
    free(db);
}

static const dyad__backend SQLITE_BE = {
    "sqlite", "INTEGER PRIMARY KEY", "REAL",
    sq_exec, sq_prepare, sq_bind_text, sq_bind_int, sq_bind_double, sq_step,
    sq_col_text, sq_col_int, sq_col_double, sq_col_null, sq_reset, sq_finalize,
    sq_has_table, sq_begin, sq_lock_schema, sq_errmsg, sq_close};

static char *msgdup(const char *a, const char *b) {
    size_t n = strlen(a) + strlen(b) + 1;
    char *m = malloc(n);
    if (m) snprintf(m, n, "%s%s", a, b);
    return m;
}

int dyad__sqlite_open(const char *path, int write, const dyad__backend **be, dyad__db **out,
                      char **msg) {
    *out = NULL;
    *msg = NULL;
    *be = &SQLITE_BE;
    dyad__db *db = calloc(1, sizeof *db);
    if (!db) return DYAD_ENOMEM;
    int flags = write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        *msg = msgdup(write ? "cannot open or create: " : "cannot open: ",
                      db->h ? sqlite3_errmsg(db->h) : "out of memory");
        sqlite3_close_v2(db->h);
        free(db);
        return rc == SQLITE_NOMEM ? DYAD_ENOMEM : DYAD_EIO;
    }
    sqlite3_extended_result_codes(db->h, 0);
    sqlite3_busy_timeout(db->h, 60000);
    /* The first read of the file: a file that is not SQLite's says so here. */
    rc = sqlite3_exec(db->h, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    if (!write && (rc & 0xff) == SQLITE_READONLY) {
        /* A hot journal: a writer was killed in a transaction, and a reader
         * cannot roll it back.  Roll it back with a writable connection (what
         * any writer would do first), then read. */
        sqlite3 *w = NULL;
        if (sqlite3_open_v2(path, &w, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK) {
            sqlite3_busy_timeout(w, 60000);
            sqlite3_exec(w, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
        }
        sqlite3_close_v2(w);
        rc = sqlite3_exec(db->h, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
        if ((rc & 0xff) == SQLITE_READONLY) {
            *msg = msgdup("an interrupted write must be rolled back first, which needs write access: ",
                          sqlite3_errmsg(db->h));
            sqlite3_close_v2(db->h);
            free(db);
            return DYAD_EIO;
        }
    }
    if (rc != SQLITE_OK) {
        int r = rc_of(rc);
        *msg = msgdup(r == DYAD_ESCHEMA ? "not a SQLite database (or a corrupt one): " : "cannot read: ",
                      sqlite3_errmsg(db->h));
        sqlite3_close_v2(db->h);
        free(db);
        return r ? r : DYAD_EDB;
    }
    sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (write) sqlite3_exec(db->h, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
    sqlite3_exec(db->h, "PRAGMA cache_size = -65536", NULL, NULL, NULL); /* 64 MiB */
    *out = db;
    return 0;
}
