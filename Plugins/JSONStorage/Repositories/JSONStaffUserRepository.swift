import PortalKernel

struct JSONStaffUserRepository: StaffUserRepository, JSONRecordRepository {
    typealias Record = StaffUser
    let access: JSONAccess

    func find(email: String, in account: Account.ID) async throws -> StaffUser? {
        let email = EmailAddress.normalized(email)
        return try access.read { $0.unique(StaffUser.self, ["account_id", "email"], [account.rawValue, email]) }
    }

    func all(email: String) async throws -> [StaffUser] {
        let email = EmailAddress.normalized(email)
        return try access.read { state in
            let accounts = state[Account.self]
            return state[StaffUser.self].values.filter { $0.email == email }.sorted { first, second in
                let a = accounts[first.accountID.rawValue]
                let b = accounts[second.accountID.rawValue]
                return (a?.createdAt ?? .distantPast, first.accountID) < (b?.createdAt ?? .distantPast, second.accountID)
            }
        }
    }
}
