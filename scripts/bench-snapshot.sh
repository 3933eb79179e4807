#!/usr/bin/env bash
# Benchmark for `netwatch snapshot` at scale (issue: collection engine). Builds release
# binaries, fills a private network namespace with SOCKETS loopback TIME_WAIT entries (plus
# some ESTABLISHED), then times, side by side in one run:
#   ss -tan > /dev/null  |  netwatch snapshot --sample 0 > /dev/null  |  diag-floor (bare dump)
# Usage (root): scripts/bench-snapshot.sh [SOCKETS=100000] [RUNS=15]
set -euo pipefail
cd "$(dirname "$0")/.."
sockets=${1:-100000}
runs=${2:-15}
source scripts/lib/namespace.sh
source scripts/lib/bench-storm.sh
bench_storm bench "$sockets" 500

echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), kernel $(uname -r), $(nproc) cores, $(date -u +%F)"
inns python3 scripts/bench/compare.py --runs "$runs" \
  --netwatch "$PWD/.build/release/netwatch" --floor "$NS_WORK/diag-floor"
