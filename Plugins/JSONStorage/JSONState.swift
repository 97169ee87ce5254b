import PortalKernel

/// Every record of a JSON store, in memory, by table and id.
///
/// Tables are named as in SQLite (`customer`, `staffUser`, …) so both backends word their errors the same way.
struct JSONState: Sendable {
    var accounts: [String: Account] = [:]
    var staffUsers: [String: StaffUser] = [:]
    var customers: [String: Customer] = [:]
    var jobs: [String: Job] = [:]
    var proposals: [String: Proposal] = [:]
    var invoices: [String: Invoice] = [:]
    var payments: [String: Payment] = [:]
    var leads: [String: Lead] = [:]
    var loginTokens: [String: LoginToken] = [:]
    var sessions: [String: Session] = [:]
    var outbox: [String: OutboxMessage] = [:]

    /// The sequence number of the last transaction applied.
    var sequence = 0
    /// Rows changed since the last commit, as `table/id` (only in a transaction's working copy).
    var touched: Set<RowKey> = []

    /// A row: its table's name and its id.
    struct RowKey: Hashable, Sendable {
        let table: String
        let id: String
    }
}

/// Something done once per table: the one place that lists the tables, where they live in memory and in a dump.
protocol JSONTableVisitor {
    mutating func visit<Record: Codable & Sendable>(
        _ table: String, _ rows: WritableKeyPath<JSONState, [String: Record]>,
        _ list: WritableKeyPath<StorageDump, [Record]>, id: (Record) -> String) throws
}

extension JSONState {
    static func forEachTable(_ visitor: inout some JSONTableVisitor) throws {
        try visitor.visit("account", \.accounts, \.accounts) { $0.id.rawValue }
        try visitor.visit("staffUser", \.staffUsers, \.staffUsers) { $0.id.rawValue }
        try visitor.visit("customer", \.customers, \.customers) { $0.id.rawValue }
        try visitor.visit("job", \.jobs, \.jobs) { $0.id.rawValue }
        try visitor.visit("proposal", \.proposals, \.proposals) { $0.id.rawValue }
        try visitor.visit("invoice", \.invoices, \.invoices) { $0.id.rawValue }
        try visitor.visit("payment", \.payments, \.payments) { $0.id.rawValue }
        try visitor.visit("lead", \.leads, \.leads) { $0.id.rawValue }
        try visitor.visit("loginToken", \.loginTokens, \.loginTokens) { $0.id.rawValue }
        try visitor.visit("session", \.sessions, \.sessions) { $0.id.rawValue }
        try visitor.visit("outboxMessage", \.outbox, \.outbox) { $0.id.rawValue }
    }

    /// Every record as a dump, each list sorted by id.
    var dump: StorageDump {
        struct Collect: JSONTableVisitor {
            let state: JSONState
            var dump = StorageDump()
            mutating func visit<Record: Codable & Sendable>(
                _ table: String, _ rows: WritableKeyPath<JSONState, [String: Record]>,
                _ list: WritableKeyPath<StorageDump, [Record]>, id: (Record) -> String
            ) {
                dump[keyPath: list] = state[keyPath: rows].sorted { $0.key < $1.key }.map(\.value)
            }
        }
        var collect = Collect(state: self)
        try? Self.forEachTable(&collect)
        return collect.dump
    }

    /// Applies a committed transaction: its records replace (or add) rows by id, its deletions remove rows.
    mutating func apply(_ entry: JournalEntry) {
        struct Apply: JSONTableVisitor {
            var state: JSONState
            let entry: JournalEntry
            mutating func visit<Record: Codable & Sendable>(
                _ table: String, _ rows: WritableKeyPath<JSONState, [String: Record]>,
                _ list: WritableKeyPath<StorageDump, [Record]>, id: (Record) -> String
            ) {
                for record in entry.put[keyPath: list] { state[keyPath: rows][id(record)] = record }
                for deleted in entry.delete[table] ?? [] { state[keyPath: rows][deleted] = nil }
            }
        }
        var apply = Apply(state: self, entry: entry)
        try? Self.forEachTable(&apply)
        self = apply.state
        sequence = entry.sequence
        touched = []
    }

    /// What this working copy changed since `touched` was last cleared, as the next journal entry.
    func changes(sequence: Int) -> JournalEntry {
        struct Collect: JSONTableVisitor {
            let state: JSONState
            var entry: JournalEntry
            mutating func visit<Record: Codable & Sendable>(
                _ table: String, _ rows: WritableKeyPath<JSONState, [String: Record]>,
                _ list: WritableKeyPath<StorageDump, [Record]>, id: (Record) -> String
            ) {
                let ids = state.touched.filter { $0.table == table }.map(\.id).sorted()
                for rowID in ids {
                    if let record = state[keyPath: rows][rowID] {
                        entry.put[keyPath: list].append(record)
                    } else {
                        entry.delete[table, default: []].append(rowID)
                    }
                }
            }
        }
        var collect = Collect(state: self, entry: JournalEntry(sequence: sequence))
        try? Self.forEachTable(&collect)
        return collect.entry
    }
}

/// One committed transaction, one line of `journal.jsonl`: the rows it wrote, whole, and the ids it deleted.
struct JournalEntry: Codable, Sendable, Equatable {
    var sequence: Int
    var put = StorageDump()
    var delete: [String: [String]] = [:]

    init(sequence: Int) {
        self.sequence = sequence
    }

    var isEmpty: Bool { put.isEmpty && delete.isEmpty }
}
