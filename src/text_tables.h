/* SPDX-License-Identifier: MIT */
/* Character data that Jekyll gets from Ruby and the i18n gem (generated into
 * text_tables.c by tests/gen/gen-text-tables.rb). */
#ifndef POSTPARSE_TEXT_TABLES_H
#define POSTPARSE_TEXT_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct postparse__text_range {
    uint32_t first, last; /* inclusive */
} postparse__text_range;

typedef struct postparse__text_lower_exception {
    uint32_t cp;
    uint32_t lower[2]; /* lower[1] == 0: one code point */
} postparse__text_lower_exception;

extern const postparse__text_range postparse__text_cjk_ranges[];
extern const size_t postparse__text_cjk_ranges_count;
extern const postparse__text_range postparse__text_slug_ranges[];
extern const size_t postparse__text_slug_ranges_count;
extern const postparse__text_lower_exception postparse__text_lower_exceptions[];
extern const size_t postparse__text_lower_exceptions_count;
extern const unsigned postparse__text_latin_first;
extern const char postparse__text_latin_approx[][3];
extern const size_t postparse__text_latin_count;

/* Binary search in a sorted table of ranges. */
bool postparse__text_in_ranges(const postparse__text_range *r, size_t n,
                               uint32_t cp);

#endif
