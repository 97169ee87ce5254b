import Foundation
import Logging
import PortalKernel
import PostgresNIO

/// Runs transactions on pooled connections: `BEGIN`, the body, `COMMIT`; `ROLLBACK` when the body throws.
///
/// Transactions run at READ COMMITTED and lock what they read by key (``PostgresAccess/lockClause``); one that
/// loses a deadlock to another is rolled back and run again, a few times, after a short random pause.
struct PostgresTransactions: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// How many times a transaction is run before a deadlock is reported.
    static let attempts = 8

    func run<Result: Sendable>(_ body: @Sendable (PostgresAccess) async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await once(body)
            } catch let error as PostgresRetryableError where attempt < Self.attempts {
                logger.debug("Transaction lost to a concurrent one; running it again", metadata: ["reason": "\(error.message)"])
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            } catch let error as PostgresRetryableError {
                throw StorageError.unavailable("a transaction kept losing to concurrent ones: \(error.message)")
            }
        }
    }

    private func once<Result: Sendable>(_ body: @Sendable (PostgresAccess) async throws -> Result) async throws -> Result {
        let logger = logger
        // Every failure, a connection the pool cannot make included, reaches the caller as a `StorageError`.
        return try await mapErrors {
            try await client.withConnection { connection in
                let access = PostgresAccess(mode: .transaction(connection), logger: logger)
                try await connection.query("BEGIN", logger: logger)
                do {
                    let result = try await body(access)
                    // A task cancelled after its last statement still must not commit.
                    try Task.checkCancellation()
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    // From an unstructured task, which a cancelled request's task does not cancel.
                    await Task { _ = try? await connection.query("ROLLBACK", logger: logger) }.value
                    throw error
                }
            }
        }
    }
}
