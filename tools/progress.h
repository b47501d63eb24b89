/* SPDX-License-Identifier: MIT */
/* A progress line on a terminal for long runs: "N/TOTAL files, R files/s",
 * on stderr, redrawn at most ten times a second once the run has taken a
 * second, and erased before other output and at the end. */
#ifndef POSTPARSE_TOOLS_PROGRESS_H
#define POSTPARSE_TOOLS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct progress {
    bool enabled;
    bool shown;
    double start, last;
} progress;

/* Enabled when stderr is a terminal and quiet is false. */
void progress_init(progress *p, bool quiet);
void progress_update(progress *p, size_t done, size_t total);
/* Erases the line if it is shown (before printing, and at the end). */
void progress_clear(progress *p);

#endif
