/* SPDX-License-Identifier: MIT */
/* check's output formats besides text and JSON Lines: GitHub Actions
 * workflow commands (format_github.c) and one SARIF 2.1.0 log
 * (format_sarif.c). */
#ifndef POSTPARSE_TOOLS_FORMAT_H
#define POSTPARSE_TOOLS_FORMAT_H

#include <stdio.h>

#include <postparse/postparse.h>

/* "::error file=F,line=L,col=C,title=CODE::MESSAGE" (warning, notice for
 * the other severities), escaped as GitHub documents: in the message %,
 * CR and LF become %25, %0D, %0A; in the properties ':' and ',' too (%3A,
 * %2C). One line, whatever the path and message hold. */
void format_github_diagnostic(FILE *out, const char *path,
                              const postparse_diagnostic *d);

/* The SARIF log's head: the run, its tool with every diagnostic code as a
 * rule, and the opening of "results". */
void format_sarif_begin(FILE *out);
/* One result, preceded by ",\n" (the printer drops those two bytes before
 * the first result of the log). */
void format_sarif_result(FILE *out, const char *path,
                         const postparse_diagnostic *d);
/* Closes results, the run and the log. */
void format_sarif_end(FILE *out);

#endif
