import NetwatchCore
import NetwatchLinux
import NetwatchUI

/// One parser (or chain) that libFuzzer feeds with bytes: every input must return, whatever it
/// holds. `scripts/fuzz/run.sh` builds them with `-sanitize=fuzzer,address` and names one per
/// run in `NETWATCH_FUZZ_TARGET`; the regression tests run the kept inputs through the same code.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `/proc/net/tcp` and `tcp6` lines.
    case procNetTCP = "proc-net-tcp"
    /// `/proc/net/sockstat` and `sockstat6`.
    case sockstat
    /// `/proc/net/snmp` and `/proc/net/netstat` name/value tables.
    case counterTable = "counter-table"
    /// `/proc/PID/limits` and `/proc/PID/comm`.
    case processFiles = "process-files"
    /// `/proc/sys` values and `file-nr`.
    case sysctl
    /// sock_diag reply bytes.
    case sockDiag = "sock-diag"
    /// The attributes after an `inet_diag_msg`: the `INET_DIAG_INFO` walk and `tcp_info` of any length.
    case tcpInfo = "tcp-info"
    /// `/proc/net/stat/nf_conntrack` (hexadecimal per-CPU rows).
    case conntrackStatistics = "conntrack-stat"
    /// ctnetlink dump reply bytes, aggregated as the collector does.
    case ctnetlink
    /// Port lists (`--port`, the filter prompt) and the inet_diag bytecode made from them.
    case portSet = "port-set"
    /// The JSON parser.
    case json
    /// One recorded line or an export: the snapshot decoder, its history, and the encoder back.
    case snapshot
    /// A recording: NDJSON lines split as replay reads them, each decoded.
    case recording
    /// `config.toml` (the TOML subset) and the `--history`/`--max-size` values.
    case config
    /// Theme files.
    case theme
    /// The eBPF tracer's map entries: decoded, analysed, encoded.
    case bpfMaps = "bpf-maps"
    /// decode → advice → render: a recording's lines as replay shows them, the advice worked
    /// out again from each snapshot and its history, and the dashboard drawn at several sizes.
    case chain

    /// Runs the target over one input.
    public func run(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .procNetTCP: FuzzParsers.procNetTCP(bytes)
        case .sockstat: FuzzParsers.sockstat(text)
        case .counterTable: FuzzParsers.counterTable(text)
        case .processFiles: FuzzParsers.processFiles(text)
        case .sysctl: FuzzParsers.sysctl(text)
        case .sockDiag: FuzzParsers.sockDiag(bytes)
        case .tcpInfo: FuzzParsers.tcpInfo(bytes)
        case .conntrackStatistics: _ = try? ConntrackStatistics.parse(text)
        case .ctnetlink: FuzzParsers.ctnetlink(bytes)
        case .portSet: FuzzParsers.portSet(text)
        case .json: _ = try? JSONValue.parse(text)
        case .snapshot: FuzzChain.snapshot(text)
        case .recording: FuzzChain.recording(bytes)
        case .config: FuzzParsers.config(text)
        case .theme: _ = try? Theme.parse(text, source: "fuzz.toml")
        case .bpfMaps: FuzzBPFMaps.run(bytes)
        case .chain: FuzzChain.chain(bytes)
        }
    }
}
