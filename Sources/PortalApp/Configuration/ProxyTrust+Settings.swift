import PortalHTTP
import PortalKernel

extension ProxyTrust {
    /// Reads the `http` section's `trustedProxies` (addresses and CIDR ranges, IPv4 and IPv6; none by default) and
    /// the older `trustForwardedFor` (`true`: every peer is a proxy, as before #21).
    /// - Throws: ``ConfigurationError/invalidValue(key:problem:)`` naming `http.trustedProxies` and the entry that
    ///   is not an address or range, or naming both keys when both are set.
    init(_ http: any PluginSettings) throws {
        let listed = try http.stringArray("trustedProxies") ?? []
        let proxies = try listed.enumerated().map { index, text in
            do {
                return try IPNetwork(text.trimmingCharacters(in: .whitespaces))
            } catch {
                throw ConfigurationError.invalidValue(key: http.fullKey("trustedProxies"), problem: "entry \(index + 1): \(error)")
            }
        }
        let anyPeer = try http.bool("trustForwardedFor") ?? false
        if anyPeer && !proxies.isEmpty {
            throw ConfigurationError.invalidValue(
                key: http.fullKey("trustForwardedFor"),
                problem: "remove it: \(http.fullKey("trustedProxies")) names the proxies whose X-Forwarded-For is believed")
        }
        self.init(proxies: proxies, trustsAnyPeer: anyPeer)
    }
}
