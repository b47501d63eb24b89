/* SPDX-License-Identifier: MIT */
#include "split_cases.h"

#define IN(s) s, sizeof(s) - 1
#define STRICT POSTPARSE_UTF8_STRICT
#define REPLACE POSTPARSE_UTF8_REPLACE
#define PASS POSTPARSE_UTF8_PASS_THROUGH

const split_case split_cases[] = {
    {"basic", IN("---\ntitle: Hello\n---\nBody\n"), STRICT,
     "begin@1:1 text@1:1 \"---\\ntitle: Hello\\n\" end@3:1 body@4:1 "
     "\"Body\\n\" "
     "eof(fm=1 bom=0 utf8=1 bytes=5)"},
    {"trailing blanks on both delimiter lines",
     IN("---   \ntitle: Hello\n---  \t\nBody\n"), STRICT,
     "begin@1:1 text@1:1 \"---   \\ntitle: Hello\\n\" end@3:1 body@4:1 "
     "\"Body\\n\" eof(fm=1 bom=0 utf8=1 bytes=5)"},
    {"dots close", IN("---\ntitle: Dots\n...\nBody\n"), STRICT,
     "begin@1:1 text@1:1 \"---\\ntitle: Dots\\n\" end@3:1 body@4:1 \"Body\\n\" "
     "eof(fm=1 bom=0 utf8=1 bytes=5)"},
    {"every blank line after the closer is dropped",
     IN("---\ntitle: x\n---\n\n\n   \nBody\n"), STRICT,
     "begin@1:1 text@1:1 \"---\\ntitle: x\\n\" end@3:1 body@7:1 \"Body\\n\" "
     "eof(fm=1 bom=0 utf8=1 bytes=5)"},
    {"indentation of the first body line is kept",
     IN("---\ntitle: x\n---\n    code\n"), STRICT,
     "begin@1:1 text@1:1 \"---\\ntitle: x\\n\" end@3:1 body@4:1 "
     "\"    code\\n\" eof(fm=1 bom=0 utf8=1 bytes=9)"},
    {"CRLF",
     IN("---\r\ntitle: Hello\r\ntags: a b\r\n---\r\nLine1\r\n\r\nLine2\r\n"),
     STRICT,
     "begin@1:1 text@1:1 \"---\\r\\ntitle: Hello\\r\\ntags: a b\\r\\n\" "
     "end@4:1 "
     "body@5:1 \"Line1\\r\\n\\r\\nLine2\\r\\n\" eof(fm=1 bom=0 utf8=1 "
     "bytes=16)"},
    {"BOM stripped", IN("\xEF\xBB\xBF---\ntitle: x\n---\nBody\n"), STRICT,
     "begin@1:1 text@1:1 \"---\\ntitle: x\\n\" end@3:1 body@4:1 \"Body\\n\" "
     "eof(fm=1 bom=1 utf8=1 bytes=5)"},
    {"BOM without front matter", IN("\xEF\xBB\xBFHello\n"), STRICT,
     "body@1:1 \"Hello\\n\" eof(fm=0 bom=1 utf8=1 bytes=6)"},
    {"no closer: no front matter, all body", IN("---\ntitle: Open\nBody\n"),
     STRICT,
     "diag@1:1 warning frontmatter-unclosed body@1:1 "
     "\"---\\ntitle: Open\\nBody\\n\" eof(fm=0 bom=0 utf8=1 bytes=21)"},
    {"empty front matter", IN("---\n---\nBody\n"), STRICT,
     "begin@1:1 text@1:1 \"---\\n\" end@2:1 body@3:1 \"Body\\n\" "
     "eof(fm=1 bom=0 utf8=1 bytes=5)"},
    {"four dashes do not open", IN("----\nx\n---\n"), STRICT,
     "body@1:1 \"----\\nx\\n---\\n\" eof(fm=0 bom=0 utf8=1 bytes=11)"},
    {"text after the opener does not open", IN("--- # c\ntitle: x\n---\n"),
     STRICT,
     "body@1:1 \"--- # c\\ntitle: x\\n---\\n\" eof(fm=0 bom=0 utf8=1 "
     "bytes=21)"},
    {"a leading blank line does not open", IN("\n---\nx: 1\n---\n"), STRICT,
     "body@1:1 \"\\n---\\nx: 1\\n---\\n\" eof(fm=0 bom=0 utf8=1 bytes=14)"},
    {"the first closing line wins, even in a quoted string",
     IN("---\ntitle: \"a\n---\n\"\n---\nbody\n"), STRICT,
     "begin@1:1 text@1:1 \"---\\ntitle: \\\"a\\n\" diag@3:1 error yaml-syntax end@3:1 body@4:1 "
     "\"\\\"\\n---\\nbody\\n\" eof(fm=1 bom=0 utf8=1 bytes=11)"},
    {"closer at the end without LF", IN("---\nx: 1\n---"), STRICT,
     "begin@1:1 text@1:1 \"---\\nx: 1\\n\" end@3:1 "
     "eof(fm=1 bom=0 utf8=1 bytes=0)"},
    {"blanks after the closer up to the end are eaten",
     IN("---\ntitle: x\n---\n\n  "), STRICT,
     "begin@1:1 text@1:1 \"---\\ntitle: x\\n\" end@3:1 "
     "eof(fm=1 bom=0 utf8=1 bytes=0)"},
    {"a lone CR does not end the closing line", IN("---\nx: 1\n---\rBody\n"),
     STRICT,
     "diag@1:1 warning frontmatter-unclosed body@1:1 "
     "\"---\\nx: 1\\n---\\rBody\\n\" eof(fm=0 bom=0 utf8=1 bytes=18)"},
    {"the body starts after the last LF of the blanks",
     IN("---\nx: 1\n--- \r\n\r\n  Body"), STRICT,
     "begin@1:1 text@1:1 \"---\\nx: 1\\n\" end@3:1 body@5:1 \"  Body\" "
     "eof(fm=1 bom=0 utf8=1 bytes=6)"},
    {"blank line inside the opener", IN("--- \n  \n---\n B"), STRICT,
     "begin@1:1 text@1:1 \"--- \\n  \\n\" end@3:1 body@4:1 \" B\" "
     "eof(fm=1 bom=0 utf8=1 bytes=2)"},
    {"form feed and vertical tab are blanks", IN("---\f\na\n---\v\nB"), STRICT,
     "begin@1:1 text@1:1 \"---\\x0C\\na\\n\" diag@1:4 error yaml-syntax end@3:1 body@4:1 \"B\" "
     "eof(fm=1 bom=0 utf8=1 bytes=1)"},
    {"closer with a CR at the end", IN("---\na\n---\r"), STRICT,
     "begin@1:1 text@1:1 \"---\\na\\n\" diag@2:1 error frontmatter-not-mapping end@3:1 eof(fm=1 bom=0 utf8=1 "
     "bytes=0)"},
    {"dashes followed by text do not close", IN("---\na: 1\n---x\n---\nB"),
     STRICT,
     "begin@1:1 text@1:1 \"---\\na: 1\\n---x\\n\" diag@4:1 error yaml-syntax end@4:1 body@5:1 \"B\" "
     "eof(fm=1 bom=0 utf8=1 bytes=1)"},
    {"a lone CR does not end the opening line", IN("---\rx\n---\nB"), STRICT,
     "body@1:1 \"---\\rx\\n---\\nB\" eof(fm=0 bom=0 utf8=1 bytes=11)"},
    {"CRLF empty front matter", IN("---\r\n---\r\n\r\nB"), STRICT,
     "begin@1:1 text@1:1 \"---\\r\\n\" end@2:1 body@4:1 \"B\" "
     "eof(fm=1 bom=0 utf8=1 bytes=1)"},
    {"only ---", IN("---"), STRICT,
     "body@1:1 \"---\" eof(fm=0 bom=0 utf8=1 bytes=3)"},
    {"only --- and LF", IN("---\n"), STRICT,
     "diag@1:1 warning frontmatter-unclosed body@1:1 \"---\\n\" "
     "eof(fm=0 bom=0 utf8=1 bytes=4)"},
    {"empty input", IN(""), STRICT, "eof(fm=0 bom=0 utf8=1 bytes=0)"},
    {"only a BOM", IN("\xEF\xBB\xBF"), STRICT,
     "eof(fm=0 bom=1 utf8=1 bytes=0)"},
    {"a cut BOM is invalid UTF-8", IN("\xEF\xBB"), STRICT,
     "error@1:1 invalid-utf8"},
    {"a cut BOM passed through", IN("\xEF\xBBx"), PASS,
     "diag@1:1 error invalid-utf8 body@1:1 \"\\xEF\\xBBx\" "
     "eof(fm=0 bom=0 utf8=0 bytes=3)"},
    {"UTF-16 LE", IN("\xFF\xFE-\x00-\x00-\x00"), PASS,
     "error@1:1 unsupported-encoding"},
    {"UTF-16 BE", IN("\xFE\xFF\x00-"), STRICT,
     "error@1:1 unsupported-encoding"},
    /* FF FE is UTF-16LE's mark and the start of UTF-32LE's: the decision
     * waits for the bytes that tell them apart, even at the end. */
    {"UTF-32 LE", IN("\xFF\xFE\x00\x00-\x00\x00\x00"), PASS,
     "error@1:1 unsupported-encoding"},
    {"UTF-32 BE", IN("\x00\x00\xFE\xFF\x00\x00\x00-"), PASS,
     "error@1:1 unsupported-encoding"},
    {"only a UTF-16 LE mark", IN("\xFF\xFE"), STRICT,
     "error@1:1 unsupported-encoding"},
    {"UTF-16 LE, a NUL, then the end", IN("\xFF\xFE\x00"), STRICT,
     "error@1:1 unsupported-encoding"},
    {"UTF-16 LE, a NUL, then a character", IN("\xFF\xFE\x00\x00"), STRICT,
     "error@1:1 unsupported-encoding"},
    {"NULs that are no UTF-32 mark", IN("\x00\x00\xFEx"), PASS,
     "body@1:1 \"\\x00\\x00\" diag@1:3 error invalid-utf8 body@1:3 "
     "\"\\xFEx\" eof(fm=0 bom=0 utf8=0 bytes=4)"},
    {"NUL bytes pass", IN("---\na: 1\n---\nx\0y\n"), STRICT,
     "begin@1:1 text@1:1 \"---\\na: 1\\n\" end@3:1 body@4:1 \"x\\x00y\\n\" "
     "eof(fm=1 bom=0 utf8=1 bytes=4)"},
    {"invalid UTF-8 in the body, strict", IN("---\na: 1\n---\nab\xC3(cd\n"),
     STRICT,
     "begin@1:1 text@1:1 \"---\\na: 1\\n\" end@3:1 body@4:1 \"ab\" "
     "error@4:3 invalid-utf8"},
    {"invalid UTF-8 in the body, replace", IN("---\na: 1\n---\nab\xC3(cd\n"),
     REPLACE,
     "begin@1:1 text@1:1 \"---\\na: 1\\n\" end@3:1 body@4:1 \"ab\" "
     "diag@4:3 error invalid-utf8 body@4:3 \"\\xEF\\xBF\\xBD(cd\\n\" "
     "eof(fm=1 bom=0 utf8=0 bytes=9)"},
    {"invalid UTF-8 in the body, pass-through",
     IN("---\na: 1\n---\nab\xC3(cd\n"), PASS,
     "begin@1:1 text@1:1 \"---\\na: 1\\n\" end@3:1 body@4:1 \"ab\" "
     "diag@4:3 error invalid-utf8 body@4:3 \"\\xC3(cd\\n\" "
     "eof(fm=1 bom=0 utf8=0 bytes=7)"},
    {"invalid UTF-8 in the front matter, strict", IN("---\nt: \xFF\n---\nB\n"),
     STRICT, "error@2:4 invalid-utf8"},
    {"invalid UTF-8 in the front matter: not split, as Jekyll",
     IN("---\nt: \xFF\n---\nB\n"), PASS,
     "diag@2:4 error invalid-utf8 body@1:1 \"---\\nt: \\xFF\\n---\\nB\\n\" "
     "eof(fm=0 bom=0 utf8=0 bytes=15)"},
    {"invalid UTF-8 in the front matter, replace: not split",
     IN("---\nt: \xFF\xFE\n---\n\nB\n"), REPLACE,
     "diag@2:4 error invalid-utf8 body@1:1 "
     "\"---\\nt: \\xEF\\xBF\\xBD\\xEF\\xBF\\xBD\\n---\\n\\nB\\n\" "
     "eof(fm=0 bom=0 utf8=0 bytes=21)"},
    {"invalid UTF-8 in the front matter, closer at the end",
     IN("---\nt: \xC3\n..."), PASS,
     "diag@2:4 error invalid-utf8 body@1:1 \"---\\nt: \\xC3\\n...\" "
     "eof(fm=0 bom=0 utf8=0 bytes=12)"},
    {"a sequence cut by the end is one maximal subpart", IN("ok\xF0\x9F\x98"),
     REPLACE,
     "body@1:1 \"ok\" diag@1:3 error invalid-utf8 body@1:3 \"\\xEF\\xBF\\xBD\" "
     "eof(fm=0 bom=0 utf8=0 bytes=5)"},
    {"overlong E0 80: two subparts", IN("\xE0\x80x"), REPLACE,
     "diag@1:1 error invalid-utf8 body@1:1 "
     "\"\\xEF\\xBF\\xBD\\xEF\\xBF\\xBDx\" eof(fm=0 bom=0 utf8=0 bytes=7)"},
    {"above U+10FFFF: four subparts", IN("\xF4\x90\x80\x80"), REPLACE,
     "diag@1:1 error invalid-utf8 body@1:1 "
     "\"\\xEF\\xBF\\xBD\\xEF\\xBF\\xBD\\xEF\\xBF\\xBD\\xEF\\xBF\\xBD\" "
     "eof(fm=0 bom=0 utf8=0 bytes=12)"},
    {"surrogate: three subparts", IN("\xED\xA0\x80"), REPLACE,
     "diag@1:1 error invalid-utf8 body@1:1 "
     "\"\\xEF\\xBF\\xBD\\xEF\\xBF\\xBD\\xEF\\xBF\\xBD\" "
     "eof(fm=0 bom=0 utf8=0 bytes=9)"},
    {"E1 80 then ASCII: one subpart", IN("\xE1\x80z"), REPLACE,
     "diag@1:1 error invalid-utf8 body@1:1 \"\\xEF\\xBF\\xBDz\" "
     "eof(fm=0 bom=0 utf8=0 bytes=4)"},
    {"columns count code points in CJK text",
     IN("---\nt: \xE4\xB8\xAD\n---\n\xE4\xB8\xAD\xE6\x96\x87\xFF"), PASS,
     "begin@1:1 text@1:1 \"---\\nt: \\xE4\\xB8\\xAD\\n\" end@3:1 body@4:1 "
     "\"\\xE4\\xB8\\xAD\\xE6\\x96\\x87\" diag@4:3 error invalid-utf8 body@4:3 "
     "\"\\xFF\" eof(fm=1 bom=0 utf8=0 bytes=7)"},
    {"lone CR and CRLF each end a line", IN("---\na: 1\n---\nx\ry\r\nz\xFF"),
     PASS,
     "begin@1:1 text@1:1 \"---\\na: 1\\n\" end@3:1 body@4:1 \"x\\ry\\r\\nz\" "
     "diag@6:2 error invalid-utf8 body@6:2 \"\\xFF\" "
     "eof(fm=1 bom=0 utf8=0 bytes=7)"},
    {"after a BOM, offsets count it and columns do not", IN("\xEF\xBB\xBF\xFF"),
     PASS,
     "diag@1:1 error invalid-utf8 body@1:1 \"\\xFF\" "
     "eof(fm=0 bom=1 utf8=0 bytes=1)"},
    {"a second BOM is body", IN("\xEF\xBB\xBF\xEF\xBB\xBFx"), STRICT,
     "body@1:1 \"\\xEF\\xBB\\xBFx\" eof(fm=0 bom=1 utf8=1 bytes=4)"},
    {"dots do not open", IN("...\nx: 1\n...\n"), STRICT,
     "body@1:1 \"...\\nx: 1\\n...\\n\" eof(fm=0 bom=0 utf8=1 bytes=13)"},
    {"a later --- in the body is kept", IN("---\na: 1\n---\nx\n---\ny\n"),
     STRICT,
     "begin@1:1 text@1:1 \"---\\na: 1\\n\" end@3:1 body@4:1 \"x\\n---\\ny\\n\" "
     "eof(fm=1 bom=0 utf8=1 bytes=8)"},
};

const size_t split_case_count = sizeof split_cases / sizeof split_cases[0];
