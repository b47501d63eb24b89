/* SPDX-License-Identifier: MIT */
/* Values as the Jekyll oracle's typed JSON (shared/oracle/README.md). */
#ifndef POSTPARSE_VALUE_JSON_H
#define POSTPARSE_VALUE_JSON_H

#include "value.h"

/* Receives the output in pieces; returns false to stop (write error). */
typedef bool (*postparse__json_sink)(void *ctx, const char *data, size_t len);

bool postparse__value_write_json(const postparse_value *v,
                                 postparse__json_sink sink, void *ctx);

/* Ruby's Float#to_s of a finite double into out (at least 32 bytes):
 * shortest digits that read back the same, "1.0e+16", "0.0001", "-0.0".
 * Returns the length. */
size_t postparse__ruby_float(char *out, double f);

#endif
