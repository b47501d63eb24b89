/* SPDX-License-Identifier: MIT */
/* A document as one JSON object: the fields of `postparse dump` (the Jekyll
 * oracle's names and order, shared/oracle/README.md), in the typed or the
 * plain encoding. The library has no digest: body_sha256, and any other
 * member computed from the body, comes from the caller. */
#include "doc_state.h"
#include "base_array.h"
#include "value_json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct ctx {
    postparse__json *w;
    const postparse_doc *doc;
    const postparse_post *post; /* NULL after a fatal error */
    bool fatal;
} ctx;

typedef void field_writer(const ctx *c);

static void put_null(const ctx *c)
{
    postparse__json_puts(c->w, "null");
}

static void put_bool(const ctx *c, bool b)
{
    postparse__json_puts(c->w, b ? "true" : "false");
}

static void put_uint(const ctx *c, uint64_t n)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRIu64, n);
    postparse__json_puts(c->w, buf);
}

static void put_cstring(const ctx *c, const char *s)
{
    if (s)
        postparse__json_string(c->w, s, strlen(s));
    else
        put_null(c);
}

static void write_path(const ctx *c)
{
    if (c->doc->path)
        postparse__json_text(c->w, c->doc->path, strlen(c->doc->path));
    else
        put_null(c);
}

static void write_has_front_matter(const ctx *c)
{
    put_bool(c, c->doc->has_fm);
}

static void write_front_matter_text(const ctx *c)
{
    if (c->doc->has_fm)
        postparse__json_text(c->w, c->doc->fm.data, c->doc->fm_text_len);
    else
        put_null(c);
}

static void write_front_matter(const ctx *c)
{
    postparse__json_value(c->w, c->doc->front_matter);
}

static void write_body_bytes(const ctx *c)
{
    if (c->fatal)
        put_null(c);
    else
        put_uint(c, c->doc->summary.body_bytes);
}

static void write_body_valid_utf8(const ctx *c)
{
    if (c->fatal)
        put_null(c);
    else
        put_bool(c, c->doc->summary.body_valid_utf8);
}

/* Line 0 is no place (trouble with the file, not in it): null. */
static void write_position(const ctx *c, const postparse_pos *pos)
{
    postparse__json_puts(c->w, ",\"line\":");
    if (pos->line > 0)
        put_uint(c, pos->line);
    else
        put_null(c);
    postparse__json_puts(c->w, ",\"column\":");
    if (pos->line > 0)
        put_uint(c, pos->column);
    else
        put_null(c);
}

static void write_error(const ctx *c)
{
    if (!c->fatal) {
        put_null(c);
        return;
    }
    const postparse_error *e = &c->doc->error;
    postparse__json_puts(c->w, "{\"code\":");
    put_cstring(c, postparse_status_name(e->code));
    postparse__json_puts(c->w, ",\"message\":");
    put_cstring(c, e->message);
    write_position(c, &e->pos);
    postparse__json_puts(c->w, "}");
}

static void write_read_by_jekyll(const ctx *c)
{
    if (c->post)
        put_bool(c, postparse_post_read_by_jekyll(c->post));
    else
        put_null(c);
}

static void write_processable(const ctx *c)
{
    put_bool(c, postparse_post_processable(c->post));
}

static void write_skip_reason(const ctx *c)
{
    put_cstring(c, c->post ? postparse_post_skip_reason(c->post)
                           : "fatal read error");
}

/* The post's date as the oracle prints a Time, or RFC 3339 (plain). */
static void write_date(const ctx *c)
{
    postparse_datetime dt;
    char buf[POSTPARSE_DATETIME_FORMAT_MAX];
    if (!postparse_post_date(c->post, &dt)) {
        put_null(c);
        return;
    }
    if (!c->w->plain) {
        postparse_datetime_format(&dt, buf, sizeof buf);
        put_cstring(c, buf);
        return;
    }
    postparse_value v = {.kind = POSTPARSE_VALUE_TIMESTAMP};
    v.u.dt = dt;
    v.u.dt.has_time = v.u.dt.has_offset = true;
    postparse__json_value(c->w, &v);
}

static void write_date_source(const ctx *c)
{
    put_cstring(
        c, postparse_date_source_name(postparse_post_date_source(c->post)));
}

#define VALUE_WRITER(field)                                                    \
    static void write_##field(const ctx *c)                                    \
    {                                                                          \
        postparse__json_value(c->w, postparse_post_##field(c->post));          \
    }
VALUE_WRITER(slug)
VALUE_WRITER(title)
VALUE_WRITER(categories)
VALUE_WRITER(tags)
VALUE_WRITER(layout)
VALUE_WRITER(permalink)
#undef VALUE_WRITER

static void write_published(const ctx *c)
{
    if (c->post)
        put_bool(c, postparse_post_published(c->post));
    else
        put_null(c);
}

static void write_excerpt_separator(const ctx *c)
{
    size_t len;
    const char *sep = postparse_post_excerpt_separator(c->post, &len);
    if (sep)
        postparse__json_text(c->w, sep, len);
    else
        put_null(c);
}

static void write_excerpt(const ctx *c)
{
    size_t len;
    const char *text = postparse_post_excerpt(c->post, &len);
    if (text)
        postparse__json_text(c->w, text, len);
    else
        postparse__json_value(c->w, postparse_post_excerpt_value(c->post));
}

static void write_excerpt_source(const ctx *c)
{
    switch (postparse_post_excerpt_source(c->post)) {
    case POSTPARSE_EXCERPT_GENERATED:
        put_cstring(c, "generated");
        return;
    case POSTPARSE_EXCERPT_FRONT_MATTER:
        put_cstring(c, "front_matter");
        return;
    case POSTPARSE_EXCERPT_NONE:
        break;
    }
    put_null(c);
}

/* The exception Jekyll's read ends with (the oracle's `error`). */
static void write_jekyll_error(const ctx *c)
{
    const postparse_jekyll_error *e = postparse_post_jekyll_error(c->post);
    if (!e) {
        put_null(c);
        return;
    }
    postparse__json_puts(c->w, "{\"class\":");
    put_cstring(c, e->class_name);
    postparse__json_puts(c->w, ",\"message\":");
    put_cstring(c, e->message);
    postparse__json_puts(c->w, ",\"fatal\":");
    put_bool(c, e->fatal);
    postparse__json_puts(c->w, "}");
}

static void write_diagnostics(const ctx *c)
{
    postparse__json_puts(c->w, "[");
    for (size_t i = 0; i < c->doc->diag_count; i++) {
        const postparse_diagnostic *d = &c->doc->diags[i];
        postparse__json_puts(c->w, i ? ",{\"severity\":" : "{\"severity\":");
        put_cstring(c, postparse_severity_name(d->severity));
        postparse__json_puts(c->w, ",\"code\":");
        put_cstring(c, d->code);
        postparse__json_puts(c->w, ",\"message\":");
        put_cstring(c, d->message);
        write_position(c, &d->pos);
        postparse__json_puts(c->w, "}");
    }
    postparse__json_puts(c->w, "]");
}

/* The fields, in the oracle's order; NULL: body_sha256's place, filled by
 * the caller's member of that name. */
static const struct {
    const char *name;
    field_writer *write;
} fields[] = {
    {"path", write_path},
    {"has_front_matter", write_has_front_matter},
    {"front_matter_text", write_front_matter_text},
    {"front_matter", write_front_matter},
    {"body_bytes", write_body_bytes},
    {"body_valid_utf8", write_body_valid_utf8},
    {"body_sha256", NULL},
    {"error", write_error},
    {"read_by_jekyll", write_read_by_jekyll},
    {"processable", write_processable},
    {"skip_reason", write_skip_reason},
    {"date", write_date},
    {"date_source", write_date_source},
    {"slug", write_slug},
    {"title", write_title},
    {"categories", write_categories},
    {"tags", write_tags},
    {"layout", write_layout},
    {"permalink", write_permalink},
    {"published", write_published},
    {"excerpt_separator", write_excerpt_separator},
    {"excerpt", write_excerpt},
    {"excerpt_source", write_excerpt_source},
    {"jekyll_error", write_jekyll_error},
    {"diagnostics", write_diagnostics},
};

static void member_name(postparse__json *w, bool first, const char *name)
{
    if (!first)
        postparse__json_put(w, POSTPARSE__LIT(","));
    postparse__json_string(w, name, strlen(name));
    postparse__json_put(w, POSTPARSE__LIT(":"));
}

bool postparse_doc_write_json_with(const postparse_doc *doc, unsigned flags,
                                   const postparse_json_member *members,
                                   size_t member_count,
                                   postparse_write_fn write, void *user_data)
{
    if (!doc || !write || (member_count && !members))
        return false;
    postparse__json w;
    postparse__json_pretty pretty;
    postparse__json_init(&w, flags, write, user_data, &pretty);
    ctx c = {&w, doc, postparse_doc_post(doc), doc->failed};
    const char *digest = NULL;
    for (size_t i = 0; i < member_count; i++)
        if (members[i].name && strcmp(members[i].name, "body_sha256") == 0)
            digest = members[i].json;
    postparse__json_put(&w, POSTPARSE__LIT("{"));
    bool first = true;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (!fields[i].write && !digest)
            continue;
        member_name(&w, first, fields[i].name);
        first = false;
        if (fields[i].write)
            fields[i].write(&c);
        else
            postparse__json_puts(&w, digest);
    }
    for (size_t i = 0; i < member_count; i++) {
        if (!members[i].name || !members[i].json ||
            strcmp(members[i].name, "body_sha256") == 0)
            continue;
        member_name(&w, first, members[i].name);
        first = false;
        postparse__json_puts(&w, members[i].json);
    }
    postparse__json_put(&w, POSTPARSE__LIT("}"));
    return postparse__json_end(&w);
}

bool postparse_doc_write_json(const postparse_doc *doc, unsigned flags,
                              postparse_write_fn write, void *user_data)
{
    return postparse_doc_write_json_with(doc, flags, NULL, 0, write, user_data);
}
