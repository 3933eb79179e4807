import NetwatchBPF
import XCTest

/// What the tracer says about the accept hook it attached.
final class AcceptHookTests: XCTestCase {
    func testTheSystemCallFallbackIsSaidWithTheKernelsReason() {
        XCTAssertNil(ConnectionTracer.AcceptHook.trampoline.notice)
        XCTAssertEqual(ConnectionTracer.AcceptHook.systemCallExit(reason: "Operation not permitted").notice,
                       "eBPF: accept() results taken at every system call's exit (sys_exit): the kernel refused fexit (Operation not permitted)")
    }
}
