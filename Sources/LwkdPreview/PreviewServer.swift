import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The preview's HTTP server (SwiftNIO's HTTP/1.1), on 127.0.0.1 only.
///
/// It serves the page (`/`), the framed editions (`/frame/ID`), the files of its roots
/// (`/files/PATH`, see ``PreviewFiles``) and a Server-Sent Events stream (`/events`) that
/// announces each new rendering; every other path is 404. Nothing is written to disk.
public final class PreviewServer: Sendable {
    private struct State {
        var snapshot: PreviewSnapshot
        var version: Int
        var page: [UInt8]
        var nextClient = 0
        var clients: [Int: @Sendable (String) -> Void] = [:]
    }

    private let render: @Sendable () -> PreviewSnapshot
    let files: PreviewFiles
    /// The site's root URL: framed images under it that a root holds are served locally.
    let site: String
    private let state: Mutex<State>
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let listener = Mutex<(any Channel)?>(nil)
    private let port = Mutex(0)

    /// Creates a server and renders the post once.
    ///
    /// `render` runs again on each ``refresh()``. Images under `site` that `files` holds are shown from there.
    public init(
        files: PreviewFiles, site: String, render: @escaping @Sendable () -> PreviewSnapshot
    ) {
        self.render = render
        self.files = files
        self.site = site
        let first = render()
        state = Mutex(
            State(
                snapshot: first, version: 1,
                page: Array(PreviewPage.render(first, version: 1).utf8)))
    }

    /// Listens on 127.0.0.1:`port` (0: a free port) and returns the port.
    public func start(port requested: Int) throws -> Int {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(PreviewHTTPHandler(server: self))
                }
            }
        let channel = try bootstrap.bind(host: "127.0.0.1", port: requested).wait()
        listener.withLock { $0 = channel }
        let bound = channel.localAddress?.port ?? requested
        port.withLock { $0 = bound }
        return bound
    }

    /// Renders the post again, then tells every open page; returns the new snapshot.
    @discardableResult
    public func refresh() -> PreviewSnapshot {
        let snapshot = render()
        let (version, clients) = state.withLock { state in
            state.version += 1
            state.snapshot = snapshot
            state.page = Array(PreviewPage.render(snapshot, version: state.version).utf8)
            return (state.version, Array(state.clients.values))
        }
        for send in clients { send(Self.event(version)) }
        return snapshot
    }

    /// Closes every connection and the listener, and stops the event loop.
    public func stop() {
        let channel = listener.withLock { value in
            let open = value
            value = nil
            return open
        }
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// The latest rendering and its number.
    public var current: (snapshot: PreviewSnapshot, version: Int) {
        state.withLock { ($0.snapshot, $0.version) }
    }

    var page: [UInt8] { state.withLock { $0.page } }

    var boundPort: Int { port.withLock { $0 } }

    /// Registers an open event stream; returns its id and the event for the current version.
    func addClient(_ send: @escaping @Sendable (String) -> Void) -> (id: Int, first: String) {
        state.withLock { state in
            state.nextClient += 1
            state.clients[state.nextClient] = send
            return (state.nextClient, "retry: 1000\n\n" + Self.event(state.version))
        }
    }

    func removeClient(_ id: Int) {
        _ = state.withLock { $0.clients.removeValue(forKey: id) }
    }

    static func event(_ version: Int) -> String { "event: version\ndata: \(version)\n\n" }
}
