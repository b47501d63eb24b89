/* SPDX-License-Identifier: MIT */
/* check --fix and --diff: fixes that cannot change what a post means
 * beyond what their finding says, each a rewrite of the value's bytes only
 * (postparse_scalar_span, postparse_edit_apply): every other byte, comments
 * and line ends included, stays. A fixed text is parsed again before it is
 * used: unless the fixed findings are gone and no other appeared, the file
 * is left alone. Files are replaced atomically (a temporary file in the
 * same folder, fsync, rename, the mode kept), and not at all when they
 * changed while being read. */
#define _DEFAULT_SOURCE
#include "fix.h"

#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_EDITS 64
#define FULLWIDTH_COLON "\xEF\xBC\x9A" /* U+FF1A */

typedef struct fix_plan {
    postparse_edit edits[MAX_EDITS];
    char *texts[MAX_EDITS]; /* owned replacement texts */
    size_t count;
    /* The findings the edits fix: code and key, to check them gone. */
    const char *codes[MAX_EDITS];
    char *keys[MAX_EDITS];
} fix_plan;

static void plan_free(fix_plan *p)
{
    for (size_t i = 0; i < p->count; i++) {
        free(p->texts[i]);
        free(p->keys[i]);
    }
    p->count = 0;
}

static bool is_line_end(char c)
{
    return c == '\n' || c == '\r';
}

static bool plan_add(fix_plan *p, uint64_t start, uint64_t end, char *text,
                     const char *code, const char *key)
{
    if (text == NULL || p->count == MAX_EDITS) {
        free(text);
        return false;
    }
    for (size_t i = 0; i < p->count; i++)
        if (start < p->edits[i].offset + p->edits[i].length &&
            p->edits[i].offset < end) {
            free(text); /* overlaps an edit already planned */
            return false;
        }
    p->edits[p->count] =
        (postparse_edit){start, end - start, text, strlen(text)};
    p->texts[p->count] = text;
    p->codes[p->count] = code;
    p->keys[p->count] = key ? strdup(key) : NULL;
    p->count++;
    return true;
}

static int compare_edits(const void *a, const void *b)
{
    const postparse_edit *x = a, *y = b;

    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* ---- the fixes ---------------------------------------------------------- */

/* "true" or "false" in quotes -> the boolean. */
static void fix_bool(fix_plan *p, const char *text, size_t len,
                     const postparse_value *fm, const char *key)
{
    const postparse_value *v = postparse_value_get(fm, key, strlen(key));
    uint64_t s, e;
    size_t n;
    const char *str = postparse_value_string(v, &n);

    if (v == NULL || str == NULL || !postparse_value_is_quoted(v) ||
        !postparse_scalar_span(text, len, v, &s, &e))
        return;
    if ((n == 4 && memcmp(str, "true", 4) == 0) ||
        (n == 5 && memcmp(str, "false", 5) == 0))
        plan_add(p, s, e, strndup(str, n), "bool-as-string", key);
}

/* Whether a word can be written as a plain YAML scalar that reads back as
 * the same string (else it is written double-quoted). */
static bool plain_safe(const char *w, size_t n)
{
    static const char *const words[] = {"true", "false", "yes", "no", "on",
                                        "off",  "null",  "y",   "n"};

    if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@`~0123456789.+", w[0]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (strchr(":#,[]{}\"'\\", w[i]) || (unsigned char)w[i] < 0x20)
            return false;
    for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
        if (strlen(words[i]) == n && strncasecmp(words[i], w, n) == 0)
            return false;
    return true;
}

static void append(char **buf, size_t *len, size_t *cap, const char *s,
                   size_t n)
{
    if (*buf == NULL)
        return;
    if (*len + n + 1 > *cap) {
        size_t c = (*len + n + 1) * 2;
        char *b = realloc(*buf, c);

        if (b == NULL) {
            free(*buf);
            *buf = NULL;
            return;
        }
        *buf = b;
        *cap = c;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

/* A string where the rules want a list -> a flow list of the names Jekyll
 * reads from it (tags and categories: split on whitespace; other keys: the
 * string as one item). */
static void fix_list(fix_plan *p, const char *text, size_t len,
                     const postparse_value *fm, const char *key)
{
    const postparse_value *v = postparse_value_get(fm, key, strlen(key));
    bool split = strcmp(key, "tags") == 0 || strcmp(key, "categories") == 0;
    uint64_t s, e;
    size_t n, blen = 0, cap = 64;
    const char *str = postparse_value_string(v, &n);
    char *out = malloc(cap);
    bool first = true;

    if (v == NULL || str == NULL ||
        postparse_value_kind_of(v) != POSTPARSE_VALUE_STRING ||
        !postparse_scalar_span(text, len, v, &s, &e) ||
        memchr(str, '\0', n) != NULL) {
        free(out);
        return;
    }
    if (out != NULL)
        out[0] = '\0';
    append(&out, &blen, &cap, "[", 1);
    for (size_t i = 0; i < n;) {
        size_t j = i;

        if (split) {
            while (i < n && strchr(" \t\n\r\f\v", str[i]))
                i++;
            j = i;
            while (j < n && !strchr(" \t\n\r\f\v", str[j]))
                j++;
        } else {
            j = n;
        }
        if (j == i)
            break;
        if (!first)
            append(&out, &blen, &cap, ", ", 2);
        first = false;
        if (plain_safe(str + i, j - i)) {
            append(&out, &blen, &cap, str + i, j - i);
        } else {
            append(&out, &blen, &cap, "\"", 1);
            for (size_t k = i; k < j; k++) {
                char esc[8];
                unsigned char c = (unsigned char)str[k];

                if (c == '"' || c == '\\')
                    snprintf(esc, sizeof esc, "\\%c", c);
                else if (c < 0x20 || c == 0x7f)
                    snprintf(esc, sizeof esc, "\\x%02x", c);
                else
                    snprintf(esc, sizeof esc, "%c", c);
                append(&out, &blen, &cap, esc, strlen(esc));
            }
            append(&out, &blen, &cap, "\"", 1);
        }
        i = j;
    }
    append(&out, &blen, &cap, "]", 1);
    plan_add(p, s, e, out, "type-mismatch", key);
}

/* A date string Jekyll reads, not in its canonical form -> that form
 * (postparse_date_canonical, docs/dates.md). The quotes are kept. A plain
 * value stays plain when the form is a day ("2025-02-07", a YAML date) or
 * has an offset (a YAML timestamp): Jekyll reads both as the string's
 * instant (checked with jekyll-read in Asia/Shanghai, America/New_York and
 * UTC). With a time and no offset it is double-quoted: plain, it would be
 * a timestamp Jekyll reads as UTC, not in the site's zone. The library's
 * note was checked in the site zone and in UTC; the form is the same in
 * any zone, so UTC (NULL) finds it here. */
static void fix_date(fix_plan *p, const char *text, size_t len,
                     const postparse_value *fm)
{
    const postparse_value *v = postparse_value_get(fm, "date", 4);
    char form[POSTPARSE_DATE_CANONICAL_MAX];
    uint64_t s, e;
    size_t n, c;
    const char *str = postparse_value_string(v, &n);

    if (v == NULL || str == NULL ||
        postparse_value_kind_of(v) != POSTPARSE_VALUE_STRING ||
        !postparse_scalar_span(text, len, v, &s, &e))
        return;
    c = postparse_date_canonical(str, n, NULL, form, sizeof form);
    if (c == 0 || (c == n && memcmp(str, form, n) == 0))
        return;
    char quote = 0;
    if (postparse_value_is_quoted(v)) {
        quote = text[s];
        if (quote != '"' && quote != '\'')
            return;
    } else if (c != 10 && form[c - 6] != '+' && form[c - 6] != '-') {
        quote = '"'; /* neither "YYYY-MM-DD" nor "... +HH:MM" */
    }
    char *out = malloc(c + 3);
    if (out == NULL)
        return;
    if (quote)
        snprintf(out, c + 3, "%c%s%c", quote, form, quote);
    else
        memcpy(out, form, c + 1);
    plan_add(p, s, e, out, "date-not-canonical", "date");
}

/* "key：value" lines of a front matter that did not load -> "key: value". */
static void fix_colons(fix_plan *p, const char *text, size_t len,
                       uint64_t fm_end, const char *code)
{
    size_t i = 0;

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a byte order mark */
    while (i < len && !(text[i] == '\n'))
        i++; /* the opening line */
    for (i++; i < fm_end && i < len;) {
        size_t k = i;

        while (k < len && ((text[k] >= 'a' && text[k] <= 'z') ||
                           (text[k] >= 'A' && text[k] <= 'Z') ||
                           (text[k] >= '0' && text[k] <= '9') ||
                           text[k] == '_' || text[k] == '-'))
            k++;
        if (k > i && k + 3 <= len && memcmp(text + k, FULLWIDTH_COLON, 3) == 0)
            plan_add(p, k, k + 3,
                     strdup(k + 3 < len && (text[k + 3] == ' ' ||
                                            is_line_end(text[k + 3]))
                                ? ":"
                                : ": "),
                     code, NULL);
        while (i < len && text[i] != '\n')
            i++;
        i++;
    }
}

/* ---- reading, checking and writing -------------------------------------- */

static bool read_all(const char *path, char **out, size_t *len, struct stat *sb)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char *buf = NULL;
    size_t n = 0;

    if (fd < 0 || fstat(fd, sb) != 0 || !S_ISREG(sb->st_mode) ||
        (buf = malloc((size_t)sb->st_size + 1)) == NULL) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    while (n < (size_t)sb->st_size) {
        ssize_t got = read(fd, buf + n, (size_t)sb->st_size - n);

        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (n != (size_t)sb->st_size) {
        free(buf);
        return false;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return true;
}

/* The document of text read as check read the file (its site's relative
 * path and defaults, its mtime for a draft's date), or NULL when the parse
 * did not run to its end. */
static postparse_doc *parse_text(postparse_parser *parser, const fix_site *site,
                                 const char *path, const struct stat *sb,
                                 const char *text, size_t len)
{
    postparse_parser_reset(parser);
    if ((site != NULL && site->relative_path != NULL &&
         postparse_parser_set_site_file(parser, site->relative_path,
                                        site->defaults) != POSTPARSE_OK) ||
        postparse_parser_set_path(parser, path) != POSTPARSE_OK ||
        postparse_parser_set_mtime(parser, (int64_t)sb->st_mtim.tv_sec,
                                   (int32_t)sb->st_mtim.tv_nsec) !=
            POSTPARSE_OK ||
        postparse_parser_feed(parser, text, len) != POSTPARSE_OK ||
        postparse_parser_finish(parser) != POSTPARSE_OK)
        return NULL;
    postparse_doc *doc = postparse_parser_take_doc(parser);
    if (doc != NULL && postparse_doc_error(doc) != NULL) {
        postparse_doc_free(doc);
        return NULL;
    }
    return doc;
}

/* A finding, without its place (a fix may move the ones after it). */
static bool same_finding(const postparse_diagnostic *a,
                         const postparse_diagnostic *b)
{
    return strcmp(a->code, b->code) == 0 &&
           strcmp(a->message, b->message) == 0 &&
           (a->key == NULL) == (b->key == NULL) &&
           (a->key == NULL || strcmp(a->key, b->key) == 0);
}

static bool planned(const fix_plan *p, const postparse_diagnostic *d)
{
    for (size_t i = 0; i < p->count; i++)
        if (strcmp(p->codes[i], d->code) == 0 &&
            (p->keys[i] == NULL ? d->key == NULL
                                : d->key && strcmp(p->keys[i], d->key) == 0))
            return true;
    return false;
}

/* The fixed text's findings are the old ones but the fixed: each old one
 * not planned is found once again, and nothing else. */
static bool fix_verified(const postparse_doc *fixed, const postparse_doc *old,
                         const fix_plan *p)
{
    size_t n = postparse_doc_diagnostic_count(fixed), kept = 0;
    size_t old_count = postparse_doc_diagnostic_count(old);
    bool *used = calloc(n + 1, sizeof(bool));
    bool ok = used != NULL;

    for (size_t i = 0; ok && i < old_count; i++) {
        const postparse_diagnostic *o = postparse_doc_diagnostic(old, i);
        bool found = false;

        if (planned(p, o))
            continue;
        kept++;
        for (size_t j = 0; !found && j < n; j++)
            if (!used[j] &&
                same_finding(o, postparse_doc_diagnostic(fixed, j)))
                found = used[j] = true;
        ok = found;
    }
    free(used);
    return ok && kept == n;
}

/* The content check of write_atomic: the file is still old. */
typedef struct same_content {
    const char *path, *old;
    size_t old_len;
} same_content;

static bool content_unchanged(void *ctx)
{
    same_content *c = ctx;
    char *now = NULL;
    size_t now_len = 0;
    struct stat sb;
    bool same = read_all(c->path, &now, &now_len, &sb) &&
                now_len == c->old_len && memcmp(now, c->old, now_len) == 0;

    free(now);
    return same;
}

/* Replaces path with text, unless it changed since it was read (size,
 * modification time, content). */
static const char *write_atomic(const char *path, const char *text, size_t len,
                                const char *old, size_t old_len,
                                const struct stat *read_sb)
{
    atomic_file f;
    same_content c = {path, old, old_len};
    const char *why = atomic_file_open(&f, path);

    if (why != NULL)
        return why;
    atomic_file_write(&f, text, len);
    return atomic_file_commit(&f, path, read_sb, content_unchanged, &c);
}

/* The changed lines as a unified diff without context. */
static void write_diff(FILE *out, const char *path, const char *old,
                       size_t old_len, const char *text, const fix_plan *p)
{
    int64_t shift = 0;

    fprintf(out, "--- %s\n+++ %s\n", path, path);
    for (size_t i = 0; i < p->count; i++) {
        const postparse_edit *e = &p->edits[i];
        size_t ls = (size_t)e->offset, le = (size_t)(e->offset + e->length);
        size_t line = 1;

        while (ls > 0 && old[ls - 1] != '\n')
            ls--;
        while (le < old_len && old[le] != '\n')
            le++;
        for (size_t k = 0; k < ls; k++)
            line += old[k] == '\n';
        /* One line each side: the fixes never add or remove a line. */
        size_t ns = (size_t)((int64_t)ls + shift);
        size_t ne = (size_t)((int64_t)le + shift + (int64_t)e->text_len -
                             (int64_t)e->length);
        fprintf(out, "@@ -%zu +%zu @@\n-%.*s\n+%.*s\n", line, line,
                (int)(le - ls), old + ls, (int)(ne - ns), text + ns);
        shift += (int64_t)e->text_len - (int64_t)e->length;
    }
}

bool fix_wanted(const postparse_doc *doc, const postparse_ruleset *rules)
{
    for (size_t i = 0; i < postparse_doc_diagnostic_count(doc); i++) {
        const postparse_diagnostic *d = postparse_doc_diagnostic(doc, i);

        if (strcmp(d->code, "bool-as-string") == 0 ||
            strcmp(d->code, "date-not-canonical") == 0 ||
            strcmp(d->code, "yaml-syntax") == 0 ||
            strcmp(d->code, "frontmatter-not-mapping") == 0 ||
            (strcmp(d->code, "type-mismatch") == 0 && d->key &&
             postparse_ruleset_wants_list(rules, d->key)))
            return true;
    }
    return false;
}

unsigned fix_file(postparse_parser *parser, const postparse_ruleset *rules,
                  const fix_site *site, const char *path, bool write,
                  FILE *diff)
{
    char *old = NULL, *text = NULL;
    size_t old_len = 0, len = 0;
    struct stat sb;
    fix_plan plan = {.count = 0};
    postparse_doc *before = NULL, *after = NULL;
    unsigned fixed = 0;
    const char *why = NULL;

    if (!read_all(path, &old, &old_len, &sb) ||
        (before = parse_text(parser, site, path, &sb, old, old_len)) == NULL)
        goto done;
    const postparse_value *fm = postparse_doc_front_matter(before);
    const postparse_summary *sum = postparse_doc_summary(before);
    const postparse_post *post = postparse_doc_post(before);
    /* When Jekyll's read stops with an exception, it keeps the values as
     * written (a string tags is not split): a list would change them. */
    bool jekyll_reads = post != NULL && !postparse_post_jekyll_error(post);
    for (size_t i = 0; i < postparse_doc_diagnostic_count(before); i++) {
        const postparse_diagnostic *d = postparse_doc_diagnostic(before, i);

        if (strcmp(d->code, "bool-as-string") == 0 && d->key && fm &&
            (strcmp(d->key, "published") == 0 ||
             strcmp(d->key, "comments") == 0))
            fix_bool(&plan, old, old_len, fm, d->key);
        else if (strcmp(d->code, "type-mismatch") == 0 && d->key && fm &&
                 jekyll_reads && postparse_ruleset_wants_list(rules, d->key))
            fix_list(&plan, old, old_len, fm, d->key);
        else if (strcmp(d->code, "date-not-canonical") == 0 && d->key &&
                 strcmp(d->key, "date") == 0 && fm && jekyll_reads)
            fix_date(&plan, old, old_len, fm);
        else if ((strcmp(d->code, "yaml-syntax") == 0 ||
                  strcmp(d->code, "frontmatter-not-mapping") == 0) &&
                 sum->has_front_matter)
            fix_colons(&plan, old, old_len, sum->body_pos.offset, d->code);
    }
    if (plan.count == 0)
        goto done;
    qsort(plan.edits, plan.count, sizeof(*plan.edits), compare_edits);
    if (postparse_edit_apply(old, old_len, plan.edits, plan.count, NULL, &text,
                             &len) != POSTPARSE_OK ||
        (after = parse_text(parser, site, path, &sb, text, len)) == NULL ||
        !fix_verified(after, before, &plan))
        goto done;
    if (diff != NULL)
        write_diff(diff, path, old, old_len, text, &plan);
    if (write && (why = write_atomic(path, text, len, old, old_len, &sb)))
        fprintf(stderr, "%s: error: %s [fix]\n", path, why);
    if (why == NULL)
        fixed = (unsigned)plan.count;
done:
    plan_free(&plan);
    postparse_doc_free(before);
    postparse_doc_free(after);
    postparse_edit_free(text, len, NULL);
    free(old);
    return fixed;
}
