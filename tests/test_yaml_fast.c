/* SPDX-License-Identifier: MIT */
/* The fast YAML scanner against libyaml itself. Whenever the scanner takes
 * a text, its events must be libyaml's (types, values, styles, start marks
 * whole, end mark indexes), and the loader must build the same values,
 * positions, diagnostics and errors from them as from libyaml's. Texts come
 * from tables that pin the subset's edges, from a generator that mixes the
 * lines front matter is made of with stray bytes, and from the shared
 * corpus when it is there (the path is the first argument). */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <postparse/postparse.h>

#include "parser_results.h"
#include "value_json.h"
#include "yaml_fast.h"
#include "yaml_load.h"

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *data, size_t len)
{
    if (b->n + len + 1 > b->cap) {
        b->cap = (b->n + len + 1) * 2;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->n, data, len);
    b->n += len;
    b->p[b->n] = '\0';
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    sb_add(b, tmp,
           n < 0                     ? 0
           : (size_t)n < sizeof(tmp) ? (size_t)n
                                     : sizeof(tmp) - 1);
}

static bool sb_sink(void *ctx, const char *data, size_t len)
{
    sb_add(ctx, data, len);
    return true;
}

/* The text, quoted for a failure message. */
static void print_text(const char *text, size_t len)
{
    fputs("text: \"", stderr);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c == '\r')
            fputs("\\r", stderr);
        else if (c == '"' || c == '\\')
            fprintf(stderr, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            fprintf(stderr, "\\x%02X", c);
        else
            fputc(c, stderr);
    }
    fputs("\"\n", stderr);
}

/* ---- events */

static const char *const event_names[] = {
    "NONE",         "STREAM-START",  "STREAM-END", "DOCUMENT-START",
    "DOCUMENT-END", "ALIAS",         "SCALAR",     "SEQUENCE-START",
    "SEQUENCE-END", "MAPPING-START", "MAPPING-END"};

static void describe_node(sbuf *b, int style, int implicit,
                          const yaml_char_t *anchor, const yaml_char_t *tag)
{
    sb_printf(b, " style=%d implicit=%d anchor=%s tag=%s", style, implicit,
              anchor ? "yes" : "no", tag ? "yes" : "no");
}

/* One event as text: everything of it the scanner must reproduce. */
static void describe(sbuf *b, const yaml_event_t *e)
{
    sb_printf(b, "%s start=%zu@%zu:%zu end=%zu", event_names[e->type],
              e->start_mark.index, e->start_mark.line, e->start_mark.column,
              e->end_mark.index);
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        sb_printf(b, " style=%d plain=%d quoted=%d anchor=%s tag=%s value=",
                  e->data.scalar.style, e->data.scalar.plain_implicit,
                  e->data.scalar.quoted_implicit,
                  e->data.scalar.anchor ? "yes" : "no",
                  e->data.scalar.tag ? "yes" : "no");
        sb_add(b, (const char *)e->data.scalar.value, e->data.scalar.length);
        break;
    case YAML_SEQUENCE_START_EVENT:
        describe_node(
            b, e->data.sequence_start.style, e->data.sequence_start.implicit,
            e->data.sequence_start.anchor, e->data.sequence_start.tag);
        break;
    case YAML_MAPPING_START_EVENT:
        describe_node(b, e->data.mapping_start.style,
                      e->data.mapping_start.implicit,
                      e->data.mapping_start.anchor, e->data.mapping_start.tag);
        break;
    case YAML_DOCUMENT_START_EVENT:
        sb_printf(b, " implicit=%d version=%s tags=%s",
                  e->data.document_start.implicit,
                  e->data.document_start.version_directive ? "yes" : "no",
                  e->data.document_start.tag_directives.start ? "yes" : "no");
        break;
    case YAML_DOCUMENT_END_EVENT:
        sb_printf(b, " implicit=%d", e->data.document_end.implicit);
        break;
    default:
        break;
    }
    sb_add(b, "\n", 1);
}

/* libyaml's events for the text, as text; false on a libyaml error. */
static bool libyaml_events(const char *text, size_t len, sbuf *out)
{
    yaml_parser_t p;
    assert_true(yaml_parser_initialize(&p));
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    bool ok = true;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            sb_printf(out, "ERROR %s\n", p.problem ? p.problem : "?");
            ok = false;
            break;
        }
        describe(out, &e);
        bool end = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
        if (end)
            break;
    }
    yaml_parser_delete(&p);
    return ok;
}

/* ---- the loader through either reader */

static postparse_status log_diag(void *ctx, postparse_severity severity,
                                 postparse_diagnostic_code id, const postparse_pos *pos,
                                 const char *key, const char *message)
{
    const char *code = postparse_diagnostic_code_name(id);
    sb_printf(ctx, "diag %s %s %llu:%llu:%llu key=%s %s\n",
              postparse_severity_name(severity), code,
              (unsigned long long)pos->offset, (unsigned long long)pos->line,
              (unsigned long long)pos->column, key ? key : "-", message);
    return POSTPARSE_OK;
}

static void dump_value(sbuf *b, const postparse_value *v, int depth)
{
    if (!v) {
        sb_add(b, "(none)\n", 7);
        return;
    }
    sb_printf(
        b, "%*skind=%d flags=%d pos=%llu:%llu:%llu weight=%llu tag=%s",
        depth * 2, "", v->kind, v->flags, (unsigned long long)v->pos.offset,
        (unsigned long long)v->pos.line, (unsigned long long)v->pos.column,
        (unsigned long long)v->weight, v->tag ? v->tag : "-");
    if (v->text) {
        sb_add(b, " text=", 6);
        sb_add(b, v->text, v->text_len);
    }
    if (v->kind == POSTPARSE_VALUE_SEQUENCE ||
        v->kind == POSTPARSE_VALUE_MAPPING) {
        sb_add(b, "\n", 1);
        size_t n = v->kind == POSTPARSE_VALUE_MAPPING ? 2 * v->u.c.n : v->u.c.n;
        for (size_t i = 0; i < n && depth < 8; i++)
            dump_value(b, v->u.c.items[i], depth + 1);
        return;
    }
    sb_add(b, " json=", 6);
    postparse_value_write_json(v, POSTPARSE_JSON_TYPED, sb_sink, b);
    sb_add(b, "\n", 1);
}

/* Everything the loader gives for the text, as text. The front matter
 * starts at line 3, column 1, offset 10 of a made-up file, so that
 * positions are file positions as in the parser. */
static void load(const char *text, size_t len, bool libyaml_only, sbuf *out)
{
    postparse__yaml_options opt;
    postparse__yaml_options_init(&opt);
    opt.libyaml_only = libyaml_only;
    postparse__arena arena;
    postparse__arena_init(&arena, NULL);
    postparse_pos start = {10, 3, 1};
    postparse__yaml_result res;
    postparse_error err;
    postparse_status s = postparse__yaml_load(&arena, NULL, text, len, &start,
                                              &opt, log_diag, out, &res, &err);
    sb_printf(out, "status %s\n", postparse_status_name(s));
    if (s != POSTPARSE_OK)
        sb_printf(out, "fatal %s %llu:%llu:%llu\n", err.message,
                  (unsigned long long)err.pos.offset,
                  (unsigned long long)err.pos.line,
                  (unsigned long long)err.pos.column);
    if (res.error_class)
        sb_printf(out, "raised %s: %s at %llu:%llu:%llu\n", res.error_class,
                  res.error_message, (unsigned long long)res.error_pos.offset,
                  (unsigned long long)res.error_pos.line,
                  (unsigned long long)res.error_pos.column);
    dump_value(out, res.root, 0);
    postparse__arena_free(&arena);
}

/* ---- one text */

typedef struct tally {
    size_t texts, taken;
} tally;

/* Scans the text; when the scanner takes it, checks it against libyaml
 * and the loader's two paths against each other. Returns whether the
 * scanner took it. */
static bool check_text(const char *text, size_t len, tally *t)
{
    static postparse__yaml_fast_result scanned;
    size_t n = postparse__yaml_fast_scan(text, len, &scanned);
    const postparse__yaml_fast_event *ev = scanned.events;
    if (t) {
        t->texts++;
        t->taken += n > 0;
    }
    if (!n)
        return false;
    sbuf mine = {0}, theirs = {0};
    for (size_t i = 0; i < n; i++) {
        yaml_event_t e;
        postparse__yaml_fast_event_get(&ev[i], &e);
        describe(&mine, &e);
    }
    bool ok = libyaml_events(text, len, &theirs);
    if (!ok || strcmp(mine.p, theirs.p) != 0) {
        print_text(text, len);
        fprintf(stderr, "fast scanner:\n%s\nlibyaml:\n%s\n", mine.p, theirs.p);
        fail_msg("the fast scanner's events differ from libyaml's");
    }
    sbuf fast = {0}, slow = {0};
    load(text, len, false, &fast);
    load(text, len, true, &slow);
    if (strcmp(fast.p, slow.p) != 0) {
        print_text(text, len);
        fprintf(stderr, "fast path:\n%s\nlibyaml path:\n%s\n", fast.p, slow.p);
        fail_msg("the loader's result differs between the two readers");
    }
    free(mine.p);
    free(theirs.p);
    free(fast.p);
    free(slow.p);
    return true;
}

static bool check_str(const char *text)
{
    return check_text(text, strlen(text), NULL);
}

/* ---- the subset's edges */

static const char *const taken[] = {
    "---\nlayout: post\n",
    "---\nlayout: post",
    "---   \nlayout: post\n",
    "---\r\nlayout: post\r\ntitle: \"春节\"\r\n",
    "---\ntitle: \"ETF釆鳺广州产业儙，敆啾爲。\"\ndate: "
    "2015-01-01T20:45:05.381Z\nauthor: 王 簈\ntags: [ 金融 ]\ncomments: "
    "True\ncategories: [ 产业 ]\n",
    "---\na: 1\nb: 1.5\nc: 0x1F\nd: 1:30\ne: ~\nf: yes\ng: .inf\nh: 1_000\n",
    "---\nempty:\nnext: 1\n",
    "---\nempty:   \nnext: 1\n",
    "---\nempty:",
    "---\nempty:\n",
    "---\nlist:\n- a\n- b\nz: 1\n",
    "---\nlist:\n  - a\n  - \"b\"\n  - 'c'\nz: 1\n",
    "---\nlist:\n    - a\n\n    - b\n# comment\nz: 1\n",
    "---\nlist:\n  - a\n  - b\n",
    "---\nlist:\n- a\n- b",
    "---\nlist:\n  - a\n ",   /* closed left of its items: line 3 */
    "---\nlist:\n  - a\n   ", /* closed at the new line: line 4 */
    "---\nlist:\n- a\n ",
    "---\na: 1\n  ",
    "---\nflow: []\n",
    "---\nflow: [ ]\n",
    "---\nflow: [a, b c, \"d\", 'e']\n",
    "---\nflow: [a#b, c]   \n",
    "---\n# comment\n\na: 1\n\n# another\n   \nb: 2\n\n",
    "---\nurl: http://example.com/a?b=c#d\n",
    "---\nk: a,b [c] {d}\n",
    "---\ntime: 12:30:45\n",
    "---\nkey with spaces: value with spaces   \n",
    "---\n中文键: 中文值\n",
    "---\na:b: c\n",
    "---\nq: 'single \"x\" # y'\n",
    "---\nq: \"double 'x' # y\"\n",
    "---\nq: \"\"\n",
    "---\nq: \"模型: \\\"SaaS\\\"\"\n", /* \" */
    "---\nq: \"a\\\\b\\/c\\\"\"\n",
    "---\nq: [\"a\\\"b\", c]\n",
    "---\nq: ''\n",
    "---\nemoji: 😀 and ü\n",
    "---\ndup: 1\ndup: 2\n",
    "---\nbad_date: 2025-02-30\n",
    "---\npublished: false\n",
};

static const char *const declined[] = {
    "",
    "layout: post\n", /* no "---" line */
    "---\n",          /* no content */
    "---\n\n# only a comment\n",
    "--- x\nlayout: post\n",
    "---\n---\n",
    "---\n...\n",
    "---\n\tlayout: post\n",       /* a tab */
    "---\nlayout:\tpost\n",        /* a tab */
    "---\nlayout: post\rtitle: x", /* a lone CR */
    "---\na: \"x\\ny\"\n",         /* an escape */
    "---\na: \"\\u00e9\"\n",
    "---\na: \"\\x41\"\n",
    "---\na: \"\\\n b\"\n",          /* an escaped line break */
    "---\na: \"\\",
    "---\na: 'it''s'\n",           /* an escaped quote */
    "---\na: \"open\n  close\"\n", /* multi-line quoted */
    "---\na: plain\n  continued\n",
    "---\na: plain\n\n  continued\n",
    "---\na: b: c\n",
    "---\na: b:\n",
    "---\na: b # comment\n",
    "---\na: \"b\" # comment\n",
    "---\na: \"b\" c\n",
    "---\na: [b] c\n",
    "---\na: [b, [c]]\n",
    "---\na: [b: c]\n",
    "---\na: [b, ]\n",
    "---\na: [, b]\n",
    "---\na: [b\n",
    "---\na: [b,\n  c]\n",
    "---\na: {b: c}\n",
    "---\na: &x 1\nb: *x\n",
    "---\na: !!str 1\n",
    "---\na: |\n  text\n",
    "---\na: >\n  text\n",
    "---\na: -1\n",
    "---\na: ?x\n",
    "---\na: :x\n",
    "---\na: @x\n",
    "---\na: `x`\n",
    "---\n\"quoted key\": 1\n",
    "---\n? complex\n: key\n",
    "---\nkey : value\n",
    "---\na:\n  b: 1\n",
    "---\na:\n  text below\n",
    "---\na:\n- \n",
    "---\na:\n-\n",
    "---\na:\n  - x\n    y\n",
    "---\na:\n  - x\n - y\n",
    "---\na:\n  - x\n  y: 1\n",
    "---\na:\n  - [x]\n",
    "---\na:\n  - x: 1\n",
    "---\n- a\n- b\n",
    "---\n  a: 1\n",
    "---\na: 1\n  # indented comment\n",
    "---\n%YAML 1.1\n",
    "---\na: \xC2\x85\n",      /* NEL */
    "---\na: \xE2\x80\xA8\n",  /* LINE SEPARATOR */
    "---\na: \xEF\xBB\xBFx\n", /* a byte order mark */
    "---\na: \xEF\xBF\xBE\n",  /* U+FFFE */
    "---\na: \x01\n",          /* a control character */
    "---\na: \x7F\n",          /* DEL */
    "---\na: \xE4\xB8\n",      /* invalid UTF-8 */
    "---\n...x: 1\n",
};

static void test_taken(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(taken) / sizeof(*taken); i++)
        if (!check_str(taken[i])) {
            print_text(taken[i], strlen(taken[i]));
            fail_msg("the fast scanner declined a text of its subset");
        }
}

static void test_declined(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(declined) / sizeof(*declined); i++)
        if (check_str(declined[i])) {
            print_text(declined[i], strlen(declined[i]));
            fail_msg("the fast scanner took a text outside its subset");
        }
}

/* A text with more events than the scanner holds goes to libyaml. */
static void test_too_many_events(void **state)
{
    (void)state;
    sbuf b = {0};
    sb_add(&b, "---\n", 4);
    for (int i = 0; i < POSTPARSE__YAML_FAST_MAX_EVENTS; i++)
        sb_printf(&b, "key%d: %d\n", i, i);
    assert_false(check_str(b.p));
    b.n = 4;
    for (int i = 0; i < (POSTPARSE__YAML_FAST_MAX_EVENTS - 6) / 2; i++)
        sb_printf(&b, "key%d: %d\n", i, i);
    assert_true(check_str(b.p));
    free(b.p);
}

/* ---- generated texts */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

#define PICK(a) (a)[next_random() % (sizeof(a) / sizeof(*(a)))]

/* What front matter is made of, and, picked one time in twelve, what the
 * scanner must decline or read with care. */
static const char *const keys[] = {"title", "layout", "date", "tags", "a b",
                                   "中文",  "キー",   "x#y",  "a:b",  "url",
                                   "k-1",   "_k",     "日期", "1",    "<<"};
static const char *const odd_keys[] = {"a'b", "a\"b", ".dot", "~",   "key ",
                                       "-k",  "#k",   "k #c", "...", "null",
                                       "? k", "[k]",  "&k",   "!k",  "a\tb"};

static const char *const scalars[] = {"post",
                                      "Hello, World",
                                      "2025-02-07T20:00:59.000Z",
                                      "2025-02-07",
                                      "2025-02-07 20:00:59 +0800",
                                      "true",
                                      "yes",
                                      "1_000",
                                      "0x1F",
                                      "1:30",
                                      "3.14",
                                      ".inf",
                                      "~",
                                      "null",
                                      "a#b",
                                      "http://x.y/z?q=1#f",
                                      "春节假期消费市场活跃",
                                      "a ,b",
                                      "x]",
                                      "x, y",
                                      "😀 emoji",
                                      "a  b  ",
                                      "\"dq\"",
                                      "\"ETF釆鳺广州。\"",
                                      "'  spaced  '",
                                      "'q # x'",
                                      "2025-02-30",
                                      "0o17",
                                      "\"数据: \\\"5G\\\"\"",
                                      "\"a\\\\b\\/\"",
                                      "+1",
                                      "a\"b",
                                      "a'b",
                                      "x: y",
                                      "\"\"",
                                      "''"};
static const char *const odd_scalars[] = {
    "a: b",  "a #b",  "{a}", "-5",        "?x",        ":x",
    "a:",    "--- x", "...", "\"a\\nb\"", "'it''s'",   "\"unterminated",
    "'x' y", "&a x",  "*a",  "!!str x",   "|",         ">",
    "@x",    "`x`",   "%x",  "- x",       "\"q\" # c", "a\tb"};

static const char *const flows[] = {"[a, b]",
                                    "[ 金融 ]",
                                    "[]",
                                    "[ ]",
                                    "[\"x\", 'y']",
                                    "[a b, c]",
                                    "[a#c]",
                                    "[ 产业, 投資, 海外, 半导体, GDP, 资金 ]",
                                    "[1, 2.5, true, ~]",
                                    "[a] ",
                                    "[a,b,c]",
                                    "['a', \"b\" ,c ]"};
static const char *const odd_flows[] = {
    "[a,]",     "[,a]",        "[a, [b]]", "[a: b]", "[a #c]",   "[a",
    "['a''b']", "[\"a\\\"\"]", "[a]x",     "[ -1 ]", "[a, {b}]", "[a,\n b]"};

static const char *const fillers[] = {"", "   ", "# comment", "#"};
static const char *const odd_fillers[] = {"  # indented", "  x", "\t"};

static const char *const openers[] = {"---", "--- ", "---  "};
static const char *const odd_openers[] = {"---x", "", "--- x", "----"};

static const char *const stray[] = {
    " ",  "\t", ":",  "#",  "-",  "[",  "]",        ",",
    "\"", "'",  "\r", "\n", "a",  "中", "\xC2\x85", "\xEF\xBB\xBF",
    "\\", "{",  "&",  "*",  ": ", " #", "\r\n",     "- "};

/* One of the usual pieces, or one time in twelve an odd one. */
#define PIECE(usual, odd) (next_random() % 12 ? PICK(usual) : PICK(odd))

static void add_str(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* A front matter of the usual shape with, now and then, the unusual. */
static void generate(sbuf *b)
{
    b->n = 0;
    const char *eol = next_random() % 4 == 0 ? "\r\n" : "\n";
    add_str(b, PIECE(openers, odd_openers));
    add_str(b, eol);
    int entries = 1 + (int)(next_random() % 8);
    for (int i = 0; i < entries; i++) {
        if (next_random() % 6 == 0) {
            add_str(b, PIECE(fillers, odd_fillers));
            add_str(b, eol);
        }
        add_str(b, PIECE(keys, odd_keys));
        unsigned shape = next_random() % 8;
        if (shape < 5) {
            add_str(b, next_random() % 8 ? ": " : ":  ");
            add_str(b, shape == 0 ? PIECE(flows, odd_flows)
                                  : PIECE(scalars, odd_scalars));
        } else if (shape < 7) {
            add_str(b, next_random() % 4 ? ":" : ":  ");
            size_t indent = (size_t[]){0, 0, 2, 4}[next_random() % 4];
            int items = (int)(next_random() % 4);
            for (int j = 0; j < items; j++) {
                add_str(b, eol);
                if (next_random() % 8 == 0) {
                    add_str(b, PIECE(fillers, odd_fillers));
                    add_str(b, eol);
                }
                sb_add(b, "         ",
                       next_random() % 24 ? indent : indent + 1);
                add_str(b, "- ");
                add_str(b, PIECE(scalars, odd_scalars));
            }
        } else {
            add_str(b, ":");
        }
        if (i + 1 < entries || next_random() % 4)
            add_str(b, eol);
    }
    if (next_random() % 8 == 0)
        sb_add(b, "    ", next_random() % 5);
    /* A stray byte or two somewhere after the opening line, in a third of
     * the texts. */
    for (unsigned m = next_random() % 6; m < 2 && b->n > 4; m++) {
        const char *s = PICK(stray);
        size_t at = 4 + next_random() % (b->n - 4);
        char *tail = strdup(b->p + at);
        size_t tail_len = b->n - at;
        bool replace = next_random() % 2 && tail_len > 0;
        b->n = at;
        add_str(b, s);
        sb_add(b, tail + replace, tail_len - replace);
        free(tail);
    }
}

static void test_generated(void **state)
{
    (void)state;
    tally t = {0, 0};
    sbuf b = {0};
    /* Under valgrind (POSTPARSE_TEST_SHRINK) a tenth of them. */
    int texts = getenv("POSTPARSE_TEST_SHRINK") ? 3000 : 30000;
    for (int i = 0; i < texts; i++) {
        generate(&b);
        check_text(b.p, b.n, &t);
    }
    free(b.p);
    printf("generated: %zu texts, %zu taken by the fast scanner\n", t.texts,
           t.taken);
    /* The generator is tuned so that both outcomes are common: a scanner
     * that declined everything would pass the comparisons vacuously. */
    assert_true(t.taken * 5 > t.texts);
    assert_true(t.taken * 5 < t.texts * 4);
}

/* ---- the shared corpus */

static const char *corpus_dir;
static tally corpus;

static int visit(const char *path, const struct stat *st, int type,
                 struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type != FTW_F)
        return 0;
    postparse_options opt;
    postparse_options_init(&opt);
    opt.utf8_policy = POSTPARSE_UTF8_PASS_THROUGH;
    postparse_doc *doc = postparse_read_file(path, &opt, NULL);
    size_t len;
    const char *text = postparse_doc_front_matter_text(doc, &len);
    if (text)
        check_text(text, len, &corpus);
    postparse_doc_free(doc);
    return 0;
}

static void test_corpus(void **state)
{
    (void)state;
    if (!corpus_dir) {
        skip();
        return;
    }
    assert_int_equal(nftw(corpus_dir, visit, 16, FTW_PHYS), 0);
    printf("corpus: %zu front matters, %zu taken by the fast scanner\n",
           corpus.texts, corpus.taken);
    assert_true(corpus.taken > 0);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        struct stat st;
        if (stat(argv[1], &st) == 0 && S_ISDIR(st.st_mode))
            corpus_dir = argv[1];
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taken),
        cmocka_unit_test(test_declined),
        cmocka_unit_test(test_too_many_events),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
