/* SPDX-License-Identifier: MIT */
/* The event loop mirrors Psych: Psych.parse builds the whole first
 * document (so a syntax error anywhere beats every conversion error), then
 * ToRuby converts it in document order (so the first conversion error
 * wins). Here both happen in one pass over the events; once a conversion
 * error is recorded, values stop being built but the events are still
 * read for syntax errors. */
#include "yaml_loader.h"

#include <stdio.h>
#include <string.h>

#include "base_array.h"
#include "ruby_inspect.h"
#include "yaml_resolve.h"
#include "yaml_ruby_hash.h"

#define BUILDING (1u << 6) /* value flag: collection not closed yet */

static postparse_status check_alias_budget(loader *L, const yaml_mark_t *m)
{
    const postparse__yaml_options *o = L->opt;
    if (L->expanded_nodes > o->max_alias_nodes)
        return postparse__yaml_fatal(
            L, POSTPARSE_ERR_ALIAS_LIMIT, m,
            "aliases expand the front matter to more than %llu "
            "nodes (max_alias_nodes)",
            (unsigned long long)o->max_alias_nodes);
    if (L->expanded_nodes > o->alias_activation_nodes &&
        L->expanded_nodes / o->alias_amplification >= L->direct_nodes &&
        L->expanded_nodes > L->direct_nodes)
        return postparse__yaml_fatal(
            L, POSTPARSE_ERR_ALIAS_LIMIT, m,
            "aliases expand %llu nodes of text into %llu, more than "
            "%u times (alias_amplification)",
            (unsigned long long)L->direct_nodes,
            (unsigned long long)L->expanded_nodes, o->alias_amplification);
    return POSTPARSE_OK;
}

/* Anchors are counted as they are defined, a name given again too: each
 * definition costs a table operation. */
static postparse_status set_anchor(loader *L, const char *name,
                                   postparse_value *v, const yaml_mark_t *m)
{
    if (++L->anchor_count > L->opt->max_anchors)
        return postparse__yaml_fatal(L, POSTPARSE_ERR_ANCHORS_LIMIT, m,
                                     "more than %zu anchors (max_anchors)",
                                     L->opt->max_anchors);
    if (!postparse__anchor_set(&L->anchors, &L->opt->hash_key, L->alloc,
                               L->arena, name, v))
        return postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m,
                                     "out of memory");
    return POSTPARSE_OK;
}

static frame *top_frame(loader *L)
{
    return L->frames.n ? (frame *)L->frames.p + L->frames.n - 1 : NULL;
}

/* A node is complete: it becomes the root, an item of the open
 * collection, or a key or value of the open mapping. */
static postparse_status add_node(loader *L, postparse_value *v, bool from_alias,
                                 const yaml_mark_t *m)
{
    frame *f = top_frame(L);
    if (!f) {
        if (!L->out->root)
            L->out->root = v;
        return POSTPARSE_OK;
    }
    bool is_key =
        f->kind == POSTPARSE_VALUE_MAPPING && ((L->items.n - f->base) % 2) == 0;
    if (is_key) {
        if (++L->keys > L->opt->max_keys)
            return postparse__yaml_fatal(
                L, POSTPARSE_ERR_KEYS_LIMIT, m,
                "more than %zu mapping keys (max_keys)", L->opt->max_keys);
        if (L->frames.n == 1) {
            L->top_key = NULL;
            if (v && v->kind == POSTPARSE_VALUE_STRING)
                L->top_key = (char *)v->u.s.p;
        }
    }
    item it = {v, from_alias};
    if (!postparse__vec_push(&L->items, L->alloc, &it))
        return postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m,
                                     "out of memory");
    return POSTPARSE_OK;
}

static bool parse_tag_is(const yaml_char_t *tag, const char *name)
{
    return tag && !strcmp((const char *)tag, name);
}

static const char *arena_tag(loader *L, const yaml_char_t *tag)
{
    if (!tag)
        return NULL;
    return postparse__arena_strndup(L->arena, (const char *)tag,
                                    strlen((const char *)tag));
}

static postparse_status tag_checks(loader *L, const yaml_char_t *tag,
                                   postparse_value_kind kind,
                                   const postparse_pos *pos)
{
    if (!tag || L->raised)
        return POSTPARSE_OK;
    const char *t = (const char *)tag;
    const char *cls = postparse__yaml_tag_disallowed(t, kind);
    if (kind == POSTPARSE_VALUE_SEQUENCE && cls &&
        strncmp(t, POSTPARSE__LIT("!seq:")) &&
        strncmp(t, POSTPARSE__LIT("!ruby/array:")))
        cls = NULL; /* Psych makes other tagged sequences plain arrays */
    if (cls) {
        char msg[300];
        snprintf(msg, sizeof(msg), "Tried to load unspecified class: %s", cls);
        char why[300];
        snprintf(why, sizeof(why), "tag %s asks for the Ruby class %s", t, cls);
        return postparse__yaml_raise_diag(L, "Psych::DisallowedClass", msg, pos,
                                          POSTPARSE_DIAG_YAML_DISALLOWED_CLASS,
                                          why);
    }
    if (!postparse__yaml_tag_known(t))
        return postparse__yaml_report(
            L, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_YAML_UNKNOWN_TAG, pos,
            "unknown tag %s is ignored: the value is read as if "
            "it had no tag, as Jekyll does",
            t);
    return POSTPARSE_OK;
}

static postparse_status on_scalar(loader *L, const yaml_event_t *e)
{
    const yaml_mark_t *m = &e->start_mark;
    size_t n = e->data.scalar.length;
    if (n > L->opt->max_scalar_bytes)
        return postparse__yaml_fatal(
            L, POSTPARSE_ERR_SCALAR_LIMIT, m,
            "a scalar of %zu bytes exceeds max_scalar_bytes (%zu)", n,
            L->opt->max_scalar_bytes);
    L->direct_nodes++;
    L->expanded_nodes++;
    postparse_status s = check_alias_budget(L, m);
    if (s)
        return s;
    postparse_pos pos = postparse__yaml_mark_pos(L, m);
    if ((s = tag_checks(L, e->data.scalar.tag, POSTPARSE_VALUE_STRING, &pos)))
        return s;
    if (L->raised)
        return add_node(L, NULL, false, m);
    postparse_value *v = postparse__value_new(L->arena, POSTPARSE_VALUE_STRING);
    char *text = postparse__arena_strndup(
        L->arena, (const char *)e->data.scalar.value, n);
    if (!v || !text)
        return postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m,
                                     "out of memory");
    v->pos = pos;
    v->text = text;
    v->text_len = n;
    v->tag = arena_tag(L, e->data.scalar.tag);
    bool quoted = e->data.scalar.quoted_implicit;
    if (quoted)
        v->flags |= POSTPARSE__VALUE_QUOTED;
    postparse__ruby_error rerr;
    switch (postparse__yaml_resolve_scalar(L->arena, v, text, n, v->tag, quoted,
                                           L->opt->schema, &rerr)) {
    case POSTPARSE__RESOLVED:
        break;
    case POSTPARSE__RESOLVE_NOMEM:
        return postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m,
                                     "out of memory");
    case POSTPARSE__RESOLVE_RAISES: {
        char why[200];
        char shown[120];
        postparse__ruby_inspect(shown, sizeof(shown), text, n);
        snprintf(why, sizeof(why), "the scalar %s cannot be converted", shown);
        if ((s = postparse__yaml_raise_diag(
                 L, rerr.cls, rerr.message, &pos,
                 !strcmp(rerr.cls, "Psych::DisallowedClass")
                     ? POSTPARSE_DIAG_YAML_DISALLOWED_CLASS
                     : POSTPARSE_DIAG_YAML_BAD_SCALAR,
                 why)))
            return s;
        return add_node(L, NULL, false, m);
    }
    }
    if (e->data.scalar.anchor &&
        (s = set_anchor(L, (const char *)e->data.scalar.anchor, v, m)))
        return s;
    return add_node(L, v, false, m);
}

static postparse_status on_alias(loader *L, const yaml_event_t *e)
{
    const yaml_mark_t *m = &e->start_mark;
    const char *name = (const char *)e->data.alias.anchor;
    postparse__anchor *a = postparse__anchor_get(&L->anchors, &L->opt->hash_key,
                                                 L->alloc, name, false);
    L->direct_nodes++;
    if (!a || !a->name) {
        L->expanded_nodes++;
        postparse_pos pos = postparse__yaml_mark_pos(L, m);
        char msg[300], why[300];
        snprintf(msg, sizeof(msg), "Unknown alias: %s", name);
        snprintf(why, sizeof(why),
                 "alias *%s refers to no anchor &%s defined before it", name,
                 name);
        postparse_status s =
            postparse__yaml_raise_diag(L, "Psych::BadAlias", msg, &pos,
                                       POSTPARSE_DIAG_YAML_UNKNOWN_ALIAS, why);
        return s ? s : add_node(L, NULL, true, m);
    }
    postparse_value *v = a->v;
    if (v->flags & BUILDING) {
        /* Ruby lets a collection hold itself; mark every collection that
         * now contains itself. */
        for (size_t i = L->frames.n; i-- > 0;) {
            frame *f = (frame *)L->frames.p + i;
            if (!f->v)
                continue;
            f->v->flags |= POSTPARSE__VALUE_RECURSIVE;
            if (f->v == v)
                break;
        }
        L->expanded_nodes++;
    } else {
        L->expanded_nodes += v->weight;
    }
    postparse_status s = check_alias_budget(L, m);
    if (s)
        return s;
    return add_node(L, L->raised ? NULL : v, true, m);
}

static postparse_status on_start(loader *L, const yaml_event_t *e,
                                 postparse_value_kind kind)
{
    const yaml_mark_t *m = &e->start_mark;
    if (L->frames.n >= L->opt->max_depth)
        return postparse__yaml_fatal(
            L, POSTPARSE_ERR_DEPTH_LIMIT, m,
            "collections nest deeper than %zu (max_depth)", L->opt->max_depth);
    L->direct_nodes++;
    L->expanded_nodes++;
    postparse_status s = check_alias_budget(L, m);
    if (s)
        return s;
    const yaml_char_t *tag = kind == POSTPARSE_VALUE_SEQUENCE
                                 ? e->data.sequence_start.tag
                                 : e->data.mapping_start.tag;
    const yaml_char_t *anchor_name = kind == POSTPARSE_VALUE_SEQUENCE
                                         ? e->data.sequence_start.anchor
                                         : e->data.mapping_start.anchor;
    postparse_pos pos = postparse__yaml_mark_pos(L, m);
    if ((s = tag_checks(L, tag, kind, &pos)))
        return s;
    frame f = {NULL, kind, L->items.n, false};
    if (!L->raised) {
        f.omap = kind == POSTPARSE_VALUE_SEQUENCE &&
                 (parse_tag_is(tag, "tag:yaml.org,2002:omap") ||
                  parse_tag_is(tag, "!omap"));
        f.v = postparse__value_new(L->arena,
                                   f.omap ? POSTPARSE_VALUE_MAPPING : kind);
        if (!f.v)
            return postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m,
                                         "out of memory");
        f.v->pos = pos;
        f.v->tag = arena_tag(L, tag);
        f.v->flags |= BUILDING;
        if (anchor_name &&
            (s = set_anchor(L, (const char *)anchor_name, f.v, m)))
            return s;
    }
    if (!postparse__vec_push(&L->frames, L->alloc, &f))
        return postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m,
                                     "out of memory");
    return POSTPARSE_OK;
}

static bool is_merge_key(const postparse_value *k)
{
    return k && k->kind == POSTPARSE_VALUE_STRING && k->u.s.n == 2 &&
           !memcmp(k->u.s.p, POSTPARSE__LIT("<<")) &&
           !(k->tag && !strcmp(k->tag, "tag:yaml.org,2002:str"));
}

/* v holds items[0..n): key and value in turn for a mapping. */
static void set_collection(postparse_value *v, postparse_value **items,
                           size_t n)
{
    v->u.c.items = items;
    v->u.c.n = v->kind == POSTPARSE_VALUE_MAPPING ? n / 2 : n;
    uint64_t w = 1;
    for (size_t i = 0; i < n; i++)
        w += items[i]->weight;
    v->weight = w;
}

static bool finish_collection(loader *L, postparse_value *v,
                              postparse_value **src, size_t n)
{
    postparse_value **items = NULL;
    if (n) {
        items = postparse__arena_alloc(L->arena, n * sizeof(*src));
        if (!items)
            return false;
        memcpy(items, src, n * sizeof(*src));
    }
    set_collection(v, items, n);
    return true;
}

/* A sequence's values, from the item stack straight into the arena. */
static bool finish_sequence(loader *L, postparse_value *v, const item *it,
                            size_t n)
{
    postparse_value **items = NULL;
    if (n) {
        items = postparse__arena_alloc(L->arena, n * sizeof(*items));
        if (!items)
            return false;
        for (size_t i = 0; i < n; i++)
            items[i] = it[i].v;
    }
    set_collection(v, items, n);
    return true;
}

/* The mapping built in h becomes f's value (unless s already failed); h
 * is freed either way. */
static postparse_status finish_hash(loader *L, frame *f,
                                    postparse__ruby_hash *h, postparse_status s,
                                    const yaml_mark_t *m)
{
    if (!s && !finish_collection(L, f->v, h->entries.p, h->entries.n))
        s = postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
    postparse__ruby_hash_free(h, L->alloc);
    return s;
}

/* Psych's revive_hash, with merge keys as Psych applies them: "<<" merges
 * a mapping (or an alias of one) or a sequence of mappings (the first one
 * wins) at its place among the keys; anything else is an ordinary key. */
static postparse_status build_mapping(loader *L, frame *f, const item *it,
                                      size_t n, const yaml_mark_t *m)
{
    postparse__ruby_hash h;
    postparse__ruby_hash_init(&h, &L->opt->hash_key);
    postparse_status s = POSTPARSE_OK;
    for (size_t i = 0; i + 1 < n && !s; i += 2) {
        postparse_value *k = it[i].v, *v = it[i + 1].v;
        bool ok = true;
        if (is_merge_key(k) && v->kind == POSTPARSE_VALUE_MAPPING) {
            ok = postparse__ruby_hash_merge(&h, L->alloc, v);
        } else if (is_merge_key(k) && v->kind == POSTPARSE_VALUE_SEQUENCE &&
                   !it[i + 1].from_alias) {
            bool all_maps = true;
            for (size_t j = 0; j < v->u.c.n; j++)
                all_maps &= v->u.c.items[j]->kind == POSTPARSE_VALUE_MAPPING;
            if (all_maps) {
                postparse__ruby_hash tmp;
                postparse__ruby_hash_init(&tmp, &L->opt->hash_key);
                for (size_t j = v->u.c.n; ok && j-- > 0;)
                    ok = postparse__ruby_hash_merge(&tmp, L->alloc,
                                                    v->u.c.items[j]);
                if (ok) {
                    postparse_value **te = tmp.entries.p;
                    for (size_t j = 0; ok && j < tmp.entries.n; j += 2)
                        ok = postparse__ruby_hash_set(&h, L->alloc, te[j],
                                                      te[j + 1], NULL);
                }
                postparse__ruby_hash_free(&tmp, L->alloc);
            } else {
                ok = postparse__ruby_hash_set(&h, L->alloc, k, v, NULL);
            }
        } else {
            postparse_value *old = NULL;
            ok = postparse__ruby_hash_set(&h, L->alloc, k, v, &old);
            if (ok && old) {
                if (L->frames.n == 0 && k->kind == POSTPARSE_VALUE_STRING)
                    L->top_key = (char *)k->u.s.p;
                char shown[160];
                if (k->kind == POSTPARSE_VALUE_STRING && k->text)
                    postparse__ruby_inspect(shown, sizeof(shown), k->text,
                                            k->text_len);
                else
                    postparse__ruby_inspect_value(shown, sizeof(shown), k, 0);
                s = postparse__yaml_report(
                    L, POSTPARSE_SEVERITY_ERROR,
                    POSTPARSE_DIAG_YAML_DUPLICATE_KEY, &k->pos,
                    "duplicate key %s: this value replaces the one "
                    "given at %llu:%llu (Jekyll keeps the last, at "
                    "the first key's place)",
                    shown, (unsigned long long)old->pos.line,
                    (unsigned long long)old->pos.column);
            }
        }
        if (!ok)
            s = postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m,
                                      "out of memory");
    }
    return finish_hash(L, f, &h, s, m);
}

/* A sequence tagged !!omap: Psych::Omap[first key of each item] = last
 * value of that item. */
static postparse_status build_omap(loader *L, frame *f, const item *it,
                                   size_t n, const yaml_mark_t *m)
{
    postparse__ruby_hash h;
    postparse__ruby_hash_init(&h, &L->opt->hash_key);
    postparse_status s = POSTPARSE_OK;
    for (size_t i = 0; i < n && !s; i++) {
        const postparse_value *p = it[i].v;
        if (p->kind != POSTPARSE_VALUE_MAPPING || p->u.c.n == 0) {
            s = postparse__yaml_raise_diag(
                L, "NoMethodError",
                "undefined method `children' for an omap item", &p->pos,
                POSTPARSE_DIAG_YAML_BAD_OMAP,
                "an item of a !!omap sequence is not a "
                "one-entry mapping");
            break;
        }
        if (!postparse__ruby_hash_set(&h, L->alloc, p->u.c.items[0],
                                      p->u.c.items[2 * p->u.c.n - 1], NULL))
            s = postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m,
                                      "out of memory");
    }
    return finish_hash(L, f, &h, s, m);
}

static postparse_status on_end(loader *L, const yaml_event_t *e)
{
    const yaml_mark_t *m = &e->start_mark;
    frame f = *top_frame(L);
    L->frames.n--;
    item *it = L->items.p ? (item *)L->items.p + f.base : NULL;
    size_t n = L->items.n - f.base;
    postparse_status s = POSTPARSE_OK;
    bool complete = !L->raised && f.v;
    for (size_t i = 0; complete && i < n; i++)
        complete = it[i].v != NULL;
    if (complete) {
        if (f.omap)
            s = build_omap(L, &f, it, n, m);
        else if (f.v->kind == POSTPARSE_VALUE_MAPPING)
            s = build_mapping(L, &f, it, n, m);
        else if (!finish_sequence(L, f.v, it, n))
            s = postparse__yaml_fatal(L, POSTPARSE_ERR_NOMEM, m,
                                      "out of memory");
        f.v->flags &= (uint8_t)~BUILDING;
    }
    L->items.n = f.base;
    if (s)
        return s;
    return add_node(L, complete && !L->raised ? f.v : NULL, false, m);
}

postparse_status postparse__yaml_dispatch(loader *L, const yaml_event_t *e,
                                          bool *done)
{
    L->last_event_end = e->end_mark.index;
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        return on_scalar(L, e);
    case YAML_ALIAS_EVENT:
        return on_alias(L, e);
    case YAML_SEQUENCE_START_EVENT:
        return on_start(L, e, POSTPARSE_VALUE_SEQUENCE);
    case YAML_MAPPING_START_EVENT:
        return on_start(L, e, POSTPARSE_VALUE_MAPPING);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_end(L, e);
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
        /* Psych.parse returns with the first document: nothing after it
         * is read, not even its syntax errors. */
        *done = true;
        return POSTPARSE_OK;
    default:
        return POSTPARSE_OK;
    }
}
