#!/usr/bin/env python3
"""Prints, for each socket count, time and peak RSS of netwatch on a generated proc tree and on
scaled sock_diag replies, beside `ss` on the same tree and `cat` of the same replies.

Run by scripts/bench-scale.sh, which generates WORK/tree-N (scripts/bench/proc-tree.py) and
WORK/N.inet4 / N.inet6 (scripts/bench/replicate-netlink.py). Each command runs --runs times,
rotated so load changes hit all alike; wall and CPU (user + system) are medians, RSS the
largest, all from GNU time (`/usr/bin/time -f`), which waits for the command alone.
"""
import argparse
import os
import statistics
import subprocess


def measure(argv, env=None):
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + argv, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr.decode()}")
    wall, user, system, rss = proc.stderr.decode().strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--netwatch", required=True)
    parser.add_argument("--bench", required=True, help="netwatch-bench")
    parser.add_argument("--before", help="an older netwatch, measured on the same trees")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("counts", nargs="+", type=int)
    args = parser.parse_args()

    rows = []
    for n in args.counts:
        tree = os.path.join(args.work, f"tree-{n}")
        frames = [os.path.join(args.work, f"{n}.inet{v}") for v in (4, 6)]
        commands = {
            "netwatch --proc-root": ([args.netwatch, "snapshot", "--sample", "0", "--proc-root", tree], None),
            "ss -tan (PROC_ROOT)": (["ss", "-tan"], dict(os.environ, PROC_ROOT=tree)),
            "netwatch sock_diag replay": ([args.bench, "sockdiag", tree] + frames, None),
            "cat of the replies": (["cat"] + frames, None),
        }
        if args.before:
            commands = {"before: netwatch --proc-root": ([args.before, "snapshot", "--sample", "0", "--proc-root", tree], None),
                        **commands}
        samples = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (argv, env) in commands.items():
                samples[name].append(measure(argv, env))
        for name, values in samples.items():
            rows.append((n, name, statistics.median(v[0] for v in values), statistics.median(v[1] for v in values),
                         max(v[2] for v in values)))

    print(f"{'sockets':>9}  {'command':<30} {'wall s':>8} {'cpu s':>8} {'max RSS MB':>11}")
    for n, name, wall, cpu, rss in rows:
        print(f"{n:>9}  {name:<30} {wall:>8.2f} {cpu:>8.2f} {rss:>11.1f}")
    print("\nCPU growth (user + system), each count over the one before:")
    names = dict.fromkeys(name for _, name, *_ in rows)
    for name in names:
        series = [(n, cpu, rss) for n, nm, _, cpu, rss in rows if nm == name]
        steps = "  ".join(f"{b[0] // a[0]}x sockets: {b[1] / a[1]:.1f}x CPU, {b[2] - a[2]:+.1f} MB" if a[1] > 0 else f"{b[0] // a[0]}x sockets: -"
                          for a, b in zip(series, series[1:]))
        print(f"  {name:<30} {steps}")


main()
