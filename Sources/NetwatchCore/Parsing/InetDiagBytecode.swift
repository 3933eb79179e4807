/// Compiles a port filter into the inet_diag bytecode the kernel runs during a sock_diag dump
/// (`INET_DIAG_REQ_BYTECODE`, what `ss sport = :80` sends), so non-matching sockets never
/// leave the kernel.
///
/// The kernel walks ops of `{u8 code, u8 yes, u16 no}`; a true condition advances `yes` bytes,
/// a false one `no` bytes; a socket matches when the walk ends exactly at the end of the
/// program (`net/ipv4/inet_diag.c`, `inet_diag_bc_run`). Port comparisons take a second op whose
/// `no` field holds the port. Layout follows iproute2's `ssfilter_bytecompile`.
public enum InetDiagBytecode {
    /// `enum { INET_DIAG_BC_NOP, INET_DIAG_BC_JMP, INET_DIAG_BC_S_GE, INET_DIAG_BC_S_LE,
    /// INET_DIAG_BC_D_GE, INET_DIAG_BC_D_LE, … }` from `<linux/inet_diag.h>`.
    public enum Code: UInt8 {
        case nop = 0, jump = 1
        case sourceAtLeast = 2, sourceAtMost = 3
        case destinationAtLeast = 4, destinationAtMost = 5
    }

    public struct Op: Equatable, Sendable {
        public var code: UInt8
        public var yes: UInt8
        public var no: UInt16
    }

    /// Matches sockets whose local (source) or remote (destination) port is in `ports`.
    public static func compile(_ ports: PortSet) -> [UInt8] {
        var program: [Op] = []
        for (index, range) in ports.ranges.enumerated() {
            let item = or(within(range, local: true), within(range, local: false))
            program = index == 0 ? item : or(program, item)
        }
        return program.flatMap { op -> [UInt8] in
            withUnsafeBytes(of: op.no) { [op.code, op.yes] + Array($0) }
        }
    }

    /// `port ≥ lo && port ≤ hi` on the local or remote port.
    static func within(_ range: ClosedRange<UInt16>, local: Bool) -> [Op] {
        let atLeast = comparison(local ? .sourceAtLeast : .destinationAtLeast, range.lowerBound)
        let atMost = comparison(local ? .sourceAtMost : .destinationAtMost, range.upperBound)
        return and(atLeast, atMost)
    }

    /// A comparison: true falls through to its end, false jumps 4 bytes past it (reject).
    static func comparison(_ code: Code, _ port: UInt16) -> [Op] {
        [Op(code: code.rawValue, yes: 8, no: 12), Op(code: 0, yes: 0, no: port)]
    }

    static func length(_ ops: [Op]) -> Int { ops.count * 4 }

    /// `a && b`: a's reject jumps are moved past b.
    static func and(_ a: [Op], _ b: [Op]) -> [Op] {
        patchRejects(a, by: length(b)) + b
    }

    /// `a || b`: a's reject lands on b; a's success hits a jump over b to the end.
    static func or(_ a: [Op], _ b: [Op]) -> [Op] {
        a + [Op(code: Code.jump.rawValue, yes: 4, no: UInt16(length(b) + 4))] + b
    }

    /// Adds `reloc` to every `no` that points at the reject position (end + 4), following the
    /// `yes` chain as iproute2's `ssfilter_patch` does.
    static func patchRejects(_ ops: [Op], by reloc: Int) -> [Op] {
        var patched = ops
        var remaining = length(ops)
        var index = 0
        while remaining > 0 && index < patched.count {
            if Int(patched[index].no) == remaining + 4 { patched[index].no += UInt16(reloc) }
            let step = Int(patched[index].yes)
            guard step > 0 else { break }
            remaining -= step
            index += step / 4
        }
        return patched
    }
}
