/* SPDX-License-Identifier: MIT */
/* Replacing a file atomically: a temporary file in its folder, written,
 * given the file's mode, synced, then renamed over it unless the file
 * changed since it was read. check --fix and the edit commands share it. */
#ifndef POSTPARSE_TOOLS_ATOMIC_FILE_H
#define POSTPARSE_TOOLS_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

typedef struct atomic_file {
    char *tmp; /* the temporary file's path */
    int fd;
    const char *why; /* the first trouble, or NULL */
} atomic_file;

/* Makes the temporary file beside path; NULL, or why not. */
const char *atomic_file_open(atomic_file *f, const char *path);
/* Appends len bytes (a postparse_write_fn: returns false on trouble). */
bool atomic_file_write(void *f, const char *data, size_t len);
/* Gives it read_sb's mode, syncs it, and renames it over path when
 * unchanged() (may be NULL) says the file is still the one read and its
 * size and modification time are read_sb's; else removes it. NULL, or why
 * not. */
const char *atomic_file_commit(atomic_file *f, const char *path,
                               const struct stat *read_sb,
                               bool (*unchanged)(void *ctx), void *ctx);
/* Removes the temporary file (after trouble elsewhere). */
void atomic_file_abandon(atomic_file *f);

#endif
