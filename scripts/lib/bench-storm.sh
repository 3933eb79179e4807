# Shared by the benchmarks that compare netwatch with `ss` and the bare netlink floor: builds
# the release binaries and the floor, then fills a private namespace (scripts/lib/namespace.sh)
# with loopback TIME_WAIT entries toward five destinations plus held ESTABLISHED connections.
# Source it after namespace.sh, then call:
#   bench_storm LABEL SOCKETS CONNECTIONS   "$NS" holds SOCKETS TIME_WAIT + 2×CONNECTIONS ESTABLISHED;
#                                           the floor binary is "$NS_WORK/diag-floor"

bench_storm() {
  local label=$1 sockets=$2 connections=$3
  local floor_src=../shared/tools/diag-floor.c
  [ -f "$floor_src" ] || { echo "$0: $floor_src not found (the shared floor tool)" >&2; exit 2; }
  [ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null   # GNU time, for CPU and peak RSS
  ns_start "$label"
  swift build -c release --product netwatch --quiet
  swift build -c release --product netwatch-load --quiet
  cc -O2 -o "$NS_WORK/diag-floor" "$floor_src"
  # 64k ports per destination; five destinations hold up to 320k time-wait entries.
  inns sh -c 'echo "1024 65535" > /proc/sys/net/ipv4/ip_local_port_range'
  ns_load_until_ready .build/release/netwatch-load --time-wait "$sockets" \
    --destinations 127.0.0.1:7001,127.0.0.2:7002,127.0.0.3:7003,127.0.0.4:7004,[::1]:7005 \
    --established "$connections" --hold 300
}
