#!/usr/bin/env bash
# Benchmark for the live dashboard (issue 3, "Measure"). Builds release binaries and runs the
# RELEASE `netwatch` in detached 120x40 tmux sessions on a private tmux server, each inside a
# private network namespace, at a 1 s interval. It prints, side by side:
#   - CPU (% of one core) over 20 s with ~1k sockets (utime+stime from /proc/PID/stat)
#   - first frame: launch (timestamp written just before exec) until the footer of the first
#     frame has reached the terminal (tmux pipe-pane, timestamped reads), median of 5 starts
#   - terminal bytes per tick on an idle namespace where nothing changes but the clock (its own
#     PID namespace too, so the file-descriptor pane sees only netwatch), over ~10 ticks; and the
#     same with the host's /proc for comparison
#   - at BIG sockets (default 100k TIME_WAIT over 5 destinations): CPU over 20 s and per tick, the
#     collector cost the header shows on walk ticks and on the others, how often the socket table
#     is walked, the table age the header shows, and RSS at the start and end of the window.
# Figures are printed with their targets and "ok" or "OVER"; slowness never fails the script.
# Everything it creates (namespaces, tmux server, load generators, files) is removed on exit,
# also on Ctrl-C.
# Usage (root): scripts/bench-dashboard.sh [BIG=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
big=${1:-100000}
[ "$(id -u)" = 0 ] || { echo "bench-dashboard: needs root (network namespaces)" >&2; exit 2; }
for tool in tmux ip ss python3 unshare; do
  command -v "$tool" >/dev/null || { echo "bench-dashboard: $tool is missing: run scripts/setup" >&2; exit 2; }
done

echo "bench-dashboard: building release binaries" >&2
swift build -c release --product netwatch --quiet
swift build -c release --product netwatch-load --quiet
nw="$PWD/.build/release/netwatch"
load="$PWD/.build/release/netwatch-load"
panebytes="$PWD/scripts/bench/pane-bytes.py"

work=$(mktemp -d /tmp/nwbench-dash-XXXXXX)
sock="nwbench-dash-$$"
namespaces=()
loadpids=()
watched=()   # netwatch pids found in the panes

cleanup() {
  set +e
  tmux -L "$sock" kill-server 2>/dev/null
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
  for pid in "${watched[@]}"; do
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = netwatch ] && kill "$pid" 2>/dev/null
  done
  for pid in "${loadpids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "bench-dashboard: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

tm() { tmux -L "$sock" -f /dev/null "$@"; }
now_ns() { date +%s%N; }
fail() { echo "bench-dashboard: $*" >&2; exit 1; }

make_namespace() {   # NAME
  ip netns add "$1"
  namespaces+=("$1")
  ip netns exec "$1" ip link set lo up
}

start_load() {   # NS TIMEOUT_S ARGS... ; sets load_ready_ns
  local ns=$1 timeout=$2 out="$work/load-$1.out"
  shift 2
  ip netns exec "$ns" "$load" "$@" >"$out" 2>&1 &
  loadpids+=($!)
  local deadline=$(( $(date +%s) + timeout ))
  until grep -q '^READY' "$out"; do
    kill -0 "${loadpids[-1]}" 2>/dev/null || fail "netwatch-load exited early: $(cat "$out")"
    [ "$(date +%s)" -lt "$deadline" ] || fail "netwatch-load not ready after ${timeout}s"
    sleep 0.1
  done
  load_ready_ns=$(now_ns)
}

stop_loads() {
  for pid in "${loadpids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  loadpids=()
}

screen() { tm capture-pane -p -t "$1"; }

wait_for_screen() {   # SESSION REGEX TIMEOUT_S
  local deadline=$(( $(date +%s) + $3 ))
  until grep -qE "$2" <<<"$(screen "$1")"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "session $1: '$2' not on screen after $3 s: $(screen "$1")"
    sleep 0.05
  done
}

descendant_named() {   # PID NAME: the first process called NAME under PID
  local queue=("$1") pid
  while [ ${#queue[@]} -gt 0 ]; do
    pid=${queue[0]}; queue=("${queue[@]:1}")
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && { echo "$pid"; return 0; }
    queue+=($(cat /proc/"$pid"/task/*/children 2>/dev/null))
  done
  return 1
}

start_dashboard() {   # SESSION COMMAND...: runs COMMAND in a new session; sets dash_pid
  local session=$1
  shift
  tm new-session -d -s "$session" -x 120 -y 40 "$*; sleep 3600"
  wait_for_screen "$session" '^ netwatch ' 30
  dash_pid=$(descendant_named "$(tm display -p -t "$session" '#{pane_pid}')" netwatch) || fail "no netwatch in $session"
  watched+=("$dash_pid")
}

cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }   # utime + stime
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)
cpu_percent() { awk -v d="$1" -v ns="$2" -v hz="$hz" 'BEGIN { printf "%.2f", d / hz / (ns / 1e9) * 100 }'; }
sockets_in() { ip netns exec "$1" ss -tanH | wc -l; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 <= t + 0) ? "ok" : "OVER" }'; }

# One private tmux server for every session; a holder session keeps it up between them
# (killing the last session would end the server while the next one connects).
tm new-session -d -s hold -x 120 -y 40 "sleep 86400"

rows=()
row() { rows+=("$(printf '  %-46s %16s %11s  %s' "$1" "$2" "$3" "$4")"); }
section() { rows+=("$1"); }
notes=()

# ---------------------------------------------------------------- ~1k sockets: CPU, first frame
ns1k="nwbd1k-$$"
make_namespace "$ns1k"
echo "bench-dashboard: ~1k sockets in $ns1k" >&2
# 800 ESTABLISHED (held), 150 TIME_WAIT (they age out after 60 s: measured before that),
# 20 CLOSE_WAIT + 20 FIN_WAIT2, 5 listeners.
start_load "$ns1k" 60 --established 400 --time-wait 150 --close-wait 20 --hold 600
start_dashboard cpu ip netns exec "$ns1k" "$nw" --interval 1
sleep 3
before_sockets=$(sockets_in "$ns1k")
t0=$(now_ns); c0=$(cpu_ticks "$dash_pid")
sleep 20
t1=$(now_ns); c1=$(cpu_ticks "$dash_pid")
after_sockets=$(sockets_in "$ns1k")
cpu1k=$(cpu_percent $((c1 - c0)) $((t1 - t0)))
section "~1k sockets ($before_sockets at the start of the window, $after_sockets at the end)"
row "CPU over 20 s (% of one core)" "$cpu1k %" "<= 1 %" "$(verdict "$cpu1k" 1)"
row "CPU per tick" "$(awk -v d=$((c1 - c0)) -v hz="$hz" -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f ms", d / hz * 1000 / (ns / 1e9) }')" "" ""
tm kill-session -t cpu

# First frame: the pane waits for Enter, writes the time and execs netwatch.
cat >"$work/launch.sh" <<'EOF'
#!/bin/sh
start=$1; shift
IFS= read -r _
date +%s%N > "$start"
exec "$@"
EOF
chmod +x "$work/launch.sh"
frames=()
for i in 1 2 3 4 5; do
  s="ff$i"
  tm new-session -d -s "$s" -x 120 -y 40 "ip netns exec $ns1k $work/launch.sh $work/$s.start $nw --interval 1; sleep 3600"
  tm pipe-pane -o -t "$s" "exec python3 $panebytes log $work/$s.raw $work/$s.idx $work/$s.ready"
  for _ in $(seq 1 200); do [ -e "$work/$s.ready" ] && break; sleep 0.02; done
  [ -e "$work/$s.ready" ] || fail "pipe-pane logger for $s did not start"
  tm send-keys -t "$s" Enter
  ms=""
  for _ in $(seq 1 200); do
    if [ -s "$work/$s.start" ] && ms=$(python3 "$panebytes" first-frame "$work/$s.raw" "$work/$s.idx" "$(cat "$work/$s.start")" quit 2>/dev/null); then break; fi
    ms=""; sleep 0.05
  done
  [ -n "$ms" ] || fail "no first frame in $s: $(screen "$s")"
  frames+=("$ms")
  watched+=("$(descendant_named "$(tm display -p -t "$s" '#{pane_pid}')" netwatch || true)")
  tm kill-session -t "$s"
done
first=$(printf '%s\n' "${frames[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
row "first frame after start (median of 5)" "$first ms" "<= 200 ms" "$(verdict "$first" 200)"
notes+=("first frame, each start (ms): ${frames[*]}")
stop_loads
ip netns del "$ns1k"

# ---------------------------------------------------------------- idle: terminal bytes per tick
nsidle="nwbdidle-$$"
make_namespace "$nsidle"
echo "bench-dashboard: terminal bytes per tick on idle $nsidle" >&2
measure_bytes() {   # SESSION LABEL: ~10 ticks after the first frames have settled; sets per_tick
  local s=$1
  sleep 3
  tm pipe-pane -o -t "$s" "exec python3 $panebytes log $work/$s.raw $work/$s.idx $work/$s.ready"
  for _ in $(seq 1 200); do [ -e "$work/$s.ready" ] && break; sleep 0.02; done
  [ -e "$work/$s.ready" ] || fail "pipe-pane logger for $s did not start"
  screen "$s" >"$work/$s.before"
  local from; from=$(now_ns)
  sleep 10.5
  local to; to=$(now_ns)
  screen "$s" >"$work/$s.after"
  read -r bursts bytes mean median max < <(python3 "$panebytes" ticks "$work/$s.idx" "$from" "$to")
  per_tick=$mean
  local changed
  changed=$( (diff <(nl -ba -v0 "$work/$s.before") <(nl -ba -v0 "$work/$s.after") || true) | awk '/^>/ { printf "%s ", $2 }')
  notes+=("$2: $bursts ticks, $bytes bytes (per tick: mean $mean, median $median, max $max); screen rows that changed over the window: ${changed:-none}")
}
start_dashboard idle ip netns exec "$nsidle" unshare --pid --fork --mount-proc "$nw" --interval 1
measure_bytes idle "bytes, idle + own PID namespace"
section "idle namespace: nothing changes but the clock"
row "terminal bytes per tick (own PID namespace)" "$per_tick B" "<= 300 B" "$(verdict "$per_tick" 300)"
start_dashboard idlehost ip netns exec "$nsidle" "$nw" --interval 1
measure_bytes idlehost "bytes, idle namespace, host /proc"
row "same with the host's /proc (info)" "$per_tick B" "" ""
tm kill-session -t idle
tm kill-session -t idlehost
ip netns del "$nsidle"

# ---------------------------------------------------------------- BIG sockets: cost and cadence
nsbig="nwbdbig-$$"
make_namespace "$nsbig"
echo "bench-dashboard: $big TIME_WAIT sockets in $nsbig (this takes a while)" >&2
# 64k ports per destination; five destinations hold up to 320k time-wait entries.
ip netns exec "$nsbig" sh -c 'echo "1024 65535" > /proc/sys/net/ipv4/ip_local_port_range'
start_load "$nsbig" 300 --time-wait "$big" \
  --destinations 127.0.0.1:7001,127.0.0.2:7002,127.0.0.3:7003,127.0.0.4:7004,[::1]:7005 \
  --established 500 --hold 300
build_ms=$(sed -n 's/^READY .*"build_ms":\([0-9]*\).*/\1/p' "$work/load-$nsbig.out")
start_dashboard big ip netns exec "$nsbig" "$nw" --interval 1
sleep 3
tw0=$(ip netns exec "$nsbig" awk '/^TCP:/ { print $7 }' /proc/net/sockstat)
t0=$(now_ns); c0=$(cpu_ticks "$dash_pid"); r0=$(rss_mb "$dash_pid")
: >"$work/headers"
rmax=$r0
end=$(( $(date +%s) + 20 ))
while [ "$(date +%s)" -lt "$end" ]; do
  screen big | head -1 >>"$work/headers"
  rmax=$(awk -v a="$rmax" -v b="$(rss_mb "$dash_pid")" 'BEGIN { print (b + 0 > a + 0) ? b : a }')
  sleep 0.2
done
t1=$(now_ns); c1=$(cpu_ticks "$dash_pid"); r1=$(rss_mb "$dash_pid")
tw1=$(ip netns exec "$nsbig" awk '/^TCP:/ { print $7 }' /proc/net/sockstat)
inuse=$(ip netns exec "$nsbig" awk '/^TCP:/ { print $3 }' /proc/net/sockstat)
seconds=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", ns / 1e9 }')
cpubig=$(cpu_percent $((c1 - c0)) $((t1 - t0)))
# One header per tick: the clock at the right changes on every tick's frame.
cadence=$(awk '
  { clock = $NF; if (clock == last) next; last = clock; n++
    cost = ""; age = ""
    if (match($0, /cost [0-9.]+ ms/)) cost = substr($0, RSTART + 5, RLENGTH - 8) + 0
    if (match($0, /table [^ ]+ old/)) age = substr($0, RSTART + 6, RLENGTH - 10)
    if (cost >= 10) { walks++; wsum += cost; if (cost > wmax) wmax = cost } else { others++; osum += cost }
    if (age != "") { stale++; ages[age]++ } }
  END {
    agelist = ""; for (a in ages) agelist = agelist a " x" ages[a] " "
    printf "%d|%d|%d|%.1f|%.1f|%.2f|%d|%s\n", n, walks, others, walks ? wsum / walks : 0, wmax, others ? osum / others : 0, stale, agelist
  }' "$work/headers")
IFS='|' read -r ticks walks others wcost wmax ocost stale agelist <<<"$cadence"
section "$big TIME_WAIT (sockstat tw $tw0 at the start, $tw1 at the end) + $inuse other sockets"
row "CPU over ${seconds} s (% of one core)" "$cpubig %" "report" ""
row "CPU per tick" "$(awk -v d=$((c1 - c0)) -v hz="$hz" -v n="$ticks" 'BEGIN { printf "%.1f ms", n ? d / hz * 1000 / n : 0 }')" "report" ""
row "collector cost in the header, walk ticks" "$wcost ms (max $wmax)" "report" ""
row "collector cost in the header, other ticks" "$ocost ms" "report" ""
row "socket table walked on" "$walks of $ticks ticks" "report" ""
row "header shows the table's age on" "$stale of $ticks ticks" "report" ""
row "RSS start / max / end of the window (MB)" "$r0 / $rmax / $r1" "<= 40 MB" "$(verdict "$rmax" 40)"
notes+=("at $big: load built in ${build_ms:-?} ms; window ${seconds} s; table ages shown: ${agelist:-none}")
notes+=("at $big: header of the last tick: $(awk '{ l = $0 } END { print l }' "$work/headers")")

# ---------------------------------------------------------------- report
echo
echo "netwatch $(git rev-parse --short HEAD 2>/dev/null || echo '?') (release), kernel $(uname -r), $(nproc) cores, $(date -u +%F), tmux $(tmux -V | cut -d' ' -f2), TERM=$(tm show -gv default-terminal 2>/dev/null || echo '?') 120x40, interval 1 s"
printf '  %-46s %16s %11s  %s\n' "figure" "value" "target" "verdict"
printf '%s\n' "${rows[@]}"
echo
printf '%s\n' "${notes[@]}"
