/* SPDX-License-Identifier: MIT */
/* check --fix and --diff (docs/cli.md, "Fixes"): quoted booleans in
 * published and comments, a full-width colon after a key, a string where
 * the rules file wants a list, a date string in its canonical form; each a
 * rewrite of the value's bytes. */
#ifndef POSTPARSE_TOOLS_FIX_H
#define POSTPARSE_TOOLS_FIX_H

#include <stdbool.h>
#include <stdio.h>

#include <postparse/postparse.h>

/* Whether the document has a finding a fix may apply to (rules: the file's
 * rules file, or NULL). */
bool fix_wanted(const postparse_doc *doc, const postparse_ruleset *rules);

/* How check read a file under --site: Jekyll's relative path and the
 * front matter defaults that apply (postparse_parser_set_site_file). */
typedef struct fix_site {
    const char *relative_path;
    const postparse_value *defaults;
} fix_site;

/* Reads path, parses it with parser as check did (site: NULL, or its
 * site's relative path and defaults; the file's mtime) and plans its
 * fixes; when the fixed
 * text parses with the fixed findings gone and no other finding new,
 * writes it over path (write true; atomically, and not when the file
 * changed while it was read) and prints the changes to diff as a unified
 * diff without context (diff not NULL). Returns the fixes made (or, without
 * write, that would be made); trouble writing is printed on stderr and
 * makes 0. The parser's state afterwards is unspecified: reset it. */
unsigned fix_file(postparse_parser *parser, const postparse_ruleset *rules,
                  const fix_site *site, const char *path, bool write,
                  FILE *diff);

#endif
