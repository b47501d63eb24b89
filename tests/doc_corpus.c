/* SPDX-License-Identifier: MIT */
/* Reads every file named on standard input into documents three ways
 * (postparse_read_file; 7-byte feeds into one reused parser and
 * postparse_parser_take_doc; the whole file into that parser), keeps them
 * all, frees the parser, then writes each document's typed JSON, one line
 * each, in that order: test_doc_corpus.py compares the lines with dump's.
 * usage: doc-corpus SITE_TIME_UNIX UTF8_POLICY(0..2) < list */
#include <postparse/postparse.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool out(void *ud, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)ud) == len;
}

static postparse_doc *feed_file(postparse_parser *p, const char *path,
                                size_t chunk)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char tmp[65536];
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (len + n > cap && !(buf = realloc(buf, cap = 2 * (len + n))))
            abort();
        memcpy(buf + len, tmp, n);
        len += n;
    }
    fclose(f);
    struct stat sb;
    postparse_parser_set_path(p, path);
    /* As dump and read_file do: a draft's date is the file's mtime. */
    if (stat(path, &sb) == 0)
        postparse_parser_set_mtime(p, (int64_t)sb.st_mtim.tv_sec,
                                   (int32_t)sb.st_mtim.tv_nsec);
    postparse_status st = POSTPARSE_OK;
    for (size_t at = 0; st == POSTPARSE_OK && at < len; at += chunk)
        st = postparse_parser_feed(p, buf + at,
                                   len - at < chunk ? len - at : chunk);
    if (st == POSTPARSE_OK)
        postparse_parser_finish(p);
    free(buf);
    return postparse_parser_take_doc(p);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    postparse_options opt;
    postparse_options_init(&opt);
    opt.site_time = strtoll(argv[1], NULL, 10);
    opt.site_time_set = true;
    opt.utf8_policy = (postparse_utf8_policy)atoi(argv[2]);
    postparse_parser *p;
    if (postparse_parser_new(&p, &opt, NULL, NULL) != POSTPARSE_OK)
        return 1;
    size_t count = 0, cap = 0;
    postparse_doc **docs = NULL;
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (count + 3 > cap &&
            !(docs = realloc(docs, (cap = 2 * cap + 3) * sizeof *docs)))
            return 1;
        docs[count++] = postparse_read_file(line, &opt, NULL);
        docs[count++] = feed_file(p, line, 7);
        docs[count++] = feed_file(p, line, (size_t)1 << 30);
    }
    postparse_parser_free(p);
    for (size_t i = 0; i < count; i++) {
        if (!docs[i] || !postparse_doc_write_json(docs[i], POSTPARSE_JSON_TYPED,
                                                  out, stdout))
            fputs("(no document)", stdout);
        putchar('\n');
        postparse_doc_free(docs[i]);
    }
    free(docs);
    return 0;
}
