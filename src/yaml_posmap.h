/* SPDX-License-Identifier: MIT */
/* Where a libyaml mark is in the file: marks count characters of the
 * front matter text from 0; positions count bytes, lines and columns of
 * the file. */
#ifndef POSTPARSE_YAML_POSMAP_H
#define POSTPARSE_YAML_POSMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "base_array.h"
#include "position.h"

/* Characters between two checkpoints (a power of two). */
#define POSTPARSE__POSMAP_CHECKPOINT_EVERY 4096

typedef struct postparse__posmap_checkpoint {
    size_t ci, bi;
    postparse__cursor cur;
} postparse__posmap_checkpoint;

typedef struct postparse__posmap {
    const unsigned char *text;
    size_t len;
    postparse__posmap_checkpoint start; /* the text's first character */
    postparse__posmap_checkpoint at;    /* current */
    postparse__vec checkpoints;         /* of checkpoint, ci ascending */
    bool nomem;                         /* a checkpoint could not be kept */
} postparse__posmap;

/* The position of character index of the text. A checkpoint that cannot be
 * kept sets m->nomem. */
postparse_pos postparse__posmap_get(postparse__posmap *m,
                                    const postparse_allocator *a, size_t index);

/* A place the fast scanner knows (character ci at byte bi, at 0-based line
 * and column of the text): the next postparse__posmap_get of ci needs no
 * walk. */
void postparse__posmap_seek(postparse__posmap *m, size_t ci, size_t bi,
                            size_t line, size_t column);

#endif
