#!/usr/bin/env python3
"""Huge recorded lines for issue 11 point 10 (helper 11d's area).

    crafted-replay-huge.py OUTDIR             one case directory per case (format: scripts/reliability)
    crafted-replay-huge.py --recording FILE [PEERS [LINES]]
                                              only the recording: LINES lines (default 3) of PEERS
                                              peers each (default 150,000: a 29 MB line, as from
                                              `record --top 1000000`), one second apart

Each line takes seconds to decode (a debug build: tens of seconds); the replay decodes off the run
loop, so q, SIGTERM and a step during a decode are served at once. The cases share one recording
(OUTDIR/.replay-huge/recording.ndjson).
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE = os.path.join(ROOT, "Tests", "Fuzz", "base-snapshot.json")
PEERS = 150000
LINES = 3


def huge_recording(path, peers=PEERS, lines=LINES):
    with open(BASE) as f:
        snapshot = json.load(f)
    by_state = json.dumps(snapshot["peers"][0]["by_state"], separators=(",", ":"))
    peer_list = ",".join('{"address":"10.%d.%d.%d","total":448,"by_state":%s}' % (i >> 16, (i >> 8) & 255, i & 255, by_state)
                         for i in range(peers))
    snapshot["peers"] = []
    head = json.dumps(snapshot, separators=(",", ":"))
    marker = '"peers":[]'
    assert marker in head
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        for second in range(lines):
            line = head.replace(marker, '"peers":[' + peer_list + "]")
            line = line.replace(snapshot["taken_at"], "2026-11-26T19:05:%02d.000Z" % (16 + second), 1)
            f.write(line + "\n")


def case(outdir, name, expect):
    directory = os.path.join(outdir, name)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "args"), "w") as f:
        f.write("replay\n@CASE@/../.replay-huge/recording.ndjson\n")
    with open(os.path.join(directory, "expect"), "w") as f:
        f.write("\n".join(["mode=dashboard", "timeout=60"] + expect) + "\n")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--recording":
        huge_recording(sys.argv[2], *(int(n) for n in sys.argv[3:5]))
        return
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    outdir = sys.argv[1]
    huge_recording(os.path.join(outdir, ".replay-huge", "recording.ndjson"))
    # The screen is up while the first line is still being indexed or decoded.
    case(outdir, "replay-huge-q-while-decoding", ["exit=0", "keys=q", "exit_within=1"])
    case(outdir, "replay-huge-sigterm-while-decoding", ["exit=143", "signal=TERM", "exit_within=1"])
    case(outdir, "replay-huge-steps-then-q", ["exit=0", "settle=1", "press=Right Right Left Right q", "exit_within=1"])


if __name__ == "__main__":
    main()
