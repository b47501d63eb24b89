/* SPDX-License-Identifier: MIT */
/* GitHub Actions workflow commands, escaped as the runner's
 * ActionCommand parser unescapes them (docs.github.com, "Workflow commands
 * for GitHub Actions"): a message may hold any byte but CR and LF, which
 * would end the command; a property value also ends at ',' or '::'. */
#include "format.h"

#include <string.h>

static void escape(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%':
            fputs("%25", out);
            break;
        case '\r':
            fputs("%0D", out);
            break;
        case '\n':
            fputs("%0A", out);
            break;
        case ':':
            fputs(property ? "%3A" : ":", out);
            break;
        case ',':
            fputs(property ? "%2C" : ",", out);
            break;
        default:
            fputc(*s, out);
        }
    }
}

void format_github_diagnostic(FILE *out, const char *path,
                              const postparse_diagnostic *d)
{
    static const char *const levels[] = {"notice", "warning", "error"};
    unsigned sev = (unsigned)d->severity <= 2 ? (unsigned)d->severity : 2;

    fprintf(out, "::%s file=", levels[sev]);
    escape(out, path, true);
    fprintf(out, ",line=%llu,col=%llu,title=", (unsigned long long)d->pos.line,
            (unsigned long long)d->pos.column);
    escape(out, d->code, true);
    fputs("::", out);
    escape(out, d->message, false);
    fputc('\n', out);
}
