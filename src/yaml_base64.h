/* SPDX-License-Identifier: MIT */
/* The value of a !!binary scalar: its base64 decoded as Ruby's
 * String#unpack('m') does. */
#ifndef POSTPARSE_YAML_BASE64_H
#define POSTPARSE_YAML_BASE64_H

#include <stddef.h>

#include "arena.h"
#include "value.h"
#include "yaml_resolve.h"

/* v becomes the BINARY value of s[0..n), decoded into the arena. */
postparse__resolve_result postparse__yaml_base64(postparse__arena *arena,
                                                 postparse_value *v,
                                                 const char *s, size_t n);

#endif
