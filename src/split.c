/* SPDX-License-Identifier: MIT */
/* Jekyll's front matter split, one byte at a time (the front matter is
 * small and must be buffered anyway).
 *
 * Jekyll 4.3 splits with  \A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)  (/m) on
 * the text after a UTF-8 BOM. Read as a machine:
 *  - the opening line is "---" at the start, then blanks up to an LF;
 *  - the first later line that is "---" or "..." plus blanks up to an LF, or
 *    up to the end of the input, closes (even inside a quoted YAML string);
 *  - \s* runs across line ends, so the closer also eats every blank line
 *    after it: the body starts after the last LF of that run of blanks, or
 *    is empty when the run reaches the end of the input;
 *  - with no closer there is no front matter and everything is body.
 * \s is [ \t\r\n\f\v]; a CR alone never ends a delimiter line. */
#include "split.h"

#include <stdio.h>
#include <string.h>

#include "diagnostics.h"

static bool is_blank(uint8_t b)
{
    return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == '\v';
}

void postparse__split_init(postparse__split *s, size_t max_bytes,
                           const postparse_allocator *allocator)
{
    s->state = SPLIT_BOM;
    postparse__cursor_init(&s->cur, 0);
    s->start_cur = s->fm_cur = s->cur;
    s->max_bytes = max_bytes;
    s->allocator = allocator;
}

/* The error postparse__error_set put into s->error happened at pos. */
static postparse__split_result failed_at(postparse__split *s, postparse_pos pos)
{
    s->error.pos = pos;
    return POSTPARSE__SPLIT_ERROR;
}

static postparse__split_result out_of_memory(postparse__split *s)
{
    postparse__error_set(&s->error, POSTPARSE_ERR_NOMEM, "out of memory");
    return failed_at(s, s->cur.pos);
}

/* The body starts at cursor at, after the bytes held in pending[0..len). */
static postparse__split_result start_body(postparse__split *s,
                                          const postparse__cursor *at,
                                          const uint8_t *pending, size_t len)
{
    s->state = SPLIT_BODY;
    s->body_at = *at;
    s->pending = pending;
    s->pending_len = len;
    return POSTPARSE__SPLIT_BODY;
}

/* The bytes from the opening line on are not front matter: the body starts
 * with them. */
static postparse__split_result no_front_matter(postparse__split *s)
{
    return start_body(s, &s->start_cur, (const uint8_t *)s->fm.data, s->fm.len);
}

void postparse__split_not_front_matter(postparse__split *s)
{
    no_front_matter(s);
}

/* ---- byte order marks --------------------------------------------------- */

/* UTF-8's is skipped; the others name an encoding postparse does not read.
 * FF FE is UTF-16LE's mark and the start of UTF-32LE's (FF FE 00 00): the
 * longest mark that matches wins. */
static const struct byte_order_mark {
    const char *bytes;
    size_t len;
    const char *encoding; /* NULL: UTF-8 */
    const char *iconv;    /* iconv's name of it */
} byte_order_marks[] = {
    {"\xEF\xBB\xBF", 3, NULL, NULL},
    {"\x00\x00\xFE\xFF", 4, "UTF-32 (big-endian)", "UTF-32"},
    {"\xFF\xFE\x00\x00", 4, "UTF-32 (little-endian)", "UTF-32"},
    {"\xFE\xFF", 2, "UTF-16 (big-endian)", "UTF-16"},
    {"\xFF\xFE", 2, "UTF-16 (little-endian)", "UTF-16"},
};

#define BOM_COUNT (sizeof byte_order_marks / sizeof byte_order_marks[0])

/* Whether s[0..n) is the start of some mark. */
static bool bom_prefix(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < BOM_COUNT; i++)
        if (byte_order_marks[i].len >= n &&
            memcmp(byte_order_marks[i].bytes, s, n) == 0)
            return true;
    return false;
}

/* Whether a mark longer than n bytes starts with s[0..n). */
static bool bom_longer_possible(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < BOM_COUNT; i++)
        if (byte_order_marks[i].len > n &&
            memcmp(byte_order_marks[i].bytes, s, n) == 0)
            return true;
    return false;
}

/* The longest mark that s[0..n) starts with, or NULL. */
static const struct byte_order_mark *bom_longest(const uint8_t *s, size_t n)
{
    const struct byte_order_mark *best = NULL;
    for (size_t i = 0; i < BOM_COUNT; i++) {
        const struct byte_order_mark *m = &byte_order_marks[i];
        if (m->len <= n && memcmp(m->bytes, s, m->len) == 0 &&
            (best == NULL || m->len > best->len))
            best = m;
    }
    return best;
}

static postparse__split_result unsupported_bom(postparse__split *s,
                                               const struct byte_order_mark *m)
{
    char hex[12]; /* "FF FE 00 00" */
    for (size_t i = 0, at = 0; i < m->len; i++)
        at += (size_t)snprintf(hex + at, sizeof hex - at, "%s%02X",
                               i ? " " : "", (uint8_t)m->bytes[i]);
    postparse__error_set(
        &s->error, POSTPARSE_ERR_UNSUPPORTED_ENCODING,
        "%s byte order mark (%s): postparse reads UTF-8 only, as Jekyll "
        "does; convert the file, e.g. with iconv -f %s -t UTF-8",
        m->encoding, hex, m->iconv);
    return failed_at(s, s->start_cur.pos);
}

/* The bytes kept as a possible mark are no longer one (the next byte does
 * not follow, or the input ends): an encoding's mark they start with is
 * fatal; else they begin the body. */
static postparse__split_result bom_settle(postparse__split *s)
{
    const struct byte_order_mark *m = bom_longest(s->pre, s->pre_len);
    if (m != NULL && m->encoding != NULL)
        return unsupported_bom(s, m);
    return start_body(s, &s->start_cur, s->pre, s->pre_len);
}

static postparse__split_result bom_step(postparse__split *s, uint8_t b)
{
    uint8_t cand[4];
    memcpy(cand, s->pre, s->pre_len);
    cand[s->pre_len] = b;
    if (!bom_prefix(cand, s->pre_len + 1)) {
        /* b is not part of a mark: it is read after what was kept. */
        if (s->pre_len == 0) {
            s->state = SPLIT_OPEN;
            return postparse__split_step(s, b);
        }
        return bom_settle(s);
    }
    s->pre[s->pre_len++] = b;
    const struct byte_order_mark *m = bom_longest(s->pre, s->pre_len);
    /* Decided once a mark is whole and no longer one could follow (FF FE
     * waits for a third byte: 00 may make it UTF-32). */
    if (m == NULL || m->len != s->pre_len ||
        bom_longer_possible(s->pre, s->pre_len))
        return POSTPARSE__SPLIT_MORE;
    if (m->encoding != NULL)
        return unsupported_bom(s, m);
    s->state = SPLIT_OPEN;
    /* The mark is not a character of the text: columns start after it,
     * offsets count it. */
    postparse__cursor_init(&s->cur, 3);
    s->start_cur = s->cur;
    s->fm_cur = s->cur;
    return POSTPARSE__SPLIT_BOM;
}

/* ---- the front matter --------------------------------------------------- */

static postparse__split_result keep_byte(postparse__split *s, uint8_t b)
{
    if (s->fm.len >= s->max_bytes) {
        postparse__error_set(
            &s->error, POSTPARSE_ERR_FRONTMATTER_TOO_LARGE,
            "the opening '---' line at line %llu column %llu is longer "
            "than max_frontmatter_bytes (%zu); shorten it or raise the "
            "limit",
            (unsigned long long)s->fm_cur.pos.line,
            (unsigned long long)s->fm_cur.pos.column, s->max_bytes);
        return failed_at(s, s->cur.pos);
    }
    if (s->fm.len + 1 < s->fm.cap) {
        s->fm.data[s->fm.len++] = (char)b;
        s->fm.data[s->fm.len] = '\0';
        return POSTPARSE__SPLIT_MORE;
    }
    if (!postparse__buffer_append(&s->fm, s->allocator, &b, 1))
        return out_of_memory(s);
    return POSTPARSE__SPLIT_MORE;
}

static void close_front_matter(postparse__split *s)
{
    s->fm_text_len = s->closer_start;
    s->state = SPLIT_AFTER_CLOSER;
    s->ws.len = 0;
    s->ws_cur = s->cur;
}

/* Matches b against a closing line, from the state the bytes before it
 * left (at_line_start, match; closer_pos is set at each line's start).
 * true when b is the LF that ends a closing line. */
static bool closer_byte(postparse__split *s, uint8_t b)
{
    bool line_start = s->at_line_start;
    s->at_line_start = b == '\n';
    if (line_start) {
        s->match = b == '-' ? MATCH_DASH1 : b == '.' ? MATCH_DOT1 : MATCH_NONE;
        s->closer_pos = s->cur.pos;
        return false;
    }
    switch (s->match) {
    case MATCH_DASH1:
    case MATCH_DASH2:
        s->match = b == '-' ? s->match + 1 : MATCH_NONE;
        break;
    case MATCH_DOT1:
    case MATCH_DOT2:
        s->match = b == '.'
                       ? (s->match == MATCH_DOT1 ? MATCH_DOT2 : MATCH_BLANKS)
                       : MATCH_NONE;
        break;
    case MATCH_BLANKS:
        if (b == '\n')
            return true;
        if (!is_blank(b))
            s->match = MATCH_NONE;
        break;
    case MATCH_NONE:
        break;
    }
    return false;
}

/* A byte of the block: kept, and matched against a closing line. Past
 * max_bytes with no closing line, the block is read as body, as Jekyll
 * reads a file with no closing line, and the body is watched for the
 * closing line Jekyll would split at (postparse__split_watch). */
static postparse__split_result front_matter_step(postparse__split *s, uint8_t b)
{
    if (s->fm.len >= s->max_bytes) {
        no_front_matter(s);
        s->watching = true;
        return POSTPARSE__SPLIT_OVER_LIMIT;
    }
    postparse__split_result r = keep_byte(s, b);
    if (r != POSTPARSE__SPLIT_MORE)
        return r;
    if (s->at_line_start)
        s->closer_start = s->fm.len - 1;
    if (!closer_byte(s, b))
        return POSTPARSE__SPLIT_MORE;
    postparse__cursor_step(&s->cur, b);
    close_front_matter(s);
    return POSTPARSE__SPLIT_CLOSED;
}

bool postparse__split_watch(postparse__split *s, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (closer_byte(s, src[i])) {
            s->watching = false;
            s->closed_past_limit = true;
            return true;
        }
        postparse__cursor_step(&s->cur, src[i]);
    }
    return false;
}

bool postparse__split_watch_end(postparse__split *s)
{
    if (!s->watching)
        return false;
    s->watching = false;
    s->closed_past_limit = s->match == MATCH_BLANKS;
    return s->closed_past_limit;
}

/* A byte after the closing line: blanks are held until a line ends (they
 * are dropped) or another byte starts the body (they begin it). */
static postparse__split_result after_closer_step(postparse__split *s, uint8_t b)
{
    if (b == '\n') {
        s->ws.len = 0;
        postparse__cursor_step(&s->cur, b);
        s->ws_cur = s->cur;
        return POSTPARSE__SPLIT_MORE;
    }
    if (!is_blank(b))
        return start_body(s, &s->ws_cur, (const uint8_t *)s->ws.data,
                          s->ws.len);
    if (s->ws.len >= s->max_bytes) {
        postparse__error_set(&s->error, POSTPARSE_ERR_FRONTMATTER_TOO_LARGE,
                             "a line of blanks after the closing line is "
                             "longer than max_frontmatter_bytes (%zu)",
                             s->max_bytes);
        return failed_at(s, s->cur.pos);
    }
    if (!postparse__buffer_append(&s->ws, s->allocator, &b, 1))
        return out_of_memory(s);
    postparse__cursor_step(&s->cur, b);
    return POSTPARSE__SPLIT_MORE;
}

static postparse__split_result step(postparse__split *s, uint8_t b)
{
    postparse__split_result r;
    switch (s->state) {
    case SPLIT_BOM:
        return bom_step(s, b);
    case SPLIT_OPEN:
        if (b != '-')
            return no_front_matter(s);
        r = keep_byte(s, b);
        if (s->fm.len == 3)
            s->state = SPLIT_OPEN_BLANKS;
        break;
    case SPLIT_OPEN_BLANKS:
        if (b != '\n' && !is_blank(b))
            return no_front_matter(s);
        r = keep_byte(s, b);
        if (b == '\n') {
            s->state = SPLIT_FRONT_MATTER;
            s->at_line_start = true;
        }
        break;
    case SPLIT_FRONT_MATTER:
        r = front_matter_step(s, b);
        if (r == POSTPARSE__SPLIT_CLOSED || r == POSTPARSE__SPLIT_OVER_LIMIT)
            return r;
        break;
    case SPLIT_AFTER_CLOSER:
        return after_closer_step(s, b);
    case SPLIT_BODY:
    default:
        return POSTPARSE__SPLIT_BODY;
    }
    if (r == POSTPARSE__SPLIT_MORE)
        postparse__cursor_step(&s->cur, b);
    return r;
}

postparse__split_result postparse__split_step(postparse__split *s, uint8_t b)
{
    return step(s, b);
}

size_t postparse__split_run(postparse__split *s, const uint8_t *src, size_t n)
{
    const uint8_t *nl = memchr(src, '\n', n);
    size_t take = nl ? (size_t)(nl - src) : n;
    size_t room = s->max_bytes - s->fm.len;
    if (take > room)
        take = room;
    if (!postparse__buffer_append(&s->fm, s->allocator, src, take))
        return 0;
    postparse__cursor_advance(&s->cur, src, take);
    return take;
}

postparse__split_result postparse__split_feed(postparse__split *s,
                                              const uint8_t *src, size_t n,
                                              size_t *used)
{
    postparse__split_result r = POSTPARSE__SPLIT_MORE;
    size_t i = 0;
    while (i < n) {
        if (postparse__split_within_line(s) && src[i] != '\n' &&
            s->fm.len < s->max_bytes) {
            size_t taken = postparse__split_run(s, src + i, n - i);
            if (taken == 0) {
                r = out_of_memory(s);
                break;
            }
            i += taken;
            continue;
        }
        r = step(s, src[i]);
        if (r == POSTPARSE__SPLIT_BODY || r == POSTPARSE__SPLIT_OVER_LIMIT ||
            r == POSTPARSE__SPLIT_ERROR)
            break;
        i++;
        if (r != POSTPARSE__SPLIT_MORE)
            break;
    }
    *used = i;
    return r;
}

postparse__split_result postparse__split_end(postparse__split *s)
{
    switch (s->state) {
    case SPLIT_BOM:
        return bom_settle(s);
    case SPLIT_OPEN:
    case SPLIT_OPEN_BLANKS:
        return no_front_matter(s);
    case SPLIT_FRONT_MATTER:
        if (s->match == MATCH_BLANKS) {
            /* "---" and blanks up to the end of the input close, and leave
             * an empty body. */
            close_front_matter(s);
            start_body(s, &s->cur, NULL, 0);
            return POSTPARSE__SPLIT_CLOSED;
        }
        no_front_matter(s);
        return POSTPARSE__SPLIT_UNCLOSED;
    case SPLIT_AFTER_CLOSER:
        /* Blanks up to the end belong to the closer. */
        return start_body(s, &s->cur, NULL, 0);
    case SPLIT_BODY:
        break;
    }
    return POSTPARSE__SPLIT_BODY;
}
