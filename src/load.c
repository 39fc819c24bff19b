/* load.c -- dyad_dict_load_file: one dictionary file, read by dict.c (dyad's
 * own format) or dict_peer.c (TABARI, PETRARCH ...).  Above both, so neither
 * reader depends on the other: they only call down into the tables (dict.c). */
#include "internal.h"
#include <time.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int dyad_dict_load_file(dyad_dict *d, dyad_dict_format f, dyad_file_kind k, const char *path) {
    double t0 = now_ms();
    if (d->finished) return DYAD_EINVAL;
    int rc;
    if (f == DYAD_DICT_DYAD) rc = dyad__load_own(d, path);
    else rc = dyad__load_peer(d, f, k, path);
    d->load_ms += now_ms() - t0;
    return rc;
}
