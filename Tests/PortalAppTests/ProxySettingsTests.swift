import PortalApp
import PortalHTTP
import Testing

/// #21: `http.trustedProxies` from the file and the environment; a malformed entry stops start-up naming the key.
@Suite("Trusted proxy settings")
struct ProxySettingsTests {
    @Test("Addresses and ranges come from the file or the environment")
    func listed() async throws {
        let fixture = try AppFixture()
        let path = try fixture.configFile(#"{"http": {"trustedProxies": ["127.0.0.1", " 10.0.0.0/8", "fd00::/8"]}}"#)
        let settings = try await fixture.bootstrap(path).settings
        #expect(settings.proxies == ProxyTrust(proxies: [try IPNetwork("127.0.0.1"), try IPNetwork("10.0.0.0/8"), try IPNetwork("fd00::/8")]))
        let empty = try fixture.configFile("{}", name: "empty.json")
        let fromEnvironment = try await fixture.bootstrap(empty, environment: ["PORTAL_HTTP_TRUSTED_PROXIES": "127.0.0.1,::1"]).settings
        #expect(fromEnvironment.proxies == ProxyTrust(proxies: [try IPNetwork("127.0.0.1"), try IPNetwork("::1")]))
        fixture.remove()
    }

    @Test("A malformed entry, or both the old and the new key, stops start-up naming the file, the key and the entry", arguments: [
        (#"{"http": {"trustedProxies": ["127.0.0.1", "10.0.0.0/33"]}}"#, ["http.trustedProxies", "entry 2", "10.0.0.0/33", "0–32"]),
        (#"{"http": {"trustedProxies": ["nginx.internal"]}}"#, ["http.trustedProxies", "entry 1", "not an IP address"]),
        (#"{"http": {"trustedProxies": ["10.0.0.1/8"]}}"#, ["http.trustedProxies", "did you mean 10.0.0.0/8?"]),
        (#"{"http": {"trustedProxies": ["127.0.0.1"], "trustForwardedFor": true}}"#, ["http.trustForwardedFor", "http.trustedProxies"]),
    ])
    func refused(json: String, phrases: [String]) async throws {
        let fixture = try AppFixture()
        let path = try fixture.configFile(json, name: "proxies.json")
        await #expect { try await fixture.bootstrap(path) } throws: { error in
            phrases.allSatisfy { "\(error)".contains($0) } && "\(error)".contains("proxies.json")
        }
        fixture.remove()
    }
}

/// #21: the HSTS settings.
@Suite("Strict-Transport-Security settings")
struct StrictTransportSecuritySettingsTests {
    @Test("One year with subdomains by default; a max-age of 0 turns it off; out of range names the key")
    func settings() async throws {
        let fixture = try AppFixture()
        #expect(try await fixture.bootstrap(try fixture.configFile("{}")).settings.strictTransportSecurity == StrictTransportSecurity())
        let short = try fixture.configFile(#"{"http": {"hstsMaxAgeSeconds": 600, "hstsIncludeSubDomains": false}}"#, name: "short.json")
        #expect(try await fixture.bootstrap(short).settings.strictTransportSecurity == StrictTransportSecurity(maxAgeSeconds: 600, includeSubDomains: false))
        let off = try fixture.configFile(#"{"http": {"hstsMaxAgeSeconds": 0}}"#, name: "off.json")
        #expect(try await fixture.bootstrap(off).settings.strictTransportSecurity == nil)
        let bad = try fixture.configFile(#"{"http": {"hstsMaxAgeSeconds": -1}}"#, name: "bad.json")
        await #expect { try await fixture.bootstrap(bad) } throws: { "\($0)".contains("http.hstsMaxAgeSeconds") }
        fixture.remove()
    }
}
