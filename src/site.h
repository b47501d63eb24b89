/* SPDX-License-Identifier: MIT */
/* The site object (<postparse/site.h>) and what its files share:
 * site_config.c reads the config, site_defaults.c matches front matter
 * defaults, site_filter.c is Jekyll's EntryFilter, site_walk.c the reader's
 * walk. */
#ifndef POSTPARSE_SITE_INTERNAL_H
#define POSTPARSE_SITE_INTERNAL_H

#include <postparse/postparse.h>
#include <postparse/site.h>

#include "arena.h"

/* A diagnostic about a config file (or the walk: file NULL). */
typedef struct postparse__site_diag {
    postparse_diagnostic d;
    const char *file;
} postparse__site_diag;

/* One valid `defaults` set. */
typedef struct postparse__site_default_set {
    const postparse_value *values; /* a mapping */
    bool has_scope;
    const char *scope_path; /* NULL: no path (or not a string) */
    size_t scope_path_len;
    bool has_type;
    const char *type; /* the scope's type, to_s; may be NULL */
    size_t type_len;
    bool glob;           /* the path has a '*' */
    char **glob_matches; /* Dir.glob of it, relative to the source */
    size_t glob_count;
    bool globbed;
} postparse__site_default_set;

/* The merged defaults for one combination of matching sets. */
typedef struct postparse__site_defaults_cache {
    uint64_t *mask; /* which sets matched, one bit each */
    const postparse_value *merged;
} postparse__site_defaults_cache;

struct postparse_site {
    postparse_site_options opt;
    postparse__arena arena; /* config values, strings, merged defaults */
    postparse_site_settings settings;
    postparse_tz *zone;
    char *source; /* as given, without trailing '/' */
    size_t source_len;
    char *source_real;  /* realpath, for safe mode's symlink check */
    const char **files; /* config files read */
    size_t file_count;
    postparse__site_diag *diags;
    size_t diag_count, diag_cap, diags_dropped;
    /* include and exclude - include, as NUL-terminated strings */
    const char **include;
    size_t include_count;
    const char **exclude;
    size_t exclude_count;
    postparse__site_default_set *sets;
    size_t set_count;
    postparse__site_defaults_cache *cache;
    size_t cache_count, cache_cap;
};

/* Adds a diagnostic (message formatted, copied into the arena). */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
postparse_status
postparse__site_diag_add(postparse_site *site, const char *file,
                         postparse_severity severity,
                         postparse_diagnostic_code code, postparse_pos pos,
                         const char *fmt, ...);

/* site_defaults.c: reads config["defaults"] into site->sets. */
postparse_status postparse__site_defaults_load(postparse_site *site,
                                               const postparse_value *defaults,
                                               const char *file);
void postparse__site_defaults_free(postparse_site *site);

/* site_filter.c: EntryFilter#filter for one entry: *pass. entry: as
 * Jekyll passes it (a name, or a path below a `_posts` folder); dir: the
 * source-relative folder it is in ("" for the source, "ja/_posts").
 * POSTPARSE_OK or POSTPARSE_ERR_NOMEM. */
postparse_status postparse__site_entry_passes(const postparse_site *site,
                                              const char *dir,
                                              const char *entry, bool *pass);
/* Jekyll's glob_include?(patterns, entry): entry relative to the source. */
postparse_status postparse__site_glob_include(const postparse_site *site,
                                              const char *const *patterns,
                                              size_t n, const char *entry,
                                              bool *hit);

/* "a" + "/" + "b" into the site's allocator; NULL when out of memory.
 * Free with postparse__site_path_free. */
char *postparse__site_path_join(const postparse_site *site, const char *a,
                                const char *b);
void postparse__site_path_free(const postparse_site *site, char *path);

#endif
