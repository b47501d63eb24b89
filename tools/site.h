/* SPDX-License-Identifier: MIT */
/* The Jekyll site settings a command passes to the library: time zone,
 * build time, future and unpublished, from the command line. */
#ifndef POSTPARSE_TOOLS_SITE_H
#define POSTPARSE_TOOLS_SITE_H

#include <stdbool.h>

#include "options.h"

/* Fills the post options of popts from options; opens the zone into *zone
 * (NULL for UTC; free it with postparse_tz_free after the parsers). On a
 * bad zone prints "postparse COMMAND: ..." and returns false. */
bool site_setup(const char *command, const cli_options *options,
                postparse_options *popts, postparse_tz **zone);

#endif
