#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Conformance with Jekyll: run `postparse dump` on every corpus file the
oracle's expected output lists and compare the fields both print.

Exit status: 0 when every difference is listed in the known-differences file,
1 when one is not (or postparse failed), 77 (meson's "skipped") when the
shared folder with the corpus is absent.
"""

import argparse
import json
import os
import subprocess
import sys

# The fields compared, under the names both tools use. A field that postparse
# learns to print is one more entry here.
FIELDS = ["has_front_matter", "front_matter_text", "front_matter",
          "body_sha256", "read_by_jekyll", "processable", "skip_reason",
          "date", "date_source", "slug", "title", "categories", "tags",
          "layout", "permalink", "published", "excerpt_separator",
          "excerpt", "excerpt_source"]

SKIP = 77


def load_known(path, compat_doc):
    """(path, field) -> reason id. Each reason id must appear as `id` in the
    compatibility document, so that every accepted difference is explained."""
    known = {}
    doc = ""
    if compat_doc and os.path.exists(compat_doc):
        with open(compat_doc, encoding="utf-8") as f:
            doc = f.read()
    errors = []
    if not path or not os.path.exists(path):
        return known, errors
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not all(p.strip() for p in parts):
                errors.append(f"{path}:{lineno}: want PATH<TAB>FIELD<TAB>REASON")
                continue
            file, field, reason = (p.strip() for p in parts)
            if field not in FIELDS:
                errors.append(f"{path}:{lineno}: unknown field '{field}'")
            if compat_doc and f"`{reason}`" not in doc:
                errors.append(f"{path}:{lineno}: reason `{reason}` is not "
                              f"explained in {compat_doc}")
            known[(file, field)] = reason
    return known, errors


def run_dump(postparse, corpus, paths, chunk, site):
    """Runs postparse dump on paths (relative to corpus); returns path -> record."""
    cmd = [postparse, "dump"] + site
    if chunk:
        cmd += ["--chunk", str(chunk)]
    cmd += ["--"] + paths
    proc = subprocess.run(cmd, cwd=corpus, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        raise RuntimeError(f"postparse dump exited with {proc.returncode}")
    records = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        records[rec["path"]] = rec
    missing = [p for p in paths if p not in records]
    if missing:
        raise RuntimeError(f"postparse dump printed no record for {missing[:3]}")
    return records


def show(value, limit=120):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "..."


def describe(field, ours, theirs):
    """What differs, briefly: for texts, where they part."""
    if isinstance(ours, str) and isinstance(theirs, str) and field != "body_sha256":
        i = 0
        while i < min(len(ours), len(theirs)) and ours[i] == theirs[i]:
            i += 1
        return (f"differ at character {i}: postparse {show(ours[i:i + 40])}, "
                f"jekyll {show(theirs[i:i + 40])}")
    return f"postparse {show(ours)}, jekyll {show(theirs)}"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--postparse", required=True, help="the postparse executable")
    ap.add_argument("--shared",
                    help="the shared folder: short for --expected "
                    "SHARED/expected/jekyll-posts.jsonl --corpus SHARED/corpus")
    ap.add_argument("--expected", help="the oracle's JSON Lines output")
    ap.add_argument("--corpus", help="the folder the expected paths are "
                    "relative to")
    ap.add_argument("--known", help="known differences: PATH<TAB>FIELD<TAB>REASON")
    ap.add_argument("--compat-doc", help="docs/jekyll-compat.md, where each "
                    "reason is explained")
    ap.add_argument("--chunk", type=int, default=0, help="pass --chunk N to dump")
    ap.add_argument("--batch", type=int, default=250, help="files per dump run")
    ap.add_argument("--time", default="2026-01-01T00:00:00Z",
                    help="site.time the expected output was made with")
    ap.add_argument("--timezone", default="UTC",
                    help="the site time zone the expected output was made with")
    args = ap.parse_args()

    if args.shared:
        expected_path = os.path.join(args.shared, "expected", "jekyll-posts.jsonl")
        corpus = os.path.join(args.shared, "corpus")
    elif args.expected and args.corpus:
        expected_path, corpus = args.expected, args.corpus
    else:
        ap.error("give --shared, or --expected and --corpus")
    if not os.path.isfile(expected_path) or not os.path.isdir(corpus):
        print(f"skipped: {expected_path} or {corpus} is absent")
        return SKIP

    known, problems = load_known(args.known, args.compat_doc)
    postparse = os.path.abspath(args.postparse)

    expected = []
    skipped = 0
    with open(expected_path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            # The oracle could not read it: nothing to compare with.
            if (rec.get("error") or {}).get("oracle_failure"):
                skipped += 1
                continue
            expected.append(rec)

    ours = {}
    paths = [rec["path"] for rec in expected]
    for i in range(0, len(paths), args.batch):
        try:
            ours.update(run_dump(postparse, corpus, paths[i:i + args.batch],
                                 args.chunk, ["--time", args.time,
                                              "--timezone", args.timezone]))
        except RuntimeError as e:
            print(f"FAIL: {e}")
            return 1

    agree = {field: 0 for field in FIELDS}
    unexplained = []
    explained = []
    seen_known = set()
    for rec in expected:
        mine = ours[rec["path"]]
        for field in FIELDS:
            if mine.get(field) == rec.get(field):
                agree[field] += 1
                continue
            key = (rec["path"], field)
            line = f"{rec['path']}: {field}: " + describe(field, mine.get(field),
                                                          rec.get(field))
            if key in known:
                seen_known.add(key)
                explained.append(f"{line} [known: {known[key]}]")
            else:
                unexplained.append(line)

    label = f" (--chunk {args.chunk})" if args.chunk else ""
    print(f"conformance with Jekyll{label}: {len(expected)} files"
          + (f", {skipped} the oracle could not read" if skipped else ""))
    for field in FIELDS:
        pct = 100.0 * agree[field] / len(expected) if expected else 100.0
        print(f"  {field:<20} {agree[field]}/{len(expected)} agree ({pct:.2f}%)")
    all_agree = sum(1 for rec in expected
                    if all(ours[rec["path"]].get(f) == rec.get(f) for f in FIELDS))
    print(f"  {'all fields':<20} {all_agree}/{len(expected)} files")

    if explained:
        print(f"\nknown differences ({len(explained)}):")
        for line in explained:
            print("  " + line)
    stale = sorted(set(known) - seen_known)
    if stale:
        print(f"\nlisted as known but now agreeing ({len(stale)}): "
              "remove them from the list")
        for path, field in stale:
            print(f"  {path}: {field}")
    if unexplained:
        print(f"\nUNEXPLAINED differences ({len(unexplained)}):")
        for line in unexplained:
            print("  " + line)
    for p in problems:
        print(p)
    return 1 if unexplained or problems or stale else 0


if __name__ == "__main__":
    sys.exit(main())
