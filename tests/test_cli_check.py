#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Black-box tests of `postparse check`: the walk, the report lines, the
JSON Lines form, the summary, the exit status, and -j.

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


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def run(*args, cwd=None):
    p = subprocess.run([POSTPARSE, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, check=False)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


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
