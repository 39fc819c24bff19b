/* document.c -- stage 6a: one document through the coder.
 *
 * A dyad_coder holds what coding needs besides the (shared, read-only)
 * dictionary: the options and one scratch arena, reused from document to
 * document.  For each document the arena holds the sentence spans; each
 * sentence's tokens, mentions and candidates are allocated after a mark and
 * dropped at the next sentence (dyad__arena_reset keeps a block, so a coder in
 * a steady state does not call malloc for scratch at all).
 *
 * The document context (doc_ctx, coder.h) lives for the whole document: the
 * article date, the dateline, the result being built with every actor
 * mention so far.  coder.c codes one sentence with it.
 *
 * Errors are never swallowed: an allocation that fails anywhere (the arena's
 * sticky oom flag, the result's own arrays) makes dyad_coder_code return
 * DYAD_ENOMEM and no result; tests/fault.c fails each allocation in turn. */
#include "coder.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <limits.h>

struct dyad_coder {
    const dyad_dict *d;
    dyad_code_options opt;
    int has_opt;
    arena scratch;
};

/* ---- Results ------------------------------------------------------------ */

const char *dyad_result_text(const dyad_result *r, size_t *len) {
    if (len) *len = r ? r->text_len : 0;
    return r ? r->text : NULL;
}
size_t dyad_result_count(const dyad_result *r) { return r ? r->n : 0; }
const dyad_event *dyad_result_event(const dyad_result *r, size_t i) {
    return r && i < r->n ? &r->ev[i] : NULL;
}
size_t dyad_result_sentences(const dyad_result *r) { return r ? r->nsentences : 0; }
size_t dyad_result_mention_count(const dyad_result *r) { return r ? r->nmentions : 0; }
const dyad_mention *dyad_result_mention(const dyad_result *r, size_t i) {
    return r && i < r->nmentions ? &r->mentions[i] : NULL;
}
size_t dyad_result_warning_count(const dyad_result *r) { return r ? r->nwarnings : 0; }
const char *dyad_result_warning(const dyad_result *r, size_t i) {
    return r && i < r->nwarnings ? r->warnings[i] : NULL;
}
void dyad_result_free(dyad_result *r) {
    if (!r) return;
    dyad__arena_free(&r->a);
    free(r->ev);
    free(r->mentions);
    for (size_t i = 0; i < r->nwarnings; i++) free(r->warnings[i]);
    free(r->warnings);
    free(r->owned_text);
    free(r);
}

/* ---- Coders ------------------------------------------------------------- */

int dyad_coder_new(const dyad_dict *d, const dyad_code_options *opt, dyad_coder **out) {
    *out = NULL;
    if (!d || !d->finished) return DYAD_EINVAL;
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) return DYAD_ENOMEM;
    c->d = d;
    if (opt) { c->opt = *opt; c->has_opt = 1; }
    *out = c;
    return 0;
}

void dyad_coder_free(dyad_coder *c) {
    if (!c) return;
    dyad__arena_free(&c->scratch);
    free(c);
}

static char *copy_str(dyad_result *r, const char *s) {
    return s ? dyad__arena_strndup(&r->a, s, strlen(s)) : NULL;
}

static void trace_tokens(const dyad_dict *d, const dyad_code_options *opt, const char *text,
                         int sentence_no, span sent, const token *toks, size_t nt) {
    char line[300];
    snprintf(line, sizeof line, "sentence %d [%zu,%zu): %zu tokens", sentence_no, sent.start, sent.end, nt);
    opt->trace(opt->trace_user, line);
    buf b = {0};
    for (size_t k = 0; k < nt; k++) {
        const token *t = &toks[k];
        dyad__buf_printf(&b, "%s%.*s", k ? " " : "  tokens: ", (int)t->len, text + t->start);
        if (t->info && t->info->verb_lemma && t->w != t->info->verb_lemma)
            dyad__buf_printf(&b, "/%s", d->words[t->info->verb_lemma].text);
        else if (t->info && t->info->noun_lemma)
            dyad__buf_printf(&b, "/%s", d->words[t->info->noun_lemma].text);
    }
    if (b.p) opt->trace(opt->trace_user, b.p);
    dyad__buf_free(&b);
}

/* The country the dateline names ("ANKARA, July 24 (Reuters) -" -> TUR, by
 * the dictionary's actors: a capital codes its government), noted in the
 * document context for coreference. */
static void dateline_country(dyad_coder *c, doc_ctx *dc) {
    if (dc->dateline.end <= dc->dateline.start) return;
    arena *a = &c->scratch;
    arena_mark mark = dyad__arena_mark(a);
    token *toks;
    size_t nt = dyad__tokens_split(a, dc->text, dc->dateline, &toks);
    if (a->oom || nt == 0) { if (!a->oom) dyad__arena_reset(a, mark); return; }
    dyad__tokens_lookup(c->d, dc->text, toks, nt);
    sentence_ctx s;
    memset(&s, 0, sizeof s);
    s.d = c->d;
    s.doc = dc;
    s.text = dc->text;
    s.t = toks;
    s.n = nt;
    s.a = a;
    s.date_days = dc->date_days;
    dyad__actors_find(&s);
    if (a->oom) return;
    for (size_t i = 0; i < s.nm; i++)
        if (s.m[i].country[0] && !s.m[i].is_null) {
            memcpy(dc->dateline_country, s.m[i].country, 4);
            dyad__coref_note_country(dc, s.m[i].country);
            break;
        }
    dyad__arena_reset(a, mark);
}

/* Codes the sentence SENT of TEXT (the document's text, or its title for
 * sentence 0) into DCP's result.  0; 1 when a document-level discard matched
 * (the result is then emptied); DYAD_ENOMEM. */
static int code_sentence(dyad_coder *c, doc_ctx *dcp, const char *text, span sent, int sentence_no) {
    const dyad_dict *d = c->d;
    const dyad_code_options *opt = dcp->opt;
    dyad_result *r = dcp->r;
    const char *id = dcp->doc->id ? dcp->doc->id : "?";
    arena *a = &c->scratch;
    arena_mark mark = dyad__arena_mark(a);
    dcp->sentence_no = sentence_no;
    dcp->sentence = sent;
    dcp->sentence_events = 0;
    dcp->sentence_capped = 0;
    token *toks;
    size_t nt = dyad__tokens_split(a, text, sent, &toks);
    if (a->oom) return DYAD_ENOMEM;
    dyad__tokens_lookup(d, text, toks, nt);
    if (opt && opt->trace) trace_tokens(d, opt, text, dcp->sentence_no, sent, toks, nt);
    if (nt > DYAD_MAX_SENTENCE_TOKENS)
        dyad__result_warn(r, "%s: sentence %d has %zu tokens; coded in pieces of %d (DYAD_MAX_SENTENCE_TOKENS)",
                          id, dcp->sentence_no, nt, DYAD_MAX_SENTENCE_TOKENS);
    for (size_t off = 0; off < nt; off += DYAD_MAX_SENTENCE_TOKENS) {
        size_t len = nt - off > DYAD_MAX_SENTENCE_TOKENS ? DYAD_MAX_SENTENCE_TOKENS : nt - off;
        sentence_ctx s;
        memset(&s, 0, sizeof s);
        s.d = d;
        s.doc = dcp;
        s.text = text;
        s.t = toks + off;
        s.n = len;
        s.a = a;
        s.trace = opt ? opt->trace : NULL;
        s.trace_user = opt ? opt->trace_user : NULL;
        s.date_days = INT_MIN;
        /* a piece of a cut sentence is the span its events carry */
        span piece = sent;
        if (len < nt) piece = (span){toks[off].start, toks[off + len - 1].start + toks[off + len - 1].len};
        dyad__code_sentence(&s, piece);
        if (a->oom || r->oom || r->a.oom) return DYAD_ENOMEM;
        if (s.discard == 2) {
            /* a document-level discard: nothing from this document */
            r->n = 0;
            return 1;
        }
    }
    if (a->oom || r->oom || r->a.oom) return DYAD_ENOMEM;
    dyad__arena_reset(a, mark);
    return 0;
}

/* Codes DOC into R with C's scratch arena.  0, or DYAD_ENOMEM. */
static int code_document(dyad_coder *c, const dyad_doc *doc, dyad_result *r) {
    const dyad_code_options *opt = c->has_opt ? &c->opt : NULL;
    const char *id = doc->id ? doc->id : "?";
    r->doc_id = copy_str(r, doc->id ? doc->id : "");
    r->outlet = copy_str(r, doc->source);
    r->url = copy_str(r, doc->url);
    if (r->a.oom) return DYAD_ENOMEM;
    const char *text = doc->text;
    size_t n = doc->text_len;
    int valid = dyad__utf8_valid(text, n, 1);
    if (!valid) {
        size_t bad = 0;
        r->owned_text = dyad__utf8_repair(text, n, &n, &bad);
        if (!r->owned_text) return DYAD_ENOMEM;
        text = r->owned_text;
        dyad__result_warn(r, "%s: %zu invalid UTF-8 sequences replaced with U+FFFD", id, bad);
    }
    if (n > DYAD_MAX_DOC_BYTES) {
        dyad__result_warn(r, "%s: text longer than %u bytes cut (DYAD_MAX_DOC_BYTES)", id, DYAD_MAX_DOC_BYTES);
        n = DYAD_MAX_DOC_BYTES;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
    }
    r->text = text;
    r->text_len = n;

    doc_ctx dc;
    memset(&dc, 0, sizeof dc);
    dc.doc = doc;
    dc.opt = opt;
    dc.r = r;
    dc.text = text;
    dc.text_len = n;
    dc.date_days = INT_MIN;
    int y, m, dd;
    if (doc->date && dyad_date_parse(doc->date, &y, &m, &dd) == 0) dc.date_days = dyad__date_days(y, m, dd);
    dc.dateline = dyad__sentences_dateline(text, n);

    arena *a = &c->scratch;
    dyad__dateline_place(c->d, &dc, 1);
    if (!dc.dateline_country[0]) dateline_country(c, &dc);
    if (a->oom) return DYAD_ENOMEM;
    dyad__dateline_place(c->d, &dc, 0);
    /* the title first, as sentence 0: headlines name the event and its
     * actors ("Turkey, Syria agree to restore ties"); its spans are offsets
     * into the title (the event's text says which) */
    if (doc->title && doc->title[0] && !(opt && opt->skip_title)) {
        size_t tl = strlen(doc->title);
        if (tl > DYAD_MAX_TITLE_BYTES) tl = DYAD_MAX_TITLE_BYTES;
        while (tl > 0 && ((unsigned char)doc->title[tl] & 0xC0) == 0x80) tl--;
        int tvalid = dyad__utf8_valid(doc->title, tl, 1);
        if (tvalid < 0) return DYAD_ENOMEM;
        if (tvalid) {
            char *title = dyad__arena_strndup(&r->a, doc->title, tl);
            if (!title) return DYAD_ENOMEM;
            int rc = code_sentence(c, &dc, title, (span){0, tl}, 0);
            if (rc) return rc > 0 ? 0 : rc;
        }
    }
    span *sents;
    size_t ns = dyad__sentences_split(a, text, n, &sents);
    if (a->oom) return DYAD_ENOMEM;
    r->nsentences = ns;
    for (size_t i = 0; i < ns; i++) {
        int rc = code_sentence(c, &dc, text, sents[i], (int)i + 1);
        if (rc) return rc > 0 ? 0 : rc;
    }
    return 0;
}

int dyad_coder_code(dyad_coder *c, const dyad_doc *doc, dyad_result **out) {
    *out = NULL;
    if (!c || !doc || !doc->text) return DYAD_EINVAL;
    dyad_result *r = calloc(1, sizeof *r);
    if (!r) return DYAD_ENOMEM;
    int rc = code_document(c, doc, r);
    /* the scratch arena is empty between documents (one block kept) */
    dyad__arena_reset(&c->scratch, (arena_mark){0});
    if (rc) { dyad_result_free(r); return rc; }
    *out = r;
    return 0;
}

int dyad_code(const dyad_dict *d, const dyad_doc *doc, const dyad_code_options *opt, dyad_result **out) {
    *out = NULL;
    dyad_coder *c;
    int rc = dyad_coder_new(d, opt, &c);
    if (rc) return rc;
    rc = dyad_coder_code(c, doc, out);
    dyad_coder_free(c);
    return rc;
}
