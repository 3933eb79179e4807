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
floor_src=../shared/tools/diag-floor.c
[ -f "$floor_src" ] || { echo "bench-snapshot: $floor_src not found (the shared floor tool)" >&2; exit 2; }
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null   # GNU time, for peak RSS

source scripts/lib/namespace.sh
ns_start bench
swift build -c release --product netwatch --quiet
swift build -c release --product netwatch-load --quiet
cc -O2 -o "$NS_WORK/diag-floor" "$floor_src"
# 64k ports per destination; five destinations hold up to 320k time-wait entries.
inns sh -c 'echo "1024 65535" > /proc/sys/net/ipv4/ip_local_port_range'
ns_load_until_ready .build/release/netwatch-load --time-wait "$sockets" \
  --destinations 127.0.0.1:7001,127.0.0.2:7002,127.0.0.3:7003,127.0.0.4:7004,[::1]:7005 \
  --established 500 --hold 300

echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), kernel $(uname -r), $(nproc) cores, $(date -u +%F)"
inns python3 scripts/bench/compare.py --runs "$runs" \
  --netwatch "$PWD/.build/release/netwatch" --floor "$NS_WORK/diag-floor"
