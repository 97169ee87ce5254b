import GRDB
import PortalKernel

struct SQLiteStaffUserRepository: StaffUserRepository {
    let access: SQLiteAccess

    func insert(_ user: StaffUser) async throws { try await access.insert(user) }

    func update(_ user: StaffUser) async throws { try await access.update(user) }

    func find(_ id: StaffUser.ID, in account: Account.ID) async throws -> StaffUser? {
        try await access.find(StaffUser.self, id: id.rawValue, in: account)
    }

    func find(email: String, in account: Account.ID) async throws -> StaffUser? {
        let email = EmailAddress.normalized(email)
        return try await access.fetchOne({ $0.filter(Column("email") == email) }, in: account)
    }

    func all(email: String) async throws -> [StaffUser] {
        let email = EmailAddress.normalized(email)
        return try await access.read { db in
            try StaffUser.fetchAll(
                db,
                sql: """
                    SELECT staffUser.* FROM staffUser JOIN account ON account.id = staffUser.accountID
                    WHERE staffUser.email = ? ORDER BY account.createdAt, account.id
                    """,
                arguments: [email])
        }
    }

    func all(in account: Account.ID) async throws -> [StaffUser] {
        try await access.fetchAll({ $0.order(Column("name"), Column("id")) }, in: account)
    }
}
