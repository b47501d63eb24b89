#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Black-box tests of the postparse CLI: options, exit statuses, message
format, dump's fields and encodings, body's bytes, chunk invariance.

Expected bodies and hashes were printed by the Jekyll oracle
(shared/oracle/jekyll-read, Jekyll 4.3.1) for the same bytes under
_posts/2025-01-01-<name>.md; the test itself needs no Jekyll.
usage: test_cli.py POSTPARSE VERSION
"""

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

POSTPARSE = os.path.abspath(sys.argv[1])
VERSION = sys.argv[2]

# name -> (bytes, oracle: has_front_matter, front_matter_text, body_bytes,
#          body_valid_utf8, body_sha256)
POSTS = {
    "nul": (b"---\ntitle: x\n---\n\n\nA\0B\r\nC\n",
            True, "---\ntitle: x\n", 7, True,
            "5a32c744c4f4bd887262da76cfbad3a445ceecff3de16a2855e4c403961d4af7"),
    "bom": (b"\xef\xbb\xbf---\r\ntitle: \"\xe4\xb8\xad\xe6\x96\x87\"\r\n---\r\n"
            b"\xe6\x97\xa5\xe6\x9c\xac\r\n",
            True, "---\r\ntitle: \"\u4e2d\u6587\"\r\n", 8, True,
            "4760572a6bae23ae4d7a5d9b68c4e5c5855a0f0212e1b0020bd835b6678f0f87"),
    "ctl": (b"---\ntitle: \"a\x01b\x1b\\\\ \\\"q\\\"\t\"\n---\nx\n",
            True, "---\ntitle: \"a\x01b\x1b\\\\ \\\"q\\\"\t\"\n", 2, True,
            "73cb3858a687a8494ca3323053016282f3dad39d42cf62ca4e79dda2aac7d9ac"),
}
FIELD_ORDER = ["path", "has_front_matter", "front_matter_text", "front_matter",
               "body_bytes", "body_valid_utf8", "body_sha256", "error",
               "read_by_jekyll", "processable", "skip_reason", "date",
               "date_source", "slug", "title", "categories", "tags", "layout",
               "permalink", "published", "excerpt_separator", "excerpt",
               "excerpt_source", "jekyll_error", "diagnostics"]

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def run(*args, cwd=None):
    p = subprocess.run([POSTPARSE, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, check=False)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def dump(*args, cwd=None):
    # A fixed site.time: dateless posts take it, so records stay comparable.
    code, out, err = run("dump", "--time", "2026-01-01T00:00:00Z", *args,
                         cwd=cwd)
    return code, [json.loads(line) for line in out.splitlines()], err


def main():
    tmp = tempfile.mkdtemp(prefix="postparse-cli-")
    for name, (data, *_rest) in POSTS.items():
        with open(os.path.join(tmp, f"{name}.md"), "wb") as f:
            f.write(data)

    # --version, --help
    code, out, _ = run("--version")
    check(code == 0 and out.decode() == f"postparse {VERSION}\n",
          f"--version prints 'postparse {VERSION}': {out!r}")
    code, out, _ = run("--help")
    text = out.decode()
    check(code == 0 and all(w in text for w in
                            ["dump", "body", "--chunk", "--utf8", "--version",
                             "Exit status"]),
          "--help lists every command and option")
    for cmd in ("dump", "body"):
        code, out, _ = run(cmd, "--help")
        check(code == 0 and f"postparse {cmd} [--chunk N] [--utf8 POLICY]"
              in out.decode(), f"{cmd} --help shows its synopsis")

    # Usage errors: status 2, a message and a hint on stderr, nothing on stdout.
    for args in ([], ["frob"], ["dump"], ["body"], ["body", "a", "b"],
                 ["dump", "--chunk", "0", "x"], ["dump", "--chunk", "1x", "x"],
                 ["dump", "--chunk", "-1", "x"], ["dump", "--utf8", "nope", "x"],
                 ["dump", "--utf8"], ["dump", "--nope", "x"], ["dump", "-q", "x"]):
        code, out, err = run(*args)
        check(code == 2 and out == b"" and "Try 'postparse" in err,
              f"usage error {args}: status 2 ({code}), hint ({err!r})")

    # dump: fields, order and values as the oracle's.
    paths = [f"{n}.md" for n in POSTS]
    code, recs, err = dump(*paths, cwd=tmp)
    # ctl.md has raw control characters: a YAML error diagnostic, exit 1.
    check(code == 1 and err == "", f"dump exits 1 for ctl.md ({code}, {err!r})")
    check(len(recs) == len(POSTS), "one line per file")
    for rec, (name, (_data, has_fm, fm_text, nbytes, valid, sha)) in zip(recs, POSTS.items()):
        check(list(rec) == FIELD_ORDER, f"{name}: field order {list(rec)}")
        check(rec["path"] == f"{name}.md", f"{name}: path as given")
        got = (rec["has_front_matter"], rec["front_matter_text"],
               rec["body_bytes"], rec["body_valid_utf8"], rec["body_sha256"])
        check(got == (has_fm, fm_text, nbytes, valid, sha),
              f"{name}: as the oracle: {got}")
        # Raw control characters are a YAML error for libyaml, so for
        # Jekyll too (Psych::SyntaxError).
        want_diags = ["yaml-syntax"] if name == "ctl" else []
        check(rec["error"] is None and
              [d["code"] for d in rec["diagnostics"]] == want_diags,
              f"{name}: no error, diagnostics {want_diags}")

    # Chunk invariance from the outside.
    _, whole, _ = dump(*paths, cwd=tmp)
    for n in (1, 2, 3, 4, 5, 6, 7, 64, 4096):
        _, chunked, _ = dump("--chunk", str(n), *paths, cwd=tmp)
        _, chunked_eq, _ = dump(f"--chunk={n}", *paths, cwd=tmp)
        check(chunked == whole and chunked_eq == whole,
              f"--chunk {n} gives the same records")

    # JSON escaping: controls as escapes, the line is ASCII-clean of controls.
    _, out, _ = run("dump", "ctl.md", cwd=tmp)
    check(b"\\u0001" in out and b"\\u001b" in out and b"\\t" in out
          and not re.search(rb"[\x00-\x09\x0b-\x1f]", out),
          "control characters are escaped")

    # body: exact bytes, binary-safe; equals dump's hash.
    code, out, err = run("body", "nul.md", cwd=tmp)
    check(code == 0 and out == b"A\0B\r\nC\n" and err == "",
          f"body writes the exact bytes ({out!r})")
    for name in POSTS:
        _, out, _ = run("body", "--chunk", "1", f"{name}.md", cwd=tmp)
        check(hashlib.sha256(out).hexdigest() == POSTS[name][5],
              f"{name}: body --chunk 1 hashes as the oracle's body_sha256")

    # Files read in 64 KiB pieces and stopped by the size fstat gave: every
    # byte around the piece boundaries comes out, none twice.
    for size in (65535, 65536, 65537, 2 * 65536, 2 * 65536 + 1):
        head = b"---\ntitle: big\n---\n"
        k, r = divmod(size - len(head), 3)
        body = "\u4e2d".encode() * k + b"\n" * r
        with open(os.path.join(tmp, "big.md"), "wb") as f:
            f.write(head + body)
        code, out, err = run("body", "big.md", cwd=tmp)
        check(code == 0 and out == body and err == "",
              f"body of a {size}-byte file: {len(out)} bytes, {err!r}")
    os.remove(os.path.join(tmp, "big.md"))

    # Invalid UTF-8 in the body: pass -> error diagnostic, status 1;
    # strict -> fatal error with its position, body fields null, status 1.
    bad = os.path.join(tmp, "bad.md")
    with open(bad, "wb") as f:
        f.write(b"---\ntitle: x\n---\nB\xff\xfeody\n")
    code, recs, err = dump("bad.md", cwd=tmp)
    rec = recs[0]
    check(code == 1 and rec["error"] is None and rec["body_bytes"] == 7
          and rec["body_valid_utf8"] is False,
          f"pass: body delivered, status 1 ({code}, {rec})")
    check([(d["severity"], d["code"], d["line"], d["column"])
           for d in rec["diagnostics"]] == [("error", "invalid-utf8", 4, 2)],
          f"pass: one invalid-utf8 error at 4:2 ({rec['diagnostics']})")
    code, recs, err = dump("--utf8", "strict", "bad.md", cwd=tmp)
    rec = recs[0]
    check(code == 1 and rec["error"]["code"] == "invalid-utf8"
          and (rec["error"]["line"], rec["error"]["column"]) == (4, 2)
          and rec["body_bytes"] is None and rec["body_sha256"] is None
          and rec["body_valid_utf8"] is None
          and rec["front_matter_text"] == "---\ntitle: x\n",
          f"strict: fatal error at 4:2, body fields null ({rec})")
    check(re.fullmatch(r"bad\.md:4:2: error: .+ \[invalid-utf8\]\n", err)
          is not None, f"strict: message as file:line:col ({err!r})")
    code, out, err = run("body", "--utf8", "replace", "bad.md", cwd=tmp)
    check(code == 1 and out == "B\ufffd\ufffdody\n".encode()
          and re.fullmatch(r"bad\.md:4:2: error: .+ \[invalid-utf8\]\n", err),
          f"body --utf8 replace: U+FFFD per bad byte ({out!r}, {err!r})")
    code, out, err = run("body", "--utf8", "strict", "bad.md", cwd=tmp)
    check(code == 1 and out == b"B", f"body --utf8 strict stops before the bad byte ({out!r})")

    # A fatal error before any body: status 1, body fields null.
    with open(os.path.join(tmp, "u16.md"), "wb") as f:
        f.write(b"\xff\xfe-\x00-\x00-\x00\n\x00")
    code, recs, err = dump("u16.md", cwd=tmp)
    rec = recs[0]
    check(code == 1 and rec["error"]["code"] == "unsupported-encoding"
          and (rec["error"]["line"], rec["error"]["column"]) == (1, 1)
          and rec["has_front_matter"] is False and rec["body_sha256"] is None
          and err.startswith("u16.md:1:1: error: ")
          and err.endswith(" [unsupported-encoding]\n"),
          f"UTF-16: fatal unsupported-encoding at 1:1 ({code}, {rec}, {err!r})")
    # UTF-32 is named as such (its LE mark starts as UTF-16LE's does; its BE
    # mark starts with NUL bytes, once taken for UTF-8).
    for name, data, what in (
            ("u32le.md", b"\xff\xfe\x00\x00-\x00\x00\x00", "UTF-32 (little-endian) "
             "byte order mark (FF FE 00 00)"),
            ("u32be.md", b"\x00\x00\xfe\xff\x00\x00\x00-", "UTF-32 (big-endian) "
             "byte order mark (00 00 FE FF)"),
            ("u16le.md", b"\xff\xfe-\x00", "UTF-16 (little-endian) byte order "
             "mark (FF FE)")):
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(data)
        code, recs, err = dump(name, cwd=tmp)
        check(code == 1 and recs[0]["error"]["code"] == "unsupported-encoding"
              and recs[0]["error"]["message"].startswith(what)
              and "iconv -f " + what[:6] + " -t UTF-8" in err,
              f"{name}: {what} ({code}, {err!r})")

    # A warning alone keeps status 0.
    with open(os.path.join(tmp, "open.md"), "wb") as f:
        f.write(b"---\ntitle: Open\nBody\n")
    code, recs, _ = dump("open.md", cwd=tmp)
    check(code == 0 and recs[0]["has_front_matter"] is False
          and [d["severity"] for d in recs[0]["diagnostics"]] == ["warning"],
          f"unclosed front matter: a warning, status 0 ({code}, {recs})")

    # Invalid UTF-8 in a path: tagged as the oracle does, bytes kept.
    raw = b"x\xc3\n\xf0\x80\x80z\xed\xa0\x80.md"
    with open(os.path.join(tmp.encode(), raw), "wb") as f:
        f.write(b"body\n")
    p = subprocess.run([POSTPARSE.encode(), b"dump", raw], cwd=tmp,
                       stdout=subprocess.PIPE, check=False)
    rec = json.loads(p.stdout)
    # Ruby: "x\xC3\n\xF0\x80\x80z\xED\xA0\x80".scrub("\uFFFD")
    check(rec["path"] == {"$invalid_utf8": "x\ufffd\n\ufffd\ufffd\ufffdz"
                          "\ufffd\ufffd\ufffd.md",
                          "base64": base64.b64encode(raw).decode()},
          f"invalid UTF-8 path is tagged ({rec['path']})")

    # I/O trouble: status 2, still one record per file, message with [io].
    code, recs, err = dump("missing.md", "nul.md", cwd=tmp)
    check(code == 2 and len(recs) == 2 and recs[0]["error"]["code"] == "io"
          and recs[0]["error"]["line"] is None and recs[1]["error"] is None,
          f"missing file: status 2, a record each ({code}, {recs})")
    check(err == "missing.md: error: cannot open: No such file or directory [io]\n",
          f"missing file: message ({err!r})")
    code, _, err = run("body", "missing.md", cwd=tmp)
    check(code == 2 and "[io]" in err, "body of a missing file: status 2")

    # Output that cannot be written is trouble too.
    with open("/dev/full", "wb") as full:
        p = subprocess.run([POSTPARSE, "dump", "nul.md"], cwd=tmp,
                           stdout=full, stderr=subprocess.PIPE, check=False)
    check(p.returncode == 2, f"dump to a full disk: status 2 ({p.returncode})")

    # slug: Jekyll::Utils.slugify, expected values printed by Jekyll 4.3.1.
    text = "春节 Café, Déjà vu! 2025"
    for mode, want in (("default", "春节-café-déjà-vu-2025"),
                       ("pretty", "春节-café,-déjà-vu!-2025"),
                       ("ascii", "caf-d-j-vu-2025"),
                       ("latin", "cafe-deja-vu-2025"),
                       ("raw", "春节-café,-déjà-vu!-2025"),
                       ("none", "春节 café, déjà vu! 2025")):
        code, out, err = run("slug", "--mode", mode, text)
        check(code == 0 and out.decode() == want + "\n" and err == "",
              f"slug --mode {mode}: {out!r}")
    code, out, _ = run("slug", "--mode", "pretty", "--cased",
                       "Hello World: 東京", "a b")
    check(code == 0 and out.decode() == "Hello-World-東京\na-b\n",
          f"slug --cased, two texts: {out!r}")
    code, out, err = run("slug", "--mode", "kebab", "x")
    check(code == 2 and out == b"" and "--mode wants" in err,
          f"slug with an unknown mode: status 2 ({err!r})")

    # dump --stats: chars and words as Ruby's String#length and Jekyll's
    # number_of_words(s, "auto") count them; width in terminal columns.
    with open(os.path.join(tmp, "stats.md"), "wb") as f:
        f.write("---\ntitle: s\n---\n今天天气很好 and the weather is fine\r\n"
                "日本語のテキスト\r\n".encode())
    code, recs, _ = dump("--stats", "stats.md", cwd=tmp)
    got = (recs[0]["chars"], recs[0]["words"], recs[0]["width"])
    check(code == 0 and got == (42, 19, 52), f"dump --stats: {got}")
    check(list(recs[0])[-3:] == ["chars", "words", "width"],
          "the stats come after the oracle's fields")
    code, recs, _ = dump("stats.md", cwd=tmp)
    check("chars" not in recs[0], "no stats without --stats")

    # --timezone: Ruby's offsets and +8, POSIX TZ strings; an offset of 24
    # hours or more is refused with the range.
    for tz, want in (("+8", "2025-01-01T08:00:00.000+08:00"),
                     ("<+08>-8", "2025-01-01T08:00:00.000+08:00"),
                     ("-0530", "2024-12-31T18:30:00.000-05:30")):
        code, recs, err = dump("--timezone", tz, "--time",
                               "2025-01-01T00:00:00Z", "stats.md", cwd=tmp)
        check(code == 0 and recs[0]["date"] == want,
              f"--timezone {tz}: {recs[0]['date'] if recs else err!r}")
    code, out, err = run("dump", "--timezone", "+25:59", "stats.md", cwd=tmp)
    check(code == 2 and not out and err == (
        "postparse dump: --timezone '+25:59': not an offset from -23:59:59 "
        "to +23:59:59; expected +H, +HH, +HHMM, +HH:MM or +HH:MM:SS (+8, "
        "+08:00, -0530)\n"), f"--timezone +25:59 refused ({code}, {err!r})")

    # --chunk larger than the file: the buffer is the file's size (a chunk
    # of a petabyte used to be allocated, and failed; under AddressSanitizer
    # it aborted).
    code, recs, err = dump("--chunk", str(10**15), "stats.md", cwd=tmp)
    check(code == 0 and recs and recs[0]["error"] is None and
          recs[0]["title"] == "s",
          f"--chunk 10^15 over a small file reads it ({code}, {err!r})")

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
