#!/usr/bin/env bash
# Benchmark for the conntrack dump (issue 15). Builds release binaries, makes ENTRIES tracked
# loopback flows in a private network namespace (an nftables rule there uses conntrack), then
# times, side by side in one run:
#   conntrack -L > /dev/null  |  netwatch snapshot --sample 0 > /dev/null  |  ctnetlink floor
# (the floor is scripts/tools/record-ctnetlink writing the bare dump to /dev/null: what the
# kernel's side of the dump costs).
# The flows are TIME_WAIT connections. Their sockets leave the socket table after 60 s, while the
# namespace's own nf_conntrack_tcp_timeout_time_wait is raised to 600 s (a per-namespace setting;
# nothing global is changed), so after the wait netwatch's whole process is dominated by the
# ctnetlink dump rather than by a socket walk. nf_conntrack_max is the host's and is only read.
# Usage (root): scripts/bench-conntrack.sh [ENTRIES=100000] [RUNS=15]
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-100000}
runs=${2:-15}
source scripts/lib/namespace.sh
command -v conntrack >/dev/null && command -v nft >/dev/null || { echo "$0: needs conntrack and nft: run scripts/setup" >&2; exit 2; }
limit=$(cat /proc/sys/net/netfilter/nf_conntrack_max)
if [ "$entries" -gt "$limit" ]; then
  echo "$0: $entries entries do not fit the host's nf_conntrack_max ($limit); not raising it, measuring at $limit" >&2
  entries=$limit
fi

ns_start ctbench
swift build -c release --product netwatch --quiet
swift build -c release --product netwatch-load --quiet
cc -O2 -o "$NS_WORK/ctnetlink-floor" scripts/tools/record-ctnetlink.c
printf '%s\n' 'table inet nwbench {' '  chain out { type filter hook output priority 0; ct state new accept; }' '}' | inns nft -f -
inns sh -c 'echo 600 > /proc/sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait'
inns sh -c 'echo "1024 65535" > /proc/sys/net/ipv4/ip_local_port_range'
inns sh -c "echo $((entries + 10000)) > /proc/sys/net/ipv4/tcp_max_tw_buckets"
ns_load_until_ready .build/release/netwatch-load --time-wait "$entries" \
  --destinations 127.0.0.1:7001,127.0.0.2:7002,127.0.0.3:7003,[::1]:7004 --hold 1
wait "$NS_LOADPID" || true
NS_LOADPID=""
echo "waiting 61 s for the TIME_WAIT sockets to leave the socket table (conntrack keeps the flows)" >&2
sleep 61

echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), kernel $(uname -r), $(nproc) cores, $(date -u +%F), host nf_conntrack_max $limit"
inns python3 scripts/bench/conntrack.py --runs "$runs" --netwatch "$PWD/.build/release/netwatch" --floor "$NS_WORK/ctnetlink-floor"
