import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// One connection to an SMTP server: send a command line, await its reply; upgrade to TLS in place.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let commandTimeout: TimeAmount

    /// Connects, with TLS from the start when `tls` is given.
    static func open(
        host: String, port: Int, tls: NIOSSLContext?, connectTimeout: TimeAmount, commandTimeout: TimeAmount
    ) async throws -> SMTPConnection {
        let serverName = Self.serverName(host)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                }
            }
            .connect(host: host, port: port)
            .get()
        return SMTPConnection(channel: channel, commandTimeout: commandTimeout)
    }

    /// Sends `line` (without its CRLF; `nil` to only wait, as for the greeting) and returns the server's reply.
    /// `label` names the command in a time-out error instead of the line itself (AUTH lines carry secrets).
    func send(_ line: String?, describedAs label: String? = nil) async throws -> SMTPReply {
        let channel = channel
        let timeout = commandTimeout
        let waitingFor = label ?? line.map { String($0.prefix(20)) } ?? "greeting"
        return try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<SMTPReply> in
            do {
                let handler = try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self)
                let reply = handler.nextReply(on: channel.eventLoop)
                if let line { channel.writeAndFlush(ByteBuffer(string: line + "\r\n"), promise: nil) }
                let answer = channel.eventLoop.makePromise(of: SMTPReply.self)
                reply.cascade(to: answer)
                let timer = channel.eventLoop.scheduleTask(in: timeout) {
                    answer.fail(SMTPClientError.timedOut(waitingFor))
                    channel.close(promise: nil)
                }
                answer.futureResult.whenComplete { _ in timer.cancel() }
                return answer.futureResult
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }.get()
    }

    /// Puts TLS in front of everything else, after the server said yes to `STARTTLS`.
    func upgrade(with context: NIOSSLContext, host: String) async throws {
        let channel = channel
        let serverName = Self.serverName(host)
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
        }.get()
    }

    func close() async {
        try? await channel.close()
    }

    /// The name for SNI and certificate checks: none for an IP address, which SNI does not allow.
    private static func serverName(_ host: String) -> String? {
        let isAddress = host.allSatisfy { $0.isNumber || $0 == "." } || host.contains(":")
        return isAddress ? nil : host
    }
}
