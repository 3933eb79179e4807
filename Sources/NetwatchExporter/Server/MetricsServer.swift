import Glibc
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// `netwatch serve`'s HTTP listener over SwiftNIO: one event-loop thread answers every
/// connection; collection runs elsewhere (``ScrapeCache``).
public final class MetricsServer: Sendable {
    /// What one client may take.
    public struct Limits: Sendable {
        /// Request line excluded; a larger header block is answered 400 and the connection closed.
        public var maxHeaderBytes = 8 * 1024
        /// From a request's first byte until its response is written.
        public var requestTimeout: TimeAmount = .seconds(10)
        /// Between requests on a kept-alive connection (longer than common scrape intervals, so
        /// Prometheus keeps one connection and no TIME_WAIT piles up on this host).
        public var idleTimeout: TimeAmount = .seconds(150)
        /// Connections beyond this are closed as soon as they are accepted.
        public var maxConnections = 256

        public init() {}
    }

    private let channel: any Channel
    /// The address actually bound (the port chosen by the kernel when 0 was asked).
    public let localAddress: SocketAddress

    /// Binds and starts answering.
    /// - Throws: ``ServeError`` naming the address when it cannot be bound.
    public init(host: String, port: Int, cache: ScrapeCache, limits: Limits = Limits(),
                group: any EventLoopGroup) throws(ServeError) {
        let open = NIOLockedValueBox(0)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 128)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let admitted = open.withLockedValue { count in
                    guard count < limits.maxConnections else { return false }
                    count += 1
                    return true
                }
                guard admitted else { return channel.close() }
                channel.closeFuture.whenComplete { _ in open.withLockedValue { $0 -= 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    var decoderLimits = NIOHTTPDecoderLimitConfiguration()
                    decoderLimits.maxHeaderListSize = limits.maxHeaderBytes
                    decoderLimits.maxHeaderFieldSize = limits.maxHeaderBytes
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(RequestDeadlineHandler(requestTimeout: limits.requestTimeout,
                                                               idleTimeout: limits.idleTimeout))
                    try sync.configureHTTPServerPipeline(withEncoderConfiguration: .init(),
                                                         withDecoderLimitConfiguration: decoderLimits)
                    try sync.addHandler(MetricsHTTPHandler(cache: cache))
                }
            }
        do {
            channel = try bootstrap.bind(host: host, port: port).wait()
        } catch {
            throw ServeError(address: ServeError.describe(host: host, port: port), reason: ServeError.reason(error))
        }
        guard let bound = channel.localAddress else {
            throw ServeError(address: ServeError.describe(host: host, port: port), reason: "no local address after bind")
        }
        localAddress = bound
    }

    /// `127.0.0.1:10179` or `[::1]:10179`: the bound address as a URL's host and port.
    public var addressText: String {
        ServeError.describe(host: localAddress.ipAddress ?? "?", port: localAddress.port ?? 0)
    }

    /// Stops accepting; open connections end with the event loop group's shutdown.
    public func close() {
        channel.close(promise: nil)
    }

    /// Blocks until the listening socket is closed (``close()``, from a signal handler).
    public func waitUntilClosed() {
        try? channel.closeFuture.wait()
    }
}

/// The exporter could not listen: one line naming the address and why.
public struct ServeError: Error, CustomStringConvertible {
    public let address: String
    public let reason: String
    public var description: String { "cannot listen on \(address): \(reason)" }

    static func describe(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError {
            return io.errnoCode == EADDRINUSE ? "address already in use" : String(cString: strerror(io.errnoCode))
        }
        return "\(error)"
    }
}
