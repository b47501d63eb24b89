/* SPDX-License-Identifier: MIT */
#include "text_sink.h"

#include <string.h>
#include <utf8proc.h>

void postparse__text_sink_init(postparse__text_sink *k, char *out, size_t size)
{
    k->out = out;
    k->size = out == NULL ? 0 : size;
    k->len = 0;
    k->written = 0;
    k->full = k->size == 0;
}

/* The largest cut <= room in p[0..n) that does not split a sequence: back
 * off over a lead byte whose sequence would cross the cut. */
static size_t char_boundary(const uint8_t *p, size_t room)
{
    for (size_t k = 1; k <= 3 && k <= room; k++) {
        uint8_t b = p[room - k];
        if (b < 0x80)
            return room;
        if (b >= 0xC0) {
            size_t seq = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            return k < seq ? room - k : room;
        }
    }
    return room;
}

void postparse__text_sink_put(postparse__text_sink *k, const char *p, size_t n)
{
    k->len += n;
    if (k->full || n == 0)
        return;
    size_t room = k->size - 1 - k->written;
    if (n > room) {
        n = char_boundary((const uint8_t *)p, room);
        k->full = true;
    }
    memcpy(k->out + k->written, p, n);
    k->written += n;
}

void postparse__text_sink_put_cp(postparse__text_sink *k, uint32_t cp)
{
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, buf);
    postparse__text_sink_put(k, (const char *)buf, (size_t)n);
}

size_t postparse__text_sink_end(postparse__text_sink *k)
{
    if (k->size > 0)
        k->out[k->written] = '\0';
    return k->len;
}
