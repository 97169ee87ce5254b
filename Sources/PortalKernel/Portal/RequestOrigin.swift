/// Where a request came from, as the audit trail and an acceptance record it.
public struct RequestOrigin: Hashable, Sendable {
    public var ipAddress: String?
    public var userAgent: String?

    public init(ipAddress: String?, userAgent: String?) {
        self.ipAddress = ipAddress
        self.userAgent = userAgent.map { String($0.prefix(512)) }
    }
}
