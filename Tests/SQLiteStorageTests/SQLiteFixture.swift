import Foundation
import GRDB
import PortalKernel
@testable import SQLiteStorage

/// A fresh, migrated SQLite store in a temporary folder, optionally tracing every statement it runs.
struct SQLiteFixture {
    let folder: URL
    let storage: SQLiteStorage
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let accountID: Account.ID = "account-a"

    init(trace: (@Sendable (String) -> Void)? = nil) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var prepare: (@Sendable (Database) throws -> Void)?
        if let trace {
            prepare = { db in db.trace { trace($0.expandedDescription) } }
        }
        storage = try SQLiteStorage(path: folder.appendingPathComponent("portal.sqlite").path, prepareConnection: prepare)
        try await storage.migrate()
    }

    var path: String { folder.appendingPathComponent("portal.sqlite").path }

    /// One account with one customer.
    func seed() async throws -> Customer {
        try await storage.accounts.insert(
            Account(id: Self.accountID, name: "A", portalKey: "key-a", branding: Branding(displayName: "A"), createdAt: now))
        let customer = Customer(id: "cust-a", accountID: Self.accountID, displayName: "Cece", emails: ["cece@example.com"])
        try await storage.customers.insert(customer)
        return customer
    }

    func tearDown() async throws {
        try await storage.close()
        try? FileManager.default.removeItem(at: folder)
    }
}
