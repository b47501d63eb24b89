/* SPDX-License-Identifier: MIT */
/* Validation: the built-in blog rules, then the caller's rules, over the
 * front matter's top-level keys. Each finding is a diagnostic at the
 * value's position with its key; docs/diagnostics.md lists the codes. What
 * Jekyll itself does with a value (drops it, raises) is reported by the
 * post layer, so that one problem gives one diagnostic. */
#include "post.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules_file.h"
#include "schema.h"
#include "value.h"

typedef struct checker {
    postparse__diag_list *diags;
    const postparse_options *opt;
    postparse_pos fm_pos;
    postparse_status st;
} checker;

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static void
report(checker *c, postparse_severity sev, postparse_diagnostic_code code,
       postparse_pos pos, const char *key, const char *fmt, ...)
{
    if (c->st != POSTPARSE_OK)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    /* A rule that repeats a built-in one (a rules file's `title: {type:
     * string}`) finds the same thing: said once. */
    for (size_t i = 0; i < c->diags->count; i++) {
        const postparse_diagnostic *d = &c->diags->items[i];
        if (d->pos.offset == pos.offset && d->id == code &&
            strcmp(d->message, msg) == 0)
            return;
    }
    c->st = postparse__diag_add(c->diags, sev, code, pos, key, "%s", msg);
}

static postparse_value_kind kind(const postparse_value *v)
{
    return postparse_value_kind_of(v);
}

/* "an integer (42)", "a mapping": what was found, for messages. */
void postparse__schema_describe(const postparse_value *v, char *buf,
                                size_t size)
{
    static const char *const nouns[] = {
        "null",        "a boolean", "an integer",  "a float", "a string",
        "a timestamp", "a date",    "binary data", "a list",  "a mapping",
    };
    postparse_value_kind k = kind(v);
    const char *noun =
        (unsigned)k < sizeof(nouns) / sizeof(*nouns) ? nouns[k] : "a value";
    size_t len;
    const char *text = postparse_value_text(v, &len);
    if (text && k != POSTPARSE_VALUE_STRING && len <= 40)
        snprintf(buf, size, "%s (%.*s)", noun, (int)len, text);
    else
        snprintf(buf, size, "%s", noun);
}

static void type_mismatch(checker *c, postparse_severity sev, const char *key,
                          const postparse_value *v, const char *expected,
                          const char *consequence)
{
    char found[96];
    postparse__schema_describe(v, found, sizeof(found));
    report(c, sev, POSTPARSE_DIAG_TYPE_MISMATCH, postparse_value_pos(v), key,
           "'%s' is %s; expected %s%s", key, found, expected,
           consequence ? consequence : "");
}

static bool string_is(const postparse_value *v, const char *s)
{
    size_t len;
    const char *p = postparse_value_string(v, &len);
    return kind(v) == POSTPARSE_VALUE_STRING && len == strlen(s) &&
           !memcmp(p, s, len);
}

static void check_bool(checker *c, const char *key, const postparse_value *v,
                       postparse_severity sev)
{
    if (kind(v) == POSTPARSE_VALUE_BOOL)
        return;
    if (string_is(v, "true") || string_is(v, "false")) {
        bool is_false = string_is(v, "false");
        const char *jekyll =
            strcmp(key, "published") == 0
                ? (is_false ? "Jekyll publishes the post anyway: only the "
                              "boolean false hides it"
                            : "Jekyll reads it as a string, not a boolean")
                : "templates see a string, which is true in Liquid even "
                  "when it says \"false\"";
        report(c, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_BOOL_AS_STRING,
               postparse_value_pos(v), key,
               "'%s' is the string \"%s\", not a boolean: %s; expected "
               "%s without quotes",
               key, is_false ? "false" : "true", jekyll,
               is_false ? "false" : "true");
        return;
    }
    type_mismatch(c, sev, key, v, "true or false", NULL);
}

/* A control character in a string Jekyll keeps as it is: what it is and
 * where, in code points. */
static void check_control(checker *c, const char *key, const postparse_value *v)
{
    size_t len, at;
    const char *s = postparse_value_string(v, &len);
    uint32_t cp;
    if (kind(v) != POSTPARSE_VALUE_STRING ||
        !postparse__schema_control_find(s, len, &cp, &at))
        return;
    char name[48];
    postparse__schema_control_name(cp, name, sizeof name);
    report(c, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_CONTROL_CHARACTER,
           postparse_value_pos(v), key,
           "'%s' holds the control character %s at character %zu: Jekyll "
           "keeps it and writes it into the page unseen%s; expected text "
           "without it: delete it, or write the character meant",
           key, name, at,
           cp == 0x85 ? " (U+0085 is often an ellipsis from Windows-1252 "
                        "read as Latin-1)"
                      : "");
}

/* One name of tags or categories (item from 1; 0: the whole string, split
 * into names on whitespace as Jekyll does for the plural keys). */
static void check_taxonomy_string(checker *c, const char *key,
                                  const postparse_value *v, size_t item)
{
    size_t len;
    const char *s = postparse_value_string(v, &len);
    bool categories =
        strcmp(key, "categories") == 0 || strcmp(key, "category") == 0;
    bool split = item == 0 &&
                 (strcmp(key, "categories") == 0 || strcmp(key, "tags") == 0);
    size_t i = 0;
    while (i < len) {
        size_t start = i, end = len;
        if (split) {
            while (start < len && strchr(" \t\n\v\f\r", s[start]) && s[start])
                start++;
            end = start;
            while (end < len && !(strchr(" \t\n\v\f\r", s[end]) && s[end]))
                end++;
            if (end == start)
                break;
        }
        i = end;
        postparse__name_problem pr =
            postparse__schema_taxonomy_problem(s + start, end - start);
        if (pr == POSTPARSE__NAME_OK)
            continue;
        char which[64];
        if (item)
            snprintf(which, sizeof which, "item %zu of '%s'", item, key);
        else
            snprintf(which, sizeof which, "'%s'", key);
        const char *where =
            categories ? "Jekyll makes each category a folder of the post's URL"
                       : "tag pages (jekyll-archives and the like) make "
                         "each tag a folder of a URL";
        /* The message is escaped: a control character shows as \u0001. */
        char shown[72];
        snprintf(shown, sizeof shown, "\"%.*s\"",
                 (int)(end - start > 60 ? 60 : end - start), s + start);
        if (pr == POSTPARSE__NAME_DOTS)
            report(c, POSTPARSE_SEVERITY_WARNING,
                   POSTPARSE_DIAG_TAXONOMY_NOT_A_NAME, postparse_value_pos(v),
                   key,
                   "%s has the name %s: %s, and its URL cleaning drops \".\" "
                   "and \"..\", so the name vanishes from the URL; expected "
                   "a word such as \"notes\"",
                   which, shown, where);
        else if (pr == POSTPARSE__NAME_SUBFOLDER)
            report(c, POSTPARSE_SEVERITY_WARNING,
                   POSTPARSE_DIAG_TAXONOMY_NOT_A_NAME, postparse_value_pos(v),
                   key,
                   "%s has the name %s, with a '/': %s, so this name becomes "
                   "two or more folders; expected one name without '/', such "
                   "as \"a-b\"",
                   which, shown, where);
        else
            report(c, POSTPARSE_SEVERITY_WARNING,
                   POSTPARSE_DIAG_TAXONOMY_NOT_A_NAME, postparse_value_pos(v),
                   key,
                   "%s has the name %s, with a control character: %s and "
                   "the character goes into it unseen; expected a name "
                   "without control characters",
                   which, shown, where);
    }
}

static void check_layout(checker *c, const postparse_value *v)
{
    size_t len;
    const char *s = postparse_value_string(v, &len);
    postparse__name_problem pr = postparse__schema_layout_problem(s, len);
    if (pr == POSTPARSE__NAME_OK)
        return;
    char shown[96];
    snprintf(shown, sizeof shown, "\"%.*s\"", (int)(len > 80 ? 80 : len), s);
    if (pr == POSTPARSE__NAME_SUBFOLDER)
        report(c, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_LAYOUT_NOT_A_NAME,
               postparse_value_pos(v), "layout",
               "'layout' is %s, a path: Jekyll names a layout by its file's "
               "path under _layouts without the extension, so this finds only "
               "_layouts/%.*s.html (or another extension) and otherwise the "
               "post renders with no layout and a build warning; expected a "
               "plain name such as \"post\"",
               shown, (int)(len > 80 ? 80 : len), s);
    else
        report(c, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_LAYOUT_NOT_A_NAME,
               postparse_value_pos(v), "layout",
               "'layout' is %s, a path no layout can have: Jekyll names a "
               "layout by its file's path under _layouts without the "
               "extension, so the post renders with no layout and a build "
               "warning; expected a plain name such as \"post\"",
               shown);
}

/* singular: `tag` or `category`, whose names only are checked (Jekyll
 * takes them whole, flattened). */
static void check_taxonomy(checker *c, const char *key,
                           const postparse_value *v, bool is_categories,
                           bool singular)
{
    postparse_value_kind k = kind(v);
    if (k == POSTPARSE_VALUE_STRING) {
        check_taxonomy_string(c, key, v, 0);
        return;
    }
    if (k != POSTPARSE_VALUE_SEQUENCE) {
        if (singular)
            return;
        /* A scalar or mapping `categories` is the post layer's
         * categories-type-error (Jekyll raises on it). */
        if (is_categories && k != POSTPARSE_VALUE_BINARY)
            return;
        if (k == POSTPARSE_VALUE_MAPPING)
            report(c, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_TAXONOMY_MAPPING,
                   postparse_value_pos(v), key,
                   "'%s' is a mapping; expected a list ([a, b]) or a "
                   "space-separated string; Jekyll ignores it",
                   key);
        else
            type_mismatch(c, POSTPARSE_SEVERITY_ERROR, key, v,
                          "a list ([a, b]) or a space-separated string",
                          "; Jekyll ignores it");
        return;
    }
    for (size_t i = 0; i < postparse_value_length(v); i++) {
        const postparse_value *item = postparse_value_index(v, i);
        if (kind(item) == POSTPARSE_VALUE_MAPPING && !singular)
            report(c, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_TAXONOMY_MAPPING,
                   postparse_value_pos(item), key,
                   "item %zu of '%s' is a mapping; expected a name (a "
                   "string); Jekyll keeps it as a hash",
                   i + 1, key);
        else if (postparse__schema_flatten_raises(item, v))
            report(c, POSTPARSE_SEVERITY_ERROR,
                   POSTPARSE_DIAG_TAXONOMY_RECURSIVE, postparse_value_pos(item),
                   key,
                   "item %zu of '%s' is a list that contains itself (a "
                   "recursive alias): Jekyll raises ArgumentError (tried to "
                   "flatten recursive array), logs that it could not read "
                   "the file and keeps the post with '%s' as written and no "
                   "excerpt; expected names: write the items out instead of "
                   "the alias",
                   i + 1, key, key);
        else if (kind(item) == POSTPARSE_VALUE_SEQUENCE && !singular)
            report(c, POSTPARSE_SEVERITY_WARNING,
                   POSTPARSE_DIAG_TAXONOMY_NESTED, postparse_value_pos(item),
                   key,
                   "item %zu of '%s' is a list; expected a name (a string); "
                   "Jekyll flattens it into the outer list",
                   i + 1, key);
        else if (kind(item) == POSTPARSE_VALUE_STRING)
            check_taxonomy_string(c, key, item, i + 1);
    }
}

static void check_string(checker *c, const char *key, const postparse_value *v,
                         bool non_empty)
{
    postparse_value_kind k = kind(v);
    if (k == POSTPARSE_VALUE_STRING) {
        size_t len;
        postparse_value_string(v, &len);
        if (non_empty && len == 0)
            report(c, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_EMPTY_STRING,
                   postparse_value_pos(v), key,
                   "'%s' is an empty string; expected a name such as "
                   "\"post\"",
                   key);
        else if (strcmp(key, "layout") == 0)
            check_layout(c, v);
        return;
    }
    bool collection =
        k == POSTPARSE_VALUE_SEQUENCE || k == POSTPARSE_VALUE_MAPPING;
    type_mismatch(c,
                  collection || non_empty ? POSTPARSE_SEVERITY_ERROR
                                          : POSTPARSE_SEVERITY_WARNING,
                  key, v, "a string", NULL);
}

static void check_date(checker *c, const postparse_value *v)
{
    switch (kind(v)) {
    case POSTPARSE_VALUE_TIMESTAMP:
    case POSTPARSE_VALUE_DATE:
    case POSTPARSE_VALUE_STRING: /* read by the post layer */
        return;
    default:
        type_mismatch(c, POSTPARSE_SEVERITY_ERROR, "date", v,
                      "a date such as 2025-02-07 or 2025-02-07 20:00:00 +0100",
                      "; Jekyll stops the build (InvalidDateError)");
    }
}

static void builtin_rules(checker *c, const postparse_value *fm)
{
    for (size_t i = 0; i < postparse_value_length(fm); i++) {
        size_t klen;
        const char *key =
            postparse_value_string(postparse_value_key_at(fm, i), &klen);
        const postparse_value *v = postparse_value_value_at(fm, i);
        if (!key || kind(v) == POSTPARSE_VALUE_NULL) {
            if (key && strcmp(key, "published") == 0)
                report(c, POSTPARSE_SEVERITY_WARNING,
                       POSTPARSE_DIAG_PUBLISHED_NULL, postparse_value_pos(v),
                       key,
                       "'published' is empty (null): Jekyll does not "
                       "publish the post although published? says true; "
                       "write true or false");
            continue;
        }
        bool taxonomy = strcmp(key, "tags") == 0 || strcmp(key, "tag") == 0 ||
                        strcmp(key, "categories") == 0 ||
                        strcmp(key, "category") == 0;
        if (!taxonomy)
            check_control(c, key, v);
        /* Most keys (author, excerpt, ...) have no other built-in rule:
         * their first letter says so without a comparison each. */
        if (!strchr("lptdc", key[0]) || key[0] == '\0')
            continue;
        if (strcmp(key, "layout") == 0)
            check_string(c, key, v, true);
        else if (strcmp(key, "title") == 0 || strcmp(key, "permalink") == 0)
            check_string(c, key, v, false);
        else if (strcmp(key, "date") == 0)
            check_date(c, v);
        else if (strcmp(key, "tags") == 0)
            check_taxonomy(c, key, v, false, false);
        else if (strcmp(key, "categories") == 0)
            check_taxonomy(c, key, v, true, false);
        else if (taxonomy)
            check_taxonomy(c, key, v, false, true); /* tag, category */
        else if (strcmp(key, "comments") == 0 || strcmp(key, "published") == 0)
            check_bool(c, key, v, POSTPARSE_SEVERITY_ERROR);
    }
}

/* ---- user rules ---------------------------------------------------------
 */

static const char *const type_names[] = {
    "any value",
    "a string",
    "true or false",
    "an integer",
    "a number",
    "a date such as 2025-02-07 or 2025-02-07 20:00:00 +0100",
    "a list",
    "a mapping",
    "a string or a list of names",
};

const char *postparse__schema_type_name(postparse_rule_type type)
{
    return type_names[(unsigned)type < 9 ? type : 0];
}

bool postparse__schema_type_ok(postparse_rule_type type,
                               const postparse_value *v,
                               const postparse_tz *zone)
{
    postparse_value_kind k = kind(v);
    switch (type) {
    case POSTPARSE_RULE_ANY:
        return true;
    case POSTPARSE_RULE_STRING:
        return k == POSTPARSE_VALUE_STRING;
    case POSTPARSE_RULE_BOOL:
        return k == POSTPARSE_VALUE_BOOL;
    case POSTPARSE_RULE_INT:
        return k == POSTPARSE_VALUE_INT;
    case POSTPARSE_RULE_NUMBER:
        return k == POSTPARSE_VALUE_INT || k == POSTPARSE_VALUE_FLOAT;
    case POSTPARSE_RULE_DATE: {
        if (k == POSTPARSE_VALUE_TIMESTAMP || k == POSTPARSE_VALUE_DATE)
            return true;
        size_t len;
        const char *s = postparse_value_string(v, &len);
        postparse_date_result res;
        return k == POSTPARSE_VALUE_STRING &&
               postparse_date_parse_jekyll(s, len, zone, &res) ==
                   POSTPARSE_DATE_OK;
    }
    case POSTPARSE_RULE_LIST:
        return k == POSTPARSE_VALUE_SEQUENCE;
    case POSTPARSE_RULE_MAPPING:
        return k == POSTPARSE_VALUE_MAPPING;
    case POSTPARSE_RULE_STRING_LIST:
        if (k == POSTPARSE_VALUE_STRING)
            return true;
        if (k != POSTPARSE_VALUE_SEQUENCE)
            return false;
        for (size_t i = 0; i < postparse_value_length(v); i++) {
            postparse_value_kind ik = kind(postparse_value_index(v, i));
            if (ik == POSTPARSE_VALUE_SEQUENCE || ik == POSTPARSE_VALUE_MAPPING)
                return false;
        }
        return true;
    }
    return true;
}

static void user_rule(checker *c, const postparse_rule *r,
                      const postparse_value *fm)
{
    if (!r->key)
        return;
    const postparse_value *v = postparse_value_get(fm, r->key, strlen(r->key));
    postparse_severity sev = r->severity;
    if (!v || kind(v) == POSTPARSE_VALUE_NULL) {
        if (r->required)
            report(c, sev, POSTPARSE_DIAG_REQUIRED_KEY,
                   v ? postparse_value_pos(v) : c->fm_pos, r->key,
                   "'%s' is %s; expected %s", r->key,
                   v ? "empty (null)" : "missing",
                   type_names[(unsigned)r->type < 9 ? r->type : 0]);
        return;
    }
    if (r->type == POSTPARSE_RULE_BOOL &&
        (string_is(v, "true") || string_is(v, "false"))) {
        check_bool(c, r->key, v, sev);
    } else if (!postparse__schema_type_ok(r->type, v, c->opt->site_zone)) {
        type_mismatch(c, sev, r->key, v,
                      type_names[(unsigned)r->type < 9 ? r->type : 0], NULL);
        return;
    }
    size_t len;
    const char *s = postparse_value_string(v, &len);
    if (s && kind(v) == POSTPARSE_VALUE_STRING) {
        size_t chars =
            (size_t)postparse_text_length(s, len, POSTPARSE_TEXT_CODEPOINTS);
        if (chars < r->min_chars)
            report(c, sev, POSTPARSE_DIAG_TOO_SHORT, postparse_value_pos(v),
                   r->key, "'%s' has %zu characters; expected at least %zu",
                   r->key, chars, r->min_chars);
        if (r->max_chars && chars > r->max_chars)
            report(c, sev, POSTPARSE_DIAG_TOO_LONG, postparse_value_pos(v),
                   r->key, "'%s' has %zu characters; expected at most %zu",
                   r->key, chars, r->max_chars);
        size_t width = (size_t)postparse_text_width(s, len);
        if (r->max_width && width > r->max_width)
            report(c, sev, POSTPARSE_DIAG_TOO_WIDE, postparse_value_pos(v),
                   r->key,
                   "'%s' is %zu columns wide (wide characters count 2); "
                   "expected at most %zu",
                   r->key, width, r->max_width);
    }
    if (r->check) {
        char msg[512];
        msg[0] = '\0';
        if (!r->check(r->user_data, r->key, v, msg, sizeof(msg))) {
            msg[sizeof(msg) - 1] = '\0';
            if (c->st != POSTPARSE_OK)
                return;
            c->st = postparse__diag_add_named(
                c->diags, sev, POSTPARSE_DIAG_RULE_FAILED,
                r->code ? r->code
                        : postparse_diagnostic_code_name(
                              POSTPARSE_DIAG_RULE_FAILED),
                postparse_value_pos(v), r->key, "%s",
                msg[0] ? msg : "the value does not pass the rule");
        }
    }
}

postparse_status postparse__schema_check(postparse__diag_list *diags,
                                         const postparse_options *opt,
                                         const postparse_value *front_matter,
                                         postparse_pos front_matter_pos)
{
    checker c = {diags, opt, front_matter_pos, POSTPARSE_OK};
    const postparse_value *fm =
        kind(front_matter) == POSTPARSE_VALUE_MAPPING ? front_matter : NULL;
    if (opt->builtin_rules && fm)
        builtin_rules(&c, fm);
    if (!postparse__schema_rules_valid(opt))
        return c.st;
    /* The caller's struct may be a later, longer one: step by its size and
     * read the fields this library knows. */
    size_t stride = opt->rule_count ? opt->rules[0].size : 0;
    for (size_t i = 0; i < opt->rule_count; i++) {
        postparse_rule r;
        memcpy(&r, (const char *)opt->rules + i * stride, sizeof r);
        user_rule(&c, &r, fm);
    }
    /* A rules file's fields: their base rules as the caller's, then what
     * a postparse_rule cannot say. */
    size_t n;
    const postparse_rule *rules = postparse__ruleset_rules(opt->ruleset, &n);
    for (size_t i = 0; i < n; i++)
        user_rule(&c, &rules[i], fm);
    if (c.st == POSTPARSE_OK && opt->ruleset)
        c.st = postparse__ruleset_check(opt->ruleset, diags, opt, fm);
    return c.st;
}

bool postparse__schema_rules_valid(const postparse_options *opt)
{
    if (!opt->rule_count)
        return true;
    if (!opt->rules || opt->rules[0].size < sizeof(postparse_rule))
        return false;
    size_t stride = opt->rules[0].size;
    for (size_t i = 1; i < opt->rule_count; i++) {
        size_t size;
        memcpy(&size, (const char *)opt->rules + i * stride, sizeof size);
        if (size != stride)
            return false;
    }
    return true;
}
