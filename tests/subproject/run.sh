#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds tests/subproject (a project that uses postparse through
# dependency('postparse') and the wrap file of docs/install.md) in a
# temporary folder, with this tree as subprojects/postparse (a symlink, so
# that nothing is downloaded: meson uses the folder the wrap names when it is
# there), forces the fallback so that an installed postparse is not taken
# instead, and runs the program it builds. Checks that the program loads the
# subproject's library, and that the subproject built no tests of its own.
# usage: tests/subproject/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/postparse-subproject.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/src/subprojects"
cp "$here/meson.build" "$work/src/"
cp "$repo/pkgconfig/consumer.c" "$work/src/"
cp "$here/postparse.wrap" "$work/src/subprojects/"
ln -s "$repo" "$work/src/subprojects/postparse"

meson setup "$work/build" "$work/src" --force-fallback-for=postparse \
    >"$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; fail "meson setup"; }
grep -q "Dependency postparse found: YES .* (overridden)" \
    "$work/setup.log" || { cat "$work/setup.log" >&2; fail "postparse did not come from the subproject"; }
meson compile -C "$work/build" -j "${JOBS:-2}" >"$work/compile.log" 2>&1 ||
    { cat "$work/compile.log" >&2; fail "meson compile"; }
meson test -C "$work/build" --print-errorlogs >"$work/test.log" 2>&1 ||
    { cat "$work/test.log" >&2; fail "meson test"; }

# The parent's tests are its own: postparse's unit tests, fuzz replays and
# install check stay out of a parent build.
tests=$(meson introspect --tests "$work/build" |
    python3 -c 'import json, sys; print(" ".join(t["name"] for t in json.load(sys.stdin)))')
[ "$tests" = consumer ] || fail "the parent project has tests '$tests', not just 'consumer'"
lib=$(ldd "$work/build/consumer" | awk '/libpostparse/ { print $3 }')
case $lib in
    "$work/build/subprojects/postparse/"*) ;;
    *) fail "consumer loads '$lib', not the subproject's library" ;;
esac
"$work/build/consumer" >/dev/null
echo "subproject: dependency('postparse') from subprojects/postparse, consumer runs (${lib#"$work/"})"
