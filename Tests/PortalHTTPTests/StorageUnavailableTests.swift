import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// A store that cannot answer now is a 503 the client may retry, never a 500 (#19).
@Suite("Storage unavailable")
struct StorageUnavailableTests {
    @Test("#19: a store that cannot answer (every connection busy, its server restarting) is a 503 with Retry-After")
    func unavailableIs503() async throws {
        let router = Router(context: PortalRequestContext.self)
        router.addMiddleware { StorageUnavailableMiddleware() }
        router.get("busy") { _, _ -> Response in throw StorageError.unavailable("every connection is busy; try again") }
        router.get("gone") { _, _ -> Response in throw StorageError.notFound("x") }
        router.get("api/v1/busy") { _, _ -> Response in throw StorageError.unavailable("every connection is busy; try again") }
        router.get("refused") { _, _ -> Response in throw StorageError.refused(StorageError.writeInsideRead) }
        try await Application(router: router).test(.router) { client in
            let busy = try await client.execute(uri: "/busy", method: .get)
            #expect(busy.status == .serviceUnavailable)
            #expect(busy.headers[.retryAfter] == "5")
            #expect(String(buffer: busy.body).contains("try again"))
            // The JSON API answers in its own format.
            let api = try await client.execute(uri: "/api/v1/busy", method: .get)
            #expect(api.status == .serviceUnavailable)
            #expect(api.headers[.retryAfter] == "5")
            #expect(String(buffer: api.body).contains("\"code\":\"unavailable\""))
            // Other storage errors, a refusal that no retry changes among them, are not the middleware's.
            for path in ["/gone", "/refused"] {
                #expect(try await client.execute(uri: path, method: .get).status == .internalServerError)
            }
        }
    }
}
