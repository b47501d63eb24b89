/* SPDX-License-Identifier: MIT */
/* Ruby 3.1's Date._parse (ext/date/date_parse.c, date__parse, without
 * TIGHT_PARSER), ported rule by rule. Each parse_* below is the function of
 * that name: its regular expression is quoted above it and matched by hand
 * with the same leftmost-first, greedy-with-backtracking choices Onigmo
 * makes, and what it matched is replaced by a space (subx) so that the
 * rules after it do not see it again.
 *
 * The input is first copied with every run of characters outside
 * [-+',./:@[:alnum:]\[\]] replaced by a space. Ruby replaces each run with
 * one space; here each character becomes a space, so that offsets stay
 * those of the input, and the two patterns with a single `\s` (in
 * "standard time" and " dst") accept a run of spaces, which is the same.
 * Bytes >= 0x80 count as letters ([[:alnum:]], [[:alpha:]] and \b are
 * Unicode-aware in Ruby; non-ASCII punctuation is the difference, listed in
 * docs/jekyll-compat.md). \d and \s are ASCII in Ruby too. */
#include "date_ruby.h"

#include <string.h>

#include "base_ctype.h"

typedef postparse__ruby_span span;

typedef struct scan {
    char *b; /* the working copy; matches are blanked in it */
    size_t n;
    postparse__ruby_date *h;
    bool comp, bc; /* the hash's _comp and _bc */
} scan;

static const char *const abbr_days[] = {"sun", "mon", "tue", "wed",
                                        "thu", "fri", "sat"};
static const char *const abbr_months[] = {"jan", "feb", "mar", "apr",
                                          "may", "jun", "jul", "aug",
                                          "sep", "oct", "nov", "dec"};

static bool is_digit(const scan *c, size_t i)
{
    return i < c->n && postparse__is_digit(c->b[i]);
}

static bool is_alpha(const scan *c, size_t i)
{
    if (i >= c->n)
        return false;
    unsigned char ch = (unsigned char)c->b[i];
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

static bool is_word(const scan *c, size_t i)
{
    return is_digit(c, i) || is_alpha(c, i) || (i < c->n && c->b[i] == '_');
}

static bool is_space(const scan *c, size_t i)
{
    return i < c->n && c->b[i] == ' ';
}

static bool is_char(const scan *c, size_t i, char ch)
{
    return i < c->n && c->b[i] == ch;
}

/* \b at i. */
static bool boundary(const scan *c, size_t i)
{
    bool before = i > 0 && is_word(c, i - 1);
    return before != is_word(c, i);
}

/* The case-insensitive literal w at i: its end, or 0. */
static size_t lit(const scan *c, size_t i, const char *w)
{
    size_t k = strlen(w);
    if (i + k > c->n)
        return 0;
    for (size_t j = 0; j < k; j++)
        if (postparse__to_lower(c->b[i + j]) != w[j])
            return 0;
    return i + k;
}

static size_t digits(const scan *c, size_t i)
{
    size_t j = i;
    while (is_digit(c, j))
        j++;
    return j - i;
}

static size_t spaces(const scan *c, size_t i)
{
    size_t j = i;
    while (is_space(c, j))
        j++;
    return j;
}

/* Decimal value of the digits at i..i+len, saturating. */
static int64_t num(scan *c, size_t i, size_t len)
{
    int64_t v = 0;
    for (size_t k = 0; k < len; k++) {
        v = v * 10 + (c->b[i + k] - '0');
        if (v >= POSTPARSE__RUBY_NUM_CAP) {
            v = POSTPARSE__RUBY_NUM_CAP;
            c->h->huge = true;
        }
    }
    return v;
}

static void blank(scan *c, size_t from, size_t to)
{
    memset(c->b + from, ' ', to - from);
}

/* (jan|feb|...) at i: the month number, or 0. */
static int month_at(const scan *c, size_t i)
{
    for (int k = 0; k < 12; k++)
        if (lit(c, i, abbr_months[k]))
            return k + 1;
    return 0;
}

/* ---- s3e: which of three captures is the year ---- */

/* A capture, or a month number standing in for one (mon_num's result,
 * which s3e turns back into a string with to_s). */
typedef struct field {
    span at;
    int number; /* > 0: the month number of a month name at `at` */
} field;

static size_t field_len(const field *f)
{
    return f->number ? (f->number > 9 ? 2 : 1) : f->at.len;
}

static char field_first(const scan *c, const field *f)
{
    return f->number ? '0' : c->b[f->at.off];
}

static bool field_nil(const field *f)
{
    return !f->number && !f->at.len;
}

/* Skips to the first sign or digit (s3e's loops); returns its offset. */
static size_t skip_to_number(const scan *c, span s, bool sign_ok)
{
    size_t i = s.off;
    while (i < s.off + s.len && !is_digit(c, i) &&
           !(sign_ok && (c->b[i] == '-' || c->b[i] == '+')))
        i++;
    return i;
}

static int64_t field_number(scan *c, const field *f, span *where)
{
    if (f->number) {
        *where = f->at;
        return f->number;
    }
    size_t i = skip_to_number(c, f->at, false);
    size_t l = digits(c, i);
    *where = f->at;
    return num(c, i, l);
}

static void s3e(scan *c, field y, field m, field d, bool bc)
{
    field nil = {{0, 0}, 0}, t;
    int comp = -1; /* nil */
    if (!field_nil(&y) && !field_nil(&m) && field_nil(&d)) {
        d = m;
        m = y;
        y = nil;
    }
    if (field_nil(&y)) {
        if (!field_nil(&d) && field_len(&d) > 2) {
            y = d;
            d = nil;
        }
        if (!field_nil(&d) && field_first(c, &d) == '\'') {
            y = d;
            d = nil;
        }
    }
    if (!field_nil(&y)) {
        /* A year with something after its digits ("12th"): the digits are
         * the day, and the day the year. */
        size_t bp = skip_to_number(c, y.at, true), s = bp;
        if (c->b[s] == '-' || c->b[s] == '+')
            s++;
        size_t ep = s + digits(c, s);
        if (ep < y.at.off + y.at.len) {
            y = d;
            d = (field){{bp, ep - bp}, 0};
        }
    }
    if (!field_nil(&m) && (field_first(c, &m) == '\'' || field_len(&m) > 2)) {
        /* us -> be */
        t = y;
        y = m;
        m = d;
        d = t;
    }
    if (!field_nil(&d) && (field_first(c, &d) == '\'' || field_len(&d) > 2)) {
        t = y;
        y = d;
        d = t;
    }
    postparse__ruby_date *h = c->h;
    if (!field_nil(&y)) {
        size_t s = skip_to_number(c, y.at, true);
        bool neg = false;
        if (c->b[s] == '-' || c->b[s] == '+') {
            neg = c->b[s] == '-';
            s++;
            comp = 0;
        }
        size_t l = digits(c, s);
        if (l > 2)
            comp = 0;
        h->has_year = true;
        h->year = num(c, s, l) * (neg ? -1 : 1);
        h->at_year = y.at;
    }
    if (bc)
        c->bc = true;
    if (!field_nil(&m)) {
        h->has_mon = true;
        h->mon = field_number(c, &m, &h->at_mon);
    }
    if (!field_nil(&d)) {
        h->has_mday = true;
        h->mday = field_number(c, &d, &h->at_mday);
    }
    if (comp == 0)
        c->comp = false;
}

/* ---- parse_day: \b(sun|mon|tue|wed|thu|fri|sat)[^-/\d\s]* ---- */

static bool parse_day(scan *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!boundary(c, i))
            continue;
        for (int k = 0; k < 7; k++) {
            size_t e = lit(c, i, abbr_days[k]);
            if (!e)
                continue;
            while (e < c->n && !is_digit(c, e) && !is_space(c, e) &&
                   c->b[e] != '-' && c->b[e] != '/')
                e++;
            blank(c, i, e); /* wday: Time.parse does not read it */
            return true;
        }
    }
    return false;
}

/* ---- parse_time ----
 * ( (?: \d+\s*:\s*\d+(?:\s*:\s*\d+(?:[,.]\d*)?)?
 *     | \d+\s*h(?:\s*\d+m?(?:\s*\d+s?)?)? )
 *   (?:\s*[ap](?:m\b|\.m\.))?
 * | \d+\s*[ap](?:m\b|\.m\.) )
 * (?:\s*( (?:gmt|utc?)?[-+]\d+(?:[,.:]\d+(?::\d+)?)?
 *       | (?-i:[[:alpha:].\s]+)(?:standard|daylight)\stime\b
 *       | (?-i:[[:alpha:]]+)(?:\sdst)?\b ))? */

/* \s*[ap](?:m\b|\.m\.) at i: its end (and which letter), or 0. */
static size_t ampm(const scan *c, size_t i, char *which)
{
    size_t j = spaces(c, i);
    if (j >= c->n || (postparse__to_lower(c->b[j]) != 'a' &&
                      postparse__to_lower(c->b[j]) != 'p'))
        return 0;
    if (lit(c, j + 1, "m") && boundary(c, j + 2)) {
        *which = postparse__to_lower(c->b[j]);
        return j + 2;
    }
    if (is_char(c, j + 1, '.') && lit(c, j + 2, "m") &&
        is_char(c, j + 3, '.')) {
        *which = postparse__to_lower(c->b[j]);
        return j + 4;
    }
    return 0;
}

/* The zone group after \s* at j; its end, or 0. */
static size_t time_zone(const scan *c, size_t j)
{
    size_t k = j;
    if (lit(c, k, "gmt"))
        k += 3;
    else if (lit(c, k, "utc"))
        k += 3;
    else if (lit(c, k, "ut"))
        k += 2;
    /* The prefix is optional: without it the sign must be at j. */
    for (int pass = 0; pass < 2; pass++) {
        size_t q = pass ? j : k;
        if (pass && q == k)
            break;
        if ((is_char(c, q, '+') || is_char(c, q, '-')) && is_digit(c, q + 1)) {
            q += 1 + digits(c, q + 1);
            if ((is_char(c, q, ',') || is_char(c, q, '.') ||
                 is_char(c, q, ':')) &&
                is_digit(c, q + 1)) {
                q += 1 + digits(c, q + 1);
                if (is_char(c, q, ':') && is_digit(c, q + 1))
                    q += 1 + digits(c, q + 1);
            }
            return q;
        }
    }
    /* [[:alpha:].\s]+ then the last "(standard|daylight)\stime\b". */
    size_t run = j;
    while (is_alpha(c, run) || is_char(c, run, '.') || is_space(c, run))
        run++;
    for (size_t q = run; q > j; q--) {
        size_t w = lit(c, q, "standard");
        if (!w)
            w = lit(c, q, "daylight");
        if (!w || !is_space(c, w))
            continue;
        size_t t = lit(c, spaces(c, w), "time");
        if (t && boundary(c, t))
            return t;
    }
    /* [[:alpha:]]+(?:\sdst)?\b */
    size_t w = j;
    while (is_alpha(c, w))
        w++;
    if (w == j)
        return 0;
    if (is_space(c, w)) {
        size_t d = lit(c, spaces(c, w), "dst");
        if (d && boundary(c, d))
            return d;
    }
    return boundary(c, w) ? w : 0;
}

/* parse_time_cb: the time (group 1, i..end) read again with
 * \A(\d+)h?(?:\s*:?\s*(\d+)m?(?:\s*:?\s*(\d+)(?:[,.](\d+))?s?)?)?
 * (?:\s*([ap])(?:m\b|\.m\.))?
 * which is stricter than the search: "8 h 30" is hour 8 only, and an am/pm
 * after a part it does not read is not read either. */
static void time_cb(scan *c, size_t i, size_t end)
{
    postparse__ruby_date *h = c->h;
    scan g = *c;
    g.n = end; /* the capture is the whole string for this match */
    size_t hl = digits(&g, i), k = i + hl;
    h->has_hour = true;
    h->hour = num(c, i, hl);
    h->at_hour = (span){i, hl};
    if (lit(&g, k, "h"))
        k++;
    size_t q = spaces(&g, k);
    if (is_char(&g, q, ':'))
        q = spaces(&g, q + 1);
    else
        q = spaces(&g, q);
    if (is_digit(&g, q)) {
        size_t ml = digits(&g, q);
        h->has_min = true;
        h->min = num(c, q, ml);
        h->at_min = (span){q, ml};
        k = q + ml;
        if (lit(&g, k, "m"))
            k++;
        q = spaces(&g, k);
        if (is_char(&g, q, ':'))
            q++;
        q = spaces(&g, q);
        if (is_digit(&g, q)) {
            size_t sl = digits(&g, q);
            h->has_sec = true;
            h->sec = num(c, q, sl);
            h->at_sec = (span){q, sl};
            k = q + sl;
            if ((is_char(&g, k, ',') || is_char(&g, k, '.')) &&
                is_digit(&g, k + 1)) {
                size_t fl = digits(&g, k + 1);
                int32_t ns = 0;
                for (size_t d = 0; d < 9; d++)
                    ns = ns * 10 + (d < fl ? c->b[k + 1 + d] - '0' : 0);
                h->has_frac = true;
                h->nsec = ns;
                k += 1 + fl;
            }
            if (lit(&g, k, "s"))
                k++;
        }
    }
    char ap = 0;
    if (ampm(&g, k, &ap)) {
        if (h->hour > 2147483647)
            h->range_error = true; /* NUM2INT(h) */
        h->hour %= 12;
        if (ap == 'p')
            h->hour += 12;
    }
}

static bool parse_time(scan *c)
{
    postparse__ruby_date *h = c->h;
    for (size_t i = 0; i < c->n; i++) {
        if (!is_digit(c, i) || (i > 0 && is_digit(c, i - 1)))
            continue;
        size_t j = spaces(c, i + digits(c, i)), end = 0;
        char ap = 0;
        if (is_char(c, j, ':')) {
            /* \d+\s*:\s*\d+(?:\s*:\s*\d+(?:[,.]\d*)?)? */
            size_t m0 = spaces(c, j + 1);
            if (is_digit(c, m0)) {
                end = m0 + digits(c, m0);
                size_t c2 = spaces(c, end);
                size_t s0 = is_char(c, c2, ':') ? spaces(c, c2 + 1) : 0;
                if (s0 && is_digit(c, s0)) {
                    end = s0 + digits(c, s0);
                    if (is_char(c, end, ',') || is_char(c, end, '.'))
                        end += 1 + digits(c, end + 1);
                }
            }
        } else if (lit(c, j, "h")) {
            /* \d+\s*h(?:\s*\d+m?(?:\s*\d+s?)?)? */
            end = j + 1;
            size_t m0 = spaces(c, end);
            if (is_digit(c, m0)) {
                end = m0 + digits(c, m0);
                if (lit(c, end, "m"))
                    end++;
                size_t s0 = spaces(c, end);
                if (is_digit(c, s0)) {
                    end = s0 + digits(c, s0);
                    if (lit(c, end, "s"))
                        end++;
                }
            }
        }
        /* (?:\s*[ap](?:m\b|\.m\.))? after either, or \d+\s*[ap](...) */
        size_t a = ampm(c, end ? end : i + digits(c, i), &ap);
        if (a)
            end = a;
        if (!end)
            continue;
        size_t zs = spaces(c, end);
        size_t ze = time_zone(c, zs);
        if (ze) {
            h->has_zone = true;
            h->zone = (span){zs, ze - zs};
        }
        time_cb(c, i, end);
        blank(c, i, ze ? ze : end);
        return true;
    }
    return false;
}

/* (c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.)) at i: its end
 * (and whether it is b...), or 0. */
static size_t era(const scan *c, size_t i, bool *b)
{
    static const char *const eras[] = {"ce", "c.e.", "bce", "b.c.e.",
                                       "ad", "a.d.", "bc",  "b.c."};
    for (size_t k = 0; k < sizeof eras / sizeof eras[0]; k++) {
        size_t e = lit(c, i, eras[k]);
        if (e) {
            *b = eras[k][0] == 'b';
            return e;
        }
    }
    return 0;
}

/* '?-?\d+ at i (signs: whether -? is allowed): the end, or 0. */
static size_t quoted_number(const scan *c, size_t i, bool sign)
{
    size_t j = i;
    if (is_char(c, j, '\''))
        j++;
    if (sign && is_char(c, j, '-'))
        j++;
    size_t l = digits(c, j);
    return l ? j + l : 0;
}

/* (?:\s*(era)?\s*('?-?\d+ SUFFIX))? after a month and day (eu, us): the
 * year capture, its era; returns the end (i when the group is absent). */
static size_t era_year(const scan *c, size_t i, bool comma, bool ordinal,
                       span *y, bool *bc)
{
    size_t j = spaces(c, i);
    if (comma && is_char(c, j, ',')) /* \s*,?\s* */
        j = spaces(c, j + 1);
    bool b = false;
    size_t e = era(c, j, &b);
    for (int pass = 0; pass < 2; pass++) {
        size_t k = pass == 0 ? (e ? spaces(c, e) : 0) : j;
        if (pass == 0 && !e)
            continue;
        size_t end = quoted_number(c, k, true);
        if (!end)
            continue;
        if (ordinal) {
            static const char *const sfx[] = {"st", "nd", "rd", "th"};
            for (int s = 0; s < 4; s++) {
                size_t t = lit(c, end, sfx[s]);
                if (t && boundary(c, t)) {
                    end = t;
                    break;
                }
            }
        }
        *y = (span){k, end - k};
        *bc = pass == 0 && b;
        return end;
    }
    *y = (span){0, 0};
    *bc = false;
    return i;
}

/* ---- parse_eu: ('?\d+)[^-\d\s]*\s*(MONTH)[^-\d\s']*
 *      (?:\s*(ERA)?\s*('?-?\d+(?:(?:st|nd|rd|th)\b)?))? ---- */

static bool not_dash_digit_space(const scan *c, size_t i)
{
    return i < c->n && !is_digit(c, i) && !is_space(c, i) && c->b[i] != '-';
}

static bool parse_eu(scan *c)
{
    for (size_t i = 0; i < c->n; i++) {
        size_t d0 = i;
        if (is_char(c, d0, '\''))
            d0++;
        else if (i > 0 && is_digit(c, i - 1))
            continue; /* the run start has already been tried */
        size_t dl = digits(c, d0);
        if (!dl)
            continue;
        size_t x0 = d0 + dl, x1 = x0;
        while (not_dash_digit_space(c, x1))
            x1++;
        /* [^-\d\s]* gives back from the right until a month follows. */
        size_t mpos = 0;
        int mon = 0;
        for (size_t k = x1 + 1; k-- > x0;) {
            size_t at = k == x1 ? spaces(c, x1) : k;
            if ((mon = month_at(c, at)) != 0) {
                mpos = at;
                break;
            }
        }
        if (!mon)
            continue;
        size_t e = mpos + 3;
        while (not_dash_digit_space(c, e) && c->b[e] != '\'')
            e++;
        span y;
        bool bc;
        e = era_year(c, e, false, true, &y, &bc);
        field fd = {{i, d0 + dl - i}, 0}, fm = {{mpos, 3}, mon}, fy = {y, 0};
        s3e(c, fy, fm, fd, bc);
        blank(c, i, e);
        return true;
    }
    return false;
}

/* ---- parse_us: \b(MONTH)[^-\d\s']*\s*('?\d+)[^-\d\s']*
 *      (?:\s*,?\s*(ERA)?\s*('?-?\d+))? ---- */

static bool parse_us(scan *c)
{
    for (size_t i = 0; i < c->n; i++) {
        int mon;
        if (!boundary(c, i) || !(mon = month_at(c, i)))
            continue;
        size_t e = i + 3;
        while (not_dash_digit_space(c, e) && c->b[e] != '\'')
            e++;
        size_t d0 = spaces(c, e);
        size_t d1 = quoted_number(c, d0, false);
        if (!d1)
            continue;
        e = d1;
        while (not_dash_digit_space(c, e) && c->b[e] != '\'')
            e++;
        span y;
        bool bc;
        e = era_year(c, e, true, false, &y, &bc);
        field fd = {{d0, d1 - d0}, 0}, fm = {{i, 3}, mon}, fy = {y, 0};
        s3e(c, fy, fm, fd, bc);
        blank(c, i, e);
        return true;
    }
    return false;
}

/* ---- parse_iso: ('?[-+]?\d+)-(\d+)-('?-?\d+)
 *      parse_sla: ('?-?\d+)/\s*('?\d+)(?:\D\s*('?-?\d+))?
 *      parse_dot: ('?-?\d+)\.\s*('?\d+)\.\s*('?-?\d+) ---- */

/* One field `'?` `[-+]?` (signs) `\d+` at i; its end or 0. */
static size_t num_field(const scan *c, size_t i, bool apos, const char *signs)
{
    size_t j = i;
    if (apos && is_char(c, j, '\''))
        j++;
    if (j < c->n && c->b[j] && strchr(signs, c->b[j]))
        j++;
    size_t l = digits(c, j);
    return l ? j + l : 0;
}

static bool three_at(const scan *c, size_t i, char sep, span *y, span *m,
                     span *d, size_t *end)
{
    size_t a = num_field(c, i, true, sep == '-' ? "+-" : "-");
    if (!a || !is_char(c, a, sep))
        return false;
    *y = (span){i, a - i};
    size_t b0 = sep == '-' ? a + 1 : spaces(c, a + 1);
    size_t b = num_field(c, b0, sep != '-', "");
    if (!b)
        return false;
    *m = (span){b0, b - b0};
    if (sep == '/') {
        *d = (span){0, 0};
        *end = b;
        if (b < c->n && !is_digit(c, b)) {
            /* \D is one character: all the bytes of a UTF-8 sequence. */
            size_t ch = b + 1;
            if ((unsigned char)c->b[b] >= 0xC0)
                while (ch < c->n && ((unsigned char)c->b[ch] & 0xC0) == 0x80)
                    ch++;
            size_t c0 = spaces(c, ch);
            size_t e = num_field(c, c0, true, "-");
            if (e) {
                *d = (span){c0, e - c0};
                *end = e;
            }
        }
        return true;
    }
    if (!is_char(c, b, sep))
        return false;
    size_t c0 = sep == '-' ? b + 1 : spaces(c, b + 1);
    size_t e = num_field(c, c0, true, "-");
    if (!e)
        return false;
    *d = (span){c0, e - c0};
    *end = e;
    return true;
}

static bool parse_three(scan *c, char sep)
{
    for (size_t i = 0; i < c->n; i++) {
        span y, m, d;
        size_t end;
        if (three_at(c, i, sep, &y, &m, &d, &end)) {
            s3e(c, (field){y, 0}, (field){m, 0}, (field){d, 0}, false);
            blank(c, i, end);
            return true;
        }
    }
    return false;
}

/* ---- parse_jis: \b([mtshr])(\d+)\.(\d+)\.(\d+) ---- */

static bool parse_jis(scan *c)
{
    postparse__ruby_date *h = c->h;
    for (size_t i = 0; i < c->n; i++) {
        if (!boundary(c, i))
            continue;
        char e = postparse__to_lower(c->b[i]);
        int base = e == 'm'   ? 1867
                   : e == 't' ? 1911
                   : e == 's' ? 1925
                   : e == 'h' ? 1988
                   : e == 'r' ? 2018 /* Reiwa, in Ruby 3.1's date 3.2 */
                              : 0;
        if (!base)
            continue;
        size_t y0 = i + 1, yl = digits(c, y0);
        if (!yl || !is_char(c, y0 + yl, '.'))
            continue;
        size_t m0 = y0 + yl + 1, ml = digits(c, m0);
        if (!ml || !is_char(c, m0 + ml, '.'))
            continue;
        size_t d0 = m0 + ml + 1, dl = digits(c, d0);
        if (!dl)
            continue;
        h->has_year = h->has_mon = h->has_mday = true;
        h->year = num(c, y0, yl) + base;
        h->mon = num(c, m0, ml);
        h->mday = num(c, d0, dl);
        h->at_year = (span){i, yl + 1};
        h->at_mon = (span){m0, ml};
        h->at_mday = (span){d0, dl};
        blank(c, i, d0 + dl);
        return true;
    }
    return false;
}

/* ---- parse_vms11: ('?-?\d+)-(MONTH)[^-/.]*-('?-?\d+)
 *      parse_vms12: \b(MONTH)[^-/.]*-('?-?\d+)(?:-('?-?\d+))? ---- */

static size_t not_dash_slash_dot(const scan *c, size_t i)
{
    while (i < c->n && c->b[i] != '-' && c->b[i] != '/' && c->b[i] != '.')
        i++;
    return i;
}

static bool parse_vms(scan *c)
{
    for (size_t i = 0; i < c->n; i++) {
        size_t a = quoted_number(c, i, true);
        int mon;
        if (!a || !is_char(c, a, '-') || !(mon = month_at(c, a + 1)))
            continue;
        size_t r = not_dash_slash_dot(c, a + 4);
        if (!is_char(c, r, '-'))
            continue;
        size_t e = quoted_number(c, r + 1, true);
        if (!e)
            continue;
        s3e(c, (field){{r + 1, e - r - 1}, 0}, (field){{a + 1, 3}, mon},
            (field){{i, a - i}, 0}, false);
        blank(c, i, e);
        return true;
    }
    for (size_t i = 0; i < c->n; i++) {
        int mon;
        if (!boundary(c, i) || !(mon = month_at(c, i)))
            continue;
        size_t r = not_dash_slash_dot(c, i + 3);
        if (!is_char(c, r, '-'))
            continue;
        size_t e = quoted_number(c, r + 1, true);
        if (!e)
            continue;
        span d = {r + 1, e - r - 1}, y = {0, 0};
        if (is_char(c, e, '-')) {
            size_t e2 = quoted_number(c, e + 1, true);
            if (e2) {
                y = (span){e + 1, e2 - e - 1};
                e = e2;
            }
        }
        s3e(c, (field){y, 0}, (field){{i, 3}, mon}, (field){d, 0}, false);
        blank(c, i, e);
        return true;
    }
    return false;
}

/* ---- parse_iso2: parse_iso21 .. parse_iso26 ---- */

/* (\d{2}|\d{4}) at i, alternative `alt` (0: two digits, 1: four). */
static size_t year_alt(const scan *c, size_t i, int alt)
{
    size_t want = alt ? 4 : 2;
    for (size_t k = 0; k < want; k++)
        if (!is_digit(c, i + k))
            return 0;
    return i + want;
}

/* parse_iso21: \b(\d{2}|\d{4})?-?w(\d{2})(?:-?(\d))?\b (the week date,
 * which Time.parse does not read). */
static bool parse_iso21(scan *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!boundary(c, i))
            continue;
        for (int alt = 0; alt < 3; alt++) {
            size_t j = alt < 2 ? year_alt(c, i, alt) : i;
            if (alt < 2 && !j)
                continue;
            for (int dash = 1; dash >= 0; dash--) {
                size_t k = j;
                if (dash) {
                    if (!is_char(c, k, '-'))
                        continue;
                    k++;
                }
                if (!lit(c, k, "w") || !is_digit(c, k + 1) ||
                    !is_digit(c, k + 2))
                    continue;
                k += 3;
                size_t ends[3], ne = 0;
                if (is_char(c, k, '-') && is_digit(c, k + 1))
                    ends[ne++] = k + 2;
                if (is_digit(c, k))
                    ends[ne++] = k + 1;
                ends[ne++] = k;
                for (size_t q = 0; q < ne; q++)
                    if (boundary(c, ends[q])) {
                        blank(c, i, ends[q]);
                        return true;
                    }
            }
        }
    }
    return false;
}

/* parse_iso22: -w-(\d)\b */
static bool parse_iso22(scan *c)
{
    for (size_t i = 0; i + 3 < c->n; i++)
        if (c->b[i] == '-' && lit(c, i + 1, "w") && c->b[i + 2] == '-' &&
            is_digit(c, i + 3) && boundary(c, i + 4)) {
            blank(c, i, i + 4);
            return true;
        }
    return false;
}

/* parse_iso23: --(\d{2})?-(\d{2})\b and parse_iso24: --(\d{2})(\d{2})?\b */
static bool parse_iso2324(scan *c, bool iso24)
{
    postparse__ruby_date *h = c->h;
    for (size_t i = 0; i + 1 < c->n; i++) {
        if (c->b[i] != '-' || c->b[i + 1] != '-')
            continue;
        size_t k = i + 2;
        if (!iso24) {
            size_t m = 0;
            if (year_alt(c, k, 0) && is_char(c, k + 2, '-') &&
                year_alt(c, k + 3, 0) && boundary(c, k + 5))
                m = k;
            else if (is_char(c, k, '-') && year_alt(c, k + 1, 0) &&
                     boundary(c, k + 3))
                m = 0;
            else
                continue;
            size_t d0 = m ? k + 3 : k + 1;
            if (m) {
                h->has_mon = true;
                h->mon = num(c, m, 2);
                h->at_mon = (span){m, 2};
            }
            h->has_mday = true;
            h->mday = num(c, d0, 2);
            h->at_mday = (span){d0, 2};
            blank(c, i, d0 + 2);
            return true;
        }
        if (!year_alt(c, k, 0))
            continue;
        size_t e = 0;
        if (year_alt(c, k + 2, 0) && boundary(c, k + 4))
            e = k + 4;
        else if (boundary(c, k + 2))
            e = k + 2;
        else
            continue;
        h->has_mon = true;
        h->mon = num(c, k, 2);
        h->at_mon = (span){k, 2};
        if (e == k + 4) {
            h->has_mday = true;
            h->mday = num(c, k + 2, 2);
            h->at_mday = (span){k + 2, 2};
        }
        blank(c, i, e);
        return true;
    }
    return false;
}

/* \d{3}\b at i */
static bool three_digits(const scan *c, size_t i)
{
    return year_alt(c, i, 0) && is_digit(c, i + 2) && boundary(c, i + 3);
}

/* parse_iso25: unless [,.](\d{2}|\d{4})-\d{3}\b matches,
 * \b(\d{2}|\d{4})-(\d{3})\b: year and day of the year. */
static bool parse_iso25(scan *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (c->b[i] != ',' && c->b[i] != '.')
            continue;
        for (int alt = 0; alt < 2; alt++) {
            size_t j = year_alt(c, i + 1, alt);
            if (j && is_char(c, j, '-') && three_digits(c, j + 1))
                return false;
        }
    }
    postparse__ruby_date *h = c->h;
    for (size_t i = 0; i < c->n; i++) {
        if (!boundary(c, i))
            continue;
        for (int alt = 0; alt < 2; alt++) {
            size_t j = year_alt(c, i, alt);
            if (!j || !is_char(c, j, '-') || !three_digits(c, j + 1))
                continue;
            h->has_year = h->has_yday = true;
            h->year = num(c, i, j - i);
            h->yday = num(c, j + 1, 3);
            h->at_year = (span){i, j - i};
            h->at_yday = (span){j + 1, 3};
            blank(c, i, j + 4);
            return true;
        }
    }
    return false;
}

/* parse_iso26: unless \d-\d{3}\b matches, \b-(\d{3})\b: day of the year. */
static bool parse_iso26(scan *c)
{
    for (size_t i = 0; i + 1 < c->n; i++)
        if (is_digit(c, i) && c->b[i + 1] == '-' && three_digits(c, i + 2))
            return false;
    postparse__ruby_date *h = c->h;
    for (size_t i = 0; i < c->n; i++) {
        if (c->b[i] != '-' || !boundary(c, i) || !three_digits(c, i + 1))
            continue;
        h->has_yday = true;
        h->yday = num(c, i + 1, 3);
        h->at_yday = (span){i + 1, 3};
        blank(c, i, i + 4);
        return true;
    }
    return false;
}

static bool parse_iso2(scan *c)
{
    return parse_iso21(c) || parse_iso22(c) || parse_iso2324(c, false) ||
           parse_iso2324(c, true) || parse_iso25(c) || parse_iso26(c);
}

/* ---- parse_year: '(\d+)\b ---- */

static bool parse_year(scan *c)
{
    for (size_t i = 0; i < c->n; i++) {
        size_t l = c->b[i] == '\'' ? digits(c, i + 1) : 0;
        if (!l || !boundary(c, i + 1 + l))
            continue;
        c->h->has_year = true;
        c->h->year = num(c, i + 1, l);
        c->h->at_year = (span){i, l + 1};
        blank(c, i, i + 1 + l);
        return true;
    }
    return false;
}

/* ---- parse_mon: \b(MONTH)\S* ---- */

static bool parse_mon(scan *c)
{
    for (size_t i = 0; i < c->n; i++) {
        int mon;
        if (!boundary(c, i) || !(mon = month_at(c, i)))
            continue;
        size_t e = i + 3;
        while (e < c->n && !is_space(c, e))
            e++;
        c->h->has_mon = true;
        c->h->mon = mon;
        c->h->at_mon = (span){i, e - i};
        blank(c, i, e);
        return true;
    }
    return false;
}

/* ---- parse_mday: (\d+)(st|nd|rd|th)\b ---- */

static bool parse_mday(scan *c)
{
    static const char *const sfx[] = {"st", "nd", "rd", "th"};
    for (size_t i = 0; i < c->n; i++) {
        if (!is_digit(c, i) || (i > 0 && is_digit(c, i - 1)))
            continue;
        size_t l = digits(c, i);
        for (int k = 0; k < 4; k++) {
            size_t e = lit(c, i + l, sfx[k]);
            if (!e || !boundary(c, e))
                continue;
            c->h->has_mday = true;
            c->h->mday = num(c, i, l);
            c->h->at_mday = (span){i, l};
            blank(c, i, e);
            return true;
        }
    }
    return false;
}

/* ---- parse_ddd ----
 * ([-+]?)(\d{2,14})(?:\s*t?\s*(\d{2,6})?(?:[,.](\d*))?)?
 * (?:\s*(z\b|[-+]\d{1,4}\b|\[[-+]?\d[^\]]*\]))? */

/* n2i: `w` digits at i as a number, with where they are. */
static int64_t n2i(scan *c, size_t i, size_t w, span *at)
{
    *at = (span){i, w};
    return num(c, i, w);
}

static void ddd_fields(scan *c, size_t s1, span s2, span s3, bool has_s3,
                       bool has_s4)
{
    postparse__ruby_date *h = c->h;
    size_t p = s2.off, l2 = s2.len;
    bool neg = s1 < s2.off && c->b[s1] == '-';
    bool rev = !has_s3 && has_s4; /* read from the right: ...hhmmss */
#define SET(k, at, w) (h->has_##k = true, h->k = n2i(c, (at), (w), &h->at_##k))
    switch (l2) {
    case 2:
        if (rev)
            SET(sec, p + l2 - 2, 2);
        else
            SET(mday, p, 2);
        break;
    case 4:
        if (rev) {
            SET(sec, p + l2 - 2, 2);
            SET(min, p + l2 - 4, 2);
        } else {
            SET(mon, p, 2);
            SET(mday, p + 2, 2);
        }
        break;
    case 6:
        if (rev) {
            SET(sec, p + l2 - 2, 2);
            SET(min, p + l2 - 4, 2);
            SET(hour, p + l2 - 6, 2);
        } else {
            SET(year, p, 2);
            if (neg)
                h->year = -h->year;
            SET(mon, p + 2, 2);
            SET(mday, p + 4, 2);
        }
        break;
    case 8:
    case 10:
    case 12:
    case 14:
        if (rev) {
            SET(sec, p + l2 - 2, 2);
            SET(min, p + l2 - 4, 2);
            SET(hour, p + l2 - 6, 2);
            SET(mday, p + l2 - 8, 2);
            if (l2 >= 10)
                SET(mon, p + l2 - 10, 2);
            if (l2 == 12) {
                SET(year, p, 2);
                if (neg)
                    h->year = -h->year;
            }
            if (l2 == 14) {
                SET(year, p, 4);
                if (neg)
                    h->year = -h->year;
                c->comp = false;
            }
        } else {
            SET(year, p, 4);
            if (neg)
                h->year = -h->year;
            SET(mon, p + 4, 2);
            SET(mday, p + 6, 2);
            if (l2 >= 10)
                SET(hour, p + 8, 2);
            if (l2 >= 12)
                SET(min, p + 10, 2);
            if (l2 >= 14)
                SET(sec, p + 12, 2);
            c->comp = false;
        }
        break;
    case 3:
        if (rev) {
            SET(sec, p + l2 - 2, 2);
            SET(min, p, 1);
        } else {
            SET(yday, p, 3);
        }
        break;
    case 5:
        if (rev) {
            SET(sec, p + l2 - 2, 2);
            SET(min, p + l2 - 4, 2);
            SET(hour, p, 1);
        } else {
            SET(year, p, 2);
            if (neg)
                h->year = -h->year;
            SET(yday, p + 2, 3);
        }
        break;
    case 7:
        if (rev) {
            SET(sec, p + l2 - 2, 2);
            SET(min, p + l2 - 4, 2);
            SET(hour, p + l2 - 6, 2);
            SET(mday, p, 1);
        } else {
            SET(year, p, 4);
            if (neg)
                h->year = -h->year;
            SET(yday, p + 4, 3);
        }
        break;
    default:
        break;
    }
    if (has_s3) {
        size_t q = s3.off, l3 = s3.len;
        if (l3 == 2 || l3 == 4 || l3 == 6) {
            if (has_s4) {
                SET(sec, q + l3 - 2, 2);
                if (l3 >= 4)
                    SET(min, q + l3 - 4, 2);
                if (l3 >= 6)
                    SET(hour, q + l3 - 6, 2);
            } else {
                SET(hour, q, 2);
                if (l3 >= 4)
                    SET(min, q + 2, 2);
                if (l3 >= 6)
                    SET(sec, q + 4, 2);
            }
        }
    }
#undef SET
}

static bool parse_ddd(scan *c)
{
    postparse__ruby_date *h = c->h;
    for (size_t i = 0; i < c->n; i++) {
        size_t d0 = i;
        if (c->b[i] == '-' || c->b[i] == '+')
            d0++;
        else if (i > 0 && is_digit(c, i - 1))
            continue;
        size_t run = digits(c, d0);
        if (run < 2)
            continue;
        size_t l2 = run > 14 ? 14 : run;
        size_t e = d0 + l2;
        /* (?:\s*t?\s*(\d{2,6})?(?:[,.](\d*))?)? */
        size_t k = spaces(c, e);
        if (lit(c, k, "t"))
            k = spaces(c, k + 1);
        span s3 = {0, 0}, s4 = {0, 0};
        bool has_s3 = false, has_s4 = false;
        size_t r3 = digits(c, k);
        if (r3 >= 2) {
            s3 = (span){k, r3 > 6 ? 6 : r3};
            has_s3 = true;
            k += s3.len;
        }
        if (is_char(c, k, ',') || is_char(c, k, '.')) {
            s4 = (span){k + 1, digits(c, k + 1)};
            has_s4 = true;
            k += 1 + s4.len;
        }
        e = k;
        /* (?:\s*(z\b|[-+]\d{1,4}\b|\[[-+]?\d[^\]]*\]))? */
        size_t z = spaces(c, e), ze = 0;
        if (lit(c, z, "z") && boundary(c, z + 1)) {
            ze = z + 1;
        } else if ((is_char(c, z, '-') || is_char(c, z, '+'))) {
            size_t l = digits(c, z + 1);
            if (l >= 1 && l <= 4 && boundary(c, z + 1 + l))
                ze = z + 1 + l;
        } else if (is_char(c, z, '[')) {
            size_t q = z + 1;
            if (is_char(c, q, '-') || is_char(c, q, '+'))
                q++;
            if (is_digit(c, q)) {
                while (q < c->n && c->b[q] != ']')
                    q++;
                if (q < c->n)
                    ze = q + 1;
            }
        }
        ddd_fields(c, i, (span){d0, l2}, s3, has_s3, has_s4);
        if (has_s4 && s4.len) {
            int32_t ns = 0;
            for (size_t q = 0; q < 9; q++)
                ns = ns * 10 + (q < s4.len ? c->b[s4.off + q] - '0' : 0);
            h->has_frac = true;
            h->nsec = ns;
        } else if (has_s4) {
            h->has_frac = true; /* Rational(0, 1): present, zero */
            h->nsec = 0;
        }
        if (ze) {
            h->has_zone = true;
            h->zone = (span){z, ze - z};
            if (c->b[z] == '[') {
                /* "[-5:EST]" is the zone EST, "[+9]" the zone +9. */
                size_t in = z + 1, close = ze - 1;
                const char *colon = memchr(c->b + in, ':', close - in);
                if (colon)
                    in = (size_t)(colon - c->b) + 1;
                h->zone = (span){in, close - in};
            }
        }
        blank(c, i, ze ? ze : e);
        return true;
    }
    return false;
}

/* ---- parse_bc: \b(bc\b|bce\b|b\.c\.|b\.c\.e\.) ---- */

static void parse_bc(scan *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!boundary(c, i))
            continue;
        size_t e = lit(c, i, "bc");
        if (e && !boundary(c, e))
            e = lit(c, i, "bce"), e = e && boundary(c, e) ? e : 0;
        if (!e)
            e = lit(c, i, "b.c.");
        if (e) {
            c->bc = true;
            blank(c, i, e);
            return;
        }
    }
}

/* ---- parse_frag: \A\s*(\d{1,2})\s*\z ---- */

static void parse_frag(scan *c)
{
    postparse__ruby_date *h = c->h;
    size_t i = spaces(c, 0), l = digits(c, i);
    if (l < 1 || l > 2 || spaces(c, i + l) != c->n)
        return;
    int64_t v = num(c, i, l);
    if (h->has_hour && !h->has_mday && v >= 1 && v <= 31) {
        h->has_mday = true;
        h->mday = v;
        h->at_mday = (span){i, l};
    }
    if (h->has_mday && !h->has_hour && v <= 24) {
        h->has_hour = true;
        h->hour = v;
        h->at_hour = (span){i, l};
    }
}

/* ---- date__parse ---- */

enum {
    HAVE_ALPHA = 1,
    HAVE_DIGIT = 2,
    HAVE_DASH = 4,
    HAVE_DOT = 8,
    HAVE_SLASH = 16
};

/* check_class: isalpha() of the C locale, so ASCII letters only. */
static bool have(const scan *c, unsigned want)
{
    unsigned f = 0;
    for (size_t i = 0; i < c->n; i++) {
        char ch = c->b[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
            f |= HAVE_ALPHA;
        else if (ch >= '0' && ch <= '9')
            f |= HAVE_DIGIT;
        else if (ch == '-')
            f |= HAVE_DASH;
        else if (ch == '.')
            f |= HAVE_DOT;
        else if (ch == '/')
            f |= HAVE_SLASH;
    }
    return (f & want) == want;
}

void postparse__ruby_date_parse(const char *s, size_t len, char *work,
                                postparse__ruby_date *out)
{
    memset(out, 0, sizeof *out);
    scan c = {work, len, out, true, false};
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        bool keep = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                    (ch >= 'A' && ch <= 'Z') || ch >= 0x80 ||
                    (ch && strchr("-+',./:@[]", ch));
        work[i] = keep ? (char)ch : ' ';
    }
    /* Each HAVE_ELEM_P looks at the string as the steps before left it. */
    if (have(&c, HAVE_ALPHA))
        parse_day(&c);
    if (have(&c, HAVE_DIGIT))
        parse_time(&c);
    bool ok =
        (have(&c, HAVE_ALPHA | HAVE_DIGIT) && (parse_eu(&c) || parse_us(&c))) ||
        (have(&c, HAVE_DIGIT | HAVE_DASH) && parse_three(&c, '-')) ||
        (have(&c, HAVE_DIGIT | HAVE_DOT) && parse_jis(&c)) ||
        (have(&c, HAVE_ALPHA | HAVE_DIGIT | HAVE_DASH) && parse_vms(&c)) ||
        (have(&c, HAVE_DIGIT | HAVE_SLASH) && parse_three(&c, '/')) ||
        (have(&c, HAVE_DIGIT | HAVE_DOT) && parse_three(&c, '.')) ||
        (have(&c, HAVE_DIGIT) && parse_iso2(&c)) ||
        (have(&c, HAVE_DIGIT) && parse_year(&c)) ||
        (have(&c, HAVE_ALPHA) && parse_mon(&c)) ||
        (have(&c, HAVE_DIGIT) && parse_mday(&c)) ||
        (have(&c, HAVE_DIGIT) && parse_ddd(&c));
    (void)ok; /* date__parse's `goto ok`: the steps below run either way */
    if (have(&c, HAVE_ALPHA))
        parse_bc(&c);
    if (have(&c, HAVE_DIGIT))
        parse_frag(&c);
    if (c.bc && out->has_year)
        out->year = -out->year + 1;
    if (c.comp && out->has_year && out->year >= 0 && out->year <= 99)
        out->year += out->year >= 69 ? 1900 : 2000;
}
