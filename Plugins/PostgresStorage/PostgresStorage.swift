import Foundation
import Logging
import PortalKernel
import PostgresNIO
import SQLStorage

/// Storage on a PostgreSQL server, for several `portal serve` instances on one database: the SQL core over
/// postgres-nio's connection pool (``PostgresDriver``).
public final class PostgresStorage: SQLStorage, PluginLocation, @unchecked Sendable {
    /// The server, database and schema, without the password (``PluginLocation``).
    public let location: String

    /// Connects to the server `settings` name: one connection first, so a wrong password or an unreachable
    /// server fails here with a clear message (``PostgresStartupError``), then the pool.
    /// `trace` sees every statement sent (tests count trips and statements with it).
    init(settings: PostgresSettings, logger: Logger, trace: (@Sendable (PostgresTrace) -> Void)? = nil) async throws {
        do {
            let probe = try await PostgresConnection.connect(configuration: try settings.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch let error as PSQLError {
            throw PostgresStartupError(server: settings.displayName, reason: PostgresStartupError.reason(error))
        }
        location = "postgres \(settings.displayName), schema \(settings.schema)"
        super.init(driver: PostgresDriver(settings: settings, logger: logger, trace: trace))
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
