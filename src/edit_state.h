/* SPDX-License-Identifier: MIT */
/* The editor's state (<postparse/edit.h>), shared by edit_front_matter.c
 * (which finds and records the byte edits) and edit_verify.c (which reads
 * the edited front matter back before anything is written). */
#ifndef POSTPARSE_EDIT_STATE_H
#define POSTPARSE_EDIT_STATE_H

#include <postparse/postparse.h>

/* What an edit was asked to do, kept beside its byte ranges so that the
 * result can be checked against the intent, not against the ranges. */
typedef enum edit_op_kind {
    EDIT_OP_SET,
    EDIT_OP_DELETE,
    EDIT_OP_RENAME,
    EDIT_OP_APPEND,
    EDIT_OP_REMOVE
} edit_op_kind;

typedef struct edit_op {
    edit_op_kind kind;
    /* The entry of the front matter's mapping edited; SIZE_MAX: a new key
     * (set or append of an absent key), written after entry `after`
     * (SIZE_MAX: after the last). */
    size_t index, after;
    char *key;   /* the new key's name, or a rename's new name; else NULL */
    char *value; /* set, append, remove: the value as given; NUL after it */
    size_t value_len;
    unsigned flags; /* set: POSTPARSE_EDIT_STRING or _YAML */
} edit_op;

struct postparse_editor {
    postparse_allocator a;
    const postparse_doc *doc;
    const char *fm; /* the front matter text */
    size_t fm_len;
    uint64_t base;              /* its first byte's offset in the file */
    const postparse_value *map; /* NULL for empty front matter */
    const char *eol;            /* "\n" or "\r\n", the file's */
    postparse_edit *edits;      /* offsets in fm; text owned */
    size_t count, cap;
    edit_op *ops; /* in the order made, one per successful call */
    size_t op_count, op_cap;
};

/* Reads new_fm (the edited front matter text, opening line included) with
 * the project's loader and checks that it reads as the editor's front
 * matter, read the same way, with exactly the recorded ops applied: the
 * same entries in the same order, the edited ones as intended, every other
 * key and value the same typed value, and the text still closed where it
 * ends (so that the body, copied as read, stays the body).
 * POSTPARSE_OK, or POSTPARSE_ERR_EDIT_REFUSED with a message naming the
 * key and what would differ, or POSTPARSE_ERR_NOMEM. */
postparse_status postparse__edit_verify(const postparse_editor *editor,
                                        const char *new_fm, size_t new_len,
                                        postparse_error *error);

#endif
