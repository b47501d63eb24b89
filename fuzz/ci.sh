#!/bin/sh
# SPDX-License-Identifier: MIT
# The fuzzing step of CI, run by .ci/run after the tests: every harness for
# FUZZ_CI_SECONDS (default 90) one after the other, with ASan and UBSan.
# Seven harnesses take about 11 minutes plus the build. Exits non-zero on any
# finding; the input is in build-fuzz/artifacts/ and fuzz/regressions/.
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_CI_SECONDS:-90}
if [ "$seconds" -lt 60 ]; then
    echo "fuzz/ci.sh: FUZZ_CI_SECONDS must be at least 60" >&2
    exit 2
fi
# libFuzzer and the sanitizer runtimes are only a Recommends of clang on
# Debian 12, which .ci/apt-install skips.
if [ -x .ci/apt-install ]; then
    .ci/apt-install clang libclang-rt-14-dev
fi
# fuzz_edit (issue 19) is replayed by the tests but not fuzzed here yet:
# each of its first short runs found a case the editor now refuses, and a
# harness that has not run clean for 30 minutes would make CI a lottery.
# Run it by hand: fuzz/run.sh 1800 edit.
FUZZ_SKIP=${FUZZ_SKIP-edit} exec fuzz/run.sh "$seconds"
