/* SPDX-License-Identifier: MIT */
#include "yaml_base64.h"

/* String#unpack('m'): lenient base64 that skips what is not in the
 * alphabet and stops at '='. */
postparse__resolve_result postparse__yaml_base64(postparse__arena *arena,
                                                 postparse_value *v,
                                                 const char *s, size_t n)
{
    unsigned char *out = postparse__arena_alloc(arena, n / 4 * 3 + 4);
    if (!out)
        return POSTPARSE__RESOLVE_NOMEM;
    size_t o = 0, i = 0;
    int q[4];
    int got = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i++];
        int x;
        if (c >= 'A' && c <= 'Z')
            x = c - 'A';
        else if (c >= 'a' && c <= 'z')
            x = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            x = c - '0' + 52;
        else if (c == '+')
            x = 62;
        else if (c == '/')
            x = 63;
        else if (c == '=' && got >= 2)
            break;
        else
            continue;
        q[got++] = x;
        if (got == 4) {
            out[o++] = (unsigned char)(q[0] << 2 | q[1] >> 4);
            out[o++] = (unsigned char)(q[1] << 4 | q[2] >> 2);
            out[o++] = (unsigned char)(q[2] << 6 | q[3]);
            got = 0;
        }
    }
    if (got >= 2)
        out[o++] = (unsigned char)(q[0] << 2 | q[1] >> 4);
    if (got == 3)
        out[o++] = (unsigned char)(q[1] << 4 | q[2] >> 2);
    out[o] = 0;
    v->kind = POSTPARSE_VALUE_BINARY;
    v->u.s.p = (const char *)out;
    v->u.s.n = o;
    return POSTPARSE__RESOLVED;
}
