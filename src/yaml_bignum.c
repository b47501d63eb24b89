/* SPDX-License-Identifier: MIT */
/* Big integers: little-endian limbs of 10^9, only as wide as Ruby's
 * unbounded integers need to be printed in decimal; and the integers of a
 * scalar's digits, big when needed. */
#include "yaml_bignum.h"

#include <stdio.h>
#include <string.h>

#include "base_ctype.h"

#define BIG_BASE 1000000000u

bool postparse__bignum_mul_add(postparse__arena *arena, postparse__bignum *b,
                               uint32_t mul, uint32_t add)
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
void postparse__bignum_sub_small(postparse__bignum *b, uint32_t sub)
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
bool postparse__bignum_store(postparse__arena *arena, postparse_value *v,
                             const postparse__bignum *b, bool negative)
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

static unsigned digit_value(char c)
{
    return postparse__is_digit(c)
               ? (unsigned)(c - '0')
               : (unsigned)(postparse__to_lower(c) - 'a' + 10);
}

/* Digits (any '_' and ',' already skipped by the caller's filter) in base
 * as an int, big when needed. */
postparse__resolve_result
postparse__yaml_int_from_digits(postparse__arena *arena, postparse_value *v,
                                const char *d, size_t n, unsigned base,
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
    if (n > POSTPARSE__BIG_MAX_DIGITS)
        return POSTPARSE__RESOLVED; /* stays the string set by the caller */
    postparse__bignum b = {0};
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '_' || d[i] == ',')
            continue;
        unsigned dv = digit_value(d[i]);
        if (!postparse__bignum_mul_add(arena, &b, base, dv))
            return POSTPARSE__RESOLVE_NOMEM;
    }
    return postparse__bignum_store(arena, v, &b, negative)
               ? POSTPARSE__RESOLVED
               : POSTPARSE__RESOLVE_NOMEM;
}
