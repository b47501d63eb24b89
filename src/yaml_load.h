/* SPDX-License-Identifier: MIT */
/* Front matter text -> value tree, through libyaml's event API, as Jekyll
 * 4.3 loads it (Psych.safe_load(yaml, permitted_classes: [Date, Time],
 * aliases: true)), under limits that bound time and memory. Callable on its
 * own (tests, fuzz harnesses) or from the parser. */
#ifndef POSTPARSE_YAML_LOAD_H
#define POSTPARSE_YAML_LOAD_H

#include "hash.h"
#include <postparse/diagnostic.h>

#include "value.h"

typedef struct postparse__yaml_options {
    postparse_yaml_schema schema;
    /* Nested collections; deeper is POSTPARSE_ERR_DEPTH_LIMIT. Counted on
     * libyaml's events, which libyaml emits before its per-level cost
     * (quadratic in the depth of flow collections) adds up. */
    size_t max_depth;
    /* Bytes of one scalar's value; more is POSTPARSE_ERR_SCALAR_LIMIT. A
     * single token spanning more than 4 * max_scalar_bytes + 64 KiB of
     * text stops libyaml's scan early with the same error. */
    size_t max_scalar_bytes;
    /* Mapping keys in the whole document; POSTPARSE_ERR_KEYS_LIMIT. */
    size_t max_keys;
    /* Alias budget (POSTPARSE_ERR_ALIAS_LIMIT), as expat's amplification
     * limit: nodes once aliases are expanded may not exceed
     * max_alias_nodes, nor, past alias_activation_nodes, exceed
     * alias_amplification times the nodes written in the text. */
    uint64_t max_alias_nodes;
    uint64_t alias_activation_nodes;
    uint32_t alias_amplification;
    /* Anchors defined in the document (a name defined again counts
     * again); more is POSTPARSE_ERR_ANCHORS_LIMIT. */
    size_t max_anchors;
    /* Directives (%YAML, %TAG) libyaml may read after the first document,
     * where it only looks for a second one: libyaml checks each %TAG
     * against all before it. Past this many the rest is not read, and a
     * warning "yaml-directive-limit" says so. */
    size_t max_directives;
    /* The key of every hash table of the load (hash.h). */
    postparse__hash_key hash_key;
    /* Read every text with libyaml, never with the fast scanner
     * (yaml_fast.h): for tests that compare the two. */
    bool libyaml_only;
} postparse__yaml_options;

/* Defaults: Jekyll schema, depth 100, scalar 256 KiB, 10,000 keys, alias
 * budget 1,000,000 nodes or 100 times the text's nodes past 10,000, 10,000
 * anchors, 100 directives, a random hash key. */
void postparse__yaml_options_init(postparse__yaml_options *o);

/* pos is a file position; message is NUL-terminated and only valid during
 * the call; key is the top-level key concerned or NULL. */
typedef postparse_status (*postparse__yaml_diag_fn)(
    void *ctx, postparse_severity severity, postparse_diagnostic_code code,
    const postparse_pos *pos, const char *key, const char *message);

typedef struct postparse__yaml_result {
    /* What Psych returned: the front matter value (a mapping normally; may
     * be a sequence or a scalar), or NULL when Psych raised. Lives in the
     * arena. */
    const postparse_value *root;
    /* The exception Jekyll's read ends with, or NULL: Psych::SyntaxError,
     * Psych::DisallowedClass, Psych::BadAlias, ArgumentError (Jekyll's
     * retry turns every ArgumentError into "wrong number of arguments"),
     * TypeError, NoMethodError (root not a mapping). Jekyll then keeps no
     * front matter data, and the post is still published. Static or arena
     * storage. */
    const char *error_class;
    const char *error_message;
    postparse_pos error_pos;
} postparse__yaml_result;

/* Loads text (len bytes, not NUL-terminated) which starts at file position
 * start (column 1). Values go into arena; temporary memory through alloc
 * (libyaml uses the C library's). Diagnostics are reported through diag
 * (may be NULL); a status other than POSTPARSE_OK returned by diag stops the
 * load with that status.
 * Returns POSTPARSE_OK (even for YAML errors, which are diagnostics and
 * out->error_class), or a fatal limit / out of memory status, with *err
 * filled (message and position). */
postparse_status
postparse__yaml_load(postparse__arena *arena, const postparse_allocator *alloc,
                     const char *text, size_t len, const postparse_pos *start,
                     const postparse__yaml_options *opt,
                     postparse__yaml_diag_fn diag, void *ctx,
                     postparse__yaml_result *out, postparse_error *err);

#endif
