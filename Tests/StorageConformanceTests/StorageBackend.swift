import Foundation
import JSONStorage
import Logging
import PortalKernel
import PortalTestSupport
import PostgresStorage
import SQLiteStorage
import Testing

/// A storage backend under test: every conformance test runs once per entry of ``all``.
struct StorageBackend: Sendable, CustomTestStringConvertible {
    let name: String
    /// Whether a store outlives its process: opening the same folder again finds what was written (not so in memory).
    var persists = true
    /// Opens (creating) a store whose files live in `folder`.
    let open: @Sendable (URL) async throws -> any PortalStorage

    var testDescription: String { name }

    /// Every backend. A new backend joins the whole suite with one line here.
    static let all: [StorageBackend] = [
        StorageBackend(name: "sqlite") { try SQLiteStorage(path: $0.appendingPathComponent("portal.sqlite").path) },
        StorageBackend(name: "json") { try JSONStorage(folder: $0.appendingPathComponent("store"), logger: Logger(label: "test")) },
        StorageBackend(name: "memory", persists: false) { _ in JSONStorage.inMemory(logger: Logger(label: "test")) },
    ] + (PostgresTestServer.isAvailable ? [postgres] : [])

    /// A database of its own on the tests' throwaway PostgreSQL cluster, named after the folder (so opening the
    /// same folder again is a restart).
    static let postgres = StorageBackend(name: "postgres") { folder in
        let server = try PostgresTestServer.shared()
        let database = try server.database(for: folder, prefix: "t_")
        return try await PostgresStorage(
            host: "127.0.0.1", port: server.port, database: database, user: server.user, password: server.password, poolSize: 4,
            logger: Logger(label: "test"))
    }
}
