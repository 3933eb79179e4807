#!/usr/bin/env python3
"""Measures `netwatch serve` side by side with `netwatch snapshot --sample 0` in one run.

Run inside the benchmark namespace by scripts/bench-serve.sh, with the exporter already
listening. Prints, in order:
  1. scrape cost: a scrape's round trip (collection + encoding + transfer) and the exporter's
     CPU per scrape, against `netwatch snapshot --sample 0`'s in-process collection
     (`collector.duration_ms`) and its whole process, interleaved run by run;
  2. 100 concurrent scrapes: all answered, and the exporter's RSS before and after;
  3. idle CPU at a 15 s scrape interval (the exporter's utime + stime over wall time);
  4. RSS over a scrape soak (one scrape a second), sampled every 10 s.
Connections are closed with a reset (SO_LINGER 0) so the benchmark adds no TIME_WAIT entries
to the population it measures.
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import struct
import subprocess
import time

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS   # utime + stime


def rss_mb(pid, key="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024.0
    raise SystemExit(f"no {key} for pid {pid}")


def connect(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.connect()
    conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return conn


def scrape(conn):
    conn.request("GET", "/metrics")
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"/metrics answered {response.status}")
    return body


def concurrent(port, count):
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        socks.append(s)
    for s in socks:
        s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    ok = 0
    for s in socks:
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        ok += data.startswith(b"HTTP/1.1 200 OK")
        s.close()
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--netwatch", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--idle-scrapes", type=int, default=8)
    parser.add_argument("--soak", type=int, default=600, help="seconds")
    args = parser.parse_args()
    pid, port = args.pid, args.port

    conn = connect(port)
    scrape(conn)   # warm up: first allocations, page faults
    scrape_ms, snapshot_ms, collect_ms, body = [], [], [], b""
    scrape_cpu = 0.0   # summed: one scrape is a few clock ticks, too coarse alone
    for _ in range(args.runs):
        cpu0, t0 = cpu_seconds(pid), time.perf_counter()
        body = scrape(conn)
        scrape_ms.append((time.perf_counter() - t0) * 1000)
        scrape_cpu += cpu_seconds(pid) - cpu0
        t0 = time.perf_counter()
        out = subprocess.run([args.netwatch, "snapshot", "--sample", "0"], capture_output=True, check=True).stdout
        snapshot_ms.append((time.perf_counter() - t0) * 1000)
        snap = json.loads(out)
        collect_ms.append(snap["collector"]["duration_ms"])
        sockets = snap["states"]["total"]
    conn.close()
    series = sum(1 for line in body.splitlines() if line and not line.startswith(b"#"))
    med = statistics.median
    print(f"sockets in the namespace: {sockets}   runs: {args.runs} (medians)   /metrics: {len(body)} bytes, {series} series")
    print(f"{'what':<52} {'ms':>8} {'min':>8} {'max':>8}")
    rows = [
        ("netwatch snapshot --sample 0: collection (in-process)", collect_ms),
        ("netwatch snapshot --sample 0: whole process (wall)", snapshot_ms),
        ("serve: one scrape, round trip (wall)", scrape_ms),
    ]
    for name, values in rows:
        print(f"{name:<52} {med(values):>8.1f} {min(values):>8.1f} {max(values):>8.1f}")
    print(f"{'serve: exporter CPU per scrape (utime+stime, mean)':<52} {scrape_cpu / args.runs * 1000:>8.1f}")
    ratio = med(scrape_ms) / med(collect_ms)
    print(f"{'scrape round trip / snapshot collection':<52} {ratio:>8.2f}   target <= 1.2  {'ok' if ratio <= 1.2 else 'OVER TARGET'}")
    print()

    before = rss_mb(pid)
    answered = concurrent(port, 100)
    print(f"100 concurrent scrapes: {answered} answered 200; exporter RSS {before:.1f} MB before, "
          f"{rss_mb(pid):.1f} MB after, peak (VmHWM) {rss_mb(pid, 'VmHWM'):.1f} MB")
    print()

    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    for i in range(args.idle_scrapes):
        conn = connect(port)
        scrape(conn)
        conn.close()
        time.sleep(max(0.0, t0 + 15 * (i + 1) - time.monotonic()))
    idle = (cpu_seconds(pid) - cpu0) / (time.monotonic() - t0) * 100
    print(f"idle at a 15 s scrape interval ({args.idle_scrapes} scrapes, {time.monotonic() - t0:.0f} s): "
          f"{idle:.3f} % of a core   target <= 0.5  {'ok' if idle <= 0.5 else 'OVER TARGET'}")
    print()

    samples, t0 = [], time.monotonic()
    conn = connect(port)
    n = 0
    while time.monotonic() - t0 < args.soak:
        scrape(conn)
        n += 1
        if n % 10 == 1:
            samples.append(rss_mb(pid))
        time.sleep(max(0.0, t0 + n - time.monotonic()))
    conn.close()
    samples.append(rss_mb(pid))
    print(f"soak: {n} scrapes over {args.soak} s (1 a second); exporter RSS MB start {samples[0]:.1f}, "
          f"max {max(samples):.1f}, end {samples[-1]:.1f}")
    print("  every 10 s: " + " ".join(f"{s:.1f}" for s in samples))


if __name__ == "__main__":
    main()
