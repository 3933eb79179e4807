/// Why the connection tracer is not running, in one line for the status line and the JSON
/// warnings: what is missing and what to do.
public struct TracerUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }

    /// Turned off on the command line.
    public static let disabled = TracerUnavailable("--no-bpf")
    /// The kernel exposes no BTF, which the BTF-typed attach points and CO-RE need.
    public static let noBTF = TracerUnavailable("no kernel BTF (/sys/kernel/btf/vmlinux; needs CONFIG_DEBUG_INFO_BTF)")
    /// Loading was refused for want of privilege.
    public static let noCapability = TracerUnavailable("no CAP_BPF: run as root, or grant CAP_BPF and CAP_PERFMON")
    /// Root, yet refused: on kernels before 5.11 BPF memory counts against RLIMIT_MEMLOCK; kernel
    /// lockdown or a security module can refuse too.
    public static let lockedMemory = TracerUnavailable(
        "permission denied loading BPF as root: raise the locked-memory limit (ulimit -l), or check kernel lockdown and LSM policy")
}
