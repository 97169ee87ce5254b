import Hummingbird
import HummingbirdTesting
import Logging
import PortalTestSupport
import Testing

@testable import PortalHTTP

@Suite("Request log")
struct RequestLogTests {
    @Test("Secrets in paths are redacted: login tokens and proposal-link tokens never reach the log", arguments: [
        ("/portal/greenleaf/auth/AbC_123-tok", "/portal/greenleaf/auth/[redacted]"),
        ("/portal/greenleaf/auth/AbC_123-tok/extra", "/portal/greenleaf/auth/[redacted]/extra"),
        ("/p/SeCrEt-token", "/p/[redacted]"),
        ("/health", "/health"),
        ("/portal/greenleaf", "/portal/greenleaf"),
        ("/admin/leads/auth", "/admin/leads/auth"),
    ])
    func redaction(path: String, logged: String) {
        #expect(RequestLogMiddleware<BasicRequestContext>.redacted(path) == logged)
    }

    @Test("Each request is logged once, with method, redacted path, status and the request id it answers with, and no query string")
    func logsRequests() async throws {
        let sink = CapturedLog()
        let logger = sink.logger
        let router = Router(context: BasicRequestContext.self)
        router.addMiddleware { RequestLogMiddleware() }
        router.get("portal/{key}/auth/{token}") { _, _ in "ok" }
        let app = Application(router: router, logger: logger)
        let requestID = try await app.test(.router) { client in
            try await client.execute(uri: "/portal/greenleaf/auth/TOKEN-1234?email=cece@example.com", method: .get) { response in
                #expect(response.status == .ok)
                return try #require(response.headers[RequestLogMiddleware<BasicRequestContext>.requestIDHeader])
            }
        }
        let all = sink.lines.withLock { $0 }
        let logged = all.filter { $0.contains("GET") }
        #expect(logged.count == 1)
        #expect(requestID.count >= 16)
        #expect(logged.first?.contains("hb.request.id") == true && logged.first?.contains(requestID) == true, "\(logged)")
        #expect(logged.first?.contains("/portal/greenleaf/auth/[redacted]") == true)
        #expect(logged.first?.contains("200") == true)
        #expect(!all.contains { $0.contains("TOKEN-1234") || $0.contains("cece@example.com") })
    }
}
