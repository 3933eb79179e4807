#!/usr/bin/env python3
"""What a program writes to its terminal, as tmux's `pipe-pane -o` hands it over.

Used by scripts/bench-dashboard.sh:

  pane-bytes.py log RAW INDEX READY
      Run by `tmux pipe-pane -o`: copies stdin to RAW and appends one line per read to INDEX:
      "<CLOCK_REALTIME ns> <bytes>". Creates READY once it is reading, so the caller can start
      the program only when timestamps are live.
  pane-bytes.py first-frame RAW INDEX START_NS MARKER
      Milliseconds from START_NS (written by the launcher just before it execs the program) until
      the read that completes the first occurrence of MARKER after START_NS. The marker is a word
      of the footer, the last row curses writes, so its arrival means the whole first frame is out.
  pane-bytes.py ticks INDEX FROM_NS TO_NS
      Reads between FROM_NS and TO_NS grouped into bursts (a gap of more than 300 ms starts a new
      one; a tick's frame may take several writes). Prints "bursts bytes mean median max".
"""
import os
import statistics
import sys
import time


def log(raw_path, index_path, ready_path):
    with open(raw_path, "ab", buffering=0) as raw, open(index_path, "a", buffering=1) as index:
        open(ready_path, "w").close()
        while True:
            data = os.read(0, 65536)
            if not data:
                return
            now = time.time_ns()
            raw.write(data)
            index.write(f"{now} {len(data)}\n")


def reads(index_path):
    with open(index_path) as index:
        for line in index:
            parts = line.split()
            if len(parts) == 2:
                yield int(parts[0]), int(parts[1])


def first_frame(raw_path, index_path, start_ns, marker):
    with open(raw_path, "rb") as raw:
        data = raw.read()
    offset, seen = 0, b""
    for stamp, size in reads(index_path):
        chunk = data[offset:offset + size]
        offset += size
        if stamp < start_ns:
            continue
        seen += chunk
        if marker.encode() in seen:
            print(f"{(stamp - start_ns) / 1e6:.1f}")
            return
    sys.exit(f"first-frame: '{marker}' not seen after the start")


def ticks(index_path, from_ns, to_ns):
    bursts, last = [], None
    for stamp, size in reads(index_path):
        if not from_ns <= stamp < to_ns:
            continue
        if last is None or stamp - last > 300_000_000:
            bursts.append(0)
        bursts[-1] += size
        last = stamp
    if not bursts:
        print("0 0 0 0 0")
        return
    print(f"{len(bursts)} {sum(bursts)} {sum(bursts) / len(bursts):.0f} {statistics.median(bursts):.0f} {max(bursts)}")


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "log":
        log(*args)
    elif command == "first-frame":
        first_frame(args[0], args[1], int(args[2]), args[3])
    elif command == "ticks":
        ticks(args[0], int(args[1]), int(args[2]))
    else:
        sys.exit(f"pane-bytes.py: unknown command {command}")


if __name__ == "__main__":
    main()
