import NIOCore
import NIOSSL
import NIOTLS
import Synchronization

/// A request to the SMTP connection, written into the channel from the sending thread.
enum SMTPRequest: Sendable {
    /// Send `bytes` (nothing for the greeting) and wait for one reply.
    case command(
        bytes: ByteBuffer?, label: String, timeout: TimeAmount, reply: EventLoopPromise<SMTPReply>)
    /// Put TLS under the connection (after `220` to STARTTLS) and wait for the handshake.
    case startTLS(
        context: NIOSSLContext, serverHostname: String?, timeout: TimeAmount,
        done: EventLoopPromise<Void>)
}

/// Why a request failed at the connection level.
enum SMTPChannelError: Error {
    case timeout(label: String, seconds: Double)
    case closed(label: String)
    case failure(any Error, label: String)

    /// The same failure, told for the request `label`.
    func relabeled(_ label: String) -> SMTPChannelError {
        switch self {
        case .timeout(_, let seconds): .timeout(label: label, seconds: seconds)
        case .closed: .closed(label: label)
        case .failure(let error, _): .failure(error, label: label)
        }
    }
}

/// The first thing that broke a connection, kept past the connection's end.
///
/// Once the channel has closed, its handlers are gone: a request written after that fails in
/// the channel itself ("I/O on closed channel") without reaching ``SMTPClientHandler``. A reply
/// over the size limit closes the connection at once, so under load the sending thread can
/// write its next request only after the close; the session then reports this first failure
/// (the limit), not the close it caused.
final class SMTPConnectionFate: Sendable {
    private let first = Mutex<SMTPChannelError?>(nil)

    /// Records `error` unless a failure is already recorded; returns the one that stands.
    @discardableResult
    func record(_ error: SMTPChannelError) -> SMTPChannelError {
        first.withLock { first in
            if let first { return first }
            first = error
            return error
        }
    }

    /// The first failure, if any.
    var failure: SMTPChannelError? { first.withLock { $0 } }

    /// Why a write for `label` failed in the channel: the connection's first failure when there
    /// is one (the write failed because of it), else `error` itself.
    func explaining(_ error: any Error, label: String) -> SMTPChannelError {
        failure?.relabeled(label) ?? .failure(error, label: label)
    }
}

/// Matches replies to requests in order, enforces each request's timeout and reports TLS
/// handshakes; once the connection fails, every request fails the same way.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private struct Waiter {
        var label: String
        var reply: EventLoopPromise<SMTPReply>?
        var done: EventLoopPromise<Void>?
        var timer: Scheduled<Void>?
    }

    private var waiters: [Waiter] = []
    private var unclaimed: [SMTPReply] = []
    private var broken: SMTPChannelError?
    private let fate: SMTPConnectionFate

    /// Creates the handler; its first failure goes to `fate`.
    init(fate: SMTPConnectionFate) {
        self.fate = fate
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        guard let index = waiters.firstIndex(where: { $0.reply != nil }) else {
            unclaimed.append(reply)
            return
        }
        let waiter = waiters.remove(at: index)
        waiter.timer?.cancel()
        waiter.reply?.succeed(reply)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        switch request {
        case .command(let bytes, let label, let timeout, let reply):
            if let broken { return reply.fail(broken.relabeled(label)) }
            if bytes == nil, !unclaimed.isEmpty {
                reply.succeed(unclaimed.removeFirst())
                promise?.succeed()
                return
            }
            unclaimed.removeAll()
            waiters.append(
                Waiter(
                    label: label, reply: reply,
                    timer: schedule(timeout, label: label, context: context)))
            if let bytes {
                // The flush follows from the sender: a pipelined group leaves in one segment.
                context.write(wrapOutboundOut(bytes), promise: promise)
            } else {
                promise?.succeed()
            }
        case .startTLS(let sslContext, let serverHostname, let timeout, let done):
            if let broken { return done.fail(broken.relabeled("the TLS handshake")) }
            do {
                let tls = try NIOSSLClientHandler(
                    context: sslContext, serverHostname: serverHostname)
                waiters.append(
                    Waiter(
                        label: "the TLS handshake", done: done,
                        timer: schedule(timeout, label: "the TLS handshake", context: context)))
                try context.pipeline.syncOperations.addHandler(tls, position: .first)
                promise?.succeed()
            } catch {
                done.fail(SMTPChannelError.failure(error, label: "the TLS handshake"))
                promise?.fail(error)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event,
            let index = waiters.firstIndex(where: { $0.done != nil })
        {
            let waiter = waiters.remove(at: index)
            waiter.timer?.cancel()
            waiter.done?.succeed()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(.failure(error, label: ""), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed(label: ""), context: context)
        context.fireChannelInactive()
    }

    // MARK: - Private

    private func schedule(_ timeout: TimeAmount, label: String, context: ChannelHandlerContext)
        -> Scheduled<Void>
    {
        let seconds = Double(timeout.nanoseconds) / 1e9
        return context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.fail(.timeout(label: label, seconds: seconds), context: context)
        }
    }

    /// Fails every waiter with the first failure and closes the connection.
    ///
    /// The first failure is recorded before the close, so whatever the close makes fail later
    /// (a request written into the closed channel) is told as this failure.
    private func fail(_ error: SMTPChannelError, context: ChannelHandlerContext) {
        let first = broken ?? fate.record(error)
        broken = first
        let pending = waiters
        waiters = []
        for waiter in pending {
            waiter.timer?.cancel()
            let failure = first.relabeled(waiter.label)
            waiter.reply?.fail(failure)
            waiter.done?.fail(failure)
        }
        if case .closed = error {} else { context.close(promise: nil) }
    }
}
