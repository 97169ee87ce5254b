import NIOCore
import NIOHTTPTypes

/// Closes a connection whose first request head has not fully arrived `timeout` after it opened (#21): a client
/// that connects and sends nothing, or half a head, holds a file descriptor only that long. It sits after the HTTP
/// decoder, so "arrived" means the whole head was parsed; a head trickled in byte by byte counts from the first.
///
/// Later requests on a kept-alive connection are bounded by the idle timeout instead (Hummingbird's
/// `HTTPConnectionStateHandler`): from the end of a response until the next head is parsed.
final class RequestHeadTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    private var headArrived = false

    /// - Parameter timeout: how long after the connection opens its first request head must have arrived.
    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startDeadline(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startDeadline(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            headArrived = true
            cancelDeadline()
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }

    private func startDeadline(_ context: ChannelHandlerContext) {
        guard deadline == nil, !headArrived else { return }
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            context.close(promise: nil)
        }
    }

    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }
}
