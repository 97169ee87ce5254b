import PortalKernel

struct PostgresStaffUserRepository: StaffUserRepository {
    let access: PostgresAccess

    func insert(_ user: StaffUser) async throws { try await access.insert(user) }

    func update(_ user: StaffUser) async throws { try await access.update(user) }

    func find(_ id: StaffUser.ID, in account: Account.ID) async throws -> StaffUser? {
        try await access.find(StaffUser.self, id: id.rawValue, in: account)
    }

    func find(email: String, in account: Account.ID) async throws -> StaffUser? {
        try await access.first(StaffUser.self, where: "account_id = $1 AND email = $2", [account.rawValue, EmailAddress.normalized(email)])
    }

    func all(email: String) async throws -> [StaffUser] {
        try await access.records(
            """
            SELECT staff_user.record::text FROM staff_user JOIN account ON account.id = staff_user.account_id
            WHERE staff_user.email = \(EmailAddress.normalized(email)) ORDER BY account.created_at, account.id
            """)
    }

    func all(in account: Account.ID) async throws -> [StaffUser] {
        try await access.all(StaffUser.self, where: "account_id = $1", [account.rawValue], orderBy: "name, id")
    }
}
