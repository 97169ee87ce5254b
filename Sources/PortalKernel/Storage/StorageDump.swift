/// Every record of a store, in a backend-neutral, versioned form: what `portal export` writes and `portal import`
/// reads, so a team can move SQLite → JSON → SQLite (or any other backend) without losing anything.
///
/// Each list is sorted by id (``canonical``), so two dumps of the same data are equal and diff cleanly.
public struct StorageDump: Hashable, Codable, Sendable {
    /// The format this build writes. A dump from a newer format is refused rather than half-read.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var accounts: [Account]
    public var staffUsers: [StaffUser]
    public var customers: [Customer]
    public var jobs: [Job]
    public var proposals: [Proposal]
    public var invoices: [Invoice]
    public var payments: [Payment]
    public var leads: [Lead]
    public var loginTokens: [LoginToken]
    public var sessions: [Session]
    public var outbox: [OutboxMessage]
    public var auditEvents: [AuditEvent]
    public var proposalLinks: [ProposalLink]
    public var apiTokens: [APIToken]

    public init(
        accounts: [Account] = [], staffUsers: [StaffUser] = [], customers: [Customer] = [], jobs: [Job] = [],
        proposals: [Proposal] = [], invoices: [Invoice] = [], payments: [Payment] = [], leads: [Lead] = [],
        loginTokens: [LoginToken] = [], sessions: [Session] = [], outbox: [OutboxMessage] = [],
        auditEvents: [AuditEvent] = [], proposalLinks: [ProposalLink] = [], apiTokens: [APIToken] = []
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.accounts = accounts
        self.staffUsers = staffUsers
        self.customers = customers
        self.jobs = jobs
        self.proposals = proposals
        self.invoices = invoices
        self.payments = payments
        self.leads = leads
        self.loginTokens = loginTokens
        self.sessions = sessions
        self.outbox = outbox
        self.auditEvents = auditEvents
        self.proposalLinks = proposalLinks
        self.apiTokens = apiTokens
    }

    /// Whether it holds no record at all.
    public var isEmpty: Bool { recordCount == 0 }

    /// How many records it holds, all kinds together.
    public var recordCount: Int {
        var count = 0
        func add<Record: StoredRecord>(_: Record.Type) {
            if let dump = Record.storage.dump { count += self[keyPath: dump.list].count }
        }
        RecordCatalogue.forEach { add($0) }
        return count
    }

    /// The same records, each list sorted by id.
    public var canonical: StorageDump {
        var sorted = self
        func sort<Record: StoredRecord>(_: Record.Type) {
            guard let dump = Record.storage.dump else { return }
            let id = Record.storage.id
            sorted[keyPath: dump.list].sort { id($0) < id($1) }
        }
        RecordCatalogue.forEach { sort($0) }
        return sorted
    }
}
