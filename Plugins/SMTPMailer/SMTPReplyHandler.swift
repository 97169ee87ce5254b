import NIOCore

/// Turns the server's lines into replies (joining `250-` continuation lines) and hands each to the command that
/// waits for it, in order. Lives on the channel's event loop.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var continuation: [String] = []
    private var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
    private var early = CircularBuffer<Result<SMTPReply, any Error>>()
    private var closedError: (any Error)?

    /// The next reply: one that already arrived (the greeting), or the one to come.
    func nextReply(on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if let result = early.popFirst() { return eventLoop.makeCompletedFuture(result) }
        if let closedError { return eventLoop.makeFailedFuture(closedError) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiting.append(promise)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var line = String(buffer: unwrapInboundIn(data))
        if line.hasSuffix("\r") { line.removeLast() }
        let characters = Array(line)
        guard characters.count >= 3, let code = Int(String(characters[0..<3])),
            characters.count == 3 || characters[3] == " " || characters[3] == "-"
        else {
            deliver(.failure(SMTPClientError.malformedReply(line)))
            return
        }
        continuation.append(characters.count > 4 ? String(characters[4...]) : "")
        if characters.count > 3, characters[3] == "-" { return }
        let reply = SMTPReply(code: code, lines: continuation)
        continuation = []
        deliver(.success(reply))
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(SMTPClientError.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    private func deliver(_ result: Result<SMTPReply, any Error>) {
        if let promise = waiting.popFirst() {
            promise.completeWith(result)
        } else {
            early.append(result)
        }
    }

    private func failAll(_ error: any Error) {
        closedError = closedError ?? error
        while let promise = waiting.popFirst() { promise.fail(error) }
    }
}
