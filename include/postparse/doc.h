/* SPDX-License-Identifier: MIT */
/* The document: everything one parse produced, owned by the caller.
 * Include <postparse/postparse.h>, not this.
 *
 * A postparse_doc holds the front matter text and its typed values, the
 * post's derived fields, the diagnostics, the summary, the fatal error and
 * Jekyll's error of one input. It owns all of them: every pointer its
 * getters return (values, strings, the post) stays valid until
 * postparse_doc_free(), whatever happens to the parser that made it or to
 * other documents. A document is immutable: several threads may read the
 * same one at once. It borrows one thing: options.site_zone, which must
 * outlive it (the post's date accessors use it).
 *
 * Stability: stable from 1.0; functions may be added. */
#ifndef POSTPARSE_DOC_H
#define POSTPARSE_DOC_H

#include <postparse/common.h>
#include <postparse/parser.h>
#include <postparse/post.h>
#include <postparse/value.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct postparse_doc postparse_doc;

/* Reads the file at path, streaming it (64 KiB at a time: the body is never
 * held whole unless options.keep_body asks for it), as a parser with these
 * options would, with the path and the file's modification time (a draft's
 * date) set from the file. options may be NULL (defaults); options.path is
 * ignored: path is the post's path.
 * Returns the document, also when the parse stopped with a fatal error
 * (postparse_doc_error() then says which). Returns NULL only when no
 * document can be made, with *error filled when error is not NULL:
 * POSTPARSE_ERR_IO ("posts/a.md: No such file or directory"),
 * POSTPARSE_ERR_NOMEM, POSTPARSE_ERR_INVALID_ARGUMENT (path NULL, options
 * invalid). */
POSTPARSE_API postparse_doc *
postparse_read_file(const char *path, const postparse_options *options,
                    postparse_error *error);

/* The same for len bytes in memory (data may be NULL when len is 0); the
 * post's path is options.path. The document does not refer to data. */
POSTPARSE_API postparse_doc *
postparse_read_buffer(const void *data, size_t len,
                      const postparse_options *options, postparse_error *error);

/* Moves what the parse produced out of the parser, once finish() returned
 * POSTPARSE_OK or the parse stopped with a fatal error: O(1), the parser's
 * memory changes hands. The parser is then reset (as by
 * postparse_parser_reset(), options.path and no mtime), ready for the next
 * input. Returns NULL, changing nothing, before the end of the input
 * (postparse_parser_error() then reports the misuse), for a NULL parser,
 * from inside a callback, or when out of memory (the results stay in the
 * parser). */
POSTPARSE_API postparse_doc *
postparse_parser_take_doc(postparse_parser *parser);

/* Frees the document and everything it owns. NULL is allowed. */
POSTPARSE_API void postparse_doc_free(postparse_doc *doc);

/* The post's derived fields (<postparse/post.h>), or NULL when the parse
 * stopped with a fatal error. */
POSTPARSE_API const postparse_post *
postparse_doc_post(const postparse_doc *doc);

/* The front matter as Jekyll's YAML loader typed it: normally a mapping; a
 * sequence or a scalar when the text is one (an error diagnostic says
 * Jekyll drops it); NULL when there is no front matter, when it is empty
 * (Psych returns nil), or when Psych raised (postparse_post_jekyll_error()
 * on postparse_doc_post() says which).
 * Look keys up with postparse_value_get_cstr(). */
POSTPARSE_API const postparse_value *
postparse_doc_front_matter(const postparse_doc *doc);

/* The exact front matter text Jekyll hands to its YAML loader (see
 * on_frontmatter_text), NUL-terminated, its length in *len (may be NULL);
 * NULL when the input has no front matter. */
POSTPARSE_API const char *
postparse_doc_front_matter_text(const postparse_doc *doc, size_t *len);

/* The body as delivered to on_body (after the UTF-8 policy: U+FFFD for
 * invalid bytes under POSTPARSE_UTF8_REPLACE), NUL-terminated, its length
 * in *len (may be NULL). NULL unless options.keep_body was set; "" for an
 * empty body; up to the error after a fatal one. */
POSTPARSE_API const char *postparse_doc_body(const postparse_doc *doc,
                                             size_t *len);

/* The diagnostics, in file order (line, then column, then the order they
 * were found; on_diagnostic gets them as they are found). At most
 * options.max_diagnostics. */
POSTPARSE_API size_t postparse_doc_diagnostic_count(const postparse_doc *doc);
/* Diagnostic i, or NULL when i is out of range. */
POSTPARSE_API const postparse_diagnostic *
postparse_doc_diagnostic(const postparse_doc *doc, size_t i);

/* What the parser saw (front matter or not, byte order mark, body bytes). */
POSTPARSE_API const postparse_summary *
postparse_doc_summary(const postparse_doc *doc);

/* The fatal error that stopped the parse, or NULL when it ran to the end. */
POSTPARSE_API const postparse_error *
postparse_doc_error(const postparse_doc *doc);

/* ---- JSON ---------------------------------------------------------------
 */

/* Receives JSON text in pieces (not NUL-terminated); returns false to stop
 * (a write error), which the writer then returns. */
typedef bool (*postparse_write_fn)(void *user_data, const char *data,
                                   size_t len);

/* Flags of the JSON writers: one encoding, optionally PRETTY. */
enum {
    /* The Jekyll oracle's typed encoding (docs/api.md, "JSON"): what
     * `postparse dump` prints. Timestamps {"$time":"...+08:00"}, dates
     * {"$date":...}, {"$float":"NaN"}, {"$binary":base64}, {"$map":[[k,v]]}
     * for keys that are not plain strings, {"$invalid_utf8":..,"base64":..}
     * for text that is not UTF-8: no information is lost. */
    POSTPARSE_JSON_TYPED = 0,
    /* JSON as a web developer expects it: timestamps and dates as RFC 3339
     * strings ("2025-02-07T20:00:59+08:00", "2025-02-07"), binary as a
     * base64 string, keys as their Ruby to_s text, NaN and infinities as
     * null, invalid UTF-8 replaced by U+FFFD. Integers beyond int64 are
     * written as their exact digits (JavaScript reads them inexactly past
     * 2^53). */
    POSTPARSE_JSON_PLAIN = 1,
    /* Indent by two spaces, one member or item a line ("key": value). */
    POSTPARSE_JSON_PRETTY = 2
};

/* Writes the document as one JSON object, no newline after it.
 * POSTPARSE_JSON_TYPED gives the object `postparse dump` prints, byte for
 * byte, except for what needs the body: body_sha256 (and --stats' chars,
 * words, width), which the library does not compute; pass them to
 * postparse_doc_write_json_with(). The fields: docs/cli.md ("dump").
 * Returns false when write returned false or an argument is NULL. */
POSTPARSE_API bool postparse_doc_write_json(const postparse_doc *doc,
                                            unsigned flags,
                                            postparse_write_fn write,
                                            void *user_data);

/* A member the caller adds to the document's object: name and its value as
 * JSON text (written as given). */
typedef struct postparse_json_member {
    const char *name;
    const char *json;
} postparse_json_member;

/* postparse_doc_write_json with members of the caller's: one named
 * "body_sha256" goes at that field's place in the typed object (after
 * body_valid_utf8), the others after the library's members, in order. */
POSTPARSE_API bool
postparse_doc_write_json_with(const postparse_doc *doc, unsigned flags,
                              const postparse_json_member *members,
                              size_t member_count, postparse_write_fn write,
                              void *user_data);

/* Writes one value in the encoding flags names (NULL writes null). A
 * collection met again inside itself is written {"$recursive":true} (PLAIN:
 * null); nesting deeper than 100 is cut with {"$nesting":"too deep"}
 * (PLAIN: null). */
POSTPARSE_API bool postparse_value_write_json(const postparse_value *value,
                                              unsigned flags,
                                              postparse_write_fn write,
                                              void *user_data);

/* Writes len bytes as a JSON string, quotes included: escapes as Ruby's
 * JSON.generate ("\n", "\u0001"; non-ASCII as is), each maximal invalid
 * UTF-8 subpart as U+FFFD. Returns false when write did. */
POSTPARSE_API bool postparse_json_write_string(const char *data, size_t len,
                                               postparse_write_fn write,
                                               void *user_data);

#ifdef __cplusplus
}
#endif

#endif
