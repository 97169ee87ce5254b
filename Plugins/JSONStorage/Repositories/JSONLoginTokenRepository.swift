import Foundation
import PortalKernel

struct JSONLoginTokenRepository: LoginTokenRepository {
    let access: JSONAccess

    func insert(_ token: LoginToken) async throws {
        try await access.write { state in
            try state.requireAccount(token.accountID)
            try state.requireUnique(token.tokenHash, in: \.loginTokens, except: token.id.rawValue, name: "loginToken.tokenHash") { $0.tokenHash }
            try state.insert(token, id: token.id.rawValue, into: \.loginTokens, table: "loginToken")
        }
    }

    func find(hash: String, in account: Account.ID) async throws -> LoginToken? {
        try access.read { state in state.loginTokens.values.first { $0.accountID == account && $0.tokenHash == hash } }
    }

    func consume(hash: String, in account: Account.ID, at instant: Date) async throws -> LoginToken? {
        // Writes are serialised, so check-then-mark cannot be raced: of two concurrent uses, one finds it used.
        try await access.write { state in
            guard var token = state.loginTokens.values.first(where: { $0.accountID == account && $0.tokenHash == hash }),
                token.isUsable(at: instant)
            else { return nil }
            token.usedAt = instant
            state.write(token, id: token.id.rawValue, into: \.loginTokens, table: "loginToken")
            return token
        }
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.write { state in
            let expired = state.loginTokens.values.filter { $0.expiresAt < instant }.map(\.id.rawValue)
            for id in expired { state.remove(id: id, from: \.loginTokens, table: "loginToken") }
            return expired.count
        }
    }
}
