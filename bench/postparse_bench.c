/* SPDX-License-Identifier: MIT */
/* postparse-bench: the whole pipeline on every post of a corpus, the row
 * postparse takes in ../shared/bench/run-all beside the floors.
 *
 * usage: postparse-bench [--chunk N] [--in-memory] [--reps R] DIR
 *
 * Every regular file under DIR/_posts (DIR itself when it has no _posts),
 * in name order, goes through one reused parser with the default options
 * (strict UTF-8, built-in rules, derived fields; the site time is fixed so
 * that runs compare): split, typed front matter, derived fields,
 * validation, the body checked and delivered through on_body. One line
 * says what was done (files, fields, diagnostics, body bytes...), so that
 * the work cannot be skipped and two builds can be compared.
 *
 *   --chunk N    feed N bytes at a time (default: the whole file at once)
 *   --in-memory  read every file first, then time only the parse (R passes,
 *                default 1) and print MB/s (10^6 bytes a second) */
#define _GNU_SOURCE
#include <postparse/postparse.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct path_list {
    char **items;
    size_t count, cap;
} path_list;

typedef struct counts {
    unsigned long long files, front_matters, fields, derived, diagnostics,
        errors, body_bytes, body_spans, input_bytes, fatal;
} counts;

static void die(const char *what, const char *arg)
{
    fprintf(stderr, "postparse-bench: %s %s: %s\n", what, arg ? arg : "",
            strerror(errno));
    exit(2);
}

static void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size);
    if (p == NULL)
        die("out of memory", NULL);
    return p;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_add(path_list *l, char *path)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->items = xrealloc(l->items, l->cap * sizeof(*l->items));
    }
    l->items[l->count++] = path;
}

/* Every regular file under dir, hidden entries skipped. */
static void walk(path_list *l, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (d == NULL)
        die("cannot open the folder", dir);
    while ((e = readdir(d)) != NULL) {
        struct stat sb;
        char *path;
        bool is_dir = e->d_type == DT_DIR, is_file = e->d_type == DT_REG;

        if (e->d_name[0] == '.')
            continue;
        if (asprintf(&path, "%s/%s", dir, e->d_name) < 0)
            die("out of memory", NULL);
        /* The entry's type, from the folder when it says (as the C floors
         * list their posts), else from stat. */
        if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
            if (stat(path, &sb) != 0)
                die("cannot stat", path);
            is_dir = S_ISDIR(sb.st_mode);
            is_file = S_ISREG(sb.st_mode);
        }
        if (is_dir) {
            walk(l, path);
            free(path);
        } else if (is_file) {
            list_add(l, path);
        } else {
            free(path);
        }
    }
    closedir(d);
}

/* Reads the whole file into *buf (grown as needed); returns its length. */
static size_t slurp(const char *path, char **buf, size_t *cap)
{
    int fd = open(path, O_RDONLY);
    struct stat sb;
    size_t got = 0;

    if (fd < 0 || fstat(fd, &sb) != 0)
        die("cannot open", path);
    if ((size_t)sb.st_size + 1 > *cap) {
        *cap = 2 * ((size_t)sb.st_size + 1);
        free(*buf);
        *buf = malloc(*cap);
        if (*buf == NULL)
            die("out of memory", NULL);
    }
    for (;;) {
        ssize_t r = read(fd, *buf + got, *cap - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            die("cannot read", path);
        if (r == 0)
            break;
        got += (size_t)r;
        if (got == *cap)
            die("file grew while read", path);
    }
    close(fd);
    return got;
}

static postparse_action on_body(void *ud, const char *data, size_t len,
                                const postparse_pos *pos)
{
    counts *c = ud;

    (void)data;
    (void)pos;
    c->body_bytes += len;
    c->body_spans++;
    return POSTPARSE_CONTINUE;
}

static postparse_action on_diagnostic(void *ud, const postparse_diagnostic *d)
{
    counts *c = ud;

    c->diagnostics++;
    c->errors += d->severity == POSTPARSE_SEVERITY_ERROR;
    return POSTPARSE_CONTINUE;
}

/* Reads the derived fields, as a generator would. */
static void take_results(postparse_parser *p, counts *c)
{
    /* The document a caller keeps: taking it resets the parser. */
    postparse_doc *doc = postparse_parser_take_doc(p);
    const postparse_summary *s = postparse_doc_summary(doc);
    const postparse_post *post = postparse_doc_post(doc);
    const postparse_value *fm = postparse_doc_front_matter(doc);
    postparse_datetime date;

    if (doc == NULL) {
        c->fatal++;
        postparse_parser_reset(p);
        return;
    }
    c->files++;
    c->input_bytes += s->input_bytes;
    c->front_matters += s->has_front_matter;
    c->fields += postparse_value_length(fm);
    if (post == NULL) {
        postparse_doc_free(doc);
        return;
    }
    c->derived += postparse_post_date(post, &date);
    c->derived += postparse_post_slug(post) != NULL;
    c->derived += postparse_post_title(post) != NULL;
    c->derived += postparse_value_length(postparse_post_tags(post));
    c->derived += postparse_value_length(postparse_post_categories(post));
    c->derived += postparse_post_published(post);
    c->derived += postparse_post_excerpt_source(post) != POSTPARSE_EXCERPT_NONE;
    postparse_doc_free(doc);
}

static void parse_one(postparse_parser *p, const char *path, const char *data,
                      size_t len, size_t chunk, counts *c)
{
    postparse_status st;

    /* take_results took the last document, which reset the parser. */
    st = postparse_parser_set_path(p, path);
    /* Whole chunks, then the rest: the least a caller's loop can do, so
     * that what a chunk costs beyond it is the parser's. */
    const char *at = data, *end = data + len;
    while (st == POSTPARSE_OK && (size_t)(end - at) > chunk) {
        st = postparse_parser_feed(p, at, chunk);
        at += chunk;
    }
    if (st == POSTPARSE_OK && at < end)
        st = postparse_parser_feed(p, at, (size_t)(end - at));
    if (st == POSTPARSE_OK)
        st = postparse_parser_finish(p);
    if (st != POSTPARSE_OK) {
        const postparse_error *e = postparse_parser_error(p);

        c->fatal++;
        if (c->fatal <= 5)
            fprintf(stderr, "%s: %s\n", path,
                    e ? e->message : postparse_status_message(st));
    }
    take_results(p, c);
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void usage(void)
{
    fputs("usage: postparse-bench [--chunk N] [--in-memory] [--reps R] DIR\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    size_t chunk = 0;
    bool in_memory = false;
    long reps = 1;
    int a = 1;
    path_list files = {0};
    char dir[4096];
    struct stat sb;
    postparse_options opt;
    postparse_callbacks cb;
    postparse_parser *p;
    counts c = {0};
    char *buf = NULL;
    size_t cap = 0;

    for (; a < argc && argv[a][0] == '-'; a++) {
        if (strcmp(argv[a], "--chunk") == 0 && a + 1 < argc)
            chunk = strtoul(argv[++a], NULL, 10);
        else if (strcmp(argv[a], "--in-memory") == 0)
            in_memory = true;
        else if (strcmp(argv[a], "--reps") == 0 && a + 1 < argc)
            reps = strtol(argv[++a], NULL, 10);
        else
            usage();
    }
    if (argc - a != 1 || reps < 1)
        usage();
    snprintf(dir, sizeof(dir), "%s/_posts", argv[a]);
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        snprintf(dir, sizeof(dir), "%s", argv[a]);
    walk(&files, dir);
    if (files.count > 0)
        qsort(files.items, files.count, sizeof(*files.items), compare_names);

    postparse_options_init(&opt);
    opt.site_time_set = true;
    opt.site_time = 1767225600; /* 2026-01-01T00:00:00Z */
    postparse_callbacks_init(&cb);
    cb.on_body = on_body;
    cb.on_diagnostic = on_diagnostic;
    if (postparse_parser_new(&p, &opt, &cb, &c) != POSTPARSE_OK)
        die("cannot make a parser", NULL);

    if (!in_memory) {
        for (size_t i = 0; i < files.count; i++) {
            size_t len = slurp(files.items[i], &buf, &cap);

            parse_one(p, files.items[i], buf, len, chunk ? chunk : len + 1, &c);
        }
    } else {
        size_t total = 0,
               *off = xrealloc(NULL, (files.count + 1) * sizeof(*off));
        char *all = NULL;
        size_t all_cap = 0;
        double t;

        for (size_t i = 0; i < files.count; i++) {
            size_t len = slurp(files.items[i], &buf, &cap);

            if (total + len > all_cap) {
                all_cap = 2 * (total + len);
                all = xrealloc(all, all_cap);
            }
            memcpy(all + total, buf, len);
            off[i] = total;
            total += len;
        }
        off[files.count] = total;
        t = now();
        for (long r = 0; r < reps; r++) {
            if (r == reps - 1)
                memset(&c, 0, sizeof(c)); /* counts of one pass */
            for (size_t i = 0; i < files.count; i++) {
                size_t len = off[i + 1] - off[i];

                parse_one(p, files.items[i], all + off[i], len,
                          chunk ? chunk : len + 1, &c);
            }
        }
        t = now() - t;
        printf("mode=in-memory reps=%ld seconds=%.4f MB_per_s=%.1f "
               "us_per_file=%.3f ",
               reps, t, (double)total * (double)reps / t / 1e6,
               files.count ? t * 1e6 / ((double)files.count * (double)reps)
                           : 0.0);
        free(all);
        free(off);
    }
    printf("files=%llu bytes=%llu front_matters=%llu fields=%llu "
           "derived=%llu diagnostics=%llu errors=%llu body_bytes=%llu "
           "body_spans=%llu fatal=%llu chunk=%zu\n",
           c.files, c.input_bytes, c.front_matters, c.fields, c.derived,
           c.diagnostics, c.errors, c.body_bytes, c.body_spans, c.fatal, chunk);
    postparse_parser_free(p);
    free(buf);
    for (size_t i = 0; i < files.count; i++)
        free(files.items[i]);
    free(files.items);
    return c.fatal ? 1 : 0;
}
