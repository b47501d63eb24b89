/* SPDX-License-Identifier: MIT */
/* libyaml's marks (0-based, counting characters of the text) to file
 * positions. Marks mostly grow; a checkpoint every
 * POSTPARSE__POSMAP_CHECKPOINT_EVERY characters makes a step back cheap. */
#include "yaml_posmap.h"

#include <string.h>

#define CHECKPOINT_MASK (POSTPARSE__POSMAP_CHECKPOINT_EVERY - 1)

postparse_pos postparse__posmap_get(postparse__posmap *m,
                                    const postparse_allocator *a, size_t index)
{
    if (index < m->at.ci) {
        const postparse__posmap_checkpoint *cp = m->checkpoints.p;
        size_t lo = 0, hi = m->checkpoints.n;
        m->at = m->start;
        if (hi && cp[0].ci <= index) {
            while (hi - lo > 1) {
                size_t mid = (lo + hi) / 2;
                if (cp[mid].ci <= index)
                    lo = mid;
                else
                    hi = mid;
            }
            m->at = cp[lo];
        }
    }
    /* Local copies of the place: stores through m could alias the text,
     * and would be reloaded at every byte. */
    const unsigned char *text = m->text;
    size_t len = m->len, ci = m->at.ci, bi = m->at.bi;
    postparse__cursor cur = m->at.cur;
    while (ci < index && bi < len) {
        /* Eight ASCII bytes that end no line, with no checkpoint among
         * them, are eight characters and eight columns. */
        uint64_t w;
        if (index - ci >= 8 && len - bi >= 8 &&
            (ci & CHECKPOINT_MASK) < POSTPARSE__POSMAP_CHECKPOINT_EVERY - 8) {
            memcpy(&w, text + bi, 8);
            uint64_t lf = w ^ UINT64_C(0x0A0A0A0A0A0A0A0A);
            uint64_t cr = w ^ UINT64_C(0x0D0D0D0D0D0D0D0D);
            uint64_t ones = UINT64_C(0x0101010101010101);
            uint64_t zero_byte = ((lf - ones) & ~lf) | ((cr - ones) & ~cr);
            if (((w | zero_byte) & UINT64_C(0x8080808080808080)) == 0) {
                cur.pos.offset += 8;
                cur.pos.column += 8;
                cur.after_cr = false;
                bi += 8;
                ci += 8;
                /* Stray continuation bytes belong to the last of them. */
                while (bi < len && (text[bi] & 0xC0) == 0x80)
                    postparse__cursor_step(&cur, text[bi++]);
                continue;
            }
        }
        if (text[bi] >= 0x80) {
            /* A character of several bytes: one column, no line end. */
            size_t end = bi + 1;
            while (end < len && (text[end] & 0xC0) == 0x80)
                end++;
            cur.pos.offset += end - bi;
            cur.pos.column += (text[bi] & 0xC0) != 0x80;
            cur.after_cr = false;
            bi = end;
        } else {
            postparse__cursor_step(&cur, text[bi++]);
            while (bi < len && (text[bi] & 0xC0) == 0x80)
                postparse__cursor_step(&cur, text[bi++]);
        }
        ci++;
        if ((ci & CHECKPOINT_MASK) == 0) {
            const postparse__posmap_checkpoint *last =
                m->checkpoints.n
                    ? (const postparse__posmap_checkpoint *)m->checkpoints.p +
                          m->checkpoints.n - 1
                    : NULL;
            postparse__posmap_checkpoint here = {ci, bi, cur};
            if ((!last || last->ci < ci) &&
                !postparse__vec_push(&m->checkpoints, a, &here))
                m->nomem = true;
        }
    }
    m->at.ci = ci;
    m->at.bi = bi;
    m->at.cur = cur;
    return m->at.cur.pos;
}

/* A place the fast scanner knows (character ci at byte bi, at 0-based
 * line and column of the text): the next posmap_get of ci needs no walk. */
void postparse__posmap_seek(postparse__posmap *m, size_t ci, size_t bi,
                            size_t line, size_t column)
{
    postparse_pos pos = m->start.cur.pos;
    pos.offset += bi;
    pos.column = (line ? 1 : pos.column) + column;
    pos.line += line;
    m->at.ci = ci;
    m->at.bi = bi;
    m->at.cur.pos = pos;
    m->at.cur.after_cr = false; /* no event starts after a CR */
}
