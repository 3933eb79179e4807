#!/usr/bin/env python3
"""Times commands side by side, interleaved, and prints medians and ratios.

Run inside the benchmark namespace by scripts/bench-snapshot.sh. Each command runs
--runs times in rotation so load changes affect all of them alike. Peak RSS comes from GNU
time (`/usr/bin/time -f %M`): wait4() on a child forked from Python would include Python's
own pages.
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
    parser.add_argument("--floor", required=True)
    args = parser.parse_args()

    commands = {
        "ss -tan > /dev/null": ["ss", "-tan"],
        "netwatch snapshot --sample 0 > /dev/null": [args.netwatch, "snapshot", "--sample", "0"],
        "diag-floor (bare dump + count)": [args.floor],
    }
    wall = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            wall[name].append(run_once(argv))
    rss = {name: [peak_rss_mb(argv) for _ in range(3)] for name, argv in commands.items()}

    # netwatch's own split: socket dump + aggregation, measured inside the process.
    sockets_ms, totals = [], []
    for _ in range(args.runs):
        out = subprocess.run([args.netwatch, "snapshot", "--sample", "0"], capture_output=True, check=True).stdout
        snap = json.loads(out)
        sockets_ms.append(snap["collector"]["sockets_ms"])
        totals.append(snap["states"]["total"])

    med = {name: statistics.median(values) for name, values in wall.items()}
    ss, nw, floor = med["ss -tan > /dev/null"], med["netwatch snapshot --sample 0 > /dev/null"], med["diag-floor (bare dump + count)"]
    collect = statistics.median(sockets_ms)
    print(f"sockets in the namespace: {statistics.median(totals):.0f}   runs: {args.runs} (medians)")
    print(f"{'command':<44} {'wall ms':>9} {'min':>8} {'max':>8} {'peak RSS MB':>12}")
    for name in commands:
        print(f"{name:<44} {med[name]:>9.1f} {min(wall[name]):>8.1f} {max(wall[name]):>8.1f} {max(rss[name]):>12.1f}")
    print(f"{'netwatch collection+aggregation (in-process)':<44} {collect:>9.1f} {min(sockets_ms):>8.1f} {max(sockets_ms):>8.1f}")
    print()
    peak = max(rss["netwatch snapshot --sample 0 > /dev/null"])
    checks = [
        ("netwatch snapshot / ss -tan", nw / ss, 0.5),
        ("collection+aggregation / bare dump", collect / floor, 1.5),
        ("peak RSS MB", peak, 40.0),
    ]
    for label, value, target in checks:
        verdict = "ok" if value <= target else "OVER TARGET"
        print(f"{label:<44} {value:>9.2f}   target <= {target:<5} {verdict}")


if __name__ == "__main__":
    main()
