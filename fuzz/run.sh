#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the libFuzzer harnesses with clang, ASan and UBSan, and runs each
# for SECONDS. Exits non-zero when any harness finds something; the input is
# kept in the artifacts directory printed and copied to
# fuzz/regressions/<harness>/, ready to commit with its fix.
#
#   fuzz/run.sh SECONDS [HARNESS...]      (default: every fuzz_* harness)
#
# Environment: FUZZ_BUILD (build directory, default build-fuzz),
# FUZZ_PARALLEL (harnesses run at once, default 1; each uses one core),
# FUZZ_ARGS (more libFuzzer flags, e.g. -max_len=65536), FUZZ_SKIP (one
# harness left out when none is named).
set -eu

if [ $# -lt 1 ] || ! [ "$1" -gt 0 ] 2>/dev/null; then
    echo "usage: $0 SECONDS [HARNESS...]" >&2
    exit 2
fi
seconds=$1
shift
src=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-$src/build-fuzz}
parallel=${FUZZ_PARALLEL:-1}

if [ ! -f "$build/build.ninja" ]; then
    setup_log=$(mktemp)
    CC=${CC:-clang} meson setup "$build" "$src" \
        -Dfuzz_engine=libfuzzer \
        -Db_sanitize=address,undefined -Db_lundef=false \
        -Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all' \
        -Dtests=disabled -Dtools=disabled -Dbuildtype=debugoptimized \
        >"$setup_log" 2>&1 || {
        cat "$setup_log" >&2
        rm -f "$setup_log"
        exit 2
    }
    rm -f "$setup_log"
fi
ninja -C "$build" -j2 >/dev/null

if [ $# -eq 0 ]; then
    # FUZZ_SKIP: harnesses left out of a run with no names (fuzz/ci.sh).
    set -- $(find "$build/fuzz" -maxdepth 1 -type f -perm -u+x -name 'fuzz_*' |
        sed 's|.*/fuzz_||' | sort | grep -vxF -e "${FUZZ_SKIP:-}" -e '' || true)
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# One harness: a working corpus that grows across runs, seeded from the
# checked-in seeds and regressions (read only). Prints one summary line.
run_one() {
    name=$1
    exe=$build/fuzz/fuzz_$name
    corpus=$build/corpus/$name
    artifacts=$build/artifacts/$name
    log=$build/logs/$name.log
    mkdir -p "$corpus" "$artifacts" "$build/logs"
    set +e
    # shellcheck disable=SC2086
    # The scaled harness's inputs are ~256 KiB: one that takes seconds
    # grows faster than its size (issue 13; a quadratic one takes tens).
    # Linear ones take 0.1-0.3 s of CPU under ASan and UBSan, but up to a
    # second of wall time on a loaded 2-core machine (a CI run reported
    # fuzz/regressions/scaled/invalid-utf8-in-a-long-front-matter, 0.29 s
    # of CPU alone, as a 1 s timeout): 3 s keeps the finding, not the noise.
    per_input=10
    [ "$name" = scaled ] && per_input=3
    "$exe" -max_total_time="$seconds" -timeout=$per_input -rss_limit_mb=2048 \
        -print_final_stats=1 -dict="$src/fuzz/postparse.dict" \
        -artifact_prefix="$artifacts/" ${FUZZ_ARGS:-} \
        "$corpus" "$src/fuzz/seeds/$name" "$src/fuzz/regressions/$name" \
        >"$log" 2>&1
    rc=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    final=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" |
        tail -n 1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+')
    if [ "$rc" -ne 0 ]; then
        found=0
        for f in "$artifacts"/*; do
            [ -f "$f" ] || continue
            cp "$f" "$src/fuzz/regressions/$name/"
            echo "fuzz_$name: FINDING $f (copied to fuzz/regressions/$name/)"
            found=1
        done
        [ $found -eq 1 ] || echo "fuzz_$name: FAILED (exit $rc), no artifact"
        echo "fuzz_$name: log $log"
        grep -v -E '^#[0-9]+' "$log" | tail -n 30 | sed "s/^/fuzz_$name: /"
        return 1
    fi
    echo "fuzz_$name: ok, ${execs:-?} executions in ${seconds}s, ${final:-no stats} (log $log)"
}

status=0
running=0
pids=""
for name in "$@"; do
    if [ ! -x "$build/fuzz/fuzz_$name" ]; then
        echo "fuzz_$name: no such harness in $build/fuzz" >&2
        status=1
        continue
    fi
    run_one "$name" &
    pids="$pids $!"
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then
        for pid in $pids; do wait "$pid" || status=1; done
        pids=""
        running=0
    fi
done
for pid in $pids; do wait "$pid" || status=1; done
exit $status
