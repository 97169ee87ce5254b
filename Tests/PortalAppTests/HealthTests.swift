import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import PortalApp
import PortalKernel
import Testing

@Suite("Health endpoint")
struct HealthTests {
    @Test("GET /health names the storage, mailer and router drivers; HEAD answers as GET without a body (#21); 503 when storage stops answering")
    func health() async throws {
        let fixture = try AppFixture()
        let bootstrap = try await fixture.bootstrap(try fixture.isolatedConfig())
        let services = try await bootstrap.makeServices(logger: Logger(label: "test"))
        let app = try PortalServer(services: services, settings: bootstrap.settings).makeApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
                #expect(body == ["status": "ok", "storage": "sqlite", "mailer": "log", "leadRouting": "settings"])
            }
            // #21: a monitor's HEAD is answered like the GET, without a body; on the portal's pages and the API too.
            try await client.execute(uri: "/health", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/admin/login", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/api/v1/customers", method: .head) { response in
                #expect(response.status == .unauthorized)
            }
            try await services.storage.close()
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("\"status\":\"unavailable\""))
            }
        }
        fixture.remove()
    }
}
