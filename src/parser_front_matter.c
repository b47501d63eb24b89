/* SPDX-License-Identifier: MIT */
/* The parser's front matter step: the closed text goes through the YAML
 * loader once, between on_frontmatter_text and on_frontmatter_end, so that
 * a consumer can read the typed values from on_frontmatter_end on. */
#include "parser_state.h"

#include "schema.h"

#include <string.h>

static postparse_status collect(void *ctx, postparse_severity severity,
                                postparse_diagnostic_code code,
                                const postparse_pos *pos, const char *key,
                                const char *message)
{
    postparse_parser *p = ctx;
    return postparse__diag_add(&p->diags, severity, code, *pos, key, "%s",
                               message);
}

postparse_status postparse__parser_load_front_matter(postparse_parser *p)
{
    postparse__yaml_options y;
    postparse__yaml_options_init(&y);
    y.schema = p->opt.yaml_schema;
    y.max_depth = p->opt.max_depth;
    y.max_scalar_bytes = p->opt.max_scalar_bytes;
    y.max_keys = p->opt.max_keys;
    y.max_alias_nodes = p->opt.max_alias_nodes;
    y.alias_amplification = p->opt.alias_amplification;
    y.max_anchors = p->opt.max_anchors;
    y.max_directives = p->opt.max_yaml_directives;
    y.hash_key = p->hash_key;
    postparse_error err;
    postparse_status st = postparse__yaml_load(
        &p->arena, &p->opt.allocator, p->split.fm.data, p->split.fm_text_len,
        &p->split.fm_cur.pos, &y, collect, p, &p->fm_yaml, &err);
    /* A NEL in the text never reaches a value (libyaml breaks the line
     * there): only the text shows it. */
    if (st == POSTPARSE_OK && p->opt.builtin_rules &&
        p->split.fm_text_len > 0 &&
        memchr(p->split.fm.data, 0xC2, p->split.fm_text_len))
        st = postparse__schema_nel_scan(&p->diags, p->split.fm.data,
                                        p->split.fm_text_len,
                                        p->split.fm_cur.pos);
    if (st == POSTPARSE_OK)
        return POSTPARSE_OK;
    if (st == POSTPARSE_ERR_NOMEM && !p->failed)
        err = (postparse_error){.code = st, .message = "out of memory"};
    if (!p->failed) {
        p->failed = true;
        p->error = err;
        p->error.code = st;
        /* The loader's messages quote the YAML: escaped as every message. */
        postparse__message_format(p->error.message, sizeof p->error.message,
                                  "%s", err.message);
    }
    return p->error.code;
}
