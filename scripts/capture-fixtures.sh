#!/usr/bin/env bash
# Captures the fixture trees the parser and collector tests run on, from a real storm made by
# netwatch-load in a private network namespace, with `ss` output taken at the same moment as
# the oracle. Run as root from the package root after `swift build`:
#   scripts/capture-fixtures.sh
# Writes Tests/Fixtures/{proc-storm,proc-no-ipv6,netlink-storm}. Commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
load=.build/debug/netwatch-load
[ -x "$load" ] || { echo "capture-fixtures: build first: swift build" >&2; exit 2; }

source scripts/lib/namespace.sh
ns_start capture
cc -O2 -o "$NS_WORK/record-netlink" scripts/tools/record-netlink.c
ns_load_until_ready "$load" --time-wait 1200 --established 12 --close-wait 6 --backlog 4 --overflow 2 --hold 120
genpid=$(sed -n 's/^READY .*"pid": *\([0-9]*\).*/\1/p' "$NS_READY")

storm=Tests/Fixtures/proc-storm
rm -rf "$storm" Tests/Fixtures/netlink-storm
mkdir -p "$storm/net" "$storm/sys/net/ipv4" "$storm/sys/net/core" "$storm/sys/fs" "$storm/sys/kernel" Tests/Fixtures/netlink-storm
for f in tcp tcp6 sockstat sockstat6 snmp netstat; do inns cat "/proc/net/$f" >"$storm/net/$f"; done
inns ss -tanH >"$storm/ss-tan.txt"
inns ss -tlnH >"$storm/ss-tln.txt"
inns "$NS_WORK/record-netlink" 4 Tests/Fixtures/netlink-storm/inet4.frames
inns "$NS_WORK/record-netlink" 6 Tests/Fixtures/netlink-storm/inet6.frames
inns ss -tanH >Tests/Fixtures/netlink-storm/ss-tan.txt
for f in ip_local_port_range ip_local_reserved_ports tcp_tw_reuse tcp_tw_reuse_delay tcp_timestamps tcp_fin_timeout tcp_max_tw_buckets \
         tcp_max_syn_backlog tcp_syncookies tcp_keepalive_time tcp_keepalive_intvl tcp_keepalive_probes; do
  inns cat "/proc/sys/net/ipv4/$f" >"$storm/sys/net/ipv4/$f"
done
inns cat /proc/sys/net/core/somaxconn >"$storm/sys/net/core/somaxconn"
for f in file-max file-nr nr_open; do cat "/proc/sys/fs/$f" >"$storm/sys/fs/$f"; done
echo "storm-host" >"$storm/sys/kernel/hostname"
cat /proc/sys/kernel/osrelease >"$storm/sys/kernel/osrelease"
# The load generator's process: comm, limits, and its fd links (socket:[INODE] targets kept).
mkdir -p "$storm/$genpid/fd"
cat "/proc/$genpid/comm" >"$storm/$genpid/comm"
cat "/proc/$genpid/limits" >"$storm/$genpid/limits"
for link in /proc/"$genpid"/fd/*; do ln -s "$(readlink "$link")" "$storm/$genpid/fd/$(basename "$link")"; done
echo "$genpid" >"$storm/loadgen.pid"

# The same host without IPv6: no tcp6, no sockstat6.
noipv6=Tests/Fixtures/proc-no-ipv6
rm -rf "$noipv6"
cp -a "$storm" "$noipv6"
rm "$noipv6/net/tcp6" "$noipv6/net/sockstat6"
grep -v '::' "$storm/ss-tan.txt" | grep -v '\[' >"$noipv6/ss-tan.txt" || true
echo "captured: $storm, $noipv6, Tests/Fixtures/netlink-storm (load generator pid $genpid)"
