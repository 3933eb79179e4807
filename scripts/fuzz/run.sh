#!/usr/bin/env bash
# Builds the libFuzzer targets (Sources/NetwatchFuzz) with -sanitize=fuzzer,address and runs each
# for SECONDS (default 60), or only the TARGETs named. Seeds come from Tests/Fixtures, a recording
# of the storm fixture, the shipped themes and config sample, and every kept crash input in
# Tests/Fuzz/regressions/TARGET (run first, so a regression fails at once). The working corpus
# grows in .build/fuzz/corpus; a crash is written to .build/fuzz/crashes and fails the run.
#   scripts/fuzz/run.sh 3        # the CI smoke run: every target, 3 s each
#   scripts/fuzz/run.sh 600 chain
# Prints one line per target (runs, seconds, crashes) and a closing total.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
seconds=${1:-60}
shift || true
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz/run.sh [SECONDS] [TARGET...]" >&2; exit 2; }
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(proc-net-tcp sockstat counter-table process-files sysctl sock-diag tcp-info conntrack-stat
                                      ctnetlink port-set json snapshot recording config theme bpf-maps chain)
work=.build/fuzz
scratch=$work/build
binary=$work/netwatch-fuzz

# The sanitized build has its own scratch path, so the ordinary build's cache stays as it is.
swift build --scratch-path "$scratch" --target NetwatchFuzz -Xswiftc -sanitize=fuzzer,address \
  -Xcc -fsanitize=fuzzer-no-link,address 2>&1 | grep -Ev 'warning: Cannot export' | tail -1
objects=$(find "$scratch/debug/NetwatchCore.build" "$scratch/debug/NetwatchLinux.build" "$scratch/debug/CNetlink.build" \
  "$scratch/debug/NetwatchBPF.build" "$scratch/debug/NetwatchUI.build" "$scratch/debug/NetwatchFuzz.build" -name '*.o')
# shellcheck disable=SC2086
swiftc -sanitize=fuzzer,address $objects -lbpf -o "$binary" 2>&1 | grep -Ev 'warning: Cannot export' || true
[[ -x "$binary" ]] || { echo "fuzz: linking $binary failed" >&2; exit 1; }

# Seeds: fixture files for the parsers; two recorded lines and an export for the JSON targets.
seeds=$work/seeds
rm -rf "$seeds"
for tree in Tests/Fixtures/proc-*; do
  name=$(basename "$tree")
  mkdir -p "$seeds"/{proc-net-tcp,sockstat,counter-table,process-files,sysctl}
  for f in "$tree"/net/tcp*; do [ -f "$f" ] || continue; head -c 16384 "$f" > "$seeds/proc-net-tcp/$name-$(basename "$f")"; done
  for f in "$tree"/net/sockstat*; do [ -f "$f" ] || continue; cp "$f" "$seeds/sockstat/$name-$(basename "$f")"; done
  for f in "$tree"/net/snmp "$tree"/net/netstat; do [ -f "$f" ] || continue; cp "$f" "$seeds/counter-table/$name-$(basename "$f")"; done
  for f in "$tree"/[0-9]*/limits "$tree"/[0-9]*/comm; do [ -f "$f" ] || continue; cp "$f" "$seeds/process-files/$name-$(basename "$f")"; done
  if [ -d "$tree/sys" ]; then
    find "$tree/sys" -type f | while read -r f; do cp "$f" "$seeds/sysctl/$name-$(basename "$f")"; done
  fi
done
mkdir -p "$seeds"/{sock-diag,tcp-info,port-set,config,theme,json,snapshot,recording,chain,conntrack-stat,ctnetlink}
for f in Tests/Fixtures/netlink-storm/*.frames Tests/Fixtures/netlink-health/*.frames; do
  head -c 16384 "$f" > "$seeds/sock-diag/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# tcp-info: an INET_DIAG_INFO attribute (header + the kernel's 280-byte tcp_info) cut from a recorded reply,
# and a shorter one as an older kernel sends.
python3 - "$seeds/tcp-info" <<'PY'
import struct, sys
data = open("Tests/Fixtures/netlink-health/inet4-info.frames", "rb").read()
frame = data[4:4 + struct.unpack_from("<I", data)[0]]
length = struct.unpack_from("<I", frame)[0]
attributes = frame[16 + 72:length]
open(sys.argv[1] + "/recorded", "wb").write(attributes)
open(sys.argv[1] + "/short-104", "wb").write(struct.pack("<HH", 4 + 104, 2) + attributes[4:4 + 104])
PY
for f in Tests/Fixtures/conntrack-stat/*; do [ -f "$f" ] || continue; cp "$f" "$seeds/conntrack-stat/"; done
for f in Tests/Fixtures/ctnetlink-snat/*; do [ -f "$f" ] || continue; head -c 16384 "$f" > "$seeds/ctnetlink/$(basename "$f")"; done
printf '80' > "$seeds/port-set/one"; printf '80,443,8000-8100' > "$seeds/port-set/list"
cp docs/config.sample.toml "$seeds/config/"
cp themes/*.toml "$seeds/theme/"
# bpf-maps: a tag byte, then a taken way of the connectors table (struct nw_connector_way: state 2,
# generation, last_ns, key pid/netns/AF_INET/port/127.0.0.1, value connects/established… and
# comm), then an acceptor entry (tag 1: pid, netns, accepts, emfile, enfile, other, comm).
mkdir -p "$seeds/bpf-maps"
python3 - "$seeds/bpf-maps/entries" <<'PY'
import struct, sys
key = struct.pack("<IIHH16s", 4242, 4026531840, 2, 443, bytes([127, 0, 0, 1]) + bytes(12))
value = struct.pack("<8Q", 540, 500, 40, 3, 2, 1, 4, 490) + struct.pack("<32I", *([0] * 11 + [490] + [0] * 20)) + b"curl".ljust(16, b"\0")
way = struct.pack("<IIQ", 2, 1, 123456789) + key + bytes(4) + value
way = way.ljust(256, b"\0")
acceptor = struct.pack("<II4Q", 99, 12, 1000, 17, 2, 1) + b"nginx".ljust(16, b"\0")
open(sys.argv[1], "wb").write(bytes([0]) + way + bytes([1]) + acceptor + bytes([2]) + way)
PY
for t in json snapshot recording chain; do
  cp Tests/Fuzz/base-snapshot.json "$seeds/$t/export.json"
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' Tests/Fuzz/base-snapshot.json \
    > "$seeds/$t/line.ndjson"
done

export SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
status=0 total_runs=0 total_seconds=0 total_crashes=0
mkdir -p "$work/crashes"
for target in "${targets[@]}"; do
  corpus=$work/corpus/$target
  regressions=Tests/Fuzz/regressions/$target
  mkdir -p "$corpus" "$seeds/$target"
  dirs=("$corpus" "$seeds/$target")
  [[ -d "$regressions" ]] && dirs+=("$regressions")
  log=$work/$target.log
  started=$(date +%s)
  set +e
  NETWATCH_FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
    -print_final_stats=1 -artifact_prefix="$work/crashes/$target-" "${dirs[@]}" > "$log" 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - started ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  crashes=$(grep -c '^==[0-9]*== *ERROR\|^SUMMARY: \|Test unit written to' "$log" || true)
  [[ $rc -eq 0 ]] || { status=1; [[ $crashes -gt 0 ]] || crashes=1; }
  printf '%-14s runs=%-9s seconds=%-5s crashes=%s%s\n' "$target" "${runs:-0}" "$elapsed" "$crashes" \
    "$([[ $rc -eq 0 ]] || echo "  (exit $rc; see $log)")"
  total_runs=$(( total_runs + ${runs:-0} )) total_seconds=$(( total_seconds + elapsed ))
  total_crashes=$(( total_crashes + crashes ))
done
echo "fuzz: ${#targets[@]} targets, $total_runs runs, $total_seconds s, $total_crashes crashes"
exit $status
