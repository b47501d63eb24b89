#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds tests/cmake-consumer (find_package(PkgConfig) and
# pkg_check_modules(... IMPORTED_TARGET postparse)) against postparse
# installed under PREFIX, with PKG_CONFIG_PATH set as docs/install.md says,
# and runs the program: it must load PREFIX's library.
# usage: tests/cmake-consumer/run.sh PREFIX
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
prefix=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/postparse-cmake.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

pc=$(find "$prefix" -name postparse.pc -path '*/pkgconfig/*' | head -n 1)
[ -n "$pc" ] || fail "no postparse.pc under $prefix"
export PKG_CONFIG_PATH=${pc%/postparse.pc}
unset LD_LIBRARY_PATH

mkdir "$work/src"
cp "$here/CMakeLists.txt" "$work/src/"
cp "$repo/pkgconfig/consumer.c" "$work/src/"
cmake -S "$work/src" -B "$work/build" >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log" >&2; fail "cmake configure"; }
cmake --build "$work/build" >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; fail "cmake --build"; }
"$work/build/consumer" >/dev/null || fail "the consumer failed"
lib=$(ldd "$work/build/consumer" | awk '/libpostparse/ { print $3 }')
case $lib in
    "$prefix"/*) ;;
    *) fail "consumer loads '$lib', not the library under $prefix" ;;
esac
echo "cmake: pkg_check_modules(IMPORTED_TARGET postparse) $(pkg-config --modversion postparse), consumer loads ${lib#"$prefix"/}"
