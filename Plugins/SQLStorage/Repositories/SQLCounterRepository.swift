import Foundation
import PortalKernel

struct SQLCounterRepository: CounterRepository, SQLRecordRepository {
    typealias Record = Counter
    let access: SQLAccess

    func change<Result: Sendable>(
        _ key: String, at instant: Date, _ change: @Sendable (Counter?) -> (Counter?, Result)
    ) async throws -> Result {
        try await withoutActuallyEscaping(change) { change in
            try await access.inTransaction { access in
                // A row lock cannot hold a counter that does not exist yet: where transactions run side by side, a
                // lock on the key serialises every change of it, in every process, until the transaction ends.
                if let keyLock = access.driver.dialect.keyLock { try await access.run(keyLock(key)) }
                let stored = try await access.first(Counter.self, where: "id = \(bind: key)")
                let (next, result) = change(stored.flatMap { $0.expiresAt > instant ? $0 : nil })
                if let next {
                    try await access.upsert(next)
                } else if stored != nil {
                    try await access.run("DELETE FROM counter WHERE id = \(bind: key)")
                }
                return result
            }
        }
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.count("DELETE FROM counter WHERE expires_at < \(bind: instant.storedPrecision) RETURNING 1")
    }
}
