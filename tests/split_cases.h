/* SPDX-License-Identifier: MIT */
/* Inputs with the event log postparse must produce for them. The front
 * matter text and body of each case were checked against Jekyll 4.3's
 * regular expression run by Ruby (tests/gen/split_cases.rb). */
#ifndef POSTPARSE_TEST_SPLIT_CASES_H
#define POSTPARSE_TEST_SPLIT_CASES_H

#include <postparse/postparse.h>

typedef struct split_case {
    const char *name;
    const char *input;
    size_t len;
    postparse_utf8_policy policy;
    const char *expected;
} split_case;

extern const split_case split_cases[];
extern const size_t split_case_count;

#endif
