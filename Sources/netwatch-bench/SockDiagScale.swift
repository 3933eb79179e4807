import Glibc
import NetwatchCore
import NetwatchLinux

/// `netwatch-bench sockdiag TREE FRAMES4 FRAMES6`: one snapshot as `netwatch snapshot --sample 0`
/// takes it, written as JSON to standard output, with the socket table taken from recorded
/// sock_diag replies instead of the kernel, so that a table bigger than this machine can hold
/// live (recorded at 100k by scripts/tools/record-netlink.c, scaled by
/// scripts/bench/replicate-netlink.py) goes through the live path's parser and aggregation.
///
/// The kernel files (sysctls, counters, processes) come from the proc tree TREE. The replies are
/// read a frame at a time into one buffer the size of `SockDiagClient`'s receive buffer, as
/// `recv()` fills it, parsed in place by `SockDiagReply` and folded by `SocketAggregator`, as
/// `Collector` does with a live dump. Socket owners are not looked up (a recording has no fds).
/// Used by scripts/bench-scale.sh.
enum SockDiagScale {
    /// `SockDiagClient`'s receive buffer: no recorded reply is larger.
    static let frameLimit = 64 * 1024

    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count == 3 else {
            return fail("usage: netwatch-bench sockdiag TREE FRAMES4 FRAMES6")
        }
        let collector = Collector(root: ProcRoot(path: arguments[0]), useNetlink: false)
        var failure: String?
        let sampler = SnapshotSampler(clock: SystemClock()) { request in
            var constant = request
            constant.walkSockets = false
            constant.listeners = false
            constant.owners = false
            var sample = collector.collect(constant)
            sample.source = .netlink
            var aggregator = SocketAggregator(ephemeralRange: sample.sysctl.ipLocalPortRange,
                                              reuseDelayMs: Int(sample.sysctl.tcpTwReuseDelay ?? 1000))
            var listeners = [ListenerRecord]()
            for path in arguments[1...] where failure == nil {
                failure = replay(path) { socket in
                    aggregator.add(socket)
                    if socket.state == .listen { listeners.append(ListenerRecord(socket, backlogKnown: true)) }
                }
            }
            sample.table = aggregator.table
            sample.tableTakenAt = sample.monotonicSeconds
            sample.listeners = listeners
            return sample
        }
        let snapshot = sampler.snapshot(sampleSeconds: 0, options: .init())
        if let failure { return fail(failure) }
        print(SnapshotEncoder.encode(snapshot).serialized())
        return 0
    }

    /// Feeds every frame of a recording to `SockDiagReply.parse`; the reason it stopped early, if it did.
    static func replay(_ path: String, _ body: (SocketRecord) -> Void) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "\(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: frameLimit, alignment: 8)
        defer { buffer.deallocate() }
        var length: UInt32 = 0
        while withUnsafeMutableBytes(of: &length, { readFully(fd, $0) }) {
            guard Int(length) <= frameLimit else { return "\(path): a frame of \(length) bytes is larger than \(frameLimit)" }
            let frame = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<Int(length)])
            guard readFully(fd, frame) else { return "\(path): the last frame is cut short" }
            switch SockDiagReply.parse(UnsafeRawBufferPointer(frame), body).step {
            case .done: return nil
            case .more: continue
            case let .failed(errno): return "\(path): the dump failed with errno \(errno)"
            case let .malformed(reason): return "\(path): \(reason)"
            }
        }
        return "\(path): ends before NLMSG_DONE"
    }

    /// Reads exactly `buffer.count` bytes; `false` at end of file or on an error.
    static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        var filled = 0
        while filled < buffer.count {
            let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            filled += n
        }
        return true
    }

    static func fail(_ message: String) -> Int32 {
        let line = Array("netwatch-bench: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        return message.hasPrefix("usage") ? 2 : 1
    }
}
