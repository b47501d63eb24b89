/* SPDX-License-Identifier: MIT */
/* Names, summaries and default severities of diagnostic codes, from the one
 * table in <postparse/diagnostic.h>, and the names of severities. */
#include <postparse/postparse.h>

#include <string.h>

typedef struct code_info {
    const char *name;
    postparse_severity severity;
    const char *summary;
} code_info;

/* Indexed by the enum: entry 0 is POSTPARSE_DIAG_NONE. */
static const code_info codes[] = {
    {"none", POSTPARSE_SEVERITY_NOTE, "no diagnostic"},
#define CODE_INFO_(suffix, name, severity, summary)                            \
    {name, POSTPARSE_SEVERITY_##severity, summary},
    POSTPARSE_DIAGNOSTIC_MAP(CODE_INFO_)
#undef CODE_INFO_
};

#define CODE_COUNT (sizeof codes / sizeof codes[0])

static const code_info *info(postparse_diagnostic_code code)
{
    return (size_t)(unsigned)code < CODE_COUNT ? &codes[code] : NULL;
}

const char *postparse_diagnostic_code_name(postparse_diagnostic_code code)
{
    const code_info *i = info(code);
    return i ? i->name : NULL;
}

const char *postparse_diagnostic_code_summary(postparse_diagnostic_code code)
{
    const code_info *i = info(code);
    return i && code != POSTPARSE_DIAG_NONE ? i->summary : NULL;
}

postparse_severity
postparse_diagnostic_code_severity(postparse_diagnostic_code code)
{
    const code_info *i = info(code);
    return i ? i->severity : POSTPARSE_SEVERITY_NOTE;
}

bool postparse_diagnostic_code_from_name(const char *name,
                                         postparse_diagnostic_code *out)
{
    if (!name)
        return false;
    /* Linear: a few dozen short names, looked up by tools, not per post. */
    for (size_t i = 1; i < CODE_COUNT; i++) {
        if (!strcmp(codes[i].name, name)) {
            if (out)
                *out = (postparse_diagnostic_code)i;
            return true;
        }
    }
    return false;
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
