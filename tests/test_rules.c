/* SPDX-License-Identifier: MIT */
/* Rule sets (<postparse/rules.h>) and byte-range edits (<postparse/edit.h>)
 * through the public API: a rules file's findings with exact codes,
 * severities and places; severity overrides and off; the site options it
 * sets; ignore globs; load errors at their line and column; every
 * allocation failure of a load cleaned up; scalar spans and edits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <postparse/postparse.h>

#include "parser_results.h"

static postparse_ruleset *load(const char *text)
{
    postparse_ruleset *set = NULL;
    postparse_error err;
    postparse_status st = postparse_ruleset_load(
        text, strlen(text), "site/.postparse.yml", NULL, &set, &err);
    if (st != POSTPARSE_OK)
        fail_msg("load: %s at %u:%u", err.message, (unsigned)err.pos.line,
                 (unsigned)err.pos.column);
    return set;
}

static postparse_parser *parse(const postparse_ruleset *set, const char *post)
{
    postparse_options opt;
    postparse_parser *p = NULL;
    postparse_options_init(&opt);
    opt.path = "_posts/2025-04-01-x.md";
    opt.site_time_set = true;
    opt.site_time = 1767225600;
    postparse_ruleset_apply(set, &opt);
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, post, strlen(post)),
                     POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    return p;
}

static void expect(const postparse_parser *p, size_t i, const char *code,
                   postparse_severity sev, unsigned line, unsigned column,
                   const char *message)
{
    assert_true(i < postparse_parser_diagnostic_count(p));
    const postparse_diagnostic *d = postparse_parser_diagnostic(p, i);
    assert_string_equal(d->code, code);
    assert_int_equal(d->severity, sev);
    assert_int_equal(d->pos.line, line);
    assert_int_equal(d->pos.column, column);
    if (message)
        assert_string_equal(d->message, message);
}

static void test_fields(void **state)
{
    (void)state;
    postparse_ruleset *set =
        load("fields:\n"
             "  lang: {required: true, one_of: [ja, ko, zh]}\n"
             "  author: {required: true, severity: warning}\n"
             "  tags: {type: list, each: {type: string, pattern: '^[a-z]+$', "
             "max_chars: 3}}\n"
             "  n: {type: number, min: 1, max: 2.5}\n"
             "  date: {min: 2020-01-01}\n");
    postparse_parser *p =
        parse(set, "---\nlang: en\ntags: [abc, Abc, abcd, 1]\nn: 3\n"
                   "date: 2019-12-31 10:00:00 +0000\n---\n");
    assert_int_equal(postparse_parser_diagnostic_count(p), 7);
    /* The base rules first (required), then the other checks in field
     * order. */
    expect(p, 0, "required-key", POSTPARSE_SEVERITY_WARNING, 1, 1,
           "'author' is missing; expected any value");
    expect(p, 1, "not-one-of", POSTPARSE_SEVERITY_ERROR, 2, 7,
           "'lang' is \"en\"; expected one of ja, ko or zh");
    expect(p, 2, "pattern-mismatch", POSTPARSE_SEVERITY_ERROR, 3, 13,
           "item 2 of 'tags' is \"Abc\"; expected text matching ^[a-z]+$");
    expect(p, 3, "too-long", POSTPARSE_SEVERITY_ERROR, 3, 18,
           "item 3 of 'tags' has 4 characters; expected at most 3");
    expect(p, 4, "type-mismatch", POSTPARSE_SEVERITY_ERROR, 3, 24,
           "item 4 of 'tags' is an integer (1); expected a string");
    expect(p, 5, "too-large", POSTPARSE_SEVERITY_ERROR, 4, 4,
           "'n' is an integer (3); expected at most 2.5");
    expect(p, 6, "too-small", POSTPARSE_SEVERITY_ERROR, 5, 7,
           "'date' is a timestamp (2019-12-31 10:00:00 +0000); expected no "
           "earlier than 2020-01-01");
    postparse_parser_free(p);
    postparse_ruleset_free(set);
}

static void test_severities(void **state)
{
    (void)state;
    postparse_ruleset *set = load("severity:\n"
                                  "  bool-as-string: error\n"
                                  "  empty-string: off\n"
                                  "  type-mismatch: note\n");
    assert_int_equal(postparse_ruleset_level(set, "bool-as-string"),
                     POSTPARSE_LEVEL_ERROR);
    assert_int_equal(postparse_ruleset_level(set, "empty-string"),
                     POSTPARSE_LEVEL_OFF);
    assert_int_equal(postparse_ruleset_level(set, "too-long"),
                     POSTPARSE_LEVEL_DEFAULT);
    postparse_parser *p =
        parse(set, "---\npublished: \"false\"\nlayout: ''\ncomments: 1\n---\n");
    assert_int_equal(postparse_parser_diagnostic_count(p), 2);
    expect(p, 0, "bool-as-string", POSTPARSE_SEVERITY_ERROR, 2, 12, NULL);
    expect(p, 1, "type-mismatch", POSTPARSE_SEVERITY_NOTE, 4, 11, NULL);
    postparse_parser_free(p);
    postparse_ruleset_free(set);
    /* A plain off is YAML 1.1's false: off too. */
    set = load("severity: {bool-as-string: off}\n");
    assert_int_equal(postparse_ruleset_level(set, "bool-as-string"),
                     POSTPARSE_LEVEL_OFF);
    postparse_ruleset_free(set);
}

static void test_site_options(void **state)
{
    (void)state;
    postparse_ruleset *set =
        load("timezone: Asia/Tokyo\nfuture: true\nunpublished: true\n"
             "excerpt_separator: '<!--more-->'\n");
    postparse_options opt;
    postparse_options_init(&opt);
    postparse_ruleset_apply(set, &opt);
    assert_non_null(opt.site_zone);
    assert_string_equal(postparse_tz_name(opt.site_zone), "Asia/Tokyo");
    assert_true(opt.future);
    assert_true(opt.unpublished);
    assert_string_equal(opt.excerpt_separator, "<!--more-->");
    assert_ptr_equal(opt.ruleset, set);
    assert_string_equal(postparse_ruleset_folder(set), "site");
    postparse_ruleset_free(set);
}

static void test_ignores(void **state)
{
    (void)state;
    postparse_ruleset *set =
        load("ignore: [_drafts, '*/README.md', '_posts/2019-*']\n"
             "fields: {tags: {type: list}, cats: {type: string_list}}\n");
    assert_true(postparse_ruleset_ignores(set, "_drafts"));
    assert_true(postparse_ruleset_ignores(set, "_drafts/a/b.md"));
    assert_true(postparse_ruleset_ignores(set, "./_drafts/a.md"));
    assert_true(postparse_ruleset_ignores(set, "_posts/notes/README.md"));
    assert_true(postparse_ruleset_ignores(set, "_posts/2019-01-01-a.md"));
    assert_false(postparse_ruleset_ignores(set, "_posts/2020-01-01-a.md"));
    assert_false(postparse_ruleset_ignores(set, "x_drafts/a.md"));
    assert_true(postparse_ruleset_wants_list(set, "tags"));
    assert_false(postparse_ruleset_wants_list(set, "cats"));
    assert_false(postparse_ruleset_wants_list(set, "title"));
    postparse_ruleset_free(set);
}

static void test_load_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned line, column;
        const char *message;
    } cases[] = {
        {"fields:\n  t: {max_width: -1}\n", 2, 18,
         "'max_width' is an integer (-1); expected a whole number >= 0"},
        {"fields:\n  t: {one_of: []}\n", 2, 15,
         "'one_of' is a list; expected a non-empty list of values"},
        {"fields:\n  t: {one_of: [[a]]}\n", 2, 16,
         "an item of 'one_of' is a list; expected a scalar"},
        {"fields:\n  t: {pattern: '(a)\\1'}\n", 2, 16,
         "'pattern' has a back reference (\\1), which POSIX extended "
         "expressions do not have; expected a pattern without one"},
        {"fields:\n  t: {pattern: '((a{1,50}){1,50})'}\n", 2, 16,
         "'pattern' repeats more than 1000 times in all ({m,n} counts "
         "multiplied); expected fewer"},
        {"fields:\n  t: {severity: off}\n", 2, 17,
         "a field's 'severity' is error, warning or note; to drop a field's "
         "rules, remove the field"},
        {"fields:\n  t: {min: soon}\n", 2, 12,
         "'min' is \"soon\"; expected a number or a date such as 2020-01-01"},
        {"ignore: _drafts\n", 1, 9,
         "'ignore' is \"_drafts\"; expected a list of globs (_drafts, "
         "\"*.txt\")"},
        {"future: yes please\n", 1, 9,
         "'future' is \"yes please\"; expected true or false"},
        {"- a\n", 1, 1,
         "the rules file is a list; expected a mapping (fields, severity, "
         "ignore, timezone, ...)"},
        {"fields:\n  t:\n    each: {required: true}\n", 3, 12,
         "unknown key 'required' in 'each'; expected type, one_of, pattern, "
         "min_chars, max_chars, max_width, min, max or each"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        postparse_ruleset *set = (postparse_ruleset *)1;
        postparse_error err;
        assert_int_equal(postparse_ruleset_load(cases[i].text,
                                                strlen(cases[i].text), NULL,
                                                NULL, &set, &err),
                         POSTPARSE_ERR_INVALID_ARGUMENT);
        assert_null(set);
        assert_int_equal(err.code, POSTPARSE_ERR_INVALID_ARGUMENT);
        assert_string_equal(err.message, cases[i].message);
        assert_int_equal(err.pos.line, cases[i].line);
        assert_int_equal(err.pos.column, cases[i].column);
    }
    /* YAML that does not load: the loader's error, at its place. */
    postparse_ruleset *set = NULL;
    postparse_error err;
    assert_int_equal(
        postparse_ruleset_load("a: [\n", 5, NULL, NULL, &set, &err),
        POSTPARSE_ERR_INVALID_ARGUMENT);
    assert_int_equal(err.pos.line, 2);
    assert_non_null(strstr(err.message, "[yaml-syntax]"));
    /* An empty file is an empty set. */
    assert_int_equal(postparse_ruleset_load("", 0, NULL, NULL, &set, &err),
                     POSTPARSE_OK);
    assert_string_equal(postparse_ruleset_folder(set), ".");
    postparse_ruleset_free(set);
    assert_int_equal(postparse_ruleset_load_file("/nonexistent/.postparse.yml",
                                                 NULL, &set, &err),
                     POSTPARSE_ERR_IO);
    assert_string_equal(err.message,
                        "cannot read the rules file: No such file or "
                        "directory");
}

/* Fails the nth allocation. */
typedef struct failing {
    size_t calls, fail_at;
    size_t live;
} failing;

static void *f_malloc(void *ctx, size_t size)
{
    failing *f = ctx;
    if (++f->calls == f->fail_at)
        return NULL;
    void *p = malloc(size);
    f->live += p != NULL;
    return p;
}

static void *f_realloc(void *ctx, void *ptr, size_t old, size_t size)
{
    failing *f = ctx;
    (void)old;
    if (++f->calls == f->fail_at)
        return NULL;
    void *p = realloc(ptr, size);
    f->live += p != NULL && ptr == NULL;
    return p;
}

static void f_free(void *ctx, void *ptr, size_t size)
{
    failing *f = ctx;
    (void)size;
    f->live -= ptr != NULL;
    free(ptr);
}

static void test_load_alloc_failure(void **state)
{
    (void)state;
    const char *text = "timezone: +09:00\nseverity: {too-long: note}\n"
                       "ignore: [a, b]\nfields:\n"
                       "  t: {pattern: '^a', each: {pattern: 'b$'}}\n"
                       "  u: {one_of: [1, 2], pattern: 'x', min: 1}\n";
    size_t n = 0;
    for (size_t at = 1;; at++) {
        failing f = {0, at, 0};
        postparse_allocator a = {f_malloc, f_realloc, f_free, &f};
        postparse_ruleset *set = NULL;
        postparse_error err;
        postparse_status st =
            postparse_ruleset_load(text, strlen(text), NULL, &a, &set, &err);
        postparse_ruleset_free(set);
        assert_int_equal(f.live, 0);
        if (st == POSTPARSE_OK) {
            n = at;
            break;
        }
        if (st != POSTPARSE_ERR_NOMEM)
            fail_msg("allocation %zu: %d %s", at, st, err.message);
        assert_true(at < 1000);
    }
    assert_true(n > 3);
}

static void test_codes(void **state)
{
    (void)state;
    /* A rules file names codes as the library's table does. */
    postparse_diagnostic_code c = POSTPARSE_DIAG_NONE;
    assert_true(postparse_diagnostic_code_from_name("not-one-of", &c));
    assert_int_equal(c, POSTPARSE_DIAG_NOT_ONE_OF);
    assert_int_equal(postparse_diagnostic_code_severity(POSTPARSE_DIAG_TOO_SMALL),
                     POSTPARSE_SEVERITY_ERROR);
    assert_false(postparse_diagnostic_code_from_name("no-such-code", NULL));
}

static void test_edits(void **state)
{
    (void)state;
    const char *text =
        "---\r\na: \"x y\" # c\r\nb: 'q'\r\nc: plain  # c\r\n"
        "d: \"e\\n\"\r\ne: more\r\n  lines\r\nf: !!str t\r\n---\r\n";
    postparse_options opt;
    postparse_parser *p = NULL;
    postparse_options_init(&opt);
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, text, strlen(text)),
                     POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    const postparse_value *fm = postparse_parser_front_matter(p);
    uint64_t s = 0, e = 0;
    assert_true(postparse_scalar_span(text, strlen(text),
                                      postparse_value_get(fm, "a", 1), &s, &e));
    assert_int_equal(s, 8);
    assert_int_equal(e, 13);
    assert_true(postparse_scalar_span(text, strlen(text),
                                      postparse_value_get(fm, "b", 1), &s, &e));
    assert_memory_equal(text + s, "'q'", 3);
    assert_int_equal(e - s, 3);
    assert_true(postparse_scalar_span(text, strlen(text),
                                      postparse_value_get(fm, "c", 1), &s, &e));
    assert_memory_equal(text + s, "plain", 5);
    assert_int_equal(e - s, 5);
    /* An escape, a scalar continued on the next line, a tag: not placed. */
    assert_false(postparse_scalar_span(
        text, strlen(text), postparse_value_get(fm, "d", 1), &s, &e));
    assert_false(postparse_scalar_span(
        text, strlen(text), postparse_value_get(fm, "e", 1), &s, &e));
    assert_false(postparse_scalar_span(
        text, strlen(text), postparse_value_get(fm, "f", 1), &s, &e));

    postparse_edit edits[] = {{8, 5, "[x, y]", 6}, {22, 3, "q", 1}};
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(
        postparse_edit_apply(text, strlen(text), edits, 2, NULL, &out, &len),
        POSTPARSE_OK);
    assert_int_equal(len, strlen(text) + 1 - 2);
    assert_memory_equal(out, "---\r\na: [x, y] # c\r\nb: q\r\nc: plain", 32);
    assert_string_equal(out + len - 5, "---\r\n");
    postparse_edit_free(out, len, NULL);
    /* Unsorted, overlapping or past the end: refused. */
    postparse_edit bad[] = {{22, 3, "q", 1}, {8, 5, "", 0}};
    assert_int_equal(
        postparse_edit_apply(text, strlen(text), bad, 2, NULL, &out, &len),
        POSTPARSE_ERR_INVALID_ARGUMENT);
    postparse_edit past[] = {{strlen(text), 1, "", 0}};
    assert_int_equal(
        postparse_edit_apply(text, strlen(text), past, 1, NULL, &out, &len),
        POSTPARSE_ERR_INVALID_ARGUMENT);
    postparse_parser_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_severities),
        cmocka_unit_test(test_site_options),
        cmocka_unit_test(test_ignores),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_load_alloc_failure),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_edits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
