import PortalKernel

struct JSONAPITokenRepository: APITokenRepository {
    let access: JSONAccess

    func insert(_ token: APIToken) async throws {
        try await access.write { state in
            try state.requireAccount(token.accountID)
            try state.requireUnique(token.tokenHash, in: \.apiTokens, except: token.id.rawValue, name: "apiToken.tokenHash") { $0.tokenHash }
            try state.insert(token, id: token.id.rawValue, into: \.apiTokens, table: "apiToken")
        }
    }

    func update(_ token: APIToken) async throws {
        try await access.write { state in
            try state.requireUnique(token.tokenHash, in: \.apiTokens, except: token.id.rawValue, name: "apiToken.tokenHash") { $0.tokenHash }
            try state.update(token, id: token.id.rawValue, in: token.accountID, into: \.apiTokens, table: "apiToken") { $0.accountID }
        }
    }

    func find(hash: String) async throws -> APIToken? {
        try access.read { state in state.apiTokens.values.first { $0.tokenHash == hash } }
    }

    func find(_ id: APIToken.ID, in account: Account.ID) async throws -> APIToken? {
        try access.read { $0.row(\.apiTokens, id.rawValue, in: account) }
    }

    func all(in account: Account.ID) async throws -> [APIToken] {
        try access.read { state in
            state.apiTokens.values.filter { $0.accountID == account }.sorted { ($1.createdAt, $0.id) < ($0.createdAt, $1.id) }
        }
    }
}
