/* SPDX-License-Identifier: MIT */
/* One call from a file or a buffer to a document, built on the push API so
 * that there is one parser, not two. */
#include "diagnostics.h"
#include "doc_state.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define FILE_CHUNK_BYTES ((size_t)64 * 1024)

/* A parser for one input: no callbacks, so no pause. */
static postparse_parser *open_parser(const postparse_options *options,
                                     postparse_error *error)
{
    postparse_parser *p;
    postparse_status st = postparse_parser_new(&p, options, NULL, NULL);
    if (st == POSTPARSE_OK)
        return p;
    postparse__error_set(
        error, st, "%s",
        st == POSTPARSE_ERR_INVALID_ARGUMENT
            ? "invalid options: call postparse_options_init() and set "
              "a known utf8_policy, yaml_schema and allocator"
            : postparse_status_message(st));
    return NULL;
}

/* The document once the input is in (or the parse stopped): a fatal parse
 * error is in the document; only out of memory here makes none. */
static postparse_doc *finish(postparse_parser *p, postparse_error *error)
{
    postparse_parser_finish(p);
    postparse_doc *doc = postparse_parser_take_doc(p);
    if (!doc)
        postparse__error_set(error, POSTPARSE_ERR_NOMEM,
                             "out of memory making the document");
    postparse_parser_free(p);
    return doc;
}

postparse_doc *postparse_read_buffer(const void *data, size_t len,
                                     const postparse_options *options,
                                     postparse_error *error)
{
    if (!data && len) {
        postparse__error_set(
            error, POSTPARSE_ERR_INVALID_ARGUMENT,
            "postparse_read_buffer: data is NULL and len is %zu", len);
        return NULL;
    }
    postparse_parser *p = open_parser(options, error);
    if (!p)
        return NULL;
    postparse_parser_feed(p, data, len);
    return finish(p, error);
}

postparse_doc *postparse_read_file(const char *path,
                                   const postparse_options *options,
                                   postparse_error *error)
{
    if (!path) {
        postparse__error_set(error, POSTPARSE_ERR_INVALID_ARGUMENT,
                             "postparse_read_file: path is NULL");
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        postparse__error_set(error, POSTPARSE_ERR_IO, "%s: %s", path,
                             strerror(errno));
        return NULL;
    }
    postparse_parser *p = open_parser(options, error);
    if (!p) {
        fclose(f);
        return NULL;
    }
    struct stat sb;
    postparse_status st = postparse_parser_set_path(p, path);
    if (st == POSTPARSE_OK && fstat(fileno(f), &sb) == 0)
        st = postparse_parser_set_mtime(p, (int64_t)sb.st_mtim.tv_sec,
                                        (int32_t)sb.st_mtim.tv_nsec);
    if (st != POSTPARSE_OK) {
        postparse__error_set(error, st, "%s: %s", path,
                             postparse_status_message(st));
        fclose(f);
        postparse_parser_free(p);
        return NULL;
    }
    char buf[FILE_CHUNK_BYTES];
    for (;;) {
        size_t n = fread(buf, 1, sizeof buf, f);
        /* A fatal error stops the parse; the rest of the file is not
         * needed. */
        if (n > 0 && postparse_parser_feed(p, buf, n) != POSTPARSE_OK)
            break;
        if (n < sizeof buf) {
            if (ferror(f)) {
                postparse__error_set(error, POSTPARSE_ERR_IO,
                                     "%s: read error: %s", path,
                                     strerror(errno));
                fclose(f);
                postparse_parser_free(p);
                return NULL;
            }
            break;
        }
    }
    fclose(f);
    return finish(p, error);
}
