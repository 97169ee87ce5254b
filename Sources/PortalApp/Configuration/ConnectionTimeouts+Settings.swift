import PortalHTTP
import PortalKernel

extension ConnectionTimeouts {
    /// Reads the `http` section's `requestHeadTimeoutSeconds` (10, 1–300) and `idleTimeoutSeconds` (75, 1–3600).
    /// - Throws: ``ConfigurationError/invalidValue(key:problem:)`` naming the key of a value out of range.
    init(_ http: any PluginSettings) throws {
        let defaults = ConnectionTimeouts()
        self.init(
            requestHeadSeconds: try http.int("requestHeadTimeoutSeconds", default: defaults.requestHeadSeconds, in: 1...300),
            idleSeconds: try http.int("idleTimeoutSeconds", default: defaults.idleSeconds, in: 1...3_600))
    }
}
