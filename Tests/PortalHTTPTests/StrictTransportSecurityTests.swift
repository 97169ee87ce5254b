import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PortalHTTP

/// #21, Why 5: `Strict-Transport-Security` on every response of a portal whose public address is https, never on
/// one served over http.
@Suite("Strict-Transport-Security")
struct StrictTransportSecurityTests {
    /// The `Strict-Transport-Security` header of the answer to `GET path`.
    static func hsts(_ client: any TestClientProtocol, _ path: String, headers: HTTPFields = [:]) async throws -> String? {
        try await client.execute(uri: path, method: .get, headers: headers).headers[.strictTransportSecurity]
    }

    static let paths = ["/health", "/portal/greenleaf/login", "/admin/login", "/api/v1/settings", "/no/such/page", "/p/not-a-token"]

    @Test("Behind https every response carries it, errors included; the max-age and subdomains follow the settings")
    func httpsPortal() async throws {
        let bed = try await PortalTestbed(publicBaseURL: "https://portal.example.com")
        try await bed.run { client in
            for path in Self.paths {
                let header = try await Self.hsts(client, path)
                #expect(header == "max-age=31536000; includeSubDomains", "\(path)")
            }
        }
        let short = PortalHTTPOptions(proxies: .anyPeer, strictTransportSecurity: StrictTransportSecurity(maxAgeSeconds: 600, includeSubDomains: false))
        try await bed.run(options: short) { client in
            let header = try await Self.hsts(client, "/health")
            #expect(header == "max-age=600")
        }
        try await bed.run(options: PortalHTTPOptions(proxies: .anyPeer, strictTransportSecurity: nil)) { client in
            let header = try await Self.hsts(client, "/health")
            #expect(header == nil)
        }
        await bed.remove()
    }

    @Test("A portal on http never sends it")
    func httpPortal() async throws {
        let bed = try await PortalTestbed(publicBaseURL: "http://portal.example.com")
        try await bed.run { client in
            for path in Self.paths {
                let header = try await Self.hsts(client, path)
                #expect(header == nil, "\(path)")
            }
        }
        await bed.remove()
    }

    @Test("A request a trusted proxy says came over http gets none; an untrusted peer's X-Forwarded-Proto is ignored")
    func forwardedProto() async throws {
        let bed = try await PortalTestbed(publicBaseURL: "https://portal.example.com")
        let proto: HTTPFields = [.xForwardedProto: "http"]
        let trusting = PortalHTTPOptions(proxies: ProxyTrust(proxies: [try IPNetwork("127.0.0.1"), try IPNetwork("::1")]))
        try await bed.run(options: trusting, testing: .live) { client in
            let overHTTP = try await Self.hsts(client, "/health", headers: proto)
            #expect(overHTTP == nil)
            let overHTTPS = try await Self.hsts(client, "/health")
            #expect(overHTTPS != nil)
        }
        try await bed.run(options: PortalHTTPOptions(proxies: ProxyTrust(proxies: [try IPNetwork("10.0.0.0/8")])), testing: .live) { client in
            let header = try await Self.hsts(client, "/health", headers: proto)
            #expect(header != nil)
        }
        await bed.remove()
    }
}
