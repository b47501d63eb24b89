/* SPDX-License-Identifier: MIT */
/* postparse dump: one JSON object per file, with the Jekyll oracle's field
 * names and encodings (shared/oracle/README.md), so that the two outputs
 * compare field by field. The library writes the object
 * (postparse_doc_write_json_with); the CLI adds what needs the body: its
 * SHA-256 and --stats' counts, taken as the body streams through. */
#include "cli.h"
#include "input.h"
#include "report.h"
#include "sha256.h"
#include "cmd_site.h"
#include "site.h"

#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* What one file gave besides its document. */
typedef struct dump_record {
    const char *path;          /* as shown: relative to the site with --site */
    const char *open_path;     /* as opened */
    const char *relative_path; /* --site: Jekyll's relative path */
    bool site;                 /* --site: collection, relative_path */
    char body_sha256[SHA256_HEX_SIZE];
    /* Set by a callback that could not do its work (out of memory). */
    const char *callback_failure;
    bool fatal;            /* no body fields: the parse stopped */
    postparse_error error; /* when fatal */
    bool stats;            /* --stats: chars, words, width */
    postparse_text_stats *text; /* with --stats: one for every file */
} dump_record;

/* The callbacks' user data: what lives across files, and this file's record. */
typedef struct dump_context {
    sha256 hash;
    dump_record rec;
} dump_context;

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
    if (rec->stats)
        postparse_text_stats_feed(rec->text, data, len);
    return POSTPARSE_CONTINUE;
}

static bool write_stdout_fn(void *user_data, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)user_data) == len;
}

static bool put(const char *s)
{
    return fputs(s, stdout) != EOF;
}

static bool put_string(const char *s)
{
    return postparse_json_write_string(s, strlen(s), write_stdout_fn, stdout);
}

/* The record of a file that gave no document (it could not be read, or the
 * CLI's own work failed): every field null or empty but path and error, in
 * the object's order (postparse_doc_write_json). */
static bool write_unreadable(const dump_record *rec,
                             const postparse_json_member *extra, size_t n)
{
    bool ok = put("{\"path\":") && put_string(rec->path) &&
              put(",\"has_front_matter\":false,\"front_matter_text\":null,"
                  "\"front_matter\":null,\"body_bytes\":null,"
                  "\"body_valid_utf8\":null,\"body_sha256\":null,"
                  "\"error\":{\"code\":") &&
              put_string(postparse_status_name(rec->error.code)) &&
              put(",\"message\":") && put_string(rec->error.message) &&
              put(",\"line\":null,\"column\":null},\"read_by_jekyll\":null,"
                  "\"processable\":false,\"skip_reason\":\"fatal read "
                  "error\",\"date\":null,\"date_source\":null,\"slug\":null,"
                  "\"title\":null,\"categories\":null,\"tags\":null,"
                  "\"layout\":null,\"permalink\":null,\"published\":null,"
                  "\"excerpt_separator\":null,\"excerpt\":null,"
                  "\"excerpt_source\":null,\"jekyll_error\":null,"
                  "\"diagnostics\":[]");
    for (size_t i = 0; ok && i < n; i++)
        ok = put(",") && put_string(extra[i].name) && put(":") &&
             put(extra[i].json);
    return ok && put("}");
}

/* The members only the CLI can give: the body's digest (the library has
 * no SHA-256) and --stats' counts, null after a fatal error. */
static bool write_record(const dump_record *rec, postparse_doc *doc)
{
    char digest[SHA256_HEX_SIZE + 2], chars[24], words[24], width[24];
    char *relative = NULL;
    size_t relative_len = 0;
    postparse_json_member members[6];
    size_t n = 0;

    if (rec->fatal) {
        members[n++] = (postparse_json_member){"body_sha256", "null"};
    } else {
        snprintf(digest, sizeof(digest), "\"%s\"", rec->body_sha256);
        members[n++] = (postparse_json_member){"body_sha256", digest};
    }
    if (rec->stats) {
        snprintf(chars, sizeof(chars), "%" PRIu64, postparse_text_stats_counts(rec->text)->chars);
        snprintf(words, sizeof(words), "%" PRIu64,
                 postparse_text_stats_words(rec->text,
                                            POSTPARSE_TEXT_WORDS_AUTO));
        snprintf(width, sizeof(width), "%" PRIu64, postparse_text_stats_counts(rec->text)->width);
        members[n++] = (postparse_json_member){"chars",
                                               rec->fatal ? "null" : chars};
        members[n++] = (postparse_json_member){"words",
                                               rec->fatal ? "null" : words};
        members[n++] = (postparse_json_member){"width",
                                               rec->fatal ? "null" : width};
    }
    if (rec->site) {
        /* The oracle's --site members: the collection, and the path from
         * the site as JSON. */
        FILE *mem = open_memstream(&relative, &relative_len);
        bool ok = mem != NULL &&
                  postparse_json_write_string(rec->path, strlen(rec->path),
                                              write_stdout_fn, mem);
        if (mem == NULL || fclose(mem) != 0 || !ok) {
            free(relative);
            return false;
        }
        members[n++] = (postparse_json_member){"collection", "\"posts\""};
        members[n++] = (postparse_json_member){"relative_path", relative};
    }
    bool ok;
    if (doc)
        ok = postparse_doc_write_json_with(doc, POSTPARSE_JSON_TYPED, members,
                                           n, write_stdout_fn, stdout);
    else
        ok = write_unreadable(rec, members + 1, n - 1);
    free(relative);
    return ok && fputc('\n', stdout) != EOF && !ferror(stdout);
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

/* Reads one file into ctx->rec and *doc (NULL when there is none) and
 * returns its exit status. */
static int dump_file(postparse_parser *parser, const cli_options *options,
                     dump_context *ctx, postparse_doc **doc)
{
    dump_record *rec = &ctx->rec;
    postparse_error error;
    input_outcome outcome;
    int status = CLI_EXIT_OK;

    *doc = NULL;
    if (!sha256_begin(&ctx->hash))
        return dump_trouble(rec, "SHA-256 could not start");
    outcome = input_parse_file_as(parser, rec->open_path, rec->path,
                                  options->chunk, &error);
    if (rec->callback_failure != NULL)
        return dump_trouble(rec, rec->callback_failure);
    if (outcome == INPUT_IO_ERROR)
        return dump_fatal(rec, &error);
    *doc = postparse_parser_take_doc(parser);
    if (*doc == NULL)
        return dump_trouble(rec, "out of memory making the document");
    if (outcome != INPUT_DONE)
        return dump_fatal(rec, &error);
    if (rec->stats)
        postparse_text_stats_finish(rec->text);
    if (!sha256_end(&ctx->hash, rec->body_sha256))
        return dump_trouble(rec, "SHA-256 could not finish");
    for (size_t i = 0; i < postparse_doc_diagnostic_count(*doc); i++) {
        if (postparse_doc_diagnostic(*doc, i)->severity ==
            POSTPARSE_SEVERITY_ERROR)
            status = CLI_EXIT_PROBLEMS;
    }
    return status;
}

/* What lives across the files of one run. */
typedef struct dump_run_state {
    const cli_options *options;
    postparse_parser *parser;
    postparse_text_stats *text; /* with --stats */
    dump_context *ctx;
    int status;
    bool write_failed;
} dump_run_state;

/* Reads and prints one file; false when standard output fails. With
 * --site, its relative path and defaults go to the parser first. */
static bool dump_one(dump_run_state *s, const char *open_path,
                     const char *shown, bool site, const char *relative_path,
                     const postparse_value *defaults)
{
    dump_context *ctx = s->ctx;
    postparse_doc *doc = NULL;

    memset(&ctx->rec, 0, sizeof(ctx->rec));
    ctx->rec.path = shown;
    ctx->rec.open_path = open_path;
    ctx->rec.site = site;
    ctx->rec.relative_path = relative_path;
    ctx->rec.stats = s->options->stats;
    ctx->rec.text = s->text;
    if (s->text != NULL)
        postparse_text_stats_reset(s->text);
    postparse_parser_reset(s->parser);
    if (site && postparse_parser_set_site_file(s->parser, relative_path,
                                               defaults) != POSTPARSE_OK)
        s->status = cli_exit_worst(
            s->status, dump_trouble(&ctx->rec, "out of memory for the path"));
    else
        s->status = cli_exit_worst(
            s->status, dump_file(s->parser, s->options, ctx, &doc));
    bool written = write_record(&ctx->rec, doc);
    postparse_doc_free(doc);
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
    postparse_text_stats *text = NULL;
    postparse_tz *zone = NULL;
    site_cli site = {0};
    dump_context ctx;
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
        site_cli_close(&site);
        sha256_dispose(&ctx.hash);
        return CLI_EXIT_TROUBLE;
    }
    postparse_callbacks_init(&callbacks);
    callbacks.on_body = on_body;
    if (postparse_parser_new(&parser, &popts, &callbacks, &ctx) !=
            POSTPARSE_OK ||
        (options->stats &&
         postparse_text_stats_new(NULL, &text) != POSTPARSE_OK)) {
        fputs("postparse dump: cannot create a parser: out of memory\n",
              stderr);
        postparse_parser_free(parser);
        sha256_dispose(&ctx.hash);
        postparse_tz_free(zone);
        site_cli_close(&site);
        return CLI_EXIT_TROUBLE;
    }
    dump_run_state s = {options, parser, text, &ctx, CLI_EXIT_OK, false};
    if (options->site) {
        status = site_cli_walk("dump", &site, dump_site_file, &s);
        if (s.write_failed)
            status = CLI_EXIT_OK; /* already said */
    }
    for (int i = 0; i < count && !s.write_failed; i++)
        dump_one(&s, paths[i], paths[i], false, NULL, NULL);
    status = cli_exit_worst(status, s.status);
    postparse_text_stats_free(text);
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
