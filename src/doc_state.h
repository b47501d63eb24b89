/* SPDX-License-Identifier: MIT */
/* The document's state (include/postparse/doc.h), shared by doc.c (taking
 * it from the parser, the getters), doc_read.c and doc_json.c. */
#ifndef POSTPARSE_DOC_STATE_H
#define POSTPARSE_DOC_STATE_H

#include "parser_state.h"

struct postparse_doc {
    postparse_allocator alloc; /* the parser's, copied: the doc outlives it */
    postparse__arena arena;    /* values, the post's strings, this struct */
    const char *path;          /* the post's, or NULL */
    postparse_post post;       /* the derived fields (when has_post) */
    bool has_post;
    const postparse_value *front_matter;
    postparse__buffer fm; /* the front matter text, NUL at fm_text_len */
    size_t fm_text_len;
    bool has_fm;
    postparse__buffer body; /* options.keep_body */
    bool has_body;
    postparse_diagnostic *diags; /* file order; strings owned here */
    size_t diag_count;
    size_t diag_cap;
    postparse_summary summary;
    postparse_error error;
    bool failed;
};

#endif
