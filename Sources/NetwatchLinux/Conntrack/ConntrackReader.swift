import NetwatchCore

/// Reads the constant-cost conntrack files under a ``ProcRoot``: the namespace's entry count, the
/// global limit and hash size, the TCP timeouts and the per-CPU statistics (docs/KERNEL.md §9).
public struct ConntrackReader: Sendable {
    public let readers: KernelReaders
    /// Where `net/stat/nf_conntrack` is read: the root itself, or `thread-self` under it for a
    /// thread that entered another namespace (`/proc/net` follows the process, not the thread).
    let statistics: KernelReaders

    /// - Parameter files: descriptors kept open under `root` (used for the statistics too when
    ///   they are read under `root`).
    public init(root: ProcRoot, statisticsRoot: ProcRoot? = nil, files: OpenKernelFiles? = nil) {
        readers = KernelReaders(root: root, files: files)
        statistics = statisticsRoot.map { KernelReaders(root: $0) } ?? readers
    }

    static let directory = "sys/net/netfilter/"
    static let countPath = directory + "nf_conntrack_count"
    static let statisticsPath = "net/stat/nf_conntrack"

    /// `nil` when conntrack is not in use: `nf_conntrack_count` is absent (module not loaded) or
    /// unreadable (a warning then says why). Any other file that cannot be read is a warning and
    /// leaves its value `nil`.
    public func read(_ warnings: inout [String]) -> ConntrackSample? {
        let count: Int64
        switch readers.read(ConntrackReader.countPath) {
        case let .failure(error):
            if !error.isMissing { warnings.append(error.description + "; conntrack not shown") }
            return nil
        case let .success(text):
            do {
                count = try SysctlValue.integer(text)
            } catch {
                warnings.append("\(readers.root.absolute(ConntrackReader.countPath)): \(error); conntrack not shown")
                return nil
            }
        }
        var sample = ConntrackSample(count: count)
        sample.max = readers.value(ConntrackReader.directory + "nf_conntrack_max", &warnings) { try SysctlValue.integer($0) }
        sample.buckets = readers.value(ConntrackReader.directory + "nf_conntrack_buckets", &warnings) { try SysctlValue.integer($0) }
        for name in ConntrackSample.tcpTimeoutNames {
            sample.tcpTimeouts[name] = readers.value(ConntrackReader.directory + name, &warnings) { try SysctlValue.integer($0) }
        }
        sample.statistics = statistics.value(ConntrackReader.statisticsPath, &warnings) { try ConntrackStatistics.parse($0) }
        return sample
    }
}
