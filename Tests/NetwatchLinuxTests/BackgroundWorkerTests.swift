import Glibc
import XCTest
@testable import NetwatchLinux

final class BackgroundWorkerTests: XCTestCase {
    /// Waits for the worker's descriptor: a real thread, so poll with a generous bound.
    func waitReadable(_ descriptor: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 10_000) == 1
    }

    func testJobsRunOnTheThreadOneAfterTheOtherAndSayWhenDone() throws {
        let caller = pthread_self()
        let worker = try BackgroundWorker<Int, String> { request in
            "\(request * 2) on the caller's thread: \(pthread_equal(pthread_self(), caller) != 0)"
        }
        XCTAssertNil(worker.take(), "nothing submitted yet")
        worker.submit(21)
        XCTAssertTrue(waitReadable(worker.finishedDescriptor))
        XCTAssertEqual(worker.take(), "42 on the caller's thread: false")
        XCTAssertNil(worker.take(), "an output is taken once")
        var entry = pollfd(fd: worker.finishedDescriptor, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&entry, 1, 0), 0, "taking clears the descriptor")
        worker.submit(1)
        XCTAssertTrue(waitReadable(worker.finishedDescriptor))
        XCTAssertEqual(worker.take(), "2 on the caller's thread: false")
    }

    func testTheCallerIsFreeWhileAJobRuns() throws {
        let release = DispatchSemaphore(value: 0)
        let worker = try BackgroundWorker<Int, Int> { request in
            release.wait()
            return request
        }
        worker.submit(7)
        var entry = pollfd(fd: worker.finishedDescriptor, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&entry, 1, 0), 0, "still running")
        XCTAssertNil(worker.take())
        release.signal()
        XCTAssertTrue(waitReadable(worker.finishedDescriptor))
        XCTAssertEqual(worker.take(), 7)
    }
}
