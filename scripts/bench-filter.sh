#!/usr/bin/env bash
# Benchmark for the port filter (issue: filter and drill down): ~100k sockets in a private
# namespace, one port holding ~1% of them; filtered vs unfiltered socket-walk cost side by side,
# with ss and the same filter for reference.
# Usage (root): scripts/bench-filter.sh [SOCKETS=100000] [RUNS=15]
set -euo pipefail
cd "$(dirname "$0")/.."
sockets=${1:-100000}
runs=${2:-15}
source scripts/lib/namespace.sh
ns_start filter
swift build -c release --product netwatch --quiet
swift build -c release --product netwatch-load --quiet
inns sh -c 'echo "1024 65535" > /proc/sys/net/ipv4/ip_local_port_range'
ns_load_until_ready .build/release/netwatch-load --time-wait "$sockets" \
  --destinations 127.0.0.1:7001,127.0.0.2:7002,127.0.0.3:7003,127.0.0.4:7004,[::1]:7005 --hold 300
# The filtered service: ~1% of the sockets, from a second generator (its own listeners).
hot=$((sockets / 100))
inns .build/release/netwatch-load --time-wait "$hot" --destinations 127.0.0.6:7443 \
  --service 127.0.0.6:7444 --leaky 127.0.0.6:7445 --hold 300 >"$NS_WORK/hot" &
for _ in $(seq 1 300); do grep -q '^READY' "$NS_WORK/hot" 2>/dev/null && break; sleep 0.1; done
grep -q '^READY' "$NS_WORK/hot" || { echo "bench-filter: the second generator did not get ready" >&2; exit 1; }

echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), kernel $(uname -r), $(nproc) cores, $(date -u +%F)"
inns python3 scripts/bench/filter.py --netwatch "$PWD/.build/release/netwatch" --port 7443 --runs "$runs"
pkill -f "netwatch-load --time-wait $hot --destinations 127.0.0.6:7443" 2>/dev/null || true
