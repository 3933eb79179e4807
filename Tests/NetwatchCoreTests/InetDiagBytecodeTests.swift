import XCTest
@testable import NetwatchCore

/// The kernel's `inet_diag_bc_run` and the checks of `inet_diag_bc_audit`, transcribed so the
/// compiled programs can be run here on every port.
private func kernelRun(_ bytecode: [UInt8], sport: UInt16, dport: UInt16) -> Bool {
    var position = 0
    var remaining = bytecode.count
    func op(_ at: Int) -> (code: UInt8, yes: Int, no: Int) {
        (bytecode[at], Int(bytecode[at + 1]), Int(UInt16(bytecode[at + 2]) | UInt16(bytecode[at + 3]) << 8))
    }
    while remaining > 0 {
        let current = op(position)
        var yes = true
        switch current.code {
        case 0: break
        case 1: yes = false
        case 2: yes = sport >= UInt16(op(position + 4).no)
        case 3: yes = sport <= UInt16(op(position + 4).no)
        case 4: yes = dport >= UInt16(op(position + 4).no)
        case 5: yes = dport <= UInt16(op(position + 4).no)
        default: XCTFail("unexpected op \(current.code)"); return false
        }
        let step = yes ? current.yes : current.no
        remaining -= step
        position += step
    }
    return remaining == 0
}

/// The audit: every jump is a multiple of 4, lands on an op reachable by `yes` steps, the end,
/// or the reject position just past it.
private func kernelAudit(_ bytecode: [UInt8]) -> Bool {
    func valid(_ target: Int) -> Bool {
        var len = bytecode.count, at = 0
        while len > 0 {
            if target == len { return true }
            let yes = Int(bytecode[at + 1])
            guard yes > 0 else { return false }
            at += yes
            len -= yes
        }
        return target == 0
    }
    var len = bytecode.count, at = 0
    while len > 0 {
        let code = bytecode[at], yes = Int(bytecode[at + 1])
        let no = Int(UInt16(bytecode[at + 2]) | UInt16(bytecode[at + 3]) << 8)
        let minimum = (2...5).contains(code) ? 8 : 4
        if code != 0 {
            guard no >= minimum, no <= len + 4, no % 4 == 0 else { return false }
            if no < len && !valid(len - no) { return false }
        }
        guard yes >= minimum, yes <= len + 4, yes % 4 == 0 else { return false }
        at += yes
        len -= yes
    }
    return len == 0
}

final class InetDiagBytecodeTests: XCTestCase {
    func testSinglePortProgramLayout() throws {
        let code = InetDiagBytecode.compile(try PortSet.parse("80"))
        // (sport>=80 && sport<=80) || (dport>=80 && dport<=80): 2×16 bytes + a 4-byte jump.
        XCTAssertEqual(code.count, 36)
        XCTAssertEqual(Array(code[0..<4]), [2, 8, 20, 0])    // S_GE false → byte 20: past the jump, the dport half
        XCTAssertEqual(Array(code[4..<8]), [0, 0, 80, 0])
        XCTAssertEqual(Array(code[16..<20]), [1, 4, 20, 0])  // JMP over the dport half
        XCTAssertTrue(kernelAudit(code))
    }

    func testProgramsMatchExactlyTheSetOnEveryPort() throws {
        for spec in ["80", "80,443", "8000-8100", "22,80,443,8000-8100,65535", "1"] {
            let set = try PortSet.parse(spec)
            let code = InetDiagBytecode.compile(set)
            XCTAssertTrue(kernelAudit(code), spec)
            var mismatches = [String]()
            for port in 1...65535 {
                let p = UInt16(port)
                if kernelRun(code, sport: p, dport: 40000) != (set.contains(p) || set.contains(40000)) { mismatches.append("sport \(p)") }
                if kernelRun(code, sport: 40001, dport: p) != (set.contains(p) || set.contains(40001)) { mismatches.append("dport \(p)") }
            }
            XCTAssertEqual(mismatches, [], spec)
        }
    }
}
