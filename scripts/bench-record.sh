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
floor_src=../shared/tools/diag-floor.c
[ -f "$floor_src" ] || { echo "bench-record: $floor_src not found (the shared floor tool)" >&2; exit 2; }
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null   # GNU time, for CPU and peak RSS

source scripts/lib/namespace.sh
ns_start rec
swift build -c release --product netwatch --quiet
swift build -c release --product netwatch-load --quiet
cc -O2 -o "$NS_WORK/diag-floor" "$floor_src"
inns sh -c 'echo "1024 65535" > /proc/sys/net/ipv4/ip_local_port_range'
ns_load_until_ready .build/release/netwatch-load --time-wait "$sockets" \
  --destinations 127.0.0.1:7001,127.0.0.2:7002,127.0.0.3:7003,127.0.0.4:7004,[::1]:7005 \
  --established 250 --hold 300

echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), kernel $(uname -r), $(nproc) cores, $(date -u +%F), $sockets TIME_WAIT + 500 ESTABLISHED"
inns python3 scripts/bench/record.py --lines "$lines" --netwatch "$PWD/.build/release/netwatch" --floor "$NS_WORK/diag-floor"
