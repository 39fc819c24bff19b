/* progress.c -- `dyad code`'s progress line on a terminal: documents,
 * sentences/s, events, elapsed time and (for regular files) an ETA. */
#include "cli.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void dyad__cli_progress_init(progress *p, int on, const char *const *files, int nfiles) {
    memset(p, 0, sizeof *p);
    p->on = on;
    p->start = p->last = now_s();
    for (int k = 0; k < nfiles; k++) {
        struct stat st;
        if (strcmp(files[k], "-") == 0 || stat(files[k], &st) || !S_ISREG(st.st_mode)) { p->total_bytes = 0; break; }
        p->total_bytes += (unsigned long long)st.st_size;
    }
}

static void fmt_secs(double s, char *out, size_t cap) {
    unsigned long t = (unsigned long)(s + 0.5);
    if (t >= 3600) snprintf(out, cap, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else snprintf(out, cap, "%lu:%02lu", t / 60, t % 60);
}

/* At most 4 updates a second, on stderr, only on a terminal. */
void dyad__cli_progress_show(progress *p, unsigned long long docs, unsigned long long sentences,
                             unsigned long long events, unsigned long long bytes_now, int final) {
    if (!p->on) return;
    double t = now_s();
    if (!final && t - p->last < 0.25) return;
    p->last = t;
    double el = t - p->start;
    char e[32], eta[48] = "";
    fmt_secs(el, e, sizeof e);
    if (p->total_bytes && bytes_now && bytes_now < p->total_bytes && el > 0.5) {
        char r[32];
        fmt_secs(el * (double)(p->total_bytes - bytes_now) / (double)bytes_now, r, sizeof r);
        snprintf(eta, sizeof eta, ", ETA %s", r);
    }
    fprintf(stderr, "\rdyad: %llu documents, %.0f sentences/s, %llu events, %s elapsed%s\033[K",
            docs, el > 0 ? (double)sentences / el : 0.0, events, e, eta);
    if (final) fputc('\n', stderr);
    fflush(stderr);
}
