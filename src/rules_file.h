/* SPDX-License-Identifier: MIT */
/* The parser's side of rule sets (<postparse/rules.h>): the field rules it
 * runs and the checks a postparse_rule cannot say (one_of, pattern,
 * min/max, each). */
#ifndef POSTPARSE_RULES_FILE_H
#define POSTPARSE_RULES_FILE_H

#include "diagnostics.h"

#include <postparse/postparse.h>

/* The base rule of every field (key, type, required, string measures),
 * checked by the schema layer like options.rules; *count gets their
 * number. NULL set: none. */
const postparse_rule *postparse__ruleset_rules(const postparse_ruleset *set,
                                               size_t *count);

/* The field checks past the base rules, on the front matter mapping fm
 * (NULL: none); each finding is added to diags. Returns POSTPARSE_OK or
 * POSTPARSE_ERR_NOMEM. */
postparse_status postparse__ruleset_check(const postparse_ruleset *set,
                                          postparse__diag_list *diags,
                                          const postparse_options *opt,
                                          const postparse_value *fm);

#endif
