/* SPDX-License-Identifier: MIT */
/* Problems printed for people, as compilers print them:
 * "file:line:col: severity: message [code]", on standard error. */
#ifndef POSTPARSE_TOOLS_REPORT_H
#define POSTPARSE_TOOLS_REPORT_H

#include <postparse/postparse.h>

/* A fatal parser error; code is the status's stable name. */
void report_error(const char *path, const postparse_error *error);
void report_diagnostic(const char *path,
                       const postparse_diagnostic *diagnostic);
/* A file that could not be read: "file: error: message [io]". */
void report_io_error(const char *path, const char *message);

#endif
