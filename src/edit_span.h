/* SPDX-License-Identifier: MIT */
/* Scalar spans in a text that starts base bytes into the file (the front
 * matter text after a byte order mark): the editor's view of
 * postparse_scalar_span(). */
#ifndef POSTPARSE_EDIT_SPAN_H
#define POSTPARSE_EDIT_SPAN_H

#include <postparse/postparse.h>

/* postparse_scalar_span() for a text whose byte 0 is byte base of the file
 * the value positions count in; *start and *end count in the text. */
bool postparse__scalar_span_at(const char *text, size_t len, uint64_t base,
                               const postparse_value *value, uint64_t *start,
                               uint64_t *end);

#endif
