/* SPDX-License-Identifier: MIT */
/* The event loop mirrors Psych: Psych.parse builds the whole first
 * document (so a syntax error anywhere beats every conversion error), then
 * ToRuby converts it in document order (so the first conversion error
 * wins). Here both happen in one pass over libyaml's events; once a
 * conversion error is recorded, values stop being built but the events are
 * still read for syntax errors. */
#include "yaml_load.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "base_array.h"
#include "hash_index.h"
#include "position.h"
#include "yaml_fast.h"
#include "yaml_resolve.h"

#define BUILDING (1u << 6) /* value flag: collection not closed yet */

void postparse__yaml_options_init(postparse__yaml_options *o)
{
    o->schema = POSTPARSE_SCHEMA_JEKYLL;
    o->max_depth = 100;
    o->max_scalar_bytes = 256 * 1024;
    o->max_keys = 10000;
    o->max_alias_nodes = 1000000;
    o->alias_activation_nodes = 10000;
    o->alias_amplification = 100;
    o->max_anchors = 10000;
    o->max_directives = 100;
    o->libyaml_only = false;
    /* A fixed key for the loader's own callers (tests, fuzz harnesses);
     * the parser gives each load its own. */
    o->hash_key = (postparse__hash_key){0, 0};
}

/* ---- libyaml marks (0-based, counting characters of the text) to file
 * positions. Marks mostly grow; a checkpoint every 4096 characters makes a
 * step back cheap. */

typedef struct checkpoint {
    size_t ci, bi;
    postparse__cursor cur;
} checkpoint;

typedef struct posmap {
    const unsigned char *text;
    size_t len;
    checkpoint start;           /* the text's first character */
    checkpoint at;              /* current */
    postparse__vec checkpoints; /* of checkpoint, ci ascending */
    bool nomem;                 /* a checkpoint could not be kept */
} posmap;

static postparse_pos posmap_get(posmap *m, const postparse_allocator *a,
                                size_t index)
{
    if (index < m->at.ci) {
        const checkpoint *cp = m->checkpoints.p;
        size_t lo = 0, hi = m->checkpoints.n;
        m->at = m->start;
        if (hi && cp[0].ci <= index) {
            while (hi - lo > 1) {
                size_t mid = (lo + hi) / 2;
                if (cp[mid].ci <= index)
                    lo = mid;
                else
                    hi = mid;
            }
            m->at = cp[lo];
        }
    }
    /* Local copies of the place: stores through m could alias the text,
     * and would be reloaded at every byte. */
    const unsigned char *text = m->text;
    size_t len = m->len, ci = m->at.ci, bi = m->at.bi;
    postparse__cursor cur = m->at.cur;
    while (ci < index && bi < len) {
        /* Eight ASCII bytes that end no line, with no checkpoint among
         * them, are eight characters and eight columns. */
        uint64_t w;
        if (index - ci >= 8 && len - bi >= 8 && (ci & 4095) < 4096 - 8) {
            memcpy(&w, text + bi, 8);
            uint64_t lf = w ^ UINT64_C(0x0A0A0A0A0A0A0A0A);
            uint64_t cr = w ^ UINT64_C(0x0D0D0D0D0D0D0D0D);
            uint64_t ones = UINT64_C(0x0101010101010101);
            uint64_t zero_byte = ((lf - ones) & ~lf) | ((cr - ones) & ~cr);
            if (((w | zero_byte) & UINT64_C(0x8080808080808080)) == 0) {
                cur.pos.offset += 8;
                cur.pos.column += 8;
                cur.after_cr = false;
                bi += 8;
                ci += 8;
                /* Stray continuation bytes belong to the last of them. */
                while (bi < len && (text[bi] & 0xC0) == 0x80)
                    postparse__cursor_step(&cur, text[bi++]);
                continue;
            }
        }
        if (text[bi] >= 0x80) {
            /* A character of several bytes: one column, no line end. */
            size_t end = bi + 1;
            while (end < len && (text[end] & 0xC0) == 0x80)
                end++;
            cur.pos.offset += end - bi;
            cur.pos.column += (text[bi] & 0xC0) != 0x80;
            cur.after_cr = false;
            bi = end;
        } else {
            postparse__cursor_step(&cur, text[bi++]);
            while (bi < len && (text[bi] & 0xC0) == 0x80)
                postparse__cursor_step(&cur, text[bi++]);
        }
        ci++;
        if ((ci & 4095) == 0) {
            const checkpoint *last =
                m->checkpoints.n ? (const checkpoint *)m->checkpoints.p +
                                       m->checkpoints.n - 1
                                 : NULL;
            checkpoint here = {ci, bi, cur};
            if ((!last || last->ci < ci) &&
                !postparse__vec_push(&m->checkpoints, a, &here))
                m->nomem = true;
        }
    }
    m->at.ci = ci;
    m->at.bi = bi;
    m->at.cur = cur;
    return m->at.cur.pos;
}

/* A place the fast scanner knows (character ci at byte bi, at 0-based
 * line and column of the text): the next posmap_get of ci needs no walk. */
static void posmap_seek(posmap *m, size_t ci, size_t bi, size_t line,
                        size_t column)
{
    postparse_pos pos = m->start.cur.pos;
    pos.offset += bi;
    pos.column = (line ? 1 : pos.column) + column;
    pos.line += line;
    m->at.ci = ci;
    m->at.bi = bi;
    m->at.cur.pos = pos;
    m->at.cur.after_cr = false; /* no event starts after a CR */
}

/* ---- anchors: name -> value, open addressing over a list of them (so
 * that the tree a long probe falls back to can name them by index) */

typedef struct anchor {
    const char *name;
    size_t len;
    postparse_value *v;
} anchor;

typedef struct anchor_table {
    postparse__vec list; /* of anchor */
    postparse__hash_index index;
} anchor_table;

typedef struct anchor_lookup {
    const anchor_table *t;
    const postparse__hash_key *key;
    const char *name;
    size_t len;
} anchor_lookup;

static bool anchor_eq(void *ctx, size_t index)
{
    const anchor_lookup *l = ctx;
    const anchor *a = (const anchor *)l->t->list.p + index;
    return a->len == l->len && !memcmp(a->name, l->name, l->len);
}

static uint64_t anchor_hash(void *ctx, size_t index)
{
    const anchor_lookup *l = ctx;
    const anchor *a = (const anchor *)l->t->list.p + index;
    return postparse__hash_bytes(l->key, a->name, a->len);
}

/* The anchor of that name, or NULL. With add, a missing one is added
 * (name NULL: the caller names it); NULL then means out of memory. */
static anchor *anchor_get(anchor_table *t, const postparse__hash_key *key,
                          const postparse_allocator *a, const char *name,
                          bool add)
{
    size_t len = strlen(name);
    anchor_lookup l = {t, key, name, len};
    postparse__hash_index_ops ops = {anchor_eq, anchor_hash, &l};
    size_t at;
    if (!postparse__hash_index_find(&t->index, a, &ops,
                                    postparse__hash_bytes(key, name, len),
                                    t->list.n, add, &at))
        return NULL;
    if (at != SIZE_MAX)
        return (anchor *)t->list.p + at;
    if (!add)
        return NULL;
    anchor fresh = {NULL, len, NULL};
    if (!postparse__vec_push(&t->list, a, &fresh))
        return NULL;
    return (anchor *)t->list.p + t->list.n - 1;
}

static bool anchor_set(anchor_table *t, const postparse__hash_key *key,
                       const postparse_allocator *a, postparse__arena *arena,
                       const char *name, postparse_value *v)
{
    anchor *s = anchor_get(t, key, a, name, true);
    if (!s)
        return false;
    if (!s->name) {
        s->name = postparse__arena_strndup(arena, name, s->len);
        if (!s->name)
            return false;
    }
    s->v = v; /* Psych: a later anchor of the same name replaces it */
    return true;
}

static void anchor_free(anchor_table *t, const postparse_allocator *a)
{
    postparse__vec_free(&t->list, a);
    postparse__hash_index_free(&t->index, a);
}

/* ---- the loader */

typedef struct item {
    postparse_value *v;
    bool from_alias;
} item;

typedef struct frame {
    postparse_value *v; /* NULL once a conversion error stopped building */
    postparse_value_kind kind;
    size_t base; /* first item in the item stack */
    bool omap;   /* a sequence tagged !!omap: Psych makes it a Hash */
} frame;

typedef struct loader {
    postparse__arena *arena;
    const postparse_allocator *alloc;
    const postparse__yaml_options *opt;
    postparse__yaml_diag_fn diag;
    void *ctx;
    postparse__yaml_result *out;
    postparse_error *err;
    yaml_parser_t parser;
    const char *text;
    size_t len, fed;
    size_t last_event_end; /* character index */
    size_t token_cap;      /* characters one token may span */
    bool token_too_long;
    posmap pm;
    postparse__vec items;  /* of item */
    postparse__vec frames; /* of frame */
    anchor_table anchors;
    size_t anchor_count;  /* anchors defined, for max_anchors */
    bool directives_stop; /* max_directives passed after the document */
    uint64_t direct_nodes, expanded_nodes;
    size_t keys;
    char *top_key; /* key of the root mapping entry being read */
    bool raised;   /* a conversion error was recorded: stop building */
    postparse_status status;
} loader;

static int read_handler(void *data, unsigned char *buffer, size_t size,
                        size_t *size_read)
{
    loader *L = data;
    /* libyaml reads ahead only while it scans one token: a scalar or a
     * gap longer than any allowed scalar stops here, before libyaml has
     * spent time and memory on all of it. */
    if (L->parser.mark.index - L->last_event_end > L->token_cap) {
        L->token_too_long = true;
        return 0;
    }
    size_t n = L->len - L->fed;
    if (n > size)
        n = size;
    memcpy(buffer, L->text + L->fed, n);
    L->fed += n;
    *size_read = n;
    return 1;
}

static postparse_pos mark_pos(loader *L, const yaml_mark_t *m)
{
    return posmap_get(&L->pm, L->alloc, m->index);
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static postparse_status
fatal(loader *L, postparse_status code, const yaml_mark_t *m, const char *fmt,
      ...)
{
    va_list ap;
    va_start(ap, fmt);
    L->err->code = code;
    vsnprintf(L->err->message, sizeof(L->err->message), fmt, ap);
    va_end(ap);
    L->err->pos = mark_pos(L, m);
    L->status = code;
    return code;
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static postparse_status
report(loader *L, postparse_severity sev, postparse_diagnostic_code code,
       const postparse_pos *pos, const char *fmt, ...)
{
    if (!L->diag)
        return POSTPARSE_OK;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    postparse_status s = L->diag(L->ctx, sev, code, pos, L->top_key, msg);
    if (s != POSTPARSE_OK) {
        L->err->code = s;
        snprintf(L->err->message, sizeof(L->err->message), "%s",
                 postparse_status_message(s));
        L->err->pos = *pos;
        L->status = s;
    }
    return s;
}

/* Out of memory where there is a file position but no libyaml mark. */
static postparse_status no_memory_at(loader *L, const postparse_pos *pos)
{
    L->err->code = POSTPARSE_ERR_NOMEM;
    snprintf(L->err->message, sizeof(L->err->message), "out of memory");
    L->err->pos = *pos;
    L->status = POSTPARSE_ERR_NOMEM;
    return POSTPARSE_ERR_NOMEM;
}

/* The exception Jekyll ends with; its message is copied into the arena,
 * which may need a new block: out of memory is then the parse's error. */
static postparse_status set_error(loader *L, const char *cls,
                                  const char *message, const postparse_pos *pos)
{
    char *copy = postparse__arena_strndup(L->arena, message, strlen(message));
    if (!copy)
        return no_memory_at(L, pos);
    L->out->error_class = cls;
    L->out->error_message = copy;
    L->out->error_pos = *pos;
    return POSTPARSE_OK;
}

static postparse_status record_raise(loader *L, const char *cls,
                                     const char *message,
                                     const postparse_pos *pos)
{
    if (L->raised)
        return POSTPARSE_OK;
    L->raised = true;
    /* Jekyll's safe_load_yaml rescues ArgumentError and retries with the
     * Psych 3 signature, which Psych 4 rejects. */
    if (!strcmp(cls, "ArgumentError"))
        message = "wrong number of arguments (given 2, expected 1)";
    return set_error(L, cls, message, pos);
}

static postparse_status raise_diag(loader *L, const char *cls,
                                   const char *message,
                                   const postparse_pos *pos,
                                   postparse_diagnostic_code code,
                                   const char *why)
{
    bool first = !L->raised;
    postparse_status s = record_raise(L, cls, message, pos);
    if (s != POSTPARSE_OK || !first)
        return s;
    return report(L, POSTPARSE_SEVERITY_ERROR, code, pos,
                  "%s; Jekyll's YAML loader raises %s (%s) and the post "
                  "keeps none of its front matter",
                  why, cls, message);
}

static postparse_status check_alias_budget(loader *L, const yaml_mark_t *m)
{
    const postparse__yaml_options *o = L->opt;
    if (L->expanded_nodes > o->max_alias_nodes)
        return fatal(L, POSTPARSE_ERR_ALIAS_LIMIT, m,
                     "aliases expand the front matter to more than %llu "
                     "nodes (max_alias_nodes)",
                     (unsigned long long)o->max_alias_nodes);
    if (L->expanded_nodes > o->alias_activation_nodes &&
        L->expanded_nodes / o->alias_amplification >= L->direct_nodes &&
        L->expanded_nodes > L->direct_nodes)
        return fatal(L, POSTPARSE_ERR_ALIAS_LIMIT, m,
                     "aliases expand %llu nodes of text into %llu, more than "
                     "%u times (alias_amplification)",
                     (unsigned long long)L->direct_nodes,
                     (unsigned long long)L->expanded_nodes,
                     o->alias_amplification);
    return POSTPARSE_OK;
}

/* Anchors are counted as they are defined, a name given again too: each
 * definition costs a table operation. */
static postparse_status set_anchor(loader *L, const char *name,
                                   postparse_value *v, const yaml_mark_t *m)
{
    if (++L->anchor_count > L->opt->max_anchors)
        return fatal(L, POSTPARSE_ERR_ANCHORS_LIMIT, m,
                     "more than %zu anchors (max_anchors)",
                     L->opt->max_anchors);
    if (!anchor_set(&L->anchors, &L->opt->hash_key, L->alloc, L->arena, name,
                    v))
        return fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
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
            return fatal(L, POSTPARSE_ERR_KEYS_LIMIT, m,
                         "more than %zu mapping keys (max_keys)",
                         L->opt->max_keys);
        if (L->frames.n == 1) {
            L->top_key = NULL;
            if (v && v->kind == POSTPARSE_VALUE_STRING)
                L->top_key = (char *)v->u.s.p;
        }
    }
    item it = {v, from_alias};
    if (!postparse__vec_push(&L->items, L->alloc, &it))
        return fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
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
    if (kind == POSTPARSE_VALUE_SEQUENCE && cls && strncmp(t, "!seq:", 5) &&
        strncmp(t, "!ruby/array:", 12))
        cls = NULL; /* Psych makes other tagged sequences plain arrays */
    if (cls) {
        char msg[300];
        snprintf(msg, sizeof(msg), "Tried to load unspecified class: %s", cls);
        char why[300];
        snprintf(why, sizeof(why), "tag %s asks for the Ruby class %s", t, cls);
        return raise_diag(L, "Psych::DisallowedClass", msg, pos,
                          POSTPARSE_DIAG_YAML_DISALLOWED_CLASS, why);
    }
    if (!postparse__yaml_tag_known(t))
        return report(L, POSTPARSE_SEVERITY_WARNING,
                      POSTPARSE_DIAG_YAML_UNKNOWN_TAG, pos,
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
        return fatal(L, POSTPARSE_ERR_SCALAR_LIMIT, m,
                     "a scalar of %zu bytes exceeds max_scalar_bytes (%zu)", n,
                     L->opt->max_scalar_bytes);
    L->direct_nodes++;
    L->expanded_nodes++;
    postparse_status s = check_alias_budget(L, m);
    if (s)
        return s;
    postparse_pos pos = mark_pos(L, m);
    if ((s = tag_checks(L, e->data.scalar.tag, POSTPARSE_VALUE_STRING, &pos)))
        return s;
    if (L->raised)
        return add_node(L, NULL, false, m);
    postparse_value *v = postparse__value_new(L->arena, POSTPARSE_VALUE_STRING);
    char *text = postparse__arena_strndup(
        L->arena, (const char *)e->data.scalar.value, n);
    if (!v || !text)
        return fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
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
        return fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
    case POSTPARSE__RESOLVE_RAISES: {
        char why[200];
        char shown[120];
        postparse__ruby_inspect(shown, sizeof(shown), text, n);
        snprintf(why, sizeof(why), "the scalar %s cannot be converted", shown);
        if ((s = raise_diag(L, rerr.cls, rerr.message, &pos,
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
    anchor *a =
        anchor_get(&L->anchors, &L->opt->hash_key, L->alloc, name, false);
    L->direct_nodes++;
    if (!a || !a->name) {
        L->expanded_nodes++;
        postparse_pos pos = mark_pos(L, m);
        char msg[300], why[300];
        snprintf(msg, sizeof(msg), "Unknown alias: %s", name);
        snprintf(why, sizeof(why),
                 "alias *%s refers to no anchor &%s defined before it", name,
                 name);
        postparse_status s = raise_diag(L, "Psych::BadAlias", msg, &pos,
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
        return fatal(L, POSTPARSE_ERR_DEPTH_LIMIT, m,
                     "collections nest deeper than %zu (max_depth)",
                     L->opt->max_depth);
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
    postparse_pos pos = mark_pos(L, m);
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
            return fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
        f.v->pos = pos;
        f.v->tag = arena_tag(L, tag);
        f.v->flags |= BUILDING;
        if (anchor_name &&
            (s = set_anchor(L, (const char *)anchor_name, f.v, m)))
            return s;
    }
    if (!postparse__vec_push(&L->frames, L->alloc, &f))
        return fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
    return POSTPARSE_OK;
}

/* ---- building a Ruby Hash: insertion order, a key set again keeps its
 * place and takes the new value. */

/* Entries and slots lent by the builder's owner: a mapping of up to 15
 * keys is built without an allocation. */
enum { HB_LENT = 32, HB_LINEAR = 8 };

typedef struct hash_builder {
    const postparse__hash_key *key;
    postparse__vec entries;      /* of postparse_value *, key then value */
    postparse__hash_index index; /* item: entry pair */
    postparse_value *lent_entries[HB_LENT];
    size_t lent_slots[HB_LENT];
    /* The index is in use: the first HB_LINEAR keys are found by
     * comparing them in turn, cheaper than hashing them (most mappings of
     * a front matter are that small). */
    bool indexed;
} hash_builder;

static void hb_init(hash_builder *h, const postparse__hash_key *key)
{
    h->key = key;
    postparse__vec_init(&h->entries, sizeof(postparse_value *));
    postparse__vec_lend(&h->entries, h->lent_entries, HB_LENT);
    memset(&h->index, 0, sizeof h->index);
    postparse__hash_index_lend(&h->index, h->lent_slots, HB_LENT);
    h->indexed = false;
}

static void hb_free(hash_builder *h, const postparse_allocator *a)
{
    postparse__vec_free(&h->entries, a);
    postparse__hash_index_free(&h->index, a);
}

typedef struct hb_lookup {
    const hash_builder *h;
    const postparse_value *key;
} hb_lookup;

static bool hb_eq(void *ctx, size_t index)
{
    const hb_lookup *l = ctx;
    postparse_value *const *e = l->h->entries.p;
    return postparse__value_key_equal(e[2 * index], l->key);
}

static uint64_t hb_hash(void *ctx, size_t index)
{
    const hb_lookup *l = ctx;
    postparse_value *const *e = l->h->entries.p;
    return postparse__value_key_hash(l->h->key, e[2 * index]);
}

/* hash[key] = value. *old: the key it replaced (for the diagnostic), or
 * NULL. */
static bool hb_set(hash_builder *h, const postparse_allocator *a,
                   postparse_value *key, postparse_value *value,
                   postparse_value **old)
{
    size_t n = h->entries.n / 2;
    size_t at = SIZE_MAX; /* the entry of an equal key */
    if (!h->indexed && n < HB_LINEAR) {
        postparse_value **e = h->entries.p;
        for (size_t k = 0; k < n && at == SIZE_MAX; k++)
            if (postparse__value_key_equal(e[2 * k], key))
                at = k;
    } else {
        hb_lookup l = {h, key};
        postparse__hash_index_ops ops = {hb_eq, hb_hash, &l};
        /* The lent slots (HB_LENT > 2 * HB_LINEAR) take the keys so far. */
        if (!h->indexed && !postparse__hash_index_place(&h->index, a, &ops, n))
            return false;
        h->indexed = true;
        if (!postparse__hash_index_find(&h->index, a, &ops,
                                        postparse__value_key_hash(h->key, key),
                                        n, true, &at))
            return false;
    }
    postparse_value **e = h->entries.p;
    if (at != SIZE_MAX) {
        if (old)
            *old = e[2 * at];
        e[2 * at + 1] = value;
        return true;
    }
    if (old)
        *old = NULL;
    return postparse__vec_push(&h->entries, a, &key) &&
           postparse__vec_push(&h->entries, a, &value);
}

static bool hb_merge(hash_builder *h, const postparse_allocator *a,
                     const postparse_value *src)
{
    for (size_t k = 0; k < src->u.c.n; k++)
        if (!hb_set(h, a, src->u.c.items[2 * k], src->u.c.items[2 * k + 1],
                    NULL))
            return false;
    return true;
}

static bool is_merge_key(const postparse_value *k)
{
    return k && k->kind == POSTPARSE_VALUE_STRING && k->u.s.n == 2 &&
           !memcmp(k->u.s.p, "<<", 2) &&
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

static void ruby_inspect_value(char *out, size_t cap, const postparse_value *v,
                               int depth);

/* Psych's revive_hash, with merge keys as Psych applies them: "<<" merges
 * a mapping (or an alias of one) or a sequence of mappings (the first one
 * wins) at its place among the keys; anything else is an ordinary key. */
static postparse_status build_mapping(loader *L, frame *f, const item *it,
                                      size_t n, const yaml_mark_t *m)
{
    hash_builder h;
    hb_init(&h, &L->opt->hash_key);
    postparse_status s = POSTPARSE_OK;
    for (size_t i = 0; i + 1 < n && !s; i += 2) {
        postparse_value *k = it[i].v, *v = it[i + 1].v;
        bool ok = true;
        if (is_merge_key(k) && v->kind == POSTPARSE_VALUE_MAPPING) {
            ok = hb_merge(&h, L->alloc, v);
        } else if (is_merge_key(k) && v->kind == POSTPARSE_VALUE_SEQUENCE &&
                   !it[i + 1].from_alias) {
            bool all_maps = true;
            for (size_t j = 0; j < v->u.c.n; j++)
                all_maps &= v->u.c.items[j]->kind == POSTPARSE_VALUE_MAPPING;
            if (all_maps) {
                hash_builder tmp;
                hb_init(&tmp, &L->opt->hash_key);
                for (size_t j = v->u.c.n; ok && j-- > 0;)
                    ok = hb_merge(&tmp, L->alloc, v->u.c.items[j]);
                if (ok) {
                    postparse_value **te = tmp.entries.p;
                    for (size_t j = 0; ok && j < tmp.entries.n; j += 2)
                        ok = hb_set(&h, L->alloc, te[j], te[j + 1], NULL);
                }
                hb_free(&tmp, L->alloc);
            } else {
                ok = hb_set(&h, L->alloc, k, v, NULL);
            }
        } else {
            postparse_value *old = NULL;
            ok = hb_set(&h, L->alloc, k, v, &old);
            if (ok && old) {
                if (L->frames.n == 0 && k->kind == POSTPARSE_VALUE_STRING)
                    L->top_key = (char *)k->u.s.p;
                char shown[160];
                if (k->kind == POSTPARSE_VALUE_STRING && k->text)
                    postparse__ruby_inspect(shown, sizeof(shown), k->text,
                                            k->text_len);
                else
                    ruby_inspect_value(shown, sizeof(shown), k, 0);
                s = report(L, POSTPARSE_SEVERITY_ERROR,
                           POSTPARSE_DIAG_YAML_DUPLICATE_KEY, &k->pos,
                           "duplicate key %s: this value replaces the one "
                           "given at %llu:%llu (Jekyll keeps the last, at "
                           "the first key's place)",
                           shown, (unsigned long long)old->pos.line,
                           (unsigned long long)old->pos.column);
            }
        }
        if (!ok)
            s = fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
    }
    if (!s && !finish_collection(L, f->v, h.entries.p, h.entries.n))
        s = fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
    hb_free(&h, L->alloc);
    return s;
}

/* A sequence tagged !!omap: Psych::Omap[first key of each item] = last
 * value of that item. */
static postparse_status build_omap(loader *L, frame *f, const item *it,
                                   size_t n, const yaml_mark_t *m)
{
    hash_builder h;
    hb_init(&h, &L->opt->hash_key);
    postparse_status s = POSTPARSE_OK;
    for (size_t i = 0; i < n && !s; i++) {
        const postparse_value *p = it[i].v;
        if (p->kind != POSTPARSE_VALUE_MAPPING || p->u.c.n == 0) {
            s = raise_diag(L, "NoMethodError",
                           "undefined method `children' for an omap item",
                           &p->pos, POSTPARSE_DIAG_YAML_BAD_OMAP,
                           "an item of a !!omap sequence is not a "
                           "one-entry mapping");
            break;
        }
        if (!hb_set(&h, L->alloc, p->u.c.items[0],
                    p->u.c.items[2 * p->u.c.n - 1], NULL))
            s = fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
    }
    if (!s && !finish_collection(L, f->v, h.entries.p, h.entries.n))
        s = fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
    hb_free(&h, L->alloc);
    return s;
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
            s = fatal(L, POSTPARSE_ERR_NOMEM, m, "out of memory");
        f.v->flags &= (uint8_t)~BUILDING;
    }
    L->items.n = f.base;
    if (s)
        return s;
    return add_node(L, complete && !L->raised ? f.v : NULL, false, m);
}

/* How a root that is not a mapping is named, in English and in Ruby. */
static const char *const root_names[][2] = {
    [POSTPARSE_VALUE_NULL] = {"null", "NilClass"},
    [POSTPARSE_VALUE_BOOL] = {"a boolean", "TrueClass"},
    [POSTPARSE_VALUE_INT] = {"an integer", "Integer"},
    [POSTPARSE_VALUE_FLOAT] = {"a float", "Float"},
    [POSTPARSE_VALUE_STRING] = {"a string", "String"},
    [POSTPARSE_VALUE_TIMESTAMP] = {"a timestamp", "Time"},
    [POSTPARSE_VALUE_DATE] = {"a date", "Date"},
    [POSTPARSE_VALUE_BINARY] = {"binary data", "String"},
    [POSTPARSE_VALUE_SEQUENCE] = {"a sequence", "Array"},
    [POSTPARSE_VALUE_MAPPING] = {"a mapping", "Hash"},
};

/* Ruby's inspect of a root value for NoMethodError's message. */
static void ruby_inspect_value(char *out, size_t cap, const postparse_value *v,
                               int depth)
{
    size_t o = 0;
    switch ((postparse_value_kind)v->kind) {
    case POSTPARSE_VALUE_STRING:
        postparse__ruby_inspect(out, cap, v->u.s.p, v->u.s.n);
        return;
    case POSTPARSE_VALUE_INT:
        if (v->flags & POSTPARSE__VALUE_BIG)
            snprintf(out, cap, "%s", v->u.s.p);
        else
            snprintf(out, cap, "%lld", (long long)v->u.i);
        return;
    case POSTPARSE_VALUE_BOOL:
        snprintf(out, cap, "%s", v->u.b ? "true" : "false");
        return;
    case POSTPARSE_VALUE_NULL:
        snprintf(out, cap, "nil");
        return;
    case POSTPARSE_VALUE_SEQUENCE:
    case POSTPARSE_VALUE_MAPPING: {
        if (depth > 4 || cap < 16)
            break;
        bool map = v->kind == POSTPARSE_VALUE_MAPPING;
        out[o++] = map ? '{' : '[';
        for (size_t i = 0; i < v->u.c.n * (map ? 2 : 1) && o + 8 < cap; i++) {
            if (i) {
                bool pair = map && i % 2;
                memcpy(out + o, pair ? "=>" : ", ", 2);
                o += 2;
            }
            ruby_inspect_value(out + o, cap - o - 2, v->u.c.items[i],
                               depth + 1);
            o += strlen(out + o);
        }
        out[o++] = map ? '}' : ']';
        out[o] = '\0';
        return;
    }
    default:
        break;
    }
    snprintf(out, cap, "%s", v->text ? v->text : "...");
}

/* Jekyll calls key? on what the loader returned: nil and false pass
 * (nothing to merge), a Hash is merged, anything else raises. */
static postparse_status check_root(loader *L)
{
    const postparse_value *r = L->out->root;
    if (!r || r->kind == POSTPARSE_VALUE_MAPPING ||
        r->kind == POSTPARSE_VALUE_NULL ||
        (r->kind == POSTPARSE_VALUE_BOOL && !r->u.b))
        return POSTPARSE_OK;
    char shown[400], msg[512];
    ruby_inspect_value(shown, sizeof(shown), r, 0);
    snprintf(msg, sizeof(msg), "undefined method `key?' for %s:%s", shown,
             root_names[r->kind][1]);
    postparse_status s = set_error(L, "NoMethodError", msg, &r->pos);
    if (s != POSTPARSE_OK)
        return s;
    static const char fw[] = "\xEF\xBC\x9A"; /* U+FF1A FULLWIDTH COLON */
    bool fullwidth = r->kind == POSTPARSE_VALUE_STRING && r->u.s.n >= 3 &&
                     strstr(r->u.s.p, fw);
    return report(L, POSTPARSE_SEVERITY_ERROR,
                  POSTPARSE_DIAG_FRONTMATTER_NOT_MAPPING, &r->pos,
                  "front matter is %s, not a mapping of keys to values: "
                  "Jekyll raises NoMethodError and keeps none of it%s",
                  root_names[r->kind][0],
                  fullwidth ? "; expected 'key: value' with an ASCII colon "
                              "and a space, found a full-width colon "
                              "'\xEF\xBC\x9A' (U+FF1A)"
                            : "");
}

static postparse_status syntax_error(loader *L)
{
    yaml_parser_t *p = &L->parser;
    if (L->token_too_long) {
        yaml_mark_t m = p->mark;
        m.index = L->last_event_end;
        return fatal(L, POSTPARSE_ERR_SCALAR_LIMIT, &m,
                     "a YAML token after this point runs past %zu "
                     "characters: no scalar may exceed max_scalar_bytes "
                     "(%zu)",
                     L->token_cap, L->opt->max_scalar_bytes);
    }
    if (p->error == YAML_MEMORY_ERROR)
        return fatal(L, POSTPARSE_ERR_NOMEM, &p->mark,
                     "out of memory in libyaml");
    const char *problem = p->problem ? p->problem : "unknown error";
    postparse_pos pos;
    if (p->error == YAML_READER_ERROR) {
        /* problem_offset is in bytes: find its character index. */
        size_t ci = 0;
        for (size_t b = 0; b < p->problem_offset && b < L->len; b++)
            ci += ((unsigned char)L->text[b] & 0xC0) != 0x80;
        pos = posmap_get(&L->pm, L->alloc, ci);
    } else {
        pos = mark_pos(L, &p->problem_mark);
    }
    /* Psych::SyntaxError#message: problem and context at the context
     * mark, counted in the front matter text from line 1. */
    char msg[512];
    snprintf(msg, sizeof(msg), "(<unknown>): %s%s%s at line %zu column %zu",
             problem, p->context ? " " : "", p->context ? p->context : "",
             (size_t)p->context_mark.line + 1,
             (size_t)p->context_mark.column + 1);
    L->raised = false;
    L->top_key = NULL;
    L->out->root = NULL;
    postparse_status s = set_error(L, "Psych::SyntaxError", msg, &pos);
    if (s != POSTPARSE_OK)
        return s;
    return report(L, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_YAML_SYNTAX, &pos,
                  "YAML syntax error: %s%s%s; Jekyll keeps none of the front "
                  "matter",
                  problem, p->context ? " " : "", p->context ? p->context : "");
}

/* One event of either reader. *done: the first document ended. */
static postparse_status dispatch(loader *L, const yaml_event_t *e, bool *done)
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

/* The events of a text in the fast scanner's subset: one document, no
 * syntax error, nothing after it. */
static postparse_status
load_fast_events(loader *L, const postparse__yaml_fast_event *events, size_t n)
{
    bool done = false;
    postparse_status s = POSTPARSE_OK;
    for (size_t i = 0; i < n && !done && !s; i++) {
        const postparse__yaml_fast_event *fe = &events[i];
        yaml_event_t e;
        postparse__yaml_fast_event_get(fe, &e);
        posmap_seek(&L->pm, fe->start, fe->start_byte, fe->start_line,
                    fe->start_column);
        s = dispatch(L, &e, &done);
    }
    return s;
}

/* After the first document libyaml is asked for one more event, to tell a
 * second document; before it, libyaml reads every directive, checking
 * each %TAG against all before it (quadratic). Count the directive lines
 * first, from where the document ended: past max_directives, libyaml is
 * not asked. */
static postparse_status check_directives(loader *L)
{
    posmap_get(&L->pm, L->alloc, L->last_event_end);
    size_t i = L->pm.at.bi, count = 0;
    const char *t = L->text;
    /* The rest of the line the document ended on. */
    while (i < L->len && t[i] != '\n' && t[i] != '\r')
        i++;
    while (i < L->len) {
        while (i < L->len && (t[i] == '\n' || t[i] == '\r'))
            i++;
        size_t line = i;
        if (i < L->len && t[i] == '%' && ++count > L->opt->max_directives) {
            L->directives_stop = true;
            postparse_pos pos = L->pm.start.cur.pos;
            /* The position of the first directive past the limit. */
            size_t ci = 0;
            for (size_t b = 0; b < line; b++)
                ci += ((unsigned char)t[b] & 0xC0) != 0x80;
            pos = posmap_get(&L->pm, L->alloc, ci);
            L->top_key = NULL;
            return report(L, POSTPARSE_SEVERITY_WARNING,
                          POSTPARSE_DIAG_YAML_DIRECTIVE_LIMIT, &pos,
                          "more than %zu YAML directives after the first "
                          "document (max_yaml_directives): the rest of the "
                          "front matter is not read (Jekyll reads only the "
                          "first document)",
                          L->opt->max_directives);
        }
        /* Blank lines, comments and directives come before a document
         * start; anything else ends the run libyaml would read. */
        size_t j = i;
        while (j < L->len && (t[j] == ' ' || t[j] == '\t'))
            j++;
        bool skip = j == L->len || t[j] == '\n' || t[j] == '\r' ||
                    t[j] == '#' || t[i] == '%';
        if (!skip)
            break;
        while (i < L->len && t[i] != '\n' && t[i] != '\r')
            i++;
    }
    return POSTPARSE_OK;
}

/* libyaml's events, up to the end of the first document; a second
 * document is reported, not read (Jekyll reads only the first). */
static postparse_status load_libyaml_events(loader *L)
{
    yaml_event_t e;
    bool done = false;
    postparse_status s = POSTPARSE_OK;
    while (!done && !s) {
        if (!yaml_parser_parse(&L->parser, &e))
            return syntax_error(L);
        s = dispatch(L, &e, &done);
        yaml_event_delete(&e);
    }
    if (s)
        return s;
    if ((s = check_directives(L)) != POSTPARSE_OK || L->directives_stop)
        return s;
    if (!yaml_parser_parse(&L->parser, &e))
        return POSTPARSE_OK;
    if (e.type == YAML_DOCUMENT_START_EVENT) {
        postparse_pos pos = mark_pos(L, &e.start_mark);
        L->top_key = NULL;
        s = report(L, POSTPARSE_SEVERITY_ERROR,
                   POSTPARSE_DIAG_YAML_SECOND_DOCUMENT, &pos,
                   "a second YAML document starts here; Jekyll reads only "
                   "the first and ignores the rest of the front matter");
    }
    yaml_event_delete(&e);
    return s;
}

/* libyaml, set up to read L->text through read_handler. */
static postparse_status load_with_libyaml(loader *L)
{
    if (!yaml_parser_initialize(&L->parser)) {
        L->err->code = POSTPARSE_ERR_NOMEM;
        snprintf(L->err->message, sizeof(L->err->message), "out of memory");
        L->err->pos = L->pm.start.cur.pos;
        return POSTPARSE_ERR_NOMEM;
    }
    yaml_parser_set_input(&L->parser, read_handler, L);
    yaml_parser_set_encoding(&L->parser, YAML_UTF8_ENCODING);
    postparse_status s = load_libyaml_events(L);
    yaml_parser_delete(&L->parser);
    return s;
}

postparse_status
postparse__yaml_load(postparse__arena *arena, const postparse_allocator *alloc,
                     const char *text, size_t len, const postparse_pos *start,
                     const postparse__yaml_options *opt,
                     postparse__yaml_diag_fn diag, void *ctx,
                     postparse__yaml_result *out, postparse_error *err)
{
    postparse__yaml_options defaults;
    if (!opt) {
        postparse__yaml_options_init(&defaults);
        opt = &defaults;
    }
    memset(out, 0, sizeof(*out));
    memset(err, 0, sizeof(*err));
    loader L;
    memset(&L, 0, sizeof(L));
    L.arena = arena;
    L.alloc = alloc;
    L.opt = opt;
    L.diag = diag;
    L.ctx = ctx;
    L.out = out;
    L.err = err;
    L.text = text;
    L.len = len;
    L.token_cap = opt->max_scalar_bytes > (SIZE_MAX - 65536) / 4
                      ? SIZE_MAX
                      : opt->max_scalar_bytes * 4 + 65536;
    L.pm.text = (const unsigned char *)text;
    L.pm.len = len;
    postparse__cursor_init(&L.pm.at.cur, start->offset);
    L.pm.at.cur.pos = *start;
    L.pm.start = L.pm.at;
    L.pm.checkpoints.elem = sizeof(checkpoint);
    L.items.elem = sizeof(item);
    L.frames.elem = sizeof(frame);
    L.anchors.list.elem = sizeof(anchor);
    /* Room for a front matter of usual size (items: a collection's values
     * until its end; frames: the open collections) without allocating. */
    checkpoint checkpoints[8];
    item items[64];
    frame frames[16];
    postparse__vec_lend(&L.pm.checkpoints, checkpoints,
                        POSTPARSE__COUNT(checkpoints));
    postparse__vec_lend(&L.items, items, POSTPARSE__COUNT(items));
    postparse__vec_lend(&L.frames, frames, POSTPARSE__COUNT(frames));
    /* Most front matter is in the fast scanner's subset; the rest, and
     * every syntax error, is libyaml's. */
    postparse__yaml_fast_result fast;
    size_t n =
        opt->libyaml_only ? 0 : postparse__yaml_fast_scan(text, len, &fast);
    postparse_status s =
        n ? load_fast_events(&L, fast.events, n) : load_with_libyaml(&L);
    if (!s && L.pm.nomem) {
        yaml_mark_t m = {0, 0, 0};
        s = fatal(&L, POSTPARSE_ERR_NOMEM, &m, "out of memory");
    }
    if (!s && out->root && !out->error_class)
        s = check_root(&L);
    if (!s && L.raised)
        out->root = NULL;
    postparse__vec_free(&L.items, alloc);
    postparse__vec_free(&L.frames, alloc);
    postparse__vec_free(&L.pm.checkpoints, alloc);
    anchor_free(&L.anchors, alloc);
    if (s) {
        out->root = NULL;
        if (!err->code)
            err->code = s;
    }
    return s;
}
