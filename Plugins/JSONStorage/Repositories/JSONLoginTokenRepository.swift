import Foundation
import PortalKernel

struct JSONLoginTokenRepository: LoginTokenRepository, JSONRecordRepository {
    typealias Record = LoginToken
    let access: JSONAccess

    func find(hash: String, in account: Account.ID) async throws -> LoginToken? {
        try access.read { $0.unique(LoginToken.self, ["token_hash"], [hash]).flatMap { $0.accountID == account ? $0 : nil } }
    }

    func consume(hash: String, in account: Account.ID, at instant: Date) async throws -> LoginToken? {
        // Writes are serialised, so check-then-mark cannot be raced: of two concurrent uses, one finds it used.
        try await access.write { state in
            guard var token = state.unique(LoginToken.self, ["token_hash"], [hash]), token.accountID == account, token.isUsable(at: instant)
            else { return nil }
            token.usedAt = instant
            state.write(token)
            return token
        }
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.write { state in
            let expired = state[LoginToken.self].values.filter { $0.expiresAt < instant }.map(\.id.rawValue)
            for id in expired { state.remove(LoginToken.self, id: id) }
            return expired.count
        }
    }
}
