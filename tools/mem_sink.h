/* SPDX-License-Identifier: MIT */
/* A postparse_write_fn into a growing memory buffer: the CLI collects an
 * edited file in it before it writes (and shows a diff); the tests and
 * fuzz harnesses that compare outputs use the same one. */
#ifndef POSTPARSE_TOOLS_MEM_SINK_H
#define POSTPARSE_TOOLS_MEM_SINK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct mem {
    char *p; /* NUL-terminated once anything (even "") was written */
    size_t len, cap;
} mem;

/* Appends data to the mem at ud; false when out of memory (mem unchanged). */
bool to_mem(void *ud, const char *data, size_t len);

#endif
