/* SPDX-License-Identifier: MIT */
/* The parser's state, shared by the files that implement the public parser
 * calls. Not part of the API. */
#ifndef POSTPARSE_PARSER_STATE_H
#define POSTPARSE_PARSER_STATE_H

#include <postparse/postparse.h>

#include "buffer.h"
#include "diagnostics.h"
#include "hash.h"
#include "parser_post.h"
#include "position.h"
#include "split.h"
#include "yaml_load.h"

/* A body feed shorter than this is copied into the gather buffer instead of
 * going through the body path at once: that path costs a fixed 25 to 60 ns
 * a call (the UTF-8 check's and the cursor's setup, the excerpt hook,
 * on_body), which dwarfs a few bytes' work. Measured on CJK text, the copy
 * and the later run cost less than a direct call up to about 1 KiB; past
 * 512 bytes the gain is small, and the buffer fills less evenly. */
#define POSTPARSE__GATHER_BELOW ((size_t)512)
/* A gathered feed up to this long is copied by postparse_parser_feed
 * itself, with no call and no stack frame: about 29 instructions for a
 * 1- or a 7-byte feed (they were 33 and 38 with a frame). What such a feed
 * then costs, about 2 ns, is mostly the wait for the fields the previous
 * feed stored (gather_len, gather_room, input_bytes); longer small feeds
 * are gathered in feed(). */
#define POSTPARSE__GATHER_INLINE ((size_t)16)
/* Bytes of the gather buffer (tests tell its allocation apart by them). */
#define POSTPARSE__GATHER_BYTES ((size_t)16384)

/* The front matter events, emitted one at a time once the block closed. */
typedef enum front_matter_stage {
    FM_NONE,
    FM_CHECK, /* UTF-8 of the text: invalid, it is not front matter */
    FM_BEGIN,
    FM_TEXT,
    FM_LOAD, /* the YAML load, between the text and the end */
    FM_END,
    FM_DONE
} front_matter_stage;

typedef enum finish_stage {
    FINISH_SPLIT, /* decide what a pending split means at the end */
    FINISH_CARRY, /* a UTF-8 sequence cut by the end is invalid */
    FINISH_POST,  /* the post's derived fields and rules */
    FINISH_END,   /* on_end */
    FINISH_DONE
} finish_stage;

struct postparse_parser {
    postparse_options opt;
    postparse__hash_key hash_key; /* of every table: the seed, or random */
    postparse_callbacks cb;
    void *user_data;

    postparse__split split; /* the front matter boundary (split.c) */
    front_matter_stage fm_stage;
    postparse__arena arena;         /* the front matter's values */
    postparse__yaml_result fm_yaml; /* root and Jekyll's error */
    postparse__parser_post pp;      /* the post layer (parser_post.c) */

    postparse__cursor body_cur; /* next body byte to deliver */
    uint8_t carry[4];           /* a UTF-8 sequence cut by a chunk end */
    size_t carry_len;
    bool utf8_reported;   /* the first invalid byte got its diagnostic */
    const uint8_t *flush; /* internal bytes to push through the body path */
    size_t flush_len;
    size_t flush_off;
    /* Small body feeds, copied here and pushed through the body path as one
     * run, so that their per-call cost is paid once per buffer (parser.c).
     * Allocated on first need, kept across reset. */
    uint8_t *gather;
    size_t gather_len;
    bool gather_unavailable; /* its allocation failed: feed directly */
    /* Bytes that postparse_parser_feed may still copy straight into the
     * buffer: the free part of it when the last call was a feed that
     * returned OK in the body, with the buffer there and nothing queued;
     * otherwise 0. Every call that runs the machine zeroes it first, so no
     * callback, error or pause can find it set (postparse_parser_feed
     * checks its preconditions before reading it all the same). One field,
     * so that a tiny feed's room test is len <= gather_room. */
    size_t gather_room;
    /* The same for a tiny feed inside a front matter line that can no
     * longer close: what the buffer and the limit have room for
     * (front_matter_room in parser.c), else 0, zeroed with gather_room. */
    size_t fm_room;

    finish_stage finish_stage;
    postparse_summary summary;
    postparse__diag_list diags;
    size_t diags_delivered;
    postparse_error error;
    bool failed;
    /* The last call out of order (feed after finish, a call from inside a
     * callback): reported by postparse_parser_error() until reset when
     * there is no fatal error, and changing nothing else. */
    postparse_error misuse;
    bool misused;
    postparse__buffer body; /* options.keep_body: the body delivered */
    bool paused;
    bool in_callback;
    bool finished;
    size_t consumed;
};

/* Records a misuse (postparse_parser_error reports it) and returns
 * POSTPARSE_ERR_MISUSE. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
postparse_status
postparse__parser_misuse(postparse_parser *p, const char *fmt, ...);

/* Loads the closed front matter text (parser_front_matter.c): values into
 * the arena, diagnostics into the list, a limit as the sticky error. */
postparse_status postparse__parser_load_front_matter(postparse_parser *p);

#endif
