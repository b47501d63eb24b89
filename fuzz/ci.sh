#!/bin/sh
# SPDX-License-Identifier: MIT
# The fuzzing step of CI, run by .ci/run after the tests: every harness for
# FUZZ_CI_SECONDS (default 90) one after the other, with ASan and UBSan.
# Twelve harnesses take about 18 minutes plus the build. Exits non-zero on any
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
# Every harness, fuzz_edit included (it ran clean for 30 minutes once the
# editor read its output back before writing); FUZZ_SKIP=NAME leaves one out.
exec fuzz/run.sh "$seconds"
