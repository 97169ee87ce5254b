import HTTPTypes
import Hummingbird

/// Adds the security headers every response carries: a Content-Security-Policy with no inline script and no
/// framing (unless a route set its own, as the embeddable lead form does), `nosniff`, a same-origin referrer
/// policy, and `no-store` on HTML so a shared computer's back button shows nobody's invoices.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// What pages may load: our own stylesheet, images from anywhere on https (account logos), no scripts at all.
    static var pageDirectives: ContentSecurityPolicy {
        [.defaultSrc(.none), .styleSrc(.self), .imgSrc(.self, .uri("https:"), .uri("data:")), .formAction(.self), .baseURI(.none)]
    }

    /// The policy of every response that does not set its own: the page directives, and no framing.
    static var defaultPolicy: String { pageDirectives.description + "; frame-ancestors 'none'" }

    /// The back office also runs our one script file (the copy button); still nothing inline.
    static var backOfficePolicy: String { defaultPolicy + "; script-src 'self'" }

    /// The policy of a page that the sites in `origins` (and this one) may frame; no framing when none is usable.
    static func framingPolicy(allowing origins: [String]) -> String {
        let allowed = origins.filter { origin in
            (origin.hasPrefix("https://") || origin.hasPrefix("http://"))
                && !origin.contains(where: { $0 == ";" || $0 == "," || $0 == "'" || $0.isWhitespace })
        }
        guard !allowed.isEmpty else { return defaultPolicy }
        return pageDirectives.description + "; frame-ancestors 'self' " + allowed.joined(separator: " ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await responseOrErrorResponse(request, context, next)
        if response.headers[.contentSecurityPolicy] == nil {
            let backOffice = request.uri.path == "/admin" || request.uri.path.hasPrefix("/admin/")
            response.headers[.contentSecurityPolicy] = backOffice ? Self.backOfficePolicy : Self.defaultPolicy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") == true, response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

extension HTTPField.Name {
    /// `Referrer-Policy`, which swift-http-types does not name.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
