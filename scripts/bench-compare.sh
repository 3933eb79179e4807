#!/usr/bin/env bash
# Side-by-side CPU of several netwatch dashboards (issues 12 and 14: a change measured against
# the round-1 binary on a shared machine). Each NAME=BINARY runs at a 1 s interval in its own
# 120x40 tmux pane, all in one private namespace holding ~1k loopback sockets of netwatch-load
# (480 held connections + 20 CLOSE_WAIT); every round reads each one's utime+stime from
# /proc/PID/stat over the same window, so other load on the machine weighs on all alike.
# Options (environment):
#   NSCOUNT=N   also make N namespaces with 250 held connections each (500 sockets)
#   HOSTNS=1    run the dashboards in the host's namespace (with NSCOUNT: as bench-netns.sh)
#   NSVIEW=1    press `n` in each (the namespaces view open)
#   STRACE=1    after the rounds, each dashboard's system calls over 10 s (strace -c -f)
# Name each BINARY's file `netwatch` (its command name is looked for). Everything it creates is
# removed on exit.
# Usage (root): scripts/bench-compare.sh ROUNDS WINDOW_SECONDS NAME=BINARY...
#   e.g. scripts/bench-compare.sh 4 60 r1=/tmp/r1/.build/release/netwatch now=.build/release/netwatch
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "bench-compare: needs root (network namespaces)" >&2; exit 2; }
[ $# -ge 3 ] || { echo "usage: scripts/bench-compare.sh ROUNDS WINDOW_SECONDS NAME=BINARY..." >&2; exit 2; }
rounds=$1; window=$2; shift 2
swift build -c release --product netwatch-load --quiet
load="$PWD/.build/release/netwatch-load"
work=$(mktemp -d /tmp/nwbench-compare-XXXXXX)
sock="nwbench-compare-$$"; ns="nwbcmp-$$"
loadpids=(); namespaces=()
tm() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
  set +e
  tm kill-server 2>/dev/null
  for p in "${loadpids[@]}"; do kill "$p"; done
  for p in "${loadpids[@]}"; do wait "$p"; done
  for n in "${namespaces[@]}"; do ip netns del "$n"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
make_load() {   # NS OUT ARGS...
  local n=$1 out=$2; shift 2
  ip netns add "$n"; namespaces+=("$n"); ip netns exec "$n" ip link set lo up
  ip netns exec "$n" "$load" "$@" --hold 3600 >"$out" 2>&1 & loadpids+=($!)
}
make_load "$ns" "$work/load.out" --established 480 --close-wait 20
for i in $(seq 1 "${NSCOUNT:-0}"); do make_load "nwbcmp$i-$$" "$work/ready-$i" --established 250; done
for out in "$work"/load.out "$work"/ready-*; do
  [ -e "$out" ] || continue
  until grep -q '^READY' "$out"; do sleep 0.1; done
done
tm new-session -d -s hold -x 120 -y 40 "sleep 86400"
declare -A pid
names=()
for spec in "$@"; do
  name=${spec%%=*}; bin=$(realpath "${spec#*=}"); names+=("$name")
  if [ "${HOSTNS:-0}" = 1 ]; then tm new-session -d -s "$name" -x 120 -y 40 "env HOME=$work $bin --interval 1; sleep 3600"
  else tm new-session -d -s "$name" -x 120 -y 40 "ip netns exec $ns $bin --interval 1; sleep 3600"; fi
done
for name in "${names[@]}"; do
  pane=$(tm display -p -t "$name" '#{pane_pid}'); p=""
  for _ in $(seq 300); do p=$(pgrep -P "$pane" -x netwatch || true); [ -n "$p" ] && break; sleep 0.1; done
  [ -n "$p" ] || { echo "bench-compare: no netwatch in $name: $(tm capture-pane -p -t "$name" | head -3)" >&2; exit 1; }
  pid[$name]=$p
  [ "${NSVIEW:-0}" = 1 ] && tm send-keys -t "$name" n
done
sleep 10
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
hz=$(getconf CLK_TCK)
echo "netwatch $(git rev-parse --short HEAD), kernel $(uname -r), $(nproc) cores, $(date -u '+%F %H:%M'); sockets in $ns: $(ip netns exec "$ns" ss -tanH | wc -l); ${NSCOUNT:-0} more namespaces; view: $([ "${NSVIEW:-0}" = 1 ] && echo namespaces || echo main)"
declare -A c0
for r in $(seq 1 "$rounds"); do
  for name in "${names[@]}"; do c0[$name]=$(ticks "${pid[$name]}"); done
  t0=$(date +%s%N); sleep "$window"; t1=$(date +%s%N)
  line="round $r ($window s):"
  for name in "${names[@]}"; do
    line+=" $name $(awk -v d=$(($(ticks "${pid[$name]}") - c0[$name])) -v ns=$((t1 - t0)) -v hz="$hz" 'BEGIN { printf "%.2f %%", d / hz / (ns / 1e9) * 100 }')"
  done
  echo "$line  (load average $(cut -d' ' -f1 /proc/loadavg))"
done
if [ "${STRACE:-0}" = 1 ]; then
  for name in "${names[@]}"; do
    timeout -s INT 10 strace -c -f -p "${pid[$name]}" -o "$work/strace-$name.txt" 2>/dev/null || true
    echo "== $name: system calls over 10 s"; head -25 "$work/strace-$name.txt"
  done
fi
