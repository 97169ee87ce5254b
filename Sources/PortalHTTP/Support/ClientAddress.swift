import Foundation
import HTTPTypes
import Hummingbird
import PortalKernel

/// The client's IP address and user agent, as the audit trail and the rate limits see them.
enum ClientAddress {
    /// Behind a trusted proxy, the address the proxy saw: the LAST entry of `X-Forwarded-For`, the one the proxy
    /// itself appended. The entries before it are whatever the client sent and prove nothing (#17: an attacker who
    /// picks them could lock the owner's address or get fresh budgets). An entry that is not an IP address is ignored.
    static func origin(of request: Request, context: some RemoteAddressRequestContext, trustForwardedFor: Bool) -> RequestOrigin {
        var address = context.remoteAddress?.ipAddress
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").last {
            let entry = forwarded.trimmingCharacters(in: .whitespaces)
            if isIPAddress(entry) { address = entry }
        }
        return RequestOrigin(ipAddress: address, userAgent: request.headers[.userAgent])
    }

    /// Whether `text` is an IPv4 or IPv6 address as written (no port, no brackets).
    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}

extension HTTPField.Name {
    /// `X-Forwarded-For`, set by a reverse proxy.
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
