/* SPDX-License-Identifier: MIT */
/* Rules files (.postparse.yml): the YAML is read by the project's own
 * loader (so that a rules file means what the same YAML means in a front
 * matter, positions included), then checked key by key; any mistake stops
 * the load with its place, since a rule silently ignored is a check that
 * never runs. The set owns an arena (every string, field and rule), the
 * compiled patterns and the time zone. */
#include "rules_file.h"

#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "base_array.h"
#include "diagnostics.h"
#include "schema.h"
#include "value.h"
#include "yaml_load.h"

#define MAX_RULES_FILE_BYTES ((size_t)1 << 20)
/* Nested `each:` levels: a list of lists of lists is as deep as a front
 * matter goes in practice; the bound keeps a hostile file's recursion
 * short. */
#define MAX_EACH_DEPTH 8
/* Bounds on a pattern, so that a rules file cannot make regcomp or
 * regexec take unbounded time or memory: glibc expands {m,n} into copies
 * (nested ones multiply), and a back reference (\1, a glibc extension)
 * makes matching exponential. */
#define MAX_PATTERN_BYTES 256
#define MAX_PATTERN_REPEAT 1000

typedef struct bound {
    bool set;
    bool is_date; /* secs, else num */
    double num;
    int64_t secs;
    const char *text; /* as written, for messages */
} bound;

/* What a value (a field's, or each item of it) must be. */
typedef struct value_check {
    postparse_rule_type type;
    size_t min_chars, max_chars, max_width;
    const postparse_value *one_of; /* a sequence of scalars, or NULL */
    regex_t *pattern;              /* compiled, or NULL */
    const char *pattern_text;
    bound min, max;
    struct value_check *each; /* for the items of a list, or NULL */
} value_check;

typedef struct field {
    const char *key;
    bool required;
    postparse_severity severity;
    value_check check;
} field;

typedef struct level_entry {
    const char *code;
    postparse_rule_level level;
} level_entry;

struct postparse_ruleset {
    postparse_allocator alloc;
    postparse__arena arena;
    field *fields;
    postparse_rule *rules; /* the base rule of each field */
    size_t field_count;
    level_entry *levels;
    size_t level_count;
    const char **ignores;
    size_t ignore_count;
    char *folder;
    regex_t **patterns; /* to regfree: every compiled pattern */
    size_t pattern_count, pattern_cap;
    postparse_tz *zone;
    bool future_set, future, unpublished_set, unpublished;
    const char *excerpt_separator;
};

typedef struct loader {
    postparse_ruleset *set;
    postparse_error *err;
} loader;

/* ---- errors --------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static postparse_status
fail(loader *L, const postparse_value *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->err->message, sizeof L->err->message, fmt, ap);
    va_end(ap);
    L->err->code = POSTPARSE_ERR_INVALID_ARGUMENT;
    if (at)
        L->err->pos = postparse_value_pos(at);
    return POSTPARSE_ERR_INVALID_ARGUMENT;
}

static postparse_status nomem(loader *L)
{
    L->err->code = POSTPARSE_ERR_NOMEM;
    snprintf(L->err->message, sizeof L->err->message,
             "out of memory loading the rules file");
    return POSTPARSE_ERR_NOMEM;
}

static postparse_value_kind kind(const postparse_value *v)
{
    return postparse_value_kind_of(v);
}

/* "a list", "\"en\"": what was found, for messages (a string is
 * shown, cut at 60 bytes). */
static const char *found(const postparse_value *v, char *buf, size_t size)
{
    size_t len;
    const char *s = postparse_value_string(v, &len);
    if (kind(v) == POSTPARSE_VALUE_STRING) {
        size_t cut = len > 60 ? 60 : len;
        while (cut < len && cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--; /* not inside a character */
        snprintf(buf, size, "\"%.*s%s\"", (int)cut, s, cut < len ? "..." : "");
    } else
        postparse__schema_describe(v, buf, size);
    return buf;
}

static postparse_status want(loader *L, const postparse_value *v,
                             const char *what, const char *expected)
{
    char f[96];
    return fail(L, v, "%s is %s; expected %s", what, found(v, f, sizeof f),
                expected);
}

static const char *key_string(const postparse_value *map, size_t i)
{
    const postparse_value *k = postparse_value_key_at(map, i);
    return kind(k) == POSTPARSE_VALUE_STRING ? postparse_value_string(k, NULL)
                                             : NULL;
}

/* ---- values --------------------------------------------------------- */

static postparse_status get_bool(loader *L, const postparse_value *v,
                                 const char *what, bool *out)
{
    if (kind(v) != POSTPARSE_VALUE_BOOL)
        return want(L, v, what, "true or false");
    *out = postparse_value_bool(v);
    return POSTPARSE_OK;
}

static postparse_status get_size(loader *L, const postparse_value *v,
                                 const char *what, size_t *out)
{
    int64_t n;
    if (kind(v) != POSTPARSE_VALUE_INT || !postparse_value_int(v, &n) ||
        n < 0 || (uint64_t)n > SIZE_MAX)
        return want(L, v, what, "a whole number >= 0");
    *out = (size_t)n;
    return POSTPARSE_OK;
}

static postparse_status get_string(loader *L, const postparse_value *v,
                                   const char *what, const char **out)
{
    size_t len;
    const char *s = postparse_value_string(v, &len);
    if (kind(v) != POSTPARSE_VALUE_STRING)
        return want(L, v, what, "a string");
    if (memchr(s, '\0', len))
        return fail(L, v, "%s contains a NUL character", what);
    *out = s;
    return POSTPARSE_OK;
}

/* Unix seconds of a date-like value: a YAML date or timestamp, or a string
 * Jekyll reads as a date (in zone). */
static bool date_seconds(const postparse_value *v, const postparse_tz *zone,
                         int64_t *out)
{
    postparse_datetime dt;
    if (postparse_value_datetime(v, &dt)) {
        /* A date is midnight UTC, as its fields say. */
        *out = postparse_datetime_to_unix(&dt);
        return true;
    }
    size_t len;
    const char *s = postparse_value_string(v, &len);
    postparse_date_result r;
    if (kind(v) == POSTPARSE_VALUE_STRING &&
        postparse_date_parse_jekyll(s, len, zone, &r) == POSTPARSE_DATE_OK) {
        *out = r.unix_seconds;
        return true;
    }
    return false;
}

static bool number(const postparse_value *v, double *out)
{
    int64_t n;
    if (kind(v) == POSTPARSE_VALUE_INT && postparse_value_int(v, &n)) {
        *out = (double)n;
        return true;
    }
    if (kind(v) == POSTPARSE_VALUE_FLOAT) {
        *out = postparse_value_float(v);
        return true;
    }
    return false;
}

static postparse_status get_bound(loader *L, const postparse_value *v,
                                  const char *what, bound *out)
{
    out->set = true;
    out->text = postparse_value_text(v, NULL);
    if (number(v, &out->num))
        return POSTPARSE_OK;
    if (date_seconds(v, L->set->zone, &out->secs)) {
        out->is_date = true;
        return POSTPARSE_OK;
    }
    return want(L, v, what, "a number or a date such as 2020-01-01");
}

static const struct {
    const char *name;
    postparse_rule_type type;
} type_table[] = {
    {"any", POSTPARSE_RULE_ANY},
    {"string", POSTPARSE_RULE_STRING},
    {"bool", POSTPARSE_RULE_BOOL},
    {"int", POSTPARSE_RULE_INT},
    {"number", POSTPARSE_RULE_NUMBER},
    {"date", POSTPARSE_RULE_DATE},
    {"list", POSTPARSE_RULE_LIST},
    {"mapping", POSTPARSE_RULE_MAPPING},
    {"string_list", POSTPARSE_RULE_STRING_LIST},
};

static postparse_status get_type(loader *L, const postparse_value *v,
                                 postparse_rule_type *out)
{
    const char *s = NULL;
    if (kind(v) == POSTPARSE_VALUE_STRING)
        s = postparse_value_string(v, NULL);
    for (size_t i = 0; s && i < sizeof type_table / sizeof *type_table; i++)
        if (strcmp(s, type_table[i].name) == 0) {
            *out = type_table[i].type;
            return POSTPARSE_OK;
        }
    return want(L, v, "'type'",
                "any, string, bool, int, number, date, list, mapping or "
                "string_list");
}

static postparse_status get_severity(loader *L, const postparse_value *v,
                                     const char *what,
                                     postparse_rule_level *out)
{
    static const char *const names[] = {"off", "note", "warning", "error"};
    /* YAML 1.1, which front matter follows, reads a plain off as false. */
    if (kind(v) == POSTPARSE_VALUE_BOOL && !postparse_value_bool(v)) {
        *out = POSTPARSE_LEVEL_OFF;
        return POSTPARSE_OK;
    }
    const char *s = kind(v) == POSTPARSE_VALUE_STRING
                        ? postparse_value_string(v, NULL)
                        : NULL;
    for (int i = 0; s && i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (postparse_rule_level)(POSTPARSE_LEVEL_OFF + i);
            return POSTPARSE_OK;
        }
    return want(L, v, what, "error, warning, note or off");
}

static postparse_status compile_pattern(loader *L, const postparse_value *v,
                                        value_check *c)
{
    postparse_status st = get_string(L, v, "'pattern'", &c->pattern_text);
    if (st != POSTPARSE_OK)
        return st;
    size_t len = strlen(c->pattern_text);
    unsigned long repeat = 1;
    if (len > MAX_PATTERN_BYTES)
        return fail(L, v, "'pattern' is %zu bytes long; expected at most %d",
                    len, MAX_PATTERN_BYTES);
    for (const char *p = c->pattern_text; *p; p++) {
        if (p[0] == '\\' && p[1] >= '1' && p[1] <= '9')
            return fail(L, v,
                        "'pattern' has a back reference (\\%c), which POSIX "
                        "extended expressions do not have; expected a "
                        "pattern without one",
                        p[1]);
        if (p[0] == '\\' && p[1])
            p++;
        else if (p[0] == '{') {
            /* {m} or {m,n}: the count its copies are multiplied by. */
            unsigned long n = strtoul(p + 1, NULL, 10);
            const char *comma = strchr(p, ',');
            const char *close = strchr(p, '}');
            if (comma && close && comma < close && comma[1] != '}')
                n = strtoul(comma + 1, NULL, 10);
            repeat *= n > 1 ? (n < 100000 ? n : 100000) : 1;
            if (repeat > MAX_PATTERN_REPEAT)
                return fail(L, v,
                            "'pattern' repeats more than %d times in all "
                            "({m,n} counts multiplied); expected fewer",
                            MAX_PATTERN_REPEAT);
        }
    }
    postparse_ruleset *set = L->set;
    if (set->pattern_count == set->pattern_cap) {
        void *p = set->patterns;
        if (!postparse__array_grow(&set->alloc, &p, &set->pattern_cap,
                                   set->pattern_count, set->pattern_count + 1,
                                   sizeof *set->patterns, 8, NULL))
            return nomem(L);
        set->patterns = p;
    }
    regex_t *re = postparse__malloc(&set->alloc, sizeof *re);
    if (!re)
        return nomem(L);
    int rc = regcomp(re, c->pattern_text, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        char why[128];
        regerror(rc, re, why, sizeof why);
        postparse__free(&set->alloc, re, sizeof *re);
        return fail(L, v,
                    "'pattern' '%.80s' is not a POSIX extended regular "
                    "expression: %s",
                    c->pattern_text, why);
    }
    set->patterns[set->pattern_count++] = re;
    c->pattern = re;
    return POSTPARSE_OK;
}

static postparse_status load_check(loader *L, const postparse_value *map,
                                   value_check *c, field *f, int depth);

static postparse_status load_each(loader *L, const postparse_value *v,
                                  value_check *c, int depth)
{
    if (depth >= MAX_EACH_DEPTH)
        return fail(L, v, "'each' nested more than %d levels", MAX_EACH_DEPTH);
    if (kind(v) != POSTPARSE_VALUE_MAPPING)
        return want(L, v, "'each'",
                    "a mapping of item rules (type, one_of, pattern, "
                    "min_chars, max_chars, max_width, min, max, each)");
    c->each = postparse__arena_alloc(&L->set->arena, sizeof *c->each);
    if (!c->each)
        return nomem(L);
    memset(c->each, 0, sizeof *c->each);
    return load_check(L, v, c->each, NULL, depth + 1);
}

/* The keys of a field (f set) or of an `each` (f NULL). */
static postparse_status load_check(loader *L, const postparse_value *map,
                                   value_check *c, field *f, int depth)
{
    postparse_status st = POSTPARSE_OK;
    for (size_t i = 0; st == POSTPARSE_OK && i < postparse_value_length(map);
         i++) {
        const char *k = key_string(map, i);
        const postparse_value *v = postparse_value_value_at(map, i);
        if (!k) {
            st = want(L, postparse_value_key_at(map, i), "a rule's key",
                      "a name");
        } else if (f && strcmp(k, "required") == 0) {
            st = get_bool(L, v, "'required'", &f->required);
        } else if (f && strcmp(k, "severity") == 0) {
            postparse_rule_level lv;
            st = get_severity(L, v, "'severity'", &lv);
            if (st == POSTPARSE_OK && lv == POSTPARSE_LEVEL_OFF)
                st = fail(L, v,
                          "a field's 'severity' is error, warning or note; "
                          "to drop a field's rules, remove the field");
            else if (st == POSTPARSE_OK)
                f->severity = (postparse_severity)(lv - POSTPARSE_LEVEL_NOTE);
        } else if (strcmp(k, "type") == 0) {
            st = get_type(L, v, &c->type);
        } else if (strcmp(k, "one_of") == 0) {
            if (kind(v) != POSTPARSE_VALUE_SEQUENCE ||
                postparse_value_length(v) == 0)
                st = want(L, v, "'one_of'", "a non-empty list of values");
            for (size_t j = 0;
                 st == POSTPARSE_OK && j < postparse_value_length(v); j++) {
                postparse_value_kind ik = kind(postparse_value_index(v, j));
                if (ik == POSTPARSE_VALUE_SEQUENCE ||
                    ik == POSTPARSE_VALUE_MAPPING)
                    st = want(L, postparse_value_index(v, j),
                              "an item of 'one_of'", "a scalar");
            }
            c->one_of = v;
        } else if (strcmp(k, "pattern") == 0) {
            st = compile_pattern(L, v, c);
        } else if (strcmp(k, "min_chars") == 0) {
            st = get_size(L, v, "'min_chars'", &c->min_chars);
        } else if (strcmp(k, "max_chars") == 0) {
            st = get_size(L, v, "'max_chars'", &c->max_chars);
        } else if (strcmp(k, "max_width") == 0) {
            st = get_size(L, v, "'max_width'", &c->max_width);
        } else if (strcmp(k, "min") == 0) {
            st = get_bound(L, v, "'min'", &c->min);
        } else if (strcmp(k, "max") == 0) {
            st = get_bound(L, v, "'max'", &c->max);
        } else if (strcmp(k, "each") == 0) {
            st = load_each(L, v, c, depth);
        } else {
            st = fail(L, postparse_value_key_at(map, i),
                      "unknown key '%.60s' in %s; expected %s", k,
                      f ? "a field" : "'each'",
                      f ? "required, type, one_of, pattern, min_chars, "
                          "max_chars, max_width, min, max, each or severity"
                        : "type, one_of, pattern, min_chars, max_chars, "
                          "max_width, min, max or each");
        }
    }
    if (st == POSTPARSE_OK && c->min.set && c->max.set &&
        c->min.is_date != c->max.is_date)
        st = fail(L, map, "'min' and 'max' are one a date, one a number");
    if (st == POSTPARSE_OK && c->each && c->type != POSTPARSE_RULE_LIST &&
        c->type != POSTPARSE_RULE_ANY && c->type != POSTPARSE_RULE_STRING_LIST)
        st = fail(L, map,
                  "'each' applies to the items of a list; the type is "
                  "not list");
    return st;
}

static postparse_status load_fields(loader *L, const postparse_value *map)
{
    postparse_ruleset *set = L->set;
    size_t n = postparse_value_length(map);
    if (kind(map) != POSTPARSE_VALUE_MAPPING)
        return want(L, map, "'fields'",
                    "a mapping of front matter keys to their rules");
    set->fields = postparse__arena_alloc(&set->arena, (n + 1) * sizeof(field));
    set->rules =
        postparse__arena_alloc(&set->arena, (n + 1) * sizeof(postparse_rule));
    if (!set->fields || !set->rules)
        return nomem(L);
    for (size_t i = 0; i < n; i++) {
        const char *k = key_string(map, i);
        const postparse_value *v = postparse_value_value_at(map, i);
        field *f = &set->fields[set->field_count];
        postparse_rule *r = &set->rules[set->field_count];
        if (!k)
            return want(L, postparse_value_key_at(map, i), "a field's key",
                        "a front matter key (a string)");
        if (kind(v) != POSTPARSE_VALUE_MAPPING &&
            kind(v) != POSTPARSE_VALUE_NULL)
            return want(L, v, "a field's rules",
                        "a mapping (required, type, one_of, ...)");
        memset(f, 0, sizeof *f);
        postparse_rule_init(r);
        f->key = k;
        f->severity = POSTPARSE_SEVERITY_ERROR;
        postparse_status st = load_check(L, v, &f->check, f, 0);
        if (st != POSTPARSE_OK)
            return st;
        r->key = k;
        r->required = f->required;
        r->type = f->check.type;
        r->min_chars = f->check.min_chars;
        r->max_chars = f->check.max_chars;
        r->max_width = f->check.max_width;
        r->severity = f->severity;
        set->field_count++;
    }
    return POSTPARSE_OK;
}

static postparse_status load_severities(loader *L, const postparse_value *map)
{
    postparse_ruleset *set = L->set;
    size_t n = postparse_value_length(map);
    if (kind(map) != POSTPARSE_VALUE_MAPPING)
        return want(L, map, "'severity'",
                    "a mapping of diagnostic codes to error, warning, note "
                    "or off");
    set->levels =
        postparse__arena_alloc(&set->arena, (n + 1) * sizeof(level_entry));
    if (!set->levels)
        return nomem(L);
    for (size_t i = 0; i < n; i++) {
        const char *k = key_string(map, i);
        if (!k || !postparse_diagnostic_code_from_name(k, NULL))
            return fail(L, postparse_value_key_at(map, i),
                        "'%.60s' is not a diagnostic code; expected one of "
                        "docs/diagnostics.md (bool-as-string, too-long, ...)",
                        k ? k : "?");
        level_entry *e = &set->levels[set->level_count];
        e->code = k;
        postparse_status st = get_severity(L, postparse_value_value_at(map, i),
                                           "a severity", &e->level);
        if (st != POSTPARSE_OK)
            return st;
        set->level_count++;
    }
    return POSTPARSE_OK;
}

static postparse_status load_ignores(loader *L, const postparse_value *v)
{
    postparse_ruleset *set = L->set;
    size_t n = postparse_value_length(v);
    if (kind(v) != POSTPARSE_VALUE_SEQUENCE)
        return want(L, v, "'ignore'", "a list of globs (_drafts, \"*.txt\")");
    set->ignores =
        postparse__arena_alloc(&set->arena, (n + 1) * sizeof(char *));
    if (!set->ignores)
        return nomem(L);
    for (size_t i = 0; i < n; i++) {
        postparse_status st =
            get_string(L, postparse_value_index(v, i), "an 'ignore' glob",
                       &set->ignores[set->ignore_count]);
        if (st != POSTPARSE_OK)
            return st;
        set->ignore_count++;
    }
    return POSTPARSE_OK;
}

static postparse_status load_timezone(loader *L, const postparse_value *v)
{
    const char *name;
    postparse_value_kind k = kind(v);
    /* YAML 1.1 reads a plain +09:00 as a sexagesimal integer: the text as
     * written is the zone's name. */
    if ((k == POSTPARSE_VALUE_INT || k == POSTPARSE_VALUE_FLOAT) &&
        postparse_value_text(v, NULL))
        name = postparse_value_text(v, NULL);
    else {
        postparse_status st = get_string(L, v, "'timezone'", &name);
        if (st != POSTPARSE_OK)
            return st;
    }
    postparse_status st;
    st = postparse_tz_open(name, NULL, &L->set->alloc, &L->set->zone);
    if (st == POSTPARSE_ERR_NOMEM)
        return nomem(L);
    if (st != POSTPARSE_OK)
        return fail(L, v,
                    "'timezone' '%.60s' is not a time zone; expected an IANA "
                    "name (Asia/Tokyo), UTC or an offset (+09:00)",
                    name);
    return POSTPARSE_OK;
}

static postparse_status load_root(loader *L, const postparse_value *root)
{
    if (!root || kind(root) == POSTPARSE_VALUE_NULL)
        return POSTPARSE_OK; /* an empty file: no rules */
    if (kind(root) != POSTPARSE_VALUE_MAPPING)
        return want(L, root, "the rules file",
                    "a mapping (fields, severity, ignore, timezone, ...)");
    /* The timezone first: date bounds are read in it. */
    const postparse_value *tz =
        postparse_value_get(root, POSTPARSE__LIT("timezone"));
    postparse_status st = tz ? load_timezone(L, tz) : POSTPARSE_OK;
    postparse_ruleset *set = L->set;
    for (size_t i = 0; st == POSTPARSE_OK && i < postparse_value_length(root);
         i++) {
        const char *k = key_string(root, i);
        const postparse_value *v = postparse_value_value_at(root, i);
        if (!k)
            st = want(L, postparse_value_key_at(root, i), "a key", "a name");
        else if (strcmp(k, "fields") == 0)
            st = load_fields(L, v);
        else if (strcmp(k, "severity") == 0)
            st = load_severities(L, v);
        else if (strcmp(k, "ignore") == 0)
            st = load_ignores(L, v);
        else if (strcmp(k, "timezone") == 0)
            continue;
        else if (strcmp(k, "future") == 0) {
            st = get_bool(L, v, "'future'", &set->future);
            set->future_set = true;
        } else if (strcmp(k, "unpublished") == 0) {
            st = get_bool(L, v, "'unpublished'", &set->unpublished);
            set->unpublished_set = true;
        } else if (strcmp(k, "excerpt_separator") == 0)
            st = get_string(L, v, "'excerpt_separator'",
                            &set->excerpt_separator);
        else
            st = fail(L, postparse_value_key_at(root, i),
                      "unknown key '%.60s'; expected fields, severity, "
                      "ignore, timezone, future, unpublished or "
                      "excerpt_separator",
                      k);
    }
    return st;
}

/* ---- load and free ------------------------------------------------------ */

static postparse_status yaml_diag(void *ctx, postparse_severity severity,
                                  postparse_diagnostic_code id,
                                  const postparse_pos *pos,
                                  const char *key, const char *message)
{
    loader *L = ctx;
    /* The first error the YAML has is the file's error; a root that is
     * not a mapping is load_root's to say, in a rules file's words. */
    if (severity == POSTPARSE_SEVERITY_ERROR && L->err->code == POSTPARSE_OK &&
        id != POSTPARSE_DIAG_FRONTMATTER_NOT_MAPPING) {
        L->err->code = POSTPARSE_ERR_INVALID_ARGUMENT;
        L->err->pos = *pos;
        snprintf(L->err->message, sizeof L->err->message, "%s [%s]", message,
                 postparse_diagnostic_code_name(id));
    }
    return POSTPARSE_OK;
}

static char *folder_of(postparse_ruleset *set, const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (slash && n == 0)
        n = 1; /* "/x.yml": the root */
    return slash ? postparse__arena_strndup(&set->arena, path, n)
                 : postparse__arena_strndup(&set->arena, POSTPARSE__LIT("."));
}

postparse_status postparse_ruleset_load(const char *text, size_t len,
                                        const char *path,
                                        const postparse_allocator *allocator,
                                        postparse_ruleset **out,
                                        postparse_error *err)
{
    postparse_error local;
    if (!err)
        err = &local;
    memset(err, 0, sizeof *err);
    if (!out || (!text && len))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    postparse_allocator a = {0};
    if (allocator)
        a = *allocator;
    if (!postparse__allocator_valid(&a))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    postparse_ruleset *set = postparse__malloc(&a, sizeof *set);
    if (!set)
        return POSTPARSE_ERR_NOMEM;
    memset(set, 0, sizeof *set);
    set->alloc = a;
    postparse__arena_init(&set->arena, &set->alloc);
    loader L = {set, err};

    postparse__yaml_options yo;
    postparse__yaml_options_init(&yo);
    postparse__yaml_result res;
    postparse_pos start = {0, 1, 1};
    postparse_status st =
        postparse__yaml_load(&set->arena, &set->alloc, text ? text : "", len,
                             &start, &yo, yaml_diag, &L, &res, err);
    if (st == POSTPARSE_OK && err->code != POSTPARSE_OK)
        st = err->code; /* a YAML error, already described */
    else if (st == POSTPARSE_OK && res.error_class && !res.root)
        st = fail(&L, NULL, "%s",
                  res.error_message ? res.error_message : res.error_class);
    if (st == POSTPARSE_OK && !(set->folder = folder_of(set, path)))
        st = nomem(&L);
    if (st == POSTPARSE_OK)
        st = load_root(&L, res.root);
    if (st != POSTPARSE_OK) {
        if (err->code == POSTPARSE_OK)
            err->code = st;
        postparse_ruleset_free(set);
        return st;
    }
    *out = set;
    return POSTPARSE_OK;
}

postparse_status
postparse_ruleset_load_file(const char *path,
                            const postparse_allocator *allocator,
                            postparse_ruleset **out, postparse_error *err)
{
    postparse_error local;
    if (!err)
        err = &local;
    memset(err, 0, sizeof *err);
    if (!out || !path)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    postparse_allocator a = {0};
    if (allocator)
        a = *allocator;
    if (!postparse__allocator_valid(&a))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0;
    if (f) {
        buf = postparse__malloc(&a, MAX_RULES_FILE_BYTES + 1);
        if (buf)
            len = fread(buf, 1, MAX_RULES_FILE_BYTES + 1, f);
    }
    if (!f || !buf || ferror(f)) {
        int e = errno;
        err->code = f && !buf ? POSTPARSE_ERR_NOMEM : POSTPARSE_ERR_IO;
        snprintf(err->message, sizeof err->message,
                 "cannot read the rules file: %s",
                 f && !buf ? "out of memory" : strerror(e));
        postparse__free(&a, buf, MAX_RULES_FILE_BYTES + 1);
        if (f)
            fclose(f);
        return err->code;
    }
    fclose(f);
    if (len > MAX_RULES_FILE_BYTES) {
        postparse__free(&a, buf, MAX_RULES_FILE_BYTES + 1);
        err->code = POSTPARSE_ERR_INVALID_ARGUMENT;
        err->pos = (postparse_pos){MAX_RULES_FILE_BYTES, 1, 1};
        snprintf(err->message, sizeof err->message,
                 "the rules file is larger than %zu bytes",
                 MAX_RULES_FILE_BYTES);
        return err->code;
    }
    postparse_status st =
        postparse_ruleset_load(buf, len, path, allocator, out, err);
    postparse__free(&a, buf, MAX_RULES_FILE_BYTES + 1);
    return st;
}

void postparse_ruleset_free(postparse_ruleset *set)
{
    if (!set)
        return;
    postparse_allocator a = set->alloc;
    for (size_t i = 0; i < set->pattern_count; i++) {
        regfree(set->patterns[i]);
        postparse__free(&a, set->patterns[i], sizeof(regex_t));
    }
    if (set->patterns)
        postparse__free(&a, set->patterns,
                        set->pattern_cap * sizeof(regex_t *));
    postparse_tz_free(set->zone);
    postparse__arena_free(&set->arena);
    postparse__free(&a, set, sizeof *set);
}

/* ---- queries ------------------------------------------------------------ */

void postparse_ruleset_apply(const postparse_ruleset *set,
                             postparse_options *options)
{
    if (!set || !options)
        return;
    options->ruleset = set;
    if (set->zone)
        options->site_zone = set->zone;
    if (set->future_set)
        options->future = set->future;
    if (set->unpublished_set)
        options->unpublished = set->unpublished;
    if (set->excerpt_separator)
        options->excerpt_separator = set->excerpt_separator;
}

postparse_rule_level postparse_ruleset_level(const postparse_ruleset *set,
                                             const char *code)
{
    for (size_t i = 0; set && code && i < set->level_count; i++)
        if (strcmp(set->levels[i].code, code) == 0)
            return set->levels[i].level;
    return POSTPARSE_LEVEL_DEFAULT;
}

bool postparse_ruleset_ignores(const postparse_ruleset *set,
                               const char *relative_path)
{
    if (!set || !relative_path)
        return false;
    while (relative_path[0] == '.' && relative_path[1] == '/')
        relative_path += 2;
    size_t n = strlen(relative_path);
    char prefix[4096];
    if (n >= sizeof prefix)
        return false;
    for (size_t i = 0; i < set->ignore_count; i++) {
        /* The path, then each leading folder of it: "_drafts" matches
         * "_drafts/a.md". */
        memcpy(prefix, relative_path, n + 1);
        for (size_t end = n; end > 0;) {
            prefix[end] = '\0';
            if (fnmatch(set->ignores[i], prefix, 0) == 0)
                return true;
            while (end > 0 && prefix[end - 1] != '/')
                end--;
            if (end > 0)
                end--;
        }
    }
    return false;
}

const char *postparse_ruleset_folder(const postparse_ruleset *set)
{
    return set ? set->folder : NULL;
}

bool postparse_ruleset_wants_list(const postparse_ruleset *set, const char *key)
{
    for (size_t i = 0; set && key && i < set->field_count; i++)
        if (strcmp(set->fields[i].key, key) == 0 &&
            set->fields[i].check.type == POSTPARSE_RULE_LIST)
            return true;
    return false;
}

/* ---- checking ----------------------------------------------------------- */

const postparse_rule *postparse__ruleset_rules(const postparse_ruleset *set,
                                               size_t *count)
{
    *count = set ? set->field_count : 0;
    return set ? set->rules : NULL;
}

typedef struct checker {
    postparse__diag_list *diags;
    const postparse_options *opt;
    postparse_severity sev;
    const char *key;
    postparse_status st;
} checker;

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void
report(checker *c, postparse_diagnostic_code code, const postparse_value *v,
       const char *subject, const char *fmt, ...)
{
    if (c->st != POSTPARSE_OK)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->st = postparse__diag_add(c->diags, c->sev, code, postparse_value_pos(v),
                                c->key, "%s %s", subject, msg);
}

static bool same_scalar(const postparse_value *a, const postparse_value *b)
{
    postparse_value_kind k = kind(a);
    if (k != kind(b))
        return false;
    double x, y;
    switch (k) {
    case POSTPARSE_VALUE_NULL:
        return true;
    case POSTPARSE_VALUE_BOOL:
        return postparse_value_bool(a) == postparse_value_bool(b);
    case POSTPARSE_VALUE_INT:
    case POSTPARSE_VALUE_FLOAT:
        return number(a, &x) && number(b, &y) && x == y;
    case POSTPARSE_VALUE_STRING: {
        size_t la, lb;
        const char *sa = postparse_value_string(a, &la);
        const char *sb = postparse_value_string(b, &lb);
        return la == lb && memcmp(sa, sb, la) == 0;
    }
    default: {
        size_t la, lb;
        const char *sa = postparse_value_text(a, &la);
        const char *sb = postparse_value_text(b, &lb);
        return sa && sb && la == lb && memcmp(sa, sb, la) == 0;
    }
    }
}

/* "ja, ko or zh" (cut short for a long list). */
static void list_values(const postparse_value *list, char *buf, size_t size)
{
    size_t n = postparse_value_length(list), o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 1 < size; i++) {
        size_t len;
        const char *t =
            postparse_value_text(postparse_value_index(list, i), &len);
        int w = snprintf(buf + o, size - o, "%s%.*s",
                         i == 0       ? ""
                         : i + 1 == n ? " or "
                                      : ", ",
                         (int)(len > 60 ? 60 : len), t ? t : "?");
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

static void check_bound(checker *c, const value_check *vc,
                        const postparse_value *v, const char *subject)
{
    double x;
    int64_t secs;
    char f[96];
    bool is_num = number(v, &x);
    bool is_date = !is_num && date_seconds(v, c->opt->site_zone, &secs);
    const bound *lo = &vc->min, *hi = &vc->max;
    if (lo->set && ((is_num && !lo->is_date && x < lo->num) ||
                    (is_date && lo->is_date && secs < lo->secs)))
        report(c, POSTPARSE_DIAG_TOO_SMALL, v, subject, "is %s; expected %s%s",
               found(v, f, sizeof f),
               lo->is_date ? "no earlier than " : "at least ",
               lo->text ? lo->text : "the minimum");
    if (hi->set && ((is_num && !hi->is_date && x > hi->num) ||
                    (is_date && hi->is_date && secs > hi->secs)))
        report(c, POSTPARSE_DIAG_TOO_LARGE, v, subject, "is %s; expected %s%s",
               found(v, f, sizeof f),
               hi->is_date ? "no later than " : "at most ",
               hi->text ? hi->text : "the maximum");
}

static void check_value(checker *c, const value_check *vc,
                        const postparse_value *v, const char *subject,
                        bool base_done, int depth);

static void check_items(checker *c, const value_check *vc,
                        const postparse_value *v, const char *subject,
                        int depth)
{
    if (!vc->each || kind(v) != POSTPARSE_VALUE_SEQUENCE)
        return;
    for (size_t i = 0; i < postparse_value_length(v) && c->st == POSTPARSE_OK;
         i++) {
        char sub[200];
        snprintf(sub, sizeof sub, "item %zu of %s", i + 1, subject);
        check_value(c, vc->each, postparse_value_index(v, i), sub, false,
                    depth + 1);
    }
}

/* The checks of vc on v; base_done: the type and string measures were
 * checked by the parser's rule (a field's own value). */
static void check_value(checker *c, const value_check *vc,
                        const postparse_value *v, const char *subject,
                        bool base_done, int depth)
{
    char f[96], buf[400];
    if (!base_done) {
        if (!postparse__schema_type_ok(vc->type, v, c->opt->site_zone)) {
            report(c, POSTPARSE_DIAG_TYPE_MISMATCH, v, subject, "is %s; expected %s",
                   found(v, f, sizeof f),
                   postparse__schema_type_name(vc->type));
            return;
        }
        size_t len;
        const char *s = postparse_value_string(v, &len);
        if (kind(v) == POSTPARSE_VALUE_STRING) {
            size_t chars = (size_t)postparse_text_length(s, len, POSTPARSE_TEXT_CODEPOINTS);
            size_t width = (size_t)postparse_text_width(s, len);
            if (chars < vc->min_chars)
                report(c, POSTPARSE_DIAG_TOO_SHORT, v, subject,
                       "has %zu characters; expected at least %zu", chars,
                       vc->min_chars);
            if (vc->max_chars && chars > vc->max_chars)
                report(c, POSTPARSE_DIAG_TOO_LONG, v, subject,
                       "has %zu characters; expected at most %zu", chars,
                       vc->max_chars);
            if (vc->max_width && width > vc->max_width)
                report(c, POSTPARSE_DIAG_TOO_WIDE, v, subject,
                       "is %zu columns wide (wide characters count 2); "
                       "expected at most %zu",
                       width, vc->max_width);
        }
    } else if (!postparse__schema_type_ok(vc->type, v, c->opt->site_zone)) {
        return; /* the type rule said so */
    }
    if (vc->one_of) {
        bool ok = false;
        for (size_t i = 0; !ok && i < postparse_value_length(vc->one_of); i++)
            ok = same_scalar(v, postparse_value_index(vc->one_of, i));
        if (!ok) {
            list_values(vc->one_of, buf, sizeof buf);
            report(c, POSTPARSE_DIAG_NOT_ONE_OF, v, subject, "is %s; expected one of %s",
                   found(v, f, sizeof f), buf);
        }
    }
    if (vc->pattern && kind(v) == POSTPARSE_VALUE_STRING) {
        size_t len;
        const char *s = postparse_value_string(v, &len);
        if (regexec(vc->pattern, s, 0, NULL, 0) != 0)
            report(c, POSTPARSE_DIAG_PATTERN_MISMATCH, v, subject,
                   "is %s; expected text matching %s", found(v, f, sizeof f),
                   vc->pattern_text);
    }
    check_bound(c, vc, v, subject);
    check_items(c, vc, v, subject, depth);
}

postparse_status postparse__ruleset_check(const postparse_ruleset *set,
                                          postparse__diag_list *diags,
                                          const postparse_options *opt,
                                          const postparse_value *fm)
{
    checker c = {diags, opt, POSTPARSE_SEVERITY_ERROR, NULL, POSTPARSE_OK};
    for (size_t i = 0; set && fm && i < set->field_count; i++) {
        const field *f = &set->fields[i];
        const postparse_value *v =
            postparse_value_get(fm, f->key, strlen(f->key));
        if (!v || kind(v) == POSTPARSE_VALUE_NULL)
            continue; /* the base rule reports a required one */
        char subject[160];
        snprintf(subject, sizeof subject, "'%.100s'", f->key);
        c.sev = f->severity;
        c.key = f->key;
        check_value(&c, &f->check, v, subject, true, 0);
    }
    return c.st;
}
