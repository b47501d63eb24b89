/* SPDX-License-Identifier: MIT */
/* UTF-8 validation as Unicode's Table 3-7 defines well-formed sequences, with
 * maximal subparts for U+FFFD replacement (Unicode 15, section 3.9). */
#ifndef POSTPARSE_UTF8_H
#define POSTPARSE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum postparse__utf8_class {
    POSTPARSE__UTF8_VALID,      /* a whole well-formed sequence */
    POSTPARSE__UTF8_INCOMPLETE, /* a valid start cut by the end of the bytes */
    POSTPARSE__UTF8_INVALID     /* a maximal subpart that cannot be completed */
} postparse__utf8_class;

/* Length of the longest prefix of s made of whole well-formed sequences. */
size_t postparse__utf8_valid_prefix(const uint8_t *s, size_t n);

/* The same without vector instructions (tests compare the two). */
size_t postparse__utf8_valid_prefix_portable(const uint8_t *s, size_t n);

/* AVX2 blocks of 32 bytes: returns a character boundary before which every
 * byte is known valid (0 when nothing could be vouched for). Call only when
 * postparse__utf8_have_avx2() says the CPU has AVX2. */
size_t postparse__utf8_valid_blocks_avx2(const uint8_t *s, size_t n);
bool postparse__utf8_have_avx2(void);

/* Classify the sequence that starts at s[0] (n >= 1). *len gets the length
 * of the sequence (VALID), of the bytes seen (INCOMPLETE, always n), or of
 * the maximal subpart to replace by one U+FFFD (INVALID, 1 to 3). */
postparse__utf8_class postparse__utf8_classify(const uint8_t *s, size_t n,
                                               size_t *len);

/* The longest prefix of s[0..len) of at most max bytes that does not end
 * inside a character: max itself unless a well-formed (or cut-short)
 * sequence straddles it, then the start of that sequence. For cutting
 * messages and quoted values. */
size_t postparse__utf8_cut(const uint8_t *s, size_t len, size_t max);

/* Bytes a sequence with this lead byte has (1 to 4), or 0 for a byte that
 * cannot start one. */
size_t postparse__utf8_sequence_length(uint8_t lead);

#endif
