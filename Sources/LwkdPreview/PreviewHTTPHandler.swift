import NIOCore
import NIOHTTP1

/// Answers one connection's requests for a ``PreviewServer``.
final class PreviewHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: PreviewServer
    private var head: HTTPRequestHead?
    private var client: Int?

    init(server: PreviewServer) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request): head = request
        case .body: break
        case .end:
            if let head { respond(to: head, context: context) }
            head = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let client { server.removeClient(client) }
        client = nil
        context.fireChannelInactive()
    }

    private func respond(to request: HTTPRequestHead, context: ChannelHandlerContext) {
        guard request.method == .GET || request.method == .HEAD else {
            return send(
                .methodNotAllowed, "text/plain; charset=utf-8", "GET only\n", request, context)
        }
        // A page on another site must not read the preview through a name that points here.
        guard isLocalHost(request.headers["Host"].first) else {
            return send(
                .forbidden, "text/plain; charset=utf-8", "not a local host\n", request, context)
        }
        let path = String(request.uri.prefix { $0 != "?" && $0 != "#" })
        switch path {
        case "/", "/index.html":
            send(.ok, "text/html; charset=utf-8", server.page, request, context)
        case "/events":
            openEvents(request, context)
        default:
            if path.hasPrefix("/frame/"),
                let pane = server.current.snapshot.pane(
                    String(path.dropFirst("/frame/".count))), case .frames = pane.kind
            {
                let html = server.files.localizingImages(in: pane.body, site: server.site)
                send(.ok, "text/html; charset=utf-8", Array(html.utf8), request, context)
            } else if path.hasPrefix("/files/"),
                let file = server.files.lookup(String(request.uri.dropFirst("/files/".count)))
            {
                send(.ok, PreviewFiles.mediaType(of: file.path), file.bytes, request, context)
            } else {
                send(.notFound, "text/plain; charset=utf-8", "not found\n", request, context)
            }
        }
    }

    private func isLocalHost(_ host: String?) -> Bool {
        guard let host else { return true }
        let name =
            host.hasPrefix("[")
            ? String(host.prefix { $0 != "]" }) + "]"
            : String(host.prefix { $0 != ":" })
        return ["127.0.0.1", "localhost", "[::1]"].contains(name.lowercased())
    }

    private func openEvents(_ request: HTTPRequestHead, _ context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/event-stream; charset=utf-8")
        headers.add(name: "Cache-Control", value: "no-store")
        context.write(
            wrapOutboundOut(
                .head(HTTPResponseHead(version: request.version, status: .ok, headers: headers))),
            promise: nil)
        let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
        let loop = context.eventLoop
        let (id, first) = server.addClient { text in
            loop.execute {
                let (context, handler) = bound.value
                var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
                buffer.writeString(text)
                context.writeAndFlush(
                    handler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            }
        }
        client = id
        var buffer = context.channel.allocator.buffer(capacity: first.utf8.count)
        buffer.writeString(first)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    }

    private func send(
        _ status: HTTPResponseStatus, _ type: String, _ text: String, _ request: HTTPRequestHead,
        _ context: ChannelHandlerContext
    ) {
        send(status, type, Array(text.utf8), request, context)
    }

    private func send(
        _ status: HTTPResponseStatus, _ type: String, _ body: [UInt8], _ request: HTTPRequestHead,
        _ context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: type)
        headers.add(name: "Content-Length", value: "\(body.count)")
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        let keepAlive = request.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(
            wrapOutboundOut(
                .head(HTTPResponseHead(version: request.version, status: status, headers: headers))),
            promise: nil)
        if request.method != .HEAD {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))),
                promise: nil)
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }
}
