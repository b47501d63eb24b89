/* SPDX-License-Identifier: MIT */
#include <postparse/postparse.h>

const char *postparse_version_string(void)
{
    return POSTPARSE_VERSION_STRING;
}

uint32_t postparse_version_hex(void)
{
    return POSTPARSE_VERSION_HEX;
}
