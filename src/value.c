/* SPDX-License-Identifier: MIT */
#include "value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base_calendar.h"

postparse_value *postparse__value_new(postparse__arena *arena,
                                      postparse_value_kind kind)
{
    postparse_value *v = postparse__arena_alloc(arena, sizeof(*v));
    if (!v)
        return NULL;
    memset(v, 0, sizeof(*v));
    v->kind = (uint8_t)kind;
    v->weight = 1;
    return v;
}

postparse_value_kind postparse_value_kind_of(const postparse_value *value)
{
    return value ? (postparse_value_kind)value->kind : POSTPARSE_VALUE_NULL;
}

const char *postparse_value_kind_name(postparse_value_kind kind)
{
    static const char *const names[] = {
        "null",      "bool", "int",    "float",    "string",
        "timestamp", "date", "binary", "sequence", "mapping",
    };
    if ((unsigned)kind >= sizeof(names) / sizeof(names[0]))
        return "unknown";
    return names[kind];
}

bool postparse_value_bool(const postparse_value *value)
{
    return value && value->kind == POSTPARSE_VALUE_BOOL && value->u.b;
}

bool postparse_value_int(const postparse_value *value, int64_t *out)
{
    if (!value || value->kind != POSTPARSE_VALUE_INT ||
        (value->flags & POSTPARSE__VALUE_BIG))
        return false;
    if (out)
        *out = value->u.i;
    return true;
}

bool postparse_value_int_is_big(const postparse_value *value)
{
    return value && value->kind == POSTPARSE_VALUE_INT &&
           (value->flags & POSTPARSE__VALUE_BIG);
}

double postparse_value_float(const postparse_value *value)
{
    if (!value)
        return 0.0;
    if (value->kind == POSTPARSE_VALUE_FLOAT)
        return value->u.f;
    if (value->kind == POSTPARSE_VALUE_INT)
        return (value->flags & POSTPARSE__VALUE_BIG)
                   ? strtod(value->u.s.p, NULL)
                   : (double)value->u.i;
    return 0.0;
}

const char *postparse_value_string(const postparse_value *value, size_t *len)
{
    if (!value || !(value->kind == POSTPARSE_VALUE_STRING ||
                    value->kind == POSTPARSE_VALUE_BINARY ||
                    (value->kind == POSTPARSE_VALUE_INT &&
                     (value->flags & POSTPARSE__VALUE_BIG))))
        return NULL;
    if (len)
        *len = value->u.s.n;
    return value->u.s.p;
}

bool postparse_value_datetime(const postparse_value *value,
                              postparse_datetime *out)
{
    if (!value || (value->kind != POSTPARSE_VALUE_TIMESTAMP &&
                   value->kind != POSTPARSE_VALUE_DATE))
        return false;
    if (out)
        *out = value->u.dt;
    return true;
}

static bool is_collection(const postparse_value *v)
{
    return v && (v->kind == POSTPARSE_VALUE_SEQUENCE ||
                 v->kind == POSTPARSE_VALUE_MAPPING);
}

size_t postparse_value_length(const postparse_value *value)
{
    return is_collection(value) ? value->u.c.n : 0;
}

const postparse_value *postparse_value_index(const postparse_value *value,
                                             size_t index)
{
    if (!value || value->kind != POSTPARSE_VALUE_SEQUENCE ||
        index >= value->u.c.n)
        return NULL;
    return value->u.c.items[index];
}

const postparse_value *postparse_value_key_at(const postparse_value *value,
                                              size_t index)
{
    if (!value || value->kind != POSTPARSE_VALUE_MAPPING ||
        index >= value->u.c.n)
        return NULL;
    return value->u.c.items[2 * index];
}

const postparse_value *postparse_value_value_at(const postparse_value *value,
                                                size_t index)
{
    if (!value || value->kind != POSTPARSE_VALUE_MAPPING ||
        index >= value->u.c.n)
        return NULL;
    return value->u.c.items[2 * index + 1];
}

const postparse_value *postparse_value_get(const postparse_value *value,
                                           const char *key, size_t len)
{
    if (!value || value->kind != POSTPARSE_VALUE_MAPPING || (!key && len))
        return NULL;
    for (size_t i = 0; i < value->u.c.n; i++) {
        const postparse_value *k = value->u.c.items[2 * i];
        if (k->kind == POSTPARSE_VALUE_STRING && k->u.s.n == len &&
            (len == 0 || memcmp(k->u.s.p, key, len) == 0))
            return value->u.c.items[2 * i + 1];
    }
    return NULL;
}

postparse_pos postparse_value_pos(const postparse_value *value)
{
    if (!value) {
        postparse_pos none = {0, 0, 0};
        return none;
    }
    return value->pos;
}

const char *postparse_value_text(const postparse_value *value, size_t *len)
{
    if (!value || !value->text)
        return NULL;
    if (len)
        *len = value->text_len;
    return value->text;
}

const char *postparse_value_tag(const postparse_value *value)
{
    return value ? value->tag : NULL;
}

bool postparse_value_is_quoted(const postparse_value *value)
{
    return value && (value->flags & POSTPARSE__VALUE_QUOTED);
}

bool postparse_value_is_recursive(const postparse_value *value)
{
    return value && (value->flags & POSTPARSE__VALUE_RECURSIVE);
}

/* Time#eql? compares instants, so keys need them. */
static int64_t epoch_seconds(const postparse_datetime *t)
{
    return postparse__days_from_civil(t->year, t->month, t->day) * 86400 +
           t->hour * 3600 + t->minute * 60 + t->second - t->utc_offset;
}

bool postparse__value_key_equal(const postparse_value *a,
                                const postparse_value *b)
{
    if (a == b)
        return true;
    if (a->kind != b->kind)
        return false;
    switch ((postparse_value_kind)a->kind) {
    case POSTPARSE_VALUE_NULL:
        return true;
    case POSTPARSE_VALUE_BOOL:
        return a->u.b == b->u.b;
    case POSTPARSE_VALUE_INT:
        if ((a->flags ^ b->flags) & POSTPARSE__VALUE_BIG)
            return false;
        if (!(a->flags & POSTPARSE__VALUE_BIG))
            return a->u.i == b->u.i;
        return a->u.s.n == b->u.s.n && !memcmp(a->u.s.p, b->u.s.p, a->u.s.n);
    case POSTPARSE_VALUE_FLOAT:
        /* Float::NAN is one Ruby object, found again by identity. */
        if (isnan(a->u.f) && isnan(b->u.f))
            return true;
        return a->u.f == b->u.f && signbit(a->u.f) == signbit(b->u.f);
    case POSTPARSE_VALUE_STRING:
    case POSTPARSE_VALUE_BINARY:
        return a->u.s.n == b->u.s.n && !memcmp(a->u.s.p, b->u.s.p, a->u.s.n);
    case POSTPARSE_VALUE_TIMESTAMP:
        return epoch_seconds(&a->u.dt) == epoch_seconds(&b->u.dt) &&
               a->u.dt.nanosecond == b->u.dt.nanosecond;
    case POSTPARSE_VALUE_DATE:
        return a->u.dt.year == b->u.dt.year && a->u.dt.month == b->u.dt.month &&
               a->u.dt.day == b->u.dt.day;
    case POSTPARSE_VALUE_SEQUENCE:
    case POSTPARSE_VALUE_MAPPING: {
        if ((a->flags | b->flags) & POSTPARSE__VALUE_RECURSIVE)
            return false;
        size_t n = a->u.c.n * (a->kind == POSTPARSE_VALUE_MAPPING ? 2 : 1);
        if (a->u.c.n != b->u.c.n)
            return false;
        for (size_t i = 0; i < n; i++)
            if (!postparse__value_key_equal(a->u.c.items[i], b->u.c.items[i]))
                return false;
        return true;
    }
    }
    return false;
}

/* Keys are hashed by content, collections too, as postparse__value_key_equal
 * compares them: a hash of only the length let an input of same-length
 * collections (`? [x, i]: v`) put all of them in one slot. A key costs its
 * own size to hash; a key written as an alias is charged its size in the
 * alias budget, which so bounds the hashing too. */
uint64_t postparse__value_key_hash(const postparse__hash_key *key,
                                   const postparse_value *v)
{
    postparse__hash_state s;
    switch ((postparse_value_kind)v->kind) {
    case POSTPARSE_VALUE_STRING:
    case POSTPARSE_VALUE_BINARY:
        return postparse__hash_bytes(key, v->u.s.p, v->u.s.n) ^ v->kind;
    case POSTPARSE_VALUE_INT:
        if (v->flags & POSTPARSE__VALUE_BIG)
            return postparse__hash_bytes(key, v->u.s.p, v->u.s.n) ^ v->kind;
        break;
    default:
        break;
    }
    postparse__hash_init(&s, key);
    postparse__hash_add(&s, v->kind);
    switch ((postparse_value_kind)v->kind) {
    case POSTPARSE_VALUE_NULL:
    case POSTPARSE_VALUE_STRING:
    case POSTPARSE_VALUE_BINARY:
        break;
    case POSTPARSE_VALUE_BOOL:
        postparse__hash_add(&s, v->u.b);
        break;
    case POSTPARSE_VALUE_INT:
        postparse__hash_add(&s, (uint64_t)v->u.i);
        break;
    case POSTPARSE_VALUE_FLOAT: {
        uint64_t bits = 0x7ff8;
        if (!isnan(v->u.f))
            memcpy(&bits, &v->u.f, sizeof(bits));
        postparse__hash_add(&s, bits);
        break;
    }
    case POSTPARSE_VALUE_TIMESTAMP:
        postparse__hash_add(&s, (uint64_t)epoch_seconds(&v->u.dt));
        postparse__hash_add(&s, v->u.dt.nanosecond);
        break;
    case POSTPARSE_VALUE_DATE:
        postparse__hash_add(&s, (uint64_t)postparse__days_from_civil(
                                    v->u.dt.year, v->u.dt.month, v->u.dt.day));
        break;
    case POSTPARSE_VALUE_SEQUENCE:
    case POSTPARSE_VALUE_MAPPING: {
        postparse__hash_add(&s, v->u.c.n);
        /* A collection that holds itself equals nothing: its length is
         * hash enough, and the walk must not loop. */
        if (v->flags & POSTPARSE__VALUE_RECURSIVE)
            break;
        size_t n = v->u.c.n * (v->kind == POSTPARSE_VALUE_MAPPING ? 2 : 1);
        for (size_t i = 0; i < n; i++)
            postparse__hash_add(
                &s, postparse__value_key_hash(key, v->u.c.items[i]));
        break;
    }
    }
    return postparse__hash_final(&s);
}

static ptrdiff_t merge_find_key(postparse_value *const *items, size_t n,
                                const postparse_value *key)
{
    for (size_t i = 0; i < n; i++)
        if (postparse__value_key_equal(items[2 * i], key))
            return (ptrdiff_t)i;
    return -1;
}

static postparse_value *deep_merge(postparse__arena *arena,
                                   const postparse_value *target,
                                   const postparse_value *over, int depth)
{
    size_t tn = target ? target->u.c.n : 0, on = over ? over->u.c.n : 0;
    postparse_value *m = postparse__value_new(arena, POSTPARSE_VALUE_MAPPING);
    if (!m)
        return NULL;
    if (tn + on == 0)
        return m;
    postparse_value **items =
        postparse__arena_alloc(arena, 2 * (tn + on) * sizeof(*items));
    if (!items)
        return NULL;
    size_t n = tn;
    if (tn)
        memcpy(items, target->u.c.items, 2 * tn * sizeof(*items));
    for (size_t i = 0; i < on; i++) {
        postparse_value *k = over->u.c.items[2 * i];
        postparse_value *v = over->u.c.items[2 * i + 1];
        ptrdiff_t at = merge_find_key(items, n, k);
        if (at < 0) {
            items[2 * n] = k;
            items[2 * n + 1] = v;
            n++;
            continue;
        }
        postparse_value *old = items[2 * at + 1];
        if (v->kind == POSTPARSE_VALUE_NULL)
            continue;
        if (old->kind == POSTPARSE_VALUE_MAPPING &&
            v->kind == POSTPARSE_VALUE_MAPPING && depth < 200) {
            v = deep_merge(arena, old, v, depth + 1);
            if (!v)
                return NULL;
        }
        items[2 * at + 1] = v;
    }
    m->u.c.items = items;
    m->u.c.n = n;
    return m;
}

postparse_value *postparse__value_deep_merge(postparse__arena *arena,
                                             const postparse_value *target,
                                             const postparse_value *over)
{
    if (target && target->kind != POSTPARSE_VALUE_MAPPING)
        target = NULL;
    if (over && over->kind != POSTPARSE_VALUE_MAPPING)
        over = NULL;
    return deep_merge(arena, target, over, 0);
}
