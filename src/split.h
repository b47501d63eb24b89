/* SPDX-License-Identifier: MIT */
/* Jekyll's front matter split as a byte-at-a-time state machine: the byte
 * order mark, the opening line, the closing line, the blank lines after it.
 * It knows nothing of callbacks or the body's UTF-8 policy: each step says
 * what the byte meant, and the parser (parser.c) acts on it. Not part of
 * the API. */
#ifndef POSTPARSE_SPLIT_H
#define POSTPARSE_SPLIT_H

#include <postparse/common.h>

#include "buffer.h"
#include "position.h"

/* Where the split is: before the body, one byte at a time. */
typedef enum split_state {
    SPLIT_BOM,          /* the first bytes: a UTF-8 byte order mark? */
    SPLIT_OPEN,         /* matching "---" at the start */
    SPLIT_OPEN_BLANKS,  /* blanks after the opening "---", up to an LF */
    SPLIT_FRONT_MATTER, /* inside the block, looking for a closing line */
    SPLIT_AFTER_CLOSER, /* blank lines after the closer, dropped */
    SPLIT_BODY
} split_state;

/* How much of a closing line the current line has matched. */
typedef enum closer_match {
    MATCH_NONE,
    MATCH_DASH1,
    MATCH_DASH2,
    MATCH_BLANKS, /* "---" or "..." seen; blanks until an LF close */
    MATCH_DOT1,
    MATCH_DOT2
} closer_match;

/* What a byte (or the end of the input) meant. */
typedef enum postparse__split_result {
    /* The byte was taken; the split goes on. */
    POSTPARSE__SPLIT_MORE,
    /* The byte was taken and completed a UTF-8 byte order mark. */
    POSTPARSE__SPLIT_BOM,
    /* The byte was taken and ended the closing line: the front matter text
     * is fm[0..fm_text_len), its closing line at closer_pos. */
    POSTPARSE__SPLIT_CLOSED,
    /* The body starts: the byte was not taken and is the body's next one,
     * after pending[0..pending_len) (bytes the split held), at body_at. */
    POSTPARSE__SPLIT_BODY,
    /* The block reached max_bytes with no closing line: as
     * POSTPARSE__SPLIT_BODY, the whole input is body (the byte was not
     * taken), and the body is watched for a closing line
     * (postparse__split_watch). */
    POSTPARSE__SPLIT_OVER_LIMIT,
    /* At the end of the input only: an opening line with no closing line;
     * as POSTPARSE__SPLIT_BODY, the whole input is body. */
    POSTPARSE__SPLIT_UNCLOSED,
    /* The byte was not taken: error says why (out of memory, a limit, a
     * byte order mark of another encoding). */
    POSTPARSE__SPLIT_ERROR
} postparse__split_result;

typedef struct postparse__split {
    split_state state;
    postparse__cursor cur;       /* next byte, while splitting */
    postparse__cursor start_cur; /* first byte after a byte order mark */
    uint8_t pre[4];              /* a possible byte order mark */
    size_t pre_len;

    postparse__buffer fm;     /* bytes from the opening "---" on */
    postparse__cursor fm_cur; /* the opening line */
    bool at_line_start;
    closer_match match;
    size_t closer_start;      /* offset in fm of the line being matched */
    postparse_pos closer_pos; /* and its position in the file */
    size_t fm_text_len; /* the text Jekyll's YAML loader gets: fm[0..len) */

    postparse__buffer ws;     /* blanks after the last LF after the closer */
    postparse__cursor ws_cur; /* where they start */

    /* Once the result was POSTPARSE__SPLIT_BODY or _UNCLOSED. */
    postparse__cursor body_at;
    const uint8_t *pending; /* into pre, fm or ws */
    size_t pending_len;

    /* After POSTPARSE__SPLIT_OVER_LIMIT, until a closing line is found:
     * cur, at_line_start, match and closer_pos go on over the body. */
    bool watching;
    bool closed_past_limit; /* the watch found one */

    size_t max_bytes; /* max_frontmatter_bytes */
    const postparse_allocator *allocator;
    postparse_error error; /* POSTPARSE__SPLIT_ERROR's cause */
} postparse__split;

/* A split at the start of the input. The buffers fm and ws are not touched:
 * the caller zeroes them or keeps them (emptied) from a previous input. */
void postparse__split_init(postparse__split *s, size_t max_bytes,
                           const postparse_allocator *allocator);

/* One byte before the body (state is not SPLIT_BODY). */
postparse__split_result postparse__split_step(postparse__split *s, uint8_t b);

/* Steps through src[0..n) until something happens: returns at the first
 * result other than POSTPARSE__SPLIT_MORE (the byte it names is counted in
 * *used when it was taken), or with MORE once all n bytes are taken. The
 * lines that can no longer close are taken whole (postparse__split_run). */
postparse__split_result postparse__split_feed(postparse__split *s,
                                              const uint8_t *src, size_t n,
                                              size_t *used);

/* What the split state means once no byte will come (state is not
 * SPLIT_BODY): _BODY, _UNCLOSED, _ERROR, or _CLOSED, which ends the front
 * matter ("---" and blanks up to the end) and starts an empty body at
 * body_at. */
postparse__split_result postparse__split_end(postparse__split *s);

/* After POSTPARSE__SPLIT_OVER_LIMIT: matches the body's bytes src[0..n),
 * in order and each once, against a closing line. true when one ends in
 * them: the line Jekyll splits at, at closer_pos; the watch then stops. */
bool postparse__split_watch(postparse__split *s, const uint8_t *src, size_t n);

/* At the end of the input, while watching: whether the last line is a
 * closing line with no LF (Jekyll splits there too). Stops the watch. */
bool postparse__split_watch_end(postparse__split *s);

/* The closed block is not front matter after all (its text is not UTF-8):
 * the body starts with it, at the start of the input, as for
 * POSTPARSE__SPLIT_BODY. */
void postparse__split_not_front_matter(postparse__split *s);

/* Inside a front matter line that can no longer be a closing line: its
 * bytes up to the LF only go into the buffer. */
static inline bool postparse__split_within_line(const postparse__split *s)
{
    return s->state == SPLIT_FRONT_MATTER && !s->at_line_start &&
           s->match == MATCH_NONE;
}

/* Takes in one piece the bytes of src[0..n) that postparse__split_step
 * would only put into the buffer one at a time: inside a line that can no
 * longer close (postparse__split_within_line), up to the LF and the byte
 * that would pass max_bytes, which go through the step. The caller checked
 * that src[0] is neither and that fm is under max_bytes, so at least one
 * byte is taken. Returns the number taken, or 0 when out of memory. */
size_t postparse__split_run(postparse__split *s, const uint8_t *src, size_t n);

/* What a tiny feed may put straight into the front matter line without a
 * step (parser.c, take_into_front_matter_line): the buffer's free bytes (less
 * its NUL) up to max_bytes inside a line that can no longer close, else 0. */
static inline size_t postparse__split_room(const postparse__split *s)
{
    const postparse__buffer *fm = &s->fm;
    if (!postparse__split_within_line(s) || fm->cap <= fm->len)
        return 0;
    size_t free_bytes = fm->cap - fm->len - 1;
    size_t to_limit = s->max_bytes - fm->len;
    return free_bytes < to_limit ? free_bytes : to_limit;
}

#endif
