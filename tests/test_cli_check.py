#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Black-box tests of `postparse check`: the walk, the report lines, the
JSON Lines form, the summary, the exit status, and -j; links, loops and
special files in the walk; output that hostile values cannot forge.

Usage: test_cli_check.py POSTPARSE
"""

import json
import os
import re
import subprocess
import sys
import tempfile

POSTPARSE = os.path.abspath(sys.argv[1])

# name -> content; the folder tree the walk reads.
FILES = {
    "_posts/2025-02-07-clean.md": "---\nlayout: post\ntitle: Fine\n---\nBody\n",
    "_posts/2025-02-08-bad.md": "---\nlayout: ''\npublished: \"false\"\n"
                                "categories: 2024\n---\nBody\n",
    "_posts/2025-02-09-date.markdown": "---\ndate: 2025-02-30\n---\nx\n",
    "_posts/notes.txt": "---\nlayout: ''\n---\nnot a post extension\n",
    "_posts/.hidden/2025-01-01-x.md": "---\nlayout: ''\n---\nhidden\n",
    "pages/about.html": "---\ntitle: About\n---\n<p>x</p>\n",
}

# The report, as `file:line:col: severity: message [code]`, in walk order.
EXPECTED_CODES = [
    ("_posts/2025-02-08-bad.md", 2, 9, "error", "empty-string"),
    ("_posts/2025-02-08-bad.md", 3, 12, "warning", "bool-as-string"),
    ("_posts/2025-02-08-bad.md", 4, 13, "error", "categories-type-error"),
    ("_posts/2025-02-09-date.markdown", 2, 15, "error", "date-rolled-over"),
]

LINE = re.compile(r"^(.*):(\d+):(\d+): (error|warning|note): (.*) \[([a-z0-9-]+)\]$")

failures = []

# In YAML double-quoted scalars: a line end, a forged report line, an OSC
# terminal escape (set the title) ending in BEL, a right-to-left override,
# a C1 NEL, a bidi isolate.
EVIL = r"x\nevil.md:1:1: error: forged [fake]\e]0;owned\a\u202E\x85\u2066"


def fm(text, body="Body\n"):
    return ("---\n" + text + "---\n" + body).encode()


POSTS = {
    # splitting and encoding
    "2025-01-01-unclosed.md": b"---\ntitle: x\nBody \x1b[2J\n",
    "2025-01-02-utf8.md": b"---\ntitle: x\n---\ncaf\xe9 \x1b]0;owned\x07 \xff\n",
    "2025-01-03-many.md": fm("".join(f"k{i}: !e{i} \"{EVIL}\"\n"
                                     for i in range(1100))),
    # YAML
    "2025-01-04-syntax.md": fm(f"title: \"{EVIL}\"\nbad: a: b\n"),
    "2025-01-05-dup.md": fm(f"\"{EVIL}\": 1\n\"{EVIL}\": 2\n"),
    "2025-01-06-list.md": fm(f"- \"{EVIL}\"\n"),
    "2025-01-07-alias.md": fm("tags: *t\n"),
    "2025-01-08-second.md": fm(f"a: 1\n--- \"{EVIL}\"\n"),
    "2025-01-09-class.md": fm(f"foo: !ruby/object:Evil \"{EVIL}\"\n"),
    "2025-01-10-scalar.md": fm(f"x: !!float \"{EVIL}\"\n"),
    "2025-01-11-omap.md": fm(f"x: !!omap [\"{EVIL}\"]\n"),
    "2025-01-12-tag.md": fm("x: !e%1B%5D0%3Bowned%07%0Aevil.md bar\n"),
    # dates
    "2025-01-13-rolled.md": fm("date: 2025-02-30\n"),
    "2025-01-14-nodate.md": fm("date: \"Last\\e\"\n"),
    "2025-01-15-month.md": fm("date: 2025-13-01\n"),
    "2025-01-16-long.md": fm("date: \"2025-01-01 " + EVIL * 6 + "\"\n"),
    "2025-01-17-number.md": fm("date: 2024\n"),
    "2025-01-18-form.md": fm(f"date: \"10000000-01-01 {EVIL}\"\n"),
    "2025-01-19-fraction.md": fm("date: 2025-02-07T20:00:59.789Z\n"),
    "2025-01-20-naive.md": fm("date: 2025-02-07 20:00:59\n"),
    "2025-01-30-\x1b]0;owned\x07\n\u202e.md": fm("layout: ''\n"),
    # categories, tags, excerpt
    "2025-01-21-cats.md": fm("categories: 2024\n"),
    "2025-01-22-mapping.md": fm(f"tags: {{\"{EVIL}\": 1}}\n"),
    "2025-01-23-nested.md": fm(f"tags: [a, [\"{EVIL}\", c]]\n"),
    "2025-01-24-liquid.md": fm("title: x\n", "{% if a %}\x1b[2J\n\nb\n{% endif %}\n"),
    "2025-01-25-long.md": fm("title: x\n", "a\x1b\r\n" * 300000),
    # built-in rules
    "2025-01-26-type.md": fm(f"layout: [\"{EVIL}\"]\ncomments: \"{EVIL}\"\n"
                             f"title: [\"{EVIL}\"]\n"),
    "2025-01-27-empty.md": fm("layout: ''\n"),
    "2025-01-28-bool.md": fm("published: \"false\"\n"),
    "2025-01-29-null.md": fm("published:\n"),
}

# Every code of docs/diagnostics.md the command line can reach (user rules
# need the API).
CODES = {
    "frontmatter-unclosed", "invalid-utf8", "too-many-diagnostics",
    "yaml-syntax", "yaml-duplicate-key", "frontmatter-not-mapping",
    "yaml-unknown-alias", "yaml-second-document", "yaml-disallowed-class",
    "yaml-bad-scalar", "yaml-bad-omap", "yaml-unknown-tag",
    "date-rolled-over", "date-no-date", "date-month-out-of-range",
    "date-too-long", "date-invalid", "date-unsupported-form",
    "date-fraction-dropped", "date-naive-utc", "categories-type-error",
    "taxonomy-mapping", "taxonomy-nested", "excerpt-liquid-closed",
    "excerpt-truncated", "type-mismatch", "empty-string", "bool-as-string",
    "published-null",
}

# Raw bytes no text output may carry: C0 controls but the line end, DEL,
# C1 controls (UTF-8 C2 80..9F), bidirectional controls, line separators.
FORBIDDEN = re.compile(
    rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|"
    rb"\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]")

LINE_BYTES = re.compile(rb"^(.*?)(:\d+:\d+)?: (error|warning|note): .* \[([a-z0-9-]+)\]$")


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def run(*args, cwd=None):
    p = subprocess.run([POSTPARSE, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, check=False)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def run_bytes(args, cwd):
    p = subprocess.run([POSTPARSE, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, timeout=120,
                       check=False)
    return p.returncode, p.stdout, p.stderr


def clean(what, data):
    m = FORBIDDEN.search(data)
    check(m is None, f"{what}: a raw control byte {m.group(0)!r} at "
          f"{m.start()}: {data[max(0, m.start() - 60):m.start() + 20]!r}"
          if m else what)


def check_forged_output(tmp):
    """Output that cannot be forged: posts that raise every diagnostic code
    the command line can reach (docs/diagnostics.md), with hostile values
    where the message quotes one (line ends, terminal escapes, C1 and
    bidirectional controls, ill-formed UTF-8) and a hostile file name,
    through `check`, `dump` (its standard error) and `body` (its warnings):
    no raw control byte reaches a text output, and no line is forged."""
    posts = os.path.join(tmp, "forged", "_posts")
    os.makedirs(posts)
    for name, data in POSTS.items():
        with open(os.path.join(posts, name), "wb") as f:
            f.write(data)

    code, out, err = run_bytes(["check", "--timezone", "Asia/Shanghai", "_posts"],
                               os.path.join(tmp, "forged"))
    clean("check standard output", out)
    clean("check standard error", err)
    seen = set()
    lines = out.splitlines()
    for line in lines[:-1]:
        m = LINE_BYTES.match(line)
        check(m is not None, f"check: a report line {line[:120]!r}")
        if m is None:
            continue
        check(m.group(1).startswith(b"_posts/2025-"),
              f"check: a line for a file that was not checked {line[:120]!r}")
        seen.add(m.group(4).decode())
    check(CODES <= seen, f"check: codes not raised {sorted(CODES - seen)}")
    check(b"\\x1b]0;owned\\x07\\n\\u202e.md" in out,
          "check: the hostile file name escaped")
    check(b"evil.md:1:1: error: forged [fake]\\x1b]0;owned\\x07\\u202e"
          b"\\u0085\\u2066" in out, "check: a hostile value escaped")

    for name in POSTS:
        path = os.path.join("_posts", name)
        _, out, err = run_bytes(["dump", "--timezone", "Asia/Shanghai", path],
                                 os.path.join(tmp, "forged"))
        clean(f"dump {name!r} standard error", err)
        _, out, err = run_bytes(["body", path], os.path.join(tmp, "forged"))
        clean(f"body {name!r} standard error", err)
        if name == "2025-01-02-utf8.md":
            check(out == b"caf\xe9 \x1b]0;owned\x07 \xff\n",
                  "body stays raw: it is data")



def check_hostile_walks(tmp):
    """Links, loops and files that are not files: the walk ends at once,
    reads each post once, and never blocks."""
    post = "---\ntitle: x\nlayout: ''\n---\nbody\n"
    loop = os.path.join(tmp, "loop")
    os.makedirs(os.path.join(loop, "d"))
    with open(os.path.join(loop, "d", "2025-01-01-a.md"), "w") as f:
        f.write(post)
    os.symlink(".", os.path.join(loop, "d", "x"))
    os.symlink(".", os.path.join(loop, "d", "y"))
    # A dangling link with a name that is not a post's: skipped, unopened.
    os.symlink("/nonexistent/postparse", os.path.join(loop, "d", "gone"))
    p = subprocess.run([POSTPARSE, "check", "d"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=loop, timeout=20,
                       check=False)
    out, err = p.stdout.decode(), p.stderr.decode()
    check(p.returncode == 1 and out ==
          "d/2025-01-01-a.md:3:9: error: 'layout' is an empty string; "
          "expected a name such as \"post\" [empty-string]\n"
          "1 file checked: 1 error, 0 warnings, 0 notes\n",
          f"two links to . : the post checked once ({p.returncode}, {out!r})")
    check(err == "d/x: warning: a symbolic link loop: this is the folder d, "
          "which is being read; not followed [folder-loop]\n"
          "d/y: warning: a symbolic link loop: this is the folder d, "
          "which is being read; not followed [folder-loop]\n",
          f"each loop one warning ({err!r})")

    # A dangling link named as a post is trouble; a FIFO named as a post in
    # a folder, or on the command line, and a device are refused unopened.
    os.symlink("/nonexistent/postparse", os.path.join(loop, "d", "gone.md"))
    fifo = os.path.join(loop, "fifo")
    os.mkfifo(fifo)
    os.symlink(os.path.join("..", "fifo"), os.path.join(loop, "d", "pipe.md"))
    p = subprocess.run([POSTPARSE, "check", "d", "fifo", "/dev/zero"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       cwd=loop, timeout=20, check=False)
    out, err = p.stdout.decode(), p.stderr.decode()
    check(p.returncode == 2, f"special files: exit 2 ({p.returncode})")
    check("d/gone.md: error: No such file or directory [io]\n" in err,
          f"a dangling post link ({err!r})")
    check("d/pipe.md: error: not a regular file but a FIFO (named pipe): not "
          "read [io]\n" in err, f"a FIFO in a folder ({err!r})")
    check("fifo: error: not a regular file but a FIFO (named pipe): not read; "
          "give a pipe as standard input (-) [io]\n" in out and
          "/dev/zero: error: not a regular file but a character device: not "
          "read; give a pipe as standard input (-) [io]\n" in out,
          f"a FIFO and a device on the command line ({out!r})")
    for cmd in ("dump", "body"):
        p = subprocess.run([POSTPARSE, cmd, "fifo"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, cwd=loop, timeout=20,
                           check=False)
        check(p.returncode == 2 and b"FIFO" in p.stdout + p.stderr,
              f"{cmd} refuses a FIFO ({p.returncode})")

    # "-" is standard input, for check, dump and body.
    for cmd in ("check", "dump", "body"):
        p = subprocess.run([POSTPARSE, cmd, "-"], input=post.encode(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=20, check=False)
        out = p.stdout.decode()
        if cmd == "check":
            want = out.startswith("-:3:9: error: 'layout' is an empty")
        elif cmd == "dump":
            want = json.loads(out or "{}").get("title") == "x"
        else:
            want = out == "body\n"
        check(want, f"{cmd} - reads standard input ({p.returncode}, {out!r})")


def main():
    tmp = tempfile.mkdtemp(prefix="postparse-check-")
    for name, text in FILES.items():
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    # A folder: post extensions only, hidden folders skipped, name order.
    code, out, err = run("check", "--time", "2026-01-01T00:00:00Z", ".", cwd=tmp)
    lines = out.splitlines()
    check(code == 1, f"errors found: exit 1 ({code}, {err!r})")
    got = []
    for line in lines[:-1]:
        m = LINE.match(line)
        check(m is not None, f"report line format: {line!r}")
        if m:
            got.append((m.group(1).removeprefix("./"), int(m.group(2)),
                        int(m.group(3)), m.group(4), m.group(6)))
            check("expected" in m.group(5), f"message says what was expected: {line!r}")
    check(got == EXPECTED_CODES, f"diagnostics and places: {got}")
    check(lines and lines[-1] == "4 files checked: 3 errors, 1 warning, 0 notes",
          f"summary: {lines[-1:]}")

    # -j 2: the same output, in the same order.
    code2, out2, _ = run("check", "-j", "2", "--time", "2026-01-01T00:00:00Z",
                         ".", cwd=tmp)
    code3, out3, _ = run("check", "--jobs=3", "--time", "2026-01-01T00:00:00Z",
                         ".", cwd=tmp)
    check(code2 == 1 and out2 == out and code3 == 1 and out3 == out,
          "-j 2 and --jobs=3 print the same")

    # --json: one object per diagnostic; the summary on stderr.
    code, out, err = run("check", "--json", "--time", "2026-01-01T00:00:00Z",
                         "_posts/2025-02-08-bad.md", cwd=tmp)
    recs = [json.loads(line) for line in out.splitlines()]
    check(code == 1 and len(recs) == 3, f"--json: 3 records ({code}, {out!r})")
    if recs:
        check(list(recs[0]) == ["path", "line", "column", "severity", "code",
                                "message", "key"], f"--json fields {list(recs[0])}")
        check(recs[0]["key"] == "layout" and recs[0]["line"] == 2,
              f"--json first record {recs[0]}")
    check(err == "1 file checked: 2 errors, 1 warning, 0 notes\n",
          f"--json summary on stderr: {err!r}")

    # A file named on the command line is read whatever its extension.
    code, out, _ = run("check", "_posts/notes.txt", cwd=tmp)
    check(code == 1 and "[empty-string]" in out, "named .txt file is checked")

    # Clean: exit 0.
    code, out, _ = run("check", "_posts/2025-02-07-clean.md", "pages", cwd=tmp)
    check(code == 0 and out == "2 files checked: 0 errors, 0 warnings, 0 notes\n",
          f"clean files: exit 0 ({code}, {out!r})")

    # Trouble: a missing path is exit 2, the others are still checked.
    code, out, err = run("check", "missing.md", "_posts/2025-02-07-clean.md",
                         cwd=tmp)
    check(code == 2 and "missing.md: error: cannot open" in err
          and out.endswith("1 file checked: 0 errors, 0 warnings, 0 notes\n"),
          f"missing path: exit 2 ({code}, {err!r})")

    # Usage errors.
    for args in (["check"], ["check", "-j", "0", "."], ["check", "-j", "x", "."],
                 ["check", "--timezone", "Nowhere/Else", "."],
                 ["check", "--time", "yesterday", "."], ["check", "--chunk", "1", "."]):
        code, out, err = run(*args, cwd=tmp)
        check(code == 2 and out == "", f"usage error {args}: exit 2 ({code}, {err!r})")

    # The report's order is the walk's (each folder in byte order of the
    # names, a folder's posts where its name sorts), whatever order the
    # folder lists them in and the workers read them; symbolic links are
    # followed.
    walk = tempfile.mkdtemp(prefix="postparse-walk-")
    broken = "---\ntitle: [\n---\n"
    names = [f"n{i:03d}.md" for i in range(299, -1, -1)] + [
        "b.md", "a-b.md", "a/z.md", "a/c/d.md", "a/b.md", "0.md", "c/x.md",
        "notes.txt"]
    for name in names:
        path = os.path.join(walk, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(broken)
    os.symlink("b.md", os.path.join(walk, "link.md"))
    os.symlink("c", os.path.join(walk, "linkdir"))
    # linkdir is c, read already: a note, and c/x.md checked once.
    want = (["0.md", "a/b.md", "a/c/d.md", "a/z.md", "a-b.md", "b.md", "c/x.md",
             "link.md"] + [f"n{i:03d}.md" for i in range(300)])
    for jobs in ("1", "2", "3"):
        code, out, err = run("check", "-j", jobs, ".", cwd=walk)
        order = [line.split(":")[0].removeprefix("./")
                 for line in out.splitlines()[:-1]]
        check(code == 1 and order == want,
              f"-j {jobs}: report in walk order ({code}, {order[:12]})")
        check(err == "./linkdir: note: the same folder as ./c, already read; "
              "not read again [folder-repeated]\n",
              f"-j {jobs}: a linked folder read once ({err!r})")

    check_hostile_walks(tmp)
    check_forged_output(tmp)

    # check --help shows its synopsis.
    code, out, _ = run("check", "--help")
    check(code == 0 and "postparse check" in out and "-j N" in out and "--json" in out,
          "check --help")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
