/* SPDX-License-Identifier: MIT */
/* The site object and its config, as Jekyll 4.3's Jekyll.configuration
 * reads it: the config files (the first of _config.yml, _config.yaml,
 * _config.toml, or the ones named) loaded through the project's YAML loader
 * and deep-merged in order over Jekyll's defaults; a file that is not a
 * mapping ends the reading of files (Jekyll's rescue of ArgumentError:
 * "Using defaults"), a YAML error stops the build. Every key the settings
 * need is checked for its type; a wrong one is a diagnostic at its
 * file:line:col and the default is used. */
/* realpath() and strcasecmp() are XSI. */
#define _XOPEN_SOURCE 700
#include "site.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "alloc.h"
#include "base_array.h"
#include "post.h"
#include "value.h"
#include "yaml_load.h"

#define DEFAULT_MAX_CONFIG_BYTES ((size_t)4 << 20)
#define DEFAULT_MAX_WALK_DEPTH 64
#define DEFAULT_MAX_DIAGNOSTICS 1000

/* Jekyll's DEFAULT_EXCLUDES, added to every site's `exclude`. */
static const char *const default_excludes[] = {
    ".sass-cache",  ".jekyll-cache", "gemfiles",       "Gemfile",
    "Gemfile.lock", "node_modules",  "vendor/bundle/", "vendor/cache/",
    "vendor/gems/", "vendor/ruby/",
};

void postparse_site_options_init(postparse_site_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof(*options));
    options->size = sizeof(*options);
    options->max_config_bytes = DEFAULT_MAX_CONFIG_BYTES;
    options->max_walk_depth = DEFAULT_MAX_WALK_DEPTH;
    options->max_diagnostics = DEFAULT_MAX_DIAGNOSTICS;
}

postparse_status postparse__site_diag_add(postparse_site *site,
                                          const char *file,
                                          postparse_severity severity,
                                          postparse_diagnostic_code code,
                                          postparse_pos pos,
                                          const char *fmt, ...)
{
    if (site->diag_count >= site->opt.max_diagnostics) {
        site->diags_dropped++;
        return POSTPARSE_OK;
    }
    if (site->diag_count == site->diag_cap) {
        void *d = site->diags;
        if (!postparse__array_grow(&site->opt.allocator, &d, &site->diag_cap,
                                   site->diag_count, site->diag_count + 1,
                                   sizeof(*site->diags), 8, NULL))
            return POSTPARSE_ERR_NOMEM;
        site->diags = d;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    size_t len = n < 0                     ? 0
                 : (size_t)n < sizeof(buf) ? (size_t)n
                                           : sizeof(buf) - 1;
    const char *msg = postparse__arena_strndup(&site->arena, buf, len);
    if (!msg)
        return POSTPARSE_ERR_NOMEM;
    postparse__site_diag *d = &site->diags[site->diag_count++];
    memset(d, 0, sizeof(*d));
    d->d.severity = severity;
    d->d.id = code;
    d->d.code = postparse_diagnostic_code_name(code);
    d->d.message = msg;
    d->d.pos = pos;
    d->file = file;
    return POSTPARSE_OK;
}

size_t postparse_site_diagnostic_count(const postparse_site *site)
{
    return site ? site->diag_count : 0;
}

const postparse_diagnostic *
postparse_site_diagnostic(const postparse_site *site, size_t index,
                          const char **file)
{
    if (file)
        *file = NULL;
    if (!site || index >= site->diag_count)
        return NULL;
    if (file)
        *file = site->diags[index].file;
    return &site->diags[index].d;
}

const postparse_site_settings *
postparse_site_get_settings(const postparse_site *site)
{
    return site ? &site->settings : NULL;
}

char *postparse__site_path_join(const postparse_site *site, const char *a,
                                const char *b)
{
    size_t al = strlen(a), bl = strlen(b);
    bool slash = al > 0 && bl > 0 && a[al - 1] != '/';
    char *p = postparse__malloc(&site->opt.allocator, al + slash + bl + 1);
    if (!p)
        return NULL;
    memcpy(p, a, al);
    if (slash)
        p[al] = '/';
    memcpy(p + al + slash, b, bl + 1);
    return p;
}

void postparse__site_path_free(const postparse_site *site, char *path)
{
    if (path)
        postparse__free(&site->opt.allocator, path, strlen(path) + 1);
}

/* ---- reading the files ------------------------------------------------ */

typedef struct load_ctx {
    postparse_site *site;
    const char *file;
} load_ctx;

/* The loader's own diagnostics (duplicate keys, ...) keep their severity. */
static postparse_status on_yaml_diag(void *ctx, postparse_severity severity,
                                     postparse_diagnostic_code code,
                                     const postparse_pos *pos,
                                     const char *key, const char *message)
{
    load_ctx *c = ctx;
    (void)key;
    /* Errors (syntax, not a mapping) are said once by load_one, in terms
     * of a config; the loader's words are a post's front matter's. */
    if (severity == POSTPARSE_SEVERITY_ERROR)
        return POSTPARSE_OK;
    return postparse__site_diag_add(c->site, c->file, severity, code, *pos,
                                    "%s", message);
}

static postparse_status fail(postparse_error *error, postparse_status code,
                             const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static postparse_status fail(postparse_error *error, postparse_status code,
                             const char *fmt, ...)
{
    if (error) {
        memset(error, 0, sizeof(*error));
        error->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(error->message, sizeof(error->message), fmt, ap);
        va_end(ap);
    }
    return code;
}

/* The file's bytes into the allocator (*len), or a status. */
static postparse_status read_file(postparse_site *site, const char *path,
                                  char **out, size_t *len, size_t *out_cap,
                                  postparse_error *error)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(error, POSTPARSE_ERR_IO, "cannot open config file %s: %s",
                    path, strerror(errno));
    size_t cap = 4096, n = 0;
    char *buf = postparse__malloc(&site->opt.allocator, cap);
    postparse_status st = buf ? POSTPARSE_OK : POSTPARSE_ERR_NOMEM;
    while (st == POSTPARSE_OK) {
        if (n == cap) {
            if (cap >= site->opt.max_config_bytes + 1) {
                st = fail(error, POSTPARSE_ERR_FRONTMATTER_TOO_LARGE,
                          "config file %s is larger than max_config_bytes "
                          "(%zu)",
                          path, site->opt.max_config_bytes);
                break;
            }
            size_t ncap = 2 * cap;
            if (ncap > site->opt.max_config_bytes + 1)
                ncap = site->opt.max_config_bytes + 1;
            char *nb = postparse__realloc(&site->opt.allocator, buf, cap, ncap);
            if (!nb) {
                st = POSTPARSE_ERR_NOMEM;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                st = fail(error, POSTPARSE_ERR_IO, "cannot read config file %s",
                          path);
            break;
        }
    }
    fclose(f);
    if (st != POSTPARSE_OK) {
        if (buf)
            postparse__free(&site->opt.allocator, buf, cap);
        if (st == POSTPARSE_ERR_NOMEM)
            fail(error, st, "out of memory reading %s", path);
        return st;
    }
    *out = buf;
    *len = n;
    *out_cap = cap;
    return POSTPARSE_OK;
}

static bool ext_is(const char *path, const char *ext)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return false;
    return strcasecmp(dot, ext) == 0;
}

/* Loads one file and merges it into *merged. *stop: Jekyll reads no
 * further file (this one raised ArgumentError, or a YAML error). */
static postparse_status load_one(postparse_site *site, const char *file,
                                 const postparse_value **merged, bool *stop,
                                 postparse_error *error)
{
    if (ext_is(file, ".toml")) {
        return postparse__site_diag_add(
            site, file, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_CONFIG_TOML_UNSUPPORTED,
            (postparse_pos){0, 1, 1},
            "TOML config files are not read by postparse (Jekyll reads them "
            "with tomlrb); write the settings in _config.yml");
    }
    if (!ext_is(file, ".yml") && !ext_is(file, ".yaml")) {
        *stop = true;
        return postparse__site_diag_add(
            site, file, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_CONFIG_UNKNOWN_FORMAT,
            (postparse_pos){0, 1, 1},
            "no parser for this file: use a .yml, .yaml or .toml file; "
            "Jekyll uses its defaults from here on");
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    postparse_status st = read_file(site, file, &text, &len, &cap, error);
    if (st != POSTPARSE_OK)
        return st;
    postparse__yaml_options yo;
    postparse__yaml_options_init(&yo);
    postparse__yaml_result r;
    postparse_pos start = {0, 1, 1};
    load_ctx ctx = {site, file};
    st = postparse__yaml_load(&site->arena, &site->opt.allocator, text, len,
                              &start, &yo, on_yaml_diag, &ctx, &r, error);
    postparse__free(&site->opt.allocator, text, cap);
    if (st != POSTPARSE_OK) {
        if (error) {
            /* The file's name first: "_config.yml: scalar exceeds ...". */
            char msg[sizeof(error->message)];
            size_t fl = strlen(file) < 120 ? strlen(file) : 120;
            memcpy(msg, file, fl);
            memcpy(msg + fl, POSTPARSE__LIT(": "));
            size_t room = sizeof(msg) - fl - 3;
            size_t ml = strlen(error->message);
            if (ml > room)
                ml = room;
            memcpy(msg + fl + 2, error->message, ml);
            msg[fl + 2 + ml] = '\0';
            memcpy(error->message, msg, sizeof(msg));
        }
        return st;
    }
    if (r.error_class && strcmp(r.error_class, "NoMethodError") != 0) {
        *stop = true;
        return postparse__site_diag_add(
            site, file, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_CONFIG_YAML_ERROR,
            r.error_pos, "%s: %s; jekyll build stops here", r.error_class,
            r.error_message ? r.error_message : "");
    }
    if (r.root == NULL && !r.error_class)
        return POSTPARSE_OK; /* empty: {} */
    if (postparse_value_kind_of(r.root) != POSTPARSE_VALUE_MAPPING) {
        *stop = true;
        postparse_pos pos = r.root ? postparse_value_pos(r.root) : r.error_pos;
        return postparse__site_diag_add(
            site, file, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_CONFIG_NOT_MAPPING, pos,
            "the config is %s, expected a mapping of settings; Jekyll "
            "ignores it (and any config file after it) and uses its "
            "defaults",
            r.root ? postparse_value_kind_name(postparse_value_kind_of(r.root))
                   : "not a mapping");
    }
    postparse_value *m =
        postparse__value_deep_merge(&site->arena, *merged, r.root);
    if (!m)
        return fail(error, POSTPARSE_ERR_NOMEM, "out of memory");
    *merged = m;
    return POSTPARSE_OK;
}

/* ---- settings ----------------------------------------------------------- */

static const char *key_file(const postparse_site *site, const char *key)
{
    (void)key;
    /* Values keep their positions, not their file; with several files the
     * last one is named (the usual override). */
    return site->file_count ? site->files[site->file_count - 1] : NULL;
}

static postparse_status wrong_type(postparse_site *site, const char *key,
                                   const postparse_value *v,
                                   postparse_severity sev, const char *expected,
                                   const char *what)
{
    return postparse__site_diag_add(
        site, key_file(site, key), sev, POSTPARSE_DIAG_CONFIG_WRONG_TYPE,
        postparse_value_pos(v), "%s is %s, expected %s; %s", key,
        postparse_value_kind_name(postparse_value_kind_of(v)), expected, what);
}

static const char *str_or(postparse_site *site, const postparse_value *config,
                          const char *key, const char *def, bool *failed)
{
    const postparse_value *v = postparse_value_get(config, key, strlen(key));
    if (!v || postparse_value_kind_of(v) == POSTPARSE_VALUE_NULL)
        return def;
    size_t n;
    const char *s = postparse_value_string(v, &n);
    if (s)
        return s;
    if (wrong_type(site, key, v, POSTPARSE_SEVERITY_WARNING, "a string",
                   "the default is used") != POSTPARSE_OK)
        *failed = true;
    return def;
}

/* Ruby truthiness, as Jekyll tests these flags; a value other than a
 * boolean or null is a warning (`future: "no"` is true). */
static bool flag(postparse_site *site, const postparse_value *config,
                 const char *key, bool *failed)
{
    const postparse_value *v = postparse_value_get(config, key, strlen(key));
    postparse_value_kind k = postparse_value_kind_of(v);
    if (!v || k == POSTPARSE_VALUE_NULL)
        return false;
    if (k == POSTPARSE_VALUE_BOOL)
        return postparse_value_bool(v);
    if (wrong_type(site, key, v, POSTPARSE_SEVERITY_WARNING, "true or false",
                   "Jekyll takes any value but false and null as true") !=
        POSTPARSE_OK)
        *failed = true;
    return true;
}

/* include/exclude: the strings of a list (other items never match). */
static postparse_status string_list(postparse_site *site,
                                    const postparse_value *config,
                                    const char *key, const char *const *def,
                                    size_t def_n, const char *const *extra,
                                    size_t extra_n, const char ***out,
                                    size_t *out_n)
{
    const postparse_value *v = postparse_value_get(config, key, strlen(key));
    size_t n = 0;
    if (v && postparse_value_kind_of(v) != POSTPARSE_VALUE_SEQUENCE) {
        postparse_status st =
            wrong_type(site, key, v, POSTPARSE_SEVERITY_ERROR, "a list",
                       "Jekyll stops with InvalidConfigurationError; "
                       "postparse uses the default");
        if (st != POSTPARSE_OK)
            return st;
        v = NULL;
    }
    size_t vn = v ? postparse_value_length(v) : def_n;
    const char **list = postparse__arena_alloc(
        &site->arena, (vn + extra_n + 1) * sizeof(*list));
    if (!list)
        return POSTPARSE_ERR_NOMEM;
    for (size_t i = 0; i < vn; i++) {
        const char *s =
            v ? postparse_value_string(postparse_value_index(v, i), NULL)
              : def[i];
        if (s)
            list[n++] = s;
    }
    for (size_t i = 0; i < extra_n; i++) {
        bool dup = false;
        for (size_t j = 0; j < n && !dup; j++)
            dup = strcmp(list[j], extra[i]) == 0;
        if (!dup)
            list[n++] = extra[i];
    }
    *out = list;
    *out_n = n;
    return POSTPARSE_OK;
}

static postparse_status read_zone(postparse_site *site,
                                  const postparse_value *config, bool *failed)
{
    const postparse_value *v =
        postparse_value_get(config, POSTPARSE__LIT("timezone"));
    const char *name = str_or(site, config, "timezone", NULL, failed);
    site->settings.timezone = name;
    if (!name || !*name)
        return POSTPARSE_OK;
    postparse_status st = postparse_tz_open(name, site->opt.tzdir,
                                            &site->opt.allocator, &site->zone);
    if (st == POSTPARSE_ERR_NOMEM)
        return st;
    if (st != POSTPARSE_OK) {
        site->zone = NULL;
        return postparse__site_diag_add(
            site, key_file(site, "timezone"), POSTPARSE_SEVERITY_WARNING,
            POSTPARSE_DIAG_CONFIG_UNKNOWN_TIMEZONE, postparse_value_pos(v),
            "timezone \"%s\" is not in the tz database (%s); Jekyll sets TZ "
            "to it and the C library then reads times as UTC, as postparse "
            "does",
            name, site->opt.tzdir ? site->opt.tzdir : "/usr/share/zoneinfo");
    }
    site->settings.zone = site->zone;
    return POSTPARSE_OK;
}

static postparse_status read_time(postparse_site *site,
                                  const postparse_value *config)
{
    const postparse_value *v =
        postparse_value_get(config, POSTPARSE__LIT("time"));
    if (!postparse__ruby_truthy(v))
        return POSTPARSE_OK;
    size_t n = 0;
    const char *s = postparse_value_text(v, &n);
    if (!s)
        s = postparse_value_string(v, &n);
    postparse_date_result r;
    if (s && postparse_date_parse_jekyll(s, n, site->zone, &r) <=
                 POSTPARSE_DATE_ROLLED_OVER) {
        site->settings.time = r.unix_seconds;
        site->settings.time_set = true;
        return POSTPARSE_OK;
    }
    return postparse__site_diag_add(
        site, key_file(site, "time"), POSTPARSE_SEVERITY_ERROR,
        POSTPARSE_DIAG_CONFIG_INVALID_TIME, postparse_value_pos(v),
        "time is not a date Jekyll reads (\"Invalid time in _config.yml.\", "
        "a fatal error); the current time is used");
}

static postparse_status read_settings(postparse_site *site)
{
    const postparse_value *c = site->settings.config;
    postparse_site_settings *s = &site->settings;
    bool failed = false;
    postparse_status st = read_zone(site, c, &failed);
    if (st != POSTPARSE_OK)
        return st;
    s->future = flag(site, c, "future", &failed);
    s->unpublished = flag(site, c, "unpublished", &failed);
    s->show_drafts = flag(site, c, "show_drafts", &failed);
    s->safe = flag(site, c, "safe", &failed);
    s->strict_front_matter = flag(site, c, "strict_front_matter", &failed);
    /* excerpt_separator: nil.to_s is "", which turns excerpts off. */
    const postparse_value *sep =
        postparse_value_get(c, POSTPARSE__LIT("excerpt_separator"));
    if (sep && postparse_value_kind_of(sep) == POSTPARSE_VALUE_NULL)
        s->excerpt_separator = "";
    else
        s->excerpt_separator =
            str_or(site, c, "excerpt_separator", "\n\n", &failed);
    s->collections_dir = str_or(site, c, "collections_dir", "", &failed);
    s->permalink = str_or(site, c, "permalink", "date", &failed);
    s->destination = str_or(site, c, "destination", "_site", &failed);
    if (failed)
        return POSTPARSE_ERR_NOMEM;
    st = read_time(site, c);
    if (st != POSTPARSE_OK)
        return st;
    static const char *const include_default[] = {".htaccess"};
    st = string_list(site, c, "include", include_default, 1, NULL, 0,
                     &site->include, &site->include_count);
    if (st != POSTPARSE_OK)
        return st;
    const char **exclude;
    size_t exclude_n;
    st = string_list(site, c, "exclude", NULL, 0, default_excludes,
                     sizeof(default_excludes) / sizeof(default_excludes[0]),
                     &exclude, &exclude_n);
    if (st != POSTPARSE_OK)
        return st;
    /* site.exclude - site.include, which excluded? tests. */
    size_t n = 0;
    for (size_t i = 0; i < exclude_n; i++) {
        bool inc = false;
        for (size_t j = 0; j < site->include_count && !inc; j++)
            inc = strcmp(exclude[i], site->include[j]) == 0;
        if (!inc)
            exclude[n++] = exclude[i];
    }
    site->exclude = exclude;
    site->exclude_count = n;
    const postparse_value *defaults =
        postparse_value_get(c, POSTPARSE__LIT("defaults"));
    if (defaults && postparse_value_kind_of(defaults) != POSTPARSE_VALUE_NULL &&
        postparse_value_kind_of(defaults) != POSTPARSE_VALUE_SEQUENCE) {
        return wrong_type(site, "defaults", defaults,
                          POSTPARSE_SEVERITY_WARNING, "a list of sets",
                          "Jekyll warns about each entry and applies none");
    }
    return postparse__site_defaults_load(site, defaults,
                                         key_file(site, "defaults"));
}

/* ---- open and free ------------------------------------------------------ */

static postparse_status find_files(postparse_site *site, postparse_error *error)
{
    const postparse_site_options *o = &site->opt;
    size_t n = o->config_files ? o->config_file_count : 0;
    site->files =
        postparse__arena_alloc(&site->arena, (n ? n : 1) * sizeof(char *));
    if (!site->files)
        return fail(error, POSTPARSE_ERR_NOMEM, "out of memory");
    if (n == 0) {
        static const char *const names[] = {"_config.yml", "_config.yaml",
                                            "_config.toml"};
        for (size_t i = 0; i < 3; i++) {
            char *p = postparse__site_path_join(site, site->source, names[i]);
            if (!p)
                return fail(error, POSTPARSE_ERR_NOMEM, "out of memory");
            struct stat sb;
            bool exists = stat(p, &sb) == 0;
            const char *kept =
                exists ? postparse__arena_strndup(&site->arena, p, strlen(p))
                       : NULL;
            postparse__site_path_free(site, p);
            if (exists) {
                if (!kept)
                    return fail(error, POSTPARSE_ERR_NOMEM, "out of memory");
                site->files[site->file_count++] = kept;
                break;
            }
        }
        return POSTPARSE_OK;
    }
    for (size_t i = 0; i < n; i++) {
        const char *f = o->config_files[i];
        if (!f || !*f)
            continue;
        char *p = f[0] == '/'
                      ? NULL
                      : postparse__site_path_join(site, site->source, f);
        if (f[0] != '/' && !p)
            return fail(error, POSTPARSE_ERR_NOMEM, "out of memory");
        const char *use = p ? p : f;
        const char *kept =
            postparse__arena_strndup(&site->arena, use, strlen(use));
        postparse__site_path_free(site, p);
        if (!kept)
            return fail(error, POSTPARSE_ERR_NOMEM, "out of memory");
        struct stat sb;
        if (stat(kept, &sb) != 0)
            return fail(error, POSTPARSE_ERR_IO,
                        "the configuration file %s could not be found: %s",
                        kept, strerror(errno));
        site->files[site->file_count++] = kept;
    }
    return POSTPARSE_OK;
}

postparse_status postparse_site_open(const char *source,
                                     const postparse_site_options *options,
                                     postparse_site **out,
                                     postparse_error *error)
{
    if (error)
        memset(error, 0, sizeof(*error));
    if (!out || !source)
        return fail(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                    "no site folder given");
    *out = NULL;
    postparse_site_options opt;
    postparse_site_options_init(&opt);
    if (options) {
        if (options->size < offsetof(postparse_site_options, config_files))
            return fail(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                        "postparse_site_options.size is too small");
        memcpy(&opt, options,
               options->size < sizeof(opt) ? options->size : sizeof(opt));
        opt.size = sizeof(opt);
    }
    if (!postparse__allocator_valid(&opt.allocator))
        return fail(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                    "the allocator sets some hooks but not all");
    struct stat sb;
    if (stat(source, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return fail(error, POSTPARSE_ERR_IO, "the site folder %s %s", source,
                    errno && stat(source, &sb) != 0 ? strerror(errno)
                                                    : "is not a folder");
    postparse_site *site = postparse__malloc(&opt.allocator, sizeof(*site));
    if (!site)
        return fail(error, POSTPARSE_ERR_NOMEM, "out of memory");
    memset(site, 0, sizeof(*site));
    site->opt = opt;
    postparse__arena_init(&site->arena, &site->opt.allocator);
    size_t len = strlen(source);
    while (len > 1 && source[len - 1] == '/')
        len--;
    site->source = postparse__arena_strndup(&site->arena, source, len);
    site->source_len = len;
    char *real = realpath(source, NULL); /* the C library's malloc */
    if (real) {
        site->source_real =
            postparse__arena_strndup(&site->arena, real, strlen(real));
        free(real);
    }
    postparse_status st =
        site->source && (site->source_real || !real)
            ? find_files(site, error)
            : fail(error, POSTPARSE_ERR_NOMEM, "out of memory");
    const postparse_value *merged = NULL;
    bool stop = false;
    for (size_t i = 0; st == POSTPARSE_OK && i < site->file_count && !stop; i++)
        st = load_one(site, site->files[i], &merged, &stop, error);
    site->settings.source = site->source;
    site->settings.config = merged;
    if (st == POSTPARSE_OK)
        st = read_settings(site);
    if (st != POSTPARSE_OK) {
        if (st == POSTPARSE_ERR_NOMEM && error && !error->message[0])
            fail(error, st, "out of memory reading the site's config");
        postparse_site_free(site);
        return st;
    }
    *out = site;
    return POSTPARSE_OK;
}

void postparse_site_free(postparse_site *site)
{
    if (!site)
        return;
    postparse__site_defaults_free(site);
    postparse_tz_free(site->zone);
    postparse__free(&site->opt.allocator, site->diags,
                    site->diag_cap * sizeof(*site->diags));
    postparse__arena_free(&site->arena);
    postparse_allocator a = site->opt.allocator;
    postparse__free(&a, site, sizeof(*site));
}

const char *postparse_site_relative_path(const postparse_site *site,
                                         const char *path)
{
    if (!site || !path)
        return path;
    const char *dir = site->settings.collections_dir;
    size_t n = dir ? strlen(dir) : 0;
    /* Document#relative_path: path.sub("#{collections_path}/", ""). */
    if (n && strncmp(path, dir, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

postparse_status postparse_site_file_options(postparse_site *site,
                                             const char *path,
                                             postparse_options *options)
{
    if (!site || !path || !options ||
        options->size < offsetof(postparse_options, front_matter_defaults) +
                            sizeof(options->front_matter_defaults))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    const postparse_site_settings *s = &site->settings;
    options->site_zone = s->zone;
    if (s->time_set) {
        options->site_time = s->time;
        options->site_time_nanosecond = 0;
        options->site_time_set = true;
    }
    options->future = s->future;
    options->unpublished = s->unpublished;
    options->excerpt_separator = s->excerpt_separator;
    options->relative_path = postparse_site_relative_path(site, path);
    return postparse_site_defaults_for(site, options->relative_path,
                                       &options->front_matter_defaults);
}
