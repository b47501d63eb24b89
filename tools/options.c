/* SPDX-License-Identifier: MIT */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CLI_OPT_HELP_VAL 'h'

typedef struct cli_option_spec {
    unsigned bit;
    const char *name;
    const char *metavar; /* NULL: takes no argument */
    const char *help;
} cli_option_spec;

static const cli_option_spec cli_option_table[] = {
    {CLI_OPT_CHUNK, "chunk", "N",
     "feed each file N bytes at a time (N >= 1), each chunk in its own\n"
     "      exactly sized buffer; the output must be the same for every N"},
    {CLI_OPT_UTF8, "utf8", "POLICY",
     "what to do with invalid UTF-8: strict (a fatal error), replace\n"
     "      (U+FFFD for each maximal invalid subpart) or pass (bytes as they\n"
     "      are, a diagnostic at the first bad one; the default)"},
    {CLI_OPT_STATS, "stats", NULL,
     "add the body's chars (code points), words (Jekyll's number_of_words\n"
     "      in auto mode) and width (terminal columns, CJK counting two)"},
    {CLI_OPT_SLUG_MODE, "mode", "MODE",
     "Jekyll's slugify mode: none, raw, default (the default), pretty,\n"
     "      ascii or latin"},
    {CLI_OPT_CASED, "cased", NULL, "keep upper-case letters"},
};

#define CLI_OPTION_COUNT                                                       \
    (sizeof(cli_option_table) / sizeof(cli_option_table[0]))

void cli_options_init(cli_options *options)
{
    memset(options, 0, sizeof(*options));
    options->utf8 = POSTPARSE_UTF8_PASS_THROUGH;
    options->slug_mode = POSTPARSE_TEXT_SLUG_DEFAULT;
}

static bool parse_chunk(const char *arg, size_t *out)
{
    char *end;
    unsigned long long v;

    if (arg[0] < '0' || arg[0] > '9')
        return false;
    errno = 0;
    v = strtoull(arg, &end, 10);
    if (errno != 0 || *end != '\0' || v == 0 || v > SIZE_MAX)
        return false;
    *out = (size_t)v;
    return true;
}

static bool parse_utf8(const char *arg, postparse_utf8_policy *out)
{
    if (strcmp(arg, "strict") == 0)
        *out = POSTPARSE_UTF8_STRICT;
    else if (strcmp(arg, "replace") == 0)
        *out = POSTPARSE_UTF8_REPLACE;
    else if (strcmp(arg, "pass") == 0)
        *out = POSTPARSE_UTF8_PASS_THROUGH;
    else
        return false;
    return true;
}

static bool set_option(cli_options *options, const char *command, unsigned bit,
                       const char *arg)
{
    switch (bit) {
    case CLI_OPT_CHUNK:
        if (parse_chunk(arg, &options->chunk))
            return true;
        fprintf(stderr,
                "postparse %s: --chunk wants a whole number of bytes >= 1, "
                "not '%s'\n",
                command, arg);
        return false;
    case CLI_OPT_STATS:
        options->stats = true;
        return true;
    case CLI_OPT_CASED:
        options->cased = true;
        return true;
    case CLI_OPT_SLUG_MODE:
        if (postparse_text_slug_mode_from_name(arg, &options->slug_mode))
            return true;
        fprintf(stderr,
                "postparse %s: --mode wants none, raw, default, pretty, ascii "
                "or latin, not '%s'\n",
                command, arg);
        return false;
    case CLI_OPT_UTF8:
        if (parse_utf8(arg, &options->utf8))
            return true;
        fprintf(stderr,
                "postparse %s: --utf8 wants strict, replace or pass, not "
                "'%s'\n",
                command, arg);
        return false;
    }
    return false;
}

bool cli_options_parse(cli_options *options, unsigned accepts, int argc,
                       char **argv, int *first_operand)
{
    struct option longopts[CLI_OPTION_COUNT + 2];
    size_t n = 0;
    int c;

    for (size_t i = 0; i < CLI_OPTION_COUNT; i++) {
        const cli_option_spec *spec = &cli_option_table[i];
        if (!(accepts & spec->bit))
            continue;
        longopts[n].name = spec->name;
        longopts[n].has_arg = spec->metavar ? required_argument : no_argument;
        longopts[n].flag = NULL;
        /* getopt_long hands back val: the table index, past any char. */
        longopts[n].val = 256 + (int)i;
        n++;
    }
    longopts[n] = (struct option){"help", no_argument, NULL, CLI_OPT_HELP_VAL};
    longopts[n + 1] = (struct option){NULL, 0, NULL, 0};

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == CLI_OPT_HELP_VAL) {
            options->help = true;
        } else if (c >= 256) {
            if (!set_option(options, argv[0], cli_option_table[c - 256].bit,
                            optarg))
                return false;
        } else if (c == ':') {
            fprintf(stderr, "postparse %s: %s needs a value\n", argv[0],
                    argv[optind - 1]);
            return false;
        } else if (optopt > 0 && optopt < 256) {
            fprintf(stderr, "postparse %s: unknown option '-%c'\n", argv[0],
                    optopt);
            return false;
        } else {
            fprintf(stderr, "postparse %s: unknown option '%s'\n", argv[0],
                    argv[optind - 1]);
            return false;
        }
    }
    *first_operand = optind;
    return true;
}

void cli_options_synopsis(unsigned accepts, FILE *out)
{
    for (size_t i = 0; i < CLI_OPTION_COUNT; i++) {
        const cli_option_spec *spec = &cli_option_table[i];
        if (!(accepts & spec->bit))
            continue;
        fprintf(out, " [--%s%s%s]", spec->name, spec->metavar ? " " : "",
                spec->metavar ? spec->metavar : "");
    }
}

void cli_options_help(unsigned accepts, FILE *out)
{
    for (size_t i = 0; i < CLI_OPTION_COUNT; i++) {
        const cli_option_spec *spec = &cli_option_table[i];
        if (!(accepts & spec->bit))
            continue;
        fprintf(out, "  --%s%s%s\n      %s\n", spec->name,
                spec->metavar ? " " : "", spec->metavar ? spec->metavar : "",
                spec->help);
    }
    fputs("  -h, --help\n      show this help and exit\n", out);
}
