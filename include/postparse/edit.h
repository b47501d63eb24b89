/* SPDX-License-Identifier: MIT */
/* Byte-range edits of a post's text: where a scalar value's bytes are, and
 * a text with some ranges replaced, every other byte kept (comments, line
 * ends, a byte order mark). The ground `postparse check --fix` stands on,
 * and a lossless editor can build on. Include <postparse/postparse.h>, not
 * this. */
#ifndef POSTPARSE_EDIT_H
#define POSTPARSE_EDIT_H

#include <postparse/common.h>
#include <postparse/value.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Replace length bytes at offset (bytes from the start of the text) with
 * text_len bytes of text. */
typedef struct postparse_edit {
    uint64_t offset;
    uint64_t length;
    const char *text; /* not NUL-terminated; not copied */
    size_t text_len;
} postparse_edit;

/* Where the scalar value (a node of the parse of text[0..len)) is written:
 * [*start, *end) in bytes, quotes included. Only single-line scalars are
 * placed: a double-quoted one without escapes, a single-quoted one without
 * '' inside, or a plain one that ends its line (a trailing comment and
 * blanks are not part of it) and is not continued on the next; the bytes
 * must read back as the value's text. false (nothing set) for anything
 * else: block scalars, tagged or anchored nodes, collections, a value made
 * by a merge. */
POSTPARSE_API bool postparse_scalar_span(const char *text, size_t len,
                                         const postparse_value *value,
                                         uint64_t *start, uint64_t *end);

/* text[0..len) with the edits made, in a new buffer from allocator (NULL:
 * the C library's), NUL-terminated, its length in *out_len; free it with
 * postparse_edit_free(*out, *out_len, allocator). The edits must be sorted
 * by offset, not overlap and lie inside the text:
 * POSTPARSE_ERR_INVALID_ARGUMENT otherwise (nothing made). */
POSTPARSE_API postparse_status postparse_edit_apply(
    const char *text, size_t len, const postparse_edit *edits, size_t count,
    const postparse_allocator *allocator, char **out, size_t *out_len);
POSTPARSE_API void postparse_edit_free(char *buffer, size_t len,
                                       const postparse_allocator *allocator);

#ifdef __cplusplus
}
#endif

#endif
