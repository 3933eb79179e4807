import FoundationEssentials
import Glibc

/// The target `NETWATCH_FUZZ_TARGET` names, read once; libFuzzer's driver calls the entry point
/// below for every input.
private let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["NETWATCH_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        var message = "NETWATCH_FUZZ_TARGET '\(name)': expected one of \(names)\n"
        message.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        exit(2)
    }
    return target
}()

/// libFuzzer's entry point (`-sanitize=fuzzer` links its driver, which calls this).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selectedTarget.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}
