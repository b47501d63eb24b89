/* SPDX-License-Identifier: MIT */
/* Measures the rules take of strings (schema_width.c). */
#ifndef POSTPARSE_SCHEMA_H
#define POSTPARSE_SCHEMA_H

#include <stddef.h>

/* Code points of s[0..len) (an invalid byte counts as one). */
size_t postparse__schema_chars(const char *s, size_t len);
/* Display columns of s[0..len) by utf8proc_charwidth: East Asian wide and
 * fullwidth characters 2, combining marks and controls 0, others 1 (an
 * invalid byte 1). */
size_t postparse__schema_width(const char *s, size_t len);

#endif
