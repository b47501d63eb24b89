/* SPDX-License-Identifier: MIT */
/* postparse set, unset and rename: lossless front matter edits
 * (<postparse/edit.h>, docs/edit.md) of each FILE, printed to standard
 * output, shown as a unified diff (--dry-run) or written in place
 * (--in-place, atomically). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "mem_sink.h"

typedef enum edit_kind { EDIT_SET, EDIT_UNSET, EDIT_RENAME } edit_kind;

static bool to_stdout(void *ud, const char *data, size_t len)
{
    (void)ud;
    return fwrite(data, 1, len, stdout) == len;
}

static bool is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Whether text reads as a one-line YAML scalar or flow list (set's
 * default: YAML text when it is one, a string otherwise). */
static unsigned value_flags(const cli_options *o, const char *text)
{
    if (o->string)
        return POSTPARSE_EDIT_STRING;
    if (o->json_values)
        return POSTPARSE_EDIT_YAML;
    /* A string that YAML would read as a mapping ("a: b") stays a string;
     * the library checks the rest. */
    return strchr(text, '\n') || strstr(text, ": ") || text[0] == '{'
               ? POSTPARSE_EDIT_STRING
               : POSTPARSE_EDIT_YAML;
}

/* --json: the value read back, as plain JSON without blanks, is the JSON
 * given without blanks outside strings. */
static bool json_same(const postparse_value *v, const char *json)
{
    mem m = {0};
    bool ok = to_mem(&m, "", 0) &&
              postparse_value_write_json(v, POSTPARSE_JSON_PLAIN, to_mem, &m);
    size_t k = 0;
    bool in_string = false;
    for (const char *p = json; ok && *p; p++) {
        if (!in_string && (*p == ' ' || *p == '\t'))
            continue;
        if (*p == '"' && (p == json || p[-1] != '\\'))
            in_string = !in_string;
        ok = k < m.len && m.p[k++] == *p;
    }
    ok = ok && k == m.len;
    free(m.p);
    return ok;
}

/* The edits of one file on ed; false with err filled on a refusal. */
static bool plan(postparse_editor *ed, edit_kind kind, const cli_options *o,
                 int count, char **args, postparse_error *err)
{
    for (int i = 0; i < count; i++) {
        postparse_status st = POSTPARSE_OK;
        if (kind == EDIT_SET) {
            const char *eq = strchr(args[i], '=');
            char *key = strndup(args[i], (size_t)(eq - args[i]));
            const char *value = eq + 1;
            if (key == NULL) {
                st = POSTPARSE_ERR_NOMEM;
                snprintf(err->message, sizeof err->message, "out of memory");
            } else if (o->list) {
                st =
                    postparse_editor_append(ed, key, value, strlen(value), err);
            } else {
                unsigned f = value_flags(o, value);
                st = postparse_editor_set(ed, key, value, strlen(value), f,
                                          NULL, err);
                if (st != POSTPARSE_OK && f == POSTPARSE_EDIT_YAML &&
                    !o->json_values)
                    st = postparse_editor_set(ed, key, value, strlen(value),
                                              POSTPARSE_EDIT_STRING, NULL, err);
            }
            free(key);
        } else if (kind == EDIT_UNSET) {
            st = postparse_editor_delete(ed, args[i], err);
        } else {
            st = postparse_editor_rename(ed, args[0], args[1], err);
            i = count;
        }
        if (st != POSTPARSE_OK)
            return false;
    }
    return true;
}

/* A unified diff of the changed lines, one hunk without context. */
static void print_diff(const char *path, const char *a, size_t al,
                       const char *b, size_t bl)
{
    size_t p = 0, s = 0, line = 1;
    while (p < al && p < bl && a[p] == b[p])
        p++;
    while (p > 0 && a[p - 1] != '\n')
        p--;
    while (s < al - p && s < bl - p && a[al - 1 - s] == b[bl - 1 - s])
        s++;
    while (s > 0 && a[al - s - 1] != '\n')
        s--;
    if (p == al && p == bl)
        return;
    for (size_t i = 0; i < p; i++)
        line += a[i] == '\n';
    size_t na = 0, nb = 0;
    for (size_t i = p; i < al - s; i++)
        na += a[i] == '\n';
    for (size_t i = p; i < bl - s; i++)
        nb += b[i] == '\n';
    printf("--- %s\n+++ %s\n@@ -%zu,%zu +%zu,%zu @@\n", path, path,
           na ? line : line - 1, na, nb ? line : line - 1, nb);
    for (int side = 0; side < 2; side++) {
        const char *t = side ? b : a;
        size_t e = side ? bl - s : al - s;
        for (size_t i = p; i < e;) {
            size_t j = i;
            while (j < e && t[j] != '\n')
                j++;
            printf("%c%.*s\n", side ? '+' : '-', (int)(j - i), t + i);
            i = j + 1;
        }
    }
}

static int edit_file(const char *path, edit_kind kind, const cli_options *o,
                     int count, char **args, const char *cmd)
{
    postparse_error err = {.code = POSTPARSE_OK};
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "%s: error: cannot read it [%s]\n", path, cmd);
        return CLI_EXIT_TROUBLE;
    }
    postparse_doc *doc = postparse_read_file(path, NULL, &err);
    postparse_editor *ed = doc ? postparse_editor_new(doc, NULL, &err) : NULL;
    int status = CLI_EXIT_OK;
    if (ed == NULL || !plan(ed, kind, o, count, args, &err)) {
        fprintf(stderr, "%s: error: %s [%s]\n", path, err.message, cmd);
        status = err.code == POSTPARSE_ERR_EDIT_REFUSED ? CLI_EXIT_PROBLEMS
                                                        : CLI_EXIT_TROUBLE;
    } else if (o->dry_run || o->json_values) {
        mem m = {0};
        postparse_status st =
            postparse_editor_write_file(ed, path, to_mem, &m, &err);
        if (st == POSTPARSE_OK && o->json_values) {
            postparse_doc *nd = postparse_read_buffer(m.p, m.len, NULL, NULL);
            const postparse_value *fm = postparse_doc_front_matter(nd);
            for (int i = 0; i < count && st == POSTPARSE_OK; i++) {
                const char *eq = strchr(args[i], '=');
                const postparse_value *v =
                    postparse_value_get(fm, args[i], (size_t)(eq - args[i]));
                if (!o->list && !json_same(v, eq + 1)) {
                    st = POSTPARSE_ERR_EDIT_REFUSED;
                    snprintf(err.message, sizeof err.message,
                             "%.*s: the JSON value does not read back the "
                             "same from YAML",
                             (int)(eq - args[i]), args[i]);
                }
            }
            postparse_doc_free(nd);
        }
        if (st != POSTPARSE_OK) {
            fprintf(stderr, "%s: error: %s [%s]\n", path, err.message, cmd);
            status = st == POSTPARSE_ERR_EDIT_REFUSED ? CLI_EXIT_PROBLEMS
                                                      : CLI_EXIT_TROUBLE;
        } else if (o->dry_run) {
            char *old = NULL;
            size_t old_len = 0;
            FILE *f = fopen(path, "rb");
            mem a = {0};
            char buf[65536];
            size_t n;
            while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
                to_mem(&a, buf, n);
            if (f)
                fclose(f);
            old = a.p;
            old_len = a.len;
            print_diff(path, old ? old : "", old_len, m.p ? m.p : "", m.len);
            free(old);
        } else if (o->in_place) {
            atomic_file af;
            const char *why = atomic_file_open(&af, path);
            if (why == NULL) {
                atomic_file_write(&af, m.p, m.len);
                why = atomic_file_commit(&af, path, &sb, NULL, NULL);
            }
            if (why != NULL) {
                fprintf(stderr, "%s: error: %s [%s]\n", path, why, cmd);
                status = CLI_EXIT_TROUBLE;
            }
        } else {
            to_stdout(NULL, m.p ? m.p : "", m.len);
        }
        free(m.p);
    } else if (o->in_place) {
        /* Streamed into the temporary file: the body is never held. */
        atomic_file af;
        const char *why = atomic_file_open(&af, path);
        if (why == NULL) {
            postparse_status st = postparse_editor_write_file(
                ed, path, atomic_file_write, &af, &err);
            if (st != POSTPARSE_OK) {
                atomic_file_abandon(&af);
                why = af.why ? af.why : err.message;
            } else {
                why = atomic_file_commit(&af, path, &sb, NULL, NULL);
            }
        }
        if (why != NULL) {
            fprintf(stderr, "%s: error: %s [%s]\n", path, why, cmd);
            status = CLI_EXIT_TROUBLE;
        }
    } else if (postparse_editor_write_file(ed, path, to_stdout, NULL, &err) !=
               POSTPARSE_OK) {
        fprintf(stderr, "%s: error: %s [%s]\n", path, err.message, cmd);
        status = CLI_EXIT_TROUBLE;
    }
    postparse_editor_free(ed);
    postparse_doc_free(doc);
    return status;
}

/* FILE... then the edit's operands: files are the leading operands that
 * name regular files, at least one; the rest must be as many as the
 * command wants. */
static int run(const cli_options *o, int count, char **ops, edit_kind kind,
               const char *cmd)
{
    int files = 0;
    if (kind == EDIT_RENAME)
        files = count - 2;
    else if (kind == EDIT_SET)
        while (files < count &&
               (strchr(ops[files], '=') == NULL || is_file(ops[files])))
            files++;
    else
        while (files < count - 1 && is_file(ops[files]))
            files++;
    if (files < 1 || files == count) {
        fprintf(stderr, "postparse %s: wants FILE... then %s\n", cmd,
                kind == EDIT_SET     ? "KEY=VALUE..."
                : kind == EDIT_UNSET ? "KEY..."
                                     : "OLD NEW");
        return CLI_EXIT_TROUBLE;
    }
    for (int i = files; kind == EDIT_SET && i < count; i++)
        if (strchr(ops[i], '=') == NULL || ops[i][0] == '=') {
            fprintf(stderr, "postparse %s: '%s' is not KEY=VALUE\n", cmd,
                    ops[i]);
            return CLI_EXIT_TROUBLE;
        }
    if (o->in_place && o->dry_run) {
        fprintf(stderr, "postparse %s: --in-place or --dry-run, not both\n",
                cmd);
        return CLI_EXIT_TROUBLE;
    }
    int status = CLI_EXIT_OK;
    for (int i = 0; i < files; i++)
        status =
            cli_exit_worst(status, edit_file(ops[i], kind, o, count - files,
                                             ops + files, cmd));
    if (fflush(stdout) != 0) {
        fprintf(stderr, "postparse %s: cannot write to standard output\n", cmd);
        status = CLI_EXIT_TROUBLE;
    }
    return status;
}

static int set_run(const cli_options *o, int count, char **ops)
{
    return run(o, count, ops, EDIT_SET, "set");
}

static int unset_run(const cli_options *o, int count, char **ops)
{
    return run(o, count, ops, EDIT_UNSET, "unset");
}

static int rename_run(const cli_options *o, int count, char **ops)
{
    return run(o, count, ops, EDIT_RENAME, "rename");
}

const cli_command cli_command_set = {
    .name = "set",
    .operands = "FILE... KEY=VALUE...",
    .summary = "set front matter keys, every other byte kept",
    .accepts = CLI_OPT_EDIT | CLI_OPT_SET,
    .min_operands = 2,
    .max_operands = -1,
    .run = set_run,
};

const cli_command cli_command_unset = {
    .name = "unset",
    .operands = "FILE... KEY...",
    .summary = "remove front matter keys, every other byte kept",
    .accepts = CLI_OPT_EDIT,
    .min_operands = 2,
    .max_operands = -1,
    .run = unset_run,
};

const cli_command cli_command_rename = {
    .name = "rename",
    .operands = "FILE... OLD NEW",
    .summary = "rename a front matter key, every other byte kept",
    .accepts = CLI_OPT_EDIT,
    .min_operands = 3,
    .max_operands = -1,
    .run = rename_run,
};
