/* gaz_load.c -- the gazetteer's load time (make build/gaz_load; bench.sh):
 *   gaz_load TABLE [RUNS]
 * Each run maps TABLE and looks five names up, as a coder's first use
 * would; prints the best and the median run in milliseconds. */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: gaz_load TABLE [RUNS]\n"); return 2; }
    int runs = argc > 2 ? atoi(argv[2]) : 20;
    if (runs < 1 || runs > 1000) runs = 20;
    static const char *names[] = {"Paris", "Kiev", "Strait of Hormuz", "São Paulo", "Tripoli"};
    double t[1000];
    size_t found = 0;
    for (int r = 0; r < runs; r++) {
        char err[256];
        double t0 = now_ms();
        gazetteer *g;
        if (dyad__gaz_open(argv[1], &g, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
        for (size_t i = 0; i < 5; i++) {
            const gaz_place *p[8];
            found += dyad__gaz_lookup(g, names[i], strlen(names[i]), p, 8);
        }
        dyad__gaz_close(g);
        t[r] = now_ms() - t0;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    printf("gazetteer load + 5 lookups: best %.3f ms, median %.3f ms (%d runs, %zu places found)\n",
           t[0], t[runs / 2], runs, found / (size_t)runs);
    return 0;
}
