#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The editor against Jekyll: on copies of a fixed sample of the shared
corpus, each of four edits is made with the CLI (`postparse set --string
title=...`, `set --list tags=...`, `unset comments`, `rename author
authors`, --in-place), then Jekyll 4.3.1 (../shared/oracle/jekyll-read)
reads the original and the edited copy: the front matter Jekyll reads must
be the original's with exactly the intended change (the same keys in the
same order, every other value the same), with the same error and the same
body (body_sha256, body_bytes). A refused edit must leave the copy as it
was. Prints, per edit, how many files it applied to and why the others were
refused.

The sample: the corpus files (MANIFEST.tsv left out) sorted by path, every
9th one from the first, the first 200 of those. Each copy keeps its file
name in a folder of its own (the name gives Jekyll's date and slug).

Usage: edit_oracle.py POSTPARSE SHARED_DIR
Exits 77 (skipped) when SHARED_DIR has no corpus or oracle, or Jekyll
cannot run.
"""

import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

SAMPLE_STEP, SAMPLE_SIZE = 9, 200
TITLE = "Edited: a title #1"  # quoted when written (": ", " #")
TAG = "oracle-check"
TIME = "2026-01-01T00:00:00Z"

EDITS = [
    ("set title", ["set", "--in-place", "--string"], ["title=" + TITLE]),
    ("append tag", ["set", "--in-place", "--list"], ["tags=" + TAG]),
    ("delete comments", ["unset", "--in-place"], ["comments"]),
    ("rename author", ["rename", "--in-place"], ["author", "authors"]),
]


def expected(name, fm):
    """The front matter (a list of [key, value] pairs) after the edit."""
    items = [list(kv) for kv in fm]
    keys = [k for k, _ in items]
    if name == "set title":
        if "title" in keys:
            items[keys.index("title")][1] = TITLE
        else:
            items.append(["title", TITLE])
    elif name == "append tag":
        if "tags" in keys:
            old = items[keys.index("tags")][1]
            items[keys.index("tags")][1] = (old or []) + [TAG]
        else:
            items.append(["tags", [TAG]])
    elif name == "delete comments":
        items = [kv for kv in items if kv[0] != "comments"]
    else:
        items = [["authors" if k == "author" else k, v] for k, v in items]
    return items


def read_all(oracle, paths):
    """jekyll-read of each path: its record, by path."""
    p = subprocess.run([oracle, "--time", TIME, "--paths-from", "-"],
                       input="\n".join(paths) + "\n", stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, check=False)
    if p.returncode != 0:
        return None
    records = {}
    for line in p.stdout.splitlines():
        r = json.loads(line, object_pairs_hook=lambda kv: kv)
        records[dict(r)["path"]] = dict(r)
    return records


def main():
    postparse = os.path.abspath(sys.argv[1])
    shared = os.path.abspath(sys.argv[2])
    corpus = os.path.join(shared, "corpus")
    oracle = os.path.join(shared, "oracle", "jekyll-read")
    if not os.path.isdir(corpus) or not os.access(oracle, os.X_OK):
        print("skipped: no ../shared corpus or oracle")
        return 77
    files = sorted(
        os.path.relpath(os.path.join(d, f), corpus)
        for d, _, fs in os.walk(corpus) for f in fs
        if not (d == corpus and f == "MANIFEST.tsv"))
    sample = files[::SAMPLE_STEP][:SAMPLE_SIZE]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="edit-oracle-") as tmp:
        def copy_of(tree, i, rel):
            return os.path.join(tmp, tree, "%03d" % i, os.path.basename(rel))

        for tree in ["orig"] + [e[0].replace(" ", "-") for e in EDITS]:
            for i, rel in enumerate(sample):
                dst = copy_of(tree, i, rel)
                os.makedirs(os.path.dirname(dst))
                shutil.copyfile(os.path.join(corpus, rel), dst)
        orig_paths = [copy_of("orig", i, r) for i, r in enumerate(sample)]
        orig = read_all(oracle, orig_paths)
        if orig is None:
            print("skipped: jekyll-read does not run here")
            return 77
        print("%d sample files (every %dth of %d, sorted)" %
              (len(sample), SAMPLE_STEP, len(files)))
        for name, args, edit_args in EDITS:
            tree = name.replace(" ", "-")
            paths = [copy_of(tree, i, rel) for i, rel in enumerate(sample)]
            befores = []
            for path in paths:
                with open(path, "rb") as f:
                    befores.append(f.read())
            # One run for the 200 files: each refusal is one line
            # "PATH: error: WHY [COMMAND]" on standard error.
            p = subprocess.run([postparse, *args, *paths, *edit_args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               check=False)
            why_of = {}
            for line in p.stderr.decode("utf-8", "replace").splitlines():
                path, sep, why = line.partition(": error: ")
                if sep:
                    why_of[path] = why.rsplit(" [", 1)[0]
            applied, refused = [], collections.Counter()
            for i, path in enumerate(paths):
                if path not in why_of:
                    applied.append(i)
                    continue
                refused[why_of[path]] += 1
                with open(path, "rb") as f:
                    if f.read() != befores[i]:
                        print("FAIL: %s: %s refused but the file changed" %
                              (sample[i], name))
                        failures += 1
            edited = read_all(oracle, [copy_of(tree, i, sample[i])
                                       for i in applied])
            for i in applied:
                rel = sample[i]
                a = orig[copy_of("orig", i, rel)]
                b = edited[copy_of(tree, i, rel)]
                want = expected(name, a.get("front_matter") or [])
                got = [list(kv) for kv in (b.get("front_matter") or [])]
                same = [a.get(k) == b.get(k) for k in
                        ("error", "body_sha256", "body_bytes",
                         "has_front_matter")]
                if got != want or not all(same):
                    print("FAIL: %s: %s: Jekyll reads %s, wanted %s (error, "
                          "body, front matter the same: %s)" %
                          (rel, name, json.dumps(got)[:300],
                           json.dumps(want)[:300], same))
                    failures += 1
            print("%s: applied %d" % (name, len(applied)))
            for why, n in refused.most_common():
                print("  refused %d: %s" % (n, why))
    print("%d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
