#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that `postparse --help` and postparse(1) agree.

The same options (every option --help lists is in the man page's OPTIONS
section, and every option there is in --help), the same commands, and the
same synopsis line for each command (the man page's, once scdoc's markup is
taken out, is --help's).

usage: check-help.py POSTPARSE POSTPARSE.1.SCD
exit status 0 when they agree, 1 otherwise."""
import re
import subprocess
import sys

OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])")


def help_text(postparse):
    return subprocess.run([postparse, "--help"], check=True,
                          capture_output=True, text=True).stdout


def help_parts(text):
    """Options, commands and synopsis lines of `postparse --help`."""
    options, commands, synopses = set(), set(), {}
    section = "usage"
    for line in text.splitlines():
        if line and not line.startswith(" "):
            section = line.split()[0].rstrip(":").lower()
            continue
        stripped = line.strip()
        if section == "usage" and stripped.startswith("postparse "):
            words = stripped.split()
            if not words[1].startswith("-"):
                synopses[words[1]] = stripped
        elif section == "commands" and stripped:
            commands.add(stripped.split()[0])
        elif section == "options" and re.match(r"^  -", line):
            options.update(OPTION.findall(stripped))
    return options, commands, synopses


def man_parts(scd):
    """The same three from the scdoc source of postparse(1)."""
    options, commands, synopses = set(), set(), {}
    section = None
    for line in scd.splitlines():
        if line.startswith("# "):
            section = line[2:].strip()
            continue
        plain = re.sub(r"[*_]", "", line).replace("++", "").strip()
        plain = plain.replace("\\", "")
        if section == "SYNOPSIS" and plain.startswith("postparse "):
            words = plain.split()
            if words[1] not in ("COMMAND", "help") and \
                    not words[1].startswith("-"):
                synopses[words[1]] = plain
        elif section == "COMMANDS" and line.startswith("*"):
            # help is the dispatcher's, not a command of the table.
            if plain.split()[0] != "help":
                commands.add(plain.split()[0])
        elif section == "OPTIONS" and line.startswith("*-"):
            options.update(OPTION.findall(plain))
    return options, commands, synopses


def main():
    postparse, scd_path = sys.argv[1], sys.argv[2]
    with open(scd_path, encoding="utf-8") as f:
        scd = f.read()
    h_opts, h_cmds, h_syn = help_parts(help_text(postparse))
    m_opts, m_cmds, m_syn = man_parts(scd)
    problems = []
    for what, h, m in (("option", h_opts, m_opts),
                       ("command", h_cmds, m_cmds)):
        for name in sorted(h - m):
            problems.append(f"{what} {name} is in --help, not in the man page")
        for name in sorted(m - h):
            problems.append(f"{what} {name} is in the man page, not in --help")
    for cmd in sorted(set(h_syn) | set(m_syn)):
        if h_syn.get(cmd) != m_syn.get(cmd):
            problems.append(f"synopsis of {cmd}:\n  --help: {h_syn.get(cmd)}"
                            f"\n  man:    {m_syn.get(cmd)}")
    if not h_opts or not h_cmds:
        problems.append("could not read the options or commands of --help")
    for p in problems:
        print("FAIL:", p)
    if problems:
        return 1
    print(f"{len(h_opts)} options, {len(h_cmds)} commands, "
          f"{len(h_syn)} synopses: --help and postparse(1) agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
