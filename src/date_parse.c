/* SPDX-License-Identifier: MIT */
/* Jekyll's date strings: an emulation of Ruby's Time.parse (time.rb) on top
 * of Date._parse (date_parse.c of Ruby's date 3.2) for the forms blogs use.
 * Date._parse is a chain of unanchored regular expressions, each replacing
 * what it matched with a space; the steps below follow that chain for the
 * numeric forms and give up (UNSUPPORTED) where a step postparse does not
 * model (month and day names, week dates, bare digit runs) could fire. */
#include "date.h"
#include "timezone.h"

#include <string.h>

#define MAX_CHARS 128  /* Date._parse's default limit */
#define MAX_BYTES 1024 /* room for MAX_CHARS characters of UTF-8 */
#define NUM_CAP 1000000000LL

typedef struct view {
    size_t off, len; /* in the input; len 0 = absent */
} view;

typedef struct parsed {
    const char *s; /* normalized copy, same offsets as the input */
    size_t n;
    bool has_year, has_mon, has_mday, has_hour, has_min, has_sec, has_frac;
    bool comp_off;
    int64_t year, mon, mday, hour, min, sec;
    int32_t nsec;
    view v_year, v_mon, v_mday, v_hour, v_min, v_sec;
    view zone;
    bool unsupported;
} parsed;

static bool dig(char c)
{
    return c >= '0' && c <= '9';
}

static bool alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool word(char c)
{
    return dig(c) || alpha(c) || c == '_';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool ci_prefix(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (lower(s[i]) != w[i])
            return false;
    return true;
}

static size_t run(const char *s, size_t n, size_t i, bool (*cls)(char))
{
    size_t j = i;
    while (j < n && cls(s[j]))
        j++;
    return j - i;
}

static bool is_space(char c)
{
    return c == ' ';
}

/* Decimal value of digits, saturating at NUM_CAP (leading zeros are free). */
static int64_t num(const char *p, size_t len)
{
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        v = v * 10 + (p[i] - '0');
        if (v >= NUM_CAP)
            v = NUM_CAP;
    }
    return v;
}

static void blank(char *s, size_t from, size_t to)
{
    memset(s + from, ' ', to - from);
}

/* ---- parse_time ---- */

static const char *const day_abbrs[] = {"sun", "mon", "tue", "wed",
                                        "thu", "fri", "sat"};
static const char *const month_abbrs[] = {"jan", "feb", "mar", "apr",
                                          "may", "jun", "jul", "aug",
                                          "sep", "oct", "nov", "dec"};

/* `\s*[ap](?:m\b|\.m\.)` at i: returns the end, or 0. */
static size_t ampm_at(const char *s, size_t n, size_t i, char *which)
{
    size_t j = i + run(s, n, i, is_space);
    if (j >= n || (lower(s[j]) != 'a' && lower(s[j]) != 'p'))
        return 0;
    if (j + 1 < n && lower(s[j + 1]) == 'm' &&
        (j + 2 >= n || !word(s[j + 2]))) {
        *which = lower(s[j]);
        return j + 2;
    }
    if (j + 3 < n && s[j + 1] == '.' && lower(s[j + 2]) == 'm' &&
        s[j + 3] == '.') {
        *which = lower(s[j]);
        return j + 4;
    }
    return 0;
}

/* The zone group after a time, at i (after `\s*`). Returns its end or i. */
static size_t zone_at(parsed *p, size_t i)
{
    const char *s = p->s;
    size_t n = p->n;
    size_t j = i + run(s, n, i, is_space);
    size_t k = j;
    if (ci_prefix(s + k, n - k, "gmt"))
        k += 3;
    else if (ci_prefix(s + k, n - k, "utc"))
        k += 3;
    else if (ci_prefix(s + k, n - k, "ut"))
        k += 2;
    if (k < n && (s[k] == '+' || s[k] == '-') && k + 1 < n && dig(s[k + 1])) {
        k += 1 + run(s, n, k + 1, dig);
        if (k + 1 < n && (s[k] == ',' || s[k] == '.' || s[k] == ':') &&
            dig(s[k + 1])) {
            k += 1 + run(s, n, k + 1, dig);
            if (k + 1 < n && s[k] == ':' && dig(s[k + 1]))
                k += 1 + run(s, n, k + 1, dig);
        }
        p->zone = (view){j, k - j};
        return k;
    }
    if (j < n && alpha(s[j])) {
        size_t w = j + run(s, n, j, alpha);
        /* "Pacific standard time" would be one zone: not modelled. */
        for (size_t q = j; q < n && (alpha(s[q]) || s[q] == '.' || s[q] == ' ');
             q++)
            if (ci_prefix(s + q, n - q, "standard time") ||
                ci_prefix(s + q, n - q, "daylight time"))
                p->unsupported = true;
        if (w < n && word(s[w]))
            return i; /* no \b after the letters: no zone */
        size_t sp = w + run(s, n, w, is_space);
        if (sp > w && ci_prefix(s + sp, n - sp, "dst") &&
            (sp + 3 >= n || !word(s[sp + 3])))
            w = sp + 3;
        p->zone = (view){j, w - j};
        return w;
    }
    return i;
}

/* Date._parse's parse_time: the first digit run that starts a time. */
static void parse_time(parsed *p, char *s)
{
    size_t n = p->n;
    for (size_t i = 0; i < n;) {
        if (!dig(s[i])) {
            i++;
            continue;
        }
        size_t h_len = run(s, n, i, dig);
        size_t j = i + h_len;
        size_t c = j + run(s, n, j, is_space);
        size_t end = 0;
        char ap = 0;
        if (c < n && s[c] == ':') {
            size_t m0 = c + 1 + run(s, n, c + 1, is_space);
            if (m0 < n && dig(s[m0])) {
                size_t m_len = run(s, n, m0, dig);
                p->has_hour = p->has_min = true;
                p->v_hour = (view){i, h_len};
                p->v_min = (view){m0, m_len};
                end = m0 + m_len;
                size_t c2 = end + run(s, n, end, is_space);
                if (c2 < n && s[c2] == ':') {
                    size_t s0 = c2 + 1 + run(s, n, c2 + 1, is_space);
                    if (s0 < n && dig(s[s0])) {
                        size_t s_len = run(s, n, s0, dig);
                        p->has_sec = true;
                        p->v_sec = (view){s0, s_len};
                        end = s0 + s_len;
                        if (end < n && (s[end] == ',' || s[end] == '.')) {
                            size_t f_len = run(s, n, end + 1, dig);
                            if (f_len > 0) {
                                int32_t ns = 0;
                                for (size_t q = 0; q < 9; q++)
                                    ns = ns * 10 +
                                         (q < f_len ? s[end + 1 + q] - '0' : 0);
                                p->has_frac = true;
                                p->nsec = ns;
                            }
                            end += 1 + f_len;
                        }
                    }
                }
                size_t a = ampm_at(s, n, end, &ap);
                if (a)
                    end = a;
            }
        } else if (c < n && lower(s[c]) == 'h') {
            p->unsupported = true; /* 10h30m: not modelled */
            return;
        } else if ((end = ampm_at(s, n, j, &ap)) != 0) {
            p->has_hour = true;
            p->v_hour = (view){i, h_len};
        }
        if (!end) {
            i = j;
            continue;
        }
        p->hour = num(s + i, h_len);
        if (p->has_min)
            p->min = num(s + p->v_min.off, p->v_min.len);
        if (p->has_sec)
            p->sec = num(s + p->v_sec.off, p->v_sec.len);
        if (ap) {
            p->hour %= 12;
            if (ap == 'p')
                p->hour += 12;
        }
        end = zone_at(p, end);
        blank(s, i, end);
        return;
    }
}

/* ---- the date: parse_iso, parse_sla, parse_dot and s3e ---- */

/* Ruby's s3e: which of three digit strings is the year. */
static void s3e(parsed *p, view y, view m, view d)
{
    const char *s = p->s;
    view t;
    if (y.len && m.len && !d.len) {
        d = m;
        m = y;
        y = (view){0, 0};
    }
    if (!y.len && d.len && (d.len > 2 || s[d.off] == '\'')) {
        y = d;
        d = (view){0, 0};
    }
    if (m.len && (s[m.off] == '\'' || m.len > 2)) {
        t = y;
        y = m;
        m = d;
        d = t;
    }
    if (d.len && (s[d.off] == '\'' || d.len > 2)) {
        t = y;
        y = d;
        d = t;
    }
    if (y.len) {
        size_t i = y.off, e = y.off + y.len;
        while (i < e && !dig(s[i]) && s[i] != '-' && s[i] != '+')
            i++;
        if (i < e) {
            bool neg = s[i] == '-';
            if (s[i] == '-' || s[i] == '+') {
                p->comp_off = true;
                i++;
            }
            size_t l = run(s, e, i, dig);
            if (l > 2)
                p->comp_off = true;
            size_t z = i;
            while (z < i + l && s[z] == '0')
                z++;
            if (i + l - z > 9)
                p->unsupported = true; /* Ruby's years are unbounded */
            p->has_year = true;
            p->year = num(s + i, l) * (neg ? -1 : 1);
            p->v_year = y;
        }
    }
    view *vs[2] = {&m, &d};
    for (int k = 0; k < 2; k++) {
        view v = *vs[k];
        if (!v.len)
            continue;
        size_t i = v.off, e = v.off + v.len;
        while (i < e && !dig(s[i]))
            i++;
        if (i >= e)
            continue;
        int64_t val = num(s + i, run(s, e, i, dig));
        if (k == 0) {
            p->has_mon = true;
            p->mon = val;
            p->v_mon = v;
        } else {
            p->has_mday = true;
            p->mday = val;
            p->v_mday = v;
        }
    }
}

/* One field `'?` `[-+]?` (if sign is "+-"/"-"/"") `\d+` at i; 0 if none. */
static size_t field_at(const char *s, size_t n, size_t i, bool apos,
                       const char *signs)
{
    size_t j = i;
    if (apos && j < n && s[j] == '\'')
        j++;
    if (j < n && s[j] && strchr(signs, s[j]))
        j++;
    size_t l = run(s, n, j, dig);
    return l ? j + l : 0;
}

/* `('?[-+]?\d+)-(\d+)-('?-?\d+)` (sep '-'), `('?-?\d+)\.\s*('?\d+)\.\s*
 * ('?-?\d+)` (sep '.'), or the slash form, leftmost; fills y, m, d. */
static bool date_at(const char *s, size_t n, size_t i, char sep, view *y,
                    view *m, view *d, size_t *end)
{
    size_t a = field_at(s, n, i, true, sep == '-' ? "+-" : "-");
    if (!a || a >= n || s[a] != sep)
        return false;
    *y = (view){i, a - i};
    size_t b0 = a + 1;
    if (sep != '-')
        b0 += run(s, n, b0, is_space);
    size_t b = field_at(s, n, b0, sep != '-', "");
    if (!b)
        return false;
    *m = (view){b0, b - b0};
    if (sep == '/') {
        /* (?:\D\s*('?-?\d+))? */
        *d = (view){0, 0};
        *end = b;
        if (b < n && !dig(s[b])) {
            size_t c0 = b + 1 + run(s, n, b + 1, is_space);
            size_t c = field_at(s, n, c0, true, "-");
            if (c) {
                *d = (view){c0, c - c0};
                *end = c;
            }
        }
        return true;
    }
    if (b >= n || s[b] != sep)
        return false;
    size_t c0 = b + 1;
    if (sep != '-')
        c0 += run(s, n, c0, is_space);
    size_t c = field_at(s, n, c0, true, "-");
    if (!c)
        return false;
    *d = (view){c0, c - c0};
    *end = c;
    return true;
}

static bool find_date(parsed *p, char *s, char sep)
{
    if (!memchr(s, sep, p->n))
        return false;
    for (size_t i = 0; i < p->n; i++) {
        view y, m, d;
        size_t end;
        if (date_at(s, p->n, i, sep, &y, &m, &d, &end)) {
            s3e(p, y, m, d);
            blank(s, i, end);
            return true;
        }
    }
    return false;
}

/* Letters left after the time: only those no step of Date._parse reacts to
 * (month names, bc, week dates, ordinals, Japanese eras would). */
static bool harmless_letters(const char *s, size_t n, bool t_digit_ok)
{
    for (size_t i = 0; i < n;) {
        if (!alpha(s[i])) {
            i++;
            continue;
        }
        size_t l = run(s, n, i, alpha);
        bool ok = false;
        if (l == 1 && lower(s[i]) == 't')
            ok = t_digit_ok || i + 1 >= n || !dig(s[i + 1]);
        else if (l == 1 && lower(s[i]) == 'z')
            ok = true;
        else if ((l == 3 &&
                  (ci_prefix(s + i, l, "utc") || ci_prefix(s + i, l, "gmt"))) ||
                 (l == 2 && ci_prefix(s + i, l, "ut")))
            ok = true;
        if (!ok)
            return false;
        i += l;
    }
    return true;
}

static bool has_day_name(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!alpha(s[i]) || (i > 0 && word(s[i - 1])))
            continue;
        for (size_t k = 0; k < 7; k++)
            if (ci_prefix(s + i, n - i, day_abbrs[k]))
                return true;
    }
    return false;
}

/* Without digits only a month name (giving this year's month, so a value
 * that depends on today) makes Date._parse find something. */
static bool has_month_word(const char *s, size_t n)
{
    char tmp[MAX_BYTES];
    memcpy(tmp, s, n);
    /* parse_day runs first and swallows the rest of its word. */
    for (size_t i = 0; i < n; i++) {
        if (!alpha(tmp[i]) || (i > 0 && word(tmp[i - 1])))
            continue;
        bool day = false;
        for (size_t k = 0; k < 7; k++)
            day = day || ci_prefix(tmp + i, n - i, day_abbrs[k]);
        if (day) {
            size_t j = i;
            while (j < n && tmp[j] != '-' && tmp[j] != '/' && tmp[j] != ' ' &&
                   !dig(tmp[j]))
                j++;
            blank(tmp, i, j);
            break;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!alpha(tmp[i]) || (i > 0 && word(tmp[i - 1])))
            continue;
        for (size_t k = 0; k < 12; k++)
            if (ci_prefix(tmp + i, n - i, month_abbrs[k]))
                return true;
    }
    return false;
}

/* ---- Time.parse: zone_offset, apply_offset, Time.utc/local ---- */

/* Ruby's divmod: q = floor(a / b), a = q * b + r. */
static int64_t divmod(int64_t a, int64_t b, int64_t *r)
{
    int64_t q = postparse__floor_div(a, b);
    *r = a - q * b;
    return q;
}

/* time.rb's month_days, including Ruby's negative array index for month 0
 * and nil (returned as 0) past December. */
static int64_t month_days(int64_t y, int64_t m)
{
    static const int common[12] = {31, 28, 31, 30, 31, 30,
                                   31, 31, 30, 31, 30, 31};
    int64_t i = m - 1;
    if (i < -12 || i >= 12)
        return 0;
    if (i < 0)
        i += 12;
    return common[i] + (i == 1 && postparse__is_leap(y));
}

/* time.rb's apply_offset, quirks and all: only the parts of the offset that
 * are non-zero normalize their field, and a day carry moves at most to the
 * neighbouring month's edge. */
static void apply_offset(int64_t *year, int64_t *mon, int64_t *day,
                         int64_t *hour, int64_t *min, int64_t *sec, int64_t off)
{
    int64_t o;
    if (off < 0) {
        off = -off;
        off = divmod(off, 60, &o);
        if (o) {
            *sec += o;
            o = divmod(*sec, 60, sec);
            off += o;
        }
        off = divmod(off, 60, &o);
        if (o) {
            *min += o;
            o = divmod(*min, 60, min);
            off += o;
        }
        off = divmod(off, 24, &o);
        if (o) {
            *hour += o;
            o = divmod(*hour, 24, hour);
            off += o;
        }
        if (off) {
            *day += off;
            int64_t days = month_days(*year, *mon);
            if (days && days < *day) {
                *mon += 1;
                if (*mon > 12) {
                    *mon = 1;
                    *year += 1;
                }
                *day = 1;
            }
        }
    } else if (off > 0) {
        off = divmod(off, 60, &o);
        if (o) {
            *sec -= o;
            o = divmod(*sec, 60, sec);
            off -= o;
        }
        off = divmod(off, 60, &o);
        if (o) {
            *min -= o;
            o = divmod(*min, 60, min);
            off -= o;
        }
        off = divmod(off, 24, &o);
        if (o) {
            *hour -= o;
            o = divmod(*hour, 24, hour);
            off -= o;
        }
        if (off) {
            *day -= off;
            if (*day < 1) {
                *mon -= 1;
                if (*mon < 1) {
                    *year -= 1;
                    *mon = 12;
                }
                *day = month_days(*year, *mon);
            }
        }
    }
}

static bool zone_is(const char *z, size_t n, const char *w)
{
    return strlen(w) == n && ci_prefix(z, n, w);
}

/* time.rb's zone_offset. */
static bool zone_offset(const char *z, size_t n, int64_t year,
                        const postparse_tz *tz, int32_t *off)
{
    static const struct {
        const char *name;
        int hours;
    } table[] = {{"utc", 0},  {"z", 0},    {"ut", 0},   {"gmt", 0},
                 {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
                 {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
    char up[16];
    if (n >= 2 && (z[0] == '+' || z[0] == '-')) {
        int sign = z[0] == '-' ? -1 : 1;
        bool all = true;
        for (size_t i = 1; i < n; i++)
            all = all && (dig(z[i]) || z[i] == ':');
        if (!all)
            return false;
        /* \A([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?\z or \A[+-]\d\d\z */
        const char *d = z + 1;
        size_t m = n - 1;
        int h, mi = 0, se = 0;
        if (m == 2 && dig(d[0]) && dig(d[1])) {
            h = (d[0] - '0') * 10 + d[1] - '0';
        } else {
            bool colon = m >= 3 && d[2] == ':';
            size_t step = colon ? 3 : 2;
            if (!((m == step + 2) || (m == 2 * step + 2)))
                return false;
            for (size_t i = 0; i < m; i++)
                if ((i + 1) % 3 == 0 && colon ? d[i] != ':' : !dig(d[i]))
                    return false;
            h = (d[0] - '0') * 10 + d[1] - '0';
            mi = (d[step] - '0') * 10 + d[step + 1] - '0';
            if (m == 2 * step + 2)
                se = (d[2 * step] - '0') * 10 + d[2 * step + 1] - '0';
        }
        *off = sign * ((h * 60 + mi) * 60 + se);
        return true;
    }
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (zone_is(z, n, table[i].name)) {
            *off = table[i].hours * 3600;
            return true;
        }
    if (n == 1 && alpha(z[0]) && lower(z[0]) != 'j') {
        /* Military zones: A..M east (no J), N..Y west. */
        int c = lower(z[0]) - 'a';
        if (c <= 8)
            *off = (c + 1) * 3600;
        else if (c <= 12)
            *off = c * 3600;
        else if (c <= 24)
            *off = -(c - 12) * 3600;
        else
            return false;
        return true;
    }
    if (!tz || n >= sizeof up)
        return false;
    for (size_t i = 0; i < n; i++)
        up[i] = (char)(lower(z[i]) - (alpha(z[i]) ? 'a' - 'A' : 0));
    return postparse__tz_abbreviation_offset(tz, year, up, n, off);
}

static void fail(postparse_date_result *r, postparse_date_status st,
                 const char *code, const char *message, view where)
{
    r->status = st;
    r->code = code;
    r->message = message;
    r->where_offset = where.off;
    r->where_length = where.len;
}

static void unsupported(postparse_date_result *r, size_t len)
{
    fail(r, POSTPARSE_DATE_UNSUPPORTED, "date-unsupported-form",
         "date in a form postparse does not model; expected YYYY-MM-DD "
         "[HH:MM[:SS[.frac]]] [+HH:MM|Z]",
         (view){0, len});
}

postparse_date_status postparse_date_parse_jekyll(const char *s, size_t len,
                                                  const postparse_tz *site_zone,
                                                  postparse_date_result *out)
{
    memset(out, 0, sizeof *out);
    view whole = {0, len};
    size_t chars = 0;
    bool ascii = true, digits = false, letters = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        chars += (c & 0xC0) != 0x80;
        ascii = ascii && c < 0x80;
        digits = digits || dig((char)c);
        letters = letters || alpha((char)c);
    }
    if (chars > MAX_CHARS || len > MAX_BYTES) {
        fail(out, POSTPARSE_DATE_INVALID, "date-too-long",
             "date string longer than 128 characters; Ruby's Date._parse "
             "rejects it",
             whole);
        return out->status;
    }
    if (!digits && !letters) {
        fail(out, POSTPARSE_DATE_INVALID, "date-no-date",
             "no date or time in the string; expected YYYY-MM-DD", whole);
        return out->status;
    }
    if (!ascii) {
        unsupported(out, len);
        return out->status;
    }
    char buf[MAX_BYTES];
    /* [^-+',./:@[:alnum:]\[\]] become spaces (runs are kept as runs, so
     * that offsets stay those of the input). */
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        buf[i] =
            (word(c) && c != '_') || (c && strchr("-+',./:@[]", c)) ? c : ' ';
    }
    parsed p = {0};
    p.s = buf;
    p.n = len;
    if (!digits) {
        if (has_month_word(buf, len))
            unsupported(out, len);
        else
            fail(out, POSTPARSE_DATE_INVALID, "date-no-date",
                 "no date or time in the string; expected YYYY-MM-DD", whole);
        return out->status;
    }
    if (has_day_name(buf, len)) {
        unsupported(out, len);
        return out->status;
    }
    parse_time(&p, buf);
    if (p.unsupported) {
        unsupported(out, len);
        return out->status;
    }
    bool found = find_date(&p, buf, '-');
    if (!harmless_letters(buf, len, found)) {
        unsupported(out, len);
        return out->status;
    }
    if (!found)
        found = find_date(&p, buf, '/') || find_date(&p, buf, '.');
    /* Past a million years Ruby's local time stops following the zone's
     * rules (glibc's limits); such dates are not worth modelling. */
    if (!found || p.unsupported || !p.has_year || p.year > 1000000 ||
        p.year < -1000000) {
        unsupported(out, len);
        return out->status;
    }
    /* parse_frag: a lone 1-2 digit number left over is the hour. */
    {
        size_t i = run(buf, len, 0, is_space);
        size_t l = run(buf, len, i, dig);
        if (l >= 1 && l <= 2 && i + l + run(buf, len, i + l, is_space) == len &&
            p.has_hour != p.has_mday) {
            int64_t v = num(buf + i, l);
            if (p.has_hour && v >= 1 && v <= 31) {
                p.has_mday = true;
                p.mday = v;
                p.v_mday = (view){i, l};
            } else if (p.has_mday && v <= 24) {
                p.has_hour = true;
                p.hour = v;
                p.v_hour = (view){i, l};
            }
        }
    }
    if (!p.comp_off && p.year >= 0 && p.year <= 99)
        p.year += p.year >= 69 ? 1900 : 2000;

    int64_t year = p.year, mon = p.has_mon ? p.mon : 1;
    int64_t day = p.has_mday ? p.mday : 1, hour = p.has_hour ? p.hour : 0;
    int64_t min = p.has_min ? p.min : 0, sec = p.has_sec ? p.sec : 0;
    int32_t off = 0;
    bool has_off = p.zone.len && zone_offset(s + p.zone.off, p.zone.len, year,
                                             site_zone, &off);
    postparse_datetime *w = &out->written;
    w->year = year;
    w->month = (int)mon;
    w->day = (int)day;
    w->hour = (int)hour;
    w->minute = (int)min;
    w->second = (int)sec;
    w->nanosecond = p.nsec;
    w->utc_offset = off;
    w->has_time = p.has_hour;
    w->has_offset = has_off;
    if (has_off)
        apply_offset(&year, &mon, &day, &hour, &min, &sec, off);
    /* Time.utc / Time.local argument checks (time.c's time_arg). */
    view v_whole = whole;
    if (has_off && (off <= -86400 || off >= 86400)) {
        /* time.rb's force_zone! ends in Time#localtime(offset), which
         * raises "utc_offset out of range" unless -86400 < offset < 86400
         * (time.c's utc_offset_arg): +24, +2400, +23:60, +23:59:60, -99. */
        fail(out, POSTPARSE_DATE_INVALID, "date-offset-out-of-range",
             "UTC offset out of range; expected -23:59 to +23:59", p.zone);
    } else if (mon < 1 || mon > 12) {
        fail(out, POSTPARSE_DATE_INVALID, "date-month-out-of-range",
             "month out of range; expected 1 to 12",
             p.v_mon.len ? p.v_mon : v_whole);
    } else if (day < 1 || day > 31) {
        fail(out, POSTPARSE_DATE_INVALID, "date-day-out-of-range",
             "day out of range; expected 1 to 31 (a day past the month's end "
             "rolls over, 32 and more are rejected)",
             p.v_mday.len ? p.v_mday : v_whole);
    } else if (hour < 0 || hour > 24) {
        fail(out, POSTPARSE_DATE_INVALID, "date-hour-out-of-range",
             "hour out of range; expected 0 to 23 (24:00:00 is accepted)",
             p.v_hour.len ? p.v_hour : v_whole);
    } else if (min < 0 || min > 59 || (hour == 24 && min != 0)) {
        fail(out, POSTPARSE_DATE_INVALID, "date-minute-out-of-range",
             "minute out of range; expected 0 to 59",
             p.v_min.len ? p.v_min : v_whole);
    } else if (sec < 0 || sec > 60 || (hour == 24 && sec != 0)) {
        fail(out, POSTPARSE_DATE_INVALID, "date-second-out-of-range",
             "second out of range; expected 0 to 59 (60 is accepted)",
             p.v_sec.len ? p.v_sec : v_whole);
    }
    if (out->status == POSTPARSE_DATE_INVALID)
        return out->status;
    postparse_datetime f = {0};
    f.year = year;
    f.month = (int)mon;
    f.day = (int)day;
    f.hour = (int)hour;
    f.minute = (int)min;
    f.second = (int)sec;
    if (has_off)
        out->unix_seconds = postparse_datetime_to_unix(&f);
    else if (site_zone)
        out->unix_seconds = postparse_tz_local_to_unix(site_zone, &f, NULL);
    else
        out->unix_seconds = postparse_datetime_to_unix(&f);
    out->nanosecond = p.nsec;
    if (site_zone)
        postparse_tz_localize(site_zone, out->unix_seconds, p.nsec,
                              &out->value);
    else
        postparse_datetime_from_unix(out->unix_seconds, p.nsec, 0, &out->value);
    out->status = POSTPARSE_DATE_OK;
    if (!postparse_date_is_valid(w->year, w->month, w->day) || w->hour > 23 ||
        w->minute > 59 || w->second > 59) {
        view at = !postparse_date_is_valid(w->year, w->month, w->day)
                      ? (w->month < 1 || w->month > 12 ? p.v_mon : p.v_mday)
                  : w->hour > 23   ? p.v_hour
                  : w->minute > 59 ? p.v_min
                                   : p.v_sec;
        fail(out, POSTPARSE_DATE_ROLLED_OVER, "date-rolled-over",
             "impossible date or time; Jekyll rolls it over to a later one",
             at.len ? at : v_whole);
    }
    return out->status;
}
