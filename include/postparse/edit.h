/* SPDX-License-Identifier: MIT */
/* Byte-range edits of a post's text: where a scalar value's bytes are, and
 * a text with some ranges replaced, every other byte kept (comments, line
 * ends, a byte order mark). The ground `postparse check --fix` stands on,
 * and a lossless editor can build on. Include <postparse/postparse.h>, not
 * this. */
#ifndef POSTPARSE_EDIT_H
#define POSTPARSE_EDIT_H

#include <postparse/common.h>
#include <postparse/doc.h>
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

/* ---- Lossless front matter editing (docs/edit.md) ----------------------
 *
 * An editor collects edits of the top-level keys of one document's front
 * matter, each found from the document's value positions, then writes the
 * new file: the bytes before the front matter (a byte order mark), the front
 * matter with only the edited spans changed, and the body copied as read.
 * Values are written as the file writes them: plain when the project's YAML
 * loader reads the plain text back as the same string, else double-quoted;
 * the file's line ends; a list in the style it already has.
 * What cannot be done safely is refused with POSTPARSE_ERR_EDIT_REFUSED and
 * a message saying why (nothing recorded): a document without front matter
 * or with a YAML error, front matter that is not a block mapping, a merge
 * key anywhere, a key whose value is or holds an anchor or an alias, a key
 * written twice, a block scalar or a block collection to overwrite, a value
 * that spans lines, an edit overlapping one made before. */
typedef struct postparse_editor postparse_editor;

/* How a value passed to the editor is written. */
enum {
    /* A string: written plain, or double-quoted when plain YAML would read
     * it as something else (true, 1:30, 2025-02-07, ~, 0x1F, "a: b"). */
    POSTPARSE_EDIT_STRING = 0,
    /* YAML text written as given (42, true, [a, b], "quoted"): must be one
     * line that the loader reads as a scalar or a flow list of scalars. */
    POSTPARSE_EDIT_YAML = 1
};

/* An editor on doc (which must outlive it). NULL with *error (may be NULL)
 * filled: POSTPARSE_ERR_EDIT_REFUSED (no front matter, a YAML error, not a
 * mapping, a merge key), POSTPARSE_ERR_NOMEM, _INVALID_ARGUMENT. */
POSTPARSE_API postparse_editor *
postparse_editor_new(const postparse_doc *doc,
                     const postparse_allocator *allocator,
                     postparse_error *error);
POSTPARSE_API void postparse_editor_free(postparse_editor *editor);

/* Sets key to value (len bytes, as flags says). An existing key keeps its
 * place, its comment and its quoting style where the value allows; a new key
 * goes after the entry of after_key, or after the last entry when
 * after_key is NULL. */
POSTPARSE_API postparse_status postparse_editor_set(
    postparse_editor *editor, const char *key, const char *value, size_t len,
    unsigned flags, const char *after_key, postparse_error *error);
/* Removes key's entry: its lines, up to the comments and blank lines that
 * precede the next entry (they stay). Refused when key is absent. */
POSTPARSE_API postparse_status postparse_editor_delete(postparse_editor *editor,
                                                       const char *key,
                                                       postparse_error *error);
/* Renames key old_key to new_key (refused when new_key exists). */
POSTPARSE_API postparse_status postparse_editor_rename(postparse_editor *editor,
                                                       const char *old_key,
                                                       const char *new_key,
                                                       postparse_error *error);
/* Appends a string item to key's list, flow or block, in its style; a key
 * with no value or no key at all gets a flow list [value]. Refused when the
 * value is not a list. */
POSTPARSE_API postparse_status postparse_editor_append(postparse_editor *editor,
                                                       const char *key,
                                                       const char *value,
                                                       size_t len,
                                                       postparse_error *error);
/* Removes every item of key's list whose text is value. Refused when none
 * is. */
POSTPARSE_API postparse_status postparse_editor_remove(postparse_editor *editor,
                                                       const char *key,
                                                       const char *value,
                                                       size_t len,
                                                       postparse_error *error);

/* Writes the edited file through write, reading the original from data
 * (the bytes the document was read from) or from the file at path, 64 KiB
 * at a time, the body never held. Before anything is written the new front
 * matter is read back with the default options and must read as the
 * original with exactly the edits made (the same typed values for every
 * other key, in the same order, and the same end, so the same body);
 * refused otherwise ("the edited front matter would read differently: key
 * ..."), and when the front matter bytes are not the document's (the file
 * changed since it was read); POSTPARSE_ERR_IO when reading fails or write
 * returns false. */
POSTPARSE_API postparse_status postparse_editor_write_buffer(
    const postparse_editor *editor, const void *data, size_t len,
    postparse_write_fn write, void *user_data, postparse_error *error);
POSTPARSE_API postparse_status postparse_editor_write_file(
    const postparse_editor *editor, const char *path, postparse_write_fn write,
    void *user_data, postparse_error *error);

#ifdef __cplusplus
}
#endif

#endif
