import Foundation
import GRDB
import PortalKernel

struct SQLiteCounterRepository: CounterRepository {
    let access: SQLiteAccess

    func change<Result: Sendable>(
        _ key: String, at instant: Date, _ change: @Sendable (Counter?) -> (Counter?, Result)
    ) async throws -> Result {
        // One write: the writer (behind the gate) runs it alone, so the read and the write see no other change.
        try await withoutActuallyEscaping(change) { change in
            try await access.write { db in
                let current = try Counter.filter(Column("key") == key).filter(Column("expiresAt") > instant).fetchOne(db)
                let (next, result) = change(current)
                if let next { try next.save(db) } else { _ = try Counter.deleteOne(db, key: key) }
                return result
            }
        }
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.write { db in try Counter.filter(Column("expiresAt") < instant).deleteAll(db) }
    }
}
