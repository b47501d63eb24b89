/* SPDX-License-Identifier: MIT */
/* The site layer (<postparse/site.h>) on a site written into a temporary
 * folder: the config's settings and diagnostics, front matter defaults in
 * Jekyll's precedence, the walk's order and filters, and posts read with
 * the options the site gives (folder categories, defaults merged under the
 * front matter). The expected values are the oracle's for the same site
 * (tests/sites/nested is its bigger sibling, compared field by field). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <postparse/postparse.h>

#include "parser_results.h"

static char dir[64];

static void put(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    for (char *p = path + strlen(dir) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int make_site(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/postparse-test-site-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    put("_config.yml", "timezone: Asia/Tokyo\n"
                       "excerpt_separator: <!--more-->\n"
                       "exclude: [private]\n"
                       "defaults:\n"
                       "  - values: {x: 1}\n"
                       "  - scope: {path: \"\"}\n"
                       "    values: {layout: post, meta: {a: 1, b: 2}}\n"
                       "  - scope: {path: ja, type: posts}\n"
                       "    values: {layout: ja, categories: [d]}\n"
                       "  - scope: {path: \"\", type: posts}\n"
                       "    values: {layout: typed}\n");
    put("_posts/2025-01-01-a.md", "---\ntitle: A\n---\nintro<!--more-->rest\n");
    put("ja/news/_posts/2025-01-02-b.md",
        "---\ncategories: [x, news]\nlayout: null\nmeta: {b: 3}\n---\nb\n");
    put("ja/_posts/2025-01-03-c.md", "---\ntitle: a: b\n---\nc\n");
    put("ja/_posts/sub/2025-01-04-d.md", "---\n---\nd\n");
    put("private/_posts/2025-01-05-e.md", "---\n---\ne\n");
    put("_drafts/draft.md", "---\ndate: 2025-02-01\n---\nd\n");
    return 0;
}

static int remove_site(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static postparse_site *open_site(void)
{
    postparse_site *site = NULL;
    postparse_error err;
    assert_int_equal(postparse_site_open(dir, NULL, &site, &err), POSTPARSE_OK);
    return site;
}

static void test_settings_and_diagnostics(void **state)
{
    (void)state;
    postparse_site *site = open_site();
    const postparse_site_settings *s = postparse_site_get_settings(site);
    assert_string_equal(s->timezone, "Asia/Tokyo");
    assert_non_null(s->zone);
    assert_string_equal(s->excerpt_separator, "<!--more-->");
    assert_string_equal(s->collections_dir, "");
    assert_string_equal(s->permalink, "date");
    assert_false(s->future);
    assert_false(s->show_drafts);
    /* The set without scope: one warning at its line. */
    assert_int_equal(postparse_site_diagnostic_count(site), 1);
    const char *file;
    const postparse_diagnostic *d = postparse_site_diagnostic(site, 0, &file);
    assert_string_equal(d->code, "config-defaults-no-scope");
    assert_int_equal(d->severity, POSTPARSE_SEVERITY_WARNING);
    assert_int_equal(d->pos.line, 5);
    assert_int_equal(d->pos.column, 5);
    assert_non_null(strstr(file, "_config.yml"));
    assert_null(postparse_site_diagnostic(site, 1, NULL));
    postparse_site_free(site);
}

static const char *string_at(const postparse_value *map, const char *key)
{
    return postparse_value_string(postparse_value_get(map, key, strlen(key)),
                                  NULL);
}

static void test_defaults_precedence(void **state)
{
    (void)state;
    postparse_site *site = open_site();
    const postparse_value *a, *b, *c;
    int64_t x;
    assert_int_equal(postparse_site_defaults_for(site, "_posts/x.md", &a),
                     POSTPARSE_OK);
    /* path "" then path "" with a type: the typed one wins. */
    assert_string_equal(string_at(a, "layout"), "typed");
    assert_true(postparse_value_int(postparse_value_get(a, "x", 1), &x));
    assert_int_equal(x, 1);
    /* A longer path wins over the typed "" set that comes after it. */
    assert_int_equal(postparse_site_defaults_for(site, "ja/_posts/y.md", &b),
                     POSTPARSE_OK);
    assert_string_equal(string_at(b, "layout"), "ja");
    /* The same sets give the same mapping. */
    assert_int_equal(
        postparse_site_defaults_for(site, "ja/news/_posts/z.md", &c),
        POSTPARSE_OK);
    assert_ptr_equal(b, c);
    assert_string_equal(postparse_site_relative_path(site, "a/b"), "a/b");
    postparse_site_free(site);
}

typedef struct found {
    char paths[16][128];
    bool draft[16];
    size_t n;
} found;

static bool collect(void *user_data, const postparse_site_entry *e)
{
    found *f = user_data;
    assert_true(f->n < 16);
    snprintf(f->paths[f->n], sizeof(f->paths[0]), "%s", e->path);
    assert_string_equal(e->relative_path, e->path);
    assert_true(e->mtime > 0);
    f->draft[f->n++] = e->draft;
    return true;
}

static void test_walk(void **state)
{
    (void)state;
    postparse_site *site = open_site();
    found f = {0};
    postparse_error err;
    assert_int_equal(postparse_site_walk(site, false, collect, &f, &err),
                     POSTPARSE_OK);
    assert_int_equal(f.n, 4);
    assert_string_equal(f.paths[0], "_posts/2025-01-01-a.md");
    assert_string_equal(f.paths[1], "ja/_posts/2025-01-03-c.md");
    assert_string_equal(f.paths[2], "ja/_posts/sub/2025-01-04-d.md");
    assert_string_equal(f.paths[3], "ja/news/_posts/2025-01-02-b.md");
    memset(&f, 0, sizeof(f));
    assert_int_equal(postparse_site_walk(site, true, collect, &f, &err),
                     POSTPARSE_OK);
    assert_int_equal(f.n, 5);
    assert_string_equal(f.paths[0], "_drafts/draft.md");
    assert_true(f.draft[0]);
    assert_false(f.draft[1]);
    postparse_site_free(site);
}

/* Reads the site's file at rel with the site's options. */
static postparse_parser *read_post(postparse_site *site, const char *rel)
{
    postparse_options o;
    postparse_options_init(&o);
    assert_int_equal(postparse_site_file_options(site, rel, &o), POSTPARSE_OK);
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    o.path = path;
    o.site_time_set = true;
    o.site_time = 1767225600; /* 2026-01-01T00:00:00Z */
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, &o, NULL, NULL), POSTPARSE_OK);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[512];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    assert_int_equal(postparse_parser_feed(p, buf, n), POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    return p;
}

static void assert_strings(const postparse_value *seq, const char *const *want,
                           size_t n)
{
    assert_int_equal(postparse_value_length(seq), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(
            postparse_value_string(postparse_value_index(seq, i), NULL),
            want[i]);
}

static void test_posts_read_with_the_site(void **state)
{
    (void)state;
    postparse_site *site = open_site();
    /* Folder categories, then the defaults', then the post's; a null
     * layout keeps the default; mappings merge key by key. */
    postparse_parser *p = read_post(site, "ja/news/_posts/2025-01-02-b.md");
    const postparse_post *post = postparse_parser_post(p);
    static const char *const cats[] = {"ja", "news", "d", "x"};
    assert_strings(postparse_post_categories(post), cats, 4);
    assert_string_equal(
        postparse_value_string(postparse_post_layout(post), NULL), "ja");
    postparse_datetime dt;
    assert_true(postparse_post_date(post, &dt));
    char iso[POSTPARSE_DATETIME_FORMAT_MAX];
    postparse_datetime_format(&dt, iso, sizeof(iso));
    assert_string_equal(iso, "2025-01-02T00:00:00.000+09:00");
    postparse_parser_free(p);

    /* A YAML error keeps the folder categories and the defaults. */
    p = read_post(site, "ja/_posts/2025-01-03-c.md");
    post = postparse_parser_post(p);
    static const char *const ja[] = {"ja", "d"};
    assert_strings(postparse_post_categories(post), ja, 2);
    assert_string_equal(
        postparse_value_string(postparse_post_layout(post), NULL), "ja");
    assert_true(postparse_post_jekyll_error(post));
    postparse_parser_free(p);

    /* The site's excerpt separator. */
    p = read_post(site, "_posts/2025-01-01-a.md");
    size_t len;
    assert_string_equal(postparse_post_excerpt(postparse_parser_post(p), &len),
                        "intro");
    postparse_parser_free(p);

    /* A draft: its name needs no date; data["draft"] is true. */
    p = read_post(site, "_drafts/draft.md");
    assert_true(postparse_post_read_by_jekyll(postparse_parser_post(p)));
    postparse_parser_free(p);
    postparse_site_free(site);
}

static void test_set_site_file_and_misuse(void **state)
{
    (void)state;
    postparse_site *site = open_site();
    const postparse_value *d;
    assert_int_equal(postparse_site_defaults_for(site, "ja/_posts/x.md", &d),
                     POSTPARSE_OK);
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, NULL, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_set_path(p, "2025-03-03-q.md"),
                     POSTPARSE_OK);
    assert_int_equal(
        postparse_parser_set_site_file(p, "fr/a/_posts/2025-03-03-q.md", d),
        POSTPARSE_OK);
    static const char text[] = "---\ncategories: a a\n---\nx\n";
    assert_int_equal(postparse_parser_feed(p, text, sizeof(text) - 1),
                     POSTPARSE_OK);
    assert_int_equal(postparse_parser_set_site_file(p, NULL, NULL),
                     POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    static const char *const cats[] = {"fr", "a", "d"};
    assert_strings(postparse_post_categories(postparse_parser_post(p)), cats,
                   3);
    /* reset goes back to the options: no site. */
    postparse_parser_reset(p);
    assert_int_equal(postparse_parser_feed(p, text, sizeof(text) - 1),
                     POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    static const char *const own[] = {"a"};
    assert_strings(postparse_post_categories(postparse_parser_post(p)), own, 1);
    postparse_parser_free(p);
    assert_int_equal(postparse_site_file_options(site, "x", NULL),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    postparse_site_free(site);
    postparse_site *none = NULL;
    postparse_error err;
    assert_int_equal(
        postparse_site_open("/nonexistent/site", NULL, &none, &err),
        POSTPARSE_ERR_IO);
    assert_null(none);
    assert_non_null(strstr(err.message, "/nonexistent/site"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settings_and_diagnostics),
        cmocka_unit_test(test_defaults_precedence),
        cmocka_unit_test(test_walk),
        cmocka_unit_test(test_posts_read_with_the_site),
        cmocka_unit_test(test_set_site_file_and_misuse),
    };
    return cmocka_run_group_tests(tests, make_site, remove_site);
}
