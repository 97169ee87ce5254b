import Foundation
import HummingbirdBcrypt
import PortalKernel

/// Creates the sample company once; run again, it only gives the admin a fresh password.
public struct DemoSeeder: Sendable {
    /// What the person running the demo needs to try it.
    public struct Result: Sendable {
        public var account: Account
        public var created: Bool
        public var adminEmail: String
        public var adminPassword: String
        public var clientEmail: String
        public var sharedClientEmail: String
    }

    let storage: any PortalStorage
    let clock: any PortalClock

    public init(storage: any PortalStorage, clock: any PortalClock) {
        self.storage = storage
        self.clock = clock
    }

    /// Seeds the company (all-or-nothing) unless it exists, and sets a new random admin password either way,
    /// so the printed credentials always work.
    public func seed() async throws -> Result {
        let password = SecretToken.generate().value.prefix(16).description
        let hash = Bcrypt.hash(password, cost: 10)
        let demo = DemoCompany(now: clock.now, adminPasswordHash: hash)
        let created = try await storage.transaction { store in
            if var admin = try await store.staffUsers.find(demo.admin.id, in: DemoCompany.accountID) {
                admin.passwordHash = hash
                try await store.staffUsers.update(admin)
                return false
            }
            try await store.accounts.insert(demo.account)
            try await store.staffUsers.insert(demo.admin)
            for customer in demo.customers { try await store.customers.insert(customer) }
            for job in demo.jobs { try await store.jobs.insert(job) }
            for proposal in demo.proposals { try await store.proposals.insert(proposal) }
            for invoice in demo.invoices { try await store.invoices.insert(invoice) }
            for payment in demo.payments { try await store.payments.insert(payment) }
            for lead in demo.leads { try await store.leads.insert(lead) }
            return true
        }
        let account = try await storage.accounts.find(DemoCompany.accountID) ?? demo.account
        return Result(
            account: account, created: created, adminEmail: DemoCompany.adminEmail, adminPassword: password,
            clientEmail: DemoCompany.clientEmail, sharedClientEmail: DemoCompany.sharedEmail)
    }
}

extension DemoSeeder.Result {
    /// The lines `portal demo` prints.
    public func summary(publicBaseURL: String) -> String {
        var base = publicBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return """
            \(created ? "Created" : "Found") the demo company "\(account.name)".
              Portal link:   \(account.portalURL(publicBaseURL: publicBaseURL))
              Lead form:     \(account.portalURL(publicBaseURL: publicBaseURL))?leadform=true
              Back office:   \(base)/admin
              Admin login:   \(adminEmail)  password: \(adminPassword)
              Sample client: \(clientEmail)  (log in with this email; \(sharedClientEmail) is a client with two properties)
            """
    }
}
