import Foundation
import PortalKernel

struct SQLLoginTokenRepository: LoginTokenRepository, SQLRecordRepository {
    typealias Record = LoginToken
    let access: SQLAccess

    func find(hash: String, in account: Account.ID) async throws -> LoginToken? {
        try await access.first(LoginToken.self, where: "account_id = \(bind: account.rawValue) AND token_hash = \(bind: hash)")
    }

    func consume(hash: String, in account: Account.ID, at instant: Date) async throws -> LoginToken? {
        try await access.inTransaction { access in
            // The row lock makes a concurrent use wait; it then finds the token used, and gets nothing.
            guard var token = try await SQLLoginTokenRepository(access: access).find(hash: hash, in: account),
                token.usedAt == nil, token.expiresAt > instant
            else { return nil }
            token.usedAt = instant
            try await access.update(token)
            return token
        }
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.count("DELETE FROM login_token WHERE expires_at < \(bind: instant.storedPrecision) RETURNING 1")
    }
}
