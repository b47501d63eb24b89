/* SPDX-License-Identifier: MIT */
/* A value's typed JSON as a string, for tests and fuzz harnesses that
 * compare outputs, on the CLI's memory write sink (tools/mem_sink.h). */
#ifndef POSTPARSE_TESTS_MEM_SINK_H
#define POSTPARSE_TESTS_MEM_SINK_H

#include <stdbool.h>
#include <stddef.h>

#include <postparse/postparse.h>

#include "../tools/mem_sink.h"

/* The value's POSTPARSE_JSON_TYPED text ("null" for NULL), malloc'ed.
 * Aborts when out of memory: a test has nothing better to do. */
char *json(const postparse_value *v);

#endif
