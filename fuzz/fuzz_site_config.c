/* SPDX-License-Identifier: MIT */
/* A site's config: the input is written as _config.yml into a small site
 * (made once in a temporary folder: posts at several depths, a draft, a
 * collections folder), which is then opened, walked (with and without
 * drafts), and each post found read with the options the site gives it, so
 * that the config loader, the defaults (merge, precedence, globs), the
 * entry filter and the post layer's merge all see random settings. No
 * crash, no leak, bounded time: the config is at most 64 KiB. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <postparse/postparse.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char site_dir[64];

static void put(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", site_dir, rel);
    for (char *p = path + strlen(site_dir) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    }
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static bool make_site(void)
{
    if (site_dir[0])
        return true;
    snprintf(site_dir, sizeof(site_dir), "/tmp/postparse-fuzz-site-XXXXXX");
    if (!mkdtemp(site_dir)) {
        site_dir[0] = '\0';
        return false;
    }
    put("_posts/2025-01-01-a.md",
        "---\ntitle: A\ncategories: x y\n---\nA\n\nB\n");
    put("ja/news/_posts/2025-01-02-b.md",
        "---\nlayout: null\ntags: [t]\nnested: {k: 1}\n---\nb\n");
    put("ja/_posts/sub/2025-01-03-c.md", "---\ntitle: a: b\n---\nc\n");
    put("_drafts/draft.md", "---\ndraft: true\n---\nd\n");
    put("coll/_posts/2025-01-04-d.md", "no front matter\n");
    put("coll/en/_posts/2099-01-01-e.md", "---\ndate: 2099-01-01\n---\ne\n");
    put("_site/_posts/2025-01-05-f.md", "---\n---\nf\n");
    return true;
}

typedef struct walk_ctx {
    postparse_site *site;
    postparse_parser *parser;
} walk_ctx;

static bool on_entry(void *user_data, const postparse_site_entry *e)
{
    walk_ctx *w = user_data;
    const postparse_value *defaults;
    if (postparse_site_defaults_for(w->site, e->relative_path, &defaults) !=
        POSTPARSE_OK)
        return false;
    postparse_options o;
    postparse_options_init(&o);
    if (postparse_site_file_options(w->site, e->path, &o) != POSTPARSE_OK)
        return false;
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", site_dir, e->path);
    o.path = path;
    o.site_time_set = true;
    o.site_time = 1767225600;
    postparse_error err;
    postparse_doc_free(postparse_read_file(path, &o, &err));
    /* The push parser with the per-file setter, as the CLI uses it. */
    postparse_parser_reset(w->parser);
    if (postparse_parser_set_site_file(w->parser, e->relative_path, defaults) ==
            POSTPARSE_OK &&
        postparse_parser_set_path(w->parser, path) == POSTPARSE_OK) {
        static const char text[] =
            "---\ntitle: T\ncategories: [a, 1]\nnested: {k: null}\n---\nx\n";
        postparse_parser_feed(w->parser, text, sizeof(text) - 1);
        postparse_parser_finish(w->parser);
        postparse_doc *doc = postparse_parser_take_doc(w->parser);
        (void)postparse_post_categories(postparse_doc_post(doc));
        postparse_doc_free(doc);
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536 || !make_site())
        return 0;
    char config[128];
    snprintf(config, sizeof(config), "%s/_config.yml", site_dir);
    FILE *f = fopen(config, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    postparse_site_options so;
    postparse_site_options_init(&so);
    so.max_walk_depth = 8;
    postparse_site *site = NULL;
    postparse_error err;
    if (postparse_site_open(site_dir, &so, &site, &err) != POSTPARSE_OK)
        return 0;
    for (size_t i = 0; i < postparse_site_diagnostic_count(site); i++) {
        const char *file;
        const postparse_diagnostic *d =
            postparse_site_diagnostic(site, i, &file);
        if (!d || !d->message || !d->code)
            abort();
    }
    const postparse_site_settings *s = postparse_site_get_settings(site);
    if (!s || !s->excerpt_separator || !s->collections_dir)
        abort();
    walk_ctx w = {site, NULL};
    if (postparse_parser_new(&w.parser, NULL, NULL, NULL) == POSTPARSE_OK) {
        postparse_site_walk(site, false, on_entry, &w, &err);
        postparse_site_walk(site, true, on_entry, &w, &err);
        postparse_parser_free(w.parser);
    }
    postparse_site_free(site);
    return 0;
}
