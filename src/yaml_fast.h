/* SPDX-License-Identifier: MIT */
/* A scanner for the YAML that nearly every front matter is written in: a
 * block mapping of one-line plain keys whose values are one-line plain or
 * quoted scalars (double quotes may escape '"', '\\' and '/'), one-line flow sequences of scalars, or block sequences of
 * such scalars. For text in that subset it gives exactly the events
 * libyaml 0.2.5 gives (types, values, styles, mark indexes) at a fraction
 * of libyaml's cost; for anything else it declines, and libyaml reads the
 * text. It never reports an error: whatever it does not recognise,
 * including every syntax error, is libyaml's to report. */
#ifndef POSTPARSE_YAML_FAST_H
#define POSTPARSE_YAML_FAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

/* Texts longer than this are left to libyaml: the loader's token length
 * check (yaml_load.c) can only trigger past 64 Ki characters, so below it
 * both readers end alike. */
#define POSTPARSE__YAML_FAST_MAX_TEXT 65536

/* Events one scan may produce; a text needing more is left to libyaml (a
 * front matter of about 60 keys or more). */
#define POSTPARSE__YAML_FAST_MAX_EVENTS 192

/* Bytes of double-quoted values with escapes, once unescaped; more is left
 * to libyaml. */
#define POSTPARSE__YAML_FAST_UNESCAPED_BYTES 2048

/* One event, as compact as the subset allows. Marks are libyaml's:
 * 0-based character indexes into the text, 0-based lines and columns
 * (columns in characters). The start mark is whole; of the end mark only
 * the index is kept (the loader reads no more of it). */
typedef struct postparse__yaml_fast_event {
    uint8_t type;          /* yaml_event_type_t */
    uint8_t style;         /* scalar or sequence style, as libyaml's enums */
    uint32_t start;        /* start_mark.index */
    uint32_t start_line;   /* start_mark.line */
    uint32_t start_column; /* start_mark.column */
    uint32_t start_byte;   /* byte offset of the start mark in the text */
    uint32_t end;          /* end_mark.index */
    uint32_t value_len;    /* scalars: bytes of the value */
    /* Scalars: the value, in the text or, unescaped, in the result's
     * unescaped bytes; not NUL-terminated. */
    const char *value;
} postparse__yaml_fast_event;

typedef struct postparse__yaml_fast_result {
    postparse__yaml_fast_event events[POSTPARSE__YAML_FAST_MAX_EVENTS];
    size_t n; /* events, from STREAM-START to STREAM-END; 0: declined */
    char unescaped[POSTPARSE__YAML_FAST_UNESCAPED_BYTES];
    size_t unescaped_len;
} postparse__yaml_fast_result;

/* Scans text[0..len), which must start with the "---" line Jekyll hands to
 * its loader. Returns out->n: the number of events, or 0 when libyaml must
 * read the text. Values point into text and into *out. */
size_t postparse__yaml_fast_scan(const char *text, size_t len,
                                 postparse__yaml_fast_result *out);

/* The libyaml event a fast event stands for. Nothing in *out is
 * allocated: it must not be passed to yaml_event_delete, and its scalar
 * value lives as long as the text and the result it came from. */
void postparse__yaml_fast_event_get(const postparse__yaml_fast_event *fe,
                                    yaml_event_t *out);

#endif
