/* SPDX-License-Identifier: MIT */
/* A streaming JSON writer for the CLI's JSON Lines output: it places the
 * commas and colons, so that a command only says what comes next. Strings
 * are written as exact UTF-8; control characters become \uXXXX escapes and
 * invalid UTF-8 is never written raw. */
#ifndef POSTPARSE_TOOLS_JSON_WRITER_H
#define POSTPARSE_TOOLS_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Nesting deeper than this is a programming error (asserted). */
#define JSON_WRITER_MAX_DEPTH 64

typedef struct json_writer {
    FILE *out; /* not owned */
    int depth; /* open objects and arrays */
    bool after_key;
    /* first[d]: nothing written yet in the container at depth d. */
    bool first[JSON_WRITER_MAX_DEPTH + 1];
} json_writer;

void json_writer_init(json_writer *w, FILE *out);

void json_object_begin(json_writer *w);
void json_object_end(json_writer *w);
void json_array_begin(json_writer *w);
void json_array_end(json_writer *w);
/* A member name; the next value written is its value. */
void json_key(json_writer *w, const char *key);

void json_null(json_writer *w);
void json_bool(json_writer *w, bool value);
void json_uint(json_writer *w, uint64_t value);
/* A NUL-terminated string that the program itself made (a message, a code):
 * written as a JSON string, invalid UTF-8 replaced by U+FFFD. */
void json_cstring(json_writer *w, const char *s);
/* len bytes as a JSON string, each maximal invalid UTF-8 subpart replaced by
 * U+FFFD. Returns false when a replacement was made. */
bool json_string(json_writer *w, const char *data, size_t len);
/* len bytes as the oracle writes text: a plain JSON string when they are
 * valid UTF-8, else {"$invalid_utf8": <scrubbed string>, "base64": <bytes>}
 * so that no byte is lost. */
void json_text(json_writer *w, const char *data, size_t len);

/* Places the separator for a value that the caller writes itself to the
 * returned stream (one complete JSON value, e.g. with
 * postparse_value_write_json). */
FILE *json_raw_value(json_writer *w);

/* Ends a JSON Lines record: a newline. Returns false if the stream had a
 * write error. */
bool json_line_end(json_writer *w);

#endif
