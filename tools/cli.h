/* SPDX-License-Identifier: MIT */
/* The frame every postparse command fits into: a command is a name, the
 * options it accepts and a run function over its operands. Adding a command
 * means a cmd_<name>.c defining one cli_command and a line in the table in
 * postparse.c. */
#ifndef POSTPARSE_TOOLS_CLI_H
#define POSTPARSE_TOOLS_CLI_H

#include "options.h"

/* Exit statuses, as DESIGN.md's CLI contract fixes them. */
enum cli_exit {
    CLI_EXIT_OK = 0,       /* every file read cleanly */
    CLI_EXIT_PROBLEMS = 1, /* a file had a fatal error or an error diagnostic */
    CLI_EXIT_TROUBLE = 2   /* usage error or I/O trouble */
};

/* The worse of two exit statuses. */
static inline int cli_exit_worst(int a, int b)
{
    return a > b ? a : b;
}

/* The exit status for a fatal error: trouble when the machine failed us (the
 * file could not be read, memory ran out), a problem when the file did. */
static inline int cli_exit_for_fatal(postparse_status code)
{
    return code == POSTPARSE_ERR_IO || code == POSTPARSE_ERR_NOMEM
               ? CLI_EXIT_TROUBLE
               : CLI_EXIT_PROBLEMS;
}

typedef struct cli_command {
    const char *name;
    const char *operands; /* for the synopsis, e.g. "FILE..." */
    const char *summary;  /* one line for --help */
    unsigned accepts;     /* CLI_OPT_* bits */
    int min_operands;
    int max_operands; /* -1: no limit */
    /* Returns an enum cli_exit value. */
    int (*run)(const cli_options *options, int count, char **operands);
} cli_command;

extern const cli_command cli_command_dump;
extern const cli_command cli_command_body;
extern const cli_command cli_command_check;
extern const cli_command cli_command_slug;
extern const cli_command cli_command_set;
extern const cli_command cli_command_unset;
extern const cli_command cli_command_rename;

#endif
