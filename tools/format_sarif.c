/* SPDX-License-Identifier: MIT */
/* One SARIF 2.1.0 log (OASIS, sarif-schema-2.1.0.json) for a check run:
 * one run, the tool's rules (every documented diagnostic code, and the
 * fatal error statuses check also reports), then the results as the files
 * are printed. postparse columns count code points, which SARIF calls
 * "unicodeCodePoints" (run.columnKind); the byte offset is
 * region.byteOffset, which SARIF counts in bytes whatever the column kind
 * (charOffset would count in the column kind's units). */
#include "diagnostic_help.h"
#include "format.h"

#include "json_writer.h"

#include <stdlib.h>
#include <string.h>

/* A path as a URI reference (RFC 3986): every byte but the unreserved
 * characters and '/' percent-encoded, so that spaces, '%', '#', '?' and
 * non-ASCII names stay one relative reference. */
static void write_uri(json_writer *w, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *uri = malloc(3 * n + 1), *o = uri;

    if (uri == NULL) {
        json_null(w);
        return;
    }
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    *o = '\0';
    json_cstring(w, uri);
    free(uri);
}

#define SARIF_SCHEMA                                                           \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"      \
    "sarif-schema-2.1.0.json"

static const char *level_name(postparse_severity s)
{
    return s == POSTPARSE_SEVERITY_ERROR     ? "error"
           : s == POSTPARSE_SEVERITY_WARNING ? "warning"
                                             : "note";
}

static void rule(json_writer *w, const char *id, postparse_severity sev,
                 const char *summary, const char *help)
{
    json_object_begin(w);
    json_key(w, "id");
    json_cstring(w, id);
    json_key(w, "shortDescription");
    json_object_begin(w);
    json_key(w, "text");
    json_cstring(w, summary);
    json_object_end(w);
    if (help && help[0]) {
        json_key(w, "help");
        json_object_begin(w);
        json_key(w, "text");
        json_cstring(w, help);
        json_object_end(w);
    }
    json_key(w, "defaultConfiguration");
    json_object_begin(w);
    json_key(w, "level");
    json_cstring(w, level_name(sev));
    json_object_end(w);
    json_object_end(w);
}

void format_sarif_begin(FILE *out)
{
    json_writer w;

    json_writer_init(&w, out);
    json_object_begin(&w);
    json_key(&w, "$schema");
    json_cstring(&w, SARIF_SCHEMA);
    json_key(&w, "version");
    json_cstring(&w, "2.1.0");
    json_key(&w, "runs");
    json_array_begin(&w);
    json_object_begin(&w);
    json_key(&w, "tool");
    json_object_begin(&w);
    json_key(&w, "driver");
    json_object_begin(&w);
    json_key(&w, "name");
    json_cstring(&w, "postparse");
    json_key(&w, "version");
    json_cstring(&w, postparse_version_string());
    json_key(&w, "rules");
    json_array_begin(&w);
    /* Every code of the library's table, in its order. */
    for (int c = POSTPARSE_DIAG_NONE + 1;
         postparse_diagnostic_code_name((postparse_diagnostic_code)c); c++)
        rule(&w, postparse_diagnostic_code_name((postparse_diagnostic_code)c),
             postparse_diagnostic_code_severity((postparse_diagnostic_code)c),
             postparse_diagnostic_code_summary((postparse_diagnostic_code)c),
             diagnostic_help(
                 postparse_diagnostic_code_name((postparse_diagnostic_code)c)));
    /* Fatal errors are reported with their status name as the code. */
    for (int s = POSTPARSE_ERR_NOMEM;
         strcmp(postparse_status_name((postparse_status)s), "unknown") != 0;
         s++)
        if (!postparse_diagnostic_code_from_name(
                postparse_status_name((postparse_status)s), NULL))
            rule(&w, postparse_status_name((postparse_status)s),
                 POSTPARSE_SEVERITY_ERROR,
                 postparse_status_message((postparse_status)s), "");
    json_array_end(&w);
    json_object_end(&w); /* driver */
    json_object_end(&w); /* tool */
    json_key(&w, "columnKind");
    json_cstring(&w, "unicodeCodePoints");
    /* The writer cannot leave an array open: the results array is opened
     * by hand, and each result is a complete object of its own. */
    fputs(",\"results\":[\n", out);
}

void format_sarif_result(FILE *out, const char *path,
                         const postparse_diagnostic *d)
{
    json_writer w;

    fputs(",\n", out);
    json_writer_init(&w, out);
    json_object_begin(&w);
    json_key(&w, "ruleId");
    json_cstring(&w, d->code);
    json_key(&w, "level");
    json_cstring(&w, level_name(d->severity));
    json_key(&w, "message");
    json_object_begin(&w);
    json_key(&w, "text");
    json_cstring(&w, d->message);
    json_object_end(&w);
    json_key(&w, "locations");
    json_array_begin(&w);
    json_object_begin(&w);
    json_key(&w, "physicalLocation");
    json_object_begin(&w);
    json_key(&w, "artifactLocation");
    json_object_begin(&w);
    json_key(&w, "uri");
    write_uri(&w, path);
    json_object_end(&w);
    json_key(&w, "region");
    json_object_begin(&w);
    json_key(&w, "startLine");
    json_uint(&w, d->pos.line ? d->pos.line : 1);
    json_key(&w, "startColumn");
    json_uint(&w, d->pos.column ? d->pos.column : 1);
    json_key(&w, "byteOffset");
    json_uint(&w, d->pos.offset);
    json_object_end(&w); /* region */
    json_object_end(&w); /* physicalLocation */
    json_object_end(&w);
    json_array_end(&w);
    if (d->key) {
        json_key(&w, "properties");
        json_object_begin(&w);
        json_key(&w, "key");
        json_cstring(&w, d->key);
        json_object_end(&w);
    }
    json_object_end(&w);
}

void format_sarif_end(FILE *out)
{
    fputs("\n]}]}\n", out);
}
