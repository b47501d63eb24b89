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
    size_t body_len;
};

static postparse_action on_text(void *user_data, const char *text, size_t len,
                                const postparse_pos *pos)
{
    struct result *r = user_data;

    (void)pos;
    if (len >= sizeof(r->front_matter))
        return POSTPARSE_ABORT;
    memcpy(r->front_matter, text, len);
    r->front_matter[len] = '\0';
    return POSTPARSE_CONTINUE;
}

static postparse_action on_body(void *user_data, const char *data, size_t len,
                                const postparse_pos *pos)
{
    struct result *r = user_data;

    (void)pos;
    if (r->body_len + len >= sizeof(r->body))
        return POSTPARSE_ABORT;
    memcpy(r->body + r->body_len, data, len);
    r->body_len += len;
    r->body[r->body_len] = '\0';
    return POSTPARSE_CONTINUE;
}

int main(void)
{
    static const char post[] = "---\ntitle: Hello\n---\n\nBody\n";
    struct result r;
    postparse_callbacks callbacks;
    postparse_error error;
    postparse_status st;

    memset(&r, 0, sizeof(r));
    printf("postparse %s (headers %s)\n", postparse_version_string(),
           POSTPARSE_VERSION_STRING);
    if (postparse_version_hex() != POSTPARSE_VERSION_HEX) {
        fputs("header and library versions differ\n", stderr);
        return 1;
    }
    postparse_callbacks_init(&callbacks);
    callbacks.on_frontmatter_text = on_text;
    callbacks.on_body = on_body;
    st = postparse_parse_buffer(post, sizeof(post) - 1, NULL, &callbacks, &r,
                                &error);
    if (st != POSTPARSE_OK) {
        fprintf(stderr, "parse failed: %s: %s\n", postparse_status_name(st),
                error.message);
        return 1;
    }
    printf("front matter: %s", r.front_matter);
    printf("body: %s", r.body);
    if (strcmp(r.front_matter, "---\ntitle: Hello\n") != 0 ||
        strcmp(r.body, "Body\n") != 0) {
        fputs("unexpected split\n", stderr);
        return 1;
    }
    return 0;
}
