/* SPDX-License-Identifier: MIT */
/* JSON out: the writer shared by values (value_json.c) and documents
 * (doc_json.c), in the Jekyll oracle's typed encoding
 * (shared/oracle/README.md) or the plain one (include/postparse/doc.h),
 * compact or indented (json_pretty.c). */
#ifndef POSTPARSE_VALUE_JSON_H
#define POSTPARSE_VALUE_JSON_H

#include <postparse/postparse.h>

#include "value.h"

/* Where JSON text goes; ok turns false at the first failed write, and
 * nothing more is written. */
typedef struct postparse__json {
    postparse_write_fn sink;
    void *ctx;
    bool ok;
    bool plain; /* POSTPARSE_JSON_PLAIN */
} postparse__json;

void postparse__json_put(postparse__json *w, const char *s, size_t n);
void postparse__json_puts(postparse__json *w, const char *s);
/* A JSON string; each maximal invalid UTF-8 subpart becomes U+FFFD. */
void postparse__json_string(postparse__json *w, const char *s, size_t n);
/* Text as the oracle writes it: a string when it is valid UTF-8, else
 * {"$invalid_utf8":<scrubbed>,"base64":<bytes>} (plain: the scrubbed
 * string). */
void postparse__json_text(postparse__json *w, const char *s, size_t n);
void postparse__json_value(postparse__json *w, const postparse_value *v);

/* Indentation (POSTPARSE_JSON_PRETTY) as a filter between the writer and
 * the caller's sink: compact JSON in, indented JSON out. */
typedef struct postparse__json_pretty {
    postparse_write_fn sink;
    void *ctx;
    size_t depth;
    char open; /* a '{' or '[' not yet written: empty? */
    bool in_string;
    bool escaped;
} postparse__json_pretty;

/* Sets w up for flags, writing to sink through pretty when asked. */
void postparse__json_init(postparse__json *w, unsigned flags,
                          postparse_write_fn sink, void *ctx,
                          postparse__json_pretty *pretty);
/* Writes what the filter holds back (nothing, for complete JSON). */
bool postparse__json_end(postparse__json *w);

/* Ruby's Float#to_s of a finite double into out (at least 32 bytes):
 * shortest digits that read back the same, "1.0e+16", "0.0001", "-0.0".
 * Returns the length. */
size_t postparse__ruby_float(char *out, double f);

#endif
