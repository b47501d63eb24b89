#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Renders a man page as `man` shows it, 80 columns wide, with every groff
# warning on (--warnings: -ww), and fails on any warning or an empty page.
# Exit 77 (meson's "skipped") when man-db's `man` is not installed.
# usage: check-render.sh PAGE
set -euo pipefail

page=$1
command -v man >/dev/null || { echo "skipped: no man command"; exit 77; }
err=$(mktemp)
trap 'rm -f "$err"' EXIT
out=$(MANWIDTH=80 man -l --warnings -E UTF-8 "$page" 2>"$err")
if [ -s "$err" ]; then
    echo "FAIL: man -l --warnings $page:" >&2
    cat "$err" >&2
    exit 1
fi
lines=$(printf '%s\n' "$out" | wc -l)
[ "$lines" -ge 20 ] || { echo "FAIL: $page renders to $lines lines" >&2; exit 1; }
# No line wider than MANWIDTH: a literal block too wide for a terminal.
width=$(printf '%s\n' "$out" | wc -L)
[ "$width" -le 80 ] || { echo "FAIL: $page has lines $width columns wide" >&2; exit 1; }
echo "$page: $lines lines, no warning"
