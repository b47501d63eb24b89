/* SPDX-License-Identifier: MIT */
/* check's rules files: --config FILE, or the first .postparse.yml found in
 * a checked path's folder or the folders above it; each file loaded once
 * and kept for the run, with the parser options it makes. */
#ifndef POSTPARSE_TOOLS_CONFIG_H
#define POSTPARSE_TOOLS_CONFIG_H

#include <stdbool.h>

#include "options.h"

#define CONFIG_FILE_NAME ".postparse.yml"

typedef struct check_config {
    char *path; /* the rules file as found */
    char *real; /* its real path: the cache key */
    postparse_ruleset *set;
    /* The run's options with the file's applied, then the command line's
     * own (--timezone, --future, --unpublished win over the file). */
    postparse_options popts;
} check_config;

typedef struct config_cache {
    check_config **items;
    size_t count;
} config_cache;

/* The rules for operand into *out (NULL: none, with --no-config or when no
 * file is found). base: the options the command line makes. A rules file
 * that does not load is printed as "FILE:LINE:COL: error: MESSAGE
 * [rules-file]" and false returned. */
bool config_for_operand(config_cache *cache, const cli_options *options,
                        const postparse_options *base, const char *operand,
                        const check_config **out);

/* operand's path relative to the folder of config's rules file, for the
 * ignore globs; NULL when operand is not under that folder (its path as
 * given is used then) or out of memory. Free it. */
char *config_relative(const check_config *config, const char *operand);

/* Whether config's ignore globs match rel (a path relative to the rules
 * file's folder). NULL config: nothing is ignored. */
bool config_ignores(const check_config *config, const char *rel);

void config_cache_free(config_cache *cache);

#endif
