/* SPDX-License-Identifier: MIT */
/* The push parser: the public calls, which run Jekyll's front matter split
 * (split.c) a byte at a time before the body, then the body in bulk
 * through the UTF-8 policy, straight out of the caller's buffer. */
#include "parser_state.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "position.h"
#include "schema.h"
#include "split.h"
#include "utf8.h"

#define DEFAULT_MAX_FRONTMATTER_BYTES ((size_t)1 << 20)
#define DEFAULT_MAX_DIAGNOSTICS ((size_t)1000)

static const char replacement_char[3] = {'\xEF', '\xBF', '\xBD'};

void postparse_options_init(postparse_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    options->size = sizeof *options;
    options->utf8_policy = POSTPARSE_UTF8_STRICT;
    options->max_frontmatter_bytes = DEFAULT_MAX_FRONTMATTER_BYTES;
    options->max_diagnostics = DEFAULT_MAX_DIAGNOSTICS;
    postparse__yaml_options y;
    postparse__yaml_options_init(&y);
    options->yaml_schema = y.schema;
    options->max_depth = y.max_depth;
    options->max_scalar_bytes = y.max_scalar_bytes;
    options->max_keys = y.max_keys;
    options->max_alias_nodes = y.max_alias_nodes;
    options->alias_amplification = y.alias_amplification;
    options->max_anchors = y.max_anchors;
    options->max_yaml_directives = y.max_directives;
    postparse__parser_post_options_init(options);
}

void postparse_callbacks_init(postparse_callbacks *callbacks)
{
    if (!callbacks)
        return;
    memset(callbacks, 0, sizeof *callbacks);
    callbacks->size = sizeof *callbacks;
}

/* ---- errors, callbacks, diagnostics ------------------------------------ */

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static postparse_status
fail(postparse_parser *p, postparse_status code, postparse_pos pos,
     const char *fmt, ...)
{
    if (p->failed)
        return p->error.code;
    p->failed = true;
    p->error.code = code;
    p->error.pos = pos;
    va_list ap;
    va_start(ap, fmt);
    postparse__message_vformat(p->error.message, sizeof p->error.message, fmt,
                               ap);
    va_end(ap);
    return code;
}

postparse_status postparse__parser_misuse(postparse_parser *p, const char *fmt,
                                          ...)
{
    p->misused = true;
    p->misuse.code = POSTPARSE_ERR_MISUSE;
    p->misuse.pos = p->body_cur.pos.line ? p->body_cur.pos : p->split.cur.pos;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->misuse.message, sizeof p->misuse.message, fmt, ap);
    va_end(ap);
    return POSTPARSE_ERR_MISUSE;
}

static postparse_status out_of_memory(postparse_parser *p, postparse_pos pos)
{
    return fail(p, POSTPARSE_ERR_NOMEM, pos, "out of memory");
}

/* What a callback's answer means for the parse. */
static postparse_status
after_callback(postparse_parser *p, postparse_action action, postparse_pos pos)
{
    switch (action) {
    case POSTPARSE_CONTINUE:
        return POSTPARSE_OK;
    case POSTPARSE_PAUSE:
        p->paused = true;
        return POSTPARSE_PAUSED;
    case POSTPARSE_ABORT:
        return fail(p, POSTPARSE_ERR_ABORTED, pos,
                    "a callback aborted the parse");
    }
    return fail(p, POSTPARSE_ERR_ABORTED, pos,
                "a callback returned %d, which is not a postparse_action",
                (int)action);
}

/* Calls a callback, if set, with the re-entry guard up. */
#define CALL(p, pos, name, ...)                                                \
    ((p)->cb.name                                                              \
         ? ((p)->in_callback = true,                                           \
            callback_done((p), (p)->cb.name((p)->user_data, __VA_ARGS__),      \
                          (pos)))                                              \
         : POSTPARSE_OK)

static postparse_status
callback_done(postparse_parser *p, postparse_action action, postparse_pos pos)
{
    p->in_callback = false;
    /* The callback misused its parser (feed or finish): that error stands. */
    if (p->failed)
        return p->error.code;
    return after_callback(p, action, pos);
}

/* Hands the collected diagnostics not yet delivered to on_diagnostic, one at
 * a time so that a pause can fall between any two. */
static postparse_status deliver_diagnostics(postparse_parser *p)
{
    while (p->diags_delivered < p->diags.count) {
        const postparse_diagnostic *d = &p->diags.items[p->diags_delivered++];
        postparse_status st = CALL(p, d->pos, on_diagnostic, d);
        if (st != POSTPARSE_OK)
            return st;
    }
    return POSTPARSE_OK;
}

/* ---- the body: UTF-8 policy and delivery ------------------------------- */

/* Delivers out[0..out_len) as one span standing for in_len input bytes (they
 * differ only when invalid bytes are replaced by U+FFFD). */
static postparse_status deliver(postparse_parser *p, const char *out,
                                size_t out_len, const uint8_t *in,
                                size_t in_len)
{
    postparse_pos pos = p->body_cur.pos;
    postparse__cursor_advance(&p->body_cur, in, in_len);
    p->summary.body_bytes += out_len;
    if (postparse__parser_post_body(p, out, out_len) != POSTPARSE_OK)
        return out_of_memory(p, pos);
    return CALL(p, pos, on_body, out, out_len, &pos);
}

static postparse_status report_invalid_utf8(postparse_parser *p,
                                            postparse_pos pos, uint8_t byte,
                                            const char *where)
{
    if (p->opt.utf8_policy == POSTPARSE_UTF8_STRICT)
        return fail(p, POSTPARSE_ERR_INVALID_UTF8, pos,
                    "invalid UTF-8 byte 0x%02X in the %s; expected UTF-8 text "
                    "(is the file in another encoding, such as Shift_JIS or "
                    "GBK?)",
                    byte, where);
    if (p->utf8_reported)
        return POSTPARSE_OK;
    p->utf8_reported = true;
    if (postparse__diag_add(
            &p->diags, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_INVALID_UTF8,
            pos, NULL,
            "invalid UTF-8 byte 0x%02X in the %s; expected UTF-8 text (%s); "
            "Jekyll skips a post that is not valid UTF-8",
            byte, where,
            p->opt.utf8_policy == POSTPARSE_UTF8_REPLACE
                ? "each invalid sequence was replaced by U+FFFD"
                : "the bytes were passed through unchanged") != POSTPARSE_OK)
        return out_of_memory(p, pos);
    return POSTPARSE_OK;
}

/* One maximal invalid subpart s[0..len) of the body, at body_cur. *taken
 * says whether it was consumed: not when the parse stopped first (an error,
 * or a pause in on_diagnostic). */
static postparse_status body_invalid(postparse_parser *p, const uint8_t *s,
                                     size_t len, bool *taken)
{
    *taken = false;
    p->summary.body_valid_utf8 = false;
    postparse_status st = report_invalid_utf8(p, p->body_cur.pos, s[0], "body");
    if (st == POSTPARSE_OK)
        st = deliver_diagnostics(p);
    if (st != POSTPARSE_OK)
        return st;
    *taken = true;
    if (p->opt.utf8_policy == POSTPARSE_UTF8_REPLACE)
        return deliver(p, replacement_char, sizeof replacement_char, s, len);
    return deliver(p, (const char *)s, len, s, len);
}

/* The carried bytes are a maximal invalid subpart: the next byte cannot
 * continue them, or no byte will come. */
static postparse_status carry_invalid(postparse_parser *p)
{
    uint8_t part[4];
    size_t part_len = p->carry_len;
    memcpy(part, p->carry, part_len);
    bool taken;
    postparse_status st = body_invalid(p, part, part_len, &taken);
    if (taken)
        p->carry_len = 0;
    return st;
}

/* Completes a UTF-8 sequence that the previous chunk cut, from the front of
 * src. Adds the bytes it takes to *i. */
static postparse_status complete_carry(postparse_parser *p, const uint8_t *src,
                                       size_t n, size_t *i)
{
    while (p->carry_len > 0 && *i < n) {
        p->carry[p->carry_len++] = src[(*i)++];
        size_t len;
        postparse__utf8_class cls =
            postparse__utf8_classify(p->carry, p->carry_len, &len);
        if (cls == POSTPARSE__UTF8_INCOMPLETE)
            continue;
        if (cls == POSTPARSE__UTF8_VALID) {
            uint8_t seq[4];
            memcpy(seq, p->carry, len);
            p->carry_len = 0;
            return deliver(p, (const char *)seq, len, seq, len);
        }
        /* The byte just added is not part of the maximal subpart: what was
         * carried is. Give the byte back to the caller's buffer. */
        p->carry_len--;
        (*i)--;
        return carry_invalid(p);
    }
    return POSTPARSE_OK;
}

/* The end of the run of valid UTF-8 that starts at src[i], with body_cur
 * moved over it. Both passes go a slice at a time, so that the second finds
 * the bytes still in the first-level cache however large the feed: 16 KiB
 * fits the smallest one here (32 KiB) with room. A 32 MiB body in one feed
 * went 9.1-9.3 GB/s with 64 KiB slices, 9.6-10.5 with 8 to 32 KiB, on a
 * machine with 48 KiB. */
static size_t valid_run(postparse_parser *p, const uint8_t *src, size_t i,
                        size_t n)
{
    enum { SLICE = 16 * 1024 };
    for (;;) {
        size_t end = n - i > SLICE ? i + SLICE : n;
        size_t valid = postparse__utf8_valid_prefix(src + i, end - i);
        postparse__cursor_advance(&p->body_cur, src + i, valid);
        i += valid;
        /* A character cut by the slice's end goes on in the next slice. */
        if (i == n || end == n || end - i >= 4)
            return i;
    }
}

/* Pushes n body bytes through the UTF-8 policy to on_body. *used: the bytes
 * consumed, all of them unless the parse stopped (pause or error). */
static postparse_status body_push(postparse_parser *p, const uint8_t *src,
                                  size_t n, size_t *used)
{
    size_t i = 0;
    postparse_status st = complete_carry(p, src, n, &i);
    while (st == POSTPARSE_OK && i < n) {
        size_t start = i;
        postparse_pos pos = p->body_cur.pos;
        i = valid_run(p, src, i, n);
        if (i > start) {
            p->summary.body_bytes += i - start;
            st = postparse__parser_post_body(p, (const char *)src + start,
                                             i - start);
            if (st != POSTPARSE_OK) {
                *used = start;
                return out_of_memory(p, pos);
            }
            st = CALL(p, pos, on_body, (const char *)src + start, i - start,
                      &pos);
            if (st != POSTPARSE_OK)
                break;
        }
        if (i == n)
            break;
        size_t len;
        if (postparse__utf8_classify(src + i, n - i, &len) ==
            POSTPARSE__UTF8_INCOMPLETE) {
            /* At most 3 bytes wait for the next chunk. */
            memcpy(p->carry, src + i, len);
            p->carry_len = len;
            i = n;
            break;
        }
        bool taken;
        st = body_invalid(p, src + i, len, &taken);
        if (taken)
            i += len;
    }
    *used = i;
    return st;
}

/* The body starts where the split says (split.h, POSTPARSE__SPLIT_BODY),
 * with the bytes it held (they go out before the caller's next bytes). */
static void start_body(postparse_parser *p)
{
    const postparse__split *s = &p->split;
    p->body_cur = s->body_at;
    p->summary.body_pos = s->body_at.pos;
    p->flush = s->pending;
    p->flush_len = s->pending_len;
    p->flush_off = 0;
}

/* ---- small body feeds, gathered ---------------------------------------- */

/* memcpy for the few bytes of a tiny feed, without the call: two
 * overlapping copies of a fixed size cover every length up to twice it. */
static inline void copy_small(uint8_t *to, const uint8_t *from, size_t n)
{
    if (n < 4) {
        /* A single byte, the smallest feed, is one store. */
        if (n > 0) {
            to[0] = from[0];
            if (n > 1) {
                to[1] = from[1];
                to[n - 1] = from[n - 1];
            }
        }
    } else if (n < 8) {
        memcpy(to, from, 4);
        memcpy(to + n - 4, from + n - 4, 4);
    } else if (n <= 16) {
        memcpy(to, from, 8);
        memcpy(to + n - 8, from + n - 8, 8);
    } else {
        memcpy(to, from, n);
    }
}

/* Copies src[0..n) after the gathered bytes (the caller checked that they
 * fit). false when there is no buffer and none can be had: the bytes then
 * take the direct path, which gives the same events. */
static bool gather(postparse_parser *p, const uint8_t *src, size_t n)
{
    if (!p->gather) {
        if (p->gather_unavailable)
            return false;
        p->gather =
            postparse__malloc(&p->opt.allocator, POSTPARSE__GATHER_BYTES);
        if (!p->gather) {
            p->gather_unavailable = true;
            return false;
        }
    }
    copy_small(p->gather + p->gather_len, src, n);
    p->gather_len += n;
    return true;
}

/* Hands the gathered bytes to drain, which pushes them through the body
 * path as one run before anything that comes after them. The buffer is not
 * written again until that flush is done: gathering waits for drain. */
static void flush_gathered(postparse_parser *p)
{
    p->flush = p->gather;
    p->flush_len = p->gather_len;
    p->flush_off = 0;
    p->gather_len = 0;
}

/* ---- the front matter -------------------------------------------------- */

/* The front matter text is checked once it is complete. Jekyll matches its
 * front matter regular expression only on valid UTF-8, so a block with an
 * invalid byte is not split off: the whole file is body, and the body's
 * policy applies to those bytes. */
static postparse_status check_front_matter_utf8(postparse_parser *p)
{
    const uint8_t *text = (const uint8_t *)p->split.fm.data;
    size_t n = p->split.fm_text_len;
    size_t valid = postparse__utf8_valid_prefix(text, n);
    if (valid == n)
        return POSTPARSE_OK;
    postparse__cursor at = p->split.fm_cur;
    postparse__cursor_advance(&at, text, valid);
    if (p->opt.utf8_policy == POSTPARSE_UTF8_STRICT)
        return report_invalid_utf8(p, at.pos, text[valid], "front matter");
    p->utf8_reported = true;
    if (postparse__diag_add(
            &p->diags, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_INVALID_UTF8,
            at.pos, NULL,
            "invalid UTF-8 byte 0x%02X in the front matter; expected UTF-8 "
            "text; as Jekyll does, the front matter is not split off and the "
            "whole file is body",
            text[valid]) != POSTPARSE_OK)
        return out_of_memory(p, at.pos);
    p->summary.has_front_matter = false;
    p->fm_stage = FM_DONE;
    postparse__split_not_front_matter(&p->split);
    start_body(p);
    return POSTPARSE_OK;
}

/* One step of the front matter events; each may pause the parse. */
static postparse_status front_matter_event(postparse_parser *p)
{
    switch (p->fm_stage) {
    case FM_CHECK:
        p->fm_stage = FM_BEGIN;
        return check_front_matter_utf8(p);
    case FM_BEGIN:
        p->fm_stage = FM_TEXT;
        return CALL(p, p->split.fm_cur.pos, on_frontmatter_begin,
                    &p->split.fm_cur.pos);
    case FM_TEXT:
        p->fm_stage = FM_LOAD;
        return CALL(p, p->split.fm_cur.pos, on_frontmatter_text,
                    p->split.fm.data, p->split.fm_text_len,
                    &p->split.fm_cur.pos);
    case FM_LOAD:
        p->fm_stage = FM_END;
        return postparse__parser_load_front_matter(p);
    case FM_END:
        p->fm_stage = FM_DONE;
        return CALL(p, p->split.closer_pos, on_frontmatter_end,
                    &p->split.closer_pos);
    case FM_NONE:
    case FM_DONE:
        break;
    }
    return POSTPARSE_OK;
}

/* Whether drain has anything to do: checked before each byte of the split,
 * so kept to a few loads. */
static bool has_queued_work(const postparse_parser *p)
{
    return p->diags_delivered < p->diags.count ||
           (p->fm_stage != FM_NONE && p->fm_stage != FM_DONE) || p->flush;
}

/* Work queued by earlier steps, in the order it must come out. */
static postparse_status drain(postparse_parser *p)
{
    for (;;) {
        postparse_status st = deliver_diagnostics(p);
        if (st != POSTPARSE_OK)
            return st;
        if (p->fm_stage != FM_NONE && p->fm_stage != FM_DONE) {
            st = front_matter_event(p);
        } else if (p->flush) {
            size_t used;
            st = body_push(p, p->flush + p->flush_off,
                           p->flush_len - p->flush_off, &used);
            p->flush_off += used;
            /* Gathered bytes that a fatal error leaves unread are not
             * counted as input, as the feed that brought them would not
             * have taken them without gathering. */
            if (p->failed && p->flush == p->gather)
                p->summary.input_bytes -= p->flush_len - p->flush_off;
            if (p->flush_off == p->flush_len)
                p->flush = NULL;
        } else {
            return POSTPARSE_OK;
        }
        if (st != POSTPARSE_OK)
            return st;
    }
}

/* Acts on what the split said of a byte or of the end of the input. */
static postparse_status split_done(postparse_parser *p,
                                   postparse__split_result r)
{
    switch (r) {
    case POSTPARSE__SPLIT_MORE:
        break;
    case POSTPARSE__SPLIT_BOM:
        p->summary.had_bom = true;
        break;
    case POSTPARSE__SPLIT_CLOSED:
        p->summary.has_front_matter = true;
        p->fm_stage = FM_CHECK;
        /* At the end of the input, an empty body follows. */
        if (p->split.state == SPLIT_BODY)
            start_body(p);
        break;
    case POSTPARSE__SPLIT_UNCLOSED:
        if (postparse__diag_add(
                &p->diags, POSTPARSE_SEVERITY_WARNING,
                POSTPARSE_DIAG_FRONTMATTER_UNCLOSED, p->split.fm_cur.pos, NULL,
                "front matter opened here has no closing '---' or '...' "
                "line; as Jekyll does, the whole file is read as body") !=
            POSTPARSE_OK)
            return out_of_memory(p, p->split.fm_cur.pos);
        start_body(p);
        break;
    case POSTPARSE__SPLIT_OVER_LIMIT:
        if (postparse__diag_add(
                &p->diags, POSTPARSE_SEVERITY_WARNING,
                POSTPARSE_DIAG_FRONTMATTER_OVER_LIMIT, p->split.fm_cur.pos,
                NULL,
                "front matter opened here has no closing '---' or '...' line "
                "within max_frontmatter_bytes (%zu); the whole file is read "
                "as body, as Jekyll reads a file with no closing line",
                p->split.max_bytes) != POSTPARSE_OK)
            return out_of_memory(p, p->split.fm_cur.pos);
        start_body(p);
        break;
    case POSTPARSE__SPLIT_BODY:
        start_body(p);
        break;
    case POSTPARSE__SPLIT_ERROR:
        return fail(p, p->split.error.code, p->split.error.pos, "%s",
                    p->split.error.message);
    }
    return POSTPARSE_OK;
}

/* After a block past max_frontmatter_bytes that was read as body: the
 * closing line Jekyll would have split at, when one came. Reported once
 * the body is all out, so that the events do not depend on the chunks. */
static postparse_status closed_past_limit(postparse_parser *p)
{
    const postparse__split *s = &p->split;
    if (!s->closed_past_limit)
        return POSTPARSE_OK;
    if (postparse__diag_add(
            &p->diags, POSTPARSE_SEVERITY_ERROR,
            POSTPARSE_DIAG_FRONTMATTER_CLOSED_PAST_LIMIT, s->closer_pos, NULL,
            "this line closes the front matter opened at line %llu column "
            "%llu, %llu bytes after it, past max_frontmatter_bytes (%zu): "
            "Jekyll splits here and reads the text above as front matter, "
            "postparse read the whole file as body; raise "
            "max_frontmatter_bytes to read it as Jekyll does",
            (unsigned long long)s->fm_cur.pos.line,
            (unsigned long long)s->fm_cur.pos.column,
            (unsigned long long)(s->closer_pos.offset - s->fm_cur.pos.offset),
            s->max_bytes) != POSTPARSE_OK)
        return out_of_memory(p, s->closer_pos);
    return POSTPARSE_OK;
}

/* What the next tiny feed may put straight into the front matter buffer
 * (postparse_parser_feed): after a feed that returned OK inside a front
 * matter line that can no longer be a closing line, with nothing queued,
 * what the split has room for (postparse__split_room); otherwise 0. */
static size_t front_matter_room(const postparse_parser *p)
{
    return has_queued_work(p) ? 0 : postparse__split_room(&p->split);
}

/* A tiny feed that fm_room has room for, into the front matter line, with
 * the cursor moved over it. false, with nothing done, when it holds an LF
 * (split_step takes those). A front matter fed a byte at a time is mostly
 * such feeds (a 128 KB one: 284 -> 73 instructions a byte over
 * one feed). */
static inline bool take_into_front_matter_line(postparse_parser *p,
                                               const uint8_t *src, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (src[k] == '\n')
            return false;
    /* Read before the copy, which could alias them. */
    size_t at = p->split.fm.len, room = p->fm_room;
    postparse__cursor cur = p->split.cur;
    char *to = p->split.fm.data + at;
    copy_small((uint8_t *)to, src, len);
    to[len] = '\0';
    for (size_t k = 0; k < len; k++)
        postparse__cursor_step(&cur, src[k]);
    p->split.fm.len = at + len;
    p->fm_room = room - len;
    p->split.cur = cur;
    p->consumed = len;
    p->summary.input_bytes += len;
    return true;
}

/* ---- the public calls -------------------------------------------------- */

static void init_state(postparse_parser *p)
{
    postparse__split_init(&p->split, p->opt.max_frontmatter_bytes,
                          &p->opt.allocator);
    p->summary.body_valid_utf8 = true;
    postparse__diag_list_init(&p->diags, &p->opt.allocator,
                              p->opt.max_diagnostics);
    p->diags.ruleset = p->opt.ruleset;
    postparse__arena_init(&p->arena, &p->opt.allocator);
    postparse__parser_post_init(p);
}

postparse_status postparse_parser_new(postparse_parser **out,
                                      const postparse_options *options,
                                      const postparse_callbacks *callbacks,
                                      void *user_data)
{
    if (!out)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    postparse_options opt;
    postparse_options_init(&opt);
    if (options) {
        /* A caller built against an older, shorter struct keeps the
         * defaults of the fields it does not know. */
        if (options->size < offsetof(postparse_options, utf8_policy) +
                                sizeof options->utf8_policy)
            return POSTPARSE_ERR_INVALID_ARGUMENT;
        memcpy(&opt, options,
               options->size < sizeof opt ? options->size : sizeof opt);
        opt.size = sizeof opt;
    }
    if ((unsigned)opt.utf8_policy > POSTPARSE_UTF8_PASS_THROUGH ||
        (unsigned)opt.yaml_schema > POSTPARSE_SCHEMA_YAML12_CORE ||
        !opt.alias_amplification ||
        !postparse__allocator_valid(&opt.allocator) ||
        !postparse__schema_rules_valid(&opt))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    postparse_callbacks cb;
    postparse_callbacks_init(&cb);
    if (callbacks) {
        if (callbacks->size < sizeof(size_t))
            return POSTPARSE_ERR_INVALID_ARGUMENT;
        memcpy(&cb, callbacks,
               callbacks->size < sizeof cb ? callbacks->size : sizeof cb);
        cb.size = sizeof cb;
    }
    postparse_parser *p = postparse__malloc(&opt.allocator, sizeof *p);
    if (!p)
        return POSTPARSE_ERR_NOMEM;
    memset(p, 0, sizeof *p);
    p->opt = opt;
    p->cb = cb;
    p->user_data = user_data;
    if (opt.hash_seed_set) {
        p->hash_key.k0 = opt.hash_seed[0];
        p->hash_key.k1 = opt.hash_seed[1];
    } else {
        postparse__hash_key_random(&p->hash_key, p);
    }
    if (postparse__parser_post_new(p) != POSTPARSE_OK) {
        postparse__free(&opt.allocator, p, sizeof *p);
        return POSTPARSE_ERR_NOMEM;
    }
    init_state(p);
    *out = p;
    return POSTPARSE_OK;
}

static void release(postparse_parser *p)
{
    const postparse_allocator *a = &p->opt.allocator;
    postparse__buffer_free(&p->split.fm, a);
    postparse__buffer_free(&p->split.ws, a);
    postparse__buffer_free(&p->body, a);
    postparse__free(a, p->gather, POSTPARSE__GATHER_BYTES);
    p->gather = NULL;
    postparse__parser_post_release(p);
    postparse__arena_free(&p->arena);
    postparse__diag_list_clear(&p->diags);
}

/* What one parse leaves to the next after reset, when small: the buffers
 * (the gather buffer always) and the arena's first block, so that a run of
 * posts does not go back to the allocator for each. */
#define RECYCLE_MAX_BYTES ((size_t)64 * 1024)

static void recycle_buffer(postparse__buffer *b, const postparse_allocator *a)
{
    if (b->cap > RECYCLE_MAX_BYTES) {
        postparse__buffer_free(b, a);
        return;
    }
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void postparse_parser_reset(postparse_parser *p)
{
    if (!p || p->in_callback)
        return;
    const postparse_allocator *a = &p->opt.allocator;
    recycle_buffer(&p->split.fm, a);
    recycle_buffer(&p->split.ws, a);
    postparse__buffer fm = p->split.fm, ws = p->split.ws;
    uint8_t *gather = p->gather; /* what it holds is dropped */
    postparse__arena_reset(&p->arena, RECYCLE_MAX_BYTES);
    postparse__arena arena = p->arena;
    p->split.fm = p->split.ws = (postparse__buffer){0};
    p->gather = NULL;
    postparse__arena_init(&p->arena, a);
    release(p);
    postparse_options opt = p->opt;
    postparse_callbacks cb = p->cb;
    void *user_data = p->user_data;
    memset(p, 0, sizeof *p);
    p->opt = opt;
    p->cb = cb;
    p->user_data = user_data;
    if (opt.hash_seed_set) {
        p->hash_key.k0 = opt.hash_seed[0];
        p->hash_key.k1 = opt.hash_seed[1];
    } else {
        postparse__hash_key_random(&p->hash_key, p);
    }
    init_state(p);
    p->split.fm = fm;
    p->split.ws = ws;
    p->gather = gather;
    p->arena = arena;
}

void postparse_parser_free(postparse_parser *p)
{
    if (!p || p->in_callback)
        return;
    release(p);
    postparse__parser_post_free(p);
    postparse_allocator a = p->opt.allocator;
    postparse__free(&a, p, sizeof *p);
}

/* Calls that may run the machine share these preconditions (docs/api.md,
 * "Misuse"). A call out of turn (from inside a callback on the same parser,
 * while paused, after the input ended) changes nothing and returns
 * POSTPARSE_ERR_MISUSE; postparse_parser_error() reports it, with no place
 * in the file (the caller's program, not the input, is wrong), until reset
 * or take_doc. */
static postparse_status may_run(postparse_parser *p, const char *call)
{
    if (p->in_callback)
        return postparse__parser_misuse(
            p,
            "postparse_parser_%s() called from inside a callback on its own "
            "parser; return POSTPARSE_PAUSE and call it once the parser "
            "returned",
            call);
    if (p->failed)
        return p->error.code;
    if (p->paused)
        return postparse__parser_misuse(
            p,
            "postparse_parser_%s() called while paused: call "
            "postparse_parser_resume() first",
            call);
    if (p->finished)
        return postparse__parser_misuse(
            p, "the input is finished: call postparse_parser_reset() (or "
               "postparse_parser_take_doc()) before the next input");
    return POSTPARSE_OK;
}

/* The preconditions of a feed that may_run does not check: a finish that
 * paused is still the end of the input, so a feed then is refused, as a
 * call out of turn while paused; finish() again completes it. */
static postparse_status may_feed(postparse_parser *p)
{
    postparse_status st = may_run(p, "feed");
    if (st == POSTPARSE_OK && p->finish_stage != FINISH_SPLIT)
        st = postparse__parser_misuse(
            p, "feed after finish: the input is finished");
    return st;
}

/* Whether postparse_parser_feed must refuse: may_feed's conditions in one
 * test, which the fast path pays on every tiny feed. */
static inline bool feed_refused(const postparse_parser *p)
{
    return p->in_callback | p->failed | p->paused | p->finished |
           (p->finish_stage != FINISH_SPLIT);
}

/* A feed the split and the body path take in full (postparse_parser_feed
 * checked its preconditions). Kept out of line, so that the tiny feed does
 * not pay for its registers. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static postparse_status
feed(postparse_parser *p, const uint8_t *src, size_t len)
{
    p->gather_room = p->fm_room = 0;
    postparse_status st = POSTPARSE_OK;
    size_t i = 0;
    /* Only a feed that is all body is gathered: one that starts the body
     * (a whole file in one feed, say) has no later feed to share a run
     * with. */
    bool small = p->split.state == SPLIT_BODY && len < POSTPARSE__GATHER_BELOW;
    size_t body_from = len; /* where this feed's body bytes start */
    for (;;) {
        st = has_queued_work(p) ? drain(p) : POSTPARSE_OK;
        if (st != POSTPARSE_OK || i == len)
            break;
        if (p->split.state == SPLIT_BODY) {
            if (body_from == len)
                body_from = i;
            /* Gathered bytes go first. A flush stops (pause, error) before
             * any byte of this feed is taken, so consumed() stays 0. */
            if (small) {
                if (len > POSTPARSE__GATHER_BYTES - p->gather_len) {
                    flush_gathered(p);
                    continue;
                }
                if (gather(p, src, len)) {
                    i = len;
                    break;
                }
            } else if (p->gather_len > 0) {
                flush_gathered(p);
                continue;
            }
            size_t used;
            st = body_push(p, src + i, len - i, &used);
            i += used;
        } else {
            size_t taken;
            postparse__split_result r =
                postparse__split_feed(&p->split, src + i, len - i, &taken);
            i += taken;
            if (r != POSTPARSE__SPLIT_MORE)
                st = split_done(p, r);
        }
        if (st != POSTPARSE_OK)
            break;
    }
    /* A block past max_frontmatter_bytes was body: its closing line may
     * still come, in the bytes taken (reported at the end, so that the
     * events do not depend on the chunks). */
    if (p->split.watching && body_from < i)
        postparse__split_watch(&p->split, src + body_from, i - body_from);
    p->consumed = i;
    p->summary.input_bytes += i;
    p->gather_room = st == POSTPARSE_OK && p->split.state == SPLIT_BODY &&
                             p->gather && !has_queued_work(p) &&
                             !p->split.watching
                         ? POSTPARSE__GATHER_BYTES - p->gather_len
                         : 0;
    p->fm_room = st == POSTPARSE_OK ? front_matter_room(p) : 0;
    return st;
}

/* The one way bytes come in. Its preconditions are checked first, for
 * every feed (an empty one after finish once slipped past them on a
 * shortcut); then a tiny feed that the gather buffer or the current front
 * matter line has room for is copied there with no call: a run of tiny
 * feeds costs what these checks and the copy cost. */
postparse_status postparse_parser_feed(postparse_parser *p, const void *data,
                                       size_t len)
{
    if (!p || (!data && len))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    if (feed_refused(p))
        return may_feed(p);
    /* len - 1 wraps for 0, so one test bounds len both ways. */
    if (len - 1 < POSTPARSE__GATHER_INLINE) {
        if (len <= p->gather_room) {
            /* Read before the copy, which could alias them. */
            size_t at = p->gather_len, room = p->gather_room;
            copy_small(p->gather + at, data, len);
            p->gather_len = at + len;
            p->gather_room = room - len;
            p->consumed = len;
            p->summary.input_bytes += len;
            return POSTPARSE_OK;
        }
        if (len <= p->fm_room && take_into_front_matter_line(p, data, len))
            return POSTPARSE_OK;
    }
    return feed(p, data, len);
}

postparse_status postparse_parser_finish(postparse_parser *p)
{
    if (!p)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    p->gather_room = p->fm_room = 0;
    postparse_status st = may_run(p, "finish");
    if (st != POSTPARSE_OK)
        return st;
    p->consumed = 0;
    for (;;) {
        st = drain(p);
        if (st != POSTPARSE_OK)
            return st;
        switch (p->finish_stage) {
        case FINISH_SPLIT:
            p->finish_stage = FINISH_CARRY;
            /* Bytes were gathered only once the body had started: there is
             * no split left to decide. */
            if (p->gather_len > 0)
                flush_gathered(p);
            else if (p->split.state != SPLIT_BODY)
                st = split_done(p, postparse__split_end(&p->split));
            break;
        case FINISH_CARRY:
            if (p->carry_len > 0)
                st = carry_invalid(p);
            else
                p->finish_stage = FINISH_POST;
            break;
        case FINISH_POST:
            p->finish_stage = FINISH_END;
            postparse__split_watch_end(&p->split);
            st = closed_past_limit(p);
            if (st == POSTPARSE_OK)
                st = postparse__parser_post_finish(p);
            if (st != POSTPARSE_OK && p->pp.post.limit.code == st)
                st = fail(p, st, p->pp.post.limit.pos, "%s",
                          p->pp.post.limit.message);
            else if (st != POSTPARSE_OK)
                st = out_of_memory(p, p->body_cur.pos);
            break;
        case FINISH_END:
            p->finish_stage = FINISH_DONE;
            st = CALL(p, p->body_cur.pos, on_end, &p->summary);
            break;
        case FINISH_DONE:
            p->finished = true;
            return POSTPARSE_OK;
        }
        if (st != POSTPARSE_OK)
            return st;
    }
}

postparse_status postparse_parser_resume(postparse_parser *p)
{
    if (!p)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    if (p->in_callback || !p->paused)
        return postparse__parser_misuse(
            p, p->in_callback ? "resume called from inside a callback"
                              : "resume: the parser is not paused");
    p->paused = false;
    return POSTPARSE_OK;
}

size_t postparse_parser_consumed(const postparse_parser *p)
{
    return p ? p->consumed : 0;
}

const postparse_error *postparse_parser_error(const postparse_parser *p)
{
    if (!p)
        return NULL;
    if (p->failed)
        return &p->error;
    return p->misused ? &p->misuse : NULL;
}

const postparse_summary *postparse_parser_summary(const postparse_parser *p)
{
    return p ? &p->summary : NULL;
}
