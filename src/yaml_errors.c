/* SPDX-License-Identifier: MIT */
/* What the YAML loader says when something goes wrong: fatal errors,
 * diagnostics, the exception Jekyll ends with (Psych::SyntaxError's and
 * NoMethodError's text, as Ruby words them). */
#include "yaml_loader.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ruby_inspect.h"

postparse_status postparse__yaml_fatal(loader *L, postparse_status code,
                                       const yaml_mark_t *m, const char *fmt,
                                       ...)
{
    va_list ap;
    va_start(ap, fmt);
    L->err->code = code;
    vsnprintf(L->err->message, sizeof(L->err->message), fmt, ap);
    va_end(ap);
    L->err->pos = postparse__yaml_mark_pos(L, m);
    L->status = code;
    return code;
}

postparse_status postparse__yaml_report(loader *L, postparse_severity sev,
                                        postparse_diagnostic_code code,
                                        const postparse_pos *pos,
                                        const char *fmt, ...)
{
    if (!L->diag)
        return POSTPARSE_OK;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    postparse_status s = L->diag(L->ctx, sev, code, pos, L->top_key, msg);
    if (s != POSTPARSE_OK) {
        L->err->code = s;
        snprintf(L->err->message, sizeof(L->err->message), "%s",
                 postparse_status_message(s));
        L->err->pos = *pos;
        L->status = s;
    }
    return s;
}

/* Out of memory where there is a file position but no libyaml mark. */
postparse_status postparse__yaml_no_memory_at(loader *L,
                                              const postparse_pos *pos)
{
    L->err->code = POSTPARSE_ERR_NOMEM;
    snprintf(L->err->message, sizeof(L->err->message), "out of memory");
    L->err->pos = *pos;
    L->status = POSTPARSE_ERR_NOMEM;
    return POSTPARSE_ERR_NOMEM;
}

/* The exception Jekyll ends with; its message is copied into the arena,
 * which may need a new block: out of memory is then the parse's error. */
postparse_status postparse__yaml_set_error(loader *L, const char *cls,
                                           const char *message,
                                           const postparse_pos *pos)
{
    char *copy = postparse__arena_strndup(L->arena, message, strlen(message));
    if (!copy)
        return postparse__yaml_no_memory_at(L, pos);
    L->out->error_class = cls;
    L->out->error_message = copy;
    L->out->error_pos = *pos;
    return POSTPARSE_OK;
}

postparse_status postparse__yaml_record_raise(loader *L, const char *cls,
                                              const char *message,
                                              const postparse_pos *pos)
{
    if (L->raised)
        return POSTPARSE_OK;
    L->raised = true;
    /* Jekyll's safe_load_yaml rescues ArgumentError and retries with the
     * Psych 3 signature, which Psych 4 rejects. */
    if (!strcmp(cls, "ArgumentError"))
        message = "wrong number of arguments (given 2, expected 1)";
    return postparse__yaml_set_error(L, cls, message, pos);
}

postparse_status postparse__yaml_raise_diag(loader *L, const char *cls,
                                            const char *message,
                                            const postparse_pos *pos,
                                            postparse_diagnostic_code code,
                                            const char *why)
{
    bool first = !L->raised;
    postparse_status s = postparse__yaml_record_raise(L, cls, message, pos);
    if (s != POSTPARSE_OK || !first)
        return s;
    return postparse__yaml_report(
        L, POSTPARSE_SEVERITY_ERROR, code, pos,
        "%s; Jekyll's YAML loader raises %s (%s) and the post "
        "keeps none of its front matter",
        why, cls, message);
}

/* How a root that is not a mapping is named, in English and in Ruby. */
static const char *const root_names[][2] = {
    [POSTPARSE_VALUE_NULL] = {"null", "NilClass"},
    [POSTPARSE_VALUE_BOOL] = {"a boolean", "TrueClass"},
    [POSTPARSE_VALUE_INT] = {"an integer", "Integer"},
    [POSTPARSE_VALUE_FLOAT] = {"a float", "Float"},
    [POSTPARSE_VALUE_STRING] = {"a string", "String"},
    [POSTPARSE_VALUE_TIMESTAMP] = {"a timestamp", "Time"},
    [POSTPARSE_VALUE_DATE] = {"a date", "Date"},
    [POSTPARSE_VALUE_BINARY] = {"binary data", "String"},
    [POSTPARSE_VALUE_SEQUENCE] = {"a sequence", "Array"},
    [POSTPARSE_VALUE_MAPPING] = {"a mapping", "Hash"},
};

/* Jekyll calls key? on what the loader returned: nil and false pass
 * (nothing to merge), a Hash is merged, anything else raises. */
postparse_status postparse__yaml_check_root(loader *L)
{
    const postparse_value *r = L->out->root;
    if (!r || r->kind == POSTPARSE_VALUE_MAPPING ||
        r->kind == POSTPARSE_VALUE_NULL ||
        (r->kind == POSTPARSE_VALUE_BOOL && !r->u.b))
        return POSTPARSE_OK;
    char shown[400], msg[512];
    postparse__ruby_inspect_value(shown, sizeof(shown), r, 0);
    snprintf(msg, sizeof(msg), "undefined method `key?' for %s:%s", shown,
             root_names[r->kind][1]);
    postparse_status s =
        postparse__yaml_set_error(L, "NoMethodError", msg, &r->pos);
    if (s != POSTPARSE_OK)
        return s;
    static const char fw[] = "\xEF\xBC\x9A"; /* U+FF1A FULLWIDTH COLON */
    bool fullwidth = r->kind == POSTPARSE_VALUE_STRING && r->u.s.n >= 3 &&
                     strstr(r->u.s.p, fw);
    return postparse__yaml_report(
        L, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_FRONTMATTER_NOT_MAPPING,
        &r->pos,
        "front matter is %s, not a mapping of keys to values: "
        "Jekyll raises NoMethodError and keeps none of it%s",
        root_names[r->kind][0],
        fullwidth ? "; expected 'key: value' with an ASCII colon "
                    "and a space, found a full-width colon "
                    "'\xEF\xBC\x9A' (U+FF1A)"
                  : "");
}

postparse_status postparse__yaml_syntax_error(loader *L)
{
    yaml_parser_t *p = &L->parser;
    if (L->token_too_long) {
        yaml_mark_t m = p->mark;
        m.index = L->last_event_end;
        return postparse__yaml_fatal(
            L, POSTPARSE_ERR_SCALAR_LIMIT, &m,
            "a YAML token after this point runs past %zu "
            "characters: no scalar may exceed max_scalar_bytes "
            "(%zu)",
            L->token_cap, L->opt->max_scalar_bytes);
    }
    if (p->error == YAML_MEMORY_ERROR)
        return postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, &p->mark,
                                     "out of memory in libyaml");
    const char *problem = p->problem ? p->problem : "unknown error";
    postparse_pos pos;
    if (p->error == YAML_READER_ERROR) {
        /* problem_offset is in bytes: find its character index. */
        size_t ci = 0;
        for (size_t b = 0; b < p->problem_offset && b < L->len; b++)
            ci += ((unsigned char)L->text[b] & 0xC0) != 0x80;
        pos = postparse__posmap_get(&L->pm, L->alloc, ci);
    } else {
        pos = postparse__yaml_mark_pos(L, &p->problem_mark);
    }
    /* Psych::SyntaxError#message: problem and context at the context
     * mark, counted in the front matter text from line 1. */
    char msg[512];
    snprintf(msg, sizeof(msg), "(<unknown>): %s%s%s at line %zu column %zu",
             problem, p->context ? " " : "", p->context ? p->context : "",
             (size_t)p->context_mark.line + 1,
             (size_t)p->context_mark.column + 1);
    L->raised = false;
    L->top_key = NULL;
    L->out->root = NULL;
    postparse_status s =
        postparse__yaml_set_error(L, "Psych::SyntaxError", msg, &pos);
    if (s != POSTPARSE_OK)
        return s;
    return postparse__yaml_report(
        L, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_YAML_SYNTAX, &pos,
        "YAML syntax error: %s%s%s; Jekyll keeps none of the front "
        "matter",
        problem, p->context ? " " : "", p->context ? p->context : "");
}
