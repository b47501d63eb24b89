/* SPDX-License-Identifier: MIT */
/* Lossless edits of a document's top-level front matter keys
 * (<postparse/edit.h>, docs/edit.md). Every edit is a byte range of the
 * front matter text found from the value tree's positions and checked
 * against the text; whatever the edit would have to guess about (anchors,
 * merges, block scalars, duplicates) is refused instead. */
#include <postparse/postparse.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "base_array.h"
#include "base_ctype.h"
#include "diagnostics.h"
#include "edit_span.h"
#include "edit_state.h"

#define FILE_CHUNK_BYTES ((size_t)64 * 1024)
#define MAX_EDITS 256


static size_t line_start(const char *t, size_t at)
{
    while (at > 0 && !postparse__is_break(t[at - 1]))
        at--;
    return at;
}

static size_t line_end(const char *t, size_t len, size_t at)
{
    while (at < len && !postparse__is_break(t[at]))
        at++;
    return at;
}

static size_t next_line(const char *t, size_t len, size_t at)
{
    at = line_end(t, len, at);
    if (at < len && t[at] == '\r')
        at++;
    if (at < len && t[at] == '\n')
        at++;
    return at;
}

/* Only blanks, then the end of the line or a comment. */
static bool rest_is_empty(const char *t, size_t len, size_t at)
{
    while (at < len && postparse__is_blank(t[at]))
        at++;
    return at >= len || postparse__is_break(t[at]) || t[at] == '#';
}

static size_t count_lines(const char *t, size_t at)
{
    size_t n = 0;
    for (size_t i = 0; i < at; i = next_line(t, at, i))
        n++;
    return n;
}

/* ---- what the loader reads --------------------------------------------- */

/* The one value under the one key of "---\n<yaml>\n---\n" when the loader
 * reads it without error; NULL otherwise. */
static postparse_doc *load(const char *prefix, const char *text, size_t len,
                           const char *suffix, const postparse_value **out)
{
    size_t pl = strlen(prefix), sl = strlen(suffix);
    if (len > 4096)
        return NULL;
    char buf[4096 + 64];
    memcpy(buf, prefix, pl);
    memcpy(buf + pl, text, len);
    memcpy(buf + pl + len, suffix, sl);
    postparse_doc *d = postparse_read_buffer(buf, pl + len + sl, NULL, NULL);
    const postparse_post *post = postparse_doc_post(d);
    const postparse_value *m = postparse_doc_front_matter(d);
    if (!d || postparse_doc_error(d) || !post ||
        postparse_value_kind_of(m) != POSTPARSE_VALUE_MAPPING ||
        postparse_value_length(m) != 1) {
        postparse_doc_free(d);
        return NULL;
    }
    *out = m;
    return d;
}

/* Does the loader read text (as a value, a flow item or a key) as exactly
 * this string? */
enum { AS_VALUE, AS_ITEM, AS_KEY };
static bool reads_as(const char *text, size_t len, const char *s, size_t slen,
                     int as)
{
    const postparse_value *m, *v;
    postparse_doc *d;
    if (as == AS_KEY)
        d = load("---\n", text, len, ": 1\n---\n", &m);
    else
        d = load(as == AS_ITEM ? "---\nk: [" : "---\nk: ", text, len,
                 as == AS_ITEM ? "]\n---\n" : "\n---\n", &m);
    if (!d)
        return false;
    v = as == AS_KEY ? postparse_value_key_at(m, 0)
                     : postparse_value_value_at(m, 0);
    if (as == AS_ITEM) {
        if (postparse_value_length(v) != 1)
            v = NULL;
        v = postparse_value_index(v, 0);
    }
    size_t vl;
    const char *vs = postparse_value_string(v, &vl);
    bool ok = postparse_value_kind_of(v) == POSTPARSE_VALUE_STRING &&
              !postparse_value_tag(v) && vs && vl == slen &&
              memcmp(vs, s, slen) == 0;
    postparse_doc_free(d);
    return ok;
}

/* A growing output string. */
typedef struct out_buf {
    const postparse_allocator *a;
    char *p;
    size_t len, cap;
    bool nomem;
} out_buf;

static void put(out_buf *o, const char *s, size_t n)
{
    if (o->nomem)
        return;
    if (o->len + n + 1 > o->cap) {
        void *p = o->p;
        if (!postparse__array_grow(o->a, &p, &o->cap, o->len, o->len + n + 1, 1,
                                   64, NULL)) {
            o->nomem = true;
            return;
        }
        o->p = p;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void puts_(out_buf *o, const char *s)
{
    put(o, s, strlen(s));
}

static void out_free(out_buf *o)
{
    if (o->p)
        postparse__free(o->a, o->p, o->cap);
    o->p = NULL;
    o->len = o->cap = 0;
}

/* s written as a YAML scalar: plain when the loader reads it back as s,
 * else quoted with quote (' or "), checked the same way. */
static postparse_status render(out_buf *o, const char *s, size_t n, int as,
                               char quote, postparse_error *error)
{
    size_t start = o->len;
    /* A value written quoted keeps its quotes: the file's style for it. */
    bool keep = quote == 'K' || quote == 'k';
    quote = quote == 'k' ? '\'' : quote == 'K' ? '"' : quote;
    bool plain_ok = !keep && n > 0 && memchr(s, '\n', n) == NULL &&
                    memchr(s, '\r', n) == NULL;
    if (plain_ok && reads_as(s, n, s, n, as)) {
        put(o, s, n);
        return o->nomem ? postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                                               "out of memory")
                        : POSTPARSE_OK;
    }
    bool single = quote == '\'';
    for (size_t i = 0; i < n && single; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            single = false;
    put(o, single ? "'" : "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (single) {
            put(o, s + i, 1);
            if (c == '\'')
                put(o, POSTPARSE__LIT("'"));
        } else if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(o, esc, 2);
        } else if (c == '\n') {
            puts_(o, "\\n");
        } else if (c == '\t') {
            puts_(o, "\\t");
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof esc, "\\x%02X", c);
            puts_(o, esc);
        } else {
            put(o, s + i, 1);
        }
    }
    put(o, single ? "'" : "\"", 1);
    if (o->nomem)
        return postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                                    "out of memory");
    if (!reads_as(o->p + start, o->len - start, s, n, as))
        return postparse__error_set(
            error, POSTPARSE_ERR_EDIT_REFUSED,
            "the value cannot be written as a one-line YAML string "
            "that reads back unchanged");
    return POSTPARSE_OK;
}

/* ---- the editor -------------------------------------------------------- */

static bool has_duplicate(const postparse_editor *ed, const char *key)
{
    size_t n = postparse_doc_diagnostic_count(ed->doc);
    for (size_t i = 0; i < n; i++) {
        const postparse_diagnostic *d = postparse_doc_diagnostic(ed->doc, i);
        if (d->id == POSTPARSE_DIAG_YAML_DUPLICATE_KEY &&
            (!d->key || strcmp(d->key, key) == 0))
            return true;
    }
    return false;
}

/* A merge key ("<<:") anywhere: keys may then come from elsewhere. */
static bool has_merge(const char *t, size_t len)
{
    for (size_t at = 0; at < len; at = next_line(t, len, at)) {
        size_t i = at;
        while (i < len && (postparse__is_blank(t[i]) || t[i] == '-'))
            i++;
        if (i + 1 < len && t[i] == '<' && t[i + 1] == '<')
            return true;
    }
    return false;
}

postparse_editor *postparse_editor_new(const postparse_doc *doc,
                                       const postparse_allocator *allocator,
                                       postparse_error *error)
{
    postparse_allocator a = {0};
    if (allocator)
        a = *allocator;
    if (!doc || !postparse__allocator_valid(&a)) {
        postparse__error_set(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                             "no document or an invalid allocator");
        return NULL;
    }
    size_t len;
    const char *fm = postparse_doc_front_matter_text(doc, &len);
    const postparse_post *post = postparse_doc_post(doc);
    const postparse_value *map = postparse_doc_front_matter(doc);
    if (!fm) {
        postparse__error_set(error, POSTPARSE_ERR_EDIT_REFUSED,
                             "the file has no front matter (none is created)");
        return NULL;
    }
    if (postparse_value_kind_of(map) == POSTPARSE_VALUE_NULL)
        map = NULL; /* only comments: empty, keys can be added */
    /* Jekyll's other errors (a date it cannot read, a scalar categories)
     * leave a mapping to edit: the edit may be the fix. */
    const postparse_jekyll_error *je = postparse_post_jekyll_error(post);
    if (postparse_doc_error(doc) || !post || (!map && je)) {
        postparse__error_set(error, POSTPARSE_ERR_EDIT_REFUSED,
                             "the front matter could not be read: %s",
                             postparse_doc_error(doc)
                                 ? postparse_doc_error(doc)->message
                             : je ? je->message
                                  : "the parse stopped");
        return NULL;
    }
    if (map && postparse_value_kind_of(map) != POSTPARSE_VALUE_MAPPING) {
        postparse__error_set(
            error, POSTPARSE_ERR_EDIT_REFUSED,
            "the front matter is a %s, not a mapping of keys",
            postparse_value_kind_name(postparse_value_kind_of(map)));
        return NULL;
    }
    /* A lone CR: the loader and Jekyll's split disagree on where its
     * lines end (a comment ending in one hid the keys after it). */
    for (size_t i = 0; i < len; i++)
        if (fm[i] == '\r' && (i + 1 >= len || fm[i + 1] != '\n')) {
            postparse__error_set(error, POSTPARSE_ERR_EDIT_REFUSED,
                                 "the front matter has a lone CR line end "
                                 "(line %zu of its text)",
                                 count_lines(fm, i + 1));
            return NULL;
        }
    /* Only the first document is read: an edit after a second document
     * marker would be lost; and an empty front matter must be empty. */
    for (size_t at = next_line(fm, len, 0); at < len;
         at = next_line(fm, len, at)) {
        /* A '%' line (a directive) ends what the loader reads too. */
        bool marker =
            fm[at] == '%' ||
            (len - at >= 3 && (memcmp(fm + at, POSTPARSE__LIT("---")) == 0 ||
                               memcmp(fm + at, POSTPARSE__LIT("...")) == 0));
        if (marker || (!map && !rest_is_empty(fm, len, at))) {
            postparse__error_set(
                error, POSTPARSE_ERR_EDIT_REFUSED,
                marker ? "the front matter has a second YAML document marker "
                         "(---, ... or a %% directive) on line %zu of its "
                         "text"
                       : "the front matter holds no mapping to edit (line "
                         "%zu)",
                count_lines(fm, at) + 1);
            return NULL;
        }
    }
    if (has_merge(fm, len)) {
        postparse__error_set(
            error, POSTPARSE_ERR_EDIT_REFUSED,
            "the front matter has a merge key (<<): keys may come from "
            "elsewhere, no edit is made");
        return NULL;
    }
    /* A flow mapping ({a: 1}) or keys not at the start of their lines. */
    for (size_t i = 0; i < postparse_value_length(map); i++) {
        uint64_t off =
            postparse_value_pos(postparse_value_key_at(map, i)).offset;
        uint64_t base = postparse_doc_summary(doc)->had_bom ? 3 : 0;
        if (off < base || off - base >= len ||
            line_start(fm, (size_t)(off - base)) != off - base) {
            postparse__error_set(
                error, POSTPARSE_ERR_EDIT_REFUSED,
                "the front matter is not a block mapping with its keys at "
                "the start of their lines");
            return NULL;
        }
    }
    postparse_editor *ed = postparse__malloc(&a, sizeof *ed);
    if (!ed) {
        postparse__error_set(error, POSTPARSE_ERR_NOMEM, "out of memory");
        return NULL;
    }
    memset(ed, 0, sizeof *ed);
    ed->a = a;
    ed->doc = doc;
    ed->fm = fm;
    ed->fm_len = len;
    ed->base = postparse_doc_summary(doc)->had_bom ? 3 : 0;
    ed->map = map;
    size_t nl = line_end(fm, len, 0);
    ed->eol =
        nl + 1 < len && fm[nl] == '\r' && fm[nl + 1] == '\n' ? "\r\n" : "\n";
    return ed;
}

static void op_free(postparse_editor *ed, edit_op *op);

void postparse_editor_free(postparse_editor *ed)
{
    if (!ed)
        return;
    for (size_t i = 0; i < ed->count; i++)
        postparse__free(&ed->a, (char *)ed->edits[i].text,
                        ed->edits[i].text_len + 1);
    if (ed->edits)
        postparse__free(&ed->a, ed->edits, ed->cap * sizeof *ed->edits);
    for (size_t i = 0; i < ed->op_count; i++)
        op_free(ed, &ed->ops[i]);
    if (ed->ops)
        postparse__free(&ed->a, ed->ops, ed->op_cap * sizeof *ed->ops);
    postparse__free(&ed->a, ed, sizeof *ed);
}

/* Records replacing [start, end) of the front matter with o's text (taken
 * over). */
static postparse_status add_edit(postparse_editor *ed, size_t start, size_t end,
                                 out_buf *o, postparse_error *error)
{
    if (o->nomem) { /* its text was cut short */
        out_free(o);
        return postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                                    "out of memory");
    }
    for (size_t i = 0; i < ed->count; i++) {
        size_t s = (size_t)ed->edits[i].offset;
        size_t e = s + (size_t)ed->edits[i].length;
        bool clash = (start < e && s < end) ||
                     (start == end && s < start && start < e) ||
                     (s == e && start < s && s < end);
        if (clash) {
            out_free(o);
            return postparse__error_set(
                error, POSTPARSE_ERR_EDIT_REFUSED,
                "the edit overlaps an earlier edit of the same lines");
        }
    }
    if (ed->count == ed->cap) {
        void *p = ed->edits;
        if (ed->count >= MAX_EDITS ||
            !postparse__array_grow(&ed->a, &p, &ed->cap, ed->count,
                                   ed->count + 1, sizeof *ed->edits, 8, NULL)) {
            out_free(o);
            return postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                                        "out of memory (or more than %d edits)",
                                        MAX_EDITS);
        }
        ed->edits = p;
    }
    /* The text is owned with a NUL after it, so that its size is known. */
    if (!o->p) {
        char *empty = postparse__malloc(&ed->a, 1);
        if (!empty)
            return postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                                        "out of memory");
        empty[0] = '\0';
        o->p = empty;
        o->cap = 1;
    } else if (o->cap != o->len + 1) {
        char *p = postparse__realloc(&ed->a, o->p, o->cap, o->len + 1);
        if (!p) {
            out_free(o);
            return postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                                        "out of memory");
        }
        o->p = p;
    }
    ed->edits[ed->count++] = (postparse_edit){start, end - start, o->p, o->len};
    o->p = NULL;
    o->len = o->cap = 0;
    return POSTPARSE_OK;
}

/* add_edit() of o once its text is made (st), else o freed and st. */
static postparse_status add_rendered(postparse_editor *ed, size_t start,
                                     size_t end, out_buf *o,
                                     postparse_status st,
                                     postparse_error *error)
{
    if (st != POSTPARSE_OK) {
        out_free(o);
        return st;
    }
    return add_edit(ed, start, end, o, error);
}

/* Entry of key, or SIZE_MAX. */
static size_t find_key(const postparse_editor *ed, const char *key)
{
    size_t n = postparse_value_length(ed->map), kl = strlen(key);
    for (size_t i = 0; i < n; i++) {
        const postparse_value *k = postparse_value_key_at(ed->map, i);
        size_t l;
        const char *s = postparse_value_string(k, &l);
        if (postparse_value_kind_of(k) == POSTPARSE_VALUE_STRING && s &&
            l == kl && memcmp(s, key, kl) == 0)
            return i;
    }
    return SIZE_MAX;
}

/* A set or append of an absent key adds it. */
static bool adds(const postparse_editor *ed, const char *key)
{
    return find_key(ed, key) == SIZE_MAX && !has_duplicate(ed, key);
}

static size_t rel(const postparse_editor *ed, const postparse_value *v)
{
    uint64_t off = postparse_value_pos(v).offset;
    return off < ed->base || off - ed->base > ed->fm_len
               ? SIZE_MAX
               : (size_t)(off - ed->base);
}

/* Entry i's lines: [*start, *end), up to the next entry's key, without the
 * blank lines and column-1 comments before it. */
static void entry_lines(const postparse_editor *ed, size_t i, size_t *start,
                        size_t *end)
{
    const char *t = ed->fm;
    *start = rel(ed, postparse_value_key_at(ed->map, i));
    size_t e = i + 1 < postparse_value_length(ed->map)
                   ? rel(ed, postparse_value_key_at(ed->map, i + 1))
                   : ed->fm_len;
    for (;;) {
        size_t p = e;
        if (p > *start && t[p - 1] == '\n')
            p--;
        if (p > *start && t[p - 1] == '\r')
            p--;
        size_t ls = line_start(t, p);
        if (ls <= *start || ls >= e)
            break;
        size_t k = ls;
        while (k < e && postparse__is_blank(t[k]))
            k++;
        if (!(k >= e || postparse__is_break(t[k]) || (t[ls] == '#')))
            break;
        e = ls;
    }
    *end = e;
}

/* An anchor (&a) or alias (*a) in [s, e), outside quoted scalars. */
static bool has_anchor(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        char c = t[i];
        bool token_start = i == s || postparse__is_blank(t[i - 1]) ||
                           postparse__is_break(t[i - 1]) || t[i - 1] == '[' ||
                           t[i - 1] == ',' || t[i - 1] == '{';
        if (!token_start)
            continue;
        if ((c == '"' || c == '\'')) {
            for (i++; i < e && t[i] != c; i++)
                if (c == '"' && t[i] == '\\')
                    i++;
            continue;
        }
        if (c == '#') {
            while (i < e && !postparse__is_break(t[i]))
                i++;
            continue;
        }
        if ((c == '&' || c == '*') && i + 1 < e &&
            !postparse__is_blank(t[i + 1]) && !postparse__is_break(t[i + 1]))
            return true;
    }
    return false;
}

/* The entry of key, checked for what makes an edit unsafe. */
static postparse_status entry(const postparse_editor *ed, const char *key,
                              size_t *index, postparse_error *error)
{
    if (has_duplicate(ed, key))
        return postparse__error_set(error, POSTPARSE_ERR_EDIT_REFUSED,
                                    "key '%s' is written more than once", key);
    size_t i = find_key(ed, key);
    if (i == SIZE_MAX)
        return postparse__error_set(error, POSTPARSE_ERR_EDIT_REFUSED,
                                    "no key '%s'", key);
    size_t s, e;
    entry_lines(ed, i, &s, &e);
    const postparse_value *v = postparse_value_value_at(ed->map, i);
    size_t vo = rel(ed, v);
    if (has_anchor(ed->fm, s, e) || (vo != SIZE_MAX && vo < s))
        return postparse__error_set(error, POSTPARSE_ERR_EDIT_REFUSED,
                                    "key '%s' has or is an anchor or alias",
                                    key);
    *index = i;
    return POSTPARSE_OK;
}

/* Where the key of entry i is written and the byte after its ':'. */
static bool key_span(const postparse_editor *ed, size_t i, size_t *ks,
                     size_t *ke, size_t *colon_end)
{
    const char *t = ed->fm;
    size_t len = ed->fm_len, s = rel(ed, postparse_value_key_at(ed->map, i));
    size_t kl;
    const char *kt =
        postparse_value_text(postparse_value_key_at(ed->map, i), &kl);
    if (s == SIZE_MAX || !kt)
        return false;
    size_t e;
    if (t[s] == '"' || t[s] == '\'') {
        if (s + kl + 2 > len || memcmp(t + s + 1, kt, kl) != 0 ||
            t[s + kl + 1] != t[s])
            return false;
        e = s + kl + 2;
    } else {
        if (s + kl > len || memcmp(t + s, kt, kl) != 0)
            return false;
        e = s + kl;
    }
    size_t c = e;
    while (c < len && postparse__is_blank(t[c]))
        c++;
    if (c >= len || t[c] != ':')
        return false;
    *ks = s;
    *ke = e;
    *colon_end = c + 1;
    return true;
}

/* The closing quote of the one-line scalar quoted at t[o] ('' inside a
 * single-quoted one and \x inside a double-quoted one skipped): its index,
 * or where the line or the text ends first. */
static size_t closing_quote(const char *t, size_t len, size_t o)
{
    char q = t[o];
    size_t i = o + 1;
    for (; i < len && !postparse__is_break(t[i]); i++) {
        if (t[i] == q && !(q == '\'' && i + 1 < len && t[i + 1] == '\''))
            break;
        if (t[i] == q || (q == '"' && t[i] == '\\'))
            i++;
    }
    return i;
}

/* [*s, *e) of a one-line scalar (quoted with escapes too) or flow list. */
static bool value_span(const postparse_editor *ed, const postparse_value *v,
                       size_t *s, size_t *e)
{
    const char *t = ed->fm;
    size_t len = ed->fm_len;
    uint64_t a, b;
    if (postparse__scalar_span_at(t, len, ed->base, v, &a, &b)) {
        *s = (size_t)a;
        *e = (size_t)b;
        return true;
    }
    size_t o = rel(ed, v);
    if (o == SIZE_MAX || o >= len)
        return false;
    postparse_value_kind k = postparse_value_kind_of(v);
    char c = t[o];
    size_t i = o + 1;
    if (k == POSTPARSE_VALUE_SEQUENCE && c == '[') {
        for (size_t n = 0; n < postparse_value_length(v); n++) {
            const postparse_value *it = postparse_value_index(v, n);
            postparse_value_kind ik = postparse_value_kind_of(it);
            if (ik == POSTPARSE_VALUE_SEQUENCE || ik == POSTPARSE_VALUE_MAPPING)
                return false;
        }
        char q = 0;
        for (; i < len && !postparse__is_break(t[i]); i++) {
            if (q) {
                if (t[i] == q &&
                    !(q == '\'' && i + 1 < len && t[i + 1] == '\'')) {
                    q = 0;
                } else if (t[i] == q) {
                    i++;
                } else if (q == '"' && t[i] == '\\') {
                    i++;
                }
            } else if (t[i] == '"' || t[i] == '\'') {
                q = t[i];
            } else if (t[i] == '[' || t[i] == '{' || t[i] == '#') {
                return false;
            } else if (t[i] == ']') {
                break;
            }
        }
    } else if (postparse_value_is_quoted(v) && (c == '"' || c == '\'') &&
               !postparse_value_tag(v)) {
        i = closing_quote(t, len, o);
    } else {
        return false;
    }
    if (i >= len || postparse__is_break(t[i]) || !rest_is_empty(t, len, i + 1))
        return false;
    *s = o;
    *e = i + 1;
    return true;
}

/* A plain item of a flow list: up to ',', ']' or a comment. */
static bool flow_item_span(const postparse_editor *ed,
                           const postparse_value *it, size_t *s, size_t *e,
                           bool flow)
{
    const char *t = ed->fm;
    size_t o = rel(ed, it), vl;
    const char *vt = postparse_value_text(it, &vl);
    /* An empty item (a null: "- " alone) has no bytes to place. */
    if (o == SIZE_MAX || o >= ed->fm_len || !vt || vl == 0 ||
        postparse_value_is_quoted(it) || postparse_value_tag(it))
        return false;
    size_t i = o;
    while (i < ed->fm_len && !postparse__is_break(t[i]) &&
           !(flow && (t[i] == ',' || t[i] == ']')) &&
           !(t[i] == '#' && i > o && postparse__is_blank(t[i - 1])))
        i++;
    while (i > o && postparse__is_blank(t[i - 1]))
        i--;
    if (i - o != vl || memcmp(t + o, vt, vl) != 0)
        return false;
    *s = o;
    *e = i;
    return true;
}

/* An item of a flow list, quoted or plain. */
static bool item_span(const postparse_editor *ed, const postparse_value *it,
                      size_t *s, size_t *e)
{
    const char *t = ed->fm;
    size_t o = rel(ed, it);
    if (o < ed->fm_len && (t[o] == '"' || t[o] == '\'')) {
        /* value_span wants the rest of the line empty: find the quote. */
        size_t i = closing_quote(t, ed->fm_len, o);
        if (i >= ed->fm_len || t[i] != t[o] || !postparse_value_is_quoted(it))
            return false;
        *s = o;
        *e = i + 1;
        return true;
    }
    return flow_item_span(ed, it, s, e, true);
}

/* The value of entry i is empty (key: and nothing else). */
static bool empty_value(const postparse_editor *ed, size_t i, size_t *colon_end)
{
    size_t ks, ke, ce, vl = 1;
    const postparse_value *v = postparse_value_value_at(ed->map, i);
    postparse_value_text(v, &vl);
    return postparse_value_kind_of(v) == POSTPARSE_VALUE_NULL && vl == 0 &&
           !postparse_value_tag(v) && key_span(ed, i, &ks, &ke, &ce) &&
           rest_is_empty(ed->fm, ed->fm_len, ce) && (*colon_end = ce, true);
}

static bool valid_editor(const postparse_editor *ed, const char *key,
                         const char *value, size_t len)
{
    return ed && key && (value || !len);
}

/* Checks YAML text (POSTPARSE_EDIT_YAML) and copies it. */
static postparse_status yaml_text(out_buf *o, const char *value, size_t len,
                                  postparse_error *error)
{
    const postparse_value *m;
    postparse_doc *d =
        len && !memchr(value, '\n', len) && !memchr(value, '\r', len)
            ? load("---\nk: ", value, len, "\n---\n", &m)
            : NULL;
    bool ok = d != NULL;
    if (d) {
        const postparse_value *v = postparse_value_value_at(m, 0);
        postparse_value_kind k = postparse_value_kind_of(v);
        if (k == POSTPARSE_VALUE_MAPPING)
            ok = false;
        for (size_t i = 0;
             k == POSTPARSE_VALUE_SEQUENCE && i < postparse_value_length(v);
             i++) {
            postparse_value_kind ik =
                postparse_value_kind_of(postparse_value_index(v, i));
            if (ik == POSTPARSE_VALUE_SEQUENCE || ik == POSTPARSE_VALUE_MAPPING)
                ok = false;
        }
        if (has_anchor(value, 0, len) || value[0] == '|' || value[0] == '>')
            ok = false;
        postparse_doc_free(d);
    }
    if (!ok)
        return postparse__error_set(
            error, POSTPARSE_ERR_EDIT_REFUSED,
            "the YAML value is not one line holding a scalar or a "
            "flow list of scalars");
    put(o, value, len);
    return o->nomem ? postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                                           "out of memory")
                    : POSTPARSE_OK;
}

static postparse_status render_value(out_buf *o, const char *value, size_t len,
                                     unsigned flags, char quote,
                                     postparse_error *error)
{
    if (flags & POSTPARSE_EDIT_YAML)
        return yaml_text(o, value, len, error);
    return render(o, value, len, AS_VALUE, quote, error);
}

/* A new entry "key: text" after entry after (SIZE_MAX: the last). */
static postparse_status insert_entry(postparse_editor *ed, const char *key,
                                     size_t after, out_buf *val,
                                     postparse_error *error)
{
    out_buf o = {&ed->a, NULL, 0, 0, false};
    postparse_status st = render(&o, key, strlen(key), AS_KEY, '"', error);
    if (st != POSTPARSE_OK) {
        out_free(&o);
        return st;
    }
    puts_(&o, ":");
    if (val->len)
        puts_(&o, " ");
    put(&o, val->p ? val->p : "", val->len);
    puts_(&o, ed->eol);
    size_t n = postparse_value_length(ed->map), at, s;
    if (n == 0)
        at = ed->fm_len;
    else
        entry_lines(ed, after == SIZE_MAX ? n - 1 : after, &s, &at);
    /* A last line without its line end gets one first. */
    if (at > 0 && !postparse__is_break(ed->fm[at - 1])) {
        out_buf p = {&ed->a, NULL, 0, 0, false};
        puts_(&p, ed->eol);
        put(&p, o.p, o.len);
        out_free(&o);
        o = p;
    }
    if (o.nomem) {
        out_free(&o);
        return postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                                    "out of memory");
    }
    return add_edit(ed, at, at, &o, error);
}

static postparse_status editor_set(postparse_editor *ed, const char *key,
                                   const char *value, size_t len,
                                   unsigned flags, const char *after_key,
                                   postparse_error *error)
{
    if (!valid_editor(ed, key, value, len))
        return postparse__error_set(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                                    "no editor, key or value");
    out_buf o = {&ed->a, NULL, 0, 0, false};
    postparse_status st;
    size_t i;
    if (adds(ed, key)) {
        size_t after = SIZE_MAX;
        if (after_key) {
            st = entry(ed, after_key, &after, error);
            if (st != POSTPARSE_OK)
                return st;
        }
        st = render_value(&o, value, len, flags, '"', error);
        if (st == POSTPARSE_OK)
            st = insert_entry(ed, key, after, &o, error);
        out_free(&o);
        return st;
    }
    st = entry(ed, key, &i, error);
    if (st != POSTPARSE_OK)
        return st;
    const postparse_value *v = postparse_value_value_at(ed->map, i);
    size_t s, e, ce;
    if (empty_value(ed, i, &ce)) {
        puts_(&o, " ");
        st = render_value(&o, value, len, flags, '"', error);
        return add_rendered(ed, ce, ce, &o, st, error);
    }
    char c = rel(ed, v) < ed->fm_len ? ed->fm[rel(ed, v)] : 0;
    if (postparse_value_is_quoted(v) && (c == '|' || c == '>'))
        return postparse__error_set(
            error, POSTPARSE_ERR_EDIT_REFUSED,
            "key '%s' holds a block scalar (%c): not rewritten", key, c);
    if (!value_span(ed, v, &s, &e))
        return postparse__error_set(
            error, POSTPARSE_ERR_EDIT_REFUSED,
            "key '%s' holds a value over several lines, a block list "
            "or mapping, or a tagged value: not rewritten",
            key);
    st = render_value(&o, value, len, flags,
                      c == '\''  ? 'k'
                      : c == '"' ? 'K'
                                 : '"',
                      error);
    return add_rendered(ed, s, e, &o, st, error);
}

static postparse_status editor_delete(postparse_editor *ed, const char *key,
                                      postparse_error *error)
{
    if (!valid_editor(ed, key, NULL, 0))
        return postparse__error_set(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                                    "no editor or key");
    size_t i, s, e;
    postparse_status st = entry(ed, key, &i, error);
    if (st != POSTPARSE_OK)
        return st;
    entry_lines(ed, i, &s, &e);
    out_buf o = {&ed->a, NULL, 0, 0, false};
    return add_edit(ed, s, e, &o, error);
}

static postparse_status editor_rename(postparse_editor *ed, const char *old_key,
                                      const char *new_key,
                                      postparse_error *error)
{
    if (!valid_editor(ed, old_key, NULL, 0) || !new_key)
        return postparse__error_set(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                                    "no editor or key");
    size_t i, ks, ke, ce;
    postparse_status st = entry(ed, old_key, &i, error);
    if (st != POSTPARSE_OK)
        return st;
    if (find_key(ed, new_key) != SIZE_MAX || has_duplicate(ed, new_key))
        return postparse__error_set(error, POSTPARSE_ERR_EDIT_REFUSED,
                                    "key '%s' exists already", new_key);
    if (!key_span(ed, i, &ks, &ke, &ce))
        return postparse__error_set(error, POSTPARSE_ERR_EDIT_REFUSED,
                                    "key '%s' is not written as a simple key",
                                    old_key);
    out_buf o = {&ed->a, NULL, 0, 0, false};
    char q = ed->fm[ks] == '\'' || ed->fm[ks] == '"' ? ed->fm[ks] : '"';
    st = render(&o, new_key, strlen(new_key), AS_KEY, q, error);
    return add_rendered(ed, ks, ke, &o, st, error);
}

/* Block list item it: its line and the indent and dash before it. */
static bool block_item(const postparse_editor *ed, const postparse_value *it,
                       size_t *ls, size_t *s, size_t *e)
{
    const char *t = ed->fm;
    /* The item's text is all on its line (a continued plain item's text
     * would not match it). */
    if (!value_span(ed, it, s, e) && !flow_item_span(ed, it, s, e, false))
        return false;
    *ls = line_start(t, *s);
    size_t k = *ls;
    while (k < *s && t[k] == ' ')
        k++;
    if (k >= *s || t[k] != '-')
        return false;
    for (k++; k < *s; k++)
        if (!postparse__is_blank(t[k]))
            return false;
    return true;
}

static postparse_status list_of(postparse_editor *ed, const char *key,
                                size_t *index, bool *flow,
                                postparse_error *error)
{
    postparse_status st = entry(ed, key, index, error);
    if (st != POSTPARSE_OK)
        return st;
    const postparse_value *v = postparse_value_value_at(ed->map, *index);
    if (postparse_value_kind_of(v) != POSTPARSE_VALUE_SEQUENCE ||
        postparse_value_tag(v))
        return postparse__error_set(
            error, POSTPARSE_ERR_EDIT_REFUSED,
            "key '%s' holds a %s, not a list", key,
            postparse_value_kind_name(postparse_value_kind_of(v)));
    *flow = ed->fm[rel(ed, v)] == '[';
    return POSTPARSE_OK;
}

/* open, value as a flow list item, "]". */
static postparse_status one_item_list(out_buf *o, const char *open,
                                      const char *value, size_t len,
                                      postparse_error *error)
{
    puts_(o, open);
    postparse_status st = render(o, value, len, AS_ITEM, '"', error);
    puts_(o, "]");
    if (st == POSTPARSE_OK && o->nomem)
        st = postparse__error_set(error, POSTPARSE_ERR_NOMEM, "out of memory");
    return st;
}

static postparse_status editor_append(postparse_editor *ed, const char *key,
                                      const char *value, size_t len,
                                      postparse_error *error)
{
    if (!valid_editor(ed, key, value, len))
        return postparse__error_set(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                                    "no editor, key or value");
    out_buf o = {&ed->a, NULL, 0, 0, false};
    postparse_status st;
    size_t i, ce, s, e, ls;
    bool flow;
    if (adds(ed, key)) {
        st = one_item_list(&o, "[", value, len, error);
        if (st == POSTPARSE_OK)
            st = insert_entry(ed, key, SIZE_MAX, &o, error);
        out_free(&o);
        return st;
    }
    st = entry(ed, key, &i, error);
    if (st != POSTPARSE_OK)
        return st;
    if (empty_value(ed, i, &ce)) {
        st = one_item_list(&o, " [", value, len, error);
        return add_rendered(ed, ce, ce, &o, st, error);
    }
    st = list_of(ed, key, &i, &flow, error);
    if (st != POSTPARSE_OK)
        return st;
    const postparse_value *v = postparse_value_value_at(ed->map, i);
    size_t n = postparse_value_length(v);
    const postparse_value *last = postparse_value_index(v, n ? n - 1 : 0);
    if (flow) {
        size_t at;
        if (!value_span(ed, v, &s, &e))
            return postparse__error_set(
                error, POSTPARSE_ERR_EDIT_REFUSED,
                "key '%s': the flow list is not on one line", key);
        if (n == 0) {
            at = s + 1;
        } else {
            if (!item_span(ed, last, &s, &at))
                return postparse__error_set(
                    error, POSTPARSE_ERR_EDIT_REFUSED,
                    "key '%s': the last item is not a simple scalar", key);
            puts_(&o, ", ");
        }
        st = render(&o, value, len, AS_ITEM, '"', error);
        return add_rendered(ed, at, at, &o, st, error);
    }
    if (!block_item(ed, last, &ls, &s, &e))
        return postparse__error_set(
            error, POSTPARSE_ERR_EDIT_REFUSED,
            "key '%s': the last item is not a one-line scalar after "
            "'- '",
            key);
    puts_(&o, ed->eol);
    put(&o, ed->fm + ls, s - ls);
    st = render(&o, value, len, AS_VALUE, '"', error);
    size_t at = line_end(ed->fm, ed->fm_len, e);
    return add_rendered(ed, at, at, &o, st, error);
}

static postparse_status editor_remove(postparse_editor *ed, const char *key,
                                      const char *value, size_t len,
                                      postparse_error *error)
{
    if (!valid_editor(ed, key, value, len))
        return postparse__error_set(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                                    "no editor, key or value");
    size_t i;
    bool flow;
    postparse_status st = list_of(ed, key, &i, &flow, error);
    if (st != POSTPARSE_OK)
        return st;
    const postparse_value *v = postparse_value_value_at(ed->map, i);
    size_t n = postparse_value_length(v), found = 0;
    /* Matching items first, checked, so that nothing is recorded when one
     * of them cannot be removed. */
    size_t rs[64], re[64];
    for (size_t k = 0; k < n; k++) {
        const postparse_value *it = postparse_value_index(v, k);
        size_t l, s, e, ls;
        const char *t = postparse_value_string(it, &l);
        if (postparse_value_kind_of(it) != POSTPARSE_VALUE_STRING || !t ||
            l != len || memcmp(t, value, len) != 0)
            continue;
        if (found == 64)
            return postparse__error_set(
                error, POSTPARSE_ERR_EDIT_REFUSED,
                "key '%s': more than 64 items to remove", key);
        if (flow) {
            size_t ps, pe, ns, ne;
            if (!item_span(ed, it, &s, &e))
                return postparse__error_set(
                    error, POSTPARSE_ERR_EDIT_REFUSED,
                    "key '%s': an item is not a simple scalar", key);
            if (k > 0 &&
                item_span(ed, postparse_value_index(v, k - 1), &ps, &pe)) {
                s = pe; /* ", item" after the one before */
            } else if (k + 1 < n &&
                       item_span(ed, postparse_value_index(v, k + 1), &ns,
                                 &ne)) {
                e = ns; /* "item, " before the next */
            } else if (n != 1) {
                return postparse__error_set(
                    error, POSTPARSE_ERR_EDIT_REFUSED,
                    "key '%s': the items around it are not simple "
                    "scalars",
                    key);
            }
        } else {
            if (!block_item(ed, it, &ls, &s, &e))
                return postparse__error_set(
                    error, POSTPARSE_ERR_EDIT_REFUSED,
                    "key '%s': an item is not a one-line scalar "
                    "after '- '",
                    key);
            s = ls;
            e = next_line(ed->fm, ed->fm_len, e);
        }
        rs[found] = s;
        re[found++] = e;
    }
    if (!found)
        return postparse__error_set(error, POSTPARSE_ERR_EDIT_REFUSED,
                                    "key '%s' has no item '%.*s'", key,
                                    (int)(len > 64 ? 64 : len), value);
    /* Two neighbours in a flow list share the comma between them. */
    for (size_t k = 1; k < found; k++)
        if (rs[k] < re[k - 1])
            rs[k] = re[k - 1];
    for (size_t k = 0; k < found; k++) {
        out_buf o = {&ed->a, NULL, 0, 0, false};
        st = add_edit(ed, rs[k], re[k], &o, error);
        if (st != POSTPARSE_OK)
            return st;
    }
    return POSTPARSE_OK;
}

/* ---- what each call meant ---------------------------------------------- */

/* Drops the byte edits recorded since mark: a call either records all of
 * its edits and its op, or nothing. */
static void rollback(postparse_editor *ed, size_t mark)
{
    while (ed->count > mark) {
        ed->count--;
        postparse__free(&ed->a, (char *)ed->edits[ed->count].text,
                        ed->edits[ed->count].text_len + 1);
    }
}

static char *copy(const postparse_allocator *a, const char *s, size_t n)
{
    char *p = postparse__malloc(a, n + 1);
    if (p) {
        if (n)
            memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void op_free(postparse_editor *ed, edit_op *op)
{
    if (op->key)
        postparse__free(&ed->a, op->key, strlen(op->key) + 1);
    if (op->value)
        postparse__free(&ed->a, op->value, op->value_len + 1);
}

/* After a call (status st, its edits from mark on): records what it meant
 * for postparse__edit_verify(), or undoes its edits. other is set's
 * after_key or rename's new key; value (len bytes) that of set, append or
 * remove. */
static postparse_status record(postparse_editor *ed, size_t mark,
                               postparse_status st, edit_op_kind kind,
                               const char *key, const char *other,
                               const char *value, size_t len, unsigned flags,
                               postparse_error *error)
{
    if (st != POSTPARSE_OK) {
        if (ed)
            rollback(ed, mark);
        return st;
    }
    bool add = (kind == EDIT_OP_SET || kind == EDIT_OP_APPEND) && adds(ed, key);
    const char *name = add ? key : kind == EDIT_OP_RENAME ? other : NULL;
    if (kind == EDIT_OP_DELETE || kind == EDIT_OP_RENAME)
        value = NULL;
    else if (!value)
        value = ""; /* len is 0 */
    edit_op op = {kind,
                  add ? SIZE_MAX : find_key(ed, key),
                  add && other ? find_key(ed, other) : SIZE_MAX,
                  name ? copy(&ed->a, name, strlen(name)) : NULL,
                  value ? copy(&ed->a, value, len) : NULL,
                  len,
                  flags};
    if (ed->op_count == ed->op_cap && !(name && !op.key) &&
        !(value && !op.value)) {
        void *p = ed->ops;
        if (postparse__array_grow(&ed->a, &p, &ed->op_cap, ed->op_count,
                                  ed->op_count + 1, sizeof *ed->ops, 8, NULL))
            ed->ops = p;
    }
    if ((name && !op.key) || (value && !op.value) ||
        ed->op_count == ed->op_cap) {
        op_free(ed, &op);
        rollback(ed, mark);
        return postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                                    "out of memory");
    }
    ed->ops[ed->op_count++] = op;
    return POSTPARSE_OK;
}

postparse_status postparse_editor_set(postparse_editor *ed, const char *key,
                                      const char *value, size_t len,
                                      unsigned flags, const char *after_key,
                                      postparse_error *error)
{
    size_t mark = ed ? ed->count : 0;
    return record(ed, mark,
                  editor_set(ed, key, value, len, flags, after_key, error),
                  EDIT_OP_SET, key, after_key, value, len, flags, error);
}

postparse_status postparse_editor_delete(postparse_editor *ed, const char *key,
                                         postparse_error *error)
{
    size_t mark = ed ? ed->count : 0;
    return record(ed, mark, editor_delete(ed, key, error), EDIT_OP_DELETE, key,
                  NULL, NULL, 0, 0, error);
}

postparse_status postparse_editor_rename(postparse_editor *ed,
                                         const char *old_key,
                                         const char *new_key,
                                         postparse_error *error)
{
    size_t mark = ed ? ed->count : 0;
    return record(ed, mark, editor_rename(ed, old_key, new_key, error),
                  EDIT_OP_RENAME, old_key, new_key, NULL, 0, 0, error);
}

postparse_status postparse_editor_append(postparse_editor *ed, const char *key,
                                         const char *value, size_t len,
                                         postparse_error *error)
{
    size_t mark = ed ? ed->count : 0;
    return record(ed, mark, editor_append(ed, key, value, len, error),
                  EDIT_OP_APPEND, key, NULL, value, len, 0, error);
}

postparse_status postparse_editor_remove(postparse_editor *ed, const char *key,
                                         const char *value, size_t len,
                                         postparse_error *error)
{
    size_t mark = ed ? ed->count : 0;
    return record(ed, mark, editor_remove(ed, key, value, len, error),
                  EDIT_OP_REMOVE, key, NULL, value, len, 0, error);
}

/* ---- writing ----------------------------------------------------------- */

typedef struct stream {
    const postparse_editor *ed;
    const char *new_fm;
    size_t new_len;
    uint64_t at; /* bytes of the original seen */
    postparse_write_fn write;
    void *user_data;
    bool changed, write_failed;
} stream;

/* The next piece of the original: copied outside the front matter,
 * compared with the document's inside it, the new front matter written
 * when its last byte is seen. */
static void stream_piece(stream *st, const char *p, size_t n)
{
    const postparse_editor *ed = st->ed;
    uint64_t fs = ed->base, fe = ed->base + ed->fm_len;
    while (n && !st->changed && !st->write_failed) {
        size_t take;
        if (st->at < fs || st->at >= fe) {
            take = st->at < fs && fs - st->at < n ? (size_t)(fs - st->at) : n;
            if (!st->write(st->user_data, p, take))
                st->write_failed = true;
        } else {
            take = fe - st->at < n ? (size_t)(fe - st->at) : n;
            if (memcmp(p, ed->fm + (st->at - fs), take) != 0)
                st->changed = true;
            else if (st->at + take == fe &&
                     !st->write(st->user_data, st->new_fm, st->new_len))
                st->write_failed = true;
        }
        st->at += take;
        p += take;
        n -= take;
    }
}

static postparse_status stream_begin(const postparse_editor *ed, stream *st,
                                     char **buf, size_t *len,
                                     postparse_error *error)
{
    postparse_edit sorted[MAX_EDITS];
    size_t n = ed->count;
    /* By offset; an insertion before a replacement at the same offset;
     * else in the order made. */
    for (size_t i = 0; i < n; i++) {
        size_t k = i;
        postparse_edit e = ed->edits[i];
        while (k > 0 && (sorted[k - 1].offset > e.offset ||
                         (sorted[k - 1].offset == e.offset &&
                          sorted[k - 1].length > 0 && e.length == 0))) {
            sorted[k] = sorted[k - 1];
            k--;
        }
        sorted[k] = e;
    }
    postparse_status s =
        postparse_edit_apply(ed->fm, ed->fm_len, sorted, n, &ed->a, buf, len);
    if (s != POSTPARSE_OK)
        return postparse__error_set(error, s,
                                    "the edits could not be applied: %s",
                                    postparse_status_message(s));
    /* Nothing is written unless the new front matter reads as intended. */
    s = postparse__edit_verify(ed, *buf, *len, error);
    if (s != POSTPARSE_OK) {
        postparse_edit_free(*buf, *len, &ed->a);
        *buf = NULL;
        return s;
    }
    st->new_fm = *buf;
    st->new_len = *len;
    return POSTPARSE_OK;
}

static postparse_status stream_end(stream *st, postparse_error *error)
{
    if (st->write_failed)
        return postparse__error_set(error, POSTPARSE_ERR_IO, "write error");
    if (st->changed || st->at < st->ed->base + st->ed->fm_len)
        return postparse__error_set(
            error, POSTPARSE_ERR_EDIT_REFUSED,
            "the front matter is not the one read: the file changed "
            "since");
    return POSTPARSE_OK;
}

postparse_status postparse_editor_write_buffer(const postparse_editor *ed,
                                               const void *data, size_t len,
                                               postparse_write_fn write,
                                               void *user_data,
                                               postparse_error *error)
{
    if (!ed || !write || (!data && len))
        return postparse__error_set(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                                    "no editor, data or write function");
    stream st = {ed, NULL, 0, 0, write, user_data, false, false};
    char *buf;
    size_t blen;
    postparse_status s = stream_begin(ed, &st, &buf, &blen, error);
    if (s != POSTPARSE_OK)
        return s;
    stream_piece(&st, data, len);
    s = stream_end(&st, error);
    postparse_edit_free(buf, blen, &ed->a);
    return s;
}

postparse_status postparse_editor_write_file(const postparse_editor *ed,
                                             const char *path,
                                             postparse_write_fn write,
                                             void *user_data,
                                             postparse_error *error)
{
    if (!ed || !write || !path)
        return postparse__error_set(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                                    "no editor, path or write function");
    FILE *f = fopen(path, "rb");
    if (!f)
        return postparse__error_set(error, POSTPARSE_ERR_IO, "%s: %s", path,
                                    strerror(errno));
    stream st = {ed, NULL, 0, 0, write, user_data, false, false};
    char *buf = NULL;
    size_t blen = 0;
    postparse_status s = stream_begin(ed, &st, &buf, &blen, error);
    char *chunk =
        s == POSTPARSE_OK ? postparse__malloc(&ed->a, FILE_CHUNK_BYTES) : NULL;
    if (s == POSTPARSE_OK && !chunk)
        s = postparse__error_set(error, POSTPARSE_ERR_NOMEM, "out of memory");
    while (s == POSTPARSE_OK && !st.changed && !st.write_failed) {
        size_t n = fread(chunk, 1, FILE_CHUNK_BYTES, f);
        stream_piece(&st, chunk, n);
        if (n < FILE_CHUNK_BYTES) {
            if (ferror(f))
                s = postparse__error_set(error, POSTPARSE_ERR_IO,
                                         "%s: read error: %s", path,
                                         strerror(errno));
            break;
        }
    }
    if (s == POSTPARSE_OK)
        s = stream_end(&st, error);
    if (chunk)
        postparse__free(&ed->a, chunk, FILE_CHUNK_BYTES);
    if (buf)
        postparse_edit_free(buf, blen, &ed->a);
    fclose(f);
    return s;
}
