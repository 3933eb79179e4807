import NetwatchCore
import NetwatchLinux

/// The pure parsers, each given the same text every way it is called.
enum FuzzParsers {
    static func procNetTCP(_ bytes: UnsafeRawBufferPointer) {
        let lines = bytes.bindMemory(to: UInt8.self)
        for family in [AddressFamily.ipv4, .ipv6] {
            _ = ProcNetTCPParser.parse(bytes: lines, family: family) { _ in }
            _ = ProcNetTCPParser.parse(bytes: lines, family: family, filter: PortSet(ranges: [1...1024])) { _ in }
        }
    }

    static func sockstat(_ text: String) {
        _ = try? Sockstat.parse(text)
        _ = try? Sockstat.parseInuse6(text)
    }

    static func counterTable(_ text: String) {
        for prefix in ["Tcp:", "TcpExt:"] { _ = try? CounterTable.parse(text, prefix: prefix) }
    }

    static func processFiles(_ text: String) {
        _ = try? OpenFileLimit.parse(text)
        _ = try? ProcessComm.parse(text)
    }

    static func sysctl(_ text: String) {
        _ = try? SysctlValue.integer(text)
        _ = try? SysctlValue.portRange(text)
        _ = try? SysctlValue.reservedPorts(text)
        _ = try? SysctlValue.fileNr(text)
    }

    static func sockDiag(_ bytes: UnsafeRawBufferPointer) {
        _ = SockDiagReply.parse(bytes) { _ in }
    }

    static func tcpInfo(_ bytes: UnsafeRawBufferPointer) {
        for info in [SockDiagReply.info(in: bytes), TCPInfo(bytes)] {
            _ = (info?.retransmits, info?.unacked, info?.idleMs, info?.rttMicroseconds, info?.totalRetransmits, info?.segmentsOut)
        }
    }

    static func ctnetlink(_ bytes: UnsafeRawBufferPointer) {
        var table = ConntrackTable()
        _ = CtnetlinkReply.parse(bytes) { table.add($0) }
    }

    static func portSet(_ text: String) {
        guard let ports = try? PortSet.parse(text) else { return }
        _ = InetDiagBytecode.compile(ports)
    }

    static func config(_ text: String) {
        _ = try? NetwatchConfig.parse(text, source: "fuzz.toml")
        _ = try? TimeSpan.parse(text)
        _ = try? ByteSize.parse(text)
    }
}
