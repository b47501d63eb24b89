/* SPDX-License-Identifier: MIT */
/* indexer DIR [TIMEZONE]: a folder of posts -> JSON Lines (path, date in
 * the site zone, title, tags, categories, slug, author, words, published) */
#include <postparse/postparse.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static bool out(void *ud, const char *s, size_t n)
{
    return fwrite(s, 1, n, (FILE *)ud) == n;
}

static void string(const char *member, const char *s) /* NULL: null */
{
    fputs(member, stdout);
    if (!s || !postparse_json_write_string(s, strlen(s), out, stdout))
        fputs("null", stdout);
}

static void value(const char *member, const postparse_value *v)
{
    fputs(member, stdout);
    postparse_value_write_json(v, POSTPARSE_JSON_PLAIN, out, stdout);
}

static void index_post(const char *path, const postparse_options *opt)
{
    postparse_error err;
    postparse_doc *doc = postparse_read_file(path, opt, &err);
    const postparse_post *post = postparse_doc_post(doc);
    if (!post) { /* unreadable, or a fatal error (invalid UTF-8, limits) */
        fprintf(stderr, "%s: %s\n", path,
                doc ? postparse_doc_error(doc)->message : err.message);
        postparse_doc_free(doc);
        return;
    }
    postparse_datetime date;
    char when[POSTPARSE_DATETIME_FORMAT_MAX] = "";
    size_t len;
    const char *body = postparse_doc_body(doc, &len);
    if (postparse_post_date(post, &date))
        postparse_datetime_format(&date, when, sizeof when);
    string("{\"path\":", path);
    string(",\"date\":", *when ? when : NULL);
    value(",\"title\":", postparse_post_title(post));
    value(",\"tags\":", postparse_post_tags(post));
    value(",\"categories\":", postparse_post_categories(post));
    value(",\"slug\":", postparse_post_slug(post));
    string(",\"author\":",
           postparse_value_get_cstr(postparse_doc_front_matter(doc), "author"));
    printf(",\"words\":%llu,\"published\":%s}\n",
           (unsigned long long)postparse_text_word_count(
               body, len, POSTPARSE_TEXT_WORDS_AUTO),
           postparse_post_processable(post) ? "true" : "false");
    postparse_doc_free(doc);
}

int main(int argc, char **argv)
{
    postparse_options opt;
    postparse_tz *zone = NULL;
    struct dirent **names;
    int n = argc > 1 ? scandir(argv[1], &names, NULL, alphasort) : -1;
    if (n < 0 || (argc > 2 && postparse_tz_open(argv[2], NULL, NULL, &zone)))
        return fprintf(stderr, "usage: indexer DIR [TIMEZONE]\n"), 2;
    postparse_options_init(&opt);
    opt.site_zone = zone;
    opt.keep_body = true; /* for the word count */
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]->d_name);
        if (names[i]->d_name[0] != '.') /* a cut path fails to open */
            index_post(path, &opt);
        free(names[i]);
    }
    free(names);
    postparse_tz_free(zone);
    return 0;
}
