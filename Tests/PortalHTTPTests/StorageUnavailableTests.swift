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
        try await Application(router: router).test(.router) { client in
            let busy = try await client.execute(uri: "/busy", method: .get)
            #expect(busy.status == .serviceUnavailable)
            #expect(busy.headers[.retryAfter] == "5")
            #expect(String(buffer: busy.body).contains("try again"))
            // Other storage errors are not the middleware's: they reach the server's own handling as before.
            let gone = try await client.execute(uri: "/gone", method: .get)
            #expect(gone.status == .internalServerError)
        }
    }
}
