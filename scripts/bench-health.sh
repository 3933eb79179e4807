#!/usr/bin/env bash
# What connection health costs (issue 18): the collector's socket walk with the INET_DIAG_INFO
# extension (tcp_info for every socket) against the same walk without it, beside `ss -tani`, in
# one run. Fills a private namespace with SOCKETS sockets: up to half ESTABLISHED (held connections,
# the sockets that carry a tcp_info; TIME_WAIT entries carry none), as many as the hard fd limit
# lets netwatch-load hold (two fds per connection), and TIME_WAIT for the rest.
# Usage (root): scripts/bench-health.sh [SOCKETS=100000] [RUNS=15]
set -euo pipefail
cd "$(dirname "$0")/.."
sockets=${1:-100000}
runs=${2:-15}
source scripts/lib/namespace.sh
source scripts/lib/bench-storm.sh
swift build -c release --product netwatch-bench --quiet
connections=$(( (sockets / 4) < ($(ulimit -Hn) - 2000) / 2 ? sockets / 4 : ($(ulimit -Hn) - 2000) / 2 ))
bench_storm health "$((sockets - 2 * connections))" "$connections"

echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), kernel $(uname -r), $(nproc) cores, $(date -u +%F)"
inns "$PWD/.build/release/netwatch-bench" walk "$runs"
inns python3 - "$runs" <<'PY'
import statistics, subprocess, sys, time
runs = int(sys.argv[1])
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(["ss", "-tani"], stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
print(f"ss -tani > /dev/null   median {statistics.median(times):.1f} ms  (whole process)")
PY
