/* SPDX-License-Identifier: MIT */
/* postparse body: the body bytes, exactly as the parser delivers them, on
 * standard output; problems go to standard error. */
#include "cli.h"
#include "input.h"
#include "report.h"

#include <stdio.h>
#include <string.h>

typedef struct body_context {
    bool write_failed;
} body_context;

static postparse_action on_body(void *user_data, const char *data, size_t len,
                                const postparse_pos *pos)
{
    body_context *ctx = user_data;

    (void)pos;
    if (fwrite(data, 1, len, stdout) != len) {
        ctx->write_failed = true;
        return POSTPARSE_ABORT;
    }
    return POSTPARSE_CONTINUE;
}

static int body_run(const cli_options *options, int count, char **paths)
{
    const char *path = paths[0];
    postparse_options popts;
    postparse_callbacks callbacks;
    postparse_parser *parser = NULL;
    body_context ctx = {false};
    postparse_error error;
    input_outcome outcome;
    postparse_doc *doc;
    int status = CLI_EXIT_OK;

    (void)count;
    postparse_options_init(&popts);
    popts.utf8_policy = options->utf8;
    postparse_callbacks_init(&callbacks);
    callbacks.on_body = on_body;
    if (postparse_parser_new(&parser, &popts, &callbacks, &ctx) !=
        POSTPARSE_OK) {
        fputs("postparse body: cannot create a parser: out of memory\n",
              stderr);
        return CLI_EXIT_TROUBLE;
    }
    outcome = input_parse_file(parser, path, options->chunk, &error);
    doc = outcome == INPUT_IO_ERROR ? NULL : postparse_parser_take_doc(parser);
    /* In file order, as check prints them. */
    for (size_t i = 0; i < postparse_doc_diagnostic_count(doc); i++) {
        const postparse_diagnostic *d = postparse_doc_diagnostic(doc, i);

        report_diagnostic(path, d);
        if (d->severity == POSTPARSE_SEVERITY_ERROR)
            status = CLI_EXIT_PROBLEMS;
    }
    if (ctx.write_failed) {
        fputs("postparse body: cannot write to standard output\n", stderr);
        status = CLI_EXIT_TROUBLE;
    } else if (outcome != INPUT_DONE) {
        report_error(path, &error);
        status = cli_exit_worst(status, cli_exit_for_fatal(error.code));
    }
    postparse_doc_free(doc);
    postparse_parser_free(parser);
    return status;
}

const cli_command cli_command_body = {
    .name = "body",
    .operands = "FILE",
    .summary = "write the body bytes of FILE to standard output "
               "(binary-safe)",
    .accepts = CLI_OPT_CHUNK | CLI_OPT_UTF8,
    .min_operands = 1,
    .max_operands = 1,
    .run = body_run,
};
