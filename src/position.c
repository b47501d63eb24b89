/* SPDX-License-Identifier: MIT */
#include "position.h"

#include <string.h>

void postparse__cursor_init(postparse__cursor *c, uint64_t offset)
{
    c->pos.offset = offset;
    c->pos.line = 1;
    c->pos.column = 1;
    c->after_cr = false;
}

void postparse__cursor_advance(postparse__cursor *c, const uint8_t *s, size_t n)
{
    /* Each search result is kept until passed, so that a file of lone CRs
     * (or of LFs) is still scanned once: linear whatever the line ends. */
    const uint8_t *end = s + n, *p = s;
    const uint8_t *nl = NULL, *cr = NULL;
    while (p < end) {
        if (!nl || nl < p)
            nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            nl = end;
        if (!cr || cr < p)
            cr = memchr(p, '\r', (size_t)(end - p));
        if (!cr)
            cr = end;
        const uint8_t *stop = nl < cr ? nl : cr;
        if (stop > p) {
            uint64_t points = 0;
            for (const uint8_t *q = p; q < stop; q++)
                points += (*q & 0xC0) != 0x80;
            c->pos.column += points;
            c->pos.offset += (uint64_t)(stop - p);
            c->after_cr = false;
        }
        if (stop == end)
            break;
        postparse__cursor_step(c, *stop);
        p = stop + 1;
    }
}
