#!/usr/bin/env python3
"""Filtered vs unfiltered collection, side by side (run inside the namespace by bench-filter.sh).

Reports netwatch's own socket-walk cost (collector.sockets_ms: dump + aggregation + kept
sockets) and whole-process wall time, with and without --port, beside ss with the same filter.
"""
import argparse
import json
import statistics
import subprocess
import time


def wall(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def snapshot(netwatch, extra):
    out = subprocess.run([netwatch, "snapshot", "--sample", "0"] + extra, capture_output=True, check=True).stdout
    data = json.loads(out)
    return data["collector"]["sockets_ms"], data["states"]["total"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--netwatch", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    port = args.port
    ss_filter = f"( sport = :{port} or dport = :{port} )"
    rows = {
        "netwatch snapshot (all sockets)": ([args.netwatch, "snapshot", "--sample", "0"], []),
        f"netwatch snapshot --port {port}": ([args.netwatch, "snapshot", "--sample", "0", "--port", port], ["--port", port]),
        "ss -tan": (["ss", "-tan"], None),
        f"ss -tan '{ss_filter}'": (["ss", "-tan", ss_filter], None),
    }
    walls = {name: [] for name in rows}
    walks = {name: [] for name, (_, extra) in rows.items() if extra is not None}
    counts = {}
    for _ in range(args.runs):
        for name, (argv, extra) in rows.items():
            walls[name].append(wall(argv))
            if extra is not None:
                ms, total = snapshot(args.netwatch, extra)
                walks[name].append(ms)
                counts[name] = total
    print(f"{'command':<52} {'sockets':>8} {'walk ms':>9} {'wall ms':>9}")
    for name in rows:
        walk = f"{statistics.median(walks[name]):9.1f}" if name in walks else f"{'':>9}"
        total = f"{counts[name]:8d}" if name in counts else f"{'':>8}"
        print(f"{name:<52} {total} {walk} {statistics.median(walls[name]):9.1f}")
    names = list(walks)
    ratio = statistics.median(walks[names[1]]) / statistics.median(walks[names[0]])
    share = counts[names[1]] / counts[names[0]] * 100
    print()
    print(f"filtered share of sockets: {share:.1f}%   runs: {args.runs} (medians)")
    print(f"filtered / unfiltered tick cost (socket walk): {ratio:.2f}   target <= 0.5   {'ok' if ratio <= 0.5 else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
