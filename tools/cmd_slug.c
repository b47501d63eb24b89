/* SPDX-License-Identifier: MIT */
/* postparse slug: Jekyll::Utils.slugify of each operand, one a line. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int slug_run(const cli_options *options, int count, char **texts)
{
    int status = CLI_EXIT_OK;

    for (int i = 0; i < count; i++) {
        char *slug = NULL;
        size_t len = 0;
        postparse_status st = postparse_text_slugify_alloc(
            texts[i], strlen(texts[i]), options->slug_mode, options->cased,
            NULL, &slug, &len);

        if (st != POSTPARSE_OK) {
            fprintf(stderr, "postparse slug: %s\n",
                    postparse_status_message(st));
            return CLI_EXIT_TROUBLE;
        }
        fwrite(slug, 1, len, stdout);
        putchar('\n');
        postparse_text_free(NULL, slug, len);
    }
    if (fflush(stdout) != 0) {
        fputs("postparse slug: cannot write to standard output\n", stderr);
        status = CLI_EXIT_TROUBLE;
    }
    return status;
}

const cli_command cli_command_slug = {
    .name = "slug",
    .operands = "TEXT...",
    .summary = "print each TEXT as Jekyll's slugify makes it, one a line",
    .accepts = CLI_OPT_SLUG_MODE | CLI_OPT_CASED,
    .min_operands = 1,
    .max_operands = -1,
    .run = slug_run,
};
