import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// `netwatch snapshot --port` in a namespace holding two services run by two processes:
/// filtered counts and sockets equal `ss` with the same filter, and socket owners are the pids
/// of the processes that really hold them. Root only.
final class SnapshotFilterTests: XCTestCase {
    func testFilteredCountsSocketsAndOwnersEqualSSAndTheRealPids() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("filter")
        defer { ns.delete() }
        let load = FixturePaths.binary("netwatch-load")
        let first = try pid(ns.start([load, "--time-wait", "300", "--established", "6", "--close-wait", "3", "--hold", "120"],
                                     readyPrefix: "READY").1)
        let second = try pid(ns.start([load, "--destinations", "127.0.0.1:8001", "--time-wait", "200", "--established", "4",
                                       "--service", "127.0.0.1:8100", "--leaky", "127.0.0.1:8200", "--close-wait", "2",
                                       "--hold", "120"], readyPrefix: "READY").1)
        XCTAssertNotEqual(first, second)
        for (port, owner) in [(7100, first), (8100, second), (8200, second)] {
            let result = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--sample", "0", "--port", String(port), "--top", "1000"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let ss = try ns.ss(["( sport = :\(port) or dport = :\(port) )"])
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(((json["states"] as? [String: Any])?["total"] as? Int), ss.rows.count, "port \(port)")
            let sockets = try XCTUnwrap(json["sockets"] as? [[String: Any]])
            XCTAssertEqual(json["sockets_matched"] as? Int, ss.rows.count)
            let lines = sockets.map { "\($0["state"]!) \($0["local_address"]!):\($0["local_port"]!) \($0["remote_address"]!):\($0["remote_port"]!)" }.sorted()
            let expected = ss.rows.map { "\($0.state.name) \($0.localAddress):\($0.localPort) \($0.remoteAddress):\($0.remotePort ?? 0)" }.sorted()
            XCTAssertEqual(lines, expected, "port \(port): the same sockets as ss")
            // Every socket a process holds is owned by the generator serving that port; time-wait
            // and request sockets are held by the kernel.
            for socket in sockets {
                if socket["kernel_held"] as? Bool == true {
                    XCTAssertTrue(socket["pid"] is NSNull, "\(socket)")
                } else {
                    XCTAssertEqual(socket["pid"] as? Int, Int(owner), "port \(port): \(socket)")
                    XCTAssertEqual(socket["command"] as? String, "netwatch-load")
                }
            }
            // The fd pane narrows to the owners of the matching sockets.
            let processes = ((json["fds"] as? [String: Any])?["processes"] as? [[String: Any]]) ?? []
            XCTAssertEqual(processes.map { $0["pid"] as? Int }, [Int(owner)], "port \(port)")
        }
    }

    private func pid(_ ready: String) throws -> Int32 {
        let json = try JSONSerialization.jsonObject(with: Data(ready.dropFirst("READY ".count).utf8)) as? [String: Any]
        return Int32(try XCTUnwrap(json?["pid"] as? Int))
    }
}
