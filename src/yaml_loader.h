/* SPDX-License-Identifier: MIT */
/* The YAML loader's state, shared by its files only (yaml_load.c reads,
 * yaml_build.c builds values from the events, yaml_errors.c words what
 * goes wrong); callers use yaml_load.h. */
#ifndef POSTPARSE_YAML_LOADER_H
#define POSTPARSE_YAML_LOADER_H

#include <yaml.h>

#include "base_array.h"
#include "yaml_anchor.h"
#include "yaml_load.h"
#include "yaml_posmap.h"

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
    postparse__posmap pm;
    postparse__vec items;  /* of item */
    postparse__vec frames; /* of frame */
    postparse__anchor_table anchors;
    size_t anchor_count;  /* anchors defined, for max_anchors */
    bool directives_stop; /* max_directives passed after the document */
    uint64_t direct_nodes, expanded_nodes;
    size_t keys;
    char *top_key; /* key of the root mapping entry being read */
    bool raised;   /* a conversion error was recorded: stop building */
    postparse_status status;
} loader;

static inline postparse_pos postparse__yaml_mark_pos(loader *L,
                                                     const yaml_mark_t *m)
{
    return postparse__posmap_get(&L->pm, L->alloc, m->index);
}

/* ---- errors and diagnostics (yaml_errors.c) */

/* A fatal error at mark m: the load stops with code. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
postparse_status
postparse__yaml_fatal(loader *L, postparse_status code, const yaml_mark_t *m,
                      const char *fmt, ...);

/* A diagnostic to the caller's callback; what it returns (not OK: the load
 * stops). */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
postparse_status
postparse__yaml_report(loader *L, postparse_severity sev,
                       postparse_diagnostic_code code, const postparse_pos *pos,
                       const char *fmt, ...);

/* Out of memory where there is a file position but no libyaml mark. */
postparse_status postparse__yaml_no_memory_at(loader *L,
                                              const postparse_pos *pos);

/* The exception Jekyll ends with (cls and message, at pos). */
postparse_status postparse__yaml_set_error(loader *L, const char *cls,
                                           const char *message,
                                           const postparse_pos *pos);

/* A conversion error: the first one is Jekyll's exception, and values stop
 * being built. */
postparse_status postparse__yaml_record_raise(loader *L, const char *cls,
                                              const char *message,
                                              const postparse_pos *pos);

/* The same, with a diagnostic saying why (the first time only). */
postparse_status postparse__yaml_raise_diag(loader *L, const char *cls,
                                            const char *message,
                                            const postparse_pos *pos,
                                            postparse_diagnostic_code code,
                                            const char *why);

/* Jekyll's key? on the root: anything but a mapping, nil or false
 * raises NoMethodError. */
postparse_status postparse__yaml_check_root(loader *L);

/* libyaml's error as Psych::SyntaxError and its diagnostic. */
postparse_status postparse__yaml_syntax_error(loader *L);

/* ---- building values (yaml_build.c) */

/* One event of either reader. *done: the first document ended. */
postparse_status postparse__yaml_dispatch(loader *L, const yaml_event_t *e,
                                          bool *done);

#endif
