import Foundation
import Logging
import PortalKernel
import PostgresNIO

/// How a repository call reaches the database: through the pool, each statement on its own, or on the one
/// connection of an open transaction.
struct PostgresAccess: Sendable {
    enum Mode: Sendable {
        case standalone(PostgresTransactions)
        case transaction(PostgresConnection)
    }

    let mode: Mode
    let logger: Logger

    /// How a row read by its key inside a transaction is locked until the transaction ends.
    enum Lock: String, Sendable {
        /// For rows a use case may write: a concurrent writer waits, so a read-modify-write loses nothing. (Not
        /// `FOR UPDATE`: that also waits for the key-share locks foreign-key checks take, and two transactions that
        /// each inserted a child of one row would deadlock upgrading to it.)
        case forUpdate = " FOR NO KEY UPDATE"
        /// For rows read as context (the account): readers do not wait for each other; a writer waits for them.
        case forShare = " FOR SHARE"
    }

    var isInTransaction: Bool {
        if case .transaction = mode { true } else { false }
    }

    /// `lock`'s clause inside a transaction; nothing for a statement on its own (see Docs/Storage.md).
    func lockClause(_ lock: Lock) -> String {
        isInTransaction ? lock.rawValue : ""
    }

    /// Runs `query` and returns all its rows, with errors mapped to ``StorageError`` (the server may report an
    /// error while the rows stream, so they are read here).
    @discardableResult
    func run(_ query: PostgresQuery) async throws -> [PostgresRow] {
        // Like the other backends: a cancelled task (a client that went away) touches nothing.
        try Task.checkCancellation()
        return try await mapErrors {
            switch mode {
            case .standalone(let transactions): try await transactions.client.query(query, logger: logger).collect()
            case .transaction(let connection): try await connection.query(query, logger: logger).collect()
            }
        }
    }

    /// The records the query returns; its first column must be `record::text`.
    func records<Record: Decodable>(_ query: PostgresQuery) async throws -> [Record] {
        let decoder = StorageJSON.decoder()
        return try await run(query).map { row in
            do {
                return try decoder.decode(Record.self, from: Data(try row.decode(String.self).utf8))
            } catch let error as DecodingError {
                throw StorageError.corrupt("\(Record.self): \(error.locationDescription)")
            }
        }
    }

    /// How many rows the query returns (`… RETURNING 1` counts the rows a statement changed).
    func count(_ query: PostgresQuery) async throws -> Int {
        try await run(query).count
    }

    /// Runs `body` inside a transaction: this one, or a new one when the call stands alone.
    func inTransaction<Result: Sendable>(_ body: @Sendable (PostgresAccess) async throws -> Result) async throws -> Result {
        switch mode {
        case .transaction: try await body(self)
        case .standalone(let transactions): try await transactions.run(body)
        }
    }
}

/// PostgreSQL's error codes that the kernel reacts to.
enum PostgresErrorCode {
    static let uniqueViolation = "23505"
    static let foreignKeyViolation = "23503"
    static let serializationFailure = "40001"
    static let deadlockDetected = "40P01"
}

/// Turns PostgreSQL's constraint errors into the kernel's ``StorageError``, the same on every backend, and a lost
/// server into `.unavailable`.
func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as PSQLError {
        throw StorageError.from(error)
    }
}

extension StorageError {
    static func from(_ error: PSQLError) -> any Error {
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        switch error.serverInfo?[.sqlState] {
        case PostgresErrorCode.uniqueViolation: return StorageError.duplicate(message)
        case PostgresErrorCode.foreignKeyViolation: return StorageError.missingReference(message)
        case PostgresErrorCode.serializationFailure, PostgresErrorCode.deadlockDetected: return PostgresRetryableError(message: message)
        case .some: return StorageError.unavailable("PostgreSQL: \(message)")
        case .none: return StorageError.unavailable("PostgreSQL: \(PostgresStartupError.reason(error))")
        }
    }
}

/// A transaction lost to a concurrent one (a deadlock or a serialization failure): run again.
struct PostgresRetryableError: Error {
    let message: String
}
