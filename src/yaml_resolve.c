/* SPDX-License-Identifier: MIT */
/* Each rule below mirrors a line of Psych 4.0.3 (psych/scalar_scanner.rb,
 * psych/visitors/to_ruby.rb) with Ruby's own Integer(), Float(), Time and
 * Date checks; the comments quote the regular expression ported. */
#include "yaml_resolve.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base_ctype.h"
#include "ruby_inspect.h"
#include "yaml_base64.h"
#include "yaml_bignum.h"
#include "yaml_timestamp.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

static bool eq_nocase(const char *s, size_t n, const char *word)
{
    size_t wn = strlen(word);
    if (n != wn)
        return false;
    for (size_t i = 0; i < n; i++)
        if (postparse__to_lower(s[i]) != word[i])
            return false;
    return true;
}

static bool tag_is(const char *tag, const char *name)
{
    size_t pn = sizeof(TAG_PREFIX) - 1;
    return tag && strncmp(tag, TAG_PREFIX, pn) == 0 &&
           strcmp(tag + pn, name) == 0;
}

static void set_string(postparse_value *v, const char *s, size_t n)
{
    v->kind = POSTPARSE_VALUE_STRING;
    v->u.s.p = s;
    v->u.s.n = n;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
ruby_raise(postparse__ruby_error *err, const char *cls, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err->cls = cls;
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
}

static postparse__resolve_result disallowed(postparse__ruby_error *err,
                                            const char *cls)
{
    ruby_raise(err, "Psych::DisallowedClass",
               "Tried to load unspecified class: %s", cls);
    return POSTPARSE__RESOLVE_RAISES;
}

/* ---- Ruby's String#to_i and #to_f as the sexagesimal rule uses them:
 * digits with single underscores between them. */

static size_t ruby_digits(const char *s, size_t n, size_t i)
{
    while (i < n) {
        if (postparse__is_digit(s[i]))
            i++;
        else if (s[i] == '_' && i > 0 && postparse__is_digit(s[i - 1]) &&
                 i + 1 < n && postparse__is_digit(s[i + 1]))
            i++;
        else
            break;
    }
    return i;
}

/* ---- the scanner's rules */

/* /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$/ and, with float, the same with
 * /\.[0-9_]*$/ at the end. Returns the count of ':' parts, 0 for none. */
static int match_sexagesimal(const char *s, size_t n, bool with_fraction)
{
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    if (i >= n || !postparse__is_digit(s[i]))
        return 0;
    while (i < n && (postparse__is_digit(s[i]) || s[i] == '_'))
        i++;
    int parts = 0;
    while (i < n && s[i] == ':' && parts < 2) {
        i++;
        size_t st = i;
        while (i < n && postparse__is_digit(s[i]) && i - st < 2)
            i++;
        if (i == st || (i - st == 2 && s[st] > '5'))
            return 0;
        parts++;
    }
    if (parts == 0)
        return 0;
    if (with_fraction) {
        if (i >= n || s[i] != '.')
            return 0;
        i++;
        while (i < n && (postparse__is_digit(s[i]) || s[i] == '_'))
            i++;
    }
    return i == n ? parts : 0;
}

static postparse__resolve_result sexagesimal_int(postparse__arena *arena,
                                                 postparse_value *v,
                                                 const char *s, size_t n)
{
    /* i += n.to_i * 60 ** (e - 2).abs over the ':' parts, as Psych does
     * (so "1:30" is 5400, not 90). */
    size_t i = 0;
    bool neg = s[0] == '-';
    if (s[0] == '-' || s[0] == '+')
        i++;
    size_t st = i, end = ruby_digits(s, n, i);
    size_t p = end;
    while (p < n && s[p] != ':')
        p++;
    int parts = 0;
    int64_t comp[2] = {0, 0};
    while (p < n && s[p] == ':') {
        p++;
        int64_t x = 0;
        while (p < n && postparse__is_digit(s[p]))
            x = x * 10 + (s[p++] - '0');
        comp[parts++] = x;
    }
    /* The sign belongs to the first part alone. */
    int64_t rest = comp[0] * 60 + (parts == 2 ? comp[1] : 0);
    postparse__bignum b = {0};
    uint64_t mag = 0;
    bool big = false;
    for (size_t k = st; k < end; k++) {
        if (s[k] == '_')
            continue;
        if (mag > (uint64_t)INT64_MAX / 10 / 3600) {
            big = true;
            break;
        }
        mag = mag * 10 + (uint64_t)(s[k] - '0');
    }
    if (!big) {
        int64_t first = (int64_t)mag * 3600;
        v->kind = POSTPARSE_VALUE_INT;
        v->u.i = (neg ? -first : first) + rest;
        return POSTPARSE__RESOLVED;
    }
    if (end - st > POSTPARSE__BIG_MAX_DIGITS)
        return POSTPARSE__RESOLVED; /* stays a string */
    for (size_t k = st; k < end; k++)
        if (s[k] != '_' &&
            !postparse__bignum_mul_add(arena, &b, 10, (uint32_t)(s[k] - '0')))
            return POSTPARSE__RESOLVE_NOMEM;
    if (!postparse__bignum_mul_add(arena, &b, 3600, 0))
        return POSTPARSE__RESOLVE_NOMEM;
    if (neg)
        postparse__bignum_sub_small(&b, (uint32_t)rest);
    else if (!postparse__bignum_mul_add(arena, &b, 1, (uint32_t)rest))
        return POSTPARSE__RESOLVE_NOMEM;
    return postparse__bignum_store(arena, v, &b, neg)
               ? POSTPARSE__RESOLVED
               : POSTPARSE__RESOLVE_NOMEM;
}

/* String#to_f of a part: digits with single underscores, optional
 * fraction (also with underscores). */
static double ruby_to_f(const char *s, size_t n)
{
    char buf[128];
    size_t o = 0, i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        buf[o++] = s[i++];
    size_t end = ruby_digits(s, n, i);
    for (; i < end && o < sizeof(buf) - 2; i++)
        if (s[i] != '_')
            buf[o++] = s[i];
    if (i < n && s[i] == '.' && i + 1 < n && postparse__is_digit(s[i + 1])) {
        buf[o++] = '.';
        end = ruby_digits(s, n, i + 1);
        for (i++; i < end && o < sizeof(buf) - 1; i++)
            if (s[i] != '_')
                buf[o++] = s[i];
    }
    buf[o] = '\0';
    return o ? strtod(buf, NULL) : 0.0;
}

static void sexagesimal_float(postparse_value *v, const char *s, size_t n)
{
    double acc = 0;
    size_t start = 0;
    int e = 0;
    for (size_t k = 0; k <= n; k++) {
        if (k == n || s[k] == ':') {
            double x = ruby_to_f(s + start, k - start);
            int pw = abs(e - 2);
            acc += x * (pw == 2 ? 3600.0 : pw == 1 ? 60.0 : 1.0);
            e++;
            start = k + 1;
        }
    }
    v->kind = POSTPARSE_VALUE_FLOAT;
    v->u.f = acc;
}

/* FLOAT = /^(?:[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?)$/ */
static bool match_float(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    if (i < n && postparse__is_digit(s[i]))
        while (i < n &&
               (postparse__is_digit(s[i]) || s[i] == '_' || s[i] == ','))
            i++;
    if (i >= n || s[i] != '.')
        return false;
    i++;
    while (i < n && postparse__is_digit(s[i]))
        i++;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i >= n || (s[i] != '-' && s[i] != '+'))
            return false;
        i++;
        size_t st = i;
        while (i < n && postparse__is_digit(s[i]))
            i++;
        if (i == st)
            return false;
    }
    return i == n;
}

/* Float(string.gsub(/[,_]|\.([Ee]|$)/, '\1')) */
static postparse__resolve_result float_value(postparse_value *v, const char *s,
                                             size_t n,
                                             postparse__ruby_error *err)
{
    char stack[256];
    char *buf = n < sizeof(stack) ? stack : malloc(n + 1);
    if (!buf)
        return POSTPARSE__RESOLVE_NOMEM;
    size_t o = 0, mant = 0;
    bool in_exp = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ',' || c == '_')
            continue;
        if (c == '.' && (i + 1 == n || s[i + 1] == 'e' || s[i + 1] == 'E'))
            continue;
        if (c == 'e' || c == 'E')
            in_exp = true;
        else if (postparse__is_digit(c) && !in_exp)
            mant++;
        buf[o++] = c;
    }
    buf[o] = '\0';
    postparse__resolve_result r = POSTPARSE__RESOLVED;
    if (mant == 0) {
        char shown[200];
        postparse__ruby_inspect(shown, sizeof(shown), buf, o);
        ruby_raise(err, "ArgumentError", "invalid value for Float(): %s",
                   shown);
        r = POSTPARSE__RESOLVE_RAISES;
    } else {
        v->kind = POSTPARSE_VALUE_FLOAT;
        v->u.f = strtod(buf, NULL);
    }
    if (buf != stack)
        free(buf);
    return r;
}

/* INTEGER = /^(?:[-+]?0b[0-1_,]+ |[-+]?0[0-7_,]+
 *             |[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)
 * |[-+]?0x[0-9a-fA-F_,]+)$/ Returns the base (2, 8, 10, 16) of the alternative
 * that matched, 0 for none; *digits is where the digits begin. */
static unsigned match_integer(const char *s, size_t n, size_t *digits)
{
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    if (i >= n)
        return 0;
    size_t st = i;
    if (s[i] == '0' && i + 1 < n && s[i + 1] == 'b') {
        size_t k = i + 2;
        while (k < n &&
               (s[k] == '0' || s[k] == '1' || s[k] == '_' || s[k] == ','))
            k++;
        if (k == n && k > i + 2) {
            *digits = i + 2;
            return 2;
        }
    }
    if (s[i] == '0' && i + 1 < n && s[i + 1] == 'x') {
        size_t k = i + 2;
        while (k < n && (postparse__is_digit(s[k]) ||
                         (postparse__to_lower(s[k]) >= 'a' &&
                          postparse__to_lower(s[k]) <= 'f') ||
                         s[k] == '_' || s[k] == ','))
            k++;
        if (k == n && k > i + 2) {
            *digits = i + 2;
            return 16;
        }
    }
    if (s[i] == '0') {
        size_t k = i + 1;
        while (k < n &&
               ((s[k] >= '0' && s[k] <= '7') || s[k] == '_' || s[k] == ','))
            k++;
        if (k == n && k > i + 1) {
            *digits = i; /* the leading 0 counts: "0_" is 0 */
            return 8;
        }
        if (n == i + 1) {
            *digits = st;
            return 10;
        }
        return 0;
    }
    if (s[i] < '1' || s[i] > '9')
        return 0;
    i++;
    while (i < n) {
        if (postparse__is_digit(s[i]))
            i++;
        else if ((s[i] == ',' || s[i] == '_') && i + 1 < n &&
                 postparse__is_digit(s[i + 1]))
            i += 2;
        else
            return 0;
    }
    *digits = st;
    return 10;
}

/* Integer(string.gsub(/[,_]/, '')) */
static postparse__resolve_result
int_value(postparse__arena *arena, postparse_value *v, const char *s, size_t n,
          unsigned base, size_t digits, postparse__ruby_error *err)
{
    bool any = false;
    for (size_t i = digits; i < n; i++)
        any |= s[i] != '_' && s[i] != ',';
    if (!any) {
        /* "0b_" leaves "0b": Ruby's Integer() raises. */
        char plain[8] = {0}, shown[32];
        size_t o = 0;
        for (size_t i = 0; i < digits && o < 4; i++)
            plain[o++] = s[i];
        postparse__ruby_inspect(shown, sizeof(shown), plain, o);
        ruby_raise(err, "ArgumentError", "invalid value for Integer(): %s",
                   shown);
        return POSTPARSE__RESOLVE_RAISES;
    }
    return postparse__yaml_int_from_digits(arena, v, s + digits, n - digits,
                                           base, s[0] == '-');
}

static bool tokenize_word(postparse_value *v, const char *s, size_t n)
{
    if (n > 5)
        return false;
    if (n == 1 && s[0] == '~') {
        v->kind = POSTPARSE_VALUE_NULL;
        return true;
    }
    if (eq_nocase(s, n, "null")) {
        v->kind = POSTPARSE_VALUE_NULL;
        return true;
    }
    static const char *const yes[] = {"yes", "true", "on"};
    static const char *const no[] = {"no", "false", "off"};
    for (int k = 0; k < 3; k++) {
        if (eq_nocase(s, n, yes[k]) || eq_nocase(s, n, no[k])) {
            v->kind = POSTPARSE_VALUE_BOOL;
            v->u.b = eq_nocase(s, n, yes[k]);
            return true;
        }
    }
    return false;
}

/* ScalarScanner#tokenize. A string matching its first rule
 * (/^[^\d.:-]?[[:alpha:]_\s!@#$%\^&*(){}<>|\/\\~;=]+/) can match none of
 * the later rules, which all begin with a digit, a sign, '.' or ':', so
 * only its boolean and null words need testing. */
static postparse__resolve_result tokenize(postparse__arena *arena,
                                          postparse_value *v, const char *s,
                                          size_t n, postparse__ruby_error *err)
{
    set_string(v, s, n);
    if (n == 0) {
        v->kind = POSTPARSE_VALUE_NULL;
        return POSTPARSE__RESOLVED;
    }
    if (memchr(s, '\n', n) || tokenize_word(v, s, n))
        return POSTPARSE__RESOLVED;
    /* Every later rule starts with a digit, a sign, '.' or ':': the text
     * of most posts (titles, names, URLs) is a string from here. */
    if (!postparse__is_digit(s[0]) && s[0] != '-' && s[0] != '+' &&
        s[0] != '.' && s[0] != ':')
        return POSTPARSE__RESOLVED;
    if (postparse__yaml_match_time(s, n)) {
        int r = postparse__yaml_parse_time(s, n, &v->u.dt);
        if (r > 0) {
            v->kind = POSTPARSE_VALUE_TIMESTAMP;
        } else if (r < 0) {
            ruby_raise(err, "NoMethodError",
                       "undefined method `match' for nil:NilClass%s", "");
            return POSTPARSE__RESOLVE_RAISES;
        }
        return POSTPARSE__RESOLVED;
    }
    postparse_datetime d = {0};
    int dr = postparse__yaml_match_date(s, n, &d);
    if (dr >= 0) {
        if (dr > 0) {
            v->kind = POSTPARSE_VALUE_DATE;
            v->u.dt = d;
        }
        return POSTPARSE__RESOLVED;
    }
    if (eq_nocase(s, n, ".inf") || eq_nocase(s, n, "+.inf") ||
        eq_nocase(s, n, "-.inf")) {
        v->kind = POSTPARSE_VALUE_FLOAT;
        v->u.f = s[0] == '-' ? -HUGE_VAL : HUGE_VAL;
        return POSTPARSE__RESOLVED;
    }
    if (eq_nocase(s, n, ".nan")) {
        v->kind = POSTPARSE_VALUE_FLOAT;
        v->u.f = NAN;
        return POSTPARSE__RESOLVED;
    }
    if (n >= 2 && s[0] == ':')
        return disallowed(err, "Symbol");
    if (match_sexagesimal(s, n, false))
        return sexagesimal_int(arena, v, s, n);
    if (match_sexagesimal(s, n, true)) {
        sexagesimal_float(v, s, n);
        return POSTPARSE__RESOLVED;
    }
    if (match_float(s, n)) {
        /* /\A[-+]?\.\Z/ stays a string */
        if (n <= 2 && s[n - 1] == '.' && (n == 1 || s[0] == '-' || s[0] == '+'))
            return POSTPARSE__RESOLVED;
        return float_value(v, s, n, err);
    }
    size_t digits = 0;
    unsigned base = match_integer(s, n, &digits);
    if (base)
        return int_value(arena, v, s, n, base, digits, err);
    return POSTPARSE__RESOLVED;
}

/* ---- YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3.2) */

static bool core_digits(const char *s, size_t n, size_t *i, bool hex, bool oct)
{
    size_t st = *i;
    while (*i < n && (oct ? (s[*i] >= '0' && s[*i] <= '7')
                          : (postparse__is_digit(s[*i]) ||
                             (hex && postparse__to_lower(s[*i]) >= 'a' &&
                              postparse__to_lower(s[*i]) <= 'f'))))
        (*i)++;
    return *i > st;
}

static postparse__resolve_result core_tokenize(postparse__arena *arena,
                                               postparse_value *v,
                                               const char *s, size_t n)
{
    set_string(v, s, n);
    if (n == 0 || (n == 1 && s[0] == '~') || !strcmp(s, "null") ||
        !strcmp(s, "Null") || !strcmp(s, "NULL")) {
        v->kind = POSTPARSE_VALUE_NULL;
        return POSTPARSE__RESOLVED;
    }
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE") ||
        !strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE")) {
        v->kind = POSTPARSE_VALUE_BOOL;
        v->u.b = postparse__to_lower(s[0]) == 't';
        return POSTPARSE__RESOLVED;
    }
    size_t i = 0;
    if (n > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        i = 2;
        if (core_digits(s, n, &i, s[1] == 'x', s[1] == 'o') && i == n)
            return postparse__yaml_int_from_digits(arena, v, s + 2, n - 2,
                                                   s[1] == 'x' ? 16 : 8, false);
        return POSTPARSE__RESOLVED;
    }
    if (s[0] == '-' || s[0] == '+')
        i++;
    size_t st = i;
    if (core_digits(s, n, &i, false, false) && i == n)
        return postparse__yaml_int_from_digits(arena, v, s + st, n - st, 10,
                                               s[0] == '-');
    const char *t = s + st;
    size_t tn = n - st;
    if ((tn == 4 &&
         (!strcmp(t, ".inf") || !strcmp(t, ".Inf") || !strcmp(t, ".INF")))) {
        v->kind = POSTPARSE_VALUE_FLOAT;
        v->u.f = s[0] == '-' ? -HUGE_VAL : HUGE_VAL;
        return POSTPARSE__RESOLVED;
    }
    if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN")) {
        v->kind = POSTPARSE_VALUE_FLOAT;
        v->u.f = NAN;
        return POSTPARSE__RESOLVED;
    }
    /* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
    i = st;
    bool lead = core_digits(s, n, &i, false, false);
    bool frac = false;
    if (i < n && s[i] == '.') {
        i++;
        frac = core_digits(s, n, &i, false, false);
    }
    if (!lead && !frac)
        return POSTPARSE__RESOLVED;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        if (!core_digits(s, n, &i, false, false))
            return POSTPARSE__RESOLVED;
    }
    if (i != n)
        return POSTPARSE__RESOLVED;
    v->kind = POSTPARSE_VALUE_FLOAT;
    v->u.f = strtod(s, NULL);
    return POSTPARSE__RESOLVED;
}

/* ---- tags */

static bool has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

bool postparse__yaml_tag_known(const char *tag)
{
    static const char *const yaml[] = {
        "str", "int",  "float", "bool", "null",  "binary", "timestamp",
        "set", "omap", "seq",   "map",  "merge", "value",
    };
    if (!tag || !strcmp(tag, "!"))
        return true;
    for (size_t k = 0; k < sizeof(yaml) / sizeof(yaml[0]); k++)
        if (tag_is(tag, yaml[k]))
            return true;
    return !strcmp(tag, "!binary") || !strcmp(tag, "!str") ||
           !strcmp(tag, "!float") || !strcmp(tag, "!omap") ||
           !strcmp(tag, "!set");
}

const char *postparse__yaml_tag_disallowed(const char *tag,
                                           postparse_value_kind kind)
{
    if (!tag)
        return NULL;
    if (kind == POSTPARSE_VALUE_MAPPING) {
        if (!strcmp(tag, "!set") || tag_is(tag, "set"))
            return "Psych::Set";
        if (!strcmp(tag, "!omap") || tag_is(tag, "omap"))
            return "Psych::Omap";
    }
    if (!has_prefix(tag, "!ruby/") && !has_prefix(tag, "!map:") &&
        !has_prefix(tag, "!seq:") && !has_prefix(tag, "!str:"))
        return NULL;
    const char *colon = strchr(tag + 1, ':');
    if (has_prefix(tag, "!ruby/sym"))
        return "Symbol";
    if (!strcmp(tag, "!ruby/regexp"))
        return "Regexp";
    if (!strcmp(tag, "!ruby/range"))
        return "Range";
    if (has_prefix(tag, "!ruby/object") && !colon)
        return "Object";
    if (has_prefix(tag, "!ruby/struct") && !colon)
        return "Struct";
    if (has_prefix(tag, "!ruby/exception") && !colon)
        return "Exception";
    if (colon && colon[1])
        return colon + 1;
    return kind == POSTPARSE_VALUE_STRING ? NULL : "Object";
}

static postparse__resolve_result tokenize_schema(postparse__arena *arena,
                                                 postparse_value *v,
                                                 const char *s, size_t n,
                                                 postparse_yaml_schema schema,
                                                 postparse__ruby_error *err)
{
    if (schema == POSTPARSE_SCHEMA_YAML12_CORE)
        return core_tokenize(arena, v, s, n);
    return tokenize(arena, v, s, n, err);
}

postparse__resolve_result
postparse__yaml_resolve_scalar(postparse__arena *arena, postparse_value *v,
                               const char *text, size_t len, const char *tag,
                               bool quoted, postparse_yaml_schema schema,
                               postparse__ruby_error *err)
{
    set_string(v, text, len);
    if (quoted && !tag)
        return POSTPARSE__RESOLVED;
    if (!tag)
        return tokenize_schema(arena, v, text, len, schema, err);
    if (!strcmp(tag, "!binary") || tag_is(tag, "binary"))
        return postparse__yaml_base64(arena, v, text, len);
    if (tag_is(tag, "str") || !strcmp(tag, "!str") ||
        !strcmp(tag, "!ruby/string"))
        return POSTPARSE__RESOLVED;
    if (!strcmp(tag, "!ruby/class") || !strcmp(tag, "!ruby/module")) {
        char name[128];
        size_t k = len < sizeof(name) - 1 ? len : sizeof(name) - 1;
        memcpy(name, text, k);
        name[k] = '\0';
        ruby_raise(err, "Psych::DisallowedClass",
                   "Tried to load unspecified class: %s", name);
        return POSTPARSE__RESOLVE_RAISES;
    }
    const char *cls =
        postparse__yaml_tag_disallowed(tag, POSTPARSE_VALUE_STRING);
    if (cls)
        return disallowed(err, cls);
    if (tag_is(tag, "float") || !strcmp(tag, "!float")) {
        /* Float(@ss.tokenize(o.value)) */
        postparse__resolve_result r =
            tokenize_schema(arena, v, text, len, schema, err);
        if (r != POSTPARSE__RESOLVED)
            return r;
        switch ((postparse_value_kind)v->kind) {
        case POSTPARSE_VALUE_FLOAT:
            return POSTPARSE__RESOLVED;
        case POSTPARSE_VALUE_INT: {
            double f = postparse_value_float(v);
            v->flags &= (uint8_t)~POSTPARSE__VALUE_BIG;
            v->kind = POSTPARSE_VALUE_FLOAT;
            v->u.f = f;
            return POSTPARSE__RESOLVED;
        }
        case POSTPARSE_VALUE_STRING: {
            /* Ruby's Float() of the string: a decimal literal, else
             * ArgumentError. */
            char *end = NULL;
            errno = 0;
            double f = len ? strtod(text, &end) : 0;
            bool ok = len && end == text + len &&
                      !postparse__is_space(text[0]) &&
                      (postparse__is_digit(text[0]) || text[0] == '-' ||
                       text[0] == '+' || text[0] == '.') &&
                      !memchr(text, 'x', len) && !memchr(text, 'X', len) &&
                      !memchr(text, 'n', len) && !memchr(text, 'N', len);
            if (ok) {
                v->kind = POSTPARSE_VALUE_FLOAT;
                v->u.f = f;
                return POSTPARSE__RESOLVED;
            }
            char shown[200];
            postparse__ruby_inspect(shown, sizeof(shown), text, len);
            ruby_raise(err, "ArgumentError", "invalid value for Float(): %s",
                       shown);
            return POSTPARSE__RESOLVE_RAISES;
        }
        default: {
            static const char *const names[] = {
                "nil", "", "", "", "", "Time", "Date", "",
            };
            const char *what = v->kind == POSTPARSE_VALUE_BOOL
                                   ? (v->u.b ? "true" : "false")
                                   : names[v->kind];
            ruby_raise(err, "TypeError", "can't convert %s into Float", what);
            return POSTPARSE__RESOLVE_RAISES;
        }
        }
    }
    return tokenize_schema(arena, v, text, len, schema, err);
}
