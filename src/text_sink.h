/* SPDX-License-Identifier: MIT */
/* snprintf-style output for the text layer: counts everything, writes what
 * fits, and never leaves half a UTF-8 sequence at the cut. */
#ifndef POSTPARSE_TEXT_SINK_H
#define POSTPARSE_TEXT_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct postparse__text_sink {
    char *out;
    size_t size;    /* bytes at out, NUL included */
    size_t len;     /* bytes of the full result */
    size_t written; /* bytes stored at out */
    bool full;      /* something did not fit: store nothing more */
} postparse__text_sink;

void postparse__text_sink_init(postparse__text_sink *k, char *out, size_t size);
/* Appends n bytes that end on a character boundary. */
void postparse__text_sink_put(postparse__text_sink *k, const char *p, size_t n);
/* Appends one code point as UTF-8. */
void postparse__text_sink_put_cp(postparse__text_sink *k, uint32_t cp);
/* NUL-terminates (when size > 0); returns the full result's length. */
size_t postparse__text_sink_end(postparse__text_sink *k);

#endif
