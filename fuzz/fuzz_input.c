/* SPDX-License-Identifier: MIT */
#include "fuzz_input.h"

#include <string.h>

#include "event_log.h"

void fuzz_input_split(fuzz_input *in, const uint8_t *data, size_t size)
{
    memset(in, 0, sizeof *in);
    in->doc = data;
    in->doc_len = size;
    if (size == 0)
        return;
    unsigned flags = data[size - 1];
    size_t n = flags & 0x0F;
    if (size < n + 1)
        return;
    in->flags = flags >> 4;
    in->sizes = data + size - 1 - n;
    in->sizes_len = n;
    in->doc_len = size - 1 - n;
}

static size_t chunk_size(const fuzz_input *in, size_t k)
{
    if (in->sizes_len == 0)
        return 1;
    uint8_t b = in->sizes[k % in->sizes_len];
    size_t n = b % 64;
    return (b & 0xC0) == 0xC0 ? n * 256 : n;
}

postparse_status fuzz_feed_chunks(postparse_parser *p, const fuzz_input *in,
                                  const uint8_t *doc, size_t len)
{
    size_t at = 0, empties = 0;
    for (size_t k = 0; at < len || k < in->sizes_len; k++) {
        size_t n = chunk_size(in, k);
        if (n > len - at)
            n = len - at;
        /* Sizes that are all 0 must still get through the input. */
        if (n == 0 && at < len && ++empties > in->sizes_len)
            n = 1;
        if (n > 0)
            empties = 0;
        postparse_status st = event_log_feed(p, (const char *)doc + at, n);
        if (st != POSTPARSE_OK)
            return st;
        at += n;
    }
    return POSTPARSE_OK;
}

/* Table 3-7: for each lead byte range, the allowed range of each later
 * byte. A row is {lead lo, lead hi, {lo, hi} of bytes 2..4, length}. */
typedef struct utf8_row {
    uint8_t lead_lo, lead_hi;
    uint8_t lo[3], hi[3];
    size_t len;
} utf8_row;

static const utf8_row table_3_7[] = {
    {0x00, 0x7F, {0}, {0}, 1},
    {0xC2, 0xDF, {0x80}, {0xBF}, 2},
    {0xE0, 0xE0, {0xA0, 0x80}, {0xBF, 0xBF}, 3},
    {0xE1, 0xEC, {0x80, 0x80}, {0xBF, 0xBF}, 3},
    {0xED, 0xED, {0x80, 0x80}, {0x9F, 0xBF}, 3},
    {0xEE, 0xEF, {0x80, 0x80}, {0xBF, 0xBF}, 3},
    {0xF0, 0xF0, {0x90, 0x80, 0x80}, {0xBF, 0xBF, 0xBF}, 4},
    {0xF1, 0xF3, {0x80, 0x80, 0x80}, {0xBF, 0xBF, 0xBF}, 4},
    {0xF4, 0xF4, {0x80, 0x80, 0x80}, {0x8F, 0xBF, 0xBF}, 4},
};

size_t fuzz_reference_replace(const uint8_t *s, size_t len, uint8_t *out)
{
    size_t o = 0, i = 0;
    while (i < len) {
        const utf8_row *row = NULL;
        for (size_t r = 0; r < sizeof table_3_7 / sizeof table_3_7[0]; r++)
            if (s[i] >= table_3_7[r].lead_lo && s[i] <= table_3_7[r].lead_hi)
                row = &table_3_7[r];
        /* The maximal subpart: the lead byte and every later byte in its
         * row's range, as far as they go. */
        size_t k = 1;
        while (row && k < row->len && i + k < len &&
               s[i + k] >= row->lo[k - 1] && s[i + k] <= row->hi[k - 1])
            k++;
        if (row && k == row->len) {
            memcpy(out + o, s + i, k);
            o += k;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        }
        i += k;
    }
    return o;
}

void fuzz_reference_advance(postparse_pos *pos, const uint8_t *s, size_t to)
{
    for (size_t i = (size_t)pos->offset; i < to; i++) {
        pos->offset++;
        if (i == 0 && to >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            /* A byte order mark is no character: no column. */
            pos->offset = 3;
            i = 2;
        } else if (s[i] == '\r' ||
                   (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))) {
            pos->line++;
            pos->column = 1;
        } else if (s[i] != '\n' && (s[i] & 0xC0) != 0x80) {
            pos->column++;
        }
    }
}
