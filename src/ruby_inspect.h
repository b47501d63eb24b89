/* SPDX-License-Identifier: MIT */
/* Ruby's #inspect of strings and values, for the text of the exceptions
 * and diagnostics that quote them as Ruby would. */
#ifndef POSTPARSE_RUBY_INSPECT_H
#define POSTPARSE_RUBY_INSPECT_H

#include <stddef.h>

#include <postparse/value.h>

/* Ruby's String#inspect of len bytes into out (cut with "..." to fit). */
void postparse__ruby_inspect(char *out, size_t cap, const char *s, size_t len);

/* Ruby's #inspect of a value (strings, integers, true/false, nil, arrays
 * and hashes to a few levels; other values their text), for messages such
 * as NoMethodError's. depth: 0. */
void postparse__ruby_inspect_value(char *out, size_t cap,
                                   const postparse_value *v, int depth);

#endif
