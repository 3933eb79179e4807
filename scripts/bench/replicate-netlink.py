#!/usr/bin/env python3
"""Scales a recorded sock_diag dump to SOCKETS sockets, for scripts/bench-scale.sh.

Usage: replicate-netlink.py IN.frames OUT.frames SOCKETS
       replicate-netlink.py --count IN.frames      (prints how many sockets IN holds)

IN is what scripts/tools/record-netlink.c wrote: frames of [u32 length][reply bytes], one per
recv(), ending with NLMSG_DONE. OUT holds the first SOCKETS sockets of IN repeated as often as
needed, in frames of the same sizes, then NLMSG_DONE. Each repetition k >= 1 is another part of a
bigger host's table, not the same sockets again: its remote addresses differ (the address's
second byte, or the IPv6 address's fifth, XOR k, so peers and destinations grow with the count),
its inodes are shifted by k << 24, and its listeners are left out (a host listens once).
"""
import struct
import sys

HEADER = struct.Struct("=IHHII")          # struct nlmsghdr
NLMSG_DONE, SOCK_DIAG_BY_FAMILY = 3, 20
FAMILY, STATE, DST, INODE = 0, 1, 24, 68  # offsets in struct inet_diag_msg
TCP_LISTEN, AF_INET = 10, 2


def frames(path):
    with open(path, "rb") as f:
        data = f.read()
    offset = 0
    while offset + 4 <= len(data):
        (length,) = struct.unpack_from("=I", data, offset)
        yield data[offset + 4:offset + 4 + length]
        offset += 4 + length


def messages(frame):
    """(nlmsghdr type, message bytes) of one reply, each padded to 4 bytes as the kernel sends."""
    offset = 0
    while offset + HEADER.size <= len(frame):
        length, kind = HEADER.unpack_from(frame, offset)[:2]
        yield kind, frame[offset:offset + ((length + 3) & ~3)]
        offset += (length + 3) & ~3


def moved(message, k):
    """The socket of `message` as repetition k has it; None for a listener when k >= 1."""
    body = bytearray(message)
    diag = HEADER.size
    if k == 0:
        return bytes(body)
    if body[diag + STATE] == TCP_LISTEN:
        return None
    byte = diag + DST + (1 if body[diag + FAMILY] == AF_INET else 4)
    body[byte] ^= k & 0xFF
    (inode,) = struct.unpack_from("=I", body, diag + INODE)
    if inode:
        struct.pack_into("=I", body, diag + INODE, (inode + (k << 24)) & 0xFFFFFFFF)
    return bytes(body)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--count":
        print(sum(kind == SOCK_DIAG_BY_FAMILY for frame in frames(sys.argv[2]) for kind, _ in messages(frame)))
        return
    if len(sys.argv) != 4:
        raise SystemExit("usage: replicate-netlink.py IN.frames OUT.frames SOCKETS | --count IN.frames")
    recorded = [[m for kind, m in messages(frame) if kind == SOCK_DIAG_BY_FAMILY] for frame in frames(sys.argv[1])]
    recorded = [frame for frame in recorded if frame]
    if not recorded:
        raise SystemExit(f"{sys.argv[1]}: no sockets recorded")
    done = next(m for frame in frames(sys.argv[1]) for kind, m in messages(frame) if kind == NLMSG_DONE)
    wanted, written, k = int(sys.argv[3]), 0, 0
    with open(sys.argv[2], "wb") as out:
        while written < wanted:
            for frame in recorded:
                batch = [m for m in (moved(message, k) for message in frame[:wanted - written]) if m is not None]
                if batch:
                    reply = b"".join(batch)
                    out.write(struct.pack("=I", len(reply)) + reply)
                    written += len(batch)
                if written >= wanted:
                    break
            k += 1
        out.write(struct.pack("=I", len(done)) + done)
    print(f"{sys.argv[2]}: {written} sockets, {k} repetition(s)")


main()
