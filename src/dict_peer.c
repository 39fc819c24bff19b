/* dict_peer.c -- reads the peers' dictionaries (PETRARCH-2, PETRARCH-1 and
 * TABARI) into the tables dyad's own format fills (dict.c): actor and agent
 * entries with phrases in the tries, discards, and verb patterns.  What each
 * construct of the formats means and how dyad reads it:
 * docs/peer-dictionaries.md.  The work is in peer_*.c (peer.h); this file is
 * the entry point, dyad__load_peer.
 *
 * No bad line stops a load: it is repaired or skipped with a warning.
 * DYAD_FILE_AUTO with a peer format guesses the kind from the file name
 * (verb, actor, agent, discard, option). */
#include "peer.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

/* ---- Entry point ------------------------------------------------------------------ */
static int guess_kind(const char *path) {
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    static const struct { const char *w; int k; } K[] = {
        {"verb", DYAD_FILE_VERBS},      {"discard", DYAD_FILE_DISCARDS}, {"agent", DYAD_FILE_AGENTS},
        {"option", DYAD_FILE_OPTIONS}, {"actor", DYAD_FILE_ACTORS}};
    for (size_t i = 0; i < sizeof K / sizeof *K; i++)
        for (const char *q = b; *q; q++)
            if (dyad__peer_starts_ci(q, K[i].w)) return K[i].k;
    return -1;
}

int dyad__load_peer(dyad_dict *d, dyad_dict_format f, dyad_file_kind k, const char *path) {
    if (f != DYAD_DICT_PETRARCH && f != DYAD_DICT_TABARI) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: not a peer dictionary format", path);
        return DYAD_EINVAL;
    }
    int kind = (int)k;
    if (k == DYAD_FILE_AUTO) kind = guess_kind(path);
    if (kind < DYAD_FILE_ACTORS || kind > DYAD_FILE_OPTIONS) {
        snprintf(d->errmsg, sizeof d->errmsg,
                 "%s: say which kind of dictionary this is (verbs, actors, agents, discards, options)", path);
        return DYAD_EINVAL;
    }
    peer p;
    memset(&p, 0, sizeof p);
    p.d = d;
    p.tabari = f == DYAD_DICT_TABARI;
    p.file = dyad__dict_keep(d, path, strlen(path));
    if (!p.file) return DYAD_ENOMEM;
    int rc = dyad__peer_read(&p, path, kind == DYAD_FILE_OPTIONS);
    if (rc) {
        free(p.off);
        free(p.lno);
        return rc;
    }
    switch (kind) {
    case DYAD_FILE_ACTORS: rc = dyad__peer_load_actors(&p); break;
    case DYAD_FILE_AGENTS: rc = dyad__peer_load_agents(&p); break;
    case DYAD_FILE_VERBS: rc = dyad__peer_load_verbs(&p); break;
    case DYAD_FILE_DISCARDS: rc = dyad__peer_load_discards(&p); break;
    default: rc = dyad__peer_load_options(&p); break;
    }
    if (p.nclamped)
        dyad__dict_warn(d, p.file, p.clamp_line,
                  "%zu dates with a day their month does not have (like 040631) read as the month's last day",
                  p.nclamped);
    if (p.ncentury)
        dyad__dict_warn(d, p.file, p.century_line,
                  "%zu date ranges starting after they end read with the start a century earlier "
                  "(270101-730717 as 1927-1973)",
                  p.ncentury);
    if (p.ndup)
        dyad__dict_warn(d, p.file, p.dup_line,
                  "%zu phrases listed again in this file (here first): the first listing is used", p.ndup);
    if (p.nquiet) dyad__dict_warn(d, p.file, 0, "%zu more warnings in this file not shown", p.nquiet);
    if (rc == DYAD_ENOMEM) snprintf(d->errmsg, sizeof d->errmsg, "%s: out of memory", path);
    free(p.text);
    free(p.off);
    free(p.lno);
    return rc;
}

