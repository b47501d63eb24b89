/* SPDX-License-Identifier: MIT */
/* ASCII character classes, the one copy of them. Not <ctype.h>: its
 * answers hang on the locale and it takes an int that a negative char
 * would make undefined; Ruby's and YAML's classes are ASCII's whatever the
 * locale. */
#ifndef POSTPARSE_BASE_CTYPE_H
#define POSTPARSE_BASE_CTYPE_H

#include <stdbool.h>

static inline bool postparse__is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline bool postparse__is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Ruby's whitespace (String#strip, #split): space, \t, \n, \v, \f, \r. */
static inline bool postparse__is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* YAML's s-white: space and tab. */
static inline bool postparse__is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* YAML's b-char: a line feed or a carriage return. */
static inline bool postparse__is_break(char c)
{
    return c == '\n' || c == '\r';
}

static inline char postparse__to_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

#endif
