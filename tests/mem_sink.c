/* SPDX-License-Identifier: MIT */
#include "mem_sink.h"

#include <stdlib.h>

char *json(const postparse_value *v)
{
    mem m = {0};
    if (!to_mem(&m, "", 0) ||
        !postparse_value_write_json(v, POSTPARSE_JSON_TYPED, to_mem, &m))
        abort();
    return m.p;
}
