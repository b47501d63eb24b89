/* SPDX-License-Identifier: MIT */
#include "atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *atomic_file_open(atomic_file *f, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;

    f->fd = -1;
    f->why = NULL;
    f->tmp = malloc(dir_len + strlen(path) + 16);
    if (f->tmp == NULL)
        return f->why = "out of memory";
    sprintf(f->tmp, "%.*s.%s.XXXXXX", (int)dir_len, path,
            slash ? slash + 1 : path);
    f->fd = mkstemp(f->tmp);
    if (f->fd < 0) {
        free(f->tmp);
        f->tmp = NULL;
        return f->why = "cannot make a temporary file in its folder";
    }
    return NULL;
}

bool atomic_file_write(void *ctx, const char *data, size_t len)
{
    atomic_file *f = ctx;

    for (size_t o = 0; o < len && f->why == NULL;) {
        ssize_t w = write(f->fd, data + o, len - o);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            f->why = "cannot write the temporary file";
        else
            o += (size_t)w;
    }
    return f->why == NULL;
}

const char *atomic_file_commit(atomic_file *f, const char *path,
                               const struct stat *read_sb,
                               bool (*unchanged)(void *ctx), void *ctx)
{
    const char *why = f->why;
    struct stat sb;

    if (why == NULL && fchmod(f->fd, read_sb->st_mode & 07777) != 0)
        why = "cannot give the temporary file the file's mode";
    if (why == NULL && fsync(f->fd) != 0)
        why = "cannot sync the temporary file";
    if (close(f->fd) != 0 && why == NULL)
        why = "cannot close the temporary file";
    f->fd = -1;
    if (why == NULL &&
        (stat(path, &sb) != 0 || sb.st_size != read_sb->st_size ||
         sb.st_mtim.tv_sec != read_sb->st_mtim.tv_sec ||
         sb.st_mtim.tv_nsec != read_sb->st_mtim.tv_nsec ||
         (unchanged != NULL && !unchanged(ctx))))
        why = "the file changed while it was read; not written";
    if (why == NULL && rename(f->tmp, path) != 0)
        why = "cannot rename the temporary file over it";
    if (why != NULL)
        unlink(f->tmp);
    free(f->tmp);
    f->tmp = NULL;
    return why;
}

void atomic_file_abandon(atomic_file *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp != NULL) {
        unlink(f->tmp);
        free(f->tmp);
    }
    f->fd = -1;
    f->tmp = NULL;
}
