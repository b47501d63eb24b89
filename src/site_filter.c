/* SPDX-License-Identifier: MIT */
/* Jekyll 4.3's EntryFilter#filter for one entry, quirks kept:
 *  - an entry ending in "." goes;
 *  - `include` is tested on the entry as given and on its basename, both
 *    taken from the source (so an included name counts at any depth);
 *  - `exclude` minus `include` is tested on the entry's path from the
 *    source; a pattern matches by File.fnmatch (no FNM_PATHNAME: '*'
 *    crosses '/'), by plain prefix ("node_modules" also excludes
 *    "node_modules2"), or as "dir/" naming that folder;
 *  - in safe mode, a symbolic link whose target is outside the source
 *    goes; otherwise links count as what they point to;
 *  - an included entry stays; otherwise an entry or basename starting with
 *    '.', '_', '#' or '~', or an entry ending with '~', goes. Below a
 *    `_posts` folder the entry is "sub/name.md": a middle folder such as
 *    "a/_b/x.md" is not tested. */
/* realpath() and strcasecmp() are XSI. */
#define _XOPEN_SOURCE 700
#include "site.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"

/* File.join(a, b): one '/' between them, whatever each side had. */
static char *join(const postparse_site *site, const char *a, const char *b)
{
    size_t al = strlen(a);
    while (al > 1 && a[al - 1] == '/')
        al--;
    while (*b == '/')
        b++;
    size_t bl = strlen(b);
    char *p = postparse__malloc(&site->opt.allocator, al + 1 + bl + 1);
    if (!p)
        return NULL;
    memcpy(p, a, al);
    p[al] = '/';
    memcpy(p + al + 1, b, bl + 1);
    return p;
}

static void drop(const postparse_site *site, char *p)
{
    postparse__site_path_free(site, p);
}

postparse_status postparse__site_glob_include(const postparse_site *site,
                                              const char *const *patterns,
                                              size_t n, const char *entry,
                                              bool *hit)
{
    *hit = false;
    if (n == 0)
        return POSTPARSE_OK;
    char *ews = join(site, site->source, entry);
    if (!ews)
        return POSTPARSE_ERR_NOMEM;
    size_t el = strlen(ews);
    postparse_status st = POSTPARSE_OK;
    for (size_t i = 0; i < n && !*hit; i++) {
        char *pws = join(site, site->source, patterns[i]);
        if (!pws) {
            st = POSTPARSE_ERR_NOMEM;
            break;
        }
        size_t pl = strlen(pws);
        if (fnmatch(pws, ews, FNM_PERIOD) == 0 ||
            (el >= pl && memcmp(ews, pws, pl) == 0)) {
            *hit = true;
        } else if (pl == el + 1 && pws[el] == '/' &&
                   memcmp(pws, ews, el) == 0) {
            struct stat sb;
            *hit = stat(ews, &sb) == 0 && S_ISDIR(sb.st_mode);
        }
        drop(site, pws);
    }
    drop(site, ews);
    return st;
}

static bool special_start(const char *s)
{
    return *s == '.' || *s == '_' || *s == '#' || *s == '~';
}

/* Safe mode: a link that leaves the source. */
static bool outside_link(const postparse_site *site, const char *path)
{
    struct stat sb;
    if (!site->settings.safe || lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode))
        return false;
    char *real = realpath(path, NULL);
    if (!real)
        return true; /* File.realpath raises: a dangling link never reads */
    size_t n = site->source_real ? strlen(site->source_real) : 0;
    /* start_with?(site.in_source_dir): a plain prefix, as Jekyll's. */
    bool inside = n && strncmp(real, site->source_real, n) == 0;
    free(real);
    return !inside;
}

postparse_status postparse__site_entry_passes(const postparse_site *site,
                                              const char *dir,
                                              const char *entry, bool *pass)
{
    *pass = false;
    size_t n = strlen(entry);
    if (n == 0 || entry[n - 1] == '.')
        return POSTPARSE_OK;
    const char *base = strrchr(entry, '/');
    base = base ? base + 1 : entry;
    bool included, excluded;
    postparse_status st = postparse__site_glob_include(
        site, site->include, site->include_count, entry, &included);
    if (st == POSTPARSE_OK && !included && base != entry)
        st = postparse__site_glob_include(site, site->include,
                                          site->include_count, base, &included);
    char *rel = st == POSTPARSE_OK ? join(site, dir, entry) : NULL;
    if (!rel)
        return POSTPARSE_ERR_NOMEM;
    st = postparse__site_glob_include(site, site->exclude, site->exclude_count,
                                      rel, &excluded);
    bool link_out = false;
    if (st == POSTPARSE_OK && !(excluded && !included) && site->settings.safe) {
        char *full = join(site, site->source, rel);
        if (!full)
            st = POSTPARSE_ERR_NOMEM;
        else
            link_out = outside_link(site, full);
        drop(site, full);
    }
    drop(site, rel);
    if (st != POSTPARSE_OK || (excluded && !included) || link_out)
        return st;
    *pass = included || !(special_start(entry) || special_start(base) ||
                          entry[n - 1] == '~');
    return POSTPARSE_OK;
}
