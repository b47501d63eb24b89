/* SPDX-License-Identifier: MIT */
/* --site DIR for dump and check: the site's config and the posts its
 * reader finds (<postparse/site.h>), with the command line's flags over
 * the config. The commands keep their own per-file reading; this gives
 * them the files and the options. */
#ifndef POSTPARSE_TOOLS_CMD_SITE_H
#define POSTPARSE_TOOLS_CMD_SITE_H

#include <stdbool.h>

#include "options.h"

typedef struct site_cli {
    postparse_site *site;
    postparse_tz *zone; /* --timezone's, over the config's; NULL: none */
    bool drafts;        /* show_drafts or --drafts */
} site_cli;

/* Opens options->site with options->config, prints the config's
 * diagnostics ("file:line:col: severity: message [code]") on standard
 * error, and fills popts with the site's settings and the command line's
 * overrides (--timezone, --time, --future, --unpublished). Returns
 * CLI_EXIT_OK, or CLI_EXIT_TROUBLE (the message printed) when the site
 * cannot be read or its config stops `jekyll build` (an error
 * diagnostic). */
/* --drafts and --config without --site: a usage error, printed; false. */
bool site_cli_flags_ok(const char *command, const cli_options *options);

int site_cli_open(const char *command, const cli_options *options,
                  site_cli *out, postparse_options *popts);
void site_cli_close(site_cli *site);

/* One post: the path to open (DIR/path), the path shown (relative to
 * DIR), and what to give the parser with postparse_parser_set_site_file
 * (relative_path points into shown). Return false to stop. */
typedef bool (*site_cli_file_fn)(void *user_data, const char *open_path,
                                 const char *shown_path,
                                 const char *relative_path,
                                 const postparse_value *defaults);

/* Calls fn for each post, sorted by path. Returns an enum cli_exit. */
int site_cli_walk(const char *command, site_cli *site, site_cli_file_fn fn,
                  void *user_data);

#endif
