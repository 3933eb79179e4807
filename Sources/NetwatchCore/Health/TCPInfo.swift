/// The fields of the kernel's `struct tcp_info` (the sock_diag `INET_DIAG_INFO` attribute) that
/// connection health uses. The kernel sends as many bytes of the struct as it knows (older kernels
/// a shorter struct), so each field is `nil` when the attribute ends before it: unknown, never 0.
/// Offsets are those of `<linux/tcp.h>`, which only ever grows at its end.
public struct TCPInfo: Equatable, Sendable {
    /// How many bytes of the struct the attribute held.
    public let length: Int
    private let rawRetransmits: UInt8
    private let rawUnacked: UInt32
    private let rawLastDataSent: UInt32
    private let rawLastDataReceived: UInt32
    private let rawRTT: UInt32
    private let rawTotalRetransmits: UInt32
    private let rawSegmentsOut: UInt32

    static let retransmitsOffset = 2
    static let unackedOffset = 24
    static let lastDataSentOffset = 44
    static let lastDataReceivedOffset = 52
    static let rttOffset = 68
    static let totalRetransmitsOffset = 100
    static let segmentsOutOffset = 136

    /// Reads the fields `bytes` covers (little- or big-endian as the host: the kernel writes native order).
    public init(_ bytes: UnsafeRawBufferPointer) {
        length = bytes.count
        func word(_ offset: Int) -> UInt32 {
            offset + 4 <= bytes.count ? bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self) : 0
        }
        rawRetransmits = bytes.count > TCPInfo.retransmitsOffset ? bytes[TCPInfo.retransmitsOffset] : 0
        rawUnacked = word(TCPInfo.unackedOffset)
        rawLastDataSent = word(TCPInfo.lastDataSentOffset)
        rawLastDataReceived = word(TCPInfo.lastDataReceivedOffset)
        rawRTT = word(TCPInfo.rttOffset)
        rawTotalRetransmits = word(TCPInfo.totalRetransmitsOffset)
        rawSegmentsOut = word(TCPInfo.segmentsOutOffset)
    }

    /// A value with every field known, for tests and the fixtures.
    public init(retransmits: UInt8 = 0, unacked: UInt32 = 0, lastDataSentMs: UInt32 = 0, lastDataReceivedMs: UInt32 = 0,
                rttMicroseconds: UInt32 = 0, totalRetransmits: UInt32 = 0, segmentsOut: UInt32 = 0) {
        length = TCPInfo.segmentsOutOffset + 4
        rawRetransmits = retransmits
        rawUnacked = unacked
        rawLastDataSent = lastDataSentMs
        rawLastDataReceived = lastDataReceivedMs
        rawRTT = rttMicroseconds
        rawTotalRetransmits = totalRetransmits
        rawSegmentsOut = segmentsOut
    }

    private func covered<T>(_ offset: Int, _ size: Int, _ value: T) -> T? {
        offset + size <= length ? value : nil
    }

    /// `tcpi_retransmits`: retransmissions of the segment now timing out (SYNs, for SYN_SENT).
    public var retransmits: UInt8? { covered(TCPInfo.retransmitsOffset, 1, rawRetransmits) }
    /// `tcpi_unacked`: segments sent and not yet acknowledged.
    public var unacked: UInt32? { covered(TCPInfo.unackedOffset, 4, rawUnacked) }
    /// `tcpi_last_data_sent`: milliseconds since data was last sent.
    public var lastDataSentMs: UInt32? { covered(TCPInfo.lastDataSentOffset, 4, rawLastDataSent) }
    /// `tcpi_last_data_recv`: milliseconds since data was last received.
    public var lastDataReceivedMs: UInt32? { covered(TCPInfo.lastDataReceivedOffset, 4, rawLastDataReceived) }
    /// `tcpi_rtt`: the smoothed round-trip time, microseconds.
    public var rttMicroseconds: UInt32? { covered(TCPInfo.rttOffset, 4, rawRTT) }
    /// `tcpi_total_retrans`: segments retransmitted over the connection's life.
    public var totalRetransmits: UInt32? { covered(TCPInfo.totalRetransmitsOffset, 4, rawTotalRetransmits) }
    /// `tcpi_segs_out`: segments sent over the connection's life, retransmissions included (Linux 4.2+).
    public var segmentsOut: UInt32? { covered(TCPInfo.segmentsOutOffset, 4, rawSegmentsOut) }

    /// Milliseconds with no data either way: the smaller of last sent and last received; `nil`
    /// when the struct is too short for either.
    public var idleMs: UInt32? {
        guard let sent = lastDataSentMs, let received = lastDataReceivedMs else { return nil }
        return min(sent, received)
    }
}
