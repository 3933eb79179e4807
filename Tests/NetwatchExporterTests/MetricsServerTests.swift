import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchExporter

/// The exporter's HTTP behaviour against a real server on loopback, over a fixture snapshot.
final class MetricsServerTests: XCTestCase {
    var group: MultiThreadedEventLoopGroup!
    var pool: NIOThreadPool!
    let collections = NIOLockedValueBox(0)
    let clock = NIOLockedValueBox(NIODeadline.uptimeNanoseconds(1_000_000_000))
    var server: MetricsServer!
    var port: Int { server.localAddress.port! }

    override func setUpWithError() throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        server = try start(limits: MetricsServer.Limits())
    }

    override func tearDownWithError() throws {
        server.close()
        try group.syncShutdownGracefully()
        try pool.syncShutdownGracefully()
    }

    func start(limits: MetricsServer.Limits, port: Int = 0) throws -> MetricsServer {
        let (collections, clock) = (self.collections, self.clock)
        let cache = ScrapeCache(minimumInterval: .seconds(10), top: 50, pool: pool, now: { clock.withLockedValue { $0 } }) {
            collections.withLockedValue { $0 += 1 }
            return SnapshotFixtures.storm()
        }
        return try MetricsServer(host: "127.0.0.1", port: port, cache: cache, limits: limits, group: group)
    }

    var stormText: String {
        ExpositionEncoder.encode(SnapshotMetrics.families(SnapshotFixtures.storm(), top: 50), format: .prometheusText)
    }

    func testMetricsInTheTextFormat() throws {
        let reply = try LoopbackHTTPClient.get(port: port, "/metrics")
        XCTAssertEqual(reply.status, "HTTP/1.1 200 OK")
        XCTAssertEqual(reply.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8")
        XCTAssertEqual(reply.body, stormText)
        XCTAssertEqual(reply.headers["content-length"], String(stormText.utf8.count))
    }

    func testOpenMetricsWhenTheScraperAsksForIt() throws {
        let reply = try LoopbackHTTPClient.get(port: port, "/metrics?x=1", headers: [
            "Accept: application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
        ])
        XCTAssertEqual(reply.headers["content-type"], "application/openmetrics-text; version=1.0.0; charset=utf-8")
        XCTAssertEqual(reply.body, ExpositionEncoder.encode(SnapshotMetrics.families(SnapshotFixtures.storm(), top: 50),
                                                            format: .openMetrics))
    }

    func testHeadSendsTheHeadersWithoutABody() throws {
        let reply = try LoopbackHTTPClient.get(port: port, "/metrics", method: "HEAD")
        XCTAssertEqual(reply.status, "HTTP/1.1 200 OK")
        XCTAssertEqual(reply.headers["content-length"], String(stormText.utf8.count))
        XCTAssertEqual(reply.body, "")
    }

    func testOtherMethodsAre405() throws {
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let reply = try LoopbackHTTPClient.get(port: port, "/metrics", method: method, headers: ["Content-Length: 0"])
            XCTAssertEqual(reply.status, "HTTP/1.1 405 Method Not Allowed", method)
            XCTAssertEqual(reply.headers["allow"], "GET, HEAD", method)
            XCTAssertEqual(reply.body, "only GET and HEAD\n", method)
        }
        XCTAssertEqual(collections.withLockedValue { $0 }, 0, "no request but a scrape collects")
    }

    func testRootIsAShortPageLinkingToMetricsAndOtherPathsAre404() throws {
        let root = try LoopbackHTTPClient.get(port: port, "/")
        XCTAssertEqual(root.status, "HTTP/1.1 200 OK")
        XCTAssertEqual(root.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(root.body.contains("<a href=\"/metrics\">/metrics</a>"), root.body)
        let other = try LoopbackHTTPClient.get(port: port, "/metrics/extra")
        XCTAssertEqual(other.status, "HTTP/1.1 404 Not Found")
        XCTAssertEqual(other.body, "not found: try /metrics\n")
    }

    func testHeadersLargerThanTheLimitAre400() throws {
        let reply = try LoopbackHTTPClient.get(port: port, "/metrics", headers: ["X-Padding: " + String(repeating: "a", count: 9_000)])
        XCTAssertEqual(reply.status, "HTTP/1.1 400 Bad Request")
        XCTAssertEqual(collections.withLockedValue { $0 }, 0)
    }

    /// 100 scrapers at once: every one answered with the same body from a single collection.
    func testHundredConcurrentScrapesShareOneCollection() throws {
        let clients = try (0..<100).map { _ in try LoopbackHTTPClient(port: port) }
        for client in clients { client.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") }
        let replies = clients.map { HTTPReply($0.readToEnd()) }
        XCTAssertEqual(replies.filter { $0.status == "HTTP/1.1 200 OK" && $0.body == stormText }.count, 100)
        XCTAssertEqual(collections.withLockedValue { $0 }, 1)
    }

    func testAScrapeAfterTheMinimumIntervalCollectsAgain() throws {
        _ = try LoopbackHTTPClient.get(port: port, "/metrics")
        clock.withLockedValue { $0 = $0 + .seconds(9) }
        _ = try LoopbackHTTPClient.get(port: port, "/metrics")
        XCTAssertEqual(collections.withLockedValue { $0 }, 1, "9 s later: the same collection")
        clock.withLockedValue { $0 = $0 + .seconds(1) }
        _ = try LoopbackHTTPClient.get(port: port, "/metrics")
        XCTAssertEqual(collections.withLockedValue { $0 }, 2, "10 s later: a new one")
    }

    func testKeepAliveServesSeveralRequestsOnOneConnection() throws {
        let client = try LoopbackHTTPClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let raw = client.readToEnd()
        XCTAssertEqual(raw.components(separatedBy: "HTTP/1.1 200 OK").count - 1, 2)
        XCTAssertTrue(raw.hasSuffix(stormText))
    }

    /// A client that sends half a header does not keep the others waiting.
    func testASlowClientDoesNotHoldOtherScrapers() throws {
        let slow = try LoopbackHTTPClient(port: port)
        slow.send("GET /metrics HTTP/1.1\r\nHo")
        let reply = try LoopbackHTTPClient.get(port: port, "/metrics")
        XCTAssertEqual(reply.status, "HTTP/1.1 200 OK")
        withExtendedLifetime(slow) {}
    }

    func testConnectionsBeyondTheLimitAreClosedAtOnce() throws {
        var limits = MetricsServer.Limits()
        limits.maxConnections = 2
        let small = try start(limits: limits)
        defer { small.close() }
        let smallPort = small.localAddress.port!
        let held = try (0..<2).map { _ in try LoopbackHTTPClient(port: smallPort) }
        for client in held { client.send("GET /metrics HTTP/1.1\r\n") }
        let third = try LoopbackHTTPClient(port: smallPort)
        third.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(third.readToEnd(), "")
        held[0].send("Host: x\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(HTTPReply(held[0].readToEnd()).status, "HTTP/1.1 200 OK")
    }

    func testAPortInUseFailsNamingTheAddress() throws {
        XCTAssertThrowsError(try start(limits: MetricsServer.Limits(), port: port)) { error in
            XCTAssertEqual("\(error)", "cannot listen on 127.0.0.1:\(port): address already in use")
        }
    }
}
