/* SPDX-License-Identifier: MIT */
/* Stability: stable from 1.0 (ABI checked by .ci/abi-check). */
/* Types shared by every part of the API: status codes, positions,
 * diagnostics, allocator hooks. Include <postparse/postparse.h>, not this. */
#ifndef POSTPARSE_COMMON_H
#define POSTPARSE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <postparse/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One table for status codes, their stable names and their default messages,
 * so that the three cannot drift apart. X(enum suffix, name, message). */
#define POSTPARSE_STATUS_MAP(X)                                                \
    X(OK, "ok", "success")                                                     \
    X(PAUSED, "paused",                                                        \
      "a callback paused the parser; call postparse_parser_resume() and "      \
      "feed the bytes not consumed")                                           \
    X(ERR_NOMEM, "out-of-memory", "out of memory")                             \
    X(ERR_IO, "io", "input/output error")                                      \
    X(ERR_INVALID_ARGUMENT, "invalid-argument", "invalid argument")            \
    X(ERR_MISUSE, "misuse",                                                    \
      "API misuse: call out of order or from inside a callback")               \
    X(ERR_ABORTED, "aborted", "a callback aborted the parse")                  \
    X(ERR_INVALID_UTF8, "invalid-utf8", "invalid UTF-8")                       \
    X(ERR_UNSUPPORTED_ENCODING, "unsupported-encoding",                        \
      "the input is not UTF-8 (UTF-16 or UTF-32 byte order mark)")             \
    X(ERR_FRONTMATTER_TOO_LARGE, "frontmatter-too-large",                      \
      "front matter exceeds max_frontmatter_bytes")                            \
    X(ERR_DEPTH_LIMIT, "depth-limit", "YAML nesting exceeds max_depth")        \
    X(ERR_SCALAR_LIMIT, "scalar-limit",                                        \
      "YAML scalar exceeds max_scalar_bytes")                                  \
    X(ERR_KEYS_LIMIT, "keys-limit", "YAML mapping keys exceed max_keys")       \
    X(ERR_ALIAS_LIMIT, "alias-limit",                                          \
      "YAML alias expansion exceeds the alias budget")                         \
    X(ERR_ANCHORS_LIMIT, "anchors-limit", "YAML anchors exceed max_anchors")   \
    X(ERR_TAXONOMY_LIMIT, "taxonomy-limit",                                    \
      "a tags or categories list exceeds max_taxonomy_items")                \
    X(ERR_EDIT_REFUSED, "edit-refused",                                        \
      "the front matter edit cannot be made without guessing")

/* New codes are only ever added at the end. */
typedef enum postparse_status {
#define POSTPARSE_STATUS_ENUM_(suffix, name, message) POSTPARSE_##suffix,
    POSTPARSE_STATUS_MAP(POSTPARSE_STATUS_ENUM_)
#undef POSTPARSE_STATUS_ENUM_
} postparse_status;

/* Stable kebab-case name of a status ("frontmatter-too-large"); static
 * storage; "unknown" for a value outside the enum. */
POSTPARSE_API const char *postparse_status_name(postparse_status status);
/* Default English message of a status; static storage. */
POSTPARSE_API const char *postparse_status_message(postparse_status status);

/* A place in the input.
 * offset: bytes from the first byte fed (a byte order mark included), 0-based.
 * line:   1-based; LF, CRLF and a lone CR each end a line.
 * column: 1-based, in Unicode code points from the start of the line (in
 *         invalid UTF-8, every byte that is not a continuation byte counts). */
typedef struct postparse_pos {
    uint64_t offset;
    uint64_t line;
    uint64_t column;
} postparse_pos;

/* A fatal error: it stops the parse and stays until reset. */
typedef struct postparse_error {
    postparse_status code;
    /* NUL-terminated, specific ("front matter opened at 1:1 exceeds
     * max_frontmatter_bytes (1048576) without a closing line"). */
    char message[256];
    postparse_pos pos;
} postparse_error;

/* Allocation hooks with a context pointer and the old size, so that arenas
 * and pools can plug in. A hook returning NULL makes the operation fail with
 * POSTPARSE_ERR_NOMEM; postparse never aborts on out of memory. Leave all
 * three NULL for the C library's malloc, realloc and free. (libyaml and
 * utf8proc allocate with the C library's functions whatever is set here.) */
typedef struct postparse_allocator {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t old_size, size_t new_size);
    void (*free)(void *ctx, void *ptr, size_t size);
    void *ctx;
} postparse_allocator;

/* Runtime version, "MAJOR.MINOR.PATCH" and 0xMMmmpp: compare with the
 * POSTPARSE_VERSION_* macros to detect a header/library mismatch. */
POSTPARSE_API const char *postparse_version_string(void);
POSTPARSE_API uint32_t postparse_version_hex(void);

#ifdef __cplusplus
}
#endif

#endif
