/* SPDX-License-Identifier: MIT */
/* Rules files (.postparse.yml): a site's field rules, diagnostic severities,
 * site options and ignore globs, loaded into a rule set that any program
 * passes to the parser (options.ruleset), so that an editor plugin and
 * `postparse check` report the same findings. Include
 * <postparse/postparse.h>, not this. docs/rules.md ("Rules files") is the
 * guide; docs/diagnostics.md lists the codes. */
#ifndef POSTPARSE_RULES_H
#define POSTPARSE_RULES_H

#include <postparse/common.h>

#ifdef __cplusplus
extern "C" {
#endif

struct postparse_options;

typedef struct postparse_ruleset postparse_ruleset;

/* What a rules file sets a diagnostic code to. */
typedef enum postparse_rule_level {
    POSTPARSE_LEVEL_DEFAULT = 0, /* not mentioned: the code's own severity */
    POSTPARSE_LEVEL_OFF = 1,     /* dropped: never reported */
    POSTPARSE_LEVEL_NOTE = 2,
    POSTPARSE_LEVEL_WARNING = 3,
    POSTPARSE_LEVEL_ERROR = 4
} postparse_rule_level;

/* Loads a rules file's text (len bytes; the YAML of docs/rules.md) into
 * *out. path is where the text came from (NULL: the current folder); only
 * its folder is used, as the base of the ignore globs. Any mistake in the file (an unknown key, a value of the wrong
 * type, a pattern regcomp refuses, an unknown diagnostic code or time zone,
 * YAML that does not load) is POSTPARSE_ERR_INVALID_ARGUMENT with err's
 * message saying what was found and what was expected, at err->pos (line
 * and column of the offending key or value); out of memory is
 * POSTPARSE_ERR_NOMEM. allocator may be NULL (the C library's). The
 * set is immutable once loaded and may be shared by parsers on several
 * threads. */
POSTPARSE_API postparse_status
postparse_ruleset_load(const char *text, size_t len, const char *path,
                       const postparse_allocator *allocator,
                       postparse_ruleset **out, postparse_error *err);
/* The same from a file (at most 1 MiB); a file that cannot be read is
 * POSTPARSE_ERR_IO with strerror's text in err. */
POSTPARSE_API postparse_status postparse_ruleset_load_file(
    const char *path, const postparse_allocator *allocator,
    postparse_ruleset **out, postparse_error *err);
/* NULL is allowed. Free the parsers that use it first. */
POSTPARSE_API void postparse_ruleset_free(postparse_ruleset *set);

/* Points options->ruleset at set (its field rules run after the built-in
 * and options->rules ones; its severities apply to every diagnostic the
 * parser reports) and sets the site options the file sets: site_zone,
 * future, unpublished, excerpt_separator. The set must outlive the parsers
 * made with these options. */
POSTPARSE_API void postparse_ruleset_apply(const postparse_ruleset *set,
                                           struct postparse_options *options);

/* What the file sets code to. */
POSTPARSE_API postparse_rule_level
postparse_ruleset_level(const postparse_ruleset *set, const char *code);
/* true when an ignore glob matches relative_path (relative to the rules
 * file's folder, '/'-separated) or one of its leading folders: fnmatch
 * without FNM_PATHNAME, so '*' also matches '/'. */
POSTPARSE_API bool postparse_ruleset_ignores(const postparse_ruleset *set,
                                             const char *relative_path);
/* The folder of the rules file (its path up to the last '/', "." when it
 * has none); owned by the set. */
POSTPARSE_API const char *
postparse_ruleset_folder(const postparse_ruleset *set);
/* true when the set declares key with type `list`: a string there may be
 * rewritten as a one-item list by a fix. */
POSTPARSE_API bool postparse_ruleset_wants_list(const postparse_ruleset *set,
                                                const char *key);

#ifdef __cplusplus
}
#endif

#endif
