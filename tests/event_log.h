/* SPDX-License-Identifier: MIT */
/* Records a parse as a readable event log, the form the split tests assert:
 *   begin@1:1 text@1:1 "---\ntitle: x\n" end@3:1 body@4:1 "Body\n"
 *   eof(fm=1 bom=0 utf8=1 bytes=5)
 * Adjacent body spans are merged as they come, so a log does not depend on
 * how the input was cut into chunks. Bytes outside printable ASCII are
 * written as \xHH. */
#ifndef POSTPARSE_TEST_EVENT_LOG_H
#define POSTPARSE_TEST_EVENT_LOG_H

#include <postparse/postparse.h>

typedef struct event_log {
    char *text;
    size_t len;
    size_t cap;
    bool last_was_body;
    unsigned pause_every; /* pause after every n-th event; 0: never */
    unsigned events;
    bool strict_spans;  /* check each span is whole UTF-8 sequences */
    unsigned bad_spans; /* spans marked EMPTY-SPAN or SPAN-CUTS-A-CHARACTER */
    /* Called with every body span as it comes, before merging (optional). */
    void (*on_span)(void *ctx, const char *data, size_t len,
                    const postparse_pos *pos);
    void *span_ctx;
} event_log;

void event_log_init(event_log *log);
void event_log_free(event_log *log);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void event_log_printf(event_log *log, const char *fmt, ...);
void event_log_callbacks(postparse_callbacks *cb);

/* Parses input cut into chunks of chunk bytes (0: one feed), each chunk in
 * its own exactly sized heap buffer so that an over-read trips ASan; resumes
 * after every pause. Appends "error@L:C name" when the parse fails. Returns
 * the log text, owned by log. */
const char *event_log_parse(event_log *log, const char *input, size_t len,
                            size_t chunk, const postparse_options *options);

/* The pieces of event_log_parse, for drivers that cut the input their own
 * way (the fuzz harnesses). event_log_start: a parser whose callbacks write
 * to log (aborts when out of memory). event_log_feed: feeds data from an
 * exactly sized heap copy, resuming after every pause. event_log_finish:
 * finishes unless st is already an error, appends the error, frees p. */
postparse_parser *event_log_start(event_log *log,
                                  const postparse_options *options);
postparse_status event_log_feed(postparse_parser *p, const char *data,
                                size_t len);
const char *event_log_finish(event_log *log, postparse_parser *p,
                             postparse_status st);
/* event_log_finish without freeing p; returns the parse's status. */
postparse_status event_log_end(event_log *log, postparse_parser *p,
                               postparse_status st);

/* The same with the input cut once, at split. */
const char *event_log_parse_split(event_log *log, const char *input, size_t len,
                                  size_t split,
                                  const postparse_options *options);

#endif
