#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every C program (a ```c block with main) in README.md and docs/api.md
compiles warning-free with -Wall -Wextra against the headers and links.
usage: test_doc_examples.py CC SOURCE_ROOT BUILD_INCLUDE LIBDIR [CFLAG]
(CFLAG: the build's -fsanitize=..., which the library needs at link)"""
import os, re, subprocess, sys, tempfile

cc, root, build_inc, libdir = sys.argv[1:5]
extra = [f for f in sys.argv[5:] if f]
count = 0
for doc in ("README.md", "docs/api.md"):
    text = open(os.path.join(root, doc), encoding="utf-8").read()
    for i, block in enumerate(re.findall(r"```c\n(.*?)```", text, re.S)):
        if "int main" not in block:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "example.c")
            open(src, "w").write(block)
            r = subprocess.run([cc] + extra + ["-std=c11", "-Wall", "-Wextra", "-Werror",
                                "-I", os.path.join(root, "include"), "-I",
                                build_inc, src, "-L", libdir, "-lpostparse",
                                "-o", os.path.join(tmp, "example")],
                               capture_output=True, text=True)
        if r.returncode:
            print(f"{doc} block {i}:\n{r.stderr}")
            sys.exit(1)
        count += 1
print(count, "examples compiled")
sys.exit(0 if count >= 4 else 1)
