/* SPDX-License-Identifier: MIT */
/* The parser's side of the post layer: options, the path and mtime of the
 * file being read, the body bytes on their way out, and the derivation
 * once the input is finished. */
#include "parser_state.h"

#include <string.h>
#include <time.h>

#define DEFAULT_MAX_EXCERPT_BYTES ((size_t)1 << 20)

void postparse__parser_post_options_init(postparse_options *options)
{
    options->max_excerpt_bytes = DEFAULT_MAX_EXCERPT_BYTES;
    options->builtin_rules = true;
    options->max_taxonomy_items = 10000;
    options->max_excerpt_separator_bytes = 1024;
}

static char *copy(const postparse_allocator *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *c = postparse__malloc(a, n);
    if (c)
        memcpy(c, s, n);
    return c;
}

static void free_copy(const postparse_allocator *a, const char *s)
{
    if (s)
        postparse__free(a, (char *)s, strlen(s) + 1);
}

postparse_status postparse__parser_post_new(postparse_parser *p)
{
    const postparse_allocator *a = &p->opt.allocator;
    const char *path = p->opt.path, *sep = p->opt.excerpt_separator,
               *rel = p->opt.relative_path;
    p->opt.path = p->opt.excerpt_separator = p->opt.relative_path = NULL;
    char *path_copy = copy(a, path);
    char *sep_copy = copy(a, sep);
    char *rel_copy = copy(a, rel);
    if ((path && !path_copy) || (sep && !sep_copy) || (rel && !rel_copy)) {
        free_copy(a, path_copy);
        free_copy(a, sep_copy);
        free_copy(a, rel_copy);
        return POSTPARSE_ERR_NOMEM;
    }
    p->opt.path = path_copy;
    p->opt.excerpt_separator = sep_copy;
    p->opt.relative_path = rel_copy;
    return POSTPARSE_OK;
}

void postparse__parser_post_init(postparse_parser *p)
{
    postparse__post_init(&p->pp.post, &p->arena, &p->opt.allocator, &p->diags);
    p->pp.post.hash_key = &p->hash_key;
    p->pp.post.max_taxonomy_items = p->opt.max_taxonomy_items;
}

void postparse__parser_post_release(postparse_parser *p)
{
    postparse__post_release(&p->pp.post);
    postparse__free(&p->opt.allocator, p->pp.path, p->pp.path_size);
    p->pp.path = NULL;
    postparse__free(&p->opt.allocator, p->pp.rel, p->pp.rel_size);
    p->pp.rel = NULL;
}

void postparse__parser_post_free(postparse_parser *p)
{
    free_copy(&p->opt.allocator, p->opt.path);
    free_copy(&p->opt.allocator, p->opt.excerpt_separator);
    free_copy(&p->opt.allocator, p->opt.relative_path);
}

static void input(const postparse_parser *p, postparse__post_input *in)
{
    memset(in, 0, sizeof(*in));
    in->opt = &p->opt;
    in->path = p->pp.path_set ? p->pp.path : p->opt.path;
    in->has_mtime = p->pp.has_mtime;
    in->mtime = p->pp.mtime;
    in->mtime_ns = p->pp.mtime_ns;
    in->relative_path = p->pp.site_set ? p->pp.rel : p->opt.relative_path;
    in->defaults =
        p->pp.site_set ? p->pp.defaults : p->opt.front_matter_defaults;
    in->site_base = p->pp.post.site_base;
    in->site_data = p->pp.post.site_data;
    in->front_matter = p->fm_yaml.root;
    in->front_matter_pos =
        p->summary.has_front_matter ? p->split.fm_cur.pos : (postparse_pos){0, 1, 1};
    in->yaml_error_class = p->fm_yaml.error_class;
    in->yaml_error_message = p->fm_yaml.error_message;
    in->content_valid_utf8 = p->summary.body_valid_utf8;
    in->body_pos = p->summary.body_pos;
    if (in->body_pos.line == 0)
        in->body_pos = (postparse_pos){p->summary.input_bytes, 1, 1};
    if (p->opt.site_time_set) {
        in->now = p->opt.site_time;
        in->now_ns = p->opt.site_time_nanosecond;
    }
}

postparse_status postparse__parser_post_body(postparse_parser *p,
                                             const char *data, size_t len)
{
    /* options.keep_body: the document gets the body as delivered. */
    if (p->opt.keep_body && len > 0 &&
        !postparse__buffer_append(&p->body, &p->opt.allocator, data, len))
        return POSTPARSE_ERR_NOMEM;
    if (!p->pp.begun) {
        p->pp.begun = true;
        postparse__post_input in;
        input(p, &in);
        /* The site's data is merged once, before anything reads it. */
        postparse_status st = postparse__post_site_merge(&p->pp.post, &in);
        if (st != POSTPARSE_OK)
            return st;
        input(p, &in);
        st = postparse__post_body_begin(&p->pp.post, &in);
        if (st != POSTPARSE_OK)
            return st;
    }
    return postparse__post_body(&p->pp.post, data, len);
}

postparse_status postparse__parser_post_finish(postparse_parser *p)
{
    postparse__post_input in;
    if (!p->pp.begun) {
        postparse_status st = postparse__parser_post_body(p, NULL, 0);
        if (st != POSTPARSE_OK)
            return st;
    }
    input(p, &in);
    if (!p->opt.site_time_set) {
        struct timespec ts;
        if (clock_gettime(CLOCK_REALTIME, &ts) == 0) {
            in.now = (int64_t)ts.tv_sec;
            in.now_ns = (int32_t)ts.tv_nsec;
        } else {
            in.now = (int64_t)time(NULL);
        }
    }
    return postparse__post_finish(&p->pp.post, &in);
}

static postparse_status may_set(postparse_parser *p)
{
    if (!p)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    if (p->in_callback || p->summary.input_bytes > 0 || p->finished ||
        p->finish_stage != FINISH_SPLIT)
        return postparse__parser_misuse(
            p, "set_path and set_mtime come before the first feed (after "
               "postparse_parser_reset for the next input)");
    return POSTPARSE_OK;
}

/* Replaces the per-file copy *field (of *size bytes) with a copy of s. */
static postparse_status set_copy(postparse_parser *p, char **field,
                                 size_t *size, const char *s)
{
    postparse_status st = may_set(p);
    if (st != POSTPARSE_OK)
        return st;
    const postparse_allocator *a = &p->opt.allocator;
    char *c = copy(a, s);
    if (s && !c)
        return POSTPARSE_ERR_NOMEM;
    postparse__free(a, *field, *size);
    *field = c;
    *size = s ? strlen(s) + 1 : 0;
    return POSTPARSE_OK;
}

postparse_status postparse_parser_set_path(postparse_parser *parser,
                                           const char *path)
{
    postparse_status st =
        parser ? set_copy(parser, &parser->pp.path, &parser->pp.path_size, path)
               : POSTPARSE_ERR_INVALID_ARGUMENT;
    if (st == POSTPARSE_OK)
        parser->pp.path_set = true;
    return st;
}

postparse_status postparse_parser_set_mtime(postparse_parser *parser,
                                            int64_t seconds, int32_t nanosecond)
{
    postparse_status st = may_set(parser);
    if (st != POSTPARSE_OK)
        return st;
    parser->pp.has_mtime = true;
    parser->pp.mtime = seconds;
    parser->pp.mtime_ns = nanosecond;
    return POSTPARSE_OK;
}

postparse_status
postparse_parser_set_site_file(postparse_parser *parser,
                               const char *relative_path,
                               const postparse_value *front_matter_defaults)
{
    postparse_status st = parser ? set_copy(parser, &parser->pp.rel,
                                            &parser->pp.rel_size, relative_path)
                                 : POSTPARSE_ERR_INVALID_ARGUMENT;
    if (st == POSTPARSE_OK) {
        parser->pp.defaults = front_matter_defaults;
        parser->pp.site_set = true;
    }
    return st;
}
