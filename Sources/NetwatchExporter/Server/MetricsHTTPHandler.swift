import NIOCore
import NIOHTTP1

/// Answers one connection's requests: `/metrics` (the shared collection, in the format the
/// scraper's `Accept` asks for), `/` (a short HTML page), 404 elsewhere; `GET` and `HEAD` only,
/// anything else 405. No request changes any state. Request bodies are discarded as they stream.
final class MetricsHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let cache: ScrapeCache
    private var head: HTTPRequestHead?

    init(cache: ScrapeCache) {
        self.cache = cache
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            if let head { respond(context, to: head) }
            head = nil
        }
    }

    /// A request the decoder could not parse (a header block over the limit, bad syntax) was
    /// answered 400 by NIO's error handler; the connection cannot be trusted further.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(_ context: ChannelHandlerContext, to head: HTTPRequestHead) {
        guard head.method == .GET || head.method == .HEAD else {
            return send(context, head, .methodNotAllowed, body: "only GET and HEAD\n", extra: [("Allow", "GET, HEAD")])
        }
        switch head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "" {
        case "/metrics":
            let format = ExpositionFormat.negotiate(accept: head.headers.first(name: "accept"))
            cache.exposition(on: context.eventLoop).assumeIsolated().whenComplete { result in
                switch result {
                case .success(let exposition):
                    self.send(context, head, .ok, contentType: format.contentType, body: exposition.body(format))
                case .failure(let error):
                    self.send(context, head, .internalServerError, body: "collection failed: \(error)\n")
                }
            }
        case "/":
            send(context, head, .ok, contentType: "text/html; charset=utf-8", body: LandingPage.html)
        default:
            send(context, head, .notFound, body: "not found: try /metrics\n")
        }
    }

    private func send(_ context: ChannelHandlerContext, _ request: HTTPRequestHead, _ status: HTTPResponseStatus,
                      contentType: String = "text/plain; charset=utf-8", body: String, extra: [(String, String)] = []) {
        send(context, request, status, contentType: contentType, body: ByteBuffer(string: body), extra: extra)
    }

    private func send(_ context: ChannelHandlerContext, _ request: HTTPRequestHead, _ status: HTTPResponseStatus,
                      contentType: String, body: ByteBuffer, extra: [(String, String)] = []) {
        var headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", String(body.readableBytes))] + extra)
        let keepAlive = request.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if request.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in
            if keepAlive {
                context.triggerUserOutboundEvent(RequestDeadlineHandler.ResponseWritten(), promise: nil)
            } else {
                context.close(promise: nil)
            }
        }
    }
}
