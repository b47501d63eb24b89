/* SPDX-License-Identifier: MIT */
/* The YAML loader's entry: its options, and the two readers of events
 * (the fast scanner's and libyaml's) that yaml_build.c turns into values. */
#include "yaml_loader.h"

#include <stdio.h>
#include <string.h>

#include "yaml_fast.h"

/* A token may span 4 characters a byte of max_scalar_bytes (an escape such
 * as \xHH is 4 characters of the text for one byte of the value) plus this
 * many characters of indentation, breaks and quotes around it
 * (docs/values.md: 4 x the limit + 64 KiB). */
#define TOKEN_SLACK 65536

void postparse__yaml_options_init(postparse__yaml_options *o)
{
    o->schema = POSTPARSE_SCHEMA_JEKYLL;
    o->max_depth = 100;
    o->max_scalar_bytes = 256 * 1024;
    o->max_keys = 10000;
    o->max_alias_nodes = 1000000;
    o->alias_activation_nodes = 10000;
    o->alias_amplification = 100;
    o->max_anchors = 10000;
    o->max_directives = 100;
    o->libyaml_only = false;
    /* A fixed key for the loader's own callers (tests, fuzz harnesses);
     * the parser gives each load its own. */
    o->hash_key = (postparse__hash_key){0, 0};
}

static int read_handler(void *data, unsigned char *buffer, size_t size,
                        size_t *size_read)
{
    loader *L = data;
    /* libyaml reads ahead only while it scans one token: a scalar or a
     * gap longer than any allowed scalar stops here, before libyaml has
     * spent time and memory on all of it. */
    if (L->parser.mark.index - L->last_event_end > L->token_cap) {
        L->token_too_long = true;
        return 0;
    }
    size_t n = L->len - L->fed;
    if (n > size)
        n = size;
    memcpy(buffer, L->text + L->fed, n);
    L->fed += n;
    *size_read = n;
    return 1;
}

/* The events of a text in the fast scanner's subset: one document, no
 * syntax error, nothing after it. */
static postparse_status
load_fast_events(loader *L, const postparse__yaml_fast_event *events, size_t n)
{
    bool done = false;
    postparse_status s = POSTPARSE_OK;
    for (size_t i = 0; i < n && !done && !s; i++) {
        const postparse__yaml_fast_event *fe = &events[i];
        yaml_event_t e;
        postparse__yaml_fast_event_get(fe, &e);
        postparse__posmap_seek(&L->pm, fe->start, fe->start_byte,
                               fe->start_line, fe->start_column);
        s = postparse__yaml_dispatch(L, &e, &done);
    }
    return s;
}

/* After the first document libyaml is asked for one more event, to tell a
 * second document; before it, libyaml reads every directive, checking
 * each %TAG against all before it (quadratic). Count the directive lines
 * first, from where the document ended: past max_directives, libyaml is
 * not asked. */
static postparse_status check_directives(loader *L)
{
    postparse__posmap_get(&L->pm, L->alloc, L->last_event_end);
    size_t i = L->pm.at.bi, count = 0;
    const char *t = L->text;
    /* The rest of the line the document ended on. */
    while (i < L->len && t[i] != '\n' && t[i] != '\r')
        i++;
    while (i < L->len) {
        while (i < L->len && (t[i] == '\n' || t[i] == '\r'))
            i++;
        size_t line = i;
        if (i < L->len && t[i] == '%' && ++count > L->opt->max_directives) {
            L->directives_stop = true;
            postparse_pos pos = L->pm.start.cur.pos;
            /* The position of the first directive past the limit. */
            size_t ci = 0;
            for (size_t b = 0; b < line; b++)
                ci += ((unsigned char)t[b] & 0xC0) != 0x80;
            pos = postparse__posmap_get(&L->pm, L->alloc, ci);
            L->top_key = NULL;
            return postparse__yaml_report(
                L, POSTPARSE_SEVERITY_WARNING,
                POSTPARSE_DIAG_YAML_DIRECTIVE_LIMIT, &pos,
                "more than %zu YAML directives after the first "
                "document (max_yaml_directives): the rest of the "
                "front matter is not read (Jekyll reads only the "
                "first document)",
                L->opt->max_directives);
        }
        /* Blank lines, comments and directives come before a document
         * start; anything else ends the run libyaml would read. */
        size_t j = i;
        while (j < L->len && (t[j] == ' ' || t[j] == '\t'))
            j++;
        bool skip = j == L->len || t[j] == '\n' || t[j] == '\r' ||
                    t[j] == '#' || t[i] == '%';
        if (!skip)
            break;
        while (i < L->len && t[i] != '\n' && t[i] != '\r')
            i++;
    }
    return POSTPARSE_OK;
}

/* libyaml's events, up to the end of the first document; a second
 * document is reported, not read (Jekyll reads only the first). */
static postparse_status load_libyaml_events(loader *L)
{
    yaml_event_t e;
    bool done = false;
    postparse_status s = POSTPARSE_OK;
    while (!done && !s) {
        if (!yaml_parser_parse(&L->parser, &e))
            return postparse__yaml_syntax_error(L);
        s = postparse__yaml_dispatch(L, &e, &done);
        yaml_event_delete(&e);
    }
    if (s)
        return s;
    if ((s = check_directives(L)) != POSTPARSE_OK || L->directives_stop)
        return s;
    if (!yaml_parser_parse(&L->parser, &e))
        return POSTPARSE_OK;
    if (e.type == YAML_DOCUMENT_START_EVENT) {
        postparse_pos pos = postparse__yaml_mark_pos(L, &e.start_mark);
        L->top_key = NULL;
        s = postparse__yaml_report(
            L, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_YAML_SECOND_DOCUMENT,
            &pos,
            "a second YAML document starts here; Jekyll reads only "
            "the first and ignores the rest of the front matter");
    }
    yaml_event_delete(&e);
    return s;
}

/* libyaml, set up to read L->text through read_handler. */
static postparse_status load_with_libyaml(loader *L)
{
    if (!yaml_parser_initialize(&L->parser)) {
        L->err->code = POSTPARSE_ERR_NOMEM;
        snprintf(L->err->message, sizeof(L->err->message), "out of memory");
        L->err->pos = L->pm.start.cur.pos;
        return POSTPARSE_ERR_NOMEM;
    }
    yaml_parser_set_input(&L->parser, read_handler, L);
    yaml_parser_set_encoding(&L->parser, YAML_UTF8_ENCODING);
    postparse_status s = load_libyaml_events(L);
    yaml_parser_delete(&L->parser);
    return s;
}

postparse_status
postparse__yaml_load(postparse__arena *arena, const postparse_allocator *alloc,
                     const char *text, size_t len, const postparse_pos *start,
                     const postparse__yaml_options *opt,
                     postparse__yaml_diag_fn diag, void *ctx,
                     postparse__yaml_result *out, postparse_error *err)
{
    postparse__yaml_options defaults;
    if (!opt) {
        postparse__yaml_options_init(&defaults);
        opt = &defaults;
    }
    memset(out, 0, sizeof(*out));
    memset(err, 0, sizeof(*err));
    loader L;
    memset(&L, 0, sizeof(L));
    L.arena = arena;
    L.alloc = alloc;
    L.opt = opt;
    L.diag = diag;
    L.ctx = ctx;
    L.out = out;
    L.err = err;
    L.text = text;
    L.len = len;
    L.token_cap = opt->max_scalar_bytes > (SIZE_MAX - TOKEN_SLACK) / 4
                      ? SIZE_MAX
                      : opt->max_scalar_bytes * 4 + TOKEN_SLACK;
    L.pm.text = (const unsigned char *)text;
    L.pm.len = len;
    postparse__cursor_init(&L.pm.at.cur, start->offset);
    L.pm.at.cur.pos = *start;
    L.pm.start = L.pm.at;
    L.pm.checkpoints.elem = sizeof(postparse__posmap_checkpoint);
    L.items.elem = sizeof(item);
    L.frames.elem = sizeof(frame);
    L.anchors.list.elem = sizeof(postparse__anchor);
    /* Room for a front matter of usual size (items: a collection's values
     * until its end; frames: the open collections) without allocating. */
    postparse__posmap_checkpoint checkpoints[8];
    item items[64];
    frame frames[16];
    postparse__vec_lend(&L.pm.checkpoints, checkpoints,
                        POSTPARSE__COUNT(checkpoints));
    postparse__vec_lend(&L.items, items, POSTPARSE__COUNT(items));
    postparse__vec_lend(&L.frames, frames, POSTPARSE__COUNT(frames));
    /* Most front matter is in the fast scanner's subset; the rest, and
     * every syntax error, is libyaml's. */
    postparse__yaml_fast_result fast;
    size_t n =
        opt->libyaml_only ? 0 : postparse__yaml_fast_scan(text, len, &fast);
    postparse_status s =
        n ? load_fast_events(&L, fast.events, n) : load_with_libyaml(&L);
    if (!s && L.pm.nomem) {
        yaml_mark_t m = {0, 0, 0};
        s = postparse__yaml_fatal(&L, POSTPARSE_ERR_NOMEM, &m, "out of memory");
    }
    if (!s && out->root && !out->error_class)
        s = postparse__yaml_check_root(&L);
    if (!s && L.raised)
        out->root = NULL;
    postparse__vec_free(&L.items, alloc);
    postparse__vec_free(&L.frames, alloc);
    postparse__vec_free(&L.pm.checkpoints, alloc);
    postparse__anchor_free(&L.anchors, alloc);
    if (s) {
        out->root = NULL;
        if (!err->code)
            err->code = s;
    }
    return s;
}
