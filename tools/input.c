/* SPDX-License-Identifier: MIT */
#include "input.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define INPUT_READ_SIZE ((size_t)64 * 1024)

/* feed() that also goes through pauses: a command that pauses in a callback
 * only wants a breather, not to lose the rest of the chunk. */
static postparse_status feed_all(postparse_parser *parser, const char *data,
                                 size_t len)
{
    for (;;) {
        postparse_status st = postparse_parser_feed(parser, data, len);
        size_t used;

        if (st != POSTPARSE_PAUSED)
            return st;
        used = postparse_parser_consumed(parser);
        data += used;
        len -= used;
        st = postparse_parser_resume(parser);
        if (st != POSTPARSE_OK || len == 0)
            return st;
    }
}

static postparse_status finish_all(postparse_parser *parser)
{
    for (;;) {
        postparse_status st = postparse_parser_finish(parser);

        if (st != POSTPARSE_PAUSED)
            return st;
        st = postparse_parser_resume(parser);
        if (st != POSTPARSE_OK)
            return st;
    }
}

/* Feeds got bytes of buf: as they are, or copied into a buffer of exactly
 * that size when the caller asked for exact chunks. */
static postparse_status feed_chunk(postparse_parser *parser, const char *buf,
                                   size_t got, bool exact, bool *nomem)
{
    char *copy;
    postparse_status st;

    if (!exact)
        return feed_all(parser, buf, got);
    copy = malloc(got);
    if (copy == NULL) {
        *nomem = true;
        return POSTPARSE_ERR_NOMEM;
    }
    memcpy(copy, buf, got);
    st = feed_all(parser, copy, got);
    free(copy);
    return st;
}

/* Trouble outside the parser: no place in the file. */
static input_outcome io_error(postparse_error *error, postparse_status code,
                              const char *what, const char *detail)
{
    memset(error, 0, sizeof(*error));
    error->code = code;
    snprintf(error->message, sizeof(error->message), "%s: %s", what, detail);
    return INPUT_IO_ERROR;
}

static input_outcome parser_failed(const postparse_parser *parser,
                                   postparse_status status,
                                   postparse_error *error)
{
    const postparse_error *sticky = postparse_parser_error(parser);

    if (sticky != NULL) {
        *error = *sticky;
        return INPUT_FATAL;
    }
    /* A status without a sticky error (misuse): still say what. */
    memset(error, 0, sizeof(*error));
    error->code = status;
    snprintf(error->message, sizeof(error->message), "%s",
             postparse_status_message(status));
    return INPUT_FATAL;
}

/* Up to cap bytes, fewer only at the end of the file (a pipe may give
 * less at a time). size_hint: the size fstat gave for a regular file, or
 * -1: a read that comes short once that many bytes are in is taken as the
 * end, which saves the read that would return 0 (a post is one read, not
 * two). A file that is still being written is read as it was then, as with
 * the extra read. Returns the count, or -1 with errno on an error. */
static ssize_t read_full(int fd, char *buf, size_t cap, off_t size_hint)
{
    size_t got = 0;

    while (got < cap) {
        ssize_t n = read(fd, buf + got, cap - got);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
        if (size_hint >= 0 && got < cap && (off_t)got >= size_hint)
            break;
    }
    return (ssize_t)got;
}

const char *input_file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return S_ISREG(mode) ? "a regular file" : "not a regular file";
}

/* Only regular files are read by name: a FIFO or a device would block or
 * never end (/dev/zero), a socket cannot be opened. */
static input_outcome not_regular(postparse_error *error, mode_t mode)
{
    char what[96];

    snprintf(what, sizeof(what), "not a regular file but %s",
             input_file_kind(mode));
    return io_error(error, POSTPARSE_ERR_IO, what,
                    "not read; give a pipe as standard input (-)");
}

/* The file at path, opened for reading: checked with stat before it is
 * opened (opening a FIFO blocks, opening a device may act), then opened
 * without blocking and checked again on the descriptor, in case the path
 * changed in between. "-" is standard input, whatever it is. */
static input_outcome open_input(const char *path, int *fd, struct stat *sb,
                                postparse_error *error)
{
    if (strcmp(path, "-") == 0) {
        *fd = STDIN_FILENO;
        return fstat(*fd, sb) == 0
                   ? INPUT_DONE
                   : io_error(error, POSTPARSE_ERR_IO,
                              "cannot read standard input", strerror(errno));
    }
    if (stat(path, sb) != 0)
        return io_error(error, POSTPARSE_ERR_IO, "cannot open",
                        strerror(errno));
    if (!S_ISREG(sb->st_mode))
        return not_regular(error, sb->st_mode);
    do
        *fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    while (*fd < 0 && errno == EINTR);
    if (*fd < 0)
        return io_error(error, POSTPARSE_ERR_IO, "cannot open",
                        strerror(errno));
    if (fstat(*fd, sb) != 0 || !S_ISREG(sb->st_mode)) {
        input_outcome o = S_ISREG(sb->st_mode)
                              ? io_error(error, POSTPARSE_ERR_IO, "cannot open",
                                         strerror(errno))
                              : not_regular(error, sb->st_mode);
        close(*fd);
        return o;
    }
    return INPUT_DONE;
}

/* With open and read, not stdio: a FILE would add its own buffer, an fstat
 * and a read for every post, which a folder of 100,000 posts feels. */
input_outcome input_parse_file(postparse_parser *parser, const char *path,
                               size_t chunk, postparse_error *error)
{
    return input_parse_file_as(parser, path, path, chunk, error);
}

input_outcome input_parse_file_as(postparse_parser *parser, const char *path,
                                  const char *name, size_t chunk,
                                  postparse_error *error)
{
    size_t cap = chunk ? chunk : INPUT_READ_SIZE;
    input_outcome outcome;
    postparse_status st = POSTPARSE_OK;
    bool nomem = false;
    bool is_stdin = strcmp(path, "-") == 0;
    char *buf = NULL;
    struct stat sb;
    off_t total = 0;
    int fd = -1;

    outcome = open_input(path, &fd, &sb, error);
    if (outcome != INPUT_DONE)
        return outcome;
    /* The post's file name (date, slug) and, for drafts, its mtime; standard
     * input has neither. */
    if (!is_stdin) {
        st = postparse_parser_set_path(parser, name);
        if (st == POSTPARSE_OK)
            st = postparse_parser_set_mtime(parser, (int64_t)sb.st_mtim.tv_sec,
                                            (int32_t)sb.st_mtim.tv_nsec);
    }
    if (st != POSTPARSE_OK) {
        outcome = parser_failed(parser, st, error);
        goto done;
    }
    /* No buffer larger than the file: a --chunk of a gigabyte over a post of
     * a kilobyte reads into a kilobyte and a byte (the chunks are the same:
     * the whole file is one; the byte more lets the first read come short
     * and end the file). Files of /proc and /sys say size 0: the full size. */
    if (S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (uintmax_t)sb.st_size < (uintmax_t)cap)
        cap = (size_t)sb.st_size + 1;
    buf = malloc(cap);
    if (buf == NULL) {
        outcome = io_error(error, POSTPARSE_ERR_NOMEM, "cannot read",
                           "no memory for the read buffer");
        goto done;
    }
    for (;;) {
        /* Files of /proc and /sys say size 0 and are read to the end. */
        bool sized = S_ISREG(sb.st_mode) && sb.st_size > 0;
        off_t left = sized ? sb.st_size - total : -1;
        ssize_t got = read_full(fd, buf, cap, sized && left < 0 ? 0 : left);

        if (got < 0) {
            outcome = io_error(error, POSTPARSE_ERR_IO, "cannot read",
                               strerror(errno));
            break;
        }
        if (got == 0)
            break;
        total += got;
        st = feed_chunk(parser, buf, (size_t)got, chunk != 0, &nomem);
        if (nomem) {
            outcome = io_error(error, POSTPARSE_ERR_NOMEM, "cannot read",
                               "no memory for a chunk");
            goto done;
        }
        if (st != POSTPARSE_OK) {
            outcome = parser_failed(parser, st, error);
            goto done;
        }
        if ((size_t)got < cap)
            break; /* the end of the file: read_full read up to it */
    }
    if (outcome == INPUT_DONE) {
        st = finish_all(parser);
        if (st != POSTPARSE_OK)
            outcome = parser_failed(parser, st, error);
    }
done:
    free(buf);
    if (!is_stdin)
        close(fd);
    return outcome;
}
