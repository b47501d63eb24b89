/* SPDX-License-Identifier: MIT */
/* realpath is XSI, outside _POSIX_C_SOURCE. */
#define _DEFAULT_SOURCE
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void print_error(const char *path, const postparse_error *e)
{
    if (e->code == POSTPARSE_ERR_INVALID_ARGUMENT)
        fprintf(stderr, "%s:%llu:%llu: error: %s [rules-file]\n", path,
                (unsigned long long)(e->pos.line ? e->pos.line : 1),
                (unsigned long long)(e->pos.column ? e->pos.column : 1),
                e->message);
    else
        fprintf(stderr, "%s: error: %s [rules-file]\n", path, e->message);
}

static void config_free(check_config *c)
{
    if (c == NULL)
        return;
    postparse_ruleset_free(c->set);
    free(c->path);
    free(c->real);
    free(c);
}

static const check_config *load(config_cache *cache, const cli_options *options,
                                const postparse_options *base, const char *path)
{
    char *real = realpath(path, NULL);
    check_config *c, **items;
    postparse_error err;

    if (real == NULL) {
        fprintf(stderr,
                "%s: error: cannot read the rules file: %s "
                "[rules-file]\n",
                path, strerror(errno));
        return NULL;
    }
    for (size_t i = 0; i < cache->count; i++)
        if (strcmp(cache->items[i]->real, real) == 0) {
            free(real);
            return cache->items[i];
        }
    c = calloc(1, sizeof(*c));
    items = realloc(cache->items, (cache->count + 1) * sizeof(*items));
    if (items != NULL)
        cache->items = items;
    if (c == NULL || items == NULL || (c->path = strdup(path)) == NULL) {
        fputs("postparse check: out of memory\n", stderr);
        free(real);
        config_free(c);
        return NULL;
    }
    c->real = real;
    if (postparse_ruleset_load_file(real, NULL, &c->set, &err) !=
        POSTPARSE_OK) {
        print_error(path, &err);
        config_free(c);
        return NULL;
    }
    c->popts = *base;
    postparse_ruleset_apply(c->set, &c->popts);
    if (options->timezone != NULL)
        c->popts.site_zone = base->site_zone;
    c->popts.future = c->popts.future || options->future;
    c->popts.unpublished = c->popts.unpublished || options->unpublished;
    cache->items[cache->count++] = c;
    return c;
}

/* The first CONFIG_FILE_NAME in dir or above it, or NULL. */
static char *find_up(const char *start)
{
    char *dir = realpath(start, NULL);
    struct stat sb;

    if (dir != NULL && stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        char *slash = strrchr(dir, '/');
        if (slash != NULL)
            slash[slash == dir ? 1 : 0] = '\0';
    }
    while (dir != NULL) {
        size_t n = strlen(dir);
        char *candidate = malloc(n + sizeof(CONFIG_FILE_NAME) + 1);
        char *slash;

        if (candidate == NULL)
            break;
        snprintf(candidate, n + sizeof(CONFIG_FILE_NAME) + 1, "%s%s%s", dir,
                 n > 0 && dir[n - 1] == '/' ? "" : "/", CONFIG_FILE_NAME);
        if (stat(candidate, &sb) == 0 && S_ISREG(sb.st_mode)) {
            free(dir);
            return candidate;
        }
        free(candidate);
        slash = strrchr(dir, '/');
        if (slash == NULL || n <= 1)
            break;
        slash[slash == dir ? 1 : 0] = '\0';
    }
    free(dir);
    return NULL;
}

bool config_for_operand(config_cache *cache, const cli_options *options,
                        const postparse_options *base, const char *operand,
                        const check_config **out)
{
    char *found;

    *out = NULL;
    if (options->no_config)
        return true;
    if (options->config != NULL)
        return (*out = load(cache, options, base, options->config)) != NULL;
    found = find_up(operand);
    if (found == NULL)
        return true;
    *out = load(cache, options, base, found);
    free(found);
    return *out != NULL;
}

char *config_relative(const check_config *config, const char *operand)
{
    char *real = realpath(operand, NULL);
    const char *folder = postparse_ruleset_folder(config->set);
    size_t n = strlen(folder);
    char *rel = NULL;

    if (real != NULL && strncmp(real, folder, n) == 0 &&
        (real[n] == '/' || real[n] == '\0' || n == 1))
        rel = strdup(real[n] == '/' ? real + n + 1 : real + n);
    free(real);
    return rel;
}

bool config_ignores(const check_config *config, const char *rel)
{
    return config != NULL && postparse_ruleset_ignores(config->set, rel);
}

void config_cache_free(config_cache *cache)
{
    for (size_t i = 0; i < cache->count; i++)
        config_free(cache->items[i]);
    free(cache->items);
    cache->items = NULL;
    cache->count = 0;
}
