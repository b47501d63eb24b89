#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""postparse set, unset and rename: exact output bytes, --dry-run's diff,
--in-place (CRLF and mode kept, no temporary file left), refusals.

usage: test_cli_edit.py POSTPARSE"""
import os
import stat
import subprocess
import sys
import tempfile

POSTPARSE = sys.argv[1]
failures = 0


def run(*args):
    return subprocess.run([POSTPARSE, *args], capture_output=True)


def expect(name, got, want):
    global failures
    if got != want:
        failures += 1
        print(f"FAIL {name}:\n  got  {got!r}\n  want {want!r}")


with tempfile.TemporaryDirectory() as d:
    a = os.path.join(d, "a.md")
    original = (b"---\r\n# c\r\ntitle: Old  # t\r\ntags: [a]\r\n"
                b"author: x\r\n---\r\nbody\r\n")
    with open(a, "wb") as f:
        f.write(original)
    os.chmod(a, 0o640)

    r = run("set", a, "title=New: x", "draft=true", "d=2025-02-07")
    expect("set rc", r.returncode, 0)
    expect("set stdout", r.stdout,
           b"---\r\n# c\r\ntitle: \"New: x\"  # t\r\ntags: [a]\r\n"
           b"author: x\r\ndraft: true\r\nd: 2025-02-07\r\n---\r\nbody\r\n")
    r = run("set", "--string", a, "draft=true")
    expect("set --string", r.stdout,
           original.replace(b"author: x\r\n",
                            b"author: x\r\ndraft: \"true\"\r\n"))
    r = run("set", "--list", "--dry-run", a, "tags=b c")
    expect("dry-run", r.stdout,
           f"--- {a}\n+++ {a}\n@@ -4,1 +4,1 @@\n-tags: [a]\r\n"
           f"+tags: [a, b c]\r\n".encode())
    r = run("set", "--json", a, 'n=[1, "x"]')
    expect("json", r.stdout,
           original.replace(b"author: x\r\n",
                            b"author: x\r\nn: [1, \"x\"]\r\n"))
    r = run("set", "--json", a, "n=1e3")
    expect("json refused rc", r.returncode, 1)
    expect("json refused", r.stderr,
           f"{a}: error: n: the JSON value does not read back the same "
           f"from YAML [set]\n".encode())
    r = run("unset", a, "missing")
    expect("unset refused", (r.returncode, r.stderr),
           (1, f"{a}: error: no key 'missing' [unset]\n".encode()))
    expect("nothing written", open(a, "rb").read(), original)

    r = run("unset", "--in-place", a, "author")
    expect("unset rc", r.returncode, 0)
    r = run("rename", "--in-place", a, "title", "name")
    expect("rename rc", r.returncode, 0)
    expect("in place", open(a, "rb").read(),
           b"---\r\n# c\r\nname: Old  # t\r\ntags: [a]\r\n---\r\nbody\r\n")
    expect("mode kept", stat.S_IMODE(os.stat(a).st_mode), 0o640)
    expect("no temporary file", sorted(os.listdir(d)), ["a.md"])

    r = run("set", a, "nope")
    expect("usage", (r.returncode, r.stderr),
           (2, b"postparse set: wants FILE... then KEY=VALUE...\n"))
    b = os.path.join(d, "b.md")
    with open(b, "wb") as f:
        f.write(b"no front matter\n")
    r = run("set", b, "a=1")
    expect("no front matter", (r.returncode, r.stderr),
           (1, f"{b}: error: the file has no front matter (none is "
               f"created) [set]\n".encode()))

print("ok" if failures == 0 else f"{failures} failures")
sys.exit(1 if failures else 0)
