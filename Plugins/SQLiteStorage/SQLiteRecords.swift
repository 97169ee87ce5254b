import GRDB
import PortalKernel

// The kernel's records are plain Codable structs; GRDB stores them as they are. Table names follow GRDB's default
// (the type name with a lower-case first letter: `StaffUser` is `staffUser`). Nested values are JSON columns.

extension Account: FetchableRecord, PersistableRecord {}
extension StaffUser: FetchableRecord, PersistableRecord {}
extension Customer: FetchableRecord, PersistableRecord {}
extension Job: FetchableRecord, PersistableRecord {}
extension Proposal: FetchableRecord, PersistableRecord {}
extension Invoice: FetchableRecord, PersistableRecord {}
extension Payment: FetchableRecord, PersistableRecord {}
extension Lead: FetchableRecord, PersistableRecord {}
extension LoginToken: FetchableRecord, PersistableRecord {}
extension Session: FetchableRecord, PersistableRecord {}
extension OutboxMessage: FetchableRecord, PersistableRecord {}
extension AuditEvent: FetchableRecord, PersistableRecord {}
extension ProposalLink: FetchableRecord, PersistableRecord {}
extension APIToken: FetchableRecord, PersistableRecord {}
extension Counter: FetchableRecord, PersistableRecord {}

/// A record that belongs to one account, so it is always read and written together with that account's id.
protocol AccountScoped: FetchableRecord, PersistableRecord, Sendable {
    var idValue: String { get }
    var accountID: Account.ID { get }
}

extension StaffUser: AccountScoped { var idValue: String { id.rawValue } }
extension Customer: AccountScoped { var idValue: String { id.rawValue } }
extension Job: AccountScoped { var idValue: String { id.rawValue } }
extension Proposal: AccountScoped { var idValue: String { id.rawValue } }
extension Invoice: AccountScoped { var idValue: String { id.rawValue } }
extension Payment: AccountScoped { var idValue: String { id.rawValue } }
extension Lead: AccountScoped { var idValue: String { id.rawValue } }
extension LoginToken: AccountScoped { var idValue: String { id.rawValue } }
extension OutboxMessage: AccountScoped { var idValue: String { id.rawValue } }
extension AuditEvent: AccountScoped { var idValue: String { id.rawValue } }
extension ProposalLink: AccountScoped { var idValue: String { id.rawValue } }
extension APIToken: AccountScoped { var idValue: String { id.rawValue } }

extension AccountScoped {
    /// Rows of this type in `account` (every query starts here).
    static func scoped(to account: Account.ID) -> QueryInterfaceRequest<Self> {
        filter(Column("accountID") == account.rawValue)
    }

    static func find(id: String, in account: Account.ID, _ db: Database) throws -> Self? {
        try scoped(to: account).filter(Column("id") == id).fetchOne(db)
    }

    /// Updates the row only when it exists in the record's own account; otherwise `StorageError.notFound`.
    func updateScoped(_ db: Database) throws {
        guard try Self.scoped(to: accountID).filter(Column("id") == idValue).fetchCount(db) == 1 else {
            throw StorageError.notFound("\(Self.databaseTableName) \(idValue)")
        }
        try update(db)
    }
}

extension SQLiteAccess {
    func insert<Record: AccountScoped>(_ record: Record) async throws {
        try await write { db in try record.insert(db) }
    }

    func update<Record: AccountScoped>(_ record: Record) async throws {
        try await write { db in try record.updateScoped(db) }
    }

    func find<Record: AccountScoped>(_: Record.Type, id: String, in account: Account.ID) async throws -> Record? {
        try await read { db in try Record.find(id: id, in: account, db) }
    }

    func fetchOne<Record: AccountScoped>(
        _ request: @escaping @Sendable (QueryInterfaceRequest<Record>) -> QueryInterfaceRequest<Record>,
        in account: Account.ID
    ) async throws -> Record? {
        try await read { db in try request(Record.scoped(to: account)).fetchOne(db) }
    }

    func fetchAll<Record: AccountScoped>(
        _ request: @escaping @Sendable (QueryInterfaceRequest<Record>) -> QueryInterfaceRequest<Record>,
        in account: Account.ID
    ) async throws -> [Record] {
        try await read { db in try request(Record.scoped(to: account)).fetchAll(db) }
    }
}
