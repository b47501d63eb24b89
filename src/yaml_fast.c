/* SPDX-License-Identifier: MIT */
/* The common subset of front matter YAML, read without libyaml. libyaml
 * spends about 200 instructions a byte on a front matter (a token queue,
 * a reader buffer, a malloc per token); this reads the same lines in a few.
 *
 * The subset, line by line after the opening "---":
 *   key: plain value        key: "double"       key: 'single'
 *   key: [a, "b", 'c']      key:                (null)
 *   key:                    key:
 *   - item                    - item            (block sequences of scalars)
 * with blank lines and comment lines in column 0 between them. Keys are
 * plain, on one line, in column 0. Anything else declines the whole text:
 * tabs, escapes other than \" \\ \/, multi-line scalars, anchors, aliases,
 * tags, block scalars, flow mappings, nesting, comments after a value, a
 * plain scalar holding ": " or " #", characters libyaml's reader refuses or
 * reads as line breaks. Declining is always safe; accepting must give libyaml's
 * events exactly, which tests/test_yaml_fast.c and fuzz/fuzz_yaml_fast.c check
 * against libyaml itself. */
#include "yaml_fast.h"

#include <string.h>

#include "base_array.h"
#include "utf8.h"

typedef struct scan {
    const uint8_t *s;
    size_t len;
    size_t i;       /* next byte */
    size_t ci;      /* character index of s[i]: libyaml's mark index */
    size_t line;    /* line of s[i], from 0 */
    size_t line_ci; /* character index where that line starts */
    postparse__yaml_fast_result *out;
} scan;

/* Bytes all_ordinary_characters looks at: C0 controls (LF and CR
 * among them), DEL, and the lead bytes of the characters it refuses. */
static const uint8_t screened[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Bytes the scanning loops stop at: line ends and the YAML punctuation
 * that can end or spoil a token. Every other byte is a token's content. */
static const uint8_t stops[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Whether every character is one libyaml's reader takes as an ordinary
 * character or LF / CRLF. Refused or special: invalid UTF-8, C0 controls
 * (tab included: indentation rules of its own), DEL, C1 controls (NEL is
 * a line break to libyaml), LS and PS (line breaks), a CR not before an LF,
 * the byte order mark (skipped in some places), U+FFFE and U+FFFF. */
static bool all_ordinary_characters(const uint8_t *s, size_t len)
{
    if (postparse__utf8_valid_prefix(s, len) != len)
        return false;
    for (size_t i = 0; i < len; i++) {
        uint8_t b = s[i];
        if (!screened[b])
            continue;
        if (b == '\n' || (b == '\r' && i + 1 < len && s[i + 1] == '\n'))
            continue;
        if (b < 0x80)
            return false;
        /* Valid UTF-8: a lead byte's continuation bytes are there. */
        if (b == 0xC2 && s[i + 1] < 0xA0)
            return false;
        if (b == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] & 0xFE) == 0xA8)
            return false;
        if (b == 0xEF && ((s[i + 1] == 0xBB && s[i + 2] == 0xBF) ||
                          (s[i + 1] == 0xBF && s[i + 2] >= 0xBE)))
            return false;
    }
    return true;
}

/* Moves to byte j (forward), counting the characters passed: all bytes but
 * the continuation bytes (10xxxxxx), eight at a time where it can. */
static void move_to(scan *sc, size_t j)
{
    size_t k = sc->i, ci = sc->ci;
    for (; j - k >= 8; k += 8) {
        uint64_t w;
        memcpy(&w, sc->s + k, 8);
        uint64_t continuation = w & ~(w << 1) & UINT64_C(0x8080808080808080);
        /* A 0 or 1 a byte, summed into the top byte by a multiply
         * (baseline x86-64 has no popcount instruction: the builtin was a
         * call into libgcc). */
        uint64_t ones = continuation >> 7;
        ci += 8 - (size_t)((ones * UINT64_C(0x0101010101010101)) >> 56);
    }
    for (; k < j; k++)
        ci += (sc->s[k] & 0xC0) != 0x80;
    sc->ci = ci;
    sc->i = j;
}

/* Where an event starts. */
typedef struct mark {
    size_t ci, byte, line, column;
} mark;

static mark here(const scan *sc)
{
    mark m = {sc->ci, sc->i, sc->line, sc->ci - sc->line_ci};
    return m;
}

/* Where the end of a block collection is marked: at the next token, or at
 * the end of the text, where libyaml starts a new line if the text has
 * not. */
static mark closing_mark(const scan *sc)
{
    mark m = here(sc);
    if (sc->i == sc->len && m.column) {
        m.line++;
        m.column = 0;
    }
    return m;
}

static bool emit(scan *sc, yaml_event_type_t type, int style, mark start,
                 size_t end, const char *value, size_t value_len)
{
    postparse__yaml_fast_result *out = sc->out;
    if (out->n == POSTPARSE__YAML_FAST_MAX_EVENTS)
        return false;
    postparse__yaml_fast_event *e = &out->events[out->n++];
    e->type = (uint8_t)type;
    e->style = (uint8_t)style;
    e->start = (uint32_t)start.ci;
    e->start_line = (uint32_t)start.line;
    e->start_column = (uint32_t)start.column;
    e->start_byte = (uint32_t)start.byte;
    e->end = (uint32_t)end;
    e->value = value;
    e->value_len = (uint32_t)value_len;
    return true;
}

/* A scalar whose value is text[from..to). */
static bool emit_scalar(scan *sc, int style, mark start, size_t from, size_t to)
{
    return emit(sc, YAML_SCALAR_EVENT, style, start, sc->ci,
                (const char *)sc->s + from, to - from);
}

/* A line ends at LF, at CR (always before LF here) or at the text's end. */
static bool is_eol(const scan *sc, size_t j)
{
    return j == sc->len || sc->s[j] == '\n' || sc->s[j] == '\r';
}

/* The first byte from j on that is a line end or punctuation (stops), or
 * the end of the text. */
static size_t next_stop(const scan *sc, size_t j)
{
    while (j < sc->len && !stops[sc->s[j]])
        j++;
    return j;
}

static size_t after_eol(const scan *sc, size_t j)
{
    if (j == sc->len)
        return j;
    return j + (sc->s[j] == '\r' ? 2 : 1);
}

/* Moves past the line end at j. */
static void next_line(scan *sc, size_t j)
{
    move_to(sc, after_eol(sc, j));
    if (j < sc->len) {
        sc->line++;
        sc->line_ci = sc->ci;
    }
}

static bool is_blank_or_eol(const scan *sc, size_t j)
{
    return is_eol(sc, j) || sc->s[j] == ' ';
}

static size_t spaces_from(const scan *sc, size_t j)
{
    while (j < sc->len && sc->s[j] == ' ')
        j++;
    return j;
}

/* YAML's indicators: a plain scalar cannot start with one (some can in
 * some contexts; those are left to libyaml). A space cannot start one
 * either. */
static bool is_indicator(uint8_t c)
{
    switch (c) {
    case ' ':
    case '-':
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '\'':
    case '"':
    case '%':
    case '@':
    case '`':
        return true;
    default:
        return false;
    }
}

/* Spaces, then the end of the line, consumed. */
static bool end_line(scan *sc)
{
    size_t j = spaces_from(sc, sc->i);
    if (!is_eol(sc, j))
        return false;
    next_line(sc, j);
    return true;
}

/* Blank lines, and comment lines starting in column 0: libyaml skips them
 * between tokens. Called at the start of a line. */
static void skip_filler(scan *sc)
{
    while (sc->i < sc->len) {
        size_t j = sc->i;
        if (sc->s[j] == '#') {
            for (j = next_stop(sc, j + 1); !is_eol(sc, j);)
                j = next_stop(sc, j + 1);
        } else {
            j = spaces_from(sc, j);
            if (!is_eol(sc, j))
                return;
        }
        next_line(sc, j);
    }
}

/* "- " at j: a block sequence item. */
static bool item_at(const scan *sc, size_t j)
{
    return j + 1 < sc->len && sc->s[j] == '-' && sc->s[j + 1] == ' ';
}

/* A plain key in column 0, up to its ": " or ":" at the line end; the ':'
 * is consumed. libyaml finds a simple key only within 1024 characters. */
static bool scan_key(scan *sc)
{
    size_t start = sc->i, j = start;
    if (is_indicator(sc->s[j]))
        return false;
    if (sc->len - j >= 3 && !memcmp(sc->s + j, POSTPARSE__LIT("...")))
        return false; /* maybe a document end marker */
    for (;; j++) {
        j = next_stop(sc, j);
        if (is_eol(sc, j) || j - start > 1000)
            return false;
        uint8_t c = sc->s[j];
        if (c == ':' && is_blank_or_eol(sc, j + 1))
            break;
        if (c == '#' && sc->s[j - 1] == ' ')
            return false; /* j > start: the first byte is no '#' */
    }
    if (sc->s[j - 1] == ' ')
        return false; /* "key :" */
    mark key = here(sc);
    move_to(sc, j);
    if (!emit_scalar(sc, YAML_PLAIN_SCALAR_STYLE, key, start, j))
        return false;
    move_to(sc, j + 1);
    return true;
}

/* A plain scalar on one line; its first byte is no indicator. In block
 * context it runs to the line end, where ": " and " #" would end it early
 * (left to libyaml). Inside [ ] it ends at ',' or ']' on the same line and
 * holds no ':' (its flow rules changed between libyaml versions) nor
 * brackets. Trailing spaces are not part of it. */
static bool scan_plain(scan *sc, bool flow)
{
    size_t start = sc->i, j = start;
    for (;; j++) {
        j = next_stop(sc, j);
        if (is_eol(sc, j)) {
            if (flow)
                return false;
            break;
        }
        uint8_t c = sc->s[j];
        if (flow) {
            if (c == ',' || c == ']')
                break;
            if (c == ':' || c == '[' || c == '{' || c == '}')
                return false;
        } else if (c == ':' && is_blank_or_eol(sc, j + 1)) {
            return false;
        }
        if (c == '#' && sc->s[j - 1] == ' ')
            return false;
    }
    size_t last = j;
    while (sc->s[last - 1] == ' ')
        last--; /* stops at the first byte, which is no space */
    mark value = here(sc);
    move_to(sc, last);
    return emit_scalar(sc, YAML_PLAIN_SCALAR_STYLE, value, start, last);
}

/* The escapes the scanner reads in double quotes: each stands for the
 * character after the backslash. The others (\\n, \\u..., a backslash at a
 * line end...) are left to libyaml. */
static bool is_simple_escape(uint8_t c)
{
    return c == '"' || c == '\\' || c == '/';
}

/* text[from..to) of a double-quoted scalar, without the backslashes of its
 * simple escapes, into the result's unescaped bytes. */
static const char *unescape(scan *sc, size_t from, size_t to)
{
    postparse__yaml_fast_result *out = sc->out;
    if (to - from > sizeof(out->unescaped) - out->unescaped_len)
        return NULL;
    char *value = out->unescaped + out->unescaped_len, *o = value;
    for (size_t k = from; k < to; k++) {
        if (sc->s[k] == '\\')
            k++;
        *o++ = (char)sc->s[k];
    }
    out->unescaped_len += (size_t)(o - value);
    return value;
}

/* A quoted scalar closed on its own line. '' in single quotes is left to
 * libyaml; so are the escapes in double quotes but the simple ones. */
static bool scan_quoted(scan *sc)
{
    uint8_t quote = sc->s[sc->i];
    size_t start = sc->i, j = start + 1;
    bool escaped = false;
    for (;; j++) {
        j = next_stop(sc, j);
        if (is_eol(sc, j))
            return false;
        uint8_t c = sc->s[j];
        if (c == quote)
            break;
        if (c == '\\' && quote == '"') {
            if (j + 1 == sc->len || !is_simple_escape(sc->s[j + 1]))
                return false;
            escaped = true;
            j++;
        }
    }
    if (quote == '\'' && j + 1 < sc->len && sc->s[j + 1] == '\'')
        return false;
    mark value = here(sc);
    move_to(sc, j + 1);
    if (quote == '\'')
        return emit_scalar(sc, YAML_SINGLE_QUOTED_SCALAR_STYLE, value,
                           start + 1, j);
    if (!escaped)
        return emit_scalar(sc, YAML_DOUBLE_QUOTED_SCALAR_STYLE, value,
                           start + 1, j);
    const char *unescaped = unescape(sc, start + 1, j);
    return unescaped &&
           emit(sc, YAML_SCALAR_EVENT, YAML_DOUBLE_QUOTED_SCALAR_STYLE, value,
                sc->ci, unescaped,
                (size_t)(sc->out->unescaped + sc->out->unescaped_len -
                         unescaped));
}

/* "[a, b]" on one line, then the line end. No empty or trailing item. */
static bool scan_flow_sequence(scan *sc)
{
    if (!emit(sc, YAML_SEQUENCE_START_EVENT, YAML_FLOW_SEQUENCE_STYLE, here(sc),
              sc->ci + 1, 0, 0))
        return false;
    move_to(sc, spaces_from(sc, sc->i + 1));
    if (sc->i < sc->len && sc->s[sc->i] != ']') {
        for (;;) {
            if (sc->i == sc->len)
                return false;
            uint8_t c = sc->s[sc->i];
            bool ok = c == '"' || c == '\'' ? scan_quoted(sc)
                      : is_indicator(c)     ? false
                                            : scan_plain(sc, true);
            if (!ok)
                return false;
            move_to(sc, spaces_from(sc, sc->i));
            if (sc->i == sc->len)
                return false;
            if (sc->s[sc->i] == ']')
                break;
            if (sc->s[sc->i] != ',')
                return false;
            move_to(sc, spaces_from(sc, sc->i + 1));
            if (sc->i < sc->len && sc->s[sc->i] == ']')
                return false; /* a trailing comma */
        }
    }
    if (sc->i == sc->len ||
        !emit(sc, YAML_SEQUENCE_END_EVENT, 0, here(sc), sc->ci + 1, 0, 0))
        return false;
    move_to(sc, sc->i + 1);
    return end_line(sc);
}

/* Items "- scalar" indented by k spaces, the first at sc->i + k. With k = 0
 * libyaml reads an "indentless" sequence: its start event spans the '-',
 * and no indentation level is opened. The sequence ends at the next line in
 * column 0 (a key) or at the end; its end event is marked there. */
static bool scan_block_sequence(scan *sc, size_t k)
{
    move_to(sc, sc->i + k);
    if (!emit(sc, YAML_SEQUENCE_START_EVENT, YAML_BLOCK_SEQUENCE_STYLE,
              here(sc), k ? sc->ci : sc->ci + 1, 0, 0))
        return false;
    for (;;) {
        move_to(sc, spaces_from(sc, sc->i + 1));
        if (is_eol(sc, sc->i))
            return false; /* an empty item */
        uint8_t c = sc->s[sc->i];
        bool ok = c == '"' || c == '\'' ? scan_quoted(sc) && end_line(sc)
                  : is_indicator(c)     ? false
                                        : scan_plain(sc, false) && end_line(sc);
        if (!ok)
            return false;
        skip_filler(sc);
        if (spaces_from(sc, sc->i) - sc->i != k || !item_at(sc, sc->i + k))
            break;
        move_to(sc, sc->i + k);
    }
    if (sc->i < sc->len && sc->s[sc->i] == ' ')
        return false;
    /* libyaml closes an indented sequence as soon as a token (or the end
     * of the text) comes in a column left of its items: at the end, that
     * is where the last line's spaces stop, if they are fewer than k. */
    mark end = k && sc->ci - sc->line_ci < k ? here(sc) : closing_mark(sc);
    return emit(sc, YAML_SEQUENCE_END_EVENT, 0, end, end.ci, 0, 0);
}

/* What follows "key:": a scalar or flow sequence on the line, or, on the
 * lines below, a block sequence; nothing at all is a null. */
static bool scan_value(scan *sc)
{
    mark colon_end = here(sc);
    move_to(sc, spaces_from(sc, sc->i));
    if (is_eol(sc, sc->i)) {
        next_line(sc, sc->i);
        skip_filler(sc);
        size_t k = spaces_from(sc, sc->i) - sc->i;
        if (item_at(sc, sc->i + k))
            return scan_block_sequence(sc, k);
        if (k > 0)
            return false; /* a nested mapping or a scalar below its key */
        /* libyaml marks the empty scalar right after the ':'. */
        return emit(sc, YAML_SCALAR_EVENT, YAML_PLAIN_SCALAR_STYLE, colon_end,
                    colon_end.ci, (const char *)sc->s, 0);
    }
    uint8_t c = sc->s[sc->i];
    if (c == '"' || c == '\'')
        return scan_quoted(sc) && end_line(sc);
    if (c == '[')
        return scan_flow_sequence(sc);
    if (is_indicator(c))
        return false;
    return scan_plain(sc, false) && end_line(sc);
}

size_t postparse__yaml_fast_scan(const char *text, size_t len,
                                 postparse__yaml_fast_result *out)
{
    out->n = 0;
    out->unescaped_len = 0;
    if (len < 3 || len > POSTPARSE__YAML_FAST_MAX_TEXT ||
        memcmp(text, POSTPARSE__LIT("---")) != 0)
        return 0;
    const uint8_t *s = (const uint8_t *)text;
    if (!all_ordinary_characters(s, len))
        return 0;
    scan sc = {s, len, 0, 0, 0, 0, out};
    move_to(&sc, 3);
    if (!end_line(&sc))
        return 0;
    skip_filler(&sc);
    if (sc.i == len)
        return 0; /* no content: rare, and libyaml's events differ */
    mark origin = {0, 0, 0, 0};
    if (!emit(&sc, YAML_STREAM_START_EVENT, 0, origin, 0, 0, 0) ||
        !emit(&sc, YAML_DOCUMENT_START_EVENT, 0, origin, 3, 0, 0) ||
        !emit(&sc, YAML_MAPPING_START_EVENT, YAML_BLOCK_MAPPING_STYLE,
              here(&sc), sc.ci, 0, 0))
        return out->n = 0;
    while (sc.i < len) {
        if (!scan_key(&sc) || !scan_value(&sc))
            return out->n = 0;
        skip_filler(&sc);
    }
    mark end = closing_mark(&sc);
    if (!emit(&sc, YAML_MAPPING_END_EVENT, 0, end, end.ci, 0, 0) ||
        !emit(&sc, YAML_DOCUMENT_END_EVENT, 0, end, end.ci, 0, 0) ||
        !emit(&sc, YAML_STREAM_END_EVENT, 0, end, end.ci, 0, 0))
        return out->n = 0;
    return out->n;
}

void postparse__yaml_fast_event_get(const postparse__yaml_fast_event *fe,
                                    yaml_event_t *out)
{
    memset(out, 0, sizeof(*out));
    out->type = (yaml_event_type_t)fe->type;
    out->start_mark.index = fe->start;
    out->start_mark.line = fe->start_line;
    out->start_mark.column = fe->start_column;
    out->end_mark.index = fe->end;
    switch (out->type) {
    case YAML_STREAM_START_EVENT:
        out->data.stream_start.encoding = YAML_UTF8_ENCODING;
        break;
    case YAML_DOCUMENT_END_EVENT:
        out->data.document_end.implicit = 1;
        break;
    case YAML_SCALAR_EVENT:
        /* libyaml's value is writable memory; the loader only reads it. */
        out->data.scalar.value = (yaml_char_t *)(uintptr_t)fe->value;
        out->data.scalar.length = fe->value_len;
        out->data.scalar.style = (yaml_scalar_style_t)fe->style;
        out->data.scalar.plain_implicit = fe->style == YAML_PLAIN_SCALAR_STYLE;
        out->data.scalar.quoted_implicit = fe->style != YAML_PLAIN_SCALAR_STYLE;
        break;
    case YAML_SEQUENCE_START_EVENT:
        out->data.sequence_start.implicit = 1;
        out->data.sequence_start.style = (yaml_sequence_style_t)fe->style;
        break;
    case YAML_MAPPING_START_EVENT:
        out->data.mapping_start.implicit = 1;
        out->data.mapping_start.style = (yaml_mapping_style_t)fe->style;
        break;
    default:
        break;
    }
}
