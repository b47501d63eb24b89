/* SPDX-License-Identifier: MIT */
/* UTF-8: the fast validator against utf8proc, and what the parser delivers
 * under each policy against plain references: the body (fed in the chunks
 * the tail chooses, pausing after every event when flag bit 0 is set) and
 * the front matter text must be the bytes unchanged (pass-through), with
 * each maximal subpart replaced by U+FFFD (replace, against
 * fuzz_reference_replace), or the valid prefix and an error at the first bad
 * byte (strict); the invalid-utf8 diagnostic or error and every body span
 * must be where the bytes are. A front matter block with an invalid byte is
 * not split off (Jekyll's rule) and comes out as body. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postparse/postparse.h>
#include <utf8proc.h>

#include "event_log.h"
#include "fuzz_input.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t utf8proc_valid_prefix(const uint8_t *s, size_t n)
{
    size_t i = 0;
    utf8proc_int32_t cp;
    while (i < n) {
        utf8proc_ssize_t len =
            utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0)
            break;
        i += (size_t)len;
    }
    return i;
}

static bool same_place(const uint8_t *s, size_t offset, postparse_pos got)
{
    postparse_pos want = {0, 1, 1};
    fuzz_reference_advance(&want, s, offset);
    return got.offset == want.offset && got.line == want.line &&
           got.column == want.column;
}

typedef struct run {
    postparse_utf8_policy policy;
    const uint8_t *input; /* all bytes fed, to place spans */
    size_t body_offset;   /* where the body starts in input */
    postparse_pos next;   /* where the next span must start (not replace) */
    uint8_t *body;
    size_t body_len;
    uint8_t *text;
    size_t text_len;
    size_t diags;
    postparse_pos diag_pos;
    unsigned pause_every;
    unsigned events;
} run;

static postparse_action next(run *r)
{
    r->events++;
    return r->pause_every && r->events % r->pause_every == 0
               ? POSTPARSE_PAUSE
               : POSTPARSE_CONTINUE;
}

static postparse_action on_body(void *ud, const char *data, size_t len,
                                const postparse_pos *pos)
{
    run *r = ud;
    CHECK(len > 0);
    if (r->policy != POSTPARSE_UTF8_PASS_THROUGH)
        CHECK(postparse__utf8_valid_prefix((const uint8_t *)data, len) == len);
    if (r->policy != POSTPARSE_UTF8_REPLACE) {
        fuzz_reference_advance(&r->next, r->input,
                               r->body_offset + r->body_len);
        CHECK(pos->offset == r->next.offset && pos->line == r->next.line &&
              pos->column == r->next.column);
    }
    memcpy(r->body + r->body_len, data, len);
    r->body_len += len;
    return next(r);
}

static postparse_action on_text(void *ud, const char *text, size_t len,
                                const postparse_pos *pos)
{
    run *r = ud;
    r->text = malloc(len ? len : 1);
    CHECK(r->text);
    memcpy(r->text, text, len);
    r->text_len = len;
    return next(r);
}

static postparse_action on_diagnostic(void *ud, const postparse_diagnostic *d)
{
    run *r = ud;
    /* What YAML says about the value is not this harness's business. */
    if (strcmp(d->code, "invalid-utf8") == 0) {
        r->diag_pos = d->pos;
        r->diags++;
    }
    return next(r);
}

/* Parses prefix + doc: prefix in one feed, doc in the tail's chunks. */
static postparse_status parse(run *r, const fuzz_input *in, const char *prefix,
                              const uint8_t *doc, size_t len,
                              const char *suffix)
{
    size_t plen = strlen(prefix), slen = strlen(suffix);
    uint8_t *all = malloc(plen + len + slen + 1);
    CHECK(all);
    memcpy(all, prefix, plen);
    memcpy(all + plen, doc, len);
    memcpy(all + plen + len, suffix, slen);
    r->input = all;
    r->body = malloc(3 * (plen + len + slen) + 1);
    CHECK(r->body);
    r->pause_every = in->flags & 1;
    r->next = (postparse_pos){0, 1, 1};

    postparse_options opt;
    postparse_options_init(&opt);
    opt.utf8_policy = r->policy;
    postparse_callbacks cb;
    postparse_callbacks_init(&cb);
    cb.on_body = on_body;
    cb.on_frontmatter_text = on_text;
    cb.on_diagnostic = on_diagnostic;
    postparse_parser *p;
    CHECK(postparse_parser_new(&p, &opt, &cb, r) == POSTPARSE_OK);
    postparse_status st = event_log_feed(p, prefix, plen);
    if (st == POSTPARSE_OK)
        st = fuzz_feed_chunks(p, in, doc, len);
    if (st == POSTPARSE_OK)
        st = event_log_feed(p, suffix, slen);
    while (st == POSTPARSE_OK &&
           (st = postparse_parser_finish(p)) == POSTPARSE_PAUSED)
        st = postparse_parser_resume(p);
    if (st != POSTPARSE_OK) {
        const postparse_error *e = postparse_parser_error(p);
        CHECK(e && e->code == st);
        r->diag_pos = e->pos;
    }
    if (st == POSTPARSE_OK)
        CHECK(postparse_parser_summary(p)->body_bytes == r->body_len);
    postparse_parser_free(p);
    return st;
}

static void run_free(run *r)
{
    free((void *)r->input);
    free(r->body);
    free(r->text);
    memset(r, 0, sizeof *r);
}

/* What the policy makes of doc: kept, replaced, or cut at the first bad
 * byte. Returns the length written to out. */
static size_t expected(postparse_utf8_policy policy, const uint8_t *doc,
                       size_t len, size_t valid, uint8_t *out)
{
    if (policy == POSTPARSE_UTF8_REPLACE)
        return fuzz_reference_replace(doc, len, out);
    size_t n = policy == POSTPARSE_UTF8_STRICT ? valid : len;
    memcpy(out, doc, n);
    return n;
}

/* "x" first: the whole input is body. */
static void check_body(const fuzz_input *in, postparse_utf8_policy policy,
                       size_t valid, uint8_t *want)
{
    run r = {.policy = policy};
    postparse_status st = parse(&r, in, "x", in->doc, in->doc_len, "");
    bool ok = valid == in->doc_len;
    want[0] = 'x';
    size_t want_len =
        1 + expected(policy, in->doc, in->doc_len, valid, want + 1);
    CHECK(r.body_len == want_len && memcmp(r.body, want, want_len) == 0);
    if (policy == POSTPARSE_UTF8_STRICT) {
        CHECK(st == (ok ? POSTPARSE_OK : POSTPARSE_ERR_INVALID_UTF8));
    } else {
        CHECK(st == POSTPARSE_OK);
        CHECK(r.diags == !ok);
    }
    if (!ok)
        CHECK(same_place(r.input, 1 + valid, r.diag_pos));
    run_free(&r);
}

/* The same bytes as a front matter value. Valid, they are the text; an
 * invalid byte is an error (strict), or, as Jekyll does, the block is not
 * split off and the whole input is body under the policy. */
static void check_front_matter(const fuzz_input *in,
                               postparse_utf8_policy policy, size_t valid,
                               uint8_t *want)
{
    static const char open[] = "---\nk: ", close[] = "\n---\nB";
    if (memchr(in->doc, '\n', in->doc_len))
        return; /* one line, so that it cannot close the block */
    bool ok = valid == in->doc_len;
    size_t n = sizeof open - 1;
    run r = {.policy = policy, .body_offset = ok ? n + in->doc_len + 5 : 0};
    postparse_status st = parse(&r, in, open, in->doc, in->doc_len, close);
    if (!ok)
        CHECK(same_place(r.input, n + valid, r.diag_pos));
    if (policy == POSTPARSE_UTF8_STRICT && !ok) {
        CHECK(st == POSTPARSE_ERR_INVALID_UTF8 && !r.text && r.body_len == 0);
        run_free(&r);
        return;
    }
    /* Valid text is loaded as YAML, which may stop at one of its limits
     * (after the text event, before the body). */
    bool yaml_limit =
        ok &&
        (st == POSTPARSE_ERR_DEPTH_LIMIT || st == POSTPARSE_ERR_SCALAR_LIMIT ||
         st == POSTPARSE_ERR_KEYS_LIMIT || st == POSTPARSE_ERR_ALIAS_LIMIT ||
         st == POSTPARSE_ERR_ANCHORS_LIMIT ||
         st == POSTPARSE_ERR_TAXONOMY_LIMIT);
    CHECK((st == POSTPARSE_OK || yaml_limit) && r.diags == !ok);
    memcpy(want, open, n);
    n += expected(policy, in->doc, in->doc_len, valid, want + n);
    if (ok) {
        want[n++] = '\n';
        CHECK(r.text && r.text_len == n && memcmp(r.text, want, n) == 0);
        CHECK(yaml_limit ? r.body_len == 0
                         : r.body_len == 1 && r.body[0] == 'B');
    } else {
        memcpy(want + n, close, sizeof close - 1);
        n += sizeof close - 1;
        CHECK(!r.text && r.body_len == n && memcmp(r.body, want, n) == 0);
    }
    run_free(&r);
}

/* The validator's three ways (AVX2 blocks, the portable DFA, utf8proc)
 * agree, from every alignment. */
static void check_validators(const uint8_t *data, size_t size)
{
    for (size_t k = 0; k < 4 && k <= size; k++) {
        const uint8_t *s = data + k;
        size_t n = size - k;
        size_t valid = utf8proc_valid_prefix(s, n);
        CHECK(postparse__utf8_valid_prefix(s, n) == valid);
        CHECK(postparse__utf8_valid_prefix_portable(s, n) == valid);
        if (n >= 64 && postparse__utf8_have_avx2()) {
            size_t blocks = postparse__utf8_valid_blocks_avx2(s, n);
            CHECK(blocks <= valid);
            CHECK(blocks == 0 ||
                  postparse__utf8_valid_prefix_portable(s, blocks) == blocks);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_validators(data, size);
    fuzz_input in;
    fuzz_input_split(&in, data, size);
    size_t valid = postparse__utf8_valid_prefix(in.doc, in.doc_len);
    uint8_t *want = malloc(3 * in.doc_len + 16);
    CHECK(want);
    for (int policy = POSTPARSE_UTF8_STRICT;
         policy <= POSTPARSE_UTF8_PASS_THROUGH; policy++) {
        check_body(&in, (postparse_utf8_policy)policy, valid, want);
        check_front_matter(&in, (postparse_utf8_policy)policy, valid, want);
    }
    free(want);
    return 0;
}
