import Foundation
import NetwatchCore
import NetwatchLinux
import TestSupport
import XCTest
@testable import NetwatchBPF

/// The dashboard's collection of another namespace (the namespaces view's Enter, `--netns`) shows
/// the connectors the tracer counted in that namespace, and only those. Root only.
final class TracerNamespaceViewTests: XCTestCase {
    func pids(_ frame: LiveCollection.Frame) -> Set<Int32> {
        Set((frame.snapshot.connectors?.connections ?? []).map(\.process.pid))
    }

    func testTheViewedNamespaceShowsTheConnectsCountedInItOnly() throws {
        try NetworkNamespace.skipUnlessRoot()
        let a = try NetworkNamespace("viewa"), b = try NetworkNamespace("viewb")
        defer {
            a.delete()
            b.delete()
        }
        let collector = Collector(root: ProcRoot(), useNetlink: true)
        collector.connectorCounter = try ConnectionTracer.start()
        collector.acceptWatch = AcceptWatchPolicy(mode: .always)   // --accept-results always
        defer { collector.connectorCounter?.close() }
        let collection = LiveCollection(collector: collector, monitor: try NamespaceMonitor())
        // 20 connects in A, counted by the time the client reports them (it then holds them).
        let (_, report) = try a.start([FixturePaths.binary("netwatch-load"), "--exhaust", "127.0.0.1:7500", "--attempts", "20",
                                       "--hold", "60"], readyPrefix: "EXHAUST ")
        let client = try JSONSerialization.jsonObject(with: Data(report.dropFirst("EXHAUST ".count).utf8)) as? [String: Int]
        let pid = try XCTUnwrap(client?["pid"])
        let found = NamespaceDiscovery().discover().namespaces
        let inA = try XCTUnwrap(found.first { $0.name == a.name }), inB = try XCTUnwrap(found.first { $0.name == b.name })

        func frame(_ namespace: Netns?, at now: Double) -> LiveCollection.Frame {
            collection.frame(for: .init(now: now, interval: 1, filter: nil, drill: nil, startOver: false, namespace: namespace))
        }
        let own = frame(nil, at: 0)
        XCTAssertEqual(own.snapshot.connectors?.source, .ebpf)
        XCTAssertFalse(pids(own).contains(Int32(pid)), "A's client is not in netwatch's own namespace")
        let viewB = frame(inB, at: 1)
        XCTAssertTrue(viewB.namespaceSwitched)
        XCTAssertEqual(viewB.snapshot.connectors?.source, .ebpf, "the tracer, not an estimate")
        XCTAssertEqual(pids(viewB), [], "nothing connected in B")
        let viewA = frame(inA, at: 2)
        XCTAssertEqual(viewA.snapshot.connectors?.source, .ebpf)
        XCTAssertEqual(collector.connectorCounter?.acceptResultsWatched, true, "--accept-results always holds in the viewed namespace too")
        let row = try XCTUnwrap(viewA.snapshot.connectors?.connections.first { $0.process.pid == Int32(pid) })
        XCTAssertEqual(row.totals?.connects, 20)
        XCTAssertEqual(row.port, 7500)
        XCTAssertEqual(pids(frame(nil, at: 3)).contains(Int32(pid)), false, "back home: A's client is not shown")

        // --netns A: the collector made for the option carries the tracer the same way.
        let option = try Collector.resolve(netns: a.name)
        option.connectorCounter = collector.connectorCounter
        let viaOption = LiveCollection(collector: option).frame(for: .init(now: 0, interval: 1, filter: nil, drill: nil, startOver: false))
        XCTAssertEqual(viaOption.snapshot.connectors?.connections.first { $0.process.pid == Int32(pid) }?.totals?.connects, 20)
    }
}
