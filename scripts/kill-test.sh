#!/bin/sh
# Kills saves and exports with SIGKILL at random moments, 50 times each, and checks that nothing
# was lost (tests/it/kill.rs): every saved case still loads at its last completed save or later,
# an export's target is always a whole PDF, leftovers are cleaned by a later export, and 8
# parallel exports into one folder all succeed.
#
# Usage: scripts/kill-test.sh [RUNS]   (default 50; `cargo test` itself runs 10)
set -eu
cd "$(dirname "$0")/.."
YIBAO_KILL_RUNS="${1:-50}" cargo test --test it kill:: -- --nocapture --test-threads=1 2>&1 |
    grep -E "kills during saves|^test |test result"
