/* SPDX-License-Identifier: MIT */
#include "cmd_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"

/* --config a.yml,b.yml: the names, split on ','; NULL when out of memory. */
static char **split_config(const char *list, size_t *count, char **copy)
{
    size_t n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ',';
    char **names = calloc(n, sizeof(*names));
    *copy = strdup(list);
    if (!names || !*copy) {
        free(names);
        free(*copy);
        *copy = NULL;
        return NULL;
    }
    *count = 0;
    for (char *save = NULL, *t = strtok_r(*copy, ",", &save); t;
         t = strtok_r(NULL, ",", &save))
        names[(*count)++] = t;
    return names;
}

bool site_cli_flags_ok(const char *command, const cli_options *options)
{
    if (options->site || (!options->drafts && !options->site_config))
        return true;
    fprintf(stderr, "postparse %s: %s needs --site DIR\n", command,
            options->drafts ? "--drafts" : "--config");
    return false;
}

int site_cli_open(const char *command, const cli_options *options,
                  site_cli *out, postparse_options *popts)
{
    postparse_site_options so;
    postparse_error error;
    char **names = NULL, *copy = NULL;
    size_t count = 0;
    bool stop = false;

    memset(out, 0, sizeof(*out));
    postparse_site_options_init(&so);
    if (options->site_config) {
        names = split_config(options->site_config, &count, &copy);
        if (!names) {
            fprintf(stderr, "postparse %s: out of memory\n", command);
            return CLI_EXIT_TROUBLE;
        }
        so.config_files = (const char *const *)names;
        so.config_file_count = count;
    }
    postparse_status st =
        postparse_site_open(options->site, &so, &out->site, &error);
    free(names);
    free(copy);
    if (st != POSTPARSE_OK) {
        fprintf(stderr, "postparse %s: --site %s: %s\n", command, options->site,
                error.message);
        return CLI_EXIT_TROUBLE;
    }
    for (size_t i = 0; i < postparse_site_diagnostic_count(out->site); i++) {
        const char *file;
        const postparse_diagnostic *d =
            postparse_site_diagnostic(out->site, i, &file);
        report_diagnostic(file ? file : options->site, d);
        stop |= d->severity == POSTPARSE_SEVERITY_ERROR;
    }
    if (stop) {
        fprintf(stderr,
                "postparse %s: --site %s: the config has errors that stop "
                "jekyll build\n",
                command, options->site);
        site_cli_close(out);
        return CLI_EXIT_TROUBLE;
    }
    const postparse_site_settings *s = postparse_site_get_settings(out->site);
    popts->site_zone = s->zone;
    if (s->time_set) {
        popts->site_time = s->time;
        popts->site_time_nanosecond = 0;
        popts->site_time_set = true;
    }
    popts->future = s->future || options->future;
    popts->unpublished = s->unpublished || options->unpublished;
    popts->excerpt_separator = s->excerpt_separator;
    out->drafts = s->show_drafts || options->drafts;
    if (options->timezone) {
        st = postparse_tz_open(options->timezone, NULL, NULL, &out->zone);
        if (st != POSTPARSE_OK) {
            fprintf(stderr,
                    "postparse %s: --timezone '%s': unknown time zone\n",
                    command, options->timezone);
            site_cli_close(out);
            return CLI_EXIT_TROUBLE;
        }
        popts->site_zone = out->zone;
    }
    if (options->time_set) {
        popts->site_time_set = true;
        popts->site_time = options->time;
        popts->site_time_nanosecond = options->time_nanosecond;
    }
    return CLI_EXIT_OK;
}

void site_cli_close(site_cli *site)
{
    postparse_site_free(site->site);
    postparse_tz_free(site->zone);
    memset(site, 0, sizeof(*site));
}

typedef struct walk_ctx {
    site_cli *site;
    const char *dir;
    site_cli_file_fn fn;
    void *user_data;
    bool nomem;
} walk_ctx;

static bool on_entry(void *user_data, const postparse_site_entry *entry)
{
    walk_ctx *w = user_data;
    const postparse_value *defaults;
    size_t dl = strlen(w->dir), pl = strlen(entry->path);
    char *open_path = malloc(dl + 1 + pl + 1);

    if (!open_path ||
        postparse_site_defaults_for(w->site->site, entry->relative_path,
                                    &defaults) != POSTPARSE_OK) {
        free(open_path);
        w->nomem = true;
        return false;
    }
    memcpy(open_path, w->dir, dl);
    open_path[dl] = '/';
    memcpy(open_path + dl + 1, entry->path, pl + 1);
    bool go = w->fn(w->user_data, open_path, entry->path, entry->relative_path,
                    defaults);
    free(open_path);
    return go;
}

int site_cli_walk(const char *command, site_cli *site, site_cli_file_fn fn,
                  void *user_data)
{
    postparse_error error;
    const postparse_site_settings *s = postparse_site_get_settings(site->site);
    walk_ctx w = {site, s->source, fn, user_data, false};
    size_t before = postparse_site_diagnostic_count(site->site);
    postparse_status st =
        postparse_site_walk(site->site, site->drafts, on_entry, &w, &error);

    /* The walk's own findings: loops, unreadable folders. */
    for (size_t i = before; i < postparse_site_diagnostic_count(site->site);
         i++) {
        const char *file;
        const postparse_diagnostic *d =
            postparse_site_diagnostic(site->site, i, &file);
        report_diagnostic(file ? file : s->source, d);
    }
    if (w.nomem) {
        fprintf(stderr, "postparse %s: out of memory\n", command);
        return CLI_EXIT_TROUBLE;
    }
    if (st == POSTPARSE_ERR_ABORTED)
        return CLI_EXIT_TROUBLE; /* fn said why */
    if (st != POSTPARSE_OK) {
        fprintf(stderr, "postparse %s: --site %s: %s\n", command, s->source,
                error.message);
        return CLI_EXIT_TROUBLE;
    }
    return CLI_EXIT_OK;
}
