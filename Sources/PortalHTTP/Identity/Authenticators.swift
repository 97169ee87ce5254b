import Hummingbird
import HummingbirdAuth
import PortalKernel

/// Finds the staff user of the request's `admin_session` cookie (#20): a session that is known, not expired and
/// not ended, of a user who is still active; `nil` otherwise, and the route decides (``IdentityRequired``).
struct StaffSessionAuthenticator: AuthenticatorMiddleware {
    typealias Context = StaffRequestContext
    /// Resumes the cookie's session: checks it is an active staff session of a user who still exists.
    let staffSessions: StaffSessions

    func authenticate(request: Request, context: Context) async throws -> StaffSessions.Staff? {
        guard let cookie = request.cookies[AdminVisit.sessionCookieName]?.value, SecretToken.isWellFormed(cookie) else { return nil }
        return try await staffSessions.resume(cookieValue: cookie)
    }
}

/// Finds the client of the request's `portal_session` cookie in the context's account (#20): a session of another
/// account's portal is not one here.
struct ClientSessionAuthenticator: AuthenticatorMiddleware {
    typealias Context = ClientRequestContext
    /// Resumes the cookie's session in the context's account.
    let sessions: ClientSessions

    func authenticate(request: Request, context: Context) async throws -> ClientSessions.Client? {
        guard let account = context.account, let cookie = request.cookies[PortalVisit.sessionCookieName]?.value,
            SecretToken.isWellFormed(cookie)
        else { return nil }
        return try await sessions.resume(cookieValue: cookie, account: account)
    }
}

/// Finds the caller of the request's bearer token (#20, SPEC Interfaces): `Authorization: Bearer <token>` (the
/// scheme in any case) of a token that is known and not revoked, compared by its hash.
struct APITokenAuthenticator: AuthenticatorMiddleware {
    typealias Context = APIRequestContext
    /// Finds the token by its hash, not revoked, and its account.
    let apiTokens: APITokenAuthentication

    func authenticate(request: Request, context: Context) async throws -> APICaller? {
        guard let secret = Self.bearer(request),
            let (account, token) = try await apiTokens.caller(secret: secret)
        else { return nil }
        return APICaller(account: account, actor: .apiToken(token.id))
    }

    /// The token of the `Authorization: Bearer …` header; `nil` without one.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }
}

/// Sets the context's account from the path's `{portalKey}`; an unknown key answers the plain 404 page, outside
/// any account's branding.
struct PortalAccountMiddleware: RouterMiddleware {
    typealias Context = ClientRequestContext
    /// Draws the plain 404 page for an unknown portal key.
    let front: BrowserFront
    /// Finds the account of a portal key.
    let portal: CustomerPortal

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let account = try await portal.account(portalKey: try context.parameters.require("portalKey")) else {
            return PortalVisit.notFoundPage(front: front, request: request)
        }
        var context = context
        context.account = account
        return try await next(request, context)
    }
}
