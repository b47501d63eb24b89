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

#include "base_calendar.h"
#include "base_ctype.h"

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

void postparse__ruby_inspect(char *out, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    if (cap < 8) {
        if (cap)
            out[0] = '\0';
        return;
    }
    out[o++] = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        /* Ruby's one-letter escapes, as pairs: byte, letter. */
        static const char letters[] = "\"\"\\\\\nn\tt\rr\ff\vv\aa\bb\x1b"
                                      "e";
        char esc[8] = {0};
        const char *hit = NULL;
        for (size_t k = 0; c && k + 1 < sizeof(letters); k += 2)
            if ((unsigned char)letters[k] == c)
                hit = &letters[k + 1];
        if (hit) {
            esc[0] = '\\';
            esc[1] = *hit;
        } else if (c == '#' && i + 1 < len &&
                   (s[i + 1] == '{' || s[i + 1] == '$' || s[i + 1] == '@')) {
            strcpy(esc, "\\#");
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof(esc), "\\u%04X", c);
        } else {
            esc[0] = (char)c;
        }
        size_t el = strlen(esc);
        if (o + el + 5 > cap) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(out + o, esc, el);
        o += el;
    }
    out[o++] = '"';
    out[o] = '\0';
}

/* ---- big integers: little-endian limbs of 10^9, only as wide as Ruby's
 * unbounded integers need to be printed in decimal. */

typedef struct bignum {
    uint32_t *limb;
    size_t n, cap;
} bignum;

#define BIG_BASE 1000000000u

static bool big_mul_add(postparse__arena *arena, bignum *b, uint32_t mul,
                        uint32_t add)
{
    uint64_t carry = add;
    for (size_t i = 0; i < b->n; i++) {
        uint64_t x = (uint64_t)b->limb[i] * mul + carry;
        b->limb[i] = (uint32_t)(x % BIG_BASE);
        carry = x / BIG_BASE;
    }
    while (carry) {
        if (b->n == b->cap) {
            size_t cap = b->cap ? b->cap * 2 : 8;
            uint32_t *l = postparse__arena_alloc(arena, cap * sizeof(*l));
            if (!l)
                return false;
            if (b->n)
                memcpy(l, b->limb, b->n * sizeof(*l));
            b->limb = l;
            b->cap = cap;
        }
        b->limb[b->n++] = (uint32_t)(carry % BIG_BASE);
        carry /= BIG_BASE;
    }
    return true;
}

/* Subtracts sub (< BIG_BASE) from b, which is larger. */
static void big_sub_small(bignum *b, uint32_t sub)
{
    uint64_t borrow = sub;
    for (size_t i = 0; i < b->n && borrow; i++) {
        if (b->limb[i] >= borrow) {
            b->limb[i] -= (uint32_t)borrow;
            borrow = 0;
        } else {
            b->limb[i] = (uint32_t)(b->limb[i] + BIG_BASE - borrow);
            borrow = 1;
        }
    }
    while (b->n > 1 && b->limb[b->n - 1] == 0)
        b->n--;
}

/* The value as a big integer: decimal digits in the arena, or NULL. */
static bool big_store(postparse__arena *arena, postparse_value *v,
                      const bignum *b, bool negative)
{
    size_t cap = b->n * 9 + 3;
    char *p = postparse__arena_alloc(arena, cap);
    if (!p)
        return false;
    size_t o = 0;
    if (negative)
        p[o++] = '-';
    o += (size_t)sprintf(p + o, "%u", b->n ? b->limb[b->n - 1] : 0u);
    for (size_t i = b->n - 1; i-- > 0;)
        o += (size_t)sprintf(p + o, "%09u", b->limb[i]);
    v->kind = POSTPARSE_VALUE_INT;
    v->flags |= POSTPARSE__VALUE_BIG;
    v->u.s.p = p;
    v->u.s.n = o;
    return true;
}

/* Big integers in base 2, 8 or 16 past this many digits are not converted
 * (they stay strings): Ruby would, but the conversion is quadratic, and a
 * front matter full of them would cost seconds. Decimal ones are copied. */
#define BIG_MAX_DIGITS 1000

static unsigned digit_value(char c)
{
    return postparse__is_digit(c)
               ? (unsigned)(c - '0')
               : (unsigned)(postparse__to_lower(c) - 'a' + 10);
}

/* Digits (any '_' and ',' already skipped by the caller's filter) in base
 * as an int, big when needed. */
static postparse__resolve_result store_int(postparse__arena *arena,
                                           postparse_value *v, const char *d,
                                           size_t n, unsigned base,
                                           bool negative)
{
    uint64_t mag = 0;
    bool big = false;
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '_' || d[i] == ',')
            continue;
        unsigned dv = digit_value(d[i]);
        if (mag > (UINT64_MAX - dv) / base) {
            big = true;
            break;
        }
        mag = mag * base + dv;
    }
    if (!big && (mag <= (uint64_t)INT64_MAX ||
                 (negative && mag == (uint64_t)INT64_MAX + 1))) {
        v->kind = POSTPARSE_VALUE_INT;
        v->u.i = negative ? (int64_t)(0 - mag) : (int64_t)mag;
        return POSTPARSE__RESOLVED;
    }
    if (base == 10) {
        char *p = postparse__arena_alloc(arena, n + 2);
        if (!p)
            return POSTPARSE__RESOLVE_NOMEM;
        size_t o = 0;
        if (negative)
            p[o++] = '-';
        for (size_t i = 0; i < n; i++)
            if (postparse__is_digit(d[i]) &&
                (d[i] != '0' || o > (size_t)negative))
                p[o++] = d[i];
        p[o] = '\0';
        v->kind = POSTPARSE_VALUE_INT;
        v->flags |= POSTPARSE__VALUE_BIG;
        v->u.s.p = p;
        v->u.s.n = o;
        return POSTPARSE__RESOLVED;
    }
    if (n > BIG_MAX_DIGITS)
        return POSTPARSE__RESOLVED; /* stays the string set by the caller */
    bignum b = {0};
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '_' || d[i] == ',')
            continue;
        unsigned dv = digit_value(d[i]);
        if (!big_mul_add(arena, &b, base, dv))
            return POSTPARSE__RESOLVE_NOMEM;
    }
    return big_store(arena, v, &b, negative) ? POSTPARSE__RESOLVED
                                             : POSTPARSE__RESOLVE_NOMEM;
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

/* TIME = /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?
 *         (?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/ */
static bool zone_tail(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == ':')
        i++;
    if (i + 2 <= n && postparse__is_digit(s[i]) &&
        postparse__is_digit(s[i + 1]) && i + 2 == n)
        return true;
    return i == n;
}

static bool match_time(const char *s, size_t n)
{
    size_t i = 0, k;
    if (i < n && s[i] == '-')
        i++;
    for (k = 0; k < 4; k++, i++)
        if (i >= n || !postparse__is_digit(s[i]))
            return false;
    for (int part = 0; part < 2; part++) {
        if (i >= n || s[i] != '-')
            return false;
        i++;
        for (k = 0; k < 2 && i < n && postparse__is_digit(s[i]); k++)
            i++;
        if (k == 0)
            return false;
    }
    if (i < n && (s[i] == 'T' || s[i] == 't'))
        i++;
    else {
        size_t st = i;
        while (i < n && postparse__is_space(s[i]))
            i++;
        if (i == st)
            return false;
    }
    for (k = 0; k < 2 && i < n && postparse__is_digit(s[i]); k++)
        i++;
    if (k == 0)
        return false;
    for (int part = 0; part < 2; part++) {
        if (i + 3 > n || s[i] != ':' || !postparse__is_digit(s[i + 1]) ||
            !postparse__is_digit(s[i + 2]))
            return false;
        i += 3;
    }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && postparse__is_digit(s[i]))
            i++;
    }
    if (i == n)
        return true;
    while (i < n && postparse__is_space(s[i]))
        i++;
    if (i < n && s[i] == 'Z')
        return i + 1 == n;
    if (i >= n || (s[i] != '-' && s[i] != '+'))
        return false;
    i++;
    if (i + 2 <= n && postparse__is_digit(s[i]) &&
        postparse__is_digit(s[i + 1]) && zone_tail(s, n, i + 2))
        return true;
    return i < n && postparse__is_digit(s[i]) && zone_tail(s, n, i + 1);
}

/* Days of month m; before the Gregorian reform, Psych's Date counts by
 * the Julian calendar, whose every fourth year is leap. */
static int days_in_month(int64_t y, int m, bool julian)
{
    if (julian && m == 2)
        return y % 4 == 0 ? 29 : 28;
    return postparse__days_in_month(y, m);
}

static int parse_small(const char *s, size_t n, size_t *i)
{
    int x = 0;
    while (*i < n && postparse__is_digit(s[*i]) && x < 100000)
        x = x * 10 + (s[(*i)++] - '0');
    return x;
}

/* ScalarScanner#parse_time, with the range checks of Ruby's Time.utc and
 * Time.new (day 29..31 rolls over into the next month, 24:00:00 and a
 * 60th second roll forward, anything else out of range raises, which
 * leaves the scalar a string). Returns 1 on success, 0 when Ruby raises
 * ArgumentError, -1 when it raises NoMethodError (a tab between date and
 * time). */
static int parse_time(const char *s, size_t n, postparse_datetime *out)
{
    size_t i = 0;
    bool neg = false;
    if (s[i] == '-') {
        neg = true;
        i++;
    }
    int64_t y = parse_small(s, n, &i);
    if (neg)
        y = -y;
    i++;
    int mo = parse_small(s, n, &i);
    i++;
    int d = parse_small(s, n, &i);
    /* date, time = string.split(/[ tT]/, 2) */
    size_t sep = 0;
    while (sep < n && s[sep] != ' ' && s[sep] != 't' && s[sep] != 'T')
        sep++;
    if (sep == n)
        return -1;
    i = sep + 1;
    while (i < n && !postparse__is_digit(s[i]))
        i++;
    int h = parse_small(s, n, &i);
    i++;
    int mi = parse_small(s, n, &i);
    i++;
    int se = parse_small(s, n, &i);
    uint32_t ns = 0;
    if (i < n && s[i] == '.') {
        i++;
        uint32_t scale = 100000000;
        while (i < n && postparse__is_digit(s[i])) {
            ns += (uint32_t)(s[i] - '0') * scale;
            scale /= 10;
            i++;
        }
    }
    while (i < n && postparse__is_space(s[i]))
        i++;
    bool has_zone = i < n;
    int32_t offset = 0;
    if (has_zone && s[i] != 'Z') {
        /* tz = md[3].match(/^([+\-]?\d{1,2})\:?(\d{1,2})?$/) */
        bool zneg = s[i] == '-';
        i++;
        int zh = 0, zm = 0;
        size_t k = 0;
        for (; k < 2 && i < n && postparse__is_digit(s[i]); k++)
            zh = zh * 10 + (s[i++] - '0');
        if (i < n && s[i] == ':')
            i++;
        for (; i < n && postparse__is_digit(s[i]);)
            zm = zm * 10 + (s[i++] - '0');
        /* offset = tz.first * 3600: "-0" is 0, so "-00:30" is +00:30 */
        int64_t off = (int64_t)(zneg ? -zh : zh) * 3600;
        off += (off < 0 ? -1 : 1) * (int64_t)zm * 60;
        if (off <= -86400 || off >= 86400)
            return 0;
        offset = (int32_t)off;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || se > 60 ||
        (h == 24 && (mi || se || ns)))
        return 0;
    /* Roll over the way Ruby's timegm does. */
    int64_t carry_days = 0;
    if (se == 60) {
        se = 0;
        if (++mi == 60) {
            mi = 0;
            h++;
        }
    }
    if (h == 24) {
        h = 0;
        carry_days = 1;
    }
    d += (int)carry_days;
    while (d > days_in_month(y, mo, false)) {
        d -= days_in_month(y, mo, false);
        if (++mo == 13) {
            mo = 1;
            y++;
        }
    }
    out->year = y;
    out->month = mo;
    out->day = d;
    out->hour = h;
    out->minute = mi;
    out->second = se;
    out->nanosecond = ns;
    out->utc_offset = offset;
    out->has_time = true;
    out->has_offset = has_zone;
    return 1;
}

/* /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/, then
 * Date.strptime(string, '%Y-%m-%d'): Julian calendar before 1582-10-15. */
static int match_date(const char *s, size_t n, postparse_datetime *out)
{
    if (n < 8 || n > 10)
        return -1;
    for (int k = 0; k < 4; k++)
        if (!postparse__is_digit(s[k]))
            return -1;
    if (s[4] != '-')
        return -1;
    size_t i = 5, st = 5;
    while (i < n && postparse__is_digit(s[i]))
        i++;
    size_t ml = i - st;
    if (ml < 1 || ml > 2 || i >= n || s[i] != '-')
        return -1;
    if (ml == 2 && !(s[st] == '0' || (s[st] == '1' && s[st + 1] <= '2')))
        return -1;
    size_t ds = ++i;
    while (i < n && postparse__is_digit(s[i]))
        i++;
    size_t dl = i - ds;
    if (i != n || dl < 1 || dl > 2)
        return -1;
    if (dl == 2 && !(s[ds] == '0' || s[ds] == '1' || s[ds] == '2' ||
                     (s[ds] == '3' && s[ds + 1] <= '1')))
        return -1;
    size_t p = 0;
    int64_t y = parse_small(s, n, &p);
    p = st;
    int m = parse_small(s, n, &p);
    p = ds;
    int d = parse_small(s, n, &p);
    if (m < 1 || d < 1)
        return 0;
    bool julian = y < 1582 || (y == 1582 && (m < 10 || (m == 10 && d < 15)));
    if (y == 1582 && m == 10 && d > 4 && d < 15)
        return 0;
    if (d > days_in_month(y, m, julian))
        return 0;
    out->year = y;
    out->month = m;
    out->day = d;
    return 1;
}

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
    bignum b = {0};
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
    if (end - st > BIG_MAX_DIGITS)
        return POSTPARSE__RESOLVED; /* stays a string */
    for (size_t k = st; k < end; k++)
        if (s[k] != '_' && !big_mul_add(arena, &b, 10, (uint32_t)(s[k] - '0')))
            return POSTPARSE__RESOLVE_NOMEM;
    if (!big_mul_add(arena, &b, 3600, 0))
        return POSTPARSE__RESOLVE_NOMEM;
    if (neg)
        big_sub_small(&b, (uint32_t)rest);
    else if (!big_mul_add(arena, &b, 1, (uint32_t)rest))
        return POSTPARSE__RESOLVE_NOMEM;
    return big_store(arena, v, &b, neg) ? POSTPARSE__RESOLVED
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
    return store_int(arena, v, s + digits, n - digits, base, s[0] == '-');
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
    if (match_time(s, n)) {
        int r = parse_time(s, n, &v->u.dt);
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
    int dr = match_date(s, n, &d);
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
            return store_int(arena, v, s + 2, n - 2, s[1] == 'x' ? 16 : 8,
                             false);
        return POSTPARSE__RESOLVED;
    }
    if (s[0] == '-' || s[0] == '+')
        i++;
    size_t st = i;
    if (core_digits(s, n, &i, false, false) && i == n)
        return store_int(arena, v, s + st, n - st, 10, s[0] == '-');
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

/* String#unpack('m'): lenient base64 that skips what is not in the
 * alphabet and stops at '='. */
static postparse__resolve_result binary_value(postparse__arena *arena,
                                              postparse_value *v, const char *s,
                                              size_t n)
{
    unsigned char *out = postparse__arena_alloc(arena, n / 4 * 3 + 4);
    if (!out)
        return POSTPARSE__RESOLVE_NOMEM;
    size_t o = 0, i = 0;
    int q[4];
    int got = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i++];
        int x;
        if (c >= 'A' && c <= 'Z')
            x = c - 'A';
        else if (c >= 'a' && c <= 'z')
            x = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            x = c - '0' + 52;
        else if (c == '+')
            x = 62;
        else if (c == '/')
            x = 63;
        else if (c == '=' && got >= 2)
            break;
        else
            continue;
        q[got++] = x;
        if (got == 4) {
            out[o++] = (unsigned char)(q[0] << 2 | q[1] >> 4);
            out[o++] = (unsigned char)(q[1] << 4 | q[2] >> 2);
            out[o++] = (unsigned char)(q[2] << 6 | q[3]);
            got = 0;
        }
    }
    if (got >= 2)
        out[o++] = (unsigned char)(q[0] << 2 | q[1] >> 4);
    if (got == 3)
        out[o++] = (unsigned char)(q[1] << 4 | q[2] >> 2);
    out[o] = 0;
    v->kind = POSTPARSE_VALUE_BINARY;
    v->u.s.p = (const char *)out;
    v->u.s.n = o;
    return POSTPARSE__RESOLVED;
}

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
        return binary_value(arena, v, text, len);
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
