/* SPDX-License-Identifier: MIT */
/* Problems printed for people, as compilers print them:
 * "file:line:col: severity: message [code]", on standard error; every path
 * and message escaped, so that no input can forge a line. */
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
/* Trouble with a file, not in it ("path: severity: message [code]"), on
 * standard error; the message is formatted with printf rules. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void report_file(const char *path, const char *severity, const char *code,
                 const char *fmt, ...);
/* s (NUL-terminated) escaped with postparse_text_escape: no control
 * character, bidirectional control or ill-formed byte reaches out raw. Every
 * path and quoted text the CLI prints in text goes through it. */
void report_escaped(FILE *out, const char *s);
#endif
