import Foundation
import JSONStorage
import Logging
import PortalKernel
import PortalTestSupport
import PortalTesting
import PostgresStorage
import SQLiteStorage
import Testing

/// A storage backend under test: the testing product's ``StorageConformance``, which runs its checks.
typealias StorageBackend = StorageConformance
/// A fresh, migrated store of one backend (the testing product's), for this target's own tests; named here so that
/// every file of the target finds it without importing the product.
typealias StorageFixture = PortalTesting.StorageFixture

extension StorageConformance {
    /// Every bundled backend. A new backend joins the whole suite with one line here.
    static let all: [StorageBackend] = [
        StorageBackend(name: "sqlite") { try SQLiteStorage(path: $0.appendingPathComponent("portal.sqlite").path) },
        StorageBackend(name: "json") { try JSONStorage(folder: $0.appendingPathComponent("store"), logger: Logger(label: "test")) },
        .memory,
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
