/* SPDX-License-Identifier: MIT */
/* The public calls: arguments, misuse, sticky errors, reset, limits,
 * allocator hooks, one-shot helpers, names and versions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parser_results.h"
#include "event_log.h"

static void free_hook(void *ctx, void *ptr, size_t size)
{
    free(ptr);
}

static void test_defaults_and_bad_arguments(void **state)
{
    (void)state;
    postparse_options opt;
    postparse_options_init(&opt);
    assert_int_equal(opt.size, sizeof opt);
    assert_int_equal(opt.utf8_policy, POSTPARSE_UTF8_STRICT);
    assert_int_equal(opt.max_frontmatter_bytes, 1024 * 1024);
    assert_int_equal(opt.max_diagnostics, 1000);

    postparse_parser *p = (postparse_parser *)&opt;
    assert_int_equal(postparse_parser_new(NULL, NULL, NULL, NULL),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    opt.size = 4;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    assert_null(p);
    postparse_options_init(&opt);
    opt.utf8_policy = (postparse_utf8_policy)7;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    postparse_options_init(&opt);
    opt.allocator.malloc = NULL;
    opt.allocator.free = free_hook;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL),
                     POSTPARSE_ERR_INVALID_ARGUMENT);

    assert_int_equal(postparse_parser_new(&p, NULL, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, NULL, 3),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    assert_int_equal(postparse_parser_feed(p, NULL, 0), POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, "x", 1), POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_feed(p, "x", 0), POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_ERR_MISUSE);
    /* Regression: the misuse used to leave postparse_parser_error() NULL
     * (docs/api.md's example dereferenced it). It is reported, and the
     * finished parse's results still stand. */
    const postparse_error *e = postparse_parser_error(p);
    assert_non_null(e);
    assert_int_equal(e->code, POSTPARSE_ERR_MISUSE);
    assert_string_equal(e->message,
                        "the input is finished: call postparse_parser_reset() "
                        "(or postparse_parser_take_doc()) before the next "
                        "input");
    postparse_doc *doc = postparse_parser_take_doc(p);
    assert_non_null(doc);
    assert_null(postparse_doc_error(doc));
    assert_non_null(postparse_doc_post(doc));
    postparse_doc_free(doc);
    /* take_doc reset the parser: no misuse left, ready for input. */
    assert_null(postparse_parser_error(p));
    assert_null(postparse_parser_take_doc(p)); /* not finished */
    assert_int_equal(postparse_parser_error(p)->code, POSTPARSE_ERR_MISUSE);
    /* The misuse changed nothing: the parse goes on, and the report stays
     * until reset. */
    assert_int_equal(postparse_parser_feed(p, "x", 1), POSTPARSE_OK);
    assert_int_equal(postparse_parser_error(p)->code, POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    doc = postparse_parser_take_doc(p);
    assert_int_equal(postparse_doc_summary(doc)->body_bytes, 1);
    postparse_doc_free(doc);
    postparse_parser_free(p);
    postparse_parser_free(NULL);
}

static void test_names_and_version(void **state)
{
    (void)state;
    assert_string_equal(postparse_status_name(POSTPARSE_OK), "ok");
    assert_string_equal(
        postparse_status_name(POSTPARSE_ERR_FRONTMATTER_TOO_LARGE),
        "frontmatter-too-large");
    assert_string_equal(postparse_status_name(POSTPARSE_ERR_INVALID_UTF8),
                        "invalid-utf8");
    assert_string_equal(postparse_status_name((postparse_status)999),
                        "unknown");
    assert_string_equal(postparse_status_message(POSTPARSE_ERR_NOMEM),
                        "out of memory");
    assert_string_equal(postparse_severity_name(POSTPARSE_SEVERITY_WARNING),
                        "warning");
    assert_string_equal(postparse_version_string(), POSTPARSE_VERSION_STRING);
    assert_int_equal(postparse_version_hex(), POSTPARSE_VERSION_HEX);
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", POSTPARSE_VERSION_MAJOR,
             POSTPARSE_VERSION_MINOR, POSTPARSE_VERSION_PATCH);
    assert_string_equal(postparse_version_string(), expect);
}

typedef struct reentry {
    postparse_parser *parser;
    postparse_status feed_status;
    int bodies;
} reentry;

static postparse_action feed_from_callback(void *ud, const char *d, size_t n,
                                           const postparse_pos *pos)
{
    reentry *r = ud;
    r->feed_status = postparse_parser_feed(r->parser, "x", 1);
    r->bodies++;
    return POSTPARSE_CONTINUE;
}

static void test_no_reentry_from_callbacks(void **state)
{
    (void)state;
    reentry r = {NULL, POSTPARSE_OK, 0};
    postparse_callbacks cb;
    postparse_callbacks_init(&cb);
    cb.on_body = feed_from_callback;
    assert_int_equal(postparse_parser_new(&r.parser, NULL, &cb, &r),
                     POSTPARSE_OK);
    /* The nested feed is refused and changes nothing; the misuse is
     * reported until reset, and the parse goes on. */
    assert_int_equal(postparse_parser_feed(r.parser, "body", 4), POSTPARSE_OK);
    assert_int_equal(r.feed_status, POSTPARSE_ERR_MISUSE);
    assert_int_equal(r.bodies, 1);
    const postparse_error *e = postparse_parser_error(r.parser);
    assert_non_null(e);
    assert_int_equal(e->code, POSTPARSE_ERR_MISUSE);
    assert_string_equal(e->message,
                        "postparse_parser_feed() called from inside a "
                        "callback on its own parser; return POSTPARSE_PAUSE "
                        "and call it once the parser returned");
    assert_int_equal(postparse_parser_finish(r.parser), POSTPARSE_OK);
    postparse_parser_free(r.parser);
}

static postparse_action abort_on_text(void *ud, const char *t, size_t n,
                                      const postparse_pos *pos)
{
    return POSTPARSE_ABORT;
}

static void test_abort_is_sticky_until_reset(void **state)
{
    (void)state;
    static const char in[] = "---\ntitle: x\n---\nBody\n";
    postparse_callbacks cb;
    postparse_callbacks_init(&cb);
    cb.on_frontmatter_text = abort_on_text;
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, NULL, &cb, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, in, sizeof in - 1),
                     POSTPARSE_ERR_ABORTED);
    assert_int_equal(postparse_parser_consumed(p), 17);
    const postparse_error *e = postparse_parser_error(p);
    assert_non_null(e);
    assert_int_equal(e->code, POSTPARSE_ERR_ABORTED);
    assert_int_equal(e->pos.line, 1);
    assert_int_equal(e->pos.column, 1);
    assert_string_equal(e->message, "a callback aborted the parse");
    assert_int_equal(postparse_parser_feed(p, "x", 1), POSTPARSE_ERR_ABORTED);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_ERR_ABORTED);

    postparse_parser_reset(p);
    assert_null(postparse_parser_error(p));
    assert_int_equal(postparse_parser_feed(p, "no front matter", 15),
                     POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    assert_int_equal(postparse_parser_summary(p)->body_bytes, 15);
    assert_false(postparse_parser_summary(p)->has_front_matter);
    postparse_parser_free(p);
}

static void test_front_matter_limit(void **state)
{
    (void)state;
    static const char in[] = "---\ntitle: 0123456789\n---\nBody\n";
    postparse_options opt;
    postparse_options_init(&opt);
    opt.max_frontmatter_bytes = 16;
    event_log log;
    /* Past the limit with no closing line, the block is body (as Jekyll
     * reads a file with no closing line), with a warning; the closing line
     * that comes later is an error (Jekyll splits there), reported at the
     * end. In small feeds too, one of which crosses the limit. */
    static const char *const over =
        "diag@1:1 warning frontmatter-over-limit body@1:1 "
        "\"---\\ntitle: 0123456789\\n---\\nBody\\n\" "
        "diag@3:1 error frontmatter-closed-past-limit "
        "eof(fm=0 bom=0 utf8=1 bytes=31)";
    static const size_t chunks[] = {0, 1, 2, 3, 5, 7, 16};
    for (size_t k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
        event_log_init(&log);
        assert_string_equal(
            event_log_parse(&log, in, sizeof in - 1, chunks[k], &opt), over);
        event_log_free(&log);
    }

    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, in, sizeof in - 1), POSTPARSE_OK);
    assert_int_equal(postparse_parser_consumed(p), sizeof in - 1);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    assert_null(postparse_parser_error(p));
    assert_int_equal(postparse_parser_diagnostic_count(p), 2);
    const postparse_diagnostic *d = postparse_parser_diagnostic(p, 0);
    assert_int_equal(d->id, POSTPARSE_DIAG_FRONTMATTER_OVER_LIMIT);
    assert_string_equal(
        d->message,
        "front matter opened here has no closing '---' or '...' line within "
        "max_frontmatter_bytes (16); the whole file is read as body, as "
        "Jekyll reads a file with no closing line");
    d = postparse_parser_diagnostic(p, 1);
    assert_int_equal(d->id, POSTPARSE_DIAG_FRONTMATTER_CLOSED_PAST_LIMIT);
    assert_int_equal(d->severity, POSTPARSE_SEVERITY_ERROR);
    assert_int_equal(d->pos.offset, 22);
    assert_string_equal(
        d->message,
        "this line closes the front matter opened at line 1 column 1, 22 "
        "bytes after it, past max_frontmatter_bytes (16): Jekyll splits "
        "here and reads the text above as front matter, postparse read the "
        "whole file as body; raise max_frontmatter_bytes to read it as "
        "Jekyll does");
    assert_int_equal(postparse_parser_summary(p)->body_bytes, sizeof in - 1);
    postparse_parser_free(p);

    /* The closing line counts: one byte short of it, the block is body. */
    opt.max_frontmatter_bytes = 25;
    event_log_init(&log);
    assert_string_equal(event_log_parse(&log, in, sizeof in - 1, 0, &opt),
                        over);
    event_log_free(&log);
    opt.max_frontmatter_bytes = 26;
    event_log_init(&log);
    assert_string_equal(event_log_parse(&log, in, sizeof in - 1, 0, &opt),
                        "begin@1:1 text@1:1 \"---\\ntitle: 0123456789\\n\" "
                        "end@3:1 body@4:1 \"Body\\n\" "
                        "eof(fm=1 bom=0 utf8=1 bytes=5)");
    event_log_free(&log);
}

static void test_diagnostics_are_kept(void **state)
{
    (void)state;
    static const char in[] = "---\ntitle: Open\n\xFF";
    postparse_options opt;
    postparse_options_init(&opt);
    opt.utf8_policy = POSTPARSE_UTF8_PASS_THROUGH;
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, in, sizeof in - 1), POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    assert_int_equal(postparse_parser_diagnostic_count(p), 2);
    const postparse_diagnostic *d = postparse_parser_diagnostic(p, 0);
    assert_string_equal(d->code, "frontmatter-unclosed");
    assert_int_equal(d->id, POSTPARSE_DIAG_FRONTMATTER_UNCLOSED);
    assert_int_equal(d->severity, POSTPARSE_SEVERITY_WARNING);
    assert_int_equal(d->pos.line, 1);
    assert_null(d->key);
    assert_string_equal(d->message,
                        "front matter opened here has no closing '---' or "
                        "'...' line; as Jekyll does, the whole file is read "
                        "as body");
    d = postparse_parser_diagnostic(p, 1);
    assert_string_equal(d->code, "invalid-utf8");
    assert_int_equal(d->id, POSTPARSE_DIAG_INVALID_UTF8);
    assert_int_equal(d->severity, POSTPARSE_SEVERITY_ERROR);
    assert_int_equal(d->pos.line, 3);
    assert_int_equal(d->pos.column, 1);
    assert_int_equal(d->pos.offset, 16);
    assert_null(postparse_parser_diagnostic(p, 2));
    assert_false(postparse_parser_summary(p)->body_valid_utf8);

    /* max_diagnostics 1: the second is replaced by a note that says so. */
    postparse_parser_free(p);
    opt.max_diagnostics = 1;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    postparse_parser_feed(p, in, sizeof in - 1);
    postparse_parser_finish(p);
    assert_int_equal(postparse_parser_diagnostic_count(p), 2);
    assert_string_equal(postparse_parser_diagnostic(p, 1)->code,
                        "too-many-diagnostics");
    assert_int_equal(postparse_parser_diagnostic(p, 1)->id,
                     POSTPARSE_DIAG_TOO_MANY_DIAGNOSTICS);
    postparse_parser_free(p);
}

/* The code table's lookups agree with each other, both ways, for every
 * code, and refuse what is not in it. */
static void test_diagnostic_codes(void **state)
{
    (void)state;
    static const struct {
        postparse_diagnostic_code code;
        const char *name;
        postparse_severity severity;
    } table[] = {
#define ROW_(suffix, name, severity, summary)                                  \
    {POSTPARSE_DIAG_##suffix, name, POSTPARSE_SEVERITY_##severity},
        POSTPARSE_DIAGNOSTIC_MAP(ROW_)
#undef ROW_
    };
    size_t n = sizeof table / sizeof table[0];
    assert_int_equal(n, 66);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(table[i].code, (int)i + 1);
        assert_string_equal(postparse_diagnostic_code_name(table[i].code),
                            table[i].name);
        assert_int_equal(postparse_diagnostic_code_severity(table[i].code),
                         table[i].severity);
        assert_non_null(postparse_diagnostic_code_summary(table[i].code));
        postparse_diagnostic_code back = POSTPARSE_DIAG_NONE;
        assert_true(postparse_diagnostic_code_from_name(table[i].name, &back));
        assert_int_equal(back, table[i].code);
    }
    assert_string_equal(postparse_diagnostic_code_name(POSTPARSE_DIAG_NONE),
                        "none");
    assert_null(postparse_diagnostic_code_summary(POSTPARSE_DIAG_NONE));
    assert_null(
        postparse_diagnostic_code_name((postparse_diagnostic_code)(n + 1)));
    assert_null(
        postparse_diagnostic_code_summary((postparse_diagnostic_code)-1));
    postparse_diagnostic_code out = POSTPARSE_DIAG_YAML_SYNTAX;
    assert_false(postparse_diagnostic_code_from_name("none", &out));
    assert_false(postparse_diagnostic_code_from_name("slug-spaces", &out));
    assert_false(postparse_diagnostic_code_from_name(NULL, &out));
    assert_int_equal(out, POSTPARSE_DIAG_YAML_SYNTAX);
    assert_string_equal(
        postparse_ruby_error_name(POSTPARSE_RUBY_INVALID_DATE_ERROR),
        "Jekyll::Errors::InvalidDateError");
    assert_null(postparse_ruby_error_name(POSTPARSE_RUBY_ERROR_NONE));
    assert_null(postparse_ruby_error_name((postparse_ruby_error)99));
    assert_string_equal(postparse_status_name((postparse_status)99), "unknown");
    assert_string_equal(postparse_severity_name((postparse_severity)7),
                        "unknown");
}

/* Counts live bytes so that every free is checked against its malloc. */
typedef struct counting {
    size_t live_bytes;
    size_t calls;
    size_t fail_at; /* fail the n-th call; 0: never */
} counting;

static void *count_malloc(void *ctx, size_t n)
{
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    c->live_bytes += n;
    return malloc(n);
}

static void *count_realloc(void *ctx, void *ptr, size_t old, size_t n)
{
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    c->live_bytes += n - old;
    return realloc(ptr, n);
}

static void count_free(void *ctx, void *ptr, size_t n)
{
    counting *c = ctx;
    c->live_bytes -= n;
    free(ptr);
}

static void test_allocator_hooks_and_failures(void **state)
{
    (void)state;
    static const char in[] = "---\ntitle: x\n---\n\xFF\n";
    for (size_t fail_at = 1;; fail_at++) {
        counting c = {0, 0, fail_at};
        postparse_options opt;
        postparse_options_init(&opt);
        opt.utf8_policy = POSTPARSE_UTF8_PASS_THROUGH;
        opt.allocator.malloc = count_malloc;
        opt.allocator.realloc = count_realloc;
        opt.allocator.free = count_free;
        opt.allocator.ctx = &c;
        postparse_error err;
        postparse_doc *doc =
            postparse_read_buffer(in, sizeof in - 1, &opt, &err);
        /* Out of memory before the document exists: none, and the error
         * says so; after it: a document whose error says so. */
        const postparse_error *e = doc ? postparse_doc_error(doc) : &err;
        if (doc && !e) {
            assert_non_null(postparse_doc_post(doc));
            postparse_doc_free(doc);
            assert_int_equal(c.live_bytes, 0);
            assert_true(fail_at > 3);
            break;
        }
        assert_int_equal(e->code, POSTPARSE_ERR_NOMEM);
        assert_non_null(strstr(e->message, "out of memory"));
        postparse_doc_free(doc);
        assert_int_equal(c.live_bytes, 0);
    }
}

static void test_parse_file(void **state)
{
    (void)state;
    char path[] = "/tmp/postparse-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    /* More than one 64 KiB read, with a character across the cut. */
    fputs("---\ntitle: big\n---\n", f);
    for (int i = 0; i < 30000; i++)
        fputs("\xE4\xB8\xAD", f);
    fclose(f);

    postparse_error err;
    postparse_doc *doc = postparse_read_file(path, NULL, &err);
    assert_non_null(doc);
    assert_null(postparse_doc_error(doc));
    const postparse_summary *s = postparse_doc_summary(doc);
    assert_true(s->has_front_matter);
    assert_int_equal(s->body_bytes, 90000);
    assert_true(s->body_valid_utf8);
    assert_string_equal(
        postparse_value_get_cstr(postparse_doc_front_matter(doc), "title"),
        "big");
    size_t len;
    assert_string_equal(postparse_doc_front_matter_text(doc, &len),
                        "---\ntitle: big\n");
    assert_int_equal(len, 15);
    assert_null(postparse_doc_body(doc, &len)); /* not kept by default */
    assert_int_equal(len, 0);
    postparse_doc_free(doc);
    remove(path);

    assert_null(postparse_read_file(path, NULL, &err));
    assert_int_equal(err.code, POSTPARSE_ERR_IO);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "No such file"));

    /* Regression: a NULL path used to fail with an empty message. */
    assert_null(postparse_read_file(NULL, NULL, &err));
    assert_int_equal(err.code, POSTPARSE_ERR_INVALID_ARGUMENT);
    assert_string_equal(err.message, "postparse_read_file: path is NULL");
}

static void test_one_shot_reports_errors(void **state)
{
    (void)state;
    postparse_error buf_err;
    postparse_doc *doc = postparse_read_buffer("ok\xC0", 3, NULL, &buf_err);
    assert_non_null(doc); /* a fatal parse error still makes a document */
    assert_null(postparse_doc_post(doc));
    const postparse_error err = *postparse_doc_error(doc);
    postparse_doc_free(doc);
    assert_int_equal(err.code, POSTPARSE_ERR_INVALID_UTF8);
    assert_int_equal(err.pos.offset, 2);
    assert_int_equal(err.pos.column, 3);
    assert_string_equal(err.message,
                        "invalid UTF-8 byte 0xC0 in the body; expected UTF-8 "
                        "text (is the file in another encoding, such as "
                        "Shift_JIS or GBK?)");
}

/* Every failing one-shot call fills its error with a code and a message
 * that says what was wrong (the regression: an empty message for a NULL
 * path). */
static void test_one_shot_bad_arguments(void **state)
{
    (void)state;
    postparse_error err;
    memset(&err, 'x', sizeof err);
    assert_null(postparse_read_file(NULL, NULL, &err));
    assert_int_equal(err.code, POSTPARSE_ERR_INVALID_ARGUMENT);
    assert_string_equal(err.message, "postparse_read_file: path is NULL");
    assert_int_equal(err.pos.line, 0);
    assert_null(postparse_read_buffer(NULL, 3, NULL, &err));
    assert_int_equal(err.code, POSTPARSE_ERR_INVALID_ARGUMENT);
    assert_string_equal(err.message,
                        "postparse_read_buffer: data is NULL and len is 3");
    postparse_options opt;
    postparse_options_init(&opt);
    opt.size = 1;
    assert_null(postparse_read_buffer("x", 1, &opt, &err));
    assert_int_equal(err.code, POSTPARSE_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(err.message, "postparse_options_init()"));
    /* No error struct: NULL alone. */
    assert_null(postparse_read_file(NULL, NULL, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_and_bad_arguments),
        cmocka_unit_test(test_names_and_version),
        cmocka_unit_test(test_no_reentry_from_callbacks),
        cmocka_unit_test(test_abort_is_sticky_until_reset),
        cmocka_unit_test(test_front_matter_limit),
        cmocka_unit_test(test_diagnostics_are_kept),
        cmocka_unit_test(test_diagnostic_codes),
        cmocka_unit_test(test_allocator_hooks_and_failures),
        cmocka_unit_test(test_parse_file),
        cmocka_unit_test(test_one_shot_bad_arguments),
        cmocka_unit_test(test_one_shot_reports_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
