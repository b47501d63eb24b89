#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Documents kept past their parser write exactly dump's lines (without
body_sha256, which only the CLI computes), read with read_file, through
7-byte feeds and take_doc on one reused parser, and whole.
usage: test_doc_corpus.py DOC_CORPUS POSTPARSE CORPUS_DIR"""
import json, os, re, subprocess, sys

doc_corpus, postparse, corpus = sys.argv[1:4]
if not os.path.isdir(corpus):
    print("SKIP: no corpus at", corpus)
    sys.exit(77)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus)
               for f in fs if f != "MANIFEST.tsv")
fails = 0
for policy, name in ((0, "strict"), (1, "replace"), (2, "pass")):
    dump = subprocess.run([postparse, "dump", "--utf8", name, "--time",
                           "2026-01-01T00:00:00Z"] + files, capture_output=True,
                          text=True, errors="surrogateescape").stdout
    want = [re.sub(r',"body_sha256":("[0-9a-f]{64}"|null)', "", l)
            for l in dump.splitlines()]
    got = subprocess.run([doc_corpus, "1767225600", str(policy)],
                         input="\n".join(files) + "\n", capture_output=True,
                         text=True, errors="surrogateescape").stdout.splitlines()
    assert len(got) == 3 * len(want), (len(got), len(want))
    for i, w in enumerate(want):
        for k, how in enumerate(("read_file", "7-byte feeds", "whole")):
            if got[3 * i + k] != w:
                fails += 1
                if fails < 5:
                    print(f"{name} {files[i]} {how}:\n  want {w[:300]}\n  got  {got[3*i+k][:300]}")
    print(f"{name}: {len(want)} files x 3 reads compared")
sys.exit(1 if fails else 0)
