/* SPDX-License-Identifier: MIT */
/* Integers wider than 64 bits, as Ruby keeps them: a value of kind INT
 * with POSTPARSE__VALUE_BIG holds its decimal digits. */
#ifndef POSTPARSE_YAML_BIGNUM_H
#define POSTPARSE_YAML_BIGNUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "value.h"
#include "yaml_resolve.h"

/* Big integers past this many digits that take a quadratic conversion
 * (base 2, 8 or 16; sexagesimal) are not converted (they stay strings):
 * Ruby would, but a front matter full of them would cost seconds. Decimal
 * ones are copied. */
#define POSTPARSE__BIG_MAX_DIGITS 1000

/* Little-endian limbs of 10^9 in the arena; {0} is zero. */
typedef struct postparse__bignum {
    uint32_t *limb;
    size_t n, cap;
} postparse__bignum;

/* b = b * mul + add. false: out of memory. */
bool postparse__bignum_mul_add(postparse__arena *arena, postparse__bignum *b,
                               uint32_t mul, uint32_t add);

/* b -= sub (< 10^9), b being larger. */
void postparse__bignum_sub_small(postparse__bignum *b, uint32_t sub);

/* v becomes the integer b (negated with negative). false: out of memory. */
bool postparse__bignum_store(postparse__arena *arena, postparse_value *v,
                             const postparse__bignum *b, bool negative);

/* v becomes the integer of the n digits in base (2, 8, 10 or 16; '_' and
 * ',' skipped), big when needed. */
postparse__resolve_result
postparse__yaml_int_from_digits(postparse__arena *arena, postparse_value *v,
                                const char *d, size_t n, unsigned base,
                                bool negative);

#endif
