/* SPDX-License-Identifier: MIT */
/* Reading a file into a parser: the one place where the CLI touches files,
 * so that every command reads the same way (and --chunk means the same). */
#ifndef POSTPARSE_TOOLS_INPUT_H
#define POSTPARSE_TOOLS_INPUT_H

#include <stddef.h>
#include <sys/types.h>

#include <postparse/postparse.h>

typedef enum input_outcome {
    INPUT_DONE,    /* fed and finished without a fatal error */
    INPUT_FATAL,   /* the parser stopped with a fatal error */
    INPUT_IO_ERROR /* the file could not be read (or no memory to read it) */
} input_outcome;

/* What a file of this mode is, for messages: "a FIFO (named pipe)",
 * "a character device", "a folder", ...; static storage. */
const char *input_file_kind(mode_t mode);

/* Feeds the file at path into parser (fresh or reset) and finishes it.
 * path "-" is standard input (no file name is set: no date or slug from
 * it); any other path must be a regular file: a FIFO, a device or a socket
 * is refused without being opened (POSTPARSE_ERR_IO), so that no read
 * blocks or never ends.
 * chunk: bytes per feed, each chunk in its own exactly sized heap buffer (so
 * that a read past its end trips AddressSanitizer); 0 reads 64 KiB at a time
 * into one buffer. A PAUSE from a callback is resumed at once.
 * Unless INPUT_DONE, *error says what went wrong: the parser's error, or
 * POSTPARSE_ERR_IO / POSTPARSE_ERR_NOMEM with a zero position (line 0: no
 * place in the file). */
input_outcome input_parse_file(postparse_parser *parser, const char *path,
                               size_t chunk, postparse_error *error);
/* The same, with the post named name instead of path (its file name date,
 * slug and the document's path): a site's post opened as DIR/rel and named
 * rel. */
input_outcome input_parse_file_as(postparse_parser *parser, const char *path,
                                  const char *name, size_t chunk,
                                  postparse_error *error);

#endif
