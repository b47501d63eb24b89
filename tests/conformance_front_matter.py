#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compares postparse's typed front matter with Jekyll's.

For each oracle entry (expected/jekyll-posts.jsonl) with front_matter_text,
feeds that text to yaml_dump (tests/yaml_dump.c: postparse__yaml_load, then
the typed JSON writer) and compares front_matter exactly: key order, and
numbers as written (Ruby's float format). The YAML part of `error` (class
and message of Psych's exceptions and of Jekyll's reaction to a root that is
not a mapping) is compared too.

usage: conformance_front_matter.py YAML_DUMP EXPECTED.jsonl [--show N]
exit status 0 when every entry agrees, 1 otherwise, 77 (meson's "skipped")
when EXPECTED.jsonl is absent (no ../shared beside the project, as in a
package build)."""
import json
import os
import subprocess
import sys

YAML_ERRORS = ("Psych::", "NoMethodError", "TypeError")


def canon(text):
    """JSON with order kept and numbers as their text."""
    return json.loads(text, object_pairs_hook=lambda p: ["{}", p],
                      parse_float=lambda s: ("f", s),
                      parse_int=lambda s: ("i", s))


def canon_value(v):
    return canon(json.dumps(v)) if v is not None else None


def yaml_error(e):
    if not e:
        return None
    cls = e["class"]
    if cls.startswith(YAML_ERRORS) or (
            cls == "ArgumentError" and "wrong number" in e["message"]):
        return (cls, e["message"])
    return None


def main():
    dump, expected = sys.argv[1], sys.argv[2]
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 20
    if not os.path.exists(expected):
        print(f"skipped: {expected} is absent")
        return 77
    total = same = 0
    diffs = []
    with open(expected, encoding="utf-8") as f:
        lines = f.readlines()
    for line in lines:
        d = json.loads(line)
        text = d.get("front_matter_text")
        if text is None:
            continue
        total += 1
        r = subprocess.run([dump], input=text.encode("utf-8"),
                           capture_output=True, timeout=60)
        try:
            mine = json.loads(r.stdout)
            got = canon(json.dumps(mine["front_matter"]))
            # Re-read the raw front_matter text so float text is kept.
            raw = r.stdout.decode("utf-8")
            start = raw.index('"front_matter":') + len('"front_matter":')
            end = raw.rindex(',"error":')
            got = canon(raw[start:end])
        except (ValueError, KeyError) as ex:
            diffs.append((d["path"], "yaml_dump failed: %r %s" % (ex, r.stderr[-300:])))
            continue
        want = canon_value(d["front_matter"])
        err_want = yaml_error(d.get("error"))
        e = mine.get("error")
        err_got = (e["class"], e["message"]) if e else None
        if got == want and err_got == err_want:
            same += 1
        else:
            why = []
            if got != want:
                why.append("front_matter: want %s got %s" % (
                    json.dumps(d["front_matter"])[:300],
                    raw[start:end][:300]))
            if err_got != err_want:
                why.append("error: want %s got %s" % (err_want, err_got))
            diffs.append((d["path"], "; ".join(why)))
    pct = 100.0 * same / total if total else 100.0
    print("front_matter: %d/%d agree (%.2f%%)" % (same, total, pct))
    for path, why in diffs[:show]:
        print("DIFF %s: %s" % (path, why))
    return 0 if same == total else 1


if __name__ == "__main__":
    sys.exit(main())
