/* SPDX-License-Identifier: MIT */
/* Helpers of the rules: value types and descriptions for messages
 * (schema.c). Strings are measured by the text layer (postparse_text_length,
 * postparse_text_width), as the rest of the library measures them. */
#ifndef POSTPARSE_SCHEMA_H
#define POSTPARSE_SCHEMA_H

#include <stddef.h>

#include <postparse/postparse.h>

#include "diagnostics.h"

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

/* ---- names and characters Jekyll takes silently (schema_names.c) ---- */

/* How deep Array#flatten is followed (post_taxonomy.c cuts there too). */
#define POSTPARSE__FLATTEN_DEPTH 100

typedef enum postparse__name_problem {
    POSTPARSE__NAME_OK,
    POSTPARSE__NAME_NO_SUCH_NAME, /* a layout no file can be named: ../x */
    POSTPARSE__NAME_SUBFOLDER,    /* a/b */
    POSTPARSE__NAME_DOTS,         /* . or .. */
    POSTPARSE__NAME_CONTROL       /* holds a control character */
} postparse__name_problem;

/* The first control character of s[0..len) Jekyll keeps silently: C0 but
 * tab, LF and CR, or C1 (U+0080..U+009F, U+0085 NEL among them). *cp is
 * the code point, *index its place in code points from 1. */
bool postparse__schema_control_find(const char *s, size_t len, uint32_t *cp,
                                    size_t *index);
/* "U+0000 (NUL)": the character, for messages. */
void postparse__schema_control_name(uint32_t cp, char *buf, size_t size);
/* A layout Jekyll looks up by name (a file's path under _layouts without
 * its extension): NO_SUCH_NAME, SUBFOLDER or OK. */
postparse__name_problem postparse__schema_layout_problem(const char *s,
                                                         size_t len);
/* A tag or category name: DOTS, SUBFOLDER, CONTROL or OK. */
postparse__name_problem postparse__schema_taxonomy_problem(const char *s,
                                                           size_t len);
/* Whether Ruby's [item].flatten raises ArgumentError (a list that holds
 * itself, through lists only) when item is inside outer (may be NULL). */
bool postparse__schema_flatten_raises(const postparse_value *item,
                                      const postparse_value *outer);
/* One control-character warning for each raw NEL (C2 85) in the front
 * matter text, which starts at start: libyaml reads it as a line break,
 * so the loaded value does not show it. */
postparse_status postparse__schema_nel_scan(postparse__diag_list *diags,
                                            const char *text, size_t len,
                                            postparse_pos start);

#endif
