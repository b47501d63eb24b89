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
    char short_name; /* '\0': none */
    const char *name;
    const char *metavar; /* NULL: takes no argument */
    const char *help;
} cli_option_spec;

static const cli_option_spec cli_option_table[] = {
    {CLI_OPT_CHUNK, 0, "chunk", "N",
     "feed each file N bytes at a time (N >= 1), each chunk in its own\n"
     "      exactly sized buffer; the output must be the same for every N"},
    {CLI_OPT_UTF8, 0, "utf8", "POLICY",
     "what to do with invalid UTF-8: strict (a fatal error), replace\n"
     "      (U+FFFD for each maximal invalid subpart) or pass (bytes as they\n"
     "      are, a diagnostic at the first bad one; the default)"},
    {CLI_OPT_STATS, 0, "stats", NULL,
     "add the body's chars (code points), words (Jekyll's number_of_words\n"
     "      in auto mode) and width (terminal columns, CJK counting two)"},
    {CLI_OPT_SLUG_MODE, 0, "mode", "MODE",
     "Jekyll's slugify mode: none, raw, default (the default), pretty,\n"
     "      ascii or latin"},
    {CLI_OPT_CASED, 0, "cased", NULL, "keep upper-case letters"},
    {CLI_OPT_TIMEZONE, 0, "timezone", "TZ",
     "the site's time zone (Jekyll's `timezone`): an IANA name such as\n"
     "      Asia/Shanghai, UTC, an offset such as +08:00 or +8 (under 24\n"
     "      hours), or a POSIX TZ string such as CST-8; default UTC"},
    {CLI_OPT_TIME, 0, "time", "T",
     "the build time (Jekyll's site.time), e.g. 2026-01-01T00:00:00Z: the\n"
     "      date of posts without one, and now for the future check;\n"
     "      default the current time"},
    {CLI_OPT_FUTURE, 0, "future", NULL,
     "future-dated posts are processable (Jekyll's `future: true`)"},
    {CLI_OPT_UNPUBLISHED, 0, "unpublished", NULL,
     "unpublished posts are processable (Jekyll's `unpublished: true`)"},
    {CLI_OPT_SITE, 0, "site", "DIR",
     "read the posts of the Jekyll site in DIR as `jekyll build` finds\n"
     "      them, with its _config.yml (docs/site.md); flags given here\n"
     "      override the config"},
    {CLI_OPT_SITE, 0, "drafts", NULL,
     "with --site: read _drafts too (Jekyll's --drafts, show_drafts)"},
    {CLI_OPT_SITE, 0, "site-config", "F[,F2]",
     "with --site: these config files instead of DIR/_config.yml\n"
     "      (Jekyll's --config)"},
    {CLI_OPT_JOBS, 'j', "jobs", "N",
     "check N files at a time, each with its own parser in its own thread\n"
     "      (1 to 256); default 1"},
    {CLI_OPT_JSON, 0, "json", NULL,
     "print each diagnostic as a JSON object, one a line (JSON Lines);\n"
     "      the same as --format json"},
    {CLI_OPT_FORMAT, 0, "format", "FORMAT",
     "text (the default), json (JSON Lines), github (GitHub Actions\n"
     "      workflow commands) or sarif (one SARIF 2.1.0 log)"},
    {CLI_OPT_CONFIG, 0, "config", "FILE",
     "the rules file (docs/rules.md); default: the first .postparse.yml\n"
     "      found in each path's folder or a folder above it"},
    {CLI_OPT_CONFIG, 0, "no-config", NULL,
     "read no rules file: the built-in rules and the options given"},
    {CLI_OPT_QUIET, 'q', "quiet", NULL, "no progress line on the terminal"},
    {CLI_OPT_FIX, 0, "fix", NULL,
     "rewrite the values a safe fix applies to (docs/cli.md), each file\n"
     "      replaced atomically; then report what is left"},
    {CLI_OPT_FIX, 0, "diff", NULL,
     "print the fixes --fix would make as a unified diff; write nothing"},
    {CLI_OPT_EDIT, 0, "in-place", NULL,
     "replace each FILE atomically (a temporary file in its folder, synced,\n"
     "      renamed over it, its mode kept; not when it changed meanwhile)"},
    {CLI_OPT_EDIT, 0, "dry-run", NULL,
     "print the edits as a unified diff; write nothing"},
    {CLI_OPT_SET, 0, "list", NULL,
     "append each VALUE to the KEY's list (flow or block) instead of\n"
     "      setting it"},
    {CLI_OPT_SET, 0, "string", NULL,
     "each VALUE is a string (quoted when YAML would read it otherwise);\n"
     "      default: YAML text when it is a scalar or a flow list (true, 42,\n"
     "      [a, b]), else a string"},
    {CLI_OPT_SET, 0, "json", NULL,
     "with set: each VALUE is JSON (a string, number, true, false, null or\n"
     "      an array of those), written so that it reads back the same"},
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

/* A date and time as Jekyll reads `time:` (read in UTC unless it has an
 * offset). */
static bool parse_time(const char *arg, cli_options *options)
{
    postparse_date_result r;

    if (postparse_date_parse_jekyll(arg, strlen(arg), NULL, &r) !=
        POSTPARSE_DATE_OK)
        return false;
    options->time_set = true;
    options->time = r.unix_seconds;
    options->time_nanosecond = r.nanosecond;
    return true;
}

static bool parse_format(const char *arg, cli_format *out)
{
    static const char *const names[] = {"text", "json", "github", "sarif"};

    for (int i = 0; i < 4; i++)
        if (strcmp(arg, names[i]) == 0) {
            *out = (cli_format)i;
            return true;
        }
    return false;
}

static bool set_option(cli_options *options, const char *command,
                       const cli_option_spec *spec, const char *arg)
{
    size_t jobs;
    unsigned bit = spec->bit;

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
    case CLI_OPT_TIMEZONE:
        options->timezone = arg;
        return true;
    case CLI_OPT_TIME:
        if (parse_time(arg, options))
            return true;
        fprintf(stderr,
                "postparse %s: --time wants a date and time such as "
                "2026-01-01T00:00:00Z, not '%s'\n",
                command, arg);
        return false;
    case CLI_OPT_JOBS:
        if (parse_chunk(arg, &jobs) && jobs <= 256) {
            options->jobs = (unsigned)jobs;
            return true;
        }
        fprintf(stderr,
                "postparse %s: -j wants a number of threads from 1 to 256, "
                "not '%s'\n",
                command, arg);
        return false;
    case CLI_OPT_JSON:
        options->json = true;
        options->format = CLI_FORMAT_JSON;
        return true;
    case CLI_OPT_FORMAT:
        if (parse_format(arg, &options->format)) {
            options->json = options->format == CLI_FORMAT_JSON;
            return true;
        }
        fprintf(stderr,
                "postparse %s: --format wants text, json, github or sarif, "
                "not '%s'\n",
                command, arg);
        return false;
    case CLI_OPT_CONFIG:
        if (arg != NULL)
            options->config = arg;
        else
            options->no_config = true;
        return true;
    case CLI_OPT_QUIET:
        options->quiet = true;
        return true;
    case CLI_OPT_SITE:
        if (strcmp(spec->name, "site") == 0)
            options->site = arg;
        else if (strcmp(spec->name, "site-config") == 0)
            options->site_config = arg;
        else
            options->drafts = true;
        return true;
    case CLI_OPT_FIX:
        if (strcmp(spec->name, "diff") == 0)
            options->diff = true;
        else
            options->fix = true;
        return true;
    case CLI_OPT_FUTURE:
        options->future = true;
        return true;
    case CLI_OPT_EDIT:
        if (strcmp(spec->name, "in-place") == 0)
            options->in_place = true;
        else
            options->dry_run = true;
        return true;
    case CLI_OPT_SET:
        if (strcmp(spec->name, "list") == 0)
            options->list = true;
        else if (strcmp(spec->name, "string") == 0)
            options->string = true;
        else
            options->json_values = true;
        return true;
    case CLI_OPT_UNPUBLISHED:
        options->unpublished = true;
        return true;
    }
    return false;
}

static const cli_option_spec *short_option(int c, unsigned accepts)
{
    for (size_t i = 0; i < CLI_OPTION_COUNT; i++)
        if (cli_option_table[i].short_name &&
            c == cli_option_table[i].short_name &&
            (accepts & cli_option_table[i].bit))
            return &cli_option_table[i];
    return NULL;
}

bool cli_options_parse(cli_options *options, unsigned accepts, int argc,
                       char **argv, int *first_operand)
{
    struct option longopts[CLI_OPTION_COUNT + 2];
    char shortopts[2 * CLI_OPTION_COUNT + 3] = ":h";
    size_t n = 0, ns = 2;
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
        if (spec->short_name) {
            shortopts[ns++] = spec->short_name;
            if (spec->metavar)
                shortopts[ns++] = ':';
            shortopts[ns] = '\0';
        }
    }
    longopts[n] = (struct option){"help", no_argument, NULL, CLI_OPT_HELP_VAL};
    longopts[n + 1] = (struct option){NULL, 0, NULL, 0};

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        const cli_option_spec *by_short = short_option(c, accepts);

        if (c == CLI_OPT_HELP_VAL) {
            options->help = true;
        } else if (by_short != NULL) {
            if (!set_option(options, argv[0], by_short, optarg))
                return false;
        } else if (c >= 256) {
            if (!set_option(options, argv[0], &cli_option_table[c - 256],
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
        if (spec->short_name)
            fprintf(out, " [-%c%s%s]", spec->short_name,
                    spec->metavar ? " " : "",
                    spec->metavar ? spec->metavar : "");
        else
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
        if (spec->short_name)
            fprintf(out, "  -%c, ", spec->short_name);
        else
            fputs("  ", out);
        fprintf(out, "--%s%s%s\n      %s\n", spec->name,
                spec->metavar ? " " : "", spec->metavar ? spec->metavar : "",
                spec->help);
    }
    fputs("  -h, --help\n      show this help and exit\n", out);
}
