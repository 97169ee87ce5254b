import Foundation
import JSONStorage
import Logging
import PortalKernel
import PortalTestSupport
import PostgresStorage
import SQLiteStorage
import Testing

/// Which backend a ``PortalTestbed`` stores in: tests of races (SPEC M3) run on every one.
struct TestStorage: Sendable, CustomTestStringConvertible {
    let name: String
    let open: @Sendable (URL) async throws -> any PortalStorage

    var testDescription: String { name }

    static let sqlite = TestStorage(name: "sqlite") { try SQLiteStorage(path: $0.appendingPathComponent("portal.sqlite").path) }
    static let json = TestStorage(name: "json") { try JSONStorage(folder: $0.appendingPathComponent("store"), logger: Logger(label: "test")) }
    static let memory = TestStorage(name: "memory") { _ in JSONStorage.inMemory(logger: Logger(label: "test")) }
    /// A database of its own on the tests' throwaway cluster (required in CI; left out where no cluster can start).
    static let postgres = TestStorage(name: "postgres") { folder in
        let server = try PostgresTestServer.shared()
        let database = try server.database(for: folder, prefix: "h_")
        return try await PostgresStorage(
            host: "127.0.0.1", port: server.port, database: database, user: server.user, password: server.password, poolSize: 8,
            logger: Logger(label: "test"))
    }

    /// Every backend this machine can run.
    static let all: [TestStorage] = [.sqlite, .json, .memory] + (PostgresTestServer.isAvailable ? [.postgres] : [])
}
