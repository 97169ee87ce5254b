import Foundation
import HTTPTypes
import Hummingbird
import PortalKernel

/// The client's IP address and user agent, as the audit trail and the rate limits see them.
enum ClientAddress {
    static func origin(of request: Request, context: PortalRequestContext, trustForwardedFor: Bool) -> RequestOrigin {
        var address = context.remoteAddress?.ipAddress
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").first {
            address = forwarded.trimmingCharacters(in: .whitespaces)
        }
        return RequestOrigin(ipAddress: address, userAgent: request.headers[.userAgent])
    }
}

extension HTTPField.Name {
    /// `X-Forwarded-For`, set by a reverse proxy.
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
