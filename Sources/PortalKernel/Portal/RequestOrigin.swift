/// Where a request came from, as the audit trail and an acceptance record it.
public struct RequestOrigin: Hashable, Sendable {
    /// The client's IP address as written (behind a trusted proxy, the address the proxy saw); `nil` when unknown.
    public var ipAddress: String?
    /// The request's `User-Agent`, cut to 512 characters; `nil` when it sent none.
    public var userAgent: String?

    /// Memberwise; the user agent is cut to its first 512 characters.
    public init(ipAddress: String?, userAgent: String?) {
        self.ipAddress = ipAddress
        self.userAgent = userAgent.map { String($0.prefix(512)) }
    }

    /// What the per-client-address limits count: the address, or its IPv6 /64 (``ClientNetwork``); `"unknown"`
    /// without one.
    public var limitKey: String { ipAddress.map(ClientNetwork.key(for:)) ?? "unknown" }
}
