/* SPDX-License-Identifier: MIT */
/* The parser's hooks into the post layer (parser_post.c): the per-file
 * path and mtime, the body bytes for the excerpt, and the derivation at the
 * end of the input. */
#ifndef POSTPARSE_PARSER_POST_H
#define POSTPARSE_PARSER_POST_H

#include "post.h"

typedef struct postparse__parser_post {
    char *path; /* set_path's copy; NULL: options.path */
    size_t path_size;
    bool path_set;
    char *rel; /* set_site_file's copy of the relative path */
    size_t rel_size;
    const postparse_value *defaults;
    bool site_set; /* rel and defaults replace the options' */
    bool has_mtime;
    int64_t mtime;
    int32_t mtime_ns;
    bool begun; /* the post layer saw the body start */
    postparse_post post;
} postparse__parser_post;

typedef struct postparse_parser postparse_parser;

void postparse__parser_post_options_init(postparse_options *options);
/* At parser_new: copies options.path, options.relative_path and
 * options.excerpt_separator into
 * the parser (they live in p->opt until free). */
postparse_status postparse__parser_post_new(postparse_parser *p);
void postparse__parser_post_init(postparse_parser *p);    /* each parse */
void postparse__parser_post_release(postparse_parser *p); /* each parse */
void postparse__parser_post_free(postparse_parser *p);    /* at free */
postparse_status postparse__parser_post_body(postparse_parser *p,
                                             const char *data, size_t len);
postparse_status postparse__parser_post_finish(postparse_parser *p);

#endif
