/* SPDX-License-Identifier: MIT */
/* Names and messages of status codes and severities, from the one table in
 * common.h. */
#include <postparse/postparse.h>

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
    if ((unsigned)status >= (unsigned)POSTPARSE_STATUS_COUNT_)
        return "unknown";
    return status_names[status];
}

const char *postparse_status_message(postparse_status status)
{
    if ((unsigned)status >= (unsigned)POSTPARSE_STATUS_COUNT_)
        return "unknown status";
    return status_messages[status];
}

const char *postparse_severity_name(postparse_severity severity)
{
    switch (severity) {
    case POSTPARSE_SEVERITY_NOTE:
        return "note";
    case POSTPARSE_SEVERITY_WARNING:
        return "warning";
    case POSTPARSE_SEVERITY_ERROR:
        return "error";
    }
    return "unknown";
}
