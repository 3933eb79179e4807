#!/usr/bin/env python3
"""Times `conntrack -L`, `netwatch snapshot` and the bare ctnetlink dump side by side,
interleaved, and prints medians and ratios. Run inside the benchmark namespace by scripts/bench-conntrack.sh. Peak RSS comes
from GNU time (`/usr/bin/time -f %M`) when it is installed.
"""
import argparse
import json
import statistics
import subprocess

from timing import peak_rss_mb, run_once


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--netwatch", required=True)
    parser.add_argument("--floor", required=True, help="record-ctnetlink, run with /dev/null as its output")
    args = parser.parse_args()

    commands = {
        "conntrack -L > /dev/null": ["conntrack", "-L"],
        "netwatch snapshot --sample 0 > /dev/null": [args.netwatch, "snapshot", "--sample", "0"],
        "ctnetlink floor (bare dump)": [args.floor, "/dev/null"],
    }
    wall = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            wall[name].append(run_once(argv))
    rss = {name: [peak_rss_mb(argv) for _ in range(3)] for name, argv in commands.items()}

    dump_ms, counts, dumped, sockets = [], [], [], []
    for _ in range(args.runs):
        out = subprocess.run([args.netwatch, "snapshot", "--sample", "0"], capture_output=True, check=True).stdout
        snap = json.loads(out)
        dump_ms.append(snap["collector"]["conntrack_ms"])
        counts.append(snap["conntrack"]["count"])
        dumped.append(snap["conntrack"]["dumped"])
        sockets.append(snap["states"]["total"])

    med = {name: statistics.median(values) for name, values in wall.items()}
    ct, nw = med["conntrack -L > /dev/null"], med["netwatch snapshot --sample 0 > /dev/null"]
    floor = med["ctnetlink floor (bare dump)"]
    print(f"conntrack entries: {statistics.median(counts):.0f} (dumped {statistics.median(dumped):.0f}), "
          f"sockets: {statistics.median(sockets):.0f}   runs: {args.runs} (medians)")
    print(f"{'command':<44} {'wall ms':>9} {'min':>8} {'max':>8} {'peak RSS MB':>12}")
    for name in commands:
        print(f"{name:<44} {med[name]:>9.1f} {min(wall[name]):>8.1f} {max(wall[name]):>8.1f} {max(rss[name]):>12.1f}")
    dump = statistics.median(dump_ms)
    print(f"{'netwatch ctnetlink dump+aggregation':<44} {dump:>9.1f} {min(dump_ms):>8.1f} {max(dump_ms):>8.1f}")
    print()
    ratio = nw / ct
    print(f"{'netwatch snapshot / conntrack -L':<44} {ratio:>9.2f}   target <= 0.5   {'ok' if ratio <= 0.5 else 'OVER TARGET'}")
    print(f"{'ctnetlink dump+aggregation / conntrack -L':<44} {dump / ct:>9.2f}")
    print(f"{'ctnetlink floor / conntrack -L':<44} {floor / ct:>9.2f}")
    print(f"{'ctnetlink dump+aggregation / floor':<44} {dump / floor:>9.2f}")


if __name__ == "__main__":
    main()
