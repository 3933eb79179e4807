#!/usr/bin/env python3
"""Record overhead per snapshot, side by side with one-shot tools. Run inside the benchmark
namespace by scripts/bench-record.sh.

`netwatch record` runs --count lines at --interval; its CPU time (user + system, from GNU time)
divided by the lines is the cost of one recorded snapshot, and the file size divided by the
lines its bytes. For comparison, in the same run: the wall time of one `netwatch snapshot
--sample 0`, one `ss -tan` and one bare netlink dump (diag-floor), medians of --runs.
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time


def wall_ms(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--netwatch", required=True)
    parser.add_argument("--floor", required=True)
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--interval", type=float, default=0.2)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "r.ndjson")
        timed = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", args.netwatch, "record", "-o", path,
                                "--count", str(args.lines), "--interval", str(args.interval)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
        elapsed, user, system, rss_kb = timed.stderr.decode().strip().splitlines()[-1].split()
        size = os.path.getsize(path)
        with open(path, "rb") as recording:
            lines = recording.read().count(b"\n")
    cpu_ms = (float(user) + float(system)) * 1000 / lines
    one_shot = {
        "netwatch snapshot --sample 0": [args.netwatch, "snapshot", "--sample", "0"],
        "ss -tan": ["ss", "-tan"],
        "diag-floor (bare dump + count)": [args.floor],
    }
    walls = {name: [] for name in one_shot}
    for _ in range(args.runs):
        for name, argv in one_shot.items():
            walls[name].append(wall_ms(argv))

    print(f"netwatch record: {lines} lines every {args.interval} s in {float(elapsed):.1f} s, peak RSS {int(rss_kb) / 1024:.1f} MB")
    print(f"{'per snapshot':<40} {'ms':>8} {'bytes':>10}")
    print(f"{'netwatch record (CPU per line)':<40} {cpu_ms:>8.2f} {size / lines:>10.0f}")
    for name, values in walls.items():
        print(f"{name + ' (wall, one process)':<40} {statistics.median(values):>8.2f} {'':>10}")


if __name__ == "__main__":
    main()
