import Foundation
import Synchronization
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalTestSupport
import Testing

@testable import PortalHTTP

@Suite("Request log")
struct RequestLogTests {
    @Test("Each request is logged once, with method, route, status, client address and the request id it answers with, and no query string")
    func logsRequests() async throws {
        let sink = CapturedLog()
        let router = Router(context: PortalRequestContext.self)
        router.addMiddleware { RequestLogMiddleware(proxies: .anyPeer) }
        router.get("portal/{portalKey}/auth/{token}") { _, _ in "ok" }
        let app = Application(router: router, logger: sink.logger)
        let requestID = try await app.test(.router) { client in
            try await client.execute(
                uri: "/portal/greenleaf/auth/TOKEN-1234?email=cece@example.com", method: .get, headers: [.xForwardedFor: "198.51.100.4"]
            ) { response in
                #expect(response.status == .ok)
                return try #require(response.headers[RequestLogMiddleware<PortalRequestContext>.requestIDHeader])
            }
        }
        let all = sink.lines.withLock { $0 }
        let logged = all.filter { $0.contains("GET") }
        #expect(logged.count == 1)
        #expect(requestID.count >= 16)
        #expect(logged.first?.contains("hb.request.id") == true && logged.first?.contains(requestID) == true, "\(logged)")
        #expect(logged.first?.contains("GET /portal/greenleaf/auth/{token} 200") == true, "\(logged)")
        #expect(logged.first?.contains("198.51.100.4") == true, "\(logged)")
        #expect(!all.contains { $0.contains("TOKEN-1234") || $0.contains("cece@example.com") })
    }

    /// The spellings of one path a browser, a mail scanner or an attacker may send.
    static func spellings(_ path: String, secret: String) -> [String] {
        let encodedFirst = String(format: "%%%02X", UInt32(secret.utf8.first!)) + secret.dropFirst()
        let segments = path.split(separator: "/").map(String.init)
        let percentFirstSegment = "/" + ([String(format: "%%%02X", UInt32(segments[0].utf8.first!)) + segments[0].dropFirst()] + segments.dropFirst())
            .joined(separator: "/")
        return [
            path, path + "/", path + "//", "/" + segments.joined(separator: "//"), "//" + segments.joined(separator: "/"),
            path.replacingOccurrences(of: secret, with: encodedFirst), percentFirstSegment, path.uppercased(),
            path.replacingOccurrences(of: secret, with: secret.lowercased()), path + "/accept", path + "?next=/x",
        ]
    }

    @Test("No spelling of a login link or a proposal link puts its token in the log; API paths log their ids, never the bearer token")
    func secretsNeverLogged() async throws {
        let bed = try await PortalTestbed()
        let loginPath = try await Self.loginLinkPath(bed)
        let loginToken = String(try #require(loginPath.split(separator: "/").last))
        let proposalToken = Seed.emailedLinkToken.value
        let sink = CapturedLog()
        let app = Application(router: try PortalRouter.build(services: bed.services, options: PortalHTTPOptions(proxies: .anyPeer)), logger: sink.logger)
        try await app.test(.router) { client in
            for (path, secret) in [(loginPath, loginToken), ("/p/\(proposalToken)", proposalToken)] {
                for spelling in Self.spellings(path, secret: secret) {
                    _ = try await client.execute(uri: spelling, method: .get, headers: [.xForwardedFor: "198.51.100.4"])
                    _ = try await client.execute(uri: spelling, method: .post, headers: [.xForwardedFor: "198.51.100.4"])
                }
            }
            let api = try await client.execute(
                uri: "/api/v1/customers/\(Seed.cece)", method: .get, headers: [.authorization: "Bearer SECRET-api-token-123456"])
            #expect(api.status == .unauthorized)
        }
        let lines = sink.lines.withLock { $0 }
        for secret in [loginToken, proposalToken, "SECRET-api-token"] {
            let tail = String(secret.suffix(16))
            #expect(!lines.contains { $0.localizedCaseInsensitiveContains(tail) }, "\(secret) in \(lines.filter { $0.localizedCaseInsensitiveContains(tail) })")
        }
        #expect(lines.contains { $0.contains("GET /portal/greenleaf/auth/{token} 200") && $0.contains("198.51.100.4") }, "\(lines)")
        #expect(lines.contains { $0.contains("GET /p/{token} 200") }, "\(lines)")
        #expect(lines.contains { $0.contains("GET /api/v1/customers/\(Seed.cece) 401") }, "\(lines)")
        #expect(lines.contains { $0.contains("GET (no route) 404") }, "\(lines)")
        await bed.remove()
    }

    /// A fresh login link's path for cece, asked for on the bed's router.
    static func loginLinkPath(_ bed: PortalTestbed) async throws -> String {
        let path = Mutex<String?>(nil)
        try await bed.run { client in
            var browser = Browser(client)
            let link = try await bed.loginLinkPath(for: "cece@example.com", browser: &browser)
            path.withLock { $0 = link }
        }
        return try #require(path.withLock { $0 })
    }
}
