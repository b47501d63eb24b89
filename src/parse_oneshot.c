/* SPDX-License-Identifier: MIT */
/* Whole-buffer and whole-file parsing, built on the push API so that there
 * is one parser, not two. */
#include <postparse/postparse.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diagnostics.h"

#define FILE_CHUNK_BYTES ((size_t)64 * 1024)

static void copy_error(postparse_error *out, const postparse_parser *p,
                       postparse_status st)
{
    if (!out)
        return;
    const postparse_error *e = p ? postparse_parser_error(p) : NULL;
    if (e) {
        *out = *e;
        return;
    }
    memset(out, 0, sizeof *out);
    out->code = st;
    snprintf(out->message, sizeof out->message, "%s",
             postparse_status_message(st));
}

/* Feeds data, resuming after every pause: pauses mean nothing here. */
static postparse_status feed_all(postparse_parser *p, const char *data,
                                 size_t len)
{
    for (;;) {
        postparse_status st = postparse_parser_feed(p, data, len);
        if (st != POSTPARSE_PAUSED)
            return st;
        size_t used = postparse_parser_consumed(p);
        data += used;
        len -= used;
        postparse_parser_resume(p);
    }
}

static postparse_status finish_all(postparse_parser *p)
{
    postparse_status st;
    while ((st = postparse_parser_finish(p)) == POSTPARSE_PAUSED)
        postparse_parser_resume(p);
    return st;
}

postparse_status postparse_parse_buffer(const void *data, size_t len,
                                        const postparse_options *options,
                                        const postparse_callbacks *callbacks,
                                        void *user_data, postparse_error *error)
{
    postparse_parser *p;
    postparse_status st =
        postparse_parser_new(&p, options, callbacks, user_data);
    if (st != POSTPARSE_OK) {
        copy_error(error, NULL, st);
        return st;
    }
    st = feed_all(p, data, len);
    if (st == POSTPARSE_OK)
        st = finish_all(p);
    if (st != POSTPARSE_OK)
        copy_error(error, p, st);
    postparse_parser_free(p);
    return st;
}

postparse_status postparse_parse_file(const char *path,
                                      const postparse_options *options,
                                      const postparse_callbacks *callbacks,
                                      void *user_data, postparse_error *error)
{
    if (error)
        memset(error, 0, sizeof *error);
    if (!path)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    postparse_parser *p;
    postparse_status st =
        postparse_parser_new(&p, options, callbacks, user_data);
    if (st != POSTPARSE_OK) {
        copy_error(error, NULL, st);
        return st;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        int err = errno;
        postparse_parser_free(p);
        if (error) {
            error->code = POSTPARSE_ERR_IO;
            postparse__message_format(error->message, sizeof error->message,
                                      "%s: %s", path, strerror(err));
        }
        return POSTPARSE_ERR_IO;
    }
    static const size_t chunk = FILE_CHUNK_BYTES;
    char buf[FILE_CHUNK_BYTES];
    for (;;) {
        size_t n = fread(buf, 1, chunk, f);
        if (n > 0 && (st = feed_all(p, buf, n)) != POSTPARSE_OK)
            break;
        if (n < chunk) {
            if (ferror(f)) {
                int err = errno;
                st = POSTPARSE_ERR_IO;
                if (error) {
                    error->code = st;
                    postparse__message_format(
                        error->message, sizeof error->message,
                        "%s: read error: %s", path, strerror(err));
                }
                fclose(f);
                postparse_parser_free(p);
                return st;
            }
            st = finish_all(p);
            break;
        }
    }
    fclose(f);
    if (st != POSTPARSE_OK)
        copy_error(error, p, st);
    postparse_parser_free(p);
    return st;
}
