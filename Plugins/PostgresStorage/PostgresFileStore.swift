import Foundation
import Logging
import NIOCore
import PortalKernel
import PortalPluginKit
import PostgresNIO

/// Keeps file bytes in a PostgreSQL table (`files.driver = "postgres"`; SPEC F17), so several `portal serve`
/// instances on one database see the same files: `file_content`, one row per address, in the section's schema
/// (created at start-up if missing). The connection settings are those of the PostgreSQL storage (``PostgresSettings``:
/// `files.url`, or `files.host`, …), read from the `files` section, so files may live in another database.
public final class PostgresFileStore: FileStore, PluginLocation, @unchecked Sendable {
    /// `postgres`.
    public let driverName = "postgres"
    /// The largest file it takes, in bytes (`files.maxFileMegabytes`).
    public let maxFileBytes: Int
    /// The server, database and schema, without the password.
    public let location: String
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    /// Connects (one connection first, so a wrong password fails here with a clear message), then makes the schema
    /// and table if missing.
    init(settings: PostgresSettings, maxFileBytes: Int, logger: Logger) async throws {
        do {
            let probe = try await PostgresConnection.connect(configuration: try settings.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch let error as PSQLError {
            throw PostgresStartupError(server: settings.displayName, reason: PostgresStartupError.reason(error))
        }
        let client = PostgresClient(configuration: settings.clientConfiguration(), backgroundLogger: logger)
        runner = Task.immediate { await client.run() }
        (self.client, self.logger, self.maxFileBytes) = (client, logger, maxFileBytes)
        location = "postgres \(settings.displayName), schema \(settings.schema)"
        do {
            try await run(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(settings.schema)\""))
            try await run(
                """
                CREATE TABLE IF NOT EXISTS file_content (
                    address text COLLATE "C" PRIMARY KEY, bytes bytea NOT NULL, byte_count integer NOT NULL, stored_at timestamptz NOT NULL)
                """)
        } catch {
            try? await close()
            throw error
        }
    }

    /// Connects without TLS (for tests on one machine), in `schema`.
    public convenience init(
        host: String, port: Int, database: String, user: String, password: String?, schema: String = "public", maxFileBytes: Int,
        logger: Logger
    ) async throws {
        try await self.init(
            settings: PostgresSettings(
                host: host, port: port, database: database, user: user, password: password, tls: .disable, poolSize: 4, schema: schema),
            maxFileBytes: maxFileBytes, logger: logger)
    }

    public func put(_ bytes: Data) async throws -> FileAddress {
        guard bytes.count <= maxFileBytes else { throw FileStoreError.tooLarge(bytes: bytes.count, limit: maxFileBytes) }
        let address = FileAddress(of: bytes)
        // A second instance putting the same bytes at once finds the row there: nothing to do.
        try await run(
            """
            INSERT INTO file_content (address, bytes, byte_count, stored_at) VALUES (\(address.rawValue), \(bytes), \(bytes.count), \(Date()))
            ON CONFLICT (address) DO NOTHING
            """)
        return address
    }

    public func get(_ address: FileAddress) async throws -> Data? {
        let rows = try await rows("SELECT bytes FROM file_content WHERE address = \(address.rawValue)")
        guard let row = rows.first else { return nil }
        let buffer = try row.decode(ByteBuffer.self)
        let bytes = Data(buffer.readableBytesView)
        guard FileAddress(of: bytes) == address else {
            throw FileStoreError.corrupt("the row of \(address) no longer holds its bytes")
        }
        return bytes
    }

    public func addresses() async throws -> [FileAddress] {
        try await rows("SELECT address FROM file_content ORDER BY address").compactMap { FileAddress(rawValue: try $0.decode(String.self)) }
    }

    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    private func run(_ query: PostgresQuery) async throws {
        _ = try await rows(query)
    }

    /// The rows of `query`; a server error is ``FileStoreError/unavailable(_:)`` in the server's words.
    private func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            var rows: [PostgresRow] = []
            for try await row in try await client.query(query, logger: logger) { rows.append(row) }
            return rows
        } catch let error as PSQLError {
            throw FileStoreError.unavailable("PostgreSQL: \(PostgresStartupError.reason(error))")
        }
    }
}

/// Registers the PostgreSQL file store as `files.driver = "postgres"` (settings: ``PostgresSettings`` and
/// `files.maxFileMegabytes`).
public enum PostgresFileStorePlugin {
    /// The name `files.driver` selects it by.
    public static let driverName = "postgres"

    public static func register(in registry: inout PluginRegistry) {
        registry.fileStores.register(driverName) { section, context in
            let settings = try PostgresSettings(section)
            return try await PostgresFileStore(settings: settings, maxFileBytes: try FileSizeLimit.bytes(section), logger: context.logger)
        }
    }
}
