#!/usr/bin/env bash
# Record overhead per snapshot (issue: trends over time): in a private network namespace holding
# SOCKETS loopback TIME_WAIT entries toward five destinations plus 500 ESTABLISHED, run
# `netwatch record` for LINES lines and print its CPU time and bytes per line, side by side in
# the same run with one `netwatch snapshot --sample 0`, one `ss -tan` and the bare netlink dump.
# Usage (root): scripts/bench-record.sh [SOCKETS=10000] [LINES=50]
set -euo pipefail
cd "$(dirname "$0")/.."
sockets=${1:-10000}
lines=${2:-50}
source scripts/lib/namespace.sh
source scripts/lib/bench-storm.sh
bench_storm rec "$sockets" 250

echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), kernel $(uname -r), $(nproc) cores, $(date -u +%F), $sockets TIME_WAIT + 500 ESTABLISHED"
inns python3 scripts/bench/record.py --lines "$lines" --netwatch "$PWD/.build/release/netwatch" --floor "$NS_WORK/diag-floor"
