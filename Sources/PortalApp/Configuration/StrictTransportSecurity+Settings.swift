import PortalHTTP
import PortalKernel

extension StrictTransportSecurity {
    /// Reads the `http` section's `hstsMaxAgeSeconds` (one year; 0 turns the header off, so the result is `nil`)
    /// and `hstsIncludeSubDomains` (`true`). The header is sent only when `publicBaseURL` is https.
    /// - Throws: ``ConfigurationError/invalidValue(key:problem:)`` for a max-age outside 0–63,072,000 (two years).
    static func from(_ http: any PluginSettings) throws -> StrictTransportSecurity? {
        let maxAge = try http.int("hstsMaxAgeSeconds", default: StrictTransportSecurity().maxAgeSeconds, in: 0...63_072_000)
        let subdomains = try http.bool("hstsIncludeSubDomains") ?? true
        return maxAge == 0 ? nil : StrictTransportSecurity(maxAgeSeconds: maxAge, includeSubDomains: subdomains)
    }
}
