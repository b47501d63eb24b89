#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Black-box tests of `postparse check` with a rules file and the output
formats: the site in tests/rules-site (its .postparse.yml uses every
feature of docs/rules.md) gives exactly rules-site/expected.txt; mistakes
in a rules file are errors at their line and column; github output is
escaped as GitHub documents; SARIF output is valid against the 2.1.0
schema (when ../shared/schemas and python3-jsonschema are there).

Usage: test_cli_rules.py POSTPARSE TESTS_DIR SHARED_DIR
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

POSTPARSE = os.path.abspath(sys.argv[1])
TESTS = os.path.abspath(sys.argv[2])
SHARED = os.path.abspath(sys.argv[3])

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def run(*args, cwd=TESTS):
    p = subprocess.run([POSTPARSE, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, check=False)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def expected_site():
    with open(os.path.join(TESTS, "rules-site", "expected.txt"),
              encoding="utf-8") as f:
        return f.read()


def test_site():
    rc, out, err = run("check", "rules-site")
    check(rc == 1, f"site: exit status {rc}, expected 1")
    check(out == expected_site(), "site: the report differs from "
          f"rules-site/expected.txt:\n{out}")
    check(err == "", f"site: stderr {err!r}")
    # Nothing of the ignored paths, and the clean post has no finding.
    check("_drafts" not in out and "README" not in out, "site: ignore")
    check("clean" not in out, "site: the clean post")
    # -j 2 and --config give the same report.
    rc2, out2, _ = run("check", "-j", "2", "rules-site")
    check((rc2, out2) == (rc, out), "site: -j 2 differs")
    rc3, out3, _ = run("check", "--config", "rules-site/.postparse.yml",
                       "rules-site/_posts")
    check(out3 == out, "site: --config on _posts differs")


def test_no_config():
    rc, out, _ = run("check", "--no-config", "rules-site")
    # Built-in rules only: the quoted "true" is a warning again, the README
    # and the draft are read, no field rule runs.
    check("warning: 'published' is the string \"true\"" in out,
          "no-config: bool-as-string is a warning")
    check("README.md:2:9: error: 'layout' is an empty string" in out,
          "no-config: the README is checked")
    check("required-key" not in out and "not-one-of" not in out,
          "no-config: field rules ran")
    check(rc == 1, f"no-config: exit {rc}")
    # The file's timezone (with date-naive-utc raised to a warning) and
    # excerpt_separator: the naive date is only worth a finding in Tokyo,
    # and "<!--more-->" does not cut the Liquid block "\n\n" cuts.
    naive = "rules-site/_posts/2025-04-05-naive.md"
    check(f"{naive}:9:1: warning: the excerpt separator cuts a Liquid block"
          in out, "no-config: excerpt-liquid-closed")
    check("date-naive-utc" not in out, "no-config: date-naive-utc in UTC")
    site = expected_site()
    check(f"{naive}:7:7: warning: this date has no UTC offset" in site and
          "excerpt-liquid-closed" not in site,
          "site: timezone, severity or excerpt_separator not applied")


def test_json():
    rc, out, err = run("check", "--format", "json", "rules-site")
    lines = [json.loads(l) for l in out.splitlines()]
    codes = [(os.path.basename(d["path"]), d["line"], d["code"],
              d["severity"]) for d in lines]
    text = [l for l in expected_site().splitlines() if "[" in l]
    check(len(codes) == len(text), "json: one object a finding")
    check(codes[0] == ("2025-04-02-problems.md", 1, "required-key", "error"),
          f"json: first {codes[0]}")
    check(err.startswith("4 files checked"), f"json: summary {err!r}")
    rc2, out2, _ = run("check", "--json", "rules-site")
    check(out2 == out, "json: --json is --format json")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def test_rules_errors():
    tmp = tempfile.mkdtemp(prefix="postparse-rules-")
    post = os.path.join(tmp, "_posts", "2025-01-01-a.md")
    write(post, "---\ntitle: x\n---\n")
    cases = [
        ("fields:\n  title:\n    requird: true\n",
         ".postparse.yml:3:5: error: unknown key 'requird' in a field; "
         "expected required, type, one_of, pattern, min_chars, max_chars, "
         "max_width, min, max, each or severity [rules-file]"),
        ("fields:\n  title:\n    max_chars: ten\n",
         ".postparse.yml:3:16: error: 'max_chars' is \"ten\"; expected a "
         "whole number >= 0 [rules-file]"),
        ("fields:\n  slug: {pattern: '([a-z'}\n",
         ".postparse.yml:2:19: error: 'pattern' '([a-z' is not a POSIX "
         "extended regular expression: "),
        ("severity:\n  no-such-code: error\n",
         ".postparse.yml:2:3: error: 'no-such-code' is not a diagnostic "
         "code; expected one of docs/diagnostics.md (bool-as-string, "
         "too-long, ...) [rules-file]"),
        ("severity:\n  too-long: loud\n",
         ".postparse.yml:2:13: error: a severity is \"loud\"; expected "
         "error, warning, note or off [rules-file]"),
        ("timezone: Mars/Olympus\n",
         ".postparse.yml:1:11: error: 'timezone' 'Mars/Olympus' is not a "
         "time zone; expected an IANA name (Asia/Tokyo), UTC or an offset "
         "(+09:00) [rules-file]"),
        ("colour: red\n",
         ".postparse.yml:1:1: error: unknown key 'colour'; expected fields, "
         "severity, ignore, timezone, future, unpublished or "
         "excerpt_separator [rules-file]"),
        ("fields: [title]\n",
         ".postparse.yml:1:9: error: 'fields' is a list; expected a mapping "
         "of front matter keys to their rules [rules-file]"),
        ("fields:\n  n: {type: int, min: 1, max: 2020-01-01}\n",
         ".postparse.yml:2:6: error: 'min' and 'max' are one a date, one a "
         "number [rules-file]"),
        ("fields:\n  t: {type: string, each: {type: int}}\n",
         ".postparse.yml:2:6: error: 'each' applies to the items of a list; "
         "the type is not list [rules-file]"),
        ("fields:\n  t: {type: strin}\n",
         ".postparse.yml:2:13: error: 'type' is \"strin\"; expected any, "
         "string, bool, int, number, date, list, mapping or string_list "
         "[rules-file]"),
        ("a: [\n", ".postparse.yml:2:1: error: "),
    ]
    for text, want in cases:
        write(os.path.join(tmp, ".postparse.yml"), text)
        rc, out, err = run("check", "_posts", cwd=tmp)
        got = err.split("\n")[0]
        want_path = os.path.join(tmp, want)
        check(rc == 2, f"rules error {text!r}: exit {rc}")
        check(got.startswith(want_path) if not want.endswith("]")
              else got == want_path,
              f"rules error {text!r}:\n got  {got}\n want {want_path}")
        check(out == "0 files checked: 0 errors, 0 warnings, 0 notes\n",
              f"rules error {text!r}: files were checked: {out!r}")
    # off (YAML 1.1 reads a plain off as false) drops a code.
    write(os.path.join(tmp, ".postparse.yml"),
          "severity:\n  bool-as-string: off\n")
    write(post, "---\npublished: \"true\"\n---\n")
    rc, out, err = run("check", "_posts", cwd=tmp)
    check((rc, out) == (0, "1 file checked: 0 errors, 0 warnings, 0 notes\n"),
          f"off: {rc} {out!r} {err!r}")
    shutil.rmtree(tmp)


def test_github():
    tmp = tempfile.mkdtemp(prefix="postparse-github-")
    write(os.path.join(tmp, ".postparse.yml"),
          "fields:\n  slug: {pattern: '^[a-z]+$'}\n")
    name = "_posts/2025-01-01-a%b,c:d\nx.md"
    write(os.path.join(tmp, name),
          "---\nslug: \"50%, a:b\\r\\nc\"\npublished: \"false\"\n---\n")
    rc, out, err = run("check", "--format", "github", "_posts", cwd=tmp)
    want = (
        "::error file=_posts/2025-01-01-a%25b%2Cc%3Ad%0Ax.md,line=2,col=7,"
        # The library escapes the value's CR LF (\\r\\n: no raw control
        # character in a message); the path's LF is GitHub's %0A.
        "title=pattern-mismatch::'slug' is \"50%25, a:b\\r\\nc\"; expected "
        "text matching ^[a-z]+$\n"
        "::warning file=_posts/2025-01-01-a%25b%2Cc%3Ad%0Ax.md,line=3,"
        "col=12,title=bool-as-string::'published' is the string \"false\", "
        "not a boolean: Jekyll publishes the post anyway: only the boolean "
        "false hides it; expected false without quotes\n"
        "1 file checked: 1 error, 1 warning, 0 notes\n")
    check(out == want, f"github:\n got  {out!r}\n want {want!r}")
    check(rc == 1, f"github: exit {rc}")
    shutil.rmtree(tmp)


def test_sarif():
    rc, out, err = run("check", "--format", "sarif", "rules-site")
    try:
        log = json.loads(out)
    except ValueError as e:
        check(False, f"sarif: not JSON: {e}\n{out}")
        return
    run0 = log["runs"][0]
    rules = {r["id"]: r for r in run0["tool"]["driver"]["rules"]}
    check(run0["columnKind"] == "unicodeCodePoints", "sarif: columnKind")
    check(rules["bool-as-string"]["defaultConfiguration"]["level"] ==
          "warning", "sarif: bool-as-string's default level")
    check(rules["bool-as-string"]["help"]["text"] == "published: false",
          "sarif: help text from docs/diagnostics.md")
    check("pattern-mismatch" in rules and "frontmatter-too-large" in rules,
          "sarif: every code")
    results = run0["results"]
    text = [l for l in expected_site().splitlines() if "[" in l]
    check(len(results) == len(text), f"sarif: {len(results)} results")
    r = [x for x in results if x["ruleId"] == "bool-as-string"][0]
    loc = r["locations"][0]["physicalLocation"]
    check(r["level"] == "error", "sarif: the rules file's level")
    check(loc["artifactLocation"]["uri"] ==
          "rules-site/_posts/2025-04-02-problems.md", "sarif: uri")
    check(loc["region"] == {"startLine": 7, "startColumn": 12,
                            "byteOffset": 196},
          f"sarif: region {loc['region']}")
    check(err.startswith("4 files checked"), "sarif: summary on stderr")
    schema_path = os.path.join(SHARED, "schemas", "sarif-schema-2.1.0.json")
    if not os.path.exists(schema_path):
        print("SKIP: sarif schema validation (no ../shared/schemas)")
        return "skip"
    import jsonschema  # python3-jsonschema
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
    check(not errors, "sarif: invalid against the 2.1.0 schema: " +
          "; ".join(e.message for e in errors[:5]))
    # An empty run is valid too.
    tmp = tempfile.mkdtemp(prefix="postparse-sarif-")
    rc, out, err = run("check", "--no-config", "--format", "sarif", tmp)
    empty = json.loads(out)
    check(empty["runs"][0]["results"] == [], "sarif: empty results")
    check(not list(jsonschema.Draft4Validator(schema).iter_errors(empty)),
          "sarif: an empty log is invalid")
    shutil.rmtree(tmp)
    return None


def test_fix():
    tmp = tempfile.mkdtemp(prefix="postparse-fix-")
    write(os.path.join(tmp, ".postparse.yml"),
          "fields:\n  tags: {type: list}\n  authors: {type: list}\n")
    a = os.path.join(tmp, "_posts", "2025-01-01-a.md")
    b = os.path.join(tmp, "_posts", "2025-01-02-b.md")
    c = os.path.join(tmp, "_posts", "2025-01-03-c.md")
    text_a = ("---\r\ntitle: \"x\" # c\r\ntags: \"a b true 1:2\" # keep\r\n"
              "authors: Jane Doe\r\npublished: 'false'\r\n"
              "comments: \"true\"  # yes\r\n---\r\nx\r\n")
    write(a, text_a)
    write(b, "---\ntitle\uff1a \u6771\u4eac\nlayout: post\n---\nx\n")
    text_c = "---\ntags: \"a\\tb\"\npublished: \"no\"\n---\n"
    write(c, text_c)
    os.chmod(a, 0o640)
    rc, out, err = run("check", "--diff", "_posts", cwd=tmp)
    want_diff = (
        "--- _posts/2025-01-01-a.md\n+++ _posts/2025-01-01-a.md\n"
        "@@ -3 +3 @@\n-tags: \"a b true 1:2\" # keep\r\n"
        "+tags: [a, b, \"true\", \"1:2\"] # keep\r\n"
        "@@ -4 +4 @@\n-authors: Jane Doe\r\n+authors: [Jane Doe]\r\n"
        "@@ -5 +5 @@\n-published: 'false'\r\n+published: false\r\n"
        "@@ -6 +6 @@\n-comments: \"true\"  # yes\r\n"
        "+comments: true  # yes\r\n")
    check(out.startswith(want_diff), f"diff:\n got  {out!r}\n want {want_diff!r}")
    check("+title: \u6771\u4eac\n" in out, "diff: the full-width colon")
    check(err == "5 fixes shown in 2 files\n", f"diff: {err!r}")
    with open(a, encoding="utf-8", newline="") as f:
        check(f.read() == text_a, "--diff wrote the file")
    rc, out, err = run("check", "--fix", "_posts", cwd=tmp)
    with open(a, encoding="utf-8", newline="") as f:
        check(f.read() == text_a.replace('"a b true 1:2"', '[a, b, "true", "1:2"]')
              .replace("Jane Doe", "[Jane Doe]").replace("'false'", "false")
              .replace('"true"  #', "true  #"), "fix: the fixed text")
    check(os.stat(a).st_mode & 0o777 == 0o640, "fix: the mode is kept")
    with open(c, encoding="utf-8") as f:
        check(f.read() == text_c, "fix: an escape is not rewritten")
    check(err == "5 fixes made in 2 files\n", f"fix: {err!r}")
    check(out == "_posts/2025-01-03-c.md:2:7: error: 'tags' is a string; "
          "expected a list [type-mismatch]\n"
          "_posts/2025-01-03-c.md:3:12: error: 'published' is a string; "
          "expected true or false [type-mismatch]\n"
          "3 files checked: 2 errors, 0 warnings, 0 notes\n",
          f"fix: what is left {out!r}")
    rc, out, err = run("check", "--fix", "_posts", cwd=tmp)
    check(err == "0 fixes made in 0 files\n", f"fix: not idempotent {err!r}")
    check(not [n for n in os.listdir(os.path.join(tmp, "_posts"))
               if n.startswith(".")], "fix: a temporary file is left")
    shutil.rmtree(tmp)


def test_fix_date():
    """date-not-canonical: --diff shows, --fix writes the canonical form
    (quotes kept; a plain value stays plain as a YAML date or a timestamp
    with an offset, and is double-quoted with a time and no offset), the
    rest of the line stays, and a second --fix changes nothing."""
    tmp = tempfile.mkdtemp(prefix="postparse-fix-date-")
    a = os.path.join(tmp, "_posts", "2025-01-01-a.md")
    b = os.path.join(tmp, "_posts", "2025-01-02-b.md")
    c = os.path.join(tmp, "_posts", "2025-01-03-c.md")
    d = os.path.join(tmp, "_posts", "2025-01-04-d.md")
    text_a = "---\r\ntitle: x\r\ndate: Feb 7, 2025  # when\r\n---\r\nx\r\n"
    text_b = "---\ndate: 2019-06-01 15:40\n---\n"
    text_c = "---\ndate: '7 Feb 2025 10:00 +0100'\n---\n"
    text_d = "---\ndate: \"2025-02-07 10:00:00 +01:00\"\n---\n"
    for path, text in ((a, text_a), (b, text_b), (c, text_c), (d, text_d)):
        write(path, text)
    rc, out, err = run("check", "--no-config", "--diff", "_posts", cwd=tmp)
    want_diff = (
        "--- _posts/2025-01-01-a.md\n+++ _posts/2025-01-01-a.md\n"
        "@@ -3 +3 @@\n-date: Feb 7, 2025  # when\r\n"
        "+date: 2025-02-07  # when\r\n")
    check(out.startswith(want_diff),
          f"date diff:\n got  {out!r}\n want {want_diff!r}")
    check("-date: 2019-06-01 15:40\n+date: \"2019-06-01 15:40:00\"\n" in out,
          f"date diff: no offset {out!r}")
    check("-date: '7 Feb 2025 10:00 +0100'\n"
          "+date: '2025-02-07 10:00:00 +01:00'\n" in out,
          f"date diff: quoted {out!r}")
    check("2025-01-04-d.md" not in out, f"date diff: canonical {out!r}")
    check("_posts/2025-01-01-a.md:3:7: note: date 'Feb 7, 2025' is a string "
          "Jekyll reads with Time.parse as 2025-02-07T00:00:00.000+00:00; "
          "expected its canonical form '2025-02-07' (YYYY-MM-DD, then "
          "HH:MM:SS and +HH:MM when given), which means the same date "
          "[date-not-canonical]\n" in out, f"date diff: the note {out!r}")
    check(err == "3 fixes shown in 3 files\n", f"date diff: {err!r}")
    with open(a, encoding="utf-8", newline="") as f:
        check(f.read() == text_a, "date: --diff wrote the file")
    rc, out, err = run("check", "--no-config", "--fix", "_posts", cwd=tmp)
    check(err == "3 fixes made in 3 files\n", f"date fix: {err!r}")
    check(out == "4 files checked: 0 errors, 0 warnings, 0 notes\n",
          f"date fix: what is left {out!r}")
    for path, want in (
            (a, text_a.replace("Feb 7, 2025", "2025-02-07")),
            (b, text_b.replace("2019-06-01 15:40", '"2019-06-01 15:40:00"')),
            (c, text_c.replace("7 Feb 2025 10:00 +0100",
                               "2025-02-07 10:00:00 +01:00")),
            (d, text_d)):
        with open(path, encoding="utf-8", newline="") as f:
            got = f.read()
        check(got == want, f"date fix: {path}: {got!r}, want {want!r}")
    rc, out, err = run("check", "--no-config", "--fix", "_posts", cwd=tmp)
    check(err == "0 fixes made in 0 files\n", f"date fix: not idempotent {err!r}")
    shutil.rmtree(tmp)


def main():
    test_fix()
    test_fix_date()
    test_site()
    test_no_config()
    test_json()
    test_rules_errors()
    test_github()
    test_sarif()
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all rules-file and format checks passed")
    return 0


sys.exit(main())
