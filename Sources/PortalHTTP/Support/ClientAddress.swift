import HTTPTypes
import Hummingbird
import PortalKernel

/// The client's IP address and user agent, as the audit trail, the rate limits and the request log see them, and
/// the scheme the client used: read through the trusted proxies (``ProxyTrust``, #21).
enum ClientAddress {
    /// The request's origin: behind a trusted proxy, the right-most `X-Forwarded-For` entry that is not a trusted
    /// proxy; else the connection's peer.
    static func origin(of request: Request, context: some RemoteAddressRequestContext, proxies: ProxyTrust) -> RequestOrigin {
        RequestOrigin(ipAddress: address(of: request, context: context, proxies: proxies), userAgent: request.headers[.userAgent])
    }

    /// The client's IP address as ``origin(of:context:proxies:)`` finds it.
    static func address(of request: Request, context: some RemoteAddressRequestContext, proxies: ProxyTrust) -> String? {
        proxies.clientAddress(peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[values: .xForwardedFor])
    }

    /// `http` or `https` when a trusted proxy says (`X-Forwarded-Proto`) which the client used; `nil` otherwise.
    static func forwardedScheme(of request: Request, context: some RemoteAddressRequestContext, proxies: ProxyTrust) -> String? {
        proxies.forwardedScheme(peer: context.remoteAddress?.ipAddress, forwardedProto: request.headers[values: .xForwardedProto])
    }
}

extension HTTPField.Name {
    /// `X-Forwarded-For`, set by a reverse proxy.
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    /// `X-Forwarded-Proto`, set by a reverse proxy: the scheme the client used.
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
