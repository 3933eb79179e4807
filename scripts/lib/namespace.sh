# Shared by the benchmark and capture scripts: a private network namespace with loopback up and
# a load generator in it, all removed on exit. Source it, then call `ns_start LABEL`.
#   ns_start LABEL             creates "$NS" (nw<LABEL>-<pid>) and a temp dir "$NS_WORK"; cleans up on EXIT
#   ns_load_until_ready ARGS   runs netwatch-load ARGS in "$NS", waits for READY (line in "$NS_READY")
#   inns CMD...                runs CMD inside "$NS"
NS=""
NS_WORK=""
NS_READY=""
NS_LOADPID=""

ns_cleanup() {
  if [ -n "$NS_LOADPID" ]; then kill "$NS_LOADPID" 2>/dev/null && wait "$NS_LOADPID" 2>/dev/null || true; fi
  [ -n "$NS" ] && ip netns del "$NS" 2>/dev/null || true
  [ -n "$NS_WORK" ] && rm -rf "$NS_WORK"
  return 0
}

ns_start() {
  [ "$(id -u)" = 0 ] || { echo "$0: needs root (network namespace)" >&2; exit 2; }
  NS="nw$1-$$"
  NS_WORK=$(mktemp -d)
  NS_READY="$NS_WORK/ready"
  trap ns_cleanup EXIT
  trap 'exit 130' INT TERM
  ip netns add "$NS"
  ip netns exec "$NS" ip link set lo up
}

inns() { ip netns exec "$NS" "$@"; }

ns_load_until_ready() {
  local load=$1; shift
  # Not through `inns`: a function run in the background is a subshell, and killing that on
  # exit left the load generator running (`ip netns exec` itself execs the program, so $! is it).
  ip netns exec "$NS" "$load" "$@" >"$NS_READY" &
  NS_LOADPID=$!
  for _ in $(seq 1 1200); do grep -q '^READY' "$NS_READY" 2>/dev/null && return 0; sleep 0.1; done
  echo "$0: the load generator did not get ready: $(cat "$NS_READY")" >&2
  exit 1
}
