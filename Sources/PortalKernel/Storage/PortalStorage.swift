/// Every repository, as seen from one place: the storage itself (each call on its own) or a transaction.
public protocol Repositories: Sendable {
    var accounts: any AccountRepository { get }
    var staffUsers: any StaffUserRepository { get }
    var customers: any CustomerRepository { get }
    var jobs: any JobRepository { get }
    var proposals: any ProposalRepository { get }
    var invoices: any InvoiceRepository { get }
    var payments: any PaymentRepository { get }
    var leads: any LeadRepository { get }
    var loginTokens: any LoginTokenRepository { get }
    var sessions: any SessionRepository { get }
    var outbox: any OutboxRepository { get }
    var auditEvents: any AuditRepository { get }
    var proposalLinks: any ProposalLinkRepository { get }
    var apiTokens: any APITokenRepository { get }
    var counters: any CounterRepository { get }
    /// Every catalogued record type's insert, update, find and query (``records(_:)``).
    var recordStore: any RecordStore { get }

    /// What `customer`'s portal is read from (``PortalDocuments``), its visits dated `visitsFrom` or later, in as
    /// few statements as the store can: the SQL stores in one (#22). A store that does not say otherwise reads the
    /// four in turn.
    func portalDocuments(of customer: Customer.ID, in account: Account.ID, visitsFrom: CalendarDate) async throws -> PortalDocuments
}

extension Repositories {
    /// The four reads in turn: the proposals that could show, their jobs, the invoices that could show, the visits.
    public func portalDocuments(of customer: Customer.ID, in account: Account.ID, visitsFrom: CalendarDate) async throws -> PortalDocuments {
        let proposals = try await self.proposals.portalCandidates(for: customer, in: account)
        let jobs = try await self.jobs.find(Array(Set(proposals.map(\.jobID))), in: account)
        return PortalDocuments(
            proposals: proposals, jobs: jobs, invoices: try await invoices.portalCandidates(for: customer, in: account),
            visits: try await records(Visit.self).all(of: customer, from: visitsFrom, in: account))
    }
}

/// A storage backend (SQLite, JSON files, …), chosen by `storage.driver` in the configuration.
///
/// Calls made through the storage's own repositories each stand alone. A use case that writes several records
/// does so inside ``transaction(_:)``: either every write lands or none does, on every backend.
public protocol PortalStorage: Repositories {
    /// The driver name it was registered under (`sqlite`), shown by `/health`.
    var driverName: String { get }

    /// Brings the schema up to date. Safe to run on every start.
    func migrate() async throws

    /// Runs `body`'s reads in one consistent snapshot: every read sees the store as it was at one moment, whatever
    /// is written meanwhile, in one trip to the database (a read transaction on SQLite's WAL, `REPEATABLE READ READ
    /// ONLY` on PostgreSQL, the committed state of that moment on JSON). A page reads through one (#19).
    ///
    /// Writes inside it are refused (`StorageError`) and change nothing; write after it, or in ``transaction(_:)``.
    func read<Result: Sendable>(_ body: @Sendable (any Repositories) async throws -> Result) async throws -> Result

    /// Runs `body` all-or-nothing: if it throws, nothing it wrote is kept, and the error is rethrown.
    ///
    /// Transactions are serialised, so a transaction that reads a record and then writes it sees no concurrent
    /// change in between.
    func transaction<Result: Sendable>(
        _ body: @Sendable (any Repositories) async throws -> Result
    ) async throws -> Result

    /// Every record, in the backend-neutral form (`portal export`), sorted as ``StorageDump/canonical``.
    func exportDump() async throws -> StorageDump

    /// Writes every record of `dump` into this store, all-or-nothing (`portal import`). The caller decides whether
    /// a non-empty store may be imported into; a record whose id exists already is `StorageError.duplicate`.
    func importDump(_ dump: StorageDump) async throws

    /// Checks the backend answers (for `/health`).
    func ping() async throws

    /// Releases files and connections. The storage is not used after this.
    func close() async throws
}

/// Errors every storage reports the same way, so use cases can react without knowing the backend.
public enum StorageError: Error, Equatable, CustomStringConvertible {
    /// A unique key is already taken (a portal key, an idempotency key, a token hash, an id).
    case duplicate(String)
    /// The record to update does not exist in that account.
    case notFound(String)
    /// The stored data cannot be read: names what and why.
    case corrupt(String)
    /// A record refers to one that does not exist (a job for an unknown customer).
    case missingReference(String)
    /// The backend cannot be used: a file that cannot be written, a folder another process holds.
    case unavailable(String)
    /// The store will not do it, and asking again will not change that (a write inside a read, a value it cannot
    /// hold): a fault of the caller, not of the moment.
    case refused(String)

    public var description: String {
        switch self {
        case .duplicate(let what): "already exists: \(what)"
        case .notFound(let what): "not found: \(what)"
        case .corrupt(let what): "stored data cannot be read: \(what)"
        case .missingReference(let what): "refers to a record that does not exist: \(what)"
        case .unavailable(let why): "storage unavailable: \(why)"
        case .refused(let why): "refused by the store: \(why)"
        }
    }
}

extension StorageError {
    /// Why a write inside ``PortalStorage/read(_:)`` is refused, in every backend's words.
    public static let writeInsideRead = "a write inside storage.read, which only reads; write after it or in a transaction"
}

/// A storage whose own repositories are those of one ``Repositories`` value: each call standing alone.
public protocol StandaloneRepositories: Repositories {
    /// The repositories for calls outside a transaction.
    var standalone: any Repositories { get }
}

extension StandaloneRepositories {
    /// The companies (by id or portal key), each call on its own, outside any transaction.
    public var accounts: any AccountRepository { standalone.accounts }
    /// The back-office users, each call on its own.
    public var staffUsers: any StaffUserRepository { standalone.staffUsers }
    /// The customers (by id, or every one an email belongs to), each call on its own.
    public var customers: any CustomerRepository { standalone.customers }
    /// The jobs, including those behind leads, each call on its own.
    public var jobs: any JobRepository { standalone.jobs }
    /// The proposals, every version, each call on its own.
    public var proposals: any ProposalRepository { standalone.proposals }
    /// The invoices (by id or number), each call on its own.
    public var invoices: any InvoiceRepository { standalone.invoices }
    /// The payments (by id, invoice or idempotency key), each call on its own.
    public var payments: any PaymentRepository { standalone.payments }
    /// What service requests said, each call on its own.
    public var leads: any LeadRepository { standalone.leads }
    /// The login links' token hashes, each call on its own.
    public var loginTokens: any LoginTokenRepository { standalone.loginTokens }
    /// The portal and back-office sessions, each call on its own.
    public var sessions: any SessionRepository { standalone.sessions }
    /// The emails and webhooks to deliver, and the record of those delivered, each call on its own.
    public var outbox: any OutboxRepository { standalone.outbox }
    /// The audit trail, each call on its own.
    public var auditEvents: any AuditRepository { standalone.auditEvents }
    /// The emailed proposal links' token hashes, each call on its own.
    public var proposalLinks: any ProposalLinkRepository { standalone.proposalLinks }
    /// The API tokens' hashes, each call on its own.
    public var apiTokens: any APITokenRepository { standalone.apiTokens }
    /// The rate-limit, lockout and claim counters, each call on its own.
    public var counters: any CounterRepository { standalone.counters }
    /// What a customer's portal is read from, as the standalone repositories read it.
    public func portalDocuments(of customer: Customer.ID, in account: Account.ID, visitsFrom: CalendarDate) async throws -> PortalDocuments {
        try await standalone.portalDocuments(of: customer, in: account, visitsFrom: visitsFrom)
    }
    /// The catalogued record types' generic operations, each call on its own.
    public var recordStore: any RecordStore { standalone.recordStore }
}
