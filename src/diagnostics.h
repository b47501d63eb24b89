/* SPDX-License-Identifier: MIT */
/* The list of diagnostics a parse collects. Layers add to it; the parser
 * delivers each one to on_diagnostic in order, so that a callback's pause
 * can take effect between any two of them. */
#ifndef POSTPARSE_DIAGNOSTICS_H
#define POSTPARSE_DIAGNOSTICS_H

#include <postparse/diagnostic.h>
#include <stdarg.h>

#include "alloc.h"

/* The longest message, its NUL included: longer ones are cut. */
#define POSTPARSE__MESSAGE_MAX 1024

/* The one way the library makes a message (diagnostics, fatal errors):
 * printf rules into out[0..size) (size <= POSTPARSE__MESSAGE_MAX), cut on a
 * character boundary, then every control character, bidirectional control
 * and ill-formed byte escaped (postparse_text_escape), so that no value
 * quoted in it can forge a line of output or drive a terminal. The escaped
 * text is cut again between whole escapes when it outgrows size. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 0)))
#endif
void postparse__message_vformat(char *out, size_t size, const char *fmt,
                                va_list ap);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void postparse__message_format(char *out, size_t size, const char *fmt, ...);
/* Fills *out (may be NULL) with code and the formatted, escaped message, at
 * position 0; returns code. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
postparse_status postparse__error_set(postparse_error *out,
                                      postparse_status code, const char *fmt,
                                      ...);

typedef struct postparse__diag_list {
    postparse_diagnostic *items;
    size_t count;
    size_t cap;
    size_t max;     /* items kept at most; then one "too-many-diagnostics" */
    size_t dropped; /* diagnostics past max */
    const postparse_allocator *alloc;
    /* A rules file's severities, applied to each diagnostic added; NULL:
     * none. */
    const struct postparse_ruleset *ruleset;
} postparse__diag_list;

void postparse__diag_list_init(postparse__diag_list *list,
                               const postparse_allocator *alloc, size_t max);
void postparse__diag_list_clear(postparse__diag_list *list);

/* Adds a diagnostic with code id (its name from the table in
 * <postparse/diagnostic.h>); key (may be NULL) is copied, the message is made
 * by postparse__message_vformat (escaped, at most 1 KiB). Returns
 * POSTPARSE_OK or POSTPARSE_ERR_NOMEM. */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
postparse_status
postparse__diag_add(postparse__diag_list *list, postparse_severity severity,
                    postparse_diagnostic_code id, postparse_pos pos,
                    const char *key, const char *fmt, ...);

/* The same with a code string other than id's name (a user rule's own code,
 * which must outlive the list). */
#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
postparse_status
postparse__diag_add_named(postparse__diag_list *list,
                          postparse_severity severity,
                          postparse_diagnostic_code id, const char *code,
                          postparse_pos pos, const char *key, const char *fmt,
                          ...);

#endif
