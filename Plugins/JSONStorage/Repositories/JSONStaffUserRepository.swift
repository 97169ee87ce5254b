import PortalKernel

struct JSONStaffUserRepository: StaffUserRepository {
    let access: JSONAccess

    func insert(_ user: StaffUser) async throws {
        try await access.write { state in
            try Self.check(user, in: state)
            try state.insert(user, id: user.id.rawValue, into: \.staffUsers, table: "staffUser")
        }
    }

    func update(_ user: StaffUser) async throws {
        try await access.write { state in
            try Self.check(user, in: state)
            try state.update(user, id: user.id.rawValue, in: user.accountID, into: \.staffUsers, table: "staffUser") { $0.accountID }
        }
    }

    func find(_ id: StaffUser.ID, in account: Account.ID) async throws -> StaffUser? {
        try access.read { $0.row(\.staffUsers, id.rawValue, in: account) }
    }

    func find(email: String, in account: Account.ID) async throws -> StaffUser? {
        let email = EmailAddress.normalized(email)
        return try access.read { state in state.staffUsers.values.first { $0.accountID == account && $0.email == email } }
    }

    func all(email: String) async throws -> [StaffUser] {
        let email = EmailAddress.normalized(email)
        return try access.read { state in
            state.staffUsers.values.filter { $0.email == email }.sorted { first, second in
                let a = state.accounts[first.accountID.rawValue]
                let b = state.accounts[second.accountID.rawValue]
                return (a?.createdAt ?? .distantPast, first.accountID) < (b?.createdAt ?? .distantPast, second.accountID)
            }
        }
    }

    func all(in account: Account.ID) async throws -> [StaffUser] {
        try access.read { state in
            state.staffUsers.values.filter { $0.accountID == account }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        }
    }

    private static func check(_ user: StaffUser, in state: JSONState) throws {
        try state.requireAccount(user.accountID)
        try state.requireUnique(user.email, in: \.staffUsers, except: user.id.rawValue, name: "staffUser.accountID, staffUser.email") {
            $0.accountID == user.accountID ? $0.email : nil
        }
    }
}
