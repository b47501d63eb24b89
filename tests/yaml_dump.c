/* SPDX-License-Identifier: MIT */
/* Reads front matter text (as Jekyll hands it to Psych) on stdin and prints
 * one JSON object: {"front_matter":..., "error":{"class","message"}|null,
 * "fatal":{"code","message","line","column"}|null, "diagnostics":[...]}.
 * Used by tests/conformance_front_matter.py. Option --core: YAML 1.2 core
 * schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value_json.h"
#include "yaml_load.h"

static bool out_sink(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    return fwrite(data, 1, len, stdout) == len;
}

static void json_str(const char *s)
{
    postparse_value v;
    memset(&v, 0, sizeof(v));
    v.kind = POSTPARSE_VALUE_STRING;
    v.u.s.p = s ? s : "";
    v.u.s.n = s ? strlen(s) : 0;
    postparse_value_write_json(&v, POSTPARSE_JSON_TYPED, out_sink, NULL);
}

typedef struct diags {
    int count;
} diags;

static postparse_status on_diag(void *ctx, postparse_severity severity,
                                postparse_diagnostic_code id,
                                const postparse_pos *pos, const char *key,
                                const char *message)
{
    const char *code = postparse_diagnostic_code_name(id);
    diags *d = ctx;
    printf("%s{\"severity\":\"%s\",\"code\":\"%s\",\"line\":%llu,"
           "\"column\":%llu,\"offset\":%llu,\"key\":",
           d->count++ ? "," : "", postparse_severity_name(severity), code,
           (unsigned long long)pos->line, (unsigned long long)pos->column,
           (unsigned long long)pos->offset);
    if (key)
        json_str(key);
    else
        fputs("null", stdout);
    fputs(",\"message\":", stdout);
    json_str(message);
    fputs("}", stdout);
    return POSTPARSE_OK;
}

int main(int argc, char **argv)
{
    postparse__yaml_options opt;
    postparse__yaml_options_init(&opt);
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--core"))
            opt.schema = POSTPARSE_SCHEMA_YAML12_CORE;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, stdin)) > 0) {
        len += n;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    if (!buf)
        return 2;
    postparse__arena arena;
    postparse__arena_init(&arena, NULL);
    postparse_pos start = {0, 1, 1};
    postparse__yaml_result res;
    postparse_error err;
    diags d = {0};
    fputs("{\"diagnostics\":[", stdout);
    postparse_status s = postparse__yaml_load(&arena, NULL, buf, len, &start,
                                              &opt, on_diag, &d, &res, &err);
    fputs("],\"front_matter\":", stdout);
    postparse_value_write_json(res.root, POSTPARSE_JSON_TYPED, out_sink, NULL);
    fputs(",\"error\":", stdout);
    if (res.error_class) {
        fputs("{\"class\":", stdout);
        json_str(res.error_class);
        fputs(",\"message\":", stdout);
        json_str(res.error_message);
        printf(",\"line\":%llu,\"column\":%llu}",
               (unsigned long long)res.error_pos.line,
               (unsigned long long)res.error_pos.column);
    } else {
        fputs("null", stdout);
    }
    fputs(",\"fatal\":", stdout);
    if (s != POSTPARSE_OK) {
        printf("{\"code\":\"%s\",\"line\":%llu,\"column\":%llu,\"message\":",
               postparse_status_name(s), (unsigned long long)err.pos.line,
               (unsigned long long)err.pos.column);
        json_str(err.message);
        fputs("}", stdout);
    } else {
        fputs("null", stdout);
    }
    fputs("}\n", stdout);
    postparse__arena_free(&arena);
    free(buf);
    return s == POSTPARSE_OK ? 0 : 1;
}
