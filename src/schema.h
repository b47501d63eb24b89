/* SPDX-License-Identifier: MIT */
/* Helpers of the rules: value types and descriptions for messages
 * (schema.c). Strings are measured by the text layer (postparse_text_length,
 * postparse_text_width), as the rest of the library measures them. */
#ifndef POSTPARSE_SCHEMA_H
#define POSTPARSE_SCHEMA_H

#include <stddef.h>

#include <postparse/postparse.h>

/* The user rules' table is one the library can read: every rule's size
 * (set by postparse_rule_init) the same, and at least 1.0's. */
bool postparse__schema_rules_valid(const postparse_options *opt);
/* Whether v has the rule type's type (a string date read in zone). */
bool postparse__schema_type_ok(postparse_rule_type type,
                               const postparse_value *v,
                               const postparse_tz *zone);
/* "a string", "true or false", ...: the type, for messages. Static. */
const char *postparse__schema_type_name(postparse_rule_type type);

/* What a value is, for messages: "an integer (2024)", "a mapping". */
void postparse__schema_describe(const postparse_value *v, char *buf,
                                size_t size);

#endif
