/* SPDX-License-Identifier: MIT */
/* Stability: stable from 1.0 (ABI checked by .ci/abi-check); value kinds
 * are only added at the end. */
/* Typed front matter values. Include <postparse/postparse.h>, not this.
 *
 * The front matter is loaded into a tree of values typed as Jekyll 4.3 sees
 * them (Psych 4's YAML 1.1 safe load), or by the YAML 1.2 core schema when
 * the parser is asked to.
 *
 * Lifetime: every value, and every pointer an accessor returns (strings,
 * tags, children), lives in the parser's arena. It stays valid until
 * postparse_parser_reset() or postparse_parser_free() on that parser, and
 * must not be freed by the caller. Values are immutable; separate threads
 * may read the same tree.
 *
 * Aliases: a YAML alias (*name) is the very value its anchor (&name) made,
 * shared, not copied; its position is the anchor's. A tree is therefore a
 * directed acyclic graph whose expanded size postparse bounds (the alias
 * budget), except that a collection aliased inside itself refers back to
 * itself, as in Ruby (see postparse_value_is_recursive()).
 *
 * Every accessor accepts NULL and returns a neutral result for it (kind
 * POSTPARSE_VALUE_NULL, false, 0, NULL), so that lookups can be chained. */
#ifndef POSTPARSE_VALUE_H
#define POSTPARSE_VALUE_H

#include <stdio.h>

#include <postparse/common.h>
#include <postparse/date.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct postparse_value postparse_value;

typedef enum postparse_value_kind {
    POSTPARSE_VALUE_NULL = 0,
    POSTPARSE_VALUE_BOOL = 1,
    POSTPARSE_VALUE_INT = 2,       /* int64; see postparse_value_int_is_big */
    POSTPARSE_VALUE_FLOAT = 3,     /* double, NaN and infinities included */
    POSTPARSE_VALUE_STRING = 4,    /* bytes, UTF-8 when the input was */
    POSTPARSE_VALUE_TIMESTAMP = 5, /* see postparse_value_datetime */
    POSTPARSE_VALUE_DATE = 6,      /* see postparse_value_datetime */
    POSTPARSE_VALUE_BINARY = 7,    /* !!binary, base64-decoded bytes */
    POSTPARSE_VALUE_SEQUENCE = 8,
    POSTPARSE_VALUE_MAPPING = 9 /* entries in document order */
} postparse_value_kind;

/* Which rules turn an untagged plain scalar into a type. */
typedef enum postparse_yaml_schema {
    /* Jekyll 4.3: Psych 4.0's YAML 1.1 scalar scanner (yes/on/off
     * booleans, 0x/0b/leading-zero octal and sexagesimal integers,
     * timestamps and dates, merge keys). The default. */
    POSTPARSE_SCHEMA_JEKYLL = 0,
    /* The YAML 1.2 core schema: true/false, null/~, 0o octal, 0x hex,
     * decimal and float forms; everything else is a string; no timestamps. */
    POSTPARSE_SCHEMA_YAML12_CORE = 1
} postparse_yaml_schema;

POSTPARSE_API postparse_value_kind
postparse_value_kind_of(const postparse_value *value);
/* "null", "bool", "int", "float", "string", "timestamp", "date", "binary",
 * "sequence", "mapping"; static storage. */
POSTPARSE_API const char *postparse_value_kind_name(postparse_value_kind kind);

/* false unless value is the boolean true. */
POSTPARSE_API bool postparse_value_bool(const postparse_value *value);
/* true and *out set when value is an integer that fits int64_t. */
POSTPARSE_API bool postparse_value_int(const postparse_value *value,
                                       int64_t *out);
/* An integer beyond int64_t (Ruby's are unbounded): its exact decimal
 * digits (with a leading '-' when negative) come from
 * postparse_value_string(). */
POSTPARSE_API bool postparse_value_int_is_big(const postparse_value *value);
/* The float, or an integer converted; 0.0 for other kinds. */
POSTPARSE_API double postparse_value_float(const postparse_value *value);
/* The bytes of a string or binary value (the decimal digits of a big
 * integer), NUL-terminated, with their length in bytes in *len (len may be
 * NULL). NULL for other kinds. */
POSTPARSE_API const char *postparse_value_string(const postparse_value *value,
                                                 size_t *len);
/* A timestamp or a date (<postparse/date.h>'s one date-time type): true
 * and *out (may be NULL) set for the kinds TIMESTAMP and DATE, false for
 * anything else.
 * - A timestamp: the date and time as written, nanosecond the fraction;
 *   has_time true. With has_offset, the fields are local time at
 *   utc_offset; without, the timestamp had no zone (Psych takes it as UTC)
 *   and utc_offset is 0.
 * - A date (2025-02-07): has_time false, has_offset false, the time fields
 *   and utc_offset 0 (Psych's Date has no zone).
 * postparse_datetime_to_unix() gives the instant (a date's midnight UTC). */
POSTPARSE_API bool postparse_value_datetime(const postparse_value *value,
                                            postparse_datetime *out);

/* Items of a sequence, entries of a mapping; 0 for anything else. */
POSTPARSE_API size_t postparse_value_length(const postparse_value *value);
/* Item index of a sequence; NULL when out of range or not a sequence. */
POSTPARSE_API const postparse_value *
postparse_value_index(const postparse_value *value, size_t index);
/* Key and value of entry index of a mapping; NULL when out of range. */
POSTPARSE_API const postparse_value *
postparse_value_key_at(const postparse_value *value, size_t index);
POSTPARSE_API const postparse_value *
postparse_value_value_at(const postparse_value *value, size_t index);
/* The value under the string key of len bytes in a mapping, or NULL.
 * Duplicate keys were already resolved as Jekyll does (the last wins), so at
 * most one entry matches. Linear in the number of entries. */
POSTPARSE_API const postparse_value *
postparse_value_get(const postparse_value *value, const char *key, size_t len);

/* Where the node starts in the file: its first character, its tag or
 * anchor if it has one (for an alias: where the anchored node starts). */
POSTPARSE_API postparse_pos postparse_value_pos(const postparse_value *value);
/* A scalar's text as libyaml read it (quotes removed, escapes and folding
 * applied), so that 1.10 can be shown as written; NUL-terminated, length in
 * bytes in *len (may be NULL). NULL for collections and for values made by
 * a merge. */
POSTPARSE_API const char *postparse_value_text(const postparse_value *value,
                                               size_t *len);
/* The explicit tag, expanded ("tag:yaml.org,2002:int", "!foo"), or NULL
 * for an untagged node. */
POSTPARSE_API const char *postparse_value_tag(const postparse_value *value);
/* true for a scalar that was quoted or a block scalar (| or >): such
 * scalars are always strings. */
POSTPARSE_API bool postparse_value_is_quoted(const postparse_value *value);
/* true for a collection that contains itself through an alias. */
POSTPARSE_API bool postparse_value_is_recursive(const postparse_value *value);

/* The string under key (NUL-terminated) in a mapping, when that value is a
 * string; else NULL (no such key, another kind, not a mapping). The
 * common lookup: postparse_value_get_cstr(fm, "title"). */
POSTPARSE_API const char *postparse_value_get_cstr(const postparse_value *map,
                                                   const char *key);

/* A scalar's text as Ruby's to_s gives it, which is what a Liquid template
 * prints for {{ page.key }}: "" for null, "true", "42", "1.0e+16", "NaN",
 * a string's bytes, "2025-02-07 20:00:59 +0800" for a timestamp (Time#to_s,
 * "UTC" for a zoneless one: Psych makes it a UTC Time), "2025-02-07" for a
 * date. Written into buf (size bytes, NUL-terminated, cut when too small);
 * returns the whole text's length, as snprintf does, or SIZE_MAX for a
 * collection (Liquid joins arrays: read their items) or out of memory. */
POSTPARSE_API size_t postparse_value_to_s(const postparse_value *value,
                                          char *buf, size_t size);

/* JSON: postparse_value_write_json() in <postparse/doc.h>. */

#ifdef __cplusplus
}
#endif

#endif
