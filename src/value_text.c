/* SPDX-License-Identifier: MIT */
/* The small lookups a template author expects: a string by key, a scalar's
 * text as Ruby prints it (the to_s Jekyll itself uses, post_values.c). */
#include "post.h"
#include "value.h"

#include <string.h>

const char *postparse_value_get_cstr(const postparse_value *map,
                                     const char *key)
{
    if (!key)
        return NULL;
    const postparse_value *v = postparse_value_get(map, key, strlen(key));
    if (postparse_value_kind_of(v) != POSTPARSE_VALUE_STRING)
        return NULL;
    return postparse_value_string(v, NULL);
}

size_t postparse_value_to_s(const postparse_value *value, char *buf,
                            size_t size)
{
    postparse_value_kind kind = postparse_value_kind_of(value);
    if (kind == POSTPARSE_VALUE_SEQUENCE || kind == POSTPARSE_VALUE_MAPPING)
        return SIZE_MAX;
    const postparse_allocator a = {0};
    postparse__buffer b = {0};
    const char *text;
    size_t len;
    if (kind == POSTPARSE_VALUE_STRING || kind == POSTPARSE_VALUE_BINARY) {
        text = postparse_value_string(value, &len);
    } else {
        if (!postparse__ruby_to_s(&b, &a, value)) {
            postparse__buffer_free(&b, &a);
            return SIZE_MAX;
        }
        text = b.data ? b.data : "";
        len = b.len;
    }
    if (buf && size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(buf, text, n);
        buf[n] = '\0';
    }
    postparse__buffer_free(&b, &a);
    return len;
}
