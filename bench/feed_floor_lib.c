/* SPDX-License-Identifier: MIT */
/* The least a push parser's feed can do for a few bytes, kept in a shared
 * library of its own so that a call costs what a call into libpostparse
 * costs (the PLT, no inlining): check the arguments, copy the bytes into a
 * buffer, count them, and hand the buffer on when it is full. It is not a
 * parser: a floor for the cost of a call, not a rival. */
#include "feed_floor_lib.h"

#include <string.h>

int feed_floor(feed_floor_state *s, const void *data, size_t len)
{
    if (!s || (!data && len))
        return -1;
    if (len > s->room) {
        /* Full: what a parser would process goes to a sum, once a buffer. */
        for (size_t i = 0; i < s->len; i += 64)
            s->flushed += s->buf[i];
        s->len = 0;
        s->room = FEED_FLOOR_BYTES;
        if (len > s->room)
            return -1;
    }
    size_t at = s->len, room = s->room;
    /* A copy of 16 bytes whatever len is, the cheapest there is (the caller
     * keeps 16 readable bytes after its data; the buffer has 16 spare). */
    if (len <= 16)
        memcpy(s->buf + at, data, 16);
    else
        memcpy(s->buf + at, data, len);
    s->len = at + len;
    s->room = room - len;
    s->consumed = len;
    s->input_bytes += len;
    return 0;
}
