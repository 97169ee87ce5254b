import Foundation
import Logging
import PortalKernel
import PortalTestSupport
import Testing

@testable import PostgresStorage

@Suite("PostgreSQL storage plugin: settings and start-up")
struct PostgresStoragePluginTests {
    @Test("A connection URL gives every part; separate keys win over it; the password is not in the display name")
    func settingsFromURL() throws {
        let fromURL = try PostgresSettings(
            DictionarySettings(path: "storage", ["url": "postgres://portal:s%40cret@db.internal:6543/portal_prod?sslmode=require"]))
        #expect(fromURL == PostgresSettings(host: "db.internal", port: 6543, database: "portal_prod", user: "portal", password: "s@cret", tls: .require))
        #expect(!fromURL.displayName.contains("s@cret"))
        let overridden = try PostgresSettings(
            DictionarySettings(path: "storage", ["url": "postgres://portal:old@db.internal/portal_prod", "password": "new", "poolSize": "25"]))
        #expect(overridden.password == "new" && overridden.poolSize == 25 && overridden.port == 5432 && overridden.tls == .prefer)
    }

    @Test("Bad settings stop start-up, naming the key, and never quoting the URL")
    func badSettings() throws {
        func problem(_ values: [String: String]) -> String {
            do {
                _ = try PostgresSettings(DictionarySettings(path: "storage", values))
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(problem(["database": "d", "user": "u"]).contains("storage.host"))
        #expect(problem(["host": "h", "user": "u"]).contains("storage.database"))
        #expect(problem(["host": "h", "database": "d", "user": "u", "tls": "sometimes"]).contains("storage.tls"))
        let badURL = problem(["url": "mysql://u:hunter2@h/d"])
        #expect(badURL.contains("storage.url") && !badURL.contains("hunter2"))
    }

    @Test("A wrong password or a server that does not answer stops start-up with a clear message and no password", .enabled(if: PostgresTestServer.isAvailable))
    func startupErrors() async throws {
        let server = try PostgresTestServer.shared()
        func failure(port: Int, password: String) async -> String {
            do {
                let storage = try await PostgresStorage(
                    host: "127.0.0.1", port: port, database: "postgres", user: server.user, password: password, logger: Logger(label: "test"))
                try await storage.close()
                return "connected"
            } catch {
                return "\(error)"
            }
        }
        let wrongPassword = await failure(port: server.port, password: "not-the-password")
        #expect(wrongPassword.contains("cannot connect to PostgreSQL as portal@127.0.0.1:\(server.port)/postgres"))
        #expect(wrongPassword.contains("password authentication failed"))
        #expect(!wrongPassword.contains("not-the-password"))
        let nobodyThere = await failure(port: 1, password: server.password)
        #expect(nobodyThere.contains("cannot connect to PostgreSQL"), "\(nobodyThere)")
        #expect(nobodyThere.lowercased().contains("refused"), "\(nobodyThere)")
        #expect(await failure(port: server.port, password: server.password) == "connected")
    }
}
