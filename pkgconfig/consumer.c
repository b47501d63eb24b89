/* SPDX-License-Identifier: MIT */
/* A program as a user writes it: built with nothing but
 * `cc consumer.c $(pkg-config --cflags --libs postparse)` against an
 * installed postparse. It prints the runtime version, parses a small post and
 * exits 0 only when header and library agree and the post splits as Jekyll
 * splits it. */
#include <postparse/postparse.h>

#include <stdio.h>
#include <string.h>

struct result {
    char front_matter[128];
    char body[128];
};

int main(void)
{
    static const char post[] = "---\ntitle: Hello\n---\n\nBody\n";
    struct result r;
    postparse_options options;
    postparse_error error;
    postparse_doc *doc;

    memset(&r, 0, sizeof(r));
    printf("postparse %s (headers %s)\n", postparse_version_string(),
           POSTPARSE_VERSION_STRING);
    if (postparse_version_hex() != POSTPARSE_VERSION_HEX) {
        fputs("header and library versions differ\n", stderr);
        return 1;
    }
    postparse_options_init(&options);
    options.keep_body = true;
    doc = postparse_read_buffer(post, sizeof(post) - 1, &options, &error);
    if (doc == NULL || postparse_doc_error(doc) != NULL) {
        fprintf(stderr, "parse failed: %s\n",
                doc ? postparse_doc_error(doc)->message : error.message);
        postparse_doc_free(doc);
        return 1;
    }
    snprintf(r.front_matter, sizeof(r.front_matter), "%s",
             postparse_doc_front_matter_text(doc, NULL));
    snprintf(r.body, sizeof(r.body), "%s", postparse_doc_body(doc, NULL));
    postparse_doc_free(doc);
    printf("front matter: %s", r.front_matter);
    printf("body: %s", r.body);
    if (strcmp(r.front_matter, "---\ntitle: Hello\n") != 0 ||
        strcmp(r.body, "Body\n") != 0) {
        fputs("unexpected split\n", stderr);
        return 1;
    }
    return 0;
}
