import HashTreeCollections
import PortalKernel

/// Every record of a JSON store, in memory, by table and id.
///
/// Tables are persistent hash maps (`TreeDictionary`): a transaction's working copy shares every node with the
/// committed state, and a write copies only the path to the row it changes, so a write costs O(log n), not a copy of
/// the table.
///
/// Tables are named as in SQLite (`customer`, `staffUser`, …) so both backends word their errors the same way.
struct JSONState: Sendable {
    var accounts: TreeDictionary<String, Account> = [:]
    var staffUsers: TreeDictionary<String, StaffUser> = [:]
    var customers: TreeDictionary<String, Customer> = [:]
    var jobs: TreeDictionary<String, Job> = [:]
    var proposals: TreeDictionary<String, Proposal> = [:]
    var invoices: TreeDictionary<String, Invoice> = [:]
    var payments: TreeDictionary<String, Payment> = [:]
    var leads: TreeDictionary<String, Lead> = [:]
    var loginTokens: TreeDictionary<String, LoginToken> = [:]
    var sessions: TreeDictionary<String, Session> = [:]
    var outbox: TreeDictionary<String, OutboxMessage> = [:]
    var auditEvents: TreeDictionary<String, AuditEvent> = [:]
    var proposalLinks: TreeDictionary<String, ProposalLink> = [:]
    var apiTokens: TreeDictionary<String, APIToken> = [:]

    /// Look-ups behind the portal queries.
    var indexes = JSONIndexes()

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
///
/// The state is passed `inout`, not held by the visitor, so a visitor that changes it does so in place instead of
/// copying whole tables.
protocol JSONTableVisitor {
    mutating func visit<Record: Codable & Sendable>(
        _ table: String, _ rows: WritableKeyPath<JSONState, TreeDictionary<String, Record>>,
        _ list: WritableKeyPath<StorageDump, [Record]>, id: (Record) -> String, state: inout JSONState) throws
}

extension JSONState {
    mutating func forEachTable(_ visitor: inout some JSONTableVisitor) throws {
        try visitor.visit("account", \.accounts, \.accounts, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("staffUser", \.staffUsers, \.staffUsers, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("customer", \.customers, \.customers, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("job", \.jobs, \.jobs, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("proposal", \.proposals, \.proposals, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("invoice", \.invoices, \.invoices, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("payment", \.payments, \.payments, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("lead", \.leads, \.leads, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("loginToken", \.loginTokens, \.loginTokens, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("session", \.sessions, \.sessions, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("outboxMessage", \.outbox, \.outbox, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("auditEvent", \.auditEvents, \.auditEvents, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("proposalLink", \.proposalLinks, \.proposalLinks, id: { $0.id.rawValue }, state: &self)
        try visitor.visit("apiToken", \.apiTokens, \.apiTokens, id: { $0.id.rawValue }, state: &self)
    }

    /// Every record as a dump, each list sorted by id.
    var dump: StorageDump {
        struct Collect: JSONTableVisitor {
            var dump = StorageDump()
            mutating func visit<Record: Codable & Sendable>(
                _ table: String, _ rows: WritableKeyPath<JSONState, TreeDictionary<String, Record>>,
                _ list: WritableKeyPath<StorageDump, [Record]>, id: (Record) -> String, state: inout JSONState
            ) {
                dump[keyPath: list] = state[keyPath: rows].sorted { $0.key < $1.key }.map(\.value)
            }
        }
        var collect = Collect()
        var reading = self
        try? reading.forEachTable(&collect)
        return collect.dump
    }

    /// Applies a committed transaction: its records replace (or add) rows by id, its deletions remove rows.
    mutating func apply(_ entry: JournalEntry) {
        struct Apply: JSONTableVisitor {
            let entry: JournalEntry
            mutating func visit<Record: Codable & Sendable>(
                _ table: String, _ rows: WritableKeyPath<JSONState, TreeDictionary<String, Record>>,
                _ list: WritableKeyPath<StorageDump, [Record]>, id: (Record) -> String, state: inout JSONState
            ) {
                for record in entry.put[keyPath: list] { state.write(record, id: id(record), into: rows, table: table) }
                for deleted in entry.delete[table] ?? [] { state.remove(id: deleted, from: rows, table: table) }
            }
        }
        var apply = Apply(entry: entry)
        try? forEachTable(&apply)
        sequence = entry.sequence
        touched = []
    }

    /// What this working copy changed since `touched` was last cleared, as the next journal entry.
    func changes(sequence: Int) -> JournalEntry {
        struct Collect: JSONTableVisitor {
            var entry: JournalEntry
            mutating func visit<Record: Codable & Sendable>(
                _ table: String, _ rows: WritableKeyPath<JSONState, TreeDictionary<String, Record>>,
                _ list: WritableKeyPath<StorageDump, [Record]>, id: (Record) -> String, state: inout JSONState
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
        var collect = Collect(entry: JournalEntry(sequence: sequence))
        var reading = self
        try? reading.forEachTable(&collect)
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
