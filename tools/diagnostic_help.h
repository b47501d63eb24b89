/* SPDX-License-Identifier: MIT */
/* How to fix each diagnostic code, as docs/diagnostics.md says it (the
 * "how to fix" column), for SARIF's rules: tools/gen/diagnostic_help.py
 * writes the table at build time. */
#ifndef POSTPARSE_TOOLS_DIAGNOSTIC_HELP_H
#define POSTPARSE_TOOLS_DIAGNOSTIC_HELP_H

/* The help text of code (a kebab-case name); "" when the page has none. */
const char *diagnostic_help(const char *code);

#endif
