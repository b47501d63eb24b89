#!/bin/sh
# SPDX-License-Identifier: MIT
# The fuzzing step of CI, run by .ci/run after the tests: every harness for
# FUZZ_CI_SECONDS (default 90) one after the other, with ASan and UBSan.
# Five harnesses take about 8 minutes plus the build. Exits non-zero on any
# finding; the input is in build-fuzz/artifacts/ and fuzz/regressions/.
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_CI_SECONDS:-90}
if [ "$seconds" -lt 60 ]; then
    echo "fuzz/ci.sh: FUZZ_CI_SECONDS must be at least 60" >&2
    exit 2
fi
exec fuzz/run.sh "$seconds"
