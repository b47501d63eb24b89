/* SPDX-License-Identifier: MIT */
/* Helper for tests/gen/dates.rb (not part of the test suite): reads lines
 * "<zone>\t<now>\t<input>" (input with \\, \t, \n escaped as in C) and
 * prints "<status>\t<value or ->\t<code or ->" for each, where status is
 * ok, rolled, invalid or unsupported and value is data["date"] as the oracle
 * prints it. */
#include <postparse/postparse.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t unescape(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '\\' && s[i + 1]) {
            i++;
            s[o++] = s[i] == 't'   ? '\t'
                     : s[i] == 'n' ? '\n'
                     : s[i] == '0' ? '\0'
                                   : s[i];
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

int main(void)
{
    static char line[1 << 16];
    char zone_name[128] = "";
    postparse_tz *zone = NULL;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *t1 = strchr(line, '\t');
        char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2)
            return 2;
        *t1 = *t2 = '\0';
        if (strcmp(zone_name, line) != 0) {
            postparse_tz_free(zone);
            if (postparse_tz_open(line, NULL, NULL, &zone) != POSTPARSE_OK)
                return 2;
            snprintf(zone_name, sizeof zone_name, "%s", line);
        }
        int64_t now = strtoll(t1 + 1, NULL, 10);
        char *in = t2 + 1;
        size_t n = unescape(in);
        postparse_date_result r;
        postparse_date_parse_jekyll_at(in, n, zone, now, &r);
        static const char *const names[] = {"ok", "rolled", "invalid",
                                            "unsupported"};
        char value[POSTPARSE_DATETIME_FORMAT_MAX] = "-";
        if (r.status == POSTPARSE_DATE_OK ||
            r.status == POSTPARSE_DATE_ROLLED_OVER) {
            r.value.nanosecond = 0;
            postparse_datetime_format(&r.value, value, sizeof value);
        }
        printf("%s\t%s\t%s\n", names[r.status], value, r.code ? r.code : "-");
    }
    postparse_tz_free(zone);
    return 0;
}
