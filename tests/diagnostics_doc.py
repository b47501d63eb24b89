#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that docs/diagnostics.md and the code table agree.

The table is POSTPARSE_DIAGNOSTIC_MAP in include/postparse/diagnostic.h (the
enum, the names, the default severities). Every code in the table must be
documented, every code the document lists must be in the table, and where a
document table has a severity column, its first word must be the table's
default severity (the user rules' table has none: those codes take the
rule's severity).

usage: diagnostics_doc.py DIAGNOSTIC_H DIAGNOSTICS_MD
exit status 0 when they agree, 1 otherwise (each disagreement printed)."""
import re
import sys

CODE = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`")


def header_table(path):
    text = open(path, encoding="utf-8").read().replace("\\\n", " ")
    start = text.index("#define POSTPARSE_DIAGNOSTIC_MAP(X)")
    end = text.index("typedef enum postparse_diagnostic_code")
    rows = re.findall(r'X\((\w+),\s*"([a-z0-9-]+)",\s*(NOTE|WARNING|ERROR),',
                      text[start:end])
    return {name: sev.lower() for _, name, sev in rows}


def doc_table(path):
    """{code: [severity or None, ...]} over every table of the document."""
    found = {}
    severity_col = None
    for line in open(path, encoding="utf-8"):
        if not line.startswith("|"):
            severity_col = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == "code":
            severity_col = cells.index("severity") if "severity" in cells else None
            continue
        if set(line.strip()) <= set("|-: "):
            continue
        sev = None
        if severity_col is not None and severity_col < len(cells):
            sev = cells[severity_col].split()[0] if cells[severity_col] else ""
        for code in CODE.findall(cells[0]):
            found.setdefault(code, []).append(sev)
    return found


def main():
    table = header_table(sys.argv[1])
    doc = doc_table(sys.argv[2])
    problems = []
    if len(table) < 30:
        problems.append("read only %d codes from the header" % len(table))
    for code, sev in table.items():
        if code not in doc:
            problems.append("%s: in the table, not in the document" % code)
            continue
        for s in doc[code]:
            if s is not None and s != sev:
                problems.append("%s: the document says %s, the table %s"
                                % (code, s, sev))
    for code in doc:
        if code not in table:
            problems.append("%s: in the document, not in the table" % code)
    for p in problems:
        print(p)
    print("%d codes in the table, %d in the document, %d problems"
          % (len(table), len(doc), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
