/* SPDX-License-Identifier: MIT */
/* postparse check: walk files and folders, read every post, print each
 * diagnostic as "file:line:col: severity: message [code]" (or JSON Lines),
 * then a summary. With -j N, N threads each read files with a parser of
 * their own, from the first file the walk finds on (the walk and the reads
 * overlap); the output keeps the order of the walk whatever the threads
 * do, because the main thread prints each file's report in turn. */
/* d_type and its DT_ names are not POSIX: glibc and the BSDs have them. */
#define _DEFAULT_SOURCE
#include "cli.h"
#include "config.h"
#include "fix.h"
#include "format.h"
#include "input.h"
#include "progress.h"
#include "json_writer.h"
#include "cmd_site.h"
#include "report.h"
#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Extensions of the files a folder walk reads (as Jekyll's converters and
 * the generators of its family name posts). Files named on the command
 * line are read whatever their extension. */
static const char *const post_extensions[] = {
    ".md",     ".markdown", ".mkd",  ".mkdn", ".mdown",   ".mdwn",
    ".mdtext", ".mdtxt",    ".html", ".htm",  ".textile", ".liquid",
    ".adoc",   ".asciidoc", ".org",  ".rst",
};

#define MAX_WALK_DEPTH 64

typedef struct check_file {
    char *path;
    const check_config *config; /* its rules file, or NULL */
    /* --site: Jekyll's relative path (in path) and the front matter
     * defaults that apply, for postparse_parser_set_site_file. */
    const char *relative_path;
    const postparse_value *defaults;
    char *report; /* what to print for it (open_memstream) */
    size_t report_len;
    char *diff; /* --diff: the fixes, printed before the report */
    size_t diff_len;
    unsigned counts[3]; /* notes, warnings, errors */
    int status;         /* enum cli_exit */
    unsigned fixes;     /* --fix: fixes made; --diff: fixes shown */
    /* Set by the worker once the report is complete; read by the printer
     * without the lock, which it takes only to wait. */
    atomic_bool done;
} check_file;

/* Files found so far. Each check_file is allocated on its own, so that
 * workers keep their pointer while the walk grows an array. */
typedef struct file_list {
    check_file **items;
    size_t count, cap;
} file_list;

/* Files a worker takes at once, and the printer is woken once for at most.
 * A lock and a wake-up for every file made -j 2 spend a fifth more CPU time
 * than -j 1 in the kernel (276,000 futex calls for 100,000 posts; 23,000
 * with batches of 16, fewer with 64). */
#define WORKER_BATCH 64

typedef struct check_run {
    /* The files in the order a folder's entries are read, for the workers
     * to take at once: sorting a folder of 100,000 names took a tenth of the
     * run, and the workers waited for it. Under the lock; it owns them. */
    file_list queue;
    /* The same files in the order of the report (each folder in name
     * order), known once the walk is over: only the main thread uses it. */
    file_list files;
    size_t next;    /* the next file of queue a worker takes */
    bool walk_done; /* no more files will be listed */
    unsigned idle;  /* workers waiting for a file to be listed */
    pthread_mutex_t lock;
    pthread_cond_t done; /* the report the printer waits for is ready */
    /* That file, NULL when the printer is not waiting. Stored by the
     * printer before it looks at the file's done flag, loaded by a worker
     * after it sets it (both sequentially consistent): one of the two sees
     * the other, so no wake-up is lost. */
    _Atomic(check_file *) awaited;
    pthread_cond_t listed; /* a file was listed, or the walk ended */
    const cli_options *options;
    postparse_options popts;
    /* Folders walked so far, by device and inode (the walk's thread only). */
    struct folder_set *folders;
    config_cache configs;
    /* The operand being listed: its rules, and its path relative to their
     * folder (NULL: as given) for the ignore globs. */
    const check_config *config;
    const char *operand;
    char *operand_rel;
    size_t fixed_files; /* files --fix changed (--diff: would change) */
    site_cli site; /* --site */
} check_run;

static bool has_post_extension(const char *name)
{
    const char *dot = strrchr(name, '.');

    if (dot == NULL)
        return false;
    for (size_t i = 0; i < sizeof(post_extensions) / sizeof(*post_extensions);
         i++)
        if (strcasecmp(dot, post_extensions[i]) == 0)
            return true;
    return false;
}

static bool list_append(file_list *l, check_file *f)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        check_file **p = realloc(l->items, cap * sizeof(*p));

        if (p == NULL)
            return false;
        l->items = p;
        l->cap = cap;
    }
    l->items[l->count++] = f;
    return true;
}

/* Puts the file at path in the queue, where a worker may take it at once;
 * NULL when out of memory. */
static check_file *queue_file_site(check_run *run, const char *path,
                                   size_t relative_len,
                                   const postparse_value *defaults)
{
    check_file *f = calloc(1, sizeof(*f));
    bool ok = f != NULL && (f->path = strdup(path)) != NULL;

    if (f != NULL) {
        atomic_init(&f->done, false);
        f->config = run->config;
    }
    if (ok && relative_len > 0) {
        f->relative_path = f->path + strlen(f->path) - relative_len;
        f->defaults = defaults;
    }
    pthread_mutex_lock(&run->lock);
    ok = ok && list_append(&run->queue, f);
    if (ok && run->idle > 0)
        pthread_cond_signal(&run->listed);
    pthread_mutex_unlock(&run->lock);
    if (!ok && f != NULL) {
        free(f->path);
        free(f);
    }
    return ok ? f : NULL;
}

/* Whether the rules file's ignore globs skip path, a path under the
 * operand being listed. */
static bool ignored(const check_run *run, const char *path)
{
    const char *rest = path + strlen(run->operand);
    char *rel;
    bool skip;

    if (run->config == NULL)
        return false;
    if (run->operand_rel == NULL)
        return config_ignores(run->config, path);
    rel = malloc(strlen(run->operand_rel) + strlen(rest) + 2);
    if (rel == NULL)
        return false;
    sprintf(rel, "%s%s%s", run->operand_rel,
            run->operand_rel[0] && rest[0] && rest[0] != '/' ? "/" : "",
            run->operand_rel[0] ? rest : rest + (rest[0] == '/'));
    skip = config_ignores(run->config, rel);
    free(rel);
    return skip;
}

static check_file *queue_file(check_run *run, const char *path)
{
    return queue_file_site(run, path, 0, NULL);
}

/* --site: each post the site's walk finds, in path order. */
static bool list_site_file(void *user_data, const char *open_path,
                           const char *shown, const char *relative_path,
                           const postparse_value *defaults)
{
    check_run *run = user_data;
    check_file *f =
        queue_file_site(run, open_path, strlen(relative_path), defaults);

    (void)shown;
    if (f == NULL || !list_append(&run->files, f)) {
        fputs("postparse check: out of memory\n", stderr);
        return false;
    }
    return true;
}

/* A file of the command line: queued and next in the report. */
static bool list_add(check_run *run, const char *path)
{
    check_file *f = queue_file(run, path);

    return f != NULL && list_append(&run->files, f);
}

/* What the folder says an entry is: 'f' a regular file, 'd' a folder, '?'
 * unknown (a symbolic link, or a file system or system that does not say). */
static char entry_type(const struct dirent *e)
{
#if defined(DT_REG) && defined(DT_DIR)
    return e->d_type == DT_REG ? 'f' : e->d_type == DT_DIR ? 'd' : '?';
#else
    (void)e;
    return '?';
#endif
}

/* A folder walked, by device and inode: a folder that two links (or a link
 * and its real path) lead to is read once, and a link back to a folder the
 * walk is inside of (a loop) is reported once and not followed. Without
 * this, `ln -s . d/x; ln -s . d/y` made the walk branch twice at each of 64
 * levels. */
typedef struct seen_folder {
    dev_t dev;
    ino_t ino;
    char *path;  /* the path it was first read by */
    bool inside; /* the walk is inside it now */
} seen_folder;

/* Open addressing, linear probing; cap a power of two, at most half full. */
typedef struct folder_set {
    seen_folder *slots;
    size_t count, cap;
} folder_set;

static size_t folder_slot(const folder_set *set, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)ino * 0x9E3779B97F4A7C15u) ^ (uint64_t)dev;
    size_t i = (size_t)(h ^ (h >> 29)) & (set->cap - 1);

    while (set->slots[i].path != NULL &&
           (set->slots[i].dev != dev || set->slots[i].ino != ino))
        i = (i + 1) & (set->cap - 1);
    return i;
}

static bool folder_set_grow(folder_set *set)
{
    folder_set bigger = {NULL, set->count, set->cap ? 2 * set->cap : 64};

    bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
    if (bigger.slots == NULL)
        return false;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i].path != NULL)
            bigger.slots[folder_slot(&bigger, set->slots[i].dev,
                                     set->slots[i].ino)] = set->slots[i];
    free(set->slots);
    *set = bigger;
    return true;
}

/* The folder's entry, added (inside, with path copied) when it was not
 * seen yet: *added says which. NULL when out of memory. */
static seen_folder *folder_set_enter(folder_set *set, const struct stat *sb,
                                     const char *path, bool *added)
{
    size_t i;

    *added = false;
    if (2 * (set->count + 1) > set->cap && !folder_set_grow(set))
        return NULL;
    i = folder_slot(set, sb->st_dev, sb->st_ino);
    if (set->slots[i].path == NULL) {
        char *copy = strdup(path);

        if (copy == NULL)
            return NULL;
        set->slots[i] = (seen_folder){sb->st_dev, sb->st_ino, copy, true};
        set->count++;
        *added = true;
    }
    return &set->slots[i];
}

static void folder_set_free(folder_set *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i].path);
    free(set->slots);
}

/* An entry of a folder: a post file is queued as soon as it is read. */
typedef struct walk_entry {
    char *name;
    char type;        /* entry_type */
    check_file *file; /* the queued post, for a post file */
} walk_entry;

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const walk_entry *)a)->name, ((const walk_entry *)b)->name);
}

static char *join_path(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);

    if (path != NULL)
        snprintf(path, len, "%s%s%s", dir,
                 dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    return path;
}

/* Adds the post files under dir to the report in name order, and to the
 * queue as they are read; hidden entries (.git) are skipped. The folder
 * says what most entries are: stat only for the others (symbolic links,
 * file systems that do not say), and only to follow a folder or read a
 * post: an entry whose name is not a post's is never opened, and is
 * skipped even when it is a dangling link. A folder already walked (by its
 * device and inode) is not walked again. Returns false on trouble
 * (reported). */
static bool walk(check_run *run, const char *dir, int depth)
{
    DIR *d;
    struct dirent *e;
    walk_entry *entries = NULL;
    size_t n = 0, cap = 0;
    bool ok = true, added;
    struct stat dir_sb;
    seen_folder *seen;

    if (depth > MAX_WALK_DEPTH) {
        report_file(dir, "error", "io",
                    "folders nested deeper than %d levels; not read",
                    MAX_WALK_DEPTH);
        return false;
    }
    d = opendir(dir);
    if (d == NULL) {
        report_file(dir, "error", "io", "cannot open the folder: %s",
                    strerror(errno));
        return false;
    }
    /* The folder as opened, not as named: no race with a link changed in
     * between. */
    if (fstat(dirfd(d), &dir_sb) != 0) {
        report_file(dir, "error", "io", "cannot read the folder: %s",
                    strerror(errno));
        closedir(d);
        return false;
    }
    seen = folder_set_enter(run->folders, &dir_sb, dir, &added);
    if (seen == NULL) {
        report_file(dir, "error", "io", "out of memory listing the folder");
        closedir(d);
        return false;
    }
    if (!added) {
        if (seen->inside)
            report_file(dir, "warning", "folder-loop",
                        "a symbolic link loop: this is the folder %s, which "
                        "is being read; not followed",
                        seen->path);
        else
            report_file(dir, "note", "folder-repeated",
                        "the same folder as %s, already read; not read again",
                        seen->path);
        closedir(d);
        return true;
    }
    while ((e = readdir(d)) != NULL) {
        char type = entry_type(e);
        walk_entry *entry;

        if (e->d_name[0] == '.' ||
            (type == 'f' && !has_post_extension(e->d_name)))
            continue;
        if (n == cap) {
            walk_entry *p = realloc(entries, (cap ? 2 * cap : 32) * sizeof(*p));

            if (p == NULL) {
                ok = false;
                break;
            }
            entries = p;
            cap = cap ? 2 * cap : 32;
        }
        entry = &entries[n];
        entry->type = type;
        entry->file = NULL;
        entry->name = strdup(e->d_name);
        if (entry->name == NULL) {
            ok = false;
            break;
        }
        n++;
        if (type == 'f') {
            char *path = join_path(dir, entry->name);

            if (path != NULL && ignored(run, path)) {
                free(path);
                free(entry->name);
                n--;
                continue;
            }
            entry->file = path ? queue_file(run, path) : NULL;
            free(path);
            if (entry->file == NULL) {
                ok = false;
                break;
            }
        }
    }
    closedir(d);
    if (!ok)
        report_file(dir, "error", "io", "out of memory listing the folder");
    if (n > 0)
        qsort(entries, n, sizeof(*entries), compare_entries);
    for (size_t i = 0; i < n; i++) {
        walk_entry *entry = &entries[i];
        char *path = entry->type == 'f' ? NULL : join_path(dir, entry->name);
        struct stat sb;

        if (entry->type == 'f') {
            if (!list_append(&run->files, entry->file))
                ok = false;
        } else if (path == NULL) {
            ok = false;
        } else if (ignored(run, path)) {
            /* an ignored folder is not read at all */
        } else if (entry->type == 'd') {
            ok = walk(run, path, depth + 1) && ok;
        } else if (stat(path, &sb) != 0) {
            /* A dangling link: trouble only where a post was expected. */
            if (has_post_extension(entry->name)) {
                ok = false;
                report_file(path, "error", "io", "%s", strerror(errno));
            }
        } else if (S_ISDIR(sb.st_mode)) {
            ok = walk(run, path, depth + 1) && ok;
        } else if (!has_post_extension(entry->name)) {
            /* not a post: skipped */
        } else if (!S_ISREG(sb.st_mode)) {
            ok = false;
            report_file(path, "error", "io",
                        "not a regular file but %s: not read",
                        input_file_kind(sb.st_mode));
        } else if (!list_add(run, path)) {
            ok = false;
        }
        free(path);
        free(entry->name);
    }
    free(entries);
    /* The set may have grown (and moved) in the walks below. */
    seen =
        &run->folders
             ->slots[folder_slot(run->folders, dir_sb.st_dev, dir_sb.st_ino)];
    seen->inside = false;
    return ok;
}

static void write_json_diagnostic(FILE *out, const char *path,
                                  const postparse_diagnostic *d)
{
    json_writer w;

    json_writer_init(&w, out);
    json_object_begin(&w);
    json_key(&w, "path");
    json_text(&w, path, strlen(path));
    json_key(&w, "line");
    json_uint(&w, d->pos.line);
    json_key(&w, "column");
    json_uint(&w, d->pos.column);
    json_key(&w, "severity");
    json_cstring(&w, postparse_severity_name(d->severity));
    json_key(&w, "code");
    json_cstring(&w, d->code);
    json_key(&w, "message");
    json_cstring(&w, d->message);
    json_key(&w, "key");
    if (d->key)
        json_cstring(&w, d->key);
    else
        json_null(&w);
    json_object_end(&w);
    json_line_end(&w);
}

static void emit(FILE *out, const cli_options *options, check_file *f,
                 const postparse_diagnostic *d)
{
    f->counts[d->severity <= POSTPARSE_SEVERITY_ERROR ? d->severity : 2]++;
    switch (options->format) {
    case CLI_FORMAT_JSON:
        write_json_diagnostic(out, f->path, d);
        break;
    case CLI_FORMAT_GITHUB:
        format_github_diagnostic(out, f->path, d);
        break;
    case CLI_FORMAT_SARIF:
        format_sarif_result(out, f->path, d);
        break;
    default:
        report_diagnostic_to(out, f->path, d);
    }
}

/* A thread's parser, made with the options of the rules of the file it
 * reads: made again when a file has other rules than the one before. */
typedef struct file_parser {
    postparse_parser *parser;
    const postparse_options *popts;
} file_parser;

static postparse_parser *parser_for(file_parser *fp, const check_run *run,
                                    const check_file *f)
{
    const postparse_options *popts =
        f->config != NULL ? &f->config->popts : &run->popts;

    if (fp->parser != NULL && fp->popts == popts)
        return fp->parser;
    postparse_parser_free(fp->parser);
    fp->parser = NULL;
    fp->popts = popts;
    if (postparse_parser_new(&fp->parser, popts, NULL, NULL) != POSTPARSE_OK)
        fp->parser = NULL;
    return fp->parser;
}

/* --fix, --diff: the fixes of one file; the diff is kept in f->diff for
 * the report. */
static void fix_run(postparse_parser *parser, const check_run *run,
                    check_file *f)
{
    FILE *diff = NULL;
    fix_site site = {f->relative_path, f->defaults};

    if (run->options->diff)
        diff = open_memstream(&f->diff, &f->diff_len);
    f->fixes = fix_file(parser, f->config ? f->config->set : NULL, &site,
                        f->path, run->options->fix, diff);
    if (diff != NULL && fclose(diff) != 0)
        f->status = CLI_EXIT_TROUBLE;
    if (f->diff != NULL && f->diff_len == 0) {
        free(f->diff);
        f->diff = NULL;
    }
}

/* Reads the file into the reset parser, with its site's relative path and
 * defaults under --site. */
static input_outcome parse_file(postparse_parser *parser, const check_file *f,
                                postparse_error *error)
{
    postparse_parser_reset(parser);
    if (f->relative_path) {
        postparse_status st = postparse_parser_set_site_file(
            parser, f->relative_path, f->defaults);
        if (st != POSTPARSE_OK) {
            memset(error, 0, sizeof(*error));
            error->code = st;
            snprintf(error->message, sizeof(error->message), "%s",
                     postparse_status_message(st));
            return INPUT_IO_ERROR;
        }
    }
    return input_parse_file(parser, f->path, 0, error);
}

/* The document of the parse input_parse_file ran, or NULL (with *error
 * set) when there is none: an I/O error, or no memory to make it. */
static postparse_doc *take_doc(postparse_parser *parser, input_outcome outcome,
                               postparse_error *error)
{
    if (outcome == INPUT_IO_ERROR)
        return NULL;
    postparse_doc *doc = postparse_parser_take_doc(parser);
    if (doc == NULL) {
        memset(error, 0, sizeof(*error));
        error->code = POSTPARSE_ERR_NOMEM;
        snprintf(error->message, sizeof(error->message),
                 "out of memory making the document");
    }
    return doc;
}

/* Reads one file and writes its report into f->report; a clean file has
 * none, and costs no stream. */
static void check_one(file_parser *fp, const check_run *run, check_file *f)
{
    const cli_options *options = run->options;
    postparse_parser *parser = parser_for(fp, run, f);
    postparse_error error;
    input_outcome outcome;
    postparse_doc *doc = NULL;
    FILE *out;

    if (parser == NULL) {
        f->status = CLI_EXIT_TROUBLE;
        return;
    }
    outcome = parse_file(parser, f, &error);
    doc = take_doc(parser, outcome, &error);
    if (doc == NULL)
        outcome = INPUT_IO_ERROR;
    if ((options->fix || options->diff) && outcome == INPUT_DONE &&
        fix_wanted(doc, f->config ? f->config->set : NULL)) {
        /* The report is of the file as it is after the fixes. */
        fix_run(parser, run, f);
        postparse_doc_free(doc);
        outcome = parse_file(parser, f, &error);
        doc = take_doc(parser, outcome, &error);
        if (doc == NULL)
            outcome = INPUT_IO_ERROR;
    }
    if (outcome == INPUT_DONE && postparse_doc_diagnostic_count(doc) == 0 &&
        f->diff == NULL) {
        postparse_doc_free(doc);
        return;
    }
    out = open_memstream(&f->report, &f->report_len);
    if (out == NULL) {
        postparse_doc_free(doc);
        f->status = CLI_EXIT_TROUBLE;
        return;
    }
    if (f->diff != NULL) {
        fwrite(f->diff, 1, f->diff_len, out);
        free(f->diff);
        f->diff = NULL;
    }
    /* The document keeps them in file order, as a reader goes through
     * the file. */
    for (size_t i = 0; i < postparse_doc_diagnostic_count(doc); i++)
        emit(out, options, f, postparse_doc_diagnostic(doc, i));
    if (outcome != INPUT_DONE) {
        postparse_diagnostic d = {
            .severity = POSTPARSE_SEVERITY_ERROR,
            .code = postparse_status_name(error.code),
            .message = error.message,
            .pos = error.pos,
        };
        emit(out, options, f, &d);
        f->status = cli_exit_for_fatal(error.code);
    } else if (f->counts[POSTPARSE_SEVERITY_ERROR] > 0) {
        f->status = CLI_EXIT_PROBLEMS;
    }
    postparse_doc_free(doc);
    if (fclose(out) != 0)
        f->status = CLI_EXIT_TROUBLE;
}

/* Takes files as the walk lists them, until it is over and none is left. */
static void *worker(void *arg)
{
    check_run *run = arg;
    file_parser fp = {NULL, NULL};

    for (;;) {
        check_file *batch[WORKER_BATCH];
        size_t n = 0;

        pthread_mutex_lock(&run->lock);
        while (run->next >= run->queue.count && !run->walk_done) {
            run->idle++;
            pthread_cond_wait(&run->listed, &run->lock);
            run->idle--;
        }
        while (n < WORKER_BATCH && run->next < run->queue.count)
            batch[n++] = run->queue.items[run->next++];
        pthread_mutex_unlock(&run->lock);
        if (n == 0)
            break;
        for (size_t i = 0; i < n; i++) {
            check_file *f = batch[i];

            check_one(&fp, run, f);
            atomic_store(&f->done, true);
        }
        /* The printer is faster than the workers and would wait for every
         * file: it is woken once a batch, and only when it waits for a file
         * of this batch. */
        check_file *awaited = atomic_load(&run->awaited);
        for (size_t i = 0; i < n; i++)
            if (batch[i] == awaited) {
                pthread_mutex_lock(&run->lock);
                pthread_cond_signal(&run->done);
                pthread_mutex_unlock(&run->lock);
                break;
            }
    }
    postparse_parser_free(fp.parser);
    return NULL;
}

/* Prints the reports in order as the workers finish them, or, with a
 * parser given, reads each file itself first (one job: no thread, no
 * wake-up per file); returns the worst status. */
static int print_reports(check_run *run, unsigned totals[4],
                         file_parser *parser)
{
    progress prog;
    int status = CLI_EXIT_OK;
    bool first_result = true;

    progress_init(&prog, run->options->quiet);
    for (size_t i = 0; i < run->files.count; i++) {
        check_file *f = run->files.items[i];

        if (parser != NULL) {
            check_one(parser, run, f);
        } else if (!atomic_load(&f->done)) {
            pthread_mutex_lock(&run->lock);
            atomic_store(&run->awaited, f);
            while (!atomic_load(&f->done))
                pthread_cond_wait(&run->done, &run->lock);
            atomic_store(&run->awaited, NULL);
            pthread_mutex_unlock(&run->lock);
        }
        if (f->report_len) {
            /* A SARIF result comes with the comma that separates it from
             * the one before: the log's first has none. */
            size_t skip =
                run->options->format == CLI_FORMAT_SARIF && first_result ? 2
                                                                         : 0;

            first_result = false;
            progress_clear(&prog);
            fwrite(f->report + skip, 1, f->report_len - skip, stdout);
        }
        free(f->report);
        f->report = NULL;
        for (int k = 0; k < 3; k++)
            totals[k] += f->counts[k];
        totals[3] += f->fixes;
        run->fixed_files += f->fixes > 0;
        status = cli_exit_worst(status, f->status);
        progress_update(&prog, i + 1, run->files.count);
    }
    progress_clear(&prog);
    return status;
}

static void print_summary(const cli_options *options, size_t files,
                          const unsigned totals[3])
{
    FILE *out = options->format == CLI_FORMAT_JSON ||
                        options->format == CLI_FORMAT_SARIF
                    ? stderr
                    : stdout;

    fprintf(out, "%zu file%s checked: %u error%s, %u warning%s, %u note%s\n",
            files, files == 1 ? "" : "s", totals[2], totals[2] == 1 ? "" : "s",
            totals[1], totals[1] == 1 ? "" : "s", totals[0],
            totals[0] == 1 ? "" : "s");
}

/* Lists the files of the command line, folders walked, while the workers
 * already read them. Returns the worst status of the listing. */
static int list_files(check_run *run, int count, char **paths)
{
    int status = CLI_EXIT_OK;

    if (run->options->site)
        status = site_cli_walk("check", &run->site, list_site_file, run);
    for (int i = 0; i < count; i++) {
        struct stat sb;

        free(run->operand_rel);
        run->operand_rel = NULL;
        run->operand = paths[i];
        if (!config_for_operand(&run->configs, run->options, &run->popts,
                                paths[i], &run->config)) {
            status = CLI_EXIT_TROUBLE;
            continue;
        }
        if (run->config != NULL)
            run->operand_rel = config_relative(run->config, paths[i]);
        if (strcmp(paths[i], "-") == 0) {
            /* Standard input, read as a file (input_parse_file). */
            if (!list_add(run, paths[i])) {
                fputs("postparse check: out of memory\n", stderr);
                status = CLI_EXIT_TROUBLE;
            }
        } else if (stat(paths[i], &sb) != 0) {
            report_file(paths[i], "error", "io", "cannot open: %s",
                        strerror(errno));
            status = CLI_EXIT_TROUBLE;
        } else if (S_ISDIR(sb.st_mode)) {
            if (!walk(run, paths[i], 0))
                status = CLI_EXIT_TROUBLE;
        } else if (ignored(run, paths[i])) {
            continue;
        } else if (!list_add(run, paths[i])) {
            fputs("postparse check: out of memory\n", stderr);
            status = CLI_EXIT_TROUBLE;
        }
    }
    pthread_mutex_lock(&run->lock);
    run->walk_done = true;
    pthread_cond_broadcast(&run->listed);
    pthread_mutex_unlock(&run->lock);
    return status;
}

/* One job reads the files on the main thread once they are listed; more
 * start that many workers, which read while the walk goes on. */
static int check_run_files(check_run *run, unsigned jobs, int count,
                           char **paths)
{
    pthread_t threads[256];
    unsigned started = 0;
    unsigned totals[4] = {0, 0, 0, 0};
    file_parser parser = {NULL, NULL};
    int status;

    if (run->options->format == CLI_FORMAT_SARIF)
        format_sarif_begin(stdout);
    for (unsigned t = 0; jobs > 1 && t < jobs; t++) {
        if (pthread_create(&threads[t], NULL, worker, run) != 0)
            break;
        started++;
    }
    status = list_files(run, count, paths);
    if (jobs > 1 && started == 0) {
        fputs("postparse check: cannot start a thread\n", stderr);
        return CLI_EXIT_TROUBLE;
    }
    status = cli_exit_worst(
        status, print_reports(run, totals, jobs > 1 ? NULL : &parser));
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    postparse_parser_free(parser.parser);
    if (run->options->format == CLI_FORMAT_SARIF)
        format_sarif_end(stdout);
    print_summary(run->options, run->files.count, totals);
    if (run->options->fix || run->options->diff)
        fprintf(stderr, "%u fix%s %s in %zu file%s\n", totals[3],
                totals[3] == 1 ? "" : "es",
                run->options->fix ? "made" : "shown", run->fixed_files,
                run->fixed_files == 1 ? "" : "s");
    return status;
}

static int check_main(const cli_options *options, int count, char **paths)
{
    check_run run;
    postparse_tz *zone = NULL;
    int status;

    folder_set folders = {NULL, 0, 0};

    memset(&run, 0, sizeof(run));
    atomic_init(&run.awaited, NULL);
    run.folders = &folders;
    run.options = options;
    postparse_options_init(&run.popts);
    run.popts.utf8_policy = options->utf8;
    if (!site_cli_flags_ok("check", options))
        return CLI_EXIT_TROUBLE;
    if (options->site && count > 0) {
        fputs("postparse check: --site reads the site's posts; give no PATH\n",
              stderr);
        return CLI_EXIT_TROUBLE;
    }
    if (options->site ? site_cli_open("check", options, &run.site,
                                      &run.popts) != CLI_EXIT_OK
                      : !site_setup("check", options, &run.popts, &zone))
        return CLI_EXIT_TROUBLE;
    pthread_mutex_init(&run.lock, NULL);
    pthread_cond_init(&run.done, NULL);
    pthread_cond_init(&run.listed, NULL);
    status =
        check_run_files(&run, options->jobs ? options->jobs : 1, count, paths);
    pthread_cond_destroy(&run.listed);
    pthread_cond_destroy(&run.done);
    pthread_mutex_destroy(&run.lock);
    for (size_t i = 0; i < run.queue.count; i++) {
        free(run.queue.items[i]->path);
        free(run.queue.items[i]);
    }
    free(run.queue.items);
    free(run.files.items);
    folder_set_free(&folders);
    free(run.operand_rel);
    config_cache_free(&run.configs);
    postparse_tz_free(zone);
    site_cli_close(&run.site);
    return status;
}

const cli_command cli_command_check = {
    .name = "check",
    .operands = "PATH...",
    .summary = "report every problem in the posts of files and folders",
    .accepts = CLI_OPT_JOBS | CLI_OPT_JSON | CLI_OPT_UTF8 | CLI_OPT_TIMEZONE |
               CLI_OPT_TIME | CLI_OPT_FUTURE | CLI_OPT_UNPUBLISHED |
               CLI_OPT_FORMAT | CLI_OPT_CONFIG | CLI_OPT_QUIET | CLI_OPT_FIX |
               CLI_OPT_SITE,
    .min_operands = 1,
    .max_operands = -1,
    .run = check_main,
};
