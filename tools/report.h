/* SPDX-License-Identifier: MIT */
/* Problems printed for people, as compilers print them:
 * "file:line:col: severity: message [code]", on standard error. */
#ifndef POSTPARSE_TOOLS_REPORT_H
#define POSTPARSE_TOOLS_REPORT_H

#include <stdio.h>

#include <postparse/postparse.h>

/* A fatal error, code as the status's stable name; an error at line 0 (I/O)
 * is printed without a place: "file: error: message [io]". */
void report_error(const char *path, const postparse_error *error);
void report_diagnostic(const char *path,
                       const postparse_diagnostic *diagnostic);
/* The same line, to out (postparse check prints on standard output). */
void report_diagnostic_to(FILE *out, const char *path,
                          const postparse_diagnostic *diagnostic);
#endif
