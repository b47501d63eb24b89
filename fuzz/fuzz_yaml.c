/* SPDX-License-Identifier: MIT */
/* The YAML loader on its own: the input's last byte picks the schema and
 * small limits (so that every limit is reached), the rest is the front
 * matter text; the tree is then written as typed JSON and walked. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "value_json.h"
#include "yaml_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool discard(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    (void)data;
    (void)len;
    return true;
}

static postparse_status no_diag(void *ctx, postparse_severity severity,
                                postparse_diagnostic_code id,
                                const postparse_pos *pos, const char *key,
                                const char *message)
{
    const char *code = postparse_diagnostic_code_name(id);
    (void)ctx;
    (void)severity;
    (void)code;
    (void)pos;
    (void)message;
    return key && !*key && !*message ? POSTPARSE_ERR_ABORTED : POSTPARSE_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t cfg = data[size - 1];
    size--;
    postparse__yaml_options opt;
    postparse__yaml_options_init(&opt);
    opt.schema =
        (cfg & 1) ? POSTPARSE_SCHEMA_YAML12_CORE : POSTPARSE_SCHEMA_JEKYLL;
    if (cfg & 2) {
        opt.max_depth = 1 + (cfg >> 4);
        opt.max_keys = 1 + (cfg >> 3);
        opt.max_scalar_bytes = 1 + (cfg >> 2);
        opt.max_alias_nodes = 16 + cfg;
        opt.alias_activation_nodes = 8;
        opt.alias_amplification = 1 + (cfg >> 5);
    }
    postparse__arena arena;
    postparse__arena_init(&arena, NULL);
    postparse__yaml_result res;
    postparse_error err;
    postparse_pos start = {3, 1, 1};
    if (postparse__yaml_load(&arena, NULL, (const char *)data, size, &start,
                             &opt, no_diag, NULL, &res, &err) == POSTPARSE_OK)
        postparse_value_write_json(res.root, POSTPARSE_JSON_TYPED, discard, NULL);
    postparse__arena_free(&arena);
    return 0;
}
