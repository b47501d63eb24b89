/* SPDX-License-Identifier: MIT */
/* Rules files: the input up to its first NUL is a .postparse.yml, the rest
 * a post checked with the rule set (when it loads), so that the loader's
 * errors, the patterns, the bounds, `each` and the severities all run.
 * Every load must end in OK or an error with a message, never a crash or
 * a leak; the ignore globs are tried on a few paths. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <postparse/postparse.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    size_t rules_len = nul ? (size_t)(nul - text) : size;
    postparse_ruleset *set = NULL;
    postparse_error err;

    if (postparse_ruleset_load(text, rules_len, "site/.postparse.yml", NULL,
                               &set, &err) != POSTPARSE_OK) {
        /* A refused file says why. */
        if (err.message[0] == '\0')
            __builtin_trap();
        return 0;
    }
    (void)postparse_ruleset_ignores(set, "_posts/2025-01-01-a.md");
    (void)postparse_ruleset_ignores(set, "_drafts/x/README.md");
    (void)postparse_ruleset_level(set, "bool-as-string");
    if (nul) {
        postparse_options opt;
        postparse_parser *p = NULL;
        postparse_options_init(&opt);
        opt.utf8_policy = POSTPARSE_UTF8_PASS_THROUGH;
        opt.path = "_posts/2025-01-01-fuzz.md";
        opt.site_time_set = true;
        opt.site_time = 1767225600;
        postparse_ruleset_apply(set, &opt);
        if (postparse_parser_new(&p, &opt, NULL, NULL) == POSTPARSE_OK) {
            const char *post = nul + 1;
            size_t post_len = size - rules_len - 1;
            if (postparse_parser_feed(p, post, post_len) == POSTPARSE_OK)
                (void)postparse_parser_finish(p);
            postparse_doc *doc = postparse_parser_take_doc(p);
            for (size_t i = 0; i < postparse_doc_diagnostic_count(doc); i++) {
                const postparse_diagnostic *d = postparse_doc_diagnostic(doc, i);
                if (!d->code || !d->message ||
                    postparse_ruleset_level(set, d->code) ==
                        POSTPARSE_LEVEL_OFF)
                    __builtin_trap(); /* an off code must never appear */
            }
            postparse_doc_free(doc);
        }
        postparse_parser_free(p);
    }
    postparse_ruleset_free(set);
    return 0;
}
