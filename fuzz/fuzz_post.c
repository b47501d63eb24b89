/* SPDX-License-Identifier: MIT */
/* The post layer: Jekyll's derived fields and the rules, built-in and a
 * user table (every rule type, length and width limits, a callback). The
 * document is parsed whole and again in the tail's chunks (with pauses);
 * the two must agree on every event, diagnostic and derived field. The
 * fields must hold together: a generated excerpt is valid UTF-8 when the
 * body is, within max_excerpt_bytes and the cap; a date is a real date.
 *
 * Flags (see fuzz_input.h): bits 0-1 the file name (a dated post, an
 * impossible date, a draft, none); bit 2 the site zone (UTC or
 * America/New_York) and an excerpt cap of 12 grapheme clusters; bit 3 a
 * separator "<!--more-->" and future/unpublished on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postparse/postparse.h>

#include "event_log.h"
#include "fuzz_input.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const paths[4] = {"_posts/2024-03-01-hello-world.md",
                                     "_posts/2025-13-45-bad-date.md",
                                     "_drafts/untitled.markdown", NULL};

/* A user check: strings must not contain "TODO"; the message may be cut
 * at message_size. */
static bool no_todo(void *user_data, const char *key,
                    const postparse_value *value, char *message,
                    size_t message_size)
{
    unsigned *calls = user_data;
    ++*calls;
    CHECK(key && value && message && message_size > 0);
    size_t len;
    const char *s = postparse_value_string(value, &len);
    if (!s || !strstr(s, "TODO"))
        return true;
    snprintf(message, message_size,
             "'%s' still says TODO; expected finished text, with a long "
             "message to be cut at the buffer's end %0200d",
             key, 0);
    return false;
}

static postparse_rule rules[9];
static unsigned check_calls;

static void init_rules(void)
{
    static const struct {
        const char *key;
        postparse_rule_type type;
    } table[] = {
        {"title", POSTPARSE_RULE_STRING}, {"tags", POSTPARSE_RULE_STRING_LIST},
        {"date", POSTPARSE_RULE_DATE},    {"draft", POSTPARSE_RULE_BOOL},
        {"weight", POSTPARSE_RULE_INT},   {"ratio", POSTPARSE_RULE_NUMBER},
        {"authors", POSTPARSE_RULE_LIST}, {"meta", POSTPARSE_RULE_MAPPING},
        {"summary", POSTPARSE_RULE_ANY},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        postparse_rule_init(&rules[i]);
        rules[i].key = table[i].key;
        rules[i].type = table[i].type;
    }
    rules[0].required = true;
    rules[0].min_chars = 3;
    rules[0].max_chars = 40;
    rules[0].max_width = 30;
    rules[0].check = no_todo;
    rules[0].user_data = &check_calls;
    rules[0].code = "todo-left";
    rules[8].check = no_todo;
    rules[8].user_data = &check_calls;
    rules[8].severity = POSTPARSE_SEVERITY_WARNING;
}

static const postparse_tz *new_york(void)
{
    static postparse_tz *tz;
    if (!tz &&
        postparse_tz_open("America/New_York", NULL, NULL, &tz) != POSTPARSE_OK)
        CHECK(postparse_tz_fixed(-18000, NULL, &tz) == POSTPARSE_OK);
    return tz;
}

static bool file_sink(void *ud, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)ud) == len;
}

/* Everything the post says, as text, so that two parses compare. */
static void describe_value(FILE *f, const char *name, const postparse_value *v)
{
    fprintf(f, " %s=", name);
    CHECK(postparse_value_write_json(v, POSTPARSE_JSON_TYPED, file_sink, f));
}

static char *describe(const postparse_doc *doc, const postparse_options *opt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CHECK(f);
    /* The document's JSON first: it holds every field too. */
    CHECK(!doc || postparse_doc_write_json(doc, POSTPARSE_JSON_TYPED,
                                           file_sink, f));
    const postparse_post *post = postparse_doc_post(doc);
    if (!post) {
        fclose(f);
        return text;
    }
    postparse_datetime d;
    if (postparse_post_date(post, &d)) {
        char buf[POSTPARSE_DATETIME_FORMAT_MAX];
        postparse_datetime_format(&d, buf, sizeof buf);
        fprintf(f, "date=%s", buf);
        CHECK(postparse_date_is_valid(d.year, d.month, d.day));
    }
    const char *source =
        postparse_date_source_name(postparse_post_date_source(post));
    fprintf(f, " source=%s", source ? source : "none");
    describe_value(f, "slug", postparse_post_slug(post));
    describe_value(f, "title", postparse_post_title(post));
    describe_value(f, "categories", postparse_post_categories(post));
    describe_value(f, "tags", postparse_post_tags(post));
    describe_value(f, "layout", postparse_post_layout(post));
    describe_value(f, "permalink", postparse_post_permalink(post));
    describe_value(f, "excerpt_value", postparse_post_excerpt_value(post));
    size_t n;
    const char *sep = postparse_post_excerpt_separator(post, &n);
    CHECK(sep && sep[n] == '\0');
    fprintf(f, " published=%d separator=%zu source=%d",
            postparse_post_published(post), n,
            (int)postparse_post_excerpt_source(post));
    const char *excerpt = postparse_post_excerpt(post, &n);
    CHECK((excerpt != NULL) ==
          (postparse_post_excerpt_source(post) == POSTPARSE_EXCERPT_GENERATED));
    if (excerpt) {
        /* Within its budgets; the replace policy makes it valid UTF-8. */
        CHECK(excerpt[n] == '\0');
        CHECK(n <= 2 * opt->max_excerpt_bytes);
        CHECK(postparse__utf8_valid_prefix((const uint8_t *)excerpt, n) == n);
        if (opt->excerpt_cap)
            CHECK(postparse_text_length(excerpt, n, opt->excerpt_cap_unit) <=
                  opt->excerpt_cap);
        fprintf(f, " excerpt=%zu:", n);
        fwrite(excerpt, 1, n, f);
    }
    const char *reason = postparse_post_skip_reason(post);
    CHECK(postparse_post_processable(post) == (reason == NULL));
    fprintf(f, " truncated=%d capped=%d skip=%s read=%d",
            postparse_post_excerpt_truncated(post),
            postparse_post_excerpt_capped(post), reason ? reason : "-",
            postparse_post_read_by_jekyll(post));
    const postparse_jekyll_error *error = postparse_post_jekyll_error(post);
    if (error) {
        CHECK(error->error_class != POSTPARSE_RUBY_ERROR_NONE &&
              error->class_name && error->message &&
              !strcmp(error->class_name,
                      postparse_ruby_error_name(error->error_class)));
        fprintf(f, " error=%s:%s:%d", error->class_name, error->message,
                error->fatal);
    }
    fclose(f);
    return text;
}

static void parse(const fuzz_input *in, const postparse_options *opt,
                  bool chunked, event_log *log, char **post)
{
    event_log_init(log);
    postparse_parser *p = event_log_start(log, opt);
    postparse_status st;
    if (chunked) {
        log->pause_every = 3;
        st = fuzz_feed_chunks(p, in, in->doc, in->doc_len);
    } else {
        st = event_log_feed(p, (const char *)in->doc, in->doc_len);
    }
    st = event_log_end(log, p, st);
    /* The results move into a document that outlives the parser. */
    postparse_doc *doc = postparse_parser_take_doc(p);
    postparse_parser_free(p);
    *post = describe(doc, opt);
    if (st != POSTPARSE_OK)
        CHECK(postparse_doc_post(doc) == NULL);
    postparse_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rules[0].key)
        init_rules();
    fuzz_input in;
    fuzz_input_split(&in, data, size);
    postparse_options opt;
    postparse_options_init(&opt);
    opt.path = paths[in.flags & 3];
    opt.site_time_set = true;
    opt.site_time = 1735689600; /* 2025-01-01T00:00:00Z */
    opt.max_excerpt_bytes = 512;
    opt.rules = rules;
    opt.rule_count = sizeof rules / sizeof rules[0];
    opt.utf8_policy = POSTPARSE_UTF8_REPLACE;
    if (in.flags & 4) {
        opt.site_zone = new_york();
        opt.excerpt_cap = 12;
        opt.excerpt_cap_unit = POSTPARSE_TEXT_GRAPHEMES;
    }
    if (in.flags & 8) {
        opt.excerpt_separator = "<!--more-->";
        opt.future = true;
        opt.unpublished = true;
    }

    event_log whole_log, chunked_log;
    char *whole, *chunked;
    parse(&in, &opt, false, &whole_log, &whole);
    parse(&in, &opt, true, &chunked_log, &chunked);
    if (strcmp(whole_log.text, chunked_log.text) != 0 ||
        strcmp(whole, chunked) != 0) {
        fprintf(stderr,
                "fuzz_post: whole and chunked differ\nwhole:   %s\n  %s\n"
                "chunked: %s\n  %s\n",
                whole_log.text, whole, chunked_log.text, chunked);
        abort();
    }
    free(whole);
    free(chunked);
    event_log_free(&whole_log);
    event_log_free(&chunked_log);
    return 0;
}
