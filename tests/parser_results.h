/* SPDX-License-Identifier: MIT */
/* The parser's results read in place, for the unit tests written before
 * the document API (which replaced these getters in the public API): they
 * look at the parser's state before take_doc moves it. Tests of the
 * document itself are in test_doc.c. */
#ifndef POSTPARSE_TESTS_PARSER_RESULTS_H
#define POSTPARSE_TESTS_PARSER_RESULTS_H

#include "parser_state.h"

static inline const postparse_value *
postparse_parser_front_matter(const postparse_parser *p)
{
    return p ? p->fm_yaml.root : NULL;
}

static inline const postparse_post *
postparse_parser_post(const postparse_parser *p)
{
    return p && !p->failed && p->pp.post.ready ? &p->pp.post : NULL;
}

static inline size_t
postparse_parser_diagnostic_count(const postparse_parser *p)
{
    return p ? p->diags.count : 0;
}

static inline const postparse_diagnostic *
postparse_parser_diagnostic(const postparse_parser *p, size_t i)
{
    return p && i < p->diags.count ? &p->diags.items[i] : NULL;
}

static inline bool postparse_parser_jekyll_error(const postparse_parser *p,
                                                 const char **error_class,
                                                 const char **message)
{
    const char *cls = p ? p->fm_yaml.error_class : NULL;
    if (error_class)
        *error_class = cls;
    if (message)
        *message = cls ? p->fm_yaml.error_message : NULL;
    return cls != NULL;
}

#endif
