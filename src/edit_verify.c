/* SPDX-License-Identifier: MIT */
/* The editor's safety net (edit_state.h): before a new file is written, its
 * front matter is read again by the project's own loader and compared, as
 * typed values, with the original front matter read the same way and the
 * intended edits applied. The byte edits are found by rules about YAML text
 * (edit_front_matter.c); a rule that misses a case (a fuzzer finds them)
 * then refuses instead of writing a file that reads differently. Only the
 * front matter is read again: the body is streamed as before. */
#include <string.h>

#include "alloc.h"
#include "buffer.h"
#include "diagnostics.h"
#include "edit_state.h"

#define REFUSED_PREFIX "the edited front matter would read differently: "

/* The document read from prefix, text and suffix with the default options
 * (those the editor's quoting decisions are made with) but a front matter
 * limit that fits; NULL when out of memory (also inside the read). */
static postparse_doc *read_text(const postparse_editor *ed, const char *prefix,
                                const char *text, size_t len,
                                const char *suffix)
{
    size_t pl = strlen(prefix), sl = strlen(suffix);
    if (len > SIZE_MAX - pl - sl - 1)
        return NULL;
    size_t n = pl + len + sl;
    char *buf = postparse__malloc(&ed->a, n);
    if (!buf)
        return NULL;
    memcpy(buf, prefix, pl);
    memcpy(buf + pl, text, len);
    memcpy(buf + pl + len, suffix, sl);
    postparse_options o;
    postparse_options_init(&o);
    o.allocator = ed->a;
    if (o.max_frontmatter_bytes < n + 64)
        o.max_frontmatter_bytes = n + 64;
    postparse_doc *d = postparse_read_buffer(buf, n, &o, NULL);
    postparse__free(&ed->a, buf, n);
    /* A read that ran out of memory says nothing about the edit. */
    if (d && postparse_doc_error(d) &&
        postparse_doc_error(d)->code == POSTPARSE_ERR_NOMEM) {
        postparse_doc_free(d);
        return NULL;
    }
    return d;
}

/* ---- typed values compared as `postparse dump` writes them ------------- */

/* Appends to a postparse__buffer on the editor's allocator. */
typedef struct json_buf {
    const postparse_allocator *a;
    postparse__buffer b;
} json_buf;

static bool json_put(void *ud, const char *s, size_t n)
{
    json_buf *j = ud;
    return postparse__buffer_append(&j->b, j->a, s, n);
}

/* Compares the JSON written with the bytes of a json_buf, as it comes. */
typedef struct json_cmp {
    const json_buf *want;
    size_t at;
    bool differs;
} json_cmp;

static bool json_compare(void *ud, const char *s, size_t n)
{
    json_cmp *c = ud;
    if (c->differs || n > c->want->b.len - c->at ||
        memcmp(c->want->b.data + c->at, s, n) != 0) {
        c->differs = true;
        return false;
    }
    c->at += n;
    return true;
}

enum { DIFFERENT = 0, SAME = 1, NO_MEMORY = -1 };

/* Do a and b (either may be NULL) have the same typed JSON? */
static int same_value(const postparse_editor *ed, const postparse_value *a,
                      const postparse_value *b)
{
    json_buf want = {&ed->a, {0}};
    json_cmp c = {&want, 0, false};
    int r = NO_MEMORY;
    /* write_json is false only when json_put is: out of memory. */
    if (postparse_value_write_json(a, POSTPARSE_JSON_TYPED, json_put, &want)) {
        postparse_value_write_json(b, POSTPARSE_JSON_TYPED, json_compare, &c);
        r = !c.differs && c.at == want.b.len ? SAME : DIFFERENT;
    }
    postparse__buffer_free(&want.b, &ed->a);
    return r;
}

/* An untagged string with exactly these bytes. */
static bool is_string(const postparse_value *v, const char *s, size_t n)
{
    size_t l;
    const char *t = postparse_value_string(v, &l);
    return postparse_value_kind_of(v) == POSTPARSE_VALUE_STRING &&
           !postparse_value_tag(v) && t && l == n && memcmp(t, s, n) == 0;
}

/* ---- the comparison ---------------------------------------------------- */

typedef struct check {
    const postparse_editor *ed;
    const postparse_value *old_map, *new_map; /* the two reads */
    size_t next;                              /* entries of new_map seen */
    postparse_error *error;
} check;

/* Refuses, naming key, saying what would differ, and showing what the
 * new front matter would read there (got; NULL: nothing to show), its JSON
 * cut to fit a message. */
static postparse_status refuse(check *c, const char *key,
                               const postparse_value *got, const char *what)
{
    if (!got)
        return postparse__error_set(c->error, POSTPARSE_ERR_EDIT_REFUSED,
                                    REFUSED_PREFIX "key '%s' %s", key, what);
    json_buf j = {&c->ed->a, {0}};
    postparse_value_write_json(got, POSTPARSE_JSON_TYPED, json_put, &j);
    size_t n = j.b.len > 80 ? 80 : j.b.len;
    postparse__error_set(c->error, POSTPARSE_ERR_EDIT_REFUSED,
                         REFUSED_PREFIX "key '%s' %s (it would read %.*s%s)",
                         key, what, (int)n, j.b.data ? j.b.data : "",
                         j.b.len > n ? "..." : "");
    postparse__buffer_free(&j.b, &c->ed->a);
    return POSTPARSE_ERR_EDIT_REFUSED;
}

static postparse_status nomem(check *c)
{
    return postparse__error_set(c->error, POSTPARSE_ERR_NOMEM, "out of memory");
}

static const char *key_name(const postparse_value *k)
{
    const char *s = postparse_value_text(k, NULL);
    return s ? s : "?";
}

/* The next entry of the new front matter, expected with key name. */
static postparse_status next_entry(check *c, const char *name,
                                   const postparse_value **key,
                                   const postparse_value **value)
{
    if (c->next >= postparse_value_length(c->new_map))
        return refuse(c, name, NULL, "would be missing");
    *key = postparse_value_key_at(c->new_map, c->next);
    *value = postparse_value_value_at(c->new_map, c->next);
    c->next++;
    return POSTPARSE_OK;
}

/* A set: the string given, or what the YAML text given reads as alone. */
static postparse_status check_set(check *c, const char *name, const edit_op *op,
                                  const postparse_value *v)
{
    if (!(op->flags & POSTPARSE_EDIT_YAML))
        return is_string(v, op->value, op->value_len)
                   ? POSTPARSE_OK
                   : refuse(c, name, v, "would not hold the string set");
    postparse_doc *d =
        read_text(c->ed, "---\nk: ", op->value, op->value_len, "\n---\n");
    if (!d)
        return nomem(c);
    const postparse_value *m = postparse_doc_front_matter(d);
    int same = postparse_value_length(m) == 1
                   ? same_value(c->ed, postparse_value_value_at(m, 0), v)
                   : DIFFERENT;
    postparse_doc_free(d);
    if (same == NO_MEMORY)
        return nomem(c);
    return same == SAME ? POSTPARSE_OK
                        : refuse(c, name, v, "would not hold the value set");
}

/* Is item removed by one of entry i's remove ops? */
static bool removed(const postparse_editor *ed, size_t i,
                    const postparse_value *item)
{
    for (size_t k = 0; k < ed->op_count; k++) {
        const edit_op *op = &ed->ops[k];
        if (op->index == i && op->kind == EDIT_OP_REMOVE &&
            is_string(item, op->value, op->value_len))
            return true;
    }
    return false;
}

/* A list edited by appends and removes: the old items less the removed
 * ones, in order, then the appended strings in the order made. old is NULL
 * for a new key. */
static postparse_status check_list(check *c, const char *name, size_t i,
                                   const postparse_value *old,
                                   const postparse_value *v)
{
    if (postparse_value_kind_of(v) != POSTPARSE_VALUE_SEQUENCE ||
        postparse_value_tag(v))
        return refuse(c, name, v, "would not hold a list");
    size_t at = 0, n = postparse_value_length(v);
    const char *what = "would not hold the list's items with the edit made";
    for (size_t k = 0; k < postparse_value_length(old); k++) {
        const postparse_value *it = postparse_value_index(old, k);
        if (removed(c->ed, i, it))
            continue;
        if (at == n)
            return refuse(c, name, v, what);
        int same = same_value(c->ed, it, postparse_value_index(v, at++));
        if (same != SAME)
            return same == NO_MEMORY ? nomem(c) : refuse(c, name, v, what);
    }
    for (size_t k = 0; k < c->ed->op_count; k++) {
        const edit_op *op = &c->ed->ops[k];
        if (op->kind != EDIT_OP_APPEND || op->index != i)
            continue;
        if (at == n || !is_string(postparse_value_index(v, at++), op->value,
                                  op->value_len))
            return refuse(c, name, v, what);
    }
    return at == n ? POSTPARSE_OK : refuse(c, name, v, what);
}

/* Original entry i: its ops folded, then compared with the next entry. */
static postparse_status check_entry(check *c, size_t i)
{
    const postparse_editor *ed = c->ed;
    const postparse_value *ok = postparse_value_key_at(c->old_map, i);
    const postparse_value *ov = postparse_value_value_at(c->old_map, i);
    const char *name = key_name(ok);
    const edit_op *set = NULL, *rename = NULL;
    bool deleted = false, list = false;
    for (size_t k = 0; k < ed->op_count; k++) {
        const edit_op *op = &ed->ops[k];
        if (op->index != i)
            continue;
        deleted |= op->kind == EDIT_OP_DELETE;
        if (op->kind == EDIT_OP_RENAME)
            rename = op;
        if (op->kind == EDIT_OP_SET)
            set = op;
        list |= op->kind == EDIT_OP_APPEND || op->kind == EDIT_OP_REMOVE;
    }
    if (deleted)
        return POSTPARSE_OK; /* nothing expected: a leftover shows later */
    const postparse_value *nk, *nv;
    postparse_status st = next_entry(c, rename ? rename->key : name, &nk, &nv);
    if (st != POSTPARSE_OK)
        return st;
    if (rename) {
        if (!is_string(nk, rename->key, strlen(rename->key)))
            return refuse(c, rename->key, nk, "would not be the new name");
    } else {
        int same = same_value(ed, ok, nk);
        if (same != SAME)
            return same == NO_MEMORY ? nomem(c)
                                     : refuse(c, name, nk, "would change");
    }
    name = rename ? rename->key : name;
    if (set && list)
        return refuse(c, name, NULL,
                      "is both set and edited as a list: the result is "
                      "not one of them");
    if (set)
        return check_set(c, name, set, nv);
    if (list)
        return check_list(
            c, name, i,
            postparse_value_kind_of(ov) == POSTPARSE_VALUE_NULL ? NULL : ov,
            nv);
    int same = same_value(ed, ov, nv);
    if (same == NO_MEMORY)
        return nomem(c);
    return same == SAME ? POSTPARSE_OK
                        : refuse(c, name, nv, "(not edited) would change");
}

/* A key added by op: its name and the value set or the one item. */
static postparse_status check_added(check *c, const edit_op *op)
{
    const postparse_value *nk, *nv;
    postparse_status st = next_entry(c, op->key, &nk, &nv);
    if (st != POSTPARSE_OK)
        return st;
    if (!is_string(nk, op->key, strlen(op->key)))
        return refuse(c, op->key, nk, "would not be the key added");
    if (op->kind == EDIT_OP_SET)
        return check_set(c, op->key, op, nv);
    if (postparse_value_length(nv) != 1 ||
        postparse_value_kind_of(nv) != POSTPARSE_VALUE_SEQUENCE ||
        postparse_value_tag(nv) ||
        !is_string(postparse_value_index(nv, 0), op->value, op->value_len))
        return refuse(c, op->key, nv, "would not hold the one item added");
    return POSTPARSE_OK;
}

/* Duplicate key diagnostics of a read. */
static size_t duplicates(const postparse_doc *d, const char **key)
{
    size_t n = 0;
    for (size_t i = 0; i < postparse_doc_diagnostic_count(d); i++) {
        const postparse_diagnostic *g = postparse_doc_diagnostic(d, i);
        if (g->id == POSTPARSE_DIAG_YAML_DUPLICATE_KEY) {
            n++;
            *key = g->key ? g->key : "?";
        }
    }
    return n;
}

/* The reads are made; everything compared. */
static postparse_status compare(check *c, const postparse_doc *od,
                                const postparse_doc *nd, const char *new_fm,
                                size_t new_len)
{
    const postparse_editor *ed = c->ed;
    size_t tl = 0;
    const char *t = postparse_doc_front_matter_text(nd, &tl);
    if (postparse_doc_error(nd))
        return postparse__error_set(c->error, POSTPARSE_ERR_EDIT_REFUSED,
                                    REFUSED_PREFIX "the loader would stop: %s",
                                    postparse_doc_error(nd)->message);
    if (!t || tl != new_len || memcmp(t, new_fm, tl) != 0) {
        size_t line = 1;
        for (size_t i = 0; t && i < tl && i < new_len; i++)
            line += new_fm[i] == '\n';
        return postparse__error_set(
            c->error, POSTPARSE_ERR_EDIT_REFUSED,
            REFUSED_PREFIX "it would %s (line %zu of the front matter), so "
                           "the rest would become the body",
            t ? "be closed early" : "not be front matter", line);
    }
    const char *dup = NULL, *unused;
    if (duplicates(nd, &dup) > duplicates(od, &unused))
        return postparse__error_set(c->error, POSTPARSE_ERR_EDIT_REFUSED,
                                    REFUSED_PREFIX "key '%s' would be written "
                                                   "twice",
                                    dup);
    /* The original, read the same way, must be what the editor placed its
     * edits on (a document read with other options may differ). */
    size_t n = postparse_value_length(ed->map);
    if (postparse_value_length(c->old_map) != n ||
        (n && postparse_value_kind_of(c->old_map) != POSTPARSE_VALUE_MAPPING))
        return postparse__error_set(
            c->error, POSTPARSE_ERR_EDIT_REFUSED,
            "the front matter reads differently with the default options "
            "than in the document: edits are checked with them");
    postparse_value_kind nk = postparse_value_kind_of(c->new_map);
    if (c->new_map && nk != POSTPARSE_VALUE_MAPPING) {
        const postparse_jekyll_error *je =
            postparse_post_jekyll_error(postparse_doc_post(nd));
        return postparse__error_set(c->error, POSTPARSE_ERR_EDIT_REFUSED,
                                    REFUSED_PREFIX
                                    "it would be a %s, not a mapping%s%s",
                                    postparse_value_kind_name(nk),
                                    je ? ": " : "", je ? je->message : "");
    }
    if (!c->new_map) {
        /* A YAML error, or every key deleted (then null is right). */
        const postparse_jekyll_error *je =
            postparse_post_jekyll_error(postparse_doc_post(nd));
        if (je && (je->error_class == POSTPARSE_RUBY_PSYCH_SYNTAX_ERROR ||
                   je->error_class == POSTPARSE_RUBY_PSYCH_BAD_ALIAS ||
                   je->error_class == POSTPARSE_RUBY_PSYCH_DISALLOWED_CLASS))
            return postparse__error_set(c->error, POSTPARSE_ERR_EDIT_REFUSED,
                                        REFUSED_PREFIX "%s", je->message);
    }
    /* Entries in file order: each original one, then the keys added
     * after it in the order made (the editor inserts them at the end of
     * its lines, in that order); keys added to an empty front matter
     * first. after == SIZE_MAX means after the last entry. */
    for (size_t a = 0; a <= n; a++) {
        if (a > 0) {
            postparse_status st = check_entry(c, a - 1);
            if (st != POSTPARSE_OK)
                return st;
        }
        for (size_t k = 0; k < ed->op_count; k++) {
            const edit_op *op = &ed->ops[k];
            size_t anchor = op->after == SIZE_MAX ? n : op->after + 1;
            if (op->index != SIZE_MAX || anchor != a)
                continue;
            postparse_status st = check_added(c, op);
            if (st != POSTPARSE_OK)
                return st;
        }
    }
    if (c->next < postparse_value_length(c->new_map)) {
        const postparse_value *k = postparse_value_key_at(c->new_map, c->next);
        return refuse(c, key_name(k), NULL,
                      "would appear, from no edit (the edit would be read "
                      "as more entries)");
    }
    return POSTPARSE_OK;
}

postparse_status postparse__edit_verify(const postparse_editor *ed,
                                        const char *new_fm, size_t new_len,
                                        postparse_error *error)
{
    if (ed->op_count == 0)
        return POSTPARSE_OK; /* the output is the input */
    postparse_doc *od = read_text(ed, "", ed->fm, ed->fm_len, "---\n");
    postparse_doc *nd = od ? read_text(ed, "", new_fm, new_len, "---\n") : NULL;
    postparse_status st;
    if (!od || !nd) {
        st = postparse__error_set(error, POSTPARSE_ERR_NOMEM, "out of memory");
    } else {
        check c = {ed, postparse_doc_front_matter(od),
                   postparse_doc_front_matter(nd), 0, error};
        st = compare(&c, od, nd, new_fm, new_len);
    }
    postparse_doc_free(nd);
    postparse_doc_free(od);
    return st;
}
