/* SPDX-License-Identifier: MIT */
/* Stability: stable from 1.0 (ABI checked). Codes are only ever added, at
 * the end of the table; a code's name and enum value never change.
 *
 * Diagnostics: what postparse reports about a post's content, never fatal.
 * Their codes come from one table for the enum, the stable kebab-case names
 * output prints, the default severities and one-line summaries, so that
 * they cannot drift apart. docs/diagnostics.md explains each code (a test
 * checks that it lists exactly these, with these severities). Include
 * <postparse/postparse.h>, not this. */
#ifndef POSTPARSE_DIAGNOSTIC_H
#define POSTPARSE_DIAGNOSTIC_H

#include <stdbool.h>

#include <postparse/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum postparse_severity {
    POSTPARSE_SEVERITY_NOTE = 0,
    POSTPARSE_SEVERITY_WARNING = 1,
    POSTPARSE_SEVERITY_ERROR = 2
} postparse_severity;

/* "note", "warning" or "error"; static storage; "unknown" for a value
 * outside the enum. */
POSTPARSE_API const char *postparse_severity_name(postparse_severity severity);

/* X(enum suffix, name, default severity suffix, summary). The default
 * severity is the one the code has in most reports: type-mismatch is a
 * warning for a scalar title or permalink, and a user rule's codes take the
 * rule's severity. */
#define POSTPARSE_DIAGNOSTIC_MAP(X)                                            \
    /* splitting and encoding */                                               \
    X(FRONTMATTER_UNCLOSED, "frontmatter-unclosed", WARNING,                   \
      "the opening --- has no closing line: the whole file is body")           \
    X(INVALID_UTF8, "invalid-utf8", ERROR,                                     \
      "a byte that is not UTF-8 (replace and pass-through policies)")          \
    X(TOO_MANY_DIAGNOSTICS, "too-many-diagnostics", NOTE,                      \
      "max_diagnostics was reached; later diagnostics were dropped")           \
    /* YAML front matter */                                                    \
    X(YAML_SYNTAX, "yaml-syntax", ERROR,                                       \
      "libyaml cannot read the front matter (Psych::SyntaxError)")             \
    X(YAML_DUPLICATE_KEY, "yaml-duplicate-key", ERROR,                         \
      "a key appears twice; the last one wins")                                \
    X(FRONTMATTER_NOT_MAPPING, "frontmatter-not-mapping", ERROR,               \
      "the front matter is a list or a scalar (NoMethodError)")                \
    X(YAML_UNKNOWN_ALIAS, "yaml-unknown-alias", ERROR,                         \
      "an alias without its anchor before it (Psych::BadAlias)")               \
    X(YAML_SECOND_DOCUMENT, "yaml-second-document", ERROR,                     \
      "a --- line inside the front matter starts a second YAML document")      \
    X(YAML_DISALLOWED_CLASS, "yaml-disallowed-class", ERROR,                   \
      "a value Psych's safe load refuses (Psych::DisallowedClass)")            \
    X(YAML_BAD_SCALAR, "yaml-bad-scalar", ERROR,                               \
      "a scalar Ruby cannot convert to its tag's type")                        \
    X(YAML_BAD_OMAP, "yaml-bad-omap", ERROR,                                   \
      "a !!omap that is not a list of one-key mappings")                       \
    X(YAML_UNKNOWN_TAG, "yaml-unknown-tag", WARNING,                           \
      "a tag Psych ignores; the value is read untagged")                       \
    /* dates */                                                                \
    X(DATE_ROLLED_OVER, "date-rolled-over", ERROR,                             \
      "the date does not exist; Jekyll silently takes a later one")            \
    X(DATE_NO_DATE, "date-no-date", ERROR,                                     \
      "no date in the string (InvalidDateError)")                              \
    X(DATE_MONTH_OUT_OF_RANGE, "date-month-out-of-range", ERROR,               \
      "the month is out of range (InvalidDateError)")                          \
    X(DATE_DAY_OUT_OF_RANGE, "date-day-out-of-range", ERROR,                   \
      "the day is out of range (InvalidDateError)")                            \
    X(DATE_HOUR_OUT_OF_RANGE, "date-hour-out-of-range", ERROR,                 \
      "the hour is out of range (InvalidDateError)")                           \
    X(DATE_MINUTE_OUT_OF_RANGE, "date-minute-out-of-range", ERROR,             \
      "the minute is out of range (InvalidDateError)")                         \
    X(DATE_SECOND_OUT_OF_RANGE, "date-second-out-of-range", ERROR,             \
      "the second is out of range (InvalidDateError)")                         \
    X(DATE_TOO_LONG, "date-too-long", ERROR,                                   \
      "a date string of more than 128 characters (InvalidDateError)")          \
    X(DATE_INVALID, "date-invalid", ERROR,                                     \
      "a number as the date: Ruby reads it as MMDD (InvalidDateError)")        \
    X(DATE_UNSUPPORTED_FORM, "date-unsupported-form", WARNING,                 \
      "a date form postparse does not read; the date is unknown")              \
    X(DATE_FRACTION_DROPPED, "date-fraction-dropped", NOTE,                    \
      "Jekyll drops the fraction of a second")                                 \
    X(DATE_NAIVE_UTC, "date-naive-utc", NOTE,                                  \
      "a YAML timestamp without an offset is UTC, not site time")              \
    /* categories, tags and the excerpt */                                     \
    X(CATEGORIES_TYPE_ERROR, "categories-type-error", ERROR,                   \
      "categories is neither a string nor a list (TypeError)")                 \
    X(TAXONOMY_MAPPING, "taxonomy-mapping", ERROR,                             \
      "tags, or an item of tags or categories, is a mapping")                  \
    X(TAXONOMY_NESTED, "taxonomy-nested", WARNING,                             \
      "an item of tags or categories is a list; Jekyll flattens it")           \
    X(EXCERPT_LIQUID_CLOSED, "excerpt-liquid-closed", WARNING,                 \
      "the excerpt separator cuts a Liquid block; Jekyll closes it")           \
    X(EXCERPT_TRUNCATED, "excerpt-truncated", WARNING,                         \
      "the excerpt exceeds max_excerpt_bytes and was cut")                     \
    /* built-in and user rules */                                              \
    X(TYPE_MISMATCH, "type-mismatch", ERROR,                                   \
      "the value has the wrong type for its key")                              \
    X(EMPTY_STRING, "empty-string", ERROR, "layout is an empty string")        \
    X(BOOL_AS_STRING, "bool-as-string", WARNING,                               \
      "a boolean key holds the string \"true\" or \"false\"")                  \
    X(PUBLISHED_NULL, "published-null", WARNING,                               \
      "published: with no value; the build skips the post")                    \
    X(REQUIRED_KEY, "required-key", ERROR,                                     \
      "a rule's required key is missing or null")                              \
    X(TOO_SHORT, "too-short", ERROR,                                           \
      "a string has fewer code points than the rule's min_chars")              \
    X(TOO_LONG, "too-long", ERROR,                                             \
      "a string has more code points than the rule's max_chars")               \
    X(TOO_WIDE, "too-wide", ERROR,                                             \
      "a string is wider than the rule's max_width columns")                   \
    X(RULE_FAILED, "rule-failed", ERROR,                                       \
      "a rule's callback said no (the code string may be the rule's own)")     \
    X(YAML_DIRECTIVE_LIMIT, "yaml-directive-limit", WARNING,                   \
      "more than max_yaml_directives directives after the first document")     \
    X(EXCERPT_SEPARATOR_TOO_LONG, "excerpt-separator-too-long", ERROR,         \
      "the excerpt separator is longer than max_excerpt_separator_bytes")      \
    X(NOT_ONE_OF, "not-one-of", ERROR,                                         \
      "a rules file field's one_of does not list the value")                   \
    X(PATTERN_MISMATCH, "pattern-mismatch", ERROR,                             \
      "a string does not match the rules file field's pattern")                \
    X(TOO_SMALL, "too-small", ERROR,                                           \
      "a number or date below the rules file field's min")                     \
    X(TOO_LARGE, "too-large", ERROR,                                           \
      "a number or date above the rules file field's max")                     \
    /* a site's config and walk (docs/site.md) */                              \
    X(CONFIG_YAML_ERROR, "config-yaml-error", ERROR,                           \
      "a site config file is not valid YAML")                                  \
    X(CONFIG_NOT_MAPPING, "config-not-mapping", WARNING,                       \
      "a site config file is a list or a scalar")                              \
    X(CONFIG_WRONG_TYPE, "config-wrong-type", WARNING,                         \
      "a site config key has the wrong type")                                  \
    X(CONFIG_UNKNOWN_TIMEZONE, "config-unknown-timezone", WARNING,             \
      "the site's timezone is not in the tz database")                         \
    X(CONFIG_INVALID_TIME, "config-invalid-time", ERROR,                       \
      "the site's time is not a date Jekyll reads")                            \
    X(CONFIG_DEFAULTS_INVALID, "config-defaults-invalid", WARNING,             \
      "a defaults entry Jekyll skips")                                         \
    X(CONFIG_DEFAULTS_NO_SCOPE, "config-defaults-no-scope", WARNING,           \
      "a defaults entry without a scope")                                      \
    X(CONFIG_TOML_UNSUPPORTED, "config-toml-unsupported", WARNING,             \
      "a _config.toml, which postparse does not read")                         \
    X(CONFIG_UNKNOWN_FORMAT, "config-unknown-format", WARNING,                 \
      "a config file that is neither YAML nor TOML")                           \
    X(SITE_SYMLINK_LOOP, "site-symlink-loop", WARNING,                         \
      "a linked folder the site's walk has read already")                      \
    X(SITE_UNREADABLE_FOLDER, "site-unreadable-folder", WARNING,               \
      "a folder of the site cannot be read")                                   \
    X(SITE_TOO_DEEP, "site-too-deep", WARNING,                                 \
      "folders nested deeper than the walk goes")                              \
    /* dates (continued) */                                                    \
    X(DATE_OFFSET_OUT_OF_RANGE, "date-offset-out-of-range", ERROR,             \
      "a UTC offset of a day or more: Jekyll stops the build")                 \
    X(DATE_YEAR_OUT_OF_RANGE, "date-year-out-of-range", WARNING,               \
      "a year outside 1..9999")                                                \
    X(DATE_RANGE_ERROR, "date-range-error", ERROR,                             \
      "a date field too big for Ruby: RangeError, the post has no date")       \
    X(DATE_NOT_CANONICAL, "date-not-canonical", NOTE,                          \
      "a date string Jekyll reads that is not in its canonical form")          \
    /* values Jekyll takes silently (continued) */                             \
    X(CONTROL_CHARACTER, "control-character", WARNING,                         \
      "a control character (NUL, C0, C1) in a string field, kept by Jekyll")   \
    X(LAYOUT_NOT_A_NAME, "layout-not-a-name", WARNING,                         \
      "layout is a path (../x, a/b), not a plain layout name")                 \
    X(TAXONOMY_NOT_A_NAME, "taxonomy-not-a-name", WARNING,                     \
      "a tag or category that is . or .. or holds / or a control character")  \
    X(TAXONOMY_RECURSIVE, "taxonomy-recursive", ERROR,                         \
      "tags or categories contain themselves (ArgumentError, fields kept raw)") \
    /* splitting (continued) */                                               \
    X(FRONTMATTER_OVER_LIMIT, "frontmatter-over-limit", WARNING,               \
      "no closing line within max_frontmatter_bytes: the whole file is body")  \
    X(FRONTMATTER_CLOSED_PAST_LIMIT, "frontmatter-closed-past-limit", ERROR,   \
      "a closing line past max_frontmatter_bytes: Jekyll splits there")

/* POSTPARSE_DIAG_NONE (0) is no code: a postparse_date_result that is OK
 * has it. The others follow the table's order. */
typedef enum postparse_diagnostic_code {
    POSTPARSE_DIAG_NONE = 0,
#define POSTPARSE_DIAG_ENUM_(suffix, name, severity, summary)                  \
    POSTPARSE_DIAG_##suffix,
    POSTPARSE_DIAGNOSTIC_MAP(POSTPARSE_DIAG_ENUM_)
#undef POSTPARSE_DIAG_ENUM_
} postparse_diagnostic_code;

/* The stable kebab-case name ("yaml-syntax"); "none" for
 * POSTPARSE_DIAG_NONE, NULL for a value outside the table. Static. */
POSTPARSE_API const char *
postparse_diagnostic_code_name(postparse_diagnostic_code code);
/* The one-line summary (the table's); NULL outside the table. Static. */
POSTPARSE_API const char *
postparse_diagnostic_code_summary(postparse_diagnostic_code code);
/* The default severity (POSTPARSE_SEVERITY_NOTE outside the table). */
POSTPARSE_API postparse_severity
postparse_diagnostic_code_severity(postparse_diagnostic_code code);
/* The code of a kebab-case name (NUL-terminated); false, and *out left
 * alone, for a name not in the table (a user rule's own code). */
POSTPARSE_API bool
postparse_diagnostic_code_from_name(const char *name,
                                    postparse_diagnostic_code *out);

/* Something about the content: collected, never fatal.
 * Every pointer is owned by the parser and valid until the parser is reset or
 * freed (in a callback: at least until the callback returns). */
typedef struct postparse_diagnostic {
    postparse_severity severity;
    /* The code: match on it. POSTPARSE_DIAG_RULE_FAILED for every finding
     * of a user rule's callback, whatever its `code` string. */
    postparse_diagnostic_code id;
    /* Its stable kebab-case name ("frontmatter-unclosed"), what output
     * prints: postparse_diagnostic_code_name(id), or a user rule's own
     * code. Static storage (or the rule's). */
    const char *code;
    /* What is wrong and what was expected; NUL-terminated. */
    const char *message;
    postparse_pos pos; /* where the problem starts in the file */
    const char *key;   /* the front matter key concerned, or NULL */
} postparse_diagnostic;

#ifdef __cplusplus
}
#endif

#endif
