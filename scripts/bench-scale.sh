#!/usr/bin/env bash
# Scale benchmark (issue 17: past what this machine can hold live). Side by side, in one run, for
# each socket count (default 10k, 100k, 1M):
#   netwatch snapshot --sample 0 --proc-root TREE   on a generated proc tree (scripts/bench/proc-tree.py)
#   ss -tan with PROC_ROOT=TREE                       (ss reads the same /proc/net/tcp{,6})
#   netwatch-bench sockdiag TREE FRAMES4 FRAMES6      sock_diag replies recorded at 100k in a storm
#                                                     namespace (scripts/tools/record-netlink.c),
#                                                     scaled by scripts/bench/replicate-netlink.py,
#                                                     through the live path's parser and aggregation
#   cat FRAMES4 FRAMES6                               reading the replies, for scale
# printing median wall and CPU time and peak RSS (GNU time) of each; then, at the largest count,
# netwatch on a tree whose every socket comes from its own client address (the peers' worst case).
# Usage (root): scripts/bench-scale.sh [--before OLD_NETWATCH] [COUNT...]
# The trees and replies (about 300 MB at 1M) go to .build/bench-scale, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
before=()
if [ "${1:-}" = --before ]; then before=(--before "$2"); shift 2; fi
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000 1000000)
work=$PWD/.build/bench-scale
rm -rf "$work" && mkdir -p "$work"

source scripts/lib/namespace.sh
source scripts/lib/bench-storm.sh
swift build -c release --product netwatch-bench --quiet
cc -O2 -o "$work/record-netlink" scripts/tools/record-netlink.c
# The recording: 100k TIME_WAIT toward five destinations (one IPv6) plus 1000 ESTABLISHED.
bench_storm scale 100000 500
inns "$work/record-netlink" 4 "$work/recorded.inet4"
inns "$work/record-netlink" 6 "$work/recorded.inet6"
ns_cleanup
trap 'rm -rf "$work"' EXIT

recorded4=$(python3 scripts/bench/replicate-netlink.py --count "$work/recorded.inet4")
recorded6=$(python3 scripts/bench/replicate-netlink.py --count "$work/recorded.inet6")
echo "recorded: $recorded4 IPv4 and $recorded6 IPv6 sockets"
for n in "${counts[@]}"; do
  python3 scripts/bench/proc-tree.py "$work/tree-$n" "$n"
  v4=$(( n * recorded4 / (recorded4 + recorded6) ))
  python3 scripts/bench/replicate-netlink.py "$work/recorded.inet4" "$work/$n.inet4" "$v4" >/dev/null
  python3 scripts/bench/replicate-netlink.py "$work/recorded.inet6" "$work/$n.inet6" "$(( n - v4 ))" >/dev/null
done

echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), kernel $(uname -r), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
python3 scripts/bench/scale.py --work "$work" --netwatch "$PWD/.build/release/netwatch" \
  --bench "$PWD/.build/release/netwatch-bench" "${before[@]}" "${counts[@]}"

n=${counts[-1]}
python3 scripts/bench/proc-tree.py "$work/clients-$n" "$n" --one-client-each
echo
echo "$n sockets, each from a client address of its own (one run each):"
for nw in ${before[1]:-} "$PWD/.build/release/netwatch"; do
  /usr/bin/time -f "  %e s wall  %U+%S s CPU  %M KB max RSS  $nw" "$nw" snapshot --sample 0 --proc-root "$work/clients-$n" >/dev/null
done
