/* SPDX-License-Identifier: MIT */
/* Inputs scaled up (issue 13): the document's second half is repeated until
 * the front matter is about 256 KiB, so that a construct the fuzzer finds
 * in a few bytes (an anchor, a complex key, a %TAG line, a list item) is
 * tried thousands of times over. Run with -timeout=1 (fuzz/run.sh): an
 * input whose cost grows faster than its size is a finding. The hash seed
 * is fixed and known, as an attacker who learned it would have it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postparse/postparse.h>

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { TARGET = 256 * 1024 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    fuzz_input_split(&in, data, size);
    size_t half = in.doc_len / 2, tail = in.doc_len - half;
    if (tail == 0)
        return 0;
    static const char open[] = "---\n", close[] = "\n---\nbody\n\nmore\n";
    size_t reps = TARGET / tail + 1;
    size_t len = sizeof open - 1 + half + reps * tail + sizeof close - 1;
    char *doc = malloc(len);
    CHECK(doc);
    size_t n = 0;
    memcpy(doc, open, sizeof open - 1);
    n += sizeof open - 1;
    memcpy(doc + n, in.doc, half);
    n += half;
    for (size_t r = 0; r < reps; r++, n += tail)
        memcpy(doc + n, in.doc + half, tail);
    memcpy(doc + n, close, sizeof close - 1);
    n += sizeof close - 1;
    CHECK(n == len);

    postparse_options opt;
    postparse_options_init(&opt);
    opt.hash_seed[0] = 1;
    opt.hash_seed[1] = 2;
    opt.hash_seed_set = true;
    opt.site_time_set = true;
    opt.utf8_policy =
        (in.flags & 1) ? POSTPARSE_UTF8_REPLACE : POSTPARSE_UTF8_PASS_THROUGH;
    if (in.flags & 2) {
        /* A separator of the document's first bytes, up to the limit. */
        static char sep[1025];
        size_t k = half < 1024 ? half : 1024;
        memcpy(sep, in.doc, k);
        sep[k] = '\0';
        opt.excerpt_separator = sep;
    }
    postparse_error err;
    postparse_doc *d = postparse_read_buffer(doc, len, &opt, &err);
    /* Any fatal error but misuse is fine: the limits are meant to fire on
     * such inputs. No document at all is only for out of memory. */
    CHECK(d || err.code == POSTPARSE_ERR_NOMEM);
    const postparse_error *e = postparse_doc_error(d);
    CHECK(!e || (e->code != POSTPARSE_ERR_MISUSE &&
                 e->code != POSTPARSE_ERR_INVALID_ARGUMENT));
    postparse_doc_free(d);
    free(doc);
    return 0;
}
