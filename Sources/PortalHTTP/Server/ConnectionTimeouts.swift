import HummingbirdCore
import NIOCore

/// How long the server's own port waits for a client (#21, Why 6): without limits, connections that send half a
/// request head, or nothing, pile up until the process runs out of file descriptors and `/health` stops answering.
public struct ConnectionTimeouts: Sendable, Equatable {
    /// Seconds from opening a connection until its first request head has arrived (`http.requestHeadTimeoutSeconds`).
    public var requestHeadSeconds: Int
    /// Seconds a connection may stay without a request, from the end of a response until the next request head
    /// has arrived, or while a request body stops arriving (`http.idleTimeoutSeconds`). Keep it longer than a
    /// proxy's keep-alive to the portal (nginx's upstream `keepalive_timeout`, 60 s), so the proxy closes first.
    public var idleSeconds: Int

    /// 10 s for a first request head and 75 s idle unless the settings say otherwise; both in seconds, at least 1.
    public init(requestHeadSeconds: Int = 10, idleSeconds: Int = 75) {
        self.requestHeadSeconds = requestHeadSeconds
        self.idleSeconds = idleSeconds
    }

    /// An HTTP/1.1 server that closes connections on these limits: Hummingbird's idle timeout
    /// (`HTTP1Channel.Configuration.idleTimeout`) and a ``RequestHeadTimeoutHandler`` after the HTTP decoder.
    public var server: HTTPServerBuilder {
        let head = TimeAmount.seconds(Int64(requestHeadSeconds))
        return .http1(
            configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: [RequestHeadTimeoutHandler(timeout: head)], idleTimeout: .seconds(Int64(idleSeconds))))
    }
}
