/* SPDX-License-Identifier: MIT */
#include "diagnostics.h"

#include <postparse/rules.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <postparse/text.h>

#include "base_array.h"
#include "utf8.h"

/* Room for the diagnostics of most posts in the first allocation. */
#define DIAG_FIRST_CAP 8

void postparse__message_vformat(char *out, size_t size, const char *fmt,
                                va_list ap)
{
    /* A few bytes more than fit, so that a character the cut falls inside
     * is whole here and can be left out whole. */
    char raw[POSTPARSE__MESSAGE_MAX + 4];
    int n = vsnprintf(raw, sizeof raw, fmt, ap);
    size_t len = n < 0 ? 0 : (size_t)n;

    if (len >= sizeof raw)
        len = sizeof raw - 1;
    if (size > sizeof raw - 4)
        size = sizeof raw - 4;
    len = postparse__utf8_cut((const uint8_t *)raw, len, size - 1);
    postparse_text_escape(raw, len, out, size);
}

void postparse__message_format(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    postparse__message_vformat(out, size, fmt, ap);
    va_end(ap);
}

void postparse__diag_list_init(postparse__diag_list *list,
                               const postparse_allocator *alloc, size_t max)
{
    memset(list, 0, sizeof *list);
    list->alloc = alloc;
    list->max = max;
}

static void free_item(postparse__diag_list *list, postparse_diagnostic *d)
{
    postparse__free(list->alloc, (char *)d->message, strlen(d->message) + 1);
    if (d->key)
        postparse__free(list->alloc, (char *)d->key, strlen(d->key) + 1);
}

void postparse__diag_list_clear(postparse__diag_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free_item(list, &list->items[i]);
    postparse__free(list->alloc, list->items, list->cap * sizeof *list->items);
    list->items = NULL;
    list->count = list->cap = list->dropped = 0;
}

static char *copy_string(const postparse_allocator *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = postparse__malloc(a, n);
    if (c)
        memcpy(c, s, n);
    return c;
}

static postparse_status push(postparse__diag_list *list,
                             postparse_severity severity,
                             postparse_diagnostic_code id, const char *code,
                             postparse_pos pos, const char *key,
                             const char *message)
{
    if (list->count == list->cap) {
        void *items = list->items;
        if (!postparse__array_grow(list->alloc, &items, &list->cap, list->count,
                                   list->count + 1, sizeof *list->items,
                                   DIAG_FIRST_CAP, NULL))
            return POSTPARSE_ERR_NOMEM;
        list->items = items;
    }
    postparse_diagnostic d = {severity, id, code, NULL, pos, NULL};
    d.message = copy_string(list->alloc, message);
    if (!d.message)
        return POSTPARSE_ERR_NOMEM;
    if (key && !(d.key = copy_string(list->alloc, key))) {
        free_item(list, &d);
        return POSTPARSE_ERR_NOMEM;
    }
    list->items[list->count++] = d;
    return POSTPARSE_OK;
}

#if defined(__GNUC__)
__attribute__((format(printf, 7, 0)))
#endif
static postparse_status
add(postparse__diag_list *list, postparse_severity severity,
    postparse_diagnostic_code id, const char *code, postparse_pos pos,
    const char *key, const char *fmt, va_list ap)
{
    postparse_rule_level level = postparse_ruleset_level(list->ruleset, code);
    if (level == POSTPARSE_LEVEL_OFF)
        return POSTPARSE_OK;
    if (level >= POSTPARSE_LEVEL_NOTE)
        severity = (postparse_severity)(level - POSTPARSE_LEVEL_NOTE);
    if (list->count >= list->max) {
        /* The last kept slot says how many more there were. */
        list->dropped++;
        if (list->count == 0 || list->dropped > 1)
            return POSTPARSE_OK;
        return push(
            list, POSTPARSE_SEVERITY_NOTE, POSTPARSE_DIAG_TOO_MANY_DIAGNOSTICS,
            postparse_diagnostic_code_name(POSTPARSE_DIAG_TOO_MANY_DIAGNOSTICS),
            pos, NULL,
            "further diagnostics were dropped (max_diagnostics "
            "reached)");
    }
    char message[POSTPARSE__MESSAGE_MAX];
    postparse__message_vformat(message, sizeof message, fmt, ap);
    return push(list, severity, id, code, pos, key, message);
}

postparse_status postparse__diag_add(postparse__diag_list *list,
                                     postparse_severity severity,
                                     postparse_diagnostic_code id,
                                     postparse_pos pos, const char *key,
                                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    postparse_status st =
        add(list, severity, id, postparse_diagnostic_code_name(id), pos, key,
            fmt, ap);
    va_end(ap);
    return st;
}

postparse_status postparse__diag_add_named(postparse__diag_list *list,
                                           postparse_severity severity,
                                           postparse_diagnostic_code id,
                                           const char *code, postparse_pos pos,
                                           const char *key, const char *fmt,
                                           ...)
{
    va_list ap;
    va_start(ap, fmt);
    postparse_status st = add(list, severity, id, code, pos, key, fmt, ap);
    va_end(ap);
    return st;
}

postparse_status postparse__error_set(postparse_error *out,
                                      postparse_status code, const char *fmt,
                                      ...)
{
    if (out) {
        memset(out, 0, sizeof *out);
        out->code = code;
        va_list ap;
        va_start(ap, fmt);
        postparse__message_vformat(out->message, sizeof out->message, fmt, ap);
        va_end(ap);
    }
    return code;
}
