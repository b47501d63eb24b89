#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Conformance with Jekyll on whole sites: `postparse dump --site DIR` against
the oracle's `jekyll-read --site DIR --no-body` output, field by field, for
each site given as DIR=EXPECTED.jsonl (docs/site.md).

Exit status: 0 when every difference is listed in the known-differences file,
1 when one is not, 77 (meson's "skipped") when no site is present.
"""

import argparse
import json
import os
import subprocess
import sys

# Oracle field -> postparse field.
FIELDS = {"collection": "collection", "relative_path": "relative_path",
          "has_front_matter": "has_front_matter",
          "front_matter_text": "front_matter_text",
          "front_matter": "front_matter", "error": "jekyll_error",
          "body_bytes": "body_bytes", "body_sha256": "body_sha256",
          "read_by_jekyll": "read_by_jekyll", "processable": "processable",
          "skip_reason": "skip_reason", "date": "date",
          "date_source": "date_source", "slug": "slug", "title": "title",
          "categories": "categories", "tags": "tags", "layout": "layout",
          "permalink": "permalink", "published": "published",
          "excerpt_separator": "excerpt_separator", "excerpt": "excerpt",
          "excerpt_source": "excerpt_source"}

SKIP = 77


def load_known(path):
    known = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                site, file, field, reason = line.split("\t")
                known[(site, file, field)] = reason
    return known


def show(value, limit=100):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "..."


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--postparse", required=True)
    ap.add_argument("--known", help="SITE<TAB>PATH<TAB>FIELD<TAB>REASON lines")
    ap.add_argument("--time", default="2026-01-01T00:00:00Z")
    ap.add_argument("--flags", default="", help="more dump flags, space-separated")
    ap.add_argument("sites", nargs="+", help="DIR=EXPECTED.jsonl")
    args = ap.parse_args()

    known = load_known(args.known)
    seen_known = set()
    unexplained, explained = [], []
    present = 0
    for spec in args.sites:
        site, expected_path = spec.split("=", 1)
        if not os.path.isdir(site) or not os.path.isfile(expected_path):
            print(f"skipped: {site} or {expected_path} is absent")
            continue
        present += 1
        name = os.path.basename(site.rstrip("/"))
        expected = {}
        with open(expected_path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                expected[rec["path"]] = rec
        cmd = [args.postparse, "dump", "--site", site, "--time", args.time]
        cmd += [f for f in args.flags.split() if f]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              check=False)
        if proc.returncode not in (0, 1):
            sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
            print(f"FAIL: {name}: postparse dump exited with {proc.returncode}")
            return 1
        ours = {}
        order = []
        for line in proc.stdout.decode("utf-8").splitlines():
            rec = json.loads(line)
            ours[rec["path"]] = rec
            order.append(rec["path"])
        if order != sorted(order, key=lambda p: p.encode("utf-8")):
            unexplained.append(f"{name}: records are not sorted by path")
        for p in sorted(set(expected) - set(ours)):
            unexplained.append(f"{name}: {p}: missing (Jekyll reads it)")
        for p in sorted(set(ours) - set(expected)):
            unexplained.append(f"{name}: {p}: extra (Jekyll does not read it)")
        common = [p for p in expected if p in ours]
        agree = {f: 0 for f in FIELDS}
        for p in common:
            theirs, mine = expected[p], ours[p]
            for field, our_field in FIELDS.items():
                a, b = mine.get(our_field), theirs.get(field)
                if field == "error" and b is not None:
                    b = {k: b[k] for k in ("class", "message", "fatal")}
                if a == b:
                    agree[field] += 1
                    continue
                key = (name, p, field)
                line = f"{name}: {p}: {field}: postparse {show(a)}, jekyll {show(b)}"
                if key in known:
                    seen_known.add(key)
                    explained.append(f"{line} [known: {known[key]}]")
                else:
                    unexplained.append(line)
        print(f"{name}: {len(expected)} posts in Jekyll, {len(ours)} in postparse, "
              f"{len(common)} compared")
        for field in FIELDS:
            n = len(common)
            pct = 100.0 * agree[field] / n if n else 100.0
            print(f"  {field:<18} {agree[field]}/{n} ({pct:.2f}%)")
    if present == 0:
        return SKIP
    if explained:
        print(f"\nknown differences ({len(explained)}):")
        for line in explained:
            print("  " + line)
    stale = sorted(set(known) - seen_known)
    stale = [k for k in stale if any(k[0] == os.path.basename(s.split('=')[0].rstrip('/'))
                                     for s in args.sites)]
    if stale:
        print(f"\nlisted as known but now agreeing ({len(stale)}):")
        for k in stale:
            print("  " + "\t".join(k))
    if unexplained:
        print(f"\nUNEXPLAINED differences ({len(unexplained)}):")
        for line in unexplained:
            print("  " + line)
    return 1 if unexplained or stale else 0


if __name__ == "__main__":
    sys.exit(main())
