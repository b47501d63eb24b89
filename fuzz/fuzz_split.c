/* SPDX-License-Identifier: MIT */
/* Chunk invariance: the document parsed in one feed, and again in the chunks
 * the tail chooses (some empty, each in an exactly sized heap buffer, with
 * pauses and resumes), must give the same event log once adjacent body
 * spans are merged; under each of the three UTF-8 policies.
 *
 * Flags (see fuzz_input.h): bits 0-1 pause after every 0th (never), 1st,
 * 2nd or 5th event; bit 2 the chunked parser first reads half the document,
 * is reset and starts again (reset must forget everything); bit 3 tight
 * limits (64 bytes of front matter, 2 diagnostics), so the limit errors are
 * reached and must be chunk invariant too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postparse/postparse.h>

#include "event_log.h"
#include "fuzz_input.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned pause_every[4] = {0, 1, 2, 5};

static void mismatch(const char *what, postparse_utf8_policy policy,
                     const char *whole, const char *chunked)
{
    fprintf(stderr,
            "fuzz_split: %s (utf8 policy %d)\nwhole:   %s\nchunked: %s\n", what,
            (int)policy, whole, chunked);
    abort();
}

/* Every body span, before merging: it is the input's bytes at the offset it
 * claims (or, replacing, U+FFFD standing for invalid bytes there), at the
 * line and column counted from the input, right after the previous span. */
typedef struct span_check {
    const fuzz_input *in;
    postparse_utf8_policy policy;
    postparse_pos at; /* reference position of the last span */
    uint64_t next;    /* where the next span must start (not replacing) */
    bool started;
} span_check;

static void span_fail(const char *what, const postparse_pos *pos)
{
    fprintf(stderr, "fuzz_split: body span at offset %llu (%llu:%llu): %s\n",
            (unsigned long long)pos->offset, (unsigned long long)pos->line,
            (unsigned long long)pos->column, what);
    abort();
}

static void check_span(void *ctx, const char *data, size_t len,
                       const postparse_pos *pos)
{
    span_check *c = ctx;
    const uint8_t *doc = c->in->doc;
    size_t n = c->in->doc_len;
    if (pos->offset >= n || (c->started && pos->offset <= c->at.offset))
        span_fail("out of order or outside the input", pos);
    if (c->started && c->policy != POSTPARSE_UTF8_REPLACE &&
        pos->offset != c->next)
        span_fail("not right after the previous span", pos);
    fuzz_reference_advance(&c->at, doc, (size_t)pos->offset);
    if (pos->line != c->at.line || pos->column != c->at.column)
        span_fail("line or column differs from the plain count", pos);
    size_t off = (size_t)pos->offset, cls_len;
    bool slice = len <= n - off && memcmp(doc + off, data, len) == 0;
    bool replaced = c->policy == POSTPARSE_UTF8_REPLACE && len == 3 &&
                    memcmp(data, "\xEF\xBF\xBD", 3) == 0 &&
                    postparse__utf8_classify(doc + off, n - off, &cls_len) !=
                        POSTPARSE__UTF8_VALID;
    if (!slice && !replaced)
        span_fail("bytes differ from the input's at that offset", pos);
    c->started = true;
    c->next = pos->offset + len;
}

static void watch_spans(event_log *log, span_check *c, const fuzz_input *in,
                        postparse_utf8_policy policy)
{
    memset(c, 0, sizeof *c);
    c->in = in;
    c->policy = policy;
    c->at = (postparse_pos){0, 1, 1};
    log->on_span = check_span;
    log->span_ctx = c;
}

static void check_policy(const fuzz_input *in, postparse_utf8_policy policy)
{
    postparse_options opt;
    postparse_options_init(&opt);
    opt.utf8_policy = policy;
    /* Post fields must not depend on the clock between the two parses. */
    opt.site_time_set = true;
    opt.site_time = 1735689600;
    if (in->flags & 8) {
        opt.max_frontmatter_bytes = 64;
        opt.max_diagnostics = 2;
    }

    event_log whole;
    event_log_init(&whole);
    whole.strict_spans = policy != POSTPARSE_UTF8_PASS_THROUGH;
    span_check whole_spans, chunked_spans;
    watch_spans(&whole, &whole_spans, in, policy);
    event_log_parse(&whole, (const char *)in->doc, in->doc_len, 0, &opt);

    event_log chunked;
    event_log_init(&chunked);
    postparse_parser *p = event_log_start(&chunked, &opt);
    if (in->flags & 4) {
        fuzz_feed_chunks(p, in, in->doc, in->doc_len / 2);
        postparse_parser_reset(p);
        event_log_free(&chunked);
        event_log_init(&chunked);
    }
    chunked.strict_spans = whole.strict_spans;
    watch_spans(&chunked, &chunked_spans, in, policy);
    chunked.pause_every = pause_every[in->flags & 3];
    postparse_status st = fuzz_feed_chunks(p, in, in->doc, in->doc_len);
    event_log_finish(&chunked, p, st);

    if (strcmp(whole.text, chunked.text) != 0)
        mismatch("event logs differ", policy, whole.text, chunked.text);
    if (whole.bad_spans || chunked.bad_spans)
        mismatch("bad body span", policy, whole.text, chunked.text);
    event_log_free(&whole);
    event_log_free(&chunked);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    fuzz_input_split(&in, data, size);
    check_policy(&in, POSTPARSE_UTF8_STRICT);
    check_policy(&in, POSTPARSE_UTF8_REPLACE);
    check_policy(&in, POSTPARSE_UTF8_PASS_THROUGH);
    return 0;
}
