/* SPDX-License-Identifier: MIT */
/* Edits every file of a corpus (the shared one beside the project) in
 * memory and checks the guarantee of <postparse/edit.h>: no edit gives the
 * file back byte for byte; each edit (set title, append a tag, delete
 * comments, rename author) changes only its key in the typed front matter
 * read back, keeps the other keys in order and the body, and changes only
 * its own lines. Prints how often each edit applied and why it was
 * refused. usage: edit-corpus DIR (exit 77 when DIR is absent). */
#define _XOPEN_SOURCE 700
#include <postparse/postparse.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem_sink.h"

enum { E_NONE, E_TITLE, E_TAG, E_COMMENTS, E_AUTHOR, E_COUNT };
static const char *const names[E_COUNT] = {"no edit", "set title", "append tag",
                                           "delete comments", "rename author"};
static unsigned applied[E_COUNT], failures;
#define MAX_REASONS 32
static struct {
    char text[256];
    unsigned n;
} reasons[E_COUNT][MAX_REASONS];

static void refused(int e, const char *why)
{
    for (int i = 0; i < MAX_REASONS; i++) {
        if (!reasons[e][i].n || strcmp(reasons[e][i].text, why) == 0) {
            snprintf(reasons[e][i].text, sizeof reasons[e][i].text, "%s", why);
            reasons[e][i].n++;
            return;
        }
    }
}

static void bad(const char *path, int e, const char *what)
{
    fprintf(stderr, "%s: %s: %s\n", path, names[e], what);
    failures++;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    mem m = {0};
    char buf[65536];
    size_t n;
    if (!f)
        return NULL;
    to_mem(&m, "", 0);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        to_mem(&m, buf, n);
    fclose(f);
    *len = m.len;
    return m.p;
}

/* Lines that differ once the common first and last lines are set aside. */
static void changed_lines(const char *a, size_t al, const char *b, size_t bl,
                          unsigned *na, unsigned *nb)
{
    size_t p = 0, s = 0;
    while (p < al && p < bl && a[p] == b[p])
        p++;
    while (p > 0 && a[p - 1] != '\n')
        p--;
    while (s < al - p && s < bl - p && a[al - 1 - s] == b[bl - 1 - s])
        s++;
    while (s > 0 && a[al - s - 1] != '\n')
        s--;
    *na = *nb = 0;
    for (size_t i = p; i < al - s; i++)
        *na += a[i] == '\n';
    for (size_t i = p; i < bl - s; i++)
        *nb += b[i] == '\n';
}

/* The old front matter minus key against the new minus new_key, in order;
 * the edited key's value checked by the caller. */
static bool same_except(const postparse_value *o, const char *key,
                        const postparse_value *n, const char *new_key)
{
    size_t i = 0, j = 0, ol = postparse_value_length(o),
           nl = postparse_value_length(n);
    for (;;) {
        while (i < ol && key &&
               strcmp(postparse_value_string(postparse_value_key_at(o, i), NULL)
                          ? postparse_value_string(postparse_value_key_at(o, i),
                                                   NULL)
                          : "",
                      key) == 0)
            i++;
        while (j < nl && new_key &&
               strcmp(postparse_value_string(postparse_value_key_at(n, j), NULL)
                          ? postparse_value_string(postparse_value_key_at(n, j),
                                                   NULL)
                          : "",
                      new_key) == 0)
            j++;
        if (i == ol || j == nl)
            return i == ol && j == nl;
        char *a = json(postparse_value_key_at(o, i)),
             *b = json(postparse_value_key_at(n, j));
        char *c = json(postparse_value_value_at(o, i)),
             *d = json(postparse_value_value_at(n, j));
        bool eq = strcmp(a, b) == 0 && strcmp(c, d) == 0;
        free(a), free(b), free(c), free(d);
        if (!eq)
            return false;
        i++, j++;
    }
}

static const char title[] = "Edited: a title";
static const char tag[] = "postparse-edit";

static void one_edit(const char *path, const char *data, size_t len,
                     const postparse_doc *doc, int e)
{
    postparse_error err;
    const postparse_value *fm = postparse_doc_front_matter(doc);
    if (e == E_COMMENTS && !postparse_value_get(fm, "comments", 8))
        return;
    if (e == E_AUTHOR && !postparse_value_get(fm, "author", 6))
        return;
    postparse_editor *ed = postparse_editor_new(doc, NULL, &err);
    postparse_status st = ed ? POSTPARSE_OK : err.code;
    if (st == POSTPARSE_OK) {
        if (e == E_TITLE)
            st = postparse_editor_set(ed, "title", title, strlen(title), 0,
                                      NULL, &err);
        else if (e == E_TAG)
            st = postparse_editor_append(ed, "tags", tag, strlen(tag), &err);
        else if (e == E_COMMENTS)
            st = postparse_editor_delete(ed, "comments", &err);
        else if (e == E_AUTHOR)
            st = postparse_editor_rename(ed, "author", "authors", &err);
    }
    mem out = {0};
    if (st == POSTPARSE_OK)
        st = postparse_editor_write_file(ed, path, to_mem, &out, &err);
    postparse_editor_free(ed);
    if (st != POSTPARSE_OK) {
        if (st != POSTPARSE_ERR_EDIT_REFUSED)
            bad(path, e, err.message);
        refused(e, err.message);
        free(out.p);
        return;
    }
    applied[e]++;
    if (!out.p)
        to_mem(&out, "", 0);
    if (e == E_NONE) {
        if (out.len != len || memcmp(out.p, data, len) != 0)
            bad(path, e, "not byte-identical");
        free(out.p);
        return;
    }
    postparse_options o;
    postparse_options_init(&o);
    o.path = path;
    postparse_doc *nd = postparse_read_buffer(out.p, out.len, &o, NULL);
    const postparse_value *nfm = postparse_doc_front_matter(nd);
    unsigned na, nb;
    changed_lines(data, len, out.p, out.len, &na, &nb);
    const postparse_value *ov, *nv;
    char *a, *b;
    switch (e) {
    case E_TITLE:
        if (!same_except(fm, "title", nfm, "title") ||
            strcmp(postparse_value_get_cstr(nfm, "title")
                       ? postparse_value_get_cstr(nfm, "title")
                       : "",
                   title) != 0)
            bad(path, e, "typed front matter differs");
        if (na > 1 || nb != 1)
            bad(path, e, "more lines changed than the title's");
        break;
    case E_TAG:
        ov = postparse_value_get(fm, "tags", 4);
        nv = postparse_value_get(nfm, "tags", 4);
        if (!same_except(fm, "tags", nfm, "tags") ||
            postparse_value_length(nv) != postparse_value_length(ov) + 1 ||
            strcmp(
                postparse_value_string(
                    postparse_value_index(nv, postparse_value_length(ov)), NULL)
                    ? postparse_value_string(
                          postparse_value_index(nv, postparse_value_length(ov)),
                          NULL)
                    : "",
                tag) != 0)
            bad(path, e, "typed front matter differs");
        for (size_t i = 0; i < postparse_value_length(ov); i++) {
            a = json(postparse_value_index(ov, i));
            b = json(postparse_value_index(nv, i));
            if (strcmp(a, b) != 0)
                bad(path, e, "an old tag changed");
            free(a), free(b);
        }
        if (na > 1 || nb != 1)
            bad(path, e, "more lines changed than the tag's");
        break;
    case E_COMMENTS:
        if (!same_except(fm, "comments", nfm, NULL) ||
            postparse_value_get(nfm, "comments", 8))
            bad(path, e, "typed front matter differs");
        if (nb != 0)
            bad(path, e, "lines added");
        break;
    case E_AUTHOR:
        a = json(postparse_value_get(fm, "author", 6));
        b = json(postparse_value_get(nfm, "authors", 7));
        if (!same_except(fm, "author", nfm, "authors") || strcmp(a, b) != 0 ||
            postparse_value_get(nfm, "author", 6))
            bad(path, e, "typed front matter differs");
        free(a), free(b);
        if (na != 1 || nb != 1)
            bad(path, e, "more lines changed than the key's");
        break;
    }
    /* The body: everything after the front matter, byte for byte. */
    const postparse_summary *os = postparse_doc_summary(doc),
                            *ns = postparse_doc_summary(nd);
    if (!ns ||
        os->input_bytes - os->body_pos.offset !=
            ns->input_bytes - ns->body_pos.offset ||
        memcmp(data + os->body_pos.offset, out.p + ns->body_pos.offset,
               (size_t)(os->input_bytes - os->body_pos.offset)) != 0)
        bad(path, e, "body changed");
    postparse_doc_free(nd);
    free(out.p);
}

static unsigned files;

static int visit(const char *path, const struct stat *sb, int flag,
                 struct FTW *ftw)
{
    (void)sb, (void)ftw;
    if (flag != FTW_F)
        return 0;
    size_t len;
    char *data = slurp(path, &len);
    if (!data)
        return 0;
    files++;
    postparse_options o;
    postparse_options_init(&o);
    postparse_doc *doc = postparse_read_file(path, &o, NULL);
    if (doc)
        for (int e = 0; e < E_COUNT; e++)
            one_edit(path, data, len, doc, e);
    postparse_doc_free(doc);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: edit-corpus DIR\n");
        return 2;
    }
    struct stat sb;
    if (stat(argv[1], &sb) != 0) {
        printf("%s absent: skipped\n", argv[1]);
        return 77;
    }
    nftw(argv[1], visit, 16, FTW_PHYS);
    printf("%u files\n", files);
    for (int e = 0; e < E_COUNT; e++) {
        printf("%s: applied %u\n", names[e], applied[e]);
        for (int i = 0; i < MAX_REASONS && reasons[e][i].n; i++)
            printf("  refused %u: %s\n", reasons[e][i].n, reasons[e][i].text);
    }
    printf("%u failures\n", failures);
    return failures ? 1 : 0;
}
