#!/usr/bin/env bash
# Benchmark for the namespaces overview (issue 14, "Measured"). Builds release binaries, creates
# COUNT network namespaces (default 50), each with a netwatch-load holding ~500 sockets
# (250 held connections = 500 ESTABLISHED, plus the listener), and prints, side by side in one run:
#   - the dashboard at 1 s with the namespaces view open (`n`): one overview pass's CPU (the
#     view's title says it: discovery, one process scan, every namespace's counters, a tenth of
#     them walked through their own sock_diag socket with their sysctls read inside them), median
#     over 20 s, against the CPU of `for ns in …; do ip netns exec $ns ss -tan; done` over the same
#     namespaces (median of 5), target ≤ 0.1×; the dashboard's CPU over those 20 s, target ≤ 3%
#     of a core; and how often the overview is refreshed (a pass may take 1% of the time between)
#   - every namespace walked: `netwatch snapshot --all-netns --sample 0` (whole process), wall
#     and CPU, median of 5, beside the loop (no target: each walk makes the kernel go over its
#     socket hash, which all namespaces share, as each `ss` run does)
# Figures are printed with their targets and "ok" or "OVER"; slowness never fails the script.
# Everything it creates (namespaces, load generators, tmux server, files) is removed on exit,
# also on Ctrl-C. Other namespaces on the host are listed too and counted in the overview's cost.
# Usage (root): scripts/bench-netns.sh [COUNT=50]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-50}
[ "$(id -u)" = 0 ] || { echo "bench-netns: needs root (network namespaces)" >&2; exit 2; }
for tool in tmux ip ss python3; do
  command -v "$tool" >/dev/null || { echo "bench-netns: $tool is missing: run scripts/setup" >&2; exit 2; }
done

echo "bench-netns: building release binaries" >&2
swift build -c release --product netwatch --quiet
swift build -c release --product netwatch-load --quiet
nw="$PWD/.build/release/netwatch"
load="$PWD/.build/release/netwatch-load"

work=$(mktemp -d /tmp/nwbench-netns-XXXXXX)
sock="nwbench-netns-$$"
namespaces=()
loadpids=()
watched=""

cleanup() {
  set +e
  tmux -L "$sock" kill-server 2>/dev/null
  [ -n "$watched" ] && [ "$(cat "/proc/$watched/comm" 2>/dev/null)" = netwatch ] && kill "$watched" 2>/dev/null
  for pid in "${loadpids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${loadpids[@]}"; do wait "$pid" 2>/dev/null; done
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "bench-netns: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

echo "bench-netns: $count namespaces with ~500 sockets each" >&2
for i in $(seq 1 "$count"); do
  ns="nwbench-ns$i-$$"
  ip netns add "$ns"
  namespaces+=("$ns")
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" "$load" --established 250 --hold 3600 >"$work/ready-$i" 2>&1 &
  loadpids+=($!)
done
for i in $(seq 1 "$count"); do
  for _ in $(seq 1 600); do grep -q '^READY' "$work/ready-$i" 2>/dev/null && break; sleep 0.1; done
  grep -q '^READY' "$work/ready-$i" || { echo "bench-netns: load $i not ready: $(cat "$work/ready-$i")" >&2; exit 1; }
done
sockets=$(for ns in "${namespaces[@]}"; do ip netns exec "$ns" ss -tanH; done | wc -l)

measure() {   # COMMAND...: "wall_ms cpu_ms" (user+sys, children included), median of 5 by wall time
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null
    awk '{ printf "%.1f %.1f\n", $1 * 1000, ($2 + $3) * 1000 }' "$work/time"
  done | sort -n | sed -n 3p
}
printf '%s\n' "${namespaces[@]}" >"$work/names"

read -r all_wall all_cpu < <(measure "$nw" snapshot --all-netns --sample 0)
read -r loop_wall loop_cpu < <(measure bash -c 'while read -r ns; do ip netns exec "$ns" ss -tan; done <"$1"' _ "$work/names")
listed=$("$nw" snapshot --all-netns --sample 0 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["namespaces"]))')

tm() { tmux -L "$sock" -f /dev/null "$@"; }
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }   # utime + stime
hz=$(getconf CLK_TCK)
tm new-session -d -x 120 -y 40 "env LANG=C.UTF-8 HOME=$work $nw --interval 1"
for _ in $(seq 1 100); do
  watched=$(pgrep -P "$(tm display-message -p '#{pane_pid}')" -x netwatch || true)
  [ -z "$watched" ] && watched=$( [ "$(cat "/proc/$(tm display-message -p '#{pane_pid}')/comm" 2>/dev/null)" = netwatch ] && tm display-message -p '#{pane_pid}' || true)
  [ -n "$watched" ] && break
  sleep 0.1
done
[ -n "$watched" ] || { echo "bench-netns: the dashboard did not start" >&2; exit 1; }
sleep 2
tm send-keys n
sleep 5
before=$(cpu_ticks "$watched")
passes=()
for _ in $(seq 1 20); do
  sleep 1
  passes+=("$(tm capture-pane -p | sed -n 's/.*pass \([0-9]*\) ms CPU.*/\1/p' | head -1)")
done
after=$(cpu_ticks "$watched")
cpu=$(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN { printf "%.2f", t / hz / 20 * 100 }')
pass=$(printf '%s\n' "${passes[@]}" | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
period=$(awk -v p="$pass" 'BEGIN { s = p / 1000 / 0.01; printf "%d", (s <= 1 ? 1 : (s == int(s) ? s : int(s) + 1)) }')

verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print (v <= max ? "ok" : "OVER") }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "namespaces: $count made ($listed listed), sockets in them: $sockets; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-62s %9s %9s\n' "" "wall ms" "CPU ms"
printf '%-62s %9s %9s\n' "for ns; do ip netns exec \$ns ss -tan; done (median of 5)" "$loop_wall" "$loop_cpu"
printf '%-62s %9s %9s\n' "netwatch snapshot --all-netns --sample 0, whole process" "$all_wall" "$all_cpu"
printf '%-62s %9s %9s\n' "one overview pass in the dashboard (median, its title)" "" "$pass"
printf '%-62s %9s   target <= 0.1x  %s\n' "overview pass / ss loop (CPU)" "$(ratio "$pass" "$loop_cpu")x" "$(verdict "$(ratio "$pass" "$loop_cpu")" 0.1)"
printf '%-62s %9s   (every namespace walked: the kernel walks its shared socket hash per dump, as for ss)\n' "snapshot --all-netns / ss loop (CPU)" "$(ratio "$all_cpu" "$loop_cpu")x"
printf '%-62s %9s %%  target <= 3%%  %s\n' "dashboard, namespaces view open, 1 s, CPU over 20 s" "$cpu" "$(verdict "$cpu" 3)"
printf '%-62s %9s s  (a pass may take 1%% of the time between passes)\n' "overview refreshed every" "$period"
