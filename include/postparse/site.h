/* SPDX-License-Identifier: MIT */
/* A Jekyll site: its configuration and the posts Jekyll 4.3's reader finds
 * in it. Include <postparse/postparse.h>, not this. docs/site.md is the
 * guide.
 *
 * The site object answers two questions, independently of how a post is
 * then read:
 *  - for a file at a site-relative path, the postparse_options that
 *    Jekyll's reading of it implies (postparse_site_file_options): zone,
 *    site time, future/unpublished, excerpt separator, the relative path
 *    that gives folder categories, the front matter defaults that apply;
 *  - which files are the site's posts (postparse_site_walk): every `_posts`
 *    folder at any depth, `_drafts` with show_drafts, exclude/include,
 *    collections_dir, the `_ . # ~` rules, symlinks.
 * A site caches what it computed (defaults per set of matching scopes), so
 * one thread at a time may use it. */
#ifndef POSTPARSE_SITE_H
#define POSTPARSE_SITE_H

#include <postparse/common.h>
#include <postparse/date.h>
#include <postparse/parser.h>
#include <postparse/value.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct postparse_site postparse_site;

/* Fill with postparse_site_options_init(), then set what is needed. */
typedef struct postparse_site_options {
    size_t size; /* sizeof(postparse_site_options), set by _init */
    /* The config files, merged in this order as `jekyll build --config
     * a.yml,b.yml` does; a relative name is taken from the source folder.
     * A file given here must exist. 0 files (the default): Jekyll's
     * default, the first of _config.yml, _config.yaml, _config.toml that
     * exists in the source, or none (every key at Jekyll's default). */
    const char *const *config_files;
    size_t config_file_count;
    /* Where IANA zones are read from; NULL: /usr/share/zoneinfo. */
    const char *tzdir;
    /* Bytes of one config file at most (POSTPARSE_ERR_FRONTMATTER_TOO_LARGE
     * past it). Default 4 MiB. */
    size_t max_config_bytes;
    /* Folders nested below the source that the walk enters at most; a
     * deeper folder is skipped with a "site-too-deep" diagnostic. Default
     * 64. */
    size_t max_walk_depth;
    /* Diagnostics kept at most (then one "too-many-diagnostics"). Default
     * 1000. */
    size_t max_diagnostics;
    postparse_allocator allocator; /* default: all NULL, the C library */
} postparse_site_options;

POSTPARSE_API void postparse_site_options_init(postparse_site_options *options);

/* Opens the site whose source folder is `source` and reads its config.
 * Odd configs are diagnostics (postparse_site_diagnostic), never a failure
 * and never a crash. Severity error where `jekyll build` stops: a config
 * that is not valid YAML (the file is then ignored), `include`/`exclude`
 * not a list (Jekyll's InvalidConfigurationError; the default is used).
 * Warnings where Jekyll goes on: a file that is not a mapping (ignored:
 * "Error reading configuration. Using defaults"), a key of the wrong type
 * (its default is used), a time zone the tz database lacks (UTC, as glibc
 * does with an unknown TZ), a `defaults` entry without `values` (skipped)
 * or without `scope` (applies to every file), a .toml file (not read).
 * Returns POSTPARSE_OK and *out, or POSTPARSE_ERR_IO (the source is not a
 * folder, a config file named in options cannot be read: *error says
 * which), POSTPARSE_ERR_FRONTMATTER_TOO_LARGE (a config file over
 * max_config_bytes), POSTPARSE_ERR_INVALID_ARGUMENT, or
 * POSTPARSE_ERR_NOMEM; then *out is NULL. error may be NULL. */
POSTPARSE_API postparse_status
postparse_site_open(const char *source, const postparse_site_options *options,
                    postparse_site **out, postparse_error *error);

POSTPARSE_API void postparse_site_free(postparse_site *site);

/* The diagnostics about the config, in the order found; *file (may be
 * NULL) receives the config file's path, as opened. */
POSTPARSE_API size_t
postparse_site_diagnostic_count(const postparse_site *site);
POSTPARSE_API const postparse_diagnostic *
postparse_site_diagnostic(const postparse_site *site, size_t index,
                          const char **file);

/* The settings that decide how posts are read, with Jekyll's default for
 * every key the config does not set. Owned by the site. */
typedef struct postparse_site_settings {
    const char *source;            /* the source folder, as given */
    const char *timezone;          /* the config's `timezone`, NULL: none */
    const postparse_tz *zone;      /* NULL: UTC */
    bool future, unpublished;      /* default false */
    bool show_drafts;              /* default false (nil) */
    bool safe;                     /* default false */
    bool strict_front_matter;      /* default false */
    bool time_set;                 /* the config sets `time` */
    int64_t time;                  /* its unix seconds, when time_set */
    const char *excerpt_separator; /* default "\n\n" */
    const char *collections_dir;   /* default "" */
    const char *permalink;         /* default "date" */
    const char *destination;       /* default "_site" */
    /* The whole merged config (every file's keys, Jekyll's defaults not
     * added), NULL when no file was read. */
    const postparse_value *config;
} postparse_site_settings;

POSTPARSE_API const postparse_site_settings *
postparse_site_get_settings(const postparse_site *site);

/* The front matter defaults Jekyll 4.3 applies to a post at relative_path
 * (Document#relative_path: from the source, without collections_dir):
 * every `defaults` set whose scope matches (path prefix or glob, type
 * "posts"), merged in Jekyll's precedence (a longer scope path wins, then
 * a scope with a type). *out is a mapping owned by the site (the same
 * pointer for every file the same sets apply to), or NULL when none
 * applies. Returns POSTPARSE_OK or POSTPARSE_ERR_NOMEM. */
POSTPARSE_API postparse_status
postparse_site_defaults_for(postparse_site *site, const char *relative_path,
                            const postparse_value **out);

/* Jekyll's Document#relative_path of a file at `path` (relative to the
 * source): path without the collections_dir prefix. Points into path. */
POSTPARSE_API const char *
postparse_site_relative_path(const postparse_site *site, const char *path);

/* Fills the fields of *options that the site decides for the file at
 * `path` (relative to the source, as postparse_site_walk gives it):
 * site_zone, site_time (when the config sets `time`), future, unpublished,
 * excerpt_separator, relative_path (pointing into path) and
 * front_matter_defaults. Other fields, path included, are left alone: set
 * them (and overrides such as a command line's --future) after. The
 * pointers stored stay valid while the site and path do.
 * Returns POSTPARSE_OK, POSTPARSE_ERR_NOMEM or
 * POSTPARSE_ERR_INVALID_ARGUMENT. */
POSTPARSE_API postparse_status postparse_site_file_options(
    postparse_site *site, const char *path, postparse_options *options);

/* One post found by the walk. Pointers valid during the callback. */
typedef struct postparse_site_entry {
    const char *path; /* from the source: "ja/_posts/2025-01-01-a.md" */
    const char *relative_path; /* Jekyll's (without collections_dir) */
    bool draft;                /* found under a `_drafts` folder */
    int64_t mtime;             /* the file's modification time */
    int32_t mtime_nanosecond;
} postparse_site_entry;

/* Return false to stop the walk (it then returns POSTPARSE_ERR_ABORTED). */
typedef bool (*postparse_site_entry_fn)(void *user_data,
                                        const postparse_site_entry *entry);

/* Calls fn for each post Jekyll's reader finds, in bytewise order of path:
 * the files below every `_posts` folder of every folder the reader walks
 * (and below `_drafts` when drafts is true) whose name Jekyll's date
 * matcher accepts (drafts: any name with an extension). Folders and files
 * are filtered as Jekyll's EntryFilter does (docs/site.md); with
 * collections_dir set, only `_posts` below it count. Symbolic links are
 * followed (in safe mode, only those that stay inside the source); a
 * folder that is its own ancestor (same device and inode) is skipped with
 * a "site-symlink-loop" diagnostic. Memory: the names of one folder at a
 * time per level, never the whole list of posts.
 * A folder below the source that cannot be read is a
 * "site-unreadable-folder" diagnostic and the walk goes on; one nested
 * deeper than max_walk_depth is "site-too-deep".
 * Returns POSTPARSE_OK, POSTPARSE_ERR_ABORTED, POSTPARSE_ERR_IO (the
 * source cannot be read), or POSTPARSE_ERR_NOMEM; *error (may be NULL)
 * says which. */
POSTPARSE_API postparse_status postparse_site_walk(postparse_site *site,
                                                   bool drafts,
                                                   postparse_site_entry_fn fn,
                                                   void *user_data,
                                                   postparse_error *error);

#ifdef __cplusplus
}
#endif

#endif
