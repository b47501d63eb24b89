/* SPDX-License-Identifier: MIT */
/* Lossless edits (<postparse/edit.h>): the input is a post; the flags'
 * bits 0-1 choose the edit (set title, append to tags, delete the first key,
 * rename the first key) and bit 2 whether the value needs quoting. The edit
 * is refused (POSTPARSE_ERR_EDIT_REFUSED) or the new file, read again, has
 * the same typed front matter but for the edited key, in the same order,
 * the intended value there and the same body bytes. */
#include <stdlib.h>
#include <string.h>

#include <postparse/postparse.h>

#include "fuzz_input.h"
#include "mem_sink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool key_is(const postparse_value *k, const char *name)
{
    const char *s = postparse_value_string(k, NULL);
    return name && postparse_value_kind_of(k) == POSTPARSE_VALUE_STRING && s &&
           strcmp(s, name) == 0;
}

/* old minus key against new minus new_key, entry by entry. */
static void check_others(const postparse_value *o, const char *key,
                         const postparse_value *n, const char *new_key)
{
    size_t i = 0, j = 0, ol = postparse_value_length(o),
           nl = postparse_value_length(n);
    for (;;) {
        while (i < ol && key_is(postparse_value_key_at(o, i), key))
            i++;
        while (j < nl && key_is(postparse_value_key_at(n, j), new_key))
            j++;
        if (i == ol || j == nl) {
            CHECK(i == ol && j == nl);
            return;
        }
        char *a = json(postparse_value_key_at(o, i));
        char *b = json(postparse_value_key_at(n, j));
        char *c = json(postparse_value_value_at(o, i));
        char *d = json(postparse_value_value_at(n, j));
        CHECK(strcmp(a, b) == 0 && strcmp(c, d) == 0);
        free(a), free(b), free(c), free(d);
        i++, j++;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    fuzz_input_split(&in, data, size);
    postparse_doc *doc = postparse_read_buffer(in.doc, in.doc_len, NULL, NULL);
    if (!doc)
        return 0;
    postparse_error err;
    postparse_editor *ed = postparse_editor_new(doc, NULL, &err);
    if (!ed) {
        CHECK(err.code == POSTPARSE_ERR_EDIT_REFUSED ||
              err.code == POSTPARSE_ERR_NOMEM);
        postparse_doc_free(doc);
        return 0;
    }
    const postparse_value *fm = postparse_doc_front_matter(doc);
    const char *value = (in.flags & 4) ? "yes: #1" : "new title";
    int op = (int)in.flags & 3;
    char first[64] = "";
    const char *fk =
        postparse_value_string(postparse_value_key_at(fm, 0), NULL);
    if (fk && strlen(fk) < sizeof first &&
        postparse_value_kind_of(postparse_value_key_at(fm, 0)) ==
            POSTPARSE_VALUE_STRING)
        strcpy(first, fk);
    postparse_status st;
    const char *key = NULL, *new_key = NULL;
    switch (op) {
    case 0:
        key = new_key = "title";
        st = postparse_editor_set(ed, key, value, strlen(value), 0, NULL, &err);
        break;
    case 1:
        key = new_key = "tags";
        st = postparse_editor_append(ed, key, value, strlen(value), &err);
        break;
    case 2:
        key = first;
        st = postparse_editor_delete(ed, key, &err);
        break;
    default:
        key = first;
        new_key = "renamed-key";
        st = postparse_editor_rename(ed, key, new_key, &err);
        break;
    }
    mem out = {0};
    if (st == POSTPARSE_OK)
        st = postparse_editor_write_buffer(ed, in.doc, in.doc_len, to_mem, &out,
                                           &err);
    CHECK(st == POSTPARSE_OK || st == POSTPARSE_ERR_EDIT_REFUSED ||
          st == POSTPARSE_ERR_NOMEM);
    if (st == POSTPARSE_OK) {
        to_mem(&out, "", 0);
        postparse_doc *nd = postparse_read_buffer(out.p, out.len, NULL, NULL);
        CHECK(nd != NULL && postparse_doc_error(nd) == NULL);
        const postparse_value *nfm = postparse_doc_front_matter(nd);
        check_others(fm, key, nfm, new_key);
        const postparse_value *nv = postparse_value_get(
            nfm, new_key ? new_key : "", new_key ? strlen(new_key) : 0);
        if (op == 0) {
            const char *s = postparse_value_get_cstr(nfm, "title");
            CHECK(s && strcmp(s, value) == 0);
        } else if (op == 1) {
            const postparse_value *ov = postparse_value_get(fm, "tags", 4);
            size_t n = postparse_value_length(ov);
            CHECK(postparse_value_length(nv) == n + 1);
            const char *s =
                postparse_value_string(postparse_value_index(nv, n), NULL);
            CHECK(s && strcmp(s, value) == 0);
        } else if (op == 2) {
            CHECK(postparse_value_get(nfm, key, strlen(key)) == NULL);
        } else {
            char *a = json(postparse_value_get(fm, key, strlen(key)));
            char *b = json(nv);
            CHECK(strcmp(a, b) == 0);
            free(a), free(b);
        }
        const postparse_summary *os = postparse_doc_summary(doc),
                                *ns = postparse_doc_summary(nd);
        uint64_t ob = os->input_bytes - os->body_pos.offset;
        CHECK(ob == ns->input_bytes - ns->body_pos.offset);
        CHECK(memcmp(in.doc + os->body_pos.offset, out.p + ns->body_pos.offset,
                     (size_t)ob) == 0);
        postparse_doc_free(nd);
    }
    free(out.p);
    postparse_editor_free(ed);
    postparse_doc_free(doc);
    return 0;
}
