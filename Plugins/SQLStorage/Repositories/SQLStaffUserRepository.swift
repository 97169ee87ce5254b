import PortalKernel

struct SQLStaffUserRepository: StaffUserRepository, SQLRecordRepository {
    typealias Record = StaffUser
    let access: SQLAccess

    func find(email: String, in account: Account.ID) async throws -> StaffUser? {
        try await access.first(
            StaffUser.self, where: "account_id = \(bind: account.rawValue) AND email = \(bind: EmailAddress.normalized(email))")
    }

    func all(email: String) async throws -> [StaffUser] {
        try await access.records(
            StaffUser.self,
            """
            SELECT CAST(staff_user.record AS text) AS record FROM staff_user JOIN account ON account.id = staff_user.account_id \
            WHERE staff_user.email = \(bind: EmailAddress.normalized(email)) ORDER BY account.created_at, account.id
            """)
    }
}
