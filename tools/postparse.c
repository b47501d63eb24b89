/* SPDX-License-Identifier: MIT */
/* postparse: the command-line tool. This file is the dispatcher: the command
 * table, --help and --version; each command lives in cmd_<name>.c. */
#include "cli.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const cli_command *const commands[] = {
    &cli_command_check,  &cli_command_dump, &cli_command_body,
    &cli_command_slug,   &cli_command_set,  &cli_command_unset,
    &cli_command_rename,
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

static const char exit_status_help[] =
    "Exit status:\n"
    "  0  every file was read without a fatal error or an error diagnostic\n"
    "  1  a file had a fatal error or an error diagnostic\n"
    "  2  usage error, or a file could not be read or output not written\n";

static void command_synopsis(const cli_command *cmd, FILE *out)
{
    fprintf(out, "  postparse %s", cmd->name);
    cli_options_synopsis(cmd->accepts, out);
    fprintf(out, " %s\n", cmd->operands);
}

static void command_help(const cli_command *cmd, FILE *out)
{
    fputs("usage:\n", out);
    command_synopsis(cmd, out);
    fprintf(out, "\n%c%s.\n\nOptions:\n",
            toupper((unsigned char)cmd->summary[0]), cmd->summary + 1);
    cli_options_help(cmd->accepts, out);
    /* check reports problems as its output; the others on the side. */
    fprintf(out,
            "\nProblems are printed to standard %s as\n"
            "  FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE]\n\n",
            strcmp(cmd->name, "check") == 0 ? "output" : "error");
    fputs(exit_status_help, out);
}

static unsigned all_options(void)
{
    unsigned bits = 0;

    for (size_t i = 0; i < COMMAND_COUNT; i++)
        bits |= commands[i]->accepts;
    return bits;
}

static void program_help(FILE *out)
{
    fputs("usage:\n", out);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        command_synopsis(commands[i], out);
    fputs("  postparse --help | --version\n"
          "\n"
          "Read Jekyll blog posts (YAML front matter, then the body) "
          "byte-exactly as\n"
          "Jekyll 4.3 does.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-6s %s\n", commands[i]->name, commands[i]->summary);
    fputs("\nOptions (each command takes those in its synopsis):\n", out);
    cli_options_help(all_options(), out);
    fputs("  --version\n      print the library's version and exit\n"
          "\n'postparse COMMAND --help' shows one command's help.\n"
          "Problems are printed to standard error as\n"
          "  FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE]\n\n",
          out);
    fputs(exit_status_help, out);
}

static void print_version(void)
{
    printf("postparse %s\n", postparse_version_string());
    /* A header/library mismatch is worth knowing when a bug is reported. */
    if (postparse_version_hex() != (uint32_t)POSTPARSE_VERSION_HEX)
        printf("(built with the headers of postparse %s)\n",
               POSTPARSE_VERSION_STRING);
}

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

static int usage_error(const cli_command *cmd)
{
    if (cmd != NULL)
        fprintf(stderr, "Try 'postparse %s --help'.\n", cmd->name);
    else
        fputs("Try 'postparse --help'.\n", stderr);
    return CLI_EXIT_TROUBLE;
}

static int run_command(const cli_command *cmd, int argc, char **argv)
{
    cli_options options;
    int first, count;

    cli_options_init(&options);
    if (!cli_options_parse(&options, cmd->accepts, argc, argv, &first))
        return usage_error(cmd);
    if (options.help) {
        command_help(cmd, stdout);
        return CLI_EXIT_OK;
    }
    count = argc - first;
    if (count < cmd->min_operands && !(options.site && count == 0)) {
        fprintf(stderr, "postparse %s: missing %s\n", cmd->name, cmd->operands);
        return usage_error(cmd);
    }
    if (cmd->max_operands >= 0 && count > cmd->max_operands) {
        fprintf(stderr, "postparse %s: too many operands: wants %s\n",
                cmd->name, cmd->operands);
        return usage_error(cmd);
    }
    return cmd->run(&options, count, argv + first);
}

int main(int argc, char **argv)
{
    const cli_command *cmd;
    int status;

    if (argc < 2) {
        fputs("postparse: missing command\n", stderr);
        return usage_error(NULL);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc > 2 && strcmp(argv[1], "help") == 0) {
            cmd = find_command(argv[2]);
            if (cmd == NULL) {
                fprintf(stderr, "postparse: unknown command '%s'\n", argv[2]);
                return usage_error(NULL);
            }
            command_help(cmd, stdout);
        } else {
            program_help(stdout);
        }
        return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_TROUBLE;
    }
    if (strcmp(argv[1], "--version") == 0) {
        print_version();
        return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_TROUBLE;
    }
    cmd = find_command(argv[1]);
    if (cmd == NULL) {
        fprintf(stderr, "postparse: unknown command '%s'\n", argv[1]);
        return usage_error(NULL);
    }
    status = run_command(cmd, argc - 1, argv + 1);
    if (fflush(stdout) != 0) {
        fputs("postparse: cannot write to standard output\n", stderr);
        status = CLI_EXIT_TROUBLE;
    }
    return status;
}
