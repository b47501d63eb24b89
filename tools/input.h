/* SPDX-License-Identifier: MIT */
/* Reading a file into a parser: the one place where the CLI touches files,
 * so that every command reads the same way (and --chunk means the same). */
#ifndef POSTPARSE_TOOLS_INPUT_H
#define POSTPARSE_TOOLS_INPUT_H

#include <stddef.h>

#include <postparse/postparse.h>

typedef enum input_outcome {
    INPUT_DONE,    /* fed and finished; the parser holds no fatal error */
    INPUT_FATAL,   /* the parser stopped: postparse_parser_error() says why */
    INPUT_IO_ERROR /* the file could not be read: see io_message */
} input_outcome;

/* Feeds the file at path into parser (fresh or reset) and finishes it.
 * chunk: bytes per feed, each chunk in its own exactly sized heap buffer (so
 * that a read past its end trips AddressSanitizer); 0 reads 64 KiB at a time
 * into one buffer. A PAUSE from a callback is resumed at once. On
 * INPUT_IO_ERROR, io_message (size bytes) says what failed, with strerror. */
input_outcome input_parse_file(postparse_parser *parser, const char *path,
                               size_t chunk, char *io_message, size_t size);

#endif
