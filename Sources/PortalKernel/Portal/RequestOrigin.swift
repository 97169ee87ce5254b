/// Where a request came from, as the audit trail and an acceptance record it.
public struct RequestOrigin: Hashable, Sendable {
    public var ipAddress: String?
    public var userAgent: String?

    public init(ipAddress: String?, userAgent: String?) {
        self.ipAddress = ipAddress
        self.userAgent = userAgent.map { String($0.prefix(512)) }
    }

    /// What the per-client-address limits count: the address, or its IPv6 /64 (``ClientNetwork``); `"unknown"`
    /// without one.
    public var limitKey: String { ipAddress.map(ClientNetwork.key(for:)) ?? "unknown" }
}
