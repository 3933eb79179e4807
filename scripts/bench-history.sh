#!/usr/bin/env bash
# What the dashboard's history costs (issue: trends over time). Fills a History one snapshot per
# tick on a synthetic clock (no waiting: a day at 1 s takes about a second) for several windows,
# and prints for each the points held, the bytes History.bytes computes, the RSS growth measured
# while it filled, and the cost per tick. The snapshot recorded is the storm fixture's.
# Usage: scripts/bench-history.sh [INTERVAL_SECONDS=1]
set -euo pipefail
cd "$(dirname "$0")/.."
interval=${1:-1}
swift build -c release --product netwatch --quiet
swift build -c release --product netwatch-bench --quiet
snapshot=$(mktemp)
trap 'rm -f "$snapshot"' EXIT
.build/release/netwatch snapshot --proc-root Tests/Fixtures/proc-storm > "$snapshot"
echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%F); each run fills the window and one hour more"
for window in 900 3600 21600 86400; do
  .build/release/netwatch-bench history "$snapshot" "$window" "$interval"
done
