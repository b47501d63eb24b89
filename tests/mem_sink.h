/* SPDX-License-Identifier: MIT */
/* A postparse_write_fn into a growing memory buffer, and a value's typed
 * JSON as a string: for tests and fuzz harnesses that compare outputs. */
#ifndef POSTPARSE_TESTS_MEM_SINK_H
#define POSTPARSE_TESTS_MEM_SINK_H

#include <stdbool.h>
#include <stddef.h>

#include <postparse/postparse.h>

typedef struct mem {
    char *p; /* NUL-terminated once anything (even "") was written */
    size_t len, cap;
} mem;

/* Appends data to the mem at ud; false when out of memory (mem unchanged). */
bool to_mem(void *ud, const char *data, size_t len);

/* The value's POSTPARSE_JSON_TYPED text ("null" for NULL), malloc'ed.
 * Aborts when out of memory: a test has nothing better to do. */
char *json(const postparse_value *v);

#endif
