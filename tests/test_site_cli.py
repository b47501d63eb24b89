#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""postparse dump/check --site on odd sites made on the fly: every config
problem is a diagnostic at file:line:col (never a crash), problems that stop
`jekyll build` stop the command (exit 2), the others leave the posts read;
a symbolic link loop is walked once; flags override the config."""

import json
import os
import subprocess
import sys
import tempfile

POSTPARSE = os.path.abspath(sys.argv[1])
failures = []


def site(root, config, files=None):
    os.makedirs(os.path.join(root, "_posts"), exist_ok=True)
    with open(os.path.join(root, "_posts", "2025-01-01-x.md"), "w") as f:
        f.write("---\ntitle: x\n---\nbody\n")
    for path, text in (files or {}).items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    if config is not None:
        with open(os.path.join(root, "_config.yml"), "w") as f:
            f.write(config)


def run(args, cwd):
    p = subprocess.run([POSTPARSE] + args, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=False)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def expect(name, got, want):
    if got != want:
        failures.append(f"{name}: got {got!r}, want {want!r}")


CASES = [
    # (name, config, exit status, posts printed, stderr lines)
    ("not a mapping", "- a\n- b\n", 0, 1,
     ["s/_config.yml:1:1: warning: the config is sequence, expected a "
      "mapping of settings; Jekyll ignores it (and any config file after it) "
      "and uses its defaults [config-not-mapping]"]),
    ("wrong types", "future: \"no\"\ncollections_dir: 3\n", 0, 1,
     ["s/_config.yml:1:9: warning: future is string, expected true or false; "
      "Jekyll takes any value but false and null as true [config-wrong-type]",
      "s/_config.yml:2:18: warning: collections_dir is int, expected a "
      "string; the default is used [config-wrong-type]"]),
    ("unknown zone", "timezone: Mars/Olympus\n", 0, 1,
     ["s/_config.yml:1:11: warning: timezone \"Mars/Olympus\" is not in the "
      "tz database (/usr/share/zoneinfo); Jekyll sets TZ to it and the C "
      "library then reads times as UTC, as postparse does "
      "[config-unknown-timezone]"]),
    ("defaults without scope or values",
     "defaults:\n  - values: {layout: post}\n  - scope: {path: \"\"}\n  - 7\n",
     0, 1,
     ["s/_config.yml:2:5: warning: defaults entry has no `scope`: it applies "
      "to every file [config-defaults-no-scope]",
      "s/_config.yml:3:5: warning: defaults entry has no `values`; Jekyll "
      "warns \"An invalid front-matter default set was found\" and skips it "
      "[config-defaults-invalid]",
      "s/_config.yml:4:5: warning: defaults entry is not a mapping of scope "
      "and values; Jekyll warns \"An invalid front-matter default set was "
      "found\" and skips it [config-defaults-invalid]"]),
    ("yaml error", "title: a: b\n", 2, 0,
     ["s/_config.yml:1:9: error: Psych::SyntaxError: (<unknown>): mapping "
      "values are not allowed in this context at line 1 column 9; jekyll "
      "build stops here [config-yaml-error]",
      "postparse dump: --site s: the config has errors that stop jekyll build"]),
    ("include not a list", "include: .htaccess\n", 2, 0,
     ["s/_config.yml:1:10: error: include is string, expected a list; Jekyll "
      "stops with InvalidConfigurationError; postparse uses the default "
      "[config-wrong-type]",
      "postparse dump: --site s: the config has errors that stop jekyll build"]),
    ("empty", "", 0, 1, []),
]

with tempfile.TemporaryDirectory() as tmp:
    for name, config, status, posts, lines in CASES:
        root = os.path.join(tmp, "s")
        subprocess.run(["rm", "-rf", root], check=True)
        site(root, config)
        rc, out, err = run(["dump", "--site", "s", "--time",
                            "2026-01-01T00:00:00Z"], tmp)
        expect(name + ": status", rc, status)
        expect(name + ": posts", len(out.splitlines()), posts)
        expect(name + ": stderr", err.splitlines(), lines)

    # A link loop: a/loop -> .. is the source again: not walked (Jekyll
    # would recurse until the path is too long), with a warning.
    root = os.path.join(tmp, "loop")
    site(root, "", {"a/_posts/2025-02-02-in-a.md": "---\n---\nx\n"})
    os.symlink("..", os.path.join(root, "a", "loop"))
    rc, out, err = run(["dump", "--site", "loop", "--time",
                        "2026-01-01T00:00:00Z"], tmp)
    paths = [json.loads(l)["path"] for l in out.splitlines()]
    expect("loop: paths", paths, ["_posts/2025-01-01-x.md",
                                  "a/_posts/2025-02-02-in-a.md"])
    expect("loop: warned", "[site-symlink-loop]" in err, True)
    expect("loop: status", rc, 0)

    # Flags given override the config; the config's future applies without.
    root = os.path.join(tmp, "future")
    site(root, "future: false\ntimezone: Asia/Tokyo\n",
         {"_posts/2099-01-01-later.md": "---\n---\nx\n"})
    rc, out, _ = run(["dump", "--site", "future", "--time",
                      "2026-01-01T00:00:00Z"], tmp)
    recs = {json.loads(l)["path"]: json.loads(l) for l in out.splitlines()}
    expect("future: config", recs["_posts/2099-01-01-later.md"]["processable"],
           False)
    expect("future: zone", recs["_posts/2025-01-01-x.md"]["date"],
           "2025-01-01T00:00:00.000+09:00")
    rc, out, _ = run(["dump", "--site", "future", "--future", "--timezone",
                      "UTC", "--time", "2026-01-01T00:00:00Z"], tmp)
    recs = {json.loads(l)["path"]: json.loads(l) for l in out.splitlines()}
    expect("future: flag", recs["_posts/2099-01-01-later.md"]["processable"],
           True)
    expect("future: --timezone", recs["_posts/2025-01-01-x.md"]["date"],
           "2025-01-01T00:00:00.000+00:00")
    # check --site -j 2 reads the same posts.
    rc, out, _ = run(["check", "--site", "future", "-j", "2"], tmp)
    expect("check: summary", out.splitlines()[-1],
           "2 files checked: 0 errors, 0 warnings, 0 notes")
    # check --site --fix: the fixes read each post as the check did (its
    # relative path under blog/, the defaults, the site's zone); a date
    # from the defaults has no bytes in the post: no note, no fix.
    site(os.path.join(tmp, "fix"),
         "timezone: Asia/Tokyo\ndefaults:\n  - scope: {path: \"\"}\n"
         "    values: {date: \"Feb 7, 2025\", layout: post}\n",
         {"blog/_posts/2025-01-01-a.md":
          "---\ndate: 7 Feb 2025 10:00\npublished: \"true\"\n---\nx\n"})
    post = os.path.join(tmp, "fix", "blog", "_posts", "2025-01-01-a.md")
    rc, out, err = run(["check", "--site", "fix", "--diff"], tmp)
    expect("fix: diff", out.split("\n")[:8], [
        "--- fix/blog/_posts/2025-01-01-a.md",
        "+++ fix/blog/_posts/2025-01-01-a.md",
        "@@ -2 +2 @@", "-date: 7 Feb 2025 10:00",
        "+date: \"2025-02-07 10:00:00\"",
        "@@ -3 +3 @@", "-published: \"true\"", "+published: true"])
    expect("fix: the note in Tokyo", "Time.parse as "
           "2025-02-07T10:00:00.000+09:00;" in out, True)
    expect("fix: diff count", err.splitlines()[-1], "2 fixes shown in 1 file")
    rc, out, err = run(["check", "--site", "fix", "--fix"], tmp)
    expect("fix: count", err.splitlines()[-1], "2 fixes made in 1 file")
    expect("fix: what is left", out,
           "2 files checked: 0 errors, 0 warnings, 0 notes\n")
    with open(post) as f:
        expect("fix: text", f.read(), "---\ndate: \"2025-02-07 10:00:00\"\n"
               "published: true\n---\nx\n")
    rc, out, err = run(["check", "--site", "fix", "--fix"], tmp)
    expect("fix: idempotent", err.splitlines()[-1], "0 fixes made in 0 files")
    # Usage: no FILE with --site; a missing site folder.
    rc, _, err = run(["dump", "--site", "future", "x.md"], tmp)
    expect("usage: status", rc, 2)
    rc, _, err = run(["dump", "--drafts", "x.md"], tmp)
    expect("usage: --drafts alone", (rc, err),
           (2, "postparse dump: --drafts needs --site DIR\n"))
    rc, _, err = run(["dump", "--site", "nowhere"], tmp)
    expect("missing site: status", rc, 2)
    expect("missing site: message", err.startswith(
        "postparse dump: --site nowhere: the site folder nowhere"), True)

for f in failures:
    print("FAIL " + f)
print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
