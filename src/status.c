/* SPDX-License-Identifier: MIT */
/* Names and messages of status codes, from the one table in common.h. */
#include <postparse/postparse.h>

#define STATUS_COUNT (sizeof status_names / sizeof status_names[0])

static const char *const status_names[] = {
#define POSTPARSE_STATUS_NAME_(suffix, name, message) name,
    POSTPARSE_STATUS_MAP(POSTPARSE_STATUS_NAME_)
#undef POSTPARSE_STATUS_NAME_
};

static const char *const status_messages[] = {
#define POSTPARSE_STATUS_MESSAGE_(suffix, name, message) message,
    POSTPARSE_STATUS_MAP(POSTPARSE_STATUS_MESSAGE_)
#undef POSTPARSE_STATUS_MESSAGE_
};

const char *postparse_status_name(postparse_status status)
{
    if ((size_t)(unsigned)status >= STATUS_COUNT)
        return "unknown";
    return status_names[status];
}

const char *postparse_status_message(postparse_status status)
{
    if ((size_t)(unsigned)status >= STATUS_COUNT)
        return "unknown status";
    return status_messages[status];
}
