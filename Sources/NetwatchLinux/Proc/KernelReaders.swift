import NetwatchCore

/// Reads the constant-cost kernel files (sysctls, sockstat, counters, file-nr, host identity)
/// under a ``ProcRoot``. A missing or malformed file yields `nil` and one warning naming it.
public struct KernelReaders: Sendable {
    public let root: ProcRoot
    /// Where the files are kept open between reads (a collector's, on a real procfs); `nil`
    /// opens each file on each read.
    let files: OpenKernelFiles?

    /// - Parameter files: descriptors kept open under the same `root`.
    public init(root: ProcRoot, files: OpenKernelFiles? = nil) {
        self.root = root
        self.files = files
    }

    /// Reads one file whole, through its kept descriptor when there is one.
    func read(_ relative: String) -> Result<String, ProcReadError> {
        files?.read(relative) ?? root.read(relative)
    }

    /// Reads and parses one file; failures become a warning and `nil`.
    func value<T>(_ relative: String, _ warnings: inout [String], _ parse: (String) throws -> T) -> T? {
        switch read(relative) {
        case let .failure(error):
            warnings.append(error.description)
            return nil
        case let .success(text):
            do {
                return try parse(text)
            } catch {
                warnings.append("\(root.absolute(relative)): \(error); value ignored")
                return nil
            }
        }
    }

    public func sysctls(_ warnings: inout [String]) -> Sysctls {
        var sysctl = Sysctls()
        sysctl.ipLocalPortRange = value(Sysctls.portRangePath, &warnings) { try SysctlValue.portRange($0) }
        sysctl.ipLocalReservedPorts = value(Sysctls.reservedPortsPath, &warnings) { try SysctlValue.reservedPorts($0) }
        for file in Sysctls.integerFiles {
            sysctl[keyPath: file.keyPath] = value(file.path, &warnings) { try SysctlValue.integer($0) }
        }
        return sysctl
    }

    /// sockstat, plus `inuse6` from sockstat6 (absent on hosts without IPv6).
    public func sockstat(_ warnings: inout [String]) -> Sockstat? {
        guard var stat = value("net/sockstat", &warnings, { try Sockstat.parse($0) }) else { return nil }
        stat.inuse6 = value("net/sockstat6", &warnings) { try Sockstat.parseInuse6($0) }
        return stat
    }

    public func tcpCounters(_ warnings: inout [String]) -> [String: Int64]? {
        value("net/snmp", &warnings) { try CounterTable.parse($0, prefix: "Tcp:") }
    }

    public func tcpExtCounters(_ warnings: inout [String]) -> [String: Int64]? {
        value("net/netstat", &warnings) { try CounterTable.parse($0, prefix: "TcpExt:") }
    }

    public func fileNr(_ warnings: inout [String]) -> (allocated: Int64, max: Int64)? {
        value("sys/fs/file-nr", &warnings) { text -> (allocated: Int64, max: Int64) in try SysctlValue.fileNr(text) }
    }

    /// Host name and kernel release as the proc root reports them (a fixture tree has its own).
    public func host(_ warnings: inout [String]) -> (name: String?, kernel: String?) {
        let trim = { (text: String) in text.trimming(while: \.isNewline) }
        return (value("sys/kernel/hostname", &warnings, trim), value("sys/kernel/osrelease", &warnings, trim))
    }
}
