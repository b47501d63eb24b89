/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_escaped(FILE *out, const char *s)
{
    char buf[1024];
    size_t len = strlen(s);
    size_t need = postparse_text_escape(s, len, buf, sizeof(buf));
    char *big;

    if (need < sizeof(buf)) {
        fputs(buf, out);
        return;
    }
    big = malloc(need + 1);
    if (big == NULL) {
        fputs(buf, out); /* what fitted: whole escapes, still safe */
        return;
    }
    postparse_text_escape(s, len, big, need + 1);
    fputs(big, out);
    free(big);
}

/* Every value from outside (the path, the message that quotes the file) is
 * escaped: a file name or a front matter value with a line end or a terminal
 * escape cannot forge a line of the report or drive the terminal. Library
 * messages are escaped already; escaping twice changes nothing. */
static void report_line(FILE *out, const char *path, const postparse_pos *pos,
                        const char *severity, const char *message,
                        const char *code)
{
    report_escaped(out, path);
    /* Line 0 is no place: trouble with the file, not in it. */
    if (pos->line > 0)
        fprintf(out, ":%" PRIu64 ":%" PRIu64, pos->line, pos->column);
    fprintf(out, ": %s: ", severity);
    report_escaped(out, message);
    fprintf(out, " [%s]\n", code);
}

void report_error(const char *path, const postparse_error *error)
{
    report_line(stderr, path, &error->pos, "error", error->message,
                postparse_status_name(error->code));
}

void report_diagnostic(const char *path, const postparse_diagnostic *diagnostic)
{
    report_diagnostic_to(stderr, path, diagnostic);
}

void report_diagnostic_to(FILE *out, const char *path,
                          const postparse_diagnostic *diagnostic)
{
    report_line(out, path, &diagnostic->pos,
                postparse_severity_name(diagnostic->severity),
                diagnostic->message, diagnostic->code);
}

void report_file(const char *path, const char *severity, const char *code,
                 const char *fmt, ...)
{
    char message[1024];
    const postparse_pos nowhere = {0, 0, 0};
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    report_line(stderr, path, &nowhere, severity, message, code);
}
