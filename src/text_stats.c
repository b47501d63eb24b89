/* SPDX-License-Identifier: MIT */
/* Width, lengths and word counts of text fed in pieces. The state between
 * feeds is kept packed; it is unpacked into the internal cluster and word
 * counters for the length of one feed. A UTF-8 sequence cut by the end of a
 * feed waits in a carry of at most 3 bytes. */
#include <postparse/text.h>

#include <string.h>

#include "alloc.h"

#include "text_decode.h"
#include "text_grapheme.h"
#include "text_words.h"

enum {
    FLAG_EMOJI = 1,
    FLAG_HANGUL = 2,
    FLAG_PICT = 4,
    FLAG_RI = 8,
    FLAG_AFTER_ZWJ = 16
};

struct postparse_text_stats {
    postparse_text_counts counts;
    struct {
        uint64_t cluster_sum;
        int32_t cluster_prev;
        int32_t cluster_state;
        uint8_t carry[4]; /* a UTF-8 sequence cut by the end of a feed */
        uint8_t carry_len;
        uint8_t cluster_flags;
        uint8_t word_class;
        uint8_t finished;
    } private_;
    postparse_allocator alloc;
};

typedef struct stream {
    postparse__text_cluster cluster;
    postparse__text_words words;
} stream;

static void load(const postparse_text_stats *st, stream *m)
{
    uint8_t f = st->private_.cluster_flags;

    m->cluster.prev = st->private_.cluster_prev;
    m->cluster.state = st->private_.cluster_state;
    m->cluster.sum = st->private_.cluster_sum;
    m->cluster.emoji = (f & FLAG_EMOJI) != 0;
    m->cluster.hangul = (f & FLAG_HANGUL) != 0;
    m->cluster.pict = (f & FLAG_PICT) != 0;
    m->cluster.ri = (f & FLAG_RI) != 0;
    m->cluster.after_zwj = (f & FLAG_AFTER_ZWJ) != 0;
    m->words.words = st->counts.words;
    m->words.cjk_chars = st->counts.cjk_chars;
    m->words.cjk_words = st->counts.cjk_words;
    m->words.prev = st->private_.word_class;
}

static void save(postparse_text_stats *st, const stream *m)
{
    st->private_.cluster_prev = m->cluster.prev;
    st->private_.cluster_state = m->cluster.state;
    st->private_.cluster_sum = m->cluster.sum;
    st->private_.cluster_flags =
        (uint8_t)((m->cluster.emoji ? FLAG_EMOJI : 0) |
                  (m->cluster.hangul ? FLAG_HANGUL : 0) |
                  (m->cluster.pict ? FLAG_PICT : 0) |
                  (m->cluster.ri ? FLAG_RI : 0) |
                  (m->cluster.after_zwj ? FLAG_AFTER_ZWJ : 0));
    st->counts.words = m->words.words;
    st->counts.cjk_chars = m->words.cjk_chars;
    st->counts.cjk_words = m->words.cjk_words;
    st->private_.word_class = (uint8_t)m->words.prev;
}

static void take(postparse_text_stats *st, stream *m, uint32_t cp)
{
    uint64_t closed;

    st->counts.chars++;
    if (postparse__text_cluster_push(&m->cluster, cp, &closed)) {
        st->counts.graphemes++;
        st->counts.width += closed;
    }
    postparse__text_words_push(&m->words, cp);
}

void postparse_text_stats_reset(postparse_text_stats *st)
{
    stream m = {POSTPARSE__TEXT_CLUSTER_INIT, POSTPARSE__TEXT_WORDS_INIT};

    memset(&st->counts, 0, sizeof st->counts);
    memset(&st->private_, 0, sizeof st->private_);
    save(st, &m);
}

postparse_status postparse_text_stats_new(const postparse_allocator *alloc,
                                          postparse_text_stats **out)
{
    if (!out)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (alloc && !postparse__allocator_valid(alloc))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    postparse_text_stats *st = postparse__malloc(alloc, sizeof *st);
    if (!st)
        return POSTPARSE_ERR_NOMEM;
    memset(st, 0, sizeof *st);
    if (alloc)
        st->alloc = *alloc;
    postparse_text_stats_reset(st);
    *out = st;
    return POSTPARSE_OK;
}

void postparse_text_stats_free(postparse_text_stats *st)
{
    if (!st)
        return;
    postparse_allocator a = st->alloc;
    postparse__free(&a, st, sizeof *st);
}

const postparse_text_counts *
postparse_text_stats_counts(const postparse_text_stats *st)
{
    return &st->counts;
}

/* Takes the characters complete in the carry; leaves an incomplete
 * sequence there. */
static void drain_carry(postparse_text_stats *st, stream *m)
{
    uint8_t *c = st->private_.carry;

    while (st->private_.carry_len > 0) {
        size_t n;
        postparse__utf8_class k =
            postparse__utf8_classify(c, st->private_.carry_len, &n);
        if (k == POSTPARSE__UTF8_INCOMPLETE)
            return;
        take(st, m,
             k == POSTPARSE__UTF8_VALID ? postparse__text_decode_valid(c, n)
                                        : POSTPARSE__REPLACEMENT);
        st->private_.carry_len = (uint8_t)(st->private_.carry_len - n);
        memmove(c, c + n, st->private_.carry_len);
    }
}

void postparse_text_stats_feed(postparse_text_stats *st, const char *s,
                               size_t len)
{
    const uint8_t *u = (const uint8_t *)s;
    size_t i = 0;
    stream m;

    if (st->private_.finished || len == 0)
        return;
    load(st, &m);
    st->counts.bytes += len;
    while (st->private_.carry_len > 0 && i < len) {
        st->private_.carry[st->private_.carry_len++] = u[i++];
        drain_carry(st, &m);
    }
    while (i < len) {
        if (u[i] < 0x80) {
            take(st, &m, u[i++]);
            continue;
        }
        size_t n;
        postparse__utf8_class k = postparse__utf8_classify(u + i, len - i, &n);
        if (k == POSTPARSE__UTF8_INCOMPLETE) {
            memcpy(st->private_.carry, u + i, n);
            st->private_.carry_len = (uint8_t)n;
            break;
        }
        take(st, &m,
             k == POSTPARSE__UTF8_VALID ? postparse__text_decode_valid(u + i, n)
                                        : POSTPARSE__REPLACEMENT);
        i += n;
    }
    save(st, &m);
}

void postparse_text_stats_finish(postparse_text_stats *st)
{
    stream m;

    if (st->private_.finished)
        return;
    load(st, &m);
    /* What is left is a valid start cut by the end: one maximal subpart. */
    if (st->private_.carry_len > 0) {
        st->private_.carry_len = 0;
        take(st, &m, POSTPARSE__REPLACEMENT);
    }
    st->counts.width += postparse__text_cluster_end(&m.cluster);
    save(st, &m);
    st->private_.finished = 1;
}

uint64_t postparse_text_stats_words(const postparse_text_stats *st,
                                    postparse_text_word_mode mode)
{
    return postparse__text_words_result(st->counts.words, st->counts.cjk_chars,
                                        st->counts.cjk_words, (int)mode);
}
