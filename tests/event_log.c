/* SPDX-License-Identifier: MIT */
#include "event_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static void append(event_log *log, const char *s, size_t n)
{
    if (log->len + n + 1 > log->cap) {
        size_t cap = log->cap ? log->cap : 256;
        while (cap < log->len + n + 1)
            cap *= 2;
        log->text = realloc(log->text, cap);
        if (!log->text)
            abort();
        log->cap = cap;
    }
    memcpy(log->text + log->len, s, n);
    log->len += n;
    log->text[log->len] = '\0';
}

void event_log_init(event_log *log)
{
    memset(log, 0, sizeof *log);
    append(log, "", 0);
}

void event_log_free(event_log *log)
{
    free(log->text);
    memset(log, 0, sizeof *log);
}

void event_log_printf(event_log *log, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    append(log, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void append_escaped(event_log *log, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            append(log, "\\n", 2);
        else if (c == '\r')
            append(log, "\\r", 2);
        else if (c == '\t')
            append(log, "\\t", 2);
        else if (c == '"' || c == '\\') {
            append(log, "\\", 1);
            append(log, (const char *)&c, 1);
        } else if (c < 0x20 || c >= 0x7F)
            event_log_printf(log, "\\x%02X", c);
        else
            append(log, (const char *)&c, 1);
    }
}

static void event(event_log *log, const char *name, const postparse_pos *pos)
{
    if (log->len)
        append(log, " ", 1);
    event_log_printf(log, "%s@%llu:%llu", name, (unsigned long long)pos->line,
                     (unsigned long long)pos->column);
    log->last_was_body = false;
}

static postparse_action next(event_log *log)
{
    log->events++;
    if (log->pause_every && log->events % log->pause_every == 0)
        return POSTPARSE_PAUSE;
    return POSTPARSE_CONTINUE;
}

static postparse_action on_begin(void *ud, const postparse_pos *pos)
{
    event(ud, "begin", pos);
    return next(ud);
}

static postparse_action on_text(void *ud, const char *text, size_t len,
                                const postparse_pos *pos)
{
    event(ud, "text", pos);
    append(ud, " \"", 2);
    append_escaped(ud, text, len);
    append(ud, "\"", 1);
    return next(ud);
}

static postparse_action on_end_fm(void *ud, const postparse_pos *pos)
{
    event(ud, "end", pos);
    return next(ud);
}

static postparse_action on_body(void *ud, const char *data, size_t len,
                                const postparse_pos *pos)
{
    event_log *log = ud;
    if (log->on_span)
        log->on_span(log->span_ctx, data, len, pos);
    if (len == 0) {
        event_log_printf(log, " EMPTY-SPAN");
        log->bad_spans++;
    }
    if (log->strict_spans &&
        postparse__utf8_valid_prefix((const uint8_t *)data, len) != len) {
        event_log_printf(log, " SPAN-CUTS-A-CHARACTER");
        log->bad_spans++;
    }
    if (!log->last_was_body) {
        event(log, "body", pos);
        append(log, " \"", 2);
    } else {
        log->len--; /* reopen the closing quote */
    }
    append_escaped(log, data, len);
    append(log, "\"", 1);
    log->last_was_body = true;
    return next(log);
}

static postparse_action on_diagnostic(void *ud, const postparse_diagnostic *d)
{
    event_log *log = ud;
    event(log, "diag", &d->pos);
    event_log_printf(log, " %s %s", postparse_severity_name(d->severity),
                     d->code);
    return next(log);
}

static postparse_action on_end(void *ud, const postparse_summary *s)
{
    event_log *log = ud;
    if (log->len)
        append(log, " ", 1);
    event_log_printf(log, "eof(fm=%d bom=%d utf8=%d bytes=%llu)",
                     s->has_front_matter, s->had_bom, s->body_valid_utf8,
                     (unsigned long long)s->body_bytes);
    log->last_was_body = false;
    return next(log);
}

void event_log_callbacks(postparse_callbacks *cb)
{
    postparse_callbacks_init(cb);
    cb->on_frontmatter_begin = on_begin;
    cb->on_frontmatter_text = on_text;
    cb->on_frontmatter_end = on_end_fm;
    cb->on_body = on_body;
    cb->on_diagnostic = on_diagnostic;
    cb->on_end = on_end;
}

/* Feeds one piece from an exactly sized copy, resuming after pauses. */
postparse_status event_log_feed(postparse_parser *p, const char *data,
                                size_t len)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        abort();
    if (len)
        memcpy(copy, data, len);
    const char *at = copy;
    size_t left = len;
    postparse_status st;
    while ((st = postparse_parser_feed(p, len ? at : NULL, left)) ==
           POSTPARSE_PAUSED) {
        size_t used = postparse_parser_consumed(p);
        at += used;
        left -= used;
        postparse_parser_resume(p);
    }
    free(copy);
    return st;
}

postparse_status event_log_end(event_log *log, postparse_parser *p,
                               postparse_status st)
{
    if (st == POSTPARSE_OK)
        while ((st = postparse_parser_finish(p)) == POSTPARSE_PAUSED)
            postparse_parser_resume(p);
    if (st != POSTPARSE_OK) {
        const postparse_error *e = postparse_parser_error(p);
        if (log->len)
            append(log, " ", 1);
        if (e)
            event_log_printf(log, "error@%llu:%llu %s",
                             (unsigned long long)e->pos.line,
                             (unsigned long long)e->pos.column,
                             postparse_status_name(e->code));
        else
            event_log_printf(log, "error %s", postparse_status_name(st));
    }
    return st;
}

const char *event_log_finish(event_log *log, postparse_parser *p,
                             postparse_status st)
{
    event_log_end(log, p, st);
    postparse_parser_free(p);
    return log->text;
}

postparse_parser *event_log_start(event_log *log,
                                  const postparse_options *options)
{
    postparse_callbacks cb;
    event_log_callbacks(&cb);
    postparse_parser *p;
    if (postparse_parser_new(&p, options, &cb, log) != POSTPARSE_OK)
        abort();
    return p;
}

const char *event_log_parse(event_log *log, const char *input, size_t len,
                            size_t chunk, const postparse_options *options)
{
    postparse_parser *p = event_log_start(log, options);
    postparse_status st = POSTPARSE_OK;
    if (chunk == 0)
        chunk = len ? len : 1;
    for (size_t i = 0; st == POSTPARSE_OK && i < len; i += chunk) {
        size_t n = len - i < chunk ? len - i : chunk;
        st = event_log_feed(p, input + i, n);
        /* An empty feed between chunks must change nothing. */
        if (st == POSTPARSE_OK)
            st = event_log_feed(p, input + i + n, 0);
    }
    return event_log_finish(log, p, st);
}

const char *event_log_parse_split(event_log *log, const char *input, size_t len,
                                  size_t split,
                                  const postparse_options *options)
{
    postparse_parser *p = event_log_start(log, options);
    postparse_status st = event_log_feed(p, input, split);
    if (st == POSTPARSE_OK)
        st = event_log_feed(p, input + split, len - split);
    return event_log_finish(log, p, st);
}
