/* SPDX-License-Identifier: MIT */
/* The floor for a tiny feed (feed_floor_lib.c). */
#ifndef FEED_FLOOR_LIB_H
#define FEED_FLOOR_LIB_H

#include <stddef.h>
#include <stdint.h>

#define FEED_FLOOR_BYTES 16384

typedef struct feed_floor_state {
    size_t len, room, consumed;
    uint64_t input_bytes, flushed;
    uint8_t buf[FEED_FLOOR_BYTES + 16];
} feed_floor_state;

/* 0, or -1 on a bad argument or a feed larger than the buffer. */
int feed_floor(feed_floor_state *s, const void *data, size_t len);

#endif
