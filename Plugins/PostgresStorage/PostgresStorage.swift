import Foundation
import Logging
import PortalKernel
import PostgresNIO

/// Storage on a PostgreSQL server, for several `portal serve` instances on one database, over postgres-nio's
/// connection pool (no ORM).
public final class PostgresStorage: PortalStorage, StandaloneRepositories {
    public let driverName = "postgres"
    let transactions: PostgresTransactions
    private let runner: Task<Void, Never>
    private let logger: Logger
    private let schema: String

    /// Connects to the server `settings` name: one connection first, so a wrong password or an unreachable
    /// server fails here with a clear message (``PostgresStartupError``), then the pool.
    init(settings: PostgresSettings, logger: Logger) async throws {
        do {
            let probe = try await PostgresConnection.connect(configuration: try settings.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch let error as PSQLError {
            throw PostgresStartupError(server: settings.displayName, reason: PostgresStartupError.reason(error))
        }
        let client = PostgresClient(configuration: settings.clientConfiguration(), backgroundLogger: logger)
        // Started at once, so the client is running before the first query asks it for a connection.
        runner = Task.immediate { await client.run() }
        transactions = PostgresTransactions(client: client, logger: logger)
        self.logger = logger
        schema = settings.schema
    }

    /// Connects without TLS (for tests and tools on one machine).
    public convenience init(
        host: String, port: Int, database: String, user: String, password: String?, poolSize: Int = 10, schema: String = "public",
        logger: Logger
    ) async throws {
        try await self.init(
            settings: PostgresSettings(
                host: host, port: port, database: database, user: user, password: password, tls: .disable, poolSize: poolSize,
                schema: schema),
            logger: logger)
    }

    public func migrate() async throws {
        try await transactions.run { access in
            try await access.run("SELECT pg_advisory_xact_lock(\(PostgresMigrations.lockKey))")
            // The connections' search_path names the schema; `public` exists in every database.
            try await access.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"))
            try await access.run(
                "CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)")
            var applied = Set<Int>()
            for row in try await access.run("SELECT version FROM schema_migration") {
                applied.insert(try row.decode(Int.self))
            }
            for migration in PostgresMigrations.all where !applied.contains(migration.version) {
                for statement in migration.statements { try await access.run(PostgresQuery(unsafeSQL: statement)) }
                try await access.run(
                    "INSERT INTO schema_migration (version, name, applied_at) VALUES (\(migration.version), \(migration.name), now())")
            }
        }
    }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any Repositories) async throws -> Result
    ) async throws -> Result {
        try await transactions.run { access in try await body(PostgresRepositories(access: access)) }
    }

    public func ping() async throws {
        try await standaloneAccess.run("SELECT 1")
    }

    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    var standaloneAccess: PostgresAccess { PostgresAccess(mode: .standalone(transactions), logger: logger) }

    public var standalone: any Repositories { PostgresRepositories(access: standaloneAccess) }
}

/// Why the server could not be used at start-up, without the password.
struct PostgresStartupError: Error, CustomStringConvertible {
    let server: String
    let reason: String

    var description: String { "cannot connect to PostgreSQL as \(server): \(reason)" }

    /// What went wrong, in the server's words or the network's: postgres-nio's own description hides both.
    static func reason(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
