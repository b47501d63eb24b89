/* SPDX-License-Identifier: MIT */
/* A scanner for the YAML that nearly every front matter is written in: a
 * block mapping of one-line plain keys whose values are one-line plain or
 * quoted scalars, one-line flow sequences of scalars, or block sequences of
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
    uint32_t value;        /* scalars: byte offset of the value in the text */
    uint32_t value_len;    /* scalars: bytes of the value */
} postparse__yaml_fast_event;

/* Scans text[0..len), which must start with the "---" line Jekyll hands to
 * its loader, into events[0..cap). Returns the number of events (from
 * STREAM-START to STREAM-END), or 0 when libyaml must read the text. */
size_t postparse__yaml_fast_scan(const char *text, size_t len,
                                 postparse__yaml_fast_event *events,
                                 size_t cap);

/* The libyaml event one fast event stands for. Scalar values point into
 * text (not NUL-terminated; length says where they end); nothing in *out
 * is allocated, so it must not be passed to yaml_event_delete. */
void postparse__yaml_fast_event_get(const char *text,
                                    const postparse__yaml_fast_event *fe,
                                    yaml_event_t *out);

#endif
