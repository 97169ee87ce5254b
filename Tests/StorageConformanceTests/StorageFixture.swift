import Foundation
import PortalKernel

/// A fresh, migrated store of one backend in a temporary folder, with two accounts' worth of builders.
struct StorageFixture {
    let backend: StorageBackend
    let folder: URL
    let storage: any PortalStorage
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    static let accountA: Account.ID = "account-a"
    static let accountB: Account.ID = "account-b"

    init(_ backend: StorageBackend) async throws {
        self.backend = backend
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-\(backend.name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        storage = try await backend.open(folder)
        try await storage.migrate()
    }

    /// The same folder opened again, as after a restart (close this fixture's storage first).
    func reopen() async throws -> any PortalStorage {
        let storage = try await backend.open(folder)
        try await storage.migrate()
        return storage
    }

    func tearDown() async throws {
        try await storage.close()
        try? FileManager.default.removeItem(at: folder)
    }

    func account(_ id: Account.ID, portalKey: String? = nil) -> Account {
        Account(
            id: id, name: "Company \(id)", portalKey: portalKey ?? "key-\(id)",
            settings: AccountSettings(leadNotificationEmails: ["office@example.com"]),
            branding: Branding(displayName: "Company \(id)"), createdAt: now)
    }

    func customer(_ id: Customer.ID, in account: Account.ID, emails: [String]) -> Customer {
        Customer(
            id: id, accountID: account, displayName: "Customer \(id)", emails: emails,
            billingAddress: Address(line1: "1 Oak St", city: "Springfield", region: "IL", postalCode: "62701"))
    }

    func job(_ id: Job.ID, customer: Customer.ID?, in account: Account.ID, created: Job.CreatedStage = .proposal) -> Job {
        Job(id: id, accountID: account, customerID: customer, title: "Job \(id)", createdStage: created, createdAt: now)
    }

    func proposal(_ id: Proposal.ID, job: Job.ID, customer: Customer.ID, in account: Account.ID, status: Proposal.Status) -> Proposal {
        Proposal(
            id: id, accountID: account, jobID: job, customerID: customer, title: "Proposal \(id)",
            lineItems: [LineItem(id: "line", description: "Mowing", quantity: 2.5, unitPrice: Money(cents: 4_000), isOptional: false)],
            taxRateBasisPoints: 625, status: status, sentAt: status == .draft ? nil : now,
            expiresOn: CalendarDate(iso: "2026-12-31"), createdAt: now)
    }

    func invoice(_ number: String, customer: Customer.ID, in account: Account.ID, voided: Bool = false) -> Invoice {
        Invoice(
            id: Invoice.ID(rawValue: "\(account)-\(number)"), accountID: account, customerID: customer, number: number,
            invoiceDate: CalendarDate(iso: "2026-11-01")!, lineItems: [LineItem(description: "Work", unitPrice: Money(cents: 9_900))],
            voided: voided, createdAt: now)
    }

    /// Account A with one customer, so records that need a parent have one.
    func seedAccountA() async throws -> Customer {
        let customer = customer("cust-a", in: Self.accountA, emails: ["cece@example.com"])
        try await storage.accounts.insert(account(Self.accountA))
        try await storage.customers.insert(customer)
        return customer
    }
}
