/* SPDX-License-Identifier: MIT */
/* Scalar resolution: a scalar's text and tag become a typed value, as
 * Psych 4.0.3's ScalarScanner and ToRuby#deserialize do under safe_load
 * (Jekyll's loader), or by the YAML 1.2 core schema. */
#ifndef POSTPARSE_YAML_RESOLVE_H
#define POSTPARSE_YAML_RESOLVE_H

#include "value.h"

/* A Ruby exception safe_load would raise: Jekyll then keeps no data. */
typedef struct postparse__ruby_error {
    const char *cls; /* static: "ArgumentError", "Psych::DisallowedClass"... */
    char message[512];
} postparse__ruby_error;

typedef enum postparse__resolve_result {
    POSTPARSE__RESOLVED = 0,
    POSTPARSE__RESOLVE_RAISES = 1, /* *err says what Ruby raises */
    POSTPARSE__RESOLVE_NOMEM = 2
} postparse__resolve_result;

/* Types v (already made, kind and payload are set here) from the scalar
 * text of len bytes (NUL-terminated). tag: expanded tag or NULL; quoted:
 * libyaml's quoted_implicit (an untagged non-plain scalar). Strings point
 * into text, which must live in the arena. */
postparse__resolve_result
postparse__yaml_resolve_scalar(postparse__arena *arena, postparse_value *v,
                               const char *text, size_t len, const char *tag,
                               bool quoted, postparse_yaml_schema schema,
                               postparse__ruby_error *err);

/* The tag's class when safe_load refuses it ("Symbol", "Psych::Set"), or
 * NULL when Psych loads a node with this tag as an untagged one. kind is
 * the node kind (scalar: STRING, SEQUENCE or MAPPING). */
const char *postparse__yaml_tag_disallowed(const char *tag,
                                           postparse_value_kind kind);

/* true when Psych knows the tag (the YAML types it handles); false for a
 * tag it ignores, which earns a diagnostic. */
bool postparse__yaml_tag_known(const char *tag);

#endif
