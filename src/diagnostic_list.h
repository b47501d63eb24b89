/* SPDX-License-Identifier: MIT */
/* The table of diagnostic codes, generated at build time from
 * docs/diagnostics.md by src/gen/diagnostic_list.py. */
#ifndef POSTPARSE_DIAGNOSTIC_LIST_H
#define POSTPARSE_DIAGNOSTIC_LIST_H

#include <postparse/postparse.h>

extern const postparse_code_info postparse__diagnostic_list[];
extern const size_t postparse__diagnostic_list_count;

#endif
