import ArgumentParser
import PortalKernel

/// Whether a store may receive a whole set of records (`portal import`, `portal restore`).
enum StoreContents {
    /// Returns when `storage` holds no account, and so no record (every record belongs to one).
    ///
    /// - Throws: `ValidationError` naming the store and how many accounts it holds, followed by `advice`.
    static func requireEmpty(_ storage: any PortalStorage, advice: String) async throws {
        let existing = try await storage.accounts.all().count
        guard existing == 0 else {
            throw CommandFailure("the \(storage.driverName) store already holds \(existing) account(s); \(advice)")
        }
    }
}
