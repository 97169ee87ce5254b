import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// #21, Why 2, on a real server on loopback (the peer is 127.0.0.1 or ::1): the per-IP login-link limit and the audit
/// trail see the address the trusted proxies say, and nobody can change it by writing `X-Forwarded-For`.
@Suite("Behind a proxy")
struct BehindProxyTests {
    static let loopback = ["127.0.0.1", "::1"]

    static func options(trusting ranges: [String]) throws -> PortalHTTPOptions {
        PortalHTTPOptions(policy: PortalPolicy(loginRequestsPerIP: 3), proxies: ProxyTrust(proxies: try ranges.map { try IPNetwork($0) }))
    }

    /// Asks for login links for `count` different addresses, each request with the `X-Forwarded-For` header
    /// `forwardedFor(index)`, and returns the statuses.
    static func askForLinks(_ client: any TestClientProtocol, count: Int, forwardedFor: (Int) -> String) async throws -> [HTTPResponse.Status] {
        var statuses: [HTTPResponse.Status] = []
        for index in 0..<count {
            var browser = Browser(client)
            browser.ipAddress = forwardedFor(index)
            _ = try await browser.get("/portal/\(Seed.keyA)/login")
            statuses.append(try await browser.post("/portal/\(Seed.keyA)/login", [("email", "nobody\(index)@example.com")]).status)
        }
        return statuses
    }

    @Test("A client that reaches the port itself cannot escape the per-IP limit by changing X-Forwarded-For")
    func untrustedPeerCannotEscape() async throws {
        let bed = try await PortalTestbed()
        try await bed.run(options: try Self.options(trusting: ["10.0.0.0/8"]), testing: .live) { client in
            let statuses = try await Self.askForLinks(client, count: 8) { "198.51.100.\($0 + 1)" }
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 5, "\(statuses)")
        }
        await bed.remove()
    }

    @Test("Through the proxy, forged left-most entries change nothing; behind a chain, each client has its own budget")
    func chainAndForgedEntries() async throws {
        let bed = try await PortalTestbed()
        try await bed.run(options: try Self.options(trusting: Self.loopback + ["10.0.0.0/8"]), testing: .live) { client in
            // nginx appends the address it saw (203.0.113.50) to whatever the client sent.
            let forged = try await Self.askForLinks(client, count: 8) { "198.51.100.\($0 + 1), 203.0.113.50" }
            #expect(forged.filter { $0 == .tooManyRequests }.count == 5, "\(forged)")
            // A load balancer at 10.0.0.7 in front of nginx: its clients are told apart, each with a budget of its own.
            let first = try await Self.askForLinks(client, count: 8) { "198.51.100.\($0 + 1), 203.0.113.70, 10.0.0.7" }
            #expect(first.filter { $0 == .tooManyRequests }.count == 5, "\(first)")
            let other = try await Self.askForLinks(client, count: 3) { "192.0.2.\($0 + 1), 203.0.113.60, 10.0.0.7" }
            #expect(other.allSatisfy { $0 != .tooManyRequests }, "\(other)")
        }
        await bed.remove()
    }

    @Test("The audit trail records the address the trusted proxy saw, not the one the client wrote")
    func auditTrail() async throws {
        let bed = try await PortalTestbed()
        try await bed.run(options: try Self.options(trusting: Self.loopback), testing: .live) { client in
            var browser = Browser(client)
            browser.ipAddress = "192.0.2.1, 198.51.100.23"
            try await bed.logIn("cece@example.com", browser: &browser)
        }
        let behindProxy = try await bed.services.storage.auditEvents.recent(in: Seed.accountA, limit: 10)
        #expect(behindProxy.contains { $0.action == .loggedIn } && behindProxy.allSatisfy { $0.ipAddress == "198.51.100.23" }, "\(behindProxy)")
        try await bed.run(options: try Self.options(trusting: ["10.0.0.0/8"]), testing: .live) { client in
            var browser = Browser(client)
            browser.ipAddress = "198.51.100.23"
            try await bed.logIn("cece@example.com", browser: &browser)
        }
        let direct = try await bed.services.storage.auditEvents.recent(in: Seed.accountA, limit: 10).filter { $0.ipAddress != "198.51.100.23" }
        #expect(direct.contains { $0.action == .loggedIn } && direct.allSatisfy { Self.loopback.contains($0.ipAddress ?? "") }, "\(direct)")
        await bed.remove()
    }
}
