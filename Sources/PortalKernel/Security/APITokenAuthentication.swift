/// Who a JSON API request is from (#20): the account and the token its bearer secret names.
public struct APITokenAuthentication: Sendable {
    let services: PortalServices

    /// Reads the API tokens and accounts from `services.storage`.
    public init(services: PortalServices) {
        self.services = services
    }

    /// The account and token of `secret`; `nil` for a malformed, unknown or revoked one, or a token whose account is
    /// gone. The secret is compared by its hash only.
    public func caller(secret: String) async throws -> (account: Account, token: APIToken)? {
        guard SecretToken.isWellFormed(secret), let token = try await services.storage.apiTokens.find(hash: SecretToken.hash(of: secret)),
            token.isActive, let account = try await services.storage.accounts.find(token.accountID)
        else { return nil }
        return (account, token)
    }
}
