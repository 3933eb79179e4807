#!/usr/bin/env bash
# Takes the README's screenshots from real tmux captures (120x40, TERM=tmux-256color):
#   docs/dashboard.png   the dashboard during a storm
#   docs/drill.png       Enter on the selected (worst) destination: its drill view
# Usage (root):
#   scripts/docs/screenshots.sh                 a storm of its own, see below
#   scripts/docs/screenshots.sh -- COMMAND...   runs COMMAND in the pane instead (for example
#                                               `.build/release/netwatch demo`); it brings its own storm
# The storm: a private network namespace and PID namespace (so the fd pane shows only the
# storm's processes) with tcp_tw_reuse=0 (as for a remote destination: the default 2 reuses
# TIME_WAIT ports on loopback only) and netwatch-load holding 4k TIME_WAIT over two
# destinations, held connections, a leaking service (CLOSE_WAIT) and a full accept queue, and
# opening 750 connections/s; the dashboard shot is taken after SETTLE seconds (default 50: the
# trend has filled and the ports toward each destination are about three quarters used). Renders with scripts/docs/screenshot.py,
# installing Pillow into .build/docs-venv when it is missing. Removes the namespace, the tmux
# server and the processes on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
settle=${SETTLE:-50}
[ "$(id -u)" = 0 ] || { echo "screenshots: needs root (network namespace)" >&2; exit 2; }

python=python3
if ! python3 -c 'import PIL' 2>/dev/null; then
  python=.build/docs-venv/bin/python3
  if ! "$python" -c 'import PIL' 2>/dev/null; then
    echo "screenshots: installing Pillow into .build/docs-venv" >&2
    python3 -m venv .build/docs-venv && "$python" -m pip install --quiet Pillow
  fi
fi

swift build -c release --product netwatch --quiet
swift build -c release --product netwatch-load --quiet
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d /tmp/nwdocs-shots-XXXXXX)
sock="nwdocs-shots-$$"
ns=""
cleanup() {
  set +e
  tmux -L "$sock" kill-server 2>/dev/null
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
  [ -n "$ns" ] && ip netns del "$ns" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${1:-}" = "--" ]; then
  shift
  [ $# -gt 0 ] || { echo "screenshots: no COMMAND after --" >&2; exit 2; }
  command=$(printf '%q ' "$@")
  settle=${SETTLE:-20}
else
  ns="nwdocs-$$"
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" sysctl -q -w net.ipv4.tcp_tw_reuse=0
  storm="$bin/netwatch-load --time-wait 4000 --destinations 127.0.0.1:5432,127.0.0.3:6379"
  storm+=" --established 120 --service 127.0.0.1:8080 --close-wait 30 --leaky 127.0.0.1:9000"
  storm+=" --backlog 8 --overflow 12 --slow 127.0.0.1:7300 --rate 750 --duration 600 --hold 900"
  # The storm first; netwatch replaces the shell as the namespace's PID 1 once it is READY, so
  # quitting netwatch ends the storm too.
  inner="$storm > $work/load.out 2>&1 & until grep -q ^READY $work/load.out; do sleep 0.2; done; exec $bin/netwatch"
  command="ip netns exec $ns unshare --pid --fork --mount-proc sh -c '$inner'"
fi

tm() { tmux -L "$sock" -f /dev/null "$@"; }
tm new-session -d -x 120 -y 40 "env TERM=tmux-256color LANG=C.UTF-8 $command; sleep 600"
wait_for() {   # DESCRIPTION GREP_PATTERN (matched against the first screen line)
  for _ in $(seq 1 300); do
    tm capture-pane -p | head -1 | grep -q -- "$2" && return 0
    sleep 0.2
  done
  echo "screenshots: no $1 after 60 s; the screen was:" >&2
  tm capture-pane -p >&2
  exit 1
}
wait_for "dashboard" "^ netwatch "
echo "screenshots: waiting ${settle}s for the storm to settle" >&2
sleep "$settle"
tm capture-pane -e -p > "$work/dashboard.ans"
tm send-keys Enter
wait_for "drill view" " drill "
sleep 2
tm capture-pane -e -p > "$work/drill.ans"
tm send-keys q

"$python" scripts/docs/screenshot.py "$work/dashboard.ans" docs/dashboard.png
"$python" scripts/docs/screenshot.py "$work/drill.ans" docs/drill.png
echo "screenshots: wrote docs/dashboard.png and docs/drill.png" >&2
