import Foundation
import Hummingbird
import PortalKernel

/// One request to an account's portal: the account, the logged-in client if any, the CSRF token, and the helpers
/// to answer with a page or a redirect.
struct PortalVisit: BrowserVisit {
    static let sessionCookieName = "portal_session"

    let env: PortalEnvironment
    let request: Request
    let account: Account
    let client: ClientSessions.Client?
    let csrfToken: String
    let csrfIsNew: Bool
    let origin: RequestOrigin

    /// The visit for `request`; an unknown portal key answers the plain 404 page.
    static func start(_ request: Request, context: PortalRequestContext, env: PortalEnvironment) async throws -> PortalVisit {
        let key = try context.parameters.require("portalKey")
        guard let account = try await env.portal.account(portalKey: key) else {
            throw PageResponse(PortalVisit.notFoundPage(env: env, request: request))
        }
        return try await start(request, context: context, env: env, account: account)
    }

    /// The visit for `request` to `account`'s pages, with the client's session when the cookie holds one.
    static func start(
        _ request: Request, context: PortalRequestContext, env: PortalEnvironment, account: Account
    ) async throws -> PortalVisit {
        var client: ClientSessions.Client?
        if let cookie = request.cookies[sessionCookieName]?.value, SecretToken.isWellFormed(cookie) {
            client = try await env.sessions.resume(cookieValue: cookie, account: account)
        }
        let csrf = env.csrf.token(for: request)
        return PortalVisit(
            env: env, request: request, account: account, client: client, csrfToken: csrf.value, csrfIsNew: csrf.isNew,
            origin: ClientAddress.origin(of: request, context: context, trustForwardedFor: env.trustForwardedFor))
    }

    /// The plain 404 page, outside any account (an unknown portal key, a dead proposal link).
    static func notFoundPage(env: PortalEnvironment, request: Request) -> Response {
        let csrf = env.csrf.token(for: request)
        let chrome = PageChrome(title: "Page not found", brandName: "Client Portal", csrf: csrf.value)
        return env.renderer.render("not-found", ["chrome": chrome], status: .notFound)
    }

    var format: Formatting { Formatting(account: account) }

    /// The account's portal link.
    var portalURL: String { env.links.portal(account) }

    /// A path under this portal (`/portal/{key}/invoices/…`), relative to the server.
    func path(_ suffix: String = "") -> String { "/portal/\(account.portalKey)\(suffix)" }

    /// The layout's data for a page titled `title`.
    func chrome(_ title: String) -> PageChrome {
        let branding = account.branding
        return PageChrome(
            title: title, brandName: branding.displayName, logoURL: branding.logoURL, brandPhone: branding.phone,
            brandPhoneURI: branding.phone.flatMap(TelephoneURI.of),
            brandEmail: branding.email, homeURL: path(), themeURL: path("/theme.css"),
            client: client.map { PageChrome.ClientChrome(name: $0.customer.displayName) }, logoutURL: path("/logout"),
            csrf: csrfToken)
    }

    /// The 404 page of this account: someone else's record answers exactly like one that does not exist.
    func notFound() -> Response {
        page("not-found", ["chrome": chrome("Page not found")], status: .notFound)
    }

    /// The logged-in client; anyone else is sent to the login page.
    func requireClient() throws -> ClientSessions.Client {
        guard let client else { throw PageResponse(redirect(to: path("/login"))) }
        return client
    }

    func expiredFormPage() -> Response {
        page(
            "message",
            MessagePage(
                chrome: chrome("Form expired"), heading: "This form has expired", paragraphs: [expiredFormAdvice],
                link: .init(url: path(), label: "Back to the portal")),
            status: .forbidden)
    }

    /// The session cookie for a new session, scoped to this portal's path so two companies' portals on one host
    /// never share a login.
    func sessionCookie(_ value: String) -> Cookie {
        sessionCookie(named: Self.sessionCookieName, value, path: path(), lifetime: env.policy.sessionLifetime)
    }

    /// A cookie that removes the session cookie.
    func expiredSessionCookie() -> Cookie { sessionCookie("") }
}

/// A finished response thrown from deep inside a handler (a 404 page, a redirect to login).
struct PageResponse: HTTPResponseError {
    let response: Response

    init(_ response: Response) {
        self.response = response
    }

    var status: HTTPResponse.Status { response.status }

    func response(from request: Request, context: some RequestContext) throws -> Response { response }
}

/// A generic page: a heading, a few paragraphs and a link.
struct MessagePage {
    struct Link {
        let url: String
        let label: String
    }

    let chrome: PageChrome
    let heading: String
    let paragraphs: [String]
    var link: Link?
}
