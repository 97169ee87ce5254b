/// Every record of a store, in a backend-neutral, versioned form: what `portal export` writes and `portal import`
/// reads, so a team can move SQLite → JSON → SQLite (or any other backend) without losing anything.
///
/// It holds one list per record type of ``RecordCatalogue`` (`dump[Visit.self]`), under the catalogue's dump key in
/// JSON; a new record type needs nothing here. Each list is sorted by id (``canonical``), so two dumps of the same
/// data are equal and diff cleanly.
public struct StorageDump: Hashable, Codable, Sendable {
    /// The format this build writes. A dump from a newer format is refused rather than half-read.
    public static let currentFormatVersion = 1

    /// The format the dump was written in (``currentFormatVersion`` for a new one); a later version is refused on
    /// import.
    public var formatVersion: Int
    /// The non-empty lists, by table.
    private var lists: [String: DumpList] = [:]

    /// An empty dump in the current format.
    public init() {
        formatVersion = Self.currentFormatVersion
    }

    /// The records of one type, in the order they were put (empty when there are none).
    public subscript<Record: StoredRecord>(_: Record.Type) -> [Record] {
        get { (lists[Record.storage.table]?.records as? [Record]) ?? [] }
        _modify {
            // Taken out of the dictionary while it changes, so appending one record does not copy the list.
            let table = Record.storage.table
            var records = (lists.removeValue(forKey: table)?.records as? [Record]) ?? []
            defer { lists[table] = records.isEmpty ? nil : DumpList(records) }
            yield &records
        }
        set { lists[Record.storage.table] = newValue.isEmpty ? nil : DumpList(newValue) }
    }

    /// Whether it holds no record at all.
    public var isEmpty: Bool { lists.isEmpty }

    /// How many records it holds, all kinds together.
    public var recordCount: Int { lists.values.reduce(0) { $0 + $1.count } }

    /// The same records, each list sorted by id.
    public var canonical: StorageDump {
        var sorted = self
        func sort<Record: StoredRecord>(_: Record.Type) {
            let id = Record.storage.id
            sorted[Record.self].sort { id($0) < id($1) }
        }
        RecordCatalogue.forEach { sort($0) }
        return sorted
    }
}

/// One record type's list, whatever the type: compared and hashed as the list it holds. Nothing but `records`
/// holds the list, so a list taken out to change is changed in place.
private struct DumpList: Hashable, Sendable {
    let records: any Sendable
    let count: Int
    private let equals: @Sendable (any Sendable, any Sendable) -> Bool
    private let hashInto: @Sendable (any Sendable, inout Hasher) -> Void

    init<Record: StoredRecord>(_ records: [Record]) {
        self.records = records
        count = records.count
        equals = { left, right in (left as? [Record]) == (right as? [Record]) }
        hashInto = { records, hasher in hasher.combine(records as? [Record]) }
    }

    static func == (left: Self, right: Self) -> Bool { left.equals(left.records, right.records) }

    func hash(into hasher: inout Hasher) { hashInto(records, &hasher) }
}

extension StorageDump {
    /// Release 1's record types by name, for readable code; a later type is read as `dump[Visit.self]`.
    public var accounts: [Account] { get { self[Account.self] } _modify { yield &self[Account.self] } }
    /// The back-office users (`staffUsers` in the JSON), with their password hashes.
    public var staffUsers: [StaffUser] { get { self[StaffUser.self] } _modify { yield &self[StaffUser.self] } }
    /// The customers (`customers`).
    public var customers: [Customer] { get { self[Customer.self] } _modify { yield &self[Customer.self] } }
    /// The jobs, including those behind leads (`jobs`).
    public var jobs: [Job] { get { self[Job.self] } _modify { yield &self[Job.self] } }
    /// The proposals, every version (`proposals`).
    public var proposals: [Proposal] { get { self[Proposal.self] } _modify { yield &self[Proposal.self] } }
    /// The invoices (`invoices`).
    public var invoices: [Invoice] { get { self[Invoice.self] } _modify { yield &self[Invoice.self] } }
    /// The payments (`payments`).
    public var payments: [Payment] { get { self[Payment.self] } _modify { yield &self[Payment.self] } }
    /// What service requests said (`leads`).
    public var leads: [Lead] { get { self[Lead.self] } _modify { yield &self[Lead.self] } }
    /// The login links' token hashes, used and unused (`loginTokens`).
    public var loginTokens: [LoginToken] { get { self[LoginToken.self] } _modify { yield &self[LoginToken.self] } }
    /// The portal and back-office sessions, by their cookies' hashes (`sessions`).
    public var sessions: [Session] { get { self[Session.self] } _modify { yield &self[Session.self] } }
    /// The emails and webhooks, delivered or waiting (`outbox`).
    public var outbox: [OutboxMessage] { get { self[OutboxMessage.self] } _modify { yield &self[OutboxMessage.self] } }
    /// The audit trail (`auditEvents`).
    public var auditEvents: [AuditEvent] { get { self[AuditEvent.self] } _modify { yield &self[AuditEvent.self] } }
    /// The emailed proposal links' token hashes (`proposalLinks`).
    public var proposalLinks: [ProposalLink] { get { self[ProposalLink.self] } _modify { yield &self[ProposalLink.self] } }
    /// The API tokens' hashes, revoked ones too (`apiTokens`).
    public var apiTokens: [APIToken] { get { self[APIToken.self] } _modify { yield &self[APIToken.self] } }

    /// A dump of release 1's record types, each list as given.
    public init(
        accounts: [Account] = [], staffUsers: [StaffUser] = [], customers: [Customer] = [], jobs: [Job] = [],
        proposals: [Proposal] = [], invoices: [Invoice] = [], payments: [Payment] = [], leads: [Lead] = [],
        loginTokens: [LoginToken] = [], sessions: [Session] = [], outbox: [OutboxMessage] = [],
        auditEvents: [AuditEvent] = [], proposalLinks: [ProposalLink] = [], apiTokens: [APIToken] = []
    ) {
        self.init()
        (self.accounts, self.staffUsers, self.customers, self.jobs, self.proposals) = (accounts, staffUsers, customers, jobs, proposals)
        (self.invoices, self.payments, self.leads, self.loginTokens, self.sessions) = (invoices, payments, leads, loginTokens, sessions)
        (self.outbox, self.auditEvents, self.proposalLinks, self.apiTokens) = (outbox, auditEvents, proposalLinks, apiTokens)
    }
}
