#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`postparse check --fix` on a copy of the shared corpus, with a rules
file that wants tags and categories as lists: the fixes --diff shows are
the fixes --fix makes; afterwards every fixed finding is gone and no other
appears; `postparse dump` of every file is the same but for the fixed
values (a fixed date string's derived date included); a file without a
fix is byte-identical; a second --fix changes nothing. Skipped (77)
without ../shared/corpus.

Usage: test_fix_corpus.py POSTPARSE SHARED_DIR
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

POSTPARSE = os.path.abspath(sys.argv[1])
CORPUS = os.path.join(os.path.abspath(sys.argv[2]), "corpus")
TIME = "2026-01-01T00:00:00Z"
RULES = "fields:\n  tags: {type: list}\n  categories: {type: list}\n"

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def run(*args, cwd):
    p = subprocess.run([POSTPARSE, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, check=False)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def findings(root):
    _, out, _ = run("check", "-q", "--format", "json", "corpus", cwd=root)
    return [json.loads(l) for l in out.splitlines()]


def finding_key(d):
    return (d["path"], d["code"], d["key"], d["message"])


def files_under(root):
    out = {}
    for dirpath, _, names in os.walk(os.path.join(root, "corpus")):
        for n in names:
            p = os.path.join(dirpath, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, root)] = f.read()
    return out


def dumps(root, paths):
    out = {}
    for i in range(0, len(paths), 200):
        _, text, _ = run("dump", "--time", TIME, *paths[i:i + 200],
                         cwd=root)
        for line in text.splitlines():
            d = json.loads(line)
            out[d["path"]] = d
    return out


def fixed_keys(diff):
    """path -> keys whose lines the diff changes."""
    keys = {}
    path = None
    for line in diff.splitlines():
        if line.startswith("--- "):
            path = line[4:]
        elif line.startswith("-") and path:
            m = re.match(r"-([A-Za-z0-9_-]+)(:|\uff1a)", line)
            keys.setdefault(path, set()).add(m.group(1) if m else None)
    return keys


def main():
    if not os.path.isdir(CORPUS):
        print("SKIP: no ../shared/corpus")
        return 77
    root = tempfile.mkdtemp(prefix="postparse-fix-")
    try:
        shutil.copytree(CORPUS, os.path.join(root, "corpus"), symlinks=True)
        with open(os.path.join(root, ".postparse.yml"), "w") as f:
            f.write(RULES)
        before_files = files_under(root)
        before = findings(root)
        posts = sorted({d["path"] for d in before} |
                       {p for p in before_files
                        if re.search(r"\.(md|markdown|html)$", p)})
        dump_before = dumps(root, posts)

        _, diff, err = run("check", "-q", "--diff", "corpus", cwd=root)
        shown = re.search(r"(\d+) fix(?:es)? shown in (\d+) file", err)
        keys = fixed_keys(diff)
        check(files_under(root) == before_files, "--diff wrote a file")

        _, _, err = run("check", "-q", "--fix", "corpus", cwd=root)
        made = re.search(r"(\d+) fix(?:es)? made in (\d+) file", err)
        check(shown and made and shown.groups() == made.groups(),
              f"--diff and --fix differ: {shown and shown.groups()} "
              f"{made and made.groups()}")
        print(f"fixes: {made.group(1)} in {made.group(2)} files; "
              f"findings before: {len(before)}")
        check(int(made.group(1)) > 0, "no fix made")
        # date-not-canonical: the derived date in the dumps below must stay.
        date_files = sum(1 for k in keys.values() if "date" in k)
        print(f"date fixes: {date_files} files")
        check(date_files > 0, "no date-not-canonical fix made")

        after = findings(root)
        after_keys = [finding_key(d) for d in after]
        before_left = [finding_key(d) for d in before
                       if not (d["path"] in keys and
                               (d["key"] in keys[d["path"]] or
                                None in keys[d["path"]]))]
        check(sorted(after_keys) == sorted(before_left),
              "findings after --fix are not those before minus the fixed: "
              f"{set(after_keys) ^ set(before_left)}")

        after_files = files_under(root)
        for p, data in before_files.items():
            if p not in keys:
                check(after_files.get(p) == data,
                      f"{p}: changed without a fix")
            else:
                check(after_files.get(p) != data, f"{p}: fix not written")

        dump_after = dumps(root, posts)
        for p, d in dump_before.items():
            a = dict(dump_after.get(p, {}))
            b = dict(d)
            if p in keys:
                if None in keys[p]:
                    continue  # a front matter that now loads
                for k in ("front_matter_text", "diagnostics"):
                    a.pop(k, None)
                    b.pop(k, None)
                fa = dict(a.pop("front_matter") or {})
                fb = dict(b.pop("front_matter") or {})
                for k in keys[p]:
                    fa.pop(k, None)
                    fb.pop(k, None)
                    if k in ("published",):
                        for derived in ("published", "processable",
                                        "skip_reason"):
                            a.pop(derived, None)
                            b.pop(derived, None)
                check(fa == fb, f"{p}: front matter changed beyond the fix")
            check(a == b, f"{p}: dump changed beyond the fixed values: "
                  f"{[k for k in set(a) | set(b) if a.get(k) != b.get(k)]}")

        _, _, err = run("check", "-q", "--fix", "corpus", cwd=root)
        check("0 fixes made in 0 files" in err, f"not idempotent: {err}")
        check(files_under(root) == after_files, "second --fix changed files")
    finally:
        shutil.rmtree(root)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("fix on the corpus copy: all checks passed")
    return 0


sys.exit(main())
