/* SPDX-License-Identifier: MIT */
/* The one adapter from the documented list of diagnostic codes to the
 * public API: SARIF's rules and a rules file's `severity:` both read it. */
#include "diagnostic_list.h"

#include <string.h>

const postparse_code_info *postparse_diagnostic_codes(size_t *count)
{
    if (count)
        *count = postparse__diagnostic_list_count;
    return postparse__diagnostic_list;
}

const postparse_code_info *postparse_diagnostic_code_info(const char *code)
{
    for (size_t i = 0; code && i < postparse__diagnostic_list_count; i++)
        if (strcmp(postparse__diagnostic_list[i].code, code) == 0)
            return &postparse__diagnostic_list[i];
    return NULL;
}
