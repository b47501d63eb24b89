/* SPDX-License-Identifier: MIT */
/* What every harness does with its input: the options come from the tail, so
 * that a seed is a real post and the fuzzer mutates both at once.
 *
 *   [ document ... ][ n chunk-size bytes ][ flags ]
 *
 * The last byte is the flags byte: its low 4 bits say how many bytes before
 * it are chunk sizes (0 to 15), its high 4 bits are the harness's own
 * switches. A chunk-size byte b feeds b % 64 bytes (0: an empty feed), or
 * (b % 64) * 256 bytes when both high bits are set; the sizes are used in
 * turn, cycling. No chunk-size byte means one byte at a time. An input
 * too short for its trailer is all document, with flags 0. */
#ifndef POSTPARSE_FUZZ_INPUT_H
#define POSTPARSE_FUZZ_INPUT_H

#include <postparse/postparse.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* A property of the library that must hold: abort (a finding) if not. */
#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            abort();                                                           \
        }                                                                      \
    } while (0)

typedef struct fuzz_input {
    const uint8_t *doc;
    size_t doc_len;
    const uint8_t *sizes;
    size_t sizes_len;
    unsigned flags; /* 0 to 15 */
} fuzz_input;

void fuzz_input_split(fuzz_input *in, const uint8_t *data, size_t size);

/* Feeds doc[0..len) in the chunks in->sizes says, each from an exactly sized
 * heap copy, resuming after every pause. Returns the first status other
 * than POSTPARSE_OK (after which it stops), or POSTPARSE_OK. */
postparse_status fuzz_feed_chunks(postparse_parser *p, const fuzz_input *in,
                                  const uint8_t *doc, size_t len);

/* Unicode's recommended practice for U+FFFD, written as plainly as
 * possible from Table 3-7 (well-formed byte sequences), to check the
 * library's faster code against: each maximal subpart of an ill-formed
 * sequence becomes one U+FFFD. Writes at most 3 * len bytes to out and
 * returns how many. */
size_t fuzz_reference_replace(const uint8_t *s, size_t len, uint8_t *out);

/* Moves pos, the position of byte pos->offset of s, on to byte `to`,
 * counting lines and columns the plain way (DESIGN.md's positions). */
void fuzz_reference_advance(postparse_pos *pos, const uint8_t *s, size_t to);

#endif
