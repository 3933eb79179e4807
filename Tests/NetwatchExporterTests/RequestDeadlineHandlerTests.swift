import NIOCore
import NIOEmbedded
import XCTest
@testable import NetwatchExporter

/// The connection time limits on an embedded channel, whose clock the test moves.
final class RequestDeadlineHandlerTests: XCTestCase {
    func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: RequestDeadlineHandler(requestTimeout: .seconds(10), idleTimeout: .seconds(150)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    func testARequestStillIncompleteAtTheRequestTimeoutIsClosed() throws {
        let channel = try channel()
        try channel.writeInbound(ByteBuffer(string: "GET /metrics HTTP/1.1\r\nHo"))
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        try channel.writeInbound(ByteBuffer(string: "st: x\r\n"))   // more bytes do not extend it
        XCTAssertTrue(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        XCTAssertFalse(channel.isActive)
    }

    func testAnIdleConnectionIsClosedAtTheIdleTimeout() throws {
        let channel = try channel()
        channel.embeddedEventLoop.advanceTime(by: .seconds(149))
        XCTAssertTrue(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        XCTAssertFalse(channel.isActive)
    }

    func testAWrittenResponseGivesTheConnectionTheIdleTimeoutAgain() throws {
        let channel = try channel()
        try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n"))
        channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        channel.pipeline.triggerUserOutboundEvent(RequestDeadlineHandler.ResponseWritten(), promise: nil)
        channel.embeddedEventLoop.advanceTime(by: .seconds(149))
        XCTAssertTrue(channel.isActive)
        try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n"))
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        XCTAssertFalse(channel.isActive, "the next request has its own 10 s")
    }
}
