#!/bin/sh
# Runs the crafted-case suite (issue 11): every scripts/reliability/crafted-*.py writes its cases
# into OUTDIR (default: a new temporary directory), then each case runs netwatch once and is
# checked against its `expect` file. One line per case, then `N passed, N failed`; exit 1 when a
# case failed. The format is in scripts/reliability/README.md.
#
#   scripts/reliability/run-crafted.sh [OUTDIR]
#   NETWATCH=.build/release/netwatch scripts/reliability/run-crafted.sh   (default .build/debug/netwatch)
#   CRAFTED_ONLY=REGEX scripts/reliability/run-crafted.sh                  (only the cases it matches)
exec python3 "$(dirname "$0")/crafted_runner.py" "$@"
