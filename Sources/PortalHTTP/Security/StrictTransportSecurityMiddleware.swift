import HTTPTypes
import Hummingbird

/// The `Strict-Transport-Security` header (RFC 6797) a portal served over https sends (#21): browsers then use only
/// https for the portal's host for `maxAgeSeconds`, so a typed or linked `http://` address cannot be intercepted.
public struct StrictTransportSecurity: Sendable, Equatable {
    /// How long browsers remember it, in seconds (`http.hstsMaxAgeSeconds`); one year by default.
    public var maxAgeSeconds: Int
    /// Whether it covers the host's subdomains too (`http.hstsIncludeSubDomains`).
    public var includeSubDomains: Bool

    /// A year, subdomains included, unless the settings say otherwise.
    public init(maxAgeSeconds: Int = 31_536_000, includeSubDomains: Bool = true) {
        self.maxAgeSeconds = maxAgeSeconds
        self.includeSubDomains = includeSubDomains
    }

    /// The header's value: `max-age=31536000; includeSubDomains`.
    public var headerValue: String { "max-age=\(maxAgeSeconds)" + (includeSubDomains ? "; includeSubDomains" : "") }
}

/// Adds `Strict-Transport-Security` to every response, errors included. The router adds it only when the public base
/// URL is https; a request a trusted proxy says came over plain http (`X-Forwarded-Proto: http`) gets none, as RFC
/// 6797 §7.2 asks (a browser ignores it there anyway).
struct StrictTransportSecurityMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let policy: StrictTransportSecurity
    let proxies: ProxyTrust

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await responseOrErrorResponse(request, context, next)
        if ClientAddress.forwardedScheme(of: request, context: context, proxies: proxies) != "http" {
            response.headers[.strictTransportSecurity] = policy.headerValue
        }
        return response
    }
}
