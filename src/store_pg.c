/* store_pg.c -- the event store's PostgreSQL back end (libpq), for teams.
 *
 * The same schema and statements as SQLite: '?' parameters become $1, $2...
 * and are sent as text (the server types them from their context).  Writers
 * serialise on a transaction-level advisory lock taken at BEGIN, so several
 * `dyad ingest` processes writing the same database give exactly the events
 * one would; schema creation holds a session-level one. */
#include "store_db.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The advisory lock keys (any constant no other program on the database
 * uses: "dyad" in ASCII, and one more for the schema). */
#define PG_LOCK_WRITE 0x64796164LL
#define PG_LOCK_SCHEMA 0x64796165LL
#define PG_MAX_PARAMS 64

struct dyad__db {
    PGconn *c;
    unsigned long next; /* statement names s1, s2, ... */
    char msg[512];
};
struct dyad__stmt {
    dyad__db *db;
    char name[24];
    int nparams;
    char *params[PG_MAX_PARAMS];
    PGresult *res;
    int row, nrows;
};

static void set_msg(dyad__db *db, const char *m) {
    snprintf(db->msg, sizeof db->msg, "%s", m && *m ? m : "unknown error");
    for (char *p = db->msg; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
    size_t n = strlen(db->msg);
    while (n && (db->msg[n - 1] == '\n' || db->msg[n - 1] == ' ')) db->msg[--n] = 0;
}

static int res_rc(dyad__db *db, PGresult *r) {
    if (!r) { set_msg(db, PQerrorMessage(db->c)); return DYAD_EDB; }
    ExecStatusType t = PQresultStatus(r);
    if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK) return 0;
    set_msg(db, PQresultErrorMessage(r));
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (state && strncmp(state, "53", 2) == 0) return DYAD_EIO; /* disk full, out of memory */
    if (PQstatus(db->c) != CONNECTION_OK) return DYAD_EIO;
    return DYAD_EDB;
}

static int pg_exec(dyad__db *db, const char *sql) {
    PGresult *r = PQexec(db->c, sql);
    int rc = res_rc(db, r);
    PQclear(r);
    return rc;
}

/* '?' outside quotes becomes $N. */
static char *translate(const char *sql, int *nparams) {
    size_t n = strlen(sql);
    char *out = malloc(n * 3 + 1);
    if (!out) return NULL;
    size_t o = 0;
    int k = 0, quote = 0;
    for (size_t i = 0; i < n; i++) {
        char c = sql[i];
        if (c == '\'') quote = !quote;
        if (c == '?' && !quote) {
            k++;
            o += (size_t)sprintf(out + o, "$%d", k);
        } else {
            out[o++] = c;
        }
    }
    out[o] = 0;
    *nparams = k;
    return out;
}

static int pg_prepare(dyad__db *db, const char *sql, dyad__stmt **out) {
    *out = NULL;
    int np = 0;
    char *t = translate(sql, &np);
    if (!t) return DYAD_ENOMEM;
    if (np > PG_MAX_PARAMS) { free(t); set_msg(db, "too many parameters"); return DYAD_EINVAL; }
    dyad__stmt *st = calloc(1, sizeof *st);
    if (!st) { free(t); return DYAD_ENOMEM; }
    st->db = db;
    st->nparams = np;
    snprintf(st->name, sizeof st->name, "dyad%lu", ++db->next);
    PGresult *r = PQprepare(db->c, st->name, t, 0, NULL);
    free(t);
    int rc = res_rc(db, r);
    PQclear(r);
    if (rc) { free(st); return rc; }
    *out = st;
    return 0;
}

static int set_param(dyad__stmt *st, int i, const char *s) {
    if (i < 1 || i > st->nparams) return DYAD_EINVAL;
    free(st->params[i - 1]);
    st->params[i - 1] = NULL;
    if (s && !(st->params[i - 1] = strdup(s))) return DYAD_ENOMEM;
    return 0;
}
static int pg_bind_text(dyad__stmt *st, int i, const char *s) { return set_param(st, i, s); }
static int pg_bind_int(dyad__stmt *st, int i, long long v) {
    char b[32];
    snprintf(b, sizeof b, "%lld", v);
    return set_param(st, i, b);
}
static int pg_bind_double(dyad__stmt *st, int i, double v) {
    char b[40];
    snprintf(b, sizeof b, "%.17g", v);
    return set_param(st, i, b);
}

static int pg_step(dyad__stmt *st) {
    if (!st->res) {
        st->res = PQexecPrepared(st->db->c, st->name, st->nparams, (const char *const *)st->params,
                                 NULL, NULL, 0);
        int rc = res_rc(st->db, st->res);
        if (rc) { PQclear(st->res); st->res = NULL; return rc; }
        st->nrows = PQntuples(st->res);
        st->row = -1;
    }
    if (st->row + 1 >= st->nrows) { st->row = st->nrows; return 0; }
    st->row++;
    return 1;
}

static const char *pg_col_text(dyad__stmt *st, int i) {
    if (!st->res || st->row < 0 || st->row >= st->nrows || PQgetisnull(st->res, st->row, i)) return NULL;
    return PQgetvalue(st->res, st->row, i);
}
static long long pg_col_int(dyad__stmt *st, int i) {
    const char *s = pg_col_text(st, i);
    return s ? strtoll(s, NULL, 10) : 0;
}
static double pg_col_double(dyad__stmt *st, int i) {
    const char *s = pg_col_text(st, i);
    return s ? strtod(s, NULL) : 0;
}
static int pg_col_null(dyad__stmt *st, int i) { return pg_col_text(st, i) == NULL; }
static void pg_reset(dyad__stmt *st) {
    PQclear(st->res);
    st->res = NULL;
    for (int i = 0; i < st->nparams; i++) { free(st->params[i]); st->params[i] = NULL; }
}
static void pg_finalize(dyad__stmt *st) {
    if (!st) return;
    pg_reset(st);
    char sql[64];
    snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
    if (PQstatus(st->db->c) == CONNECTION_OK && PQtransactionStatus(st->db->c) != PQTRANS_INERROR) {
        PGresult *r = PQexec(st->db->c, sql);
        PQclear(r);
    }
    free(st);
}

static int pg_has_table(dyad__db *db, const char *table) {
    const char *p[1] = {table};
    PGresult *r = PQexecParams(db->c,
                               "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                               "AND table_name = $1",
                               1, NULL, p, NULL, NULL, 0);
    int rc = res_rc(db, r);
    if (rc == 0) rc = PQntuples(r) > 0;
    PQclear(r);
    return rc;
}

static int pg_begin(dyad__db *db) {
    int rc = pg_exec(db, "BEGIN");
    if (rc) return rc;
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%lld)", PG_LOCK_WRITE);
    rc = pg_exec(db, sql);
    if (rc) pg_exec(db, "ROLLBACK");
    return rc;
}

static int pg_lock_schema(dyad__db *db, int on) {
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT pg_advisory_%s(%lld)", on ? "lock" : "unlock", PG_LOCK_SCHEMA);
    return pg_exec(db, sql);
}

static const char *pg_errmsg(dyad__db *db) { return db->msg; }
static void pg_close(dyad__db *db) {
    if (!db) return;
    PQfinish(db->c);
    free(db);
}

static const dyad__backend PG_BE = {
    "postgresql", "BIGSERIAL PRIMARY KEY", "DOUBLE PRECISION",
    pg_exec, pg_prepare, pg_bind_text, pg_bind_int, pg_bind_double, pg_step,
    pg_col_text, pg_col_int, pg_col_double, pg_col_null, pg_reset, pg_finalize,
    pg_has_table, pg_begin, pg_lock_schema, pg_errmsg, pg_close};

int dyad__pg_open(const char *uri, int write, const dyad__backend **be, dyad__db **out, char **msg) {
    *out = NULL;
    *msg = NULL;
    *be = &PG_BE;
    dyad__db *db = calloc(1, sizeof *db);
    if (!db) return DYAD_ENOMEM;
    /* connect_timeout: an unreachable server is an error in seconds, not a hang */
    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {uri, "10", "dyad", NULL};
    db->c = PQconnectdbParams(keys, vals, 1);
    if (!db->c || PQstatus(db->c) != CONNECTION_OK) {
        const char *e = db->c ? PQerrorMessage(db->c) : "out of memory";
        size_t n = strlen(e) + 32;
        *msg = malloc(n);
        if (*msg) {
            snprintf(*msg, n, "cannot connect: %s", e);
            /* one line: each run of newlines and tabs becomes one space */
            char *o = *msg;
            for (const char *p = *msg; *p; p++) {
                if (*p != '\n' && *p != '\t') *o++ = *p;
                else if (o > *msg && o[-1] != ' ') *o++ = ' ';
            }
            *o = 0;
            size_t k = strlen(*msg);
            while (k && (*msg)[k - 1] == ' ') (*msg)[--k] = 0;
        }
        PQfinish(db->c);
        free(db);
        return DYAD_EIO;
    }
    PGresult *r = PQexec(db->c, "SET client_min_messages = warning");
    PQclear(r);
    if (!write) {
        r = PQexec(db->c, "SET default_transaction_read_only = on");
        PQclear(r);
    }
    *out = db;
    return 0;
}
