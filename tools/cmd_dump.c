/* SPDX-License-Identifier: MIT */
/* postparse dump: one JSON object per file, with the Jekyll oracle's field
 * names and encodings (shared/oracle/README.md), so that the two outputs
 * compare field by field. */
#include "cli.h"
#include "input.h"
#include "json_writer.h"
#include "report.h"
#include "sha256.h"
#include "cmd_site.h"
#include "site.h"

#include <stdlib.h>
#include <string.h>

/* What one file gave. Filled by the callbacks, then by dump_file. */
typedef struct dump_record {
    const char *path;          /* as shown: relative to the site with --site */
    const char *open_path;     /* as opened */
    const char *relative_path; /* --site: Jekyll's relative path */
    bool site;                 /* --site: collection, relative_path */
    bool has_front_matter;
    char *front_matter_text; /* owned copy; NULL when none */
    size_t front_matter_len;
    uint64_t body_bytes;
    bool body_valid_utf8;
    char body_sha256[SHA256_HEX_SIZE];
    /* Set by a callback that could not do its work (out of memory). */
    const char *callback_failure;
    bool fatal;            /* no body fields: the parse stopped */
    postparse_error error; /* when fatal: from the parser or from reading */
    const postparse_parser *parser; /* for the collected diagnostics */
    const postparse_post *post;     /* the derived fields, or NULL */
    bool stats;                     /* --stats: chars, words, width */
    postparse_text_stats text;
} dump_record;

/* The callbacks' user data: what lives across files, and this file's record. */
typedef struct dump_context {
    sha256 hash;
    dump_record rec;
} dump_context;

static postparse_action on_frontmatter_text(void *user_data, const char *text,
                                            size_t len,
                                            const postparse_pos *pos)
{
    dump_record *rec = &((dump_context *)user_data)->rec;

    (void)pos;
    rec->front_matter_text = malloc(len ? len : 1);
    if (rec->front_matter_text == NULL) {
        rec->callback_failure = "out of memory copying the front matter";
        return POSTPARSE_ABORT;
    }
    if (len > 0)
        memcpy(rec->front_matter_text, text, len);
    rec->front_matter_len = len;
    rec->has_front_matter = true;
    return POSTPARSE_CONTINUE;
}

static postparse_action on_body(void *user_data, const char *data, size_t len,
                                const postparse_pos *pos)
{
    dump_context *ctx = user_data;
    dump_record *rec = &ctx->rec;

    (void)pos;
    if (!sha256_update(&ctx->hash, data, len)) {
        rec->callback_failure = "SHA-256 of the body failed";
        return POSTPARSE_ABORT;
    }
    rec->body_bytes += len;
    if (rec->stats)
        postparse_text_stats_feed(&rec->text, data, len);
    return POSTPARSE_CONTINUE;
}

/* The fields, in the oracle's order. A new field is a writer and a row in
 * dump_fields. */
typedef void dump_field_writer(json_writer *w, const dump_record *rec);

static void write_path(json_writer *w, const dump_record *rec)
{
    json_text(w, rec->path, strlen(rec->path));
}

static void write_collection(json_writer *w, const dump_record *rec)
{
    (void)rec;
    json_cstring(w, "posts");
}

/* The oracle's relative_path in --site mode: the path from the site. */
static void write_relative_path(json_writer *w, const dump_record *rec)
{
    json_text(w, rec->path, strlen(rec->path));
}

static void write_has_front_matter(json_writer *w, const dump_record *rec)
{
    json_bool(w, rec->has_front_matter);
}

static void write_front_matter_text(json_writer *w, const dump_record *rec)
{
    if (rec->has_front_matter)
        json_text(w, rec->front_matter_text, rec->front_matter_len);
    else
        json_null(w);
}

static void write_body_bytes(json_writer *w, const dump_record *rec)
{
    if (rec->fatal)
        json_null(w);
    else
        json_uint(w, rec->body_bytes);
}

static void write_body_valid_utf8(json_writer *w, const dump_record *rec)
{
    if (rec->fatal)
        json_null(w);
    else
        json_bool(w, rec->body_valid_utf8);
}

static void write_body_sha256(json_writer *w, const dump_record *rec)
{
    if (rec->fatal)
        json_null(w);
    else
        json_cstring(w, rec->body_sha256);
}

/* Line 0 is no place (trouble with the file, not in it): null. */
static void write_position(json_writer *w, const postparse_pos *pos)
{
    json_key(w, "line");
    if (pos->line > 0)
        json_uint(w, pos->line);
    else
        json_null(w);
    json_key(w, "column");
    if (pos->line > 0)
        json_uint(w, pos->column);
    else
        json_null(w);
}

/* The typed front matter, in the oracle's encoding ($time, $date, $float,
 * $binary, $map, ...), written by the library's value writer. */
static void write_front_matter(json_writer *w, const dump_record *rec)
{
    const postparse_value *fm =
        rec->parser ? postparse_parser_front_matter(rec->parser) : NULL;
    if (!fm) {
        json_null(w);
        return;
    }
    w->after_key = false;
    postparse_value_write_json(fm, w->out);
}

static void write_error(json_writer *w, const dump_record *rec)
{
    if (!rec->fatal) {
        json_null(w);
        return;
    }
    json_object_begin(w);
    json_key(w, "code");
    json_cstring(w, postparse_status_name(rec->error.code));
    json_key(w, "message");
    json_cstring(w, rec->error.message);
    write_position(w, &rec->error.pos);
    json_object_end(w);
}

static void write_diagnostics(json_writer *w, const dump_record *rec)
{
    size_t n = postparse_parser_diagnostic_count(rec->parser);

    json_array_begin(w);
    for (size_t i = 0; i < n; i++) {
        const postparse_diagnostic *d =
            postparse_parser_diagnostic(rec->parser, i);

        json_object_begin(w);
        json_key(w, "severity");
        json_cstring(w, postparse_severity_name(d->severity));
        json_key(w, "code");
        json_cstring(w, d->code);
        json_key(w, "message");
        json_cstring(w, d->message);
        write_position(w, &d->pos);
        json_object_end(w);
    }
    json_array_end(w);
}

/* ---- the post's derived fields, as the oracle names and encodes them */

static void write_value(json_writer *w, const postparse_value *v)
{
    postparse_value_write_json(v, json_raw_value(w));
}

static void write_read_by_jekyll(json_writer *w, const dump_record *rec)
{
    if (rec->post)
        json_bool(w, postparse_post_read_by_jekyll(rec->post));
    else
        json_null(w);
}

static void write_processable(json_writer *w, const dump_record *rec)
{
    json_bool(w, postparse_post_processable(rec->post));
}

static void write_skip_reason(json_writer *w, const dump_record *rec)
{
    const char *why =
        rec->post ? postparse_post_skip_reason(rec->post) : "fatal read error";

    if (why)
        json_cstring(w, why);
    else
        json_null(w);
}

static void write_date(json_writer *w, const dump_record *rec)
{
    postparse_datetime dt;
    char buf[POSTPARSE_DATETIME_FORMAT_MAX];

    if (postparse_post_date(rec->post, &dt)) {
        postparse_datetime_format(&dt, buf, sizeof(buf));
        json_cstring(w, buf);
    } else {
        json_null(w);
    }
}

static void write_date_source(json_writer *w, const dump_record *rec)
{
    const char *name =
        postparse_date_source_name(postparse_post_date_source(rec->post));

    if (name)
        json_cstring(w, name);
    else
        json_null(w);
}

#define VALUE_WRITER(field)                                                    \
    static void write_##field(json_writer *w, const dump_record *rec)          \
    {                                                                          \
        write_value(w, postparse_post_##field(rec->post));                     \
    }
VALUE_WRITER(slug)
VALUE_WRITER(title)
VALUE_WRITER(categories)
VALUE_WRITER(tags)
VALUE_WRITER(layout)
VALUE_WRITER(permalink)
#undef VALUE_WRITER

static void write_published(json_writer *w, const dump_record *rec)
{
    if (rec->post)
        json_bool(w, postparse_post_published(rec->post));
    else
        json_null(w);
}

static void write_excerpt_separator(json_writer *w, const dump_record *rec)
{
    size_t len;
    const char *sep = postparse_post_excerpt_separator(rec->post, &len);

    if (sep)
        json_text(w, sep, len);
    else
        json_null(w);
}

static void write_excerpt(json_writer *w, const dump_record *rec)
{
    size_t len;
    const char *text = postparse_post_excerpt(rec->post, &len);

    if (text)
        json_text(w, text, len);
    else
        write_value(w, postparse_post_excerpt_value(rec->post));
}

static void write_excerpt_source(json_writer *w, const dump_record *rec)
{
    switch (postparse_post_excerpt_source(rec->post)) {
    case POSTPARSE_EXCERPT_GENERATED:
        json_cstring(w, "generated");
        break;
    case POSTPARSE_EXCERPT_FRONT_MATTER:
        json_cstring(w, "front_matter");
        break;
    case POSTPARSE_EXCERPT_NONE:
        json_null(w);
        break;
    }
}

/* The exception Jekyll's read ends with (the oracle's `error`). */
static void write_jekyll_error(json_writer *w, const dump_record *rec)
{
    const char *cls, *message;
    bool fatal;

    if (!postparse_post_jekyll_error(rec->post, &cls, &message, &fatal)) {
        json_null(w);
        return;
    }
    json_object_begin(w);
    json_key(w, "class");
    json_cstring(w, cls);
    json_key(w, "message");
    json_cstring(w, message);
    json_key(w, "fatal");
    json_bool(w, fatal);
    json_object_end(w);
}

/* --stats: the body's code points, Jekyll's word count (auto mode) and
 * terminal columns. */
static void write_chars(json_writer *w, const dump_record *rec)
{
    if (rec->fatal)
        json_null(w);
    else
        json_uint(w, rec->text.chars);
}

static void write_words(json_writer *w, const dump_record *rec)
{
    if (rec->fatal)
        json_null(w);
    else
        json_uint(w, postparse_text_stats_words(&rec->text,
                                                POSTPARSE_TEXT_WORDS_AUTO));
}

static void write_width(json_writer *w, const dump_record *rec)
{
    if (rec->fatal)
        json_null(w);
    else
        json_uint(w, rec->text.width);
}

enum { ONLY_STATS = 1, ONLY_SITE = 2 };

static const struct {
    const char *name;
    dump_field_writer *write;
    unsigned only; /* ONLY_STATS, ONLY_SITE: written with --stats, --site */
} dump_fields[] = {
    {"path", write_path, 0},
    {"collection", write_collection, ONLY_SITE},
    {"relative_path", write_relative_path, ONLY_SITE},
    {"has_front_matter", write_has_front_matter, 0},
    {"front_matter_text", write_front_matter_text, 0},
    {"front_matter", write_front_matter, 0},
    {"body_bytes", write_body_bytes, 0},
    {"body_valid_utf8", write_body_valid_utf8, 0},
    {"body_sha256", write_body_sha256, 0},
    {"error", write_error, 0},
    {"read_by_jekyll", write_read_by_jekyll, 0},
    {"processable", write_processable, 0},
    {"skip_reason", write_skip_reason, 0},
    {"date", write_date, 0},
    {"date_source", write_date_source, 0},
    {"slug", write_slug, 0},
    {"title", write_title, 0},
    {"categories", write_categories, 0},
    {"tags", write_tags, 0},
    {"layout", write_layout, 0},
    {"permalink", write_permalink, 0},
    {"published", write_published, 0},
    {"excerpt_separator", write_excerpt_separator, 0},
    {"excerpt", write_excerpt, 0},
    {"excerpt_source", write_excerpt_source, 0},
    {"jekyll_error", write_jekyll_error, 0},
    {"diagnostics", write_diagnostics, 0},
    {"chars", write_chars, ONLY_STATS},
    {"words", write_words, ONLY_STATS},
    {"width", write_width, ONLY_STATS},
};

static bool write_record(json_writer *w, const dump_record *rec)
{
    json_object_begin(w);
    for (size_t i = 0; i < sizeof(dump_fields) / sizeof(dump_fields[0]); i++) {
        if (((dump_fields[i].only & ONLY_STATS) && !rec->stats) ||
            ((dump_fields[i].only & ONLY_SITE) && !rec->site))
            continue;
        json_key(w, dump_fields[i].name);
        dump_fields[i].write(w, rec);
    }
    json_object_end(w);
    return json_line_end(w);
}

/* Records a fatal error in rec and reports it; returns the exit status. */
static int dump_fatal(dump_record *rec, const postparse_error *error)
{
    rec->fatal = true;
    rec->error = *error;
    report_error(rec->path, error);
    return cli_exit_for_fatal(error->code);
}

/* Trouble of our own (no memory in a callback, in libcrypto): no place. */
static int dump_trouble(dump_record *rec, const char *message)
{
    postparse_error error;

    memset(&error, 0, sizeof(error));
    error.code = POSTPARSE_ERR_NOMEM;
    snprintf(error.message, sizeof(error.message), "%s", message);
    return dump_fatal(rec, &error);
}

/* Reads one file into ctx->rec and returns its exit status. */
static int dump_file(postparse_parser *parser, const cli_options *options,
                     dump_context *ctx)
{
    dump_record *rec = &ctx->rec;
    postparse_error error;
    input_outcome outcome;
    int status = CLI_EXIT_OK;

    if (!sha256_begin(&ctx->hash))
        return dump_trouble(rec, "SHA-256 could not start");
    outcome = input_parse_file(parser, rec->open_path, options->chunk, &error);
    if (rec->callback_failure != NULL)
        return dump_trouble(rec, rec->callback_failure);
    if (outcome != INPUT_DONE)
        return dump_fatal(rec, &error);
    rec->body_valid_utf8 = postparse_parser_summary(parser)->body_valid_utf8;
    rec->post = postparse_parser_post(parser);
    if (rec->stats)
        postparse_text_stats_finish(&rec->text);
    if (!sha256_end(&ctx->hash, rec->body_sha256))
        return dump_trouble(rec, "SHA-256 could not finish");
    for (size_t i = 0; i < postparse_parser_diagnostic_count(parser); i++) {
        if (postparse_parser_diagnostic(parser, i)->severity ==
            POSTPARSE_SEVERITY_ERROR)
            status = CLI_EXIT_PROBLEMS;
    }
    return status;
}

/* What lives across the files of one run. */
typedef struct dump_run_state {
    const cli_options *options;
    postparse_parser *parser;
    dump_context *ctx;
    json_writer *w;
    int status;
    bool write_failed;
} dump_run_state;

/* Reads and prints one file; false when standard output fails. With
 * --site, relative_path and defaults go to the parser first. */
static bool dump_one(dump_run_state *s, const char *open_path,
                     const char *shown, bool site, const char *relative_path,
                     const postparse_value *defaults)
{
    dump_context *ctx = s->ctx;
    bool written;

    memset(&ctx->rec, 0, sizeof(ctx->rec));
    ctx->rec.path = shown;
    ctx->rec.open_path = open_path;
    ctx->rec.site = site;
    ctx->rec.relative_path = relative_path;
    ctx->rec.parser = s->parser;
    ctx->rec.stats = s->options->stats;
    postparse_text_stats_init(&ctx->rec.text);
    postparse_parser_reset(s->parser);
    if (site && postparse_parser_set_site_file(s->parser, relative_path,
                                               defaults) != POSTPARSE_OK)
        s->status = cli_exit_worst(
            s->status, dump_trouble(&ctx->rec, "out of memory for the path"));
    else
        s->status =
            cli_exit_worst(s->status, dump_file(s->parser, s->options, ctx));
    written = write_record(s->w, &ctx->rec);
    free(ctx->rec.front_matter_text);
    if (!written) {
        fputs("postparse dump: cannot write to standard output\n", stderr);
        s->status = CLI_EXIT_TROUBLE;
        s->write_failed = true;
    }
    return written;
}

static bool dump_site_file(void *user_data, const char *open_path,
                           const char *shown, const char *relative_path,
                           const postparse_value *defaults)
{
    return dump_one(user_data, open_path, shown, true, relative_path, defaults);
}

static int dump_run(const cli_options *options, int count, char **paths)
{
    postparse_options popts;
    postparse_callbacks callbacks;
    postparse_parser *parser = NULL;
    postparse_tz *zone = NULL;
    site_cli site = {0};
    dump_context ctx;
    json_writer w;
    int status = CLI_EXIT_OK;

    if (!site_cli_flags_ok("dump", options))
        return CLI_EXIT_TROUBLE;
    if (options->site && count > 0) {
        fputs("postparse dump: --site reads the site's posts; give no FILE\n",
              stderr);
        return CLI_EXIT_TROUBLE;
    }
    memset(&ctx, 0, sizeof(ctx));
    if (!sha256_init(&ctx.hash)) {
        fputs("postparse dump: SHA-256 is not available\n", stderr);
        return CLI_EXIT_TROUBLE;
    }
    postparse_options_init(&popts);
    popts.utf8_policy = options->utf8;
    if (options->site
            ? site_cli_open("dump", options, &site, &popts) != CLI_EXIT_OK
            : !site_setup("dump", options, &popts, &zone)) {
        sha256_dispose(&ctx.hash);
        return CLI_EXIT_TROUBLE;
    }
    postparse_callbacks_init(&callbacks);
    callbacks.on_frontmatter_text = on_frontmatter_text;
    callbacks.on_body = on_body;
    if (postparse_parser_new(&parser, &popts, &callbacks, &ctx) !=
        POSTPARSE_OK) {
        fputs("postparse dump: cannot create a parser: out of memory\n",
              stderr);
        sha256_dispose(&ctx.hash);
        postparse_tz_free(zone);
        site_cli_close(&site);
        return CLI_EXIT_TROUBLE;
    }
    json_writer_init(&w, stdout);
    dump_run_state s = {options, parser, &ctx, &w, CLI_EXIT_OK, false};
    if (options->site) {
        status = site_cli_walk("dump", &site, dump_site_file, &s);
        if (s.write_failed)
            status = CLI_EXIT_OK; /* already said */
    }
    for (int i = 0; i < count && !s.write_failed; i++)
        dump_one(&s, paths[i], paths[i], false, NULL, NULL);
    status = cli_exit_worst(status, s.status);
    postparse_parser_free(parser);
    postparse_tz_free(zone);
    site_cli_close(&site);
    sha256_dispose(&ctx.hash);
    return status;
}

const cli_command cli_command_dump = {
    .name = "dump",
    .operands = "FILE...",
    .summary = "print what each file holds as one JSON object per line",
    .accepts = CLI_OPT_CHUNK | CLI_OPT_UTF8 | CLI_OPT_STATS | CLI_OPT_TIMEZONE |
               CLI_OPT_TIME | CLI_OPT_FUTURE | CLI_OPT_UNPUBLISHED |
               CLI_OPT_SITE,
    .min_operands = 1,
    .max_operands = -1,
    .run = dump_run,
};
