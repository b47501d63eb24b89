/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <inttypes.h>
#include <stdio.h>

static void report_line(FILE *out, const char *path, const postparse_pos *pos,
                        const char *severity, const char *message,
                        const char *code)
{
    /* Line 0 is no place: trouble with the file, not in it. */
    if (pos->line > 0)
        fprintf(out, "%s:%" PRIu64 ":%" PRIu64 ": %s: %s [%s]\n", path,
                pos->line, pos->column, severity, message, code);
    else
        fprintf(out, "%s: %s: %s [%s]\n", path, severity, message, code);
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
