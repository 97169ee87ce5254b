import PortalKernel

/// How a repository call reaches the state: on its own (committed state; a write is its own transaction) or
/// inside a transaction (its working copy).
struct JSONAccess: Sendable {
    enum Mode: Sendable {
        case standalone(JSONStorage)
        case transaction(WorkingCopy)
        /// A read group's state: fixed, and never written.
        case snapshot(JSONState)
    }

    let mode: Mode

    /// Like SQLite under GRDB, a cancelled task (a request whose client went away) gets `CancellationError`
    /// instead of touching the store, so a cancelled transaction never commits.
    func read<Result: Sendable>(_ body: (JSONState) throws -> Result) throws -> Result {
        try Task.checkCancellation()
        return switch mode {
        case .standalone(let storage): try body(ReadGroupScope.snapshot(for: storage, as: JSONState.self) ?? storage.current)
        case .transaction(let working): try body(working.state.withLock { $0 })
        case .snapshot(let state): try body(state)
        }
    }

    func write<Result: Sendable>(_ body: @Sendable (inout JSONState) throws -> Result) async throws -> Result {
        try Task.checkCancellation()
        switch mode {
        case .standalone(let storage):
            return try await storage.write(body)
        case .transaction(let working):
            // In place: every write checks its rules before it changes anything, so a failed step leaves the working
            // copy as it was, as in SQL.
            return try working.state.withLock { state in try body(&state) }
        case .snapshot:
            throw StorageError.refused(StorageError.writeInsideRead)
        }
    }
}

/// The operations every table shares, from the record catalogue (``JSONState/insert(_:)`` and its neighbours).
extension JSONAccess: RecordStore {
    func insert<Record: StoredRecord>(_ record: Record) async throws { try await write { try $0.insert(record) } }

    func update<Record: StoredRecord>(_ record: Record) async throws { try await write { try $0.update(record) } }

    func find<Record: StoredRecord>(_: Record.Type, id: String, in account: Account.ID) async throws -> Record? {
        try Record.storage.requireAccountScope()
        return try read { $0.row(Record.self, id, in: account) }
    }

    func all<Record: StoredRecord>(_ query: RecordQuery<Record>) async throws -> [Record] {
        try read { query.select(from: $0[Record.self].values) }
    }

    func unique<Record: StoredRecord>(_: Record.Type, key columns: [String], _ values: [String]) async throws -> Record? {
        try Record.storage.requireUniqueKey(columns)
        return try read { $0.unique(Record.self, columns, values) }
    }
}

/// A repository over one ``JSONAccess``: what every record type shares comes from the kernel's
/// ``CatalogueRepository`` over the access; a repository holds only the queries it answers its own way.
protocol JSONRecordRepository: CatalogueRepository {
    var access: JSONAccess { get }
}

extension JSONRecordRepository {
    var recordStore: any RecordStore { access }
}

/// Every repository over one ``JSONAccess``.
struct JSONRepositories: Repositories {
    let access: JSONAccess
    let counters: any CounterRepository

    var accounts: any AccountRepository { JSONAccountRepository(access: access) }
    var staffUsers: any StaffUserRepository { JSONStaffUserRepository(access: access) }
    var customers: any CustomerRepository { JSONCustomerRepository(access: access) }
    var jobs: any JobRepository { JSONJobRepository(access: access) }
    var proposals: any ProposalRepository { JSONProposalRepository(access: access) }
    var invoices: any InvoiceRepository { JSONInvoiceRepository(access: access) }
    var payments: any PaymentRepository { JSONPaymentRepository(access: access) }
    var leads: any LeadRepository { JSONLeadRepository(access: access) }
    var loginTokens: any LoginTokenRepository { JSONLoginTokenRepository(access: access) }
    var sessions: any SessionRepository { JSONSessionRepository(access: access) }
    var outbox: any OutboxRepository { JSONOutboxRepository(access: access) }
    var auditEvents: any AuditRepository { JSONAuditRepository(access: access) }
    var proposalLinks: any ProposalLinkRepository { JSONProposalLinkRepository(access: access) }
    var apiTokens: any APITokenRepository { JSONAPITokenRepository(access: access) }
    var recordStore: any RecordStore { access }
}
