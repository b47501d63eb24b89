/* SPDX-License-Identifier: MIT */
/* The document a parse leaves (include/postparse/doc.h): the parser's
 * results change hands in postparse_parser_take_doc (the arena, the
 * diagnostic list, the front matter and body buffers move; nothing is
 * copied but fixed-size structs), and the document lives in its own
 * arena, which postparse_doc_free gives back whole. */
#include "doc_state.h"

#include <string.h>

/* As the parser recycles its buffers on reset (parser.c). */
#define RECYCLE_BUFFER_MAX ((size_t)64 * 1024)

/* Diagnostics in file order: line, column, then the order found, which a
 * stable sort keeps. The list is nearly always sorted already (the split,
 * the YAML load and the body come in file order; only the post's rules at
 * the end point back into the front matter), so a check comes first. */
static bool before(const postparse_diagnostic *a, const postparse_diagnostic *b)
{
    return a->pos.line != b->pos.line ? a->pos.line < b->pos.line
                                      : a->pos.column < b->pos.column;
}

static void merge_sort(postparse_diagnostic *d, postparse_diagnostic *tmp,
                       size_t n)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    merge_sort(d, tmp, half);
    merge_sort(d + half, tmp, n - half);
    if (!before(&d[half], &d[half - 1]))
        return;
    memcpy(tmp, d, half * sizeof *d);
    size_t i = 0, j = half, o = 0;
    while (i < half && j < n)
        d[o++] = before(&d[j], &tmp[i]) ? d[j++] : tmp[i++];
    while (i < half)
        d[o++] = tmp[i++];
}

/* Insertion sort, stable, for when the merge's buffer cannot be had. */
static void insertion_sort(postparse_diagnostic *d, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        postparse_diagnostic x = d[i];
        size_t j = i;
        for (; j > 0 && before(&x, &d[j - 1]); j--)
            d[j] = d[j - 1];
        d[j] = x;
    }
}

static void sort_diagnostics(postparse_diagnostic *d, size_t n,
                             const postparse_allocator *a)
{
    size_t i = 1;
    while (i < n && !before(&d[i], &d[i - 1]))
        i++;
    if (i >= n)
        return;
    size_t half = n / 2 + 1;
    postparse_diagnostic *tmp = postparse__malloc(a, half * sizeof *tmp);
    if (!tmp) {
        insertion_sort(d, n);
        return;
    }
    merge_sort(d, tmp, n);
    postparse__free(a, tmp, half * sizeof *tmp);
}

postparse_doc *postparse_parser_take_doc(postparse_parser *p)
{
    if (!p)
        return NULL;
    if (p->in_callback) {
        postparse__parser_misuse(p, "take_doc called from inside a callback");
        return NULL;
    }
    if (!p->finished && !p->failed) {
        postparse__parser_misuse(p,
                                 "take_doc before the end of the input: call "
                                 "postparse_parser_finish() first");
        return NULL;
    }
    /* The document lives in the arena it takes over. */
    postparse_doc *doc = postparse__arena_alloc(&p->arena, sizeof *doc);
    if (!doc)
        return NULL;
    memset(doc, 0, sizeof *doc);
    doc->alloc = p->opt.allocator;
    doc->arena = p->arena;
    doc->arena.alloc = &doc->alloc;
    postparse__arena_init(&p->arena, &p->opt.allocator);

    doc->summary = p->summary;
    const char *path = p->pp.path_set ? p->pp.path : p->opt.path;
    if (path && !(doc->path = postparse__arena_strndup(&doc->arena, path,
                                                       strlen(path)))) {
        /* Back to the parser, which keeps its results. */
        p->arena = doc->arena;
        p->arena.alloc = &p->opt.allocator;
        return NULL;
    }
    doc->front_matter = p->fm_yaml.root;
    if (p->failed) {
        doc->error = p->error;
        doc->failed = true;
    }
    if (!p->failed && p->pp.post.ready) {
        doc->post = p->pp.post;
        /* The excerpt's work buffers stay with the parser (its reset frees
         * them); the derived fields all live in the arena. */
        postparse__excerpt *e = &doc->post.excerpt;
        memset(&e->head, 0, sizeof e->head);
        memset(&e->label, 0, sizeof e->label);
        memset(&e->defs, 0, sizeof e->defs);
        e->index = NULL;
        e->index_cap = 0;
        doc->post.arena = &doc->arena;
        doc->post.alloc = &doc->alloc;
        doc->post.diags = NULL;
        doc->has_post = true;
    }
    /* The text was delivered (a strict UTF-8 error in it stops the parse
     * before on_frontmatter_text). */
    if (p->summary.has_front_matter && p->fm_stage >= FM_LOAD) {
        doc->fm = p->split.fm;
        doc->fm_text_len = p->split.fm_text_len;
        doc->has_fm = true;
        /* The closing line follows the text: cut it off, so that the text
         * is NUL-terminated (nothing points past the text). */
        if (doc->fm.data)
            doc->fm.data[doc->fm_text_len] = '\0';
        /* The parser's next front matter gets a buffer of the same size in
         * one allocation when it comes, rather than growing one step by
         * step. */
        size_t cap = p->split.fm.cap;
        p->split.fm = (postparse__buffer){0};
        if (cap <= RECYCLE_BUFFER_MAX)
            p->split.fm.first_cap = cap;
    }
    if (p->opt.keep_body) {
        doc->body = p->body;
        doc->has_body = true;
        p->body = (postparse__buffer){0};
    }
    doc->diags = p->diags.items;
    doc->diag_count = p->diags.count;
    doc->diag_cap = p->diags.cap;
    p->diags.items = NULL;
    p->diags.count = p->diags.cap = 0;
    sort_diagnostics(doc->diags, doc->diag_count, &doc->alloc);

    postparse_parser_reset(p);
    return doc;
}

void postparse_doc_free(postparse_doc *doc)
{
    if (!doc)
        return;
    postparse_allocator a = doc->alloc;
    postparse__diag_list list;
    postparse__diag_list_init(&list, &a, 0);
    list.items = doc->diags;
    list.count = doc->diag_count;
    list.cap = doc->diag_cap;
    postparse__diag_list_clear(&list);
    postparse__buffer_free(&doc->fm, &a);
    postparse__buffer_free(&doc->body, &a);
    postparse__arena arena = doc->arena; /* holds doc itself */
    arena.alloc = &a;
    postparse__arena_free(&arena);
}

const postparse_post *postparse_doc_post(const postparse_doc *doc)
{
    return doc && doc->has_post ? &doc->post : NULL;
}

const postparse_value *postparse_doc_front_matter(const postparse_doc *doc)
{
    return doc ? doc->front_matter : NULL;
}

const char *postparse_doc_front_matter_text(const postparse_doc *doc,
                                            size_t *len)
{
    bool has = doc && doc->has_fm;
    if (len)
        *len = has ? doc->fm_text_len : 0;
    if (!has)
        return NULL;
    return doc->fm.data ? doc->fm.data : "";
}

const char *postparse_doc_body(const postparse_doc *doc, size_t *len)
{
    bool has = doc && doc->has_body;
    if (len)
        *len = has ? doc->body.len : 0;
    if (!has)
        return NULL;
    return doc->body.data ? doc->body.data : "";
}

size_t postparse_doc_diagnostic_count(const postparse_doc *doc)
{
    return doc ? doc->diag_count : 0;
}

const postparse_diagnostic *postparse_doc_diagnostic(const postparse_doc *doc,
                                                     size_t i)
{
    return doc && i < doc->diag_count ? &doc->diags[i] : NULL;
}

const postparse_summary *postparse_doc_summary(const postparse_doc *doc)
{
    return doc ? &doc->summary : NULL;
}

const postparse_error *postparse_doc_error(const postparse_doc *doc)
{
    return doc && doc->failed ? &doc->error : NULL;
}
