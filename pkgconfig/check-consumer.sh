#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs postparse into a staging folder and uses it as a consumer would:
# only `pkg-config --cflags --libs postparse`. Checks the flags, builds and
# runs consumer.c (shared and static), compiles the umbrella header as C99
# and C++, checks that the shared library exports postparse_* only, that the
# staged CLI runs as installed (its $ORIGIN runpath finds the staged library,
# no LD_LIBRARY_PATH), and that the man pages are installed and render.
# usage: check-consumer.sh BUILD_DIR CONSUMER_C PREFIX LIBDIR SANITIZE
#                          [BINDIR MANDIR cli|no-cli man|no-man]
set -euo pipefail

build=$1 consumer=$2 prefix=$3 libdir=$4 sanitize=${5:-none}
bindir=${6:-bin} mandir=${7:-share/man} cli=${8:-no-cli} man=${9:-no-man}
case $libdir in /*) ;; *) libdir=$prefix/$libdir ;; esac
case $bindir in /*) ;; *) bindir=$prefix/$bindir ;; esac
case $mandir in /*) ;; *) mandir=$prefix/$mandir ;; esac
stage=$build/pkgconfig/staging
out=$build/pkgconfig/consumer-out
cc=${CC:-cc}
cxx=${CXX:-}
if [ -z "$cxx" ]; then
    cxx=$(command -v g++ || command -v clang++ || true)
fi

fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$stage" "$out"
mkdir -p "$out"
meson install -C "$build" --no-rebuild --quiet --destdir "$stage" >/dev/null

pcdir=$stage$libdir/pkgconfig
[ -f "$pcdir/postparse.pc" ] || fail "postparse.pc not installed in $pcdir"

# 1. No build-time flags of ours (or of our dependencies) reach consumers:
#    against the real prefix, the Cflags are -I flags only.
cflags_plain=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags postparse)
for flag in $cflags_plain; do
    case $flag in
        -I*) ;;
        *) fail "pkg-config --cflags postparse carries '$flag'" ;;
    esac
done
echo "cflags: ${cflags_plain:-(none)}"

# From here on, the staged tree stands in for the prefix.
export PKG_CONFIG_PATH=$pcdir
export PKG_CONFIG_SYSROOT_DIR=$stage
cflags=$(pkg-config --cflags postparse)
libs=$(pkg-config --libs postparse)
echo "libs: $libs"
san=()
if [ "$sanitize" != none ]; then
    # A sanitized library needs its runtime in the program too.
    san=(-fsanitize="$sanitize")
fi

# 2. A consumer, built with pkg-config's flags only, against the shared
#    library, run against the staged copy.
# shellcheck disable=SC2086
"$cc" "${san[@]}" -o "$out/consumer" "$consumer" $cflags $libs
LD_LIBRARY_PATH=$stage$libdir "$out/consumer"
ldd_line=$(LD_LIBRARY_PATH=$stage$libdir ldd "$out/consumer" | grep libpostparse || true)
case $ldd_line in
    *"$stage"*) ;;
    *) fail "consumer did not load the staged library: $ldd_line" ;;
esac

# 3. The same program statically linked: Libs.private and Requires.private
#    must name everything the archive needs.
static_libs=$(pkg-config --static --libs postparse | sed -e 's/\(^\| \)-lpostparse\( \|$\)/ /')
# shellcheck disable=SC2086
"$cc" "${san[@]}" -o "$out/consumer-static" "$consumer" $cflags \
    "$stage$libdir/libpostparse.a" $static_libs
"$out/consumer-static" >/dev/null

# 4. The umbrella header alone, as strict C99 and as C++11.
printf '#include <postparse/postparse.h>\nint main(void) { return 0; }\n' >"$out/umbrella.c"
# shellcheck disable=SC2086
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only $cflags "$out/umbrella.c"
[ -n "$cxx" ] || fail "no C++ compiler (g++ or clang++) to check the header"
printf '#include <postparse/postparse.h>\nint main() { return 0; }\n' >"$out/umbrella.cpp"
# shellcheck disable=SC2086
"$cxx" -std=c++11 -pedantic -Wall -Wextra -Werror -fsyntax-only $cflags "$out/umbrella.cpp"
echo "umbrella header: C99 and C++11 clean"

# 5. Exports: postparse_* only, never internal postparse__*. The version
#    script's node (POSTPARSE_1.0) shows up as an absolute symbol, and every
#    export carries a POSTPARSE_1.x version.
so=$(readlink -f "$stage$libdir/libpostparse.so")
bad=$(nm -D --defined-only "$so" | awk '
    $2 == "A" && $3 ~ /^POSTPARSE_[0-9]+\.[0-9]+$/ { next }
    $3 !~ /^postparse_[a-z]/ { print $3 }')
[ -z "$bad" ] || fail "exported symbols outside postparse_*: $bad"
unversioned=$(objdump -T "$so" | awk '
    $NF ~ /^postparse_/ && $(NF-1) !~ /^POSTPARSE_1\.[0-9]+$/ { print $NF }')
[ -z "$unversioned" ] || fail "exports without a POSTPARSE_1.x version: $unversioned"
exported=$(nm -D --defined-only "$so" | grep -c ' postparse_' || true)
[ "$exported" -gt 0 ] || fail "no postparse_ symbol exported"
soname=$(objdump -p "$so" | awk '$1 == "SONAME" { print $2 }')
case $soname in
    libpostparse.so.[0-9]*) ;;
    *) fail "unexpected soname '$soname'" ;;
esac
echo "exports: $exported postparse_* symbols, nothing else; soname $soname"

# 6. The staged CLI, run as installed: no LD_LIBRARY_PATH, so its runpath
#    ($ORIGIN/../LIBDIR) must find the staged library, not another one.
if [ "$cli" = cli ]; then
    exe=$stage$bindir/postparse
    [ -x "$exe" ] || fail "postparse not installed in $stage$bindir"
    version=$(env -u LD_LIBRARY_PATH "$exe" --version | head -n 1)
    [ "$version" = "postparse $(pkg-config --modversion postparse)" ] ||
        fail "staged postparse --version says '$version'"
    ldd_line=$(env -u LD_LIBRARY_PATH ldd "$exe" | grep libpostparse || true)
    case $ldd_line in
        *"$stage"*) ;;
        *) fail "staged postparse did not load the staged library: $ldd_line" ;;
    esac
    slug=$(env -u LD_LIBRARY_PATH "$exe" slug "Hello, World")
    [ "$slug" = hello-world ] || fail "staged postparse slug gave '$slug'"
    echo "staged CLI: $version, loads ${ldd_line#*=> }"
fi

# 7. The man pages, where man looks for them, rendering without warnings.
if [ "$man" = man ]; then
    for page in man1/postparse.1 man3/postparse.3; do
        [ -f "$stage$mandir/$page" ] || fail "$page not installed in $stage$mandir"
    done
    if command -v man >/dev/null; then
        for section in 1 3; do
            warnings=$(MANPATH=$stage$mandir MANWIDTH=80 man --warnings \
                "$section" postparse 2>&1 >/dev/null)
            [ -z "$warnings" ] || fail "man $section postparse: $warnings"
        done
        echo "man pages: man 1 postparse and man 3 postparse render"
    fi
fi
