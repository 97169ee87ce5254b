import Foundation
import PortalKernel

/// A fresh, migrated store of one backend in a temporary folder of its own, with builders for two accounts' worth of
/// records: what every conformance check starts from, public so a backend's own tests can start from it too.
///
/// ```swift
/// let fixture = try await StorageFixture(backend)
/// let customer = try await fixture.seedAccountA()
/// try await fixture.storage.jobs.insert(fixture.job("job", customer: customer.id, in: StorageFixture.accountA))
/// try await fixture.tearDown()
/// ```
public struct StorageFixture: Sendable {
    /// The backend the store is one of.
    public let backend: StorageConformance
    /// The folder the store was opened in (created empty; ``tearDown()`` removes it).
    public let folder: URL
    /// The store, opened by the backend's `makeStorage` and migrated.
    public let storage: any PortalStorage
    /// The instant every record the builders make was created at.
    public let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// The first account's id (``seedAccountA()`` inserts it).
    public static let accountA: Account.ID = "account-a"
    /// The second account's id, for checks that one account never sees another's records.
    public static let accountB: Account.ID = "account-b"

    /// Opens a store of `backend` in a new temporary folder and migrates it; throws what opening or migrating throws.
    public init(_ backend: StorageConformance) async throws {
        self.backend = backend
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-\(backend.name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        storage = try await backend.makeStorage(folder)
        try await storage.migrate()
    }

    /// The same folder opened again and migrated, as after a restart (close this fixture's storage first).
    public func reopen() async throws -> any PortalStorage {
        let storage = try await backend.makeStorage(folder)
        try await storage.migrate()
        return storage
    }

    /// Closes the store and removes its folder.
    public func tearDown() async throws {
        try await storage.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// An account named after `id`, with the portal key `key-<id>` unless given one.
    public func account(_ id: Account.ID, portalKey: String? = nil) -> Account {
        Account(
            id: id, name: "Company \(id)", portalKey: portalKey ?? "key-\(id)",
            settings: AccountSettings(leadNotificationEmails: ["office@example.com"]),
            branding: Branding(displayName: "Company \(id)"), createdAt: now)
    }

    /// A customer of `account` with the given emails.
    public func customer(_ id: Customer.ID, in account: Account.ID, emails: [String]) -> Customer {
        Customer(
            id: id, accountID: account, displayName: "Customer \(id)", emails: emails,
            billingAddress: Address(line1: "1 Oak St", city: "Springfield", region: "IL", postalCode: "62701"))
    }

    /// A job of `customer` (none for a lead's job), created at the `created` stage.
    public func job(_ id: Job.ID, customer: Customer.ID?, in account: Account.ID, created: Job.CreatedStage = .proposal) -> Job {
        Job(id: id, accountID: account, customerID: customer, title: "Job \(id)", createdStage: created, createdAt: now)
    }

    /// A proposal for `job` with one line item, sent at ``now`` unless it is a draft.
    public func proposal(_ id: Proposal.ID, job: Job.ID, customer: Customer.ID, in account: Account.ID, status: Proposal.Status) -> Proposal {
        Proposal(
            id: id, accountID: account, jobID: job, customerID: customer, title: "Proposal \(id)",
            lineItems: [LineItem(id: "line", description: "Mowing", quantity: 2.5, unitPrice: Money(cents: 4_000), isOptional: false)],
            taxRateBasisPoints: 625, status: status, sentAt: status == .draft ? nil : now,
            expiresOn: CalendarDate(iso: "2026-12-31"), createdAt: now)
    }

    /// An invoice numbered `number`, with the id `<account>-<number>`, for 99.00.
    public func invoice(_ number: String, customer: Customer.ID, in account: Account.ID, voided: Bool = false) -> Invoice {
        Invoice(
            id: Invoice.ID(rawValue: "\(account)-\(number)"), accountID: account, customerID: customer, number: number,
            invoiceDate: CalendarDate(iso: "2026-11-01")!, lineItems: [LineItem(description: "Work", unitPrice: Money(cents: 9_900))],
            voided: voided, createdAt: now)
    }

    /// Inserts account A with one customer (`cust-a`, `cece@example.com`), so records that need a parent have one.
    @discardableResult
    public func seedAccountA() async throws -> Customer {
        let customer = customer("cust-a", in: Self.accountA, emails: ["cece@example.com"])
        try await storage.accounts.insert(account(Self.accountA))
        try await storage.customers.insert(customer)
        return customer
    }

    /// Account A with its customer (``seedAccountA()``) and that customer's invoice `INV-1`, and account B, empty.
    public func seedInvoiceOfAccountA() async throws -> (customer: Customer, invoice: Invoice) {
        let customer = try await seedAccountA()
        try await storage.accounts.insert(account(Self.accountB))
        let invoice = invoice("INV-1", customer: customer.id, in: Self.accountA)
        try await storage.invoices.insert(invoice)
        return (customer, invoice)
    }
}
