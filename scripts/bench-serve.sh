#!/usr/bin/env bash
# Benchmark for `netwatch serve` (issue 16). Builds release binaries, fills a private network
# namespace with SOCKETS loopback TIME_WAIT entries (plus held ESTABLISHED), starts the exporter
# there and measures, side by side in one run (scripts/bench/serve.py): a scrape against
# `netwatch snapshot --sample 0`'s collection, 100 concurrent scrapes and RSS, idle CPU at a 15 s
# scrape interval, and RSS over a SOAK-second scrape soak.
# Usage (root): scripts/bench-serve.sh [SOCKETS=100000] [RUNS=15] [SOAK=600] [IDLE_SCRAPES=8]
set -euo pipefail
cd "$(dirname "$0")/.."
sockets=${1:-100000}
runs=${2:-15}
soak=${3:-600}
idle=${4:-8}
source scripts/lib/namespace.sh
source scripts/lib/bench-storm.sh
bench_storm serve "$sockets" 500

# Port 0: the storm's sockets hold local ports all over 1024-65535, 10179 perhaps among them.
# Not through `inns` (a background function is a subshell): `ip netns exec` execs, so $! is netwatch.
ip netns exec "$NS" .build/release/netwatch serve --listen 127.0.0.1:0 --min-interval 0 >"$NS_WORK/serve.out" &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null || true; ns_cleanup' EXIT
for _ in $(seq 1 100); do grep -q '^netwatch serve: listening' "$NS_WORK/serve.out" && break; sleep 0.1; done
grep -q '^netwatch serve: listening' "$NS_WORK/serve.out" || { echo "$0: netwatch serve did not start" >&2; exit 1; }
port=$(sed -n 's|^netwatch serve: listening on http://127.0.0.1:\([0-9]*\)/metrics$|\1|p' "$NS_WORK/serve.out")

echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), kernel $(uname -r), $(nproc) cores, $(date -u +%F)"
inns python3 scripts/bench/serve.py --netwatch "$PWD/.build/release/netwatch" --port "$port" --pid "$serve_pid" \
  --runs "$runs" --soak "$soak" --idle-scrapes "$idle"
