#!/usr/bin/env python3
"""Writes a proc tree holding SOCKETS TCP sockets, for scripts/bench-scale.sh.

Usage: proc-tree.py OUTDIR SOCKETS [--one-client-each]

OUTDIR becomes a copy of Tests/Fixtures/proc-storm (sysctls, counters, one process) whose
net/tcp (nine sockets in ten) and net/tcp6 (the tenth) are replaced by a storm that grows in
every dimension with SOCKETS, as a busy host's table does:
  - 60 % TIME_WAIT from 10.0.0.1's ephemeral ports (32768-60999) toward port 443 of one more
    destination per 28,232 sockets (a destination's port range is full before the next starts);
  - 20 % ESTABLISHED into the service on port 8080 from one client address per 4 sockets;
  - 8 % ESTABLISHED and 2 % SYN_SENT out of ephemeral ports, toward the same destinations;
  - 4 % CLOSE_WAIT on the service port, 1 % FIN_WAIT2 without an owner, the rest SYN_RECV;
  - eight listeners.
With --one-client-each, the peers table's worst case instead: every socket but the listeners
is ESTABLISHED into port 8080 from a client address of its own (a front end with a million
clients). Every line is as long as a kernel's (150 bytes for tcp, 178 for tcp6) and every socket but the
TIME_WAIT and orphaned ones has a distinct inode.
"""
import pathlib
import shutil
import sys

FIXTURE = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "proc-storm"
PORTS = range(32768, 61000)
TAIL4 = " 1 0000000000000000 100 0 0 10 0                   \n"
TAIL6 = " 1 0000000000000000 100 0 0 10 0\n"


def v4(address):
    """10.0.0.1 as /proc prints it: the address's bytes in memory order, read as a host (little-endian) word."""
    return "%08X" % int.from_bytes(address.to_bytes(4, "big"), "little")


def v6(address):
    """An IPv4 address inside fd00::/8, printed as four host-order words."""
    raw = bytes([0xFD] + [0] * 11) + address.to_bytes(4, "big")
    return "".join("%08X" % int.from_bytes(raw[i:i + 4], "little") for i in range(0, 16, 4))


def row(slot, local, lport, remote, rport, state, timer, inode, tail):
    return "%4d: %s:%04X %s:%04X %s 00000000:00000000 %s 00000000     0        0 %d%s" % (
        slot, local, lport, remote, rport, state, timer, inode, tail)


def sockets(count, address, tail, first_inode):
    """Yields the rows of one file: listeners first, then the mix described above."""
    host = address(0x0A000001)
    for slot in range(8):
        yield row(slot, host, 8080 + slot, address(0), 0, "0A", "00:00000000", first_inode + slot, tail)
    for i in range(count - 8):
        share = i % 100
        inode = first_inode + 8 + i
        if share < 60 or 88 <= share < 90:
            # Outgoing: TIME_WAIT, ESTABLISHED or SYN_SENT toward destination n, ephemeral port p.
            n, p = divmod(i, len(PORTS))
            remote, port = address(0x0A010000 + n), PORTS[p]
            if share < 60:
                yield row(i + 8, host, port, remote, 443, "06", "03:00000F9D", 0, tail)
            else:
                yield row(i + 8, host, port, remote, 443, "02", "01:00000064", inode, tail)
        elif share < 80:
            yield row(i + 8, host, 8080, address(0xAC100000 + i // 4), 32768 + i % 28000, "01", "00:00000000", inode, tail)
        elif share < 88:
            n, p = divmod(i, len(PORTS))
            yield row(i + 8, host, PORTS[p], address(0x0A010000 + n), 443, "01", "00:00000000", inode, tail)
        elif share < 94:
            yield row(i + 8, host, 8080, address(0xAC100000 + i // 4), 32768 + i % 28000, "08", "00:00000000", inode, tail)
        elif share < 95:
            yield row(i + 8, host, 8080, address(0xAC100000 + i // 4), 32768 + i % 28000, "05", "00:00000000", 0, tail)
        else:
            yield row(i + 8, host, 8080, address(0xAC100000 + i // 4), 32768 + i % 28000, "03", "00:00000000", inode, tail)


def clients(count, address, tail, first_inode):
    """Yields the rows of one file: listeners, then one socket per client address."""
    host = address(0x0A000001)
    for slot in range(8):
        yield row(slot, host, 8080 + slot, address(0), 0, "0A", "00:00000000", first_inode + slot, tail)
    for i in range(count - 8):
        yield row(i + 8, host, 8080, address(0xAC100000 + i), 40000, "01", "00:00000000", first_inode + 8 + i, tail)


def write(path, header, rows):
    with open(path, "w") as f:
        f.write(header)
        batch = []
        for line in rows:
            batch.append(line)
            if len(batch) == 10_000:
                f.write("".join(batch))
                batch.clear()
        f.write("".join(batch))


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[3:] not in ([], ["--one-client-each"]):
        raise SystemExit("usage: proc-tree.py OUTDIR SOCKETS [--one-client-each]")
    out, total = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    generate = clients if sys.argv[3:] else sockets
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(FIXTURE, out, symlinks=True)
    for name in ("tcp", "tcp6"):
        header = (FIXTURE / "net" / name).read_text().splitlines(keepends=True)[0]
        ipv6 = name == "tcp6"
        count = total // 10 if ipv6 else total - total // 10
        write(out / "net" / name, header,
              generate(count, v6 if ipv6 else v4, TAIL6 if ipv6 else TAIL4, 50_000_000 if ipv6 else 10_000_000))


main()
