/* SPDX-License-Identifier: MIT */
/* Command-line options shared by the commands: one table, so that parsing
 * and --help cannot drift apart. */
#ifndef POSTPARSE_TOOLS_OPTIONS_H
#define POSTPARSE_TOOLS_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <postparse/postparse.h>

/* Which options a command accepts (bits of cli_command.accepts). */
enum cli_option_bit {
    CLI_OPT_CHUNK = 1u << 0,
    CLI_OPT_UTF8 = 1u << 1,
    CLI_OPT_STATS = 1u << 2,
    CLI_OPT_SLUG_MODE = 1u << 3,
    CLI_OPT_CASED = 1u << 4,
    CLI_OPT_TIMEZONE = 1u << 5,
    CLI_OPT_TIME = 1u << 6,
    CLI_OPT_JOBS = 1u << 7,
    CLI_OPT_JSON = 1u << 8,
    CLI_OPT_FUTURE = 1u << 9,
    CLI_OPT_UNPUBLISHED = 1u << 10,
    CLI_OPT_CONFIG = 1u << 11, /* --config FILE, --no-config */
    CLI_OPT_FORMAT = 1u << 12, /* --format */
    CLI_OPT_QUIET = 1u << 13,  /* -q, --quiet */
    CLI_OPT_FIX = 1u << 14,    /* --fix, --diff */
    CLI_OPT_SITE = 1u << 15, /* --site DIR, --drafts, --site-config */
    CLI_OPT_EDIT = 1u << 16, /* --in-place, --dry-run */
    CLI_OPT_SET = 1u << 17,  /* --list, --string, --json (values) */
};

/* check's output formats (--format). */
typedef enum cli_format {
    CLI_FORMAT_TEXT = 0,
    CLI_FORMAT_JSON = 1, /* JSON Lines; --json is its alias */
    CLI_FORMAT_GITHUB = 2,
    CLI_FORMAT_SARIF = 3
} cli_format;

typedef struct cli_options {
    /* Feed the input this many bytes at a time, each chunk in an exactly
     * sized heap buffer; 0: read 64 KiB at a time. */
    size_t chunk;
    postparse_utf8_policy utf8;
    bool stats;                         /* dump: chars, words, width */
    postparse_text_slug_mode slug_mode; /* slug: Jekyll's mode */
    bool cased;                         /* slug: keep the case */
    bool help;                          /* --help after the command name */
    const char *timezone; /* --timezone: the site zone's name, or NULL */
    /* --time: site.time in unix seconds (and nanoseconds), when set. */
    bool time_set;
    int64_t time;
    int32_t time_nanosecond;
    unsigned jobs;      /* -j: threads; 0: one */
    bool json;          /* --json: JSON Lines instead of text */
    bool future;        /* --future: future-dated posts are processable */
    bool unpublished;   /* --unpublished: unpublished posts are processable */
    cli_format format;  /* --format */
    const char *config; /* --config: the rules file, or NULL to look */
    bool no_config;     /* --no-config: no rules file at all */
    bool quiet;         /* --quiet: no progress line */
    bool fix;           /* --fix: rewrite the values a fix applies to */
    bool diff;          /* --diff: show the fixes as a diff, write none */
    const char *site;   /* --site: the Jekyll site folder to read, or NULL */
    bool drafts;        /* --drafts: with --site, read _drafts too */
    /* --site-config F[,F2]: with --site, these config files */
    const char *site_config;
    bool in_place;    /* --in-place: replace the files */
    bool dry_run;     /* --dry-run: print a unified diff, write nothing */
    bool list;        /* set --list: append to the key's list */
    bool string;      /* set --string: every VALUE is a string */
    bool json_values; /* set --json: every VALUE is JSON */
} cli_options;

void cli_options_init(cli_options *options);

/* Parses the options in argv[1..argc-1] (argv[0] is the command name) that
 * the bits in accepts allow; options and operands may be mixed, "--" ends
 * the options. On success returns true and sets *first_operand to the index
 * in argv of the first operand (they are moved to the end). On a usage error
 * prints "postparse COMMAND: what is wrong" to stderr and returns false. */
bool cli_options_parse(cli_options *options, unsigned accepts, int argc,
                       char **argv, int *first_operand);

/* " [--chunk N] [--utf8 POLICY]": the options in accepts, for a synopsis. */
void cli_options_synopsis(unsigned accepts, FILE *out);

/* The help lines of the options in accepts, two-space indented. */
void cli_options_help(unsigned accepts, FILE *out);

#endif
