import CLibbpf
import Glibc
import NetwatchCore

/// The eBPF connection tracer: loads `bpf/connectors.bpf.c` (embedded in the binary), attaches
/// its programs and reads its maps into ``ConnectorCounts``. The programs and maps are released by
/// ``close()`` (and on deinit); they are file descriptors, so the kernel releases them too when
/// the process ends however it ends.
public final class ConnectionTracer: ConnectorCounting {
    /// Where accept() results are taken from.
    public enum AcceptHook: Equatable, Sendable {
        /// The exit of `__sys_accept4` (fexit): only accept calls pay; attached all along.
        case trampoline
        /// The `sys_exit` tracepoint, where the kernel refused the trampoline (`reason`). Attached,
        /// it puts every system call of the host on the tracepoint's slow path (1.1 µs per
        /// loopback connection of scripts/bench-bpf.sh's loop with an empty program: 4 %), so it
        /// is attached only while ``watchAcceptResults(_:)`` asks (``AcceptWatchPolicy``).
        case systemCallExit(reason: String)

        /// The programs loaded with this hook; `sock_state` (connects) is in both.
        var programs: Set<String> {
            self == .trampoline ? ["sock_state", "accept_exit"] : ["sock_state", "sys_exit"]
        }

        /// What the status line and the JSON warnings say about the fallback; `nil` with fexit.
        public var notice: String? {
            guard case let .systemCallExit(reason) = self else { return nil }
            return "eBPF: accept() results watched only near an fd limit (the kernel refused fexit: \(reason); "
                + "sys_exit would slow every system call)"
        }
    }

    private var object: OpaquePointer?
    private var links: [OpaquePointer] = []
    /// The `sys_exit` program and, while accept() results are watched, its link.
    private var systemCallExit: (program: OpaquePointer, link: OpaquePointer?)?
    private var connectorTable: ConnectorTable?
    private let acceptorsMap: Int32
    public let acceptHook: AcceptHook

    /// Loads and attaches, or says why not: with the fexit accept hook, else with the
    /// `sys_exit` one.
    /// - Parameter btfPath: where the kernel's BTF is expected (tests point elsewhere).
    public static func start(btfPath: String = "/sys/kernel/btf/vmlinux") throws(TracerUnavailable) -> ConnectionTracer {
        guard access(btfPath, F_OK) == 0 else { throw .noBTF }
        LibbpfLog.install()
        guard let bytes = EmbeddedObject.connectors else {
            throw TracerUnavailable("the embedded BPF object is not valid base64 (a broken build)")
        }
        do {
            return try start(bytes, hook: .trampoline)
        } catch {
            return try start(bytes, hook: .systemCallExit(reason: error.reason))
        }
    }

    private static func start(_ bytes: [UInt8], hook: AcceptHook) throws(TracerUnavailable) -> ConnectionTracer {
        let object = bytes.withUnsafeBytes { buffer in
            var options = bpf_object_open_opts()
            options.sz = MemoryLayout<bpf_object_open_opts>.size
            return "netwatch".withCString { name in
                options.object_name = name
                return bpf_object__open_mem(buffer.baseAddress, buffer.count, &options)
            }
        }
        guard let object, libbpf_get_error(UnsafeRawPointer(object)) == 0 else {
            throw TracerUnavailable("cannot open the BPF object: \(String(cString: strerror(errno)))")
        }
        let wanted = hook.programs
        var program = bpf_object__next_program(object, nil)
        while let current = program {
            bpf_program__set_autoload(current, wanted.contains(String(cString: bpf_program__name(current))))
            program = bpf_object__next_program(object, current)
        }
        let loaded = bpf_object__load(object)
        if loaded != 0 {
            let error = -loaded
            bpf_object__close(object)
            // The trampoline's refusal is the fallback's note; the fallback's is the tracer's.
            throw hook == .trampoline ? TracerUnavailable(String(cString: strerror(error))) : reason(loading: error)
        }
        guard let table = ConnectorTable(map: bpf_object__find_map_fd_by_name(object, "connectors")) else {
            let error = errno
            bpf_object__close(object)
            throw TracerUnavailable("cannot map the connectors table: \(String(cString: strerror(error)))")
        }
        let tracer = ConnectionTracer(object: object, connectorTable: table,
                                      acceptorsMap: bpf_object__find_map_fd_by_name(object, "acceptors"), acceptHook: hook)
        try tracer.attachAll()
        return tracer
    }

    private init(object: OpaquePointer, connectorTable: ConnectorTable, acceptorsMap: Int32, acceptHook: AcceptHook) {
        self.object = object
        self.connectorTable = connectorTable
        self.acceptorsMap = acceptorsMap
        self.acceptHook = acceptHook
    }

    deinit { close() }

    public var notice: String? { acceptHook.notice }

    public var watchesAcceptsAlways: Bool { acceptHook == .trampoline }

    public var acceptResultsWatched: Bool { watchesAcceptsAlways || systemCallExit?.link != nil }

    /// Attaches or detaches the `sys_exit` hook; with fexit, accept() results are always watched.
    /// A refused attach leaves them unwatched (the next call tries again).
    public func watchAcceptResults(_ watch: Bool) {
        guard let hook = systemCallExit, watch != (hook.link != nil) else { return }
        if let link = hook.link {
            bpf_link__destroy(link)
            systemCallExit?.link = nil
        } else if let link = bpf_program__attach(hook.program), libbpf_get_error(UnsafeRawPointer(link)) == 0 {
            systemCallExit?.link = link
        }
    }

    /// Detaches the programs and frees the maps; safe to call more than once.
    public func close() {
        for link in links { bpf_link__destroy(link) }
        links = []
        if let link = systemCallExit?.link { bpf_link__destroy(link) }
        systemCallExit = nil
        connectorTable = nil   // unmapped before the map is freed
        if let object { bpf_object__close(object) }
        object = nil
    }

    private func attachAll() throws(TracerUnavailable) {
        var program = bpf_object__next_program(object, nil)
        while let current = program {
            if bpf_program__autoload(current), String(cString: bpf_program__name(current)) == "sys_exit" {
                systemCallExit = (current, nil)   // attached on demand: watchAcceptResults(_:)
            } else if bpf_program__autoload(current) {
                guard let link = bpf_program__attach(current), libbpf_get_error(UnsafeRawPointer(link)) == 0 else {
                    let error = errno
                    let name = String(cString: bpf_program__section_name(current))
                    close()
                    throw TracerUnavailable("cannot attach \(name): \(String(cString: strerror(error)))")
                }
                links.append(link)
            }
            program = bpf_object__next_program(object, current)
        }
    }

    private static func reason(loading error: Int32) -> TracerUnavailable {
        switch error {
        case EPERM, EACCES:
            return mayLoadBPF() ? .lockedMemory : .noCapability
        default:
            let detail = LibbpfLog.lastWarning
            return TracerUnavailable("the kernel refused the BPF program: \(String(cString: strerror(error)))"
                                     + (detail.isEmpty ? "" : " (\(detail))"))
        }
    }

    /// CAP_BPF (39) or CAP_SYS_ADMIN (21) in this process's effective set (`CapEff` in
    /// /proc/self/status): a refusal is then not for want of privilege.
    private static func mayLoadBPF() -> Bool {
        guard let status = ownStatus(),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("CapEff:") }),
              let mask = UInt64(line.dropFirst("CapEff:".count).trimming(while: \.isWhitespace), radix: 16) else {
            return geteuid() == 0
        }
        return mask & (1 << 39) != 0 || mask & (1 << 21) != 0
    }

    /// /proc/self/status (a few KiB), or `nil` when it cannot be read.
    private static func ownStatus() -> String? {
        let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var bytes = [UInt8](repeating: 0, count: 16_384)
        let count = Glibc.read(fd, &bytes, bytes.count)
        return count > 0 ? String(decoding: bytes.prefix(count), as: UTF8.self) : nil
    }

    public func read() -> ConnectorCounts {
        var counts = ConnectorCounts()
        connectorTable?.read(into: &counts)
        MapReader.entries(of: acceptorsMap, limit: Int(NW_ACCEPTORS_MAX)) { (key: nw_acceptor_key, value: nw_acceptor_value) in
            counts.add(key, value)
        }
        return counts
    }
}
