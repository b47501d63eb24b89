/* SPDX-License-Identifier: MIT */
/* Validation: the built-in rules and user rules, and the diagnostics the
 * post layer adds where Jekyll silently does something surprising. Each
 * row lists every diagnostic expected, in order, with its exact code,
 * severity, place (line:column of the value) and key. What Jekyll does in
 * each case (noted per row) was checked with the oracle
 * (shared/oracle/jekyll-read --time 2026-01-01T00:00:00Z). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <postparse/postparse.h>

#include "parser_results.h"

typedef struct expected_diag {
    const char *code;
    postparse_severity severity;
    unsigned line, column;
    const char *key; /* NULL: none */
} expected_diag;

/* The same with the exact message, for the codes whose wording says what
 * Jekyll does and what to write. */
typedef struct expected_message {
    expected_diag diag;
    const char *message;
} expected_message;

#define E POSTPARSE_SEVERITY_ERROR
#define W POSTPARSE_SEVERITY_WARNING
#define N POSTPARSE_SEVERITY_NOTE

typedef struct schema_case {
    const char *what;
    const char *path;
    const char *input;
    expected_diag diags[4];
} schema_case;

static const schema_case cases[] = {
    {"clean post",
     "2025-02-07-ok.md",
     "---\nlayout: post\ntitle: T\ntags: [a, b]\ncomments: true\n---\nx\n",
     {{0}}},
    {"layout must be a non-empty string",
     "2025-02-07-a.md",
     "---\nlayout: ''\n---\nx\n",
     {{"empty-string", E, 2, 9, "layout"}}},
    /* Jekyll keeps layout: [post] as an array. */
    {"layout as a list",
     "2025-02-07-a.md",
     "---\nlayout: [post]\n---\nx\n",
     {{"type-mismatch", E, 2, 9, "layout"}}},
    /* Jekyll publishes the post: only the boolean false hides it. */
    {"published as the string false",
     "2025-02-07-a.md",
     "---\npublished: \"false\"\n---\nx\n",
     {{"bool-as-string", W, 2, 12, "published"}}},
    {"comments as a string",
     "2025-02-07-a.md",
     "---\ncomments: 'true'\n---\nx\n",
     {{"bool-as-string", W, 2, 11, "comments"}}},
    {"comments as a number",
     "2025-02-07-a.md",
     "---\ncomments: 1\n---\nx\n",
     {{"type-mismatch", E, 2, 11, "comments"}}},
    /* Jekyll: published? true, but processable false ("not publishable"). */
    {"published null",
     "2025-02-07-a.md",
     "---\npublished:\n---\nx\n",
     {{"published-null", W, 2, 11, "published"}}},
    /* Jekyll: TypeError, all front matter lost. */
    {"categories as a number",
     "2025-02-07-a.md",
     "---\ntitle: T\ncategories: 2024\n---\nx\n",
     {{"categories-type-error", E, 3, 13, "categories"}}},
    {"tags as a mapping",
     "2025-02-07-a.md",
     "---\ntags: {a: 1}\n---\nx\n",
     {{"taxonomy-mapping", E, 2, 7, "tags"}}},
    {"tags items",
     "2025-02-07-a.md",
     "---\ntags:\n  - a\n  - {b: 1}\n  - [c]\n---\nx\n",
     {{"taxonomy-mapping", E, 4, 5, "tags"},
      {"taxonomy-nested", W, 5, 5, "tags"}}},
    {"title as a number",
     "2025-02-07-a.md",
     "---\ntitle: 123\n---\nx\n",
     {{"type-mismatch", W, 2, 8, "title"}}},
    {"permalink as a mapping",
     "2025-02-07-a.md",
     "---\npermalink: {a: 1}\n---\nx\n",
     {{"type-mismatch", E, 2, 12, "permalink"}}},
    /* Jekyll: March 2 (oracle point 14). */
    {"impossible date",
     "2025-02-07-a.md",
     "---\ndate: 2025-02-30\n---\nx\n",
     {{"date-rolled-over", E, 2, 15, "date"}}},
    /* Jekyll: InvalidDateError, the build aborts. */
    {"no date in date",
     "2025-02-07-a.md",
     "---\ndate: not a date\n---\nx\n",
     {{"date-no-date", E, 2, 7, "date"}}},
    {"a year as the date",
     "2025-02-07-a.md",
     "---\ndate: 2024\n---\nx\n",
     {{"date-invalid", E, 2, 7, "date"}, {"type-mismatch", E, 2, 7, "date"}}},
    {"month 13 in the file name",
     "2025-13-45-a.md",
     "x\n",
     {{"date-month-out-of-range", E, 1, 1, NULL}}},
    /* Jekyll drops the fraction (oracle point 12). */
    {"fraction of a second",
     "2025-02-07-a.md",
     "---\ndate: 2025-02-07T20:00:59.789Z\n---\nx\n",
     {{"date-fraction-dropped", N, 2, 7, "date"}}},
    /* Jekyll appends {% endif %} to the excerpt and warns. */
    {"separator inside a Liquid block",
     "2025-02-07-a.md",
     "---\n---\n{% if a %}\nA\n\nB {% endif %}\n",
     {{"excerpt-liquid-closed", W, 3, 1, "excerpt_separator"}}},
};

static void check_diagnostics(const postparse_parser *p, const char *what,
                              const expected_diag *want)
{
    size_t n = 0;
    while (n < 4 && want[n].code)
        n++;
    size_t got = postparse_parser_diagnostic_count(p);
    for (size_t i = 0; i < got; i++) {
        const postparse_diagnostic *d = postparse_parser_diagnostic(p, i);
        print_message(
            "%s: %llu:%llu %s [%s] %s\n", what, (unsigned long long)d->pos.line,
            (unsigned long long)d->pos.column,
            postparse_severity_name(d->severity), d->code, d->message);
    }
    assert_int_equal(got, n);
    for (size_t i = 0; i < n; i++) {
        const postparse_diagnostic *d = postparse_parser_diagnostic(p, i);
        assert_string_equal(d->code, want[i].code);
        assert_int_equal(d->severity, want[i].severity);
        assert_int_equal(d->pos.line, want[i].line);
        assert_int_equal(d->pos.column, want[i].column);
        if (want[i].key)
            assert_string_equal(d->key, want[i].key);
        else
            assert_null(d->key);
        assert_true(strstr(d->message, "expected") != NULL ||
                    strstr(d->message, "Jekyll") != NULL);
    }
}

static postparse_parser *parse(const char *path, const char *input,
                               const postparse_rule *rules, size_t count)
{
    postparse_options opt;
    postparse_options_init(&opt);
    opt.path = path;
    opt.site_time_set = true;
    opt.site_time = 1767225600;
    opt.rules = rules;
    opt.rule_count = count;
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, input, strlen(input)),
                     POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    return p;
}

static void test_builtin_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        postparse_parser *p = parse(cases[i].path, cases[i].input, NULL, 0);
        check_diagnostics(p, cases[i].what, cases[i].diags);
        postparse_parser_free(p);
    }
}

static bool no_spaces(void *user_data, const char *key,
                      const postparse_value *value, char *message, size_t size)
{
    (void)key;
    *(int *)user_data += 1;
    const char *s = postparse_value_string(value, NULL);
    if (s && !strchr(s, ' '))
        return true;
    snprintf(message, size, "'%s' has a space; expected one word", key);
    return false;
}

typedef struct message_case {
    const char *what;
    const char *input;
    expected_message diags[4];
} message_case;

/* What Jekyll does in each was checked with the oracle; the file name is
 * 2025-02-07-a.md. */
static const message_case message_cases[] = {
    /* Jekyll keeps both characters (oracle: "a\u0085b\u0000c"); one
     * warning a value, at its first control character. */
    {"control characters in a string field",
     "---\ntitle: \"a\\x85b\\0c\"\nauthor: \"\\e[31m\"\nnote: "
     "\"tab\\tok\"\n---\nx\n",
     {{{"control-character", W, 2, 8, "title"},
       "'title' holds the control character U+0085 (NEL, next line) at "
       "character 2: Jekyll keeps it and writes it into the page unseen "
       "(U+0085 is often an ellipsis from Windows-1252 read as Latin-1); "
       "expected text without it: delete it, or write the character meant"},
      {{"control-character", W, 3, 9, "author"},
       "'author' holds the control character U+001B (ESC) at character 1: "
       "Jekyll keeps it and writes it into the page unseen; expected text "
       "without it: delete it, or write the character meant"}}},
    /* A raw NEL is a line break to libyaml: Jekyll's title is "a b". */
    {"a raw NEL in the YAML text",
     "---\ntitle: \"a\xc2\x85"
     "b\"\n---\nx\n",
     {{{"control-character", W, 2, 10, NULL},
       "a NEL character (U+0085) in the front matter: YAML reads it as a "
       "line break, so Jekyll's value has a space or a new line in its "
       "place (or the YAML does not load); delete it, or write the "
       "character meant (often an ellipsis, U+2026, from Windows-1252 read "
       "as Latin-1)"}}},
    /* Jekyll: layout "../x", no such layout (a render-time warning). */
    {"layout as a path",
     "---\nlayout: ../x\n---\nx\n",
     {{{"layout-not-a-name", W, 2, 9, "layout"},
       "'layout' is \"../x\", a path no layout can have: Jekyll names a "
       "layout by its file's path under _layouts without the extension, so "
       "the post renders with no layout and a build warning; expected a "
       "plain name such as \"post\""}}},
    {"layout in a subfolder",
     "---\nlayout: a/b\n---\nx\n",
     {{{"layout-not-a-name", W, 2, 9, "layout"},
       "'layout' is \"a/b\", a path: Jekyll names a layout by its file's "
       "path under _layouts without the extension, so this finds only "
       "_layouts/a/b.html (or another extension) and otherwise the post "
       "renders with no layout and a build warning; expected a plain name "
       "such as \"post\""}}},
    /* Jekyll: url /a/b/2025/02/07/a.html (".." dropped, "a/b" two
     * folders). */
    {"categories that are not names",
     "---\ncategories: [.., a/b, ok]\ntags: \"x .\"\ncategory: "
     "\"c\\x01\"\n---\nx\n",
     {{{"taxonomy-not-a-name", W, 2, 14, "categories"},
       "item 1 of 'categories' has the name \"..\": Jekyll makes each "
       "category a folder of the post's URL, and its URL cleaning drops "
       "\".\" and \"..\", so the name vanishes from the URL; expected a word "
       "such as \"notes\""},
      {{"taxonomy-not-a-name", W, 2, 18, "categories"},
       "item 2 of 'categories' has the name \"a/b\", with a '/': Jekyll "
       "makes each category a folder of the post's URL, so this name "
       "becomes two or more folders; expected one name without '/', such "
       "as \"a-b\""},
      {{"taxonomy-not-a-name", W, 3, 7, "tags"},
       "'tags' has the name \".\": tag pages (jekyll-archives and the "
       "like) make each tag a folder of a URL, and its URL cleaning drops "
       "\".\" and \"..\", so the name vanishes from the URL; expected a word "
       "such as \"notes\""},
      {{"taxonomy-not-a-name", W, 4, 11, "category"},
       "'category' has the name \"c\\x01\", with a control character: "
       "Jekyll makes each category a folder of the post's URL and the "
       "character goes into it unseen; expected a name without control "
       "characters"}}},
    /* Jekyll: ArgumentError (tried to flatten recursive array), logged;
     * the post is kept with tags as written. */
    {"tags that contain themselves",
     "---\ntags: &t [a, *t]\n---\nx\n",
     {{{"taxonomy-recursive", E, 2, 7, "tags"},
       "item 2 of 'tags' is a list that contains itself (a recursive "
       "alias): Jekyll raises ArgumentError (tried to flatten recursive "
       "array), logs that it could not read the file and keeps the post "
       "with 'tags' as written and no excerpt; expected names: write the "
       "items out instead of the alias"}}},
};

static void test_silent_values(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof message_cases / sizeof *message_cases; c++) {
        const message_case *mc = &message_cases[c];
        postparse_parser *p = parse("2025-02-07-a.md", mc->input, NULL, 0);
        expected_diag want[4] = {{0}};
        for (size_t i = 0; i < 4; i++)
            want[i] = mc->diags[i].diag;
        check_diagnostics(p, mc->what, want);
        for (size_t i = 0; i < 4 && want[i].code; i++)
            assert_string_equal(postparse_parser_diagnostic(p, i)->message,
                                mc->diags[i].message);
        postparse_parser_free(p);
    }
}

static void test_user_rules(void **state)
{
    (void)state;
    int calls = 0;
    postparse_rule rules[5];
    for (int i = 0; i < 5; i++)
        postparse_rule_init(&rules[i]);
    rules[0].key = "title";
    rules[0].type = POSTPARSE_RULE_STRING;
    rules[0].max_chars = 4;
    rules[0].max_width = 6;
    rules[1].key = "author";
    rules[1].required = true;
    rules[2].key = "summary";
    rules[2].min_chars = 10;
    rules[2].severity = POSTPARSE_SEVERITY_WARNING;
    rules[3].key = "slug";
    rules[3].check = no_spaces;
    rules[3].user_data = &calls;
    rules[3].code = "slug-spaces";
    rules[4].key = "draft";
    rules[4].type = POSTPARSE_RULE_BOOL;
    /* "中文标题" is 4 characters and 8 columns: too wide, not too long. */
    postparse_parser *p = parse(
        "2025-02-07-a.md",
        "---\ntitle: 中文标题\nsummary: short\nslug: a b\ndraft: yes\n---\nx\n",
        rules, 5);
    static const expected_diag want[4] = {
        {"too-wide", E, 2, 8, "title"},
        {"required-key", E, 1, 1, "author"},
        {"too-short", W, 3, 10, "summary"},
        {"slug-spaces", E, 4, 7, "slug"},
    };
    check_diagnostics(p, "user rules", want);
    assert_int_equal(calls, 1);
    postparse_parser_free(p);

    rules[0].max_width = 0;
    rules[0].max_chars = 3;
    p = parse("2025-02-07-a.md",
              "---\ntitle: 中文标题\nauthor: me\nsummary: long enough\n"
              "draft: 'no'\n---\nx\n",
              rules, 5);
    static const expected_diag want2[4] = {
        {"too-long", E, 2, 8, "title"},
        {"type-mismatch", E, 5, 8, "draft"},
    };
    check_diagnostics(p, "user rules 2", want2);
    postparse_parser_free(p);
}

/* Width is the text layer's (postparse_text_width): a cluster at a time, so
 * an emoji ZWJ family is 2 columns, not the 6 of its code points one by
 * one; and the message says the width it measured. */
static void test_rule_width_clusters(void **state)
{
    (void)state;
    postparse_rule rules[1];
    postparse_rule_init(&rules[0]);
    rules[0].key = "title";
    rules[0].max_width = 2;
    /* U+1F468 ZWJ U+1F469 ZWJ U+1F467: one cluster, 5 code points. */
    const char *family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9"
                         "\xE2\x80\x8D\xF0\x9F\x91\xA7";
    assert_int_equal(postparse_text_width(family, strlen(family)), 2);
    char input[128];
    snprintf(input, sizeof input, "---\ntitle: %s\n---\nx\n", family);
    postparse_parser *p = parse("2025-02-07-a.md", input, rules, 1);
    static const expected_diag none[4]; /* all zero: no finding */
    check_diagnostics(p, "family, max_width 2", none);
    postparse_parser_free(p);

    /* The family, a wide character and a letter: 2 + 2 + 1 columns. */
    snprintf(input, sizeof input,
             "---\ntitle: %s\xE4\xB8\xAD"
             "a\n---\nx\n",
             family);
    p = parse("2025-02-07-a.md", input, rules, 1);
    static const expected_diag wide[4] = {{"too-wide", E, 2, 8, "title"}};
    check_diagnostics(p, "family and more, max_width 2", wide);
    assert_string_equal(postparse_parser_diagnostic(p, 0)->message,
                        "'title' is 5 columns wide (wide characters count 2); "
                        "expected at most 2");
    postparse_parser_free(p);

    /* max_chars counts code points, as Ruby's String#length: 5. */
    rules[0].max_width = 0;
    rules[0].max_chars = 4;
    snprintf(input, sizeof input, "---\ntitle: %s\n---\nx\n", family);
    p = parse("2025-02-07-a.md", input, rules, 1);
    static const expected_diag long_[4] = {{"too-long", E, 2, 8, "title"}};
    check_diagnostics(p, "family, max_chars 4", long_);
    assert_string_equal(postparse_parser_diagnostic(p, 0)->message,
                        "'title' has 5 characters; expected at most 4");
    postparse_parser_free(p);
}

/* A rule struct of a later version, longer than this one: the table is
 * read with its stride, and the callback's findings keep the rule's code
 * string while their id is RULE_FAILED. */
typedef struct later_rule {
    postparse_rule rule;
    uint64_t field_of_a_later_version;
} later_rule;

static void test_rule_sizes(void **state)
{
    (void)state;
    int calls = 0;
    later_rule rules[2];
    memset(rules, 0xAB, sizeof rules);
    for (int i = 0; i < 2; i++) {
        postparse_rule_init(&rules[i].rule);
        assert_int_equal(rules[i].rule.size, sizeof(postparse_rule));
        rules[i].rule.size = sizeof(later_rule);
    }
    rules[0].rule.key = "author";
    rules[0].rule.required = true;
    rules[1].rule.key = "slug";
    rules[1].rule.check = no_spaces;
    rules[1].rule.user_data = &calls;
    rules[1].rule.code = "slug-spaces";
    postparse_parser *p =
        parse("2025-02-07-a.md", "---\nslug: a b\n---\nx\n", &rules[0].rule, 2);
    static const expected_diag want[4] = {
        {"required-key", E, 1, 1, "author"},
        {"slug-spaces", E, 2, 7, "slug"},
    };
    check_diagnostics(p, "later rules", want);
    assert_int_equal(postparse_parser_diagnostic(p, 0)->id,
                     POSTPARSE_DIAG_REQUIRED_KEY);
    assert_int_equal(postparse_parser_diagnostic(p, 1)->id,
                     POSTPARSE_DIAG_RULE_FAILED);
    assert_int_equal(calls, 1);
    postparse_parser_free(p);

    /* A rule not made by postparse_rule_init (size 0), or sizes that
     * differ within the table, cannot be read: an invalid argument. */
    postparse_options opt;
    postparse_options_init(&opt);
    opt.rules = &rules[0].rule;
    opt.rule_count = 2;
    rules[1].rule.size = sizeof(postparse_rule);
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    postparse_rule bare = {0};
    bare.key = "title";
    opt.rules = &bare;
    opt.rule_count = 1;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    opt.rules = NULL;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    opt.rule_count = 0;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    postparse_parser_free(p);
}

static void test_builtin_rules_off(void **state)
{
    (void)state;
    postparse_options opt;
    postparse_options_init(&opt);
    opt.builtin_rules = false;
    opt.site_time_set = true;
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    static const char in[] = "---\nlayout: ''\ncomments: 'true'\n---\nx\n";
    assert_int_equal(postparse_parser_feed(p, in, sizeof in - 1), POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    assert_int_equal(postparse_parser_diagnostic_count(p), 0);
    postparse_parser_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_rules),
        cmocka_unit_test(test_user_rules),
        cmocka_unit_test(test_rule_width_clusters),
        cmocka_unit_test(test_silent_values),
        cmocka_unit_test(test_rule_sizes),
        cmocka_unit_test(test_builtin_rules_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
