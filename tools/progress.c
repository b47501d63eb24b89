/* SPDX-License-Identifier: MIT */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(progress *p, bool quiet)
{
    p->enabled = !quiet && isatty(STDERR_FILENO) != 0;
    p->shown = false;
    p->start = p->last = p->enabled ? now_seconds() : 0;
}

void progress_update(progress *p, size_t done, size_t total)
{
    double t;

    if (!p->enabled)
        return;
    t = now_seconds();
    if (t - p->start < 1.0 || t - p->last < 0.1)
        return;
    p->last = t;
    p->shown = true;
    fprintf(stderr, "\rpostparse check: %zu/%zu files, %.0f files/s\033[K",
            done, total, (double)done / (t - p->start));
    fflush(stderr);
}

void progress_clear(progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = false;
}
