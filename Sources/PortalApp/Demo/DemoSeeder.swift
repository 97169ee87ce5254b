import Foundation
import PortalHTTP
import PortalKernel

/// Creates the sample company once; run again, it only gives the admin a fresh password.
public struct DemoSeeder: Sendable {
    /// What the person running the demo needs to try it.
    public struct Result: Sendable {
        /// The demo company (portal key `greenleaf-demo`), as stored.
        public var account: Account
        /// Whether this run created the company; `false` when it existed and only the password and link are new.
        public var created: Bool
        /// The back-office admin's login, `admin@greenleaf.example`.
        public var adminEmail: String
        /// The admin's new random password (16 characters), printed once: only its bcrypt hash is stored.
        public var adminPassword: String
        /// An email to log in to the portal with (`cece@example.com`, one customer's).
        public var clientEmail: String
        /// An email two customers share (a property manager, `pat.manager@example.com`), to try switching between them.
        public var sharedClientEmail: String
        /// A fresh emailed-proposal link (`/p/{token}`), as staff would send it.
        public var proposalLinkToken: SecretToken
    }

    let storage: any PortalStorage
    let clock: any PortalClock

    /// Seeds into `storage`, dating the records around `clock`'s now.
    public init(storage: any PortalStorage, clock: any PortalClock) {
        self.storage = storage
        self.clock = clock
    }

    /// Seeds the company (all-or-nothing) unless it exists, and sets a new random admin password and makes a new
    /// proposal link either way, so the printed credentials and link always work (tokens are stored hashed only).
    public func seed() async throws -> Result {
        let password = SecretToken.generate().value.prefix(16).description
        let hash = BcryptHashing().hash(password)
        let demo = DemoCompany(now: clock.now, adminPasswordHash: hash)
        let link = SecretToken.generate()
        let proposalLink = ProposalLink(
            accountID: DemoCompany.accountID, proposalID: DemoCompany.emailedProposalID, tokenHash: link.hash,
            createdAt: clock.now)
        let created = try await storage.transaction { store in
            if var admin = try await store.staffUsers.find(demo.admin.id, in: DemoCompany.accountID) {
                admin.passwordHash = hash
                try await store.staffUsers.update(admin)
                try await store.proposalLinks.insert(proposalLink)
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
            for series in demo.visitSeries { try await store.records(VisitSeries.self).insert(series) }
            for visit in demo.visits { try await store.records(Visit.self).insert(visit) }
            try await store.proposalLinks.insert(proposalLink)
            return true
        }
        let account = try await storage.accounts.find(DemoCompany.accountID) ?? demo.account
        return Result(
            account: account, created: created, adminEmail: DemoCompany.adminEmail, adminPassword: password,
            clientEmail: DemoCompany.clientEmail, sharedClientEmail: DemoCompany.sharedEmail, proposalLinkToken: link)
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
              Login emails:  written as .eml files to the log mailer's folder (var/mail/ by default) and to the log
              Emailed proposal, as a client receives it (no login needed):
                             \(PortalLinks(publicBaseURL: publicBaseURL).proposal(token: proposalLinkToken))
              Sandbox cards: 4242 4242 4242 4242 approved · 4000 0000 0000 0002 declined (any future expiry, any CVC)
              Metrics:       \(base)/metrics, open while the server listens on 127.0.0.1 only; beyond it, set
                             metrics.token (PORTAL_METRICS_TOKEN) or metrics.public (Docs/Configuration.md)
            """
    }
}
