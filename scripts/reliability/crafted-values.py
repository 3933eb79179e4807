#!/usr/bin/env python3
"""Crafted values for issue 11 points 3, 4, 10 and 11 (helper 11b's area).

    crafted-values.py OUTDIR                 one case directory per case (format: scripts/reliability)
    crafted-values.py --regressions DIR      the replay crash inputs as DIR/chain/NAME.ndjson, kept in
                                             Tests/Fuzz/regressions for the fuzz targets and their tests

Replay cases (the crafted line, shown first, then a good one) run the dashboard and quit with q; proc-tree
cases copy Tests/Fixtures/proc-storm and change one file, then take a snapshot or open the
dashboard. Every case must end with exit 0: the value is shown saturated, or the line is skipped.
"""
import copy
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE = os.path.join(ROOT, "Tests", "Fuzz", "base-snapshot.json")
FIXTURE = os.path.join(ROOT, "Tests", "Fixtures", "proc-storm")
INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def base():
    with open(BASE) as f:
        return json.load(f)


def line(snapshot):
    return json.dumps(snapshot, separators=(",", ":")) + "\n"


def with_changes(change):
    snapshot = base()
    change(snapshot)
    return snapshot


def set_all(mapping, value):
    for key in mapping:
        mapping[key] = value


def destinations(snapshot, key, value):
    snapshot["ports"]["worst"][key] = value
    for destination in snapshot["ports"]["destinations"]:
        destination[key] = value


def extreme_sysctls(s):
    s["sysctl"].update(file_max=INT64_MAX, nr_open=INT64_MAX, tcp_max_tw_buckets=INT64_MAX,
                       somaxconn=INT64_MAX, tcp_max_syn_backlog=INT64_MIN)
    s["fds"]["system"].update(allocated=INT64_MAX, max=INT64_MAX)


# Point 3: values a recording can hold; each crashed replay once.
REPLAY_LINES = {
    "duration-null": lambda s: s["collector"].update(duration_ms=None),
    "duration-missing": lambda s: s["collector"].pop("duration_ms"),
    "ratio-1e306": lambda s: destinations(s, "ratio", 1e306),
    "ratio-negative": lambda s: destinations(s, "ratio", -0.5),
    "seconds-to-exhaustion-1e300": lambda s: (destinations(s, "growth_per_s", 1.0),
                                              destinations(s, "seconds_to_exhaustion", 1e300)),
    "rates-1e300": lambda s: set_all(s["rates"], 1e300),
    "interval-1e300": lambda s: s.update(interval_s=1e300),
    "sockstat-tw-int64-max": lambda s: s["sockstat"].update(tw=INT64_MAX),
    "state-count-int64-min": lambda s: s["states"]["ipv4"].update(TIME_WAIT=INT64_MIN),
    "peer-count-int64-min": lambda s: s["peers"][0]["by_state"].update(ESTABLISHED=INT64_MIN),
    "counters-int64-min": lambda s: set_all(s["counters"], INT64_MIN),
    "sysctls-extreme": extreme_sysctls,
}

# Point 3: an export whose history would size itself from its interval and window.
EXPORT_HISTORIES = {
    "export-history-interval-1e-9": {"window_s": 900, "interval_s": 1e-9, "series": {}},
    "export-history-window-1e300": {"window_s": 1e300, "interval_s": 1, "series": {}},
}


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)


def case(outdir, name, args, expect, files):
    directory = os.path.join(outdir, name)
    os.makedirs(directory, exist_ok=True)
    write(os.path.join(directory, "args"), "\n".join(args) + "\n")
    write(os.path.join(directory, "expect"), "\n".join(expect) + "\n")
    for relative, make in files.items():
        make(os.path.join(directory, relative))


def recording(lines):
    return lambda path: write(path, "".join(lines))


def replay_cases(outdir):
    good = line(base())
    replay = ["replay", "@CASE@/recording.ndjson"]
    dashboard = ["exit=0", "mode=dashboard", "keys=q"]
    for name, change in REPLAY_LINES.items():
        case(outdir, "replay-" + name, replay, dashboard, {"recording.ndjson": recording([line(with_changes(change)), good])})
    for name, history in EXPORT_HISTORIES.items():
        export = base()
        export["history"] = history
        case(outdir, "replay-" + name, ["replay", "@CASE@/export.json"], dashboard,
             {"export.json": lambda path, e=export: write(path, json.dumps(e, indent=1) + "\n")})
    # Point 11: a 10 MB malformed line is skipped; its quote in the footer stays short.
    case(outdir, "replay-malformed-10mb-line", replay, dashboard,
         {"recording.ndjson": recording(["{" + "x" * (10 << 20) + "\n", good])})
    # Point 10: one line with 50k peers (a big `record --top`); the dashboard draws the visible rows.
    def many_peers(path):
        s = base()
        peer = s["peers"][0]
        s["peers"] = [dict(peer, address="10.%d.%d.%d" % (i >> 16, (i >> 8) & 255, i & 255)) for i in range(50000)]
        write(path, line(s) + good)
    case(outdir, "replay-50k-peers", replay, dashboard + ["timeout=60"], {"recording.ndjson": many_peers})


def tree(change):
    def make(path):
        shutil.copytree(FIXTURE, path, symlinks=True)
        change(path)
    return make


def put(relative, text):
    return lambda root: write(os.path.join(root, relative), text)


def changes(*steps):
    def apply(root):
        for step in steps:
            step(root)
    return apply


def sockstat_tw(value):
    def apply(root):
        path = os.path.join(root, "net", "sockstat")
        with open(path) as f:
            text = f.read()
        fields = text.split("\n")
        for i, row in enumerate(fields):
            if row.startswith("TCP:"):
                words = row.split()
                words[words.index("tw") + 1] = str(value)
                fields[i] = " ".join(words)
        write(path, "\n".join(fields))
    return apply


# Point 4 (and 11): the same values on the live path, from a crafted /proc tree.
PROC_TREES = {
    "file-nr-int64-max": put("sys/fs/file-nr", "%d 0 %d\n" % (INT64_MAX, INT64_MAX)),
    "file-max-int64-max": put("sys/fs/file-max", "%d\n" % INT64_MAX),
    "sockstat-tw-int64-max": changes(sockstat_tw(INT64_MAX), put("sys/net/ipv4/tcp_max_tw_buckets", "%d\n" % INT64_MAX)),
    "tcp-max-tw-buckets-int64-max": put("sys/net/ipv4/tcp_max_tw_buckets", "%d\n" % INT64_MAX),
    "tcp-max-syn-backlog-int64-min": put("sys/net/ipv4/tcp_max_syn_backlog", "%d\n" % INT64_MIN),
    "somaxconn-int64-max": put("sys/net/core/somaxconn", "%d\n" % INT64_MAX),
    "comm-10mb": put("11789/comm", "x" * (10 << 20) + "\n"),
    "tcp-malformed-10mb-line": lambda root: write(os.path.join(root, "net", "tcp"), "y" * (10 << 20) + "\n", "a"),
}


def proc_cases(outdir):
    for name, change in PROC_TREES.items():
        case(outdir, "snapshot-" + name, ["snapshot", "--sample", "0.1", "--proc-root", "@CASE@/tree"], ["exit=0"],
             {"tree": tree(change)})
    everything = changes(*[PROC_TREES[n] for n in ("file-nr-int64-max", "sockstat-tw-int64-max", "tcp-max-syn-backlog-int64-min",
                                                   "somaxconn-int64-max")])
    case(outdir, "dashboard-extreme-proc-values", ["--proc-root", "@CASE@/tree"], ["exit=0", "mode=dashboard", "keys=q"],
         {"tree": tree(everything)})


def regressions(directory):
    """The replay lines as chain (and snapshot) fuzz regressions: small, committed text."""
    for target in ("chain", "snapshot"):
        for name, change in REPLAY_LINES.items():
            write(os.path.join(directory, target, name + ".ndjson"), line(with_changes(change)))
        for name, history in EXPORT_HISTORIES.items():
            export = base()
            export["history"] = history
            write(os.path.join(directory, target, name + ".json"), json.dumps(export) + "\n")


def main(argv):
    if len(argv) == 3 and argv[1] == "--regressions":
        regressions(argv[2])
    elif len(argv) == 2 and not argv[1].startswith("-"):
        replay_cases(argv[1])
        proc_cases(argv[1])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
