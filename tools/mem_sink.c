/* SPDX-License-Identifier: MIT */
#include "mem_sink.h"

#include <stdlib.h>
#include <string.h>

bool to_mem(void *ud, const char *data, size_t len)
{
    mem *m = ud;
    if (m->len + len + 1 > m->cap) {
        size_t cap = (m->len + len + 1) * 2;
        char *p = realloc(m->p, cap);
        if (p == NULL)
            return false;
        m->p = p;
        m->cap = cap;
    }
    memcpy(m->p + m->len, data, len);
    m->len += len;
    m->p[m->len] = '\0';
    return true;
}
