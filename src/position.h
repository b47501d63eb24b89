/* SPDX-License-Identifier: MIT */
/* Line and column tracking as DESIGN.md defines positions: LF, CRLF and a
 * lone CR each end a line; columns count code points (bytes that are not
 * UTF-8 continuation bytes). */
#ifndef POSTPARSE_POSITION_H
#define POSTPARSE_POSITION_H

#include <postparse/common.h>

typedef struct postparse__cursor {
    postparse_pos pos; /* position of the next byte */
    bool after_cr;     /* the last byte was CR: an LF now ends no new line */
} postparse__cursor;

void postparse__cursor_init(postparse__cursor *c, uint64_t offset);
void postparse__cursor_advance(postparse__cursor *c, const uint8_t *s,
                               size_t n);
/* The same without the AVX2 loops, as on a machine that lacks them: the
 * tests check it on every machine. */
void postparse__cursor_advance_portable(postparse__cursor *c, const uint8_t *s,
                                        size_t n);

static inline void postparse__cursor_step(postparse__cursor *c, uint8_t b)
{
    c->pos.offset++;
    if (b == '\n') {
        if (!c->after_cr) {
            c->pos.line++;
            c->pos.column = 1;
        }
        c->after_cr = false;
    } else if (b == '\r') {
        c->pos.line++;
        c->pos.column = 1;
        c->after_cr = true;
    } else {
        c->pos.column += (b & 0xC0) != 0x80;
        c->after_cr = false;
    }
}

#endif
