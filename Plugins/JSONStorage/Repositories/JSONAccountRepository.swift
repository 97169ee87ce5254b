import PortalKernel

struct JSONAccountRepository: AccountRepository {
    let access: JSONAccess

    func insert(_ account: Account) async throws {
        try await access.write { state in
            try state.requireUnique(account.portalKey, in: \.accounts, except: account.id.rawValue, name: "account.portalKey") { $0.portalKey }
            try state.insert(account, id: account.id.rawValue, into: \.accounts, table: "account")
        }
    }

    func update(_ account: Account) async throws {
        try await access.write { state in
            try state.requireUnique(account.portalKey, in: \.accounts, except: account.id.rawValue, name: "account.portalKey") { $0.portalKey }
            try state.update(account, id: account.id.rawValue, in: nil, into: \.accounts, table: "account") { _ in nil }
        }
    }

    func find(_ id: Account.ID) async throws -> Account? {
        try access.read { $0.accounts[id.rawValue] }
    }

    func find(portalKey: String) async throws -> Account? {
        try access.read { state in state.accounts.values.first { $0.portalKey == portalKey } }
    }

    func all() async throws -> [Account] {
        try access.read { state in state.accounts.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    }
}
