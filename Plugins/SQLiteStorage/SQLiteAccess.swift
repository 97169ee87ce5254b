import GRDB
import PortalKernel

/// How a repository call reaches the database: on its own, or inside an open transaction.
struct SQLiteAccess: Sendable {
    enum Mode: Sendable {
        /// Reads go to a WAL reader; each write is its own transaction, after the gate.
        case standalone(SerialGate)
        /// The caller holds the gate and a transaction is open on the writer: everything goes there.
        case inTransaction
    }

    let pool: DatabasePool
    let mode: Mode

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await mapErrors {
            switch mode {
            case .standalone: try await pool.read(body)
            case .inTransaction: try await pool.writeWithoutTransaction(body)
            }
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await mapErrors {
            switch mode {
            case .standalone(let gate): try await gate.withGate { try await pool.write(body) }
            case .inTransaction: try await pool.writeWithoutTransaction(body)
            }
        }
    }
}

/// Turns SQLite's constraint errors into the kernel's ``StorageError``, the same on every backend.
func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            throw StorageError.duplicate(error.message ?? "unique constraint")
        case .SQLITE_CONSTRAINT_FOREIGNKEY, .SQLITE_CONSTRAINT_TRIGGER:
            throw StorageError.missingReference(error.message ?? "foreign key")
        default:
            throw error
        }
    } catch let error as RecordError {
        throw StorageError.notFound(String(describing: error))
    } catch let error as DecodingError {
        throw StorageError.corrupt(String(describing: error))
    }
}
