/* SPDX-License-Identifier: MIT */
/* The posts Jekyll 4.3's Reader finds, in bytewise order of their path.
 *
 * Reader#read_directories walks the source: the entries of each folder
 * pass EntryFilter (site_filter.c), the folders among them (symbolic links
 * followed) are walked in turn, and in each walked folder PostReader reads
 * `<folder>/_posts` (and `<folder>/_drafts` with show_drafts), unless
 * collections_dir is set and the folder's path does not start with it.
 * Inside `_posts`, Ruby's recursive glob lists every file below it (names
 * starting with '.' are not listed, linked folders are not entered), each one
 * passes EntryFilter as "sub/name.md", and the name must match
 * DATE_FILENAME_MATCHER (drafts: any name with an extension).
 *
 * The walk is depth first with each folder's names sorted as if every
 * folder name ended in '/', which is the bytewise order of full paths; it
 * holds the names of one folder per level, never the list of posts. A
 * folder that is one of its own ancestors (same device and inode, through
 * a link) is skipped with a diagnostic: Jekyll would recurse until the
 * path is too long. */
#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "base_array.h"

typedef struct ancestor {
    dev_t dev;
    ino_t ino;
} ancestor;

typedef struct walker {
    postparse_site *site;
    bool drafts;
    postparse_site_entry_fn fn;
    void *user_data;
    postparse_error *error;
    ancestor *stack; /* the folders being walked, for the loop check */
    size_t depth, stack_cap;
    char *dest; /* the destination folder, from the source */
} walker;

typedef enum item_kind {
    ITEM_DIR,
    ITEM_FILE,
    ITEM_POSTS,
    ITEM_DRAFTS
} item_kind;

typedef struct item {
    char *key;  /* the name, with '/' after a folder's: the sort key */
    size_t len; /* of the name */
    item_kind kind;
    struct stat sb;
} item;

typedef struct item_list {
    item *items;
    size_t n, cap;
} item_list;

static void list_free(const postparse_site *site, item_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        postparse__free(&site->opt.allocator, l->items[i].key,
                        l->items[i].len + 2);
    postparse__free(&site->opt.allocator, l->items, l->cap * sizeof(item));
    l->items = NULL;
    l->n = l->cap = 0;
}

static postparse_status list_add(const postparse_site *site, item_list *l,
                                 const char *name, item_kind kind,
                                 const struct stat *sb)
{
    if (l->n == l->cap) {
        void *p = l->items;
        if (!postparse__array_grow(&site->opt.allocator, &p, &l->cap, l->n,
                                   l->n + 1, sizeof(item), 16, NULL))
            return POSTPARSE_ERR_NOMEM;
        l->items = p;
    }
    size_t len = strlen(name);
    char *key = postparse__malloc(&site->opt.allocator, len + 2);
    if (!key)
        return POSTPARSE_ERR_NOMEM;
    memcpy(key, name, len);
    key[len] = kind == ITEM_FILE ? '\0' : '/';
    key[len + 1] = '\0';
    item *it = &l->items[l->n++];
    it->key = key;
    it->len = len;
    it->kind = kind;
    if (sb)
        it->sb = *sb;
    else
        memset(&it->sb, 0, sizeof(it->sb));
    return POSTPARSE_OK;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const item *)a)->key, ((const item *)b)->key);
}

/* The names in folder `path` (but "." and ".."), as given by readdir. */
static postparse_status read_names(walker *w, const char *path, char ***names,
                                   size_t *count, size_t *cap, bool *unreadable)
{
    const postparse_site *site = w->site;
    *names = NULL;
    *count = *cap = 0;
    DIR *d = opendir(path);
    if (!d) {
        *unreadable = true;
        return POSTPARSE_OK;
    }
    postparse_status st = POSTPARSE_OK;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (*count == *cap) {
            void *p = *names;
            if (!postparse__array_grow(&site->opt.allocator, &p, cap, *count,
                                       *count + 1, sizeof(char *), 32, NULL)) {
                st = POSTPARSE_ERR_NOMEM;
                break;
            }
            *names = p;
        }
        size_t n = strlen(e->d_name);
        char *c = postparse__malloc(&site->opt.allocator, n + 1);
        if (!c) {
            st = POSTPARSE_ERR_NOMEM;
            break;
        }
        memcpy(c, e->d_name, n + 1);
        (*names)[(*count)++] = c;
    }
    closedir(d);
    return st;
}

static void names_free(const postparse_site *site, char **names, size_t n,
                       size_t cap)
{
    for (size_t i = 0; i < n; i++)
        postparse__free(&site->opt.allocator, names[i], strlen(names[i]) + 1);
    postparse__free(&site->opt.allocator, names, cap * sizeof(char *));
}

static postparse_status unreadable(walker *w, const char *rel)
{
    const char *file =
        postparse__arena_strndup(&w->site->arena, rel, strlen(rel));
    return postparse__site_diag_add(
        w->site, file, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_SITE_UNREADABLE_FOLDER,
        (postparse_pos){0, 0, 0},
        "cannot read this folder: %s; its posts are "
        "left out",
        strerror(errno));
}

/* DATE_FILENAME_MATCHER on the entry's last part, or for drafts
 * DATELESS_FILENAME_MATCHER (an extension: a '.' then no '.' up to the
 * end, which may cross a '/', as the regex's [^.] does). */
static bool name_matches(const char *entry, bool draft)
{
    size_t n = strlen(entry);
    if (draft) {
        const char *dot = strrchr(entry, '.');
        return dot && dot[1] != '\0';
    }
    postparse_filename_date f;
    return postparse_filename_date_match(entry, n, &f);
}

/* Below rel_dir/magic: sub is the path inside it ("" at its top). */
static postparse_status walk_magic(walker *w, const char *rel_dir,
                                   const char *magic, const char *sub,
                                   size_t depth)
{
    postparse_site *site = w->site;
    char *magic_rel = postparse__site_path_join(site, rel_dir, magic);
    char *inner =
        magic_rel ? postparse__site_path_join(site, magic_rel, sub) : NULL;
    char *full =
        inner ? postparse__site_path_join(site, site->source, inner) : NULL;
    postparse_status st = full ? POSTPARSE_OK : POSTPARSE_ERR_NOMEM;
    char **names = NULL;
    size_t count = 0, cap = 0;
    item_list items = {0};
    bool cannot = false;
    if (st == POSTPARSE_OK)
        st = read_names(w, full, &names, &count, &cap, &cannot);
    if (st == POSTPARSE_OK && cannot)
        st = unreadable(w, inner);
    for (size_t i = 0; st == POSTPARSE_OK && i < count; i++) {
        if (names[i][0] == '.') /* Dir.glob lists no hidden name */
            continue;
        char *p = postparse__site_path_join(site, full, names[i]);
        if (!p) {
            st = POSTPARSE_ERR_NOMEM;
            break;
        }
        struct stat sb, lsb;
        bool ok = stat(p, &sb) == 0;
        bool link = lstat(p, &lsb) == 0 && S_ISLNK(lsb.st_mode);
        postparse__site_path_free(site, p);
        if (!ok)
            continue; /* a dangling link: File.directory? false, no read */
        if (S_ISDIR(sb.st_mode)) {
            /* "**" does not enter a linked folder; a folder is no post. */
            if (!link)
                st = list_add(site, &items, names[i], ITEM_DIR, &sb);
        } else {
            st = list_add(site, &items, names[i], ITEM_FILE, &sb);
        }
    }
    names_free(site, names, count, cap);
    if (st == POSTPARSE_OK && items.n)
        qsort(items.items, items.n, sizeof(item), by_key);
    bool draft = strcmp(magic, "_drafts") == 0;
    for (size_t i = 0; st == POSTPARSE_OK && i < items.n; i++) {
        item *it = &items.items[i];
        it->key[it->len] = '\0';
        char *entry = postparse__site_path_join(site, sub, it->key);
        if (!entry) {
            st = POSTPARSE_ERR_NOMEM;
            break;
        }
        if (it->kind == ITEM_DIR) {
            if (depth + 1 > site->opt.max_walk_depth)
                st = postparse__site_diag_add(
                    site, NULL, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_SITE_TOO_DEEP,
                    (postparse_pos){0, 0, 0},
                    "%s/%s is nested deeper than max_walk_depth (%zu); "
                    "skipped",
                    magic_rel, entry, site->opt.max_walk_depth);
            else
                st = walk_magic(w, rel_dir, magic, entry, depth + 1);
            postparse__site_path_free(site, entry);
            continue;
        }
        bool pass;
        st = postparse__site_entry_passes(site, magic_rel, entry, &pass);
        if (st == POSTPARSE_OK && pass && name_matches(entry, draft)) {
            char *path = postparse__site_path_join(site, magic_rel, entry);
            if (!path) {
                st = POSTPARSE_ERR_NOMEM;
            } else {
                postparse_site_entry e;
                e.path = path;
                e.relative_path = postparse_site_relative_path(site, path);
                e.draft = draft;
                e.mtime = (int64_t)it->sb.st_mtim.tv_sec;
                e.mtime_nanosecond = (int32_t)it->sb.st_mtim.tv_nsec;
                if (!w->fn(w->user_data, &e))
                    st = POSTPARSE_ERR_ABORTED;
                postparse__site_path_free(site, path);
            }
        }
        postparse__site_path_free(site, entry);
    }
    list_free(site, &items);
    postparse__site_path_free(site, full);
    postparse__site_path_free(site, inner);
    postparse__site_path_free(site, magic_rel);
    return st;
}

/* Reader#outside_configured_directory?: with collections_dir set, posts
 * are read only in folders whose path ("/" + rel) starts with
 * "/" + collections_dir (a plain prefix). */
static bool outside(const postparse_site *site, const char *rel)
{
    const char *c = site->settings.collections_dir;
    size_t n = strlen(c);
    return n && strncmp(rel, c, n) != 0;
}

static bool is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static postparse_status push(walker *w, const struct stat *sb, bool *loop)
{
    *loop = false;
    for (size_t i = 0; i < w->depth; i++)
        if (w->stack[i].dev == sb->st_dev && w->stack[i].ino == sb->st_ino)
            *loop = true;
    if (*loop)
        return POSTPARSE_OK;
    if (w->depth == w->stack_cap) {
        void *p = w->stack;
        if (!postparse__array_grow(&w->site->opt.allocator, &p, &w->stack_cap,
                                   w->depth, w->depth + 1, sizeof(ancestor),
                                   16, NULL))
            return POSTPARSE_ERR_NOMEM;
        w->stack = p;
    }
    w->stack[w->depth].dev = sb->st_dev;
    w->stack[w->depth].ino = sb->st_ino;
    w->depth++;
    return POSTPARSE_OK;
}

/* Reader#read_directories(rel). */
static postparse_status walk_dir(walker *w, const char *rel)
{
    postparse_site *site = w->site;
    char *full = postparse__site_path_join(site, site->source, rel);
    if (!full)
        return POSTPARSE_ERR_NOMEM;
    struct stat sb;
    postparse_status st = POSTPARSE_OK;
    bool loop = false;
    if (stat(full, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        postparse__site_path_free(site, full);
        return POSTPARSE_OK;
    }
    st = push(w, &sb, &loop);
    if (st != POSTPARSE_OK || loop) {
        if (loop)
            st = postparse__site_diag_add(
                site, NULL, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_SITE_SYMLINK_LOOP,
                (postparse_pos){0, 0, 0},
                "%s is the same folder as one it is inside (a symbolic link "
                "loop); not walked again (Jekyll would recurse until the "
                "path is too long)",
                rel);
        postparse__site_path_free(site, full);
        return st;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    item_list items = {0};
    bool cannot = false;
    st = read_names(w, full, &names, &count, &cap, &cannot);
    if (st == POSTPARSE_OK && cannot)
        st = *rel ? unreadable(w, rel) : POSTPARSE_ERR_IO;
    for (size_t i = 0; st == POSTPARSE_OK && i < count; i++) {
        bool pass;
        st = postparse__site_entry_passes(site, rel, names[i], &pass);
        if (st != POSTPARSE_OK)
            break;
        if (!pass)
            continue;
        char *p = postparse__site_path_join(site, full, names[i]);
        char *r = p ? postparse__site_path_join(site, rel, names[i]) : NULL;
        if (!r) {
            postparse__site_path_free(site, p);
            st = POSTPARSE_ERR_NOMEM;
            break;
        }
        /* retrieve_dirs skips the destination folder. */
        if (is_dir(p) && !(w->dest && strcmp(r, w->dest) == 0))
            st = list_add(site, &items, names[i], ITEM_DIR, NULL);
        postparse__site_path_free(site, p);
        postparse__site_path_free(site, r);
    }
    names_free(site, names, count, cap);
    if (st == POSTPARSE_OK && !outside(site, rel)) {
        char *posts = postparse__site_path_join(site, full, "_posts");
        char *drafts = postparse__site_path_join(site, full, "_drafts");
        if (!posts || !drafts)
            st = POSTPARSE_ERR_NOMEM;
        if (st == POSTPARSE_OK && is_dir(posts))
            st = list_add(site, &items, "_posts", ITEM_POSTS, NULL);
        if (st == POSTPARSE_OK && w->drafts && is_dir(drafts))
            st = list_add(site, &items, "_drafts", ITEM_DRAFTS, NULL);
        postparse__site_path_free(site, posts);
        postparse__site_path_free(site, drafts);
    }
    if (st == POSTPARSE_OK && items.n)
        qsort(items.items, items.n, sizeof(item), by_key);
    for (size_t i = 0; st == POSTPARSE_OK && i < items.n; i++) {
        item *it = &items.items[i];
        it->key[it->len] = '\0';
        if (it->kind == ITEM_POSTS || it->kind == ITEM_DRAFTS) {
            st = walk_magic(w, rel, it->key, POSTPARSE__LIT(""));
            continue;
        }
        char *r = postparse__site_path_join(site, rel, it->key);
        if (!r) {
            st = POSTPARSE_ERR_NOMEM;
            break;
        }
        if (w->depth + 1 > site->opt.max_walk_depth)
            st = postparse__site_diag_add(
                site, NULL, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_SITE_TOO_DEEP,
                (postparse_pos){0, 0, 0},
                "%s is nested deeper than max_walk_depth (%zu); skipped", r,
                site->opt.max_walk_depth);
        else
            st = walk_dir(w, r);
        postparse__site_path_free(site, r);
    }
    list_free(site, &items);
    w->depth--;
    postparse__site_path_free(site, full);
    return st;
}

postparse_status postparse_site_walk(postparse_site *site, bool drafts,
                                     postparse_site_entry_fn fn,
                                     void *user_data, postparse_error *error)
{
    if (error)
        memset(error, 0, sizeof(*error));
    if (!site || !fn)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    walker w = {site, drafts, fn, user_data, error, NULL, 0, 0, NULL};
    const char *dest = site->settings.destination;
    if (dest && dest[0] != '/') {
        size_t n = strlen(dest);
        while (n > 1 && dest[n - 1] == '/')
            n--;
        w.dest = postparse__malloc(&site->opt.allocator, n + 1);
        if (!w.dest)
            return POSTPARSE_ERR_NOMEM;
        memcpy(w.dest, dest, n);
        w.dest[n] = '\0';
    }
    postparse_status st = walk_dir(&w, "");
    if (st == POSTPARSE_ERR_IO && error) {
        error->code = st;
        snprintf(error->message, sizeof(error->message),
                 "cannot read the site folder %s", site->source);
    } else if (st == POSTPARSE_ERR_NOMEM && error) {
        error->code = st;
        snprintf(error->message, sizeof(error->message),
                 "out of memory walking the site");
    }
    if (w.dest)
        postparse__free(&site->opt.allocator, w.dest, strlen(w.dest) + 1);
    postparse__free(&site->opt.allocator, w.stack,
                    w.stack_cap * sizeof(ancestor));
    return st;
}
